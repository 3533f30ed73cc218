"""The seed tables as the offices' documents print them, and the figures the seeds print.

``tests/data/seed_tables`` holds 21 tables cut verbatim from the five seed reports
(``MANIFEST.tsv``: seed file and line ranges; ``tests/seed_corpus.py`` writes each as the
``.xlsx``, ``.csv`` or ``.docx`` its manifest line names, cell text unchanged). The
tables of one seed are ingested together, as the office sends them. ``FIGURES`` lists
what the seeds print (seed line in the comment) and where it must land; ``REFUSED``
lists the cells a person would agree are wrong, which must be errors (the rows they
stand in are then not written - never written wrong).
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

TABLE = {"k": "kinerja_wide", "a": "anggaran_wide", "i": "iku_raw"}

# (seed, table, uraian/indikator pattern, {other keys}, column, printed figure)
FIGURES: list[tuple[str, str, str, dict, str, float | None]] = [
    # seed 000, Evaluasi Rencana Aksi TW IV 2024 (form, quarters per line / per cell)
    ("000", "k", r"^Pelaksanaan Urusan .*Perizinan Non Usaha", {}, "target_tahunan", 6),  # l.26
    ("000", "k", r"^Pelaksanaan Urusan .*Perizinan Non Usaha", {}, "target_tw1", 1),
    ("000", "k", r"^Pelaksanaan Urusan .*Perizinan Non Usaha", {}, "realisasi_tw1", 1),
    ("000", "k", r"^Pelaksanaan Urusan .*Perizinan Non Usaha", {}, "capaian_tw1", 100),
    ("000", "k", r"^Program Pemberdayaan Masyarakat", {}, "target_tw4", 100),  # l.29
    ("000", "k", r"^Program Pemberdayaan Masyarakat", {}, "realisasi_tw4", 100),
    ("000", "k", r"^Kegiatan Koordinasi Kegiatan Pemberdayaan", {}, "target_tw1", 100),  # l.30
    ("000", "k", r"RKA-SKPD$", {}, "target_tahunan", 2),  # l.97: TW 1 : 0 TW 2 : 0 TW 3 : 1 ...
    ("000", "k", r"RKA-SKPD$", {}, "target_tw1", 0),
    ("000", "k", r"RKA-SKPD$", {}, "target_tw3", 1),
    ("000", "k", r"RKA-SKPD$", {}, "realisasi_tw3", 1),
    ("000", "k", r"RKA-SKPD$", {}, "capaian_tw3", 100),
    ("000", "k", r"RKA-SKPD$", {}, "capaian_tw1", None),  # printed "-"
    ("000", "k", r"DPA-SKPD$", {}, "target_tw1", 1),  # l.98
    ("000", "k", r"DPA-SKPD$", {}, "realisasi_tw4", 1),
    ("000", "k", r"^Sub Kegiatan Evaluasi Kinerja", {}, "target_tw1", 4),  # l.99
    ("000", "k", r"^Sub Kegiatan Evaluasi Kinerja", {}, "realisasi_tw2", 2),
    ("000", "k", r"^Kegiatan Administrasi Keuangan", {}, "realisasi_tw4", 96),  # l.100
    ("000", "k", r"^Kegiatan Administrasi Keuangan", {}, "capaian_tw4", 96),
    ("000", "k", r"^Penyediaan Gaji", {}, "target_tahunan", 13),  # l.101
    ("000", "k", r"^Penyediaan Gaji", {}, "realisasi_tw4", 12),
    ("000", "k", r"^Penyediaan Gaji", {}, "capaian_tw4", 92),
    ("000", "k", r"^Penatausahaan Barang", {}, "realisasi_tw3", 1),  # l.107
    ("000", "k", r"^Pelaporan Retribusi", {}, "target_tw1", 3),  # l.109: TW 2 : (empty)
    ("000", "k", r"^Pelaporan Retribusi", {}, "target_tw2", None),
    ("000", "k", r"^Pelaporan Retribusi", {}, "realisasi_tw1", 0),
    # seed 001, Renja 2024: T-C.29 by year (l.242-332), Tabel 2.3 IKU (l.548-556), Tabel 4.1
    ("001", "k", r"^PROGRAM PENUNJANG", {"tahun": 2022}, "target_tahunan", 100),  # l.253
    ("001", "k", r"^PROGRAM PENUNJANG", {"tahun": 2022}, "realisasi_sd_tw4", 99.47),
    ("001", "k", r"^PROGRAM PENUNJANG", {"tahun": 2022}, "capaian_sd_tw4", 99.47),
    ("001", "k", r"^PROGRAM PENUNJANG", {"tahun": 2023}, "target_tahunan", 100),
    ("001", "k", r"^Penyusunan Dokumen Perencanaan", {"tahun": 2022}, "realisasi_sd_tw4", 2),
    ("001", "k", r"^Fasilitasi kunjungan tamu", {"tahun": 2022}, "target_tahunan", 2379),  # l.282
    ("001", "k", r"^Fasilitasi kunjungan tamu", {"tahun": 2022}, "realisasi_sd_tw4", 2379),
    ("001", "k", r"^Fasilitasi kunjungan tamu", {"tahun": 2023}, "target_tahunan", 3015),
    ("001", "k", r"^Penyediaan Jasa Pemeliharaan", {"tahun": 2022}, "realisasi_sd_tw4", 6),
    ("001", "k", r"^Penyediaan Jasa Pemeliharaan", {"tahun": 2022}, "capaian_sd_tw4", 85.71),
    ("001", "k", r"^Peningkatan partisipasi", {"tahun": 2022}, "realisasi_sd_tw4", 137),  # l.307
    ("001", "k", r"^Peningkatan partisipasi", {"tahun": 2022}, "capaian_sd_tw4", 97.86),
    ("001", "i", r"^Indeks Kepuasan", {"tahun": 2022}, "target", 85),  # l.554
    ("001", "i", r"^Indeks Kepuasan", {"tahun": 2023}, "target", 90),
    ("001", "i", r"^Indeks Kepuasan", {"tahun": 2024}, "target", 95),
    ("001", "i", r"^Indeks Kepuasan", {"tahun": 2025}, "target", 100),
    ("001", "i", r"^Indeks Kepuasan", {"tahun": 2022}, "realisasi", 89.90),
    ("001", "i", r"^Persentase Capaian Kinerja Program", {"tahun": 2022}, "target", 97),
    ("001", "i", r"^Persentase Capaian Kinerja Program", {"tahun": 2022}, "realisasi", 98),
    ("001", "a", r"^PROGRAM PENUNJANG", {"tahun": 2024}, "pagu", 2_590_643_300),  # l.953
    ("001", "a", r"^Perencanaan, Penganggaran", {"tahun": 2024}, "pagu", 33_146_700),
    ("001", "a", r"^Penyediaan Gaji", {"tahun": 2024}, "pagu", 1_851_842_950),
    ("001", "a", r"^Fasilitasi Kunjungan Tamu", {"tahun": 2024}, "pagu", 114_400_000),
    ("001", "a", r"^PROGRAM PEMBINAAN", {"tahun": 2024}, "pagu", 22_328_000),
    ("001", "k", r"^Penyediaan Gaji", {"tahun": 2024}, "target_tahunan", 17),  # "17 Org/ Bln"
    # seed 002, Towuti TW IV 2024: kegiatan table with TW I..IV under each group (l.1078)
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "target_tw1", 100),
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "target_tw4", 100),
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "realisasi_tw1", 3),
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "realisasi_tw4", 3),
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "capaian_tw3", 100),
    ("002", "k", r"^Pelaksanaan Urusan Pemerintahan yang dilimpahkan", {}, "capaian_tw4", 100),
    # seed 002 l.2019-2038: sub kegiatan table headed TARGET TW I | REALISASI | % CAPAIAN
    ("002", "k", r"^Koordinasi dan Penyusunan DPA-SKPD$", {}, "target_tw1", 1),
    ("002", "k", r"^Koordinasi dan Penyusunan DPA-SKPD$", {}, "realisasi_tw1", 1),
    ("002", "k", r"^Koordinasi dan Penyusunan DPA-SKPD$", {}, "capaian_tw1", 100),
    # seed 003, Kalaena Seksi Pelayanan Umum TW I 2025
    ("003", "k", r"Perizinan Non Usaha$", {}, "target_tw1", 3),  # Tabel 2.3, l.70
    ("003", "k", r"Perizinan Non Usaha$", {}, "target_tw4", 3),
    ("003", "k", r"Perizinan Non Usaha$", {}, "target_tahunan", 12),  # BAB III, l.80
    ("003", "k", r"Perizinan Non Usaha$", {}, "realisasi_tw1", 3),
    ("003", "k", r"Perizinan Non Usaha$", {}, "capaian_tw1", 100),
    ("003", "a", r"Perizinan Non Usaha$", {}, "anggaran_tw1", 423_300),  # Tabel 2.3
    ("003", "a", r"Perizinan Non Usaha$", {}, "anggaran_tw2", 4_726_450),
    ("003", "a", r"Perizinan Non Usaha$", {}, "anggaran_tw4", 829_950),
    ("003", "a", r"Perizinan Non Usaha$", {}, "pagu", 6_403_000),  # BAB IV, l.126
    ("003", "a", r"Perizinan Non Usaha$", {}, "realisasi_anggaran_tw1", 423_300),
    ("003", "k", r"^PROGRAM PENYELENGGARAAN", {}, "target_tw1", 100),
    ("003", "a", r"^JUMLAH ANGGARAN$", {}, "pagu", 6_403_000),  # l.57, printed total
    # Tabel 2.5 (l.630-635) is refused (two indicator columns over one row of figures):
    # its Renstra targets are not written under either indicator
    ("004", "i", r"^Nilai LAKIP Kecamatan", {"tahun": 2025}, "__rows__", 0),
    ("004", "i", r"Peningkatan Nilai IKM", {"tahun": 2022}, "__rows__", 0),
    # seed 004, Wotu LKj TW IV 2024
    ("004", "a", r"^Program Penyelenggaraan Pemerintahan", {}, "pagu", 7_557_500),  # 2.8 l.677
    ("004", "a", r"^Koordinasi Kegiatan Pemberdayaan Desa", {}, "pagu", 95_150_474),
    ("004", "a", r"^Peningkatan partisipasi", {}, "pagu", 15_023_834),
    ("004", "a", r"^Penyediaan Jasa Pelayanan Umum Kantor", {}, "pagu", 183_000_000),
    ("004", "a", r"^JUMLAH$", {}, "pagu", 3_308_672_275),  # printed total, l.736
    ("004", "k", r"^Fasilitasi penyusunan Peraturan Desa", {}, "target_tahunan", 34),  # l.696
    ("004", "a", r"^PROGRAM PENUNJANG", {}, "anggaran_sd_tw4", 3_135_828_551),  # 3.4 l.1025
    ("004", "a", r"^PROGRAM PENUNJANG", {}, "realisasi_anggaran_sd_tw4", 3_056_331_499),
    ("004", "a", r"^PROGRAM PENUNJANG", {}, "serapan_sd_tw4", 97.46),
    ("004", "k", r"^PROGRAM PENUNJANG", {}, "capaian_sd_tw4", 71.77),
    ("004", "a", r"RKA-SKPD$", {}, "realisasi_anggaran_sd_tw4", 4_319_100),
    ("004", "a", r"RKA-SKPD$", {}, "serapan_sd_tw4", 89.16),  # as printed (69,16 computed)
    ("004", "k", r"Tugas Forum Koordinasi", {}, "realisasi_sd_tw4", 12),
    # 18 Unit in Tabel 3.4 (l.1059, realisasi 18 beside it), 8 Unit in Tabel 2.8 (l.734):
    # a finding naming both; the row is written with the realisasi table's target
    ("004", "k", r"^-? ?Pemeliharaan Peralatan dan Mesin L", {}, "target_tahunan", 18),
    ("004", "k", r"^-? ?Pemeliharaan Peralatan dan Mesin L", {}, "realisasi_sd_tw4", 18),
    # TOTAL BELANJA (3.4, l.1085) and JUMLAH (2.8) are one printed total, merged
    ("004", "a", r"^(?:TOTAL BELANJA|JUMLAH)$", {}, "realisasi_anggaran_sd_tw4", 3_220_479_399),
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2021}, "target", 77),  # Tabel 3.2, l.775
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2021}, "realisasi", 89.27),
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2022}, "realisasi", 90.65),
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2023}, "target", 80),  # 3.1 and 3.2 agree
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2023}, "realisasi", 78.25),
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2024, "triwulan": 4}, "target", 82),
    ("004", "i", r"^Indeks Kepuasan", {"tahun": 2024, "triwulan": 4}, "realisasi", 78.60),
    ("004", "i", r"^Nilai Lakip$", {"tahun": 2021}, "realisasi", 60.53),  # Tabel 3.3, l.912
    ("004", "i", r"^Nilai Lakip$", {"tahun": 2023}, "realisasi", 64.20),
    ("004", "i", r"^Nilai Lakip$", {"tahun": 2024}, "target", 81),
    ("004", "i", r"^Nilai Lakip$", {"tahun": 2024}, "realisasi", None),  # "-": assessed in 2025
]

# cells a person would agree are wrong: (seed, file, words of the error); every error of
# a seed must be one of these, and each of these must be found
REFUSED = [
    ("002", "towuti_2024_tabel3.docx", "judul kolom menyebut tahun 2023"),  # l.2744 vs 2024
    ("004", "wotu_2024_tabel28.xlsx", "'Unit': bukan angka"),  # l.731: target "Unit"
    # Tabel 2.5 (l.630-635): two indicator columns (tujuan, sasaran) over one row of figures
    # (and the IKM and Program Penunjang figures on lines of their own): the table is refused
    ("004", "wotu_2024_tabel25.xlsx", "dua kolom berarti sama (indikator)"),
]


@cache
def ingested(seed: str, tmp: str):
    raw = Path(tmp) / f"seed{seed}" / "raw"
    seed_corpus.write_all(raw, seeds={seed})
    return run(raw)


REPORTS = {
    "000": "kalaena_2024_ra_tw4.docx",
    "001": "kalaena_2024_renja.docx",
    "003": "kalaena_2025_seksi_tw1.docx",
    "004": "wotu_2024_lkj_tw4.docx",
}
"""Seeds whose tables are also read as one Word report (every table, titles above)."""


@cache
def ingested_report(seed: str, tmp: str):
    raw = Path(tmp) / f"report{seed}" / "raw"
    seed_corpus.write_report(seed, raw, REPORTS[seed])
    return run(raw)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("seeds"))


def lookup(result, table: str, pattern: str, keys: dict) -> pd.DataFrame:
    frame = getattr(result, TABLE[table])
    name = frame["indikator"] if table == "i" else frame["uraian"]
    hit = name.fillna("").str.contains(pattern, flags=re.I, regex=True)
    for k, v in keys.items():
        hit &= pd.to_numeric(frame[k], errors="coerce").eq(v)
    return frame[hit]


def check(result, table, pattern, keys, column, printed) -> str | None:
    """None when the printed figure came out right, else what came out."""
    rows = lookup(result, table, pattern, keys)
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


def test_manifest_names_at_least_15_tables_of_all_five_seeds() -> None:
    tables = seed_corpus.manifest()
    assert len(tables) >= 15
    assert {t.seed[:3] for t in tables} == {"000", "001", "002", "003", "004"}
    assert {Path(t.file).suffix for t in tables} == {".xlsx", ".csv", ".docx"}
    assert len(FIGURES) >= 60
    assert {f[0] for f in FIGURES} == {"000", "001", "002", "003", "004"}


def test_cut_keeps_the_seed_lines_verbatim() -> None:
    """Every cut file is its seed line ranges, unchanged (when the seeds are at hand)."""
    seeds = Path("/work/shared/seeds")
    if not seeds.is_dir():
        pytest.skip("seed files not on this machine")
    for t in seed_corpus.manifest():
        lines = (seeds / t.seed).read_text(encoding="utf-8").split("\n")
        want = []
        for part in t.lines.split(","):
            a, b = (int(x) for x in part.split("-"))
            want.extend(lines[a - 1 : b])
        assert t.text == "\n".join(want) + "\n", t.name


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f[0]}-{f[2][:25]}-{f[4]}")
def test_printed_figure_comes_out(figure, tmp_root: str) -> None:
    seed, table, pattern, keys, column, printed = figure
    assert check(ingested(seed, tmp_root), table, pattern, keys, column, printed) is None


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_only_real_errors(seed: str, tmp_root: str) -> None:
    result = ingested(seed, tmp_root)
    expected = [r for r in REFUSED if r[0] == seed]
    found = [str(e) for e in result.errors.errors]
    for _, file, words in expected:
        assert any(file in e and words in e for e in found), (words, found)
    unexplained = [e for e in found if not any(f in e and w in e for _, f, w in expected)]
    assert unexplained == []


@pytest.mark.parametrize(
    "figure", [f for f in FIGURES if f[0] in REPORTS], ids=lambda f: f"{f[0]}-{f[2][:25]}-{f[4]}"
)
def test_printed_figure_comes_out_of_the_word_report(figure, tmp_root: str) -> None:
    seed, table, pattern, keys, column, printed = figure
    assert check(ingested_report(seed, tmp_root), table, pattern, keys, column, printed) is None


@pytest.mark.parametrize("seed", sorted(REPORTS))
def test_word_report_has_only_real_errors(seed: str, tmp_root: str) -> None:
    found = [str(e) for e in ingested_report(seed, tmp_root).errors.errors]
    expected = [(w) for s, _, w in REFUSED if s == seed]
    assert [e for e in found if not any(w in e for w in expected)] == []


def test_a_target_two_tables_print_differently_is_a_finding_naming_both(tmp_root: str) -> None:
    """Wotu 18 Unit (Tabel 3.4) vs 8 Unit (Tabel 2.8): not an error hiding the row."""
    result = ingested("004", tmp_root)
    found = [f for f in result.findings.items if f.jenis == "tabel_berbeda"]
    assert len(found) == 1, [f.pesan for f in found]
    text = found[0].pesan
    assert (
        "18 Unit di wotu_2024_tabel34.xlsx" in text and "8 Unit di wotu_2024_tabel28.xlsx" in text
    )
    assert "laporan memakai 18 dari wotu_2024_tabel34.xlsx" in text
