"""Names in the official tables (xlsx, docx) drop the office's list mark as the page does.

Wotu's Tabel 3.4 types "- Penyusunan Dokumen ..." before each sub kegiatan; the HTML page
printed "Penyusunan Dokumen ...", the workbook and the Word draft "- Penyusunan ...".
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import formatting as fmt
from analysis.reports import loading, official_3_4, official_gaps, official_rencana_aksi, views


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_the_source_has_list_marks(bundled: Path) -> None:
    k = pd.read_parquet(bundled / "kinerja.parquet")
    wotu = k[(k["kecamatan"] == "Wotu") & (k["tahun"] == 2024)]
    assert wotu["uraian"].fillna("").str.match(fmt.LIST_MARK).sum() > 20


@pytest.mark.parametrize(
    ("kecamatan", "tahun", "triwulan"),
    [("Wotu", 2024, 4), ("Towuti", 2024, 4), ("Kalaena", 2024, 4), ("Kalaena", 2025, 1)],
)
def test_official_names_carry_no_list_mark(
    data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int
) -> None:
    for t in (
        official_3_4.tabel_3_4(data, kecamatan, tahun, triwulan),
        official_rencana_aksi.rencana_aksi(data, kecamatan, tahun, triwulan),
        official_gaps.tabel_kesenjangan(data, kecamatan, tahun, triwulan),
        official_gaps.tabel_temuan(data, kecamatan, tahun, triwulan),
        official_gaps.tabel_temuan(data, None, tahun, triwulan),
    ):
        names = t.tampilan()["uraian"]
        assert not names.str.match(fmt.LIST_MARK).any(), names[names.str.match(fmt.LIST_MARK)]


def test_workbook_and_page_print_one_name(data: loading.Tabel) -> None:
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    html = str(views.tabel_kinerja_html(data, "Wotu", 2024, 4)).replace("<wbr>", "")
    subs = t.tampilan()["uraian"][t.baris["_tingkat"] == "sub_kegiatan"]
    assert len(subs) > 25
    for name in subs:
        assert f">{name.replace('&', '&amp;')}<" in html, name
