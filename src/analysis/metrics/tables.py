"""``build_tables``: the wide frames from reading/cleaning -> every processed table.

This is the one entry point ``analysis.ingest.pipeline`` calls; each table comes from a pure
function of its own module, and every table leaves with exactly the columns of
``schema.PROCESSED_TABLES`` in that order (also when an input is empty or None).

:func:`iter_tables` computes the same tables one at a time, in the order that lets
each be released soonest (``ingest`` writes each as it comes: the national data's
tables do not fit in memory side by side); :func:`build_tables` collects them.

Printed totals (``tingkat == "total"``, e.g. Wotu TOTAL BELANJA) go only to
``pemeriksaan``: they are never counted as data in kinerja, anggaran, ringkasan or tren.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from analysis.metrics import methods
from analysis.metrics.check_capaian import check_parent_capaian, parent_capaian_rows
from analysis.metrics.frames import finalize, has_policy
from analysis.metrics.iku import iku_table
from analysis.metrics.monthly import bulanan_table
from analysis.metrics.quarters import anggaran_keyed, kinerja_keyed, kinerja_long
from analysis.metrics.reconciliation import combine_findings, pemeriksaan_parts
from analysis.metrics.rollup import MONEY, ringkasan_keyed
from analysis.metrics.root_cause import gabung_akibat
from analysis.metrics.trends import tren_keyed
from analysis.schema import PROCESSED_TABLES
from analysis.settings import DEFAULT_SETTINGS, Settings

RINGKASAN_CHECKED = [
    "kecamatan",
    "tahun",
    "triwulan",
    "tingkat",
    "kunci",
    "kunci_induk",
    "capaian_persen",
]
"""The columns of ``ringkasan`` that :func:`.reconciliation.check_capaian_induk` reads."""

KINERJA_KEPT = ["tahun", "triwulan", "capaian_sd_persen", "capaian_tw_persen", "target_sd"]
"""The columns of ``kinerja`` that ringkasan and tren read (besides its keys)."""


def _policy(name: str, df: pd.DataFrame) -> pd.DataFrame:
    # Every table comes out of finalize(); only a table that somehow does not (wrong
    # columns or dtypes) goes through it again.
    columns = PROCESSED_TABLES[name]
    return df if has_policy(df, columns) else finalize(df, columns)


def iter_tables(
    kinerja_wide: pd.DataFrame | None,
    anggaran_wide: pd.DataFrame | None,
    iku_raw: pd.DataFrame | None,
    bulanan: pd.DataFrame | None,
    settings: Settings = DEFAULT_SETTINGS,
    narasi: pd.DataFrame | None = None,
) -> Iterator[tuple[str, pd.DataFrame]]:
    """``(name, table)`` for every table of :func:`build_tables`, one at a time.

    After yielding a table the generator keeps only the few columns a later table
    needs, so a consumer that writes each table and drops it holds about one large
    table at a time (kinerja and anggaran together while pemeriksaan checks them).
    Order: anggaran, kinerja, ringkasan, tren, iku, pemeriksaan, bulanan, narasi (the
    office's explanations read from its Word reports, passed through); the check
    that needs ringkasan runs once ringkasan exists, on the few kinerja rows it compares
    (kept for it).
    """
    kin = kinerja_keyed(kinerja_wide, settings)
    ang = anggaran_keyed(anggaran_wide, settings)
    iku = _policy("iku", iku_table(iku_raw, settings))
    monthly = _policy("bulanan", bulanan_table(bulanan))
    checks = pemeriksaan_parts(
        kinerja_wide,
        anggaran_wide,
        kinerja=kin.table,
        anggaran=ang.table,
        ringkasan=None,
        iku=iku,
        bulanan=monthly,
        iku_raw=iku_raw,
        settings=settings,
        anggaran_keyed=ang,
    )
    parents = parent_capaian_rows(kin.table)
    yield "anggaran", _policy("anggaran", ang.table)
    ang = ang.select(["triwulan", *MONEY])
    yield "kinerja", _policy("kinerja", kin.table)
    kin = kin.select(KINERJA_KEPT)
    shared: dict = {}  # what no counting rule changes, computed once for all of them
    summary = _policy("ringkasan", ringkasan_keyed(kin, ang, settings, shared))
    totals = kinerja_long(kinerja_wide, settings, totals=True)

    def alternatives(kin=kin, ang=ang, shared=shared):  # the roll-up under every other rule
        return [
            (alt, ringkasan_keyed(kin, ang, alt, shared)[RINGKASAN_CHECKED])
            for alt in methods.other_settings(settings)
        ]

    checks["capaian_induk"] = check_parent_capaian(
        parents, totals, summary[RINGKASAN_CHECKED], settings, alternatives
    )
    del ang, parents, totals, alternatives, shared
    yield "ringkasan", summary
    del summary
    yield "tren", _policy("tren", tren_keyed(kin, iku, settings))
    del kin
    yield "iku", iku
    findings = gabung_akibat(combine_findings(checks), settings)  # one typo, one finding
    yield "pemeriksaan", _policy("pemeriksaan", findings)
    yield "bulanan", monthly
    yield "narasi", _policy("narasi", narasi if narasi is not None else pd.DataFrame())


def build_tables(
    kinerja_wide: pd.DataFrame | None,
    anggaran_wide: pd.DataFrame | None,
    iku_raw: pd.DataFrame | None,
    bulanan: pd.DataFrame | None,
    settings: Settings = DEFAULT_SETTINGS,
    narasi: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """Compute kinerja, anggaran, ringkasan, tren, iku, pemeriksaan and bulanan (and pass
    ``narasi`` through, with the columns of ``schema.NARASI``).

    Inputs have the columns of ``schema.KINERJA_WIDE``, ``ANGGARAN_WIDE``, ``IKU_RAW`` and
    ``BULANAN_WIDE`` (numbers as float, NaN = no value); any may be empty. The tables
    come in the order of ``schema.PROCESSED_TABLES``.
    """
    tables = dict(iter_tables(kinerja_wide, anggaran_wide, iku_raw, bulanan, settings, narasi))
    return {name: tables[name] for name in PROCESSED_TABLES}
