"""Small helpers shared by the metrics modules: column conformance and typed views."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.arrow_text import any_edge_byte

NON_DATA_TINGKAT = ("total",)
"""Rows the pipeline passes only so printed totals can be checked (``tingkat == "total"``,
e.g. Wotu TOTAL BELANJA). They never enter kinerja, anggaran, ringkasan, tren or gaps."""


def conform(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """``df`` with exactly ``columns`` in that order; a missing column is added empty.

    A fresh index keeps later numpy-based assembly aligned with the rows.
    """
    if df is None:
        df = pd.DataFrame()
    out = df.reset_index(drop=True)  # copy-on-write: changes to out never reach df
    if list(out.columns) == list(columns):
        return out
    missing = [col for col in dict.fromkeys(columns) if col not in out.columns]
    if missing:  # added in one step, not one column insertion each
        empty = np.full(len(out), pd.NA, dtype="object")
        extra = pd.DataFrame(
            {col: empty.copy() for col in missing}, index=out.index, dtype="object"
        )
        out = pd.concat([out, extra], axis=1)
    return out[columns]


def floats(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The given columns as float64 (NaN = no value), whatever dtype they arrived in."""
    out = {}
    for col in columns:
        s = df[col]
        out[col] = (
            s if s.dtype == "float64" else pd.to_numeric(s, errors="coerce").astype("float64")
        )
    return pd.DataFrame(out, index=df.index, columns=columns, copy=False)


STR = pd.StringDtype(na_value=np.nan)
"""pandas' default string dtype (``"str"``): what every text column of a processed table has."""

WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character for which ``str.isspace()`` is true: ``s.strip(WHITESPACE)`` is
``s.strip()``, also where pyarrow does the stripping (tests/test_metrics_frames.py)."""


def is_str(s: pd.Series) -> bool:
    """True when ``s`` already has the dtype :func:`text` returns (pyarrow-backed ``str``)."""
    return isinstance(s.dtype, pd.StringDtype) and s.dtype == STR and s.dtype.storage == "pyarrow"


_EDGE_BYTE = np.zeros(256, dtype=bool)
_EDGE_BYTE[[ord(c) for c in WHITESPACE if ord(c) < 0x80]] = True
_EDGE_BYTE[0x80:] = True  # part of a non-ASCII character, which may be a blank


def _may_need_strip(s: pd.Series) -> bool:
    """Whether a value of the ``str`` column ``s`` may begin or end with a blank.

    Looks at the first and last byte of every value straight from the Arrow buffers:
    an ASCII blank, or any byte of a non-ASCII character (``\xa0``, ``\u3000``, ...),
    sends the column through the real strip; ordinary text (names, codes, labels
    repeated over millions of rows) is then returned as it is, without a copy.
    """
    return any_edge_byte(s.array._pa_array, _EDGE_BYTE, _EDGE_BYTE)


def text(s: pd.Series) -> pd.Series:
    """A string column with missing values as NA, stripped of surrounding blanks.

    Vectorised for string columns (pyarrow strips exactly what ``str.strip()`` strips;
    a column whose values cannot begin or end with a blank comes back as it is); any
    other content (numbers, mixed objects) is converted value by value as ``str``.
    """
    if is_str(s):
        if not _may_need_strip(s):
            return s.copy(deep=False)
        return s.str.strip(WHITESPACE)
    obj = s.astype("object")
    out = obj.where(obj.notna(), None)
    if pd.api.types.infer_dtype(out, skipna=True) in ("string", "empty"):
        return out.astype("str").str.strip(WHITESPACE)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v).astype("str")


def lower_text(s: pd.Series) -> pd.Series:
    """Lower-case string column for comparisons (missing -> empty string)."""
    return text(s).fillna("").str.lower()


def per_value(fn, *columns: pd.Series) -> pd.Series:
    """``fn(*columns)`` for a row-wise ``fn``, evaluated once per distinct combination of
    values (columns of a few hundred distinct values over 640,000 rows)."""
    n = len(columns[0])
    codes = pd.factorize(columns[0], use_na_sentinel=False)[0].astype(np.int64)
    for col in columns[1:]:
        more, distinct = pd.factorize(col, use_na_sentinel=False)
        codes = codes * (len(distinct) + 1) + more
    codes, _ = pd.factorize(codes)
    first = np.full(int(codes.max(initial=-1)) + 1, n, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
    result = fn(*(col.iloc[first].reset_index(drop=True) for col in columns))
    return result.take(codes).set_axis(columns[0].index)


def is_data_row(tingkat: pd.Series) -> pd.Series:
    """True for rows that are data (not a printed total)."""
    return per_value(lambda t: ~lower_text(t).isin(NON_DATA_TINGKAT), tingkat)


def year(s: pd.Series) -> pd.Series:
    """Tahun as nullable integer."""
    return pd.to_numeric(s, errors="coerce").round().astype("Int64")


def finite(x: pd.Series | np.ndarray) -> np.ndarray:
    """Boolean mask of values that are numbers (not NaN/NA)."""
    return np.isfinite(np.asarray(x, dtype="float64"))


INTEGER_COLUMNS = {"triwulan", "bulan", "jumlah_indikator", "paragraf"}
"""Nullable integer columns of the processed tables (besides ``tahun``)."""

NUMERIC_COLUMNS = {
    "target_tahunan", "target_tw", "realisasi_tw", "capaian_tw_persen", "target_sd",
    "realisasi_sd", "capaian_sd_persen", "capaian_tahunan_persen", "capaian_tw_dilaporkan",
    "capaian_sd_dilaporkan", "pagu", "anggaran_tw", "realisasi_anggaran_tw", "anggaran_sd",
    "realisasi_anggaran_sd", "serapan_kas_persen", "serapan_pagu_persen",
    "serapan_dilaporkan", "capaian_persen", "serapan_persen", "indeks_efisiensi",
    "efisiensi_persen", "nilai_efisiensi", "capaian_tahun_lalu_persen", "selisih_poin",
    "target", "realisasi", "capaian_dilaporkan", "dilaporkan", "dihitung", "selisih",
    "anggaran", "realisasi_anggaran", "pagu_indikator",
}  # fmt: skip
"""Float columns of the processed tables (NaN = no value)."""


def finalize(
    df: pd.DataFrame | None, columns: list[str], *, clean: Collection[str] = ()
) -> pd.DataFrame:
    """``df`` conformed to ``columns`` with one dtype policy for every processed table.

    Floats for figures, nullable integers for tahun/triwulan/bulan/counts, strings for
    the rest - so a table written to Parquet has the same schema whether or not a run
    happened to produce rows, and an empty table still has the right columns.

    ``clean`` names text columns the caller already passed through :func:`text` (or
    built from such columns): they are kept as they are when their dtype is ``str``.
    """
    out = conform(df, columns)
    for col in columns:
        s = out[col]
        if col == "tahun" or col in INTEGER_COLUMNS:
            if s.dtype != "Int64":  # (an Int64 column would come back unchanged)
                out[col] = pd.to_numeric(s, errors="coerce").round().astype("Int64")
        elif col in NUMERIC_COLUMNS:
            if s.dtype != "float64":
                out[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif is_str(s) and (col in clean or not _may_need_strip(s)):
            continue  # already what text() gives: left in place, not set again
        else:
            out[col] = text(s)
    return out


def has_policy(df: pd.DataFrame, columns: list[str]) -> bool:
    """True when ``df`` already has exactly ``columns``, a fresh index and the dtypes
    :func:`finalize` gives (its text is then :func:`finalize`'s if it came from there)."""
    if list(df.columns) != list(columns) or not df.index.equals(pd.RangeIndex(len(df))):
        return False
    for col in columns:
        dtype = df[col].dtype
        if col == "tahun" or col in INTEGER_COLUMNS:
            ok = dtype == "Int64"
        elif col in NUMERIC_COLUMNS:
            ok = dtype == "float64"
        else:
            ok = is_str(df[col])
        if not ok:
            return False
    return True


def _whole(values: np.ndarray) -> np.ndarray:
    """Per row of a 2-D float array: every value missing or a whole number (not -0.0)."""
    with np.errstate(invalid="ignore"):
        ok = np.isnan(values) | (
            np.isfinite(values)
            & (values == np.round(values))
            & ~((values == 0) & np.signbit(values))
        )
    return ok.all(axis=1)


def _exact_groups(values: np.ndarray, ids: np.ndarray, ngroups: int) -> np.ndarray:
    """Per group: every order of adding its values gives the same sum (whole numbers whose
    magnitudes add up to less than 2**53)."""
    broken = ~_whole(values)
    whole = np.bincount(ids, weights=broken, minlength=ngroups) == 0 if broken.any() else True
    largest = np.nanmax(np.abs(values), initial=0.0) if values.size else 0.0
    if largest * np.bincount(ids, minlength=ngroups).max(initial=0) < 2.0**53:
        return np.broadcast_to(whole, (ngroups,))  # no group can reach 2**53
    magnitude = np.zeros((ngroups, values.shape[1]))
    np.add.at(magnitude, ids, np.nan_to_num(np.abs(values), nan=0.0, posinf=np.inf))
    return whole & (magnitude < 2.0**53).all(axis=1)


def group_sum(df: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    """``df.groupby(by, dropna=False)[columns]`` summed with ``min_count=1``: bit for bit
    what ``Series.sum(min_count=1)`` gives per group, without a Python call per group.

    pandas' grouped sum adds in another order (compensated) than ``Series.sum``, which
    can change the last bit of a sum of fractions. Where every value of a group is a
    whole number (rupiah, counts) and the group's sum of magnitudes stays below 2**53,
    every order gives the same exact sum; the few groups holding anything else
    (fractions, -0.0, infinities, huge sums) are summed per group as before.
    """
    grouped = df.groupby(by, dropna=False)
    out = grouped[columns].sum(min_count=1)
    if not len(df):
        return out
    ids = grouped.ngroup().to_numpy()
    exact = _exact_groups(df[columns].to_numpy(dtype="float64"), ids, len(out))
    if exact.all():
        return out
    redo = np.flatnonzero(~exact)
    sub = df[np.isin(ids, redo)]
    by_group = sub.groupby(by, dropna=False)[columns].agg(lambda s: s.sum(min_count=1))
    out = out.copy()
    out.iloc[redo, :] = by_group.to_numpy()
    return out


def _like_groupby(values: np.ndarray, ids: np.ndarray, keys, how: str) -> np.ndarray:
    """``how`` ("mean" / "sum" with min_count=1) of the columns of ``values`` per group,
    bit for bit what ``frame.groupby(key_columns, dropna=False)[columns]`` gives for a
    frame holding these rows in this order, its columns in one block; ``ids`` numbers
    the groups 0.. in order of first appearance. Result: one row per group id.

    pandas adds a group's values with a compensated loop, except where the rows already
    come sorted by group and no value is missing, where it adds each run directly
    (``ufunc.reduceat``); the two can differ in the last bit. Which one it takes depends
    on the order of the key columns' values, so when the groups come in runs without a
    missing value, ``keys(rows)`` (the key columns of the given row positions, in dtypes
    ``sort_values`` orders as ``groupby`` does) decides it here as it would there.
    """
    ngroups = int(ids.max()) + 1
    labels, backwards = ids, False
    if ngroups > 1 and not np.isnan(values).any() and (np.diff(ids) >= 0).all():
        rank = sorted_groups(keys(np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])))
        if not (np.diff(rank) > 0).all():
            # pandas saw unsorted group codes, so it took the compensated loop.
            labels, backwards = ngroups - 1 - ids, True
    grouped = pd.DataFrame(values).groupby(labels)
    out = (grouped.mean() if how == "mean" else grouped.sum(min_count=1)).to_numpy()
    return out[::-1] if backwards else out


def group_mean(values: np.ndarray, ids: np.ndarray, keys) -> np.ndarray:
    """Mean per group of a float array, as ``groupby(...).mean()`` (see :func:`_like_groupby`)."""
    values = np.asarray(values, dtype="float64")
    if not len(values):
        return np.empty(0)
    return _like_groupby(values[:, None], ids, keys, "mean")[:, 0]


def groupby_sum(values: np.ndarray, ids: np.ndarray, keys) -> np.ndarray:
    """Sums (min_count=1) per group of the columns of a 2-D float array, as
    ``groupby(...)[columns].sum(min_count=1)`` (see :func:`_like_groupby`)."""
    values = np.asarray(values, dtype="float64")
    if not len(values):
        return np.empty((0, values.shape[1]))
    ngroups = int(ids.max()) + 1
    if _exact_groups(values, ids, ngroups).all():
        return pd.DataFrame(values).groupby(ids).sum(min_count=1).to_numpy()
    return _like_groupby(values, ids, keys, "sum")


_TAKE_POOL = pa.system_memory_pool()
"""Memory for gathered text: pyarrow's ``take`` grows its output buffer step by step,
which with the default (mimalloc) pool costs several times the copy itself on fresh
memory; the system allocator does not (benchmarks/results.md)."""


def take_text(values: pd.Series | pd.api.extensions.ExtensionArray, rows: np.ndarray):
    """``values.take(rows)`` of a ``str`` column (no negative positions), as an array."""
    array = values.array if isinstance(values, pd.Series) else values
    taken = pc.take(array._pa_array, pa.array(rows, type=pa.int64()), memory_pool=_TAKE_POOL)
    return pd.arrays.ArrowStringArray(taken, dtype=STR)


def str_labels(codes: np.ndarray, labels: list[str], index: pd.Index | None = None) -> pd.Series:
    """A ``str`` column holding ``labels[code]`` for each code, missing where code < 0."""
    codes = np.asarray(codes)
    taken = pc.take(
        pa.array(labels, type=pa.large_string()),
        pa.array(codes, mask=codes < 0, type=pa.int64()),
        memory_pool=_TAKE_POOL,
    )
    return pd.Series(pd.arrays.ArrowStringArray(taken, dtype=STR), index=index)


def sorted_groups(keys: pd.DataFrame) -> np.ndarray:
    """Rank of each row's key in ``keys.sort_values(list(keys.columns))`` order, equal
    keys (missing equal to missing) sharing a rank: sorting rows by (rank, anything)
    is sorting them by (keys, anything), as ``sort_values`` does, missing last."""
    n = len(keys)
    keys = keys.reset_index(drop=True)
    order = keys.sort_values(list(keys.columns), kind="stable", na_position="last").index
    order = order.to_numpy()
    new = np.zeros(n, dtype=bool)
    new[:1] = True
    for col in keys.columns:
        ordered = keys[col].take(order)
        a = ordered.iloc[1:].reset_index(drop=True)
        b = ordered.iloc[:-1].reset_index(drop=True)
        same = (a == b).fillna(False).to_numpy(dtype=bool) | (a.isna() & b.isna()).to_numpy()
        new[1:] |= ~same
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.cumsum(new) - 1
    return rank
