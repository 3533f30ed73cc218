"""Recognise the layout of a sheet and extract its rows into contract fields.

Layouts (data contract, section 1), recognised from headers and cells, never from the
file name:

* **1a** kinerja, wide by quarter - one row per indicator, optional budget columns;
* **1b** the *Evaluasi atas Rencana Aksi* form (seed 000) - the header ``URAIAN`` appears
  once per side (program left, kegiatan/sub kegiatan right) and/or the quarter is
  written inside the target cell (``TW 1 : 3``) with one continuation row per quarter;
* **1c** anggaran - names and budget figures, no indicator;
* **1d** IKU - indicator, target, realisasi per year (optionally per triwulan), no uraian;
* **1e** bulanan - a ``bulan`` column (seed 003's monthly realisasi).

Every extractor returns :class:`Extracted` rows in one shape (the contract's field
names plus ``sumber`` and a few ``_``-prefixed bookkeeping columns); cleaning and
hierarchy happen later over all files at once. Cell parsing is vectorised per column;
the only per-row Python is in the small form layout (1b), whose sheets have tens of rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import Finding, IngestError, shorten
from analysis.ingest import by_year, cells, links, nondata, quarter_cells
from analysis.ingest.cleaning import (
    TOTAL_NAMES,
    KecamatanReference,
    clean_text,
    code_like,
    per_unique,
)
from analysis.ingest.headers import (
    classify_header,
    compose_header,
    header_year,
    is_header_like,
    is_numbered_row,
)
from analysis.ingest.reading import SheetGrid

MAX_IDENTITY_CHARS = 2_000
"""Longer identity cells (uraian, indikator, ...) are errors: no name is that long."""
MAX_NOTE_CHARS = 20_000
"""Longer notes are errors: a note is text typed in a cell, not a pasted document."""
HEADER_SCAN_ROWS = 40

KINERJA_FIGURES = [
    "target_tahunan",
    *schema.per_quarter(
        "target_tw",
        "realisasi_tw",
        "capaian_tw",
        "target_sd_tw",
        "realisasi_sd_tw",
        "capaian_sd_tw",
    ),
]
BUDGET_FIGURES = [
    "pagu",
    *schema.per_quarter(
        "anggaran_tw",
        "realisasi_anggaran_tw",
        "anggaran_sd_tw",
        "realisasi_anggaran_sd_tw",
        "serapan_sd_tw",
    ),
]
IKU_FIGURES = ["target", "realisasi", "capaian"]
BULANAN_FIGURES = ["target", "realisasi", "capaian", "anggaran", "realisasi_anggaran"]
TEXT_FIELDS = [
    "kecamatan",
    "tahun",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "keterangan",
    "sumber_dana",
    "bukti_dukung",
    *schema.per_quarter("keterangan_tw"),
]
IGNORED_FIELDS = {"no", "sasaran"}
"""Recognised but not carried: row numbers and the sasaran heading (Wotu 2.8)."""

_MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mar": 3,
    "maret": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "agu": 8,
    "agt": 8,
    "agustus": 8,
    "aug": 8,
    "sep": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "oct": 10,
    "nov": 11,
    "november": 11,
    "des": 12,
    "desember": 12,
    "dec": 12,
}
_MONTH_PREFIX = r"^(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?\s*:?\s*"


@dataclass
class Extracted:
    """Rows of one sheet, by destination, in contract field names."""

    kinerja: list[pd.DataFrame] = field(default_factory=list)
    """1a/1b rows: kinerja and budget fields together (split later)."""
    anggaran: list[pd.DataFrame] = field(default_factory=list)
    iku: list[pd.DataFrame] = field(default_factory=list)
    bulanan: list[pd.DataFrame] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layout: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows that are not data, per kind (:mod:`analysis.ingest.nondata`)."""


@dataclass
class Header:
    """Where the header is and what each column holds."""

    first: int
    last: int
    labels: list[str]
    fields: list[str | None]
    data_start: int
    context: dict[str, object]
    years: list[int | None] = field(default_factory=list)
    """The year each column's header names (``Target 2021``), else ``None``."""


# --- header location ---------------------------------------------------------------------


def _texts(row: pd.Series) -> list[str]:
    out = []
    for v in row.tolist():
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
        else:
            out.append(" ".join(str(v).split()))
    return out


def _score(fields: list[str | None]) -> int:
    known = {f for f in fields if f and f not in IGNORED_FIELDS}
    return len(known)


def locate_header(grid: SheetGrid, kec_ref: KecamatanReference) -> Header | None:
    """Find the header row (possibly two rows: a group row above the labels)."""
    cells_ = grid.cells
    n = min(len(cells_), HEADER_SCAN_ROWS)
    best_r, best_score, best_fields = -1, 1, None
    row_texts = [_texts(cells_.iloc[r]) for r in range(n)]
    for r in range(n):
        texts = row_texts[r]
        if sum(bool(t) for t in texts) < 2:
            continue
        fields = [classify_header(t).field if len(t) <= 200 else None for t in texts]
        score = _score(fields)
        if score > best_score:
            best_r, best_score, best_fields = r, score, fields
    if best_fields is None:
        return None
    first, last = _header_block(row_texts, best_r, len(cells_))
    block = [_merged_spread(grid, r, row_texts[r]) for r in range(first, last + 1)]
    labels = compose_header(block) if len(block) > 1 else row_texts[best_r]
    fields = [_classify_composed(lab) for lab in labels]
    if _score(fields) < _score(best_fields):  # composition lost meaning: one row only
        first = last = best_r
        labels, fields = row_texts[best_r], best_fields
    data_start = last + 1
    while data_start < len(cells_) and data_start <= last + 3:
        texts = _texts(cells_.iloc[data_start])
        filled = [t for t in texts if t]
        if is_numbered_row(texts) or (
            len(filled) == 1 and re.fullmatch(r"\(?\d+\s*[/*x]\s*\d+[^A-Za-z]*\)?", filled[0])
        ):
            data_start += 1
            continue
        break
    labels, fields = _numbered_note_column(cells_, last, data_start, labels, fields)
    context = title_context(row_texts[:first], kec_ref)
    years = [header_year(lab) for lab in labels]
    return Header(first, last, labels, fields, data_start, context, years)


def _numbered_note_column(
    cells_: pd.DataFrame, last: int, data_start: int, labels: list[str], fields: list[str | None]
) -> tuple[list[str], list[str | None]]:
    """The last column, untitled on this page but numbered in the column-number row, is
    the notes column (seed 000 after a page break: the ``KET`` title printed on the first
    page only). Only with no other notes column and nothing titled right of it."""
    if "keterangan" in fields or data_start <= last + 1:
        return labels, fields
    numbered = _texts(cells_.iloc[last + 1])
    if not is_numbered_row(numbered):
        return labels, fields
    titled = [i for i, lab in enumerate(labels) if lab]
    c = len(numbered) - 1
    while c >= 0 and not numbered[c]:
        c -= 1
    if c < 0 or (titled and c <= titled[-1]):
        return labels, fields
    labels = list(labels) + [""] * (c + 1 - len(labels))
    fields = list(fields) + [None] * (c + 1 - len(fields))
    labels[c] = f"({numbered[c]})"
    fields[c] = "keterangan"
    return labels, fields


def _header_block(row_texts: list[list[str]], best: int, n_rows: int) -> tuple[int, int]:
    """First and last row of the header block around the best-scoring row.

    Up to two rows above join when they are labels (at least two cells, no figures: a
    lone cell is a title line); rows below join while each cell is a label that names a
    field, a year (``2021``, ``Tahun 2022 (n-2)``), a quarter (``TW I``) or a unit
    (``(Rp.)``, ``(%)``) - a blank row inside the block is passed over.
    """
    first = best
    while first > 0 and best - first < 2:
        above = row_texts[first - 1]
        if sum(bool(t) for t in above) >= 2 and is_header_like(above):
            first -= 1
        else:
            break
    last = best
    r = best + 1
    while r < min(n_rows, len(row_texts)) and r - best <= 3:
        texts = row_texts[r]
        if not any(texts):
            r += 1
            continue
        if not _sub_header_row(texts):
            break
        last = r
        r += 1
    return first, last


def _sub_header_row(texts: list[str]) -> bool:
    if not is_header_like(texts):
        return False
    for t in texts:
        if not t:
            continue
        if header_year(t) or UNIT_LABEL.fullmatch(t.strip()):
            continue
        if re.fullmatch(r"(?i)(tw|triwulan)\s*\.?\s*\w{1,3}", t.strip()):
            continue
        if len(t) > 200 or classify_header(t, plans=True).field is None:
            return False
    return True


UNIT_LABEL = re.compile(r"(?i)\(?\s*(?:%|rp\.?|rupiah)\s*\)?")
"""Sub-labels that only name a unit: ``(Rp.)``, ``(%)``."""


def _merged_spread(grid: SheetGrid, r: int, texts: list[str]) -> list[str]:
    """A header row with each merged range's text in every column it covers."""
    out = list(texts)
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1 and c0 < len(texts):
            text = texts[c0] if r == r0 else ""
            for c in range(c0, min(c1 + 1, len(out))):
                out[c] = text
    return out


def _classify_composed(label: str, *, plans: bool = False) -> str | None:
    """Field of a composed label (``group / sub-label``).

    The sub-label decides what the column is; the groups above only make it more precise
    when they agree with it (``TW I`` / ``Target`` is target_tw1, ``ANGGARAN`` /
    ``Capaian (%)`` is serapan) - ``Target & Realisasi ... (2022)`` / ``Target Renja
    ... (2022)`` stays a target. A unit-only sub-label (``(%)`` under ``REALISASI
    ANGGARAN``) is the group's percentage, its capaian; ``Rp`` is the group's money
    (``TW I`` / ``Rp``: the budget of TW I).
    """
    if not label:
        return None
    parts = label.split(" / ")
    last = parts[-1].strip()
    if len(parts) > 1 and UNIT_LABEL.fullmatch(last):
        group = " ".join(parts[:-1])
        return classify_header(group + (" capaian" if "%" in last else " rp"), plans=plans).field
    alone = classify_header(last, plans=plans).field
    if len(parts) == 1:
        return alone
    whole = classify_header(" ".join(parts), plans=plans).field
    if alone is None or whole is None:
        return whole or alone
    same = _KIND_FAMILY.get(_kind(alone), {_kind(alone)})
    return whole if _kind(whole) in same else alone


def _kind(f: str) -> str:
    return re.sub(r"(?:_sd)?(?:_tw\d)?$", "", f)


_KIND_FAMILY = {
    "target": {"target", "anggaran", "pagu"},
    "realisasi": {"realisasi", "realisasi_anggaran"},
    "capaian": {"capaian", "serapan"},
    "anggaran": {"anggaran", "pagu"},
    "pagu": {"pagu", "anggaran"},
}
"""A group may turn a sub-label's field into one of these (``TARGET`` under
``ANGGARAN`` is the budget), never into another kind."""


def title_context(rows: list[list[str]], kec_ref: KecamatanReference) -> dict[str, object]:
    """Kecamatan, tahun and triwulan named in the title rows above the header."""
    context: dict[str, object] = {}
    for texts in rows:
        line = " ".join(t for t in texts if t)
        if not line:
            continue
        if "kecamatan" not in context:
            name = kec_ref.find_in_text(line)
            if name:
                context["kecamatan"] = name
        year = re.search(r"\b(?:tahun|ta\.?|tahun anggaran)\s*(\d{4})\b", line, re.I)
        if year and "tahun" not in context:
            context["tahun"] = int(year.group(1))
        q = re.search(r"\b(?:triwulan|tw)\s*\.?\s*(iv|iii|ii|i|[1-4])\b", line, re.I)
        if q and "triwulan" not in context:
            token = q.group(1).lower()
            context["triwulan"] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(token) or int(token)
    return context


# --- layout choice -----------------------------------------------------------------------


def choose_layout(header: Header, grid: SheetGrid) -> str | None:
    fields = [f for f in header.fields if f]
    fs = set(fields)
    if fields.count("uraian") >= 2:
        return "1b"
    if "bulan" in fs:
        return "1e"
    kin = {f for f in fs if re.match(r"(target|realisasi|capaian)(_|$)", f) and "anggaran" not in f}
    money = {f for f in fs if f == "pagu" or "anggaran" in f or f.startswith("serapan")}
    if "uraian" not in fs and "indikator" in fs and kin & {"target", "realisasi"}:
        return "1d"
    if "target" in fs and not any(re.match(r"target_tw\d", f) for f in fs):
        col = header.fields.index("target")
        sample = grid.cells.iloc[header.data_start : header.data_start + 200, col]
        text = sample.dropna().astype("str")
        if len(text) and text.str.match(r"^\s*(?:tw|triwulan)\s*\.?\s*(?:\d|i)", case=False).any():
            return "1b"
    if ("uraian" in fs or "indikator" in fs) and kin:
        return "1a"
    if "uraian" in fs and money:
        return "1c"
    return None


# --- extraction --------------------------------------------------------------------------


@dataclass
class SheetContext:
    grid: SheetGrid
    header: Header
    kec_ref: KecamatanReference
    out: Extracted
    file_year: int | None
    file_kecamatan: str | None
    skipped_noted: bool = False
    code_parts: list[int] = field(default_factory=list)
    """Columns of the code when a code is printed over several (first is the Kode column)."""


def extract_sheet(grid: SheetGrid, kec_ref: KecamatanReference, block: int) -> Extracted:
    """Recognise one sheet's layout and extract its rows (errors collected, not raised)."""
    out = Extracted()
    header = locate_header(grid, kec_ref)
    if header is None:
        found = [t for t in _texts(grid.cells.iloc[0]) if t] if len(grid.cells) else []
        out.errors.append(
            IngestError(
                "tidak ditemukan baris judul kolom yang dikenali; judul yang ada: "
                + (", ".join(repr(shorten(t, 40)) for t in found[:15]) or "(kosong)"),
                file=grid.file,
                sheet=grid.sheet,
            )
        )
        return out
    header = _money_only(header)
    layout = choose_layout(header, grid)
    out.layout = layout
    if layout is None:
        found = [lab for lab in header.labels if lab]
        out.errors.append(
            IngestError(
                "jenis sheet tidak dikenali (bukan kinerja, anggaran, IKU atau bulanan); "
                "judul kolom yang ditemukan: " + ", ".join(repr(shorten(t, 40)) for t in found),
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[header.last]),
            )
        )
        return out
    stem = grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    year = re.search(r"(?:^|_)((?:19|20|21)\d\d)(?:_|$)", stem)
    ctx = SheetContext(
        grid,
        header,
        kec_ref,
        out,
        int(year.group(1)) if year else None,
        kec_ref.from_file_name(stem),
    )
    if layout == "1d":
        header = _with_plan_targets(header)
        ctx.header = header
    _unread_columns(ctx)
    _cells_beyond_header(ctx)
    if layout == "1b":
        _extract_form(ctx, block)
        return out
    per_year, year_notes = by_year.year_headers(header, layout, ctx.file_year)
    out.notes.extend(f"{grid.file}:{grid.sheet}: {n}" for n in year_notes)
    if per_year:
        for _, year_header in per_year:
            ctx.header = year_header
            _extract_table(ctx, layout, block)
        # a cell or header problem is found once per year's pass: report it once
        out.errors = list({str(e): e for e in out.errors}.values())
        return out
    conflict = by_year.single_year_conflict(header, ctx.file_year)
    if conflict:
        out.errors.append(
            IngestError(
                f"judul kolom menyebut tahun {conflict[0]}, judul tabel/nama file tahun "
                f"{conflict[1]}; tahun mana angka ini berlaku tidak ditebak - perbaiki judul "
                "kolom atau judul tabel",
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[header.last]),
            )
        )
        return out
    _extract_table(ctx, layout, block)
    return out


KINERJA_WORDS = re.compile(r"(?i)kinerja|indikator|satuan|output|outcome")


NUMBER_TEXT = r"\s*(?:rp\.?\s*)?[-+]?\d[\d.,]*\s*%?\s*"


def _unread_columns(ctx: SheetContext) -> None:
    """Columns no figure is read from, named in the notes - those holding numbers apart.

    A titled column the reader does not know (``SPM/ Standar Nasional``, ``Target Renstra
    ... Tahun 2026``) and an untitled column inside the table that holds values are
    left out; a planner must see that, and above all where the column held numbers
    (``kolom tidak dikenal berisi angka``), since those might be figures the summary does
    not count.
    """
    header = ctx.header
    body = ctx.grid.cells.iloc[header.data_start :]
    titled = [i for i, lab in enumerate(header.labels) if lab]
    if not titled:
        return
    numbers, others = [], []
    for c in range(min(titled[-1] + 1, body.shape[1])):
        f = header.fields[c] if c < len(header.fields) else None
        if f is not None:
            continue
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip()
        text = text[text.notna() & (text != "")]
        label = header.labels[c] if c < len(header.labels) and header.labels[c] else None
        if label is None and text.empty:
            continue
        name = (
            repr(shorten(label, 40))
            if label
            else f"kolom {ctx.grid.column_letter(c)} (tanpa judul)"
        )
        n_numbers = int(text.str.fullmatch(NUMBER_TEXT, case=False).sum())
        (numbers if n_numbers else others).append(
            f"{name} ({n_numbers} angka)" if n_numbers else name
        )
    where = f"{ctx.grid.file}:{ctx.grid.sheet}"
    if numbers:
        ctx.out.notes.append(
            f"{where}: kolom tidak dikenal berisi angka, tidak dibaca: " + ", ".join(numbers)
        )
    if others:
        ctx.out.notes.append(f"{where}: kolom tidak dikenal diabaikan: " + ", ".join(others))


def _money_only(header: Header) -> Header:
    """A budget table: quarter figures under a plain TARGET / REALISASI / CAPAIAN are money.

    Seed 003 BAB IV prints ``ANGGARAN`` then ``TRIWULAN I`` over ``TARGET REALISASI
    CAPAIAN`` - the quarter's cash plan, spending and absorption - with no word saying
    so. When a table has a budget column and no header speaks of kinerja (no indikator,
    satuan, ``KINERJA`` group), its per-quarter target/realisasi/capaian columns are the
    budget's; a table with any kinerja header keeps them as kinerja.
    """
    fields = header.fields
    if not any(
        f in {"pagu", "anggaran_sd", "realisasi_anggaran"}
        or (f or "").startswith(("anggaran", "realisasi_anggaran"))
        for f in fields
    ):
        return header
    if any(KINERJA_WORDS.search(lab) for lab in header.labels if lab):
        return header
    money = []
    for f in fields:
        m = re.fullmatch(r"(target|realisasi|capaian)_tw(\d)", f or "")
        if not m:
            money.append(f)
        elif m.group(1) == "target":
            money.append(f"anggaran_tw{m.group(2)}")
        elif m.group(1) == "realisasi":
            money.append(f"realisasi_anggaran_tw{m.group(2)}")
        else:  # absorption of TW I alone is absorption up to TW I
            money.append("serapan_sd_tw1" if m.group(2) == "1" else None)
    return replace(header, fields=money)


def _with_plan_targets(header: Header) -> Header:
    """In an IKU sheet, a plan's target of a printed year (``Target Renstra`` /
    ``Tahun 2022 (n-2)``) is that year's target."""
    fields = list(header.fields)
    for c, (lab, f) in enumerate(zip(header.labels, fields, strict=True)):
        if f is None and lab and header_year(lab):
            fields[c] = _classify_composed(lab, plans=True)
    return replace(header, fields=fields)


def _cells_beyond_header(ctx: SheetContext) -> None:
    """A value right of the last titled column belongs to no column: reading on would drop
    it silently, so each such cell is an error (a ragged CSV row, a note typed past the
    table)."""
    titled = [i for i, lab in enumerate(ctx.header.labels) if lab]
    if not titled:
        return
    beyond = ctx.grid.cells.iloc[ctx.header.data_start :, titled[-1] + 1 :]
    if beyond.shape[1] == 0:
        return
    text = beyond.astype("str").where(beyond.notna(), "").apply(lambda c: c.str.strip())
    filled = (text != "").to_numpy()
    for i, j in zip(*np.nonzero(filled), strict=True):
        ctx.out.errors.append(
            IngestError(
                "sel berisi nilai di luar tabel (kolom tanpa judul); nilai ini tidak "
                "akan terbaca - pindahkan ke kolom yang benar atau hapus",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(ctx.grid.rows[ctx.header.data_start + i]),
                column=_column_name(ctx, titled[-1] + 1 + j),
                value=text.iat[i, j],
            )
        )


def _data_rows(ctx: SheetContext) -> tuple[pd.DataFrame, np.ndarray]:
    cells_ = ctx.grid.cells.iloc[ctx.header.data_start :]
    rows = ctx.grid.rows[ctx.header.data_start :]
    filled = np.zeros(cells_.shape, dtype=bool)
    for i, (_, col) in enumerate(cells_.items()):
        if col.dtype == "str":
            # Arrow strings: a whitespace-only cell is as empty as a missing one
            filled[:, i] = (col.str.strip().str.len() > 0).fillna(False).to_numpy(dtype=bool)
        else:
            text = col.map(lambda v: isinstance(v, str) and not v.strip(), na_action="ignore")
            filled[:, i] = (col.notna() & ~text.fillna(False).astype(bool)).to_numpy()
    keep = filled.any(axis=1)
    title_cols = {
        i
        for i in range(cells_.shape[1])
        if i >= len(ctx.header.fields) or ctx.header.fields[i] in {None, "no", "kode", "sasaran"}
    }
    kinds = nondata.classify_rows(
        cells_,
        filled,
        [_texts(ctx.grid.cells.iloc[r]) for r in range(ctx.header.first, ctx.header.last + 1)],
        title_cols,
        {i for i, f in enumerate(ctx.header.fields) if f in {"uraian", "no", "sasaran"}},
    )
    skip = kinds.notna().to_numpy() & keep
    if skip.any() and not ctx.skipped_noted:
        ctx.skipped_noted = True
        ctx.out.notes.append(f"{ctx.grid.file}:{ctx.grid.sheet}: {nondata.summary(kinds[skip])}")
        ctx.out.skipped.update(kinds[skip].value_counts().to_dict())
    keep &= ~skip
    if keep.all():  # the usual case; skip copying every column
        return cells_, rows
    return cells_[keep], rows[keep]


def _resolve_generic(ctx: SheetContext, layout: str) -> tuple[dict[str, int], list[str]]:
    """Column index per field; quarter-less figures placed by layout and siblings."""
    header = ctx.header
    fields = list(header.fields)
    q_title = ctx.header.context.get("triwulan")
    present = set(f for f in fields if f)

    def only_quarter(prefix: str) -> int | None:
        qs = [int(f[-1]) for f in present if re.fullmatch(prefix + r"\d", f)]
        return qs[0] if len(set(qs)) == 1 else None

    def sibling_quarter(*stems: str) -> int | None:
        """The one quarter the sheet's cumulative columns name, else the title's."""
        for stem in stems:
            q = only_quarter(stem)
            if q is not None:
                return q
        return q_title if isinstance(q_title, int) else None

    for i, f in enumerate(fields):
        if f is None:
            continue
        if layout in {"1a", "1c"}:
            if f == "target":
                fields[i] = "target_tahunan"
            elif f in {"realisasi", "realisasi_sd"}:
                q = sibling_quarter("realisasi_sd_tw", "target_sd_tw", "capaian_sd_tw")
                fields[i] = f"realisasi_sd_tw{q}" if q else None
            elif f == "capaian":
                q = only_quarter("realisasi_sd_tw")
                if q:
                    fields[i] = f"capaian_sd_tw{q}"
                elif (q := only_quarter("realisasi_tw")) is not None:
                    fields[i] = f"capaian_tw{q}"
                elif isinstance(q_title, int):
                    fields[i] = f"capaian_sd_tw{q_title}"
                else:
                    fields[i] = None
            elif f == "serapan":
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"serapan_sd_tw{q}" if q else None
            elif f in {"realisasi_anggaran", "realisasi_anggaran_sd"}:
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"realisasi_anggaran_sd_tw{q}" if q else None
            elif f == "anggaran_sd":
                q = sibling_quarter("anggaran_sd_tw", "realisasi_anggaran_sd_tw")
                fields[i] = f"anggaran_sd_tw{q}" if q else None
        elif layout == "1e" and f == "pagu":
            fields[i] = "anggaran"
    generic = {
        "realisasi",
        "realisasi_sd",
        "capaian",
        "serapan",
        "realisasi_anggaran",
        "realisasi_anggaran_sd",
        "anggaran_sd",
    }
    for i, (before, after) in enumerate(zip(header.fields, fields, strict=True)):
        if before in generic and after is None and layout in {"1a", "1c"}:
            ctx.out.notes.append(
                f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {header.labels[i]!r} diabaikan: "
                "triwulannya tidak tertulis di judul kolom maupun judul tabel"
            )
    columns: dict[str, int] = {}
    duplicates: list[str] = []
    for i, f in enumerate(fields):
        if f is None or f in IGNORED_FIELDS:
            continue
        if f == "kode" and "kode" in columns and i - 1 in ctx.code_parts:
            ctx.code_parts.append(i)  # a code split over columns under one merged Kode
            continue
        if f in columns:
            duplicates.append(f)
            ctx.out.errors.append(
                IngestError(
                    f"dua kolom berarti sama ({f}): {header.labels[columns[f]]!r} dan "
                    f"{header.labels[i]!r}; hapus salah satu",
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=int(ctx.grid.rows[header.last]),
                    column=header.labels[i],
                )
            )
            continue
        columns[f] = i
        if f == "kode":
            ctx.code_parts = [i]
    _untitled_code_parts(ctx, header)
    return columns, duplicates


CODE_PART = r"\d{1,2}\.?"
"""One part of a code printed in its own column (``7``, ``01``, ``2.``)."""


def _untitled_code_parts(ctx: SheetContext, header: Header) -> None:
    """Untitled columns right of the Kode column whose cells are all code parts continue the
    code (``7 | 01 | 01 | 2 | 01 | 01``, as planning-system exports print it)."""
    if not ctx.code_parts:
        return
    c = ctx.code_parts[-1] + 1
    body = ctx.grid.cells.iloc[header.data_start :]
    while c < body.shape[1] and (c >= len(header.labels) or not header.labels[c]):
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip()
        text = text[text.notna() & (text != "")]
        if text.empty or not text.str.fullmatch(CODE_PART).all():
            break
        ctx.code_parts.append(c)
        c += 1


def _cell_errors(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, reasons: pd.Series
) -> None:
    bad = reasons.notna().to_numpy()
    if not bad.any():
        return
    label = _column_name(ctx, col)
    for r, value, reason in zip(rows[bad], raw[bad].tolist(), reasons[bad].tolist(), strict=True):
        ctx.out.errors.append(
            IngestError(
                reason,
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(r),
                column=label,
                value=value,
            )
        )


def _column_name(ctx: SheetContext, col: int) -> str:
    """The header as written, with its column letter for xlsx (``REALISASI [K]``)."""
    label = ctx.header.labels[col] if col < len(ctx.header.labels) else ""
    letter = ctx.grid.column_letter(col)
    if ctx.grid.file.lower().endswith((".xlsx", ".xlsm")):
        return f"{label} [{letter}]" if label else letter
    return label or f"kolom ke-{col + 1}"


def _text_column(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, limit: int
) -> pd.Series:
    text = clean_text(raw)
    reasons = _text_problems(text, limit)
    _cell_errors(ctx, col, rows, raw, reasons)
    return text.where(reasons.isna())


@per_unique
def _text_problems(text: pd.Series, limit: int) -> pd.Series:
    """Why a text cell is refused: too long, or an Excel formula typed as text."""
    too_long = (text.str.len() > limit).fillna(False).astype(bool)
    formula = (
        text.str.match(r"^=\s*[A-Za-z_][\w.]*\s*\(|^=\s*[A-Za-z]{1,3}\d+")
        .fillna(False)
        .astype(bool)
    )
    reasons = pd.Series(np.full(len(text), None, dtype=object), index=text.index)
    reasons[too_long] = f"teks terlalu panjang (lebih dari {limit:,} karakter)"
    reasons[formula] = "rumus Excel sebagai teks tidak dievaluasi; ketik nilainya"
    return reasons


def _sumber(ctx: SheetContext, rows: np.ndarray) -> pd.Series:
    prefix = f"{ctx.grid.file}:{ctx.grid.sheet}:"
    return prefix + pd.Series(rows.astype("int64")).astype("str")


def _figures(
    ctx: SheetContext,
    data: pd.DataFrame,
    rows: np.ndarray,
    columns: dict[str, int],
    names: list[str],
    *,
    month_prefix: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    values = pd.DataFrame(index=range(len(data)))
    units = pd.DataFrame(index=range(len(data)))
    for name in names:
        if name not in columns:
            continue
        col = columns[name]
        raw = data.iloc[:, col].reset_index(drop=True)
        src = raw
        if (month_prefix and raw.dtype == object) or (month_prefix and raw.dtype == "str"):
            text = raw.astype("str").where(raw.notna())
            src = text.str.replace(_MONTH_PREFIX, "", regex=True, case=False).where(raw.notna())
            src = src.astype(object).where(text.notna(), raw)
        col_q = re.search(r"_tw(\d)$", name)
        parsed = cells.parse_numbers(src, allow_quarter=col_q is not None)
        if col_q is not None:
            parsed = _quarter_label_matches(parsed, int(col_q.group(1)))
        _cell_errors(ctx, col, rows, raw, parsed["error"])
        values[name] = parsed["value"].to_numpy()
        units[name] = parsed["unit"].to_numpy()
    return values, units


def _quarter_label_matches(parsed: pd.DataFrame, column_quarter: int) -> pd.DataFrame:
    """``TW 1 : 4`` under ``TARGET TW I`` is 4; under ``TARGET TW II`` it is an error naming
    both quarters (which quarter the 4 belongs to is not for the reader to decide)."""
    q = pd.to_numeric(parsed["quarter"], errors="coerce")
    wrong = q.notna() & q.ne(column_quarter) & parsed["error"].isna()
    if wrong.any():
        parsed = parsed.copy()
        parsed.loc[wrong, "error"] = (
            "label triwulan TW "
            + q[wrong].astype("Int64").astype("str")
            + f" di kolom triwulan TW {column_quarter}; tulis nilainya di kolom triwulannya"
        )
        parsed.loc[wrong, "value"] = np.nan
    return parsed


def _identity(
    ctx: SheetContext, data: pd.DataFrame, rows: np.ndarray, columns: dict[str, int]
) -> pd.DataFrame:
    out = pd.DataFrame(index=range(len(data)))
    for name in TEXT_FIELDS:
        if name not in columns:
            continue
        col = columns[name]
        raw = data.iloc[:, col].reset_index(drop=True)
        if name == "kode" and len(ctx.code_parts) > 1:
            raw = _joined_code(data, ctx.code_parts)
        limit = (
            MAX_NOTE_CHARS
            if name.startswith("keterangan") or name == "bukti_dukung"
            else MAX_IDENTITY_CHARS
        )
        if name == "bukti_dukung":
            raw = links.as_text(raw)
        # the Arrow-backed array itself: no round trip through Python string objects
        out[name] = _text_column(ctx, col, rows, raw, limit).array
    if "bukti_dukung" in out:
        out = links.into_keterangan(out)
    return out


def _joined_code(data: pd.DataFrame, parts: list[int]) -> pd.Series:
    """The parts of a code printed over several columns, joined with dots."""
    pieces = [
        data.iloc[:, c].reset_index(drop=True).astype("str").str.strip().str.rstrip(".")
        for c in parts
    ]
    frame = pd.concat(pieces, axis=1).replace("", np.nan)
    joined = frame.apply(lambda col: col.fillna("")).agg(".".join, axis=1)
    joined = joined.str.replace(r"\.{2,}", ".", regex=True).str.strip(".")
    return joined.where(frame.notna().any(axis=1))


def _fill_kecamatan_tahun(ctx: SheetContext, ident: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    if "kecamatan" not in ident:
        ident["kecamatan"] = ctx.header.context.get("kecamatan") or ctx.file_kecamatan
    else:
        ident["kecamatan"] = ident["kecamatan"].fillna(
            ctx.header.context.get("kecamatan") or ctx.file_kecamatan
        )
    if "tahun" not in ident:
        ident["tahun"] = ctx.header.context.get("tahun") or ctx.file_year
        ident["tahun"] = ident["tahun"].astype("object")
    else:
        ident["tahun"] = (
            ident["tahun"]
            .astype("object")
            .where(ident["tahun"].notna(), ctx.header.context.get("tahun") or ctx.file_year)
        )
    return ident


def _extract_table(ctx: SheetContext, layout: str, block: int) -> None:
    columns, _ = _resolve_generic(ctx, layout)
    data, rows = _data_rows(ctx)
    if len(data) == 0:
        ctx.out.notes.append(f"{ctx.grid.file}:{ctx.grid.sheet}: tidak ada baris data")
        return
    ident = _identity(ctx, data, rows, columns)
    ident = _fill_kecamatan_tahun(ctx, ident, rows)
    _names_in_number_column(ctx, data, ident)
    if layout == "1d":
        figures, units = _figures(ctx, data, rows, columns, IKU_FIGURES)
        if "triwulan" in columns:
            col = columns["triwulan"]
            raw = data.iloc[:, col].reset_index(drop=True)
            parsed = _parse_triwulan(raw)
            _cell_errors(ctx, col, rows, raw, parsed["error"])
            figures["triwulan"] = parsed["value"].to_numpy()
        elif ctx.header.context.get("triwulan_iku"):
            figures["triwulan"] = float(ctx.header.context["triwulan_iku"])
        frame = pd.concat([ident, figures], axis=1)
        frame["_unit"] = _first_unit(units)
        frame = _finish(ctx, frame, rows, block)
        ctx.out.iku.append(frame)
        return
    if layout == "1e":
        figures, units = _figures(ctx, data, rows, columns, BULANAN_FIGURES, month_prefix=True)
        col = columns["bulan"]
        raw = data.iloc[:, col].reset_index(drop=True)
        parsed = _parse_month(raw)
        _cell_errors(ctx, col, rows, raw, parsed["error"])
        figures["bulan"] = parsed["value"].to_numpy()
        frame = pd.concat([ident, figures], axis=1)
        frame["_unit"] = _first_unit(units)
        frame = _finish(ctx, frame, rows, block)
        ctx.out.bulanan.append(frame)
        return
    figures, units = _figures(ctx, data, rows, columns, KINERJA_FIGURES + BUDGET_FIGURES)
    frame = pd.concat([ident, figures], axis=1)
    # capaian columns are percentages whatever the indicator counts: not a unit to compare
    kin_units = units[
        [c for c in units.columns if c in KINERJA_FIGURES and not c.startswith("capaian")]
    ]
    frame["_unit"] = _first_unit(kin_units)
    _unit_findings(ctx, frame, kin_units, rows)
    frame = _finish(ctx, frame, rows, block)
    frame["_layout"] = layout
    ctx.out.kinerja.append(frame) if layout == "1a" else ctx.out.anggaran.append(frame)


def _names_in_number_column(ctx: SheetContext, data: pd.DataFrame, ident: pd.DataFrame) -> None:
    """``TOTAL BELANJA`` printed in the NO column (Wotu Tabel 3.4) is the row's name; so is
    ``JUMLAH`` printed in the SASARAN column (Wotu Tabel 2.8). A code printed in the NO
    column (Renja Tabel 4.1: ``07.01.01``) is the row's code where no Kode column gives
    one."""
    if "uraian" not in ident:
        return
    if "no" in ctx.header.fields:
        col = ctx.header.fields.index("no")
        raw = data.iloc[:, col].reset_index(drop=True)
        text = clean_text(raw)
        words = text.str.contains(r"[A-Za-z]{3,}", regex=True).fillna(False).astype(bool)
        use = words & ident["uraian"].isna()
        if use.any():
            ident.loc[use, "uraian"] = text[use]
        codes = code_like(raw)
        if codes.any():
            if "kode" not in ident:
                ident["kode"] = pd.Series(pd.NA, index=ident.index, dtype="str")
            take = codes & ident["kode"].isna()
            ident.loc[take, "kode"] = text[take]
    if "sasaran" in ctx.header.fields:
        col = ctx.header.fields.index("sasaran")
        text = clean_text(data.iloc[:, col].reset_index(drop=True))
        total = text.str.strip().str.lower().str.fullmatch(TOTAL_NAMES).fillna(False)
        use = total.astype(bool) & ident["uraian"].isna()
        if use.any():
            ident.loc[use, "uraian"] = text[use]


def _first_unit(units: pd.DataFrame) -> pd.Series:
    if units.empty:
        return pd.Series(pd.NA, index=units.index, dtype="str")
    return units.bfill(axis=1).iloc[:, 0].astype("str").where(units.notna().any(axis=1))


def _unit_norm(s: pd.Series) -> pd.Series:
    return s.astype("str").where(s.notna()).str.lower().str.replace(r"[^a-z%]", "", regex=True)


def _unit_findings(
    ctx: SheetContext, frame: pd.DataFrame, units: pd.DataFrame, rows: np.ndarray
) -> None:
    """Different units in one row's figures (``12 Dokumen`` vs ``12 Laporan``) are findings.

    Units differ between rows of a column all the time (each row is its own indicator),
    so only disagreement inside a row - or with its SATUAN - is worth a look. It is a
    finding, not an error: the numbers are still readable.
    """
    if units.empty or units.notna().sum().sum() == 0:
        return
    norm = units.apply(_unit_norm)
    if "satuan" in frame:
        norm["satuan"] = _unit_norm(frame["satuan"]).to_numpy()
    first = norm.bfill(axis=1).iloc[:, 0]
    differs = norm.ne(first, axis=0) & norm.notna()
    for i in np.flatnonzero(differs.any(axis=1).to_numpy()):
        found = sorted({str(v) for v in units.iloc[i].dropna()})
        if "satuan" in frame and pd.notna(frame["satuan"].iloc[i]):
            found = sorted({*found, str(frame["satuan"].iloc[i])})
        ctx.out.findings.append(
            Finding(
                pesan="satuan berbeda dalam satu baris: " + ", ".join(found),
                jenis="satuan_campuran",
                sumber=f"{ctx.grid.file}:{ctx.grid.sheet}:{int(rows[i])}",
                kolom="satuan",
                dilaporkan=", ".join(found),
                uraian=frame["uraian"].iloc[i] if "uraian" in frame else None,
            )
        )


def _finish(ctx: SheetContext, frame: pd.DataFrame, rows: np.ndarray, block: int) -> pd.DataFrame:
    frame["sumber"] = _sumber(ctx, rows).to_numpy()
    frame["_file"] = ctx.grid.file
    frame["_sheet"] = ctx.grid.sheet
    frame["_row"] = rows.astype("int64")
    frame["_order"] = np.arange(len(frame), dtype="int64")
    frame["_block"] = block
    return frame


def _parse_triwulan(raw: pd.Series) -> pd.DataFrame:
    text = raw.astype("str").where(raw.notna()).str.strip()
    text = text.str.replace(r"^(?:tw|triwulan|q)\s*\.?\s*", "", regex=True, case=False)
    roman = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
    text = text.str.lower().replace(roman)
    parsed = cells.parse_numbers(text.astype(object).where(text.notna()), allow_quarter=False)
    value = parsed["value"]
    bad = value.notna() & ~value.isin([1, 2, 3, 4])
    parsed.loc[bad, "error"] = "triwulan di luar 1..4"
    parsed.loc[bad, "value"] = np.nan
    return parsed


def _parse_month(raw: pd.Series) -> pd.DataFrame:
    text = raw.astype("str").where(raw.notna()).str.strip().str.lower()
    by_name = text.map(_MONTHS)
    parsed = cells.parse_numbers(
        text.astype(object).where(by_name.isna() & text.notna()), allow_quarter=False
    )
    parsed["value"] = parsed["value"].fillna(by_name.astype("float64"))
    bad = parsed["value"].notna() & ~parsed["value"].isin(range(1, 13))
    parsed.loc[bad, "error"] = "bulan di luar 1..12"
    parsed.loc[bad, "value"] = np.nan
    missing = text.notna() & parsed["value"].isna() & parsed["error"].isna()
    parsed.loc[missing, "error"] = "bulan tidak dikenali"
    return parsed


# --- 1b: the Rencana Aksi form -----------------------------------------------------------


def _sides(header: Header) -> list[dict[str, int]]:
    """Column index per field for each side of the form (program left, kegiatan right)."""
    starts = [i for i, f in enumerate(header.fields) if f == "uraian"]
    if not starts:
        starts = [min(i for i, f in enumerate(header.fields) if f == "indikator")]
    sides = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(header.fields)
        side: dict[str, int] = {}
        for i in range(start, end):
            f = header.fields[i]
            if f is None or f in IGNORED_FIELDS:
                continue
            f = {"target_tahunan": "target"}.get(f, f)
            side.setdefault(re.sub(r"_tw\d$", "", f) if f.startswith("keterangan") else f, i)
        sides.append(side)
    return sides


def _side_tingkat(header: Header, side: dict[str, int]) -> str | None:
    label = header.labels[side.get("uraian", side.get("indikator", 0))].lower()
    if re.search(r"sub\s*kegiatan|kegiatan", label):
        return None
    if "program" in label:
        return "program"
    return None


def _extract_form(ctx: SheetContext, block: int) -> None:
    header = ctx.header
    data, rows = _data_rows(ctx)
    if len(data) == 0:
        return
    data = data.reset_index(drop=True)
    sides = _sides(header)
    pieces = []
    for s, side in enumerate(sides):
        piece = _form_side(ctx, data, rows, side, s)
        if piece is not None:
            piece["_default_tingkat"] = _side_tingkat(header, side)
            pieces.append(piece)
    if not pieces:
        return
    frame = pd.concat(pieces, ignore_index=True)
    frame = frame.sort_values(["_row", "_side"], kind="stable").reset_index(drop=True)
    frame = _collapse_repeats(ctx, frame)
    frame = _fill_kecamatan_tahun(ctx, frame, rows)
    frame["_file"] = ctx.grid.file
    frame["_sheet"] = ctx.grid.sheet
    frame["_order"] = np.arange(len(frame), dtype="int64")
    frame["_block"] = block
    frame["_layout"] = "1b"
    ctx.out.kinerja.append(frame)


def _form_side(
    ctx: SheetContext, data: pd.DataFrame, rows: np.ndarray, side: dict[str, int], s: int
) -> pd.DataFrame | None:
    if "target" not in side and "realisasi" not in side:
        return None
    if "target" in side:
        data, rows, problems = quarter_cells.expand(
            data.reset_index(drop=True),
            rows,
            side["target"],
            [side[c] for c in ("realisasi", "capaian") if c in side],
            [side[c] for c in ("uraian", "indikator", "satuan") if c in side],
            [side[c] for c in ("keterangan",) if c in side],
        )
        for row, c, value, reason in problems:
            ctx.out.errors.append(
                IngestError(
                    reason,
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=row,
                    column=_column_name(ctx, c),
                    value=value,
                )
            )

    def col(name: str) -> pd.Series:
        if name not in side:
            return pd.Series([None] * len(data), dtype=object)
        return data.iloc[:, side[name]]

    uraian = (
        _text_column(ctx, side["uraian"], rows, col("uraian"), MAX_IDENTITY_CHARS)
        if "uraian" in side
        else pd.Series(pd.NA, index=data.index, dtype="str")
    )
    indikator = (
        _text_column(ctx, side["indikator"], rows, col("indikator"), MAX_IDENTITY_CHARS)
        if "indikator" in side
        else pd.Series(pd.NA, index=data.index, dtype="str")
    )
    satuan_raw = col("satuan")
    starts = (uraian.notna() | indikator.notna()).to_numpy()
    figure_cols = [c for c in ("target", "realisasi", "capaian") if c in side]
    has_value = np.zeros(len(data), dtype=bool)
    for c in figure_cols:
        t = clean_text(col(c))
        has_value |= t.notna().to_numpy()
    if not starts.any():
        return None
    block_id = np.cumsum(starts)
    orphan = (block_id == 0) & has_value
    for i in np.flatnonzero(orphan):
        ctx.out.errors.append(
            IngestError(
                "nilai tanpa uraian/indikator di atasnya",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(rows[i]),
                column=_column_name(ctx, side[figure_cols[0]]),
            )
        )
    in_block = block_id > 0
    # quarter from the label in the target cell, else the position inside the block
    target = (
        cells.parse_numbers(col("target").reset_index(drop=True), allow_quarter=True)
        if "target" in side
        else None
    )
    realisasi = (
        cells.parse_numbers(col("realisasi").reset_index(drop=True), allow_quarter=False)
        if "realisasi" in side
        else None
    )
    capaian = (
        cells.parse_numbers(col("capaian").reset_index(drop=True), allow_quarter=False)
        if "capaian" in side
        else None
    )
    for name, parsed in (("target", target), ("realisasi", realisasi), ("capaian", capaian)):
        if parsed is not None:
            _cell_errors(
                ctx,
                side[name],
                rows,
                col(name).reset_index(drop=True),
                parsed["error"].where(in_block),
            )
    if target is not None:
        multi = (
            clean_text(col("target")).str.count(r"(?i)\b(?:tw|triwulan)\s*\.?\s*\w+\s*:").fillna(0)
            > 1
        )
        for i in np.flatnonzero(multi.to_numpy() & in_block):
            ctx.out.errors.append(
                IngestError(
                    "beberapa triwulan dalam satu sel target; tulis satu triwulan per baris",
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=int(rows[i]),
                    column=_column_name(ctx, side["target"]),
                    value=col("target").iloc[i],
                )
            )
    position = pd.Series(1, index=range(len(data))).groupby(block_id).cumsum().to_numpy()
    label_q = (
        target["quarter"].to_numpy(dtype="float64", na_value=np.nan)
        if target is not None
        else np.full(len(data), np.nan)
    )
    quarter = np.where(np.isnan(label_q), position, label_q)
    line_has_value = has_value | (~np.isnan(label_q))
    bad_q = in_block & line_has_value & (quarter > 4)
    for i in np.flatnonzero(bad_q):
        ctx.out.errors.append(
            IngestError(
                "lebih dari empat baris triwulan untuk satu indikator",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(rows[i]),
                column=_column_name(ctx, side.get("target", side.get("realisasi", 0))),
            )
        )
    ket = (
        clean_text(col("keterangan"))
        if "keterangan" in side
        else pd.Series(pd.NA, index=range(len(data)), dtype="str")
    )
    long = pd.DataFrame(
        {
            "block": block_id,
            "q": quarter,
            "target": target["value"].to_numpy() if target is not None else np.nan,
            "realisasi": realisasi["value"].to_numpy() if realisasi is not None else np.nan,
            "capaian": capaian["value"].to_numpy() if capaian is not None else np.nan,
            "ket": ket.to_numpy(),
            "row": rows,
        }
    )
    long = long[in_block & (line_has_value | ket.notna().to_numpy()) & (quarter <= 4)]
    # No quarter label anywhere on this side and one line per entity: not a per-quarter
    # form (seed 003's Perjanjian Kinerja: KEGIATAN | SUB KEGIATAN | INDIKATOR | TARGET
    # "12 Dokumen"): the target is the year's, and a realisasi has no quarter to go to.
    annual = bool(np.isnan(label_q).all()) and bool(
        (pd.Series(block_id[in_block]).value_counts() == 1).all()
    )
    annual_target = None
    if annual and len(long):
        annual_target = long.drop_duplicates("block").set_index("block")
        for c in ("realisasi", "capaian"):
            if c in side:
                for r in annual_target.loc[annual_target[c].notna(), "row"]:
                    ctx.out.errors.append(
                        IngestError(
                            f"{c} tanpa triwulan: tabel ini tidak menulis label TW; beri "
                            "judul kolom triwulannya (mis. REALISASI TW I)",
                            file=ctx.grid.file,
                            sheet=ctx.grid.sheet,
                            row=int(r),
                            column=_column_name(ctx, side[c]),
                        )
                    )
        long = long.iloc[0:0]
    dup = long.duplicated(["block", "q"], keep="first")
    for r in long.loc[dup, "row"]:
        ctx.out.errors.append(
            IngestError(
                "triwulan yang sama ditulis dua kali untuk satu indikator",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(r),
                column=_column_name(ctx, side.get("target", 0)),
            )
        )
    long = long[~dup]
    long["q"] = long["q"].astype(int)
    wide = long.pivot(index="block", columns="q", values=["target", "realisasi", "capaian", "ket"])
    firsts = np.flatnonzero(starts)
    ident = pd.DataFrame(
        {
            "uraian": uraian.iloc[firsts].to_numpy(),
            "indikator": indikator.iloc[firsts].to_numpy(),
            "_row": rows[firsts].astype("int64"),
            "_side": s,
        },
        index=block_id[firsts],
    )
    # an indicator row without its own uraian continues the entity above (merged cells)
    ident["uraian"] = ident["uraian"].ffill()
    sat = cells.split_value_unit(satuan_raw.iloc[firsts].reset_index(drop=True))
    _cell_errors(
        ctx,
        side["satuan"],
        rows[firsts],
        satuan_raw.iloc[firsts].reset_index(drop=True),
        sat["error"],
    ) if "satuan" in side else None
    ident["target_tahunan"] = sat["value"].to_numpy()
    ident["satuan"] = sat["unit"].to_numpy()
    if annual_target is not None and target is not None:
        by_block = pd.Series(target["value"].to_numpy()[firsts], index=block_id[firsts])
        units = pd.Series(target["unit"].to_numpy()[firsts], index=block_id[firsts])
        ident["target_tahunan"] = ident["target_tahunan"].fillna(by_block)
        ident["satuan"] = ident["satuan"].fillna(units)
    for q in schema.QUARTERS:
        for src, dst in (
            ("target", "target_tw"),
            ("realisasi", "realisasi_tw"),
            ("capaian", "capaian_tw"),
            ("ket", "keterangan_tw"),
        ):
            ident[f"{dst}{q}"] = (
                wide[(src, q)].reindex(ident.index).to_numpy()
                if (src, q) in wide.columns
                else np.nan
            )
    ident["sumber"] = [f"{ctx.grid.file}:{ctx.grid.sheet}:{int(r)}" for r in ident["_row"]]
    return ident.reset_index(drop=True)


def _collapse_repeats(ctx: SheetContext, frame: pd.DataFrame) -> pd.DataFrame:
    """Repeats of a program block collapse to the first; differing ones are findings."""
    from analysis.ingest.cleaning import uraian_key

    figures = [c for c in frame.columns if re.match(r"(target|realisasi|capaian)_tw\d$", c)] + [
        "target_tahunan",
        "satuan",
    ]
    key = uraian_key(frame["uraian"]).fillna("") + "|" + frame["indikator"].fillna("").str.lower()
    left = frame["_default_tingkat"].eq("program")
    keep = pd.Series(True, index=frame.index)
    for _, idx in frame[left].groupby(key[left]).groups.items():
        if len(idx) < 2:
            continue
        first = idx[0]
        base = frame.loc[first, figures]
        for other in idx[1:]:
            same = all(
                (pd.isna(a) and pd.isna(b)) or a == b
                for a, b in zip(base.tolist(), frame.loc[other, figures].tolist(), strict=True)
            )
            if same:
                keep[other] = False
            else:
                diff = [
                    c
                    for c, a, b in zip(
                        figures, base.tolist(), frame.loc[other, figures].tolist(), strict=True
                    )
                    if not ((pd.isna(a) and pd.isna(b)) or a == b)
                ]
                # The form repeats the program beside each of its kegiatan; differing
                # figures are the form's own inconsistency: report it, keep the first.
                ctx.out.findings.append(
                    Finding(
                        pesan=(
                            "program yang sama diulang dengan angka berbeda (baris "
                            f"{frame.at[first, '_row']} dan {frame.at[other, '_row']}; kolom "
                            "berbeda: " + ", ".join(diff) + "); angka baris "
                            f"{frame.at[first, '_row']} yang dipakai"
                        ),
                        jenis="program_diulang_berbeda",
                        sumber=f"{ctx.grid.file}:{ctx.grid.sheet}:{int(frame.at[other, '_row'])}",
                        kolom=", ".join(diff),
                        dilaporkan=frame.at[other, "uraian"],
                        tingkat_keparahan="sedang",
                        uraian=frame.at[other, "uraian"],
                    )
                )
                keep[other] = False
    return frame[keep].reset_index(drop=True)
