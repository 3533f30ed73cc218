"""The regency (kabupaten/kota) the package works for, and its kecamatan.

The region is configuration, not code. It is set once:

* ``kabupaten = "Banyuwangi"`` in ``kinerja.toml`` at the project root (read by every
  command) or in the file given as ``--config``; or
* ``--kabupaten "Kabupaten Banyuwangi"`` on ``ingest``, ``report`` and ``batch`` (it wins,
  and is passed on to notebook kernels through :data:`ENV_VAR`).

The default is Kabupaten Luwu Timur. A name (``Luwu Timur``, ``Kab. Luwu Timur``,
``Kota Bandung``) or a Kemendagri code (``73.24``) is looked up in the official list of
administrative codes shipped in ``data/reference/wilayah.csv.gz`` (provinces, kabupaten/kota
and kecamatan; see ``data/reference/SOURCES.md``). The kecamatan of the region are its
kecamatan in that list, joined with the rows of ``data/reference/kecamatan.csv`` (local
spellings and aliases; a row whose ``kode_wilayah`` belongs to another regency is left out).
"""

from __future__ import annotations

import gzip
import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

ENV_VAR = "KINERJA_KABUPATEN"
"""Environment variable carrying ``--kabupaten`` to subprocesses and notebook kernels."""

PROJECT_SETTINGS = "kinerja.toml"
"""Settings file at the project root that every command reads when present."""

DEFAULT_KABUPATEN = "Kabupaten Luwu Timur"

WILAYAH_FILE = "wilayah.csv.gz"

_PREFIXES = (
    ("kabupaten", "Kabupaten"),
    ("kab", "Kabupaten"),
    ("kota", "Kota"),
    ("kotamadya", "Kota"),
)


class RegionError(ValueError):
    """The configured regency is not in the official list (the message says what to do)."""


@dataclass(frozen=True)
class Region:
    """One kabupaten/kota: its code, official name and kecamatan (code -> name)."""

    kode: str
    nama: str  # "Kabupaten Luwu Timur", "Kota Bandung"
    provinsi: str
    kecamatan: tuple[tuple[str, str], ...]

    @property
    def nama_pendek(self) -> str:
        """``Luwu Timur`` for ``Kabupaten Luwu Timur`` (``Kota Bandung`` stays whole)."""
        return re.sub(r"^Kabupaten\s+", "", self.nama)

    @property
    def kecamatan_names(self) -> list[str]:
        return [name for _, name in self.kecamatan]


def _bundled_reference() -> Path:
    """The project's ``data/reference`` when it holds the official list, else the one of
    the clone the package is installed from (a project folder made before the list was
    shipped, or one holding only its own ``kecamatan.csv``, still knows every regency)."""
    from analysis import paths

    project = paths.reference_dir()
    if (project / WILAYAH_FILE).is_file():
        return project
    clone = Path(__file__).resolve().parents[2] / "data" / "reference"
    return clone if (clone / WILAYAH_FILE).is_file() else project


@lru_cache(maxsize=4)
def load_wilayah(path: Path | None = None) -> pd.DataFrame:
    """The official list: ``kode`` (``73``, ``73.24``, ``73.24.01``), ``nama``, ``tingkat``."""
    path = path or _bundled_reference() / WILAYAH_FILE
    with gzip.open(path, "rb") as fh:
        text = fh.read().decode("utf-8")
    frame = pd.read_csv(io.StringIO(text), sep=";", dtype="str", keep_default_na=False)
    depth = frame["kode"].str.count(r"\.")
    frame["tingkat"] = depth.map({0: "provinsi", 1: "kabupaten", 2: "kecamatan"})
    return frame


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _split_prefix(text: str) -> tuple[str | None, str]:
    """(``Kabupaten``/``Kota``/None, rest) of a written regency name."""
    words = _key(text).split()
    if words and words[0] in dict(_PREFIXES):
        return dict(_PREFIXES)[words[0]], " ".join(words[1:])
    return None, " ".join(words)


def resolve(written: str, wilayah: pd.DataFrame | None = None) -> Region:
    """The regency ``written`` names (a name with or without ``Kabupaten``/``Kota``, or a code).

    Raises :class:`RegionError` for a name that names none, or two (``Bandung``: the
    Kabupaten and the Kota), saying how to write it.
    """
    table = load_wilayah() if wilayah is None else wilayah
    regencies = table[table["tingkat"] == "kabupaten"]
    text = str(written).strip()
    if re.fullmatch(r"\d{2}\.\d{2}", text):
        hit = regencies[regencies["kode"] == text]
    else:
        prefix, rest = _split_prefix(text)
        full_prefix = regencies["nama"].str.extract(r"^(Kabupaten|Kota)\b", expand=False)
        base = regencies["nama"].str.replace(r"^(Kabupaten|Kota)\s+", "", regex=True).map(_key)
        hit = regencies[(base == rest) & ((full_prefix == prefix) if prefix else True)]
    if len(hit) != 1:
        if len(hit) > 1:
            both = ", ".join(f"{n} ({k})" for k, n in zip(hit["kode"], hit["nama"], strict=True))
            reason = (
                f"menamai lebih dari satu daerah: {both}; tulis 'Kabupaten ...' atau 'Kota ...'"
            )
        else:
            reason = (
                "tidak ada dalam daftar kode wilayah Kemendagri (data/reference/wilayah.csv.gz)"
            )
        raise RegionError(
            f'kabupaten {written!r} {reason}; atur dengan `kabupaten = "Kabupaten ..."` di '
            f"{PROJECT_SETTINGS} atau --kabupaten, nama atau kode seperti '73.24'"
        )
    kode = str(hit["kode"].iloc[0])
    kec = table[(table["tingkat"] == "kecamatan") & table["kode"].str.startswith(kode + ".")]
    prov = table[table["kode"] == kode.split(".")[0]]["nama"]
    return Region(
        kode=kode,
        nama=str(hit["nama"].iloc[0]),
        provinsi=str(prov.iloc[0]) if len(prov) else "",
        kecamatan=tuple(zip(kec["kode"], kec["nama"], strict=True)),
    )


def configured_name(settings: object | None = None) -> str:
    """The regency as written by the user: ``--kabupaten`` (environment), else the
    ``kabupaten`` setting of ``settings`` when it differs from the default, else the project's
    ``kinerja.toml``, else :data:`DEFAULT_KABUPATEN`."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    given = getattr(settings, "kabupaten", None)
    if given and given != DEFAULT_KABUPATEN:
        return str(given)
    project = project_settings_file()
    if project is not None:
        from analysis.settings import load_settings

        return load_settings(project).kabupaten
    return DEFAULT_KABUPATEN


def project_settings_file() -> Path | None:
    from analysis import paths

    path = paths.project_root() / PROJECT_SETTINGS
    return path if path.is_file() else None


def current(settings: object | None = None) -> Region:
    """The configured :class:`Region` (see :func:`configured_name`)."""
    return _resolve_cached(configured_name(settings))


@lru_cache(maxsize=8)
def _resolve_cached(name: str) -> Region:
    return resolve(name)


def kecamatan_table(region: Region, local: Path | None) -> pd.DataFrame:
    """``kecamatan;slug;alias`` rows of the region: its official kecamatan, joined with the
    rows of the local ``kecamatan.csv`` (aliases, spellings, offices the list lacks).

    A local row whose ``kode_wilayah`` names another regency is left out, so the bundled
    Luwu Timur aliases never claim a file of another regency.
    """
    official = pd.DataFrame(
        {
            "kecamatan": region.kecamatan_names,
            "slug": [_key(n).replace(" ", "-") for n in region.kecamatan_names],
            "alias": "",
        }
    )
    if local is None or not local.is_file():
        return official
    rows = pd.read_csv(local, sep=";", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    if "kode_wilayah" in rows:
        code = rows["kode_wilayah"].str.strip()
        rows = rows[(code == "") | code.str.startswith(region.kode + ".")]
    rows = rows.reindex(columns=["kecamatan", "slug", "alias"], fill_value="")
    rows["kecamatan"] = rows["kecamatan"].str.strip()
    # local rows first: their canonical spelling and aliases win over the official ones
    official_keys = official["kecamatan"].map(_key)
    local_keys = set(rows["kecamatan"].map(_key))
    merged = pd.concat([rows, official[~official_keys.isin(local_keys)]], ignore_index=True)
    return merged[merged["kecamatan"] != ""].reset_index(drop=True)


def unknown_kecamatan_hint(region: Region) -> str:
    """One line saying where a kecamatan the reader did not recognise can be added."""
    return (
        f"kecamatan {region.nama} menurut kode wilayah: {', '.join(region.kecamatan_names)}; "
        "ejaan lain ditambahkan sebagai alias di data/reference/kecamatan.csv"
    )
