# ruff: noqa: E501 - cell text is kept verbatim, whatever its length
"""Rebuild the development tables of other offices from the cell text below (verbatim as
the source gives it; see each folder's SOURCE.md). Run: ``python
tests/data/other_offices/build.py``. The reader is developed on these tables
(``tests/test_other_offices.py``); the held-out corpus (``tests/data/heldout``) measures it.

Every figure below is written into its table and into the folder's ``printed.json``
from the same literal, so the printed figures and the table cannot drift apart.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent
YEARS = (2026, 2027, 2028, 2029, 2030)

# ---------------------------------------------------------------------------------------
# Kecamatan Licin, Kabupaten Banyuwangi: Renstra PD 2025-2029, table renstra_sub_kegiatan
# of the planning application's data export (code index file 70724068843), exported as the
# application names its fields. NULL is an empty cell.
# (kode_nomenklatur, nama, sasaran, indikator, satuan, targets 2026-2030, anggaran 2026-2030)
LICIN_SUB_KEGIATAN = [
    (
        "7.01.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
        "Jumlah dokumen yang disusun",
        "Dokumen",
        ["7"] * 5,
        ["2500000.00"] * 5,
    ),
    (
        "7.01.01.2.02.0001",
        "Penyediaan Gaji dan Tunjangan ASN",
        "Tersedianya Gaji dan Tunjangan ASN",
        "Jumlah orang yang menerima gaji / tujangan",
        "Orang",
        ["9"] * 5,
        ["2273599592.00"] * 5,
    ),
    (
        "7.01.01.2.06.0001",
        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
        "Tersedianya Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
        "Jumlah Paket Komponen InstalasiListrik /Penerangan Bangunan Kantor yang disediakan",
        "Paket",
        ["1"] * 5,
        ["7999800.00"] * 5,
    ),
    (
        "7.01.01.2.06.0002",
        "Penyediaan Peralatan dan Perlengkapan Kantor",
        "Tersedianya Peralatan dan Perlengkapan Kantor",
        "Jumlah paket peralatan dan perlengkapan kantor yang disediakan",
        "Paket",
        ["3"] * 5,
        ["29999400.00"] * 5,
    ),
    (
        "7.01.01.2.06.0003",
        "Penyediaan Peralatan Rumah Tangga",
        "Tersedianya Peralatan Rumah Tangga",
        "Jumlah Paket rumah tangga yang disediakan",
        "Paket",
        ["1"] * 5,
        ["7999500.00"] * 5,
    ),
    (
        "7.01.01.2.06.0004",
        "Penyediaan Bahan Logistik Kantor",
        "Tersedianya Bahan Logistik Kantor",
        "Jumlah Paket bahan logistik kantor yang disediakan",
        "Paket",
        ["11"] * 5,
        ["24990000.00"] * 5,
    ),
    (
        "7.01.01.2.06.0005",
        "Penyediaan Barang Cetakan dan Penggandaan",
        "Tersedianya Barang Cetakan dan Penggandaan",
        "Jumlah Paket barang cetakan dan penggandaan yang disediakan",
        "Paket",
        ["4"] * 5,
        ["6000000.00"] * 5,
    ),
    (
        "7.01.01.2.06.0009",
        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "Terlaksananya Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "Jumlah laporan penyelenggaraan rapat koordinasi dan konsultasi SKPD yang disediakan",
        "Laporan",
        ["10"] * 5,
        ["64986000.00"] * 5,
    ),
    (
        "7.01.01.2.08.0001",
        "Penyediaan Jasa Surat Menyurat",
        "Terlaksananya Penyediaan Jasa Surat Menyurat",
        "Jumlah laporan penyediaan jasa surat menyurat yang disediakan",
        "Laporan",
        ["1"] * 5,
        ["2000000.00"] * 5,
    ),
    (
        "7.01.01.2.08.0002",
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Tersedianya Jasa Komunikasi, Sumber Daya Air dan Listrik",
        "Jumlah laporan penyediaan Penyediaan Jasa komunikasi, Sumber Daya Air dan Listrik yang disediakan",
        "Laporan",
        ["12"] * 5,
        ["20434941.00"] * 5,
    ),
    (
        "7.01.01.2.08.0003",
        "Penyediaan Jasa Peralatan dan Perlengkapan Kantor",
        "Tersedianya Jasa Peralatan dan Perlengkapan Kantor",
        "Jumlah laporan Penyediaan Jasa Peralatan dan Perlengkapan Kantor yang disediakan",
        "Laporan",
        ["1"] * 5,
        ["5000000.00"] * 5,
    ),
    (
        "7.01.01.2.08.0004",
        "Penyediaan Jasa Pelayanan Umum Kantor",
        "Tersedianya Jasa Pelayanan Umum Kantor",
        "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang disediakan",
        "Laporan",
        ["12"] * 5,
        ["105000000.00"] * 5,
    ),
    (
        "7.01.01.2.09.0002",
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
        "Tersedianya Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
        "Jumlah kendaraan dinas operasional atau lapangan yang dipelihara dan dibayarkan pajak perizinannya",
        "Unit",
        ["4"] * 5,
        ["19107000.00"] * 5,
    ),
    (
        "7.01.01.2.09.0006",
        "Pemeliharaan Peralatan dan Mesin Lainnya",
        "Terlaksananya Pemeliharaan Peralatan dan Mesin Lainnya",
        "Jumlah peralatan dan mesin lainnya yang dipelihara",
        "Unit",
        ["13"] * 5,
        ["4735000.00"] * 5,
    ),
    (
        "7.01.02.2.01.0002",
        "Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Meningkatnya Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Jumlah Dokumen Kegiatan Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan",
        "Dokumen",
        ["12"] * 5,
        ["11281150.00"] * 5,
    ),
    (
        "7.01.02.2.02.0001",
        "Perencanaan Kegiatan Pelayanan kepada Masyarakat di Kecamatan",
        "Terlaksananya Perencanaan Kegiatan Pelayanan kepada Masyarakat di Kecamatan",
        "Jumlah Dokumen Perencanaan Kegiatan Pelayanan Kepada Masyarakat Di Kecamatan",
        "Dokumen",
        ["1"] * 5,
        ["9999800.00"] * 5,
    ),
    (
        "7.01.03.2.01.0003",
        "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan",
        "Meningkatnya Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan",
        "Jumlah Laporan Peningkatan efektifitas Kegiatan Pemberdayaan Masyarakat Di Wilayah Kecamatan",
        "Laporan",
        ["7"] * 5,
        ["595044900.00"] * 5,
    ),
    (
        "7.01.04.2.02.0001",
        "Koordinasi/Sinergi dengan Perangkat Daerah yang Tugas dan Fungsinya di Bidang Penegakan Peraturan Perundang-Undangan dan/atau Kepolisian Negara Republik Indonesia",
        "Terlaksananya Koordinasi/Sinergi dengan Perangkat Daerah yang Tugas dan Fungsinya di Bidang Penegakan Peraturan Perundang-Undangan dan/atau Kepolisian Negara Republik Indonesia",
        "Jumlah laporan Koordinasi/Sinergi dengan PD yang tugas dan fungsinya di Bidang Penegakan Peraturan Perundang Undangan dan/atau Kepolisian Negara RI",
        "Laporan",
        ["7"] * 5,
        ["6959900.00"] * 5,
    ),
    (
        "7.01.06.2.01.0003",
        "Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",
        "Terlaksananya Fasilitasi Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa",
        "Jumlah Dokumen yang difasilitasi dalam rangka pengelolaan  Keuangan Desa dan Pendayagunaan Aset Desa",
        "Dokumen",
        ["8"] * 5,
        ["11926000.00"] * 5,
    ),
]

# ---------------------------------------------------------------------------------------
# Kecamatan Jangkar, Kabupaten Situbondo: Renstra PD 2025-2029 (code index file
# 68366346670): programs with their indicator (renstra_program + renstra_program_indikator)
# and kegiatan (renstra_kegiatan, ids 200-206), laid out as a Renstra table prints them.
# (kode, nama, indikator, satuan, kondisi awal, targets 2026-2030, anggaran 2026-2030)
JANGKAR = [
    (
        "7.01.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Capaian Nilai SAKIP Perangkat Daerah",
        "Nilai",
        "81.5",
        ["84", "84.5", "84.8", "85", "85.5"],
        ["2666646911.00", "2599150315.00", "2435014251.00", "2624045484.00", "2654289474.00"],
    ),
    (
        "7.01.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "Jumlah Dokumen Perubahan RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan RKA-\nSKPD",
        "Dokumen",
        "",
        ["1", "1", "1", "1", "1"],
        ["12330000.00", "13800000.00", "14500000.00", "14900000.00", "14900000.00"],
    ),
    (
        "7.01.01.2.02",
        "Administrasi Keuangan Perangkat Daerah",
        "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
        "Orang/bulan",
        "",
        ["15", "15", "15", "15", "15"],
        ["1753720871.00", "1747423784.00", "1747923784.00", "1747923784.00", "1747923784.00"],
    ),
    (
        "7.01.01.2.03",
        "Administrasi Barang Milik Daerah pada Perangkat Daerah",
        "Jumlah Laporan Penatausahaan Barang Milik Daerah pada\nSKPD",
        "Laporan",
        "",
        ["", "12", "12", "12", "12"],
        ["0.00", "6000000.00", "7200000.00", "7200000.00", "7200000.00"],
    ),
    (
        "7.01.01.2.05",
        "Administrasi Kepegawaian Perangkat Daerah",
        "Jumlah Paket Pakaian Dinas beserta Atribut Kelengkapan",
        "Paket",
        "",
        ["1", "1", "3", "1", "2"],
        ["7945158.00", "12000000.00", "23200000.00", "16000000.00", "21200000.00"],
    ),
    (
        "7.01.01.2.06",
        "Administrasi Umum Perangkat Daerah",
        "Jumlah Dokumen Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD",
        "Dokumen",
        "",
        ["", "1", "1", "1", "1"],
        ["151596500.00", "128849541.00", "135532018.00", "141863000.00", "149368075.00"],
    ),
    (
        "7.01.01.2.07",
        "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        "Jumlah Unit Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya\nyang Disediakan",
        "Unit",
        "",
        ["5", "1", "1", "1", "1"],
        ["187801233.00", "157700000.00", "128939000.00", "115100000.00", "107700000.00"],
    ),
    (
        "7.01.01.2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        "Jumlah Laporan Penyediaan Jasa Surat Menyurat",
        "Laporan",
        "",
        ["12", "12", "12", "12", "12"],
        ["220759570.00", "217434790.00", "236809250.00", "248684700.00", "261143935.00"],
    ),
    (
        "7.01.02",
        "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
        "Persentase Layanan yang terselesaikan",
        "%",
        "100",
        ["100", "100", "100", "100", "100"],
        ["18144528.00", "24600000.00", "27528000.00", "29345680.00", "30300000.00"],
    ),
    (
        "7.01.03",
        "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
        "Presentase Pemberdayaan Masyarakat Desa / Kelurahan",
        "%",
        "100",
        ["100", "100", "100", "100", "100"],
        ["205389181.00", "214555000.00", "249370500.00", "255919600.00", "260646905.00"],
    ),
    (
        "7.01.04",
        "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM",
        "Persentase koordinasi ketentraman dan ketertiban\numum",
        "%",
        "100",
        ["100", "100", "100", "100", "100"],
        ["10000000.00", "15000000.00", "18900000.00", "19500000.00", "70000000.00"],
    ),
    (
        "7.01.06",
        "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA",
        "Persentase pembinaan dan pengawasan desa",
        "%",
        "100",
        ["100", "100", "100", "100", "100"],
        ["44840000.00", "68200000.00", "68300000.00", "102450000.00", "168675000.00"],
    ),
]

# IKU: the tujuan indicator and the sasaran indicators with their kondisi awal
# (renstra_tujuan_indikator, renstra_sasaran_indikator)
# (no, sasaran, indikator, satuan, kondisi awal, targets 2026-2030)
JANGKAR_IKU = [
    (
        "1",
        "Meningkatnya Kinerja Tata Kelola Pemerintahan dan Pelayanan Publik",
        "Nilai Kinerja Kecamatan",
        "Nilai",
        "89.13",
        ["89.85", "90", "90.1", "90.55", "91"],
    ),
    (
        "2",
        "Meningkatnya Akuntabilitas Kinerja Perangkat Daerah",
        "Capaian Nilai SAKIP Perangkat Daerah",
        "Nilai",
        "81.5",
        ["84", "84.5", "84.8", "85", "85.5"],
    ),
    (
        "3",
        "Meningkatnya Kualitas Layanan Publik di Kecamatan Jangkar",
        "Indeks Kepuasan Masyarakat (IKM)",
        "Nilai",
        "89.69",
        ["90", "91", "91.5", "92", "92.5"],
    ),
    (
        "",
        "",
        "Nilai Kematangan Inovasi Kecamatan",
        "Nilai",
        "94",
        ["95.5", "96", "96.5", "97", "97.5"],
    ),
    (
        "4",
        "Meningkatnya Kualitas Pembinaan dan Pengawasan Desa / Kelurahan",
        "Persentase Desa yang Meningkat Nilai Indeks Desa nya",
        "%",
        "100",
        ["100", "100", "100", "100", "100"],
    ),
]

# ---------------------------------------------------------------------------------------
# Kecamatan Giri, Kabupaten Banyuwangi: Renstra PD 2025-2029 (code index file 70560348344).
# IKU: the tujuan and sasaran indicators (renstra_tujuan_indikator, renstra_sasaran_indikator)
# (no, tujuan/sasaran, indikator, satuan, kondisi awal, targets 2026-2030)
GIRI_IKU = [
    (
        "1",
        "Meningkatnya Kualitas Pelayanan Publik",
        "Indeks Kinerja Wilayah (IKW)",
        "Indeks",
        "",
        ["86", "87", "88", "89", "90"],
    ),
    (
        "1.1",
        "Meningkatnya Kualitas Layanan Administrasi",
        "Indeks Kepuasan Masyarakat (IKM) Kecamatan",
        "Indeks",
        "",
        ["91", "92", "93", "94", "95"],
    ),
    (
        "1.2",
        "Meningkatnya Kualitas Kinerja Kecamatan",
        "Persentase Kepuasan Masyarakat terhadap Pelaksanaan Tugas Atributif dan Delegatif Kecamatan",
        "%",
        "",
        ["81", "82", "83", "84", "85"],
    ),
]
# Programs with their indicator (renstra_program + renstra_program_indikator) and kegiatan
# (renstra_kegiatan: no indicator of their own) with target and pagu per year.
# (kode, nama, indikator, satuan, kondisi awal, targets 2026-2030, anggaran 2026-2030)
GIRI_PROGRAM = [
    (
        "7.01.01",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Persentase pemenuhan kebutuhan penunjang perangkat daerah",
        "%",
        "100",
        ["90"] * 5,
        ["5597008556.00"] * 5,
    ),
    (
        "7.01.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["2500000.00"] * 5,
    ),
    (
        "7.01.01.2.02",
        "Administrasi Keuangan Perangkat Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["4876593596.00"] * 5,
    ),
    (
        "7.01.01.2.06",
        "Administrasi Umum Perangkat Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["264821880.00"] * 5,
    ),
    (
        "7.01.01.2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["418212080.00"] * 5,
    ),
    (
        "7.01.01.2.09",
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["34881000.00"] * 5,
    ),
    (
        "7.01.02",
        "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK",
        "Persentase sarana prasarana kecamatan dan kelurahan dalam kondisi baik",
        "%",
        "100",
        ["90"] * 5,
        ["124282000.00"] * 5,
    ),
    (
        "7.01.02.2.01",
        "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
        "",
        "",
        "",
        ["90"] * 5,
        ["114282000.00"] * 5,
    ),
    (
        "7.01.02.2.02",
        "Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan",
        "",
        "",
        "",
        ["90"] * 5,
        ["10000000.00"] * 5,
    ),
    (
        "7.01.03",
        "PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN",
        "Persentase keterlibatan masyarakat dalam kegiatan pembangunan",
        "%",
        "100",
        ["90"] * 5,
        ["989027500.00"] * 5,
    ),
    (
        "7.01.03.2.01",
        "Koordinasi Kegiatan Pemberdayaan Desa",
        "",
        "",
        "",
        ["90"] * 5,
        ["809027550.00"] * 5,
    ),
    (
        "7.01.03.2.02",
        "Kegiatan Pemberdayaan Kelurahan",
        "",
        "",
        "",
        ["90"] * 5,
        ["179999950.00"] * 5,
    ),
    (
        "7.01.04",
        "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM",
        "Jumlah pelanggaran Perda dan Perbup di Kecamatan",
        "Kasus",
        "100",
        ["190"] * 5,
        ["22327835.00"] * 5,
    ),
    (
        "7.01.04.2.02",
        "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
        "",
        "",
        "",
        ["90"] * 5,
        ["22327835.00"] * 5,
    ),
    (
        "7.01.06",
        "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA",
        "Persentase laporan keuangan desa yang selesai tepat waktu",
        "%",
        "100",
        ["90"] * 5,
        ["8945124.00"] * 5,
    ),
    (
        "7.01.06.2.01",
        "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
        "",
        "",
        "",
        ["100"] * 5,
        ["8945124.00"] * 5,
    ),
]


def number(text: str) -> float | int | None:
    """The cell an office's spreadsheet holds for a figure: the same value as a number."""
    if text == "":
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


def figures(rows, name_at: int, indikator_at: int, targets_at: int, pagu_at: int | None):
    """printed.json figures of rows: each year's target (by indikator) and pagu (by name)."""
    out = []
    for row in rows:
        for i, year in enumerate(YEARS):
            target = row[targets_at][i]
            if target != "" and row[indikator_at]:
                out.append(
                    {
                        "indikator": row[indikator_at].replace("\n", " "),
                        "tahun": year,
                        "field": "target",
                        "value": target,
                    }
                )
            if pagu_at is not None and row[pagu_at][i] != "":
                out.append(
                    {
                        "indikator": row[name_at],
                        "tahun": year,
                        "field": "pagu",
                        "value": row[pagu_at][i],
                    }
                )
    return out


def write_printed(folder: Path, kabupaten: str, kecamatan: str, figs: list[dict]) -> None:
    spec = {"kabupaten": kabupaten, "kecamatan": kecamatan, "figures": figs}
    (folder / "printed.json").write_text(
        json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def build_licin() -> None:
    folder = HERE / "licin"
    folder.mkdir(exist_ok=True)
    header = ["kode_nomenklatur", "nama", "sasaran", "indikator", "satuan"]
    header += [f"target_{y}" for y in (2025, *YEARS)] + [f"anggaran_{y}" for y in (2025, *YEARS)]
    with open(
        folder / "licin_renstra_2026_2030_sub_kegiatan.csv", "w", newline="", encoding="utf-8"
    ) as f:
        w = csv.writer(f)
        w.writerow(header)
        for kode, nama, sasaran, ind, sat, targets, pagu in LICIN_SUB_KEGIATAN:
            w.writerow([kode, nama, sasaran, ind, sat, "", *targets, "", *pagu])
    write_printed(folder, "Kabupaten Banyuwangi", "Licin", figures(LICIN_SUB_KEGIATAN, 1, 3, 5, 6))


def build_jangkar() -> None:
    folder = HERE / "jangkar"
    folder.mkdir(exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Renstra"
    ws.append(["RENCANA PROGRAM DAN KEGIATAN, INDIKATOR KINERJA DAN PENDANAAN INDIKATIF"])
    ws.append(["KECAMATAN JANGKAR KABUPATEN SITUBONDO"])
    ws.append([])
    header = ["Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan", "Kondisi Kinerja Awal"]
    for y in YEARS:
        header += [f"Target {y}", f"Rp {y}"]
    ws.append(header)
    for kode, nama, ind, sat, awal, targets, pagu in JANGKAR:
        cells = [kode, nama, ind, sat, number(awal)]
        for t, p in zip(targets, pagu, strict=True):
            cells += [number(t), number(p)]
        ws.append(cells)
    wb.save(folder / "jangkar_renstra_2026_2030.xlsx")
    with open(folder / "jangkar_iku_2026_2030.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["INDIKATOR KINERJA UTAMA KECAMATAN JANGKAR TAHUN 2026-2030"])
        w.writerow(
            ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Satuan", "Kondisi Awal"]
            + [f"Target {y}" for y in YEARS]
        )
        for no, sasaran, ind, sat, awal, targets in JANGKAR_IKU:
            w.writerow([no, sasaran, ind, sat, awal, *targets])
    figs = figures(JANGKAR, 1, 2, 5, 6) + figures(JANGKAR_IKU, 1, 2, 5, None)
    write_printed(folder, "Kabupaten Situbondo", "Jangkar", figs)


def build_giri() -> None:
    folder = HERE / "giri"
    folder.mkdir(exist_ok=True)
    document = docx.Document()
    document.add_paragraph("Tabel 2.2 Indikator Kinerja Utama Kecamatan Giri Tahun 2026-2030")
    table = document.add_table(rows=2, cols=10)
    top = ["No", "Tujuan/Sasaran", "Indikator Kinerja", "Satuan", "Kondisi Awal", "Target Kinerja"]
    for c, text in enumerate(top):
        table.cell(0, c).text = text
    table.cell(0, 5).merge(table.cell(0, 9))
    for c in range(5):
        table.cell(0, c).merge(table.cell(1, c))
    for c, y in enumerate(YEARS, start=5):
        table.cell(1, c).text = str(y)
    for no, sasaran, ind, sat, awal, targets in GIRI_IKU:
        cells = table.add_row().cells
        for c, text in enumerate([no, sasaran, ind, sat, awal, *targets]):
            cells[c].text = text
    document.save(folder / "giri_renstra_2026_2030_iku.docx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Program Kegiatan"
    ws.append(["Rencana Program dan Kegiatan Kecamatan Giri 2026-2030"])
    top = ["Kode", "Program/Kegiatan", "Indikator Kinerja", "Satuan", "Kondisi Awal"]
    sub = ["", "", "", "", ""]
    for y in YEARS:
        top += [f"Tahun {y}", ""]
        sub += ["Target", "Pagu Indikatif (Rp)"]
    ws.append(top)
    ws.append(sub)
    for c in range(len(YEARS)):
        col = 6 + 2 * c
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
    for kode, nama, ind, sat, awal, targets, pagu in GIRI_PROGRAM:
        cells = [kode, nama, ind or None, sat or None, number(awal)]
        for t, p in zip(targets, pagu, strict=True):
            cells += [number(t), number(p)]
        ws.append(cells)
    wb.save(folder / "giri_renstra_2026_2030_program_kegiatan.xlsx")
    figs = figures(GIRI_IKU, 1, 2, 5, None) + figures(GIRI_PROGRAM, 1, 2, 5, 6)
    write_printed(folder, "Kabupaten Banyuwangi", "Giri", figs)


if __name__ == "__main__":
    build_licin()
    build_jangkar()
    build_giri()
