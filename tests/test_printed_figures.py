"""The office's printed figure and the recomputed one, side by side, in every format.

Each case is a figure a seed document prints (asserted against the seed text, so the
oracle is the seed, not this package) that the package's recomputation does not
confirm. The page (the report's cards and Tabel 3.4 table), the ``.xlsx`` and the
``.docx`` must each show the printed figure, marked, with the recomputed figure and its
rule beside it.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from analysis.reports import (
    loading,
    office,
    official_3_4,
    official_iku,
    official_table,
    tercetak,
    views,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT.parent.parent / "shared" / "seeds", Path("/work/shared/seeds")]

# (kecamatan, seed, sheet, row name, quarter or None, printed, recomputed, rule)
TABEL_34 = [
    ("Wotu", "004", "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA", "71,77", "88,89%",
     "rata-rata capaian 9 kegiatan"),
    ("Wotu", "004", "Administrasi Keuangan Perangkat Daerah", "2.119.739.936", "Rp 2.089.141.985",
     "jumlah 2 sub kegiatan"),
    ("Wotu", "004", "Penyediaan Barang Cetak dan Penggandaan", "83,33", "100,00%",
     "realisasi 3 / target 3"),
    ("Wotu", "004", "TOTAL BELANJA", "95,91", "97,11%", "rata-rata capaian 6 program"),
    # no capaian s/d TW printed: the TW IV capaian (100 in every quarter, realisasi 3 of
    # target 100) is the printed figure of a percentage indicator
    ("Towuti", "002", "Pelaksanaan Urusan Pemerintahan yang dilimpahkan kepada Camat.", "100,00",
     "3,00%", "realisasi 3 / target 100"),
]  # fmt: skip
RENCANA_AKSI = [
    ("Kalaena", "000", "Administrasi Kepegawaian Perangkat Daerah", "TW I", "75,00", "150,00%",
     "realisasi 150 / target 100"),
]  # fmt: skip
PAGE = [
    # (kecamatan, seed, printed as the seed prints it, recomputed shown, rule)
    ("Wotu", "004", "71,77", "88,89%", "rata-rata capaian 9 kegiatan"),
    ("Wotu", "004", "2.119.739.936", "2.089.141.985", "jumlah 2 sub kegiatan di bawahnya"),
    ("Wotu", "004", "83,33", "100,00%", "realisasi 3 / target 3"),
    ("Wotu", "004", "95,91", "97,11%", "rata-rata capaian 6 program"),
    ("Wotu", "004", "3.135.828.551", "3.135.828.546", "jumlah 9 kegiatan di bawahnya"),
    ("Wotu", "004", "3.308.672.275", "Rp 3.308.672.270", "jumlah 6 program di bawahnya"),
    ("Towuti", "002", "100,00", "3,00%", "realisasi 3 / target 100"),
]


def _seed(name: str) -> str:
    for folder in SEEDS:
        hits = sorted(folder.glob(f"{name}_*.txt")) if folder.is_dir() else []
        if hits:
            return hits[0].read_text(encoding="utf-8")
    pytest.skip(f"seed {name} not available")


def _in_seed(seed: str, printed: str) -> None:
    assert re.search(r"(?<![\d.,])" + re.escape(printed) + r"(?![\d])", _seed(seed)), (
        f"{printed} is not printed by seed {seed}: the oracle is wrong"
    )


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


@pytest.fixture(scope="module")
def files(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("laporan_tercetak") / "2024" / "TW4"
    return {
        k: office.tulis_laporan(bundled, k, 2024, 4, folder / f"{k.lower()}.html")
        for k in ("Wotu", "Kalaena", "Towuti")
    }


def _page_text(data: loading.Tabel, kecamatan: str) -> str:
    parts = [
        views.kartu_utama(data, kecamatan, 2024, 4),
        views.tabel_kinerja_html(data, kecamatan, 2024, 4),
    ]
    text = " ".join(re.sub(r"<[^>]+>", " ", str(p)) for p in parts)
    return " ".join(html_lib.unescape(text).split())


@pytest.mark.parametrize(("kecamatan", "seed", "printed", "computed", "rule"), PAGE)
def test_page_shows_printed_beside_recomputed(data, kecamatan, seed, printed, computed, rule):
    _in_seed(seed, printed)
    text = _page_text(data, kecamatan)
    assert computed in text
    beside = r"tercetak kecamatan (Rp )?" + re.escape(printed) + r"%? ≠ hitung ulang: "
    assert re.search(beside + re.escape(rule), text), (
        f"{kecamatan}: printed {printed} not shown beside {computed} ({rule})"
    )


def _xlsx_row(ws, name: str, tw: str | None = None) -> list:
    for row in ws.iter_rows():
        texts = [c.value for c in row]
        if name in texts and (tw is None or tw in texts):
            return list(row)
    raise AssertionError(f"row {name!r} {tw or ''} not in sheet {ws.title}")


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _check_xlsx(path: Path, sheet: str, name, tw, printed, computed, rule) -> None:
    """The cell is marked and holds either the printed figure typed, or - where the
    workbook recalculates it (issue 22) - the formula whose value is the recomputed one;
    the row's hitung-ulang text names the printed and the recomputed figure and the rule."""
    ws = openpyxl.load_workbook(path)[sheet]
    row = _xlsx_row(ws, name, tw)
    values = _xlsx_row(openpyxl.load_workbook(path, data_only=True)[sheet], name, tw)
    marked = [
        c
        for c, v in zip(row, values, strict=True)
        if (isinstance(c.value, (int, float)) and abs(c.value - _number(printed)) < 0.005)
        or (
            c.data_type == "f"
            and isinstance(v.value, (int, float))
            and abs(v.value - _number(computed.removeprefix("Rp ").removesuffix("%"))) < 0.005
        )
    ]
    assert marked, f"{sheet} {name}: neither printed {printed} nor its formula in the row"
    assert any(official_table.TANDA.strip() in c.number_format for c in marked), "cell unmarked"
    notes = [c.value for c in row if isinstance(c.value, str) and "dihitung ulang" in c.value]
    assert notes and computed in notes[0] and rule in notes[0], notes
    assert any(f"tercetak {p}" in notes[0] for p in (printed, f"Rp {printed}")), notes
    header = [c.value for r in ws.iter_rows(max_row=6) for c in r]
    assert tercetak.JUDUL_KOLOM in header


def _check_docx(path: Path, table: int, name, tw, printed, computed, rule) -> None:
    # ``table``: the table's place among the non-empty official tables; found by its rows
    # (an empty table, as Wotu's Rencana Aksi when no form was sent, is one line of text).
    rows = [[c.text for c in r.cells] for t in docx.Document(str(path)).tables for r in t.rows]
    hit = [r for r in rows if name in r and (tw is None or tw in r)]
    assert hit, f"row {name!r} not in a docx table (expected near table {table})"
    assert f"{printed}{official_table.TANDA}" in hit[0], hit[0]
    assert computed in hit[0][-1] and rule in hit[0][-1], hit[0][-1]


@pytest.mark.parametrize(("kecamatan", "seed", "name", "printed", "computed", "rule"), TABEL_34)
def test_tabel_3_4_shows_printed_marked_with_recomputed(
    files, kecamatan, seed, name, printed, computed, rule
):
    _in_seed(seed, printed)
    xlsx, docx_path = files[kecamatan]
    _check_xlsx(xlsx, "Tabel 3.4", name, None, printed, computed, rule)
    _check_docx(docx_path, 1, name, None, printed, computed, rule)


@pytest.mark.parametrize(
    ("kecamatan", "seed", "name", "tw", "printed", "computed", "rule"), RENCANA_AKSI
)
def test_rencana_aksi_shows_printed_marked_with_recomputed(
    files, kecamatan, seed, name, tw, printed, computed, rule
):
    _in_seed(seed, "150\t75")  # TW 1 : 100 | 150 | 75, as the form prints it
    xlsx, docx_path = files[kecamatan]
    _check_xlsx(xlsx, "Rencana Aksi", name, tw, printed, computed, rule)
    rows = [[c.text for c in r.cells] for r in docx.Document(str(docx_path)).tables[0].rows]
    hit = [r for r in rows if tw in r and f"{printed}{official_table.TANDA}" in r]
    assert hit and computed in hit[0][-1] and rule in hit[0][-1]


def test_figures_the_recomputation_confirms_are_not_marked(data):
    """Only differing figures carry the mark: Wotu's Program Penunjang anggaran kas and
    realisasi are the office's and the roll-up's alike."""
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    row = t.baris[t.baris["uraian"] == "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA"]
    # (the pagu column, added for issue 22, marks its own difference: 551 printed, 546
    # the sum of the kegiatan - see test_marks_follow_the_tolerance_setting)
    assert row["_tanda"].iloc[0] == "capaian_kinerja pagu"
    shown = t.tampilan().loc[row.index[0]]
    assert shown["anggaran_sd"] == "3.135.828.551" and shown["capaian_kinerja"] == "71,77 *"
    # a report without differences prints no extra column
    clean = official_3_4.tabel_3_4(data, "Kalaena", 2025, 1).tanpa_kolom_kosong()
    assert "hitung_ulang" not in [k.kunci for k in clean.kolom]


def test_marks_follow_the_tolerance_setting(data):
    band = tercetak.banding_simpul(data, "Wotu", 2024, 4)
    pagu = band[band["kunci"] == "7.01.01"]
    assert bool(pagu["pagu_berbeda"].iloc[0])  # 551 printed, 546 recomputed
    loose = tercetak.Settings(toleransi_rupiah=10.0)
    band = tercetak.banding_simpul(data, "Wotu", 2024, 4, loose)
    assert not bool(band.loc[band["kunci"] == "7.01.01", "pagu_berbeda"].iloc[0])


def test_towuti_program_penunjang_follows_the_offices_rule(data, files):
    """Seed 002 prints 93,75 % for Program Penunjang (kegiatan Pengadaan BMD 50: its sub
    kegiatan with target 0 and Rp 162.600.000 unspent counts 0 %). Under the default
    rule the roll-up gives the same figure, so nothing is marked, and the report says the
    rule where it changed a figure - on the page, in the xlsx and in the docx."""
    _in_seed("002", "93,75")
    _in_seed("002", "162.600.000")
    program = views.capaian_program(data, "Towuti", 2024, 4).set_index("kode")
    assert round(program.at["7.01.01", "capaian_persen"], 2) == 93.75
    page = _page_text(data, "Towuti")
    assert "tercetak kecamatan 93,75%" not in page
    rule = "7.01.01.2.07.10 Pengadaan sarana dan prasarana Pendukung Gedung atau bangunan"
    assert "Aturan hitung: sub kegiatan bertarget 0" in page and rule in page
    assert "capaian_target_nol" not in page  # a setting key is not report text
    xlsx, docx_path = files["Towuti"]
    ws = openpyxl.load_workbook(xlsx)["Tabel 3.4"]
    notes = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(n.startswith("Aturan hitung") and rule in n for n in notes)
    paragraphs = [p.text for p in docx.Document(str(docx_path)).paragraphs]
    assert any(p.startswith("Aturan hitung") and rule in p for p in paragraphs)


def test_overview_ranking_shows_the_printed_totals_with_one_value_per_quantity(data):
    """The ranking's note gives Wotu's printed TOTAL BELANJA capaian and JUMLAH pagu; the
    kecamatan figures of the ranking and of each report's Tabel 3.4 / cards are one
    comparison (same printed value, same recomputed value, same rule)."""
    from analysis.reports.official_ringkasan import tabel_peringkat

    _in_seed("004", "95,91")
    _in_seed("004", "3.308.672.275")
    t = tabel_peringkat(data, 2024, 4)
    notes = dict(zip(t.baris["kecamatan"], t.baris["hitung_ulang"], strict=True))
    assert "tercetak 95,91%, dihitung ulang 97,11%" in notes["Wotu"]
    assert "Rp 3.308.672.275, dihitung ulang Rp 3.308.672.270" in notes["Wotu"]
    assert notes["Towuti"] == ""
    every = tercetak.banding_kecamatan(data, 2024, 4).set_index("kecamatan")
    for kecamatan in ("Wotu", "Towuti", "Kalaena"):
        band = tercetak.banding_simpul(data, kecamatan, 2024, 4)
        one = band[band["tingkat"] == "kecamatan"].iloc[0]
        for q in tercetak.BESARAN:
            for part in ("dilaporkan", "dihitung", "berbeda", "alasan"):
                a, b = every.at[kecamatan, f"{q}_{part}"], one[f"{q}_{part}"]
                assert (pd.isna(a) and pd.isna(b)) or a == b, (kecamatan, q, part, a, b)


def test_a_node_whose_indicator_another_quarter_gives_is_not_without_indicator(data):
    """Towuti 7.01.01.2.01.04 (DPA-SKPD) is reported in TW I only: the TW IV table names
    its indicator and says where it was reported, never 'tanpa indikator'."""
    page = str(views.tabel_kinerja_html(data, "Towuti", 2024, 4))
    rows = re.findall(r"<tr class=\"tingkat-sub_kegiatan.*?</tr>", page, flags=re.S)
    dpa = [r for r in rows if "7.01.01.2.01.04" in r]
    assert dpa and "tanpa indikator" not in dpa[0]
    assert "Jumlah dokumen DPA-SKPD" in dpa[0] and "dilaporkan di TW I, tidak di TW IV" in dpa[0]


def test_an_indicator_another_years_table_gives_is_shown_not_without_indicator(data):
    """Kalaena 7.01.04.2.01.01 has no row in the 2024 form; its Renja evaluation (2023)
    gives its indicator: the TW IV table names it with its year."""
    page = str(views.tabel_kinerja_html(data, "Kalaena", 2024, 4))
    rows = re.findall(r"<tr class=\"tingkat-sub_kegiatan.*?</tr>", page, flags=re.S)
    row = [r for r in rows if "7.01.04.2.01.01" in r]
    assert row and "tanpa indikator" not in row[0]
    assert "indikator tahun 2023, tidak dilaporkan 2024" in html_lib.unescape(row[0])


@pytest.mark.parametrize("kecamatan", ["Kalaena", "Towuti", "Wotu"])
def test_no_row_is_without_indicator_when_the_office_gives_one(data, kecamatan):
    """Every row the TW IV table shows as 'tanpa indikator' has no indicator in any
    quarter, year or table of that office."""
    page = str(views.tabel_kinerja_html(data, kecamatan, 2024, 4))
    rows = re.findall(r"<tr class=\"tingkat-.*?</tr>", page, flags=re.S)
    without = [r for r in rows if "tanpa indikator" in r]
    codes = [m.group(0) for r in without for m in [re.search(r"\d+(?:\.\d+){2,}", r)] if m]
    assert len(codes) == len(without), "a row without code says 'tanpa indikator'"
    k = data.kinerja
    given = k[(k["kecamatan"] == kecamatan) & k["indikator"].notna()]["kunci"]
    assert not set(codes) & set(given), sorted(set(codes) & set(given))


def _docx_rows(path: Path, table: int) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in docx.Document(str(path)).tables[table].rows]


def test_towuti_headline_as_printed_on_page_xlsx_and_docx(data, files):
    """Seed 002 Tabel III prints Rp 4.094.740.600 / 3.623.393.162 / 88,49 % and the
    program table 93,75 % for Program Penunjang: the recomputation confirms each, so
    each is shown as printed and unmarked, in every format."""
    for printed in ("4.094.740.600,00", "3.623.393.162,00", "88,49", "93,75"):
        _in_seed("002", printed)
    page = _page_text(data, "Towuti")
    for shown in ("Rp 4.094.740.600", "Rp 3.623.393.162", "88,49%"):
        assert shown in page, shown
    cards = re.sub(r"<[^>]+>", " ", str(views.kartu_utama(data, "Towuti", 2024, 4)))
    cards = " ".join(html_lib.unescape(cards).split())
    assert not re.search(r"tercetak kecamatan (Rp )?\d", cards)  # headline unmarked
    assert not re.search(r"tercetak kecamatan (Rp )?[\d.,]+%? ≠ hitung ulang: rata-rata", page)
    program = views.capaian_program(data, "Towuti", 2024, 4).set_index("kode")
    assert round(program.at["7.01.01", "capaian_persen"], 2) == 93.75
    xlsx, docx_path = files["Towuti"]
    ws = openpyxl.load_workbook(xlsx, data_only=True)["Tabel 3.4"]
    total = _xlsx_row(ws, "TOTAL BELANJA")
    figures = {round(c.value, 2): c for c in total if isinstance(c.value, (int, float))}
    assert 3_623_393_162 in figures and 88.49 in figures
    penunjang = _xlsx_row(ws, "Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota")
    marked = [c for c in total + penunjang if official_table.TANDA.strip() in str(c.number_format)]
    assert not marked and any(c.value == 93.75 for c in penunjang)
    rows = _docx_rows(docx_path, 1)
    total_row = next(r for r in rows if "TOTAL BELANJA" in r)
    assert "3.623.393.162" in total_row and "88,49" in total_row
    assert any("Penunjang Urusan" in " ".join(r) and "93,75" in r for r in rows)
    text = " ".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert "pagu tahun 2024 sebesar Rp 4.094.740.600" in text and "serapan 88,49%" in text


ARGOMULYO = (
    "Tim dari kecamatan sudah melakukan monev Dana BKK ke 7 desa dan sampai saat ini Desa "
    "Argomulyo belum melakukan pencairan."
)


def test_kalaena_form_figures_and_notes_as_printed(data, files):
    """Seed 000: Perdes 14 Dok = 7 in TW I (its own cells) + 7 in TW IV (the TW IV row,
    program columns: 'TW4 : 100 | 7 | 100'); each quarter's KET verbatim. The xlsx and
    docx form and the page show them in their quarters."""
    _in_seed("000", "9 7\t10 7\t11 100")
    _in_seed("000", "TW4 : 100\t7\t100")
    _in_seed("000", ARGOMULYO)
    xlsx, docx_path = files["Kalaena"]
    rows = list(
        openpyxl.load_workbook(xlsx, data_only=True)["Rencana Aksi"].iter_rows(values_only=True)
    )
    at = next(i for i, r in enumerate(rows) if r[0] == "7.01.06.2.01.01")
    perdes = {r[5]: r for r in rows[at : at + 4]}
    assert perdes["TW I"][4] == 14 and perdes["TW I"][6:9] == (7, 7, 100)
    assert perdes["TW IV"][6:9] == (7, 7, 100)
    assert perdes["TW IV"][9] == "7 Dokumen Asistensi APBDes Perubahan Tahun 2024"
    assert any(r[5] == "TW II" and r[9] == ARGOMULYO for r in rows)
    form = _docx_rows(docx_path, 0)
    tw4 = next(r for r in form if r[0] == "7.01.06.2.01.01" and "TW IV" in r)
    assert tw4[6:9] == ["7", "7", "100,00"]
    assert any("TW II" in r and ARGOMULYO in r for r in form)
    page = " ".join(
        html_lib.unescape(
            re.sub(r"<[^>]+>", " ", str(views.tabel_kinerja_html(data, "Kalaena", 2024, 4)))
        ).split()
    )
    assert "Peraturan Desa dan Peraturan Kepala Desa (Dok) 14 14 100,00%" in page


# --- the IKU table (seed 002 Tabel 3.1/3.2, seed 004 Tabel 3.1/3.2, Kalaena Tabel 2.3) ---------


def _iku_row(t: official_table.TabelResmi, name: str) -> pd.Series:
    return t.baris.set_index("indikator").loc[name]


def test_iku_figures_the_offices_print_are_shown_as_printed_unmarked(data):
    """Towuti IKM 2024: target 80,1, realisasi 84,73, printed 105,8 % (seed 002), which
    realisasi / target (105,78) confirms: shown as printed, unmarked. Wotu IKM 2023/2024
    (seed 004 Tabel 3.1: 97,81 / 95,85) likewise; Kalaena's Tabel 2.3 prints no capaian."""
    for seed, printed in (("002", "105,8"), ("004", "97,81"), ("004", "95,85")):
        _in_seed(seed, printed)
    towuti = official_iku.tabel_iku(data, "Towuti", 2024, 4)
    ikm = _iku_row(towuti, "Indeks Kepuasan Masyarakat")
    assert (ikm["target_2024"], ikm["realisasi_2024"]) == (80.1, 84.73)
    assert ikm["capaian_persen_2024"] == 105.8  # as printed, not 105,78
    assert round(ikm["_hitung_capaian_persen_2024"], 2) == 105.78
    wotu = _iku_row(official_iku.tabel_iku(data, "Wotu", 2024, 4), "Indeks Kepuasan Masyarakat")
    assert (wotu["capaian_persen_2023"], wotu["capaian_persen_2024"]) == (97.81, 95.85)
    for k in ("Towuti", "Wotu", "Kalaena"):
        t = official_iku.tabel_iku(data, k, 2024, 4)
        assert t.baris["_tanda"].eq("").all() and t.baris["hitung_ulang"].eq("").all(), k
        assert tercetak.CATATAN_TANDA not in t.catatan
        assert "hitung_ulang" not in [c.kunci for c in t.tanpa_kolom_kosong().kolom]
        page = html_lib.unescape(str(views.riwayat_iku_html(data, k, 2024, 4)))
        assert "tercetak kecamatan" not in page, k
    kalaena = _iku_row(
        official_iku.tabel_iku(data, "Kalaena", 2024, 4), "Indeks Kepuasan Masyarakat"
    )
    assert round(kalaena["capaian_persen_2022"], 2) == 105.76  # 89,9 / 85: recomputed


@pytest.fixture(scope="module")
def iku_berbeda(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with Towuti's IKM 2024 printed as 110 % (the office's slip: the
    data say 84,73 / 80,1 = 105,78 %)."""
    import shutil

    folder = tmp_path_factory.mktemp("iku_berbeda") / "olahan"
    shutil.copytree(bundled, folder)
    iku = pd.read_parquet(folder / "iku.parquet")
    row = (iku["kecamatan"] == "Towuti") & (iku["tahun"] == 2024) & iku["triwulan"].isna()
    row &= iku["indikator"] == "Indeks Kepuasan Masyarakat"
    assert row.sum() == 1
    iku.loc[row, "capaian_dilaporkan"] = 110.0
    iku.to_parquet(folder / "iku.parquet", index=False)
    if (folder / "iku.csv").exists():
        iku.to_csv(folder / "iku.csv", index=False)
    return folder


def test_iku_with_a_differing_printed_capaian_is_marked_in_page_xlsx_and_docx(
    iku_berbeda: Path, tmp_path: Path
):
    data = loading.muat(iku_berbeda)
    rule = "realisasi 84,73 / target 80,1"
    t = official_iku.tabel_iku(data, "Towuti", 2024, 4)
    ikm = _iku_row(t, "Indeks Kepuasan Masyarakat")
    assert ikm["capaian_persen_2024"] == 110.0 and ikm["_tanda"] == "capaian_persen_2024"
    assert ikm["hitung_ulang"] == (
        f"2024: Capaian kinerja tercetak 110,00%, dihitung ulang 105,78% ({rule})"
    )
    assert tercetak.CATATAN_TANDA in t.catatan
    other = _iku_row(t, "Persentase Capaian Kinerja Program Penunjang Urusan Pemerintahan "
                     "Kabupaten di Kecamatan Towuti")  # fmt: skip
    assert other["_tanda"] == "" and other["capaian_persen_2024"] == 93.75
    # page: the recomputed figure, the printed one under it with the rule
    html = str(views.riwayat_iku_html(data, "Towuti", 2024, 4))
    page = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert f"105,78% tercetak kecamatan 110,00% ≠ hitung ulang: {rule}" in page, page
    # xlsx and docx
    xlsx, docx_path = office.tulis_laporan(
        iku_berbeda, "Towuti", 2024, 4, tmp_path / "2024" / "TW4" / "towuti.html"
    )
    _check_xlsx(xlsx, "IKU", "Indeks Kepuasan Masyarakat", None, "110,00", "105,78%", rule)
    _check_docx(docx_path, 2, "Indeks Kepuasan Masyarakat", None, "110,00", "105,78%", rule)
    text = " ".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert tercetak.CATATAN_TANDA in text


def test_iku_recomputation_of_a_negatif_indicator_names_the_packages_formula():
    from analysis.metrics.achievement import capaian
    from analysis.settings import DEFAULT_SETTINGS

    r = pd.DataFrame(
        {
            "tahun": [2024, 2024],
            "polaritas": ["negatif", "positif"],
            "target": [10.0, 80.1],
            "realisasi": [12.0, 84.73],
            "capaian_dilaporkan": [120.0, 105.78],
        }
    )
    r["capaian_persen"] = capaian(r["target"], r["realisasi"], r["polaritas"])
    band = tercetak.banding_iku(r)
    assert band["capaian_dihitung"].round(2).tolist() == [80.0, 105.78]
    assert band["capaian_berbeda"].tolist() == [True, False]
    assert band.at[0, "capaian_alasan"] == (
        "(2 x target 10 - realisasi 12) / target 10 (polaritas negatif)"
    )
    rasio = DEFAULT_SETTINGS.__class__(rumus_negatif="rasio")
    r["capaian_persen"] = capaian(r["target"], r["realisasi"], r["polaritas"], rasio)
    band = tercetak.banding_iku(r, rasio)
    assert band.at[0, "capaian_alasan"] == "target 10 / realisasi 12 (polaritas negatif)"
    assert round(band.at[0, "capaian_dihitung"], 2) == 83.33 and band.at[0, "capaian_berbeda"]


# --- one value per quantity, also within the tolerance -------------------------------------------
# A printed figure the recomputation confirms only within the tolerance (it differs by the
# office's rounding) is one quantity: the page, the xlsx (the formula's cached value as its
# number format displays it) and the docx all show the office's figure at its printed
# precision, unmarked, never the recomputed decimals.
DALAM_TOLERANSI = [
    # (kecamatan, seed, seed text, sheet, row name, quarter, printed as shown, recomputed)
    ("Towuti", "002", "105,8%", "IKU", "Indeks Kepuasan Masyarakat", None, "105,80", "105,78"),
    ("Kalaena", "000", "100 100 100 92\t", "Rencana Aksi", "Penyediaan Gaji dan Tunjangan ASN",
     "TW IV", "92,00", "92,31"),
]  # fmt: skip


def _shown(value: object, number_format: str) -> str:
    """A cell's value as its Excel number format displays it (the formats this package
    writes: ``[$-421]#,##0.0#`` etc., an optional quoted suffix)."""
    pattern = number_format.split('"')[0]
    decimals = pattern.split(".")[1] if "." in pattern else ""
    shown = format(float(value), f".{decimals.count('0')}f")
    if "#" in decimals:  # optional decimals: trailing zeros dropped
        shown = shown.rstrip("0").rstrip(".")
    whole, _, frac = shown.partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return whole + ("," + frac if frac else "")


def _xlsx_block_row(path: Path, sheet: str, name: str, tw: str | None) -> tuple[list, list]:
    """(formula row, cached-value row) of ``name`` (and, in a form, its ``tw`` row)."""
    ws = openpyxl.load_workbook(path)[sheet]
    values = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows())
    at = next(i for i, r in enumerate(rows) if name in [c.value for c in r])
    if tw is not None:
        at = next(i for i in range(at, len(rows)) if tw in [c.value for c in rows[i]])
    return list(rows[at]), list(next(values.iter_rows(min_row=at + 1, max_row=at + 1)))


@pytest.mark.parametrize(
    ("kecamatan", "seed", "seed_text", "sheet", "name", "tw", "printed", "computed"),
    DALAM_TOLERANSI,
)
def test_a_figure_within_the_tolerance_shows_as_printed_everywhere(
    data, files, kecamatan, seed, seed_text, sheet, name, tw, printed, computed
):
    _in_seed(seed, seed_text)
    xlsx, docx_path = files[kecamatan]
    # xlsx: the capaian cell (a formula where the workbook recalculates it) displays the
    # printed figure, unmarked
    row, cached = _xlsx_block_row(xlsx, sheet, name, tw)
    capaian = [
        (c, v)
        for c, v in zip(row, cached, strict=True)
        if isinstance(v.value, (int, float)) and abs(v.value - _number(computed)) < 0.01
    ]
    capaian = capaian or [
        (c, v)
        for c, v in zip(row, cached, strict=True)
        if isinstance(v.value, (int, float)) and abs(v.value - _number(printed)) < 0.005
    ]
    assert capaian, f"{sheet} {name}: no capaian cell"
    for cell, value in capaian:
        assert _shown(value.value, cell.number_format) == printed, (
            cell.coordinate,
            value.value,
            cell.number_format,
        )
        assert official_table.TANDA.strip() not in cell.number_format
    # docx: the same row shows the printed figure
    rows = [[c.text for c in r.cells] for t in docx.Document(str(docx_path)).tables for r in t.rows]
    hit = [r for r in rows if name in r and (tw is None or tw in r)]
    assert hit and printed in hit[0] and computed not in " ".join(hit[0]), hit[:1]
    # page: the section that shows it, and the written analysis
    if sheet == "IKU":
        sections = [views.riwayat_iku_html(data, kecamatan, 2024, 4)]
    else:
        sections = [views.rencana_aksi_html(data, kecamatan, 2024, 4)]
    sections.append(views.analisis_html(data, kecamatan, 2024, 4))
    page = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", str(s))) for s in sections)
    page = " ".join(page.split())
    assert f"{printed}%" in page and f"{computed}%" not in page, kecamatan
