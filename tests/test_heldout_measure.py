"""The held-out measure and the build of its fixtures (``tests/heldout_measure.py``,
``tests/data/heldout/build.py``): names are matched as offices print them, the exports are
the cut rows, and every printed figure points at a file of its office."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
HELDOUT = TESTS / "data" / "heldout"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


measure = _load("heldout_measure", TESTS / "heldout_measure.py")
build = _load("heldout_build", HELDOUT / "build.py")


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        (
            "1. Sub Kegiatan\nFasilitasi Pelaksanaan Pemerintahan Umum",
            "Fasilitasi Pelaksanaan Pemerintahan Umum",
        ),
        ("3.Sub Kegiatan Evaluasi Pelaksanaan", "Evaluasi Pelaksanaan"),
        ("Kegiatan : Administrasi Umum Perangkat Daerah", "Administrasi Umum Perangkat Daerah"),
        (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        ),
        ("Hasil Indeks Kepuasan\nMasyarakat", "Hasil Indeks Kepuasan Masyarakat"),
    ],
)
def test_a_printed_name_matches_without_its_number_and_level_label(printed: str, name: str) -> None:
    assert measure._key(printed) == measure._key(name)


def test_different_names_stay_different() -> None:
    assert measure._key("Penyediaan Peralatan dan Perlengkapan Kantor") != measure._key(
        "Penyediaan Jasa Peralatan dan Perlengkapan Kantor"
    )


def test_printed_numbers_as_offices_and_exports_write_them() -> None:
    assert measure.printed_number("3.135.828.551") == 3135828551
    assert measure.printed_number("97,46%") == 97.46
    assert measure.printed_number("5597008556.00") == 5597008556
    assert measure.printed_number("84.5") == 84.5
    assert measure.printed_number("1,004,422,800") == 1004422800
    assert measure.printed_number("6,67%") == 6.67


def test_sql_excerpt_reads_rows_with_line_breaks_and_nulls(tmp_path: Path) -> None:
    source = tmp_path / "x.sql"
    source.write_text(
        "REPLACE INTO `t` (`id`, `nama`, `target_2026`, `anggaran_2026`) VALUES\n"
        "  (1, 'Persentase koordinasi\numum', '100', NULL),\n"
        "  (2, 'Jumlah (orang), ''ASN''', '', '0.00');\n",
        encoding="utf-8",
    )
    columns, rows = build.sql_tables(source)["t"]
    assert columns == ["id", "nama", "target_2026", "anggaran_2026"]
    assert rows == [
        ["1", "Persentase koordinasi\numum", "100", None],
        ["2", "Jumlah (orang), 'ASN'", "", "0.00"],
    ]
    figures = build.printed_figures(columns, rows)
    assert [(f["uraian"], f["field"], f["value"]) for f in figures] == [
        ("Persentase koordinasi\numum", "target", "100"),
        ("Jumlah (orang), 'ASN'", "pagu", "0.00"),
    ]


@pytest.mark.parametrize("office", sorted(build.RENSTRA_EXPORTS))
def test_exports_are_the_cut_rows_and_every_figure_is_in_them(office: str) -> None:
    source, tables = build.RENSTRA_EXPORTS[office]
    parsed = build.sql_tables(build.SOURCES / source)
    spec = json.loads((HELDOUT / office / "printed.json").read_text(encoding="utf-8"))
    for table, name in tables:
        columns, rows = parsed[table]
        path = HELDOUT / office / name
        if name.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                written = list(csv.reader(fh))
        else:
            import openpyxl

            ws = openpyxl.load_workbook(path).active
            written = [
                ["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)
            ]
        assert written[0] == columns
        assert written[1:] == [["" if v is None else v for v in row] for row in rows]
    expected = [
        {**fig, "tabel": name}
        for table, name in tables
        for fig in build.printed_figures(*parsed[table])
    ]
    assert spec["figures"] == expected and spec["kabupaten"].startswith("Kabupaten ")


def test_every_office_folder_names_its_regency_and_files() -> None:
    folders = [p for p in HELDOUT.iterdir() if (p / "printed.json").is_file()]
    assert len(folders) >= 7
    for folder in folders:
        spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
        assert spec["kabupaten"] and spec["figures"], folder.name
        assert (folder / "SOURCE.md").is_file(), folder.name
        for fig in spec["figures"]:
            assert fig["field"] in measure.FIELDS
            assert fig.get("indikator") or fig.get("uraian")
            if "tabel" in fig:
                assert (folder / fig["tabel"]).is_file()


def test_an_indicator_row_without_budget_is_no_pagu_figure() -> None:
    """The application keeps a kegiatan's anggaran on its first indicator and 0.00 on the
    others; a 0.00 there is no printed pagu (a named row's 0.00 is, see above)."""
    columns = ["indikator", "target_2026", "anggaran_2026"]
    rows = [["Jumlah Dokumen A", "1", "12330000.00"], ["Jumlah Dokumen B", "1", "0.00"]]
    figures = build.printed_figures(columns, rows)
    assert [(f["indikator"], f["field"]) for f in figures] == [
        ("Jumlah Dokumen A", "target"),
        ("Jumlah Dokumen A", "pagu"),
        ("Jumlah Dokumen B", "target"),
    ]


pages = _load("heldout_build_pages", HELDOUT / "build_pages.py")


@pytest.mark.parametrize("office", pages.OFFICES, ids=lambda o: o.folder)
def test_page_tables_are_the_cut_cells_and_every_figure_is_printed_in_them(office) -> None:
    """The shipped files hold exactly the cell text in ``build_pages.py``, and every figure of
    ``printed.json`` is a cell of its table on the row naming it."""
    for table, written in measure.shipped_tables(office, HELDOUT, pages.written_cells):
        for fig in table.figures:
            name = fig.get("indikator") or fig["uraian"]
            if table.form:  # a DPA form: name and figure in label cells ("Kegiatan : ...")
                cells = [c for r in written for c in r]
                assert any(measure._key(name) in measure._key(c) for c in cells), fig
                assert any(fig["value"] in c for c in cells), (table.file, fig)
                continue
            rows = [r for r in written if any(measure._key(c) == measure._key(name) for c in r)]
            assert rows and any(fig["value"] in r for r in rows), (table.file, fig)


def test_page_tables_rebuild_to_the_shipped_files(tmp_path: Path) -> None:
    measure.check_rebuilds(pages, HELDOUT, tmp_path, offices=pages.OFFICES)
