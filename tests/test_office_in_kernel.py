"""The workbook and the Word draft read the tables the page prepared (issue 25).

The roll-ups a report asks for again and again are computed once per arguments
(:mod:`analysis.reports.memo`), and the office files are written by the kernel that ran
the notebook (:mod:`analysis.reports.execution`), so they share those tables instead of
computing them a second time in the worker.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import execution, gap_views, loading, memo, office, official, tercetak, views
from analysis.reports.jobs import Referensi, report_job


@pytest.fixture(autouse=True)
def _fresh_memo():
    memo.kosongkan()
    yield
    memo.kosongkan()


def _page_and_office(data, kecamatan: str) -> list:
    """What the notebook's cells and the office step ask for, in one process."""
    views.kartu_utama(data, kecamatan, 2024, 4)
    views.tabel_kinerja_html(data, kecamatan, 2024, 4)
    views.rencana_aksi_html(data, kecamatan, 2024, 4)
    gap_views.kesenjangan_html(views.kesenjangan_laporan(data, kecamatan, 2024, 4))
    views.analisis_html(data, kecamatan, 2024, 4)
    official.paragraf_ringkasan(data, kecamatan, 2024, 4)
    return official.tabel_laporan(data, kecamatan, 2024, 4)


def test_printed_figures_of_a_report_are_compared_once(bundled, monkeypatch):
    """``banding_simpul`` (printed against recomputed figures of every node) was computed
    five times for one report: page table, its total rows, the summary, Tabel 3.4 and the
    summary paragraph. Now once."""
    calls = []
    real = tercetak._child_counts
    monkeypatch.setattr(tercetak, "_child_counts", lambda nodes: calls.append(1) or real(nodes))
    data = loading.muat(bundled)
    for kecamatan in ("Wotu", "Towuti"):
        calls.clear()
        _page_and_office(data, kecamatan)
        assert len(calls) == 1, kecamatan


def test_shared_tables_equal_the_tables_computed_alone(bundled, monkeypatch):
    """Every official table's cells are the same with the shared roll-ups as when each
    caller computes its own (no cache: BATAS 0)."""
    data = loading.muat(bundled)
    shared = {k: _page_and_office(data, k) for k in ("Wotu", "Towuti", "Kalaena")}
    monkeypatch.setattr(memo, "BATAS", 0)
    memo.kosongkan()
    for kecamatan, tables in shared.items():
        alone = official.tabel_laporan(data, kecamatan, 2024, 4)
        assert [t.nama for t in tables] == [t.nama for t in alone]
        for a, b in zip(tables, alone, strict=True):
            pd.testing.assert_frame_equal(a.tampilan(), b.tampilan(), obj=f"{kecamatan} {a.nama}")


def test_a_caller_cannot_change_what_the_next_one_reads(bundled):
    data = loading.muat(bundled)
    first = tercetak.banding_simpul(data, "Wotu", 2024, 4)
    expected = first.copy(deep=True)
    first["kunci"] = "diubah"
    first.loc[first.index[0], "capaian_dihitung"] = -1.0
    first["baru"] = 1
    again = tercetak.banding_simpul(data, "Wotu", 2024, 4)
    pd.testing.assert_frame_equal(again, expected)
    # another folder's tables (a new object) are another key
    other = loading.Tabel(**{**data.__dict__})
    assert tercetak.banding_simpul(other, "Wotu", 2024, 4) is not again


def test_memo_keeps_only_the_last_results(monkeypatch):
    made = []

    @memo.sekali
    def square(x: int) -> int:
        made.append(x)
        return x * x

    monkeypatch.setattr(memo, "BATAS", 3)
    assert [square(i) for i in (1, 2, 1, 3, 4, 1, 2)] == [1, 4, 1, 9, 16, 1, 4]
    # 1 stays (used again), 2 was the oldest when 4 came, so it is made again
    assert made == [1, 2, 3, 4, 2]


def test_memo_keeps_no_table_alive():
    """The cache holds its key objects weakly: a table its caller dropped is freed, and a
    new table (even at a reused address) is never answered with the old one's result."""
    import gc
    import weakref

    made = []

    @memo.sekali
    def rows(frame: pd.DataFrame) -> int:
        made.append(len(frame))
        return len(frame)

    frame = pd.DataFrame({"a": [1, 2]})
    gone = weakref.ref(frame)
    assert rows(frame) == rows(frame) == 2
    assert made == [2]
    del frame
    gc.collect()
    assert gone() is None
    for n in range(3, 40):  # new frames, some at the freed address
        assert rows(pd.DataFrame({"a": range(n)})) == n


def _job(processed: Path, out: Path):
    data = loading.muat(processed)
    ada = loading.tersedia(data)
    row = ada[ada["kecamatan"] == "Wotu"].iloc[-1]
    ref = Referensi.load(extra=ada["kecamatan"].unique())
    return report_job(out, processed, ref, "Wotu", int(row["tahun"]), int(row["triwulan"]))


@pytest.fixture
def worker():
    execution._init_worker(None)
    yield
    execution.shutdown_kernel()


def test_office_files_are_written_by_the_reports_kernel(
    olahan_kecil, tmp_path, monkeypatch, worker
):
    """The worker computes no office table: with its own office writer broken, the job
    still writes the workbook and the Word draft (the kernel did), charts included."""

    def broken(*args, **kwargs):
        raise AssertionError("the worker built the office files")

    monkeypatch.setattr(office, "tulis_laporan", broken)
    monkeypatch.setattr(official, "tabel_laporan", broken)
    job = _job(olahan_kecil, tmp_path)
    result = execution.execute_job(job)
    assert result.status == "dibuat", result.galat
    _xlsx, docx = office.berkas_office(job.html)
    with zipfile.ZipFile(docx) as z:
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in z.namelist())
    # the same files as the worker made them from the executed notebook before
    import nbformat

    monkeypatch.undo()
    nb = nbformat.read(job.ipynb, as_version=4)
    p = job.parameter
    ref = tmp_path / "ref" / "wotu.html"
    office.tulis_laporan(p["processed_dir"], "Wotu", p["tahun"], p["triwulan"], ref, nb)
    for made, expected in zip(
        office.berkas_office(job.html), office.berkas_office(ref), strict=True
    ):
        with zipfile.ZipFile(made) as a, zipfile.ZipFile(expected) as b:
            assert a.namelist() == b.namelist()
            for name in a.namelist():
                if not name.endswith("core.xml"):  # its creation time
                    assert a.read(name) == b.read(name), (made.name, name)
    # the kernel's namespace is reset after the office step: the next report starts clean
    again = execution.execute_job(job)
    assert again.status == "dibuat", again.galat


def test_an_office_failure_in_the_kernel_fails_the_report(
    olahan_kecil, tmp_path, monkeypatch, worker
):
    """The kernel's office step fails (here: the disk is full): the report fails with the
    kernel's reason, and no page is left without its office files."""

    def disk_full(tugas, html, ipynb):
        client = execution._WarmKernel.client
        return client.kc.execute("raise OSError(28, 'No space left on device')", silent=True)

    monkeypatch.setattr(execution, "_office_in_kernel", disk_full)
    job = _job(olahan_kecil, tmp_path)
    result = execution.execute_job(job)
    assert result.status == "gagal"
    assert "Excel/Word" in result.galat and "No space left on device" in result.galat
    assert not Path(job.html).exists()
    assert not any(p.exists() for p in office.berkas_office(job.html))
    monkeypatch.undo()
    assert execution.execute_job(job).status == "dibuat"
