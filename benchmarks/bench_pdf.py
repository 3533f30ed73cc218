"""Reading a ~60-page LKjIP-like PDF: ``python benchmarks/bench_pdf.py``.

The report is Wotu's chapter of the test corpus (Tabel 2.8, 3.1-3.3 and the 7-page
Tabel 3.4, with the chapter's narrative between them: ``tests/pdf_corpus.py``) three
times over, as python-docx lays it out and LibreOffice prints it - portrait and
landscape pages, header rows repeated on every page, rows cut by page breaks. It is
made once into ``benchmarks/_work`` (LibreOffice's ``soffice`` needed; without it the
benchmark says so and stops). Measured: ``read_pdf`` alone (pdfplumber and the
stitching) and the whole ``ingest`` of a raw folder holding only that file. Writes the
``pdf`` section of ``results.md``.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from _common import ROOT, WORK, machine_description, write_section

sys.path.insert(0, str(ROOT / "tests"))

COPIES = 3
NAME = "wotu_2024_lkjip_besar.pdf"


def build(out: Path) -> Path:
    import pdf_corpus
    import seed_corpus

    path = out / NAME
    if path.exists():
        return path
    document = pdf_corpus._document()
    by_name = {t.name: t for t in seed_corpus.manifest()}
    for _ in range(COPIES):
        for block in pdf_corpus._chapter():
            if isinstance(block, str):
                document.add_paragraph(block)
            else:
                titles, rows = seed_corpus.parse(by_name[block[0]])
                pdf_corpus.add_table(document, titles, rows, "Laporan Kinerja - uji kecepatan")
    out.mkdir(parents=True, exist_ok=True)
    docx_path = out / NAME.replace(".pdf", ".docx")
    document.save(docx_path)
    pdf_corpus._convert([docx_path], out)
    return path


def main() -> int:
    if shutil.which("soffice") is None:
        print("bench_pdf: LibreOffice (soffice) not found; the PDF is made with it - skipped")
        return 0
    import pdfplumber

    from analysis.ingest.formats.grid import Limits
    from analysis.ingest.formats.pdf import read_pdf
    from analysis.ingest.pipeline import ingest
    from analysis.paths import reference_dir

    work = WORK / "pdf"
    path = build(work)
    with pdfplumber.open(str(path)) as pdf:
        pages = len(pdf.pages)
    started = time.perf_counter()
    read = read_pdf(path, path.name, Limits())
    read_s = time.perf_counter() - started
    raw = work / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    shutil.copy(path, raw)
    started = time.perf_counter()
    result = ingest(raw, reference_dir=reference_dir(ROOT))
    ingest_s = time.perf_counter() - started
    rows = len(result.anggaran_wide) + len(result.kinerja_wide)
    body = "\n".join(
        [
            "## 6. A PDF report: ~60-page LKjIP-like file",
            "",
            f"Wotu's LKj chapter (5 tables, narrative between them) {COPIES} times over, "
            "made with python-docx and LibreOffice (`benchmarks/bench_pdf.py`).",
            "",
            "| what | figure |",
            "| --- | --- |",
            f"| pages | {pages} |",
            f"| tables read (after stitching pages) | {len(read.grids)} |",
            f"| narrative paragraphs kept | {len(read.paragraphs)} |",
            f"| `read_pdf` (pdfplumber + stitching) | {read_s:.1f} s "
            f"({read_s / pages:.2f} s/page) |",
            f"| whole `ingest` of the file | {ingest_s:.1f} s |",
            f"| rows out (kinerja + anggaran) | {rows} |",
            "",
            machine_description(),
        ]
    )
    write_section("pdf", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
