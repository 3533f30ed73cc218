"""The fixed cost of a small ingest, second round (issue 25, item 3): work whose result is
unused is skipped, work asked for twice is done once, and the name look-up builds a
difflib matcher only for word pairs that can still match - each with the results of
the code it replaces."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.metrics import frames

ROOT = Path(__file__).resolve().parents[1]


def _token_match_as_before(a: str, b: str) -> bool:
    """``reference._token_match`` as it was: a matcher for every pair of long words."""
    if a == b:
        return True
    if len(a) < 5 or len(b) < 5 or abs(len(a) - len(b)) > 0.5 * max(len(a), len(b)):
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _words() -> list[str]:
    """Every word of the reference names, and typo'd forms of them (a letter dropped,
    doubled, swapped), as the look-up meets them."""
    words: set[str] = set()
    for name in ("nomenklatur.csv", "nomenklatur_nasional.csv"):
        ref = pd.read_csv(ROOT / "data" / "reference" / name, sep=";", dtype="str")
        for text in ref["uraian"].dropna():
            words |= set(text.lower().replace(",", " ").replace("/", " ").split())
    typos = set()
    for w in sorted(words):
        if len(w) >= 5:
            typos |= {w[:-1], w + w[-1], w[:2] + w[3] + w[2] + w[4:], w[1:], w + "an"}
    return sorted(words | typos)


def test_token_match_builds_fewer_matchers_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from analysis.ingest import reference

    words = _words()
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i % 7 :: 7]]
    want = [_token_match_as_before(a, b) for a, b in pairs]
    built = []
    real = difflib.SequenceMatcher

    def counted(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(reference.difflib, "SequenceMatcher", counted)
    reference._token_match.cache_clear()
    got = [reference._token_match(a, b) for a, b in pairs]
    reference._token_match.cache_clear()
    assert got == want
    assert sum(want) > 500  # typos that match, not only misses
    long_pairs = sum(
        1
        for a, b in pairs
        if a != b and min(len(a), len(b)) >= 5 and abs(len(a) - len(b)) <= 0.5 * max(len(a), len(b))
    )
    assert len(built) < 0.2 * long_pairs  # before: one matcher for each of them


def test_conform_adds_missing_columns_as_the_column_loop_did(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    df = pd.DataFrame({"b": ["x", None], "a": [1.0, 2.0], "z": pd.array([1, None], "Int64")})
    columns = ["a", "c", "b", "d", "e", "c2"]
    want = df.reset_index(drop=True)
    for col in columns:  # as conform did it, one insertion per column
        if col not in want.columns:
            want[col] = pd.Series([pd.NA] * len(want), dtype="object")
    want = want[columns]
    inserted = []
    real = pd.DataFrame.__setitem__

    def counted(self, key, value):
        inserted.append(key)
        return real(self, key, value)

    monkeypatch.setattr(pd.DataFrame, "__setitem__", counted)
    got = frames.conform(df.set_axis([5, 7]), columns)
    assert inserted == []  # the four missing columns added in one step
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert [str(t) for t in got.dtypes] == [str(t) for t in want.dtypes]
    empty = frames.conform(None, ["a", "b"])
    assert list(empty.columns) == ["a", "b"] and len(empty) == 0
    assert all(str(t) == "object" for t in empty.dtypes)


def test_finalize_leaves_text_that_needs_no_strip_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    df = pd.DataFrame(
        {
            "kecamatan": pd.Series(["Wotu", "Towuti"], dtype="str"),
            "uraian": pd.Series([" Program A ", "B\xa0"], dtype="str"),
            "kode": pd.Series(["7.01", None], dtype="object"),
            "tahun": [2024, 2024],
        }
    )
    columns = ["kecamatan", "uraian", "kode", "tahun"]
    want = frames.finalize(df, columns)
    calls = []
    real = frames.text

    def counted(s: pd.Series) -> pd.Series:
        calls.append(s.name)
        return real(s)

    monkeypatch.setattr(frames, "text", counted)
    got = frames.finalize(df, columns)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert got["uraian"].tolist() == ["Program A", "B"]
    assert calls == ["uraian", "kode"]  # not kecamatan: clean str text, left as it is


def test_pemeriksaan_without_ringkasan_does_not_compute_the_printed_totals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The totals serve only the check that needs ringkasan; iter_tables runs it later
    with the totals it computes itself."""
    from metrics_seed_frames import wotu_frames

    from analysis.metrics import reconciliation
    from analysis.metrics.tables import build_tables

    kinerja_wide, anggaran_wide = wotu_frames()
    before = build_tables(kinerja_wide, anggaran_wide, None, None)
    totals = []
    real = reconciliation.kinerja_long

    def counted(*args, **kwargs):
        totals.append(kwargs.get("totals"))
        return real(*args, **kwargs)

    monkeypatch.setattr(reconciliation, "kinerja_long", counted)
    after = build_tables(kinerja_wide, anggaran_wide, None, None)
    assert totals == []
    for name, table in before.items():
        pd.testing.assert_frame_equal(after[name], table, check_exact=True)
    kinerja = after["kinerja"]
    parts = reconciliation.pemeriksaan_parts(
        kinerja_wide, anggaran_wide, kinerja=kinerja, anggaran=after["anggaran"],
        ringkasan=after["ringkasan"],
    )  # fmt: skip
    assert totals == [True] and "capaian_induk" in parts


def test_ingest_composes_its_summary_line_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The stamp and the log show the same line; it is composed once (its seconds
    renewed), not counted over the read rows twice."""
    from analysis.ingest import command
    from analysis.ingest.rows import written

    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "raw" / "wotu_2024_kinerja.csv", raw)
    composed = []
    real = written.summary_line

    def counted(*args, **kwargs):
        composed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(written, "summary_line", counted)
    out = tmp_path / "data" / "processed"
    args = SimpleNamespace(raw=raw, out=out, force=True, lenient=False, config=None)
    assert command.run_ingest_command(args) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(composed) == 1
    assert line.startswith("ingest selesai: 1 file") and line.endswith(" d)")
    from analysis.ingest.cache import STAMP

    stamped = json.loads((out / STAMP).read_text(encoding="utf-8"))["summary"]
    assert stamped.rsplit(" (", 1)[0] == line.rsplit(" (", 1)[0]


def test_roll_ups_under_other_rules_share_what_no_rule_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check of printed parent capaian rolls up under every other counting rule; the
    tree, grid, own budget sums and node order are built once for all of them, and each
    roll-up is the one computed alone."""
    from analysis.ingest.pipeline import ingest
    from analysis.metrics import methods, rollup
    from analysis.metrics.quarters import anggaran_keyed, kinerja_keyed
    from analysis.settings import DEFAULT_SETTINGS

    read = ingest(ROOT / "data" / "raw")  # the bundled reports: target-0 rows, programs
    kinerja_wide, anggaran_wide = read.kinerja_wide, read.anggaran_wide
    kin = kinerja_keyed(kinerja_wide, DEFAULT_SETTINGS)
    ang = anggaran_keyed(anggaran_wide, DEFAULT_SETTINGS)
    rules = [DEFAULT_SETTINGS, *methods.other_settings(DEFAULT_SETTINGS)]
    alone = [rollup.ringkasan_keyed(kin, ang, rule) for rule in rules]
    built = []
    real = rollup._tree_parts

    def counted(*args):
        built.append(1)
        return real(*args)

    monkeypatch.setattr(rollup, "_tree_parts", counted)
    shared: dict = {}
    together = [rollup.ringkasan_keyed(kin, ang, rule, shared) for rule in rules]
    assert len(built) == 1 and len(rules) == 6
    for a, b in zip(alone, together, strict=True):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    differ = [not alone[0]["capaian_persen"].equals(a["capaian_persen"]) for a in alone]
    assert any(differ)  # the rules give other roll-ups here
    with pytest.raises(ValueError):
        rollup.ringkasan_keyed(kinerja_keyed(kinerja_wide), ang, DEFAULT_SETTINGS, shared)


def _bump_parents_as_before(kode: pd.Series, tingkat: pd.Series, group: pd.Series) -> pd.Series:
    """``cleaning.bump_parents`` as it was: the codes factorized and split per depth."""
    import numpy as np

    from analysis.ingest.rows import cleaning

    if kode.notna().sum() == 0:
        return tingkat
    group_ids, _ = pd.factorize(group)
    is_parent = np.zeros(len(kode), dtype=bool)
    for depth in range(3, 8):
        code_ids, uniques = pd.factorize(kode, use_na_sentinel=True)
        u = pd.Series(uniques, dtype="str")
        parts = u.str.split(".")
        prefix = parts.str[:depth].str.join(".").where(parts.str.len() > depth)
        lookup = pd.Series(np.arange(len(u)), index=u)
        of_unique = prefix.map(lookup).fillna(-1).astype("int64").to_numpy()
        prefix_ids = np.where(code_ids >= 0, of_unique[np.maximum(code_ids, 0)], -1)
        is_parent |= cleaning._pairs_present(group_ids, prefix_ids, code_ids, len(u))
    out = tingkat.copy()
    out[is_parent & (tingkat == "sub_kegiatan").fillna(False).to_numpy(dtype=bool)] = "kegiatan"
    return out


def test_parent_codes_found_with_the_codes_split_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis.ingest.rows import cleaning

    codes = [
        "7.01", "7.01.01", "7.01.01.2.01", "7.01.01.2.01.01", "7.01.01.2.01.01.5",
        "7.01.02.2.04", "7.01.02.2.04.01", None, "7.01.03.2.01", "7.01.03.2.01.03",
        "7.01.01.2.01", "x.y", "7.01.02.2.04.01", "7.01.03.2.01.03.1.2",
    ]  # fmt: skip
    kode = pd.Series(codes, dtype="str")
    tingkat = pd.Series(["sub_kegiatan"] * len(codes), dtype="str")
    tingkat[[0, 1, 7]] = ["program", "program", None]
    group = pd.Series([0] * 8 + [1] * 6)  # the same code in two kecamatan-years
    want = _bump_parents_as_before(kode, tingkat, group)
    factorized = []
    real = pd.factorize

    def counted(*args, **kwargs):
        factorized.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(cleaning.pd, "factorize", counted)
    got = cleaning.bump_parents(kode, tingkat, group)
    monkeypatch.undo()
    pd.testing.assert_series_equal(got, want)
    assert (got == "kegiatan").sum() >= 3  # parents found, in their own group only
    assert len(factorized) == 2  # the groups, the codes (was: the codes once per depth)
