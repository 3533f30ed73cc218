"""The vectorised helpers of ``analysis.metrics.frames`` against their plain-Python meaning."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pytest

from analysis.metrics.frames import (
    WHITESPACE,
    finalize,
    group_mean,
    group_sum,
    groupby_sum,
    text,
)


def test_whitespace_is_every_isspace_character():
    expected = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert expected == WHITESPACE


def _text_by_value(s: pd.Series) -> pd.Series:
    out = s.astype("object").where(s.notna(), None)
    return out.map(lambda v: v.strip() if isinstance(v, str) else v).astype("str")


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_text_strips_like_str_strip(dtype):
    rng = np.random.default_rng(0)
    alphabet = [*WHITESPACE, *"ab c\u200b\ufeff\x00é漢"]
    values = ["".join(rng.choice(alphabet, rng.integers(0, 6))) for _ in range(2000)]
    s = pd.Series([*values, None, np.nan], dtype=dtype, name="x")
    pd.testing.assert_series_equal(text(s), _text_by_value(s), check_exact=True)


def test_text_of_columns_without_edge_blanks():
    """The fast path (no value can begin or end with a blank) gives what strip gives,
    also on a slice of a larger array and next to values that need the strip."""
    clean = pd.Series(["a", "b c", None, "x.1", "", "é a", "a\u3000b"] * 30, dtype="str")
    for s in (clean, clean.iloc[5:40], clean.iloc[:2]):
        pd.testing.assert_series_equal(text(s), _text_by_value(s), check_exact=True)
    edges = pd.Series(["a", " b", "c\xa0", "\u3000d", "e\t"], dtype="str")
    for i in range(len(edges)):
        s = edges.iloc[i : i + 1]
        pd.testing.assert_series_equal(text(s), _text_by_value(s), check_exact=True)


@pytest.mark.parametrize(
    "values",
    [
        [1, None, " a "],
        [1.5, np.nan],
        [np.nan, np.nan],
        [None, None],
        [],
    ],
)
def test_text_of_other_content(values):
    s = pd.Series(values, dtype="object")
    pd.testing.assert_series_equal(text(s), _text_by_value(s), check_exact=True)


def test_finalize_clean_columns_are_kept():
    df = pd.DataFrame({"a": pd.Series([" x "], dtype="str"), "b": pd.Series([" y "], dtype="str")})
    out = finalize(df, ["a", "b"], clean=["a"])
    assert out["a"].tolist() == [" x "]
    assert out["b"].tolist() == ["y"]


def _sum_by_group(df, by, cols):
    return df.groupby(by, dropna=False)[cols].agg(lambda s: s.sum(min_count=1))


@pytest.mark.parametrize("by", [["a"], ["a", "b"], ["a", "b", "c"]])
def test_group_sum_is_series_sum_bit_for_bit(by):
    rng = np.random.default_rng(3)
    n = 5000
    df = pd.DataFrame(
        {
            "a": pd.Series(rng.choice(["x", "y", None, "z"], n), dtype="str"),
            "b": pd.array(rng.choice([1, 2, None], n), dtype="Int64"),
            "c": rng.integers(0, 100, n).astype(float),
            "m1": rng.integers(0, 10**9, n).astype(float),
            "m2": rng.integers(0, 10**9, n).astype(float),
            "m3": np.nan,
        }
    )
    df.loc[rng.random(n) < 0.3, "m1"] = np.nan
    df.loc[rng.random(n) < 0.05, "m2"] += rng.random() / 10  # fractions: summed per group
    df.loc[5, "m1"] = -0.0
    df.loc[[7, 8, 9], "m1"] = 3e15  # beyond exact integer sums
    cols = ["m1", "m2", "m3"]
    got, want = group_sum(df, by, cols), _sum_by_group(df, by, cols)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert (np.signbit(got.fillna(1).to_numpy()) == np.signbit(want.fillna(1).to_numpy())).all()


def _frames_in_every_layout(seed: int, trials: int = 150):
    """Small frames with string / nullable keys: shuffled, sorted by key, and in runs of
    equal keys that are not sorted; with and without missing values."""
    rng = np.random.default_rng(seed)
    for trial in range(trials):
        n = int(rng.integers(2, 60))
        df = pd.DataFrame(
            {
                "k": pd.Series(rng.choice(["a", "b", "c", None], n), dtype="str"),
                "t": pd.array(rng.choice([2024, 2025, None], n), dtype="Int64"),
                "v": rng.random(n) * 100 + rng.random(n) * 1e-3,
                "w": rng.random(n) * 1e6 + 0.1,
            }
        )
        if trial % 4 == 0:
            df.loc[rng.random(n) < 0.1, "v"] = np.nan
        if trial % 3 == 1:
            df = df.sort_values(["k", "t"], kind="stable").reset_index(drop=True)
        elif trial % 3 == 2:
            df = df.sort_values(["k", "t"], kind="stable").reset_index(drop=True)
            runs = df.groupby(["k", "t"], dropna=False, sort=False).ngroup().to_numpy()
            shuffle = rng.permutation(runs.max() + 1)
            df = df.iloc[np.argsort(shuffle[runs], kind="stable")].reset_index(drop=True)
        yield df


def test_group_mean_and_groupby_sum_are_pandas_bit_for_bit():
    by = ["k", "t"]
    for df in _frames_in_every_layout(5):
        grouped = df.groupby(by, dropna=False)
        ids = df.groupby(by, dropna=False, sort=False).ngroup().to_numpy()
        appearance = df.groupby(by, dropna=False, sort=False)["v"].mean().index

        def keys(rows, df=df):
            return df[by].iloc[rows].reset_index(drop=True)

        want = grouped["v"].mean().reindex(appearance).to_numpy()
        got = group_mean(df["v"].to_numpy(), ids, keys)
        np.testing.assert_array_equal(got, want)
        want = grouped[["v", "w"]].sum(min_count=1).reindex(appearance).to_numpy()
        got = groupby_sum(df[["v", "w"]].to_numpy(), ids, keys)
        np.testing.assert_array_equal(got, want)


def test_rupiah_values_is_babel_rupiah():
    from analysis import formatting as fmt
    from analysis.metrics.check_base import rupiah_values

    rng = np.random.default_rng(7)
    values = np.concatenate(
        [
            rng.integers(-(10**15), 10**15, 3000).astype(float),
            rng.integers(-2000, 2000, 1000).astype(float),
            np.round(rng.random(300) * 1e6, 2),
            [0.0, -0.0, 999.0, 1000.0, -1000.0, 1e15 - 1, 1e15, -1e15, 1e16, 0.5, 1.5, 2.5],
            [np.nan, np.inf, -np.inf, 99999999999999.0, 100000.0, 1000000.0],
        ]
    )
    s = pd.Series(values, index=np.arange(len(values)) * 3)
    got = rupiah_values(s)
    want = s.map(fmt.rupiah)
    pd.testing.assert_series_equal(got, want)


def _untidy(df: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The frame with blanks around text, keys missing, tingkat missing or in capitals."""
    rng = np.random.default_rng(seed)
    out = df.copy()
    n = len(out)
    for col, share in (("kunci", 0.2), ("kode", 0.1), ("tingkat", 0.15), ("kunci_kegiatan", 0.1)):
        out.loc[rng.random(n) < share, col] = np.nan
    shout = rng.random(n) < 0.2
    out.loc[shout, "tingkat"] = out.loc[shout, "tingkat"].str.upper().str.replace("_", " ")
    for col in ("kecamatan", "kunci", "kode", "uraian", "kunci_program"):
        pad = rng.random(n) < 0.3
        out.loc[pad, col] = " \t" + out.loc[pad, col].astype("object") + "\xa0"
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_coded_keys_are_row_keys(seed):
    from metrics_seed_frames import kalaena_frames, wotu_frames

    from analysis.metrics.hierarchy import Codes, row_keys
    from analysis.metrics.quarters import kinerja_long

    kw, aw = wotu_frames()
    frames = [kinerja_long(kalaena_frames()), kinerja_long(kw), aw.assign(tahun=2024)]
    for df in frames:
        df = _untidy(df, seed).reset_index(drop=True)
        want = row_keys(df).reset_index(drop=True)
        got = Codes.of(df).frame()
        pd.testing.assert_frame_equal(got, want, check_dtype=False)
        assert all(got[c].dtype == want[c].dtype for c in want.columns if c != "tahun")


def test_nodes_of_untidy_tables():
    from metrics_seed_frames import kalaena_frames, wotu_frames

    from analysis.metrics.hierarchy import nodes
    from analysis.metrics.quarters import anggaran_long, kinerja_long

    kw, aw = wotu_frames()
    kin = kinerja_long(_untidy(pd.concat([kw, kalaena_frames()], ignore_index=True), 3))
    ang = anggaran_long(_untidy(aw, 4))
    tree = nodes([kin, ang])
    assert tree[["kecamatan", "tahun", "tingkat", "kunci"]].duplicated().sum() == 0
    assert set(tree["tingkat"]) <= {"program", "kegiatan", "sub_kegiatan", "kecamatan"}
    kec = tree[tree["tingkat"].eq("kecamatan")]
    assert (kec["kunci"] == kec["kecamatan"]).all()
    assert (kec["uraian"] == "Kecamatan " + kec["kecamatan"]).all()
