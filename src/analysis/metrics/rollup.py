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

from analysis.metrics.absorption import rasio_values, rencana_kas_sd
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
)
from analysis.metrics.hierarchy import (
    LEVEL_ORDER,
    NODE_KEYS,
    Codes,
    Keyed,
    _pack,
    pack_joint,
    ranks,
    tree,
)
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


def _quarter_codes(tables: list[pd.DataFrame]) -> tuple[list[np.ndarray], pd.Series]:
    """Code of each row's triwulan (0.. in sorted order, missing last) and the values."""
    both = pd.concat([t["triwulan"] for t in tables], ignore_index=True)
    codes, values = pd.factorize(both, sort=True, use_na_sentinel=False)
    ends = np.cumsum([len(t) for t in tables])
    parts = [codes[e - len(t) : e] for e, t in zip(ends, tables, strict=True)]
    return parts, pd.Series(values)


class _Grid:
    """Node x quarter cells as the roll-up sees them: each node with the quarters its
    kecamatan-year reports, nodes in tree order, quarters in order of first appearance
    (the rows of the old merged grid, in its order)."""

    def __init__(self, nodes: Codes, kinerja: Keyed, ang: Keyed, kin_codes, ang_codes):
        (self.kin_q, self.ang_q), self.quarters = _quarter_codes([kinerja.table, ang.table])
        self.nq = len(self.quarters)
        kt = pack_joint(
            (nodes.kecamatan, nodes.tahun),
            (kin_codes.kecamatan, kin_codes.tahun),
            (ang_codes.kecamatan, ang_codes.tahun),
        )
        codes = pd.factorize(np.concatenate(kt))[0]
        ends = np.cumsum([len(x) for x in kt])
        self.node_kt, kin_kt, ang_kt = (
            codes[e - len(x) : e] for e, x in zip(ends, kt, strict=True)
        )
        self.kin_kt, self.ang_kt = kin_kt[kinerja.rows], ang_kt[ang.rows]
        n_kt = int(codes.max(initial=-1)) + 1
        # Quarters of each kecamatan-year, in order of first appearance.
        seen = pd.unique(
            np.concatenate([self.kin_kt * self.nq + self.kin_q, self.ang_kt * self.nq + self.ang_q])
        )
        seen_kt, seen_q = seen // self.nq, seen % self.nq
        self.kt_q = seen_q[np.argsort(seen_kt, kind="stable")]
        self.kt_count = np.bincount(seen_kt, minlength=n_kt)
        self.kt_start = np.concatenate([[0], np.cumsum(self.kt_count)[:-1]]).astype(np.int64)

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


def _row_identity(codes: Codes, rows: np.ndarray, node: np.ndarray, n_nodes: int) -> np.ndarray:
    """The node of each table row; rows of no node level numbered after the nodes by
    their (kecamatan, tahun, tingkat, kunci)."""
    ident = node.copy()
    other = np.flatnonzero(node < 0)
    if len(other):
        src = rows[other]
        packed = _pack(codes.kecamatan[src], codes.tahun[src], codes.tingkat[src], codes.kunci[src])
        ident[other] = n_nodes + pd.factorize(packed)[0]
    return ident


def _key_frame(codes: Codes, rows: np.ndarray, names: list[str], **extra) -> pd.DataFrame:
    """Key columns (as the old string frames had them) of ``rows`` for :func:`group_mean`."""
    out = {n: codes.strings(n, rows) for n in names}
    return pd.DataFrame({**out, **extra})


def target_zero_capaian(
    table: pd.DataFrame,
    capaian: np.ndarray,
    cell_of_row: np.ndarray,
    own_money: dict[str, np.ndarray],
    n_nodes: int,
    settings: Settings,
) -> np.ndarray:
    """``capaian`` with the rows whose target s/d TW is 0 (no capaian of their own) set to
    0 where :attr:`Settings.capaian_target_nol` counts them: the row's node has a budget
    (pagu or anggaran kas above 0) and, under ``nol_bila_tak_terserap``, spent none of it."""
    rule = settings.capaian_target_nol
    if rule == "dikecualikan" or "target_sd" not in table:
        return capaian
    target = table["target_sd"].to_numpy(dtype="float64")
    node_cell = np.where(cell_of_row < n_nodes * own_money["pagu"].shape[1], cell_of_row, -1)
    found = node_cell >= 0

    def at(m: str) -> np.ndarray:
        flat = own_money[m].reshape(-1)
        return np.where(found, flat[np.maximum(node_cell, 0)], np.nan)

    budget = (np.nan_to_num(at("pagu")) > 0) | (np.nan_to_num(at("anggaran_sd")) > 0)
    counted = (target == 0) & np.isnan(capaian) & found & budget
    if rule == "nol_bila_tak_terserap":
        counted &= np.nan_to_num(at("realisasi_anggaran_sd")) == 0
    return np.where(counted, 0.0, capaian)


def _own_keys(codes: Codes, table: Keyed, rows: np.ndarray) -> pd.DataFrame:
    """Key columns of a node's own rows (for :func:`group_mean` / :func:`groupby_sum`)."""
    q = table.table["triwulan"].iloc[rows].reset_index(drop=True)
    src = table.rows[rows]
    return pd.DataFrame(
        {
            "kecamatan": codes.strings("kecamatan", src),
            "tahun": codes.strings("tahun", src),
            "triwulan": q,
            "tingkat": codes.strings("tingkat", src),
            "kunci": codes.strings("kunci", src),
        }
    )


def _tree_parts(kinerja: Keyed, anggaran: Keyed) -> tuple | None:
    """What no counting rule changes: the budget rows rolled up, the tree of nodes, the
    node x quarter grid and each node's own budget sums (None: no node)."""
    # Rekening lines: a given tingkat "rekening" (never inferred) - from the codes.
    rekening = np.flatnonzero((anggaran.codes.dicts["tingkat"] == "rekening").to_numpy())
    is_rekening = anggaran.codes.tingkat[anggaran.rows] == (rekening[0] if len(rekening) else -2)
    # Only the quarter and the money of anggaran are rolled up: filter those, not a copy
    # of the whole table with its text.
    ang = anggaran.select(["triwulan", *MONEY]).where(~is_rekening)
    found, (kin_node, ang_node), (kin_codes, ang_codes) = tree([kinerja, ang])
    if found is None or not len(found):
        return None
    nodes = found.codes
    n = len(found)
    grid = _Grid(nodes, kinerja, ang, kin_codes, ang_codes)
    nq = grid.nq
    ang_ident = _row_identity(ang_codes, ang.rows, ang_node, n)
    ids, cells = pd.factorize(ang_ident * nq + grid.ang_q)
    values = ang.table[MONEY].to_numpy(dtype="float64")
    sums = groupby_sum(values, ids, lambda rows: _own_keys(ang_codes, ang, rows))
    mine = cells < n * nq
    own_money = {m: _dense((n, nq), cells[mine], sums[mine, j]) for j, m in enumerate(MONEY)}
    return found, kin_node, kin_codes, grid, own_money


def _node_order(nodes: Codes, level: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(kecamatan-year rank, rank within it) of each node, for the table order:
    kecamatan, tahun, triwulan, level, kode, kunci (missing last)."""
    n = len(level)
    kec_rank = ranks(nodes.dicts["kecamatan"])[nodes.kecamatan]
    year_rank = ranks(nodes.dicts["tahun"])[nodes.tahun]
    node_rank = np.empty(n, dtype=np.int64)
    node_rank[
        np.lexsort(
            (
                ranks(nodes.dicts["kunci"])[nodes.kunci],
                ranks(nodes.dicts["kode"])[nodes.kode],
                level,
                year_rank,
                kec_rank,
            )
        )
    ] = np.arange(n)
    by_kt = pd.factorize(_pack(kec_rank, year_rank), sort=True)[0]
    return by_kt, node_rank


def ringkasan_keyed(
    kinerja: Keyed,
    anggaran: Keyed,
    settings: Settings = DEFAULT_SETTINGS,
    shared: dict | None = None,
) -> pd.DataFrame:
    """:func:`ringkasan` of tables whose keys are already known (see :class:`Keyed`).

    ``shared``: a dict kept by the caller across calls for the same ``kinerja`` and
    ``anggaran`` under other counting rules (:mod:`.methods`): the tree, the grid and the
    nodes' own budget sums, which no rule changes, are computed by the first call and
    taken from it by the others."""
    if shared is not None and shared.get("tables") is not None:
        kept = shared["tables"]
        if kept[0] is not kinerja or kept[1] is not anggaran:
            raise ValueError("ringkasan_keyed: shared parts of other tables")
    if shared is None or "parts" not in shared:
        parts = _tree_parts(kinerja, anggaran)
        if shared is not None:
            shared["tables"], shared["parts"] = (kinerja, anggaran), parts
    else:
        parts = shared["parts"]
    if parts is None:
        return finalize(None, RINGKASAN)
    found, kin_node, kin_codes, grid, own_money = parts
    nodes = found.codes
    n = len(found)
    nq = grid.nq
    shape = (n, nq)
    quarters = grid.quarters

    # A node's own budget lines, summed (_tree_parts) and its own indicators: mean and
    # count of their capaian s/d per quarter, a
    # target-0 row with a budget counted as the office's rule says.
    kin_ident = _row_identity(kin_codes, kinerja.rows, kin_node, n)
    cell_of_row = kin_ident * nq + grid.kin_q
    ids, cells = pd.factorize(cell_of_row)
    capaian = kinerja.table["capaian_sd_persen"].to_numpy(dtype="float64")
    capaian = target_zero_capaian(kinerja.table, capaian, cell_of_row, own_money, n, settings)
    mean = group_mean(capaian, ids, lambda rows: _own_keys(kin_codes, kinerja, rows))
    count = np.bincount(ids, weights=~np.isnan(capaian), minlength=len(cells))
    mine = cells < n * nq
    own_cap = _dense(shape, cells[mine], mean[mine])
    own_n = _dense(shape, cells[mine], count[mine])

    to_level = np.array([LEVEL_ORDER[t] for t in ("program", "kegiatan", "sub_kegiatan")] + [3])
    level = to_level[nodes.tingkat]
    parent_level = np.where(nodes.tingkat_induk >= 0, to_level[nodes.tingkat_induk], -1)
    own_key, parent_key = pack_joint(
        (grid.node_kt, nodes.tingkat, nodes.kunci),
        (grid.node_kt, nodes.tingkat_induk, nodes.kunci_induk),
    )
    parent = pd.Index(own_key).get_indexer(parent_key)
    cap = np.full(shape, np.nan)
    jumlah = np.full(shape, np.nan)
    money = {m: np.full(shape, np.nan) for m in MONEY}
    for name in sorted(LEVEL_ORDER, key=LEVEL_ORDER.get):
        at = np.flatnonzero(level == LEVEL_ORDER[name])
        child, q = grid.cells(np.flatnonzero(parent_level == LEVEL_ORDER[name]))
        rolled_cap = np.full((len(at), nq), np.nan)
        rolled_n = np.full((len(at), nq), np.nan)
        rolled_money = {m: np.full((len(at), nq), np.nan) for m in MONEY}
        if len(child):
            key = parent[child]
            missing = key < 0
            if missing.any():
                lost = child[missing]
                packed = _pack(nodes.kecamatan[lost], nodes.tahun[lost], nodes.kunci_induk[lost])
                key[missing] = n + pd.factorize(packed)[0]
            ids, groups = pd.factorize(key * nq + q)

            def child_keys(rows, child=child, q=q):
                return _key_frame(
                    nodes,
                    child[rows],
                    ["kecamatan", "tahun"],
                    triwulan=quarters.iloc[q[rows]].reset_index(drop=True),
                    kunci_induk=nodes.strings("kunci_induk", child[rows]),
                )

            mean = group_mean(cap[child, q], ids, child_keys)
            frame = pd.DataFrame(
                {"_g": ids, "n": jumlah[child, q], **{m: money[m][child, q] for m in MONEY}},
                copy=False,
            )
            sums = group_sum(frame, ["_g"], ["n", *MONEY])
            found_parent = groups < n * nq
            # Row of each parent among ``at`` (parents are nodes of this level).
            slot = np.full(n, -1, dtype=np.int64)
            slot[at] = np.arange(len(at))
            target_node, target_q = groups[found_parent] // nq, groups[found_parent] % nq
            row = slot[target_node]
            rolled_cap[row, target_q] = mean[found_parent]
            rolled_n[row, target_q] = sums["n"].to_numpy()[found_parent]
            for m in MONEY:
                rolled_money[m][row, target_q] = sums[m].to_numpy()[found_parent]
        has_child_cap = ~np.isnan(rolled_cap)
        if name == "program" and settings.capaian_program == "indikator_program":
            has_child_cap &= np.isnan(own_cap[at])  # the program's own indicator first
        cap[at] = np.where(has_child_cap, rolled_cap, own_cap[at])
        jumlah[at] = np.where(has_child_cap, rolled_n, own_n[at])
        for m in MONEY:
            rolled = rolled_money[m]
            money[m][at] = np.where(np.isnan(rolled), own_money[m][at], rolled)

    keep = ~np.isnan(cap)
    for m in MONEY:
        keep |= ~np.isnan(money[m])
    if shared is None or "order" not in shared:
        node_order = _node_order(nodes, level)
        if shared is not None:
            shared["order"] = node_order
    else:
        node_order = shared["order"]
    by_kt, node_rank = node_order
    cell = np.flatnonzero(keep.reshape(-1))
    node, q = cell // nq, cell % nq
    order = np.argsort((by_kt[node] * nq + q) * n + node_rank[node], kind="stable")
    node, q, cell = node[order], q[order], cell[order]

    k = cap.reshape(-1)[cell]
    figures = {m: money[m].reshape(-1)[cell] for m in MONEY}
    triwulan = quarters.array.take(q)
    plan = rencana_kas_sd(
        figures["anggaran_sd"], figures["pagu"], np.asarray(triwulan, dtype="float64")
    )
    a = rasio_values(figures["realisasi_anggaran_sd"], plan)
    e = efisiensi_values(k, a)
    text_cols = ["kecamatan", "tingkat", "kode", "kunci", "kunci_induk", "uraian"]
    out = pd.DataFrame(
        {
            **{c: nodes.strings(c, node) for c in text_cols},
            "tahun": nodes.strings("tahun", node),
            "triwulan": triwulan,
            "capaian_persen": k,
            "serapan_persen": a,
            "indeks_efisiensi": indeks_values(k, a),
            "efisiensi_persen": e,
            "nilai_efisiensi": nilai_values(e, settings),
            "kuadran": kuadran_values(k, a, settings).array,
            "kategori": kategori_values(k, settings).array,
            "jumlah_indikator": jumlah.reshape(-1)[cell],
            **figures,
        },
        copy=False,
    )
    return finalize(out, RINGKASAN, clean=[*text_cols, "kuadran", "kategori"])


__all__ = ["NODE_KEYS", "ringkasan", "ringkasan_keyed"]
