"""Reference lists the reader matches names against: the kecamatan of the configured
regency (names, aliases, names in titles and file names) and the program / kegiatan /
sub kegiatan nomenclature (regional and national), with the name similarity both use.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.ingest.text import per_unique, uraian_key

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
        return cls.from_frame(ref)

    @classmethod
    def from_frame(cls, ref: pd.DataFrame) -> KecamatanReference:
        """From ``kecamatan;slug;alias`` rows (see :func:`analysis.region.kecamatan_table`)."""
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

    def _sizes(self, level: str | None) -> list[tuple[float, int]]:
        """(weight, number) of the words of each of :meth:`_rows`' names."""
        cache = self.__dict__.setdefault("_sizes_by_level", {})
        if level not in cache:
            cache[level] = [
                (sum(_word_weight(t) for t in r[2]), len(r[2])) for r in self._rows(level)
            ]
        return cache[level]

    def _find(self, key: str, level: str | None) -> tuple[str, str] | None:
        rows = self._rows(level)
        exact = [r for r in rows if r[1] == key]
        if exact:
            codes = {r[3] for r in exact}
            if len(codes) == 1:
                return exact[0][3], exact[0][4]
            return None
        if not rows:
            return None
        words = key.split()
        # rows whose similarity cannot reach BOUND are not scored: they can be neither
        # the best (>= 0.8) nor a runner-up within 0.08 of it
        mine = sorted((_word_weight(t) for t in words), reverse=True)
        within = [sum(mine[:k]) for k in range(len(mine) + 1)]
        total = within[-1]
        scores = [
            (_similarity_of(words, r[2]), n)
            for n, (r, (weight, size)) in enumerate(zip(rows, self._sizes(level), strict=True))
            if total + weight and 2 * within[min(len(mine), size)] / (total + weight) >= BOUND
        ]
        if scores:
            # best first; among equal scores the later reference row, as sorting
            # (score, index)
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

BOUND = 0.7
"""Similarity below which a reference name is not scored in a look-up (its bound from
the two names' word weights alone, :meth:`Nomenklatur._find`): under 0.8 - 0.08, the
least a runner-up that stops a match can score, with a margin for rounding."""


def _word_weight(t: str) -> float:
    """A word's weight in :func:`_similarity`: a common word counts less."""
    return 0.3 if t in _COMMON else 1.0


@functools.lru_cache(maxsize=65536)
def _token_match(a: str, b: str) -> bool:
    """Same word, or the same long word with a typo (``pemerintah``/``pemerintahan``)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la < 5 or lb < 5 or abs(la - lb) > 0.5 * max(la, lb):
        return False
    # difflib's upper bounds of the ratio first (real_quick_ratio, quick_ratio: the same
    # figures it computes), without building a matcher for each pair: most pairs stop here
    if 2.0 * min(la, lb) / (la + lb) < 0.8:
        return False
    shared = 0  # letters the two words share, with repeats: quick_ratio's matches
    theirs = _letters(b)
    for letter, n in _letters(a).items():
        m = theirs.get(letter)
        if m:
            shared += n if n < m else m
    if 2.0 * shared / (la + lb) < 0.8:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


@functools.lru_cache(maxsize=65536)
def _letters(word: str) -> dict[str, int]:
    """The letters of a word with their counts (for :func:`_token_match`'s bound)."""
    return dict(Counter(word))


def _similarity(a: str, b: str) -> float:
    """Weighted token overlap of two name keys (typos within a word tolerated)."""
    return _similarity_of(a.split(), b.split())


def _similarity_of(ta: list[str], tb: list[str]) -> float:
    """:func:`_similarity` of two keys' words."""
    if not ta or not tb:
        return 0.0

    weight = _word_weight
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
