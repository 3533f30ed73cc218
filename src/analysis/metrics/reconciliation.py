"""Pemeriksaan: printed figures that disagree with the recomputed ones, and implausible data.

Hand-made reports do not add up (seeds README): a capaian printed as 75 % where
realisasi 150 of target 100 is 150 % (Kalaena TW1), a kegiatan pagu of Rp 39.000.000
over sub kegiatan worth Rp 107.250.000 (Wotu Tabel 2.8), a serapan of 98,51 % where
the row's own figures give 99,95 % (Wotu Tabel 3.4). The data contract (§4) makes such
mismatches findings, never errors and never hidden: each becomes one row of
``pemeriksaan`` saying what was printed, what it should be, by how much it differs and
where it came from, in a sentence a planner understands.

Kinds (``jenis``):
``capaian_berbeda``, ``capaian_tanpa_target``, ``capaian_induk_berbeda``,
``serapan_berbeda``, ``pagu_induk_berbeda``, ``anggaran_induk_berbeda``,
``realisasi_induk_berbeda``, ``total_berbeda``, ``realisasi_melebihi_pagu``,
``nilai_negatif``, ``target_triwulan_melebihi_tahunan``, ``target_tahunan_tidak_cocok``,
``bulanan_tidak_cocok``.

Parents and children: a sub kegiatan's parent is its kegiatan, a kegiatan's its program
(see :mod:`.hierarchy`); a printed total (``tingkat == "total"``) is compared with the
sum of the program rows and with the kecamatan roll-up; a ``rekening`` line belongs to
the nearest sub kegiatan above it in the same sheet (by the row number in ``sumber``).

The checks live by family in :mod:`.check_capaian`, :mod:`.check_money`,
:mod:`.check_values` and :mod:`.guards` (their shared wording in :mod:`.check_base`);
this module runs them in the order of :data:`CHECKS` and combines their findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.metrics.check_base import KEPARAHAN_URUTAN
from analysis.metrics.check_capaian import check_capaian, check_capaian_induk
from analysis.metrics.check_money import (
    check_money_children,
    check_money_totals,
    check_over_pagu,
    check_serapan,
)
from analysis.metrics.check_values import check_iku, check_monthly, check_negative, check_targets
from analysis.metrics.frames import conform, finalize, lower_text, per_value, year
from analysis.metrics.guards import check_capaian_undefined
from analysis.metrics.hierarchy import Keyed
from analysis.metrics.quarters import anggaran_long, kinerja_long
from analysis.schema import (
    ANGGARAN_WIDE,
    BULANAN_WIDE,
    IKU_RAW,
    KINERJA_WIDE,
    PEMERIKSAAN,
    per_quarter,
)
from analysis.settings import DEFAULT_SETTINGS, Settings

CHECKS: tuple[tuple[str, Callable[..., list[pd.DataFrame]], tuple[str, ...]], ...] = (
    ("capaian", check_capaian, ("kinerja", "settings")),
    ("capaian_tak_terhitung", check_capaian_undefined, ("kinerja",)),
    ("capaian_induk", check_capaian_induk, ("kinerja", "kin_totals", "ringkasan", "settings")),
    ("serapan", check_serapan, ("anggaran_with_totals", "settings")),
    ("money_children", check_money_children, ("anggaran", "settings", "anggaran_keyed")),
    ("money_totals", check_money_totals, ("anggaran", "ang_totals", "settings")),
    ("over_pagu", check_over_pagu, ("anggaran", "settings")),
    ("negative", check_negative, ("numbers",)),
    ("targets", check_targets, ("kin_data",)),
    ("monthly", check_monthly, ("bulanan", "kinerja", "anggaran", "settings")),
    ("iku", check_iku, ("iku", "settings")),
)
"""The checks in :func:`pemeriksaan`'s order: name, function, and the prepared inputs it
takes (by name, see :func:`pemeriksaan_parts`)."""

SKIPPED_WITHOUT = ("ringkasan",)
"""Inputs that may be ``None``: a check that needs one of them is then left out."""


def pemeriksaan_parts(
    kinerja_wide: pd.DataFrame,
    anggaran_wide: pd.DataFrame,
    *,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    ringkasan: pd.DataFrame | None,
    iku: pd.DataFrame | None = None,
    bulanan: pd.DataFrame | None = None,
    iku_raw: pd.DataFrame | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    anggaran_keyed: Keyed | None = None,
) -> dict[str, list[pd.DataFrame]]:
    """The findings of each check, by check, in :func:`pemeriksaan`'s order.

    With ``ringkasan=None`` the one check that needs it (``capaian_induk``) is left out:
    :func:`analysis.metrics.iter_tables` runs it later (:func:`check_parent_capaian`),
    once kinerja and anggaran are written and released.
    """
    kw = conform(kinerja_wide, KINERJA_WIDE)
    aw = conform(anggaran_wide, ANGGARAN_WIDE)
    # the printed kinerja totals serve only the check that needs ringkasan (run later
    # by iter_tables, which has them already): not computed when it is left out
    kin_totals = kinerja_long(kw, settings, totals=True) if ringkasan is not None else None
    ang_totals = anggaran_long(aw, settings, totals=True)
    iku_df = conform(iku, ["kecamatan", "tahun", "triwulan", "indikator", "target", "realisasi",
                           "capaian_persen", "capaian_dilaporkan", "sumber"])  # fmt: skip
    bul = conform(bulanan, BULANAN_WIDE)
    if len(bul):
        bul["tahun"] = year(bul["tahun"])
        bul["triwulan"] = pd.to_numeric(bul["triwulan"], errors="coerce").astype("Int64")
        for c in ("realisasi", "target", "anggaran", "realisasi_anggaran", "bulan"):
            bul[c] = pd.to_numeric(bul[c], errors="coerce")

    kin_total = per_value(lambda t: lower_text(t).eq("total"), kw["tingkat"]).to_numpy()
    kin_data = kw[~kin_total] if kin_total.any() else kw
    kin_cols = per_quarter("target_tw", "realisasi_tw", "target_sd_tw", "realisasi_sd_tw")
    ang_cols = per_quarter(
        "anggaran_tw", "realisasi_anggaran_tw", "anggaran_sd_tw", "realisasi_anggaran_sd_tw"
    )
    numbers = {
        "kinerja": (kw, ["target_tahunan", *kin_cols]),
        "anggaran": (aw, ["pagu", *ang_cols]),
        "iku": (conform(iku_raw, IKU_RAW), ["target", "realisasi"]),
        "bulanan": (bul, ["target", "realisasi", "anggaran", "realisasi_anggaran"]),
    }
    inputs: dict[str, object] = {
        "kinerja": kinerja,
        "anggaran": anggaran,
        "ringkasan": ringkasan,
        "settings": settings,
        "anggaran_keyed": anggaran_keyed,
        "kin_totals": kin_totals,
        "ang_totals": ang_totals,
        "anggaran_with_totals": pd.concat([anggaran, ang_totals], ignore_index=True),
        "numbers": numbers,
        "kin_data": kin_data,
        "bulanan": bul,
        "iku": iku_df,
    }
    return {
        name: (
            []
            if any(inputs[n] is None for n in needs if n in SKIPPED_WITHOUT)
            else check(*(inputs[n] for n in needs))
        )
        for name, check, needs in CHECKS
    }


def combine_findings(parts: dict[str, list[pd.DataFrame]]) -> pd.DataFrame:
    """The findings of :func:`pemeriksaan_parts` as one table, most severe first."""
    found = [p for part in parts.values() for p in part if len(p)]
    if not found:
        return finalize(None, PEMERIKSAAN)
    out = pd.concat([finalize(p, PEMERIKSAAN) for p in found], ignore_index=True)
    out["_sev"] = out["tingkat_keparahan"].map(KEPARAHAN_URUTAN)
    out["_abs"] = out["selisih"].abs()
    out = out.sort_values(
        ["_sev", "kecamatan", "tahun", "triwulan", "jenis", "_abs"],
        ascending=[True, True, True, True, True, False],
        kind="stable",
        na_position="last",
    )
    return finalize(out, PEMERIKSAAN)


def pemeriksaan(
    kinerja_wide: pd.DataFrame,
    anggaran_wide: pd.DataFrame,
    *,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    ringkasan: pd.DataFrame,
    iku: pd.DataFrame | None = None,
    bulanan: pd.DataFrame | None = None,
    iku_raw: pd.DataFrame | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    anggaran_keyed: Keyed | None = None,
) -> pd.DataFrame:
    """Every finding, most severe first (``schema.PEMERIKSAAN``).

    ``anggaran_keyed``: ``anggaran`` with its source rows (:class:`.hierarchy.Keyed`), to
    reuse their keys. The consequences of a wrong parent pagu are listed inside its
    finding (:func:`.root_cause.gabung_akibat`)."""
    from analysis.metrics.root_cause import gabung_akibat

    found = combine_findings(
        pemeriksaan_parts(
            kinerja_wide,
            anggaran_wide,
            kinerja=kinerja,
            anggaran=anggaran,
            ringkasan=ringkasan,
            iku=iku,
            bulanan=bulanan,
            iku_raw=iku_raw,
            settings=settings,
            anggaran_keyed=anggaran_keyed,
        )
    )
    return gabung_akibat(found, settings)
