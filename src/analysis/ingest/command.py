"""``python -m analysis ingest``: read the raw folder (:func:`analysis.ingest.pipeline.ingest`),
print every error in one list or write the processed tables atomically, stamp the run.

When any input is bad it exits 2 and leaves ``data/processed`` as it was (``--lenient``
writes the valid rows and ``ditolak.csv``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis import outputs, paths
from analysis.ingest.pipeline import ingest, iter_processed_tables
from analysis.ingest.rows import written as written_counts

EXIT_OK = 0


EXIT_BAD_INPUT = 2


def run_ingest_command(args: argparse.Namespace) -> int:
    """Ingest ``args.raw`` into ``args.out``; returns the exit code (0 ok, 2 bad input)."""
    from analysis import storage
    from analysis.settings import load_settings

    started = time.perf_counter()
    try:
        settings = load_settings(getattr(args, "config", None))
    except Exception as exc:
        print(f"kesalahan: file pengaturan tidak dapat dibaca: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    raw = Path(args.raw)
    out = Path(args.out)
    lenient = bool(getattr(args, "lenient", False))
    protected = (raw, paths.reference_dir(paths.project_root()))
    try:  # refuse a folder that is not ours before any work (checked again when writing)
        outputs.check_output_folder(out, outputs.PROCESSED, protected)
    except outputs.OutputFolderError as exc:
        print(f"kesalahan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from analysis.ingest import cache

    before = cache.snapshot(args)  # the inputs as they are before anything is read
    result = ingest(raw, settings=settings)
    for note in result.notes:
        print(f"catatan: {note}", file=sys.stderr)
    for finding in result.findings.items:
        if finding.jenis in {"encoding_latin1", "encoding_rusak"}:
            where = finding.sumber.split(":")[0]
            if finding.jenis == "encoding_rusak":
                where = f"{where} baris {finding.sumber.rsplit(':', 1)[-1]} kolom {finding.kolom}"
            print(f"peringatan: {where}: {finding.pesan}", file=sys.stderr)
    if result.errors and not lenient:
        print(str(result.errors), file=sys.stderr)
        print(
            f"data/processed tidak diubah ({out}); perbaiki kesalahan di atas atau jalankan "
            "dengan --lenient untuk menulis baris yang sah",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    cache.forget(out)

    counted = written_counts.Written()
    csv_copies = storage.CsvPolicy.of(settings)  # tulis_csv: which tables get a CSV

    lines: dict[int, tuple[str, str]] = {}  # findings -> (line, its time suffix)

    def summary_of(written: dict) -> str:
        # Asked twice (the stamp, then the log) with the same counts: the line is
        # composed once and only its time is renewed.
        n_findings = written.get("pemeriksaan", 0)
        seconds = time.perf_counter() - started
        suffix = f" ({seconds:.1f} d)"
        if n_findings in lines:
            line, old = lines[n_findings]
            return line[: -len(old)] + suffix
        line = written_counts.summary_line(
            result, counted, n_findings, seconds, notes=[csv_copies.note()]
        )
        if line.endswith(suffix):
            lines[n_findings] = (line, suffix)
        return line

    try:
        # each table is written as soon as it is computed, then released
        tables = written_counts.counting(
            iter_processed_tables(result, settings, lenient=lenient), counted
        )
        written = storage.write_tables(
            out,
            tables,
            protected=protected,
            before_swap=cache.stamper(args, before, summary_of),
            csv=csv_copies,
        )
    except storage.StorageError as exc:
        print(f"kesalahan saat menulis {out}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except storage.TablesFailed as exc:
        error = exc.original
        print(f"kesalahan saat menghitung metrik: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if result.errors:
        print(str(result.errors), file=sys.stderr)
        print(
            f"--lenient: {len(result.errors)} kesalahan, baris terkait ditulis ke ditolak.csv",
            file=sys.stderr,
        )
    print(summary_of(written))
    return EXIT_OK
