"""Money printed with a magnitude word: ``2,67 M``, ``750 juta``, ``Rp 1,2 Miliar``.

The cell parser reads ``2,67 M`` as the number 2.67 with the unit ``M``. In a money column
(pagu, anggaran kas, realisasi anggaran, a plan's per-indicator Rp) the unit is the
magnitude of the rupiah, not what is counted: the cell is read in full rupiah
(2.670.000.000), and a note per sheet names every such cell. Left as 2.67 the pagu would be
wrong by nine orders of magnitude without a word.

The words are data: ``MAGNITUDES``; the money fields: ``MONEY_FIELD``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

MAGNITUDES: dict[str, float] = {
    "rb": 1e3,
    "ribu": 1e3,
    "jt": 1e6,
    "juta": 1e6,
    "m": 1e9,
    "miliar": 1e9,
    "milyar": 1e9,
    "t": 1e12,
    "triliun": 1e12,
}
"""A money cell's unit (lower case, without a final dot) -> rupiah per printed unit."""

MONEY_FIELD = re.compile(r"^(?:pagu|pagu_indikator|anggaran|realisasi_anggaran)(?:_sd)?(?:_tw\d)?$")
"""Fields that hold rupiah (not serapan, a percentage)."""


def is_money(field: str) -> bool:
    return bool(MONEY_FIELD.match(field))


TWO_WAYS = re.compile(r"\D*\d{1,3}[.,]\d{3}\s*\D*")
"""One separator followed by three digits (``6,225 M``): 6,225 or 6.225 miliar - with a
magnitude word the two readings are both money an office prints, so the cell is refused."""

AMBIGUOUS = (
    "angka uang dengan besaran ('M', 'juta') dan satu pemisah diikuti tiga angka terbaca "
    "dua cara (6,225 M: enam koma dua miliar atau enam ribu miliar); tulis rupiah penuh"
)


def in_rupiah(part: pd.DataFrame, raw: pd.Series) -> tuple[pd.DataFrame, np.ndarray]:
    """``part`` (``value``, ``unit``, ``error`` of :func:`cells.parse_numbers` for the cells
    ``raw``) with each value whose unit is a magnitude word multiplied out (to the sen)
    and its unit cleared, and the mask of those cells. A cell whose separator reads two
    ways (``TWO_WAYS``) gets no value and the error ``AMBIGUOUS`` instead."""
    has_unit = part["unit"].notna().to_numpy()
    if not has_unit.any():  # the usual money column: plain numbers, nothing to scale
        return part, has_unit
    unit = part["unit"].astype("object").where(part["unit"].notna(), "")
    key = unit.astype("str").str.strip().str.lower().str.rstrip(".")
    factor = key.map(MAGNITUDES).to_numpy(dtype=float)
    hit = ~np.isnan(factor) & part["value"].notna().to_numpy()
    if not hit.any():
        return part, hit
    text = pd.Series(raw.to_numpy(dtype=object)).astype("str").str.strip()
    two_ways = hit & text.str.fullmatch(TWO_WAYS.pattern).to_numpy(dtype=bool)
    hit &= ~two_ways
    part = part.copy()
    value = part["value"].to_numpy(dtype=float)
    value = np.where(hit, np.round(value * np.nan_to_num(factor, nan=1.0), 2), value)
    part["value"] = np.where(two_ways, np.nan, value)
    part["unit"] = part["unit"].where(~(hit | two_ways))
    part["error"] = part["error"].where(~two_ways, AMBIGUOUS)
    return part, hit


def sheet_note(file: str, sheet: str, places: list[tuple[int, str, str]]) -> str:
    """One note per sheet naming the cells read in full rupiah."""
    named = ", ".join(f"baris {row} kolom {label!r} {text!r}" for row, label, text in places)
    return (
        f"{file}:{sheet}: angka uang bertuliskan besaran ('M' = miliar, 'juta', 'rb', ...) "
        f"dibaca dalam rupiah penuh: {named}"
    )
