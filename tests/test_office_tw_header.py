"""A quarter's numeral stays with its name in the headers of the workbook and the Word
draft: the Kesenjangan header "Realisasi s/d TW II" wrapped as "TW" / "II" (a Roman
numeral alone on a line)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest
from docx.oxml.ns import qn

from analysis.reports import docx_lebar, office, office_xlsx
from analysis.reports.official_table import Kolom, TabelResmi

BREAKABLE = re.compile(r"\bTW (?:IV|I{1,3})\b")
WHOLE = re.compile(r"\bTW\u00a0(?:IV|I{1,3})\b")


@pytest.fixture(scope="module")
def wotu(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("tw") / "wotu.html"
    return office.tulis_laporan(bundled, "Wotu", 2024, 4, out)


def test_workbook_headers_keep_tw_and_numeral_together(wotu) -> None:
    wb = openpyxl.load_workbook(wotu[0])
    top = office_xlsx.BARIS_KEPALA + 1  # 1-based: the header rows (two with a group row)
    texts = {
        ws.title: [
            c.value
            for row in ws.iter_rows(min_row=top, max_row=top + 1)
            for c in row
            if isinstance(c.value, str)
        ]
        for ws in wb.worksheets
    }
    assert any(WHOLE.search(t) for t in texts["Kesenjangan"]), texts["Kesenjangan"][:20]
    for sheet, cells in texts.items():
        assert not [t for t in cells if BREAKABLE.search(t)], sheet


def test_word_table_headers_keep_tw_and_numeral_together(wotu) -> None:
    doc = docx.Document(str(wotu[1]))
    heads = [
        c.text
        for t in doc.tables
        for row in t.rows
        if row._tr.find(qn("w:trPr")) is not None
        and row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        for c in row.cells
    ]
    assert any(WHOLE.search(t) for t in heads)
    assert not [t for t in heads if BREAKABLE.search(t)]


def test_the_width_estimate_takes_tw_and_numeral_as_one_word() -> None:
    # a column headed "TW IV" is at least as wide as "TW IV" (the Word draft breaks no
    # header inside a word), and the estimate gives it one line
    t = TabelResmi(
        nama="X",
        judul="X",
        kolom=(Kolom("u", "Uraian"), Kolom("n", "TW IV", "angka")),
        baris=pd.DataFrame({"u": ["satu"], "n": [1.0]}),
    )
    _floors, heads = docx_lebar.lantai(t, t.tampilan())
    whole = docx_lebar.lebar_cm(pd.Series(["TW\u00a0IV"]), docx_lebar.UKURAN_JUDUL_PT, tebal=True)
    assert heads[1] >= float(whole.iloc[0]) + 2 * docx_lebar.MARGIN_SEL_CM
    assert docx_lebar.baris_judul([t.kolom[1].judul], [heads[1]]) == 1
