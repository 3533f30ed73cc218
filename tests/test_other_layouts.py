"""Tables as other offices print them: annual and plan tables, header variants, label rows,
an application's export (issue 19, items 2 and 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
from ingest_helpers import REFERENCE, run, write_csv, write_xlsx

from analysis.ingest.pipeline import ingest
from analysis.metrics import kinerja_long

LKJIP_HEADER = [
    "No",
    "PROGRAM/ KINERJA",
    "INDIKATOR KINERJA",
    "Satuan",
    "Target",
    "Realisasi",
    "Kinerja(%)",
    "ANGGARAN (Rp)",
    "Realisasi Anggaran (Rp)",
    "Realisasi Anggaran (%)",
    "Pejabat",
]
LKJIP_ROWS = [
    [
        "1",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "Persentase penunjang urusan",
        "%",
        "100",
        "98",
        "98",
        "3.135.828.551",
        "3.056.331.499",
        "97,46",
        "Sekretaris Camat",
    ],
    [
        "2",
        "Penyediaan Gaji dan Tunjangan ASN",
        "Jumlah orang yang menerima gaji",
        "Orang",
        "17",
        "16",
        "94,12",
        "1.851.842.950",
        "1.800.000.000",
        "97,20",
        "Kasubag Umum",
    ],
]


def _notes(result) -> str:
    return "\n".join(result.notes)


def test_annual_table_reads_quarterless_figures_as_the_year(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    title = ["PENGUKURAN KINERJA KECAMATAN WOTU TAHUN 2024"]
    write_xlsx(raw, "wotu_2024_kinerja.xlsx", {"PK": [title, LKJIP_HEADER, *LKJIP_ROWS]})
    result = run(raw)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide.set_index("uraian")
    gaji = k.loc["Penyediaan Gaji dan Tunjangan ASN"]
    assert (gaji["target_tahunan"], gaji["realisasi_sd_tw4"]) == (17, 16)
    assert gaji["capaian_sd_tw4"] == 94.12
    a = result.anggaran_wide.set_index("uraian")
    program = a.loc["Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"]
    assert program["pagu"] == 3_135_828_551
    assert program["realisasi_anggaran_sd_tw4"] == 3_056_331_499
    assert program["serapan_sd_tw4"] == 97.46
    notes = _notes(result)
    assert "tabel tahunan (judul menyebut 'PENGUKURAN KINERJA'" in notes
    assert "dibaca sebagai angka setahun (s.d. Triwulan IV)" in notes
    assert "kolom penanggung jawab diabaikan (nama, bukan angka): 'Pejabat'" in notes
    assert "triwulannya tidak tertulis" not in notes


def test_annual_word_in_the_file_name_and_a_quarter_in_the_title(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_xlsx(raw, "wotu_2024_lkjip.xlsx", {"Tabel": [LKJIP_HEADER, *LKJIP_ROWS]})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert "nama file menyebut 'lkjip'" in _notes(result)
    k = result.kinerja_wide.set_index("uraian")
    assert k.loc["Penyediaan Gaji dan Tunjangan ASN", "realisasi_sd_tw4"] == 16
    # a quarter in the title makes the table that quarter's, annual words or not
    raw2 = tmp_path / "raw2"
    title = ["LAPORAN KINERJA TAHUNAN TRIWULAN II TAHUN 2024"]
    write_xlsx(raw2, "wotu_2024_lkjip.xlsx", {"Tabel": [title, LKJIP_HEADER, *LKJIP_ROWS]})
    k2 = run(raw2).kinerja_wide.set_index("uraian")
    assert k2.loc["Penyediaan Gaji dan Tunjangan ASN", "realisasi_sd_tw2"] == 16
    assert pd.isna(k2.loc["Penyediaan Gaji dan Tunjangan ASN"].get("realisasi_sd_tw4"))


def test_quarterless_realisasi_without_an_annual_word_stays_unread(tmp_path: Path) -> None:
    """No quarter and nothing saying the table is the year's: a quarter's figures might be
    read as the year's, so the columns are left out with a note saying what to write."""
    raw = tmp_path / "raw"
    title = ["LAPORAN KINERJA KECAMATAN WOTU TAHUN 2024"]
    write_xlsx(raw, "wotu_2024_kinerja.xlsx", {"Tabel": [title, LKJIP_HEADER, *LKJIP_ROWS]})
    result = run(raw)
    k = result.kinerja_wide
    assert "realisasi_sd_tw4" not in k or k["realisasi_sd_tw4"].isna().all()
    notes = _notes(result)
    assert "kolom 'Realisasi' diabaikan: triwulannya tidak tertulis" in notes
    assert "tulis 'Tahunan' atau 'LKjIP'" in notes


def test_target_in_percent_realisasi_over_jumlah_and_percent(tmp_path: Path) -> None:
    """``Target Kinerja(%)`` beside ``Target``: the plain target is the figure; ``Realisasi``
    over ``Jumlah | %``: the realisasi and its capaian."""
    raw = tmp_path / "raw"
    rows = [
        ["RENCANA AKSI KECAMATAN WOTU TRIWULAN IV TAHUN 2024"],
        [
            "No",
            "Program/Kegiatan",
            "Indikator Kinerja",
            "Target",
            "Target Kinerja(%)",
            "Realisasi",
            None,
            "Penanggung Jawab",
        ],
        [None, None, None, None, None, "Jumlah", "%", None],
        [
            "1",
            "Penyediaan Gaji dan Tunjangan ASN",
            "Jumlah orang yang menerima gaji",
            "12 Orang",
            "100",
            "11",
            "91,67",
            "Kasubag Umum",
        ],
    ]
    write_xlsx(raw, "wotu_2024_rencana_aksi.xlsx", {"RA": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.iloc[0]
    assert row["target_tahunan"] == 12
    assert row["realisasi_sd_tw4"] == 11
    assert row["capaian_sd_tw4"] == 91.67
    notes = _notes(result)
    assert "kolom 'Target Kinerja(%)' diabaikan: target dalam persen di samping 'Target'" in notes
    assert "'Penanggung Jawab'" in notes


APP_EXPORT = (
    "kode;nama;nama_indikator;satuan;target_2025;pagu_2025;target_2026;pagu_2026\n"
    "7.01.01;PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA;"
    "Persentase penunjang urusan;%;100;3.000.000.000;100;3.100.000.000\n"
    "7.01.01.2.01;Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah;"
    "Persentase dokumen tepat waktu;%;100;50.000.000;100;55.000.000\n"
    "7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;Jumlah dokumen;"
    "Dokumen;2;20.000.000;3;21.000.000\n"
)


def test_application_export_mapped_by_field_names_and_target_only_rows_written(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2025_renja_ekspor.csv", APP_EXPORT)
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.iku_raw.empty
    k = result.kinerja_wide.set_index(["kode", "tahun"])
    assert k.at[("7.01.01.2.01.01", 2026), "target_tahunan"] == 3
    assert k.at[("7.01.01.2.01.01", 2025), "indikator"] == "Jumlah dokumen"
    a = result.anggaran_wide.set_index(["kode", "tahun"])
    assert a.at[("7.01.01", 2026), "pagu"] == 3_100_000_000
    # every counted row is written: a target-only row lands in TW IV of its year
    long = kinerja_long(result.kinerja_wide)
    assert len(long) == len(result.kinerja_wide) == 6
    assert set(long["triwulan"]) == {4}
    doc = long.set_index(["kode", "tahun"])
    assert doc.at[("7.01.01.2.01.01", 2026), "target_tahunan"] == 3
    assert pd.isna(doc.at[("7.01.01.2.01.01", 2026), "realisasi_sd"])


def test_label_rows_and_numbered_names_give_the_level(tmp_path: Path) -> None:
    """``Kegiatan :`` alone announces the level of the rows below; ``Program : ...`` names
    its own; ``1. Sub Kegiatan`` / ``3.Sub Kegiatan`` are numbered names; ``Sasaran
    Sub-Kegiatan :`` beside the sasaran text is a heading, not an indicator."""
    raw = tmp_path / "raw"
    rows = [
        ["RENCANA AKSI KECAMATAN WOTU TRIWULAN I TAHUN 2025"],
        ["No", "Uraian", "Indikator Kinerja", "Satuan", "Target TW I", "Realisasi TW I"],
        [None, "Program : Program Pembinaan Kehidupan Bermasyarakat", None, None, None, None],
        [None, "Kegiatan :", None, None, None, None],
        [None, "Penguatan Kapasitas Kelembagaan Warga", "Jumlah lembaga", "Lembaga", "4", "4"],
        [None, "Sasaran Sub-Kegiatan :", "Meningkatnya kapasitas lembaga", None, None, None],
        [None, "1. Sub Kegiatan Fasilitasi Rapat Warga", "Jumlah rapat", "Kali", "3", "2"],
        [None, "3.Sub Kegiatan Pendataan Usaha Mikro Warga", "Jumlah usaha", "Usaha", "10", "12"],
    ]
    write_xlsx(raw, "wotu_2025_rencana_aksi.xlsx", {"RA": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert not [f for f in result.findings.items if f.jenis == "tingkat_ditebak"]
    k = result.kinerja_wide.set_index("uraian")
    assert list(k.index) == [
        "Penguatan Kapasitas Kelembagaan Warga",
        "Sub Kegiatan Fasilitasi Rapat Warga",
        "Sub Kegiatan Pendataan Usaha Mikro Warga",
    ]
    assert list(k["tingkat"]) == ["kegiatan", "sub_kegiatan", "sub_kegiatan"]
    assert set(k["kunci_program"]) == {"program:pembinaan kehidupan bermasyarakat"}
    assert set(k.iloc[1:]["kunci_kegiatan"]) == {"kegiatan:penguatan kapasitas kelembagaan warga"}
    assert k.at["Sub Kegiatan Pendataan Usaha Mikro Warga", "realisasi_tw1"] == 12
    notes = _notes(result)
    assert "1 baris label tingkat" in notes
    assert "1 baris judul sasaran/tujuan tanpa angka dilewati" in notes


def test_budget_table_quarterless_realisasi_and_capaian_are_money(tmp_path: Path) -> None:
    """Seed 003 l.720-726 (BAB IV, its title's month left out): ``ANGGARAN | REALISASI |
    CAPAIAN`` with no kinerja column is spending and its serapan - before, the 423.300
    spent came out as a kinerja realisasi of 423.300 and the 100 % as a kinerja capaian."""
    raw = tmp_path / "raw"
    rows = [
        ["4.1. Realisasi Anggaran"],
        ["Realisasi anggaran pada pelaksanaan sub kegiatan pada triwulan I Tahun 2025"],
        ["No.", "SUBKEGIATAN", "ANGGARAN", "REALISASI", "CAPAIAN"],
        ["1", "2", "3", "4", "5"],
        [
            "01",
            "Pelaksanaan urusan pemerintahan yang terkait dengan pelayanan Perizinan non usaha",
            "423.300",
            "423.300",
            "100 %",
        ],
    ]
    write_xlsx(raw, "kalaena_2025_anggaran_maret.xlsx", {"BAB IV": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide.empty
    a = result.anggaran_wide.iloc[0]
    assert a["realisasi_anggaran_sd_tw1"] == 423_300
    assert a["serapan_sd_tw1"] == 100


def test_n0_is_the_row_number(tmp_path: Path) -> None:
    """Sampang LKjIP 2019 Tabel 3.1 prints ``N0`` (a zero) over its row numbers."""
    raw = tmp_path / "raw"
    rows = [
        ["N0", "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi", "Capaian"],
        ["1", "Persentase penurunan temuan", "%", "55%", "50%", "90,91"],
    ]
    write_xlsx(raw, "wotu_2019_iku.xlsx", {"IKU": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert "'N0'" not in _notes(result)
    assert result.iku_raw.iloc[0]["target"] == 55


def test_month_label_in_a_cell_makes_a_monthly_table(tmp_path: Path) -> None:
    """Seed 003 l.291-299, January's report: ``TARGET TW I | REALISASI | % CAPAIAN`` with
    ``1 dokumen`` and ``Jan 33%`` - the quarter's target and the realisasi up to January,
    a monthly row; before, ``Jan 33%`` was an error and the row was not read."""
    raw = tmp_path / "raw"
    rows = [
        ["Tabel 3.1"],
        ["Jumlah dokumen perizinan non usaha = 3 Dokumen"],
        ["URAIAN", "SUB KEGIATAN", None, None, None, None, "KET."],
        [None, "INDIKATOR KERJA", "SATUAN", "TARGET TW I", "REALISASI", "% CAPAIAN", None],
        [
            "Pelaksanaan urusan pemerintahan yang terkait dengan pelayanan perizinan non usaha",
            "jumlah dokumen perizinan non usaha yang dilaksanakan",
            "Dokumen",
            "3",
            "1 dokumen",
            "Jan 33%",
            None,
        ],
    ]
    write_xlsx(raw, "kalaena_2025_seksi_januari.xlsx", {"Tabel 3.1": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide.empty
    b = result.bulanan.iloc[0]
    assert (b["bulan"], b["triwulan"], b["target"], b["realisasi"]) == (1, 1, 3, 1)
    assert b["capaian_dilaporkan"] == 33
    assert "tabel bulanan (bulan ke-1, dari sel 'Jan 33%')" in _notes(result)


def test_month_named_in_the_title_makes_a_monthly_budget_table(tmp_path: Path) -> None:
    """Seed 003 l.720-726: ``... triwulan I pada bulan Maret Tahun 2025`` over ``ANGGARAN |
    REALISASI | CAPAIAN``: March's spending, not the quarter's kinerja."""
    raw = tmp_path / "raw"
    rows = [
        ["Realisasi anggaran pada pelaksanaan sub kegiatan pada triwulan I pada bulan Maret"],
        ["No.", "SUBKEGIATAN", "ANGGARAN", "REALISASI", "CAPAIAN"],
        ["01", "Pelaksanaan urusan pemerintahan", "423.300", "423.300", "100 %"],
    ]
    write_xlsx(raw, "kalaena_2025_anggaran_maret.xlsx", {"BAB IV": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.anggaran_wide.empty and result.kinerja_wide.empty
    b = result.bulanan.iloc[0]
    assert (b["bulan"], b["anggaran"], b["realisasi_anggaran"]) == (3, 423_300, 423_300)
    assert "'CAPAIAN' tidak dibaca: tabel bulanan" in _notes(result)


OTHER_OFFICES = Path(__file__).resolve().parent / "data" / "other_offices"


def test_other_office_sampang_lkjip_table_31(tmp_path: Path) -> None:
    """Inspektorat Sampang, LKjIP 2019 Tabel 3.1 (``SOURCE.md``): ``N0`` over the row
    numbers, a Sasaran heading row, target ``55%`` and realisasi/capaian ``n/a``."""
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    with (reference / "kecamatan.csv").open("a", encoding="utf-8") as fh:
        fh.write("Sampang;;sampang;sampang|Inspektorat Daerah Kabupaten Sampang\n")
    text = (OTHER_OFFICES / "sampang_2019_lkjip_tabel31.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    raw = tmp_path / "raw"
    write_xlsx(raw, "sampang_2019_lkjip_tabel31.xlsx", {"Tabel 3.1": rows})
    result = ingest(raw, reference_dir=reference)
    assert not result.errors, str(result.errors)
    iku = result.iku_raw.iloc[0]
    assert iku["indikator"] == "Persentase penurunan temuan keuangan yang bersifat materil"
    assert (iku["kecamatan"], iku["tahun"], iku["target"]) == ("Sampang", 2019, 55)
    assert pd.isna(iku["realisasi"]) and pd.isna(iku["capaian_dilaporkan"])
    assert "'N0'" not in _notes(result)


def test_up_to_a_month_in_the_title_stays_a_quarter_table(tmp_path: Path) -> None:
    """``s.d. bulan Desember`` is a quarter's figures to date, not one month's."""
    raw = tmp_path / "raw"
    rows = [
        ["Realisasi Anggaran Triwulan IV s.d. bulan Desember Tahun 2024"],
        ["No.", "SUB KEGIATAN", "ANGGARAN", "REALISASI", "CAPAIAN"],
        ["1", "Penyediaan Gaji dan Tunjangan ASN", "1.851.842.950", "1.800.000.000", "97,20"],
    ]
    write_xlsx(raw, "wotu_2024_anggaran.xlsx", {"BAB IV": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.bulanan.empty
    assert result.anggaran_wide.iloc[0]["realisasi_anggaran_sd_tw4"] == 1_800_000_000


def test_uncoded_names_outside_the_regional_list_take_the_national_nomenclature(
    tmp_path: Path,
) -> None:
    """``Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan`` is not in
    Luwu Timur's ``nomenklatur.csv``; the national list (``nomenklatur_nasional.csv``)
    gives its code and level, where before the level was guessed from the indicator."""
    raw = tmp_path / "raw"
    rows = [
        ["RENCANA AKSI TRIWULAN I TAHUN 2025"],
        ["No", "Uraian", "Indikator Kinerja", "Satuan", "Target TW I", "Realisasi TW I"],
        [
            "1",
            "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
            "Jumlah laporan koordinasi",
            "Laporan",
            "3",
            "3",
        ],
    ]
    write_xlsx(raw, "wotu_2025_rencana_aksi.xlsx", {"RA": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.iloc[0]
    assert (row["kode"], row["tingkat"]) == ("7.01.02.2.01", "kegiatan")
    assert not [f for f in result.findings.items if f.jenis == "tingkat_ditebak"]
    assert "-> 7.01.02.2.01" in _notes(result)


def test_renstra_target_and_anggaran_per_year_with_kondisi_awal_and_akhir(
    tmp_path: Path,
) -> None:
    """A Renstra / T-C.30 table: ``Target | Anggaran`` under each year, ``Kondisi Kinerja
    Awal (2020)`` (that year's realisasi) and ``Kondisi Kinerja Akhir (2026)`` (the target
    of 2026); a kondisi column without a year stays unread."""
    raw = tmp_path / "raw"
    years = ["Kondisi Kinerja Awal (2020)", "Tahun 2022", None, "Tahun 2023", None]
    ends = ["Kondisi Kinerja Akhir (2026)", "Kondisi Akhir"]
    name = ["7.01.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    figures = ["2", "2", "20.000.000", "3", "21.000.000", "4", "4"]
    rows = [
        ["RENCANA STRATEGIS (RENSTRA) KECAMATAN WOTU 2021-2026"],
        ["Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan", *years, *ends],
        [None, None, None, None, None, "Target", "Anggaran", "Target", "Anggaran", None, None],
        [*name, "Jumlah dokumen", "Dokumen", *figures],
    ]
    write_xlsx(raw, "wotu_2022_renstra.xlsx", {"T-C.30": rows})
    result = run(raw)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide.set_index("tahun")
    assert k.at[2020, "realisasi_sd_tw4"] == 2
    assert (k.at[2022, "target_tahunan"], k.at[2023, "target_tahunan"]) == (2, 3)
    assert k.at[2026, "target_tahunan"] == 4
    a = result.anggaran_wide.set_index("tahun")
    assert (a.at[2022, "pagu"], a.at[2023, "pagu"]) == (20_000_000, 21_000_000)
    assert "'Kondisi Akhir' (1 angka)" in _notes(result)
