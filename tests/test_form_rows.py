"""Form rows a converter printed out of place (``ingest/tables/form_rows.py``): column
numbers fused into cells, rows wider than the table, a kegiatan printed twice."""

from __future__ import annotations

import pandas as pd

from analysis.ingest.tables.form_rows import realign, strip_fused_numbers

E = None
# the Rencana Aksi form: program side 0-5, kegiatan side 6-11, KET 12
SIDES = [
    {"uraian": 0, "indikator": 1, "satuan": 2, "target": 3, "realisasi": 4, "capaian": 5},
    {"uraian": 6, "indikator": 7, "satuan": 8, "target": 9, "realisasi": 10, "capaian": 11},
]
WIDTH = 13


def _frame(rows: list[list[object]]) -> pd.DataFrame:
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [E] * (width - len(r)) for r in rows], dtype=object)


def test_fused_column_numbers_are_taken_off_the_row() -> None:
    cells = _frame(
        [
            [
                *["1 Program P", "2 Persen", "100%", "3 TW1 : 100", "4 100", "5 100"],
                *["6 Fasilitasi", "7 Jumlah Dokumen", "8 14 Dok", "9 7", "10 7", "11 100"],
            ],
            ["", "", "", "TW2 : 100", "100", "-"],
        ]
    )
    out, n = strip_fused_numbers(cells)
    assert n == 1
    assert out.iloc[0].tolist() == [
        "Program P",
        "Persen",
        "100%",
        "TW1 : 100",
        "100",
        "100",
        "Fasilitasi",
        "Jumlah Dokumen",
        "14 Dok",
        "7",
        "7",
        "100",
    ]
    assert out.iloc[1].tolist() == cells.iloc[1].tolist()


def test_numbers_that_are_not_a_run_of_column_numbers_stay() -> None:
    cells = _frame(
        [
            ["1", "2", "3", "4", "5"],  # the column-number row, or figures 1..5
            ["Sub Kegiatan A", "Jumlah laporan", "12 Laporan", "3 Laporan", "3", "100"],
            ["1 Rapat", "3 Laporan", "4 Dokumen", "5 Paket"],  # not consecutive
        ]
    )
    out, n = strip_fused_numbers(cells)
    assert n == 0
    assert out.equals(cells)


def test_a_row_wider_than_the_table_is_put_back_with_its_quarter_rows() -> None:
    """Seed 000 l.69: three empty cells before the row and three inside it; its quarter
    rows printed under the same columns belong to the program side it came from."""
    first = [E, E, E, "Program P", "Persen", "100%", E, E, E, "TW1 : 100", "100", "100"]
    first += ["Koordinasi", "Jumlah Laporan", "7 Desa", "7", "7", "100"]
    cells = _frame([first, [E] * 9 + ["TW2 : 100", "100", "100"], ["Kegiatan B", "x"]])
    out, moved = realign(cells, WIDTH, SIDES)
    assert moved == [0]
    assert out.iloc[0, :12].tolist() == [
        "Program P",
        "Persen",
        "100%",
        "TW1 : 100",
        "100",
        "100",
        "Koordinasi",
        "Jumlah Laporan",
        "7 Desa",
        "7",
        "7",
        "100",
    ]
    assert out.iloc[0, 12:].isna().all()
    assert out.iloc[1, 3:6].tolist() == ["TW2 : 100", "100", "100"]
    assert out.iloc[1, 9:].isna().all()
    assert out.iloc[2].tolist() == cells.iloc[2].tolist()


def test_a_kegiatan_printed_twice_keeps_its_figures_on_its_own_side() -> None:
    """Seed 000 l.34: the sub kegiatan printed in the program columns and again past the
    table; its quarter rows are its own."""
    name, ind, unit = "Peningkatan Partisipasi", "Jumlah Masyarakat", "5 Lembaga"
    first = [E, E, E, name, ind, unit, E, E, E, "TW 1 : 5", "5", "100"]
    first += [name, ind, unit, "TW 1 : 5", "5"]
    cells = _frame([first, [E] * 9 + ["TW 2 : 0", "-", "-"]])
    out, moved = realign(cells, WIDTH, SIDES)
    assert moved == [0]
    assert out.iloc[0, :6].isna().all()
    assert out.iloc[0, 6:12].tolist() == [name, ind, unit, "TW 1 : 5", "5", "100"]
    assert out.iloc[1, :6].isna().all()
    assert out.iloc[1, 9:12].tolist() == ["TW 2 : 0", "-", "-"]


def test_a_wide_row_that_cannot_be_put_back_safely_stays_as_printed() -> None:
    """No empty run to drop: the cells past the table stay, refused by the reader."""
    row = ["Program P", "Persen", "100%", "TW1 : 100", "100", "100", "Keg", "Ind", "1 Dok"]
    row += ["1", "1", "100", "ket", "lebih", "lagi"]
    cells = _frame([row])
    out, moved = realign(cells, WIDTH, SIDES)
    assert moved == []
    assert out.equals(cells)
