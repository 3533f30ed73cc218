"""Bad input: every problem is an IngestError naming file, sheet, row, column and value.

No case may end in a traceback; each error kind has a test that reads the message the
planner will see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import only_error, run, write_csv, write_xlsx

from analysis.errors import ErrorList, IngestError

HEAD = "tahun;kecamatan;kode;uraian;indikator;target_tw1;realisasi_tw1\n"


def one_row(tmp_path: Path, row: str, name: str = "wotu_2024_kinerja.csv") -> str:
    raw = tmp_path / "raw"
    write_csv(raw, name, HEAD + row + "\n")
    return only_error(run(raw))


def assert_names(message: str, *parts: str) -> None:
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"


def test_error_type_fields_and_message() -> None:
    err = IngestError("bukan angka", file="a.csv", sheet="S", row=7, column="TARGET", value="x")
    assert (err.file, err.sheet, err.row, err.column, err.value) == ("a.csv", "S", 7, "TARGET", "x")
    assert_names(str(err), "a.csv", "'S'", "baris 7", "'TARGET'", "'x'", "bukan angka")
    errors = ErrorList([err, err])
    assert "2 kesalahan" in str(errors) and "  2. " in str(errors)


def test_unparsable_number(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "2024;Wotu;7.01.01;Program A;Jumlah Laporan;tiga;3")
    assert_names(msg, "wotu_2024_kinerja.csv", "baris 2", "'target_tw1'", "'tiga'", "bukan angka")


def test_quarter_label_out_of_range(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "2024;Wotu;7.01.01;Program A;Jumlah;TW 5 : 3;3")
    assert_names(msg, "baris 2", "'target_tw1'", "'TW 5 : 3'", "TW 1..4")


def test_year_out_of_range(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "1924;Wotu;7.01.01;Program A;Jumlah;3;3")
    assert_names(msg, "baris 2", "'tahun'", "'1924'", "2000..2100")


def test_unknown_kecamatan_lists_valid_names(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "2024;Kec. Atlantis;7.01.01;Program A;Jumlah;3;3")
    assert_names(msg, "baris 2", "'kecamatan'", "'Kec. Atlantis'", "Wotu", "Tomoni Timur")


def test_code_that_does_not_parse(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "2024;Wotu;7.01.AB;Program A;Jumlah;3;3")
    assert_names(msg, "baris 2", "'kode'", "'7.01.AB'", "kode")


def test_very_long_identity_cell(tmp_path: Path) -> None:
    msg = one_row(tmp_path, "2024;Wotu;7.01.01;" + "A" * 100_000 + ";Jumlah;3;3")
    assert_names(msg, "baris 2", "'uraian'", "terlalu panjang", "100,000 karakter")
    assert len(msg) < 500  # the value is shortened in the message


def test_formula_text_is_not_evaluated(tmp_path: Path) -> None:
    msg = one_row(tmp_path, '2024;Wotu;7.01.01;=HYPERLINK("http://x","klik");Jumlah;3;3')
    assert_names(msg, "baris 2", "'uraian'", "=HYPERLINK", "rumus")


def test_formula_in_xlsx_without_stored_value(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "wotu_2024_x.xlsx",
        {
            "Data": [
                ["uraian", "indikator", "target_tw1", "realisasi_tw1"],
                ["Program A", "Jumlah", 3, "=SUM(C2:C2)"],
            ]
        },
    )
    msg = only_error(run(raw))
    assert_names(msg, "wotu_2024_x.xlsx", "'Data'", "baris 2", "'D'", "SUM", "nilai tersimpan")


def test_hyperlink_formula_in_a_figure_column_is_an_error(tmp_path: Path) -> None:
    """A link is read as its text (kept in a note column, tests/test_links_kept.py); in a
    figure column it is no number."""
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "wotu_2024_x.xlsx",
        {
            "Data": [
                ["uraian", "indikator", "target_tw1", "realisasi_tw1"],
                ["Program A", "Jumlah", 3, '=HYPERLINK("http://x")'],
            ]
        },
    )
    msg = only_error(run(raw))
    assert_names(msg, "wotu_2024_x.xlsx", "'Data'", "baris 2", "[D]", "HYPERLINK")


def test_duplicated_rows_from_two_files_name_both(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    row = "2024;Wotu;7.01.01;Program A;Jumlah Laporan;3;3\n"
    write_csv(raw, "wotu_2024_a.csv", HEAD + row)
    write_csv(raw, "wotu_2024_b.csv", HEAD + row)
    msg = only_error(run(raw))
    assert_names(
        msg,
        "wotu_2024_b.csv",
        "baris 2",
        "'indikator'",
        "'Jumlah Laporan'",
        "wotu_2024_a.csv:wotu_2024_a:2",
        "ganda",
    )


def test_budget_given_twice_with_different_values_names_both(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_a.csv", "tahun;kecamatan;kode;uraian;pagu\n2024;Wotu;7.01.01;P;100\n")
    write_csv(raw, "wotu_2024_b.csv", "tahun;kecamatan;kode;uraian;pagu\n2024;Wotu;7.01.01;P;200\n")
    msg = only_error(run(raw))
    assert_names(msg, "wotu_2024_b.csv", "'pagu'", "wotu_2024_a.csv:wotu_2024_a:2", "berbeda")


def test_negative_budget_is_a_finding_not_an_error(tmp_path: Path) -> None:
    from analysis.ingest.pipeline import compute_tables
    from analysis.settings import DEFAULT_SETTINGS

    raw = tmp_path / "raw"
    write_csv(
        raw, "wotu_2024_a.csv", "tahun;kecamatan;kode;uraian;pagu\n2024;Wotu;7.01.01;P;-100\n"
    )
    result = run(raw)
    assert not result.errors
    found = compute_tables(result, DEFAULT_SETTINGS)["pemeriksaan"]
    negative = found[found["jenis"] == "nilai_negatif"]
    # reported once (by the metrics' reconciliation), naming the cell it came from
    assert len(negative) == 1
    assert negative["sumber"].iloc[0] == "wotu_2024_a.csv:wotu_2024_a:2"
    assert negative["kolom"].iloc[0] == "pagu"


def test_mixed_units_in_a_row_are_a_finding(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_a.csv", HEAD + "2024;Wotu;7.01.01;P;Jumlah;3 Dokumen;3 Laporan\n")
    result = run(raw)
    assert not result.errors
    found = result.findings.to_frame()
    assert found["jenis"].tolist() == ["satuan_campuran"]
    assert "Dokumen" in found["pesan"].iloc[0] and "Laporan" in found["pesan"].iloc[0]


def test_markup_in_notes_is_kept_as_text(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    note = "<script>alert(1)</script> & <b>tebal</b>"
    write_csv(
        raw,
        "wotu_2024_a.csv",
        HEAD.strip() + f";keterangan\n2024;Wotu;7.01.01;P;Jumlah;3;3;{note}\n",
    )
    result = run(raw)
    assert not result.errors
    assert result.kinerja_wide["keterangan"].iloc[0] == note


def test_empty_file(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wotu_2024_kosong.csv").write_bytes(b"")
    assert_names(only_error(run(raw)), "wotu_2024_kosong.csv", "kosong")


def test_corrupt_xlsx(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "wotu_2024_rusak.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert_names(only_error(run(raw)), "wotu_2024_rusak.xlsx", "rusak")


def test_sheet_without_recognisable_header_lists_headers_found(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_foto.csv", "Foto;Tanggal;Lokasi\na.jpg;1 Mei;Wotu\n")
    msg = only_error(run(raw))
    assert_names(msg, "wotu_2024_foto.csv", "'Foto'", "'Tanggal'", "'Lokasi'")


def test_sheet_of_unknown_kind_lists_headers_found(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_x.csv", "tahun;kecamatan;catatan lain\n2024;Wotu;x\n")
    msg = only_error(run(raw))
    assert_names(
        msg, "wotu_2024_x.csv", "'tahun'", "'kecamatan'", "'catatan lain'", "tidak dikenali"
    )


def test_missing_year_everywhere(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "laporan_wotu.csv", "kecamatan;uraian;indikator;target_tw1\nWotu;P;Jumlah;3\n")
    msg = only_error(run(raw))
    assert_names(msg, "laporan_wotu.csv", "baris 2", "'tahun'", "tahun tidak diketahui")


def test_latin1_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    text = HEAD + "2024;Wotu;7.01.01;Penyediaan Jasa Kebersihan – Gedung Café;Jumlah;3;3\n"
    write_csv(raw, "wotu_2024_latin.csv", text, encoding="cp1252")
    result = run(raw)
    assert not result.errors
    assert result.kinerja_wide["uraian"].iloc[0] == "Penyediaan Jasa Kebersihan – Gedung Café"
    found = result.findings.to_frame()
    assert found["jenis"].tolist() == ["encoding_latin1"]
    assert "wotu_2024_latin.csv" in found["sumber"].iloc[0]


def test_an_unexpected_exception_becomes_an_error_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.ingest.tables import layouts

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(layouts, "extract_sheet", boom)
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_a.csv", HEAD + "2024;Wotu;7.01.01;P;Jumlah;3;3\n")
    assert_names(only_error(run(raw)), "wotu_2024_a.csv", "RuntimeError", "kaboom")


def test_all_errors_are_reported_not_just_the_first(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_a.csv",
        HEAD + "2024;Wotu;7.01.01;P;Jumlah;x;3\n2024;Wotu;7.01.02;Q;Jumlah;3;y\n",
    )
    write_csv(raw, "wotu_2024_b.csv", "")
    result = run(raw)
    assert len(result.errors) == 3
