"""Tables of one report that complement each other, merged into one row per indicator.

A report prints the same sub kegiatan in several tables: its target and pagu in one
(Wotu Tabel 2.8), its realisasi in another (Tabel 3.4); the Renja prints a pagu table
(Tabel 4.1) and an evaluation (T-C.29). Rows of *different sheets or files* with the
same identity (kecamatan, tahun, kunci, indikator) are one row: each field takes the
value the sources give, and the row cites every source (``a | b``). Only the same
field given with different values is a duplicate error, naming both sources and both
values (``Pemeliharaan Peralatan dan Mesin Lainnya``: target 8 in Tabel 2.8, 18 in
Tabel 3.4). Rows repeated inside one sheet, and rows that are copies of each other
(every figure the same: a file sent twice), are not merged: they stay duplicates.
A row without an indicator takes the one indicator the other tables give its sub
kegiatan (seed 003 BAB III prints none).
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting
from analysis.errors import ErrorList, Findings, IngestError
from analysis.ingest.rows import conflicts
from analysis.ingest.rows.units import units_agree
from analysis.ingest.sources import split_sumber
from analysis.ingest.text import per_unique

TOLERANCE = 0.005
AGREEING_TEXT = ("polaritas", "satuan", "agregasi", "tingkat")
"""Fields two tables of one row must not disagree on: each changes the figures
(polaritas turns 40 % into 160 %, agregasi sums or averages the quarters, satuan and
tingkat say what is counted). A disagreement is an error naming both places - never the
first file in sort order winning."""


@per_unique
def _norm(text: pd.Series) -> pd.Series:
    """An indicator name compared without case and repeated blanks."""
    return text.astype("string").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()


def _sheet(sumber: pd.Series) -> pd.Series:
    return sumber.astype("str").str.rsplit(":", n=1).str[0]


def _key(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """One text key per row over ``columns`` (missing values as empty), vectorised."""
    parts = [frame[c].astype("string").fillna("") for c in columns]
    return parts[0].str.cat(parts[1:], sep="|") if len(parts) > 1 else parts[0]


def _fill_indikator(frame: pd.DataFrame, ident: list[str]) -> pd.DataFrame:
    """A row printed without its indicator (seed 003 BAB III: SUB KEGIATAN, target,
    realisasi) is the indicator of the same sub kegiatan another table names, when that
    table names exactly one."""
    if "indikator" not in frame or not frame["indikator"].isna().any():
        return frame
    g = _key(frame, ident)
    known = frame["indikator"].notna()
    norm = _norm(frame["indikator"])
    names = frame[known].groupby(g[known])["indikator"].agg(list)
    distinct = norm[known].groupby(g[known]).nunique()
    one = names[distinct.reindex(names.index) == 1].map(lambda v: v[0])
    fill = frame["indikator"].isna() & g.isin(one.index)
    if not fill.any():
        return frame
    frame = frame.copy()
    frame.loc[fill, "indikator"] = g[fill].map(one).to_numpy()
    return frame


def _text_conflicts(sub: pd.DataFrame, errors: ErrorList, skip: tuple[str, ...] = ()) -> None:
    """An error per row whose :data:`AGREEING_TEXT` field differs from the first source's
    for the same identity (``_k``), naming both places and both values."""
    for c in AGREEING_TEXT:
        if c not in sub or c in skip:
            continue
        given = sub[c].notna() & (sub[c].astype("string").str.strip() != "")
        vals = sub.loc[given, ["_k", c, "sumber"]]
        if vals.empty:
            continue
        norm = _norm(vals[c]).str.replace(r"[^0-9a-z%/]+", "", regex=True)
        if c == "satuan":  # the same unit written short: compare the words, not the text
            norm = norm.str.replace(r"^persen$", "%", regex=True)
        differs = norm.groupby(vals["_k"].to_numpy()).transform("nunique") > 1
        for _, grp in vals[differs.to_numpy()].groupby("_k", sort=False):
            first_norm = norm[grp.index[0]]
            first_where, first_value = grp["sumber"].iloc[0], grp[c].iloc[0]
            for i in grp.index[1:]:
                if norm[i] == first_norm or (c == "satuan" and units_agree(first_norm, norm[i])):
                    continue
                file, sheet_name, row = split_sumber(grp.at[i, "sumber"])
                errors.add(
                    IngestError(
                        f"tabel yang saling melengkapi memberi {c} berbeda untuk baris yang "
                        f"sama: {first_value!r} di {first_where}, {grp.at[i, c]!r} di sini; "
                        "angkanya tidak dihitung dengan salah satunya - samakan kedua tabel",
                        file=file,
                        sheet=sheet_name,
                        row=row,
                        column=c,
                        value=grp.at[i, c],
                    )
                )


def mergeable_identities(
    frame: pd.DataFrame, keys: list[str], numeric: list[str]
) -> tuple[pd.DataFrame, pd.Series | None, pd.Index]:
    """(the frame with a lone indicator lent to its rows, each row's identity key - ``None``
    when every identity is there once -, the identities whose rows all come from different
    sheets and do not repeat each other's figures): what :func:`merge_complementary`
    merges, and what :func:`analysis.ingest.rows.disputes.set_aside` looks at first."""
    if "kunci" in keys:  # only a named entity (a sub kegiatan) has one indicator to lend
        frame = _fill_indikator(frame, [c for c in keys if c != "indikator"])
    key_frame = frame[keys].copy()
    if "indikator" in keys:  # "... yang Dilaksanakan" and "... yang dilaksanakan" are one
        key_frame["indikator"] = _norm(frame["indikator"]).to_numpy()
    # a missing value is keyed as an empty text, as in the text key below
    dup = key_frame.astype("string").fillna("").duplicated(keep=False).to_numpy()
    if not dup.any():  # the usual case: every identity once - no text key built
        return frame, None, pd.Index([])
    k = _key(key_frame, keys)
    sheet = _sheet(frame["sumber"])
    # only identities whose rows all come from different sheets merge
    per_key = pd.DataFrame({"k": k, "sheet": sheet})
    present = [c for c in numeric if c in frame]
    signature = _key(frame, present) if present else k
    per_key["sig"] = signature.to_numpy()
    counts = (
        per_key[dup]
        .groupby("k")
        .agg(n=("sheet", "size"), sheets=("sheet", "nunique"), sigs=("sig", "nunique"))
    )
    # a copy (every figure the same in every source) adds nothing: it stays a duplicate
    mergeable = counts.index[(counts["n"] == counts["sheets"]) & (counts["sigs"] > 1)]
    return frame, k, mergeable


def merge_complementary(
    frame: pd.DataFrame,
    keys: list[str],
    numeric: list[str],
    errors: ErrorList,
    findings: Findings | None = None,
) -> pd.DataFrame:
    """Merge rows of one identity that come from different sheets (see module doc).

    With ``findings``, a figure or unit two tables give differently (Wotu: target 8 Unit
    in Tabel 2.8, 18 Unit in Tabel 3.4) is a finding naming both places and values, and
    the row keeps the value of the table that also gives its realisasi (the figure its
    capaian is measured against), else the first table's - see :func:`conflicts`.
    Without, it stays an error (the row is not written)."""
    if frame.empty:
        return frame
    frame, k, mergeable = mergeable_identities(frame, keys, numeric)
    if k is None:  # the usual case: every identity once
        return frame
    take = k.isin(mergeable).to_numpy()
    if not take.any():
        return frame
    sub = frame[take].assign(_k=k[take].to_numpy())
    if findings is not None:
        sub, chosen = conflicts.as_findings(sub, numeric, findings)
    for c in numeric if findings is None else []:
        if c not in sub:
            continue
        vals = sub[["_k", c, "sumber"]].dropna(subset=[c])
        if vals.empty:
            continue
        spread = vals.groupby("_k")[c].agg(["min", "max"])
        for key in spread.index[(spread["max"] - spread["min"]).abs() > TOLERANCE]:
            grp = vals[vals["_k"] == key]
            file, sheet_name, row = split_sumber(grp["sumber"].iloc[-1])
            errors.add(
                IngestError(
                    f"tabel yang saling melengkapi memberi {c} berbeda untuk baris yang sama: "
                    + "; ".join(
                        f"{s} = {formatting.angka_ringkas(v)}"
                        for s, v in zip(grp["sumber"], grp[c], strict=True)
                    )
                    + " - periksa mana yang benar",
                    file=file,
                    sheet=sheet_name,
                    row=int(row),
                    column=c,
                    value=grp[c].iloc[-1],
                )
            )
    _text_conflicts(sub, errors, skip=("satuan",) if findings is not None else ())
    merged = sub.groupby("_k", sort=False).first()
    if findings is not None:
        merged = conflicts.apply(merged, chosen)
    merged["sumber"] = sub.groupby("_k", sort=False)["sumber"].agg(
        lambda s: " | ".join(dict.fromkeys(s.dropna().astype("str")))
    )
    merged = merged.reset_index(drop=True)
    first_pos = pd.Series(range(len(frame)))[take].groupby(k[take].to_numpy()).min()
    rest = frame[~take].assign(_pos=[i for i, t in enumerate(take) if not t])
    merged = merged.assign(_pos=first_pos.reindex(sub["_k"].drop_duplicates()).to_numpy())
    out = pd.concat([rest, merged[rest.columns]], ignore_index=True)
    return out.sort_values("_pos", kind="stable").drop(columns="_pos").reset_index(drop=True)
