"""The analysis written out: one paragraph per program and per IKU, and a conclusion.

Sentences are templates filled from the same frames the tables and charts show (the
roll-up ``ringkasan``, ``kinerja`` and the IKU history): no number is computed here that
the page does not print elsewhere, and every number is formatted by
:mod:`analysis.formatting` exactly as the tables format it. The office's own KET notes
become *faktor pendukung* (indicators at or above target) and *faktor penghambat*
(behind target), quoted, shortened to one sentence.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.bands import KATEGORI_LABEL

AMBANG = 91.0
"""Lower edge of Sangat Tinggi: below it a capaian or serapan is worth a sentence."""

_MAKS_CATATAN = 160


def _kat(kode: object) -> str:
    return KATEGORI_LABEL.get(str(kode), "tanpa kategori")


def _kutip(teks: object) -> str:
    value = " ".join(str(teks).split())
    if len(value) > _MAKS_CATATAN:
        value = value[: _MAKS_CATATAN - 1].rsplit(" ", 1)[0] + "…"
    return f"“{value}”"


def _selisih(now: float, before: float) -> str:
    diff = now - before
    if abs(diff) < 1.0:
        return f"relatif tetap (tahun lalu {fmt.persen(before)})"
    arah = "naik" if diff > 0 else "turun"
    return f"{arah} {fmt.poin(abs(diff))} poin dari {fmt.persen(before)} tahun lalu"


def _serapan(row: pd.Series, triwulan: int) -> str:
    if fmt.is_missing(row.get("serapan_persen")):
        if not fmt.is_missing(row.get("pagu")):
            return (
                f"Pagu {fmt.rupiah(row['pagu'])}; realisasi anggaran belum dilaporkan, sehingga "
                "serapan belum dapat dihitung."
            )
        return "Anggaran dan realisasinya tidak dilaporkan; serapan belum dapat dihitung."
    tanpa_kas = fmt.is_missing(row.get("anggaran_sd"))
    basis = "pagu (tidak ada anggaran kas)" if tanpa_kas else "anggaran kas"
    dasar = row["pagu"] if tanpa_kas else row["anggaran_sd"]
    text = (
        f"Serapan anggaran {fmt.persen(row['serapan_persen'])} terhadap {basis}: realisasi "
        f"{fmt.rupiah(row['realisasi_anggaran_sd'])} dari {fmt.rupiah(dasar)}."
    )
    hemat = (
        not fmt.is_missing(row.get("capaian_persen"))
        and row["capaian_persen"] >= AMBANG
        and row["serapan_persen"] < AMBANG
    )
    if hemat and int(triwulan) == 4:
        text += (
            " Target kinerja tercapai dengan serapan di bawah 91%: anggaran yang tidak terserap "
            "perlu dijelaskan (penghematan, sisa pengadaan, atau kegiatan yang tidak "
            "terlaksana), bukan otomatis dinilai efisien."
        )
    elif hemat:
        text += " Kinerja mendahului serapan; realisasi anggaran perlu dipantau hingga akhir tahun."
    return text


def _faktor(kin: pd.DataFrame) -> str:
    """Faktor pendukung/penghambat from the office's notes of the node's indicators."""
    noted = kin[kin["keterangan"].notna() & kin["capaian_sd_persen"].notna()]
    behind = noted[noted["capaian_sd_persen"] < 100].drop_duplicates("keterangan")
    ahead = noted[noted["capaian_sd_persen"] >= 100].drop_duplicates("keterangan")
    parts = []
    if len(ahead):
        parts.append(
            "Faktor pendukung menurut kecamatan: "
            + "; ".join(ahead["keterangan"].head(2).map(_kutip))
            + "."
        )
    if len(behind):
        parts.append(
            "Faktor penghambat: " + "; ".join(behind["keterangan"].head(2).map(_kutip)) + "."
        )
    return " ".join(parts)


def paragraf_program(
    ringkasan: pd.DataFrame,
    kinerja: pd.DataFrame,
    program: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
) -> list[dict[str, str]]:
    """One paragraph per program (``program``: the program rows of the report, in code
    order, as :func:`analysis.reports.views.capaian_program` gives them)."""
    before = ringkasan[
        (ringkasan["kecamatan"] == kecamatan)
        & (ringkasan["tahun"] == tahun - 1)
        & (ringkasan["triwulan"] == triwulan)
        & (ringkasan["tingkat"] == "program")
    ].set_index("kunci")["capaian_persen"]
    children = ringkasan[
        (ringkasan["kecamatan"] == kecamatan)
        & (ringkasan["tahun"] == tahun)
        & (ringkasan["triwulan"] == triwulan)
        & (ringkasan["tingkat"] == "kegiatan")
    ]
    n_keg = children.groupby("kunci_induk")["capaian_persen"].count()
    kin = kinerja[
        (kinerja["kecamatan"] == kecamatan)
        & (kinerja["tahun"] == tahun)
        & (kinerja["triwulan"] == triwulan)
    ]
    kin_program = kin["kunci_program"].fillna(kin["kunci"])
    out = []
    for row in program.to_dict("records"):
        r = pd.Series(row)
        nama = f"{r['uraian']}" + (f" ({r['kode']})" if not fmt.is_missing(r.get("kode")) else "")
        own = kin[kin_program.eq(r["kunci"]).to_numpy()]
        if fmt.is_missing(r.get("capaian_persen")):
            kalimat = [
                f"{nama} belum memiliki capaian kinerja {fmt.sd_tw(triwulan)} "
                "(tidak ada indikator bertarget)."
            ]
        else:
            jumlah = int(n_keg.get(r["kunci"], 0))
            asal = f", rata-rata dari {jumlah} kegiatan" if jumlah else ""
            kalimat = [
                f"{nama} mencapai capaian kinerja {fmt.persen(r['capaian_persen'])} "
                f"(kategori {_kat(r['kategori'])}) {fmt.sd_tw(triwulan)} {tahun}{asal}."
            ]
            prog_own = own[own["tingkat"].eq("program") & own["capaian_sd_persen"].notna()]
            if (
                len(prog_own) == 1
                and abs(prog_own["capaian_sd_persen"].iloc[0] - r["capaian_persen"]) >= 0.005
            ):
                kalimat.append(
                    "Indikator program sendiri, seperti dilaporkan kecamatan, mencatat "
                    f"{fmt.persen(prog_own['capaian_sd_persen'].iloc[0])}."
                )
            if r["kunci"] in before.index and not fmt.is_missing(before[r["kunci"]]):
                kalimat.append(
                    f"Dibanding {fmt.sd_tw(triwulan)} {tahun - 1}, capaian "
                    f"{_selisih(float(r['capaian_persen']), float(before[r['kunci']]))}."
                )
        kalimat.append(_serapan(r, triwulan))
        indikator = own[own["capaian_sd_persen"].notna()]
        behind = indikator[indikator["capaian_sd_persen"] < 100]
        if len(indikator) and behind.empty:
            kalimat.append(f"Semua {len(indikator)} indikator mencapai target.")
        elif len(behind):
            daftar = "; ".join(
                f"{i} ({fmt.persen(c)})"
                for i, c in zip(
                    behind["indikator"].fillna(behind["uraian"]),
                    behind["capaian_sd_persen"],
                    strict=True,
                )
            )
            kalimat.append(
                f"{len(behind)} dari {len(indikator)} indikator di bawah target: {daftar}."
            )
        faktor = _faktor(own)
        if faktor:
            kalimat.append(faktor)
        out.append({"judul": str(r["uraian"]), "teks": " ".join(kalimat)})
    return out


def paragraf_iku(riwayat: pd.DataFrame, tahun: int) -> list[dict[str, str]]:
    """One paragraph per IKU of the report's year (``riwayat``: the IKU history the page
    charts and tabulates)."""
    out = []
    for name, one in riwayat.groupby("indikator", sort=False):
        one = one.sort_values("tahun")
        now = one[one["tahun"] == tahun]
        if now.empty:
            continue
        n = now.iloc[-1]
        if fmt.is_missing(n["realisasi"]):
            teks = (
                f"{name} {tahun}: target {fmt.angka_ringkas(n['target'])}, realisasi belum "
                "dilaporkan, sehingga capaiannya belum dapat dinilai."
            )
        else:
            teks = (
                f"{name} {tahun}: realisasi {fmt.angka_ringkas(n['realisasi'])} terhadap target "
                f"{fmt.angka_ringkas(n['target'])}, capaian {fmt.persen(n['capaian_persen'])} "
                f"(kategori {_kat(n.get('kategori'))})."
            )
            if not fmt.is_missing(n["capaian_persen"]) and n["capaian_persen"] < 100:
                teks += " Target belum tercapai; indikator ini masuk daftar kesenjangan."
            prev = one[(one["tahun"] == tahun - 1) & one["realisasi"].notna()]
            if len(prev):
                p = prev.iloc[-1]
                arah = (
                    "naik"
                    if n["realisasi"] > p["realisasi"]
                    else "turun"
                    if n["realisasi"] < p["realisasi"]
                    else "tetap"
                )
                teks += (
                    f" Realisasi {arah} dari {fmt.angka_ringkas(p['realisasi'])} "
                    f"pada {int(p['tahun'])}."
                )
        out.append({"judul": str(name), "teks": teks})
    return out


def kesimpulan(
    utama: dict[str, object],
    program: pd.DataFrame,
    jumlah_temuan: int,
    tahun: int,
    triwulan: int,
) -> str:
    """The conclusion paragraph of a kecamatan report (``utama``: the headline cards)."""
    kec = utama["kecamatan"]
    if utama["capaian"] is None:
        awal = (
            f"Capaian kinerja Kecamatan {kec} {fmt.sd_tw(triwulan)} {tahun} belum dapat dihitung."
        )
    else:
        awal = (
            f"Secara keseluruhan, capaian kinerja Kecamatan {kec} {fmt.sd_tw(triwulan)} {tahun} "
            f"adalah {fmt.persen(utama['capaian'])} (kategori {_kat(utama['kategori'])})"
        )
        if utama["serapan"] is not None:
            awal += (
                f" dengan serapan anggaran {fmt.persen(utama['serapan'])}, realisasi "
                f"{fmt.rupiah(utama['realisasi_anggaran_sd'])} dari pagu "
                f"{fmt.rupiah(utama['pagu'])}"
            )
        awal += "."
    kalimat = [awal]
    rated = program.dropna(subset=["capaian_persen"])
    if len(rated):
        st = int((rated["capaian_persen"] >= AMBANG).sum())
        kalimat.append(f"{st} dari {len(rated)} program berkategori Sangat Tinggi.")
        low = rated.nsmallest(1, "capaian_persen").iloc[0]
        if low["capaian_persen"] < AMBANG:
            kalimat.append(
                f"Capaian terendah: {low['uraian']} ({fmt.persen(low['capaian_persen'])})."
            )
    kalimat.append(
        f"{fmt.angka(utama['tertinggal'])} dari {fmt.angka(utama['indikator'])} indikator "
        "belum mencapai target"
        + ("; rinciannya ada pada daftar kesenjangan." if utama["tertinggal"] else ".")
    )
    if jumlah_temuan:
        kalimat.append(
            f"{fmt.angka(jumlah_temuan)} temuan kualitas data perlu dicek pada dokumen sumber "
            "sebelum laporan ini diteruskan."
        )
    return " ".join(kalimat)
