"""Two complementary tables that both give a row's realisasi, with different figures: the
rows are set aside with a finding naming both places and figures, counted as not written,
and the office's other rows are written (issue 19, item 5; Banyuwangi LKPJ)."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
from ingest_helpers import REFERENCE, run, write_csv

from analysis.errors import ErrorList, Findings
from analysis.ingest.pipeline import ingest
from analysis.ingest.rows import disputes, merge, written
from analysis.settings import load_settings

HELDOUT_B = Path(__file__).resolve().parent / "data" / "heldout_b"
KEYS = ["kecamatan", "tahun", "kunci", "indikator"]
NUMERIC = ["target_tahunan", "realisasi_sd_tw4"]


def _frame(rows: list[list[object]]) -> pd.DataFrame:
    cols = ["kecamatan", "tahun", "kunci", "indikator", *NUMERIC, "sumber"]
    return pd.DataFrame(rows, columns=cols)


def test_realisasi_two_tables_give_differently_sets_the_rows_aside_naming_both() -> None:
    findings = Findings()
    frame = _frame(
        [
            ["Wotu", 2025, "k1", "Indeks Kualitas Lingkungan", 75.0, 75.10, "a.xlsx:Capaian:31"],
            ["Wotu", 2025, "k2", "Jumlah dokumen", 4.0, 4.0, "a.xlsx:Capaian:32"],
            ["Wotu", 2025, "k1", "Indeks Kualitas Lingkungan", np.nan, 75.11, "b.csv:b:31"],
            ["Wotu", 2025, "k2", "Jumlah dokumen", np.nan, 4.0, "b.csv:b:32"],
        ]
    )
    kept, aside = disputes.set_aside(frame, KEYS, NUMERIC, findings)
    # a rounding-only difference is a difference: neither figure is picked
    assert kept["kunci"].tolist() == ["k2", "k2"]
    assert aside["sumber"].tolist() == ["a.xlsx:Capaian:31", "b.csv:b:31"]
    (f,) = findings.items
    assert f.jenis == disputes.JENIS and f.kolom == "realisasi_sd_tw4"
    assert "75,1 di file a.xlsx, sheet 'Capaian', baris 31" in f.pesan
    assert "75,11 di file b.csv, sheet 'b', baris 31" in f.pesan
    assert "tidak ditulis" in f.pesan and "tahun 2025" in f.pesan
    assert (f.kecamatan, f.tahun, f.dilaporkan) == ("Wotu", 2025, "75,1, 75,11")
    # the agreeing identity still merges into one row
    errors = ErrorList()
    out = merge.merge_complementary(kept, KEYS, NUMERIC, errors, Findings())
    assert not errors and len(out) == 1 and out.iloc[0]["target_tahunan"] == 4


def test_a_target_only_one_realisasi_table_gives_is_left_to_the_merge() -> None:
    # Wotu: target 8 in Tabel 2.8 (no realisasi), 18 in Tabel 3.4 (realisasi 18)
    findings = Findings()
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 8.0, np.nan, "a.xlsx:T:61"],
            ["Wotu", 2024, "k1", "Jumlah", 18.0, 18.0, "b.xlsx:T:44"],
        ]
    )
    kept, aside = disputes.set_aside(frame, KEYS, NUMERIC, findings)
    assert aside.empty and len(kept) == 2 and not findings.items


def test_rows_repeated_in_one_sheet_are_not_this_rule() -> None:
    frame = _frame(
        [
            ["Wotu", 2024, "k1", "Jumlah", 5.0, 5.0, "a.xlsx:T:3"],
            ["Wotu", 2024, "k1", "Jumlah", 5.0, 6.0, "a.xlsx:T:4"],
        ]
    )
    kept, aside = disputes.set_aside(frame, KEYS, NUMERIC, Findings())
    assert aside.empty and len(kept) == 2


def test_figures_close_together_are_shown_apart() -> None:
    assert disputes._figures(pd.Series([0.9951, 1.0049])) == ["0,9951", "1,0049"]
    assert disputes._figures(pd.Series([10274076.0, 10274.0])) == ["10.274.076", "10.274"]


IKU_HEAD = "tahun;triwulan;indikator;satuan;target;realisasi\n"


def test_an_office_with_one_disputed_indicator_writes_its_other_rows(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_iku_a.csv",
        IKU_HEAD
        + "2024;4;Persentase Desa Mandiri;%;60;54,55\n"
        + "2024;4;Indeks Toleransi;Indeks;80;84\n",
    )
    write_csv(
        raw,
        "wotu_2024_iku_b.csv",
        IKU_HEAD + "2024;4;Persentase Desa Mandiri;%;;63,6\n2024;4;Indeks Toleransi;Indeks;;84\n",
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.iku_raw["indikator"].tolist() == ["Indeks Toleransi"]
    assert len(result.disputed) == 2
    (f,) = [f for f in result.findings.items if f.jenis == disputes.JENIS]
    assert "54,55 di file wotu_2024_iku_a.csv" in f.pesan and "baris 2" in f.pesan
    assert "63,6 di file wotu_2024_iku_b.csv" in f.pesan
    counted = written.Written()
    counted.count("iku", result.iku_raw)
    line = written.summary_line(result, counted, len(result.findings), 0.0)
    said = "2 baris dari tabel yang sama-sama memberi realisasi dengan angka berbeda tidak ditulis"
    assert said in line
    assert "Wotu 2024: 2" in line and "terbaca tetapi tidak tertulis" not in line


KIN_HEAD = "Kode;Uraian;Indikator;Satuan;Target TW I;Realisasi TW I\n"
ROW = "7.01.01.2.07.01;Penanganan Pengaduan Masyarakat;Jumlah pengaduan yang ditangani;Kasus"
ROW2 = "7.01.01.2.01.01;Penyusunan Dokumen Perencanaan;Jumlah dokumen;Dokumen"


def test_kinerja_tables_both_giving_realisasi_differently_are_set_aside(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "towuti_2024_a.csv", KIN_HEAD + f"{ROW};5;4\n{ROW2};2;2\n")
    write_csv(raw, "towuti_2024_b.csv", KIN_HEAD + f"{ROW};;3\n{ROW2};;2\n")
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide["indikator"].tolist() == ["Jumlah dokumen"]
    (f,) = [f for f in result.findings.items if f.jenis == disputes.JENIS]
    assert f.kolom == "realisasi_tw1" and f.dilaporkan == "4, 3"


def test_banyuwangi_writes_all_but_the_seven_disputed_indicators(tmp_path: Path) -> None:
    folder = HELDOUT_B / "banyuwangi_lkpj"
    spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
    ref = tmp_path / "reference"
    shutil.copytree(REFERENCE, ref)
    with (ref / "kecamatan.csv").open("a", encoding="utf-8") as fh:
        fh.write(spec["kecamatan_csv"].rstrip("\n") + "\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in folder.glob("pemkab_*"):
        shutil.copy(f, raw / f.name)
    settings = dataclasses.replace(load_settings(), kabupaten=spec["kabupaten"])
    result = ingest(raw, reference_dir=ref, settings=settings)
    assert not result.errors, str(result.errors)
    found = [f for f in result.findings.items if f.jenis == disputes.JENIS]
    assert len(found) == 7 and len(result.disputed) == 14
    names = {f.uraian for f in found}
    assert {"Persentase Desa Mandiri", "Angka Kematian Ibu (AKI)", "Luas lahan kritis"} <= names
    aki = next(f for f in found if f.uraian == "Angka Kematian Ibu (AKI)")
    assert aki.dilaporkan == "110,84, 24,65" and aki.tahun == 2025
    iku_2025 = result.iku_raw[result.iku_raw["tahun"] == 2025]
    assert len(iku_2025) == 64 and not (set(iku_2025["indikator"]) & names)
    # the disputed indicators' earlier years stay written
    mandiri = result.iku_raw[result.iku_raw["indikator"] == "Persentase Desa Mandiri"]
    assert sorted(mandiri["tahun"]) == [2021, 2022, 2023, 2024]
