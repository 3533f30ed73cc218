"""Check that two code versions write the same processed tables for one raw folder.

``python benchmarks/compare_processed.py run ROOT OUT`` runs what ``python -m analysis
ingest`` runs (read and clean, then every table written as Parquet and, as
``tulis_csv = "auto"`` says, CSV) on ``ROOT/data/raw`` into ``OUT``, with whatever
``analysis`` package ``PYTHONPATH`` selects; ``... compare A B`` reads every Parquet
table of both folders back with pandas and checks they are equal (values, dtypes,
column order and the Arrow schema) and that every CSV is byte for byte the same.
Exit code 1 and the differences when they are not.

Used to check a speed change against main at 10 % of the national data (issue 25):
``PYTHONPATH=<main>/src python benchmarks/compare_processed.py run R /tmp/a``, the same
with the branch into ``/tmp/b`` (``--jobs 2``: read on two processes whatever the size),
then ``compare /tmp/a /tmp/b``.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path


def run(root: Path, out: Path, jobs: int | None = None) -> None:
    from analysis import storage
    from analysis.ingest.pipeline import ingest, iter_processed_tables
    from analysis.settings import DEFAULT_SETTINGS

    result = ingest(root / "data" / "raw", reference_dir=root / "data" / "reference", jobs=jobs)
    if result.errors:
        raise SystemExit(f"raw data did not ingest cleanly: {result.errors}")
    tables = iter_processed_tables(result, DEFAULT_SETTINGS)
    storage.write_tables(out, tables, csv=storage.CsvPolicy.of(DEFAULT_SETTINGS))


def compare(a: Path, b: Path) -> list[str]:
    import pandas as pd
    import pyarrow.parquet as pq

    problems: list[str] = []
    names_a = sorted(p.name for p in a.iterdir() if p.suffix in (".parquet", ".csv"))
    names_b = sorted(p.name for p in b.iterdir() if p.suffix in (".parquet", ".csv"))
    if names_a != names_b:
        problems.append(f"different files: {names_a} vs {names_b}")
    for name in sorted(set(names_a) & set(names_b)):
        pa_, pb_ = a / name, b / name
        if name.endswith(".csv"):
            if not filecmp.cmp(pa_, pb_, shallow=False):
                problems.append(f"{name}: CSV bytes differ")
            else:
                print(f"{name}: the same bytes")
            continue
        sa, sb = pq.read_schema(pa_), pq.read_schema(pb_)
        if not sa.remove_metadata().equals(sb.remove_metadata()):
            problems.append(f"{name}: Arrow schema differs:\n{sa}\nvs\n{sb}")
        fa, fb = pd.read_parquet(pa_), pd.read_parquet(pb_)
        try:
            pd.testing.assert_frame_equal(fa, fb, check_exact=True)
        except AssertionError as exc:
            problems.append(f"{name}: {exc}")
        else:
            print(f"{name}: equal ({len(fa):,} rows, {fa.shape[1]} columns)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("root", type=Path)
    r.add_argument("out", type=Path)
    r.add_argument("--jobs", type=int, help="processes reading the files (default: as ingest)")
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.root, args.out, args.jobs)
        return 0
    problems = compare(args.a, args.b)
    for p in problems:
        print(p, file=sys.stderr)
    print("SAME" if not problems else f"{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
