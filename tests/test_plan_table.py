"""Renstra plan tables as offices print them (T-C.27 / Tabel 6.1, issue 19 items 2-3).

The figures are Kecamatan Jangkar's Renstra 2026-2030 (``tests/data/other_offices``,
cut verbatim from the office's export); here they are laid out as the printed table
family: ``Tujuan | Sasaran | Kode | Program dan Kegiatan | Indikator | Data Capaian pada
Tahun Awal Perencanaan``, the group ``Target Kinerja Program dan Kerangka Pendanaan`` over
one group per year over ``Target | Rp``, ``Kondisi Kinerja pada Akhir Periode`` over one
more pair, ``Unit Kerja ... | Lokasi``, and the column-number row. Variants: merged groups
(xlsx, docx) and lost merges (CSV: the year written once, the next cell empty), years as
``Tahun 2026``, ``2026``, ``Tahun-1`` and ``Tahun ke-1`` (resolved from the title's period),
``Rp`` with thousand dots, the code split over five columns, ``Kinerja | Anggaran`` and
``Target | Dana`` sub-labels. Each must give every target and pagu of every year (measured
as the corpora are, :mod:`heldout_measure`); the kondisi akhir pair is never a year's figure.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import docx
import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables import plan_table

sys.path.insert(0, str(Path(__file__).resolve().parent))

import heldout_measure

BUILD = heldout_measure.load_module(
    "other_offices_build", Path(__file__).parent / "data" / "other_offices" / "build.py"
)
ROWS = BUILD.JANGKAR
YEARS = BUILD.YEARS
TITLE = (
    "RENCANA PROGRAM, KEGIATAN, INDIKATOR KINERJA, KELOMPOK SASARAN DAN PENDANAAN "
    "INDIKATIF KECAMATAN JANGKAR TAHUN 2026-2030"
)
ABSOLUTE = [f"Tahun {y}" for y in YEARS]
PAIR = ("Target", "Rp")


def _rp(text: str) -> str:
    value = BUILD.number(text)
    return "" if value is None else "Rp " + f"{value:,.0f}".replace(",", ".")


def _total(pagu: list[str]) -> str:
    return f"{sum(float(p or 0) for p in pagu):.2f}"


def table(years: list[str], *, pair=PAIR, rp=False, split_code=False) -> list[list[str]]:
    """Header rows, column-number row and body of the printed table, as texts."""
    code = ["Kode", "", "", "", ""] if split_code else ["Kode"]
    ident = ["Tujuan", "Sasaran", *code, "Program dan Kegiatan"]
    ident += ["Indikator Kinerja Program (outcome) dan Kegiatan (output)"]
    ident += ["Data Capaian pada Tahun Awal Perencanaan"]
    n = len(ident)
    top = ident + ["Target Kinerja Program dan Kerangka Pendanaan"] + [""] * 11
    top += ["Unit Kerja Perangkat Daerah Penanggung Jawab", "Lokasi"]
    mid = [""] * n
    for label in [*years, "Kondisi Kinerja pada Akhir Periode Renstra Perangkat Daerah"]:
        mid += [label, ""]
    mid += ["", ""]
    sub = [""] * n + list(pair) * 6 + ["", ""]
    numbers = [f"({i})" for i in range(1, len(top) + 1)]
    body = []
    for kode, nama, ind, _sat, awal, targets, pagu in ROWS:
        parts = kode.split(".")
        codes = [*parts[:4], ".".join(parts[4:])][:5] if split_code else [kode]
        codes += [""] * (len(code) - len(codes))
        cells = ["Meningkatnya kualitas pelayanan publik", "", *codes, nama, ind, awal]
        for t, p in zip(targets, pagu, strict=True):
            cells += [t, _rp(p) if rp else p]
        cells += [targets[-1], _rp(_total(pagu)) if rp else _total(pagu)]
        cells += ["Kecamatan Jangkar", "Kecamatan Jangkar"]
        body.append(cells)
    return [top, mid, sub, numbers, *body]


def _value(text: str):
    if text.count(".") <= 1 and text.replace(".", "").isdigit() and not text.startswith("0"):
        return BUILD.number(text)
    return text or None


def write(folder: Path, rows: list[list[str]], fmt: str, *, title: str = TITLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"jangkar_renstra.{fmt}"
    n = len(rows[0]) - 14  # identity columns before the year groups
    if fmt == "csv":
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, delimiter=";")
            w.writerows([[title], [], *rows])
    elif fmt == "xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append([title])
        ws.append([])
        for row in rows:
            ws.append([_value(c) for c in row])
        ws.merge_cells(start_row=3, start_column=n + 1, end_row=3, end_column=n + 12)
        for i in range(6):
            c = n + 1 + 2 * i
            ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 1)
        wb.save(path)
    else:
        document = docx.Document()
        document.add_paragraph(title)
        t = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    t.cell(r, c).text = text
        t.cell(0, n).merge(t.cell(0, n + 11))
        for i in range(6):
            t.cell(1, n + 2 * i).merge(t.cell(1, n + 2 * i + 1))
        document.save(path)
    figures = BUILD.figures(ROWS, 1, 2, 5, 6)
    spec = {"kabupaten": "Kabupaten Situbondo", "kecamatan": "Jangkar", "figures": figures}
    (folder / "printed.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


VARIANTS = {
    "xlsx_merged_tahun": (dict(years=ABSOLUTE), "xlsx"),
    "csv_unmerged_tahun": (dict(years=ABSOLUTE), "csv"),
    "docx_merged_tahun": (dict(years=ABSOLUTE), "docx"),
    "csv_bare_years": (dict(years=[str(y) for y in YEARS]), "csv"),
    "xlsx_relative": (dict(years=[f"Tahun-{i}" for i in range(1, 6)]), "xlsx"),
    "csv_tahun_ke": (dict(years=[f"Tahun ke-{i}" for i in range(1, 6)]), "csv"),
    "csv_rp_dots": (dict(years=ABSOLUTE, rp=True), "csv"),
    "xlsx_split_code": (dict(years=ABSOLUTE, split_code=True), "xlsx"),
    "csv_kinerja_anggaran": (dict(years=ABSOLUTE, pair=("Kinerja", "Anggaran")), "csv"),
    "csv_target_dana": (dict(years=ABSOLUTE, pair=("Target", "Dana")), "csv"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_plan_table_variant_reads_every_target_and_pagu(tmp_path: Path, name: str) -> None:
    kwargs, fmt = VARIANTS[name]
    write(tmp_path / name, table(**kwargs), fmt)
    result = heldout_measure.measure_office(tmp_path / name)
    assert not result.traceback, result.details
    assert result.exit_code == 0, result.details[:10]
    assert result.dropped == 0, result.details
    assert result.figures == 118
    assert result.right == result.figures, result.details[:10]


def _grid(rows: list[list[str]], file: str = "jangkar_renstra.csv", title=TITLE) -> SheetGrid:
    texts = [[title], [], *rows]
    width = max(len(r) for r in texts)
    cells = pd.DataFrame([[c or None for c in r] + [None] * (width - len(r)) for r in texts])
    return SheetGrid(file, "jangkar_renstra", cells, np.arange(1, len(texts) + 1))


def _header_of(grid: SheetGrid) -> list[str]:
    return [t for t in grid.cells.iloc[4].tolist() if isinstance(t, str)]


def test_kondisi_akhir_is_never_a_years_figure() -> None:
    """The end-of-period pair prints the last target again and the period's total pagu:
    left of it stands 2030's pagu, so a column without a year of its own would take 2030
    (the total read as 2030's pagu). It is relabelled as unread and named in the notes."""
    out = plan_table.as_table(_grid(table(ABSOLUTE)))
    assert out is not None
    grid, notes, errors = out
    assert not errors
    header = _header_of(grid)
    assert header.count("Pagu 2030") == 1 and header.count("Target 2030") == 1
    assert any("Kondisi Kinerja pada Akhir" in h for h in header)
    assert "Kondisi Kinerja pada Akhir Periode" in notes[-1]
    assert "Data Capaian pada Tahun Awal Perencanaan" in notes[-1]


def test_relative_years_without_a_period_are_refused_naming_the_cell() -> None:
    rows = table([f"Tahun-{i}" for i in range(1, 6)])
    out = plan_table.as_table(_grid(rows, title="RENCANA PROGRAM KECAMATAN JANGKAR"))
    assert out is not None
    errors = out[2]
    assert len(errors) == 1
    e = errors[0]
    assert (e.file, e.sheet, e.row, e.value) == (
        "jangkar_renstra.csv",
        "jangkar_renstra",
        4,
        "Tahun-1",
    )
    assert e.column == "G" and "periode" in e.reason


def test_relative_years_against_a_period_of_other_length_are_refused() -> None:
    rows = table([f"Tahun-{i}" for i in range(1, 6)])
    out = plan_table.as_table(_grid(rows, title="RENSTRA KECAMATAN JANGKAR 2026-2035"))
    assert out is not None and out[2]
    assert "2026-2035" in out[2][0].reason


def test_period_with_a_baseline_year_starts_the_year_after() -> None:
    """RPJMD 2021-2026 prints six years for five plan years: 2021 is the baseline, so
    Tahun-1 is 2022 (the period comes from the file name here)."""
    rows = table([f"Tahun-{i}" for i in range(1, 6)])
    grid = _grid(rows, file="jangkar_renstra_2021-2026.csv", title="RENSTRA KECAMATAN JANGKAR")
    out = plan_table.as_table(grid)
    assert out is not None and not out[2]
    header = _header_of(out[0])
    assert "Target 2022" in header and "Pagu 2026" in header and "Target 2021" not in header
    assert "nama file" in out[1][0]


def test_a_table_without_year_pairs_is_left_alone() -> None:
    rows = [
        ["Kode", "Program", "Indikator", "Target", "Realisasi"],
        ["7.01.01", "P", "I", "1", "1"],
    ]
    assert plan_table.as_table(_grid(rows)) is None


def test_years_under_a_realisasi_group_are_not_plan_targets() -> None:
    """A Renja evaluation prints ``Realisasi Capaian Kinerja`` over ``Tahun 2022 | Tahun
    2023`` over ``K | Rp``: those are realisasi, never read here as a plan's targets."""
    rows = [
        ["Kode", "Program", "Indikator", "Realisasi Capaian Kinerja dan Anggaran", "", "", ""],
        ["", "", "", "Tahun 2022", "", "Tahun 2023", ""],
        ["", "", "", "Target", "Rp", "Target", "Rp"],
        ["7.01.01", "Program A", "Indikator A", "80", "1000", "85", "2000"],
    ]
    assert plan_table.as_table(_grid(rows)) is None
    rows[0][3] = "Target Kinerja Program dan Kerangka Pendanaan"
    out = plan_table.as_table(_grid(rows))
    assert out is not None and "Target 2022" in _header_of(out[0])


def test_short_kondisi_akhir_dash_years_and_fewer_groups_than_the_period(tmp_path: Path) -> None:
    """``Tahun-1 | Tahun-2`` of a 2026-2030 Renstra (the page prints two groups), a dash
    in the year before the office's plan starts, ``Rp`` with dots and the short group
    ``Kondisi Kinerja pada Akhir Periode`` over ``Target | Rp``: 2027's target and pagu
    are read, 2026 has nothing (counted, not written), and the end-of-period pair is
    neither a second 2027 target nor a second pagu (it stood next to 2027's)."""
    import dataclasses

    from ingest_helpers import REFERENCE, write_csv

    from analysis.ingest.pipeline import ingest
    from analysis.settings import load_settings

    raw = tmp_path / "raw"
    write_csv(
        raw,
        "jangkar_renstra.csv",
        "RENSTRA KECAMATAN JANGKAR TAHUN 2026-2030\n"
        "Kode;Program dan Kegiatan;Indikator Kinerja;Data Capaian pada Tahun Awal "
        "Perencanaan;Tahun-1;;Tahun-2;;Kondisi Kinerja pada Akhir Periode;\n"
        ";;;;Target;Rp;Target;Rp;Target;Rp\n"
        "(1);(2);(3);(4);(5);(6);(7);(8);(9);(10)\n"
        "7.01.01;PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA;Capaian Nilai "
        "SAKIP Perangkat Daerah;81,5;-;-;84;Rp 2.666.646.911;85,5;Rp 12.979.146.435\n",
    )
    settings = dataclasses.replace(load_settings(), kabupaten="Kabupaten Situbondo")
    result = ingest(raw, reference_dir=REFERENCE, settings=settings)
    assert not result.errors, str(result.errors)
    k = result.kinerja_wide.set_index("tahun")["target_tahunan"]
    assert k.index.tolist() == [2026, 2027]  # one row a year: no second 2027 target
    assert pd.isna(k[2026]) and k[2027] == 84
    a = result.anggaran_wide.set_index("tahun")["pagu"]
    assert a.dropna().to_dict() == {2027: 2_666_646_911}
    assert any("'Tahun-1', 'Tahun-2' dibaca sebagai tahun 2026, 2027" in n for n in result.notes)
