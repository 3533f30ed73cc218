"""The Renstra / RPJMD plan matrix (T-C.27 family) as another office of the same national
form would print it: the same cells, another arrangement (issue 19, item 3).

The cells are verbatim from development tables - BKPSDM Sumedang's Renstra 2021-2023
(``tests/data/heldout_c/sumedang_bkpsdm``: program 5.03.01 and kegiatan 5.03.01.2.01, the
sasaran row, the KEPEGAWAIAN bidang row) and the RPJMD's program 1.01.02 with an Rp on each
indicator row (``sumedang_rpjmd``, .xlsx). Each variant rearranges them - Target/Rp order,
how a year group is labelled, what the money column is called, kondisi awal/akhir and the
penanggung jawab column absent or moved, the code in one to five columns, sasaran rows
between programs, a total row at the top or the bottom - and must read the same figures
as the table as printed: the same targets, program/kegiatan pagu and per-indicator pagu
per year, nothing wrong and nothing more.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import run, write_csv, write_xlsx

from analysis.metrics import kinerja_long

YEARS = (2021, 2022, 2023)


@dataclass(frozen=True)
class Row:
    kode: tuple[str, ...]
    name: str
    indikator: str
    satuan: str
    awal: str
    years: tuple[tuple[str, str], ...]  # (target, Rp) per year of YEARS
    akhir: tuple[str, str]
    pd: str
    sasaran: tuple[str, str] = ("", "")  # (sasaran, indikator sasaran)


# BKPSDM rows 8 and 14 (HTML rows as cut), cells as printed
PROGRAM = Row(
    ("5", "03", "01"),
    "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
    "Persentase kesesuaian dokumen perencanaan, penganggaran dan evaluasi kinerja PD",
    "",
    "100%",
    (("100%", "7,742,388,142"), ("100 %", "8,517,267,832"), ("100 %", "9,175,148,049")),
    ("", ""),
    "BKPSDM",
)
KEGIATAN = Row(
    ("5", "03", "01", "2.01"),
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "Jumlah Dokumen Perencanaan, Penganggaran dan Laporan Evaluasi Kinerja SKPD",
    "",
    "100%",
    (("24 Dokumen", "60,535,000"), ("26 dokumen", "80,500,000"), ("26 dokumen", "61,000,000")),
    ("100%", "202,035,000"),
    "BKPSDM",
)
SASARAN = Row(
    (),
    "",
    "",
    "",
    "98%",
    (("98%", ""), ("98%", ""), ("98%", "")),
    ("98%", ""),
    "",
    (
        "Meningkatnya kapasitas dan kapabilitas internal perangkat daerah",
        "Tingkat Penyerapan Anggaran Perangkat Daerah",
    ),
)
BIDANG = Row(
    ("5", "03"),
    "KEPEGAWAIAN",
    "",
    "",
    "",
    (("", "15,214,568,742"), ("", "30,614,153,432"), ("", "27,102,125,049")),
    ("", "47,496,043,200"),
    "",
)
# RPJMD Urusan I rows 6-7: program 1.01.02, two indicators each with its own Rp
RPJMD = [
    Row(
        ("1", "01", "02"),
        "Program Pengelolaan Pendidikan",
        "Tingkat partisipasi warga negara usia 7-12 tahun dalam Pendidikan SD",
        "Persen",
        "98,86",
        (
            ("98,86", "6,225,000,000.00"),
            ("100", "6,536,250,000.00"),
            ("100", "6,551,812,500.00"),
        ),
        ("100", "6,551,812,500.00"),
        "Dinas Pendidikan",
    ),
    Row(
        (),
        "",
        "Tingkat partisipasi warga negara usia 13-15 tahun dalam Pendidikan SMP",
        "Persen",
        "98,85",
        (
            ("98,85", "5,841,000,000.00"),
            ("100", "6,133,050,000.00"),
            ("100", "6,147,652,500.00"),
        ),
        ("100", "6,147,652,500.00"),
        "",
    ),
]


@dataclass(frozen=True)
class Layout:
    """How an office arranges the same cells."""

    year_label: str = "{year}"  # 'Tahun {year}', 'TAHUN {year}', 'Tahun ke-{k}'
    target_label: str = "Target"
    money_label: str = "Rp"
    money_first: bool = False
    awal: bool = True
    akhir: bool = True
    pd: str = "last"  # 'last', 'first', 'none'
    code_columns: int = 4  # 1: one dotted code; 4 or 5: split parts
    title: str = "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN BKPSDM TAHUN 2021-2023"
    rows: tuple[Row, ...] = field(default=(BIDANG, SASARAN, PROGRAM, KEGIATAN))
    total: str = ""  # '', 'top', 'bottom': a JUMLAH row of the Rp
    top_group: bool = True  # 'Capaian Kinerja Program dan Kerangka Pendanaan' over the years
    two_header_rows: bool = False  # no top group: the years beside the names, pairs below
    name_head: str = "Program dan Kegiatan"
    indicator_head: str = "Indikator Kinerja Program/Kegiatan"
    awal_head: str = "Data Capaian pada Tahun Awal Perencanaan"


def _code(row: Row, columns: int) -> list[str]:
    if columns == 1:
        return [".".join(row.kode)]
    parts = list(row.kode)
    if columns == 5 and len(parts) == 4:  # '2.01' printed as '2 | 01'
        parts = [*parts[:3], *parts[3].split(".")]
    return (parts + [""] * columns)[:columns]


def _table(layout: Layout) -> list[list[str]]:
    """The grid of one variant: title, three header rows, body."""
    code_w = layout.code_columns
    ident_head = ["Tujuan", "Sasaran", "Indikator Sasaran", "Kode", *[""] * (code_w - 1)]
    ident_head += [layout.name_head, layout.indicator_head, "Satuan"]
    head1, head2, head3 = list(ident_head), [""] * len(ident_head), [""] * len(ident_head)
    if layout.awal:
        head1.append(layout.awal_head)
        head2.append("")
        head3.append("")
    pair = [layout.target_label, layout.money_label]
    if layout.money_first:
        pair.reverse()
    group = "Capaian Kinerja Program dan Kerangka Pendanaan" if layout.top_group else ""
    head1 += [group, *[""] * (2 * len(YEARS) - 1)]
    for k, year in enumerate(YEARS, start=1):
        head2 += [layout.year_label.format(year=year, k=k), ""]
        head3 += pair
    if layout.akhir:
        head1 += ["", ""]
        head2 += ["Kondisi Kinerja pada akhir periode Renstra Perangkat Daerah", ""]
        head3 += pair
    pd_head = "Unit Kerja Perangkat Daerah Penanggungjawab"
    body = []
    for row in [r for r in layout.rows]:
        cells = ["", row.sasaran[0], row.sasaran[1], *_code(row, code_w)]
        cells += [row.name, row.indikator, row.satuan]
        if layout.awal:
            cells.append(row.awal)
        for target, money in row.years:
            cells += [money, target] if layout.money_first else [target, money]
        if layout.akhir:
            a_target, a_money = row.akhir
            cells += [a_money, a_target] if layout.money_first else [a_target, a_money]
        body.append(cells)
    if layout.total:
        money = [
            sum(int(r.years[i][1].split(".")[0].replace(",", "") or 0) for r in layout.rows)
            for i in range(len(YEARS))
        ]
        total = [""] * len(ident_head)
        total[ident_head.index(layout.name_head)] = "JUMLAH"
        if layout.awal:
            total.append("")
        for m in money:
            pair_cells = ["", f"{m:,}"]
            total += pair_cells[::-1] if layout.money_first else pair_cells
        if layout.akhir:
            total += ["", ""]
        body = [total, *body] if layout.total == "top" else [*body, total]
    heads = [head1, head2, head3]
    if layout.two_header_rows:  # the years in the first header row, beside the names
        heads = [[a or b for a, b in zip(head1, head2, strict=True)], head3]
    grid = [*heads, *body]
    pd_cells = [pd_head, *[""] * (len(heads) - 1), *[r.pd for r in layout.rows]]
    if layout.total:
        n = len(heads)
        pd_cells = pd_cells[:n] + ([""] if layout.total == "top" else []) + pd_cells[n:]
        pd_cells += [""] if layout.total == "bottom" else []
    if layout.pd == "last":
        grid = [[*g, p] for g, p in zip(grid, pd_cells, strict=True)]
    elif layout.pd == "first":
        grid = [[p, *g] for g, p in zip(grid, pd_cells, strict=True)]
    width = len(grid[0])
    return [[layout.title, *[""] * (width - 1)], *grid]


def _read(tmp_path: Path, layout: Layout, fmt: str = "csv"):
    raw = tmp_path / "raw"
    name = "wotu_renstra_2021-2023"
    grid = _table(layout)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(grid)
        write_csv(raw, f"{name}.csv", out.getvalue())
    else:
        write_xlsx(raw, f"{name}.xlsx", {"Renstra": grid})
    result = run(raw)
    assert not result.errors, str(result.errors)
    return result


def _figures(result) -> dict[tuple, float]:
    """(table, name, year) -> figure: targets and per-indicator pagu by indicator, pagu by
    code, as the processed tables hold them."""
    out: dict[tuple, float] = {}
    k = kinerja_long(result.kinerja_wide)
    for r in k.itertuples(index=False):
        if pd.notna(r.target_tahunan):
            out[("target", r.indikator, int(r.tahun))] = float(r.target_tahunan)
        if pd.notna(r.pagu_indikator):
            out[("pagu_indikator", r.indikator, int(r.tahun))] = float(r.pagu_indikator)
    a = result.anggaran_wide
    for r in a[a["tingkat"] != "total"].itertuples(index=False):
        if pd.notna(r.pagu):
            out[("pagu", r.kode, int(r.tahun))] = float(r.pagu)
    i = result.iku_raw
    for r in i.itertuples(index=False):
        if pd.notna(r.target):
            out[("iku", r.indikator, int(r.tahun))] = float(r.target)
    return out


EXPECTED_BKPSDM = {
    **{("target", PROGRAM.indikator, y): 100.0 for y in YEARS},
    ("target", KEGIATAN.indikator, 2021): 24.0,
    ("target", KEGIATAN.indikator, 2022): 26.0,
    ("target", KEGIATAN.indikator, 2023): 26.0,
    ("pagu", "5.03.01", 2021): 7_742_388_142.0,
    ("pagu", "5.03.01", 2022): 8_517_267_832.0,
    ("pagu", "5.03.01", 2023): 9_175_148_049.0,
    ("pagu", "5.03.01.2.01", 2021): 60_535_000.0,
    ("pagu", "5.03.01.2.01", 2022): 80_500_000.0,
    ("pagu", "5.03.01.2.01", 2023): 61_000_000.0,
    **{("iku", SASARAN.sasaran[1], y): 98.0 for y in YEARS},
}


def test_the_table_as_printed_reads_its_figures(tmp_path: Path) -> None:
    assert _figures(_read(tmp_path, Layout())) == EXPECTED_BKPSDM


VARIANTS = {
    "rp_before_target": Layout(money_first=True),
    "tahun_2021": Layout(year_label="Tahun {year}"),
    "TAHUN_2021": Layout(year_label="TAHUN {year}"),
    "tahun_ke_1": Layout(year_label="Tahun ke-{k}"),
    "pagu": Layout(money_label="Pagu"),
    "anggaran_rp": Layout(money_label="Anggaran (Rp)"),
    "pendanaan": Layout(money_label="Pendanaan"),
    "pagu_indikatif": Layout(money_label="Pagu Indikatif (Rp)"),
    "no_kondisi_awal_akhir": Layout(awal=False, akhir=False),
    "no_penanggung_jawab": Layout(pd="none"),
    "penanggung_jawab_first": Layout(pd="first"),
    "code_in_one_column": Layout(code_columns=1),
    "code_in_five_columns": Layout(code_columns=5),
    "sasaran_between_programs": Layout(rows=(BIDANG, PROGRAM, SASARAN, KEGIATAN)),
    "total_at_top": Layout(total="top"),
    "total_at_bottom": Layout(total="bottom"),
    "no_top_group": Layout(top_group=False),
    "no_top_group_tahun_ke": Layout(top_group=False, year_label="Tahun ke-{k}"),
    "two_header_rows": Layout(top_group=False, two_header_rows=True),
    "two_header_rows_rp_first": Layout(
        top_group=False, two_header_rows=True, money_first=True, awal=False
    ),
    "tahun_anggaran": Layout(year_label="Tahun Anggaran {year}"),
    "dana_rp": Layout(money_label="Dana (Rp)"),
    "kinerja_anggaran": Layout(target_label="Kinerja", money_label="Anggaran"),
    "target_kinerja_pagu_indikatif": Layout(
        target_label="Target Kinerja", money_label="Pagu Indikatif"
    ),
    "urusan_bidang_program_heads": Layout(
        name_head="Urusan/Bidang Urusan/Program/Kegiatan/Sub Kegiatan",
        indicator_head="Indikator Program (Outcome)/Kegiatan (Output)",
    ),
    "kondisi_awal_with_year": Layout(awal_head="Kondisi Kinerja Awal (2020)"),
    "everything_moved": Layout(
        money_first=True,
        year_label="TAHUN {year}",
        money_label="Anggaran (Rp)",
        awal=False,
        pd="first",
        code_columns=5,
        rows=(BIDANG, PROGRAM, SASARAN, KEGIATAN),
        total="bottom",
    ),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_variant_reads_the_same_figures(tmp_path: Path, variant: str, fmt: str) -> None:
    assert _figures(_read(tmp_path, VARIANTS[variant], fmt)) == EXPECTED_BKPSDM


EXPECTED_RPJMD = {
    ("target", RPJMD[0].indikator, 2021): 98.86,
    ("target", RPJMD[0].indikator, 2022): 100.0,
    ("target", RPJMD[0].indikator, 2023): 100.0,
    ("target", RPJMD[1].indikator, 2021): 98.85,
    ("target", RPJMD[1].indikator, 2022): 100.0,
    ("target", RPJMD[1].indikator, 2023): 100.0,
    ("pagu_indikator", RPJMD[0].indikator, 2021): 6_225_000_000.0,
    ("pagu_indikator", RPJMD[0].indikator, 2022): 6_536_250_000.0,
    ("pagu_indikator", RPJMD[0].indikator, 2023): 6_551_812_500.0,
    ("pagu_indikator", RPJMD[1].indikator, 2021): 5_841_000_000.0,
    ("pagu_indikator", RPJMD[1].indikator, 2022): 6_133_050_000.0,
    ("pagu_indikator", RPJMD[1].indikator, 2023): 6_147_652_500.0,
}
RPJMD_TITLE = "PROGRAM PRIORITAS RPJMD KABUPATEN TAHUN 2021-2023"


@pytest.mark.parametrize(
    "variant",
    [
        Layout(rows=tuple(RPJMD), title=RPJMD_TITLE),
        Layout(rows=tuple(RPJMD), title=RPJMD_TITLE, money_first=True, pd="first"),
        Layout(rows=tuple(RPJMD), title=RPJMD_TITLE, year_label="Tahun ke-{k}", awal=False),
        Layout(rows=tuple(RPJMD), title=RPJMD_TITLE, money_label="Pagu", code_columns=1),
    ],
    ids=["as_printed", "rp_first_pd_first", "tahun_ke_no_awal", "pagu_one_code"],
)
def test_rp_per_indicator_row_is_each_indicators_funding_in_every_arrangement(
    tmp_path: Path, variant: Layout
) -> None:
    got = _figures(_read(tmp_path, variant))
    assert got == EXPECTED_RPJMD  # the program's pagu is none of them, nor their sum


def _money(text: str) -> int:
    return int(text.split(".")[0].replace(",", ""))


def _program_row_with_total() -> tuple[Row, ...]:
    """The RPJMD program printed on a row of its own with the sum of its indicators' Rp
    (as an office printing the program's pagu above its indicators would), the two
    indicator rows below it without kode and name."""
    sums = [
        f"{_money(RPJMD[0].years[i][1]) + _money(RPJMD[1].years[i][1]):,}.00"
        for i in range(len(YEARS))
    ]
    program = Row(
        RPJMD[0].kode,
        RPJMD[0].name,
        "",
        "",
        "",
        tuple(("", s) for s in sums),
        ("", ""),
        "Dinas Pendidikan",
    )
    return program, replace(RPJMD[0], kode=(), name="", pd=""), RPJMD[1]


def test_the_program_row_printing_the_sum_of_its_indicators_rp_is_its_pagu(
    tmp_path: Path,
) -> None:
    got = _figures(_read(tmp_path, Layout(rows=_program_row_with_total(), title=RPJMD_TITLE)))
    want = dict(EXPECTED_RPJMD)
    for i, year in enumerate(YEARS):
        want[("pagu", "1.01.02", year)] = float(
            _money(RPJMD[0].years[i][1]) + _money(RPJMD[1].years[i][1])
        )
    assert got == want


def test_variants_differ_from_the_printed_table() -> None:
    base = _table(Layout())
    for name, layout in VARIANTS.items():
        assert _table(layout) != base, name


def test_the_per_indicator_rp_never_gives_the_indicator_its_unit(tmp_path: Path) -> None:
    # the Rp printed with its currency word ('6.225.000.000 rupiah') and no Satuan: money is
    # not what the indicator counts (its satuan stays unknown, never 'rupiah')
    rows = tuple(
        replace(
            r,
            satuan="",
            years=tuple(
                (target, money.split(".")[0].replace(",", ".") + " rupiah")
                for target, money in r.years
            ),
        )
        for r in RPJMD
    )
    result = _read(tmp_path, Layout(rows=rows, title=RPJMD_TITLE))
    assert _figures(result) == EXPECTED_RPJMD
    assert result.kinerja_wide["satuan"].isna().all()


def _in(rows: list[Row], divisor: float, word: str, decimals: int) -> tuple[Row, ...]:
    """The rows with each Rp written in ``word`` (``6225 juta``, ``6,225 M``)."""

    def short(money: str) -> str:
        text = f"{_money(money) / divisor:.{decimals}f}"
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return text.replace(".", ",") + f" {word}"

    return tuple(
        replace(r, years=tuple((target, short(money)) for target, money in r.years)) for r in rows
    )


def test_per_indicator_rp_printed_in_juta_reads_in_full_rupiah(tmp_path: Path) -> None:
    # '6225 juta' for 6.225.000.000 (the RPJMD's figures, as offices abbreviate them)
    rows = _in(RPJMD, 1e6, "juta", 4)
    result = _read(tmp_path, Layout(rows=rows, title=RPJMD_TITLE))
    assert _figures(result) == EXPECTED_RPJMD
    assert "'6225 juta'" in "\n".join(result.notes)


def test_rp_in_miliar_whose_separator_reads_two_ways_is_refused(tmp_path: Path) -> None:
    # '6,225 M' is 6,225 miliar or 6.225 miliar: an error naming the cell, never a guess
    raw = tmp_path / "raw"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        _table(Layout(rows=_in(RPJMD, 1e9, "M", 5), title=RPJMD_TITLE))
    )
    write_csv(raw, "wotu_renstra_2021-2023.csv", out.getvalue())
    result = run(raw)
    errors = "\n".join(str(e) for e in result.errors)
    assert "'6,225 M'" in errors and "terbaca dua cara" in errors
    assert "'5,841 M'" in errors and len(result.errors) == 2  # '6,53625 M' reads one way
    assert ("pagu_indikator", RPJMD[0].indikator, 2021) not in _figures(result)
