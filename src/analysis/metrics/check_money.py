"""Checks of money: a printed serapan against realisasi / anggaran, a parent's pagu,
anggaran kas and realisasi against the sum of its children, a printed total against
the roll-up, realisasi over pagu.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.absorption import serapan_kas, serapan_pagu
from analysis.metrics.check_base import (
    CHILD_LABEL,
    MONEY,
    MONEY_JENIS,
    MONEY_LABEL,
    findings_frame,
    keparahan_poin,
    keparahan_rupiah,
    map_text,
    row_label,
    tw_text,
)
from analysis.metrics.frames import (
    group_sum,
    text,
)
from analysis.metrics.hierarchy import (
    KECAMATAN,
    Keyed,
    effective_kunci,
    effective_tingkat,
    pack_joint,
    parent_of,
)
from analysis.settings import Settings


def check_serapan(anggaran: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Printed serapan against realisasi / anggaran kas (or / pagu when no cash plan)."""
    rep = anggaran["serapan_dilaporkan"]
    kas = serapan_kas(anggaran["realisasi_anggaran_sd"], anggaran["anggaran_sd"])
    against_pagu = kas.isna()
    calc = kas.fillna(serapan_pagu(anggaran["realisasi_anggaran_sd"], anggaran["pagu"]))
    differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_capaian_poin)
    rows = anggaran[differs]
    if rows.empty:
        return []
    base = np.where(against_pagu[differs], " dari pagu ", " dari anggaran kas ")
    denom = anggaran["pagu"].where(against_pagu, anggaran["anggaran_sd"])
    pesan = (
        row_label(rows)
        + ", s/d TW "
        + tw_text(rows["triwulan"])
        + ": serapan dilaporkan "
        + map_text(rep[differs], fmt.persen)
        + " tetapi realisasi "
        + map_text(rows["realisasi_anggaran_sd"], fmt.rupiah)
        + base
        + map_text(denom[differs], fmt.rupiah)
        + " = "
        + map_text(calc[differs], fmt.persen)
    )
    return [
        findings_frame(
            rows,
            jenis="serapan_berbeda",
            kolom=np.where(against_pagu[differs], "serapan_pagu_persen", "serapan_kas_persen"),
            dilaporkan=rep[differs],
            dihitung=calc[differs],
            pesan=pesan,
            keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
        )
    ]


def _source_position(sumber: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(``file:sheet``, row number) from ``sumber`` = ``file:sheet:row``."""
    s = text(sumber).fillna("")
    parts = s.str.rsplit(":", n=1, expand=True)
    if parts.shape[1] < 2:
        return s, pd.Series(np.nan, index=s.index)
    return parts[0], pd.to_numeric(parts[1], errors="coerce")


def with_parents(anggaran: pd.DataFrame) -> pd.DataFrame:
    """Anggaran rows with ``kunci``, ``tingkat`` and their parent (tingkat_induk, kunci_induk).

    Rekening lines get the nearest sub kegiatan above them in the same sheet.
    """
    df = anggaran.reset_index(drop=True).copy()
    df["kunci"] = effective_kunci(df)
    df["tingkat"] = effective_tingkat(df, df["kunci"])
    level, key = parent_of(df["tingkat"], df["kunci_program"], df["kunci_kegiatan"])
    df["tingkat_induk"], df["kunci_induk"] = level, key
    df.loc[df["tingkat_induk"].eq("kecamatan"), ["tingkat_induk", "kunci_induk"]] = None

    rek = df["tingkat"].eq("rekening")
    if rek.any():
        df["_loc"], df["_pos"] = _source_position(df["sumber"])
        subs = df[df["tingkat"].eq("sub_kegiatan") & df["_pos"].notna()]
        subs = subs[["kecamatan", "tahun", "triwulan", "_loc", "_pos", "kunci"]]
        lines = df[rek & df["_pos"].notna()].reset_index()
        if len(lines) and len(subs):
            matched = pd.merge_asof(
                lines.sort_values("_pos"),
                subs.rename(columns={"kunci": "_sub"}).sort_values("_pos"),
                on="_pos",
                by=["kecamatan", "tahun", "triwulan", "_loc"],
                direction="backward",
            ).set_index("index")
            df.loc[matched.index, "kunci_induk"] = matched["_sub"]
            df.loc[matched.index, "tingkat_induk"] = np.where(
                matched["_sub"].notna(), "sub_kegiatan", None
            )
        df = df.drop(columns=["_loc", "_pos"])
    return df


def check_money_children(
    anggaran: pd.DataFrame, settings: Settings, keyed: Keyed | None = None
) -> list[pd.DataFrame]:
    """A parent's printed pagu / anggaran kas / realisasi against the sum of its children.

    ``keyed``: the same table with its source rows (see :class:`.hierarchy.Keyed`).
    """
    if anggaran.empty:
        return []
    keyed = keyed if keyed is not None else Keyed.of(anggaran)
    codes = keyed.codes
    rekening = np.flatnonzero((codes.dicts["tingkat"] == "rekening").to_numpy())
    if len(rekening) and (codes.tingkat[keyed.rows] == rekening[0]).any():
        # Rekening lines find their sub kegiatan by position in the sheet.
        return _money_children(_parents_by_text(anggaran), settings)
    return _money_children(_parents_by_codes(keyed), settings)


def _parents_by_text(anggaran: pd.DataFrame) -> pd.DataFrame:
    df = with_parents(anggaran)
    keys = ["kecamatan", "tahun", "triwulan"]
    kids = df[df["kunci_induk"].notna()]
    by = [*keys, "tingkat_induk", "kunci_induk"]
    sums = group_sum(kids, by, list(MONEY)).add_prefix("_sum_")
    sums.insert(0, "_n", kids.groupby(by, dropna=False).size().to_numpy())
    sums = sums.reset_index().rename(columns={"tingkat_induk": "tingkat", "kunci_induk": "kunci"})
    parents = df.merge(sums, on=[*keys, "tingkat", "kunci"], how="inner")
    # pagu is annual: check it once, in the parent's latest quarter.
    parents["_latest"] = parents.groupby(["kecamatan", "tahun", "tingkat", "kunci"])[
        "triwulan"
    ].transform("max")
    return parents


def _parents_by_codes(keyed: Keyed) -> pd.DataFrame:
    """:func:`_parents_by_text` (no rekening lines) on the codes of the source rows."""
    table, codes, src = keyed.table, keyed.codes, keyed.rows
    kec, year = codes.kecamatan[src], codes.tahun[src]
    level, own = codes.tingkat[src], codes.kunci[src]
    quarter = pd.factorize(table["triwulan"], use_na_sentinel=False)[0]
    has_parent = codes.tingkat_induk[src] != KECAMATAN  # (kunci_induk is then given)
    kids = np.flatnonzero(has_parent)
    kid_key, row_key = pack_joint(
        (kec[kids], year[kids], quarter[kids], codes.tingkat_induk[src][kids],
         codes.kunci_induk[src][kids]),
        (kec, year, quarter, level, own),
    )  # fmt: skip
    frame = table[list(MONEY)].iloc[kids].reset_index(drop=True).assign(_g=kid_key)
    sums = group_sum(frame, ["_g"], list(MONEY)).add_prefix("_sum_")
    sums.insert(0, "_n", frame.groupby("_g").size().to_numpy())
    at = pd.Index(sums.index).get_indexer(row_key)
    rows = np.flatnonzero(at >= 0)
    parents = table.iloc[rows].reset_index(drop=True)
    parents["tingkat"] = codes.strings("tingkat", src[rows])
    parents["kunci"] = codes.strings("kunci", src[rows])
    for col in sums.columns:
        parents[col] = sums[col].to_numpy()[at[rows]]
    # pagu is annual: check it once, in the parent's latest quarter (none where the
    # kecamatan or tahun is missing, as groupby drops those).
    node = pack_joint((kec[rows], year[rows], level[rows], own[rows]))[0]
    latest = parents["triwulan"].groupby(node).transform("max")
    parents["_latest"] = latest.where((kec[rows] >= 0) & (year[rows] >= 0))
    return parents


def _money_children(parents: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    if parents.empty:
        return []
    latest = parents["_latest"]
    out = []
    for m in MONEY:
        rep, calc = parents[m], parents[f"_sum_{m}"]
        differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_rupiah)
        if m == "pagu":
            differs &= parents["triwulan"].eq(latest)
        rows = parents[differs]
        if rows.empty:
            continue
        when = "" if m == "pagu" else (", s/d TW " + tw_text(rows["triwulan"]))
        pesan = (
            row_label(rows)
            + when
            + ": "
            + MONEY_LABEL[m].lower().replace("s/d tw", "").strip()
            + " dilaporkan "
            + map_text(rep[differs], fmt.rupiah)
            + " tetapi jumlah "
            + rows["_n"].astype(str)
            + " "
            + rows["tingkat"].map(CHILD_LABEL).fillna("anak")
            + " di bawahnya "
            + map_text(calc[differs], fmt.rupiah)
            + " (selisih "
            + map_text(rep[differs] - calc[differs], fmt.rupiah)
            + ")"
        )
        out.append(
            findings_frame(
                rows,
                jenis=MONEY_JENIS[m],
                kolom=m,
                dilaporkan=rep[differs],
                dihitung=calc[differs],
                pesan=pesan,
                keparahan=keparahan_rupiah(rep[differs], calc[differs], settings),
            )
        )
    return out


def check_money_totals(
    anggaran: pd.DataFrame, totals: pd.DataFrame, settings: Settings
) -> list[pd.DataFrame]:
    """A printed total (e.g. Wotu TOTAL BELANJA) against the sum of the program rows."""
    if totals.empty:
        return []
    df = anggaran.copy()
    df["_t"] = effective_tingkat(df, effective_kunci(df))
    keys = ["kecamatan", "tahun", "triwulan"]
    programs = df[df["_t"].eq("program")]
    progs = group_sum(programs, keys, list(MONEY)).add_prefix("_sum_")
    progs.insert(0, "_n", programs.groupby(keys, dropna=False).size().to_numpy())
    rows_all = totals.merge(progs.reset_index(), on=keys, how="inner")
    out = []
    for m in MONEY:
        rep, calc = rows_all[m], rows_all[f"_sum_{m}"]
        differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_rupiah)
        rows = rows_all[differs]
        if rows.empty:
            continue
        pesan = (
            '"'
            + text(rows["uraian"]).fillna("Total")
            + '", s/d TW '
            + tw_text(rows["triwulan"])
            + ": "
            + MONEY_LABEL[m].lower()
            + " dilaporkan "
            + map_text(rep[differs], fmt.rupiah)
            + " tetapi jumlah "
            + rows["_n"].astype(str)
            + " program "
            + map_text(calc[differs], fmt.rupiah)
            + " (selisih "
            + map_text(rep[differs] - calc[differs], fmt.rupiah)
            + ")"
        )
        out.append(
            findings_frame(
                rows,
                jenis="total_berbeda",
                kolom=m,
                dilaporkan=rep[differs],
                dihitung=calc[differs],
                pesan=pesan,
                keparahan=keparahan_rupiah(rep[differs], calc[differs], settings),
            )
        )
    return out


def check_over_pagu(anggaran: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Spending above the annual budget: implausible, or an unrecorded budget change.

    Reported once per budget line, in the latest quarter where it holds.
    """
    over = anggaran["realisasi_anggaran_sd"] > anggaran["pagu"] + settings.toleransi_rupiah
    rows = anggaran[over.fillna(False)]
    if rows.empty:
        return []
    rows = rows.assign(_k=effective_kunci(rows))
    rows = rows.sort_values("triwulan").groupby(["kecamatan", "tahun", "_k"], dropna=False).tail(1)
    pesan = (
        row_label(rows)
        + ": realisasi anggaran s/d TW "
        + tw_text(rows["triwulan"])
        + " "
        + map_text(rows["realisasi_anggaran_sd"], fmt.rupiah)
        + " melebihi pagu "
        + map_text(rows["pagu"], fmt.rupiah)
    )
    return [
        findings_frame(
            rows,
            jenis="realisasi_melebihi_pagu",
            kolom="realisasi_anggaran_sd",
            dilaporkan=rows["realisasi_anggaran_sd"],
            dihitung=rows["pagu"],
            pesan=pesan,
            keparahan="tinggi",
        )
    ]
