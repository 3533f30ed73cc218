"""The seeds' tables as printed - whole, with title lines, page-break repeats and notes
under the table - and how many of their printed figures read right (issue 19, item 4).

``tests/data/seed_tables/PRINTED.tsv`` names the cuts (seed file and lines, verbatim):
every table of the five seeds the reader is meant to read (the Rencana Aksi form of seed
000 whole, Towuti *Tabel III* whole down to rekening level, seed 003's monthly tables,
and the excerpt corpus's tables that are already whole). Each seed's tables are ingested
together, as in ``test_seed_tables``. ``FIGURES`` are the figures the seeds print;
``NOT_YET`` are those that do not read right, each with the reason - a strict xfail, so
a fix that makes one read must move it out of the list. ``test_share_read_right`` states
the measured share.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
import seed_corpus
from ingest_helpers import run
from test_seed_tables import FIGURES as EXCERPT_FIGURES

TABLE = {"k": "kinerja_wide", "a": "anggaran_wide", "i": "iku_raw", "b": "bulanan"}
IZIN = r"perizinan non usaha$"

GAJI = r"^Belanja Gaji Pokok ASN$"
KENDARAAN = r"^Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perseorangan"
TABEL3: list[tuple[str, str, str, dict, str, float | None]] = [
    ("002", "a", r"^Belanja$", {}, "pagu", 4_094_740_600),  # l.2780-2784, printed total
    ("002", "a", r"^Belanja$", {}, "realisasi_anggaran_sd_tw4", 3_623_393_162),
    ("002", "a", r"^Belanja$", {}, "serapan_sd_tw4", 88.49),
    ("002", "a", r"^Program Penunjang", {}, "pagu", 3_835_399_910),  # l.2789
    ("002", "a", r"^Penyediaan Gaji", {}, "realisasi_anggaran_sd_tw4", 2_221_723_398),  # l.3037
    ("002", "a", GAJI, {}, "pagu", 1_088_999_308),  # l.3045, a rekening line
    ("002", "a", GAJI, {}, "realisasi_anggaran_sd_tw4", 1_026_534_239),
    ("002", "a", GAJI, {}, "serapan_sd_tw4", 94.26),
    ("002", "a", KENDARAAN, {}, "pagu", 163_250_000),  # l.3725, named without code
    ("002", "a", r"^Belanja Pembayaran Pajak, Bea", {}, "realisasi_anggaran_sd_tw4", 4_149_100),
]
"""Towuti Tabel III (seed 002 l.2741-4466): the total, a program, a sub kegiatan, rekening
lines (objects of expenditure, printed without code) and their pagu/realisasi/%."""


PARTISIPASI = r"^Peningkatan Partisipasi Masyarakat dalam Musyawarah Pembangunan di Desa$"
PERDESAAN = r"Koordinasi Pelaksanaan Pembangunan Perdesaan Kecamatan$"
SHIFTED: list[tuple[str, str, str, dict, str, float | None]] = [
    ("000", "k", PARTISIPASI, {}, "target_tahunan", 5),  # l.34, 18 cells wide
    ("000", "k", PARTISIPASI, {}, "realisasi_tw1", 5),
    ("000", "k", r"^Peningkatan Kegiatan Masyarakat Kecamatan$", {}, "target_tahunan", 12),  # l.38
    ("000", "k", r"^Peningkatan Kegiatan Masyarakat Kecamatan$", {}, "realisasi_tw4", 3),
    ("000", "k", PERDESAAN, {}, "target_tahunan", 7),  # l.69: '6 Koordinasi ...', '8 7 Desa'
    ("000", "k", PERDESAAN, {}, "realisasi_tw1", 7),
    # its quarter rows (l.70-72, 'TW2 : 100 | 100 | 100') moved with it: the program's
    ("000", "k", PERDESAAN, {}, "target_tw2", None),
    ("000", "k", PARTISIPASI, {}, "target_tw2", 0),  # l.35 'TW 2 : 0': the sub kegiatan's
    # l.22: the kegiatan's TARGET | REALISASI | CAPAIAN cells print '9 | 10 | 11', the
    # form's column numbers, not figures: the row is refused, never read as 9, 10, 11
    (
        "000",
        "k",
        r"^Kegiatan Urusan Pemerintahan yang Dilimpahkan kepada Camat$",
        {},
        "__rows__",
        0,
    ),
]
"""Seed 000's form rows printed 18 cells wide (the sub kegiatan 3 cells to the right, then
printed again) and rows with the column numbers fused into cells (``8 7 Desa``)."""

FUSED: list[tuple[str, str, str, dict, str, float | None]] = [
    ("000", "k", r"^Fasilitasi Rekomendasi dan Koordinasi", {}, "target_tahunan", 100),  # l.61
    ("000", "k", r"^Fasilitasi Rekomendasi dan Koordinasi", {}, "realisasi_tw1", 100),
    ("000", "k", r"^Fasilitasi Penyusunan Peraturan Desa", {}, "target_tahunan", 14),  # l.65
    ("000", "k", r"^Fasilitasi Penyusunan Peraturan Desa", {}, "realisasi_tw1", 7),
    ("000", "k", r"^Fasilitasi Penyusunan Peraturan Desa", {}, "realisasi_tw4", 7),  # l.68
    # l.50: '6 Kegiatan Penyelenggaraan ...': the name without its column number
    ("000", "k", r"^Kegiatan Penyelenggaraan Urusan Pemerintahan Umum sesuai", {}, "__rows__", 1),
]
"""Seed 000's form rows inside the table with the column numbers fused into their cells
(``3 TW1 : 100 | 4 100 | 5 100 | 6 Fasilitasi ... | 8 14 Dok | 9 7 | 10 7 | 11 100``)."""


def _key(f) -> tuple[str, str, str]:
    return (f[0], f[2], f"{f[4]} {sorted(f[3].items())}")


# the whole tables must give what their excerpts give (seed 000: the form l.16-132)
FIGURES: list[tuple[str, str, str, dict, str, float | None]] = [
    f for f in EXCERPT_FIGURES if f[2:] != (r"^JUMLAH ANGGARAN$", {}, "pagu", 6_403_000)
] + [
    # seed 003, Kepala Seksi Pelayanan Umum, monthly reports of TW I 2025
    ("003", "b", IZIN, {"bulan": 1}, "target", 3),  # l.299: 3 | 1 dokumen | Jan 33%
    ("003", "b", IZIN, {"bulan": 1}, "realisasi", 1),
    ("003", "b", IZIN, {"bulan": 1}, "capaian_dilaporkan", 33),
    ("003", "b", IZIN, {"bulan": 2}, "target", 3),  # l.498: 3 | 2 dokumen | Feb 66%
    ("003", "b", IZIN, {"bulan": 2}, "realisasi", 2),
    ("003", "b", IZIN, {"bulan": 2}, "capaian_dilaporkan", 66),
    ("003", "b", IZIN, {"bulan": 3}, "target", 3),  # l.704: 1 dokumen di bulan maret, ...
    ("003", "b", IZIN, {"bulan": 3}, "realisasi", 3),  # ... 3 dokumen untuk TW I | 100%
    ("003", "b", IZIN, {"bulan": 3}, "capaian_dilaporkan", 100),
    ("003", "b", IZIN, {"bulan": 1}, "anggaran", 423_300),  # l.319: 423.300 | 0 | 0 %
    ("003", "b", IZIN, {"bulan": 1}, "realisasi_anggaran", 0),
    ("003", "b", IZIN, {"bulan": 2}, "anggaran", 423_300),  # l.522
    ("003", "b", IZIN, {"bulan": 2}, "realisasi_anggaran", 0),
    ("003", "b", IZIN, {"bulan": 3}, "anggaran", 423_300),  # l.726: 423.300 | 423.300
    ("003", "b", IZIN, {"bulan": 3}, "realisasi_anggaran", 423_300),
    # seed 002, Towuti Tabel III (l.2741-4466), budget down to rekening level
    *TABEL3,
    # seed 000, the form's rows the converter shifted or fused with column numbers
    *SHIFTED,
    *FUSED,
]

_TABEL3 = (
    "Tabel III as cut heads its realisasi 'S.D 31 DESEMBER 2023' under a 2024 file name and a "
    "caption without year: no year named twice, refused with one error naming both "
    "(test_seed_tables.REFUSED), never guessed; with the report's paragraph above it "
    "('... di Tahun 2024 ...') title and file name outvote the column and 8 of these 10 read "
    "(test_heldout_rules.test_tabel_iii_in_its_report_reads_under_the_year_two_sources_name)"
)
NOT_YET: dict[tuple[str, str, str], str] = {
    **{_key(f): _TABEL3 for f in TABEL3},
}
"""(seed, pattern, column and keys) of figures that do not read right yet, and why: of
the 130 printed figures first measured, 120 read right (92 %; the issue's target is
90 %; the form's rows printed 18 cells wide or with fused column numbers are put back,
``ingest/tables/form_rows.py``); the other 10 are Tabel III's, refused as printed for its
header year. With the 8 figures added since (the quarter rows that move with a realigned
row, the fused rows inside the table) 128 of 138."""


@cache
def ingested(seed: str, tmp: str):
    raw = Path(tmp) / f"printed{seed}" / "raw"
    for t in seed_corpus.manifest("PRINTED.tsv"):
        if t.seed[:3] == seed:
            seed_corpus.write(t, raw)
    return run(raw)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("printed"))


def check(result, table, pattern, keys, column, printed) -> str | None:
    frame = getattr(result, TABLE[table])
    name = frame["indikator"] if table == "i" else frame["uraian"]
    hit = name.fillna("").str.contains(pattern, flags=re.I, regex=True)
    for k, v in keys.items():
        hit &= pd.to_numeric(frame[k], errors="coerce").eq(v)
    rows = frame[hit]
    if column == "__rows__":  # a refused table: no row may come out of it
        return None if len(rows) == printed else f"{len(rows)} baris"
    if len(rows) != 1:
        return f"{len(rows)} baris"
    value = pd.to_numeric(rows[column], errors="coerce").iloc[0]
    if printed is None:
        return None if pd.isna(value) else f"{value}"
    if pd.isna(value) or not math.isclose(value, printed, rel_tol=1e-9, abs_tol=1e-6):
        return f"{value}"
    return None


def test_cuts_are_the_seed_lines_verbatim() -> None:
    seeds = Path("/work/shared/seeds")
    if not seeds.is_dir():
        pytest.skip("seed files not on this machine")
    for t in seed_corpus.manifest("PRINTED.tsv"):
        lines = (seeds / t.seed).read_text(encoding="utf-8").split("\n")
        a, b = (int(x) for x in t.lines.split("-"))
        assert t.text == "\n".join(lines[a - 1 : b]) + "\n", t.name


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f[0]}-{f[2][:20]}-{f[4]}-{f[3]}")
def test_printed_figure_reads_right(figure, tmp_root: str, request) -> None:
    reason = NOT_YET.get(_key(figure))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    seed, table, pattern, keys, column, printed = figure
    assert check(ingested(seed, tmp_root), table, pattern, keys, column, printed) is None


def test_share_read_right(tmp_root: str) -> None:
    right = sum(check(ingested(f[0], tmp_root), *f[1:]) is None for f in FIGURES)
    assert right == len(FIGURES) - len(NOT_YET)


@pytest.mark.xfail(
    strict=True,
    reason="its uncoded sub kegiatan 'Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak "
    "Kendaraan Perseorangan ...' has no level: the national name (7.01.01.2.09.01) that gave it "
    "one also split it from 7.01.01.2.09.02, which Towuti's and Wotu's other tables use for the "
    "same budget line (issue 21 joins them by name), so that nomenclature row was left out",
)
def test_tabel3_reads_to_rekening_level_once_its_header_year_is_corrected(tmp_path) -> None:
    """As printed, Tabel III is refused with one error naming both years; with the header
    cell corrected as that error asks (2023 -> 2024, nothing else changed) every row reads:
    the total, 6 programs, 15 kegiatan, 33 sub kegiatan (the 54 numbered rows) and 156
    rekening lines."""
    (table,) = [t for t in seed_corpus.manifest("PRINTED.tsv") if t.name == "towuti_tabel3_printed"]
    as_printed = run_one(table, tmp_path / "printed")
    assert len(as_printed.errors) == 1 and "tahun 2023" in str(as_printed.errors)
    assert as_printed.anggaran_wide.empty
    text = table.text.replace("S.D 31 DESEMBER 2023", "S.D 31 DESEMBER 2024", 1)
    result = run_one(table, tmp_path / "corrected", text)
    assert not result.errors, result.errors
    a = result.anggaran_wide
    assert a["tingkat"].value_counts().to_dict() == {
        "rekening": 156,
        "sub_kegiatan": 33,
        "kegiatan": 15,
        "program": 6,
        "total": 1,
    }
    for f in TABEL3:
        assert check(result, *f[1:]) is None, f


def run_one(table: seed_corpus.SeedTable, root: Path, text: str | None = None):
    if text is not None:
        table = _Text(table.name, table.seed, table.lines, table.form, table.file, text)
    seed_corpus.write(table, root / "raw")
    return run(root / "raw")


class _Text(seed_corpus.SeedTable):
    def __init__(self, name, seed, lines, form, file, text) -> None:
        super().__init__(name, seed, lines, form, file)
        object.__setattr__(self, "_text", text)

    @property
    def text(self) -> str:
        return self._text
