"""The IKU of a report before TW IV (views.riwayat_iku and the official IKU table): the
year's annual realisasi is its year-end figure and never stands in a TW I-III report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from analysis.reports import loading, official_iku, views

IKM = "Indeks Kepuasan Masyarakat"
PROGRAM = "Persentase Capaian Kinerja Program Penunjang Urusan Pemerintahan Kabupaten"


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def _year(data: loading.Tabel, triwulan: int, indikator: str):
    r = views.riwayat_iku(data, "Towuti", 2024, triwulan)
    return r[(r["tahun"] == 2024) & r["indikator"].str.startswith(indikator)].iloc[0]


@pytest.mark.parametrize(("triwulan", "realisasi"), [(1, 81.74), (2, 80.04), (3, 82.31)])
def test_a_quarter_report_shows_its_quarter_not_the_year_end(
    data: loading.Tabel, triwulan: int, realisasi: float
) -> None:
    # towuti_2024_iku.csv: IKM per quarter 81,74 / 80,04 / 82,31 / 84,73, and a year row 84,73
    row = _year(data, triwulan, IKM)
    assert row["realisasi"] == pytest.approx(realisasi)
    assert row["target"] == pytest.approx(80.1)
    assert np.isnan(row["capaian_dilaporkan"])  # 105,8 was printed for the year
    # an indicator with only a year row keeps its target, not its year-end realisasi
    program = _year(data, triwulan, PROGRAM)
    assert program["target"] == pytest.approx(100)
    assert np.isnan(program["realisasi"]) and np.isnan(program["capaian_persen"])


def test_the_year_end_report_shows_the_year(data: loading.Tabel) -> None:
    row = _year(data, 4, IKM)
    assert row["realisasi"] == pytest.approx(84.73)
    assert row["capaian_dilaporkan"] == pytest.approx(105.8)
    assert _year(data, 4, PROGRAM)["realisasi"] == pytest.approx(93.75)


def test_the_official_iku_table_of_tw_i_carries_tw_i(data: loading.Tabel) -> None:
    t = official_iku.tabel_iku(data, "Towuti", 2024, 1)
    ikm = t.baris[t.baris["indikator"] == IKM].iloc[0]
    assert ikm["realisasi_2024"] == pytest.approx(81.74)
    assert ikm["capaian_persen_2024"] == pytest.approx(81.74 / 80.1 * 100)


def test_an_iku_behind_target_is_in_the_official_gap_table(data: loading.Tabel) -> None:
    # Towuti TW II: IKM 80,04 against 80,1; the written analysis says the indicator is in
    # the gap list ("masuk daftar kesenjangan"), as the page's list has it - the workbook
    # and the Word draft print the same list.
    from analysis.reports import narrative, official_gaps

    said = [
        s["judul"]
        for s in narrative.paragraf_iku(views.riwayat_iku(data, "Towuti", 2024, 2), 2024)
        if "masuk daftar kesenjangan" in s["teks"]
    ]
    assert said == [IKM]
    t = official_gaps.tabel_kesenjangan(data, "Towuti", 2024, 2)
    rows = t.baris[t.baris["indikator"] == IKM]
    assert rows["tingkat"].tolist() == ["IKU"]
    assert rows["capaian_sd_persen"].iloc[0] == pytest.approx(80.04 / 80.1 * 100)
