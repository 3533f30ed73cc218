"""The Rencana Aksi form lists its rows in kode order in every bundled report, also a
node reported in an earlier quarter only (Towuti TW II: 7.01.01.2.01.04, reported in
TW I, was listed after program 06)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import loading, official_rencana_aksi

REPORTS = (
    [("Towuti", 2024, q) for q in (1, 2, 3, 4)]
    + [("Kalaena", 2024, q) for q in (1, 2, 3, 4)]
    + [("Wotu", 2024, 4), ("Kalaena", 2025, 1), ("Kalaena", 2022, 4)]
)


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


@pytest.mark.parametrize(("kecamatan", "tahun", "triwulan"), REPORTS)
def test_rows_in_kode_order(data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int) -> None:
    t = official_rencana_aksi.rencana_aksi(data, kecamatan, tahun, triwulan)
    codes = [k for k in t.baris["kode"] if k]
    assert codes == sorted(codes), (kecamatan, tahun, triwulan, codes)


def test_a_node_without_rank_goes_after_the_code_before_it() -> None:
    urut = pd.Series([0.0, 1.0, None, 2.0, None, None])
    kode = pd.Series(["7.01.01", "7.01.02", "7.01.01.2.01.04", "7.01.03", "7.00", ""])
    out = official_rencana_aksi.urut_kode(urut, kode)
    assert out.tolist()[:5] == [0.0, 1.0, 0.5, 2.0, -0.5]
    assert pd.isna(out.iloc[5])  # no code: stays last
