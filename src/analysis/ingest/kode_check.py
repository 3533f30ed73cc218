"""Codes outside the nomenclature: one finding per file and kecamatan-year.

A program, kegiatan or sub kegiatan code that ``data/reference/nomenklatur.csv`` does not
know is usually a typo (Kalaena 2024: ``7.01.04.7.03.02`` for ``7.01.04.2.01.02``) or an
older numbering (``7.1.1.2.01.02``); either way the row does not join the same node of
another table or year. The codes of one file and kecamatan-year share their cause, so
they are listed in one finding (``kode_di_luar_nomenklatur``) rather than one each.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import Finding, Findings
from analysis.ingest.cleaning import Nomenklatur

LEVELS = ("program", "kegiatan", "sub_kegiatan")
SHOWN = 5
"""Codes written out in the finding; the rest are counted."""


def codes_outside(rows: pd.DataFrame, nomenklatur: Nomenklatur, findings: Findings) -> None:
    """Add one finding per (kecamatan, tahun, file) listing the codes of ``rows``
    (``kecamatan, tahun, kode, tingkat, uraian, sumber``) absent from the nomenclature."""
    known = set(nomenklatur.table["kode"].dropna())
    if not known or rows.empty:
        return
    odd = rows[rows["kode"].notna() & rows["tingkat"].isin(LEVELS) & ~rows["kode"].isin(known)]
    if odd.empty:
        return
    odd = odd.assign(_file=odd["sumber"].astype("str").str.rsplit(":", n=2).str[0])
    odd = odd.drop_duplicates(["kecamatan", "tahun", "_file", "kode"])
    for (kec, tahun, _), group in odd.groupby(
        ["kecamatan", "tahun", "_file"], sort=False, dropna=False
    ):
        listed = (group["kode"] + " " + group["uraian"].astype("str").map(repr)).tolist()
        more = len(listed) - SHOWN
        text = "; ".join(listed[:SHOWN]) + (f"; dan {more} kode lain" if more > 0 else "")
        findings.add(
            Finding(
                pesan=(
                    f"{len(listed)} kode tidak ada di nomenklatur (data/reference/"
                    f"nomenklatur.csv): {text}. Salah ketik atau penomoran lama membuat baris "
                    "ini tidak tergabung dengan tabel atau tahun lain - periksa kodenya"
                ),
                jenis="kode_di_luar_nomenklatur",
                sumber=str(group["sumber"].iloc[0]),
                kecamatan=None if pd.isna(kec) else str(kec),
                tahun=None if pd.isna(tahun) else int(tahun),
                kode=str(group["kode"].iloc[0]),
                kolom="kode",
                dilaporkan=str(group["kode"].iloc[0]),
                tingkat_keparahan="sedang",
                uraian=str(group["uraian"].iloc[0]),
            )
        )
