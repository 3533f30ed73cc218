"""Recognise the layout of a sheet and extract its rows into contract fields.

Layouts (data contract, section 1), recognised from headers and cells, never from the
file name:

* **1a** kinerja, wide by quarter - one row per indicator, optional budget columns;
* **1b** the *Evaluasi atas Rencana Aksi* form (seed 000) - the header ``URAIAN`` appears
  once per side (program left, kegiatan/sub kegiatan right) and/or the quarter is
  written inside the target cell (``TW 1 : 3``) with one continuation row per quarter;
* **1c** anggaran - names and budget figures, no indicator;
* **1d** IKU - indicator, target, realisasi per year (optionally per triwulan), no uraian;
* **1e** bulanan - a ``bulan`` column (seed 003's monthly realisasi).

Every extractor returns :class:`Extracted` rows in one shape (the contract's field
names plus ``sumber`` and a few ``_``-prefixed bookkeeping columns); cleaning and
hierarchy happen later over all files at once. Cell parsing is vectorised per column;
the only per-row Python is in the small form layout (1b, :mod:`analysis.ingest.form`),
whose sheets have tens of rows. Where the header is and what its columns mean is
:mod:`analysis.ingest.header_block`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from analysis import schema
from analysis.errors import Finding, IngestError, shorten
from analysis.ingest import by_year, nondata
from analysis.ingest.cleaning import (
    KecamatanReference,
    clean_text,
)
from analysis.ingest.extraction import TablePlan, text_problems
from analysis.ingest.header_block import (
    IGNORED_FIELDS,
    Header,
    cell_texts,
    classify_composed,
    locate_header,
    title_context,
)
from analysis.ingest.headers import header_year, quarter_outside_year
from analysis.ingest.reading import SheetGrid

__all__ = ["Extracted", "Header", "extract_sheet", "locate_header", "title_context"]

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
    "sumber_dana",
    "bukti_dukung",
    *schema.per_quarter("keterangan_tw"),
]

_MONTHS = {
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
_MONTH_PREFIX = r"^(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?\s*:?\s*"


@dataclass
class Extracted:
    """Rows of one sheet, by destination, in contract field names."""

    kinerja: list[pd.DataFrame] = field(default_factory=list)
    """1a/1b rows: kinerja and budget fields together (split later)."""
    anggaran: list[pd.DataFrame] = field(default_factory=list)
    iku: list[pd.DataFrame] = field(default_factory=list)
    bulanan: list[pd.DataFrame] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layout: str | None = None
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows that are not data, per kind (:mod:`analysis.ingest.nondata`)."""
    tables: list[TablePlan] = field(default_factory=list)
    """Tables recognised and not yet read: :func:`analysis.ingest.extraction.extract_tables`
    reads those of many sheets together."""


# --- layout choice -----------------------------------------------------------------------


def choose_layout(header: Header, grid: SheetGrid) -> str | None:
    fields = [f for f in header.fields if f]
    fs = set(fields)
    if fields.count("uraian") >= 2:
        return "1b"
    if "bulan" in fs:
        return "1e"
    kin = {f for f in fs if re.match(r"(target|realisasi|capaian)(_|$)", f) and "anggaran" not in f}
    money = {f for f in fs if f == "pagu" or "anggaran" in f or f.startswith("serapan")}
    if "uraian" not in fs and "indikator" in fs and kin & {"target", "realisasi"}:
        return "1d"
    if "target" in fs and not any(re.match(r"target_tw\d", f) for f in fs):
        col = header.fields.index("target")
        sample = grid.cells.iloc[header.data_start : header.data_start + 200, col]
        text = sample.dropna().astype("str")
        if len(text) and text.str.match(r"^\s*(?:tw|triwulan)\s*\.?\s*(?:\d|i)", case=False).any():
            return "1b"
    if ("uraian" in fs or "indikator" in fs) and kin:
        return "1a"
    if "uraian" in fs and money:
        return "1c"
    return None


# --- extraction --------------------------------------------------------------------------


@dataclass
class SheetContext:
    grid: SheetGrid
    header: Header
    kec_ref: KecamatanReference
    out: Extracted
    file_year: int | None
    file_kecamatan: str | None
    skipped_noted: bool = False
    code_parts: list[int] = field(default_factory=list)
    """Columns of the code when a code is printed over several (first is the Kode column)."""


def extract_sheet(grid: SheetGrid, kec_ref: KecamatanReference, block: int) -> Extracted:
    """Recognise one sheet's layout and extract its rows (errors collected, not raised)."""
    out = Extracted()
    header = locate_header(grid, kec_ref)
    if header is None:
        found = [t for t in cell_texts(grid.cells.iloc[0]) if t] if len(grid.cells) else []
        out.errors.append(
            IngestError(
                "tidak ditemukan baris judul kolom yang dikenali; judul yang ada: "
                + (", ".join(repr(shorten(t, 40)) for t in found[:15]) or "(kosong)"),
                file=grid.file,
                sheet=grid.sheet,
            )
        )
        return out
    _quarters_outside_year(grid, header, out)
    header = _money_only(header)
    layout = choose_layout(header, grid)
    out.layout = layout
    if layout is None:
        found = [lab for lab in header.labels if lab]
        out.errors.append(
            IngestError(
                "jenis sheet tidak dikenali (bukan kinerja, anggaran, IKU atau bulanan); "
                "judul kolom yang ditemukan: " + ", ".join(repr(shorten(t, 40)) for t in found),
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[header.last]),
            )
        )
        return out
    stem = grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    year = re.search(r"(?:^|_)((?:19|20|21)\d\d)(?:_|$)", stem)
    ctx = SheetContext(
        grid,
        header,
        kec_ref,
        out,
        int(year.group(1)) if year else None,
        kec_ref.from_file_name(stem),
    )
    if _title_names_several_kecamatan(ctx):
        return out
    if layout == "1d":
        header = _with_plan_targets(header)
        ctx.header = header
    _unread_columns(ctx)
    _cells_beyond_header(ctx)
    if layout == "1b":
        from analysis.ingest.form import extract_form  # form.py builds on this module

        extract_form(ctx, block)
        return out
    per_year, year_notes = by_year.year_headers(header, layout, ctx.file_year)
    out.notes.extend(f"{grid.file}:{grid.sheet}: {n}" for n in year_notes)
    if per_year:
        for _, year_header in per_year:
            ctx.header = year_header
            _extract_table(ctx, layout, block)
        # a cell or header problem is found once per year's pass: report it once
        out.errors = list({str(e): e for e in out.errors}.values())
        return out
    conflict = by_year.single_year_conflict(header, ctx.file_year)
    if conflict:
        out.errors.append(
            IngestError(
                f"judul kolom menyebut tahun {conflict[0]}, judul tabel/nama file tahun "
                f"{conflict[1]}; tahun mana angka ini berlaku tidak ditebak - perbaiki judul "
                "kolom atau judul tabel",
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[header.last]),
            )
        )
        return out
    _extract_table(ctx, layout, block)
    return out


def _quarters_outside_year(grid: SheetGrid, header: Header, out: Extracted) -> None:
    """A column for a quarter other than I..IV (``TARGET TW V``) is an error, never read.

    Dropped, its figures would vanish; taken for its generic part (``TARGET``) it would
    become the annual target. The column's field is cleared so that nothing reads it.
    """
    for i, label in enumerate(header.labels):
        quarter = quarter_outside_year(label) if label else None
        if quarter is None:
            continue
        header.fields[i] = None
        row = header.last
        for r in range(header.first, header.last + 1):
            cell = grid.cells.iat[r, i] if i < grid.cells.shape[1] else None
            if isinstance(cell, str) and quarter_outside_year(cell):
                row = r
                break
        out.errors.append(
            IngestError(
                f"kolom untuk triwulan di luar I..IV ({quarter.upper()}); satu tahun hanya "
                "punya Triwulan I-IV - perbaiki judul kolom atau hapus kolomnya",
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[row]),
                column=(
                    f"{label} [{grid.column_letter(i)}]"
                    if grid.file.lower().endswith((".xlsx", ".xlsm"))
                    else label
                ),
                value=label,
            )
        )


def _title_names_several_kecamatan(ctx: SheetContext) -> bool:
    """A title naming two kecamatan (``KECAMATAN WOTU DAN KECAMATAN BURAU``) says whose
    rows these are only through a kecamatan column: the title's (first) name is not used.

    Without such a column the sheet is refused with one error (returns ``True``); with
    it, empty kecamatan cells are not filled from the title or the file name either.
    """
    named: list[str] = []
    where: tuple[int, int, str] | None = None
    for r in range(ctx.header.first):
        texts = cell_texts(ctx.grid.cells.iloc[r])
        line = " ".join(t for t in texts if t)
        for name in ctx.kec_ref.names_in_text(line) if line else []:
            if name not in named:
                named.append(name)
            if len(named) > 1 and where is None:
                where = (r, next(c for c, t in enumerate(texts) if t), line)
    if where is None:
        return False
    ctx.header.context.pop("kecamatan", None)
    ctx.file_kecamatan = None
    if "kecamatan" in ctx.header.fields:
        return False
    r, c, line = where
    ctx.out.errors.append(
        IngestError(
            "judul menyebut lebih dari satu kecamatan (" + ", ".join(named) + "); baris "
            "sheet ini tidak dapat diberikan ke satu kecamatan - tambahkan kolom kecamatan "
            "atau pisahkan per kecamatan. Sheet tidak dibaca",
            file=ctx.grid.file,
            sheet=ctx.grid.sheet,
            row=int(ctx.grid.rows[r]),
            column=ctx.grid.column_letter(c),
            value=line,
        )
    )
    return True


KINERJA_WORDS = re.compile(r"(?i)kinerja|indikator|satuan|output|outcome")


NUMBER_TEXT = r"\s*(?:rp\.?\s*)?[-+]?\d[\d.,]*\s*%?\s*"


def _unread_columns(ctx: SheetContext) -> None:
    """Columns no figure is read from, named in the notes - those holding numbers apart.

    A titled column the reader does not know (``SPM/ Standar Nasional``, ``Target Renstra
    ... Tahun 2026``) and an untitled column inside the table that holds values are
    left out; a planner must see that, and above all where the column held numbers
    (``kolom tidak dikenal berisi angka``), since those might be figures the summary does
    not count.
    """
    header = ctx.header
    body = ctx.grid.cells.iloc[header.data_start :]
    titled = [i for i, lab in enumerate(header.labels) if lab]
    if not titled:
        return
    numbers, others = [], []
    for c in range(min(titled[-1] + 1, body.shape[1])):
        f = header.fields[c] if c < len(header.fields) else None
        if f is not None:
            continue
        if c < len(header.labels) and quarter_outside_year(header.labels[c]):
            continue  # already an error of its own (a quarter V column)
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip()
        text = text[text.notna() & (text != "")]
        label = header.labels[c] if c < len(header.labels) and header.labels[c] else None
        if label is None and text.empty:
            continue
        name = (
            repr(shorten(label, 40))
            if label
            else f"kolom {ctx.grid.column_letter(c)} (tanpa judul)"
        )
        n_numbers = int(text.str.fullmatch(NUMBER_TEXT, case=False).sum())
        (numbers if n_numbers else others).append(
            f"{name} ({n_numbers} angka)" if n_numbers else name
        )
    where = f"{ctx.grid.file}:{ctx.grid.sheet}"
    if numbers:
        ctx.out.notes.append(
            f"{where}: kolom tidak dikenal berisi angka, tidak dibaca: " + ", ".join(numbers)
        )
    if others:
        ctx.out.notes.append(f"{where}: kolom tidak dikenal diabaikan: " + ", ".join(others))


def _money_only(header: Header) -> Header:
    """A budget table: quarter figures under a plain TARGET / REALISASI / CAPAIAN are money.

    Seed 003 BAB IV prints ``ANGGARAN`` then ``TRIWULAN I`` over ``TARGET REALISASI
    CAPAIAN`` - the quarter's cash plan, spending and absorption - with no word saying
    so. When a table has a budget column and no header speaks of kinerja (no indikator,
    satuan, ``KINERJA`` group), its per-quarter target/realisasi/capaian columns are the
    budget's; a table with any kinerja header keeps them as kinerja.
    """
    fields = header.fields
    if not any(
        f in {"pagu", "anggaran_sd", "realisasi_anggaran"}
        or (f or "").startswith(("anggaran", "realisasi_anggaran"))
        for f in fields
    ):
        return header
    if any(KINERJA_WORDS.search(lab) for lab in header.labels if lab):
        return header
    money = []
    for f in fields:
        m = re.fullmatch(r"(target|realisasi|capaian)_tw(\d)", f or "")
        if not m:
            money.append(f)
        elif m.group(1) == "target":
            money.append(f"anggaran_tw{m.group(2)}")
        elif m.group(1) == "realisasi":
            money.append(f"realisasi_anggaran_tw{m.group(2)}")
        else:  # absorption of TW I alone is absorption up to TW I
            money.append("serapan_sd_tw1" if m.group(2) == "1" else None)
    return replace(header, fields=money)


def _with_plan_targets(header: Header) -> Header:
    """In an IKU sheet, a plan's target of a printed year (``Target Renstra`` /
    ``Tahun 2022 (n-2)``) is that year's target."""
    fields = list(header.fields)
    for c, (lab, f) in enumerate(zip(header.labels, fields, strict=True)):
        if f is None and lab and header_year(lab):
            fields[c] = classify_composed(lab, plans=True)
    return replace(header, fields=fields)


def _cells_beyond_header(ctx: SheetContext) -> None:
    """A value right of the last titled column belongs to no column: reading on would drop
    it silently, so each such cell is an error (a ragged CSV row, a note typed past the
    table)."""
    titled = [i for i, lab in enumerate(ctx.header.labels) if lab]
    if not titled:
        return
    beyond = ctx.grid.cells.iloc[ctx.header.data_start :, titled[-1] + 1 :]
    if beyond.shape[1] == 0:
        return
    text = beyond.astype("str").where(beyond.notna(), "").apply(lambda c: c.str.strip())
    filled = (text != "").to_numpy()
    for i, j in zip(*np.nonzero(filled), strict=True):
        ctx.out.errors.append(
            IngestError(
                "sel berisi nilai di luar tabel (kolom tanpa judul); nilai ini tidak "
                "akan terbaca - pindahkan ke kolom yang benar atau hapus",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(ctx.grid.rows[ctx.header.data_start + i]),
                column=_column_name(ctx, titled[-1] + 1 + j),
                value=text.iat[i, j],
            )
        )


def _data_rows(ctx: SheetContext) -> tuple[pd.DataFrame, np.ndarray]:
    """One table's data rows (the form layout; other layouts choose theirs in a batch)."""
    return nondata.data_rows([ctx])[0]


def _resolve_generic(ctx: SheetContext, layout: str) -> tuple[dict[str, int], list[str]]:
    """Column index per field; quarter-less figures placed by layout and siblings."""
    header = ctx.header
    fields = list(header.fields)
    q_title = ctx.header.context.get("triwulan")
    present = set(f for f in fields if f)

    def only_quarter(prefix: str) -> int | None:
        qs = [int(f[-1]) for f in present if re.fullmatch(prefix + r"\d", f)]
        return qs[0] if len(set(qs)) == 1 else None

    def sibling_quarter(*stems: str) -> int | None:
        """The one quarter the sheet's cumulative columns name, else the title's."""
        for stem in stems:
            q = only_quarter(stem)
            if q is not None:
                return q
        return q_title if isinstance(q_title, int) else None

    # "TARGET TW I | REALISASI | % CAPAIAN" (Towuti sub kegiatan tables): the only quarter
    # the kinerja columns name is the quarter of the plain realisasi and capaian beside it
    beside_target = (
        only_quarter("target_tw")
        if "realisasi" in present
        and not any(
            re.fullmatch(r"(?:realisasi|capaian)(?:_sd)?_tw\d|target_sd_tw\d", x) for x in present
        )
        else None
    )
    for i, f in enumerate(fields):
        if f is None:
            continue
        if layout in {"1a", "1c"}:
            if f == "target":
                fields[i] = "target_tahunan"
            elif f == "realisasi" and beside_target is not None:
                fields[i] = f"realisasi_tw{beside_target}"
            elif f in {"realisasi", "realisasi_sd"}:
                q = sibling_quarter("realisasi_sd_tw", "target_sd_tw", "capaian_sd_tw")
                fields[i] = f"realisasi_sd_tw{q}" if q else None
            elif f == "capaian":
                q = only_quarter("realisasi_sd_tw")
                if q:
                    fields[i] = f"capaian_sd_tw{q}"
                elif (q := only_quarter("realisasi_tw")) is not None:
                    fields[i] = f"capaian_tw{q}"
                elif beside_target is not None:
                    fields[i] = f"capaian_tw{beside_target}"
                elif isinstance(q_title, int):
                    fields[i] = f"capaian_sd_tw{q_title}"
                else:
                    fields[i] = None
            elif f == "serapan":
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"serapan_sd_tw{q}" if q else None
            elif f in {"realisasi_anggaran", "realisasi_anggaran_sd"}:
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"realisasi_anggaran_sd_tw{q}" if q else None
            elif f == "anggaran_sd":
                q = sibling_quarter("anggaran_sd_tw", "realisasi_anggaran_sd_tw")
                fields[i] = f"anggaran_sd_tw{q}" if q else None
        elif layout == "1e" and f == "pagu":
            fields[i] = "anggaran"
    generic = {
        "realisasi",
        "realisasi_sd",
        "capaian",
        "serapan",
        "realisasi_anggaran",
        "realisasi_anggaran_sd",
        "anggaran_sd",
    }
    for i, (before, after) in enumerate(zip(header.fields, fields, strict=True)):
        if before in generic and after is None and layout in {"1a", "1c"}:
            ctx.out.notes.append(
                f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {header.labels[i]!r} diabaikan: "
                "triwulannya tidak tertulis di judul kolom maupun judul tabel"
            )
    columns: dict[str, int] = {}
    duplicates: list[str] = []
    for i, f in enumerate(fields):
        if f is None or f in IGNORED_FIELDS:
            continue
        if f == "kode" and "kode" in columns and i - 1 in ctx.code_parts:
            ctx.code_parts.append(i)  # a code split over columns under one merged Kode
            continue
        if f in columns:
            duplicates.append(f)
            ctx.out.errors.append(
                IngestError(
                    f"dua kolom berarti sama ({f}): {header.labels[columns[f]]!r} dan "
                    f"{header.labels[i]!r}; hapus salah satu",
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=int(ctx.grid.rows[header.last]),
                    column=header.labels[i],
                )
            )
            continue
        columns[f] = i
        if f == "kode":
            ctx.code_parts = [i]
    _untitled_code_parts(ctx, header)
    return columns, duplicates


CODE_PART = r"\d{1,2}\.?"
"""One part of a code printed in its own column (``7``, ``01``, ``2.``)."""


def _untitled_code_parts(ctx: SheetContext, header: Header) -> None:
    """Untitled columns right of the Kode column whose cells are all code parts continue the
    code (``7 | 01 | 01 | 2 | 01 | 01``, as planning-system exports print it)."""
    if not ctx.code_parts:
        return
    c = ctx.code_parts[-1] + 1
    body = ctx.grid.cells.iloc[header.data_start :]
    while c < body.shape[1] and (c >= len(header.labels) or not header.labels[c]):
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip()
        text = text[text.notna() & (text != "")]
        if text.empty or not text.str.fullmatch(CODE_PART).all():
            break
        ctx.code_parts.append(c)
        c += 1


def _cell_errors(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, reasons: pd.Series
) -> None:
    bad = reasons.notna().to_numpy()
    if not bad.any():
        return
    label = _column_name(ctx, col)
    for r, value, reason in zip(rows[bad], raw[bad].tolist(), reasons[bad].tolist(), strict=True):
        ctx.out.errors.append(
            IngestError(
                reason,
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(r),
                column=label,
                value=value,
            )
        )


def _column_name(ctx: SheetContext, col: int) -> str:
    """The header as written, with its column letter for xlsx (``REALISASI [K]``)."""
    label = ctx.header.labels[col] if col < len(ctx.header.labels) else ""
    letter = ctx.grid.column_letter(col)
    if ctx.grid.file.lower().endswith((".xlsx", ".xlsm")):
        return f"{label} [{letter}]" if label else letter
    return label or f"kolom ke-{col + 1}"


def _text_column(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, limit: int
) -> pd.Series:
    text = clean_text(raw)
    reasons = text_problems(text, np.full(len(text), limit))
    _cell_errors(ctx, col, rows, raw, reasons)
    return text.where(reasons.isna())


def _joined_code(data: pd.DataFrame, parts: list[int]) -> pd.Series:
    """The parts of a code printed over several columns, joined with dots."""
    pieces = [
        data.iloc[:, c].reset_index(drop=True).astype("str").str.strip().str.rstrip(".")
        for c in parts
    ]
    frame = pd.concat(pieces, axis=1).replace("", np.nan)
    joined = frame.apply(lambda col: col.fillna("")).agg(".".join, axis=1)
    joined = joined.str.replace(r"\.{2,}", ".", regex=True).str.strip(".")
    return joined.where(frame.notna().any(axis=1))


def _fill_kecamatan_tahun(ctx: SheetContext, ident: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    if "kecamatan" not in ident:
        ident["kecamatan"] = ctx.header.context.get("kecamatan") or ctx.file_kecamatan
    else:
        ident["kecamatan"] = ident["kecamatan"].fillna(
            ctx.header.context.get("kecamatan") or ctx.file_kecamatan
        )
    if "tahun" not in ident:
        ident["tahun"] = ctx.header.context.get("tahun") or ctx.file_year
        ident["tahun"] = ident["tahun"].astype("object")
    else:
        ident["tahun"] = (
            ident["tahun"]
            .astype("object")
            .where(ident["tahun"].notna(), ctx.header.context.get("tahun") or ctx.file_year)
        )
    return ident


def _extract_table(ctx: SheetContext, layout: str, block: int) -> None:
    columns, duplicates = _resolve_generic(ctx, layout)
    if duplicates:
        # two columns claim one meaning (Wotu Tabel 2.5: Indikator Tujuan and Indikator
        # Sasaran over one row of figures): which one the figures belong to is not known,
        # so nothing of this sheet is written, not even with --lenient
        return
    # read later, with the tables of other sheets (analysis.ingest.extraction)
    ctx.out.tables.append(
        TablePlan(replace(ctx, code_parts=list(ctx.code_parts)), layout, columns, block)
    )
