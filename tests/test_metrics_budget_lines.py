"""Budget lines are summed once: a printed subtotal row keyed by a copied name does not
add its money a second time (Towuti Tabel III, seed 002, kegiatan 7.01.04.2.02)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.pipeline import compute_tables, ingest
from analysis.metrics.budget_lines import adopt_children_parent
from analysis.settings import DEFAULT_SETTINGS

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


@pytest.fixture(scope="module")
def towuti(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    raw = tmp_path_factory.mktemp("raw")
    for name in ("towuti_2024_anggaran.csv", "towuti_2024_kinerja.csv"):
        shutil.copy(RAW / name, raw / name)
    result = ingest(raw)
    assert not result.errors
    tables = compute_tables(result, DEFAULT_SETTINGS)
    tables["_wide"] = result.anggaran_wide
    return tables


def _row(r: pd.DataFrame, tingkat: str, kunci: str) -> pd.Series:
    rows = r[(r["tingkat"] == tingkat) & (r["kunci"] == kunci) & (r["triwulan"] == 4)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_headline_equals_the_printed_belanja_total(towuti):
    # seed 002 Tabel III: "Belanja 4.094.740.600,00 3.623.393.162,00 88,49"
    kec = _row(towuti["ringkasan"], "kecamatan", "Towuti")
    assert kec["pagu"] == pytest.approx(4_094_740_600)
    assert kec["realisasi_anggaran_sd"] == pytest.approx(3_623_393_162)
    assert round(kec["serapan_persen"], 2) == 88.49


def test_program_04_rolls_up_to_its_own_printed_row(towuti):
    # "04 Program Koordinasi Ketentraman ... 37.442.090,00 36.245.950,00 96,81"
    prog = _row(towuti["ringkasan"], "program", "7.01.04")
    assert prog["pagu"] == pytest.approx(37_442_090)
    assert prog["realisasi_anggaran_sd"] == pytest.approx(36_245_950)
    keg = towuti["ringkasan"]
    keg = keg[(keg["kunci_induk"] == "7.01.04") & (keg["triwulan"] == 4)]
    assert sorted(keg["kunci"]) == ["7.01.04.2.01", "7.01.04.2.02"]


def test_the_copied_name_row_becomes_the_parent_its_lines_name(towuti):
    wide, changes = adopt_children_parent(towuti["_wide"])
    assert changes[["dari", "menjadi"]].values.tolist() == [["7.01.04.2.01#2", "7.01.04.2.02"]]
    moved = wide[wide["sumber"].str.endswith(":179")]
    assert moved["kunci"].tolist() == ["7.01.04.2.02"]
    # its rekening lines follow it
    lines = wide[wide["sumber"].str.rsplit(":", n=1).str[1].astype(int).between(181, 186)]
    assert set(lines["kunci_kegiatan"]) == {"7.01.04.2.02"}


def test_rows_whose_lines_agree_are_left_alone(towuti):
    wide = towuti["_wide"]
    fixed, _ = adopt_children_parent(wide)
    untouched = ~wide["sumber"].str.rsplit(":", n=1).str[1].astype(int).between(179, 186)
    pd.testing.assert_frame_equal(fixed[untouched], wide[untouched])
