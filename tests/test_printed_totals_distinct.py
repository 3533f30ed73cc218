"""The printed-total labels of IKU rows are matched once per distinct label (issue 25);
the result is the per-row code's, kept below as it was."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.tables import printed_totals
from analysis.ingest.tables.printed_totals import _IN_INDICATOR, _KINDS, _LABEL

LABELS = [
    "Jumlah Capaian Realisasi Kinerja", "Rata-Rata Capaian Realisasi Kinerja", "rerata",
    "Total", "  jumlah :", "Jumlah dokumen perencanaan", "Persentase capaian", "Jumlahnya",
    "rata rata capaian", "", "1", "Indeks Kepuasan Masyarakat",
]  # fmt: skip


def _kind_before(text: pd.Series, pattern) -> pd.Series:
    out = pd.Series(pd.NA, index=text.index, dtype="object")
    s = text.astype("object").where(text.notna())
    filled = s.notna()
    if not filled.any():
        return out
    found = s[filled].astype(str).str.extract(pattern)
    for i, kind in enumerate(_KINDS):
        hit = found[f"k{i}"].notna()
        out.loc[hit[hit].index] = kind
    return out


@pytest.mark.parametrize("dtype", ["str", "object"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kind_as_per_row(dtype: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 3_000
    values = np.array(LABELS, dtype=object)[rng.integers(0, len(LABELS), n)]
    values[rng.random(n) < 0.2] = None
    if dtype == "object":
        values[rng.random(n) < 0.05] = 3.5
    text = pd.Series(values, dtype=dtype, index=np.arange(n) * 3 + 1)
    for pattern in (_LABEL, _IN_INDICATOR):
        got = printed_totals._kind(text, pattern)
        pd.testing.assert_series_equal(got, _kind_before(text, pattern))
        assert got.notna().any() and got.isna().any()


def test_no_label_at_all() -> None:
    text = pd.Series([None, None], dtype="str")
    pd.testing.assert_series_equal(printed_totals._kind(text, _LABEL), _kind_before(text, _LABEL))


def test_the_pattern_runs_once_per_distinct_label(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = printed_totals.factorized

    def spy(values):
        codes, uniques = real(values)
        seen.append(len(uniques))
        return codes, uniques

    monkeypatch.setattr(printed_totals, "factorized", spy)
    text = pd.Series(LABELS * 500, dtype="str")
    printed_totals._kind(text, _LABEL)
    assert seen == [len(set(LABELS))]
