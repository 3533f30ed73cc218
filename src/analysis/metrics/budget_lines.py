"""A printed budget subtotal row takes the identity its own lines give it.

A budget sheet (Towuti Tabel III, seed 002) lists a kegiatan row and right below it the
sub kegiatan rows whose money it totals. When the kegiatan row carries a name copied
from its neighbour ("02 Kegiatan Koordinasi Upaya Penyelenggaraan Ketentraman ..." for
kegiatan 7.01.04.2.02), cleaning matches it to the neighbour's code (7.01.04.2.01, then
``7.01.04.2.01#2`` as a repeat), while its sub kegiatan, identified by their own names,
point to 7.01.04.2.02. The roll-up then meets the same money twice: once as the orphan
kegiatan row's own budget, once as the sum of the sub kegiatan under 7.01.04.2.02
(Towuti pagu Rp 4.105.135.040 instead of the printed Rp 4.094.740.600).

:func:`adopt_children_parent` resolves this from the printed order, per sheet: a
program/kegiatan row whose lines below it (up to the next row of its level or above)
all point to one other parent of the same level, which no other row of that sheet's
kecamatan-year claims, becomes that parent. Rows whose children agree with them, or
disagree among themselves, are left as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.metrics.frames import STR, lower_text, text

_LEVELS = (
    ("kegiatan", "kunci_kegiatan", ("program", "kegiatan")),
    ("program", "kunci_program", ("program",)),
)


def _sheet_and_row(sumber: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(``file:sheet``, row number) of ``file:sheet:row`` source labels: split at the
    last ``:`` (a label without one is all sheet, with no row)."""
    label = text(sumber).fillna("")
    array = label.array._pa_array.combine_chunks()
    parts = pc.split_pattern(array, ":", max_splits=1, reverse=True)  # [sheet(, row)]
    starts = np.asarray(parts.offsets)[:-1]
    pieces = parts.flatten()
    two = pc.list_value_length(parts).to_numpy(zero_copy_only=False) == 2
    sheet = pieces.take(pa.array(starts))
    row = pieces.take(pa.array(starts + 1, mask=~two))
    wrap = lambda a: pd.Series(pd.arrays.ArrowStringArray(a, dtype=STR), index=label.index)  # noqa: E731
    return wrap(sheet), pd.to_numeric(wrap(row), errors="coerce")


def adopt_children_parent(wide: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``wide`` (``schema.ANGGARAN_WIDE``) with mis-keyed subtotal rows re-keyed, and a
    frame of the changes (``kecamatan, tahun, sumber, tingkat, dari, menjadi``)."""
    changes = []
    if wide.empty or "sumber" not in wide:
        return wide, pd.DataFrame(
            columns=["kecamatan", "tahun", "sumber", "tingkat", "dari", "menjadi"]
        )
    out = wide.copy(deep=False)  # copy-on-write: changes below never reach wide
    sheet, row = _sheet_and_row(out["sumber"])
    tingkat = lower_text(out["tingkat"]).fillna("")
    kt = out["kecamatan"].astype("str") + "|" + out["tahun"].astype("str")
    order = np.lexsort((row.fillna(-1).to_numpy(), sheet.to_numpy()))
    for level, parent_col, stops in _LEVELS:
        is_level = tingkat.eq(level).to_numpy()
        stop = tingkat.isin(stops).to_numpy()
        # Segment: a row of this level (or above) opens one, per sheet, in printed order.
        o_sheet = sheet.to_numpy()[order]
        new_sheet = np.r_[True, o_sheet[1:] != o_sheet[:-1]]
        seg_sorted = np.cumsum(stop[order] | new_sheet)
        seg = np.empty(len(out), dtype=np.int64)
        seg[order] = seg_sorted
        head = pd.Series(np.where(is_level, seg, -1), index=out.index)
        kunci = text(out["kunci"])
        parent = text(out[parent_col])
        lines = pd.DataFrame({"seg": seg, "parent": parent, "tingkat": tingkat})[
            ~stop & ~tingkat.isin(["rekening", "total", ""]).to_numpy() & parent.notna().to_numpy()
        ]
        agree = lines.groupby("seg")["parent"].agg(["nunique", "first"])
        agree = agree[agree["nunique"] == 1]["first"]
        heads = pd.DataFrame({"seg": seg, "kunci": kunci, "kt": kt})[
            is_level & (head >= 0).to_numpy()
        ]
        heads = heads.assign(child_parent=heads["seg"].map(agree))
        claimed = pd.MultiIndex.from_arrays([heads["kt"], heads["kunci"]])
        wanted = pd.MultiIndex.from_arrays([heads["kt"], heads["child_parent"]])
        moved = heads[
            heads["child_parent"].notna().to_numpy()
            & heads["child_parent"].ne(heads["kunci"]).to_numpy()
            & ~wanted.isin(claimed)
        ]
        if moved.empty:
            continue
        for idx, old, new in zip(moved.index, moved["kunci"], moved["child_parent"], strict=True):
            # The row itself and every line of its segment that pointed to its old key.
            in_seg = (seg == seg[out.index.get_loc(idx)]) & text(out[parent_col]).eq(old).to_numpy()
            out.loc[in_seg, parent_col] = new
            out.loc[idx, "kunci"] = new
            out.loc[idx, parent_col] = new
            if text(out.loc[[idx], "kode"]).notna().iloc[0] or "." in str(new):
                out.loc[idx, "kode"] = new
            changes.append(
                {
                    "kecamatan": out.at[idx, "kecamatan"],
                    "tahun": out.at[idx, "tahun"],
                    "sumber": out.at[idx, "sumber"],
                    "tingkat": level,
                    "dari": old,
                    "menjadi": new,
                }
            )
    return out, pd.DataFrame(
        changes, columns=["kecamatan", "tahun", "sumber", "tingkat", "dari", "menjadi"]
    )
