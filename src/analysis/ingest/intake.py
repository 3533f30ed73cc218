"""Which raw files ingest reads, and reading them - serially or on every core.

:func:`scan_raw` lists the files under the raw folder that a reader in
:data:`analysis.ingest.reading.READERS` takes; everything else is named in the output:
a file type no reader takes (a note), a sub-folder that cannot be listed (an error), a
symbolic link pointing outside the raw folder (an error, refused without reading or
echoing its target), a link to a file or folder inside it (a note: the original is
read). Excel lock files (``~$x.xlsx``) and dot files are skipped quietly: they are the
programs' own.

:func:`read_files` turns each file into its grids and extracted rows
(:func:`analysis.ingest.layouts.extract_sheet`). With many files it uses a process
pool; results are gathered in file order and the per-sheet block numbers are assigned
afterwards, so the output and every message are the same as a serial run's.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from analysis.errors import Finding, IngestError, shorten
from analysis.ingest import layouts, reading
from analysis.ingest.cleaning import KecamatanReference

KINDS = ("kinerja", "anggaran", "iku", "bulanan")

POOL_MIN_FILES = 8
"""Fewer files than this are read serially (a pool's start-up would cost more)."""
POOL_MAX_FILE_BYTES = 20_000_000
"""A file bigger than this is read serially: shipping its rows between processes costs
more than the second core gains (the national exports are a handful of big CSVs)."""


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
    """Rows inside tables that are not data, per kind (analysis.ingest.nondata)."""


def read_one(
    path: Path, display: str, kec_ref: KecamatanReference, limits: reading.Limits
) -> FileRead:
    """Read and extract one file; an unexpected exception becomes an error naming it."""
    out = FileRead(pieces={kind: [] for kind in KINDS})
    try:
        read = reading.read_file(path, display, limits)
        out.errors.extend(read.errors)
        out.findings.extend(read.findings)
        out.notes.extend(read.notes)
        for grid in read.grids:
            out.sheets += 1
            extracted = layouts.extract_sheet(grid, kec_ref, out.sheets)
            out.errors.extend(extracted.errors)
            out.findings.extend(extracted.findings)
            out.notes.extend(extracted.notes)
            for what, n in extracted.skipped.items():  # non-data rows, for the summary
                out.skipped[what] = out.skipped.get(what, 0) + n
            for kind in KINDS:
                out.pieces[kind].extend(getattr(extracted, kind))
    except Exception as exc:
        out.errors.append(
            IngestError(
                f"file tidak dapat dibaca: {type(exc).__name__}: {shorten(exc, 200)}",
                file=display,
            )
        )
    return out


_WORKER: dict[str, object] = {}


def _init_worker(kec_ref: KecamatanReference, limits: reading.Limits) -> None:
    _WORKER["kec_ref"] = kec_ref
    _WORKER["limits"] = limits


def _read_in_worker(job: tuple[Path, str]) -> FileRead:
    return read_one(job[0], job[1], _WORKER["kec_ref"], _WORKER["limits"])  # type: ignore[arg-type]


def default_jobs(files: list[Path]) -> int:
    """Processes worth using for ``files``: every core for many small files, else one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores < 2 or len(files) < POOL_MIN_FILES:
        return 1
    try:
        if max(p.stat().st_size for p in files) > POOL_MAX_FILE_BYTES:
            return 1
    except OSError:
        return 1
    return cores


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
    if jobs > 1 and len(files) > 1:
        ctx = get_context("fork") if "fork" in _start_methods() else None
        chunk = max(1, len(files) // (jobs * 8))
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(kec_ref, limits)
        ) as pool:
            results = list(pool.map(_read_in_worker, jobs_list, chunksize=chunk))
    else:
        results = [read_one(p, d, kec_ref, limits) for p, d in jobs_list]
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
