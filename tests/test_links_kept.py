"""A link in a note column keeps its text and its target, never an error, in .xlsx and
.csv alike (issue 20, item 2; .docx in tests/test_word_reading.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from ingest_helpers import run, write_csv, write_xlsx

HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target TW I", "Realisasi TW I", "Keterangan"]
ROWS = [
    ["7.01.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan", "Dokumen", 4, 4, "Foto kegiatan"],
    ["7.01.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "Orang/bulan", 13, 13,
     '=HYPERLINK("https://example.go.id/sk.pdf","SK Camat")'],
]  # fmt: skip


def test_xlsx_cell_link_and_hyperlink_formula_keep_their_target(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "raw", "towuti_2024_ra.xlsx", {"RA": [HEADER, *ROWS]})
    book = openpyxl.load_workbook(path)
    book["RA"]["G2"].hyperlink = "https://drive.example.go.id/towuti/tw1"
    book.save(path)
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    ket = result.kinerja_wide.set_index("kode")["keterangan"]
    assert ket["7.01.01.2.01.01"] == "Foto kegiatan <https://drive.example.go.id/towuti/tw1>"
    assert ket["7.01.01.2.02.01"] == "SK Camat <https://example.go.id/sk.pdf>"


def test_csv_hyperlink_text_in_a_note_column_is_kept(tmp_path: Path) -> None:
    row = ";".join(str(v) for v in ROWS[1][:-1])
    text = (
        ";".join(HEADER)
        + "\n"
        + row
        + ';"=HYPERLINK(""https://example.go.id/sk.pdf"";""SK Camat"")"\n'
    )
    write_csv(tmp_path / "raw", "towuti_2024_ra.csv", text)
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide["keterangan"].tolist() == ["SK Camat <https://example.go.id/sk.pdf>"]
