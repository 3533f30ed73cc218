"""Every layout of the seeds is recognised from its headers and read into the wide frames."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from ingest_helpers import ROOT, run, write_csv, write_xlsx

KINERJA_1A = (
    "tahun;kecamatan;kode;uraian;indikator;satuan;target_tahunan;"
    "target_tw1;target_tw2;target_tw3;target_tw4;realisasi_tw1;realisasi_tw2;realisasi_tw3;"
    "realisasi_tw4;pagu;anggaran_tw1;realisasi_anggaran_tw1\n"
    "2024;Kec. Wotu;07.01.01;PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/ KOTA;"
    "Persentase Penunjang Urusan (%);%;100;100;100;100;100;98,5;99;100;100;"
    "3.135.828.551;700.000.000,00;650.000.000\n"
    "2024;KECAMATAN WOTU;7.01.01. 2.01;"
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah;"
    "Persentase penyusunan dokumen tepat waktu;%;100;100;100;100;100;100;100;100;100;"
    "51.321.300;;\n"
    "2024;wotu;7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;"
    "Jumlah dokumen perencanaan;;2 Dokumen;0;1;0;1;0;1;0;1;23.274.800;;\n"
    "2024;Wotu;7.01.01.2.01.02;Koordinasi dan Penyusunan Dokumen RKA-SKPD;"
    "Indeks kepuasan RKA;Nilai;80;80;80;80;80;70;75;-;82;6.244.950;;\n"
)


def test_1a_wide_csv_with_indonesian_numbers(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", KINERJA_1A)
    result = run(raw)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide.set_index("kode")
    assert list(k.index) == ["7.01.01", "7.01.01.2.01", "7.01.01.2.01.01", "7.01.01.2.01.02"]
    assert set(k["kecamatan"]) == {"Wotu"}
    assert list(k["tingkat"]) == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan"]
    assert k.at["7.01.01", "realisasi_tw1"] == 98.5
    assert list(k["agregasi"]) == ["rata_rata", "rata_rata", "jumlah", "akhir"]
    assert k.at["7.01.01.2.01.01", "target_tahunan"] == 2
    assert k.at["7.01.01.2.01.01", "satuan"] == "Dokumen"
    assert np.isnan(k.at["7.01.01.2.01.02", "realisasi_tw3"])
    assert set(k["polaritas"]) == {"positif"}
    sub = k.loc["7.01.01.2.01.01"]
    assert (sub["kunci"], sub["kunci_program"], sub["kunci_kegiatan"]) == (
        "7.01.01.2.01.01",
        "7.01.01",
        "7.01.01.2.01",
    )
    assert k.at["7.01.01", "sumber"] == "wotu_2024_kinerja.csv:wotu_2024_kinerja:2"
    a = result.anggaran_wide.set_index("kode")
    assert a.at["7.01.01", "pagu"] == 3135828551
    assert a.at["7.01.01", "anggaran_tw1"] == 700_000_000
    assert a.at["7.01.01.2.01.02", "pagu"] == 6244950


def test_header_below_titles_comma_csv_context_from_titles(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "laporan.csv",
        "EVALUASI RENCANA AKSI,,,\n"
        "KANTOR KECAMATAN TOMONI TIMUR,,,\n"
        "TAHUN 2025,,,\n"
        ",,,\n"
        "URAIAN,INDIKATOR KINERJA,TARGET TW I,REALISASI TW I\n"
        "1,2,3,4\n"
        'Program Penyelenggaraan Pemerintahan dan Pelayanan Publik,Persentase urusan,100,"97.5"\n',
        encoding="utf-8",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.iloc[0]
    assert (row["kecamatan"], row["tahun"], row["tingkat"]) == ("Tomoni Timur", 2025, "program")
    assert (row["target_tw1"], row["realisasi_tw1"]) == (100, 97.5)
    assert row["kode"] == "7.01.02"  # found in the nomenclature by its name
    assert row["sumber"] == "laporan.csv:laporan:7"


def test_kecamatan_and_tahun_from_the_file_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "tomoni-timur_2023_kinerja.csv",
        "uraian;indikator;target_tw1;realisasi_tw1\nProgram A;Jumlah Laporan;3;3\n",
    )
    row = run(raw).kinerja_wide.iloc[0]
    assert (row["kecamatan"], row["tahun"]) == ("Tomoni Timur", 2023)


def test_cumulative_columns_wotu_table_3_4(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(
        raw,
        "wotu_2024_lkj.xlsx",
        {
            "Tabel 3.4": [
                ["Realisasi Anggaran Triwulan IV Tahun 2024"],
                ["Kantor Kecamatan Wotu"],
                ["NO", "PROGRAM/KEGIATAN/ SUB KEGIATAN", "KINERJA", None, None, "ANGGARAN"],
                [
                    None,
                    None,
                    "TARGET",
                    "REALISASI s/d TW.IV TAHUN 2024",
                    "Capaian (%)",
                    "TARGET s/d TRIWULAN IV (BERDASARKAN ANGGARAN KAS)",
                    "REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)",
                    "Capaian (%)",
                ],
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
                [None, None, None, None, None, None, None, "(7/6*100)"],
                [
                    "01",
                    "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA",
                    None,
                    None,
                    "71,77",
                    "3.135.828.551",
                    "3.056.331.499",
                    "97,46",
                ],
                [
                    None,
                    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                    None,
                    None,
                    "100",
                    "51.321.300",
                    "43.047.200",
                    "83,88",
                ],
                [
                    None,
                    "- Penyusunan Dokumen Perencanaan Perangkat Daerah",
                    "2 Dokumen",
                    "2 Dokumen",
                    "100",
                    "23.274.800",
                    "21.969.100",
                    "94,39",
                ],
                [
                    "TOTAL BELANJA",
                    None,
                    None,
                    None,
                    "95,91%",
                    "3.308.672.275",
                    "3.220.479.399",
                    "97,33%",
                ],
            ]
        },
        merged={"Tabel 3.4": ["C3:E3", "F3:H3"]},
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide.set_index("kode")
    sub = k.loc["7.01.01.2.01.01"]
    assert sub["tingkat"] == "sub_kegiatan" and sub["satuan"] == "Dokumen"
    assert (sub["target_tahunan"], sub["realisasi_sd_tw4"], sub["capaian_sd_tw4"]) == (2, 2, 100)
    assert np.isnan(sub["realisasi_tw4"])  # quarter-alone figures are not invented
    assert k.at["7.01.01", "capaian_sd_tw4"] == 71.77
    a = result.anggaran_wide.set_index("kunci")
    assert a.at["7.01.01", "anggaran_sd_tw4"] == 3135828551
    assert a.at["7.01.01.2.01.01", "realisasi_anggaran_sd_tw4"] == 21969100
    assert a.at["7.01.01.2.01.01", "serapan_sd_tw4"] == 94.39
    assert a.at["total", "tingkat"] == "total"


def test_anggaran_sheet_joins_on_code_then_on_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", KINERJA_1A)
    write_csv(
        raw,
        "wotu_2024_anggaran.csv",
        "tahun;kecamatan;kode;tingkat;uraian;anggaran_tw2;sumber_dana\n"
        "2024;Wotu;7.01.01;program;Program Penunjang;800.000.000;DAU\n"
        "2024;Wotu;;sub_kegiatan;PENYUSUNAN DOKUMEN PERENCANAAN PERANGKAT DAERAH.;5.000.000;PAD\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    a = result.anggaran_wide.set_index("kunci")
    assert len(a) == 4
    assert (a.at["7.01.01", "pagu"], a.at["7.01.01", "anggaran_tw2"]) == (3135828551, 800_000_000)
    assert a.at["7.01.01", "sumber_dana"] == "DAU"
    assert a.at["7.01.01.2.01.01", "anggaran_tw2"] == 5_000_000
    assert "wotu_2024_anggaran.csv" in a.at["7.01.01", "sumber"]
    assert "wotu_2024_kinerja.csv" in a.at["7.01.01", "sumber"]


def test_iku_sheet(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "towuti_2024_iku.csv",
        "tahun;triwulan;kecamatan;indikator;satuan;polaritas;target;realisasi;capaian\n"
        "2024;TW IV;Towuti;Indeks Kepuasan Masyarakat;Nilai;positif;"
        "80.099999999999994;84.73;105,8\n"
        "2023;;Towuti;Nilai LAKIP;Nilai;;74,5;-;\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    iku = result.iku_raw
    assert list(iku["triwulan"].astype("object").where(iku["triwulan"].notna(), None)) == [4, None]
    assert iku["target"].tolist() == [80.1, 74.5]
    assert iku["capaian_dilaporkan"].iloc[0] == 105.8
    assert list(iku["polaritas"]) == ["positif", "positif"]


def test_bulanan_sheet_with_month_labels_in_capaian(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "kalaena_2025_bulanan.csv",
        "tahun;bulan;kecamatan;uraian;indikator;satuan;target;realisasi;capaian;anggaran;"
        "realisasi_anggaran\n"
        "2025;1;Kalaena;Pelayanan Perizinan Non Usaha;Jumlah dokumen;Dokumen;3;1 dokumen;Jan 33%;"
        "423.300;0\n"
        "2025;Februari;Kalaena;Pelayanan Perizinan Non Usaha;Jumlah dokumen;Dokumen;3;2;Feb 66%;"
        "423.300;0\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    b = result.bulanan
    assert b["bulan"].tolist() == [1, 2] and b["triwulan"].tolist() == [1, 1]
    assert b["capaian_dilaporkan"].tolist() == [33, 66]
    assert b["anggaran"].tolist() == [423300, 423300]


FORM_HEADER = [
    ["EVALUASI ATAS RENCANA AKSI TRIWULAN IV"],
    ["KANTOR KECAMATAN KALAENA"],
    ["TAHUN 2024"],
    [],
    [
        "PROGRAM",
        None,
        None,
        None,
        None,
        None,
        "KEGIATAN/SUB KEGIATAN",
        None,
        None,
        None,
        None,
        None,
        "KET",
    ],
    [
        "URAIAN",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN %",
        "URAIAN",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN %",
    ],
    ["1", "2", None, "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
]
PROGRAM = ["Program Pemberdayaan Masyarakat Desa dan Kelurahan", "Persentase Capaian (%)", "100%"]


def _form(rows: list[list[object]]) -> dict[str, list[list[object]]]:
    return {"RA TW IV 2024": FORM_HEADER + rows}


def test_form_layout_two_sides_quarters_and_repeats(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    rows = [
        [
            *PROGRAM,
            "TW1 : 100",
            100,
            100,
            "Kegiatan Koordinasi Kegiatan Pemberdayaan Desa",
            "Persentase koordinasi (%)",
            "100%",
            "TW 1 : 100",
            100,
            100,
        ],
        [
            None,
            None,
            None,
            "TW2 : 100",
            100,
            100,
            None,
            None,
            None,
            "TW 2 : 100",
            90,
            90,
            "catatan",
        ],
        [None, None, None, "TW3 : 100", 100, 100],
        [None, None, None, "TW4 : 100", 100, 100],
        [
            *PROGRAM,
            "TW1 : 100",
            100,
            100,
            "Sub Kegiatan Peningkatan Kegiatan Masyarakat",
            "Jumlah Laporan",
            "12 Laporan",
            "3",
            "3",
            "100",
            "Laporan TW I",
        ],
        [None, None, None, "TW2 : 100", 100, 100, None, None, None, "3", "2", "67"],
        [None, None, None, "TW3 : 100", 100, 100, None, None, None, "3", "-", "-"],
        [None, None, None, "TW4 : 100", 100, 100, None, None, None, "3", "3", "100"],
    ]
    write_xlsx(raw, "kalaena_form.xlsx", _form(rows), merged={"RA TW IV 2024": ["A5:F5", "G5:L5"]})
    result = run(raw)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide
    assert len(k) == 3  # the repeated, identical program block collapses to one indicator
    prog = k[k["tingkat"] == "program"].iloc[0]
    assert [prog[f"target_tw{q}"] for q in (1, 2, 3, 4)] == [100] * 4
    assert (prog["kecamatan"], prog["tahun"], prog["target_tahunan"]) == ("Kalaena", 2024, 100)
    keg = k[k["tingkat"] == "kegiatan"].iloc[0]
    assert keg["realisasi_tw2"] == 90 and keg["keterangan_tw2"] == "catatan"
    assert keg["kunci_program"] == prog["kunci"]
    sub = k[k["tingkat"] == "sub_kegiatan"].iloc[0]
    # no TW label in the target cell: the row's place in the block is its quarter
    assert [sub[f"realisasi_tw{q}"] for q in (1, 2, 4)] == [3, 2, 3]
    assert np.isnan(sub["realisasi_tw3"])
    assert (sub["target_tahunan"], sub["satuan"]) == (12, "Laporan")
    assert sub["keterangan_tw1"] == "Laporan TW I"
    assert sub["kunci_kegiatan"] == keg["kunci"]


def test_form_layout_differing_program_repeat_is_a_finding(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    rows = [
        [
            *PROGRAM,
            "TW1 : 100",
            100,
            100,
            "Sub Kegiatan A",
            "Jumlah A",
            "2 Dok",
            "TW 1 : 1",
            1,
            100,
        ],
        [*PROGRAM, "TW1 : 100", 90, 90, "Sub Kegiatan B", "Jumlah B", "2 Dok", "TW 1 : 1", 1, 100],
    ]
    write_xlsx(raw, "kalaena_form.xlsx", _form(rows))
    result = run(raw)
    assert not result.errors
    found = [f for f in result.findings.items if f.jenis == "program_diulang_berbeda"]
    assert len(found) == 1
    assert found[0].sumber.startswith("kalaena_form.xlsx:") and found[0].sumber.endswith(":9")
    assert "baris 8 dan 9" in found[0].pesan and "realisasi_tw1" in found[0].pesan
    program = result.kinerja_wide[result.kinerja_wide["tingkat"] == "program"]
    assert program["realisasi_tw1"].tolist() == [100]


@pytest.fixture(scope="module")
def seed000(tmp_path_factory: pytest.TempPathFactory):
    raw = tmp_path_factory.mktemp("seed000") / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "kalaena_2024_rencana_aksi.xlsx", raw)
    return run(raw).kinerja_wide


@pytest.mark.parametrize(
    ("uraian", "target", "realisasi"),
    [
        ("Penyediaan Gaji dan Tunjangan ASN", [13, 13, 13, 13], [13, 13, 13, 12]),
        ("Sub Kegiatan Koordinasi dan Penyusunan DPA-SKPD", [1, 0, 0, 1], [1, 0, 0, 1]),
        ("Sub Kegiatan Evaluasi Kinerja Perangkat Daerah", [4, 2, 2, 2], [4, 2, 2, 2]),
        ("Penyediaan Jasa Pelayanan Umum Kantor", [3, 3, 3, 3], [3, 2, 2, 3]),
        ("Administrasi Kepegawaian Perangkat Daerah", [100] * 4, [150, 250, 150, 67]),
        ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", [100] * 4, [100] * 4),
    ],
)
def test_seed_000_form_reproduces_quarters(seed000, uraian: str, target, realisasi) -> None:
    row = seed000[seed000["uraian"] == uraian]
    assert len(row) == 1, seed000["uraian"].tolist()
    row = row.iloc[0]
    assert [row[f"target_tw{q}"] for q in (1, 2, 3, 4)] == target
    assert [row[f"realisasi_tw{q}"] for q in (1, 2, 3, 4)] == realisasi
    assert (row["kecamatan"], row["tahun"]) == ("Kalaena", 2024)


def test_hidden_sheet_with_data_is_read_with_a_note_empty_sheets_skipped(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    table = [["uraian", "indikator", "target_tw1"], ["Program A", "Jumlah", "1"]]
    hidden = [["uraian", "indikator", "target_tw1"], ["Program B", "Jumlah lain", "2"]]
    write_xlsx(
        raw,
        "wotu_2024_x.xlsx",
        {"Data": table, "Lama": hidden, "Kosong": []},
        hidden=("Lama",),
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert sorted(result.kinerja_wide["indikator"]) == ["Jumlah", "Jumlah lain"]
    notes = " ".join(result.notes)
    assert "'Lama' tersembunyi tetapi berisi data, dibaca" in notes
    assert "'Kosong' kosong" in notes


def test_tingkat_from_code_depth_name_bullet_and_totals(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_anggaran.csv",
        "kode;uraian;pagu\n"
        "7.01.03;PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN;95.150.474\n"
        ";Kegiatan Koordinasi Kegiatan Pemberdayaan Desa;95.150.474\n"
        ";- Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan;"
        "80.126.640\n"
        "7.1.1.2.01.02.;Administrasi Keuangan;10\n"
        "7.1.1.2.01.02.01;Penyediaan Gaji;10\n"
        ";JUMLAH;95.150.474\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    a = result.anggaran_wide
    assert a["tingkat"].tolist() == [
        "program",
        "kegiatan",
        "sub_kegiatan",
        "kegiatan",
        "sub_kegiatan",
        "total",
    ]
    assert a["kode"].tolist()[:5] == [
        "7.01.03",
        "7.01.03.2.01",
        "7.01.03.2.01.03",
        "7.1.1.2.01.02",
        "7.1.1.2.01.02.01",
    ]
    assert a["kunci_kegiatan"].iloc[4] == "7.1.1.2.01.02"


def test_every_bundled_raw_file_ingests_without_error() -> None:
    result = run(ROOT / "data" / "raw")
    assert not result.errors, str(result.errors)
    assert result.files >= 10
    assert len(result.kinerja_wide) and len(result.anggaran_wide) and len(result.iku_raw)


@pytest.mark.parametrize(
    ("indikator", "satuan", "expected"),
    [
        ("Jumlah Laporan Keuangan", "Laporan", "jumlah"),
        ("Persentase BMD yang diadministrasikan", "%", "rata_rata"),
        ("Presentase administrasi keuangan", "Dokumen", "rata_rata"),
        ("Indeks Kepuasan Masyarakat", "Nilai", "akhir"),
        ("Nilai LAKIP", "", "akhir"),
        # seed 000 / 004: staff paid each month, a level reported every quarter
        ("Jumlah orang yang Menerima Gaji dan Tunjangan ASN", "Orang/Bulan", "rata_rata"),
        ("Penyediaan Gaji dan tunjangan ASN", "Orang/bulan", "rata_rata"),
        ("Jumlah Bulan Pelayanan", "Bulan", "jumlah"),
    ],
)
def test_default_agregasi(indikator: str, satuan: str, expected: str) -> None:
    from analysis.ingest.rows.cleaning import default_agregasi

    out = default_agregasi(pd.Series([indikator]), pd.Series([satuan]))
    assert out.tolist() == [expected]


def test_seed_000_form_program_columns_beside_a_blank_sub_kegiatan(seed000) -> None:
    # Perdes: 14 Dok = 7 in TW I (its own cells) + 7 in TW IV, printed in the program
    # columns of the TW IV row beside its blank cells; the KET of each quarter kept.
    row = seed000[
        seed000["uraian"] == "Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa"
    ]
    row = row.iloc[0]
    assert row["target_tahunan"] == 14
    assert (row["target_tw1"], row["realisasi_tw1"]) == (7, 7)
    assert (row["target_tw4"], row["realisasi_tw4"], row["capaian_tw4"]) == (7, 7, 100)
    assert row["realisasi_tw3"] == 0 and np.isnan(row["realisasi_tw2"])
    assert row["keterangan_tw2"] == "terlaksana di triwulan I"
    assert row["keterangan_tw4"] == "7 Dokumen Asistensi APBDes Perubahan Tahun 2024"
    bkk = seed000[seed000["uraian"] == "Koordinasi Pelaksanaan Pembangunan Perdesaan Kecamatan"]
    assert "Desa Argomulyo belum melakukan pencairan." in bkk.iloc[0]["keterangan_tw2"]
    program = seed000[seed000["uraian"] == "Program Pembinaan dan Pengawasan Pemerintahan Desa"]
    assert program.iloc[0]["realisasi_tw4"] == 100  # the program keeps its own figure
