"""Cut the seed tables named in MANIFEST.tsv into ``<table>.txt``, lines unchanged.

Run once by hand (the seeds live outside the repository):
``python tests/data/seed_tables/cut.py /work/shared/seeds``. Each output file holds the
seed lines of its ranges exactly as they are (tabs, blanks, markup and all).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(seeds: Path) -> None:
    for line in (HERE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        table, seed, ranges, _form, _file = line.split("\t")
        source = (seeds / seed).read_text(encoding="utf-8").split("\n")
        out: list[str] = []
        for part in ranges.split(","):
            first, last = (int(x) for x in part.split("-"))
            out.extend(source[first - 1 : last])
        (HERE / f"{table}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
