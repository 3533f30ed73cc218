"""Rows of the Word draft's tables: a very tall row may continue on the next page, and a word
joined by slashes that is too wide for its column breaks after a slash, not mid-word.

Kalaena TW IV 2024: the Rencana Aksi sheet before 7.01.01.2.04.07 ended 65 % full, because
that row's KET (a thousand letters) could not start at the bottom of the page; LibreOffice
printed "Bulanan/Triwulan/Se|mesteran" (27 letters, no break point).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from analysis.reports import docx_chapter, docx_lebar, loading, office_docx, official
from analysis.reports.official_table import Kolom, TabelResmi

ZW = docx_lebar.PATAH_LUNAK


def _table(ket: list[str]) -> TabelResmi:
    return TabelResmi(
        nama="X",
        judul="Tabel X",
        kolom=(Kolom("u", "Uraian", lebar=20), Kolom("n", "Nilai", "angka"), Kolom("k", "KET")),
        baris=pd.DataFrame({"u": ["satu"] * len(ket), "n": [1.0] * len(ket), "k": ket}),
    )


def _rows(xml: str) -> list[str]:
    return re.findall(r"<w:tr>.*?</w:tr>", xml)


def test_only_a_very_tall_row_may_split() -> None:
    long_ket = "kalimat keterangan yang panjang sekali " * 150  # ~5,800 letters, 12 cm
    t = _table(["pendek", long_ket, "catatan " * 30])
    page = docx_chapter.MENDATAR
    rows = _rows(office_docx._table_xml(t, "TableGrid", page.lebar_teks, page.tinggi_teks))
    head, body = rows[0], rows[1:]
    assert "<w:tblHeader" in head  # repeated on the next page above the continued row
    whole = ["<w:cantSplit/>" in r for r in body]
    assert whole == [True, False, True]
    widths = office_docx._column_widths(t, t.tampilan(), page.lebar_teks)
    tall = docx_lebar.tinggi_baris_cm(t, t.tampilan(), widths)
    assert tall[1] > office_docx.BARIS_PECAH * page.tinggi_teks > tall[2] > tall[0]


def test_a_row_that_would_leave_over_40_percent_of_a_sheet_empty_may_split() -> None:
    # Kalaena TW IV Kesenjangan: a KET of a thousand letters (48 % of a landscape sheet)
    # was kept whole, so the sheet before it could end half empty. A row that does not
    # fit leaves less empty than its own height: rows over 40 % may split, others not.
    page = docx_chapter.MENDATAR
    t = _table(["kalimat keterangan yang panjang " * n for n in range(20, 140, 8)])
    body = _rows(office_docx._table_xml(t, "TableGrid", page.lebar_teks, page.tinggi_teks))[1:]
    widths = office_docx._column_widths(t, t.tampilan(), page.lebar_teks)
    share = docx_lebar.tinggi_baris_cm(t, t.tampilan(), widths) / page.tinggi_teks
    assert ((share > 0.4) & (share <= 0.5)).any() and (share <= 0.4).any()
    assert ["<w:cantSplit/>" in r for r in body] == (share <= 0.4).tolist()


def test_kalaena_kesenjangan_long_ket_row_may_split(bundled: Path) -> None:
    data = loading.muat(bundled)
    gaps = next(
        t for t in official.tabel_laporan(data, "Kalaena", 2024, 4) if t.nama == "Kesenjangan"
    )
    page = docx_chapter.MENDATAR
    body = _rows(office_docx._table_xml(gaps, "TableGrid", page.lebar_teks, page.tinggi_teks))
    long_rows = [r for r in body if "Peraturan Daerah Kabupaten" in r]
    assert len(long_rows) == 1
    assert "<w:cantSplit/>" not in long_rows[0]


@pytest.fixture(scope="module")
def rencana_aksi_docx(bundled: Path) -> docx.Document:
    data = loading.muat(bundled)
    tables = official.tabel_laporan(data, "Kalaena", 2024, 4)
    raw = office_docx.dokumen("Judul", "Sub", [], [], tables)
    return docx.Document(io.BytesIO(raw))


def _cells(document: docx.Document) -> list[str]:
    body = document.element.body
    return ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in body.iter(qn("w:tc"))]


def test_a_long_slashed_word_breaks_after_its_slashes(rencana_aksi_docx) -> None:
    cells = _cells(rencana_aksi_docx)
    slashed = [c for c in cells if "Bulanan/" in c and "Semesteran" in c]
    assert slashed
    for c in slashed:
        assert f"Bulanan/{ZW}Triwulan/{ZW}Semesteran" in c
    # the text itself is unchanged once the invisible break points are left out
    data_texts = {c.replace(ZW, "") for c in slashed}
    assert any("Bulanan/Triwulan/Semesteran" in c for c in data_texts)
    assert not any(re.search(r"Se\W+mesteran", c) for c in data_texts)


def test_a_short_slashed_word_stays_whole(rencana_aksi_docx) -> None:
    cells = _cells(rencana_aksi_docx)
    assert any(c == "Orang/Bulan" for c in cells)
    assert not any(f"Orang/{ZW}Bulan" in c for c in cells)
    # only after a slash or an underscore, nowhere else
    assert all(ZW not in c.replace(f"/{ZW}", "").replace(f"_{ZW}", "") for c in cells)


def test_a_file_name_too_wide_breaks_after_its_underscores(rencana_aksi_docx) -> None:
    # The Temuan place column printed "kalaena_2024_rencan|a_aksi.xlsx" (LibreOffice cut
    # the name where the column ended); it now breaks after an underscore.
    cells = _cells(rencana_aksi_docx)
    places = [c for c in cells if c.startswith("berkas kalaena_")]
    assert places
    for c in places:
        assert re.search(rf"berkas kalaena_{ZW}2024_{ZW}\w", c), c
    assert any(f"rencana_{ZW}aksi.xlsx" in c for c in places)
    # the text is unchanged once the invisible break points are left out
    assert any(
        c.replace(ZW, "").startswith("berkas kalaena_2024_rencana_aksi.xlsx, lembar RA")
        for c in places
    )
    # a short name with an underscore stays whole
    short = docx_lebar.patah_garis_miring(pd.Series(["kolom capaian_tw2", "a_b.csv"]))
    assert short.tolist() == ["kolom capaian_tw2", "a_b.csv"]


def test_the_last_quarter_page_of_rows_stays_together() -> None:
    # Towuti TW I-III: the last Temuan row was printed alone on a landscape sheet.
    t = _table([f"catatan temuan nomor {i} " * 12 for i in range(30)])
    page = docx_chapter.MENDATAR
    body = _rows(office_docx._table_xml(t, "TableGrid", page.lebar_teks, page.tinggi_teks))[1:]
    kept = ["<w:keepNext/>" in r for r in body]
    widths = office_docx._column_widths(t, t.tampilan(), page.lebar_teks)
    height = docx_lebar.tinggi_baris_cm(t, t.tampilan(), widths)
    first = kept.index(True)
    assert all(kept[first:-1]) and not kept[-1] and not any(kept[:first])
    # the rows that go together fill at least a quarter of a page, one row less does not
    assert height[first:].sum() >= office_docx.EKOR_TABEL * page.tinggi_teks
    assert height[first + 1 :].sum() < office_docx.EKOR_TABEL * page.tinggi_teks


def test_a_short_table_is_kept_whole() -> None:
    t = _table(["satu", "dua", "tiga"])
    page = docx_chapter.MENDATAR
    body = _rows(office_docx._table_xml(t, "TableGrid", page.lebar_teks, page.tinggi_teks))[1:]
    assert ["<w:keepNext/>" in r for r in body] == [True, True, False]
