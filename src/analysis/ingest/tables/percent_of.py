"""A percent column printed under a target's name that holds realisasi / target.

Pengukuran Kinerja pages (simkinerja, Polewali Mandar BPKAD 2022) print ``Target |
Realisasi / Jumlah | Target Kinerja(%)``, the last being Jumlah / Target on every row
(93 / 95,56 = 97,32 %): a capaian, whatever its header says. A target printed a second
time in percent is left out with a note (:func:`analysis.ingest.tables.columns.
percent_variants`); this module tells the two apart by the figures, never by the header:
the column is the capaian when on every row that has all three its value is realisasi /
target x 100 (to the printed rounding, half a unit) and on at least one row it is not the
target itself.
"""

from __future__ import annotations

import numpy as np

from analysis.ingest.formats.cells import parse_numbers

TOLERANCE = 0.5
"""Half a unit: a capaian printed as a whole number (``97``) still matches 97,32."""


def _column(ctx, col: int) -> np.ndarray:
    cells = ctx.grid.cells
    if col >= cells.shape[1]:
        return np.full(max(len(cells) - ctx.header.data_start, 0), np.nan)
    raw = cells.iloc[ctx.header.data_start :, col].astype(object)
    return parse_numbers(raw)["value"].to_numpy(dtype="float64")


def is_capaian_of(ctx, percent: int, target: int, realisasi: int) -> bool:
    """True when column ``percent`` is realisasi / target x 100 on every comparable row."""
    p, t, r = (_column(ctx, c) for c in (percent, target, realisasi))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = r / t * 100
    both = ~np.isnan(p) & ~np.isnan(ratio) & np.isfinite(ratio)
    if not both.any():
        return False
    matches = np.abs(p[both] - ratio[both]) <= TOLERANCE
    differs_from_target = np.abs(p[both] - t[both]) > TOLERANCE
    return bool(matches.all() and differs_from_target.any())


def realisasi_beside(fields: list[str | None], period: str) -> int | None:
    """The one kinerja realisasi column of the same period (``realisasi`` + ``period``)."""
    cols = [i for i, f in enumerate(fields) if f == "realisasi" + period]
    return cols[0] if len(cols) == 1 else None
