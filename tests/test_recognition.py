"""Recognition never drops or moves a real row in silence (issue 20, item 2).

Each hostile table is built here from names cut from the seeds (seed 000's Rencana Aksi
form, seed 002's Towuti tables): the figures are small counts, the commonest case.
"""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import run, write_csv, write_xlsx

QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]
ONE_ROW_HEADER = (
    ["Kode", "Uraian", "Indikator"]
    + [f"Target {q}" for q in QUARTERS]
    + [f"Realisasi {q}" for q in QUARTERS]
)
# seed 000 (Evaluasi atas Rencana Aksi 2024, Kalaena): sub kegiatan and their indicators
SMALL_COUNTS = [
    ["7.01.01.2.09.02", "Penatausahaan Barang Milik Daerah pada SKPD",
     "Jumlah Penatausahaan Milik Daerah SKPD", 1, 1, 1, 1, 1, 1, 1, 1],
    ["7.01.01.2.02.05", "Koordinasi dan Penyusunan Laporan Capaian Kinerja",
     "Jumlah Laporan Capaian Kinerja", 1, 2, 3, 4, 1, 2, 3, 4],
    ["7.01.01.2.02.07", "Evaluasi Kinerja Perangkat Daerah",
     "Jumlah Laporan Evaluasi Kinerja", 2, 2, 2, 2, 2, 2, 2, 2],
    ["7.01.01.2.06.01", "Penyediaan Komponen Instalasi Listrik",
     "Jumlah Paket Komponen Instalasi Listrik", 3, 3, 3, 3, 3, 3, 2, 3],
    ["7.01.01.2.06.02", "Penyediaan Peralatan dan Perlengkapan Kantor",
     "Jumlah Paket Peralatan dan Perlengkapan Kantor", 1, 1, 1, 1, 1, 1, 1, 1],
    ["7.01.01.2.06.04", "Penyediaan Bahan Logistik Kantor",
     "Jumlah Paket Bahan Logistik Kantor", 1, 1, 1, 1, 1, 1, 1, 1],
]  # fmt: skip


def _csv(rows: list[list[object]]) -> str:
    return "\n".join(";".join("" if c is None else str(c) for c in r) for r in rows) + "\n"


def test_rows_of_small_counts_under_a_one_row_header_are_data_csv(tmp_path: Path) -> None:
    write_csv(tmp_path / "raw", "kalaena_2024_ra.csv", _csv([ONE_ROW_HEADER, *SMALL_COUNTS[:5]]))
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert len(result.kinerja_wide) == 5
    assert "nomor kolom" not in result.skipped
    row = result.kinerja_wide.set_index("kode").loc["7.01.01.2.02.05"]
    assert [row[f"target_tw{q}"] for q in (1, 2, 3, 4)] == [1, 2, 3, 4]


def test_rows_of_small_counts_under_merged_group_headers_are_data_xlsx(tmp_path: Path) -> None:
    group = ["Kode", "Uraian", "Indikator", "Target", None, None, None, "Realisasi"]
    sub = [None, None, None, *QUARTERS, *QUARTERS]
    # the indicator rows under a sub kegiatan: identity cells merged (empty below)
    rows = [SMALL_COUNTS[0], *[[None, None, *r[2:]] for r in SMALL_COUNTS[1:]]]
    write_xlsx(
        tmp_path / "raw",
        "kalaena_2024_ra.xlsx",
        {"RA": [group + [None] * 3, sub, *rows]},
        merged={"RA": ["A1:A2", "B1:B2", "C1:C2", "D1:G1", "H1:K1", "A3:A8", "B3:B8"]},
    )
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert len(result.kinerja_wide) == 6
    assert "nomor kolom" not in result.skipped


def test_numbered_row_under_the_header_is_still_skipped(tmp_path: Path) -> None:
    numbers = [str(i) for i in range(1, 12)]
    write_csv(
        tmp_path / "raw",
        "kalaena_2024_ra.csv",
        _csv([ONE_ROW_HEADER, numbers, *SMALL_COUNTS[:2], numbers, SMALL_COUNTS[2]]),
    )
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert len(result.kinerja_wide) == 3
    assert result.skipped == {"nomor kolom": 2}


def test_group_labels_typed_one_column_off_keep_tw1_target(tmp_path: Path) -> None:
    """Merges lost: ``Target`` and ``Realisasi`` typed over the second quarter column,
    the identity labels in the quarters' row. TW I's target is the 1000 printed under
    ``Target``'s TW I, not realisasi TW I's 100."""
    group = [None, None, None, None, "Target", None, None, None, "Realisasi", None, None]
    sub = ["Kode", "Uraian", "Indikator", *QUARTERS, *QUARTERS]
    rows = [
        ["7.01.01.2.09.02", "Penatausahaan Barang Milik Daerah pada SKPD",
         "Jumlah Penatausahaan Milik Daerah SKPD", 1000, 1, 1, 1, 100, 1, 1, 1],
        SMALL_COUNTS[1],
    ]  # fmt: skip
    write_xlsx(tmp_path / "raw", "kalaena_2024_ra.xlsx", {"RA": [group, sub, *rows]})
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.set_index("kode").loc["7.01.01.2.09.02"]
    assert row["target_tw1"] == 1000
    assert row["realisasi_tw1"] == 100
    assert row["target_tw2"] == 1


HEADER_WITH_SATUAN = [*ONE_ROW_HEADER[:3], "Satuan", *ONE_ROW_HEADER[3:]]


def test_a_coded_row_named_rata_rata_is_a_real_row(tmp_path: Path) -> None:
    rows = [
        HEADER_WITH_SATUAN,
        ["7.01.01.2.01.01", "Rata-rata Capaian Kinerja Desa yang Dibina",
         "Persentase desa yang dibina (%)", "%", 90, 90, 90, 90, 80, 80, 80, 80],
        [None, "Rata-rata Capaian Kinerja", None, None, None, None, None, None, None, None,
         None, "100%"],
    ]  # fmt: skip
    write_csv(tmp_path / "raw", "kalaena_2024_ra.csv", _csv(rows))
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide["kode"].tolist() == ["7.01.01.2.01.01"]
    assert result.kinerja_wide["target_tw1"].tolist() == [90]
    assert result.skipped == {"rata-rata tercetak": 1}


def test_jumlah_in_the_indikator_column_is_a_printed_total(tmp_path: Path) -> None:
    rows = [
        HEADER_WITH_SATUAN,
        [*SMALL_COUNTS[0][:3], "Laporan", *SMALL_COUNTS[0][3:]],
        [None, None, "JUMLAH", None, 1, 1, 1, 1, 1, 1, 1, 1],
    ]
    write_csv(tmp_path / "raw", "kalaena_2024_ra.csv", _csv(rows))
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert "tingkat_ditebak" not in {f.jenis for f in result.findings.items}
    k = result.kinerja_wide
    assert k.loc[k["kode"].isna(), "tingkat"].tolist() == ["total"]
    assert k.loc[k["kode"].notna(), "tingkat"].tolist() == ["sub_kegiatan"]


def test_title_year_wins_over_the_file_name_with_a_finding(tmp_path: Path) -> None:
    """A "Tahun 2023" table sent as ``wotu_2024_...``: the rows are 2023's, and the
    disagreement is a finding naming both."""
    title = ["Capaian Kinerja Kecamatan Wotu Tahun 2023"]
    write_xlsx(
        tmp_path / "raw",
        "wotu_2024_ra.xlsx",
        {"RA": [title, [], ONE_ROW_HEADER, *SMALL_COUNTS[:2]]},
    )
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide["tahun"].tolist() == [2023, 2023]
    found = [f for f in result.findings.items if f.jenis == "tahun_judul_nama_file"]
    assert len(found) == 1
    assert "2023" in found[0].pesan and "wotu_2024_ra.xlsx" in found[0].pesan
    assert "2024" in found[0].pesan
