"""Ringkasan: capaian and budget rolled up sub kegiatan > kegiatan > program > kecamatan.

Source: the LKjIP roll-up "jumlah capaian kinerja kegiatan / jumlah kegiatan" - a
parent's capaian is the plain mean of its children's (each child counts once, however
many indicators it has); a sub kegiatan's is the mean of its indicators' s/d capaian.
A parent with no child that has a capaian falls back to its own indicator (a kegiatan
without sub kegiatan). Budgets add up: a parent's money is the sum of its children's,
falling back to its own row when no child has money; a parent's printed figures are
compared with these sums in :mod:`.reconciliation`, not used here. Efficiency figures
and the kuadran then follow from the rolled-up capaian (K) and serapan (A).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.absorption import serapan_kas
from analysis.metrics.bands import kategori
from analysis.metrics.efficiency import efisiensi_persen, indeks_efisiensi, kuadran, nilai_efisiensi
from analysis.metrics.frames import finalize, group_sum, lower_text
from analysis.metrics.hierarchy import (
    LEVEL_ORDER,
    NODE_KEYS,
    effective_kunci,
    effective_tingkat,
    nodes,
)
from analysis.schema import RINGKASAN
from analysis.settings import DEFAULT_SETTINGS, Settings

MONEY = ["pagu", "anggaran_sd", "realisasi_anggaran_sd"]
QKEYS = ["kecamatan", "tahun", "triwulan"]


def _keyed(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["kunci"] = effective_kunci(df)
    out["tingkat"] = effective_tingkat(df, out["kunci"])
    return out


def ringkasan(
    kinerja: pd.DataFrame, anggaran: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The processed ``ringkasan`` table (``schema.RINGKASAN``) from processed kinerja and
    anggaran. One row per (kecamatan, tahun, triwulan, tingkat, kunci) that has a capaian
    or a budget figure; ``rekening`` lines are not rolled up."""
    ang = anggaran[~lower_text(anggaran["tingkat"]).eq("rekening").to_numpy()]
    tree = nodes([kinerja, ang])
    if tree.empty:
        return finalize(None, RINGKASAN)

    kin_k, ang_k = _keyed(kinerja), _keyed(ang)
    own_cap = kin_k.groupby([*QKEYS, "tingkat", "kunci"], dropna=False).agg(
        own_capaian=("capaian_sd_persen", "mean"),
        own_n=("capaian_sd_persen", "count"),
    )
    own_money = ang_k.groupby([*QKEYS, "tingkat", "kunci"], dropna=False)[MONEY].sum(min_count=1)
    own_money = own_money.add_prefix("own_")

    quarters = pd.concat([kin_k[QKEYS], ang_k[QKEYS]], ignore_index=True).drop_duplicates()
    grid = tree.merge(quarters, on=["kecamatan", "tahun"], how="inner")
    grid = grid.join(own_cap, on=[*QKEYS, "tingkat", "kunci"])
    grid = grid.join(own_money, on=[*QKEYS, "tingkat", "kunci"])
    grid["_level"] = grid["tingkat"].map(LEVEL_ORDER)

    for col in ["capaian_persen", "jumlah_indikator", *MONEY]:
        grid[col] = np.nan
    for level in sorted(LEVEL_ORDER, key=LEVEL_ORDER.get):
        at = grid["_level"].eq(LEVEL_ORDER[level]).to_numpy()
        children = grid[grid["tingkat_induk"].eq(level).fillna(False).to_numpy()]
        by = [*QKEYS, "kunci_induk"]
        agg = group_sum(children, by, ["jumlah_indikator", *MONEY])
        mean = children.groupby(by, dropna=False)["capaian_persen"].mean()
        agg.insert(0, "capaian_persen", mean.to_numpy())
        rolled = grid.loc[at, [*QKEYS, "kunci"]].join(agg, on=[*QKEYS, "kunci"])
        own = grid.loc[at]
        grid.loc[at, "capaian_persen"] = rolled["capaian_persen"].fillna(own["own_capaian"])
        has_child_cap = rolled["capaian_persen"].notna()
        grid.loc[at, "jumlah_indikator"] = rolled["jumlah_indikator"].where(
            has_child_cap, own["own_n"]
        )
        for m in MONEY:
            grid.loc[at, m] = rolled[m].fillna(own[f"own_{m}"])

    grid = grid[grid[["capaian_persen", *MONEY]].notna().any(axis=1)].copy()
    k = grid["capaian_persen"]
    a = serapan_kas(grid["realisasi_anggaran_sd"], grid["anggaran_sd"])
    grid["serapan_persen"] = a
    grid["indeks_efisiensi"] = indeks_efisiensi(k, a)
    grid["efisiensi_persen"] = efisiensi_persen(k, a)
    grid["nilai_efisiensi"] = nilai_efisiensi(grid["efisiensi_persen"], settings)
    grid["kuadran"] = kuadran(k, a, settings)
    grid["kategori"] = kategori(k, settings)
    grid = grid.sort_values([*QKEYS, "_level", "kode", "kunci"], kind="stable", na_position="last")
    return finalize(grid, RINGKASAN)


__all__ = ["NODE_KEYS", "ringkasan"]
