"""The report grid: which notebook runs with which parameters, where its files go.

A :class:`Tugas` is one report (a kecamatan and quarter, or the regency overview); its
output names come from the ``slug`` column of ``data/reference/kecamatan.csv``
(:class:`Referensi`), cleaned again and checked to resolve inside ``--out``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.paths import slugify

NOTEBOOKS_DIR = Path(__file__).resolve().parents[3] / "notebooks"
"""The notebooks shipped in the repository (src layout: two levels above ``analysis``)."""


NOTEBOOK_LAPORAN = "laporan_kecamatan.ipynb"


NOTEBOOK_RINGKASAN = "ringkasan_kabupaten.ipynb"


RINGKASAN_SLUG = "ringkasan-kabupaten"


class InputError(Exception):
    """Bad request from the command line (exit code 2), with a message a person can act on."""


@dataclass(frozen=True)
class Referensi:
    """Kecamatan names, their aliases and file-name slugs (``data/reference/kecamatan.csv``)."""

    slug: dict[str, str]
    alias: dict[str, str]

    @classmethod
    def load(cls, reference_dir: Path | None = None, extra: Iterable[str] = ()) -> Referensi:
        """Read the reference; ``extra`` names (present in the data) get derived slugs."""
        import csv

        path = (reference_dir or paths.reference_dir()) / "kecamatan.csv"
        slug: dict[str, str] = {}
        alias: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle, delimiter=";"):
                    name = (row.get("kecamatan") or "").strip()
                    if not name:
                        continue
                    slug[name] = slugify(row.get("slug") or name) or slugify(name)
                    for a in [name, *(row.get("alias") or "").split("|")]:
                        if a.strip():
                            alias[_norm(a)] = name
        for name in extra:
            if name not in slug:
                slug[name] = slugify(name)
                alias.setdefault(_norm(name), name)
        return cls(slug=slug, alias=alias)

    def resolve(self, requested: str) -> str:
        """Canonical name of ``requested`` (any alias, any case); refuses unknown names."""
        name = self.alias.get(_norm(requested))
        if name is None:
            valid = ", ".join(sorted(self.slug))
            raise InputError(f"Kecamatan {requested!r} tidak dikenal. Nama yang valid: {valid}.")
        return name


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def safe_output(out: Path, *parts: str) -> Path:
    """``out/part/...`` resolved, refusing anything that would land outside ``out``."""
    root = out.resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        raise InputError(f"Jalur keluaran {target} berada di luar folder laporan {root}.")
    return target


@dataclass(frozen=True)
class Tugas:
    """One notebook to execute and export."""

    jenis: str  # "laporan" or "ringkasan"
    tahun: int
    triwulan: int
    kecamatan: str | None
    notebook: str
    html: str
    ipynb: str
    parameter: dict[str, object] = field(hash=False)
    kunci: str = ""
    ditolak: str | None = None  # why the job cannot run at all (it fails alone)

    @property
    def nama(self) -> str:
        period = f"{self.tahun} TW {('I', 'II', 'III', 'IV')[self.triwulan - 1]}"
        who = f"Kecamatan {self.kecamatan}" if self.kecamatan else "Ringkasan kabupaten"
        return f"{who} {period}"


@dataclass
class Hasil:
    """What happened to one job."""

    tugas: Tugas
    status: str  # "dibuat", "dilewati", "gagal"
    detik: float = 0.0
    sel: int | None = None
    galat: str | None = None

    def baris_ringkasan(self, out: Path) -> str:
        if not self.tugas.ipynb:  # refused before any file was named
            return f"  - {self.tugas.nama}: {self.galat}"
        where = f"sel #{self.sel}" if self.sel is not None else "di luar sel"
        notebook = _relative(Path(self.tugas.ipynb), out)
        return f"  - {self.tugas.nama}: {where}: {self.galat} (notebook: {notebook})"


def _relative(path: Path, out: Path) -> str:
    try:
        return str(path.relative_to(out.resolve().parent))
    except ValueError:
        return str(path)


def report_job(
    out: Path, processed: Path, ref: Referensi, kecamatan: str, tahun: int, triwulan: int
) -> Tugas:
    folder = (str(tahun), f"TW{triwulan}")
    slug = ref.slug.get(kecamatan) or slugify(kecamatan)
    if not slug:
        raise InputError(f"Nama kecamatan {kecamatan!r} tidak menghasilkan nama berkas yang sah.")
    html = safe_output(out, *folder, f"{slug}.html")
    return Tugas(
        jenis="laporan",
        tahun=tahun,
        triwulan=triwulan,
        kecamatan=kecamatan,
        notebook=str(NOTEBOOKS_DIR / NOTEBOOK_LAPORAN),
        html=str(html),
        ipynb=str(html.with_suffix(".ipynb")),
        parameter={
            "kecamatan": kecamatan,
            "tahun": tahun,
            "triwulan": triwulan,
            "processed_dir": str(processed),
        },
    )


def overview_job(
    out: Path, processed: Path, tahun: int, triwulan: int, tautan: dict[str, str]
) -> Tugas:
    html = safe_output(out, str(tahun), f"TW{triwulan}", f"{RINGKASAN_SLUG}.html")
    return Tugas(
        jenis="ringkasan",
        tahun=tahun,
        triwulan=triwulan,
        kecamatan=None,
        notebook=str(NOTEBOOKS_DIR / NOTEBOOK_RINGKASAN),
        html=str(html),
        ipynb=str(html.with_suffix(".ipynb")),
        parameter={
            "tahun": tahun,
            "triwulan": triwulan,
            "processed_dir": str(processed),
            "tautan": dict(sorted(tautan.items())),
        },
    )
