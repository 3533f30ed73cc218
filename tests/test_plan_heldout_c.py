"""Renstra / RPJMD plan tables of the third corpus (``tests/data/heldout_c``, verbatim).

The corpus was measured once at merge (0 of 335: every office refused whole) and is a
development corpus since. Each test reads the shipped file as the reader does and checks
one rule of :mod:`analysis.ingest.tables.plan_table` / :mod:`plan_rows` that the real
table needed; the end-to-end measurement is ``tests/test_heldout_c.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.formats import no_value
from analysis.ingest.formats.reading import read_file
from analysis.ingest.tables import plan_table
from analysis.ingest.tables.headers import header_field

HELDOUT_C = Path(__file__).parent / "data" / "heldout_c"
RPJMD_XLSX = "sumedang_rpjmd/pemkab_rpjmd_2018-2023_program_prioritas_pendidikan_kesehatan.xlsx"
RPJMD_CSV = "sumedang_rpjmd/pemkab_rpjmd_2018-2023_program_prioritas_non-urusan.csv"
BKPSDM = "sumedang_bkpsdm/bkpsdm_renstra_2021-2023_target_pendanaan.xlsx"
BAPPELITBANGDA = "sumedang_bappelitbangda/bappelitbangda_renstra_2019-2023.docx"
DISKOMINFO = "sumedang_diskominfosanditik/diskominfosanditik_renstra_2019-2023_tahun_3-5.ods"


def _plan(name: str):
    path = HELDOUT_C / name
    grid = read_file(path, path.name).grids[0]
    out = plan_table.as_table(grid)
    assert out is not None, f"{name}: not read as a plan table"
    table, notes, errors = out
    assert errors == []
    header_row = next(
        r for r in range(len(table.cells)) if "Target 2021" in table.cells.iloc[r].tolist()
    )
    header = [v if isinstance(v, str) else "" for v in table.cells.iloc[header_row].tolist()]
    body = table.cells.iloc[header_row + 1 :]
    return table, header, body, " | ".join(notes)


def _column(header: list[str], label: str) -> int:
    return header.index(label)


@pytest.mark.parametrize("name", [RPJMD_XLSX, RPJMD_CSV])
def test_capaian_kinerja_dan_kerangka_pendanaan_over_the_years_is_a_plan(name: str) -> None:
    # "Capaian Kinerja Program dan Kerangka Pendanaan" over Tahun 2019..2023 | Target | Rp
    # is the Permendagri 86/2017 plan group, not a realisasi table's capaian
    _, header, _body, notes = _plan(name)
    for year in range(2019, 2024):
        assert f"Target {year}" in header and f"Pagu {year}" in header
    assert "Kondisi Kinerja pada Akhir Periode RPJMD" in notes  # named as unread
    # the kondisi akhir pair is never a year's target or pagu
    fields = [header_field(h) for h in header[header.index("Pagu 2023") + 1 :] if h]
    assert not {"target", "pagu", "target_tahunan"} & set(fields), fields


def test_rpjmd_heading_rows_are_set_aside_with_a_note_and_placeholder_codes_read_by_name():
    _, header, body, notes = _plan(RPJMD_XLSX)
    assert "baris judul urusan/bidang" in notes
    assert "baris 4 (I URUSAN PEMERINTAHAN WAJIB" in notes and "baris 5 (1.01. PENDIDIKAN)" in notes
    uraian = body.iloc[:, 1].dropna().astype(str).tolist()
    assert "PENDIDIKAN" not in uraian and "Program Pengelolaan Pendidikan" in uraian
    _, header, body, notes = _plan(RPJMD_CSV)
    assert "baris 4 (NON-URUSAN)" in notes
    assert "kode dengan X" in notes and "'X.XX.01'" in notes
    kode = body.iloc[:, _column(header, "Kode")]
    assert not kode.astype(str).str.startswith("X").any()


def test_code_parts_typed_with_a_comma_join_as_dots() -> None:
    # Bappelitbangda prints the kegiatan part `2,01` beside `2.01`: one program
    # 5.01.01 and its kegiatan 5.01.01.2.01, not the program's code on two rows
    _, header, body, notes = _plan(BAPPELITBANGDA)
    kode = body.iloc[:, _column(header, "Kode")].dropna().astype(str).tolist()
    assert "5.01.01" in kode and "5.01.01.2.01" in kode and "5.01.01.2.02" in kode
    assert kode.count("5.01.01") == 1
    assert "digabung dengan titik" in notes


def test_sasaran_indicator_beside_the_program_indicator_is_context() -> None:
    for name, row_indicator in [
        (BKPSDM, "Indikator Program/Kegiatan/Sub Kegiatan"),
        (DISKOMINFO, "Indikator Kinerja Program (Outcome), Kegiatan (Output), Sub Kegiatan"),
    ]:
        _, header, _body, notes = _plan(name)
        indicators = [h for h in header if h and header_field(h) == "indikator"]
        assert indicators == [row_indicator], (name, indicators)
        assert "'Indikator Sasaran' dibaca sebagai konteks" in notes
        # the sasaran's own rows (no program, code or program indicator) are named, not read
        assert "baris indikator sasaran/tujuan" in notes


def test_kondisi_akhir_merged_down_from_the_row_above_is_never_a_year_or_pagu() -> None:
    # BKPSDM: 'Kondisi Kinerja pada akhir periode Renstra ...' merged over two head rows
    # stands over Target | Rp; its Rp is the period's total (47.496.043.200), never a pagu
    _, header, _body, _notes = _plan(BKPSDM)
    end = [c for c, h in enumerate(header) if h.startswith("Kondisi Kinerja pada akhir")]
    assert len(end) == 2, header
    assert all(header_field(header[c]) is None for c in end)
    assert [h for h in header if header_field(h) == "pagu"] == [
        "Pagu 2021",
        "Pagu 2022",
        "Pagu 2023",
    ]


def test_header_found_across_empty_head_rows_and_relative_years_from_the_file_name() -> None:
    # Diskominfosanditik: the first head row, two empty rows, then Tahun-3..5 | Target | Rp
    _, header, body, notes = _plan(DISKOMINFO)
    assert "Program, Kegiatan dan Sub Kegiatan" in header and "Kode" in header
    assert "dibaca sebagai tahun 2021, 2022, 2023 (periode 2019-2023 pada nama file)" in notes
    kode = body.iloc[:, _column(header, "Kode")].dropna().astype(str).tolist()
    assert "2.16.02.2.01" in kode
    # a stray '2 Paket' among the code parts leaves that one row's code unread, named
    assert "baris 14 ('2 | 2 Paket | 02 | 2.02')" in notes
    ind = body.iloc[:, header.index(next(h for h in header if h.startswith("Indikator")))]
    ind = ind.dropna().astype(str)
    assert not ind.str.contains(r"(?i)^indikator\s+(?:program|keluaran)").any()
    assert "Persentase indeks KAMI" in ind.tolist()


def test_sakip_grade_in_a_figure_cell_is_no_value() -> None:
    # BKPSDM prints the target of 'Nilai Sakip Perangkat Daerah' as the grade `A`
    assert no_value.PATTERN.match("A") and no_value.PATTERN.match(" BB ")
    assert not no_value.PATTERN.match("A1") and not no_value.PATTERN.match("98%")


def test_real_tables_only_change_what_the_rules_name() -> None:
    # every figure cell of a program row stays in place (set-aside rows are whole rows)
    _table, header, body, _ = _plan(BKPSDM)
    t21 = body.iloc[:, _column(header, "Target 2021")]
    assert pd.Series(["24 Dokumen", "55 orang"]).isin(t21.astype(str)).all()


def test_indicator_rows_under_a_program_are_its_indicators_and_split_rp_is_theirs() -> None:
    # RPJMD Urusan I: 'Program Pengelolaan Pendidikan' (1.01.02) over seven indicator rows
    # (kode and name merged down), each printing its own Rp; the PENDIDIKAN total is their
    # sum, so none of them alone is the program's pagu: each is its indicator's funding
    _, header, body, notes = _plan(RPJMD_XLSX)
    kode = body.iloc[:, _column(header, "Kode")].astype(str)
    assert (kode == "1.01.02").sum() == 7
    assert "baris 7, 8, 9, 10, 11, 12" in notes
    assert "pagu program/kegiatan tidak dibaca: baris 6 (1.01.02), baris 14 (1.02.02)" in notes
    years = [h in {"Pagu 2021", "Pagu 2022", "Pagu 2023"} for h in header]
    assert body.loc[kode == "1.01.02", years].isna().all().all()  # 2019/2020 print 0 only
    # each indicator's own Rp, moved to 'Pagu Indikator <year>' (never summed)
    own = body.loc[kode == "1.01.02", _column(header, "Pagu Indikator 2021")]
    assert own.tolist()[:2] == ["6,225,000,000.00", "5,841,000,000.00"]
    assert header_field("Pagu Indikator 2021") == "pagu_indikator"
    assert "Pagu Indikator 2019" not in header  # 0 on every row: no money, no split
    # a program with one indicator row keeps its printed Rp as its pagu
    one = body.loc[kode == "1.02.03", _column(header, "Pagu 2022")]
    assert one.tolist() == ["1,650,000,000.00"]
    assert body.loc[kode == "1.02.03", _column(header, "Pagu Indikator 2022")].isna().all()
    # the CSV's Program Penunjang prints Rp on its first row (equal to the NON-URUSAN
    # total) and on rows 14 and 15: rows 5 and 15 are followed by indicator rows without
    # an Rp (one Rp over several indicators, the merge lost in CSV): no one indicator's;
    # row 14 (Dinas Kesehatan, one indicator) is its indicator's
    _, header, body, notes = _plan(RPJMD_CSV)
    assert "baris indikator tanpa kode dan nama dibaca sebagai indikator lain" in notes
    assert "pagu program/kegiatan tidak dibaca: baris 5 (Program Penunjang Urusan" in notes
    assert "bukan pagu satu indikator, tidak dibaca: baris 5, 15" in notes
    ind = body.iloc[:, _column(header, "Indikator Program (outcome)")].astype(str)
    col = body.iloc[:, _column(header, "Pagu Indikator 2021")]
    assert col.dropna().tolist() == ["58,370,290,368.00"]
    assert col[ind.str.startswith("Persentase PPK BLUD")].tolist() == ["58,370,290,368.00"]
    # 2019/2020 print 0 on every row: no money, so no split (the zeros stay as printed)
    assert body.iloc[:, _column(header, "Pagu 2019")].dropna().eq("0").all()


def test_sasaran_indicator_rows_become_an_iku_table_of_their_targets() -> None:
    # BKPSDM rows 5-7: the sasaran's indicators with their own targets per year; their Rp
    # is the sum of the programs below (never read), their targets are IKU targets
    path = HELDOUT_C / BKPSDM
    out = plan_table.as_tables(read_file(path, path.name).grids[0])
    assert out is not None
    _, notes, errors, extra = out
    assert errors == [] and len(extra) == 1
    iku = extra[0].cells
    assert iku.iloc[0].tolist() == [
        "Indikator Sasaran",
        "Target 2021",
        "Target 2022",
        "Target 2023",
    ]
    assert iku.iloc[1:, 0].tolist() == [
        "Nilai Sakip Perangkat Daerah",
        "Tingkat Penyerapan Anggaran Perangkat Daerah",
        "Jumlah Inovasi Perangkat Daerah",
    ]
    assert iku.iloc[2, 1:].tolist() == ["98%", "98%", "98%"]
    assert list(extra[0].rows[1:]) == [5, 6, 7]  # the spreadsheet's rows, for errors
    assert "dibaca sebagai IKU" in " ".join(notes) and "Rp-nya" in " ".join(notes)


def test_one_kode_with_two_program_names_stays_an_error(tmp_path: Path) -> None:
    # indicator rows under a program take its kode and name; a row printing the same kode
    # under another name is a real clash: refused with an error naming both rows
    import csv
    import shutil
    import subprocess
    import sys

    src = HELDOUT_C / RPJMD_CSV
    rows = list(csv.reader(src.open(encoding="utf-8")))
    rows[4][0] = "5.01.01"  # the program row (spreadsheet row 5)
    rows[13][0], rows[13][1] = "5.01.01", "Program Lain Sama Sekali"  # row 14
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    with (raw / src.name).open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    shutil.copytree(
        Path(__file__).parents[1] / "data" / "reference", tmp_path / "data" / "reference"
    )
    spec = (HELDOUT_C / "sumedang_rpjmd" / "printed.json").read_text(encoding="utf-8")
    line = __import__("json").loads(spec)["kecamatan_csv"]
    with (tmp_path / "data" / "reference" / "kecamatan.csv").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "ingest",
            "--raw",
            str(raw),
            "--out",
            str(tmp_path / "out"),
            "--kabupaten",
            "Kabupaten Sumedang",
            "--force",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode != 0, proc.stdout[-2000:]
    assert "kode 5.01.01 sudah dipakai" in proc.stderr and "baris 14" in proc.stderr, proc.stderr
