"""The seeds' tables as printed - whole, with title lines, page-break repeats and notes
under the table - and how many of their printed figures read right (issue 19, item 4).

``tests/data/seed_tables/PRINTED.tsv`` names the cuts (seed file and lines, verbatim);
each seed's tables are ingested together, as in ``test_seed_tables``. ``FIGURES`` are the
figures the seeds print; ``NOT_YET`` are those that do not read right yet, each with the
reason - a strict xfail, so a fix that makes one read must move it out of the list.
``test_share_read_right`` states the measured share.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import seed_corpus
from ingest_helpers import run
from test_seed_tables import FIGURES as EXCERPT_FIGURES

TABLE = {"k": "kinerja_wide", "a": "anggaran_wide", "i": "iku_raw", "b": "bulanan"}
IZIN = r"perizinan non usaha$"

# the form as printed (seed 000 l.16-132) must give what its excerpts give
FIGURES: list[tuple[str, str, str, dict, str, float | None]] = [
    f for f in EXCERPT_FIGURES if f[0] == "000"
] + [
    # seed 003, Kepala Seksi Pelayanan Umum, monthly reports of TW I 2025
    ("003", "b", IZIN, {"bulan": 1}, "target", 3),  # l.299: 3 | 1 dokumen | Jan 33%
    ("003", "b", IZIN, {"bulan": 1}, "realisasi", 1),
    ("003", "b", IZIN, {"bulan": 1}, "capaian_dilaporkan", 33),
    ("003", "b", IZIN, {"bulan": 2}, "target", 3),  # l.498: 3 | 2 dokumen | Feb 66%
    ("003", "b", IZIN, {"bulan": 2}, "realisasi", 2),
    ("003", "b", IZIN, {"bulan": 2}, "capaian_dilaporkan", 66),
    ("003", "b", IZIN, {"bulan": 3}, "target", 3),  # l.704: 1 dokumen di bulan maret, ...
    ("003", "b", IZIN, {"bulan": 3}, "realisasi", 3),  # ... 3 dokumen untuk TW I | 100%
    ("003", "b", IZIN, {"bulan": 3}, "capaian_dilaporkan", 100),
    ("003", "b", IZIN, {"bulan": 1}, "anggaran", 423_300),  # l.319: 423.300 | 0 | 0 %
    ("003", "b", IZIN, {"bulan": 1}, "realisasi_anggaran", 0),
    ("003", "b", IZIN, {"bulan": 2}, "anggaran", 423_300),  # l.522
    ("003", "b", IZIN, {"bulan": 2}, "realisasi_anggaran", 0),
    ("003", "b", IZIN, {"bulan": 3}, "anggaran", 423_300),  # l.726: 423.300 | 423.300
    ("003", "b", IZIN, {"bulan": 3}, "realisasi_anggaran", 423_300),
]

NOT_YET: dict[tuple[str, str, str], str] = {}
"""(seed, pattern, column and keys) of figures that do not read right yet, and why:
41 of the 41 printed figures read right."""


def _key(f) -> tuple[str, str, str]:
    return (f[0], f[2], f"{f[4]} {sorted(f[3].items())}")


@cache
def ingested(seed: str, tmp: str):
    raw = Path(tmp) / f"printed{seed}" / "raw"
    for t in seed_corpus.manifest("PRINTED.tsv"):
        if t.seed[:3] == seed:
            seed_corpus.write(t, raw)
    return run(raw)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("printed"))


def check(result, table, pattern, keys, column, printed) -> str | None:
    frame = getattr(result, TABLE[table])
    name = frame["indikator"] if table == "i" else frame["uraian"]
    hit = name.fillna("").str.contains(pattern, flags=re.I, regex=True)
    for k, v in keys.items():
        hit &= pd.to_numeric(frame[k], errors="coerce").eq(v)
    rows = frame[hit]
    if len(rows) != 1:
        return f"{len(rows)} baris"
    value = pd.to_numeric(rows[column], errors="coerce").iloc[0]
    if printed is None:
        return None if pd.isna(value) else f"{value}"
    if pd.isna(value) or not math.isclose(value, printed, rel_tol=1e-9, abs_tol=1e-6):
        return f"{value}"
    return None


def test_cuts_are_the_seed_lines_verbatim() -> None:
    seeds = Path("/work/shared/seeds")
    if not seeds.is_dir():
        pytest.skip("seed files not on this machine")
    for t in seed_corpus.manifest("PRINTED.tsv"):
        lines = (seeds / t.seed).read_text(encoding="utf-8").split("\n")
        a, b = (int(x) for x in t.lines.split("-"))
        assert t.text == "\n".join(lines[a - 1 : b]) + "\n", t.name


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f[0]}-{f[2][:20]}-{f[4]}-{f[3]}")
def test_printed_figure_reads_right(figure, tmp_root: str, request) -> None:
    reason = NOT_YET.get(_key(figure))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    seed, table, pattern, keys, column, printed = figure
    assert check(ingested(seed, tmp_root), table, pattern, keys, column, printed) is None


def test_share_read_right(tmp_root: str) -> None:
    right = sum(check(ingested(f[0], tmp_root), *f[1:]) is None for f in FIGURES)
    assert right == len(FIGURES) - len(NOT_YET)
