"""The rendered reports of the bundled data against the figures the seed reports print.

Every figure below is asserted to be printed by the seed document itself (so the oracle
is the seed, not this package), then located in the rendered HTML: equal to the printed
value in a table or card, or - where the source does not add up - named in the report's
findings. Also: the same quantity never shows two values on a page, and every number in
the written analysis is a number the page prints in a table or card.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import formatting as fmt
from analysis.ingest.formats.cells import parse_numbers

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS = [ROOT.parent.parent / "shared" / "seeds", Path("/work/shared/seeds")]

pytestmark = pytest.mark.slow


def _seed(name: str) -> str:
    for folder in SEEDS:
        hits = sorted(folder.glob(f"{name}_*.txt")) if folder.is_dir() else []
        if hits:
            return hits[0].read_text(encoding="utf-8")
    pytest.skip(f"seed {name} not available")


@pytest.fixture(scope="module")
def laporan(laporan_bawaan: Path) -> dict[str, str]:
    folder = laporan_bawaan / "2024" / "TW4"
    pages = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    pages["index"] = (laporan_bawaan / "index.html").read_text(encoding="utf-8")
    return pages


def _text(page: str) -> str:
    """Visible text of a page, entities decoded, SVG text kept."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _parts(page: str) -> tuple[str, str]:
    """(text outside the findings section, text of the findings section)."""
    cut = page.find("Temuan kualitas data")
    end = page.find('class="analisis"')
    findings = page[cut:end] if cut >= 0 else ""
    rest = page[:cut] + page[end:] if cut >= 0 else page
    return _text(rest), _text(findings)


def _located(figure: str, page: str) -> str | None:
    """``"tabel"`` when the page prints ``figure`` outside the findings, ``"temuan"``
    when only a finding names it, else None."""
    pattern = re.compile(r"(?<![\d.,])" + re.escape(figure) + r"(?![\d]|,\d)")
    rest, findings = _parts(page)
    if pattern.search(rest):
        return "tabel"
    if pattern.search(findings):
        return "temuan"
    return None


def _money_rows(path: Path, label: str, columns: list[str], levels: set[str]) -> list[tuple]:
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    out = []
    for row in rows:
        if row.get("tingkat", "program" if row.get("kode") else "") not in levels and levels:
            continue
        for col in columns:
            value = parse_numbers(pd.Series([row.get(col) or ""], dtype="object"))["value"].iloc[0]
            if pd.notna(value) and value > 0:
                out.append((label, row.get("uraian") or row.get(next(iter(row)), ""), col, value))
    return out


def _figures() -> list[tuple[str, str, str, str]]:
    """(page, seed, what, printed text) of the seed figures checked."""
    figs: list[tuple[str, str, str, str]] = []
    levels = {"program", "kegiatan", "sub_kegiatan", "total"}
    for _, what, col, value in _money_rows(
        RAW / "towuti_2024_anggaran.csv",
        "towuti",
        ["pagu", "realisasi_anggaran_sd_tw4"],
        levels,
    ):
        figs.append(("towuti", "002", f"{what} {col}", fmt.angka(value)))
    wotu_cols = [
        "TARGET s/d TRIWULAN IV (BERDASARKAN ANGGARAN KAS)",
        "REALISASI ANGGARAN S.D Triwulan IV 2024 (Rp.)",
    ]
    for _, what, col, value in _money_rows(
        RAW / "wotu_2024_kinerja.csv", "wotu", wotu_cols, {"program", "total"}
    ):
        figs.append(("wotu", "004", f"{what} {col[:20]}", fmt.angka(value)))
    figs += [
        ("towuti", "002", "serapan Belanja", "88,49"),
        ("towuti", "002", "serapan program 01", "88,66"),
        ("towuti", "002", "serapan program 04", "96,81"),
        ("towuti", "002", "Persentase capaian kinerja program penunjang", "93,75"),
        ("towuti", "002", "IKM realisasi 2024", "84,73"),
        ("wotu", "004", "pagu DPA (Tabel 2.8 JUMLAH)", "3.308.672.275"),
        ("wotu", "004", "realisasi TOTAL BELANJA", "3.220.479.399"),
        ("wotu", "004", "serapan TOTAL BELANJA", "97,33"),
        ("wotu", "004", "serapan program 01", "97,46"),
        ("wotu", "004", "IKM 2021", "89,27"),
        ("wotu", "004", "IKM 2022", "90,65"),
        ("wotu", "004", "IKM 2023", "78,25"),
        ("wotu", "004", "Nilai LAKIP 2021", "60,53"),
        ("wotu", "004", "Nilai LAKIP 2022", "63,24"),
    ]
    return figs


FIGURES = _figures()


def test_at_least_forty_seed_figures_are_checked():
    assert len(FIGURES) >= 40
    assert len({f[3] for f in FIGURES}) >= 40


@pytest.mark.parametrize(
    ("page", "seed", "what", "printed"), FIGURES, ids=[f"{f[0]}-{f[2][:40]}" for f in FIGURES]
)
def test_seed_figure_is_in_the_report(laporan, page, seed, what, printed):
    seed_text = _seed(seed)
    assert re.search(r"(?<![\d.])" + re.escape(printed) + r"(?![\d])", seed_text), (
        f"{printed} ({what}) is not printed by seed {seed}: the oracle is wrong"
    )
    where = _located(printed, laporan[page])
    assert where is not None, f"{what}: {printed} is neither shown nor named in a finding"


def test_headline_figures_are_the_seed_totals(laporan):
    towuti, _ = _parts(laporan["towuti"])
    # the cards: pagu, realisasi and serapan as seed 002 Tabel III "Belanja" prints them
    assert "Rp 4.094.740.600" in towuti and "Rp 3.623.393.162" in towuti
    assert "88,49%" in towuti
    assert "4.105.135.040" not in towuti  # the double count of kegiatan 7.01.04.2.02
    # program 04's roll-up equals its own printed row
    assert "47.836.530" not in towuti and _located("37.442.090", laporan["towuti"]) == "tabel"


def test_wotu_printed_pagu_is_shown_beside_the_computed_one_with_a_finding(laporan):
    rest, findings = _parts(laporan["wotu"])
    assert "Rp 3.308.672.270" in rest and "Rp 3.308.672.275" in rest
    assert "pagu" in findings.lower()


def _card_values(page: str) -> dict[str, str]:
    cards = re.findall(
        r'<div class="label">(.*?)</div>\s*<div class="nilai">(.*?)</div>', page, flags=re.S
    )
    return {html.unescape(label).strip(): _text(value).split()[0:3] for label, value in cards}


@pytest.mark.parametrize("page", ["towuti", "wotu", "kalaena"])
def test_one_quantity_one_value_on_a_page(laporan, page):
    """Capaian and money of the kecamatan and of each program appear in the cards, the
    chart, the table's total/program rows and the analysis: always with one value."""
    text = _text(laporan[page])
    # kecamatan capaian: the card, the conclusion and the table's total row agree
    card = re.search(r"Rata-rata capaian kinerja s/d TW IV\s+([\d.,]+%)", text)
    assert card, "capaian card missing"
    conclusion = re.search(r"Kecamatan \w+ s/d TW IV 2024 adalah ([\d.,]+%)", text)
    assert conclusion and conclusion.group(1) == card.group(1)
    total = re.search(r"Jumlah \(dihitung, setiap baris anggaran sekali\)\s+([\d.,]+%)", text)
    if total:
        assert total.group(1) == card.group(1)
    # each program's capaian: the chart's bar label, the table row, the paragraph
    paragraphs = re.findall(r"\((7\.01\.\d\d)\) s/d TW IV 2024 sebesar ([\d.,]+%)", text)
    assert paragraphs, "no program paragraph"
    for kode, value in paragraphs:
        rows = re.findall(
            r"Program "
            + re.escape(kode)
            + r"(?![\d.])(?:(?!Program 7\.01).)*?<strong>([\d.,]+%)</strong>",
            laporan[page],
            flags=re.S,
        )
        assert rows and set(rows) == {value}, (kode, rows, value)


@pytest.mark.parametrize("page", ["towuti", "wotu", "kalaena"])
def test_money_and_chart_figures_have_one_value(laporan, page):
    """Pagu and realisasi: card = table total row = conclusion; the program chart's bar
    labels are the programs' capaian of the table and the paragraphs."""
    body = laporan[page]
    text = _text(body)
    card = re.search(r"Pagu tahunan\s+Rp ([\d.]+)", text)
    total = re.search(
        r"Jumlah \(dihitung, setiap baris anggaran sekali\)\s+[\d.,]+%\s+([\d.]+)", text
    )
    conclusion = re.search(r"dari pagu Rp ([\d.]+\d)", text[text.rfind("Kesimpulan") :])
    assert card and total and card.group(1) == total.group(1)
    if conclusion:
        assert conclusion.group(1) == card.group(1)
    start = body.find("Capaian per program")
    chart = body[start : body.find("</svg>", start)]
    labels = sorted(re.findall(r">(\d{1,3},\d\d%)</text>", chart))
    paragraphs = sorted(re.findall(r"\(7\.01\.\d\d\) s/d TW IV 2024 sebesar ([\d.,]+%)", text))
    if "<svg" in chart:
        assert labels == paragraphs


@pytest.mark.parametrize("page", ["towuti", "wotu", "kalaena"])
def test_every_number_in_the_analysis_is_printed_by_a_table_or_card(laporan, page):
    body = laporan[page]
    start = body.find('class="analisis"')
    assert start >= 0
    analysis = _text(body[start:])
    rest = _text(body[:start])
    money = re.findall(r"Rp (\d{1,3}(?:\.\d{3})*)", analysis)
    decimals = re.findall(r"(?<![\d.])(\d{1,3}(?:\.\d{3})*,\d+)(?![\d])", analysis)
    numbers = set(money) | set(decimals)
    assert numbers
    pattern = r"(?<![\d.,]){}(?![\d]|,\d)"
    missing = sorted(n for n in numbers if not re.search(pattern.format(re.escape(n)), rest))
    assert not missing, f"numbers in the analysis not printed elsewhere: {missing}"


def test_index_and_overview_repeat_the_report_headline(laporan):
    index = _text(laporan["index"])
    overview = _text(laporan["ringkasan-kabupaten"])
    assert "88,49%" in index or "88,49" in index
    assert "88,49%" in overview
