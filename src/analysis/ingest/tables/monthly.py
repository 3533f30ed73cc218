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

import numpy as np
import pandas as pd

from analysis.distinct import factorized
from analysis.ingest.fields import MONTH_PREFIX, MONTHS

_TITLE_MONTH = re.compile(
    r"(?i)\bbulan\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_AND_QUARTER = re.compile(
    r"(?i)^\s*(\d+)\s*[a-z]*\s+(?:di\s+|pada\s+)?bulan\s+(" + _MONTH_NAMES + r")\s*[,;]\s*"
    r"(\d+)\s*[a-z]*\s+(?:untuk|pada|s\.?\s*d\.?)\s+(?:tw|triwulan)\s*\.?\s*(iv|iii|ii|i|[1-4])\s*$"
)
"""``1 dokumen di bulan maret, 3 dokumen untuk TW I`` (seed 003 l.704): the month's own
figure, then the quarter's to date."""
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_UP_TO = re.compile(r"(?i)(?:s\s*[./]\s*d\.?|sampai\s+dengan|hingga|sampai|akhir)\s*$")
_FIGURE = re.compile(r"^(target|realisasi|capaian|anggaran|pagu|serapan)")


_FILE_MONTH = re.compile(
    r"(?i)(?:^|[^a-z])bulan[\s_.-]*(?:ke[\s_.-]*)?(0?[1-9]|1[0-2]|"
    + _MONTH_NAMES
    + r")(?![a-z0-9])"
)
"""``..._bulan01_...``, ``Laporan Bulan Januari``: a file name naming the month its
report covers (the word ``bulan`` is required: ``..._desember`` may be a TW IV file)."""


def file_month(stem: str) -> int | None:
    """The one month a file name names after ``bulan``; ``None`` for none or several."""
    found = {
        MONTHS.get(m.lower()) or int(m) for m in (x.group(1) for x in _FILE_MONTH.finditer(stem))
    }
    return found.pop() if len(found) == 1 else None


def _cell_months(col: pd.Series) -> tuple[set[int], object]:
    """The months the cells of one figure column name, and the first cell naming one (as
    typed): :func:`_columns_months` of that one column."""
    return _columns_months([col])


def _columns_months(cols: list[pd.Series]) -> tuple[set[int], object]:
    """The months the cells of a table's figure columns name, and the first cell naming
    one (as typed): in the first column (in ``cols``' order) that names a month, its first
    cell with a month label (``Jan 33%``), else its first month phrase.

    One pass over all the columns together (a bundled table has a few figure columns of
    a few dozen cells: the fixed cost of the text passes, not the cells, is what counts).
    Each distinct text is looked at once (a national export repeats the same figures
    over 640,000 rows), and only texts holding a letter: a month label or phrase has one.
    Distinct values come in order of first appearance, so the first that names a month
    is the first such cell."""
    if not cols:
        return set(), None
    arrow = all(_arrow_text(c) for c in cols)
    if arrow:
        combined = pd.concat(cols, ignore_index=True)
    else:
        combined = pd.Series(np.concatenate([c.to_numpy(dtype=object) for c in cols]), dtype=object)
    col_of = np.repeat(np.arange(len(cols)), [len(c) for c in cols])
    if arrow:
        letter = combined.str.contains("[A-Za-z]", regex=True).fillna(False).to_numpy(dtype=bool)
        if not letter.any():
            return set(), None
        combined, col_of = combined[letter], col_of[letter]
    codes, values = factorized(combined)
    text = values.astype("str").str.strip().str.lower()
    worded = text.str.contains("[a-z]", regex=True).fillna(False).to_numpy(dtype=bool)
    if not worded.any():
        return set(), None
    text = text[worded]
    label = text.str.extract("(" + MONTH_PREFIX + r")\d", flags=re.I)[0]
    found = label.dropna().str.extract(r"^([a-z]+)")[0].map(MONTHS).dropna()
    phrase = text.str.extract(MONTH_AND_QUARTER)[1].str.lower().map(MONTHS).dropna()
    months: set[int] = set()
    by_cell = []
    for found_month in (found, phrase):
        per_value = np.full(len(values) + 1, np.nan)  # the last slot: code -1
        per_value[found_month.index.to_numpy()] = found_month.to_numpy(dtype="float64")
        months |= {int(m) for m in found_month}
        by_cell.append(per_value[codes])
    if not months:
        return months, None
    named = ~np.isnan(by_cell[0]) | ~np.isnan(by_cell[1])
    first_col = col_of[named].min()
    for per_cell in by_cell:
        hit = np.flatnonzero((col_of == first_col) & ~np.isnan(per_cell))
        if len(hit):
            return months, values.iloc[codes[hit[0]]]
    return months, None  # unreachable: the first column names a month


def _arrow_text(col: pd.Series) -> bool:
    return isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow"


def table_month(
    title_lines: list[str], body: pd.DataFrame, fields: list[str | None], file_stem: str = ""
) -> tuple[int, str] | None:
    """The one month a table names in its title or in its figure cells, and where (the
    title line or the cell, as typed); ``None`` when it names none or several. A table
    whose title and cells name no month takes the one its file name names (seed 003's
    January budget table says only ``pada triwulan I tahun 2025``)."""
    months: set[int] = set()
    where = ""
    for t in title_lines:
        for m in _TITLE_MONTH.finditer(t):
            if _UP_TO.search(t[: m.start()]):
                continue  # "s.d. bulan Desember": a quarter's figures to date
            months.add(MONTHS[m.group(1).lower()])
            where = where or f"judul {m.group(0)!r}"
    figure_cols = [
        body.iloc[:, c]
        for c, f in enumerate(fields)
        if f and _FIGURE.match(f) and c < body.shape[1]
    ]
    found, cell = _columns_months(figure_cols)
    if found:
        months |= found
        where = where or f"sel {cell!r}"
    if not months and file_stem and any(f and _FIGURE.match(f) for f in fields):
        month = file_month(file_stem)
        if month is not None:
            return month, f"nama file {file_stem!r}"
    return (months.pop(), where) if len(months) == 1 else None


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


def to_date_in_phrase(raw: pd.Series) -> pd.Series:
    """``1 dokumen di bulan maret, 3 dokumen untuk TW I`` -> ``3`` where the month ends the
    quarter it names (the quarter's figure to date is the month's to date); any other such
    cell is left as typed (an error: which figure is meant is not guessed)."""
    text = raw.astype("str").where(raw.notna())
    parts = text.str.extract(MONTH_AND_QUARTER)
    if parts[0].isna().all():
        return raw
    month = parts[1].str.lower().map(MONTHS)
    q = parts[3].str.lower()
    quarter = q.map(_ROMAN).fillna(pd.to_numeric(q, errors="coerce"))
    ends = month.notna() & month.eq(quarter * 3)
    return raw.where(~ends, parts[2])
