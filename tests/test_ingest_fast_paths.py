"""Fast paths of the reader (issue 25, item 3: bundled ingest within 1.5 s) give what the
general code gives: the column-number check of one header row decided without a frame
when a cell is a label, and a table's month found in one pass over its figure columns."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.ingest.fields import MONTH_PREFIX, MONTHS
from analysis.ingest.tables import monthly, numbering

ROWS = [
    ["1", "2", "3", "4"],
    ["(1)", "(2)", "(3)", "(7/6*100)", "(5)"],
    ["8 = (7/6)", "9", "10=(5+7+9)"],
    ["1", "1", "1", "1"],
    ["1", "2", "3", "4", "1", "2", "3", "4"],
    ["NO", "URAIAN", "TARGET", "REALISASI"],
    ["1", "Program Penunjang", "3"],
    ["1", "2", None, "3"],
    ["  1 ", "2", "", "nan", "3"],
    ["12", "13", "TW I"],
    ["inf", "2"],
    ["1.", "2."],
    ["5"],
]


def _reference(cells: list[object]) -> bool:
    """The check as it was: every row through :func:`numbering.consecutive_rows`."""
    texts = [" ".join(str(c).split()) for c in cells if c is not None]
    kept = [(i, t) for i, t in enumerate(texts) if t and t.lower() not in {"nan", "none"}]
    if len(kept) < 2:
        return False
    found = numbering.consecutive_rows(
        np.zeros(len(kept), dtype=np.int64),
        np.array([i for i, _ in kept]),
        pd.Series([t for _, t in kept], dtype=object),
    )
    return bool(found.iloc[0]) if len(found) else False


@pytest.mark.parametrize("cells", ROWS)
def test_column_number_row_agrees_with_the_general_check(cells: list[object]) -> None:
    assert numbering.is_column_number_row(cells) == _reference(cells)


def test_a_label_row_is_decided_without_building_a_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Most header rows hold a label: they are no column-number row, decided at once
    (the frame per row cost the bundled ingest about a third of its reading time)."""

    def no_frame(*args: object, **kwargs: object) -> pd.Series:
        raise AssertionError("consecutive_rows called for a row holding a label")

    monkeypatch.setattr(numbering, "consecutive_rows", no_frame)
    assert not numbering.is_column_number_row(["NO", "URAIAN", "TARGET", "REALISASI"])
    assert not numbering.is_column_number_row(["1", "Program Penunjang", "3"])


def _table_month_per_column(
    title_lines: list[str], body: pd.DataFrame, fields: list[str | None], file_stem: str = ""
) -> tuple[int, str] | None:
    """:func:`monthly.table_month` as it was: the patterns run once per figure column."""
    months: set[int] = set()
    where = ""
    for t in title_lines:
        for m in monthly._TITLE_MONTH.finditer(t):
            if monthly._UP_TO.search(t[: m.start()]):
                continue
            months.add(MONTHS[m.group(1).lower()])
            where = where or f"judul {m.group(0)!r}"
    for c, f in enumerate(fields):
        if not f or not monthly._FIGURE.match(f) or c >= body.shape[1]:
            continue
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip().str.lower()
        label = text.str.extract("(" + MONTH_PREFIX + r")\d", flags=re.I)[0]
        found = label.dropna().str.extract(r"^([a-z]+)")[0].map(MONTHS).dropna()
        phrase = text.str.extract(monthly.MONTH_AND_QUARTER)[1].str.lower().map(MONTHS)
        for found_month in (found, phrase.dropna()):
            if len(found_month):
                months |= {int(m) for m in found_month}
                where = where or f"sel {col.loc[found_month.index[0]]!r}"
    if not months and file_stem and any(f and monthly._FIGURE.match(f) for f in fields):
        month = monthly.file_month(file_stem)
        if month is not None:
            return month, f"nama file {file_stem!r}"
    return (months.pop(), where) if len(months) == 1 else None


FIELDS = ["uraian", "target_tw1", "realisasi_tw1", "capaian_tw1"]
PHRASE = "1 dokumen di bulan maret, 3 dokumen untuk TW I"
BODIES = {
    "label in the second figure column": [["A", "3", "Jan 33%", None], ["B", "4", "5", None]],
    "phrase first, label after": [["A", PHRASE, None, "Jan 33%"], ["B", "2", "3", "4"]],
    "label and phrase in one column": [["A", PHRASE, None, None], ["B", "Mar 2", None, None]],
    "two months": [["A", "Jan 1", "Feb 2", None]],
    "none": [["A", "1", "2", "3"], ["B", None, None, None]],
    "empty body": [],
}


@pytest.mark.parametrize("case", sorted(BODIES))
@pytest.mark.parametrize("titles", [[], ["REALISASI BULAN FEBRUARI 2025"]])
@pytest.mark.parametrize("stem", ["", "kalaena_2025_bulan_april"])
def test_table_month_in_one_pass_agrees_with_per_column(
    case: str, titles: list[str], stem: str
) -> None:
    body = pd.DataFrame(BODIES[case], columns=range(4), dtype=object)
    body.index = body.index + 7  # grid rows keep their spreadsheet labels
    expected = _table_month_per_column(titles, body, FIELDS, stem)
    assert monthly.table_month(titles, body, FIELDS, stem) == expected


def test_table_month_names_the_first_cell_in_column_order() -> None:
    body = pd.DataFrame([["A", PHRASE, "Mar 33%", None]], columns=range(4), dtype=object)
    assert monthly.table_month([], body, FIELDS) == (3, f"sel {PHRASE!r}")


ANGGARAN_HEAD = "tahun;kecamatan;kode;tingkat;uraian;pagu;anggaran_tw1;realisasi_anggaran_tw1\n"


def test_budget_fields_two_tables_give_differently_are_each_an_error(tmp_path: Path) -> None:
    """The budget merge compares all fields of the rows two tables share in one grouping
    now; every field that differs is still an error naming both sources, field by field
    in the table's order, and the fields that agree (or one table leaves empty) are not."""
    from ingest_helpers import run, write_csv

    raw = tmp_path / "raw"
    write_csv(
        raw,
        "wotu_2024_anggaran.csv",
        ANGGARAN_HEAD + "2024;Wotu;7.01.01.2.01.01;sub_kegiatan;Penyusunan Dokumen;1000;250;200\n",
    )
    write_csv(
        raw,
        "wotu_2024_anggaran_revisi.csv",
        ANGGARAN_HEAD + "2024;Wotu;7.01.01.2.01.01;sub_kegiatan;Penyusunan Dokumen;1200;250;180\n",
    )
    result = run(raw)
    differ = [e for e in result.errors if "berbeda antar sumber" in e.reason]
    assert [e.column for e in differ] == ["pagu", "realisasi_anggaran_tw1"]
    assert all("wotu_2024_anggaran.csv" in e.reason for e in differ)
    assert all("wotu_2024_anggaran_revisi.csv" in e.reason for e in differ)
