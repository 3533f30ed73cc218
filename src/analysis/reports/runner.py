"""``report`` and ``batch``: parameterised notebooks -> offline HTML reports, fast and safely.

Each report is a real papermill run of ``notebooks/laporan_kecamatan.ipynb`` (or
``ringkasan_kabupaten.ipynb`` for the regency overview) with its parameters injected,
exported by :mod:`analysis.reports.export`. What makes a quarterly batch of 44+ reports fast:

* **Warm kernels.** Starting a kernel and importing pandas/matplotlib/seaborn costs
  seconds; running the notebook on precomputed Parquet costs well under one. Every worker
  process owns one kernel (:class:`WarmKernelEngine`, a papermill engine) and executes
  its notebooks in it one after another, with ``%reset -f`` between them so no variable
  leaks from one report into the next. Kernel launches are serialised by a lock (the
  port races of papermill issues #239/#511 happen when kernels start concurrently).
* **A pool of worker processes** (``--jobs``, default: the number of cores), spawned
  fresh so no parent state is forked into them; each keeps its nbconvert exporter and the
  processed tables cached (:func:`analysis.reports.views.muat`).
* **Incremental rebuilds.** ``reports/.manifest.json`` stores, per output, a SHA-256 of
  (notebook file, parameters, the data it shows, the package's own source and
  templates). A report whose hash is unchanged and whose files exist is skipped;
  ``--force`` rebuilds. The data part is the fingerprint of the rows the report reads
  (:mod:`analysis.reports.digests`): its kecamatan's rows up to its year and quarter, or,
  for the overview, every kecamatan's. A correction in one office's 2025 spreadsheet thus
  rebuilds that kecamatan's 2025 reports and the 2025 overviews, nothing else.

Safety: kecamatan names are matched against ``data/reference/kecamatan.csv`` (names
and aliases) and their file names come from its ``slug`` column, cleaned again and
checked to resolve inside ``--out``; every file is written atomically; one failing
report never stops the others, and the summary names its cell and error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from analysis import errors, neutral, outputs, paths
from analysis.paths import slugify
from analysis.reports import coverage, lifecycle, office
from analysis.reports.coverage import Kelengkapan
from analysis.reports.export import write_atomic

EXIT_OK = 0
EXIT_REPORT_FAILED = 1
EXIT_BAD_INPUT = 2

NOTEBOOKS_DIR = Path(__file__).resolve().parents[3] / "notebooks"
"""The notebooks shipped in the repository (src layout: two levels above ``analysis``)."""

NOTEBOOK_LAPORAN = "laporan_kecamatan.ipynb"
NOTEBOOK_RINGKASAN = "ringkasan_kabupaten.ipynb"
RINGKASAN_SLUG = "ringkasan-kabupaten"
MANIFEST_NAME = ".manifest.json"
MANIFEST_VERSION = 1
KERNEL_NAME = "python3"
ENGINE_NAME = "kinerja-hangat"
CELL_TIMEOUT_S = 600

_PACKAGE_DIR = Path(__file__).resolve().parents[1]

log = logging.getLogger(__name__)


class InputError(Exception):
    """Bad request from the command line (exit code 2), with a message a person can act on."""


# --- kecamatan names and safe paths ------------------------------------------------------


@dataclass(frozen=True)
class Referensi:
    """Kecamatan names, their aliases and file-name slugs (``data/reference/kecamatan.csv``)."""

    slug: dict[str, str]
    alias: dict[str, str]

    @classmethod
    def load(cls, reference_dir: Path | None = None, extra: Iterable[str] = ()) -> Referensi:
        """Read the reference; ``extra`` names (present in the data) get derived slugs."""
        import csv

        path = (reference_dir or paths.reference_dir()) / "kecamatan.csv"
        slug: dict[str, str] = {}
        alias: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle, delimiter=";"):
                    name = (row.get("kecamatan") or "").strip()
                    if not name:
                        continue
                    slug[name] = slugify(row.get("slug") or name) or slugify(name)
                    for a in [name, *(row.get("alias") or "").split("|")]:
                        if a.strip():
                            alias[_norm(a)] = name
        for name in extra:
            if name not in slug:
                slug[name] = slugify(name)
                alias.setdefault(_norm(name), name)
        return cls(slug=slug, alias=alias)

    def resolve(self, requested: str) -> str:
        """Canonical name of ``requested`` (any alias, any case); refuses unknown names."""
        name = self.alias.get(_norm(requested))
        if name is None:
            valid = ", ".join(sorted(self.slug))
            raise InputError(f"Kecamatan {requested!r} tidak dikenal. Nama yang valid: {valid}.")
        return name


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def safe_output(out: Path, *parts: str) -> Path:
    """``out/part/...`` resolved, refusing anything that would land outside ``out``."""
    root = out.resolve()
    target = root.joinpath(*parts).resolve()
    if target != root and root not in target.parents:
        raise InputError(f"Jalur keluaran {target} berada di luar folder laporan {root}.")
    return target


# --- jobs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tugas:
    """One notebook to execute and export."""

    jenis: str  # "laporan" or "ringkasan"
    tahun: int
    triwulan: int
    kecamatan: str | None
    notebook: str
    html: str
    ipynb: str
    parameter: dict[str, object] = field(hash=False)
    kunci: str = ""
    ditolak: str | None = None  # why the job cannot run at all (it fails alone)

    @property
    def nama(self) -> str:
        period = f"{self.tahun} TW {('I', 'II', 'III', 'IV')[self.triwulan - 1]}"
        who = f"Kecamatan {self.kecamatan}" if self.kecamatan else "Ringkasan kabupaten"
        return f"{who} {period}"


@dataclass
class Hasil:
    """What happened to one job."""

    tugas: Tugas
    status: str  # "dibuat", "dilewati", "gagal"
    detik: float = 0.0
    sel: int | None = None
    galat: str | None = None

    def baris_ringkasan(self, out: Path) -> str:
        if not self.tugas.ipynb:  # refused before any file was named
            return f"  - {self.tugas.nama}: {self.galat}"
        where = f"sel #{self.sel}" if self.sel is not None else "di luar sel"
        notebook = _relative(Path(self.tugas.ipynb), out)
        return f"  - {self.tugas.nama}: {where}: {self.galat} (notebook: {notebook})"


def _relative(path: Path, out: Path) -> str:
    try:
        return str(path.relative_to(out.resolve().parent))
    except ValueError:
        return str(path)


def _laporan_tugas(
    out: Path, processed: Path, ref: Referensi, kecamatan: str, tahun: int, triwulan: int
) -> Tugas:
    folder = (str(tahun), f"TW{triwulan}")
    slug = ref.slug.get(kecamatan) or slugify(kecamatan)
    if not slug:
        raise InputError(f"Nama kecamatan {kecamatan!r} tidak menghasilkan nama berkas yang sah.")
    html = safe_output(out, *folder, f"{slug}.html")
    return Tugas(
        jenis="laporan",
        tahun=tahun,
        triwulan=triwulan,
        kecamatan=kecamatan,
        notebook=str(NOTEBOOKS_DIR / NOTEBOOK_LAPORAN),
        html=str(html),
        ipynb=str(html.with_suffix(".ipynb")),
        parameter={
            "kecamatan": kecamatan,
            "tahun": tahun,
            "triwulan": triwulan,
            "processed_dir": str(processed),
        },
    )


def _ringkasan_tugas(
    out: Path, processed: Path, tahun: int, triwulan: int, tautan: dict[str, str]
) -> Tugas:
    html = safe_output(out, str(tahun), f"TW{triwulan}", f"{RINGKASAN_SLUG}.html")
    return Tugas(
        jenis="ringkasan",
        tahun=tahun,
        triwulan=triwulan,
        kecamatan=None,
        notebook=str(NOTEBOOKS_DIR / NOTEBOOK_RINGKASAN),
        html=str(html),
        ipynb=str(html.with_suffix(".ipynb")),
        parameter={
            "tahun": tahun,
            "triwulan": triwulan,
            "processed_dir": str(processed),
            "tautan": dict(sorted(tautan.items())),
        },
    )


# --- hashing and the manifest -------------------------------------------------------------


def _sha256_files(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


REPORT_CODE = (
    "__init__.py",
    "formatting.py",
    "reports",
    "schema.py",
    "settings.py",
    "defaults.toml",
    "metrics",
)
"""Package files whose change alters a rendered page (ingest code only alters the data,
which is hashed separately)."""


def code_hash() -> str:
    """Hash of the report code and templates: a changed chart rebuilds every report."""
    files: list[Path] = []
    for name in REPORT_CODE:
        path = _PACKAGE_DIR / name
        if path.is_dir():
            files += [
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"}
            ]
        elif path.exists():
            files.append(path)
    return _sha256_files(sorted(files))


def job_key(tugas: Tugas, data_digest: str, code_digest: str) -> str:
    """The content hash deciding whether ``tugas`` must be rebuilt.

    ``data_digest`` is the fingerprint of the data the notebook shows
    (:class:`analysis.reports.digests.PeriodDigests`).
    """
    digest = hashlib.sha256()
    digest.update(Path(tugas.notebook).read_bytes())
    params = {k: v for k, v in tugas.parameter.items() if k != "processed_dir"}
    digest.update(json.dumps(params, sort_keys=True, ensure_ascii=False).encode())
    digest.update(data_digest.encode())
    digest.update(code_digest.encode())
    return digest.hexdigest()


def load_manifest(out: Path) -> dict[str, dict[str, object]]:
    """Entries of ``reports/.manifest.json`` keyed by the HTML path relative to ``out``."""
    path = out / MANIFEST_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, OSError) as exc:  # malformed JSON, bad bytes, unreadable
        print(
            f"catatan: {path} tidak terbaca ({type(exc).__name__}); semua laporan dibuat ulang "
            "dan berkas itu ditulis baru.",
            file=sys.stderr,
        )
        return {}
    if not isinstance(raw, dict) or raw.get("versi") != MANIFEST_VERSION:
        return {}
    entries = raw.get("laporan", {})
    if not isinstance(entries, dict):
        return {}
    return {str(k): v for k, v in entries.items() if isinstance(v, dict)}


def save_manifest(out: Path, entries: dict[str, dict[str, object]]) -> None:
    """Write the manifest atomically."""
    body = {"versi": MANIFEST_VERSION, "laporan": dict(sorted(entries.items()))}
    write_atomic(out / MANIFEST_NAME, json.dumps(body, indent=1, ensure_ascii=False))


def _key_of(path: str, out: Path) -> str:
    return Path(path).relative_to(out.resolve()).as_posix()


def is_current(tugas: Tugas, manifest: dict[str, dict[str, object]], out: Path) -> bool:
    """True when the manifest holds the same hash and both output files exist."""
    entry = manifest.get(_key_of(tugas.html, out))
    return bool(
        entry
        and entry.get("kunci") == tugas.kunci
        and entry.get("status") == "dibuat"
        and Path(tugas.html).exists()
        and Path(tugas.ipynb).exists()
        and office.lengkap(tugas.html, tugas.jenis)
    )


# --- execution in a warm kernel -------------------------------------------------------------


class _WarmKernel:
    """The worker's kernel manager and client, kept alive between notebooks."""

    km = None
    kc = None
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
            _reset_namespace(client)
            return nb_man.nb

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
    _WarmKernel.km = _WarmKernel.kc = None
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
    """
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
        export.write_atomic(html, export.notebook_to_html(nb, judul))
        office.tulis_untuk(tugas.jenis, tugas.parameter, html, nb)  # .xlsx/.docx beside it
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
        _keep_failed(tmp_nb, ipynb, html)
        return Hasil(
            tugas, "gagal", time.perf_counter() - started, galat=f"{type(exc).__name__}: {exc}"
        )
    finally:
        tmp_nb.unlink(missing_ok=True)


def _keep_failed(tmp_nb: Path, ipynb: Path, html: Path) -> None:
    if tmp_nb.exists():
        os.replace(tmp_nb, ipynb)
    html.unlink(missing_ok=True)
    office.hapus(html)


def _judul(tugas: Tugas) -> str:
    from analysis.reports import views

    if tugas.jenis == "ringkasan":
        return views.judul_ringkasan(tugas.tahun, tugas.triwulan)
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


# --- the index ----------------------------------------------------------------------------


def write_index(
    out: Path,
    processed: Path,
    manifest: dict[str, dict[str, object]],
    kelengkapan: Kelengkapan | None = None,
) -> Path:
    """Write ``reports/index.html``: every report by year and quarter, with headline figures.

    Lists the manifest's successful reports whose period (and kecamatan) the current
    processed data still hold: a page left over from data that a later ``ingest`` no
    longer contains is not offered as current. ``kelengkapan`` adds, per period, the
    offices that have not reported, and marks a report whose table vanished
    (:mod:`analysis.reports.coverage`).
    """
    from analysis import formatting as fmt
    from analysis.reports import views
    from analysis.reports.export import css, dibuat_sekarang, offline_problems

    data = views.muat(processed)
    ada = views.tersedia(data)
    current = set(zip(ada["kecamatan"], ada["tahun"], ada["triwulan"], strict=True))
    periods_now = {(t, q) for _, t, q in current}

    def still_current(v: dict[str, object]) -> bool:
        period = (int(v["tahun"]), int(v["triwulan"]))
        if v.get("jenis") == "ringkasan":
            return period in periods_now
        return (str(v["kecamatan"]), *period) in current

    entries = {
        k: v
        for k, v in manifest.items()
        if v.get("status") == "dibuat" and (out / k).exists() and still_current(v)
    }
    laporan = [
        (str(v["kecamatan"]), int(v["tahun"]), int(v["triwulan"]))
        for v in entries.values()
        if v.get("jenis") == "laporan"
    ]
    angka = views.daftar_laporan(data, laporan) if laporan else None
    figures: dict[tuple[str, int, int], dict[str, object]] = {}
    if angka is not None:
        for rec in angka.to_dict("records"):
            figures[(rec["kecamatan"], int(rec["tahun"]), int(rec["triwulan"]))] = rec
    periods: dict[tuple[int, int], dict[str, object]] = {}
    for key, v in sorted(entries.items()):
        period = periods.setdefault(
            (int(v["tahun"]), int(v["triwulan"])),
            {"ringkasan": None, "ringkasan_office": [], "laporan": []},
        )
        period["belum"] = (
            kelengkapan.belum_melapor.get((int(v["tahun"]), int(v["triwulan"])), [])
            if kelengkapan
            else []
        )
        if v.get("jenis") == "ringkasan":
            period["ringkasan"] = key
            period["ringkasan_office"] = office.tautan(out, key)
            continue
        rec = figures.get((str(v["kecamatan"]), int(v["tahun"]), int(v["triwulan"])), {})
        period["laporan"].append(
            {
                "kecamatan": v["kecamatan"],
                "href": key,
                "capaian": fmt.persen(rec.get("capaian_persen")),
                "kategori": rec.get("kategori") if not fmt.is_missing(rec.get("kategori")) else "",
                "label_kategori": views.label_kategori(rec.get("kategori")),
                "serapan": fmt.persen(rec.get("serapan_persen")),
                "tertinggal": fmt.angka(rec.get("tertinggal")),
                "indikator": fmt.angka(rec.get("indikator")),
                "office": office.tautan(out, key),
                "tidak_ada": kelengkapan.tidak_ada(str(v["kecamatan"]), int(v["tahun"]))
                if kelengkapan
                else [],
            }
        )
    years: dict[int, list[dict[str, object]]] = {}
    for (tahun, triwulan), period in sorted(periods.items(), reverse=True):
        period["laporan"].sort(key=lambda r: str(r["kecamatan"]))
        years.setdefault(tahun, []).append(
            {"judul": fmt.nama_triwulan(triwulan), "triwulan": triwulan, **period}
        )
    page = views.render(
        "indeks.html.j2",
        tahun=sorted(years.items(), reverse=True),
        css=css(),
        dibuat=dibuat_sekarang(),
        jumlah=sum(len(p["laporan"]) for p in periods.values()),
        peringatan=[
            line.split(": ", 1)[1]
            for line in (kelengkapan.pesan() if kelengkapan else [])
            if line.startswith("peringatan: ")
        ],
    )
    page = neutral.clean_html(page)  # no bidi control from data reorders what is read
    problems = offline_problems(page)
    if problems:  # pragma: no cover - the template is ours; this guards future edits
        raise RuntimeError(f"index.html tidak bisa dibuka offline: {problems}")
    path = out / "index.html"
    write_atomic(path, page)
    return path


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
    from analysis.reports.views import TABEL_LAPORAN

    missing = [name for name in TABEL_LAPORAN if not (processed / f"{name}.parquet").exists()]
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
    from analysis.reports import views

    data = views.muat(processed)
    ada = views.tersedia(data)
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
                jobs.append(_laporan_tugas(out, processed, ref, name, int(t), int(q)))
            except InputError as exc:  # one bad name costs its own report, not the batch
                jobs.append(_ditolak(name, int(t), int(q), str(exc)))
        if with_overview:
            slugs = {n: ref.slug.get(n) or slugify(n) for n in present}
            all_links = {n: f"{slug}.html" for n, slug in slugs.items() if slug}
            jobs.append(_ringkasan_tugas(out, processed, int(t), int(q), all_links))
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
    jobs: list[Tugas], out: Path, processed: Path, force: bool, workers: int, progress: bool
) -> tuple[list[Hasil], dict[str, dict[str, object]], list[str]]:
    from analysis.reports import views
    from analysis.reports.digests import period_digests

    code_digest = code_hash()
    digests = period_digests(views.muat(processed))

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
    results = run_jobs(todo, workers, progress)
    kelengkapan, history, now = _kelengkapan(out, processed, manifest)
    for r in results:
        manifest[_key_of(r.tugas.html, out)] = {
            "jenis": r.tugas.jenis,
            "kecamatan": r.tugas.kecamatan,
            "tahun": r.tugas.tahun,
            "triwulan": r.tugas.triwulan,
            "kunci": r.tugas.kunci if r.status == "dibuat" else None,
            "status": r.status,
            "notebook": _key_of(r.tugas.ipynb, out),
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
    from analysis.reports import views

    data = views.muat(processed)
    ada = views.tersedia(data)
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
            results, _, found = _execute_plan(jobs, out, processed, args.force, workers, progress)
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
    started = time.perf_counter()
    from analysis.reports import views

    out, processed = Path(args.out), Path(args.processed).resolve()
    try:
        out = _check_out(out, processed)
        _check_processed(processed)
        data = views.muat(processed)
        ref = Referensi.load(extra=views.tersedia(data)["kecamatan"].unique())
        name = ref.resolve(args.kecamatan)
        views.pastikan_ada(data, name, args.tahun, args.triwulan)
        job = _laporan_tugas(out, processed, ref, name, args.tahun, args.triwulan)
    except (InputError, views.DataTidakAda, views.DataRusak) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _execute_and_report([job], [], args, out, processed, 1, started)


def run_batch_command(args: argparse.Namespace) -> int:
    """``python -m analysis batch``: every kecamatan (or ``--kecamatan``) of the quarters."""
    from analysis.reports.views import DataRusak

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
        out = _check_out(out, processed)
        _check_processed(processed)
        jobs, notes = _plan(
            out, processed, args.tahun, args.triwulan, args.kecamatan, with_overview=True
        )
    except (InputError, DataRusak) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not any(j.jenis == "laporan" for j in jobs):
        for note in notes:
            print(note, file=sys.stderr)
        print("Galat: tidak ada laporan yang bisa dibuat dari permintaan ini.", file=sys.stderr)
        return EXIT_BAD_INPUT
    workers = min(workers, len(jobs))
    return _execute_and_report(jobs, notes, args, out, processed, workers, started)
