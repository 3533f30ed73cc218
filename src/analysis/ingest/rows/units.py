"""Units of indicators: the unit column, the unit in a figure cell (``12 Laporan``) or at the end
of the name (``Persentase ... (%)``), and whether two written units are one unit.
"""

from __future__ import annotations

import pandas as pd

from analysis.ingest.text import per_unique


def _abbreviates(short: str, word: str) -> bool:
    """``lap`` of ``laporan``, ``org`` of ``orang``, ``bln`` of ``bulan``: the same first
    letter and the short form's letters in order within the word."""
    if not short or not word or short[0] != word[0] or len(short) > len(word):
        return False
    rest = iter(word)
    return all(ch in rest for ch in short)


def units_agree(a: str, b: str) -> bool:
    """Two units as offices write one unit (``Dok``/``Dokumen``, ``Org/ Bln``/``Orang/Bulan``):
    part by part (split at ``/``) one abbreviates the other."""
    pa, pb = a.split("/"), b.split("/")
    if len(pa) != len(pb):
        return False
    return all(_abbreviates(x, y) or _abbreviates(y, x) for x, y in zip(pa, pb, strict=True))


def clean_units(rows: pd.DataFrame) -> pd.Series:
    if rows.empty:
        return pd.Series(dtype="str")
    satuan = rows["satuan"] if "satuan" in rows else pd.Series(pd.NA, index=rows.index, dtype="str")
    unit = rows["_unit"] if "_unit" in rows else pd.Series(pd.NA, index=rows.index, dtype="str")
    from_name = _unit_in_name(rows["indikator"]) if "indikator" in rows else None
    out = satuan.fillna(unit)
    if from_name is not None:
        out = out.fillna(from_name.str.strip())
    return out.astype("str").where(out.notna())


@per_unique
def _unit_in_name(indikator: pd.Series) -> pd.Series:
    """``Persentase ... (%)`` -> ``%``: the unit some offices put at the end of the name."""
    text = indikator.astype("str").where(indikator.notna())
    return text.str.extract(r"\((%|[A-Za-z/ ]{2,20})\)\s*$")[0]
