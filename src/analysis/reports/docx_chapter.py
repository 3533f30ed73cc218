"""The Word draft laid out as an LKj chapter: sections, captions, pages and fields.

:mod:`analysis.reports.office_docx` writes the cells; this module decides where things go
and how the pages are set:

- **Order.** The report's own blocks (:func:`analysis.reports.office.isi_notebook`) are
  split into sections at each heading of level 2; an official table stands where the
  report showed its table (a ``tabel`` block naming it), so each section holds its own
  tables and charts in order (:func:`susun`). An official table the report did not show
  goes into a last section, ``Tabel lainnya``; an empty one only when there is no report
  text at all (the report's own section already says it is empty).
- **Captions** in the LKj style, numbered through the chapter: ``Tabel 3.1 ...`` above a
  table, ``Gambar 3.1 ...`` under a chart, each kept with what it names (the number is a
  ``SEQ`` field, so Word can renumber and list them).
- **Marks.** A sentence telling what a mark means (``⚠``, ``*``) stays only in a section
  whose table shows that mark (:data:`TANDA_DALAM_TEKS`, :func:`tanpa_tanda_asing`); a
  table showing the printed-figure mark carries its legend under it.
- **Pages.** A4 portrait; a section holding a table too wide for it is a landscape
  section of its own (:func:`tabel_lebar`). Page numbers in the footer (``PAGE`` field)
  and a table of contents (``TOC`` field over Heading 1-3) at the top.

Fields are built here from fixed instructions only; text from data never becomes one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from analysis.reports.office_content import Blok

BAB = 3
"""Chapter number of the draft: the LKj's Bab III (Akuntabilitas Kinerja)."""
JUDUL_BAB = "BAB III AKUNTABILITAS KINERJA"
JUDUL_LAINNYA = "Tabel lainnya"
"""Section for official tables the report did not show (or all of them, without text)."""
JUDUL_DAFTAR_ISI = "Daftar Isi"


@dataclass(frozen=True)
class Halaman:
    """One page set-up: A4 in an orientation, with its margins (cm)."""

    lebar: float
    tinggi: float
    kiri_kanan: float
    atas_bawah: float

    @property
    def lebar_teks(self) -> float:
        return self.lebar - 2 * self.kiri_kanan

    @property
    def tinggi_teks(self) -> float:
        return self.tinggi - 2 * self.atas_bawah

    @property
    def mendatar(self) -> bool:
        return self.lebar > self.tinggi


TEGAK = Halaman(21.0, 29.7, 2.0, 2.0)
MENDATAR = Halaman(29.7, 21.0, 1.5, 1.8)
TINGGI_GAMBAR_CM = {False: 11.0, True: 10.5}
"""Largest chart height per orientation (mendatar?): room left for its heading and caption."""

HURUF_SELA_MAKS = 1500
"""Most characters of a text-only section kept on landscape pages between two wide ones
(about a third of a landscape page); a longer one gets portrait pages of its own."""

TANDA_DALAM_TEKS: dict[str, re.Pattern[str]] = {
    "⚠": re.compile("⚠"),
    "*": re.compile(r"(bertanda|tanda)\s+\*"),
}
"""Marks a paragraph may explain, and how it mentions them."""


@dataclass
class Bagian:
    """One section of the chapter: its blocks in order (``tabel`` blocks name a table)."""

    blok: list[Blok] = field(default_factory=list)
    mendatar: bool = False


def susun(
    isi: Sequence[Blok],
    nama_tabel: Sequence[str],
    lebar: set[str],
    kosong: set[str],
) -> list[Bagian]:
    """Sections of the chapter, each with its blocks and tables in order.

    ``nama_tabel`` are the official tables (by ``nama``) in their own order, ``lebar``
    those too wide for a portrait page, ``kosong`` those without rows. A table is placed
    at the first ``tabel`` block naming it; a later block naming it again is dropped.
    """
    bagian: list[Bagian] = [Bagian()]
    placed: set[str] = set()
    for b in isi:
        if b.jenis == "judul" and b.tingkat <= 2 and bagian[-1].blok:
            bagian.append(Bagian())
        if b.jenis == "tabel":
            if b.teks not in nama_tabel or b.teks in placed:
                continue
            placed.add(b.teks)
        bagian[-1].blok.append(b)
    rest = [
        n
        for n in nama_tabel
        if n not in placed and (n not in kosong or not any(b.jenis != "tabel" for b in isi))
    ]
    if rest:
        bagian.append(Bagian([Blok("judul", JUDUL_LAINNYA, 2), *(Blok("tabel", n) for n in rest)]))
    bagian = [s for s in bagian if s.blok]
    for s in bagian:
        s.mendatar = any(b.jenis == "tabel" and b.teks in lebar for b in s.blok)
    # A short section of text only just before a landscape one goes onto its landscape
    # pages: turning the page after it would leave it alone on a sheet (Towuti TW IV:
    # "Dibandingkan triwulan yang sama tahun lalu", one sentence, on a portrait sheet of
    # its own before the IKU). Between two landscape sections it thus stays landscape.
    # Only the one section just before (no chain: several short ones would fill the
    # landscape sheet and push the wide section's chart to the next).
    wide = [s.mendatar for s in bagian]
    for i in range(len(bagian) - 1):
        blocks = bagian[i].blok
        short = all(b.jenis in ("judul", "paragraf") for b in blocks) and (
            sum(len(b.teks) for b in blocks) <= HURUF_SELA_MAKS
        )
        if short and wide[i + 1]:
            bagian[i].mendatar = True
    return bagian


def tanda_tabel(tampilan: Sequence[object]) -> set[str]:
    """The marks of :data:`TANDA_DALAM_TEKS` that a table's shown cells carry."""
    text = " ".join(str(v) for v in tampilan)
    return {m for m in TANDA_DALAM_TEKS if m in text}


def tanda_disebut(text: str) -> set[str]:
    """The marks a paragraph explains."""
    return {m for m, pattern in TANDA_DALAM_TEKS.items() if pattern.search(text)}


_KALIMAT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def tanpa_tanda_asing(text: str, tanda: set[str]) -> str:
    """``text`` without its sentences explaining a mark that is not in ``tanda`` (the
    marks its section's tables show); empty when nothing is left."""
    if not tanda_disebut(text) - tanda:
        return text
    kept = [s for s in _KALIMAT.split(text) if not tanda_disebut(s) - tanda]
    return " ".join(kept).strip()


def mengantar(berikut: Blok | None) -> bool:
    """True when a paragraph followed by ``berikut`` leads into it and is kept on its
    page: a table or a chart (with its caption) comes next."""
    return berikut is not None and (
        berikut.jenis == "tabel" or (berikut.jenis == "gambar" and bool(berikut.png))
    )


# --- pages ---------------------------------------------------------------------------------


def atur_halaman(section, halaman: Halaman) -> None:
    """Set a section to A4 in ``halaman``'s orientation and margins."""
    section.orientation = WD_ORIENT.LANDSCAPE if halaman.mendatar else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(halaman.lebar), Cm(halaman.tinggi)
    section.left_margin = section.right_margin = Cm(halaman.kiri_kanan)
    section.top_margin = section.bottom_margin = Cm(halaman.atas_bawah)


def putus_bagian(doc, berikut: Halaman) -> None:
    """End the current Word section here (next page) and set the next one to ``berikut``.

    The break rides on the last paragraph when there is one (no empty line that could
    spill onto a page of its own); after a table it needs a paragraph, kept 1 pt high.
    """
    body = doc.element.body
    sentinel = body.sectPr
    ended = copy.deepcopy(sentinel)
    last = sentinel.getprevious()
    if last is None or last.tag != qn("w:p"):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(1)
        last = p._p
    last.set_sectPr(ended)
    atur_halaman(doc.sections[-1], berikut)


def _field(instr: str, result: str = "", *, bold: bool = False) -> str:
    """A complex field (begin, instruction, separate, cached result, end) as runs."""
    r_pr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    cached = f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(result)}</w:t></w:r>' if result else ""
    return (
        f'<w:r>{r_pr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{r_pr}<w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
        f'<w:r>{r_pr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'{cached}<w:r>{r_pr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def _append_runs(paragraph, runs: str) -> None:
    for r in parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>"):
        paragraph._p.append(r)


def nomor_halaman(doc) -> None:
    """``Halaman N`` centred in the footer of every section (later sections link to it)."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Halaman ")
    _append_runs(p, _field("PAGE", "1"))


def daftar_isi(doc, judul: Sequence[tuple[int, str]]) -> None:
    """A table-of-contents field over Heading 1-3, its cached text the headings.

    Word fills in the page numbers when the field is updated (F9, or on opening: the
    document asks Word to update its fields).
    """
    doc.add_paragraph(JUDUL_DAFTAR_ISI, style="TOC Heading" if _ada(doc, "TOC Heading") else None)
    p = doc.add_paragraph()
    entries = "".join(
        ("<w:r><w:br/></w:r>" if i else "")
        + f'<w:r><w:t xml:space="preserve">{"    " * (lvl - 1)}{escape(text)}</w:t></w:r>'
        for i, (lvl, text) in enumerate(judul)
    )
    _append_runs(
        p,
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'{entries}<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def _ada(doc, style: str) -> bool:
    return any(s.name == style for s in doc.styles)


def keterangan(doc, jenis: str, nomor: int, teks: str, *, di_atas: bool):
    """``Tabel 3.1 teks`` / ``Gambar 3.1 teks``: Caption style, number in a SEQ field.

    A caption above its table is kept with it; one under a chart is kept with the chart
    by the picture paragraph (see the caller).
    """
    p = doc.add_paragraph(style="Caption")
    p.add_run(f"{jenis} {BAB}.").bold = True
    _append_runs(p, _field(f"SEQ {jenis} \\* ARABIC", str(nomor), bold=True))
    p.add_run(f" {teks}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = di_atas
    return p


__all__: Sequence[str] = (
    "BAB",
    "MENDATAR",
    "TANDA_DALAM_TEKS",
    "TEGAK",
    "Bagian",
    "Halaman",
    "atur_halaman",
    "daftar_isi",
    "keterangan",
    "mengantar",
    "nomor_halaman",
    "putus_bagian",
    "susun",
    "tanda_disebut",
    "tanda_tabel",
    "tanpa_tanda_asing",
)
