"""One kecamatan's (or every kecamatan's) rows of one quarter: the slice each view reads."""

from __future__ import annotations

import pandas as pd


def periode(frame: pd.DataFrame, kecamatan: str | None, tahun: int, triwulan: int) -> pd.DataFrame:
    """The rows of ``frame`` for ``tahun``/``triwulan`` (and ``kecamatan`` unless None)."""
    mask = (frame["tahun"] == tahun) & (frame["triwulan"] == triwulan)
    if kecamatan is not None:
        mask &= frame["kecamatan"] == kecamatan
    return frame.loc[mask]
