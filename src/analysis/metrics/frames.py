"""Small helpers shared by the metrics modules: column conformance and typed views."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

NON_DATA_TINGKAT = ("total",)
"""Rows the pipeline passes only so printed totals can be checked (``tingkat == "total"``,
e.g. Wotu TOTAL BELANJA). They never enter kinerja, anggaran, ringkasan, tren or gaps."""


def conform(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """``df`` with exactly ``columns`` in that order; a missing column is added empty.

    A fresh index keeps later numpy-based assembly aligned with the rows.
    """
    if df is None:
        df = pd.DataFrame()
    out = df.reset_index(drop=True).copy()
    for col in columns:
        if col not in out.columns:
            out[col] = pd.Series([pd.NA] * len(out), dtype="object")
    return out[columns]


def floats(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The given columns as float64 (NaN = no value), whatever dtype they arrived in."""
    return df[columns].apply(lambda s: pd.to_numeric(s, errors="coerce")).astype("float64")


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


def text(s: pd.Series) -> pd.Series:
    """A string column with missing values as NA, stripped of surrounding blanks.

    Vectorised for string columns (pyarrow strips exactly what ``str.strip()`` strips);
    any other content (numbers, mixed objects) is converted value by value as ``str``.
    """
    if is_str(s):
        return s.str.strip(WHITESPACE)
    obj = s.astype("object")
    out = obj.where(obj.notna(), None)
    if pd.api.types.infer_dtype(out, skipna=True) in ("string", "empty"):
        return out.astype("str").str.strip(WHITESPACE)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v).astype("str")


def lower_text(s: pd.Series) -> pd.Series:
    """Lower-case string column for comparisons (missing -> empty string)."""
    return text(s).fillna("").str.lower()


def is_data_row(tingkat: pd.Series) -> pd.Series:
    """True for rows that are data (not a printed total)."""
    return ~lower_text(tingkat).isin(NON_DATA_TINGKAT)


def year(s: pd.Series) -> pd.Series:
    """Tahun as nullable integer."""
    return pd.to_numeric(s, errors="coerce").round().astype("Int64")


def finite(x: pd.Series | np.ndarray) -> np.ndarray:
    """Boolean mask of values that are numbers (not NaN/NA)."""
    return np.isfinite(np.asarray(x, dtype="float64"))


INTEGER_COLUMNS = {"triwulan", "bulan", "jumlah_indikator"}
"""Nullable integer columns of the processed tables (besides ``tahun``)."""

NUMERIC_COLUMNS = {
    "target_tahunan", "target_tw", "realisasi_tw", "capaian_tw_persen", "target_sd",
    "realisasi_sd", "capaian_sd_persen", "capaian_tahunan_persen", "capaian_tw_dilaporkan",
    "capaian_sd_dilaporkan", "pagu", "anggaran_tw", "realisasi_anggaran_tw", "anggaran_sd",
    "realisasi_anggaran_sd", "serapan_kas_persen", "serapan_pagu_persen",
    "serapan_dilaporkan", "capaian_persen", "serapan_persen", "indeks_efisiensi",
    "efisiensi_persen", "nilai_efisiensi", "capaian_tahun_lalu_persen", "selisih_poin",
    "target", "realisasi", "capaian_dilaporkan", "dilaporkan", "dihitung", "selisih",
    "anggaran", "realisasi_anggaran",
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
        if col in clean and is_str(out[col]):
            continue
        if col == "tahun":
            out[col] = year(out[col])
        elif col in INTEGER_COLUMNS:
            out[col] = pd.to_numeric(out[col], errors="coerce").round().astype("Int64")
        elif col in NUMERIC_COLUMNS:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
        else:
            out[col] = text(out[col])
    return out.reset_index(drop=True)


def group_sum(df: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    """``df.groupby(by, dropna=False)[columns]`` summed with ``min_count=1``: bit for bit
    what ``Series.sum(min_count=1)`` gives per group, without a Python call per group.

    pandas' grouped sum adds in another order (compensated) than ``Series.sum``, which
    can change the last bit of a sum of fractions. Where every value of a group is a
    whole number (rupiah, counts) and the group's sum of magnitudes stays below 2**53,
    every order gives the same exact sum; the few groups holding anything else
    (fractions, -0.0, infinities, huge sums) are summed per group as before.
    """
    values = df[columns].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        whole = np.isnan(values) | (
            np.isfinite(values)
            & (values == np.round(values))
            & ~((values == 0) & np.signbit(values))
        )
    work = df[by].copy()
    extra = [f"\0abs{i}" for i in range(len(columns))]
    for col, tmp, v in zip(columns, extra, values.T, strict=True):
        work[col] = v
        work[tmp] = np.abs(v)
    grouped = work.groupby(by, dropna=False)
    sums = grouped[[*columns, *extra]].sum(min_count=1)
    out = sums[columns]
    risky = ~whole.all(axis=1)
    too_big = (sums[extra].to_numpy() >= 2.0**53).any(axis=1)
    if not risky.any() and not too_big.any():
        return out
    codes = grouped.ngroup().to_numpy()
    redo = np.union1d(codes[risky], np.flatnonzero(too_big))
    sub = df[np.isin(codes, redo)]
    exact = sub.groupby(by, dropna=False)[columns].agg(lambda s: s.sum(min_count=1))
    out = out.copy()
    out.iloc[redo, :] = exact.to_numpy()
    return out
