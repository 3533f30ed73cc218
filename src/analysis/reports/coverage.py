"""What is missing this quarter: offices that have not reported, tables that vanished.

``batch`` compares the processed data with two things:

* the configured kecamatan (``data/reference/kecamatan.csv``, and any office seen in an
  earlier run): each period of the index names the offices without a report for it
  (*belum melapor*), and the run names them for the latest period;
* what earlier runs saw (``reports/.riwayat.json``, kept with the reports): a table
  (kinerja, anggaran, IKU) of a kecamatan-year that was there before and is gone now
  (its file deleted or no longer read) is named in the run and marked on the index
  (*anggaran tidak ada*), with the files it came from. The history only grows; to accept
  a removal as intended, delete ``reports/.riwayat.json`` (the next run starts afresh).

Reports whose data are gone (all of a kecamatan's files removed, a kecamatan renamed, a
period no longer in the data) are removed from the reports folder: only the files the
package wrote for them (the page, its notebook, its ``.xlsx``/``.docx``), as listed in its
manifest. They never stay on disk looking current.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import formatting as fmt

if TYPE_CHECKING:
    from analysis.reports.loading import Tabel

HISTORY_NAME = ".riwayat.json"
HISTORY_VERSION = 1

TRACKED_TABLES: dict[str, str] = {"kinerja": "kinerja", "anggaran": "anggaran", "iku": "IKU"}
"""Processed tables whose disappearance is named (table -> the word the messages use)."""

Seen = dict[tuple[str, int, str], list[str]]
"""(kecamatan, tahun, table) -> the source files its rows came from."""


def seen(data: Tabel) -> Seen:
    """What the processed data hold per kecamatan, year and tracked table (vectorised)."""
    out: Seen = {}
    for name in TRACKED_TABLES:
        frame = getattr(data, name)
        if frame.empty:
            continue
        files = frame["sumber"].astype("str").str.split(":", n=1).str[0]
        pairs = (
            frame[["kecamatan", "tahun"]]
            .assign(berkas=files.to_numpy())
            .dropna(subset=["kecamatan", "tahun"])
            .drop_duplicates()
        )
        grouped = pairs.groupby(["kecamatan", "tahun"])["berkas"].agg(
            lambda s: sorted(set(s.dropna()))
        )
        for (kecamatan, tahun), berkas in grouped.items():
            out[(str(kecamatan), int(tahun), name)] = list(berkas)
    return out


def load_history(out: Path) -> Seen:
    """What earlier runs saw (empty when there is no readable history)."""
    try:
        raw = json.loads((out / HISTORY_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, OSError) as exc:
        print(
            f"catatan: {out / HISTORY_NAME} tidak terbaca ({type(exc).__name__}); "
            "riwayat dimulai lagi dari data sekarang.",
            file=sys.stderr,
        )
        return {}
    if not isinstance(raw, dict) or raw.get("versi") != HISTORY_VERSION:
        return {}
    history: Seen = {}
    for item in raw.get("tabel", []):
        try:
            key = (str(item["kecamatan"]), int(item["tahun"]), str(item["tabel"]))
            history[key] = [str(b) for b in item.get("berkas", [])]
        except (KeyError, TypeError, ValueError):
            continue
    return history


def save_history(out: Path, history: Seen, now: Seen) -> None:
    """Keep everything seen so far (atomically); the latest files of what is there now."""
    from analysis.reports.export import write_atomic

    merged = {**history, **now}
    items = [
        {"kecamatan": k, "tahun": t, "tabel": n, "berkas": merged[(k, t, n)]}
        for k, t, n in sorted(merged)
    ]
    body = {"versi": HISTORY_VERSION, "tabel": items}
    write_atomic(out / HISTORY_NAME, json.dumps(body, indent=1, ensure_ascii=False))


@dataclass
class Kelengkapan:
    """What is missing, for the run's messages and the index."""

    belum_melapor: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    hilang: dict[tuple[str, int], dict[str, list[str]]] = field(default_factory=dict)
    """(kecamatan, tahun) -> {table: the files it came from before}."""
    kecamatan_hilang: set[tuple[str, int]] = field(default_factory=set)
    """(kecamatan, tahun) of which nothing is left."""
    dihapus: list[str] = field(default_factory=list)
    """Reports removed because their data are gone (paths relative to the folder)."""

    def tidak_ada(self, kecamatan: str, tahun: int) -> list[str]:
        """Words for the index: ``["anggaran tidak ada"]``."""
        gone = self.hilang.get((kecamatan, tahun), {})
        return [f"{TRACKED_TABLES[n]} tidak ada" for n in TRACKED_TABLES if n in gone]

    def pesan(self) -> list[str]:
        """The run's messages: vanished data, removed reports, offices not reported."""
        lines = []
        whole: dict[str, tuple[list[int], set[str]]] = {}
        for (kecamatan, tahun), gone in sorted(self.hilang.items()):
            files = sorted({f for fs in gone.values() for f in fs})
            if (kecamatan, tahun) in self.kecamatan_hilang:
                years, sources = whole.setdefault(kecamatan, ([], set()))
                years.append(tahun)
                sources.update(files)
                continue
            words = " dan ".join(TRACKED_TABLES[n] for n in TRACKED_TABLES if n in gone)
            lines.append(
                f"peringatan: tabel {words} Kecamatan {kecamatan} {tahun} tidak ada lagi "
                f"(sebelumnya dari {', '.join(files) or '-'}); laporan {kecamatan} {tahun} "
                f"kini tanpa {words}. Berkasnya terhapus atau tidak terbaca? Bila disengaja, "
                "hapus reports/.riwayat.json."
            )
        for kecamatan, (years, sources) in sorted(whole.items()):
            lines.append(
                f"peringatan: data Kecamatan {kecamatan} tidak ada lagi untuk tahun "
                f"{', '.join(map(str, years))} (sebelumnya dari {', '.join(sorted(sources))}). "
                "Berkasnya terhapus atau nama kecamatannya berubah? Bila disengaja, hapus "
                "reports/.riwayat.json."
            )
        if self.dihapus:
            lines.append(
                "catatan: laporan yang datanya tidak ada lagi dihapus: " + ", ".join(self.dihapus)
            )
        if self.belum_melapor:
            (tahun, triwulan), names = max(self.belum_melapor.items())
            if names:
                lines.append(
                    f"Belum melapor untuk {fmt.nama_triwulan(triwulan)} {tahun}: "
                    f"{', '.join(names)} ({len(names)} kecamatan)."
                )
        return lines


def compare(
    data: Tabel, history: Seen, configured: Iterable[str], periods: Iterable[tuple[int, int]]
) -> Kelengkapan:
    """Offices without a report per period, and tables seen before that are gone now."""
    from analysis.reports import loading

    now = seen(data)
    ada = loading.tersedia(data)
    reported = ada.groupby(["tahun", "triwulan"])["kecamatan"].agg(set).to_dict()
    expected = set(configured) | {k for k, _, _ in history} | {k for k, _, _ in now}
    result = Kelengkapan()
    for period in sorted(set(periods)):
        result.belum_melapor[period] = sorted(expected - reported.get(period, set()))
    present = {(k, t) for k, t, _ in now}
    for (kecamatan, tahun, name), files in history.items():
        if (kecamatan, tahun, name) not in now:
            result.hilang.setdefault((kecamatan, tahun), {})[name] = files
            if (kecamatan, tahun) not in present:
                result.kecamatan_hilang.add((kecamatan, tahun))
    return result


def remove_stale(
    out: Path, manifest: dict[str, dict[str, object]], current: set[tuple[str, int, int]]
) -> list[str]:
    """Remove the reports whose (kecamatan, tahun, triwulan) the data no longer hold.

    Only files the package wrote for a manifest entry (page, notebook, office files), and
    only inside ``out``; the entry leaves the manifest. Returns the removed pages' keys.
    """
    from analysis.reports import office

    periods = {(t, q) for _, t, q in current}
    removed = []
    root = out.resolve()
    for key, entry in list(manifest.items()):
        try:
            period = (int(entry["tahun"]), int(entry["triwulan"]))  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError):
            continue
        if entry.get("jenis") == "ringkasan":
            stale = period not in periods
        else:
            stale = (str(entry.get("kecamatan")), *period) not in current
        if not stale:
            continue
        page = (root / key).resolve()
        if root not in page.parents:
            continue
        notebook = (root / str(entry.get("notebook") or Path(key).with_suffix(".ipynb"))).resolve()
        for path in (page, notebook if root in notebook.parents else page):
            path.unlink(missing_ok=True)
        office.hapus(page, str(entry.get("jenis") or "laporan"))
        del manifest[key]
        removed.append(key)
    return sorted(removed)
