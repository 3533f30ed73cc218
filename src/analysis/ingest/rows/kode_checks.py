"""A kode is one entity at one level: checks across every table of an office.

Permendagri 90/2019 numbers a program with three parts (``7.01.01``), a kegiatan with
five (``7.01.01.2.01``) and a sub kegiatan with six (``7.01.01.2.01.01``; seed 001 prints
seven, ``7.1.1.2.01.05.02``). Two rules follow, checked over the rows of all files of one
kecamatan-year together:

* a kode longer than that (``7.01.01.2.01.01.5.1.2``: nine parts) is no
  program, kegiatan or sub kegiatan - read as a sub kegiatan it would stand beside its
  own parent; it is an error naming the row (budget lines, ``rekening``, have their own
  numbering and are not checked);
* one kode given at two levels (``kegiatan`` in one table, ``sub kegiatan`` in another)
  would roll its figures up twice or not at all: an error naming both places.

And one finding, not an error: codes that ``data/reference/nomenklatur.csv`` does not
know (:func:`codes_outside`).
"""

from __future__ import annotations

import pandas as pd

from analysis.distinct import per_distinct
from analysis.errors import ErrorList, Finding, Findings, IngestError
from analysis.ingest.reference import Nomenklatur
from analysis.ingest.sources import split_sumber

MAX_KODE_PARTS = 7
"""Parts of the longest kode an office prints: a sub kegiatan's six, and seven where
the sub kegiatan number is printed in two parts (seed 001 T-C.29:
``7.1.1.2.01.05.02``)."""
NOT_ENTITIES = ("rekening", "total")


def check_kode_levels(rows: pd.DataFrame, errors: ErrorList) -> None:
    """Errors for kode longer than a sub kegiatan's and for a kode at two levels."""
    need = {"kecamatan", "tahun", "kode", "tingkat", "sumber"}
    if rows.empty or not need <= set(rows.columns):
        return
    coded = rows[rows["kode"].notna() & ~rows["tingkat"].isin(NOT_ENTITIES)]
    if coded.empty:
        return
    kode = coded["kode"].astype("str")
    # once per distinct kode: 1.1M coded rows at national scale hold a few hundred
    parts = per_distinct(kode, lambda k: k.str.count(r"\.") + 1)
    for sumber, value, n in zip(
        coded.loc[parts > MAX_KODE_PARTS, "sumber"],
        kode[parts > MAX_KODE_PARTS],
        parts[parts > MAX_KODE_PARTS],
        strict=True,
    ):
        file, sheet, row = split_sumber(sumber)
        errors.add(
            IngestError(
                f"kode {value} terdiri dari {n} bagian; kode sub kegiatan paling panjang "
                f"{MAX_KODE_PARTS} bagian (7.1.1.2.01.05.02) - periksa kodenya",
                file=file,
                sheet=sheet,
                row=row,
                column="kode",
                value=value,
            )
        )
    leveled = coded[coded["tingkat"].notna() & (parts <= MAX_KODE_PARTS)]
    group = ["kecamatan", "tahun", "kode"]
    levels = leveled.groupby(group, dropna=False, sort=False)["tingkat"].transform("nunique")
    clash = leveled[levels > 1]
    if clash.empty:
        return
    for _, grp in clash.groupby(group, dropna=False, sort=False):
        first_level, first_where = grp["tingkat"].iloc[0], grp["sumber"].iloc[0]
        seen: set[str] = {first_level}
        for level, sumber in zip(grp["tingkat"].iloc[1:], grp["sumber"].iloc[1:], strict=True):
            if level in seen:
                continue  # one error per other level, at its first row
            seen.add(level)
            file, sheet, row = split_sumber(sumber)
            errors.add(
                IngestError(
                    f"kode {grp['kode'].iloc[0]} sudah dipakai sebagai {first_level} di "
                    f"{first_where}, di sini sebagai {level}; satu kode satu tingkat - "
                    "periksa kode atau tingkatnya",
                    file=file,
                    sheet=sheet,
                    row=row,
                    column="tingkat",
                    value=level,
                )
            )


# --- codes outside the nomenclature ------------------------------------------------
# Codes outside the nomenclature: one finding per file and kecamatan-year.
#
# A program, kegiatan or sub kegiatan code that ``data/reference/nomenklatur.csv`` does not
# know is usually a typo (Kalaena 2024: ``7.01.04.7.03.02`` for ``7.01.04.2.01.02``) or an
# older numbering (``7.1.1.2.01.02``); either way the row does not join the same node of
# another table or year. The codes of one file and kecamatan-year share their cause, so
# they are listed in one finding (``kode_di_luar_nomenklatur``) rather than one each.

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
