"""Side sheets of a workbook: a cover or the data of a chart, beside the sheet with the table.

Offices often send the table as the second or third sheet, after a cover (``Sampul``:
title, office, year) or next to the few numbers a chart is drawn from (``Triwulan |
Persentase``). Such a sheet is no table of the contract, but refusing the whole file for it
loses every figure of the real table. A sheet is a *side sheet* when

* no header is recognised and it holds no figure at all (only words and years): a cover; or
* a header is recognised but no column of it names a row (no program, kegiatan, indikator
  or uraian column) and its layout is not one of the contract's: the numbers of a chart,
  which cannot belong to any indicator.

Only when another sheet of the same file is read as a table is a side sheet passed over, and
then with a note naming file and sheet (:func:`pass_over`); a file of side sheets only keeps
its error, as does every other unrecognised sheet.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.ingest.formats.grid import SheetGrid

NAME_FIELDS = frozenset({"uraian", "indikator", "kode", "sasaran", "program", "kegiatan"})
"""Fields whose column names the rows of a table: a sheet with one of them is never a side
sheet (an unknown layout of real rows keeps its error)."""

YEAR = re.compile(r"\b(?:19|20|21)\d\d\b")
"""A year in a cover's words (``Tahun 2020``, ``2019-2023``) is not a figure."""

COVER = "sampul: tidak ada angka selain tahun"
CHART = "tidak ada kolom nama program/kegiatan/indikator (data grafik)"


def _has_figure(cells: pd.DataFrame) -> bool:
    values = cells.stack()  # drops missing cells
    if values.empty:
        return False
    numbers = pd.to_numeric(values, errors="coerce")
    is_number = values.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool))
    numeric = numbers[is_number.astype(bool)]
    if (~numeric.between(1900, 2199)).any():
        return True
    texts = values[~is_number.astype(bool)].astype(str).str.replace(YEAR, "", regex=True)
    return bool(texts.str.contains(r"\d", regex=True).any())


def reason(grid: SheetGrid, fields: list[str | None] | None) -> str | None:
    """Why ``grid`` is a side sheet (``fields``: its recognised header's fields, ``None``
    when no header was recognised), else ``None``."""
    if fields is None:
        return None if _has_figure(grid.cells) else COVER
    if not NAME_FIELDS & {f for f in fields if f}:
        return CHART
    return None


def pass_over(sheets: list) -> None:
    """Side sheets of one file passed over, with a note, when another sheet of the file is
    read as a table (``sheets``: the file's :class:`~.context.Extracted`, in order)."""
    if not any(x.tables or x.kinerja or x.anggaran or x.iku or x.bulanan for x in sheets):
        return
    for x in sheets:
        if x.side is None or len(x.errors) != 1:
            continue
        error = x.errors.pop()
        x.notes.append(f"{error.file}:{error.sheet}: sheet samping dilewati, {x.side}")
        x.side = None
