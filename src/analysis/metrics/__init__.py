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
from analysis.metrics.gaps import GAP_COLUMNS, find_gaps, kekurangan_satuan
from analysis.metrics.iku import iku_table
from analysis.metrics.monthly import bulanan_table
from analysis.metrics.quarters import anggaran_long, kinerja_long
from analysis.metrics.reconciliation import pemeriksaan
from analysis.metrics.rollup import ringkasan
from analysis.metrics.tables import build_tables, iter_tables
from analysis.metrics.trends import arah, tren

__all__ = [
    "GAP_COLUMNS",
    "KATEGORI_LABEL",
    "KATEGORI_WARNA",
    "anggaran_long",
    "arah",
    "build_tables",
    "bulanan_table",
    "capaian",
    "cumulate",
    "efisiensi_persen",
    "find_gaps",
    "iku_table",
    "indeks_efisiensi",
    "iter_tables",
    "kategori",
    "kategori_label",
    "kategori_warna",
    "kekurangan_satuan",
    "kinerja_long",
    "kuadran",
    "nilai_efisiensi",
    "pemeriksaan",
    "ringkasan",
    "serapan_kas",
    "serapan_pagu",
    "tren",
]
