"""``make bench``: every benchmark, in order, each writing its section of results.md.

1, 2, 4 (reports, reruns, sizes): ``bench_reports.py``; 8 (4 reports, Dask, ``make
demo``): ``bench_small_batch.py``; 3 (national scale):
``bench_scale.py``; 5 (891 small .xlsx files vs a pandas ``read_excel`` loop, and the
unchanged-input rerun): ``bench_files.py``; 6 (a ~60-page PDF report, needs
LibreOffice to make it): ``bench_pdf.py``; 7 (the bundled data, ``ingest --force`` vs
opening its files with pandas): ``bench_bundled.py``. Budget: under 10 minutes on the
2-core reference machine.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "bench_reports.py",
    "bench_small_batch.py",
    "bench_scale.py",
    "bench_files.py",
    "bench_pdf.py",
    "bench_bundled.py",
)


def main() -> int:
    started = time.perf_counter()
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        code = subprocess.call([sys.executable, str(HERE / script)])
        if code != 0:
            print(f"{script} failed with exit code {code}", file=sys.stderr)
            return code
    print(
        f"== all benchmarks done in {time.perf_counter() - started:.0f} s; "
        f"figures in {HERE / 'results.md'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
