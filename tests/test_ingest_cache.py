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


# --- the stamp can never vouch for stale tables (issue 20, item 4) ------------------------


def _realisasi(out: Path) -> list[float]:
    import pandas as pd

    k = pd.read_parquet(out / "kinerja.parquet")
    return sorted(k["realisasi_tw"].dropna().tolist())


def test_raw_file_changed_during_the_run_leaves_no_stamp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.ingest import command

    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", GOOD)
    real = command.ingest

    def saved_while_reading(*args, **kwargs):
        result = real(*args, **kwargs)  # read the old content, then the planner saves
        write_csv(raw, "wotu_2024_kinerja.csv", GOOD.replace(";95\n", ";50\n"))
        return result

    monkeypatch.setattr(command, "ingest", saved_while_reading)
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    assert "berubah selama ingest" in capsys.readouterr().err
    assert _realisasi(out) == [1, 95]
    assert not (out / cache.STAMP).exists()
    monkeypatch.setattr(command, "ingest", real)
    text = _run(raw, out, capsys)
    assert SKIPPED not in text
    assert _realisasi(out) == [1, 50]


def test_another_raw_folder_into_the_same_out_never_leaves_a_foreign_stamp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run B (other raw data) swaps its tables in right after run A's swap, before A
    would have written its stamp: A's stamp must not end up beside B's tables."""
    from analysis import storage

    raw_a, raw_b, out = tmp_path / "a", tmp_path / "b", tmp_path / "processed"
    write_csv(raw_a, "wotu_2024_kinerja.csv", GOOD)
    write_csv(raw_b, "wotu_2024_kinerja.csv", GOOD.replace(";95\n", ";10\n"))
    real = storage.write_tables
    state = {"b_ran": False}

    def then_b(*args, **kwargs):
        written = real(*args, **kwargs)
        if not state["b_ran"]:
            state["b_ran"] = True
            assert main(["ingest", "--raw", str(raw_b), "--out", str(out)]) == 0
        return written

    monkeypatch.setattr(storage, "write_tables", then_b)
    assert main(["ingest", "--raw", str(raw_a), "--out", str(out)]) == 0
    assert _realisasi(out) == [1, 10]  # B's tables are in out
    capsys.readouterr()
    text = _run(raw_a, out, capsys)
    assert SKIPPED not in text, "A's stamp must not vouch for B's tables"
    assert _realisasi(out) == [1, 95]


def test_processed_table_edited_with_size_and_mtime_kept_is_rebuilt(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    table = out / "kinerja.csv"
    stat = table.stat()
    text = table.read_text(encoding="utf-8-sig")
    assert ";95" in text
    table.write_text(text.replace(";95", ";96", 1), encoding="utf-8-sig")
    os.utime(table, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert table.stat().st_size == stat.st_size
    assert SKIPPED not in _run(raw, out, capsys)
    assert ";95" in table.read_text(encoding="utf-8-sig")


def test_stamp_of_another_output_folder_is_not_trusted(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    raw, out = folders
    copy = tmp_path / "salinan"
    shutil.copytree(out, copy, copy_function=shutil.copy2)
    assert SKIPPED not in _run(raw, copy, capsys)
    assert SKIPPED in _run(raw, copy, capsys)


def test_raw_file_replaced_by_a_link_into_a_dot_folder_keeps_its_rows(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    write_csv(raw, "towuti_2024_kinerja.csv", GOOD.replace("Wotu", "Towuti"))
    _run(raw, out, capsys)
    hidden = raw / ".arsip"
    hidden.mkdir()
    (raw / "towuti_2024_kinerja.csv").rename(hidden / "towuti_2024_kinerja.csv")
    (raw / "towuti_2024_kinerja.csv").symlink_to(Path(".arsip") / "towuti_2024_kinerja.csv")
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert SKIPPED not in captured.out and "dibaca melalui tautannya" in captured.err
    import pandas as pd

    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert set(kinerja["kecamatan"]) == {"Wotu", "Towuti"}
    assert SKIPPED in _run(raw, out, capsys)
