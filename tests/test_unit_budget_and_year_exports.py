"""Layout families of the second held-out corpus, now development tables (issue 19, items 3
and 5): an application's per-year value export (``uraian_indikator | nilai_2021 ...``), a
figure column holding "not released" words and mixed decimal separators (Banyuwangi LKPJ
2025 Bab III IKD), and a budget table whose rows are work units (IPDN Jatinangor, Biro I,
II, IV). The tables are the files of ``tests/data/heldout_b`` (cut verbatim, see each
office's SOURCE.md), read as a planner would: the office's one documented
``kecamatan.csv`` line and the regency setting, nothing else.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import heldout_measure
import pandas as pd
import pytest
from ingest_helpers import REFERENCE

from analysis.ingest.formats import cells, no_value
from analysis.ingest.pipeline import ingest
from analysis.ingest.tables.headers import header_field
from analysis.settings import load_settings

HELDOUT_B = Path(__file__).resolve().parent / "data" / "heldout_b"
BANYUWANGI = HELDOUT_B / "banyuwangi_lkpj"
IPDN = HELDOUT_B / "ipdn_jatinangor"
CAPAIAN = "pemkab_lkpj_2025_bab3_capaian_ikd.xlsx"
PERKEMBANGAN = "pemkab_lkpj_2025_bab3_perkembangan_ikd.csv"


def _ingest(tmp_path: Path, office: Path, files: list[str]):
    spec = json.loads((office / "printed.json").read_text(encoding="utf-8"))
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    with (reference / "kecamatan.csv").open("a", encoding="utf-8") as fh:
        fh.write(spec["kecamatan_csv"] + "\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in files:
        shutil.copy(office / name, raw / name)
    settings = dataclasses.replace(load_settings(), kabupaten=spec["kabupaten"])
    return ingest(raw, reference_dir=reference, settings=settings)


def _printed(office: Path, table: str) -> list[dict]:
    spec = json.loads((office / "printed.json").read_text(encoding="utf-8"))
    return [f for f in spec["figures"] if f["tabel"] == table]


def _number(text: str) -> float:
    return heldout_measure.printed_number(text)


# --- cells: words of no value, grades, mixed separators ------------------------------------


@pytest.mark.parametrize(
    "text", ["Belum Rilis", "belum dirilis", "NULL", "Belum tersedia", "Data belum ada", "WTP"]
)
def test_not_released_words_and_grades_are_no_value_not_an_error(text: str) -> None:
    parsed = cells.parse_numbers(pd.Series([text, "72,97"], dtype=object))
    assert pd.isna(parsed.at[0, "value"]) and pd.isna(parsed.at[0, "error"])
    assert parsed.at[1, "value"] == pytest.approx(72.97)
    assert no_value.is_no_value_word(pd.Series([text])).all()


def test_a_word_that_is_no_such_phrase_stays_an_error() -> None:
    parsed = cells.parse_numbers(pd.Series(["Belum", "abc"], dtype=object))
    assert (parsed["error"] == "bukan angka").all()


def test_ambiguous_dot_in_a_column_of_both_conventions_is_no_value_with_its_reason() -> None:
    # the capaian table's realisasi column: 72,97 (decimal comma), 59.89 (decimal point)
    parsed = cells.parse_numbers(pd.Series(["72,97", "59.89", "11.713"], dtype=object))
    assert parsed.at[2, "error"] == cells.AMBIGUOUS_MIXED
    assert pd.isna(parsed.at[2, "value"])
    assert parsed.at[1, "value"] == pytest.approx(59.89)
    # one foreign convention only: still the error a person fixes in the file
    single = cells.parse_numbers(pd.Series(["2.5", "1.542"], dtype=object))
    assert single.at[1, "error"] == cells.AMBIGUOUS_DOT


# --- Banyuwangi: capaian IKD (.xlsx) and perkembangan IKD (.csv) ---------------------------


def test_capaian_table_with_not_released_cells_reads_every_printed_figure(tmp_path: Path) -> None:
    result = _ingest(tmp_path, BANYUWANGI, [CAPAIAN])
    assert not result.errors, str(result.errors)
    iku = result.iku_raw.set_index("indikator")
    figures = _printed(BANYUWANGI, CAPAIAN)
    column = {"target": "target", "realisasi": "realisasi", "capaian": "capaian_dilaporkan"}
    for fig in figures:
        assert iku.at[fig["indikator"], column[fig["field"]]] == pytest.approx(
            _number(fig["value"])
        ), fig
    # ICOR: target written, realisasi 'Belum Rilis' is no value, named in the sheet's note
    assert iku.at["ICOR", "target"] == pytest.approx(4.84)
    assert pd.isna(iku.at["ICOR", "realisasi"])
    note = next(n for n in result.notes if no_value.NOTE_WORDS in n)
    assert "'Belum Rilis'" in note and "'WTP'" in note and "baris 23 kolom 'realisasi [H]'" in note
    # 11.713 beside 72,97 and 59.89: neither 11713 nor 11.713 is written, a finding says why
    assert pd.isna(iku.at["Pengeluaran Perkapita (Ribu)", "realisasi"])
    found = [f for f in result.findings.items if f.jenis == "pemisah_ambigu"]
    assert {(f.sumber, f.kolom, f.dilaporkan) for f in found} == {
        (f"{CAPAIAN}:Capaian IKD:24", "realisasi", "11.713"),
        (f"{CAPAIAN}:Capaian IKD:24", "capaian", "11.713"),
    }


def test_per_year_value_export_reads_each_year_as_that_years_realisasi(tmp_path: Path) -> None:
    result = _ingest(tmp_path, BANYUWANGI, [PERKEMBANGAN])
    assert not result.errors, str(result.errors)
    iku = result.iku_raw.set_index(["indikator", "tahun"])
    figures = _printed(BANYUWANGI, PERKEMBANGAN)
    assert len(figures) == 213
    for fig in figures:
        assert iku.at[(fig["indikator"], fig["tahun"]), "realisasi"] == pytest.approx(
            _number(fig["value"])
        ), fig
    assert set(result.iku_raw["tahun"]) == {2021, 2022, 2023, 2024, 2025}
    # the tahun column (2025 on every row) is the report's year, said in a note
    assert any("dibaca sebagai tahun laporan" in n for n in result.notes)
    # 10.702 (2023) in a column holding 87.59 and 19.477,04: a finding under its own year
    (found,) = [f for f in result.findings.items if f.jenis == "pemisah_ambigu"]
    assert (found.tahun, found.dilaporkan) == (2023, "10.702")
    assert pd.isna(iku.at[("Pengeluaran Perkapita (Ribu)", 2023), "realisasi"])


def test_year_column_headers_of_an_export() -> None:
    assert header_field("nilai_2021") == "realisasi"
    assert header_field("uraian_indikator") == "indikator"
    assert header_field("indikator_ikd") == "indikator"
    assert header_field("Nilai") is None  # no year: not a figure column


# --- IPDN: budget per work unit --------------------------------------------------------------


@pytest.mark.parametrize(
    "table",
    [
        "ipdn_biro_i_realisasi_anggaran_2020.xlsx",
        "ipdn_biro_ii_realisasi_anggaran_2020.csv",
        "ipdn_biro_iv_realisasi_anggaran_2020.ods",
    ],
)
def test_budget_table_of_work_units_reads_pagu_realisasi_and_printed_serapan(
    tmp_path: Path, table: str
) -> None:
    result = _ingest(tmp_path, IPDN, [table])
    assert not result.errors, str(result.errors)
    rows = result.anggaran_wide.set_index("uraian")
    figures = _printed(IPDN, table)
    column = {
        "pagu": "pagu",
        "realisasi_anggaran": "realisasi_anggaran_sd_tw4",
        "serapan": "serapan_sd_tw4",
    }
    for fig in figures:
        assert rows.at[fig["uraian"].strip(), column[fig["field"]]] == pytest.approx(
            _number(fig["value"]), abs=0.005
        ), fig
    assert len(rows) == len(figures) // 3
    assert set(rows["tingkat"]) == {"program"} and rows["kode"].isna().all()
    notes = " ".join(result.notes)
    assert "tabel anggaran per unit kerja: kolom 'Biro'" in notes
    assert "'Pengembalian', 'Sisa_Pagu'" in notes  # recognised, never pagu or realisasi
    assert "s.d. TW IV" in notes


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Sisa_Pagu", "sisa_anggaran"),
        ("Sisa Pagu (Rp)", "sisa_anggaran"),  # not the pagu its second word names
        ("Sisa Anggaran", "sisa_anggaran"),
        ("Pengembalian", "pengembalian"),
        ("Pengembalian (Rp)", "pengembalian"),
        ("Biro", "penanggung_jawab"),
        ("Satuan Kerja", "penanggung_jawab"),  # not the unit of measure
        ("Satuan Kerja Perangkat Daerah", "penanggung_jawab"),
        ("SKPD/Unit Kerja", "penanggung_jawab"),
        ("Nama Satker", "penanggung_jawab"),
        ("Bagian/Bidang", "penanggung_jawab"),
        ("Satuan", "satuan"),
        ("Persentase", "capaian"),  # serapan in a budget table (columns.money_only)
        ("Persentase (%)", "capaian"),
    ],
)
def test_remainder_and_unit_headers_are_never_pagu_or_satuan(header: str, field: str) -> None:
    assert header_field(header) == field


def test_unit_table_variant_headers_read_the_same_figures(tmp_path: Path) -> None:
    """Biro II's rows under the headers another office prints for the same columns: the
    unit as ``Satuan Kerja``, money with ``(Rp)``, the percentage as ``Persentase (%)``."""
    text = (IPDN / "ipdn_biro_ii_realisasi_anggaran_2020.csv").read_text(encoding="utf-8")
    body = text.splitlines()[1:]
    header = (
        "No;Satuan Kerja;Pagu (Rp);Realisasi (Rp);Pengembalian (Rp);Sisa Pagu (Rp);Persentase (%)"
    )
    variant = tmp_path / "variant"
    variant.mkdir()
    (variant / "ipdn_biro_ii_realisasi_anggaran_2020.csv").write_text(
        "\n".join([header, *(line.replace(",", ";") for line in body)]) + "\n", encoding="utf-8"
    )
    shutil.copy(IPDN / "printed.json", variant / "printed.json")
    result = _ingest(tmp_path, variant, ["ipdn_biro_ii_realisasi_anggaran_2020.csv"])
    assert not result.errors, str(result.errors)
    rows = result.anggaran_wide.set_index("uraian")
    assert rows.at["BAGIAN UMUM", "pagu"] == 55_056_073_000
    assert rows.at["BAGIAN UMUM", "realisasi_anggaran_sd_tw4"] == 25_060_473_642
    assert rows.at["BAGIAN UMUM", "serapan_sd_tw4"] == pytest.approx(45.52)
    assert "'Pengembalian (Rp)', 'Sisa Pagu (Rp)'" in " ".join(result.notes)
