"""A Word draft of the performance chapter (python-docx), for the planner to finish.

Plain and editable on purpose: Word's built-in styles (Title, Heading 1/2, Normal,
Caption, Table Grid), no text boxes, no fields. In order: one line saying it is a draft,
the title block, the headline figures written out, the report's own sections (its
explanations, the paragraphs the views write, the charts with their captions), then the
official tables - the same cells as the workbook, printed as the HTML prints them
(:meth:`analysis.reports.official.TabelResmi.tampilan`), header rows repeated on every
page. Pages are A4 landscape: the forms are wide.

Text from data goes in as run text (XML-escaped by python-docx, so markup or Word field
syntax stays literal), cleaned of control characters and neutralised against formula
injection for when a table is pasted into Excel (:func:`analysis.reports.office.netralkan`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analysis.reports.office import Blok, bersihkan, lebar_kolom, netralkan
from analysis.reports.official import TabelResmi

BARIS_DRAF = (
    "DRAF - disusun otomatis dari data olahan; periksa, lengkapi analisis dan tanda tangan "
    "sebelum diserahkan."
)
"""The one line at the top saying the document is a draft to finish."""

LEBAR_GAMBAR_CM = 22.0
TINGGI_GAMBAR_CM = 14.5
"""Largest chart height: a landscape A4 page less margins, heading and caption."""
LEBAR_HALAMAN_CM = 26.7
"""Text width of the landscape A4 page (29.7 cm less 2 x 1.5 cm margins)."""
CM_PER_HURUF = 0.15
"""Width of one character of 7.5-pt table text (digits, the widest common case)."""
CM_PER_HURUF_JUDUL = 0.22
"""Width of one character of a bold header word (kept whole, never split)."""
_UKURAN_TABEL = Pt(7.5)


def _lebar_gambar(png: bytes) -> float:
    """Width in cm that fits a chart on the page: full width, or less when it is tall."""
    if png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) >= 24:
        width = int.from_bytes(png[16:20], "big")
        height = int.from_bytes(png[20:24], "big")
        if width and height:
            return min(LEBAR_GAMBAR_CM, TINGGI_GAMBAR_CM * width / height)
    return LEBAR_GAMBAR_CM


def _landscape_a4(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    section.top_margin = section.bottom_margin = Cm(1.8)


def _repeat_header(row) -> None:
    """Mark a table row as a header row, repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _fixed_widths(table, t: TabelResmi, shown) -> None:
    """Column widths that fit: numbers at their printed width, text sharing the rest.

    Set on the table grid, not on each cell, which keeps a long table quick to build;
    Word and LibreOffice both lay a fixed-layout table out from its grid.
    """
    chars = lebar_kolom(t)
    numeric = [k.jenis != "teks" for k in t.kolom]
    fixed, least = [], []
    for k, n in zip(t.kolom, numeric, strict=True):
        word = max((len(w) for w in k.judul.split()), default=4) * CM_PER_HURUF_JUDUL + 0.3
        if not n:
            # Text wraps between words: room for its longest word (a code such as
            # 7.01.01.2.01.01), up to a limit so one freak token cannot take the page.
            token = shown[k.kunci].str.split().map(lambda ws: max(map(len, ws), default=0))
            longest = min(int(token.max()) if len(token) else 0, 18)
            least.append(max(word, longest * CM_PER_HURUF + 0.3))
            fixed.append(0.0)
            continue
        least.append(word)
        content = int(shown[k.kunci].str.len().max()) if len(shown) else 1
        fixed.append(max(content * CM_PER_HURUF + 0.3, word))
    text_chars = sum(c for c, n in zip(chars, numeric, strict=True) if not n) or 1.0
    room = max(LEBAR_HALAMAN_CM - sum(fixed), 0.0)
    # Text columns share the room by content, each at least its floor; what the floors
    # take beyond a column's share comes off the columns above their floor.
    share = [room * c / text_chars if not n else 0.0 for c, n in zip(chars, numeric, strict=True)]
    text_w = [
        max(sh, fl) if not n else 0.0 for sh, fl, n in zip(share, least, numeric, strict=True)
    ]
    excess = sum(text_w) - room
    slack = sum(w - fl for w, fl, n in zip(text_w, least, numeric, strict=True) if not n)
    if excess > 0 and slack > 0:
        cut = min(excess / slack, 1.0)
        text_w = [
            w - (w - fl) * cut if not n else 0.0
            for w, fl, n in zip(text_w, least, numeric, strict=True)
        ]
    widths = [f if n else w for f, w, n in zip(fixed, text_w, numeric, strict=True)]
    scale = min(1.0, LEBAR_HALAMAN_CM / sum(widths))
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        col.w = Cm(width * scale)


def _shade(cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    tc_pr.append(shading)


def _write(cell, text: str, bold: bool = False, align=None, italic: bool = False) -> None:
    """Text into a cell; size and spacing come from the table style (set once)."""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if align is not None:
        paragraph.alignment = align


def _cell_text(tc, text: str, bold: bool, right: bool) -> None:
    """A run of ``text`` in the cell's paragraph (line breaks kept as Word breaks)."""
    p = tc.p_lst[0]
    if right:
        p_pr = p.get_or_add_pPr()
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "right")
        p_pr.append(jc)
    run = OxmlElement("w:r")
    if bold:
        r_pr = OxmlElement("w:rPr")
        r_pr.append(OxmlElement("w:b"))
        run.append(r_pr)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = line.replace("\t", " ")
        run.append(t)
    p.append(run)


def _table(doc, t: TabelResmi) -> None:
    kolom = list(t.kolom)
    shown = t.tampilan()
    two = t.ada_grup
    n_head = (2 if two else 1) + (1 if t.nomor_kolom else 0)
    table = doc.add_table(rows=n_head + len(shown), cols=len(kolom))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, t, shown)
    center = WD_ALIGN_PARAGRAPH.CENTER
    rows = table.rows
    for r in range(n_head):
        _repeat_header(rows[r])
    i = 0
    while i < len(kolom):
        k = kolom[i]
        if not two:
            _write(rows[0].cells[i], k.judul, bold=True, align=center)
            i += 1
            continue
        if not k.grup:
            cell = rows[0].cells[i].merge(rows[1].cells[i])
            _write(cell, k.judul, bold=True, align=center)
            i += 1
            continue
        j = i
        while j + 1 < len(kolom) and kolom[j + 1].grup == k.grup:
            j += 1
        cell = rows[0].cells[i].merge(rows[0].cells[j]) if j > i else rows[0].cells[i]
        _write(cell, k.grup, bold=True, align=center)
        for c in range(i, j + 1):
            _write(rows[1].cells[c], kolom[c].judul, bold=True, align=center)
        i = j + 1
    for r in range(2 if two else 1):
        for cell in rows[r].cells:
            _shade(cell, "D9E1F2")
    if t.nomor_kolom:
        for c in range(len(kolom)):
            _write(rows[n_head - 1].cells[c], f"({c + 1})", italic=True, align=center)
    tingkat = (
        t.baris["_tingkat"].astype("str").tolist() if "_tingkat" in t.baris else [""] * len(shown)
    )
    texts = {
        k.kunci: (shown[k.kunci].map(netralkan) if k.jenis == "teks" else shown[k.kunci]).tolist()
        for k in kolom
    }
    # Data rows have one cell per column (no spans): their XML is written directly,
    # which is several times quicker than python-docx's Run objects on a long form.
    tcs = [list(rows[n_head + r]._tr.tc_lst) for r in range(len(shown))]
    for r in range(len(shown)):
        bold = tingkat[r] in ("program", "total")
        for c, k in enumerate(kolom):
            text = texts[k.kunci][r]
            if text:
                _cell_text(tcs[r][c], text, bold=bold, right=k.jenis != "teks")
    _merge_blocks(tcs, t)


def _merge_blocks(tcs: list[list], t: TabelResmi) -> None:
    """Merge the block columns down (Word's ``vMerge``) over one indicator or node.

    Written on the cells' XML directly: python-docx's ``merge`` walks the whole grid per
    call, which on a 200-row form costs seconds.
    """
    if not t.gabung or "_blok" not in t.baris or t.baris.empty:
        return
    blok = t.baris["_blok"].to_numpy()
    starts = np.flatnonzero(np.r_[True, blok[1:] != blok[:-1]])
    ends = np.r_[starts[1:], len(blok)]
    columns = [c for c, k in enumerate(t.kolom) if k.kunci in t.gabung]
    for s, e in zip(starts, ends, strict=True):
        if e - s < 2:
            continue
        for r in range(s, e):
            for c in columns:
                merge = OxmlElement("w:vMerge")
                if r == s:
                    merge.set(qn("w:val"), "restart")
                tcs[r][c].get_or_add_tcPr().append(merge)


def dokumen(
    judul: str,
    subjudul: str,
    ringkasan: Sequence[str],
    isi: Sequence[Blok],
    tables: Sequence[TabelResmi],
) -> bytes:
    """The Word draft as bytes (written atomically by the caller)."""
    doc = Document()
    _landscape_a4(doc)
    grid = doc.styles["Table Grid"]
    grid.font.size = _UKURAN_TABEL
    grid.paragraph_format.space_after = Pt(0)
    grid.paragraph_format.line_spacing = 1.0
    doc.core_properties.title = bersihkan(judul)
    doc.core_properties.author = "kinerja-kecamatan"
    draft = doc.add_paragraph()
    run = draft.add_run(BARIS_DRAF)
    run.italic = True
    run.font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
    doc.add_paragraph(bersihkan(judul), style="Title")
    doc.add_paragraph(bersihkan(subjudul))
    doc.add_heading("Ringkasan", level=1)
    for text in ringkasan:
        doc.add_paragraph(bersihkan(text))
    n_gambar = 0
    for blok in isi:
        if blok.jenis == "judul":
            doc.add_heading(bersihkan(blok.teks), level=min(max(blok.tingkat - 1, 1), 3))
        elif blok.jenis == "paragraf":
            doc.add_paragraph(bersihkan(blok.teks))
        elif blok.jenis == "gambar" and blok.png:
            n_gambar += 1
            doc.add_picture(io.BytesIO(blok.png), width=Cm(_lebar_gambar(blok.png)))
            picture = doc.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True  # the caption stays with it
            doc.add_paragraph(f"Gambar {n_gambar}. {bersihkan(blok.teks)}", style="Caption")
    doc.add_heading("Tabel", level=1)
    for t in tables:
        doc.add_heading(bersihkan(t.judul), level=2)
        if t.keterangan:
            doc.add_paragraph(bersihkan(t.keterangan))
        if t.baris.empty:
            doc.add_paragraph(t.pesan_kosong)
        else:
            _table(doc, t)
        for text in t.catatan:
            doc.add_paragraph(netralkan(text))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
