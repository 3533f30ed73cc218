"""The report grid on Dask distributed workers (``batch --scheduler tcp://host:8786``).

The local pool (:func:`analysis.reports.execution.run_jobs`) runs one warm kernel per worker
process on this machine. For a national batch (7,277 kecamatan x 4 quarters) one machine
is not enough; this module hands the same jobs to the workers of a Dask distributed
cluster instead. Nothing else changes: the jobs are planned, hashed and skipped here, each
worker runs the very same :func:`~analysis.reports.execution.execute_job` (papermill in a
warm kernel, HTML, ``.xlsx``, ``.docx``), and the results come back to this process,
which writes the manifest and the index as after a local run.

What the workers need (checked before any job is sent, each problem named by worker):

* the same version of the package (the hash of the report code,
  :func:`~analysis.reports.manifest.code_hash`, must equal this machine's: a worker with other
  code would write other pages under this run's manifest keys);
* the processed tables and the reports folder at the same absolute paths as here (a
  shared folder mounted at one path on every machine), readable and writable.

One kernel per worker process: a worker's tasks take a process-wide lock around the
kernel, so start workers with ``--nthreads 1`` (as many processes as cores:
``dask worker tcp://host:8786 --nworkers 2 --nthreads 1``). The run's regency is sent
with every job; a worker whose kernel was started for another regency restarts it.

Failure isolation is the local pool's: ``execute_job`` never raises (a failing notebook
is a ``gagal`` result naming its cell); a task lost with its worker (killed, out of memory)
is a ``gagal`` result naming the error, and the other reports go on.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path

from analysis import region
from analysis.reports import execution
from analysis.reports.jobs import Hasil, Tugas
from analysis.reports.manifest import code_hash

CONNECT_TIMEOUT_S = 30
"""How long to wait for the scheduler before giving up with a message."""

_lock = threading.Lock()
_state: dict[str, object] = {"ready": False, "kabupaten": None}


class ClusterError(Exception):
    """The cluster cannot run this batch (unreachable, other code, folders not shared)."""


def scheduler_address(given: str | None) -> str:
    """The scheduler of this batch: ``--scheduler``, else ``penjadwal_dask`` of the
    project's ``kinerja.toml``; empty when the reports run on this machine."""
    if given is not None:
        return given.strip()
    project = region.project_settings_file()
    if project is None:
        return ""
    from analysis.settings import load_settings

    try:
        return load_settings(project).penjadwal_dask.strip()
    except ValueError as exc:  # a bad kinerja.toml is named by the command's own checks
        raise ClusterError(str(exc)) from exc


def execute_on_worker(tugas: Tugas, kabupaten: str) -> Hasil:
    """Run one job in this worker process's warm kernel (one job at a time per process)."""
    with _lock:
        if not _state["ready"]:
            execution._init_worker(None)
            _state["ready"] = True
        if _state["kabupaten"] != kabupaten:
            # the kernel took the regency from the environment when it started
            execution.shutdown_kernel()
            os.environ[region.ENV_VAR] = kabupaten
            _state["kabupaten"] = kabupaten
        return execution.execute_job(tugas)


def worker_facts(processed: str, out: str) -> dict[str, object]:
    """What a worker sees: its code hash and whether it can read/write the folders."""
    processed_path, out_path = Path(processed), Path(out)
    return {
        "kode": code_hash(),
        "olahan": (processed_path / "kinerja.parquet").is_file(),
        "laporan": out_path.is_dir() and os.access(out_path, os.W_OK | os.X_OK),
    }


def check_workers(client, processed: Path, out: Path) -> None:
    """Refuse a cluster whose workers would write other pages or cannot see the folders."""
    facts = client.run(worker_facts, str(processed), str(out))
    if not facts:
        raise ClusterError("Penjadwal Dask tidak punya pekerja (worker) yang terhubung.")
    mine = code_hash()
    problems = []
    for worker, seen in sorted(facts.items()):
        if seen["kode"] != mine:
            problems.append(f"{worker}: versi paket berbeda (pasang versi yang sama)")
        if not seen["olahan"]:
            problems.append(f"{worker}: {processed / 'kinerja.parquet'} tidak terbaca")
        if not seen["laporan"]:
            problems.append(f"{worker}: folder laporan {out} tidak ada atau tidak bisa ditulisi")
    if problems:
        raise ClusterError(
            "Pekerja Dask tidak bisa menjalankan batch ini (folder data dan laporan harus "
            "terpasang di jalur yang sama di setiap mesin): " + "; ".join(problems)
        )


def connect(address: str, timeout: float = CONNECT_TIMEOUT_S):
    """A client of the scheduler at ``address``; ClusterError when it does not answer."""
    from distributed import Client

    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"Penjadwal Dask {address} tidak bisa dihubungi ({type(exc).__name__}: {exc}). "
            "Periksa alamatnya (tcp://host:8786) dan bahwa `dask scheduler` berjalan."
        ) from exc


def run_jobs_dask(
    jobs: Sequence[Tugas], address: str, out: Path, processed: Path, progress: bool
) -> list[Hasil]:
    """Execute ``jobs`` on the workers of the Dask scheduler at ``address``.

    Results are returned in the order the jobs finish, like the local pool's; a job whose
    task failed at the Dask level (its worker died) is a ``gagal`` result.
    """
    if not jobs:
        return []
    from distributed import as_completed
    from tqdm import tqdm

    kabupaten = region.current().nama
    run_id = uuid.uuid4().hex[:12]  # task keys unique on a scheduler shared by several runs
    client = connect(address)
    try:
        check_workers(client, processed, out)
        futures = {
            client.submit(
                execute_on_worker,
                job,
                kabupaten,
                key=f"laporan-{run_id}-{i}-{Path(job.html).stem}",
                pure=False,
                retries=0,
            ): job
            for i, job in enumerate(jobs)
        }
        bar = tqdm(total=len(jobs), desc="Laporan", unit="laporan", disable=not progress)
        results: list[Hasil] = []
        try:
            for future in as_completed(list(futures), loop=client.loop):
                try:
                    results.append(future.result())
                except Exception as exc:  # the task was lost with its worker
                    results.append(
                        Hasil(futures[future], "gagal", galat=f"{type(exc).__name__}: {exc}")
                    )
                bar.update(1)
        except BaseException:  # Ctrl-C or SIGTERM: do not leave the cluster busy for us
            client.cancel(list(futures), force=True)
            raise
        finally:
            bar.close()
        return results
    finally:
        client.close()
