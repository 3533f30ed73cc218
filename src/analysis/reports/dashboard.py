"""``python -m analysis.reports.dashboard``: the gap explorer as a web page, with Voila.

Serves ``notebooks/eksplorasi_kesenjangan.ipynb`` on 127.0.0.1 only, with the package's
Voila template ``kinerja`` (the lab template without its CDN links: the page makes no
request outside the machine), sources stripped (no code on screen) and tracebacks hidden.
``make dashboard`` runs this; the processed folder is passed to the notebook's kernel in
``$KINERJA_PROCESSED``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import paths
from analysis.reports.explorer import ENV_PROCESSED
from analysis.reports.explorer_tree import ENV_LAPORAN
from analysis.reports.export import TEMPLATES_DIR
from analysis.reports.jobs import NOTEBOOKS_DIR

NOTEBOOK = NOTEBOOKS_DIR / "eksplorasi_kesenjangan.ipynb"
VOILA_DIR = TEMPLATES_DIR / "voila"
"""A Jupyter data folder holding ``voila/templates/kinerja`` (added to ``JUPYTER_PATH``)."""
PORT = 8866
TUTUP_KERNEL_DETIK = 300
"""Seconds a kernel whose page is gone may stay idle before it is ended (culled)."""
PERIKSA_KERNEL_DETIK = 60
"""How often idle kernels are looked for."""


def perintah(
    port: int = PORT,
    notebook: Path = NOTEBOOK,
    tutup_kernel: int = TUTUP_KERNEL_DETIK,
    periksa_kernel: int | None = None,
) -> list[str]:
    """The Voila command line (run with :func:`lingkungan`).

    Voila runs through :mod:`analysis.reports.voila_app` (a working shutdown call when a
    page closes, and a ``Host:`` check). ``tutup_kernel`` seconds: a kernel without a
    connected page that stayed idle that long is ended, checked every ``periksa_kernel``
    seconds (default: the smaller of 60 and ``tutup_kernel``).
    """
    if int(tutup_kernel) < 1:
        raise ValueError(f"tutup_kernel harus >= 1 detik, bukan {tutup_kernel}")
    periksa = int(periksa_kernel or min(PERIKSA_KERNEL_DETIK, int(tutup_kernel)))
    return [
        sys.executable,
        "-m",
        "analysis.reports.voila_app",
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={int(port)}",
        # The host check compares the Host header with this port: never move to another.
        "--Voila.port_retries=0",
        f"--MappingKernelManager.cull_idle_timeout={int(tutup_kernel)}",
        f"--MappingKernelManager.cull_interval={periksa}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
        "--template=kinerja",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        # A query string (?voila-template=lab) must not bring back the CDN links.
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
    ]


def lingkungan(
    processed: Path, base: dict[str, str] | None = None, laporan: Path | None = None
) -> dict[str, str]:
    """Environment of the Voila process: its template folder, the processed folder and
    the reports folder (linked from the page when the report on screen exists)."""
    env = dict(os.environ if base is None else base)
    extra = [str(VOILA_DIR)]
    if env.get("JUPYTER_PATH"):
        extra.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(extra)
    env[ENV_PROCESSED] = str(Path(processed).resolve())
    env[ENV_LAPORAN] = str(Path(laporan or paths.reports_dir()).resolve())
    env.setdefault("MPLBACKEND", "Agg")
    return env


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.reports.dashboard",
        description="Jalankan penjelajah kesenjangan sebagai halaman web (Voila) di 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=PORT, help=f"port (bawaan {PORT})")
    parser.add_argument(
        "--processed",
        type=Path,
        default=None,
        help="folder data olahan (bawaan: data/processed proyek ini)",
    )
    parser.add_argument(
        "--laporan",
        type=Path,
        default=None,
        help="folder laporan HTML yang ditautkan (bawaan: reports/ proyek ini)",
    )
    parser.add_argument(
        "--tutup-kernel",
        type=int,
        default=TUTUP_KERNEL_DETIK,
        metavar="DETIK",
        help=(
            "akhiri kernel halaman yang sudah ditutup setelah menganggur sekian detik "
            f"(bawaan {TUTUP_KERNEL_DETIK})"
        ),
    )
    args = parser.parse_args(argv)
    if args.tutup_kernel < 1:
        parser.error("--tutup-kernel harus paling sedikit 1 detik")
    processed = args.processed or paths.processed_dir()
    if not (processed / "kinerja.parquet").exists():
        print(
            f"Data olahan tidak ada di {processed}. Jalankan dulu: python -m analysis ingest",
            file=sys.stderr,
        )
        return 2
    command = perintah(args.port, tutup_kernel=args.tutup_kernel)
    print(f"Penjelajah kesenjangan: http://127.0.0.1:{args.port}/ (Ctrl+C untuk berhenti)")
    sys.stdout.flush()
    os.execve(command[0], command, lingkungan(processed, laporan=args.laporan))
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
