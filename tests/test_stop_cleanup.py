"""Nothing left behind when a command is stopped (issue 20, item 5): real signals sent to
real ``python -m analysis`` processes, then the folders they write into are inspected."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from analysis import synthetic
from analysis.cli import main

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _sha(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != ".ingest-stamp.json"  # dropped before a write: rebuild
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with enough raw data that writing its tables takes a moment, ingested once."""
    root = tmp_path_factory.mktemp("proyek")
    names = synthetic.synthetic_names(150)
    synthetic.write_reference(names, root / "data" / "reference")
    synthetic.generate_raw(root / "data" / "raw", names, per_kecamatan=False)
    raw, out = root / "data" / "raw", root / "data" / "processed"
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_while_tables_are_written_leaves_no_temporary_folder(
    project: Path, signum: signal.Signals
) -> None:
    data = project / "data"
    # a loaded machine can finish the write inside the pause before the signal: such a run
    # stopped nothing and is tried again (three times at most); any other outcome is judged
    for _attempt in range(3):
        before = _sha(data / "processed")  # what a stopped run must leave as it was
        proc, err = _signal_during_write(project, signum)
        if proc.returncode != 0:
            break
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err and "dihentikan" in err
    left = sorted(
        p.name for p in data.iterdir() if p.name.startswith((".processed.tmp-", ".processed.prev"))
    )
    assert left == [], left
    assert _sha(data / "processed") == before  # the previous tables are intact


def _signal_during_write(project: Path, signum: signal.Signals) -> tuple[subprocess.Popen, str]:
    """``ingest --force`` started, ``signum`` sent once its temporary folder appears."""
    data = project / "data"
    out_force = ["--out", str(data / "processed"), "--force"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "ingest", "--raw", str(data / "raw"), *out_force],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        seen = False
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.startswith(".processed.tmp-") for p in data.iterdir()):
                seen = True
                break
            time.sleep(0.005)
        assert seen, "the run ended before its temporary folder was seen"
        time.sleep(0.05)  # inside the write
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc, err


def _is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_stopped_batch_leaves_no_kernel_connection_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    processed = tmp_path / "olahan"
    assert main(["ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(processed)]) == 0
    tmpdir = tmp_path / "tmp"
    runtime = tmp_path / "runtime"
    tmpdir.mkdir()
    runtime.mkdir()
    env = {**ENV, "TMPDIR": str(tmpdir), "JUPYTER_RUNTIME_DIR": str(runtime)}
    rest = ["--out", str(tmp_path / "laporan"), "--force", "--no-progress", "--jobs", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "batch", "--processed", str(processed), *rest],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            files = [*tmpdir.rglob("*.json"), *runtime.rglob("*.json")]
            if files:
                break
            time.sleep(0.1)
        assert files, "no kernel started"
        time.sleep(1.0)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    time.sleep(1.0)
    left = sorted(str(p.relative_to(tmp_path)) for p in [*tmpdir.rglob("*"), *runtime.rglob("*")])
    assert left == [], left
