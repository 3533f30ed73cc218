"""Rules of the general table reader, one test each (header blocks, years, non-data rows,
quarters in one cell, Word tables, complementary tables, codes, evidence, --lenient)."""

from __future__ import annotations

from pathlib import Path

import docx
import numpy as np
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.oxml.shared import OxmlElement
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import run, write_csv, write_xlsx

from analysis.cli import main
from analysis.errors import Findings
from analysis.ingest.formats import links
from analysis.ingest.formats.word import read_docx
from analysis.ingest.rows import merge
from analysis.ingest.tables import by_year, nondata, quarter_cells
from analysis.ingest.tables.header_block import classify_composed
from analysis.ingest.tables.headers import compose_header, header_year, is_header_like
from analysis.ingest.text import code_like

# --- header blocks -----------------------------------------------------------------------


def test_group_row_covers_the_titled_columns_to_its_right() -> None:
    # seed 004 l.1019-1020 (Tabel 3.4), merged cells lost: KINERJA / ANGGARAN once each
    labels = compose_header(
        [
            ["NO", "PROGRAM", "KINERJA", "", "", "ANGGARAN", "", ""],
            [
                "",
                "",
                "TARGET",
                "REALISASI s/d TW.IV",
                "Capaian (%)",
                "TARGET s/d TW IV",
                "REAL",
                "Capaian (%)",
            ],
        ]
    )
    assert labels[:3] == ["NO", "PROGRAM", "KINERJA / TARGET"]
    assert labels[4] == "KINERJA / Capaian (%)" and labels[7] == "ANGGARAN / Capaian (%)"
    fields = [classify_composed(x) for x in labels]
    assert fields[4] == "capaian" and fields[7] == "serapan"


def test_repeated_sub_labels_are_dealt_to_the_groups_in_order() -> None:
    # seed 002 l.1078-1110: Target / Realisasi / Capaian each over TW I..IV, printed shifted
    labels = compose_header(
        [
            ["No", "Kegiatan", "Indikator", "Target", "Realisasi", "", "Capaian (%)"],
            ["", "", "", *(["TW\nI", "TW II", "TW\nIII", "TW IV"] * 3)],
        ]
    )
    fields = [classify_composed(x) for x in labels]
    assert fields[3:] == [
        *(f"target_tw{q}" for q in range(1, 5)),
        *(f"realisasi_tw{q}" for q in range(1, 5)),
        *(f"capaian_tw{q}" for q in range(1, 5)),
    ]


def test_one_group_more_than_repeats_is_the_untitled_column_after_them() -> None:
    # seed 000 l.20-21: PROGRAM | KEGIATAN/SUB KEGIATAN | KET printed 4 cells apart over
    # URAIAN .. CAPAIAN % twice; the KET column (M) is untitled in the sub-label row
    subs = ["URAIAN", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN %"]
    top = ["PROGRAM", "", "", "", "KEGIATAN/SUB KEGIATAN", "", "", "", "KET", "", "", "", ""]
    labels = compose_header([top, [*subs, *subs, ""]])
    assert labels[:6] == [f"PROGRAM / {s}" for s in subs]
    assert labels[6:12] == [f"KEGIATAN/SUB KEGIATAN / {s}" for s in subs]
    assert labels[12] == "KET" and classify_composed(labels[12]) == "keterangan"
    # a last group that names no field is not moved: the header stays as printed
    top[8] = "LAIN"
    assert compose_header([top, [*subs, *subs, ""]])[12] == ""


def test_unit_sub_labels_share_their_group() -> None:
    # seed 002 l.2743-2760: (Rp.) and (%) under REALISASI ANGGARAN S.D 31 DESEMBER
    labels = compose_header(
        [
            ["No.", "PROGRAM", "JUMLAH ANGGARAN", "REALISASI ANGGARAN S.D 31 DESEMBER", "KENDALA"],
            ["", "", "", "(Rp.)", "(%)"],
        ]
    )
    assert [classify_composed(x) for x in labels[2:]] == [
        "pagu",
        "realisasi_anggaran_sd_tw4",
        "serapan_sd_tw4",
    ]


@pytest.mark.parametrize(
    ("label", "field"),
    [
        # the sub-label decides, the group refines (seed 001 l.249-250)
        (
            "Target & Realisasi Kinerja Tahun lalu (n-2) (2022) / Target Renja Tahun n-2 (2022)",
            "target",
        ),
        ("Target & Realisasi Kinerja Tahun lalu (n-2) (2022) / Tingkat Realisasi (%)", "capaian"),
        ("TW I / Target", "target_tw1"),
        ("TW III / Rp", "anggaran_tw3"),  # seed 003 Tabel 2.3
        ("TRIWULAN I / REALISASI", "realisasi_tw1"),
        ("Realisasi Capaian / Tahun 2022 (n-2)", "realisasi"),  # seed 001 Tabel 2.3
        ("Target Capaian Kinerja", "target"),  # seed 001 Tabel 4.1
        ("PROGRAM / INDIKATOR KINERJA", "indikator"),
        ("Target Renstra / Tahun 2022 (n-2)", None),  # a plan: only in a table by year
        ("BUKTI DUKUNG", "bukti_dukung"),
    ],
)
def test_composed_label_field(label: str, field: str | None) -> None:
    assert classify_composed(label) == field


def test_plan_target_of_a_printed_year_in_an_iku_table() -> None:
    assert classify_composed("Target Renstra / Tahun 2022 (n-2)", plans=True) == "target"


def test_long_header_texts_are_headers() -> None:
    text = "Realisasi Capaian Program & Kegiatan s/d tahun berjalan (Tahun n-1) (2023)" * 2
    assert len(text) > 60 and is_header_like(["", text, "2021"])
    assert not is_header_like(["1", "Program A", "77", "89,27"])
    assert header_year("Realisasi 2024 Tw IV") == 2024 and header_year("TW IV") is None


_LABEL = st.text(alphabet="ABCDEFGHIJKLMNOPRSTUVWXYZ", min_size=3, max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    groups=st.lists(_LABEL, min_size=1, max_size=4, unique=True),
    subs=st.lists(_LABEL, min_size=1, max_size=4, unique=True),
    lead=st.integers(0, 2),
)
def test_property_every_column_under_a_group_composes_group_and_label(groups, subs, lead):
    """A group row (text in the first cell of each span) over a repeated sub-label row:
    every column gets exactly its group and its own label, in that order (vertically
    merged cells repeat one text: it is kept once)."""
    top = [f"ID{i}" for i in range(lead)]
    bottom = [""] * lead
    for g in groups:
        top += [g] + [""] * (len(subs) - 1)
        bottom += subs
    labels = compose_header([top, bottom])
    assert len(labels) == len(top)
    assert labels[:lead] == top[:lead]
    for k, g in enumerate(groups):
        for j, s in enumerate(subs):
            # a group printed again as its own sub-label is one meaning, kept once
            assert labels[lead + k * len(subs) + j] == (g if g == s else f"{g} / {s}")


@settings(max_examples=100, deadline=None)
@given(groups=st.lists(_LABEL, min_size=1, max_size=4, unique=True), width=st.integers(2, 4))
def test_property_merged_spread_equals_first_cell_only(groups, width):
    """Group text spread over its merged range composes as the group in its first cell."""
    subs = [f"S{j}" for j in range(width)]
    first_only = [t for g in groups for t in [g] + [""] * (width - 1)]
    spread = [g for g in groups for _ in range(width)]
    bottom = subs * len(groups)
    assert compose_header([spread, bottom]) == compose_header([first_only, bottom])


# --- tables by year ---------------------------------------------------------------------


def test_table_by_year_writes_each_year_under_its_own_year(tmp_path: Path) -> None:
    # seed 004 l.773-775 (Tabel 3.2) in a 2024 file: figures stay under 2021..2024
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "wotu_2024_lkj.xlsx",
        {
            "T": [
                [
                    "No",
                    "Indikator Kinerja",
                    "Target",
                    "Realisasi",
                    "Target",
                    "Realisasi",
                    "Target",
                    "Realisasi",
                ],
                ["", "", "2021", "2021", "2022", "2022", "2024", "2024 Tw IV"],
                ["1", "Indeks Kepuasan Masyarakat", "77", "89,27", "78", "90,65", "82", "78,60"],
            ]
        },
    )
    iku = run(raw).iku_raw.set_index("tahun")
    assert iku.loc[2021, "target"] == 77 and iku.loc[2021, "realisasi"] == 89.27
    assert iku.loc[2022, "realisasi"] == 90.65
    assert iku.loc[2024, "realisasi"] == 78.60 and iku.loc[2024, "triwulan"] == 4
    assert pd.isna(iku.loc[2021, "triwulan"])


def test_the_running_year_of_a_table_by_year_is_up_to_the_title_quarter(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "kalaena_2024_evaluasi.xlsx",
        {
            "T": [
                ["Evaluasi Triwulan II Tahun 2024"],
                [
                    "Kode",
                    "Uraian",
                    "Indikator",
                    "Target 2023",
                    "Realisasi 2023",
                    "Target 2024",
                    "Realisasi 2024",
                ],
                ["7.01.01", "Program A", "Jumlah laporan", "12", "12", "12", "6"],
            ]
        },
    )
    k = run(raw).kinerja_wide.set_index("tahun")
    assert k.loc[2023, "realisasi_sd_tw4"] == 12  # a past year: the whole year
    assert k.loc[2024, "realisasi_sd_tw2"] == 6 and pd.isna(k.loc[2024, "realisasi_sd_tw4"])


def test_capaian_without_year_belongs_to_the_year_on_its_left() -> None:
    fields = [
        "no",
        "indikator",
        "target",
        "realisasi",
        "capaian",
        "target",
        "realisasi_sd_tw4",
        "capaian",
    ]
    years = [None, None, 2023, 2023, None, 2024, 2024, None]
    assert by_year.column_years(fields, years) == [None, None, 2023, 2023, 2023, 2024, 2024, 2024]


def test_one_header_year_against_another_title_year_is_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "towuti_2024_tabel3.xlsx",
        {
            "T": [
                [
                    "No.",
                    "PROGRAM KEGIATAN",
                    "JUMLAH ANGGARAN",
                    "REALISASI ANGGARAN S.D 31 DESEMBER 2023",
                ],
                ["01", "Program Penunjang", "3.835.399.910,00", "3.400.280.032,00"],
            ]
        },
    )
    result = run(raw)
    assert "tahun 2023" in str(result.errors) and "2024" in str(result.errors)
    assert result.anggaran_wide.empty


def test_lenient_never_writes_a_figure_under_the_wrong_year(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_xlsx(
        raw,
        "wotu_2024_ikm.xlsx",
        {
            "T": [
                [
                    "No",
                    "Indikator Kinerja",
                    "Target 2021",
                    "Realisasi 2021",
                    "Target 2023",
                    "Realisasi 2023",
                ],
                ["1", "Indeks Kepuasan Masyarakat", "77", "89,27", "80", "78,25"],
            ]
        },
    )
    write_xlsx(
        raw,
        "wotu_2024_anggaran.xlsx",
        {
            "T": [
                [
                    "No.",
                    "PROGRAM KEGIATAN",
                    "JUMLAH ANGGARAN",
                    "REALISASI ANGGARAN S.D 31 DESEMBER 2023",
                ],
                ["01", "Program Penunjang Urusan Pemerintahan Daerah", "100", "90"],
            ]
        },
    )
    assert main(["ingest", "--raw", str(raw), "--out", str(out), "--lenient"]) == 0
    iku = pd.read_parquet(out / "iku.parquet")
    got = dict(zip(iku["tahun"].astype(int), iku["realisasi"], strict=True))
    assert got == {2021: 89.27, 2023: 78.25}
    assert 2024 not in set(pd.read_parquet(out / "anggaran.parquet")["tahun"].astype(int))


# --- non-data rows -----------------------------------------------------------------------


def test_non_data_rows_are_recognised_and_counted() -> None:
    rows = [
        ["7.01.01.", "PROGRAM PENUNJANG", "100", "99,47"],
        ["**RENCANA KERJA KANTOR KECAMATAN KALAENA**", "", "", ""],  # title at a page break
        ["Kode", "Program/ Kegiatan", "Target", "Realisasi"],  # header again
        ["1", "2", "3", "4"],  # column numbers again
        ["", "", "(7/6*100)", ""],  # formula row
        ["Rata-rata Capaian Kinerja", "", "100%", ""],  # printed average (No column)
        ["", "", "TW 4 : 3", ""],  # a continuation line: data
        ["7.01.01.2.01.", "Perencanaan", "100", "100"],
    ]
    cells = pd.DataFrame(rows, dtype=object)
    kinds = nondata.classify_rows(
        cells, [["Kode", "Program/ Kegiatan", "Target", "Realisasi"]], {0}, {0, 1}
    )
    assert kinds.tolist() == [
        None,
        "judul/catatan",
        "judul kolom berulang",
        "nomor kolom",
        "nomor kolom",
        "rata-rata tercetak",
        None,
        None,
    ]
    assert nondata.summary(kinds).startswith("baris bukan data dilewati: ")


def test_a_group_heading_in_the_name_column_is_not_data() -> None:
    cells = pd.DataFrame(
        [["", "Sasaran Strategis 1: Meningkatnya pelayanan", ""], ["1", "Program A", "3"]],
        dtype=object,
    )
    kinds = nondata.classify_rows(cells, [], set(), {1})
    assert kinds.tolist() == ["judul kelompok", None]


def test_a_note_starting_with_rata_rata_is_data() -> None:
    cells = pd.DataFrame([["Program A", "3", "Rata-rata capaian 100%"]], dtype=object)
    kinds = nondata.classify_rows(cells, [], set(), {0})
    assert kinds.isna().all()


# --- several quarters in one cell --------------------------------------------------------


def test_quarters_in_one_cell_split_into_their_quarters() -> None:
    # seed 000 l.97
    data = pd.DataFrame(
        [
            [
                "RKA-SKPD",
                "Jumlah dokumen",
                "2 Dok",
                "TW 1 : 0 TW 2 : 0 TW 3 : 1 TW 4 : 1",
                "0 0 1 1",
                "- - 100 100",
                "ket",
            ]
        ],
        dtype=object,
    )
    out, rows, problems = quarter_cells.expand(data, np.array([7]), 3, [4, 5], [0, 1, 2], [6])
    assert problems == [] and rows.tolist() == [7, 7, 7, 7]
    assert out[3].tolist() == ["TW 1 : 0", "TW 2 : 0", "TW 3 : 1", "TW 4 : 1"]
    assert out[4].tolist() == ["0", "0", "1", "1"] and out[5].tolist() == ["-", "-", "100", "100"]
    assert out[0].tolist() == ["RKA-SKPD", None, None, None]
    assert out[6].tolist() == ["ket", None, None, None]


def test_quarters_and_values_that_do_not_pair_are_errors_not_guesses() -> None:
    # seed 000 l.126: four quarter labels, three realisasi, one capaian
    data = pd.DataFrame(
        [["Pengadaan", "Jumlah Unit", "6 Unit", "TW 1 : TW 2 : 3 TW 3 : TW 4 : 3", "1 2 3", "33"]],
        dtype=object,
    )
    out, _, problems = quarter_cells.expand(data, np.array([9]), 3, [4, 5], [0, 1, 2], [])
    assert len(out) == 0
    assert [(p[0], p[1]) for p in problems] == [(9, 4), (9, 5)]
    assert "4 triwulan di sel target tetapi 3 nilai" in problems[0][3]


def test_quarter_label_in_a_per_quarter_column(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    head = "tahun;kecamatan;kode;uraian;indikator;TARGET TW I;TARGET TW II\n"
    write_csv(
        raw, "wotu_2024_k.csv", head + "2024;Wotu;7.01.01;Program A;Jumlah;TW 1 : 4;TW 1 : 5\n"
    )
    result = run(raw)
    assert len(result.errors) == 1
    assert "TW 1 di kolom triwulan TW 2" in str(result.errors) and "'TW 1 : 5'" in str(
        result.errors
    )


# --- Word --------------------------------------------------------------------------------


def _merge_right(cell, span: int) -> None:
    props = cell._tc.get_or_add_tcPr()
    grid = OxmlElement("w:gridSpan")
    grid.set(qn("w:val"), str(span))
    props.append(grid)


def test_docx_tables_with_merged_cells_and_title_paragraphs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    document = docx.Document()
    document.add_paragraph("Tabel 3.4")
    document.add_paragraph("Realisasi Anggaran Triwulan IV Tahun 2024 Kantor Kecamatan Wotu")
    table = document.add_table(rows=3, cols=4)
    top = table.rows[0].cells
    top[0].text, top[1].text = "NO", "PROGRAM/KEGIATAN"
    top[2].merge(top[3]).text = "ANGGARAN"  # horizontal merge
    table.cell(0, 0).merge(table.cell(1, 0))  # vertical merge
    sub = table.rows[1].cells
    sub[2].text, sub[3].text = "PAGU", "REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)"
    row = table.rows[2].cells
    for c, text in enumerate(["01", "PROGRAM PENUNJANG URUSAN", "3.135.828.551", "3.056.331.499"]):
        row[c].text = text
    document.save(raw / "laporan.docx")
    grids = read_docx(raw / "laporan.docx", "laporan.docx").grids
    assert len(grids) == 1 and grids[0].sheet == "tabel 1"
    assert grids[0].cells.iat[0, 0] == "Tabel 3.4"
    assert (2, 2, 2, 3) in grids[0].merged and (2, 0, 3, 0) in grids[0].merged
    result = run(raw)
    assert not result.errors, str(result.errors)
    row = result.anggaran_wide.iloc[0]
    assert (row["kecamatan"], int(row["tahun"])) == ("Wotu", 2024)  # from the title paragraphs
    assert row["pagu"] == 3_135_828_551 and row["realisasi_anggaran_sd_tw4"] == 3_056_331_499


def test_grid_span_read_from_the_xml(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    _merge_right(table.rows[0].cells[0], 1)
    table.rows[0].cells[0].text = "Uraian"
    document.save(tmp_path / "a.docx")
    assert read_docx(tmp_path / "a.docx", "a.docx").grids[0].cells.iat[0, 0] == "Uraian"


# --- complementary tables ----------------------------------------------------------------


def _frame(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "kecamatan",
            "tahun",
            "kunci",
            "indikator",
            "target_tahunan",
            "realisasi_sd_tw4",
            "sumber",
        ],
    )


def test_complementary_tables_merge_into_one_row() -> None:
    errors = merge.ErrorList()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 12.0, np.nan, "a.xlsx:T:4"],
            ["Wotu", 2024, "k1", "Jumlah", 12.0, 12.0, "b.xlsx:T:9"],
        ]
    )
    out = merge.merge_complementary(
        frame,
        ["kecamatan", "tahun", "kunci", "indikator"],
        ["target_tahunan", "realisasi_sd_tw4"],
        errors,
    )
    assert len(out) == 1 and not errors
    assert (
        out.iloc[0]["realisasi_sd_tw4"] == 12 and out.iloc[0]["sumber"] == "a.xlsx:T:4 | b.xlsx:T:9"
    )


def test_conflicting_figures_of_complementary_tables_are_an_error_naming_both() -> None:
    errors = merge.ErrorList()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 8.0, np.nan, "a.xlsx:T:61"],
            ["Wotu", 2024, "k1", "Jumlah", 18.0, 18.0, "b.xlsx:T:44"],
        ]
    )
    merge.merge_complementary(
        frame,
        ["kecamatan", "tahun", "kunci", "indikator"],
        ["target_tahunan", "realisasi_sd_tw4"],
        errors,
    )
    text = str(errors)
    assert "a.xlsx:T:61 = 8;" in text and "b.xlsx:T:44 = 18 " in text


def test_conflicting_target_with_findings_is_a_finding_and_the_realisasi_table_wins() -> None:
    # Wotu: target 8 Unit in Tabel 2.8 (pagu table), 18 Unit in Tabel 3.4 (with realisasi)
    errors, findings = merge.ErrorList(), Findings()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 8.0, np.nan, "a.xlsx:T:61"],
            ["Wotu", 2024, "k1", "Jumlah", 18.0, 18.0, "b.xlsx:T:44"],
        ]
    ).assign(satuan=["Unit", "Unit"], uraian="Pemeliharaan Peralatan dan Mesin Lainnya")
    out = merge.merge_complementary(
        frame,
        ["kecamatan", "tahun", "kunci", "indikator"],
        ["target_tahunan", "realisasi_sd_tw4"],
        errors,
        findings,
    )
    assert not errors and len(out) == 1
    assert out.iloc[0]["target_tahunan"] == 18 and out.iloc[0]["realisasi_sd_tw4"] == 18
    (f,) = findings.items
    assert f.jenis == "tabel_berbeda" and f.kolom == "target_tahunan"
    assert "18 Unit di b.xlsx:T:44" in f.pesan and "8 Unit di a.xlsx:T:61" in f.pesan
    assert "laporan memakai 18 dari b.xlsx:T:44" in f.pesan
    assert (f.dilaporkan, f.dihitung, f.kecamatan, f.tahun) == ("8", "18", "Wotu", 2024)


def test_units_two_tables_write_differently_are_a_finding_abbreviations_not() -> None:
    errors, findings = merge.ErrorList(), Findings()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 12.0, np.nan, "a.xlsx:T:4"],
            ["Wotu", 2024, "k1", "Jumlah", np.nan, 12.0, "b.xlsx:T:9"],
            ["Wotu", 2024, "k2", "Jumlah", 2.0, np.nan, "a.xlsx:T:5"],
            ["Wotu", 2024, "k2", "Jumlah", np.nan, 2.0, "b.xlsx:T:10"],
        ]
    ).assign(satuan=["Laporan", "Dokumen", "Dok", "Dokumen"])
    out = merge.merge_complementary(
        frame,
        ["kecamatan", "tahun", "kunci", "indikator"],
        ["target_tahunan", "realisasi_sd_tw4"],
        errors,
        findings,
    )
    assert not errors and len(out) == 2
    assert [(f.jenis, f.kolom) for f in findings.items] == [("tabel_berbeda", "satuan")]
    assert out.set_index("kunci").at["k1", "satuan"] == "Dokumen"  # the realisasi table's


def test_a_copy_is_not_merged() -> None:
    errors = merge.ErrorList()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 12.0, 12.0, "a.xlsx:T:4"],
            ["Wotu", 2024, "k1", "Jumlah", 12.0, 12.0, "b.xlsx:T:4"],
        ]
    )
    out = merge.merge_complementary(
        frame,
        ["kecamatan", "tahun", "kunci", "indikator"],
        ["target_tahunan", "realisasi_sd_tw4"],
        errors,
    )
    assert len(out) == 2  # left to the duplicate check (contract: a copy is an error)


# --- codes -------------------------------------------------------------------------------


def test_codes_in_no_column_and_split_over_columns(tmp_path: Path) -> None:
    assert code_like(
        pd.Series(["07.01.01", "7.01.01.2.01.01", "7.01.01. ", "01", "1.", "5,2"])
    ).tolist() == [True, True, True, False, False, False]
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "kalaena_2024_pagu.xlsx",
        {
            "S": [
                ["Kode", "", "", "", "", "", "Program/Kegiatan/Sub Kegiatan", "Pagu"],
                ["7", "01", "01", "", "", "", "Program Penunjang", "100"],
                ["7", "01", "01", "2", "01", "", "Perencanaan", "60"],
                ["7", "01", "01", "2", "01", "01", "Penyusunan Dokumen", "60"],
            ]
        },
    )
    write_csv(raw, "wotu_2024_pagu.csv", "No;Uraian;Pagu\n07.01.02;Program X;100\n")
    result = run(raw)
    assert not result.errors
    kode = dict(zip(result.anggaran_wide["uraian"], result.anggaran_wide["kode"], strict=True))
    assert kode["Penyusunan Dokumen"] == "7.01.01.2.01.01" and kode["Program X"] == "7.01.02"


def test_a_code_decided_by_name_is_a_note(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_pagu.csv",
        "Uraian;Pagu\nProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota;100\n",
    )
    result = run(raw)
    assert any("kode dari nama (nomenklatur) untuk 1 baris: 2" in n for n in result.notes)


# --- money, evidence, unread columns -----------------------------------------------------


def test_quarter_columns_of_a_budget_only_table_are_money(tmp_path: Path) -> None:
    # seed 003 l.124-127
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "kalaena_2025_keuangan.xlsx",
        {
            "S": [
                ["NO", "SUB KEGIATAN", "ANGGARAN", "TRIWULAN I", "", ""],
                ["", "", "", "TARGET", "REALISASI", "CAPAIAN"],
                [
                    "1.",
                    "Pelaksanaan Urusan Pemerintahan yang terkait dengan Pelayanan Perizinan "
                    "Non Usaha",
                    "6,403,000",
                    "423,300",
                    "423,300",
                    "",
                ],
            ]
        },
    )
    result = run(raw)
    assert result.kinerja_wide.empty
    row = result.anggaran_wide.iloc[0]
    assert (row["pagu"], row["anggaran_tw1"], row["realisasi_anggaran_tw1"]) == (
        6_403_000,
        423_300,
        423_300,
    )


def test_hyperlink_evidence_is_text_and_link() -> None:
    raw = pd.Series(
        ['=HYPERLINK("https://x.example/a","Foto")', "https://x.example/b", None], dtype=object
    )
    assert links.as_text(raw).tolist()[:2] == ["Foto <https://x.example/a>", "https://x.example/b"]


def test_unrecognised_column_with_numbers_is_named(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_k.csv",
        "tahun;kecamatan;kode;uraian;indikator;target_tw1;Proyeksi 2026\n"
        "2024;Wotu;7.01.01;Program A;Jumlah;3;9\n",
    )
    notes = " ".join(run(raw).notes)
    assert "kolom tidak dikenal berisi angka, tidak dibaca: 'Proyeksi 2026' (1 angka)" in notes


def test_non_data_rows_are_counted_in_the_result(tmp_path: Path) -> None:
    # seed 001 T-C.29 shape: numbered row under the header, the title again at a page break
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "kalaena_2024_renja.xlsx",
        {
            "T": [
                ["Kode", "Program/ Kegiatan", "Indikator", "Target 2022", "Target 2023"],
                ["1", "2", "3", "4", "5"],
                ["7.01.01.", "PROGRAM PENUNJANG", "Persentase (%)", "100", "99,47"],
                ["**RENCANA KERJA KANTOR KECAMATAN KALAENA**"],
                ["Kode", "Program/ Kegiatan", "Indikator", "Target 2022", "Target 2023"],
                ["7.01.01.2.01.", "Perencanaan", "Persentase (%)", "100", "100"],
            ]
        },
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.skipped == {"nomor kolom": 1, "judul/catatan": 1, "judul kolom berulang": 1}
    assert len(result.kinerja_wide) == 4  # two rows, each for 2022 and 2023


def test_realisasi_beside_a_single_quarter_target_is_that_quarters(tmp_path: Path) -> None:
    # seed 002 l.2019-2038
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "towuti_2024_dpa.csv",
        "URAIAN;INDIKATOR KINERJA;SATUAN;TARGET TW I;REALISASI;% CAPAIAN\n"
        "Koordinasi dan Penyusunan DPA-SKPD;Jumlah dokumen DPA-SKPD;dokumen;1;1;100\n",
    )
    row = run(raw).kinerja_wide.iloc[0]
    assert (row["target_tw1"], row["realisasi_tw1"], row["capaian_tw1"]) == (1, 1, 100)
    assert pd.isna(row["realisasi_sd_tw4"])
