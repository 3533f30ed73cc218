"""``report`` and ``batch``: parameterised notebooks -> offline HTML reports, fast and safely.

Each report is a real papermill run of ``notebooks/laporan_kecamatan.ipynb`` (or
``ringkasan_kabupaten.ipynb`` for the regency overview) with its parameters injected,
exported by :mod:`analysis.reports.export`. This module is the command: it checks the
request, plans the jobs, runs them and writes the index and the summary. Its parts:

* :mod:`.jobs` - the report grid (:class:`~.jobs.Tugas`), kecamatan names matched against
  ``data/reference/kecamatan.csv`` and output paths checked to resolve inside ``--out``.
* :mod:`.execution` - **warm kernels** (one per worker process, ``%reset -f`` between
  notebooks, launches serialised by a lock) and **a pool of worker processes**
  (``--jobs``, default: the number of cores), spawned fresh; each keeps its nbconvert
  exporter and the processed tables cached (:func:`analysis.reports.loading.muat`).
* :mod:`.manifest` - **incremental rebuilds**: ``reports/.manifest.json`` stores, per
  output, a SHA-256 of (notebook file, parameters, the data it shows, the package's own
  source and templates); ``--force`` rebuilds. The data part is the fingerprint of the
  rows the report reads (:mod:`analysis.reports.digests`): a correction in one office's
  2025 spreadsheet rebuilds that kecamatan's 2025 reports and the 2025 overviews only.
* :mod:`.index_page` - ``reports/index.html``.

Every file is written atomically; one failing report never stops the others, and the
summary names its cell and error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from analysis import errors, outputs, paths
from analysis.paths import slugify
from analysis.reports import coverage, lifecycle
from analysis.reports.cluster import ClusterError, run_jobs_dask, scheduler_address
from analysis.reports.coverage import Kelengkapan
from analysis.reports.execution import run_jobs
from analysis.reports.index_page import write_index
from analysis.reports.jobs import (
    Hasil,
    InputError,
    Referensi,
    Tugas,
    overview_job,
    report_job,
)
from analysis.reports.manifest import (
    code_hash,
    is_current,
    job_key,
    load_manifest,
    manifest_key,
    save_manifest,
)

EXIT_OK = 0
EXIT_REPORT_FAILED = 1
EXIT_BAD_INPUT = 2


log = logging.getLogger(__name__)


# --- kecamatan names and safe paths ------------------------------------------------------


# --- jobs ---------------------------------------------------------------------------------


# --- hashing and the manifest -------------------------------------------------------------


# --- execution in a warm kernel -------------------------------------------------------------


# --- the index ----------------------------------------------------------------------------


# --- the commands -------------------------------------------------------------------------


def _check_out(out: Path, processed: Path) -> Path:
    """The reports folder, resolved, if the package may write it (else InputError)."""
    roots = {paths.project_root(), paths.project_root(processed)}
    protected = [processed, *(f(r) for r in roots for f in (paths.raw_dir, paths.reference_dir))]
    try:
        return outputs.check_output_folder(out, outputs.REPORTS, protected)
    except outputs.OutputFolderError as exc:
        raise InputError(str(exc)) from exc


def _check_processed(processed: Path) -> None:
    from analysis.reports.loading import TABEL_LAPORAN, TABEL_PILIHAN

    missing = [
        name
        for name in TABEL_LAPORAN
        if name not in TABEL_PILIHAN and not (processed / f"{name}.parquet").exists()
    ]
    if missing:
        raise InputError(
            f"Tabel olahan tidak lengkap di {processed}: {', '.join(missing)} tidak ada. "
            "Jalankan dulu: python -m analysis ingest"
        )


def _plan(
    out: Path,
    processed: Path,
    tahun: int | None,
    triwulan: int | None,
    kecamatan: Sequence[str] | None,
    with_overview: bool,
) -> tuple[list[Tugas], list[str]]:
    """Jobs for the request, plus notes on requested kecamatan-quarters without data."""
    from analysis.reports import loading

    data = loading.muat(processed)
    ada = loading.tersedia(data)
    ref = Referensi.load(extra=ada["kecamatan"].unique())
    notes: list[str] = []
    if ada.empty:
        raise InputError(
            f"Tidak ada data yang dilaporkan di {processed}. "
            "Jalankan dulu: python -m analysis ingest"
        )
    periods = ada[["tahun", "triwulan"]].drop_duplicates()
    if tahun is not None:
        periods = periods[periods["tahun"] == tahun]
    if triwulan is not None:
        periods = periods[periods["triwulan"] == triwulan]
    if periods.empty:
        listed = ", ".join(
            f"{t} TW{q}"
            for t, q in ada[["tahun", "triwulan"]].drop_duplicates().itertuples(index=False)
        )
        wanted = " ".join(x for x in (str(tahun or ""), f"TW{triwulan}" if triwulan else "") if x)
        raise InputError(f"Tidak ada data untuk {wanted}. Periode yang tersedia: {listed}.")
    names = [ref.resolve(k) for k in kecamatan] if kecamatan else None
    jobs: list[Tugas] = []
    for t, q in periods.sort_values(["tahun", "triwulan"]).itertuples(index=False):
        present = sorted(ada.loc[(ada["tahun"] == t) & (ada["triwulan"] == q), "kecamatan"])
        chosen = present if names is None else [n for n in names if n in present]
        if names is not None:
            for n in names:
                if n not in present:
                    notes.append(
                        f"Kecamatan {n} tidak memiliki data untuk {t} TW{q}: laporan tidak dibuat."
                    )
        for name in chosen:
            try:
                jobs.append(report_job(out, processed, ref, name, int(t), int(q)))
            except InputError as exc:  # one bad name costs its own report, not the batch
                jobs.append(_ditolak(name, int(t), int(q), str(exc)))
        if with_overview:
            slugs = {n: ref.slug.get(n) or slugify(n) for n in present}
            all_links = {n: f"{slug}.html" for n, slug in slugs.items() if slug}
            jobs.append(overview_job(out, processed, int(t), int(q), all_links))
    return jobs, notes


def _ditolak(kecamatan: str, tahun: int, triwulan: int, reason: str) -> Tugas:
    """A report that cannot be made (its name makes no file name): it fails alone."""
    return Tugas(
        jenis="laporan",
        tahun=tahun,
        triwulan=triwulan,
        kecamatan=kecamatan,
        notebook="",
        html="",
        ipynb="",
        parameter={},
        ditolak=reason,
    )


def _execute_plan(
    jobs: list[Tugas],
    out: Path,
    processed: Path,
    force: bool,
    workers: int,
    progress: bool,
    scheduler: str = "",
) -> tuple[list[Hasil], dict[str, dict[str, object]], list[str]]:
    from analysis.reports import loading
    from analysis.reports.digests import period_digests

    code_digest = code_hash()
    digests = period_digests(loading.muat(processed))

    def shown(job: Tugas) -> str:
        if job.jenis == "laporan" and job.kecamatan is not None:
            return digests.laporan(job.kecamatan, job.tahun, job.triwulan)
        return digests.ringkasan(job.tahun, job.triwulan)

    refused = [Hasil(j, "gagal", galat=j.ditolak) for j in jobs if j.ditolak]
    jobs = [
        Tugas(**{**asdict(j), "kunci": job_key(j, shown(j), code_digest)})
        for j in jobs
        if not j.ditolak
    ]
    out.mkdir(parents=True, exist_ok=True)
    outputs.mark(out, outputs.REPORTS)
    manifest = load_manifest(out)
    todo = [j for j in jobs if force or not is_current(j, manifest, out)]
    skipped = [Hasil(j, "dilewati") for j in jobs if j not in todo]
    if scheduler:  # on the workers of a Dask cluster (analysis.reports.cluster)
        results = run_jobs_dask(todo, scheduler, out, processed, progress)
    else:
        results = run_jobs(todo, workers, progress)
    kelengkapan, history, now = _kelengkapan(out, processed, manifest)
    for r in results:
        manifest[manifest_key(r.tugas.html, out)] = {
            "jenis": r.tugas.jenis,
            "kecamatan": r.tugas.kecamatan,
            "tahun": r.tugas.tahun,
            "triwulan": r.tugas.triwulan,
            "kunci": r.tugas.kunci if r.status == "dibuat" else None,
            "status": r.status,
            "notebook": manifest_key(r.tugas.ipynb, out),
        }
    try:
        save_manifest(out, manifest)
        write_index(out, processed, manifest, kelengkapan)
        coverage.save_history(out, history, now)
    except OSError as exc:  # e.g. the disk filled up while the reports were written
        raise _WriteFailed(refused + skipped + results, exc) from exc
    return refused + skipped + results, manifest, kelengkapan.pesan()


def _kelengkapan(
    out: Path, processed: Path, manifest: dict[str, dict[str, object]]
) -> tuple[Kelengkapan, coverage.Seen, coverage.Seen]:
    """Remove the reports whose data are gone; what is missing (see :mod:`.coverage`);
    the history of earlier runs and what the data hold now, to be saved."""
    from analysis.reports import loading

    data = loading.muat(processed)
    ada = loading.tersedia(data)
    current = set(zip(ada["kecamatan"], ada["tahun"], ada["triwulan"], strict=True))
    removed = coverage.remove_stale(out, manifest, current)
    history, now = coverage.load_history(out), coverage.seen(data)
    periods = {(t, q) for _, t, q in current}
    found = coverage.compare(data, history, Referensi.load().slug, periods)
    found.dihapus = removed
    return found, history, now


class _WriteFailed(Exception):
    """The manifest or index could not be written; carries the jobs' results."""

    def __init__(self, results: list[Hasil], error: OSError) -> None:
        super().__init__(str(error))
        self.results, self.error = results, error


def _execute_and_report(
    jobs: list[Tugas],
    notes: Sequence[str],
    args: argparse.Namespace,
    out: Path,
    processed: Path,
    workers: int,
    started: float,
    scheduler: str = "",
) -> int:
    """Run the plan; whatever stops it (a signal, a full disk), print what was done.

    SIGTERM and Ctrl-C stop the workers and their kernels (exit 128 + signal); a write
    that fails for an operational reason (disk full, read-only folder) is one line naming
    the path, after the summary, and exit 2.
    """
    # A bar only for a person at a terminal: in a log or a cron mail it is noise.
    progress = not getattr(args, "no_progress", True) and sys.stderr.isatty()
    try:
        with lifecycle.stop_on_sigterm():
            results, _, found = _execute_plan(
                jobs, out, processed, args.force, workers, progress, scheduler
            )
        notes = [*notes, *found]
    except (KeyboardInterrupt, lifecycle.Stopped) as exc:
        signum = exc.signum if isinstance(exc, lifecycle.Stopped) else 2
        print(
            f"Galat: dihentikan ({'SIGTERM' if signum == 15 else 'Ctrl-C'}); proses pekerja "
            "dan kernel sudah dihentikan. Laporan yang sudah selesai tetap ada; jalankan ulang "
            "perintah yang sama untuk melanjutkan.",
            file=sys.stderr,
        )
        return 128 + signum
    except _WriteFailed as exc:
        _summary(exc.results, notes, out, time.perf_counter() - started)
        print(f"Galat: {errors.os_error_text(exc.error)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"Galat: {errors.os_error_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ClusterError as exc:  # unreachable, other code, folders not shared: none sent
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _summary(results, notes, out, time.perf_counter() - started)


def _summary(results: Sequence[Hasil], notes: Sequence[str], out: Path, elapsed: float) -> int:
    made = sum(r.status == "dibuat" for r in results)
    skipped = sum(r.status == "dilewati" for r in results)
    failed = [r for r in results if r.status == "gagal"]
    for note in notes:
        print(note, file=sys.stderr)
    print(
        f"Selesai dalam {elapsed:.1f} detik: {made} dibuat, {skipped} tidak berubah (dilewati), "
        f"{len(failed)} gagal. Indeks: {out / 'index.html'}"
    )
    if failed:
        print(f"Gagal {len(failed)} laporan:", file=sys.stderr)
        for r in sorted(failed, key=lambda r: r.tugas.nama):
            print(r.baris_ringkasan(out), file=sys.stderr)
        return EXIT_REPORT_FAILED
    return EXIT_OK


def run_report_command(args: argparse.Namespace) -> int:
    """``python -m analysis report``: one kecamatan, one quarter (and the index)."""
    from analysis.reports import loading

    started = time.perf_counter()

    out, processed = Path(args.out), Path(args.processed).resolve()
    try:
        out = _check_out(out, processed)
        _check_processed(processed)
        data = loading.muat(processed)
        ref = Referensi.load(extra=loading.tersedia(data)["kecamatan"].unique())
        name = ref.resolve(args.kecamatan)
        loading.pastikan_ada(data, name, args.tahun, args.triwulan)
        job = report_job(out, processed, ref, name, args.tahun, args.triwulan)
    except (InputError, loading.DataTidakAda, loading.DataRusak) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _execute_and_report([job], [], args, out, processed, 1, started)


def run_batch_command(args: argparse.Namespace) -> int:
    """``python -m analysis batch``: every kecamatan (or ``--kecamatan``) of the quarters."""
    from analysis.reports.loading import DataRusak

    started = time.perf_counter()
    out, processed = Path(args.out), Path(args.processed).resolve()
    cores = os.cpu_count() or 1
    workers = args.jobs if args.jobs is not None else cores
    if not 1 <= workers <= cores:
        print(
            f"Galat: --jobs {workers} di luar rentang; mesin ini punya {cores} inti, "
            f"pilih 1 sampai {cores}.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    try:
        scheduler = scheduler_address(getattr(args, "scheduler", None))
        out = _check_out(out, processed)
        _check_processed(processed)
        jobs, notes = _plan(
            out, processed, args.tahun, args.triwulan, args.kecamatan, with_overview=True
        )
    except (InputError, DataRusak, ClusterError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not any(j.jenis == "laporan" for j in jobs):
        for note in notes:
            print(note, file=sys.stderr)
        print("Galat: tidak ada laporan yang bisa dibuat dari permintaan ini.", file=sys.stderr)
        return EXIT_BAD_INPUT
    workers = min(workers, len(jobs))
    return _execute_and_report(jobs, notes, args, out, processed, workers, started, scheduler)
