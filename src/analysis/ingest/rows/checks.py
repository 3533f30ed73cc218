"""Checks over the clean rows: one identity given twice, one kode given two names, a budget
line printed twice in one sheet.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.errors import ErrorList, Finding, Findings, IngestError
from analysis.ingest.rows import cleaning
from analysis.ingest.sources import split_sumber
from analysis.ingest.text import per_unique


def duplicate_check(frame: pd.DataFrame, keys: list[str], errors: ErrorList, column: str) -> None:
    """Rows with the same identity from two places: an error naming both sources."""
    if frame.empty:
        return
    k = frame[keys].astype("str").fillna("")
    if column in keys:  # one name in another case or punctuation is the same indicator
        k[column] = _name_key(frame[column]).fillna("").to_numpy()
    dup = k.duplicated(keep=False)
    if not dup.any():
        return
    sub = frame[dup].assign(_k=k[dup].agg("|".join, axis=1))
    for _, grp in sub.groupby("_k", sort=False):
        first = grp["sumber"].iloc[0]
        for sumber, value in zip(grp["sumber"].iloc[1:], grp[column].iloc[1:], strict=True):
            file, sheet, row = split_sumber(sumber)
            errors.add(
                IngestError(
                    "baris ganda: "
                    + ", ".join(f"{c}={grp[c].iloc[0]}" for c in keys if c != "kunci")
                    + " "
                    f"sudah ada di {first}",
                    file=file,
                    sheet=sheet,
                    row=int(row),
                    column=column,
                    value=value,
                )
            )


@per_unique
def _name_key(names: pd.Series) -> pd.Series:
    """``PERSENTASE Kinerja.`` -> ``persentase kinerja``: a name as compared for duplicates."""
    text = names.astype("str").where(names.notna()).str.lower()
    return text.str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


def kode_name_check(rows: pd.DataFrame, errors: ErrorList, findings: Findings) -> None:
    """One kode given two different names (see :func:`cleaning.kode_name_conflicts`).

    In one sheet it is an error (a kode copied onto the wrong line: the two rows would be
    merged); across files, where offices shorten and retype names, a finding.
    """
    conflicts = cleaning.kode_name_conflicts(rows)
    if conflicts.empty:
        return
    # where the first name is, as the office would find it (berkas X, lembar Y, baris Z)
    conflicts = conflicts.assign(sumber_pertama=fmt.tempat(conflicts["sumber_pertama"]))
    for row in conflicts.itertuples(index=False):
        file, sheet, line = split_sumber(row.sumber)
        if row.satu_sheet:
            errors.add(
                IngestError(
                    f"kode {row.kode} sudah dipakai untuk {row.uraian_pertama!r} "
                    f"({row.sumber_pertama}); satu kode tidak boleh untuk dua nama - "
                    f"periksa kode baris ini ({row.uraian!r})",
                    file=file,
                    sheet=sheet,
                    row=int(line),
                    column="kode",
                    value=row.kode,
                )
            )
            continue
        findings.add(
            Finding(
                pesan=(
                    f"kode {row.kode} dipakai untuk dua nama berbeda: "
                    f"{row.uraian_pertama!r} ({row.sumber_pertama}) dan {row.uraian!r}; "
                    "angka keduanya digabung di bawah satu kode - periksa kode atau namanya"
                ),
                jenis="kode_nama_berbeda",
                sumber=row.sumber,
                kecamatan=row.kecamatan,
                tahun=int(row.tahun) if pd.notna(row.tahun) else None,
                kode=row.kode,
                kolom="kode",
                dilaporkan=row.uraian,
                tingkat_keparahan="sedang",
                uraian=row.uraian,
            )
        )


def repeat_findings(rows: pd.DataFrame, findings: Findings) -> None:
    if rows.empty or "_repeat_of" not in rows:
        return
    rep = rows[rows["_repeat_of"].notna()]
    for _, row in rep.iterrows():
        findings.add(
            Finding(
                pesan=(
                    f"{row['tingkat']} {row['uraian']!r} tercetak dua kali dalam satu sheet "
                    "anggaran "
                    "dengan angka sendiri; dibaca sebagai dua baris terpisah - periksa namanya"
                ),
                jenis="uraian_ganda",
                sumber=row["sumber"],
                kecamatan=row["kecamatan"],
                tahun=int(row["tahun"]) if pd.notna(row["tahun"]) else None,
                kode=row["kode"] if pd.notna(row["kode"]) else None,
                kolom="uraian",
                tingkat_keparahan="sedang",
                uraian=row["uraian"],
            )
        )
