"""The LKj *Tabel 3.4* (seed 004): kinerja target / realisasi s/d TW / capaian beside
anggaran kas / realisasi / capaian, rows in kode order, totals as formulas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import hierarchy_rows, tercetak
from analysis.reports.loading import Tabel
from analysis.reports.official_table import (
    KALIMAT_TERCETAK,
    Kolom,
    Rumus,
    TabelResmi,
    blank_repeats,
    text_cells,
)
from analysis.reports.period import periode

_BESARAN_3_4 = ("capaian", "pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan")


_KOLOM_3_4 = {
    "capaian": "capaian_kinerja",
    "pagu": "pagu",
    "anggaran_sd": "anggaran_sd",
    "realisasi_anggaran_sd": "realisasi_anggaran_sd",
    "serapan": "serapan",
}


_UANG_3_4 = ("pagu", "anggaran_sd", "realisasi_anggaran_sd")


_RUMUS_3_4 = (
    *(Rumus(k, "jumlah", f"_hitung_{k}") for k in _UANG_3_4),
    Rumus("capaian_kinerja", "rasio", "_hitung_capaian_kinerja", "realisasi", ("target",)),
    Rumus("capaian_kinerja", "rata", "_hitung_capaian_kinerja"),
    Rumus("serapan", "rasio", "_hitung_serapan", "realisasi_anggaran_sd", ("anggaran_sd", "pagu")),
)
"""Tabel 3.4 in a workbook: parent and TOTAL budgets are sums of their children, capaian
is realisasi / target (a node without an indicator: the mean of its children), serapan is
realisasi / anggaran kas (no cash plan: / pagu) - each where it reproduces the report."""


def _simpul_urut_kode(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The nodes of one report in code order: :func:`hierarchy_rows.simpul`, the one node
    list the page's table also shows (every node of the quarter's kinerja and anggaran,
    the parents the source left out completed), with ``_blok`` (position) and ``_induk``
    (the parent's ``_blok``; a program's parent is the TOTAL row, ``len(nodes)``; -1 for
    none)."""
    order = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    )
    nodes = order.drop_duplicates("kunci")[["kunci", "tingkat", "kode", "uraian", "kunci_induk"]]
    nodes = nodes.reset_index(drop=True)
    nodes["_blok"] = np.arange(len(nodes))
    blok = pd.Series(nodes["_blok"].to_numpy(), index=nodes["kunci"].astype("str"))
    parent = nodes["kunci_induk"].astype("object").map(blok)
    parent = parent.where(nodes["tingkat"] != "program", len(nodes))
    nodes["_induk"] = parent.fillna(-1).astype("int64")
    return nodes.drop(columns="kunci_induk")


CAPAIAN_TURUNAN = (
    "Indikator {kode} belum ada realisasinya: capaian kinerja baris itu adalah rata-rata "
    "capaian di bawahnya, seperti pada halaman laporan dan angka TOTAL."
)
"""The table's note naming the rows whose capaian is the roll-up because their own
indicator has none yet (``{kode}``: their codes)."""


def tabel_3_4(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """The LKj *Tabel 3.4* form: kinerja and anggaran s/d TW per program/kegiatan/sub kegiatan.

    Rows: every node of the hierarchy that has an indicator or a budget line, in program >
    kegiatan > sub kegiatan order, and one row per indicator when a node has several.
    Kinerja: the indicator's target and realisasi s/d TW and their capaian; a node
    without an indicator of its own (programs and kegiatan in the LKj) shows the rolled-up
    capaian of the nodes under it. Anggaran: anggaran kas and realisasi s/d TW and the
    serapan, from the same roll-up as the report's cards (``ringkasan``). The last row is
    the TOTAL BELANJA of the kecamatan. Every figure the office printed is shown as
    printed; where the roll-up differs it is marked and the ``hitung_ulang`` column gives
    the recomputed figure and its rule (:mod:`analysis.reports.tercetak`).
    """
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    nodes = _simpul_urut_kode(data, kecamatan, tahun, triwulan)
    band = tercetak.banding_simpul(data, kecamatan, tahun, triwulan)
    node_band = band[band["tingkat"] != "kecamatan"].drop(columns=["tingkat", "kode", "uraian"])
    nodes = nodes.merge(node_band.drop_duplicates("kunci"), on="kunci", how="left")
    ind = kin.loc[
        kin["indikator"].notna() | kin["target_sd"].notna() | kin["realisasi_sd"].notna(),
        ["kunci", "indikator", "satuan", "target_sd", "realisasi_sd", "capaian_sd_persen",
         "capaian_sd_dilaporkan", "target_tw", "realisasi_tw", "capaian_tw_dilaporkan"],
    ]  # fmt: skip
    rows = nodes.merge(ind, on="kunci", how="left").sort_values("_blok", kind="stable")
    rows = rows.reset_index(drop=True)
    own = rows["target_sd"].notna() | rows["realisasi_sd"].notna()
    # A row's capaian: its indicator's (printed, else realisasi / target) or, for a node
    # without one, the node's (printed, else the roll-up of the nodes under it).
    ind_band = tercetak.banding_indikator(rows)
    first = ~rows["_blok"].duplicated()
    # a program or kegiatan whose own indicator has no capaian yet (no realisasi) keeps
    # the roll-up of the nodes under it: the capaian the page, the cards and the TOTAL
    # give that node (one reading of "capaian program"), said in the hitung-ulang note
    rolled_up = (
        own
        & first
        & rows["tingkat"].ne("sub_kegiatan")
        & ind_band["capaian_dilaporkan"].isna()
        & ind_band["capaian_dihitung"].isna()
        & rows["capaian_dihitung"].notna()
    )
    for col in ("dilaporkan", "dihitung", "berbeda", "alasan"):
        rows[f"capaian_{col}"] = ind_band[f"capaian_{col}"].where(
            own & ~rolled_up, rows[f"capaian_{col}"]
        )
    for q in ("pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan"):
        rows[f"{q}_berbeda"] = rows[f"{q}_berbeda"].fillna(False).astype(bool) & first
    rows["capaian_berbeda"] = rows["capaian_berbeda"].fillna(False).astype(bool)
    program_no = (rows["tingkat"] == "program") & ~rows["_blok"].duplicated()
    nomor = program_no.cumsum().map(lambda n: f"{n:02d}").where(program_no, "")
    out = pd.DataFrame(
        {
            "no": nomor,
            "uraian": text_cells(fmt.nama_tanpa_tanda_daftar(rows["uraian"])),
            "indikator": text_cells(rows["indikator"]),
            "satuan": text_cells(rows["satuan"]),
            "target": rows["target_sd"].astype("float64"),
            "realisasi": rows["realisasi_sd"].astype("float64"),
            "capaian_kinerja": tercetak.tampil(rows, "capaian").astype("float64"),
            "pagu": tercetak.tampil(rows, "pagu").astype("float64"),
            "anggaran_sd": tercetak.tampil(rows, "anggaran_sd").astype("float64"),
            "realisasi_anggaran_sd": tercetak.tampil(rows, "realisasi_anggaran_sd").astype(
                "float64"
            ),
            "serapan": tercetak.tampil(rows, "serapan").astype("float64"),
            "_desimal_capaian_kinerja": tercetak.desimal_tampil(rows, "capaian"),
            "_desimal_serapan": tercetak.desimal_tampil(rows, "serapan"),
            "hitung_ulang": tercetak.catatan_baris(rows, _BESARAN_3_4),
            "_tanda": tercetak.tanda(rows, _KOLOM_3_4),
            "_tingkat": text_cells(rows["tingkat"]),
            "_blok": rows["_blok"],
            "_induk": rows["_induk"],
            "_kode": text_cells(rows["kode"]),
            **{
                f"_hitung_{k}": rows[f"{q}_dihitung"].astype("float64")
                for q, k in _KOLOM_3_4.items()
            },
        }
    )
    gabung = ("no", "uraian", "pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan")
    out = blank_repeats(out, (*gabung, *(f"_hitung_{k}" for k in gabung if k in _UANG_3_4)))
    total = band[band["tingkat"] == "kecamatan"].head(1).reset_index(drop=True)
    if len(total):
        t = total.iloc[0]
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "no": [""],
                        "uraian": ["TOTAL BELANJA"],
                        "indikator": [""],
                        "satuan": [""],
                        "target": [np.nan],
                        "realisasi": [np.nan],
                        "capaian_kinerja": tercetak.tampil(total, "capaian").to_numpy(),
                        "pagu": tercetak.tampil(total, "pagu").to_numpy(),
                        "anggaran_sd": tercetak.tampil(total, "anggaran_sd").to_numpy(),
                        "realisasi_anggaran_sd": tercetak.tampil(
                            total, "realisasi_anggaran_sd"
                        ).to_numpy(),
                        "serapan": [float(t["serapan_dihitung"])],
                        "_desimal_capaian_kinerja": tercetak.desimal_tampil(
                            total, "capaian"
                        ).to_numpy(),
                        "hitung_ulang": tercetak.catatan_baris(total, _BESARAN_3_4).to_numpy(),
                        "_tanda": tercetak.tanda(total, _KOLOM_3_4).to_numpy(),
                        "_tingkat": ["total"],
                        "_blok": [len(nodes)],
                        "_induk": [-1],
                        "_kode": [""],
                        **{
                            f"_hitung_{k}": total[f"{q}_dihitung"].to_numpy(dtype="float64")
                            for q, k in _KOLOM_3_4.items()
                        },
                    }
                ),
            ],
            ignore_index=True,
        )
    catatan = ()
    no_cash_plan = out["anggaran_sd"].isna() & out["serapan"].notna()
    if no_cash_plan.any():
        catatan = (
            "Anggaran kas tidak dilaporkan untuk sebagian baris; capaian anggaran baris itu "
            "dihitung terhadap pagu (anggaran kas sampai Triwulan IV sama dengan pagu).",
        )
    if rolled_up.any():
        kode = rows.loc[rolled_up, "kode"].dropna().astype("str")
        catatan = (*catatan, CAPAIAN_TURUNAN.format(kode=", ".join(kode) or "induk"))
    r = fmt.romawi(triwulan)
    tw_iv = int(triwulan) == 4
    kolom = (
        Kolom("no", "NO", lebar=5),
        Kolom("uraian", "PROGRAM/KEGIATAN/ SUB KEGIATAN", lebar=44),
        Kolom("indikator", "INDIKATOR KINERJA", grup="KINERJA", lebar=30, opsional=True),
        Kolom(
            "target",
            "TARGET" if tw_iv else f"TARGET s/d TW.{r}",
            "angka",
            grup="KINERJA",
            satuan="satuan",
            lebar=14,
        ),
        Kolom(
            "realisasi",
            f"REALISASI s/d TW.{r} TAHUN {tahun}",
            "angka",
            grup="KINERJA",
            satuan="satuan",
            lebar=14,
        ),
        Kolom("capaian_kinerja", "Capaian (%)", "persen", grup="KINERJA", lebar=10),
        Kolom(
            "pagu", f"PAGU TAHUN {tahun} (Rp.)", "rupiah", grup="ANGGARAN", lebar=17, opsional=True
        ),
        Kolom(
            "anggaran_sd",
            f"TARGET s/d TRIWULAN {r} (BERDASARKAN ANGGARAN KAS)",
            "rupiah",
            grup="ANGGARAN",
            lebar=17,
        ),
        Kolom(
            "realisasi_anggaran_sd",
            f"REALISASI ANGGARAN S.D Triwulan {r} {tahun} (Rp.)",
            "rupiah",
            grup="ANGGARAN",
            lebar=17,
        ),
        Kolom("serapan", "Capaian (%)", "persen", grup="ANGGARAN", lebar=10),
        Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=40, opsional=True),
    )
    if out["hitung_ulang"].ne("").any():
        catatan = (*catatan, tercetak.CATATAN_TANDA)
    aturan = tercetak.kalimat_target_nol(data, kecamatan, tahun, triwulan)
    if aturan:
        catatan = (*catatan, aturan)
    return TabelResmi(
        nama="Tabel 3.4",
        judul=(
            f"Tabel 3.4 Realisasi Kinerja dan Anggaran sampai dengan {fmt.nama_triwulan(triwulan)} "
            f"Tahun {tahun} Kantor Kecamatan {kecamatan}"
        ),
        keterangan=(
            f"Kinerja dan anggaran kumulatif sampai {fmt.nama_triwulan(triwulan)}. Capaian "
            "program dan kegiatan tanpa indikator sendiri adalah rata-rata capaian di bawahnya; "
            "capaian anggaran = realisasi / anggaran kas x 100 (tanpa anggaran kas: / pagu). "
            + KALIMAT_TERCETAK
        ),
        kolom=kolom,
        baris=out,
        gabung=gabung,
        nomor_kolom=True,
        pesan_kosong="Tidak ada program, kegiatan atau anggaran untuk periode ini.",
        catatan=catatan,
        rumus=_RUMUS_3_4,
    )
