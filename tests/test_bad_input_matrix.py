"""Bad-input matrix: what a planner sees when a spreadsheet is wrong.

Every case starts from a folder that ingests cleanly (so ``data/processed`` holds the
previous good outputs), adds one bad file, and runs ``python -m analysis ingest`` as a
scheduler would. Each case asserts: a clear message naming what a person needs to find
the cell (file, sheet, row, column, value, reason), no traceback, the documented exit
code, the raw files byte-identical afterwards, and ``data/processed`` untouched when the
input was rejected. Readable-but-implausible figures are findings, not errors: those
cases assert exit 0 and the finding in ``pemeriksaan``.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.cli import main

GOOD = (
    "tahun;kecamatan;kode;uraian;indikator;satuan;target_tahunan;"
    "target_tw1;realisasi_tw1;keterangan\n"
    "2024;Wotu;7.01.01;Program Penunjang;Persentase kinerja;%;100;100;95;\n"
    "2024;Wotu;7.01.01.2.01;Kegiatan Perencanaan;Persentase dokumen;%;100;100;100;\n"
    "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen;Jumlah dokumen;Dokumen;2;1;1;\n"
)
HEAD = GOOD.splitlines()[0] + "\n"
ANGGARAN_HEAD = "tahun;kecamatan;kode;uraian;pagu;anggaran_tw1;realisasi_anggaran_tw1\n"


def _xlsx(path: Path, rows: list[list[object]], *, title: str = "Data") -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)


def _corrupt_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really excel")


@dataclass
class Case:
    """One bad input: the file(s) to add and what the planner must be told."""

    name: str
    files: dict[str, object]  # file name -> text (str), bytes, or a writer(path)
    expect: tuple[str, ...]  # fragments the message must contain
    exit_code: int = 2
    finding: str | None = None  # for exit 0: the pemeriksaan ``jenis`` expected
    encoding: str = "utf-8"
    extra: dict[str, str] = field(default_factory=dict)


def _row(cells: str) -> str:
    return HEAD + cells + "\n"


CASES = [
    Case(
        "corrupt-xlsx",
        {"wotu_2024_rusak.xlsx": b"PK\x03\x04 this is not a workbook"},
        ("wotu_2024_rusak.xlsx",),
    ),
    Case(
        "xlsx-zip-without-workbook", {"wotu_2024_zip.xlsx": _corrupt_zip}, ("wotu_2024_zip.xlsx",)
    ),
    Case("empty-file", {"wotu_2024_kosong.csv": b""}, ("wotu_2024_kosong.csv", "kosong")),
    Case(
        "binary-garbage-csv",
        {"wotu_2024_biner.csv": b"\x00\x01\x02\xff\xfe" * 50},
        ("wotu_2024_biner.csv",),
    ),
    Case(
        "no-recognisable-header",
        {"wotu_2024_x.csv": "nama;alamat;telepon\nBudi;Jl. Mawar;0812\n"},
        ("wotu_2024_x.csv", "nama", "alamat"),
    ),
    Case(
        "missing-required-column",
        {
            "wotu_2024_x.csv": "tahun;kecamatan;kode;target_tw1;realisasi_tw1\n"
            "2024;Wotu;7.01.02;3;3\n"
        },
        ("wotu_2024_x.csv",),
    ),
    Case(
        "unparsable-number",
        {"wotu_2024_x.csv": _row("2024;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;tiga;3;")},
        ("wotu_2024_x.csv", "baris 2", "'target_tw1'", "'tiga'", "bukan angka"),
    ),
    Case(
        "ambiguous-dots",
        {"wotu_2024_x.csv": _row("2024;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;1.2.3;3;")},
        ("baris 2", "'target_tw1'", "'1.2.3'"),
    ),
    Case(
        "several-numbers-in-a-cell",
        {"wotu_2024_x.csv": _row("2024;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;3;1 2 3;")},
        ("baris 2", "'realisasi_tw1'", "'1 2 3'", "lebih dari satu angka"),
    ),
    Case(
        "quarter-label-out-of-range",
        {
            "wotu_2024_x.csv": _row(
                "2024;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;TW 5 : 3;3;"
            )
        },
        ("baris 2", "'target_tw1'", "'TW 5 : 3'", "TW 1..4"),
    ),
    Case(
        "year-out-of-range",
        {"wotu_2024_x.csv": _row("1899;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;3;3;")},
        ("baris 2", "'tahun'", "'1899'", "2000..2100"),
    ),
    Case(
        "year-not-a-number",
        {"wotu_2024_x.csv": _row("dua ribu;Wotu;7.01.02;Program B;Jumlah laporan;Laporan;12;3;3;")},
        ("baris 2", "'tahun'", "'dua ribu'"),
    ),
    Case(
        "unknown-kecamatan",
        {
            "wotu_2024_x.csv": _row(
                "2024;Kec. Atlantis;7.01.02;Program B;Jumlah laporan;Laporan;12;3;3;"
            )
        },
        ("baris 2", "'kecamatan'", "'Kec. Atlantis'", "Wotu", "Tomoni Timur", "Angkona"),
    ),
    Case(
        "duplicated-rows-across-files",
        {"wotu_2024_salinan.csv": GOOD},
        ("wotu_2024_salinan.csv", "wotu_2024_kinerja.csv", "baris 2"),
    ),
    Case(
        "budget-twice-with-different-values",
        {
            "wotu_2024_anggaran_a.csv": ANGGARAN_HEAD + "2024;Wotu;7.01.01;P;100;50;40\n",
            "wotu_2024_anggaran_b.csv": ANGGARAN_HEAD + "2024;Wotu;7.01.01;P;200;50;40\n",
        },
        ("wotu_2024_anggaran_b.csv", "wotu_2024_anggaran_a.csv", "'pagu'"),
    ),
    Case(
        "code-that-does-not-parse",
        {"wotu_2024_x.csv": _row("2024;Wotu;7.01.AB;Program B;Jumlah laporan;Laporan;12;3;3;")},
        ("baris 2", "'kode'", "'7.01.AB'"),
    ),
    Case(
        "100000-character-cell",
        {
            "wotu_2024_x.csv": _row(
                "2024;Wotu;7.01.02;" + "A" * 100_000 + ";Jumlah laporan;Laporan;12;3;3;"
            )
        },
        ("baris 2", "'uraian'", "terlalu panjang"),
    ),
    Case(
        "formula-string",
        {
            "wotu_2024_x.csv": _row(
                '2024;Wotu;7.01.02;=HYPERLINK("http://contoh.invalid","klik");Jumlah;Laporan;12;3;3;'
            )
        },
        ("baris 2", "'uraian'", "=HYPERLINK", "rumus"),
    ),
    Case(
        "formula-in-xlsx-without-value",
        {
            "wotu_2024_x.xlsx": lambda p: _xlsx(
                p,
                [
                    ["tahun", "kecamatan", "uraian", "indikator", "target_tw1", "realisasi_tw1"],
                    [
                        2024,
                        "Wotu",
                        "Program B",
                        "Jumlah laporan",
                        3,
                        '=WEBSERVICE("http://x.invalid")',
                    ],
                ],
            )
        },
        ("wotu_2024_x.xlsx", "'Data'", "baris 2", "WEBSERVICE"),
    ),
    Case(
        "unknown-polaritas",
        {
            "wotu_2024_x.csv": "tahun;kecamatan;kode;uraian;indikator;polaritas;"
            "target_tw1;realisasi_tw1\n"
            "2024;Wotu;7.01.02;Program B;Jumlah laporan;kadang-kadang;3;3\n"
        },
        ("baris 2", "'polaritas'", "kadang"),
    ),
    Case(
        "unknown-agregasi",
        {
            "wotu_2024_x.csv": "tahun;kecamatan;kode;uraian;indikator;agregasi;"
            "target_tw1;realisasi_tw1\n"
            "2024;Wotu;7.01.02;Program B;Jumlah laporan;kali;3;3\n"
        },
        ("baris 2", "'agregasi'", "'kali'"),
    ),
    Case(
        "iku-quarter-out-of-range",
        {
            "wotu_2024_iku.csv": "tahun;triwulan;kecamatan;indikator;satuan;polaritas;"
            "target;realisasi\n"
            "2024;7;Wotu;Indeks Kepuasan Masyarakat;Nilai;positif;82;78,6\n"
        },
        ("wotu_2024_iku.csv", "baris 2", "'triwulan'", "'7'"),
    ),
    Case(
        "ragged-csv-row",
        {
            "wotu_2024_x.csv": HEAD
            + "2024;Wotu;7.01.02;Program B;Jumlah;Laporan;12;3;3;;;;extra;cells\n"
        },
        ("wotu_2024_x.csv", "baris 2"),
    ),
    # --- readable but implausible: findings, exit 0 ------------------------------------
    Case(
        "latin1-csv",
        {
            "wotu_2024_latin1.csv": _row(
                "2024;Wotu;7.01.02;Program Pemberdayaan Masyarakat Désa;Jumlah;Laporan;12;3;3;"
            )
        },
        ("wotu_2024_latin1.csv", "Latin-1"),
        exit_code=0,
        encoding="latin-1",
    ),
    Case(
        "negative-budget",
        {
            "wotu_2024_anggaran.csv": ANGGARAN_HEAD
            + "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen;-5000000;100;50\n"
        },
        (),
        exit_code=0,
        finding="nilai_negatif",
    ),
    Case(
        "spending-above-pagu",
        {
            "wotu_2024_anggaran.csv": ANGGARAN_HEAD
            + "2024;Wotu;7.01.01.2.01.01;Penyusunan Dokumen;1.000.000;900.000;"
            "1.500.000\n"
        },
        (),
        exit_code=0,
        finding="realisasi_melebihi_pagu",
    ),
    Case(
        "mixed-units-in-a-row",
        {
            "wotu_2024_x.csv": "tahun;kecamatan;kode;uraian;indikator;target_tw1;realisasi_tw1\n"
            "2024;Wotu;7.01.02;Program B;Jumlah;3 Dokumen;3 Laporan\n"
        },
        (),
        exit_code=0,
        finding="satuan_campuran",
    ),
    Case(
        "markup-in-notes",
        {
            "wotu_2024_x.csv": _row(
                "2024;Wotu;7.01.02;Program B;Jumlah;Laporan;12;3;3;<script>alert(1)</script>"
            )
        },
        (),
        exit_code=0,
    ),
]


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _write(path: Path, content: object, encoding: str) -> None:
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(str(content).encode(encoding))


@pytest.fixture
def good_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    raw.mkdir()
    (raw / "wotu_2024_kinerja.csv").write_text(GOOD, encoding="utf-8")
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    capsys.readouterr()
    return raw, out


def test_matrix_has_at_least_25_cases() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(
    case: Case, good_run: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    raw, out = good_run
    for name, content in case.files.items():
        _write(raw / name, content, case.encoding)
    raw_before = _snapshot(raw)
    out_before = _snapshot(out)

    code = main(["ingest", "--raw", str(raw), "--out", str(out)])
    captured = capsys.readouterr()
    said = captured.out + captured.err

    assert "Traceback" not in said
    assert code == case.exit_code, said
    for fragment in case.expect:
        assert fragment in said, f"{fragment!r} not in message:\n{said[:3000]}"
    assert _snapshot(raw) == raw_before, "raw files must stay byte-identical"
    if case.exit_code != 0:
        assert _snapshot(out) == out_before, "data/processed must stay as it was"
        assert "tidak diubah" in said
    else:
        assert _snapshot(out) != out_before
        pemeriksaan = pd.read_parquet(out / "pemeriksaan.parquet")
        if case.finding:
            assert case.finding in set(pemeriksaan["jenis"]), pemeriksaan["jenis"].tolist()


def test_markup_in_notes_survives_as_text(
    good_run: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Markup is data: kept verbatim in Parquet (the reports escape it when rendering)."""
    raw, out = good_run
    note = '<img src=x onerror="alert(1)">'
    (raw / "wotu_2024_x.csv").write_text(
        _row(f"2024;Wotu;7.01.02;Program B;Jumlah;Laporan;12;3;3;{note}"), encoding="utf-8"
    )
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert note in set(kinerja["keterangan"].dropna())
