"""Fourth held-out corpus (``tests/data/heldout_d``): real tables of offices outside Luwu
Timur that the reader was never tuned on, kept apart until the lead measures them once.

``_sources/`` holds the source text verbatim (see each office's ``SOURCE.md``):

* four kecamatan of Kabupaten Banyuwangi (Glenmore, Bangorejo, Rogojampi, Sempu): the
  ``renstra_*`` statements of their Renstra PD 2025-2030 SQL exports (a planning
  application's "SQL UPDATE & INSERT DATA RENSTRA PD" files). Each table is laid out as the
  Renstra prints its program/kegiatan matrix (Permendagri 86/2017, T-C.27 head: Kode,
  Program/Kegiatan, Indikator, Satuan, Kondisi Awal, Target and Rp per year); every data cell
  is the export's value as stored (``'95.5'``, ``'2683946801.00'``), nothing re-typed;
* Kabupaten Sumedang's RPJMD 2018-2023 program prioritas table (a LibreOffice HTML export
  kept in the regency's e-office application): its head and the Urusan 1.03 (Pekerjaan Umum
  dan Penataan Ruang) rows, the block after the rows corpus C took.

``python tests/data/heldout_d/build.py`` writes every office's files and ``printed.json``,
in the formats offices send: .xlsx with a merged head, .docx, .csv, .ods, and one .pdf
printed from a .docx by LibreOffice (``soffice --headless --convert-to pdf``).

A printed figure is counted only when unambiguous (as in corpus C, ``heldout_c.counted``):
one number in the cell, not an unfilled ``0`` / ``0.00``, not a separator that reads two ways,
in a cell of one row, on a row whose indicator is printed once in its table. A program's or
kegiatan's Rp is named by its indicator and by the program/kegiatan name on that row.

Do not tune the reader on these tables and do not run it on them before the lead's one
measurement (``tests/heldout_measure.py tests/data/heldout_d``). The SQL parser is
``tests/data/heldout/build.py``'s, the HTML grid and the counting rule corpus C's, the
``Table``/``Office`` helpers and writers those of ``heldout/build_pages.py`` and
``heldout_b/build.py``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_sources"
TESTS = HERE.parents[1]

sys.path.insert(0, str(TESTS))
import heldout_measure as measure  # noqa: E402

corpus_a = measure.load_module("heldout_build", TESTS / "data" / "heldout" / "build.py")
pages = measure.load_module("heldout_build_pages", TESTS / "data" / "heldout" / "build_pages.py")
corpus_b = measure.load_module("heldout_b_build", TESTS / "data" / "heldout_b" / "build.py")
corpus_c = measure.load_module("heldout_c_build", TESTS / "data" / "heldout_c" / "build.py")
Table, Office = pages.Table, pages.Office
counted = corpus_c.counted

YEARS = range(2026, 2031)

# --- the Renstra matrix of a kecamatan, from its export ----------------------------------

# The head as the Renstra prints the program/kegiatan matrix (T-C.27), three rows; a
# one-row head for the .csv (a spreadsheet saved as CSV keeps no merged cells)
HEAD_LEFT = [
    "Kode",
    "Program/Kegiatan",
    "Indikator Kinerja Program (outcome)/Kegiatan (output)",
    "Satuan",
    "Kondisi Kinerja pada Awal Periode Renstra",
]
HEAD_3 = [
    HEAD_LEFT + ["Target Kinerja dan Kerangka Pendanaan"] + [""] * 9,
    [""] * 5 + [c for y in YEARS for c in (f"Tahun {y}", "")],
    [""] * 5 + ["Target", "Rp"] * 5,
]
HEAD_3_MERGED = [
    *(f"{c}1:{c}3" for c in "ABCDE"),
    "F1:O1",
    *(f"{a}2:{b}2" for a, b in zip("FHJLN", "GIKMO", strict=True)),
]
HEAD_2 = [
    HEAD_LEFT + [c for y in YEARS for c in (f"Tahun {y}", "")],
    [""] * 5 + ["Target", "Rp"] * 5,
]
HEAD_1 = [HEAD_LEFT + [c for y in YEARS for c in (f"Target {y}", f"Rp {y}")]]


@dataclass
class Renstra:
    """One shipped table of a kecamatan's Renstra export: which levels it prints (program,
    kegiatan or both, a kegiatan under its program), its head and the file's name."""

    source: str
    file: str
    sheet: str
    levels: tuple[str, ...]
    head: list[list[str]]
    merged: tuple[str, ...] = ()


def _records(source: str) -> dict[str, list[dict]]:
    tables = corpus_a.sql_tables(SOURCES / source)
    return {
        name: [dict(zip(columns, row, strict=True)) for row in rows]
        for name, (columns, rows) in tables.items()
    }


def export_title(source: str) -> list[str]:
    """The export's own header lines naming the office and the regency, verbatim."""
    lines = (SOURCES / source).read_text(encoding="utf-8").splitlines()
    keep = ("-- PERANGKAT DAERAH:", "-- KABUPATEN ")
    return [line[3:] for line in lines if line.startswith(keep)]


def _text(value: str | None) -> str:
    return "" if value is None else value


def matrix_rows(source: str, levels: tuple[str, ...]) -> list[tuple[list[str], dict]]:
    """``(cells, names)`` per printed row, in the export's order: a program's row (its
    indicator's targets, the program's anggaran), then - where kegiatan are printed - its
    kegiatan, one row per kegiatan indicator, the kegiatan's code, name and anggaran on its
    first indicator's row only (``names``: the row's indicator and, on that row, its name)."""
    rec = _records(source)
    program_ind = {r["program_id"]: r for r in rec["renstra_program_indikator"]}
    out = []
    for prog in rec["renstra_program"]:
        ind = program_ind[prog["id"]]
        if "program" in levels:
            cells = [prog["kode_program"], prog["nama"], ind["indikator"], ind["satuan"]]
            cells.append(_text(ind["kondisi_awal"]))
            for y in YEARS:
                cells += [_text(ind[f"target_{y}"]), _text(prog[f"anggaran_{y}"])]
            out.append((cells, {"indikator": ind["indikator"], "uraian": prog["nama"]}))
        if "kegiatan" not in levels:
            continue
        for keg in (k for k in rec["renstra_kegiatan"] if k["program_id"] == prog["id"]):
            inds = [i for i in rec["renstra_kegiatan_indikator"] if i["kegiatan_id"] == keg["id"]]
            for n, ki in enumerate(inds):
                first = n == 0
                cells = [keg["kode_nomenklatur"] if first else "", keg["nama"] if first else ""]
                cells += [ki["indikator"], ki["satuan"], _text(ki["kondisi_awal"])]
                for y in YEARS:
                    rp = _text(keg[f"anggaran_{y}"]) if first else ""
                    cells += [_text(ki[f"target_{y}"]), rp]
                names = {"indikator": ki["indikator"]}
                if first:
                    names["uraian"] = keg["nama"]
                out.append((cells, names))
    return out


def matrix_figures(rows: list[tuple[list[str], dict]], table: str) -> list[dict]:
    """Every counted target and Rp of the matrix rows (see the module docstring)."""
    unique = corpus_b._unique_names([names["indikator"] for _, names in rows])
    unique_uraian = corpus_b._unique_names([n["uraian"] for _, n in rows if "uraian" in n])
    out = []
    for cells, names in rows:
        if names["indikator"] not in unique:
            continue
        for i, year in enumerate(YEARS):
            for field, value in (("target", cells[5 + 2 * i]), ("pagu", cells[6 + 2 * i])):
                if not counted(value):
                    continue
                fig = {"indikator": names["indikator"]}
                if field == "pagu" and names.get("uraian") in unique_uraian:
                    fig["uraian"] = names["uraian"]
                fig.update({"tahun": year, "field": field, "value": value, "tabel": table})
                out.append(fig)
    return out


def renstra_table(cut: Renstra) -> Table:
    rows = matrix_rows(cut.source, cut.levels)
    title = [] if cut.file.endswith(".csv") else export_title(cut.source)
    merged = [_shift(r, len(title) + 1) for r in cut.merged] if title else list(cut.merged)
    return Table(
        file=cut.file,
        sheet=cut.sheet,
        title=title,
        header=cut.head,
        rows=[cells for cells, _ in rows],
        figures=matrix_figures(rows, cut.file),
        merged=merged,
    )


def _shift(rng: str, by: int) -> str:
    """An openpyxl range moved ``by`` rows down (the title lines and a blank line above)."""
    return re.sub(r"(\d+)", lambda m: str(int(m.group(1)) + by), rng)


# --- Kabupaten Sumedang, RPJMD 2018-2023: the Urusan 1.03, 1.04 and 1.05 blocks ----------

RPJMD_HEAD = "rpjmd_laporan_tabel_thead.html"


@dataclass
class Rpjmd:
    """A cut of the RPJMD table: the head and the rows of ``body`` (a verbatim run of the
    HTML rows that follows the rows an earlier corpus took), written to ``file``."""

    body: str
    file: str
    sheet: str


def rpjmd_grid(body: str):
    head = (SOURCES / RPJMD_HEAD).read_text(encoding="utf-8")
    return corpus_c.html_grid(head + (SOURCES / body).read_text(encoding="utf-8"))


def rpjmd_table(cut: Rpjmd) -> Table:
    grid = rpjmd_grid(cut.body)
    rows = tuple(range(3, len(grid.cells)))
    layout = corpus_c.Layout(3, rows, (2,), 1, corpus_c.RPJMD_YEARS)
    merged = []
    if cut.file.endswith(".xlsx"):  # the head and the body merged as printed
        merged = corpus_c._xlsx_ranges(grid, (0, 1, 2), 0) + corpus_c._xlsx_ranges(grid, rows, 3)
    return Table(
        file=cut.file,
        sheet=cut.sheet,
        title=[],
        header=grid.cells[:3],
        rows=[grid.cells[r] for r in rows],
        figures=corpus_c.figures(grid, layout, cut.file),
        merged=merged,
    )


# --- the offices --------------------------------------------------------------------------

KABUPATEN_BANYUWANGI = "Kabupaten Banyuwangi"
GLENMORE = "glenmore_renstra.sql"
BANGOREJO = "bangorejo_renstra.sql"
ROGOJAMPI = "rogojampi_renstra.sql"
SEMPU = "sempu_renstra.sql"
BOTH = ("program", "kegiatan")

# office folder -> (regency, kecamatan.csv line for an office that is no kecamatan, tables)
OFFICES: dict[str, tuple[str, str, list]] = {
    # program and kegiatan in one sheet, the head merged as printed
    "banyuwangi_glenmore": (
        KABUPATEN_BANYUWANGI,
        "",
        [
            Renstra(
                GLENMORE,
                "renstra_kecamatan_glenmore_2025-2030_program_kegiatan.xlsx",
                "T-C.27",
                BOTH,
                HEAD_3,
                tuple(HEAD_3_MERGED),
            )
        ],
    ),
    # two Word tables: programs; kegiatan with several indicators each (Rp on the first)
    "banyuwangi_bangorejo": (
        KABUPATEN_BANYUWANGI,
        "",
        [
            Renstra(BANGOREJO, "renstra_kec_bangorejo_program.docx", "", ("program",), HEAD_2),
            Renstra(BANGOREJO, "renstra_kec_bangorejo_kegiatan.docx", "", ("kegiatan",), HEAD_2),
        ],
    ),
    # programs as CSV (one head row), kegiatan as an OpenDocument sheet
    "banyuwangi_rogojampi": (
        KABUPATEN_BANYUWANGI,
        "",
        [
            Renstra(ROGOJAMPI, "rogojampi_renstra_2026-2030_program.csv", "", ("program",), HEAD_1),
            Renstra(
                ROGOJAMPI,
                "rogojampi_renstra_2026-2030_kegiatan.ods",
                "Kegiatan",
                ("kegiatan",),
                HEAD_2,
            ),
        ],
    ),
    # the program table as the office publishes it: a PDF printed from Word
    "banyuwangi_sempu": (
        KABUPATEN_BANYUWANGI,
        "",
        [
            Renstra(
                SEMPU, "Renstra Kecamatan Sempu 2025-2030 - Program.pdf", "", ("program",), HEAD_2
            )
        ],
    ),
    # Pemerintah Kabupaten Sumedang, RPJMD program prioritas: Urusan 1.03 as a Word table,
    # Urusan 1.04 and 1.05 as a sheet with the head and the program cells merged
    "sumedang_rpjmd": (
        "Kabupaten Sumedang",
        "Pemerintah Kabupaten Sumedang;;pemkab;"
        "pemkab|Pemkab Sumedang|Pemerintah Kabupaten Sumedang",
        [
            Rpjmd(
                "rpjmd_laporan_tabel_pupr.html",
                "pemkab_rpjmd_2018-2023_program_prioritas_pu_penataan_ruang.docx",
                "",
            ),
            Rpjmd(
                "rpjmd_laporan_tabel_perkim_trantibum.html",
                "pemkab_rpjmd_2018-2023_program_prioritas_perkim_trantibum.xlsx",
                "Urusan 1.04-1.05",
            ),
        ],
    ),
}


def _table(cut) -> Table:
    return rpjmd_table(cut) if isinstance(cut, Rpjmd) else renstra_table(cut)


def make_office(folder: str) -> Office:
    kabupaten, kec, cuts = OFFICES[folder]
    return Office(folder, kabupaten, kec, [_table(c) for c in cuts])


def offices() -> list:
    return [make_office(folder) for folder in OFFICES]


# --- writing, and reading back what was written -------------------------------------------


def write_pdf(folder: Path, table: Table) -> None:
    """The table written to a landscape .docx (small type, so that no figure wraps) and
    printed to PDF by LibreOffice, as an office prints its Renstra for publication."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to print the .pdf table")
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(33.0), Cm(21.0)  # F4 landscape
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.0))
    doc.styles["Normal"].font.size = Pt(6.5)
    for line in table.title:
        doc.add_paragraph(line)
    body = table.header + table.rows
    grid = doc.add_table(rows=len(body), cols=len(body[0]))
    grid.style = "Table Grid"
    grid.autofit = False
    widths = [1.4, 3.4, 4.0, 1.0, 1.6] + [1.3, 2.6] * 5
    for c, width in enumerate(widths):
        grid.columns[c].width = Cm(width)
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = Cm(widths[c])
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(7)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / (Path(table.file).stem + ".docx")
        doc.save(source)
        cmd = [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        shutil.move(str(source.with_suffix(".pdf")), folder / table.file)


def pdf_cells(path: Path) -> list[list[str]]:
    """The lines above the table and the table's cells as pdfplumber reads the printed PDF,
    each cell's text without its line breaks or spaces (a long name wraps where the page
    breaks it, not where the source does)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        rows: list[list[str]] = []
        for page in pdf.pages:
            above = _above_table(page).extract_text() or ""
            rows += [[_squeeze(line)] for line in above.splitlines() if line.strip()]
            for table in page.extract_tables():
                rows += [[_squeeze(c or "") for c in row] for row in table]
    return rows


def _above_table(page):
    """The part of a PDF page above its first table (the whole page if it has none)."""
    tables = page.find_tables()
    top = tables[0].bbox[1] if tables else page.height
    return page.filter(lambda obj: obj.get("bottom", top) < top)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_pdf_cells(table: Table) -> list[list[str]]:
    """What ``pdf_cells`` reads from a faithful print of ``table``."""
    lines = [[_squeeze(t)] for t in table.title]
    return lines + [[_squeeze(c) for c in row] for row in table.header + table.rows]


def written_cells(path: Path) -> list[list[str]]:
    return pdf_cells(path) if path.suffix == ".pdf" else corpus_b.written_cells(path)


def write_table(folder: Path, table: Table) -> None:
    if table.file.endswith(".pdf"):
        write_pdf(folder, table)
    else:
        corpus_b.write_table(folder, table)


def build(office, root: Path = HERE) -> None:
    """Every table of ``office`` and its ``printed.json`` (the layout of corpus A-C's)."""
    folder = root / office.folder
    folder.mkdir(parents=True, exist_ok=True)
    for table in office.tables:
        write_table(folder, table)
    spec = {"kabupaten": office.kabupaten}
    if office.kecamatan_csv:  # an office that is no kecamatan: its one kecamatan.csv line
        spec["kecamatan_csv"] = office.kecamatan_csv
    lines = [json.dumps(fig, ensure_ascii=False) for t in office.tables for fig in t.figures]
    body = ",\n".join(f"  {line}" for line in lines)
    text = f'{json.dumps(spec, ensure_ascii=False)[:-1]},\n "figures": [\n{body}\n ]\n}}\n'
    (folder / "printed.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for office in offices():
        build(office)
