"""Printed totals and averages under an IKU table, recognised (compared in
:mod:`analysis.ingest.rows.iku_totals`).

An LKjIP IKU table often closes with rows such as ``Jumlah Capaian Realisasi Kinerja |
310,38`` and ``Rata-Rata Capaian Realisasi Kinerja | 103,46`` (Kecamatan Gunung Kaler,
Tabel 3.5): rows with no indicator whose label - in the No. column, a name column or the
indicator column itself - names a sum or an average of the rows above. Such a row is the
office's printed total: not an IKU row missing its indicator (an error), not an
indicator named ``Jumlah Capaian ...`` (a silent wrong row). Here each is marked
(``_cetak``: how it adds up, ``_label``: its text).

The words that name a printed total or average are data (``PRINTED_TOTALS``); in the
indicator column only a label that also names ``capaian``, or is the word alone, on a
row without target and realisasi counts (``Jumlah dokumen perencanaan`` with its target
is an indicator).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.distinct import factorized

PRINTED_TOTALS: dict[str, str] = {
    r"jumlah": "jumlah",
    r"total": "jumlah",
    r"rata[\s-]*rata": "rata_rata",
    r"rerata": "rata_rata",
}
"""Leading words of a printed total row's label -> how it adds up the rows above."""

_WORDS = "|".join(f"(?P<k{i}>{p})" for i, p in enumerate(PRINTED_TOTALS))
_LABEL = re.compile(r"(?i)^\s*(?:" + _WORDS + r")(?![a-z])")
_IN_INDICATOR = re.compile(r"(?i)^\s*(?:" + _WORDS + r")(?:\s*:?\s*$|.*\bcapaian\b)")
_KINDS = list(PRINTED_TOTALS.values())


def _kind(text: pd.Series, pattern: re.Pattern) -> pd.Series:
    """How each label adds up (``_KINDS``), NA where it names no total; the pattern runs
    once per distinct label (an office's 44 indicators repeat in every kecamatan)."""
    out = pd.Series(pd.NA, index=text.index, dtype="object")
    s = text.astype("object").where(text.notna())
    if not s.notna().any():
        return out
    codes, labels = factorized(s)
    found = labels.astype(str).str.extract(pattern)
    kinds = np.full(len(labels) + 1, pd.NA, dtype=object)  # the last slot: code -1
    for i, kind in enumerate(_KINDS):
        kinds[: len(labels)][found[f"k{i}"].notna().to_numpy()] = kind
    out[:] = kinds[codes]
    return out


def mark_rows(frame: pd.DataFrame, label: pd.Series) -> pd.DataFrame:
    """``frame`` (IKU rows) with ``_cetak`` (``jumlah`` / ``rata_rata`` on a printed total
    row, else NA) and ``_label``; a label typed in the indicator column is moved out of it.

    ``label`` is each row's text in the No. / name columns (NA where none)."""
    frame = frame.copy()
    none = pd.Series(pd.NA, index=frame.index, dtype="object")
    indikator = frame.get("indikator", none)
    no_target = frame["target"].isna() if "target" in frame else True
    no_real = frame["realisasi"].isna() if "realisasi" in frame else True
    in_ind = _kind(indikator, _IN_INDICATOR).where(no_target & no_real)
    beside = _kind(label, _LABEL).where(indikator.isna())
    kind = in_ind.fillna(beside)
    frame["_cetak"] = kind
    frame["_label"] = indikator.where(in_ind.notna()).fillna(label).where(kind.notna())
    if "indikator" in frame:
        frame.loc[in_ind.notna() & kind.notna(), "indikator"] = pd.NA
    return frame
