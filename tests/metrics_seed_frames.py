# ruff: noqa: E501  (a transcription table: one printed row per line reads best)
"""Wide input frames transcribed from the seed reports, for the metrics tests.

Until ``analysis.ingest.pipeline`` reads ``data/raw``, the metrics are tested on the seeds'
printed figures typed in here (each block names its seed table). Figures are copied as
printed, errors included: the reconciliation tests depend on them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import ANGGARAN_WIDE, BULANAN_WIDE, IKU_RAW, KINERJA_WIDE

NAN = np.nan


def wide(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows (dicts of the columns they fill) -> a frame with exactly ``columns``."""
    df = pd.DataFrame(rows)
    for col in columns:
        if col not in df.columns:
            df[col] = NAN
    return df[columns]


def kinerja_wide(rows: list[dict]) -> pd.DataFrame:
    return wide(rows, KINERJA_WIDE)


def anggaran_wide(rows: list[dict]) -> pd.DataFrame:
    return wide(rows, ANGGARAN_WIDE)


def iku_raw(rows: list[dict]) -> pd.DataFrame:
    return wide(rows, IKU_RAW)


def bulanan_wide(rows: list[dict]) -> pd.DataFrame:
    return wide(rows, BULANAN_WIDE)


# --- Seed 004, Kecamatan Wotu, LKj Perubahan TW IV 2024 ------------------------------
# Tabel 3.4 "Realisasi Kinerja dan Anggaran sampai dengan Triwulan IV Tahun 2024":
# (tingkat, kunci, uraian, target, realisasi, satuan, capaian printed (5),
#  anggaran kas s/d TW IV (6), realisasi anggaran s/d TW IV (7), serapan printed (8)),
# plus the pagu of the same line in Tabel 2.8 (last field; None = not in Tabel 2.8).
# Program numbers are the table's ("01".."06"); kegiatan/sub kegiatan have no code in
# the table, so their kunci here is positional (P01.K2.S1).
WOTU_T34 = [
    ("program", "P01", "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA", None, None, None, 71.77, 3_135_828_551, 3_056_331_499, 97.46, 3_135_828_551),
    ("kegiatan", "P01.K1", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None, None, None, 100, 51_321_300, 43_047_200, 83.88, 51_321_300),
    ("sub_kegiatan", "P01.K1.S1", "Penyusunan Dokumen Perencanaan Perangkat Daerah", 2, 2, "Dokumen", 100, 23_274_800, 21_969_100, 94.39, 23_274_800),
    ("sub_kegiatan", "P01.K1.S2", "Koordinasi dan Penyusunan Dokumen RKA-SKPD", 2, 2, "Dokumen", 100, 6_244_950, 4_319_100, 89.16, 6_244_950),
    ("sub_kegiatan", "P01.K1.S3", "Koordinasi dan Penyusunan Dokumen DPA-SKPD", 2, 2, "Dokumen", 100, 6_949_850, 3_114_000, 44.81, 6_949_850),
    ("sub_kegiatan", "P01.K1.S4", "Evaluasi Kinerja Perangkat Daerah", 10, 10, "Laporan", 100, 14_851_700, 13_645_000, 91.88, 14_851_700),
    ("kegiatan", "P01.K2", "Administrasi Keuangan Perangkat Daerah", None, None, None, 97.40, 2_120_823_919, 2_119_739_936, 98.51, 2_120_823_919),
    ("sub_kegiatan", "P01.K2.S1", "Penyediaan Gaji dan tunjangan ASN", 19, 19, "Orang/bulan", 100, 2_092_264_069, 2_060_771_985, 98.49, 2_092_264_064),
    ("sub_kegiatan", "P01.K2.S2", "Koordinasi dan penyusunan laporan keuangan bulanan/triwulanan/semesteran SKPD", 12, 12, "Laporan", 100, 28_559_850, 28_370_000, 99.34, 28_559_850),
    ("kegiatan", "P01.K3", "Administrasi Barang Milik Daerah pada Perangkat Daerah", None, None, None, 100, 12_779_800, 12_679_100, 99.21, 12_779_800),
    ("sub_kegiatan", "P01.K3.S1", "Penatausahaan Barang Milik Daerah pada SKPD", 4, 4, "Laporan", 100, 12_779_800, 12_679_100, 99.21, 12_779_800),
    ("kegiatan", "P01.K4", "Administrasi Pendapatan Daerah Kewenangan Perangkat Daerah", None, None, None, 0, 1_190_000, 1_140_000, 95.80, 1_190_000),
    ("sub_kegiatan", "P01.K4.S1", "Pelaporan Pengelolaan Retribusi Daerah", 12, 0, "Dokumen", 0, 1_190_000, 1_140_000, 95.80, 1_190_000),
    ("kegiatan", "P01.K5", "Administrasi Kepegawaian Perangkat Daerah", None, None, None, 100, 43_621_850, 28_763_900, 65.94, 43_621_850),
    ("sub_kegiatan", "P01.K5.S1", "Pendataan dan Pengelolaan Administrasi Kepegawaian", 12, 12, "Dokumen", 100, 11_096_850, 9_455_400, 85.21, 11_096_850),
    ("sub_kegiatan", "P01.K5.S2", "Bimbingan Teknis Implementasi Peraturan Perundang-Undangan", 4, 4, "Orang", 100, 32_525_000, 19_308_500, 59.37, 32_525_000),
    ("kegiatan", "P01.K6", "Administrasi Umum Perangkat Daerah", None, None, None, 96.66, 424_525_700, 424_160_000, 99.91, 424_525_700),
    ("sub_kegiatan", "P01.K6.S1", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor", 13, 13, "Paket", 100, 2_980_900, 2_966_000, 99.50, 2_980_900),
    ("sub_kegiatan", "P01.K6.S2", "Penyediaan Bahan Logistik Kantor", 6, 6, "Paket", 100, 8_550_000, 8_525_000, 99.71, 8_550_000),
    ("sub_kegiatan", "P01.K6.S3", "Penyediaan Barang Cetak dan Penggandaan", 3, 3, "Paket", 83.33, 13_149_800, 13_130_000, 99.85, 13_149_800),
    ("sub_kegiatan", "P01.K6.S4", "Penyediaan Bahan Bacaan dan Peraturan Perundang-Undangan", 48, 48, "Dokumen", 100, 4_800_000, 4_620_000, 96.25, 4_800_000),
    ("sub_kegiatan", "P01.K6.S5", "Fasilitas Kunjungan Tamu", 12, 12, "Laporan", 100, 257_125_000, 257_110_000, 99.99, 257_125_000),
    ("sub_kegiatan", "P01.K6.S6", "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", 12, 12, "Laporan", 100, 137_920_000, 137_809_000, 99.92, 137_920_000),
    ("kegiatan", "P01.K7", "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", None, None, None, 100, 107_250_000, 96_300_000, 89.79, 39_000_000),
    ("sub_kegiatan", "P01.K7.S1", "Pengadaan Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan", 0, 0, "Unit", 0, 0, 0, None, 0),
    ("sub_kegiatan", "P01.K7.S2", "Pengadaan Peralatan dan Mesin Lainnya", 3, 3, "Unit", 100, 107_250_000, 96_300_000, 89.79, 107_250_000),
    ("kegiatan", "P01.K8", "Penyediaan Jasa Penunjang Urusan Pemerintah Daerah", None, None, None, 100, 252_020_982, 239_931_544, 95.20, 252_020_982),
    ("sub_kegiatan", "P01.K8.S1", "Penyediaan Jasa Surat Menyurat", 12, 12, "Laporan", 100, 11_502_100, 11_478_000, 99.79, 11_502_100),
    ("sub_kegiatan", "P01.K8.S2", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", 36, 36, "Laporan", 100, 49_043_882, 41_978_544, 85.59, 49_043_882),
    ("sub_kegiatan", "P01.K8.S3", "Penyediaan Peralatan dan Perlengkapan Kantor", 2, 2, "Laporan", 100, 8_475_000, 8_475_000, 100, 8_475_000),
    ("sub_kegiatan", "P01.K8.S4", "Penyediaan Jasa Pelayanan Umum Kantor", 4, 4, "Laporan", 100, 183_000_000, 178_000_000, 97.27, 183_000_000),
    ("kegiatan", "P01.K9", "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah", None, None, None, 100, 122_295_000, 121_167_770, 99.08, 122_295_000),
    ("sub_kegiatan", "P01.K9.S1", "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, dan Pajak Kendaraan", 5, 5, "Unit", 100, 21_395_000, 20_312_770, 94.94, 21_395_000),
    ("sub_kegiatan", "P01.K9.S2", "Pemeliharaan Peralatan dan Mesin Lainnya", 18, 18, "Unit", 100, 15_900_000, 15_855_000, 99.72, 15_900_000),
    ("sub_kegiatan", "P01.K9.S3", "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya", 2, 2, "Unit", 100, 85_000_000, 85_000_000, 100, 85_000_000),
    ("program", "P02", "PROGRAM PENYELENGGARAAN DAN PELAYANAN PUBLIK", None, None, None, 100, 7_557_500, 7_334_250, 97.05, 7_557_500),
    ("kegiatan", "P02.K1", "Pelaksanaan Urusan Pemerintahan yang Dilimpahkan kepada Camat", None, None, None, 100, 7_557_500, 7_334_250, 97.05, 7_557_500),
    ("sub_kegiatan", "P02.K1.S1", "Pelaksanaan Urusan Pemerintahan yang terkait dengan Pelayanan Perizinan Non Usaha", 12, 12, "Laporan", 100, 7_557_500, 7_334_250, 97.05, 7_557_500),
    ("program", "P03", "PROGRAM PEMBERDAYAAN MASYARAKAT", None, None, None, 100, 95_150_474, 92_580_260, 97.30, 95_150_474),
    ("kegiatan", "P03.K1", "Koordinasi Kegiatan Pemberdayaan Desa", None, None, None, 100, 95_150_474, 92_580_260, 97.30, 95_150_474),
    ("sub_kegiatan", "P03.K1.S1", "Peningkatan Partisipasi Masyarakat Dalam Forum Musyawarah Perencanaan Pembangunan di Desa", 5, 5, "Lembaga Kemasyarakatan", 100, 15_023_834, 14_806_950, 98.56, 15_023_834),
    ("sub_kegiatan", "P03.K1.S2", "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan", 12, 12, "Laporan", 100, 80_126_640, 77_773_310, 97.06, 80_126_640),
    ("program", "P04", "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM", None, None, None, 93.75, 16_584_850, 14_614_590, 88.12, 16_584_850),
    ("kegiatan", "P04.K1", "Koordinasi Upaya Penyelenggaraan Ketentraman dan Ketertiban Umum", None, None, None, 87.50, 10_189_900, 8_463_060, 83.05, 10_189_900),
    ("sub_kegiatan", "P04.K1.S1", "Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan Instansi Vertikal di Wilayah Kecamatan", 12, 11, "Laporan", 91.67, 6_144_950, 4_811_530, 78.30, 6_144_950),
    ("sub_kegiatan", "P04.K1.S2", "Harmonisasi Hubungan dengan Tokoh Agama dan Tokoh Masyarakat", 12, 10, "Laporan", 83.33, 4_044_950, 3_651_530, 90.27, 4_044_950),
    ("kegiatan", "P04.K2", "Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah", None, None, None, 100, 6_394_950, 6_151_530, 96.19, 6_394_950),
    ("sub_kegiatan", "P04.K2.S1", "Koordinasi/Sinergi dengan Perangkat Daerah di Bidang Penegakan Peraturan Perundang-Undangan", 4, 4, "Laporan", 100, 6_394_950, 6_151_530, 96.19, 6_394_950),
    ("program", "P05", "PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM", None, None, None, 100, 37_678_250, 36_644_000, 97.26, 37_678_250),
    ("kegiatan", "P05.K1", "Penyelenggaraan Urusan Pemerintahan Umum sesuai Penugasan Kepala Daerah", None, None, None, 100, 37_678_250, 36_644_000, 97.26, 37_678_250),
    ("sub_kegiatan", "P05.K1.S1", "Pelaksanaan Tugas Forum Koordinasi Pimpinan di Kecamatan", 12, 12, "Dokumen", 100, 37_678_250, 36_644_000, 97.26, 37_678_250),
    ("program", "P06", "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA", None, None, None, 100, 15_872_650, 12_974_800, 81.74, 15_872_650),
    ("kegiatan", "P06.K1", "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintah Daerah", None, None, None, 100, 15_872_650, 12_974_800, 81.74, 15_872_650),
    ("sub_kegiatan", "P06.K1.S1", "Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa", 34, 34, "Dokumen", 100, 7_342_850, 6_300_000, 85.80, 7_342_850),
    ("sub_kegiatan", "P06.K1.S2", "Koordinasi Pelaksanaan Pembangunan Kawasan Pedesaan di Wilayah Kecamatan", 17, 17, "Laporan", 100, 8_529_800, 6_674_800, 78.25, 8_529_800),
    ("total", "TOTAL", "TOTAL BELANJA", None, None, None, 95.91, 3_308_672_275, 3_220_479_399, 97.33, 3_308_672_275),
]  # fmt: skip


def _ancestors(tingkat: str, kunci: str) -> tuple[str | None, str | None]:
    parts = kunci.split(".")
    if tingkat == "program":
        return kunci, None
    if tingkat == "kegiatan":
        return parts[0], kunci
    if tingkat == "sub_kegiatan":
        return parts[0], ".".join(parts[:2])
    return None, None


def _n(v):
    return NAN if v is None else float(v)


def wotu_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(kinerja_wide, anggaran_wide) of Wotu Tabel 3.4 with the pagu of Tabel 2.8."""
    kin, ang = [], []
    for i, (tingkat, kunci, uraian, tgt, real, sat, cap, kas, ra, ser, pagu) in enumerate(WOTU_T34):
        prog, keg = _ancestors(tingkat, kunci)
        ident = {
            "kecamatan": "Wotu",
            "tahun": 2024,
            "kode": kunci.split(".")[0] if tingkat == "program" else None,
            "kunci": kunci,
            "kunci_program": prog,
            "kunci_kegiatan": keg,
            "tingkat": tingkat,
            "uraian": uraian,
            "sumber": f"004_wotu.txt:Tabel 3.4:{i + 1}",
        }
        kin.append(
            {
                **ident,
                "indikator": uraian if tgt is not None else None,
                "satuan": sat,
                "target_tahunan": _n(tgt),
                "realisasi_sd_tw4": _n(real),
                "capaian_sd_tw4": _n(cap),
            }
        )
        ang.append(
            {
                **ident,
                "pagu": _n(pagu),
                "anggaran_sd_tw4": _n(kas),
                "realisasi_anggaran_sd_tw4": _n(ra),
                "serapan_sd_tw4": _n(ser),
            }
        )
    return kinerja_wide(kin), anggaran_wide(ang)


# --- Seed 000, Kecamatan Kalaena, Evaluasi atas Rencana Aksi TW IV 2024 ---------------------
# Per-quarter target / realisasi / capaian as printed in the form layout (1b).
def kalaena_frames() -> pd.DataFrame:
    """kinerja_wide of a few Kalaena 2024 indicators (seed 000)."""
    base = {"kecamatan": "Kalaena", "tahun": 2024, "kunci_program": "P01"}

    def row(i, tingkat, kunci, keg, uraian, indikator, satuan, annual, tgt, real, cap, **kw):
        r = {
            **base,
            "kunci": kunci,
            "kunci_kegiatan": keg,
            "tingkat": tingkat,
            "uraian": uraian,
            "indikator": indikator,
            "satuan": satuan,
            "target_tahunan": annual,
            "sumber": f"000_kalaena.txt:form:{i}",
            **kw,
        }
        for q in range(4):
            r[f"target_tw{q + 1}"] = tgt[q]
            r[f"realisasi_tw{q + 1}"] = real[q]
            r[f"capaian_tw{q + 1}"] = cap[q]
        return r

    rows = [
        row(1, "kegiatan", "P01.K5", "P01.K5", "Administrasi Kepegawaian Perangkat Daerah",
            "Persentase capaian Administrasi Kepegawaian Perangkat Daerah (%)", "%", 100.0,
            [100, 100, 100, 100], [150, 250, 150, 67], [75, 250, 150, 67]),
        row(2, "sub_kegiatan", "P01.K5.S1", "P01.K5", "Sub Kegiatan Pendataan dan Pengolahan Administrasi Kepegawaian",
            "Jumlah Pendataan dan Pengolahan Administrasi Kepegawaian", "Dok", 12.0,
            [3, 3, 3, 3], [3, 3, 3, 3], [100, 100, 100, 100],
            keterangan_tw1="Dokumen administrasi kepegawaian Triwulan I"),
        row(3, "sub_kegiatan", "P01.K5.S2", "P01.K5", "Sub Kegiatan Bimbingan Teknis Implementasi Peraturan Perundang-Undangan",
            "Jumlah orang yang Bimbingan Implementasi Peraturan Perundang-Undangan", "Org", 8.0,
            [2, 0, NAN, NAN], [1, 4, NAN, NAN], [50, 400, NAN, NAN]),
        row(4, "sub_kegiatan", "P01.K4.S1", "P01.K4", "Pelaporan Retribusi Daerah",
            "Jumlah pengelolaan daerah laporan retribusi", "Dok", 3.0,
            [3, NAN, NAN, NAN], [0, 0, 0, 0], [NAN, NAN, NAN, NAN],
            keterangan="disebabkan di terbitkannya Peraturan Daerah Kabupaten Luwu Timur Nomor 9 Tahun 2023"),
        row(5, "sub_kegiatan", "P01.K8.S3", "P01.K8", "Penyediaan Jasa Peralatan dan Perlengkapan Kantor",
            "Jumlah Penyediaan Jasa Peralatan dan Perlengkapan Kantor yang disediakan", "Laporan", 2.0,
            [2, 0, 2, 0], [1, 0, 2, 0], [50, NAN, 100, NAN]),
    ]  # fmt: skip
    return kinerja_wide(rows)
