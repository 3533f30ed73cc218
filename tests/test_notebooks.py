"""The notebooks under papermill: bundled data, synthetic data, the headless explorer."""

from __future__ import annotations

import json
from pathlib import Path

import papermill as pm
import pytest
from conftest import ROOT, run_cli

from analysis import formatting as fmt
from analysis import synthetic
from analysis.reports import loading, views
from analysis.reports.export import offline_problems

NOTEBOOKS = ROOT / "notebooks"
TIMEOUT_S = 300

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def olahan_bundel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``data/raw`` through the real ingest, as on a fresh clone."""
    out = tmp_path_factory.mktemp("olahan_bundel")
    result = run_cli("ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "kinerja.parquet").exists(), result.stderr
    return out


@pytest.fixture(scope="session")
def olahan_sintetis(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three synthetic kecamatan for 2025 through the real ingest."""
    base = tmp_path_factory.mktemp("sintetis")
    synthetic.generate_raw(base / "raw", synthetic.DEFAULT_KECAMATAN[:3], tahun=(2025,), seed=3)
    result = run_cli("ingest", "--raw", str(base / "raw"), "--out", str(base / "processed"))
    assert result.returncode == 0, result.stderr
    return base / "processed"


def _execute(name: str, tmp_path: Path, **parameters: object):
    return pm.execute_notebook(
        str(NOTEBOOKS / name),
        str(tmp_path / name),
        parameters=parameters,
        progress_bar=False,
        execution_timeout=TIMEOUT_S,
        kernel_name="python3",
    )


def _outputs(nb) -> tuple[str, int]:
    """All HTML/text outputs joined, and the number of charts: SVG images, and the
    sentences that stand in for a chart with a single point (``kalimat-grafik``)."""
    texts, images = [], 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", out
            data = out.get("data", {})
            texts.append(data.get("text/html", ""))
            images += "image/svg+xml" in data or "image/png" in data
            images += 'class="kalimat-grafik"' in data.get("text/html", "")
    return "\n".join(texts), images


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("laporan_kecamatan.ipynb", {"kecamatan", "tahun", "triwulan", "processed_dir"}),
        ("ringkasan_kabupaten.ipynb", {"tahun", "triwulan", "processed_dir", "tautan"}),
        (
            "eksplorasi_kesenjangan.ipynb",
            {"kecamatan", "tahun", "triwulan", "tingkat", "ambang", "processed_dir"},
        ),
    ],
)
def test_parameters_cell_is_tagged(name: str, expected: set[str]) -> None:
    assert set(pm.inspect_notebook(str(NOTEBOOKS / name))) == expected
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


def test_laporan_on_bundled_data(olahan_bundel: Path, tmp_path: Path) -> None:
    data = loading.muat(olahan_bundel)
    ada = loading.tersedia(data)
    assert ((ada["kecamatan"] == "Wotu") & (ada["tahun"] == 2024) & (ada["triwulan"] == 4)).any()
    nb = _execute(
        "laporan_kecamatan.ipynb", tmp_path, kecamatan="Wotu", tahun=2024, triwulan=4,
        processed_dir=str(olahan_bundel),
    )  # fmt: skip
    text, images = _outputs(nb)
    headline = views.angka_utama(data, "Wotu", 2024, 4)
    assert "Laporan Kinerja Kecamatan Wotu - Triwulan IV 2024" in text
    assert fmt.persen(headline["capaian"]) in text
    assert fmt.persen(headline["serapan"]) in text
    assert fmt.rupiah(headline["realisasi_anggaran_sd"]) in text
    assert images >= 5


def test_ringkasan_on_bundled_data(olahan_bundel: Path, tmp_path: Path) -> None:
    nb = _execute(
        "ringkasan_kabupaten.ipynb", tmp_path, tahun=2024, triwulan=4,
        processed_dir=str(olahan_bundel), tautan={"Wotu": "wotu.html"},
    )  # fmt: skip
    text, images = _outputs(nb)
    assert "Triwulan IV 2024" in text
    for name in loading.tersedia(loading.muat(olahan_bundel)).query(
        "tahun == 2024 and triwulan == 4"
    )["kecamatan"]:
        assert name in text
    assert 'href="wotu.html"' in text
    assert images >= 4


def test_notebooks_on_synthetic_data(olahan_sintetis: Path, tmp_path: Path) -> None:
    data = loading.muat(olahan_sintetis)
    ada = loading.tersedia(data)
    assert set(ada["kecamatan"]) == set(synthetic.DEFAULT_KECAMATAN[:3])
    nb = _execute(
        "laporan_kecamatan.ipynb", tmp_path, kecamatan="Burau", tahun=2025, triwulan=3,
        processed_dir=str(olahan_sintetis),
    )  # fmt: skip
    text, images = _outputs(nb)
    assert "Kecamatan Burau - Triwulan III 2025" in text
    assert fmt.persen(views.angka_utama(data, "Burau", 2025, 3)["capaian"]) in text
    assert images >= 5
    nb = _execute(
        "ringkasan_kabupaten.ipynb", tmp_path, tahun=2025, triwulan=3,
        processed_dir=str(olahan_sintetis),
    )  # fmt: skip
    text, _ = _outputs(nb)
    for name in synthetic.DEFAULT_KECAMATAN[:3]:
        assert name in text


def test_explorer_runs_headless_with_defaults(olahan_sintetis: Path, tmp_path: Path) -> None:
    nb = _execute("eksplorasi_kesenjangan.ipynb", tmp_path, processed_dir=str(olahan_sintetis))
    kinds = [
        key for cell in nb.cells for out in cell.get("outputs", []) for key in out.get("data", {})
    ]
    assert "application/vnd.jupyter.widget-view+json" in kinds  # the controls
    text, _ = _outputs(nb)
    assert "Indikator dengan capaian di bawah 100%: semua kecamatan, s/d TW IV 2025" in text
    assert "<svg" in text  # the gap chart, inline


def test_explorer_filters_by_parameters(olahan_kecil: Path, tmp_path: Path) -> None:
    nb = _execute(
        "eksplorasi_kesenjangan.ipynb", tmp_path, processed_dir=str(olahan_kecil),
        kecamatan="Wotu", tahun=2024, triwulan=2, tingkat="sub_kegiatan", ambang=90.0,
    )  # fmt: skip
    text, _ = _outputs(nb)
    assert "di bawah 90%: Kecamatan Wotu, s/d TW II 2024" in text
    assert "<script" not in text


def test_batch_on_bundled_data_links_every_report(olahan_bundel: Path, tmp_path: Path) -> None:
    """The issue's done-criterion: every kecamatan-quarter of the bundled data plus overviews."""
    out = tmp_path / "reports"
    result = run_cli("batch", "--processed", str(olahan_bundel), "--out", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert offline_problems(index) == []
    ada = loading.tersedia(loading.muat(olahan_bundel))
    for kec, tahun, q in ada.itertuples(index=False):
        slug = "-".join(kec.lower().split())
        page = out / str(tahun) / f"TW{q}" / f"{slug}.html"
        assert f'href="{tahun}/TW{q}/{slug}.html"' in index
        text = page.read_text(encoding="utf-8")
        assert f"Kecamatan {kec} - {fmt.nama_triwulan(q)} {tahun}" in text
        assert offline_problems(text) == []
        assert page.stat().st_size <= 1_500_000
    for tahun, q in ada[["tahun", "triwulan"]].drop_duplicates().itertuples(index=False):
        assert f'href="{tahun}/TW{q}/ringkasan-kabupaten.html"' in index
