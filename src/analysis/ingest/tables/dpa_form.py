"""The DPA / RKA SKPD 2.2.1 form of one kegiatan, read as the table it stands for.

Permendagri 13/2006 (and its successors' DPA/RKA prints) lay out one kegiatan as heading
lines - ``Program : <kode> <nama>``, ``Kegiatan : <kode> <nama>``, ``Jumlah Anggaran : Rp
...`` - over an indicator block ``INDIKATOR | TOLOK UKUR KINERJA | TARGET`` whose rows are
``CAPAIAN PROGRAM``, ``MASUKAN``, ``KELUARAN`` and ``HASIL`` (Kecamatan Cakranegara DPA SKPD
2018). There is no header row over program and kegiatan, so the general reader finds none.

:func:`as_table` turns such a sheet into the grid of an ordinary kinerja table - the title
lines kept (they name kecamatan and year), then ``Tingkat | Uraian | Indikator | Target |
Pagu`` and one row per indicator: Capaian Program is the program's indicator, Keluaran and
Hasil the kegiatan's; the kegiatan's pagu is the heading's Jumlah Anggaran. Each row keeps
the spreadsheet row it comes from. Masukan (``Jumlah Dana | Rp ...``) is the budget again,
not an indicator: left out with a note, as is anything printed below the block (the form's
rincian belanja). The words that mark a form and its lines are data (``FORM_TITLES``,
``LINE_KEYS``, ``BLOCK_ROWS``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables.header_block import cell_texts

FORM_TITLES = re.compile(
    r"(?i)\b(?:dokumen\s+pelaksanaan\s+(?:perubahan\s+)?anggaran|rencana\s+kerja\s+(?:dan\s+)?"
    r"(?:perubahan\s+)?anggaran)\b"
)
"""The title of a DPA / DPPA / RKA / RKPA form."""
LINE_KEYS = {"program": "program", "kegiatan": "kegiatan", "jumlah anggaran": "pagu"}
"""Heading lines ``<key> : <value>`` the table is built from."""
BLOCK_ROWS = {
    "capaian program": "program",
    "keluaran": "kegiatan",
    "hasil": "kegiatan",
    "masukan": None,
}
"""First cells of the indicator block's rows and the level whose indicator each is
(``None``: read as no indicator - Masukan is the kegiatan's budget)."""
HEADER = ["Tingkat", "Uraian", "Indikator", "Target", "Pagu"]
SCAN_ROWS = 60
_CODE = re.compile(r"^[\d\s.]+(?=\S)")
_MONEY = re.compile(r"(?i)rp\.?\s*([\d.]+(?:,\d+)?)")


def _line(texts: list[str]) -> tuple[str, str] | None:
    """``("kegiatan", "Pemberdayaan ...")`` for a heading line ``Kegiatan : 2.07 . 27 . 02 ...``."""
    joined = " ".join(t for t in texts if t)
    m = re.match(r"(?i)^\s*([a-z ]+?)\s*:\s*(.+)$", joined)
    if not m:
        return None
    key = " ".join(m.group(1).lower().split())
    if key not in LINE_KEYS:
        return None
    return LINE_KEYS[key], m.group(2).strip()


def as_table(grid: SheetGrid) -> tuple[SheetGrid, list[str]] | None:
    """The form as a kinerja table's grid, and notes; ``None`` for any other sheet."""
    cells = grid.cells
    top = cells.iloc[:15].to_numpy(dtype=object)
    if not any(FORM_TITLES.search(" ".join(v for v in row if isinstance(v, str))) for row in top):
        return None
    n = min(len(cells), SCAN_ROWS)
    rows = [cell_texts(cells.iloc[r]) for r in range(n)]
    lines: dict[str, str] = {}
    block: list[tuple[int, str, list[str]]] = []
    first_line = None
    for r, texts in enumerate(rows):
        found = _line(texts)
        if found and found[0] not in lines:
            lines[found[0]] = found[1]
            first_line = r if first_line is None else first_line
            continue
        filled = [t for t in texts if t]
        if filled and filled[0].lower() in BLOCK_ROWS and texts.index(filled[0]) == 0:
            block.append((r, filled[0].lower(), texts[1:]))
    kinds = {k for _, k, _ in block}
    if "kegiatan" not in lines or len(kinds & {"capaian program", "keluaran", "hasil"}) < 2:
        return None
    program = _CODE.sub("", lines.get("program", "")).strip() or None
    kegiatan = _CODE.sub("", lines["kegiatan"]).strip()
    money = _MONEY.search(lines.get("pagu", ""))
    pagu = money.group(1) if money else None
    header_at = block[0][0] - 1
    title = [[" ".join(t for t in texts if t)] for texts in rows[:header_at] if any(texts)]
    title_rows = [grid.rows[r] for r, texts in enumerate(rows[:header_at]) if any(texts)]
    table: list[list[object]] = []
    where: list[int] = []
    notes: list[str] = []
    pagu_written = False
    for r, kind, rest in block:
        level = BLOCK_ROWS[kind]
        filled = [t for t in rest if t]
        indikator = filled[0] if filled else None
        target = filled[1] if len(filled) > 1 else None
        if level is None or (level == "program" and program is None):
            notes.append(
                f"{grid.file}:{grid.sheet}: baris {int(grid.rows[r])} ({kind.upper()}: "
                f"{' | '.join(filled)}) tidak dibaca sebagai indikator"
                + (
                    " (masukan = anggaran kegiatan)"
                    if level is None
                    else " (program tidak tertulis)"
                )
            )
            continue
        name = program if level == "program" else kegiatan
        money_cell = pagu if level == "kegiatan" and not pagu_written else None
        pagu_written |= money_cell is not None
        table.append([level, name, indikator, target, money_cell])
        where.append(int(grid.rows[r]))
    if pagu is not None and not pagu_written:
        table.append(["kegiatan", kegiatan, None, None, pagu])
        where.append(int(grid.rows[block[0][0]]))
    below = [
        r
        for r in range(block[-1][0] + 1, len(cells))
        if any(cell_texts(cells.iloc[r])) and not _is_closing_line(cell_texts(cells.iloc[r]))
    ]
    if below:
        notes.append(
            f"{grid.file}:{grid.sheet}: formulir DPA/RKA: {len(below)} baris di bawah blok "
            f"indikator (mulai baris {int(grid.rows[below[0]])}) tidak dibaca"
        )
    notes.append(
        f"{grid.file}:{grid.sheet}: formulir DPA/RKA satu kegiatan: dibaca sebagai tabel "
        f"(program {program!r}, kegiatan {kegiatan!r}, pagu dari 'Jumlah Anggaran', "
        "indikator dari blok Capaian Program / Keluaran / Hasil)"
    )
    width = len(HEADER)
    body = [t + [None] * (width - len(t)) for t in title] + [HEADER] + table
    out = SheetGrid(
        grid.file,
        grid.sheet,
        pd.DataFrame(body, dtype=object),
        np.array([*title_rows, int(grid.rows[header_at]), *where]),
    )
    return out, notes


def _is_closing_line(texts: list[str]) -> bool:
    """``Kelompok Sasaran Kegiatan : ...``: a heading line of the form, no figures."""
    joined = " ".join(t for t in texts if t)
    return bool(re.match(r"(?i)^\s*kelompok\s+sasaran\b", joined))
