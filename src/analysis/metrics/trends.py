"""Tren: capaian compared with the same quarter of the previous year, and quarter on quarter.

Three kinds of rows (``jenis``):
- ``antar_tahun``: per (kecamatan, kunci, indikator, triwulan), capaian s/d TW against the
  same indicator and quarter exactly one year earlier (a gap year is not "last year");
- ``antar_triwulan``: within a year, the quarter-alone capaian against the previous
  quarter's (``capaian_tahun_lalu_persen`` then holds the previous quarter's value);
- ``iku``: the IKU across years (same triwulan, or both whole-year).
``selisih_poin`` = now - before; ``arah`` is ``naik`` / ``turun`` beyond
``settings.toleransi_arah_poin`` points and ``tetap`` within it, empty when either side
is missing. Every point with a capaian is listed, the first year too, so a chart can
draw the whole line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import finalize, lower_text
from analysis.metrics.hierarchy import effective_kunci
from analysis.schema import TREN
from analysis.settings import DEFAULT_SETTINGS, Settings


def arah(selisih: pd.Series, settings: Settings = DEFAULT_SETTINGS) -> pd.Series:
    """``naik`` / ``turun`` / ``tetap`` of each change in points; NA where unknown."""
    d = pd.to_numeric(selisih, errors="coerce").to_numpy(dtype="float64")
    tol = settings.toleransi_arah_poin
    out = np.select([d > tol, d < -tol, np.abs(d) <= tol], ["naik", "turun", "tetap"], default="")
    return pd.Series(out, index=selisih.index).where(np.isfinite(d), None).astype("str")


def _compare(
    df: pd.DataFrame, keys: list[str], step: str, jenis: str, settings: Settings
) -> pd.DataFrame:
    """Join each row to the row one ``step`` (``tahun`` or ``triwulan``) earlier."""
    df = df[df["capaian_persen"].notna()].copy()
    if df.empty:
        return finalize(None, TREN)
    prev = df[[*keys, step, "capaian_persen"]].copy()
    prev[step] = prev[step] + 1
    prev = prev.drop_duplicates([*keys, step]).rename(
        columns={"capaian_persen": "capaian_tahun_lalu_persen"}
    )
    out = df.merge(prev, on=[*keys, step], how="left")
    out["selisih_poin"] = out["capaian_persen"] - out["capaian_tahun_lalu_persen"]
    out["arah"] = arah(out["selisih_poin"], settings)
    out["jenis"] = jenis
    return finalize(out, TREN)


def tren(
    kinerja: pd.DataFrame, iku: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The processed ``tren`` table (``schema.TREN``)."""
    parts = []
    if len(kinerja):
        k = kinerja[kinerja["tahun"].notna()].copy()
        k["kunci"] = effective_kunci(k)
        k["_ind"] = lower_text(k["indikator"])
        k["triwulan"] = k["triwulan"].astype("int64")
        k["tahun"] = k["tahun"].astype("int64")
        keys = ["kecamatan", "kunci", "_ind"]
        years = k.assign(capaian_persen=k["capaian_sd_persen"])
        parts.append(_compare(years, [*keys, "triwulan"], "tahun", "antar_tahun", settings))
        quarters = k.assign(capaian_persen=k["capaian_tw_persen"])
        parts.append(_compare(quarters, [*keys, "tahun"], "triwulan", "antar_triwulan", settings))
    if len(iku):
        i = iku[iku["tahun"].notna()].copy()
        i["_ind"] = lower_text(i["indikator"])
        i["_tw"] = pd.to_numeric(i["triwulan"], errors="coerce").fillna(0).astype("int64")
        i["tahun"] = i["tahun"].astype("int64")
        parts.append(_compare(i, ["kecamatan", "_ind", "_tw"], "tahun", "iku", settings))
    parts = [p for p in parts if len(p)]
    if not parts:
        return finalize(None, TREN)
    out = pd.concat(parts, ignore_index=True)
    return finalize(out, TREN)
