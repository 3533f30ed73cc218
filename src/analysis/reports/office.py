"""Excel workbook and Word draft beside each report, for the planners' official documents.

The HTML report is for reading; what planners hand in are Word files with Excel-made
tables (the seeds). So every kecamatan report also gets ``<kecamatan>.xlsx`` (one sheet
per official table of :mod:`analysis.reports.official`) and ``<kecamatan>.docx`` (a draft
of the performance chapter: title block, summary, the report's charts and written text,
the official tables), and the regency overview gets a workbook comparing the kecamatan.

This module holds the entry points the runner calls. What both formats share - the
guard against formula injection and the reading of the executed notebook - is in
:mod:`analysis.reports.office_content`; :mod:`analysis.reports.office_xlsx` and
:mod:`analysis.reports.office_docx` lay the tables out. Files are written atomically
(temp file + rename).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis import region
from analysis.reports.export import write_atomic
from analysis.reports.office_content import isi_notebook

if TYPE_CHECKING:
    pass

# --- text from data ----------------------------------------------------------------------
# One rule for every output (analysis.neutral); the Indonesian names stay for the writers.


# --- what the executed notebook shows --------------------------------------------------


# --- entry points ------------------------------------------------------------------------


def berkas_office(html: str | Path) -> tuple[Path, Path]:
    """The workbook and document written beside a report's HTML file."""
    html = Path(html)
    return html.with_suffix(".xlsx"), html.with_suffix(".docx")


def tulis_laporan(
    processed_dir: str | Path,
    kecamatan: str,
    tahun: int,
    triwulan: int,
    html: str | Path,
    nb=None,
) -> tuple[Path, Path]:
    """Write ``<kecamatan>.xlsx`` and ``<kecamatan>.docx`` beside ``html``.

    ``nb`` is the executed notebook of the report (its charts and text go into the Word
    draft); without it the draft holds the summary and the tables only.
    """
    from analysis.reports import loading, office_docx, office_xlsx, official, views

    data = loading.muat(processed_dir)
    tables = official.tabel_laporan(data, kecamatan, tahun, triwulan)
    judul = views.judul_laporan(kecamatan, tahun, triwulan)
    lingkup, sempit = views.lingkup_laporan(data, kecamatan, tahun, triwulan)
    xlsx, docx = berkas_office(html)
    write_atomic(xlsx, office_xlsx.buku_kerja(tables, judul))
    write_atomic(
        docx,
        office_docx.dokumen(
            judul=judul,
            subjudul=f"Kantor Kecamatan {kecamatan}, {region.current().nama}",
            ringkasan=official.paragraf_ringkasan(data, kecamatan, tahun, triwulan),
            isi=isi_notebook(nb) if nb is not None else [],
            tables=tables,
            lingkup=lingkup,
            sempit=sempit,
        ),
    )
    return xlsx, docx


def tulis_ringkasan(processed_dir: str | Path, tahun: int, triwulan: int, html: str | Path) -> Path:
    """Write the overview workbook (ranking, program x kecamatan, findings) beside ``html``."""
    from analysis.reports import loading, office_xlsx, official_ringkasan, overview

    data, _ = loading.saring_rusak(loading.muat(processed_dir), tahun, triwulan)
    xlsx, _ = berkas_office(html)
    tables = official_ringkasan.tabel_ringkasan(data, tahun, triwulan)
    write_atomic(xlsx, office_xlsx.buku_kerja(tables, overview.judul_ringkasan(tahun, triwulan)))
    return xlsx


def tulis_untuk(
    jenis: str,
    parameter: dict[str, object],
    html: str | Path,
    nb=None,
) -> list[Path]:
    """The runner's hook: the office files of one report job (see ``execution.execute_job``)."""
    processed = str(parameter["processed_dir"])
    tahun, triwulan = int(parameter["tahun"]), int(parameter["triwulan"])  # type: ignore[call-overload]
    if jenis == "ringkasan":
        return [tulis_ringkasan(processed, tahun, triwulan, html)]
    return list(tulis_laporan(processed, str(parameter["kecamatan"]), tahun, triwulan, html, nb))


def tulis_dari_notebook(
    jenis: str, parameter: dict[str, object], html: str, ipynb: str
) -> list[Path]:
    """:func:`tulis_untuk` in the kernel that has just run the report's notebook
    (:mod:`analysis.reports.execution`): the executed notebook is read back from
    ``ipynb`` for its charts and text (as JSON: importing ``nbformat`` would cost the
    kernel seconds; a multi-line source or output is stored as a list of lines, which
    :func:`~analysis.reports.office_content.isi_notebook` joins for outputs and this
    joins for sources), and the tables the page prepared are still in this process
    (:mod:`analysis.reports.memo`)."""
    import json

    nb = json.loads(Path(ipynb).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):  # on disk a multi-line source is a list of lines
        if isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return tulis_untuk(jenis, parameter, html, nb)


def hapus(html: str | Path, jenis: str = "laporan") -> None:
    """Remove a report's office files (its notebook failed: no stale copy may remain)."""
    for path in berkas_office(html)[: 1 if jenis == "ringkasan" else 2]:
        Path(path).unlink(missing_ok=True)


def tautan(out: Path, key: str) -> list[tuple[str, str]]:
    """Links (label, href relative to ``out``) to the office files of the report ``key``."""
    links = []
    for label, suffix in (("Excel", ".xlsx"), ("Word", ".docx")):
        href = str(Path(key).with_suffix(suffix).as_posix())
        if (Path(out) / href).exists():
            links.append((label, href))
    return links


def lengkap(html: str | Path, jenis: str) -> bool:
    """True when the office files a report should have exist (incremental batch check)."""
    xlsx, docx = berkas_office(html)
    return xlsx.exists() and (jenis == "ringkasan" or docx.exists())
