"""No silently wrong figure: cells and files that used to be read as something else.

Each case runs ``python -m analysis ingest`` (through :func:`analysis.cli.main`) on a raw
folder built here as an office would type it, and checks the exit code, the message
(file, sheet, row, column, value, reason), that no traceback is shown, that the raw
files are byte-identical afterwards, and the figures that come out - or, for readable
input, that the finding is in ``pemeriksaan`` with its kecamatan and tahun so that it
reaches that kecamatan's report. Cell texts are cut from the seed documents (Wotu LKj
Tabel 3.4, Kalaena Renja T-C.29) with one defect put in.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analysis.cli import main
from analysis.reports import gap_views, loading

HEAD = (
    "tahun;kecamatan;kode;uraian;indikator;satuan;target_tahunan;"
    "target_tw1;realisasi_tw1;keterangan\n"
)
PROGRAM = "2024;Wotu;7.01.01;Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota;"
GOOD = (
    HEAD
    + PROGRAM
    + "Persentase Capaian Kinerja Penunjang Urusan Pemerintahan Daerah;%;100;100;95;\n"
    "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;"
    "Jumlah Dokumen Perencanaan Perangkat Daerah;Dokumen;2;1;1;\n"
)


def _sha(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _ingest(
    raw: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    before = _sha(raw)
    out_before = _sha(out) if out.exists() else None
    code = main(["ingest", "--raw", str(raw), "--out", str(out), *extra])
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "Traceback" not in said
    assert _sha(raw) == before, "raw files must stay byte-identical"
    if code != 0:
        assert (_sha(out) if out.exists() else None) == out_before, "output must stay"
    return code, said


def _csv(raw: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    raw.mkdir(parents=True, exist_ok=True)
    (raw / name).write_bytes(text.encode(encoding))


def _xlsx(raw: Path, name: str, rows: list[list[object]], title: str = "Tabel 3.4") -> None:
    raw.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(raw / name)


def _expect(said: str, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in said, f"{fragment!r} not in message:\n{said[:3000]}"


def _read(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{table}.parquet")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A raw folder with one good file, already ingested (so the output exists)."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _csv(raw, "wotu_2024_kinerja.csv", GOOD)
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    return raw, out


def _row(cells: str) -> str:
    return HEAD + cells + "\n"


BAD_NUMBER = "2024;Wotu;7.01.02;Program Penyelenggaraan Pemerintahan dan Pelayanan Publik;"


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "column", "reason"),
    [
        ("1OO", "'target_tw1'", "huruf 'O' di dalam angka (mirip angka 0)"),
        ("10O%", "'target_tw1'", "huruf 'O' di dalam angka"),
        ("5-", "'target_tw1'", "tanda minus di belakang angka"),
        ("1" * 400, "'target_tw1'", "angka terlalu besar (lebih dari 15 digit)"),
    ],
    ids=["1OO", "10O-percent", "5-minus", "400-digits"],
)
def test_a_misread_number_is_an_error_naming_the_cell(
    cell: str,
    column: str,
    reason: str,
    folders: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    raw, out = folders
    capsys.readouterr()
    _csv(
        raw,
        "wotu_2024_tw1.csv",
        _row(BAD_NUMBER + f"Persentase Pelayanan Publik;%;100;{cell};95;"),
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    shown = cell if len(cell) < 80 else cell[:20]
    _expect(said, "wotu_2024_tw1.csv", "sheet 'wotu_2024_tw1'", "baris 2", column, shown, reason)
    assert "tidak diubah" in said

    # --lenient writes the other rows; the misread figure is nowhere, and nothing is inf
    code, said = _ingest(raw, out, capsys, "--lenient")
    assert code == 0, said
    kinerja = _read(out, "kinerja")
    assert not kinerja["uraian"].str.contains("Pelayanan Publik").any()
    numbers = kinerja.select_dtypes("number").to_numpy(dtype="float64")
    assert np.isfinite(numbers[~np.isnan(numbers)]).all()
    ditolak = _read(out, "ditolak")
    assert reason in " ".join(ditolak["reason"])


def test_trailing_minus_in_an_xlsx_names_sheet_and_column_letter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Text cells typed in Excel: the message names the sheet and the column letter."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    header = [h for h in HEAD.strip().split(";")]
    row = [2024, "Wotu", "7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"]
    row += ["Persentase Pelayanan Publik", "%", 100, "5-", 95, None]
    _xlsx(raw, "wotu_2024_lkj.xlsx", [header, row])
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    _expect(
        said,
        "wotu_2024_lkj.xlsx",
        "sheet 'Tabel 3.4'",
        "baris 2",
        "kolom 'target_tw1 [H]'",
        "'5-'",
        "tanda minus di belakang angka",
    )
    assert not out.exists()


def test_units_and_money_endings_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The new rules leave real cells alone: ``12 Laporan``, ``Rp 7.557.500,-``, ``-``."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _csv(
        raw,
        "wotu_2024_kinerja.csv",
        HEAD
        + PROGRAM
        + "Jumlah Laporan;Laporan;12 Laporan;3 Laporan;-;\n"
        + "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;"
        "Jumlah Orang;Orang/bulan;19 Orang/bulan;19;19 Orang/bulan;\n",
    )
    _csv(
        raw,
        "wotu_2024_anggaran.csv",
        "tahun;kecamatan;kode;uraian;pagu\n"
        "2024;Wotu;7.01.02;Program Penyelenggaraan Pemerintahan dan Pelayanan Publik;"
        "Rp 7.557.500,-\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    kinerja = _read(out, "kinerja").query("triwulan == 1").set_index("indikator")
    assert kinerja.at["Jumlah Laporan", "target_tahunan"] == 12
    assert pd.isna(kinerja.at["Jumlah Laporan", "realisasi_tw"])
    assert kinerja.at["Jumlah Orang", "realisasi_tw"] == 19
    anggaran = _read(out, "anggaran")
    assert set(anggaran.loc[anggaran["kode"] == "7.01.02", "pagu"]) == {7_557_500.0}


# --- text ---------------------------------------------------------------------------------


def test_angle_brackets_in_an_uraian_are_text_not_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    name = "Penurunan Desa dengan IDM <50% dan >20%"
    _csv(
        raw,
        "wotu_2024_kinerja.csv",
        HEAD
        # seed 001 T-C.29 prints program names in <b>..</b>: that is markup, and dropped
        + "2024;Wotu;7.01.05;<b>PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM</b>;"
        "Persentase Capaian Kinerja Penyelenggaraan Pemerintahan Umum Kecamatan (%);%;"
        "100;100;100;\n"
        f"2024;Wotu;7.01.03.2.01.01;{name};Jumlah Desa;Desa;7;7;5;\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    uraian = set(_read(out, "kinerja")["uraian"])
    assert name in uraian
    assert "20%" not in uraian
    assert "PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM" in uraian


# --- the same thing twice -----------------------------------------------------------------


def test_same_indicator_differing_only_in_case_and_punctuation_is_a_duplicate(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    capsys.readouterr()
    _csv(
        raw,
        "wotu_2024_revisi.csv",
        HEAD
        + PROGRAM
        + "PERSENTASE CAPAIAN KINERJA PENUNJANG URUSAN PEMERINTAHAN DAERAH.;%;100;100;60;\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    _expect(
        said,
        "file wotu_2024_revisi.csv",
        "baris 2",
        "kolom 'indikator'",
        "'PERSENTASE CAPAIAN KINERJA PENUNJANG URUSAN PEMERINTAHAN DAERAH.'",
        "baris ganda",
        "wotu_2024_kinerja.csv:wotu_2024_kinerja:2",
    )

    code, said = _ingest(raw, out, capsys, "--lenient")
    assert code == 0, said
    kinerja = _read(out, "kinerja").query("triwulan == 1 and kode == '7.01.01'")
    assert len(kinerja) == 1, "one indicator, one row"
    assert kinerja["realisasi_tw"].tolist() == [95.0], "the first file's figure"


def test_one_kode_with_two_names_in_one_sheet_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _csv(
        raw,
        "wotu_2024_anggaran.csv",
        "tahun;kecamatan;kode;uraian;pagu;anggaran_tw1;realisasi_anggaran_tw1\n"
        "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen Perencanaan Perangkat Daerah;"
        "23.274.800;5.000.000;4.000.000\n"
        # the kode copied onto the next line: its figures would merge into the first
        "2024;Wotu;7.01.01.2.01.01;Fasilitasi Kunjungan Tamu;23.274.800;;\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    _expect(
        said,
        "file wotu_2024_anggaran.csv",
        "sheet 'wotu_2024_anggaran'",
        "baris 3",
        "kolom 'kode'",
        "'7.01.01.2.01.01'",
        "'Penyusunan Dokumen Perencanaan Perangkat Daerah'",
        "'Fasilitasi Kunjungan Tamu'",
    )


def test_one_kode_with_two_names_across_files_is_a_finding_for_that_kecamatan(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    capsys.readouterr()
    _csv(
        raw,
        "wotu_2024_anggaran.csv",
        "tahun;kecamatan;kode;uraian;pagu\n"
        # a retyped name of the same program: no finding
        "2024;Wotu;7.01.01;PROGRAM PENUNJANG URUSAN PEMERINTAH DAERAH KAB/KOTA;3.135.828.551\n"
        # an indicator typed where the name belongs (Kalaena anggaran 2024, row 16)
        "2024;Wotu;7.01.01.2.01.01;Persentase rata-rata capaian kinerja administrasi "
        "kepegawaian perangkat daerah;23.274.800\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    found = _read(out, "pemeriksaan").query("jenis == 'kode_nama_berbeda'")
    assert len(found) == 1, found
    item = found.iloc[0]
    assert item["kode"] == "7.01.01.2.01.01"
    assert item["kecamatan"] == "Wotu"
    assert item["tahun"] == 2024
    # the row read later is the finding's source; the message names the other one
    sources = {
        "wotu_2024_anggaran.csv:wotu_2024_anggaran:3",
        "wotu_2024_kinerja.csv:wotu_2024_kinerja:3",
    }
    assert item["sumber"] in sources
    other = (sources - {item["sumber"]}).pop()  # named as the office finds it
    file, _, row = other.rsplit(":", 2)
    assert f"(berkas {file}, baris {row})" in item["pesan"]
    assert "Penyusunan Dokumen Perencanaan Perangkat Daerah" in item["pesan"]
    assert "Persentase rata-rata capaian" in item["pesan"]


# --- whose rows ---------------------------------------------------------------------------


def test_kecamatan_of_two_words_in_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    no_kecamatan = GOOD.replace("tahun;kecamatan;", "").replace("2024;Wotu;", "")
    _csv(raw, "tomoni_timur_2024_kinerja.csv", no_kecamatan)
    _csv(raw, "tomoni_2024_kinerja.csv", no_kecamatan)
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    kinerja = _read(out, "kinerja")
    by_file = kinerja.groupby(kinerja["sumber"].str.split(":").str[0])["kecamatan"].unique()
    assert list(by_file["tomoni_timur_2024_kinerja.csv"]) == ["Tomoni Timur"]
    assert list(by_file["tomoni_2024_kinerja.csv"]) == ["Tomoni"]
    assert set(kinerja["tahun"]) == {2024}


TITLE_TWO = "PEMERINTAH KABUPATEN LUWU TIMUR KECAMATAN WOTU DAN KECAMATAN BURAU"


def _titled(title: str, with_kecamatan: bool) -> list[list[object]]:
    header = ["KODE", "PROGRAM/KEGIATAN/ SUB KEGIATAN", "INDIKATOR", "TARGET TW I"]
    header += ["REALISASI TW I"]
    row = ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"]
    row += ["Persentase Capaian Kinerja", 100, 95]
    if with_kecamatan:
        header, row = ["KECAMATAN", *header], ["Burau", *row]
    return [[title], ["LAPORAN KINERJA TRIWULAN I TAHUN 2024"], [], header, row]


def test_a_title_naming_two_kecamatan_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _xlsx(raw, "laporan_2024.xlsx", _titled(TITLE_TWO, with_kecamatan=False))
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    _expect(
        said,
        "file laporan_2024.xlsx",
        "sheet 'Tabel 3.4'",
        "baris 1",
        "kolom 'A'",
        TITLE_TWO,
        "lebih dari satu kecamatan (Wotu, Burau)",
    )
    assert said.count("kesalahan pada data masukan") == 1
    assert "1 kesalahan" in said, "one error for the sheet, not one per row"


def test_a_title_naming_two_kecamatan_leaves_the_kecamatan_column_in_charge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _xlsx(raw, "laporan_2024.xlsx", _titled(TITLE_TWO, with_kecamatan=True))
    _xlsx(raw, "wotu_laporan_2024.xlsx", _titled("KANTOR KECAMATAN WOTU", with_kecamatan=False))
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    kinerja = _read(out, "kinerja")
    by_file = kinerja.groupby(kinerja["sumber"].str.split(":").str[0])["kecamatan"].unique()
    assert list(by_file["laporan_2024.xlsx"]) == ["Burau"]
    assert list(by_file["wotu_laporan_2024.xlsx"]) == ["Wotu"]


# --- quarters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "quarter"),
    [
        (["target_tw5", "realisasi_tw5"], "TW 5"),
        (["TARGET TW V", "REALISASI TW V"], "TW V"),
        (["Target Triwulan 5", "Realisasi Triwulan 5"], "TW 5"),
    ],
    ids=["tw5", "TW-V", "Triwulan-5"],
)
def test_columns_for_a_fifth_quarter_are_errors_not_notes(
    extra: list[str], quarter: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    head = "tahun;kecamatan;kode;uraian;indikator;satuan;target_tw1;realisasi_tw1;"
    _csv(
        raw,
        "wotu_2024_kinerja.csv",
        head + ";".join(extra) + "\n" + PROGRAM + "Persentase Capaian Kinerja;%;100;95;100;90\n",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 2, said
    for label in extra:
        _expect(said, f"kolom '{label}': nilai '{label}'", f"triwulan di luar I..IV ({quarter})")
    _expect(said, "file wotu_2024_kinerja.csv", "baris 1")
    assert "diabaikan" not in said

    # --lenient: TARGET TW V never becomes the annual target
    code, said = _ingest(raw, out, capsys, "--lenient")
    assert code == 0, said
    kinerja = _read(out, "kinerja")
    assert kinerja["target_tahunan"].isna().all()
    assert kinerja.query("triwulan == 1")["realisasi_tw"].tolist() == [95.0]


# --- findings reach the kecamatan's report -------------------------------------------------


def test_findings_raised_while_reading_carry_kecamatan_and_tahun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Findings of reading and recognising (encoding, mixed units, repeated program) name
    no kecamatan themselves; they get the file's, and the kecamatan's report shows them."""
    raw, out = tmp_path / "raw", tmp_path / "processed"
    _csv(
        raw,
        "wotu_2024_kinerja.csv",
        "kode;uraian;indikator;target_tw1;realisasi_tw1\n"
        "7.01.02;Program Penyelenggaraan Pemerintahan dan Pelayanan Publik;"
        "Jumlah Dokumen;3 Dokumen;3 Laporan\n",
    )
    _csv(
        raw,
        "towuti_2024_kinerja.csv",
        "kode;uraian;indikator;target_tw1;realisasi_tw1\n"
        "7.01.02;Program Pemberdayaan Masyarakat Désa;Jumlah Laporan;12;12\n",
        encoding="cp1252",
    )
    code, said = _ingest(raw, out, capsys)
    assert code == 0, said
    pemeriksaan = _read(out, "pemeriksaan")
    mixed = pemeriksaan.query("jenis == 'satuan_campuran'")
    assert mixed[["kecamatan", "tahun"]].values.tolist() == [["Wotu", 2024]]
    latin = pemeriksaan.query("jenis == 'encoding_latin1'")
    assert latin[["kecamatan", "tahun"]].values.tolist() == [["Towuti", 2024]]

    data = loading.muat(out)
    wotu = gap_views.temuan(data, "Wotu", 2024, 1)
    assert "satuan_campuran" in set(wotu["jenis"])
    assert "encoding_latin1" not in set(wotu["jenis"])
    assert "encoding_latin1" in set(gap_views.temuan(data, "Towuti", 2024, 1)["jenis"])


def test_rejected_rows_reach_their_kecamatan_under_lenient(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = folders
    capsys.readouterr()
    _csv(
        raw,
        "wotu_2024_tw1.csv",
        _row(BAD_NUMBER + "Persentase Pelayanan Publik;%;100;1OO;95;")
        + "2024;Wotu;7.01.03;Program Pemberdayaan Masyarakat Desa dan Kelurahan;"
        "Jumlah Desa;Desa;7;7;7;\n",
    )
    code, said = _ingest(raw, out, capsys, "--lenient")
    assert code == 0, said
    rejected = _read(out, "pemeriksaan").query("jenis == 'baris_ditolak'")
    assert rejected[["kecamatan", "tahun", "sumber"]].values.tolist() == [
        ["Wotu", 2024, "wotu_2024_tw1.csv:wotu_2024_tw1:2"]
    ]


def test_a_finding_citing_a_whole_file_or_sheet_gets_its_kecamatan() -> None:
    """Reading findings may cite a file or a sheet only; one kecamatan-year there is enough,
    two are not (a regency-wide file stays without a kecamatan rather than a wrong one)."""
    from analysis.errors import Finding, Findings
    from analysis.ingest.rows.place import place_findings, places_of

    rows = pd.DataFrame(
        {
            "sumber": [
                "wotu_2024.csv:wotu_2024:2",
                "wotu_2024.csv:wotu_2024:3",
                "kab.xlsx:A:2",
                "kab.xlsx:B:2",
            ],
            "kecamatan": ["Wotu", "Wotu", "Wotu", "Burau"],
            "tahun": pd.array([2024, 2024, 2024, 2024], dtype="Int64"),
        }
    )
    findings = Findings()
    for sumber in ("wotu_2024.csv", "wotu_2024.csv:wotu_2024", "kab.xlsx:B", "kab.xlsx"):
        findings.add(Finding(pesan="x", jenis="encoding_latin1", sumber=sumber))
    sources = [f.sumber for f in findings.items]
    place_findings(findings, places_of([rows], sources))
    placed = [(f.kecamatan, f.tahun) for f in findings.items]
    assert placed == [("Wotu", 2024), ("Wotu", 2024), ("Burau", 2024), (None, None)]
