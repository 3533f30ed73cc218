"""What the notebooks show, prepared from the processed tables.

The notebooks are the reports' text and layout; every number they print comes from a
function here, so the logic is tested like any other code and a notebook cell stays one
readable line (``views.kartu_utama(data, ...)``). Functions take the loaded tables
(:class:`Tabel`) and the report's parameters, return DataFrames for charts or
:class:`Html` fragments for display. The fragments are rendered by Jinja with
autoescaping on, so a ``<script>`` typed into an uraian or a keterangan arrives in the
report as text, never as markup.

The maths (capaian, serapan, bands, gaps) lives in :mod:`analysis.metrics`; this module
only selects, orders, joins and formats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis import region
from analysis.metrics.bands import KATEGORI_LABEL, KATEGORI_TIDAK_ADA_WARNA, KATEGORI_WARNA
from analysis.reports import action_plan, narrative, prose, tercetak
from analysis.reports import findings as laporan_temuan
from analysis.reports.export import TEMPLATES_DIR
from analysis.reports.hierarchy_rows import baris_hirarki, simpul
from analysis.reports.period import periode
from analysis.schema import KATEGORI, PROCESSED_TABLES

TABEL_LAPORAN: tuple[str, ...] = ("kinerja", "anggaran", "ringkasan", "tren", "iku", "pemeriksaan")
"""Processed tables the reports read (``bulanan`` is checked at ingest, not reported)."""

URUTAN_TINGKAT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}

# Text of dark band colours needs white letters, light ones black.
_TEKS_GELAP = {"T", "S"}


class DataTidakAda(LookupError):
    """The processed data hold nothing for the requested kecamatan/year/quarter.

    The message says what *is* available, so the person at the command line can
    correct the request instead of receiving an empty report.
    """


class Html(str):
    """An HTML fragment that Jupyter displays as HTML (and nbconvert copies verbatim).

    Only :func:`render` builds these, from autoescaping templates.
    """

    def _repr_html_(self) -> str:
        return str(self)

    def __html__(self) -> str:
        """Tell Jinja the fragment is already safe markup (it was autoescaped when built)."""
        return str(self)

    def __repr__(self) -> str:
        # The text/plain twin of every HTML output: short, so the executed notebook does
        # not carry each table twice.
        return f"[HTML, {len(self):,} karakter]"


@dataclass(frozen=True)
class Tabel:
    """The processed tables of one ``data/processed`` folder."""

    folder: Path
    kinerja: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: pd.DataFrame
    tren: pd.DataFrame
    iku: pd.DataFrame
    pemeriksaan: pd.DataFrame


# --- loading ----------------------------------------------------------------------------


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in TABEL_LAPORAN:
        path = folder / f"{name}.parquet"
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise FileNotFoundError(
                f"Tabel olahan {path} tidak ada. Jalankan dulu: python -m analysis ingest"
            ) from None
        out.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


@lru_cache(maxsize=4)
def _load(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Tabel:
    frames = {}
    for name, _, _ in signature:
        path = folder / f"{name}.parquet"
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # truncated, corrupt or not Parquet at all
            reason = " ".join(str(exc).split())[:160]
            raise DataRusak(
                f"{path} tidak dapat dibaca sebagai tabel olahan ({type(exc).__name__}: "
                f"{reason}). Jalankan ulang: python -m analysis ingest"
            ) from None
        missing = [c for c in PROCESSED_TABLES[name] if c not in frame.columns]
        if missing:
            raise DataRusak(
                f"{folder / (name + '.parquet')}: kolom {missing} tidak ada; "
                "jalankan ulang python -m analysis ingest dengan versi paket ini"
            )
        keys = () if name == "pemeriksaan" else ("kecamatan", "tahun")  # findings may lack them
        for column in keys:
            empty = int(frame[column].isna().sum()) if column in frame.columns else 0
            if empty:
                raise DataRusak(
                    f"{path}: {empty} baris tanpa {column}; tabel olahan tidak utuh. "
                    "Jalankan ulang: python -m analysis ingest"
                )
        frames[name] = frame
    return Tabel(folder=folder, **frames)


def muat(processed_dir: str | Path) -> Tabel:
    """Load the processed tables, reusing them while the files are unchanged.

    A batch worker's kernel renders many reports from the same folder; the cache keyed on
    (folder, modification times, sizes) reads the Parquet files once per worker instead
    of once per report, and still notices a fresh ``ingest``.
    """
    from analysis.outputs import read_lock

    folder = Path(processed_dir).resolve()
    with read_lock(folder):  # one complete version, even while an ingest swaps it
        return _load(folder, _signature(folder))


# --- what is available ------------------------------------------------------------------


def tersedia(data: Tabel) -> pd.DataFrame:
    """Every (kecamatan, tahun, triwulan) with at least one reported figure.

    A quarter counts when any indicator has a realisasi for it (alone or "s/d") or any
    budget line has spending to date. Rows the pipeline keeps for unreported quarters
    (targets only) do not make a report: a report of dashes helps nobody.
    """
    keys = ["kecamatan", "tahun", "triwulan"]
    k = data.kinerja
    k_ok = k.loc[k["realisasi_tw"].notna() | k["realisasi_sd"].notna(), keys]
    a = data.anggaran
    a_ok = a.loc[a["realisasi_anggaran_sd"].notna() & (a["realisasi_anggaran_sd"] != 0), keys]
    out = pd.concat([k_ok, a_ok], ignore_index=True).drop_duplicates()
    out["tahun"] = out["tahun"].astype("int64")
    out["triwulan"] = out["triwulan"].astype("int64")
    return out.sort_values(keys, ignore_index=True)


class DataRusak(ValueError):
    """The processed data hold values no report can show (e.g. an infinite capaian)."""


def pastikan_wajar(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> None:
    """Refuse infinite numbers in the report's rows, naming table, column and count.

    An infinite capaian or serapan comes from a division by zero upstream; drawing it
    would either crash a chart obscurely or print a meaningless figure, so the report
    stops with a message that says where to look.
    """
    problems = []
    for name in ("kinerja", "anggaran", "ringkasan"):
        rows = periode(getattr(data, name), kecamatan, tahun, triwulan)
        numbers = rows.select_dtypes(include="number").astype("float64")
        bad = np.isinf(numbers.to_numpy()).sum(axis=0)
        problems += [
            f"{name}.{col}: {n} nilai tak hingga"
            for col, n in zip(numbers.columns, bad, strict=True)
            if n
        ]
    if problems:
        raise DataRusak(
            f"Data olahan Kecamatan {kecamatan} {tahun} {fmt.tw(triwulan)} tidak wajar: "
            + "; ".join(problems)
            + ". Periksa data mentah lalu jalankan ulang python -m analysis ingest."
        )


def _infinite_rows(frame: pd.DataFrame) -> pd.Series:
    numbers = frame.select_dtypes(include="number").astype("float64")
    return pd.Series(np.isinf(numbers.to_numpy()).any(axis=1), index=frame.index)


def saring_rusak(data: Tabel, tahun: int, triwulan: int) -> tuple[Tabel, list[str]]:
    """The tables without the kecamatan whose rows for the period hold infinite numbers.

    The overview compares every kecamatan; one office's broken figures must not take the
    regency page down with its own report, so that office is left out and named.
    """
    broken: set[str] = set()
    for name in ("kinerja", "anggaran", "ringkasan"):
        rows = periode(getattr(data, name), None, tahun, triwulan)
        broken |= set(rows.loc[_infinite_rows(rows), "kecamatan"].astype("str"))
    if not broken:
        return data, []
    frames = {
        name: getattr(data, name)[~getattr(data, name)["kecamatan"].isin(broken)]
        for name in TABEL_LAPORAN
    }
    return Tabel(folder=data.folder, **frames), sorted(broken)


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


def pastikan_ada(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> None:
    """Raise :class:`DataTidakAda` with what is available when the request has no data,
    and :class:`DataRusak` when its rows hold infinite numbers."""
    ada = tersedia(data)
    if (
        (ada["kecamatan"] == kecamatan) & (ada["tahun"] == tahun) & (ada["triwulan"] == triwulan)
    ).any():
        pastikan_wajar(data, kecamatan, tahun, triwulan)
        return
    mine = ada[ada["kecamatan"] == kecamatan]
    if mine.empty:
        names = ", ".join(sorted(ada["kecamatan"].unique())) or "(tidak ada)"
        raise DataTidakAda(
            f"Tidak ada data untuk Kecamatan {kecamatan} di {data.folder}. "
            f"Kecamatan yang memiliki data: {names}."
        )
    periods = ", ".join(
        f"{t} {fmt.tw(q)}" for t, q in zip(mine["tahun"], mine["triwulan"], strict=True)
    )
    raise DataTidakAda(
        f"Tidak ada data untuk Kecamatan {kecamatan} tahun {tahun} {fmt.nama_triwulan(triwulan)}. "
        f"Periode yang tersedia untuk {kecamatan}: {periods}."
    )


def pastikan_periode(data: Tabel, tahun: int, triwulan: int) -> None:
    """Raise :class:`DataTidakAda` when no kecamatan has data for the quarter."""
    ada = tersedia(data)
    if ((ada["tahun"] == tahun) & (ada["triwulan"] == triwulan)).any():
        return
    periods = ada[["tahun", "triwulan"]].drop_duplicates()
    listed = ", ".join(
        f"{t} {fmt.tw(q)}" for t, q in zip(periods["tahun"], periods["triwulan"], strict=True)
    )
    raise DataTidakAda(
        f"Tidak ada data kecamatan mana pun untuk tahun {tahun} {fmt.nama_triwulan(triwulan)}. "
        f"Periode yang tersedia: {listed or '(tidak ada)'}."
    )


# --- rendering ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def jinja_env():
    """The autoescaping environment of the package's templates (reports and explorer)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["warna_kategori"] = warna_kategori
    env.globals["teks_kategori"] = teks_kategori
    return env


def render(template: str, **context: object) -> Html:
    """Render a fragment template of ``templates/fragmen`` with autoescaping."""
    return Html(jinja_env().get_template(f"fragmen/{template}").render(**context))


def warna_kategori(kode: object) -> str:
    """Background colour of a band badge (grey when there is no band)."""
    return (
        KATEGORI_WARNA.get(str(kode), KATEGORI_TIDAK_ADA_WARNA)
        if not fmt.is_missing(kode)
        else KATEGORI_TIDAK_ADA_WARNA
    )


def teks_kategori(kode: object) -> str:
    """Text colour that stays readable on :func:`warna_kategori`."""
    return "#1f2933" if str(kode) in _TEKS_GELAP else "#ffffff"


def label_kategori(kode: object) -> str:
    """``ST`` -> ``Sangat Tinggi``; missing -> ``-``."""
    if fmt.is_missing(kode):
        return fmt.KOSONG
    return KATEGORI_LABEL.get(str(kode), str(kode))


# --- one kecamatan ----------------------------------------------------------------------


def judul_laporan(kecamatan: str, tahun: int, triwulan: int) -> str:
    """Page title: ``Laporan Kinerja Kecamatan Wotu - Triwulan IV 2024``."""
    return f"Laporan Kinerja Kecamatan {kecamatan} - {fmt.nama_triwulan(triwulan)} {tahun}"


def cakupan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> dict[str, int]:
    """How much of the office a report covers: nodes per level and indicators."""
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    counts = r["tingkat"].value_counts()
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
    sempit = c["program"] <= 1 and c["sub_kegiatan"] <= 2
    if sempit:
        lingkup += (
            " Laporan ini hanya memuat angka dari sebagian kantor (misalnya laporan satu seksi), "
            "bukan seluruh Kantor Kecamatan: angka utamanya bukan kinerja kecamatan secara utuh."
        )
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
        efisiensi=fmt.angka(a["nilai_efisiensi"], 1),
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


def _serapan_label(serapan: pd.Series, anggaran_sd: pd.Series) -> pd.Series:
    """Serapan as text; ``*`` marks serapan against the pagu (no cash plan printed)."""
    text = serapan.map(fmt.persen)
    against_pagu = serapan.notna() & anggaran_sd.isna()
    return text.where(~against_pagu, text + " *")


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
            "satuan": t["satuan"].fillna(""),
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
        ada_pagu=bool(serapan.str.endswith("*").any()),
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
    """Capaian against serapan of each node at ``tingkat`` (quadrant chart input)."""
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    r = r[(r["tingkat"] == tingkat) & r["capaian_persen"].notna() & r["serapan_persen"].notna()]
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


def riwayat_iku(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """IKU target and realisasi per year up to this report (IKM, Nilai LAKIP...).

    One value per (indikator, tahun): the annual row when the sheet has one, else the
    latest quarter reported; for the report's own year, only quarters up to ``triwulan``
    count, so a TW II report does not show TW IV figures entered later.
    """
    i = data.iku
    i = i[(i["kecamatan"] == kecamatan) & (i["tahun"] <= tahun)].copy()
    tw = i["triwulan"].astype("Float64")
    i = i[~((i["tahun"] == tahun) & tw.notna() & (tw > triwulan))]
    cols = ["indikator", "tahun", "satuan", "polaritas", "target", "realisasi"]
    cols += ["capaian_persen", "kategori", "capaian_dilaporkan"]
    if i.empty:
        return pd.DataFrame(columns=cols)
    i["_urut"] = i["triwulan"].astype("Float64").fillna(5)
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
            "capaian": r["capaian_persen"].map(fmt.persen),
            "kategori": r["kategori"].fillna(""),
            "label_kategori": r["kategori"].map(label_kategori),
            "tercetak_capaian": tercetak.label_tercetak(tercetak.banding_iku(r), "capaian"),
        }
    )
    return render("tabel_iku.html.j2", baris=shown.to_dict("records"))


def daftar_kesenjangan(
    data: Tabel,
    kecamatan: str | None,
    tahun: int,
    triwulan: int,
    tingkat: str | None = None,
    ambang: float | None = None,
) -> pd.DataFrame:
    """Indicators behind target (``analysis.metrics.find_gaps``), worst first."""
    from analysis.metrics import find_gaps

    kwargs: dict[str, object] = {
        "kecamatan": kecamatan,
        "tahun": tahun,
        "triwulan": triwulan,
        "tingkat": tingkat,
    }
    if ambang is not None:
        kwargs["ambang"] = ambang
    return find_gaps(data.kinerja, data.anggaran, **kwargs)


_KOLOM_KESENJANGAN = (
    ("kecamatan", "Kecamatan", None),
    ("tingkat", "Tingkat", fmt.nama_tingkat),
    ("uraian", "Uraian", None),
    ("indikator", "Indikator", None),
    ("satuan", "Satuan", None),
    ("target_sd", "Target s/d TW", fmt.angka_ringkas),
    ("realisasi_sd", "Realisasi s/d TW", fmt.angka_ringkas),
    ("capaian_sd_persen", "Capaian", fmt.persen),
    ("kekurangan_poin", "Kurang dari ambang (poin)", lambda v: fmt.angka(v, 2)),
    ("kekurangan_satuan", "Kurang (satuan indikator)", fmt.angka_ringkas),
    ("serapan_kas_persen", "Serapan", fmt.persen),
    ("keterangan", "Catatan", None),
)


_KOLOM_TEKS = {"kecamatan", "tingkat", "uraian", "indikator", "satuan", "keterangan"}


def kesenjangan_html(gaps: pd.DataFrame, satu_kecamatan: bool = True) -> Html:
    """The gap list as a table; the office's note (keterangan) on a full-width line under
    its row, since notes run to hundreds of words and would squeeze a column."""
    if gaps.empty:
        return render(
            "pesan.html.j2", pesan="Tidak ada indikator di bawah ambang: semua target tercapai."
        )
    columns = [
        (c, h, f) for c, h, f in _KOLOM_KESENJANGAN if c in gaps.columns and c != "keterangan"
    ]
    if satu_kecamatan:
        columns = [col for col in columns if col[0] != "kecamatan"]
    cells = {
        c: (gaps[c].map(f) if f is not None else gaps[c].fillna("").astype("str"))
        for c, _, f in columns
    }
    if "ada_temuan" in gaps.columns and "indikator" in cells:
        mark = gaps["ada_temuan"].fillna(False).astype(bool)
        cells["indikator"] = cells["indikator"].where(~mark, cells["indikator"] + " ⚠ ada temuan")
    if "keterangan" in gaps.columns:
        cells["_catatan"] = gaps["keterangan"].fillna("").astype("str").str.strip()
    shown = pd.DataFrame(cells)
    numeric = {c for c, _, _ in columns if c not in _KOLOM_TEKS}
    return render(
        "tabel_kesenjangan.html.j2",
        kolom=[(c, h, c in numeric) for c, h, _ in columns],
        baris=shown.to_dict("records"),
    )


_PENJELASAN = {
    "capaian_berbeda": (
        "Capaian yang dilaporkan berbeda dengan hasil hitung ulang dari target dan realisasi."
    ),
    "capaian_tanpa_target": "Capaian dilaporkan padahal targetnya kosong atau nol.",
    "capaian_tak_terhitung": (
        "Targetnya terlalu kecil sehingga capaian tidak dapat dihitung; capaian dibiarkan kosong."
    ),
    "tahun_judul_nama_file": (
        "Judul tabel dan nama file menyebut tahun yang berbeda; baris dibaca dengan tahun judul."
    ),
    "capaian_induk_berbeda": (
        "Capaian program/kegiatan yang dilaporkan berbeda dengan rata-rata capaian di bawahnya."
    ),
    "serapan_berbeda": (
        "Persentase serapan anggaran yang dilaporkan berbeda dengan hasil hitung ulang."
    ),
    "pagu_induk_berbeda": (
        "Pagu program/kegiatan tidak sama dengan jumlah pagu sub kegiatan di bawahnya."
    ),
    "anggaran_induk_berbeda": (
        "Anggaran kas program/kegiatan tidak sama dengan jumlah anggaran di bawahnya."
    ),
    "realisasi_induk_berbeda": (
        "Realisasi anggaran program/kegiatan tidak sama dengan jumlah realisasi di bawahnya."
    ),
    "total_berbeda": "Angka total yang tertulis berbeda dengan jumlah rinciannya.",
    "realisasi_melebihi_pagu": "Realisasi anggaran lebih besar dari pagu: periksa angkanya.",
    "nilai_negatif": "Angka negatif pada kolom yang tidak mungkin negatif.",
    "target_triwulan_melebihi_tahunan": "Target satu triwulan lebih besar dari target tahunan.",
    "target_tahunan_tidak_cocok": (
        "Jumlah target per triwulan tidak sama dengan target tahunan yang tertulis."
    ),
    "bulanan_tidak_cocok": (
        "Angka bulanan tidak cocok dengan angka triwulan tempat bulan itu berada."
    ),
    "program_diulang_berbeda": (
        "Program yang sama ditulis lebih dari sekali dengan angka berbeda; angka pertama dipakai."
    ),
    "satuan_campuran": "Satuan berbeda ditulis dalam satu baris indikator.",
    "uraian_ganda": "Nama yang sama ditulis dua kali dalam satu tabel anggaran.",
    "kode_nama_berbeda": (
        "Satu kode ditulis dengan dua nama berbeda di dua berkas; "
        "angkanya digabung di bawah kode itu."
    ),
    "tingkat_ditebak": "Tingkat (program/kegiatan/sub kegiatan) tidak tertulis dan ditebak.",
    "encoding_latin1": "Berkas tidak disimpan sebagai UTF-8; huruf khusus mungkin salah baca.",
    "encoding_rusak": (
        "Sel ini memuat byte yang bukan UTF-8; huruf itu diganti tanda \ufffd. Periksa sel "
        "di berkas asli."
    ),
    "baris_ditolak": "Baris ini tidak dapat dibaca dan tidak ikut dihitung.",
    "kode_di_luar_nomenklatur": (
        "Kode ini tidak ada di nomenklatur: salah ketik atau penomoran lama; baris ini tidak "
        "tergabung dengan tabel atau tahun lain."
    ),
    "nama_digabung": (
        "Dua tabel kecamatan ini menamai satu kegiatan/sub kegiatan berbeda; digabung "
        "menurut kemiripan nama. Tulis kodenya di berkas bila keduanya bukan satu."
    ),
    "metode_berbeda": (
        "Angka kecamatan dihitung dengan aturan lain: sama dengan hasil aturan yang disebut; "
        "laporan ini memakai aturan pengaturannya."
    ),
    "tabel_berbeda": (
        "Dua tabel kecamatan ini memberi target atau satuan berbeda untuk satu baris; "
        "laporan memakai angka tabel yang juga memberi realisasinya."
    ),
    "angka_di_kolom_program": (
        "Angka di kolom program formulir Rencana Aksi milik sub kegiatan di sampingnya; "
        "dibaca sebagai angka sub kegiatan itu."
    ),
}
"""Plain-Indonesian explanation of each kind of finding; unknown kinds use ``pesan``."""


def temuan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> pd.DataFrame:
    """Data-quality findings for the report, most severe first.

    Findings of the whole year (no quarter) are shown in every quarter's report of that
    year: a wrong pagu concerns all of them.
    """
    p = data.pemeriksaan
    mask = (p["tahun"] == tahun) & (p["triwulan"].isna() | (p["triwulan"] == triwulan))
    if kecamatan is not None:
        mask &= p["kecamatan"] == kecamatan
    p = p.loc[mask].copy()
    rank = p["tingkat_keparahan"].map({"tinggi": 0, "sedang": 1, "rendah": 2}).fillna(3)
    p["_r"] = rank
    return (
        p.sort_values(["_r", "kecamatan", "kode"], na_position="last")
        .drop(columns="_r")
        .reset_index(drop=True)
    )


def temuan_html(findings: pd.DataFrame, satu_kecamatan: bool = True) -> Html:
    """Findings grouped by the row they concern, in plain Indonesian: what differs, by
    how much, where in the source to look and what to check (see :mod:`.temuan`)."""
    if findings.empty:
        return render("pesan.html.j2", pesan="Tidak ada temuan kualitas data untuk periode ini.")
    return render(
        "temuan.html.j2",
        kelompok=laporan_temuan.kelompok_temuan(findings, _PENJELASAN),
        satu_kecamatan=satu_kecamatan,
    )


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


def _angka_temuan(value: object) -> str:
    """Findings mix rupiah and percentages in one column: two decimals at most."""
    if fmt.is_missing(value):
        return fmt.KOSONG
    try:
        return fmt.angka_ringkas(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


# --- the regency overview ---------------------------------------------------------------


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
            "efisiensi": ranking["nilai_efisiensi"].map(lambda v: fmt.angka(v, 1)),
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
    same program differently.
    """
    r = periode(data.ringkasan, None, tahun, triwulan)
    r = r[r["tingkat"] == "program"]
    if r.empty:
        return pd.DataFrame()
    label = r.groupby("kunci")["uraian"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else "")
    m = r.pivot_table(index="kecamatan", columns="kunci", values="capaian_persen", aggfunc="mean")
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
    """Findings per kecamatan as a table."""
    if summary.empty:
        return render("pesan.html.j2", pesan="Tidak ada temuan kualitas data untuk periode ini.")
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


# --- the index page ---------------------------------------------------------------------


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
    out = ada.merge(r, on=keys, how="left").merge(counts, on=keys, how="left")
    return out


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
    """Per program and per IKU a paragraph from the data, and the conclusion
    (see :mod:`.analisis`): every number in them is printed by a table or card above."""
    program = capaian_program(data, kecamatan, tahun, triwulan)
    return render(
        "analisis.html.j2",
        program=narrative.paragraf_program(
            data.ringkasan, data.kinerja, program, kecamatan, tahun, triwulan
        ),
        iku=narrative.paragraf_iku(riwayat_iku(data, kecamatan, tahun, triwulan), tahun),
        kesimpulan=narrative.kesimpulan(
            angka_utama(data, kecamatan, tahun, triwulan),
            program,
            len(temuan(data, kecamatan, tahun, triwulan)),
            tahun,
            triwulan,
        ),
    )
