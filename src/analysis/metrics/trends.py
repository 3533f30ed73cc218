"""Tren: capaian compared with the same quarter of the previous year, and quarter on quarter.

Three kinds of rows (``jenis``):
- ``antar_tahun``: per (kecamatan, kunci, indikator, triwulan), capaian s/d TW against the
  same indicator and quarter exactly one year earlier (a gap year is not "last year");
- ``antar_triwulan``: within a year, the quarter-alone capaian against the previous
  quarter's (``capaian_tahun_lalu_persen`` then holds the previous quarter's value);
- ``iku``: the IKU across years (same triwulan, or both whole-year).
``selisih_poin`` = now - before; ``arah`` is ``naik`` / ``turun`` beyond
``settings.toleransi_arah_poin`` points and ``tetap`` within it, empty when either side
is missing. Every point with a capaian is listed, the first year too, so a chart can
draw the whole line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import finalize, lower_text, str_labels
from analysis.metrics.hierarchy import Keyed, _pack, decode, factor
from analysis.schema import ARAH, TREN
from analysis.settings import DEFAULT_SETTINGS, Settings

JENIS = ["antar_tahun", "antar_triwulan", "iku"]


def arah(selisih: pd.Series, settings: Settings = DEFAULT_SETTINGS) -> pd.Series:
    """``naik`` / ``turun`` / ``tetap`` of each change in points; NA where unknown."""
    d = pd.to_numeric(selisih, errors="coerce").to_numpy(dtype="float64")
    tol = settings.toleransi_arah_poin
    out = np.select([d > tol, d < -tol, np.abs(d) <= tol], ["naik", "turun", "tetap"], default="")
    return pd.Series(out, index=selisih.index).where(np.isfinite(d), None).astype("str")


def _compare(
    df: pd.DataFrame, keys: list[str], step: str, jenis: str, settings: Settings
) -> pd.DataFrame:
    """Join each row to the row one ``step`` (``tahun`` or ``triwulan``) earlier."""
    df = df[df["capaian_persen"].notna()].copy()
    if df.empty:
        return finalize(None, TREN)
    prev = df[[*keys, step, "capaian_persen"]].copy()
    prev[step] = prev[step] + 1
    prev = prev.drop_duplicates([*keys, step]).rename(
        columns={"capaian_persen": "capaian_tahun_lalu_persen"}
    )
    out = df.merge(prev, on=[*keys, step], how="left")
    out["selisih_poin"] = out["capaian_persen"] - out["capaian_tahun_lalu_persen"]
    out["arah"] = arah(out["selisih_poin"], settings)
    out["jenis"] = jenis
    return finalize(out, TREN)


def arah_codes(d: np.ndarray, settings: Settings = DEFAULT_SETTINGS) -> np.ndarray:
    """:func:`arah` as codes into ``schema.ARAH`` (-1 where unknown)."""
    tol = settings.toleransi_arah_poin
    with np.errstate(invalid="ignore"):
        codes = np.select([d > tol, d < -tol, np.abs(d) <= tol], [0, 1, 2], default=-1)
    return np.where(np.isfinite(d), codes, -1)


def _previous(ident: np.ndarray, step: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each row, ``values`` of the first row with the same ``ident`` one ``step``
    earlier (NaN where there is none)."""
    if not len(ident):
        return np.empty(0)
    low = int(step.min()) - 1
    span = int(step.max()) - low + 1
    key = ident * span + (step - low)  # step - low >= 1: key - 1 stays in its ident's slots
    n = len(key)
    size = int(key.max()) + 1
    if size <= 16 * n:
        first = np.full(size, n, dtype=np.int64)
        np.minimum.at(first, key, np.arange(n, dtype=np.int64))
        pos = first[key - 1]
        pos[pos == n] = -1
    else:
        unique = ~pd.Index(key).duplicated(keep="first")
        found = pd.Index(key[unique]).get_indexer(key - 1)
        pos = np.where(found >= 0, np.flatnonzero(unique)[np.maximum(found, 0)], -1)
    return np.where(pos >= 0, values[np.maximum(pos, 0)], np.nan)


def tren(
    kinerja: pd.DataFrame, iku: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The processed ``tren`` table (``schema.TREN``)."""
    return tren_keyed(Keyed.of(kinerja), iku, settings)


def tren_keyed(
    kinerja: Keyed, iku: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """:func:`tren` of a kinerja table whose keys are already known (see :class:`Keyed`)."""
    parts = []
    table = kinerja.table
    if len(table):
        rows = np.flatnonzero(table["tahun"].notna().to_numpy())
        source = kinerja.rows[rows]
        codes = kinerja.codes
        # (kecamatan, kunci, indikator) of each row, numbered once per source row.
        lowered, names = factor(kinerja.source["indikator"], lower_text)
        blank = np.flatnonzero((names == "").to_numpy())
        lowered = np.where(lowered >= 0, lowered, blank[0] if len(blank) else len(names))
        ident = pd.factorize(_pack(codes.kecamatan, codes.kunci, lowered))[0]
        ident = ident[source].astype(np.int64)
        indikator, indikator_dict = factor(kinerja.source["indikator"])
        quarter = table["triwulan"].to_numpy(dtype=np.int64)[rows]
        year = table["tahun"].to_numpy(dtype=np.int64, na_value=0)[rows]
        q_low, q_span = quarter.min(initial=0), np.ptp(quarter) + 1 if len(quarter) else 1
        y_low, y_span = year.min(initial=0), np.ptp(year) + 1 if len(year) else 1
        picked, now, before, jenis = [], [], [], []
        for code, column, group, step in (
            (0, "capaian_sd_persen", ident * q_span + (quarter - q_low), year),
            (1, "capaian_tw_persen", ident * y_span + (year - y_low), quarter),
        ):
            value = table[column].to_numpy(dtype="float64")[rows]
            has = np.flatnonzero(~np.isnan(value))
            picked.append(rows[has])
            now.append(value[has])
            before.append(_previous(group[has], step[has], value[has]))
            jenis.append(np.full(len(has), code))
        picked = np.concatenate(picked)
        src = kinerja.rows[picked]
        now, before = np.concatenate(now), np.concatenate(before)
        selisih = now - before
        parts.append(
            pd.DataFrame(
                {
                    "jenis": str_labels(np.concatenate(jenis), JENIS[:2]).array,
                    "kecamatan": codes.strings("kecamatan", src),
                    "kode": codes.strings("kode", src),
                    "kunci": codes.strings("kunci", src),
                    "uraian": codes.strings("uraian", src),
                    "indikator": decode(indikator_dict, indikator[src]),
                    "triwulan": table["triwulan"].array.take(picked),
                    "tahun": table["tahun"].array.take(picked),
                    "capaian_persen": now,
                    "capaian_tahun_lalu_persen": before,
                    "selisih_poin": selisih,
                    "arah": str_labels(arah_codes(selisih, settings), list(ARAH)).array,
                },
                copy=False,
            )
        )
    if len(iku):
        i = iku[iku["tahun"].notna()].copy()
        i["_ind"] = lower_text(i["indikator"])
        i["_tw"] = pd.to_numeric(i["triwulan"], errors="coerce").fillna(0).astype("int64")
        i["tahun"] = i["tahun"].astype("int64")
        parts.append(_compare(i, ["kecamatan", "_ind", "_tw"], "tahun", "iku", settings))
    parts = [p for p in parts if len(p)]
    if not parts:
        return finalize(None, TREN)
    out = pd.concat(parts, ignore_index=True)
    clean = ["jenis", "kecamatan", "kode", "kunci", "uraian", "indikator", "arah"]
    return finalize(out, TREN, clean=clean)
