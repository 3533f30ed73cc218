-- Excerpt (data rows only, verbatim) of a public GitHub file found with the search tool's
-- file index (find_string "SQL UPDATE & INSERT DATA RENSTRA PD", index id 68366346670):
-- SQL UPDATE & INSERT DATA RENSTRA PD
-- PERANGKAT DAERAH: KECAMATAN JANGKAR
-- ID INSTANSI: 81 | KODE: 7.01.0.00.0.00.16.000
-- KABUPATEN SITUBONDO (KODE WILAYAH: 35.12)
-- TANGGAL EXPORT: 2026-09-24 11:06:10

-- Table: renstra_sasaran_indikator (4 records)
REPLACE INTO `renstra_sasaran_indikator` (`id`, `sasaran_id`, `perangkat_daerah_id`, `indikator`, `satuan`, `kondisi_awal`, `target_2025`, `target_2026`, `target_2027`, `target_2028`, `target_2029`, `target_2030`, `urutan`, `created_at`, `updated_at`, `deleted_at`) VALUES
  (78, 46, NULL, 'Capaian Nilai SAKIP Perangkat Daerah', 'Nilai', '81.5', NULL, '84', '84.5', '84.8', '85', '85.5', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (79, 47, NULL, 'Indeks Kepuasan Masyarakat (IKM)', 'Nilai', '89.69', NULL, '90', '91', '91.5', '92', '92.5', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (80, 47, NULL, 'Nilai Kematangan Inovasi Kecamatan', 'Nilai', '94', NULL, '95.5', '96', '96.5', '97', '97.5', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (81, 48, NULL, 'Persentase Desa yang Meningkat Nilai Indeks Desa nya', '%', '100', NULL, '100', '100', '100', '100', '100', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL);

-- Table: renstra_program_indikator (5 records)
REPLACE INTO `renstra_program_indikator` (`id`, `program_id`, `outcome_id`, `perangkat_daerah_id`, `indikator`, `satuan`, `kondisi_awal`, `target_2026`, `target_2027`, `target_2028`, `target_2029`, `target_2030`, `anggaran_2026`, `anggaran_2027`, `anggaran_2028`, `anggaran_2029`, `anggaran_2030`, `created_at`, `updated_at`, `deleted_at`, `urutan`) VALUES
  (213, 90, 124, 81, 'Capaian Nilai SAKIP Perangkat Daerah', 'Nilai', '81.5', '84', '84.5', '84.8', '85', '85.5', '2666646911.00', '2599150315.00', '2435014251.00', '2624045484.00', '2654289474.00', '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 10),
  (214, 91, 125, 81, 'Persentase Layanan yang terselesaikan', '%', '100', '100', '100', '100', '100', '100', '18144528.00', '24600000.00', '27528000.00', '29345680.00', '30300000.00', '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 10),
  (215, 92, 126, 81, 'Presentase Pemberdayaan Masyarakat Desa / Kelurahan', '%', '100', '100', '100', '100', '100', '100', '205389181.00', '214555000.00', '249370500.00', '255919600.00', '260646905.00', '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 10),
  (216, 93, 127, 81, 'Persentase koordinasi ketentraman dan ketertiban
umum', '%', '100', '100', '100', '100', '100', '100', '10000000.00', '15000000.00', '18900000.00', '19500000.00', '70000000.00', '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 10),
  (217, 94, 128, 81, 'Persentase pembinaan dan pengawasan desa', '%', '100', '100', '100', '100', '100', '100', '44840000.00', '68200000.00', '68300000.00', '102450000.00', '168675000.00', '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 10);

-- Table: renstra_kegiatan (14 records)
REPLACE INTO `renstra_kegiatan` (`id`, `program_id`, `nama`, `kode_nomenklatur`, `bidang_id`, `created_at`, `updated_at`, `deleted_at`, `sasaran`, `indikator`, `satuan`, `target_2025`, `target_2026`, `target_2027`, `target_2028`, `target_2029`, `target_2030`, `anggaran_2025`, `anggaran_2026`, `anggaran_2027`, `anggaran_2028`, `anggaran_2029`, `anggaran_2030`) VALUES
  (200, 90, 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah', '7.01.01.2.01', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah', 'Jumlah Dokumen Perubahan RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan RKA-
SKPD', 'Dokumen', NULL, '1', '1', '1', '1', '1', NULL, '12330000.00', '13800000.00', '14500000.00', '14900000.00', '14900000.00'),
  (201, 90, 'Administrasi Keuangan Perangkat Daerah', '7.01.01.2.02', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya  Administrasi Keuangan Perangkat Daerah', 'Jumlah Orang yang Menerima Gaji dan Tunjangan ASN', 'Orang/bulan', NULL, '15', '15', '15', '15', '15', NULL, '1753720871.00', '1747423784.00', '1747923784.00', '1747923784.00', '1747923784.00'),
  (202, 90, 'Administrasi Barang Milik Daerah pada Perangkat Daerah', '7.01.01.2.03', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Administrasi Barang Milik Daerah pada Perangkat Daerah', 'Jumlah Laporan Penatausahaan Barang Milik Daerah pada
SKPD', 'Laporan', NULL, '', '12', '12', '12', '12', NULL, '0.00', '6000000.00', '7200000.00', '7200000.00', '7200000.00'),
  (203, 90, 'Administrasi Kepegawaian Perangkat Daerah', '7.01.01.2.05', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya  Administrasi Kepegawaian Perangkat Daerah', 'Jumlah Paket Pakaian Dinas beserta Atribut Kelengkapan', 'Paket', NULL, '1', '1', '3', '1', '2', NULL, '7945158.00', '12000000.00', '23200000.00', '16000000.00', '21200000.00'),
  (204, 90, 'Administrasi Umum Perangkat Daerah', '7.01.01.2.06', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Administrasi Umum Perangkat Daerah', 'Jumlah Dokumen Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD', 'Dokumen', NULL, '', '1', '1', '1', '1', NULL, '151596500.00', '128849541.00', '135532018.00', '141863000.00', '149368075.00'),
  (205, 90, 'Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah', '7.01.01.2.07', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah', 'Jumlah Unit Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya
yang Disediakan', 'Unit', NULL, '5', '1', '1', '1', '1', NULL, '187801233.00', '157700000.00', '128939000.00', '115100000.00', '107700000.00'),
  (206, 90, 'Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah', '7.01.01.2.08', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah', 'Jumlah Laporan Penyediaan Jasa Surat Menyurat', 'Laporan', NULL, '12', '12', '12', '12', '12', NULL, '220759570.00', '217434790.00', '236809250.00', '248684700.00', '261143935.00'),
  (207, 90, 'Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah', '7.01.01.2.09', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah', 'Jumlah Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan yang Dipelihara dan dibayarkan Pajaknya', 'Unit', NULL, '11', '11', '11', '11', '11', NULL, '332493579.00', '315942200.00', '140910199.00', '332374000.00', '344853680.00'),
  (208, 91, 'Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan', '7.01.02.2.01', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya koordinasi Pemerintahan di  Kecamatan Jangkar', 'Jumlah Dokumen Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan', 'Dokumen', NULL, '', '1', '1', '1', '1', NULL, '0.00', '8400000.00', '10032000.00', '10450000.00', '11300000.00'),
  (209, 91, 'Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan', '7.01.02.2.02', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah yang Ada di Kecamatan', 'Jumlah Laporan Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat
di Wilayah Kecamatan', 'Laporan', NULL, '15', '15', '15', '15', '15', NULL, '18144528.00', '16200000.00', '17496000.00', '18895680.00', '19000000.00'),
  (210, 92, 'Koordinasi Kegiatan Pemberdayaan Desa', '7.01.03.2.01', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya  Pembinaan dan Pengawasan Kegiatan Pemberdayaan Desa / Kelurahan', 'Jumlah Lembaga Kemasyarakatan yang Berpartisipasi dalam Forum Musyawarah Perencanaan
Pembangunan di Desa', 'Lembaga Kemasyarakatan', NULL, '5', '5', '5', '5', '5', NULL, '200389181.00', '209155000.00', '243370500.00', '249439600.00', '253646905.00'),
  (211, 92, 'Pemberdayaan Lembaga Kemasyarakatan Tingkat Kecamatan', '7.01.03.2.03', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Fasilitasi Pemberdayaan Masyarakat Desa / Kelurahan', 'Jumlah Laporan Fasilitasi Pengembangan Usaha Ekonomi
Masyarakat', 'Laporan', NULL, '1', '1', '1', '1', '1', NULL, '5000000.00', '5400000.00', '6000000.00', '6480000.00', '7000000.00'),
  (212, 93, 'Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum', '7.01.04.2.01', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Sinergitas tingkat Kecamatan', 'Jumlah Laporan Hasil Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan Instansi Vertikal di Wilayah Kecamatan', 'Laporan', NULL, '4', '4', '4', '4', '4', NULL, '10000000.00', '15000000.00', '18900000.00', '19500000.00', '70000000.00'),
  (213, 94, 'Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa', '7.01.06.2.01', NULL, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL, 'Terlaksananya Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa / Kelurahan', 'Jumlah Dokumen yang Difasilitasi dalam rangka Administrasi Tata Pemerintahan Desa', 'Dokumen', NULL, '7', '7', '7', '7', '7', NULL, '44840000.00', '68200000.00', '68300000.00', '102450000.00', '168675000.00');

-- Table: renstra_kegiatan_indikator (48 records)
REPLACE INTO `renstra_kegiatan_indikator` (`id`, `kegiatan_id`, `sasaran_id`, `perangkat_daerah_id`, `indikator`, `satuan`, `kondisi_awal`, `target_2026`, `anggaran_2026`, `target_2027`, `anggaran_2027`, `target_2028`, `anggaran_2028`, `target_2029`, `anggaran_2029`, `target_2030`, `anggaran_2030`, `urutan`, `created_at`, `updated_at`, `deleted_at`) VALUES
  (1188, 200, 213, 81, 'Jumlah Dokumen Perubahan RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan RKA-
SKPD', 'Dokumen', '4', '1', '12330000.00', '1', '13800000.00', '1', '14500000.00', '1', '14900000.00', '1', '14900000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1189, 200, 213, 81, 'Jumlah Dokumen RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen RKA-
SKPD', 'Dokumen', '4', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1190, 200, 213, 81, 'Jumlah Laporan Capaian  Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD', 'Laporan', '16', '4', '0.00', '4', '0.00', '4', '0.00', '4', '0.00', '4', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1191, 200, 213, 81, 'Jumlah Laporan Evaluasi Kinerja Perangkat Daerah', 'Laporan', '4', '3', '0.00', '3', '0.00', '3', '0.00', '3', '0.00', '3', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1192, 200, 213, 81, 'Jumlah Dokumen Perubahan DPA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen Perubahan DPA-
SKPD', 'Dokumen', '4', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 50, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1193, 200, 213, 81, 'Jumlah Dokumen Perencanaan Perangkat Daerah', 'Dokumen', '12', '2', '0.00', '2', '0.00', '2', '0.00', '2', '0.00', '3', '0.00', 60, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1194, 200, 213, 81, 'Jumlah Dokumen DPA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen DPA-SKPD', 'Dokumen', '4', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 70, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1195, 201, 214, 81, 'Jumlah Orang yang Menerima Gaji dan Tunjangan ASN', 'Orang/bulan', '15', '15', '1753720871.00', '15', '1747423784.00', '15', '1747923784.00', '15', '1747923784.00', '15', '1747923784.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1196, 201, 214, 81, 'Jumlah Laporan Keuangan Bulanan/ Triwulanan/ Semesteran SKPD dan Laporan Koordinasi Penyusunan Laporan Keuangan
Bulanan/Triwulanan/Semesteran SKPD', 'Laporan', '24', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1197, 201, 214, 81, 'Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Keuangan Akhir Tahun
SKPD', 'Laporan', '4', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1198, 201, 214, 81, 'Jumlah Dokumen Hasil Penyediaan Administrasi Pelaksanaan Tugas ASN', 'Dokumen', '30', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1199, 202, 215, 81, 'Jumlah Laporan Penatausahaan Barang Milik Daerah pada
SKPD', 'Laporan', '', '', '0.00', '12', '6000000.00', '12', '7200000.00', '12', '7200000.00', '12', '7200000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1200, 203, 216, 81, 'Jumlah Paket Pakaian Dinas beserta Atribut Kelengkapan', 'Paket', '5', '1', '7945158.00', '1', '12000000.00', '3', '23200000.00', '1', '16000000.00', '2', '21200000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1201, 203, 216, 81, 'Jumlah Dokumen Monitoring, Evaluasi, dan Penilaian Kinerja
Pegawai', 'Dokumen', '', '', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1202, 204, 217, 81, 'Jumlah Dokumen Dukungan Pelaksanaan Sistem Pemerintahan Berbasis Elektronik pada SKPD', 'Dokumen', '', '', '151596500.00', '1', '128849541.00', '1', '135532018.00', '1', '141863000.00', '1', '149368075.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1203, 204, 217, 81, 'Jumlah Paket Peralatan Rumah
Tangga yang Disediakan', 'Paket', '', '10', '0.00', '10', '0.00', '10', '0.00', '10', '0.00', '10', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1204, 204, 217, 81, 'Jumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang Disediakan', 'Paket', '15', '11', '0.00', '10', '0.00', '10', '0.00', '10', '0.00', '10', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1205, 204, 217, 81, 'Jumlah Paket Barang Cetakan dan Penggandaan yang
Disediakan', 'Paket', '7', '5', '0.00', '5', '0.00', '5', '0.00', '5', '0.00', '5', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1206, 204, 217, 81, 'Jumlah Dokumen Bahan Bacaan dan Peraturan Perundang-Undangan yang
Disediakan', 'Dokumen', '', '', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 50, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1207, 204, 217, 81, 'Jumlah Paket Bahan Logistik Kantor yang Disediakan', 'Paket', '66', '34', '0.00', '35', '0.00', '36', '0.00', '36', '0.00', '38', '0.00', 60, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1208, 204, 217, 81, 'Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi
SKPD', 'Laporan', '48', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 70, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1209, 204, 217, 81, 'Jumlah Laporan Fasilitasi
Kunjungan Tamu', 'Laporan', '', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 80, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1210, 205, 218, 81, 'Jumlah Unit Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya
yang Disediakan', 'Unit', '', '5', '187801233.00', '1', '157700000.00', '1', '128939000.00', '1', '115100000.00', '1', '107700000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1211, 205, 218, 81, 'Jumlah Paket Mebel yang Disediakan', 'Unit', '2', '3', '0.00', '2', '0.00', '', '0.00', '3', '0.00', '3', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1212, 205, 218, 81, 'Jumlah Unit Peralatan dan Mesin Lainnya yang Disediakan', 'Unit', '', '13', '0.00', '2', '0.00', '3', '0.00', '3', '0.00', '2', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1213, 205, 218, 81, 'Jumlah Unit Kendaraan Dinas Operasional atau Lapangan yang Disediakan', 'Unit', '', '', '0.00', '3', '0.00', '2', '0.00', '', '0.00', '', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1214, 206, 219, 81, 'Jumlah Laporan Penyediaan Jasa Surat Menyurat', 'Laporan', '72', '12', '220759570.00', '12', '217434790.00', '12', '236809250.00', '12', '248684700.00', '12', '261143935.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1215, 206, 219, 81, 'Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang Disediakan', 'Laporan', '84', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1216, 206, 219, 81, 'Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan', 'Laporan', '48', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', '12', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1217, 207, 220, 81, 'Jumlah Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan yang Dipelihara dan dibayarkan Pajaknya', 'Unit', '44', '11', '332493579.00', '11', '315942200.00', '11', '140910199.00', '11', '332374000.00', '11', '344853680.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1218, 207, 220, 81, 'Jumlah Gedung Kantor dan Bangunan Lainnya yang
Dipelihara/Direhabilitasi', 'Unit', '2', '4', '0.00', '1', '0.00', '', '0.00', '1', '0.00', '1', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1219, 207, 220, 81, 'Jumlah Sarana dan Prasarana Gedung Kantor atau Bangunan Lainnya yang
Dipelihara/Direhabilitasi', 'Unit', '40', '14', '0.00', '14', '0.00', '14', '0.00', '14', '0.00', '14', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1220, 207, 220, 81, 'Jumlah Sarana dan Prasarana Pendukung Gedung Kantor atau Bangunan Lainnya yang
Dipelihara/Direhabilitasi', 'Unit', '41', '35', '0.00', '30', '0.00', '35', '0.00', '35', '0.00', '35', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1221, 207, 220, 81, 'Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan dibayarkan
Pajak dan Perizinannya', 'Unit', '44', '11', '0.00', '11', '0.00', '11', '0.00', '11', '0.00', '11', '0.00', 50, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1222, 207, 220, 81, 'Jumlah Peralatan dan Mesin Lainnya yang Dipelihara', 'Unit', '', '', '0.00', '3', '0.00', '3', '0.00', '3', '0.00', '3', '0.00', 60, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1223, 208, 221, 81, 'Jumlah Dokumen Peningkatan Efektifitas Kegiatan Pemerintahan di Tingkat Kecamatan', 'Dokumen', '', '', '0.00', '1', '8400000.00', '1', '10032000.00', '1', '10450000.00', '1', '11300000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1224, 208, 221, 81, 'Jumlah Laporan Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan Perangkat Daerah dan Instansi
Vertikal Terkait', 'Laporan', '', '', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1225, 209, 222, 81, 'Jumlah Laporan Peningkatan Efektifitas Pelaksanaan Pelayanan kepada Masyarakat
di Wilayah Kecamatan', 'Laporan', '52', '15', '18144528.00', '15', '16200000.00', '15', '17496000.00', '15', '18895680.00', '15', '19000000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1226, 209, 222, 81, 'Jumlah Laporan Fasilitasi Percepatan Pencapaian Standar Pelayanan Minimal di Wilayah
Kecamatan', 'Laporan', '', '', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', '1', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1227, 210, 223, 81, 'Jumlah Lembaga Kemasyarakatan yang Berpartisipasi dalam Forum Musyawarah Perencanaan
Pembangunan di Desa', 'Lembaga Kemasyarakatan', '18', '5', '200389181.00', '5', '209155000.00', '5', '243370500.00', '5', '249439600.00', '5', '253646905.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1228, 210, 223, 81, 'Jumlah Laporan Peningkatan Efektivitas Kegiatan Pemberdayaan Masyarakat di
Wilayah Kecamatan', 'Laporan', '18', '8', '0.00', '8', '0.00', '8', '0.00', '8', '0.00', '8', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1229, 211, 224, 81, 'Jumlah Laporan Fasilitasi Pengembangan Usaha Ekonomi
Masyarakat', 'Laporan', '', '1', '5000000.00', '1', '5400000.00', '1', '6000000.00', '1', '6480000.00', '1', '7000000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1230, 212, 225, 81, 'Jumlah Laporan Hasil Sinergitas dengan Kepolisian Negara Republik Indonesia, Tentara Nasional Indonesia dan Instansi Vertikal di Wilayah Kecamatan', 'Laporan', '8', '4', '10000000.00', '4', '15000000.00', '4', '18900000.00', '4', '19500000.00', '4', '70000000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1231, 213, 226, 81, 'Jumlah Dokumen yang Difasilitasi dalam rangka Administrasi Tata Pemerintahan Desa', 'Dokumen', '', '7', '44840000.00', '7', '68200000.00', '7', '68300000.00', '7', '102450000.00', '7', '168675000.00', 10, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1232, 213, 226, 81, 'Jumlah Dokumen Fasilitasi dalam rangka Pelaksanaan Pemilihan Kepala Desa', 'Dokumen', '', '', '0.00', '7', '0.00', '', '0.00', '', '0.00', '1', '0.00', 20, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1233, 213, 226, 81, 'Jumlah Dokumen Fasilitasi dalam rangka Penyelenggaraan Ketenteraman dan Ketertiban
Umum', 'Dokumen', '32', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', 30, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1234, 213, 226, 81, 'Jumlah Dokumen yang Difasilitasi dalam rangka Pengelolaan Keuangan Desa dan Pendayagunaan Aset Desa', 'Dokumen', '28', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', 40, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL),
  (1235, 213, 226, 81, 'Jumlah Laporan Hasil Koordinasi Pelaksanaan Pembangunan Kawasan Perdesaan di Wilayah
Kecamatan', 'Laporan', '32', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', '6', '0.00', 50, '2026-09-24 11:05:34', '2026-09-24 11:05:34', NULL);
