"""Conflicts between the tables of one office are errors naming both places, never the
first file in sort order winning (issue 20, item 3); CSV damage named with its row."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from ingest_helpers import run, write_csv

from analysis.ingest.rows.units import units_agree
from analysis.ingest.sources import file_of, split_sumber

HEAD = "Kode;Uraian;Indikator;Satuan;Polaritas;Target TW I;Realisasi TW I\n"
# seed 002 (Towuti): a complaint count, lower is better
ROW = "7.01.01.2.07.01;Penanganan Pengaduan Masyarakat;Jumlah pengaduan yang belum ditangani"


def test_two_tables_disagreeing_on_polaritas_is_an_error_naming_both(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "towuti_2024_a.csv", HEAD + f"{ROW};Kasus;negatif;5;\n")
    write_csv(raw, "towuti_2024_b.csv", HEAD + f"{ROW};Kasus;positif;;2\n")
    result = run(raw)
    messages = [str(e) for e in result.errors.errors]
    assert len(messages) == 1, messages
    assert "polaritas" in messages[0]
    assert "towuti_2024_a.csv" in messages[0] and "towuti_2024_b.csv" in messages[0]
    assert "baris 2" in messages[0]


def test_a_default_polaritas_never_wins_over_a_given_one(tmp_path: Path) -> None:
    """Table a has no polaritas column (default positif), b says negatif: the row is
    negatif, so target 5 and realisasi 2 give (2x5-2)/5 = 160 %, not 2/5 = 40 %."""
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "towuti_2024_a.csv",
        "Kode;Uraian;Indikator;Satuan;Target TW I;Realisasi TW I\n" + f"{ROW};Kasus;5;\n",
    )
    write_csv(raw, "towuti_2024_b.csv", HEAD + f"{ROW};Kasus;negatif;;2\n")
    result = run(raw)
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.iloc[0]
    assert row["polaritas"] == "negatif"
    assert (row["target_tw1"], row["realisasi_tw1"]) == (5, 2)


def test_satuan_written_short_agrees_and_another_unit_is_a_finding(tmp_path: Path) -> None:
    assert units_agree("dok", "dokumen") and units_agree("org/bln", "orang/bulan")
    assert not units_agree("laporan", "dokumen") and not units_agree("kasus", "%")
    raw = tmp_path / "raw"
    write_csv(raw, "towuti_2024_a.csv", HEAD + f"{ROW};Kasus;negatif;5;\n")
    write_csv(raw, "towuti_2024_b.csv", HEAD + f"{ROW};Laporan;negatif;;2\n")
    result = run(raw)
    assert not result.errors  # the row is written, not refused (issue 21)
    found = [f for f in result.findings.items if f.jenis == "tabel_berbeda"]
    assert len(found) == 1 and found[0].kolom == "satuan", [f.pesan for f in found]
    assert "'Kasus'" in found[0].pesan and "'Laporan'" in found[0].pesan
    assert "laporan memakai 'Laporan' dari towuti_2024_b.csv" in found[0].pesan
    assert result.kinerja_wide["satuan"].tolist() == ["Laporan"]


def test_a_kode_at_two_levels_and_a_nine_part_kode_are_errors(tmp_path: Path) -> None:
    head = "Kode;Tingkat;Uraian;Indikator;Satuan;Target TW I;Realisasi TW I\n"
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "towuti_2024_a.csv",
        head
        + "7.01.01.2.07;kegiatan;Penanganan Pengaduan;Jumlah laporan;Laporan;4;4\n"
        + "7.01.01.2.07.01.5.1.2;;Penanganan Pengaduan Masyarakat;Jumlah kasus;Kasus;3;3\n",
    )
    write_csv(
        raw,
        "towuti_2024_b.csv",
        head + "7.01.01.2.07;sub kegiatan;Penanganan Pengaduan;Jumlah rapat;Kali;2;2\n",
    )
    messages = sorted(str(e) for e in run(raw).errors.errors)
    assert len(messages) == 2, messages
    assert "towuti_2024_a.csv" in messages[0] and "baris 3" in messages[0]
    assert "9 bagian" in messages[0]
    assert "towuti_2024_b.csv" in messages[1] and "towuti_2024_a.csv" in messages[1]
    assert "kegiatan" in messages[1] and "sub_kegiatan" in messages[1]


def test_a_file_name_with_a_colon_is_named_whole() -> None:
    assert split_sumber("wotu:2024_a.csv:wotu:2024_a:3") == ("wotu:2024_a.csv", "wotu:2024_a", 3)
    assert split_sumber("a.xlsx:Data:12") == ("a.xlsx", "Data", 12)
    got = file_of(pd.Series(["wotu:2024_a.csv:wotu:2024_a:3", "b.docx:tabel 1:4"]))
    assert got.tolist() == ["wotu:2024_a.csv", "b.docx"]


def test_errors_name_a_file_with_a_colon_whole(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu:2024_a.csv", HEAD + f"{ROW};Kasus;negatif;5;x\n")
    messages = [str(e) for e in run(raw).errors.errors]
    assert messages and all(
        m.startswith("file wotu:2024_a.csv, sheet 'wotu:2024_a'") for m in messages
    )


def test_csv_nul_byte_and_huge_cell_are_named_with_their_row(tmp_path: Path) -> None:
    raw = tmp_path / "nul"
    write_csv(raw, "towuti_2024_a.csv", HEAD + f"{ROW};Kasus;negatif;5;3\n{ROW}\x00;Kasus;;1;1\n")
    messages = [str(e) for e in run(raw).errors.errors]
    assert len(messages) == 1 and "NUL" in messages[0] and "baris 3" in messages[0], messages
    raw = tmp_path / "huge"
    big = "x" * 1_500_000
    write_csv(
        raw,
        "towuti_2024_a.csv",
        HEAD + f"{ROW};Kasus;negatif;5;3\n7.01.01.2.07.02;{big};Jumlah;Kasus;;1;1\n",
    )
    result = run(raw)
    messages = [str(e) for e in result.errors.errors]
    assert len(messages) == 1, [m[:200] for m in messages]
    assert (
        "baris 3" in messages[0] and "'Uraian'" in messages[0] and "terlalu panjang" in messages[0]
    )


def test_one_kode_with_other_names_and_indicators_gives_a_finding_per_row(
    tmp_path: Path,
) -> None:
    head = "Kode;Uraian;Indikator;Satuan;Target TW I;Realisasi TW I\n"
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_a.csv",
        head + "7.01.01.2.01.01;Penyusunan Dokumen Perencanaan;Jumlah dokumen;Dokumen;5;5\n",
    )
    write_csv(
        raw,
        "wotu_2024_b.csv",
        head
        + "7.01.01.2.01.01;Pelayanan Administrasi Terpadu;Jumlah layanan;Layanan;4;4\n"
        + "7.01.01.2.01.01;Pelayanan Administrasi Terpadu;Jumlah pengaduan;Kasus;3;3\n",
    )
    result = run(raw)
    found = [f for f in result.findings.items if f.jenis == "kode_nama_berbeda"]
    assert sorted(f.sumber for f in found) == [
        "wotu_2024_b.csv:wotu_2024_b:2",
        "wotu_2024_b.csv:wotu_2024_b:3",
    ]
    assert all("wotu_2024_a.csv" in f.pesan for f in found)


def test_iku_default_polaritas_never_wins_over_a_given_one(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(  # sorts first and says nothing of polaritas
        raw,
        "wotu_2024_iku_a.csv",
        "tahun;triwulan;indikator;satuan;target;realisasi\n"
        "2024;4;Jumlah Pengaduan Masyarakat;Kasus;;2\n",
    )
    write_csv(
        raw,
        "wotu_2024_iku_b.csv",
        "tahun;triwulan;indikator;satuan;polaritas;target;realisasi\n"
        "2024;4;Jumlah Pengaduan Masyarakat;Kasus;negatif;5;\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.iku_raw["polaritas"].tolist() == ["negatif"]
