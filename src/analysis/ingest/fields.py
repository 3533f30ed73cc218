"""What each destination of a table's rows reads: its figure and text fields, the longest
text a cell may hold, month names, and codes printed over several columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema

MAX_IDENTITY_CHARS = 2_000
"""Longer identity cells (uraian, indikator, ...) are errors: no name is that long."""
MAX_NOTE_CHARS = 20_000
"""Longer notes are errors: a note is text typed in a cell, not a pasted document."""

KINERJA_FIGURES = [
    "target_tahunan",
    *schema.per_quarter(
        "target_tw",
        "realisasi_tw",
        "capaian_tw",
        "target_sd_tw",
        "realisasi_sd_tw",
        "capaian_sd_tw",
    ),
    "pagu_indikator",  # a plan's Rp printed per indicator row (plan_rows.indicator_rows)
]
BUDGET_FIGURES = [
    "pagu",
    *schema.per_quarter(
        "anggaran_tw",
        "realisasi_anggaran_tw",
        "anggaran_sd_tw",
        "realisasi_anggaran_sd_tw",
        "serapan_sd_tw",
    ),
]
IKU_FIGURES = ["target", "realisasi", "capaian"]
BULANAN_FIGURES = ["target", "realisasi", "capaian", "anggaran", "realisasi_anggaran"]
TEXT_FIELDS = [
    "kecamatan",
    "tahun",
    "kode",
    "tingkat",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "keterangan",
    "catatan_sumber",  # the transcriber's note, kept apart from the office's KET
    "sumber_dana",
    "bukti_dukung",
    "pendukung",  # the office's explanation columns, joined to keterangan (reasons.py)
    "hambatan",
    "solusi",
    *schema.per_quarter("keterangan_tw"),
]

MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mar": 3,
    "maret": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "agu": 8,
    "agt": 8,
    "agustus": 8,
    "aug": 8,
    "sep": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "oct": 10,
    "nov": 11,
    "november": 11,
    "des": 12,
    "desember": 12,
    "dec": 12,
}
MONTH_PREFIX = r"^(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?\s*:?\s*"


def joined_code(data: pd.DataFrame, parts: list[int]) -> pd.Series:
    """The parts of a code printed over several columns, joined with dots."""
    pieces = [
        data.iloc[:, c]
        .reset_index(drop=True)
        .astype("str")
        .str.strip()
        .str.rstrip(".")
        .str.replace(r"^(\d),(\d\d)$", r"\1.\2", regex=True)  # `2,01` typed for `2.01`
        for c in parts
    ]
    frame = pd.concat(pieces, axis=1).replace("", np.nan)
    joined = frame.apply(lambda col: col.fillna("")).agg(".".join, axis=1)
    joined = joined.str.replace(r"\.{2,}", ".", regex=True).str.strip(".")
    return joined.where(frame.notna().any(axis=1))
