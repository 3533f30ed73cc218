"""A chart's intro sentence only where the chart is drawn (issue 22, round 5 look): the
Word draft of Kalaena TW IV 2024 described the quadrant chart ("Setiap titik adalah satu
sub kegiatan ...") and then said there was nothing to draw. Where a sentence stands in
for the chart it says why, in one sentence."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis.reports import charts, loading, views
from analysis.reports.office_content import isi_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


@pytest.mark.parametrize("name", ["laporan_kecamatan.ipynb", "ringkasan_kabupaten.ipynb"])
def test_no_markdown_cell_introduces_a_chart(name: str) -> None:
    """Markdown is printed whether or not the chart below it is drawn: before a chart it
    holds the heading only; the intro goes through charts.pengantar."""
    cells = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
    for before, cell in itertools.pairwise(cells):
        source = "".join(cell["source"])
        if before["cell_type"] != "markdown" or "charts." not in source:
            continue
        lines = [x for x in "".join(before["source"]).splitlines() if x.strip()]
        assert len(lines) == 1 and lines[0].startswith("#"), lines


def test_the_intro_is_shown_only_with_its_chart(data) -> None:
    titik = views.titik_kuadran(data, "Kalaena", 2024, 4)
    fig = charts.kuadran(titik, "x")
    assert isinstance(fig, charts.Kalimat)
    assert charts.pengantar(fig, "Setiap titik adalah satu sub kegiatan.") is None
    drawn = charts.kuadran(views.titik_kuadran(data, "Towuti", 2024, 4), "x")
    intro = charts.pengantar(drawn, "Setiap titik adalah satu sub kegiatan.")
    assert (
        intro._repr_html_()
        == '<p class="pengantar-grafik">Setiap titik adalah satu sub kegiatan.</p>'
    )
    charts.gambar(drawn, "x", word=False)
    # the Word draft reads the intro as a paragraph before its chart
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "## Capaian dibandingkan serapan anggaran"},
            {
                "cell_type": "code",
                "outputs": [{"data": {"text/html": intro._repr_html_()}}],
            },
        ]
    }
    assert [b.teks for b in isi_notebook(nb)][-1] == "Setiap titik adalah satu sub kegiatan."


def test_the_sentence_instead_of_the_quadrant_chart_says_why(data) -> None:
    # Kalaena TW IV 2024: capaian per sub kegiatan, no serapan (anggaran kas not reported)
    titik = views.titik_kuadran(data, "Kalaena", 2024, 4)
    assert titik["capaian_persen"].notna().any() and titik["serapan_persen"].isna().all()
    assert str(charts.kuadran(titik, "x")) == (
        "Grafik kuadran capaian terhadap serapan tidak digambar: serapan anggaran per sub "
        "kegiatan belum dilaporkan."
    )
    cols = ["uraian", "capaian_persen", "serapan_persen", "kuadran", "kategori"]
    none = pd.DataFrame([["a", 90.0, None, None, "T"], ["b", None, 80.0, None, None]], columns=cols)
    assert str(charts.kuadran(none, "x")).endswith(
        "tidak ada sub kegiatan yang memiliki capaian sekaligus serapan anggaran."
    )
    assert str(charts.kuadran(none.iloc[0:0], "x", label="kecamatan")).endswith(
        "belum ada kecamatan yang memiliki capaian maupun serapan anggaran."
    )
