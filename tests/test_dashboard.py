"""The gap explorer served by Voila, driven in headless Chromium like a planner would.

One dashboard (``python -m analysis.reports.dashboard``, the command ``make dashboard``
runs) on a free local port over the bundled data ingested into a temporary folder; one
page for the module. Every control is changed and the title and list on screen are
compared with what the package computes; each empty state is reached; every request the
page makes is recorded (and anything not on 127.0.0.1 aborted and reported).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import CHROMIUM_ARGS, ROOT, chromium_path, run_cli

from analysis import formatting as fmt
from analysis.reports import explorer_state as st
from analysis.reports import views

CHROMIUM = chromium_path()
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
WAIT_MS = 20_000

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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Voila with the launcher's command and environment, started while the bundled data
    are ingested (the page is requested only once both are ready)."""
    from analysis.reports import dashboard

    olahan = tmp_path_factory.mktemp("olahan_dasbor")
    port = _free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    command = dashboard.perintah(port)
    with log.open("w") as sink:
        proc = subprocess.Popen(
            command, env=dashboard.lingkungan(olahan), stdout=sink, stderr=subprocess.STDOUT,
            start_new_session=True, cwd=ROOT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        result = run_cli("ingest", "--raw", str(ROOT / "data" / "raw"), "--out", str(olahan))
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Voila did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield url, olahan
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def data(server: tuple[str, Path]) -> views.Tabel:
    return views.muat(server[1])


class Halaman:
    """The dashboard page and everything it asked the network for."""

    def __init__(self, page, requests: list[str], outside: list[str], errors: list[str]):
        self.page = page
        self.requests = requests
        self.outside = outside
        self.errors = errors
        self.keadaan: dict[str, object] = {}
        """Control values the page shows (kecamatan, tahun, triwulan, tingkat, ambang)."""

    def atur(self, ada: pd.DataFrame, **changes: object) -> None:
        """Change controls one at a time, as a person would, each time waiting until the
        title shows the values the package's rules give (the kernel may move the period
        when the kecamatan or year changes; the next input must not race that)."""
        s = self.keadaan
        for name in ("kecamatan", "tahun", "triwulan", "tingkat", "ambang"):
            if name not in changes or changes[name] == s[name]:
                continue
            value = changes[name]
            if name == "kecamatan":
                self.pilih("pj-kecamatan", str(value) or "Semua kecamatan")
                s["tahun"], s["triwulan"] = st.sesuaikan_periode(
                    ada, str(value), s["tahun"], s["triwulan"]
                )
            elif name == "tahun":
                self.pilih("pj-tahun", str(value))
                s["tahun"], s["triwulan"] = st.sesuaikan_periode(
                    ada, s["kecamatan"], int(value), s["triwulan"]
                )
            elif name == "triwulan":
                self.pilih("pj-triwulan", fmt.nama_triwulan(int(value)))
            elif name == "tingkat":
                self.pilih("pj-tingkat", dict((v, k) for k, v in st.TINGKAT_PILIHAN)[value])
            else:
                self.ambang(float(value))
            s[name] = value
            self.tunggu_judul(st.judul(**s))

    def pilih(self, cls: str, label: str) -> None:
        self.page.locator(f".{cls} select").select_option(label=label)

    def ambang(self, value: float) -> None:
        box = self.page.locator(".pj-ambang input")
        box.fill(str(value))
        box.press("Enter")

    def tunggu_judul(self, judul: str) -> None:
        from playwright.sync_api import expect

        expect(self.page.locator(".pj-hasil .pj-judul")).to_have_text(judul, timeout=WAIT_MS)

    def opsi(self, cls: str) -> list[str]:
        texts = self.page.locator(f".{cls} select option").all_inner_texts()
        return [t.replace("\xa0", " ") for t in texts]

    def dipilih(self, cls: str) -> str:
        select = self.page.locator(f".{cls} select")
        return select.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")

    def daftar(self) -> list[tuple[str, str]]:
        """(uraian, capaian) of every row of the list on screen."""
        rows = self.page.locator(".pj-hasil tr.baris-kesenjangan")
        uraian = rows.locator("td.k-uraian").all_inner_texts()
        capaian = rows.locator("td:nth-last-child(5)").all_inner_texts()
        return [(" ".join(u.split()), c.strip()) for u, c in zip(uraian, capaian, strict=True)]


@pytest.fixture(scope="module")
def halaman(server: tuple[str, Path]) -> Iterator[Halaman]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium is required in CI: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(
            viewport={"width": 1300, "height": 1000}, accept_downloads=True
        )
        page = context.new_page()
        requests: list[str] = []
        outside: list[str] = []
        errors: list[str] = []

        def route(r) -> None:
            requests.append(r.request.url)
            if r.request.url.startswith(LOCAL):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)

        def websocket(ws) -> None:  # not routed: checked here
            requests.append(ws.url)
            if not ws.url.startswith(LOCAL):
                outside.append(ws.url)

        page.on("websocket", websocket)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server[0])
        page.wait_for_selector(".pj-hasil .pj-judul", timeout=60_000)
        h = Halaman(page, requests, outside, errors)
        tahun, q = st.periode_awal(views.tersedia(views.muat(server[1])))
        h.keadaan = {"kecamatan": "", "tahun": tahun, "triwulan": q, "tingkat": "", "ambang": 100}
        yield h
        context.close()
        browser.close()


def _expected_rows(k: st.Keadaan) -> list[tuple[str, str]]:
    g = k.kesenjangan
    return [
        (" ".join(str(u).split()), fmt.persen(c))
        for u, c in zip(g["uraian"].fillna(""), g["capaian_sd_persen"], strict=True)
    ]


def _check(
    h: Halaman, data: views.Tabel, kec: str, tahun: int, q: int, tingkat: str, ambang: float
) -> st.Keadaan:
    """The page shows this state: title, and the list or the message, as computed."""
    assert h.keadaan == {
        "kecamatan": kec, "tahun": tahun, "triwulan": q, "tingkat": tingkat, "ambang": ambang,
    }  # fmt: skip
    k = st.keadaan(data, kec, tahun, q, tingkat, ambang)
    h.tunggu_judul(k.judul)
    assert h.dipilih("pj-kecamatan") == (kec or "Semua kecamatan")
    assert h.dipilih("pj-tahun") == str(tahun)
    assert h.dipilih("pj-triwulan") == fmt.nama_triwulan(q)
    if k.pesan:
        assert h.page.locator(".pj-hasil .pj-pesan").inner_text() == k.pesan
        assert h.daftar() == []
    else:
        assert h.daftar() == _expected_rows(k)
        assert h.page.locator(".pj-jumlah").get_attribute("data-jumlah") == str(k.jumlah)
    return k


def test_opens_on_latest_quarter_most_kecamatan_reported(halaman: Halaman, data) -> None:
    ada = views.tersedia(data)
    tahun, q = st.periode_awal(ada)
    assert (tahun, q) == (2024, 4)  # bundled data: 2025 TW I has one office only
    _check(halaman, data, "", tahun, q, "", 100)
    assert halaman.opsi("pj-tahun") == [str(t) for t in st.daftar_tahun(ada, "")]
    # No code on screen: no input area, no source text.
    code = ".jp-CodeCell .jp-InputArea:visible, .cm-editor:visible"
    assert halaman.page.locator(code).count() == 0
    assert "penjelajah(" not in halaman.page.inner_text("body")
    # One live result, no stale copy of the opening state under it.
    assert halaman.page.locator(".pj-judul").count() == 1


def test_every_control_changes_title_and_list(halaman: Halaman, data) -> None:
    ada = views.tersedia(data)
    h = halaman
    h.atur(ada, kecamatan="", tahun=2024, triwulan=4, tingkat="", ambang=100)
    _check(h, data, "", 2024, 4, "", 100)

    h.atur(ada, kecamatan="Towuti")  # reported 2024 only
    _check(h, data, "Towuti", 2024, 4, "", 100)
    assert h.opsi("pj-tahun") == [str(t) for t in st.daftar_tahun(ada, "Towuti")] == ["2024"]
    h.atur(ada, triwulan=2)
    _check(h, data, "Towuti", 2024, 2, "", 100)

    h.atur(ada, kecamatan="Kalaena")
    _check(h, data, "Kalaena", 2024, 2, "", 100)  # Kalaena reported 2024 TW II too: kept
    h.atur(ada, tahun=2025)
    _check(h, data, "Kalaena", 2025, 1, "", 100)  # its only quarter of 2025
    assert h.opsi("pj-triwulan") == [
        fmt.nama_triwulan(q) for q in st.daftar_triwulan(ada, "Kalaena", 2025)
    ]

    h.atur(ada, kecamatan="Wotu")  # reported 2024 TW IV only: the period moves there
    _check(h, data, "Wotu", 2024, 4, "", 100)
    assert h.opsi("pj-tahun") == ["2024"] and h.opsi("pj-triwulan") == ["Triwulan IV"]

    h.atur(ada, tingkat="sub_kegiatan")
    _check(h, data, "Wotu", 2024, 4, "sub_kegiatan", 100)
    h.atur(ada, ambang=90)
    _check(h, data, "Wotu", 2024, 4, "sub_kegiatan", 90)


def test_state_no_data(halaman: Halaman, data) -> None:
    h = halaman
    h.atur(views.tersedia(data), kecamatan="Wotu", tingkat="program", ambang=100)
    k = _check(h, data, "Wotu", 2024, 4, "program", 100)
    assert k.jenis == st.TIDAK_ADA_DATA
    assert k.pesan and k.pesan.startswith(
        "Tidak ada data untuk Kecamatan Wotu pada Triwulan IV 2024"
    )


def _lowest(data: views.Tabel) -> pd.Series:
    ada = views.tersedia(data)
    k = data.kinerja.merge(ada, on=["kecamatan", "tahun", "triwulan"])
    return k.groupby(["kecamatan", "tahun", "triwulan"])["capaian_sd_persen"].min().dropna()


def _go(h: Halaman, data, kec: str, tahun: int, q: int, tingkat: str, ambang: float) -> None:
    h.atur(views.tersedia(data), kecamatan=kec)
    h.atur(views.tersedia(data), tahun=tahun)
    h.atur(views.tersedia(data), triwulan=q, tingkat=tingkat, ambang=ambang)


def test_state_none_below_threshold(halaman: Halaman, data) -> None:
    lowest = _lowest(data)
    kec, tahun, q = lowest[(lowest > 1) & (lowest < 100)].index[0]
    ambang = float(int(lowest.loc[(kec, tahun, q)]))  # just below the worst indicator
    _go(halaman, data, kec, int(tahun), int(q), "", ambang)
    k = _check(halaman, data, kec, int(tahun), int(q), "", ambang)
    assert k.jenis == st.TIDAK_DI_BAWAH_AMBANG
    assert "semua target tercapai" not in halaman.page.inner_text(".pj-hasil")


def test_state_all_targets_met(halaman: Halaman, data) -> None:
    lowest = _lowest(data)
    kec, tahun, q = lowest[lowest >= 100].index[0]
    _go(halaman, data, kec, int(tahun), int(q), "", 100)
    k = _check(halaman, data, kec, int(tahun), int(q), "", 100)
    assert k.jenis == st.SEMUA_TERCAPAI
    assert "semua target tercapai" in halaman.page.inner_text(".pj-hasil .pj-pesan")


def test_capped_chart_findings_and_downloads(halaman: Halaman, data, tmp_path: Path) -> None:
    h = halaman
    _go(h, data, "", 2024, 4, "", 150)
    k = _check(h, data, "", 2024, 4, "", 150)
    assert k.jumlah > st.MAKS_GRAFIK
    assert f"grafik: 20 terburuk dari {k.jumlah}" in h.page.inner_text(".pj-jumlah")
    marked = k.kesenjangan[k.kesenjangan["temuan"] != ""]
    assert len(marked) > 0
    assert h.page.locator(".pj-hasil .tanda-temuan").count() == len(marked)
    notes = h.page.locator(".pj-hasil tr.baris-temuan").all_inner_texts()
    assert [" ".join(n.split()) for n in notes] == [
        "⚠ Temuan kualitas data: " + " ".join(t.split()) for t in marked["temuan"]
    ]
    with h.page.expect_download() as info:
        h.page.locator("a.pj-unduh-csv").click()
    csv = tmp_path / info.value.suggested_filename
    info.value.save_as(csv)
    assert csv.name == "kesenjangan_semua-kecamatan_2024_tw4_semua-tingkat_150.csv"
    frame = pd.read_csv(csv, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == k.jumlah
    # Text Excel would read as a formula (here "- Pelaporan ...") gets a leading apostrophe.
    uraian = k.kesenjangan["uraian"].fillna("")
    assert (
        frame["Uraian"].fillna("").tolist()
        == uraian.where(~uraian.str.match(r"[=+\-@]"), "'" + uraian).tolist()
    )
    with h.page.expect_download() as info:
        h.page.locator("a.pj-unduh-xlsx").click()
    xlsx = tmp_path / info.value.suggested_filename
    info.value.save_as(xlsx)
    book = pd.read_excel(xlsx, header=2, engine="openpyxl")
    assert len(book) == k.jumlah
    assert book["Capaian s/d TW (%)"].round(6).tolist() == (
        k.kesenjangan["capaian_sd_persen"].round(6).tolist()
    )
    h.page.screenshot(path=str(tmp_path / "kesenjangan.png"), full_page=True)


def test_kecamatan_comparison(halaman: Halaman, data) -> None:
    from playwright.sync_api import expect

    h = halaman
    h.page.locator(".lm-TabBar-tabLabel", has_text="Antar kecamatan").click()
    result = h.page.locator(".pj-banding-hasil")
    for tingkat, label in (("program", "Program"), ("kegiatan", "Kegiatan")):
        h.pilih("pj-banding-tingkat", label)
        items = st.pilihan_banding(data, tingkat)
        for i in (0, 1):  # opens on the node most kecamatan reported; then the next one
            item = items.iloc[i]
            if i:
                h.pilih("pj-banding-pilihan", item["label"])
            tren = st.tren_banding(data, tingkat, item["kunci"])
            tahun, q = st.periode_awal(tren)
            uraian = item["label"].rsplit(" (", 1)[0]
            judul = st.judul_banding(uraian, tingkat, tahun, q)
            expect(result.locator(".pj-judul")).to_have_text(judul, timeout=WAIT_MS)
            assert h.dipilih("pj-banding-pilihan") == item["label"]
            assert h.dipilih("pj-banding-periode") == f"{fmt.nama_triwulan(q)} {tahun}"
            tabel = st.banding(data, tingkat, item["kunci"], tahun, q)
            shown = result.locator("tr.baris-banding td.k-kecamatan").all_inner_texts()
            assert shown == tabel["kecamatan"].tolist()
            assert result.locator(".pj-grafik-tren svg").count() == 1
            missing = st.tanpa_capaian(tren, tahun, q)
            assert result.locator(".pj-tanpa").count() == (1 if missing else 0)
            if missing:
                assert result.locator(".pj-tanpa").inner_text().endswith(", ".join(missing) + ".")
    periods = st.periode_banding(data, "kegiatan", item["kunci"])
    tahun, q = (int(v) for v in periods.iloc[0])
    h.pilih("pj-banding-periode", f"{fmt.nama_triwulan(q)} {tahun}")
    judul = st.judul_banding(uraian, "kegiatan", tahun, q)
    expect(result.locator(".pj-judul")).to_have_text(judul, timeout=WAIT_MS)
    tabel = st.banding(data, "kegiatan", item["kunci"], tahun, q)
    assert result.locator("tr.baris-banding td.k-kecamatan").all_inner_texts() == (
        tabel["kecamatan"].tolist()
    )
    h.page.locator(".lm-TabBar-tabLabel", has_text="Kesenjangan").click()


def test_no_request_left_the_machine(halaman: Halaman) -> None:
    assert len(halaman.requests) > 20  # the recording works: the page's own files are here
    assert any(u.startswith("ws://127.0.0.1:") for u in halaman.requests)  # the kernel
    assert halaman.outside == []
    assert halaman.errors == []
