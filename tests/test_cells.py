"""The cell parser reads every number format the seed reports print, and refuses guesses."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.formats.cells import parse_numbers, split_quarter_cell, split_value_unit


def parse(values: list[object]) -> pd.DataFrame:
    return parse_numbers(pd.Series(values, dtype=object))


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("3.135.828.551", 3135828551, None),  # Wotu Tabel 3.4 anggaran kas
        ("97,46", 97.46, None),  # Wotu capaian
        ("4.094.740.600,00", 4094740600.0, None),  # Towuti Tabel III
        ("6,403,000", 6403000, None),  # Kalaena TW I 2025 pagu (English)
        ("80.1", 80.1, None),  # Towuti IKM target
        ("80.099999999999994", 80.1, None),  # Towuti chart data (float noise)
        ("Rp. 3.308.672.275,-", 3308672275, None),  # Wotu narrative
        ("Rp 423.300", 423300, None),
        ("100%", 100, "%"),
        ("95,91%", 95.91, "%"),  # Wotu TOTAL BELANJA capaian
        ("93,75  %", 93.75, "%"),  # Towuti RATA-RATA
        ("\\100%", 100, "%"),  # stray backslash (seed 000)
        ("12 Laporan", 12, "Laporan"),
        ("19 Orang/bulan", 19, "Orang/bulan"),
        ("5 Lembaga Kemasyarakatan", 5, "Lembaga Kemasyarakatan"),
        ("1.542", 1542, None),  # dot + three digits = thousands (contract)
        ("4.875", 4875, None),  # seed 001 T.C.29
        ("1.47", 1.47, None),
        ("0.125", 0.125, None),
        ("105,8", 105.8, None),
        ("-5", -5, None),
        ("2379", 2379, None),
    ],
)
def test_seed_number_formats(cell: str, value: float, unit: str | None) -> None:
    out = parse([cell])
    assert out["error"].isna().all(), out["error"].iloc[0]
    assert out["value"].iloc[0] == pytest.approx(value)
    got_unit = out["unit"].iloc[0]
    assert (got_unit if isinstance(got_unit, str) else None) == unit


@pytest.mark.parametrize(
    ("cell", "quarter", "value"),
    [
        ("TW 1 : 3", 1, 3),
        ("TW2 : 100", 2, 100),
        ("TW.IV 5", 4, 5),
        ("Triwulan III: 7", 3, 7),
        ("TW 2 :", 2, math.nan),
    ],
)
def test_quarter_labels_inside_cells(cell: str, quarter: int, value: float) -> None:
    out = parse([cell])
    assert out["quarter"].iloc[0] == quarter
    assert out["error"].isna().all()
    if math.isnan(value):
        assert math.isnan(out["value"].iloc[0])
    else:
        assert out["value"].iloc[0] == value


@pytest.mark.parametrize("cell", ["-", "–", "—", "", "  ", "#DIV/0!", None])
def test_dashes_and_empty_mean_no_value(cell: object) -> None:
    out = parse([cell])
    assert math.isnan(out["value"].iloc[0])
    assert out["error"].isna().all()


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("abc", "bukan angka"),
        ("1.2.3", "kelompok tiga"),
        ("2 unit AC dan 1 paket", "lebih dari satu angka"),
        ("1 2 3", "lebih dari satu angka"),
        ("TW 5 : 3", "di luar TW 1..4"),
        ('=HYPERLINK("http://x")', "bukan angka"),
        ("1.234,5.6", "tidak konsisten"),
    ],
)
def test_unreadable_cells_are_errors_not_guesses(cell: str, reason: str) -> None:
    out = parse([cell])
    assert math.isnan(out["value"].iloc[0])
    assert reason in out["error"].iloc[0]


def test_typed_excel_numbers_pass_through() -> None:
    out = parse([1.125, 2, "1.125"])
    assert list(out["value"]) == [1.125, 2.0, 1125.0]


def test_lone_comma_thousands_follow_the_column() -> None:
    indonesian = parse(["97,46", "1,542"])  # the column writes decimals with a comma
    assert indonesian["value"].iloc[1] == pytest.approx(1.542)
    english = parse(["6,403,000", "423,300"])  # the column groups thousands with commas
    assert english["value"].iloc[1] == 423300


def test_clean_numeric_strings_take_the_fast_path() -> None:
    s = pd.Series([str(i) for i in range(5000)] + ["12.5"], dtype="str")
    out = parse_numbers(s)
    assert out["value"].iloc[-1] == 12.5 and out["value"].iloc[4999] == 4999
    assert out["error"].isna().all()


def test_satuan_cells_give_target_and_unit() -> None:
    out = split_value_unit(pd.Series(["12 Laporan", "100%", "Dokumen", "-", None], dtype=object))
    assert list(out["value"].iloc[:2]) == [12, 100]
    assert list(out["unit"].iloc[:3]) == ["Laporan", "%", "Dokumen"]
    assert out["unit"].iloc[3:].isna().all()


def test_split_quarter_cell() -> None:
    assert split_quarter_cell("TW 1 : 0 TW 2 : 0 TW 3 : 1 TW 4 : 1") == [
        (1, "0"),
        (2, "0"),
        (3, "1"),
        (4, "1"),
    ]
    assert split_quarter_cell("TW 1 : TW 2 : 3") == [(1, ""), (2, "3")]


# --- property tests: numbers written the Indonesian and the English way read back ------


def indonesian(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def english(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


amounts = st.integers(min_value=0, max_value=10**13)


@settings(max_examples=100, deadline=None)
@given(cents=amounts, decimals=st.sampled_from([0, 2]), rp=st.booleans())
def test_indonesian_numbers_round_trip(cents: int, decimals: int, rp: bool) -> None:
    value = cents / 100 if decimals else float(cents)
    text = indonesian(value, decimals)
    cell = ("Rp. " if rp else "") + text
    out = parse([cell])
    assert out["error"].isna().all(), (cell, out["error"].iloc[0])
    assert out["value"].iloc[0] == pytest.approx(round(value, decimals), rel=1e-12, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(cents=amounts, decimals=st.sampled_from([0, 2]))
def test_english_numbers_round_trip(cents: int, decimals: int) -> None:
    value = cents / 100 if decimals else float(cents)
    text = english(value, decimals)
    out = parse([text])
    assert out["error"].isna().all(), (text, out["error"].iloc[0])
    assert out["value"].iloc[0] == pytest.approx(round(value, decimals), rel=1e-12, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(
    value=st.integers(min_value=-(10**9), max_value=10**9),
    unit=st.sampled_from(["Laporan", "Dokumen", "Orang/bulan", "%", "Unit"]),
)
def test_numbers_with_units_round_trip(value: int, unit: str) -> None:
    sep = "" if unit == "%" else " "
    out = parse([f"{indonesian(value, 0)}{sep}{unit}"])
    assert out["value"].iloc[0] == value
    assert out["unit"].iloc[0] == unit


def test_columns_parsed_together_judge_their_separators_alone() -> None:
    """``1,500`` is 1.5 in a column that prints Indonesian decimals (``97,46``) and 1500 in
    one that does not - also when both columns' cells are parsed in one call."""
    raw = pd.Series(["97,46", "1,500", "1,500", "12"], dtype=object)
    together = parse_numbers(raw, tables=pd.Series([0, 0, 1, 1]))
    assert together["value"].tolist() == [97.46, 1.5, 1500.0, 12.0]
    assert parse_numbers(raw)["value"].tolist() == [97.46, 1.5, 1.5, 12.0]


def test_quarter_labels_allowed_per_cell() -> None:
    raw = pd.Series(["TW 1 : 3", "TW 1 : 3"], dtype=object)
    parsed = parse_numbers(raw, allow_quarter=pd.Series([True, False]))
    assert parsed["value"].iloc[0] == 3.0 and pd.isna(parsed["error"].iloc[0])
    assert pd.isna(parsed["value"].iloc[1])
    assert parsed["error"].iloc[1] == "label triwulan tidak diharapkan di kolom ini"
