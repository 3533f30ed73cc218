"""The processed tables a report reads: loading, cached by file signature, and the checks
that a requested kecamatan/year/quarter is there and its figures are finite.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports.period import periode
from analysis.schema import PROCESSED_TABLES

TABEL_LAPORAN: tuple[str, ...] = ("kinerja", "anggaran", "ringkasan", "tren", "iku", "pemeriksaan")
"""Processed tables the reports read (``bulanan`` is checked at ingest, not reported)."""


class DataTidakAda(LookupError):
    """The processed data hold nothing for the requested kecamatan/year/quarter.

    The message says what *is* available, so the person at the command line can
    correct the request instead of receiving an empty report.
    """


@dataclass(frozen=True)
class Tabel:
    """The processed tables of one ``data/processed`` folder."""

    folder: Path
    kinerja: pd.DataFrame
    anggaran: pd.DataFrame
    ringkasan: pd.DataFrame
    tren: pd.DataFrame
    iku: pd.DataFrame
    pemeriksaan: pd.DataFrame


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for name in TABEL_LAPORAN:
        path = folder / f"{name}.parquet"
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise FileNotFoundError(
                f"Tabel olahan {path} tidak ada. Jalankan dulu: python -m analysis ingest"
            ) from None
        out.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


@lru_cache(maxsize=4)
def _load(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> Tabel:
    frames = {}
    for name, _, _ in signature:
        path = folder / f"{name}.parquet"
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # truncated, corrupt or not Parquet at all
            reason = " ".join(str(exc).split())[:160]
            raise DataRusak(
                f"{path} tidak dapat dibaca sebagai tabel olahan ({type(exc).__name__}: "
                f"{reason}). Jalankan ulang: python -m analysis ingest"
            ) from None
        missing = [c for c in PROCESSED_TABLES[name] if c not in frame.columns]
        if missing:
            raise DataRusak(
                f"{folder / (name + '.parquet')}: kolom {missing} tidak ada; "
                "jalankan ulang python -m analysis ingest dengan versi paket ini"
            )
        keys = () if name == "pemeriksaan" else ("kecamatan", "tahun")  # findings may lack them
        for column in keys:
            empty = int(frame[column].isna().sum()) if column in frame.columns else 0
            if empty:
                raise DataRusak(
                    f"{path}: {empty} baris tanpa {column}; tabel olahan tidak utuh. "
                    "Jalankan ulang: python -m analysis ingest"
                )
        frames[name] = frame
    return Tabel(folder=folder, **frames)


def muat(processed_dir: str | Path) -> Tabel:
    """Load the processed tables, reusing them while the files are unchanged.

    A batch worker's kernel renders many reports from the same folder; the cache keyed on
    (folder, modification times, sizes) reads the Parquet files once per worker instead
    of once per report, and still notices a fresh ``ingest``.
    """
    from analysis.outputs import read_lock

    folder = Path(processed_dir).resolve()
    with read_lock(folder):  # one complete version, even while an ingest swaps it
        return _load(folder, _signature(folder))


def tersedia(data: Tabel) -> pd.DataFrame:
    """Every (kecamatan, tahun, triwulan) with at least one reported figure.

    A quarter counts when any indicator has a realisasi for it (alone or "s/d") or any
    budget line has spending to date. Rows the pipeline keeps for unreported quarters
    (targets only) do not make a report: a report of dashes helps nobody.
    """
    keys = ["kecamatan", "tahun", "triwulan"]
    k = data.kinerja
    k_ok = k.loc[k["realisasi_tw"].notna() | k["realisasi_sd"].notna(), keys]
    a = data.anggaran
    a_ok = a.loc[a["realisasi_anggaran_sd"].notna() & (a["realisasi_anggaran_sd"] != 0), keys]
    out = pd.concat([k_ok, a_ok], ignore_index=True).drop_duplicates()
    out["tahun"] = out["tahun"].astype("int64")
    out["triwulan"] = out["triwulan"].astype("int64")
    return out.sort_values(keys, ignore_index=True)


class DataRusak(ValueError):
    """The processed data hold values no report can show (e.g. an infinite capaian)."""


def pastikan_wajar(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> None:
    """Refuse infinite numbers in the report's rows, naming table, column and count.

    An infinite capaian or serapan comes from a division by zero upstream; drawing it
    would either crash a chart obscurely or print a meaningless figure, so the report
    stops with a message that says where to look.
    """
    problems = []
    for name in ("kinerja", "anggaran", "ringkasan"):
        rows = periode(getattr(data, name), kecamatan, tahun, triwulan)
        numbers = rows.select_dtypes(include="number").astype("float64")
        bad = np.isinf(numbers.to_numpy()).sum(axis=0)
        problems += [
            f"{name}.{col}: {n} nilai tak hingga"
            for col, n in zip(numbers.columns, bad, strict=True)
            if n
        ]
    if problems:
        raise DataRusak(
            f"Data olahan Kecamatan {kecamatan} {tahun} {fmt.tw(triwulan)} tidak wajar: "
            + "; ".join(problems)
            + ". Periksa data mentah lalu jalankan ulang python -m analysis ingest."
        )


def _infinite_rows(frame: pd.DataFrame) -> pd.Series:
    numbers = frame.select_dtypes(include="number").astype("float64")
    return pd.Series(np.isinf(numbers.to_numpy()).any(axis=1), index=frame.index)


def saring_rusak(data: Tabel, tahun: int, triwulan: int) -> tuple[Tabel, list[str]]:
    """The tables without the kecamatan whose rows for the period hold infinite numbers.

    The overview compares every kecamatan; one office's broken figures must not take the
    regency page down with its own report, so that office is left out and named.
    """
    broken: set[str] = set()
    for name in ("kinerja", "anggaran", "ringkasan"):
        rows = periode(getattr(data, name), None, tahun, triwulan)
        broken |= set(rows.loc[_infinite_rows(rows), "kecamatan"].astype("str"))
    if not broken:
        return data, []
    frames = {
        name: getattr(data, name)[~getattr(data, name)["kecamatan"].isin(broken)]
        for name in TABEL_LAPORAN
    }
    return Tabel(folder=data.folder, **frames), sorted(broken)


def pastikan_ada(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> None:
    """Raise :class:`DataTidakAda` with what is available when the request has no data,
    and :class:`DataRusak` when its rows hold infinite numbers."""
    ada = tersedia(data)
    if (
        (ada["kecamatan"] == kecamatan) & (ada["tahun"] == tahun) & (ada["triwulan"] == triwulan)
    ).any():
        pastikan_wajar(data, kecamatan, tahun, triwulan)
        return
    mine = ada[ada["kecamatan"] == kecamatan]
    if mine.empty:
        names = ", ".join(sorted(ada["kecamatan"].unique())) or "(tidak ada)"
        raise DataTidakAda(
            f"Tidak ada data untuk Kecamatan {kecamatan} di {data.folder}. "
            f"Kecamatan yang memiliki data: {names}."
        )
    periods = ", ".join(
        f"{t} {fmt.tw(q)}" for t, q in zip(mine["tahun"], mine["triwulan"], strict=True)
    )
    raise DataTidakAda(
        f"Tidak ada data untuk Kecamatan {kecamatan} tahun {tahun} {fmt.nama_triwulan(triwulan)}. "
        f"Periode yang tersedia untuk {kecamatan}: {periods}."
    )


def pastikan_periode(data: Tabel, tahun: int, triwulan: int) -> None:
    """Raise :class:`DataTidakAda` when no kecamatan has data for the quarter."""
    ada = tersedia(data)
    if ((ada["tahun"] == tahun) & (ada["triwulan"] == triwulan)).any():
        return
    periods = ada[["tahun", "triwulan"]].drop_duplicates()
    listed = ", ".join(
        f"{t} {fmt.tw(q)}" for t, q in zip(periods["tahun"], periods["triwulan"], strict=True)
    )
    raise DataTidakAda(
        f"Tidak ada data kecamatan mana pun untuk tahun {tahun} {fmt.nama_triwulan(triwulan)}. "
        f"Periode yang tersedia: {listed or '(tidak ada)'}."
    )
