"""The written analysis: data-driven sentences whose numbers are the tables' numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import formatting as fmt
from analysis.reports import narrative, views


@pytest.fixture(scope="module")
def data(olahan_kecil: Path) -> views.Tabel:
    return views.muat(olahan_kecil)


def test_each_program_paragraph_states_the_chart_and_table_figures(data):
    program = views.capaian_program(data, "Wotu", 2024, 4)
    paragraphs = narrative.paragraf_program(data.ringkasan, data.kinerja, program, "Wotu", 2024, 4)
    assert [p["judul"] for p in paragraphs] == program["uraian"].tolist()
    for row, para in zip(program.itertuples(), paragraphs, strict=True):
        assert f"capaian kinerja {fmt.persen(row.capaian_persen)}" in para["teks"]
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


def test_office_notes_become_supporting_and_hindering_factors():
    kin = pd.DataFrame(
        {
            "keterangan": ["Laporan tepat waktu", "Pegawai mutasi", None],
            "capaian_sd_persen": [100.0, 80.0, 50.0],
        }
    )
    text = narrative._faktor(kin)
    assert "Faktor pendukung menurut kecamatan: “Laporan tepat waktu”." in text
    assert "Faktor penghambat: “Pegawai mutasi”." in text


def test_conclusion_numbers_are_the_headline_cards(data):
    utama = views.angka_utama(data, "Wotu", 2024, 4)
    program = views.capaian_program(data, "Wotu", 2024, 4)
    text = narrative.kesimpulan(utama, program, 2, 2024, 4)
    assert fmt.persen(utama["capaian"]) in text and fmt.persen(utama["serapan"]) in text
    assert fmt.rupiah(utama["pagu"]) in text
    assert f"{utama['tertinggal']} dari {utama['indikator']} indikator" in text
    assert re.search(r"2 temuan kualitas data", text)


def test_iku_behind_target_is_said_and_goes_to_the_gap_list():
    riwayat = pd.DataFrame(
        {"indikator": ["IKM", "IKM"], "tahun": [2023, 2024], "target": [80.0, 82.0],
         "realisasi": [78.25, 78.6], "capaian_persen": [97.81, 95.85], "kategori": ["ST", "ST"]}
    )  # fmt: skip
    (para,) = narrative.paragraf_iku(riwayat, 2024)
    assert "realisasi 78,6 terhadap target 82, capaian 95,85%" in para["teks"]
    assert "daftar kesenjangan" in para["teks"] and "naik dari 78,25" in para["teks"]
