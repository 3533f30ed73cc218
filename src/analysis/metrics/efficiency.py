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

from analysis.settings import DEFAULT_SETTINGS, Settings


def _floats(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").astype("float64").to_numpy()


def indeks_efisiensi(capaian: pd.Series, serapan: pd.Series) -> pd.Series:
    """K / A (BPKP); NaN where A is 0 or either is missing."""
    k, a = _floats(capaian), _floats(serapan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.isfinite(a) & (a != 0), k / a, np.nan)
    return pd.Series(out, index=capaian.index, dtype="float64")


def efisiensi_persen(capaian: pd.Series, serapan: pd.Series) -> pd.Series:
    """E = (1 - A / K) x 100 (Ministry of Finance); NaN where K is 0 or either is missing."""
    k, a = _floats(capaian), _floats(serapan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(np.isfinite(k) & (k != 0), (1.0 - a / k) * 100.0, np.nan)
    return pd.Series(out, index=capaian.index, dtype="float64")


def nilai_efisiensi(efisiensi: pd.Series, settings: Settings = DEFAULT_SETTINGS) -> pd.Series:
    """50 + E / scale x 50, clipped to 0..100 (Ministry of Finance nilai efisiensi)."""
    e = _floats(efisiensi)
    out = np.clip(50.0 + e / settings.efisiensi_skala_persen * 50.0, 0.0, 100.0)
    return pd.Series(out, index=efisiensi.index, dtype="float64")


def kuadran(
    capaian: pd.Series, serapan: pd.Series, settings: Settings = DEFAULT_SETTINGS
) -> pd.Series:
    """Quadrant of each (K, A) pair against ``settings.ambang_kuadran``; NA if either is missing."""
    k, a = _floats(capaian), _floats(serapan)
    edge = settings.ambang_kuadran
    k_ok, a_ok = k >= edge, a >= edge
    labels = np.select(
        [k_ok & a_ok, k_ok & ~a_ok, ~k_ok & a_ok, ~k_ok & ~a_ok],
        ["sesuai rencana", "hemat", "boros", "tertinggal"],
        default="",
    )
    known = np.isfinite(k) & np.isfinite(a)
    out = pd.Series(labels, index=capaian.index, dtype="object").where(known, None)
    return out.astype("str")
