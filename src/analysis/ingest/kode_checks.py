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
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ErrorList, IngestError
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
    parts = kode.str.count(r"\.") + 1
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
