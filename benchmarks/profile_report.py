"""Where one kecamatan report's CPU time goes in its kernel (issue 25).

Runs the code cells of ``notebooks/laporan_kecamatan.ipynb`` in one IPython shell, as the
worker's warm kernel runs them (display formatting included: that is where a chart's
SVG and PNG are made), then writes the report's workbook and Word draft from those
outputs as the kernel does (:func:`analysis.reports.office.tulis_untuk`). Every phase of
every chart is timed on the CPU clock: building the figure, its layout and tight box,
the SVG, the PNG. Rounds after the first are the warm kernel's case (imports, fonts and
the processed tables' cache already paid); the first round is reported apart.

Usage: ``python benchmarks/profile_report.py PROCESSED KECAMATAN [--tahun 2024]
[--triwulan 4] [--rounds 4] [--cprofile out.prof]``
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "laporan_kecamatan.ipynb"

CHARTS = ("capaian_per_program", "kuadran", "tren_triwulan", "banding_tahun", "riwayat_iku")


class Clock:
    """CPU seconds per (chart, phase) and per phase, summed over one round."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], float] = defaultdict(float)
        self.chart = "-"

    @contextmanager
    def phase(self, name: str):
        start = time.process_time()
        try:
            yield
        finally:
            self.rows[(self.chart, name)] += time.process_time() - start


def instrument(clock: Clock) -> None:
    """Wrap the chart builders and ``gambar``'s steps with the clock."""
    import matplotlib.figure

    from analysis.reports import chart_file, charts

    for name in CHARTS:
        real = getattr(charts, name)

        def built(*args, _real=real, _name=name, **kwargs):
            clock.chart = _name
            with clock.phase("build"):
                return _real(*args, **kwargs)

        setattr(charts, name, built)
    real_gambar = charts.gambar

    def timed_gambar(*args, **kwargs):
        with clock.phase("gambar (all)"):
            return real_gambar(*args, **kwargs)

    charts.gambar = timed_gambar
    if hasattr(chart_file, "_batas_ketat"):  # the gambar() above calls this module's
        real_box = chart_file._batas_ketat

        def timed_box(fig):
            with clock.phase("layout + tight box"):
                return real_box(fig)

        chart_file._batas_ketat = timed_box
    real_savefig = matplotlib.figure.Figure.savefig

    def timed_savefig(self, fname, *args, **kwargs):
        with clock.phase(f"savefig {kwargs.get('format', '?')}"):
            return real_savefig(self, fname, *args, **kwargs)

    matplotlib.figure.Figure.savefig = timed_savefig


def cells(kecamatan: str, tahun: int, triwulan: int, processed: str) -> list[tuple[str, str]]:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "parameters" in cell["metadata"].get("tags", []):
            source = (
                f"kecamatan = {kecamatan!r}\ntahun = {tahun}\ntriwulan = {triwulan}\n"
                f"processed_dir = {processed!r}"
            )
        out.append((cell["cell_type"], source))
    return out


def one_round(shell, clock: Clock, plan, parameter, html: Path) -> dict[str, float]:
    """Run the cells, format their results, write the office files; CPU s per part."""
    from analysis.reports import office

    parts: dict[str, float] = {}
    start = time.process_time()
    nb_cells = []
    for kind, source in plan:
        if kind != "code":
            nb_cells.append({"cell_type": kind, "source": source, "outputs": []})
            continue
        clock.chart = "-"
        result = shell.run_cell(source, store_history=False)
        result.raise_error()
        outputs = []
        if result.result is not None:
            with clock.phase("display formatting"):
                data, meta = shell.display_formatter.format(result.result)
            data = {
                k: base64.b64encode(v).decode() if isinstance(v, bytes) else v
                for k, v in data.items()
            }
            outputs.append({"output_type": "execute_result", "data": data, "metadata": meta})
        nb_cells.append({"cell_type": "code", "source": source, "outputs": outputs})
    parts["notebook cells"] = time.process_time() - start
    start = time.process_time()
    office.tulis_untuk("laporan", parameter, html, {"cells": nb_cells})
    parts[".xlsx + .docx"] = time.process_time() - start
    shell.run_line_magic("reset", "-f")
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processed")
    parser.add_argument("kecamatan")
    parser.add_argument("--tahun", type=int, default=2024)
    parser.add_argument("--triwulan", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--cprofile", help="write a cProfile of the warm rounds here")
    parser.add_argument(
        "--compare-agg",
        action="store_true",
        help="alternate rounds: the PNG rasterised from the SVG, and drawn again with Agg",
    )
    args = parser.parse_args()

    from IPython.core.interactiveshell import InteractiveShell

    start = time.process_time()
    shell = InteractiveShell.instance()
    shell.display_formatter.active_types = ["text/plain", "text/html", "image/svg+xml", "image/png"]
    import analysis.reports.charts  # noqa: F401  (what the first cell imports)

    imports = time.process_time() - start
    clock = Clock()
    instrument(clock)
    plan = cells(args.kecamatan, args.tahun, args.triwulan, args.processed)
    parameter = {
        "kecamatan": args.kecamatan,
        "tahun": args.tahun,
        "triwulan": args.triwulan,
        "processed_dir": args.processed,
    }
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    rounds = []
    agg_rounds = []
    from analysis.reports import raster

    libs = raster._libs
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "laporan.html"
        for i in range(args.rounds):
            clock.rows.clear()
            agg = args.compare_agg and i % 2 == 1
            raster._libs = (lambda: None) if agg else libs
            if profiler is not None and i > 0:
                profiler.enable()
            parts = one_round(shell, clock, plan, parameter, html)
            if profiler is not None:
                profiler.disable()
            (agg_rounds if agg else rounds).append((parts, dict(clock.rows)))
    if profiler is not None:
        profiler.dump_stats(args.cprofile)

    print(f"imports (IPython shell, analysis.reports.charts): {imports:.2f} CPU s")
    report(rounds, "PNG from the SVG" if raster.tersedia() else "PNG drawn with Agg")
    if agg_rounds:
        report([({}, {}), *agg_rounds], "PNG drawn again with Agg (alternate rounds)")


def report(rounds, title: str) -> None:
    print(f"== {title}")
    first, warm = rounds[0], rounds[1:] or rounds
    if first[0]:
        print("round 1 (cold): " + ", ".join(f"{k} {v:.2f}" for k, v in first[0].items()))
    print(f"warm rounds ({len(warm)}), mean CPU s:")
    for key in warm[0][0]:
        print(f"  {key}: {statistics.mean(r[0][key] for r in warm):.3f}")
    keys = sorted({k for r in warm for k in r[1]})
    print("per chart and phase, mean CPU ms of the warm rounds:")
    for key in keys:
        value = statistics.mean(r[1].get(key, 0.0) for r in warm) * 1000
        print(f"  {key[0]:22} {key[1]:20} {value:7.1f}")
    totals: dict[str, float] = defaultdict(float)
    for key in keys:
        totals[key[1]] += statistics.mean(r[1].get(key, 0.0) for r in warm) * 1000
    print("per phase, all charts: " + ", ".join(f"{k} {v:.0f} ms" for k, v in totals.items()))


if __name__ == "__main__":
    sys.exit(main())
