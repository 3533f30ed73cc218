"""Rules that make the seeds' tables read as printed (issue 19, item 4), each on a small
table a next office would also send."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import run, write_xlsx

from analysis.ingest.monthly import file_month

_BUDGET = [
    ["Realisasi anggaran pada triwulan I tahun 2025 dapat digambarkan sesuai tabel berikut"],
    ["No.", "SUB KEGIATAN", "ANGGARAN", "REALISASI", "CAPAIAN"],
    ["1", "2", "3", "4", "5"],
    ["1", "Pelaksanaan urusan pemerintahan terkait perizinan non usaha", "423.300", "0", "0 %"],
]


@pytest.mark.parametrize(
    ("stem", "month"),
    [
        ("kalaena_2025_bulan01_anggaran", 1),
        ("Laporan Bulan Maret 2025", 3),
        ("kalaena_2025_bulan_ke-12", 12),
        ("kalaena_2025_bulanan", None),  # a monthly file of several months
        ("kalaena_2024_desember", None),  # may be a TW IV report: "bulan" is required
        ("bulan01_bulan02", None),  # several months: none
    ],
)
def test_file_month(stem: str, month: int | None) -> None:
    assert file_month(stem) == month


def test_budget_table_naming_no_month_takes_the_file_names_month(tmp_path: Path) -> None:
    # seed 003 l.313-319: January's report, its budget table titled "pada triwulan I"
    raw = tmp_path / "raw"
    write_xlsx(raw, "kalaena_2025_bulan01_anggaran.xlsx", {"Sheet": _BUDGET})
    result = run(raw)
    assert not result.errors, result.errors
    b = result.bulanan
    assert b["bulan"].tolist() == [1]
    assert b["anggaran"].tolist() == [423_300] and b["realisasi_anggaran"].tolist() == [0]
    assert result.anggaran_wide.empty  # never the sub kegiatan's pagu
    assert any("nama file" in n and "bulan ke-1" in n for n in result.notes)


def test_file_month_does_not_override_the_title(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    rows = [["Realisasi anggaran pada bulan Februari Tahun 2025"], *_BUDGET[1:]]
    write_xlsx(raw, "kalaena_2025_bulan01_anggaran.xlsx", {"Sheet": rows})
    assert run(raw).bulanan["bulan"].tolist() == [2]
