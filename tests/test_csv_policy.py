"""The ``tulis_csv`` setting: Parquet always, the CSV copy per table as the setting says
(issue 25: the national tables are too long for Excel and cost most of the writing)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import storage
from analysis.settings import DEFAULT_SETTINGS, Settings, load_settings


def _tables() -> dict[str, pd.DataFrame]:
    return {
        "kinerja": pd.DataFrame({"kecamatan": ["Wotu"] * 5, "nilai": [1.5, 2.0, 3.0, 4.0, 5.0]}),
        "iku": pd.DataFrame({"kecamatan": ["Wotu", "Towuti"], "nilai": [1.0, 2.0]}),
    }


def test_auto_skips_only_tables_longer_than_the_limit(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    policy = storage.CsvPolicy("auto", max_rows=4)
    written = storage.write_tables(out, _tables(), csv=policy)
    assert written == {"kinerja": 5, "iku": 2}  # every row written, CSV or not
    assert (out / "kinerja.parquet").exists() and not (out / "kinerja.csv").exists()
    assert (out / "iku.parquet").exists() and (out / "iku.csv").exists()
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "kinerja.parquet"), _tables()["kinerja"], check_dtype=False
    )
    assert policy.skipped == [("kinerja", 5)]
    assert policy.note() == (
        'tanpa CSV (lebih dari 4 baris, tulis_csv = "auto"; Parquet ditulis): kinerja (5 baris)'
    )


def test_a_stale_csv_of_an_earlier_run_does_not_survive(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    storage.write_tables(out, _tables(), csv=storage.CsvPolicy("selalu"))
    assert (out / "kinerja.csv").exists()
    storage.write_tables(out, _tables(), csv=storage.CsvPolicy("tidak"))
    assert sorted(p.name for p in out.glob("*.csv")) == []  # no CSV of other figures left
    assert sorted(p.name for p in out.glob("*.parquet")) == ["iku.parquet", "kinerja.parquet"]


@pytest.mark.parametrize(
    ("mode", "csvs", "note"),
    [
        ("selalu", ["iku.csv", "kinerja.csv"], ""),
        (
            "tidak",
            [],
            'tanpa CSV (tulis_csv = "tidak"; Parquet ditulis): kinerja (5 baris), iku (2 baris)',
        ),
    ],
)
def test_selalu_and_tidak(tmp_path: Path, mode: str, csvs: list[str], note: str) -> None:
    out = tmp_path / "processed"
    policy = storage.CsvPolicy(mode, max_rows=1)
    storage.write_tables(out, _tables(), csv=policy)
    assert sorted(p.name for p in out.glob("*.csv")) == csvs
    assert policy.note() == note


def test_the_default_keeps_every_csv_below_an_excel_sheet(tmp_path: Path) -> None:
    policy = storage.CsvPolicy.of(DEFAULT_SETTINGS)
    assert (policy.mode, policy.max_rows) == ("auto", 1_048_575)
    assert policy.wants("kinerja", 1_048_575) and not policy.wants("kinerja", 1_048_576)
    # write_tables without a policy writes every CSV, as before the setting
    out = tmp_path / "processed"
    storage.write_tables(out, _tables())
    assert sorted(p.name for p in out.glob("*.csv")) == ["iku.csv", "kinerja.csv"]


def test_the_setting_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="tulis_csv = 'kadang'"):
        Settings(tulis_csv="kadang")
    with pytest.raises(ValueError, match="batas_baris_csv = 0"):
        Settings(batas_baris_csv=0)
    toml = tmp_path / "s.toml"
    toml.write_text('tulis_csv = "tidak"\nbatas_baris_csv = 10\n', encoding="utf-8")
    settings = load_settings(toml)
    assert (settings.tulis_csv, settings.batas_baris_csv) == ("tidak", 10)
    with pytest.raises(ValueError, match="tulis_csv"):
        storage.CsvPolicy("kadang")


def test_a_failure_computing_a_table_leaves_the_previous_tables(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    storage.write_tables(out, _tables())
    before = sorted(p.name for p in out.iterdir())

    def tables():
        yield "kinerja", _tables()["kinerja"]
        raise ZeroDivisionError("rusak")

    with pytest.raises(storage.TablesFailed):
        storage.write_tables(out, tables())
    assert sorted(p.name for p in out.iterdir()) == before
    assert not [p.name for p in tmp_path.iterdir() if ".tmp" in p.name]  # no temporary folder


def test_ingest_says_which_tables_have_no_csv(tmp_path: Path, capsys) -> None:
    """``ingest`` with the setting: the tables past the limit get Parquet only, and the
    summary names them; the bundled data with the default keep every CSV."""
    from analysis.cli import main

    root = Path(__file__).resolve().parents[1]
    config = tmp_path / "kinerja.toml"
    config.write_text('tulis_csv = "auto"\nbatas_baris_csv = 300\n', encoding="utf-8")
    out = tmp_path / "processed"
    raw = str(root / "data" / "raw")
    assert main(["ingest", "--raw", raw, "--out", str(out), "--config", str(config)]) == 0
    summary = capsys.readouterr().out
    long = sorted(p.stem for p in out.glob("*.parquet") if len(pd.read_parquet(p)) > 300)
    assert long and "kinerja" in long
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(
        p.stem for p in out.glob("*.parquet") if p.stem not in long
    )
    assert 'tanpa CSV (lebih dari 300 baris, tulis_csv = "auto"; Parquet ditulis): ' in summary
    for name in long:
        assert f"{name} (" in summary.split("tanpa CSV", 1)[1]
    other = tmp_path / "default"
    assert main(["ingest", "--raw", raw, "--out", str(other), "--force"]) == 0
    assert "tanpa CSV" not in capsys.readouterr().out
    assert {p.stem for p in other.glob("*.csv")} == {p.stem for p in other.glob("*.parquet")}
