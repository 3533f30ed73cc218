"""Layout 1b: the *Evaluasi atas Rencana Aksi* form (seed 000).

The header ``URAIAN`` appears once per side (program left, kegiatan/sub kegiatan right);
the quarter is written inside the target cell (``TW 1 : 3``) with one continuation row
per quarter, or several quarters in one cell (:mod:`analysis.ingest.tables.quarter_cells`).
The sheets have tens of rows: the per-block Python here is bounded by that.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis import schema
from analysis.errors import Finding, IngestError
from analysis.ingest.fields import MAX_IDENTITY_CHARS
from analysis.ingest.formats import cells
from analysis.ingest.tables import nondata, quarter_cells
from analysis.ingest.tables.context import SheetContext, column_name
from analysis.ingest.tables.extraction import fill_kecamatan_tahun, text_problems
from analysis.ingest.tables.header_block import IGNORED_FIELDS, Header
from analysis.ingest.text import clean_text


def _sides(header: Header) -> list[dict[str, int]]:
    """Column index per field for each side of the form (program left, kegiatan right)."""
    starts = [i for i, f in enumerate(header.fields) if f == "uraian"]
    if not starts:
        starts = [min(i for i, f in enumerate(header.fields) if f == "indikator")]
    sides = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(header.fields)
        side: dict[str, int] = {}
        for i in range(start, end):
            f = header.fields[i]
            if f is None or f in IGNORED_FIELDS:
                continue
            f = {"target_tahunan": "target"}.get(f, f)
            side.setdefault(re.sub(r"_tw\d$", "", f) if f.startswith("keterangan") else f, i)
        sides.append(side)
    return sides


def _side_tingkat(header: Header, side: dict[str, int]) -> str | None:
    label = header.labels[side.get("uraian", side.get("indikator", 0))].lower()
    if re.search(r"sub\s*kegiatan|kegiatan", label):
        return None
    if "program" in label:
        return "program"
    return None


def extract_form(ctx: SheetContext, block: int) -> None:
    header = ctx.header
    data, rows = _data_rows(ctx)
    if len(data) == 0:
        return
    data = data.reset_index(drop=True)
    sides = _sides(header)
    pieces = []
    for s, side in enumerate(sides):
        piece = _form_side(ctx, data, rows, side, s)
        if piece is not None:
            piece["_default_tingkat"] = _side_tingkat(header, side)
            pieces.append(piece)
    if not pieces:
        return
    frame = pd.concat(pieces, ignore_index=True)
    frame = frame.sort_values(["_row", "_side"], kind="stable").reset_index(drop=True)
    frame = _collapse_repeats(ctx, frame)
    frame = fill_kecamatan_tahun(frame, ctx.kecamatan, ctx.tahun)
    frame["_file"] = ctx.grid.file
    frame["_sheet"] = ctx.grid.sheet
    frame["_order"] = np.arange(len(frame), dtype="int64")
    frame["_block"] = block
    frame["_layout"] = "1b"
    ctx.out.kinerja.append(frame)


def _form_side(
    ctx: SheetContext, data: pd.DataFrame, rows: np.ndarray, side: dict[str, int], s: int
) -> pd.DataFrame | None:
    if "target" not in side and "realisasi" not in side:
        return None
    if "target" in side:
        data, rows, problems = quarter_cells.expand(
            data.reset_index(drop=True),
            rows,
            side["target"],
            [side[c] for c in ("realisasi", "capaian") if c in side],
            [side[c] for c in ("uraian", "indikator", "satuan") if c in side],
            [side[c] for c in ("keterangan",) if c in side],
        )
        for row, c, value, reason in problems:
            ctx.out.errors.append(
                IngestError(
                    reason,
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=row,
                    column=column_name(ctx, c),
                    value=value,
                )
            )

    def col(name: str) -> pd.Series:
        if name not in side:
            return pd.Series([None] * len(data), dtype=object)
        return data.iloc[:, side[name]]

    uraian = (
        _text_column(ctx, side["uraian"], rows, col("uraian"), MAX_IDENTITY_CHARS)
        if "uraian" in side
        else pd.Series(pd.NA, index=data.index, dtype="str")
    )
    indikator = (
        _text_column(ctx, side["indikator"], rows, col("indikator"), MAX_IDENTITY_CHARS)
        if "indikator" in side
        else pd.Series(pd.NA, index=data.index, dtype="str")
    )
    satuan_raw = col("satuan")
    starts = (uraian.notna() | indikator.notna()).to_numpy()
    figure_cols = [c for c in ("target", "realisasi", "capaian") if c in side]
    has_value = np.zeros(len(data), dtype=bool)
    for c in figure_cols:
        t = clean_text(col(c))
        has_value |= t.notna().to_numpy()
    if not starts.any():
        return None
    block_id = np.cumsum(starts)
    orphan = (block_id == 0) & has_value
    for i in np.flatnonzero(orphan):
        ctx.out.errors.append(
            IngestError(
                "nilai tanpa uraian/indikator di atasnya",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(rows[i]),
                column=column_name(ctx, side[figure_cols[0]]),
            )
        )
    in_block = block_id > 0
    # quarter from the label in the target cell, else the position inside the block
    parsed = _parse_figures(data, side, figure_cols)
    target, realisasi, capaian = (parsed.get(c) for c in ("target", "realisasi", "capaian"))
    for name, parsed in (("target", target), ("realisasi", realisasi), ("capaian", capaian)):
        if parsed is not None:
            _cell_errors(
                ctx,
                side[name],
                rows,
                col(name).reset_index(drop=True),
                parsed["error"].where(in_block),
            )
    if target is not None:
        multi = (
            clean_text(col("target")).str.count(r"(?i)\b(?:tw|triwulan)\s*\.?\s*\w+\s*:").fillna(0)
            > 1
        )
        for i in np.flatnonzero(multi.to_numpy() & in_block):
            ctx.out.errors.append(
                IngestError(
                    "beberapa triwulan dalam satu sel target; tulis satu triwulan per baris",
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=int(rows[i]),
                    column=column_name(ctx, side["target"]),
                    value=col("target").iloc[i],
                )
            )
    position = pd.Series(1, index=range(len(data))).groupby(block_id).cumsum().to_numpy()
    label_q = (
        target["quarter"].to_numpy(dtype="float64", na_value=np.nan)
        if target is not None
        else np.full(len(data), np.nan)
    )
    quarter = np.where(np.isnan(label_q), position, label_q)
    line_has_value = has_value | (~np.isnan(label_q))
    bad_q = in_block & line_has_value & (quarter > 4)
    for i in np.flatnonzero(bad_q):
        ctx.out.errors.append(
            IngestError(
                "lebih dari empat baris triwulan untuk satu indikator",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(rows[i]),
                column=column_name(ctx, side.get("target", side.get("realisasi", 0))),
            )
        )
    ket = (
        clean_text(col("keterangan"))
        if "keterangan" in side
        else pd.Series(pd.NA, index=range(len(data)), dtype="str")
    )
    long = pd.DataFrame(
        {
            "block": block_id,
            "q": quarter,
            "target": target["value"].to_numpy() if target is not None else np.nan,
            "realisasi": realisasi["value"].to_numpy() if realisasi is not None else np.nan,
            "capaian": capaian["value"].to_numpy() if capaian is not None else np.nan,
            "ket": ket.to_numpy(),
            "row": rows,
        }
    )
    long = long[in_block & (line_has_value | ket.notna().to_numpy()) & (quarter <= 4)]
    # No quarter label anywhere on this side and one line per entity: not a per-quarter
    # form (seed 003's Perjanjian Kinerja: KEGIATAN | SUB KEGIATAN | INDIKATOR | TARGET
    # "12 Dokumen"): the target is the year's, and a realisasi has no quarter to go to.
    annual = bool(np.isnan(label_q).all()) and bool(
        (pd.Series(block_id[in_block]).value_counts() == 1).all()
    )
    annual_target = None
    if annual and len(long):
        annual_target = long.drop_duplicates("block").set_index("block")
        for c in ("realisasi", "capaian"):
            if c in side:
                for r in annual_target.loc[annual_target[c].notna(), "row"]:
                    ctx.out.errors.append(
                        IngestError(
                            f"{c} tanpa triwulan: tabel ini tidak menulis label TW; beri "
                            "judul kolom triwulannya (mis. REALISASI TW I)",
                            file=ctx.grid.file,
                            sheet=ctx.grid.sheet,
                            row=int(r),
                            column=column_name(ctx, side[c]),
                        )
                    )
        long = long.iloc[0:0]
    dup = long.duplicated(["block", "q"], keep="first")
    for r in long.loc[dup, "row"]:
        ctx.out.errors.append(
            IngestError(
                "triwulan yang sama ditulis dua kali untuk satu indikator",
                file=ctx.grid.file,
                sheet=ctx.grid.sheet,
                row=int(r),
                column=column_name(ctx, side.get("target", 0)),
            )
        )
    long = long[~dup]
    long["q"] = long["q"].astype(int)
    wide = long.pivot(index="block", columns="q", values=["target", "realisasi", "capaian", "ket"])
    firsts = np.flatnonzero(starts)
    ident = pd.DataFrame(
        {
            "uraian": uraian.iloc[firsts].to_numpy(),
            "indikator": indikator.iloc[firsts].to_numpy(),
            "_row": rows[firsts].astype("int64"),
            "_side": s,
        },
        index=block_id[firsts],
    )
    # an indicator row without its own uraian continues the entity above (merged cells)
    ident["uraian"] = ident["uraian"].ffill()
    sat = cells.split_value_unit(satuan_raw.iloc[firsts].reset_index(drop=True))
    _cell_errors(
        ctx,
        side["satuan"],
        rows[firsts],
        satuan_raw.iloc[firsts].reset_index(drop=True),
        sat["error"],
    ) if "satuan" in side else None
    ident["target_tahunan"] = sat["value"].to_numpy()
    ident["satuan"] = sat["unit"].to_numpy()
    if annual_target is not None and target is not None:
        by_block = pd.Series(target["value"].to_numpy()[firsts], index=block_id[firsts])
        units = pd.Series(target["unit"].to_numpy()[firsts], index=block_id[firsts])
        ident["target_tahunan"] = ident["target_tahunan"].fillna(by_block)
        ident["satuan"] = ident["satuan"].fillna(units)
    for q in schema.QUARTERS:
        for src, dst in (
            ("target", "target_tw"),
            ("realisasi", "realisasi_tw"),
            ("capaian", "capaian_tw"),
            ("ket", "keterangan_tw"),
        ):
            ident[f"{dst}{q}"] = (
                wide[(src, q)].reindex(ident.index).to_numpy()
                if (src, q) in wide.columns
                else np.nan
            )
    ident["sumber"] = [f"{ctx.grid.file}:{ctx.grid.sheet}:{int(r)}" for r in ident["_row"]]
    return ident.reset_index(drop=True)


def _collapse_repeats(ctx: SheetContext, frame: pd.DataFrame) -> pd.DataFrame:
    """Repeats of a program block collapse to the first; differing ones are findings."""
    from analysis.ingest.text import uraian_key

    figures = [c for c in frame.columns if re.match(r"(target|realisasi|capaian)_tw\d$", c)] + [
        "target_tahunan",
        "satuan",
    ]
    key = uraian_key(frame["uraian"]).fillna("") + "|" + frame["indikator"].fillna("").str.lower()
    left = frame["_default_tingkat"].eq("program")
    keep = pd.Series(True, index=frame.index)
    for _, idx in frame[left].groupby(key[left]).groups.items():
        if len(idx) < 2:
            continue
        first = idx[0]
        base = frame.loc[first, figures]
        for other in idx[1:]:
            same = all(
                (pd.isna(a) and pd.isna(b)) or a == b
                for a, b in zip(base.tolist(), frame.loc[other, figures].tolist(), strict=True)
            )
            if same:
                keep[other] = False
            else:
                diff = [
                    c
                    for c, a, b in zip(
                        figures, base.tolist(), frame.loc[other, figures].tolist(), strict=True
                    )
                    if not ((pd.isna(a) and pd.isna(b)) or a == b)
                ]
                # The form repeats the program beside each of its kegiatan; differing
                # figures are the form's own inconsistency: report it, keep the first.
                moved = _beside_entity(ctx, frame, first, other)
                diff = [c for c in diff if c not in moved]
                if not diff:
                    keep[other] = False
                    continue
                ctx.out.findings.append(
                    Finding(
                        pesan=(
                            "program yang sama diulang dengan angka berbeda (baris "
                            f"{frame.at[first, '_row']} dan {frame.at[other, '_row']}; kolom "
                            "berbeda: " + ", ".join(diff) + "); angka baris "
                            f"{frame.at[first, '_row']} yang dipakai"
                        ),
                        jenis="program_diulang_berbeda",
                        sumber=f"{ctx.grid.file}:{ctx.grid.sheet}:{int(frame.at[other, '_row'])}",
                        kolom=", ".join(diff),
                        dilaporkan=frame.at[other, "uraian"],
                        tingkat_keparahan="sedang",
                        uraian=frame.at[other, "uraian"],
                    )
                )
                keep[other] = False
    return frame[keep].reset_index(drop=True)


def _beside_entity(ctx: SheetContext, frame: pd.DataFrame, first: int, other: int) -> list[str]:
    """Quarter figures of a program repeat that are not the program's own (they differ
    from its first print) while the kegiatan/sub kegiatan printed beside the repeat is
    blank in that quarter: the office wrote its entity's figures one column group to the
    left (seed 000, Perdes: realisasi 7 in the TW IV row of the program columns, the
    14 Dok of the year = 7 in TW I + 7 in TW IV). They go to that entity's quarter, with
    a finding naming the cells; the columns moved are returned."""
    row = frame.at[other, "_row"]
    beside = frame.index[(frame["_row"] == row) & (frame["_side"] > frame.at[other, "_side"])]
    if len(beside) != 1:
        return []
    b = beside[0]
    moved: list[str] = []
    for q in schema.QUARTERS:
        r, c, t = f"realisasi_tw{q}", f"capaian_tw{q}", f"target_tw{q}"
        if r not in frame or pd.isna(frame.at[other, r]):
            continue
        if frame.at[other, r] == frame.at[first, r]:
            continue
        if not all(pd.isna(frame.at[b, x]) for x in (r, c, t) if x in frame):
            continue
        for x in (r, c):
            if x in frame and pd.notna(frame.at[other, x]):
                frame.at[b, x] = frame.at[other, x]
                moved.append(x)
        moved.append(c)  # a capaian ('-') beside the moved realisasi is the entity's too
        target_note = _implied_target(frame, b, q)
        ctx.out.findings.append(
            Finding(
                pesan=(
                    f"blok baris {row}: realisasi {frame.at[other, r]:g} di kolom program untuk "
                    f"{fmt.tw(q)} bukan angka program (baris {frame.at[first, '_row']} "
                    f"mencetak {frame.at[first, r]:g}) dan kolom "
                    f"{frame.at[b, 'uraian']!r} di sampingnya kosong: dibaca sebagai "
                    f"realisasi {fmt.tw(q)} {frame.at[b, 'uraian']!r}{target_note}"
                ),
                jenis="angka_di_kolom_program",
                sumber=f"{ctx.grid.file}:{ctx.grid.sheet}:{int(row)}",
                kolom=r,
                dilaporkan=frame.at[other, r],
                tingkat_keparahan="sedang",
                uraian=frame.at[b, "uraian"],
            )
        )
    return moved


def _implied_target(frame: pd.DataFrame, b: int, q: int) -> str:
    """The quarter target of a moved realisasi, where the form gives it only implicitly:
    the year's target less the quarters' targets printed (14 Dok - 7 in TW I = 7), taken
    only when the printed capaian beside the realisasi says the same (7 of 7 = 100).
    Returns the sentence for the finding ('' when not taken)."""
    t_cols = [f"target_tw{k}" for k in schema.QUARTERS]
    year = frame.at[b, "target_tahunan"]
    r, c = frame.at[b, f"realisasi_tw{q}"], frame.at[b, f"capaian_tw{q}"]
    if pd.isna(year) or pd.isna(r) or pd.isna(c) or c <= 0:
        return ""
    given = pd.to_numeric(frame.loc[b, t_cols], errors="coerce")
    rest = float(year) - float(given.sum())
    if rest <= 0 or abs(float(r) / rest * 100 - float(c)) > 0.5:
        return ""
    frame.at[b, f"target_tw{q}"] = rest
    return (
        f"; target {fmt.tw(q)} {rest:g} = target setahun {float(year):g} dikurangi target "
        f"triwulan yang tercetak {float(given.sum()):g} (capaian tercetak {float(c):g})"
    )


def _parse_figures(
    data: pd.DataFrame, side: dict[str, int], figure_cols: list[str]
) -> dict[str, pd.DataFrame]:
    """:func:`cells.parse_numbers` of one side's figure columns (a quarter label allowed
    in the target only), in one call: each column is judged on its own (``tables``), as
    when parsed one by one, for a third of the fixed cost."""
    if not figure_cols:
        return {}
    n = len(data)
    raw = pd.concat(
        [data.iloc[:, side[c]].reset_index(drop=True) for c in figure_cols], ignore_index=True
    )
    parsed = cells.parse_numbers(
        raw,
        allow_quarter=pd.Series(np.repeat([c == "target" for c in figure_cols], n)),
        tables=pd.Series(np.repeat(figure_cols, n)),
    )
    return {
        c: parsed.iloc[k * n : (k + 1) * n].reset_index(drop=True)
        for k, c in enumerate(figure_cols)
    }


def _data_rows(ctx: SheetContext) -> tuple[pd.DataFrame, np.ndarray]:
    """One table's data rows (the form layout; other layouts choose theirs in a batch)."""
    return nondata.data_rows([ctx])[0]


def _cell_errors(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, reasons: pd.Series
) -> None:
    bad = reasons.notna().to_numpy()
    if not bad.any():
        return
    label = column_name(ctx, col)
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


def _text_column(
    ctx: SheetContext, col: int, rows: np.ndarray, raw: pd.Series, limit: int
) -> pd.Series:
    text = clean_text(raw)
    reasons = text_problems(text, np.full(len(text), limit))
    _cell_errors(ctx, col, rows, raw, reasons)
    return text.where(reasons.isna())
