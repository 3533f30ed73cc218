"""Metamorphic variants of the real development tables: the same cells, sent the way
another office would send them (another file format, another arrangement).

Each *unit* is one office folder of a development corpus (``tests/data/other_offices``,
``heldout``, ``heldout_b``, ``heldout_c``) with its ``printed.json``. A *variant* rewrites
every table file of the unit - every cell text verbatim - in another format or with another
arrangement around the same cells (title rows above, a column-number row under the head,
a page-break repeat of the head, a signature block below, ...), and the unit is ingested
in process and measured against the printed figures as ``tests/heldout_measure.py`` does:
right, wrong, missing, rows silently dropped, traceback. A refusal (ingest errors) counts
every figure as not read.

``PYTHONPATH=src:tests python tests/reader_variants.py [FAMILY ...]`` prints the matrix
(variant family x corpus, right/total) that ``tests/robustness/README.md`` records.
PDF variants are printed by LibreOffice once (``tests/robustness/build_pdf.py``) and
committed under ``tests/robustness/pdf/``; nothing is converted at test time.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import heldout_measure  # noqa: E402
from ingest_helpers import REFERENCE  # noqa: E402

CORPORA = {
    name: HERE / "data" / name for name in ("other_offices", "heldout", "heldout_b", "heldout_c")
}
PDF_ROOT = HERE / "robustness" / "pdf"
TABLE_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv", ".tsv", ".docx"}


# --------------------------------------------------------------------------- units


@dataclass
class Unit:
    corpus: str
    folder: Path
    spec: dict

    @property
    def name(self) -> str:
        return f"{self.corpus}/{self.folder.name}"

    @property
    def files(self) -> list[Path]:
        return sorted(
            f for f in self.folder.iterdir() if f.is_file() and f.suffix in TABLE_SUFFIXES
        )


def units(corpora: dict[str, Path] = CORPORA) -> list[Unit]:
    out = []
    for corpus, root in corpora.items():
        for folder in sorted(p for p in root.iterdir() if (p / "printed.json").is_file()):
            spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
            out.append(Unit(corpus, folder, spec))
    return out


# --------------------------------------------------------------------------- sheets


@dataclass
class Sheet:
    """One table as a person sees it: rows of cells (text, numbers or None) and merged
    ranges (first row, first col, last row, last col; 0-based)."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def read_sheets(path: Path) -> list[Sheet]:
    """The cells of every table of ``path`` as the package's grid reader gives them (text
    verbatim, numbers as numbers), trailing empty rows/columns dropped."""
    from analysis.ingest.formats.reading import read_file

    result = read_file(path, path.name)
    sheets = []
    for grid in result.grids:
        cells = grid.cells.astype(object).where(grid.cells.notna(), None)
        rows = [list(r) for r in cells.itertuples(index=False)]
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        width = max((i + 1 for r in rows for i, v in enumerate(r) if v is not None), default=0)
        rows = [r[:width] + [None] * (width - len(r[:width])) for r in rows]
        sheets.append(Sheet(str(grid.sheet)[:31], rows, list(grid.merged)))
    return sheets


def _filled(row: list[object]) -> int:
    return sum(v is not None and str(v).strip() != "" for v in row)


def figure_keys(spec: dict) -> set[str]:
    keys = set()
    for fig in spec["figures"]:
        for name in (fig.get("indikator"), fig.get("uraian")):
            if name:
                keys.add(heldout_measure._key(name))
    return keys - {""}


def data_start(sheet: Sheet, keys: set[str]) -> int:
    """First row naming a printed figure's indicator/uraian (else the first row after the
    first row with two or more cells)."""
    for i, row in enumerate(sheet.rows):
        if any(isinstance(v, str) and heldout_measure._key(v) in keys for v in row):
            return i
    for i, row in enumerate(sheet.rows):
        if _filled(row) >= 2:
            return min(i + 1, len(sheet.rows))
    return 0


def head_start(sheet: Sheet, start: int) -> int:
    """First row of the head block: going up from the data, rows with two or more cells
    (or inside a merged range of the head)."""
    i = start
    while i > 0 and (
        _filled(sheet.rows[i - 1]) >= 2
        or any(r0 < i - 1 <= r1 for r0, _, r1, _ in sheet.merged if r1 < start)
    ):
        i -= 1
    return i


# --------------------------------------------------------------------------- arrangements


def _insert_rows(sheet: Sheet, at: int, new: list[list[object]]) -> Sheet:
    width = sheet.width
    new = [(r + [None] * width)[:width] if len(r) < width else r for r in new]
    n = len(new)
    merged = [
        (r0 + n if r0 >= at else r0, c0, r1 + n if r1 >= at else r1, c1)
        for r0, c0, r1, c1 in sheet.merged
    ]
    return Sheet(sheet.name, sheet.rows[:at] + new + sheet.rows[at:], merged)


def _insert_col(sheet: Sheet, at: int, values: list[object]) -> Sheet:
    rows = [[*r[:at], v, *r[at:]] for r, v in zip(sheet.rows, values, strict=True)]
    merged = [(r0, c0 + (c0 >= at), r1, c1 + (c1 >= at)) for r0, c0, r1, c1 in sheet.merged]
    return Sheet(sheet.name, rows, merged)


def kop_rows(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Letterhead and title rows above the table, then a blank row."""
    kop = [
        ["PEMERINTAH " + spec["kabupaten"].upper()],
        ["LAPORAN HASIL PENGUKURAN KINERJA"],
        ["Keadaan s/d 31 Desember"],  # no year: one the table's title might contradict
        [],
    ]
    return _insert_rows(sheet, 0, kop)


def column_numbers(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """A row 1 2 3 ... under the head."""
    at = data_start(sheet, keys)
    return _insert_rows(sheet, at, [list(range(1, sheet.width + 1))])


def no_column(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """A 'No' column first: the head's first row says No, data rows are numbered."""
    start = data_start(sheet, keys)
    head = head_start(sheet, start)
    if any(str(r[0]).strip().lower().rstrip(".") in {"no", "nomor"} for r in sheet.rows[:start]):
        return sheet  # it has one already
    values: list[object] = [None] * len(sheet.rows)
    values[head] = "No"
    n = 0
    for i in range(start, len(sheet.rows)):
        if _filled(sheet.rows[i]) >= 2:
            n += 1
            values[i] = n
    out = _insert_col(sheet, 0, values)
    if start - head > 1:
        out.merged.append((head, 0, start - 1, 0))
    return out


def spacers(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """An empty column after the first and empty rows under the head and mid-table."""
    start = data_start(sheet, keys)
    middle = start + (len(sheet.rows) - start) // 2
    out = _insert_col(sheet, 1, [None] * len(sheet.rows))
    out = _insert_rows(out, middle, [[]])
    return _insert_rows(out, start, [[]])


def head_repeated(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """The head printed again mid-table, as a page break leaves it."""
    start = data_start(sheet, keys)
    head = head_start(sheet, start)
    middle = start + max(1, (len(sheet.rows) - start) // 2)
    if middle >= len(sheet.rows) or head == start:
        return sheet
    copy = [list(r) for r in sheet.rows[head:start]]
    out = _insert_rows(sheet, middle, copy)
    shift = middle - head
    out.merged += [
        (r0 + shift, c0, r1 + shift, c1)
        for r0, c0, r1, c1 in sheet.merged
        if head <= r0 and r1 < start
    ]
    return out


def signature(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Notes and a signature block under the table."""
    col = max(sheet.width - 2, 0)

    def at(text: str) -> list[object]:
        return [None] * col + [text]

    block = [
        [],
        ["Keterangan: data bersumber dari laporan bidang"],
        [],
        at("Mengetahui,"),
        at("Camat,"),
        [],
        [],
        at("Drs. H. AHMAD SURYADI, M.Si"),
        at("Pembina Tk. I (IV/b)"),
        at("NIP. 19700101 199003 1 005"),
    ]
    return _insert_rows(sheet, len(sheet.rows), block)


def _numeric(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def total_row(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """A JUMLAH row at the end summing the money columns (every value >= 1000)."""
    start = data_start(sheet, keys)
    data = [r for r in sheet.rows[start:] if _filled(r) >= 2]
    row: list[object] = [None] * sheet.width
    label = next((c for c in range(sheet.width) if any(isinstance(r[c], str) for r in data)), 0)
    row[label] = "JUMLAH"
    money = False
    for c in range(sheet.width):
        values = [_as_number(r[c]) for r in data if r[c] is not None]
        years = all(v is not None and 1900 <= v <= 2100 for v in values)
        if values and not years and all(v is not None and v >= 1000 for v in values):
            row[c] = sum(values)
            money = True
    if not money:  # a total row only under money columns, as offices print it
        return sheet
    return _insert_rows(sheet, len(sheet.rows), [row])


def _as_number(v: object) -> float | None:
    if _numeric(v):
        return v
    text = str(v).strip()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d+", text):
        return heldout_measure.printed_number(text)
    return None


def unmerged_blank(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Merged group heads unmerged, the text left in the first cell (as CSV keeps it)."""
    return Sheet(sheet.name, [list(r) for r in sheet.rows], [])


def unmerged_filled(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Merged group heads unmerged, the text repeated in every cell of the range (merges
    among the data rows kept)."""
    start = data_start(sheet, keys)
    rows = [list(r) for r in sheet.rows]
    kept = []
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= start:
            kept.append((r0, c0, r1, c1))
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                rows[r][c] = sheet.rows[r0][c0]
    return Sheet(sheet.name, rows, kept)


def _column_kind(sheet: Sheet, col: int, start: int) -> str:
    head = " ".join(str(r[col]) for r in sheet.rows[:start] if r[col] is not None).lower()
    if "%" in head or "capaian" in head or "serapan" in head or "persen" in head:
        return "percent"
    if any(w in head for w in ("pagu", "anggaran", "rp", "dana", "belanja", "biaya")):
        return "money"
    return "plain"


def _indonesian(v: float, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if float(v).is_integer() else len(repr(float(v)).split(".")[1])
    text = f"{v:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def numbers_as_text(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Numbers typed as text: '1.250.000', 'Rp 1.250.000,-' in money columns, '95,5 %'
    in percent columns."""
    start = data_start(sheet, keys)
    kinds = [_column_kind(sheet, c, start) for c in range(sheet.width)]
    rows = [list(r) for r in sheet.rows]
    for r in rows[start:]:
        for c, v in enumerate(r):
            if not _numeric(v):
                continue
            if kinds[c] == "money" and float(v).is_integer() and abs(v) >= 1000:
                r[c] = f"Rp {_indonesian(v)},-"
            elif kinds[c] == "percent":
                r[c] = f"{_indonesian(v)} %"
            else:
                r[c] = _indonesian(v)
    return Sheet(sheet.name, rows, list(sheet.merged))


_TEXT_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?|-?\d+(?:,\d+)?")


def text_as_numbers(sheet: Sheet, spec: dict, keys: set[str]) -> Sheet:
    """Figures typed as text in the original ('1.250.000', '82,5') stored as numbers."""
    start = data_start(sheet, keys)
    rows = [list(r) for r in sheet.rows]
    for r in rows[start:]:
        for c, v in enumerate(r):
            if isinstance(v, str) and _TEXT_NUMBER.fullmatch(v.strip()):
                number = heldout_measure.printed_number(v)
                r[c] = int(number) if number.is_integer() else number
    return Sheet(sheet.name, rows, list(sheet.merged))


Arrangement = Callable[[Sheet, dict, set], Sheet]

ARRANGEMENTS: dict[str, Arrangement] = {
    "kop": kop_rows,
    "nomor_kolom": column_numbers,
    "kolom_no": no_column,
    "spasi": spacers,
    "kepala_berulang": head_repeated,
    "tanda_tangan": signature,
    "jumlah": total_row,
    "lepas_gabung": unmerged_blank,
    "lepas_gabung_isi": unmerged_filled,
    "angka_teks": numbers_as_text,
    "teks_angka": text_as_numbers,
}


# --------------------------------------------------------------------------- writers


def _text(v: object, decimal: str = ".") -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        text = repr(v) if not v.is_integer() else str(int(v))
        return text.replace(".", decimal)
    return str(v)


def _xlsx_text(v: object) -> object:
    """A literal ``_x0002_`` in a cell escaped as Excel saves it (openpyxl does not)."""
    if isinstance(v, str):
        return re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", v)
    return v


def write_xlsx(path: Path, sheets: list[Sheet], *, before: list[Sheet] = ()) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in [*before, *sheets]:
        ws = book.create_sheet(sheet.name)
        for row in sheet.rows:
            ws.append([_xlsx_text(v) for v in row])
        for r0, c0, r1, c1 in sheet.merged:
            if (r0, c0) != (r1, c1):
                ws.merge_cells(
                    start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1
                )
        _borders(ws, sheet)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    path = path.with_suffix(".xlsx")
    book.save(path)
    return path


def _table_top(sheet: Sheet) -> int:
    """First row of the table proper (under its title rows): the first row of two or more
    cells or the first row of a merged range spanning columns or rows."""
    first = next((i for i, r in enumerate(sheet.rows) if _filled(r) >= 2), 0)
    return min([first] + [r0 for r0, c0, r1, c1 in sheet.merged if c1 > c0 or r1 > r0])


def _borders(ws, sheet: Sheet) -> None:
    """Thin lines around every cell of the table, as offices print it (a PDF printed
    without lines has no table a reader can find)."""
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = _table_top(sheet)
    for r in range(top, len(sheet.rows)):
        for c in range(sheet.width):
            cell = ws.cell(row=r + 1, column=c + 1)
            cell.border, cell.alignment = box, wrap
    widths = []
    for c in range(sheet.width):  # as wide as its longest word or figure, words wrap
        words = [w for r in sheet.rows[top:] if c < len(r) for w in _text(r[c]).split()] or [""]
        widths.append(min(max(map(len, words)) + 2, 40))
        ws.column_dimensions[get_column_letter(c + 1)].width = widths[-1]
    spans = {(r0, c0): sum(widths[c0 : c1 + 1]) for r0, c0, r1, c1 in sheet.merged}
    for r in range(top, len(sheet.rows)):  # tall enough for its wrapped lines
        lines = [
            -(-len(_text(v)) // max(spans.get((r, c), widths[c]) - 2, 1)) + _text(v).count("\n")
            for c, v in enumerate(sheet.rows[r])
            if v is not None and c < len(widths)
        ]
        ws.row_dimensions[r + 1].height = 15 * max([1, *lines])


def write_xls(path: Path, sheets: list[Sheet]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for sheet in sheets:
        ws = book.add_sheet(sheet.name)
        covered = set()
        for r0, c0, r1, c1 in sheet.merged:
            if (r0, c0) != (r1, c1):
                ws.write_merge(r0, r1, c0, c1, sheet.rows[r0][c0])
                covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(sheet.rows):
            for c, v in enumerate(row):
                if v is not None and (r, c) not in covered:
                    ws.write(r, c, v)
    path = path.with_suffix(".xls")
    book.save(str(path))
    return path


def write_ods(path: Path, sheets: list[Sheet], *, before: list[Sheet] = ()) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for sheet in [*before, *sheets]:
        table = Table(name=sheet.name)
        spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in sheet.merged}
        covered = {
            (r, c)
            for r0, c0, r1, c1 in sheet.merged
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        for r, row in enumerate(sheet.rows):
            tr = TableRow()
            for c, v in enumerate(row):
                if (r, c) in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                attrs = {}
                if (r, c) in spans:
                    attrs = {
                        "numberrowsspanned": spans[(r, c)][0],
                        "numbercolumnsspanned": spans[(r, c)][1],
                    }
                if _numeric(v):
                    cell = TableCell(valuetype="float", value=v, **attrs)
                    cell.addElement(P(text=_text(v)))
                elif v is not None:
                    cell = TableCell(valuetype="string", **attrs)
                    for line in str(v).split("\n"):
                        cell.addElement(P(text=line))
                else:
                    cell = TableCell(**attrs)
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    path = path.with_suffix(".ods")
    doc.save(str(path))
    return path


def write_csv(
    path: Path, sheets: list[Sheet], *, sep: str = ",", encoding: str = "utf-8-sig"
) -> list[Path]:
    """One CSV per table (a CSV holds one sheet); numbers as a spreadsheet of that locale
    saves them (``95.5`` with ``,``, ``95,5`` with ``;``)."""
    decimal = "," if sep == ";" else "."
    out = []
    for i, sheet in enumerate(sheets):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
        for row in sheet.rows:
            writer.writerow([_text(v, decimal) for v in row])
        target = path.with_suffix(".csv") if i == 0 else path.with_name(f"{path.stem}_{i + 1}.csv")
        # a code page without a character: "?" as a spreadsheet saves it
        target.write_bytes(buf.getvalue().encode(encoding, errors="replace"))
        out.append(target)
    return out


def write_docx(path: Path, sheets: list[Sheet]) -> Path:
    """Each table as a Word table, its title rows (one cell, above the head) as paragraphs
    above it, merged ranges merged."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, m, Mm(12))
    for sheet in sheets:
        first = _table_top(sheet)
        if first > 3:  # a form's lines above its table (a DPA), not a caption: in the table
            first = 0
        for row in sheet.rows[:first]:
            text = " ".join(_text(v) for v in row if v is not None)
            if text:
                document.add_paragraph(text)
        rows = sheet.rows[first:]
        if not rows:
            continue
        table = document.add_table(rows=len(rows), cols=sheet.width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is not None:
                    table.cell(r, c).text = _text(v, ",")
        for r0, c0, r1, c1 in sheet.merged:
            if r0 >= first and (r0, c0) != (r1, c1):
                a = table.cell(r0 - first, c0)
                text = a.text
                a.merge(table.cell(r1 - first, c1))
                a.text = text
        document.add_paragraph("")
    path = path.with_suffix(".docx")
    document.save(path)
    return path


def _write_like(path: Path, sheets: list[Sheet]) -> list[Path]:
    """Written in the original file's own format."""
    if path.suffix in {".csv", ".tsv"}:
        return write_csv(path, sheets)
    if path.suffix == ".docx":
        return [write_docx(path, sheets)]
    if path.suffix == ".ods":
        return [write_ods(path, sheets)]
    return [write_xlsx(path, sheets)]


COVER = Sheet("Sampul", [["LAPORAN KINERJA"], ["Disusun oleh Sekretariat"], [], ["Tahun"]])
CHART = Sheet(
    "Data Grafik",
    [["Triwulan", "Persentase"], ["I", 25], ["II", 50], ["III", 75], ["IV", 100]],
)

FORMATS: dict[str, Callable[[Path, list[Sheet]], list[Path]]] = {
    "xlsx": lambda p, s: [write_xlsx(p, s)],
    "xls": lambda p, s: [write_xls(p, s)],
    "ods": lambda p, s: [write_ods(p, s)],
    "csv_koma_utf8bom": lambda p, s: write_csv(p, s, sep=",", encoding="utf-8-sig"),
    "csv_titikkoma_cp1252": lambda p, s: write_csv(p, s, sep=";", encoding="cp1252"),
    "csv_titikkoma_latin1": lambda p, s: write_csv(p, s, sep=";", encoding="latin-1"),
    "docx": lambda p, s: [write_docx(p, s)],
    "sheet_kedua_xlsx": lambda p, s: [write_xlsx(p, s, before=[COVER, CHART])],
    "sheet_kedua_ods": lambda p, s: [write_ods(p, s, before=[COVER, CHART])],
}
TYPED_ONLY = {"teks_angka"}
"""Arrangements that only a typed format (a spreadsheet) can carry."""
PDF_FAMILIES = ("pdf_dari_docx", "pdf_dari_xlsx")
FAMILIES = [*FORMATS, *PDF_FAMILIES, *ARRANGEMENTS]


def write_variant(unit: Unit, family: str, raw: Path) -> None:
    """Every table file of ``unit`` written as ``family`` into ``raw``."""
    raw.mkdir(parents=True, exist_ok=True)
    if family in PDF_FAMILIES:
        folder = PDF_ROOT / family / unit.corpus / unit.folder.name
        for pdf in sorted(folder.glob("*.pdf")):
            shutil.copy(pdf, raw / pdf.name)
        return
    keys = figure_keys(unit.spec)
    for f in unit.files:
        sheets = read_sheets(f)
        target = raw / f.name
        if family in FORMATS:
            FORMATS[family](target, sheets)
        elif family in TYPED_ONLY and f.suffix in {".csv", ".tsv", ".docx"}:
            _write_like(target, sheets)  # no number types to change in text formats
        else:
            arranged = [ARRANGEMENTS[family](s, unit.spec, keys) for s in sheets]
            _write_like(target, arranged)


# --------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    unit: str
    family: str
    figures: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    dropped: int = 0
    refused: bool = False
    traceback: bool = False
    details: list[str] = field(default_factory=list)


def _candidates(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return heldout_measure.candidate_rows(tables.get)


def ingest_raw(raw: Path, spec: dict, work: Path):
    """``raw`` ingested in process with the unit's regency and ``kecamatan.csv`` line:
    (result, processed tables, summary line)."""
    from analysis.ingest.pipeline import ingest, iter_processed_tables
    from analysis.ingest.rows import written as written_counts
    from analysis.settings import load_settings

    ref = work / "reference"
    if not ref.exists():
        shutil.copytree(REFERENCE, ref)
        if spec.get("kecamatan_csv"):
            with (ref / "kecamatan.csv").open("a", encoding="utf-8") as fh:
                fh.write(spec["kecamatan_csv"].rstrip("\n") + "\n")
    settings = dataclasses.replace(load_settings(), kabupaten=spec["kabupaten"])
    result = ingest(raw, reference_dir=ref, settings=settings)
    if result.errors:
        return result, {}, ""
    counted = written_counts.Written()
    tables = dict(written_counts.counting(iter_processed_tables(result, settings), counted))
    summary = written_counts.summary_line(result, counted, len(tables.get("pemeriksaan", [])), 0)
    return result, tables, summary


def measure_raw(raw: Path, spec: dict, work: Path, unit: str = "", family: str = "") -> Measured:
    m = Measured(unit, family, figures=len(spec["figures"]))
    try:
        result, tables, summary = ingest_raw(raw, spec, work)
    except Exception:  # a traceback is what the measure counts, never raised past it
        m.traceback = True
        m.missing = m.figures
        m.details.append(traceback.format_exc().strip().splitlines()[-1])
        return m
    if result.errors:
        m.refused = True
        m.missing = m.figures
        m.details += [str(e) for e in result.errors.errors[:3]]
        return m
    for table, pattern in heldout_measure.SUMMARY_COUNTS.items():
        hit = re.search(pattern, summary)
        frame = tables.get(table)
        if hit is None or frame is None:
            continue
        ids = {
            "kinerja": ["kecamatan", "tahun", "kunci", "indikator"],
            "anggaran": ["kecamatan", "tahun", "kunci"],
        }.get(table)
        data = frame
        if ids:
            data = frame[frame.get("tingkat", pd.Series(dtype=str)) != "total"]
            data = data.drop_duplicates(ids)
        if int(hit.group(1)) > len(data):
            m.dropped += int(hit.group(1)) - len(data)
    for hit in re.finditer(r"(\d+) [\w ]+ terbaca tetapi tidak tertulis", summary):
        m.dropped += int(hit.group(1))
        m.details.append(hit.group(0))
    rows = _candidates(tables)
    for fig in spec["figures"]:
        want = heldout_measure.printed_number(fig["value"])
        name = fig.get("indikator") or fig.get("uraian", "")
        if rows.empty:
            m.missing += 1
            continue
        named = pd.Series(False, index=rows.index)
        if fig.get("indikator"):
            named |= rows["_key"] == heldout_measure._key(fig["indikator"])
        if fig.get("uraian"):
            named |= rows["_key_uraian"] == heldout_measure._key(fig["uraian"])
        hit = rows[named & (rows["tahun"] == fig["tahun"])]
        values = [
            v
            for col in heldout_measure.FIELDS[fig["field"]]
            if col in hit
            for v in hit[col].dropna().tolist()
        ]
        if any(abs(float(v) - want) <= 0.005 for v in values):
            m.right += 1
        elif values:
            m.wrong += 1
            m.details.append(
                f"salah: {name[:50]} {fig['tahun']} {fig['field']}: {fig['value']} -> {values[:3]}"
            )
        else:
            m.missing += 1
            if len(m.details) < 6:
                m.details.append(f"hilang: {name[:50]} {fig['tahun']} {fig['field']}")
    return m


def measure(unit: Unit, family: str | None) -> Measured:
    """``unit`` as shipped (``family`` None) or as ``family``, measured in process."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        raw = work / "raw"
        if family is None:
            raw.mkdir()
            for f in unit.files:
                shutil.copy(f, raw / f.name)
        else:
            try:
                write_variant(unit, family, raw)
            except UnicodeEncodeError as exc:  # a cell that code page cannot hold
                m = Measured(unit.name, family or "asli", figures=len(unit.spec["figures"]))
                m.missing = m.figures
                m.refused = True
                m.details.append(f"tidak dapat ditulis: {exc}")
                return m
        return measure_raw(raw, unit.spec, work, unit.name, family or "asli")


def matrix(families: list[str], all_units: list[Unit]) -> dict[tuple[str, str], list[Measured]]:
    out: dict[tuple[str, str], list[Measured]] = {}
    for family in families:
        for unit in all_units:
            out.setdefault((family, unit.corpus), []).append(measure(unit, family))
    return out


def main(argv: list[str]) -> int:
    families = [a for a in argv if not a.startswith("--")] or ["asli", *FAMILIES]
    all_units = units()
    baseline = {u.name: measure(u, None) for u in all_units}
    corpora = list(CORPORA)
    print("| varian | " + " | ".join(corpora) + " | salah | terbuang | traceback |")
    print("| --- | " + " | ".join("---" for _ in corpora) + " | --- | --- | --- |")
    for family in families:
        cells, wrong, dropped, tracebacks = [], 0, 0, 0
        lines = []
        for corpus in corpora:
            right = total = 0
            for unit in (u for u in all_units if u.corpus == corpus):
                m = baseline[unit.name] if family == "asli" else measure(unit, family)
                base = baseline[unit.name]
                right += m.right
                total += base.right
                wrong += m.wrong
                dropped += m.dropped
                tracebacks += m.traceback
                if m.right < base.right or m.wrong or m.dropped or m.traceback:
                    lines.append(f"    {unit.name}: {m.right}/{base.right} {m.details[:3]}")
            cells.append(f"{right}/{total}")
        print(f"| {family} | " + " | ".join(cells) + f" | {wrong} | {dropped} | {tracebacks} |")
        if "--detail" in argv:
            print("\n".join(lines), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
