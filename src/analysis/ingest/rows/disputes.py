"""Two tables of one office that both give a row's realisasi, with different figures.

Kabupaten Banyuwangi's LKPJ prints each Indikator Kinerja Daerah in a capaian table
(target, realisasi, capaian 2025) and a perkembangan table (realisasi 2021-2025); for 7 of
71 indicators the two give 2025 different figures (``Persentase Desa Mandiri`` 54,55 and
63,6; ``75,10`` and ``75,11``). Complementary tables merge into one row
(:mod:`analysis.ingest.rows.merge`), and where only one of them gives the realisasi, that
table is the one the figures are measured against and its value is kept with a finding
(Wotu: target 8 and 18, :mod:`analysis.ingest.rows.conflicts`). Here neither is: both give
the realisasi, so which figure is right cannot be told from the tables. Such rows are set
aside - not written, not merged, no figure picked - with a ``tabel_berbeda_realisasi``
finding per row and column naming both places (file, sheet, row) and both figures, and
the summary line counts them apart from what was written; the office's other rows are
written. A difference in the second decimal only (75,10 and 75,11) is a difference.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.errors import Finding, Findings
from analysis.ingest.rows import merge, repeats
from analysis.ingest.sources import split_sumber

JENIS = "tabel_berbeda_realisasi"


def _gives_realisasi(frame: pd.DataFrame, numeric: list[str]) -> pd.Series:
    real = [c for c in numeric if c.startswith("realisasi") and c in frame]
    if not real:
        return pd.Series(False, index=frame.index)
    return frame[real].notna().any(axis=1)


def set_aside(
    frame: pd.DataFrame, keys: list[str], numeric: list[str], findings: Findings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows kept, rows set aside): rows of one identity (``keys``) from different sheets
    - the ones :func:`merge.merge_complementary` would merge - where two rows that each
    give a realisasi give a figure of ``numeric`` differently. Every row of such an
    identity is set aside; a finding per identity and column."""
    if frame.empty or "sumber" not in frame:
        return frame, frame.iloc[:0]
    frame, k, mergeable = merge.mergeable_identities(frame, keys, numeric)
    present = [c for c in numeric if c in frame]
    if k is None or not present:  # the usual case, every identity once
        return frame, frame.iloc[:0]
    real = _gives_realisasi(frame, numeric) & k.isin(mergeable)
    if not real.any():
        return frame, frame.iloc[:0]
    sub = frame[real].assign(_k=k[real].to_numpy())
    disputed: dict[str, list[str]] = {}
    for c in present:
        vals = sub[sub[c].notna()]
        if vals.empty:
            continue
        spread = vals.groupby("_k", sort=False)[c].agg(["min", "max"])
        for key in spread.index[(spread["max"] - spread["min"]).abs() > merge.TOLERANCE]:
            disputed.setdefault(key, []).append(c)
    if not disputed:
        return frame, frame.iloc[:0]
    aside = k.isin(list(disputed)).to_numpy()
    n_rows = k[aside].value_counts()
    for key, grp in sub[sub["_k"].isin(list(disputed))].groupby("_k", sort=False):
        for c in disputed[key]:
            findings.add(_finding(grp[grp[c].notna()], c, int(n_rows[key])))
    return frame[~aside].reset_index(drop=True), frame[aside].reset_index(drop=True)


def _figures(values: pd.Series) -> list[str]:
    """Each figure as a planner reads it; more decimals where two differ further down."""
    shown = [fmt.angka_ringkas(v) for v in values]
    if len(set(shown)) < values.nunique():
        shown = [fmt.angka(v, 6).rstrip("0").rstrip(",") for v in values]
    return shown


def _place(sumber: str) -> str:
    file, sheet, row = split_sumber(sumber)
    return f"file {file}, sheet {sheet!r}, baris {row}"


def _finding(grp: pd.DataFrame, c: str, n_rows: int) -> Finding:
    first = grp.iloc[0]
    name = first.get("indikator") if pd.notna(first.get("indikator")) else first.get("uraian")
    tahun = pd.to_numeric(pd.Series([first.get("tahun")]), errors="coerce").iloc[0]
    shown = _figures(grp[c])
    places = "; ".join(
        f"{v} di {_place(str(s))}" for v, s in zip(shown, grp["sumber"], strict=True)
    )
    return Finding(
        pesan=(
            f"tabel kecamatan ini memberi {c} berbeda untuk {name!r}"
            + (f" tahun {int(tahun)}" if pd.notna(tahun) else "")
            + f": {places}. Kedua tabel memberi realisasi, jadi tidak ada yang menjadi acuan "
            f"dan angka yang benar tidak dapat ditentukan - {n_rows} baris ini tidak ditulis "
            "(tidak digabung, tidak dipilih satu). Samakan angkanya di kedua tabel, lalu "
            "jalankan ulang"
        ),
        jenis="tabel_berbeda_realisasi",
        sumber=" | ".join(dict.fromkeys(grp["sumber"].astype("str"))),
        kecamatan=first.get("kecamatan") if pd.notna(first.get("kecamatan")) else None,
        tahun=int(tahun) if pd.notna(tahun) else None,
        kode=first.get("kode") if pd.notna(first.get("kode")) else None,
        kolom=c,
        dilaporkan=", ".join(shown),
        tingkat_keparahan="sedang",
        uraian=str(name) if pd.notna(name) else None,
    )


def summary_part(aside: pd.DataFrame | None) -> str:
    """``N baris dari tabel yang sama-sama memberi realisasi ... tidak ditulis ...: tempat: n``."""
    if aside is None or aside.empty:
        return ""
    where = repeats.per_office_year(aside)
    return (
        f"{len(aside)} baris dari tabel yang sama-sama memberi realisasi dengan angka berbeda "
        f"tidak ditulis (angka yang benar tidak dapat ditentukan; lihat pemeriksaan): {where}"
    )
