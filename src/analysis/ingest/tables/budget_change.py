"""Budget-change tables: ``Sebelum Perubahan (Rp) | Sesudah Perubahan (Rp) | Bertambah /
Berkurang (Jumlah (Rp), %)`` (PRKA / DPPA SKPD, the APBD-Perubahan forms; Kecamatan
Sukodono PRKA SKPD 2019).

The pagu is the figure after the change (``Sesudah``): it is the budget the year is spent
against. The figure before the change is not a second pagu and the difference is not a
third: both are read to check the row - the difference must be Sesudah - Sebelum (an
unsigned decrease accepted: the column says "bertambah / berkurang") and its percentage
difference / Sebelum x 100 - and a row where they do not add up is a finding
(``perubahan_pagu_tidak_cocok``). A note names the columns and what was taken. The header
words are data (``BEFORE``, ``AFTER``, ``CHANGE``), not code.
"""

from __future__ import annotations

import re

import numpy as np

from analysis.errors import Finding
from analysis.formatting import rupiah
from analysis.ingest.formats.cells import parse_numbers

BEFORE = re.compile(r"(?i)\b(?:sebelum|semula)\b")
AFTER = re.compile(r"(?i)\b(?:sesudah|setelah|menjadi)\b")
CHANGE = re.compile(r"(?i)\b(?:bertambah|berkurang|bertambah\s*/\s*berkurang|selisih)\b")
MONEY_TOLERANCE = 0.5
"""Half a rupiah: the forms print ``,00``."""
PERCENT_TOLERANCE = 0.01
"""The forms print the percentage with two decimals (``2,03``)."""


def _percent(label: str) -> bool:
    return "%" in label or bool(re.search(r"(?i)\bpersen", label))


def _values(ctx, col: int) -> np.ndarray:
    raw = ctx.grid.cells.iloc[ctx.header.data_start :, col].astype(object)
    return parse_numbers(raw)["value"].to_numpy(dtype="float64")


def read(ctx, fields: list[str | None]) -> list[str | None]:
    """Fields with ``Sesudah`` as the pagu and the before/change columns checked, not read."""
    labels = ctx.header.labels
    before = [i for i, lab in enumerate(labels) if lab and BEFORE.search(lab)]
    after = [i for i, lab in enumerate(labels) if lab and AFTER.search(lab)]
    if len(before) != 1 or len(after) != 1 or fields[after[0]] not in {"pagu", "anggaran"}:
        return fields
    change = [i for i, lab in enumerate(labels) if lab and CHANGE.search(lab)]
    money = [i for i in change if not _percent(labels[i])]
    percent = [i for i in change if _percent(labels[i])]
    out = list(fields)
    out[after[0]] = "pagu"
    for i in (*before, *money, *percent):
        out[i] = None
    checked = _check(ctx, out, before[0], after[0], money[:1], percent[:1])
    left = [labels[i] for i in (*before, *money, *percent)]
    ctx.out.notes.append(
        f"{ctx.grid.file}:{ctx.grid.sheet}: tabel perubahan anggaran: pagu = "
        f"{labels[after[0]]!r} (setelah perubahan); "
        + ", ".join(repr(lab) for lab in left)
        + f" tidak disimpan, hanya diperiksa ({checked} baris dengan angka lengkap)"
    )
    return out


def _check(ctx, fields, before: int, after: int, money: list[int], percent: list[int]) -> int:
    """Findings for rows whose change does not add up; the number of rows checked."""
    b, a = _values(ctx, before), _values(ctx, after)
    diff = a - b
    bad = np.zeros(len(b), dtype=bool)
    checked = ~np.isnan(diff)
    if money:
        c = _values(ctx, money[0])
        has = checked & ~np.isnan(c)
        off = (np.abs(diff - c) > MONEY_TOLERANCE) & (np.abs(np.abs(diff) - c) > MONEY_TOLERANCE)
        bad |= has & off
    if percent:
        p = _values(ctx, percent[0])
        with np.errstate(divide="ignore", invalid="ignore"):
            share = diff / b * 100
        has = checked & ~np.isnan(p) & np.isfinite(share)
        off = (np.abs(share - p) > PERCENT_TOLERANCE) & (
            np.abs(np.abs(share) - p) > PERCENT_TOLERANCE
        )
        bad |= has & off
    if not (money or percent):
        return 0
    names = fields.index("uraian") if "uraian" in fields else None
    kode = fields.index("kode") if "kode" in fields else None
    body = ctx.grid.cells.iloc[ctx.header.data_start :]
    where = f"{ctx.grid.file}:{ctx.grid.sheet}"
    for r in np.flatnonzero(bad):
        uraian = body.iat[r, names] if names is not None else None
        ctx.out.findings.append(
            Finding(
                pesan=(
                    f"{ctx.header.labels[before]!r} {rupiah(b[r])}, "
                    f"{ctx.header.labels[after]!r} {rupiah(a[r])}: selisihnya "
                    f"{rupiah(diff[r])}, tidak sama dengan kolom bertambah/berkurang "
                    "yang tercetak"
                ),
                jenis="perubahan_pagu_tidak_cocok",
                sumber=f"{where}:{int(ctx.grid.rows[ctx.header.data_start + r])}",
                kecamatan=ctx.kecamatan,
                tahun=ctx.tahun if isinstance(ctx.tahun, int) else None,
                kode=str(body.iat[r, kode]) if kode is not None else None,
                kolom="pagu",
                dilaporkan=float(a[r]),
                dihitung=float(b[r]),
                tingkat_keparahan="sedang",
                uraian=str(uraian) if uraian is not None else None,
            )
        )
    return int(checked.sum())
