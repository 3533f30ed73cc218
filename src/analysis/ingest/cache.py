"""Skip an ``ingest`` whose inputs have not changed since the last successful one.

After a successful ingest, :func:`record` writes ``.ingest-stamp.json`` into the output
folder: a fingerprint of everything the tables depend on, and the size and modification
time of every table written. A rerun (:func:`skip_unchanged`, called by the command line
before the heavy imports) recomputes the fingerprint and returns without work when

- every file under the raw folder has the same content (SHA-256; the hash of a file whose
  size, modification and change times and inode are unchanged is taken from the stamp,
  so a rerun reads no data - the change time cannot be set back by a program), no file
  was added, removed or renamed;
- the reference tables (kecamatan, nomenklatur) have the same content;
- the settings (defaults or ``--config``) resolve to the same values, ``--lenient`` is the
  same, and so are the package's code (hash of its source files) and the versions of
  the libraries that read and write the tables;
- every table the stamp lists is still in the output folder, unchanged in size and
  modification time (deleted or edited tables are rebuilt).

``--force`` always rebuilds. The module imports nothing heavy (no pandas) so that the
skip itself takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path

from analysis import __version__, paths

STAMP = ".ingest-stamp.json"
FORMAT = 2
LIBRARIES = ("pandas", "numpy", "pyarrow", "python-calamine", "openpyxl")
PACKAGE_DIR = Path(__file__).resolve().parents[1]
_CHUNK = 1 << 20


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


class _NotCacheable(Exception):
    """Something the pipeline must see and report (unreadable folder, missing raw...)."""


def _tree(folder: Path, known: dict[str, list]) -> dict[str, list]:
    """``{relative path: [size, mtime_ns, sha256]}`` of every file under ``folder``."""
    out: dict[str, list] = {}

    def fail(exc: OSError) -> None:
        raise _NotCacheable(str(exc))

    if not folder.is_dir():
        raise _NotCacheable(f"{folder} is not a folder")
    for dirpath, dirnames, filenames in os.walk(folder, onerror=fail, followlinks=False):
        dirnames.sort()
        here = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (here / d).is_symlink()]:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            try:
                if path.is_symlink():
                    # the link itself counts (where it points), and its target's state
                    target = os.readlink(path)
                    st = path.stat() if path.exists() else None
                    out[rel] = [
                        st.st_size if st else -1,
                        st.st_mtime_ns if st else -1,
                        st.st_ctime_ns if st else -1,
                        st.st_ino if st else -1,
                        "link:" + target,
                    ]
                    continue
                st = path.stat()
            except OSError as exc:
                raise _NotCacheable(str(exc)) from exc
            prev = known.get(rel)
            key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            if prev and prev[:4] == key:
                out[rel] = prev
            else:
                try:
                    out[rel] = [*key, _sha256(path)]
                except OSError as exc:
                    raise _NotCacheable(str(exc)) from exc
    return out


def _code_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in {".py", ".toml", ".csv", ".json", ".tpl", ".j2"} and path.is_file():
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def _reference_dir(raw: Path) -> Path:
    """The folder :func:`analysis.ingest.pipeline.ingest` takes its reference tables from."""
    ref = paths.reference_dir(paths.project_root(raw.parent.parent))
    return ref if (ref / "kecamatan.csv").exists() else paths.reference_dir()


def _settings_repr(config: Path | None) -> str:
    from analysis import region
    from analysis.settings import load_settings

    settings = load_settings(config)
    # the regency may also come from --kabupaten or the project's kinerja.toml
    return repr(settings) + " | kabupaten: " + region.configured_name(settings)


def _outputs(out: Path) -> dict[str, list[int]]:
    files = {}
    for item in sorted(out.iterdir()) if out.is_dir() else []:
        if item.name != STAMP and item.is_file() and not item.is_symlink():
            st = item.stat()
            files[item.name] = [st.st_size, st.st_mtime_ns]
    return files


def _load(out: Path) -> dict | None:
    try:
        data = json.loads((out / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def fingerprint(
    raw: Path, config: Path | None, lenient: bool, previous: dict | None
) -> tuple[str, dict]:
    """(fingerprint, raw file table) of the inputs; raises ``_NotCacheable``."""
    known = (previous or {}).get("raw_files", {})
    raw_files = _tree(raw, known if isinstance(known, dict) else {})
    ref_dir = _reference_dir(raw)
    ref_files = {
        name: _sha256(ref_dir / name)
        for name in ("kecamatan.csv", "nomenklatur.csv", "wilayah.csv.gz")
        if (ref_dir / name).is_file()
    }
    try:
        settings = _settings_repr(config)
    except Exception as exc:  # the pipeline reports a bad settings file
        raise _NotCacheable(str(exc)) from exc
    parts = {
        "raw": str(raw.resolve()),
        "files": {k: v[-1] for k, v in raw_files.items()},
        "reference": [str(ref_dir.resolve()), ref_files],
        "settings": settings,
        "lenient": lenient,
        "code": _code_hash(),
    }
    blob = json.dumps(parts, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest(), raw_files


def skip_unchanged(args: object) -> bool:
    """True (and a line printed) when ``args.out`` already holds the tables of these inputs."""
    if getattr(args, "force", False):
        return False
    out = Path(args.out)  # type: ignore[attr-defined]
    previous = _load(out)
    if previous is None:
        return False
    try:
        print_, _ = fingerprint(
            Path(args.raw),  # type: ignore[attr-defined]
            getattr(args, "config", None),
            bool(getattr(args, "lenient", False)),
            previous,
        )
    except (_NotCacheable, OSError):
        return False
    if print_ != previous.get("fingerprint"):
        return False
    if _outputs(out) != previous.get("outputs"):
        return False
    print(
        f"ingest dilewati: data mentah, referensi, pengaturan dan versi paket tidak berubah "
        f"sejak ingest terakhir; tabel di {out} tetap (jalankan dengan --force untuk "
        "membangun ulang)"
    )
    if previous.get("summary"):
        print(f"ingest terakhir: {previous['summary']}")
    return True


def forget(out: Path) -> None:
    """Drop the stamp before the tables are rewritten (a crash then means a rebuild)."""
    try:
        (Path(out) / STAMP).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        print(f"peringatan: {out / STAMP} tidak dapat dihapus: {exc}", file=sys.stderr)


def record(args: object, summary: str) -> None:
    """After a successful ingest: write the stamp (atomically). Never fails the ingest."""
    out = Path(args.out)  # type: ignore[attr-defined]
    try:
        print_, raw_files = fingerprint(
            Path(args.raw),  # type: ignore[attr-defined]
            getattr(args, "config", None),
            bool(getattr(args, "lenient", False)),
            None,
        )
        data = {
            "format": FORMAT,
            "fingerprint": print_,
            "raw_files": raw_files,
            "outputs": _outputs(out),
            "summary": summary,
        }
        tmp = out / f"{STAMP}.tmp-{os.getpid()}"
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, out / STAMP)
    except (_NotCacheable, OSError) as exc:
        print(
            f"catatan: penanda ingest tidak ditulis ({exc}); rerun akan membangun ulang",
            file=sys.stderr,
        )
