"""What an ingest wrote, counted from the tables as they are written.

The summary line of ``python -m analysis ingest`` reports these counts - not the rows read
- so a row counted and then not written cannot hide behind the summary. Rows that were read
but are missing from the written tables are named in the same line, per kecamatan-year
(``PERHATIAN: 5 indikator kinerja terbaca tetapi tidak tertulis: Glenmore 2026: 5``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from analysis.ingest.formats import no_value
from analysis.ingest.rows import disputes, repeats

IDENTITY = {
    # table -> columns naming one entity of it; printed totals are not entities
    "kinerja": ["kecamatan", "tahun", "kunci", "indikator"],
    "anggaran": ["kecamatan", "tahun", "kunci"],
}

LABELS = {
    "kinerja": "indikator kinerja",
    "anggaran": "baris anggaran",
    "iku": "baris IKU",
    "bulanan": "baris bulanan",
    "narasi": "uraian hambatan/solusi kecamatan",
}
"""How the summary calls one entity of each table (as in the summary before)."""

READ_SOURCES = {"kinerja": "kinerja_wide", "anggaran": "anggaran_wide", "iku": "iku_raw"}
"""The ingest result's frame each written table is made from (one row per entity)."""

PER_LISTED = 60
"""Up to this many kecamatan-years are listed one by one (a regency, a few years)."""


def _entities(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """One row per entity of ``frame`` (quarters of one indicator are one), totals left out."""
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["kecamatan", "tahun"])
    if "tingkat" in frame:
        frame = frame[frame["tingkat"].astype("string").fillna("") != "total"]
    cols = [c for c in IDENTITY.get(name, []) if c in frame]
    if cols:
        key = frame[cols].astype("string").fillna("")
        frame = frame.loc[~key.duplicated()]
    return frame


def _no_place() -> pd.Series:
    index = pd.MultiIndex.from_arrays([[], []], names=["kecamatan", "tahun"])
    return pd.Series([], index=index, dtype="int64")


def _per_place(frame: pd.DataFrame) -> pd.Series:
    """Entities per (kecamatan, tahun)."""
    if frame.empty or "kecamatan" not in frame or "tahun" not in frame:
        return _no_place()
    place = pd.DataFrame(
        {
            "kecamatan": frame["kecamatan"].astype("string").fillna("?"),
            "tahun": pd.to_numeric(frame["tahun"], errors="coerce").astype("Int64"),
        }
    )
    return place.value_counts(dropna=False).sort_index().astype("int64")


@dataclass
class Written:
    """Entities and rows written per table, and entities per kecamatan-year."""

    entities: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    per_place: dict[str, pd.Series] = field(default_factory=dict)

    def count(self, name: str, frame: pd.DataFrame) -> None:
        ents = _entities(name, frame)
        self.rows[name] = len(frame)
        self.entities[name] = len(ents)
        self.per_place[name] = _per_place(ents)


def counting(tables: Iterable[tuple[str, pd.DataFrame]], into: Written) -> Iterator:
    """Pass ``tables`` on unchanged, counting each into ``into`` before it is written."""
    for name, frame in tables:
        if name in LABELS:
            into.count(name, frame)
        yield name, frame


FIGURE_PREFIXES = ("target", "realisasi", "capaian", "pagu", "anggaran", "serapan")
"""Columns of a read row that hold figures: a row with none of them has nothing to write."""


def _with_figures(frame: pd.DataFrame) -> pd.Series:
    cols = [c for c in frame.columns if str(c).startswith(FIGURE_PREFIXES)]
    if not cols:
        return pd.Series(False, index=frame.index)
    return frame[cols].notna().any(axis=1)


def _where(counts: pd.Series) -> str:
    return "; ".join(f"{k} {t}: {int(n)}" for (k, t), n in counts.items())


def not_written(result: object, written: Written) -> tuple[list[str], list[str]]:
    """(``N <label> terbaca tetapi tidak tertulis: <kecamatan tahun: n; ...>`` per table,
    ``N <label> tanpa angka apa pun, tidak ditulis: ...``): rows read with figures that the
    tables lack, and rows read without any figure (nothing to write, said all the same)."""
    lost, empty = [], []
    for name, attr in READ_SOURCES.items():
        read = _entities(name, getattr(result, attr, None))
        if read.empty:
            continue
        has = _with_figures(read)
        got = written.per_place.get(name, _no_place())
        with_fig = _per_place(read[has])
        missing = with_fig.sub(got.reindex(with_fig.index, fill_value=0), fill_value=0)
        missing = missing[missing > 0]
        if len(missing):
            lost.append(
                f"{int(missing.sum())} {LABELS[name]} terbaca tetapi tidak tertulis: "
                + _where(missing)
            )
        bare = _per_place(read[~has])
        if len(bare):
            empty.append(
                f"{int(bare.sum())} {LABELS[name]} tanpa angka apa pun, tidak ditulis: "
                + _where(bare)
            )
    return lost, empty


def summary_line(
    result: object, written: Written, n_findings: int, seconds: float, notes: Iterable[str] = ()
) -> str:
    """One line for the log: files, sheets, what each table got, per kecamatan-year, and
    the writer's ``notes`` (e.g. the tables written without a CSV; empty ones skipped)."""
    totals = _no_place()
    for name in ("kinerja", "anggaran", "iku", "bulanan"):
        part = written.per_place.get(name)
        if part is not None and len(part):
            totals = totals.add(part, fill_value=0)
    if not len(totals):
        per = "tidak ada baris"
    elif len(totals) <= PER_LISTED:
        per = "; ".join(f"{kec} {tahun}: {int(n)}" for (kec, tahun), n in totals.items())
    else:
        kec = totals.index.get_level_values(0).nunique()
        years = totals.index.get_level_values(1).nunique()
        per = (
            f"{len(totals)} pasangan ({kec} kecamatan x {years} tahun), "
            f"{int(totals.min())}-{int(totals.max())} baris per pasangan"
        )
    tables = ", ".join(
        f"{written.entities.get(name, 0)} {label}"
        + (f" ({written.rows.get(name, 0)} baris triwulan)" if name == "kinerja" else "")
        for name, label in LABELS.items()
    )
    skipped = getattr(result, "skipped", {}) or {}
    lost, empty = not_written(result, written)
    words = no_value.total_in(getattr(result, "notes", []) or [])
    return (
        f"ingest selesai: {getattr(result, 'files', 0)} file, {getattr(result, 'sheets', 0)} "
        f"sheet; ditulis: {tables}; baris per kecamatan-tahun: {per}; "
        f"{n_findings} temuan pemeriksaan"
        + (
            "; baris bukan data dilewati: "
            + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))
            if skipped
            else ""
        )
        + (f"; {words} {no_value.NOTE_WORDS} dibaca sebagai tanpa nilai" if words else "")
        + "".join(f"; {line}" for line in empty)
        + "".join(f"; {p}" for p in [repeats.summary_part(getattr(result, "set_aside", None))] if p)
        + "".join(f"; {p}" for p in [disputes.summary_part(getattr(result, "disputed", None))] if p)
        + "".join(f"; PERHATIAN: {line}" for line in lost)
        + "".join(f"; {note}" for note in notes if note)
        + f" ({seconds:.1f} d)"
    )
