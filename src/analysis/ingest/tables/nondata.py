"""Rows inside a table that are not data, recognised and counted, never read as data.

Documents print more than data rows between the header and the end of a table:

* ``nomor kolom``: the column-number row (``(1) (2) ...``, ``1 2 ... 8 = (7/6)``) and
  formula rows (``(7/6*100)``), also where a page break repeats them;
* ``judul kolom berulang``: the header printed again after a page break;
* ``rata-rata tercetak``: the printed average under a table (``Rata-rata Capaian
  Kinerja | 100%``, seed 003): its figure sits in a merged cell under whatever column,
  so it is not read as that column's value; the recomputed averages are in
  ``ringkasan``;
* ``judul kelompok``: a heading over a group of rows typed in any column (``Sasaran
  Strategis 1: ...``, ``SASARAN II : ...``);
* ``judul/catatan``: a line with one cell, in an untitled, No, Kode or Sasaran column -
  the document title repeated at a page break (``**RENCANA KERJA KANTOR KECAMATAN
  KALAENA**`` in the Kode column), a group heading (``Sasaran Strategis 1: ...``), a
  note printed under the table;
* ``tanda tangan``: the signature block under the table (``Mengetahui,``, the place and
  date, name, rank, ``NIP``; :mod:`.signature`).

Blank rows are dropped before (they are not counted: they carry nothing). The checks
run column by column over the whole table (vectorised); the summary counts each kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis.distinct import per_distinct
from analysis.ingest.tables import signature
from analysis.ingest.tables.header_block import cell_texts
from analysis.ingest.tables.numbering import consecutive_rows

GROUP_HEADING = re.compile(
    r"(?i)(?:sasaran|tujuan|misi)(?:\s+strategis)?\s*(?:\d+|[ivx]+)?\s*[:.]\s*\S"
)
"""``Sasaran Strategis 1: ...``, ``SASARAN II : ...``: a heading over a group of rows, in
whatever column it is typed."""
FORMULA_CELL = re.compile(r"\(?\d+\s*[/*x]\s*\d+[^A-Za-z]*\)?")


def _normal_text(text: pd.Series) -> pd.Series:
    return text.str.lower().str.replace(r"[\s*_]+", " ", regex=True).str.strip()


def _normal(text: pd.Series) -> pd.Series:
    """Lower case, runs of blanks, ``*`` and ``_`` as one space, stripped: once per
    distinct text (row numbers and codes repeat in every kecamatan's rows)."""
    return per_distinct(text, _normal_text)


AVERAGE_NAME = r"(?i)rata[\s-]*rata\s+capaian\b"
"""A printed average names its row so (``Rata-rata Capaian Kinerja``)."""


@dataclass
class Body:
    """The rows of one table under its header, and what the header says about them."""

    cells: pd.DataFrame
    header_rows: list[list[str]]
    """The header rows' texts, to recognise the header printed again after a page break."""
    title_cols: set[int]
    """Columns where a lone cell is a title or note, not data (untitled, No, Kode,
    Sasaran - never a figure, name or notes column, whose lone cell is a continuation
    line of the row above)."""
    name_cols: set[int] = field(default_factory=set)
    """Columns where a printed average names its row (uraian, No) - a note that starts
    ``Rata-rata capaian`` is not one."""
    code_cols: set[int] = field(default_factory=set)
    """Kode columns: a row with a kode is a real row, whatever its name says (``Rata-rata
    Capaian Kinerja Desa ...`` with its kode is a sub kegiatan, not a printed average)."""


@dataclass
class Classified:
    filled: np.ndarray
    """Per row: any cell holds more than whitespace."""
    kinds: pd.Series
    """Per row: the kind of non-data row, ``None`` for a data row (labels of the body)."""


class _Cells:
    """The cells of many bodies as one long column (column by column within a body), with
    each cell's body, global row and column: blankness is judged for every cell at once,
    the text checks only on the few cells that can make a row a non-data row (its first
    filled cell, the cells of rows that start like one, the name columns)."""

    def __init__(self, bodies: list[Body]) -> None:
        shapes = [b.cells.shape for b in bodies]
        self.n_rows = np.array([n for n, _ in shapes], dtype=np.int64)
        self.widths = np.array([w for _, w in shapes], dtype=np.int64)
        self.row_base = np.concatenate([[0], np.cumsum(self.n_rows)[:-1]]).astype(np.int64)
        sizes = self.n_rows * self.widths
        self.cell_base = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.col_base = np.concatenate([[0], np.cumsum(self.widths)[:-1]]).astype(np.int64)
        self.total_rows = int(self.n_rows.sum())
        part = np.repeat(np.arange(len(bodies)), sizes)
        within = np.arange(len(part), dtype=np.int64) - self.cell_base[part]
        n_part = self.n_rows[part]
        self.part = part
        self.col = within // np.maximum(n_part, 1)
        self.row = self.row_base[part] + within % np.maximum(n_part, 1)
        values = _long_values(bodies)
        text = values if values.dtype == "str" else values.astype("str")
        self.text = text.str.strip()  # missing cells stay missing: never filled, never matched
        self.filled = (self.text.str.len() > 0).fillna(False).to_numpy(dtype=bool)

    def row_count(self, cell_mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.row[cell_mask], minlength=self.total_rows)

    def check(self, cell_mask: np.ndarray, test) -> np.ndarray:
        """``test`` (a Series of texts -> bool Series) on the cells of ``cell_mask``;
        ``False`` elsewhere."""
        out = np.zeros(len(cell_mask), dtype=bool)
        if cell_mask.any():
            out[cell_mask] = test(self.text[cell_mask]).fillna(False).to_numpy(dtype=bool)
        return out


def object_cells(frame: pd.DataFrame) -> np.ndarray | None:
    """The grid as one numpy object array when every column holds Python objects (xlsx,
    xls, ods, docx grids: sliced in numpy at no cost), else ``None`` (a CSV's Arrow
    strings, kept as they are)."""
    if all(dt is np.dtype(object) for dt in frame.dtypes):
        return frame.to_numpy(dtype=object)
    return None


def stack_columns(parts: list[tuple[pd.DataFrame, np.ndarray | None, int | None]]) -> pd.Series:
    """Columns of many grids, one after another, as one Series: ``(grid, its
    :func:`object_cells`, column)`` each (column ``None``: missing cells). Object grids
    are joined in numpy; Arrow-string columns stay Arrow strings."""
    pieces: list[np.ndarray | pd.Series] = []
    for frame, array, col in parts:
        if col is None or col >= frame.shape[1]:
            pieces.append(np.full(len(frame), None, dtype=object))
        elif array is not None:
            pieces.append(array[:, col])
        else:
            pieces.append(frame.iloc[:, col].reset_index(drop=True))
    if all(isinstance(p, np.ndarray) for p in pieces):
        return pd.Series(np.concatenate(pieces) if pieces else np.array([], dtype=object))
    if len(pieces) == 1:
        return pieces[0]
    return pd.concat([pd.Series(p) for p in pieces], ignore_index=True)


def _long_values(bodies: list[Body]) -> pd.Series:
    """Every body's cells, column after column, as one Series."""
    parts = []
    for body in bodies:
        array = object_cells(body.cells)
        parts.extend((body.cells, array, j) for j in range(body.cells.shape[1]))
    return stack_columns(parts)


BATCH_CELLS = 2_000_000
"""Cells classified in one pass: many small tables go together; a big provincial export
goes in slices of rows (each row is classified from its own cells), bounding memory."""


def classify_bodies(bodies: list[Body]) -> list[Classified]:
    """The kind of each non-data row of every body, in passes over many bodies' cells."""
    pieces: list[tuple[int, Body]] = []
    for i, body in enumerate(bodies):
        n, width = body.cells.shape
        step = max(1, BATCH_CELLS // max(width, 1))
        for start in range(0, max(n, 1), step):
            pieces.append((i, replace(body, cells=body.cells.iloc[start : start + step])))
    found: list[list[Classified]] = [[] for _ in bodies]
    batch: list[tuple[int, Body]] = []
    size = 0
    for i, piece in [*pieces, (-1, None)]:
        cells_ = 0 if piece is None else piece.cells.size
        if batch and (piece is None or size + cells_ > BATCH_CELLS):
            for (owner, _), result in zip(batch, _classify([b for _, b in batch]), strict=True):
                found[owner].append(result)
            batch, size = [], 0
        if piece is not None:
            batch.append((i, piece))
            size += cells_
    return [
        parts[0]
        if len(parts) == 1
        else Classified(
            np.concatenate([p.filled for p in parts]), pd.concat([p.kinds for p in parts])
        )
        for parts in found
    ]


def _classify(bodies: list[Body]) -> list[Classified]:
    """The kind of each non-data row of every body, in one pass over all their cells."""
    if not bodies:
        return []
    cells = _Cells(bodies)
    G = cells.total_rows
    filled = cells.filled
    n_filled = cells.row_count(filled)
    # first filled cell of each row (column 0 for an empty row)
    first_col = np.full(G, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_col, cells.row[filled], cells.col[filled])
    first_col[n_filled == 0] = 0
    row_part = np.repeat(np.arange(len(bodies)), cells.n_rows)
    local_row = np.arange(G, dtype=np.int64) - cells.row_base[row_part]
    first_pos = cells.cell_base[row_part] + first_col * cells.n_rows[row_part] + local_row
    first = cells.text.iloc[first_pos].reset_index(drop=True) if G else cells.text.iloc[:0]

    def first_matches(rows: np.ndarray, pattern: str, *, full: bool = True) -> np.ndarray:
        out = np.zeros(G, dtype=bool)
        if rows.any():
            texts = first[rows]
            hit = texts.str.fullmatch(pattern) if full else texts.str.match(pattern)
            out[rows] = hit.fillna(False).to_numpy(dtype=bool)
        return out

    kinds = np.full(G, None, dtype=object)

    def mark(rows: np.ndarray, kind: str) -> None:
        take = rows & (kinds == None)  # noqa: E711 - elementwise on an object array
        kinds[take] = kind

    # every filled cell a column number running 1, 2, 3 ... across the row (a data row
    # "1 | Program A | 3" has a name; a data row of counts "1 | 1 | 2 | 2" does not run)
    starts_one = first_matches(n_filled >= 3, r"\(?1\)?")
    candidate = starts_one[cells.row] & filled
    if candidate.any():  # and the numbers run 1, 2, 3 ... across the row
        runs = consecutive_rows(
            cells.row[candidate], cells.col[candidate], cells.text[candidate], min_numbers=3
        )
        numbered_rows = np.zeros(G, dtype=bool)
        numbered_rows[runs.index[runs.to_numpy()].to_numpy(dtype=np.int64)] = True
        mark(starts_one & numbered_rows, "nomor kolom")
    single = n_filled == 1  # its one filled cell is its first
    mark(first_matches(single, FORMULA_CELL.pattern), "nomor kolom")
    # the header again after a page break: rows whose first cell is that column's header
    # text, then every filled cell of them compared
    repeat = np.zeros(G, dtype=bool)
    several = n_filled >= 2
    first_normal = None
    for k in range(max(len(b.header_rows) for b in bodies)):
        labels = np.full(int(cells.widths.sum()), None, dtype=object)
        part_ok = np.zeros(len(bodies), dtype=bool)
        for p, b in enumerate(bodies):
            if k >= len(b.header_rows):
                continue
            # normalised as the cells are (``target_2025`` and ``Target  2025`` alike)
            h = _normal_text(pd.Series(b.header_rows[k], dtype=object).fillna("")).tolist()
            if sum(bool(t) for t in h) < 2:
                continue
            part_ok[p] = True
            w = int(cells.widths[p])
            labels[cells.col_base[p] : cells.col_base[p] + w] = (h + [""] * w)[:w]
        candidates = several & part_ok[row_part]
        if not candidates.any():
            continue
        if first_normal is None:
            first_normal = np.full(G, None, dtype=object)
            first_normal[several] = _normal(first[several]).to_numpy(dtype=object)
        candidates &= first_normal == labels[cells.col_base[row_part] + first_col]
        if not candidates.any():
            continue
        cand_cells = candidates[cells.row] & filled
        expected = labels[cells.col_base[cells.part[cand_cells]] + cells.col[cand_cells]]
        same = np.zeros(len(filled), dtype=bool)
        same[cand_cells] = _normal(cells.text[cand_cells]).to_numpy(dtype=object) == expected
        repeat |= candidates & (cells.row_count(same) == n_filled)
    mark(repeat, "judul kolom berulang")
    in_name = np.zeros(int(cells.widths.sum()), dtype=bool)
    in_title = np.zeros(int(cells.widths.sum()), dtype=bool)
    for p, b in enumerate(bodies):
        base, w = cells.col_base[p], cells.widths[p]
        in_name[[base + j for j in b.name_cols if j < w]] = True
        in_title[[base + j for j in b.title_cols if j < w]] = True
    in_code = np.zeros(int(cells.widths.sum()), dtype=bool)
    for p, b in enumerate(bodies):
        in_code[[cells.col_base[p] + j for j in b.code_cols if j < cells.widths[p]]] = True
    # a printed average by its words and its place: the row's first filled cell, in a
    # name column, and no kode in the row
    first_cell = filled & (cells.col == first_col[cells.row])
    average = cells.check(
        in_name[cells.col_base[cells.part] + cells.col] & first_cell,
        lambda t: t.str.match(AVERAGE_NAME),
    )
    coded = cells.row_count(in_code[cells.col_base[cells.part] + cells.col] & filled) > 0
    mark((cells.row_count(average) > 0) & ~coded, "rata-rata tercetak")
    mark(single & in_title[cells.col_base[row_part] + first_col], "judul/catatan")
    mark(first_matches(single, GROUP_HEADING.pattern, full=False), "judul kelompok")
    mark(first_matches(single, signature.NOTE_LINE.pattern, full=False), "judul/catatan")
    # the signature block: from its opening line to the end of the table, the short lines
    few = (n_filled >= 1) & (n_filled <= signature.MAX_CELLS)
    opener = cells.check(few[cells.row] & filled, lambda t: t.str.match(signature.OPENERS))
    opens = cells.row_count(opener) > 0
    if opens.any():
        start = np.full(len(bodies), np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(start, row_part[opens], local_row[opens])
        mark(few & (local_row >= start[row_part]), signature.KIND)
    out = []
    for p, b in enumerate(bodies):
        rows = slice(cells.row_base[p], cells.row_base[p] + cells.n_rows[p])
        out.append(
            Classified(
                n_filled[rows] > 0, pd.Series(kinds[rows], index=b.cells.index, dtype=object)
            )
        )
    return out


def classify_rows(
    cells: pd.DataFrame,
    header_rows: list[list[str]],
    title_cols: set[int],
    name_cols: set[int] | None = None,
) -> pd.Series:
    """The kind of each non-data row (``None`` for a data row) of one table."""
    body = Body(cells, header_rows, title_cols, set() if name_cols is None else name_cols)
    return classify_bodies([body])[0].kinds


def data_rows(
    contexts: list, keep_averages: list[bool] | None = None
) -> list[tuple[pd.DataFrame, np.ndarray]]:
    """The data rows of many tables (:class:`analysis.ingest.tables.layouts.SheetContext`): blank
    and non-data rows dropped, the non-data ones counted once per sheet in its notes.

    ``keep_averages``: per table, keep its printed average rows (an IKU table's, which
    :mod:`analysis.ingest.rows.iku_totals` compares with the rows above)."""
    keep_averages = keep_averages or [False] * len(contexts)
    bodies = []
    for ctx in contexts:
        header = ctx.header
        fields = header.fields
        cells_ = ctx.grid.cells.iloc[header.data_start :]
        bodies.append(
            Body(
                cells_,
                [cell_texts(ctx.grid.cells.iloc[r]) for r in range(header.first, header.last + 1)],
                {
                    i
                    for i in range(cells_.shape[1])
                    if i >= len(fields) or fields[i] in {None, "no", "kode", "sasaran"}
                },
                {i for i, f in enumerate(fields) if f in {"uraian", "no", "sasaran"}},
                {i for i, f in enumerate(fields) if f == "kode"},
            )
        )
    out = []
    found_all = classify_bodies(bodies)
    for ctx, body, found, averages in zip(contexts, bodies, found_all, keep_averages, strict=True):
        keep = found.filled
        skip = found.kinds.notna().to_numpy() & keep
        if averages:
            skip &= (found.kinds != "rata-rata tercetak").to_numpy()
        rows = ctx.grid.rows[ctx.header.data_start :]
        # the column-number / formula rows right under the header were passed by locate_header
        n_under = sum(
            any(cell_texts(ctx.grid.cells.iloc[r]))
            for r in range(ctx.header.last + 1, ctx.header.data_start)
        )
        # told once per sheet (a sheet read once per year has a table per year): a sheet
        # whose counts are in is told
        if (skip.any() or n_under) and not ctx.out.skipped:
            counts = found.kinds[skip].value_counts().to_dict()
            if n_under:
                counts["nomor kolom"] = counts.get("nomor kolom", 0) + n_under
            ctx.out.notes.append(f"{ctx.grid.file}:{ctx.grid.sheet}: {_told(counts)}")
            ctx.out.skipped.update(counts)
        keep = keep & ~skip
        if keep.all():  # the usual case; skip copying every column
            out.append((body.cells, rows))
        else:
            out.append((body.cells[keep], rows[keep]))
    return out


def summary(kinds: pd.Series) -> str | None:
    counts = kinds.dropna().value_counts().to_dict()
    return _told(counts) if counts else None


def _told(counts: dict[str, int]) -> str:
    return "baris bukan data dilewati: " + ", ".join(f"{k} {v}" for k, v in counts.items())
