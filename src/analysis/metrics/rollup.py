"""Ringkasan: capaian and budget rolled up sub kegiatan > kegiatan > program > kecamatan.

Source: the LKjIP roll-up "jumlah capaian kinerja kegiatan / jumlah kegiatan" - a
parent's capaian is the plain mean of its children's (each child counts once, however
many indicators it has); a sub kegiatan's is the mean of its indicators' s/d capaian.
A parent with no child that has a capaian falls back to its own indicator (a kegiatan
without sub kegiatan). Budgets add up: a parent's money is the sum of its children's,
falling back to its own row when no child has money; a parent's printed figures are
compared with these sums in :mod:`.reconciliation`, not used here. Efficiency figures
and the kuadran then follow from the rolled-up capaian (K) and serapan (A).

Computed on arrays of node x quarter (nodes from :mod:`.hierarchy`): a quarter in which
a kecamatan-year reports nothing leaves every figure of its nodes empty, so such cells
drop out with every other cell that has neither a capaian nor a budget figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.absorption import rasio_values
from analysis.metrics.bands import kategori_values
from analysis.metrics.efficiency import (
    efisiensi_values,
    indeks_values,
    kuadran_values,
    nilai_values,
)
from analysis.metrics.frames import (
    finalize,
    group_mean,
    group_sum,
    groupby_sum,
    lower_text,
    sorted_groups,
)
from analysis.metrics.hierarchy import LEVEL_ORDER, NODE_KEYS, Keyed, tree
from analysis.schema import RINGKASAN
from analysis.settings import DEFAULT_SETTINGS, Settings

MONEY = ["pagu", "anggaran_sd", "realisasi_anggaran_sd"]
QKEYS = ["kecamatan", "tahun", "triwulan"]


def ringkasan(
    kinerja: pd.DataFrame, anggaran: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """The processed ``ringkasan`` table (``schema.RINGKASAN``) from processed kinerja and
    anggaran. One row per (kecamatan, tahun, triwulan, tingkat, kunci) that has a capaian
    or a budget figure; ``rekening`` lines are not rolled up."""
    return ringkasan_keyed(Keyed.of(kinerja), Keyed.of(anggaran), settings)


def _codes(*columns: pd.Series) -> list[np.ndarray]:
    """One numbering of the values of ``columns`` together (missing is a value too)."""
    both = pd.concat(columns, ignore_index=True)
    codes = pd.factorize(both, use_na_sentinel=False)[0]
    ends = np.cumsum([len(c) for c in columns])
    return [codes[e - len(c) : e] for e, c in zip(ends, columns, strict=True)]


def _pair(a: np.ndarray, b: np.ndarray, base: int) -> np.ndarray:
    """One int64 per (a, b) pair of non-negative codes, b < base."""
    return a.astype(np.int64) * base + b


class _Grid:
    """Node x quarter cells as the roll-up sees them: each node with the quarters its
    kecamatan-year reports, nodes in tree order, quarters in order of first appearance."""

    def __init__(self, nodes, kinerja: Keyed, ang: Keyed, kin_node, ang_node):
        self.nodes = nodes
        self.n = len(nodes)
        tables = [kinerja.table, ang.table]
        q_codes, self.quarters = self._quarter_codes(tables)
        self.kin_q, self.ang_q = q_codes
        self.nq = len(self.quarters)
        # kecamatan-year of every node and every table row, one numbering.
        kec = _codes(nodes["kecamatan"], kinerja.keys["kecamatan"], ang.keys["kecamatan"])
        year = _codes(nodes["tahun"], kinerja.keys["tahun"], ang.keys["tahun"])
        n_year = max(int(y.max(initial=0)) for y in year) + 1
        kt = [_pair(k, t, n_year) for k, t in zip(kec, year, strict=True)]
        kt = _codes(*(pd.Series(x) for x in kt))
        self.node_kt = kt[0]
        self.kin_kt = kt[1][kinerja.rows]
        self.ang_kt = kt[2][ang.rows]
        n_kt = int(max(x.max(initial=-1) for x in kt)) + 1
        # Quarters of each kecamatan-year, in order of first appearance.
        seen = pd.unique(
            np.concatenate([self.kin_kt * self.nq + self.kin_q, self.ang_kt * self.nq + self.ang_q])
        )
        seen_kt, seen_q = seen // self.nq, seen % self.nq
        by_kt = np.argsort(seen_kt, kind="stable")
        self.kt_q = seen_q[by_kt]
        self.kt_count = np.bincount(seen_kt, minlength=n_kt)
        self.kt_start = np.concatenate([[0], np.cumsum(self.kt_count)[:-1]])

    @staticmethod
    def _quarter_codes(tables):
        both = pd.concat([t["triwulan"] for t in tables], ignore_index=True)
        codes, values = pd.factorize(both, sort=True, use_na_sentinel=False)
        ends = np.cumsum([len(t) for t in tables])
        parts = [codes[e - len(t) : e] for e, t in zip(ends, tables, strict=True)]
        return parts, pd.Series(values)

    def cells(self, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(node, quarter) of the cells of nodes ``which`` (ascending), in grid order."""
        count = self.kt_count[self.node_kt[which]]
        node = np.repeat(which, count)
        offset = np.arange(len(node)) - np.repeat(np.cumsum(count) - count, count)
        quarter = self.kt_q[np.repeat(self.kt_start[self.node_kt[which]], count) + offset]
        return node, quarter


def _dense(shape, cells: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.full(shape[0] * shape[1], np.nan)
    out[cells] = values
    return out.reshape(shape)


def _row_identity(keyed: Keyed, node: np.ndarray, n_nodes: int) -> np.ndarray:
    """The node of each table row; rows of no node level numbered after the nodes by
    their (kecamatan, tahun, tingkat, kunci)."""
    ident = node.copy()
    other = np.flatnonzero(node < 0)
    if len(other):
        keys = keyed.keys.iloc[keyed.rows[other]][NODE_KEYS]
        ident[other] = n_nodes + keys.groupby(NODE_KEYS, dropna=False, sort=False).ngroup()
    return ident


def _parents(nodes: pd.DataFrame, node_kt: np.ndarray) -> np.ndarray:
    """Node number of each node's parent (-1: none)."""
    kunci, induk = _codes(nodes["kunci"], nodes["kunci_induk"])
    level, level_induk = _codes(nodes["tingkat"], nodes["tingkat_induk"])
    n_level = max(int(level.max(initial=0)), int(level_induk.max(initial=0))) + 1
    n_kunci = max(int(kunci.max(initial=0)), int(induk.max(initial=0))) + 1
    own = _pair(_pair(node_kt, level, n_level), kunci, n_kunci)
    wanted = _pair(_pair(node_kt, level_induk, n_level), induk, n_kunci)
    return pd.Index(own).get_indexer(wanted)


def ringkasan_keyed(
    kinerja: Keyed, anggaran: Keyed, settings: Settings = DEFAULT_SETTINGS
) -> pd.DataFrame:
    """:func:`ringkasan` of tables whose keys are already known (see :class:`Keyed`)."""
    ang = anggaran.where(~lower_text(anggaran.table["tingkat"]).eq("rekening").to_numpy())
    nodes, (kin_node, ang_node) = tree([kinerja, ang])
    if nodes.empty:
        return finalize(None, RINGKASAN)
    grid = _Grid(nodes, kinerja, ang, kin_node, ang_node)
    n, nq = grid.n, grid.nq
    shape = (n, nq)

    # A node's own indicators: mean and count of their capaian s/d per quarter.
    kin_cell = _row_identity(kinerja, kin_node, n) * nq + grid.kin_q
    ids, cells = pd.factorize(kin_cell)
    capaian = kinerja.table["capaian_sd_persen"].to_numpy(dtype="float64")

    def own_keys(table: Keyed, rows: np.ndarray) -> pd.DataFrame:
        keys = table.keys.iloc[table.rows[rows]].reset_index(drop=True)
        return pd.DataFrame(
            {
                "kecamatan": keys["kecamatan"],
                "tahun": keys["tahun"],
                "triwulan": table.table["triwulan"].iloc[rows].reset_index(drop=True),
                "tingkat": keys["tingkat"],
                "kunci": keys["kunci"],
            }
        )

    mean = group_mean(capaian, ids, lambda rows: own_keys(kinerja, rows))
    count = np.bincount(ids, weights=~np.isnan(capaian), minlength=len(cells))
    mine = cells < n * nq
    own_cap = _dense(shape, cells[mine], mean[mine])
    own_n = _dense(shape, cells[mine], count[mine])
    # ... and its own budget lines, summed.
    ids, cells = pd.factorize(_row_identity(ang, ang_node, n) * nq + grid.ang_q)
    values = ang.table[MONEY].to_numpy(dtype="float64")
    sums = groupby_sum(values, ids, lambda rows: own_keys(ang, rows))
    mine = cells < n * nq
    own_money = {m: _dense(shape, cells[mine], sums[mine, j]) for j, m in enumerate(MONEY)}

    level = nodes["tingkat"].map(LEVEL_ORDER).to_numpy(dtype="float64")
    parent_level = nodes["tingkat_induk"].map(LEVEL_ORDER).to_numpy(dtype="float64")
    parent = _parents(nodes, grid.node_kt)
    cap = np.full(shape, np.nan)
    jumlah = np.full(shape, np.nan)
    money = {m: np.full(shape, np.nan) for m in MONEY}
    for name in sorted(LEVEL_ORDER, key=LEVEL_ORDER.get):
        at = np.flatnonzero(level == LEVEL_ORDER[name])
        rolled_cap = np.full(shape, np.nan)
        rolled_n = np.full(shape, np.nan)
        rolled_money = {m: np.full(shape, np.nan) for m in MONEY}
        child, q = grid.cells(np.flatnonzero(parent_level == LEVEL_ORDER[name]))
        if len(child):
            key = parent[child]
            missing = key < 0
            if missing.any():
                lost = nodes.iloc[child[missing]][["kecamatan", "tahun", "kunci_induk"]]
                key[missing] = n + lost.groupby(list(lost.columns), dropna=False).ngroup()
            ids, groups = pd.factorize(key * nq + q)

            def child_keys(rows, child=child, q=q):
                picked = nodes.iloc[child[rows]].reset_index(drop=True)
                return pd.DataFrame(
                    {
                        "kecamatan": picked["kecamatan"],
                        "tahun": picked["tahun"],
                        "triwulan": grid.quarters.iloc[q[rows]].reset_index(drop=True),
                        "kunci_induk": picked["kunci_induk"],
                    }
                )

            mean = group_mean(cap[child, q], ids, child_keys)
            frame = pd.DataFrame(
                {"_g": ids, "n": jumlah[child, q], **{m: money[m][child, q] for m in MONEY}}
            )
            sums = group_sum(frame, ["_g"], ["n", *MONEY])
            found = groups < n * nq
            target = groups[found]
            rolled_cap.reshape(-1)[target] = mean[found]
            rolled_n.reshape(-1)[target] = sums["n"].to_numpy()[found]
            for m in MONEY:
                rolled_money[m].reshape(-1)[target] = sums[m].to_numpy()[found]
        has_child_cap = ~np.isnan(rolled_cap[at])
        cap[at] = np.where(has_child_cap, rolled_cap[at], own_cap[at])
        jumlah[at] = np.where(has_child_cap, rolled_n[at], own_n[at])
        for m in MONEY:
            rolled = rolled_money[m][at]
            money[m][at] = np.where(np.isnan(rolled), own_money[m][at], rolled)

    keep = ~np.isnan(cap)
    for m in MONEY:
        keep |= ~np.isnan(money[m])
    # Table order: kecamatan, tahun, triwulan, level, kode, kunci (missing last).
    by_kt = sorted_groups(nodes[["kecamatan", "tahun"]])
    full = nodes[["kecamatan", "tahun", "kode", "kunci"]].assign(_level=level)
    full = full[["kecamatan", "tahun", "_level", "kode", "kunci"]]
    rank = np.empty(n, dtype=np.int64)
    rank[full.sort_values(list(full.columns), kind="stable").index.to_numpy()] = np.arange(n)
    cell = np.flatnonzero(keep.reshape(-1))
    node, q = cell // nq, cell % nq
    order = np.argsort((by_kt[node] * nq + q) * n + rank[node], kind="stable")
    node, q, cell = node[order], q[order], cell[order]

    k = cap.reshape(-1)[cell]
    figures = {m: money[m].reshape(-1)[cell] for m in MONEY}
    a = rasio_values(figures["realisasi_anggaran_sd"], figures["anggaran_sd"])
    e = efisiensi_values(k, a)
    text_cols = ["kecamatan", "tingkat", "kode", "kunci", "kunci_induk", "uraian"]
    out = pd.DataFrame(
        {
            **{c: nodes[c].array.take(node) for c in text_cols},
            "tahun": nodes["tahun"].array.take(node),
            "triwulan": grid.quarters.array.take(q),
            "capaian_persen": k,
            "serapan_persen": a,
            "indeks_efisiensi": indeks_values(k, a),
            "efisiensi_persen": e,
            "nilai_efisiensi": nilai_values(e, settings),
            "kuadran": kuadran_values(k, a, settings).array,
            "kategori": kategori_values(k, settings).array,
            "jumlah_indikator": jumlah.reshape(-1)[cell],
            **figures,
        }
    )
    return finalize(out, RINGKASAN, clean=[*text_cols, "kuadran", "kategori"])


__all__ = ["NODE_KEYS", "ringkasan", "ringkasan_keyed"]
