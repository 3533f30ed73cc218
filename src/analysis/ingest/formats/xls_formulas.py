"""Formulas of an ``.xls`` never calculated, named as errors.

Excel stores each formula's last result in its FORMULA record (BIFF8 ``0x0006``); a
program that writes formulas without calculating them (a script, an export) stores an
"empty text" result there, and calamine gives an empty cell: a figure would vanish in
silence. A legitimate formula can also give empty text (``=IF(A1=0;"";...)``), so the
reader calls a file never calculated only when *every* formula in it holds an empty-text
result; each is then an error naming sheet, row, column, as for ``.xlsx``.

The records are found by scanning the file's bytes (as
:func:`analysis.ingest.formats.reading._xls_has_percent_cells` does): worksheets start with a
BOF record (``0x0809``, type ``0x0010``) in the order of their BOUNDSHEET records
(``0x0085``), which carry the names.
"""

from __future__ import annotations

import re
import struct

from analysis.errors import IngestError
from analysis.ingest.formats.ods_formulas import MAX_REPORTED, _letter

_BOF_SHEET = re.compile(rb"\x09\x08\x10\x00\x00\x06\x10\x00")
_BOUNDSHEET = re.compile(rb"\x85\x00")
_FORMULA = re.compile(rb"\x06\x00")
_EMPTY_TEXT = 3


def _sheet_names(data: bytes, first_sheet: int) -> list[str]:
    names = []
    for m in _BOUNDSHEET.finditer(data, 0, first_sheet):
        i = m.start()
        if i + 12 > len(data):
            continue
        (length,) = struct.unpack_from("<H", data, i + 2)
        body = data[i + 4 : i + 4 + length]
        if length < 8 or len(body) < 8 or body[5] != 0:  # a worksheet (not a chart, macro)
            continue
        cch, flags = body[6], body[7]
        raw = body[8 : 8 + cch * (2 if flags & 1 else 1)]
        if length != 8 + len(raw):
            continue
        names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace"))
    return names


def uncached_formulas(data: bytes, display: str) -> list[IngestError]:
    """Errors for the formulas of a never-calculated ``.xls`` (see the module)."""
    starts = [m.start() for m in _BOF_SHEET.finditer(data)]
    if not starts or b"\x06\x00" not in data[starts[0] :]:
        return []
    names = _sheet_names(data, starts[0])
    cells: list[tuple[int, int, int]] = []  # (sheet index, row, column)
    for m in _FORMULA.finditer(data, starts[0]):
        i = m.start()
        if i + 4 + 22 > len(data):
            continue
        length, row, col = struct.unpack_from("<HHH", data, i + 2)
        (cce,) = struct.unpack_from("<H", data, i + 4 + 20)
        if not (22 + cce <= length <= 22 + cce + 255) or col > 255 or cce == 0:
            continue
        result = data[i + 4 + 6 : i + 4 + 14]
        if result[6:8] != b"\xff\xff" or result[0] != _EMPTY_TEXT:
            return []  # a calculated result: the file was calculated, "" results are real
        sheet = sum(1 for s in starts if s < i) - 1
        cells.append((sheet, row, col))
    out = []
    for sheet, row, col in cells[:MAX_REPORTED]:
        out.append(
            IngestError(
                "rumus tanpa nilai tersimpan (file belum pernah dihitung di Excel); buka dan "
                "simpan di Excel, atau ketik nilainya",
                file=display,
                sheet=names[sheet] if 0 <= sheet < len(names) else f"sheet {sheet + 1}",
                row=row + 1,
                column=_letter(col),
            )
        )
    if len(cells) > MAX_REPORTED:
        out.append(
            IngestError(
                f"{len(cells) - MAX_REPORTED:,} rumus lain tanpa nilai tersimpan di file ini",
                file=display,
            )
        )
    return out
