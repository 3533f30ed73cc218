"""The page's Tabel 3.4 lists the same nodes as the workbook's (and the Word draft's), in
the same order, for every bundled report: a planner comparing them finds no row on one
that the other lacks. The page used to drop every node without a capaian or a budget
figure (Kalaena 2024 TW I: sub kegiatan 7.01.01.2.01.01, 7.01.01.2.01.02,
7.01.01.2.07.10; Kalaena 2022 TW IV: all of program 7.01.02)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import hierarchy_rows, loading, official_3_4, overview, views

_ROW = re.compile(
    r'<tr class="tingkat-(?P<tingkat>\w+)">\s*<td class="uraian"><span class="catatan">'
    r"(?P<label>[^<]*)</span> <br>(?P<uraian>.*?)(?: <span class=\"tanda\"[^>]*>\(dilengkapi\)"
    r"</span>)?</td>(?P<rest>.*?)</tr>",
    re.S,
)
_KODE = re.compile(r"\s(\d+(?:\.\d+)+)$")


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def _page_nodes(data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int) -> list:
    """(tingkat, kode, uraian) of each node row of the page's table, as rendered."""
    page = views.tabel_kinerja_html(data, kecamatan, tahun, triwulan)
    out = []
    for m in _ROW.finditer(page):
        kode = _KODE.search(html.unescape(m["label"]))
        uraian = html.unescape(m["uraian"].replace("<wbr>", ""))
        out.append((m["tingkat"], kode.group(1) if kode else "", uraian.strip()))
    return out


def _workbook_nodes(data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int) -> list:
    """(tingkat, kode, uraian) of each node block of the workbook's Tabel 3.4."""
    t = official_3_4.tabel_3_4(data, kecamatan, tahun, triwulan).baris
    t = t[t["_tingkat"].ne("total")].drop_duplicates("_blok")
    return list(zip(t["_tingkat"], t["_kode"], t["uraian"].str.strip(), strict=True))


def _reports(bundled: Path) -> list[tuple[str, int, int]]:
    ada = loading.tersedia(loading.muat(bundled))
    return [(k, int(y), int(q)) for k, y, q in ada[["kecamatan", "tahun", "triwulan"]].to_numpy()]


def test_page_lists_the_workbook_nodes_in_order(data: loading.Tabel, bundled: Path) -> None:
    reports = _reports(bundled)
    assert len(reports) >= 10  # every bundled report, not a lucky few
    differ = {}
    for kecamatan, tahun, triwulan in reports:
        page = _page_nodes(data, kecamatan, tahun, triwulan)
        book = _workbook_nodes(data, kecamatan, tahun, triwulan)
        assert page, (kecamatan, tahun, triwulan)
        if page != book:
            differ[(kecamatan, tahun, triwulan)] = (
                [n for n in book if n not in page],
                [n for n in page if n not in book],
            )
    assert not differ, differ


def test_node_without_figures_is_on_the_page_with_dashes(data: loading.Tabel) -> None:
    # Kalaena 2022 TW IV: program 7.01.02, its kegiatan and sub kegiatan carry a target
    # and no realisasi and no budget: no capaian, no roll-up row - still listed.
    page = views.tabel_kinerja_html(data, "Kalaena", 2022, 4)
    rows = {_KODE.search(html.unescape(m["label"])).group(1): m for m in _ROW.finditer(page)}
    for kode in ("7.01.02", "7.01.02.2.04", "7.01.02.2.04.02"):
        cells = re.findall(r'<td class="angka">(.*?)</td>', rows[kode]["rest"], re.S)
        target, realisasi, capaian = (re.sub(r"<[^>]+>", "", c).strip() for c in cells[:3])
        assert target != "-" and realisasi == "-" and capaian == "-", (kode, cells)
    codes = list(rows)
    assert codes.index("7.01.01") < codes.index("7.01.02") < codes.index("7.01.03")


def test_a_parent_only_another_quarter_names_keeps_its_code(data: loading.Tabel) -> None:
    # Kalaena 2024 TW I reports sub kegiatan 7.01.01.2.07.10 without its kegiatan (no
    # figure either); the kegiatan, named by the TW IV rows, is completed under its code.
    nodes = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, "Kalaena", 2024, 1
    ).set_index("kode")
    keg = nodes.loc["7.01.01.2.07"]
    assert keg["sumber_simpul"] == "dilengkapi" and keg["uraian"].startswith("Pengadaan Barang")
    assert nodes.loc["7.01.01.2.07.10", "kunci_induk"] == keg["kunci"]
    assert nodes.loc["7.01.01.2.07.10", "sumber_simpul"] == "data"
    assert nodes.loc["7.01.01.2.07.10", "urut"] == keg["urut"] + 1


def test_overview_lists_every_program_the_kecamatan_report(
    data: loading.Tabel, bundled: Path
) -> None:
    # The overview's program table (page heatmap and workbook) left out a program no
    # kecamatan had a capaian for: Kalaena 2022 TW IV's 7.01.02.
    reports = _reports(bundled)
    for tahun, triwulan in sorted({(t, q) for _, t, q in reports}):
        m = overview.matriks_program(data, tahun, triwulan)
        programs = set()
        for kecamatan in {k for k, t, q in reports if (t, q) == (tahun, triwulan)}:
            nodes = hierarchy_rows.simpul(
                data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
            )
            programs |= set(nodes.loc[nodes["tingkat"] == "program", "kunci"])
        assert len(m.columns) == len(programs), (tahun, triwulan, list(m.columns), programs)
    m = overview.matriks_program(data, 2022, 4)
    cell = m.loc["Kalaena", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK"]
    assert pd.isna(cell)  # reported with a target only: no capaian, an empty cell


def test_a_parent_without_a_roll_up_shows_one_dash(data: loading.Tabel) -> None:
    """Kalaena TW I 2024's completed kegiatan 7.01.01.2.07 has no capaian under it: its
    roll-up cell says "-" once, without an empty category badge beside it ("- -")."""
    page = str(views.tabel_kinerja_html(data, "Kalaena", 2024, 1))
    row = next(r for r in page.split("<tr")[1:] if "Kegiatan 7.01.01.2.07<" in r)
    assert "kategori-kosong" not in row
