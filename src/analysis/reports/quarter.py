"""``python -m analysis quarter``: the quarter's whole job for a scheduler, in one command.

Runs ``ingest`` and then ``batch`` (each as its own ``python -m analysis`` process, so a
crash of one is a line in the log, not a traceback of the other) and writes everything
both print into one log file it creates: ``logs/kuartal-YYYYMMDD.log`` under the
project (``--log`` for another path; appended to, so two runs of a day stay in one
file). No progress bar reaches the log (``batch --no-progress``; a carriage return is
written as a line end). At a terminal every line is shown as it comes; otherwise (cron,
systemd) only the summary, and on failure the failing step's last lines, so the mail is
short and the log holds the rest.

Exit code: 0 when both steps succeeded; otherwise the failing step's code (2: ingest
refused the input, nothing to render or an operational fault; 1: some reports failed),
so a scheduler sees a failed quarter. ``batch`` does not run after a refused ``ingest``
(the processed tables were not replaced; the reports stay as they were). Two quarter runs
never overlap: a second one exits 2 at once (a lock beside the log).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from analysis import outputs, paths

EXIT_OK = 0
EXIT_BAD_INPUT = 2
TAIL_LINES = 40
"""Lines of a failing step repeated on the console (the whole output is in the log)."""

SUMMARY_PREFIXES = ("peringatan: ", "Belum melapor ", "catatan: laporan yang datanya")
"""Lines of a step that also go into the summary: what is missing this quarter."""

LOCK_NAME = ".kuartal.lock"


def default_log(root: Path | None = None, today: dt.date | None = None) -> Path:
    """``logs/kuartal-YYYYMMDD.log`` under the project root."""
    day = (today or dt.date.today()).strftime("%Y%m%d")
    return (root or paths.project_root()) / "logs" / f"kuartal-{day}.log"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``quarter`` subcommand's arguments (called by :mod:`analysis.cli`)."""
    quarter = sub.add_parser(
        "quarter",
        help="the quarter's job for a scheduler: ingest, then batch, logged to logs/",
        description=(
            "Run ingest and then batch, writing both outputs to a log file "
            "(logs/kuartal-YYYYMMDD.log by default). Exits non-zero when the quarter failed."
        ),
    )
    quarter.add_argument("--log", type=Path, default=None, help="log file (created)")
    quarter.add_argument("--raw", type=Path, default=None, help="input folder (data/raw)")
    quarter.add_argument("--processed", type=Path, default=None, help="data/processed folder")
    quarter.add_argument("--out", type=Path, default=None, help="reports folder")
    quarter.add_argument("--tahun", type=int, default=None, help="limit batch to a year")
    quarter.add_argument("--triwulan", type=int, default=None, choices=(1, 2, 3, 4))
    quarter.add_argument("--jobs", type=int, default=None, help="parallel worker processes")
    quarter.add_argument("--lenient", action="store_true", help="ingest --lenient")
    quarter.add_argument("--force", action="store_true", help="rebuild everything")
    quarter.add_argument("--config", type=Path, default=None, help="TOML settings for ingest")


def _steps(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    ingest = ["ingest", "--raw", str(args.raw), "--out", str(args.processed)]
    ingest += ["--lenient"] * args.lenient + ["--force"] * args.force
    if args.config is not None:
        ingest += ["--config", str(args.config)]
    batch = ["batch", "--processed", str(args.processed), "--no-progress"]
    if args.out is not None:
        batch += ["--out", str(args.out)]
    for flag in ("tahun", "triwulan", "jobs"):
        if getattr(args, flag) is not None:
            batch += [f"--{flag}", str(getattr(args, flag))]
    batch += ["--force"] * args.force
    return [("ingest", ingest), ("batch", batch)]


def _stamp() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


class _Child:
    """The running step, so SIGTERM can stop it before the command leaves."""

    process: subprocess.Popen[bytes] | None = None
    signum: int = signal.SIGINT


def _on_sigterm(signum: int, frame: object) -> None:
    _Child.signum = signum
    process = _Child.process
    if process is not None and process.poll() is None:
        process.terminate()  # the step stops its own workers (see lifecycle)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(30)
    raise KeyboardInterrupt


def _run_step(
    argv: Sequence[str], log: TextIO, echo: bool, keep: list[str]
) -> tuple[int, list[str]]:
    """Run ``python -m analysis <argv>``, every line into ``log``; (exit code, last lines).

    Lines starting with one of :data:`SUMMARY_PREFIXES` are added to ``keep``.
    """
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    _Child.process = process
    try:
        assert process.stdout is not None
        for raw in process.stdout:
            text = raw.decode("utf-8", errors="replace")
            for line in text.replace("\r\n", "\n").replace("\r", "\n").splitlines():
                log.write(line + "\n")
                tail.append(line)
                if line.startswith(SUMMARY_PREFIXES):
                    keep.append(line)
                if echo:
                    print(line, flush=True)
            log.flush()
        return process.wait(), list(tail)
    finally:
        _Child.process = None


def _quarter_lock(log_path: Path) -> contextlib.AbstractContextManager[bool]:
    """Whether this run holds the quarter's lock beside its log (not waiting for it)."""
    import fcntl

    return outputs.flock(log_path.parent / LOCK_NAME, fcntl.LOCK_EX | fcntl.LOCK_NB)


def run_quarter_command(args: argparse.Namespace) -> int:
    """``python -m analysis quarter``: ingest, then batch, into one log (module doc)."""
    log_path = Path(args.log) if args.log is not None else default_log()
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        from analysis.errors import os_error_text

        print(f"Galat: log {log_path} tidak dapat ditulis: {os_error_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    echo = sys.stdout.isatty()
    started = time.perf_counter()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        with log, _quarter_lock(log_path) as held:
            if not held:
                busy = (
                    f"Galat: kuartal lain sedang berjalan (kunci {log_path.parent / LOCK_NAME}); "
                    "tunggu sampai selesai."
                )
                log.write(f"=== {_stamp()} {busy}\n")
                print(busy, file=sys.stderr)
                return EXIT_BAD_INPUT
            return _run_steps(args, log, log_path, echo, started)
    except KeyboardInterrupt:
        print(f"Galat: kuartal dihentikan; lihat log {log_path}", file=sys.stderr)
        return 128 + int(_Child.signum)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run_steps(
    args: argparse.Namespace, log: TextIO, log_path: Path, echo: bool, started: float
) -> int:
    log.write(f"=== kuartal mulai {_stamp()} (kinerja-kecamatan, {os.getcwd()}) ===\n")
    summary: list[str] = []
    code = EXIT_OK
    for name, argv in _steps(args):
        log.write(f"--- {name} mulai {_stamp()}: python -m analysis {' '.join(argv)}\n")
        log.flush()
        step_start = time.perf_counter()
        missing: list[str] = []
        code, tail = _run_step(argv, log, echo, missing)
        seconds = time.perf_counter() - step_start
        log.write(f"--- {name} selesai {_stamp()}: kode keluar {code} ({seconds:.1f} detik)\n")
        last = next((line for line in reversed(tail) if line.strip()), "")
        summary.append(f"{name}: kode keluar {code}. {last}".rstrip())
        summary += missing
        if code != EXIT_OK:
            if not echo:  # the mail shows why; the log has everything
                print("\n".join(tail), file=sys.stderr)
            if name == "ingest":
                summary.append("batch tidak dijalankan: tabel olahan tidak diganti.")
            break
    verdict = "berhasil" if code == EXIT_OK else f"GAGAL (kode {code})"
    total = time.perf_counter() - started
    log.write(f"=== kuartal {verdict} {_stamp()} ({total:.1f} detik) ===\n")
    for line in summary:
        print(line, file=sys.stdout if code == EXIT_OK else sys.stderr)
    print(f"Kuartal {verdict}. Log: {log_path}", file=sys.stdout if code == EXIT_OK else sys.stderr)
    return code
