"""The office's narrative explanations (Hambatan, Solusi, faktor pendukung of its Word
report) in the written analysis: each sentence type against its data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import loading, narrative, narrative_parts, penjelasan, views
from analysis.schema import NARASI

WOTU_PROGRAMS = pd.DataFrame(
    {
        "kunci": [f"7.01.0{i}" for i in range(1, 7)],
        "kode": ["01", "02", "03", "04", "05", "06"],
        "uraian": [
            "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA",
            "PROGRAM PENYELENGGARAAN DAN PELAYANAN PUBLIK",
            "PROGRAM PEMBERDAYAAN MASYARAKAT",
            "PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM",
            "PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM",
            "PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA",
        ],
    }
)  # Wotu 2024 as its kinerja table (Tabel 3.4) names them


def _narasi(rows: list[dict]) -> pd.DataFrame:
    base = {"kecamatan": "Wotu", "tahun": 2024, "triwulan": 4, "tingkat": "program",
            "kode": None, "label": "Hambatan", "sumber": "wotu_2024_lkj_bab3.docx"}  # fmt: skip
    frame = pd.DataFrame([{**base, "paragraf": i + 1, **r} for i, r in enumerate(rows)])
    return frame[NARASI]


@pytest.mark.parametrize(
    ("nama", "kunci"),
    [  # the names Wotu's Bab III writes over its Hambatan/Solusi
        ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "7.01.01"),
        ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "7.01.02"),
        ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", "7.01.03"),
        ("Program Penyelenggaraan Urusan Pemerintahan Umum", "7.01.05"),
        ("Program Pembinaan dan Pengawasan Pemerintahan Desa", "7.01.06"),
        ("Program Peningkatan Kapasitas Aparatur", None),  # no such program: no guess
        ("Program Penyelenggaraan", None),  # as close to 02 as to 05: no guess
    ],
)
def test_a_narrative_program_is_the_reports_program_by_its_words(nama, kunci):
    rows = _narasi([{"nama": nama, "jenis": "penghambat", "teks": "x"}])
    got = penjelasan.cocokkan(rows, WOTU_PROGRAMS).iloc[0]
    assert (None if pd.isna(got) else got) == kunci


def test_a_code_over_the_narrative_wins_over_the_words():
    rows = _narasi([{"nama": "Program Pemberdayaan Masyarakat", "kode": "7.01.06",
                     "jenis": "penghambat", "teks": "x"}])  # fmt: skip
    assert penjelasan.cocokkan(rows, WOTU_PROGRAMS).iloc[0] == "7.01.06"


def test_each_kind_is_one_sentence_of_verbatim_quotes_with_its_source():
    rows = _narasi(
        [
            {"nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "jenis": "penghambat",
             "teks": "Masih kurangnya partisipasi perempuan dalam menyampaikan usulan dalam "
                     "musrenbang"},
            {"nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "jenis": "penghambat",
             "teks": "Terbatasnya anggaran kegiatan pembinaan PKK Desa/Kelurahan"},
            {"nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "jenis": "solusi",
             "label": "Solusi", "teks": "Memberi porsi bagi perempuan dalam menyampaikan usulan"},
            {"nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "jenis": "pendukung",
             "label": "Ada beberapa hal yang mempengaruhi keberhasilan",
             "teks": "Meningkatnya pembinaan terhadap TP.PKK Desa"},
        ]
    )  # fmt: skip
    said = penjelasan.kalimat(rows, "Program Pemberdayaan Masyarakat")
    assert said == [
        "Hambatan yang dicatat kecamatan: “Masih kurangnya partisipasi perempuan dalam "
        "menyampaikan usulan dalam musrenbang” dan “Terbatasnya anggaran kegiatan pembinaan "
        "PKK Desa/Kelurahan”.",
        "Solusi yang disebutkan kecamatan: “Memberi porsi bagi perempuan dalam menyampaikan "
        "usulan”.",
        "Hal yang mendukung keberhasilan menurut kecamatan: “Meningkatnya pembinaan terhadap "
        "TP.PKK Desa” (wotu_2024_lkj_bab3.docx, paragraf 1-4, di bawah judul “Program "
        "Pemberdayaan Masyarakat Desa dan Kelurahan”).",
    ]
    # the same heading as the report's program name is not repeated
    same = penjelasan.kalimat(rows, "Program Pemberdayaan Masyarakat Desa dan Kelurahan")
    assert same[-1].endswith("(wotu_2024_lkj_bab3.docx, paragraf 1-4).")


def test_many_quotes_are_counted_and_no_explanation_is_never_quoted():
    rows = _narasi(
        [{"nama": "Program X", "jenis": "solusi", "teks": f"Langkah ke-{i} dijalankan"}
         for i in range(1, 8)]
        + [{"nama": "Program X", "jenis": "penghambat", "teks": "Predikat Kinerja TW IV: Baik"},
           {"nama": "Program X", "jenis": "penghambat", "teks": "RATA-RATA 93,75 %"}]
    )  # fmt: skip
    said = penjelasan.kalimat(rows)
    assert len(said) == 1 and said[0].startswith("Solusi yang disebutkan kecamatan:")
    assert "“Langkah ke-5 dijalankan”, dan dua hal lainnya (" in said[0]
    assert "Predikat" not in said[0] and "93,75" not in said[0]
    assert penjelasan.kalimat(rows.iloc[:0]) == []


def test_the_latest_document_up_to_the_quarter_counts():
    rows = _narasi(
        [{"nama": "Program X", "jenis": "penghambat", "teks": "dari TW II", "triwulan": 2},
         {"nama": "Program X", "jenis": "penghambat", "teks": "dari TW IV", "triwulan": 4},
         {"nama": "Program X", "jenis": "penghambat", "teks": "tahun lain", "tahun": 2023},
         {"nama": "Program X", "jenis": "penghambat", "teks": "kantor lain", "kecamatan": "Burau"}]
    )  # fmt: skip
    assert penjelasan.berlaku(rows, "Wotu", 2024, 3)["teks"].tolist() == ["dari TW II"]
    assert penjelasan.berlaku(rows, "Wotu", 2024, 4)["teks"].tolist() == ["dari TW IV"]
    assert penjelasan.berlaku(rows, "Wotu", 2024, 1).empty
    assert penjelasan.berlaku(None, "Wotu", 2024, 4).empty


def test_what_names_no_program_of_the_report_is_written_under_its_own_heading():
    rows = _narasi(
        [{"tingkat": "sasaran", "nama": "Meningkatnya Kualitas Pelayanan Publik",
          "jenis": "penghambat", "label": "Faktor penyebab kegagalan",
          "teks": "SOP belum diperbarui"},
         {"tingkat": None, "nama": None, "jenis": "solusi", "label": "Alterntive",
          "teks": "Menggunakan SOP yang ada"},
         {"nama": "Program Peningkatan Kapasitas Aparatur", "jenis": "penghambat",
          "teks": "Bimtek ditunda"},
         {"nama": "Program Pemberdayaan Masyarakat Desa dan Kelurahan", "jenis": "penghambat",
          "teks": "Anggaran terbatas"}]
    )  # fmt: skip
    out = narrative.paragraf_penjelasan(rows, WOTU_PROGRAMS, "Wotu", 2024, 4)
    assert [p["judul"] for p in out] == [
        "Sasaran: Meningkatnya Kualitas Pelayanan Publik",
        "Penjelasan umum kecamatan",
        "Program Peningkatan Kapasitas Aparatur",
    ]
    assert "“SOP belum diperbarui”" in out[0]["teks"]
    assert out[1]["teks"].startswith("Solusi yang disebutkan kecamatan: “Menggunakan SOP")
    assert "tidak ditemukan pada tabel kinerja" in out[2]["teks"]
    assert "“Bimtek ditunda”" in out[2]["teks"]
    assert not any("Anggaran terbatas" in p["teks"] for p in out)  # its program has it


@pytest.fixture(scope="module")
def data(olahan_kecil: Path) -> loading.Tabel:
    return loading.muat(olahan_kecil)


def test_a_program_paragraph_quotes_the_hambatan_of_its_own_program_only(data):
    program = views.capaian_program(data, "Wotu", 2024, 4)
    rows = _narasi(
        [{"nama": "Program Pelayanan 2", "jenis": "penghambat", "teks": "Jaringan sering putus"},
         {"nama": "Program Pelayanan 2", "jenis": "solusi", "label": "Solusi",
          "teks": "Memasang jaringan cadangan"}]
    )  # fmt: skip
    paras = narrative.paragraf_program(
        data.ringkasan, data.kinerja, program, "Wotu", 2024, 4, narasi=rows
    )
    one, two = paras
    assert "Jaringan sering putus" not in one["teks"]
    assert "Hambatan yang dicatat kecamatan: “Jaringan sering putus”." in two["teks"]
    assert two["teks"].endswith(
        "Solusi yang disebutkan kecamatan: “Memasang jaringan cadangan” "
        "(wotu_2024_lkj_bab3.docx, paragraf 1-2)."
    )
    without = narrative.paragraf_program(data.ringkasan, data.kinerja, program, "Wotu", 2024, 4)
    assert "Hambatan yang dicatat" not in " ".join(p["teks"] for p in without)


def test_a_lagging_indicator_without_its_own_reason_points_to_the_programs_hambatan():
    kin = pd.DataFrame(
        [{"tingkat": "sub_kegiatan", "uraian": "X", "indikator": "Jumlah laporan retribusi",
          "satuan": "Dokumen", "target_sd": 12.0, "realisasi_sd": 0.0,
          "capaian_sd_persen": 0.0, "keterangan": None}]
    )  # fmt: skip
    plain = " ".join(narrative_parts.indikator(kin))
    assert plain.endswith(narrative_parts.TANPA_ALASAN)
    told = " ".join(narrative_parts.indikator(kin, hambatan_program=True))
    assert told.endswith(narrative_parts.TANPA_ALASAN_KHUSUS)
    assert narrative_parts.TANPA_ALASAN not in told


def test_an_iku_behind_target_points_to_the_sasaran_obstacles_only_when_there_are_some():
    riwayat = pd.DataFrame(
        {"indikator": ["Indeks Kepuasan Masyarakat"], "tahun": [2024], "satuan": ["Nilai"],
         "target": [82.0], "realisasi": [78.6], "capaian_persen": [95.85], "kategori": ["T"]}
    )  # fmt: skip
    plain = narrative.paragraf_iku(riwayat, 2024)[0]["teks"]
    assert plain.endswith(narrative_parts.TANPA_ALASAN)
    rows = _narasi([{"tingkat": "sasaran", "nama": "Meningkatnya Pelayanan", "jenis": "penghambat",
                     "teks": "Kuesioner bukan SOP"}])  # fmt: skip
    assert narrative.ada_penghambat_sasaran(rows, "Wotu", 2024, 4)
    assert not narrative.ada_penghambat_sasaran(rows, "Wotu", 2023, 4)
    told = narrative.paragraf_iku(riwayat, 2024, penghambat_sasaran=True)[0]["teks"]
    assert told.endswith(narrative.TANPA_ALASAN_IKU_SASARAN)


def test_a_kegiatan_heading_leads_its_explanations_to_its_programs_paragraph(data):
    program = views.capaian_program(data, "Wotu", 2024, 4)
    kin = data.kinerja[data.kinerja["kecamatan"].eq("Wotu") & data.kinerja["tahun"].eq(2024)]
    kegiatan = kin[kin["tingkat"].eq("kegiatan") & kin["kunci"].str.startswith("7.01.02")]
    name = kegiatan["uraian"].iloc[0]
    rows = _narasi([{"tingkat": "kegiatan", "nama": name, "jenis": "solusi", "label": "Upaya",
                     "teks": "Rapat evaluasi tiap bulan"},
                    {"tingkat": "kegiatan", "nama": "Kegiatan Yang Tidak Ada Sama Sekali",
                     "jenis": "solusi", "label": "Upaya", "teks": "Tidak dikenal"}])  # fmt: skip
    paras = narrative.paragraf_program(
        data.ringkasan, data.kinerja, program, "Wotu", 2024, 4, narasi=rows
    )
    assert "“Rapat evaluasi tiap bulan”" in paras[1]["teks"]
    assert "Rapat evaluasi" not in paras[0]["teks"]
    rest = narrative.paragraf_penjelasan(rows, program, "Wotu", 2024, 4, data.kinerja)
    assert [p["judul"] for p in rest] == [
        "Kegiatan Yang Tidak Ada Sama Sekali"
    ]  # not "Kegiatan Kegiatan"
    assert rest[0]["teks"].startswith("Kegiatan ini disebut kecamatan dalam laporannya")


def test_bundled_wotu_analysis_quotes_its_lkj_hambatan_and_solusi(bundled):
    data = loading.muat(bundled)
    html = str(views.analisis_html(data, "Wotu", 2024, 4))
    # program 06: its three obstacles and three remedies, verbatim, with the file named
    assert (
        "Hambatan yang dicatat kecamatan: “Belum adanya penguatan SDM di Kecamatan terkait "
        "APBDes”" in html
    )
    assert "“Memberikan pengantar/rekomendasi untuk penyelesaian secara hukum”" in html
    assert "(wotu_2024_lkj_bab3.docx, paragraf 71-82)." in html
    # the sasaran's factors have their own paragraph; the lagging IKM points to them
    assert "Sasaran: Meningkatnya Kemampuan Pelayanan Publik" in html
    assert narrative.TANPA_ALASAN_IKU_SASARAN in html
    # program 04 (no Hambatan in the LKj) keeps saying that no reason was given
    start = html.find("Program Koordinasi Ketentraman")
    assert "kantor tidak mencantumkan penyebabnya" in html[start : html.find("</p>", start)]
    # a quarter of another year, or Towuti, quotes none of it
    assert "wotu_2024_lkj_bab3.docx" not in str(views.analisis_html(data, "Towuti", 2024, 4))


@pytest.mark.parametrize(
    ("kecamatan", "tahun", "triwulan"),
    [("Wotu", 2024, 4), ("Towuti", 2024, 4), ("Kalaena", 2024, 4), ("Kalaena", 2025, 1),
     ("Kalaena", 2024, 1), ("Towuti", 2024, 2)],
)  # fmt: skip
def test_the_written_analysis_has_no_doubled_word_or_stiff_phrase(
    bundled, kecamatan, tahun, triwulan
):
    import html as html_lib
    import re

    page = str(views.analisis_html(loading.muat(bundled), kecamatan, tahun, triwulan))
    text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", page))
    ours = re.sub(r"“[^”]*”", "“…”", text)  # the office's own words are quoted as written
    for line in (x.strip() for x in ours.splitlines() if x.strip()):
        assert not re.search(r"\b([^\W\d_]{2,})\s+\1\b", line, re.IGNORECASE), line
        for stiff in ("mencapai capaian", "poin poin", "Semua 1", "Hanya satu yang"):
            assert stiff not in line, line
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert not re.match(r"\d", sentence), sentence  # no sentence opens with a figure
