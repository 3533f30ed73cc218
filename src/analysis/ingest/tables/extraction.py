"""Extract the rows of many recognised tables in one pass over all their cells.

:func:`analysis.ingest.tables.layouts.extract_sheet` decides, sheet by sheet, where a table's
header is, which layout it has and which column holds which field (a few list
operations per sheet): a :class:`TablePlan`. This module then reads the plans of many
sheets together - a chunk of files, or one big provincial export - so that the cost of
cleaning text and parsing numbers is paid once per field over all their cells, not once
per column of every small sheet:

* the data rows of every table are chosen together
  (:func:`analysis.ingest.tables.nondata.data_rows`);
* each field's cells of every table are stacked into one column; text is cleaned, numbers
  parsed (:func:`analysis.ingest.formats.cells.parse_numbers`, judging a column's separators within
  its own table) and every refused cell named by file, sheet, row and column;
* the rows come out as one frame per destination (kinerja, anggaran, IKU, bulanan) in the
  same fields, in the same order and with the same errors, findings and notes (kept on
  each sheet's :class:`~analysis.ingest.tables.layouts.Extracted`) as extracting each table alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.errors import Finding, IngestError
from analysis.ingest.fields import (
    BUDGET_FIGURES,
    BULANAN_FIGURES,
    IKU_FIGURES,
    KINERJA_FIGURES,
    MAX_IDENTITY_CHARS,
    MAX_NOTE_CHARS,
    MONTH_PREFIX,
    MONTHS,
    TEXT_FIELDS,
    joined_code,
)
from analysis.ingest.formats import cells, links, no_value
from analysis.ingest.tables import money_units, monthly, nondata, printed_totals
from analysis.ingest.tables import reasons as penjelasan
from analysis.ingest.tables.context import TablePlan, column_name
from analysis.ingest.text import TOTAL_NAMES, clean_text, code_like, per_unique

NOTE_FIELDS = {"bukti_dukung", *penjelasan.FIELDS}
"""Free text kept to the note length and joined to ``keterangan``."""

DESTINATION = {"1a": "kinerja", "1c": "anggaran", "1d": "iku", "1e": "bulanan"}

QUARTER_ALONE = re.compile(r"(?<!_sd)_tw\d$")
"""Fields of one quarter alone (``realisasi_tw2``), which later s/d figures add up."""


@dataclass
class _Tables:
    """The data rows of the plans of one destination, stacked."""

    plans: list[TablePlan]
    data: list[pd.DataFrame]
    rows: np.ndarray
    """Spreadsheet row of each stacked row."""
    owner: np.ndarray
    """Index into ``plans`` of each stacked row."""

    def __post_init__(self) -> None:
        self.n = len(self.rows)
        self.start = np.concatenate([[0], np.cumsum([len(d) for d in self.data])])[:-1]
        self._arrays = [nondata.object_cells(d) for d in self.data]

    def has(self, name: str) -> list[bool]:
        return [name in p.columns for p in self.plans]

    def stacked(self, cols: list[int | None]) -> pd.Series:
        """Each table's column ``cols[i]`` (``None``: no such column) stacked."""
        return nondata.stack_columns(list(zip(self.data, self._arrays, cols, strict=True)))

    def field(self, name: str) -> pd.Series:
        return self.stacked([p.columns.get(name) for p in self.plans])

    def per_table(self, values: list[object]) -> np.ndarray:
        """One value per table, spread to its rows."""
        return np.array(values, dtype=object)[self.owner] if self.n else np.array([], dtype=object)


def extract_tables(plans: list[TablePlan]) -> dict[str, pd.DataFrame]:
    """The rows of every plan, one frame per destination; errors, findings and notes go to
    each plan's sheet (``plan.ctx.out``)."""
    # an IKU table's printed average is the office's figure, read and compared (rows)
    selected = nondata.data_rows(
        [p.ctx for p in plans], keep_averages=[p.layout == "1d" for p in plans]
    )
    by_layout: dict[str, list[tuple[TablePlan, pd.DataFrame, np.ndarray]]] = {}
    for plan, (data, rows) in zip(plans, selected, strict=True):
        if len(data) == 0:
            plan.ctx.out.notes.append(
                f"{plan.ctx.grid.file}:{plan.ctx.grid.sheet}: tidak ada baris data"
            )
            continue
        by_layout.setdefault(plan.layout, []).append((plan, data, rows))
    frames: dict[str, pd.DataFrame] = {}
    errors: list[tuple] = []  # (sheet, row, column, order, sheet's Extracted, error)
    for layout, members in by_layout.items():
        owner = np.repeat(np.arange(len(members)), [len(d) for _, d, _ in members])
        tables = _Tables(
            [m[0] for m in members],
            [m[1] for m in members],
            np.concatenate([m[2] for m in members]).astype("int64"),
            owner,
        )
        frames[DESTINATION[layout]] = _extract(tables, layout, errors)
    # each sheet's cell errors in row and column order, after its own header errors
    for *_, sheet_out, error in sorted(errors, key=lambda e: e[:4]):
        sheet_out.errors.append(error)
    return frames


def _extract(tables: _Tables, layout: str, errors: list) -> pd.DataFrame:
    ident = _identity(tables, errors)
    _names_in_number_column(tables, ident)
    if layout == "1d":
        figures, units = _figures(tables, IKU_FIGURES, errors)
        # the quarter from a TRIWULAN column, else from the title (``... TRIWULAN II``)
        given = [p.ctx.header.context.get("triwulan_iku") for p in tables.plans]
        title = tables.per_table([float(q) if q else np.nan for q in given]).astype(float)
        if any(tables.has("triwulan")):
            raw = tables.field("triwulan")
            parsed = _parse_triwulan(raw)
            _cell_errors(tables, "triwulan", raw, parsed["error"], errors)
            has = tables.per_table(tables.has("triwulan")).astype(bool)
            figures["triwulan"] = np.where(has, parsed["value"].to_numpy(dtype=float), title)
        elif any(given):
            figures["triwulan"] = title
    elif layout == "1e":
        figures, units = _figures(tables, BULANAN_FIGURES, errors, month_prefix=True)
        raw = tables.field("bulan")
        parsed = _parse_month(raw)
        _cell_errors(tables, "bulan", raw, parsed["error"], errors)
        # a monthly table without a bulan column: the month its title or cells name
        title = [p.ctx.header.context.get("bulan") for p in tables.plans]
        has = tables.per_table(tables.has("bulan")).astype(bool)
        given = tables.per_table([float(m) if m else np.nan for m in title]).astype(float)
        figures["bulan"] = np.where(has, parsed["value"].to_numpy(dtype=float), given)
    else:
        figures, units = _figures(tables, KINERJA_FIGURES + BUDGET_FIGURES, errors)
        # capaian columns are percentages whatever the indicator counts, a plan's
        # per-indicator Rp is money: neither is a unit to compare
        units = units[
            [
                c
                for c in units.columns
                if c in KINERJA_FIGURES and not c.startswith("capaian") and c != "pagu_indikator"
            ]
        ]
    frame = pd.concat([ident, figures], axis=1)
    # the level a table gives rows that name none (a budget table of work units)
    levels = [p.ctx.header.context.get("tingkat_bawaan") for p in tables.plans]
    if any(levels):
        frame["_default_tingkat"] = tables.per_table(levels)
    frame["_unit"] = _first_unit(units)
    _finish(tables, frame)
    if layout == "1d":
        frame = printed_totals.mark_rows(frame, _row_labels(tables))
    if layout in {"1a", "1c"}:
        _unit_findings(tables, frame, units)
        frame["_layout"] = layout
    return frame


# --- identity ------------------------------------------------------------------------------


def _row_labels(tables: _Tables) -> pd.Series:
    """Each row's text in its No., name or sasaran column (the first filled one)."""
    out = pd.Series(pd.NA, index=range(tables.n), dtype="object")
    for name in ("no", "uraian", "sasaran"):
        cols = [
            p.ctx.header.fields.index(name) if name in p.ctx.header.fields else None
            for p in tables.plans
        ]
        if any(c is not None for c in cols):
            text = clean_text(tables.stacked(cols))
            out = out.fillna(pd.Series(text.to_numpy(), index=out.index).where(text.notna()))
    return out


def _identity(tables: _Tables, errors: list) -> pd.DataFrame:
    present = [name for name in TEXT_FIELDS if any(tables.has(name))]
    raws = {}
    for name in present:
        raw = tables.field(name)
        if name == "kode" and any(len(p.ctx.code_parts) > 1 for p in tables.plans):
            raw = raw.astype(object)
            for i, plan in enumerate(tables.plans):
                if len(plan.ctx.code_parts) > 1:
                    at = slice(tables.start[i], tables.start[i] + len(tables.data[i]))
                    raw.iloc[at] = joined_code(tables.data[i], plan.ctx.code_parts).to_numpy()
        if name == "bukti_dukung" or name.startswith("keterangan"):
            raw = links.as_text(raw)  # a link in a note column: label <url>, never an error
        raws[name] = raw
    out = pd.DataFrame(index=range(tables.n))
    for names in _field_batches(present, tables.n):
        raw = _concat([raws[name] for name in names])
        limits = np.repeat(
            [
                MAX_NOTE_CHARS
                if name.startswith("keterangan") or name in NOTE_FIELDS or name == "catatan_sumber"
                else MAX_IDENTITY_CHARS
                for name in names
            ],
            tables.n,
        )
        text = clean_text(raw)
        reasons = text_problems(text, limits)
        text = text.where(reasons.isna())
        for k, name in enumerate(names):
            part = slice(k * tables.n, (k + 1) * tables.n)
            _cell_errors(tables, name, raws[name], reasons.iloc[part], errors)
            # the Arrow-backed array itself: no round trip through Python string objects
            out[name] = text.iloc[part].array
    out = penjelasan.into_keterangan(out)
    if "bukti_dukung" in out:
        out = links.into_keterangan(out)
    return fill_kecamatan_tahun(
        out,
        tables.per_table([p.ctx.kecamatan for p in tables.plans]),
        tables.per_table([p.ctx.tahun for p in tables.plans]),
    )


def fill_kecamatan_tahun(ident: pd.DataFrame, kecamatan: object, tahun: object) -> pd.DataFrame:
    """Empty kecamatan and tahun cells - or no such column - take the sheet's own (its
    title's, else its file name's: :class:`~analysis.ingest.tables.layouts.SheetContext`); one
    value for all rows, or one per row when the rows come from many sheets."""
    for name, value in (("kecamatan", kecamatan), ("tahun", tahun)):
        if name in ident:
            ident[name] = ident[name].astype(object).where(ident[name].notna(), value)
        else:
            ident[name] = pd.Series(value, index=ident.index, dtype=object)
    return ident


FIRST_COLUMN = "(kolom pertama)"
TOTAL_LABEL_COLUMNS = ("sasaran", "kode", FIRST_COLUMN)
"""Columns where a printed total's label (``JUMLAH``, ``TOTAL``: ``text.TOTAL_NAMES``) on a
row without a name is that row's name: offices type it in the first column of the table,
whatever that column is (``Pejabat``, an untitled one)."""


def _names_in_number_column(tables: _Tables, ident: pd.DataFrame) -> None:
    """``TOTAL BELANJA`` printed in the NO column (Wotu Tabel 3.4) is the row's name; so is
    ``JUMLAH`` printed in the SASARAN column (Wotu Tabel 2.8). A code printed in the NO
    column (Renja Tabel 4.1: ``07.01.01``) is the row's code where no Kode column gives
    one. ``JUMLAH`` in the Kode column (:data:`TOTAL_LABEL_COLUMNS`) is the row's name too."""
    if "uraian" not in ident:
        return

    def column(name: str) -> list[int | None]:
        if name == FIRST_COLUMN:
            return [0 if "uraian" in p.columns else None for p in tables.plans]
        return [
            p.ctx.header.fields.index(name)
            if "uraian" in p.columns and name in p.ctx.header.fields
            else None
            for p in tables.plans
        ]

    no = column("no")
    if any(c is not None for c in no):
        raw = tables.stacked(no)
        text = clean_text(raw)
        # a row numbered in the NO column is a listed item, never a rekening line
        ident["_numbered"] = text.str.strip().fillna("").ne("").to_numpy()
        words = text.str.contains(r"[A-Za-z]{3,}", regex=True).fillna(False).astype(bool)
        use = words & ident["uraian"].isna()
        if use.any():
            ident.loc[use, "uraian"] = text[use]
        codes = code_like(raw)
        if codes.any():
            if "kode" not in ident:
                ident["kode"] = pd.Series(pd.NA, index=ident.index, dtype="str")
            take = codes & ident["kode"].isna()
            ident.loc[take, "kode"] = text[take]
    for name in TOTAL_LABEL_COLUMNS:  # JUMLAH typed in the Sasaran, Kode or first column
        cols = column(name)
        if not any(c is not None for c in cols):
            continue
        text = clean_text(tables.stacked(cols))
        total = text.str.strip().str.lower().str.fullmatch(TOTAL_NAMES).fillna(False)
        use = total.astype(bool) & ident["uraian"].isna()
        if use.any():
            ident.loc[use, "uraian"] = text[use]
            if name == "kode" and "kode" in ident:  # a label, not an unreadable kode
                ident.loc[use, "kode"] = pd.NA
    if "indikator" in ident:
        # ``JUMLAH`` printed in the indikator column of a row with no kode and no name is
        # a printed total, not an indicator of a guessed sub kegiatan
        text = ident["indikator"].astype("str")
        total = text.str.strip().str.lower().str.fullmatch(TOTAL_NAMES).fillna(False)
        use = total.astype(bool) & ident["uraian"].isna()
        if "kode" in ident:
            use &= ident["kode"].isna()
        if use.any():
            ident.loc[use, "uraian"] = text[use]


# --- figures -------------------------------------------------------------------------------


def _figures(
    tables: _Tables, names: list[str], errors: list, *, month_prefix: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    present = [name for name in names if any(tables.has(name))]
    words: dict[int, list[tuple[int, str, str]]] = {}  # table -> (row, column, text)
    magnitudes: dict[int, list[tuple[int, str, str]]] = {}  # money read in full rupiah
    values = pd.DataFrame(index=range(tables.n))
    units = pd.DataFrame(index=range(tables.n))
    for batch in _field_batches(present, tables.n):
        raws = [tables.field(name) for name in batch]
        sources = []
        for raw in raws:
            src = raw
            if month_prefix and (raw.dtype == object or raw.dtype == "str"):
                text = raw.astype("str").where(raw.notna())
                src = text.str.replace(MONTH_PREFIX, "", regex=True, case=False)
                src = src.where(raw.notna()).astype(object).where(text.notna(), raw)
                src = monthly.to_date_in_phrase(src)
            sources.append(src)
        quarters = [re.search(r"_tw(\d)$", name) for name in batch]
        column_quarter = np.repeat([float(q.group(1)) if q else np.nan for q in quarters], tables.n)
        # each field of each table is a column of its own (its separators judged alone)
        column = np.repeat(np.arange(len(batch)), tables.n) * max(len(tables.plans), 1)
        parsed = cells.parse_numbers(
            _concat(sources),
            allow_quarter=pd.Series(~np.isnan(column_quarter)),
            tables=pd.Series(column + np.tile(tables.owner, len(batch))),
        )
        parsed = quarter_label_matches(parsed, column_quarter)
        said = no_value.is_no_value_word(_concat(raws))  # the batch's cells in one pass
        for k, name in enumerate(batch):
            part = parsed.iloc[k * tables.n : (k + 1) * tables.n]
            if money_units.is_money(name):  # '2,67 M' in a pagu column: 2.670.000.000
                part, scaled = money_units.in_rupiah(part, raws[k])
                _collect(tables, name, raws[k], scaled, magnitudes)
            _cell_errors(tables, name, raws[k], part["error"], errors)
            _no_value_words(
                tables, name, raws[k], part, words, said[k * tables.n : (k + 1) * tables.n]
            )
            values[name] = part["value"].to_numpy()
            units[name] = part["unit"].to_numpy()
    for t, places in sorted(words.items()):
        ctx = tables.plans[t].ctx
        ctx.out.notes.append(no_value.sheet_note(ctx.grid.file, ctx.grid.sheet, sorted(places)))
    for t, places in sorted(magnitudes.items()):
        ctx = tables.plans[t].ctx
        ctx.out.notes.append(money_units.sheet_note(ctx.grid.file, ctx.grid.sheet, sorted(places)))
    return values, units


def _no_value_words(
    tables: _Tables, name: str, raw: pd.Series, part: pd.DataFrame, into: dict, said: np.ndarray
) -> None:
    """Collect, per table, the cells read as no value because their text says so
    (``said``: :func:`no_value.is_no_value_word` of ``raw``)."""
    _collect(tables, name, raw, said & part["error"].isna().to_numpy(), into)


def _collect(tables: _Tables, name: str, raw: pd.Series, hit: np.ndarray, into: dict) -> None:
    """Add the cells ``hit`` of field ``name`` to ``into`` per table: (row, column, text)."""
    if not hit.any():
        return
    idx = np.flatnonzero(hit)
    owners, rows, texts = tables.owner[idx], tables.rows[idx], raw.to_numpy()[idx]
    for t in np.unique(owners):  # one pass per table (sheet), not per cell
        plan = tables.plans[int(t)]
        label = column_name(plan.ctx, plan.columns.get(name, -1))
        mine = owners == t
        into.setdefault(int(t), []).extend(
            zip(rows[mine].tolist(), [label] * int(mine.sum()), map(str, texts[mine]), strict=True)
        )


STACKED_CELLS = 1_000_000
"""Fields parsed together while their cells number at most this: one pass over all of a
chunk's figure columns costs a few pandas calls, not a few per column and table; a big
provincial export is still parsed a few fields at a time, bounding the memory."""


def _field_batches(names: list[str], n_rows: int) -> list[list[str]]:
    per = max(1, STACKED_CELLS // max(n_rows, 1))
    return [names[i : i + per] for i in range(0, len(names), per)]


def _concat(columns: list[pd.Series]) -> pd.Series:
    if len(columns) == 1:
        return columns[0].reset_index(drop=True)
    return pd.concat(columns, ignore_index=True)


def quarter_label_matches(parsed: pd.DataFrame, column_quarter: np.ndarray) -> pd.DataFrame:
    """``TW 1 : 4`` under ``TARGET TW I`` is 4; under ``TARGET TW II`` it is an error naming
    both quarters (which quarter the 4 belongs to is not for the reader to decide).
    ``column_quarter``: the quarter of each cell's column (NaN: a column of no quarter)."""
    q = pd.to_numeric(parsed["quarter"], errors="coerce").to_numpy(dtype=float)
    wrong = (
        ~np.isnan(q) & ~np.isnan(column_quarter) & (q != column_quarter) & parsed["error"].isna()
    )
    if wrong.any():
        parsed = parsed.copy()
        parsed.loc[wrong, "error"] = [
            f"label triwulan TW {int(a)} di kolom triwulan TW {int(b)}; tulis nilainya di "
            "kolom triwulannya"
            for a, b in zip(q[wrong], column_quarter[wrong], strict=True)
        ]
        parsed.loc[wrong, "value"] = np.nan
    return parsed


def text_problems(text: pd.Series, limits: np.ndarray) -> pd.Series:
    """Why a text cell is refused: longer than its column's limit, or an Excel formula
    typed as text (``limits``: each cell's limit)."""
    lengths = text.str.len().to_numpy(dtype=float, na_value=0.0)
    too_long = lengths > limits
    formula = _formula_text(text).to_numpy(dtype=bool)
    reasons = np.full(len(text), None, dtype=object)
    reasons[too_long] = [
        f"teks terlalu panjang (lebih dari {int(limit):,} karakter)" for limit in limits[too_long]
    ]
    reasons[formula] = "rumus Excel sebagai teks tidak dievaluasi; ketik nilainya"
    return pd.Series(reasons, index=text.index, dtype=object)


@per_unique
def _formula_text(text: pd.Series) -> pd.Series:
    return (
        text.str.match(r"^=\s*[A-Za-z_][\w.]*\s*\(|^=\s*[A-Za-z]{1,3}\d+")
        .fillna(False)
        .astype(bool)
    )


def _first_unit(units: pd.DataFrame) -> pd.Series:
    if units.empty:
        return pd.Series(pd.NA, index=units.index, dtype="str")
    return units.bfill(axis=1).iloc[:, 0].astype("str").where(units.notna().any(axis=1))


def _unit_norm(s: pd.Series) -> pd.Series:
    return s.astype("str").where(s.notna()).str.lower().str.replace(r"[^a-z%]", "", regex=True)


def _unit_findings(tables: _Tables, frame: pd.DataFrame, units: pd.DataFrame) -> None:
    """Different units in one row's figures (``12 Dokumen`` vs ``12 Laporan``) are findings.

    Units differ between rows of a column all the time (each row is its own indicator),
    so only disagreement inside a row - or with its SATUAN - is worth a look. It is a
    finding, not an error: the numbers are still readable.
    """
    if units.empty or units.notna().sum().sum() == 0:
        return
    norm = units.apply(_unit_norm)
    if "satuan" in frame:
        norm["satuan"] = _unit_norm(frame["satuan"]).to_numpy()
    first = norm.bfill(axis=1).iloc[:, 0]
    differs = norm.ne(first, axis=0) & norm.notna()
    for i in np.flatnonzero(differs.any(axis=1).to_numpy()):
        found = sorted({str(v) for v in units.iloc[i].dropna()})
        if "satuan" in frame and pd.notna(frame["satuan"].iloc[i]):
            found = sorted({*found, str(frame["satuan"].iloc[i])})
        tables.plans[tables.owner[i]].ctx.out.findings.append(
            Finding(
                pesan="satuan berbeda dalam satu baris: " + ", ".join(found),
                jenis="satuan_campuran",
                sumber=frame["sumber"].iloc[i],
                kolom="satuan",
                dilaporkan=", ".join(found),
                uraian=frame["uraian"].iloc[i] if "uraian" in frame else None,
            )
        )


def _finish(tables: _Tables, frame: pd.DataFrame) -> None:
    prefix = tables.per_table([f"{p.ctx.grid.file}:{p.ctx.grid.sheet}:" for p in tables.plans])
    frame["sumber"] = (
        pd.Series(prefix, dtype="str") + pd.Series(tables.rows).astype("str")
    ).to_numpy()
    frame["_file"] = pd.array(
        tables.per_table([p.ctx.grid.file for p in tables.plans]), dtype="str"
    )
    frame["_sheet"] = pd.array(
        tables.per_table([p.ctx.grid.sheet for p in tables.plans]), dtype="str"
    )
    frame["_row"] = tables.rows
    frame["_order"] = np.arange(tables.n, dtype="int64") - tables.start[tables.owner]
    frame["_block"] = np.array([p.block for p in tables.plans], dtype="int64")[tables.owner]


# --- refused cells -------------------------------------------------------------------------


def _cell_errors(
    tables: _Tables, name: str, raw: pd.Series, reasons: pd.Series, errors: list
) -> None:
    """Every refused cell named by file, sheet, row, column (header and letter) and value."""
    bad = reasons.notna().to_numpy()
    if not bad.any():
        return
    labels: dict[int, tuple[int, str]] = {}
    for i in np.flatnonzero(bad):
        t = int(tables.owner[i])
        plan = tables.plans[t]
        if t not in labels:
            col = plan.columns.get(name, -1)
            labels[t] = (col, column_name(plan.ctx, col))
        col, label = labels[t]
        reason = reasons.iat[i]
        if reason == cells.AMBIGUOUS_MIXED and QUARTER_ALONE.search(name):
            # a quarter's own figure adds up into every later s/d figure: left empty it
            # would understate them all, so there the cell stays an error
            reason = cells.AMBIGUOUS_DOT
        elif reason == cells.AMBIGUOUS_MIXED:  # no value, and a finding naming it
            where = f"{plan.ctx.grid.file}:{plan.ctx.grid.sheet}:{int(tables.rows[i])}"
            plan.ctx.out.findings.append(
                Finding(
                    pesan=f"kolom {label!r}, nilai {raw.iat[i]!r}: {cells.AMBIGUOUS_MIXED}",
                    jenis="pemisah_ambigu",
                    sumber=where,
                    # a table laid out by year: the column's year, not the row's first
                    tahun=year
                    if isinstance(year := plan.ctx.header.context.get("tahun"), int)
                    else None,
                    kolom=name,
                    dilaporkan=str(raw.iat[i]),
                    tingkat_keparahan="sedang",
                )
            )
            continue
        error = IngestError(
            reason,
            file=plan.ctx.grid.file,
            sheet=plan.ctx.grid.sheet,
            row=int(tables.rows[i]),
            column=label,
            value=raw.iat[i],
        )
        errors.append(
            (id(plan.ctx.out), int(tables.rows[i]), col, len(errors), plan.ctx.out, error)
        )


def _parse_triwulan(raw: pd.Series) -> pd.DataFrame:
    text = raw.astype("str").where(raw.notna()).str.strip()
    text = text.str.replace(r"^(?:tw|triwulan|q)\s*\.?\s*", "", regex=True, case=False)
    roman = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
    text = text.str.lower().replace(roman)
    parsed = cells.parse_numbers(text.astype(object).where(text.notna()), allow_quarter=False)
    value = parsed["value"]
    bad = value.notna() & ~value.isin([1, 2, 3, 4])
    parsed.loc[bad, "error"] = "triwulan di luar 1..4"
    parsed.loc[bad, "value"] = np.nan
    return parsed


def _parse_month(raw: pd.Series) -> pd.DataFrame:
    text = raw.astype("str").where(raw.notna()).str.strip().str.lower()
    by_name = text.map(MONTHS)
    parsed = cells.parse_numbers(
        text.astype(object).where(by_name.isna() & text.notna()), allow_quarter=False
    )
    parsed["value"] = parsed["value"].fillna(by_name.astype("float64"))
    bad = parsed["value"].notna() & ~parsed["value"].isin(range(1, 13))
    parsed.loc[bad, "error"] = "bulan di luar 1..12"
    parsed.loc[bad, "value"] = np.nan
    missing = text.notna() & parsed["value"].isna() & parsed["error"].isna()
    parsed.loc[missing, "error"] = "bulan tidak dikenali"
    return parsed
