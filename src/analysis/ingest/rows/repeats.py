"""One name printed on several rows of one table with different figures, nothing else to
tell the rows apart.

Kabupaten Semarang's LPPD 2019 dataset prints ``Persentase Partisipasi masyarakat ...
musrenbang tingkat Kecamatan`` on 18 rows (one per kecamatan, the kecamatan not named) and
another indicator on 2 rows, each with its own figures. Which row is meant cannot be told
from the table: merged, their figures would be mixed; taken one, the others would be lost
without a word. Such rows are set aside - not written - with one finding per name naming
the file, sheet, rows, figures and the reason, and the summary line counts them apart
from what was written; the other rows of the table are written as usual.

Rows of one identity from *different* tables stay what they were (tables that complement
each other merge, :mod:`analysis.ingest.rows.merge`; otherwise a duplicate error naming
both, :func:`analysis.ingest.rows.checks.duplicate_check`), and so do rows of one table
that repeat each other's figures exactly (a row typed twice: an error, the row is fixed
by a person).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.errors import Finding, Findings
from analysis.ingest.sources import split_sumber

SHOWN = 6
"""Rows whose figures a finding lists one by one; the rest are counted."""


def _name_key(names: pd.Series) -> pd.Series:
    text = names.astype("string").str.lower()
    return text.str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip().fillna("")


def set_aside(
    frame: pd.DataFrame, keys: list[str], numeric: list[str], findings: Findings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows kept, rows set aside) - see the module doc; a finding per name set aside."""
    if frame.empty or "sumber" not in frame:
        return frame, frame.iloc[:0]
    key = frame[keys].astype("string").fillna("")
    if "indikator" in keys:
        key["indikator"] = _name_key(frame["indikator"]).to_numpy()
    dup = key.duplicated(keep=False).to_numpy()  # column-wise: no text built per row
    if not dup.any():
        return frame, frame.iloc[:0]
    # only the repeated identities go further (a handful, even at national scale)
    rep = key[dup]
    present = [c for c in numeric if c in frame]
    figures = frame.loc[dup, present].apply(pd.to_numeric, errors="coerce").round(6)
    per = rep.assign(
        _sheet=frame.loc[dup, "sumber"].astype("string").str.rsplit(":", n=1).str[0],
        _sig=pd.util.hash_pandas_object(figures, index=False).to_numpy(),
    )
    by = per.groupby(list(rep.columns), sort=False, dropna=False)
    one_sheet = by["_sheet"].transform("nunique").eq(1)
    differ = by["_sig"].transform("nunique").gt(1)
    picked = (one_sheet & differ).to_numpy()
    if not picked.any():
        return frame, frame.iloc[:0]
    aside = np.zeros(len(frame), dtype=bool)  # by position: the index may repeat labels
    aside[np.flatnonzero(dup)[picked]] = True
    out = frame[aside]
    names = rep[picked].agg("|".join, axis=1).to_numpy()
    for _, grp in out.groupby(names, sort=False):
        findings.add(_finding(grp, keys, present))
    return frame[~aside].reset_index(drop=True), out.reset_index(drop=True)


def _finding(grp: pd.DataFrame, keys: list[str], present: list[str]) -> Finding:
    first = grp.iloc[0]
    file, sheet, _ = split_sumber(str(first["sumber"]))
    rows = [split_sumber(str(s))[2] for s in grp["sumber"]]
    given = [c for c in present if grp[c].notna().any()]
    name = first.get("indikator") if "indikator" in keys else first.get("uraian")
    tahun = pd.to_numeric(pd.Series([first.get("tahun")]), errors="coerce").iloc[0]
    shown = [
        f"baris {r}: "
        + ", ".join(
            f"{c} {fmt.angka(v, 2) if pd.notna(v) else '-'}"
            for c, v in zip(given, pd.to_numeric(row[given], errors="coerce"), strict=True)
        )
        for r, (_, row) in zip(rows[:SHOWN], grp.head(SHOWN).iterrows(), strict=False)
    ]
    more = f"; dan {len(grp) - SHOWN} baris lagi" if len(grp) > SHOWN else ""
    return Finding(
        pesan=(
            f"file {file}, sheet {sheet!r}"
            + (f", tahun {int(tahun)}" if pd.notna(tahun) else "")
            + f": {len(grp)} baris bernama sama {name!r} dengan "
            f"angka berbeda ({'; '.join(shown)}{more}); tidak ada kode atau kolom yang "
            "membedakannya, jadi baris mana yang dimaksud tidak dapat ditentukan - baris ini "
            "tidak ditulis (tidak digabung, tidak dipilih satu). Beri nama yang membedakan "
            "(mis. nama kecamatan/desa) atau kode, lalu jalankan ulang"
        ),
        jenis="nama_ganda_satu_tabel",
        sumber=str(first["sumber"]),
        kecamatan=first.get("kecamatan") if pd.notna(first.get("kecamatan")) else None,
        tahun=int(tahun) if pd.notna(tahun) else None,
        kolom="indikator" if "indikator" in keys else "uraian",
        dilaporkan=", ".join(str(r) for r in rows),
        tingkat_keparahan="sedang",
        uraian=str(name) if name is not None else None,
    )


def per_office_year(aside: pd.DataFrame) -> str:
    """``Kalaena 2024: 3; Wotu 2024: 1``: rows set aside, per kecamatan and year."""
    per = (
        aside.assign(
            kecamatan=aside["kecamatan"].astype("string").fillna("?"),
            tahun=pd.to_numeric(aside["tahun"], errors="coerce").astype("Int64"),
        )
        .groupby(["kecamatan", "tahun"], dropna=False)
        .size()
    )
    return "; ".join(f"{k} {t}: {int(n)}" for (k, t), n in per.items())


def summary_part(aside: pd.DataFrame | None) -> str:
    """``N baris bernama ganda dalam satu tabel tidak ditulis ...: kecamatan tahun: n``."""
    if aside is None or aside.empty:
        return ""
    return (
        f"{len(aside)} baris bernama ganda dengan angka berbeda dalam satu tabel tidak "
        f"ditulis (tidak dapat dibedakan; lihat pemeriksaan): {per_office_year(aside)}"
    )
