"""``ingest`` skips unchanged input, and rebuilds whenever anything the tables depend on moved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ingest_helpers import write_csv

from analysis.cli import main
from analysis.ingest import cache

GOOD = (
    "tahun;kecamatan;kode;uraian;indikator;satuan;target_tw1;realisasi_tw1\n"
    "2024;Wotu;7.01.01;Program Penunjang;Persentase kinerja;%;100;95\n"
    "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen;Jumlah dokumen;Dokumen;2;1\n"
)
SKIPPED = "ingest dilewati"


@pytest.fixture
def folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", GOOD)
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    assert SKIPPED not in capsys.readouterr().out
    assert (out / cache.STAMP).exists()
    return raw, out


def _run(raw: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["ingest", "--raw", str(raw), "--out", str(out), *extra]) == 0
    return capsys.readouterr().out


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}


def test_rerun_with_nothing_changed_is_skipped(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    before = _mtimes(out)
    text = _run(raw, out, capsys)
    assert SKIPPED in text and "--force" in text and "ingest selesai" in text
    assert _mtimes(out) == before


def test_touched_but_same_content_is_still_skipped(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    path = raw / "wotu_2024_kinerja.csv"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert SKIPPED in _run(raw, out, capsys)


@pytest.mark.parametrize(
    "change",
    ["edit", "same_size_edit", "add", "remove", "delete_table", "force", "config", "lenient"],
)
def test_anything_that_matters_rebuilds(
    folders: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    change: str,
) -> None:
    raw, out = folders
    extra: list[str] = []
    path = raw / "wotu_2024_kinerja.csv"
    if change == "edit":
        write_csv(raw, path.name, GOOD.replace(";95\n", ";90\n"))
    elif change == "same_size_edit":
        stat = path.stat()
        write_csv(raw, path.name, GOOD.replace(";95\n", ";96\n"))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # size and mtime set back
        assert path.stat().st_size == stat.st_size
    elif change == "add":
        write_csv(raw, "towuti_2024_kinerja.csv", GOOD.replace("Wotu", "Towuti"))
    elif change == "remove":
        write_csv(raw, "towuti_2024_kinerja.csv", GOOD.replace("Wotu", "Towuti"))
        _run(raw, out, capsys)
        (raw / "towuti_2024_kinerja.csv").unlink()
    elif change == "delete_table":
        (out / "kinerja.parquet").unlink()
    elif change == "force":
        extra = ["--force"]
    elif change == "config":
        config = tmp_path / "s.toml"
        config.write_text('rumus_negatif = "rasio"\n')
        extra = ["--config", str(config)]
    elif change == "lenient":
        extra = ["--lenient"]
    text = _run(raw, out, capsys, *extra)
    assert SKIPPED not in text and "ingest selesai" in text
    assert (out / "kinerja.parquet").exists()
    assert SKIPPED in _run(raw, out, capsys, *[e for e in extra if e != "--force"])


def test_a_failed_run_writes_no_stamp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", GOOD.replace("7.01.01;", "7.01.AB;"))
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 2
    assert not (out / cache.STAMP).exists()
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 2
    assert SKIPPED not in capsys.readouterr().out


def test_code_change_rebuilds(
    folders: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw, out = folders
    monkeypatch.setattr(cache, "_code_hash", lambda: "another version")
    assert SKIPPED not in _run(raw, out, capsys)
