"""The cell grid every file format is read into, and the bounds of a read.

:class:`SheetGrid` is one sheet (or one table of a Word/PDF document) as a person sees it;
:class:`ReadResult` what reading one file gave; :class:`Limits` the bounds every reader
checks before it allocates anything the size of what a file declares.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import Finding, IngestError

MAX_CELL_CHARS = 32_767
"""Excel's own cell limit; anything longer is not a spreadsheet cell anyone typed."""


@dataclass(frozen=True)
class Limits:
    """Bounds on one raw file; past them the file is refused with a clear error."""

    max_bytes: int = 1_073_741_824
    """Bytes of the file, and of each unpacked part of an ``.xlsx``/``.ods``."""
    max_cells: int = 5_000_000
    """Cells of a sheet's extent (rows x columns as its cells declare them)."""
    max_columns: int = 1_000
    """Columns of a sheet or of one CSV row."""
    max_file_cells: int = 50_000_000
    """Cells all sheets/tables of one file declare together."""
    max_run_cells: int = 200_000_000
    """Cells one ingest run reads; files past it are refused
    (:mod:`analysis.ingest.formats.guards`)."""
    max_unpacked: int = 1_073_741_824
    """Bytes all parts of an ``.xlsx``/``.ods``/``.docx`` unpack to together."""
    max_zip_ratio: int = 200
    """Unpacked / packed size of one part over 1 MiB (a zip bomb packs far tighter)."""
    max_pdf_pages: int = 2_000
    """Pages of a PDF report."""

    @classmethod
    def from_settings(cls, settings: object | None) -> Limits:
        if settings is None:
            return cls()
        return cls(
            max_bytes=int(getattr(settings, "batas_byte_file", cls.max_bytes)),
            max_cells=int(getattr(settings, "batas_sel_sheet", cls.max_cells)),
            max_columns=int(getattr(settings, "batas_kolom", cls.max_columns)),
            max_file_cells=int(getattr(settings, "batas_sel_file", cls.max_file_cells)),
            max_run_cells=int(getattr(settings, "batas_sel_run", cls.max_run_cells)),
            max_unpacked=int(getattr(settings, "batas_byte_terbuka", cls.max_unpacked)),
            max_zip_ratio=int(getattr(settings, "batas_rasio_zip", cls.max_zip_ratio)),
            max_pdf_pages=int(getattr(settings, "batas_halaman_pdf", cls.max_pdf_pages)),
        )


DEFAULT_LIMITS = Limits()


@dataclass
class SheetGrid:
    """One sheet's cells as a person sees them."""

    file: str
    """File name as given to the user (relative to the raw folder)."""
    sheet: str
    """Sheet name; for a CSV file its stem."""
    cells: pd.DataFrame
    """Columns 0..n-1, one row per spreadsheet row; text, numbers or missing."""
    rows: np.ndarray
    """1-based spreadsheet row number of each grid row."""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges as (first row, first col, last row, last col), 0-based grid positions."""

    def column_letter(self, col: int) -> str:
        """Excel letter of a 0-based column (``0`` -> ``A``)."""
        return column_letter(col)


@dataclass
class ReadResult:
    grids: list[SheetGrid] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Reader = Callable[[Path, str, Limits], ReadResult]


def column_letter(col: int) -> str:
    """Excel letter of a 0-based column (``0`` -> ``A``, ``26`` -> ``AA``)."""
    col += 1
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
