"""Read the tables of a PDF report into the same grids as a spreadsheet or Word file.

Offices publish their LKjIP, Laporan Kinerja and Evaluasi Rencana Aksi as PDF saved
from Word. pdfplumber (MIT, pure Python, on pdfminer.six) gives what such a file holds:
characters at positions and the ruling lines of the tables; the tables are found from
the ruling lines (:mod:`analysis.ingest.formats.pdf_layout`). Each table becomes one
:class:`~analysis.ingest.formats.reading.SheetGrid` (sheet ``tabel N``, N counted from 1 in
reading order) for the same recognition as Excel and Word, with the text paragraphs
printed just above it as title rows (kecamatan, tahun and triwulan come from them, as
for Word).

What Word does to a table on paper is undone here:

* a table continuing on the next page (nothing but page furniture between its end and
  the next page's first table, same columns) is one table; the header rows Word repeats
  at the top of each page, the ``(1)..(8)`` and ``(7/6*100)`` numbering rows with them,
  are dropped there;
* a row cut by the page break (its rest at the top of the next page: text only in
  columns whose text on the page before ran to the row's bottom) is merged back;
* running headers, footers and page numbers (in the top or bottom band of a page, a
  page number or the same text on several pages) are neither titles nor data;
* a cell's wrapped lines are one text (``DPA-`` + ``SKPD`` -> ``DPA-SKPD``);
* a merged cell keeps its text in its first position and is listed in
  ``SheetGrid.merged``, as an Excel merged range;
* text between tables is narrative: never table data; its paragraphs are kept in
  :attr:`PdfReadResult.paragraphs` (page, text) for the written analysis.

Grid rows are labelled ``page * 1000 + row on that page`` (table rows counted from 1 on
each page, title rows 0), so every figure's ``sumber`` names its page:
``laporan.pdf:tabel 2:13007`` is page 13, row 7 of that page's part of Tabel 2, and
messages say ``halaman 13, baris 7`` (:func:`analysis.errors.pdf_place`).

A PDF without a text layer (a scan), an encrypted or a broken one is an error naming the
file and what to do; the reader never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import PDF_PAGE_ROWS, IngestError
from analysis.ingest.formats.grid import MAX_CELL_CHARS, Limits, ReadResult, SheetGrid
from analysis.ingest.formats.pdf_layout import (
    PageTable,
    TextLine,
    join_wrapped,
    page_lines,
    page_tables,
    paragraphs,
    running_lines,
)

TITLE_PARAGRAPHS = 4
"""At most this many paragraphs right above a table are its title (as for Word)."""

HEADER_ROWS_CHECKED = 6
"""A continued table's first rows are compared with this many top rows of its start."""

SCAN_ADVICE = (
    "PDF ini hasil pindaian (gambar tanpa lapisan teks), tabelnya tidak dapat dibaca; "
    "kirim file aslinya (.docx/.xlsx) atau jalankan OCR dahulu (mis. ocrmypdf) lalu "
    "simpan hasilnya di data mentah"
)


@dataclass
class PdfReadResult(ReadResult):
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    """Narrative text between the tables: (page, paragraph), in reading order."""


@dataclass
class _Part:
    """One page's piece of a table, kept while stitching."""

    table: PageTable
    row_pages: list[int]
    row_numbers: list[int]
    repeated: int = 0
    """Header rows repeated at the top of this page, dropped."""
    cut: bool = False
    """Its first row was the rest of the row above the page break, merged back."""


def _norm(row: list[str | None]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", (c or "")).lower() for c in row)


def _continues(prev: PageTable, nxt: PageTable) -> bool:
    """Is ``nxt`` the rest of ``prev`` (on the next page, same columns)?"""
    if nxt.page != prev.page + 1 or nxt.width != prev.width:
        return False
    a = np.diff(np.array(prev.x_edges))
    b = np.diff(np.array(nxt.x_edges))
    return bool(np.allclose(a / a.sum(), b / b.sum(), atol=0.02))


def _repeated_header(first: PageTable, cont: PageTable) -> int:
    """How many top rows of ``cont`` repeat the top rows of the table's first page."""
    heads = {_norm(r) for r in first.rows[:HEADER_ROWS_CHECKED]}
    n = 0
    for row in cont.rows[:HEADER_ROWS_CHECKED]:
        key = _norm(row)
        if key not in heads or not any(key):
            break
        n += 1
    return n


def _is_cut_rest(last: PageTable, r_last: int, cont: PageTable, r: int) -> bool:
    """Is row ``r`` of ``cont`` the rest of ``last``'s row ``r_last``, cut by the page
    break? Its text sits only in columns whose text ran to the bottom of the cut row."""
    row = cont.rows[r]
    filled = [c for c, v in enumerate(row) if v]
    if not filled:
        return False
    reach = last.reaches_bottom[r_last]
    return all(reach[c] for c in filled)


def _stitch(tables: list[PageTable], between: list[bool]) -> list[list[_Part]]:
    """Group page tables into document tables; ``between[i]`` says whether text other
    than page furniture stands between table ``i - 1`` and table ``i``."""
    groups: list[list[_Part]] = []
    for i, t in enumerate(tables):
        numbers = list(range(1, len(t.rows) + 1))
        part = _Part(t, [t.page] * len(t.rows), numbers)
        if groups and not between[i] and _continues(groups[-1][-1].table, t):
            first = groups[-1][0].table
            drop = _repeated_header(first, t)
            prev = groups[-1][-1]
            keep = list(range(drop, len(t.rows)))
            cut = False
            heads = {_norm(r) for r in first.rows[:HEADER_ROWS_CHECKED]}
            r_last = len(prev.table.rows) - 1
            if (
                keep
                and r_last >= 0
                and _norm(prev.table.rows[r_last]) not in heads
                and _is_cut_rest(prev.table, r_last, t, keep[0])
            ):
                rest = t.rows[keep[0]]
                prev.table.rows[r_last] = [
                    join_wrapped("\n".join(x for x in (a, b) if x)) if (a or b) else a
                    for a, b in zip(prev.table.rows[r_last], rest, strict=True)
                ]
                keep = keep[1:]
                cut = True
            part = _Part(
                PageTable(
                    t.page,
                    t.top,
                    t.bottom,
                    t.x_edges,
                    [t.rows[k] for k in keep],
                    _shift_merged(t.merged, keep),
                    [t.reaches_bottom[k] for k in keep],
                ),
                [t.page] * len(keep),
                [k + 1 for k in keep],
                drop,
                cut,
            )
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _shift_merged(
    merged: list[tuple[int, int, int, int]], keep: list[int]
) -> list[tuple[int, int, int, int]]:
    """Merged ranges of the kept rows, renumbered (ranges over dropped rows are cut)."""
    if not keep:
        return []
    pos = {k: i for i, k in enumerate(keep)}
    out = []
    for r0, c0, r1, c1 in merged:
        rows = [pos[r] for r in range(r0, r1 + 1) if r in pos]
        if rows and (len(rows) > 1 or c1 > c0):
            out.append((rows[0], c0, rows[-1], c1))
    return out


def read_pdf(path: Path, display: str, limits: Limits) -> PdfReadResult:
    """Every table of a PDF as a grid, with its title paragraphs above it."""
    result = PdfReadResult()
    try:
        return _read(path, display, limits, result)
    except Exception as exc:  # pdfminer raises many kinds of error on a broken file
        result.grids.clear()
        result.errors.append(IngestError(_broken_reason(exc), file=display))
        return result


def _broken_reason(exc: Exception) -> str:
    inner = [a for a in exc.args if isinstance(a, BaseException)]
    cause = inner[0] if inner else exc.__cause__ or exc.__context__ or exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return (
            "PDF terkunci dengan kata sandi (terenkripsi), tidak dapat dibaca; buka kuncinya "
            "atau kirim file aslinya (.docx/.xlsx)"
        )
    return (
        f"file .pdf rusak atau bukan PDF ({name}); simpan ulang dari Word/Excel "
        "(Simpan sebagai PDF) atau kirim file aslinya (.docx/.xlsx)"
    )


def _read(path: Path, display: str, limits: Limits, result: PdfReadResult) -> PdfReadResult:
    import pdfplumber  # imported here: only PDF files need it

    with pdfplumber.open(str(path)) as pdf:
        n_pages = len(pdf.pages)
        if n_pages > limits.max_pdf_pages:
            result.errors.append(
                IngestError(
                    f"PDF {n_pages:,} halaman melebihi batas {limits.max_pdf_pages:,} halaman "
                    "(batas_halaman_pdf di pengaturan); pisahkan bagian yang berisi tabel",
                    file=display,
                )
            )
            return result
        tables: list[PageTable] = []
        lines: list[TextLine] = []
        heights: dict[int, float] = {}
        scanned: list[int] = []
        for number, page in enumerate(pdf.pages, start=1):
            heights[number] = float(page.height)
            if not page.chars:
                if page.images:
                    scanned.append(number)
                continue
            found = page_tables(page, number)
            tables.extend(found)
            lines.extend(page_lines(page, number, found))
            page.close()
    if not lines and not tables:
        reason = SCAN_ADVICE if scanned else "PDF tidak berisi teks maupun tabel"
        result.errors.append(IngestError(reason, file=display))
        return result
    if scanned:
        pages = ", ".join(str(p) for p in scanned)
        result.notes.append(
            f"{display}: halaman {pages} berupa gambar hasil pindaian tanpa lapisan teks, "
            "tidak dibaca (kirim file aslinya atau jalankan OCR dahulu)"
        )
    furniture = running_lines(lines, heights)
    body = [ln for i, ln in enumerate(lines) if i not in furniture]
    _assemble(display, tables, body, result)
    return result


def _assemble(
    display: str, tables: list[PageTable], body: list[TextLine], result: PdfReadResult
) -> None:
    """Stitch the page tables, give each its titles, and keep the narrative."""
    # reading order: by page, then by top; text before the table it precedes
    events = [(t.page, t.top, 1, i) for i, t in enumerate(tables)]
    events += [(ln.page, ln.top, 0, i) for i, ln in enumerate(body)]
    events.sort()
    between = [False] * len(tables)
    text_before: list[list[TextLine]] = [[] for _ in tables]
    pending: list[TextLine] = []
    for _, _, kind, i in events:
        if kind == 0:
            pending.append(body[i])
            continue
        between[i] = bool(pending)
        text_before[i] = pending
        pending = []
    trailing = pending
    groups = _stitch(tables, between)
    first_of_group = np.cumsum([0] + [len(g) for g in groups])[: len(groups)]
    for number, (group, first) in enumerate(zip(groups, first_of_group, strict=True), start=1):
        paras = paragraphs(text_before[int(first)])
        result.paragraphs.extend((p.page, p.text) for p in paras)
        _grid(display, number, group, paras[-TITLE_PARAGRAPHS:], result)
    result.paragraphs.extend((p.page, p.text) for p in paragraphs(trailing))
    if not result.grids and not result.errors:
        result.errors.append(
            IngestError(
                "PDF tidak berisi tabel bergaris (tabel dikenali dari garis-garisnya); "
                "kirim file aslinya (.docx/.xlsx)",
                file=display,
            )
        )


def _grid(
    display: str, number: int, group: list[_Part], titles: list[TextLine], result: ReadResult
) -> None:
    width = group[0].table.width
    body: list[list[object]] = []
    labels: list[int] = []
    merged: list[tuple[int, int, int, int]] = []
    for t in titles:
        body.append([t.text] + [None] * (width - 1))
        labels.append(t.page * PDF_PAGE_ROWS)
    for part in group:
        shift = len(body)
        for row, page, r in zip(part.table.rows, part.row_pages, part.row_numbers, strict=True):
            body.append([_cell(v) for v in row])
            labels.append(page * PDF_PAGE_ROWS + min(r, PDF_PAGE_ROWS - 1))
        merged.extend((r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in part.table.merged)
    if len(group) > 1:
        repeated = sum(p.repeated for p in group)
        cut = sum(p.cut for p in group)
        result.notes.append(
            f"{display}: tabel {number} berlanjut dari halaman {group[0].table.page} sampai "
            f"{group[-1].table.page}, dibaca sebagai satu tabel ({repeated} baris judul kolom "
            f"yang diulang di tiap halaman dilewati, {cut} baris yang terpotong pergantian "
            "halaman digabung kembali)"
        )
    cells = pd.DataFrame(body, dtype=object)
    if cells.iloc[len(titles) :].isna().all().all():
        result.notes.append(f"{display}: tabel {number} kosong, dilewati")
        return
    result.grids.append(
        SheetGrid(display, f"tabel {number}", cells, np.array(labels, dtype=np.int64), merged)
    )


def _cell(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value[: MAX_CELL_CHARS + 1]
