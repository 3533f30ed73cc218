"""The seed tables of ``tests/data/seed_tables`` as the files an office sends.

Each ``<table>.txt`` holds seed lines cut verbatim (``MANIFEST.tsv`` names seed file and
line ranges). Two text forms occur in the seeds:

* ``rows``: one table row per line, cells separated by tabs (seeds 000, 001, 003, 004);
* ``cells``: one cell per line, each starting with a tab, rows separated by a blank line;
  a line without the leading tab continues the cell above, with the blank lines before
  it (seed 002, where the converter broke ``TW`` / ``I`` over two lines and printed a
  cell as ``\n\n\n100``).

Lines before the first table row (the ``Tabel 3.4`` / ``Realisasi ...`` titles) are
title rows in a spreadsheet and title paragraphs above the table in Word. Cell text is
never changed: what the seed prints is what the file holds (as text, as if pasted).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
TABLES = HERE / "data" / "seed_tables"


@dataclass(frozen=True)
class SeedTable:
    name: str
    seed: str
    lines: str
    form: str
    file: str

    @property
    def text(self) -> str:
        return (TABLES / f"{self.name}.txt").read_text(encoding="utf-8")


def manifest(name: str = "MANIFEST.tsv") -> list[SeedTable]:
    """The tables a manifest names (``PRINTED.tsv``: whole tables as printed)."""
    out = []
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(SeedTable(*line.split("\t")))
    return out


def parse(table: SeedTable) -> tuple[list[str], list[list[str]]]:
    """(title lines, table rows) of a cut table."""
    lines = table.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    titles: list[str] = []
    rows: list[list[str]] = []
    if table.form == "rows":
        for line in lines:
            if "\t" not in line and not rows:
                if line.strip():
                    titles.append(line)
                continue
            rows.append(line.split("\t"))
        return titles, rows
    current: list[str] | None = None
    blanks = 0
    for line in lines:
        if line.startswith("\t"):
            if current is None or blanks:
                current = []
                rows.append(current)
            current.append(line[1:])
            blanks = 0
        elif line == "":
            blanks += 1
        elif current is not None:
            # a line without the tab continues the cell above, blank lines and all
            current[-1] += "\n" * (blanks + 1) + line
            blanks = 0
        else:
            titles.append(line)
    return titles, rows


def _cell(text: str) -> str | None:
    return text if text.strip() else None


def write(table: SeedTable, raw: Path) -> Path:
    """Write one table into ``raw`` as its manifest file type."""
    raw.mkdir(parents=True, exist_ok=True)
    titles, rows = parse(table)
    path = raw / table.file
    suffix = path.suffix
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = table.name[:31]
        for t in titles:
            sheet.append([t])
        for row in rows:
            sheet.append([_cell(c) for c in row])
        book.save(path)
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            for t in titles:
                writer.writerow([t])
            width = max(len(r) for r in rows)
            for row in rows:
                writer.writerow(row + [""] * (width - len(row)))
    elif suffix == ".docx":
        import docx

        document = docx.Document()
        for t in titles:
            document.add_paragraph(t)
        width = max(len(r) for r in rows)
        grid = document.add_table(rows=len(rows), cols=width)
        _fill(grid, rows)
        document.save(path)
    else:  # pragma: no cover - the manifest names only these
        raise ValueError(suffix)
    return path


def _fill(grid, rows: list[list[str]]) -> None:
    """Cell texts into a Word table, row by row (``grid.cell(r, c)`` walks the whole
    table for each cell: minutes for Towuti Tabel III's 1,500 cells)."""
    for row_obj, row in zip(grid.rows, rows, strict=True):
        cells = row_obj.cells
        for c, text in enumerate(row):
            cells[c].text = text


def write_all(raw: Path, *, seeds: set[str] | None = None) -> list[Path]:
    return [write(t, raw) for t in manifest() if seeds is None or t.seed[:3] in seeds]


def write_report(seed: str, raw: Path, name: str) -> Path:
    """All tables of one seed in one Word file, in seed order, each under its title
    paragraphs - the report as the office sends it."""
    import docx

    raw.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    tables = sorted(
        (t for t in manifest() if t.seed[:3] == seed), key=lambda t: int(t.lines.split("-")[0])
    )
    for table in tables:
        titles, rows = parse(table)
        for t in titles:
            document.add_paragraph(t)
        width = max(len(r) for r in rows)
        grid = document.add_table(rows=len(rows), cols=width)
        _fill(grid, rows)
        document.add_paragraph("")
    path = raw / name
    document.save(path)
    return path
