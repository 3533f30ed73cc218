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

_ACRONYM = r"^(?P<name>.*?\S)\s*\((?P<acronym>[A-Za-z]{2,})\)\s*$"


def unify_names(indikator: pd.Series) -> pd.Series:
    """One name per IKU: a trailing acronym in brackets that spells the initials of the
    name before it is dropped (Towuti prints "Indeks Kepuasan Masyarakat" in 2024 and
    "Indeks Kepuasan Masyarakat (IKM)" for 2023/2025, one indicator charted across
    years). Other brackets (``(%)``, ``(IKM) Kecamatan``) stay."""
    text = indikator.astype("object")
    unique = pd.Series(text.dropna().unique(), dtype="object")
    if unique.empty:
        return indikator
    parts = unique.astype("str").str.extract(_ACRONYM)
    initials = parts["name"].fillna("").str.split().map(lambda ws: "".join(w[0] for w in ws))
    spelled = parts["acronym"].notna() & initials.str.upper().eq(parts["acronym"].str.upper())
    mapping = dict(zip(unique, parts["name"].where(spelled, unique), strict=True))
    return text.map(lambda v: mapping.get(v, v)).astype(indikator.dtype)


def iku_table(iku_raw: pd.DataFrame | None, settings: Settings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """The processed ``iku`` table (``schema.IKU``): the IKU sheet with capaian and band.

    ``triwulan`` stays empty for whole-year figures.
    """
    df = conform(iku_raw, IKU_RAW)
    if df.empty:
        return finalize(None, IKU)
    df["indikator"] = unify_names(df["indikator"])
    pol = lower_text(df["polaritas"])
    df["polaritas"] = pol.where(pol.eq("negatif"), "positif")
    df["capaian_persen"] = capaian(df["target"], df["realisasi"], df["polaritas"], settings)
    df["kategori"] = kategori(df["capaian_persen"], settings)
    out = finalize(df, IKU)
    return out.sort_values(
        ["kecamatan", "indikator", "tahun", "triwulan"], kind="stable", na_position="first"
    ).reset_index(drop=True)
