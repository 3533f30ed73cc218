"""What the gap explorer shows for its current control values, without any widget.

The dashboard (:mod:`analysis.reports.explorer`) only wires controls to these functions,
so every answer it gives - which periods a kecamatan offers, where it opens, which
message an empty list gets, which rows the list holds and which findings mark them - is a
pure function of the processed tables and tested without a browser.

States of the list are told apart honestly:

- ``tidak_ada_data``: no indicator with a capaian for that kecamatan, period and level;
- ``tidak_di_bawah_ambang``: indicators exist, none below the threshold, but some are
  still below 100 % (target not met);
- ``semua_tercapai``: every indicator reached 100 % or more;
- ``ada``: at least one indicator below the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import explorer_metode as metode
from analysis.reports import gap_views, loading

SEMUA = ""
"""Control value meaning "every kecamatan" / "every level"."""

TINGKAT_PILIHAN: tuple[tuple[str, str], ...] = (
    ("Semua tingkat", SEMUA),
    ("Program", "program"),
    ("Kegiatan", "kegiatan"),
    ("Sub Kegiatan", "sub_kegiatan"),
)

MAKS_GRAFIK = 20
"""Bars drawn in the gap chart; the caption says how many the list holds."""

TIDAK_ADA_DATA = "tidak_ada_data"
TIDAK_DI_BAWAH_AMBANG = "tidak_di_bawah_ambang"
SEMUA_TERCAPAI = "semua_tercapai"
ADA = "ada"


# --- which periods the controls offer ----------------------------------------------------


def periode_kecamatan(ada: pd.DataFrame, kecamatan: str = SEMUA) -> pd.DataFrame:
    """(tahun, triwulan) the kecamatan reported (any kecamatan for ``SEMUA``), sorted.

    ``ada`` is :func:`analysis.reports.views.tersedia`.
    """
    rows = ada if kecamatan == SEMUA else ada[ada["kecamatan"] == kecamatan]
    out = rows[["tahun", "triwulan"]].drop_duplicates()
    return out.sort_values(["tahun", "triwulan"], ignore_index=True).astype("int64")


def daftar_tahun(ada: pd.DataFrame, kecamatan: str = SEMUA) -> list[int]:
    """Years the kecamatan reported at least one quarter of."""
    return sorted({int(t) for t in periode_kecamatan(ada, kecamatan)["tahun"]})


def daftar_triwulan(ada: pd.DataFrame, kecamatan: str, tahun: int) -> list[int]:
    """Quarters of ``tahun`` the kecamatan reported."""
    p = periode_kecamatan(ada, kecamatan)
    return [int(q) for q in p.loc[p["tahun"] == int(tahun), "triwulan"]]


def periode_awal(ada: pd.DataFrame) -> tuple[int, int]:
    """The latest quarter reported by the most kecamatan (where the explorer opens).

    The very latest quarter is often reported by one early office only; opening there
    shows a near-empty list, so the quarter most offices have reported wins, the latest
    such quarter on a tie.
    """
    if ada.empty:
        raise loading.DataTidakAda("Belum ada data yang dilaporkan kecamatan mana pun.")
    counts = ada.groupby(["tahun", "triwulan"])["kecamatan"].nunique().reset_index()
    best = counts[counts["kecamatan"] == counts["kecamatan"].max()]
    last = best.sort_values(["tahun", "triwulan"]).iloc[-1]
    return int(last["tahun"]), int(last["triwulan"])


def sesuaikan_periode(
    ada: pd.DataFrame, kecamatan: str, tahun: int, triwulan: int
) -> tuple[int, int]:
    """The period to show after the kecamatan (or year) changed.

    Kept when the kecamatan reported it; else the latest quarter it reported in that
    year; else its latest quarter overall. ``(0, 0)`` when it reported nothing.
    """
    p = periode_kecamatan(ada, kecamatan)
    if p.empty:
        return 0, 0
    tahun, triwulan = int(tahun), int(triwulan)
    if ((p["tahun"] == tahun) & (p["triwulan"] == triwulan)).any():
        return tahun, triwulan
    same_year = p[p["tahun"] == tahun]
    last = (same_year if len(same_year) else p).iloc[-1]
    return int(last["tahun"]), int(last["triwulan"])


# --- the title and the message ------------------------------------------------------------


def siapa(kecamatan: str) -> str:
    """``Kecamatan Wotu`` or ``semua kecamatan``."""
    return f"Kecamatan {kecamatan}" if kecamatan else "semua kecamatan"


def label_tingkat(tingkat: str) -> str:
    """``semua tingkat`` or ``tingkat Sub Kegiatan``."""
    return f"tingkat {fmt.nama_tingkat(tingkat)}" if tingkat else "semua tingkat"


def judul(kecamatan: str, tahun: int, triwulan: int, tingkat: str, ambang: float) -> str:
    """Title naming kecamatan, period, level and threshold.

    ``Indikator dengan capaian di bawah 100%: Kecamatan Wotu, s/d TW IV 2024, semua tingkat``
    """
    return (
        f"Indikator dengan capaian di bawah {fmt.persen(ambang, _desimal(ambang))}: "
        f"{siapa(kecamatan)}, {fmt.sd_tw(int(triwulan))} {int(tahun)}, {label_tingkat(tingkat)}"
    )


def _desimal(ambang: float) -> int:
    return 0 if float(ambang).is_integer() else 1


def jenis_keadaan(dinilai: int, di_bawah_ambang: int, di_bawah_target: int) -> str:
    """Which of the four states (module docstring) the counts describe."""
    if dinilai == 0:
        return TIDAK_ADA_DATA
    if di_bawah_ambang > 0:
        return ADA
    if di_bawah_target > 0:
        return TIDAK_DI_BAWAH_AMBANG
    return SEMUA_TERCAPAI


def pesan_keadaan(
    jenis: str,
    kecamatan: str,
    tahun: int,
    triwulan: int,
    tingkat: str,
    ambang: float,
    dinilai: int,
    di_bawah_target: int,
) -> str | None:
    """The sentence shown instead of an empty list (``None`` when the list has rows)."""
    ambang_teks = fmt.persen(ambang, _desimal(ambang))
    if jenis == TIDAK_ADA_DATA:
        level = f", {label_tingkat(tingkat)}" if tingkat else ""
        return (
            f"Tidak ada data untuk {siapa(kecamatan)} pada "
            f"{fmt.nama_triwulan(int(triwulan))} {int(tahun)}{level}: "
            "tidak ada indikator dengan target dan realisasi yang dapat dinilai."
        )
    if jenis == TIDAK_DI_BAWAH_AMBANG:
        return (
            f"Tidak ada indikator di bawah {ambang_teks}. Namun {fmt.angka(di_bawah_target)} "
            f"dari {fmt.angka(dinilai)} indikator masih di bawah 100% (target belum tercapai)."
        )
    if jenis == SEMUA_TERCAPAI:
        return (
            f"Tidak ada indikator di bawah {ambang_teks}: semua target tercapai "
            f"({fmt.angka(dinilai)} indikator, semuanya 100% atau lebih)."
        )
    return None


# --- findings beside the indicators --------------------------------------------------------


def tandai_temuan(gaps: pd.DataFrame, pemeriksaan: pd.DataFrame) -> pd.Series:
    """Text of the data-quality findings that concern each gap row ("" when none).

    A finding concerns a row of the same kecamatan and year, of the same quarter or of
    the whole year (no quarter), and of the same node: same ``kode`` when the finding has
    one, else the same source row (``sumber``, which a finding may list several of,
    separated by ``|``).
    """
    out = pd.Series("", index=gaps.index, dtype="object")
    if gaps.empty or pemeriksaan.empty:
        return out
    g = gaps[["kecamatan", "tahun", "triwulan", "kode", "sumber"]].copy()
    g["_baris"] = gaps.index
    g["tahun"] = g["tahun"].astype("int64")
    g["triwulan"] = g["triwulan"].astype("int64")
    p = pemeriksaan[["kecamatan", "tahun", "triwulan", "kode", "sumber", "pesan"]]
    p = p.dropna(subset=["kecamatan", "tahun"]).copy()  # file-level findings name no year
    p["tahun"] = p["tahun"].astype("int64")
    p["_urut"] = np.arange(len(p))
    by_code = g.dropna(subset=["kode"]).merge(
        p.dropna(subset=["kode"]).drop(columns="sumber"),
        on=["kecamatan", "tahun", "kode"],
        suffixes=("", "_p"),
    )
    by_source = p[p["kode"].isna()].drop(columns="kode").copy()
    by_source["sumber"] = by_source["sumber"].astype("str").str.split("|")
    by_source = by_source.explode("sumber")
    by_source["sumber"] = by_source["sumber"].str.strip()
    by_source = g.merge(by_source, on=["kecamatan", "tahun", "sumber"], suffixes=("", "_p"))
    both = pd.concat([by_code, by_source], ignore_index=True)
    tw = both["triwulan_p"].astype("Float64")
    both = both[(tw.isna() | (tw == both["triwulan"])).fillna(False).to_numpy(dtype=bool)]
    if both.empty:
        return out
    both = both.drop_duplicates(["_baris", "_urut"]).sort_values(["_baris", "_urut"])
    texts = both.groupby("_baris")["pesan"].agg(lambda s: " | ".join(s.astype("str")))
    out.loc[texts.index] = texts.to_numpy()
    return out


# --- the explorer's answer -------------------------------------------------------------------


@dataclass(frozen=True)
class Keadaan:
    """Everything the gap view shows for one set of control values."""

    kecamatan: str
    tahun: int
    triwulan: int
    tingkat: str
    ambang: float
    judul: str
    jenis: str
    pesan: str | None
    dinilai: int
    di_bawah_target: int
    kesenjangan: pd.DataFrame
    """:func:`analysis.metrics.find_gaps` rows plus ``temuan`` (finding text or "")."""

    @property
    def jumlah(self) -> int:
        return len(self.kesenjangan)

    @property
    def keterangan_grafik(self) -> str:
        """``20 terburuk dari 54`` when the chart is capped, else ``12 indikator``."""
        if self.jumlah > MAKS_GRAFIK:
            return f"{MAKS_GRAFIK} terburuk dari {fmt.angka(self.jumlah)}"
        return f"{fmt.angka(self.jumlah)} indikator"


def keadaan(
    data: loading.Tabel,
    kecamatan: str,
    tahun: int,
    triwulan: int,
    tingkat: str = SEMUA,
    ambang: float = 100.0,
) -> Keadaan:
    """The gap list, its counts, title and message for the control values."""
    k = data.kinerja
    mask = (k["tahun"] == int(tahun)) & (k["triwulan"] == int(triwulan))
    if kecamatan:
        mask &= k["kecamatan"] == kecamatan
    if tingkat:
        mask &= k["tingkat"] == tingkat
    capaian = k.loc[mask, "capaian_sd_persen"]
    dinilai = int(capaian.notna().sum())
    di_bawah_target = int((capaian < 100).sum())
    gaps = gap_views.daftar_kesenjangan(
        data, kecamatan or None, int(tahun), int(triwulan), tingkat or None, float(ambang)
    )
    gaps = gaps.assign(temuan=tandai_temuan(gaps, data.pemeriksaan))
    # one value per quantity in both tabs (explorer_metode): the indicator's capaian as
    # printed where confirmed, and a program's / kegiatan's mean beside its own
    gaps = metode.dengan_tercetak(gaps, data.kinerja)
    gaps = gaps.assign(
        teks_capaian=metode.teks_indikator(gaps) if len(gaps) else pd.Series(dtype="object"),
        teks_rata_rata=metode.rata_rata(data.ringkasan, gaps),
    )
    jenis = jenis_keadaan(dinilai, len(gaps), di_bawah_target)
    return Keadaan(
        kecamatan=kecamatan,
        tahun=int(tahun),
        triwulan=int(triwulan),
        tingkat=tingkat,
        ambang=float(ambang),
        judul=judul(kecamatan, tahun, triwulan, tingkat, ambang),
        jenis=jenis,
        pesan=pesan_keadaan(
            jenis, kecamatan, tahun, triwulan, tingkat, ambang, dinilai, di_bawah_target
        ),
        dinilai=dinilai,
        di_bawah_target=di_bawah_target,
        kesenjangan=gaps,
    )


# --- kecamatan against kecamatan ---------------------------------------------------------------


def pilihan_banding(data: loading.Tabel, tingkat: str = "program") -> pd.DataFrame:
    """Programs (kegiatan, sub kegiatan) to compare: ``kunci``, ``label``, ``jumlah``.

    Nodes are matched across kecamatan by ``kunci`` (the normalised code, else name) and
    labelled with their most common uraian; those reported by the most kecamatan first.
    """
    r = data.ringkasan
    r = r[(r["tingkat"] == tingkat) & r["capaian_persen"].notna()]
    if r.empty:
        return pd.DataFrame(columns=["kunci", "label", "jumlah"])
    grouped = r.groupby("kunci").agg(
        uraian=("uraian", lambda s: s.mode().iloc[0] if s.notna().any() else ""),
        kode=("kode", "first"),
        jumlah=("kecamatan", "nunique"),
    )
    grouped = grouped.reset_index()
    grouped["label"] = (
        grouped["uraian"].astype("str").str.strip()
        + " ("
        + grouped["jumlah"].astype("str")
        + " kecamatan)"
    )
    return grouped.sort_values(["jumlah", "kunci"], ascending=[False, True], ignore_index=True)[
        ["kunci", "label", "jumlah"]
    ]


def tren_banding(data: loading.Tabel, tingkat: str, kunci: str) -> pd.DataFrame:
    """Capaian s/d TW of one node in every kecamatan and quarter (trend chart input)."""
    r = data.ringkasan
    r = r[(r["tingkat"] == tingkat) & (r["kunci"] == kunci) & r["capaian_persen"].notna()]
    out = r[["kecamatan", "tahun", "triwulan", "uraian", "capaian_persen", "serapan_persen"]]
    out = out.drop_duplicates(["kecamatan", "tahun", "triwulan"])
    out = out.astype({"tahun": "int64", "triwulan": "int64"})
    return out.sort_values(["tahun", "triwulan", "kecamatan"], ignore_index=True)


def banding(
    data: loading.Tabel, tingkat: str, kunci: str, tahun: int, triwulan: int
) -> pd.DataFrame:
    """Kecamatan ranked worst first on one node in one quarter, with the change since the
    previous quarter of the same year (``perubahan``, points; missing for TW I)."""
    tren = tren_banding(data, tingkat, kunci)
    if tren.empty:
        return tren.assign(kategori=pd.Series(dtype="str"), perubahan=pd.Series(dtype="float"))
    tren = tren.sort_values(["kecamatan", "tahun", "triwulan"])
    by_year = tren.groupby(["kecamatan", "tahun"])
    # Capaian s/d TW restarts each year: compare with the quarter just before in the
    # same year only (TW I and a skipped quarter have no change).
    follows = by_year["triwulan"].diff().eq(1)
    tren["perubahan"] = by_year["capaian_persen"].diff().where(follows)
    now = tren[(tren["tahun"] == int(tahun)) & (tren["triwulan"] == int(triwulan))].copy()
    r = data.ringkasan
    bands = r[(r["tingkat"] == tingkat) & (r["kunci"] == kunci)][
        ["kecamatan", "tahun", "triwulan", "kategori"]
    ].drop_duplicates(["kecamatan", "tahun", "triwulan"])
    now = now.merge(bands.astype({"tahun": "int64", "triwulan": "int64"}), how="left")
    now = now.sort_values(["capaian_persen", "kecamatan"], ignore_index=True)
    # the node's own indicators, as the gap tab shows them (explorer_metode)
    simpul = now[["kecamatan", "tahun", "triwulan"]].assign(tingkat=tingkat, kunci=kunci)
    now["capaian_sendiri"] = metode.capaian_sendiri(data.kinerja, simpul)
    return now


def tanpa_capaian(tren: pd.DataFrame, tahun: int, triwulan: int) -> list[str]:
    """Kecamatan that report the node in some quarter but have no capaian in this one."""
    now = (tren["tahun"] == int(tahun)) & (tren["triwulan"] == int(triwulan))
    return sorted(set(tren["kecamatan"]) - set(tren.loc[now, "kecamatan"]))


def periode_banding(data: loading.Tabel, tingkat: str, kunci: str) -> pd.DataFrame:
    """Quarters in which at least one kecamatan has a capaian for the node."""
    t = tren_banding(data, tingkat, kunci)
    return t[["tahun", "triwulan"]].drop_duplicates().sort_values(["tahun", "triwulan"])


def judul_banding(uraian: str, tingkat: str, tahun: int, triwulan: int) -> str:
    """``Capaian Program X antar kecamatan, s/d TW IV 2024``."""
    return (
        f"Capaian {fmt.nama_tingkat(tingkat)} \u201c{uraian}\u201d antar kecamatan, "
        f"{fmt.sd_tw(int(triwulan))} {int(tahun)}"
    )
