"""The transcriber's notes of data/raw (``catatan_sumber``) are kept apart from the office's KET.

The bundled CSVs were typed from printed reports; where a figure came from a chart or an odd
column, the typist said so ("Grafik (data di akhir laporan) berjudul ...", "Kolom tabel tercetak
...", "Indikator program tidak dicetak pada tabel; RATA-RATA 93,75 %"). Those notes printed in
the Rencana Aksi KET and the Kesenjangan "Keterangan kecamatan" as the office's words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.tables.header_synonyms import synonym_field
from analysis.ingest.tables.headers import normalise_header
from analysis.reports import loading, official_gaps, official_rencana_aksi

OURS = re.compile(
    r"Grafik \(data di akhir|label grafik|Kolom tabel tercetak|tidak dicetak pada tabel|"
    r"Target Renstra \(Tabel|Data grafik",
)


@pytest.mark.parametrize("header", ["CATATAN SUMBER", "Catatan sumber", "catatan_sumber"])
def test_header_names_the_source_note(header: str) -> None:
    assert synonym_field(normalise_header(header)) == "catatan_sumber"


def test_plain_catatan_is_still_the_offices_note() -> None:
    assert synonym_field(normalise_header("Catatan")) is None  # -> keterangan by word rule


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_processed_kinerja_keeps_both_columns_apart(bundled: Path) -> None:
    k = pd.read_parquet(bundled / "kinerja.parquet")
    towuti = k[(k["kecamatan"] == "Towuti") & (k["tahun"] == 2024)]
    notes = towuti["catatan_sumber"].dropna()
    assert notes.str.contains(OURS).any()
    assert not k["keterangan"].fillna("").str.contains(OURS).any()
    # the office's own words stay in keterangan, ours go beside them, text unchanged
    row = towuti[towuti["keterangan"].fillna("").str.startswith("Terlaksana pada triwulan I")]
    assert set(row["keterangan"]) == {"Terlaksana pada triwulan I."}
    assert row["catatan_sumber"].str.startswith("Grafik: Target Tahun 2023 126").all()
    tw4 = towuti[(towuti["triwulan"] == 4) & (towuti["uraian"].str.startswith("Penunjang"))]
    assert tw4["catatan_sumber"].tolist() == [
        "Indikator program tidak dicetak pada tabel; RATA-RATA 93,75 %"
    ]


@pytest.mark.parametrize("triwulan", [1, 2, 3, 4])
def test_official_tables_print_no_transcriber_note(data: loading.Tabel, triwulan: int) -> None:
    for kec in ("Towuti", "Wotu"):
        if kec == "Wotu" and triwulan != 4:
            continue
        ra = official_rencana_aksi.rencana_aksi(data, kec, 2024, triwulan)
        gaps = official_gaps.tabel_kesenjangan(data, kec, 2024, triwulan)
        for t in (ra, gaps):
            printed = t.baris.astype(str).apply(lambda c: c.str.contains(OURS)).to_numpy()
            assert not printed.any(), (kec, triwulan, t.nama)


def test_monthly_note_is_split_into_office_cell_and_ours(bundled: Path) -> None:
    # Kalaena's March sheet prints "100 %" under CAPAIAN (the office's cell); "realisasi
    # dicetak: ..." is the typist saying what the REALISASI cell printed beside its figure.
    b = pd.read_parquet(bundled / "bulanan.parquet")
    march = b[(b["kecamatan"] == "Kalaena") & (b["bulan"] == 3)]
    assert march["keterangan"].tolist() == ["CAPAIAN anggaran: 100 %"]
    assert march["catatan_sumber"].tolist() == [
        "realisasi dicetak: 1 dokumen di bulan maret, 3 dokumen untuk TW I"
    ]
    assert not b["keterangan"].fillna("").str.contains("dicetak").any()


def test_raw_keterangan_holds_the_offices_sentence_not_ours() -> None:
    # Wotu LKj l. 914 prints this sentence under Tabel 3.3; the shorter wording was ours.
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    iku = pd.read_csv(raw / "wotu_2024_iku.csv", sep=";", dtype=str, keep_default_na=False)
    lakip = iku[(iku["indikator"] == "Nilai LAKIP") & (iku["tahun"] == "2024")]
    assert lakip["keterangan"].tolist() == [
        "Nilai LAKIP untuk tahun 2024 belum dapat di ketahui sebab penilaian LAKIP 2024 akan "
        "dilaksanakan pada tahun 2025."
    ]
    assert lakip["catatan_sumber"].tolist() == [
        "Nilai LAKIP 2024 belum diketahui (penilaian pada tahun 2025)"
    ]
    for path in sorted(raw.glob("*.csv")):
        t = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
        if "keterangan" in t:
            assert not t["keterangan"].str.contains(OURS).any(), path.name
            assert not t["keterangan"].str.contains(r"\bdicetak\b").any(), path.name
