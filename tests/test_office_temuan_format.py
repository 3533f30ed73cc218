"""The Temuan table prints one number format per kind of figure, in the page, xlsx and docx.

Its "Angka" columns mix percentages, rupiah and counts row by row; each printed with at most
two decimals and no trailing zeros, Towuti TW IV 2024 read "44,7" beside "89,39" (both
serapan %). Now: percentages with two decimals, rupiah whole, counts as printed, and the
kind read from the column the figures belong to ("serapan terhadap pagu (%)").
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import findings, gap_views, loading, office_xlsx, official_gaps

ANGKA = ("dilaporkan", "dihitung", "selisih")


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def _kind(label: str) -> str:
    return "persen" if label.endswith("(%)") else "rupiah" if label.endswith("(Rp)") else "lain"


@pytest.mark.parametrize(
    ("kecamatan", "triwulan"), [("Towuti", 4), ("Wotu", 4), ("Kalaena", 4), (None, 4)]
)
def test_one_format_per_kind_of_figure(
    data: loading.Tabel, kecamatan: str | None, triwulan: int
) -> None:
    t = official_gaps.tabel_temuan(data, kecamatan, 2024, triwulan)
    shown = t.tampilan()
    # the figure's kind comes from its column's plain name (never capaian_tw_persen)
    labels = t.baris["kolom"]
    assert not labels.str.contains("_", regex=False).any()
    kinds = labels.map(_kind)
    for key in ANGKA:
        texts = shown[key][shown[key] != "-"]
        if texts.empty:
            continue
        k = kinds[texts.index]
        pct = texts[k == "persen"]
        assert pct.str.fullmatch(r"-?[\d.]+,\d\d").all(), pct.tolist()
        rp = texts[k == "rupiah"]
        assert rp.str.fullmatch(r"-?\d{1,3}(\.\d{3})*").all(), rp.tolist()


def test_towuti_serapan_reads_44_70_beside_89_39(data: loading.Tabel) -> None:
    t = official_gaps.tabel_temuan(data, "Towuti", 2024, 4)
    shown = t.tampilan()
    i = shown.index[shown["dilaporkan"].str.startswith("44,7")][0]
    assert (shown.at[i, "dilaporkan"], shown.at[i, "dihitung"]) == ("44,70", "89,39")
    assert t.baris.at[i, "kolom"] == "serapan terhadap pagu (%)"


def test_xlsx_number_formats_follow_the_kind(data: loading.Tabel) -> None:
    t = official_gaps.tabel_temuan(data, "Wotu", 2024, 4)
    labels = t.baris["kolom"]
    for i in t.baris.index:
        d = t.baris.at[i, "_desimal_dilaporkan"]
        fmt_ = office_xlsx.format_angka("angka", 1.5, "", None if pd.isna(d) else int(d))
        kind = _kind(labels[i])
        if kind == "persen":
            assert fmt_.endswith("#,##0.00"), (labels[i], fmt_)
        elif kind == "rupiah":
            assert fmt_.endswith("#,##0"), (labels[i], fmt_)


def test_page_findings_print_the_same_figures(data: loading.Tabel) -> None:
    # the HTML list of findings and the official table: one text per figure
    raw = gap_views.temuan(data, "Towuti", 2024, 4)
    items = [b for g in findings.kelompok_temuan(raw, {}) for b in g["butir"]]
    page = {(b["kolom"], b["dilaporkan"], b["dihitung"]) for b in items}
    t = official_gaps.tabel_temuan(data, "Towuti", 2024, 4)
    table = t.tampilan()
    office = set(zip(t.baris["kolom"], table["dilaporkan"], table["dihitung"], strict=True))
    assert page == office
    assert any(re.fullmatch(r"\d+,\d0", d) for _, d, _ in page)  # 44,70: a trailing zero kept


def test_place_as_the_page_says_it(data: loading.Tabel) -> None:
    """The workbook's and Word draft's Temuan name the place as the page does ("berkas
    towuti_2024_anggaran.csv, baris 70"), not the raw file:sheet:row key, which repeated
    a CSV's name as its sheet and broke mid-word in a narrow column."""
    t = official_gaps.tabel_temuan(data, "Towuti", 2024, 4)
    shown = t.tampilan()["sumber"]
    assert shown.str.startswith("berkas ").all(), shown.tolist()
    assert "berkas towuti_2024_anggaran.csv, baris 70" in shown.tolist()
    assert not shown.str.contains(r"\.csv:", regex=True).any()
