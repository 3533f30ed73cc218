"""Reading raw files: every spreadsheet type, hostile tiny files, encodings, skipped files.

Each hostile case runs through the command line (``analysis.cli.main``, as
``python -m analysis ingest``) and checks the exit code, the message, that no traceback
is printed, and that the raw folder is byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from ingest_helpers import REFERENCE, ROOT, write_csv, write_xlsx

from analysis.cli import main
from analysis.ingest import intake
from analysis.ingest.formats import reading
from analysis.ingest.pipeline import ingest

HEAD = "tahun;kecamatan;kode;uraian;indikator;satuan;target_tw1;realisasi_tw1\n"
ROWS = [
    ["2024", "Wotu", "7.01.01", "Program Penunjang", "Persentase kinerja", "%", 100, 95.5],
    [
        "2024",
        "Wotu",
        "7.01.01.2.01",
        "Kegiatan Perencanaan Désa",
        "Persentase dokumen",
        "%",
        100,
        100,
    ],
    ["2024", "Wotu", "7.01.01.2.01.01", "Penyusunan Dokumen", "Jumlah dokumen", "Dokumen", 2, 1],
]
COLUMNS = HEAD.strip().split(";")


def _sha(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _cli(raw: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str):
    before = _sha(raw)
    code = main(["ingest", "--raw", str(raw), "--out", str(out), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert _sha(raw) == before, "the raw folder must stay byte-identical"
    return code, captured.out, captured.err


def _csv_text() -> str:
    return HEAD + "".join(";".join(str(v) for v in row) + "\n" for row in ROWS)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


def _kinerja(raw: Path) -> pd.DataFrame:
    result = ingest(raw, reference_dir=REFERENCE)
    assert not result.errors, str(result.errors)
    return result.kinerja_wide.drop(columns=["sumber"])


# --- spreadsheet types -------------------------------------------------------------------


def test_xls_and_ods_read_like_the_same_table_as_csv(tmp_path: Path) -> None:
    import xlwt

    expected = _kinerja(write_csv(tmp_path / "csv", "wotu_2024_kinerja.csv", _csv_text()).parent)

    xls_raw = tmp_path / "xls"
    xls_raw.mkdir()
    book = xlwt.Workbook()
    sheet = book.add_sheet("Kinerja")
    for c, name in enumerate(COLUMNS):
        sheet.write(0, c, name)
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(xls_raw / "wotu_2024_kinerja.xls"))

    ods_raw = tmp_path / "ods"
    ods_raw.mkdir()
    _frame().to_excel(ods_raw / "wotu_2024_kinerja.ods", engine="odf", index=False)

    for raw in (xls_raw, ods_raw):
        got = _kinerja(raw)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_percent_cells_in_xls_and_ods_are_refused_not_read_as_fractions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import xlwt

    raw = tmp_path / "raw"
    raw.mkdir()
    book = xlwt.Workbook()
    sheet = book.add_sheet("Kinerja")
    for c, name in enumerate(COLUMNS):
        sheet.write(0, c, name)
    for c, value in enumerate(ROWS[0][:-1]):
        sheet.write(1, c, value)
    sheet.write(1, len(COLUMNS) - 1, 0.955, xlwt.easyxf(num_format_str="0.00%"))
    book.save(str(raw / "wotu_2024_kinerja.xls"))
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 2
    assert "wotu_2024_kinerja.xls" in err and "berformat persen" in err and ".xlsx" in err

    ods = tmp_path / "ods"
    ods.mkdir()
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
        'office:1.0"><table:table-cell office:value-type="percentage" office:value="0.955"/>'
        "</office:document-content>"
    )
    with zipfile.ZipFile(ods / "wotu_2024_kinerja.ods", "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
    code, _, err = _cli(ods, tmp_path / "out", capsys)
    assert code == 2 and "wotu_2024_kinerja.ods" in err and "berformat persen" in err


def test_xlsx_via_calamine_gives_the_openpyxl_grid(tmp_path: Path) -> None:
    """Values, merged ranges, dates, booleans, a sheet not starting at A1."""
    raw = tmp_path / "raw"
    path = write_xlsx(
        raw,
        "wotu_2024_x.xlsx",
        {
            "Data": [
                ["KECAMATAN WOTU TAHUN 2024", None, None],
                ["uraian", "indikator", "target_tw1"],
                ["Program A", "Jumlah", 1],
                ["Program B", True, 2.5],
            ],
            "Geser": [[None, None], [None, "x", 3]],
        },
        merged={"Data": ["A1:C1"]},
    )
    book = openpyxl.load_workbook(path)
    book["Data"]["A5"] = pd.Timestamp("2024-03-31").to_pydatetime()
    book.save(path)
    fast = reading.read_spreadsheet(path, "wotu_2024_x.xlsx")
    slow = reading.read_xlsx_openpyxl(path, "wotu_2024_x.xlsx")
    assert not fast.errors and not slow.errors
    assert len(fast.grids) == len(slow.grids) == 2
    for a, b in zip(fast.grids, slow.grids, strict=True):
        assert a.sheet == b.sheet
        assert a.merged == b.merged
        assert (a.rows == b.rows).all()
        pd.testing.assert_frame_equal(a.cells, b.cells)
    assert fast.grids[0].cells.iat[4, 0] == "2024-03-31T00:00:00"


def test_percent_format_and_formulas_read_as_shown(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    path = write_xlsx(
        raw,
        "wotu_2024_kinerja.xlsx",
        {"Data": [COLUMNS, ["2024", "Wotu", "7.01.01", "Program A", "Persentase", "%", 1, 0.9746]]},
    )
    book = openpyxl.load_workbook(path)
    book["Data"]["H2"].number_format = "0.00%"
    book["Data"]["G2"].number_format = "0%"
    book.save(path)
    got = _kinerja(raw)
    assert got["target_tw1"].iloc[0] == pytest.approx(100.0)
    assert got["realisasi_tw1"].iloc[0] == pytest.approx(97.46)

    book["Data"]["H2"] = "=G2*2"  # written by openpyxl: no stored value
    book.save(path)
    result = ingest(raw, reference_dir=REFERENCE)
    assert any("rumus tanpa nilai tersimpan" in str(e) for e in result.errors)
    assert any(e.row == 2 and e.column == "H" for e in result.errors)


def test_bundled_data_reads_the_same_through_calamine_and_openpyxl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fast reader's output equals the old (openpyxl) reader's on the shipped data."""
    raw = ROOT / "data" / "raw"
    assert list(raw.glob("*.xlsx")), "the bundled data holds an .xlsx"
    fast = ingest(raw)
    monkeypatch.setitem(reading.READERS, ".xlsx", reading.read_xlsx_openpyxl)
    old = ingest(raw)
    for name in ("kinerja_wide", "anggaran_wide", "iku_raw", "bulanan"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(old, name))
    assert str(fast.errors) == str(old.errors)
    assert fast.findings.to_frame().equals(old.findings.to_frame())


def test_pool_and_serial_runs_give_the_same_output_and_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serial, pooled, and each file's tables extracted alone (chunks of one file) or with
    other files' (one pass over a chunk): the same rows, errors, notes and findings."""
    from analysis import synthetic

    raw = tmp_path / "raw"
    raw.mkdir()
    names = list(synthetic.DEFAULT_KECAMATAN[:5])
    kinerja, anggaran, _ = synthetic.make_kinerja_anggaran(names, (2024, 2025), seed=3)
    for (tahun, kec), part in kinerja.groupby(["tahun", "kecamatan"]):
        part.to_excel(raw / f"{kec.lower().replace(' ', '-')}_{tahun}_kinerja.xlsx", index=False)
    for (tahun, kec), part in anggaran.groupby(["tahun", "kecamatan"]):
        part.to_csv(raw / f"{kec.lower().replace(' ', '-')}_{tahun}_anggaran.csv", sep=";")
    write_csv(raw, "wotu_2024_rusak.csv", HEAD + "2024;Wotu;7.01.AB;Program X;Jumlah;x;1;1\n")
    (raw / "catatan.pdf").write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(intake, "CHUNK_FILES", 4)
    monkeypatch.setattr(intake, "POOL_MIN_FILES", 8)
    assert len(intake.scan_raw(raw).files) >= intake.POOL_MIN_FILES
    serial = ingest(raw, reference_dir=REFERENCE, jobs=1)
    pooled = ingest(raw, reference_dir=REFERENCE, jobs=2)
    monkeypatch.setattr(intake, "CHUNK_FILES", 1)
    alone = ingest(raw, reference_dir=REFERENCE, jobs=1)
    monkeypatch.setattr(intake, "CHUNK_FILES", 256)
    monkeypatch.setattr(intake, "CHUNK_BYTES", 20_000)  # a few files a chunk, by size
    by_size = ingest(raw, reference_dir=REFERENCE, jobs=1)
    assert serial.errors, "the broken file gives an error in both runs"
    for other in (pooled, alone, by_size):
        assert str(serial.errors) == str(other.errors)
        assert serial.notes == other.notes
        assert (serial.files, serial.sheets) == (other.files, other.sheets)
        for name in ("kinerja_wide", "anggaran_wide", "iku_raw", "bulanan"):
            pd.testing.assert_frame_equal(getattr(serial, name), getattr(other, name))
        pd.testing.assert_frame_equal(serial.findings.to_frame(), other.findings.to_frame())


# --- hostile tiny files --------------------------------------------------------------------


def _xlsx_with_far_cell(path: Path) -> None:
    """A 2 KB workbook whose sheet declares A1 and XFD1048576."""
    write_xlsx(path.parent, path.name, {"Data": [["uraian", "target_tw1"], ["Program A", 1]]})
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_xlsx_declaring_a_far_cell_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _xlsx_with_far_cell(raw / "wotu_2024_kinerja.xlsx")
    assert (raw / "wotu_2024_kinerja.xlsx").stat().st_size < 10_000
    started = time.perf_counter()
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert time.perf_counter() - started < 30
    assert code == 2
    assert "wotu_2024_kinerja.xlsx" in err and "XFD1048576" in err and "melebihi batas" in err
    assert not (tmp_path / "out").exists()


def test_hostile_files_through_python_dash_m(tmp_path: Path) -> None:
    """The real entry point, in a fresh process: exit 2, one message per file, no traceback."""
    import subprocess
    import sys

    raw = tmp_path / "raw"
    raw.mkdir()
    _xlsx_with_far_cell(raw / "wotu_2024_kinerja.xlsx")
    write_csv(raw, "towuti_2024_kinerja.csv", _csv_text() + ";" * 100_000 + "\n")
    before = _sha(raw)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "ingest",
            "--raw",
            str(raw),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "XFD1048576" in done.stderr and "100,001 kolom" in done.stderr
    assert _sha(raw) == before
    assert not (tmp_path / "o").exists()


def test_csv_row_with_100000_separators_is_refused_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text() + ";" * 100_000 + "\n")
    started = time.perf_counter()
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert time.perf_counter() - started < 30
    assert code == 2
    assert "wotu_2024_kinerja.csv" in err and "baris 5" in err
    assert "100,001 kolom" in err and "batas_kolom" in err


def test_limits_come_from_the_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    config = tmp_path / "batas.toml"
    config.write_text("batas_kolom = 5\n")
    code, _, err = _cli(raw, tmp_path / "out", capsys, "--config", str(config))
    assert code == 2 and "baris 1" in err and "8 kolom, melebihi batas 5 kolom" in err
    config.write_text("batas_byte_file = 100\n")
    code, _, err = _cli(raw, tmp_path / "out", capsys, "--config", str(config))
    assert code == 2 and "melebihi batas 100 byte" in err


def test_csv_cell_over_the_field_limit_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    long_row = "2024;Wotu;7.01.02;" + "A" * 200_000 + ";Jumlah;Laporan;12;3\n"
    ragged = "2024;Wotu;7.01.03;Program C;Jumlah;Laporan;1;1;extra\n"  # forces the csv module
    write_csv(raw, "wotu_2024_kinerja.csv", HEAD + long_row + ragged)
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 2
    assert "baris 2" in err and "'uraian'" in err and "terlalu panjang" in err


# --- files that are not read -----------------------------------------------------------------


def test_unknown_file_type_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    (raw / "laporan_wotu.doc").write_bytes(b"\xd0\xcf\x11\xe0 old Word")  # .pdf is read now
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 0
    assert "laporan_wotu.doc" in err and "'.doc' tidak dibaca" in err and ".xlsx" in err


def test_symlink_pointing_outside_raw_is_refused_without_its_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    secret = tmp_path / "rahasia.csv"
    secret.write_text("kata_sandi;RAHASIA-123\n")
    (raw / "towuti_2024_kinerja.csv").symlink_to(secret)
    (raw / "folder_luar").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 2
    assert "towuti_2024_kinerja.csv" in err and "folder_luar" in err
    assert "tautan simbolik" in err
    assert "RAHASIA" not in out + err


def test_symlink_inside_raw_is_not_read_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    (raw / "salinan.csv").symlink_to(raw / "wotu_2024_kinerja.csv")
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 0 and "salinan.csv: tautan ke file lain" in err


def test_unreadable_subfolder_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    locked = raw / "arsip"
    locked.mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # the listing of arsip/ is refused, as for a user
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kwargs):
            if Path(dirpath) == locked:
                onerror(PermissionError(13, "Permission denied", str(locked)))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(intake.os, "walk", walk)
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 2
    assert "arsip" in err and "folder tidak dapat dibuka (Permission denied)" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_subfolder_really_locked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    write_csv(raw, "wotu_2024_kinerja.csv", _csv_text())
    locked = raw / "arsip"
    locked.mkdir()
    locked.chmod(0)
    try:
        code, _, err = _cli(raw, tmp_path / "out", capsys)
    finally:
        locked.chmod(0o755)
    assert code == 2 and "arsip" in err


# --- encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_utf16_and_windows1252_csv_read(tmp_path: Path, encoding: str) -> None:
    expected = _kinerja(write_csv(tmp_path / "utf8", "wotu_2024_kinerja.csv", _csv_text()).parent)
    raw = write_csv(tmp_path / encoding, "wotu_2024_kinerja.csv", _csv_text(), encoding=encoding)
    got = _kinerja(raw.parent)
    pd.testing.assert_frame_equal(got, expected)
    assert "Kegiatan Perencanaan Désa" in set(got["uraian"])


def test_one_bad_byte_keeps_the_file_utf8_and_names_the_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    data = _csv_text().encode("utf-8")
    data = data.replace(b"Penyusunan Dokumen", b"Penyusunan Dok\xffmen")
    (raw / "wotu_2024_kinerja.csv").write_bytes(data)
    code, _, err = _cli(raw, tmp_path / "out", capsys)
    assert code == 0
    assert "wotu_2024_kinerja.csv baris 4 kolom D" in err
    kinerja = pd.read_parquet(tmp_path / "out" / "kinerja.parquet")
    assert "Kegiatan Perencanaan Désa" in set(kinerja["uraian"])  # not re-decoded as cp1252
    assert "Penyusunan Dok\ufffdmen" in set(kinerja["uraian"])
    found = pd.read_parquet(tmp_path / "out" / "pemeriksaan.parquet")
    bad = found[found["jenis"] == "encoding_rusak"]
    assert len(bad) == 1
    assert bad["sumber"].iloc[0] == "wotu_2024_kinerja.csv:wotu_2024_kinerja:4"
    assert bad["kolom"].iloc[0] == "D"


def test_a_few_big_files_are_read_on_every_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The national exports (a handful of big CSVs) use the pool as many small files do;
    one file, a small run, or a file too big for two at once stays serial."""
    monkeypatch.setattr(intake.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(intake, "POOL_MIN_BYTES", 3_000)
    monkeypatch.setattr(intake, "POOL_MAX_FILE_BYTES", 5_000)
    files = []
    for i, size in enumerate((2_000, 1_500, 100)):
        files.append(tmp_path / f"f{i}.csv")
        files[-1].write_bytes(b"x" * size)
    assert len(files) < intake.POOL_MIN_FILES
    assert intake.default_jobs(files) == 2
    assert intake.default_jobs(files[:1]) == 1  # one file: nothing to share
    assert intake.default_jobs(files[1:]) == 1  # 1,600 bytes: the pool would cost more
    files[0].write_bytes(b"x" * 6_000)
    assert intake.default_jobs(files) == 1  # two such files at once: twice the memory
