"""Column numbers printed in a data row's figure cells.

A form converted from PDF may print the column-number row's numbers into the first data
row: seed 000's Rencana Aksi form gives the kegiatan of its first row ``9 | 10 | 11``
under TARGET | REALISASI | CAPAIAN (columns 9, 10 and 11 of the form). Read as figures
they are a target of 9, a realisasi of 10 and a capaian of 11 - wrong, and silently so.

A quarter whose target, realisasi and capaian are the consecutive whole numbers n, n+1,
n+2 while the capaian is not realisasi / target (more than one point apart) is such a
row: its three figures are cleared and each is an error naming the cell. (No real row
is n, n+1, n+2 with a matching capaian except 99 | 100 | 101, which passes.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import ErrorList, IngestError

TRIPLES = [
    (f"target{s}_tw{q}", f"realisasi{s}_tw{q}", f"capaian{s}_tw{q}")
    for s in ("", "_sd")
    for q in range(1, 5)
]
"""The target, realisasi and capaian of each quarter (and of each quarter to date)."""


def clear_column_numbers(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    """``rows`` with the figures of every column-number triple cleared, one error each."""
    if rows.empty or "sumber" not in rows:
        return rows
    out = rows
    for cols in TRIPLES:
        if not all(c in rows for c in cols):
            continue
        t, r, c = (pd.to_numeric(rows[x], errors="coerce").to_numpy(dtype=float) for x in cols)
        with np.errstate(divide="ignore", invalid="ignore"):
            whole = (t == np.round(t)) & (t >= 1)
            run = whole & (r == t + 1) & (c == t + 2)
            computed = r / t * 100
        hit = run & ~(np.abs(computed - c) <= 1)
        if not hit.any():
            continue
        if out is rows:
            out = rows.copy()
        mask = pd.Series(hit, index=rows.index)
        for sumber, values in zip(
            rows.loc[mask, "sumber"], zip(t[hit], r[hit], c[hit], strict=True), strict=True
        ):
            file, sheet, row = str(sumber).rsplit(":", 2)
            shown = ", ".join(f"{v:g}" for v in values)
            for col, value in zip(cols, values, strict=True):
                errors.add(
                    IngestError(
                        f"angka berurutan {shown} di target, realisasi dan capaian: nomor "
                        "kolom yang tercetak di baris data, bukan angka - tulis angkanya",
                        file=file,
                        sheet=sheet,
                        row=int(row),
                        column=col,
                        value=f"{value:g}",
                    )
                )
        out.loc[mask, list(cols)] = np.nan
    return out
