"""Rating bands (kategori) for capaian and serapan.

Source: Permendagri 86/2017, evaluation of the RKPD/Renja (seed 001, Tabel 2.2):
Sangat Tinggi (ST) >= 91; Tinggi (T) 76 to < 91; Sedang (S) 66 to < 76; Rendah (R) 51 to
< 66; Sangat Rendah (SR) < 51. The printed table leaves gaps (90-91, 75-76, ...); the data
contract closes them by using each band's lower edge. Above 100 is still ST.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import str_labels
from analysis.schema import KATEGORI
from analysis.settings import DEFAULT_SETTINGS, Settings

KATEGORI_LABEL: dict[str, str] = {
    "ST": "Sangat Tinggi",
    "T": "Tinggi",
    "S": "Sedang",
    "R": "Rendah",
    "SR": "Sangat Rendah",
}
"""Band code -> the full Indonesian label reports print."""

KATEGORI_WARNA: dict[str, str] = {
    "ST": "#009E73",  # Okabe-Ito bluish green
    "T": "#8FCB9B",  # light green
    "S": "#F0E442",  # Okabe-Ito yellow
    "R": "#E69F00",  # Okabe-Ito orange
    "SR": "#D55E00",  # Okabe-Ito vermillion
}
"""Band code -> hex colour for charts and tables: green (ST) to red (SR), from the
Okabe-Ito palette so the ends stay apart for red-green colour-blind readers (bluish green
against vermillion, with lightness stepping through the middle)."""

KATEGORI_TIDAK_ADA_WARNA = "#BBBBBB"
"""Colour for a missing value (no capaian computable)."""


def kategori(values: pd.Series, settings: Settings = DEFAULT_SETTINGS) -> pd.Series:
    """Band code (ST/T/S/R/SR) of each percentage; missing stays missing.

    Edges come from ``settings.batas_kategori`` (lower edges of ST, T, S, R).
    """
    v = pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")
    return kategori_values(v.to_numpy(), settings, v.index)


def kategori_values(
    x: np.ndarray, settings: Settings = DEFAULT_SETTINGS, index: pd.Index | None = None
) -> pd.Series:
    """:func:`kategori` of a float array (a ``str`` Series on ``index``)."""
    st, t, s, r = settings.batas_kategori
    with np.errstate(invalid="ignore"):
        codes = np.select([x >= st, x >= t, x >= s, x >= r], [0, 1, 2, 3], default=4)
    codes = np.where(np.isfinite(x), codes, -1)
    return str_labels(codes, list(KATEGORI), index)


def kategori_label(codes: pd.Series) -> pd.Series:
    """Full Indonesian label of each band code (``"ST"`` -> ``"Sangat Tinggi"``)."""
    return pd.Series(codes).map(KATEGORI_LABEL)


def kategori_warna(codes: pd.Series) -> pd.Series:
    """Hex colour of each band code; grey where there is no band."""
    return pd.Series(codes).map(KATEGORI_WARNA).fillna(KATEGORI_TIDAK_ADA_WARNA)
