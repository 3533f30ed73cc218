"""Which raw files ingest reads, and reading them - serially or on every core.

:func:`scan_raw` lists the files under the raw folder that a reader in
:data:`analysis.ingest.formats.reading.READERS` takes; everything else is named in the output:
a file type no reader takes (a note), a sub-folder that cannot be listed (an error), a
symbolic link pointing outside the raw folder (an error, refused without reading or
echoing its target), a link to a file or folder inside it (a note: the original is
read). Excel lock files (``~$x.xlsx``) and dot files are skipped quietly: they are the
programs' own.

:func:`read_files` turns each file into its grids, recognises each sheet's tables
(:func:`analysis.ingest.tables.layouts.extract_sheet`) and extracts the rows of a chunk of
files in one pass (:func:`analysis.ingest.tables.extraction.extract_tables`). With many files
it uses a process pool, one chunk per task; results are gathered in file order and the
per-sheet block numbers are assigned afterwards, so the output and every message are the
same as a serial run's.
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from analysis.errors import Finding, IngestError, shorten
from analysis.ingest.formats import guards, reading
from analysis.ingest.reference import KecamatanReference
from analysis.ingest.tables import extraction, layouts, side_sheets
from analysis.ingest.tables.context import Extracted

KINDS = ("kinerja", "anggaran", "iku", "bulanan")

CHUNK_FILES = 256
"""Most files whose tables are extracted in one pass (:mod:`analysis.ingest.tables.extraction`);
fewer when that spreads the files over every process. The output and every message are
the same whatever the chunks (tests/test_ingest_reading.py)."""
CHUNK_BYTES = 32_000_000
"""Most bytes of files in one chunk: its grids are held together until extracted."""
POOL_MIN_FILES = 64
"""Fewer files than this are read serially (a pool's start-up would cost more), unless
they hold ``POOL_MIN_BYTES`` in all."""
POOL_MIN_BYTES = 50_000_000
"""A few big files (the national exports: six provincial CSVs, 213 MB) are read on every
core too: receiving a worker's rows costs the main process about a seventh of the CPU
that reading them took (benchmarks/results.md, national scale)."""
POOL_MAX_FILE_BYTES = 150_000_000
"""A file bigger than this is read serially: each worker holds its file's grids (about
17 bytes per byte of CSV), and two such files read at once would hold twice that."""


@dataclass
class Scan:
    files: list[Path] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _quiet(name: str) -> bool:
    return name.startswith(("~$", "."))


def scan_raw(raw_dir: Path) -> Scan:
    """The readable files under ``raw_dir`` in path order, and what was not read."""
    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    scan = Scan()
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename or raw_dir)
        try:
            rel = where.relative_to(raw_dir).as_posix()
        except ValueError:
            rel = str(where)
        scan.errors.append(
            IngestError(
                f"folder tidak dapat dibuka ({exc.strerror or type(exc).__name__}); isinya tidak "
                "terbaca - beri izin baca atau pindahkan folder itu keluar dari data mentah",
                file=rel,
            )
        )

    for dirpath, dirnames, filenames in os.walk(raw_dir, onerror=unreadable):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames):
            path = here / name
            if _quiet(name):
                continue
            if path.is_symlink():
                rel = path.relative_to(raw_dir).as_posix()
                if _outside(path, root):
                    scan.errors.append(_outside_error(rel))
                else:
                    scan.notes.append(
                        f"{rel}: tautan folder di dalam data mentah tidak diikuti (isinya "
                        "sudah terbaca dari folder aslinya)"
                    )
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if _quiet(name):
                continue
            path = here / name
            rel = path.relative_to(raw_dir).as_posix()
            if path.is_symlink():
                if _outside(path, root):
                    scan.errors.append(_outside_error(rel))
                    continue
                if not path.exists():
                    scan.errors.append(
                        IngestError("tautan simbolik rusak (tujuannya tidak ada)", file=rel)
                    )
                    continue
                if path.suffix.lower() in reading.READERS and _hidden_target(path, root):
                    # its original is in a dot folder or a lock-file name ingest skips:
                    # read through the link, or its rows would be missing in silence
                    scan.notes.append(
                        f"{rel}: tautan ke file di folder/file tersembunyi, dibaca melalui "
                        "tautannya"
                    )
                    found.append(path)
                    continue
                if path.suffix.lower() in reading.READERS:
                    scan.notes.append(
                        f"{rel}: tautan ke file lain di dalam data mentah dilewati (file "
                        "aslinya sudah dibaca; membacanya dua kali menggandakan barisnya)"
                    )
                    continue
            if not path.is_file():
                scan.notes.append(f"{rel}: bukan file biasa, dilewati")
                continue
            if path.suffix.lower() not in reading.READERS:
                scan.notes.append(
                    f"{rel}: tidak dibaca - {reading.unknown_type_reason(path.suffix.lower())}"
                )
                continue
            found.append(path)
    scan.files = sorted(found)
    return scan


def _hidden_target(path: Path, root: Path) -> bool:
    """Whether a link inside ``root`` points at a file the scan itself skips quietly."""
    try:
        parts = path.resolve().relative_to(root).parts
    except (OSError, RuntimeError, ValueError):
        return False
    return any(_quiet(part) for part in parts)


def _outside(path: Path, root: Path) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        return True
    return target != root and root not in target.parents


def _outside_error(rel: str) -> IngestError:
    return IngestError(
        "tautan simbolik yang menunjuk ke luar folder data mentah ditolak (tidak dibaca); "
        "salin file-nya ke dalam data mentah",
        file=rel,
    )


@dataclass
class FileRead:
    """One file's grids turned into rows; ``_block`` numbers local to the file (1, 2...)."""

    errors: list[IngestError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheets: int = 0
    pieces: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows inside tables that are not data, per kind (analysis.ingest.tables.nondata)."""
    cells: list[tuple[str, int, int, int]] = field(default_factory=list)
    """Per file read: (name, cells of its grids, first block, last block), for batas_sel_run."""


def _read_file(
    path: Path, display: str, kec_ref: KecamatanReference, limits: reading.Limits, first_block: int
) -> tuple[FileRead, list[Extracted]]:
    """Read one file and recognise its sheets' tables (rows read later, in a batch); an
    unexpected exception becomes an error naming the file."""
    out = FileRead(pieces={kind: [] for kind in KINDS})
    sheets: list[Extracted] = []
    try:
        read = reading.read_file(path, display, limits)
        cells = guards.grid_cells(read)
        out.cells.append((display, cells, first_block + 1, first_block))
        out.errors.extend(read.errors)
        out.findings.extend(read.findings)
        out.notes.extend(read.notes)
        for grid in read.grids:
            out.sheets += 1
            out.cells[-1] = (display, cells, first_block + 1, first_block + out.sheets)
            sheets.append(layouts.extract_sheet(grid, kec_ref, first_block + out.sheets))
        side_sheets.pass_over(sheets)
    except Exception as exc:
        out.errors.append(_unreadable(display, exc))
    return out, sheets


def _unreadable(display: str, exc: BaseException) -> IngestError:
    return IngestError(
        f"file tidak dapat dibaca: {type(exc).__name__}: {shorten(exc, 200)}", file=display
    )


def _extract(files: list[tuple[str, FileRead, list[Extracted]]]) -> list[dict]:
    """The tables of every file's sheets read in one pass; if that fails, file by file, so
    that an unexpected exception names its file and costs only that file's rows."""
    sheets = [sheet for _, _, file_sheets in files for sheet in file_sheets]
    marks = [(len(x.errors), len(x.findings), len(x.notes), dict(x.skipped)) for x in sheets]
    try:
        frames = extraction.extract_tables([t for x in sheets for t in x.tables])
        return [frames] + [{} for _ in files[1:]]
    except Exception:
        # undo what the failed pass told the sheets, so that the retry tells it once
        for x, (n_err, n_find, n_notes, skipped) in zip(sheets, marks, strict=True):
            del x.errors[n_err:], x.findings[n_find:], x.notes[n_notes:]
            x.skipped = skipped
    out = []
    for display, read, file_sheets in files:
        try:
            out.append(extraction.extract_tables([t for x in file_sheets for t in x.tables]))
        except Exception as exc:
            read.errors.append(_unreadable(display, exc))
            out.append({})
    return out


def read_chunk(
    jobs: list[tuple[Path, str]], kec_ref: KecamatanReference, limits: reading.Limits
) -> FileRead:
    """Files read together: each file's sheets recognised, then the tables of all of them
    extracted in one pass (:mod:`analysis.ingest.tables.extraction`). Blocks are numbered 1..n
    over the chunk's sheets; messages come file by file, sheet by sheet."""
    files = []
    sheets = 0
    for path, display in jobs:
        read, file_sheets = _read_file(path, display, kec_ref, limits, sheets)
        sheets += read.sheets
        files.append((display, read, file_sheets))
    batches = _extract(files)
    out = FileRead(pieces={kind: [] for kind in KINDS}, sheets=sheets)
    for (_, read, file_sheets), frames in zip(files, batches, strict=True):
        out.errors.extend(read.errors)
        out.findings.extend(read.findings)
        out.notes.extend(read.notes)
        out.cells.extend(read.cells)
        for x in file_sheets:
            # a sheet read once per year finds a header problem once per year: report it once
            out.errors.extend({str(e): e for e in x.errors}.values())
            out.findings.extend(x.findings)
            out.notes.extend(x.notes)
            for what, n in x.skipped.items():  # non-data rows, for the summary
                out.skipped[what] = out.skipped.get(what, 0) + n
            for kind in KINDS:
                out.pieces[kind].extend(getattr(x, kind))
        for kind, frame in frames.items():
            out.pieces[kind].append(frame)
    for kind, frames in out.pieces.items():
        if len(frames) > 1:  # sheet order, as if each sheet had been read alone
            joined = pd.concat(frames, ignore_index=True)
            out.pieces[kind] = [joined.sort_values("_block", kind="stable", ignore_index=True)]
    return out


_WORKER: dict[str, object] = {}


def _init_worker(kec_ref: KecamatanReference, limits: reading.Limits) -> None:
    _WORKER["kec_ref"] = kec_ref
    _WORKER["limits"] = limits


def _read_in_worker(jobs: list[tuple[Path, str]]) -> FileRead:
    return read_chunk(jobs, _WORKER["kec_ref"], _WORKER["limits"])  # type: ignore[arg-type]


def default_jobs(files: list[Path]) -> int:
    """Processes worth using for ``files``: every core (at most one per file) for many
    small files or a few big ones, else one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores < 2 or len(files) < 2:
        return 1
    try:
        sizes = [p.stat().st_size for p in files]
    except OSError:
        return 1
    if max(sizes) > POOL_MAX_FILE_BYTES:
        return 1
    if len(files) < POOL_MIN_FILES and sum(sizes) < POOL_MIN_BYTES:
        return 1
    return min(cores, len(files))


def read_files(
    files: list[Path],
    raw_dir: Path,
    kec_ref: KecamatanReference,
    limits: reading.Limits,
    jobs: int | None = None,
) -> list[FileRead]:
    """Every file read and extracted, in file order, with sheet blocks numbered 1..n overall."""
    jobs_list = [(p, p.relative_to(raw_dir).as_posix()) for p in files]
    jobs = default_jobs(files) if jobs is None else max(1, jobs)
    size = max(1, min(CHUNK_FILES, -(-len(jobs_list) // (2 * jobs if jobs > 1 else 1))))
    chunks: list[list[tuple[Path, str]]] = []
    held = 0
    for job in jobs_list:
        try:
            nbytes = job[0].stat().st_size
        except OSError:
            nbytes = 0  # the reader names the problem
        if not chunks or len(chunks[-1]) >= size or held + nbytes > CHUNK_BYTES:
            chunks.append([])
            held = 0
        chunks[-1].append(job)
        held += nbytes
    budget = RunBudget(limits.max_run_cells)
    if jobs > 1 and len(chunks) > 1:
        results = _read_in_pool(chunks, kec_ref, limits, jobs)
        for res in results:
            budget.charge(res)
    else:
        results = []
        for chunk in chunks:  # once the run's cells are spent, the rest is not even read
            results.append(
                budget.refuse(chunk) if budget.spent else read_chunk(chunk, kec_ref, limits)
            )
            budget.charge(results[-1])
    offset = 0
    for res in results:
        if offset:
            for frames in res.pieces.values():
                for i, frame in enumerate(frames):
                    if "_block" in frame:
                        frames[i] = frame.assign(_block=frame["_block"] + offset)
        offset += res.sheets
    return results


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def _read_in_pool(
    chunks: list[list[tuple[Path, str]]],
    kec_ref: KecamatanReference,
    limits: reading.Limits,
    jobs: int,
) -> list[FileRead]:
    """Chunks read on ``jobs`` processes. A worker that dies (a library abort the checks
    did not foresee) costs no file but the one that killed it: the chunks then missing
    are read again here, each file in a child process of its own, so the culprit comes
    back as an error naming it and every other file is read."""
    ctx = get_context("fork") if "fork" in _start_methods() else None
    results: list[FileRead | None] = [None] * len(chunks)
    try:
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(kec_ref, limits)
        ) as pool:
            # the biggest chunks first, so that the last ones to finish are small ones
            order = sorted(range(len(chunks)), key=lambda i: -_chunk_bytes(chunks[i]))
            futures = {i: pool.submit(_read_in_worker, chunks[i]) for i in order}
            for i, future in sorted(futures.items()):
                try:
                    results[i] = future.result()
                except BrokenProcessPool:
                    continue
    except BrokenProcessPool:
        pass
    if all(res is not None for res in results):
        return results  # type: ignore[return-value]
    with guards.isolating_everything():
        return [
            res if res is not None else read_chunk(chunk, kec_ref, limits)
            for res, chunk in zip(results, chunks, strict=True)
        ]


def _chunk_bytes(chunk: list[tuple[Path, str]]) -> int:
    total = 0
    for path, _ in chunk:
        with contextlib.suppress(OSError):  # the reader names the problem
            total += path.stat().st_size
    return total


class RunBudget:
    """The cells one run may read (``batas_sel_run``); a file past it is refused by name
    and its rows are dropped, and files after it are not read at all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.spent = False

    def _error(self, display: str, cells: int | None) -> IngestError:
        what = f"{cells:,} sel file ini membuat" if cells is not None else "sebelum file ini,"
        return IngestError(
            f"{what} ingest ini melewati batas {self.limit:,} sel per run (batas_sel_run "
            "di pengaturan); file ditolak - bagi data mentah ke beberapa run atau naikkan batasnya",
            file=display,
        )

    def refuse(self, chunk: list[tuple[Path, str]]) -> FileRead:
        return FileRead(
            pieces={kind: [] for kind in KINDS},
            errors=[self._error(display, None) for _, display in chunk],
        )

    def charge(self, res: FileRead) -> None:
        """Count ``res``'s files in order; drop the rows of those past the limit."""
        for display, cells, first, last in res.cells:
            if not self.spent and self.used + cells <= self.limit:
                self.used += cells
                continue
            res.errors.append(self._error(display, None if self.spent else cells))
            self.spent = True
            if last < first:
                continue
            for kind, frames in res.pieces.items():
                res.pieces[kind] = [
                    f[~f["_block"].between(first, last)] if "_block" in f else f for f in frames
                ]
