"""The ingest text rules that now run once per distinct value (issue 25) give what the
straightforward per-cell code gave: each is compared here with that code, kept below
as it was, on columns mixing the texts the rule looks for with repeated figures,
numbers and missing cells."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.fields import MONTH_PREFIX, MONTHS
from analysis.ingest.formats import links, no_value
from analysis.ingest.rows import label_rows
from analysis.ingest.rows.label_rows import ASIDE, LABEL, LEVELS, NUMBERED
from analysis.ingest.tables import monthly, nondata
from analysis.ingest.tables.monthly import MONTH_AND_QUARTER

FIGURE_TEXTS = [
    "1.234.567", "12", "12 Laporan", "n/a", " NA ", "tidak  ada", "Jan 33%", "feb. 2",
    "1 dokumen di bulan maret, 3 dokumen untuk TW I", "=HYPERLINK(\"https://x\", \"Foto\")",
    "=hyperlink(\"https://y\")", "Rp 5", "", "  ", "Maret", "#N/A",
]  # fmt: skip


def _column(seed: int, dtype: str, pool: list, n: int = 3_000) -> pd.Series:
    rng = np.random.default_rng(seed)
    values = np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]
    values[rng.random(n) < 0.15] = None
    if dtype == "object":
        values[rng.random(n) < 0.05] = 2.5
    return pd.Series(values, dtype=dtype, index=np.arange(n) + 7)


def _months_before(col: pd.Series) -> tuple[set[int], str]:
    """The per-cell code of table_month's cell scan before issue 25."""
    months: set[int] = set()
    where = ""
    text = col.astype("str").where(col.notna()).str.strip().str.lower()
    label = text.str.extract("(" + MONTH_PREFIX + r")\d", flags=re.I)[0]
    found = label.dropna().str.extract(r"^([a-z]+)")[0].map(MONTHS).dropna()
    phrase = text.str.extract(MONTH_AND_QUARTER)[1].str.lower().map(MONTHS)
    for found_month in (found, phrase.dropna()):
        if len(found_month):
            months |= {int(m) for m in found_month}
            where = where or f"sel {col.loc[found_month.index[0]]!r}"
    return months, where


@pytest.mark.parametrize("dtype", ["str", "object"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_month_of_the_cells(dtype: str, seed: int) -> None:
    pools = [FIGURE_TEXTS, ["12", "1.5", "Jan 33%"], ["12", "7"], ["Mar 1", "Jan 33%", "9"]]
    for pool in pools:
        col = _column(seed, dtype, pool)
        found, cell = monthly._cell_months(col)
        assert (found, f"sel {cell!r}" if found else "") == _months_before(col)
        body = pd.DataFrame({0: col.reset_index(drop=True), 1: col.reset_index(drop=True)})
        fields = ["uraian", "realisasi_tw1"]
        expected, where = _months_before(col)
        want = (expected.pop(), where) if len(expected) == 1 else None
        assert monthly.table_month([], body, fields) == want


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_no_value_words(dtype: str) -> None:
    col = _column(4, dtype, FIGURE_TEXTS)
    before = col.astype("string").str.fullmatch(no_value.PATTERN).fillna(False)
    found = no_value.is_no_value_word(col)
    assert found.any()
    np.testing.assert_array_equal(found, before.to_numpy(dtype=bool))


@pytest.mark.parametrize("pool", [FIGURE_TEXTS, ["12", "catatan", None]])
@pytest.mark.parametrize("dtype", ["str", "object"])
def test_links_as_text(dtype: str, pool: list) -> None:
    col = _column(5, dtype, pool)
    text = col.astype("str").where(col.notna())
    parts = text.str.extract(links.HYPERLINK, flags=re.I)
    found = parts["url"].notna()
    got = links.as_text(col)
    if not found.any():
        assert got is col
        return
    label = parts["label"].fillna("")
    linked = (label + " <" + parts["url"] + ">").str.strip()
    pd.testing.assert_series_equal(
        got, text.where(~found, linked).astype(object).where(col.notna())
    )


def test_normal_header_text() -> None:
    col = _column(6, "str", [" Target_TW *1", "NO", "no ", "Realisasi  TW", "1"])
    before = col.str.lower().str.replace(r"[\s*_]+", " ", regex=True).str.strip()
    pd.testing.assert_series_equal(nondata._normal(col), before)


def _labels_before(rows: pd.DataFrame) -> pd.DataFrame:
    """The per-row text steps of read_labels before issue 25."""
    name = rows["uraian"].astype("str").where(rows["uraian"].notna())
    label = name.str.extract(LABEL)
    level = label[0].str.lower().str.replace(r"[\s-]+", "", regex=True).map(LEVELS)
    rest = label[1].str.strip()
    own = r"(?i)^\s*(?:program|kegiatan|sub[\s-]*kegiatan)\b"
    return pd.DataFrame(
        {
            "level": level,
            "rest": rest,
            "aside": name.str.match(ASIDE).fillna(False).astype(bool),
            "numbered": name.str.match(NUMBERED).fillna(False).astype(bool),
            "cleaned": name.str.replace(NUMBERED, "", regex=True),
            "own_cleaned": name.str.replace(NUMBERED, "", regex=True).str.match(own).fillna(False),
            "own_rest": rest.str.match(own).fillna(False),
        }
    )


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_label_parts_of_the_names(dtype: str) -> None:
    names = [
        "Kegiatan :", "Program : Program Pembinaan", "2. Sub Kegiatan: Rapat", "1. Sub Kegiatan A",
        "3.Sub Kegiatan B", "Sasaran Sub-Kegiatan :", "Tujuan : meningkat", "Pelayanan",
        "sub-kegiatan :  x ", "Jumlah",
    ]  # fmt: skip
    rows = pd.DataFrame({"uraian": _column(7, dtype, names, n=500)})
    got = label_rows._name_parts(rows["uraian"])
    want = _labels_before(rows)
    for col in want.columns:
        a, b = got[col], want[col]
        if a.dtype == bool:
            np.testing.assert_array_equal(a.to_numpy(), b.astype(bool).to_numpy(), err_msg=col)
        else:
            pd.testing.assert_series_equal(a, b, check_names=False, obj=col)


def _read_labels_before(rows: pd.DataFrame, figures: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """read_labels as it was before issue 25."""
    if rows.empty or "uraian" not in rows:
        return rows, []
    name = rows["uraian"].astype("str").where(rows["uraian"].notna())
    label = name.str.extract(LABEL)
    level = label[0].str.lower().str.replace(r"[\s-]+", "", regex=True).map(LEVELS)
    rest = label[1].str.strip()
    figs = [c for c in figures if c in rows]
    has_figure = rows[figs].notna().any(axis=1) if figs else pd.Series(False, index=rows.index)
    indikator = rows["indikator"] if "indikator" in rows else pd.Series(pd.NA, index=rows.index)
    alone = level.notna() & rest.fillna("").eq("") & ~has_figure & indikator.isna()
    named = level.notna() & rest.fillna("").ne("")
    aside = name.str.match(ASIDE).fillna(False).astype(bool) & ~has_figure
    if not (alone.any() or named.any() or aside.any() or name.str.match(NUMBERED).any()):
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
    cleaned = name.str.replace(NUMBERED, "", regex=True).where(~named, rest)
    own_word = cleaned.str.match(r"(?i)^\s*(?:program|kegiatan|sub[\s-]*kegiatan)\b").fillna(False)
    out["uraian"] = cleaned.where(name.notna(), out["uraian"])
    level_now = level.where(named)
    use_announced = announced.notna() & kode.isna() & ~own_word.astype(bool) & level_now.isna()
    out["tingkat"] = given.fillna(level_now.where(given.isna())).fillna(
        announced.where(use_announced & given.isna())
    )
    drop = alone | aside
    notes = label_rows._notes(out, alone, aside, use_announced & ~drop)
    return out[~drop].reset_index(drop=True), notes


@pytest.mark.parametrize("seed", [8, 9])
def test_read_labels_as_before(seed: int) -> None:
    names = [
        "Kegiatan :", "Program : Program Pembinaan", "2. Sub Kegiatan: Rapat", "1. Sub Kegiatan A",
        "3.Sub Kegiatan B", "Sasaran Sub-Kegiatan :", "Tujuan : meningkat", "Pelayanan",
        "Program Penunjang", "Sub Kegiatan :",
    ]  # fmt: skip
    n = 400
    rng = np.random.default_rng(seed)
    rows = pd.DataFrame(
        {
            "uraian": _column(seed, "object", names, n=n).reset_index(drop=True),
            "_block": rng.integers(0, 3, n),
            "_order": rng.permutation(n),
            "kode": pd.Series(np.where(rng.random(n) < 0.2, "7.01", None), dtype=object),
            "tingkat": pd.Series(np.where(rng.random(n) < 0.1, "program", None), dtype=object),
            "realisasi_tw1": np.where(rng.random(n) < 0.5, 1.0, np.nan),
            "_file": "a.xlsx",
            "_sheet": np.where(rng.random(n) < 0.5, "S1", "S2"),
        }
    )
    got, notes = label_rows.read_labels(rows, ["realisasi_tw1"])
    want, want_notes = _read_labels_before(rows, ["realisasi_tw1"])
    assert notes == want_notes and notes
    pd.testing.assert_frame_equal(got, want)
