"""The bundled reports in headless Chromium: on a 1280 px screen and printed to A4.

Screen: nothing wider than the window (no horizontal scrolling), no table wider than
its box, each chart as wide as the content. Print (A4 portrait, 182 mm between the
margins; the wide form on a landscape sheet): no element wider than the sheet, no table
clipped, header rows repeated, and the PDF has the landscape sheet.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import chromium_path

CHROMIUM = chromium_path()
A4_CONTENT_PX = round((210 - 28) / 25.4 * 96)
"""Width between the portrait margins of ``@page`` (15 mm + 14 mm), in CSS px."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None and not os.environ.get("CI"),
        reason="/usr/bin/chromium is not installed (CI installs it and never skips)",
    ),
]

PAGES = ["towuti", "wotu", "kalaena", "ringkasan-kabupaten", "index"]

A4_LANDSCAPE_PX = round((297 - 24) / 25.4 * 96)
"""Width between the margins of the landscape ``@page lebar``, in CSS px."""

OVERFLOW_JS = """
([limit, wide]) => {
  const out = [];
  const right = limit;
  for (const el of document.querySelectorAll('main *')) {
    if ((el.closest('.halaman-lebar') !== null) !== wide) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > right + 1) {
      out.push(el.tagName + '.' + el.className + ' right=' + Math.round(r.right));
    }
    if (out.length > 5) break;
  }
  return out;
}
"""

CLIPPED_JS = """
(wide) => Array.from(document.querySelectorAll('table')).filter(t => {
  if (wide !== null && (t.closest('.halaman-lebar') !== null) !== wide) return false;
  const box = t.parentElement.getBoundingClientRect();
  const r = t.getBoundingClientRect();
  return t.scrollWidth > t.clientWidth + 1 || r.right > box.right + 1;
}).map(t => t.className || 'table')
"""

CELLS_JS = """
(wide) => Array.from(document.querySelectorAll('td, th')).filter(c => {
  if (wide !== null && (c.closest('.halaman-lebar') !== null) !== wide) return false;
  return c.scrollWidth > c.clientWidth + 1;
}).map(c => c.textContent.trim().slice(0, 30))
"""
"""Cells whose content runs over their border (a number into the next column)."""

WORDS_JS = r"""
(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('.halaman-lebar') !== null) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\s\/-]+[\/-]?/g;
      for (let m = re.exec(node.textContent); m; m = re.exec(node.textContent)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}
"""
"""Words the layout broke across two lines ("Kegiata n", "Orang/Bul an"): a word may end
a line at a space, a hyphen or a slash ("Orang/" "Bulan"), never inside itself."""

WHOLE_WORDS = "table.tabel-kesenjangan th, td.k-tingkat, td.k-satuan"
"""The gap list's header, level and unit cells: whole words only."""

CHART_JS = """
() => {
  const main = document.querySelector('main');
  const style = getComputedStyle(main);
  const content = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {content, charts: Array.from(document.querySelectorAll('.output_svg svg'))
    .map(s => s.getBoundingClientRect().width)};
}
"""


def _path(root: Path, name: str) -> Path:
    return root / "index.html" if name == "index" else root / "2024" / "TW4" / f"{name}.html"


def _open(browser, path: Path, width: int, media: str | None = "screen"):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    if media is not None:
        page.emulate_media(media=media)
    page.goto(path.as_uri(), wait_until="load")
    return context, page


@pytest.mark.parametrize("name", PAGES)
def test_screen_1280_has_no_horizontal_scroll_and_full_width_charts(laporan_bawaan, browser, name):
    context, page = _open(browser, _path(laporan_bawaan, name), 1280)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.evaluate(CLIPPED_JS, None) == []
        assert page.evaluate(CELLS_JS, None) == []
        # the gap list's header, level and unit columns keep whole words on screen too
        # (Towuti TW IV: "Kegiata n" in the Tingkat column at 1280 px)
        assert page.evaluate(WORDS_JS, WHOLE_WORDS) == []
        charts = page.evaluate(CHART_JS)
        for width in charts["charts"]:
            assert abs(width - charts["content"]) <= 2, charts
        if name in ("towuti", "wotu"):
            assert charts["charts"], "no chart on the page"
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_print_layout_fits_a4_portrait(laporan_bawaan, browser, name):
    """Laid out at the width between the portrait margins, nothing sticks out; the
    sections printed on the landscape sheet are checked at that sheet's width."""
    context, page = _open(browser, _path(laporan_bawaan, name), A4_CONTENT_PX, media="print")
    try:
        assert page.evaluate(OVERFLOW_JS, [A4_CONTENT_PX, False]) == []
        assert page.evaluate(CLIPPED_JS, False) == []
        assert page.evaluate(CELLS_JS, False) == []
        # the gap list's header, level and unit columns keep whole words
        assert page.evaluate(WORDS_JS, WHOLE_WORDS) == []
        # header rows repeat on every sheet a table spans
        groups = page.evaluate(
            "Array.from(document.querySelectorAll('thead')).map(h => getComputedStyle(h).display)"
        )
        assert set(groups) <= {"table-header-group"}
    finally:
        context.close()
    context, page = _open(browser, _path(laporan_bawaan, name), A4_LANDSCAPE_PX, media="print")
    try:
        assert page.evaluate(OVERFLOW_JS, [A4_LANDSCAPE_PX, True]) == []
        assert page.evaluate(CLIPPED_JS, True) == []
        assert page.evaluate(CELLS_JS, True) == []
    finally:
        context.close()


@pytest.mark.parametrize("name", ["towuti", "kalaena"])
def test_pdf_is_a4_with_the_wide_form_on_a_landscape_sheet(laporan_bawaan, browser, name):
    context, page = _open(browser, _path(laporan_bawaan, name), 1280, media=None)
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert (595, 842) in sizes, sizes  # A4 portrait, in points
    assert (842, 595) in sizes, sizes  # the Evaluasi Rencana Aksi form, landscape
    assert len(boxes) >= 4


HEADINGS_JS = (
    "Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4'))"
    ".map(h => h.textContent.replace(/\\s+/g, ' ').trim())"
)


INTROS_JS = (
    "Array.from(document.querySelectorAll('main h2, main h3')).filter(h => {"
    "  const n = h.nextElementSibling; return n && n.matches('p.catatan'); })"
    ".map(h => [h, h.nextElementSibling].map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
    ".join(' '))"
)
"""Each heading with the intro note right under it, as one line of text."""


MAX_SHEETS = {"towuti": 14, "kalaena": 17, "wotu": 15, "ringkasan-kabupaten": 10}
"""Ceilings on the A4 sheets: the issue's target for Towuti (was 23); the others were 21,
19 and 11 and measured 16, 13 and 9 after issue 22, with room for text added later."""


@pytest.mark.parametrize("name", list(MAX_SHEETS))
def test_prints_on_few_sheets_and_no_sheet_ends_with_a_heading(
    laporan_bawaan, browser, tmp_path, name
):
    """Issue 22: Towuti TW IV took 23 A4 sheets; dense print CSS brings it to <= 14, and
    a heading always shares its sheet with the block it introduces."""
    context, page = _open(browser, _path(laporan_bawaan, name), 1280, media=None)
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        headings = {h for h in page.evaluate(HEADINGS_JS) if h}
        intros = [h for h in page.evaluate(INTROS_JS) if h]
    finally:
        context.close()
    sheets = len(re.findall(rb"/MediaBox\s*\[", pdf))
    assert 4 <= sheets <= MAX_SHEETS[name], f"{name}: {sheets} A4 sheets"
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return  # poppler-utils missing: the sheet count above still holds
    (tmp_path / "t.pdf").write_bytes(pdf)
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "t.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    per_sheet = text.split("\f")[:sheets]
    stranded = []
    for number, sheet in enumerate(per_sheet[:-1], start=1):
        lines = [" ".join(x.split()) for x in sheet.splitlines() if x.strip()]
        if lines and lines[-1] in headings:
            stranded.append((number, lines[-1]))
        # a heading with only its intro note under it ends the sheet just as well
        # (compared without spaces: a line may wrap after a hyphen, "Word-" / "nya")
        tail = "".join(sheet.split())
        stranded += [(number, i[:40]) for i in intros if tail.endswith("".join(i.split()))]
    assert stranded == [], stranded


MARGINS_MM = {False: (11, 12, 297), True: (9, 10, 210)}
"""Top and bottom margins and sheet height of ``@page`` (portrait) and ``@page lebar``
(landscape), in mm: a sheet's fill is measured between its margins."""


def sheet_fill(png: Path) -> float:
    """How far down its printable area a sheet is inked (0 = empty, 1 = to the margin)."""
    from PIL import Image, ImageOps

    with Image.open(png) as im:
        gray = im.convert("L")
    ink = ImageOps.invert(gray).point(lambda v: 255 if v > 55 else 0).getbbox()
    top_mm, bottom_mm, height_mm = MARGINS_MM[gray.width > gray.height]
    top = gray.height * top_mm / height_mm
    area = gray.height * (height_mm - top_mm - bottom_mm) / height_mm
    return 0.0 if ink is None else max(0.0, (ink[3] - top) / area)


def test_sheet_fill_reads_ink_below_the_top_margin(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    blank = Image.new("L", (210, 297), 255)
    blank.save(tmp_path / "blank.png")
    assert sheet_fill(tmp_path / "blank.png") == 0.0
    half = blank.copy()
    ImageDraw.Draw(half).rectangle((20, 11, 180, 11 + 137), fill=0)
    half.save(tmp_path / "half.png")
    assert 0.49 < sheet_fill(tmp_path / "half.png") < 0.51
    wide = Image.new("L", (297, 210), 255)
    ImageDraw.Draw(wide).rectangle((20, 9, 250, 9 + 40), fill=0)
    wide.save(tmp_path / "wide.png")
    assert 0.19 < sheet_fill(tmp_path / "wide.png") < 0.22


@pytest.mark.parametrize("name", list(MAX_SHEETS))
def test_no_sheet_but_the_last_is_under_a_quarter_full(laporan_bawaan, browser, tmp_path, name):
    """Issue 22: Kalaena TW IV printed the last IKU rows alone on a sheet (17 % full) and
    the form's last row with its note alone on a landscape sheet (16 %)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    context, page = _open(browser, _path(laporan_bawaan, name), 1280, media=None)
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    (tmp_path / "t.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-r", "24", "-gray", "-png", str(tmp_path / "t.pdf"), str(tmp_path / "s")],
        check=True,
    )
    sheets = sorted(tmp_path.glob("s-*.png"))
    assert len(sheets) >= 4
    fills = [round(sheet_fill(p), 2) for p in sheets]
    under = [(n, f) for n, f in enumerate(fills[:-1], start=1) if f < 0.25]
    assert under == [], f"{name}: sheets under a quarter full (sheet, fill): {under}; {fills}"


KODE = re.compile(r"^\d+(\.\d+)+")  # the name may run on: "7.01.01PROGRAM"


def _row_labels(sheet) -> list[str]:
    """The level words of the rows on a landscape sheet, top to bottom: "Program" for the
    first column's "Program 7.01.02" label, "Kegiatan" for a kegiatan or sub kegiatan row
    (the header's "Program / kegiatan / sub kegiatan" is neither)."""
    words = sheet.extract_words()
    # the first column ends where the repeated header's "Indikator" column starts
    edge = min((w["x0"] for w in words if w["text"] == "Indikator"), default=sheet.width * 0.2)
    column = [w for w in words if w["x0"] < edge - 1]
    labels = []
    for i, w in enumerate(column):
        if w["text"] == "Program" and any(KODE.match(n["text"]) for n in column[i + 1 : i + 3]):
            labels.append("Program")
        elif w["text"] == "Kegiatan":  # a kegiatan or sub kegiatan row ("Sub Kegiatan")
            labels.append("Kegiatan")
    return labels


def _program_row_ends(browser, path: Path) -> tuple[list[int], int]:
    """(landscape sheets, but the last sheet, whose last row is a program row; landscape
    sheets with rows)."""
    import io

    import pdfplumber

    context, page = _open(browser, path, 1280, media=None)
    try:
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    ends, checked = [], 0
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, sheet in enumerate(doc.pages[:-1], start=1):
            if sheet.width <= sheet.height:
                continue
            labels = _row_labels(sheet)
            checked += bool(labels)
            if labels and labels[-1] == "Program":
                ends.append(number)
    return ends, checked


@pytest.mark.parametrize("name", ["towuti", "wotu", "kalaena"])
def test_no_landscape_sheet_ends_with_a_program_row(laporan_bawaan, browser, name):
    """A program row heads its kegiatan: Kalaena's form ended a sheet with "Program
    7.01.02" and its rows on the next sheet."""
    ends, checked = _program_row_ends(browser, _path(laporan_bawaan, name))
    assert checked >= 2, "no landscape sheet with table rows found"
    assert ends == [], f"{name}: a program row ends sheet(s) {ends}"


def test_no_landscape_sheet_of_an_earlier_quarter_ends_with_a_program_row(
    bundled, browser, tmp_path
):
    """Kalaena TW I 2024 (the TW IV pages above happen to break elsewhere): sheet 4 ended
    with "Program 7.01.05", its kegiatan on sheet 5."""
    from conftest import run_cli

    done = run_cli(
        "report", "--kecamatan", "Kalaena", "--tahun", "2024", "--triwulan", "1",
        "--processed", str(bundled), "--out", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    ends, checked = _program_row_ends(browser, tmp_path / "2024" / "TW1" / "kalaena.html")
    assert checked >= 2, "no landscape sheet with table rows found"
    assert ends == [], f"Kalaena TW I 2024: a program row ends sheet(s) {ends}"
