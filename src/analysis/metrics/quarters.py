"""Wide-by-quarter frames -> long tables with one row per quarter (kinerja, anggaran).

Sources give either each quarter alone (``_tw``: Kalaena's rencana aksi form, seed 000)
or only the running total "s/d TW" (Wotu Tabel 3.4: ``REALISASI s/d TW.IV``). The s/d
figure is computed from the quarters when any quarter-alone value is given for the row
(so a printed s/d cannot hide an error) and taken as printed otherwise; quarter-alone
figures are never invented from s/d ones.

A quarter row is emitted only when the source gave something for that quarter: a target
or realisasi (alone or s/d), a budget figure, or a printed capaian/serapan - values
merely carried on by the s/d sum do not count. A report that covers only TW IV thus
yields TW IV rows, and an indicator with nothing at all yields none. Targets and cash
plans carry on within emitted quarters; a realisasi to date stops after the last quarter
the row reports (a quarter not yet reported has no realisasi).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.absorption import serapan_kas, serapan_pagu
from analysis.metrics.achievement import capaian, cumulate
from analysis.metrics.bands import kategori
from analysis.metrics.frames import conform, finalize, floats, is_data_row, lower_text, text, year
from analysis.schema import ANGGARAN, ANGGARAN_WIDE, KINERJA, KINERJA_WIDE, QUARTERS, per_quarter
from analysis.settings import DEFAULT_SETTINGS, Settings

N_Q = len(QUARTERS)


def default_agregasi(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """The contract's default aggregation when the source does not say.

    ``rata_rata`` for percentages (unit ``%`` or an indicator starting with
    "Persentase"/"Presentase"), ``akhir`` for indices ("Indeks ...", "Nilai ..."),
    else ``jumlah``.
    """
    ind = lower_text(indikator)
    sat = lower_text(satuan)
    is_pct = sat.str.contains("%", regex=False) | ind.str.match(r"^(persentase|presentase)")
    is_index = ind.str.match(r"^(indeks|nilai)")
    out = np.where(is_pct, "rata_rata", np.where(is_index, "akhir", "jumlah"))
    return pd.Series(out, index=indikator.index, dtype="str")


def _matrix(df: pd.DataFrame, stem: str) -> pd.DataFrame:
    return floats(df, per_quarter(stem)).set_axis(list(QUARTERS), axis=1)


def _to_date(
    tw: pd.DataFrame, sd_given: pd.DataFrame, agregasi, *, realisasi: bool = False
) -> pd.DataFrame:
    """s/d values: cumulated from quarter-alone values, else as printed.

    Targets and cash plans carry on to later quarters (nothing more planned is a plan of
    nothing more); a realisasi stops after the last quarter the row reports, because a
    quarter not yet reported has no realisasi to date.
    """
    computed = cumulate(tw, agregasi)
    if realisasi:
        reported_later = tw.notna().iloc[:, ::-1].cummax(axis=1).iloc[:, ::-1]
        computed = computed.where(reported_later)
    has_tw = tw.notna().any(axis=1)
    computed = computed.where(np.broadcast_to(has_tw.to_numpy()[:, None], computed.shape))
    return computed.combine_first(sd_given)


def _flat(m: pd.DataFrame | np.ndarray) -> np.ndarray:
    """Row-major flattening: row i quarter 1..4, then row i+1 ..."""
    return np.asarray(m, dtype="float64").reshape(-1)


def _long_identity(wide: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """Repeat each wide row once per quarter, adding ``triwulan`` and ``_row``."""
    base = wide[cols].loc[wide.index.repeat(N_Q)].reset_index(drop=True)
    base["triwulan"] = np.tile(np.array(QUARTERS, dtype="int64"), len(wide))
    base["_row"] = np.repeat(np.arange(len(wide)), N_Q)
    return base


def _per_quarter_text(wide: pd.DataFrame, stem: str, fallback: str) -> np.ndarray:
    """Per-quarter note, falling back to the row's note."""
    per_q = wide[per_quarter(stem)].astype("object")
    row_note = wide[fallback].astype("object")
    per_q = per_q.apply(lambda col: col.where(col.notna(), row_note))
    return per_q.to_numpy().reshape(-1)


def row_polaritas(wide: pd.DataFrame) -> pd.Series:
    """``polaritas`` of each wide row; anything but ``negatif`` is ``positif``."""
    pol = lower_text(wide["polaritas"])
    return pol.where(pol.eq("negatif"), "positif")


def row_agregasi(wide: pd.DataFrame) -> pd.Series:
    """``agregasi`` of each wide row as given, else the contract's default."""
    agg = lower_text(wide["agregasi"]).str.replace("-", "_").str.replace(" ", "_")
    return agg.where(
        agg.isin(["jumlah", "rata_rata", "akhir"]),
        default_agregasi(wide["indikator"], wide["satuan"]),
    )


def _select_rows(wide: pd.DataFrame, totals: bool) -> pd.DataFrame:
    data = is_data_row(wide["tingkat"]).to_numpy()
    return wide[~data if totals else data].reset_index(drop=True)


def kinerja_long(
    kinerja_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> pd.DataFrame:
    """The processed ``kinerja`` table (``schema.KINERJA``) from ``schema.KINERJA_WIDE``.

    Printed totals (``tingkat == "total"``) are left out; ``totals=True`` returns only
    them, in the same shape, for :mod:`.reconciliation`. ``capaian_tahunan_persen``
    compares realisasi s/d with ``target_tahunan``, or, where the source gives no annual
    target, with the full-year s/d target of the quarters.
    """
    wide = _select_rows(conform(kinerja_wide, KINERJA_WIDE), totals)
    if wide.empty:
        return finalize(None, KINERJA)

    polaritas = row_polaritas(wide)
    agregasi = row_agregasi(wide)

    t_tw, r_tw = _matrix(wide, "target_tw"), _matrix(wide, "realisasi_tw")
    t_sd_given = _matrix(wide, "target_sd_tw")
    t_sd = _to_date(t_tw, t_sd_given, agregasi)
    r_sd_given = _matrix(wide, "realisasi_sd_tw")
    r_sd = _to_date(r_tw, r_sd_given, agregasi, realisasi=True)
    cap_tw_rep, cap_sd_rep = _matrix(wide, "capaian_tw"), _matrix(wide, "capaian_sd_tw")
    target_tahunan = pd.to_numeric(wide["target_tahunan"], errors="coerce").astype("float64")
    target_year = target_tahunan.fillna(t_sd[QUARTERS[-1]])
    # A quarter is emitted when the source gave something for it (not merely carried on).
    given = [t_tw, r_tw, t_sd_given, r_sd_given, cap_tw_rep, cap_sd_rep]
    keep = np.logical_or.reduce([m.notna().to_numpy() for m in given]).reshape(-1)
    # "s/d TW IV" is the whole year: where a report prints only the annual target next
    # to realisasi s/d TW IV (Wotu Tabel 3.4), the annual target is the s/d target.
    t_sd[QUARTERS[-1]] = t_sd[QUARTERS[-1]].fillna(target_tahunan)

    out = _long_identity(
        wide,
        [
            "kecamatan",
            "tahun",
            "kode",
            "tingkat",
            "uraian",
            "indikator",
            "satuan",
            "sumber",
            "kunci",
            "kunci_program",
            "kunci_kegiatan",
        ],
    )
    out["polaritas"] = np.repeat(polaritas.to_numpy(), N_Q)
    out["agregasi"] = np.repeat(agregasi.to_numpy(), N_Q)
    out["target_tahunan"] = np.repeat(target_tahunan.to_numpy(), N_Q)
    out["target_tw"] = _flat(t_tw)
    out["realisasi_tw"] = _flat(r_tw)
    out["target_sd"] = _flat(t_sd)
    out["realisasi_sd"] = _flat(r_sd)
    out["capaian_tw_dilaporkan"] = _flat(cap_tw_rep)
    out["capaian_sd_dilaporkan"] = _flat(cap_sd_rep)
    out["keterangan"] = _per_quarter_text(wide, "keterangan_tw", "keterangan")

    out = out[keep].reset_index(drop=True)

    out["capaian_tw_persen"] = capaian(
        out["target_tw"], out["realisasi_tw"], out["polaritas"], settings
    )
    out["capaian_sd_persen"] = capaian(
        out["target_sd"], out["realisasi_sd"], out["polaritas"], settings
    )
    year_target = pd.Series(np.repeat(target_year.to_numpy(), N_Q)[keep])
    out["capaian_tahunan_persen"] = capaian(
        year_target, out["realisasi_sd"], out["polaritas"], settings
    )
    out["kategori"] = kategori(out["capaian_sd_persen"], settings)
    out["tahun"] = year(out["tahun"])
    out = out.sort_values(["kecamatan", "tahun", "triwulan", "_row"], kind="stable")
    return finalize(out, KINERJA)


def anggaran_long(
    anggaran_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> pd.DataFrame:
    """The processed ``anggaran`` table (``schema.ANGGARAN``) from ``schema.ANGGARAN_WIDE``.

    Money always adds up by sum. A row that gives only an annual ``pagu`` (no quarter
    figure, e.g. Wotu Tabel 2.8) is placed in the latest quarter its kecamatan-year
    reports, or TW IV when none does: a pagu is the year's budget. ``rekening`` lines
    stay in (they are checked against their sub kegiatan); printed totals do not
    (``totals=True`` returns only them, for :mod:`.reconciliation`).
    """
    wide = _select_rows(conform(anggaran_wide, ANGGARAN_WIDE), totals)
    if wide.empty:
        return finalize(None, ANGGARAN)

    a_tw, ra_tw = _matrix(wide, "anggaran_tw"), _matrix(wide, "realisasi_anggaran_tw")
    a_sd_given = _matrix(wide, "anggaran_sd_tw")
    ra_sd_given = _matrix(wide, "realisasi_anggaran_sd_tw")
    a_sd = _to_date(a_tw, a_sd_given, "jumlah")
    ra_sd = _to_date(ra_tw, ra_sd_given, "jumlah", realisasi=True)
    rep = _matrix(wide, "serapan_sd_tw")
    pagu = pd.to_numeric(wide["pagu"], errors="coerce").astype("float64")

    out = _long_identity(
        wide,
        [
            "kecamatan",
            "tahun",
            "kode",
            "tingkat",
            "uraian",
            "sumber",
            "kunci",
            "kunci_program",
            "kunci_kegiatan",
            "sumber_dana",
            "keterangan",
        ],
    )
    out["pagu"] = np.repeat(pagu.to_numpy(), N_Q)
    out["anggaran_tw"] = _flat(a_tw)
    out["realisasi_anggaran_tw"] = _flat(ra_tw)
    out["anggaran_sd"] = _flat(a_sd)
    out["realisasi_anggaran_sd"] = _flat(ra_sd)
    out["serapan_dilaporkan"] = _flat(rep)

    given = [a_tw, ra_tw, a_sd_given, ra_sd_given, rep]
    has_q = np.logical_or.reduce([m.notna().to_numpy() for m in given]).reshape(-1)
    out["tahun"] = year(out["tahun"])
    # Pagu-only rows: one row, in the latest quarter reported by their kecamatan-year.
    row_has_q = pd.Series(has_q).groupby(out["_row"]).transform("any").to_numpy()
    reported = out[has_q].groupby(["kecamatan", "tahun"], dropna=False)["triwulan"].max()
    latest = out.join(reported.rename("_latest"), on=["kecamatan", "tahun"])["_latest"]
    latest = latest.fillna(QUARTERS[-1]).to_numpy()
    pagu_only = ~row_has_q & out["pagu"].notna().to_numpy() & (out["triwulan"].to_numpy() == latest)
    out = out[has_q | pagu_only].reset_index(drop=True)

    out["serapan_kas_persen"] = serapan_kas(out["realisasi_anggaran_sd"], out["anggaran_sd"])
    out["serapan_pagu_persen"] = serapan_pagu(out["realisasi_anggaran_sd"], out["pagu"])
    out["kategori_serapan"] = kategori(out["serapan_kas_persen"], settings)
    out["sumber_dana"] = text(out["sumber_dana"])
    out = out.sort_values(["kecamatan", "tahun", "triwulan", "_row"], kind="stable")
    return finalize(out, ANGGARAN)
