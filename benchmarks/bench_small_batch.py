"""Benchmark 8: the small batches a planner meets, and the same on a Dask cluster.

a. **4 reports**: one kecamatan re-run for its four quarters (``batch --kecamatan X
   --force`` into a fresh folder; the batch also renders the overview of each quarter it
   touches, so 4 reports + 4 overviews), against the naive loop (``papermill`` CLI then
   ``jupyter nbconvert --to html --no-input`` per notebook) over the same notebooks, in
   the same run.
b. **The same on Dask distributed**: ``batch --scheduler`` against a local Dask cluster
   of one worker process per core (``--nthreads 1``) started for the benchmark; its
   outputs are compared with the local pool's (every file, HTML without its timestamp).
c. **What ``make demo`` does once the venv exists**: ``ingest`` of the bundled
   ``data/raw`` into an empty folder, then ``batch`` of every report into an empty
   folder (a fresh clone has neither).

Wall seconds and the CPU seconds of the command and everything it started (workers,
kernels; ``RUSAGE_CHILDREN``); the load average after each step says how busy the
machine was.

Usage: ``python benchmarks/bench_small_batch.py`` (after ``bench_reports.py``, whose
synthetic data it reuses when present).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, WORK, machine_description, run, write_section
from bench_reports import QUARTERS, TAHUN, naive, prepare

STAMP = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}")
SVG_IDS = re.compile(r'(id="|url\(#|xlink:href="#)[^")]+')
"""Chart element ids: salted per kernel process (a counter of the charts it drew), so
they depend on which worker drew a report after which; compared without them."""


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall s, CPU s of the command and its descendants, its last output line)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = run(cmd, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    lines = (result.stdout + result.stderr).strip().splitlines()
    summary = [line for line in lines if line.startswith("Selesai")]  # not a note after it
    return wall, cpu, (summary or lines or [""])[-1]


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def batch_cmd(processed: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "analysis", "batch", "--tahun", str(TAHUN),
        "--processed", str(processed), "--out", str(out), "--no-progress", "--force", *extra,
    ]  # fmt: skip


def same_outputs(a: Path, b: Path) -> str:
    """'equal' or the first difference (HTML compared without its time of making)."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files != other:
        return f"different files: {sorted(set(map(str, files)) ^ set(map(str, other)))[:4]}"
    for rel in files:
        if rel.suffix == ".html":
            x = SVG_IDS.sub(r"\1", STAMP.sub("", (a / rel).read_text("utf-8")))
            y = SVG_IDS.sub(r"\1", STAMP.sub("", (b / rel).read_text("utf-8")))
            if x != y:
                return f"{rel} differs"
    return f"equal ({len(files)} files; HTML without its timestamp and chart element ids)"


def dask_cluster(workers: int) -> tuple[subprocess.Popen, list[subprocess.Popen], str]:
    """``dask scheduler`` and ``dask worker --nworkers N --nthreads 1`` on this machine."""
    bin_dir = Path(sys.executable).parent
    scheduler_file = WORK / "dask-scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    scheduler = subprocess.Popen(
        [str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
         "--no-dashboard", "--scheduler-file", str(scheduler_file)],
        **quiet,
    )  # fmt: skip
    for _ in range(300):
        if scheduler_file.exists() and scheduler_file.stat().st_size:
            break
        time.sleep(0.1)
    import json

    address = json.loads(scheduler_file.read_text())["address"]
    worker = subprocess.Popen(
        [str(bin_dir / "dask"), "worker", address, "--nworkers", str(workers),
         "--nthreads", "1", "--no-dashboard", "--memory-limit", "0"],
        **quiet,
    )  # fmt: skip
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(workers, timeout=120)
    return scheduler, [worker], address


def main() -> None:
    root = WORK / "reports_44"
    processed = root / "data" / "processed"
    if not (processed / "kinerja.parquet").exists():
        root, processed, names = prepare()
    else:
        from analysis import synthetic

        names = synthetic.synthetic_names(11)
    name = names[0]
    cores = os.cpu_count() or 1
    rows = []

    # a. one kecamatan, four quarters: batch vs the naive loop, same run
    out_local = root / "small-local"
    shutil.rmtree(out_local, ignore_errors=True)
    wall, cpu, line = timed(batch_cmd(processed, out_local, "--kecamatan", name))
    made = sorted(p for p in out_local.rglob("*.html") if p.name != "index.html")
    rows.append(("a", f"`batch --kecamatan {name}`", len(made), wall, cpu, load(), line))
    jobs: list[tuple[str, dict[str, object]]] = []
    for q in QUARTERS:
        jobs.append(
            (
                "laporan_kecamatan.ipynb",
                {"kecamatan": name, "tahun": TAHUN, "triwulan": q, "processed_dir": processed},
            )
        )
        jobs.append(
            (
                "ringkasan_kabupaten.ipynb",
                {"tahun": TAHUN, "triwulan": q, "processed_dir": processed},
            )
        )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    naive_s = naive(processed, root / "naive-small", jobs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    naive_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    rows.append(("a", "naive loop, same notebooks", len(jobs), sum(naive_s), naive_cpu, load(), ""))
    ratio_small = sum(naive_s) / wall

    # b. the same on a Dask cluster (one worker process per core)
    out_dask = root / "small-dask"
    shutil.rmtree(out_dask, ignore_errors=True)
    out_dask.mkdir(parents=True)
    cluster_cpu = children_cpu()
    scheduler, workers, address = dask_cluster(cores)
    try:
        d_wall, d_cpu, d_line = timed(
            batch_cmd(processed, out_dask, "--kecamatan", name, "--scheduler", address)
        )
    finally:
        for p in [*workers, scheduler]:
            p.terminate()
        for p in [*workers, scheduler]:
            p.wait(timeout=60)
    # the workers and their kernels are the cluster's processes, not the command's: their
    # CPU (start-up included) is counted once the cluster has stopped
    d_cpu = children_cpu() - cluster_cpu
    rows.append(
        ("b", f"`batch --kecamatan {name} --scheduler` ({cores} Dask workers; CPU: the "
         "command, scheduler and workers with their kernels)", len(made),
         d_wall, d_cpu, load(), d_line)
    )  # fmt: skip
    equal = same_outputs(out_local, out_dask)

    # c. make demo once the venv exists: ingest + batch of the bundled data, empty folders
    demo = WORK / "demo"
    shutil.rmtree(demo, ignore_errors=True)
    i_wall, i_cpu, _ = timed(
        [sys.executable, "-m", "analysis", "ingest", "--raw", str(ROOT / "data" / "raw"),
         "--out", str(demo / "processed")]
    )  # fmt: skip
    b_wall, b_cpu, b_line = timed(
        [sys.executable, "-m", "analysis", "batch", "--processed", str(demo / "processed"),
         "--out", str(demo / "reports"), "--no-progress"]
    )  # fmt: skip
    n_demo = sum(1 for p in (demo / "reports").rglob("*.html") if p.name != "index.html")
    rows.append(("c", "`ingest` (bundled data, empty folder)", 0, i_wall, i_cpu, load(), ""))
    rows.append(
        ("c", "`batch` (every report, empty folder)", n_demo, b_wall, b_cpu, load(), b_line)
    )
    demo_s = i_wall + b_wall

    lines = [
        "## 8. Small batches, Dask distributed, `make demo`",
        "",
        machine_description(),
        "",
        "Wall seconds, CPU seconds of the command and all it started (workers, kernels), and "
        "the 1-minute load average after the step (2 cores: above 2 the steps shared the "
        "machine with other work).",
        "",
        "| case | step | notebooks | wall s | CPU s | load | result |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {c} | {step} | {n or ''} | {w:.1f} | {cpu:.1f} | {ld} | {res.split('. Ind')[0]} |"
            for c, step, n, w, cpu, ld, res in rows
        ],
        "",
        f"a. 4 reports (with their 4 overviews) vs the naive loop: **{ratio_small:.1f}x** "
        f"(target >= 5x: {'met' if ratio_small >= 5 else 'MISSED'}).",
        f"b. Dask ({cores} workers on this machine) vs the local pool: {d_wall:.1f} s vs "
        f"{wall:.1f} s; outputs {equal}.",
        f"c. `make demo` after the venv exists (ingest + batch): **{demo_s:.1f} s** "
        f"(target <= 30 s: {'met' if demo_s <= 30 else 'MISSED'}).",
    ]
    write_section("small", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
