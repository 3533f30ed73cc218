"""Small helpers shared by the metrics modules: column conformance and typed views."""

from __future__ import annotations

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


def text(s: pd.Series) -> pd.Series:
    """A string column with missing values as NA, stripped of surrounding blanks."""
    out = s.astype("object").where(s.notna(), None)
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


def finalize(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """``df`` conformed to ``columns`` with one dtype policy for every processed table.

    Floats for figures, nullable integers for tahun/triwulan/bulan/counts, strings for
    the rest - so a table written to Parquet has the same schema whether or not a run
    happened to produce rows, and an empty table still has the right columns.
    """
    out = conform(df, columns)
    for col in columns:
        if col == "tahun":
            out[col] = year(out[col])
        elif col in INTEGER_COLUMNS:
            out[col] = pd.to_numeric(out[col], errors="coerce").round().astype("Int64")
        elif col in NUMERIC_COLUMNS:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
        else:
            out[col] = text(out[col])
    return out.reset_index(drop=True)
