"""Every quarter says what is missing (issue 24, item 2).

Offices that have not reported, tables that were there in an earlier run and are gone,
and reports whose data are gone: named in the run, shown on the index, removed from disk.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

from analysis.reports import coverage, index_page, loading


def _without(data: loading.Tabel, table: str, mask_of) -> loading.Tabel:
    frame = getattr(data, table)
    return dataclasses.replace(data, **{table: frame[~mask_of(frame)]})


def test_a_vanished_table_and_office_are_named(olahan_kecil: Path) -> None:
    data = loading.muat(olahan_kecil)
    history = coverage.seen(data)
    assert history[("Wotu", 2024, "anggaran")] == ["sintetis_anggaran.csv"]
    now = _without(data, "anggaran", lambda f: (f["kecamatan"] == "Wotu") & (f["tahun"] == 2024))
    for table in loading.TABEL_LAPORAN:
        now = _without(now, table, lambda f: f["kecamatan"] == "Tomoni Timur")
    found = coverage.compare(now, history, ["Wotu", "Tomoni Timur", "Malili"], [(2024, 4)])
    assert found.hilang[("Wotu", 2024)] == {"anggaran": ["sintetis_anggaran.csv"]}
    assert found.tidak_ada("Wotu", 2024) == ["anggaran tidak ada"]
    assert found.tidak_ada("Wotu", 2025) == []
    assert ("Tomoni Timur", 2024) in found.kecamatan_hilang
    assert found.belum_melapor[(2024, 4)] == ["Malili", "Tomoni Timur"]
    text = "\n".join(found.pesan())
    assert "tabel anggaran Kecamatan Wotu 2024 tidak ada lagi" in text
    assert "sintetis_anggaran.csv" in text
    assert "data Kecamatan Tomoni Timur tidak ada lagi untuk tahun 2022, 2023, 2024, 2025" in text
    assert "Belum melapor untuk Triwulan IV 2024: Malili, Tomoni Timur (2 kecamatan)." in text


def test_the_history_keeps_what_was_seen(tmp_path: Path, olahan_kecil: Path) -> None:
    data = loading.muat(olahan_kecil)
    coverage.save_history(
        tmp_path, {("Burau", 2023, "kinerja"): ["burau.csv"]}, coverage.seen(data)
    )
    again = coverage.load_history(tmp_path)
    assert again[("Burau", 2023, "kinerja")] == ["burau.csv"]
    assert again[("Wotu", 2025, "iku")] == ["iku.csv"]
    (tmp_path / coverage.HISTORY_NAME).write_text("{rusak", encoding="utf-8")
    assert coverage.load_history(tmp_path) == {}


def test_stale_reports_are_removed_only_their_own_files(tmp_path: Path) -> None:
    manifest = {}
    for key, kec, jenis in (
        ("2024/TW4/wotu.html", "Wotu", "laporan"),
        ("2024/TW4/lama.html", "Lama", "laporan"),  # a kecamatan renamed since
        ("2023/TW4/ringkasan-kabupaten.html", None, "ringkasan"),  # a period gone
        ("2024/TW4/ringkasan-kabupaten.html", None, "ringkasan"),
    ):
        page = tmp_path / key
        page.parent.mkdir(parents=True, exist_ok=True)
        for suffix in (".html", ".ipynb", ".xlsx", ".docx"):
            page.with_suffix(suffix).write_text("x", encoding="utf-8")
        manifest[key] = {
            "jenis": jenis,
            "kecamatan": kec,
            "tahun": int(key[:4]),
            "triwulan": 4,
            "status": "dibuat",
            "notebook": str(Path(key).with_suffix(".ipynb")),
        }
    (tmp_path / "2024" / "TW4" / "catatan-camat.txt").write_text("milik orang", encoding="utf-8")
    removed = coverage.remove_stale(tmp_path, manifest, {("Wotu", 2024, 4)})
    assert removed == ["2023/TW4/ringkasan-kabupaten.html", "2024/TW4/lama.html"]
    assert set(manifest) == {"2024/TW4/wotu.html", "2024/TW4/ringkasan-kabupaten.html"}
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert "2024/TW4/catatan-camat.txt" in left
    assert not any(p.startswith("2024/TW4/lama.") for p in left)
    gone = [f"2023/TW4/ringkasan-kabupaten{s}" for s in (".html", ".ipynb", ".xlsx")]
    assert not set(gone) & set(left)
    assert "2023/TW4/ringkasan-kabupaten.docx" in left  # an overview has none: not the package's
    assert "2024/TW4/wotu.docx" in left and "2024/TW4/ringkasan-kabupaten.xlsx" in left


def test_the_index_shows_who_has_not_reported_and_what_is_gone(
    olahan_kecil: Path, tmp_path: Path
) -> None:
    key = "2024/TW4/wotu.html"
    (tmp_path / key).parent.mkdir(parents=True)
    (tmp_path / key).write_text("<html></html>", encoding="utf-8")
    manifest = {
        key: {"jenis": "laporan", "kecamatan": "Wotu", "tahun": 2024, "triwulan": 4,
              "status": "dibuat"}
    }  # fmt: skip
    found = coverage.Kelengkapan(
        belum_melapor={(2024, 4): ["Malili", "Nuha"]},
        hilang={("Wotu", 2024): {"anggaran": ["wotu_2024_anggaran.csv"]}},
    )
    index = index_page.write_index(tmp_path, olahan_kecil, manifest, found).read_text(
        encoding="utf-8"
    )
    assert "Belum melapor (2 kecamatan): Malili, Nuha" in index
    assert "anggaran tidak ada" in index
    assert "tabel anggaran Kecamatan Wotu 2024 tidak ada lagi" in index
    assert "wotu_2024_anggaran.csv" in index


@pytest.mark.slow
def test_a_batch_names_what_vanished_and_removes_reports_without_data(
    olahan_kecil: Path, tmp_path: Path
) -> None:
    processed, out = tmp_path / "olahan", tmp_path / "laporan"
    shutil.copytree(olahan_kecil, processed)
    common = ["--tahun", "2024", "--triwulan", "4", "--processed", str(processed)]
    first = run_cli("batch", *common, "--out", str(out), "--no-progress")
    assert first.returncode == 0, first.stderr
    assert (out / "2024" / "TW4" / "wotu.html").exists()
    assert "Belum melapor untuk Triwulan II 2025: Angkona" in first.stderr

    # Wotu's files are all gone; Tomoni Timur's anggaran file is gone
    for name in loading.TABEL_LAPORAN:
        if name in loading.TABEL_PILIHAN and not (processed / f"{name}.parquet").exists():
            continue  # an optional table the small fixture does not have
        frame = pd.read_parquet(processed / f"{name}.parquet")
        if "kecamatan" not in frame:
            continue
        gone = frame["kecamatan"] == "Wotu"
        if name == "anggaran":
            gone |= frame["kecamatan"] == "Tomoni Timur"
        frame[~gone].to_parquet(processed / f"{name}.parquet", index=False)
    second = run_cli("batch", *common, "--out", str(out), "--no-progress")
    assert second.returncode == 0, second.stderr
    assert not list((out / "2024" / "TW4").glob("wotu.*"))
    assert (out / "2024" / "TW4" / "tomoni-timur.html").exists()
    assert "data Kecamatan Wotu tidak ada lagi untuk tahun 2022, 2023, 2024, 2025" in second.stderr
    assert "tabel anggaran Kecamatan Tomoni Timur 2024 tidak ada lagi" in second.stderr
    assert "dihapus: 2024/TW4/wotu.html" in second.stderr
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    assert "2024/TW4/wotu.html" not in manifest["laporan"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "wotu.html" not in index and "anggaran tidak ada" in index
    assert "Belum melapor (10 kecamatan)" in index and "Wotu" in index
