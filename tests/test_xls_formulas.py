"""An .xls whose formulas were never calculated is an error per formula cell, not empty
cells (issue 20, item 2: unreadable formulas are errors in every format); a calculated
one is read, its empty-text results included."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from ingest_helpers import run

HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target TW I", "Realisasi TW I"]


def _xls(path: Path, formulas: list[str]) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Kinerja")
    for c, name in enumerate(HEADER):
        sheet.write(0, c, name)
    for r, formula in enumerate(formulas, start=1):
        row = [f"7.01.01.2.07.0{r}", f"Penanganan Pengaduan {r}", f"Jumlah kasus {r}", "Kasus", 4]
        for c, value in enumerate(row):
            sheet.write(r, c, value)
        sheet.write(r, 5, xlwt.Formula(formula))  # xlwt stores no result: never calculated
    book.save(str(path))


def _calculate(path: Path, values: list[float | None]) -> None:
    """Store results in the FORMULA records as Excel does (None: an empty-text result)."""
    data = bytearray(path.read_bytes())
    records = [
        m.start() for m in re.finditer(rb"\x06\x00.\x00.\x00\x05\x00", bytes(data), re.DOTALL)
    ]
    assert len(records) == len(values)
    for at, value in zip(records, values, strict=True):
        if value is not None:
            data[at + 10 : at + 18] = struct.pack("<d", value)
    path.write_bytes(bytes(data))


def test_formulas_never_calculated_are_errors_naming_their_cells(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _xls(raw / "towuti_2024_ra.xls", ["E2*1", "E3-1"])
    messages = sorted(str(e) for e in run(raw).errors.errors)
    assert len(messages) == 2, messages
    for line, message in zip((2, 3), messages, strict=True):
        for part in ("towuti_2024_ra.xls", "'Kinerja'", f"baris {line}", "'F'", "nilai tersimpan"):
            assert part in message, message


def test_calculated_formulas_are_read_with_their_results(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    path = raw / "towuti_2024_ra.xls"
    _xls(path, ["E2*1", 'IF(E3>9;"";E3)'])
    _calculate(path, [4.0, None])  # the second formula's result is a real empty text
    result = run(raw)
    assert not result.errors, str(result.errors)
    got = result.kinerja_wide.set_index("kode")["realisasi_tw1"]
    assert got["7.01.01.2.07.01"] == 4
