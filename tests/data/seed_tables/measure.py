"""Measure the seed corpus: each table alone and each seed's tables together.

``PYTHONPATH=src:tests python tests/data/seed_tables/measure.py`` prints, per table, the
errors it gives ingested alone; per seed, the errors of its tables ingested together; and
how many of the printed figures of ``tests/test_seed_tables.py`` come out right.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import seed_corpus
from ingest_helpers import run
from test_seed_tables import FIGURES, check


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    clean = 0
    tables = seed_corpus.manifest()
    for t in tables:
        raw = tmp / t.name / "raw"
        seed_corpus.write(t, raw)
        result = run(raw)
        clean += not result.errors
        print(f"{t.name:22} {t.file:36} errors {len(result.errors)}")
    print(f"tables read without error, alone: {clean} of {len(tables)}")
    right = 0
    for seed in sorted({t.seed[:3] for t in tables}):
        raw = tmp / f"seed{seed}" / "raw"
        seed_corpus.write_all(raw, seeds={seed})
        result = run(raw)
        mine = [f for f in FIGURES if f[0] == seed]
        wrong = [f for f in mine if check(result, *f[1:]) is not None]
        right += len(mine) - len(wrong)
        n_right = len(mine) - len(wrong)
        print(f"seed {seed}: errors {len(result.errors)}, figures right {n_right}/{len(mine)}")
        for f in wrong:
            print("   wrong:", f, check(result, *f[1:]))
    print(f"printed figures right: {right} of {len(FIGURES)}")


if __name__ == "__main__":
    main()
