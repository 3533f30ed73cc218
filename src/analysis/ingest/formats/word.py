"""Read the tables of a Word report (``.docx``) into the same grids as a spreadsheet.

Offices often send the report itself rather than a spreadsheet: every table of the
document becomes one :class:`~analysis.ingest.formats.reading.SheetGrid` (sheet ``tabel N``, N
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

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import IngestError
from analysis.ingest.formats.grid import MAX_CELL_CHARS, ReadResult, SheetGrid

TITLE_PARAGRAPHS = 4
"""At most this many non-empty paragraphs right above a table are its title."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
"""Elements Word draws as their content: content controls (``w:sdt``, at block, row,
cell and run level), custom XML and smart tags."""
_HIDDEN = {f"{_W}del", f"{_W}moveFrom", f"{_W}sdtPr", f"{_W}sdtEndPr", f"{_W}rPr", f"{_W}pPr"}
"""Content not shown as text: tracked deletions and the source of a tracked move (the
accepted text is the insertion and the move's destination), and properties (a content
control's placeholder settings)."""
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _children(parent, tag: str):
    """The ``tag`` elements of ``parent`` as Word shows them: its children, and those
    inside content controls and other wrappers, in order - never those of a table nested
    inside (they belong to that table) nor tracked deletions."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


_FIELD_LINK = re.compile(r'^\s*HYPERLINK\s+(?:\\l\s+)?"([^"]+)"', re.I)
"""A hyperlink field (``HYPERLINK "https://..."``, ``HYPERLINK \\l "bookmark"``)."""


def _link(out: list[str], start: int, target: str) -> None:
    """The text appended to ``out`` since ``start`` as ``label <target>``."""
    label = "".join(out[start:]).strip()
    if target and target != label:
        del out[start:]
        out.append(f"{label} <{target}>" if label else f"<{target}>")


def _runs_text(node, links: dict[str, str], out: list[str], fields: list | None = None) -> None:
    """The visible text under ``node`` in order, a hyperlink (element or field) as
    ``label <target>``. ``fields``: the open complex fields (``w:fldChar``), each
    ``[instruction parts, start of its result in out or None]``."""
    fields = [] if fields is None else fields
    for child in node:
        tag = child.tag
        if tag in _HIDDEN or tag == f"{_W}tbl":
            continue  # a nested table's text is added after the cell's own paragraphs
        if tag == f"{_W}t" and child.text:
            out.append(child.text)
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in {f"{_W}br", f"{_W}cr"}:
            out.append("\n")
        elif tag == f"{_W}hyperlink":
            start = len(out)
            _runs_text(child, links, out, fields)
            anchor = child.get(f"{_W}anchor")
            target = links.get(child.get(f"{_R}id") or "", "") or (f"#{anchor}" if anchor else "")
            _link(out, start, target)
        elif tag == f"{_W}fldSimple":
            start = len(out)
            _runs_text(child, links, out, fields)
            found = _FIELD_LINK.match(child.get(f"{_W}instr") or "")
            _link(out, start, found.group(1) if found else "")
        elif tag == f"{_W}instrText" and fields:
            fields[-1][0].append(child.text or "")
        elif tag == f"{_W}fldChar":
            kind = child.get(f"{_W}fldCharType")
            if kind == "begin":
                fields.append([[], None])
            elif kind == "separate" and fields:
                fields[-1][1] = len(out)
            elif kind == "end" and fields:
                instr, start = fields.pop()
                found = _FIELD_LINK.match("".join(instr))
                if found and start is not None:
                    _link(out, start, found.group(1))
        else:
            _runs_text(child, links, out, fields)


def _text(element, links: dict[str, str] | None = None) -> str:
    """Text of a paragraph or cell as Word shows the accepted text: runs joined,
    paragraphs on their own lines, a table nested in a cell after the cell's paragraphs
    (its rows on lines, its cells split by tabs)."""
    links = links or {}
    if element.tag == f"{_W}p":
        out: list[str] = []
        _runs_text(element, links, out)
        return "".join(out)
    lines = []
    for block in _blocks(element):
        if block.tag == f"{_W}p":
            lines.append(_text(block, links))
        else:  # a nested table: its text stays in this cell
            for tr in _children(block, f"{_W}tr"):
                cells = [_text(tc, links) for tc in _children(tr, f"{_W}tc")]
                lines.append("\t".join(" ".join(c.split()) for c in cells))
    return "\n".join(lines)


def _blocks(element):
    """Paragraphs and tables of a cell in order (through content controls)."""
    for child in element:
        if child.tag in {f"{_W}p", f"{_W}tbl"}:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _deleted_row(tr) -> bool:
    """A table row deleted with tracked changes on (``w:trPr/w:del``)."""
    props = tr.find(f"{_W}trPr")
    return props is not None and props.find(f"{_W}del") is not None


def _table_cells(
    tbl, links: dict[str, str] | None = None
) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """Cell texts on the table grid and the merged ranges (0-based, table-relative)."""
    rows: list[list[object]] = []
    merged: list[tuple[int, int, int, int]] = []
    open_vertical: dict[int, int] = {}  # grid column -> index in merged of its open range
    table_rows = [tr for tr in _children(tbl, f"{_W}tr") if not _deleted_row(tr)]
    for r, tr in enumerate(table_rows):
        out: list[object] = []
        c = 0
        for tc in _children(tr, f"{_W}tc"):
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
            text = _text(tc, links)
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
    links = {
        rel_id: rel.target_ref
        for rel_id, rel in document.part.rels.items()
        if rel.reltype.endswith("/hyperlink")
    }
    paragraphs: list[str] = []
    number = 0
    for child in _blocks(document.element.body):
        if child.tag == f"{_W}p":
            text = " ".join(_text(child, links).split())
            if text:
                paragraphs.append(text)
            continue
        number += 1
        body, merged = _table_cells(child, links)
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
