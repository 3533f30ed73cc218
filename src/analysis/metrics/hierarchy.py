"""The planning tree of one kecamatan-year: program > kegiatan > sub kegiatan.

Every row of kinerja/anggaran carries its own ``kunci`` and its ancestors'
(``kunci_program``, ``kunci_kegiatan``, see :mod:`analysis.schema`). From these this
module builds one node per (kecamatan, tahun, tingkat, kunci) with its parent, adding a
parent the source names only through its children (a kegiatan with sub kegiatan rows but
no row of its own). A sub kegiatan without a kegiatan hangs under its program, anything
without a program under the kecamatan: the roll-up then still counts it once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import lower_text, text

LEVEL_ORDER = {"sub_kegiatan": 0, "kegiatan": 1, "program": 2, "kecamatan": 3}
"""Bottom-up order of the ringkasan levels (``schema.TINGKAT_RINGKASAN``)."""

NODE_KEYS = ["kecamatan", "tahun", "tingkat", "kunci"]
PARENT_KEYS = ["kecamatan", "tahun", "tingkat_induk", "kunci_induk"]


def effective_kunci(df: pd.DataFrame) -> pd.Series:
    """``kunci``, else ``kode``, else the lower-cased ``uraian``: some identity for every row."""
    return text(df["kunci"]).fillna(text(df["kode"])).fillna(lower_text(df["uraian"]))


def effective_tingkat(df: pd.DataFrame, kunci: pd.Series) -> pd.Series:
    """``tingkat`` as given, else inferred from which ancestor key equals the row's own."""
    given = lower_text(df["tingkat"]).str.replace(" ", "_")
    prog, keg = text(df["kunci_program"]), text(df["kunci_kegiatan"])
    inferred = np.where(
        kunci.eq(prog).fillna(False),
        "program",
        np.where(kunci.eq(keg).fillna(False), "kegiatan", "sub_kegiatan"),
    )
    return given.where(given != "", pd.Series(inferred, index=df.index)).astype("str")


def parent_of(tingkat: pd.Series, kunci_program: pd.Series, kunci_kegiatan: pd.Series):
    """(tingkat_induk, kunci_induk) of each row; the kecamatan level has kunci NA here."""
    prog, keg = text(kunci_program), text(kunci_kegiatan)
    is_sub = tingkat.eq("sub_kegiatan").to_numpy()
    is_keg = tingkat.eq("kegiatan").to_numpy()
    has_keg, has_prog = keg.notna().to_numpy(), prog.notna().to_numpy()
    level = np.select(
        [is_sub & has_keg, (is_sub | is_keg) & has_prog],
        ["kegiatan", "program"],
        default="kecamatan",
    )
    key = np.select(
        [is_sub & has_keg, (is_sub | is_keg) & has_prog],
        [keg.to_numpy(dtype=object), prog.to_numpy(dtype=object)],
        default=None,
    )
    idx = tingkat.index
    return pd.Series(level, index=idx, dtype="str"), pd.Series(key, index=idx).astype("str")


def nodes(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per node of every kecamatan-year found in ``frames`` (processed kinerja /
    anggaran, ``rekening`` lines excluded by the caller).

    Columns: kecamatan, tahun, tingkat, kunci, kode, uraian, tingkat_induk, kunci_induk.
    """
    parts = []
    for df in frames:
        if df.empty:
            continue
        kunci = effective_kunci(df)
        tingkat = effective_tingkat(df, kunci)
        level, key = parent_of(tingkat, df["kunci_program"], df["kunci_kegiatan"])
        parts.append(
            pd.DataFrame(
                {
                    "kecamatan": text(df["kecamatan"]),
                    "tahun": df["tahun"],
                    "tingkat": tingkat,
                    "kunci": kunci,
                    "kode": text(df["kode"]),
                    "uraian": text(df["uraian"]),
                    "tingkat_induk": level,
                    "kunci_induk": key,
                    "kunci_program": text(df["kunci_program"]),
                }
            )
        )
    cols = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    rows = pd.concat(parts, ignore_index=True)
    rows = rows[rows["tingkat"].isin(["sub_kegiatan", "kegiatan", "program"])]

    # Parents known only through their children.
    implied_keg = rows[rows["tingkat_induk"].eq("kegiatan")]
    implied_keg = pd.DataFrame(
        {
            "kecamatan": implied_keg["kecamatan"],
            "tahun": implied_keg["tahun"],
            "tingkat": "kegiatan",
            "kunci": implied_keg["kunci_induk"],
            "tingkat_induk": np.where(implied_keg["kunci_program"].notna(), "program", "kecamatan"),
            "kunci_induk": implied_keg["kunci_program"],
            "kunci_program": implied_keg["kunci_program"],
        }
    )
    with_keg = pd.concat([rows, implied_keg], ignore_index=True)
    implied_prog = with_keg[with_keg["tingkat_induk"].eq("program")]
    implied_prog = pd.DataFrame(
        {
            "kecamatan": implied_prog["kecamatan"],
            "tahun": implied_prog["tahun"],
            "tingkat": "program",
            "kunci": implied_prog["kunci_induk"],
            "tingkat_induk": "kecamatan",
            "kunci_induk": None,
        }
    )
    # Own rows first, so their kode/uraian/parent win over implied ones.
    allrows = pd.concat([rows, implied_keg, implied_prog], ignore_index=True)
    out = allrows.groupby(NODE_KEYS, dropna=False, sort=False).agg(
        kode=("kode", "first"),
        uraian=("uraian", "first"),
        tingkat_induk=("tingkat_induk", "first"),
        kunci_induk=("kunci_induk", "first"),
    )
    out = out.reset_index()
    # The kecamatan itself.
    kec = out[["kecamatan", "tahun"]].drop_duplicates()
    kec = kec.assign(
        tingkat="kecamatan",
        kunci=kec["kecamatan"],
        kode=None,
        uraian="Kecamatan " + kec["kecamatan"].fillna(""),
        tingkat_induk=None,
        kunci_induk=None,
    )
    out = pd.concat([out, kec], ignore_index=True)
    # Programs (and orphans) hang under the kecamatan node, whose kunci is its name.
    under_kec = out["tingkat_induk"].eq("kecamatan").fillna(False)
    out.loc[under_kec, "kunci_induk"] = out.loc[under_kec, "kecamatan"]
    for col in ("kecamatan", "tingkat", "kunci", "kode", "uraian", "tingkat_induk", "kunci_induk"):
        out[col] = text(out[col])
    return out[cols].reset_index(drop=True)
