"""``build_tables``: the wide frames from reading/cleaning -> every processed table.

This is the one entry point ``analysis.ingest.pipeline`` calls; each table comes from a pure
function of its own module, and every table leaves with exactly the columns of
``schema.PROCESSED_TABLES`` in that order (also when an input is empty or None).

Printed totals (``tingkat == "total"``, e.g. Wotu TOTAL BELANJA) go only to
``pemeriksaan``: they are never counted as data in kinerja, anggaran, ringkasan or tren.
"""

from __future__ import annotations

import pandas as pd

from analysis.metrics.frames import finalize, has_policy
from analysis.metrics.iku import iku_table
from analysis.metrics.monthly import bulanan_table
from analysis.metrics.quarters import anggaran_keyed, kinerja_keyed
from analysis.metrics.reconciliation import pemeriksaan
from analysis.metrics.rollup import ringkasan_keyed
from analysis.metrics.trends import tren_keyed
from analysis.schema import PROCESSED_TABLES
from analysis.settings import DEFAULT_SETTINGS, Settings


def build_tables(
    kinerja_wide: pd.DataFrame | None,
    anggaran_wide: pd.DataFrame | None,
    iku_raw: pd.DataFrame | None,
    bulanan: pd.DataFrame | None,
    settings: Settings = DEFAULT_SETTINGS,
) -> dict[str, pd.DataFrame]:
    """Compute kinerja, anggaran, ringkasan, tren, iku, pemeriksaan and bulanan.

    Inputs have the columns of ``schema.KINERJA_WIDE``, ``ANGGARAN_WIDE``, ``IKU_RAW`` and
    ``BULANAN_WIDE`` (numbers as float, NaN = no value); any may be empty.
    """
    kin = kinerja_keyed(kinerja_wide, settings)
    ang = anggaran_keyed(anggaran_wide, settings)
    kinerja, anggaran = kin.table, ang.table
    summary = ringkasan_keyed(kin, ang, settings)
    iku = iku_table(iku_raw, settings)
    monthly = bulanan_table(bulanan)
    tables = {
        "kinerja": kinerja,
        "anggaran": anggaran,
        "ringkasan": summary,
        "tren": tren_keyed(kin, iku, settings),
        "iku": iku,
        "pemeriksaan": pemeriksaan(
            kinerja_wide,
            anggaran_wide,
            kinerja=kinerja,
            anggaran=anggaran,
            ringkasan=summary,
            iku=iku,
            bulanan=monthly,
            iku_raw=iku_raw,
            settings=settings,
            anggaran_keyed=ang,
        ),
        "bulanan": monthly,
    }
    # Every table above comes out of finalize(); only a table that somehow does not
    # (wrong columns or dtypes) goes through it again.
    return {
        name: df if has_policy(df, PROCESSED_TABLES[name]) else finalize(df, PROCESSED_TABLES[name])
        for name, df in tables.items()
    }
