"""Live formulas of an official table in a workbook: totals that add up, capaian that follow.

A planner corrects a cell and expects the Jumlah rows, the TOTAL and the capaian to follow,
as in the workbooks offices make by hand. :func:`rencanakan` turns the :class:`Rumus` of a
:class:`~analysis.reports.official.TabelResmi` into, per cell, an Excel formula and the
value it computes (cached in the file, so a viewer that does not recalculate still shows
the number):

- ``jumlah``: ``=SUM(H12,H15,H19)`` over the children rows (``_induk``);
- ``rata``: ``=IF(COUNT(F12,F15)=0,"",AVERAGE(F12,F15))`` for a parent without its own
  figure;
- ``rasio``: ``=IF(N(G9)=0,"",H9/G9*100)`` with the first denominator column the row has a
  value in (serapan against anggaran kas, else against the pagu).

A formula is used only where the value it computes from the sheet's own cells equals the
recomputed figure of the report (``acuan``, within the settings' tolerances); elsewhere the
cell keeps its typed value (a negatif indicator, a target of 0, a parent whose children
the table does not list in full), or where the office printed the figure and the formula's
value does not round to it at its printed precision (``_desimal_<kolom>``; the cell's
number format shows that precision). Children are evaluated before their parents, so a
parent's cached value is what Excel or LibreOffice would compute on opening.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.reports.official_table import Rumus, TabelResmi
from analysis.settings import DEFAULT_SETTINGS, Settings

_KEDALAMAN = {"total": 0, "program": 1, "kegiatan": 2, "sub_kegiatan": 3}
"""Depth of each row level; rows of other levels are leaves."""


@dataclass(frozen=True)
class SelRumus:
    """One formula cell: its formula (A1 references, leading ``=``) and cached value."""

    rumus: str
    nilai: float


def _ref(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col)


def _refs(rows: list[int], col: int) -> str:
    """``H12,H15:H17`` - consecutive rows as one range."""
    parts, start = [], None
    rows = sorted(rows)
    for i, r in enumerate(rows):
        if start is None:
            start = r
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(_ref(start, col) if start == r else f"{_ref(start, col)}:{_ref(r, col)}")
            start = None
    return ",".join(parts)


def _tolerance(t: TabelResmi, rule: Rumus, settings: Settings) -> float:
    kind = next((k.jenis for k in t.kolom if k.kunci == rule.kolom), "")
    return settings.toleransi_rupiah if kind == "rupiah" else 0.005


def rencanakan(
    t: TabelResmi, first: int, settings: Settings = DEFAULT_SETTINGS
) -> dict[tuple[int, str], SelRumus]:
    """The formula cells of ``t`` written from sheet row ``first`` (0-based): a mapping
    (row position in ``t.baris``, column key) -> :class:`SelRumus`."""
    b = t.baris.reset_index(drop=True)
    cols = {k.kunci: i for i, k in enumerate(t.kolom)}
    rules = [r for r in t.rumus if r.kolom in cols and r.acuan in b]
    if b.empty or not rules:
        return {}
    # The value every cell holds in the sheet, updated as formulas replace typed values.
    values = {
        key: pd.to_numeric(b[key], errors="coerce").astype("float64").to_numpy().copy()
        for key in cols
        if key in b and t.kolom[cols[key]].jenis != "teks"
    }
    tingkat = b["_tingkat"].astype("str") if "_tingkat" in b else pd.Series("", index=b.index)
    depth = tingkat.map(_KEDALAMAN).fillna(9).astype("int64").to_numpy()
    blok = b["_blok"].to_numpy() if "_blok" in b else np.arange(len(b))
    first_of_block = ~pd.Series(blok).duplicated().to_numpy()
    induk = b["_induk"].to_numpy() if "_induk" in b else np.full(len(b), -1)
    # children rows of each block: every row of the blocks whose parent it is
    children: dict[int, list[int]] = (
        pd.Series(np.arange(len(b)))[induk >= 0].groupby(induk[induk >= 0]).agg(list).to_dict()
    )
    out: dict[tuple[int, str], SelRumus] = {}
    for level in sorted(set(depth.tolist()), reverse=True):
        at_level = np.flatnonzero(depth == level)
        for rule in sorted(rules, key=lambda r: ("jumlah", "rata", "rasio").index(r.jenis)):
            if rule.kolom not in values:
                continue
            acuan = pd.to_numeric(b[rule.acuan], errors="coerce").astype("float64").to_numpy()
            tol = _tolerance(t, rule, settings)
            for i in at_level:
                cell = _plan_cell(rule, i, b, cols, values, children, blok, first_of_block, first)
                if cell is None:
                    continue
                formula, value = cell
                if not (np.isfinite(value) and np.isfinite(acuan[i])):
                    continue
                if abs(value - acuan[i]) > tol:
                    continue
                if not _shows_printed(b, rule.kolom, i, value):
                    continue
                out[(i, rule.kolom)] = SelRumus(formula, float(value))
                values[rule.kolom][i] = value
    return out


def _shows_printed(b: pd.DataFrame, kolom: str, i: int, value: float) -> bool:
    """False where the cell holds a printed percentage (``_desimal_<kolom>``: its printed
    decimals) that ``value`` does not display at that precision: the cell then keeps the
    typed printed figure, so the workbook shows the same figure as the page and the docx."""
    if f"_desimal_{kolom}" not in b:
        return True
    d = b[f"_desimal_{kolom}"].iloc[i]
    if pd.isna(d):
        return True
    printed = pd.to_numeric(pd.Series([b[kolom].iloc[i]]), errors="coerce").iloc[0]
    # strictly inside half a unit of the last printed decimal (a value on the half
    # would display by the viewer's rounding rule): the formula displays the printed figure
    return bool(np.isfinite(printed)) and abs(value - printed) < 0.5 * 10 ** -int(d) - 1e-9


def _plan_cell(rule, i, b, cols, values, children, blok, first_of_block, first):
    """(formula, value) of one cell under ``rule``, or None where the rule does not apply."""
    col = cols[rule.kolom]
    mine = values[rule.kolom]
    if rule.jenis == "rasio":
        num_key = rule.pembilang
        if num_key not in values:
            return None
        num = values[num_key][i]
        for den_key in rule.penyebut:
            if den_key in values and np.isfinite(values[den_key][i]):
                den = values[den_key][i]
                break
        else:
            return None
        if not np.isfinite(num) or den == 0:
            return None
        n_ref, d_ref = _ref(first + i, cols[num_key]), _ref(first + i, cols[den_key])
        return f'=IF(N({d_ref})=0,"",{n_ref}/{d_ref}*100)', num / den * 100
    if not first_of_block[i]:
        return None
    kids = children.get(int(blok[i]), [])
    if not kids:
        return None
    if rule.jenis == "jumlah":
        heads = [k for k in kids if first_of_block[k]]
        v = mine[heads]
        if not np.isfinite(v).any():
            return None
        return f"=SUM({_refs([first + k for k in heads], col)})", float(np.nansum(v))
    # rata: a parent without its own figure (no target/realisasi typed on the row)
    own = [k for k in ("target", "realisasi") if k in values and np.isfinite(values[k][i])]
    if own:
        return None
    v = mine[kids]
    if not np.isfinite(v).any():
        return None
    refs = _refs([first + k for k in kids], col)
    return f'=IF(COUNT({refs})=0,"",AVERAGE({refs}))', float(np.nanmean(v))
