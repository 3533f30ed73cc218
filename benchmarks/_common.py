"""Shared helpers of the benchmark scripts: the machine's description and results.md.

Each benchmark script owns one section of ``benchmarks/results.md`` (between
``<!-- name:start -->`` and ``<!-- name:end -->``), so scripts can be re-run one at a
time without erasing the others' figures.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.md"
WORK = ROOT / "benchmarks" / "_work"
LIBRARIES = ("pandas", "numpy", "pyarrow", "papermill", "nbconvert", "nbclient", "matplotlib")


def machine_description() -> str:
    """Cores, memory, CPU model, Python and library versions, as one Markdown list."""
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in LIBRARIES)
    return "\n".join(
        [
            f"- cores: {os.cpu_count()} ({cpu})",
            f"- memory: {mem_gib:.1f} GiB",
            f"- OS: {platform.platform()}",
            f"- Python {platform.python_version()}; {versions}",
        ]
    )


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section ``name`` of results.md with ``body``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    RESULTS.write_text(text, encoding="utf-8")


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    """``with timer() as t: ...`` then ``t["s"]`` holds the wall-clock seconds."""
    out: dict[str, float] = {}
    start = time.perf_counter()
    try:
        yield out
    finally:
        out["s"] = time.perf_counter() - start


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root, failing loudly with its output."""
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"benchmark step failed ({result.returncode}): {' '.join(cmd)}")
    return result
