"""Polaritas and agregasi as the office gives them, checked; defaults only after the merge."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.errors import ErrorList
from analysis.ingest.rows import cleaning
from analysis.ingest.rows.identity import row_error


def read_choices(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    if rows.empty:
        return rows
    for col in ("polaritas", "agregasi"):
        if col not in rows:
            rows[col] = pd.Series(pd.NA, index=rows.index, dtype="str")
    pol, bad = cleaning.normalise_choice(
        rows["polaritas"], schema.POLARITAS, cleaning.POLARITAS_ALIASES
    )
    row_error(
        errors, rows, bad, "polaritas", rows["polaritas"], "polaritas harus positif atau negatif"
    )
    agg, bad = cleaning.normalise_choice(
        rows["agregasi"], schema.AGREGASI, cleaning.AGREGASI_ALIASES
    )
    row_error(
        errors,
        rows,
        bad,
        "agregasi",
        rows["agregasi"],
        "agregasi harus jumlah, rata_rata atau akhir",
    )
    # the defaults come after tables of one report are merged (default_choices): a
    # default must not stand against, or win over, what another table gives
    rows["polaritas"] = pol
    rows["agregasi"] = agg
    return rows


def default_choices(frame: pd.DataFrame) -> pd.DataFrame:
    """polaritas ``positif`` and agregasi by the indicator where no table gave them."""
    if frame.empty:
        return frame
    frame["polaritas"] = frame["polaritas"].fillna("positif")
    frame["agregasi"] = frame["agregasi"].fillna(
        cleaning.default_agregasi(frame["indikator"], frame["satuan"])
    )
    return frame
