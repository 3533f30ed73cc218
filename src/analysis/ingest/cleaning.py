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

import dataclasses
import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema

TINGKAT_ALIASES = {
    "program": "program",
    "prog": "program",
    "kegiatan": "kegiatan",
    "keg": "kegiatan",
    "sub kegiatan": "sub_kegiatan",
    "subkegiatan": "sub_kegiatan",
    "sub_kegiatan": "sub_kegiatan",
    "sub keg": "sub_kegiatan",
    "rekening": "rekening",
    "belanja": "rekening",
    "objek belanja": "rekening",
    "total": "total",
    "jumlah": "total",
}
VALID_TINGKAT = (*schema.TINGKAT, schema.TINGKAT_REKENING, "total")

TOTAL_NAMES = r"(?:total(?: belanja)?|jumlah(?: total| belanja| anggaran)?|belanja|grand total)"
"""Printed totals: ``TOTAL BELANJA`` (Wotu 3.4), ``JUMLAH`` (Wotu 2.8), ``Belanja``
(Towuti III), ``Jumlah`` (seed 003 BAB III and IV). A printed average (``Rata-rata
Capaian Kinerja``) is not a total: see :mod:`analysis.ingest.nondata`."""


def code_like(raw: pd.Series) -> pd.Series:
    """Cells of a ``No``/``NO`` column that are codes, not row numbers: three or more
    dot-separated number groups (``07.01.01``, ``7.01.01.2.01.01``, ``7.01.01.``, a blank
    after a dot as typed). ``01``, ``1.``, ``5,2`` are ordinals."""
    s = raw.astype("str").where(raw.notna()).str.replace(r"\s+", "", regex=True)
    return s.str.fullmatch(r"\d{1,2}(?:\.\d{1,2}){2,}\.?").fillna(False).astype(bool)


# --- speed: text work on distinct values only ---------------------------------------------


def _take(result: object, pos: np.ndarray, index: pd.Index) -> object:
    if isinstance(result, pd.Series):
        out = result.iloc[pos]
        out.index = index
        return out
    if isinstance(result, tuple):
        return tuple(_take(r, pos, index) for r in result)
    if dataclasses.is_dataclass(result):
        return type(result)(
            **{
                f.name: _take(getattr(result, f.name), pos, index)
                for f in dataclasses.fields(result)
            }
        )
    return result


def per_unique(func):
    """Run a column function on the column's distinct values and spread the result back.

    Identity columns repeat heavily (7,277 kecamatan share ~45 program codes and names),
    and Python-level regex work is the slow part of ingest: doing it once per distinct
    value turns minutes into milliseconds at national scale.
    """

    @functools.wraps(func)
    def wrapper(s: pd.Series, *args: object, **kwargs: object) -> object:
        if len(s) < 1000:
            return func(s, *args, **kwargs)
        # distinct values in order of appearance; missing ones (code -1) go last
        codes, uniques = pd.factorize(s.array, use_na_sentinel=True)
        missing = codes < 0
        has_missing = bool(missing.any())
        if len(uniques) + has_missing > 0.5 * len(s):
            return func(s, *args, **kwargs)
        sample = pd.Series(uniques, dtype=s.dtype)
        if has_missing:
            na = s.iloc[[int(np.argmax(missing))]].reset_index(drop=True)
            sample = pd.concat([sample, na], ignore_index=True)
            codes = np.where(missing, len(uniques), codes)
        return _take(func(sample, *args, **kwargs), codes, s.index)

    return wrapper


# --- text keys ---------------------------------------------------------------------------


MARKUP_TAGS = (
    "a", "b", "big", "br", "div", "em", "font", "i", "li", "o:p", "ol", "p", "s", "small",
    "span", "strike", "strong", "sub", "sup", "u", "ul",
)  # fmt: skip
"""HTML tags Word and web pages paste into cells. Only these are markup: ``<50% dan >20%``
in an indicator name is text, and stripping anything between ``<`` and ``>`` ate it."""

_MARKUP = (
    r"</?(?:" + "|".join(re.escape(t) for t in MARKUP_TAGS) + r")"
    r"(?:\s+[\w:-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))*\s*/?>"
)


@per_unique
def strip_markup(s: pd.Series) -> pd.Series:
    """Drop HTML tags pasted from Word (``<i>...</i>``, ``<b>``) from a text column.

    A tag is one of :data:`MARKUP_TAGS` with ``name=value`` attributes only; any other
    text between angle brackets (``<50% dan >20%``) is kept as written.
    """
    return s.str.replace(_MARKUP, "", regex=True, case=False)


@per_unique
def clean_text(s: pd.Series) -> pd.Series:
    """Single-spaced, stripped text; empty strings become missing."""
    text = s.astype("str").where(s.notna())
    text = text.str.replace(r"[\u00a0\u2007\u202f\s]+", " ", regex=True).str.strip()
    return text.where(text != "")


@per_unique
def uraian_key(uraian: pd.Series) -> pd.Series:
    """The name as a matching key: lower case, no punctuation, no level word or bullet.

    ``- Penyusunan Dokumen Perencanaan`` / ``Sub Kegiatan Penyusunan Dokumen
    Perencanaan`` / ``PENYUSUNAN DOKUMEN PERENCANAAN.`` all give
    ``penyusunan dokumen perencanaan``.
    """
    s = strip_markup(uraian.astype("str").where(uraian.notna())).str.lower()
    s = s.str.replace(r"^\s*(?:[-–•*]+|\d{1,2}[.)]|[a-z][.)])\s*", "", regex=True)
    s = s.str.replace(r"^\s*(?:sub\s*kegiatan|kegiatan|program)\b\s*:?", "", regex=True)
    s = s.str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()
    s = s.str.replace(r"\s+", " ", regex=True)
    return s.where(s.notna() & (s != ""))


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


def _prefix_ids(kode: pd.Series, depth: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer ids of each code and of its first ``depth`` segments (-1 where absent)."""
    code_ids, uniques = pd.factorize(kode, use_na_sentinel=True)
    u = pd.Series(uniques, dtype="str")
    parts = u.str.split(".")
    prefix = parts.str[:depth].str.join(".").where(parts.str.len() > depth)
    lookup = pd.Series(np.arange(len(u)), index=u)
    prefix_of_unique = prefix.map(lookup).fillna(-1).astype("int64").to_numpy()
    prefix_ids = np.where(code_ids >= 0, prefix_of_unique[np.maximum(code_ids, 0)], -1)
    return code_ids, prefix_ids, len(u)


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
    for depth in range(3, 8):
        code_ids, prefix_ids, n = _prefix_ids(kode, depth)
        is_parent |= _pairs_present(group_ids, prefix_ids, code_ids, n)
    out = tingkat.copy()
    out[is_parent & (tingkat == "sub_kegiatan").fillna(False).to_numpy(dtype=bool)] = "kegiatan"
    return out


# --- kecamatan ---------------------------------------------------------------------------


_ALIAS_NON_WORD = r"[^a-z0-9]+"
_ALIAS_PREFIX = r"^(?:pemerintah |kantor )?(?:kecamatan|kec|camat)\s+"


@per_unique
def _alias_key(s: pd.Series) -> pd.Series:
    k = s.astype("str").where(s.notna()).str.lower()
    k = k.str.replace(_ALIAS_NON_WORD, " ", regex=True).str.strip()
    return k.str.replace(_ALIAS_PREFIX, "", regex=True)


def _alias_key_of(text: str) -> str:
    """:func:`_alias_key` of one text (a file name's words), without a Series."""
    k = re.sub(_ALIAS_NON_WORD, " ", text.lower()).strip()
    return re.sub(_ALIAS_PREFIX, "", k)


TITLE_KECAMATAN_WORDS = {"kecamatan", "kec", "camat"}
TITLE_JOINERS = {"dan", "serta", ",", "&", "/"}
"""Words before a kecamatan name in a title, and words joining a list of names."""

FILE_NAME_WORDS = 4
"""Leading words of a file name tried as a kecamatan name (``kec_tomoni_timur_2024``)."""


@dataclass
class KecamatanReference:
    names: list[str]
    alias_to_name: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> KecamatanReference:
        ref = pd.read_csv(path, sep=";", dtype="str", keep_default_na=False, encoding="utf-8-sig")
        names = ref["kecamatan"].str.strip()
        slug = ref.get("slug", names)
        alias = ref["alias"] if "alias" in ref else pd.Series("", index=ref.index)
        variants = pd.concat([names, slug, alias.str.split("|").explode()], keys=None).rename(
            "variant"
        )
        owner = pd.concat([names, names, names.reindex(alias.str.split("|").explode().index)])
        keys = _alias_key(variants.astype("str").reset_index(drop=True))
        table = pd.DataFrame({"key": keys.to_numpy(), "name": owner.to_numpy()}).dropna()
        table = table[table["key"] != ""]
        squeezed = table.assign(key=table["key"].str.replace(" ", "", regex=False))
        table = pd.concat([table, squeezed]).drop_duplicates("key")
        return cls(names.tolist(), dict(zip(table["key"], table["name"], strict=True)))

    def resolve(self, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
        """Canonical names and a mask of non-empty values that match no kecamatan."""
        key = _alias_key(raw)
        name = key.map(self.alias_to_name)
        name = name.fillna(key.str.replace(" ", "", regex=False).map(self.alias_to_name))
        unknown = key.notna() & (key != "") & name.isna()
        return name.astype("str").where(name.notna()), unknown

    def find_in_text(self, text: str) -> str | None:
        """The kecamatan named in a title row (``KANTOR KECAMATAN KALAENA``), if any."""
        low = re.sub(r"[^a-z0-9]+", " ", text.lower())
        match = re.search(r"\b(?:kecamatan|kec|camat)\s+([a-z ]+)", low)
        if not match:
            return None
        words = match.group(1).split()
        for n in (2, 1):
            key = " ".join(words[:n])
            if key in self.alias_to_name:
                return self.alias_to_name[key]
        return None

    def names_in_text(self, text: str) -> list[str]:
        """Every kecamatan a title names, in order (``KECAMATAN WOTU DAN BURAU`` -> both).

        After the first ``KECAMATAN``/``KEC``/``CAMAT``, a name counts when it follows
        such a word or a list joiner (``dan``, ``,``, ``&``, ``/``, ``serta``), so a
        village of the same name further on (``Desa Malili``) is not taken for one.
        """
        tokens = re.findall(r"[a-z0-9]+|[,&/]", text.lower())
        found: list[str] = []
        seen_keyword = False
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok in TITLE_KECAMATAN_WORDS:
                seen_keyword = True
                i += 1
                continue
            before = tokens[i - 1] if i else ""
            if seen_keyword and (before in TITLE_KECAMATAN_WORDS or before in TITLE_JOINERS):
                for n in (2, 1):
                    key = " ".join(tokens[i : i + n])
                    if key in self.alias_to_name:
                        found.append(self.alias_to_name[key])
                        i += n - 1
                        break
            i += 1
        return list(dict.fromkeys(found))

    def from_file_name(self, stem: str) -> str | None:
        """``tomoni-timur_2024_kinerja`` and ``tomoni_timur_2024_kinerja`` -> ``Tomoni Timur``.

        The longest run of leading ``_``-separated words that names a kecamatan wins:
        cutting at the first ``_`` read ``tomoni_timur_...`` as Tomoni.
        """
        words = [w for w in re.split(r"[_\s]+", stem.lower()) if w]
        for n in range(min(len(words), FILE_NAME_WORDS), 0, -1):
            first = " ".join(words[:n])
            for key in (first, first.replace("-", " "), first.replace("-", "")):
                found = self.alias_to_name.get(key) or self.alias_to_name.get(_alias_key_of(key))
                if found:
                    return found
        return None


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


# --- nomenclature ------------------------------------------------------------------------

NATIONAL_NOMENKLATUR = "nomenklatur_nasional.csv"
"""Programs and kegiatan of urusan 7.01 (kecamatan) as the national nomenclature names
them (Permendagri 90/2019); see ``data/reference/README.md``."""


@dataclass
class Nomenklatur:
    """Reference names and codes (``data/reference/nomenklatur.csv``) matched by name."""

    table: pd.DataFrame  # kode, tingkat, uraian, key
    fallback: Nomenklatur | None = None
    """The national list (``nomenklatur_nasional.csv`` beside it), asked for the names
    the regional list does not match."""

    @classmethod
    def load(cls, path: Path, *, national: bool = True) -> Nomenklatur:
        fallback = None
        if national and (path.parent / NATIONAL_NOMENKLATUR).exists():
            fallback = cls.load(path.parent / NATIONAL_NOMENKLATUR, national=False)
        if not path.exists():
            return cls(pd.DataFrame(columns=["kode", "tingkat", "uraian", "key"]), fallback)
        ref = pd.read_csv(path, sep=";", dtype="str", keep_default_na=False, encoding="utf-8-sig")
        ref["key"] = uraian_key(ref["uraian"])
        return cls(ref.dropna(subset=["key"]).reset_index(drop=True), fallback)

    def match(self, keys: pd.Series, tingkat: pd.Series) -> pd.DataFrame:
        """``kode`` and ``tingkat`` for each name key (exact, then close token match).

        A close match must share most words, weighted so that a differing distinctive
        word (``RKA`` vs ``DPA``) outweighs shared common ones, must agree with a known
        tingkat, and must be clearly better than the runner-up; otherwise no match.
        """
        out = self._match(keys, tingkat)
        if self.fallback is not None:
            rest = out["kode"].isna() & keys.notna()
            if rest.any():
                more = self.fallback.match(keys.where(rest), tingkat.where(rest))
                out.loc[rest, "kode"] = more.loc[rest, "kode"]
                out.loc[rest, "tingkat"] = more.loc[rest, "tingkat"]
        return out

    def _match(self, keys: pd.Series, tingkat: pd.Series) -> pd.DataFrame:
        out = pd.DataFrame(
            {
                "kode": pd.Series(pd.NA, index=keys.index, dtype="str"),
                "tingkat": pd.Series(pd.NA, index=keys.index, dtype="str"),
            }
        )
        if self.table.empty or keys.notna().sum() == 0:
            return out
        pairs = pd.DataFrame({"key": keys, "tingkat": tingkat}).dropna(subset=["key"])
        unique = pairs.drop_duplicates()
        found: dict[tuple[str, object], tuple[str, str]] = {}
        for key, level in zip(unique["key"], unique["tingkat"], strict=True):
            hit = self._lookup(key, None if pd.isna(level) else level)
            if hit is not None:
                found[(key, level)] = hit
        if not found:
            return out
        idx = pairs.index
        res = [found.get((k, t)) for k, t in zip(pairs["key"], pairs["tingkat"], strict=True)]
        out.loc[idx, "kode"] = [r[0] if r else pd.NA for r in res]
        out.loc[idx, "tingkat"] = [r[1] if r else pd.NA for r in res]
        return out

    def _lookup(self, key: str, level: str | None) -> tuple[str, str] | None:
        memo = self.__dict__.setdefault("_memo", {})
        if (key, level) not in memo:
            memo[(key, level)] = self._find(key, level)
        return memo[(key, level)]

    def _rows(self, level: str | None) -> list[tuple[int, str, list[str], str, str]]:
        """(index, key, key's words, kode, tingkat) of the reference rows of ``level``
        (every row for ``None``), built once per level: a lookup is a loop over lists."""
        cache = self.__dict__.setdefault("_by_level", {})
        if level not in cache:
            table = self.table if level is None else self.table[self.table["tingkat"] == level]
            cache[level] = list(
                zip(
                    table.index.tolist(),
                    table["key"].tolist(),
                    [k.split() for k in table["key"].tolist()],
                    table["kode"].tolist(),
                    table["tingkat"].tolist(),
                    strict=True,
                )
            )
        return cache[level]

    def _find(self, key: str, level: str | None) -> tuple[str, str] | None:
        rows = self._rows(level)
        exact = [r for r in rows if r[1] == key]
        if exact:
            codes = {r[3] for r in exact}
            if len(codes) == 1:
                return exact[0][3], exact[0][4]
            return None
        words = key.split()
        scores = [(_similarity_of(words, r[2]), n) for n, r in enumerate(rows)]
        if not scores:
            return None
        # best first; among equal scores the later reference row, as sorting (score, index)
        scores.sort(key=lambda sn: (sn[0], rows[sn[1]][0]), reverse=True)
        best, n = scores[0]
        best_code = rows[n][3]
        runner = next((sc for sc, m in scores[1:] if rows[m][3] != best_code), 0.0)
        if best >= 0.8 and best - runner >= 0.08:
            return best_code, rows[n][4]
        if level is not None:
            # a shortened name (Wotu: "PROGRAM PEMBERDAYAAN MASYARAKAT") whose distinctive
            # words all sit in exactly one reference name of the same tingkat
            distinct = [t for t in words if t not in _COMMON]
            if len(distinct) >= 2:
                inside = [r for r in rows if all(w in r[2] for w in distinct)]
                if len({r[3] for r in inside}) == 1:
                    return inside[0][3], inside[0][4]
        return None


_COMMON = {"dan", "di", "yang", "pada", "atau", "dengan", "daerah", "perangkat", "kantor", "skpd"}


@functools.lru_cache(maxsize=65536)
def _token_match(a: str, b: str) -> bool:
    """Same word, or the same long word with a typo (``pemerintah``/``pemerintahan``)."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or abs(len(a) - len(b)) > 0.5 * max(len(a), len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _similarity(a: str, b: str) -> float:
    """Weighted token overlap of two name keys (typos within a word tolerated)."""
    return _similarity_of(a.split(), b.split())


def _similarity_of(ta: list[str], tb: list[str]) -> float:
    """:func:`_similarity` of two keys' words."""
    if not ta or not tb:
        return 0.0

    def weight(t: str) -> float:
        return 0.3 if t in _COMMON else 1.0

    used: set[int] = set()
    shared = 0.0
    for t in ta:
        for j, u in enumerate(tb):
            if j not in used and _token_match(t, u):
                used.add(j)
                shared += weight(t)
                break
    total = sum(weight(t) for t in ta) + sum(weight(u) for u in tb)
    return 2 * shared / total if total else 0.0


# --- one kode, one name ------------------------------------------------------------------

KODE_NAME_AGREEMENT = 0.8
"""Name similarity (:func:`_similarity`) above which two names of one kode are one name
written two ways (``Penyediaan Surat Menyurat`` / ``Penyediaan Jasa Surat Menyurat``)."""


def names_agree(a: str, b: str) -> bool:
    """Whether two name keys name the same thing: close, or one a shortening of the other."""
    if a == b or _similarity(a, b) >= KODE_NAME_AGREEMENT:
        return True
    wa = set(a.split()) - _COMMON
    wb = set(b.split()) - _COMMON
    return bool(wa and wb) and (wa <= wb or wb <= wa)


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
    r = rows.loc[use, cols].drop_duplicates([*group, "_block", "uraian"])
    r = r.sort_values(["_block", "_order"], kind="stable")
    r = r.assign(_key=uraian_key(r["uraian"])).dropna(subset=["_key"])
    r = r.drop_duplicates([*group, "_block", "_key"])
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
    # one report per different name (the in-sheet one when there is one)
    out = out.sort_values("satu_sheet", ascending=False, kind="stable")
    key = r.loc[out.index, "_key"]
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
