"""The planning tree of one kecamatan-year: program > kegiatan > sub kegiatan.

Every row of kinerja/anggaran carries its own ``kunci`` and its ancestors'
(``kunci_program``, ``kunci_kegiatan``, see :mod:`analysis.schema`). From these this
module builds one node per (kecamatan, tahun, tingkat, kunci) with its parent, adding a
parent the source names only through its children (a kegiatan with sub kegiatan rows but
no row of its own). A sub kegiatan without a kegiatan hangs under its program, anything
without a program under the kecamatan: the roll-up then still counts it once.

The keys are functions of a row's identity columns alone, which repeat on every quarter
and indicator of a wide source row. :class:`Keyed` therefore keeps each table row's
source row, and :class:`Codes` holds the keys of the source rows as integer codes into
small dictionaries of distinct (cleaned) values: text is cleaned once per distinct
value, and grouping, matching and ordering work on integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.metrics.frames import STR, lower_text, sorted_groups, str_labels, text

LEVEL_ORDER = {"sub_kegiatan": 0, "kegiatan": 1, "program": 2, "kecamatan": 3}
"""Bottom-up order of the ringkasan levels (``schema.TINGKAT_RINGKASAN``)."""

NODE_KEYS = ["kecamatan", "tahun", "tingkat", "kunci"]
PARENT_KEYS = ["kecamatan", "tahun", "tingkat_induk", "kunci_induk"]
KEY_COLUMNS = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk", "kunci_program"]
"""Columns of :func:`row_keys`."""

_ROW_LEVELS = ["program", "kegiatan", "sub_kegiatan"]
_PARENT_LEVELS = ["kegiatan", "program", "kecamatan"]
PROGRAM, KEGIATAN, SUB_KEGIATAN, KECAMATAN = 0, 1, 2, 3
"""Codes of the levels in every ``Codes.tingkat`` dictionary (which starts with these)."""


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


# --- integer codes ------------------------------------------------------------------------


def factor(values: pd.Series, clean=text) -> tuple[np.ndarray, pd.Series]:
    """(code of each value, the distinct values after ``clean``): ``clean`` runs once per
    distinct value; values that clean to the same text share a code; missing is -1."""
    codes, uniques = pd.factorize(values.reset_index(drop=True))
    if not len(uniques):
        return codes.astype(np.int64), pd.Series([], dtype=STR)
    cleaned = clean(pd.Series(uniques))
    merged, distinct = pd.factorize(cleaned)
    remap = np.append(merged.astype(np.int64), -1)
    return remap[codes], pd.Series(distinct, dtype=STR)


def merge_codes(
    parts: list[tuple[np.ndarray, pd.Series]], dtype=STR
) -> tuple[list[np.ndarray], pd.Series]:
    """One dictionary for several (codes, dictionary) pairs; -1 stays -1."""
    both = pd.concat([d for _, d in parts], ignore_index=True).astype(dtype)
    joint, distinct = pd.factorize(both)
    out, start = [], 0
    for codes, d in parts:
        remap = np.append(joint[start : start + len(d)].astype(np.int64), -1)
        out.append(remap[codes])
        start += len(d)
    return out, pd.Series(distinct, dtype=dtype)


def decode(dictionary: pd.Series, codes: np.ndarray):
    """``dictionary[code]`` for each code as an array; -1 is missing."""
    codes = np.asarray(codes, dtype=np.int64)
    if isinstance(dictionary.dtype, pd.StringDtype):
        array = dictionary.array._pa_array.combine_chunks()
        if not len(array):
            array = pa.array([""], type=pa.large_string())
        taken = pc.take(
            array,
            pa.array(np.maximum(codes, 0), mask=codes < 0, type=pa.int64()),
            memory_pool=pa.system_memory_pool(),
        )
        return pd.arrays.ArrowStringArray(taken, dtype=STR)
    values = dictionary.array
    if not len(values):
        return pd.array([pd.NA] * len(codes), dtype=dictionary.dtype)
    out = values.take(np.maximum(codes, 0))
    if (codes < 0).any():
        out[codes < 0] = pd.NA
    return out


def ranks(dictionary: pd.Series) -> np.ndarray:
    """Sort rank of each dictionary value (as ``sort_values``), one more for missing (-1).

    Index with ``code`` (``rank[code]``): -1 picks the last entry, after every value."""
    rank = sorted_groups(pd.DataFrame({"v": dictionary.reset_index(drop=True)}))
    return np.append(rank, len(dictionary) + 1)


@dataclass
class Codes:
    """The :func:`row_keys` of some rows as codes: kecamatan, tahun, kode, uraian into
    their own dictionaries; tingkat and tingkat_induk into ``tingkat`` (starting with
    program, kegiatan, sub_kegiatan, kecamatan); kunci, kunci_induk and kunci_program
    into ``kunci``. Missing is -1 (tahun / kecamatan missing are keys like any other)."""

    kecamatan: np.ndarray
    tahun: np.ndarray
    tingkat: np.ndarray
    kunci: np.ndarray
    kode: np.ndarray
    uraian: np.ndarray
    tingkat_induk: np.ndarray
    kunci_induk: np.ndarray
    kunci_program: np.ndarray
    dicts: dict[str, pd.Series]
    """kecamatan, tahun, tingkat, kunci, kode, uraian."""

    ARRAYS: ClassVar[tuple[str, ...]] = (
        "kecamatan",
        "tahun",
        "tingkat",
        "kunci",
        "kode",
        "uraian",
        "tingkat_induk",
        "kunci_induk",
        "kunci_program",
    )
    SPACE: ClassVar[dict[str, str]] = {
        "kecamatan": "kecamatan",
        "tahun": "tahun",
        "tingkat": "tingkat",
        "kunci": "kunci",
        "kode": "kode",
        "uraian": "uraian",
        "tingkat_induk": "tingkat",
        "kunci_induk": "kunci",
        "kunci_program": "kunci",
    }

    @classmethod
    def of(cls, df: pd.DataFrame) -> Codes:
        """:func:`row_keys` of ``df`` (kinerja / anggaran identity columns), coded."""
        df = df.reset_index(drop=True)
        kunci, kode, lowered, program, kegiatan = (
            factor(df["kunci"]),
            factor(df["kode"]),
            factor(df["uraian"], lower_text),
            factor(df["kunci_program"]),
            factor(df["kunci_kegiatan"]),
        )
        # lower_text makes a missing uraian "": give it that code.
        empty = (np.zeros(1, dtype=np.int64), pd.Series([""], dtype=STR))
        (k, d, low, p, g, e), keys = merge_codes([kunci, kode, lowered, program, kegiatan, empty])
        low = np.where(low >= 0, low, e[0])
        own = np.where(k >= 0, k, np.where(d >= 0, d, low))

        given = factor(df["tingkat"], lambda s: lower_text(s).str.replace(" ", "_"))
        fixed = (np.arange(4), pd.Series([*_ROW_LEVELS, "kecamatan"], dtype=STR))
        (_, given, blank), levels = merge_codes([fixed, given, (np.zeros(1, np.int64), empty[1])])
        given = np.where(given >= 0, given, blank[0])  # a missing tingkat is "" too
        inferred = np.where(own == p, PROGRAM, np.where(own == g, KEGIATAN, SUB_KEGIATAN))
        tingkat = np.where(given != blank[0], given, inferred)

        is_sub, is_keg = tingkat == SUB_KEGIATAN, tingkat == KEGIATAN
        under_keg = is_sub & (g >= 0)
        under_prog = ~under_keg & (is_sub | is_keg) & (p >= 0)
        kec, kec_dict = factor(df["kecamatan"])
        year, years = pd.factorize(df["tahun"])
        kode_text, kode_dict = kode
        uraian_text, uraian_dict = factor(df["uraian"])
        return cls(
            kecamatan=kec,
            tahun=year.astype(np.int64),
            tingkat=tingkat,
            kunci=own,
            kode=kode_text,
            uraian=uraian_text,
            tingkat_induk=np.where(under_keg, KEGIATAN, np.where(under_prog, PROGRAM, KECAMATAN)),
            kunci_induk=np.where(under_keg, g, np.where(under_prog, p, -1)),
            kunci_program=p,
            dicts={
                "kecamatan": kec_dict,
                "tahun": pd.Series(years, dtype=df["tahun"].dtype),
                "tingkat": levels,
                "kunci": keys,
                "kode": kode_dict,
                "uraian": uraian_dict,
            },
        )

    def take(self, rows: np.ndarray) -> Codes:
        picked = {name: getattr(self, name)[rows] for name in self.ARRAYS}
        return Codes(**picked, dicts=self.dicts)

    def strings(self, name: str, rows: np.ndarray | None = None):
        """Column ``name`` as values (strings, or tahun), for ``rows`` (default: all)."""
        codes = getattr(self, name)
        return decode(self.dicts[self.SPACE[name]], codes if rows is None else codes[rows])

    def frame(self, rows: np.ndarray | None = None) -> pd.DataFrame:
        """:func:`row_keys`' frame (for ``rows``)."""
        return pd.DataFrame({c: self.strings(c, rows) for c in KEY_COLUMNS})


def combine(parts: list[Codes]) -> list[Codes]:
    """The same codes over one shared set of dictionaries."""
    shared = {}
    for space in ("kecamatan", "tahun", "tingkat", "kunci", "kode", "uraian"):
        arrays = [n for n, s in Codes.SPACE.items() if s == space]
        dtype = parts[0].dicts[space].dtype
        pairs = [(np.arange(len(p.dicts[space])), p.dicts[space]) for p in parts]
        remaps, shared[space] = merge_codes(pairs, dtype)
        for name in arrays:
            for part, remap in zip(parts, remaps, strict=True):
                codes = getattr(part, name)
                setattr(part, name, np.where(codes >= 0, np.append(remap, -1)[codes], -1))
    for part in parts:
        part.dicts = shared
    return parts


# --- source rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class Keyed:
    """A processed table whose rows repeat the identity of fewer source rows.

    ``table.iloc[i]`` has the identity of ``source.iloc[rows[i]]``; ``source`` holds the
    identity columns of the table (``kecamatan``, ``tahun``, ``kode``, ``tingkat``,
    ``uraian``, ``kunci``, ``kunci_program``, ``kunci_kegiatan``, ... as the table has
    them), and ``codes`` are their :func:`row_keys`, coded (see :class:`Codes`).
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
    def codes(self) -> Codes:
        cached = self.__dict__.get("_codes")
        if cached is None:
            cached = Codes.of(self.source)
            object.__setattr__(self, "_codes", cached)
        return cached

    def select(self, columns: list[str]) -> Keyed:
        """Only ``columns`` of the table (same rows, sources and codes): a slim view for a
        computation that needs a few figures, so the rest of the table can be released."""
        out = Keyed(self.table[columns], self.source, self.rows)
        if "_codes" in self.__dict__:
            object.__setattr__(out, "_codes", self.__dict__["_codes"])
        return out

    def where(self, mask: np.ndarray) -> Keyed:
        """The rows where ``mask`` (one boolean per table row) holds."""
        if mask.all():
            return self
        out = Keyed(self.table[mask].reset_index(drop=True), self.source, self.rows[mask])
        if "_codes" in self.__dict__:
            object.__setattr__(out, "_codes", self.__dict__["_codes"])
        return out

    def present(self) -> np.ndarray:
        """Source rows used by the table, in order of their first table row."""
        n = len(self.rows)
        first = np.full(len(self.source), n, dtype=np.int64)
        np.minimum.at(first, self.rows, np.arange(n, dtype=np.int64))
        used = np.flatnonzero(first < n)
        return used[np.argsort(first[used], kind="stable")]


# --- the tree ---------------------------------------------------------------------------


def _pack(*columns: np.ndarray) -> np.ndarray:
    """One int64 per row of several code columns (codes >= -1)."""
    out = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:
        col = col.astype(np.int64) + 1
        out = out * (int(col.max(initial=0)) + 1) + col
    return out


def pack_joint(*sets: tuple[np.ndarray, ...]) -> list[np.ndarray]:
    """:func:`_pack` of several sets of the same code columns, on one scale: equal
    packed values are equal codes, across the sets."""
    columns = [np.concatenate(cols) for cols in zip(*sets, strict=True)]
    packed = _pack(*columns)
    ends = np.cumsum([len(s[0]) for s in sets])
    return [packed[e - len(s[0]) : e] for e, s in zip(ends, sets, strict=True)]


def _first_of_each(*columns: np.ndarray) -> np.ndarray:
    """Positions of the first row of each distinct combination of code columns, in order."""
    if not len(columns[0]):
        return np.zeros(0, dtype=np.int64)
    codes = pd.factorize(_pack(*columns))[0]
    return np.unique(codes, return_index=True)[1]


def _first(ids: np.ndarray, ngroups: int, values: np.ndarray) -> np.ndarray:
    """Per group, the first value that is not missing (-1), as ``groupby.first``."""
    valid = np.flatnonzero(values >= 0)
    first = np.full(ngroups, len(values), dtype=np.int64)
    np.minimum.at(first, ids[valid], valid)
    found = first < len(values)
    out = np.full(ngroups, -1, dtype=np.int64)
    out[found] = values[first[found]]
    return out


@dataclass
class Tree:
    """The nodes, in order of first appearance (own rows before implied parents, then
    one node per kecamatan-year), as codes into ``dicts`` (see :class:`Codes`); the
    kunci and uraian of kecamatan nodes are appended to those dictionaries."""

    codes: Codes

    def __len__(self) -> int:
        return len(self.codes.kecamatan)

    def frame(self) -> pd.DataFrame:
        """Columns: kecamatan, tahun, tingkat, kunci, kode, uraian, tingkat_induk, kunci_induk."""
        cols = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk"]
        return pd.DataFrame({c: self.codes.strings(c) for c in cols})


def tree(tables: list[Keyed]) -> tuple[Tree | None, list[np.ndarray], list[Codes]]:
    """Nodes of every kecamatan-year in ``tables`` (``rekening`` lines excluded by the
    caller); for each table the node of each table row (-1: not a node row), and the
    codes of its source rows over the tree's dictionaries (before the kecamatan names
    are appended to them).

    A node's kode / uraian / parent come from its first row that has one.
    """
    per_row = [np.full(len(t.table), -1, dtype=np.int64) for t in tables]
    if not tables:
        return None, per_row, []
    full = combine([t.codes.take(np.arange(len(t.source))) for t in tables])
    filled = [i for i, t in enumerate(tables) if len(t.table)]
    if not filled:
        return None, per_row, full
    used = {i: tables[i].present() for i in filled}
    parts = [full[i].take(used[i]) for i in filled]
    sizes = [len(p.kecamatan) for p in parts]
    rows = {n: np.concatenate([getattr(p, n) for p in parts]) for n in Codes.ARRAYS}
    dicts = parts[0].dicts
    is_node = rows["tingkat"] <= SUB_KEGIATAN
    rows = {n: a[is_node] for n, a in rows.items()}

    # Parents known only through their children: one implied row per distinct content,
    # in order of first appearance (a later copy of a row changes neither the order in
    # which nodes first appear nor the first value of any column).
    sel = np.flatnonzero(rows["tingkat_induk"] == KEGIATAN)
    sel = sel[
        _first_of_each(
            rows["kecamatan"][sel],
            rows["tahun"][sel],
            rows["kunci_induk"][sel],
            rows["kunci_program"][sel],
        )
    ]
    prog = rows["kunci_program"][sel]
    k = len(sel)
    implied_keg = {
        "kecamatan": rows["kecamatan"][sel],
        "tahun": rows["tahun"][sel],
        "tingkat": np.full(k, KEGIATAN),
        "kunci": rows["kunci_induk"][sel],
        "kode": np.full(k, -1),
        "uraian": np.full(k, -1),
        "tingkat_induk": np.where(prog >= 0, PROGRAM, KECAMATAN),
        "kunci_induk": prog,
    }
    under = [
        (part, np.flatnonzero(part["tingkat_induk"] == PROGRAM)) for part in (rows, implied_keg)
    ]
    kec, year, key = (
        np.concatenate([part[n][sel] for part, sel in under])
        for n in ("kecamatan", "tahun", "kunci_induk")
    )
    sel = _first_of_each(kec, year, key)
    k = len(sel)
    implied_prog = {
        "kecamatan": kec[sel],
        "tahun": year[sel],
        "tingkat": np.full(k, PROGRAM),
        "kunci": key[sel],
        "kode": np.full(k, -1),
        "uraian": np.full(k, -1),
        "tingkat_induk": np.full(k, KECAMATAN),
        "kunci_induk": np.full(k, -1),
    }
    # Own rows first, so their kode/uraian/parent win over implied ones.
    allrows = {n: np.concatenate([rows[n], implied_keg[n], implied_prog[n]]) for n in implied_keg}
    ids = pd.factorize(
        _pack(allrows["kecamatan"], allrows["tahun"], allrows["tingkat"], allrows["kunci"])
    )[0].astype(np.int64)
    ngroups = int(ids.max(initial=-1)) + 1
    start = np.full(ngroups, len(ids), dtype=np.int64)
    np.minimum.at(start, ids, np.arange(len(ids), dtype=np.int64))
    node = {n: allrows[n][start] for n in ("kecamatan", "tahun", "tingkat", "kunci")}
    for n in ("kode", "uraian", "tingkat_induk", "kunci_induk"):
        node[n] = _first(ids, ngroups, allrows[n])

    # The kecamatan itself: kunci its name, uraian "Kecamatan <name>".
    kt = pd.factorize(_pack(node["kecamatan"], node["tahun"]))[0]
    first_kt = np.unique(kt, return_index=True)[1]
    kec = node["kecamatan"][first_kt]
    names = dicts["kecamatan"]
    n_keys, n_uraian = len(dicts["kunci"]), len(dicts["uraian"])
    kec_uraian = text("Kecamatan " + pd.concat([names, pd.Series([""], dtype=STR)]))
    dicts = {
        **dicts,
        "kunci": pd.concat([dicts["kunci"], names], ignore_index=True),
        "uraian": pd.concat([dicts["uraian"], kec_uraian], ignore_index=True),
    }
    m = len(kec)
    kec_name = np.where(kec >= 0, n_keys + kec, -1)
    kec_nodes = {
        "kecamatan": kec,
        "tahun": node["tahun"][first_kt],
        "tingkat": np.full(m, KECAMATAN),
        "kunci": kec_name,
        "kode": np.full(m, -1),
        "uraian": n_uraian + np.where(kec >= 0, kec, len(names)),
        "tingkat_induk": np.full(m, -1),
        "kunci_induk": np.full(m, -1),
    }
    out = {n: np.concatenate([node[n], kec_nodes[n]]) for n in kec_nodes}
    # Programs (and orphans) hang under the kecamatan node, whose kunci is its name.
    under_kec = out["tingkat_induk"] == KECAMATAN
    out["kunci_induk"] = np.where(
        under_kec,
        np.where(out["kecamatan"] >= 0, n_keys + out["kecamatan"], -1),
        out["kunci_induk"],
    )
    out["kunci_program"] = np.full(len(out["kecamatan"]), -1)
    nodes = Tree(Codes(**out, dicts=dicts))

    node_ids = np.full(len(is_node), -1, dtype=np.int64)
    node_ids[is_node] = ids[: int(is_node.sum())]
    ends = np.cumsum(sizes)
    for i, e, n in zip(filled, ends, sizes, strict=True):
        of_source = np.full(len(tables[i].source), -1, dtype=np.int64)
        of_source[used[i]] = node_ids[e - n : e]
        per_row[i] = of_source[tables[i].rows]
    return nodes, per_row, full


def nodes(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One row per node of every kecamatan-year found in ``frames`` (processed kinerja /
    anggaran, ``rekening`` lines excluded by the caller).

    Columns: kecamatan, tahun, tingkat, kunci, kode, uraian, tingkat_induk, kunci_induk.
    """
    found = tree([Keyed.of(df) for df in frames])[0]
    if found is None:
        cols = [*NODE_KEYS, "kode", "uraian", "tingkat_induk", "kunci_induk"]
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
    return found.frame()
