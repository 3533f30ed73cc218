"""Annual and plan documents: which tables report a whole year.

An annual report (LKjIP / LAKIP, Laporan Kinerja tahunan, Pengukuran Kinerja, Perjanjian
Kinerja) and a plan (Renja, Renstra) print ``Target | Realisasi | Capaian`` with no
quarter, since the year is the period. Such a table is recognised from the words of its
title rows or of its file name (``ANNUAL_WORDS``), never when a quarter is named there
(``LKj Triwulan IV``); its quarter-less realisasi, capaian and budget columns are then
the year's, up to TW IV. Without such a word the columns stay unread with a note, since
a quarter's figures read as the year's would be wrong without a word.
"""

from __future__ import annotations

import re

ANNUAL_WORDS = (
    r"lkjip",
    r"lakip",
    r"lkj\s*ip",
    r"laporan\s+kinerja\s+instansi",
    r"akuntabilitas\s+kinerja",
    r"pengukuran\s+kinerja",
    r"perjanjian\s+kinerja",
    r"kinerja\s+tahunan",
    r"laporan\s+tahunan",
    r"tahunan",
    r"renja",
    r"rencana\s+kerja",
    r"renstra",
    r"rencana\s+strategis",
    r"t\s*-?\s*c\s*\.?\s*(?:29|30)",
)
"""Words of a title or file name that name a document about a whole year."""

_ANNUAL = re.compile(r"(?i)(?<![a-z])(?:" + "|".join(ANNUAL_WORDS) + r")(?![a-z])")
_QUARTER = re.compile(r"(?i)(?<![a-z])(?:triwulan|trw|tw|q)\s*[._-]?\s*(?:iv|iii|ii|i|[1-4])\b")


def annual_words(text: str) -> str | None:
    """The annual-document word a text names (``LKjIP``), unless it names a quarter."""
    if not text or _QUARTER.search(text.replace("_", " ")):
        return None
    found = _ANNUAL.search(text.replace("_", " "))
    return found.group(0) if found else None


def annual_source(title_lines: list[str], file_stem: str) -> str | None:
    """What says a table reports a year: a title line or the file name, else ``None``.

    A quarter named in any title line or in the file name makes the table quarterly.
    """
    texts = [t for t in title_lines if t] + [file_stem]
    if any(_QUARTER.search(t.replace("_", " ")) for t in texts):
        return None
    for t in texts:
        word = annual_words(t)
        if word:
            return f"{'nama file' if t is file_stem else 'judul'} menyebut {word!r}"
    return None
