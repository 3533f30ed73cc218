"""Column names of every table the package passes between its stages.

This module is the in-code twin of ``docs/data-contract.md``: reading/cleaning produce
the *wide* frames below, :func:`analysis.metrics.build_tables` turns them into the
*processed* tables, and the notebooks read only the processed tables. Keeping the names
in one place means a renamed column breaks loudly in one spot instead of silently in a
report.

Identity of a program / kegiatan / sub kegiatan inside one kecamatan-year is ``kunci``:
the normalised ``kode`` when the source gives one, else the normalised ``uraian``
(see :func:`analysis.ingest.text.uraian_key`). ``kunci_program`` and ``kunci_kegiatan``
hold the ancestors' ``kunci``: a program row has ``kunci_program == kunci`` and an empty
``kunci_kegiatan``; a kegiatan row has its program in ``kunci_program`` and itself in
``kunci_kegiatan``; a sub kegiatan row has both ancestors. Roll-ups are plain group-bys
over these keys, so they work the same whether the hierarchy came from codes or from the
order of rows in a report.
"""

from __future__ import annotations

QUARTERS: tuple[int, ...] = (1, 2, 3, 4)
"""Triwulan numbers."""

TINGKAT: tuple[str, ...] = ("program", "kegiatan", "sub_kegiatan")
"""Levels of the planning hierarchy, top first (Permendagri 90/2019 nomenclature)."""

TINGKAT_RINGKASAN: tuple[str, ...] = ("sub_kegiatan", "kegiatan", "program", "kecamatan")
"""Levels of ``ringkasan``, bottom first, as the roll-up computes them."""

TINGKAT_REKENING = "rekening"
"""Extension: object-of-expenditure budget lines below a sub kegiatan (Towuti Tabel III)."""

POLARITAS: tuple[str, ...] = ("positif", "negatif")
AGREGASI: tuple[str, ...] = ("jumlah", "rata_rata", "akhir")
KATEGORI: tuple[str, ...] = ("ST", "T", "S", "R", "SR")
KUADRAN: tuple[str, ...] = ("sesuai rencana", "hemat", "boros", "tertinggal")
ARAH: tuple[str, ...] = ("naik", "turun", "tetap")


def per_quarter(*stems: str) -> list[str]:
    """``per_quarter("target_tw")`` -> ``["target_tw1", ..., "target_tw4"]``."""
    return [f"{stem}{q}" for stem in stems for q in QUARTERS]


IDENTITY = [
    "kecamatan",
    "tahun",
    "kode",
    "kunci",
    "kunci_program",
    "kunci_kegiatan",
    "tingkat",
    "uraian",
]

# --- wide frames: output of reading + cleaning, input of the metrics ------------------

KINERJA_WIDE = [
    *IDENTITY,
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target_tahunan",
    *per_quarter(
        "target_tw",
        "realisasi_tw",
        "capaian_tw",  # as the source reported it (check only)
        "target_sd_tw",
        "realisasi_sd_tw",
        "capaian_sd_tw",  # as the source reported it (check only)
        "keterangan_tw",
    ),
    "keterangan",
    "catatan_sumber",
    "sumber",
    "pagu_indikator",  # a plan table's Rp printed on the indicator's own row (its funding)
]
"""One row per (kecamatan, tahun, kunci, indikator). Numbers are floats (NaN = no value)."""

ANGGARAN_WIDE = [
    *IDENTITY,
    "pagu",
    *per_quarter(
        "anggaran_tw",
        "realisasi_anggaran_tw",
        "anggaran_sd_tw",
        "realisasi_anggaran_sd_tw",
        "serapan_sd_tw",  # as the source reported it (check only)
    ),
    "sumber_dana",
    "keterangan",
    "catatan_sumber",
    "sumber",
]
"""One row per (kecamatan, tahun, kunci). Includes ``tingkat == "rekening"`` lines."""

IKU_RAW = [
    "kecamatan",
    "tahun",
    "triwulan",  # nullable: empty = the whole year
    "indikator",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "capaian_dilaporkan",
    "sumber",
]
"""The IKU sheet after cleaning, before metrics."""

BULANAN_WIDE = [
    "kecamatan",
    "tahun",
    "bulan",
    "triwulan",
    "kode",
    "kunci",
    "uraian",
    "indikator",
    "satuan",
    "target",
    "realisasi",
    "capaian_dilaporkan",
    "anggaran",
    "realisasi_anggaran",
    "keterangan",
    "catatan_sumber",  # the transcriber's note, never printed as the office's KET
    "sumber",
]
"""Extension (layout 1e): monthly figures, checked against the quarter they fall in."""

# --- processed tables (data/processed) -------------------------------------------------

KINERJA = [
    "kecamatan",
    "tahun",
    "triwulan",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target_tahunan",
    "target_tw",
    "realisasi_tw",
    "capaian_tw_persen",
    "target_sd",
    "realisasi_sd",
    "capaian_sd_persen",
    "capaian_tahunan_persen",
    "kategori",
    "sumber",
    # extensions
    "kunci",
    "kunci_program",
    "kunci_kegiatan",
    "capaian_tw_dilaporkan",
    "capaian_sd_dilaporkan",
    "keterangan",
    "catatan_sumber",
    "pagu_indikator",
]

ANGGARAN = [
    "kecamatan",
    "tahun",
    "triwulan",
    "kode",
    "tingkat",
    "uraian",
    "pagu",
    "anggaran_tw",
    "realisasi_anggaran_tw",
    "anggaran_sd",
    "realisasi_anggaran_sd",
    "serapan_kas_persen",
    "serapan_pagu_persen",
    "kategori_serapan",
    "sumber",
    # extensions
    "kunci",
    "kunci_program",
    "kunci_kegiatan",
    "serapan_dilaporkan",
    "sumber_dana",
    "keterangan",
    "catatan_sumber",
]

RINGKASAN = [
    "kecamatan",
    "tahun",
    "triwulan",
    "tingkat",
    "kode",
    "capaian_persen",
    "serapan_persen",
    "indeks_efisiensi",
    "efisiensi_persen",
    "nilai_efisiensi",
    "kuadran",
    "kategori",
    # extensions
    "kunci",
    "kunci_induk",
    "uraian",
    "jumlah_indikator",
    "pagu",
    "anggaran_sd",
    "realisasi_anggaran_sd",
]

TREN = [
    "jenis",  # extension: "antar_tahun", "antar_triwulan" or "iku"
    "kecamatan",
    "kode",
    "kunci",
    "uraian",
    "indikator",
    "triwulan",
    "tahun",
    "capaian_persen",
    "capaian_tahun_lalu_persen",
    "selisih_poin",
    "arah",
]

IKU = [
    "kecamatan",
    "tahun",
    "triwulan",
    "indikator",
    "satuan",
    "polaritas",
    "target",
    "realisasi",
    "capaian_persen",
    "kategori",
    "capaian_dilaporkan",
    "sumber",
]

PEMERIKSAAN = [
    "kecamatan",
    "tahun",
    "triwulan",
    "kode",
    "kolom",
    "dilaporkan",
    "dihitung",
    "selisih",
    "pesan",
    "sumber",
    # extensions
    "jenis",  # short machine-readable kind, e.g. "capaian_berbeda", "pagu_induk_berbeda"
    "tingkat_keparahan",  # "tinggi" / "sedang" / "rendah"
    "uraian",
]

BULANAN = BULANAN_WIDE

NARASI = [
    "kecamatan",
    "tahun",
    "triwulan",  # the quarter of the report it comes from (NA: the whole year)
    "tingkat",  # program / kegiatan / sub_kegiatan / sasaran; NA: the report as a whole
    "kode",  # as the office wrote it over the text (often none)
    "nama",  # the program/kegiatan/sasaran as the office named it
    "jenis",  # pendukung / penghambat / solusi / catatan: from the office's label
    "label",  # the label as written ("Hambatan/Kendala", "Alternatif solusi")
    "teks",  # verbatim
    "sumber",  # file
    "paragraf",  # 1-based, over the document's non-empty paragraphs
]
"""The office's narrative explanations read from its Word reports
(:mod:`analysis.ingest.formats.narasi`)."""

PROCESSED_TABLES: dict[str, list[str]] = {
    "kinerja": KINERJA,
    "anggaran": ANGGARAN,
    "ringkasan": RINGKASAN,
    "tren": TREN,
    "iku": IKU,
    "pemeriksaan": PEMERIKSAAN,
    "bulanan": BULANAN,
    "narasi": NARASI,
}
"""Every table ``ingest`` writes (``ditolak`` only with ``--lenient``)."""
