"""How much of an office a report covers: one rule for the kecamatan page, its Word
draft, the regency overview and the index, so a report holding one seksi's figures is
said to be partial wherever its capaian is shown."""

from __future__ import annotations

import pandas as pd

SEMPIT = {"program": 1, "sub_kegiatan": 2}
"""At most this many programs and sub kegiatan: the figures are one part of the office
(a seksi's own report, e.g. Kalaena TW I 2025), not the whole Kantor Kecamatan."""

SEBAGIAN_KANTOR = (
    "Laporan ini hanya memuat angka dari sebagian kantor (misalnya laporan satu seksi), "
    "bukan seluruh Kantor Kecamatan: angka utamanya bukan kinerja kecamatan secara utuh."
)
"""The caveat a partial report carries (page and Word draft)."""


def sebagian_kantor(program: pd.Series | int, sub_kegiatan: pd.Series | int) -> pd.Series | bool:
    """Whether these node counts are a part of the office only (see :data:`SEMPIT`)."""
    return (program <= SEMPIT["program"]) & (sub_kegiatan <= SEMPIT["sub_kegiatan"])


def lingkup_kecamatan(ringkasan: pd.DataFrame) -> pd.DataFrame:
    """Programs and sub kegiatan per kecamatan-year-quarter of ``ringkasan`` and whether
    that is a part of the office only (``sebagian``)."""
    keys = ["kecamatan", "tahun", "triwulan"]
    nodes = ringkasan[ringkasan["tingkat"].isin(list(SEMPIT))]
    counts = (
        pd.crosstab([nodes[k] for k in keys], nodes["tingkat"])
        .reindex(columns=list(SEMPIT), fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    counts["sebagian"] = sebagian_kantor(counts["program"], counts["sub_kegiatan"])
    return counts
