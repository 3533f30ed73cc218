"""Spending efficiency: how much output each share of the budget bought.

K is capaian (output, percent of target), A is serapan against the cash plan (percent).
- ``indeks_efisiensi`` = K / A: the BPKP efficiency ratio (output share per budget share;
  above 1 means more output than money spent, relatively).
- ``efisiensi_persen`` E = (1 - A / K) x 100: the Ministry of Finance's nilai efisiensi
  input (PMK 22/2021 evaluation of RKA-K/L): the share of the budget saved for the output.
- ``nilai_efisiensi`` = 50 + E / 20 x 50, clipped to 0..100: the Ministry's score, where
  E of +20 % or better scores 100 and -20 % or worse scores 0 (scale is a setting).
- ``kuadran``: K and A against 91 (the ST edge): ``sesuai rencana`` both on plan,
  ``hemat`` output on plan with less money, ``boros`` money spent without the output,
  ``tertinggal`` both behind.
Every figure is undefined (NaN / NA) where a denominator is 0 or an input is missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import str_labels
from analysis.schema import KUADRAN
from analysis.settings import DEFAULT_SETTINGS, Settings


def _floats(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").astype("float64").to_numpy()


def indeks_efisiensi(capaian: pd.Series, serapan: pd.Series) -> pd.Series:
    """K / A (BPKP); NaN where A is 0 or either is missing."""
    out = indeks_values(_floats(capaian), _floats(serapan))
    return pd.Series(out, index=capaian.index, dtype="float64")


def indeks_values(k: np.ndarray, a: np.ndarray) -> np.ndarray:
    """:func:`indeks_efisiensi` of float arrays."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isfinite(a) & (a != 0), k / a, np.nan)


def efisiensi_persen(capaian: pd.Series, serapan: pd.Series) -> pd.Series:
    """E = (1 - A / K) x 100 (Ministry of Finance); NaN where K is 0 or either is missing."""
    out = efisiensi_values(_floats(capaian), _floats(serapan))
    return pd.Series(out, index=capaian.index, dtype="float64")


def efisiensi_values(k: np.ndarray, a: np.ndarray) -> np.ndarray:
    """:func:`efisiensi_persen` of float arrays."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isfinite(k) & (k != 0), (1.0 - a / k) * 100.0, np.nan)


def nilai_efisiensi(efisiensi: pd.Series, settings: Settings = DEFAULT_SETTINGS) -> pd.Series:
    """50 + E / scale x 50, clipped to 0..100 (Ministry of Finance nilai efisiensi)."""
    out = nilai_values(_floats(efisiensi), settings)
    return pd.Series(out, index=efisiensi.index, dtype="float64")


def nilai_values(e: np.ndarray, settings: Settings = DEFAULT_SETTINGS) -> np.ndarray:
    """:func:`nilai_efisiensi` of a float array."""
    return np.clip(50.0 + e / settings.efisiensi_skala_persen * 50.0, 0.0, 100.0)


def kuadran(
    capaian: pd.Series, serapan: pd.Series, settings: Settings = DEFAULT_SETTINGS
) -> pd.Series:
    """Quadrant of each (K, A) pair against ``settings.ambang_kuadran``; NA if either is missing."""
    return kuadran_values(_floats(capaian), _floats(serapan), settings, capaian.index)


def kuadran_values(
    k: np.ndarray, a: np.ndarray, settings: Settings = DEFAULT_SETTINGS, index=None
) -> pd.Series:
    """:func:`kuadran` of float arrays (a ``str`` Series on ``index``)."""
    edge = settings.ambang_kuadran
    with np.errstate(invalid="ignore"):
        k_ok, a_ok = k >= edge, a >= edge
    codes = np.select([k_ok & a_ok, k_ok & ~a_ok, ~k_ok & a_ok], [0, 1, 2], default=3)
    known = np.isfinite(k) & np.isfinite(a)
    return str_labels(np.where(known, codes, -1), list(KUADRAN), index)
