"""Tables computed and written one at a time (issue 15) are the tables of the one-shot
computation, and what lands on disk is exactly those tables.

``ingest`` now streams: :func:`analysis.metrics.iter_tables` yields each table as soon as
it is complete (pemeriksaan's check against ringkasan runs last, on the kinerja rows kept
for it; ringkasan and tren roll up slim views of kinerja and anggaran) and
:func:`analysis.storage.write_tables` writes it - Parquet, and the CSV formatted in
slices - before the next is computed. Each table is compared here with the public
functions called the straightforward way, each on whole tables, and the written files
with the in-memory tables: every Parquet read back, every CSV byte for byte against one
``write_csv`` of the whole table (and read back), on the bundled data and on a small
synthetic country.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv
import pytest

from analysis import storage, synthetic
from analysis.ingest.pipeline import (
    _findings_frame,
    append_findings,
    compute_tables,
    ingest,
    iter_processed_tables,
)
from analysis.metrics import iku_table, pemeriksaan
from analysis.metrics.frames import finalize
from analysis.metrics.monthly import bulanan_table
from analysis.metrics.quarters import anggaran_long, kinerja_long
from analysis.metrics.rollup import ringkasan
from analysis.metrics.trends import tren
from analysis.schema import PROCESSED_TABLES
from analysis.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["bawaan", "sintetis"])
def ingested(request, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "bawaan":
        result = ingest(ROOT / "data" / "raw")
    else:
        base = tmp_path_factory.mktemp("sintetis")
        names = synthetic.synthetic_names(14)  # Luwu Timur's 11 and 3 more
        synthetic.write_reference(names, base / "reference")
        synthetic.generate_raw(base / "raw", names, per_kecamatan=False, prefix="uji", seed=7)
        result = ingest(base / "raw", reference_dir=base / "reference")
    assert not result.errors
    return result


def _straightforward(result) -> dict[str, pd.DataFrame]:
    """Every table from the public functions, each given whole tables (no source rows,
    no slim views, pemeriksaan in one call)."""
    kinerja = kinerja_long(result.kinerja_wide, DEFAULT_SETTINGS)
    anggaran = anggaran_long(result.anggaran_wide, DEFAULT_SETTINGS)
    summary = ringkasan(kinerja, anggaran, DEFAULT_SETTINGS)
    iku = iku_table(result.iku_raw, DEFAULT_SETTINGS)
    monthly = bulanan_table(result.bulanan)
    findings = pemeriksaan(
        result.kinerja_wide,
        result.anggaran_wide,
        kinerja=kinerja,
        anggaran=anggaran,
        ringkasan=summary,
        iku=iku,
        bulanan=monthly,
        iku_raw=result.iku_raw,
        settings=DEFAULT_SETTINGS,
    )
    return {
        "kinerja": kinerja,
        "anggaran": anggaran,
        "ringkasan": summary,
        "tren": tren(kinerja, iku, DEFAULT_SETTINGS),
        "iku": iku,
        "pemeriksaan": append_findings(findings, _findings_frame(result, rejected_rows=False)),
        "bulanan": monthly,
        "narasi": finalize(result.narasi, PROCESSED_TABLES["narasi"]),
    }


def test_streamed_tables_equal_the_straightforward_computation(ingested) -> None:
    tables = compute_tables(ingested, DEFAULT_SETTINGS)
    assert list(tables) == list(PROCESSED_TABLES)
    expected = _straightforward(ingested)
    for name, frame in tables.items():
        pd.testing.assert_frame_equal(frame, expected[name], check_exact=True, obj=name)
    assert len(tables["kinerja"]) and len(tables["ringkasan"]) and len(tables["tren"])


def test_bundled_findings_include_the_check_run_last(ingested) -> None:
    """The check against ringkasan (run after kinerja is written) still finds its cases."""
    found = compute_tables(ingested, DEFAULT_SETTINGS)["pemeriksaan"]
    if len(ingested.kinerja_wide["kecamatan"].unique()) <= 11:  # the bundled data
        assert (found["jenis"] == "capaian_induk_berbeda").any()


def test_written_files_are_the_tables(ingested, tmp_path: Path, monkeypatch) -> None:
    tables = compute_tables(ingested, DEFAULT_SETTINGS)
    # tiny slices: every CSV is formatted in many pieces, side by side
    monkeypatch.setattr(storage, "CSV_SLICE_ROWS", 7)
    out = tmp_path / "olahan"
    written = storage.write_tables(out, iter_processed_tables(ingested, DEFAULT_SETTINGS))
    assert written == {name: len(frame) for name, frame in tables.items()}
    for name, frame in tables.items():
        back = pd.read_parquet(out / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, frame, check_exact=True, obj=f"{name}.parquet")

        whole = pacsv.write_csv  # one call over the whole table, as before slicing
        reference = tmp_path / f"{name}.reference.csv"
        with open(reference, "wb") as handle:
            handle.write("\ufeff".encode())
            whole(
                storage._csv_table(storage._arrow_table(frame)),
                handle,
                write_options=pacsv.WriteOptions(delimiter=storage.CSV_SEP),
            )
        assert (out / f"{name}.csv").read_bytes() == reference.read_bytes(), name

        csv = pd.read_csv(out / f"{name}.csv", sep=";", encoding="utf-8-sig", dtype=str)
        assert list(csv.columns) == list(frame.columns)
        assert len(csv) == len(frame)
        for col in frame.columns:
            if pd.api.types.is_float_dtype(frame[col].dtype):
                pd.testing.assert_series_equal(
                    pd.to_numeric(csv[col]).astype("float64"),
                    frame[col],
                    check_exact=True,
                    check_names=False,
                )
            elif col in ("tahun", "triwulan", "bulan", "jumlah_indikator", "paragraf"):
                as_text = frame[col].astype(object).map(str, na_action="ignore")
                assert csv[col].fillna("").tolist() == as_text.fillna("").tolist()
            else:
                text = frame[col]  # a formula-like text gets a leading ' in the CSV
                risky = text.str.startswith(storage.INJECTION_START).fillna(False)
                expected = text.where(~risky.to_numpy(dtype=bool), "'" + text)
                assert csv[col].fillna("").tolist() == expected.fillna("").tolist(), col
