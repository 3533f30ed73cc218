"""The column-number row printed under a header (``1 2 3 ...``, ``(1) (2) ...``,
``8 = (7/6)``, ``(7/6*100)``), told from a data row of small counts.

A numbered row numbers its columns in order: every filled cell is a column number or a
formula over column numbers, and the numbers run ``k, k+1, k+2, ...`` across the row (a
formula-only cell such as ``(7/6*100)`` takes a place in the run). A data row of small
counts (``1 | 1 | 1 | 1``, ``1 | 2 | 3 | 4 | 1 | 2 | 3 | 4``) does not, and it is data:
holding small numbers is not enough.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

NUMBERED_CELL = re.compile(r"\(?(\d{1,2})\)?(?:\s*=\s*\(?[\d/+*x\-\s]+\)?)?")
"""A column number, alone or with its formula (``8 = (7/6)``, ``10=(5+7+9)``)."""
FORMULA_ONLY = re.compile(r"\(?\d{1,2}\s*[/*x+\-]\s*\d{1,2}(\s*[/*x+\-]\s*\d{1,3})*\)?")
"""A formula over column numbers with no number of its own (``(7/6*100)``)."""


def cell_numbers(texts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Per text: its column number (``NaN`` when none) and whether it is a formula-only cell.
    A text that is neither has no number and is not a formula."""
    texts = texts.astype("object").where(texts.notna(), "")
    texts = pd.Series([" ".join(str(t).split()) for t in texts], index=texts.index, dtype=object)
    number = texts.str.extract(f"^(?:{NUMBERED_CELL.pattern})$", expand=False)
    if isinstance(number, pd.DataFrame):
        number = number.iloc[:, 0]
    formula = texts.str.fullmatch(FORMULA_ONLY.pattern).fillna(False) & number.isna()
    return pd.to_numeric(number, errors="coerce"), formula.astype(bool)


def consecutive_rows(
    rows: np.ndarray, cols: np.ndarray, texts: pd.Series, *, min_numbers: int = 2
) -> pd.Series:
    """For the filled cells given (their row id, column and text), which rows are
    column-number rows: every cell a number or formula, the numbers consecutive in column
    order (a formula-only cell between two numbers takes one place), at least
    ``min_numbers`` numbers. Indexed by row id (only rows with cells appear)."""
    if len(rows) == 0:
        return pd.Series(dtype=bool)
    number, formula = cell_numbers(pd.Series(np.asarray(texts, dtype=object)))
    frame = pd.DataFrame(
        {
            "row": np.asarray(rows),
            "col": np.asarray(cols),
            "number": number.to_numpy(),
            "formula": formula.to_numpy(),
        }
    ).sort_values(["row", "col"], kind="stable")
    frame["formulas_before"] = frame.groupby("row")["formula"].cumsum()
    numbered = frame[frame["number"].notna()].copy()
    grouped = numbered.groupby("row")
    step = numbered["number"] - grouped["number"].shift()
    gap = numbered["formulas_before"] - grouped["formulas_before"].shift()
    numbered["ok"] = step.isna() | (step == 1 + gap)
    per_row = frame.groupby("row").agg(
        cells=("col", "size"),
        valid=("number", "count"),
        formulas=("formula", "sum"),
    )
    runs = numbered.groupby("row").agg(n=("number", "size"), ok=("ok", "all"))
    per_row = per_row.join(runs, how="left")
    return (
        (per_row["valid"] + per_row["formulas"] == per_row["cells"])
        & (per_row["n"].fillna(0) >= min_numbers)
        & per_row["ok"].fillna(False).astype(bool)
    )


def is_column_number_row(cells: list[object]) -> bool:
    """True for one row of cells that numbers its columns (see the module)."""
    texts = [" ".join(str(c).split()) for c in cells if c is not None]
    kept = [(i, t) for i, t in enumerate(texts) if t and t.lower() not in {"nan", "none"}]
    if len(kept) < 2:
        return False
    # a cell that is neither a column number nor a formula over them (any label) rules the
    # row out: decided here, without the frame :func:`consecutive_rows` builds for many rows
    if not all(NUMBERED_CELL.fullmatch(t) or FORMULA_ONLY.fullmatch(t) for _, t in kept):
        return False
    found = consecutive_rows(
        np.zeros(len(kept), dtype=np.int64),
        np.array([i for i, _ in kept]),
        pd.Series([t for _, t in kept], dtype=object),
    )
    return bool(found.iloc[0]) if len(found) else False
