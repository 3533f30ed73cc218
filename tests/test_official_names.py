"""Names in the official tables (xlsx, docx) drop the office's list mark as the page does.

Wotu's Tabel 3.4 types "- Penyusunan Dokumen ..." before each sub kegiatan; the HTML page
printed "Penyusunan Dokumen ...", the workbook and the Word draft "- Penyusunan ...".
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import formatting as fmt
from analysis.reports import (
    gap_views,
    loading,
    official_3_4,
    official_gaps,
    official_rencana_aksi,
    views,
)


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


def test_findings_quote_names_without_the_list_mark(data: loading.Tabel) -> None:
    # Wotu's Temuan "Rincian" read 'Sub Kegiatan "- Penyediaan Barang Cetak ..."' on the
    # page, in the workbook and in the Word draft; the stored finding keeps the source text.
    quoted_mark = r"[\"'“‘]\s*" + fmt.TANDA_DAFTAR + r"\s*[^\W\d_]"  # not "'-'"
    stored = data.pemeriksaan[data.pemeriksaan["kecamatan"] == "Wotu"]["pesan"]
    assert stored.str.contains(quoted_mark).sum() >= 2
    rincian = official_gaps.tabel_temuan(data, "Wotu", 2024, 4).tampilan()["pesan"]
    assert rincian.str.contains("Penyediaan Barang Cetak").any()
    assert not rincian.str.contains(quoted_mark).any(), rincian[rincian.str.contains(quoted_mark)]
    page = html.unescape(str(gap_views.temuan_html(gap_views.temuan(data, "Wotu", 2024, 4))))
    assert '"Penyediaan Barang Cetak' in page
    assert not re.search(quoted_mark, page)


def test_a_quoted_figure_keeps_its_sign() -> None:
    texts = pd.Series(["nilai '-5' di kolom", 'Sub Kegiatan "– Penyediaan"', pd.NA], dtype="string")
    out = fmt.kutipan_tanpa_tanda_daftar(texts)
    assert out.iloc[0] == "nilai '-5' di kolom"
    assert out.iloc[1] == 'Sub Kegiatan "Penyediaan"'
    assert pd.isna(out.iloc[2])
