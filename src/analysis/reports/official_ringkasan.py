"""The regency overview's tables, for its workbook: ranking, program x kecamatan, findings.

Same description as the kecamatan tables (:class:`analysis.reports.official.TabelResmi`);
the values are those of the overview page (:mod:`analysis.reports.views`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import markup, overview, tercetak
from analysis.reports.loading import Tabel
from analysis.reports.official_gaps import tabel_temuan
from analysis.reports.official_table import Kolom, TabelResmi, text_cells


def tabel_peringkat(data: Tabel, tahun: int, triwulan: int) -> TabelResmi:
    """Kecamatan ranked by capaian s/d TW (:func:`overview.peringkat`)."""
    r = overview.peringkat(data, tahun, triwulan)
    out = pd.DataFrame(
        {
            "peringkat": r["peringkat"].astype("float64"),
            "kecamatan": text_cells(r["kecamatan"]),
            "capaian": r["capaian_persen"].astype("float64"),
            "kategori": r["kategori"].map(markup.label_kategori).replace(fmt.KOSONG, ""),
            "serapan": r["serapan_persen"].astype("float64"),
            "efisiensi": r["nilai_efisiensi"].astype("float64"),
            "kuadran": text_cells(r["kuadran"]),
            "pagu": r["pagu"].astype("float64"),
            "realisasi_anggaran_sd": r["realisasi_anggaran_sd"].astype("float64"),
            "tertinggal": r["tertinggal"].astype("float64"),
            "indikator": r["indikator"].astype("float64"),
        }
    )
    # The office's printed total beside the recomputed one it does not match.
    band = tercetak.banding_kecamatan(data, tahun, triwulan)
    band = r[["kecamatan"]].merge(band, on="kecamatan", how="left")
    out["hitung_ulang"] = tercetak.catatan_baris(band, ("capaian", "pagu")).to_numpy()
    # one decimal, as the page's cards and the overview print it (49,4, not 49,41 here)
    out["_desimal_efisiensi"] = overview.DESIMAL_EFISIENSI
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    sd = fmt.sd_tw(triwulan)
    kolom = (
        Kolom("peringkat", "Peringkat", "bilangan", lebar=9),
        Kolom("kecamatan", "Kecamatan", lebar=16),
        Kolom("capaian", "Capaian (%)", "persen", grup=f"Kinerja {sd}", lebar=10),
        Kolom("kategori", "Kategori", grup=f"Kinerja {sd}", lebar=14),
        Kolom("tertinggal", "Indikator di bawah target", "bilangan", grup=f"Kinerja {sd}"),
        Kolom("indikator", "Jumlah indikator", "bilangan", grup=f"Kinerja {sd}", lebar=10),
        Kolom("pagu", "Pagu (Rp.)", "rupiah", grup=f"Anggaran {sd}", lebar=17),
        Kolom("realisasi_anggaran_sd", "Realisasi (Rp.)", "rupiah", grup=f"Anggaran {sd}"),
        Kolom("serapan", "Serapan (%)", "persen", grup=f"Anggaran {sd}", lebar=10),
        Kolom("efisiensi", "Nilai efisiensi", "angka", lebar=10),
        Kolom("kuadran", "Kuadran", lebar=15),
        Kolom("hitung_ulang", "Angka tercetak kecamatan (bila berbeda)", lebar=34, opsional=True),
    )
    return TabelResmi(
        nama="Peringkat",
        judul=f"Peringkat Kinerja Kecamatan {fmt.nama_triwulan(triwulan)} {tahun}",
        keterangan=" ".join(
            [
                "Diurutkan menurut capaian kinerja, lalu serapan anggaran (terhadap anggaran kas).",
                *(overview.catatan_peringkat(r) if len(r) else []),
            ]
        ),
        kolom=kolom,
        baris=out,
        pesan_kosong="Belum ada ringkasan kecamatan untuk periode ini.",
    )


def tabel_program_kecamatan(data: Tabel, tahun: int, triwulan: int) -> TabelResmi:
    """Program x kecamatan capaian s/d TW (:func:`overview.matriks_program`, transposed)."""
    m = overview.matriks_program(data, tahun, triwulan)
    names = [str(k) for k in m.index]
    out = pd.DataFrame({"program": [str(c) for c in m.columns]})
    for i in range(len(names)):
        out[f"k{i}"] = m.iloc[i].to_numpy(dtype="float64")
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = [Kolom("program", "Program", lebar=48)]
    kolom += [
        Kolom(f"k{i}", name, "persen", grup="Capaian (%) per kecamatan", lebar=12)
        for i, name in enumerate(names)
    ]
    return TabelResmi(
        nama="Program x Kecamatan",
        judul=f"Capaian Program per Kecamatan {fmt.sd_tw(triwulan)} {tahun}",
        keterangan=(
            "Program yang sama di kecamatan berbeda dicocokkan menurut kodenya; "
            "sel kosong: program tidak ada di kecamatan itu atau belum ada capaiannya."
        ),
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Belum ada capaian program untuk periode ini.",
    )


def tabel_temuan_kecamatan(data: Tabel, tahun: int, triwulan: int) -> TabelResmi:
    """Findings per kecamatan by severity (:func:`overview.ringkasan_temuan`)."""
    s = overview.ringkasan_temuan(data, tahun, triwulan)
    out = pd.DataFrame(
        {
            "kecamatan": text_cells(s["kecamatan"]),
            **{c: s[c].astype("float64") for c in ("tinggi", "sedang", "rendah", "jumlah")},
        }
    )
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = (
        Kolom("kecamatan", "Kecamatan", lebar=16),
        Kolom("tinggi", "Tinggi", "bilangan", grup="Jumlah temuan menurut keparahan", lebar=9),
        Kolom("sedang", "Sedang", "bilangan", grup="Jumlah temuan menurut keparahan", lebar=9),
        Kolom("rendah", "Rendah", "bilangan", grup="Jumlah temuan menurut keparahan", lebar=9),
        Kolom("jumlah", "Jumlah", "bilangan", lebar=9),
    )
    return TabelResmi(
        nama="Temuan per Kecamatan",
        judul=f"Jumlah Temuan Kualitas Data per Kecamatan {fmt.nama_triwulan(triwulan)} {tahun}",
        kolom=kolom,
        baris=out,
        pesan_kosong="Tidak ada temuan kualitas data untuk periode ini.",
    )


def tabel_ringkasan(data: Tabel, tahun: int, triwulan: int) -> list[TabelResmi]:
    """The overview workbook's tables."""
    return [
        tabel_peringkat(data, tahun, triwulan),
        tabel_program_kecamatan(data, tahun, triwulan),
        tabel_temuan_kecamatan(data, tahun, triwulan),
        tabel_temuan(data, None, tahun, triwulan),
    ]
