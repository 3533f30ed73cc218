"""Kesenjangan: the indicators that are behind, worst first.

Used by the reports ("what needs attention this quarter") and the explorer. An indicator
is behind when its capaian s/d TW is below ``ambang`` (100 = below target; 91 = below
Sangat Tinggi, ...). Both shortfalls are measured to the ``ambang``:

- ``kekurangan_poin`` = ambang - capaian (points);
- ``kekurangan_satuan`` = how much more realisasi (positive indicator) or how much less
  (negative indicator) would have reached the ambang, in the indicator's own unit:
  positif: T x ambang/100 - R; negatif "selisih": R - T x (2 - ambang/100); negatif
  "rasio": R - T x 100/ambang.

Rows are joined to the budget line of the same (kecamatan, tahun, triwulan, kunci) so a
planner sees what was spent on what fell behind.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.metrics.frames import lower_text
from analysis.metrics.hierarchy import effective_kunci
from analysis.settings import DEFAULT_SETTINGS, Settings

GAP_COLUMNS = [
    "kecamatan",
    "tahun",
    "triwulan",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "target_sd",
    "realisasi_sd",
    "capaian_sd_persen",
    "kategori",
    "kekurangan_satuan",
    "kekurangan_poin",
    "pagu",
    "realisasi_anggaran_sd",
    "serapan_kas_persen",
    "keterangan",
    "sumber",
    "kunci",
]
"""Columns of :func:`find_gaps`' result."""


def _select(df: pd.DataFrame, column: str, wanted) -> pd.Series:
    """Rows whose ``column`` is ``wanted`` (one value or several); all when None."""
    if wanted is None:
        return pd.Series(True, index=df.index)
    values = (
        [wanted]
        if isinstance(wanted, (str, int, np.integer)) or not isinstance(wanted, Iterable)
        else list(wanted)
    )
    return df[column].isin(values)


def kekurangan_satuan(
    target: pd.Series,
    realisasi: pd.Series,
    polaritas: pd.Series,
    ambang: float = 100.0,
    settings: Settings = DEFAULT_SETTINGS,
) -> pd.Series:
    """Units of realisasi missing to reach ``ambang`` percent (see module docstring)."""
    t = pd.to_numeric(target, errors="coerce").to_numpy(dtype="float64")
    r = pd.to_numeric(realisasi, errors="coerce").to_numpy(dtype="float64")
    neg = lower_text(pd.Series(polaritas, index=target.index)).eq("negatif").to_numpy()
    share = ambang / 100.0
    if settings.rumus_negatif == "rasio":
        negative = r - t / share if share else np.full_like(t, np.nan)
    else:
        negative = r - t * (2.0 - share)
    out = np.where(neg, negative, t * share - r)
    return pd.Series(out, index=target.index, dtype="float64")


def find_gaps(
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame | None = None,
    *,
    kecamatan=None,
    tahun=None,
    triwulan=None,
    tingkat=None,
    ambang: float = 100.0,
    settings: Settings = DEFAULT_SETTINGS,
) -> pd.DataFrame:
    """Indicators of the processed ``kinerja`` table whose capaian s/d TW is below ``ambang``.

    Filters take one value or a list. Sorted by ``kekurangan_poin`` (largest first), then
    kecamatan, tahun, triwulan. Indicators without a capaian (no target) are not listed:
    nothing can be said to be behind.
    """
    k = kinerja.copy()
    mask = (
        _select(k, "kecamatan", kecamatan)
        & _select(k, "tahun", tahun)
        & _select(k, "triwulan", triwulan)
        & _select(k, "tingkat", tingkat)
        & k["capaian_sd_persen"].lt(ambang).fillna(False)
    )
    k = k[mask.to_numpy()].copy()
    k["kunci"] = effective_kunci(k) if len(k) else pd.Series(dtype="str")
    k["kekurangan_poin"] = ambang - k["capaian_sd_persen"]
    k["kekurangan_satuan"] = kekurangan_satuan(
        k["target_sd"], k["realisasi_sd"], k["polaritas"], ambang, settings
    )
    money = ["pagu", "realisasi_anggaran_sd", "serapan_kas_persen"]
    if anggaran is not None and len(anggaran) and len(k):
        a = anggaran.copy()
        a["kunci"] = effective_kunci(a)
        a = a.drop_duplicates(["kecamatan", "tahun", "triwulan", "kunci"])
        k = k.merge(
            a[["kecamatan", "tahun", "triwulan", "kunci", *money]],
            on=["kecamatan", "tahun", "triwulan", "kunci"],
            how="left",
        )
    for col in money:
        if col not in k.columns:
            k[col] = np.nan
    for col in GAP_COLUMNS:
        if col not in k.columns:
            k[col] = pd.NA
    k = k.sort_values(
        ["kekurangan_poin", "kecamatan", "tahun", "triwulan"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    return k[GAP_COLUMNS].reset_index(drop=True)
