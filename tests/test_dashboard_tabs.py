"""The dashboard's two tabs show one value per quantity for the same row (issue 21).

A program or kegiatan has two capaian: its own indicator's (the gap tab's list) and the
mean of the nodes under it (the comparison tab's ranking). For every such row of the
bundled TW IV 2024 reports, both tabs show both figures, each under its method's label,
and the two tabs agree figure for figure (Towuti Program Penunjang 93,75 % in either;
Kalaena kegiatan Jasa Penunjang 92,25 % own indicator, 89,58 % mean of its sub kegiatan).
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from analysis.reports import explorer_metode as metode
from analysis.reports import explorer_render as tampil
from analysis.reports import explorer_state as st
from analysis.reports import loading

KECAMATAN = ("Towuti", "Kalaena", "Wotu")


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def _cells(html: str, row_class: str) -> list[dict[str, str]]:
    """Each ``<tr class=row_class>`` as {td class: text}."""
    out = []
    for row in re.findall(rf'<tr class="{row_class}">(.*?)</tr>', html, flags=re.S):
        cells = {}
        for cls, text in re.findall(r'<td class="([^"]*)">(.*?)</td>', row, flags=re.S):
            plain = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", text)).split())
            for c in cls.split():
                cells.setdefault(c, plain)
        out.append(cells)
    return out


def _gap_rows(data, kecamatan: str, tingkat: str) -> list[dict[str, str]]:
    k = st.keadaan(data, kecamatan, 2024, 4, tingkat, 200.0)
    html = str(tampil.kesenjangan_html(k))
    if k.jumlah:  # (Wotu prints no indicator of a program: an empty list, no table)
        assert tampil.LABEL_CAPAIAN_SENDIRI in html and tampil.LABEL_CAPAIAN_RATA in html
    rows = _cells(html, "baris-kesenjangan")
    assert len(rows) == k.jumlah
    for row, (_, g) in zip(rows, k.kesenjangan.iterrows(), strict=True):
        row["kunci"] = str(g["kunci"])
    return rows


def _comparison_row(data, kecamatan: str, tingkat: str, kunci: str) -> dict[str, str]:
    tabel = st.banding(data, tingkat, kunci, 2024, 4)
    html = str(tampil.banding_html(tabel, tabel.iloc[:0], "judul", "tren", [], tingkat))
    assert tampil.label_metode(tingkat) in html and tampil.LABEL_CAPAIAN_SENDIRI in html
    rows = _cells(html, "baris-banding")
    hit = [r for r in rows if r["k-kecamatan"] == kecamatan]
    assert len(hit) == 1, (kecamatan, kunci, rows)
    return hit[0]


@pytest.mark.parametrize("kecamatan", KECAMATAN)
@pytest.mark.parametrize("tingkat", ["program", "kegiatan"])
def test_the_two_tabs_show_the_same_figures_for_the_same_row(data, kecamatan, tingkat):
    rows = _gap_rows(data, kecamatan, tingkat)
    for gap in rows:
        comparison = _comparison_row(data, kecamatan, tingkat, gap["kunci"])
        # the node's own indicator: the gap tab's figure is the comparison tab's (or one
        # of its figures, when the node has several indicators)
        own = comparison["k-capaian-sendiri"].split(metode.PEMISAH)
        assert gap["k-capaian-sendiri"] in own, (kecamatan, gap, comparison)
        # the mean of the nodes under it: one figure in both tabs
        assert gap["k-capaian-rata"] == comparison["k-capaian-rata"], (kecamatan, gap, comparison)


def test_the_issues_examples(data):
    """Towuti Program Penunjang: 93,75 % under both methods, in both tabs; Kalaena
    Program Penunjang has no indicator of its own (the gap tab lists none), the
    comparison tab shows its mean 81,44 % under that label, and the own-indicator column
    empty - not a second figure."""
    towuti = _comparison_row(data, "Towuti", "program", "7.01.01")
    assert towuti["k-capaian-rata"] == "93,75%" and towuti["k-capaian-sendiri"] == "93,75%"
    gap = [r for r in _gap_rows(data, "Towuti", "program") if r["kunci"] == "7.01.01"]
    assert gap and gap[0]["k-capaian-sendiri"] == "93,75%"
    assert gap[0]["k-capaian-rata"] == "93,75%"
    kalaena = _comparison_row(data, "Kalaena", "program", "7.01.01")
    assert kalaena["k-capaian-rata"] == "81,44%" and kalaena["k-capaian-sendiri"] == "-"
    assert not [r for r in _gap_rows(data, "Kalaena", "program") if r["kunci"] == "7.01.01"]
    jasa = _comparison_row(data, "Kalaena", "kegiatan", "7.01.01.2.08")
    assert (jasa["k-capaian-rata"], jasa["k-capaian-sendiri"]) == ("89,58%", "92,25%")
