"""The column-number row printed under a header (``1 2 3 ...``, ``(1) (2) ...``,
``8 = (7/6)``, ``(7/6*100)``), told from a data row of small counts.

A row that prints a column number with its formula (``8 = (7/6)``) is a numbering row when
its numbers only increase: an office that leaves a column of the form out keeps the form's
numbers (``... 7 | 9 | 10=(5+7+9)``).

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
    cells = pd.Series(np.asarray(texts, dtype=object))
    number, formula = cell_numbers(cells)
    frame = pd.DataFrame(
        {
            "row": np.asarray(rows),
            "col": np.asarray(cols),
            "number": number.to_numpy(),
            "formula": formula.to_numpy(),
            # a number printed with its formula (``8 = (7/6)``): no data cell looks so
            "equation": (number.notna() & cells.astype("str").str.contains("=")).to_numpy(),
        }
    ).sort_values(["row", "col"], kind="stable")
    frame["formulas_before"] = frame.groupby("row")["formula"].cumsum()
    numbered = frame[frame["number"].notna()].copy()
    grouped = numbered.groupby("row")
    step = numbered["number"] - grouped["number"].shift()
    gap = numbered["formulas_before"] - grouped["formulas_before"].shift()
    # a form's numbering with a column left out (``... 7 | 9 | 10=(5+7+9)``): in a row that
    # prints a formula over columns it numbers, numbers that only increase
    equation = _formulas_over_own_numbers(frame, cells)[numbered["row"]].to_numpy()
    numbered["ok"] = step.isna() | (step == 1 + gap) | (equation & (step > 0))
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


def _formulas_over_own_numbers(frame: pd.DataFrame, cells: pd.Series) -> pd.Series:
    """Per row (indexed by row id): it prints a number with its formula (``8 = (7/6)``) and
    every column its formulas name is a number of the row (``1 | 2 | 8 = (7/6) | 9`` names
    6 and 7, which it does not number: no)."""
    rows = frame["row"].drop_duplicates()
    eq = frame[frame["equation"]]
    if eq.empty:
        return pd.Series(False, index=rows.to_numpy())
    text = cells.astype("str")[eq.index].str.split("=", n=1).str[1]
    refs = text.str.extractall(r"(\d{1,2})")[0].astype(float)
    refs = pd.DataFrame(
        {
            "row": eq["row"].to_numpy()[refs.index.get_level_values(0).map(eq.index.get_loc)],
            "number": refs.to_numpy(),
        }
    )
    own = frame.loc[frame["number"].notna(), ["row", "number"]].drop_duplicates()
    found = refs.merge(own, on=["row", "number"], how="left", indicator=True)
    missing = found.loc[found["_merge"] == "left_only", "row"].unique()
    out = pd.Series(False, index=rows.to_numpy())
    with_eq = eq["row"].unique()
    out[with_eq] = True
    out[missing] = False
    return out


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
