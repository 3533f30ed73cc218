"""The documented schedule, run as written (issue 24, item 1).

The crontab line of the README is taken from the README itself and run by ``/bin/sh``
with cron's bare environment, from a temporary copy of the project with its data (only
``.venv/bin/python`` there is a stand-in for the real one): it must create its log,
write both steps into it without progress bars, and exit 0; a quarter whose ingest is
refused must exit non-zero and say so in the log.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"
DOCUMENTED_ROOT = "/srv/kinerja-kecamatan"


def _block(language: str, heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def cron_command() -> str:
    """The command of the README's crontab line (after the five time fields)."""
    lines = [ln for ln in _block("cron", "### The quarter on a schedule").splitlines()]
    entry = next(ln for ln in lines if ln.strip() and not ln.startswith("#"))
    return entry.split(None, 5)[5]


def systemd_units() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(r"```ini\n(.*?)```", text, re.S)


def _project(tmp_path: Path, raw_files: list[str]) -> Path:
    """A copy of the project as a fresh clone after ``make install`` has it."""
    project = tmp_path / "kinerja-kecamatan"
    (project / "data" / "raw").mkdir(parents=True)
    for name in raw_files:
        shutil.copy2(ROOT / "data" / "raw" / name, project / "data" / "raw" / name)
    shutil.copytree(ROOT / "data" / "reference", project / "data" / "reference")
    (project / "data" / "processed").mkdir()
    for shipped in ("README.md", ".kinerja-kecamatan-olahan"):  # what the clone holds
        shutil.copy2(ROOT / "data" / "processed" / shipped, project / "data" / "processed")
    (project / "reports").mkdir()
    venv_python = project / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    venv_python.chmod(0o755)
    return project


def _run_as_cron(project: Path) -> tuple[int, str, str]:
    import subprocess

    command = cron_command().replace(DOCUMENTED_ROOT, str(project))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(project), "SHELL": "/bin/sh", "LOGNAME": "kinerja"}
    if "PYTHONPATH" in os.environ:  # the package under test, as the real .venv would have it
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    done = subprocess.run(
        ["/bin/sh", "-c", command],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return done.returncode, done.stdout, done.stderr


def _log(project: Path) -> Path:
    return project / "logs" / f"kuartal-{dt.date.today():%Y%m%d}.log"


def test_the_documented_units_run_the_documented_command() -> None:
    command = cron_command()
    assert command.startswith(f"cd {DOCUMENTED_ROOT} && .venv/bin/python -m analysis quarter")
    assert ">" not in command  # the command writes its own log
    service, timer = systemd_units()[:2]
    assert f"WorkingDirectory={DOCUMENTED_ROOT}" in service
    assert f"ExecStart={DOCUMENTED_ROOT}/.venv/bin/python -m analysis quarter" in service
    assert "Type=oneshot" in service
    assert re.search(r"OnCalendar=\*-01,04,07,10-15 06:00:00", timer)
    assert "Persistent=true" in timer


@pytest.mark.slow
def test_the_documented_crontab_line_runs_a_quarter_on_a_fresh_copy(tmp_path: Path) -> None:
    project = _project(tmp_path, ["wotu_2024_anggaran.csv", "wotu_2024_kinerja.csv"])
    code, stdout, stderr = _run_as_cron(project)
    assert code == 0, stdout + stderr
    log = _log(project)
    assert log.is_file(), list(project.rglob("*.log"))
    text = log.read_text(encoding="utf-8")
    assert "ingest selesai: 2 file" in text  # ingest's own output is in the log ...
    assert "Selesai dalam" in text and "0 gagal" in text  # ... and batch's
    assert "kuartal berhasil" in text
    assert "\r" not in text and "laporan/s" not in text  # no progress bar
    assert (project / "reports" / "2024" / "TW4" / "wotu.html").is_file()
    assert (project / "reports" / "index.html").is_file()
    # cron mails what is printed: the summary only, not the ingest notes
    assert len(stdout) < 2000 and "Log:" in stdout and not stderr.strip()

    # the next quarter: an office sends a file the ingest refuses
    (project / "data" / "raw" / "wotu_2025_kinerja.xlsx").write_bytes(b"bukan xlsx")
    code, stdout, stderr = _run_as_cron(project)
    assert code == 2
    text = log.read_text(encoding="utf-8")
    assert text.count("=== kuartal mulai") == 2  # the same day's log is appended to
    assert "wotu_2025_kinerja.xlsx" in text.split("=== kuartal mulai")[-1]
    assert "kuartal GAGAL (kode 2)" in text
    assert "batch tidak dijalankan" in stderr and "wotu_2025_kinerja.xlsx" in stderr


@pytest.mark.slow
def test_a_quarter_with_nothing_to_render_fails(tmp_path: Path) -> None:
    """Only a plan (no realisasi yet): the quarter made no report, so it did not succeed."""
    project = _project(tmp_path, [])
    plan = "tahun;kecamatan;kode;tingkat;uraian;indikator;satuan;target_tahunan\n"
    plan += "2025;Wotu;7.01.01;program;Program Penunjang;Persentase Layanan;%;100\n"
    (project / "data" / "raw" / "wotu_2025_kinerja.csv").write_text(plan, encoding="utf-8")
    code, stdout, stderr = _run_as_cron(project)
    assert code == 2, stdout + stderr
    text = _log(project).read_text(encoding="utf-8")
    assert "--- batch selesai" in text and "kuartal GAGAL" in text


def test_a_second_quarter_while_one_runs_exits_at_once(tmp_path: Path) -> None:
    import fcntl

    from conftest import run_cli

    log = tmp_path / "logs" / "kuartal.log"
    log.parent.mkdir()
    with open(log.parent / ".kuartal.lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        result = run_cli(
            "quarter", "--log", str(log), "--raw", str(tmp_path / "raw"),
            "--processed", str(tmp_path / "olahan"), "--out", str(tmp_path / "laporan"),
        )  # fmt: skip
    assert result.returncode == 2
    assert "kuartal lain sedang berjalan" in result.stderr
    assert "kuartal lain sedang berjalan" in log.read_text(encoding="utf-8")
    assert not (tmp_path / "olahan").exists()  # nothing ran
