"""CSV files -> one :class:`~analysis.ingest.formats.reading.SheetGrid` (see that module's doc).

Encodings: UTF-8 (with or without BOM); UTF-16 with a BOM, or without one when every
other byte of the start is NUL; otherwise Windows-1252 with an ``encoding_latin1``
finding. A UTF-8 file with a few bad bytes (a cell pasted from another program) is not
re-decoded as Windows-1252 - that would garble every correct accented letter - but kept
as UTF-8 with each bad byte shown as ``\ufffd`` and an ``encoding_rusak`` finding naming
the row and column.

Bounds (:class:`~analysis.ingest.formats.reading.Limits`): a row with more columns than
``max_columns`` refuses the file naming the row, before a grid that wide is allocated;
fields longer than Python's csv limit are read (layout recognition then names a cell
over :data:`~analysis.ingest.formats.reading.MAX_CELL_CHARS` with its row and column).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import Finding, IngestError, shorten
from analysis.ingest.formats.grid import (
    DEFAULT_LIMITS,
    Limits,
    ReadResult,
    SheetGrid,
    column_letter,
)

MAX_BAD_BYTE_FINDINGS = 20
"""Cells with bad UTF-8 bytes listed one by one; past this, one finding counts the rest."""

_NON_ASCII_OK = re.compile("[^\x00-\x7f\ufffd]")


def read_csv(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    result = ReadResult()
    data = path.read_bytes()
    decoded = decode(data, display, result)
    if decoded is None:
        return result
    text, raw, bad_utf8 = decoded
    if not text.strip():
        result.errors.append(IngestError("file kosong", file=display))
        return result
    sheet = Path(display).stem
    head = text[:200_000].splitlines()[:60]
    sep = sniff_separator(head)
    too_wide = _too_wide_row(raw, sep, limits.max_columns)
    if too_wide is not None:
        row, width = too_wide
        result.errors.append(
            IngestError(
                f"baris berisi {width:,} kolom, melebihi batas {limits.max_columns:,} kolom "
                "(batas_kolom di pengaturan); periksa pemisah kolomnya",
                file=display,
                sheet=sheet,
                row=row,
            )
        )
        return result
    cells = _parse(text, raw, sep, head)
    if bad_utf8:
        _bad_byte_findings(cells, display, sheet, result)
    rows = np.arange(1, len(cells) + 1)
    result.grids.append(SheetGrid(display, sheet, cells, rows))
    return result


def _parse(text: str, raw: bytes, sep: str, head: list[str]) -> pd.DataFrame:
    """The grid of ``text`` (``raw``: the same text as UTF-8 bytes, for the Arrow path)."""
    # a long cell in the first lines must not trip the csv module's field limit: the
    # width would fall to 1 and pandas would take the other columns as an index
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        widths = [len(r) for r in csv.reader(head, delimiter=sep)]
    except csv.Error:
        widths = [1]
    width = max(widths, default=1)
    uniform = len(set(widths)) == 1 and b"\n\n" not in raw and b"\n\r\n" not in raw
    fast = _read_csv_arrow(raw, sep, width) if uniform and len(raw) > 1_000_000 else None
    if fast is not None:
        return fast
    try:
        cells = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            names=range(width),
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        # ragged rows: the csv module, with its field limit raised to the file's size
        csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        width = max((len(r) for r in rows), default=1)
        cells = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype="str")
        cells.columns = range(width)
    return cells.reset_index(drop=True)


def _too_wide_row(raw: bytes, sep: str, max_columns: int) -> tuple[int, int] | None:
    """(row, columns) of the first line with more than ``max_columns`` fields, else None.

    Counted on the bytes with numpy (no Python loop over lines); a line whose raw count
    is past the limit is re-counted with the csv module, so a separator inside quotes
    does not count.
    """
    arr = np.frombuffer(raw, dtype=np.uint8)
    newlines = np.flatnonzero(arr == 10)
    bounds = np.concatenate(([-1], newlines, [len(arr)]))
    if int(np.diff(bounds).max(initial=0)) <= max_columns:
        return None  # a line shorter than the limit cannot hold that many separators
    seps = np.flatnonzero(arr == ord(sep))
    per_line = np.bincount(np.searchsorted(newlines, seps), minlength=len(newlines) + 1)
    for line in np.flatnonzero(per_line + 1 > max_columns):
        start, end = int(bounds[line]) + 1, int(bounds[line + 1])
        text = raw[start:end].decode("utf-8", errors="replace")
        csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
        try:
            width = max((len(r) for r in csv.reader([text], delimiter=sep)), default=0)
        except csv.Error:
            width = int(per_line[line]) + 1
        if width > max_columns:
            return int(line) + 1, width
    return None


def decode(data: bytes, display: str, result: ReadResult) -> tuple[str, bytes, bool] | None:
    """(text, the text as UTF-8 bytes, had bad UTF-8 bytes) or None with an error added."""
    utf16 = _utf16_codec(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            result.errors.append(
                IngestError(
                    f"file UTF-16 rusak (byte tidak sah di posisi {exc.start:,}); simpan ulang "
                    "sebagai 'CSV UTF-8'",
                    file=display,
                )
            )
            return None
        text = text.removeprefix("\ufeff")
        result.notes.append(f"{display}: dibaca sebagai UTF-16")
        return text, text.encode("utf-8"), False
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        result.errors.append(
            IngestError(
                f"file berisi byte NUL (byte ke-{nul + 1:,}): bukan CSV teks "
                "(file biner atau rusak?); hapus karakter itu atau simpan ulang tabelnya "
                "sebagai 'CSV UTF-8' atau .xlsx",
                file=display,
                row=line,
            )
        )
        return None
    try:
        text = data.decode("utf-8-sig")
        return text, data.removeprefix(codecs.BOM_UTF8), False
    except UnicodeDecodeError as exc:
        replaced = data.decode("utf-8-sig", errors="replace")
        if _NON_ASCII_OK.search(replaced):
            # correct multi-byte UTF-8 letters elsewhere: a UTF-8 file with bad bytes
            return replaced, replaced.encode("utf-8"), True
        text = (
            data.decode("cp1252", errors="replace") if _cp1252_ok(data) else data.decode("latin-1")
        )
        line = data[: exc.start].count(b"\n") + 1
        result.findings.append(
            Finding(
                pesan=(
                    f"file bukan UTF-8 (byte tidak sah di baris {line}); dibaca sebagai "
                    "Latin-1/Windows-1252 - simpan ulang sebagai 'CSV UTF-8' agar huruf "
                    "terbaca pasti"
                ),
                jenis="encoding_latin1",
                sumber=f"{display}:{Path(display).stem}:{line}",
                tingkat_keparahan="rendah",
            )
        )
        return text, text.encode("utf-8"), False


def _utf16_codec(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        if odd > even * 4:
            return "utf-16-le"
        if even > odd * 4:
            return "utf-16-be"
    return None


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _bad_byte_findings(cells: pd.DataFrame, display: str, sheet: str, result: ReadResult) -> None:
    """One ``encoding_rusak`` finding per cell holding a replaced bad byte."""
    hits: list[tuple[int, int, str]] = []
    for col in cells.columns:
        column = cells[col]
        mask = column.str.contains("\ufffd", regex=False).fillna(False).to_numpy(dtype=bool)
        hits.extend((int(r), int(col), column.iat[r]) for r in np.flatnonzero(mask))
    hits.sort()
    for r, c, value in hits[:MAX_BAD_BYTE_FINDINGS]:
        result.findings.append(
            Finding(
                pesan=(
                    "byte yang bukan UTF-8 di sel ini ditampilkan sebagai '\ufffd'; file lain "
                    "tetap dibaca sebagai UTF-8 - ketik ulang huruf itu dan simpan sebagai "
                    "'CSV UTF-8'"
                ),
                jenis="encoding_rusak",
                sumber=f"{display}:{sheet}:{r + 1}",
                kolom=column_letter(c),
                dilaporkan=shorten(value),
                tingkat_keparahan="sedang",
            )
        )
    if len(hits) > MAX_BAD_BYTE_FINDINGS:
        r, c, _ = hits[MAX_BAD_BYTE_FINDINGS]
        result.findings.append(
            Finding(
                pesan=(
                    f"{len(hits) - MAX_BAD_BYTE_FINDINGS} sel lain juga berisi byte yang bukan "
                    "UTF-8 (ditampilkan sebagai '\ufffd')"
                ),
                jenis="encoding_rusak",
                sumber=f"{display}:{sheet}:{r + 1}",
                kolom=column_letter(c),
                tingkat_keparahan="sedang",
            )
        )


def sniff_separator(lines: list[str]) -> str:
    """The separator that splits the first lines most consistently into several fields."""
    best, best_score = ";", -1.0
    sample = [ln for ln in lines if ln.strip()][:30]
    if not sample:
        return best
    for sep in (";", ",", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=sep)]
        except csv.Error:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        share = sum(c == widest for c in counts) / len(counts)
        score = widest * share + (0.5 if sep == ";" else 0)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv_arrow(data: bytes, sep: str, width: int) -> pd.DataFrame | None:
    """Multi-threaded Arrow reader for big machine-written CSVs (every row the same width).

    Returns ``None`` - and the pandas reader takes over - whenever the file is anything
    but plain: ragged rows, blank lines or decoding problems.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=b'"' in data),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    frame = table.to_pandas()
    frame.columns = range(width)
    for col in frame.columns:
        if frame[col].dtype != "str":
            frame[col] = frame[col].astype("str")
    return frame
