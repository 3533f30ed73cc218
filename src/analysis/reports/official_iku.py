"""The IKU table across years (seed 004 Tabel 3.2/3.3, seed 002)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import tercetak, views
from analysis.reports.loading import Tabel
from analysis.reports.official_table import KALIMAT_TERCETAK, Kolom, Rumus, TabelResmi, text_cells


def tabel_iku(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """Main indicators (IKM, Nilai LAKIP, ...) with target, realisasi and capaian per year.

    The values are :func:`analysis.reports.views.riwayat_iku`'s: the annual figure, or the
    latest quarter up to the report's quarter for the report's own year. A capaian the
    office printed is shown as printed; where realisasi / target differs beyond the
    tolerance it is marked and ``hitung_ulang`` gives the recomputed figure, its year and
    rule (:func:`analysis.reports.tercetak.banding_iku`).
    """
    r = views.riwayat_iku(data, kecamatan, tahun, triwulan)
    years = sorted(int(y) for y in r["tahun"].unique()) if len(r) else []
    if len(r):
        r = r.assign(_indikator=text_cells(r["indikator"]), tahun=r["tahun"].astype("int64"))
        # The office's printed capaian where it printed one, marked where realisasi /
        # target (polaritas negatif: the package's formula) does not confirm it.
        band = tercetak.banding_iku(r)
        r = r.assign(
            _tampil=tercetak.tampil(band, "capaian"),
            _desimal=tercetak.desimal_tampil(band, "capaian"),
            _berbeda=band["capaian_berbeda"],
            _catatan=tercetak.catatan_baris(band, ("capaian",)),
        )
        r["_catatan"] = r["_catatan"].where(
            r["_catatan"].eq(""), r["tahun"].astype("str") + ": " + r["_catatan"]
        )
        order = r.drop_duplicates("_indikator")[["_indikator", "satuan"]].reset_index(drop=True)
        stems = ("target", "realisasi", "_tampil", "capaian_persen", "_berbeda", "_desimal")
        wide = r.pivot_table(
            index="_indikator", columns="tahun", values=list(stems), aggfunc="first", dropna=False
        )
        out = pd.DataFrame({"no": np.arange(1, len(order) + 1)}, dtype="float64")
        out["indikator"] = order["_indikator"]
        out["satuan"] = text_cells(order["satuan"])
        names = {
            "_tampil": "capaian_persen",
            "capaian_persen": "_hitung_capaian_persen",
            "_desimal": "_desimal_capaian_persen",
        }
        for y in years:
            for stem in stems:
                col = (stem, y)
                src = wide[col] if col in wide.columns else pd.Series(dtype="float64")
                values = order["_indikator"].map(src).astype("float64").to_numpy()
                out[f"{names.get(stem, stem)}_{y}"] = values
        flags = [
            out.pop(f"_berbeda_{y}").eq(1).map({True: f"capaian_persen_{y}", False: ""})
            for y in years
        ]
        out["_tanda"] = pd.concat(flags, axis=1).apply(
            lambda x: " ".join(p for p in x if p), axis=1
        )
        notes = r[r["_catatan"].ne("")].sort_values("tahun").groupby("_indikator")["_catatan"]
        out["hitung_ulang"] = out["indikator"].map(notes.agg("; ".join)).astype("object")
        out["hitung_ulang"] = out["hitung_ulang"].fillna("")
    else:
        out = pd.DataFrame(
            {"no": pd.Series(dtype="float64"), "indikator": [], "satuan": []}, dtype="object"
        )
        out["hitung_ulang"] = pd.Series(dtype="object")
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = [
        Kolom("no", "No", "bilangan", lebar=5),
        Kolom("indikator", "Indikator Kinerja", lebar=36),
        Kolom("satuan", "Satuan", lebar=9),
    ]
    for y in years:
        label = f"{y} s/d TW {fmt.romawi(triwulan)}" if y == int(tahun) else str(y)
        kolom += [
            Kolom(f"target_{y}", "Target", "angka", grup=label, lebar=9),
            Kolom(f"realisasi_{y}", "Realisasi", "angka", grup=label, lebar=9),
            Kolom(f"capaian_persen_{y}", "Capaian (%)", "persen", grup=label, lebar=9),
        ]
    kolom.append(Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=36, opsional=True))
    marked = out["hitung_ulang"].ne("").any()
    return TabelResmi(
        nama="IKU",
        judul=(
            f"Perbandingan Target dan Realisasi Indikator Kinerja Utama dengan Tahun-Tahun "
            f"Sebelumnya, Kecamatan {kecamatan}"
        ),
        keterangan=(
            "Nilai tahunan; untuk tahun laporan, nilai triwulan terakhir sampai triwulan laporan. "
            + KALIMAT_TERCETAK
        ),
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Data Indikator Kinerja Utama (IKU) belum tersedia.",
        catatan=(tercetak.CATATAN_TANDA,) if marked else (),
        rumus=tuple(
            Rumus(
                f"capaian_persen_{y}",
                "rasio",
                f"_hitung_capaian_persen_{y}",
                f"realisasi_{y}",
                (f"target_{y}",),
            )
            for y in years
        ),
    )
