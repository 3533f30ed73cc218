"""Issue 19 item 5: nothing silent, nothing misplaced.

A target-only row is written; the summary counts what was written, per table, and names
rows read but not written; ``n/a``-like figure cells are no value with a note; a title
naming another kecamatan than the file is an error naming both; a link in a CSV note
column is kept as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

from analysis import region
from analysis.ingest.formats import no_value
from analysis.ingest.rows import written

ROOT = Path(__file__).resolve().parents[1]

HEAD = "Kode;Program/Kegiatan/Sub Kegiatan;Indikator Kinerja;Satuan;Target"
PROGRAM = "7.01.01;Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
KEGIATAN = "7.01.01.2.01;Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"


def _ingest(tmp: Path, files: dict[str, str | bytes], *extra: str):
    raw = tmp / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = raw / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop(region.ENV_VAR, None)
    out = tmp / "out"
    cmd = [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw), "--out", str(out)]
    proc = subprocess.run([*cmd, *extra], capture_output=True, text=True, env=env, cwd=tmp)
    return proc, out


def test_a_target_only_row_is_written(tmp_path: Path) -> None:
    csv = (
        f"{HEAD}\n{PROGRAM};Persentase layanan administrasi;%;100\n"
        f"{KEGIATAN};Jumlah dokumen perencanaan;Dokumen;4\n"
    )
    proc, out = _ingest(tmp_path, {"glenmore_2026_kinerja.csv": csv}, "--kabupaten", "Banyuwangi")
    assert proc.returncode == 0, proc.stderr
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert len(kinerja) == 2  # one row each, at TW IV (no quarter reported yet)
    assert set(kinerja["triwulan"]) == {4}
    assert sorted(kinerja["target_tahunan"]) == [4.0, 100.0]
    assert kinerja["realisasi_sd"].isna().all() and kinerja["capaian_sd_persen"].isna().all()
    assert "ditulis: 2 indikator kinerja (2 baris triwulan)" in proc.stdout
    assert "Glenmore 2026: 2" in proc.stdout


def test_a_target_only_row_sits_in_the_latest_quarter_its_office_reports(tmp_path: Path) -> None:
    csv = (
        f"{HEAD};Target TW I;Target TW II;Realisasi TW I;Realisasi TW II\n"
        f"{PROGRAM};Persentase layanan administrasi;%;100;100;100;90;95\n"
        f"{KEGIATAN};Jumlah dokumen perencanaan;Dokumen;4;;;;\n"
    )
    proc, out = _ingest(tmp_path, {"glenmore_2026_kinerja.csv": csv}, "--kabupaten", "Banyuwangi")
    assert proc.returncode == 0, proc.stderr
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    plan = kinerja[kinerja["indikator"] == "Jumlah dokumen perencanaan"]
    assert plan["triwulan"].tolist() == [2] and plan["target_tahunan"].tolist() == [4.0]


def test_rows_read_but_not_written_are_named_in_the_summary() -> None:
    class Result:
        files, sheets, skipped, notes = 1, 1, {}, []
        kinerja_wide = pd.DataFrame(
            {
                "kecamatan": ["Glenmore", "Glenmore"],
                "tahun": [2026, 2026],
                "kunci": ["7.01.01", "7.01.02"],
                "indikator": ["A", "B"],
                "tingkat": ["program", "program"],
                "target_tahunan": [100.0, None],
            }
        )
        anggaran_wide = pd.DataFrame()
        iku_raw = pd.DataFrame()

    counted = written.Written()
    counted.count("kinerja", pd.DataFrame(columns=["kecamatan", "tahun", "kunci", "indikator"]))
    line = written.summary_line(Result(), counted, 0, 0.1)
    assert "ditulis: 0 indikator kinerja" in line
    assert "PERHATIAN: 1 indikator kinerja terbaca tetapi tidak tertulis: Glenmore 2026: 1" in line
    assert "1 indikator kinerja tanpa angka apa pun, tidak ditulis: Glenmore 2026: 1" in line


def test_no_value_words_are_no_value_with_a_note(tmp_path: Path) -> None:
    csv = (
        f"{HEAD};Target TW I;Realisasi TW I\n"
        f"{PROGRAM};Persentase layanan administrasi;%;100;100;n/a\n"
        f"{KEGIATAN};Jumlah dokumen perencanaan;Dokumen;4;1;tidak ada\n"
    )
    proc, out = _ingest(tmp_path, {"glenmore_2026_kinerja.csv": csv}, "--kabupaten", "Banyuwangi")
    assert proc.returncode == 0, proc.stderr
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert kinerja["realisasi_tw"].isna().all() and len(kinerja) == 2
    assert "2 " + no_value.NOTE_WORDS + " ('n/a', 'tidak ada')" in proc.stderr
    assert "baris 2 kolom 'Realisasi TW I'" in proc.stderr
    assert f"2 {no_value.NOTE_WORDS} dibaca sebagai tanpa nilai" in proc.stdout


def test_no_value_words() -> None:
    cells = pd.Series(["n/a", "N/A", "NA", "#N/A", "tidak ada", "Tidak Ada", "-", "", "12", "nan"])
    assert no_value.is_no_value_word(cells).tolist() == [True] * 6 + [False] * 4


def test_a_title_naming_another_kecamatan_than_the_file_is_an_error(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(ROOT / "data" / "raw" / "kalaena_2024_rencana_aksi.xlsx")
    hits = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=8):
            for cell in row:
                if isinstance(cell.value, str) and "KALAENA" in cell.value.upper():
                    cell.value = cell.value.upper().replace("KALAENA", "MALILI")
                    hits += 1
    assert hits
    path = tmp_path / "kalaena_2024_rencana_aksi.xlsx"
    wb.save(path)
    proc, out = _ingest(tmp_path, {path.name: path.read_bytes()})
    assert proc.returncode == 2
    assert "judul menyebut Kecamatan Malili, nama file menyebut Kecamatan Kalaena" in proc.stderr
    assert "KANTOR KECAMATAN MALILI" in proc.stderr
    assert not (out / "kinerja.parquet").exists()


def test_a_link_in_a_csv_note_column_is_kept_as_text(tmp_path: Path) -> None:
    csv = (
        f"{HEAD};Target TW I;Realisasi TW I;KET\n"
        f'{PROGRAM};Persentase layanan;%;100;100;100;"=HYPERLINK(""http://x.test/a.pdf"")"\n'
        f'{KEGIATAN};Jumlah dokumen;Dokumen;4;1;1;"=HYPERLINK(""http://x.test/b.pdf"",""Bukti"")"\n'
    )
    proc, out = _ingest(tmp_path, {"wotu_2024_kinerja.csv": csv})
    assert proc.returncode == 0, proc.stderr
    notes = pd.read_parquet(out / "kinerja.parquet")["keterangan"].tolist()
    assert notes == ["<http://x.test/a.pdf>", "Bukti <http://x.test/b.pdf>"]
