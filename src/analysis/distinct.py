"""Text rules applied once per distinct value, the result taken back to every row.

The national data hold millions of cells whose text repeats: 7,277 kecamatan names,
44 indicators, four units, the same row numbers and codes in every kecamatan. A text
rule (a regular expression, a strip, a look-up) applied to every cell costs a step per
cell; applied to the distinct values (``pandas.factorize``: a hash per cell, in C) and
taken back by integer code it costs one step per distinct value and one ``take``.
Every rule passed here must be row-wise: a value's result depends on that value alone.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def factorized(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(code of each value, the distinct values in order of first appearance, fresh
    index, in the dtype of ``values``); a missing value has code -1."""
    codes, uniques = pd.factorize(values, sort=False)
    if not isinstance(uniques, pd.Index):
        uniques = pd.Series(uniques, copy=False)
    return np.asarray(codes, dtype=np.int64), pd.Series(uniques, copy=False).reset_index(drop=True)


def per_distinct(values: pd.Series, rule: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``rule(values)`` computed on the distinct values only: the same Series (index of
    ``values``, the dtype ``rule`` gives); a missing value gives a missing result."""
    codes, uniques = factorized(values)
    result = rule(uniques)
    return pd.Series(result.array.take(codes, allow_fill=True), index=values.index)


def per_distinct_mask(
    values: pd.Series, test: Callable[[pd.Series], pd.Series], *, might: str | None = None
) -> np.ndarray:
    """Boolean array: ``test`` (text -> bool Series, NA as False) of each value, run once
    per distinct value; a missing value is ``False``. With ``might``, a regular
    expression every hit contains (e.g. a letter), ``test`` runs only on the values that
    contain it: sorted out by Arrow's regex engine over the whole column when it holds
    Arrow strings (no hashing of the figures typed as text), else over its distinct
    values."""
    out = np.zeros(len(values), dtype=bool)
    rows = None
    if might is not None and _arrow_text(values):
        rows = np.flatnonzero(values.str.contains(might, regex=True).fillna(False).to_numpy())
        if not len(rows):
            return out
        values = values.iloc[rows]
    codes, uniques = factorized(values)
    text = uniques.astype("str")
    hit = np.zeros(len(text) + 1, dtype=bool)  # the last slot: code -1
    keep = np.ones(len(text), dtype=bool)
    if might is not None and rows is None and len(text):
        keep = text.str.contains(might, regex=True).fillna(False).to_numpy(dtype=bool)
    if keep.any():
        hit[np.flatnonzero(keep)] = test(text[keep]).fillna(False).to_numpy(dtype=bool)
    if rows is None:
        return hit[codes]
    out[rows] = hit[codes]
    return out


def _arrow_text(values: pd.Series) -> bool:
    dtype = values.dtype
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
