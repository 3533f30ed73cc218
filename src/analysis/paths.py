"""Default locations of the project's folders.

Everything is relative to the project root (the folder holding ``data/``), found from the
current directory so that the command line works from a clone, from a scheduler's working
directory or from a notebook inside ``notebooks/``.
"""

from __future__ import annotations

import re
from pathlib import Path


def project_root(start: Path | None = None) -> Path:
    """Return the nearest folder at or above ``start`` that holds ``data/raw``.

    Falls back to ``start`` (the current directory) when none is found, so that a user
    who passes explicit paths is never forced into the repository layout.
    """
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "data" / "raw").is_dir():
            return candidate
    return here


def raw_dir(root: Path | None = None) -> Path:
    """Folder of the spreadsheets as kecamatan send them (read-only for the package)."""
    return (root or project_root()) / "data" / "raw"


def processed_dir(root: Path | None = None) -> Path:
    """Folder of the tidy tables written by ``ingest``."""
    return (root or project_root()) / "data" / "processed"


def reference_dir(root: Path | None = None) -> Path:
    """Folder of reference tables (kecamatan names and aliases, nomenclature).

    Without ``root``, the project found from the current directory; when that has none
    (a scheduler started elsewhere), the reference the package was installed from.
    """
    folder = (root or project_root()) / "data" / "reference"
    if root is None and not folder.is_dir():
        bundled = Path(__file__).resolve().parents[2] / "data" / "reference"
        if bundled.is_dir():
            return bundled
    return folder


def reports_dir(root: Path | None = None) -> Path:
    """Folder of the generated HTML reports."""
    return (root or project_root()) / "reports"


def slugify(name: str) -> str:
    """``Tomoni Timur`` -> ``tomoni-timur``; anything but ``a-z0-9`` becomes one ``-``.

    The file-name form of a kecamatan (raw files ``<slug>_<tahun>_...``, reports
    ``<slug>.html``). Used on the reference's ``slug`` as well, so a hostile reference
    value such as ``../../etc`` still cannot name a path outside the reports folder.
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
