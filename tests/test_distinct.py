"""Text rules run once per distinct value give what they give run on every row
(analysis.distinct, issue 25: identity text cleaned once per distinct value)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.distinct import factorized, per_distinct, per_distinct_mask


def _cells(dtype: str, n: int = 2_000, seed: int = 3) -> pd.Series:
    rng = np.random.default_rng(seed)
    pool = np.array(
        [" Wotu ", "WOTU", "n/a", "Tidak  ada", "1.234,5", "Jan 33%", '=HYPERLINK("u")', "", "  "],
        dtype=object,
    )
    values = pool[rng.integers(0, len(pool), n)].astype(object)
    values[rng.random(n) < 0.2] = None
    if dtype == "object":
        values[rng.random(n) < 0.05] = 1.5  # a number among the texts
    return pd.Series(values, dtype=dtype, index=np.arange(n) * 3)


def _normal(text: pd.Series) -> pd.Series:
    return text.str.lower().str.replace(r"[\s*_]+", " ", regex=True).str.strip()


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_per_distinct_is_the_rule_on_every_row(dtype: str) -> None:
    cells = _cells(dtype)
    text = cells.astype("str").where(cells.notna())
    pd.testing.assert_series_equal(per_distinct(text, _normal), _normal(text))


@pytest.mark.parametrize("dtype", ["str", "object"])
@pytest.mark.parametrize("might", [None, "[A-Za-z]"])
def test_per_distinct_mask_is_the_test_on_every_row(dtype: str, might: str | None) -> None:
    cells = _cells(dtype)
    pattern = r"(?i)^\s*(?:n\s*/\s*a|tidak\s+ada)\s*$"
    expected = cells.astype("string").str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
    found = per_distinct_mask(cells, lambda t: t.str.fullmatch(pattern), might=might)
    assert found.dtype == bool and found.any()
    np.testing.assert_array_equal(found, expected)


def test_factorized_keeps_the_order_of_first_appearance() -> None:
    codes, distinct = factorized(pd.Series(["b", None, "a", "b"], dtype="str"))
    assert codes.tolist() == [0, -1, 1, 0]
    assert distinct.tolist() == ["b", "a"]


def test_empty_and_all_missing() -> None:
    empty = pd.Series([], dtype="str")
    assert per_distinct(empty, _normal).empty
    nothing = pd.Series([None, None], dtype=object)
    assert per_distinct_mask(nothing, lambda t: t.str.fullmatch("x")).tolist() == [
        False,
        False,
    ]
