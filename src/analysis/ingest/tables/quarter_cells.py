"""Several quarters typed into one cell, split into one line per quarter.

The *Evaluasi atas Rencana Aksi* form (seed 000 l. 97-102) prints some indicators on one
line with all four quarters in the target cell and the realisasi and capaian of each
quarter beside it, separated by blanks::

    TW 1 : 0 TW 2 : 0 TW 3 : 1 TW 4 : 1 | 0 0 1 1 | - - 100 100

Such a line becomes four lines, as the form prints the other indicators: the first
keeps the identity cells (uraian, indikator, satuan) and the note, the others continue
it (identity empty, as merged cells read). The k-th blank-separated value of the
realisasi and capaian cells belongs to the k-th quarter label. When the counts differ
(``TW 1 : TW 2 : 3 TW 3 : TW 4 : 3`` beside ``1 2 3`` and ``33``: which realisasi is
which quarter's is not printed), the line is not split and each cell is an error naming
what it holds - a figure is never put under a quarter by guess.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.ingest.formats.cells import split_quarter_cell

LABEL = re.compile(r"(?i)\b(?:tw|triwulan|trw)\s*\.?\s*(?:\d|iv|iii|ii|i)\b\s*[:=]")


def count_labels(text: pd.Series) -> pd.Series:
    return text.astype("str").where(text.notna()).str.count(LABEL).fillna(0).astype(int)


def expand(
    data: pd.DataFrame,
    rows: np.ndarray,
    target_col: int,
    value_cols: list[int],
    continuation_cols: list[int],
    note_cols: list[int],
) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, int, str, str]]]:
    """Lines with several quarters in ``target_col`` split into one line per quarter.

    Returns the new data and row numbers, and problems as ``(row, col, value, reason)``.
    """
    target = data.iloc[:, target_col]
    multi = (count_labels(target) > 1).to_numpy()
    if not multi.any():
        return data, rows, []
    problems: list[tuple[int, int, str, str]] = []
    pieces: list[pd.DataFrame] = []
    out_rows: list[np.ndarray] = []
    start = 0
    for i in np.flatnonzero(multi):
        pieces.append(data.iloc[start:i])
        out_rows.append(rows[start:i])
        start = i + 1
        line = data.iloc[i]
        quarters = split_quarter_cell(str(line.iloc[target_col]))
        if any(q is None for q, _ in quarters):
            problems.append(
                (
                    int(rows[i]),
                    target_col,
                    str(line.iloc[target_col]),
                    "teks sebelum label triwulan pertama; tulis 'TW n : nilai' saja",
                )
            )
            pieces.append(data.iloc[i : i + 1])
            out_rows.append(rows[i : i + 1])
            continue
        split_values = {}
        bad = False
        for c in value_cols:
            cell = line.iloc[c]
            tokens = [] if pd.isna(cell) or not str(cell).strip() else str(cell).split()
            if tokens and len(tokens) != len(quarters):
                problems.append(
                    (
                        int(rows[i]),
                        c,
                        str(cell),
                        f"{len(quarters)} triwulan di sel target tetapi {len(tokens)} nilai di "
                        "sel ini; triwulan tiap nilai tidak tertulis - "
                        "tulis satu triwulan per baris",
                    )
                )
                bad = True
            split_values[c] = tokens
        if bad:
            continue  # the line is left out: its errors name every cell
        block = pd.DataFrame([line.tolist()] * len(quarters), columns=data.columns, dtype=object)
        for k, (q, value) in enumerate(quarters):
            block.iat[k, target_col] = f"TW {q} : {value}" if value else f"TW {q} :"
            for c, tokens in split_values.items():
                block.iat[k, c] = tokens[k] if tokens else None
            if k:
                for c in continuation_cols + note_cols:
                    block.iat[k, c] = None
        pieces.append(block)
        out_rows.append(np.full(len(quarters), rows[i]))
    pieces.append(data.iloc[start:])
    out_rows.append(rows[start:])
    new = pd.concat([p.astype(object) for p in pieces], ignore_index=True)
    return new, np.concatenate(out_rows), problems
