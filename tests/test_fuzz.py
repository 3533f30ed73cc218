"""Fuzzing the parts that meet hand-typed input: any input either parses or ends in the
package's documented error (an ``error`` reason on the cell, an ``IngestError`` naming the
file), never in anything else."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.errors import IngestError
from analysis.ingest.formats.cells import parse_numbers, split_quarter_cell, split_value_unit
from analysis.ingest.pipeline import ingest
from analysis.ingest.tables.headers import (
    HeaderMatch,
    classify_header,
    is_numbered_row,
    normalise_header,
)
from analysis.schema import KINERJA_WIDE

# Cells as offices type them: digits, separators, units, quarter labels, dashes, noise.
_ALPHABET = st.sampled_from([*list("0123456789.,;:-–%/\\ RpTWtwIVXLaeiou\t\n'\"=<>&()"), "\xa0"])
office_text = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=30),
    st.text(max_size=40),  # any unicode at all
    st.builds(lambda n, u: f"{n} {u}", st.integers(-(10**12), 10**12), st.text(max_size=8)),
    st.builds(lambda q, n: f"TW {q} : {n}", st.integers(-2, 9), st.floats(allow_nan=False)),
)
cell = st.one_of(
    office_text,
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(cell, min_size=1, max_size=20))
def test_parse_numbers_reads_or_explains_every_cell(cells: list[object]) -> None:
    raw = pd.Series(cells, dtype=object)
    out = parse_numbers(raw)
    assert list(out.index) == list(raw.index)
    for value, error in zip(out["value"], out["error"], strict=True):
        if isinstance(error, str):
            assert error, "an error must carry its reason"
            assert math.isnan(value), "an unread cell has no value"
        else:
            assert value is None or isinstance(value, float)


@settings(max_examples=200, deadline=None)
@given(st.lists(office_text, min_size=1, max_size=10))
def test_value_unit_and_quarter_splitters_never_raise(texts: list[str]) -> None:
    out = split_value_unit(pd.Series(texts, dtype=object))
    assert len(out) == len(texts)
    for text in texts:
        for quarter, part in split_quarter_cell(text):
            assert quarter is None or isinstance(quarter, int)
            assert isinstance(part, str)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.none(), st.integers(), st.floats()))
def test_header_matcher_maps_any_text_to_a_field_or_none(text: object) -> None:
    match = classify_header(text)
    assert isinstance(match, HeaderMatch)
    assert match.field is None or isinstance(match.field, str)
    assert isinstance(normalise_header(text), str)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), st.integers(0, 30), st.none()), max_size=15))
def test_numbered_row_detector_answers_yes_or_no(cells: list[object]) -> None:
    assert is_numbered_row(cells) in (True, False)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.lists(
        st.sampled_from(
            [
                "tahun",
                "kecamatan",
                "kode",
                "uraian",
                "indikator",
                "satuan",
                "TARGET TW I",
                "Realisasi Triwulan 1",
                "pagu",
                "KET",
                "capaian_tw1",
                "xyz",
                "",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
    rows=st.lists(st.lists(office_text, min_size=0, max_size=9), max_size=6),
)
def test_ingest_of_any_csv_ends_in_tables_or_named_errors(
    tmp_path_factory, header: list[str], rows: list[list[str]]
) -> None:
    raw = tmp_path_factory.mktemp("fuzz")
    text = (
        ";".join(header)
        + "\n"
        + "\n".join(";".join(c.replace(";", ",").replace("\n", " ") for c in r) for r in rows)
    )
    (raw / "wotu_2024_fuzz.csv").write_text(text, encoding="utf-8")
    result = ingest(raw, reference_dir=Path(__file__).resolve().parents[1] / "data" / "reference")
    for error in result.errors:
        assert isinstance(error, IngestError)
        assert error.file in (None, "wotu_2024_fuzz.csv")
        assert str(error)
    assert list(result.kinerja_wide.columns) == KINERJA_WIDE
