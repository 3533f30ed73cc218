"""Operational faults and processes, through the command line.

A bad day in an office: a damaged table in ``data/processed``, a full disk, a folder
that cannot be written, a scheduler started elsewhere, a batch stopped half-way. Each is
one line naming the path and what to do (exit 2) - never a traceback - and a stopped
batch leaves no worker or kernel running.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import outputs, storage
from analysis.cli import main
from analysis.reports import runner

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data ingested once into a folder of its own."""
    out = tmp_path_factory.mktemp("faults") / "processed"
    assert main(["ingest", "--out", str(out)]) == 0
    return out


@pytest.fixture()
def processed(bundled: Path, tmp_path: Path) -> Path:
    """A private copy of the bundled tables, free to damage."""
    copy = tmp_path / "processed"
    shutil.copytree(bundled, copy)
    return copy


def report(processed: Path, out: Path) -> list[str]:
    return [
        "report",
        "--kecamatan",
        "Wotu",
        "--tahun",
        "2024",
        "--triwulan",
        "4",
        "--processed",
        str(processed),
        "--out",
        str(out),
    ]


def one_line_error(text: str) -> str:
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.startswith("Galat")]
    assert len(lines) == 1, text
    return lines[0]


@pytest.mark.parametrize(
    ("damage", "expect"),
    [
        ("truncated", "tidak dapat dibaca sebagai tabel olahan"),
        ("not_parquet", "tidak dapat dibaca sebagai tabel olahan"),
        ("foreign", "tidak ada"),
        ("nan_year", "baris tanpa tahun"),
    ],
)
def test_damaged_processed_table_is_one_line(
    processed: Path, tmp_path: Path, damage: str, expect: str, capsys
) -> None:
    path = processed / "kinerja.parquet"
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    elif damage == "not_parquet":
        path.write_text("ini bukan parquet", encoding="utf-8")
    elif damage == "foreign":
        pd.DataFrame({"nama": ["x"], "nilai": [1]}).to_parquet(path)
    else:
        frame = pd.read_parquet(path)
        frame["tahun"] = frame["tahun"].astype("float64")
        frame.loc[frame.index[0], "tahun"] = float("nan")
        frame.to_parquet(path)
    for command in (report(processed, tmp_path / "r"), ["batch", "--processed", str(processed)]):
        if command[0] == "batch":
            command += ["--out", str(tmp_path / "r"), "--no-progress"]
        code = main(command)
        line = one_line_error(capsys.readouterr().err)
        assert code == 2
        assert expect in line and str(path) in line and "ingest" in line


def test_reference_is_found_when_started_elsewhere(tmp_path: Path) -> None:
    """A scheduler's working folder is not the project: the bundled reference is used."""
    raw = tmp_path / "masuk"
    raw.mkdir()
    shutil.copy2(ROOT / "data" / "raw" / "wotu_2024_kinerja.csv", raw)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw), "--out", "olahan"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    kinerja = pd.read_parquet(tmp_path / "olahan" / "kinerja.parquet")
    assert set(kinerja["kecamatan"]) == {"Wotu"}


def test_unwritable_lock_folder_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    """Root ignores permissions, so the refusal the OS would give is injected."""
    out = tmp_path / "olahan"

    def denied(_: Path):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".ingest.lock"))

    monkeypatch.setattr(outputs, "ingest_lock", denied)
    code = main(["ingest", "--out", str(out)])
    line = one_line_error(capsys.readouterr().err)
    assert code == 2
    assert str(tmp_path / ".ingest.lock") in line and "izin ditolak" in line
    assert not out.exists()


def test_jobs_outside_the_cores_is_refused(processed: Path, tmp_path: Path, capsys) -> None:
    cores = os.cpu_count() or 1
    for jobs in (0, -1, cores + 1):
        code = main(["batch", "--processed", str(processed), "--jobs", str(jobs)])
        line = one_line_error(capsys.readouterr().err)
        assert code == 2 and f"1 sampai {cores}" in line


def test_readers_never_see_a_half_swapped_folder(tmp_path: Path) -> None:
    """The swap waits for a reader holding the shared lock; the reader sees one version."""
    out = tmp_path / "processed"
    storage.write_tables(out, {"a": pd.DataFrame({"x": [1]})})
    finished = threading.Event()

    def writer() -> None:
        storage.write_tables(out, {"a": pd.DataFrame({"x": [2]})})
        finished.set()

    with outputs.read_lock(out):
        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(1.0)
        assert not finished.is_set()  # blocked at the swap, tables written aside
        assert pd.read_parquet(out / "a.parquet")["x"].tolist() == [1]
    thread.join(30)
    assert finished.is_set()
    assert pd.read_parquet(out / "a.parquet")["x"].tolist() == [2]


@pytest.mark.slow
def test_disk_full_while_batch_writes_prints_summary(
    processed: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    target = tmp_path / "laporan" / ".manifest.json"

    def full(out: Path, entries: dict) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(runner, "save_manifest", full)
    code = main(report(processed, tmp_path / "laporan"))
    err = capsys.readouterr()
    assert code == 2
    assert "Selesai dalam" in err.out  # the summary of what was done
    line = one_line_error(err.err)
    assert str(target) in line and "disk penuh" in line


@pytest.mark.slow
def test_malformed_manifest_rebuilds(processed: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "laporan"
    out.mkdir()
    (out / ".manifest.json").write_text('{"versi": 1, "laporan": [1, 2', encoding="utf-8")
    code = main(report(processed, out))
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err and ".manifest.json tidak terbaca" in err
    assert (out / "2024" / "TW4" / "wotu.html").is_file()


# --- stopping a batch ----------------------------------------------------------------------


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parent[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, pp in parent.items() if pp in frontier and p not in found}
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopped_batch_leaves_no_worker_or_kernel(bundled: Path, tmp_path: Path, signum) -> None:
    jobs = str(min(2, os.cpu_count() or 1))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "analysis",
            "batch",
            "--processed",
            str(bundled),
            "--out",
            str(tmp_path / "laporan"),
            "--force",
            "--no-progress",
            "--jobs",
            jobs,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        seen: set[int] = set()
        while time.monotonic() < deadline:
            seen |= _descendants(proc.pid)
            if any(_is_kernel(p) for p in seen) or proc.poll() is not None:
                break
            time.sleep(0.2)
        assert proc.poll() is None, "batch ended before a kernel was seen"
        assert any(_is_kernel(p) for p in seen)
        time.sleep(0.5)
        seen |= _descendants(proc.pid)
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=60)
        deadline = time.monotonic() + 20
        while _alive(seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(seen), f"still running after {signum.name}: {_alive(seen)}"
        if signum != signal.SIGKILL:
            assert proc.returncode == 128 + signum
            assert "Traceback" not in err and "dihentikan" in err
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _alive(_descendants(proc.pid)):
            os.kill(pid, signal.SIGKILL)
