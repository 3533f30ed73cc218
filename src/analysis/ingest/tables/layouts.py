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

:func:`extract_sheet` does the per-sheet part: where the header is
(:mod:`analysis.ingest.tables.header_block`), which layout, what each column means
(:mod:`analysis.ingest.tables.columns`), and the checks on the sheet as a whole. It returns a
:class:`~analysis.ingest.tables.extraction.TablePlan` per table; the rows of the tables of many
sheets are then read in one pass (:mod:`analysis.ingest.tables.extraction`), in one shape (the
contract's field names plus ``sumber`` and a few ``_``-prefixed bookkeeping columns).
Cleaning and hierarchy happen later over all files at once. The small form layout (1b,
:mod:`analysis.ingest.tables.form`), whose sheets have tens of rows, is read here, sheet by
sheet, with per-row Python.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from analysis.errors import Finding, IngestError, shorten
from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.reference import KecamatanReference
from analysis.ingest.tables import (
    by_year,
    columns,
    dpa_form,
    form_rows,
    level_reached,
    monthly,
    plan_table,
    relative_years,
    repeated_heads,
    side_sheets,
    unit_budget,
    year_vote,
)
from analysis.ingest.tables.context import Extracted, SheetContext, TablePlan, column_name
from analysis.ingest.tables.form import _sides as form_sides
from analysis.ingest.tables.form import extract_form
from analysis.ingest.tables.header_block import (
    Header,
    cell_texts,
    locate_header,
    title_context,
)
from analysis.ingest.tables.headers import quarter_outside_year
from analysis.ingest.tables.title_check import title_contradicts_file_name

__all__ = ["Extracted", "Header", "extract_sheet", "locate_header", "title_context"]


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


def extract_sheet(grid: SheetGrid, kec_ref: KecamatanReference, block: int) -> Extracted:
    """Recognise one sheet's layout and extract its rows (errors collected, not raised).
    A sheet refused as it stands is tried once more with head cells typed in every
    covered cell read as merged (:mod:`.repeated_heads`); that reading is kept only when it
    gives no error."""
    out = _extract_sheet(grid, kec_ref, block)
    if out.errors:
        unrepeated = repeated_heads.unrepeat(grid)
        if unrepeated is not grid:
            retry = _extract_sheet(unrepeated, kec_ref, block)
            if not retry.errors:
                retry.notes.append(
                    f"{grid.file}:{grid.sheet}: judul kolom yang diketik di setiap sel "
                    "dibaca sebagai sel gabungan"
                )
                return retry
    return out


def _extract_sheet(grid: SheetGrid, kec_ref: KecamatanReference, block: int) -> Extracted:
    out = Extracted()
    form = dpa_form.as_table(grid)
    if form is not None:  # a DPA/RKA form of one kegiatan, as the table it stands for
        grid, form_notes = form
        out.notes.extend(form_notes)
    plan = plan_table.as_tables(grid)
    if plan is not None:  # a Renstra plan table (T-C.27): year groups over Target | Rp
        grid, plan_notes, plan_errors, extra = plan
        out.notes.extend(plan_notes)
        if plan_errors:
            out.errors.extend(plan_errors)
            return out
        for part in extra:  # its sasaran-indicator rows: an IKU table of their own
            read = extract_sheet(part, kec_ref, block)
            out.tables.extend(read.tables)
            for kind in ("kinerja", "anggaran", "iku", "bulanan"):
                getattr(out, kind).extend(getattr(read, kind))
            out.errors.extend(read.errors)
            out.findings.extend(read.findings)
            out.notes.extend(read.notes)
            for kind, n in read.skipped.items():
                out.skipped[kind] = out.skipped.get(kind, 0) + n
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
        out.side = side_sheets.reason(grid, None)
        return out
    _quarters_outside_year(grid, header, out)
    header, relative_notes, relative_errors = relative_years.resolve(grid, header)
    out.notes.extend(relative_notes)
    out.errors.extend(relative_errors)
    header = unit_budget.units_as_names(header, grid.file, grid.sheet, out.notes)
    header = columns.money_only(header)
    header, level_notes = level_reached.read(grid, header)
    out.notes.extend(level_notes)
    layout = choose_layout(header, grid)
    if header.plan_columns and layout != "1d":  # a plan's targets count in IKU sheets only
        header.fields = [
            None if c in header.plan_columns else f for c, f in enumerate(header.fields)
        ]
        header.plan_columns = []
        layout = choose_layout(header, grid)
    if layout in {"1a", "1c"}:
        layout = _monthly(grid, header, out) or layout
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
        out.side = side_sheets.reason(grid, header.fields)
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
    if _title_names_several_kecamatan(ctx) or title_contradicts_file_name(ctx):
        return out
    if layout == "1d":
        header = columns.with_plan_targets(header)
        ctx.header = header
    if layout == "1b":  # rows a converter printed out of place, put back first
        form_rows.put_back(ctx, form_sides(ctx.header))
    _unread_columns(ctx)
    _cells_beyond_header(ctx)
    if layout == "1b":
        _title_year_against_file_name(ctx)
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
    vote = by_year.single_year_vote(header, ctx.file_year)
    if vote is None:
        year_vote.column_only(ctx)
        _title_year_against_file_name(ctx)  # one year for the rows: the title's, else the file's
    elif vote.year is None:
        other = vote.title or vote.file
        out.errors.append(
            IngestError(
                f"judul kolom menyebut tahun {vote.column}, judul tabel/nama file tahun "
                f"{other}; tahun mana angka ini berlaku tidak ditebak - perbaiki judul "
                "kolom atau judul tabel",
                file=grid.file,
                sheet=grid.sheet,
                row=int(grid.rows[header.last]),
            )
        )
        return out
    else:
        year_vote.take(ctx, vote)
    _extract_table(ctx, layout, block)
    return out


def _monthly(grid: SheetGrid, header: Header, out: Extracted) -> str | None:
    """``"1e"`` for a table that reports one month and has no ``bulan`` column (see
    :mod:`analysis.ingest.tables.monthly`); the month goes into the header's context."""
    titles = [" ".join(t for t in cell_texts(grid.cells.iloc[r]) if t) for r in range(header.first)]
    body = grid.cells.iloc[header.data_start :]
    stem = grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    found = monthly.table_month(titles, body, header.fields, stem)
    if found is None:
        return None
    month, where = found
    header.context["bulan"] = month
    out.notes.append(
        f"{grid.file}:{grid.sheet}: tabel bulanan (bulan ke-{month}, dari {where}): "
        "dibaca ke tabel bulanan - target triwulan dan realisasi s.d. bulan itu"
    )
    return "1e"


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


def _title_year_against_file_name(ctx: SheetContext) -> None:
    """A single-year table's rows take its own title's year over the file name's
    (:attr:`SheetContext.tahun`); their disagreement is a finding naming both, so a file
    misnamed (or a table pasted from last year) is seen. A table by year (columns per
    year) takes each column's year and is not told."""
    title_year = ctx.header.context.get("tahun")
    if isinstance(title_year, int) and ctx.file_year and title_year != ctx.file_year:
        ctx.out.findings.append(
            Finding(
                pesan=(
                    f"judul tabel menyebut tahun {title_year}, nama file {ctx.grid.file} "
                    f"tahun {ctx.file_year}; baris dibaca sebagai tahun {title_year} (judul "
                    "tabel) - periksa nama file atau judul tabel"
                ),
                jenis="tahun_judul_nama_file",
                sumber=f"{ctx.grid.file}:{ctx.grid.sheet}:{int(ctx.grid.rows[ctx.header.first])}",
                kecamatan=ctx.kecamatan,
                tahun=title_year,
                kolom="tahun",
                dilaporkan=ctx.file_year,
                dihitung=title_year,
                tingkat_keparahan="sedang",
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
                column=column_name(ctx, titled[-1] + 1 + j),
                value=text.iat[i, j],
            )
        )


def _extract_table(ctx: SheetContext, layout: str, block: int) -> None:
    found, duplicates = columns.resolve_columns(ctx, layout)
    if duplicates:
        # two columns claim one meaning (Wotu Tabel 2.5: Indikator Tujuan and Indikator
        # Sasaran over one row of figures): which one the figures belong to is not known,
        # so nothing of this sheet is written, not even with --lenient
        return
    # read later, with the tables of other sheets (analysis.ingest.tables.extraction)
    ctx.out.tables.append(
        TablePlan(replace(ctx, code_parts=list(ctx.code_parts)), layout, found, block)
    )
