"""Monthly tables without a ``bulan`` column: the month a table reports, from its title
(``... pada bulan Maret Tahun 2025``) or from month labels typed in its figure cells
(``Jan 33%``, seed 003's monthly Tabel 3.1).

Such a table (a section head's report for one month of a quarter) holds the quarter's
target and the realisasi up to that month; read as the quarter's kinerja, January's
``1 of 3`` would be the quarter's figure. It is read as a monthly table (layout 1e,
``bulanan``) with the one month it names - never when it names several months or none.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.fields import MONTH_PREFIX, MONTHS

_TITLE_MONTH = re.compile(
    r"(?i)\bbulan\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
)
_FIGURE = re.compile(r"^(target|realisasi|capaian|anggaran|pagu|serapan)")


def table_month(title_lines: list[str], body: pd.DataFrame, fields: list[str | None]) -> int | None:
    """The one month a table names in its title or in its figure cells, else ``None``."""
    months = {MONTHS[m.group(1).lower()] for t in title_lines for m in _TITLE_MONTH.finditer(t)}
    for c, f in enumerate(fields):
        if not f or not _FIGURE.match(f) or c >= body.shape[1]:
            continue
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip().str.lower()
        label = text.str.extract("(" + MONTH_PREFIX + r")\d", flags=re.I)[0]
        found = label.dropna().str.extract(r"^([a-z]+)")[0].map(MONTHS).dropna()
        months |= {int(m) for m in found}
    return months.pop() if len(months) == 1 else None


MONTHLY_FIELDS = {
    "target": "target",
    "realisasi": "realisasi",
    "capaian": "capaian",
    "anggaran": "anggaran",
    "pagu": "anggaran",
    "realisasi_anggaran": "realisasi_anggaran",
}
"""A monthly table's figure columns: the kind of each, its quarter dropped (the month's
quarter is the one the figures belong to)."""


def monthly_fields(fields: list[str | None]) -> list[str | None]:
    """Fields of a monthly table: ``TARGET TW I`` is the quarter's target, ``REALISASI``
    the realisasi up to the month; a field of another kind is left as it was."""
    out = []
    for f in fields:
        kind = re.sub(r"(?:_sd)?(?:_tw\d)?$", "", f or "")
        out.append(MONTHLY_FIELDS.get(kind, f) if f else f)
    return out
