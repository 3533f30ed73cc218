"""Voila 0.5 as the dashboard serves it: kernels of closed pages end, foreign hosts refused.

``python -m analysis.reports.voila_app`` takes Voila's own command line (the launcher,
:mod:`analysis.reports.dashboard`, builds it) and changes three things in Voila 0.5:

- **The page's shutdown call works.** On ``beforeunload`` Voila's page posts
  ``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` token read from the ``_xsrf``
  cookie, but the page handler never sets that cookie, so the post is refused
  (``403 '_xsrf' argument missing``) and every visit leaves its kernel (~270 MB) running.
  The page handler here sets the cookie (tornado's own XSRF token), so the check passes
  for the page's own post and still refuses a post from any other site.
- **Idle kernels are culled** as a second line (a browser that is killed sends no
  shutdown): the launcher sets ``MappingKernelManager.cull_idle_timeout`` /
  ``cull_interval`` with ``cull_connected=False``, so a kernel whose page is still open
  stays, and one whose page went away ends after the timeout.
- **The HTML reports are served** under ``/laporan/<tahun>/TW<q>/<name>.html`` from
  ``$KINERJA_LAPORAN`` (the launcher sets it; default the project's ``reports/``), so
  the explorer can link the report of what is on screen. Only that pattern: no folder
  listing, no other file of the reports folder.
- **Only the served host is answered.** Voila sets ``allow_remote_access`` and so skips
  Jupyter's host check; a page reached through another name (DNS rebinding: a web site
  whose name resolves to 127.0.0.1) would get the data. Every request whose ``Host:``
  header is not ``127.0.0.1:PORT`` or ``localhost:PORT`` gets 403 with a sentence
  saying why, before any handler (page, kernel websocket, files) runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import tornado.web
from jupyter_server.utils import url_path_join
from voila.app import Voila
from voila.handler import VoilaHandler

HOST_LOKAL = ("127.0.0.1", "localhost")
"""Host names the dashboard answers to (with its port)."""


def host_diizinkan(host: str, port: int) -> bool:
    """Whether a request's ``Host:`` header names the served address exactly."""
    return host.strip().lower() in {f"{name}:{int(port)}" for name in HOST_LOKAL}


class _HostDitolak(tornado.web.RequestHandler):
    """403 for a request addressed to another host (any method, websocket included)."""

    def prepare(self) -> None:
        port = self.application.settings["kinerja_port"]
        served = " atau ".join(f"{name}:{port}" for name in HOST_LOKAL)
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"Ditolak: alamat (Host) permintaan ini bukan alamat penjelajah ({served}).\n")


class _Aplikasi(tornado.web.Application):
    """Tornado application that refuses foreign ``Host:`` headers before routing."""

    def find_handler(self, request, **kwargs):  # type: ignore[override]
        if not host_diizinkan(request.host or "", self.settings["kinerja_port"]):
            return self.get_handler_delegate(request, _HostDitolak)
        return super().find_handler(request, **kwargs)


class _HalamanVoila(VoilaHandler):
    """Voila's page handler that also sets the ``_xsrf`` cookie its shutdown call reads."""

    async def prepare(self):  # type: ignore[override]
        await super().prepare()  # resolves the (anonymous) user first
        _ = self.xsrf_token  # sets the cookie (tornado: once per request)


class _Laporan(tornado.web.StaticFileHandler):
    """One rendered HTML report (the route's pattern admits nothing else)."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")
        self.set_header("X-Content-Type-Options", "nosniff")


POLA_LAPORAN = r"/laporan/(\d{4}/TW[1-4]/[a-z0-9][a-z0-9-]*\.html)"
"""Route of a report: ``/laporan/2024/TW4/wotu.html``."""


class VoilaKinerja(Voila):
    """Voila with a working shutdown call and a host check (module docstring)."""

    def init_handlers(self) -> list:
        from analysis import paths
        from analysis.reports.explorer_tree import ENV_LAPORAN

        reports = Path(os.environ.get(ENV_LAPORAN) or paths.reports_dir()).resolve()
        handlers: list = [
            (url_path_join(self.server_url, POLA_LAPORAN), _Laporan, {"path": str(reports)})
        ]
        for spec in super().init_handlers():
            if len(spec) >= 2 and isinstance(spec[1], type) and issubclass(spec[1], VoilaHandler):
                page = type(f"Kinerja{spec[1].__name__}", (_HalamanVoila, spec[1]), {})
                spec = (spec[0], page, *spec[2:])
            handlers.append(spec)
        return handlers

    def start(self) -> None:
        # Voila.start, with the application class above (Voila 0.5.x builds a plain
        # tornado.web.Application here and offers no hook for it).
        self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
        self.log.info("Storing connection files in %s.", self.connection_dir)
        settings = self.init_settings()
        settings["kinerja_port"] = int(self.port)
        self.app = _Aplikasi(**settings)
        self.app.settings.update(self.tornado_settings)
        self.app.add_handlers(".*$", self.init_handlers())
        self.listen()


def main(argv: list[str] | None = None) -> None:
    VoilaKinerja.launch_instance(argv)


if __name__ == "__main__":
    sys.exit(main())
