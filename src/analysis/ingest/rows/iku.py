"""IKU rows (layout 1d) to the ``iku_raw`` frame: unit, polaritas, quarter, indicator checked."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import ErrorList
from analysis.ingest.rows import cleaning
from analysis.ingest.rows.identity import row_error
from analysis.ingest.rows.wide import conform, typed


def iku_raw(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    if rows.empty:
        return typed(
            conform(rows, schema.IKU_RAW), ["target", "realisasi", "capaian_dilaporkan"]
        ).assign(triwulan=pd.Series(dtype="Int64"))
    rows = rows.copy()
    if "satuan" not in rows:
        rows["satuan"] = pd.NA
    rows["satuan"] = rows["satuan"].fillna(rows.get("_unit"))
    pol, bad = cleaning.normalise_choice(
        rows["polaritas"] if "polaritas" in rows else pd.Series(pd.NA, index=rows.index),
        schema.POLARITAS,
        cleaning.POLARITAS_ALIASES,
    )
    row_error(
        errors,
        rows,
        bad,
        "polaritas",
        rows.get("polaritas", pd.Series(pd.NA, index=rows.index)),
        "polaritas harus positif atau negatif",
    )
    rows["polaritas"] = pol  # "positif" where none is given: after the merge
    rows["capaian_dilaporkan"] = rows.get("capaian", np.nan)
    if "triwulan" not in rows:
        rows["triwulan"] = np.nan
    no_ind = rows["indikator"].isna() if "indikator" in rows else pd.Series(True, index=rows.index)
    row_error(
        errors,
        rows,
        no_ind,
        "indikator",
        pd.Series(pd.NA, index=rows.index),
        "baris IKU tanpa indikator",
    )
    out = typed(conform(rows, schema.IKU_RAW), ["target", "realisasi", "capaian_dilaporkan"])
    out["triwulan"] = pd.to_numeric(out["triwulan"], errors="coerce").astype("Int64")
    return out
