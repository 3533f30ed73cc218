"""Turn ``.csv`` and ``.xlsx`` files into plain grids of cells, one per sheet.

A grid is the sheet as a person sees it: every row (title rows, header rows, data and
blank rows) with its spreadsheet row number, cells as text or as the number Excel
stored. Layout recognition (:mod:`analysis.ingest.layouts`) works on grids only, so a form
typed in Excel and the same form exported to CSV are read by the same code.

CSV: UTF-8 with or without BOM, ``;``, ``,`` or tab separated (sniffed from the first
lines). A file that is not UTF-8 is read as Latin-1 (Windows-1252) with a warning in
``pemeriksaan`` rather than garbled. XLSX: every visible sheet; hidden and empty sheets
are skipped with a note; formulas are read through the value Excel last computed; a
formula with no stored value, or one that would fetch something (``HYPERLINK``,
``WEBSERVICE``), is an error rather than evaluated.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import Finding, IngestError

MAX_CELL_CHARS = 32_767
"""Excel's own cell limit; anything longer is not a spreadsheet cell anyone typed."""

UNSAFE_FORMULA = re.compile(
    r"^\s*=\s*(?:HYPERLINK|WEBSERVICE|IMPORT\w*|CALL|REGISTER|DDE)\b|\|", re.I
)


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
        col += 1
        letters = ""
        while col:
            col, rem = divmod(col - 1, 26)
            letters = chr(65 + rem) + letters
        return letters


@dataclass
class ReadResult:
    grids: list[SheetGrid] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_file(path: Path, display: str) -> ReadResult:
    """Read one raw file into grids; problems come back as errors, never raised."""
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        return ReadResult(errors=[IngestError("file kosong (0 byte)", file=display)])
    if suffix == ".csv":
        return read_csv(path, display)
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path, display)
    if suffix == ".docx":  # Word reports: every table (analysis.ingest.word)
        from analysis.ingest.word import read_docx

        return read_docx(path, display)
    return ReadResult(
        errors=[
            IngestError(f"jenis file {suffix!r} tidak dibaca (hanya .csv dan .xlsx)", file=display)
        ]
    )


# --- CSV ---------------------------------------------------------------------------------


def _decode(data: bytes, display: str, result: ReadResult) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = (
            data.decode("cp1252", errors="replace") if _cp1252_ok(data) else data.decode("latin-1")
        )
        line = data[: exc.start].count(b"\n") + 1
        result.findings.append(
            Finding(
                pesan=(
                    f"file bukan UTF-8 (byte tidak sah di baris {line}); dibaca sebagai "
                    "Latin-1/Windows-1252 - simpan ulang sebagai 'CSV UTF-8' agar huruf "
                    "terbaca pasti"
                ),
                jenis="encoding_latin1",
                sumber=f"{display}:{Path(display).stem}:{line}",
                tingkat_keparahan="rendah",
            )
        )
        return text


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def sniff_separator(lines: list[str]) -> str:
    """The separator that splits the first lines most consistently into several fields."""
    best, best_score = ";", -1.0
    sample = [ln for ln in lines if ln.strip()][:30]
    if not sample:
        return best
    for sep in (";", ",", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=sep)]
        except csv.Error:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        share = sum(c == widest for c in counts) / len(counts)
        score = widest * share + (0.5 if sep == ";" else 0)
        if score > best_score:
            best, best_score = sep, score
    return best


def read_csv(path: Path, display: str) -> ReadResult:
    result = ReadResult()
    data = path.read_bytes()
    text = _decode(data, display, result)
    if not text.strip():
        result.errors.append(IngestError("file kosong", file=display))
        return result
    head = text[:200_000].splitlines()[:60]
    sep = sniff_separator(head)
    widths = [len(r) for r in csv.reader(head, delimiter=sep)]
    width = max(widths, default=1)
    uniform = len(set(widths)) == 1 and b"\n\n" not in data and b"\n\r\n" not in data
    fast = _read_csv_arrow(data, sep, width) if uniform and len(data) > 1_000_000 else None
    if fast is not None:
        result.grids.append(
            SheetGrid(display, Path(display).stem, fast, np.arange(1, len(fast) + 1))
        )
        return result
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            names=range(width),
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        width = max((len(r) for r in rows), default=1)
        cells = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype="str")
        cells.columns = range(width)
    cells = cells.reset_index(drop=True)
    rows = np.arange(1, len(cells) + 1)
    result.grids.append(SheetGrid(display, Path(display).stem, cells, rows))
    return result


def _read_csv_arrow(data: bytes, sep: str, width: int) -> pd.DataFrame | None:
    """Multi-threaded Arrow reader for big machine-written CSVs (every row the same width).

    Returns ``None`` - and the pandas reader takes over - whenever the file is anything
    but plain: ragged rows, blank lines or decoding problems.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=b'"' in data),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    frame = table.to_pandas()
    frame.columns = range(width)
    for col in frame.columns:
        if frame[col].dtype != "str":
            frame[col] = frame[col].astype("str")
    return frame


# --- XLSX --------------------------------------------------------------------------------


def read_xlsx(path: Path, display: str) -> ReadResult:
    import openpyxl  # imported here: slow to import, not needed for CSV-only runs

    result = ReadResult()
    try:
        book = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        result.errors.append(
            IngestError(
                f"file .xlsx rusak atau bukan file Excel ({type(exc).__name__})", file=display
            )
        )
        return result
    cached = None
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            result.notes.append(f"{display}: sheet {sheet.title!r} tersembunyi, dilewati")
            continue
        if sheet.max_row <= 1 and sheet.max_column <= 1 and sheet.cell(1, 1).value is None:
            result.notes.append(f"{display}: sheet {sheet.title!r} kosong, dilewati")
            continue
        values: list[list[object]] = []
        formulas: list[tuple[int, int, str]] = []
        for r, row in enumerate(sheet.iter_rows(), start=0):
            out_row: list[object] = []
            for c, cell in enumerate(row):
                value = cell.value
                if cell.data_type == "f" or (
                    isinstance(value, str) and value.startswith("=") and cell.data_type == "f"
                ):
                    formulas.append((r, c, str(value)))
                    value = None
                elif isinstance(value, str):
                    if len(value) > MAX_CELL_CHARS:
                        value = value[: MAX_CELL_CHARS + 1]
                elif isinstance(value, bool):
                    value = "ya" if value else "tidak"
                elif isinstance(value, (int, float)):
                    if "%" in (cell.number_format or ""):
                        value = float(value) * 100.0
                elif isinstance(value, (datetime, date, time)):
                    value = value.isoformat()
                elif value is not None and not isinstance(value, (int, float, str)):
                    value = str(value)
                out_row.append(value)
            values.append(out_row)
        if formulas:
            if cached is None:
                try:
                    cached = openpyxl.load_workbook(path, data_only=True, read_only=True)
                except Exception:
                    cached = False
            for r, c, text in formulas:
                letter = _letter(c)
                if UNSAFE_FORMULA.search(text):
                    result.errors.append(
                        IngestError(
                            "rumus yang memanggil tautan/luar tidak dievaluasi; ketik nilainya",
                            file=display,
                            sheet=sheet.title,
                            row=r + 1,
                            column=letter,
                            value=text,
                        )
                    )
                    continue
                stored = None
                if cached:
                    stored = cached[sheet.title].cell(r + 1, c + 1).value
                if stored is None:
                    result.errors.append(
                        IngestError(
                            "rumus tanpa nilai tersimpan (file belum pernah dihitung di Excel); "
                            "buka dan simpan di Excel, atau ketik nilainya",
                            file=display,
                            sheet=sheet.title,
                            row=r + 1,
                            column=letter,
                            value=text,
                        )
                    )
                    continue
                cell = sheet.cell(r + 1, c + 1)
                if isinstance(stored, (int, float)) and "%" in (cell.number_format or ""):
                    stored = float(stored) * 100.0
                values[r][c] = stored
        width = max((len(r) for r in values), default=0)
        cells = pd.DataFrame([r + [None] * (width - len(r)) for r in values], dtype=object)
        if cells.empty or cells.isna().all().all():
            result.notes.append(f"{display}: sheet {sheet.title!r} kosong, dilewati")
            continue
        merged = [
            (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
            for m in sheet.merged_cells.ranges
        ]
        rows = np.arange(1, len(cells) + 1)
        result.grids.append(SheetGrid(display, sheet.title, cells, rows, merged))
    if cached:
        cached.close()
    if not result.grids and not result.errors:
        result.errors.append(
            IngestError("file .xlsx tidak berisi sheet yang terlihat dan berisi", file=display)
        )
    return result


def _letter(col: int) -> str:
    col += 1
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
