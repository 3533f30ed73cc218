"""The second held-out corpus (tests/data/heldout_b): real tables of offices outside the
default regency, rebuilt verbatim from their public sources by tests/data/heldout_b/build.py
and measured by tests/heldout_measure.py (FOLDER argument).

The corpus checks run always; the measurement ingests every office folder (a subprocess
each) and is marked ``slow``. Its targets are those of issue 19: no traceback, no row counted
in the summary but not written, no printed figure read wrong (a figure may be missing).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
HELDOUT_B = TESTS / "data" / "heldout_b"
sys.path.insert(0, str(TESTS))

import heldout_measure  # noqa: E402

build = heldout_measure.load_module("heldout_b_build", HELDOUT_B / "build.py")
OFFICES = sorted(p for p in HELDOUT_B.iterdir() if (p / "printed.json").is_file())


def test_every_office_names_its_source_regency_and_printed_figures() -> None:
    assert OFFICES, "no held-out office folder"
    for folder in OFFICES:
        source = (folder / "SOURCE.md").read_text(encoding="utf-8")
        # a web page, or a public file of the search tool's index (by its id)
        assert "http" in source or "index id" in source, f"{folder.name}: SOURCE.md names no source"
        spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
        assert spec["kabupaten"] and spec["figures"], folder.name
        for fig in spec["figures"]:
            assert fig["field"] in heldout_measure.FIELDS, fig
            assert fig.get("indikator") or fig.get("uraian"), fig
            heldout_measure.printed_number(fig["value"])  # parses as printed
            assert (folder / fig["tabel"]).is_file(), fig


@pytest.mark.parametrize("office", build.offices(), ids=lambda o: o.folder)
def test_shipped_files_are_the_cut_cells_and_every_figure_is_printed_on_its_row(office) -> None:
    for table, written in heldout_measure.shipped_tables(office, HELDOUT_B, build.written_cells):
        for fig in table.figures:
            name = fig.get("indikator") or fig["uraian"]
            rows = [
                r
                for r in written
                if any(heldout_measure._key(c) == heldout_measure._key(name) for c in r)
            ]
            assert len(rows) == 1, (table.file, name)  # one row names it
            assert fig["value"] in rows[0], (table.file, fig)


def test_semarang_rows_are_the_dataset_records_verbatim() -> None:
    records = json.loads((build.SOURCES / build.SM_SOURCE).read_text(encoding="utf-8"))
    office = build.semarang()
    written = build.written_cells(HELDOUT_B / office.folder / build.SM_FILE)
    assert written[0] == build.SM_COLUMNS
    assert written[1:] == [[str(r[c]) for c in build.SM_COLUMNS] for r in records]


def test_twin_names_and_unfilled_zeros_are_not_counted_as_figures() -> None:
    """The dataset repeats one indicator name on 18 rows (one a kecamatan, unnamed) and
    prints 0,00 where it holds no value: neither can be a figure a reader is held to."""
    office = build.semarang()
    names = {f["indikator"] for f in office.tables[0].figures}
    twin = "Persentase Partisipasi masyarakat terhadap usulan pembangunan dalam musrenbang"
    assert not any(n.startswith(twin) for n in names)
    assert all(heldout_measure.printed_number(f["value"]) != 0 for f in office.tables[0].figures)
    assert build._unique_names(["A b", "a-B", "C"]) == {"C"}


def test_insert_statements_are_read_value_by_value(tmp_path: Path) -> None:
    source = tmp_path / "x.sql"
    source.write_text(
        "INSERT INTO `t` (`No`, `Biro`, `Persentase`) VALUES\n"
        "(1, 'BAGIAN HUKUM, ORGANISASI', '83,70%'),\n"
        "(2, 'BAGIAN ''X'' ', '-');\n",
        encoding="utf-8",
    )
    assert build.insert_rows(source) == {
        "t": (
            ["No", "Biro", "Persentase"],
            [["1", "BAGIAN HUKUM, ORGANISASI", "83,70%"], ["2", "BAGIAN 'X' ", "-"]],
        )
    }


def test_the_build_rebuilds_the_shipped_files(tmp_path: Path) -> None:
    heldout_measure.check_rebuilds(build, HELDOUT_B, tmp_path)


@pytest.fixture(scope="module")
def measured() -> list[heldout_measure.OfficeResult]:
    return heldout_measure.measure_all(HELDOUT_B)


@pytest.mark.slow
def test_no_traceback_nothing_silently_dropped_and_nothing_read_wrong(measured) -> None:
    heldout_measure.check_clean(measured, len(OFFICES))


# measured once by the lead at merge (7 December 2026, main with the reader rules of
# branch h-reader5): 14 of 641 right, 0 wrong, 0 dropped, 0 tracebacks. A development
# corpus since 7/8 December 2026; branch h-readerc alone (level-reached capaian,
# year-relative headers, repeated names): 39 (BKP Yogyakarta 27/27, Labuhanbatu Utara
# 12/12; Semarang's 108 wait for the no-value grade word 'WTP' of branch h-readerd).
# After merging h-readerc and h-readerd (8 December 2026): 225 of 641 office by office
# (Semarang 108, Labuhanbatu Utara 12, Yogyakarta 27, IPDN 78); Banyuwangi's 416 read
# table by table (641 of 641 with --per-tabel), but its two tables give 7 indicators
# different 2025 realisasi, and that was an error naming both places (office refused).
# Branch h-conflict (8 December 2026): those 7 indicators' 2025 rows (14, both tables)
# are set aside with a finding each and counted in the summary, the office's other rows
# written: Banyuwangi 396 of 416 (the 20 missing are the 7 indicators' 2025 target,
# realisasi and capaian), 621 of 641 in all, 0 wrong, 0 dropped.
MEASURED_RIGHT: int | None = 621


@pytest.mark.slow
def test_no_fewer_figures_right_than_measured(measured) -> None:
    if MEASURED_RIGHT is None:
        pytest.skip("MEASURED_RIGHT is set by the lead at merge")
    heldout_measure.check_floor(measured, MEASURED_RIGHT)
