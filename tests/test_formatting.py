"""Indonesian formats: the figures of the seed reports must print as the reports print them."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import formatting as fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3_135_828_551, "Rp 3.135.828.551"),  # Wotu Tabel 3.4, program 01 anggaran kas
        (3_056_331_499, "Rp 3.056.331.499"),
        (7_557_500.0, "Rp 7.557.500"),
        (0, "Rp 0"),
        (np.int64(51_321_300), "Rp 51.321.300"),
    ],
)
def test_rupiah(value: object, expected: str) -> None:
    assert fmt.rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(97.46, "97,46%"), (71.77, "71,77%"), (100, "100,00%"), (83.875, "83,88%"), (0, "0,00%")],
)
def test_persen(value: float, expected: str) -> None:
    assert fmt.persen(value) == expected


def test_persen_large_and_one_decimal() -> None:
    assert fmt.persen(1234.5, 1) == "1.234,5%"


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, pd.NA, "", "  "])
def test_missing_values_print_a_dash(missing: object) -> None:
    for func in (fmt.rupiah, fmt.persen, fmt.angka, fmt.angka_ringkas, fmt.poin):
        assert func(missing) == "-"


def test_angka() -> None:
    assert fmt.angka(3_135_828_551) == "3.135.828.551"
    assert fmt.angka(97.456, 2) == "97,46"
    assert fmt.angka_ringkas(12.0) == "12"
    assert fmt.angka_ringkas(80.1) == "80,1"
    assert fmt.angka_ringkas(84.7349) == "84,73"


def test_poin_is_signed() -> None:
    assert fmt.poin(2.5) == "+2,50 poin"
    assert fmt.poin(-0.4) == "-0,40 poin"
    assert fmt.poin(0) == "0,00 poin"


@pytest.mark.parametrize(("q", "name"), [(1, "Triwulan I"), (2, "Triwulan II"), (4, "Triwulan IV")])
def test_nama_triwulan(q: int, name: str) -> None:
    assert fmt.nama_triwulan(q) == name
    assert fmt.sd_tw(q) == "s/d TW " + name.split()[1]


@pytest.mark.parametrize("bad", [0, 5, "x", None])
def test_quarter_out_of_range_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="triwulan"):
        fmt.romawi(bad)  # type: ignore[arg-type]


def test_tanggal_uses_indonesian_month_names() -> None:
    assert fmt.tanggal(dt.date(2025, 3, 31)) == "31 Maret 2025"
    assert fmt.tanggal(dt.datetime(2024, 12, 1, 8, 0)) == "1 Desember 2024"


def test_nama_tingkat() -> None:
    assert fmt.nama_tingkat("sub_kegiatan") == "Sub Kegiatan"
    assert fmt.nama_tingkat("lain") == "lain"


@given(st.integers(min_value=0, max_value=10**13))
def test_rupiah_round_trips_through_indonesian_grouping(value: int) -> None:
    text = fmt.rupiah(value)
    assert text.startswith("Rp ")
    assert int(text[3:].replace(".", "")) == value


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_persen_uses_decimal_comma(value: float) -> None:
    text = fmt.persen(value)
    assert text.endswith("%")
    number = float(text[:-1].replace(".", "").replace(",", "."))
    assert abs(number - value) <= 0.005 + 1e-9 * abs(value)
