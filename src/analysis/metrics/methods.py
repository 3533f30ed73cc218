"""Which counting rule an office's printed parent capaian follows: "metode berbeda".

A program's or kegiatan's printed capaian that differs from the roll-up may be the same
arithmetic under another rule of the LKj method (:attr:`Settings.capaian_target_nol`,
:attr:`Settings.capaian_program`): Towuti's 93,75 is the mean of its kegiatan with a
target-0, unspent sub kegiatan counted 0 %, 100 when such rows are left out. Such a
difference is not the office's error: the finding names both rules (the one the office's
figure corresponds to, the one this report uses). A printed figure that no rule gives is
left to the ordinary finding, with the arithmetic of the roll-up spelled out.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import pandas as pd

from analysis import formatting as fmt
from analysis.settings import CAPAIAN_PROGRAM, CAPAIAN_TARGET_NOL, Settings

RULES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "capaian_target_nol": (
        CAPAIAN_TARGET_NOL,
        {
            "nol_bila_tak_terserap": "sub kegiatan bertarget 0 yang anggarannya tidak "
            "terserap dihitung 0%",
            "nol": "sub kegiatan bertarget 0 yang beranggaran dihitung 0%",
            "dikecualikan": "sub kegiatan bertarget 0 tidak dihitung",
        },
    ),
    "capaian_program": (
        CAPAIAN_PROGRAM,
        {
            "rata_rata_kegiatan": "capaian program = rata-rata capaian kegiatannya",
            "indikator_program": "capaian program = indikator program itu sendiri",
        },
    ),
}
"""The settings that change a parent's capaian, their values and what each says."""

Alternatives = Callable[[], list[tuple[Settings, pd.DataFrame]]]
"""Lazily computed roll-ups (``ringkasan`` columns) under every other rule."""


def other_settings(settings: Settings) -> list[Settings]:
    """Every combination of :data:`RULES` but the current one, those changing one rule
    first (the simplest explanation wins)."""
    names = list(RULES)
    combos = itertools.product(*(RULES[n][0] for n in names))
    out = []
    for values in combos:
        changed = {n: v for n, v in zip(names, values, strict=True) if getattr(settings, n) != v}
        if changed:
            out.append((len(changed), dataclasses.replace(settings, **changed)))
    return [s for _, s in sorted(out, key=lambda t: t[0])]


def describe(rule: Settings, base: Settings) -> str:
    """The rules of ``rule`` that differ from ``base``, in words and as settings."""
    parts = [
        f'{RULES[n][1][getattr(rule, n)]} ({n} = "{getattr(rule, n)}")'
        for n in RULES
        if getattr(rule, n) != getattr(base, n)
    ]
    return "; ".join(parts)


def describe_own(rule: Settings, base: Settings) -> str:
    """What ``base`` (this report's settings) says on the rules ``rule`` changes."""
    parts = [
        f'{RULES[n][1][getattr(base, n)]} ({n} = "{getattr(base, n)}")'
        for n in RULES
        if getattr(rule, n) != getattr(base, n)
    ]
    return "; ".join(parts)


def matching_rule(
    rows: pd.DataFrame,
    keys: list[str],
    alternatives: list[tuple[Settings, pd.DataFrame]],
    tolerance: float,
) -> pd.Series:
    """Per row of ``rows`` (with ``keys`` and ``capaian_sd_dilaporkan``): the index in
    ``alternatives`` of the first rule whose roll-up gives the printed figure, else -1."""
    found = pd.Series(-1, index=rows.index, dtype="int64")
    for i, (_, summary) in enumerate(alternatives):
        alt = rows[keys].merge(summary, on=keys, how="left")["capaian_persen"]
        alt.index = rows.index
        hit = (found < 0) & alt.notna() & ((rows["capaian_sd_dilaporkan"] - alt).abs() <= tolerance)
        found[hit] = i
    return found


def arithmetic(rows: pd.DataFrame, summary: pd.DataFrame, tolerance: float) -> pd.Series:
    """The roll-up's arithmetic per row of ``rows`` (keys ``kecamatan, tahun, triwulan,
    kunci`` and ``capaian_sd_dilaporkan``), from the children in ``summary`` (rows with
    ``kunci_induk``): ``" (jumlah 800,00 / 9)"``, and, where the printed figure is that
    sum over one child fewer or more, the slip named (``jumlah 750,00 dibagi 8, bukan
    9``). Empty where ``summary`` has no children or no ``kunci_induk``."""
    empty = pd.Series("", index=rows.index, dtype="object")
    if "kunci_induk" not in summary or rows.empty:
        return empty
    kids = summary[summary["capaian_persen"].notna() & summary["kunci_induk"].notna()]
    keys = ["kecamatan", "tahun", "triwulan", "kunci_induk"]
    agg = kids.groupby(keys, dropna=False)["capaian_persen"].agg(["sum", "count"]).reset_index()
    agg = agg.rename(columns={"kunci_induk": "kunci"})
    got = rows[["kecamatan", "tahun", "triwulan", "kunci"]].merge(
        agg, on=["kecamatan", "tahun", "triwulan", "kunci"], how="left"
    )
    got.index = rows.index
    total, n = got["sum"], got["count"]
    rep = rows["capaian_sd_dilaporkan"]
    text = (" (jumlah " + total.map(fmt_angka) + " / " + n.map(fmt_n) + ")").where(n > 0, "")
    for step in (-1, 1):
        other = n + step
        # a divisor of 1 is no mean: only slips between two or more children count
        slip = (n >= 2) & (other >= 2) & ((total / other - rep).abs() <= tolerance)
        text = text.where(
            ~slip,
            text
            + "; angka kecamatan = jumlah "
            + total.map(fmt_angka)
            + " dibagi "
            + other.map(fmt_n)
            + ", bukan "
            + n.map(fmt_n)
            + ": salah hitung kecamatan",
        )
    return text.fillna("").astype("object")


def fmt_angka(value: float) -> str:
    return "" if pd.isna(value) else fmt.angka(value, 2)


def fmt_n(value: float) -> str:
    return "" if pd.isna(value) else str(int(value))
