"""Serapan anggaran (budget absorption).

Source: the evaluation of the RKPD/Renja (Permendagri 86/2017) rates spending as
realisasi against the budget; kecamatan reports print it against the cash plan to date
(anggaran kas, Wotu Tabel 3.4 column 8 = 7/6 x 100) and against the annual pagu
(Towuti Tabel III). Both are computed; neither is capped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def rasio_persen(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator x 100, NaN where the denominator is 0 or missing."""
    n = pd.to_numeric(numerator, errors="coerce").astype("float64")
    d = pd.to_numeric(denominator, errors="coerce").astype("float64").set_axis(n.index)
    return pd.Series(rasio_values(n.to_numpy(), d.to_numpy()), index=n.index, dtype="float64")


def rasio_values(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """:func:`rasio_persen` on float arrays."""
    dv = denominator
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isfinite(dv) & (dv != 0), numerator / dv * 100.0, np.nan)


def serapan_kas(realisasi_anggaran_sd: pd.Series, anggaran_sd: pd.Series) -> pd.Series:
    """Serapan against the cash plan to date: realisasi_anggaran_sd / anggaran_sd x 100."""
    return rasio_persen(realisasi_anggaran_sd, anggaran_sd)


def serapan_pagu(realisasi_anggaran_sd: pd.Series, pagu: pd.Series) -> pd.Series:
    """Serapan against the annual budget: realisasi_anggaran_sd / pagu x 100."""
    return rasio_persen(realisasi_anggaran_sd, pagu)


def rencana_kas_sd(anggaran_sd: np.ndarray, pagu: np.ndarray, triwulan: np.ndarray) -> np.ndarray:
    """The cash plan to date that serapan divides by: ``anggaran_sd``, or at TW IV, when
    no cash plan is printed, the pagu.

    The anggaran kas spreads the DPA over the year, so up to TW IV it is the whole pagu.
    Reports that print only pagu and spending (Towuti Tabel III, Kalaena Tabel 4.1) thus
    still get a year-end serapan. Only the denominator is filled in: the ``anggaran_sd``
    column keeps what the source gave, so the parent/child checks do not report the same
    pagu difference twice.
    """
    year_end = (np.asarray(triwulan, dtype="float64") == 4) & np.isnan(anggaran_sd)
    return np.where(year_end, pagu, anggaran_sd)
