"""The dashboard server stays up: kernels of closed pages end, foreign hosts are refused.

One Voila started with the launcher's command (:func:`analysis.reports.dashboard.perintah`)
and a short cull timeout over the small hand-built processed tables. Kernels are the
Voila process's ``ipykernel`` children (this machine may run other Jupyter kernels).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, ROOT, chromium_path

CHROMIUM = chromium_path()
CULL_S = 30

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"),
        reason="/usr/bin/chromium is not installed (CI installs it and never skips)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, proc: subprocess.Popen, port: int, log: Path) -> None:
        self.proc, self.port, self.log = proc, port, log
        self.url = f"http://127.0.0.1:{port}/"

    def kernels(self) -> tuple[int, int]:
        """(number, MB resident) of the kernels this Voila started (its ``ipykernel``
        children, read from /proc: the machine may run other Jupyter kernels)."""
        page = os.sysconf("SC_PAGE_SIZE")
        count, rss = 0, 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                if ppid != self.proc.pid:
                    continue
                if b"ipykernel" not in (entry / "cmdline").read_bytes():
                    continue
                resident = int((entry / "statm").read_text().split()[1]) * page
            except (OSError, IndexError, ValueError):
                continue  # the process ended while being read
            count, rss = count + 1, rss + resident
        return count, rss // 2**20


@pytest.fixture(scope="module")
def server(olahan_kecil: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from analysis.reports import dashboard

    port = _free_port()
    log = tmp_path_factory.mktemp("voila_server") / "voila.log"
    command = dashboard.perintah(port, tutup_kernel=CULL_S, periksa_kernel=2)
    with log.open("w") as sink:
        proc = subprocess.Popen(
            command, env=dashboard.lingkungan(olahan_kecil), stdout=sink,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voila did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield Server(proc, port, log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _raw_get(port: int, host: str, path: str = "/", read_all: bool = False) -> tuple[int, str]:
    """A GET written by hand, so the ``Host:`` header is exactly ``host``."""
    with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
            if not read_all and len(b"".join(chunks)) > 200:
                break
    text = b"".join(chunks).decode("utf-8", "replace")
    return int(text.split(" ", 2)[1]), text


def test_foreign_host_refused(server: Server) -> None:
    for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1.nip.io:{server.port}",
                 f"127.0.0.1:{server.port + 1}"):  # fmt: skip
        for path in ("/", "/voila/static/voila.js", "/api/kernels/x/channels"):
            status, text = _raw_get(server.port, host, path, read_all=True)
            assert status == 403, (host, path, text[:300])
            assert "Ditolak: alamat (Host)" in text
            assert "penjelajah" not in text.split("\r\n\r\n", 1)[0]  # headers only
    status, _ = _raw_get(server.port, f"localhost:{server.port}", "/voila/static/voila.js")
    assert status == 200
    assert server.kernels()[0] == 0  # a refused page started no kernel


def test_twenty_visits_leave_no_kernel(server: Server) -> None:
    """16 pages opened in Chromium (4 at a time) and closed, 4 plain GETs without a
    browser (never connected): the kernels of closed pages end at once (their shutdown
    call), the others within the cull timeout; memory returns to where it started."""
    from playwright.sync_api import sync_playwright

    assert server.kernels() == (0, 0)
    peak = (0, 0)
    start = time.monotonic()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _wave in range(4):
                pages = []
                for _ in range(4):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(server.url, wait_until="commit")
                    pages.append((context, page))
                for _, page in pages:
                    page.wait_for_selector(".pj-hasil .pj-judul", timeout=120_000)
                peak = max(peak, server.kernels())
                for context, page in pages:
                    page.close(run_before_unload=True)
                    context.close()
        finally:
            browser.close()
    # The page's shutdown call worked: no 403 for it in the log.
    log = server.log.read_text(errors="replace")
    assert "'_xsrf' argument missing" not in log
    assert "Blocking Cross Origin" not in log
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        host = f"127.0.0.1:{server.port}"
        answers = list(pool.map(lambda _: _raw_get(server.port, host, read_all=True), range(4)))
    assert all(status == 200 and "kernelId" in text for status, text in answers)
    after_gets = server.kernels()
    assert after_gets[0] >= 1  # a plain GET leaves a kernel nobody will close ...
    deadline = time.monotonic() + CULL_S + 30
    while server.kernels()[0] and time.monotonic() < deadline:
        time.sleep(1)
    # ... which the culler ends after CULL_S seconds idle.
    assert server.kernels() == (0, 0), (peak, after_gets, log[-3000:])
    assert peak[0] >= 2 and peak[1] > 100  # the count did measure real kernels
    print(
        f"20 kunjungan: puncak {peak}, akhir {server.kernels()}, {time.monotonic() - start:.0f} s"
    )


def test_damaged_table_is_a_readable_message(
    olahan_kecil: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A processed table with a text capaian: the page says which table and column, in
    Indonesian, instead of Voila's "There was an error when executing cell [3]"."""
    import shutil

    import pandas as pd
    from playwright.sync_api import sync_playwright

    from analysis.reports import dashboard

    folder = tmp_path_factory.mktemp("rusak") / "olahan"
    shutil.copytree(olahan_kecil, folder)
    frame = pd.read_parquet(folder / "kinerja.parquet")
    frame["capaian_sd_persen"] = frame["capaian_sd_persen"].astype("string")
    frame.loc[frame.index[4], "capaian_sd_persen"] = "sembilan puluh"
    frame.to_parquet(folder / "kinerja.parquet")
    port = _free_port()
    log = folder.parent / "voila.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            dashboard.perintah(port), env=dashboard.lingkungan(folder), stdout=sink,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/")
                message = page.locator(".penjelajah .pesan-kosong")
                message.wait_for(timeout=120_000)
                text = message.inner_text()
                body = page.inner_text("body")
                page.close(run_before_unload=True)
            finally:
                browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert text.startswith("Data olahan rusak")
    assert "tabel kinerja" in text and "kolom capaian_sd_persen" in text
    assert "'sembilan puluh' pada baris 5" in text and "seharusnya angka" in text
    assert "There was an error" not in body and "Traceback" not in body
