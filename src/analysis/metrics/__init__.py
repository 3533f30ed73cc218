"""Metrics: capaian, bands, roll-ups, serapan, efficiency, trends, gaps, reconciliation.

Pure, vectorised functions over DataFrames, one module per concern; the formulas and
their sources are in ``docs/data-contract.md`` §3 and in each module's docstring.
:func:`build_tables` is what the pipeline calls.
"""

from analysis.metrics.absorption import serapan_kas, serapan_pagu
from analysis.metrics.achievement import capaian, cumulate
from analysis.metrics.bands import (
    KATEGORI_LABEL,
    KATEGORI_WARNA,
    kategori,
    kategori_label,
    kategori_warna,
)
from analysis.metrics.efficiency import efisiensi_persen, indeks_efisiensi, kuadran, nilai_efisiensi
from analysis.metrics.quarters import anggaran_long, kinerja_long
from analysis.metrics.rollup import ringkasan
from analysis.metrics.tables import build_tables

__all__ = [
    "KATEGORI_LABEL",
    "KATEGORI_WARNA",
    "anggaran_long",
    "build_tables",
    "capaian",
    "cumulate",
    "efisiensi_persen",
    "indeks_efisiensi",
    "kategori",
    "kategori_label",
    "kategori_warna",
    "kinerja_long",
    "kuadran",
    "nilai_efisiensi",
    "ringkasan",
    "serapan_kas",
    "serapan_pagu",
]
