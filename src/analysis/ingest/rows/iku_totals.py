"""Printed totals and averages under an IKU table, compared with the rows above.

The rows :mod:`analysis.ingest.tables.printed_totals` marks (``Jumlah Capaian Realisasi
Kinerja | 310,38``) are the office's own figures, not IKU rows: each is compared with the
sum or the mean of the same table's indicator rows of the same year (the printed capaian
where a row gives one, else realisasi / target x 100); off by more than the capaian
tolerance it is a ``total_berbeda`` finding. Every such row is named in the notes with
both figures, and none is written to ``iku``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import Finding, Findings
from analysis.formatting import angka

FIELDS = ("target", "realisasi", "capaian")
GROUP = ["_file", "_sheet", "_block", "kecamatan", "tahun"]


def _capaian(rows: pd.DataFrame) -> pd.Series:
    def num(col: str) -> pd.Series:
        return pd.to_numeric(rows[col], errors="coerce") if col in rows else np.nan

    computed = num("realisasi") / pd.Series(num("target"), index=rows.index).replace(0, np.nan)
    return pd.Series(num("capaian"), index=rows.index).fillna(computed * 100)


def compare_printed(
    rows: pd.DataFrame, findings: Findings, tolerance: float
) -> tuple[pd.DataFrame, list[str]]:
    """The IKU rows without their printed totals, and a note per sheet naming each one.

    A printed total whose figure differs from the sum (or mean) of its table's indicator
    rows of its year by more than ``tolerance`` is a ``total_berbeda`` finding."""
    if rows.empty or "_cetak" not in rows or rows["_cetak"].isna().all():
        return rows.drop(columns=["_cetak", "_label"], errors="ignore"), []
    is_total = rows["_cetak"].notna()
    printed = rows[is_total]
    data = rows[~is_total & rows["indikator"].notna()].copy()
    data["capaian"] = _capaian(data)
    keys = [c for c in GROUP if c in rows]
    fields = [c for c in FIELDS if c in rows]
    grouped = data.groupby(keys, dropna=False)
    added = {"jumlah": grouped[fields].sum(min_count=1), "rata_rata": grouped[fields].mean()}
    counts = grouped.size()
    notes: dict[str, list[str]] = {}
    for _, row in printed.iterrows():  # the printed total rows only (a few per table)
        key = tuple(row[k] for k in keys)
        kind = row["_cetak"]
        n = int(counts.get(key, 0))
        how = "jumlah" if kind == "jumlah" else "rata-rata"
        place = f"{row['_file']}:{row['_sheet']}"
        if row[fields].isna().all():
            notes.setdefault(place, []).append(f"{row['_label']!r} tanpa angka")
        for field in fields:
            value = row[field]
            if pd.isna(value):
                continue
            table = added[kind]
            computed = table.loc[key, field] if key in table.index else np.nan
            same = pd.notna(computed) and abs(float(value) - float(computed)) <= tolerance
            notes.setdefault(place, []).append(
                f"{row['_label']!r} {row['tahun']} {field} {angka(value, 2)} "
                f"{'=' if same else '<>'} {how} {n} indikator {angka(computed, 2)}"
            )
            if same:
                continue
            findings.add(
                Finding(
                    pesan=(
                        f"{row['_label']} ({field} {row['tahun']}) tercetak "
                        f"{angka(value, 2)}, {how} {n} indikator di atasnya "
                        f"{angka(computed, 2)}"
                    ),
                    jenis="total_berbeda",
                    sumber=row["sumber"],
                    kecamatan=row["kecamatan"] if pd.notna(row.get("kecamatan")) else None,
                    tahun=int(row["tahun"]) if pd.notna(row.get("tahun")) else None,
                    kolom=field,
                    dilaporkan=float(value),
                    dihitung=None if pd.isna(computed) else round(float(computed), 4),
                    selisih=None if pd.isna(computed) else float(value) - float(computed),
                    tingkat_keparahan="sedang",
                    uraian=row["_label"],
                )
            )
    out = [
        f"{place}: baris jumlah/rata-rata IKU tercetak dibaca sebagai angka kantor, bukan "
        "baris IKU, dan dibandingkan: " + "; ".join(texts)
        for place, texts in notes.items()
    ]
    return rows[~is_total].drop(columns=["_cetak", "_label"]), out
