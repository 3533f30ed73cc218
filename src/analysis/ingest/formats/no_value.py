"""Figure cells whose text says "no value" (``n/a``, ``NA``, ``#N/A``, ``tidak ada``).

They are read as no value, as the contract says - never as a figure, never an error - but
not silently: each sheet gets one note counting them and naming where
(``file:sheet: 3 sel angka berisi kata 'tidak ada nilai' ('n/a', 'tidak ada') dibaca sebagai
tanpa nilai: baris 5 kolom 'Realisasi', ...``), and the ingest summary adds them up.
Empty cells and dashes are the ordinary "no value" of a form and are not counted.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.distinct import per_distinct_mask

WORDS = (
    r"n\s*/\s*a",
    r"n\.?\s*a\.?",
    r"#n/a",
    r"tidak\s+ada",
    r"tdk\.?\s+ada",
    r"belum\s+ada",
    r"tidak\s+tersedia",
    r"not\s+available",
    # not yet available / not released (an LKPJ's statistics released after the report)
    r"belum\s+(?:di\s*)?rilis",
    r"belum\s+ada\s+data",
    r"data\s+belum\s+(?:ada|tersedia)",
    r"belum\s+tersedia",
    r"tidak\s+ada\s+data",
    r"null",
    r"none",
)
"""Written forms of "no value" met in figure cells (data: add a form here)."""

GRADES = (
    # BPK audit opinions: a grade printed as a regency's target/realisasi, not a figure
    r"wtp",
    r"wdp",
    r"tmp",
    r"wajar\s+tanpa\s+pengecualian",
    r"wajar\s+dengan\s+pengecualian",
    r"tidak\s+menyatakan\s+pendapat",
    r"tidak\s+wajar",
    # SAKIP evaluation grades (PermenPANRB 88/2021): `A` as the target of "Nilai SAKIP"
    r"aa|a|bb|b|cc|c|d",
)
"""Grades printed in figure cells (``WTP`` as the target of "Opini BPK"): no figure to
compute with, so read as no value and named in the same note (data: add a grade here)."""

PATTERN = re.compile(r"^\s*(?:" + "|".join(WORDS + GRADES) + r")\s*$", re.IGNORECASE)

NOTE_WORDS = "sel angka berisi kata 'tidak ada nilai'"
"""The phrase every such note carries (the summary counts the notes by it)."""

SUMMARY = re.compile(r"(\d+) " + NOTE_WORDS)

SHOWN = 5
"""Places named in one note; the rest are counted."""


def is_no_value_word(raw: pd.Series) -> np.ndarray:
    """Cells of ``raw`` that are text saying "no value" (see :data:`WORDS`)."""
    # once per distinct text, and only on texts holding a letter (every form has one)
    return per_distinct_mask(raw, lambda text: text.str.fullmatch(PATTERN), might="[A-Za-z]")


def sheet_note(file: str, sheet: str, places: list[tuple[int, str, str]]) -> str:
    """One note for a sheet: how many cells, which words, and the first places."""
    words = sorted({v.strip() for _, _, v in places}, key=str.lower)
    shown = ", ".join(f"baris {r} kolom {c!r}" for r, c, _ in places[:SHOWN])
    more = f" dan {len(places) - SHOWN} lagi" if len(places) > SHOWN else ""
    quoted = ", ".join(repr(w) for w in words)
    return (
        f"{file}:{sheet}: {len(places)} {NOTE_WORDS} ({quoted}) dibaca sebagai tanpa nilai: "
        f"{shown}{more}"
    )


def total_in(notes: list[str]) -> int:
    """Cells counted by the notes of :func:`sheet_note` among ``notes``."""
    return sum(int(m.group(1)) for n in notes for m in [SUMMARY.search(n)] if m)
