"""The gap explorer served by Voila, driven in headless Chromium like a planner would.

One dashboard (``python -m analysis.reports.dashboard``, the command ``make dashboard``
runs) on a free local port over the bundled data ingested into a temporary folder; one
page for the module. Every control is changed and the title and list on screen are
compared with what the package computes; each empty state is reached; every request the
page makes is recorded (and anything not on 127.0.0.1 aborted and reported).
"""

from __future__ import annotations

import os
import re
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
from analysis.reports import loading

CHROMIUM = chromium_path()
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
WAIT_MS = 20_000
REPORT_HTML = "<!doctype html><title>Laporan Wotu</title><h1>Laporan Kecamatan Wotu</h1>"
RECORD_LOADING = """
window.__muat = [];
new MutationObserver(() => {
  const el = document.getElementById("loading_text");
  if (el && window.__muat[window.__muat.length - 1] !== el.textContent) {
    window.__muat.push(el.textContent);
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""

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
    laporan = tmp_path_factory.mktemp("laporan_dasbor")
    (laporan / "2024" / "TW4").mkdir(parents=True)
    (laporan / "2024" / "TW4" / "wotu.html").write_text(REPORT_HTML, encoding="utf-8")
    command = dashboard.perintah(port)
    with log.open("w") as sink:
        proc = subprocess.Popen(
            command, env=dashboard.lingkungan(olahan, laporan=laporan), stdout=sink,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
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
def data(server: tuple[str, Path]) -> loading.Tabel:
    return loading.muat(server[1])


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

    def ambang_teks(self, typed: str) -> None:
        """Type the threshold as a person would, exactly as given."""
        box = self.page.locator(".pj-ambang input")
        box.fill(typed)
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
        capaian = rows.locator("td.k-capaian-sendiri").all_inner_texts()
        return [(" ".join(u.split()), c.strip()) for u, c in zip(uraian, capaian, strict=True)]


@pytest.fixture(scope="module")
def halaman(server: tuple[str, Path]) -> Iterator[Halaman]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "Chromium is required in CI: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # An English browser, as many office PCs have: "85,5" must still be 85,5.
        context = browser.new_context(
            viewport={"width": 1300, "height": 1000}, accept_downloads=True, locale="en-US"
        )
        context.add_init_script(RECORD_LOADING)
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
        tahun, q = st.periode_awal(loading.tersedia(loading.muat(server[1])))
        h.keadaan = {"kecamatan": "", "tahun": tahun, "triwulan": q, "tingkat": "", "ambang": 100}
        h.context = context  # type: ignore[attr-defined]
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
    h: Halaman, data: loading.Tabel, kec: str, tahun: int, q: int, tingkat: str, ambang: float
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
    ada = loading.tersedia(data)
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
    ada = loading.tersedia(data)
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
    h.atur(loading.tersedia(data), kecamatan="Wotu", tingkat="program", ambang=100)
    k = _check(h, data, "Wotu", 2024, 4, "program", 100)
    assert k.jenis == st.TIDAK_ADA_DATA
    assert k.pesan and k.pesan.startswith(
        "Tidak ada data untuk Kecamatan Wotu pada Triwulan IV 2024"
    )


def _lowest(data: loading.Tabel) -> pd.Series:
    ada = loading.tersedia(data)
    k = data.kinerja.merge(ada, on=["kecamatan", "tahun", "triwulan"])
    return k.groupby(["kecamatan", "tahun", "triwulan"])["capaian_sd_persen"].min().dropna()


def _go(h: Halaman, data, kec: str, tahun: int, q: int, tingkat: str, ambang: float) -> None:
    h.atur(loading.tersedia(data), kecamatan=kec)
    h.atur(loading.tersedia(data), tahun=tahun)
    h.atur(loading.tersedia(data), triwulan=q, tingkat=tingkat, ambang=ambang)


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
    # Text Excel would read as a formula (=, +, -, @ first) gets a leading apostrophe (the
    # office's list dash, "- Pelaporan ...", is already gone from the gap list's names).
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
    assert book["Capaian s/d TW (%)"].tolist() == (
        k.kesenjangan["capaian_sd_persen"].round(2).tolist()  # two decimals, as shown
    )
    assert set(frame["Tingkat"]) <= {"Program", "Kegiatan", "Sub Kegiatan"}
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


def test_indonesian_from_the_first_paint(halaman: Halaman) -> None:
    texts = halaman.page.evaluate("window.__muat")
    assert texts and texts[0] == "Memuat penjelajah kesenjangan\u2026"
    assert all(t.startswith(("Memuat", "Menyiapkan")) for t in texts), texts
    assert not any("Running" in t or "Executing" in t for t in texts)


def test_threshold_reads_indonesian_and_english_decimals(halaman: Halaman, data) -> None:
    from playwright.sync_api import expect

    h = halaman
    _go(h, data, "", 2024, 4, "", 100)
    box = h.page.locator(".pj-ambang input")
    for typed in ("85,5", "85.5"):  # the page's own comma, in an en-US browser, and a dot
        h.ambang_teks("100")
        h.tunggu_judul(st.judul("", 2024, 4, "", 100))
        h.ambang_teks(typed)
        h.tunggu_judul(st.judul("", 2024, 4, "", 85.5))
        _check_list(h, data, "", 2024, 4, "", 85.5)
    h.keadaan["ambang"] = 85.5
    message = h.page.locator(".pj-ambang-pesan .pj-salah")
    for typed, reason in (("250", "di luar batas"), ("-5", "di luar batas"),
                          ("8x", "bukan angka"), ("1.000", "tidak jelas")):  # fmt: skip
        h.ambang_teks(typed)
        expect(message).to_contain_text(reason, timeout=WAIT_MS)
        assert "Daftar tetap memakai ambang 85,5%" in message.inner_text()
        h.tunggu_judul(st.judul("", 2024, 4, "", 85.5))  # nothing clamped, nothing changed
        assert box.input_value() == typed  # what was typed stays, so it can be corrected
    h.ambang_teks("85,5")
    expect(message).to_have_count(0, timeout=WAIT_MS)


def _check_list(h: Halaman, data, kec: str, tahun: int, q: int, tingkat: str, ambang: float):
    k = st.keadaan(data, kec, tahun, q, tingkat, ambang)
    assert h.daftar() == _expected_rows(k)
    return k


def test_all_kecamatan_names_offices_without_data(halaman: Halaman, data) -> None:
    from analysis.reports import explorer_rules as aturan

    h = halaman
    _go(h, data, "", 2024, 4, "", 100)
    ada = loading.tersedia(data)
    reported = sorted(set(ada.loc[(ada["tahun"] == 2024) & (ada["triwulan"] == 4), "kecamatan"]))
    assert reported == ["Kalaena", "Towuti", "Wotu"]
    terdaftar = aturan.kecamatan_terdaftar(ROOT / "data" / "reference")
    missing = sorted(set(terdaftar) - set(reported))
    assert len(missing) == 8
    text = h.page.locator(".pj-hasil .pj-belum").inner_text()
    assert text == (f"Belum ada data Triwulan IV 2024 (8 dari 11 kecamatan): {', '.join(missing)}.")
    _go(h, data, "Wotu", 2024, 4, "program", 100)  # the no-data state names them too
    assert h.page.locator(".pj-hasil .pj-pesan").count() == 1
    assert h.page.locator(".pj-hasil .pj-belum").inner_text() == text


def _numbers(texts: list[str]) -> list[float]:
    return [float(t.strip().rstrip("%").replace(".", "").replace(",", ".")) for t in texts]


def test_tables_sort_and_search(halaman: Halaman, data) -> None:
    from playwright.sync_api import expect

    h = halaman
    _go(h, data, "", 2024, 4, "", 150)
    k = st.keadaan(data, "", 2024, 4, "", 150)
    rows = h.page.locator(".pj-hasil tr.baris-kesenjangan")
    header = h.page.locator(".pj-hasil table.pj-daftar th", has_text="Capaian (indikator sendiri)")
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    up = _numbers(rows.locator("td.k-capaian-sendiri").all_inner_texts())
    assert up == sorted(up) and len(up) == k.jumlah
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    down = _numbers(rows.locator("td.k-capaian-sendiri").all_inner_texts())
    assert down == sorted(up, reverse=True)
    # A finding row moves with its indicator: each stays right under a data row.
    follows = h.page.evaluate(
        "() => [...document.querySelectorAll('.pj-hasil tr.baris-temuan')]"
        ".every(r => { let p = r.previousElementSibling;"
        " while (p && p.classList.contains('baris-catatan')) p = p.previousElementSibling;"
        " return p && p.classList.contains('baris-kesenjangan'); })"
    )
    assert follows
    h.page.locator(".pj-hasil input.pj-cari").fill("Towuti")
    expected = int((k.kesenjangan["kecamatan"] == "Towuti").sum())
    assert 0 < expected < k.jumlah
    expect(rows.locator("visible=true")).to_have_count(expected, timeout=WAIT_MS)
    for text in rows.locator("visible=true").locator("td.k-kecamatan").all_inner_texts():
        assert text == "Towuti"
    assert h.page.locator(".pj-hasil .pj-cari-info").inner_text() == (
        f"{expected} dari {k.jumlah} baris"
    )
    h.page.locator(".pj-hasil input.pj-cari").fill("")
    expect(rows.locator("visible=true")).to_have_count(k.jumlah)


def test_drill_down_to_sub_kegiatan(halaman: Halaman, data) -> None:
    from playwright.sync_api import expect

    from analysis.reports import explorer_tree as rinci

    h = halaman
    _go(h, data, "Wotu", 2024, 4, "", 100)
    h.page.locator(".lm-TabBar-tabLabel", has_text="Rincian").click()
    result = h.page.locator(".pj-rincian-hasil")
    expect(result.locator(".pj-judul")).to_contain_text("Kecamatan Wotu, s/d TW IV 2024")
    rows = rinci.simpul(data, "Wotu", 2024, 4)
    first_sub = result.locator("details.pj-sub_kegiatan").first
    assert not first_sub.is_visible()
    for level in ("program", "kegiatan"):
        result.locator(f"details.pj-{level} > summary").first.click()
    expect(first_sub).to_be_visible()
    assert result.locator("details.pj-sub_kegiatan").count() == int(
        (rows["tingkat"] == "sub_kegiatan").sum()
    )
    program = rows[rows["tingkat"] == "program"].iloc[0]
    summary = result.locator("details.pj-program > summary").first.inner_text()
    assert f"Capaian (rata-rata kegiatan): {fmt.persen(program['capaian_persen'])}" in summary
    h.page.locator(".lm-TabBar-tabLabel", has_text="Kesenjangan").click()


def test_link_to_the_report_on_screen(halaman: Halaman, data) -> None:
    h = halaman
    _go(h, data, "Wotu", 2024, 4, "", 100)
    link = h.page.locator(".pj-hasil .pj-laporan a")
    assert link.inner_text() == "Laporan Kecamatan Wotu Triwulan IV 2024 (HTML)"
    href = link.get_attribute("href")
    assert href == "laporan/2024/TW4/wotu.html"
    answer = h.page.request.get(h.page.url.split("?")[0] + href)
    assert answer.status == 200 and answer.text() == REPORT_HTML
    assert h.page.request.get(h.page.url.split("?")[0] + "laporan/2024/TW4/x.csv").status >= 400
    _go(h, data, "Kalaena", 2024, 4, "", 100)  # no report rendered for it: no link
    assert h.page.locator(".pj-hasil .pj-laporan").count() == 0


def test_view_is_in_the_address(halaman: Halaman, data) -> None:
    from urllib.parse import parse_qs, urlparse

    h = halaman
    _go(h, data, "Towuti", 2024, 2, "kegiatan", 90)
    # the address follows each control as it settles: wait for the last one set (ambang)
    wanted = ("kecamatan=Towuti", "triwulan=2", "tingkat=kegiatan", "ambang=90")
    h.page.wait_for_url(lambda url: all(w in url for w in wanted), timeout=WAIT_MS)
    query = parse_qs(urlparse(h.page.url).query)
    gap_keys = ("tab", "kecamatan", "tahun", "triwulan", "tingkat", "ambang")
    assert {k: v[0] for k, v in query.items() if k in gap_keys} == {
        "tab": "kesenjangan", "kecamatan": "Towuti", "tahun": "2024", "triwulan": "2",
        "tingkat": "kegiatan", "ambang": "90",
    }  # fmt: skip
    other = h.context.new_page()  # type: ignore[attr-defined]
    try:
        other.goto(h.page.url)
        from playwright.sync_api import expect

        title = st.judul("Towuti", 2024, 2, "kegiatan", 90)
        expect(other.locator(".pj-hasil .pj-judul")).to_have_text(title, timeout=60_000)
    finally:
        other.close(run_before_unload=True)


def test_prints_the_whole_table_on_a4(halaman: Halaman, data) -> None:
    import re

    h = halaman
    _go(h, data, "", 2024, 4, "", 150)
    k = st.keadaan(data, "", 2024, 4, "", 150)
    h.page.emulate_media(media="print")
    try:
        shape = h.page.evaluate(
            """() => {
              const t = document.querySelector('.pj-hasil table.pj-daftar');
              const clipped = [];
              const root = document.documentElement;  // its client height is the window
              for (let el = t.parentElement; el && el !== root; el = el.parentElement) {
                // Content taller than its box is cut (hidden) or runs past the printed
                // document (visible overflow of a fixed-height box).
                if (el.scrollHeight > el.clientHeight + 1) clipped.push(el.className);
              }
              const r = t.getBoundingClientRect();
              return {clipped, bottom: r.bottom + window.scrollY,
                      doc: document.documentElement.scrollHeight,
                      rows: t.querySelectorAll('tr.baris-kesenjangan').length,
                      tabs: getComputedStyle(document.querySelector('.lm-TabBar')).display};
            }"""
        )
        assert shape["clipped"] == [] and shape["bottom"] <= shape["doc"] + 1, shape
        assert shape["rows"] == k.jumlah and shape["tabs"] == "none"
        pdf = h.page.pdf(prefer_css_page_size=True)
    finally:
        h.page.emulate_media(media="screen")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    pages = len(boxes)
    assert pages >= 3, pages  # the whole list, not one cut page
    assert all(abs(float(w) - 841.92) < 2 and abs(float(h_) - 595.92) < 2 for w, h_ in boxes)


def test_comparison_export_labels_the_method(halaman: Halaman, data, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    h = halaman
    h.page.locator(".lm-TabBar-tabLabel", has_text="Antar kecamatan").click()
    result = h.page.locator(".pj-banding-hasil")
    h.pilih("pj-banding-tingkat", "Program")
    expect(result.locator("th", has_text="Capaian (rata-rata kegiatan)")).to_have_count(1)
    expect(result.locator(".pj-metode")).to_contain_text("indikator program itu sendiri")
    with h.page.expect_download() as info:
        result.locator("a.pj-unduh-csv").click()
    csv = tmp_path / info.value.suggested_filename
    info.value.save_as(csv)
    assert csv.name.startswith("banding_program_")
    text = csv.read_text("utf-8-sig")
    frame = pd.read_csv(csv, sep=";", decimal=",", encoding="utf-8-sig")
    column = "Capaian (rata-rata kegiatan) (%)"
    assert column in frame.columns and set(frame["Tingkat"]) == {"Program"}
    assert (frame[column].round(2) == frame[column]).all()
    assert not re.search(r"\d,\d{3,}", text)  # no 83,33333333333334
    h.page.wait_for_url(lambda url: "tab=antar" in url, timeout=WAIT_MS)
    with h.page.expect_download() as info:
        result.locator("a.pj-unduh-xlsx").click()
    xlsx = tmp_path / info.value.suggested_filename
    info.value.save_as(xlsx)
    book = pd.read_excel(xlsx, header=2, engine="openpyxl")
    assert len(book) == len(frame) and column in book.columns
    h.page.locator(".lm-TabBar-tabLabel", has_text="Kesenjangan").click()


def test_no_request_left_the_machine(halaman: Halaman) -> None:
    assert len(halaman.requests) > 20  # the recording works: the page's own files are here
    assert any(u.startswith("ws://127.0.0.1:") for u in halaman.requests)  # the kernel
    assert halaman.outside == []
    assert halaman.errors == []
