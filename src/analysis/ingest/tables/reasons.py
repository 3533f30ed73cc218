"""The office's explanation columns (``HAMBATAN/KENDALA``, ``SOLUSI/UPAYA``, ``FAKTOR
PENDUKUNG``): joined to the row's notes with their label, so the written analysis quotes
them classified by what they are (``Hambatan: ... | Solusi: ...``).

Which header is which column is data (:data:`REASON_HEADERS`); a ``KET`` or ``KENDALA``
column alone stays ``keterangan`` as before.
"""

from __future__ import annotations

import pandas as pd

REASON_HEADERS: dict[str, str] = {
    "hambatan": "hambatan",
    "hambatan kendala": "hambatan",
    "kendala hambatan": "hambatan",
    "faktor penghambat": "hambatan",
    "solusi": "solusi",
    "upaya": "solusi",
    "solusi upaya": "solusi",
    "upaya solusi": "solusi",
    "tindak lanjut": "solusi",
    "rencana tindak lanjut": "solusi",
    "faktor pendukung": "pendukung",
}
"""Normalised header -> field."""

LABELS: dict[str, str] = {
    "pendukung": "Faktor pendukung",
    "hambatan": "Hambatan",
    "solusi": "Solusi",
}
"""Field -> the label its text carries in ``keterangan`` (in this order)."""

FIELDS = list(LABELS)


def into_keterangan(ident: pd.DataFrame) -> pd.DataFrame:
    """Each explanation column, labelled, joined to the row's notes (`` | ``)."""
    for name, label in LABELS.items():
        if name not in ident:
            continue
        text = ident.pop(name)
        has = text.notna() & (text.astype("str").str.strip() != "")
        if not has.any():
            continue
        note = label + ": " + text.astype("str")
        if "keterangan" in ident:
            ket = ident["keterangan"]
            joined = ket.astype("str") + " | " + note
            ident["keterangan"] = joined.where(ket.notna(), note).where(has, ket)
        else:
            ident["keterangan"] = note.where(has)
    return ident
