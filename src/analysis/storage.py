"""Write the processed tables atomically, as Parquet and as CSV for Excel.

A run writes every table into a fresh temporary folder beside ``out`` and only then
swaps it in with two renames (``out`` -> backup, temp -> ``out``), holding an exclusive
lock (``fcntl.flock`` on ``out.parent/.ingest.lock``) so two ingests never interleave.
A crash or ``SIGKILL`` before the swap leaves only a stray temp folder (removed by the
next run); the previous tables in ``out`` are untouched. A crash between the two
renames leaves the backup, which the next run of any command restores
(:func:`recover`). Readers hold a shared lock (:func:`read_lock`) that the swap takes
exclusively only around its two renames, so a reader sees one complete version.

Only a folder the package owns is replaced (:mod:`analysis.outputs`: a marker file, or
empty), never one inside or above ``data/raw``. A symlinked ``out`` (a share) stays a
link: the folder it points to is swapped.

Every table is written as Parquet; the CSV copy is optional at scale (the ``tulis_csv``
setting, :class:`CsvPolicy`: by default a table longer than an Excel sheet gets none).
CSV files are ``;``-separated with ``.`` decimals and a UTF-8 BOM so Excel opens them
correctly. Text cells that begin with ``=``, ``+``, ``-`` or ``@`` are prefixed with
``'`` in the CSV (OWASP CSV injection) so Excel shows them instead of running them;
Parquet keeps the original text, and numbers - negative ones included - are never
touched. Whatever else is in ``out`` (``README.md``, a person's note) is carried over.

Tables may come one at a time (an iterable of ``(name, frame)`` pairs, e.g.
:func:`analysis.metrics.iter_tables`): each is written into the temporary folder as it
comes and released before the next is asked for, so the national data's tables never
sit in memory side by side; the swap still happens only after the last one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from analysis import neutral, outputs
from analysis.arrow_text import any_edge_byte
from analysis.settings import TULIS_CSV, Settings

CSV_SEP = ";"
INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


class StorageError(Exception):
    """Writing the processed tables failed; ``out`` still holds the previous tables."""


_RISKY = r"^[=+\-@\t\r]"


def neutralise_csv_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with formula-like text cells prefixed by ``'`` and bidi/control
    characters dropped (:func:`analysis.neutral.neutralise`, strict); numbers untouched.

    The pandas twin of what :func:`_csv_table` does in Arrow; kept for callers that
    export a frame themselves (and as the readable statement of the rule).
    """
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[col] = neutral.clean_series(s, strict=True)
    return out


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        if frame[col].dtype == object:
            # mixed Python objects (a number in a text column): Arrow wants one type
            values = frame[col]
            is_text = values.map(lambda v: isinstance(v, str), na_action="ignore")
            if not is_text.fillna(True).all():
                frame[col] = values.map(lambda v: v if v is None else str(v), na_action="ignore")
    return pa.Table.from_pandas(frame, preserve_index=False)


_RISKY_FIRST_BYTE = np.zeros(256, dtype=bool)
_RISKY_FIRST_BYTE[[ord(c) for c in INJECTION_START]] = True


def _maybe_risky(column: pa.ChunkedArray) -> bool:
    """Whether any text cell of ``column`` may start like a formula (first byte only).

    Looks at the first byte of every value straight from the Arrow buffers (offsets and
    data), so a column of millions of ordinary names costs a few vectorised numpy steps
    instead of a regex and a copy; the characters of ``INJECTION_START`` are ASCII, so
    their UTF-8 first byte is the character itself. Null slots may hold a risky byte
    only in theory: a ``True`` here merely sends the column through the exact Arrow path.
    """
    return any_edge_byte(column, _RISKY_FIRST_BYTE)


_BIDI = f"[{neutral.BIDI_CONTROLS}]"


def _csv_table(table: pa.Table) -> pa.Table:
    """Arrow table for the CSV: bidi controls dropped, then text cells starting like a
    formula get a leading ``'`` (the strict rule of :func:`analysis.neutral.neutralise`)."""
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        is_text = pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
        if is_text and not pc.all(pc.fill_null(pc.string_is_ascii(column), True)).as_py():
            column = pc.replace_substring_regex(column, _BIDI, "")
        if is_text and _maybe_risky(column):
            risky = pc.fill_null(pc.match_substring_regex(column, _RISKY), False)
            quote, empty = pa.scalar("'", field.type), pa.scalar("", field.type)
            quoted = pc.binary_join_element_wise(quote, column, empty)
            column = pc.if_else(risky, quoted, column)
        columns.append(column)
    return pa.table(columns, names=table.column_names)


CSV_SLICE_ROWS = 1 << 16
"""Rows formatted per CSV job: slices are turned into text side by side and written in
order (the same bytes as one ``write_csv`` of the whole table, header once)."""

_CSV_AHEAD = 3
"""Formatted CSV slices waiting to be written at most, besides the one being written."""


def _csv_bytes(table: pa.Table, header: bool) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    pacsv.write_csv(
        _csv_table(table),
        sink,
        write_options=pacsv.WriteOptions(delimiter=CSV_SEP, include_header=header),
    )
    return sink.getvalue()


def _write_csv(pool: ThreadPoolExecutor, table: pa.Table, path: Path) -> None:
    """The CSV of ``table``: slices formatted in ``pool``, written here in order."""
    starts = range(0, max(table.num_rows, 1), CSV_SLICE_ROWS)
    pending: deque = deque()
    with open(path, "wb") as handle:
        handle.write("\ufeff".encode())  # BOM: Excel then reads the file as UTF-8
        for start in starts:
            part = table.slice(start, CSV_SLICE_ROWS)
            pending.append(pool.submit(_csv_bytes, part, start == 0))
            if len(pending) > _CSV_AHEAD:
                handle.write(pending.popleft().result())
        while pending:
            handle.write(pending.popleft().result())


class CsvPolicy:
    """Which tables get a CSV copy beside their Parquet file (the ``tulis_csv`` setting).

    ``"selalu"``: every table; ``"tidak"``: none; ``"auto"``: every table of at most
    ``max_rows`` rows (``batas_baris_csv``: by default what an Excel sheet holds below its
    header). Parquet is always written. The tables left without a CSV are listed in
    :attr:`skipped` (name, rows), in the order they came, for the run's summary.
    """

    def __init__(self, mode: str = "selalu", max_rows: int = Settings.batas_baris_csv) -> None:
        if mode not in TULIS_CSV:
            raise ValueError(f"tulis_csv = {mode!r}: harus salah satu dari {', '.join(TULIS_CSV)}")
        self.mode, self.max_rows = mode, max_rows
        self.skipped: list[tuple[str, int]] = []

    @classmethod
    def of(cls, settings: Settings) -> CsvPolicy:
        """The policy of ``settings`` (``tulis_csv``, ``batas_baris_csv``)."""
        return cls(settings.tulis_csv, settings.batas_baris_csv)

    def wants(self, name: str, rows: int) -> bool:
        """Whether ``name`` (of ``rows`` rows) gets a CSV; a refusal is recorded."""
        ok = self.mode == "selalu" or (self.mode == "auto" and rows <= self.max_rows)
        if not ok:
            self.skipped.append((name, rows))
        return ok

    def note(self) -> str:
        """One line for the summary naming the tables written without CSV ('' if none)."""
        if not self.skipped:
            return ""
        from analysis.formatting import angka

        names = ", ".join(f"{n} ({angka(r)} baris)" for n, r in self.skipped)
        why = (
            'tulis_csv = "tidak"'
            if self.mode == "tidak"
            else f'lebih dari {angka(self.max_rows)} baris, tulis_csv = "auto"'
        )
        return f"tanpa CSV ({why}; Parquet ditulis): {names}"


def _write_parquet(folder: Path, name: str, frame: pd.DataFrame) -> None:
    """``name``.parquet of ``frame`` alone (a table :class:`CsvPolicy` gives no CSV)."""
    pq.write_table(_arrow_table(frame), folder / f"{name}.parquet")


def _write_one(folder: Path, name: str, frame: pd.DataFrame) -> None:
    """``name``.parquet and ``name``.csv of ``frame``; Arrow releases the GIL while
    encoding, so the Parquet file and the CSV slices are encoded side by side."""
    table = _arrow_table(frame)
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
        parquet = pool.submit(pq.write_table, table, folder / f"{name}.parquet")
        _write_csv(pool, table, folder / f"{name}.csv")
        parquet.result()


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
MMAP_THRESHOLD = 4 << 20
"""Blocks from this size on are mapped on their own, so freeing a table's columns gives
their memory back to the system at once."""


def release_memory() -> None:
    """Give the memory pandas and Arrow have freed back to the system (glibc, Linux).

    glibc keeps freed heap pages, and raises the size from which it maps blocks on their
    own each time a large block is freed, so the columns of one table end up in a heap
    that never shrinks; Arrow's pool caches freed blocks. After reading the national
    data that is ~1 GB under the tables about to be computed. This trims both and fixes
    the mapping size at :data:`MMAP_THRESHOLD`; elsewhere it does nothing.
    """
    pa.default_memory_pool().release_unused()
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        libc.malloc_trim(0)
    except (AttributeError, OSError):  # not glibc
        pass


class TablesFailed(Exception):
    """Computing a table (not writing it) failed; ``original`` is the error raised, and
    ``out`` still holds the previous tables."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(str(original))
        self.original = original


def _guarded(tables: Iterable[tuple[str, pd.DataFrame]]) -> Iterator[tuple[str, pd.DataFrame]]:
    iterator = iter(tables)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:
            raise TablesFailed(exc) from exc
        yield item
        del item  # not kept while the next pair is computed


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _carry_over(old: Path, new: Path) -> None:
    """Copy into ``new`` everything of ``old`` the package does not rewrite.

    Tables are rewritten; anything else a person put in the package's folder (a note, a
    sub-folder) is kept, so the swap never loses a file.
    """
    for item in old.iterdir():
        if item.name in outputs.PROCESSED_WRITTEN or (new / item.name).exists():
            continue
        if item.is_dir() and not item.is_symlink():
            shutil.copytree(item, new / item.name, symlinks=True)
        else:
            shutil.copy2(item, new / item.name, follow_symlinks=False)


def write_tables(
    out: Path,
    tables: Mapping[str, pd.DataFrame] | Iterable[tuple[str, pd.DataFrame]],
    protected: Iterable[Path] = (),
    before_swap: Callable[[Path, dict[str, int]], None] | None = None,
    csv: CsvPolicy | None = None,
) -> dict[str, int]:
    """Write ``tables`` into ``out`` atomically (see module doc); returns the number of
    rows written per table.

    ``before_swap(folder, written)``, if given, runs under the ingest lock once every
    file is in the new folder and before it is swapped in (the skip stamp is written
    there, so it always arrives with the tables it describes).

    ``tables``: a mapping of name to frame, or ``(name, frame)`` pairs taken one at a
    time, each written and released before the next. An error raised while producing a
    pair (not while writing it) leaves ``out`` as it was and raises :class:`TablesFailed`;
    a failure to write raises :class:`StorageError`.

    ``out`` must be a folder the package may replace (:mod:`analysis.outputs`): its own,
    or empty, and never inside or above a ``protected`` folder. A symlink ``out`` (a
    share) is followed: the folder it points to is swapped and the link stays.

    ``csv`` decides which tables also get a CSV copy (:class:`CsvPolicy`; default: all)
    and records those that did not.
    """
    csv = csv if csv is not None else CsvPolicy("selalu")
    pairs = tables.items() if isinstance(tables, Mapping) else tables
    try:
        out = outputs.check_output_folder(out, outputs.PROCESSED, protected)
    except outputs.OutputFolderError as exc:
        raise StorageError(str(exc)) from exc
    with outputs.ingest_lock(out):
        outputs.recover_locked(out)
        # checked again under the lock: another process may have filled the folder
        try:
            outputs.check_output_folder(out, outputs.PROCESSED, protected)
        except outputs.OutputFolderError as exc:
            raise StorageError(str(exc)) from exc
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            umask = os.umask(0)
            os.umask(umask)
            tmp.chmod(0o777 & ~umask)  # mkdtemp makes 0700; the output folder is shared
            written: dict[str, int] = {}
            release_memory()
            for name, frame in _guarded(pairs):
                written[name] = len(frame)
                if csv.wants(name, len(frame)):
                    _write_one(tmp, name, frame)
                else:
                    _write_parquet(tmp, name, frame)
                del frame  # released before the next table is computed
            outputs.mark(tmp, outputs.PROCESSED)
            if out.exists():
                _carry_over(out, tmp)
            if before_swap is not None:
                before_swap(tmp, dict(written))
            for item in tmp.iterdir():
                if item.is_file() and not item.is_symlink():
                    with open(item, "rb") as handle:
                        os.fsync(handle.fileno())
            _fsync_dir(tmp)
            backup = out.with_name(f".{out.name}.previous")
            with outputs.swap_lock(out):
                if out.exists():
                    out.rename(backup)
                tmp.rename(out)
            _fsync_dir(out.parent)
            shutil.rmtree(backup, ignore_errors=True)
        except BaseException as exc:  # Ctrl-C and SIGTERM too: no temporary folder left
            shutil.rmtree(tmp, ignore_errors=True)
            outputs.recover_locked(out)
            if isinstance(exc, TablesFailed) or not isinstance(exc, Exception):
                raise
            if isinstance(exc, OSError):
                from analysis.errors import os_error_text

                raise StorageError(os_error_text(exc)) from exc
            raise StorageError(f"{type(exc).__name__}: {exc}") from exc
    return written
