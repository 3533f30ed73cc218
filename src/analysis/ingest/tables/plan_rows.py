"""Rows of a Renstra / RPJMD plan table that are not a program, kegiatan or sub kegiatan.

A plan table (:mod:`plan_table`) prints, between its program rows, rows that group them:

* urusan / bidang headings - a code of one or two segments or a roman numeral (``I``,
  ``1.01.``, ``5.03``) or a heading name (``NON-URUSAN``) and no indicator of their own;
  their ``Rp`` is the printed sum of the programs below;
* the sasaran's indicator rows - a tujuan / sasaran with its indicator (the column read as
  context, ``plan_table.CONTEXT_INDICATOR``) and no program, code or program indicator;
  their target is the sasaran's and their ``Rp`` again the sum of its programs.

Read as programs they would be refused (no level) or count their programs' funding twice,
so they are taken out of the grid before the general reader sees it, each named in a note
(file, sheet, rows, printed name): never silently. A program code written with the
placeholder ``X`` (``X.XX.01``: the program every urusan has) names no code; the name
gives the level (``Program ...``), with a note.

The words are data: ``HEADING_CODE``, ``HEADING_NAMES``, ``PLACEHOLDER_CODE``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest.formats.cells import parse_numbers
from analysis.ingest.tables.headers import header_field, is_numbered_row, normalise_header

HEADING_CODE = r"(?:[IVXLC]+|\d{1,2}(?:\s*[.,]\s*\d{1,2})?)\.?"
"""Codes of an urusan (``I``, ``1``, ``5``) or bidang urusan (``1.01.``, ``5.03``)."""

HEADING_NAMES = r"non[\s-]*urusan|urusan\s+pemerintahan\b.*|urusan\s+(?:wajib|pilihan)\b.*"
"""Names of a heading row without a code (``NON-URUSAN``, ``URUSAN PEMERINTAHAN WAJIB
...``), matched on the whole name, case ignored."""

PLACEHOLDER_CODE = r"(?i)^(?:x{1,2}\.)+\d"

ZERO = r"[0.,\s-]*"
"""An Rp cell that names no money (``0``, ``0.00``, ``-``)."""
"""A code whose urusan / bidang segments are the placeholder ``X`` (``X.XX.01``)."""


def _text(cells: pd.DataFrame, col: int | None) -> pd.Series:
    if col is None:
        return pd.Series("", index=cells.index)
    s = cells.iloc[:, col]
    return s.where(s.notna(), "").astype("str").str.strip()


def set_aside(
    file: str, sheet: str, cells: pd.DataFrame, rows: np.ndarray, header: list[str], sub: int
) -> tuple[pd.DataFrame, list[str], tuple[pd.DataFrame, np.ndarray] | None]:
    """The grid's body without heading and sasaran rows, the notes naming them, and the
    sasaran rows as an IKU table (``Indikator Sasaran | Target 2021 | ...``, its cells and
    spreadsheet row numbers; ``None`` without such rows)."""
    fields = [header_field(h) if h else None for h in header]
    kode_col = next((c for c, h in enumerate(header) if normalise_header(h) == "kode"), None)
    name_col = next((c for c, f in enumerate(fields) if f == "uraian"), None)
    ind_col = next((c for c, f in enumerate(fields) if f == "indikator"), None)
    if ind_col is None or (kode_col is None and name_col is None):
        return cells, [], None
    start = sub + 1
    while start < len(cells) and is_numbered_row(
        [str(v) if pd.notna(v) else "" for v in cells.iloc[start]]
    ):
        start += 1
    body = cells.iloc[start:]
    kode, name, ind = _text(body, kode_col), _text(body, name_col), _text(body, ind_col)
    context_cols = [c for c, f in enumerate(fields) if f == "sasaran"]
    context = pd.concat([_text(body, c) for c in context_cols], axis=1) if context_cols else None
    has_context = context.ne("").any(axis=1) if context is not None else ind.eq("") & False
    no_indicator = ind.eq("")
    heading = no_indicator & (
        kode.str.fullmatch(HEADING_CODE)
        | (kode.eq("") & name.str.fullmatch(HEADING_NAMES, case=False))
    )
    sasaran = no_indicator & kode.eq("") & name.eq("") & has_context & ~heading
    placeholder = kode.str.match(PLACEHOLDER_CODE) & ~heading
    notes = []
    sasaran_rows = None
    cells = cells.copy()
    where = f"{file}:{sheet}"
    if heading.any():
        pos = np.flatnonzero(heading.to_numpy()) + start
        named = [f"baris {rows[p]} ({_label(kode, name, p - start)})" for p in pos]
        notes.append(
            f"{where}: baris judul urusan/bidang dibaca sebagai pengelompokan, bukan program; "
            f"angkanya (jumlah program di bawahnya) tidak dibaca: {', '.join(named)}"
        )
        cells.iloc[pos, :] = np.nan
    if sasaran.any():
        pos = np.flatnonzero(sasaran.to_numpy()) + start
        texts = context.iloc[pos - start]  # type: ignore[union-attr]
        named = [
            f"baris {rows[p]} ({next((t for t in reversed(list(row)) if t), '')!r})"
            for p, row in zip(pos, texts.itertuples(index=False), strict=True)
        ]
        targets = [c for c, h in enumerate(header) if h and header_field(h) == "target"]
        ind_text = [
            next((t for t in reversed(list(row)) if t), "") for row in texts.itertuples(index=False)
        ]
        table = pd.DataFrame(
            [["Indikator Sasaran", *(header[c] for c in targets)]]
            + [[t, *cells.iloc[p, targets].tolist()] for p, t in zip(pos, ind_text, strict=True)],
            dtype=object,
        )
        sasaran_rows = (table, np.concatenate([[rows[sub]], rows[pos]]))
        notes.append(
            f"{where}: baris indikator sasaran/tujuan (tanpa program, kode dan indikator "
            "program) dibaca sebagai IKU (target tiap tahun); Rp-nya (jumlah program di "
            "bawahnya) tidak dibaca: " + ", ".join(named)
        )
        cells.iloc[pos, :] = np.nan
    if placeholder.any():
        pos = np.flatnonzero(placeholder.to_numpy()) + start
        named = [f"baris {rows[p]} ({kode.iloc[p - start]!r})" for p in pos]
        notes.append(
            f"{where}: kode dengan X (program semua urusan) tidak dibaca sebagai kode; "
            f"tingkat dari nama: {', '.join(named)}"
        )
        cells.iloc[pos, kode_col] = np.nan
    return cells, notes, sasaran_rows


def _label(kode: pd.Series, name: pd.Series, i: int) -> str:
    return " ".join(t for t in (kode.iloc[i], name.iloc[i]) if t)


INDICATOR_LABEL = (
    r"(?i)^\s*indikator\s+(?:kinerja\s+)?(?:program|kegiatan|sub\s*-?\s*kegiatan|keluaran"
    r"(?:\s+(?:sub\s*-?\s*)?kegiatan)?|hasil(?:\s+program)?)\s*(?:\((?:outcome|output)\))?\s*:\s*"
)
"""A label printed inside an indicator cell (``Indikator Program (Outcome) : ...``,
``Indikator Keluaran Kegiatan : ...``): the words before the colon are the column's
header repeated, not the indicator's name."""


def indicator_labels(
    file: str, sheet: str, cells: pd.DataFrame, header: list[str], sub: int
) -> tuple[pd.DataFrame, list[str]]:
    """Indicator cells without the printed label before the indicator's name, with a note."""
    ind_col = next((c for c, h in enumerate(header) if h and header_field(h) == "indikator"), None)
    if ind_col is None:
        return cells, []
    col = cells.iloc[sub + 1 :, ind_col]
    text = col.where(col.notna(), "").astype("str")
    labelled = text.str.contains(INDICATOR_LABEL, regex=True)
    if not labelled.any():
        return cells, []
    cells = cells.copy()
    stripped = text[labelled].str.replace(INDICATOR_LABEL, "", n=1, regex=True).str.strip()
    cells.iloc[np.flatnonzero(labelled.to_numpy()) + sub + 1, ind_col] = stripped.to_numpy(
        dtype=object
    )
    return cells, [
        f"{file}:{sheet}: label di depan indikator ('Indikator Program (Outcome) :' dan "
        f"sejenisnya) tidak dibaca sebagai nama indikator: {int(labelled.sum())} sel"
    ]


def indicator_rows(
    file: str, sheet: str, cells: pd.DataFrame, rows: np.ndarray, header: list[str], sub: int
) -> tuple[pd.DataFrame, list[str]]:
    """A program / kegiatan row followed by rows printing only another indicator (kode and
    name empty, or merged over them): one entity with several indicators. The rows get the
    kode and name of the row that opens them, with a note; a row after an empty or set-aside
    row opens nothing."""
    fields = [header_field(h) if h else None for h in header]
    kode_col = next((c for c, h in enumerate(header) if normalise_header(h) == "kode"), None)
    name_col = next((c for c, f in enumerate(fields) if f == "uraian"), None)
    ind_col = next((c for c, f in enumerate(fields) if f == "indikator"), None)
    if ind_col is None or name_col is None:
        return cells, []
    body = cells.iloc[sub + 1 :]
    kode, name, ind = _text(body, kode_col), _text(body, name_col), _text(body, ind_col)
    empty = body.isna().all(axis=1).to_numpy()
    opens = kode.ne("").to_numpy() | name.ne("").to_numpy() | empty
    group = np.cumsum(opens)
    first = pd.Series(np.where(opens, np.arange(len(body)), -1)).groupby(group).transform("max")
    follow = ~opens & ind.ne("").to_numpy() & (first.to_numpy() >= 0)
    follow &= ~empty[first.clip(lower=0).to_numpy()] & (group > 0)
    if not follow.any():
        return cells, []
    cells = cells.copy()
    pos = np.flatnonzero(follow)
    src = first.to_numpy()[pos]
    for col in (kode_col, name_col):
        if col is not None:
            cells.iloc[pos + sub + 1, col] = body.iloc[src, col].to_numpy(dtype=object)
    named = [f"{rows[p + sub + 1]}" for p in pos]
    notes = [
        f"{file}:{sheet}: baris indikator tanpa kode dan nama dibaca sebagai indikator lain "
        f"dari program/kegiatan di atasnya (kode dan nama disalin): baris {', '.join(named)}"
    ]
    # Rp printed on more than one indicator row of one entity: each indicator's funding
    # (a Perangkat Daerah's share, RPJMD program prioritas), which the entity's pagu is not
    # (their sum, where the table prints it). An Rp whose next indicator row of the entity
    # prints none stands for several indicators (a cell merged down, or a penanggung jawab's
    # rows): no one indicator's. The others are written as their indicator's
    # ``pagu_indikator`` of that year - moved to a column of its own, ``Pagu Indikator
    # <year>`` - and none is the entity's pagu (never summed into one).
    pagu_cols = [c for c, h in enumerate(header) if header_field(h) == "pagu"] if header else []
    if pagu_cols:
        member = follow | pd.Series(np.arange(len(body))).isin(src).to_numpy()
        gid = pd.Series(np.where(member, group, -1))
        split = np.zeros(len(body), dtype=bool)
        shared = np.zeros(len(body), dtype=bool)
        totals = np.zeros(len(body), dtype=bool)
        moved = []
        for c in pagu_cols:  # per year: an Rp on two or more rows of one entity (0 is none)
            text = _text(body, c)
            money = (text.ne("") & ~text.str.fullmatch(ZERO)).to_numpy() & member
            counts = pd.Series(money.astype(int)).groupby(gid).transform("sum").to_numpy()
            col_split = member & (counts >= 2)
            if not col_split.any():
                continue
            # the entity's own row printing no indicator, or the sum of its other rows' Rp:
            # its pagu, kept (an Rp is never an indicator's on a row without one)
            total = _opener_total(body.iloc[:, c], money, opens, gid) & col_split
            total |= col_split & money & opens & ind.eq("").to_numpy()
            col_split &= ~total
            money = money & ~total
            at = np.flatnonzero(member)
            nxt = pd.Series(money[at]).groupby(gid.to_numpy()[at]).shift(-1)
            next_money = np.ones(len(body), dtype=bool)  # the entity's last row: its own
            next_money[at] = nxt.fillna(True).to_numpy(dtype=bool)
            own = col_split & money & next_money
            col_shared = col_split & money & ~next_money
            totals |= total
            values = body.iloc[:, c].where(own)
            moved.append((f"{INDICATOR_PAGU} {_year_text(header[c])}", values))
            cells.iloc[np.flatnonzero(col_split) + sub + 1, c] = np.nan
            split |= col_split
            shared |= col_shared
        if split.any():
            cells = _append_columns(cells, sub, moved)
            opened = np.flatnonzero(split & opens)
            where = [f"baris {rows[p + sub + 1]} ({kode.iloc[p] or name.iloc[p]})" for p in opened]
            notes.append(
                f"{file}:{sheet}: Rp tertulis per indikator pada beberapa baris satu "
                "program/kegiatan: tiap Rp dibaca sebagai pagu indikatornya (pagu_indikator, "
                "tidak dijumlahkan), bukan pagu program/kegiatan, jadi pagu program/kegiatan "
                f"tidak dibaca: {', '.join(where)}"
            )
        if totals.any():
            named = [f"{rows[p + sub + 1]}" for p in np.flatnonzero(totals)]
            notes.append(
                f"{file}:{sheet}: Rp pada baris program/kegiatan tanpa indikator atau sama "
                "dengan jumlah Rp indikator di bawahnya: dibaca sebagai pagu program/kegiatan "
                f"(bukan pagu indikatornya): baris {', '.join(named)}"
            )
        if shared.any():
            named = [f"{rows[p + sub + 1]}" for p in np.flatnonzero(shared)]
            notes.append(
                f"{file}:{sheet}: Rp yang baris indikator berikutnya tidak bertuliskan Rp "
                "(satu Rp untuk beberapa indikator: sel digabung ke bawah atau satu perangkat "
                "daerah penanggung jawab) bukan pagu satu indikator, tidak dibaca: "
                f"baris {', '.join(named)}"
            )
    return cells, notes


def _opener_total(
    column: pd.Series, money: np.ndarray, opens: np.ndarray, gid: pd.Series
) -> np.ndarray:
    """Rows opening an entity whose Rp equals (to half a rupiah) the sum of the Rp printed
    on the entity's other rows: the entity's own pagu printed above its indicators'."""
    value = parse_numbers(column.where(money).astype(object))["value"].to_numpy(dtype=float)
    value = np.where(money, value, np.nan)
    frame = pd.DataFrame({"g": gid.to_numpy(), "v": value, "open": opens & money})
    frame = frame[frame["g"] >= 0]
    others = frame[~frame["open"]].groupby("g")["v"].agg(["sum", "count"])
    first = frame[frame["open"]].join(others, on="g")
    hit = (first["count"] >= 2) & ((first["v"] - first["sum"]).abs() <= 0.5) & (first["v"] > 0)
    out = np.zeros(len(column), dtype=bool)
    out[hit[hit].index.to_numpy()] = True
    return out


INDICATOR_PAGU = "Pagu Indikator"
"""Header of the column an indicator row's own Rp is moved to (``header_synonyms``:
``pagu indikator`` -> ``pagu_indikator``), followed by the year of its group."""


def _year_text(label: str) -> str:
    """The year of a rewritten pair label (``Pagu 2021`` -> ``2021``)."""
    return label.rsplit(" ", 1)[-1]


def _append_columns(cells: pd.DataFrame, sub: int, moved: list[tuple[str, pd.Series]]):
    """``cells`` with one column more per ``(header, body values)``: the header in row
    ``sub``, the values in the rows below it, nothing above."""
    width = cells.shape[1]
    extra = pd.DataFrame(np.nan, index=cells.index, columns=range(width, width + len(moved)))
    extra = extra.astype(object)
    for k, (label, values) in enumerate(moved):
        extra.iloc[sub, k] = label
        extra.iloc[sub + 1 :, k] = values.to_numpy(dtype=object)
    out = pd.concat([cells.set_axis(range(width), axis=1), extra], axis=1)
    return out
