"""Head cells repeated instead of merged, read as the merged cell they stand for.

A group head (``Target Kinerja`` over ``2026 | 2027 | ...``, ``Tujuan`` over three head
rows) is a merged cell in most files; an application's export or an office that avoids
merging types the same text in every cell it covers instead (``Target Kinerja | Target
Kinerja | ...``). Read as it stands, every column of the group is called the same and the
sheet is refused (two columns mean the same). Here such runs in the head - the rows above
the first row holding a figure - become one cell with a merged range, exactly as if the
file had merged them:

* across a row: two or more neighbouring cells with the same text, over a row whose cells
  under them are not all the same (the sub-labels the group heads);
* down a column: the same text in consecutive head rows (the run across rows first).

Cells inside a merged range of the file are left alone.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables.header_block import cell_texts

MAX_HEAD_ROWS = 12
"""Rows looked at from the top (titles and a multi-row head fit)."""

_YEAR = re.compile(r"^(?:19|20|21)\d\d$")


def _figure_row(values: list[object]) -> bool:
    """A row holding a figure: a number (or a number typed as text) that is not a year."""
    for v in values:
        if v is None or (isinstance(v, float) and pd.isna(v)):
            continue
        text = str(v).strip()
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if not _YEAR.match(str(int(v)) if float(v).is_integer() else text):
                return True
        elif re.fullmatch(r"[\d.,%\s-]*\d[\d.,%\s-]*", text) and not _YEAR.match(text):
            return len(re.sub(r"\D", "", text)) > 2  # not a column number (1) .. (12)
    return False


def unrepeat(grid: SheetGrid) -> SheetGrid:
    """``grid`` with its repeated head cells as merged ranges (the same grid when none)."""
    n = min(len(grid.cells), MAX_HEAD_ROWS)
    if n < 2:
        return grid
    top = grid.cells.iloc[:n].astype(object).to_numpy()
    texts = [cell_texts(row) for row in top]
    head = 0
    while head < n and not _figure_row(list(top[head])):
        head += 1
    if head < 2:
        return grid
    width = len(texts[0])
    in_merge = {
        (r, c)
        for r0, c0, r1, c1 in grid.merged
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
    }
    new: list[tuple[int, int, int, int]] = []
    blank: set[tuple[int, int]] = set()
    for r in range(head - 1):  # across a row, over distinct sub-labels
        c = 0
        while c < width:
            t = texts[r][c]
            end = c
            while (
                t
                and end + 1 < width
                and texts[r][end + 1] == t
                and (r, end + 1) not in in_merge
                and (r, c) not in in_merge
            ):
                end += 1
            below = {texts[r + 1][k] for k in range(c, end + 1)}
            if end > c and len(below - {""}) >= 2:
                new.append((r, c, r, end))
                blank |= {(r, k) for k in range(c + 1, end + 1)}
            c = end + 1
    covered = blank | {(r, c) for r0, c0, r1, c1 in new for r in (r0,) for c in (c0,)}
    for c in range(width):  # down a column
        r = 0
        while r < head:
            t = texts[r][c]
            end = r
            while (
                t
                and end + 1 < head
                and texts[end + 1][c] == t
                and (end + 1, c) not in in_merge
                and (end + 1, c) not in covered
                and (r, c) not in in_merge
            ):
                end += 1
            if end > r:
                new.append((r, c, end, c))
                blank |= {(k, c) for k in range(r + 1, end + 1)}
            r = end + 1
    if not new:
        return grid
    cells = grid.cells.copy()
    for r, c in blank:
        cells.iat[r, c] = None
    return dataclasses.replace(grid, cells=cells, merged=[*grid.merged, *new])
