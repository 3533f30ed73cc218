"""The same real tables sent as other offices send them (tests/reader_variants.py): every
variant reads the figures the original reads, or refuses with an error; never a wrong
figure, a row silently dropped or a traceback. The whole matrix (every office of the
development corpora) is ``python tests/reader_variants.py``; here a sample of offices of
every corpus and format, in process, and one test per fix that fails without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reader_variants as rv
from ingest_helpers import run, write_xlsx

from analysis.ingest.tables import nondata

UNITS = {u.name: u for u in rv.units()}

SAMPLE = [
    "heldout/gunung_kaler",  # xlsx, IKU with printed totals
    "other_offices/jangkar",  # renstra xlsx + IKU csv
    "heldout_b/ipdn_jatinangor",  # xlsx, csv and ods budget tables
]

HOLDS = {
    # variant family -> sample offices whose figures all read as in the original
    **{f: SAMPLE for f in ("xlsx", "xls", "ods", "csv_koma_utf8bom", "csv_titikkoma_cp1252")},
    **{f: SAMPLE for f in ("docx", "sheet_kedua_xlsx", "sheet_kedua_ods")},
    # jangkar's 'Jumlah Dokumen Perubahan RKA-SKPD ...' wraps in the PDF (see README)
    "pdf_dari_docx": ["heldout/gunung_kaler", "heldout_b/ipdn_jatinangor"],
    **{f: SAMPLE for f in ("kop", "nomor_kolom", "spasi", "kepala_berulang", "tanda_tangan")},
    **{f: SAMPLE for f in ("lepas_gabung", "angka_teks")},
}


@pytest.fixture(scope="module")
def baseline() -> dict[str, rv.Measured]:
    return {name: rv.measure(UNITS[name], None) for name in SAMPLE}


def test_the_sample_reads_as_shipped(baseline) -> None:
    for name, m in baseline.items():
        assert m.right == m.figures, (name, m.details)


@pytest.mark.parametrize("family", rv.FAMILIES)
def test_no_variant_reads_a_wrong_figure_or_drops_a_row(family, baseline) -> None:
    for name in SAMPLE:
        m = rv.measure(UNITS[name], family)
        assert not m.traceback, (name, family, m.details)
        assert m.wrong == 0, (name, family, m.details)
        assert m.dropped == 0, (name, family, m.details)
        if name in HOLDS.get(family, ()):
            assert m.right == baseline[name].right, (name, family, m.details)


def test_every_family_has_pdfs_built_for_every_office() -> None:
    for family in rv.PDF_FAMILIES:
        for unit in UNITS.values():
            folder = rv.PDF_ROOT / family / unit.corpus / unit.folder.name
            assert len(list(folder.glob("*.pdf"))) == len(unit.files), (family, unit.name)


# --- side sheets (cover, chart data) -------------------------------------------------------


def test_a_cover_and_chart_data_before_the_table_are_passed_over_with_a_note(tmp_path) -> None:
    unit = UNITS["heldout/gunung_kaler"]
    raw = tmp_path / "raw"
    rv.write_variant(unit, "sheet_kedua_xlsx", raw)
    result, _, _ = rv.ingest_raw(raw, unit.spec, tmp_path)
    assert not result.errors, str(result.errors)
    notes = [n for n in result.notes if "sheet samping dilewati" in n]
    assert len(notes) == 2, result.notes
    assert "Sampul" in notes[0] and "Data Grafik" in notes[1]
    assert rv.measure_raw(raw, unit.spec, tmp_path / "m").right == 18


def test_a_workbook_of_side_sheets_only_is_still_refused(tmp_path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(raw, "towuti_2024_kinerja.xlsx", {"Sampul": rv.COVER.rows, "Grafik": rv.CHART.rows})
    result = run(raw)
    assert len(result.errors) == 2, str(result.errors)


def test_a_sheet_naming_rows_in_an_unknown_layout_keeps_its_error(tmp_path) -> None:
    raw = tmp_path / "raw"
    table = [
        ["Uraian", "Target", "Realisasi", "Capaian (%)"],
        ["Persentase layanan administrasi", 100, 95, 95],
    ]
    other = [["Uraian", "Keterangan lain"], ["Program A", 12], ["Program B", 13]]
    write_xlsx(raw, "towuti_2024_kinerja.xlsx", {"Tabel": table, "Lain": other})
    result = run(raw)
    assert any(e.sheet == "Lain" for e in result.errors.errors), str(result.errors)


# --- signature block -----------------------------------------------------------------------


def test_a_signature_block_under_a_table_is_no_data() -> None:
    import pandas as pd

    cells = pd.DataFrame(
        [
            ["Program A", "Persen", 100, 95],
            [None, None, "Wotu, 31 Desember 2024", None],
            [None, None, "Camat Wotu,", None],
            [None, None, "Drs. AHMAD, M.Si", None],
            [None, None, "NIP. 19700101 199003 1 005", None],
            ["Program B", "Persen", 100, 90],
        ],
        dtype=object,
    )
    kinds = nondata.classify_rows(cells, [["Uraian", "Satuan", "Target", "Realisasi"]], set())
    assert kinds.tolist() == [None, *["tanda tangan"] * 4, None]


def test_the_signature_variant_reads_every_figure(tmp_path) -> None:
    unit = UNITS["other_offices/jangkar"]
    raw = tmp_path / "raw"
    rv.write_variant(unit, "tanda_tangan", raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details


# --- the head printed again after a page break ---------------------------------------------


def test_a_repeated_head_with_underscored_names_is_no_data(tmp_path) -> None:
    unit = UNITS["other_offices/licin"]  # target_2025, target_2026 ... as exported
    raw = tmp_path / "raw"
    rv.write_variant(unit, "kepala_berulang", raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details


# --- a printed total row ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["other_offices/giri", "heldout/polewali_mandar_bpkad"])
def test_a_jumlah_row_typed_in_the_kode_or_first_column_is_a_printed_total(name, tmp_path):
    unit = UNITS[name]  # giri: JUMLAH in the Kode column; polewali: in the Pejabat column
    raw = tmp_path / "raw"
    rv.write_variant(unit, "jumlah", raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details


# --- merged heads: unmerged (CSV, ODS) or typed in every cell --------------------------------


@pytest.mark.parametrize("family", ["csv_koma_utf8bom", "lepas_gabung"])
def test_an_unmerged_year_group_ends_where_a_head_cell_above_begins(family, tmp_path):
    unit = UNITS["heldout_c/sumedang_bkpsdm"]  # 2023 | (Rp) | Kondisi akhir: Target | Rp
    raw = tmp_path / "raw"
    rv.write_variant(unit, family, raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details


@pytest.mark.parametrize("name", ["other_offices/giri", "heldout_c/sumedang_bkpsdm"])
def test_a_group_head_typed_in_every_cell_reads_as_merged(name, tmp_path):
    unit = UNITS[name]
    raw = tmp_path / "raw"
    rv.write_variant(unit, "lepas_gabung_isi", raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details


def test_a_head_row_of_the_same_word_over_the_same_words_is_left_alone() -> None:
    import pandas as pd

    from analysis.ingest.formats.grid import SheetGrid
    from analysis.ingest.tables import repeated_heads

    cells = pd.DataFrame(
        [["Uraian", "Target", "Target"], ["Uraian", "TW I", "TW I"], ["Program A", 10, 12]],
        dtype=object,
    )
    grid = SheetGrid("f.xlsx", "s", cells, np.arange(1, 4))
    out = repeated_heads.unrepeat(grid)
    assert (0, 0, 1, 0) in out.merged  # Uraian down two head rows
    assert (0, 1, 0, 2) not in out.merged  # Target over TW I | TW I: not a group
    assert out.cells.iat[2, 2] == 12


# --- a PDF with narrow columns ---------------------------------------------------------------


def test_a_number_wrapped_before_its_separator_in_a_pdf_cell_is_one_number() -> None:
    from analysis.ingest.formats.pdf_layout import join_wrapped

    assert join_wrapped("136500000\n.00") == "136500000.00"
    assert join_wrapped("1,458\n,477,763,740.00") == "1,458,477,763,740.00"
    assert join_wrapped("77,52\n72,47") == "77,52 72,47"  # two numbers stay two
    assert join_wrapped("Target\n.5") == "Target .5"
    assert join_wrapped("84,444,105,000.\n00") == "84,444,105,000.00"  # after the separator
    assert join_wrapped("sebesar 5.\n00") == "sebesar 5. 00"  # no thousand groups: not joined
    assert join_wrapped("1.250.\n2023") == "1.250. 2023"  # a year below is no decimals


def test_a_note_line_under_a_table_in_any_column_is_no_data(tmp_path) -> None:
    unit = UNITS["heldout/polewali_mandar_bpkad"]  # 'Keterangan: ...' in the Pejabat column
    raw = tmp_path / "raw"
    rv.write_variant(unit, "tanda_tangan", raw)
    m = rv.measure_raw(raw, unit.spec, tmp_path)
    assert (m.right, m.wrong, m.missing) == (m.figures, 0, 0), m.details
