"""Formulas of an ``.ods`` that carry no stored result, named as errors.

LibreOffice stores each formula's last result beside it (``office:value``,
``office:string-value``, ... or the cell's text); calamine reads that result. A file
written by a program that does not calculate (a script, an export) stores the formula
alone, and calamine then gives an empty cell: a figure would vanish without a word. Such
a cell is an error naming sheet, row, column and formula, as for ``.xlsx``.
"""

from __future__ import annotations

import io

from analysis.errors import IngestError

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_RESULTS = tuple(
    f"{{{_OFFICE}}}{a}"
    for a in ("value", "string-value", "boolean-value", "date-value", "time-value")
)
MAX_REPORTED = 50
"""Errors named per file; the rest are counted in one more."""


def uncached_formulas(xml: bytes, display: str) -> list[IngestError]:
    """Errors for the formula cells of ``content.xml`` with no stored result."""
    if b"table:formula=" not in xml:
        return []
    from lxml import etree  # a dependency of python-docx and openpyxl

    found: list[IngestError] = []
    extra = 0
    sheet, row = "", 0
    cell = f"{{{_TABLE}}}table-cell"
    covered = f"{{{_TABLE}}}covered-table-cell"
    col = 0
    for event, el in etree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == f"{{{_TABLE}}}table":
                sheet, row = el.get(f"{{{_TABLE}}}name", ""), 0
            elif tag == f"{{{_TABLE}}}table-row":
                col = 0
            continue
        if tag in (cell, covered):
            formula = el.get(f"{{{_TABLE}}}formula")
            if formula and not any(el.get(a) is not None for a in _RESULTS):
                text = "".join(el.itertext()).strip()
                if not text:
                    if len(found) < MAX_REPORTED:
                        found.append(
                            IngestError(
                                "rumus tanpa nilai tersimpan (file belum pernah dihitung); "
                                "buka dan simpan di LibreOffice/Excel, atau ketik nilainya",
                                file=display,
                                sheet=sheet,
                                row=row + 1,
                                column=_letter(col),
                                value=formula.removeprefix("of:"),
                            )
                        )
                    else:
                        extra += 1
            col += int(el.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            el.clear()
        elif tag == f"{{{_TABLE}}}table-row":
            row += int(el.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
            el.clear()
    if extra:
        found.append(
            IngestError(f"{extra:,} rumus lain tanpa nilai tersimpan di file ini", file=display)
        )
    return found


def _letter(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out
