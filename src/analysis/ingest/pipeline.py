"""``python -m analysis ingest``: raw files -> wide frames -> metrics -> data/processed.

:func:`ingest` reads every file under the raw folder that a reader takes (``.csv``,
``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``; :mod:`analysis.ingest.intake`), recognises each
sheet's layout, cleans identities (kecamatan, tahun, kode, tingkat, hierarchy) across
all files at once and returns the wide frames of :mod:`analysis.schema` together with
every error and finding. :func:`run_ingest_command` adds the metrics
(:func:`analysis.metrics.build_tables`) and writes the tables atomically
(:mod:`analysis.storage`) - or, when any input is bad, prints every error in one list,
exits 2 and leaves ``data/processed`` as it was (``--lenient`` writes the valid rows and
``ditolak.csv``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis import outputs, paths, region, schema
from analysis.errors import ErrorList, Finding, Findings, IngestError, shorten
from analysis.ingest import (
    cleaning,
    column_numbers,
    intake,
    kode_checks,
    label_rows,
    merge,
    name_join,
    reading,
    rekening,
)
from analysis.ingest import written as written_counts
from analysis.ingest.cleaning import KecamatanReference, Nomenklatur
from analysis.ingest.fields import BUDGET_FIGURES, KINERJA_FIGURES
from analysis.ingest.sources import file_of, split_sumber

EXIT_OK = 0
EXIT_BAD_INPUT = 2
YEAR_RANGE = (2000, 2100)


@dataclass
class IngestResult:
    """Everything :func:`ingest` learnt from the raw folder."""

    kinerja_wide: pd.DataFrame
    anggaran_wide: pd.DataFrame
    iku_raw: pd.DataFrame
    bulanan: pd.DataFrame
    errors: ErrorList
    findings: Findings
    notes: list[str] = field(default_factory=list)
    files: int = 0
    sheets: int = 0
    rejected: pd.DataFrame | None = None
    rows_per_kecamatan_tahun: pd.DataFrame | None = None
    places: dict[str, tuple[str, int]] = field(default_factory=dict)
    """(kecamatan, tahun) of the rows, sheets and files that findings and errors cite
    (see :func:`_places`); fills ``pemeriksaan`` so each reaches its kecamatan's report."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows inside tables that are not data, per kind (analysis.ingest.nondata)."""


def raw_files(raw_dir: Path) -> list[Path]:
    """Files under ``raw_dir`` a reader takes (see :func:`analysis.ingest.intake.scan_raw`)."""
    return intake.scan_raw(raw_dir).files


def ingest(
    raw_dir: Path,
    *,
    reference_dir: Path | None = None,
    settings: object | None = None,
    jobs: int | None = None,
) -> IngestResult:
    """Read, recognise, clean and validate every raw file (see module doc)."""
    raw_dir = Path(raw_dir)
    ref_dir = reference_dir or paths.reference_dir(paths.project_root(raw_dir.parent.parent))
    if not (ref_dir / "kecamatan.csv").exists():
        ref_dir = paths.reference_dir()
    errors = ErrorList()
    findings = Findings()
    notes: list[str] = []
    if not raw_dir.is_dir():
        errors.add(IngestError(f"folder data mentah tidak ada: {raw_dir}"))
        return _empty_result(errors, findings)
    try:
        the_region = region.current(settings)
    except region.RegionError as exc:
        errors.add(IngestError(str(exc)))
        return _empty_result(errors, findings)
    kec_ref = KecamatanReference.from_frame(
        region.kecamatan_table(the_region, ref_dir / "kecamatan.csv")
    )
    nomenklatur = Nomenklatur.load(ref_dir / "nomenklatur.csv")
    scan = intake.scan_raw(raw_dir)
    files = scan.files
    errors.extend(scan.errors)
    notes.extend(scan.notes)
    if not files:
        errors.add(
            IngestError(
                f"tidak ada file yang dapat dibaca ({', '.join(sorted(reading.READERS))}) "
                f"di {raw_dir}"
            )
        )
    pieces: dict[str, list[pd.DataFrame]] = {kind: [] for kind in intake.KINDS}
    sheets = 0
    skipped: dict[str, int] = {}
    limits = reading.Limits.from_settings(settings)
    for read in intake.read_files(files, raw_dir, kec_ref, limits, jobs):
        errors.extend(read.errors)
        findings.extend(read.findings)
        notes.extend(read.notes)
        sheets += read.sheets
        for what, n in read.skipped.items():
            skipped[what] = skipped.get(what, 0) + n
        for kind in pieces:
            pieces[kind].extend(read.pieces[kind])
    kinerja_rows = _concat(pieces["kinerja"])
    anggaran_rows = _concat(pieces["anggaran"])
    iku_rows = _concat(pieces["iku"])
    bulanan_rows = _concat(pieces["bulanan"])

    # label rows (Kegiatan :) and numbered names announce levels; then identities,
    # validated across all files
    kinerja_rows, label_notes = label_rows.read_labels(kinerja_rows, FIGURE_FIELDS)
    notes.extend(label_notes)
    kinerja_rows = column_numbers.clear_column_numbers(kinerja_rows, errors)
    anggaran_rows, label_notes = label_rows.read_labels(anggaran_rows, FIGURE_FIELDS)
    notes.extend(label_notes)
    anggaran_rows, rekening_notes = rekening.read_rekening(anggaran_rows, nomenklatur)
    notes.extend(rekening_notes)
    kinerja_rows = _clean_identity(kinerja_rows, kec_ref, nomenklatur, errors, findings)
    anggaran_rows = _clean_identity(anggaran_rows, kec_ref, nomenklatur, errors, findings)
    # one office, one hierarchy: a node named differently by its two tables is one node
    kinerja_rows, anggaran_rows = name_join.join_by_name(kinerja_rows, anggaran_rows, findings)
    iku_rows = _clean_kecamatan_tahun(iku_rows, kec_ref, errors)
    bulanan_rows = _clean_kecamatan_tahun(bulanan_rows, kec_ref, errors)

    notes.extend(cleaning.name_lookup_notes(pd.concat([kinerja_rows, anggaran_rows])))
    units = _clean_units(kinerja_rows)
    kinerja_rows = kinerja_rows.assign(satuan=units) if len(kinerja_rows) else kinerja_rows
    kinerja_rows = _choices(kinerja_rows, errors)

    hier = _hierarchy(pd.concat([kinerja_rows, anggaran_rows], ignore_index=True))
    n_k = len(kinerja_rows)
    kinerja_rows = hier.iloc[:n_k].reset_index(drop=True) if n_k else hier.iloc[:0]
    anggaran_rows = hier.iloc[n_k:].reset_index(drop=True)
    _kode_name_check(hier, errors, findings)
    name_join.drop_repeated(findings)
    kode_checks.codes_outside(hier, nomenklatur, findings)
    kode_checks.check_kode_levels(hier, errors)

    _repeat_findings(anggaran_rows, findings)
    kinerja_wide = _kinerja_wide(kinerja_rows)
    budget_from_kinerja = _budget_rows(kinerja_rows)
    anggaran_wide = _anggaran_wide(
        pd.concat([budget_from_kinerja, anggaran_rows], ignore_index=True), errors
    )
    iku_raw = _iku_raw(iku_rows, errors)
    bulanan = _bulanan(bulanan_rows, kinerja_wide)
    bulanan = merge.merge_complementary(  # a month's kinerja and budget tables: one row
        bulanan, ["kecamatan", "tahun", "bulan", "kunci"], BULANAN_NUMERIC, errors
    )

    kinerja_wide = merge.merge_complementary(  # tables of one report complement each other
        kinerja_wide,
        ["kecamatan", "tahun", "kunci", "indikator"],
        KINERJA_NUMERIC,
        errors,
        findings,  # a target or unit two tables give differently: a finding, row kept
    )
    kinerja_wide = _default_choices(kinerja_wide)
    _duplicate_check(
        kinerja_wide, ["kecamatan", "tahun", "kunci", "indikator"], errors, "indikator"
    )
    iku_raw = merge.merge_complementary(
        iku_raw,
        ["kecamatan", "tahun", "triwulan", "indikator"],
        ["target", "realisasi", "capaian_dilaporkan"],
        errors,
    )
    if len(iku_raw):
        iku_raw["polaritas"] = iku_raw["polaritas"].fillna("positif")
    _duplicate_check(iku_raw, ["kecamatan", "tahun", "triwulan", "indikator"], errors, "indikator")

    open_sources = [
        str(f.sumber or "") for f in findings.items if f.kecamatan is None or f.tahun is None
    ]
    places = _places(
        [kinerja_rows, anggaran_rows, iku_rows, bulanan_rows],
        open_sources + [e.sumber for e in errors],
    )
    _place_findings(findings, places)
    bad = errors.sumber_set()
    rejected = errors.to_frame()
    if bad:
        k_cited = kinerja_wide["sumber"].fillna("").str.split(" | ", regex=False).explode()
        k_hit = k_cited.isin(bad).groupby(level=0).any()
        kinerja_wide = kinerja_wide[
            ~k_hit.reindex(kinerja_wide.index, fill_value=False).to_numpy()
        ].reset_index(drop=True)
        # A merged budget row cites every source (``a | b``): drop it if any was rejected.
        cited = anggaran_wide["sumber"].fillna("").str.split(" | ", regex=False).explode()
        hit = cited.isin(bad).groupby(level=0).any()
        anggaran_wide = anggaran_wide[
            ~hit.reindex(anggaran_wide.index, fill_value=False).to_numpy()
        ].reset_index(drop=True)
        i_cited = iku_raw["sumber"].fillna("").str.split(" | ", regex=False).explode()
        i_hit = i_cited.isin(bad).groupby(level=0).any()
        iku_raw = iku_raw[~i_hit.reindex(iku_raw.index, fill_value=False).to_numpy()].reset_index(
            drop=True
        )
        bulanan = bulanan[~bulanan["sumber"].isin(bad)].reset_index(drop=True)
    counts = _counts(kinerja_wide, anggaran_wide, iku_raw, bulanan)
    return IngestResult(
        kinerja_wide=kinerja_wide,
        anggaran_wide=anggaran_wide,
        iku_raw=iku_raw,
        bulanan=bulanan,
        errors=errors,
        findings=findings,
        notes=notes,
        files=len(files),
        sheets=sheets,
        rejected=rejected,
        rows_per_kecamatan_tahun=counts,
        places=places,
        skipped=skipped,
    )


FIGURE_FIELDS = KINERJA_FIGURES + BUDGET_FIGURES


def _empty_result(errors: ErrorList, findings: Findings) -> IngestResult:
    return IngestResult(
        kinerja_wide=_conform(pd.DataFrame(), schema.KINERJA_WIDE),
        anggaran_wide=_conform(pd.DataFrame(), schema.ANGGARAN_WIDE),
        iku_raw=_conform(pd.DataFrame(), schema.IKU_RAW),
        bulanan=_conform(pd.DataFrame(), schema.BULANAN_WIDE),
        errors=errors,
        findings=findings,
        rejected=errors.to_frame(),
    )


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(
            columns=[
                "kecamatan",
                "tahun",
                "uraian",
                "kode",
                "tingkat",
                "sumber",
                "_block",
                "_order",
            ]
        )
    return pd.concat(frames, ignore_index=True)


def _row_error(
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


def _clean_kecamatan_tahun(
    rows: pd.DataFrame, kec_ref: KecamatanReference, errors: ErrorList
) -> pd.DataFrame:
    if rows.empty:
        return rows
    # ``rows`` is ingest's own concatenated frame: its columns are replaced in place
    # (no copy of the whole frame; 0.3 s and a frame's worth of memory at national scale)
    raw_kec = rows["kecamatan"] if "kecamatan" in rows else pd.Series(pd.NA, index=rows.index)
    name, unknown = kec_ref.resolve(raw_kec)
    _row_error(
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
    _row_error(
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
    _row_error(errors, rows, bad_format, "tahun", raw_year, "tahun bukan angka empat digit")
    out_of_range = year.notna() & ((year < YEAR_RANGE[0]) | (year > YEAR_RANGE[1]))
    _row_error(
        errors,
        rows,
        out_of_range,
        "tahun",
        raw_year,
        f"tahun di luar {YEAR_RANGE[0]}..{YEAR_RANGE[1]}",
    )
    no_year = raw_year.isna() | (text == "")
    _row_error(
        errors,
        rows,
        no_year,
        "tahun",
        raw_year,
        "tahun tidak diketahui (tidak ada kolom, judul 'TAHUN ...' atau nama file)",
    )
    rows["tahun"] = year.where(~out_of_range).astype("Int64")
    return rows


@cleaning.per_unique
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


def _clean_identity(
    rows: pd.DataFrame,
    kec_ref: KecamatanReference,
    nomenklatur: Nomenklatur,
    errors: ErrorList,
    findings: Findings,
) -> pd.DataFrame:
    if rows.empty:
        return rows
    rows = _clean_kecamatan_tahun(rows, kec_ref, errors)
    for col in ("kode", "tingkat", "uraian", "indikator", "satuan"):
        if col not in rows:
            rows[col] = pd.Series(pd.NA, index=rows.index, dtype="str")
    rows["uraian"] = cleaning.clean_text(
        cleaning.strip_markup(rows["uraian"].astype("str").where(rows["uraian"].notna()))
    )
    codes = cleaning.normalise_kode(rows["kode"])
    _row_error(
        errors,
        rows,
        codes.invalid,
        "kode",
        rows["kode"],
        "kode program/kegiatan tidak dapat dibaca (contoh yang sah: 7.01.01.2.01.01)",
    )
    given, unknown = cleaning.normalise_tingkat(rows["tingkat"])
    _row_error(
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
                        f"dianggap {t} dari jenis indikatornya"
                    ),
                    jenis="tingkat_ditebak",
                    sumber=sumber,
                    uraian=ur,
                    kolom="tingkat",
                    dihitung=t,
                )
            )
    no_level = tingkat.isna() & rows["uraian"].notna()
    _row_error(
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
    _row_error(
        errors, rows, no_name, "uraian", rows["uraian"], "baris tanpa uraian, kode maupun indikator"
    )
    return rows


def _clean_units(rows: pd.DataFrame) -> pd.Series:
    if rows.empty:
        return pd.Series(dtype="str")
    satuan = rows["satuan"] if "satuan" in rows else pd.Series(pd.NA, index=rows.index, dtype="str")
    unit = rows["_unit"] if "_unit" in rows else pd.Series(pd.NA, index=rows.index, dtype="str")
    from_name = _unit_in_name(rows["indikator"]) if "indikator" in rows else None
    out = satuan.fillna(unit)
    if from_name is not None:
        out = out.fillna(from_name.str.strip())
    return out.astype("str").where(out.notna())


@cleaning.per_unique
def _unit_in_name(indikator: pd.Series) -> pd.Series:
    """``Persentase ... (%)`` -> ``%``: the unit some offices put at the end of the name."""
    text = indikator.astype("str").where(indikator.notna())
    return text.str.extract(r"\((%|[A-Za-z/ ]{2,20})\)\s*$")[0]


def _choices(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    if rows.empty:
        return rows
    for col in ("polaritas", "agregasi"):
        if col not in rows:
            rows[col] = pd.Series(pd.NA, index=rows.index, dtype="str")
    pol, bad = cleaning.normalise_choice(
        rows["polaritas"], schema.POLARITAS, cleaning.POLARITAS_ALIASES
    )
    _row_error(
        errors, rows, bad, "polaritas", rows["polaritas"], "polaritas harus positif atau negatif"
    )
    agg, bad = cleaning.normalise_choice(
        rows["agregasi"], schema.AGREGASI, cleaning.AGREGASI_ALIASES
    )
    _row_error(
        errors,
        rows,
        bad,
        "agregasi",
        rows["agregasi"],
        "agregasi harus jumlah, rata_rata atau akhir",
    )
    # the defaults come after tables of one report are merged (_default_choices): a
    # default must not stand against, or win over, what another table gives
    rows["polaritas"] = pol
    rows["agregasi"] = agg
    return rows


def _default_choices(frame: pd.DataFrame) -> pd.DataFrame:
    """polaritas ``positif`` and agregasi by the indicator where no table gave them."""
    if frame.empty:
        return frame
    frame["polaritas"] = frame["polaritas"].fillna("positif")
    frame["agregasi"] = frame["agregasi"].fillna(
        cleaning.default_agregasi(frame["indikator"], frame["satuan"])
    )
    return frame


def _hierarchy(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return rows.assign(
            kunci=pd.Series(dtype="str"),
            kunci_program=pd.Series(dtype="str"),
            kunci_kegiatan=pd.Series(dtype="str"),
        )
    return cleaning.hierarchy_keys(rows)


def _repeat_findings(rows: pd.DataFrame, findings: Findings) -> None:
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


def _conform(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.reindex(columns=columns)
    return out.reset_index(drop=True)


KINERJA_NUMERIC = [
    c for c in schema.KINERJA_WIDE if c.startswith(("target", "realisasi", "capaian"))
]
ANGGARAN_NUMERIC = [
    c
    for c in schema.ANGGARAN_WIDE
    if c == "pagu" or ("_tw" in c and not c.startswith("keterangan"))
]


def _kinerja_wide(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return _typed(_conform(rows, schema.KINERJA_WIDE), KINERJA_NUMERIC)
    rows = rows.copy()
    for c in KINERJA_NUMERIC:
        if c not in rows:
            rows[c] = np.nan
    figures = rows[[c for c in KINERJA_NUMERIC]]
    has_kinerja = figures.notna().any(axis=1) | rows["indikator"].notna()
    out = _conform(rows[has_kinerja], schema.KINERJA_WIDE)
    return _typed(out, KINERJA_NUMERIC)


def _typed(frame: pd.DataFrame, numeric: list[str]) -> pd.DataFrame:
    for c in numeric:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    if "tahun" in frame:
        frame["tahun"] = pd.to_numeric(frame["tahun"], errors="coerce").astype("Int64")
    for c in frame.columns:
        if (
            c not in numeric
            and c not in {"tahun", "triwulan", "bulan"}
            and frame[c].dtype == object
        ):
            frame[c] = frame[c].astype("str").where(frame[c].notna())
    return frame


def _budget_rows(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return rows
    present = [c for c in ANGGARAN_NUMERIC if c in rows]
    if not present:
        return rows.iloc[:0]
    has = rows[present].notna().any(axis=1)
    return rows[has]


ANGGARAN_KEY = ["kecamatan", "tahun", "kunci"]


def _anggaran_wide(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    """One row per (kecamatan, tahun, kunci): complementary fields from several sources merge."""
    if rows.empty:
        return _typed(_conform(rows, schema.ANGGARAN_WIDE), ANGGARAN_NUMERIC)
    rows = rows.copy()
    for c in schema.ANGGARAN_WIDE:
        if c not in rows:
            rows[c] = np.nan if c in ANGGARAN_NUMERIC else pd.NA
    rows = rows[rows["kunci"].notna()]
    rows = rows.sort_values(["_block", "_order"], kind="stable")
    key = (
        rows["kecamatan"].astype("str")
        + "|"
        + rows["tahun"].astype("str")
        + "|"
        + rows["kunci"].astype("str")
    )
    # rekening lines repeat names under different sub kegiatan: key them by their parent too
    rek = rows["tingkat"].eq("rekening")
    parent = rows["kunci_kegiatan"].fillna("")
    key = key.where(
        ~rek,
        key
        + "|"
        + parent
        + "|"
        + rows["_block"].astype("str")
        + "|"
        + rows["_order"].astype("str"),
    )
    rows["_key"] = key
    # the same field given twice with different values: a duplicate naming both sources
    value_cols = [c for c in ANGGARAN_NUMERIC if c in rows]
    multi = rows["_key"].duplicated(keep=False)
    if multi.any():
        sub = rows[multi]
        for c in value_cols:
            vals = sub[["_key", c, "sumber", "_block"]].dropna(subset=[c])
            if vals.empty:
                continue
            spread = vals.groupby("_key")[c].agg(["min", "max"])
            conflict = spread.index[(spread["max"] - spread["min"]).abs() > 0.005]
            for k in conflict:
                grp = vals[vals["_key"] == k]
                same_block = grp["_block"].nunique() == 1
                src = list(dict.fromkeys(grp["sumber"]))
                file, sheet, row = split_sumber(src[-1])
                reason = (
                    f"nilai {c} untuk {k.split('|', 2)[2]!r} berbeda antar sumber: "
                    + "; ".join(
                        f"{s} = {v:,.2f}" for s, v in zip(grp["sumber"], grp[c], strict=True)
                    )
                )
                if same_block:
                    reason = "baris ganda dalam satu sheet; " + reason
                errors.add(
                    IngestError(
                        reason,
                        file=file,
                        sheet=sheet,
                        row=int(row),
                        column=c,
                        value=grp[c].iloc[-1],
                    )
                )
    if multi.any():
        # complementary fields merge: first non-missing value per field, sources joined
        sub = rows[multi]
        merged = sub.groupby("_key", sort=False).first()
        merged["sumber"] = sub.groupby("_key", sort=False)["sumber"].agg(
            lambda s: " | ".join(dict.fromkeys(s.dropna()))
        )
        merged = merged.reset_index()
        order = rows.drop_duplicates("_key")[["_key"]]
        single = rows[~multi]
        rows = pd.concat([single, merged], ignore_index=True)
        rows = order.merge(rows, on="_key", how="left")
    out = _conform(rows, schema.ANGGARAN_WIDE)
    return _typed(out, ANGGARAN_NUMERIC)


def _iku_raw(rows: pd.DataFrame, errors: ErrorList) -> pd.DataFrame:
    if rows.empty:
        return _typed(
            _conform(rows, schema.IKU_RAW), ["target", "realisasi", "capaian_dilaporkan"]
        ).assign(triwulan=pd.Series(dtype="Int64"))
    rows = rows.copy()
    if "satuan" not in rows:
        rows["satuan"] = pd.NA
    rows["satuan"] = rows["satuan"].fillna(rows.get("_unit"))
    pol, bad = cleaning.normalise_choice(
        rows["polaritas"] if "polaritas" in rows else pd.Series(pd.NA, index=rows.index),
        schema.POLARITAS,
        cleaning.POLARITAS_ALIASES,
    )
    _row_error(
        errors,
        rows,
        bad,
        "polaritas",
        rows.get("polaritas", pd.Series(pd.NA, index=rows.index)),
        "polaritas harus positif atau negatif",
    )
    rows["polaritas"] = pol  # "positif" where none is given: after the merge
    rows["capaian_dilaporkan"] = rows.get("capaian", np.nan)
    if "triwulan" not in rows:
        rows["triwulan"] = np.nan
    no_ind = rows["indikator"].isna() if "indikator" in rows else pd.Series(True, index=rows.index)
    _row_error(
        errors,
        rows,
        no_ind,
        "indikator",
        pd.Series(pd.NA, index=rows.index),
        "baris IKU tanpa indikator",
    )
    out = _typed(_conform(rows, schema.IKU_RAW), ["target", "realisasi", "capaian_dilaporkan"])
    out["triwulan"] = pd.to_numeric(out["triwulan"], errors="coerce").astype("Int64")
    return out


BULANAN_NUMERIC = ["target", "realisasi", "capaian_dilaporkan", "anggaran", "realisasi_anggaran"]


def _bulanan(rows: pd.DataFrame, kinerja_wide: pd.DataFrame) -> pd.DataFrame:
    numeric = BULANAN_NUMERIC
    if rows.empty:
        out = _typed(_conform(rows, schema.BULANAN_WIDE), numeric)
        out["bulan"] = out["bulan"].astype("Int64")
        out["triwulan"] = out["triwulan"].astype("Int64")
        return out
    rows = rows.copy()
    rows["capaian_dilaporkan"] = rows.get("capaian")
    rows["satuan"] = rows["satuan"].fillna(rows["_unit"]) if "satuan" in rows else rows["_unit"]
    bulan = pd.to_numeric(rows["bulan"], errors="coerce")
    rows["triwulan"] = ((bulan - 1) // 3 + 1).astype("Int64")
    rows["bulan"] = bulan.astype("Int64")
    codes = cleaning.normalise_kode(
        rows["kode"] if "kode" in rows else pd.Series(pd.NA, index=rows.index)
    )
    rows["kode"] = codes.kode
    key = (
        cleaning.uraian_key(rows["uraian"])
        if "uraian" in rows
        else pd.Series(pd.NA, index=rows.index)
    )
    rows["kunci"] = rows["kode"].fillna("sub_kegiatan:" + key)
    # match the monthly rows to the kinerja rows of the same name so kunci agree
    if len(kinerja_wide):
        kw = kinerja_wide.assign(_k=cleaning.uraian_key(kinerja_wide["uraian"]))
        lookup = (
            kw.dropna(subset=["_k"])
            .drop_duplicates(["kecamatan", "tahun", "_k"])
            .set_index(["kecamatan", "tahun", "_k"])["kunci"]
        )
        idx = pd.MultiIndex.from_arrays([rows["kecamatan"], rows["tahun"], key])
        found = pd.Series(lookup.reindex(idx).to_numpy(), index=rows.index)
        rows["kunci"] = found.fillna(rows["kunci"])
    out = _typed(_conform(rows, schema.BULANAN_WIDE), numeric)
    out["bulan"] = out["bulan"].astype("Int64")
    out["triwulan"] = out["triwulan"].astype("Int64")
    return out


def _duplicate_check(frame: pd.DataFrame, keys: list[str], errors: ErrorList, column: str) -> None:
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


@cleaning.per_unique
def _name_key(names: pd.Series) -> pd.Series:
    """``PERSENTASE Kinerja.`` -> ``persentase kinerja``: a name as compared for duplicates."""
    text = names.astype("str").where(names.notna()).str.lower()
    return text.str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip()


def _kode_name_check(rows: pd.DataFrame, errors: ErrorList, findings: Findings) -> None:
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


def _places(frames: list[pd.DataFrame], sumbers: list[str]) -> dict[str, tuple[str, int]]:
    """(kecamatan, tahun) of the given sources: by ``file:sheet:row``, and by
    ``file:sheet`` and ``file`` where all the rows of that sheet or file belong to one
    kecamatan-year. Only the rows of the files named in ``sumbers`` are looked at."""
    files = {_source_levels(str(x))[-1] for x in sumbers}
    files.discard("")
    if not files:
        return {}
    prefixes = tuple(f"{f}:" for f in files)
    parts = []
    for f in frames:
        if not len(f) or not {"sumber", "kecamatan", "tahun"} <= set(f.columns):
            continue
        part = f[["sumber", "kecamatan", "tahun"]].dropna()
        parts.append(part[part["sumber"].astype("str").str.startswith(prefixes)])
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if rows.empty:
        return {}
    sumber = rows["sumber"].astype("str")
    rows = rows.assign(
        sumber=sumber,
        tahun=rows["tahun"].astype("int64"),
        sheet=sumber.str.rsplit(":", n=1).str[0],
        file=file_of(sumber),
    )
    # a merged budget row cites several sources (``a | b``): it is no row of its own
    rows = rows[~sumber.str.contains(" | ", regex=False)]
    places: dict[str, tuple[str, int]] = {}
    for level in ("file", "sheet"):
        pairs = rows.drop_duplicates([level, "kecamatan", "tahun"])
        single = pairs[~pairs[level].duplicated(keep=False)]
        places.update(
            zip(single[level], zip(single["kecamatan"], single["tahun"], strict=True), strict=True)
        )
    single = rows[rows["sumber"].isin(set(sumbers))].drop_duplicates("sumber")
    places.update(
        zip(single["sumber"], zip(single["kecamatan"], single["tahun"], strict=True), strict=True)
    )
    return places


def _place(sumber: str, places: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The kecamatan-year of a source: its row, else its sheet, else its file."""
    return next((places[k] for k in _source_levels(sumber) if k in places), None)


def _source_levels(sumber: str) -> list[str]:
    """``file:sheet:row`` -> itself, ``file:sheet``, ``file``; a shorter source (a whole
    file or sheet cited by a reading finding) -> what it has, down to the file."""
    parts = min(sumber.count(":"), 2)
    return [sumber.rsplit(":", n)[0] if n else sumber for n in range(parts + 1)]


def _place_findings(findings: Findings, places: dict[str, tuple[str, int]]) -> None:
    """Findings raised while reading a file (encoding, units, repeats, guessed tingkat)
    get the kecamatan and tahun of the rows they were raised on, so that they reach that
    kecamatan's report, which shows only its own findings."""
    open_items = [f for f in findings.items if f.kecamatan is None or f.tahun is None]
    for finding in open_items:
        found = _place(str(finding.sumber or ""), places)
        if found is None:
            continue
        if finding.kecamatan is None:
            finding.kecamatan = found[0]
        if finding.tahun is None:
            finding.tahun = int(found[1])


def _counts(
    kinerja: pd.DataFrame, anggaran: pd.DataFrame, iku: pd.DataFrame, bulanan: pd.DataFrame
) -> pd.DataFrame:
    parts = []
    for name, frame in (
        ("kinerja", kinerja),
        ("anggaran", anggaran),
        ("iku", iku),
        ("bulanan", bulanan),
    ):
        if len(frame):
            parts.append(frame.groupby(["kecamatan", "tahun"], dropna=False).size().rename(name))
    if not parts:
        return pd.DataFrame(columns=["kinerja", "anggaran", "iku", "bulanan"])
    return pd.concat(parts, axis=1).fillna(0).astype(int)


# --- command -----------------------------------------------------------------------------


def _findings_frame(result: IngestResult, rejected_rows: bool) -> pd.DataFrame:
    frame = result.findings.to_frame()
    if rejected_rows and len(result.errors):
        rej = pd.DataFrame(
            {
                "kecamatan": pd.NA,
                "tahun": pd.array([pd.NA] * len(result.errors), dtype="Int64"),
                "triwulan": pd.array([pd.NA] * len(result.errors), dtype="Int64"),
                "kode": pd.NA,
                "kolom": [e.column for e in result.errors],
                "dilaporkan": [shorten(e.value, 200) or None for e in result.errors],
                "dihitung": None,
                "selisih": np.nan,
                "pesan": ["baris ditolak: " + e.reason for e in result.errors],
                "sumber": [e.sumber for e in result.errors],
                "jenis": "baris_ditolak",
                "tingkat_keparahan": "tinggi",
                "uraian": pd.NA,
            }
        )
        # a rejected row reaches its kecamatan's report when its sheet or file says whose
        found = [_place(e.sumber, result.places) for e in result.errors]
        rej["kecamatan"] = [f[0] if f else pd.NA for f in found]
        rej["tahun"] = pd.array([f[1] if f else pd.NA for f in found], dtype="Int64")
        frame = pd.concat([frame, rej], ignore_index=True) if len(frame) else rej
    return frame


def append_findings(pemeriksaan: pd.DataFrame | None, extra: pd.DataFrame) -> pd.DataFrame:
    """Add ingest findings to the metrics' ``pemeriksaan`` with the same columns and types."""
    base = pemeriksaan if pemeriksaan is not None else pd.DataFrame(columns=schema.PEMERIKSAAN)
    if extra.empty:
        return base
    extra = extra.reindex(columns=list(dict.fromkeys([*base.columns, *schema.PEMERIKSAAN])))
    for col in extra.columns:
        if col in base and len(base):
            kind = base[col].dtype
            try:
                if pd.api.types.is_float_dtype(kind):
                    extra[col] = pd.to_numeric(extra[col], errors="coerce").astype(kind)
                elif pd.api.types.is_integer_dtype(kind):
                    extra[col] = pd.to_numeric(extra[col], errors="coerce").astype("Int64")
                else:
                    extra[col] = (
                        extra[col].astype(object) if kind is object else extra[col].astype(kind)
                    )
            except (TypeError, ValueError):
                extra[col] = extra[col].astype(object)
    if base.empty:
        return extra.reset_index(drop=True)
    return pd.concat([base, extra], ignore_index=True)


def run_ingest_command(args: argparse.Namespace) -> int:
    """Ingest ``args.raw`` into ``args.out``; returns the exit code (0 ok, 2 bad input)."""
    from analysis import storage
    from analysis.settings import load_settings

    started = time.perf_counter()
    try:
        settings = load_settings(getattr(args, "config", None))
    except Exception as exc:
        print(f"kesalahan: file pengaturan tidak dapat dibaca: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    raw = Path(args.raw)
    out = Path(args.out)
    lenient = bool(getattr(args, "lenient", False))
    protected = (raw, paths.reference_dir(paths.project_root()))
    try:  # refuse a folder that is not ours before any work (checked again when writing)
        outputs.check_output_folder(out, outputs.PROCESSED, protected)
    except outputs.OutputFolderError as exc:
        print(f"kesalahan: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from analysis.ingest import cache

    before = cache.snapshot(args)  # the inputs as they are before anything is read
    result = ingest(raw, settings=settings)
    for note in result.notes:
        print(f"catatan: {note}", file=sys.stderr)
    for finding in result.findings.items:
        if finding.jenis in {"encoding_latin1", "encoding_rusak"}:
            where = finding.sumber.split(":")[0]
            if finding.jenis == "encoding_rusak":
                where = f"{where} baris {finding.sumber.rsplit(':', 1)[-1]} kolom {finding.kolom}"
            print(f"peringatan: {where}: {finding.pesan}", file=sys.stderr)
    if result.errors and not lenient:
        print(str(result.errors), file=sys.stderr)
        print(
            f"data/processed tidak diubah ({out}); perbaiki kesalahan di atas atau jalankan "
            "dengan --lenient untuk menulis baris yang sah",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    cache.forget(out)

    counted = written_counts.Written()

    def summary_of(written: dict) -> str:
        return written_counts.summary_line(
            result, counted, written.get("pemeriksaan", 0), time.perf_counter() - started
        )

    try:
        # each table is written as soon as it is computed, then released
        tables = written_counts.counting(
            iter_processed_tables(result, settings, lenient=lenient), counted
        )
        written = storage.write_tables(
            out, tables, protected=protected, before_swap=cache.stamper(args, before, summary_of)
        )
    except storage.StorageError as exc:
        print(f"kesalahan saat menulis {out}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except storage.TablesFailed as exc:
        error = exc.original
        print(f"kesalahan saat menghitung metrik: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if result.errors:
        print(str(result.errors), file=sys.stderr)
        print(
            f"--lenient: {len(result.errors)} kesalahan, baris terkait ditulis ke ditolak.csv",
            file=sys.stderr,
        )
    print(summary_of(written))
    return EXIT_OK


def compute_tables(
    result: IngestResult, settings: object, *, lenient: bool = False
) -> dict[str, pd.DataFrame]:
    """The processed tables: metrics from the wide frames plus ingest findings."""
    tables = dict(iter_processed_tables(result, settings, lenient=lenient))
    order = [*schema.PROCESSED_TABLES, "ditolak"]
    return {name: tables[name] for name in order if name in tables}


def iter_processed_tables(
    result: IngestResult, settings: object, *, lenient: bool = False
) -> Iterator[tuple[str, pd.DataFrame]]:
    """:func:`compute_tables` one table at a time (:func:`analysis.metrics.iter_tables`),
    for a writer that releases each table before the next is computed."""
    from analysis.metrics import iter_tables

    for name, table in iter_tables(
        result.kinerja_wide, result.anggaran_wide, result.iku_raw, result.bulanan, settings
    ):
        if name == "pemeriksaan":
            table = append_findings(table, _findings_frame(result, rejected_rows=lenient))
        yield name, table
        del table  # not kept while the next table is computed
    if lenient:
        rejected = result.rejected
        yield "ditolak", rejected if rejected is not None else ErrorList().to_frame()
