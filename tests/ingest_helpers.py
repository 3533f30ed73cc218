"""Small builders for ingest tests: raw folders with CSV/XLSX files written as offices do."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import openpyxl

from analysis.ingest.pipeline import IngestResult, ingest
from analysis.paths import reference_dir
from analysis.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = reference_dir(ROOT)


def write_csv(raw: Path, name: str, text: str, *, encoding: str = "utf-8-sig") -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    path = raw / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(
    raw: Path,
    name: str,
    sheets: dict[str, list[list[object]]],
    *,
    merged: dict[str, list[str]] | None = None,
    hidden: tuple[str, ...] = (),
) -> Path:
    raw.mkdir(parents=True, exist_ok=True)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for rng in (merged or {}).get(title, []):
            sheet.merge_cells(rng)
        if title in hidden:
            sheet.sheet_state = "hidden"
    path = raw / name
    book.save(path)
    return path


def run(raw: Path) -> IngestResult:
    return ingest(raw, reference_dir=REFERENCE)


def only_error(result: IngestResult) -> str:
    assert len(result.errors) == 1, str(result.errors)
    return str(result.errors.errors[0])


def ingest_office_folder(folder: Path, tmp_path: Path) -> IngestResult:
    """A corpus office (``printed.json`` beside its files) ingested in process, with its
    regency and its documented ``kecamatan.csv`` line."""
    spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
    ref = tmp_path / "reference"
    shutil.copytree(REFERENCE, ref)
    if spec.get("kecamatan_csv"):
        with (ref / "kecamatan.csv").open("a", encoding="utf-8") as fh:
            fh.write(spec["kecamatan_csv"].rstrip("\n") + "\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in folder.iterdir():
        if f.name not in {"printed.json", "SOURCE.md"} and f.is_file():
            shutil.copy(f, raw / f.name)
    settings = dataclasses.replace(load_settings(), kabupaten=spec["kabupaten"])
    return ingest(raw, reference_dir=ref, settings=settings)
