"""IKU (Indikator Kinerja Utama): the office's main indicators across years.

Source: PermenPAN-RB 53/2014 (LKjIP): capaian IKU = realisasi / target x 100 (or the
negative-indicator formula), rated with the same Permendagri 86/2017 bands. Towuti's
IKM 84,73 against a target of 80,1 is 105,8 % (seed 002); Wotu's 78,60 against 82 is
95,85 % (seed 004, Tabel 3.1).
"""

from __future__ import annotations

import pandas as pd

from analysis.metrics.achievement import capaian
from analysis.metrics.bands import kategori
from analysis.metrics.frames import conform, finalize, lower_text
from analysis.schema import IKU, IKU_RAW
from analysis.settings import DEFAULT_SETTINGS, Settings


def iku_table(iku_raw: pd.DataFrame | None, settings: Settings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """The processed ``iku`` table (``schema.IKU``): the IKU sheet with capaian and band.

    ``triwulan`` stays empty for whole-year figures.
    """
    df = conform(iku_raw, IKU_RAW)
    if df.empty:
        return finalize(None, IKU)
    pol = lower_text(df["polaritas"])
    df["polaritas"] = pol.where(pol.eq("negatif"), "positif")
    df["capaian_persen"] = capaian(df["target"], df["realisasi"], df["polaritas"], settings)
    df["kategori"] = kategori(df["capaian_persen"], settings)
    out = finalize(df, IKU)
    return out.sort_values(
        ["kecamatan", "indikator", "tahun", "triwulan"], kind="stable", na_position="first"
    ).reset_index(drop=True)
