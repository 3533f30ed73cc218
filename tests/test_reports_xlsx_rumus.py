"""The workbook recalculates (issue 22 item 3): totals are SUM formulas over their
children, capaian and serapan are formulas, with the computed value cached; rows in kode
order; the pagu filled; no empty sheet or row.

Checked on the bundled data through the real ingest, by opening the files with openpyxl
(formula text) and, for the recalculation, by changing a cell and letting LibreOffice
compute the workbook again.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.reports import (
    explorer_render,
    loading,
    office,
    office_rumus,
    office_xlsx,
    official,
    official_3_4,
    official_table,
)

PROGRAM_01 = "PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA"
PERENCANAAN = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
SUB_PERENCANAAN = [
    "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
    "Koordinasi dan Penyusunan Dokumen DPA-SKPD",
    "Evaluasi Kinerja Perangkat Daerah",
]


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


@pytest.fixture(scope="module")
def files(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("laporan_rumus")
    return {
        kec: office.tulis_laporan(bundled, kec, 2024, 4, root / f"{kec.lower()}.html")[0]
        for kec in ("Wotu", "Towuti", "Kalaena")
    }


def _rows(ws, column: int = 2) -> dict[str, int]:
    """Text of ``column`` -> sheet row (first occurrence)."""
    out: dict[str, int] = {}
    for row in ws.iter_rows(min_col=column, max_col=column):
        cell = row[0]
        if isinstance(cell.value, str):
            out.setdefault(cell.value.strip(), cell.row)
    return out


def _columns(ws, row: int) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[row] if isinstance(c.value, str)}


def _referenced_rows(formula: str) -> set[int]:
    """Sheet rows a formula references (ranges expanded)."""
    rows: set[int] = set()
    for a, b in re.findall(r"[A-Z]+(\d+)(?::[A-Z]+(\d+))?", formula):
        rows.update(range(int(a), int(b or a) + 1))
    return rows


def _tabel_3_4_columns(ws) -> dict[str, int]:
    sub = _columns(ws, office_xlsx.BARIS_KEPALA + 2)
    head = ws[office_xlsx.BARIS_KEPALA + 2]
    capaian = sorted(c.column for c in head if c.value == "Capaian (%)")
    return {
        "target": sub["TARGET"],
        "realisasi": sub["REALISASI s/d TW.IV TAHUN 2024"],
        "capaian": capaian[0],
        "pagu": sub["PAGU TAHUN 2024 (Rp.)"],
        "kas": sub["TARGET s/d TRIWULAN IV (BERDASARKAN ANGGARAN KAS)"],
        "realisasi_anggaran": sub["REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)"],
        "serapan": capaian[1],
    }


def test_totals_and_capaian_are_formulas_over_the_right_cells(files: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(files["Wotu"])
    ws = wb["Tabel 3.4"]
    col = _tabel_3_4_columns(ws)
    rows = _rows(ws)
    kegiatan = rows[PERENCANAAN]
    subs = {rows[s] for s in SUB_PERENCANAAN}
    letter = openpyxl.utils.get_column_letter(col["kas"])  # row 1: the merged title
    # a kegiatan: the sum of its four sub kegiatan, nothing else
    formula = ws.cell(kegiatan, col["kas"]).value
    assert formula.startswith("=SUM(") and letter in formula
    assert _referenced_rows(formula) == subs
    # the program: the sum of its kegiatan rows (not of the sub kegiatan again)
    program = rows[PROGRAM_01]
    refs = _referenced_rows(ws.cell(program, col["realisasi_anggaran"]).value)
    assert kegiatan in refs and not refs & subs
    assert len(refs) == 9  # the nine kegiatan of program 01 in seed 004
    # TOTAL BELANJA: the sum of the six programs
    total = rows["TOTAL BELANJA"]
    refs = _referenced_rows(ws.cell(total, col["kas"]).value)
    programs = {
        c.row for c in ws["A"] if isinstance(c.value, str) and re.fullmatch(r"0\d", c.value)
    }
    assert refs == programs and len(programs) == 6
    # serapan: realisasi / anggaran kas of the same row; capaian: realisasi / target
    kas = ws.cell(program, col["kas"]).coordinate
    real = ws.cell(program, col["realisasi_anggaran"]).coordinate
    assert ws.cell(program, col["serapan"]).value == f'=IF(N({kas})=0,"",{real}/{kas}*100)'
    sub = rows[SUB_PERENCANAAN[0]]
    t = ws.cell(sub, col["target"]).coordinate
    r = ws.cell(sub, col["realisasi"]).coordinate
    assert ws.cell(sub, col["capaian"]).value == f'=IF(N({t})=0,"",{r}/{t}*100)'
    # a kegiatan without an indicator of its own: the mean of its sub kegiatan
    formula = ws.cell(kegiatan, col["capaian"]).value
    assert formula.startswith("=IF(COUNT(") and "AVERAGE(" in formula
    assert _referenced_rows(formula) == subs


def test_cached_values_are_the_seed_figures(files: dict[str, Path]) -> None:
    """A viewer that does not recalculate shows the numbers (seed 004 Tabel 3.4)."""
    ws = openpyxl.load_workbook(files["Wotu"], data_only=True)["Tabel 3.4"]
    col = _tabel_3_4_columns(ws)
    rows = _rows(ws)
    program = rows[PROGRAM_01]
    assert ws.cell(program, col["kas"]).value == 3_135_828_551
    assert ws.cell(program, col["realisasi_anggaran"]).value == 3_056_331_499
    assert round(ws.cell(program, col["serapan"]).value, 2) == 97.46
    total = rows["TOTAL BELANJA"]
    assert ws.cell(total, col["kas"]).value == 3_308_672_275
    assert ws.cell(total, col["realisasi_anggaran"]).value == 3_220_479_399
    assert round(ws.cell(total, col["serapan"]).value, 2) == 97.33
    assert ws.cell(rows[PERENCANAAN], col["capaian"]).value == 100


def test_formula_only_where_it_reproduces_the_report(data: loading.Tabel) -> None:
    """Where the report's recomputed figure is not what a formula would give (a child with
    target 0 printed as 0 %), the cell keeps its typed value: no figure differs from the
    HTML report without a finding."""
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    plan = office_rumus.rencanakan(t, 7)
    b = t.baris
    pengadaan = b.index[b["uraian"].str.startswith("Pengadaan Barang Milik Daerah")][0]
    assert (pengadaan, "capaian_kinerja") not in plan  # AVERAGE(0; 100) would say 50
    assert (pengadaan, "anggaran_sd") in plan
    for (i, key), cell in plan.items():
        acuan = b[next(r.acuan for r in t.rumus if r.kolom == key)].iloc[i]
        assert abs(cell.nilai - acuan) <= 1.0, (i, key, cell)


def _recalculate(xlsx: Path, tmp: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) not installed")
    out = tmp / "lo"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp / 'profil'}", "--headless",
         "--convert-to", "xlsx", "--outdir", str(out), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / xlsx.name


@pytest.mark.slow
def test_a_corrected_cell_recalculates_totals_and_capaian(
    files: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(files["Wotu"])
    ws = wb["Tabel 3.4"]
    col = _tabel_3_4_columns(ws)
    rows = _rows(ws)
    sub = rows[SUB_PERENCANAAN[0]]
    # The planner corrects a sub kegiatan: realisasi anggaran +1.000.000, realisasi 2 -> 1.
    ws.cell(sub, col["realisasi_anggaran"]).value = 21_969_100 + 1_000_000
    ws.cell(sub, col["realisasi"]).value = 1
    edited = tmp_path / "wotu.xlsx"
    wb.save(edited)
    ws = openpyxl.load_workbook(_recalculate(edited, tmp_path), data_only=True)["Tabel 3.4"]
    rows = _rows(ws)
    kegiatan, program, total = rows[PERENCANAAN], rows[PROGRAM_01], rows["TOTAL BELANJA"]
    assert ws.cell(sub, col["capaian"]).value == pytest.approx(50)
    assert ws.cell(kegiatan, col["realisasi_anggaran"]).value == 43_047_200 + 1_000_000
    assert ws.cell(kegiatan, col["capaian"]).value == pytest.approx((50 + 100 * 3) / 4)
    assert ws.cell(program, col["realisasi_anggaran"]).value == 3_056_331_499 + 1_000_000
    assert ws.cell(total, col["realisasi_anggaran"]).value == 3_220_479_399 + 1_000_000
    assert ws.cell(total, col["serapan"]).value == pytest.approx(
        (3_220_479_399 + 1_000_000) / 3_308_672_275 * 100
    )
    assert ws.cell(kegiatan, col["serapan"]).value == pytest.approx(44_047_200 / 51_321_300 * 100)


def _kode_key(kode: str) -> tuple[int, ...]:
    return tuple(int(p) for p in kode.split(".") if p.isdigit())


def test_tabel_3_4_rows_in_kode_order(data: loading.Tabel) -> None:
    for kec in ("Towuti", "Wotu", "Kalaena"):
        b = official_3_4.tabel_3_4(data, kec, 2024, 4).baris
        kode = b.loc[b["_kode"].ne("") & ~b["_blok"].duplicated(), "_kode"]
        keys = [_kode_key(k) for k in kode]
        assert keys == sorted(keys), (kec, list(kode))
    # Towuti lists program 7.01.01 (Penunjang) last and kegiatan 2.05 before 2.02: the
    # table puts Penunjang first as 01 and 2.01 .. 2.09 in order under it.
    b = official_3_4.tabel_3_4(data, "Towuti", 2024, 4).baris
    assert b.loc[b["no"] == "01", "_kode"].item() == "7.01.01"
    kegiatan = b.loc[b["_tingkat"].eq("kegiatan") & b["_kode"].str.startswith("7.01.01."), "_kode"]
    assert list(kegiatan) == [f"7.01.01.2.0{i}" for i in range(1, 10)]
    # Every sub kegiatan sits right under its own kegiatan.
    node = b[~b["_blok"].duplicated()].set_index("_blok")
    sub = node[node["_tingkat"] == "sub_kegiatan"]
    parent_kode = sub["_induk"].map(node["_kode"])
    assert (sub["_kode"].str.rsplit(".", n=1).str[0] == parent_kode).all()


def test_pagu_filled_where_the_office_gives_it(data: loading.Tabel, files: dict[str, Path]) -> None:
    for kec, pagu in (("Kalaena", 2_758_235_300), ("Towuti", 4_094_740_600)):
        t = official.tabel_laporan(data, kec, 2024, 4)[1]
        assert "pagu" in [k.kunci for k in t.kolom]
        total = t.baris.set_index("uraian").loc["TOTAL BELANJA"]
        assert total["pagu"] == pagu, kec
        ws = openpyxl.load_workbook(files[kec], data_only=True)["Tabel 3.4"]
        col = _tabel_3_4_columns(ws)
        assert ws.cell(_rows(ws)["TOTAL BELANJA"], col["pagu"]).value == pagu
        # every sub kegiatan with a budget line shows its pagu
        b = t.baris
        first = ~b["_blok"].duplicated()
        subs = b[first & b["_tingkat"].eq("sub_kegiatan")]
        kunci_pagu = data.anggaran[
            (data.anggaran["kecamatan"] == kec)
            & (data.anggaran["tahun"] == 2024)
            & (data.anggaran["triwulan"] == 4)
            & data.anggaran["tingkat"].eq("sub_kegiatan")
            & data.anggaran["pagu"].notna()
        ]
        assert subs["pagu"].notna().sum() >= kunci_pagu["kode"].nunique()


def test_no_empty_sheet_and_no_empty_row(files: dict[str, Path]) -> None:
    for kec, xlsx in files.items():
        wb = openpyxl.load_workbook(xlsx)
        for ws in wb.worksheets:
            first = ws.freeze_panes and int(re.sub(r"\D", "", ws.freeze_panes))
            body = [
                [c.value for c in row]
                for row in ws.iter_rows(min_row=first or 1)
                if any(c.value not in (None, "") for c in row)
            ]
            assert body, (kec, ws.title)
            # data rows: the rows from the first data row up to the blank line before notes
            last = next((i for i in range(first, ws.max_row + 1) if ws.cell(i, 2).value is None
                         and ws.cell(i, 1).value is None), ws.max_row + 1)  # fmt: skip
            for i in range(first, last):
                values = [c.value for c in ws[i]]
                filled = [v for v in values if v not in (None, "")]
                assert filled, (kec, ws.title, i)
    # Wotu sent no Rencana Aksi form: one row says so instead of pages of empty form.
    ws = openpyxl.load_workbook(files["Wotu"])["Rencana Aksi"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("tidak mengirim formulir Rencana Aksi" in v for v in texts)
    assert ws.max_row <= 8
    # the line spans the printed width and wraps: it is never cut at the page edge
    cell = next(c for row in ws.iter_rows() for c in row if "tidak mengirim" in str(c.value))
    spans = [r for r in ws.merged_cells.ranges if cell.coordinate in r]
    assert spans and spans[0].max_col == ws.max_column and cell.alignment.wrap_text


def test_workbook_says_its_cells_are_formulas(files: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(files["Wotu"])["Tabel 3.4"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(office_xlsx.KALIMAT_RUMUS in v for v in texts)
    assert office_xlsx.CATATAN_TANDA_RUMUS in texts
    assert not any(official_table.KALIMAT_TERCETAK in v for v in texts)


def test_number_formats_on_every_figure(files: dict[str, Path]) -> None:
    for kec, xlsx in files.items():
        wb = openpyxl.load_workbook(xlsx)
        for ws in wb.worksheets:
            for row in ws.iter_rows(min_row=office_xlsx.BARIS_KEPALA + 2):
                for c in row:
                    if c.data_type in ("n", "f") and c.value is not None:
                        assert c.number_format != "General", (kec, ws.title, c.coordinate)
                        assert c.number_format.startswith(("[$-421]", "0")), c.number_format
            # percentages: two decimals
        ws = wb["Tabel 3.4"]
        col = _tabel_3_4_columns(ws)
        for row in ws.iter_rows(min_row=office_xlsx.BARIS_KEPALA + 4):
            for key in ("capaian", "serapan"):
                c = row[col[key] - 1]
                if c.value is not None:
                    assert c.number_format.startswith("[$-421]#,##0.00"), c.coordinate


def test_sheet_values_frame_is_unchanged(data: loading.Tabel) -> None:
    """The plan does not alter the table (the docx and HTML read the same frame)."""
    t = official_3_4.tabel_3_4(data, "Wotu", 2024, 4)
    before = t.baris.copy()
    office_rumus.rencanakan(t, 7)
    pd.testing.assert_frame_equal(before, t.baris)


def test_dashboard_download_formats_every_figure() -> None:
    """The dashboard's Excel download: no figure in "General" format (issue 22)."""
    frame = pd.DataFrame(
        {
            "Tahun": [2024, 2024],
            "Target s/d TW": [12.0, 13.0],
            "Realisasi s/d TW": [12.75, 10.0],
            "Capaian s/d TW (%)": [106.25, 76.92],
            "Pagu": [3_135_828_551.0, 1_190_000.0],
            "Uraian": ["a", "b"],
        }
    )
    ws = openpyxl.load_workbook(
        io.BytesIO(explorer_render.xlsx_frame_bytes(frame, "judul", "Data"))
    ).active
    formats = {ws.cell(3, c).value: ws.cell(4, c).number_format for c in range(1, 7)}
    assert formats == {
        "Tahun": "0",
        "Target s/d TW": "#,##0",
        "Realisasi s/d TW": "#,##0.00",
        "Capaian s/d TW (%)": "#,##0.00",
        "Pagu": "#,##0",
        "Uraian": "General",
    }
