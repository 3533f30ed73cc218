"""Sentences of the written analysis about a node's indicators and the office's reasons.

:func:`indikator` says how many indicators reached their target and, for each one that
lags, by how much (realisasi against target in its unit, and in points of capaian),
followed by the office's own reason for it, or by the fact that it gave none.
:func:`faktor` gathers what the office wrote about the whole node, classified by
:mod:`analysis.reports.factors` (what the words say, never the indicator's band).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import formatting as fmt
from analysis.reports import factors, tercetak
from analysis.reports import prose as p

MAKS_TERTINGGAL = 8
"""Lagging indicators described one by one; the rest are counted (the gap list has all)."""

MAKS_KUTIPAN = 2
"""Quotes per class and paragraph."""

_MAKS_KUTIPAN_HURUF = 200

TANPA_ALASAN = "Kantor tidak mencantumkan penyebabnya."

TANPA_ALASAN_KHUSUS = (
    "Kantor tidak menyebut penyebab untuk indikator ini secara khusus; hambatan program "
    "yang dicatatnya dikutip di akhir paragraf ini."
)
"""Said instead of :data:`TANPA_ALASAN` where the office named the program's obstacles
in its report's prose but gave no reason on the indicator itself."""


def kutip(teks: object) -> str:
    """The office's words in quotation marks, shortened at a word boundary."""
    value = " ".join(str(teks).split())
    if len(value) > _MAKS_KUTIPAN_HURUF:
        value = value[: _MAKS_KUTIPAN_HURUF - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{value}”"


def _kutipan(kalimat: pd.Series) -> str:
    return "; ".join(kalimat.head(MAKS_KUTIPAN).map(kutip))


def catatan_berlaku(
    kinerja: pd.DataFrame, kecamatan: str, tahun: int, triwulan: int
) -> pd.DataFrame:
    """The quarter's kinerja rows, each with the office's latest note on that indicator
    up to this quarter of the year: a reason written at TW I for an indicator still
    behind at TW IV still explains it. ``keterangan_tw`` says which quarter the note is
    from (NA when it is the quarter's own)."""
    year = kinerja[
        (kinerja["kecamatan"] == kecamatan)
        & (kinerja["tahun"] == tahun)
        & (kinerja["triwulan"] <= triwulan)
    ].sort_values("triwulan", kind="stable")
    keys = [year["kunci"].fillna(""), year["indikator"].fillna("")]
    noted_tw = year["triwulan"].where(year["keterangan"].notna())
    latest = year["keterangan"].groupby(keys).ffill()
    latest_tw = noted_tw.groupby(keys).ffill()
    now = year["triwulan"].eq(triwulan)
    out = year[now].copy()
    out["keterangan"] = latest[now]
    out["keterangan_tw"] = latest_tw[now].where(latest_tw[now].ne(triwulan)).astype("Int64")
    return out


def nama_indikator(row: pd.Series) -> str:
    """The indicator's own name, or the node it measures when the office gave none."""
    if not fmt.is_missing(row.get("indikator")) and str(row["indikator"]).strip():
        # "... (%)": the unit follows with the figures, the name does not repeat it
        return re.sub(r"\s*\(\s*%\s*\)\s*$", "", p.nama(row["indikator"]))
    tingkat = str(row.get("tingkat") or "")
    if tingkat == "program":
        return "indikator tingkat program"
    label = f"indikator {fmt.nama_tingkat(tingkat).lower()}" if tingkat else "indikator"
    return f"{label} {p.nama(row.get('uraian', ''))}"


def _kurang_frasa(row: pd.Series) -> str:
    """``Jumlah laporan terealisasi 9 laporan dari target 12 laporan (capaian 75,00%,
    kurang 25,00 poin dari target)``, without the full stop."""
    name = nama_indikator(row)
    cap = float(row["capaian_sd_persen"])
    gap = f"capaian {fmt.persen(cap)}, kurang {fmt.angka(100 - cap, 2)} poin dari target"
    printed = _capaian_tercetak(row)
    if printed is not None:
        # the office's own figure beside ours, as Tabel 3.4 marks it ("tercetak ... ≠")
        gap += f"; kecamatan mencetak capaian {fmt.persen(printed)}"
    if fmt.is_missing(row.get("realisasi_sd")) or fmt.is_missing(row.get("target_sd")):
        return f"{name} ({gap})"
    unit = row.get("satuan")
    return (
        f"{name} terealisasi {p.besaran(row['realisasi_sd'], unit)} dari target "
        f"{p.besaran(row['target_sd'], unit)} ({gap})"
    )


def _capaian_tercetak(row: pd.Series) -> float | None:
    """The capaian the office printed for a lagging indicator where the recomputed one
    differs beyond the tolerance (:func:`tercetak.printed_capaian_sd`); else None."""
    cols = ("capaian_sd_dilaporkan", "target_tw", "realisasi_tw", "capaian_tw_dilaporkan")
    frame = (
        pd.DataFrame([row])
        .reindex(columns=[*dict.fromkeys([*row.index, *cols])])
        .astype({c: "float64" for c in cols})
    )
    printed = tercetak.printed_capaian_sd(frame)
    differs = tercetak.berbeda(printed, frame["capaian_sd_persen"].astype("float64"), uang=False)
    return float(printed.iloc[0]) if bool(differs.iloc[0]) else None


def _kurang(row: pd.Series) -> str:
    return p.awal_kapital(_kurang_frasa(row)) + "."


def _tanpa_catatan(keterangan: object) -> bool:
    """True where the office's note on a lagging indicator holds nothing to quote."""
    return factors.klasifikasi(pd.Series([keterangan])).empty


def _alasan(keterangan: object, dari_tw: object = None, tanpa: str = TANPA_ALASAN) -> str:
    """The office's reason for one lagging indicator, or that it gave none (``dari_tw``:
    the earlier quarter whose note it is; ``tanpa``: what is said when it gave none)."""
    said = factors.klasifikasi(pd.Series([keterangan]))
    why = said[said["kelas"].eq("penghambat")]
    fix = said[said["kelas"].eq("solusi")]
    plain = said[said["kelas"].eq("catatan")]
    parts = []
    if len(why):
        asal = "" if fmt.is_missing(dari_tw) else f" (keterangan {fmt.tw(int(dari_tw))})"
        parts.append(f"Penyebabnya menurut kecamatan{asal}: {_kutipan(why['kalimat'])}.")
    elif len(plain):
        parts.append(
            f"Keterangan kecamatan hanya menyebut {_kutipan(plain['kalimat'])}, tanpa "
            "penyebab kekurangannya."
        )
    else:
        parts.append(tanpa)
    if len(fix):
        parts.append(f"Upaya yang disebutkan: {_kutipan(fix['kalimat'])}.")
    return " ".join(parts)


def indikator(
    own: pd.DataFrame, konteks: str = "program ini", *, hambatan_program: bool = False
) -> list[str]:
    """Sentences on the rated indicators of one node (``own``: its kinerja rows;
    ``hambatan_program``: the office named the node's obstacles in its report's prose)."""
    tanpa = TANPA_ALASAN_KHUSUS if hambatan_program else TANPA_ALASAN
    rated = own[own["capaian_sd_persen"].notna()]
    n = len(rated)
    if not n:
        return []
    behind = rated[rated["capaian_sd_persen"] < 100].sort_values("capaian_sd_persen", kind="stable")
    k = len(behind)
    # one rated among several (the others without target or realisasi yet) is not "the only"
    named = own["indikator"].notna() | own["target_sd"].notna() | own["realisasi_sd"].notna()
    satu = "Satu-satunya indikator" if named.sum() <= 1 else "Satu-satunya indikator yang dinilai"
    if not k:
        if n == 1:
            name = nama_indikator(rated.iloc[0])
            if name.startswith("indikator "):  # named by its node: no "indikator ... indikator"
                return [
                    f"{satu} pada {konteks} "
                    f"({name.removeprefix('indikator ')}) telah mencapai target."
                ]
            return [f"{satu} pada {konteks}, {name}, telah mencapai target."]
        return [p.awal_kapital(f"{p.seluruh(n)} indikator pada {konteks} telah mencapai target.")]
    if n == 1:
        out = [f"{satu} pada {konteks} belum mencapai target."]
    else:
        out = [f"{p.awal_bilangan(k)} dari {p.bilangan(n)} indikator belum mencapai target."]
    shown = behind.head(MAKS_TERTINGGAL)
    silent = shown["keterangan"].map(_tanpa_catatan).astype(bool)
    if silent.sum() < 2:
        silent[:] = False  # one indicator without a reason reads best in the common form
    for _, row in shown[~silent].iterrows():  # at most MAKS_TERTINGGAL rows
        out.append(_kurang(row))
        out.append(_alasan(row.get("keterangan"), row.get("keterangan_tw"), tanpa))
    if silent.any():
        lagging = [_kurang_frasa(row) for _, row in shown[silent].iterrows()]
        khusus = " secara khusus" if hambatan_program else ""
        out.append(
            f"Untuk {p.bilangan(len(lagging))} indikator berikut kantor tidak mencantumkan "
            f"penyebabnya{khusus}: {'; '.join(lagging)}."
        )
    rest = k - MAKS_TERTINGGAL
    if rest > 0:
        out.append(
            f"{p.awal_bilangan(rest)} indikator lainnya yang belum mencapai target "
            "tercantum pada daftar kesenjangan."
        )
    return out


def faktor(own: pd.DataFrame) -> str:
    """What the office wrote about the node, beyond what :func:`indikator` quoted for
    each lagging indicator: supporting factors (from any indicator), obstacles and
    remedies noted on indicators on target."""
    own = own.reset_index(drop=True)
    behind = own["capaian_sd_persen"].notna() & (own["capaian_sd_persen"] < 100)
    said = factors.klasifikasi(own["keterangan"])
    quoted = behind.reindex(said["asal"]).fillna(False).to_numpy() & said["kelas"].ne("pendukung")
    said = said[~quoted]
    parts = []
    for kelas, awal in (
        ("pendukung", "Faktor pendukung menurut kecamatan"),
        ("penghambat", "Kendala yang dicatat kecamatan"),
        ("solusi", "Upaya yang disebutkan kecamatan"),
    ):
        some = said.loc[said["kelas"].eq(kelas), "kalimat"]
        if len(some):
            parts.append(f"{awal}: {_kutipan(some)}.")
    return " ".join(parts)
