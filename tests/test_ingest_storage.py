"""Outputs: Parquet + CSV for Excel, written atomically under a lock; the command's exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from ingest_helpers import ROOT, write_csv

from analysis import outputs, storage
from analysis.cli import main


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uraian": ['=HYPERLINK("x")', "+62 811", "-rapat", "@camat", "Biasa", None],
            "nilai": [-5.5, 1.25, 3.0, None, 1e9, 0.1],
            "tahun": pd.array([2024, 2024, None, 2024, 2024, 2024], dtype="Int64"),
        }
    )


def test_csv_for_excel_and_parquet_as_is(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    storage.write_tables(out, {"contoh": table()})
    (out / "README.md").write_text("keep me")  # a person's note in the package's folder
    storage.write_tables(out, {"contoh": table()})
    raw = (out / "contoh.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(out / "contoh.csv", sep=";", encoding="utf-8-sig")
    assert back["uraian"].tolist()[:5] == [
        '\'=HYPERLINK("x")',
        "'+62 811",
        "'-rapat",
        "'@camat",
        "Biasa",
    ]
    assert back["nilai"].iloc[0] == -5.5  # a negative number is a number, not text
    assert "," not in raw.decode("utf-8-sig").splitlines()[2]  # no decimal comma
    parquet = pd.read_parquet(out / "contoh.parquet")
    assert parquet["uraian"].iloc[0] == '=HYPERLINK("x")'
    assert parquet["tahun"].dtype == "Int64"
    assert (out / "README.md").read_text() == "keep me"


def test_neutralise_frame_leaves_numbers(tmp_path: Path) -> None:
    frame = storage.neutralise_csv_text(table())
    assert frame["uraian"].iloc[2] == "'-rapat" and frame["nilai"].iloc[0] == -5.5


def test_failed_write_leaves_previous_outputs(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "processed"
    storage.write_tables(out, {"a": table()})
    before = (out / "a.csv").read_bytes()

    def broken(folder: Path, name: str, frame: pd.DataFrame) -> None:
        (folder / f"{name}.csv").write_text("half")
        raise OSError("disk full")

    monkeypatch.setattr(storage, "_write_one", broken)
    with pytest.raises(storage.StorageError):
        storage.write_tables(out, {"a": table(), "b": table()})
    assert (out / "a.csv").read_bytes() == before
    assert not (out / "b.csv").exists()
    assert not list(tmp_path.glob(".processed.tmp-*"))


SLOW_WRITER = """
import sys, time
from pathlib import Path
import pandas as pd
from analysis import storage
real = storage._write_one
def slow(folder, name, frame):
    real(folder, name, frame)
    print("wrote", name, flush=True)
    time.sleep(30)
storage._write_one = slow
two = {"a": pd.DataFrame({"x": [2]}), "b": pd.DataFrame({"x": [2]})}
storage.write_tables(Path(sys.argv[1]), two)
"""


def test_sigkill_mid_write_keeps_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    storage.write_tables(out, {"a": pd.DataFrame({"x": [1]})})
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("wrote")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert pd.read_parquet(out / "a.parquet")["x"].tolist() == [1]
    assert sorted(p.name for p in out.iterdir()) == [outputs.PROCESSED.marker, "a.csv", "a.parquet"]
    storage.write_tables(out, {"a": pd.DataFrame({"x": [3]})})  # the next run cleans up
    assert pd.read_parquet(out / "a.parquet")["x"].tolist() == [3]
    assert not list(tmp_path.glob(".processed.tmp-*"))


def test_second_writer_waits_for_the_lock(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    done = threading.Event()

    def writer() -> None:
        storage.write_tables(out, {"a": pd.DataFrame({"x": [1]})})
        done.set()

    with outputs.ingest_lock(out):
        thread = threading.Thread(target=writer)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set()
    thread.join(timeout=30)
    assert done.is_set()
    assert (tmp_path / ".ingest.lock").exists()


VALID = (
    "tahun;kecamatan;kode;uraian;indikator;satuan;target_tw1;realisasi_tw1;pagu;anggaran_tw1;"
    "realisasi_anggaran_tw1\n"
    "2024;Wotu;7.01.01;Program Penunjang;Persentase A;%;100;90;1.000.000;250.000;200.000\n"
    "2024;Wotu;7.01.01.2.01;Kegiatan B;Persentase B;%;100;95;500.000;100.000;100.000\n"
    "2024;Wotu;7.01.01.2.01.01;Sub C;Jumlah Laporan;Laporan;3;3;500.000;100.000;100.000\n"
)


def test_command_success_writes_tables_and_prints_summary(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", VALID)
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 file, 1 sheet" in printed and "Wotu 2024" in printed and "temuan" in printed
    for name in ("kinerja", "anggaran", "ringkasan", "tren", "iku", "pemeriksaan", "bulanan"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    assert not (out / "ditolak.csv").exists()
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert set(kinerja["sumber"]) >= {"wotu_2024_kinerja.csv:wotu_2024_kinerja:4"}


def test_command_bad_input_exits_2_and_keeps_outputs(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", VALID)
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 0
    before = (out / "kinerja.parquet").read_bytes()
    write_csv(
        raw, "wotu_2024_salah.csv", VALID.splitlines()[0] + "\n2024;Wotu;7.01.02;P;Q;%;x;1;;;\n"
    )
    capsys.readouterr()
    assert main(["ingest", "--raw", str(raw), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "wotu_2024_salah.csv" in err and "baris 2" in err and "'x'" in err
    assert "Traceback" not in err
    assert (out / "kinerja.parquet").read_bytes() == before


def test_command_lenient_writes_valid_rows_and_ditolak(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "processed"
    write_csv(raw, "wotu_2024_kinerja.csv", VALID + "2024;Wotu;7.01.02;P;Q;%;x;1;;;\n")
    assert main(["ingest", "--raw", str(raw), "--out", str(out), "--lenient"]) == 0
    ditolak = pd.read_csv(out / "ditolak.csv", sep=";", encoding="utf-8-sig")
    assert ditolak[["row", "column", "value"]].values.tolist() == [[5, "target_tw1", "x"]]
    kinerja = pd.read_parquet(out / "kinerja.parquet")
    assert "7.01.02" not in set(kinerja["kode"])
    pemeriksaan = pd.read_parquet(out / "pemeriksaan.parquet")
    assert "wotu_2024_kinerja.csv:wotu_2024_kinerja:5" in set(pemeriksaan["sumber"])


def test_bundled_data_command(tmp_path: Path) -> None:
    """``python -m analysis ingest`` on the bundled data, as a user runs it."""
    out = tmp_path / "processed"
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "ingest", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 0, proc.stderr
    assert "ingest selesai" in proc.stdout and "Kalaena 2024" in proc.stdout
