"""Header matching: case, punctuation, roman numerals, synonyms and two-row headers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.reference import KecamatanReference
from analysis.ingest.tables.headers import classify_header, is_numbered_row, normalise_header
from analysis.ingest.tables.layouts import locate_header
from analysis.paths import reference_dir


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("TARGET TW I", "target_tw1"),
        ("Target Triwulan 1", "target_tw1"),
        ("target_tw1", "target_tw1"),
        ("Q3 target", "target_tw3"),
        ("REALISASI\nTW II", "realisasi_tw2"),
        ("REALISASI s/d TW.IV TAHUN 2024", "realisasi_sd_tw4"),
        ("Realisasi s.d. Triwulan III", "realisasi_sd_tw3"),
        ("TARGET s/d TRIWULAN IV (BERDASARKAN ANGGARAN KAS)", "anggaran_sd_tw4"),
        ("REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)", "realisasi_anggaran_sd_tw4"),
        ("REALISASI ANGGARAN S.D 31 DESEMBER 2023", "realisasi_anggaran_sd_tw4"),
        ("Anggaran Kas TW 2", "anggaran_tw2"),
        ("PAGU", "pagu"),
        ("JUMLAH ANGGARAN", "pagu"),
        ("URAIAN", "uraian"),
        ("PROGRAM/KEGIATAN/ SUB KEGIATAN", "uraian"),
        ("Urusan/ Bidang Urusan Pemerintahan Daerah dan Program/ Kegiatan", "uraian"),
        ("INDIKATOR KINERJA", "indikator"),
        ("KET", "keterangan"),
        ("KETERANGAN", "keterangan"),
        ("Sumber Dana", "sumber_dana"),
        ("TARGET", "target"),
        ("Capaian Kinerja (%)", "capaian"),
        ("Capaian Anggaran (%)", "serapan"),
        ("No.", "no"),
        ("Target Renstra 2026", None),
        ("realisasi_sd_2021", None),
        ("Foto kegiatan", None),
    ],
)
def test_classify_header(text: str, field: str | None) -> None:
    assert classify_header(text).field == field


def test_normalise_header_reads_roman_numerals_and_sd() -> None:
    assert normalise_header("Realisasi S/D TW.IV") == "realisasi sd tw 4"
    assert normalise_header("target_tw3") == "target tw 3"


def test_numbered_row() -> None:
    assert is_numbered_row(["1", "2", "", "3", "4"])
    assert is_numbered_row(["(1)", "(2)", "(3)", "(4)"])
    assert is_numbered_row(["6", "7", "8 = (7/6)", "9"])
    # tc29's row: formulas after their number; a formula-only cell takes its place
    assert is_numbered_row(["1", "2", "3", "4", "5", "6", "7", "8 = (7/6)", "9", "10=(5+7+9)"])
    assert is_numbered_row(["(1)", "(2)", "(3)", "(3/2*100)", "(5)"])
    assert not is_numbered_row(["Program A", "100", "90"])


def test_small_counts_are_not_a_numbered_row() -> None:
    """Small numbers are not enough: they must number the columns in order."""
    assert not is_numbered_row(["1", "2", "8 = (7/6)", "9"])
    # a data row of counts under Kode | Uraian | Indikator | Target TW I..IV | Realisasi ..
    assert not is_numbered_row(["", "", "Jumlah laporan", "1", "1", "1", "1", "1", "1", "1", "1"])
    assert not is_numbered_row(["7.01.01", "Rapat", "", "1", "2", "3", "4", "1", "2", "3", "4"])
    assert not is_numbered_row(["1", "2", "3", "4", "1", "2", "3", "4"])
    assert not is_numbered_row(["2", "2", "2", "2"])


def _grid(
    rows: list[list[object]], merged: list[tuple[int, int, int, int]] | None = None
) -> SheetGrid:
    width = max(len(r) for r in rows)
    cells = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    return SheetGrid("t.xlsx", "S", cells, np.arange(1, len(rows) + 1), merged or [])


def test_header_below_title_rows_with_group_row_and_numbered_row() -> None:
    kec = KecamatanReference.load(reference_dir() / "kecamatan.csv")
    grid = _grid(
        [
            ["Tabel 3.4"],
            ["KANTOR KECAMATAN WOTU"],
            ["TAHUN 2024"],
            ["NO", "PROGRAM/KEGIATAN", "KINERJA", None, None, "ANGGARAN", None, None],
            [
                None,
                None,
                "TARGET",
                "REALISASI s/d TW.IV",
                "Capaian (%)",
                "TARGET s/d TRIWULAN IV",
                "REALISASI",
                "Capaian (%)",
            ],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
            ["01", "Program X", "", "", "71,77", "3.135.828.551", "3.056.331.499", "97,46"],
        ],
        merged=[(3, 2, 3, 4), (3, 5, 3, 7)],
    )
    header = locate_header(grid, kec)
    assert header is not None
    assert header.first == 3 and header.last == 4 and header.data_start == 6
    assert header.fields[1] == "uraian"
    assert header.fields[2:] == [
        "target",
        "realisasi_sd_tw4",
        "capaian",
        "anggaran_sd_tw4",
        "realisasi_anggaran",
        "serapan",
    ]
    assert header.context == {"kecamatan": "Wotu", "tahun": 2024}
