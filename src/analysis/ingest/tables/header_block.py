"""Where a sheet's header is, and what each of its columns means.

The header is a block of rows around the best-recognised one (group rows above, year,
quarter and unit rows below; see :func:`locate_header`); each column's labels are
composed top to bottom (:func:`analysis.ingest.tables.headers.compose_header`) and classified
with the sub-label deciding and the groups refining (:func:`classify_composed`). The
title rows above give kecamatan, tahun and triwulan (:func:`title_context`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.reference import KecamatanReference
from analysis.ingest.tables.captions import is_caption
from analysis.ingest.tables.header_synonyms import SUB_LABELS
from analysis.ingest.tables.headers import (
    YEAR,
    compose_header,
    header_field,
    header_year,
    is_header_like,
    is_numbered_row,
    normalise_header,
)

HEADER_SCAN_ROWS = 40
IGNORED_FIELDS = {"no", "sasaran", "penanggung_jawab", "sisa_anggaran", "pengembalian"}
"""Recognised but not carried: row numbers, the sasaran heading (Wotu 2.8) and who is
responsible (``Pejabat``, ``Penanggung Jawab``: named in a note)."""


@dataclass
class Header:
    """Where the header is and what each column holds."""

    first: int
    last: int
    labels: list[str]
    fields: list[str | None]
    data_start: int
    context: dict[str, object]
    years: list[int | None] = field(default_factory=list)
    """The year each column's header names (``Target 2021``), else ``None``."""
    plan_columns: list[int] = field(default_factory=list)
    """Columns read only because a plan's target sits over a row of years (``TARGET RPJMD``
    / ``2011``): each year's target in an IKU sheet; in any other sheet left unread."""


# --- header location ---------------------------------------------------------------------


def cell_texts(row: pd.Series | np.ndarray) -> list[str]:
    """One grid row's texts, single-spaced, ``""`` for an empty cell."""
    out = []
    for v in row.tolist():
        if v is None or (isinstance(v, float) and np.isnan(v)):
            out.append("")
        else:
            out.append(" ".join(str(v).split()))
    return out


def _score(fields: list[str | None]) -> int:
    known = {f for f in fields if f and f not in IGNORED_FIELDS}
    return len(known)


def locate_header(grid: SheetGrid, kec_ref: KecamatanReference) -> Header | None:
    """Find the header row (possibly two rows: a group row above the labels)."""
    cells_ = grid.cells
    n = min(len(cells_), HEADER_SCAN_ROWS)
    best_r, best_score, best_fields = -1, 1, None
    top = cells_.iloc[:n].to_numpy(dtype=object)
    row_texts = [cell_texts(top[r]) for r in range(n)]
    best_plans = False
    for r in range(n):
        texts = row_texts[r]
        if sum(bool(t) for t in texts) < 2:
            continue
        plans = _over_year_row(row_texts, r)
        fields = [header_field(t, plans=plans) if len(t) <= 200 else None for t in texts]
        score = _score(fields)
        if score > best_score:
            best_r, best_score, best_fields, best_plans = r, score, fields, plans
    if best_fields is None:
        return None
    first, last = _header_block(row_texts, best_r, len(cells_))
    block = [_merged_spread(grid, r, row_texts[r]) for r in range(first, last + 1)]
    labels = compose_header(block) if len(block) > 1 else row_texts[best_r]
    fields = [classify_composed(lab, plans=best_plans) for lab in labels]
    if _score(fields) < _score(best_fields):  # composition lost meaning: one row only
        first = last = best_r
        labels, fields = row_texts[best_r], best_fields
    data_start = last + 1
    while data_start < len(cells_) and data_start <= last + 3:
        texts = cell_texts(cells_.iloc[data_start])
        filled = [t for t in texts if t]
        if is_numbered_row(texts) or (
            len(filled) == 1 and re.fullmatch(r"\(?\d+\s*[/*x]\s*\d+[^A-Za-z]*\)?", filled[0])
        ):
            data_start += 1
            continue
        break
    labels, fields = _numbered_note_column(cells_, last, data_start, labels, fields)
    context = title_context(row_texts[:first], kec_ref)
    years = [header_year(lab) for lab in labels]
    plan_columns = (
        [c for c, lab in enumerate(labels) if fields[c] and not classify_composed(lab)]
        if best_plans
        else []
    )
    return Header(first, last, labels, fields, data_start, context, years, plan_columns)


def _over_year_row(row_texts: list[list[str]], r: int) -> bool:
    """True when the next non-empty row below ``r`` holds at least two years and nothing
    but years or labels (``TARGET RPJMD`` over ``2011 | 2012 | ...``): a plan's target
    over printed years is read as each year's target (``PLAN_WORDS``)."""
    for below in row_texts[r + 1 : r + 3]:
        if not any(below):
            continue
        years = sum(bool(YEAR.fullmatch(t.strip())) for t in below if t)
        return years >= 2 and is_header_like(below)
    return False


def _numbered_note_column(
    cells_: pd.DataFrame, last: int, data_start: int, labels: list[str], fields: list[str | None]
) -> tuple[list[str], list[str | None]]:
    """The last column, untitled on this page but numbered in the column-number row, is
    the notes column (seed 000 after a page break: the ``KET`` title printed on the first
    page only). Only with no other notes column and nothing titled right of it."""
    if "keterangan" in fields or data_start <= last + 1:
        return labels, fields
    numbered = cell_texts(cells_.iloc[last + 1])
    if not is_numbered_row(numbered):
        return labels, fields
    titled = [i for i, lab in enumerate(labels) if lab]
    c = len(numbered) - 1
    while c >= 0 and not numbered[c]:
        c -= 1
    if c < 0 or (titled and c <= titled[-1]):
        return labels, fields
    labels = list(labels) + [""] * (c + 1 - len(labels))
    fields = list(fields) + [None] * (c + 1 - len(fields))
    labels[c] = f"({numbered[c]})"
    fields[c] = "keterangan"
    return labels, fields


def _header_block(row_texts: list[list[str]], best: int, n_rows: int) -> tuple[int, int]:
    """First and last row of the header block around the best-scoring row.

    Up to two rows above join when they are labels (at least two cells, no figures: a
    lone cell is a title line); rows below join while each cell is a label that names a
    field, a year (``2021``, ``Tahun 2022 (n-2)``), a quarter (``TW I``) or a unit
    (``(Rp.)``, ``(%)``) - a blank row inside the block is passed over.
    """
    first = best
    while first > 0 and best - first < 2:
        above = row_texts[first - 1]
        if sum(bool(t) for t in above) >= 2 and is_header_like(above) and not is_caption(above):
            first -= 1
        else:
            break
    last = best
    r = best + 1
    while r < min(n_rows, len(row_texts)) and r - best <= 3:
        texts = row_texts[r]
        if not any(texts):
            r += 1
            continue
        if not _sub_header_row(texts):
            break
        last = r
        r += 1
    return first, last


def _sub_header_row(texts: list[str]) -> bool:
    if not is_header_like(texts):
        return False
    for t in texts:
        if not t:
            continue
        if header_year(t) or UNIT_LABEL.fullmatch(t.strip()):
            continue
        if normalise_header(t) in SUB_LABELS:
            continue
        if re.fullmatch(r"(?i)(tw|triwulan)\s*\.?\s*\w{1,3}", t.strip()):
            continue
        if len(t) > 200 or header_field(t, plans=True) is None:
            return False
    return True


UNIT_LABEL = re.compile(r"(?i)\(?\s*(?:%|rp\.?|rupiah)\s*\)?")
"""Sub-labels that only name a unit: ``(Rp.)``, ``(%)``."""


def _merged_spread(grid: SheetGrid, r: int, texts: list[str]) -> list[str]:
    """A header row with each merged range's text in every column it covers."""
    out = list(texts)
    for r0, c0, r1, c1 in grid.merged:
        if r0 <= r <= r1 and c0 < len(texts):
            text = texts[c0] if r == r0 else ""
            for c in range(c0, min(c1 + 1, len(out))):
                out[c] = text
    return out


def classify_composed(label: str, *, plans: bool = False) -> str | None:
    """Field of a composed label (``group / sub-label``).

    The sub-label decides what the column is; the groups above only make it more precise
    when they agree with it (``TW I`` / ``Target`` is target_tw1, ``ANGGARAN`` /
    ``Capaian (%)`` is serapan) - ``Target & Realisasi ... (2022)`` / ``Target Renja
    ... (2022)`` stays a target. A unit-only sub-label (``(%)`` under ``REALISASI
    ANGGARAN``) is the group's percentage, its capaian; ``Rp`` is the group's money
    (``TW I`` / ``Rp``: the budget of TW I).
    """
    if not label:
        return None
    parts = label.split(" / ")
    last = parts[-1].strip()
    if len(parts) > 1 and UNIT_LABEL.fullmatch(last):
        group = " ".join(parts[:-1])
        return header_field(group + (" capaian" if "%" in last else " rp"), plans=plans)
    alone = header_field(last, plans=plans)
    if len(parts) == 1:
        return alone
    whole = header_field(" ".join(parts), plans=plans)
    if alone is None or whole is None:
        return whole or alone
    same = _KIND_FAMILY.get(_kind(alone), {_kind(alone)})
    return whole if _kind(whole) in same else alone


def _kind(f: str) -> str:
    return re.sub(r"(?:_sd)?(?:_tw\d)?$", "", f)


_KIND_FAMILY = {
    "target": {"target", "anggaran", "pagu"},
    "realisasi": {"realisasi", "realisasi_anggaran"},
    "capaian": {"capaian", "serapan"},
    "anggaran": {"anggaran", "pagu"},
    "pagu": {"pagu", "anggaran"},
}
"""A group may turn a sub-label's field into one of these (``TARGET`` under
``ANGGARAN`` is the budget), never into another kind."""


def title_context(rows: list[list[str]], kec_ref: KecamatanReference) -> dict[str, object]:
    """Kecamatan, tahun and triwulan named in the title rows above the header."""
    context: dict[str, object] = {}
    for texts in rows:
        line = " ".join(t for t in texts if t)
        if not line:
            continue
        if "kecamatan" not in context:
            name = kec_ref.find_in_text(line)
            if name:
                context["kecamatan"] = name
        year = re.search(r"\b(?:tahun|ta\.?|tahun anggaran)\s*(\d{4})\b", line, re.I)
        if year and "tahun" not in context:
            context["tahun"] = int(year.group(1))
        q = re.search(r"\b(?:triwulan|tw)\s*\.?\s*(iv|iii|ii|i|[1-4])\b", line, re.I)
        if q and "triwulan" not in context:
            token = q.group(1).lower()
            context["triwulan"] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(token) or int(token)
    return context
