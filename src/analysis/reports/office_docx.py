"""A Word draft of the performance chapter (python-docx), for the planner to finish.

Plain and editable on purpose: Word's built-in styles (Title, Heading 1-4, Normal,
Caption, Table Grid), no text boxes. In order: one line saying it is a draft, the title
block with the report's scope, a table of contents, the chapter heading, the headline
figures written out, then the report's own sections (its explanations, the paragraphs the
views write, the charts) with each official table where the report shows its table -
the same cells as the workbook, printed as the HTML prints them
(:meth:`analysis.reports.official.TabelResmi.tampilan`), header rows repeated on every
page, rows never split. Where things go, captions, page set-up (A4 portrait, landscape
for wide tables) and the few fields (TOC, SEQ, PAGE; fixed instructions only) are
:mod:`analysis.reports.docx_chapter`'s.

Text from data goes in as run text (XML-escaped by python-docx, so markup or Word field
syntax stays literal), cleaned of control and bidi characters and - table cells,
headings and paragraphs alike - neutralised against formula injection for when it is
pasted into Excel (:func:`analysis.neutral.neutralise`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Pt, RGBColor

from analysis.reports import docx_chapter, docx_lebar, tercetak
from analysis.reports.office_content import Blok, bersihkan, netralkan
from analysis.reports.official_table import TANDA, TabelResmi

BARIS_DRAF = (
    "DRAF - disusun otomatis dari data olahan; periksa, lengkapi analisis dan tanda tangan "
    "sebelum diserahkan."
)
"""The one line at the top saying the document is a draft to finish."""

TWIP_PER_CM = 567
LEBAR_HALAMAN_CM = docx_chapter.MENDATAR.lebar_teks
"""Text width of the landscape A4 page (the widest a table may be)."""
_UKURAN_TABEL = Pt(docx_lebar.UKURAN_ISI_PT)
_UKURAN_JUDUL = round(docx_lebar.UKURAN_JUDUL_PT * 2)  # half-points
_MARGIN_SEL = round(docx_lebar.MARGIN_SEL_CM * TWIP_PER_CM)


def _lebar_gambar(png: bytes, halaman: docx_chapter.Halaman) -> float:
    """Width in cm that fits a chart on the page: full width, or less when it is tall."""
    full = halaman.lebar_teks
    tallest = docx_chapter.TINGGI_GAMBAR_CM[halaman.mendatar]
    if png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) >= 24:
        width = int.from_bytes(png[16:20], "big")
        height = int.from_bytes(png[20:24], "big")
        if width and height:
            return min(full, tallest * width / height)
    return full


def _column_widths(
    t: TabelResmi, shown, page_cm: float = LEBAR_HALAMAN_CM, *, scale: bool = True
) -> list[float]:
    """Column widths in cm (:func:`analysis.reports.docx_lebar.lebar_kolom_cm`)."""
    return docx_lebar.lebar_kolom_cm(t, shown, page_cm, scale=scale)


_HEAD_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="D9E1F2"/>'


def _run(text: str, bold: bool = False, italic: bool = False, size: int | None = None) -> str:
    """A run of escaped text (``size`` in half-points); line breaks become Word breaks,
    tabs spaces."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
    lines = bersihkan(text).replace("\t", " ").split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{r_pr}{body}</w:r>"


def _tc(
    width: float,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: str | None = None,
    span: int = 1,
    merge: str | None = None,
    shade: bool = False,
    keep: bool = False,
) -> str:
    """One cell; ``merge`` is ``"restart"`` (top of a vertical merge) or ``"continue"``.
    A shaded (header) cell is printed in the header size; ``keep``: its row stays on the
    page of the next row."""
    props = f'<w:tcW w:w="{round(width * TWIP_PER_CM)}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if shade:
        props += _HEAD_SHADE
    p_pr = ("<w:keepNext/>" if keep else "") + (f'<w:jc w:val="{align}"/>' if align else "")
    p_pr = f"<w:pPr>{p_pr}</w:pPr>" if p_pr else ""
    run = _run(text, bold, italic, _UKURAN_JUDUL if shade else None) if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{p_pr}{run}</w:p></w:tc>"


def _table_xml(
    t: TabelResmi,
    style_id: str,
    page_cm: float = LEBAR_HALAMAN_CM,
    page_height_cm: float = docx_chapter.MENDATAR.tinggi_teks,
) -> str:
    """The table as WordprocessingML, built in one string and parsed once.

    Building it cell by cell through python-docx costs ~1 ms a cell (a 200-row form takes
    seconds); the XML is the same either way: a fixed-layout grid, header rows marked
    ``tblHeader`` (repeated on every page), group headers spanned, the block columns
    merged down with ``vMerge``. Every text goes through :func:`xml.sax.saxutils.escape`.
    A row is kept whole on one page unless it is taller than :data:`BARIS_PECAH` of the
    page (a KET of a thousand letters): that one may continue on the next page, under the
    repeated header, instead of leaving more than that share of a page empty before it.
    """
    kolom = list(t.kolom)
    shown = t.tampilan()
    widths = _column_widths(t, shown, page_cm)
    two = t.ada_grup
    rows: list[str] = []
    head = '<w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>'
    top, second = [], []
    i = 0
    while i < len(kolom):
        k = kolom[i]
        if not two or not k.grup:
            top.append(
                _tc(
                    widths[i],
                    k.judul,
                    bold=True,
                    align="center",
                    shade=True,
                    merge="restart" if two else None,
                )
            )
            second.append(_tc(widths[i], merge="continue", shade=True))
            i += 1
            continue
        j = i
        while j + 1 < len(kolom) and kolom[j + 1].grup == k.grup:
            j += 1
        top.append(
            _tc(
                sum(widths[i : j + 1]),
                k.grup,
                bold=True,
                align="center",
                span=j - i + 1,
                shade=True,
            )
        )
        second += [
            _tc(widths[c], kolom[c].judul, bold=True, align="center", shade=True)
            for c in range(i, j + 1)
        ]
        i = j + 1
    rows.append(f"<w:tr>{head}{''.join(top)}</w:tr>")
    if two:
        # A header merged down both rows wraps into them; Word and LibreOffice do not
        # grow the rows for it, so the second row is made tall enough to hold it.
        alone = [c for c, k in enumerate(kolom) if not k.grup]
        lines = docx_lebar.baris_judul([kolom[c].judul for c in alone], [widths[c] for c in alone])
        tall = round((lines - 1) * docx_lebar.TINGGI_BARIS_JUDUL_PT * 20) + 60
        second_pr = (
            head
            if lines <= 2
            else head.replace(
                "<w:cantSplit/>", f'<w:cantSplit/><w:trHeight w:val="{tall}" w:hRule="atLeast"/>'
            )
        )
        rows.append(f"<w:tr>{second_pr}{''.join(second)}</w:tr>")
    if t.nomor_kolom:
        numbered = "".join(
            _tc(w, f"({c + 1})", italic=True, align="center") for c, w in enumerate(widths)
        )
        rows.append(f"<w:tr>{head}{numbered}</w:tr>")
    b = t.baris
    bold = (
        b["_tingkat"].astype("str").isin(docx_lebar.BARIS_TEBAL)
        if "_tingkat" in b
        else pd.Series(False, index=b.index)
    ).tolist()
    if t.gabung and "_blok" in b and len(b):
        blok = b["_blok"].to_numpy()
        first = np.r_[True, blok[1:] != blok[:-1]]
        last = np.r_[blok[1:] != blok[:-1], True]
        state = np.where(first & last, "", np.where(first, "restart", "continue")).tolist()
    else:
        state = [""] * len(b)
    columns = []
    for c, k in enumerate(kolom):
        texts = (
            docx_lebar.patah_garis_miring(shown[k.kunci].map(netralkan))
            if k.jenis == "teks"
            else shown[k.kunci]
        )
        columns.append((widths[c], texts.tolist(), k.kunci in t.gabung, k.jenis != "teks"))
    whole = "<w:trPr><w:cantSplit/></w:trPr>"  # a row never splits across pages ...
    height = docx_lebar.tinggi_baris_cm(t, shown, widths)
    tall = height > BARIS_PECAH * page_height_cm
    # The last rows that make up a quarter of a page stay together: a table that spills
    # onto the next sheet takes at least that much with it, never one row alone.
    tail = np.cumsum(height[::-1])[::-1] <= EKOR_TABEL * page_height_cm
    tail = np.r_[tail[1:], False] | tail  # ... and the row that reaches the quarter
    keep = (tail & ~tall).tolist()
    keep[-1:] = [False] * len(keep[-1:])  # the last row does not pull the text after it
    for r in range(len(b)):
        cells = "".join(
            _tc(
                width,
                texts[r],
                bold=bold[r],
                align="right" if right else None,
                merge=(state[r] or None) if merged else None,
                keep=keep[r],
            )
            for width, texts, merged, right in columns
        )
        rows.append(f"<w:tr>{'' if tall[r] else whole}{cells}</w:tr>")  # ... unless tall
    grid = "".join(f'<w:gridCol w:w="{round(w * TWIP_PER_CM)}"/>' for w in widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style_id}"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{_MARGIN_SEL}" w:type="dxa"/>'
        f'<w:right w:w="{_MARGIN_SEL}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


BARIS_PECAH = 0.4
"""Share of the page's text height above which a table row may break across pages. A
row that does not fit leaves less of the sheet empty than its own height, so only a row
taller than this can leave more than this share of a sheet empty when kept whole: those
may start on the partly full sheet and continue (Kalaena TW IV Kesenjangan, a KET of a
thousand letters, 48 % of a sheet); shorter ones stay whole."""
EKOR_TABEL = 0.25
"""Share of the page's text height the last rows of a table keep together (see
:func:`_table_xml`): no sheet holds a table's last row alone."""


def tabel_lebar(t: TabelResmi) -> bool:
    """True when a table needs a landscape page: at the portrait text width its columns
    do not fit at their floors (numbers at printed width, text at its longest word), or
    it has more columns than :data:`KOLOM_TEGAK_MAKS`."""
    if len(t.kolom) > KOLOM_TEGAK_MAKS:
        return True
    page = docx_chapter.TEGAK.lebar_teks
    return sum(_column_widths(t, t.tampilan(), page, scale=False)) > page + 0.05


KOLOM_TEGAK_MAKS = 8
"""Most columns a table may have on a portrait page (7.5-pt text, 17 cm)."""


def _paragraf(doc, text: str, *, kecil: bool = False, miring: bool = False):
    p = doc.add_paragraph()
    run = p.add_run(netralkan(text))
    run.italic = miring
    if kecil:
        run.font.size = _UKURAN_CATATAN
    return p


def _tabel(doc, t: TabelResmi, nomor: int, halaman, style_id: str) -> None:
    """Caption above, the keterangan, the table (or its empty message), notes and legend."""
    judul = _NOMOR_DI_JUDUL.sub("", bersihkan(t.judul)).strip() or t.nama
    docx_chapter.keterangan(doc, "Tabel", nomor, netralkan(judul), di_atas=True)
    shown = t.tampilan()
    about = docx_chapter.tanpa_tanda_asing(
        t.keterangan, docx_chapter.tanda_tabel(shown.to_numpy().ravel())
    )
    if about:
        lead = _paragraf(doc, about, kecil=True, miring=True)
        lead.paragraph_format.keep_with_next = not t.baris.empty
    if t.baris.empty:
        _paragraf(doc, t.pesan_kosong)
    else:
        xml = _table_xml(t, style_id, halaman.lebar_teks, halaman.tinggi_teks)
        doc.element.body._insert_tbl(parse_xml(xml))
    notes = list(t.catatan)
    marked = len(shown) and shown.apply(lambda c: c.str.endswith(TANDA)).to_numpy().any()
    if marked and tercetak.CATATAN_TANDA not in notes:
        notes.append(tercetak.CATATAN_TANDA)  # the mark is explained under its table
    for text in notes:
        _paragraf(doc, text, kecil=True)


_NOMOR_DI_JUDUL = re.compile(r"^Tabel\s+\d+(\.\d+)*\.?\s+", re.IGNORECASE)
"""A form's own number in its title (``Tabel 3.4 Realisasi ...``): the caption numbers."""
_UKURAN_CATATAN = Pt(9)


def dokumen(
    judul: str,
    subjudul: str,
    ringkasan: Sequence[str],
    isi: Sequence[Blok],
    tables: Sequence[TabelResmi],
    *,
    lingkup: str = "",
    sempit: bool = False,
) -> bytes:
    """The Word draft as bytes (written atomically by the caller).

    ``lingkup`` is the report's scope sentence, printed under the title (in the warning
    colour when ``sempit``: the figures cover part of the office only).
    """
    doc = Document()
    docx_chapter.atur_halaman(doc.sections[0], docx_chapter.TEGAK)
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
    doc.add_paragraph(netralkan(judul), style="Title")
    doc.add_paragraph(netralkan(subjudul))
    if lingkup:
        scope = doc.add_paragraph().add_run(netralkan(lingkup))
        if sempit:
            scope.bold = True
            scope.font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
    by_name = {t.nama: t for t in tables}
    plan = docx_chapter.susun(
        isi,
        [t.nama for t in tables],
        {t.nama for t in tables if not t.baris.empty and tabel_lebar(t)},
        {t.nama for t in tables if t.baris.empty},
    )
    headings = [(1, docx_chapter.JUDUL_BAB), (2, "Ringkasan")]
    headings += [
        (min(max(b.tingkat - 1, 2), 3), netralkan(b.teks))
        for s in plan
        for b in s.blok
        if b.jenis == "judul" and b.tingkat <= 3
    ]
    docx_chapter.daftar_isi(doc, headings)
    doc.add_heading(docx_chapter.JUDUL_BAB, level=1)
    doc.add_heading("Ringkasan", level=2)
    for text in ringkasan:
        doc.add_paragraph(netralkan(text))
    n_gambar = n_tabel = 0
    halaman = docx_chapter.TEGAK
    for bagian in plan:
        want = docx_chapter.MENDATAR if bagian.mendatar else docx_chapter.TEGAK
        if want != halaman:
            docx_chapter.putus_bagian(doc, want)
            halaman = want
        marks: set[str] = set()
        for b in bagian.blok:
            if b.jenis == "tabel":
                marks |= docx_chapter.tanda_tabel(by_name[b.teks].tampilan().to_numpy().ravel())
        after = [*bagian.blok[1:], None]
        for b, nxt in zip(bagian.blok, after, strict=True):
            if b.jenis == "judul":
                doc.add_heading(netralkan(b.teks), level=min(max(b.tingkat, 2), 4))
            elif b.jenis == "paragraf":
                # A sentence explaining a mark no table of this section shows goes.
                text = docx_chapter.tanpa_tanda_asing(b.teks, marks)
                if text:
                    p = doc.add_paragraph(netralkan(text))
                    # The text leading into a table or chart goes to its page with it,
                    # so its heading never ends a sheet alone (Headings keep with next).
                    p.paragraph_format.keep_with_next = docx_chapter.mengantar(nxt)
            elif b.jenis == "gambar" and b.png:
                n_gambar += 1
                doc.add_picture(io.BytesIO(b.png), width=Cm(_lebar_gambar(b.png, halaman)))
                picture = doc.paragraphs[-1]
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.paragraph_format.keep_with_next = True  # the caption stays with it
                docx_chapter.keterangan(doc, "Gambar", n_gambar, netralkan(b.teks), di_atas=False)
            elif b.jenis == "tabel":
                n_tabel += 1
                _tabel(doc, by_name[b.teks], n_tabel, halaman, grid.style_id)
    docx_chapter.nomor_halaman(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
