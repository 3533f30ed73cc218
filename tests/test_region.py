"""Issue 19 item 1: the regency is configuration, its kecamatan come from the Kemendagri
code list; reports say the configured regency."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import region

ROOT = Path(__file__).resolve().parents[1]

GLENMORE_CSV = (
    "Kode;Program/Kegiatan/Sub Kegiatan;Indikator Kinerja;Satuan;Target TW I;Realisasi TW I\n"
    "7.01.01;Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota;"
    "Persentase layanan administrasi;%;100;90\n"
)


def _ingest(raw: Path, out: Path, *extra: str, cwd: Path | None = None):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop(region.ENV_VAR, None)
    cmd = [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw), "--out", str(out)]
    return subprocess.run(
        [*cmd, *extra], capture_output=True, text=True, env=env, cwd=cwd or raw.parent
    )


def test_a_regency_is_found_by_name_prefix_or_code() -> None:
    assert region.resolve("Luwu Timur").kode == "73.24"
    assert region.resolve("Kab. Luwu Timur").nama == "Kabupaten Luwu Timur"
    assert region.resolve("73.24").nama == "Kabupaten Luwu Timur"
    assert region.resolve("Kota Bandung").kode == "32.73"
    banyuwangi = region.resolve("Banyuwangi")
    assert banyuwangi.nama == "Kabupaten Banyuwangi" and "Glenmore" in banyuwangi.kecamatan_names
    default = region.resolve(region.DEFAULT_KABUPATEN)
    assert sorted(default.kecamatan_names) == [
        "Angkona", "Burau", "Kalaena", "Malili", "Mangkutana", "Nuha", "Tomoni",
        "Tomoni Timur", "Towuti", "Wasuponda", "Wotu",
    ]  # fmt: skip


def test_an_ambiguous_or_unknown_regency_says_how_to_write_it() -> None:
    with pytest.raises(region.RegionError, match=r"Kabupaten Bandung.*Kota Bandung"):
        region.resolve("Bandung")
    with pytest.raises(region.RegionError, match=r"kinerja\.toml"):
        region.resolve("Atlantis")


def test_the_file_name_names_an_office_of_the_configured_regency(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "glenmore_2025_kinerja.csv").write_text(GLENMORE_CSV, encoding="utf-8")
    refused = _ingest(raw, tmp_path / "out")
    assert refused.returncode == 2
    assert "kinerja.toml" in refused.stderr and "data/reference/kecamatan.csv" in refused.stderr
    done = _ingest(raw, tmp_path / "out", "--kabupaten", "Kabupaten Banyuwangi")
    assert done.returncode == 0, done.stderr
    kinerja = pd.read_parquet(tmp_path / "out" / "kinerja.parquet")
    assert set(kinerja["kecamatan"]) == {"Glenmore"}


def test_kinerja_toml_sets_the_regency_once(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "glenmore_2025_kinerja.csv").write_text(GLENMORE_CSV, encoding="utf-8")
    (tmp_path / "kinerja.toml").write_text('kabupaten = "Banyuwangi"\n', encoding="utf-8")
    done = _ingest(raw, tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Glenmore 2025: 1" in done.stdout


def test_an_unknown_regency_is_one_line_and_exit_2(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    proc = _ingest(raw, tmp_path / "out", "--kabupaten", "Bandung")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Kota Bandung" in proc.stderr


def test_the_default_regency_aliases_do_not_claim_another_regency(tmp_path: Path) -> None:
    """``wotu_...`` is a Luwu Timur file: configured for Banyuwangi, it names no office."""
    bundled = ROOT / "data" / "reference" / "kecamatan.csv"
    table = region.kecamatan_table(region.resolve("Banyuwangi"), bundled)
    assert "Wotu" not in set(table["kecamatan"]) and "Glenmore" in set(table["kecamatan"])
    default = region.kecamatan_table(region.resolve(region.DEFAULT_KABUPATEN), bundled)
    assert len(default) == 11  # the bundled aliases, no duplicate of the official names
    assert default.loc[default["kecamatan"] == "Wotu", "alias"].str.contains("KEC. WOTU").all()


def test_reports_say_the_configured_regency(monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.reports import markup, overview

    monkeypatch.setenv(region.ENV_VAR, "Kabupaten Banyuwangi")
    region._resolve_cached.cache_clear()
    assert overview.judul_ringkasan(2025, 1) == (
        "Ringkasan Kinerja Kecamatan se-Kabupaten Banyuwangi - Triwulan I 2025"
    )
    page = markup.render("indeks.html.j2", tahun=[], css="", dibuat="", jumlah=0,
                        peringatan=[], kabupaten=region.current().nama)  # fmt: skip
    assert "Kabupaten Banyuwangi" in page and "Luwu" not in page


def test_no_regency_is_named_in_code() -> None:
    """Only the default setting may name the default regency."""
    allowed = {"region.py", "settings.py", "defaults.toml"}
    found = []
    for folder in ("src", "notebooks"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".j2", ".ipynb", ".toml", ".html"}:
                if path.name in allowed:
                    continue
                if re.search(r"luwu", path.read_text(encoding="utf-8", errors="replace"), re.I):
                    found.append(str(path.relative_to(ROOT)))
    assert found == []
