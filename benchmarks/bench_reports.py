"""Benchmarks 1, 2 and 4: the quarterly batch, reruns, and report sizes.

1. Reports: 44 reports (the 11 kecamatan of Luwu Timur x 4 quarters, synthetic figures in
   the bundled data's formats, since the bundled data has only three kecamatan) plus the
   regency overview of each quarter, rendered by ``python -m analysis batch --force``,
   against the naive way — ``papermill`` CLI then ``jupyter nbconvert --to html
   --no-input`` per notebook — on the same processed inputs, timed in the same run.
   The naive loop costs ~10 s a notebook, so by default it runs on a sample of
   ``--naive-sample`` notebooks spread over the quarters and its total is the sample's
   mean times the job count (``--naive-sample 0`` runs all of them).
2. Rerun: ``batch`` again with nothing changed (target < 2 s); then after one
   kecamatan's raw file changed (re-ingest, then batch).
4. Report size: every HTML written, against the 1.5 MB limit.

Usage: ``python benchmarks/bench_reports.py [--naive-sample 8] [--jobs N]``
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, WORK, machine_description, run, timer, write_section

TAHUN = 2024
QUARTERS = (1, 2, 3, 4)
LIMIT_BYTES = 1_500_000


def ingest(root: Path, processed: Path) -> None:
    """``python -m analysis ingest`` of the benchmark's raw folder, as a planner runs it."""
    run(
        [
            sys.executable,
            "-m",
            "analysis",
            "ingest",
            "--raw",
            str(root / "data" / "raw"),
            "--out",
            str(processed),
        ]
    )


def prepare() -> tuple[Path, Path, list[str]]:
    """Synthetic raw data for the 11 kecamatan, ingested; returns (root, processed, names)."""
    from analysis import synthetic

    root = WORK / "reports_44"
    shutil.rmtree(root, ignore_errors=True)
    names = synthetic.synthetic_names(11)
    synthetic.write_reference(names, root / "data" / "reference")
    synthetic.generate_raw(root / "data" / "raw", names, tahun=(TAHUN,), seed=44)
    processed = root / "data" / "processed"
    ingest(root, processed)
    return root, processed, names


def children_cpu() -> float:
    """CPU seconds of every finished child process (and theirs: workers, kernels)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def batch(processed: Path, out: Path, *extra: str) -> tuple[float, str]:
    """Run ``analysis batch`` for the year; returns (seconds, its last output line)."""
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "batch",
        "--tahun",
        str(TAHUN),
        "--processed",
        str(processed),
        "--out",
        str(out),
        "--no-progress",
        *extra,
    ]
    with timer() as t:
        result = run(cmd)
    lines = (result.stdout + result.stderr).strip().splitlines()
    last = lines[-1] if lines else ""
    # "Selesai dalam 0.6 detik: 0 dibuat, 48 tidak berubah (dilewati), 0 gagal. Indeks: ..."
    return t["s"], last.split(": ", 1)[-1].split(". Indeks")[0]


def naive(processed: Path, out: Path, jobs: list[tuple[str, dict[str, object]]]) -> list[float]:
    """papermill CLI + nbconvert CLI per notebook; returns the seconds of each."""
    out.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    seconds = []
    for i, (notebook, params) in enumerate(jobs):
        target = out / f"naive_{i}.ipynb"
        cmd = [
            str(bin_dir / "papermill"),
            str(ROOT / "notebooks" / notebook),
            str(target),
            "--no-progress-bar",
            "--log-level",
            "ERROR",
        ]
        for key, value in params.items():
            cmd += ["-p", key, str(value)]
        with timer() as t:
            run(cmd)
            run([str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)])
        seconds.append(t["s"])
    return seconds


def touch_one_kecamatan(root: Path) -> str:
    """Change one realisasi in Angkona's raw file, as a correction from the office would."""
    path = root / "data" / "raw" / f"angkona_{TAHUN}_kinerja.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    col = header.index("realisasi_tw2")
    cells = lines[3].split(";")
    cells[col] = f"{float(cells[col] or 0) + 1:g}"  # one more than reported: a real change
    lines[3] = ";".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive-sample", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    jobs_flag = ["--jobs", str(args.jobs)] if args.jobs else []

    root, processed, names = prepare()
    out = root / "reports"
    cpu_before = children_cpu()
    cold_s, cold_line = batch(processed, out, "--force", *jobs_flag)
    cold_cpu, cold_load = children_cpu() - cpu_before, os.getloadavg()[0]
    html = sorted(p for p in out.rglob("*.html") if p.name != "index.html")
    n_reports = sum(1 for p in html if p.stem != "ringkasan-kabupaten")
    n_overview = len(html) - n_reports
    print(f"batch (cold, --force): {len(html)} notebooks in {cold_s:.1f} s — {cold_line}")

    jobs: list[tuple[str, dict[str, object]]] = []
    for q in QUARTERS:
        for name in names:
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
    sample = jobs
    if 0 < args.naive_sample < len(jobs):
        step = len(jobs) / args.naive_sample
        sample = [jobs[int(i * step)] for i in range(args.naive_sample)]
    cpu_before = children_cpu()
    naive_s = naive(processed, root / "naive", sample)
    naive_cpu, naive_load = children_cpu() - cpu_before, os.getloadavg()[0]
    per_naive = statistics.mean(naive_s)
    naive_total = per_naive * len(jobs)
    ratio = naive_total / cold_s
    how = "all" if len(sample) == len(jobs) else f"a sample of {len(sample)}, mean x {len(jobs)}"
    print(
        f"naive loop: {per_naive:.1f} s per notebook ({how}) -> {naive_total:.0f} s; "
        f"batch is {ratio:.1f}x faster"
    )

    rerun_s, rerun_line = batch(processed, out, *jobs_flag)
    print(f"rerun, nothing changed: {rerun_s:.2f} s — {rerun_line}")

    changed = touch_one_kecamatan(root)
    with timer() as t_ingest:
        ingest(root, processed)
    changed_s, changed_line = batch(processed, out, *jobs_flag)
    print(
        f"after changing {changed}: ingest {t_ingest['s']:.1f} s, batch {changed_s:.1f} s — "
        f"{changed_line}"
    )

    sizes = [p.stat().st_size for p in html]
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    print(
        f"report sizes: min {min(sizes) / 1e3:.0f} kB, median "
        f"{statistics.median(sizes) / 1e3:.0f} kB, max {max(sizes) / 1e3:.0f} kB "
        f"({len(manifest.get('laporan', {}))} in the manifest)"
    )

    over = [p for p, s in zip(html, sizes, strict=True) if s > LIMIT_BYTES]
    lines = [
        "## 1, 2, 4. Quarterly batch, reruns, report size",
        "",
        machine_description(),
        "",
        f"Data: the 11 kecamatan of Luwu Timur, {TAHUN}, synthetic figures (seed 44) in the "
        f"bundled formats; {n_reports} kecamatan reports + {n_overview} overviews = "
        f"{len(html)} notebooks.",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| `batch --force`, cold | {cold_s:.1f} s ({cold_s / len(html):.2f} s per notebook); "
        f"{cold_cpu:.0f} CPU s; load {cold_load:.1f} | |",
        f"| naive loop (papermill CLI + nbconvert CLI per notebook; {how}) | "
        f"{per_naive:.1f} s per notebook, {naive_total:.0f} s in all; "
        f"{naive_cpu / len(sample):.1f} CPU s per notebook; load {naive_load:.1f} | |",
        f"| speed-up | {ratio:.1f}x wall; "
        f"{naive_cpu / len(sample) * len(jobs) / max(cold_cpu, 1e-9):.1f}x CPU | "
        f">= 15x: {'met' if ratio >= 15 else 'MISSED'} |",
        f"| rerun, nothing changed | {rerun_s:.2f} s | < 2 s: "
        f"{'met' if rerun_s < 2 else 'MISSED'} |",
        f"| one kecamatan's raw file changed: ingest | {t_ingest['s']:.1f} s | |",
        f"| one kecamatan's raw file changed: batch | {changed_s:.1f} s ({changed_line}) | |",
        f"| report size (HTML) | min {min(sizes) / 1e3:.0f} kB, median "
        f"{statistics.median(sizes) / 1e3:.0f} kB, max {max(sizes) / 1e3:.0f} kB | <= 1.5 MB: "
        f"{'met' if not over else f'MISSED ({len(over)} over)'} |",
    ]
    write_section("reports", "\n".join(lines))


if __name__ == "__main__":
    main()
