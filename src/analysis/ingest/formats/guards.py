"""Bounds on a raw file's structure, checked before any reader allocates what it declares.

A spreadsheet or Word file states its own size: a sheet's extent (an ``.xls``
DIMENSIONS record, the rows and columns an ``.ods`` repeats), a Word cell's ``gridSpan``,
the unpacked size of each part of the zip inside an ``.xlsx``/``.ods``/``.docx``. The
readers' libraries believe it and allocate accordingly: a 5.5 KB ``.xls`` with a bad
DIMENSIONS record makes calamine ask for a terabyte and abort the whole process, a
1 KB ``.ods`` repeating one row a billion times takes gigabytes. :func:`check` reads
only the structure - the zip's directory, the BIFF records of an ``.xls``, the XML of
an ``.ods``/``.docx`` streamed element by element - and refuses a file past
:class:`~analysis.ingest.formats.reading.Limits` with an error naming the file, the sheet or
table, what it declares and the setting it broke (``batas_*``).

What a check cannot foresee is contained: an ``.xls``/``.ods`` is handed to calamine in
a child process (:func:`run_isolated`), so a library abort costs that file only and the
error names it. :func:`grid_cells` counts what a reader did produce, for the limits per
file and per run.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.errors import IngestError

if TYPE_CHECKING:
    from analysis.ingest.formats.grid import Limits, ReadResult

ZIP_KINDS = frozenset({".xlsx", ".xlsm", ".ods", ".docx"})
ISOLATED = frozenset({".xls", ".ods"})
"""Read by calamine in a child process: its parsers of these formats can abort."""
_ISOLATE_ALL: list[bool] = [False]


@contextlib.contextmanager
def isolating_everything() -> Iterator[None]:
    """Every file read in a child process while inside (after a pool worker died on a
    file no check foresaw: the retry must not take this process down with it)."""
    _ISOLATE_ALL[0] = True
    try:
        yield
    finally:
        _ISOLATE_ALL[0] = False


def isolated(suffix: str) -> bool:
    """Whether a file of ``suffix`` is read in a child process now."""
    return suffix in ISOLATED or _ISOLATE_ALL[0]


RATIO_FROM = 1 << 20
"""A part's packing ratio counts from this unpacked size on (small parts pack tightly)."""
_BLOCK = 1 << 20


class Refused(Exception):
    """A file past a limit; ``error`` names it and the limit."""

    def __init__(self, error: IngestError) -> None:
        super().__init__(error.reason)
        self.error = error


def _refuse(display: str, reason: str, sheet: str | None = None) -> Refused:
    return Refused(IngestError(reason, file=display, sheet=sheet))


def _extent_reason(what: str, rows: int, cols: int, limits: Limits) -> str | None:
    """Why a sheet/table of ``rows`` x ``cols`` is refused, or None."""
    if cols > limits.max_columns:
        return (
            f"{what} menyatakan {cols:,} kolom, melebihi batas {limits.max_columns:,} kolom "
            "(batas_kolom di pengaturan)"
        )
    if rows * cols > limits.max_cells:
        return (
            f"{what} menyatakan {rows:,} baris x {cols:,} kolom = {rows * cols:,} sel, melebihi "
            f"batas {limits.max_cells:,} sel per sheet (batas_sel_sheet di pengaturan)"
        )
    return None


def _file_cells_reason(cells: int, limits: Limits) -> str | None:
    if cells > limits.max_file_cells:
        return (
            f"sheet/tabel file ini bersama menyatakan {cells:,} sel, melebihi batas "
            f"{limits.max_file_cells:,} sel per file (batas_sel_file di pengaturan)"
        )
    return None


def check(path: Path, display: str, limits: Limits) -> int:
    """Cells ``path`` declares; raises :class:`Refused` when it is past ``limits``.

    CSV files are bounded by their reader (bytes, columns per row) and return 0 here.
    """
    suffix = path.suffix.lower()
    if suffix in ZIP_KINDS:
        try:
            with zipfile.ZipFile(path) as zf:
                check_zip(zf, display, limits)
                if suffix == ".ods":
                    return check_ods(zf, display, limits)
                if suffix == ".docx":
                    return check_docx(zf, display, limits)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, SyntaxError):
            return 0  # the reader words a damaged file; an unreadable zip is not a limit
        return 0
    if suffix == ".xls":
        return check_xls(path.read_bytes(), display, limits)
    return 0


# --- zip containers (.xlsx, .ods, .docx) ------------------------------------------------


def check_zip(zf: zipfile.ZipFile, display: str, limits: Limits) -> None:
    """Declared and actual unpacked sizes, packing ratio and overlap of every part."""
    infos = zf.infolist()
    size = os.fstat(zf.fp.fileno()).st_size if zf.fp is not None else 0
    packed = sum(i.compress_size for i in infos)
    if size and packed > size:
        raise _refuse(
            display,
            f"bagian-bagian zip bersama {packed:,} byte terkemas, lebih dari ukuran file "
            f"{size:,} byte (bagian yang saling tumpang: bom zip); file ditolak",
        )
    total = 0
    for info in infos:
        if info.file_size > limits.max_bytes:
            raise _refuse(
                display,
                f"bagian {info.filename!r} berukuran {info.file_size:,} byte setelah dibuka, "
                f"melebihi batas {limits.max_bytes:,} byte (batas_byte_file di pengaturan)",
            )
        total += info.file_size
        if total > limits.max_unpacked:
            raise _refuse(
                display,
                f"isi zip berukuran lebih dari {total:,} byte setelah dibuka, melebihi batas "
                f"{limits.max_unpacked:,} byte (batas_byte_terbuka di pengaturan)",
            )
        if info.file_size >= RATIO_FROM and info.file_size > limits.max_zip_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _refuse(
                display,
                f"bagian {info.filename!r} terkemas {ratio:,} kali ({info.compress_size:,} -> "
                f"{info.file_size:,} byte), melebihi batas {limits.max_zip_ratio:,} kali "
                "(batas_rasio_zip di pengaturan; bom zip)",
            )
    for info in infos:
        # the declared size is what Python's zip reader stops at; a part that unpacks to
        # more (or to other bytes) fails its CRC here, one that unpacks to less is
        # counted short: either way before any parser sees it
        actual = 0
        try:
            with zf.open(info) as part:
                while block := part.read(_BLOCK):
                    actual += len(block)
        except zipfile.BadZipFile as exc:
            if "CRC" not in str(exc):
                raise
            actual = -1
        if actual != info.file_size:
            raise _refuse(
                display,
                f"bagian {info.filename!r} tidak terbuka menjadi {info.file_size:,} byte yang "
                "dinyatakan zip-nya (CRC/ukuran tidak cocok: file rusak atau dimanipulasi); "
                "simpan ulang file dari aplikasinya",
            )


def _local(tag: object) -> str:
    """Local name of an element (``{ns}table`` or, namespace undeclared, ``table:table``)."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def _iterparse(zf: zipfile.ZipFile, name: str):
    from lxml import etree

    handle = zf.open(name)
    return handle, etree.iterparse(
        handle,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
        recover=True,  # as lenient as the readers: what they read, the check measures
    )


def _int_attr(element, suffix: str, default: int = 1) -> int:
    for key, value in element.attrib.items():
        if key.endswith(suffix):
            try:
                return max(int(value), 0)
            except ValueError:
                return default
    return default


@dataclass
class _OdsTable:
    name: str
    row: int = 0  # rows before the current one
    rows: int = 0  # extent: rows up to the last row holding something
    cols: int = 0
    col: int = 0  # columns before the current cell in the current row
    row_last: int = 0  # columns up to the last filled cell of the current row


def check_ods(zf: zipfile.ZipFile, display: str, limits: Limits) -> int:
    """Extent of every table of an ``.ods`` as calamine would expand it, from the XML."""
    handle, events = _iterparse(zf, "content.xml")
    tables: list[_OdsTable] = []
    total = 0
    with handle:
        for event, element in events:
            tag = _local(element.tag)
            if event == "start":
                if tag == "table":
                    name = next((v for k, v in element.attrib.items() if k.endswith("}name")), "?")
                    tables.append(_OdsTable(name))
                elif tag == "table-row" and tables:
                    tables[-1].col = tables[-1].row_last = 0
                continue
            if not tables:
                continue
            t = tables[-1]
            if tag in {"table-cell", "covered-table-cell"}:
                repeat = _int_attr(element, "number-columns-repeated")
                filled = any(k.endswith("value-type") for k in element.attrib) or any(
                    s.strip() for s in element.itertext()
                )
                span_c = _int_attr(element, "number-columns-spanned")
                span_r = _int_attr(element, "number-rows-spanned")
                if filled:
                    t.row_last = t.col + repeat
                if span_c > 1 or span_r > 1:
                    reason = _extent_reason(
                        f"sel gabungan di baris {t.row + 1:,}", span_r, span_c, limits
                    )
                    if reason:
                        raise _refuse(display, reason, t.name)
                t.col += repeat
                element.clear()
            elif tag == "table-row":
                repeat = _int_attr(element, "number-rows-repeated")
                if t.row_last:
                    t.rows = t.row + repeat
                    t.cols = max(t.cols, t.row_last)
                    reason = _extent_reason("sheet .ods", t.rows, t.cols, limits)
                    if reason:
                        raise _refuse(display, reason, t.name)
                t.row += repeat
                element.clear()
            elif tag == "table":
                tables.pop()
                total += t.rows * t.cols
                reason = _file_cells_reason(total, limits)
                if reason:
                    raise _refuse(display, reason)
                element.clear()
    return total


def check_docx(zf: zipfile.ZipFile, display: str, limits: Limits) -> int:
    """Rows x grid columns (``gridSpan`` summed) of every table of a ``.docx``."""
    try:
        zf.getinfo("word/document.xml")
    except KeyError:
        return 0  # the reader names a file without a document
    handle, events = _iterparse(zf, "word/document.xml")
    # per open table: [rows, widest row, width of the current row, number]
    tables: list[list[int]] = []
    spans: list[int] = []  # span of each open cell
    number = 0
    total = 0
    with handle:
        for event, element in events:
            tag = _local(element.tag)
            if event == "start":
                if tag == "tbl":
                    number += 1
                    tables.append([0, 0, 0, number])
                elif tag == "tr" and tables:
                    tables[-1][2] = 0
                elif tag == "tc":
                    spans.append(1)
                continue
            if tag == "gridSpan" and spans:
                spans[-1] = _int_attr(element, "}val")
                if spans[-1] > limits.max_columns:
                    raise _refuse(
                        display,
                        f"sel tabel {tables[-1][3] if tables else '?'} membentang "
                        f"{spans[-1]:,} kolom (gridSpan), melebihi batas "
                        f"{limits.max_columns:,} kolom (batas_kolom di pengaturan)",
                    )
            elif tag == "tc" and spans:
                span = spans.pop()
                if tables:
                    tables[-1][2] += span
            elif tag == "tr" and tables:
                t = tables[-1]
                t[0] += 1
                t[1] = max(t[1], t[2])
                reason = _extent_reason(f"tabel {t[3]}", t[0], t[1], limits)
                if reason:
                    raise _refuse(display, reason)
                element.clear()
            elif tag == "tbl" and tables:
                rows, width, _, _ = tables.pop()
                total += rows * width
                reason = _file_cells_reason(total, limits)
                if reason:
                    raise _refuse(display, reason)
            elif tag == "p" and not spans:
                element.clear()
    return total


# --- .xls (BIFF8 inside an OLE2 compound file) ------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_CELL_RECORDS = frozenset({0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: row, first col ... last col


class _Malformed(Exception):
    pass


def _chain(start: int, fat: list[int], limit: int) -> list[int]:
    out = []
    sector = start
    while sector != _END:
        if sector >= len(fat) or len(out) >= limit:
            raise _Malformed("rantai sektor rusak")
        out.append(sector)
        sector = fat[sector]
    return out


def _workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` (or BIFF5 ``Book``) stream of an OLE2 compound file."""
    if len(data) < 512 or data[:8] != _OLE_MAGIC:
        raise _Malformed("bukan file OLE2")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
        raise _Malformed("ukuran sektor tidak sah")
    ss = 1 << shift
    n_sectors = max(-(-len(data) // ss) - 1, 1)
    (first_dir,) = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat, _, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sector(i: int) -> bytes:
        off = (i + 1) * ss
        if off >= len(data):
            raise _Malformed("sektor di luar file")
        return data[off : off + ss]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END - 1]
    d = first_difat
    for _ in range(min(n_difat, n_sectors)):
        if d >= _END - 1:
            break
        entries = struct.unpack(f"<{ss // 4}I", sector(d))
        fat_sectors.extend(s for s in entries[:-1] if s < _END - 1)
        d = entries[-1]
    if len(fat_sectors) > n_sectors:
        raise _Malformed("tabel FAT lebih besar dari file")
    fat: list[int] = []
    for s in fat_sectors:
        fat.extend(struct.unpack(f"<{ss // 4}I", sector(s)))
    directory = b"".join(sector(s) for s in _chain(first_dir, fat, n_sectors))
    root_start = root_size = None
    for off in range(0, len(directory) - 127, 128):
        entry = directory[off : off + 128]
        length, kind = struct.unpack_from("<HB", entry, 64)
        name = entry[: max(min(length, 64) - 2, 0)].decode("utf-16-le", errors="replace")
        start, size = struct.unpack_from("<IQ", entry, 116)
        if kind == 5:
            root_start, root_size = start, size
        if kind == 2 and name in {"Workbook", "Book"}:
            if size > len(data) * 2:
                raise _Malformed("ukuran stream Workbook lebih besar dari file")
            if size >= cutoff:
                body = b"".join(sector(s) for s in _chain(start, fat, n_sectors))
                return body[:size]
            if root_start is None:
                raise _Malformed("stream mini tanpa entri root")
            mini = b"".join(sector(s) for s in _chain(root_start, fat, n_sectors))
            mini = mini[:root_size]
            minifat_raw = b"".join(sector(s) for s in _chain(first_minifat, fat, n_sectors))
            minifat = list(struct.unpack(f"<{len(minifat_raw) // 4}I", minifat_raw))
            ms = 1 << mini_shift
            body = b"".join(
                mini[s * ms : (s + 1) * ms] for s in _chain(start, minifat, len(minifat))
            )
            return body[:size]
    raise _Malformed("stream Workbook tidak ditemukan")


def check_xls(data: bytes, display: str, limits: Limits) -> int:
    """Extent of every sheet of an ``.xls`` from its BIFF records, before calamine reads it.

    The extent is the largest of what the sheet's DIMENSIONS record declares, the rows
    and columns its cell and ROW records name, and its merged ranges reach.
    """
    try:
        stream = _workbook_stream(data)
    except (_Malformed, struct.error):
        return 0  # not a compound file we can walk: calamine (isolated) names the damage
    names: list[str] = []
    sheets: list[tuple[int, int]] = []
    rows = cols = 0
    in_sheet = False
    pos = 0
    total = 0
    n = len(stream)
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        pos += 4 + length
        if rtype == 0x0085 and len(body) >= 8:  # BOUNDSHEET: its name
            cch, flags = body[6], body[7] if len(body) > 7 else 0
            raw = body[8 : 8 + (cch * 2 if flags & 1 else cch)]
            names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace"))
        elif rtype == 0x0809 and len(body) >= 4:  # BOF
            kind = struct.unpack_from("<H", body, 2)[0]
            in_sheet = kind != 0x0005
            rows = cols = 0
        elif not in_sheet:
            continue
        elif rtype == 0x0200:  # DIMENSIONS
            if len(body) >= 14:
                _, last_row, _, last_col = struct.unpack_from("<IIHH", body, 0)
            elif len(body) >= 10:
                _, last_row, _, last_col = struct.unpack_from("<HHHH", body, 0)
            else:
                continue
            rows, cols = max(rows, last_row), max(cols, last_col)
        elif rtype in _CELL_RECORDS and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body, 0)
            rows, cols = max(rows, r + 1), max(cols, c + 1)
        elif rtype in _MULTI_RECORDS and len(body) >= 6:
            r, _ = struct.unpack_from("<HH", body, 0)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            rows, cols = max(rows, r + 1), max(cols, last + 1)
        elif rtype == 0x0208 and len(body) >= 6:  # ROW: row, first col, last col + 1
            r, _, last = struct.unpack_from("<HHH", body, 0)
            rows, cols = max(rows, r + 1), max(cols, last)
        elif rtype == 0x00E5 and len(body) >= 2:  # MERGEDCELLS
            count = min(struct.unpack_from("<H", body, 0)[0], (len(body) - 2) // 8)
            for k in range(count):
                _, r1, _, c1 = struct.unpack_from("<HHHH", body, 2 + 8 * k)
                rows, cols = max(rows, r1 + 1), max(cols, c1 + 1)
        elif rtype == 0x000A:  # EOF of the sheet
            in_sheet = False
            sheets.append((rows, cols))
            name = names[len(sheets) - 1] if len(sheets) <= len(names) else None
            reason = _extent_reason("sheet .xls (DIMENSIONS/sel)", rows, cols, limits)
            if reason:
                raise _refuse(display, reason, name)
            total += rows * cols
            reason = _file_cells_reason(total, limits)
            if reason:
                raise _refuse(display, reason)
    if in_sheet:  # a sheet without EOF: judged on what it declared
        reason = _extent_reason("sheet .xls (DIMENSIONS/sel)", rows, cols, limits)
        if reason:
            raise _refuse(display, reason, names[len(sheets)] if len(sheets) < len(names) else None)
        total += rows * cols
    return total


# --- what a reader produced; a reader in a child process ---------------------------------


def read_bounded(
    reader: Callable[[Path, str, Limits], ReadResult], path: Path, display: str, limits: Limits
) -> ReadResult:
    """``reader`` on ``path`` once its structure passed :func:`check`, in a child process
    when its library may abort (:func:`isolated`), and its grids held to ``limits``."""
    from analysis.ingest.formats.grid import ReadResult

    try:
        check(path, display, limits)
    except Refused as exc:
        return ReadResult(errors=[exc.error])
    if isolated(path.suffix.lower()):
        result = run_isolated(reader, path, display, limits)
    else:
        result = reader(path, display, limits)
    cells = grid_cells(result)
    reason = _file_cells_reason(cells, limits)
    if reason:
        return ReadResult(errors=[IngestError(reason, file=display)])
    return result


def grid_cells(result: ReadResult) -> int:
    """Cells of the grids a reader produced."""
    return sum(int(g.cells.shape[0]) * int(g.cells.shape[1]) for g in result.grids)


def run_isolated(
    reader: Callable[[Path, str, Limits], ReadResult], path: Path, display: str, limits: Limits
) -> ReadResult:
    """``reader(path, display, limits)`` in a forked child: an abort of its library (or a
    signal) costs this file only and comes back as an error naming it."""
    from analysis.ingest.formats.grid import ReadResult

    if not hasattr(os, "fork"):  # pragma: no cover - Windows: read in this process
        return reader(path, display, limits)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                result = reader(path, display, limits)
            except Exception as exc:
                result = ReadResult(
                    errors=[
                        IngestError(f"file tidak dapat dibaca: {type(exc).__name__}", file=display)
                    ]
                )
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as handle:
            payload = handle.read()
    except BaseException:  # Ctrl-C, SIGTERM: the child goes with this process
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and payload:
        return pickle.loads(payload)
    if os.WIFSIGNALED(status):
        how = f"sinyal {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        how = f"kode keluar {os.WEXITSTATUS(status)}"
    return ReadResult(
        errors=[
            IngestError(
                f"pembaca file .{path.suffix.lower().lstrip('.')} berhenti mendadak ({how}; "
                "file rusak atau dimanipulasi); file ditolak, file lain tetap dibaca - "
                "simpan ulang file ini dari aplikasinya",
                file=display,
            )
        ]
    )
