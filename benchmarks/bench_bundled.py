"""Benchmark 7: the bundled data - what a planner waits for after correcting one file.

``python -m analysis ingest --force`` on the bundled ``data/raw`` (14 files: 12 CSV, one
``.xlsx`` form and one Word chapter, of three kecamatan), each run a fresh process, against
what a user does otherwise in the same run: a fresh Python process that imports pandas and
opens the 13 table files pandas can open (not the Word chapter) with pandas (``read_csv``
with the separator sniffed, ``read_excel`` of every sheet) - no recognition, no cleaning,
no metrics, nothing written.

The two are run alternately, ``RUNS`` times each after one warm-up of each (the warm-up
writes the byte-code caches a user's installation has), so both meet the same load.
Wall and CPU seconds (user + system of the process and its children) are reported as the
minimum and the median; on a shared machine the minimum is the closest to the cost of
the work itself. One more fresh process times the stages of the command in-process
(imports, ``ingest()``, metrics, writing) to show where the seconds go.

Target (issue 25, item 3): ``ingest --force`` of the bundled data within 1.5 s.

Usage: ``python benchmarks/bench_bundled.py [--runs N] [--src DIR] [--no-write]``
(``--src`` times another checkout's ``src``, e.g. main's, without writing results.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, WORK, machine_description, write_section

RUNS = 7
TARGET_S = 1.5
RAW = ROOT / "data" / "raw"

PANDAS_OPEN = """
import sys
from pathlib import Path
import pandas as pd
for path in sorted(Path(sys.argv[1]).iterdir()):
    if path.suffix == ".csv":
        pd.read_csv(path, sep=None, engine="python")
    elif path.suffix in {".xlsx", ".xlsm"}:
        pd.read_excel(path, sheet_name=None)
"""

STAGES = """
import json, sys, time
t0 = time.process_time()
from pathlib import Path
from analysis import storage
from analysis.ingest.pipeline import ingest, iter_processed_tables
from analysis.settings import load_settings
t1 = time.process_time()
settings = load_settings(None)
result = ingest(Path(sys.argv[1]), settings=settings)
t2 = time.process_time()
tables = list(iter_processed_tables(result, settings))
t3 = time.process_time()
storage.write_tables(Path(sys.argv[2]), iter(tables))
t4 = time.process_time()
print(json.dumps({"imports": t1 - t0, "ingest()": t2 - t1, "metrics": t3 - t2,
                  "writing": t4 - t3}))
"""


def _env(src: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's installation keeps byte code
    return env


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child process and its children, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"benchmark step failed ({out.returncode}): {' '.join(cmd)}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, out.stdout


def measure(src: Path, runs: int) -> dict[str, object]:
    env = _env(src)
    out_dir = WORK / "bundled_ingest"
    ingest_cmd = [sys.executable, "-m", "analysis", "ingest", "--raw", str(RAW)]
    ingest_cmd += ["--out", str(out_dir), "--force"]
    pandas_cmd = [sys.executable, "-c", PANDAS_OPEN, str(RAW)]
    samples: dict[str, list[tuple[float, float]]] = {"pandas": [], "ingest": []}
    for i in range(runs + 1):
        for name, cmd in (("pandas", pandas_cmd), ("ingest", ingest_cmd)):
            wall, cpu, _ = timed(cmd, env)
            if i:  # the first round writes byte code and warms the page cache
                samples[name].append((wall, cpu))
            print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    stage_out = WORK / "bundled_stages"
    shutil.rmtree(stage_out, ignore_errors=True)
    _, _, text = timed([sys.executable, "-c", STAGES, str(RAW), str(stage_out)], env)
    return {"samples": samples, "stages": json.loads(text.strip().splitlines()[-1])}


def _summary(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    found = measure(args.src.resolve(), args.runs)
    samples = found["samples"]
    stages = found["stages"]
    pandas_wall = [w for w, _ in samples["pandas"]]
    pandas_cpu = [c for _, c in samples["pandas"]]
    ingest_wall = [w for w, _ in samples["ingest"]]
    ingest_cpu = [c for _, c in samples["ingest"]]
    load = os.getloadavg()[0]
    verdict_cpu = "met" if min(ingest_cpu) <= TARGET_S else "MISSED"
    verdict_wall = "met" if min(ingest_wall) <= TARGET_S else "MISSED"
    stage_text = ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
    print(f"stages (CPU s): {stage_text}; load {load:.1f}")
    if args.no_write:
        return
    body = "\n".join(
        [
            "## 7. Bundled data: `ingest --force` of `data/raw` (14 files)",
            "",
            machine_description(),
            f"- load average (1 min) at the end of the run: {load:.1f}",
            "",
            f"Each figure is min / median of {args.runs} fresh processes, run alternately "
            "after one warm-up of each (byte code written, as in a user's installation). "
            "The baseline is what a user does otherwise: a fresh Python that imports "
            "pandas and opens the 13 table files (not the Word chapter, which pandas cannot "
            "read) with `read_csv` (separator sniffed) and "
            "`read_excel` - nothing recognised, cleaned, computed or written.",
            "",
            "| measure | wall s (min / median) | CPU s (min / median) | target |",
            "|---|---|---|---|",
            f"| baseline: import pandas, open the 13 table files | {_summary(pandas_wall)} "
            f"| {_summary(pandas_cpu)} | |",
            f"| `python -m analysis ingest --force` (read, recognise, clean, metrics, "
            f"write) | {_summary(ingest_wall)} | {_summary(ingest_cpu)} "
            f"| <= {TARGET_S} s: CPU {verdict_cpu}, wall {verdict_wall} |",
            f"| ingest / baseline (min) | {min(ingest_wall) / min(pandas_wall):.1f}x "
            f"| {min(ingest_cpu) / min(pandas_cpu):.1f}x | |",
            "",
            f"Where the CPU seconds of one more fresh process go: {stage_text}.",
        ]
    )
    write_section("bundled", body)


if __name__ == "__main__":
    main()
