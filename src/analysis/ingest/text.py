"""Text of cells as the reader compares it: cleaned text, code-like cells, name keys.

Whole-column helpers shared by the table readers and the row cleaning;
:func:`per_unique` runs a column function once per distinct value.
"""

from __future__ import annotations

import dataclasses
import functools
import re

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
Capaian Kinerja``) is not a total: see :mod:`analysis.ingest.tables.nondata`."""


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
