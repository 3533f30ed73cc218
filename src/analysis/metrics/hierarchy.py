"""The planning tree of one kecamatan-year: program > kegiatan > sub kegiatan.

Every row of kinerja/anggaran carries its own ``kunci`` and its ancestors'
(``kunci_program``, ``kunci_kegiatan``, see :mod:`analysis.schema`). From these this
module builds one node per (kecamatan, tahun, tingkat, kunci) with its parent, adding a
parent the source names only through its children (a kegiatan with sub kegiatan rows but
no row of its own). A sub kegiatan without a kegiatan hangs under its program, anything
without a program under the kecamatan: the roll-up then still counts it once.

The keys are functions of a row's identity columns alone, which repeat on every quarter
and indicator of a wide source row. :class:`Keyed` therefore computes them once per
distinct source row (``keys``) and maps each table row to its source row (``rows``);
for a table on its own every row is its own source row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.metrics.frames import lower_text, str_labels, text

LEVEL_ORDER = {"sub_kegiatan": 0, "kegiatan": 1, "program": 2, "kecamatan": 3}
"""Bottom-up order of the ringkasan levels (``schema.TINGKAT_RINGKASAN``)."""

NODE_KEYS = ["kecamatan", "tahun", "tingkat", "kunci"]
PARENT_KEYS = ["kecamatan", "tahun", "tingkat_induk", "kunci_induk"]
KEY_COLUMNS = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk", "kunci_program"]
"""Columns of :func:`row_keys`."""

_ROW_LEVELS = ["program", "kegiatan", "sub_kegiatan"]
_PARENT_LEVELS = ["kegiatan", "program", "kecamatan"]


def effective_kunci(df: pd.DataFrame) -> pd.Series:
    """``kunci``, else ``kode``, else the lower-cased ``uraian``: some identity for every row."""
    return text(df["kunci"]).fillna(text(df["kode"])).fillna(lower_text(df["uraian"]))


def effective_tingkat(df: pd.DataFrame, kunci: pd.Series) -> pd.Series:
    """``tingkat`` as given, else inferred from which ancestor key equals the row's own."""
    given = lower_text(df["tingkat"]).str.replace(" ", "_")
    prog, keg = text(df["kunci_program"]), text(df["kunci_kegiatan"])
    is_prog = kunci.eq(prog).fillna(False).to_numpy(dtype=bool)
    is_keg = kunci.eq(keg).fillna(False).to_numpy(dtype=bool)
    inferred = str_labels(np.where(is_prog, 0, np.where(is_keg, 1, 2)), _ROW_LEVELS, df.index)
    return given.where(given != "", inferred)


def parent_of(tingkat: pd.Series, kunci_program: pd.Series, kunci_kegiatan: pd.Series):
    """(tingkat_induk, kunci_induk) of each row; the kecamatan level has kunci NA here."""
    prog, keg = text(kunci_program), text(kunci_kegiatan)
    is_sub = tingkat.eq("sub_kegiatan").fillna(False).to_numpy(dtype=bool)
    is_keg = tingkat.eq("kegiatan").fillna(False).to_numpy(dtype=bool)
    has_keg, has_prog = keg.notna().to_numpy(), prog.notna().to_numpy()
    under_keg = is_sub & has_keg
    under_prog = ~under_keg & (is_sub | is_keg) & has_prog
    level = str_labels(np.where(under_keg, 0, np.where(under_prog, 1, 2)), _PARENT_LEVELS)
    key = keg.where(under_keg, prog.where(under_prog))
    idx = tingkat.index
    return level.set_axis(idx), key.set_axis(idx).rename(None)


def row_keys(df: pd.DataFrame) -> pd.DataFrame:
    """Node identity and parent of each row of a kinerja / anggaran table.

    Columns ``KEY_COLUMNS``: the text columns cleaned by :func:`text`, the effective
    ``tingkat`` / ``kunci``, and the parent (``tingkat_induk``, ``kunci_induk``).
    """
    kunci = effective_kunci(df)
    tingkat = effective_tingkat(df, kunci)
    level, key = parent_of(tingkat, df["kunci_program"], df["kunci_kegiatan"])
    return pd.DataFrame(
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
        },
        index=df.index,
    )


@dataclass(frozen=True)
class Keyed:
    """A processed table with :func:`row_keys` computed once per distinct source row.

    ``table.iloc[i]`` has the identity of ``source.iloc[rows[i]]``; ``source`` holds the
    identity columns of the table (``kecamatan``, ``tahun``, ``kode``, ``tingkat``,
    ``uraian``, ``kunci``, ``kunci_program``, ``kunci_kegiatan``, ... as the table has
    them), and ``keys`` is ``row_keys(source)``.
    """

    table: pd.DataFrame
    source: pd.DataFrame
    rows: np.ndarray

    @classmethod
    def of(cls, table: pd.DataFrame) -> Keyed:
        """Every row its own source row."""
        table = table.reset_index(drop=True)
        return cls(table, table, np.arange(len(table)))

    @property
    def keys(self) -> pd.DataFrame:
        cached = self.__dict__.get("_keys")
        if cached is None:
            cached = row_keys(self.source.reset_index(drop=True))
            object.__setattr__(self, "_keys", cached)
        return cached

    def where(self, mask: np.ndarray) -> Keyed:
        """The rows where ``mask`` (one boolean per table row) holds."""
        out = Keyed(self.table[mask].reset_index(drop=True), self.source, self.rows[mask])
        if "_keys" in self.__dict__:
            object.__setattr__(out, "_keys", self.__dict__["_keys"])
        return out

    def present(self) -> np.ndarray:
        """Source rows used by the table, in order of their first table row."""
        n = len(self.rows)
        first = np.full(len(self.source), n, dtype=np.int64)
        np.minimum.at(first, self.rows, np.arange(n, dtype=np.int64))
        used = np.flatnonzero(first < n)
        return used[np.argsort(first[used], kind="stable")]


def _tree(parts: list[pd.DataFrame]) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Nodes from ``row_keys`` frames, and the node of each of their rows (-1: none).

    The result has one row per node in order of first appearance (own rows before
    implied parents), ``kode`` / ``uraian`` / parent from the first row that has one.
    """
    sizes = [len(p) for p in parts]
    rows = pd.concat(parts, ignore_index=True)
    is_node = rows["tingkat"].isin(_ROW_LEVELS).to_numpy()
    rows = rows[is_node]

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
    grouped = allrows.groupby(NODE_KEYS, dropna=False, sort=False)
    out = grouped.agg(
        kode=("kode", "first"),
        uraian=("uraian", "first"),
        tingkat_induk=("tingkat_induk", "first"),
        kunci_induk=("kunci_induk", "first"),
    )
    ids = np.full(len(is_node), -1, dtype=np.int64)
    ids[is_node] = grouped.ngroup().to_numpy()[: int(is_node.sum())]
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
    cols = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk"]
    ends = np.cumsum(sizes)
    return out[cols].reset_index(drop=True), [
        ids[e - n : e] for e, n in zip(ends, sizes, strict=True)
    ]


def tree(tables: list[Keyed]) -> tuple[pd.DataFrame, list[np.ndarray]]:
    """Nodes of every kecamatan-year in ``tables`` (``rekening`` lines excluded by the
    caller), and for each table the node of each table row (-1: not a node row).

    Node columns: kecamatan, tahun, tingkat, kunci, kode, uraian, tingkat_induk,
    kunci_induk; one row per node in order of first appearance.
    """
    per_row = [np.full(len(t.table), -1, dtype=np.int64) for t in tables]
    filled = [i for i, t in enumerate(tables) if len(t.table)]
    if not filled:
        cols = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk"]
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols}), per_row
    used = {i: tables[i].present() for i in filled}
    nodes_, ids = _tree([tables[i].keys.iloc[used[i]] for i in filled])
    for i, node_ids in zip(filled, ids, strict=True):
        of_source = np.full(len(tables[i].source), -1, dtype=np.int64)
        of_source[used[i]] = node_ids
        per_row[i] = of_source[tables[i].rows]
    return nodes_, per_row


def nodes(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per node of every kecamatan-year found in ``frames`` (processed kinerja /
    anggaran, ``rekening`` lines excluded by the caller).

    Columns: kecamatan, tahun, tingkat, kunci, kode, uraian, tingkat_induk, kunci_induk.
    """
    return tree([Keyed.of(df) for df in frames if not df.empty])[0]
