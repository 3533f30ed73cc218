"""Command line: ``python -m analysis <command>``.

The parser lives here; each command's work lives in its own module and is imported only
when that command runs, so ``--help`` stays instant and a scheduler's log shows one clear
line per failure instead of an import traceback.

Exit codes (documented in the README): 0 all good, 1 some reports failed, 2 bad input or
bad arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from analysis import __version__, paths

EXIT_OK = 0
EXIT_REPORT_FAILED = 1
EXIT_BAD_INPUT = 2


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML file overriding the default settings (band edges, tolerances, formulas)",
    )


def _add_kabupaten(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kabupaten",
        default=None,
        help=(
            "regency whose kecamatan report, e.g. 'Kabupaten Banyuwangi' or '35.10' "
            "(default: kabupaten in kinerja.toml, else the settings default)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every real subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description=(
            "Kinerja kecamatan: read the quarterly spreadsheets, compute capaian and serapan, "
            "and render the HTML reports."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ingest = sub.add_parser(
        "ingest",
        help="read data/raw, clean and validate it, compute the metrics, write data/processed",
        description=(
            "Read every .csv, .xlsx, .xls and .ods under --raw, clean and validate the rows, "
            "compute the metrics and write the processed tables (Parquet and CSV) atomically."
        ),
    )
    ingest.add_argument("--raw", type=Path, default=None, help="input folder (data/raw)")
    ingest.add_argument("--out", type=Path, default=None, help="output folder (data/processed)")
    ingest.add_argument(
        "--lenient",
        action="store_true",
        help="write the valid rows even when some are rejected (they go to ditolak.csv)",
    )
    ingest.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    _add_config(ingest)
    _add_kabupaten(ingest)

    report = sub.add_parser(
        "report",
        help="render one kecamatan's report for one quarter (notebook -> HTML)",
    )
    report.add_argument("--kecamatan", required=True, help="kecamatan name, e.g. Wotu")
    report.add_argument("--tahun", type=int, required=True, help="year, e.g. 2024")
    report.add_argument("--triwulan", type=int, required=True, choices=(1, 2, 3, 4))
    report.add_argument("--processed", type=Path, default=None, help="data/processed folder")
    report.add_argument("--out", type=Path, default=None, help="reports folder")
    report.add_argument("--force", action="store_true", help="rebuild even if unchanged")
    _add_kabupaten(report)

    batch = sub.add_parser(
        "batch",
        help="render every kecamatan's report for a quarter, the overview and the index",
    )
    batch.add_argument("--tahun", type=int, default=None, help="year (default: every year)")
    batch.add_argument(
        "--triwulan",
        type=int,
        default=None,
        choices=(1, 2, 3, 4),
        help="quarter (default: every quarter with data)",
    )
    batch.add_argument(
        "--kecamatan", action="append", default=None, help="limit to these (repeatable)"
    )
    batch.add_argument("--jobs", type=int, default=None, help="parallel worker processes")
    batch.add_argument("--processed", type=Path, default=None, help="data/processed folder")
    batch.add_argument("--out", type=Path, default=None, help="reports folder")
    batch.add_argument("--force", action="store_true", help="rebuild even if unchanged")
    batch.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    batch.add_argument(
        "--scheduler",
        default=None,
        help=(
            "address of a Dask distributed scheduler, e.g. tcp://host:8786: the reports run "
            "on its workers (default: penjadwal_dask in kinerja.toml, else this machine)"
        ),
    )

    from analysis.reports.quarter import add_parser as add_quarter

    add_quarter(sub)
    _add_kabupaten(batch)
    return parser


def _fill_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """Resolve the folder defaults against the project root at run time, not import time."""
    root = paths.project_root()
    for name, default in (
        ("raw", paths.raw_dir(root)),
        ("processed", paths.processed_dir(root)),
    ):
        if hasattr(args, name) and getattr(args, name) is None:
            setattr(args, name, default)
    if getattr(args, "out", "absent") is None:
        ingest = args.command == "ingest"
        args.out = paths.processed_dir(root) if ingest else paths.reports_dir(root)
    return args


def _recover_processed(args: argparse.Namespace) -> None:
    """Finish what a killed ingest left between its two renames, whatever runs now.

    Runs before the command checks its arguments, so a refused command recovers too.
    """
    from analysis import outputs

    folders = {paths.processed_dir(paths.project_root())}
    folders.add(Path(args.out if args.command == "ingest" else args.processed))
    for folder in sorted(folders):
        try:
            restored = outputs.recover(folder)
        except OSError:
            continue  # an unreadable place is reported by the command itself
        if restored:
            print(
                f"catatan: {folder} dipulihkan dari salinan sebelum ingest yang terputus",
                file=sys.stderr,
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m analysis``; returns the process exit code."""
    parser = build_parser()
    args = _fill_defaults(parser.parse_args(argv))
    _recover_processed(args)
    import os

    from analysis.region import ENV_VAR

    before = os.environ.get(ENV_VAR)
    try:
        with _terminated_as_exception(args.command == "ingest"):
            return _dispatch(args)
    except OSError as exc:  # an operational fault: one line naming the path, what to do
        from analysis.errors import os_error_text

        print(f"Galat: {os_error_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Galat: dihentikan (Ctrl-C); keluaran yang lama tetap utuh.", file=sys.stderr)
        return 130
    except Terminated as exc:
        print("Galat: dihentikan (SIGTERM); keluaran yang lama tetap utuh.", file=sys.stderr)
        return 128 + exc.signum
    finally:  # a --kabupaten of this call does not outlive it (in-process callers, tests)
        if before is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = before


class Terminated(BaseException):
    """SIGTERM during ``ingest``: unwinds like Ctrl-C, so temporary folders are removed
    (a ``BaseException``, so no ``except Exception`` on the way turns it into an error)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum


@contextlib.contextmanager
def _terminated_as_exception(active: bool) -> Iterator[None]:
    """While ``active``: SIGTERM raises :class:`Terminated` (``batch`` has its own)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop) if active else None
    except ValueError:  # not the main thread
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _configure_region(args: argparse.Namespace) -> str | None:
    """Set the regency of this run (``--kabupaten`` or the settings); a message if unknown.

    ``--kabupaten`` is passed on through the environment, so notebook kernels and worker
    processes of this run see the same regency.
    """
    import os

    from analysis import region
    from analysis.settings import load_settings

    if getattr(args, "kabupaten", None):
        os.environ[region.ENV_VAR] = args.kabupaten
    try:
        settings = load_settings(getattr(args, "config", None))
    except ValueError:
        settings = None  # the ingest reports a bad settings file itself
    try:
        region.current(settings)
    except (region.RegionError, ValueError) as exc:
        return str(exc)
    return None


def _dispatch(args: argparse.Namespace) -> int:
    problem = _configure_region(args)
    if problem:
        print(f"Galat: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.command == "ingest":
        from analysis.ingest.cache import skip_unchanged

        if skip_unchanged(args):
            return EXIT_OK
        from analysis.ingest.command import run_ingest_command

        return run_ingest_command(args)
    if args.command in {"report", "batch", "quarter"}:
        from analysis.startup import skip_slow_optional_imports

        skip_slow_optional_imports()
    if args.command == "report":
        from analysis.reports.runner import run_report_command

        return run_report_command(args)
    if args.command == "batch":
        from analysis.reports.runner import run_batch_command

        return run_batch_command(args)
    if args.command == "quarter":
        from analysis.reports.quarter import run_quarter_command

        return run_quarter_command(args)
    raise AssertionError(f"unknown command {args.command!r}")  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
