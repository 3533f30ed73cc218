"""Tiny files that declare enormous structures, built byte by byte for the limit tests.

Each builder writes a file a few KB in size whose readers, unguarded, would allocate
gigabytes or abort the process: an ``.xls`` with a bad DIMENSIONS record, an ``.ods``
repeating a filled row a billion times, an ``.xls`` with many wide sheets, a ``.docx``
with a huge ``gridSpan``, a ``.docx`` zip bomb.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import xlwt

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def xls(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A plain ``.xls`` (BIFF8) with ``sheets`` of rows, written by xlwt."""
    book = xlwt.Workbook()
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    book.save(str(path))
    return path


def xls_bad_dimensions(path: Path, rows: int = 0xFFFFFFF0, cols: int = 200) -> Path:
    """A 5.5 KB ``.xls`` whose DIMENSIONS record declares ``rows`` x ``cols``."""
    xls(path, {"Data": [["tahun", "kecamatan", "kode"], [2024, "Wotu", "7.01"]]})
    data = bytearray(path.read_bytes())
    at = data.find(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes
    assert at > 0
    struct.pack_into("<IIHH", data, at + 4, 0, rows, 0, cols)
    path.write_bytes(bytes(data))
    return path


def xls_wide_sheets(
    path: Path, sheets: int = 6, last_row: int = 65535, last_col: int = 255
) -> Path:
    """An ``.xls`` of ``sheets`` sheets, each with one cell at ``(last_row, last_col)``."""
    book = xlwt.Workbook()
    for k in range(sheets):
        ws = book.add_sheet(f"S{k + 1}")
        ws.write(0, 0, "x")
        ws.write(last_row, last_col, 1)
    book.save(str(path))
    return path


def ods(path: Path, table_xml: str, name: str = "Sheet1") -> Path:
    """An ``.ods`` whose only table holds ``table_xml`` (rows in ODF table XML)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_ODS_NS} office:version="1.2">'
        "<office:body><office:spreadsheet>"
        f'<table:table table:name="{name}">{table_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def ods_row(values: list[object], rows_repeated: int = 1, cols_repeated: int = 1) -> str:
    """One ODF table row; each value a filled cell, the last repeated ``cols_repeated``."""
    cells = []
    for i, v in enumerate(values):
        rep = f' table:number-columns-repeated="{cols_repeated}"' if i == len(values) - 1 else ""
        if isinstance(v, (int, float)):
            cells.append(
                f'<table:table-cell office:value-type="float" office:value="{v}"{rep}>'
                f"<text:p>{v}</text:p></table:table-cell>"
            )
        else:
            cells.append(
                f'<table:table-cell office:value-type="string"{rep}><text:p>{v}</text:p>'
                "</table:table-cell>"
            )
    rep = f' table:number-rows-repeated="{rows_repeated}"' if rows_repeated > 1 else ""
    return f"<table:table-row{rep}>{''.join(cells)}</table:table-row>"


def ods_huge_rows(path: Path, rows: int = 1_000_000_000) -> Path:
    """A ~1 KB ``.ods`` whose one filled row is repeated ``rows`` times."""
    return ods(path, ods_row(["tahun", "kecamatan"]) + ods_row([2024, "Wotu"], rows))


def docx(path: Path, rows: list[list[str]], title: str = "", paragraphs: tuple[str, ...] = ()):
    """A ``.docx`` with ``paragraphs``, ``title`` and one table of ``rows``."""
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def _rewrite_part(path: Path, name: str, change) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)


def docx_huge_gridspan(path: Path, span: int = 100_000_000) -> Path:
    """A small ``.docx`` whose first table cell spans ``span`` grid columns."""
    docx(path, [["Kode", "Uraian"], ["7.01", "Program"]])
    w = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    assert w
    _rewrite_part(
        path,
        "word/document.xml",
        lambda xml: xml.replace(
            b"<w:tc><w:tcPr>",
            b'<w:tc><w:tcPr><w:gridSpan w:val="' + str(span).encode() + b'"/>',
            1,
        ),
    )
    return path


def docx_zip_bomb(path: Path, unpacked: int = 300_000_000) -> Path:
    """A ``.docx`` whose document.xml unpacks to ``unpacked`` bytes (whitespace padding)."""
    docx(path, [["Kode", "Uraian"], ["7.01", "Program"]])
    pad = b" " * unpacked

    def bloat(xml: bytes) -> bytes:
        head, _, tail = xml.partition(b"<w:body>")
        return head + b"<w:body>" + pad + tail

    _rewrite_part(path, "word/document.xml", bloat)
    return path


def zip_lying_about_size(path: Path, part: str, declared: int) -> Path:
    """Rewrite ``path`` so the central directory declares ``part`` as ``declared`` bytes."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        assert at >= 0, part
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + n]) == name:
            struct.pack_into("<I", data, at + 24, declared)
            break
        at += 4
    path.write_bytes(bytes(data))
    return path


def zipped(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()
