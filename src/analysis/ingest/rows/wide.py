"""Clean rows to the wide frames of :mod:`analysis.schema`: kinerja, anggaran (one row per
kecamatan, tahun and kunci, complementary sources merged) and bulanan.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import ErrorList, IngestError
from analysis.ingest.rows import cleaning
from analysis.ingest.sources import split_sumber
from analysis.ingest.text import uraian_key


def conform(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.reindex(columns=columns)
    return out.reset_index(drop=True)


KINERJA_NUMERIC = [
    c
    for c in schema.KINERJA_WIDE
    if c.startswith(("target", "realisasi", "capaian")) or c == "pagu_indikator"
]


ANGGARAN_NUMERIC = [
    c
    for c in schema.ANGGARAN_WIDE
    if c == "pagu" or ("_tw" in c and not c.startswith("keterangan"))
]


def kinerja_wide(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return typed(conform(rows, schema.KINERJA_WIDE), KINERJA_NUMERIC)
    rows = rows.copy()
    for c in KINERJA_NUMERIC:
        if c not in rows:
            rows[c] = np.nan
    figures = rows[[c for c in KINERJA_NUMERIC]]
    has_kinerja = figures.notna().any(axis=1) | rows["indikator"].notna()
    out = conform(rows[has_kinerja], schema.KINERJA_WIDE)
    return typed(out, KINERJA_NUMERIC)


def typed(frame: pd.DataFrame, numeric: list[str]) -> pd.DataFrame:
    for c in numeric:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    if "tahun" in frame:
        frame["tahun"] = pd.to_numeric(frame["tahun"], errors="coerce").astype("Int64")
    for c in frame.columns:
        if (
            c not in numeric
            and c not in {"tahun", "triwulan", "bulan"}
            and frame[c].dtype == object
        ):
            frame[c] = frame[c].astype("str").where(frame[c].notna())
    return frame


def budget_rows(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return rows
    present = [c for c in ANGGARAN_NUMERIC if c in rows]
    if not present:
        return rows.iloc[:0]
    has = rows[present].notna().any(axis=1)
    return rows[has]


ANGGARAN_KEY = ["kecamatan", "tahun", "kunci"]


def anggaran_wide(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    """One row per (kecamatan, tahun, kunci): complementary fields from several sources merge."""
    if rows.empty:
        return typed(conform(rows, schema.ANGGARAN_WIDE), ANGGARAN_NUMERIC)
    rows = rows.copy()
    for c in schema.ANGGARAN_WIDE:
        if c not in rows:
            rows[c] = np.nan if c in ANGGARAN_NUMERIC else pd.NA
    rows = rows[rows["kunci"].notna()]
    rows = rows.sort_values(["_block", "_order"], kind="stable")
    key = (
        rows["kecamatan"].astype("str")
        + "|"
        + rows["tahun"].astype("str")
        + "|"
        + rows["kunci"].astype("str")
    )
    # rekening lines repeat names under different sub kegiatan: key them by their parent too
    rek = rows["tingkat"].eq("rekening")
    parent = rows["kunci_kegiatan"].fillna("")
    key = key.where(
        ~rek,
        key
        + "|"
        + parent
        + "|"
        + rows["_block"].astype("str")
        + "|"
        + rows["_order"].astype("str"),
    )
    rows["_key"] = key
    # the same field given twice with different values: a duplicate naming both sources
    value_cols = [c for c in ANGGARAN_NUMERIC if c in rows]
    multi = rows["_key"].duplicated(keep=False)
    if multi.any():
        sub = rows[multi]
        # which fields differ anywhere, all fields in one grouping; only those are looked at
        by_key = sub[value_cols].apply(pd.to_numeric).groupby(sub["_key"].to_numpy())
        differs = ((by_key.max() - by_key.min()).abs() > 0.005).any()
        for c in [c for c in value_cols if differs[c]]:
            vals = sub[["_key", c, "sumber", "_block"]].dropna(subset=[c])
            if vals.empty:
                continue
            spread = vals.groupby("_key")[c].agg(["min", "max"])
            conflict = spread.index[(spread["max"] - spread["min"]).abs() > 0.005]
            for k in conflict:
                grp = vals[vals["_key"] == k]
                same_block = grp["_block"].nunique() == 1
                src = list(dict.fromkeys(grp["sumber"]))
                file, sheet, row = split_sumber(src[-1])
                reason = (
                    f"nilai {c} untuk {k.split('|', 2)[2]!r} berbeda antar sumber: "
                    + "; ".join(
                        f"{s} = {v:,.2f}" for s, v in zip(grp["sumber"], grp[c], strict=True)
                    )
                )
                if same_block:
                    reason = "baris ganda dalam satu sheet; " + reason
                errors.add(
                    IngestError(
                        reason,
                        file=file,
                        sheet=sheet,
                        row=int(row),
                        column=c,
                        value=grp[c].iloc[-1],
                    )
                )
    if multi.any():
        # complementary fields merge: first non-missing value per field, sources joined
        sub = rows[multi]
        merged = sub.groupby("_key", sort=False).first()
        merged["sumber"] = sub.groupby("_key", sort=False)["sumber"].agg(
            lambda s: " | ".join(dict.fromkeys(s.dropna()))
        )
        merged = merged.reset_index()
        order = rows.drop_duplicates("_key")[["_key"]]
        single = rows[~multi]
        rows = pd.concat([single, merged], ignore_index=True)
        rows = order.merge(rows, on="_key", how="left")
    out = conform(rows, schema.ANGGARAN_WIDE)
    return typed(out, ANGGARAN_NUMERIC)


BULANAN_NUMERIC = ["target", "realisasi", "capaian_dilaporkan", "anggaran", "realisasi_anggaran"]


def bulanan_wide(rows: pd.DataFrame, kinerja_wide: pd.DataFrame) -> pd.DataFrame:
    numeric = BULANAN_NUMERIC
    if rows.empty:
        out = typed(conform(rows, schema.BULANAN_WIDE), numeric)
        out["bulan"] = out["bulan"].astype("Int64")
        out["triwulan"] = out["triwulan"].astype("Int64")
        return out
    rows = rows.copy()
    rows["capaian_dilaporkan"] = rows.get("capaian")
    rows["satuan"] = rows["satuan"].fillna(rows["_unit"]) if "satuan" in rows else rows["_unit"]
    bulan = pd.to_numeric(rows["bulan"], errors="coerce")
    rows["triwulan"] = ((bulan - 1) // 3 + 1).astype("Int64")
    rows["bulan"] = bulan.astype("Int64")
    codes = cleaning.normalise_kode(
        rows["kode"] if "kode" in rows else pd.Series(pd.NA, index=rows.index)
    )
    rows["kode"] = codes.kode
    key = uraian_key(rows["uraian"]) if "uraian" in rows else pd.Series(pd.NA, index=rows.index)
    rows["kunci"] = rows["kode"].fillna("sub_kegiatan:" + key)
    # match the monthly rows to the kinerja rows of the same name so kunci agree
    if len(kinerja_wide):
        kw = kinerja_wide.assign(_k=uraian_key(kinerja_wide["uraian"]))
        lookup = (
            kw.dropna(subset=["_k"])
            .drop_duplicates(["kecamatan", "tahun", "_k"])
            .set_index(["kecamatan", "tahun", "_k"])["kunci"]
        )
        idx = pd.MultiIndex.from_arrays([rows["kecamatan"], rows["tahun"], key])
        found = pd.Series(lookup.reindex(idx).to_numpy(), index=rows.index)
        rows["kunci"] = found.fillna(rows["kunci"])
    out = typed(conform(rows, schema.BULANAN_WIDE), numeric)
    out["bulan"] = out["bulan"].astype("Int64")
    out["triwulan"] = out["triwulan"].astype("Int64")
    return out
