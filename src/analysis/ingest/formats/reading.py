"""Turn raw files into plain grids of cells, one per sheet.

A grid is the sheet as a person sees it: every row (title rows, header rows, data and
blank rows) with its spreadsheet row number, cells as text or as the number the
spreadsheet stored. Layout recognition (:mod:`analysis.ingest.tables.layouts`) works on grids
only, so a form typed in Excel and the same form exported to CSV are read by the same
code.

Which reader takes a file is decided by its suffix in :data:`READERS` (one line per file
type); a suffix not in it is named in the output, never skipped in silence.

CSV (:mod:`analysis.ingest.formats.csv_reading`): UTF-8 with or without BOM, UTF-16 (with BOM,
or without one when the NUL bytes give it away), otherwise Windows-1252 with a warning
in ``pemeriksaan``. A UTF-8 file with a stray bad byte stays UTF-8: the byte becomes
``\ufffd`` and a finding names its row and column. ``;``, ``,``, tab or ``|`` separated
(sniffed from the first lines).

Spreadsheets (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``) are read with python-calamine:
every sheet, merged ranges, the values a formula last computed. An ``.xls`` or ``.ods``
with percent-formatted cells is refused (calamine gives the stored fraction, not the
format, so ``97,46%`` would read as ``0.9746``). A hidden sheet holding
data is read with a note; hidden and visible empty sheets are skipped with a note. Two
things calamine does not expose - the formula text and the number format - make an
``.xlsx`` whose sheets hold formulas or percent-formatted cells go through openpyxl
(:func:`read_xlsx_openpyxl`): a formula with no stored value, or one that would fetch
something (``HYPERLINK``, ``WEBSERVICE``), is an error rather than evaluated, and a
percent cell reads as the percentage a person sees (``0.9746`` -> ``97.46``).

Every reader is bounded by :class:`Limits` (bytes, cells of a sheet's extent, columns),
checked before anything the size of the declared extent is allocated.
"""

from __future__ import annotations

import re
import struct
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import IngestError
from analysis.ingest.formats import links
from analysis.ingest.formats.grid import (
    DEFAULT_LIMITS,
    MAX_CELL_CHARS,
    Limits,
    Reader,
    ReadResult,
    SheetGrid,
    column_letter,
)
from analysis.ingest.formats.numformat import scales_by_100

UNSAFE_FORMULA = re.compile(
    r"^\s*=\s*(?:HYPERLINK|WEBSERVICE|IMPORT\w*|CALL|REGISTER|DDE)\b|\|", re.I
)


def read_file(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one raw file into grids; problems come back as errors, never raised."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        return ReadResult(errors=[IngestError(unknown_type_reason(suffix), file=display)])
    size = path.stat().st_size
    if size == 0:
        return ReadResult(errors=[IngestError("file kosong (0 byte)", file=display)])
    if size > limits.max_bytes:
        return ReadResult(
            errors=[
                IngestError(
                    f"file {size:,} byte melebihi batas {limits.max_bytes:,} byte "
                    "(batas_byte_file di pengaturan)",
                    file=display,
                )
            ]
        )
    from analysis.ingest.formats import guards  # bounds on what the file declares, isolation

    return guards.read_bounded(reader, path, display, limits)


def unknown_type_reason(suffix: str) -> str:
    """What to do with a file type no reader takes."""
    known = ", ".join(sorted(READERS))
    return (
        f"jenis file {suffix or '(tanpa akhiran)'!r} tidak dibaca (yang dibaca: {known}); "
        "simpan tabelnya sebagai .xlsx, .csv atau .docx"
    )


# --- spreadsheets (python-calamine) ------------------------------------------------------

_CELL_REF = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_PERCENT_BUILTIN = {9, 10}


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


class _TooBig(Exception):
    def __init__(self, error: IngestError) -> None:
        super().__init__(error.reason)
        self.error = error


def _inspect_xlsx(path: Path, display: str, limits: Limits) -> tuple[bool, bool]:
    """Check an .xlsx's parts against ``limits`` before any reader allocates its extent.

    Returns (has formulas, uses percent formats). Raises :class:`_TooBig` with the error
    when a part, a sheet's extent or its width is past the limits.
    """
    formulas = percent = False
    total = 0
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        for info in infos:
            if info.file_size > limits.max_bytes:
                raise _TooBig(
                    IngestError(
                        f"bagian {info.filename!r} berukuran {info.file_size:,} byte setelah "
                        f"dibuka, melebihi batas {limits.max_bytes:,} byte",
                        file=display,
                    )
                )
        percent_styles = _percent_styles(zf)
        for info in infos:
            name = info.filename
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            xml = zf.read(info)
            max_row = max_col = 0
            refs = _CELL_REF.findall(xml)
            if refs:
                letters, numbers = zip(*refs, strict=True)
                max_row = max(map(int, numbers))
                max_col = max(_col_number(c) for c in set(letters))
            if max_col > limits.max_columns or max_row * max_col > limits.max_cells:
                last = f"{column_letter(max_col - 1)}{max_row}"
                raise _TooBig(
                    IngestError(
                        f"sheet ({name.rsplit('/', 1)[-1]}) menyatakan sel sampai {last}: "
                        f"{max_row:,} baris x {max_col:,} kolom melebihi batas "
                        f"{limits.max_cells:,} sel / {limits.max_columns:,} kolom; hapus "
                        "sel kosong di luar tabel (Ctrl+End menunjukkannya) lalu simpan ulang",
                        file=display,
                    )
                )
            total += max_row * max_col
            if total > limits.max_file_cells:
                raise _TooBig(
                    IngestError(
                        f"sheet-sheet file ini bersama menyatakan {total:,} sel, melebihi batas "
                        f"{limits.max_file_cells:,} sel per file (batas_sel_file di pengaturan)",
                        file=display,
                    )
                )
            if b"<f>" in xml or b"<f " in xml or b"<hyperlink " in xml:
                formulas = True  # hyperlinks too: openpyxl keeps their targets
            if percent_styles and not percent:
                percent = any(f' s="{i}"'.encode() in xml for i in percent_styles)
    return formulas, percent


def _percent_styles(zf: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell formats (``cellXfs``) that show a number as a percentage."""
    try:
        styles = zf.read("xl/styles.xml").decode("utf-8", errors="replace")
    except KeyError:
        return set()
    custom = {
        int(m.group(1))
        for m in re.finditer(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)
        if scales_by_100(m.group(2).replace("&quot;", '"'))
    }
    percent_ids = _PERCENT_BUILTIN | custom
    xfs = re.search(r"<cellXfs\b[^>]*>(.*?)</cellXfs>", styles, re.S)
    if not xfs:
        return set()
    out = set()
    for i, m in enumerate(re.finditer(r"<xf\b[^>]*?(?:/>|>)", xfs.group(1))):
        fmt = re.search(r'numFmtId="(\d+)"', m.group(0))
        if fmt and int(fmt.group(1)) in percent_ids:
            out.add(i)
    return out


def read_spreadsheet(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """An ``.xlsx``/``.xlsm``/``.xls``/``.ods`` workbook, every sheet, via python-calamine."""
    suffix = path.suffix.lower()
    kind = suffix.lstrip(".")
    if suffix in {".xlsx", ".xlsm"}:
        try:
            formulas, percent = _inspect_xlsx(path, display, limits)
        except _TooBig as exc:
            return ReadResult(errors=[exc.error])
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError) as exc:
            return ReadResult(errors=[_broken(kind, display, exc)])
        if formulas or percent:
            return read_xlsx_openpyxl(path, display, limits)
    uncached: list[IngestError] = []
    if suffix == ".ods":
        problem = _inspect_ods(path, display, limits)
        if problem is not None:
            return ReadResult(errors=[problem])
        from analysis.ingest.formats.ods_formulas import uncached_formulas

        with zipfile.ZipFile(path) as zf:  # its size checked by _inspect_ods
            uncached = uncached_formulas(zf.read("content.xml"), display)
    elif suffix == ".xls":
        data = path.read_bytes()
        if _xls_has_percent_cells(data):
            return ReadResult(
                errors=[IngestError(_PERCENT_REFUSED.format(kind="xls"), file=display)]
            )
        from analysis.ingest.formats.xls_formulas import uncached_formulas as uncached_xls

        uncached = uncached_xls(data, display)
    import python_calamine as pc  # imported here: not needed for CSV-only runs

    result = ReadResult()
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types and ValueError/OSError
        return ReadResult(errors=[_broken(kind, display, exc)])
    try:
        for index, meta in enumerate(book.sheets_metadata):
            hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            try:
                sheet = book.get_sheet_by_index(index)
            except Exception as exc:
                result.errors.append(
                    IngestError(
                        f"sheet tidak dapat dibaca ({type(exc).__name__})",
                        file=display,
                        sheet=meta.name,
                    )
                )
                continue
            grid = _calamine_grid(sheet, display, meta.name, hidden, limits, result)
            if grid is not None:
                result.grids.append(grid)
    finally:
        book.close()
    result.errors.extend(uncached)  # calamine read those cells as empty
    if not result.grids and not result.errors:
        result.errors.append(
            IngestError(f"file .{kind} tidak berisi sheet yang berisi data", file=display)
        )
    return result


def _broken(kind: str, display: str, exc: BaseException) -> IngestError:
    return IngestError(
        f"file .{kind} rusak atau bukan file {_FORMAT_NAMES.get(kind, kind)} "
        f"({type(exc).__name__})",
        file=display,
    )


_FORMAT_NAMES = {
    "xlsx": "Excel",
    "xlsm": "Excel",
    "xls": "Excel 97-2003",
    "ods": "OpenDocument Spreadsheet",
}


def _inspect_ods(path: Path, display: str, limits: Limits) -> IngestError | None:
    """Bound an .ods before calamine expands its repeated rows/columns; refuse percent cells."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("content.xml")
            if info.file_size > limits.max_bytes:
                return IngestError(
                    f"content.xml berukuran {info.file_size:,} byte setelah dibuka, melebihi "
                    f"batas {limits.max_bytes:,} byte",
                    file=display,
                )
            xml = zf.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        return _broken("ods", display, exc)
    # A repeat is expanded only when it carries a value (calamine trims empty tails): a
    # value repeated over more columns than the limit is the hostile case.
    repeated_values = re.findall(
        rb'number-columns-repeated="(\d+)"[^>]*office:value-type=|'
        rb'office:value-type=[^>]*number-columns-repeated="(\d+)"',
        xml,
    )
    widest = max((int(a or b) for a, b in repeated_values), default=0)
    if widest > limits.max_columns:
        return IngestError(
            f"sheet .ods menyatakan {widest:,} kolom berisi nilai berulang, melebihi batas "
            f"{limits.max_columns:,} kolom",
            file=display,
        )
    if b'office:value-type="percentage"' in xml:
        return IngestError(_PERCENT_REFUSED.format(kind="ods"), file=display)
    return None


_PERCENT_REFUSED = (
    "sel berformat persen di file .{kind} tidak dapat dibaca sebagai persen yang terlihat "
    "(0,9746 bukan 97,46); simpan file sebagai .xlsx, atau ketik angkanya tanpa format persen"
)


def _xls_has_percent_cells(data: bytes) -> bool:
    """Whether an ``.xls`` (BIFF8) defines a cell format showing numbers as percentages.

    calamine gives the stored fraction (``0.9746``) and not the format, so such a file
    would read a figure 100 times too small without a word. The check scans the bytes for
    the FORMAT (``0x041E``) and XF (``0x00E0``) records: a cell XF (not a style XF -
    every Excel file has the built-in "Percent" style) using format 9 (``0%``), 10
    (``0.00%``) or a custom format with ``%``.
    """
    percent = {9, 10}
    for m in re.finditer(rb"\x1e\x04", data):
        i = m.end()
        if i + 7 > len(data):
            continue
        length, ifmt, cch, high = struct.unpack_from("<HHHB", data, i)
        raw = data[i + 7 : i + 7 + (cch * 2 if high & 1 else cch)]
        text = raw.decode("utf-16-le" if high & 1 else "latin-1", errors="replace")
        if length == 5 + len(raw) and scales_by_100(text):
            percent.add(ifmt)
    for m in re.finditer(rb"\xe0\x00\x14\x00", data):
        i = m.end()
        if i + 6 > len(data):
            continue
        _font, ifmt, flags = struct.unpack_from("<HHH", data, i)
        if not flags & 0x4 and ifmt in percent:
            return True
    return False


def _calamine_grid(
    sheet: object,
    display: str,
    name: str,
    hidden: bool,
    limits: Limits,
    result: ReadResult,
) -> SheetGrid | None:
    start = sheet.start  # type: ignore[attr-defined]
    if start is None:
        what = "tersembunyi dan kosong" if hidden else "kosong"
        result.notes.append(f"{display}: sheet {name!r} {what}, dilewati")
        return None
    end = sheet.end  # type: ignore[attr-defined]
    n_rows, n_cols = end[0] + 1, end[1] + 1
    if n_cols > limits.max_columns or n_rows * n_cols > limits.max_cells:
        result.errors.append(
            IngestError(
                f"sheet berisi sel sampai {column_letter(end[1])}{end[0] + 1}: {n_rows:,} "
                f"baris x {n_cols:,} kolom melebihi batas {limits.max_cells:,} sel / "
                f"{limits.max_columns:,} kolom",
                file=display,
                sheet=name,
            )
        )
        return None
    values = sheet.to_python(skip_empty_area=False)  # type: ignore[attr-defined]
    cells = _cells_frame(values, n_cols)
    if _all_blank(cells):
        what = "tersembunyi dan kosong" if hidden else "kosong"
        result.notes.append(f"{display}: sheet {name!r} {what}, dilewati")
        return None
    if hidden:
        result.notes.append(
            f"{display}: sheet {name!r} tersembunyi tetapi berisi data, dibaca "
            "(tampilkan sheet itu, atau hapus bila tidak dipakai)"
        )
    merged = [
        (r0, c0, r1, c1)
        for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])  # type: ignore[attr-defined]
    ]
    return SheetGrid(display, name, cells, np.arange(1, n_rows + 1), merged)


def _cells_frame(values: list[list[object]], n_cols: int) -> pd.DataFrame:
    """calamine's rows (from A1, ``skip_empty_area=False``) as a grid: text, numbers, None."""
    frame = pd.DataFrame([[_cell_value(v) for v in row] for row in values], dtype=object)
    if frame.shape[1] < n_cols:
        frame = frame.reindex(columns=range(n_cols))
    frame.columns = range(frame.shape[1])
    return frame


def _cell_value(value: object) -> object:
    if value == "" or value is None:
        return None
    if isinstance(value, str):
        # past Excel's own limit: kept one character over it, so the layout names the cell
        return value if len(value) <= MAX_CELL_CHARS else value[: MAX_CELL_CHARS + 1]
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        # openpyxl gives whole numbers as int; keep the grid the same whichever reader ran
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, int):
        return value
    if type(value) is date:  # openpyxl gives every date cell as a datetime
        return datetime(value.year, value.month, value.day).isoformat()
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _all_blank(cells: pd.DataFrame) -> bool:
    """No cell holds anything but whitespace (stops at the first that does)."""
    values = cells.to_numpy().ravel()
    return not any(not isinstance(v, str) or v.strip() for v in values[pd.notna(values)].tolist())


# --- .xlsx through openpyxl (formulas, percent formats) ----------------------------------


def read_xlsx_openpyxl(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """An ``.xlsx`` read cell by cell with its formulas and number formats (slower)."""
    import openpyxl  # imported here: slow to import, needed only for these files

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
        hidden = sheet.sheet_state != "visible"
        if sheet.max_row <= 1 and sheet.max_column <= 1 and sheet.cell(1, 1).value is None:
            what = "tersembunyi dan kosong" if hidden else "kosong"
            result.notes.append(f"{display}: sheet {sheet.title!r} {what}, dilewati")
            continue
        if (
            sheet.max_column > limits.max_columns
            or sheet.max_row * sheet.max_column > limits.max_cells
        ):
            result.errors.append(
                IngestError(
                    f"sheet berisi sel sampai {column_letter(sheet.max_column - 1)}"
                    f"{sheet.max_row}: melebihi batas {limits.max_cells:,} sel / "
                    f"{limits.max_columns:,} kolom",
                    file=display,
                    sheet=sheet.title,
                )
            )
            continue
        values: list[list[object]] = []
        formulas: list[tuple[int, int, str]] = []
        for r, row in enumerate(sheet.iter_rows(), start=0):
            out_row: list[object] = []
            for c, cell in enumerate(row):
                value = cell.value
                if cell.data_type == "f":
                    formulas.append((r, c, str(value)))
                    value = None
                elif isinstance(value, str):
                    if len(value) > MAX_CELL_CHARS:
                        value = value[: MAX_CELL_CHARS + 1]
                    if cell.hyperlink is not None:
                        value = links.with_target(value, cell.hyperlink)
                elif isinstance(value, bool):
                    value = "ya" if value else "tidak"
                elif isinstance(value, (int, float)):
                    if scales_by_100(cell.number_format, value):
                        value = float(value) * 100.0
                elif isinstance(value, (datetime, date, time)):
                    value = value.isoformat()
                elif value is not None:
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
                letter = column_letter(c)
                if links.is_hyperlink_formula(text):
                    # a link, not a computation: its text, read as CSV reads it (in a note
                    # column ``label <url>``, elsewhere an error naming it)
                    values[r][c] = text
                    continue
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
                if isinstance(stored, bool):
                    stored = "ya" if stored else "tidak"
                elif isinstance(stored, (int, float)) and scales_by_100(cell.number_format, stored):
                    stored = float(stored) * 100.0
                elif isinstance(stored, (datetime, date, time)):
                    stored = stored.isoformat()
                values[r][c] = stored
        width = max((len(r) for r in values), default=0)
        cells = pd.DataFrame([r + [None] * (width - len(r)) for r in values], dtype=object)
        if cells.empty or cells.isna().all().all():
            what = "tersembunyi dan kosong" if hidden else "kosong"
            result.notes.append(f"{display}: sheet {sheet.title!r} {what}, dilewati")
            continue
        if hidden:
            result.notes.append(
                f"{display}: sheet {sheet.title!r} tersembunyi tetapi berisi data, dibaca "
                "(tampilkan sheet itu, atau hapus bila tidak dipakai)"
            )
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
            IngestError("file .xlsx tidak berisi sheet yang berisi data", file=display)
        )
    return result


# kept for callers of the old name
read_xlsx = read_spreadsheet


def _read_csv(path: Path, display: str, limits: Limits) -> ReadResult:
    from analysis.ingest.formats.csv_reading import read_csv

    return read_csv(path, display, limits)


def _read_docx(path: Path, display: str, limits: Limits) -> ReadResult:
    from analysis.ingest.formats.word import read_docx  # Word reports: every table

    return read_docx(path, display)


def _read_pdf(path: Path, display: str, limits: Limits) -> ReadResult:
    from analysis.ingest.formats.pdf import read_pdf  # PDF reports: every ruled table

    return read_pdf(path, display, limits)


READERS: dict[str, Reader] = {
    ".csv": _read_csv,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".xlsx": read_spreadsheet,
    ".xlsm": read_spreadsheet,
    ".xls": read_spreadsheet,
    ".ods": read_spreadsheet,
}
"""File suffix -> reader. A new file type plugs in with one line here (e.g. ``.docx``)."""
