"""Evidence columns (``BUKTI DUKUNG``, ``DATA DUKUNG``, ``LINK``): kept as text and link.

Offices attach evidence to each indicator: a link to a shared folder, a document name,
an Excel ``HYPERLINK`` formula. Such a cell is never an error and never evaluated: a
``=HYPERLINK("https://...", "Foto kegiatan")`` typed or exported as text becomes
``Foto kegiatan <https://...>``, a plain URL stays as it is. The evidence travels to the
reports with the row's notes (``keterangan``: ``... | Bukti dukung: ...``), where every
text is escaped; CSV copies stay neutralised against formula injection (the text no
longer starts with ``=``).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.distinct import per_distinct_mask

HYPERLINK = r'^\s*=\s*HYPERLINK\s*\(\s*"(?P<url>[^"]*)"\s*(?:[;,]\s*"(?P<label>[^"]*)"\s*)?\)\s*$'


def as_text(raw: pd.Series) -> pd.Series:
    """``=HYPERLINK("url","label")`` as ``label <url>`` (``<url>`` alone without a label)."""
    linked = per_distinct_mask(raw, lambda t: t.str.match(HYPERLINK, flags=re.I), might="=")
    if not linked.any():  # looked at once per distinct text holding an "=": most hold none
        return raw
    text = raw.astype("str").where(raw.notna())
    parts = text.str.extract(HYPERLINK, flags=2)  # re.IGNORECASE
    found = parts["url"].notna()
    if not found.any():
        return raw
    label = parts["label"].fillna("")
    linked = (label + " <" + parts["url"] + ">").str.strip()
    return text.where(~found, linked).astype(object).where(raw.notna())


def is_hyperlink_formula(formula: str) -> bool:
    """Whether a cell's formula is only ``=HYPERLINK("url"[,"label"])``."""
    return re.match(HYPERLINK, formula or "", flags=re.IGNORECASE) is not None


def with_target(text: str, hyperlink: object) -> str:
    """A cell's text with the target of the hyperlink on the cell (an Excel cell link,
    openpyxl's ``cell.hyperlink``): ``Foto kegiatan <https://...>``."""
    target = getattr(hyperlink, "target", None) or ""
    location = getattr(hyperlink, "location", None)
    target = target or (f"#{location}" if location else "")
    if not target or target == text.strip() or f"<{target}>" in text:
        return text
    return f"{text} <{target}>" if text.strip() else f"<{target}>"


def into_keterangan(ident: pd.DataFrame) -> pd.DataFrame:
    """The evidence joined to the row's notes, which reach the reports."""
    bukti = ident.pop("bukti_dukung")
    has = bukti.notna() & (bukti.astype("str").str.strip() != "")
    if not has.any():
        return ident
    note = "Bukti dukung: " + bukti.astype("str")
    if "keterangan" in ident:
        ket = ident["keterangan"]
        joined = ket.astype("str").where(ket.isna(), ket.astype("str") + " | " + note)
        ident["keterangan"] = joined.where(ket.notna(), note).where(has, ket)
    else:
        ident["keterangan"] = note.where(has)
    return ident
