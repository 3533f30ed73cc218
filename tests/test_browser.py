"""Headless Chromium opens every report offline: no console error, no request, not blank."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import chromium_path, run_cli

CHROMIUM = chromium_path()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"),
        reason="/usr/bin/chromium is not installed (CI installs it and never skips)",
    ),
]


@pytest.fixture(scope="module")
def laporan(olahan_kecil: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("laporan_browser")
    result = run_cli(
        "batch", "--tahun", "2024", "--triwulan", "4", "--processed", str(olahan_kecil),
        "--out", str(out), "--no-progress",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def _not_blank(png: bytes) -> bool:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    white = sum(histogram[245:])
    return white < 0.995 * image.width * image.height and len([h for h in histogram if h]) > 20


def test_every_page_opens_offline_without_errors(laporan: Path, browser) -> None:
    pages = sorted(laporan.rglob("*.html"))
    assert len(pages) == 4  # two kecamatan, the overview, the index
    for path in pages:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        blocked: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))

        def only_files(route, b=blocked):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                b.append(route.request.url)
                route.abort()

        page.route("**/*", only_files)
        page.goto(path.as_uri(), wait_until="load")
        images_ok = page.evaluate(
            "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
        )
        shot = page.screenshot(full_page=True)
        context.close()
        assert errors == [], (path, errors)
        assert blocked == [], (path, blocked)
        assert images_ok, path
        assert _not_blank(shot), path


def test_index_links_open_the_reports(laporan: Path, browser) -> None:
    page = browser.new_page()
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page.goto((laporan / "index.html").as_uri())
    page.click("text=Tomoni Timur")
    page.wait_for_load_state("load")
    assert page.url.endswith("/2024/TW4/tomoni-timur.html")
    assert "Kecamatan Tomoni Timur - Triwulan IV 2024" in page.title()
    page.close()


def test_blank_page_is_detected(tmp_path: Path, browser) -> None:
    """The non-blank check itself can fail: an empty page is reported blank."""
    empty = tmp_path / "kosong.html"
    empty.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    page = browser.new_page()
    page.goto(empty.as_uri())
    assert not _not_blank(page.screenshot(full_page=True))
    page.close()
