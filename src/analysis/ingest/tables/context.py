"""What reading one sheet's tables shares: the sheet, its recognised tables, what it gave.

:class:`SheetContext` is the sheet being read (grid, header, where the kecamatan and year
come from); :class:`TablePlan` one recognised table of it, read later with the tables of
other sheets (:mod:`analysis.ingest.tables.extraction`); :class:`Extracted` the sheet's
rows, errors, findings and notes. :func:`column_name` names a column in messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.errors import Finding, IngestError
from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.reference import KecamatanReference
from analysis.ingest.tables.header_block import Header


@dataclass
class TablePlan:
    """One table of one sheet, recognised: what :func:`extract_tables` reads."""

    ctx: SheetContext
    """The sheet's :class:`SheetContext` with this table's header
    (a sheet laid out by year has one plan per year, each with that year's header)."""
    layout: str
    columns: dict[str, int]
    """Column index per contract field."""
    block: int


@dataclass
class Extracted:
    """Rows of one sheet, by destination, in contract field names."""

    kinerja: list[pd.DataFrame] = field(default_factory=list)
    """1a/1b rows: kinerja and budget fields together (split later)."""
    anggaran: list[pd.DataFrame] = field(default_factory=list)
    iku: list[pd.DataFrame] = field(default_factory=list)
    bulanan: list[pd.DataFrame] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layout: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows that are not data, per kind (:mod:`analysis.ingest.tables.nondata`)."""
    tables: list[TablePlan] = field(default_factory=list)
    """Tables recognised and not yet read: :func:`analysis.ingest.tables.extraction.extract_tables`
    reads those of many sheets together."""
    side: str | None = None
    """Why the sheet is a cover or a chart's data (:mod:`.side_sheets`), its one error then
    dropped for a note when another sheet of the file is read."""


@dataclass
class SheetContext:
    grid: SheetGrid
    header: Header
    kec_ref: KecamatanReference
    out: Extracted
    file_year: int | None
    file_kecamatan: str | None
    code_parts: list[int] = field(default_factory=list)
    """Columns of the code when a code is printed over several (first is the Kode column)."""

    @property
    def kecamatan(self) -> str | None:
        """The kecamatan of rows that name none: the title's, else the file name's."""
        return self.header.context.get("kecamatan") or self.file_kecamatan

    @property
    def tahun(self) -> object:
        """The year of rows that name none: the title's, else the file name's."""
        return self.header.context.get("tahun") or self.file_year


def column_name(ctx: SheetContext, col: int) -> str:
    """The header as written, with its column letter for xlsx (``REALISASI [K]``)."""
    label = ctx.header.labels[col] if col < len(ctx.header.labels) else ""
    letter = ctx.grid.column_letter(col)
    if ctx.grid.file.lower().endswith((".xlsx", ".xlsm")):
        return f"{label} [{letter}]" if label else letter
    return label or f"kolom ke-{col + 1}"
