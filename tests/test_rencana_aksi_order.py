"""The Rencana Aksi form and Tabel 3.4 list their rows in kode order in every bundled report, also a
node reported in an earlier quarter only (Towuti TW II: 7.01.01.2.01.04, reported in
TW I, was listed after program 06)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import hierarchy_rows, loading, official_3_4, official_rencana_aksi

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
    out = hierarchy_rows.urut_kode(urut, kode)
    assert out.tolist()[:5] == [0.0, 1.0, 0.5, 2.0, -0.5]
    assert pd.isna(out.iloc[5])  # no code: stays last


@pytest.mark.parametrize(("kecamatan", "tahun", "triwulan"), REPORTS[:-1])
def test_tabel_3_4_rows_in_kode_order(
    data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int
) -> None:
    # Kalaena 2024 TW I-III listed three 7.01.01 sub kegiatan after program 06.
    t = official_3_4.tabel_3_4(data, kecamatan, tahun, triwulan)
    codes = [_padded(k) for k in t.baris["_kode"].fillna("") if k]
    assert codes == sorted(codes), (kecamatan, tahun, triwulan, codes)


def _padded(kode: str) -> tuple[int, ...]:
    return tuple(int(p) for p in kode.split("."))


def test_kalaena_2022_program_02_between_01_and_03(data: loading.Tabel) -> None:
    # Kalaena 2022 writes the kegiatan of 7.01.01 as 7.1.1.2.01.0x (not a code order of
    # its own); its program 7.01.02, absent from the quarter's summary, was listed last.
    t = official_3_4.tabel_3_4(data, "Kalaena", 2022, 4)
    codes = [k for k in t.baris["_kode"].fillna("") if k]
    at = codes.index("7.01.02")
    assert all(codes.index(k) < at for k in codes if k.startswith(("7.01.01", "7.1.1")))
    assert at < codes.index("7.01.03")
