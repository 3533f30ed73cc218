"""The written analysis: data-driven sentences whose numbers are the tables' numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_cli

from analysis import formatting as fmt
from analysis.reports import factors, loading, narrative, narrative_parts, prose, views


@pytest.fixture(scope="module")
def data(olahan_kecil: Path) -> loading.Tabel:
    return loading.muat(olahan_kecil)


def test_each_program_paragraph_states_the_chart_and_table_figures(data):
    program = views.capaian_program(data, "Wotu", 2024, 4)
    paragraphs = narrative.paragraf_program(data.ringkasan, data.kinerja, program, "Wotu", 2024, 4)
    assert [p["judul"] for p in paragraphs] == program["uraian"].map(prose.nama_program).tolist()
    for row, para in zip(program.itertuples(), paragraphs, strict=True):
        assert para["teks"].startswith(
            f"Capaian kinerja {prose.nama_program(row.uraian)} ({row.kode}) s/d TW IV 2024 "
            f"sebesar {fmt.persen(row.capaian_persen)} (kategori "
        ), para["teks"]
        assert "mencapai capaian" not in para["teks"]
        assert f"Serapan anggaran {fmt.persen(row.serapan_persen)}" in para["teks"]
        assert fmt.rupiah(row.realisasi_anggaran_sd) in para["teks"]


def test_same_quarter_last_year_is_compared(data):
    program = views.capaian_program(data, "Wotu", 2025, 2)
    before = views.capaian_program(data, "Wotu", 2024, 2).set_index("kunci")["capaian_persen"]
    text = " ".join(
        p["teks"]
        for p in narrative.paragraf_program(data.ringkasan, data.kinerja, program, "Wotu", 2025, 2)
    )
    assert "Dibanding s/d TW II 2024" in text
    assert fmt.persen(before.iloc[0]) in text


def _row(capaian: float, serapan: float, kas: float | None) -> pd.Series:
    return pd.Series(
        {
            "capaian_persen": capaian,
            "serapan_persen": serapan,
            "anggaran_sd": kas,
            "pagu": 1000.0,
            "realisasi_anggaran_sd": 800.0,
        }
    )


def test_low_absorption_at_tw_iv_is_explained_not_praised():
    text = narrative._serapan(_row(100.0, 80.0, 1000.0), 4)
    assert "perlu dijelaskan" in text and "bukan otomatis dinilai efisien" in text
    assert not re.search(r"\bhemat\b", text.lower())
    # earlier in the year the same position is something to watch, not to explain
    assert "dipantau" in narrative._serapan(_row(100.0, 80.0, 1000.0), 2)


def test_serapan_without_a_cash_plan_says_it_is_against_the_pagu():
    text = narrative._serapan(_row(100.0, 80.0, None), 4)
    assert "terhadap pagu (tidak ada anggaran kas)" in text
    assert "Rp 1.000" in text


def test_conclusion_numbers_are_the_headline_cards(data):
    utama = views.angka_utama(data, "Wotu", 2024, 4)
    program = views.capaian_program(data, "Wotu", 2024, 4)
    text = narrative.kesimpulan(utama, program, 2, 2024, 4)
    assert fmt.persen(utama["capaian"]) in text and fmt.persen(utama["serapan"]) in text
    assert fmt.rupiah(utama["pagu"]) in text
    assert (
        f"{prose.awal_kapital(prose.bilangan(utama['tertinggal']))} dari "
        f"{prose.bilangan(utama['indikator'])} indikator belum mencapai target" in text
    )
    assert "Dua temuan kualitas data" in text


def test_iku_behind_target_is_said_and_goes_to_the_gap_list():
    riwayat = pd.DataFrame(
        {"indikator": ["IKM", "IKM"], "tahun": [2023, 2024], "target": [80.0, 82.0],
         "realisasi": [78.25, 78.6], "capaian_persen": [97.81, 95.85], "kategori": ["ST", "ST"]}
    )  # fmt: skip
    (para,) = narrative.paragraf_iku(riwayat, 2024)
    assert "realisasi 78,6 terhadap target 82, capaian 95,85%" in para["teks"]
    assert "kurang 4,15 poin" in para["teks"]
    assert "daftar kesenjangan" in para["teks"] and "naik dari 78,25" in para["teks"]
    assert narrative_parts.TANPA_ALASAN in para["teks"]  # the IKU table carries no reason


# --- the office's words, classified by what they say ---------------------------------


@pytest.mark.parametrize(
    ("kalimat", "kelas"),
    [
        # transcription notes, predikat lines, links and bare numbers are never factors
        ("Indikator program tidak dicetak pada tabel", None),
        ("RATA-RATA 93,75 %", None),
        ('satuan dari label grafik "Target (%)"', None),
        ('Grafik (data di akhir laporan) berjudul "Jumlah Rapat Forum"', None),
        ('Kolom tabel tercetak "TARGET TW I"', None),
        ("Predikat Kinerja TW I: Sangat Baik", None),
        ("Bukti dukung: https://drive.example/x", None),
        ("12", None),
        # Wotu LKj chapter III, Hambatan / Solusi / keberhasilan
        ("Masih kurangnya partisipasi perempuan dalam menyampaikan usulan", "penghambat"),
        ("Terbatasnya anggaran kegiatan pembinaan PKK Desa/Kelurahan", "penghambat"),
        ("Sinergitas antara FORKOPIMKA dan pemerintah desa belum maksimal", "penghambat"),
        ("Memaksimalkan sosialisasi terkait aturan perizinan dan non perizinan", "solusi"),
        ("Akan dikoordinasikan dengan dinas terkait pada triwulan berikutnya", "solusi"),
        ("Tercapainya target PAD", "pendukung"),
        ("Target tercapai karena dukungan aparat desa", "pendukung"),
        # Kalaena KET
        ("adanya 1 orang pegawai yang meninggal dunia", "penghambat"),
        ("Laporan Honor dan Gaji bulan Oktober-Desember", "catatan"),
        ("Diklat Perencanaan Keuangan Daerah yang akan dilaksanakan", "catatan"),
        ("Dokumen administrasi kepegawaian meliputi DUK, cuti dan izin pegawai", "catatan"),
    ],
)
def test_a_clause_is_classified_by_its_words(kalimat, kelas):
    assert factors.kelas(kalimat) == kelas


def test_one_note_can_hold_a_supporting_factor_and_an_obstacle():
    note = (
        "Faktor pendukung tercapainya target kinerja yakni adanya Tim dari kecamatan "
        "melakukan monitoring dana BKK, namun penyusunan laporan BKK belum lengkap "
        "dikarenakan belum terbitnya SK"
    )
    said = factors.klasifikasi(pd.Series([note]))
    assert said["kelas"].tolist() == ["pendukung", "penghambat"]
    # the office's label is the paragraph's heading, not part of the quote
    assert said["kalimat"].iloc[0].startswith("Adanya Tim dari kecamatan")
    assert said["kalimat"].iloc[1].startswith("Penyusunan laporan BKK belum lengkap")


def _kin(rows: list[dict]) -> pd.DataFrame:
    base = {"tingkat": "sub_kegiatan", "uraian": "X", "satuan": None, "keterangan": None,
            "target_sd": None, "realisasi_sd": None, "indikator": None}  # fmt: skip
    return pd.DataFrame([{**base, **r} for r in rows])


def test_the_band_never_decides_the_class_of_a_note():
    kin = _kin(
        [
            {"indikator": "A", "capaian_sd_persen": 100.0,
             "keterangan": "Laporan terlambat karena pegawai mutasi"},
            {"indikator": "B", "capaian_sd_persen": 80.0,
             "keterangan": "Tercapai karena dukungan aparat desa"},
            {"indikator": "C", "capaian_sd_persen": 100.0,
             "keterangan": "Laporan tepat waktu | Bukti dukung: https://x.example/y"},
        ]
    )  # fmt: skip
    text = narrative_parts.faktor(kin)
    assert "Kendala yang dicatat kecamatan: “Laporan terlambat karena pegawai mutasi”." in text
    assert "Faktor pendukung menurut kecamatan: “Tercapai karena dukungan aparat desa”." in text
    assert "Laporan tepat waktu" not in text and "http" not in text  # a plain note is no factor


def test_a_lagging_indicator_says_how_far_behind_and_why_in_the_offices_words():
    kin = _kin(
        [
            {"indikator": "Jumlah orang yang Menerima Gaji dan Tunjangan ASN",
             "satuan": "Orang/Bulan", "target_sd": 13.0, "realisasi_sd": 12.75,
             "capaian_sd_persen": 98.08,
             "keterangan": "adanya 1 orang pegawai yang meninggal dunia"},
            {"indikator": "Jumlah Laporan", "satuan": "Lap", "target_sd": 12.0,
             "realisasi_sd": 10.0, "capaian_sd_persen": 83.33,
             "keterangan": "Laporan Honor dan Gaji bulan Oktober-Desember"},
            {"indikator": "Indikator tanpa keterangan", "satuan": "%", "target_sd": 100.0,
             "realisasi_sd": 92.25, "capaian_sd_persen": 92.25,
             "keterangan": "Predikat Kinerja TW IV: Baik"},
            {"indikator": "D", "capaian_sd_persen": 100.0},
            {"indikator": "E", "capaian_sd_persen": 100.0},
        ]
    )  # fmt: skip
    text = " ".join(narrative_parts.indikator(kin))
    assert text.startswith("Tiga dari lima indikator belum mencapai target.")
    assert (
        "Jumlah orang yang Menerima Gaji dan Tunjangan ASN terealisasi 12,75 orang per bulan "
        "dari target 13 orang per bulan (capaian 98,08%, kurang 1,92 poin dari target). "
        "Penyebabnya menurut kecamatan: “adanya 1 orang pegawai yang meninggal dunia”."
    ) in text
    assert "terealisasi 10 laporan dari target 12 laporan" in text
    pct = _kin([{"indikator": "Persentase Realisasi PAD (%)", "satuan": "%", "target_sd": 100.0,
                 "realisasi_sd": 0.0, "capaian_sd_persen": 0.0}])  # fmt: skip
    assert narrative_parts.indikator(pct)[1].startswith(
        "Persentase Realisasi PAD terealisasi 0% dari target 100%"
    )
    assert "hanya menyebut “Laporan Honor dan Gaji bulan Oktober-Desember”, tanpa penyebab" in text
    # a predikat line is not a reason: the office gave none
    assert (
        "Indikator tanpa keterangan terealisasi 92,25% dari target 100% (capaian 92,25%, "
        "kurang 7,75 poin dari target). Kantor tidak mencantumkan penyebabnya."
    ) in text
    assert "Predikat" not in text
    # the furthest behind comes first
    assert text.index("Indikator tanpa") < text.index("Jumlah orang")


def test_counts_read_as_words_never_semua_1():
    one = _kin([{"indikator": "Indeks X", "capaian_sd_persen": 100.0}])
    assert narrative_parts.indikator(one) == [
        "Satu-satunya indikator pada program ini, Indeks X, telah mencapai target."
    ]
    six = _kin([{"indikator": f"I{i}", "capaian_sd_persen": 100.0} for i in range(6)])
    assert narrative_parts.indikator(six) == [
        "Keenam indikator pada program ini telah mencapai target."
    ]
    many = _kin([{"indikator": f"I{i}", "capaian_sd_persen": 100.0} for i in range(20)])
    assert narrative_parts.indikator(many) == [
        "Seluruh 20 indikator pada program ini telah mencapai target."
    ]
    lone = _kin([{"indikator": "Indeks X", "capaian_sd_persen": 50.0}])
    assert (
        narrative_parts.indikator(lone)[0]
        == "Satu-satunya indikator pada program ini belum mencapai target."
    )


def test_a_change_is_signed_by_its_verb_and_says_poin_once():
    assert narrative._selisih(66.67, 100.0) == "turun 33,33 poin dari 100,00% tahun lalu"
    assert narrative._selisih(100.0, 90.0) == "naik 10,00 poin dari 90,00% tahun lalu"


def test_units_and_names_read_as_a_planner_writes_them():
    assert prose.besaran(12.75, "Orang/Bulan") == "12,75 orang per bulan"
    assert prose.besaran(3, "Dok") == "3 dokumen"
    assert prose.besaran(93.75, "%") == "93,75%"
    assert prose.nama_program("PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/ KOTA") == (
        "Program Penunjang Urusan Pemerintah Daerah Kab/Kota"
    )
    assert prose.nama_program("Penunjang Urusan") == "Program Penunjang Urusan"
    assert prose.nama("- Laporan Laporan Persediaan") == "Laporan Persediaan"


def test_a_reason_given_earlier_in_the_year_still_explains_the_lag():
    kin = pd.DataFrame(
        {
            "kecamatan": "K", "tahun": 2024, "triwulan": [1, 2, 1, 2],
            "kunci": ["a", "a", "b", "b"], "indikator": ["Retribusi", "Retribusi", "Z", "Z"],
            "keterangan": ["Retribusi tidak lagi dipungut kecamatan", None, "x", "y"],
        }
    )  # fmt: skip
    now = narrative_parts.catatan_berlaku(kin, "K", 2024, 2).set_index("kunci")
    assert now.loc["a", "keterangan"] == "Retribusi tidak lagi dipungut kecamatan"
    assert now.loc["a", "keterangan_tw"] == 1
    assert now.loc["b", "keterangan"] == "y" and pd.isna(now.loc["b", "keterangan_tw"])
    assert "(keterangan TW I)" in narrative_parts._alasan(now.loc["a", "keterangan"], 1)


# --- the bundled reports, as a planner reads them -------------------------------------


@pytest.fixture(scope="module")
def bundel(tmp_path_factory) -> loading.Tabel:
    out = tmp_path_factory.mktemp("olahan_narasi")
    done = run_cli("ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    return loading.muat(out)


LAPORAN = [("Towuti", 2024, 4), ("Wotu", 2024, 4), ("Kalaena", 2024, 4), ("Kalaena", 2025, 1)]


@pytest.mark.parametrize(("kec", "tahun", "tw"), LAPORAN)
def test_bundled_analysis_quotes_no_transcription_note_predikat_or_number(bundel, kec, tahun, tw):
    html = str(views.analisis_html(bundel, kec, tahun, tw))
    quotes = re.findall(r"“([^”]*)”", html)
    for q in quotes:
        assert factors.bukan_faktor(q) is None, q
        assert not re.search(r"tidak dicetak|label grafik|tercetak|predikat", q, re.I), q
    text = re.sub(r"<[^>]+>", " ", html)
    for slip in ("Semua 1 ", "poin poin", "+", "Hanya satu yang", " 0 dari", " 1 dari"):
        assert slip not in text, slip


def test_bundled_kalaena_gives_its_own_reasons(bundel):
    text = str(views.analisis_html(bundel, "Kalaena", 2024, 4))
    assert (
        "Jumlah orang yang Menerima Gaji dan Tunjangan ASN terealisasi 12,75 orang per bulan"
        in text
    )
    assert "Penyebabnya menurut kecamatan: “adanya 1 orang pegawai yang meninggal dunia”" in text
    assert "Penyebabnya menurut kecamatan (keterangan TW I): “disebabkan di terbitkannya" in text
    tw1 = str(views.analisis_html(bundel, "Kalaena", 2024, 1))
    assert (
        "Faktor pendukung menurut kecamatan: “Adanya Tim dari kecamatan melakukan monitoring" in tw1
    )
    assert "Kendala yang dicatat kecamatan: “Penyusunan laporan BKK belum lengkap" in tw1


def test_a_program_capaian_the_office_printed_otherwise_is_given_beside_ours(bundel):
    # Wotu Tabel 3.4 prints 71,77 for Program Penunjang; the report's figure is the mean of
    # its nine kegiatan, 88,89. The paragraph names both and how ours is made.
    text = re.sub(r"<[^>]+>", " ", str(views.analisis_html(bundel, "Wotu", 2024, 4)))
    assert "sebesar 88,89% (kategori Tinggi)" in text
    assert (
        "Kecamatan mencetak capaian program ini 71,77%; angka 88,89% di atas dihitung ulang "
        "dari rata-rata capaian sembilan kegiatannya" in text
    )
    # Towuti prints 93,75 for its Program Penunjang, the figure the report computes: no
    # second figure.
    towuti = str(views.analisis_html(bundel, "Towuti", 2024, 4))
    assert "Kecamatan mencetak capaian program ini" not in towuti


def test_the_summary_gives_the_printed_total_beside_the_programs_mean(bundel):
    from analysis.reports import official

    wotu = " ".join(official.paragraf_ringkasan(bundel, "Wotu", 2024, 4))
    assert "adalah 97,11%" in wotu
    assert "Kecamatan mencetak 95,91% pada baris totalnya" in wotu
    towuti = " ".join(official.paragraf_ringkasan(bundel, "Towuti", 2024, 4))
    assert "Kecamatan mencetak" not in towuti


def test_the_efficiency_score_is_explained_in_words(data):
    assert (
        prose.arti_efisiensi(49.4)
        == "sekitar 50: capaian kinerja sebanding dengan serapan anggaran"
    )
    assert prose.arti_efisiensi(80).startswith("di atas 50: capaian kinerja lebih tinggi")
    assert prose.arti_efisiensi(20).startswith("di bawah 50: serapan anggaran lebih tinggi")
    assert prose.arti_efisiensi(None) == ""
    card = str(views.kartu_utama(data, "Wotu", 2024, 4))
    assert "(0-100)" not in card
    assert re.search(
        r"nilai efisiensi [\d,]+ pada skala 0&ndash;100, (di atas|di bawah|sekitar) 50", card
    )


def test_a_single_program_chart_sentence_names_what_it_counts():
    from analysis.reports import charts

    one = pd.DataFrame(
        {"uraian": ["PROGRAM PENYELENGGARAAN PEMERINTAHAN"], "capaian_persen": [100.0],
         "kategori": ["ST"]}
    )  # fmt: skip
    text = str(charts.capaian_per_program(one, "judul"))
    assert text == (
        "Hanya satu program yang sudah memiliki capaian, yaitu Program Penyelenggaraan "
        "Pemerintahan: 100,00% (kategori Sangat Tinggi)."
    )


def test_the_summary_counts_indicators_in_words(data):
    from analysis.reports import official

    text = " ".join(official.paragraf_ringkasan(data, "Wotu", 2024, 4))
    assert "indikator yang memiliki capaian," not in text
    assert re.search(r"(\w+) dari (\w+) indikator belum mencapai target|indikator telah", text)
    assert narrative.kalimat_indikator_tertinggal(0, 1) == (
        "Satu-satunya indikator yang dinilai telah mencapai target."
    )
    assert narrative.kalimat_indikator_tertinggal(3, 33).startswith("Tiga dari 33 indikator")


def test_lagging_indicators_without_a_reason_are_said_together():
    kin = _kin(
        [
            {"indikator": "A", "satuan": "Dok", "target_sd": 4.0, "realisasi_sd": 3.0,
             "capaian_sd_persen": 75.0},
            {"indikator": "B", "capaian_sd_persen": 90.0, "keterangan": "RATA-RATA 90 %"},
            {"indikator": "C", "capaian_sd_persen": 50.0,
             "keterangan": "Anggaran belum tersedia"},
        ]
    )  # fmt: skip
    text = " ".join(narrative_parts.indikator(kin))
    assert "C (capaian 50,00%, kurang 50,00 poin dari target). Penyebabnya menurut" in text
    assert text.endswith(
        "Untuk dua indikator berikut kantor tidak mencantumkan penyebabnya: A terealisasi "
        "3 dokumen dari target 4 dokumen (capaian 75,00%, kurang 25,00 poin dari target); "
        "B (capaian 90,00%, kurang 10,00 poin dari target)."
    )


def test_an_indicator_without_a_name_is_named_by_its_node():
    row = pd.Series(
        {"indikator": None, "tingkat": "sub_kegiatan", "uraian": "- Pelaporan Retribusi"}
    )
    assert narrative_parts.nama_indikator(row) == "indikator sub kegiatan Pelaporan Retribusi"
    assert narrative_parts.nama_indikator(pd.Series({"tingkat": "program", "uraian": "P"})) == (
        "indikator tingkat program"
    )


def test_the_only_indicator_named_by_its_node_does_not_say_indikator_twice():
    one = _kin([{"uraian": "- Forum Koordinasi", "capaian_sd_persen": 100.0}])
    assert narrative_parts.indikator(one) == [
        "Satu-satunya indikator pada program ini (sub kegiatan Forum Koordinasi) telah "
        "mencapai target."
    ]


def test_unit_is_not_repeated_after_a_name_that_ends_with_it():
    names = pd.Series(["Persentase BMD (%)", "Jumlah laporan", "Gaji (Orang/Bulan)", None, "X"])
    units = pd.Series(["%", "Dokumen", "orang / bulan", "%", None])
    assert prose.satuan_tambahan(names, units).tolist() == ["", "Dokumen", "", "%", ""]


@pytest.mark.parametrize("kecamatan", ["Wotu", "Kalaena", "Towuti"])
def test_report_tables_print_each_unit_once(bundled: Path, kecamatan: str):
    """Issue 22: "Persentase BMD yang Diadministrasikan sesuai standar (%) (%)": the name
    already carried the unit the table put after it."""
    data = loading.muat(bundled)
    pages = [
        views.tabel_kinerja_html(data, kecamatan, 2024, 4),
        views.rencana_aksi_html(data, kecamatan, 2024, 4),
    ]
    for page in pages:
        doubled = re.findall(r"\(([^()<>]+)\)\s*<span class=\"catatan\">\(\1\)</span>", page)
        assert doubled == [], (kecamatan, doubled[:3])
    k = data.kinerja[data.kinerja["kecamatan"].eq(kecamatan) & data.kinerja["tahun"].eq(2024)]
    k = k[k["indikator"].notna()]
    if prose.satuan_tambahan(k["indikator"], k["satuan"]).ne("").any():
        assert '<span class="catatan">(' in pages[0]  # units are still printed where needed


def test_a_lagging_indicator_the_office_printed_as_reached_names_the_printed_figure():
    # Towuti (seed 002) prints capaian 100 in every quarter for a kegiatan with target 100
    # and realisasi 3: the sentence gives ours and the office's, as Tabel 3.4 marks it.
    base = {"indikator": "Persentase urusan (%)", "satuan": "%", "target_sd": 100.0,
            "realisasi_sd": 3.0, "capaian_sd_persen": 3.0, "capaian_sd_dilaporkan": None,
            "target_tw": 100.0, "realisasi_tw": 3.0, "capaian_tw_dilaporkan": 100.0}  # fmt: skip
    text = " ".join(narrative_parts.indikator(_kin([base])))
    assert (
        "terealisasi 3% dari target 100% (capaian 3,00%, kurang 97,00 poin dari target; "
        "kecamatan mencetak capaian 100,00%)."
    ) in text
    # a printed figure the recomputation confirms is not repeated
    same = {**base, "capaian_tw_dilaporkan": 3.0}
    assert "mencetak" not in " ".join(narrative_parts.indikator(_kin([same])))
    # a quarter's own capaian is not the s/d figure of a summed indicator
    summed = {**base, "target_sd": 400.0, "realisasi_sd": 12.0}
    assert "mencetak" not in " ".join(narrative_parts.indikator(_kin([summed])))
