-- ==============================================================================
-- SQL UPDATE & INSERT DATA RENSTRA PD
-- PERANGKAT DAERAH: KECAMATAN SEMPU
-- ID INSTANSI: 128 | KODE: 7.01.0.00.0.00.16.000 | URUSAN: 7.01
-- KABUPATEN BANYUWANGI (KODE WILAYAH: 35.10)
-- TANGGAL EXPORT: 2026-09-30 15:36:50
-- ==============================================================================

-- Table: renstra_program (5 records)
REPLACE INTO `renstra_program` (`id`, `sasaran_id`, `nama`, `kode_program`, `bidang_id`, `created_at`, `updated_at`, `deleted_at`, `sasaran_rpjmd_id`, `outcome`, `indikator`, `satuan`, `target_2025`, `target_2026`, `target_2027`, `target_2028`, `target_2029`, `target_2030`, `anggaran_2025`, `anggaran_2026`, `anggaran_2027`, `anggaran_2028`, `anggaran_2029`, `anggaran_2030`) VALUES
  (236, 117, 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA', '7.01.01', NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, NULL, NULL, NULL, NULL, NULL, '95.5', '96', '96.5', '97', '97', NULL, '2188115482.00', '2193532411.00', '2193750553.00', '2211136028.00', '2288570718.00'),
  (237, 118, 'PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK', '7.01.02', NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, NULL, NULL, NULL, NULL, NULL, '100', '100', '100', '100', '100', NULL, '194282000.00', '194282000.00', '194282000.00', '194282000.00', '194282000.00'),
  (238, 118, 'PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN', '7.01.03', NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, NULL, NULL, NULL, NULL, NULL, '92', '93', '94', '95', '95', NULL, '466991500.00', '466991500.00', '466991500.00', '466991500.00', '466991500.00'),
  (239, 118, 'PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM', '7.01.04', NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, NULL, NULL, NULL, NULL, NULL, '92', '94', '96', '98', '98', NULL, '8592000.00', '8592000.00', '8592000.00', '8592000.00', '8592000.00'),
  (240, 118, 'PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA', '7.01.06', NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, NULL, NULL, NULL, NULL, NULL, '100', '100', '100', '100', '100', NULL, '8939200.00', '8939200.00', '8939200.00', '8939200.00', '8939200.00');

-- Table: renstra_program_indikator (5 records)
REPLACE INTO `renstra_program_indikator` (`id`, `program_id`, `outcome_id`, `perangkat_daerah_id`, `indikator`, `satuan`, `kondisi_awal`, `target_2026`, `target_2027`, `target_2028`, `target_2029`, `target_2030`, `anggaran_2026`, `anggaran_2027`, `anggaran_2028`, `anggaran_2029`, `anggaran_2030`, `created_at`, `updated_at`, `deleted_at`, `urutan`) VALUES
  (405, 236, 282, 128, 'Persentase pemenuhan kebutuhan penunjang Perangkat Daerah', '%', '95', '95.5', '96', '96.5', '97', '97', NULL, NULL, NULL, NULL, NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, 10),
  (406, 237, 283, 128, 'Persentase Fasiltasi Penyelenggaraan Urusan Pemerintahan yang Dilaksanakan', '%', '100', '100', '100', '100', '100', '100', NULL, NULL, NULL, NULL, NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, 10),
  (407, 238, 284, 128, 'Persentase kegiatan pemberdayaan masyarakat yang terlaksana (%)', '%', '27', '92', '93', '94', '95', '95', NULL, NULL, NULL, NULL, NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, 10),
  (408, 239, 285, 128, 'Persentase Penyelesaian Pengaduan Masyarakat (%)', '%', '100', '92', '94', '96', '98', '98', NULL, NULL, NULL, NULL, NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, 10),
  (409, 240, 286, 128, 'Persentase desa yang menyelesaikan laporan kinerja tepat waktu (%)', '%', '90', '100', '100', '100', '100', '100', NULL, NULL, NULL, NULL, NULL, '2026-09-30 15:36:50', '2026-09-30 15:36:50', NULL, 10);
