"""Benchmark 3: ingest + all metrics at national scale (7,277 kecamatan).

For 10 %, 50 % and 100 % of the country's kecamatan, synthetic raw data (two years,
~44 indicators per kecamatan-year, budgets per sub kegiatan, IKU per quarter; one CSV
per year and kind, as a provincial export) is generated once, then a fresh Python
process runs the real pipeline as ``python -m analysis ingest`` does — read and clean
(`analysis.ingest.pipeline.ingest`), then compute every table and write it as Parquet
and, as the default ``tulis_csv = "auto"`` says, CSV for every table that fits an Excel
sheet (`iter_processed_tables` -> `analysis.metrics.iter_tables`, fed to
`analysis.storage.write_tables`: each table written and released before the next is
computed, the folder swapped atomically at the end) — and reports its wall and CPU time
per stage and its peak resident memory. Targets: <= 20 s and <= 4 GB at 100 %, growing
linearly.

Usage: ``python benchmarks/bench_scale.py [--fractions 0.1 0.5 1.0]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import WORK, machine_description, write_section

NATIONAL = 7277
TARGET_SECONDS = 20.0
TARGET_GB = 4.0


def prepare(fraction: float) -> Path:
    """Generate (once) the raw folder of ``fraction`` of the national kecamatan."""
    from analysis import synthetic

    n = max(1, round(NATIONAL * fraction))
    root = WORK / f"scale_{n}"
    raw = root / "data" / "raw"
    if (root / ".complete").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    names = synthetic.synthetic_names(n)
    synthetic.write_reference(names, root / "data" / "reference")
    synthetic.generate_raw(raw, names, per_kecamatan=False, prefix="nasional")
    (root / ".complete").write_text("ok")
    return root


class _Timed:
    """The ``(name, table)`` pairs of ``pairs``, adding up the wall and CPU seconds spent
    producing them (the metrics); the rest of ``write_tables`` is the writing. Each table
    is written completely before the next is asked for, so no writer thread runs while
    a table is being computed and the process CPU clock counts the metrics alone.
    """

    def __init__(self, pairs) -> None:
        self.pairs, self.wall, self.cpu, self.rows = iter(pairs), 0.0, 0.0, {}

    def __iter__(self):
        while True:
            t, c = time.perf_counter(), time.process_time()
            try:
                name, table = next(self.pairs)
            except StopIteration:
                return
            finally:
                self.wall += time.perf_counter() - t
                self.cpu += time.process_time() - c
            self.rows[name] = len(table)
            yield name, table
            del table


def worker(root: Path) -> None:
    """Run in a fresh process: time each stage, print one JSON line.

    Runs what ``python -m analysis ingest`` runs: ``ingest``, then ``write_tables`` fed
    by ``iter_processed_tables`` (each table written and released before the next is
    computed), so metrics and writing alternate; their seconds are told apart by
    :class:`_Timed`.
    """
    t0 = time.perf_counter()
    from analysis import storage
    from analysis.ingest.pipeline import ingest, iter_processed_tables
    from analysis.settings import DEFAULT_SETTINGS

    t_import = time.perf_counter()
    c_import = time.process_time()
    result = ingest(root / "data" / "raw", reference_dir=root / "data" / "reference")
    if result.errors:
        raise SystemExit(f"synthetic data did not ingest cleanly: {result.errors}")
    t_read = time.perf_counter()
    c_read = time.process_time()
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the processes reading the files
    c_workers = workers.ru_utime + workers.ru_stime
    tables = _Timed(iter_processed_tables(result, DEFAULT_SETTINGS))
    csv = storage.CsvPolicy.of(DEFAULT_SETTINGS)  # as ingest: tulis_csv = "auto"
    storage.write_tables(root / "data" / "processed", tables, csv=csv)
    t_done = time.perf_counter()
    c_done = time.process_time()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "kecamatan": int(result.kinerja_wide["kecamatan"].nunique()),
                "indicator_rows": len(result.kinerja_wide),
                "kinerja_rows": tables.rows["kinerja"],
                "import_s": t_import - t0,
                "read_clean_s": t_read - t_import,
                "metrics_s": tables.wall,
                "write_s": t_done - t_read - tables.wall,
                "total_s": t_done - t_import,
                "read_clean_cpu": c_read - c_import + c_workers,
                "read_workers_cpu": c_workers,
                "metrics_cpu": tables.cpu,
                "write_cpu": c_done - c_read - tables.cpu,
                "total_cpu": c_done - c_import + c_workers,
                "load": os.getloadavg()[0],
                "peak_gb": peak_kib * 1024 / 1e9,
                "worker_peak_gb": workers.ru_maxrss * 1024 / 1e9,
                "no_csv": [name for name, _ in csv.skipped],
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.1, 0.5, 1.0])
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    rows = []
    for fraction in args.fractions:
        root = prepare(fraction)
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            sys.stderr.write(out.stdout + out.stderr)
            raise SystemExit(f"scale benchmark failed at {fraction:.0%}")
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        figures["fraction"] = fraction
        rows.append(figures)
        print(
            f"{fraction:>5.0%}: {figures['kecamatan']:>5} kecamatan, "
            f"{figures['kinerja_rows']:>9,} kinerja rows: "
            f"read+clean {figures['read_clean_s']:.1f} s, "
            f"metrics {figures['metrics_s']:.1f} s, write {figures['write_s']:.1f} s, "
            f"total {figures['total_s']:.1f} s (CPU {figures['total_cpu']:.1f} s, load "
            f"{figures['load']:.1f}), peak {figures['peak_gb']:.2f} GB "
            f"(a reading worker {figures['worker_peak_gb']:.2f} GB)",
            flush=True,
        )
    base = rows[0]
    lines = [
        "## 3. National scale: ingest + all metrics",
        "",
        machine_description(),
        "",
        "Wall seconds, and CPU seconds of the process (all its threads) and of the worker "
        "processes that read the files (`ingest` reads a few big files on both cores) in "
        "brackets: CPU "
        "does not depend on what else the machine runs; the load average is taken at the "
        "end of each run; with a load well above the 2 cores the wall seconds mostly measure "
        "the other jobs. As in `python -m analysis ingest`, metrics and writing alternate "
        "(each table is written and released before the next is computed); the metrics "
        "column adds up the seconds spent computing tables, the write column the rest. "
        'Parquet for every table; CSV as the default `tulis_csv = "auto"` says (none for a '
        "table of more than 1,048,575 rows, the last column). Peak GB: the main process; "
        "worker GB: the largest of the reading workers (two at a time, while the main "
        "process holds the rows already read).",
        "",
        "| share | kecamatan | indicator rows | kinerja rows | read+clean s | metrics s | write s "
        "| total s | s per 1,000 kecamatan | peak GB | worker GB | load | tables without CSV |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        per_k = r["total_s"] / r["kecamatan"] * 1000
        lines.append(
            f"| {r['fraction']:.0%} | {r['kecamatan']:,} | {r['indicator_rows']:,} | "
            f"{r['kinerja_rows']:,} | {r['read_clean_s']:.1f} ({r['read_clean_cpu']:.1f}) | "
            f"{r['metrics_s']:.1f} ({r['metrics_cpu']:.1f}) | "
            f"{r['write_s']:.1f} ({r['write_cpu']:.1f}) | "
            f"{r['total_s']:.1f} ({r['total_cpu']:.1f}) | {per_k:.2f} | {r['peak_gb']:.2f} | "
            f"{r['worker_peak_gb']:.2f} | "
            f"{r['load']:.1f} | {', '.join(r['no_csv']) or '-'} |"
        )
    full = rows[-1]
    growth = (full["total_s"] / base["total_s"]) / (full["kecamatan"] / base["kecamatan"])
    verdict_t = "met" if full["total_s"] <= TARGET_SECONDS else "MISSED"
    verdict_m = "met" if full["peak_gb"] <= TARGET_GB else "MISSED"
    lines += [
        "",
        f"Target <= {TARGET_SECONDS:.0f} s at 100 %: {verdict_t} ({full['total_s']:.1f} s wall, "
        f"{full['total_cpu']:.1f} CPU s, load {full['load']:.1f}). "
        f"Target <= {TARGET_GB:.0f} GB: {verdict_m} ({full['peak_gb']:.2f} GB). "
        f"Growth: time grew {growth:.2f}x as fast as the data from the smallest to the largest "
        "run (1.00 = linear).",
    ]
    write_section("scale", "\n".join(lines))


if __name__ == "__main__":
    main()
