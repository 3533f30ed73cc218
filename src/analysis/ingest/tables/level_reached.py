"""A ``Capaian`` column that holds the level an indicator reached, not a percentage.

LPPD and macro-indicator tables (Kabupaten Semarang LPPD 2019: ``Capaian_Tahun_2018``
``Capaian_Tahun_2019``, Angka Harapan Hidup 75,57; Labuhanbatu Utara's reviu: ``Capaian
Kinerja Tahun N-1 | Tahun N``, IPM 71,61) and some target tables (Balai Karantina
Pertanian Yogyakarta: ``Target | Capaian``, IKM 86 against a target of 84, 22 hours of
training against 24) print under ``Capaian`` what the indicator reached - its realisasi.
Read as a capaian in percent, AHH 75,57 would become "75,57 %" of a target nobody set.

The table's content decides, never its office:

* **no target and no realisasi column** (nothing a percentage could be of): every
  ``Capaian`` column without ``%``/``persen`` in its header is the realisasi of its year;
* **a target and no realisasi column**: a ``Capaian`` column without ``%``/``persen`` is
  the realisasi when its figures follow the target's scale rather than 100 - on at least
  :data:`RULES` ``share`` of the rows where the two readings differ, the figure is closer
  (as a ratio) to the row's target than to 100 (22 against a target of 24 is a level
  missed; as a percentage it would be 22 % of the target). Else it stays a capaian.

Each column so read is named in a note with the reason.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from analysis.ingest.formats.cells import parse_numbers
from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables.header_block import Header

RULES = {
    "share": 2 / 3,  # rows that must follow the target's scale
    "min_rows": 3,  # rows where the readings differ, at least
    "differ": 0.05,  # |log ratio| difference under which a row says nothing
}
"""When a capaian beside a target is its level: thresholds, as data."""

_PERCENT = re.compile(r"(?i)%|\bpersen|\bprosen")


def _kind(field: str | None) -> str:
    return re.sub(r"(?:_sd)?(?:_tw\d)?$", "", field or "")


def _figures(grid: SheetGrid, header: Header, col: int) -> np.ndarray:
    raw = grid.cells.iloc[header.data_start :, col].astype(object)
    return parse_numbers(raw)["value"].to_numpy(dtype="float64")


def follows_target(level: np.ndarray, target: np.ndarray) -> tuple[bool, int, int]:
    """(the figures follow the target's scale, rows that do, rows that tell)."""
    both = ~np.isnan(level) & ~np.isnan(target) & (level >= 0) & (target >= 0)
    lv, tg = level[both], target[both]
    to_target = np.abs(np.log1p(lv) - np.log1p(tg))
    to_hundred = np.abs(np.log1p(lv) - np.log1p(100.0))
    telling = np.abs(to_target - to_hundred) > RULES["differ"]
    n = int(telling.sum())
    closer = int((to_target[telling] < to_hundred[telling]).sum())
    return n >= RULES["min_rows"] and closer >= RULES["share"] * n, closer, n


def read(grid: SheetGrid, header: Header) -> tuple[Header, list[str]]:
    """The header with each level-reached ``capaian`` column made ``realisasi``, and notes."""
    fields = header.fields
    kinds = [_kind(f) for f in fields]
    if "realisasi" in kinds or any(k in {"pagu", "anggaran", "serapan"} for k in kinds):
        return header, []
    plain = [
        c
        for c, f in enumerate(fields)
        if f == "capaian" and not _PERCENT.search(header.labels[c] or "")
    ]
    if not plain:
        return header, []
    where = f"{grid.file}:{grid.sheet}"
    targets = [c for c, k in enumerate(kinds) if k == "target"]
    if any(fields[c] != "target" for c in targets):
        return header, []  # a quarter's or cumulative target: a quarterly table, not this
    if not targets:
        reason = (
            "tabel tanpa kolom target dan realisasi: capaian di sini adalah nilai yang "
            "dicapai (realisasi tahun itu), bukan persen dari target"
        )
    else:
        if len(targets) != 1 or len(plain) != 1:
            return header, []
        ok, closer, n = follows_target(
            _figures(grid, header, plain[0]), _figures(grid, header, targets[0])
        )
        if not ok:
            return header, []
        reason = (
            f"tabel tanpa kolom realisasi; pada {closer} dari {n} baris angkanya lebih dekat "
            f"ke target ({header.labels[targets[0]]!r}) daripada ke 100: nilai yang dicapai "
            "(realisasi), bukan persen dari target"
        )
    new = list(fields)
    for c in plain:
        new[c] = "realisasi"
    names = ", ".join(repr(header.labels[c]) for c in plain)
    return replace(header, fields=new), [
        f"{where}: kolom {names} dibaca sebagai realisasi: {reason}"
    ]
