"""``report`` and ``batch`` end to end: outputs, index, incremental reruns, isolation, safety."""

from __future__ import annotations

import html
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HOSTILE_KETERANGAN, HOSTILE_PESAN, HOSTILE_URAIAN, ROOT, run_cli

from analysis.reports import index_page, jobs, runner
from analysis.reports.export import offline_problems

MAX_REPORT_BYTES = 1_500_000
RUPIAH = re.compile(r"Rp \d{1,3}(?:\.\d{3})+")
PERSEN = re.compile(r"\b\d{1,3},\d{2}%")


# --- pure helpers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Tomoni Timur", "tomoni-timur"),
        ("Wotu", "wotu"),
        ("../../etc/passwd", "etc-passwd"),
        ("Wotu; rm -rf / && echo $(id)", "wotu-rm-rf-echo-id"),
        ("..", ""),
    ],
)
def test_slugify_keeps_only_safe_characters(name: str, slug: str) -> None:
    assert runner.slugify(name) == slug


def test_safe_output_refuses_paths_outside_out(tmp_path: Path) -> None:
    assert (
        jobs.safe_output(tmp_path, "2024", "TW4", "wotu.html").parent == tmp_path / "2024" / "TW4"
    )
    for parts in (("..", "x.html"), ("2024", "..", "..", "x.html"), ("/etc/passwd",)):
        with pytest.raises(jobs.InputError, match="di luar folder laporan"):
            jobs.safe_output(tmp_path, *parts)


def test_reference_resolves_aliases_and_refuses_unknown(tmp_path: Path) -> None:
    (tmp_path / "kecamatan.csv").write_text(
        "kecamatan;slug;alias\n"
        "Tomoni Timur;../../tomoni-timur;Kec. Tomoni Timur|KECAMATAN TOMONI TIMUR\n"
        "Wotu;wotu;Kec. Wotu\n",
        encoding="utf-8",
    )
    ref = jobs.Referensi.load(tmp_path)
    assert ref.resolve("kecamatan tomoni timur") == "Tomoni Timur"
    assert ref.resolve("Kec. Wotu") == "Wotu"
    assert ref.resolve("tomoni-timur") == "Tomoni Timur"
    assert ref.slug["Tomoni Timur"] == "tomoni-timur"  # a hostile slug is cleaned again
    with pytest.raises(jobs.InputError, match="Nama yang valid: Tomoni Timur, Wotu"):
        ref.resolve("../Wotu")


# --- command line: bad requests ------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../etc/passwd", "Wotu/../../x", "Wotu; rm -rf /", "Atlantis"])
def test_report_refuses_unknown_kecamatan(olahan_kecil: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "laporan"
    result = run_cli(
        "report", "--kecamatan", name, "--tahun", "2024", "--triwulan", "4",
        "--processed", str(olahan_kecil), "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "tidak dikenal" in result.stderr
    assert "Wotu" in result.stderr and "Tomoni Timur" in result.stderr and "Malili" in result.stderr
    assert not out.exists() or not any(out.rglob("*.html"))
    assert "Traceback" not in result.stderr


def test_report_without_data_is_a_clear_message(olahan_kecil: Path, tmp_path: Path) -> None:
    result = run_cli(
        "report", "--kecamatan", "Wotu", "--tahun", "2025", "--triwulan", "4",
        "--processed", str(olahan_kecil), "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 2
    assert "Tidak ada data untuk Kecamatan Wotu tahun 2025 Triwulan IV" in result.stderr
    assert "2025 TW II" in result.stderr
    assert not any(tmp_path.rglob("*.html"))


def test_batch_without_processed_tables_says_run_ingest(tmp_path: Path) -> None:
    result = run_cli("batch", "--processed", str(tmp_path / "kosong"), "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert "python -m analysis ingest" in result.stderr


def test_batch_refuses_unknown_kecamatan_and_missing_period(
    olahan_kecil: Path, tmp_path: Path
) -> None:
    common = ["--processed", str(olahan_kecil), "--out", str(tmp_path)]
    unknown = run_cli("batch", "--kecamatan", "Atlantis", *common)
    assert unknown.returncode == 2 and "Nama yang valid" in unknown.stderr
    no_year = run_cli("batch", "--tahun", "2019", *common)
    assert no_year.returncode == 2 and "Periode yang tersedia" in no_year.stderr
    no_data = run_cli("batch", "--kecamatan", "Malili", "--tahun", "2024", *common)
    assert no_data.returncode == 2
    assert "Kecamatan Malili tidak memiliki data untuk 2024 TW4" in no_data.stderr


# --- a real batch --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_2024(
    olahan_kecil: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("laporan")
    result = run_cli(
        "batch",
        "--tahun",
        "2024",
        "--processed",
        str(olahan_kecil),
        "--out",
        str(out),
        "--jobs",
        "2",
    )
    return out, result


def _reports(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if p.name != "index.html")


@pytest.mark.slow
def test_batch_writes_every_report_overview_and_index(batch_2024) -> None:
    out, result = batch_2024
    assert result.returncode == 0, result.stderr
    assert "12 dibuat" in result.stdout
    assert "laporan/s" not in result.stderr and "\r" not in result.stderr  # no bar: not a tty
    expected = {
        f"2024/TW{q}/{name}.html"
        for q in (1, 2, 3, 4)
        for name in ("wotu", "tomoni-timur", "ringkasan-kabupaten")
    }
    assert {p.relative_to(out).as_posix() for p in _reports(out)} == expected
    for page in _reports(out):
        assert page.with_suffix(".ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    for link in expected:
        assert f'href="{link}"' in index
    assert "Tahun 2024" in index and "Triwulan IV" in index and "Tomoni Timur" in index
    assert PERSEN.search(index)
    assert offline_problems(index) == []
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["laporan"]) == expected
    assert all(
        e["status"] == "dibuat" and len(e["kunci"]) == 64 for e in manifest["laporan"].values()
    )


@pytest.mark.slow
def test_report_pages_pass_the_html_checks(batch_2024) -> None:
    out, _ = batch_2024
    page = (out / "2024" / "TW4" / "wotu.html").read_text(encoding="utf-8")
    assert "Laporan Kinerja Kecamatan Wotu - Triwulan IV 2024" in page
    assert RUPIAH.search(page) and PERSEN.search(page)
    assert "s/d TW IV" in page
    # no code, no prompts
    for code in ("views.", "charts.gambar", "import ", "processed_dir", "In&nbsp;[", "Out["):
        assert code not in page, code
    # data escaped
    for hostile in (HOSTILE_URAIAN, HOSTILE_KETERANGAN, HOSTILE_PESAN):
        assert hostile not in page
        assert html.escape(hostile, quote=False)[:30] in page or hostile in html.unescape(page)
    assert "<script" not in page.lower() and "<iframe" not in page.lower()
    assert offline_problems(page) == []
    # charts embedded as inline SVG (or said in a sentence when they would have one point)
    assert page.count("<svg") + page.count('class="kalimat-grafik"') >= 5
    for report in _reports(out):
        assert report.stat().st_size <= MAX_REPORT_BYTES, report
        text = report.read_text(encoding="utf-8")
        assert offline_problems(text) == [], report
        assert text.rstrip().endswith("</html>")
    overview = (out / "2024" / "TW4" / "ringkasan-kabupaten.html").read_text(encoding="utf-8")
    assert "Ringkasan Kinerja Kecamatan se-Kabupaten Luwu Timur - Triwulan IV 2024" in overview
    assert 'href="wotu.html"' in overview and 'href="tomoni-timur.html"' in overview


@pytest.mark.slow
def test_executed_notebook_is_parameterised(batch_2024) -> None:
    out, _ = batch_2024
    nb = json.loads((out / "2024" / "TW3" / "tomoni-timur.ipynb").read_text(encoding="utf-8"))
    injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1
    source = "".join(injected[0]["source"])
    assert 'kecamatan = "Tomoni Timur"' in source and "triwulan = 3" in source
    assert nb["metadata"]["papermill"]["parameters"]["tahun"] == 2024
    assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.slow
def test_unchanged_rerun_is_skipped_fast_and_force_rebuilds(batch_2024, olahan_kecil: Path) -> None:
    out, _ = batch_2024
    before = {p: p.stat().st_mtime_ns for p in _reports(out)}
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    rerun = run_cli("batch", "--tahun", "2024", "--processed", str(olahan_kecil), "--out", str(out))
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 dibuat, 12 tidak berubah" in rerun.stdout
    assert {p: p.stat().st_mtime_ns for p in _reports(out)} == before
    assert cpu < 2.0, f"unchanged rerun used {cpu:.2f} s of CPU ({wall:.2f} s wall)"
    assert wall < 6.0  # generous: the machine is shared; CPU time is the honest measure

    forced = run_cli(
        "batch", "--tahun", "2024", "--triwulan", "4", "--force",
        "--processed", str(olahan_kecil), "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    assert "3 dibuat, 0 tidak berubah" in forced.stdout
    assert (out / "2024" / "TW4" / "wotu.html").stat().st_mtime_ns > before[
        out / "2024" / "TW4" / "wotu.html"
    ]
    assert (out / "2024" / "TW1" / "wotu.html").stat().st_mtime_ns == before[
        out / "2024" / "TW1" / "wotu.html"
    ]


@pytest.mark.slow
def test_one_corrected_kecamatan_rebuilds_only_its_reports_and_the_overviews(
    batch_2024, olahan_kecil: Path, tmp_path: Path
) -> None:
    """A correction from one office re-renders that kecamatan and the overviews only."""
    built, _ = batch_2024
    out, processed = tmp_path / "laporan", tmp_path / "olahan"
    shutil.copytree(built, out)
    shutil.copytree(olahan_kecil, processed)
    kinerja = pd.read_parquet(processed / "kinerja.parquet")
    row = kinerja.index[(kinerja["kecamatan"] == "Wotu") & kinerja["realisasi_tw"].notna()][0]
    kinerja.loc[row, "realisasi_tw"] = kinerja.loc[row, "realisasi_tw"] + 1
    kinerja.to_parquet(processed / "kinerja.parquet")
    before = {p.relative_to(out): p.stat().st_mtime_ns for p in _reports(out)}

    rerun = run_cli(
        "batch", "--tahun", "2024", "--processed", str(processed), "--out", str(out),
        "--no-progress",
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr
    assert "8 dibuat, 4 tidak berubah" in rerun.stdout
    after = {p.relative_to(out): p.stat().st_mtime_ns for p in _reports(out)}
    rebuilt = sorted(str(p) for p in after if after[p] != before[p])
    assert rebuilt == sorted(
        f"2024/TW{q}/{name}.html" for q in (1, 2, 3, 4) for name in ("ringkasan-kabupaten", "wotu")
    )


@pytest.mark.slow
def test_one_broken_kecamatan_fails_alone(olahan_kecil: Path, tmp_path: Path) -> None:
    """Wotu's processed rows hold an infinite capaian: its report fails, the others are written."""
    processed = tmp_path / "olahan"
    shutil.copytree(olahan_kecil, processed)
    r = pd.read_parquet(processed / "ringkasan.parquet")
    r.loc[r["kecamatan"] == "Wotu", "capaian_persen"] = np.inf
    r.to_parquet(processed / "ringkasan.parquet", index=False)
    out = tmp_path / "laporan"
    result = run_cli(
        "batch",
        "--tahun",
        "2024",
        "--triwulan",
        "4",
        "--processed",
        str(processed),
        "--out",
        str(out),
    )
    assert result.returncode == 1
    assert (out / "2024" / "TW4" / "tomoni-timur.html").exists()
    assert not (out / "2024" / "TW4" / "wotu.html").exists()
    failed_nb = out / "2024" / "TW4" / "wotu.ipynb"
    assert failed_nb.exists()
    assert "DataRusak" in failed_nb.read_text(encoding="utf-8")
    summary = result.stderr
    assert "Gagal 1 laporan" in summary
    line = next(ln for ln in summary.splitlines() if "Kecamatan Wotu 2024 TW IV" in ln)
    assert (
        re.search(r"sel #\d+", line) and "DataRusak" in line and "ringkasan.capaian_persen" in line
    )
    assert "wotu.ipynb" in line
    overview = (out / "2024" / "TW4" / "ringkasan-kabupaten.html").read_text(encoding="utf-8")
    assert "Tidak disertakan karena data olahannya tidak wajar (nilai tak hingga): Wotu" in overview
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2024/TW4/tomoni-timur.html"' in index and "wotu.html" not in index
    assert 'href="2024/TW4/ringkasan-kabupaten.html"' in index


@pytest.mark.slow
def test_single_report_by_alias(olahan_kecil: Path, tmp_path: Path) -> None:
    result = run_cli(
        "report", "--kecamatan", "KECAMATAN TOMONI TIMUR", "--tahun", "2025", "--triwulan", "2",
        "--processed", str(olahan_kecil), "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = tmp_path / "2025" / "TW2" / "tomoni-timur.html"
    assert page.exists() and (tmp_path / "index.html").exists()
    assert "Triwulan II 2025" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_killed_batch_leaves_no_half_written_report(olahan_kecil: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "batch",
            "--processed",
            str(olahan_kecil),
            "--out",
            str(out),
            "--no-progress",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(out.rglob("*.html")):
            time.sleep(0.05)
        time.sleep(0.3)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    pages = _reports(out)
    assert pages, "the batch was killed before writing any report"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>"), page


def test_index_lists_only_reports_of_the_current_data(olahan_kecil: Path, tmp_path: Path) -> None:
    """Index rendering alone (no notebook): stale pages are not offered, names are escaped."""
    entries = {}
    for key, kec, tahun, q, jenis in (
        ("2024/TW4/wotu.html", "Wotu", 2024, 4, "laporan"),
        ("2024/TW4/ringkasan-kabupaten.html", None, 2024, 4, "ringkasan"),
        ("2023/TW4/wotu.html", "Wotu", 2023, 4, "laporan"),  # no longer in the data
        ("2025/TW4/wotu.html", "Wotu", 2025, 4, "laporan"),  # quarter without realisasi
    ):
        page = tmp_path / key
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>", encoding="utf-8")
        entries[key] = {
            "jenis": jenis,
            "kecamatan": kec,
            "tahun": tahun,
            "triwulan": q,
            "status": "dibuat",
        }
    index = index_page.write_index(tmp_path, olahan_kecil, entries).read_text(encoding="utf-8")
    assert 'href="2024/TW4/wotu.html"' in index
    assert 'href="2024/TW4/ringkasan-kabupaten.html"' in index
    assert "2023/TW4" not in index and "2025/TW4" not in index
    assert "Triwulan IV 2024" in index and PERSEN.search(index)
    assert offline_problems(index) == []
