"""Clean identity columns: codes, kecamatan names, tingkat, hierarchy keys, defaults.

Everything here works on whole columns. The rules are the data contract's (section 1):

* ``kode`` is normalised (``7.01.01. 2.01.02`` -> ``7.01.01.2.01.02``, ``07.01.01`` ->
  ``7.01.01``). Only the first segment loses leading zeros: ``7.1.1.2.01.02`` (a typo in
  seed 001 T.C.29) stays as printed rather than being "corrected" into another row's
  code. One- or two-digit numbers without dots (``01``, ``1.``) are the row numbers
  Wotu and Towuti print before programs and kegiatan; they are positions, not codes,
  and are dropped. Codes of one or two segments (``7``, ``7.01``: urusan, bidang) are
  headings, not programs, and are dropped too.
* ``tingkat``: as given, else from the code depth (3 segments program, 4-5 kegiatan, 6+
  sub kegiatan; a code whose children are present is at least a kegiatan), else from
  the name (``Program ...``, ``Kegiatan ...``, ``Sub Kegiatan ...``, a leading ``- ``
  marks a sub kegiatan, ``TOTAL BELANJA``/``Jumlah`` a printed total), else from
  ``data/reference/nomenklatur.csv`` by the normalised name.
* ``kunci`` is the code when there is one, else the normalised name (:func:`uraian_key`),
  prefixed by its tingkat so a program and a kegiatan of the same name stay apart.
* the hierarchy comes from code prefixes, else from row order (a sub kegiatan belongs
  to the last kegiatan above it, a kegiatan to the last program above it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.ingest.reference import Nomenklatur, names_agree
from analysis.ingest.text import TINGKAT_ALIASES, TOTAL_NAMES, per_unique, strip_markup, uraian_key

# --- codes -------------------------------------------------------------------------------


@dataclass
class CodeResult:
    kode: pd.Series
    """Normalised code, missing where the cell was empty, positional or a heading."""
    invalid: pd.Series
    """True where a non-empty cell is not a code (to be reported as an error)."""
    positional: pd.Series
    """True where the cell held a row number (``01``) rather than a code."""


@per_unique
def normalise_kode(raw: pd.Series) -> CodeResult:
    """Normalise program/kegiatan codes (see module doc)."""
    s = raw.astype("str").where(raw.notna())
    s = s.str.replace(r"<[^>]+>", "", regex=True).str.replace(r"\s+", "", regex=True)
    s = s.str.strip(".").where(s.notna())
    s = s.where(s != "")
    valid = s.str.fullmatch(r"\d+(?:\.\d+)*").fillna(False).astype(bool)
    positional = s.str.fullmatch(r"\d{1,2}|\d(?:,\d)+").fillna(False).astype(bool)
    invalid = s.notna() & ~valid & ~positional
    kode = s.where(valid & ~positional)
    kode = kode.str.replace(r"^0+(?=\d)", "", regex=True)
    # a sub kegiatan numbered with four digits (Kepmendagri 050-5889: 7.01.01.2.01.0001)
    # is the two-digit number of Permendagri 90 (7.01.01.2.01.01)
    kode = kode.str.replace(r"^((?:\d+\.){5})0+(?=\d{2}$)", r"\1", regex=True)
    depth = kode.str.count(r"\.") + 1
    kode = kode.where(depth >= 3)
    return CodeResult(kode, invalid, positional)


def code_depth(kode: pd.Series) -> pd.Series:
    return (kode.str.count(r"\.") + 1).astype("Int64")


@per_unique
def _code_prefix(kode: pd.Series, depth: int) -> pd.Series:
    """The first ``depth`` segments of each code, where the code has at least that many."""
    if kode.notna().sum() == 0:
        return pd.Series(pd.NA, index=kode.index, dtype="str")
    parts = kode.astype("str").where(kode.notna()).str.split(".")
    return parts.str[:depth].str.join(".").where(kode.notna() & (parts.str.len() >= depth))


@per_unique
def tingkat_from_code(kode: pd.Series) -> pd.Series:
    depth = code_depth(kode)
    out = pd.Series(pd.NA, index=kode.index, dtype="str")
    out[depth == 3] = "program"
    out[(depth == 4) | (depth == 5)] = "kegiatan"
    out[depth >= 6] = "sub_kegiatan"
    return out


@per_unique
def tingkat_from_name(uraian: pd.Series) -> pd.Series:
    s = strip_markup(uraian.astype("str").where(uraian.notna())).str.strip().str.lower()
    out = pd.Series(pd.NA, index=uraian.index, dtype="str")
    out[s.str.match(r"^program\b").fillna(False).astype(bool)] = "program"
    out[s.str.match(r"^kegiatan\b").fillna(False).astype(bool)] = "kegiatan"
    out[s.str.match(r"^sub\s*kegiatan\b").fillna(False).astype(bool)] = "sub_kegiatan"
    out[s.str.match(r"^[-–•]\s*\S").fillna(False).astype(bool)] = "sub_kegiatan"
    out[s.str.fullmatch(TOTAL_NAMES).fillna(False).astype(bool)] = "total"
    return out


@per_unique
def normalise_tingkat(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Map written tingkat values to the contract's; second item flags unknown values."""
    s = raw.astype("str").where(raw.notna()).str.strip().str.lower()
    s = s.str.replace(r"[_\-]+", " ", regex=True).str.replace(r"\s+", " ", regex=True)
    s = s.where(s != "")
    mapped = s.map(TINGKAT_ALIASES)
    unknown = s.notna() & mapped.isna()
    return mapped.astype("str").where(mapped.notna()), unknown


def _prefix_ids(kode: pd.Series, depths: range) -> tuple[np.ndarray, list[np.ndarray], int]:
    """Integer ids of each code and, per depth of ``depths``, of its first ``depth``
    segments (-1 where absent); the codes are factorized and split once for all depths."""
    code_ids, uniques = pd.factorize(kode, use_na_sentinel=True)
    u = pd.Series(uniques, dtype="str")
    parts = u.str.split(".")
    n_parts = parts.str.len()
    lookup = pd.Series(np.arange(len(u)), index=u)
    out = []
    for depth in depths:
        prefix = parts.str[:depth].str.join(".").where(n_parts > depth)
        prefix_of_unique = prefix.map(lookup).fillna(-1).astype("int64").to_numpy()
        out.append(np.where(code_ids >= 0, prefix_of_unique[np.maximum(code_ids, 0)], -1))
    return code_ids, out, len(u)


def _pairs_present(
    group_ids: np.ndarray, ids: np.ndarray, wanted: np.ndarray, n: int
) -> np.ndarray:
    """For each row: does (group, wanted id) occur among the rows' (group, id) pairs?"""
    have = pd.unique(group_ids[ids >= 0].astype("int64") * (n + 1) + ids[ids >= 0])
    probe = group_ids.astype("int64") * (n + 1) + wanted
    return (wanted >= 0) & pd.Series(probe).isin(have).to_numpy()


def bump_parents(kode: pd.Series, tingkat: pd.Series, group: pd.Series) -> pd.Series:
    """A code with children present in the same kecamatan-year is at least a kegiatan."""
    if kode.notna().sum() == 0:
        return tingkat
    group_ids, _ = pd.factorize(group)
    is_parent = np.zeros(len(kode), dtype=bool)
    code_ids, prefixes, n = _prefix_ids(kode, range(3, 8))
    for prefix_ids in prefixes:
        is_parent |= _pairs_present(group_ids, prefix_ids, code_ids, n)
    out = tingkat.copy()
    out[is_parent & (tingkat == "sub_kegiatan").fillna(False).to_numpy(dtype=bool)] = "kegiatan"
    return out


# --- defaults ----------------------------------------------------------------------------


def default_agregasi(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """``rata_rata`` for % or ``Persentase ...``; ``akhir`` for ``Indeks``/``Nilai``; else sum."""
    key = indikator.astype("str").fillna("\x01") + "\x00" + satuan.astype("str").fillna("\x01")
    codes, _ = pd.factorize(key)
    distinct, first = np.unique(codes, return_index=True)
    pos = np.searchsorted(distinct, codes)
    small = _default_agregasi(
        indikator.iloc[first].reset_index(drop=True), satuan.iloc[first].reset_index(drop=True)
    )
    out = small.iloc[pos]
    out.index = indikator.index
    return out


def _default_agregasi(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """``rata_rata`` for %, ``Persentase ...`` or a unit per period (``Orang/bulan``);
    ``akhir`` for ``Indeks``/``Nilai``; else ``jumlah`` (the contract's defaults, plus the
    per-period rule)."""
    ind = indikator.astype("str").where(indikator.notna()).str.strip().str.lower()
    sat = satuan.astype("str").where(satuan.notna()).str.strip().str.lower()
    out = pd.Series("jumlah", index=indikator.index, dtype="str")
    akhir = ind.str.match(r"^(?:indeks|nilai)\b").fillna(False).astype(bool)
    # A unit per period (``19 Orang/bulan``: staff paid each month) is a level reported
    # every quarter, not a count to add up: summing it would claim 76 people a year.
    per_period = sat.str.contains(r"/\s*(?:bulan|bln|hari|minggu|triwulan|tw|tahun|thn)\b")
    rata = (
        (sat == "%").fillna(False).astype(bool)
        | ind.str.match(r"^(?:persentase|presentase|prosentase|rata)").fillna(False).astype(bool)
        | per_period.fillna(False).astype(bool)
    )
    out[akhir] = "akhir"
    out[rata] = "rata_rata"
    return out


@per_unique
def normalise_choice(
    raw: pd.Series, allowed: tuple[str, ...], aliases: dict[str, str] | None = None
) -> tuple[pd.Series, pd.Series]:
    """Lower-case a choice column; second item flags values outside ``allowed``."""
    s = raw.astype("str").where(raw.notna()).str.strip().str.lower()
    s = s.str.replace(r"[\s\-]+", "_", regex=True)
    s = s.where(s != "")
    if aliases:
        s = s.replace(aliases)
    bad = s.notna() & ~s.isin(list(allowed))
    return s.where(~bad), bad


POLARITAS_ALIASES = {
    "+": "positif",
    "-": "negatif",
    "positive": "positif",
    "negative": "negatif",
    "naik": "positif",
    "turun": "negatif",
}
AGREGASI_ALIASES = {"sum": "jumlah", "mean": "rata_rata", "rata2": "rata_rata", "last": "akhir"}


def kode_name_conflicts(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows giving a kode another name than its first row in the same kecamatan-year.

    ``rows`` needs ``kecamatan, tahun, kode, tingkat, uraian, sumber, _block, _order``.
    One kode is one program/kegiatan: its rows are merged, so a second, different name
    (a kode copied onto the wrong line) would add one entity's figures to another's.
    Returns the later rows with ``uraian_pertama``, ``sumber_pertama`` and
    ``satu_sheet`` (both rows in one sheet); names that agree (:func:`names_agree`)
    are not conflicts. Rekening lines and totals are not programs and are skipped.
    """
    cols = ["kecamatan", "tahun", "kode", "uraian", "sumber", "_block", "_order"]
    extra = ["uraian_pertama", "sumber_pertama", "satu_sheet"]
    if rows.empty or not set(cols) <= set(rows.columns):
        return pd.DataFrame(columns=cols + extra)
    use = rows["kode"].notna() & rows["uraian"].notna()
    if "tingkat" in rows:
        use &= ~rows["tingkat"].isin([TINGKAT_ALIASES["rekening"], "total"])
    group = ["kecamatan", "tahun", "kode"]
    # a kode's rows repeat its name (one row per indicator): compare each text once (a
    # block's rows are in reading order, so the first row of a text in a sheet is kept)
    # - once per indicator: each row of another name and another indicator is a row of
    # its own added to the kode, and each gets its finding
    ind = ["indikator"] if "indikator" in rows else []
    r = rows.loc[use, cols + ind].drop_duplicates([*group, "_block", "uraian", *ind])
    r = r.sort_values(["_block", "_order"], kind="stable")
    r = r.assign(_key=uraian_key(r["uraian"])).dropna(subset=["_key"])
    r = r.drop_duplicates([*group, "_block", "_key", *ind])
    names = r.groupby(group, dropna=False, sort=False)["_key"].transform("nunique")
    r = r[names > 1]
    if r.empty:
        return pd.DataFrame(columns=cols + extra)
    first = r.groupby(group, dropna=False, sort=False)[["_key", "uraian", "sumber"]].transform(
        "first"
    )
    later = r["_key"].ne(first["_key"])
    agree = [
        names_agree(a, b)
        for a, b in zip(first.loc[later, "_key"], r.loc[later, "_key"], strict=True)
    ]
    out = r[later][[not x for x in agree]]
    if out.empty:
        return pd.DataFrame(columns=cols + extra)
    # the first name in the same sheet as the other: a kode copied onto a wrong line
    in_sheet = (
        r[~later][[*group, "_block", "sumber"]]
        .drop_duplicates([*group, "_block"])
        .rename(columns={"sumber": "_in_sheet"})
    )
    placed = out[[*group, "_block"]].merge(in_sheet, on=[*group, "_block"], how="left")
    out = out[cols].assign(
        uraian_pertama=first.loc[out.index, "uraian"].to_numpy(),
        sumber_pertama=placed["_in_sheet"]
        .fillna(pd.Series(first.loc[out.index, "sumber"].to_numpy(), index=placed.index))
        .to_numpy(),
        satu_sheet=placed["_in_sheet"].notna().to_numpy(),
    )
    # one report per different name and indicator (the in-sheet one when there is one)
    out = out.sort_values("satu_sheet", ascending=False, kind="stable")
    key = r.loc[out.index, ["_key", *ind]]
    out = out[~pd.concat([out[group], key], axis=1).duplicated()]
    return out.sort_values(["_block", "_order"], kind="stable").reset_index(drop=True)


# --- hierarchy ---------------------------------------------------------------------------


def hierarchy_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill ``kunci``, ``kunci_program`` and ``kunci_kegiatan`` (see :mod:`analysis.schema`).

    ``frame`` needs ``kecamatan, tahun, kode, tingkat, uraian`` plus ``_order`` (the
    reading order) and ``_block`` (one value per sheet/source, so row-order parents do
    not leak between files). Parents come from code prefixes where both codes are
    known, else from the last program/kegiatan above in the same block. The work is
    done on the few key columns in reading order and written back, so the wide frame is
    never reordered.
    """
    key = uraian_key(frame["uraian"])
    level_tag = frame["tingkat"].fillna("x")
    by_name = level_tag + ":" + key.fillna("")
    by_name = by_name.where(~frame["tingkat"].eq("total"), "total")
    kunci = frame["kode"].where(frame["kode"].notna(), by_name)
    kunci = kunci.where(frame["kode"].notna() | key.notna())
    cols = ["_block", "_order", "kecamatan", "tahun", "kode", "tingkat"]
    df = frame[cols].assign(kunci=kunci, _layout=frame.get("_layout", ""))
    order = np.lexsort((df["_order"].to_numpy(), df["_block"].to_numpy()))
    df = df.iloc[order]
    # A budget sheet lists each program/kegiatan once; the same name twice in one sheet
    # (Towuti Tabel III prints "Koordinasi Upaya ..." for two kegiatan) are two entities.
    budget_line = (
        df["_layout"].eq("1c") & ~df["tingkat"].isin(["rekening", "total"]) & df["kunci"].notna()
    )
    occurrence = (
        df.loc[budget_line, ["_block", "kecamatan", "tahun", "kunci"]]
        .groupby(["_block", "kecamatan", "tahun", "kunci"], dropna=False)
        .cumcount()
    )
    repeat = occurrence[occurrence > 0]
    df["_repeat_of"] = pd.Series(pd.NA, index=df.index, dtype="str")
    if len(repeat):
        df.loc[repeat.index, "_repeat_of"] = df.loc[repeat.index, "kunci"]
        df.loc[repeat.index, "kunci"] = (
            df.loc[repeat.index, "kunci"] + "#" + (repeat + 1).astype("str")
        )
    group = df.groupby(["_block", "kecamatan", "tahun"], sort=False, dropna=False).ngroup()

    is_prog = df["tingkat"] == "program"
    is_keg = df["tingkat"] == "kegiatan"
    prog_above = df["kunci"].where(is_prog).groupby(group).ffill()
    # a kegiatan above belongs to the current program only: reset at every program row
    prog_seq = is_prog.astype(int).groupby(group).cumsum()
    keg_above = df["kunci"].where(is_keg).groupby([group, prog_seq]).ffill()

    cy_ids = df.groupby(["kecamatan", "tahun"], sort=False, dropna=False).ngroup().to_numpy()
    kunci_ids, kunci_uniques = pd.factorize(df["kunci"], use_na_sentinel=True)
    lookup = pd.Series(np.arange(len(kunci_uniques)), index=pd.Index(kunci_uniques, dtype="str"))
    n = len(kunci_uniques)
    code_prog = _code_prefix(df["kode"], 3)
    code_keg = _code_prefix(df["kode"], 5)
    prog_ids = code_prog.map(lookup).fillna(-1).astype("int64").to_numpy()
    keg_ids = code_keg.map(lookup).fillna(-1).astype("int64").to_numpy()
    prog_known = pd.Series(_pairs_present(cy_ids, kunci_ids, prog_ids, n), index=df.index)
    keg_known = pd.Series(_pairs_present(cy_ids, kunci_ids, keg_ids, n), index=df.index)
    kunci_program = code_prog.where(prog_known, prog_above)
    kunci_kegiatan = code_keg.where(keg_known, keg_above)

    df["kunci_program"] = kunci_program.where(~is_prog, df["kunci"])
    df["kunci_kegiatan"] = kunci_kegiatan.where(~is_keg, df["kunci"])
    df.loc[is_prog, "kunci_kegiatan"] = pd.NA
    top = df["tingkat"].isin(["total"])
    df.loc[top, ["kunci_program", "kunci_kegiatan"]] = pd.NA
    keys = ["kunci", "kunci_program", "kunci_kegiatan", "_repeat_of"]
    back = df[keys].reindex(frame.index)
    return frame.assign(**{k: back[k] for k in keys})


def infer_tingkat(
    df: pd.DataFrame, nomenklatur: Nomenklatur, fallback: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Tingkat from (given, code, name, nomenclature, fallback) and codes from the reference.

    Returns ``(tingkat, kode)``; ``kode`` is filled from the nomenclature only where the
    source printed none.
    """
    given = df["tingkat"]
    from_code = tingkat_from_code(df["kode"])
    year_group = df.groupby(["kecamatan", "tahun"], sort=False, dropna=False).ngroup()
    from_code = bump_parents(df["kode"], from_code, year_group)
    from_name = tingkat_from_name(df["uraian"])
    tingkat = given.fillna(from_code).fillna(from_name)
    keys = uraian_key(df["uraian"])
    need_code = df["kode"].isna() & ~tingkat.isin(["total", "rekening"])
    matched = nomenklatur.match(keys.where(need_code), tingkat.where(need_code))
    kode = df["kode"].fillna(matched["kode"])
    tingkat = tingkat.fillna(matched["tingkat"])
    if fallback is not None:
        tingkat = tingkat.fillna(fallback)
    return tingkat.astype("str").where(tingkat.notna()), kode


def empty_like(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def as_float(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for c in columns:
        if c in frame:
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
        else:
            frame[c] = np.nan
    return frame


def name_lookup_notes(rows: pd.DataFrame) -> list[str]:
    """One note per sheet listing every row whose code came from a name lookup.

    A code the file gives is never replaced; where none is given the nomenclature is
    looked up by name (``_kode_dari_nama`` marks those rows), and a planner should see
    each decision: ``file:sheet: kode dari nama (nomenklatur) untuk 3 baris: 4 'Program
    ...' -> 7.01.02; ...``.
    """
    if rows.empty or "_kode_dari_nama" not in rows:
        return []
    hit = rows[rows["_kode_dari_nama"].fillna(False).astype(bool)]
    if hit.empty:
        return []
    where = hit["sumber"].astype("str").str.rsplit(":", n=1)
    sheet, row = where.str[0], where.str[1]
    text = (
        row
        + " "
        + hit["uraian"].astype("str").fillna("").str.slice(0, 40).map(repr)
        + " -> "
        + hit["kode"].astype("str")
    )
    out = []
    for name, items in text.groupby(sheet.to_numpy(), sort=False):
        out.append(
            f"{name}: kode dari nama (nomenklatur) untuk {len(items)} baris: " + "; ".join(items)
        )
    return out
