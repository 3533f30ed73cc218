"""Which folders the package may write into, replace or fill: never a person's folder.

``ingest`` replaces its output folder as a whole (an atomic swap, see
:mod:`analysis.storage`) and ``report``/``batch`` write pages into theirs. A planner may
point either at a shared drive, so both check the folder first:

* it must not be the file-system root, the home folder, nor sit inside or above the
  folders the package only reads (``data/raw``, ``data/reference``): ``--out data`` or
  ``--out data/raw`` would otherwise swap away the offices' files;
* an existing folder is used only if the package made it - it holds the package's marker
  file (written on first use), or it is recognisably an older output of the package (only
  processed tables / a report manifest) - or if it is empty. Anything else is refused
  with the path and what to do, and nothing in it is touched.

The rules are data (:data:`KINDS`): one entry per kind of output folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = ".ingest.lock"


class OutputFolderError(Exception):
    """The output folder may not be used; the message names it and says what to do."""


@dataclass(frozen=True)
class OutputKind:
    """One kind of output folder: its marker, and what an older output of it looks like."""

    name: str  # as the messages call it
    marker: str  # file the package writes into a folder it owns
    legacy_names: frozenset[str]  # an unmarked folder holding only these files is ours ...
    legacy_needs: frozenset[str]  # ... when it holds at least one of these
    marker_text: str


def _table_files() -> frozenset[str]:
    from analysis.schema import PROCESSED_TABLES

    names = [*PROCESSED_TABLES, "ditolak"]
    return frozenset(f"{n}.{ext}" for n in names for ext in ("parquet", "csv"))


def _written_files() -> frozenset[str]:
    """Every file an ingest writes into its folder (tables and the skip stamp)."""
    from analysis.ingest.cache import STAMP

    return _table_files() | {STAMP}


PROCESSED = OutputKind(
    name="folder tabel olahan",
    marker=".kinerja-kecamatan-olahan",
    legacy_names=_written_files() | {"README.md"},
    legacy_needs=frozenset(n for n in _table_files() if n.endswith(".parquet")),
    marker_text=(
        "Folder ini dibuat dan diganti utuh oleh `python -m analysis ingest` (kinerja-kecamatan).\n"
        "Setiap ingest menulis ulang tabelnya; jangan simpan dokumen lain di sini.\n"
    ),
)
REPORTS = OutputKind(
    name="folder laporan",
    marker=".kinerja-kecamatan-laporan",
    legacy_names=frozenset(),  # reports: the manifest alone tells
    legacy_needs=frozenset({".manifest.json"}),
    marker_text=(
        "Folder ini diisi oleh `python -m analysis report|batch` (kinerja-kecamatan).\n"
        "Laporan di sini ditulis ulang bila datanya berubah.\n"
    ),
)
KINDS = {"processed": PROCESSED, "reports": REPORTS}
PROCESSED_WRITTEN = _written_files()
"""What ``ingest`` rewrites in its folder; anything else there is carried over."""

# Entries a fresh clone ships in an otherwise empty output folder.
_PLACEHOLDERS = frozenset({".gitkeep"})


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(path)).resolve()


def _inside_or_equal(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def forbidden_reason(out: Path, protected: Iterable[Path]) -> str | None:
    """Why ``out`` may never be an output folder, or ``None`` (path rules only)."""
    target = _resolved(out)
    if target == Path(target.anchor):
        return "itu adalah akar sistem berkas"
    home = Path.home().resolve()
    if target == home or target in home.parents:
        return "itu adalah folder rumah pengguna (atau di atasnya)"
    for folder in protected:
        guarded = _resolved(folder)
        if _inside_or_equal(target, guarded):
            return f"folder itu berada di dalam {guarded}, yang hanya dibaca oleh paket"
        if target in guarded.parents:
            return f"folder itu memuat {guarded}, yang hanya dibaca oleh paket"
    return None


def _looks_like_ours(entries: list[Path], kind: OutputKind) -> bool:
    """An unmarked folder written by an older version: only its own kinds of file."""
    names = {e.name for e in entries if e.is_file()}
    if not names & kind.legacy_needs:
        return False
    if not kind.legacy_names:
        return True
    return len(names) == len(entries) and names <= kind.legacy_names


def check_output_folder(out: Path, kind: OutputKind, protected: Iterable[Path]) -> Path:
    """Return ``out`` resolved (symlinks followed) if the package may write it; else raise.

    Does not create or change anything.
    """
    reason = forbidden_reason(out, protected)
    if reason:
        raise OutputFolderError(
            f"{kind.name} {out} ditolak: {reason}. Pilih folder keluaran tersendiri, "
            "misalnya data/processed atau reports."
        )
    target = _resolved(out)
    if target.exists() and not target.is_dir():
        raise OutputFolderError(
            f"{kind.name} {out} ditolak: itu sebuah file, bukan folder. Pilih folder lain."
        )
    if not target.is_dir():
        return target
    try:
        entries = [e for e in target.iterdir() if e.name not in _PLACEHOLDERS]
    except OSError as exc:
        raise OutputFolderError(
            f"{kind.name} {out} tidak dapat dibaca ({exc.strerror}). Periksa izin foldernya."
        ) from exc
    if (target / kind.marker).is_file() or not entries or _looks_like_ours(entries, kind):
        return target
    shown = ", ".join(sorted(e.name for e in entries)[:5])
    more = f" dan {len(entries) - 5} lainnya" if len(entries) > 5 else ""
    raise OutputFolderError(
        f"{kind.name} {out} ditolak: folder itu berisi file yang bukan buatan paket ini "
        f"({shown}{more}) dan tidak punya penanda {kind.marker}. Tidak ada yang diubah. "
        "Pilih folder kosong atau folder keluaran paket ini."
    )


def mark(folder: Path, kind: OutputKind) -> None:
    """Write the marker into a folder the package owns (idempotent)."""
    marker = folder / kind.marker
    if not marker.is_file():
        marker.write_text(kind.marker_text, encoding="utf-8")


# --- locks and recovery of the processed folder's swap ---------------------------------


def _lock_file(out: Path, suffix: str) -> Path:
    return out.parent / (LOCK_NAME if suffix == "ingest" else f".{out.name}.{suffix}.lock")


@contextlib.contextmanager
def flock(path: Path, mode: int, *, required: bool = True) -> Iterator[bool]:
    """Hold ``flock(mode)`` on ``path``; yields whether the lock is held.

    With ``required=False`` a lock file that cannot be opened (a read-only share) or a
    non-blocking request that is refused yields ``False`` instead of raising.
    """
    import fcntl

    try:
        handle = open(path, "a+")  # noqa: SIM115 - closed by the with below
    except OSError:
        if required:
            raise
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle.fileno(), mode)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def ingest_lock(out: Path) -> Iterator[None]:
    """Exclusive lock beside ``out`` for the whole write (blocks a concurrent ingest)."""
    import fcntl

    out.parent.mkdir(parents=True, exist_ok=True)
    with flock(_lock_file(out, "ingest"), fcntl.LOCK_EX):
        yield


@contextlib.contextmanager
def read_lock(processed: Path) -> Iterator[None]:
    """Shared lock while reading ``processed``: an ingest never swaps it mid-read.

    The writer takes the same lock exclusively only around its two renames, so readers
    wait at most for those, and always see one complete version of the tables. A folder
    whose parent cannot hold a lock file (read-only share) is read without one.
    """
    import fcntl

    target = _resolved(processed)
    with flock(_lock_file(target, "swap"), fcntl.LOCK_SH, required=False):
        yield


def recover(out: Path) -> bool:
    """Undo a swap interrupted between its two renames; ``True`` if something was restored.

    Safe to call from any command at any time: it acts only when no ingest holds the
    lock (non-blocking), and only on the package's own backup and temp folders.
    """
    import fcntl

    target = _resolved(out)
    if not target.name:
        return False  # the root has no backup beside it
    backup = target.with_name(f".{target.name}.previous")
    if not backup.exists() and not any(target.parent.glob(f".{target.name}.tmp-*")):
        return False  # nothing to recover: touch nothing (not even a lock file)
    with flock(_lock_file(target, "ingest"), fcntl.LOCK_EX | fcntl.LOCK_NB, required=False) as held:
        if not held:
            return False
        return recover_locked(target)


@contextlib.contextmanager
def swap_lock(out: Path) -> Iterator[None]:
    """Exclusive hold of the readers' lock, around the two renames of a swap."""
    import fcntl

    with flock(_lock_file(out, "swap"), fcntl.LOCK_EX):
        yield


def recover_locked(out: Path) -> bool:
    """Undo an interrupted swap and clear stray temp folders from killed runs.

    Caller holds the ingest lock. The backup and temp folders are the package's own
    (their names are made by :func:`write_tables`); a backup is removed only when the
    swapped-in folder exists beside it.
    """
    restored = False
    backup = out.with_name(f".{out.name}.previous")
    if backup.exists() and not out.exists():
        backup.rename(out)
        restored = True
    elif backup.exists():
        shutil.rmtree(backup, ignore_errors=True)
    for stray in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stray, ignore_errors=True)
    return restored
