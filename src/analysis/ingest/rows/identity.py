"""Identity of every row: kecamatan, tahun, kode, tingkat and uraian, checked across all files.

A value a row cannot have (an unknown kecamatan, a year that is not four digits, a
tingkat nobody can tell) is an error naming file, sheet, row, column and value;
:func:`hierarchy` gives each row its ``kunci`` and its ancestors' keys.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import ErrorList, Finding, Findings, IngestError
from analysis.formatting import TINGKAT_LABEL
from analysis.ingest.reference import KecamatanReference, Nomenklatur
from analysis.ingest.rows import cleaning
from analysis.ingest.sources import split_sumber
from analysis.ingest.text import clean_text, per_unique, strip_markup

YEAR_RANGE = (2000, 2100)


def row_error(
    errors: ErrorList,
    rows: pd.DataFrame,
    mask: pd.Series,
    column: str,
    values: pd.Series,
    reason: str,
) -> None:
    for sumber, value in zip(rows.loc[mask, "sumber"], values[mask], strict=True):
        file, sheet, row = split_sumber(sumber)
        errors.add(
            IngestError(reason, file=file, sheet=sheet, row=int(row), column=column, value=value)
        )


def clean_kecamatan_tahun(
    rows: pd.DataFrame, kec_ref: KecamatanReference, errors: ErrorList
) -> pd.DataFrame:
    if rows.empty:
        return rows
    # ``rows`` is ingest's own concatenated frame: its columns are replaced in place
    # (no copy of the whole frame; 0.3 s and a frame's worth of memory at national scale)
    raw_kec = rows["kecamatan"] if "kecamatan" in rows else pd.Series(pd.NA, index=rows.index)
    name, unknown = kec_ref.resolve(raw_kec)
    row_error(
        errors,
        rows,
        unknown,
        "kecamatan",
        raw_kec,
        "kecamatan tidak dikenal; yang sah: "
        + ", ".join(kec_ref.names)
        + "; ejaan lain ditambahkan sebagai alias di data/reference/kecamatan.csv",
    )
    missing = raw_kec.isna() | (raw_kec.astype("str").str.strip() == "")
    row_error(
        errors,
        rows,
        missing,
        "kecamatan",
        raw_kec,
        "kecamatan tidak diketahui (tidak ada kolom, judul 'KECAMATAN ...' atau nama file "
        "'<kecamatan>_<tahun>_...'); kecamatan dari kabupaten yang diatur (kabupaten = ... di "
        "kinerja.toml atau --kabupaten), ejaan lain di data/reference/kecamatan.csv",
    )
    rows["kecamatan"] = name
    raw_year = rows["tahun"] if "tahun" in rows else pd.Series(pd.NA, index=rows.index)
    text, year = _year_text(raw_year)
    bad_format = text.notna() & (text != "") & year.isna()
    row_error(errors, rows, bad_format, "tahun", raw_year, "tahun bukan angka empat digit")
    out_of_range = year.notna() & ((year < YEAR_RANGE[0]) | (year > YEAR_RANGE[1]))
    row_error(
        errors,
        rows,
        out_of_range,
        "tahun",
        raw_year,
        f"tahun di luar {YEAR_RANGE[0]}..{YEAR_RANGE[1]}",
    )
    no_year = raw_year.isna() | (text == "")
    row_error(
        errors,
        rows,
        no_year,
        "tahun",
        raw_year,
        "tahun tidak diketahui (tidak ada kolom, judul 'TAHUN ...' atau nama file)",
    )
    rows["tahun"] = year.where(~out_of_range).astype("Int64")
    return rows


@per_unique
def _year_text(raw_year: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The year cell as text and as a number (``2024``, ``2024.0`` from Excel)."""
    text = (
        raw_year.astype("str")
        .where(raw_year.notna())
        .str.strip()
        .str.replace(r"\.0$", "", regex=True)
    )
    four = text.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    return text, pd.to_numeric(text.where(four), errors="coerce").astype("float64")


def clean_identity(
    rows: pd.DataFrame,
    kec_ref: KecamatanReference,
    nomenklatur: Nomenklatur,
    errors: ErrorList,
    findings: Findings,
) -> pd.DataFrame:
    if rows.empty:
        return rows
    rows = clean_kecamatan_tahun(rows, kec_ref, errors)
    for col in ("kode", "tingkat", "uraian", "indikator", "satuan"):
        if col not in rows:
            rows[col] = pd.Series(pd.NA, index=rows.index, dtype="str")
    rows["uraian"] = clean_text(
        strip_markup(rows["uraian"].astype("str").where(rows["uraian"].notna()))
    )
    codes = cleaning.normalise_kode(rows["kode"])
    row_error(
        errors,
        rows,
        codes.invalid,
        "kode",
        rows["kode"],
        "kode program/kegiatan tidak dapat dibaca (contoh yang sah: 7.01.01.2.01.01)",
    )
    given, unknown = cleaning.normalise_tingkat(rows["tingkat"])
    row_error(
        errors,
        rows,
        unknown,
        "tingkat",
        rows["tingkat"],
        "tingkat tidak dikenal (program, kegiatan, sub_kegiatan, rekening, total)",
    )
    rows["kode"] = codes.kode
    rows["tingkat"] = given
    fallback = rows.get("_default_tingkat")
    tingkat, kode = cleaning.infer_tingkat(rows, nomenklatur, fallback)
    # the form's right side: Persentase indicators are kegiatan outcomes, counts are
    # sub kegiatan outputs
    guess = tingkat.isna() & rows["indikator"].notna()
    if guess.any():
        pct = (
            rows["indikator"]
            .str.match(r"(?i)^\s*(persentase|presentase|prosentase)")
            .fillna(False)
            .astype(bool)
        )
        tingkat = tingkat.mask(guess & pct, "kegiatan").mask(guess & ~pct, "sub_kegiatan")
        for sumber, ur, t in zip(
            rows.loc[guess, "sumber"], rows.loc[guess, "uraian"], tingkat[guess], strict=True
        ):
            findings.add(
                Finding(
                    pesan=(
                        "tingkat tidak tertulis dan nama tidak ada di nomenklatur; "
                        f"dianggap {TINGKAT_LABEL[t].lower()} dari jenis indikatornya"
                    ),
                    jenis="tingkat_ditebak",
                    sumber=sumber,
                    uraian=ur,
                    kolom="tingkat",
                    dihitung=t,
                )
            )
    no_level = tingkat.isna() & rows["uraian"].notna()
    row_error(
        errors,
        rows,
        no_level,
        "uraian",
        rows["uraian"],
        "tingkat (program/kegiatan/sub kegiatan) tidak dapat ditentukan: "
        "beri kolom tingkat atau kode",
    )
    rows["tingkat"] = tingkat
    rows["_kode_dari_nama"] = kode.notna() & rows["kode"].isna()  # noted: name lookups
    rows["kode"] = kode
    no_name = rows["uraian"].isna() & rows["kode"].isna() & ~rows["tingkat"].eq("total")
    if "indikator" in rows:
        no_name &= rows["indikator"].isna()
    row_error(
        errors, rows, no_name, "uraian", rows["uraian"], "baris tanpa uraian, kode maupun indikator"
    )
    return rows


def hierarchy(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return rows.assign(
            kunci=pd.Series(dtype="str"),
            kunci_program=pd.Series(dtype="str"),
            kunci_kegiatan=pd.Series(dtype="str"),
        )
    return cleaning.hierarchy_keys(rows)
