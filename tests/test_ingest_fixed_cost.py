"""The fixed cost of a small ingest (issue 25, item 3: bundled ingest within 1.5 s): steps
that ran once per column or per table now run once per table or per batch, with the
same results (each compared with the code it replaces)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.tables import monthly

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ["uraian", "target_tw1", "realisasi_tw1", "capaian_tw1", "keterangan"]
PHRASE = "1 dokumen di bulan maret, 3 dokumen untuk TW I"


def _table_month_per_column(body: pd.DataFrame) -> tuple[int, str] | None:
    """:func:`monthly.table_month`'s cell scan as it was: one pass per figure column."""
    months: set[int] = set()
    where = ""
    for c, f in enumerate(FIELDS):
        if not monthly._FIGURE.match(f):
            continue
        found, cell = monthly._cell_months(body.iloc[:, c])
        if found:
            months |= found
            where = where or f"sel {cell!r}"
    return (months.pop(), where) if len(months) == 1 else None


BODIES = {
    "label in the third figure column": [
        ["A", "3", "5", "Jan 33%", "x"],
        ["B", "4", "5", None, ""],
    ],
    "phrase then label, one column": [
        ["A", PHRASE, None, None, ""],
        ["B", "Mar 2", None, None, ""],
    ],
    "label in a later row of the first column": [
        ["A", "1", "Mar 2", None, ""],
        ["B", "Mar 3", "", "", ""],
    ],
    "the same month in two columns": [["A", "Jan 1", "Jan 2", None, "Feb"]],
    "two months": [["A", "Jan 1", "Feb 2", None, ""]],
    "words but no month": [["A", "tercapai", "1 dok", "100 %", "Jan 1"]],
    "numbers only": [["A", "1", "2", "3", "Jan 1"], ["B", None, None, None, None]],
    "typed numbers": [["A", 1.5, 2, 3, "Jan 1"]],
}


@pytest.mark.parametrize("dtype", ["str", "object"])
@pytest.mark.parametrize("case", sorted(BODIES))
def test_table_month_over_all_figure_columns_agrees_with_per_column(case: str, dtype: str) -> None:
    if dtype == "str" and case == "typed numbers":
        pytest.skip("a CSV grid holds text only")
    body = pd.DataFrame(BODIES[case], columns=range(5), dtype=dtype)
    body.index = body.index + 4  # grid rows keep their spreadsheet labels
    assert monthly.table_month([], body, FIELDS) == _table_month_per_column(body)


def test_table_month_looks_at_the_figure_columns_in_one_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The month labels of a table's three figure columns are looked for in one pass, not
    in three (each pass costs a dozen pandas operations, whatever the cells)."""
    calls = []
    real = monthly.factorized

    def counted(values: pd.Series):
        calls.append(len(values))
        return real(values)

    monkeypatch.setattr(monthly, "factorized", counted)
    body = pd.DataFrame(
        [["A", "Jan 1", "1", "Jan 2"], ["B", "2", "Jan 3", "4"]], columns=range(4), dtype=object
    )
    assert monthly.table_month([], body, FIELDS[:4]) == (1, "sel 'Jan 1'")
    assert calls == [6]


FORM_COLUMNS = {
    # target: quarter labels, a decimal comma; realisasi: a decimal point, so a lone
    # "1.500" there is ambiguous; capaian: "1.500" with no decimal point is thousands
    "target": ["TW 1 : 3", "TW2: 2,5", "TW 3 : 1.500", None, "12 Dok", 4.0, "-", "TW V : 1"],
    "realisasi": ["2.5", "1.500", "TW 2 : 1", "", "1,5", 3, "5-", "1OO"],
    "capaian": ["100%", "1.500", "83,33 %", None, "tercapai", 75.5, "0", "1,000"],
}


@pytest.mark.parametrize("present", [["target", "realisasi", "capaian"], ["realisasi"], []])
def test_form_figures_parsed_in_one_call_as_one_by_one(present: list[str]) -> None:
    from analysis.ingest.formats import cells
    from analysis.ingest.tables import form

    data = pd.DataFrame(
        {i: pd.Series(FORM_COLUMNS[c], dtype=object) for i, c in enumerate(FORM_COLUMNS)}
    )
    data.insert(0, "uraian", "x")
    data.columns = range(data.shape[1])
    side = {c: i + 1 for i, c in enumerate(FORM_COLUMNS)}
    got = form._parse_figures(data, side, present)
    assert list(got) == present
    for c in present:
        one = cells.parse_numbers(data.iloc[:, side[c]], allow_quarter=c == "target")
        pd.testing.assert_frame_equal(got[c], one)
    if present:
        assert got[present[0]]["error"].notna().any()  # the cases are not all clean


def test_a_form_side_parses_its_figures_in_one_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Rencana Aksi form (seed 000) parsed its target, realisasi and capaian with a
    call each per side; now one per side (and one for the side's satuan)."""
    from ingest_helpers import run

    from analysis.ingest.formats import cells

    calls = []
    real = cells.parse_numbers

    def counted(raw: pd.Series, **kwargs: object) -> pd.DataFrame:
        calls.append(len(raw))
        return real(raw, **kwargs)

    monkeypatch.setattr(cells, "parse_numbers", counted)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "kalaena_2024_rencana_aksi.xlsx", raw)
    result = run(raw)
    assert len(result.kinerja_wide) > 0
    assert len(calls) == 4  # two sides: figures + satuan each


def _name_keys() -> list[str]:
    """The nomenclature's names as typed by offices: whole, shortened at either end, a
    word misspelt, a word dropped, two names run together."""
    from analysis.ingest import reference

    names = pd.concat(
        pd.read_csv(ROOT / "data" / "reference" / f, sep=";", dtype="str")["uraian"]
        for f in ("nomenklatur.csv", "nomenklatur_nasional.csv")
    )
    keys = reference.uraian_key(names.dropna()).dropna().tolist()
    out = set(keys)
    for i, k in enumerate(keys):
        w = k.split()
        out |= {" ".join(w[1:]), " ".join(w[:-1]), " ".join(w[:2]), " ".join(w[::2])}
        out.add(" ".join(x[:-1] if len(x) > 6 else x for x in w))
        out.add(k + " " + keys[(i * 7) % len(keys)])
    return sorted(o for o in out if o)


@pytest.mark.parametrize("national", [False, True])
def test_name_look_up_scores_fewer_names_with_the_same_result(
    national: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look-up scores only the reference names whose similarity can reach a match (a
    bound from word weights); every key and tingkat gives the match it gave when every
    name was scored."""
    from analysis.ingest import reference

    path = (
        ROOT
        / "data"
        / "reference"
        / ("nomenklatur_nasional.csv" if national else "nomenklatur.csv")
    )
    scored = []
    real = reference._similarity_of

    def counted(ta: list[str], tb: list[str]) -> float:
        scored.append(1)
        return real(ta, tb)

    monkeypatch.setattr(reference, "_similarity_of", counted)
    keys = _name_keys()[::2]
    levels = [None, "program", "kegiatan", "sub_kegiatan"]
    pruned = reference.Nomenklatur.load(path, national=False)
    got = [pruned._find(k, level) for level in levels for k in keys]
    n_pruned = len(scored)
    monkeypatch.setattr(reference, "BOUND", -1.0)
    every = reference.Nomenklatur.load(path, national=False)
    scored.clear()
    want = [every._find(k, level) for level in levels for k in keys]
    assert got == want
    assert sum(g is not None for g in got) > 100  # matches, not only misses
    assert n_pruned < 0.8 * len(scored)
