"""Label rows and numbered names: the hierarchy a table announces in words.

Offices without codes print the level in the name column:

* a label row, alone in its row (``Kegiatan :``, ``Sub Kegiatan :``): the rows below it,
  up to the next label row or program, are of that level;
* a label before the name (``Program : Program Pembinaan ...``): the row is of that
  level, its name what follows the colon;
* a numbered name (``1. Sub Kegiatan ...``, ``3.Sub Kegiatan ...``): the number is the
  list's, not the name's; the level word after it gives the level;
* an aside with a label (``Sasaran Sub-Kegiatan :`` beside the sasaran text, ``Tujuan :
  ...``) and no figure: a heading, not an indicator - passed over with a note.

Applied to the extracted rows of all tables at once (vectorised, grouped by table), before
tingkat is inferred: a level given here counts as written by the office, so neither the
nomenclature nor the indicator's wording has to guess it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.distinct import factorized

LEVELS = {"program": "program", "kegiatan": "kegiatan", "subkegiatan": "sub_kegiatan"}
"""Level words (spaces and dashes removed, lower case) and the tingkat they name."""

_NUMBER = r"\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*)?"
LABEL = r"(?is)^" + _NUMBER + r"(program|kegiatan|sub[\s-]*kegiatan)\s*:\s*(.*)$"
"""``Kegiatan :``, ``Program : Program ...``, ``2. Sub Kegiatan: ...``."""
NUMBERED = r"(?i)^\s*\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*(?=(?:program|kegiatan|sub[\s-]*kegiatan)\b)"
"""The list number before a level word: ``1. Sub Kegiatan ...``, ``3.Sub Kegiatan ...``."""
ASIDE = r"(?i)^\s*(?:sasaran|tujuan|indikator\s+sasaran)\b[^:]{0,40}:"
"""A heading row with a label: ``Sasaran Sub-Kegiatan :``, ``Tujuan : ...``."""


_OWN_WORD = r"(?i)^\s*(?:program|kegiatan|sub[\s-]*kegiatan)\b"


def _name_parts(uraian: pd.Series) -> pd.DataFrame:
    """Per row, what its name's text says, worked out once per distinct name (44 names
    over 640,000 national rows): the label's ``level`` and the ``rest`` after it, an
    ``aside``, a list number (``numbered``), the name without it (``cleaned``) and
    whether that, or the rest, begins with a level word of its own."""
    codes, names = factorized(uraian)
    text = names.astype("object").astype("str")
    label = text.str.extract(LABEL)
    rest = label[1].str.strip()
    cleaned = text.str.replace(NUMBERED, "", regex=True)
    parts = pd.DataFrame(
        {
            "level": label[0].str.lower().str.replace(r"[\s-]+", "", regex=True).map(LEVELS),
            "rest": rest,
            "aside": text.str.match(ASIDE).fillna(False).astype(bool),
            "numbered": text.str.match(NUMBERED).fillna(False).astype(bool),
            "cleaned": cleaned,
            "own_cleaned": cleaned.str.match(_OWN_WORD).fillna(False).astype(bool),
            "own_rest": rest.str.match(_OWN_WORD).fillna(False).astype(bool),
        }
    )
    missing = pd.DataFrame(  # the row of a missing name (code -1)
        {"level": [None], "rest": [None], "aside": [False], "numbered": [False],
         "cleaned": [None], "own_cleaned": [False], "own_rest": [False]}
    ).astype(parts.dtypes.to_dict())  # fmt: skip
    table = pd.concat([parts, missing], ignore_index=True)
    return table.take(np.where(codes < 0, len(parts), codes)).set_axis(uraian.index)


def read_labels(rows: pd.DataFrame, figures: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """``rows`` with label rows applied (see the module doc) and one note per sheet.

    ``rows`` needs ``uraian``, ``_block`` and ``_order`` (rows of one table share a block,
    in ``_order``), optionally ``tingkat``, ``kode``, ``indikator``, ``_file``,
    ``_sheet`` and the ``figures`` columns.
    """
    if rows.empty or "uraian" not in rows:
        return rows, []
    parts = _name_parts(rows["uraian"])
    level, rest = parts["level"], parts["rest"]
    figs = [c for c in figures if c in rows]
    has_figure = rows[figs].notna().any(axis=1) if figs else pd.Series(False, index=rows.index)
    indikator = rows["indikator"] if "indikator" in rows else pd.Series(pd.NA, index=rows.index)
    alone = level.notna() & rest.fillna("").eq("") & ~has_figure & indikator.isna()
    named = level.notna() & rest.fillna("").ne("")
    aside = parts["aside"] & ~has_figure
    if not (alone.any() or named.any() or aside.any() or parts["numbered"].any()):
        return rows, []
    out = rows.copy()
    given = out["tingkat"] if "tingkat" in out else pd.Series(pd.NA, index=out.index)
    given = given.astype("object").where(given.notna())
    # announced level: from each label row on, within its table, until the next label row
    # or a program row (ordered by _order inside each block)
    order = np.lexsort((out["_order"].to_numpy(), out["_block"].to_numpy()))
    announced = pd.Series(np.where(alone, level, None), index=out.index, dtype="object")
    announced[named & level.eq("program")] = "-"
    sorted_ann = announced.iloc[order]
    filled = sorted_ann.groupby(out["_block"].iloc[order].to_numpy()).ffill()
    announced = filled.reindex(out.index).where(lambda s: s.ne("-"))
    kode = out["kode"] if "kode" in out else pd.Series(pd.NA, index=out.index)
    cleaned = parts["cleaned"].where(~named, rest)
    own_word = parts["own_cleaned"].where(~named, parts["own_rest"])
    out["uraian"] = cleaned.where(rows["uraian"].notna(), out["uraian"])
    level_now = level.where(named)
    use_announced = announced.notna() & kode.isna() & ~own_word.astype(bool) & level_now.isna()
    out["tingkat"] = given.fillna(level_now.where(given.isna())).fillna(
        announced.where(use_announced & given.isna())
    )
    drop = alone | aside
    notes = _notes(out, alone, aside, use_announced & ~drop)
    return out[~drop].reset_index(drop=True), notes


def _notes(out: pd.DataFrame, alone: pd.Series, aside: pd.Series, placed: pd.Series) -> list[str]:
    where = (
        out["_file"].astype("str") + ":" + out["_sheet"].astype("str")
        if "_file" in out and "_sheet" in out
        else out["sumber"].astype("str").str.rsplit(":", n=1).str[0]
    )
    frame = pd.DataFrame({"w": where, "alone": alone, "aside": aside, "placed": placed})
    counts = frame.groupby("w", sort=False)[["alone", "aside", "placed"]].sum()
    notes = []
    for w, c in counts.iterrows():
        parts = []
        if c["alone"]:
            parts.append(
                f"{int(c['alone'])} baris label tingkat (Program/Kegiatan/Sub Kegiatan :) "
                f"memberi tingkat {int(c['placed'])} baris di bawahnya"
            )
        if c["aside"]:
            parts.append(f"{int(c['aside'])} baris judul sasaran/tujuan tanpa angka dilewati")
        if parts:
            notes.append(f"{w}: " + "; ".join(parts))
    return notes
