"""The regency overview (ringkasan kabupaten): ranking, program matrix, band distribution,
findings summary and the list of kecamatan reports.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis import region
from analysis.metrics import hierarchy
from analysis.reports import scope
from analysis.reports.gap_views import temuan
from analysis.reports.loading import Tabel, tersedia
from analysis.reports.markup import Html, label_kategori, render
from analysis.reports.period import periode
from analysis.schema import KATEGORI

DESIMAL_EFISIENSI = 1
"""Decimals of the nilai efisiensi wherever it is printed (the page's cards, the overview
and its workbook): one value, 49,4, in each."""


def judul_ringkasan(tahun: int, triwulan: int) -> str:
    """Page title of the overview."""
    masa = f"{fmt.nama_triwulan(triwulan)} {tahun}"
    return f"Ringkasan Kinerja Kecamatan se-{region.current().nama} - {masa}"


def kepala_ringkasan(data: Tabel, tahun: int, triwulan: int) -> Html:
    """Title block of the regency overview."""
    n = int(periode(tersedia(data), None, tahun, triwulan)["kecamatan"].nunique())
    return render(
        "kepala.html.j2",
        judul=judul_ringkasan(tahun, triwulan),
        subjudul=(
            f"Perbandingan {n} kecamatan yang melaporkan data. Capaian dan serapan dihitung "
            f"kumulatif dari Triwulan I sampai {fmt.nama_triwulan(triwulan)} {tahun}."
        ),
    )


def peringkat(data: Tabel, tahun: int, triwulan: int) -> pd.DataFrame:
    """Kecamatan ranked by capaian s/d TW (ties broken by serapan), with the gaps count."""
    r = periode(data.ringkasan, None, tahun, triwulan)
    r = r[r["tingkat"] == "kecamatan"][
        [
            "kecamatan",
            "capaian_persen",
            "serapan_persen",
            "kategori",
            "nilai_efisiensi",
            "kuadran",
            "pagu",
            "anggaran_sd",  # no cash plan: serapan is against pagu, and the chart says so
            "realisasi_anggaran_sd",
        ]
    ]
    kin = periode(data.kinerja, None, tahun, triwulan)
    behind = (kin["capaian_sd_persen"] < 100).groupby(kin["kecamatan"]).sum().rename("tertinggal")
    counted = kin["capaian_sd_persen"].notna().groupby(kin["kecamatan"]).sum().rename("indikator")
    r = r.merge(behind.reset_index(), on="kecamatan", how="left").merge(
        counted.reset_index(), on="kecamatan", how="left"
    )
    lingkup = scope.lingkup_kecamatan(periode(data.ringkasan, None, tahun, triwulan))
    r = r.merge(
        lingkup[["kecamatan", "program", "sub_kegiatan", "sebagian"]], on="kecamatan", how="left"
    )
    r["sebagian"] = r["sebagian"].fillna(False).astype("bool")
    r = r.sort_values(
        ["capaian_persen", "serapan_persen"], ascending=False, na_position="last"
    ).reset_index(drop=True)
    r.insert(0, "peringkat", np.arange(1, len(r) + 1))
    r.attrs["triwulan"] = int(triwulan)  # for the notes under the table
    return r


HEMAT_AKHIR_TAHUN = (
    "Di akhir tahun, serapan di bawah 91% dengan target tercapai bukan otomatis "
    "penghematan: anggaran yang tidak terserap perlu dijelaskan (sisa pengadaan, "
    "kegiatan tidak terlaksana, atau perencanaan anggaran yang terlalu besar)."
)


KUADRAN_ARTI = (
    "Kuadran: capaian kinerja dan serapan anggaran dibandingkan dengan batas kategori "
    "Sangat Tinggi (garis putus pada grafik capaian vs serapan) - sesuai rencana: "
    "keduanya mencapai batas; hemat: capaian mencapai batas, serapan di bawahnya; boros: "
    "serapan mencapai batas, capaian di bawahnya; tertinggal: keduanya di bawah batas."
)


def catatan_peringkat(ranking: pd.DataFrame) -> list[str]:
    """What the ranking's quadrant words mean, and why a kecamatan has no serapan."""
    notes = [KUADRAN_ARTI]
    if "sebagian" in ranking and ranking["sebagian"].any():
        part = ranking[ranking["sebagian"]]
        named = [
            f"{k} ({fmt.angka(p)} program, {fmt.angka(s)} sub kegiatan)"
            for k, p, s in zip(
                part["kecamatan"], part["program"], part["sub_kegiatan"], strict=True
            )
        ]
        notes.append(
            "Hanya sebagian kantor (misalnya laporan satu seksi): "
            + ", ".join(named)
            + ". Capaiannya bukan kinerja kecamatan secara utuh dan tidak sebanding dengan "
            "kecamatan lain."
        )
    if ranking.attrs.get("triwulan") == 4 and ranking["kuadran"].eq("hemat").any():
        notes.append(HEMAT_AKHIR_TAHUN)
    no_serapan = ranking[ranking["serapan_persen"].isna()]
    if len(no_serapan):
        no_money = no_serapan[["pagu", "anggaran_sd", "realisasi_anggaran_sd"]].isna().all(axis=1)
        no_spending = no_serapan["realisasi_anggaran_sd"].isna() & ~no_money
        for names, why in (
            (no_serapan.loc[no_money, "kecamatan"], "anggarannya tidak dilaporkan"),
            (no_serapan.loc[no_spending, "kecamatan"], "realisasi anggarannya tidak dilaporkan"),
            (
                no_serapan.loc[~no_money & ~no_spending, "kecamatan"],
                "tidak ada anggaran kas maupun pagu untuk dibandingkan",
            ),
        ):
            if len(names):
                notes.append(
                    f"Serapan dan kuadran kosong ({fmt.KOSONG}) untuk "
                    + ", ".join(names.astype("str"))
                    + f": {why} untuk periode ini."
                )
    return notes


def peringkat_html(ranking: pd.DataFrame, tautan: dict[str, str] | None = None) -> Html:
    """Ranking table; ``tautan`` maps kecamatan -> relative link of its report."""
    if ranking.empty:
        return render("pesan.html.j2", pesan="Belum ada ringkasan kecamatan untuk periode ini.")
    tautan = tautan or {}
    shown = pd.DataFrame(
        {
            "peringkat": ranking["peringkat"].astype("str"),
            "kecamatan": ranking["kecamatan"].astype("str"),
            "tautan": ranking["kecamatan"].map(lambda k: tautan.get(k, "")),
            "capaian": ranking["capaian_persen"].map(fmt.persen),
            "kategori": ranking["kategori"].fillna(""),
            "label_kategori": ranking["kategori"].map(label_kategori),
            "serapan": ranking["serapan_persen"].map(fmt.persen),
            "efisiensi": ranking["nilai_efisiensi"].map(lambda v: fmt.angka(v, DESIMAL_EFISIENSI)),
            "kuadran": ranking["kuadran"].fillna(fmt.KOSONG),
            "tertinggal": ranking["tertinggal"].fillna(0).astype("int64").map(fmt.angka),
            "indikator": ranking["indikator"].fillna(0).astype("int64").map(fmt.angka),
        }
    )
    return render(
        "tabel_peringkat.html.j2",
        baris=shown.to_dict("records"),
        catatan=catatan_peringkat(ranking),
    )


def matriks_program(data: Tabel, tahun: int, triwulan: int) -> pd.DataFrame:
    """Kecamatan x program capaian (heatmap input).

    Programs are matched across kecamatan by ``kunci`` (the normalised code, else the
    normalised name) and labelled with their most common uraian, since offices spell the
    same program differently. Every program a kecamatan of the quarter reports is a
    column, also one without a capaian yet (its cell empty), as in the kecamatan's own
    Tabel 3.4 (:func:`analysis.reports.hierarchy_rows.simpul`).
    """
    r = periode(data.ringkasan, None, tahun, triwulan)
    r = r[r["tingkat"] == "program"]
    if r.empty:
        return pd.DataFrame()
    k = periode(data.kinerja, None, tahun, triwulan)
    a = periode(data.anggaran, None, tahun, triwulan)
    frames = [f[f["kecamatan"].isin(r["kecamatan"])] for f in (k, a[a["tingkat"] != "rekening"])]
    found = hierarchy.nodes([f for f in frames if len(f)] or [k.iloc[:0]])
    found = found.loc[found["tingkat"] == "program", ["kecamatan", "kunci", "uraian"]]
    r = pd.concat([r, found.assign(capaian_persen=np.nan)], ignore_index=True)
    r = r.drop_duplicates(["kecamatan", "kunci"])
    label = r.groupby("kunci")["uraian"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else "")
    m = r.pivot_table(
        index="kecamatan", columns="kunci", values="capaian_persen", aggfunc="mean", dropna=False
    )
    m.columns = [str(label.get(k, k)) for k in m.columns]
    return m


def distribusi_kategori(data: Tabel, tahun: int, triwulan: int) -> pd.DataFrame:
    """Number of indicators per band per kecamatan (stacked bar input)."""
    kin = periode(data.kinerja, None, tahun, triwulan)
    kin = kin[kin["kategori"].isin(KATEGORI)]
    counts = pd.crosstab(kin["kecamatan"], kin["kategori"])
    return counts.reindex(columns=list(KATEGORI), fill_value=0)


def ringkasan_temuan(data: Tabel, tahun: int, triwulan: int) -> pd.DataFrame:
    """Findings per kecamatan by severity (overview table)."""
    f = temuan(data, None, tahun, triwulan)
    if f.empty:
        return pd.DataFrame(columns=["kecamatan", "tinggi", "sedang", "rendah", "jumlah"])
    t = pd.crosstab(f["kecamatan"], f["tingkat_keparahan"].fillna("rendah"))
    t = t.reindex(columns=["tinggi", "sedang", "rendah"], fill_value=0)
    t["jumlah"] = t.sum(axis=1)
    return t.reset_index().sort_values("jumlah", ascending=False, ignore_index=True)


def ringkasan_temuan_html(summary: pd.DataFrame) -> Html:
    """Findings per kecamatan as a table; nothing when there are none (the findings list
    under it says so once, instead of the same sentence twice)."""
    if summary.empty:
        return Html("")
    kolom = [
        ("kecamatan", "Kecamatan", False),
        ("tinggi", "Tinggi", True),
        ("sedang", "Sedang", True),
        ("rendah", "Rendah", True),
        ("jumlah", "Jumlah", True),
    ]
    shown = summary.astype({c: "str" for c, _, _ in kolom})
    return render(
        "tabel_umum.html.j2", kolom=kolom, baris=shown.to_dict("records"), kategori_kolom=None
    )


def daftar_laporan(
    data: Tabel, pilihan: Sequence[tuple[str, int, int]] | None = None
) -> pd.DataFrame:
    """Headline figures of every available report, one vectorised pass (index page input)."""
    ada = tersedia(data)
    if pilihan is not None:
        wanted = pd.DataFrame(list(pilihan), columns=["kecamatan", "tahun", "triwulan"])
        ada = ada.merge(wanted, on=["kecamatan", "tahun", "triwulan"])
    keys = ["kecamatan", "tahun", "triwulan"]
    r = data.ringkasan
    r = r.loc[
        r["tingkat"] == "kecamatan", [*keys, "capaian_persen", "serapan_persen", "kategori"]
    ].copy()
    r["tahun"] = r["tahun"].astype("int64")
    r["triwulan"] = r["triwulan"].astype("int64")
    kin = data.kinerja[[*keys, "capaian_sd_persen"]].copy()
    kin["tertinggal"] = kin["capaian_sd_persen"] < 100
    kin["indikator"] = kin["capaian_sd_persen"].notna()
    counts = kin.groupby(keys, as_index=False)[["tertinggal", "indikator"]].sum()
    counts["tahun"] = counts["tahun"].astype("int64")
    counts["triwulan"] = counts["triwulan"].astype("int64")
    lingkup = scope.lingkup_kecamatan(data.ringkasan)[[*keys, "sebagian"]]
    lingkup["tahun"] = lingkup["tahun"].astype("int64")
    lingkup["triwulan"] = lingkup["triwulan"].astype("int64")
    out = (
        ada.merge(r, on=keys, how="left")
        .merge(counts, on=keys, how="left")
        .merge(lingkup, on=keys, how="left")
    )
    out["sebagian"] = out["sebagian"].fillna(False).astype("bool")
    return out


def catatan_rusak_html(kecamatan: Sequence[str]) -> Html:
    """Note naming the kecamatan left out of the overview (nothing when none)."""
    if not kecamatan:
        return Html("")
    return render(
        "pesan.html.j2",
        pesan=(
            "Tidak disertakan karena data olahannya tidak wajar (nilai tak hingga): "
            + ", ".join(kecamatan)
            + ". Lihat laporan kecamatan tersebut untuk rinciannya."
        ),
    )
