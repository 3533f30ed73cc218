"""Rebuild exactly what changed (issue 24, item 3), and one bad name fails alone (item 4).

The rebuild key of a report holds the fingerprint of the rows it shows
(:mod:`analysis.reports.digests`): a change in a later quarter or year leaves it alone,
a change in what it shows changes it. The views are rendered on that slice and on the
whole data to pin that the reports read nothing outside it.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import run_cli

from analysis.metrics.quarters import kinerja_long
from analysis.reports import gap_views, loading, overview, views
from analysis.reports.digests import period_digests

PERIODS = [(t, q) for t in (2024, 2025) for q in (1, 2, 3, 4)]


def _changed(processed: Path, tmp_path: Path, mask_of) -> loading.Tabel:
    """A copy of the processed folder with one realisasi changed where ``mask_of`` says."""
    copy = tmp_path / "olahan"
    shutil.copytree(processed, copy)
    kinerja = pd.read_parquet(copy / "kinerja.parquet")
    row = kinerja.index[mask_of(kinerja) & kinerja["realisasi_tw"].notna()][0]
    kinerja.loc[row, "realisasi_tw"] += 1
    kinerja.to_parquet(copy / "kinerja.parquet", index=False)
    return loading.muat(copy)


def test_a_later_quarter_changes_only_the_reports_that_show_it(
    olahan_kecil: Path, tmp_path: Path
) -> None:
    before = period_digests(loading.muat(olahan_kecil))
    after = period_digests(
        _changed(
            olahan_kecil,
            tmp_path,
            lambda k: (k["kecamatan"] == "Wotu") & (k["tahun"] == 2025) & (k["triwulan"] == 2),
        )
    )
    changed = {
        (kec, t, q)
        for kec in ("Wotu", "Tomoni Timur")
        for t, q in PERIODS
        if before.laporan(kec, t, q) != after.laporan(kec, t, q)
    }
    assert changed == {("Wotu", 2025, 2), ("Wotu", 2025, 3), ("Wotu", 2025, 4)}
    overviews = {(t, q) for t, q in PERIODS if before.ringkasan(t, q) != after.ringkasan(t, q)}
    assert overviews == {(2025, 2), (2025, 3), (2025, 4)}


def test_last_years_change_reaches_this_years_reports(olahan_kecil: Path, tmp_path: Path) -> None:
    """A report compares with last year and shows the IKU history: earlier years count."""
    before = period_digests(loading.muat(olahan_kecil))
    after = period_digests(
        _changed(
            olahan_kecil,
            tmp_path,
            lambda k: (k["kecamatan"] == "Tomoni Timur") & (k["tahun"] == 2024),
        )
    )
    for t, q in PERIODS:
        assert before.laporan("Wotu", t, q) == after.laporan("Wotu", t, q)
        if t == 2025:
            assert before.laporan("Tomoni Timur", t, q) != after.laporan("Tomoni Timur", t, q)


def _slice(data: loading.Tabel, tahun: int, triwulan: int) -> loading.Tabel:
    """Only the rows the digests count for (tahun, triwulan)."""

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        t = pd.to_numeric(frame["tahun"], errors="coerce")
        q = pd.to_numeric(frame["triwulan"], errors="coerce")
        shown = t.isna() | (t < tahun) | ((t == tahun) & (q.isna() | (q <= triwulan)))
        return frame[shown.to_numpy()]

    return dataclasses.replace(
        data, **{name: keep(getattr(data, name)) for name in loading.TABEL_LAPORAN}
    )


def _report_views(data: loading.Tabel, kec: str, t: int, q: int) -> list[object]:
    return [
        views.kepala_laporan(data, kec, t, q),
        views.kartu_utama(data, kec, t, q),
        views.capaian_program(data, kec, t, q),
        views.titik_kuadran(data, kec, t, q),
        views.tren_triwulan(data, kec, t, q),
        views.banding_tahun_lalu(data, kec, t, q),
        views.riwayat_iku_html(data, kec, t, q),
        views.tabel_kinerja_html(data, kec, t, q),
        views.rencana_aksi_html(data, kec, t, q),
        gap_views.kesenjangan_html(views.kesenjangan_laporan(data, kec, t, q)),
        gap_views.temuan_html(gap_views.temuan(data, kec, t, q)),
        views.analisis_html(data, kec, t, q),
    ]


def _overview_views(data: loading.Tabel, t: int, q: int) -> list[object]:
    return [
        overview.kepala_ringkasan(data, t, q),
        overview.peringkat_html(overview.peringkat(data, t, q)),
        overview.matriks_program(data, t, q),
        overview.distribusi_kategori(data, t, q),
        overview.ringkasan_temuan_html(overview.ringkasan_temuan(data, t, q)),
        gap_views.temuan_html(gap_views.temuan(data, None, t, q), satu_kecamatan=False),
    ]


def _same(a: object, b: object) -> bool:
    if isinstance(a, pd.DataFrame):
        return a.reset_index(drop=True).equals(b.reset_index(drop=True))
    return a == b


def test_reports_read_nothing_outside_their_digest(olahan_kecil: Path) -> None:
    """Every view of a report and of an overview is the same on the digest's slice."""
    data = loading.muat(olahan_kecil)
    ada = loading.tersedia(data)
    for kec, t, q in ada.itertuples(index=False):
        part = _slice(data, t, q)
        for full, sliced in zip(
            _report_views(data, kec, t, q), _report_views(part, kec, t, q), strict=True
        ):
            assert _same(full, sliced), (kec, t, q)
    for t, q in ada[["tahun", "triwulan"]].drop_duplicates().itertuples(index=False):
        part = _slice(data, t, q)
        pairs = zip(_overview_views(data, t, q), _overview_views(part, t, q), strict=True)
        for full, sliced in pairs:
            assert _same(full, sliced), (t, q)


# --- notes stay in their quarter ----------------------------------------------------------


def _wide(**quarters: object) -> pd.DataFrame:
    row = {
        "kecamatan": "Kalaena",
        "tahun": 2025,
        "kode": "7.01.02.2.04.01",
        "tingkat": "sub_kegiatan",
        "uraian": "Pelaksanaan Urusan Pemerintahan",
        "indikator": "Jumlah Dokumen",
        "satuan": "Dokumen",
        "target_tahunan": 12.0,
        **{f"target_tw{q}": 3.0 for q in (1, 2, 3, 4)},
        **quarters,
    }
    return pd.DataFrame([row])


def _notes(wide: pd.DataFrame) -> dict[int, object]:
    long = kinerja_long(wide)
    return {
        int(q): (None if pd.isna(n) else n)
        for q, n in zip(long["triwulan"], long["keterangan"], strict=True)
    }


def test_a_quarterless_note_belongs_to_the_latest_quarter_reported() -> None:
    """The office's file at TW II: its KET says TW II and must not show in TW I."""
    notes = _notes(
        _wide(
            realisasi_tw1=3.0,
            realisasi_tw2=3.0,
            keterangan="Predikat Kinerja TW II: Sangat Baik",
        )
    )
    assert notes == {1: None, 2: "Predikat Kinerja TW II: Sangat Baik", 3: None, 4: None}


def test_quarter_notes_stay_and_a_plan_keeps_its_note_everywhere() -> None:
    notes = _notes(
        _wide(
            realisasi_tw1=3.0,
            realisasi_tw2=2.0,
            keterangan_tw1="Sesuai jadwal",
            keterangan="Terlambat karena cuaca",
        )
    )
    assert notes == {1: "Sesuai jadwal", 2: "Terlambat karena cuaca", 3: None, 4: None}
    plan = _notes(_wide(keterangan="Rencana tahunan"))
    assert set(plan.values()) == {"Rencana tahunan"}


# --- one bad name costs one report -----------------------------------------------------------


@pytest.mark.slow
def test_a_kecamatan_name_that_makes_no_file_name_fails_alone(
    olahan_kecil: Path, tmp_path: Path
) -> None:
    processed = tmp_path / "olahan"
    shutil.copytree(olahan_kecil, processed)
    for name in loading.TABEL_LAPORAN:
        if name in loading.TABEL_PILIHAN and not (processed / f"{name}.parquet").exists():
            continue  # an optional table the small fixture does not have
        frame = pd.read_parquet(processed / f"{name}.parquet")
        if "kecamatan" in frame:
            frame["kecamatan"] = np.where(frame["kecamatan"] == "Wotu", "???", frame["kecamatan"])
            frame.to_parquet(processed / f"{name}.parquet", index=False)
    out = tmp_path / "laporan"
    result = run_cli(
        "batch", "--tahun", "2024", "--triwulan", "4", "--processed", str(processed),
        "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert (out / "2024" / "TW4" / "tomoni-timur.html").exists()
    assert (out / "2024" / "TW4" / "ringkasan-kabupaten.html").exists()
    assert "1 gagal" in result.stdout
    line = next(ln for ln in result.stderr.splitlines() if "Kecamatan ??? 2024 TW IV" in ln)
    assert "tidak menghasilkan nama berkas" in line
    assert 'href="2024/TW4/tomoni-timur.html"' in (out / "index.html").read_text(encoding="utf-8")
