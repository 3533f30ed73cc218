"""The regency overview, the index and the findings lists read as a planner reads them
(issue 22, looked at page by page): a report of one seksi is said to be partial wherever
its capaian is ranked or listed, no sentence twice, no raw codes, no list dashes."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import findings, index_page, loading, overview, scope, views
from analysis.reports.markup import jinja_env


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_partial_office_is_said_in_the_ranking(data: loading.Tabel) -> None:
    """Kalaena TW I 2025 is one seksi's report: its page says so, the overview ranked its
    100,00% without a word."""
    ranking = overview.peringkat(data, 2025, 1)
    kalaena = ranking.set_index("kecamatan").loc["Kalaena"]
    assert bool(kalaena["sebagian"]) and int(kalaena["program"]) == 1
    notes = " ".join(overview.catatan_peringkat(ranking))
    assert "Hanya sebagian kantor (misalnya laporan satu seksi): Kalaena (1 program, " in notes
    assert "bukan kinerja kecamatan secara utuh" in notes
    html = str(overview.peringkat_html(ranking))
    assert "Hanya sebagian kantor" in html
    # the whole offices of TW IV 2024 carry no such note
    full = overview.peringkat(data, 2024, 4)
    assert not full["sebagian"].any()
    assert "sebagian kantor" not in " ".join(overview.catatan_peringkat(full))


def test_page_and_overview_use_one_rule(data: loading.Tabel) -> None:
    for kecamatan, tahun, triwulan in (("Kalaena", 2025, 1), ("Kalaena", 2024, 4)):
        _, sempit = views.lingkup_laporan(data, kecamatan, tahun, triwulan)
        r = overview.peringkat(data, tahun, triwulan).set_index("kecamatan")
        assert bool(r.loc[kecamatan, "sebagian"]) == sempit
    assert scope.SEBAGIAN_KANTOR in views.lingkup_laporan(data, "Kalaena", 2025, 1)[0]


def test_index_marks_the_partial_report(data: loading.Tabel, bundled: Path, tmp_path: Path):
    listed = overview.daftar_laporan(data, [("Kalaena", 2025, 1), ("Kalaena", 2024, 4)])
    part = dict(zip(listed["tahun"], listed["sebagian"], strict=True))
    assert part == {2025: True, 2024: False}
    entries = {}
    for key, tahun, q in (("2025/TW1/kalaena.html", 2025, 1), ("2024/TW4/kalaena.html", 2024, 4)):
        page = tmp_path / key
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html></html>", encoding="utf-8")
        entries[key] = {
            "jenis": "laporan",
            "kecamatan": "Kalaena",
            "tahun": tahun,
            "triwulan": q,
            "status": "dibuat",
        }
    index = index_page.write_index(tmp_path, bundled, entries).read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<td><a href=\"([^\"]+)\">.*?</tr>", index, flags=re.S)
    assert rows == ["2025/TW1/kalaena.html", "2024/TW4/kalaena.html"]
    row_2025, row_2024 = re.findall(r"<tr>\s*<td><a href=.*?</tr>", index, flags=re.S)
    assert "sebagian kantor saja" in row_2025
    assert "sebagian kantor" not in row_2024


def test_no_findings_is_said_once(data: loading.Tabel) -> None:
    """Overview TW I 2025 printed "Tidak ada temuan kualitas data" twice."""
    from analysis.reports import gap_views

    summary = overview.ringkasan_temuan(data, 2025, 1)
    assert summary.empty
    both = str(overview.ringkasan_temuan_html(summary)) + str(
        gap_views.temuan_html(gap_views.temuan(data, None, 2025, 1), satu_kecamatan=False)
    )
    assert both.count("Tidak ada temuan kualitas data") == 1


def test_finding_messages_carry_no_raw_level_code(bundled: Path) -> None:
    """The guessed-level finding said "dianggap sub_kegiatan"."""
    pesan = pd.read_parquet(bundled / "pemeriksaan.parquet")["pesan"].dropna().astype("str")
    assert pesan.str.contains("dianggap sub kegiatan").any()
    assert not pesan.str.contains(r"\b(?:sub_kegiatan|kecamatan_total)\b").any()


def test_finding_headings_and_columns_in_plain_words() -> None:
    """Overview TW IV 2024: "Wotu: - Penyediaan ..." (the source's list dash) and
    "(realisasi_tw3)", "(capaian_tw2)" (column codes) in the findings list."""
    f = pd.DataFrame(
        {
            "kecamatan": ["Wotu", "Kalaena", "Kalaena"],
            "uraian": ["- Pengadaan Kendaraan Dinas", "Fasilitasi Perdes", "Program X"],
            "kode": ["7.01.01.2.07.02", None, None],
            "tingkat_keparahan": ["rendah", "sedang", "sedang"],
            "kolom": ["capaian_sd_persen", "realisasi_tw3", "capaian_tw2"],
            "jenis": ["capaian_tanpa_target", "x", "x"],
            "pesan": ["a", "b", "c"],
            "dilaporkan": [0.0, 0.0, None],
            "dihitung": [None, None, None],
            "selisih": [None, None, None],
            "sumber": [None, None, None],
        }
    )
    groups = findings.kelompok_temuan(f, {})
    assert [g["baris"] for g in groups] == [
        "Fasilitasi Perdes",
        "Program X",
        "Pengadaan Kendaraan Dinas",
    ]
    html = (
        jinja_env()
        .get_template("fragmen/temuan.html.j2")
        .render(kelompok=groups, satu_kecamatan=False)
    )
    assert "Wotu: Pengadaan Kendaraan Dinas" in html and ": - " not in html
    assert "(realisasi Triwulan III)" in html and "(capaian Triwulan II, dalam persen)" in html
    assert "(%))" not in html  # no bracket inside a bracket
    assert "_tw" not in html
