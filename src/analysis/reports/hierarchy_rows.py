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
from analysis.metrics import hierarchy
from analysis.reports.memo import sekali
from analysis.reports.period import periode

URUTAN_TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def _sort_text(kode: pd.Series, position: pd.Series) -> pd.Series:
    """Sort key of a node among its siblings: its code, else after the coded ones in
    the order the source lists it."""
    pos = position.fillna(1e9).astype("int64").map(lambda p: f"~{p:09d}")
    return kode.astype("object").where(kode.notna(), pos)


def _pohon(kin: pd.DataFrame, ang: pd.DataFrame) -> pd.DataFrame:
    """The program / kegiatan / sub kegiatan nodes of kinerja and anggaran rows, their
    parents completed (:func:`analysis.metrics.hierarchy.nodes`), indexed by
    (tingkat, kunci)."""
    frames = [f for f in (kin, ang[ang["tingkat"].ne("rekening")]) if len(f)]
    if not frames:
        return pd.DataFrame(columns=["kode", "kunci_induk", "uraian"])
    found = hierarchy.nodes(frames)
    found = found[found["tingkat"].isin(list(URUTAN_TINGKAT))]
    return found.set_index(["tingkat", "kunci"])[["kode", "kunci_induk", "uraian"]]


def _simpul_tanpa_angka(
    r: pd.DataFrame,
    kin: pd.DataFrame,
    ang: pd.DataFrame,
    kin_tahun: pd.DataFrame,
    ang_tahun: pd.DataFrame,
) -> pd.DataFrame:
    """The nodes of the quarter's kinerja and anggaran (their parents completed as the
    roll-up completes them) that the roll-up ``r`` lacks, as rows of ``r`` with every
    figure empty. A completed parent takes its kode, name and parent from the year's rows
    (as the roll-up's nodes do): another quarter may name it."""
    found = _pohon(kin, ang)
    have = pd.MultiIndex.from_frame(r[["tingkat", "kunci"]].astype("object"))
    found = found[~found.index.isin(have)]
    if found.empty:
        return r.iloc[:0]
    year = _pohon(kin_tahun, ang_tahun).reindex(found.index)
    extra = year.fillna(found).reset_index()
    first = (kin if len(kin) else ang).iloc[0]
    extra = extra.assign(
        kecamatan=first["kecamatan"], tahun=first["tahun"], triwulan=first["triwulan"]
    )
    return extra.reindex(columns=r.columns).astype(r.dtypes.to_dict(), errors="ignore")


@sekali
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
    has a row for the node, ``dilengkapi`` when it was completed from its children.

    Every node of the quarter's kinerja and anggaran is here (the one node list of the
    page's table, the workbook's and the Word draft's Tabel 3.4): the roll-up keeps only
    nodes with a capaian or a budget figure, so a node without either (target only, no
    realisasi yet; realisasi without a target) comes from :func:`_simpul_tanpa_angka`
    with its figures empty."""
    kin = periode(kinerja, kecamatan, tahun, triwulan)
    ang = periode(anggaran, kecamatan, tahun, triwulan)
    r = periode(ringkasan, kecamatan, tahun, triwulan)
    r = r[r["tingkat"].isin(list(URUTAN_TINGKAT))]
    kin_tahun = kinerja[(kinerja["kecamatan"] == kecamatan) & (kinerja["tahun"] == tahun)]
    ang_tahun = anggaran[(anggaran["kecamatan"] == kecamatan) & (anggaran["tahun"] == tahun)]
    r = pd.concat([r, _simpul_tanpa_angka(r, kin, ang, kin_tahun, ang_tahun)], ignore_index=True)
    if r.empty:
        return r.assign(urut=pd.Series(dtype="int64"), sumber_simpul=pd.Series(dtype="str"))
    seen = pd.concat(
        [kin[["tingkat", "kunci"]].assign(_src=0), ang[["tingkat", "kunci"]].assign(_src=1)],
        ignore_index=True,
    )
    seen["_pos"] = np.arange(len(seen)) + seen["_src"] * 100000
    first = seen.groupby(["tingkat", "kunci"])["_pos"].min()
    node_idx = pd.MultiIndex.from_frame(r[["tingkat", "kunci"]])
    r["_pos"] = node_idx.map(first.to_dict().get)
    r["sumber_simpul"] = np.where(r["_pos"].notna(), "data", "dilengkapi")
    # the name as this quarter's own rows spell it (kinerja first), else the roll-up's
    # (the year's first spelling); a list mark typed before it is layout, not name
    cols = ["tingkat", "kunci", "uraian"]
    named = pd.concat([kin.reindex(columns=cols), ang.reindex(columns=cols)])
    named = named[named["uraian"].notna()].drop_duplicates(["tingkat", "kunci"])
    own_name = named.set_index(["tingkat", "kunci"])["uraian"]
    uraian = pd.Series(own_name.reindex(node_idx).to_numpy(), index=r.index, dtype="object")
    uraian = uraian.fillna(r["uraian"].astype("object"))
    r["uraian"] = uraian.astype("string").str.replace(fmt.LIST_MARK, "", regex=True)
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


def urut_kode(urut: pd.Series, kode: pd.Series) -> pd.Series:
    """``urut`` (the report quarter's code order) completed for the rows it lacks - a node
    reported in an earlier quarter only - right after the row whose code precedes theirs,
    so they sit under their program rather than after the last one. Rows without a code
    stay without (last)."""
    code = kode.astype("object").fillna("").astype("str")
    # each number of the code padded, so 7.1.1.2.01.09 (as some offices write 7.01.01...)
    # sorts before 7.01.02
    code = code.str.replace(r"\d+", lambda m: m.group(0).zfill(4), regex=True)
    known = urut.notna() & code.ne("")
    lost = urut.isna() & code.ne("")
    if not lost.any() or not known.any():
        return urut
    ref = pd.DataFrame({"kode": code[known], "urut": urut[known]}).sort_values("kode")
    keys, ranks = ref["kode"].to_numpy(), ref["urut"].to_numpy()
    pos = np.searchsorted(keys, code[lost].to_numpy(), side="right")
    before = np.where(pos > 0, ranks[np.maximum(pos - 1, 0)], ranks.min() - 1)
    return urut.mask(lost, pd.Series(before + 0.5, index=urut.index[lost]))
