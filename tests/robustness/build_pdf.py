"""Print every development table to PDF with LibreOffice, once, for the ``pdf_dari_docx``
and ``pdf_dari_xlsx`` variants of ``tests/reader_variants.py``.

Each table file is written again as ``.docx`` / ``.xlsx`` (cells verbatim, landscape, fit
to the page width) and converted with ``soffice --headless --convert-to pdf``; the PDFs
are committed under ``tests/robustness/pdf/<family>/<corpus>/<office>/`` so no test
converts anything. Run: ``PYTHONPATH=src:tests python tests/robustness/build_pdf.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import reader_variants as rv


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice (LibreOffice) tidak ada: PDF tidak dibuat", file=sys.stderr)
        return 1
    for unit in rv.units():
        for family, writer in (("pdf_dari_docx", rv.write_docx), ("pdf_dari_xlsx", rv.write_xlsx)):
            target = rv.PDF_ROOT / family / unit.corpus / unit.folder.name
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            with tempfile.TemporaryDirectory() as tmp:
                for f in unit.files:
                    written = writer(Path(tmp) / f.name, rv.read_sheets(f))
                    subprocess.run(
                        [
                            soffice,
                            "--headless",
                            "--convert-to",
                            "pdf",
                            "--outdir",
                            str(target),
                            str(written),
                        ],
                        check=True,
                        capture_output=True,
                        env={"HOME": tmp, "PATH": "/usr/bin:/bin"},
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
