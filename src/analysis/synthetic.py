"""Synthetic raw data in the contract's formats, for tests and benchmarks.

The bundled data covers three kecamatan; the quarterly batch of a regency has eleven and a
national roll-out 7,277. This module makes data of any of those sizes with the shape of the
real reports (standard Permendagri 90 nomenclature, percentage, count and index
indicators, a cash plan per quarter, an IKU history) so that the reports and the
benchmarks exercise the same code paths as the real files. Everything is vectorised with
NumPy and seeded, so a given call always writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import region
from analysis.paths import slugify

DEFAULT_KECAMATAN: tuple[str, ...] = tuple(
    sorted(region.resolve(region.DEFAULT_KABUPATEN).kecamatan_names)
)
"""The kecamatan of the default regency, from the official list of codes."""

_PROGRAM_NAMES = (
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
    "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
    "Program Koordinasi Ketentraman dan Ketertiban Umum",
    "Program Penyelenggaraan Urusan Pemerintahan Umum",
    "Program Pembinaan dan Pengawasan Pemerintahan Desa",
)

# (indicator stem, satuan, agregasi, annual target, per-quarter target rule)
_INDICATOR_KINDS = (
    ("Jumlah Laporan", "Laporan", "jumlah", 12.0),
    ("Persentase Kegiatan yang Terlaksana", "%", "rata_rata", 100.0),
    ("Jumlah Dokumen", "Dokumen", "jumlah", 4.0),
    ("Indeks Kepuasan Layanan", "Nilai", "akhir", 82.0),
)


@dataclass(frozen=True)
class Structure:
    """Size of one kecamatan's hierarchy: programs x kegiatan x sub kegiatan."""

    program: int = 4
    kegiatan: int = 2
    sub_kegiatan: int = 4

    @property
    def rows(self) -> int:
        """Indicator rows per kecamatan-year (one indicator per node)."""
        return self.program * (1 + self.kegiatan * (1 + self.sub_kegiatan))


def synthetic_names(n: int) -> list[str]:
    """Kecamatan names for ``n``: the default regency's own first, then ``Sintetis 0001``..."""
    names = list(DEFAULT_KECAMATAN[: min(n, len(DEFAULT_KECAMATAN))])
    names += [f"Sintetis {i:05d}" for i in range(1, n - len(names) + 1)]
    return names


def _template(structure: Structure) -> pd.DataFrame:
    """One kecamatan-year's rows: kode, tingkat, uraian, indikator, satuan, agregasi."""
    rows: list[tuple[str, str, str]] = []
    for p in range(1, structure.program + 1):
        p_code = f"7.01.{p:02d}"
        rows.append((p_code, "program", _PROGRAM_NAMES[(p - 1) % len(_PROGRAM_NAMES)]))
        for k in range(1, structure.kegiatan + 1):
            k_code = f"{p_code}.2.{k:02d}"
            rows.append((k_code, "kegiatan", f"Kegiatan {p}.{k} Koordinasi dan Pelaksanaan"))
            for s in range(1, structure.sub_kegiatan + 1):
                rows.append(
                    (f"{k_code}.{s:02d}", "sub_kegiatan", f"Sub Kegiatan {p}.{k}.{s} Pelayanan")
                )
    frame = pd.DataFrame(rows, columns=["kode", "tingkat", "uraian"])
    kinds = np.arange(len(frame)) % len(_INDICATOR_KINDS)
    # Programs and kegiatan carry percentage indicators, as in the real reports.
    kinds = np.where(frame["tingkat"].to_numpy() == "sub_kegiatan", kinds, 1)
    frame["indikator"] = [
        f"{_INDICATOR_KINDS[i][0]} {u}" for i, u in zip(kinds, frame["uraian"], strict=True)
    ]
    frame["satuan"] = [_INDICATOR_KINDS[i][1] for i in kinds]
    frame["agregasi"] = [_INDICATOR_KINDS[i][2] for i in kinds]
    frame["target_tahunan"] = [_INDICATOR_KINDS[i][3] for i in kinds]
    return frame


def make_kinerja_anggaran(
    kecamatan: Sequence[str],
    tahun: Sequence[int] = (2024, 2025),
    structure: Structure | None = None,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (kinerja, anggaran, iku) raw-layout frames (contract 1a, 1c, 1d).

    Realisasi is drawn around the target so that every band occurs; a few quarters are
    left unreported, as real offices do. Budgets are whole rupiah; decimals have two
    places at most so that the files stay unambiguous under the contract's number rule
    (a dot followed by three digits is a thousands separator).
    """
    structure = structure or Structure()
    rng = np.random.default_rng(seed)
    tpl = _template(structure)
    n_t, n_k, n_y = len(tpl), len(kecamatan), len(tahun)
    n = n_t * n_k * n_y
    frame = pd.concat([tpl] * (n_k * n_y), ignore_index=True)
    frame.insert(0, "kecamatan", np.repeat(np.tile(np.asarray(kecamatan, dtype=object), n_y), n_t))
    frame.insert(0, "tahun", np.repeat(np.asarray(tahun), n_k * n_t))

    agg = frame["agregasi"].to_numpy()
    annual = frame["target_tahunan"].to_numpy()
    per_q = np.where(agg == "jumlah", annual / 4.0, annual)
    performance = rng.normal(0.93, 0.15, size=(n, 4)).clip(0.0, 1.6)
    # Some offices lag all year: the bands below Sedang need examples too.
    lagging = rng.random(n) < 0.08
    performance[lagging] *= 0.55
    for q in range(4):
        target = per_q
        real = target * performance[:, q]
        real = np.where(agg == "jumlah", np.round(real), np.round(real, 2))
        missing = rng.random(n) < 0.02
        frame[f"target_tw{q + 1}"] = target
        frame[f"realisasi_tw{q + 1}"] = np.where(missing, np.nan, real)
    frame["keterangan"] = np.where(
        performance[:, 3] < 0.76, "Kegiatan tertunda karena jadwal bergeser", ""
    )

    anggaran = frame[["tahun", "kecamatan", "kode", "uraian"]].copy()
    leaf = frame["tingkat"].to_numpy() == "sub_kegiatan"
    pagu = np.round(rng.lognormal(17.0, 1.0, size=n), -3)
    plan_share = rng.dirichlet(np.ones(4) * 4, size=n)
    absorb = rng.normal(0.92, 0.1, size=(n, 4)).clip(0.2, 1.15)
    anggaran["pagu"] = pagu
    for q in range(4):
        plan = np.round(pagu * plan_share[:, q], -3)
        anggaran[f"anggaran_tw{q + 1}"] = plan
        anggaran[f"realisasi_anggaran_tw{q + 1}"] = np.round(plan * absorb[:, q], -2)
    anggaran = anggaran[leaf].reset_index(drop=True)
    anggaran.insert(4, "sumber_dana", "DAU")

    iku = _make_iku(kecamatan, tahun, rng)
    return frame, anggaran, iku


def _make_iku(
    kecamatan: Sequence[str], tahun: Sequence[int], rng: np.random.Generator
) -> pd.DataFrame:
    """IKM per quarter and Nilai LAKIP per year for every kecamatan-year."""
    k = np.asarray(kecamatan, dtype=object)
    parts = []
    for year in tahun:
        for q in (1, 2, 3, 4):
            parts.append(
                pd.DataFrame(
                    {
                        "tahun": year,
                        "triwulan": q,
                        "kecamatan": k,
                        "indikator": "Indeks Kepuasan Masyarakat",
                        "satuan": "Nilai",
                        "polaritas": "positif",
                        "target": 82.0,
                        "realisasi": np.round(rng.normal(81.0, 4.0, size=len(k)), 2),
                    }
                )
            )
        parts.append(
            pd.DataFrame(
                {
                    "tahun": year,
                    "triwulan": pd.NA,
                    "kecamatan": k,
                    "indikator": "Nilai LAKIP",
                    "satuan": "Nilai",
                    "polaritas": "positif",
                    "target": 70.0,
                    "realisasi": np.round(rng.normal(66.0, 5.0, size=len(k)), 2),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def write_reference(kecamatan: Sequence[str], reference_dir: Path) -> Path:
    """Write a ``kecamatan.csv`` reference that knows the synthetic names."""
    reference_dir.mkdir(parents=True, exist_ok=True)
    ref = pd.DataFrame(
        {
            "kecamatan": list(kecamatan),
            "slug": [slugify(k) for k in kecamatan],
            "alias": [f"Kec. {k}|KECAMATAN {k.upper()}|{k.lower()}" for k in kecamatan],
        }
    )
    path = reference_dir / "kecamatan.csv"
    ref.to_csv(path, sep=";", index=False)
    return path


def generate_raw(
    raw_dir: Path,
    kecamatan: Sequence[str],
    tahun: Sequence[int] = (2024, 2025),
    structure: Structure | None = None,
    seed: int = 0,
    per_kecamatan: bool = True,
    prefix: str = "sintetis",
) -> list[Path]:
    """Write raw CSV files (1a kinerja, 1c anggaran, 1d iku) and return their paths.

    ``per_kecamatan=True`` writes one file per kecamatan-year and kind, as offices send
    them (``<slug>_<tahun>_kinerja.csv``); ``False`` writes one file per year and kind
    holding every kecamatan (``<prefix>_<tahun>_kinerja.csv``), the shape a provincial
    export has and the cheaper one to read at national scale.
    """
    raw_dir.mkdir(parents=True, exist_ok=True)
    kinerja, anggaran, iku = make_kinerja_anggaran(kecamatan, tahun, structure, seed)
    written: list[Path] = []
    tables = {"kinerja": kinerja, "anggaran": anggaran, "iku": iku}
    for what, table in tables.items():
        keys = ["tahun", "kecamatan"] if per_kecamatan else ["tahun"]
        for key, part in table.groupby(keys, sort=False):
            key = key if isinstance(key, tuple) else (key,)
            name = slugify(key[1]) if per_kecamatan else prefix
            path = raw_dir / f"{name}_{key[0]}_{what}.csv"
            part.to_csv(path, sep=";", index=False, encoding="utf-8")
            written.append(path)
    return written
