"""Rules that make the seeds' tables read as printed (issue 19, item 4), each on a small
table a next office would also send."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import run, write_xlsx

from analysis.ingest.tables.monthly import file_month

_BUDGET = [
    ["Realisasi anggaran pada triwulan I tahun 2025 dapat digambarkan sesuai tabel berikut"],
    ["No.", "SUB KEGIATAN", "ANGGARAN", "REALISASI", "CAPAIAN"],
    ["1", "2", "3", "4", "5"],
    ["1", "Pelaksanaan urusan pemerintahan terkait perizinan non usaha", "423.300", "0", "0 %"],
]


@pytest.mark.parametrize(
    ("stem", "month"),
    [
        ("kalaena_2025_bulan01_anggaran", 1),
        ("Laporan Bulan Maret 2025", 3),
        ("kalaena_2025_bulan_ke-12", 12),
        ("kalaena_2025_bulanan", None),  # a monthly file of several months
        ("kalaena_2024_desember", None),  # may be a TW IV report: "bulan" is required
        ("bulan01_bulan02", None),  # several months: none
    ],
)
def test_file_month(stem: str, month: int | None) -> None:
    assert file_month(stem) == month


def test_budget_table_naming_no_month_takes_the_file_names_month(tmp_path: Path) -> None:
    # seed 003 l.313-319: January's report, its budget table titled "pada triwulan I"
    raw = tmp_path / "raw"
    write_xlsx(raw, "kalaena_2025_bulan01_anggaran.xlsx", {"Sheet": _BUDGET})
    result = run(raw)
    assert not result.errors, result.errors
    b = result.bulanan
    assert b["bulan"].tolist() == [1]
    assert b["anggaran"].tolist() == [423_300] and b["realisasi_anggaran"].tolist() == [0]
    assert result.anggaran_wide.empty  # never the sub kegiatan's pagu
    assert any("nama file" in n and "bulan ke-1" in n for n in result.notes)


def test_file_month_does_not_override_the_title(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    rows = [["Realisasi anggaran pada bulan Februari Tahun 2025"], *_BUDGET[1:]]
    write_xlsx(raw, "kalaena_2025_bulan01_anggaran.xlsx", {"Sheet": rows})
    assert run(raw).bulanan["bulan"].tolist() == [2]


def _budget_to_rekening(rows: list[list[object]]) -> list[list[object]]:
    header = [
        "No.",
        "PROGRAM KEGIATAN",
        "JUMLAH ANGGARAN",
        "REALISASI ANGGARAN S.D 31 DESEMBER 2024",
        "",
    ]
    return [header, ["", "", "", "(Rp.)", "(%)"], *rows]


def test_uncoded_lines_under_a_sub_kegiatan_are_rekening_lines(tmp_path: Path) -> None:
    # seed 002 l.2780-2867 (Towuti Tabel III): objects of expenditure under each sub kegiatan
    raw = tmp_path / "raw"
    rows = [
        ["5,2", "Belanja", "4.094.740.600,00", "3.623.393.162,00", "88,49"],
        ["01", "Program Penunjang Urusan Pemerintahan Daerah  Kabupaten/Kota", "100", "90", ""],
        [
            "01",
            "Kegiatan Perencanaan,Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
            "100",
            "90",
            "",
        ],
        ["01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "60", "50", ""],
        ["", "Honorarium Pengelola Perencanaan", "9.000.000,00", "9.000.000,00", "100,00"],
        ["", "Belanja Alat Tulis Kantor", "250.000,00", "198.400,00", "79,36"],
        ["02", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "40", "40", ""],
        ["", "Belanja Alat Tulis Kantor", "127.500,00", "107.900,00", "84,63"],
    ]
    write_xlsx(raw, "towuti_2024_tabel3.xlsx", {"Tabel III": _budget_to_rekening(rows)})
    result = run(raw)
    assert not result.errors, result.errors
    a = result.anggaran_wide
    rek = a[a["tingkat"].eq("rekening")]
    assert rek["uraian"].tolist() == [
        "Honorarium Pengelola Perencanaan",
        "Belanja Alat Tulis Kantor",
        "Belanja Alat Tulis Kantor",
    ]
    assert rek["pagu"].tolist() == [9_000_000, 250_000, 127_500]
    assert any("3 baris tanpa kode" in n and "rekening" in n for n in result.notes)
    total = a[a["tingkat"].eq("total")]
    assert total["pagu"].tolist() == [4_094_740_600]


def test_an_unknown_row_above_any_sub_kegiatan_stays_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    rows = [
        ["01", "Program Penunjang Urusan Pemerintahan Daerah  Kabupaten/Kota", "100", "90", ""],
        ["", "Belanja Alat Tulis Kantor", "250.000,00", "198.400,00", "79,36"],
    ]
    write_xlsx(raw, "towuti_2024_tabel3.xlsx", {"Tabel III": _budget_to_rekening(rows)})
    result = run(raw)
    assert "tingkat (program/kegiatan/sub kegiatan) tidak dapat ditentukan" in str(result.errors)
    assert not result.anggaran_wide["tingkat"].eq("rekening").any()


def test_a_numbered_row_of_unknown_level_is_never_a_rekening_line(tmp_path: Path) -> None:
    # a sub kegiatan the nomenclature does not know, numbered like its siblings: an error
    raw = tmp_path / "raw"
    rows = [
        ["01", "Program Penunjang Urusan Pemerintahan Daerah  Kabupaten/Kota", "100", "90", ""],
        [
            "01",
            "Kegiatan Perencanaan,Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
            "100",
            "90",
            "",
        ],
        ["01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "60", "50", ""],
        ["", "Belanja Alat Tulis Kantor", "250.000,00", "198.400,00", "79,36"],
        ["02", "Penyusunan Dokumen Lain yang Tidak Ada di Nomenklatur", "40", "40", ""],
    ]
    write_xlsx(raw, "towuti_2024_tabel3.xlsx", {"Tabel III": _budget_to_rekening(rows)})
    result = run(raw)
    assert "Tidak Ada di Nomenklatur" in str(result.errors)
    a = result.anggaran_wide
    assert not a["uraian"].str.contains("Tidak Ada", na=False).any()


@pytest.mark.parametrize(
    ("figures", "refused"),
    [
        (["9", "10", "11"], True),  # seed 000 l.22: the form's column numbers
        (["3", "4", "5"], True),
        (["99", "100", "101"], False),  # consecutive but a true capaian: read
        (["9", "10", "111"], False),
        (["4", "3", "75"], False),
    ],
)
def test_column_numbers_in_figure_cells_are_refused(
    tmp_path: Path, figures: list[str], refused: bool
) -> None:
    raw = tmp_path / "raw"
    header = ["URAIAN", "INDIKATOR KINERJA", "SATUAN", "TARGET TW I", "REALISASI TW I"]
    rows = [
        [*header, "CAPAIAN TW I"],
        ["Kegiatan Koordinasi Kegiatan Pemberdayaan Desa", "Jumlah laporan", "Laporan", *figures],
    ]
    write_xlsx(raw, "kalaena_2024_kinerja.xlsx", {"kinerja": rows})
    result = run(raw)
    k = result.kinerja_wide
    if refused:
        assert "nomor kolom yang tercetak di baris data" in str(result.errors)
        assert k.empty or k["target_tw1"].isna().all()
    else:
        assert not result.errors, result.errors
        assert k["target_tw1"].tolist() == [float(figures[0])]
