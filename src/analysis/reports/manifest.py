"""Incremental rebuilds: ``reports/.manifest.json`` and the hash that says a report is current.

Per output, a SHA-256 of (notebook file, parameters, the data it shows, the package's
own source and templates). A report whose hash is unchanged and whose files exist is
skipped.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from analysis import region
from analysis.reports import office
from analysis.reports.export import write_atomic
from analysis.reports.jobs import Tugas

MANIFEST_NAME = ".manifest.json"


MANIFEST_VERSION = 1


_PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _sha256_files(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


REPORT_CODE = (
    "__init__.py",
    "formatting.py",
    "reports",
    "schema.py",
    "settings.py",
    "defaults.toml",
    "metrics",
)
"""Package files whose change alters a rendered page (ingest code only alters the data,
which is hashed separately)."""


def code_hash() -> str:
    """Hash of the report code and templates: a changed chart rebuilds every report."""
    files: list[Path] = []
    for name in REPORT_CODE:
        path = _PACKAGE_DIR / name
        if path.is_dir():
            files += [
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"}
            ]
        elif path.exists():
            files.append(path)
    return _sha256_files(sorted(files))


def job_key(tugas: Tugas, data_digest: str, code_digest: str) -> str:
    """The content hash deciding whether ``tugas`` must be rebuilt.

    ``data_digest`` is the fingerprint of the data the notebook shows
    (:class:`analysis.reports.digests.PeriodDigests`).
    """
    digest = hashlib.sha256()
    digest.update(Path(tugas.notebook).read_bytes())
    params = {k: v for k, v in tugas.parameter.items() if k != "processed_dir"}
    digest.update(json.dumps(params, sort_keys=True, ensure_ascii=False).encode())
    digest.update(data_digest.encode())
    digest.update(code_digest.encode())
    digest.update(region.current().nama.encode())  # the pages name the configured regency
    return digest.hexdigest()


def load_manifest(out: Path) -> dict[str, dict[str, object]]:
    """Entries of ``reports/.manifest.json`` keyed by the HTML path relative to ``out``."""
    path = out / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, OSError) as exc:  # malformed JSON, bad bytes, unreadable
        print(
            f"catatan: {path} tidak terbaca ({type(exc).__name__}); semua laporan dibuat ulang "
            "dan berkas itu ditulis baru.",
            file=sys.stderr,
        )
        return {}
    if not isinstance(raw, dict) or raw.get("versi") != MANIFEST_VERSION:
        return {}
    entries = raw.get("laporan", {})
    if not isinstance(entries, dict):
        return {}
    return {str(k): v for k, v in entries.items() if isinstance(v, dict)}


def save_manifest(out: Path, entries: dict[str, dict[str, object]]) -> None:
    """Write the manifest atomically."""
    body = {"versi": MANIFEST_VERSION, "laporan": dict(sorted(entries.items()))}
    write_atomic(out / MANIFEST_NAME, json.dumps(body, indent=1, ensure_ascii=False))


def manifest_key(path: str, out: Path) -> str:
    return Path(path).relative_to(out.resolve()).as_posix()


def is_current(tugas: Tugas, manifest: dict[str, dict[str, object]], out: Path) -> bool:
    """True when the manifest holds the same hash and both output files exist."""
    entry = manifest.get(manifest_key(tugas.html, out))
    return bool(
        entry
        and entry.get("kunci") == tugas.kunci
        and entry.get("status") == "dibuat"
        and Path(tugas.html).exists()
        and Path(tugas.ipynb).exists()
        and office.lengkap(tugas.html, tugas.jenis)
    )
