"""The office's printed figure beside the recomputed one, for every quantity a report shows.

A planner hands in the office's own document; an auditor checks it. Both need to see, for
each figure, what the office printed and - where the recomputation differs - what the
package computes, with the rule in one line. This module pairs the two for one
kecamatan report, as data every writer (HTML, ``.xlsx``, ``.docx``) lays out the same way:

- :func:`banding_simpul`: per program / kegiatan / sub kegiatan node and for the
  kecamatan, the printed and recomputed capaian, pagu, anggaran kas s/d TW, realisasi
  s/d TW and serapan, whether they differ and why (``rata-rata capaian 9 kegiatan``,
  ``jumlah 2 sub kegiatan``, ``realisasi / anggaran kas``);
- :func:`banding_indikator`: per indicator row, the printed capaian s/d TW against
  realisasi / target;
- :func:`banding_iku`: per IKU and year, the printed capaian against realisasi / target
  (polaritas negatif: the package's formula);
- :func:`catatan_baris`: the one-line text of a row's differences (``Capaian 88,89 %:
  rata-rata capaian 9 kegiatan``) that the tables print beside the row.

Nothing here changes a figure: the printed values come from ``kinerja`` / ``anggaran``
(``capaian_sd_dilaporkan``, the node's own budget row, ``serapan_dilaporkan``) and, for the
kecamatan's printed total, from the ``total_berbeda`` finding or the sum of the printed
program rows; the recomputed ones are ``ringkasan``'s (the roll-up every card and chart
uses) and ``kinerja``'s ``capaian_sd_persen``. Tolerances are the settings' (a capaian
within ``toleransi_capaian_poin`` points, money within ``toleransi_rupiah``, is the same).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.check_capaian import parent_capaian_rows
from analysis.reports.period import periode
from analysis.settings import DEFAULT_SETTINGS, Settings

TINGKAT_SIMPUL = ("program", "kegiatan", "sub_kegiatan")
ANAK = {"kecamatan": "program", "program": "kegiatan", "kegiatan": "sub_kegiatan"}
UANG = ("pagu", "anggaran_sd", "realisasi_anggaran_sd")
BESARAN = ("capaian", *UANG, "serapan")
"""The quantities compared, in the order a row's note lists them."""

LABEL = {
    "capaian": "Capaian kinerja",
    "pagu": "Pagu",
    "anggaran_sd": "Anggaran kas",
    "realisasi_anggaran_sd": "Realisasi anggaran",
    "serapan": "Capaian anggaran",
}
"""How a row's note names each quantity."""

KOLOM_TEMUAN = {
    "capaian": "capaian_persen",
    "pagu": "pagu",
    "anggaran_sd": "anggaran_sd",
    "realisasi_anggaran_sd": "realisasi_anggaran_sd",
    "serapan": "serapan_kas_persen",
}
"""The ``kolom`` of a ``total_berbeda`` finding that carries each printed total."""


JUDUL_KOLOM = "Hitung ulang (bila berbeda dari angka tercetak)"
"""Header of the column the official tables print the recomputed figures in."""

CATATAN_TANDA = (
    "* Angka seperti dicetak kecamatan; hasil hitung ulang berbeda (lihat kolom hitung ulang: "
    "angka dan cara hitungnya)."
)
"""The note under a table that carries marked figures."""


TIDAK_DIHITUNG = "target 0 atau tanpa angka: tidak dapat dihitung"


def _teks(value: float, besaran: str) -> str:
    """A figure as the tables print it: ``88,89 %`` or ``Rp 2.089.141.985``."""
    if besaran in ("capaian", "serapan"):
        return fmt.persen(value)
    return fmt.rupiah(value)


def _teks_tercetak(value: float, besaran: str) -> str:
    """A printed figure as the office printed it: a percentage at its own precision
    (``71,77%``, ``75,00%``), money as :func:`_teks`."""
    if besaran in ("capaian", "serapan") and not fmt.is_missing(value):
        d = desimal_tercetak(pd.Series([value])).iloc[0]
        return fmt.persen(value, int(d))
    return _teks(value, besaran)


def berbeda(
    dilaporkan: pd.Series, dihitung: pd.Series, uang: bool, settings: Settings = DEFAULT_SETTINGS
) -> pd.Series:
    """True where a printed figure and its recomputation part by more than the tolerance,
    or where the office printed a figure the data cannot recompute (target 0)."""
    tol = settings.toleransi_rupiah if uang else settings.toleransi_capaian_poin
    d = pd.to_numeric(dilaporkan, errors="coerce").astype("float64")
    h = pd.to_numeric(dihitung, errors="coerce").astype("float64")
    return (d.notna() & h.notna() & ((d - h).abs() > tol)) | (d.notna() & h.isna())


def _child_counts(nodes: pd.DataFrame) -> pd.DataFrame:
    """Per (tingkat, kunci): how many children carry a capaian / a money figure."""
    rows = []
    for parent, child in ANAK.items():
        kids = nodes[nodes["tingkat"] == child]
        induk = kids["kunci_induk"] if parent != "kecamatan" else kids["kecamatan"]
        counts = pd.DataFrame(
            {
                "tingkat": parent,
                "kunci": induk.astype("str"),
                "_n_capaian": kids["capaian_persen"].notna().astype("int64"),
                "_n_uang": kids[list(UANG)].notna().any(axis=1).astype("int64"),
            }
        )
        rows.append(counts.groupby(["tingkat", "kunci"], as_index=False).sum())
    return pd.concat(rows, ignore_index=True)


def banding_simpul(
    data, kecamatan: str, tahun: int, triwulan: int, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """Printed and recomputed figures of every node of one report and of the kecamatan.

    One row per (``tingkat``, ``kunci``) of ``ringkasan`` (``tingkat == "kecamatan"``,
    ``kunci`` the kecamatan's name, for the total) with, for each quantity ``q`` of
    :data:`BESARAN`: ``q_dilaporkan`` (NaN where the office printed none), ``q_dihitung``,
    ``q_berbeda`` and ``q_alasan`` (the rule of the recomputation, one line).
    """
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    r = r[r["tingkat"].isin([*TINGKAT_SIMPUL, "kecamatan"])].copy()
    r["kunci"] = r["kunci"].astype("str")
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    ang = periode(data.anggaran, kecamatan, tahun, triwulan)
    out = r[["tingkat", "kunci", "kode", "uraian"]].reset_index(drop=True)
    key = pd.MultiIndex.from_frame(out[["tingkat", "kunci"]])

    # Printed: a parent's own row without indicator figures, or its own indicator of
    # capaian (Towuti's program prints 93,75 % as its indicator), carries its printed
    # capaian (the rows :mod:`.reconciliation` compares with the roll-up) ...
    node_rows = parent_capaian_rows(kin)
    cap = node_rows.groupby(["tingkat", "kunci"])["capaian_sd_dilaporkan"].first()
    # ... its own budget row the printed money and serapan.
    money = (
        ang[ang["tingkat"].isin(TINGKAT_SIMPUL)]
        .groupby(["tingkat", "kunci"])[[*UANG, "serapan_dilaporkan"]]
        .first()
    )
    printed = pd.DataFrame(index=key)
    printed["capaian"] = cap.reindex(key).to_numpy()
    for m in UANG:
        printed[m] = money[m].reindex(key).to_numpy() if len(money) else np.nan
    printed["serapan"] = (
        money["serapan_dilaporkan"].reindex(key).to_numpy() if len(money) else np.nan
    )
    # The kecamatan's printed total: a finding names it where it differs from the
    # programs; otherwise the printed program rows add up to it.
    total = out["tingkat"].eq("kecamatan").to_numpy()
    if total.any():
        programs = ang[ang["tingkat"] == "program"]
        sums = programs[list(UANG)].sum(min_count=1)
        for m in UANG:
            printed.loc[total, m] = sums[m]
        f = periode(data.pemeriksaan, kecamatan, tahun, triwulan)
        f = f[f["jenis"] == "total_berbeda"]
        for q, kolom in KOLOM_TEMUAN.items():
            hit = pd.to_numeric(f.loc[f["kolom"] == kolom, "dilaporkan"], errors="coerce")
            if hit.notna().any():
                printed.loc[total, q] = float(hit.dropna().iloc[0])

    computed = r.set_index(["tingkat", "kunci"])[
        ["capaian_persen", *UANG, "serapan_persen"]
    ].rename(columns={"capaian_persen": "capaian", "serapan_persen": "serapan"})
    computed = computed[~computed.index.duplicated()].reindex(key)
    counts = _child_counts(r).set_index(["tingkat", "kunci"]).reindex(key).fillna(0)
    n_cap = counts["_n_capaian"].astype("int64").to_numpy()
    n_uang = counts["_n_uang"].astype("int64").to_numpy()
    anak = out["tingkat"].map(ANAK).map(lambda t: fmt.nama_tingkat(t).lower() if t else "")
    alasan_cap = np.where(
        n_cap > 0,
        "rata-rata capaian " + pd.Series(n_cap).astype("str") + " " + anak,
        "realisasi / target indikatornya",
    )
    alasan_uang = np.where(
        n_uang > 0,
        "jumlah " + pd.Series(n_uang).astype("str") + " " + anak + " di bawahnya",
        "baris anggarannya sendiri",
    )
    kas = computed["anggaran_sd"].notna().to_numpy()
    alasan_serapan = np.where(
        kas,
        "realisasi / anggaran kas " + fmt.sd_tw(triwulan),
        "realisasi / pagu (tidak ada anggaran kas)",
    )
    alasan = {
        "capaian": alasan_cap,
        "pagu": alasan_uang,
        "anggaran_sd": alasan_uang,
        "realisasi_anggaran_sd": alasan_uang,
        "serapan": alasan_serapan,
    }
    for q in BESARAN:
        d = printed[q].astype("float64").reset_index(drop=True)
        h = computed[q].astype("float64").reset_index(drop=True)
        out[f"{q}_dilaporkan"] = d
        out[f"{q}_dihitung"] = h
        out[f"{q}_berbeda"] = berbeda(d, h, q in UANG, settings).to_numpy()
        out[f"{q}_alasan"] = np.where(h.isna(), TIDAK_DIHITUNG, alasan[q])
    return out


def tampil(frame: pd.DataFrame, besaran: str) -> pd.Series:
    """The figure a table shows for ``besaran``: the printed one where the office printed
    one, else the recomputed one."""
    return frame[f"{besaran}_dilaporkan"].where(
        frame[f"{besaran}_dilaporkan"].notna(), frame[f"{besaran}_dihitung"]
    )


MAKS_DESIMAL = 2
"""The most decimals a percentage is shown with (the reports' ``97,46%``)."""


def desimal_tercetak(values: pd.Series) -> pd.Series:
    """The decimals a printed percentage is shown with: :data:`MAKS_DESIMAL`, the
    reports' format of every percentage (cards, charts, paragraphs, tables); NA where
    there is no value.

    The processed tables keep the number, not its text, so the printed precision is not
    known: Wotu's ``95,80`` and Towuti's ``105,8`` both read back as one decimal, the
    forms' ``92`` and ``100`` as none. Showing the office's *value* at the reports' one
    format keeps one text per quantity on a page (a program's ``100,00%`` in the table,
    its chart bar and its paragraph) and never the recomputed decimals (``92,00``, not
    ``92,31``; ``105,80``, not ``105,78``)."""
    v = pd.to_numeric(values, errors="coerce").astype("float64")
    return pd.Series(MAKS_DESIMAL, index=values.index, dtype="Int64").where(v.notna())


def desimal_tampil(frame: pd.DataFrame, besaran: str) -> pd.Series:
    """The decimals of the figure :func:`tampil` gives for a percentage ``besaran``: the
    printed figure's own precision where the office printed one, NA (the house's two
    decimals) for a recomputed one. Money is always whole rupiah. As float (NaN: none),
    for the official tables' ``_desimal_<kolom>`` columns that their text, the xlsx
    number formats and formulas read."""
    return desimal_tercetak(frame[f"{besaran}_dilaporkan"]).astype("float64")


def satu_nilai(frame: pd.DataFrame, besaran: str) -> tuple[pd.Series, pd.Series]:
    """The one figure a screen shows for ``besaran`` and its decimals: the office's
    printed figure at its printed precision where the recomputation confirms it (within
    the tolerance: the same quantity, so the same figure as the official tables, the
    ``.xlsx`` and the ``.docx``), else the recomputed one at two decimals (its printed
    figure is then named beside it by :func:`label_tercetak`)."""
    d = frame[f"{besaran}_dilaporkan"].astype("float64")
    h = frame[f"{besaran}_dihitung"].astype("float64")
    confirmed = d.notna() & ~frame[f"{besaran}_berbeda"].fillna(False).astype(bool)
    return h.where(~confirmed, d), desimal_tercetak(d).where(confirmed)


def teks_capaian(frame: pd.DataFrame, besaran: str = "capaian") -> pd.Series:
    """A screen table's percentage column under :func:`satu_nilai`'s rule, as text:
    ``105,80%`` where the office printed 105,8 and realisasi / target gives 105,78."""
    value, desimal = satu_nilai(frame, besaran)
    return teks_persen(value, desimal)


def teks_satu_persen(
    dilaporkan: object, dihitung: object, settings: Settings = DEFAULT_SETTINGS
) -> str:
    """One percentage as text under :func:`satu_nilai`'s rule (for a sentence): the
    printed figure at its precision where the recomputation confirms it, else the
    recomputed one."""
    frame = pd.DataFrame(
        {
            "q_dilaporkan": pd.to_numeric(pd.Series([dilaporkan]), errors="coerce"),
            "q_dihitung": pd.to_numeric(pd.Series([dihitung]), errors="coerce"),
        },
        dtype="float64",
    )
    frame["q_berbeda"] = berbeda(frame["q_dilaporkan"], frame["q_dihitung"], False, settings)
    value, desimal = satu_nilai(frame, "q")
    return str(teks_persen(value, desimal).iloc[0])


def teks_persen(values: pd.Series, desimal: pd.Series) -> pd.Series:
    """``97,46%``: each value at its own decimals (NA: two)."""
    d = pd.Series(desimal, index=values.index).astype("Int64").fillna(MAKS_DESIMAL)
    return pd.Series(
        [fmt.persen(v, int(n)) for v, n in zip(values, d, strict=True)],
        index=values.index,
        dtype="object",
    )


def catatan_baris(frame: pd.DataFrame, besaran: tuple[str, ...] = BESARAN) -> pd.Series:
    """One line per row naming each differing quantity with its recomputed value and the
    rule: ``Capaian kinerja: dihitung ulang 88,89 % (rata-rata capaian 9 kegiatan)``;
    empty where every printed figure holds."""
    parts = []
    for q in besaran:
        if f"{q}_berbeda" not in frame:
            continue
        flag = frame[f"{q}_berbeda"].fillna(False).astype(bool)
        value = frame[f"{q}_dihitung"].map(lambda v, q=q: _teks(v, q))
        text = (
            LABEL[q] + " tercetak "
            + frame[f"{q}_dilaporkan"].map(lambda v, q=q: _teks_tercetak(v, q))
            + ", dihitung ulang " + value + " (" + frame[f"{q}_alasan"].astype("str") + ")"
        )  # fmt: skip
        parts.append(text.where(flag, ""))
    if not parts:
        return pd.Series("", index=frame.index, dtype="object")
    joined = pd.concat(parts, axis=1).apply(lambda row: "; ".join(p for p in row if p), axis=1)
    return joined.astype("object")


def alasan_indikator(realisasi: pd.Series, target: pd.Series) -> pd.Series:
    """The rule of an indicator's recomputed capaian: ``realisasi 3 / target 3``, or why
    there is none (target 0, no target)."""
    real, goal = realisasi.map(fmt.angka_ringkas), target.map(fmt.angka_ringkas)
    text = "realisasi " + real + " / target " + goal
    text = text.where(target.ne(0), "target 0: capaian tidak dapat dihitung")
    return text.where(target.notna(), "tanpa target: capaian tidak dapat dihitung").astype("object")


def printed_capaian_sd(kinerja_rows: pd.DataFrame) -> pd.Series:
    """The capaian s/d TW the office printed for each indicator row: ``capaian_sd_dilaporkan``
    or, where it is empty and the row's s/d target and realisasi equal the quarter's own
    (``target_tw``, ``realisasi_tw``), the quarter's printed ``capaian_tw_dilaporkan``.
    Rows without the quarter columns keep ``capaian_sd_dilaporkan`` alone."""
    d = kinerja_rows["capaian_sd_dilaporkan"].astype("float64")
    quarter = ("target_tw", "realisasi_tw", "capaian_tw_dilaporkan")
    if not all(c in kinerja_rows for c in quarter):
        return d
    t_tw = kinerja_rows["target_tw"].astype("float64")
    r_tw = kinerja_rows["realisasi_tw"].astype("float64")
    same = t_tw.eq(kinerja_rows["target_sd"].astype("float64")) & r_tw.eq(
        kinerja_rows["realisasi_sd"].astype("float64")
    )
    return d.where(d.notna() | ~same, kinerja_rows["capaian_tw_dilaporkan"].astype("float64"))


def banding_indikator(kinerja_rows: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS):
    """Per indicator row (``kinerja`` columns): ``capaian_dilaporkan``, ``capaian_dihitung``
    (realisasi / target s/d TW), ``capaian_berbeda`` and ``capaian_alasan``
    (``realisasi 3 / target 3``).

    Where the office printed no capaian s/d TW but printed the quarter's own capaian and
    the s/d target and realisasi are the quarter's own (a percentage indicator, or the
    first quarter), that printed quarter capaian is the printed figure: Towuti prints
    100 for a kegiatan with target 100 and realisasi 3 in every quarter, and a page
    that showed 3,00 % without naming the 100 would part from the office unmarked."""
    d = printed_capaian_sd(kinerja_rows)
    h = kinerja_rows["capaian_sd_persen"].astype("float64")
    alasan = alasan_indikator(kinerja_rows["realisasi_sd"], kinerja_rows["target_sd"])
    return pd.DataFrame(
        {
            "capaian_dilaporkan": d,
            "capaian_dihitung": h,
            "capaian_berbeda": berbeda(d, h, False, settings),
            "capaian_alasan": alasan.astype("object"),
        },
        index=kinerja_rows.index,
    )


def alasan_iku(
    realisasi: pd.Series,
    target: pd.Series,
    polaritas: pd.Series,
    settings: Settings = DEFAULT_SETTINGS,
) -> pd.Series:
    """The rule of an IKU's recomputed capaian, with the package's formula for a negatif
    indicator (:func:`analysis.metrics.achievement.capaian`): ``realisasi 84,73 / target
    80,1``, ``(2 x target 10 - realisasi 12) / target 10 (polaritas negatif)`` or, with
    ``rumus_negatif = "rasio"``, ``target 10 / realisasi 12 (polaritas negatif)``."""
    text = alasan_indikator(realisasi, target)
    real, goal = realisasi.map(fmt.angka_ringkas), target.map(fmt.angka_ringkas)
    if settings.rumus_negatif == "rasio":
        neg = "target " + goal + " / realisasi " + real
    else:
        neg = "(2 x target " + goal + " - realisasi " + real + ") / target " + goal
    negatif = polaritas.astype("object").eq("negatif") & target.notna() & target.ne(0)
    return text.where(~negatif, neg + " (polaritas negatif)").astype("object")


def banding_iku(riwayat: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """Per IKU row (:func:`analysis.reports.views.riwayat_iku`: one indicator and year):
    the office's printed capaian against the package's (realisasi / target, polaritas
    negatif by the settings' formula), as :func:`banding_indikator` gives them."""
    d = pd.to_numeric(riwayat["capaian_dilaporkan"], errors="coerce").astype("float64")
    h = pd.to_numeric(riwayat["capaian_persen"], errors="coerce").astype("float64")
    alasan = alasan_iku(
        pd.to_numeric(riwayat["realisasi"], errors="coerce").astype("float64"),
        pd.to_numeric(riwayat["target"], errors="coerce").astype("float64"),
        riwayat["polaritas"],
        settings,
    )
    return pd.DataFrame(
        {
            "capaian_dilaporkan": d,
            "capaian_dihitung": h,
            "capaian_berbeda": berbeda(d, h, False, settings),
            "capaian_alasan": alasan,
        },
        index=riwayat.index,
    )


def tanda(frame: pd.DataFrame, kolom: dict[str, str]) -> pd.Series:
    """The ``_tanda`` of each row for an official table: the table columns (``kolom``:
    quantity -> column key) whose printed figure the recomputation does not confirm."""
    parts = [
        frame[f"{q}_berbeda"].fillna(False).astype(bool).map({True: key, False: ""})
        for q, key in kolom.items()
        if f"{q}_berbeda" in frame
    ]
    if not parts:
        return pd.Series("", index=frame.index, dtype="object")
    return pd.concat(parts, axis=1).apply(lambda row: " ".join(p for p in row if p), axis=1)


def label_tercetak(frame: pd.DataFrame, besaran: str) -> pd.Series:
    """For a screen table whose cell shows the recomputed figure: the office's printed
    figure where the two differ, with the rule of the recomputation (``tercetak
    kecamatan 71,77% ≠ hitung ulang: rata-rata capaian 9 kegiatan``); else empty."""
    flag = frame[f"{besaran}_berbeda"].fillna(False).astype(bool)
    text = (
        "tercetak kecamatan "
        + frame[f"{besaran}_dilaporkan"].map(lambda v: _teks_tercetak(v, besaran))
        + " ≠ hitung ulang: "
        + frame[f"{besaran}_alasan"].astype("str")
    )
    return text.where(flag, "").astype("object")


def kalimat_target_nol(data, kecamatan: str, tahun: int, triwulan: int) -> str:
    """The sentence a report prints where the rule for rows with target 0 changed a
    figure (:attr:`analysis.settings.Settings.capaian_target_nol`): which rows the roll-up
    counted as 0 %. Empty when no row was so counted."""
    r = periode(data.ringkasan, kecamatan, tahun, triwulan)
    k = periode(data.kinerja, kecamatan, tahun, triwulan)
    zero = k[k["target_sd"].eq(0) & k["capaian_sd_persen"].isna()]
    counted = r[r["kunci"].isin(zero["kunci"]) & r["capaian_persen"].eq(0)]
    if counted.empty:
        return ""
    names = (
        counted["kode"]
        .fillna("")
        .astype("str")
        .str.cat(counted["uraian"].fillna("").astype("str").map(fmt.tanpa_tanda_daftar), sep=" ")
        + " (pagu "
        + counted["pagu"].map(fmt.rupiah)
        + ", realisasi "
        + counted["realisasi_anggaran_sd"].map(fmt.rupiah)
        + ")"
    ).str.strip()
    return (
        "Aturan hitung: sub kegiatan bertarget 0 yang punya anggaran dihitung 0% dalam "
        "rata-rata kegiatannya, seperti dokumen kecamatan (aturan ini dapat diubah di berkas "
        "pengaturan): " + "; ".join(names) + "."
    )


def banding_kecamatan(
    data, tahun: int, triwulan: int, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The kecamatan rows of :func:`banding_simpul` for every kecamatan of a period at
    once (the regency overview's ranking): one row per kecamatan, same columns."""
    mask = (data.ringkasan["tahun"] == tahun) & (data.ringkasan["triwulan"] == triwulan)
    r = data.ringkasan[mask]
    total = r[r["tingkat"] == "kecamatan"].drop_duplicates("kecamatan").set_index("kecamatan")
    out = pd.DataFrame(index=total.index)
    a = data.anggaran
    a = a[(a["tahun"] == tahun) & (a["triwulan"] == triwulan) & (a["tingkat"] == "program")]
    sums = a.groupby("kecamatan")[list(UANG)].sum(min_count=1).reindex(out.index)
    f = data.pemeriksaan
    f = f[(f["tahun"] == tahun) & (f["triwulan"] == triwulan) & (f["jenis"] == "total_berbeda")]
    f = f.assign(_v=pd.to_numeric(f["dilaporkan"], errors="coerce")).dropna(subset=["_v"])
    found = f.drop_duplicates(["kecamatan", "kolom"]).pivot(
        index="kecamatan", columns="kolom", values="_v"
    )
    programs = r[r["tingkat"] == "program"]
    n_cap = programs["capaian_persen"].notna().groupby(programs["kecamatan"]).sum()
    n_uang = programs[list(UANG)].notna().any(axis=1).groupby(programs["kecamatan"]).sum()
    n_cap = n_cap.reindex(out.index).fillna(0).astype("int64").astype("str")
    n_uang = n_uang.reindex(out.index).fillna(0).astype("int64").astype("str")
    computed = {
        "capaian": total["capaian_persen"],
        **{m: total[m] for m in UANG},
        "serapan": total["serapan_persen"],
    }
    for q, h in computed.items():
        d = sums[q] if q in UANG else pd.Series(np.nan, index=out.index)
        if KOLOM_TEMUAN[q] in found:
            d = found[KOLOM_TEMUAN[q]].reindex(out.index).where(lambda v: v.notna(), d)
        out[f"{q}_dilaporkan"] = d.astype("float64")
        out[f"{q}_dihitung"] = h.astype("float64")
        out[f"{q}_berbeda"] = berbeda(d, h, q in UANG, settings)
        if q == "capaian":
            alasan = "rata-rata capaian " + n_cap + " program"
        elif q == "serapan":
            alasan = pd.Series(
                np.where(
                    total["anggaran_sd"].notna(),
                    "realisasi / anggaran kas " + fmt.sd_tw(triwulan),
                    "realisasi / pagu (tidak ada anggaran kas)",
                ),
                index=out.index,
            )
        else:
            alasan = "jumlah " + n_uang + " program di bawahnya"
        out[f"{q}_alasan"] = alasan.where(h.notna(), TIDAK_DIHITUNG)
    return out.reset_index()


def indikator_triwulan_lain(
    data, kecamatan: str, tahun: int, triwulan: int, kunci: pd.Series
) -> pd.Series:
    """For nodes (``kunci``) without an indicator row in the report's quarter: the
    indicator the same office gives them in another quarter of the year, with those
    quarters (``Jumlah dokumen DPA-SKPD ... (dilaporkan di TW I)``), else in another
    year's table (its Renja evaluation: ``... (indikator tahun 2023, tidak dilaporkan
    2024)``, the nearest earlier year first); empty otherwise. A node the office gives
    an indicator is never shown as having none."""
    k = data.kinerja
    k = k[(k["kecamatan"] == kecamatan) & k["indikator"].notna()]
    if k.empty:
        return pd.Series("", index=kunci.index, dtype="object")
    year = k[(k["tahun"] == tahun) & (k["triwulan"] != triwulan)]
    text = pd.Series(dtype="object")
    if len(year):  # (an empty group-by gives numbers, not text)
        year = year.sort_values("triwulan", kind="stable")
        tw = year.groupby("kunci")["triwulan"].agg(
            lambda q: ", ".join(fmt.tw(int(v)) for v in pd.unique(q))
        )
        name = year.groupby("kunci")["indikator"].last().astype("str")
        text = name + " (dilaporkan di " + tw + ", tidak di " + fmt.tw(triwulan) + ")"
    other = k[k["tahun"] != tahun].copy()
    if len(other):
        # nearest earlier year first, then the nearest later one
        before = other["tahun"] < tahun
        other["_jarak"] = (tahun - other["tahun"]).where(before, other["tahun"] - tahun + 1000)
        other = other.sort_values(["_jarak", "triwulan"], kind="stable")
        first = other.groupby("kunci")[["indikator", "tahun"]].first()
        text_year = (
            first["indikator"].astype("str")
            + " (indikator tahun "
            + first["tahun"].astype("int64").astype("str")
            + ", tidak dilaporkan "
            + str(tahun)
            + ")"
        )
        text = text.combine_first(text_year)
    return kunci.map(text).astype("object").fillna("")
