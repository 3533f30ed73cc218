"""The fourth held-out corpus (tests/data/heldout_d): Renstra tables of four kecamatan of
Kabupaten Banyuwangi cut from their planning application's SQL exports, and two cuts of
Kabupaten Sumedang's RPJMD table, written by tests/data/heldout_d/build.py and measured by
tests/heldout_measure.py (FOLDER argument).

The corpus checks run always; the measurement ingests every office folder (a subprocess
each) and is marked ``slow``. Its targets are those of issue 19: no traceback, no row counted
in the summary but not written, no printed figure read wrong (a figure may be missing).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
HELDOUT_D = TESTS / "data" / "heldout_d"
sys.path.insert(0, str(TESTS))

import heldout_measure  # noqa: E402

build = heldout_measure.load_module("heldout_d_build", HELDOUT_D / "build.py")
OFFICES = sorted(p for p in HELDOUT_D.iterdir() if (p / "printed.json").is_file())
KECAMATAN_OFFICES = [f for f, (_, kec, _) in build.OFFICES.items() if not kec]


def _spec(folder: str) -> dict:
    return json.loads((HELDOUT_D / folder / "printed.json").read_text(encoding="utf-8"))


def test_every_office_names_its_source_regency_and_printed_figures() -> None:
    assert {p.name for p in OFFICES} == set(build.OFFICES)
    for folder in OFFICES:
        source = (folder / "SOURCE.md").read_text(encoding="utf-8")
        assert "index id" in source, f"{folder.name}: SOURCE.md names no source"
        spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
        assert spec["kabupaten"] and spec["figures"], folder.name
        # a kecamatan is found in the bundled reference; only an OPD brings its one line
        assert ("kecamatan_csv" in spec) == (folder.name not in KECAMATAN_OFFICES), folder.name
        for fig in spec["figures"]:
            assert fig["field"] in heldout_measure.FIELDS, fig
            assert fig.get("indikator") or fig.get("uraian"), fig
            heldout_measure.printed_number(fig["value"])  # parses as printed
            assert (folder / fig["tabel"]).is_file(), fig


def test_kecamatan_files_name_their_kecamatan() -> None:
    """The file name is where the reader finds the kecamatan (no kecamatan.csv line)."""
    for folder in KECAMATAN_OFFICES:
        kecamatan = folder.split("_", 1)[1]
        for cut in build.OFFICES[folder][2]:
            assert kecamatan in cut.file.lower(), cut.file


def _sql_values(source: str) -> tuple[set[str], dict[str, dict], dict[str, dict]]:
    """Every value of the source's statements, the program/kegiatan records by their code,
    and the indicator records by their name (parsed again here, not by the build)."""
    tables = build.corpus_a.sql_tables(build.SOURCES / source)
    values = {v for _, rows in tables.values() for row in rows for v in row if v is not None}
    records = {
        name: [dict(zip(cols, row, strict=True)) for row in rows]
        for name, (cols, rows) in tables.items()
    }
    by_code = {r["kode_program"]: r for r in records["renstra_program"]}
    by_code |= {r["kode_nomenklatur"]: r for r in records.get("renstra_kegiatan", [])}
    indicators = {
        r["indikator"]: r
        for name in ("renstra_program_indikator", "renstra_kegiatan_indikator")
        for r in records.get(name, [])
    }
    return values | {""}, by_code, indicators


def _check_renstra_rows(cut, rows: list[list[str]]) -> None:
    """Each shipped row is the export's: every cell a value of the source; a row's targets
    those of the indicator it names, its Rp the anggaran of the program/kegiatan whose code
    it prints (blank on a kegiatan's further indicator rows)."""
    values, by_code, indicators = _sql_values(cut.source)
    for row in rows:
        assert all(cell in values for cell in row), row
        ind = indicators[row[2]]
        assert row[3] == ind["satuan"] and row[4] == (ind["kondisi_awal"] or ""), row
        owner = by_code.get(row[0])
        for i, year in enumerate(build.YEARS):
            assert row[5 + 2 * i] == (ind[f"target_{year}"] or ""), (row[2], year)
            rp = (owner[f"anggaran_{year}"] or "") if owner else ""
            assert row[6 + 2 * i] == rp, (row[0], year)
        if owner:  # the code's own name and the indicator under it
            assert row[1] == owner["nama"], row
            key = "program_id" if "kode_program" in owner else "kegiatan_id"
            assert ind[key] == owner["id"], row
    expected = sum(
        len(rs)
        for level, rs in (
            ("program", _records(cut.source, "renstra_program_indikator")),
            ("kegiatan", _records(cut.source, "renstra_kegiatan_indikator")),
        )
        if level in cut.levels
    )
    assert len(rows) == expected, cut.file


def _records(source: str, table: str) -> list:
    return build.corpus_a.sql_tables(build.SOURCES / source).get(table, ([], []))[1]


@pytest.mark.parametrize("folder", list(build.OFFICES))
def test_shipped_files_are_the_source_cells_and_every_figure_is_printed_on_its_row(folder):
    office = build.make_office(folder)
    spec = _spec(folder)
    assert spec["kabupaten"] == office.kabupaten
    assert spec["figures"] == [fig for t in office.tables for fig in t.figures]
    for cut, table in zip(build.OFFICES[folder][2], office.tables, strict=True):
        path = HELDOUT_D / folder / table.file
        written = build.written_cells(path)
        if isinstance(cut, build.Rpjmd):
            # the HTML table's cells, row for row: head, then the cut rows
            grid = build.rpjmd_grid(cut.body)
            assert table.header + table.rows == grid.cells
            source_text = (build.SOURCES / cut.body).read_text(encoding="utf-8")
            assert "1.0" in source_text and "<tr>" in source_text
        else:
            _check_renstra_rows(cut, table.rows)
            for line in table.title:  # the export's own header lines
                assert f"-- {line}" in (build.SOURCES / cut.source).read_text(encoding="utf-8")
        if path.suffix == ".pdf":
            assert written == build.expected_pdf_cells(table), table.file
        elif path.suffix == ".docx":
            assert written == [[t] for t in table.title] + table.header + table.rows
        else:
            assert written == table.cells(), table.file
        body = table.header + table.rows
        for fig in table.figures:
            name = heldout_measure._key(fig["indikator"])
            named = [r for r in body if any(heldout_measure._key(c) == name for c in r)]
            assert len(named) == 1, (table.file, fig["indikator"])  # one row names it
            assert fig["value"] in named[0], (table.file, fig)
            if "uraian" in fig:  # the program/kegiatan it is named by stands on that row
                assert fig["uraian"] in [c.replace("\n", " ") for c in named[0]], fig


def test_the_pdf_prints_every_figure_whole_in_its_cell() -> None:
    """A figure that wrapped inside its cell (``2188115482.`` / ``00``) would be printed
    differently from the source: every counted value stands unbroken in the PDF's table."""
    import pdfplumber

    office = build.make_office("banyuwangi_sempu")
    (table,) = office.tables
    path = HELDOUT_D / office.folder / table.file
    assert path.read_bytes()[:5] == b"%PDF-"
    with pdfplumber.open(path) as pdf:
        cells = [row for page in pdf.pages for t in page.extract_tables() for row in t]
    for fig in table.figures:
        rows = [r for r in cells if fig["value"] in r]
        assert rows, fig
    assert len(table.figures) == 50


def test_xlsx_keep_the_merged_heads_of_the_printed_tables() -> None:
    import openpyxl

    glenmore = HELDOUT_D / "banyuwangi_glenmore"
    path = glenmore / "renstra_kecamatan_glenmore_2025-2030_program_kegiatan.xlsx"
    ws = openpyxl.load_workbook(path).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    # two title lines and a blank line above the three-row head
    assert {"A4:A6", "E4:E6", "F4:O4", "F5:G5", "N5:O5"} <= merged
    assert ws["F4"].value == "Target Kinerja dan Kerangka Pendanaan"
    assert [ws.cell(6, c).value for c in (6, 7)] == ["Target", "Rp"]
    path = (
        HELDOUT_D
        / "sumedang_rpjmd"
        / "pemkab_rpjmd_2018-2023_program_prioritas_perkim_trantibum.xlsx"
    )
    merged = {str(r) for r in openpyxl.load_workbook(path).active.merged_cells.ranges}
    # the head's year groups, and a program's code and name over its three indicators
    assert {"F1:Q1", "J2:K2", "A10:A12", "B10:B12"} <= merged


def test_only_unambiguous_figures_are_counted() -> None:
    for text in ("2683946801.00", "95.5", "100", "1"):
        assert build.counted(text), text
    for text in ("", "0", "0.00", "1.250"):
        assert not build.counted(text), text
    head = ["k", "n", "i", "s", "a"]
    rows = [
        (head + ["90", "5000.00"] + ["", ""] * 4, {"indikator": "Indeks A", "uraian": "Keg A"}),
        (head + ["7", ""] + ["", ""] * 4, {"indikator": "Jumlah B"}),
        (head + ["3", "0.00"] + ["", ""] * 4, {"indikator": "Jumlah C", "uraian": "Keg C"}),
        (head + ["4", "6000.00"] + ["", ""] * 4, {"indikator": "Jumlah C", "uraian": "Keg D"}),
    ]
    figs = build.matrix_figures(rows, "t.xlsx")
    # Rp named by the kegiatan on its row; a twin indicator (Jumlah C) counts nowhere;
    # an anggaran 0.00 is no figure
    assert [(f["indikator"], f.get("uraian"), f["field"], f["value"]) for f in figs] == [
        ("Indeks A", None, "target", "90"),
        ("Indeks A", "Keg A", "pagu", "5000.00"),
        ("Jumlah B", None, "target", "7"),
    ]


def test_corpus_size_mix_and_balance_as_the_readme_states() -> None:
    spec = {f.name: json.loads((f / "printed.json").read_text(encoding="utf-8")) for f in OFFICES}
    figures = [fig for s in spec.values() for fig in s["figures"]]
    per_office = {name: len(s["figures"]) for name, s in spec.items()}
    tables = {(name, fig["tabel"]) for name, s in spec.items() for fig in s["figures"]}
    kinds = Counter(f["field"] for f in figures)
    assert len(figures) >= 250 and len(OFFICES) >= 5 and len(tables) >= 8
    assert kinds["target"] + kinds["realisasi"] + kinds["capaian"] >= 0.4 * len(figures)
    assert max(per_office.values()) <= len(figures) / 3, per_office
    assert per_office["sumedang_rpjmd"] <= 0.25 * len(figures)  # a development family
    readme = (HELDOUT_D / "README.md").read_text(encoding="utf-8")
    assert f"{len(figures)} printed figures" in readme
    for name, n in per_office.items():
        assert f"`{name}`" in readme and f"| {n} |" in readme, name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="the .pdf is printed by LibreOffice")
def test_the_build_rebuilds_the_shipped_files(tmp_path: Path) -> None:
    heldout_measure.check_rebuilds(build, HELDOUT_D, tmp_path)


@pytest.fixture(scope="module")
def measured() -> list[heldout_measure.OfficeResult]:
    return heldout_measure.measure_all(HELDOUT_D)


@pytest.mark.slow
def test_no_traceback_nothing_silently_dropped_and_nothing_read_wrong(measured) -> None:
    heldout_measure.check_clean(measured, len(OFFICES))


# measured once by the lead at merge (8 December 2026, 03:30 UTC, main 9426de9 with the
# reader rules of h-reader6 and h-reader7): 737 of 740 right, 0 wrong, 0 dropped, 0
# tracebacks, office by office and table by table alike. The 3 missing are the Rp
# 2021-2023 on the row of program 1.05.02 and its first indicator (Rasio petugas
# Perlindungan masyarakat), the next indicator rows printing none: written as the
# program's pagu (anggaran, 5.119.155.000 / 8.951.167.700 / 10.625.000.000), which the
# measure, looking a pagu up by its indicator, does not credit.
MEASURED_RIGHT: int | None = 737


@pytest.mark.slow
def test_no_fewer_figures_right_than_measured(measured) -> None:
    if MEASURED_RIGHT is None:
        pytest.skip("MEASURED_RIGHT is set by the lead at merge")
    heldout_measure.check_floor(measured, MEASURED_RIGHT)
