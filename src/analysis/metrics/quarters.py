"""Wide-by-quarter frames -> long tables with one row per quarter (kinerja, anggaran).

Sources give either each quarter alone (``_tw``: Kalaena's rencana aksi form, seed 000)
or only the running total "s/d TW" (Wotu Tabel 3.4: ``REALISASI s/d TW.IV``). The s/d
figure is computed from the quarters when any quarter-alone value is given for the row
(so a printed s/d cannot hide an error) and taken as printed otherwise; quarter-alone
figures are never invented from s/d ones.

A quarter row is emitted only when the source gave something for that quarter: a target
or realisasi (alone or s/d), a budget figure, or a printed capaian/serapan - values
merely carried on by the s/d sum do not count. A report that covers only TW IV thus
yields TW IV rows, and an indicator with nothing at all yields none. A row giving only its
annual target (or only a pagu) is one row, in the latest quarter its kecamatan-year
reports, or TW IV when none does. Targets and cash
plans carry on within emitted quarters; a realisasi to date stops after the last quarter
the row reports (a quarter not yet reported has no realisasi).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.absorption import rasio_values, rencana_kas_sd
from analysis.metrics.achievement import capaian_values, cumulate
from analysis.metrics.bands import kategori_values
from analysis.metrics.budget_lines import adopt_children_parent
from analysis.metrics.frames import (
    conform,
    finalize,
    floats,
    is_data_row,
    lower_text,
    per_value,
    sorted_groups,
    take_text,
    text,
    year,
)
from analysis.metrics.hierarchy import Keyed, decode, factor, merge_codes
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
    tw: pd.DataFrame,
    sd_given: pd.DataFrame,
    agregasi,
    *,
    realisasi: bool = False,
    noted: np.ndarray | None = None,
) -> pd.DataFrame:
    """s/d values: cumulated from quarter-alone values, else as printed.

    Targets and cash plans carry on to later quarters (nothing more planned is a plan of
    nothing more); a realisasi stops after the last quarter the row reports, because a
    quarter not yet reported has no realisasi to date. A quarter reported by its note
    alone (``noted``: "terlaksana di triwulan I") is reported: the realisasi to date
    carries into it.
    """
    computed = cumulate(tw, agregasi).to_numpy()
    given = tw.notna().to_numpy()
    if realisasi:
        reported = given if noted is None else given | noted
        reported_later = np.logical_or.accumulate(reported[:, ::-1], axis=1)[:, ::-1]
        computed = np.where(reported_later, computed, np.nan)
    computed = np.where(given.any(axis=1)[:, None], computed, np.nan)
    printed = sd_given.to_numpy(dtype="float64")
    out = np.where(np.isnan(computed), printed, computed)
    return pd.DataFrame(out, index=tw.index, columns=tw.columns)


def _flat(m: pd.DataFrame | np.ndarray) -> np.ndarray:
    """Row-major flattening: row i quarter 1..4, then row i+1 ..."""
    return np.asarray(m, dtype="float64").reshape(-1)


def _long_order(wide: pd.DataFrame, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flat positions (row x 4 + quarter - 1) of the kept (row, quarter) cells in table
    order - kecamatan, tahun, triwulan, then row - and each wide row's group rank of
    (kecamatan, tahun) in that order."""
    group = sorted_groups(pd.DataFrame({"k": wide["kecamatan"], "t": year(wide["tahun"])}))
    pos = np.flatnonzero(keep.reshape(-1))
    key = group[pos // N_Q] * N_Q + pos % N_Q
    return pos[np.argsort(key, kind="stable")], group


def _year_only(wide: pd.DataFrame, has_q: np.ndarray, year_figure: np.ndarray) -> np.ndarray:
    """``has_q`` with one quarter more for each row that gives only a figure of the year
    (``year_figure``: a pagu, an annual target): the latest quarter its kecamatan-year
    reports, or TW IV when none does - the year's figure is never dropped."""
    rows = ~has_q.any(axis=1) & year_figure
    if not rows.any():
        return has_q
    pos, group = _long_order(wide, has_q)
    latest = np.zeros(group.max() + 1 if len(group) else 0, dtype=np.int64)
    np.maximum.at(latest, group[pos // N_Q], pos % N_Q + 1)
    latest[latest == 0] = QUARTERS[-1]
    out = has_q.copy()
    out[rows, latest[group[rows]] - 1] = True
    return out


def _source(wide: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The identity columns of each wide row as the long table has them."""
    return pd.DataFrame({"tahun": year(wide["tahun"]), **{c: text(wide[c]) for c in cols}})


def _repeat(source: pd.DataFrame, rows: np.ndarray) -> dict[str, object]:
    """The columns of ``source`` for each long row."""
    return {
        c: take_text(source[c], rows) if c != "tahun" else source[c].array.take(rows)
        for c in source.columns
    }


def _per_quarter_text(
    wide: pd.DataFrame, stem: str, fallback: str, pos: np.ndarray, note_quarter: np.ndarray
):
    """Per-quarter note, falling back to the row's note, for each flat position.

    The row's own note (a ``KET`` column of no quarter) belongs to the quarter it was
    written for, ``note_quarter`` (1-4; 0: every quarter): it is not copied into the
    other quarters, where it would tell TW I what the office wrote at TW II.
    """
    parts = [factor(wide[c]) for c in (fallback, *per_quarter(stem))]
    (note, *per_q), notes = merge_codes(parts)
    note = np.asarray(note)
    codes = np.stack(
        [
            np.where(q >= 0, q, np.where(np.isin(note_quarter, (0, i + 1)), note, -1))
            for i, q in enumerate(per_q)
        ],
        axis=1,
    ).reshape(-1)
    return decode(notes, codes[pos])


def note_quarters(reported: np.ndarray, group: np.ndarray) -> np.ndarray:
    """The quarter each wide row's undated note was written for (0: none known).

    The latest quarter the row reports a realisasi or capaian in; for a row reporting
    none (a heading, an indicator not yet realised), the latest such quarter of its
    kecamatan-year; 0 when the kecamatan-year reports no realisasi at all (a plan).
    """
    any_q = reported.any(axis=1)
    row_last = np.where(any_q, N_Q - np.argmax(reported[:, ::-1], axis=1), 0)
    latest = np.zeros(group.max() + 1 if len(group) else 0, dtype=np.int64)
    np.maximum.at(latest, group, row_last)
    return np.where(any_q, row_last, latest[group] if len(group) else row_last)


def _polaritas(polaritas: pd.Series) -> pd.Series:
    pol = lower_text(polaritas)
    return pol.where(pol.eq("negatif"), "positif")


def row_polaritas(wide: pd.DataFrame) -> pd.Series:
    """``polaritas`` of each wide row; anything but ``negatif`` is ``positif``."""
    return per_value(_polaritas, wide["polaritas"])


def _agregasi(agregasi: pd.Series, indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    agg = lower_text(agregasi).str.replace("-", "_").str.replace(" ", "_")
    return agg.where(
        agg.isin(["jumlah", "rata_rata", "akhir"]), default_agregasi(indikator, satuan)
    )


def row_agregasi(wide: pd.DataFrame) -> pd.Series:
    """``agregasi`` of each wide row as given, else the contract's default."""
    return per_value(_agregasi, wide["agregasi"], wide["indikator"], wide["satuan"])


def _select_rows(wide: pd.DataFrame, totals: bool) -> pd.DataFrame:
    keep = is_data_row(wide["tingkat"]).to_numpy()
    keep = ~keep if totals else keep
    return wide if keep.all() else wide[keep].reset_index(drop=True)


KINERJA_TEXT = [
    "kecamatan",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "sumber",
    "kunci",
    "kunci_program",
    "kunci_kegiatan",
    "catatan_sumber",
]
ANGGARAN_TEXT = [
    "kecamatan",
    "kode",
    "tingkat",
    "uraian",
    "sumber",
    "kunci",
    "kunci_program",
    "kunci_kegiatan",
    "sumber_dana",
    "keterangan",
    "catatan_sumber",
]


def kinerja_long(
    kinerja_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> pd.DataFrame:
    """The processed ``kinerja`` table (``schema.KINERJA``) from ``schema.KINERJA_WIDE``.

    Printed totals (``tingkat == "total"``) are left out; ``totals=True`` returns only
    them, in the same shape, for :mod:`.reconciliation`. ``capaian_tahunan_persen``
    compares realisasi s/d with ``target_tahunan``, or, where the source gives no annual
    target, with the full-year s/d target of the quarters.
    """
    return kinerja_keyed(kinerja_wide, settings, totals=totals).table


def kinerja_keyed(
    kinerja_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> Keyed:
    """:func:`kinerja_long` with each row's wide source row (see :class:`.hierarchy.Keyed`)."""
    wide = _select_rows(conform(kinerja_wide, KINERJA_WIDE), totals)
    if wide.empty:
        return Keyed.of(finalize(None, KINERJA))

    polaritas = row_polaritas(wide)
    agregasi = row_agregasi(wide)

    t_tw, r_tw = _matrix(wide, "target_tw"), _matrix(wide, "realisasi_tw")
    t_sd_given = _matrix(wide, "target_sd_tw")
    t_sd = _to_date(t_tw, t_sd_given, agregasi)
    r_sd_given = _matrix(wide, "realisasi_sd_tw")
    noted = np.stack(
        [
            wide[c].astype("string").str.strip().fillna("").ne("").to_numpy(dtype=bool)
            if c in wide
            else np.zeros(len(wide), dtype=bool)
            for c in per_quarter("keterangan_tw")
        ],
        axis=1,
    )
    r_sd = _to_date(r_tw, r_sd_given, agregasi, realisasi=True, noted=noted)
    cap_tw_rep, cap_sd_rep = _matrix(wide, "capaian_tw"), _matrix(wide, "capaian_sd_tw")
    target_tahunan = pd.to_numeric(wide["target_tahunan"], errors="coerce").astype("float64")
    target_year = target_tahunan.fillna(t_sd[QUARTERS[-1]])
    # A quarter is emitted when the source gave something for it (not merely carried on).
    given = [t_tw, r_tw, t_sd_given, r_sd_given, cap_tw_rep, cap_sd_rep]
    keep = np.logical_or.reduce([m.notna().to_numpy() for m in given])
    # A quarter the office wrote only a note (KET) for is reported too: the note is kept
    # in its quarter, verbatim ("terlaksana di triwulan I"), with the carried figures.
    keep = keep | (noted & keep.any(axis=1, keepdims=True))
    # Target-only rows (a Renja, Renstra or Perjanjian Kinerja prints the year's target
    # alone): one row, placed like a pagu-only budget row (see _year_only).
    # A plan's per-indicator funding (``pagu_indikator``) is a year's figure as well.
    pagu_indikator = pd.to_numeric(wide["pagu_indikator"], errors="coerce").astype("float64")
    year_only = target_tahunan.notna().to_numpy() | pagu_indikator.notna().to_numpy()
    keep = _year_only(wide, keep, year_only)
    # "s/d TW IV" is the whole year: where a report prints only the annual target next
    # to realisasi s/d TW IV (Wotu Tabel 3.4), the annual target is the s/d target.
    t_sd[QUARTERS[-1]] = t_sd[QUARTERS[-1]].fillna(target_tahunan)

    pos, group = _long_order(wide, keep)
    reported = [r_tw, r_sd_given, cap_tw_rep, cap_sd_rep]
    note_q = note_quarters(np.logical_or.reduce([m.notna().to_numpy() for m in reported]), group)
    rows = pos // N_Q
    negatif = polaritas.eq("negatif").to_numpy(dtype=bool)[rows]
    target_tw, realisasi_tw = _flat(t_tw)[pos], _flat(r_tw)[pos]
    target_sd, realisasi_sd = _flat(t_sd)[pos], _flat(r_sd)[pos]
    capaian_sd = capaian_values(target_sd, realisasi_sd, negatif, settings)
    source = _source(wide, KINERJA_TEXT)
    out = pd.DataFrame(
        {
            **_repeat(source, rows),
            "triwulan": pos % N_Q + 1,
            "polaritas": take_text(polaritas, rows),
            "agregasi": take_text(agregasi, rows),
            "target_tahunan": target_tahunan.to_numpy()[rows],
            "target_tw": target_tw,
            "realisasi_tw": realisasi_tw,
            "capaian_tw_persen": capaian_values(target_tw, realisasi_tw, negatif, settings),
            "target_sd": target_sd,
            "realisasi_sd": realisasi_sd,
            "capaian_sd_persen": capaian_sd,
            "capaian_tahunan_persen": capaian_values(
                target_year.to_numpy()[rows], realisasi_sd, negatif, settings
            ),
            "kategori": kategori_values(capaian_sd, settings).array,
            "capaian_tw_dilaporkan": _flat(cap_tw_rep)[pos],
            "capaian_sd_dilaporkan": _flat(cap_sd_rep)[pos],
            "keterangan": _per_quarter_text(wide, "keterangan_tw", "keterangan", pos, note_q),
            "pagu_indikator": pagu_indikator.to_numpy()[rows],
        },
        copy=False,
    )
    clean = [*KINERJA_TEXT, "polaritas", "agregasi", "kategori", "keterangan"]
    return Keyed(finalize(out, KINERJA, clean=clean), source, rows)


def anggaran_long(
    anggaran_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> pd.DataFrame:
    """The processed ``anggaran`` table (``schema.ANGGARAN``) from ``schema.ANGGARAN_WIDE``.

    Money always adds up by sum. A row that gives only an annual ``pagu`` (no quarter
    figure, e.g. Wotu Tabel 2.8) is placed in the latest quarter its kecamatan-year
    reports, or TW IV when none does: a pagu is the year's budget. Serapan divides by
    :func:`.absorption.rencana_kas_sd` (the pagu at TW IV when no cash plan is printed).
    ``rekening`` lines
    stay in (they are checked against their sub kegiatan); printed totals do not
    (``totals=True`` returns only them, for :mod:`.reconciliation`).
    """
    return anggaran_keyed(anggaran_wide, settings, totals=totals).table


def anggaran_keyed(
    anggaran_wide: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS, *, totals: bool = False
) -> Keyed:
    """:func:`anggaran_long` with each row's wide source row (see :class:`.hierarchy.Keyed`)."""
    wide = _select_rows(conform(anggaran_wide, ANGGARAN_WIDE), totals)
    if wide.empty:
        return Keyed.of(finalize(None, ANGGARAN))
    if not totals:
        wide = adopt_children_parent(wide)[0]

    a_tw, ra_tw = _matrix(wide, "anggaran_tw"), _matrix(wide, "realisasi_anggaran_tw")
    a_sd_given = _matrix(wide, "anggaran_sd_tw")
    ra_sd_given = _matrix(wide, "realisasi_anggaran_sd_tw")
    a_sd = _to_date(a_tw, a_sd_given, "jumlah")
    ra_sd = _to_date(ra_tw, ra_sd_given, "jumlah", realisasi=True)
    rep = _matrix(wide, "serapan_sd_tw")
    pagu = pd.to_numeric(wide["pagu"], errors="coerce").astype("float64").to_numpy()

    given = [a_tw, ra_tw, a_sd_given, ra_sd_given, rep]
    has_q = np.logical_or.reduce([m.notna().to_numpy() for m in given])
    pos, _ = _long_order(wide, _year_only(wide, has_q, ~np.isnan(pagu)))

    rows = pos // N_Q
    quarter = pos % N_Q + 1
    anggaran_sd, realisasi_sd = _flat(a_sd)[pos], _flat(ra_sd)[pos]
    serapan = rasio_values(realisasi_sd, rencana_kas_sd(anggaran_sd, pagu[rows], quarter))
    source = _source(wide, ANGGARAN_TEXT)
    out = pd.DataFrame(
        {
            **_repeat(source, rows),
            "triwulan": quarter,
            "pagu": pagu[rows],
            "anggaran_tw": _flat(a_tw)[pos],
            "realisasi_anggaran_tw": _flat(ra_tw)[pos],
            "anggaran_sd": anggaran_sd,
            "realisasi_anggaran_sd": realisasi_sd,
            "serapan_kas_persen": serapan,
            "serapan_pagu_persen": rasio_values(realisasi_sd, pagu[rows]),
            "kategori_serapan": kategori_values(serapan, settings).array,
            "serapan_dilaporkan": _flat(rep)[pos],
        },
        copy=False,
    )
    return Keyed(finalize(out, ANGGARAN, clean=[*ANGGARAN_TEXT, "kategori_serapan"]), source, rows)
