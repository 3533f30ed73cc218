"""Renstra / RPJMD plan tables (T-C.27, Tabel 6.1): year groups over ``Target | Rp`` pairs.

Permendagri 86/2017 prints a Renstra's *Rencana Program, Kegiatan, Indikator Kinerja,
Kelompok Sasaran dan Pendanaan Indikatif* as ``Tujuan | Sasaran | Kode | Program dan
Kegiatan | Indikator Kinerja | Data Capaian pada Tahun Awal Perencanaan`` followed by one
group per year (``Tahun 2021``, ``2022``, ``Tahun-1``, ``Tahun ke-2``) standing over a pair
``Target | Rp`` (``Target | Pagu``, ``Kinerja | Anggaran``, ``Target | Dana``), the group
``Kondisi Kinerja pada Akhir Periode`` over one more pair, then ``Unit Kerja ...
Penanggung Jawab | Lokasi``. Often a group ``Target Kinerja Program dan Kerangka
Pendanaan`` stands over the year groups, and a row ``(1) (2) ...`` under the header.

:func:`as_table` turns such a sheet into the grid of an ordinary by-year table: the header
rows become one row whose pair columns read ``Target 2026 | Pagu 2026`` (the general reader
then writes one target and one pagu per indicator and year, :mod:`by_year`), the other
header rows are emptied and each row keeps its spreadsheet row number. A group is the
merged range of its cell or, where the merge was lost (CSV), its cell and the empty cells
to its right up to the next group. What stays unread, with a note: the kondisi akhir pair
(the last year's target again and the period's total, never a year's pagu) and the
baseline column (a year's realisasi only where the header prints the year). Relative years
(``Tahun-1`` .. ``Tahun-5``, ``Tahun ke-1``) are resolved from the period the title,
sheet name or file name prints (``2026-2030``); without one the sheet is refused with an
error naming file, sheet, row, column and value (a year is never guessed). A code split
over several columns under one ``Kode`` group is joined with dots (``7 | 01 | 01 | 2 |
01`` -> ``7.01.01.2.01``).

The words are data: ``PAIR_LABELS``, ``END_GROUPS``, ``BASELINE``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.errors import IngestError
from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables import plan_rows
from analysis.ingest.tables.header_block import cell_texts
from analysis.ingest.tables.headers import (
    header_field,
    header_year,
    is_numbered_row,
    normalise_header,
)

SCAN_ROWS = 40
PLAN_YEARS = 5
"""Years of a Renstra / RPJMD period (Permendagri 86/2017); a table may print fewer groups."""

PAIR_LABELS: dict[str, str] = {
    "target": "Target",
    "target kinerja": "Target",
    "kinerja": "Target",
    "k": "Target",
    "rp": "Pagu",
    "pagu": "Pagu",
    "pagu indikatif": "Pagu",
    "pagu indikatif rp": "Pagu",
    "anggaran": "Pagu",
    "anggaran rp": "Pagu",
    "dana": "Pagu",
    "dana rp": "Pagu",
    "pagu rp": "Pagu",
    "pendanaan rp": "Pagu",
    "pendanaan": "Pagu",
    "kerangka pendanaan": "Pagu",
}
"""Sub-labels of a year group (normalised) -> what the column is in the rewritten header.
A group is a plan year only when it stands over one target and one money column. Money in
another unit (``Rp (juta)``) is not listed: such a table is left to the general reader
rather than read as rupiah."""

END_GROUPS = re.compile(r"(?i)\bkondisi\b.*\bakhir\b|\bakhir\s+periode\b|\bcapaian\b.*\bakhir\b")
"""Groups over the period's end condition (the last target again and the total pagu)."""

BASELINE = re.compile(
    r"(?i)\bkondisi\b.*\bawal\b|\btahun\s+awal\s+perencanaan\b|\bcapaian\s+awal\b|\bbaseline\b"
)
"""The baseline column: the condition before the plan's first year (no year of its own)."""

NOT_PLAN = re.compile(r"(?i)\b(?:realisasi|capaian|rasio|tingkat|evaluasi|selisih)\b")
"""Words of a group standing over year groups that make them another table's years (a
Renja evaluation's ``Realisasi ... / Tahun 2022 / K | Rp``): such years stay for the
general reader, never a plan's targets."""

PLAN_GROUP = re.compile(r"(?i)\bkerangka\s+pendanaan\b|\bpendanaan\s+indikatif\b")
"""Words of the Permendagri 86/2017 plan group (``Capaian Kinerja Program dan Kerangka
Pendanaan``): a plan's years although the group says ``capaian``, unless it also names
realisasi, evaluasi or selisih (``HARD_NOT_PLAN``)."""

HARD_NOT_PLAN = re.compile(r"(?i)\b(?:realisasi|evaluasi|selisih)\b")

CONTEXT_INDICATOR = re.compile(r"(?i)^\s*indikator\s+(?:kinerja\s+)?(?:sasaran|tujuan)\b")
"""The sasaran's / tujuan's indicator printed beside the program's: the grouping the rows
stand under (read as context, like ``Sasaran``), never the row's indicator, when another
column holds the program / kegiatan / sub kegiatan indicator."""

CONTEXT_LABEL = "Sasaran"
"""What such a column is read as (a header that names the ``sasaran`` context field)."""

ABSOLUTE = re.compile(r"(?i)^(?:tahun\s*(?:anggaran\s*)?)?((?:19|20)\d\d)(?:\s*\(.*\))?$")
RELATIVE = re.compile(r"(?i)^tahun\s*(?:ke)?\s*[-\u2010-\u2013]?\s*([1-9])$")
PERIOD = re.compile(
    r"((?:19|20)\d\d)\s*(?:-|\u2013|\u2014|/|s\.?\s*d\.?|sampai(?:\s+dengan)?)\s*((?:19|20)\d\d)"
)
CODE_PART = re.compile(r"^\d{1,2}$|^\d[.,]\d{2}$|^[xX]{1,2}$")


def _groups(
    texts: list[str],
    sub: list[str],
    merged_spans: dict[int, int],
    width: int,
    starts_above: frozenset[int] = frozenset(),
) -> list[tuple[int, int]]:
    """(first, last) column of each group cell of a row: its merge, else the cell and the
    empty cells right of it that have a sub-label below, up to the next group cell or a
    column where a head row above starts a cell of its own (``starts_above``: unmerged,
    ``2023`` under ``Capaian ...`` ends where ``Kondisi Kinerja Akhir`` begins above)."""
    out = []
    filled = [c for c, t in enumerate(texts) if t]
    for i, c in enumerate(filled):
        if c in merged_spans:
            out.append((c, merged_spans[c]))
            continue
        nxt = filled[i + 1] if i + 1 < len(filled) else width
        last = c
        while (
            last + 1 < nxt
            and last + 1 < len(sub)
            and sub[last + 1]
            and last + 1 not in starts_above
        ):
            last += 1
        out.append((c, last))
    return out


def _pair(sub: list[str], first: int, last: int) -> list[str] | None:
    """The rewritten sub-labels of a group's columns when they are one target and one money."""
    labels = [
        PAIR_LABELS.get(normalise_header(sub[c])) if c < len(sub) else None
        for c in range(first, last + 1)
    ]
    kinds = sorted(lab.split()[0] for lab in labels if lab)
    if len(labels) == 2 and kinds == ["Pagu", "Target"]:
        return labels  # type: ignore[return-value]
    return None


def _period(lines: list[str]) -> tuple[int, int] | None:
    for line in lines:
        m = PERIOD.search(line)
        if m and int(m.group(1)) < int(m.group(2)) <= int(m.group(1)) + 10:
            return int(m.group(1)), int(m.group(2))
    return None


def as_table(grid: SheetGrid) -> tuple[SheetGrid, list[str], list[IngestError]] | None:
    """:func:`as_tables` without the extra tables."""
    out = as_tables(grid)
    return None if out is None else out[:3]


def as_tables(
    grid: SheetGrid,
) -> tuple[SheetGrid, list[str], list[IngestError], list[SheetGrid]] | None:
    """The sheet as an ordinary by-year table, with notes, errors and extra tables (the
    sasaran-indicator rows as an IKU table, :func:`plan_rows.set_aside`); ``None`` when it
    is not a plan table (no row of two or more year groups each over a target/money pair)."""
    n = min(len(grid.cells), SCAN_ROWS)
    if n < 2:
        return None
    top = grid.cells.iloc[:n].to_numpy(dtype=object)
    texts = [cell_texts(top[r]) for r in range(n)]
    # two year groups are needed: a sheet with fewer year labels is not looked at further
    labels = (t for row in texts for t in row if t)
    if sum(1 for t in labels if ABSOLUTE.match(t) or RELATIVE.match(t)) < 2:
        return None
    width = grid.cells.shape[1]
    for r in range(n - 1):
        below = r + 1
        while below < n and not any(texts[below]):
            below += 1
        if below >= n:
            break
        spans = {c0: c1 for r0, c0, r1, c1 in grid.merged if r0 == r}
        row_texts = list(texts[r])
        for r0, c0, r1, c1 in grid.merged:  # a group cell merged down from a row above
            if r0 < r <= r1 and r1 < below and not row_texts[c0]:
                row_texts[c0], spans[c0] = texts[r0][c0], c1
        years, ends = [], []
        # head cells starting in the two rows above, not covered by a merge from further left
        covered = {
            c for r0, c0, r1, c1 in grid.merged if r0 <= r - 1 <= r1 for c in range(c0 + 1, c1 + 1)
        }
        above = frozenset(
            c
            for row in texts[max(0, r - 2) : r]
            for c, t in enumerate(row)
            if t and c not in covered
        )
        for first, last in _groups(row_texts, texts[below], spans, width, above):
            label = row_texts[first]
            end = bool(END_GROUPS.search(label))
            # the label first (cheap): only a year or end group's sub-labels are looked at
            if not (end or ABSOLUTE.match(label) or RELATIVE.match(label)):
                continue
            pair = _pair(texts[below], first, last)
            if pair is None:
                continue
            if end:
                ends.append((first, last, label))
            else:
                years.append((first, last, label, pair))
        years = [y for y in years if not _under_other_group(grid, texts, r, y[0])]
        if len(years) >= 2:
            return _rewrite(grid, texts, r, below, years, ends)
    return None


def _not_plan(label: str) -> bool:
    """True when a group's words make the years under it another table's (not a plan's)."""
    if HARD_NOT_PLAN.search(label):
        return True
    return bool(NOT_PLAN.search(label)) and not PLAN_GROUP.search(label)


def _under_other_group(grid: SheetGrid, texts: list[list[str]], r: int, col: int) -> bool:
    """True when a group cell above row ``r`` covering ``col`` names realisasi or capaian."""
    for above in range(max(0, r - 2), r):
        row = texts[above]
        merged = [(c0, c1) for r0, c0, r1, c1 in grid.merged if r0 <= above <= r1]
        cover = next((c0 for c0, c1 in merged if c0 <= col <= c1), None)
        if cover is None:  # a merge lost (CSV): the filled cell on the left, when it is a
            # group - something stands under it - not one column's own header (``Data
            # Capaian pada Tahun Awal Perencanaan`` beside an unlabelled band over the years)
            left = [c for c in range(col + 1) if c < len(row) and row[c]]
            cover = left[-1] if left else None
            if cover is not None and cover != col:
                below = (
                    texts[x][cover] if cover < len(texts[x]) else ""
                    for x in range(above + 1, r + 1)
                )
                cover = cover if any(below) else None
        if cover is not None and _not_plan(row[cover]):
            return True
    return False


def _resolve(
    grid: SheetGrid, texts: list[list[str]], r: int, years: list
) -> tuple[list[int] | None, list[str], list[IngestError]]:
    labels = [y[2] for y in years]
    if all(ABSOLUTE.match(lab) for lab in labels):
        return [int(ABSOLUTE.match(lab).group(1)) for lab in labels], [], []  # type: ignore[union-attr]
    title = [" ".join(t for t in row if t) for row in texts[:r]]
    stem = grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " ")
    sources = [("judul tabel", title), ("nama sheet", [grid.sheet]), ("nama file", [stem])]
    ks = [int(RELATIVE.match(lab).group(1)) if RELATIVE.match(lab) else None for lab in labels]
    first_col = years[0][0]
    where = dict(
        file=grid.file,
        sheet=grid.sheet,
        row=int(grid.rows[r]),
        column=grid.column_letter(first_col),
        value=labels[0],
    )
    if any(k is None for k in ks):
        return (
            None,
            [],
            [
                IngestError(
                    "kelompok tahun bercampur (tahun tertulis dan tahun relatif); "
                    "tahun tidak ditebak",
                    **where,
                )
            ],
        )
    count = max(ks)  # type: ignore[type-var]
    for where_name, lines in sources:
        period = _period(lines)
        if period is None:
            continue
        start, end = period
        span = end - start + 1
        if span in {count, PLAN_YEARS} and count <= span:
            base = start
        elif span in {count + 1, PLAN_YEARS + 1} and count < span:
            base = start + 1  # the first year printed is the baseline (RPJMD 2021-2026)
        else:
            return (
                None,
                [],
                [
                    IngestError(
                        f"tahun relatif {labels[0]!r}..{labels[-1]!r} ({count} tahun) tidak cocok "
                        f"dengan "
                        f"periode {start}-{end} pada {where_name}; tahun tidak ditebak",
                        **where,
                    )
                ],
            )
        resolved = [base + k - 1 for k in ks]  # type: ignore[operator]
        note = (
            f"{grid.file}:{grid.sheet}: tabel rencana, {', '.join(repr(x) for x in labels)} "
            f"dibaca sebagai tahun {', '.join(str(y) for y in resolved)} "
            f"(periode {start}-{end} pada {where_name})"
        )
        return resolved, [note], []
    return (
        None,
        [],
        [
            IngestError(
                f"tahun relatif {labels[0]!r} tidak dapat ditentukan: judul tabel, nama sheet dan "
                "nama file "
                "tidak menyebut periode rencana (mis. 'Tahun 2026-2030' di judul)",
                **where,
            )
        ],
    )


def _rewrite(
    grid: SheetGrid, texts: list[list[str]], r: int, sub: int, years: list, ends: list
) -> tuple[SheetGrid, list[str], list[IngestError], list[SheetGrid]]:
    resolved, notes, errors = _resolve(grid, texts, r, years)
    if resolved is None:
        return grid, notes, errors, []
    width = grid.cells.shape[1]
    first, taken = r, 0
    while first > 0 and taken < 2:  # up to two header rows above, empty head rows between
        above = first - 1
        while above > 0 and not any(texts[above]):
            above -= 1
        if sum(bool(t) for t in texts[above]) < 2:
            break
        first, taken = above, taken + 1
    header = [""] * width
    pair_cols = set()
    for (c0, c1, _label, pair), year in zip(years, resolved, strict=True):
        for c, lab in zip(range(c0, c1 + 1), pair, strict=True):
            header[c] = f"{lab} {year}"
            pair_cols.add(c)
    unread = []
    for c0, c1, label in ends:
        for c in range(c0, c1 + 1):
            header[c] = _unread_label(label, texts[sub][c])
            pair_cols.add(c)
        unread.append(label)
    for c in range(width):
        if c in pair_cols:
            continue
        for row in range(first, sub + 1):
            if texts[row][c]:
                header[c] = texts[row][c]
                break
        if BASELINE.search(header[c]) and header_year(header[c]) is None:
            unread.append(header[c])
            header[c] = f"{header[c]} (kondisi awal)"
    context_note = _context_indicator(header)
    cells = grid.cells.copy()
    for row in range(first, sub + 1):
        cells.iloc[row, :] = np.nan
    cells.iloc[sub, :width] = [h or np.nan for h in header]
    merged = [m for m in grid.merged if m[2] < first or m[0] > sub]
    cells, code_note = _join_code(grid, cells, header, sub, texts)
    cells, row_notes, sasaran = plan_rows.set_aside(
        grid.file, grid.sheet, cells, grid.rows, header, sub
    )
    extra = [] if sasaran is None else [SheetGrid(grid.file, grid.sheet, sasaran[0], sasaran[1])]
    cells, label_notes = plan_rows.indicator_labels(grid.file, grid.sheet, cells, header, sub)
    row_notes += label_notes
    cells, follow_notes = plan_rows.indicator_rows(
        grid.file, grid.sheet, cells, grid.rows, header, sub
    )
    row_notes += follow_notes
    notes.append(
        f"{grid.file}:{grid.sheet}: tabel rencana (T-C.27) dengan {len(years)} kelompok tahun "
        "dibaca: target dan pagu tiap tahun"
        + (f"; tidak dibaca: {', '.join(repr(u) for u in unread)}" if unread else "")
    )
    if code_note:
        notes.append(f"{grid.file}:{grid.sheet}: {code_note}")
    if context_note:
        notes.append(f"{grid.file}:{grid.sheet}: {context_note}")
    notes.extend(row_notes)
    return SheetGrid(grid.file, grid.sheet, cells, grid.rows, merged), notes, [], extra


def _context_indicator(header: list[str]) -> str | None:
    """Relabel (in place) a sasaran/tujuan indicator column as context when another
    column is the rows' indicator; the note says which column is which."""
    indicators = [c for c, h in enumerate(header) if h and header_field(h) == "indikator"]
    context = [c for c in indicators if CONTEXT_INDICATOR.match(header[c])]
    rows = [c for c in indicators if c not in context]
    if not context or len(rows) != 1:
        return None
    printed = [header[c] for c in context]
    for c in context:
        header[c] = CONTEXT_LABEL
    return (
        f"kolom {', '.join(repr(p) for p in printed)} dibaca sebagai konteks (pengelompokan "
        f"sasaran); indikator baris dari kolom {header[rows[0]]!r}"
    )


def _unread_label(group: str, sub: str) -> str:
    """A label for a column left unread that no header rule reads as a figure (``Target
    Kinerja pada Akhir Periode (Rp)`` would be a pagu): the printed words where they name
    no field, else none (an untitled column is never read; the note names it)."""
    for label in (f"{group} ({sub})", group):
        if header_field(label) is None and header_field(label, plans=True) is None:
            return label
    return ""


def _join_code(
    grid: SheetGrid, cells: pd.DataFrame, header: list[str], sub: int, texts: list[list[str]]
) -> tuple[pd.DataFrame, str | None]:
    """A ``Kode`` group over several columns (merged, or empty header cells right of it
    over code parts) joined into its first column."""
    try:
        c0 = next(c for c, h in enumerate(header) if normalise_header(h) == "kode")
    except StopIteration:
        return cells, None
    c1 = c0
    while c1 + 1 < len(header) and not header[c1 + 1]:
        c1 += 1
    if c1 == c0:
        return cells, None
    start = sub + 1
    while start < len(cells) and is_numbered_row(cell_texts(cells.iloc[start])):
        start += 1  # the column-number row stays as printed
    body = cells.iloc[start:, c0 : c1 + 1]
    parts = body.apply(lambda col: col.map(_part))
    ok = parts.notna() | body.isna()
    row_ok = ok.all(axis=1)
    coded = body.notna().any(axis=1)
    bad = coded & ~row_ok
    too_many = int(bad.sum()) > max(1, int(coded.sum()) // 10)
    if too_many or parts.iloc[:, 1:].notna().sum().sum() == 0:
        return cells, None  # not a code split over columns (or too many cells that are not)
    joined = parts.apply(lambda row: ".".join(p for p in row if isinstance(p, str)), axis=1)
    joined = joined.where((joined != "") & row_ok, np.nan)
    cells = cells.copy()
    cells.iloc[start:, c0] = joined.to_numpy(dtype=object)
    cells.iloc[start:, c0 + 1 : c1 + 1] = np.nan
    note = f"kode tertulis di {c1 - c0 + 1} kolom digabung dengan titik"
    if bad.any():  # a stray text among the code parts: that row's code is not read
        where = [
            f"baris {grid.rows[start + i]} "
            f"({' | '.join(t for t in cell_texts(body.iloc[i]) if t)!r})"
            for i in np.flatnonzero(bad.to_numpy())
        ]
        note += "; kode tidak dibaca (bagian kode bukan angka, tingkat dari nama): " + ", ".join(
            where
        )
    return cells, note


def _part(v: object) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, (int, np.integer)) or (isinstance(v, float) and float(v).is_integer()):
        s = str(int(v))
    else:
        s = " ".join(str(v).split())
    return s.replace(",", ".") if CODE_PART.match(s) else None  # `2,01` typed for `2.01`
