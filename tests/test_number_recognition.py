"""Numbers read as the document shows them, or refused (issue 20, item 2: number formats,
a column's decimal separator, a target too small for a capaian)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from ingest_helpers import run, write_csv, write_xlsx

from analysis.ingest.formats.cells import parse_numbers
from analysis.ingest.formats.numformat import scales_by_100
from analysis.metrics.achievement import capaian
from analysis.metrics.guards import check_capaian_undefined

HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target TW I", "Target TW II",
          "Target TW III", "Target TW IV", "Realisasi TW I", "Realisasi TW II",
          "Realisasi TW III", "Realisasi TW IV"]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "value", "scales"),
    [
        ("0.00%", 0.9746, True),
        ("0%", 1.0, True),
        ('0.00"%"', 97.46, False),
        ("0.00\\%", 97.46, False),
        ('#,##0.00_%;[Red]-0.00"%"', 5.0, False),
        ('0.00"%";-0.00%', -0.5, True),
        ('0.00"%";-0.00%', 0.5, False),
        ("General", 97.46, False),
        (None, 1.0, False),
    ],
)
def test_a_percent_typed_as_text_does_not_scale(code, value, scales) -> None:
    assert scales_by_100(code, value) is scales


def test_xlsx_percent_formats_read_as_excel_shows_them(tmp_path: Path) -> None:
    """Seed 000's ``Persentase BMD yang Diadministrasikan`` with realisasi 97,46 %:
    ``0.00"%"`` keeps the stored 97.46; ``0.00%`` shows 0.9746 as 97.46 %."""
    row = ["7.01.01.2.09.01", "Penatausahaan Barang Milik Daerah pada SKPD",
           "Persentase BMD yang Diadministrasikan sesuai standar (%)", "%",
           100, 100, 100, 100, 97.46, 0.9746, 97.46, 1.0]  # fmt: skip
    path = write_xlsx(tmp_path / "raw", "kalaena_2024_ra.xlsx", {"RA": [HEADER, row]})
    book = openpyxl.load_workbook(path)
    sheet = book["RA"]
    sheet["I2"].number_format = '0.00"%"'
    sheet["J2"].number_format = "0.00%"
    sheet["K2"].number_format = "0.00\\%"
    sheet["L2"].number_format = "0%"
    book.save(path)
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    got = result.kinerja_wide.iloc[0]
    assert [got[f"realisasi_tw{q}"] for q in (1, 2, 3, 4)] == pytest.approx(
        [97.46, 97.46, 97.46, 100.0]
    )


@pytest.mark.parametrize(
    ("cells", "refused"),
    [
        (["2.5", "0.75", "1.500"], [False, False, True]),
        (["2.250", "0.750", "1.500"], [True, False, True]),
        (["6,403,000", "1.500"], [False, True]),
    ],
)
def test_dot_before_three_digits_in_a_decimal_point_column_is_refused(cells, refused) -> None:
    parsed = parse_numbers(pd.Series(cells, dtype="str"))
    assert parsed["error"].notna().tolist() == refused
    assert parsed["value"].isna().tolist() == refused
    assert parsed["error"].dropna().str.contains("ribuan atau desimal").all()


def test_dot_thousands_stay_thousands_without_decimal_points() -> None:
    parsed = parse_numbers(pd.Series(["1.500", "2.250", "3.000", "97,46"], dtype="str"))
    assert parsed["error"].isna().all()
    assert parsed["value"].tolist() == [1500, 2250, 3000, 97.46]


def test_each_column_judged_alone(tmp_path: Path) -> None:
    """``2.5`` in the target column says nothing of the realisasi column's ``1.500``;
    in its own column ``1.500`` beside ``0.75`` is an error naming the cell."""
    rows = [
        ";".join([*HEADER[:5], "Realisasi TW I"]),
        "7.01.01.2.01.01;Koordinasi;Indeks Kepuasan Masyarakat;Nilai;2.5;1.500",
        "7.01.01.2.01.02;Evaluasi;Nilai LAKIP;Nilai;3;0.75",
        "7.01.01.2.01.03;Pelayanan;Jumlah pengunjung;Orang;1;1.500",
    ]
    write_csv(tmp_path / "raw", "wotu_2024_ra.csv", "\n".join(rows) + "\n")
    result = run(tmp_path / "raw")
    messages = [str(e) for e in result.errors.errors]
    assert len(messages) == 2, messages
    assert all("'1.500'" in m and "Realisasi TW I" in m for m in messages)
    assert {"baris 2", "baris 4"} == {m.split(", ")[2] for m in messages}


def test_a_tiny_target_gives_no_inf_but_a_finding() -> None:
    got = capaian(pd.Series([1e-313, 100.0]), pd.Series([5.0, 90.0]))
    assert np.isnan(got.iloc[0]) and got.iloc[1] == 90
    kinerja = pd.DataFrame(
        {
            "kecamatan": ["Wotu"], "tahun": [2024], "triwulan": [1], "kode": ["7.01.01.2.01.01"],
            "tingkat": ["sub_kegiatan"], "uraian": ["Koordinasi"], "kunci": ["7.01.01.2.01.01"],
            "sumber": ["wotu_2024_ra.csv:wotu_2024_ra:2"],
            "target_tw": [1e-313], "realisasi_tw": [5.0], "capaian_tw_persen": [np.nan],
            "target_sd": [1e-313], "realisasi_sd": [5.0], "capaian_sd_persen": [np.nan],
        }
    )  # fmt: skip
    found = pd.concat(check_capaian_undefined(kinerja))
    assert found["jenis"].tolist() == ["capaian_tak_terhitung"] * 2
    assert found["pesan"].str.contains("TW I").all()


def test_a_tiny_target_through_ingest(tmp_path: Path) -> None:
    """``0,000...001`` read as a target: no capaian inf in the processed tables (which
    ``batch`` then rates and averages), a finding in pemeriksaan naming the row."""
    from analysis.cli import main

    tiny = "0," + "0" * 312 + "1"
    rows = [
        ";".join([*HEADER[:5], "Realisasi TW I"]),
        f"7.01.01.2.01.01;Koordinasi;Jumlah dokumen;Dokumen;{tiny};5",
    ]
    write_csv(tmp_path / "raw", "wotu_2024_ra.csv", "\n".join(rows) + "\n")
    out = tmp_path / "out"
    assert main(["ingest", "--raw", str(tmp_path / "raw"), "--out", str(out)]) == 0
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    for column in ("capaian_tw_persen", "capaian_sd_persen", "capaian_tahunan_persen"):
        assert not np.isinf(kinerja[column].to_numpy(dtype=float)).any()
    ringkasan = pd.read_parquet(out / "ringkasan.parquet")
    assert not np.isinf(ringkasan["capaian_persen"].to_numpy(dtype=float)).any()
    found = pd.read_parquet(out / "pemeriksaan.parquet")
    hits = found[found["jenis"].eq("capaian_tak_terhitung")]
    assert len(hits) == 2 and hits["sumber"].eq("wotu_2024_ra.csv:wotu_2024_ra:2").all()
