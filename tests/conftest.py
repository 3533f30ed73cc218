"""Shared fixtures.

Reports: ``olahan_kecil`` is a small processed dataset built directly in the schema's
columns (two kecamatan, two years, four quarters) with hostile strings in uraian,
indikator, keterangan and findings; it lets the report tests run without the ingest
stage and pins exactly what the reports must escape. ``olahan_sintetis`` goes through the
real stages (synthetic raw CSVs -> ``python -m analysis ingest``) for eleven kecamatan.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import schema

ROOT = Path(__file__).resolve().parents[1]

HOSTILE_URAIAN = "<script>alert('uraian')</script> Sub Kegiatan Berbahaya"
HOSTILE_INDIKATOR = '<img src=x onerror="alert(1)"> Jumlah Laporan'
HOSTILE_KETERANGAN = "<a href=\"javascript:alert('ket')\">klik</a> 'kutip\" </style><b>tebal</b>"
HOSTILE_PESAN = "<iframe src=//evil.example></iframe> pagu tidak cocok"
HOSTILE_STRINGS = (HOSTILE_URAIAN, HOSTILE_INDIKATOR, HOSTILE_KETERANGAN, HOSTILE_PESAN)


def _kategori(values: pd.Series) -> pd.Series:
    from analysis.metrics.bands import kategori

    return kategori(values)


def build_processed(
    folder: Path,
    kecamatan: Sequence[str] = ("Wotu", "Tomoni Timur"),
    tahun: Sequence[int] = (2024, 2025),
    quarters_last_year: int = 2,
    seed: int = 7,
) -> Path:
    """Write the seven processed tables (Parquet) for a small, fully known dataset.

    Each kecamatan-year has 2 programs x 1 kegiatan x 2 sub kegiatan, one indicator per
    node. The last year is reported up to ``quarters_last_year`` only (later quarters keep
    targets and no realisasi, as the pipeline writes them), so "no data" paths are real.
    """
    rng = np.random.default_rng(seed)
    nodes = []
    for p in (1, 2):
        pk = f"7.01.0{p}"
        nodes.append((pk, "program", f"Program Pelayanan {p}", pk, None))
        kk = f"{pk}.2.01"
        nodes.append((kk, "kegiatan", f"Kegiatan Koordinasi {p}", pk, kk))
        for s in (1, 2):
            sk = f"{kk}.0{s}"
            name = HOSTILE_URAIAN if (p, s) == (1, 2) else f"Sub Kegiatan Layanan {p}.{s}"
            nodes.append((sk, "sub_kegiatan", name, pk, kk))
    tpl = pd.DataFrame(
        nodes, columns=["kode", "tingkat", "uraian", "kunci_program", "kunci_kegiatan"]
    )
    tpl["kunci"] = tpl["kode"]
    grid = pd.MultiIndex.from_product(
        [list(kecamatan), list(tahun), [1, 2, 3, 4], range(len(tpl))],
        names=["kecamatan", "tahun", "triwulan", "node"],
    ).to_frame(index=False)
    k = grid.join(tpl, on="node").drop(columns="node")
    n = len(k)
    k["indikator"] = "Jumlah Laporan " + k["uraian"].str.slice(0, 20)
    k.loc[k["uraian"] == HOSTILE_URAIAN, "indikator"] = HOSTILE_INDIKATOR
    k["satuan"] = "Laporan"
    k["polaritas"] = "positif"
    k["agregasi"] = "jumlah"
    k["target_tahunan"] = 12.0
    k["target_tw"] = 3.0
    perf = rng.uniform(0.4, 1.15, size=n)
    k["realisasi_tw"] = np.round(3.0 * perf)
    unreported = (k["tahun"] == max(tahun)) & (k["triwulan"] > quarters_last_year)
    k.loc[unreported, "realisasi_tw"] = np.nan
    k["capaian_tw_persen"] = k["realisasi_tw"] / k["target_tw"] * 100
    k["target_sd"] = 3.0 * k["triwulan"]
    cum = k.groupby(["kecamatan", "tahun", "kunci"])["realisasi_tw"].cumsum()
    k["realisasi_sd"] = cum.where(k["realisasi_tw"].notna())
    k["capaian_sd_persen"] = k["realisasi_sd"] / k["target_sd"] * 100
    k["capaian_tahunan_persen"] = k["realisasi_sd"] / k["target_tahunan"] * 100
    k["kategori"] = _kategori(k["capaian_sd_persen"])
    k["sumber"] = "sintetis.csv:Sheet1:" + (k.index + 2).astype("str")
    k["capaian_tw_dilaporkan"] = np.nan
    k["capaian_sd_dilaporkan"] = np.nan
    k["keterangan"] = np.where(k["capaian_sd_persen"] < 90, HOSTILE_KETERANGAN, "")
    k["catatan_sumber"] = ""
    k["pagu_indikator"] = np.nan  # a plan's per-indicator Rp: none in quarterly reports
    k = k[schema.KINERJA]

    a = k[
        [
            "kecamatan",
            "tahun",
            "triwulan",
            "kode",
            "tingkat",
            "uraian",
            "kunci",
            "kunci_program",
            "kunci_kegiatan",
        ]
    ].copy()
    leaf = a["tingkat"] == "sub_kegiatan"
    a["pagu"] = np.where(leaf, 40_000_000.0, np.nan)
    a["anggaran_tw"] = np.where(leaf, 10_000_000.0, np.nan)
    a["realisasi_anggaran_tw"] = np.where(
        leaf, np.round(10_000_000.0 * rng.uniform(0.5, 1.05, size=n), -3), np.nan
    )
    a.loc[unreported, "realisasi_anggaran_tw"] = np.nan
    a["anggaran_sd"] = a["anggaran_tw"] * a["triwulan"]
    a["realisasi_anggaran_sd"] = a.groupby(["kecamatan", "tahun", "kunci"])[
        "realisasi_anggaran_tw"
    ].cumsum()
    a.loc[a["realisasi_anggaran_tw"].isna(), "realisasi_anggaran_sd"] = np.nan
    # parents: sums of their children
    for level, key in (("kegiatan", "kunci_kegiatan"), ("program", "kunci_program")):
        sums = (
            a[leaf]
            .groupby(["kecamatan", "tahun", "triwulan", key])[
                ["pagu", "anggaran_sd", "realisasi_anggaran_sd"]
            ]
            .sum(min_count=1)
        )
        idx = a["tingkat"] == level
        joined = a.loc[idx, ["kecamatan", "tahun", "triwulan", "kunci"]].merge(
            sums.reset_index().rename(columns={key: "kunci"}), how="left"
        )
        for col in ("pagu", "anggaran_sd", "realisasi_anggaran_sd"):
            a.loc[idx, col] = joined[col].to_numpy()
    a["serapan_kas_persen"] = a["realisasi_anggaran_sd"] / a["anggaran_sd"] * 100
    a["serapan_pagu_persen"] = a["realisasi_anggaran_sd"] / a["pagu"] * 100
    a["kategori_serapan"] = _kategori(a["serapan_kas_persen"])
    a["sumber"] = "sintetis_anggaran.csv:Sheet1:2"
    a["serapan_dilaporkan"] = np.nan
    a["sumber_dana"] = "DAU"
    a["keterangan"] = ""
    a["catatan_sumber"] = ""
    a = a[schema.ANGGARAN]

    r = _ringkasan(k, a)
    tren = pd.DataFrame(
        {
            "jenis": "antar_tahun",
            "kecamatan": k["kecamatan"],
            "kode": k["kode"],
            "kunci": k["kunci"],
            "uraian": k["uraian"],
            "indikator": k["indikator"],
            "triwulan": k["triwulan"],
            "tahun": k["tahun"],
            "capaian_persen": k["capaian_sd_persen"],
            "capaian_tahun_lalu_persen": np.nan,
            "selisih_poin": np.nan,
            "arah": pd.Series([None] * n, dtype="str"),
        }
    )
    iku_rows = []
    for name in kecamatan:
        for year in (min(tahun) - 2, min(tahun) - 1, *tahun):
            iku_rows.append(
                (
                    name,
                    year,
                    pd.NA,
                    "Indeks Kepuasan Masyarakat",
                    "Nilai",
                    "positif",
                    80.0,
                    float(rng.uniform(75, 90)),
                )
            )
            iku_rows.append(
                (
                    name,
                    year,
                    pd.NA,
                    "Nilai LAKIP",
                    "Nilai",
                    "positif",
                    70.0,
                    float(rng.uniform(60, 75)),
                )
            )
    iku = pd.DataFrame(
        iku_rows,
        columns=[
            "kecamatan",
            "tahun",
            "triwulan",
            "indikator",
            "satuan",
            "polaritas",
            "target",
            "realisasi",
        ],
    )
    iku["triwulan"] = iku["triwulan"].astype("Int64")
    iku["capaian_persen"] = iku["realisasi"] / iku["target"] * 100
    iku["kategori"] = _kategori(iku["capaian_persen"])
    iku["capaian_dilaporkan"] = np.nan
    iku["sumber"] = "iku.csv:Sheet1:2"
    iku = iku[schema.IKU]

    pem = pd.DataFrame(
        {
            "kecamatan": list(kecamatan),
            "tahun": min(tahun),
            "triwulan": pd.array([pd.NA] * len(kecamatan), dtype="Int64"),
            "kode": "7.01.01",
            "kolom": "pagu",
            "dilaporkan": 81_000_000.0,
            "dihitung": 80_000_000.0,
            "selisih": 1_000_000.0,
            "pesan": HOSTILE_PESAN,
            "sumber": "sintetis_anggaran.csv:Sheet1:3",
            "jenis": "pagu_induk_berbeda",
            "tingkat_keparahan": "sedang",
            "uraian": "Program Pelayanan 1",
        }
    )[schema.PEMERIKSAAN]
    bulanan = pd.DataFrame({c: pd.Series(dtype="float64") for c in schema.BULANAN})

    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "kinerja": k,
        "anggaran": a,
        "ringkasan": r,
        "tren": tren,
        "iku": iku,
        "pemeriksaan": pem,
        "bulanan": bulanan,
    }
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    return folder


def _ringkasan(k: pd.DataFrame, a: pd.DataFrame) -> pd.DataFrame:
    keys = ["kecamatan", "tahun", "triwulan"]
    sub = k[k["tingkat"] == "sub_kegiatan"]
    budget = a[
        ["kecamatan", "tahun", "triwulan", "kunci", "pagu", "anggaran_sd", "realisasi_anggaran_sd"]
    ]
    levels = []
    s = sub[[*keys, "kode", "kunci", "kunci_kegiatan", "uraian", "capaian_sd_persen"]].rename(
        columns={"capaian_sd_persen": "capaian_persen", "kunci_kegiatan": "kunci_induk"}
    )
    s["tingkat"] = "sub_kegiatan"
    levels.append(s)
    keg = sub.groupby([*keys, "kunci_kegiatan", "kunci_program"], as_index=False)[
        "capaian_sd_persen"
    ].mean()
    keg = keg.rename(
        columns={
            "kunci_kegiatan": "kunci",
            "kunci_program": "kunci_induk",
            "capaian_sd_persen": "capaian_persen",
        }
    )
    keg["tingkat"] = "kegiatan"
    prog = (
        keg.groupby([*keys, "kunci_induk"], as_index=False)["capaian_persen"]
        .mean()
        .rename(columns={"kunci_induk": "kunci"})
    )
    prog["kunci_induk"] = None
    prog["tingkat"] = "program"
    kec = prog.groupby(keys, as_index=False)["capaian_persen"].mean()
    kec["kunci"] = kec["kecamatan"]
    kec["kunci_induk"] = None
    kec["tingkat"] = "kecamatan"
    names = k[["kecamatan", "tahun", "triwulan", "kunci", "kode", "uraian"]].drop_duplicates(
        ["kecamatan", "tahun", "triwulan", "kunci"]
    )
    for frame in (keg, prog):
        frame[["kode", "uraian"]] = (
            frame[[*keys, "kunci"]].merge(names, how="left")[["kode", "uraian"]].to_numpy()
        )
    kec["kode"] = None
    kec["uraian"] = "Kecamatan " + kec["kecamatan"]
    r = pd.concat([s, keg, prog, kec], ignore_index=True)
    kb = (
        a[a["tingkat"] == "program"]
        .groupby(keys, as_index=False)[["pagu", "anggaran_sd", "realisasi_anggaran_sd"]]
        .sum(min_count=1)
    )
    kb["kunci"] = kb["kecamatan"]
    r = r.merge(pd.concat([budget, kb], ignore_index=True), on=[*keys, "kunci"], how="left")
    r["serapan_persen"] = r["realisasi_anggaran_sd"] / r["anggaran_sd"] * 100
    r["indeks_efisiensi"] = r["capaian_persen"] / r["serapan_persen"]
    r["efisiensi_persen"] = (1 - r["serapan_persen"] / r["capaian_persen"]) * 100
    r["nilai_efisiensi"] = (50 + r["efisiensi_persen"] / 20 * 50).clip(0, 100)
    hi_k = r["capaian_persen"] >= 91
    hi_a = r["serapan_persen"] >= 91
    r["kuadran"] = np.select(
        [
            hi_k & hi_a,
            hi_k & ~hi_a,
            ~hi_k & hi_a,
            r["capaian_persen"].notna() & r["serapan_persen"].notna(),
        ],
        ["sesuai rencana", "hemat", "boros", "tertinggal"],
        default="",
    )
    r["kuadran"] = r["kuadran"].replace("", None)
    r["kategori"] = _kategori(r["capaian_persen"])
    r["jumlah_indikator"] = 1
    return r[schema.RINGKASAN]


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``data/raw`` of the repository through the real ingest, once per session (read
    only: the report, workbook, Word-chapter and printed-figure tests all read it)."""
    from analysis.cli import main

    out = tmp_path_factory.mktemp("olahan_bundel")
    assert main(["ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def olahan_kecil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Processed tables of the small hand-built dataset (Wotu and Tomoni Timur)."""
    return build_processed(tmp_path_factory.mktemp("olahan_kecil"))


def run_cli(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m analysis ...`` as a scheduler would, capturing its output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=600,
    )


def chromium_path() -> str | None:
    """The Debian Chromium binary, if installed."""
    path = "/usr/bin/chromium"
    return path if Path(path).exists() else shutil.which("chromium")


@pytest.fixture(scope="session")
def laporan_bawaan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data (data/raw) ingested and rendered for 2024 TW IV: the reports a
    planner gets from ``make demo`` (reports/2024/TW4/*.html and index.html)."""
    processed = tmp_path_factory.mktemp("olahan_bawaan")
    out = tmp_path_factory.mktemp("laporan_bawaan")
    done = run_cli("ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(processed))
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_cli(
        "batch", "--tahun", "2024", "--triwulan", "4", "--processed", str(processed),
        "--out", str(out), "--no-progress", "--jobs", "1",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Headless Chromium as root on a machine without network (no background requests)."""


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    assert path, "Chromium is required in CI: apt-get install chromium"
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()
