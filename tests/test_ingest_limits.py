"""Limits on every reader, checked before it allocates (issue 20, item 1).

Tiny hostile files (:mod:`hostile_files`) declare enormous structures; each must be
refused quickly by name with the setting it broke, with bounded memory (peak RSS of
a real ``python -m analysis`` process), while the other files of the run are read.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import hostile_files as hostile
import pandas as pd
import pytest
from ingest_helpers import REFERENCE, ROOT, write_csv

from analysis.ingest import intake
from analysis.ingest.formats import guards, reading
from analysis.ingest.pipeline import ingest
from analysis.ingest.reference import KecamatanReference
from analysis.settings import Settings

HEAD = [
    "tahun",
    "kecamatan",
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "target_tw1",
    "realisasi_tw1",
]
ROWS = [
    ["2024", "Wotu", "7.01.01", "Program Penunjang", "Persentase kinerja", "%", 100, 95.5],
    ["2024", "Wotu", "7.01.01.2.01", "Kegiatan Perencanaan", "Persentase dokumen", "%", 100, 90],
]


def _csv(raw: Path, name: str, kecamatan: str = "Wotu") -> Path:
    lines = [";".join(HEAD)] + [";".join(str(v) for v in [r[0], kecamatan, *r[2:]]) for r in ROWS]
    return write_csv(raw, name, "\n".join(lines) + "\n")


def _xls_good(path: Path) -> Path:
    return hostile.xls(path, {"Kinerja": [HEAD, *[[*r[:1], "Towuti", *r[2:]] for r in ROWS]]})


HOSTILE = {
    "a_dimensions.xls": (lambda p: hostile.xls_bad_dimensions(p), "batas_sel_sheet"),
    "b_rows.ods": (lambda p: hostile.ods_huge_rows(p), "batas_sel_sheet"),
    "c_six_sheets.xls": (lambda p: hostile.xls_wide_sheets(p), "batas_sel_sheet"),
    "d_gridspan.docx": (lambda p: hostile.docx_huge_gridspan(p), "batas_kolom"),
    "e_bomb.docx": (lambda p: hostile.docx_zip_bomb(p, 60_000_000), "batas_rasio_zip"),
}


def _errors(result) -> dict[str, str]:
    return {e.file: e.reason for e in result.errors}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_by_name_and_limit_and_the_others_read(
    tmp_path: Path, name: str
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    build, setting = HOSTILE[name]
    build(raw / name)
    assert (raw / name).stat().st_size < 400_000
    _csv(raw, "wotu_2024_kinerja.csv")
    started = time.perf_counter()
    result = ingest(raw, reference_dir=REFERENCE, jobs=1)
    assert time.perf_counter() - started < 20
    errors = _errors(result)
    assert list(errors) == [name], str(result.errors)
    assert setting in errors[name] and "melebihi batas" in errors[name]
    assert set(result.kinerja_wide["kecamatan"]) == {"Wotu"}
    assert len(result.kinerja_wide) == len(ROWS)


def test_hostile_files_refused_with_bounded_memory_in_a_real_process(tmp_path: Path) -> None:
    """All five in one ``python -m analysis ingest --lenient``: peak RSS stays small, exit
    is clean, every hostile file is named and the good files' rows are written."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, (build, _) in HOSTILE.items():
        build(raw / name)
    _csv(raw, "wotu_2024_kinerja.csv")
    _xls_good(raw / "towuti_2024_kinerja.xls")
    out = tmp_path / "out"
    probe = (
        "import resource, runpy, sys\n"
        "sys.argv = ['analysis', 'ingest', '--raw', sys.argv[1], '--out', sys.argv[2],"
        " '--lenient']\n"
        "try:\n"
        "    runpy.run_module('analysis', run_name='__main__')\n"
        "finally:\n"
        "    peak = max(resource.getrusage(w).ru_maxrss for w in"
        " (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
        "    print(f'PEAK_KB={peak}', file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, str(raw), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    elapsed = time.perf_counter() - started
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    peak_mb = int(done.stderr.rsplit("PEAK_KB=", 1)[1].split()[0]) / 1024
    assert peak_mb < 700, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < 90
    for name, (_, setting) in HOSTILE.items():
        line = next(x for x in done.stderr.splitlines() if f"file {name}" in x)
        assert setting in line, line
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert set(kinerja["kecamatan"]) == {"Wotu", "Towuti"}


def test_a_reader_abort_costs_its_file_only_and_names_it(tmp_path: Path) -> None:
    """With the checks out of the way (limits raised), calamine aborts the process on the
    bad DIMENSIONS record: the child it runs in dies, the run goes on and names the file."""
    raw = tmp_path / "raw"
    raw.mkdir()
    hostile.xls_bad_dimensions(raw / "wotu_rusak.xls")
    _csv(raw, "wotu_2024_kinerja.csv")
    huge = 10**15
    settings = Settings(batas_sel_sheet=huge, batas_sel_file=huge, batas_sel_run=huge)
    result = ingest(raw, reference_dir=REFERENCE, settings=settings, jobs=1)
    errors = _errors(result)
    assert list(errors) == ["wotu_rusak.xls"]
    assert "berhenti mendadak" in errors["wotu_rusak.xls"]
    assert "SIGABRT" in errors["wotu_rusak.xls"]
    assert len(result.kinerja_wide) == len(ROWS)


def test_a_reader_that_kills_its_pool_worker_costs_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that aborts its process wherever it runs (what calamine does on a file no
    check foresaw): no bare BrokenProcessPool, the file is named, the others are read."""
    raw = tmp_path / "raw"
    raw.mkdir()
    names = ["burau", "wotu", "towuti", "malili"]
    for k in names:
        _csv(raw, f"{k}_2024_kinerja.csv", k.title())
    real = reading.READERS[".csv"]

    def aborts_on_wotu(path: Path, display: str, limits: reading.Limits):
        if display.startswith("wotu"):
            os.abort()
        return real(path, display, limits)

    monkeypatch.setitem(reading.READERS, ".csv", aborts_on_wotu)
    kec = KecamatanReference.load(REFERENCE / "kecamatan.csv")
    results = intake.read_files(sorted(raw.iterdir()), raw, kec, reading.DEFAULT_LIMITS, jobs=2)
    errors = [e for r in results for e in r.errors]
    assert [e.file for e in errors] == ["wotu_2024_kinerja.csv"]
    assert "berhenti mendadak" in errors[0].reason and "SIGABRT" in errors[0].reason
    frames = [f for r in results for f in r.pieces["kinerja"]]
    assert sum(len(f) for f in frames) == len(ROWS) * (len(names) - 1)


def test_cells_per_file_limit_refuses_the_file_by_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    hostile.xls_wide_sheets(raw / "wide.xls", sheets=6, last_row=999, last_col=9)
    _csv(raw, "wotu_2024_kinerja.csv")
    result = ingest(raw, reference_dir=REFERENCE, settings=Settings(batas_sel_file=50_000), jobs=1)
    errors = _errors(result)
    assert list(errors) == ["wide.xls"]
    assert "60,000 sel" in errors["wide.xls"] and "batas_sel_file" in errors["wide.xls"]
    assert len(result.kinerja_wide) == len(ROWS)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cells_per_run_limit_refuses_the_files_past_it_and_drops_their_rows(
    tmp_path: Path, jobs: int
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    names = ["a_burau", "b_wotu", "c_towuti", "d_malili"]
    kecamatan = ["Burau", "Wotu", "Towuti", "Malili"]
    for name, kec in zip(names, kecamatan, strict=True):
        _csv(raw, f"{name}_2024_kinerja.csv", kec)
    per_file = (len(ROWS) + 1) * len(HEAD)
    settings = Settings(batas_sel_run=2 * per_file)
    result = ingest(raw, reference_dir=REFERENCE, settings=settings, jobs=jobs)
    errors = _errors(result)
    assert sorted(errors) == [f"{n}_2024_kinerja.csv" for n in names[2:]]
    assert all("batas_sel_run" in r for r in errors.values())
    assert sorted(set(result.kinerja_wide["kecamatan"])) == ["Burau", "Wotu"]


def test_ods_merged_span_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = hostile.ods(
        tmp_path / "span.ods",
        '<table:table-row><table:table-cell office:value-type="string" '
        'table:number-columns-spanned="5" table:number-rows-spanned="900000000">'
        "<text:p>x</text:p></table:table-cell></table:table-row>",
    )
    result = reading.read_file(path, "span.ods")
    assert [e.file for e in result.errors] == ["span.ods"]
    assert "sel gabungan" in result.errors[0].reason
    assert "batas_sel_sheet" in result.errors[0].reason


def test_zip_part_longer_than_declared_is_refused(tmp_path: Path) -> None:
    path = hostile.docx(tmp_path / "lie.docx", [["Kode", "Uraian"], ["7.01", "Program"]])
    hostile.zip_lying_about_size(path, "word/document.xml", 100)
    result = reading.read_file(path, "lie.docx")
    assert [e.file for e in result.errors] == ["lie.docx"]
    assert "CRC" in result.errors[0].reason


def test_overlapping_zip_parts_are_refused(tmp_path: Path) -> None:
    path = hostile.docx(tmp_path / "overlap.docx", [["Kode"], ["7.01"]])
    data = bytearray(path.read_bytes())
    # every central directory entry points at the first local header: one packed part
    # read as many (the overlapping zip bomb)
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        data[at + 42 : at + 46] = b"\x00\x00\x00\x00"
        data[at + 20 : at + 24] = len(data).to_bytes(4, "little")
        at += 4
    path.write_bytes(bytes(data))
    with pytest.raises(guards.Refused, match="tumpang"):
        guards.check(path, "overlap.docx", reading.DEFAULT_LIMITS)


def test_good_xls_ods_docx_pass_the_checks_and_count_their_cells(tmp_path: Path) -> None:
    xls = _xls_good(tmp_path / "ok.xls")
    assert guards.check(xls, "ok.xls", reading.DEFAULT_LIMITS) == 3 * len(HEAD)
    ods = hostile.ods(
        tmp_path / "ok.ods",
        hostile.ods_row(["a", "b"])
        + hostile.ods_row([1, 2], rows_repeated=3)
        # LibreOffice's empty tail: a million empty rows of 1,024 empty cells
        + '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    )
    assert guards.check(ods, "ok.ods", reading.DEFAULT_LIMITS) == 4 * 2
    doc = hostile.docx(tmp_path / "ok.docx", [["a", "b", "c"], ["1", "2", "3"]])
    assert guards.check(doc, "ok.docx", reading.DEFAULT_LIMITS) == 6
    assert len(reading.read_file(ods, "ok.ods").grids) == 1


def test_xlsx_sheets_together_past_the_file_limit_are_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl
    import python_calamine

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened before its extent was checked")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", never)

    book = openpyxl.Workbook()
    book.remove(book.active)
    for k in range(4):
        ws = book.create_sheet(f"S{k + 1}")
        ws["A1"] = "x"
        ws["J1000"] = 1  # 1,000 rows x 10 columns declared by each sheet
    path = tmp_path / "empat.xlsx"
    book.save(path)
    assert len(reading.read_file(path, "empat.xlsx").errors) == 1  # the workbook is opened
    limits = reading.Limits(max_file_cells=30_000)
    result = reading.read_file(path, "empat.xlsx", limits)
    assert [e.file for e in result.errors] == ["empat.xlsx"] and not result.grids
    assert "40,000 sel" in result.errors[0].reason
    assert "batas_sel_file" in result.errors[0].reason
