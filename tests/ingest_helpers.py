"""Small builders for ingest tests: raw folders with CSV/XLSX files written as offices do."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analysis.ingest.pipeline import IngestResult, ingest
from analysis.paths import reference_dir

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
