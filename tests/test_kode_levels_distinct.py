"""check_kode_levels counts the parts of each distinct kode once (issue 25: 1.1M coded
rows hold a few hundred kode at national scale); its errors are those of the per-row
count it replaced, kept below."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import ErrorList
from analysis.ingest.rows import kode_checks
from analysis.ingest.rows.kode_checks import MAX_KODE_PARTS, check_kode_levels

KODES = [
    "7.01.01", "7.01.01.2.01", "7.01.01.2.01.01", "7.1.1.2.01.05.02",
    "7.01.01.2.01.01.5.1.2", "7.01.01.2.01.01.5", "7", "x.y", None,
]  # fmt: skip
LEVELS = ["program", "kegiatan", "sub kegiatan", "rekening", "total", None]


def _rows(seed: int, n: int = 2_000) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kode = np.array(KODES, dtype=object)[rng.integers(0, len(KODES), n)]
    tingkat = np.array(LEVELS, dtype=object)[rng.integers(0, len(LEVELS), n)]
    return pd.DataFrame(
        {
            "kecamatan": pd.Series(rng.choice(["Wotu", "Burau"], n), dtype="str"),
            "tahun": pd.array(rng.choice([2024, 2025], n), dtype="Int64"),
            "kode": pd.Series(kode, dtype="str"),
            "tingkat": pd.Series(tingkat, dtype="str"),
            "sumber": pd.Series([f"f{i % 3}.csv:Data:{i + 2}" for i in range(n)], dtype="str"),
        },
        index=np.arange(n) * 2 + 5,
    )


def _long_kode_rows_before(rows: pd.DataFrame) -> list[tuple[str, int]]:
    """The rows the per-row count of before issue 25 flagged: (sumber, parts)."""
    coded = rows[rows["kode"].notna() & ~rows["tingkat"].isin(kode_checks.NOT_ENTITIES)]
    parts = coded["kode"].astype("str").str.count(r"\.") + 1
    long = parts > MAX_KODE_PARTS
    return list(zip(coded.loc[long, "sumber"], parts[long].astype(int), strict=True))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kode_levels_as_with_a_count_per_row(seed: int) -> None:
    rows = _rows(seed)
    errors = ErrorList()
    check_kode_levels(rows, errors)
    long = [e for e in errors if "bagian; kode sub kegiatan" in str(e)]
    expected = _long_kode_rows_before(rows)
    assert expected, "the sample holds kode longer than a sub kegiatan's"
    assert [(f"{e.file}:{e.sheet}:{e.row}", e.value) for e in long] == [
        (s, "7.01.01.2.01.01.5.1.2") for s, _ in expected
    ]
    assert all(
        f"terdiri dari {n} bagian" in str(e) for e, (_, n) in zip(long, expected, strict=True)
    )
    assert any("satu kode satu tingkat" in str(e) for e in errors)


def test_the_parts_are_counted_once_per_distinct_kode(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = kode_checks.per_distinct

    def spy(values, rule):
        return real(values, lambda u: (seen.append(len(u)), rule(u))[1])

    monkeypatch.setattr(kode_checks, "per_distinct", spy)
    rows = _rows(4, n=5_000)
    check_kode_levels(rows, ErrorList())
    assert seen and max(seen) <= len(KODES) - 1
