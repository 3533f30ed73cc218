"""Caption rows above a table: a section number and its title in two cells.

Reports cut into a sheet keep the section line over the table (``a.1 | Capaian Kinerja
Makro``, ``B. | Capaian Kinerja Makro Tahun 2020``, ``2.1. | Indikator Makro``). Such a row
is a title line - it may name the year - never a group row of the header below it
(:func:`analysis.ingest.tables.header_block.locate_header`): joined to the header, its
words would become part of every column's label.
"""

from __future__ import annotations

import re

SECTION_NUMBER = re.compile(r"(?i)^(?:[a-z]|[ivxl]+|\d{1,2})(?:[.)]\s*(?:[a-z]|\d{1,2}))*[.)]?$")
"""``a.1``, ``B.``, ``2.1.``, ``III.``, ``a)``, ``1)``: how sections and sub-sections are
numbered; a bare ``1`` is a row number, so a number alone needs its dot or bracket."""


def is_caption(texts: list[str]) -> bool:
    """Two filled cells: a section number, then a title with letters."""
    filled = [t.strip() for t in texts if t and t.strip()]
    if len(filled) != 2:
        return False
    number, title = filled
    if number.isdigit() or not SECTION_NUMBER.fullmatch(number):
        return False
    return bool(re.search(r"[^\W\d_]{3}", title))
