"""Write the processed tables atomically, as Parquet and as CSV for Excel.

A run writes every table into a fresh temporary folder beside ``out`` and only then
swaps it in with two renames (``out`` -> backup, temp -> ``out``), holding an exclusive
lock (``fcntl.flock`` on ``out.parent/.ingest.lock``) so two ingests never interleave.
A crash or ``SIGKILL`` before the swap leaves only a stray temp folder (removed by the
next run); the previous tables in ``out`` are untouched. A crash between the two
renames leaves the backup, which the next run restores before anything else.

CSV files are ``;``-separated with ``.`` decimals and a UTF-8 BOM so Excel opens them
correctly. Text cells that begin with ``=``, ``+``, ``-`` or ``@`` are prefixed with
``'`` in the CSV (OWASP CSV injection) so Excel shows them instead of running them;
Parquet keeps the original text, and numbers - negative ones included - are never
touched. Files in ``out`` that are not tables (``README.md``) are carried over.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

LOCK_NAME = ".ingest.lock"
CSV_SEP = ";"
INJECTION_START = ("=", "+", "-", "@", "\t", "\r")


class StorageError(Exception):
    """Writing the processed tables failed; ``out`` still holds the previous tables."""


@contextlib.contextmanager
def ingest_lock(out: Path) -> Iterator[None]:
    """Exclusive lock beside ``out`` for the whole write (blocks a concurrent ingest)."""
    import fcntl

    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / LOCK_NAME
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def neutralise_csv_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with formula-like text cells prefixed by ``'`` (numbers untouched)."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            continue
        if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        is_text = s.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False).astype(bool)
        if not is_text.any():
            continue
        text = s[is_text].astype("str")
        risky = text.str.startswith(INJECTION_START)
        if risky.any():
            s = s.astype(object)
            s.loc[risky[risky].index] = "'" + text[risky]
            out[col] = s
    return out


def _write_one(folder: Path, name: str, frame: pd.DataFrame) -> None:
    frame = frame.reset_index(drop=True)
    frame.to_parquet(folder / f"{name}.parquet", index=False)
    neutralise_csv_text(frame).to_csv(
        folder / f"{name}.csv", sep=CSV_SEP, index=False, encoding="utf-8-sig", decimal="."
    )


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


def _recover(out: Path) -> None:
    """Undo an interrupted swap and clear stray temp folders from killed runs."""
    backup = out.with_name(f".{out.name}.previous")
    if backup.exists() and not out.exists():
        backup.rename(out)
    elif backup.exists():
        shutil.rmtree(backup, ignore_errors=True)
    for stray in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stray, ignore_errors=True)


def write_tables(out: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write ``tables`` into ``out`` atomically (see module doc)."""
    out = Path(out)
    with ingest_lock(out):
        _recover(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            for name, frame in tables.items():
                _write_one(tmp, name, frame)
            if out.exists():
                for item in out.iterdir():
                    if item.suffix not in {".parquet", ".csv"} and not (tmp / item.name).exists():
                        if item.is_file():
                            shutil.copy2(item, tmp / item.name)
            for item in tmp.iterdir():
                with open(item, "rb") as handle:
                    os.fsync(handle.fileno())
            _fsync_dir(tmp)
            backup = out.with_name(f".{out.name}.previous")
            if out.exists():
                out.rename(backup)
            tmp.rename(out)
            _fsync_dir(out.parent)
            shutil.rmtree(backup, ignore_errors=True)
        except Exception as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            _recover(out)
            raise StorageError(f"{type(exc).__name__}: {exc}") from exc
