"""Read the tables of a Word report (``.docx``) into the same grids as a spreadsheet.

Offices often send the report itself rather than a spreadsheet: every table of the
document becomes one :class:`~analysis.ingest.reading.SheetGrid` (sheet ``tabel N``, N
counted from 1 in document order). The paragraphs printed just above a table (its
title: ``Tabel 3.4 Realisasi Anggaran Triwulan IV Tahun 2024 Kantor Kecamatan Wotu``) are
put above it as title rows, so the layout reader takes kecamatan, tahun and triwulan from
them as it does from the title rows of a sheet.

Merged cells are read as Word stores them: a horizontal merge (``gridSpan``) and a
vertical one (``vMerge``) keep their text in the first cell and are listed in
``SheetGrid.merged``, like Excel merged ranges. Grid rows are numbered from 1 over the
title rows and the table rows together (the row a person counts in the grid the error
names). The reader never raises: a damaged file is an error naming it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import IngestError
from analysis.ingest.reading import MAX_CELL_CHARS, ReadResult, SheetGrid

TITLE_PARAGRAPHS = 4
"""At most this many non-empty paragraphs right above a table are its title."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element) -> str:
    """Text of a paragraph or cell: runs joined, paragraphs on their own lines."""
    paragraphs = element.iter(f"{_W}p") if element.tag != f"{_W}p" else [element]
    lines = []
    for p in paragraphs:
        parts = []
        for node in p.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in {f"{_W}br", f"{_W}cr"}:
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def _table_cells(tbl) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """Cell texts on the table grid and the merged ranges (0-based, table-relative)."""
    rows: list[list[object]] = []
    merged: list[tuple[int, int, int, int]] = []
    open_vertical: dict[int, int] = {}  # grid column -> index in merged of its open range
    for r, tr in enumerate(tbl.iter(f"{_W}tr")):
        out: list[object] = []
        c = 0
        for tc in tr.iter(f"{_W}tc"):
            if tc.getparent() is not tr:
                continue  # a cell of a table nested inside a cell
            props = tc.find(f"{_W}tcPr")
            span = 1
            vmerge = None
            if props is not None:
                gs = props.find(f"{_W}gridSpan")
                if gs is not None:
                    span = int(gs.get(f"{_W}val", "1"))
                vm = props.find(f"{_W}vMerge")
                if vm is not None:
                    vmerge = vm.get(f"{_W}val", "continue")
            text = _text(tc)
            if len(text) > MAX_CELL_CHARS:
                text = text[: MAX_CELL_CHARS + 1]
            if vmerge == "continue" and c in open_vertical:
                k = open_vertical[c]
                r0, c0, _, c1 = merged[k]
                merged[k] = (r0, c0, r, c1)
                out.extend([None] * span)
            else:
                out.append(text if text.strip() else None)
                out.extend([None] * (span - 1))
                if span > 1 or vmerge == "restart":
                    merged.append((r, c, r, c + span - 1))
                    if vmerge == "restart":
                        open_vertical[c] = len(merged) - 1
                    else:
                        open_vertical.pop(c, None)
                else:
                    open_vertical.pop(c, None)
            c += span
        rows.append(out)
    return rows, merged


def read_docx(path: Path, display: str) -> ReadResult:
    """Every table of a ``.docx`` file as a grid, with its title paragraphs above it."""
    import docx  # python-docx; imported here, only Word files need it

    result = ReadResult()
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        result.errors.append(
            IngestError(
                f"file .docx rusak atau bukan file Word ({type(exc).__name__})", file=display
            )
        )
        return result
    paragraphs: list[str] = []
    number = 0
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text = " ".join(_text(child).split())
            if text:
                paragraphs.append(text)
            continue
        if child.tag != f"{_W}tbl":
            continue
        number += 1
        body, merged = _table_cells(child)
        titles = paragraphs[-TITLE_PARAGRAPHS:]
        paragraphs = []
        width = max((len(r) for r in body), default=0)
        if width == 0:
            result.notes.append(f"{display}: tabel {number} kosong, dilewati")
            continue
        grid_rows = [[t] + [None] * (width - 1) for t in titles] + [
            r + [None] * (width - len(r)) for r in body
        ]
        cells = pd.DataFrame(grid_rows, dtype=object)
        if cells.isna().all().all():
            result.notes.append(f"{display}: tabel {number} kosong, dilewati")
            continue
        shift = len(titles)
        result.grids.append(
            SheetGrid(
                display,
                f"tabel {number}",
                cells,
                np.arange(1, len(cells) + 1),
                [(r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in merged],
            )
        )
    if not result.grids and not result.errors:
        result.errors.append(IngestError("file .docx tidak berisi tabel", file=display))
    return result
