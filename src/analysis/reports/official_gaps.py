"""The gap list and the data-quality findings as official tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import findings as laporan_temuan
from analysis.reports import gap_views, views
from analysis.reports.loading import Tabel
from analysis.reports.official_table import Kolom, Rumus, TabelResmi, text_cells


def tabel_kesenjangan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> TabelResmi:
    """Indicators below target, worst first: for one kecamatan the report's own list
    (:func:`analysis.reports.views.kesenjangan_laporan`: the IKU of the year behind target
    too, and a note carried from an earlier quarter), as the page lists it and the written
    analysis refers to it; for the overview :func:`gap_views.daftar_kesenjangan`."""
    if kecamatan is not None:
        g = views.kesenjangan_laporan(data, kecamatan, tahun, triwulan)
    else:
        g = gap_views.daftar_kesenjangan(data, kecamatan, tahun, triwulan)
    out = pd.DataFrame(
        {
            "kecamatan": text_cells(g["kecamatan"]),
            "tingkat": g["tingkat"].map(fmt.nama_tingkat) if len(g) else pd.Series(dtype="str"),
            "kode": text_cells(g["kode"]),
            "uraian": text_cells(fmt.nama_tanpa_tanda_daftar(g["uraian"])),
            "indikator": text_cells(g["indikator"]),
            "satuan": text_cells(g["satuan"]),
            "target_sd": g["target_sd"].astype("float64"),
            "realisasi_sd": g["realisasi_sd"].astype("float64"),
            "capaian_sd_persen": g["capaian_sd_persen"].astype("float64"),
            "kekurangan_satuan": g["kekurangan_satuan"].astype("float64"),
            "serapan_kas_persen": g["serapan_kas_persen"].astype("float64"),
            "keterangan": text_cells(g["keterangan"]),
        }
    )
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    sd = fmt.sd_tw(triwulan)
    kolom = [
        Kolom("tingkat", "Tingkat", lebar=12),
        Kolom("kode", "Kode", lebar=15),
        Kolom("uraian", "Program/Kegiatan/Sub Kegiatan", lebar=36),
        Kolom("indikator", "Indikator Kinerja", lebar=34),
        Kolom("target_sd", f"Target {sd}", "angka", satuan="satuan", lebar=13),
        Kolom("realisasi_sd", f"Realisasi {sd}", "angka", satuan="satuan", lebar=13),
        Kolom("capaian_sd_persen", "Capaian (%)", "persen", lebar=10),
        Kolom("kekurangan_satuan", "Kurang dari target", "angka", satuan="satuan", lebar=13),
        Kolom("serapan_kas_persen", "Serapan anggaran (%)", "persen", lebar=11),
        Kolom("keterangan", "Keterangan kecamatan", lebar=44),
    ]
    if kecamatan is None:
        kolom.insert(0, Kolom("kecamatan", "Kecamatan", lebar=14))
    return TabelResmi(
        nama="Kesenjangan",
        judul=f"Indikator yang Belum Mencapai Target {sd} {tahun}",
        keterangan="Diurutkan dari kesenjangan terbesar; keterangan dari kecamatan.",
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Tidak ada indikator di bawah target: semua target tercapai.",
        rumus=(
            Rumus(
                "capaian_sd_persen", "rasio", "capaian_sd_persen", "realisasi_sd", ("target_sd",)
            ),
        ),
    )


_KEPARAHAN = {"tinggi": "Tinggi", "sedang": "Sedang", "rendah": "Rendah"}


def tabel_temuan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> TabelResmi:
    """Data-quality findings of the period, most severe first (:func:`gap_views.temuan`)."""
    f = gap_views.temuan(data, kecamatan, tahun, triwulan)
    jenis = text_cells(f["jenis"])
    out = pd.DataFrame(
        {
            "kecamatan": text_cells(f["kecamatan"]),
            "keparahan": text_cells(f["tingkat_keparahan"]).map(_KEPARAHAN).fillna("Rendah"),
            "kode": text_cells(f["kode"]),
            "uraian": text_cells(fmt.nama_tanpa_tanda_daftar(f["uraian"])),
            "kolom": laporan_temuan.label_kolom(f["kolom"]),
            "penjelasan": jenis.map(gap_views._PENJELASAN).fillna(""),
            "dilaporkan": pd.to_numeric(f["dilaporkan"], errors="coerce").astype("float64"),
            "dihitung": pd.to_numeric(f["dihitung"], errors="coerce").astype("float64"),
            "selisih": pd.to_numeric(f["selisih"], errors="coerce").astype("float64"),
            "pesan": text_cells(f["pesan"]),
            # where the office finds it, as the page says it: "berkas X, baris 70"
            "sumber": text_cells(
                fmt.tempat(f["sumber"]).where(f["sumber"].fillna("").astype("str").ne(""), "")
            ),
        }
    )
    desimal = laporan_temuan.desimal_temuan(f["kolom"])
    for key in ("dilaporkan", "dihitung", "selisih"):
        # one format per kind of figure: 44,70 (%) and 89,39 (%), not 44,7 beside 89,39
        out[f"_desimal_{key}"] = desimal.to_numpy()
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = [
        Kolom("keparahan", "Tingkat keparahan", lebar=10),
        Kolom("kode", "Kode", lebar=15),
        Kolom("uraian", "Uraian", lebar=32),
        Kolom("penjelasan", "Jenis temuan", lebar=34),
        Kolom("dilaporkan", "Dilaporkan", "angka", grup="Angka", lebar=14),
        Kolom("dihitung", "Dihitung ulang", "angka", grup="Angka", lebar=14),
        Kolom("selisih", "Selisih", "angka", grup="Angka", lebar=12),
        Kolom("pesan", "Rincian", lebar=44),
        Kolom("sumber", "Letak pada berkas kecamatan", lebar=28),
    ]
    if kecamatan is None:
        kolom.insert(0, Kolom("kecamatan", "Kecamatan", lebar=14))
    return TabelResmi(
        nama="Temuan",
        judul=f"Temuan Kualitas Data {fmt.nama_triwulan(triwulan)} {tahun}",
        keterangan=(
            "Angka yang dilaporkan tetapi tidak cocok dengan hasil hitung ulang, atau baris "
            "yang perlu diperiksa pada dokumen sumber."
        ),
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Tidak ada temuan kualitas data untuk periode ini.",
    )
