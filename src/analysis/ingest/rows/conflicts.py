"""Two tables of one office that give one row's figure or unit differently: a finding.

Wotu prints ``Pemeliharaan Peralatan dan Mesin Lainnya`` with target 8 Unit in Tabel 2.8
and 18 Unit in Tabel 3.4 (where realisasi 18 and capaian 100 stand beside it). Neither
table is wrong by itself, and refusing the row would hide it: the row is kept with the
value of the table that also gives the row's realisasi (the figure its capaian is
measured against), else the first table's, and the finding names every place and value
and says which one the report uses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import Finding, Findings
from analysis.ingest.rows.units import units_agree

TOLERANCE = 0.005
TEXT_FIELDS = ("satuan",)
"""Text fields whose disagreement is a finding (the unit); the others that change how
figures are counted (polaritas, agregasi, tingkat) stay errors in :mod:`.merge`."""

REASON_REALISASI = "tabel yang juga memberi realisasinya"
REASON_FIRST = "tabel pertama; tidak ada yang memberi realisasi"


def _figure(value: object) -> str:
    if isinstance(value, (int, float, np.floating)) and float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    if isinstance(value, (int, float, np.floating)):
        return f"{float(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return repr(value)


def _preference(sub: pd.DataFrame, numeric: list[str]) -> pd.Series:
    """0 for rows that give a realisasi, 1 for the others (lower is preferred)."""
    real = [c for c in numeric if c.startswith("realisasi") and c in sub]
    if not real:
        return pd.Series(1, index=sub.index)
    return (~sub[real].notna().any(axis=1)).astype("int64")


def _unit_norm(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.lower().str.replace(r"\s+", " ", regex=True).str.strip()
    return text.str.replace(r"[^0-9a-z%/]+", "", regex=True).str.replace(
        r"^persen$", "%", regex=True
    )


def _differing_units(vals: pd.Series) -> bool:
    norm = _unit_norm(vals).dropna()
    norm = norm[norm != ""]
    first = norm.iloc[0] if len(norm) else ""
    return any(n != first and not units_agree(first, n) for n in norm.iloc[1:])


def as_findings(
    sub: pd.DataFrame, numeric: list[str], findings: Findings
) -> tuple[pd.DataFrame, dict[tuple[object, str], object]]:
    """Findings for every identity (``_k``) whose sources disagree on a numeric field of
    ``numeric`` or on a unit, and the value each keeps: ``{(_k, column): value}``."""
    pref = _preference(sub, numeric)
    ordered = sub.assign(_pref=pref.to_numpy(), _pos=np.arange(len(sub)))
    ordered = ordered.sort_values(["_pref", "_pos"], kind="stable")
    chosen: dict[tuple[object, str], object] = {}
    for c in [*[n for n in numeric if n in sub], *[t for t in TEXT_FIELDS if t in sub]]:
        given = ordered[c].notna()
        if c in TEXT_FIELDS:
            given &= ordered[c].astype("string").str.strip().fillna("") != ""
        vals = ordered.loc[given, ["_k", c, "sumber", "_pref"]]
        if vals.empty:
            continue
        if c in TEXT_FIELDS:
            keys = [k for k, g in vals.groupby("_k", sort=False)[c] if _differing_units(g)]
        else:
            spread = vals.groupby("_k", sort=False)[c].agg(["min", "max"])
            keys = list(spread.index[(spread["max"] - spread["min"]).abs() > TOLERANCE])
        for key in keys:
            grp = vals[vals["_k"] == key]
            value, where = grp[c].iloc[0], grp["sumber"].iloc[0]
            chosen[(key, c)] = value
            findings.add(_finding(sub, grp, key, c, value, where))
    return sub, chosen


def _finding(
    sub: pd.DataFrame, grp: pd.DataFrame, key: object, c: str, value: object, where: str
) -> Finding:
    row = sub[sub["_k"] == key].iloc[0]
    unit = {
        s: (f" {u}" if isinstance(u, str) and u.strip() and c != "satuan" else "")
        for s, u in zip(
            sub.loc[sub["_k"] == key, "sumber"],
            sub.loc[sub["_k"] == key, "satuan"]
            if "satuan" in sub
            else [None] * int((sub["_k"] == key).sum()),
            strict=True,
        )
    }
    places = "; ".join(
        f"{_figure(v)}{unit.get(s, '')} di {s}" for s, v in zip(grp["sumber"], grp[c], strict=True)
    )
    reason = REASON_REALISASI if grp["_pref"].iloc[0] == 0 else REASON_FIRST
    others = [_figure(v) for v in grp[c].iloc[1:]]
    name = row.get("uraian")
    return Finding(
        pesan=(
            f"tabel kecamatan ini memberi {c} berbeda untuk {name!r}: {places}; laporan "
            f"memakai {_figure(value)} dari {where} ({reason}) - periksa mana yang benar"
        ),
        jenis="tabel_berbeda",
        sumber=" | ".join(dict.fromkeys(grp["sumber"].astype("str"))),
        kecamatan=row.get("kecamatan") if pd.notna(row.get("kecamatan")) else None,
        tahun=int(row["tahun"]) if pd.notna(row.get("tahun")) else None,
        kode=row.get("kode") if pd.notna(row.get("kode")) else None,
        kolom=c,
        dilaporkan=", ".join(others),
        dihitung=_figure(value) if c != "satuan" else value,
        tingkat_keparahan="sedang",
        uraian=name if pd.notna(name) else None,
    )


def apply(merged: pd.DataFrame, chosen: dict[tuple[object, str], object]) -> pd.DataFrame:
    """``merged`` (one row per ``_k``, indexed by it) with the chosen values set."""
    for (key, c), value in chosen.items():
        if key in merged.index and c in merged.columns:
            merged.at[key, c] = value
    return merged
