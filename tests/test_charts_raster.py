"""Each chart is drawn once for the page and the Word draft (issue 25): the Word draft's
PNG is the page's SVG rasterised by librsvg, not a second Agg draw of the figure; where
librsvg is missing the Agg PNG comes back, the same size.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

from analysis.reports import charts, raster

needs_rsvg = pytest.mark.skipif(not raster.tersedia(), reason="librsvg/cairo not installed")


def _program() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uraian": ["Program Penunjang Urusan", "Program Pelayanan Kecamatan", "Program X"],
            "capaian_persen": [97.46, 81.44, 55.0],
            "kategori": ["ST", "T", "R"],
        }
    )


def _figure() -> Figure:
    fig = charts.capaian_per_program(_program(), "Capaian program s/d Triwulan IV 2024")
    assert isinstance(fig, Figure)
    return fig


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype="int64")


@needs_rsvg
def test_the_figure_is_drawn_once(monkeypatch):
    """One savefig (the SVG) per chart; the PNG does not draw the figure again."""
    formats: list[str] = []
    real = Figure.savefig

    def counted(self, *args, **kwargs):
        formats.append(kwargs.get("format"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", counted)
    chart = charts.gambar(_figure(), "alt")
    assert formats == ["svg"]
    assert chart.png[:8] == b"\x89PNG\r\n\x1a\n"


@needs_rsvg
def test_the_png_is_the_svg_at_150_dpi_and_shows_the_same_chart(monkeypatch):
    """Same pixel size as the Agg PNG of the same box; nearly the same pixels (the text
    is antialiased by another renderer); opaque white where nothing is drawn."""
    rasterised = charts.gambar(_figure(), "alt").png
    monkeypatch.setattr(raster, "_libs", lambda: None)
    agg = charts.gambar(_figure(), "alt").png
    a, b = _pixels(rasterised), _pixels(agg)
    assert abs(a.shape[0] - b.shape[0]) <= 1 and abs(a.shape[1] - b.shape[1]) <= 1
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    diff = np.abs(a[:h, :w] - b[:h, :w])
    assert diff.mean() < 4.0  # the same bars, lines and words in the same places
    assert (diff.max(axis=2) > 128).mean() < 0.02
    assert Image.open(io.BytesIO(rasterised)).mode == "RGB"
    assert a[0].min() >= 250 and a[-1].min() >= 250  # white margins, nothing cut off
    # the bars' colours are the SVG's: every band colour the chart uses is in the PNG
    colours = {
        tuple(int(c[i : i + 2], 16) for i in (1, 3, 5))
        for c in charts._warna(_program()["kategori"])
    }
    flat = {tuple(p) for p in a.reshape(-1, 3)}
    assert colours <= flat


def test_without_librsvg_the_png_is_drawn_with_agg(monkeypatch):
    monkeypatch.setattr(raster, "_libs", lambda: None)
    assert raster.png_dari_svg("<svg/>", 150) is None
    formats: list[str] = []
    real = Figure.savefig

    def counted(self, *args, **kwargs):
        formats.append(kwargs.get("format"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", counted)
    chart = charts.gambar(_figure(), "alt")
    assert formats == ["svg", "png"]
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', chart.svg)
    width = int.from_bytes(chart.png[16:20], "big")
    assert width == pytest.approx(float(box[1]) * charts.PNG_DPI / 72, abs=1)


@needs_rsvg
def test_an_unreadable_svg_says_so():
    with pytest.raises(ValueError, match="librsvg could not read the chart's SVG"):
        raster.png_dari_svg("<svg", 150)
    with pytest.raises(ValueError, match="no width and height"):
        raster.png_dari_svg('<svg xmlns="http://www.w3.org/2000/svg"/>', 150)
