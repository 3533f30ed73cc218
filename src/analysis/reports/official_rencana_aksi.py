"""The *Evaluasi atas Rencana Aksi* form (seed 000): per indicator the target, realisasi,
capaian and KET of each quarter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import hierarchy_rows, tercetak, views
from analysis.reports.loading import Tabel
from analysis.reports.official_table import (
    NODE_COLUMNS,
    Kolom,
    Rumus,
    TabelResmi,
    blank_repeats,
    text_cells,
)


def rencana_aksi(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """The *Evaluasi atas Rencana Aksi* form: one row per indicator and quarter.

    For each indicator reported in any quarter up to ``triwulan``: its annual target and
    unit, then per quarter (TW I to the report's quarter) the quarter's own target,
    realisasi, capaian and the office's KET note, as the form lists them under each
    other. A quarter the office did not report per quarter (only "s/d" figures, as Wotu's
    Tabel 3.4) stays empty rather than invented.
    """
    k = data.kinerja
    k = k[(k["kecamatan"] == kecamatan) & (k["tahun"] == tahun) & (k["triwulan"] <= triwulan)]
    k = k.assign(_indikator=text_cells(k["indikator"]))
    ident = [*NODE_COLUMNS, "_indikator", "indikator", "satuan", "target_tahunan"]
    # Identity of each indicator from its latest quarter, order from its first appearance.
    latest = k.sort_values("triwulan", kind="stable").drop_duplicates(
        ["kunci", "_indikator"], keep="last"
    )
    first_seen = k.drop_duplicates(["kunci", "_indikator"])[["kunci", "_indikator"]]
    base = first_seen.merge(latest[ident], on=["kunci", "_indikator"], how="left")
    base = views._hierarchy_order(base).reset_index(drop=True)
    order = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    ).drop_duplicates("kunci")
    base["_urut"] = hierarchy_rows.urut_kode(
        base["kunci"].map(order.set_index("kunci")["urut"]).astype("float64"), base["kode"]
    )
    base = base.sort_values("_urut", kind="stable", na_position="last").reset_index(drop=True)
    base = base.drop(columns="_urut")
    base["_blok"] = np.arange(len(base))
    values = k[
        [
            "kunci",
            "_indikator",
            "triwulan",
            "target_tw",
            "realisasi_tw",
            "capaian_tw_persen",
            "capaian_tw_dilaporkan",
            "keterangan",
        ]
    ].drop_duplicates(["kunci", "_indikator", "triwulan"])
    long = base.merge(values, on=["kunci", "_indikator"], how="left")
    long = long.sort_values(["_blok", "triwulan"], kind="stable").reset_index(drop=True)
    # A node with neither indicator nor any figure (a program heading) is one row.
    figures = long[["target_tw", "realisasi_tw", "capaian_tw_persen"]].notna().any(axis=1)
    has_any = figures.groupby(long["_blok"]).transform("any")
    heading = ~has_any & (long["_indikator"] == "") & long["target_tahunan"].isna()
    long = long[~(heading & long["_blok"].duplicated())].reset_index(drop=True)
    heading = heading.loc[heading.index.isin(long.index)].reset_index(drop=True)
    tw = ("TW " + long["triwulan"].map(fmt.romawi)).where(~heading.to_numpy(), "")
    # The quarter's capaian as the office printed it; realisasi / target beside it when
    # the two differ.
    printed = long["capaian_tw_dilaporkan"].astype("float64")
    computed = long["capaian_tw_persen"].astype("float64")
    band = pd.DataFrame(
        {
            "capaian_dilaporkan": printed,
            "capaian_dihitung": computed,
            "capaian_berbeda": tercetak.berbeda(printed, computed, False),
            "capaian_alasan": tercetak.alasan_indikator(long["realisasi_tw"], long["target_tw"]),
        }
    )
    rows = pd.DataFrame(
        {
            "kode": text_cells(long["kode"]),
            "uraian": text_cells(fmt.nama_tanpa_tanda_daftar(long["uraian"])),
            "indikator": text_cells(long["indikator"]),
            "satuan": text_cells(long["satuan"]),
            "target_tahunan": long["target_tahunan"].astype("float64"),
            "tw": tw,
            "target_tw": long["target_tw"].astype("float64"),
            "realisasi_tw": long["realisasi_tw"].astype("float64"),
            "capaian_tw_persen": tercetak.tampil(band, "capaian").astype("float64"),
            "keterangan": text_cells(long["keterangan"]),
            "hitung_ulang": tercetak.catatan_baris(band, ("capaian",)),
            "_tanda": tercetak.tanda(band, {"capaian": "capaian_tw_persen"}),
            "_hitung_capaian": computed,
            "_desimal_capaian_tw_persen": tercetak.desimal_tampil(band, "capaian"),
            "_tingkat": text_cells(long["tingkat"]),
            "_blok": long["_blok"],
        }
    )
    gabung = ("kode", "uraian", "indikator", "satuan", "target_tahunan")
    rows = blank_repeats(rows, gabung)
    catatan = ()
    pesan_kosong = "Tidak ada indikator kinerja untuk periode ini."
    if len(rows) and rows[["target_tw", "realisasi_tw"]].isna().all().all():
        # No form sent: one line says so instead of pages of an empty form.
        rows = rows.iloc[0:0]
        pesan_kosong = (
            f"Kecamatan {kecamatan} tidak mengirim formulir Rencana Aksi untuk periode ini "
            "(tidak ada target dan realisasi per triwulan, hanya angka kumulatif s/d "
            "triwulan): lihat Tabel 3.4."
        )
    grup = "PROGRAM / KEGIATAN / SUB KEGIATAN"
    kolom = (
        Kolom("kode", "KODE", lebar=15),
        Kolom("uraian", "URAIAN", grup=grup, lebar=38),
        Kolom("indikator", "INDIKATOR KINERJA", grup=grup, lebar=38),
        Kolom("satuan", "SATUAN", grup=grup, lebar=11),
        Kolom("target_tahunan", "TARGET TAHUNAN", "angka", grup=grup, lebar=10),
        Kolom("tw", "TRIWULAN", grup=grup, lebar=9),
        Kolom("target_tw", "TARGET", "angka", grup=grup, lebar=10),
        Kolom("realisasi_tw", "REALISASI", "angka", grup=grup, lebar=10),
        Kolom("capaian_tw_persen", "CAPAIAN %", "persen", grup=grup, lebar=10),
        Kolom("keterangan", "KET", lebar=48),
        Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=36, opsional=True),
    )
    if rows["hitung_ulang"].ne("").any():
        catatan = (*catatan, tercetak.CATATAN_TANDA)
    return TabelResmi(
        nama="Rencana Aksi",
        judul=(
            f"EVALUASI ATAS RENCANA AKSI {fmt.nama_triwulan(triwulan).upper()} "
            f"KANTOR KECAMATAN {kecamatan.upper()} TAHUN {tahun}"
        ),
        keterangan=(
            "Target, realisasi dan capaian tiap triwulan (triwulan itu saja, bukan kumulatif), "
            "dengan keterangan (KET) dari kecamatan."
        ),
        kolom=kolom,
        baris=rows,
        gabung=gabung,
        nomor_kolom=True,
        pesan_kosong=pesan_kosong,
        catatan=catatan,
        rumus=(
            Rumus("capaian_tw_persen", "rasio", "_hitung_capaian", "realisasi_tw", ("target_tw",)),
        ),
    )
