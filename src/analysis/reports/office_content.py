"""What the workbook and the Word draft share: text from data made safe for a cell (the guard
against formula injection, control characters stripped), column widths, and the reading
of the executed notebook into blocks (:class:`Blok`: headings, paragraphs, charts and
the report's tables in order).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, ClassVar

from analysis import neutral

if TYPE_CHECKING:
    from analysis.reports.official_table import TabelResmi


def bersihkan(text: str) -> str:
    """Drop the bidi controls and control characters a workbook or document must not hold."""
    return neutral.clean(text)


def berbahaya(text: str) -> bool:
    """True when ``text`` would start a formula if typed, pasted or saved as CSV."""
    return neutral.formula_like(text)


def netralkan(text: str) -> str:
    """Text from data made inert for a spreadsheet, with its visible form kept readable
    (:func:`analysis.neutral.neutralise`: ``'=HYPERLINK(...)``, ``- Penyusunan`` kept).
    The workbook additionally marks every cell starting with any of these characters as
    text (``quotePrefix``), so editing it in Excel never turns it into a formula."""
    return neutral.neutralise(text)


def lebar_kolom(t: TabelResmi) -> list[float]:
    """Column widths that fit the shown text: numbers in full, text up to a readable cap."""
    shown = t.tampilan()
    out = []
    for k in t.kolom:
        longest_word = max((len(w) for w in k.judul.split()), default=4)
        content = shown[k.kunci].str.len().max() if len(shown) else 0
        content = 0 if content != content else int(content)  # NaN: no rows
        if k.jenis == "teks":
            width = min(max(content, longest_word, 6), max(k.lebar, 10)) + 2
        else:
            width = max(content + 3, longest_word + 2, 8)
        out.append(float(width))
    return out


@dataclass(frozen=True)
class Blok:
    """One piece of the report, in its order: a heading, a paragraph or a chart."""

    jenis: str  # "judul", "paragraf", "gambar", "tabel" (teks: the official table's nama)
    teks: str = ""
    tingkat: int = 1
    png: bytes = b""


TABEL_HTML: dict[str, str] = {
    "tabel-kinerja": "Tabel 3.4",
    "tabel-rencana-aksi": "Rencana Aksi",
    "tabel-iku": "IKU",
    "tabel-kesenjangan": "Kesenjangan",
    "temuan": "Temuan",
}
"""Class of a report's table (or list) -> the official table (``TabelResmi.nama``) that
stands in its place in the Word draft."""


class _Paragraphs(HTMLParser):
    """Text of the headings and paragraphs of an HTML output, outside tables and lists.

    A table or list whose class names an official table (:data:`TABEL_HTML`) leaves a
    ``tabel`` block where it stood; the notes (``class="catatan"``) of the ``<section>``
    holding it go, since they describe the report's table and the official table brings
    its own.
    """

    _SKIP = frozenset({"table", "ul", "ol", "style", "script", "header"})
    _BLOCK: ClassVar[dict[str, int]] = {"h2": 2, "h3": 3, "h4": 4, "p": 0}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.current: list[str] | None = None
        self.level = 0
        self.note = False
        self.blocks: list[Blok] = []
        self.notes: list[bool] = []
        self.sections: list[list[int | bool]] = []  # [first block, holds a table]
        self.has_table = False

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self.has_table = True
        if tag == "section":
            self.sections.append([len(self.blocks), False])
        if tag in self._SKIP:
            nama = next((TABEL_HTML[c] for c in classes if c in TABEL_HTML), None)
            if nama and not self.skip:
                self.blocks.append(Blok("tabel", nama))
                self.notes.append(False)
                if self.sections:
                    self.sections[-1][1] = True
            self.skip += 1
        elif tag in self._BLOCK and not self.skip:
            self.current, self.level = [], self._BLOCK[tag]
            self.note = "catatan" in classes
        elif tag == "br" and self.current is not None:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.sections:
            first, holds = self.sections.pop()
            if holds:
                keep = [i < int(first) or not note for i, note in enumerate(self.notes)]
                self.blocks = [b for b, k in zip(self.blocks, keep, strict=True) if k]
                self.notes = [n for n, k in zip(self.notes, keep, strict=True) if k]
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK and self.current is not None:
            text = " ".join("".join(self.current).split())
            if text:
                kind = "paragraf" if self.level == 0 else "judul"
                self.blocks.append(Blok(kind, text, tingkat=max(self.level, 1)))
                self.notes.append(self.note and kind == "paragraf")
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip:
            self.current.append(data)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


_MD_MARKUP = re.compile(r"(\*\*|__|`|\*(?=\S)|(?<=\S)\*)")


def _markdown(source: str) -> list[Blok]:
    out: list[Blok] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(Blok("paragraf", _MD_MARKUP.sub("", " ".join(para)).strip()))
            para.clear()

    for line in source.splitlines():
        m = _MD_HEADING.match(line.strip())
        if m:
            flush()
            out.append(Blok("judul", _MD_MARKUP.sub("", m.group(2)).strip(), len(m.group(1))))
        elif line.strip():
            para.append(line.strip())
        else:
            flush()
    flush()
    return out


def isi_notebook(nb) -> list[Blok]:
    """The report's own text and charts, in order, from the executed notebook.

    Markdown cells give the section headings and explanations; outputs give the charts
    (PNG with their alt text) and the paragraphs the views write. A table or list that an
    official table replaces leaves a ``tabel`` block naming it (:data:`TABEL_HTML`); other
    tables and lists are left out, and so is a section that showed only such a table (its
    explanation alone would float without it). The first ``<h1>`` (the report title) is
    left to the title block.
    """
    sections: list[list[Blok]] = [[]]
    prose: list[bool] = [False]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for b in _markdown(str(cell.get("source", ""))):
                if b.jenis == "judul" and b.tingkat <= 2:
                    sections.append([])
                    prose.append(False)
                sections[-1].append(b)
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                raw = data["image/png"]
                png = base64.b64decode(raw if isinstance(raw, str) else "".join(raw))
                meta = output.get("metadata", {}).get("image/png", {}) or {}
                sections[-1].append(Blok("gambar", str(meta.get("alt", "")), png=png))
                prose[-1] = True
            elif "text/html" in data:
                raw = data["text/html"]
                parser = _Paragraphs()
                parser.feed(raw if isinstance(raw, str) else "".join(raw))
                if parser.blocks:
                    sections[-1].extend(parser.blocks)
                    prose[-1] = True
    out: list[Blok] = []
    for i, (blocks, shown) in enumerate(zip(sections, prose, strict=True)):
        if i == 0 or shown:
            out.extend(blocks)
    return out
