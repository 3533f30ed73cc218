"""``build_tables``: the wide frames from reading/cleaning -> every processed table.

This is the one entry point ``analysis.pipeline`` calls; each table comes from a pure
function of its own module, and every table leaves with exactly the columns of
``schema.PROCESSED_TABLES`` in that order (also when an input is empty).
"""

from __future__ import annotations

import pandas as pd

from analysis.metrics.frames import finalize
from analysis.metrics.quarters import anggaran_long, kinerja_long
from analysis.metrics.rollup import ringkasan
from analysis.schema import PROCESSED_TABLES
from analysis.settings import DEFAULT_SETTINGS, Settings


def build_tables(
    kinerja_wide: pd.DataFrame,
    anggaran_wide: pd.DataFrame,
    iku_raw: pd.DataFrame,
    bulanan: pd.DataFrame,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, pd.DataFrame]:
    """Compute kinerja, anggaran, ringkasan, tren, iku, pemeriksaan and bulanan.

    Inputs have the columns of ``schema.KINERJA_WIDE``, ``ANGGARAN_WIDE``, ``IKU_RAW`` and
    ``BULANAN_WIDE`` (numbers as float, NaN = no value); any may be empty.
    """
    kinerja = kinerja_long(kinerja_wide, settings)
    anggaran = anggaran_long(anggaran_wide, settings)
    tables = {
        "kinerja": kinerja,
        "anggaran": anggaran,
        "ringkasan": ringkasan(kinerja, anggaran, settings),
        "tren": finalize(None, PROCESSED_TABLES["tren"]),
        "iku": finalize(None, PROCESSED_TABLES["iku"]),
        "pemeriksaan": finalize(None, PROCESSED_TABLES["pemeriksaan"]),
        "bulanan": finalize(bulanan, PROCESSED_TABLES["bulanan"]),
    }
    return {name: finalize(df, PROCESSED_TABLES[name]) for name, df in tables.items()}
