"""The seed tables as Word-made PDFs: python-docx lays them out, LibreOffice prints them.

The PDFs are committed in ``tests/data/pdf/`` (CI has no LibreOffice);
``python tests/pdf_corpus.py`` makes them again (``soffice`` needed), and
``tests/test_pdf_reading.py`` regenerates one when ``soffice`` is on the machine.

Each table is laid out as an office would: the ``Table Grid`` style (ruled), columns as
wide as their text needs, 8 pt, a landscape section for tables of more than six
columns, the header rows repeated on each page (Word's *Repeat as header row*: up to
and including the ``(1)..(8)`` numbering rows), group headers merged over the cells
they head (``KINERJA`` over ``TARGET | REALISASI | Capaian``), and every page with a
running header and a page-number footer. Cell text is the seed's, unchanged.

Files: one PDF per seed table (``<manifest file stem>.pdf``), one report per seed with
all its tables (``REPORTS``), and ``wotu_2024_lkj_bab3.pdf``: Wotu's LKj from Tabel 2.8
to Tabel 3.4 with the chapter's narrative between the tables (``wotu_bab3_narasi.txt``,
seed 004 lines cut verbatim; the lines name where each paragraph stood); and
``wotu_2024_tabel33_bertag.pdf``, one table saved as a tagged PDF (as Word saves), its
running header naming another kecamatan and year.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import seed_corpus

HERE = Path(__file__).resolve().parent
PDFS = HERE / "data" / "pdf"
NARRATIVE = PDFS / "wotu_bab3_narasi.txt"
REPORTS = {
    "000": "kalaena_2024_ra_tw4.pdf",
    "001": "kalaena_2024_renja.pdf",
    "002": "towuti_2024_evaluasi_tw4.pdf",
    "003": "kalaena_2025_seksi_tw1.pdf",
    "004": "wotu_2024_lkj_tw4.pdf",
}
CHAPTER = "wotu_2024_lkj_bab3.pdf"
TAGGED = "wotu_2024_tabel33_bertag.pdf"
NUMBERING = re.compile(r"^\(?\d+(?:/\d+\*100)?\)?$|^$")


def _header_rows(rows: list[list[str]]) -> int:
    """Rows Word repeats on each page: through the last numbering row near the top."""
    last = 0
    for i, row in enumerate(rows[:6]):
        cells = [c.strip() for c in row]
        numbered = sum(bool(re.fullmatch(r"\(?\d+(?:/\d+\*100)?\)?", c)) for c in cells)
        if numbered >= 1 and all(NUMBERING.match(c) for c in cells) and i > 0:
            last = i + 1
    return last or 1


def _widths(rows: list[list[str]], width: int, usable_cm: float) -> list[float]:
    """Column widths (cm) from the text they hold: longest word at least, long text more."""
    need = []
    for c in range(width):
        texts = [r[c] for r in rows if c < len(r)]
        word = max((len(w) for t in texts for w in t.split()), default=1)
        longest = max((len(t) for t in texts), default=1)
        need.append((max(word, 3), min(max(longest, word), 60)))
    words = sum(w for w, _ in need)
    total = sum(t for _, t in need)
    cm_per_char = 0.16  # 8 pt text
    base = [w * cm_per_char + 0.3 for w, _ in need]
    spare = max(usable_cm - sum(base), 0.0)
    extra = [(t - w) / max(total - words, 1) * spare for w, t in need]
    out = [b + e for b, e in zip(base, extra, strict=True)]
    scale = min(1.0, usable_cm / sum(out))
    return [x * scale for x in out]


def _page_furniture(section, header_text: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.header.paragraphs[0].text = header_text
    p = section.footer.paragraphs[0]
    p.text = "Halaman "
    run = p.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _orient(document, landscape: bool, header_text: str):
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = document.sections[-1]
    is_landscape = section.orientation == WD_ORIENT.LANDSCAPE
    if len(document.paragraphs) > 1 or document.tables:
        if is_landscape == landscape:
            return section
        section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    _page_furniture(section, header_text)
    return section


def add_table(document, titles: list[str], rows: list[list[str]], header_text: str) -> None:
    """``titles`` as paragraphs, then ``rows`` as a ruled Word table laid out as above."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    # the converter's trailing empty columns are not printed (no cell text changes)
    width = max((c + 1 for r in rows for c, v in enumerate(r) if v.strip()), default=1)
    rows = [r[:width] for r in rows]
    landscape = width > 6
    _orient(document, landscape, header_text)
    for t in titles:
        document.add_paragraph(t)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    grid.autofit = False
    cms = _widths(rows, width, 25.5 if landscape else 16.8)
    cells = grid._cells  # one pass: table.cell(r, c) rebuilds this list on every call
    for r, row in enumerate(rows):
        for c in range(width):
            cell = cells[r * width + c]
            cell.width = Cm(cms[c])
            text = row[c] if c < len(row) else ""
            cell.text = text
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(7 if width > 10 else 8)
    heads = _header_rows(rows)
    for r in range(heads):
        tr_pr = grid.rows[r]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    _merge_group_headers(grid, rows, heads, width)


def _merge_group_headers(grid, rows: list[list[str]], heads: int, width: int) -> None:
    """In the header rows above a sub-header row: a heading followed by empty cells spans
    them; a heading with an empty cell below spans down."""
    if heads < 2:
        return
    text = [[(row[c] if c < len(row) else "").strip() for c in range(width)] for row in rows]
    top, sub = text[0], text[1]
    if not any(sub) or all(NUMBERING.match(c) for c in sub):
        return
    c = 0
    while c < width:
        end = c
        while end + 1 < width and not top[end + 1] and sub[end + 1]:
            end += 1
        if top[c] and end > c:
            grid.cell(0, c).merge(grid.cell(0, end))
            _keep_text(grid.cell(0, c), top[c])
        elif top[c] and not sub[c]:
            grid.cell(0, c).merge(grid.cell(1, c))
            _keep_text(grid.cell(0, c), top[c])
        c = end + 1


def _keep_text(cell, text: str) -> None:
    from docx.shared import Pt

    cell.text = text
    for run in cell.paragraphs[0].runs:
        run.font.size = Pt(8)


def _document():
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    return document


TAGGED_EXPORT = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
"""LibreOffice's PDF export with structure tags, as Word saves a PDF by default: running
header, footer and page number are marked ``/Artifact``."""


def _convert(docs: list[Path], out: Path, *, tagged: bool = False) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) not found")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                TAGGED_EXPORT if tagged else "pdf",
                "--outdir",
                str(out),
                *map(str, docs),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def _header_text(seed: str) -> str:
    return f"Dokumen kinerja kecamatan - salinan uji (seed {seed})"


def build(out: Path, *, only: set[str] | None = None) -> list[Path]:
    """Write the PDFs (all, or those named in ``only``) into ``out``; returns them."""
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    docs: list[Path] = []

    def save(document, name: str) -> None:
        if only is None or name in only:
            path = work / name.replace(".pdf", ".docx")
            document.save(path)
            docs.append(path)

    tables = seed_corpus.manifest()
    for t in tables:
        document = _document()
        titles, rows = seed_corpus.parse(t)
        add_table(document, titles, rows, _header_text(t.seed[:3]))
        save(document, Path(t.file).stem + ".pdf")
    for seed, name in REPORTS.items():
        document = _document()
        mine = sorted(
            (t for t in tables if t.seed[:3] == seed), key=lambda t: int(t.lines.split("-")[0])
        )
        for t in mine:
            titles, rows = seed_corpus.parse(t)
            add_table(document, titles, rows, _header_text(seed))
            document.add_paragraph("")
        save(document, name)
    document = _document()
    by_name = {t.name: t for t in tables}
    for block in _chapter():
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            titles, rows = seed_corpus.parse(by_name[block[0]])
            add_table(document, titles, rows, _header_text("004"))
    save(document, CHAPTER)
    if docs:
        _convert(docs, out)
    made = [out / d.with_suffix(".pdf").name for d in docs]
    if only is None or TAGGED in only:  # one table again, saved as a tagged PDF
        document = _document()
        titles, rows = seed_corpus.parse(by_name["wotu_tabel33"])
        add_table(document, titles, rows, "Kop: Kantor Camat Towuti 2023")
        path = work / TAGGED.replace(".pdf", ".docx")
        document.save(path)
        _convert([path], out, tagged=True)
        made.append(out / TAGGED)
    return made


def _chapter() -> list[str | tuple[str]]:
    """Wotu's chapter: tables (by corpus name) and narrative paragraphs, in seed order."""
    blocks: list[str | tuple[str]] = []
    for line in NARRATIVE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("[tabel "):
            blocks.append((line[len("[tabel ") : -1],))
        else:
            blocks.append(line)
    return blocks


if __name__ == "__main__":
    made = build(PDFS, only=set(sys.argv[1:]) or None)
    print("\n".join(str(p) for p in made))
