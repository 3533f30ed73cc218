"""The formulas of data contract §3 on the seeds' own figures, edge cases and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.metrics import (
    KATEGORI_LABEL,
    KATEGORI_WARNA,
    capaian,
    cumulate,
    efisiensi_persen,
    indeks_efisiensi,
    kategori,
    kategori_label,
    kuadran,
    nilai_efisiensi,
    serapan_kas,
    serapan_pagu,
)
from analysis.schema import KATEGORI
from analysis.settings import DEFAULT_SETTINGS, Settings

NAN = np.nan
RASIO = Settings(rumus_negatif="rasio")


def s(*values) -> pd.Series:
    return pd.Series(values, dtype="float64")


# --- capaian -----------------------------------------------------------------------------


def test_capaian_seed_figures():
    # Wotu Tabel 3.4 sinergitas: 11 of 12 laporan = 91,67 %; Wotu Tabel 3.1 IKM 78,60
    # against 82 = 95,85 %; Towuti IKM 84,73 against 80,1 = 105,8 % (not capped);
    # Kalaena TW1 administrasi kepegawaian 150 of 100 = 150 % (printed 75).
    out = capaian(s(12, 82, 80.1, 100), s(11, 78.60, 84.73, 150))
    assert out.round(2).tolist() == [91.67, 95.85, 105.78, 150.0]
    assert round(out[2], 1) == 105.8


def test_capaian_negative_indicator_selisih_and_rasio():
    t, r = s(4, 4, 4, 4), s(2, 4, 6, 9)  # 9 is above twice the target
    neg = pd.Series(["negatif"] * 4)
    assert capaian(t, r, neg).tolist() == [150.0, 100.0, 50.0, 0.0]  # floored at 0
    assert capaian(t, r, neg, RASIO).round(2).tolist() == [200.0, 100.0, 66.67, 44.44]
    # realisasi 0 against a positive target: "rasio" is undefined, "selisih" gives 200
    assert np.isnan(capaian(s(4), s(0), "negatif", RASIO)[0])
    assert capaian(s(4), s(0), "negatif")[0] == 200.0


def test_capaian_zero_and_missing_target():
    # Kalaena TW2 Bimtek: target 0, realisasi 4, printed 400 -> no capaian
    out = capaian(s(0, NAN, 5, 0), s(4, 3, NAN, 0), pd.Series(["positif"] * 4))
    assert out.isna().all()
    # ... except a negatif indicator with target 0 and realisasi 0: 100
    neg = capaian(s(0, 0), s(0, 2), "negatif")
    assert neg[0] == 100.0 and np.isnan(neg[1])
    assert capaian(s(0), s(0), "negatif", RASIO)[0] == 100.0


def test_capaian_polarity_default_is_positive():
    out = capaian(s(10, 10), s(5, 5), pd.Series([None, "lainnya"]))
    assert out.tolist() == [50.0, 50.0]


# --- s/d TW --------------------------------------------------------------------------------


def test_cumulate_jumlah_rata_rata_akhir():
    q = pd.DataFrame(
        [[3, 3, 3, 3], [100, 100, 100, 96], [80, NAN, 84.73, NAN], [3, NAN, NAN, NAN]],
        columns=[1, 2, 3, 4],
        dtype="float64",
    )
    out = cumulate(q, pd.Series(["jumlah", "rata_rata", "akhir", "jumlah"]))
    assert out.iloc[0].tolist() == [3, 6, 9, 12]
    assert out.iloc[1].tolist() == [100, 100, 100, 99]
    assert out.iloc[2].tolist() == [80, 80, 84.73, 84.73]
    assert out.iloc[3].tolist() == [3, 3, 3, 3]


def test_cumulate_all_missing_quarters_stay_missing():
    q = pd.DataFrame([[NAN, NAN, 2, NAN]], columns=[1, 2, 3, 4])
    for how in ("jumlah", "rata_rata", "akhir"):
        out = cumulate(q, how).iloc[0]
        assert out[[1, 2]].isna().all() and out[3] == 2 and out[4] == 2


# --- bands -------------------------------------------------------------------------------


def test_kategori_edges_and_labels():
    # Permendagri 86/2017 bands; Kalaena Renja 2022 (seed 001): kinerja 99,65 % and
    # realisasi anggaran 98,75 % are both "sangat tinggi".
    values = s(99.65, 98.75, 91, 90.99, 76, 75.99, 66, 65.99, 51, 50.99, 0, 130, NAN)
    out = kategori(values)
    assert out[:12].tolist() == ["ST", "ST", "ST", "T", "T", "S", "S", "R", "R", "SR", "SR", "ST"]
    assert pd.isna(out[12])
    assert kategori_label(out[:2]).tolist() == ["Sangat Tinggi", "Sangat Tinggi"]
    assert set(KATEGORI_LABEL) == set(KATEGORI) == set(KATEGORI_WARNA)
    assert KATEGORI_LABEL["SR"] == "Sangat Rendah"
    assert all(c.startswith("#") and len(c) == 7 for c in KATEGORI_WARNA.values())


def test_kategori_edges_from_settings():
    out = kategori(s(90, 89.9), Settings(batas_kategori=(90, 75, 65, 50)))
    assert out.tolist() == ["ST", "T"]


@given(st.lists(st.floats(-50, 300, allow_nan=False), min_size=2, max_size=30))
def test_kategori_is_monotone(values):
    ordered = sorted(values)
    rank = {code: i for i, code in enumerate(KATEGORI)}  # ST=0 ... SR=4
    ranks = kategori(pd.Series(ordered)).map(rank).tolist()
    assert ranks == sorted(ranks, reverse=True)


# --- serapan and efficiency ------------------------------------------------------------------


def test_serapan_seed_figures():
    # Wotu Tabel 3.4: DPA-SKPD 3.114.000 / 6.949.850 = 44,81 %;
    # program 01 3.056.331.499 / 3.135.828.551 = 97,46 %;
    # Towuti Tabel III Belanja 3.623.393.162 / 4.094.740.600 = 88,49 % (against pagu).
    kas = serapan_kas(s(3_114_000, 3_056_331_499, 0), s(6_949_850, 3_135_828_551, 0))
    assert kas[:2].round(2).tolist() == [44.81, 97.46]
    assert np.isnan(kas[2])
    assert round(serapan_pagu(s(3_623_393_162), s(4_094_740_600))[0], 2) == 88.49


def test_efficiency_formulas():
    k, a = s(100, 91.67, 100, 0, NAN), s(44.81, 78.30, 0, 50, 50)
    ie = indeks_efisiensi(k, a)
    assert round(ie[0], 4) == round(100 / 44.81, 4)
    assert np.isnan(ie[2]) and np.isnan(ie[4])
    e = efisiensi_persen(k, a)
    assert round(e[1], 2) == round((1 - 78.30 / 91.67) * 100, 2)
    assert np.isnan(e[3])  # K = 0
    n = nilai_efisiensi(s(0, 10, 20, 40, -20, -40, NAN))
    assert n[:6].tolist() == [50, 75, 100, 100, 0, 0]
    assert np.isnan(n[6])
    wide = nilai_efisiensi(s(20), Settings(efisiensi_skala_persen=40))
    assert wide[0] == 75


def test_kuadran():
    k, a = s(95, 95, 80, 80, NAN, 91), s(95, 80, 95, 80, 95, 91)
    out = kuadran(k, a)
    assert out[:4].tolist() == ["sesuai rencana", "hemat", "boros", "tertinggal"]
    assert pd.isna(out[4]) and out[5] == "sesuai rencana"
    assert kuadran(s(85), s(85), Settings(ambang_kuadran=80.0))[0] == "sesuai rencana"


@pytest.mark.parametrize("settings", [DEFAULT_SETTINGS, RASIO])
def test_capaian_keeps_index(settings):
    idx = pd.Index([10, 20])
    out = capaian(
        pd.Series([1.0, 2.0], index=idx), pd.Series([1.0, 1.0], index=idx), "negatif", settings
    )
    assert out.index.equals(idx)
