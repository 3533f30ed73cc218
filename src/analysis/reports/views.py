"""What the kecamatan report notebook shows, prepared from the processed tables.

The notebooks are the reports' text and layout; every number they print comes from a
function here or in its siblings, so the logic is tested like any other code and a
notebook cell stays one readable line (``views.kartu_utama(data, ...)``). Functions take
the loaded tables (:class:`~analysis.reports.loading.Tabel`) and the report's
parameters, return DataFrames for charts or :class:`~analysis.reports.markup.Html`
fragments for display.

Siblings: :mod:`.loading` (the processed tables and their checks), :mod:`.markup` (the
autoescaping templates), :mod:`.gap_views` (gap list and findings), :mod:`.overview`
(the regency overview). The maths (capaian, serapan, bands, gaps) lives in
:mod:`analysis.metrics`; this module only selects, orders, joins and formats.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis import region
from analysis.reports import action_plan, narrative, prose, scope, tercetak
from analysis.reports import findings as laporan_temuan
from analysis.reports.gap_views import daftar_kesenjangan, temuan
from analysis.reports.hierarchy_rows import baris_hirarki, simpul
from analysis.reports.loading import Tabel
from analysis.reports.markup import Html, label_kategori, render
from analysis.reports.memo import sekali
from analysis.reports.overview import DESIMAL_EFISIENSI, HEMAT_AKHIR_TAHUN
from analysis.reports.period import periode

URUTAN_TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


# --- one kecamatan ----------------------------------------------------------------------


def judul_laporan(kecamatan: str, tahun: int, triwulan: int) -> str:
    """Page title: ``Laporan Kinerja Kecamatan Wotu - Triwulan IV 2024``."""
    return f"Laporan Kinerja Kecamatan {kecamatan} - {fmt.nama_triwulan(triwulan)} {tahun}"


def cakupan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> dict[str, int]:
    """How much of the office a report covers: nodes per level (those its Tabel 3.4
    lists, also a node without a capaian yet) and indicators."""
    nodes = simpul(data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan)
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    counts = nodes.drop_duplicates(["tingkat", "kunci"])["tingkat"].value_counts()
    return {
        "program": int(counts.get("program", 0)),
        "kegiatan": int(counts.get("kegiatan", 0)),
        "sub_kegiatan": int(counts.get("sub_kegiatan", 0)),
        "indikator": len(kin),
    }


def lingkup_laporan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> tuple[str, bool]:
    """The scope sentence of a report and whether it covers part of the office only
    (then the sentence says so: the HTML report and the Word draft both print it)."""
    c = cakupan(data, kecamatan, tahun, triwulan)
    lingkup = (
        f"Cakupan data: {c['program']} program, {c['kegiatan']} kegiatan, "
        f"{c['sub_kegiatan']} sub kegiatan, {c['indikator']} indikator."
    )
    sempit = bool(scope.sebagian_kantor(c["program"], c["sub_kegiatan"]))
    if sempit:
        lingkup += " " + scope.SEBAGIAN_KANTOR
    return lingkup, sempit


def kepala_laporan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """Title block of a kecamatan report, with the scope of the figures it holds."""
    lingkup, sempit = lingkup_laporan(data, kecamatan, tahun, triwulan)
    return render(
        "kepala.html.j2",
        judul=judul_laporan(kecamatan, tahun, triwulan),
        subjudul=(
            f"Kantor Kecamatan {kecamatan}, {region.current().nama}. Capaian dan serapan "
            f"dihitung kumulatif dari Triwulan I sampai {fmt.nama_triwulan(triwulan)} {tahun}."
        ),
        lingkup=lingkup,
        sempit=sempit,
    )


@sekali
def angka_utama(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> dict[str, object]:
    """Headline figures of one report (raw numbers; see :func:`kartu_utama` for display).

    ``capaian`` and ``serapan`` are the kecamatan roll-up of ``ringkasan`` (mean of the
    programs, cash-plan absorption s/d TW); ``tertinggal`` counts indicators whose
    capaian s/d TW is below 100 % of target, out of ``indikator`` with a capaian.
    """
    row = periode(data.ringkasan, kecamatan, tahun, triwulan)
    row = row[row["tingkat"] == "kecamatan"]
    first = row.iloc[0] if len(row) else pd.Series(dtype="object")
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    capaian = kin["capaian_sd_persen"]
    return {
        "kecamatan": kecamatan,
        "tahun": int(tahun),
        "triwulan": int(triwulan),
        "capaian": _float(first.get("capaian_persen")),
        "serapan": _float(first.get("serapan_persen")),
        "kategori": None if fmt.is_missing(first.get("kategori")) else str(first.get("kategori")),
        "nilai_efisiensi": _float(first.get("nilai_efisiensi")),
        "kuadran": None if fmt.is_missing(first.get("kuadran")) else str(first.get("kuadran")),
        "pagu": _float(first.get("pagu")),
        "realisasi_anggaran_sd": _float(first.get("realisasi_anggaran_sd")),
        "indikator": int(capaian.notna().sum()),
        "tertinggal": int((capaian < 100).sum()),
    }


def _float(value: object) -> float | None:
    if fmt.is_missing(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def kartu_utama(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """The headline cards at the top of a report; a money card whose printed program
    rows add up to another figure shows that figure beside its own."""
    a = angka_utama(data, kecamatan, tahun, triwulan)
    j = jumlah_anggaran(data, kecamatan, tahun, triwulan)

    band = tercetak.banding_simpul(data, kecamatan, tahun, triwulan)
    total = band[band["tingkat"] == "kecamatan"].head(1)

    def printed(m: str) -> str | None:
        """The office's printed total where the recomputed card figure differs."""
        text = tercetak.label_tercetak(total, m)
        return str(text.iloc[0]) if len(text) and text.iloc[0] else None

    tanpa_kas = a["serapan"] is not None and fmt.is_missing(j.at["dihitung", "anggaran_sd"])
    basis = "terhadap pagu: tidak ada anggaran kas" if tanpa_kas else "terhadap anggaran kas"
    kartu = [
        (
            f"Rata-rata capaian kinerja {fmt.sd_tw(triwulan)}",
            fmt.persen(a["capaian"]),
            a["kategori"],
            printed("capaian"),
        ),
        (
            f"Serapan anggaran {fmt.sd_tw(triwulan)} ({basis})",
            fmt.persen(a["serapan"]),
            None,
            printed("serapan"),
        ),
        ("Kategori capaian", label_kategori(a["kategori"]), None, None),
        (
            "Indikator di bawah target",
            f"{fmt.angka(a['tertinggal'])} dari {fmt.angka(a['indikator'])}",
            None,
            None,
        ),
        (
            f"Realisasi anggaran {fmt.sd_tw(triwulan)}",
            fmt.rupiah(a["realisasi_anggaran_sd"]),
            None,
            printed("realisasi_anggaran_sd"),
        ),
        ("Pagu tahunan", fmt.rupiah(a["pagu"]), None, printed("pagu")),
    ]
    penjelasan = None
    if a["kuadran"] == "hemat" and int(triwulan) == 4:
        penjelasan = HEMAT_AKHIR_TAHUN
    return render(
        "kartu.html.j2",
        kartu=kartu,
        kuadran=a["kuadran"],
        efisiensi=fmt.angka(a["nilai_efisiensi"], DESIMAL_EFISIENSI),
        arti_efisiensi=prose.arti_efisiensi(a["nilai_efisiensi"]),
        penjelasan_kuadran=penjelasan,
    )


def _hierarchy_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Order rows program > kegiatan > sub kegiatan, keeping the source order within each.

    The order a report lists its programs carries meaning (the planning document's
    order), so parents are placed by their first appearance, not alphabetically.
    """
    out = frame.reset_index(drop=True)
    pos = pd.Series(np.arange(len(out)), index=out.index)
    prog = out["kunci_program"].fillna(out["kunci"])
    keg = out["kunci_kegiatan"].fillna("")
    out["_p"] = pos.groupby(prog).transform("min")
    out["_k"] = np.where(keg == "", -1, pos.groupby([prog, keg]).transform("min"))
    out["_t"] = out["tingkat"].map(URUTAN_TINGKAT).fillna(3)
    out["_i"] = pos
    return out.sort_values(["_p", "_k", "_t", "_i"]).drop(columns=["_p", "_k", "_t", "_i"])


def tabel_kinerja(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """Every node of the report in code order with its own indicators and its roll-up
    (see :mod:`analysis.reports.hierarchy_rows`): parents the source left out are completed and
    marked, budget lines without an indicator are kept."""
    return baris_hirarki(data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan)


TANDA_PAGU = "†"
"""The page's mark on a serapan computed against the pagu."""


def _serapan_label(serapan: pd.Series, anggaran_sd: pd.Series) -> pd.Series:
    """Serapan as text; ``†`` marks serapan against the pagu (no cash plan printed). Not
    ``*``: the workbook and the Word draft mark a printed figure that differs with ``*``."""
    text = serapan.map(fmt.persen)
    against_pagu = serapan.notna() & anggaran_sd.isna()
    return text.where(~against_pagu, text + " " + TANDA_PAGU)


def tabel_kinerja_html(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """The program > kegiatan > sub kegiatan table with band colours."""
    t = tabel_kinerja(data, kecamatan, tahun, triwulan)
    if t.empty:
        return render("pesan.html.j2", pesan="Tidak ada indikator kinerja untuk periode ini.")
    first = ~t["lanjutan"]
    parent = t["tingkat"].ne("sub_kegiatan") & first
    turunan = t["capaian_persen"].where(parent)
    kat_turunan = t["kategori"].where(parent)
    serapan = _serapan_label(t["serapan_persen"], t["anggaran_sd"]).where(first, "")
    shown = pd.DataFrame(
        {
            "tingkat": t["tingkat"].astype("str"),
            "lanjutan": t["lanjutan"],
            "dilengkapi": t["sumber_simpul"].eq("dilengkapi"),
            "label_tingkat": t["tingkat"].map(fmt.nama_tingkat),
            "kode": t["kode"].fillna(""),
            "uraian": t["uraian"].fillna(""),
            "indikator": t["indikator"].fillna(""),
            "satuan": prose.satuan_tambahan(t["indikator"], t["satuan"]),
            "ada_indikator": t["ada_indikator"],
            "target": t["target_sd"].map(fmt.angka_ringkas).where(t["ada_indikator"], ""),
            "realisasi": t["realisasi_sd"].map(fmt.angka_ringkas).where(t["ada_indikator"], ""),
            "capaian": t["capaian_sd_persen"].map(fmt.persen).where(t["ada_indikator"], ""),
            "kategori": t["kategori_indikator"].fillna(""),
            "label_kategori": t["kategori_indikator"].map(label_kategori),
            "capaian_turunan": turunan.map(fmt.persen).where(parent, ""),
            "kategori_turunan": kat_turunan.fillna(""),
            "label_kategori_turunan": kat_turunan.map(label_kategori),
            "pagu": t["pagu"].map(fmt.angka).where(first, ""),
            "realisasi_anggaran": t["realisasi_anggaran_sd"].map(fmt.angka).where(first, ""),
            "serapan": serapan,
        }
    )
    shown["anggaran"] = t["anggaran_sd"].map(fmt.angka).where(first, "")
    # The office's printed figure under each recomputed one it does not match.
    band = tercetak.banding_simpul(data, kecamatan, tahun, triwulan)
    node = t[["tingkat", "kunci"]].merge(band, on=["tingkat", "kunci"], how="left")
    node.index = t.index
    own = t["target_sd"].notna() | t["realisasi_sd"].notna()
    shown["indikator_lain"] = tercetak.indikator_triwulan_lain(
        data, kecamatan, tahun, triwulan, t["kunci"]
    ).where(~t["ada_indikator"], "")
    ind = tercetak.banding_indikator(t)
    # one value per quantity: a printed capaian realisasi / target or the roll-up confirms
    # is shown as printed, at its precision (as the xlsx and docx show it)
    shown["capaian"] = tercetak.teks_capaian(ind).where(t["ada_indikator"], "")
    roll_up = pd.DataFrame(
        {
            "capaian_dilaporkan": node["capaian_dilaporkan"],
            "capaian_dihitung": turunan,
            "capaian_berbeda": node["capaian_berbeda"],
        }
    )
    shown["capaian_turunan"] = tercetak.teks_capaian(roll_up).where(parent, "")
    shown["tercetak_capaian"] = tercetak.label_tercetak(ind, "capaian").where(own, "")
    shown["tercetak_turunan"] = tercetak.label_tercetak(node, "capaian").where(parent, "")
    for q, name in (
        ("pagu", "pagu"),
        ("anggaran_sd", "anggaran"),
        ("realisasi_anggaran_sd", "realisasi_anggaran"),
        ("serapan", "serapan"),
    ):
        shown[f"tercetak_{name}"] = tercetak.label_tercetak(node, q).where(first, "")
    return render(
        "tabel_kinerja.html.j2",
        baris=shown.to_dict("records"),
        sd=fmt.sd_tw(triwulan),
        ada_pagu=bool(serapan.str.endswith(TANDA_PAGU).any()),
        ada_kas=bool(t["anggaran_sd"].notna().any()),
        jumlah=_baris_jumlah(data, kecamatan, tahun, triwulan),
        aturan=tercetak.kalimat_target_nol(data, kecamatan, tahun, triwulan),
    )


def jumlah_anggaran(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The kecamatan's money twice: ``dihitung`` (the roll-up every card and chart uses,
    each budget line once) and ``tercetak`` (the sum of the program rows as the source
    prints them). Columns ``pagu, anggaran_sd, realisasi_anggaran_sd``."""
    money = ["pagu", "anggaran_sd", "realisasi_anggaran_sd"]
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    r = r.loc[r["tingkat"] == "kecamatan", money]
    a = periode(data.anggaran, kecamatan, tahun, triwulan)
    a = a.loc[a["tingkat"] == "program", money]
    printed = a.sum(min_count=1) if len(a) else pd.Series(np.nan, index=money)
    computed = r.iloc[0] if len(r) else pd.Series(np.nan, index=money)
    return pd.DataFrame([computed.to_numpy(), printed.to_numpy()], columns=money,
                        index=["dihitung", "tercetak"]).astype("float64")  # fmt: skip


def _beda(a: object, b: object) -> bool:
    return not fmt.is_missing(a) and not fmt.is_missing(b) and abs(float(a) - float(b)) > 0.5


def _baris_jumlah(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> list[dict]:
    """The total row(s) under the table: the roll-up, and the printed program rows' sum
    when it differs (the difference is a finding in ``pemeriksaan``)."""
    j = jumlah_anggaran(data, kecamatan, tahun, triwulan)
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    r = r[r["tingkat"] == "kecamatan"]
    rows = []
    if j.loc["dihitung"].notna().any():
        rows.append(
            {
                "label": "Jumlah (dihitung, setiap baris anggaran sekali)",
                "capaian": fmt.persen(r["capaian_persen"].iloc[0]) if len(r) else "",
                "pagu": fmt.angka(j.at["dihitung", "pagu"]),
                "anggaran": fmt.angka(j.at["dihitung", "anggaran_sd"]),
                "realisasi_anggaran": fmt.angka(j.at["dihitung", "realisasi_anggaran_sd"]),
                "serapan": fmt.persen(r["serapan_persen"].iloc[0]) if len(r) else "",
            }
        )
    band = tercetak.banding_simpul(data, kecamatan, tahun, triwulan)
    total = band[band["tingkat"] == "kecamatan"].head(1)
    differs = {
        q: bool(len(total)) and bool(total[f"{q}_berbeda"].iloc[0]) for q in tercetak.BESARAN
    }
    if any(differs.values()):

        def shown(q: str, fmt_value) -> str:
            return fmt_value(total[f"{q}_dilaporkan"].iloc[0]) if differs[q] else ""

        rows.append(
            {
                "label": "Total seperti tercetak di dokumen kecamatan, bila berbeda (lihat temuan)",
                "capaian": shown("capaian", fmt.persen),
                "pagu": shown("pagu", fmt.angka),
                "anggaran": shown("anggaran_sd", fmt.angka),
                "realisasi_anggaran": shown("realisasi_anggaran_sd", fmt.angka),
                "serapan": shown("serapan", fmt.persen),
            }
        )
    return rows


@sekali
def capaian_program(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """Program roll-ups of one report in code order: the figures the program chart, the
    table's program rows and the written analysis all show."""
    nodes = simpul(data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan)
    r = nodes[nodes["tingkat"] == "program"]
    cols = ["kunci", "kode", "uraian", "capaian_persen", "serapan_persen", "kategori", "kuadran",
            "pagu", "anggaran_sd", "realisasi_anggaran_sd"]  # fmt: skip
    return r[cols].reset_index(drop=True)


def titik_kuadran(
    data: Tabel, kecamatan: str, tahun: int, triwulan: int, tingkat: str = "sub_kegiatan"
) -> pd.DataFrame:
    """Capaian and serapan of each node at ``tingkat`` that has either (quadrant chart
    input: it draws the nodes with both and says why when there are none)."""
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    r = r[(r["tingkat"] == tingkat) & (r["capaian_persen"].notna() | r["serapan_persen"].notna())]
    cols = ["uraian", "capaian_persen", "serapan_persen", "kuadran", "kategori", "anggaran_sd"]
    return r[cols].reset_index(drop=True)


def tren_triwulan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """Kecamatan capaian and serapan s/d TW for TW1..TWq of the year (line chart input)."""
    r = data.ringkasan
    r = r[
        (r["kecamatan"] == kecamatan)
        & (r["tahun"] == tahun)
        & (r["triwulan"] <= triwulan)
        & (r["tingkat"] == "kecamatan")
    ]
    return (
        r[["triwulan", "capaian_persen", "serapan_persen"]]
        .sort_values("triwulan")
        .reset_index(drop=True)
    )


def banding_tahun_lalu(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """Program capaian this year against the same quarter last year, matched on kunci.

    Programs present only one year keep a missing value on the other side rather than
    being dropped, so a new or discontinued program stays visible.
    """
    r = data.ringkasan
    r = r[(r["kecamatan"] == kecamatan) & (r["triwulan"] == triwulan) & (r["tingkat"] == "program")]
    now = r[r["tahun"] == tahun][["kunci", "uraian", "capaian_persen"]]
    before = r[r["tahun"] == tahun - 1][["kunci", "uraian", "capaian_persen"]]
    if before.empty:
        return pd.DataFrame(columns=["uraian", "tahun", "capaian_persen"])
    both = now.merge(before, on="kunci", how="outer", suffixes=("", "_lalu"))
    both["uraian"] = both["uraian"].fillna(both["uraian_lalu"])
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "uraian": both["uraian"],
                    "tahun": tahun - 1,
                    "capaian_persen": both["capaian_persen_lalu"],
                }
            ),
            pd.DataFrame(
                {"uraian": both["uraian"], "tahun": tahun, "capaian_persen": both["capaian_persen"]}
            ),
        ],
        ignore_index=True,
    )
    return long


@sekali
def riwayat_iku(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """IKU target and realisasi per year up to this report (IKM, Nilai LAKIP...).

    One value per (indikator, tahun): the annual row when the sheet has one, else the
    latest quarter reported; for the report's own year, only quarters up to ``triwulan``
    count, so a TW II report does not show TW IV figures entered later - nor the annual
    realisasi, a year-end figure (before TW IV the annual row gives its target only).
    """
    i = data.iku
    i = i[(i["kecamatan"] == kecamatan) & (i["tahun"] <= tahun)].copy()
    tw = i["triwulan"].astype("Float64")
    i = i[~((i["tahun"] == tahun) & tw.notna() & (tw > triwulan))]
    cols = ["indikator", "tahun", "satuan", "polaritas", "target", "realisasi"]
    cols += ["capaian_persen", "kategori", "capaian_dilaporkan"]
    if i.empty:
        return pd.DataFrame(columns=cols)
    # The report year's annual row is the year-end figure: before TW IV only its target
    # stands, and a quarter's row up to the report (when there is one) comes first.
    tw = i["triwulan"].astype("Float64")
    early = ((i["tahun"] == tahun) & tw.isna() & (triwulan < 4)).to_numpy()
    for c in ("realisasi", "capaian_persen", "kategori", "capaian_dilaporkan"):
        if c in i:
            i[c] = i[c].mask(early)
    i["_urut"] = tw.fillna(5).mask(early, 0)
    i = i.sort_values(["indikator", "tahun", "_urut"])
    last = i.groupby(["indikator", "tahun"], as_index=False).tail(1)
    # the office's printed capaian beside the recomputed one (tercetak.banding_iku)
    return last.reindex(columns=cols).reset_index(drop=True)


def riwayat_iku_html(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """IKU history as a table under its chart."""
    r = riwayat_iku(data, kecamatan, tahun, triwulan)
    if r.empty:
        return render("pesan.html.j2", pesan="Data Indikator Kinerja Utama (IKU) belum tersedia.")
    shown = pd.DataFrame(
        {
            "indikator": r["indikator"].fillna(""),
            "tahun": r["tahun"].astype("int64").astype("str"),
            "target": r["target"].map(fmt.angka_ringkas),
            "realisasi": r["realisasi"].map(fmt.angka_ringkas),
            "capaian": tercetak.teks_capaian(tercetak.banding_iku(r)),
            "kategori": r["kategori"].fillna(""),
            "label_kategori": r["kategori"].map(label_kategori),
            "tercetak_capaian": tercetak.label_tercetak(tercetak.banding_iku(r), "capaian"),
        }
    )
    return render("tabel_iku.html.j2", baris=shown.to_dict("records"))


def kesenjangan_laporan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The report's gap list: indicators and IKU behind target, the latest KET note
    carried forward, indicators with a finding marked (see :mod:`.temuan`)."""
    riwayat = riwayat_iku(data, kecamatan, tahun, triwulan).assign(kecamatan=kecamatan)
    kin = data.kinerja[data.kinerja["kecamatan"] == kecamatan]
    return laporan_temuan.kesenjangan_laporan(
        daftar_kesenjangan(data, kecamatan, tahun, triwulan),
        kin,
        riwayat,
        temuan(data, kecamatan, tahun, triwulan),
        tahun,
        triwulan,
    )


# --- the official forms -----------------------------------------------------------------


def rencana_aksi_html(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """The *Evaluasi atas Rencana Aksi* form: each quarter's target, realisasi, capaian and
    KET per indicator, on a landscape sheet when printed (see :mod:`.formulir`)."""
    rows, shown = action_plan.rencana_aksi(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    )
    pesan = "Tidak ada indikator kinerja untuk periode ini."
    if len(rows) and not shown:
        pesan = (
            f"Kecamatan {kecamatan} tidak melaporkan angka per triwulan untuk {tahun} "
            "(hanya angka kumulatif s/d triwulan): lihat tabel realisasi kinerja dan anggaran."
        )
    return render(
        "rencana_aksi.html.j2",
        judul=f"Evaluasi atas Rencana Aksi {fmt.nama_triwulan(triwulan)} {tahun}",
        keterangan=(
            "Target, realisasi dan capaian triwulan itu sendiri (bukan kumulatif) per indikator, "
            "dengan keterangan (KET) kecamatan tiap triwulan. Triwulan tanpa angka tidak "
            "ditampilkan."
        ),
        baris=action_plan.rencana_aksi_tampilan(rows, shown) if shown else [],
        triwulan=shown,
        nama_tw={q: fmt.nama_triwulan(q) for q in shown},
        pesan=pesan,
    )


# --- the analysis written out -----------------------------------------------------------


def analisis_html(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> Html:
    """Per program and per IKU a paragraph from the data, the office's own explanations
    (KET notes and the Hambatan/Solusi of its Word report) quoted where they belong, and
    the conclusion: every number in them is printed by a table or card above."""
    program = capaian_program(data, kecamatan, tahun, triwulan)
    return render(
        "analisis.html.j2",
        program=narrative.paragraf_program(
            data.ringkasan, data.kinerja, program, kecamatan, tahun, triwulan, data.narasi
        ),
        penjelasan=narrative.paragraf_penjelasan(
            data.narasi, program, kecamatan, tahun, triwulan, data.kinerja
        ),
        iku=narrative.paragraf_iku(
            riwayat_iku(data, kecamatan, tahun, triwulan),
            tahun,
            penghambat_sasaran=narrative.ada_penghambat_sasaran(
                data.narasi, kecamatan, tahun, triwulan
            ),
        ),
        kesimpulan=narrative.kesimpulan(
            angka_utama(data, kecamatan, tahun, triwulan),
            program,
            len(temuan(data, kecamatan, tahun, triwulan)),
            tahun,
            triwulan,
        ),
    )
