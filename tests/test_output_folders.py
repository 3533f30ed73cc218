"""The output-folder rule, through the command line: a person's folder is never replaced.

``ingest`` swaps its output folder as a whole and ``report``/``batch`` write into theirs.
Each case points a command at a folder it must not take (the raw folder, a folder above
it, a folder holding a person's files, the file-system root) and checks: exit code 2, a
message naming the folder and what to do, no traceback, and every file in the folders
involved byte-identical (sha256). The accepted cases check the marker, the carry-over of
a person's note, a symlinked share that stays a link, and the recovery of a swap killed
between its two renames by the next command, whichever it is and even if it is refused.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import outputs
from analysis.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW_FILE = ROOT / "data" / "raw" / "wotu_2024_kinerja.csv"


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative path -> digest)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A raw folder with one office file, and a person's folder of documents."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy2(RAW_FILE, raw / RAW_FILE.name)
    docs = tmp_path / "dokumen"
    docs.mkdir()
    (docs / "laporan_camat.docx").write_bytes(b"PK\x03\x04 surat penting")
    (docs / "anggaran.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (docs / "arsip").mkdir()
    (docs / "arsip" / "2023.xlsx").write_bytes(b"PK\x03\x04 arsip")
    return tmp_path


def ingest(project: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["ingest", "--raw", str(project / "data" / "raw"), "--out", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("data/raw", "hanya dibaca"),  # the raw folder itself
        ("data/raw/olahan", "hanya dibaca"),  # inside it
        ("data", "hanya dibaca"),  # above it: the swap would take data/raw along
        (".", "hanya dibaca"),  # the project folder
        ("dokumen", "bukan buatan paket"),  # a person's files
        ("dokumen/anggaran.csv", "bukan folder"),  # a file
    ],
)
def test_ingest_refuses_a_folder_it_does_not_own(
    project: Path, target: str, fragment: str, capsys
) -> None:
    before = tree_digest(project)
    code, text = ingest(project, project / target, capsys)
    assert code == 2
    assert fragment in text and "Traceback" not in text
    assert str(project / target) in text or str((project / target).resolve()) in text
    assert tree_digest(project) == before


def test_ingest_refuses_the_root(project: Path, capsys) -> None:
    code, text = ingest(project, Path("/"), capsys)
    assert code == 2 and "akar sistem berkas" in text


def test_ingest_takes_an_empty_folder_and_marks_it(project: Path, capsys) -> None:
    out = project / "olahan"
    out.mkdir()
    code, text = ingest(project, out, capsys)
    assert code == 0, text
    assert (out / outputs.PROCESSED.marker).is_file()
    assert (out / "kinerja.parquet").is_file()
    # its own folder, with a person's note and sub-folder added: replaced, note kept
    (out / "catatan.txt").write_text("cek ulang TW IV", encoding="utf-8")
    (out / "lampiran").mkdir()
    (out / "lampiran" / "foto.jpg").write_bytes(b"\xff\xd8jpeg")
    code, text = ingest(project, out, capsys)
    assert code == 0, text
    assert (out / "catatan.txt").read_text(encoding="utf-8") == "cek ulang TW IV"
    assert (out / "lampiran" / "foto.jpg").read_bytes() == b"\xff\xd8jpeg"


def test_an_older_output_without_marker_is_still_ours(project: Path, capsys) -> None:
    out = project / "olahan"
    out.mkdir()
    pd.DataFrame({"x": [1]}).to_parquet(out / "kinerja.parquet")
    (out / "kinerja.csv").write_text("x\n1\n", encoding="utf-8")
    (out / "README.md").write_text("tabel olahan", encoding="utf-8")
    code, text = ingest(project, out, capsys)
    assert code == 0, text
    assert (out / outputs.PROCESSED.marker).is_file()
    assert (out / "README.md").read_text(encoding="utf-8") == "tabel olahan"


def test_symlinked_output_stays_a_link(project: Path, capsys) -> None:
    share = project / "share"
    share.mkdir()
    link = project / "olahan"
    link.symlink_to(share / "processed", target_is_directory=True)
    for _ in range(2):  # the first run creates the share's folder, the second swaps it
        code, text = ingest(project, link, capsys)
        assert code == 0, text
        assert link.is_symlink()
        assert (share / "processed" / "kinerja.parquet").is_file()
    assert not (project / ".olahan.previous").exists()
    assert sorted(p.name for p in share.iterdir() if p.suffix != ".lock") == ["processed"]


def _kill_between_renames(out: Path) -> None:
    """What a SIGKILL between ``out -> backup`` and ``temp -> out`` leaves behind."""
    out.rename(out.with_name(f".{out.name}.previous"))
    stray = out.with_name(f".{out.name}.tmp-killed")
    stray.mkdir()
    (stray / "kinerja.parquet").write_bytes(b"half")


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--kecamatan", "Tidak Ada", "--tahun", "2024", "--triwulan", "4"],
        ["batch", "--tahun", "1999"],
        ["ingest", "--out", "/"],
    ],
    ids=["report-refused", "batch-refused", "ingest-refused"],
)
def test_a_killed_swap_is_recovered_by_any_next_command(
    project: Path, command: list[str], capsys
) -> None:
    out = project / "data" / "processed"
    code, text = ingest(project, out, capsys)
    assert code == 0, text
    before = tree_digest(out)
    _kill_between_renames(out)
    assert not out.exists()
    argv = [*command]
    if command[0] == "ingest":
        argv += ["--raw", str(project / "data" / "raw")]
    else:
        argv += ["--processed", str(out), "--out", str(project / "reports")]
    if command[0] == "ingest":
        # the default folder is recovered too: point the project root at the tmp project
        import os

        cwd = Path.cwd()
        os.chdir(project)
        try:
            code = main(argv)
        finally:
            os.chdir(cwd)
    else:
        code = main(argv)
    text = capsys.readouterr().err
    assert code == 2
    assert "dipulihkan" in text and "Traceback" not in text
    assert tree_digest(out) == before
    assert not list(project.glob("data/.processed.previous"))
    assert not list(project.glob("data/.processed.tmp-*"))


@pytest.mark.parametrize(
    ("command", "target", "fragment"),
    [
        ("batch", "/", "akar sistem berkas"),
        ("batch", "data/raw", "hanya dibaca"),
        ("batch", "data", "hanya dibaca"),
        ("report", "dokumen", "bukan buatan paket"),
        ("batch", "data/processed", "hanya dibaca"),
    ],
)
def test_report_and_batch_refuse_a_folder_they_do_not_own(
    project: Path, command: str, target: str, fragment: str, capsys
) -> None:
    processed = project / "data" / "processed"
    code, text = ingest(project, processed, capsys)
    assert code == 0, text
    before = tree_digest(project)
    argv = [command, "--processed", str(processed), "--out", str(project / target)]
    if command == "report":
        argv += ["--kecamatan", "Wotu", "--tahun", "2024", "--triwulan", "4"]
    else:
        argv += ["--tahun", "2024", "--triwulan", "4", "--jobs", "1", "--no-progress"]
    code = main(argv)
    text = capsys.readouterr().err
    assert code == 2
    assert fragment in text and "Traceback" not in text
    assert tree_digest(project) == before


def test_forbidden_reason_is_about_paths_only(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    assert outputs.forbidden_reason(tmp_path / "data" / "processed", [raw]) is None
    assert outputs.forbidden_reason(tmp_path / "data", [raw])
    assert outputs.forbidden_reason(raw / "x", [raw])
    assert outputs.forbidden_reason(Path.home(), [raw])
