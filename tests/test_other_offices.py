"""Tables of offices outside Luwu Timur (issue 19): the development corpus in
``tests/data/other_offices`` read as shipped, and the general rules its failures became.

Each office folder is ingested as a planner of that regency would (``python -m analysis
ingest --kabupaten ...``, nothing else; ``tests/heldout_measure.py``): every printed
figure must read right, no row counted and not written, no traceback.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import REFERENCE, write_csv, write_xlsx

from analysis.ingest.pipeline import ingest
from analysis.settings import load_settings

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout_measure

OTHER_OFFICES = Path(__file__).resolve().parent / "data" / "other_offices"
OFFICES = sorted(p for p in OTHER_OFFICES.iterdir() if (p / "printed.json").is_file())


def _ingest(raw: Path, kabupaten: str):
    settings = dataclasses.replace(load_settings(), kabupaten=kabupaten)
    return ingest(raw, reference_dir=REFERENCE, settings=settings)


@pytest.mark.parametrize("folder", OFFICES, ids=lambda p: p.name)
def test_office_reads_every_printed_figure(folder: Path) -> None:
    result = heldout_measure.measure_office(folder)
    assert not result.traceback, result.details
    assert result.exit_code == 0, result.details
    assert result.dropped == 0, result.details
    assert result.figures > 0
    assert result.right == result.figures, result.details[:10]


def test_the_corpus_spans_three_offices_and_several_formats() -> None:
    files = [f for p in OFFICES for f in p.iterdir() if f.name != "printed.json"]
    assert len(OFFICES) >= 3
    assert {f.suffix for f in files} >= {".csv", ".xlsx", ".docx"}


def test_kode_nomenklatur_is_the_code_column(tmp_path: Path) -> None:
    """An application's export names its code column ``kode_nomenklatur`` (Licin): it is
    the kode, never a column of unknown figures left unread."""
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "licin_renstra_2026.csv",
        "kode_nomenklatur,nama,indikator,satuan,target_2026,anggaran_2026\n"
        "7.01.01.2.06.0002,Penyediaan Peralatan dan Perlengkapan Kantor,"
        "Jumlah paket peralatan,Paket,3,29999400.00\n",
    )
    result = _ingest(raw, "Kabupaten Banyuwangi")
    assert not result.errors, str(result.errors)
    row = result.kinerja_wide.iloc[0]
    assert row["kode"] == "7.01.01.2.06.02"
    assert not any("kode_nomenklatur" in n for n in result.notes)


def test_four_digit_sub_kegiatan_numbers_are_the_two_digit_codes(tmp_path: Path) -> None:
    """Kepmendagri 050-5889 numbers a sub kegiatan ``7.01.01.2.01.0001``, Permendagri 90
    ``7.01.01.2.01.01``: one code, so two tables of one office join on it."""
    raw = tmp_path / "raw"
    write_csv(
        raw,
        "licin_2026_kinerja.csv",
        "kode;uraian;indikator;satuan;target\n"
        "7.01.01.2.01.0001;Penyusunan Dokumen Perencanaan Perangkat Daerah;"
        "Jumlah dokumen yang disusun;Dokumen;7\n",
    )
    write_csv(
        raw,
        "licin_2026_anggaran.csv",
        "kode;uraian;pagu\n"
        "7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;2500000\n",
    )
    result = _ingest(raw, "Kabupaten Banyuwangi")
    assert not result.errors, str(result.errors)
    assert set(result.kinerja_wide["kode"]) == {"7.01.01.2.01.01"}
    assert set(result.anggaran_wide["kode"]) == {"7.01.01.2.01.01"}


IKU_HEADER = [
    "No.",
    "Indikator Kinerja",
    "Satuan",
    "Target 2023",
    "Target 2024",
    "Realisasi 2023",
    "Realisasi 2024",
    "Capaian 2023(%)",
    "Capaian 2024(%)",
]
IKU_ROWS = [
    ["1.1", "Indeks Kepuasan Masyarakat", "Nilai", "80", "82", "84", "82", "105", "100"],
    ["1.2", "Persentase desa mandiri", "Persen", "50", "60", "45", "66", "90", "110"],
]


@pytest.mark.parametrize("label_column", [0, 1], ids=["no", "indikator"])
def test_printed_iku_totals_are_compared_not_errors(tmp_path: Path, label_column: int) -> None:
    """An LKjIP IKU table's ``Jumlah ...`` and ``Rata-Rata ...`` rows (as Gunung Kaler's
    Tabel 3.5 prints them, label in the No. or the indicator column) are the office's
    printed total: compared with the rows above, never 'baris IKU tanpa indikator'. A
    total that adds up is a note; one that does not is a ``total_berbeda`` finding."""

    def total(label: str, a: str, b: str) -> list[str]:
        row = ["", "", "", "", "", "", "", a, b]
        row[label_column] = label
        return row

    rows = [
        ["Tabel 3.5 Analisis Pencapaian Sasaran 1"],
        [],
        IKU_HEADER,
        *IKU_ROWS,
        total("Jumlah Capaian Realisasi Kinerja", "195,00", "200,00"),
        total("Rata-Rata Capaian Realisasi Kinerja", "97,50", "106,00"),
    ]
    raw = tmp_path / "raw"
    write_xlsx(raw, "wotu_2024_lkjip.xlsx", {"Tabel 3.5": rows})
    result = ingest(raw, reference_dir=REFERENCE)
    assert not result.errors, str(result.errors)
    iku = result.iku_raw
    assert len(iku) == 4 and iku["indikator"].notna().all()
    found = result.findings.to_frame()
    off = found[found["jenis"] == "total_berbeda"]
    # 2024: 100 + 110 = 210 printed 200; mean 105 printed 106 - both differ; 2023 adds up
    assert sorted(zip(off["tahun"], off["dilaporkan"], strict=True)) == [
        (2024, "106.0"),
        (2024, "200.0"),
    ]
    notes = " ".join(result.notes)
    assert "Jumlah Capaian Realisasi Kinerja" in notes and "Rata-Rata Capaian" in notes


def test_an_iku_indicator_named_jumlah_stays_an_indicator(tmp_path: Path) -> None:
    """``Jumlah dokumen ...`` with its target and realisasi is an indicator, not a total."""
    rows = [
        IKU_HEADER,
        ["1", "Jumlah dokumen perencanaan", "Dokumen", "5", "6", "5", "6", "100", "100"],
    ]
    raw = tmp_path / "raw"
    write_xlsx(raw, "wotu_2024_lkjip.xlsx", {"Tabel 3.5": rows})
    result = ingest(raw, reference_dir=REFERENCE)
    assert not result.errors, str(result.errors)
    assert set(result.iku_raw["indikator"]) == {"Jumlah dokumen perencanaan"}
    assert pd.to_numeric(result.iku_raw["target"]).tolist() == [5, 6]


def test_a_printed_iku_average_without_a_figure_is_passed_over_with_a_note(
    tmp_path: Path,
) -> None:
    rows = [IKU_HEADER, *IKU_ROWS, ["Rata-rata Capaian Kinerja", "", "", "", "", "", "", "", ""]]
    raw = tmp_path / "raw"
    write_xlsx(raw, "wotu_2024_lkjip.xlsx", {"Tabel 3.5": rows})
    result = ingest(raw, reference_dir=REFERENCE)
    assert not result.errors, str(result.errors)
    assert len(result.iku_raw) == 4
