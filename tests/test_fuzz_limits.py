"""Fuzzing the readers' limit checks (issue 20): random dimensions, repeats, spans and
packed sizes thrown at ``.xls``, ``.ods`` and ``.docx`` files. Each file is either read
within the limits or refused with an error naming it and the setting it broke - never an
exception, never a grid past the limits, never unbounded memory."""

from __future__ import annotations

import resource
import struct
import zipfile
from datetime import timedelta
from pathlib import Path

import hostile_files as hostile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.ingest.formats import reading

LIMITS = reading.Limits(
    max_bytes=8_000_000,
    max_cells=20_000,
    max_columns=60,
    max_file_cells=30_000,
    max_unpacked=3_000_000,
    max_zip_ratio=50,
)
FUZZ = settings(
    max_examples=20,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _check(path: Path, must_refuse: bool) -> None:
    result = reading.read_file(path, path.name, LIMITS)  # never raises
    assert all(e.file == path.name for e in result.errors), result.errors
    for grid in result.grids:
        rows, cols = grid.cells.shape
        assert cols <= LIMITS.max_columns and rows * cols <= LIMITS.max_cells
    if must_refuse:
        assert result.errors and not result.grids
        assert any("batas_" in e.reason for e in result.errors), [str(e) for e in result.errors]


@pytest.fixture(scope="module")
def base_xls(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("xls") / "base.xls"
    hostile.xls(path, {"Data": [["tahun", "kecamatan", "kode"], [2024, "Wotu", "7.01"]]})
    return path.read_bytes()


@FUZZ
@given(
    rows=st.one_of(st.integers(0, 400), st.integers(0, 2**32 - 1)),
    cols=st.one_of(st.integers(0, 80), st.integers(0, 2**16 - 1)),
)
def test_xls_dimensions(base_xls: bytes, tmp_path: Path, rows: int, cols: int) -> None:
    data = bytearray(base_xls)
    at = data.find(b"\x00\x02\x0e\x00")
    struct.pack_into("<IIHH", data, at + 4, 0, rows, 0, cols)
    path = tmp_path / "dims.xls"
    path.write_bytes(bytes(data))
    r, c = max(rows, 2), max(cols, 3)
    before = _peak_mb()
    _check(path, c > LIMITS.max_columns or r * c > LIMITS.max_cells)
    assert _peak_mb() - before < 300


@FUZZ
@given(
    rows_repeated=st.one_of(st.integers(1, 300), st.integers(1, 2**31)),
    cols_repeated=st.one_of(st.integers(1, 70), st.integers(1, 2**31)),
    filled=st.booleans(),
    span=st.one_of(st.just(1), st.integers(1, 2**31)),
)
def test_ods_repeats_and_spans(
    tmp_path: Path, rows_repeated: int, cols_repeated: int, filled: bool, span: int
) -> None:
    head = (
        '<table:table-row><table:table-cell office:value-type="string" '
        f'table:number-columns-spanned="{span}"><text:p>tahun</text:p></table:table-cell>'
        "</table:table-row>"
    )
    cell = (
        f'<table:table-cell office:value-type="float" office:value="1" '
        f'table:number-columns-repeated="{cols_repeated}"><text:p>1</text:p></table:table-cell>'
        if filled
        else f'<table:table-cell table:number-columns-repeated="{cols_repeated}"/>'
    )
    body = (
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">'
        f'<table:table-cell office:value-type="string"><text:p>Wotu</text:p></table:table-cell>'
        f"{cell}</table:table-row>"
    )
    path = hostile.ods(tmp_path / "rep.ods", head + body)
    cols = 1 + cols_repeated if filled else 1
    rows = 1 + rows_repeated
    too_big = (
        cols > LIMITS.max_columns
        or rows * cols > LIMITS.max_cells
        or span > LIMITS.max_columns
        or (span > 1 and span > LIMITS.max_cells)
    )
    before = _peak_mb()
    _check(path, too_big)
    assert _peak_mb() - before < 300


@FUZZ
@given(span=st.one_of(st.integers(1, 80), st.integers(1, 2**31)), rows=st.integers(1, 12))
def test_docx_grid_span(tmp_path: Path, span: int, rows: int) -> None:
    path = hostile.docx(tmp_path / "span.docx", [["Kode", "Uraian"]] * rows)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:tc><w:tcPr>", b'<w:tc><w:tcPr><w:gridSpan w:val="' + str(span).encode() + b'"/>', 1
    )
    path.write_bytes(hostile.zipped(parts))
    width = max(span + 1, 2)
    before = _peak_mb()
    _check(path, width > LIMITS.max_columns or rows * width > LIMITS.max_cells)
    assert _peak_mb() - before < 300


@FUZZ
@given(padding=st.integers(0, 6_000_000), lie=st.one_of(st.none(), st.integers(0, 10_000)))
def test_docx_packed_sizes(tmp_path: Path, padding: int, lie: int | None) -> None:
    path = hostile.docx(tmp_path / "bomb.docx", [["Kode", "Uraian"], ["7.01", "Program"]])
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    head, _, tail = parts["word/document.xml"].partition(b"<w:body>")
    parts["word/document.xml"] = head + b"<w:body>" + b" " * padding + tail
    path.write_bytes(hostile.zipped(parts))
    if lie is not None:
        hostile.zip_lying_about_size(path, "word/document.xml", lie)
    before = _peak_mb()
    result = reading.read_file(path, path.name, LIMITS)
    assert all(e.file == path.name for e in result.errors)
    if padding > LIMITS.max_unpacked and lie is None:
        assert not result.grids and any("batas_" in e.reason for e in result.errors)
    if lie is not None and lie != len(parts["word/document.xml"]):
        assert not result.grids and result.errors  # a part unlike its declared size: CRC
    assert _peak_mb() - before < 300
