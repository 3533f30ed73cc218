"""Third held-out corpus (``tests/data/heldout_c``): real tables of offices outside Luwu
Timur that the reader was never tuned on. Every table here is a spreadsheet of an office of
Kabupaten Sumedang (Jawa Barat) as it was exported to HTML by LibreOffice Calc (``sdval`` /
``sdnum`` attributes) and kept in a public repository of the regency's e-office application;
``_sources/`` holds those HTML tables verbatim (the search tool's file index, ids in each
office's ``SOURCE.md``).

``python tests/data/heldout_c/build.py`` rebuilds every office's files and ``printed.json``:
each HTML table becomes a cell grid (``html_grid``: ``rowspan``/``colspan`` as merged cells,
``<br>`` as a line break in the cell, entities decoded, nothing else changed), written as the
office would send it (.xlsx with the merged header, .docx, .ods, .csv). A printed figure is
counted only where it is unambiguous (``figures``): a cell that is one number, not an
unfilled ``0``, not a number whose separator reads two ways, in a cell of one row (a value
merged over several rows belongs to none of them alone), on a row whose name is printed once
in the table.

Do not tune the reader on these tables: they measure it (``tests/heldout_measure.py
tests/data/heldout_c``). The ``Table``/``Office`` helpers and the writers are those of
``tests/data/heldout/build_pages.py`` and ``tests/data/heldout_b/build.py``."""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_sources"
TESTS = HERE.parents[1]

sys.path.insert(0, str(TESTS))
import heldout_measure as measure  # noqa: E402

pages = measure.load_module("heldout_build_pages", TESTS / "data" / "heldout" / "build_pages.py")
corpus_b = measure.load_module("heldout_b_build", TESTS / "data" / "heldout_b" / "build.py")
Table, Office = pages.Table, pages.Office
written_cells = corpus_b.written_cells

KABUPATEN = "Kabupaten Sumedang"


# --- HTML table -> cell grid -------------------------------------------------------------


@dataclass
class Grid:
    """Cell text of an HTML table, row by row, with the rows a cell spans (``rowspan``) and
    the merged ranges (0-based ``(row, col, last_row, last_col)``) of every spanning cell."""

    cells: list[list[str]]
    rowspan: dict[tuple[int, int], int]
    merges: list[tuple[int, int, int, int]]


_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S | re.I)
_CELL = re.compile(r"<t[hd]([^>]*)>(.*?)</t[hd]>", re.S | re.I)


def cell_text(raw: str) -> str:
    """A cell's text as displayed: tags dropped, ``<br>`` a line break, entities decoded,
    each line stripped of the spaces around it."""
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", raw, flags=re.I)))
    return "\n".join(line.strip() for line in text.strip().split("\n")).strip()


def _span(attrs: str, name: str) -> int:
    m = re.search(name + r"=\"?(\d+)", attrs, re.I)
    return int(m.group(1)) if m else 1


def html_grid(page: str) -> Grid:
    """The cell grid of the table in ``page``. ``thead`` and ``tbody`` are laid out apart, as
    a browser does: a header cell's ``rowspan`` does not reach into the body."""
    sections = re.split(r"</thead>", page, flags=re.I) if "</thead>" in page.lower() else [page]
    cells: list[list[str]] = []
    rowspan: dict[tuple[int, int], int] = {}
    merges: list[tuple[int, int, int, int]] = []
    for section in sections:
        base = len(cells)
        taken: set[tuple[int, int]] = set()
        for r, body in enumerate(_ROW.findall(section), start=base):
            row: list[str] = []
            for attrs, raw in _CELL.findall(body):
                while (r, len(row)) in taken:
                    row.append("")
                c, rs, cs = len(row), _span(attrs, "rowspan"), _span(attrs, "colspan")
                row.extend([cell_text(raw)] + [""] * (cs - 1))
                rowspan[(r, c)] = rs
                if rs > 1 or cs > 1:
                    merges.append((r, c, r + rs - 1, c + cs - 1))
                taken.update((r + dr, c + dc) for dr in range(1, rs) for dc in range(cs))
            while (r, len(row)) in taken:
                row.append("")
            cells.append(row)
    return Grid(cells, rowspan, merges)


# --- which printed figures count ----------------------------------------------------------


# a number whose separator reads two ways in these tables, which write both "98,86" and
# "45.20", "7,742,388,142" and "6,225,000,000.00": "1.250" (1250 or 1,25?)
_TWO_WAY = re.compile(r"^\d+\.\d{3}$|^\d+,\d{3}$")


def counted(text: str) -> bool:
    """A printed cell that is one figure: a number (``98%``, ``100 %``, ``45.20``,
    ``7,742,388,142``), not an unfilled ``0`` and not a separator that reads two ways."""
    if not text or _TWO_WAY.match(text) or not corpus_b._is_figure(text):
        return False
    return measure.printed_number(text) != 0


@dataclass
class Layout:
    """Where a table prints what: its header rows, the data rows taken, the column of the
    indicator (and a fallback column for rows that name only a sasaran indicator), the column
    of the program/kegiatan name, and per year the target and Rp column."""

    header_rows: int
    rows: tuple[int, ...]
    indikator: tuple[int, ...]
    uraian: int | None
    years: dict[int, tuple[int, int]]


# a label printed before the indicator's name in its cell ("Indikator Program (Outcome) :
# Persentase ..."): the name is what follows it
_NAME_LABEL = re.compile(r"^Indikator (?:Program \(Outcome\)|Keluaran Kegiatan)\s*:\s*", re.I)


def indicator_name(text: str) -> str:
    return _NAME_LABEL.sub("", text).replace("\n", " ")


def figures(grid: Grid, layout: Layout, table: str) -> list[dict]:
    body = [(r, grid.cells[r]) for r in layout.rows]
    names = {r: next((row[c] for c in layout.indikator if row[c]), "") for r, row in body}
    names = {r: indicator_name(n) for r, n in names.items()}
    # a program/kegiatan name merged over several indicator rows names none of them alone
    uraian = {
        r: row[layout.uraian]
        if layout.uraian is not None and grid.rowspan.get((r, layout.uraian), 1) == 1
        else ""
        for r, row in body
    }
    unique = corpus_b._unique_names([n for n in names.values() if n])
    unique_uraian = corpus_b._unique_names([u for u in uraian.values() if u])
    out = []
    for r, row in body:
        name = names[r]
        if name not in unique:
            continue
        for year, (target_col, rp_col) in layout.years.items():
            for field, col in (("target", target_col), ("pagu", rp_col)):
                value = row[col]
                if not counted(value) or grid.rowspan.get((r, col), 1) != 1:
                    continue
                fig = {"indikator": name}
                # the budget is the program's/kegiatan's: named by it too where this row has it
                if field == "pagu" and uraian[r] in unique_uraian:
                    fig["uraian"] = uraian[r].replace("\n", " ")
                fig.update({"tahun": year, "field": field, "value": value, "tabel": table})
                out.append(fig)
    return out


def _xlsx_ranges(grid: Grid, rows: tuple[int, ...], offset: int) -> list[str]:
    """openpyxl ranges of the merges inside ``rows``, consecutive grid rows (``offset``:
    sheet rows above them)."""
    from openpyxl.utils import get_column_letter as col

    assert list(rows) == list(range(rows[0], rows[-1] + 1)), "merges of a contiguous cut only"
    out = []
    for r0, c0, r1, c1 in grid.merges:
        if r0 in rows:
            r1 = min(r1, rows[-1])
            a, b = r0 - rows[0] + 1 + offset, r1 - rows[0] + 1 + offset
            if (r0, c0) != (r1, c1):
                out.append(f"{col(c0 + 1)}{a}:{col(c1 + 1)}{b}")
    return out


def _table(cut) -> Table:
    grid = source_grid(cut.source)
    layout = cut.layout
    merged = []
    if cut.file.endswith(".xlsx"):
        merged = _xlsx_ranges(grid, tuple(range(layout.header_rows)), 0)
        merged += _xlsx_ranges(grid, layout.rows, layout.header_rows)
    return Table(
        file=cut.file,
        sheet=cut.sheet,
        title=[],
        header=grid.cells[: layout.header_rows],
        rows=[grid.cells[r] for r in layout.rows],
        figures=figures(grid, layout, cut.file),
        merged=merged,
    )


# --- the offices --------------------------------------------------------------------------


@dataclass
class Cut:
    """One shipped table: the HTML source it is cut from, the file (as the office would name
    it), the sheet and where that table prints what."""

    source: str
    file: str
    sheet: str
    layout: Layout


# Renstra tables: per year a Target and an Rp column; the indicator in its own column (or,
# on a sasaran's row, in the "Indikator Sasaran" column) and the program/kegiatan beside it
RENSTRA_YEARS_24 = {2021: (11, 12), 2022: (13, 14), 2023: (15, 16)}
RENSTRA_YEARS_23 = {2021: (14, 15), 2022: (16, 17), 2023: (18, 19)}
RENSTRA_YEARS_16 = {2021: (12, 13), 2022: (14, 15), 2023: (16, 17)}
RPJMD_YEARS = {2021: (9, 10), 2022: (11, 12), 2023: (13, 14)}
RPJMD_SOURCE = "rpjmd_laporan_tabel_head.html"

# office folder -> (regency's documented kecamatan.csv line for the office, its cuts)
OFFICES: dict[str, tuple[str, list[Cut]]] = {
    # Badan Kepegawaian dan Pengembangan SDM. HTML rows 21-30 have 24 cells under the
    # 21-column head (three columns right of their headings): left out.
    "sumedang_bkpsdm": (
        "BKPSDM;;bkpsdm;bkpsdm|BKPSDM|Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        [
            Cut(
                "renstra_laporan_24.html",
                "bkpsdm_renstra_2021-2023_target_pendanaan.xlsx",
                "Renstra BKPSDM",
                Layout(3, tuple(range(3, 21)), (9, 2), 8, RENSTRA_YEARS_24),
            )
        ],
    ),
    # Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah: Renstra 2019-2023
    # with a column-number row; 2019 and 2020 print 0 and - (not counted)
    "sumedang_bappelitbangda": (
        "Bappelitbangda;;bappelitbangda;bappelitbangda|Bappelitbangda|"
        "Badan Perencanaan, Pembangunan, Penelitian dan Pengembangan Daerah",
        [
            Cut(
                "renstra_laporan_23.html",
                "bappelitbangda_renstra_2019-2023.docx",
                "",
                Layout(4, tuple(range(4, 26)), (8,), 7, RENSTRA_YEARS_23),
            )
        ],
    ),
    # Dinas Komunikasi dan Informatika, Persandian dan Statistik: "Tahun-3/-4/-5", no
    # calendar year in the table (2021-2023 of the Renstra period 2019-2023 named in the file
    # name, see SOURCE.md). HTML rows 10-13 are left out: a rowspan=3 over a row that prints
    # its own code cells again, so where their cells stand cannot be told.
    "sumedang_diskominfosanditik": (
        "Diskominfosanditik;;diskominfosanditik;diskominfosanditik|Diskominfosanditik|"
        "Dinas Komunikasi dan Informatika, Persandian dan Statistik",
        [
            Cut(
                "renstra_laporan_16.html",
                "diskominfosanditik_renstra_2019-2023_tahun_3-5.ods",
                "Renstra",
                Layout(5, (*range(5, 10), *range(14, 21)), (9, 2), 8, RENSTRA_YEARS_16),
            )
        ],
    ),
    # Pemerintah Kabupaten Sumedang: RPJMD program prioritas 2019-2023 (2019 and 2020 print
    # 0). The source is the table's head and first 40 rows; two cuts, as a planning office
    # splits the table per urusan: NON-URUSAN (.csv), URUSAN I Pendidikan and Kesehatan (.xlsx)
    "sumedang_rpjmd": (
        "Pemerintah Kabupaten Sumedang;;pemkab;"
        "pemkab|Pemkab Sumedang|Pemerintah Kabupaten Sumedang",
        [
            Cut(
                RPJMD_SOURCE,
                "pemkab_rpjmd_2018-2023_program_prioritas_non-urusan.csv",
                "",
                Layout(3, tuple(range(3, 25)), (2,), 1, RPJMD_YEARS),
            ),
            Cut(
                RPJMD_SOURCE,
                "pemkab_rpjmd_2018-2023_program_prioritas_pendidikan_kesehatan.xlsx",
                "Urusan I",
                Layout(3, tuple(range(25, 43)), (2,), 1, RPJMD_YEARS),
            ),
        ],
    ),
}


def source_grid(source: str) -> Grid:
    return html_grid((SOURCES / source).read_text(encoding="utf-8"))


def make_office(folder: str) -> Office:
    kec, cuts = OFFICES[folder]
    return Office(folder, KABUPATEN, kec, [_table(c) for c in cuts])


def offices() -> list:
    return [make_office(folder) for folder in OFFICES]


def build(office, root: Path = HERE) -> None:
    corpus_b.build(office, root)


if __name__ == "__main__":
    for office in offices():
        build(office)
