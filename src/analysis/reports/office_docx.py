"""A Word draft of the performance chapter (python-docx), for the planner to finish.

Plain and editable on purpose: Word's built-in styles (Title, Heading 1/2, Normal,
Caption, Table Grid), no text boxes, no fields. In order: one line saying it is a draft,
the title block, the headline figures written out, the report's own sections (its
explanations, the paragraphs the views write, the charts with their captions), then the
official tables - the same cells as the workbook, printed as the HTML prints them
(:meth:`analysis.reports.official.TabelResmi.tampilan`), header rows repeated on every
page. Pages are A4 landscape: the forms are wide.

Text from data goes in as run text (XML-escaped by python-docx, so markup or Word field
syntax stays literal), cleaned of control and bidi characters and - table cells,
headings and paragraphs alike - neutralised against formula injection for when it is
pasted into Excel (:func:`analysis.neutral.neutralise`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
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
TWIP_PER_CM = 567
LEBAR_HALAMAN_CM = 26.7
"""Text width of the landscape A4 page (29.7 cm less 2 x 1.5 cm margins)."""
CM_PER_HURUF = 0.15
"""Width of one character of 7.5-pt table text (digits, the widest common case)."""
CM_PER_HURUF_JUDUL = 0.25
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


def _column_widths(t: TabelResmi, shown) -> list[float]:
    """Column widths in cm that fit: numbers at their printed width, text sharing the rest."""
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
    return [w * scale for w in widths]


_HEAD_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="D9E1F2"/>'


def _run(text: str, bold: bool = False, italic: bool = False) -> str:
    """A run of escaped text; line breaks become Word breaks, tabs spaces."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
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
) -> str:
    """One cell; ``merge`` is ``"restart"`` (top of a vertical merge) or ``"continue"``."""
    props = f'<w:tcW w:w="{round(width * TWIP_PER_CM)}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        props += "<w:vMerge/>"
    if shade:
        props += _HEAD_SHADE
    p_pr = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    run = _run(text, bold, italic) if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{p_pr}{run}</w:p></w:tc>"


def _table_xml(t: TabelResmi, style_id: str) -> str:
    """The table as WordprocessingML, built in one string and parsed once.

    Building it cell by cell through python-docx costs ~1 ms a cell (a 200-row form takes
    seconds); the XML is the same either way: a fixed-layout grid, header rows marked
    ``tblHeader`` (repeated on every page), group headers spanned, the block columns
    merged down with ``vMerge``. Every text goes through :func:`xml.sax.saxutils.escape`.
    """
    kolom = list(t.kolom)
    shown = t.tampilan()
    widths = _column_widths(t, shown)
    two = t.ada_grup
    rows: list[str] = []
    head = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>'
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
        rows.append(f"<w:tr>{head}{''.join(second)}</w:tr>")
    if t.nomor_kolom:
        numbered = "".join(
            _tc(w, f"({c + 1})", italic=True, align="center") for c, w in enumerate(widths)
        )
        rows.append(f"<w:tr>{head}{numbered}</w:tr>")
    b = t.baris
    bold = (
        b["_tingkat"].astype("str").isin(["program", "total"])
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
        texts = shown[k.kunci].map(netralkan) if k.jenis == "teks" else shown[k.kunci]
        columns.append((widths[c], texts.tolist(), k.kunci in t.gabung, k.jenis != "teks"))
    for r in range(len(b)):
        cells = "".join(
            _tc(
                width,
                texts[r],
                bold=bold[r],
                align="right" if right else None,
                merge=(state[r] or None) if merged else None,
            )
            for width, texts, merged, right in columns
        )
        rows.append(f"<w:tr>{cells}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{round(w * TWIP_PER_CM)}"/>' for w in widths)
    return (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style_id}"/>'
        '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


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
    doc.add_paragraph(netralkan(judul), style="Title")
    doc.add_paragraph(netralkan(subjudul))
    doc.add_heading("Ringkasan", level=1)
    for text in ringkasan:
        doc.add_paragraph(netralkan(text))
    n_gambar = 0
    for blok in isi:
        if blok.jenis == "judul":
            doc.add_heading(netralkan(blok.teks), level=min(max(blok.tingkat - 1, 1), 3))
        elif blok.jenis == "paragraf":
            doc.add_paragraph(netralkan(blok.teks))
        elif blok.jenis == "gambar" and blok.png:
            n_gambar += 1
            doc.add_picture(io.BytesIO(blok.png), width=Cm(_lebar_gambar(blok.png)))
            picture = doc.paragraphs[-1]
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True  # the caption stays with it
            doc.add_paragraph(f"Gambar {n_gambar}. {netralkan(blok.teks)}", style="Caption")
    doc.add_heading("Tabel", level=1)
    for t in tables:
        doc.add_heading(netralkan(t.judul), level=2)
        if t.keterangan:
            doc.add_paragraph(netralkan(t.keterangan))
        if t.baris.empty:
            doc.add_paragraph(netralkan(t.pesan_kosong))
        else:
            doc.element.body._insert_tbl(parse_xml(_table_xml(t, grid.style_id)))
        for text in t.catatan:
            doc.add_paragraph(netralkan(text))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
