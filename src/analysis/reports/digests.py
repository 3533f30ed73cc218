"""What a report shows, as a fingerprint: the data part of its rebuild key.

A report of (kecamatan, tahun, triwulan) reads that kecamatan's rows of earlier years
(last year's comparison, the IKU history) and of its own year up to its own quarter (the
s/d figures, the quarter trend, the Rencana Aksi form); rows without a quarter (annual
IKU, findings of the year) count for every quarter of their year. It never reads a later
year or a later quarter of its own year (``views`` filters on ``tahun <= t`` and
``triwulan <= q`` everywhere; ``tests/test_reports_digests.py`` renders the views on the
slice and on the whole data and checks they agree). The overview of (tahun, triwulan)
reads every kecamatan's rows under the same rule.

So a correction to one office's 2025 file changes the key of that office's 2025 reports
(from the corrected quarter on) and of the 2025 overviews, and of nothing else: the
reports of 2024 are not rebuilt only to get a new timestamp.

Row hashes come from ``pd.util.hash_pandas_object`` (vectorised); each (table,
kecamatan, tahun, triwulan) cell gets one digest of its sorted row hashes, so the
fingerprint depends on the content, not on where ingest placed a row. The loops run over
cells (kecamatan x years x quarters), not rows.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from analysis.reports.loading import Tabel

NO_PERIOD = -1
"""Stands for a missing ``tahun`` or ``triwulan`` (a row of the whole year)."""

Cell = tuple[int, int, str, str]  # (tahun, triwulan, table, digest)


@dataclass
class PeriodDigests:
    """Cell digests of the processed tables, grouped by kecamatan."""

    cells: dict[str, list[Cell]] = field(default_factory=dict)

    def laporan(self, kecamatan: str, tahun: int, triwulan: int) -> str:
        """Fingerprint of what the report of ``kecamatan`` for (tahun, triwulan) shows."""
        return _combine(_shown(self.cells.get(kecamatan, ()), tahun, triwulan))

    def ringkasan(self, tahun: int, triwulan: int) -> str:
        """Fingerprint of what the overview of (tahun, triwulan) shows: every kecamatan."""
        parts = [
            (name, *cell)
            for name in sorted(self.cells)
            for cell in _shown(self.cells[name], tahun, triwulan)
        ]
        return _combine(parts)


def _shown(cells: Iterable[Cell], tahun: int, triwulan: int) -> list[Cell]:
    return sorted(
        c
        for c in cells
        if c[0] == NO_PERIOD
        or c[0] < tahun
        or (c[0] == tahun and (c[1] == NO_PERIOD or c[1] <= triwulan))
    )


def _combine(parts: Iterable[tuple]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update("\x1f".join(str(p) for p in part).encode() + b"\x1e")
    return digest.hexdigest()


def _period_codes(frame, column: str) -> np.ndarray:
    import pandas as pd

    if column not in frame.columns:
        return np.full(len(frame), NO_PERIOD, dtype=np.int64)
    values = pd.to_numeric(frame[column], errors="coerce")
    return values.fillna(NO_PERIOD).astype("int64").to_numpy()


def period_digests(data: Tabel) -> PeriodDigests:
    """The cell digests of every table the reports read (``loading.TABEL_LAPORAN``)."""
    import pandas as pd

    from analysis.reports.loading import TABEL_LAPORAN

    cells: dict[str, list[Cell]] = defaultdict(list)
    for name in TABEL_LAPORAN:
        frame = getattr(data, name)
        if frame.empty:
            continue
        rows = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        if "kecamatan" in frame.columns:
            kec_codes, kec_names = pd.factorize(frame["kecamatan"].fillna("").astype("str"))
        else:  # a table of no kecamatan is shown by every report
            kec_codes, kec_names = np.zeros(len(frame), dtype=np.int64), pd.Index(["*"])
        tahun, triwulan = _period_codes(frame, "tahun"), _period_codes(frame, "triwulan")
        order = np.lexsort((rows, triwulan, tahun, kec_codes))
        rows, tahun, triwulan, kec = rows[order], tahun[order], triwulan[order], kec_codes[order]
        change = (kec[1:] != kec[:-1]) | (tahun[1:] != tahun[:-1]) | (triwulan[1:] != triwulan[:-1])
        starts = np.flatnonzero(np.r_[True, change])
        for start, chunk in zip(starts, np.split(rows, starts[1:]), strict=True):
            key = str(kec_names[kec[start]])
            cell_digest = hashlib.sha256(chunk.tobytes()).hexdigest()
            cells[key].append((int(tahun[start]), int(triwulan[start]), name, cell_digest))
    shared = cells.pop("*", [])
    for key in cells:
        cells[key].extend(shared)
    return PeriodDigests(dict(cells))
