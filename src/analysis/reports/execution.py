"""Running the notebooks: papermill in one warm kernel per worker process, a pool of workers.

Every worker owns one kernel (``WarmKernelEngine``, a papermill engine) and executes its
notebooks in it one after another, with ``%reset -f`` between them. Kernel launches are
serialised by a lock (the port races of papermill issues #239/#511).

The workbook and the Word draft of a report are written by the same kernel, right after
its notebook and before the reset (:func:`_office_in_kernel`): the tables the page
prepared are still in that process (:mod:`analysis.reports.memo`), so the office files
read them instead of computing them again in the worker, and the worker renders the
HTML meanwhile.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from analysis.reports import lifecycle, office
from analysis.reports.jobs import Hasil, Tugas

log = logging.getLogger(__name__)

KERNEL_NAME = "python3"


ENGINE_NAME = "kinerja-hangat"


CELL_TIMEOUT_S = 600


class _WarmKernel:
    """The worker's kernel manager and client, kept alive between notebooks."""

    km = None
    kc = None
    client = None
    launch_lock = None
    socket_dir: str | None = None


def _register_engine() -> None:
    from papermill.engines import NBClientEngine, papermill_engines

    class WarmKernelEngine(NBClientEngine):
        """papermill engine that runs every notebook of this process in one kernel."""

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            **kwargs,
        ):
            from jupyter_client.manager import AsyncKernelManager
            from nbclient.exceptions import DeadKernelError
            from papermill.clientwrap import PapermillNotebookClient

            if _WarmKernel.km is None:
                # IPC sockets in a private folder: no TCP port to race for when several
                # workers start kernels at once, and no socket files in the working folder.
                # The connection file (with the kernel's HMAC key) goes there too, not
                # loose in TMPDIR: removing the folder on any stop removes it.
                _WarmKernel.socket_dir = tempfile.mkdtemp(prefix="kinerja-kernel-")
                _WarmKernel.km = AsyncKernelManager(
                    kernel_name=kernel_name,
                    transport="ipc",
                    ip=os.path.join(_WarmKernel.socket_dir, "k"),
                    connection_file=os.path.join(_WarmKernel.socket_dir, "kernel.json"),
                )
                _WarmKernel.kc = None
            client = PapermillNotebookClient(
                nb_man,
                km=_WarmKernel.km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logging.getLogger("papermill"),
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            client.kc = _WarmKernel.kc
            _WarmKernel.client = client
            starting = not _WarmKernel.km.has_kernel
            try:
                if starting and _WarmKernel.launch_lock is not None:
                    with _WarmKernel.launch_lock:
                        _start(client)
                elif starting:
                    _start(client)
                client.execute()
            except DeadKernelError:
                _drop_kernel()
                raise
            _WarmKernel.kc = client.kc
            return nb_man.nb  # the namespace is reset after the office files (execute_job)

    papermill_engines.register(ENGINE_NAME, WarmKernelEngine)


def _start(client) -> None:
    """Start the kernel and its client now (under the launch lock), not lazily in execute.

    The kernel dies with the process that starts it (:mod:`analysis.reports.lifecycle`).
    """
    client.start_new_kernel(preexec_fn=lifecycle.kernel_preexec)
    client.start_new_kernel_client()


def _reset_namespace(client) -> None:
    """Clear the user namespace so the next report starts clean (imports stay cached)."""
    try:
        msg_id = client.kc.execute(
            "get_ipython().run_line_magic('reset', '-f')\nimport gc as _gc\n_gc.collect()\ndel _gc",
            silent=True,
            store_history=False,
        )
        client.wait_for_reply(msg_id)
    except Exception:
        _drop_kernel()


def _drop_kernel() -> None:
    """Forget (and stop) a dead or unreliable kernel; the next notebook starts a new one."""
    km, kc = _WarmKernel.km, _WarmKernel.kc
    _WarmKernel.km = _WarmKernel.kc = _WarmKernel.client = None
    try:
        if kc is not None:
            kc.stop_channels()
        if km is not None and km.has_kernel:
            from jupyter_core.utils import run_sync

            run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        log.debug("kernel shutdown failed", exc_info=True)
    if _WarmKernel.socket_dir:
        shutil.rmtree(_WarmKernel.socket_dir, ignore_errors=True)
        _WarmKernel.socket_dir = None


def shutdown_kernel() -> None:
    """Stop this process's warm kernel (end of a worker or of a single report)."""
    if _WarmKernel.km is not None:
        _drop_kernel()


def _kill_kernel_now() -> None:
    """In a worker stopped by SIGTERM: kill its kernel and remove the socket folder."""
    km = _WarmKernel.km
    process = getattr(getattr(km, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        process.kill()
    if _WarmKernel.socket_dir:
        shutil.rmtree(_WarmKernel.socket_dir, ignore_errors=True)


def _init_worker(lock) -> None:
    """Pool initializer: quiet logs, Agg backend, the launch lock, the engine.

    A pool worker (``lock`` given) also dies with the command and cleans up on SIGTERM.
    It imports papermill without the grammar jsonschema need not build (:mod:`analysis.startup`).
    """
    from analysis.startup import skip_slow_optional_imports

    skip_slow_optional_imports()
    if lock is not None:
        lifecycle.init_worker(_kill_kernel_now)
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    _WarmKernel.launch_lock = lock
    _register_engine()
    import atexit

    atexit.register(shutdown_kernel)


def execute_job(tugas: Tugas) -> Hasil:
    """Execute one notebook with papermill and export it; never raises (the pool goes on).

    The executed notebook is written next to the HTML even when a cell fails, so the
    planner or developer can open it at the failing cell. The HTML of a failed report is
    removed: a stale page from older data must not pass for this quarter's report.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from analysis.reports import export

    started = time.perf_counter()
    html, ipynb = Path(tugas.html), Path(tugas.ipynb)
    html.parent.mkdir(parents=True, exist_ok=True)
    tmp_nb = ipynb.with_name(f".{ipynb.stem}.{os.getpid()}.tmp.ipynb")
    pending: list[str | None] = []  # the kernel's office step, until it is waited for
    try:
        nb = pm.execute_notebook(
            tugas.notebook,
            str(tmp_nb),
            parameters=tugas.parameter,
            engine_name=ENGINE_NAME,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT_S,
            report_mode=True,
        )
        os.replace(tmp_nb, ipynb)
        judul = _judul(tugas)
        pending = [_office_in_kernel(tugas, html, ipynb)]  # .xlsx/.docx beside it; meanwhile:
        export.write_atomic(html, export.notebook_to_html(nb, judul))
        _office_done(pending.pop(), tugas, html, nb)
        return Hasil(tugas, "dibuat", time.perf_counter() - started)
    except PapermillExecutionError as exc:
        _keep_failed(tmp_nb, ipynb, html)
        evalue = " ".join(str(exc.evalue).split())[:400]
        return Hasil(
            tugas,
            "gagal",
            time.perf_counter() - started,
            sel=exc.cell_index,
            galat=f"{exc.ename}: {evalue}",
        )
    except Exception as exc:
        if pending and pending[0] is not None:  # the kernel's writing ends before the removal
            _office_settled(pending[0])
        _keep_failed(tmp_nb, ipynb, html)
        return Hasil(
            tugas, "gagal", time.perf_counter() - started, galat=f"{type(exc).__name__}: {exc}"
        )
    finally:
        tmp_nb.unlink(missing_ok=True)
        if _WarmKernel.client is not None and _WarmKernel.client.kc is not None:
            _reset_namespace(_WarmKernel.client)


class OfficeError(RuntimeError):
    """Writing a report's workbook or Word draft failed in its kernel."""


def _office_in_kernel(tugas: Tugas, html: Path, ipynb: Path) -> str | None:
    """Ask the kernel that ran the notebook to write the report's office files
    (:func:`analysis.reports.office.tulis_dari_notebook`) without waiting for it; the
    message id to wait for, or None when there is no kernel to ask."""
    client = _WarmKernel.client
    if client is None or client.kc is None:
        return None
    args = json.dumps([tugas.jenis, tugas.parameter, str(html), str(ipynb)], default=str)
    code = (
        "from analysis.reports import office as _office\n"
        f"_office.tulis_dari_notebook(*__import__('json').loads({args!r}))\n"
        "del _office"
    )
    return client.kc.execute(code, silent=True, store_history=False)


def _office_done(msg_id: str | None, tugas: Tugas, html: Path, nb) -> None:
    """Wait for the kernel's office files; raise :class:`OfficeError` with its error.
    Without a kernel (``msg_id`` None) the worker writes them itself."""
    if msg_id is None:
        office.tulis_untuk(tugas.jenis, tugas.parameter, html, nb)
        return
    from nbclient.exceptions import DeadKernelError

    try:
        reply = _WarmKernel.client.wait_for_reply(msg_id)
    except DeadKernelError:
        _drop_kernel()
        raise
    content = (reply or {}).get("content", {})
    if content.get("status") != "ok":
        raise OfficeError(
            f"berkas Excel/Word tidak dibuat: {content.get('ename', 'batas waktu')}: "
            f"{' '.join(str(content.get('evalue', '')).split())[:400]}"
        )


def _office_settled(msg_id: str) -> None:
    """Wait for the kernel's office step whatever its outcome (a failure is reported)."""
    try:
        _WarmKernel.client.wait_for_reply(msg_id)
    except Exception:
        _drop_kernel()


def _keep_failed(tmp_nb: Path, ipynb: Path, html: Path) -> None:
    if tmp_nb.exists():
        os.replace(tmp_nb, ipynb)
    html.unlink(missing_ok=True)
    office.hapus(html)


def _judul(tugas: Tugas) -> str:
    from analysis.reports import overview, views

    if tugas.jenis == "ringkasan":
        return overview.judul_ringkasan(tugas.tahun, tugas.triwulan)
    return views.judul_laporan(str(tugas.kecamatan), tugas.tahun, tugas.triwulan)


def run_jobs(jobs: Sequence[Tugas], workers: int, progress: bool) -> list[Hasil]:
    """Execute ``jobs`` on a pool of ``workers`` processes (in-process when one job)."""
    if not jobs:
        return []
    from tqdm import tqdm

    bar = tqdm(
        total=len(jobs), desc="Laporan", unit="laporan", file=sys.stderr, disable=not progress
    )
    results: list[Hasil] = []
    try:
        if workers <= 1 or len(jobs) == 1:
            _init_worker(None)
            try:
                for job in jobs:
                    results.append(execute_job(job))
                    bar.update(1)
            finally:
                shutdown_kernel()
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            ctx = mp.get_context("spawn")
            lock = ctx.Lock()
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(lock,)
            )
            try:
                futures = {pool.submit(execute_job, job): job for job in jobs}
                for future in as_completed(futures):
                    try:
                        results.append(future.result())
                    except Exception as exc:
                        results.append(
                            Hasil(futures[future], "gagal", galat=f"{type(exc).__name__}: {exc}")
                        )
                    bar.update(1)
            except BaseException:  # Ctrl-C or SIGTERM: no worker or kernel may outlive us
                lifecycle.terminate_children()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown(wait=True)
    finally:
        bar.close()
    return results
