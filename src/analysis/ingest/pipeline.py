"""The ingest flow: raw files -> cell grids -> recognised tables -> clean wide frames.

:func:`ingest` reads every file under the raw folder that a reader takes
(:mod:`analysis.ingest.intake`, :mod:`analysis.ingest.formats`), recognises each sheet's
tables (:mod:`analysis.ingest.tables`), cleans identities (kecamatan, tahun, kode, tingkat,
hierarchy) across all files at once (:mod:`analysis.ingest.rows`) and returns the wide
frames of :mod:`analysis.schema` together with every error and finding.
:func:`iter_processed_tables` adds the metrics; the command that writes them is
:mod:`analysis.ingest.command`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import paths, region, schema
from analysis.errors import ErrorList, Findings, IngestError, shorten
from analysis.ingest import intake
from analysis.ingest.fields import BUDGET_FIGURES, KINERJA_FIGURES
from analysis.ingest.formats import narasi, reading
from analysis.ingest.formats.grid import Limits
from analysis.ingest.reference import KecamatanReference, Nomenklatur
from analysis.ingest.rows import (
    checks,
    choices,
    cleaning,
    column_numbers,
    disputes,
    identity,
    iku,
    iku_totals,
    kode_checks,
    label_rows,
    merge,
    name_join,
    place,
    rekening,
    repeats,
    units,
    wide,
)
from analysis.settings import DEFAULT_SETTINGS


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
    (see :func:`analysis.ingest.rows.place.places_of`); fills ``pemeriksaan`` so each
    reaches its kecamatan's report."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows inside tables that are not data, per kind (analysis.ingest.tables.nondata)."""
    narasi: pd.DataFrame | None = None
    """The offices' explanations in the prose of their Word reports (:mod:`.narasi`)."""
    set_aside: pd.DataFrame | None = None
    """Rows of one table sharing a name with different figures, not written
    (:mod:`analysis.ingest.rows.repeats`)."""
    disputed: pd.DataFrame | None = None
    """Rows two complementary tables give different realisasi-side figures, not written
    (:mod:`analysis.ingest.rows.disputes`)."""


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
    limits = Limits.from_settings(settings)
    for read in intake.read_files(files, raw_dir, kec_ref, limits, jobs):
        errors.extend(read.errors)
        findings.extend(read.findings)
        notes.extend(read.notes)
        sheets += read.sheets
        for what, n in read.skipped.items():
            skipped[what] = skipped.get(what, 0) + n
        for kind in pieces:
            pieces[kind].extend(read.pieces[kind])
    words, word_errors = narasi.baca_berkas(
        [(f, f.relative_to(raw_dir).as_posix()) for f in files if f.suffix.lower() == ".docx"],
        kec_ref,
    )
    errors.extend(word_errors)
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
    kinerja_rows = identity.clean_identity(kinerja_rows, kec_ref, nomenklatur, errors, findings)
    anggaran_rows = identity.clean_identity(anggaran_rows, kec_ref, nomenklatur, errors, findings)
    # one office, one hierarchy: a node named differently by its two tables is one node
    kinerja_rows, anggaran_rows = name_join.join_by_name(kinerja_rows, anggaran_rows, findings)
    iku_rows = identity.clean_kecamatan_tahun(iku_rows, kec_ref, errors)
    bulanan_rows = identity.clean_kecamatan_tahun(bulanan_rows, kec_ref, errors)

    notes.extend(cleaning.name_lookup_notes(pd.concat([kinerja_rows, anggaran_rows])))
    satuan = units.clean_units(kinerja_rows)
    kinerja_rows = kinerja_rows.assign(satuan=satuan) if len(kinerja_rows) else kinerja_rows
    kinerja_rows = choices.read_choices(kinerja_rows, errors)

    hier = identity.hierarchy(pd.concat([kinerja_rows, anggaran_rows], ignore_index=True))
    n_k = len(kinerja_rows)
    kinerja_rows = hier.iloc[:n_k].reset_index(drop=True) if n_k else hier.iloc[:0]
    anggaran_rows = hier.iloc[n_k:].reset_index(drop=True)
    checks.kode_name_check(hier, errors, findings)
    name_join.drop_repeated(findings)
    kode_checks.codes_outside(hier, nomenklatur, findings)
    kode_checks.check_kode_levels(hier, errors)

    checks.repeat_findings(anggaran_rows, findings)
    kinerja_wide = wide.kinerja_wide(kinerja_rows)
    budget_from_kinerja = wide.budget_rows(kinerja_rows)
    anggaran_wide = wide.anggaran_wide(
        pd.concat([budget_from_kinerja, anggaran_rows], ignore_index=True), errors
    )
    tolerance = getattr(settings, "toleransi_capaian_poin", DEFAULT_SETTINGS.toleransi_capaian_poin)
    iku_rows, total_notes = iku_totals.compare_printed(iku_rows, findings, tolerance)
    notes.extend(total_notes)
    iku_raw = iku.iku_raw(iku_rows, errors)
    bulanan = wide.bulanan_wide(bulanan_rows, kinerja_wide)
    bulanan = merge.merge_complementary(  # a month's kinerja and budget tables: one row
        bulanan, ["kecamatan", "tahun", "bulan", "kunci"], wide.BULANAN_NUMERIC, errors
    )

    kinerja_wide, k_disputed = disputes.set_aside(  # both tables give realisasi, differently
        kinerja_wide, ["kecamatan", "tahun", "kunci", "indikator"], wide.KINERJA_NUMERIC, findings
    )
    kinerja_wide = merge.merge_complementary(  # tables of one report complement each other
        kinerja_wide,
        ["kecamatan", "tahun", "kunci", "indikator"],
        wide.KINERJA_NUMERIC,
        errors,
        findings,  # a target or unit two tables give differently: a finding, row kept
    )
    kinerja_wide = choices.default_choices(kinerja_wide)
    kinerja_wide, k_aside = repeats.set_aside(
        kinerja_wide, ["kecamatan", "tahun", "kunci", "indikator"], wide.KINERJA_NUMERIC, findings
    )
    checks.duplicate_check(
        kinerja_wide, ["kecamatan", "tahun", "kunci", "indikator"], errors, "indikator"
    )
    iku_raw, i_disputed = disputes.set_aside(
        iku_raw,
        ["kecamatan", "tahun", "triwulan", "indikator"],
        ["target", "realisasi", "capaian_dilaporkan"],
        findings,
    )
    iku_raw = merge.merge_complementary(
        iku_raw,
        ["kecamatan", "tahun", "triwulan", "indikator"],
        ["target", "realisasi", "capaian_dilaporkan"],
        errors,
    )
    if len(iku_raw):
        iku_raw["polaritas"] = iku_raw["polaritas"].fillna("positif")
    iku_raw, i_aside = repeats.set_aside(
        iku_raw,
        ["kecamatan", "tahun", "triwulan", "indikator"],
        ["target", "realisasi", "capaian_dilaporkan"],
        findings,
    )
    checks.duplicate_check(
        iku_raw, ["kecamatan", "tahun", "triwulan", "indikator"], errors, "indikator"
    )

    open_sources = [
        str(f.sumber or "") for f in findings.items if f.kecamatan is None or f.tahun is None
    ]
    places = place.places_of(
        [kinerja_rows, anggaran_rows, iku_rows, bulanan_rows],
        open_sources + [e.sumber for e in errors],
    )
    place.place_findings(findings, places)
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
        narasi=words,
        set_aside=pd.concat([k_aside, i_aside], ignore_index=True),
        disputed=pd.concat([k_disputed, i_disputed], ignore_index=True),
    )


FIGURE_FIELDS = KINERJA_FIGURES + BUDGET_FIGURES


def _empty_result(errors: ErrorList, findings: Findings) -> IngestResult:
    return IngestResult(
        kinerja_wide=wide.conform(pd.DataFrame(), schema.KINERJA_WIDE),
        anggaran_wide=wide.conform(pd.DataFrame(), schema.ANGGARAN_WIDE),
        iku_raw=wide.conform(pd.DataFrame(), schema.IKU_RAW),
        bulanan=wide.conform(pd.DataFrame(), schema.BULANAN_WIDE),
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
        found = [place.place(e.sumber, result.places) for e in result.errors]
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
        result.kinerja_wide,
        result.anggaran_wide,
        result.iku_raw,
        result.bulanan,
        settings,
        result.narasi,
    ):
        if name == "pemeriksaan":
            table = append_findings(table, _findings_frame(result, rejected_rows=lenient))
        yield name, table
        del table  # not kept while the next table is computed
    if lenient:
        rejected = result.rejected
        yield "ditolak", rejected if rejected is not None else ErrorList().to_frame()
