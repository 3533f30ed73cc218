"""The report's program > kegiatan > sub kegiatan rows, complete and in code order.

Every node of the roll-up (``ringkasan``) is a row, so a parent the source left out (a
kegiatan named only through its sub kegiatan) and a budget line without an indicator are
shown, each marked. A node's own indicators (``kinerja``) sit on its row; a node with
several indicators gets one continuation row per further indicator. Parents carry two
capaian figures side by side: the roll-up of their children (the figure every chart and
card uses) and their own indicator's, as the office printed it, when they differ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports.period import periode

URUTAN_TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def _sort_text(kode: pd.Series, position: pd.Series) -> pd.Series:
    """Sort key of a node among its siblings: its code, else after the coded ones in
    the order the source lists it."""
    pos = position.fillna(1e9).astype("int64").map(lambda p: f"~{p:09d}")
    return kode.astype("object").where(kode.notna(), pos)


def simpul(
    ringkasan: pd.DataFrame,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
) -> pd.DataFrame:
    """The nodes of one report in code order (program, then its kegiatan, then their sub
    kegiatan), with the roll-up figures and ``sumber_simpul``: ``data`` when the source
    has a row for the node, ``dilengkapi`` when it was completed from its children."""
    r = periode(ringkasan, kecamatan, tahun, triwulan)
    r = r[r["tingkat"].isin(list(URUTAN_TINGKAT))].copy()
    if r.empty:
        return r.assign(urut=pd.Series(dtype="int64"), sumber_simpul=pd.Series(dtype="str"))
    kin = periode(kinerja, kecamatan, tahun, triwulan)
    ang = periode(anggaran, kecamatan, tahun, triwulan)
    seen = pd.concat(
        [kin[["tingkat", "kunci"]].assign(_src=0), ang[["tingkat", "kunci"]].assign(_src=1)],
        ignore_index=True,
    )
    seen["_pos"] = np.arange(len(seen)) + seen["_src"] * 100000
    first = seen.groupby(["tingkat", "kunci"])["_pos"].min()
    r["_pos"] = pd.MultiIndex.from_frame(r[["tingkat", "kunci"]]).map(first.to_dict().get)
    r["sumber_simpul"] = np.where(r["_pos"].notna(), "data", "dilengkapi")
    r["_sk"] = _sort_text(r["kode"], r["_pos"])
    key = r.set_index(["tingkat", "kunci"])["_sk"]
    parent_of = r.set_index(["tingkat", "kunci"])["kunci_induk"]

    def parent_sort(level: str, parent_level: str) -> pd.Series:
        idx = pd.MultiIndex.from_arrays([[parent_level] * len(r), r["kunci_induk"]])
        return pd.Series(key.reindex(idx).to_numpy(), index=r.index)

    is_prog = r["tingkat"].eq("program")
    is_keg = r["tingkat"].eq("kegiatan")
    is_sub = r["tingkat"].eq("sub_kegiatan")
    keg_of_sub = parent_sort("sub_kegiatan", "kegiatan")
    prog_of_keg = parent_sort("kegiatan", "program")
    # a sub kegiatan's program: through its kegiatan (or directly, when it hangs there)
    keg_idx = pd.MultiIndex.from_arrays([["kegiatan"] * len(r), r["kunci_induk"]])
    prog_key_of_sub = pd.Series(parent_of.reindex(keg_idx).to_numpy(), index=r.index)
    prog_key_of_sub = prog_key_of_sub.fillna(r["kunci_induk"])
    prog_idx = pd.MultiIndex.from_arrays([["program"] * len(r), prog_key_of_sub])
    prog_of_sub = pd.Series(key.reindex(prog_idx).to_numpy(), index=r.index)
    r["_p"] = np.where(is_prog, r["_sk"], np.where(is_keg, prog_of_keg, prog_of_sub))
    # a sub kegiatan hanging directly under its program comes after the coded kegiatan
    r["_k"] = np.where(is_prog, "", np.where(is_keg, r["_sk"], keg_of_sub.fillna("~~")))
    r["_s"] = np.where(is_sub, r["_sk"], "")
    r["_p"] = pd.Series(r["_p"], index=r.index).fillna("~~")
    r = r.sort_values(["_p", "_k", "_s"], kind="stable")
    r["urut"] = np.arange(len(r))
    return r.drop(columns=["_sk", "_p", "_k", "_s", "_pos"]).reset_index(drop=True)


def baris_hirarki(
    ringkasan: pd.DataFrame,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
) -> pd.DataFrame:
    """One row per (node, own indicator) in code order; nodes without an indicator keep
    one row with empty indicator columns. Columns: the node's (``tingkat, kode, kunci,
    uraian, capaian_persen`` roll-up, ``kategori``, money, ``serapan_persen``,
    ``sumber_simpul``) and the indicator's (``indikator, satuan, target_sd,
    realisasi_sd, capaian_sd_persen, kategori_indikator, keterangan``), plus
    ``lanjutan`` (True on a node's second and later indicator rows) and
    ``ada_indikator`` (the row carries a kinerja row, named or not)."""
    nodes = simpul(ringkasan, kinerja, anggaran, kecamatan, tahun, triwulan)
    kin = periode(kinerja, kecamatan, tahun, triwulan)
    ind = kin[
        [
            "tingkat",
            "kunci",
            "indikator",
            "satuan",
            "target_sd",
            "realisasi_sd",
            "capaian_sd_persen",
            "capaian_sd_dilaporkan",
            "target_tw",
            "realisasi_tw",
            "capaian_tw_dilaporkan",
            "kategori",
            "keterangan",
            "uraian",
        ]
    ].rename(columns={"kategori": "kategori_indikator", "uraian": "uraian_indikator"})
    ind = ind.assign(ada_indikator=True)
    rows = nodes.merge(ind, on=["tingkat", "kunci"], how="left", sort=False)
    rows["ada_indikator"] = rows["ada_indikator"].astype("boolean").fillna(False).astype(bool)
    rows["uraian"] = rows["uraian"].fillna(rows["uraian_indikator"])
    # a bullet the office typed before a name ("- Koordinasi ...") is layout, not name
    rows["uraian"] = rows["uraian"].astype("string").str.replace(fmt.LIST_MARK, "", regex=True)
    rows = rows.drop(columns=["uraian_indikator"])
    rows = rows.sort_values("urut", kind="stable").reset_index(drop=True)
    rows["lanjutan"] = rows.duplicated(["tingkat", "kunci"])
    return rows
