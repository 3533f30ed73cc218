"""The batched reader gives what the per-sheet reader gave (tests/golden_ingest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import golden_ingest as golden
import pandas as pd
import pytest

SETS = ("bundled", "seed_tables", "messy")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path | None]]:
    return golden.sets(tmp_path_factory.mktemp("golden"))


def assert_golden(out: dict[str, object], name: str, *, messages: bool = True) -> dict:
    """``out`` (:func:`golden.outputs`) equals the golden set ``name``: every frame, and the
    same errors, findings and notes (a sheet's cell errors now come in reading order - row,
    then column - instead of column by column). Returns the golden messages."""
    for frame in golden.FRAMES:
        expected = pd.read_parquet(golden.GOLDEN / f"{name}.{frame}.parquet")
        pd.testing.assert_frame_equal(out[frame], golden.canonical(expected), obj=frame)
    told = json.loads((golden.GOLDEN / f"{name}.messages.json").read_text(encoding="utf-8"))
    if messages:
        for kind in ("errors", "findings", "notes"):
            assert sorted(out[kind]) == sorted(told[kind]), kind
    return told


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("jobs", [1, 2])
def test_outputs_equal_the_per_sheet_reader(
    written: dict[str, tuple[Path, Path | None]], name: str, jobs: int
) -> None:
    raw, reference = written[name]
    messages = assert_golden(golden.outputs(raw, reference, jobs=jobs), name)
    if name == "messy":
        assert len(messages["errors"]) > 50, "the messy set exercises refused cells"


def test_small_batches_and_row_slices_read_the_same(
    written: dict[str, tuple[Path, Path | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cells classified and parsed a few at a time (as a big provincial export is: tables
    cut into row slices, fields parsed a few at a time) give the same outputs."""
    from analysis.ingest.tables import extraction, nondata

    monkeypatch.setattr(nondata, "BATCH_CELLS", 60)
    monkeypatch.setattr(extraction, "STACKED_CELLS", 50)
    raw, reference = written["bundled"]
    assert_golden(golden.outputs(raw, reference), "bundled", messages=False)


@pytest.mark.parametrize("name", ["bundled", "seed_tables"])
def test_a_failed_pass_is_retried_file_by_file_with_the_same_outputs(
    written: dict[str, tuple[Path, Path | None]], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """If the one pass over a chunk raises, each file is read alone: the same rows, errors,
    findings and notes (the non-data-row notes included, told once)."""
    from analysis.ingest import intake
    from analysis.ingest.tables import extraction

    real = extraction.extract_tables

    def fails_on_many_files(plans):
        if len({p.ctx.grid.file for p in plans}) > 1:
            real(plans)  # runs, tells the sheets, then fails late
            raise RuntimeError("simulated")
        return real(plans)

    monkeypatch.setattr(intake.extraction, "extract_tables", fails_on_many_files)
    raw, reference = written[name]
    assert_golden(golden.outputs(raw, reference), name)
