"""Bulanan (layout 1e): monthly figures, kept as given and placed in their quarter.

Kalaena's section-head reports (seed 003) give realisasi and spending per month; they are
kept for drill-down and checked against the quarter in :mod:`.reconciliation`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frames import conform, finalize
from analysis.schema import BULANAN, BULANAN_WIDE


def bulanan_table(bulanan: pd.DataFrame | None) -> pd.DataFrame:
    """The processed ``bulanan`` table: the input with ``triwulan`` filled from ``bulan``
    (months 1-3 are TW I, ...) where the source left it empty."""
    df = conform(bulanan, BULANAN_WIDE)
    if df.empty:
        return finalize(None, BULANAN)
    month = pd.to_numeric(df["bulan"], errors="coerce")
    from_month = np.ceil(month / 3.0)
    df["triwulan"] = pd.to_numeric(df["triwulan"], errors="coerce").fillna(from_month)
    out = finalize(df, BULANAN)
    return out.sort_values(["kecamatan", "tahun", "bulan"], kind="stable").reset_index(drop=True)
