"""Rows inside a table that are not data, recognised and counted, never read as data.

Documents print more than data rows between the header and the end of a table:

* ``nomor kolom``: the column-number row (``(1) (2) ...``, ``1 2 ... 8 = (7/6)``) and
  formula rows (``(7/6*100)``), also where a page break repeats them;
* ``judul kolom berulang``: the header printed again after a page break;
* ``rata-rata tercetak``: the printed average under a table (``Rata-rata Capaian
  Kinerja | 100%``, seed 003): its figure sits in a merged cell under whatever column,
  so it is not read as that column's value; the recomputed averages are in
  ``ringkasan``;
* ``judul kelompok``: a heading over a group of rows typed in any column (``Sasaran
  Strategis 1: ...``, ``SASARAN II : ...``);
* ``judul/catatan``: a line with one cell, in an untitled, No, Kode or Sasaran column -
  the document title repeated at a page break (``**RENCANA KERJA KANTOR KECAMATAN
  KALAENA**`` in the Kode column), a group heading (``Sasaran Strategis 1: ...``), a
  note printed under the table.

Blank rows are dropped before (they are not counted: they carry nothing). The checks
run column by column over the whole table (vectorised); the summary counts each kind.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

NUMBER_CELL = re.compile(
    r"\(?\d{1,2}\)?(\s*=\s*\(?[\d/+*x\-\s]+\)?)?|\(?\d{1,2}\s*[/*x+\-]\s*\d{1,2}(\s*[/*x+\-]\s*\d{1,3})*\)?"
)
GROUP_HEADING = re.compile(
    r"(?i)(?:sasaran|tujuan|misi)(?:\s+strategis)?\s*(?:\d+|[ivx]+)?\s*[:.]\s*\S"
)
"""``Sasaran Strategis 1: ...``, ``SASARAN II : ...``: a heading over a group of rows, in
whatever column it is typed."""
FORMULA_CELL = re.compile(r"\(?\d+\s*[/*x]\s*\d+[^A-Za-z]*\)?")


def _normal(text: pd.Series) -> pd.Series:
    return text.str.lower().str.replace(r"[\s*_]+", " ", regex=True).str.strip()


def classify_rows(
    cells: pd.DataFrame,
    filled: np.ndarray,
    header_rows: list[list[str]],
    title_cols: set[int],
    name_cols: set[int] | None = None,
) -> pd.Series:
    """The kind of each non-data row (``None`` for a data row), by grid position.

    ``title_cols``: columns where a lone cell is a title or note, not data (untitled,
    No, Kode, Sasaran - never a figure, name or notes column, whose lone cell is a
    continuation line of the row above); ``name_cols``: columns where a printed average
    names its row (uraian, No) - a note that starts ``Rata-rata capaian`` is not one.
    """
    name_cols = set() if name_cols is None else name_cols
    n, width = filled.shape
    text = cells.astype("str").where(cells.notna(), "")
    n_filled = filled.sum(axis=1)
    kinds = pd.Series(np.full(n, None, dtype=object), index=cells.index)
    if n == 0:
        return kinds
    numbered_cells = np.zeros_like(filled)
    formula_cells = np.zeros_like(filled)
    for j in range(width):
        col = text.iloc[:, j].str.strip()
        numbered_cells[:, j] = col.str.fullmatch(NUMBER_CELL).fillna(False).to_numpy(dtype=bool)
        formula_cells[:, j] = col.str.fullmatch(FORMULA_CELL).fillna(False).to_numpy(dtype=bool)
    # every filled cell a column number (a data row "1 | Program A | 3" has a name)
    numbered = (n_filled >= 3) & ((numbered_cells & filled).sum(axis=1) == n_filled)
    # a numbered row has small ascending numbers; a row of figures 1..99 rarely does, but a
    # data row "1 | 2 | 3" of counts would: require the first filled cell to be 1 or (1)
    first = filled.argmax(axis=1)
    first_text = np.take_along_axis(text.to_numpy(dtype=object), first[:, None], axis=1)[:, 0]
    starts_one = (
        pd.Series(first_text, dtype="str").str.strip().str.fullmatch(r"\(?1\)?").fillna(False)
    ).to_numpy(dtype=bool)
    kinds[numbered & starts_one] = "nomor kolom"
    formula = (n_filled == 1) & (formula_cells & filled).any(axis=1)
    kinds[formula & kinds.isna().to_numpy()] = "nomor kolom"
    # the header again after a page break
    for header in header_rows:
        h = [(" ".join(t.split())).lower() for t in header] + [""] * width
        if sum(bool(t) for t in h) < 2:
            continue
        same = np.ones(n, dtype=bool)
        for j in range(width):
            col = _normal(text.iloc[:, j])
            same &= (~filled[:, j]) | (col == h[j]).to_numpy()
        repeat = same & (n_filled >= 2)
        kinds[repeat & kinds.isna().to_numpy()] = "judul kolom berulang"
    average = np.zeros(n, dtype=bool)
    for j in sorted(name_cols):
        average |= (
            text.iloc[:, j].str.strip().str.match(r"(?i)rata[\s-]*rata\s+capaian\b").fillna(False)
        ).to_numpy(dtype=bool)
    kinds[average & kinds.isna().to_numpy()] = "rata-rata tercetak"
    single = (n_filled == 1) & np.isin(first, sorted(title_cols))
    kinds[single & kinds.isna().to_numpy()] = "judul/catatan"
    group = (n_filled == 1) & (
        pd.Series(first_text, dtype="str").str.strip().str.match(GROUP_HEADING).fillna(False)
    ).to_numpy(dtype=bool)
    kinds[group & kinds.isna().to_numpy()] = "judul kelompok"
    return kinds


def summary(kinds: pd.Series) -> str | None:
    counts = kinds.dropna().value_counts()
    if counts.empty:
        return None
    return "baris bukan data dilewati: " + ", ".join(f"{k} {v}" for k, v in counts.items())
