"""Form rows a document converter printed out of place, put back before the form is read.

Converted to text, the *Evaluasi atas Rencana Aksi* form (seed 000, Kalaena) prints some
rows wider than the table: ``_ _ _ | Program ... | Persentase ... | 100% | _ _ _ | TW1 :
100 | 100 | 100 | Koordinasi ... | Jumlah ... | 7 Desa | 7 | 7 | 100`` - the row's cells
with runs of empty cells inserted, so its last cells fall right of the last titled
column. Such a row (cells beyond the table, empty runs inside it whose removal makes it
fit) is realigned by dropping the empty runs, leftmost first; the rows that continue it
(the quarter rows below, up to the next row with a name) are moved with the same column
map. Its figures then sit under their own headers instead of being refused as cells
outside the table.

A realigned block whose program side prints the same name and indicator as its kegiatan
side is the kegiatan printed twice: the program side's figures fill the kegiatan's blank
figure cells and the program side is left empty (the program of the rows above goes
on). A block that cannot be realigned safely (a continuation cell that would land in a
name column, or no fit) is left as printed: its cells stay errors.

The same converter glues the form's column numbers to the cells (``1 Program ... | 2
... | 3 TW1 : 100 | 4 100``); :func:`strip_fused_numbers` takes them off first.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

MIN_RUN = 4
"""Fewest consecutive numbered cells that make a row's leading numbers column numbers."""
MIN_FUSED = 2
"""Fewest cells of such a run with text after their number (a row of bare numbers - the
column-number row, or figures 1, 2, 3, 4 - is never touched)."""

_LEADING = r"^\s*(\d{1,2})(?:\s+(\S.*))?$"


def _text(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.astype("str").where(cells.notna(), "").apply(lambda c: c.str.strip())


def strip_fused_numbers(cells: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``cells`` with column numbers fused into a row's cells taken off (``4 100`` ->
    ``100``), and how many rows had them. A row qualifies when its cells that begin with
    a whole number - alone or before text - read, left to right, n, n+1, n+2, ... (at
    least ``MIN_RUN``, every numbered cell of the row in the run, ``MIN_FUSED`` of them
    with text after the number); only the numbers before text are taken off."""
    if cells.empty:
        return cells, 0
    stacked = cells.stack()
    text = stacked[stacked.map(lambda v: isinstance(v, str))]
    if text.empty:
        return cells, 0
    parts = text.str.extract(_LEADING)
    number = pd.to_numeric(parts[0], errors="coerce")
    numbered = number.dropna()
    if len(numbered) < MIN_RUN:
        return cells, 0
    row = numbered.index.get_level_values(0)
    step = numbered.groupby(row, sort=False).diff()
    run_ok = (step.isna() | step.eq(1)).groupby(row, sort=False).all()
    count = numbered.groupby(row, sort=False).size()
    fused = parts[1].reindex(numbered.index).notna()
    n_fused = fused.groupby(row, sort=False).sum()
    rows = run_ok[run_ok & (count >= MIN_RUN) & (n_fused >= MIN_FUSED)].index
    if len(rows) == 0:
        return cells, 0
    take = numbered.index[row.isin(rows) & fused.to_numpy()]
    out = cells.copy()
    for r, c in take:  # the cells of the few rows found
        out.at[r, c] = parts.at[(r, c), 1]
    return out, len(rows)


def _fit_map(filled: np.ndarray, width: int) -> dict[int, int] | None:
    """Old -> new column of each filled cell once empty runs (leftmost first) are dropped
    so that the row ends inside ``width``; ``None`` when no such drop fits."""
    cols = np.flatnonzero(filled)
    if len(cols) == 0:
        return None
    runs = []  # (start, length) of the empty runs before the last filled cell
    start = None
    for c in range(cols[-1]):
        if not filled[c] and start is None:
            start = c
        if filled[c] and start is not None:
            runs.append((start, c - start))
            start = None
    excess = cols[-1] + 1 - width
    dropped: list[tuple[int, int]] = []
    for run in runs:
        if excess <= 0:
            break
        dropped.append(run)
        excess -= run[1]
    if excess > 0:
        return None
    mapping = {}
    for c in cols:
        shift = sum(n for s, n in dropped if s + n <= c)
        mapping[int(c)] = int(c - shift)
    return mapping


def realign(
    cells: pd.DataFrame, width: int, sides: list[dict[str, int]]
) -> tuple[pd.DataFrame, list[int]]:
    """``cells`` (a form's data rows) with its too-wide rows realigned, and the positions of
    the rows realigned (see module doc). ``sides``: column per field of each side."""
    text = _text(cells)
    filled = (text != "").to_numpy()
    if filled.shape[1] <= width or not filled[:, width:].any():
        return cells, []
    names = sorted({s[f] for s in sides for f in ("uraian", "indikator", "satuan") if f in s})
    starts = [s["uraian"] for s in sides if "uraian" in s]
    out = cells.copy()
    done: list[int] = []
    n = len(cells)
    i = 0
    while i < n:
        if not filled[i, width:].any():
            i += 1
            continue
        mapping = _fit_map(filled[i], width)
        block = [i]
        j = i + 1
        while (
            j < n
            and not any(filled[j, c] for c in starts if c < filled.shape[1])
            and not filled[j, width:].any()
        ):
            block.append(j)
            j += 1
        if mapping is None or any(
            mapping.get(int(c), int(c)) in names
            for r in block[1:]
            for c in np.flatnonzero(filled[r])
            if int(c) in mapping
        ):
            i = j
            continue
        values = cells.to_numpy(dtype=object)
        new = np.full((len(block), cells.shape[1]), None, dtype=object)
        for k, r in enumerate(block):
            for c in np.flatnonzero(filled[r]):
                new[k, mapping.get(int(c), int(c))] = values[r, c]
        _fold_twice_printed(new, sides)
        for k, r in enumerate(block):
            out.iloc[r] = new[k]
        done.append(i)
        i = j
    return out, done


def _same(a: object, b: object) -> bool:
    return a is not None and b is not None and str(a).strip() == str(b).strip() != ""


def _fold_twice_printed(block: np.ndarray, sides: list[dict[str, int]]) -> None:
    """A block whose program side repeats its kegiatan side's name and indicator: the
    program side's figures fill the kegiatan's blanks and the program side is emptied."""
    if len(sides) < 2:
        return
    left, right = sides[0], sides[1]
    if not all(f in left and f in right for f in ("uraian", "indikator")):
        return
    first = block[0]
    if not (
        _same(first[left["uraian"]], first[right["uraian"]])
        and _same(first[left["indikator"]], first[right["indikator"]])
    ):
        return
    for f, c in left.items():
        if f not in right:
            continue
        for row in block:
            if row[right[f]] is None or str(row[right[f]]).strip() == "":
                row[right[f]] = row[c]
            row[c] = None


def put_back(ctx, sides: list[dict[str, int]]) -> None:
    """Fused column numbers taken off and too-wide rows put back in a form sheet's body
    (``ctx``: :class:`analysis.ingest.tables.context.SheetContext`), each counted in the
    sheet's notes; ``sides``: column per field of each side of the form."""
    start = ctx.header.data_start
    body = ctx.grid.cells.iloc[start:]
    body, fused = strip_fused_numbers(body)
    titled = [i for i, lab in enumerate(ctx.header.labels) if lab]
    body, moved = realign(body, titled[-1] + 1 if titled else 0, sides)
    if not fused and not moved:
        return
    ctx.grid = replace(ctx.grid, cells=pd.concat([ctx.grid.cells.iloc[:start], body]))
    where = f"{ctx.grid.file}:{ctx.grid.sheet}"
    if fused:
        ctx.out.notes.append(f"{where}: nomor kolom yang menempel di sel dilepas: {fused} baris")
    if moved:
        rows = ", ".join(str(int(ctx.grid.rows[start + r])) for r in moved)
        ctx.out.notes.append(
            f"{where}: baris yang tercetak lebih lebar dari tabel dikembalikan ke kolomnya "
            f"(sel kosong sisipan dibuang): baris {rows}"
        )
