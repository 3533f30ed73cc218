"""Text from data made inert in every output: CSV, workbook, Word draft and HTML page.

Two dangers travel inside a planner's text. **Formula injection** (OWASP CSV injection):
a cell starting ``=``, ``+``, ``-``, ``@`` (or a tab, a line break, their full-width
forms) becomes a formula when Excel opens the CSV, or when a table or a paragraph is
pasted from Word into Excel (``=cmd|' /C calc'!A0``). **Bidirectional control
characters** (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F): invisible, they reorder
what a reader sees (``Rp 1.000`` printed backwards, a file name whose end is shown
first) - the "Trojan Source" trick. Control characters XML 1.0 cannot carry go too.

:func:`neutralise` is the one rule every writer applies; :func:`clean_html` and the
vectorised :func:`clean_series` / :data:`CONTROL_PATTERN` apply its cleaning to a whole
page or column. ``strict`` neutralisation (the CSV: Excel reads any cell starting
``-``/``+`` as a formula) prefixes every such cell; otherwise (workbook cells marked
as text, Word paragraphs) ``- Penyusunan Dokumen`` keeps its form and only text that
would *do* something as a formula gets the apostrophe.
"""

from __future__ import annotations

import re

import pandas as pd

BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Marks, embeddings, overrides and isolates of the Unicode bidirectional algorithm."""

CONTROL_PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
"""Characters removed from data text before any output (RE2 and Python syntax)."""
_CONTROL = re.compile(CONTROL_PATTERN)

FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
"""First characters that make Excel (or a CSV/paste round trip) read text as a formula,
including the full-width forms some input methods produce."""

_SIGN = "-+\uff0b\uff0d"
_ACTIVE = re.compile(r"[=|!&\"@$;]|\w\(|^[-+\uff0b\uff0d]?[\d.,+\-*/^\s]+$")
"""After a leading ``-``/``+``: what makes the rest a working formula - a call, a DDE
pipe, a reference, a string or comparison - or a bare arithmetic expression (``-2+3``)."""


def clean(text: str) -> str:
    """``text`` without bidi controls and the control characters XML cannot hold."""
    return _CONTROL.sub("", text)


def formula_like(text: str) -> bool:
    """True when ``text`` would start a formula if typed, pasted or saved as CSV."""
    return bool(text) and text[0] in FORMULA_START


def neutralise(text: str, *, strict: bool = False) -> str:
    """``text`` cleaned (:func:`clean`) and made inert for a spreadsheet.

    A leading ``=``, ``@``, tab or line break gets an apostrophe (``'=HYPERLINK(...)``), so
    the text stays text once pasted into Excel. A leading ``-``/``+`` does too when
    ``strict`` or when the rest would work as a formula (``-2+3``, ``+cmd|' /C calc'!A0``,
    ``-SUM(...)``); ``- Penyusunan`` keeps its form otherwise.
    """
    text = clean(text)
    if not formula_like(text):
        return text
    if not strict and text[0] in _SIGN and (len(text) == 1 or not _ACTIVE.search(text[1:])):
        return text
    return "'" + text


def clean_html(page: str) -> str:
    """A rendered page without bidi controls (the package's own markup has none)."""
    return _CONTROL.sub("", page)


def clean_series(values: pd.Series, *, strict: bool | None = None) -> pd.Series:
    """The text cells of ``values`` cleaned, and neutralised when ``strict`` is given.

    Vectorised: only the cells that hold a control character or start like a formula
    are rewritten; numbers and missing values are untouched.
    """
    is_text = values.map(lambda v: isinstance(v, str), na_action="ignore")
    is_text = is_text.fillna(False).astype(bool)
    if not is_text.any():
        return values
    text = values[is_text].astype("str")
    dirty = text.str.contains(CONTROL_PATTERN, regex=True)
    if strict is not None:
        first = text.str[:1]
        dirty |= first.isin(FORMULA_START)
    if not dirty.any():
        return values
    fixed = text[dirty].map(
        (lambda t: neutralise(t, strict=strict)) if strict is not None else clean
    )
    out = values.astype(object).copy()
    out.loc[fixed.index] = fixed
    return out
