"""Capaian (achievement) of an indicator and the "s/d TW" (to date) aggregation of quarters.

Sources: the positive formula realisasi / target x 100 is the LKjIP practice of
PermenPAN-RB 53/2014; for negative indicators (lower is better, e.g. number of
complaints) PermenPAN-RB evaluation practice uses (2 x target - realisasi) / target x 100,
floored at 0, and some evaluators prefer target / realisasi x 100 - hence a setting.
Capaian is never capped at 100: over-achievement is information a planner needs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.settings import DEFAULT_SETTINGS, Settings


def capaian(
    target: pd.Series,
    realisasi: pd.Series,
    polaritas: pd.Series | str = "positif",
    settings: Settings = DEFAULT_SETTINGS,
) -> pd.Series:
    """Capaian in percent of each (target, realisasi) pair.

    - positif: R / T x 100.
    - negatif: ``settings.rumus_negatif == "selisih"``: (2T - R) / T x 100 floored at 0;
      ``"rasio"``: T / R x 100 (undefined when R is 0).
    - target 0 or missing, or realisasi missing: NaN ("-" in a report, left out of every
      average), except a negatif indicator with target 0 and realisasi 0, which met its
      target exactly: 100.

    ``polaritas`` may be a Series or one value for all; anything but ``"negatif"`` is
    positive (the contract's default).
    """
    t = pd.to_numeric(target, errors="coerce").astype("float64")
    r = pd.to_numeric(realisasi, errors="coerce").astype("float64").set_axis(t.index)
    if isinstance(polaritas, str):
        neg = np.full(len(t), polaritas == "negatif")
    else:
        neg = pd.Series(polaritas, index=t.index).astype("object").eq("negatif").to_numpy(bool)
    out = capaian_values(t.to_numpy(), r.to_numpy(), neg, settings)
    return pd.Series(out, index=t.index, dtype="float64")


def capaian_values(
    target: np.ndarray, realisasi: np.ndarray, negatif: np.ndarray, settings: Settings
) -> np.ndarray:
    """:func:`capaian` on float arrays, ``negatif`` a boolean array (True = negative)."""
    tv, rv = np.asarray(target, dtype="float64"), np.asarray(realisasi, dtype="float64")
    valid_t = np.isfinite(tv) & (tv != 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = rv / tv
        out *= 100.0
        out[~valid_t] = np.nan
        neg = np.flatnonzero(negatif)
        if len(neg):
            t, r, ok = tv[neg], rv[neg], valid_t[neg]
            if settings.rumus_negatif == "rasio":
                negative = np.where(ok & (r != 0), t / r * 100.0, np.nan)
            else:
                negative = np.where(ok, np.maximum((2 * t - r) / t * 100.0, 0.0), np.nan)
                negative = np.where(np.isnan(r), np.nan, negative)
            out[neg] = np.where((t == 0) & (r == 0), 100.0, negative)
    # a target so small that the quotient overflows gives no capaian, never inf (a
    # finding says why: analysis.metrics.guards)
    out[np.isinf(out)] = np.nan
    return out


def cumulate(quarters: pd.DataFrame, agregasi: pd.Series | str) -> pd.DataFrame:
    """The "s/d TW q" value for q = 1..4 from the quarter-alone values (data contract §3).

    ``quarters`` has one column per quarter (1..4, in order) and one row per indicator;
    ``agregasi`` says per row how quarters add up:

    - ``jumlah``: sum of quarters 1..q that have a value (counts, rupiah);
    - ``rata_rata``: mean of quarters 1..q that have a value (percentages);
    - ``akhir``: the latest quarter <= q with a value (indices such as IKM).

    A quarter with no value before it (nothing reported yet) stays NaN.
    """
    values = quarters.to_numpy(dtype="float64")
    present = np.isfinite(values)
    count = np.cumsum(present, axis=1)
    total = np.cumsum(np.where(present, values, 0.0), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        summed = np.where(count > 0, total, np.nan)
        mean = summed / np.where(count > 0, count, np.nan)
    latest = values.copy()  # forward-filled along the quarters
    for j in range(1, latest.shape[1]):
        latest[:, j] = np.where(np.isnan(latest[:, j]), latest[:, j - 1], latest[:, j])

    if isinstance(agregasi, str):
        is_mean = np.full(len(quarters), agregasi == "rata_rata")
        is_last = np.full(len(quarters), agregasi == "akhir")
    else:
        how = pd.Series(agregasi, index=quarters.index)
        is_mean = how.eq("rata_rata").fillna(False).to_numpy(dtype=bool)
        is_last = how.eq("akhir").fillna(False).to_numpy(dtype=bool)
    out = np.where(is_mean[:, None], mean, np.where(is_last[:, None], latest, summed))
    return pd.DataFrame(out, index=quarters.index, columns=quarters.columns)
