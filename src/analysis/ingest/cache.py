"""Skip an ``ingest`` whose inputs have not changed since the last successful one.

A successful ingest leaves ``.ingest-stamp.json`` in the output folder: a fingerprint of
everything the tables depend on, the raw folder and output folder it belongs to, and
the content hash (SHA-256) of every file written. The stamp is computed from the inputs
as they were *when the run began* (:func:`snapshot`, before anything is read) and is
written into the new folder before the swap, under the ingest lock
(:func:`stamper`, called by :func:`analysis.storage.write_tables`): tables and stamp
arrive together or not at all, so a second ingest into the same ``--out`` can never
leave one run's stamp over another run's tables. If any raw file changed while the run
read it, no stamp is written (a note says so) and the next run rebuilds.

A rerun (:func:`skip_unchanged`, called by the command line before the heavy imports)
recomputes the fingerprint and returns without work when

- the stamp belongs to this output folder and this raw folder;
- every file under the raw folder has the same content (SHA-256; the hash of a file whose
  size, modification and change times and inode are unchanged is taken from the stamp,
  so a rerun reads no data - the change time cannot be set back by a program), no file
  was added, removed or renamed, no link points elsewhere;
- the reference tables (kecamatan, nomenklatur) have the same content;
- the settings (defaults or ``--config``) resolve to the same values, ``--lenient`` is the
  same, and so are the package's code (hash of its source files) and the versions of
  the libraries that read and write the tables;
- every file the stamp lists is still in the output folder with the same content hash
  (by the same rule: a file whose size, times or inode moved is hashed again, so an
  edit that keeps size and modification time is still seen), and no other file is there.

``--force`` always rebuilds. The module imports nothing heavy (no pandas) so that the
skip itself takes a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from analysis import __version__, paths

STAMP = ".ingest-stamp.json"
FORMAT = 3
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
    from analysis.settings import load_settings

    return repr(load_settings(config))


def _outputs(out: Path, known: object = None) -> dict[str, list]:
    """``{name: [size, mtime_ns, ctime_ns, inode, sha256]}`` of the files in ``out``."""
    previous = known if isinstance(known, dict) else {}
    files: dict[str, list] = {}
    for item in sorted(out.iterdir()) if out.is_dir() else []:
        if item.name == STAMP or item.name.startswith(f"{STAMP}.tmp"):
            continue
        if item.is_symlink() or not item.is_file():
            files[item.name] = [-1, -1, -1, -1, "bukan-file"]
            continue
        st = item.stat()
        key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        prev = previous.get(item.name)
        if isinstance(prev, list) and prev[:4] == key:
            files[item.name] = prev
        else:
            files[item.name] = [*key, _sha256(item)]
    return files


def _same_outputs(now: dict[str, list], recorded: object) -> bool:
    if not isinstance(recorded, dict) or set(now) != set(recorded):
        return False
    return all(isinstance(recorded[k], list) and recorded[k][-1] == v[-1] for k, v in now.items())


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
        for name in ("kecamatan.csv", "nomenklatur.csv", "nomenklatur_nasional.csv")
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
    if previous.get("out") != str(out.resolve()):
        return False  # a stamp copied or moved with its folder belongs to another output
    try:
        if not _same_outputs(_outputs(out, previous.get("outputs")), previous.get("outputs")):
            return False
    except OSError:
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


class Snapshot:
    """The inputs of a run as they were before anything was read."""

    def __init__(self, fingerprint: str, raw_files: dict[str, list]) -> None:
        self.fingerprint = fingerprint
        self.raw_files = raw_files


def snapshot(args: object) -> Snapshot | None:
    """Fingerprint of the inputs *before* the run reads them; None (and no stamp later)
    when they cannot be fingerprinted (the pipeline reports what is wrong)."""
    try:
        print_, raw_files = fingerprint(
            Path(args.raw),  # type: ignore[attr-defined]
            getattr(args, "config", None),
            bool(getattr(args, "lenient", False)),
            _load(Path(args.out)),  # type: ignore[attr-defined]  # hashes of unmoved files
        )
    except (_NotCacheable, OSError):
        return None
    return Snapshot(print_, raw_files)


def stamper(args: object, before: Snapshot | None, summary: Callable[[dict], str]):
    """The hook :func:`analysis.storage.write_tables` calls with the new folder, under the
    ingest lock and before the swap: it writes the stamp there when the raw files are
    still what the run began with. Never fails the ingest."""
    out = Path(args.out)  # type: ignore[attr-defined]
    raw = Path(args.raw)  # type: ignore[attr-defined]

    def write(folder: Path, written: dict) -> None:
        if before is None:
            return
        try:
            now = {k: v[-1] for k, v in _tree(raw, before.raw_files).items()}
            then = {k: v[-1] for k, v in before.raw_files.items()}
            if now != then:
                changed = sorted(k for k in set(now) | set(then) if now.get(k) != then.get(k))
                print(
                    f"catatan: data mentah berubah selama ingest ({', '.join(changed[:5])}); "
                    "penanda ingest tidak ditulis, rerun akan membangun ulang",
                    file=sys.stderr,
                )
                return
            data = {
                "format": FORMAT,
                "fingerprint": before.fingerprint,
                "raw": str(raw.resolve()),
                "out": str(out.resolve()),
                "raw_files": before.raw_files,
                "outputs": _outputs(folder),
                "summary": summary(written),
            }
            tmp = folder / f"{STAMP}.tmp-{os.getpid()}"
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, folder / STAMP)
        except (_NotCacheable, OSError) as exc:
            print(
                f"catatan: penanda ingest tidak ditulis ({exc}); rerun akan membangun ulang",
                file=sys.stderr,
            )

    return write
