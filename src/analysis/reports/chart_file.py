"""A chart figure turned into what the outputs take: the page's inline SVG, and the Word
draft's PNG rasterised from that same SVG (:mod:`analysis.reports.raster`), or a
:class:`Kalimat` where a chart would show a single point.

The figure builders live in :mod:`analysis.reports.charts`, which re-exports these names.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg", force=False)

import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from analysis.reports import raster

DPI = 150
"""Resolution of a PNG copy (``Gambar.png``); the page itself embeds the SVG."""

_RC = {
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.titleweight": "bold",
    "axes.titlepad": 26,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
}


_ids = itertools.count()


class Kalimat(str):
    """What a chart would have shown, as a sentence (one point is not a trend)."""

    def _repr_html_(self) -> str:
        return f'<p class="kalimat-grafik">{html.escape(str(self))}</p>'


PNG_DPI = 150
"""Resolution of the PNG twin of each chart (Word draft, printed at ~16 cm)."""


class Gambar:
    """A rendered chart: Jupyter and the report show it as inline SVG with a title."""

    def __init__(self, svg: str, alt: str, png: bytes = b"") -> None:
        self.svg = svg
        self.alt = alt
        self.png = png

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_png_(self) -> tuple[bytes, dict[str, str]] | None:
        # A twin for the Word draft (python-docx takes no SVG); the HTML shows the SVG.
        return (self.png, {"alt": self.alt}) if self.png else None

    def __repr__(self) -> str:
        return f"[Grafik: {self.alt}]"


@contextmanager
def _gaya() -> Iterator[None]:
    with matplotlib.rc_context(_RC), sns.axes_style("whitegrid", {"grid.color": "#e4e7eb"}):
        yield


def _batas_ketat(fig: Figure) -> Bbox:
    """The box ``savefig(bbox_inches="tight")`` computes for the SVG, computed once.

    The same steps as matplotlib's ``print_figure``: a renderer of the SVG canvas, one
    layout pass without drawing (only when a layout engine is set), the tight box padded
    by ``savefig.pad_inches``. Afterwards the layout engine is switched off (the layout
    is done), so neither file pays another layout pass; the SVG comes out byte for byte
    as with ``bbox_inches="tight"`` (tests/test_charts_once.py).
    """
    from contextlib import nullcontext

    from matplotlib.backend_bases import _get_renderer
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    canvas = fig.canvas
    renderer = _get_renderer(fig, FigureCanvasSVG(fig).print_svg)
    if fig.get_layout_engine() is not None:
        with getattr(renderer, "_draw_disabled", nullcontext)():
            fig.draw(renderer)
        fig.set_layout_engine("none")
    box = fig.get_tightbbox(renderer).padded(matplotlib.rcParams["savefig.pad_inches"])
    fig.set_canvas(canvas)
    return box


def gambar(fig: Figure | Kalimat, alt: str, word: bool = True) -> Gambar | Kalimat:
    """Render ``fig`` to inline SVG (scaled to the content width by the page's CSS) and
    release it; a :class:`Kalimat` passes through as the sentence it is.

    With ``word`` (the kecamatan report, whose Word draft takes no SVG) the SVG is also
    rasterised to a PNG (:func:`analysis.reports.raster.png_dari_svg`): the figure is
    drawn once. Where librsvg is missing the same figure is saved as a PNG with Agg,
    with the layout and tight box computed once for both files (:func:`_batas_ketat`).
    The overview and the explorer have no Word draft and pass ``word=False``.
    """
    if isinstance(fig, str):
        return Kalimat(fig)
    buffer = io.StringIO()
    salt = f"g{next(_ids)}"
    png = io.BytesIO()
    with matplotlib.rc_context({**_RC, "svg.hashsalt": salt}):
        box = _batas_ketat(fig)
        fig.savefig(buffer, format="svg", bbox_inches=box, metadata={"Date": None})
        svg = buffer.getvalue()
        # Word's PNG is the page's SVG rasterised (one draw); Agg only without librsvg
        raster_png = raster.png_dari_svg(svg, PNG_DPI) if word else None
        if word and raster_png is None:
            fig.savefig(png, format="png", dpi=PNG_DPI, bbox_inches=box)
    fig.clear()
    svg = svg[svg.index("<svg") :]
    # ids unique per chart (several SVGs share one page), a title for screen readers,
    # and no fixed size: the page gives the chart its width.
    svg = re.sub(r'id="([^"]+)"', rf'id="{salt}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{salt}-\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{salt}-\1"', svg)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = svg.replace(
        ">", f' role="img" aria-label="{html.escape(alt)}"><title>{html.escape(alt)}</title>', 1
    )
    return Gambar(svg, alt, raster_png or png.getvalue())


class Pengantar(str):
    """The sentence introducing a drawn chart (how to read it), shown above it."""

    def _repr_html_(self) -> str:
        return f'<p class="pengantar-grafik">{html.escape(str(self))}</p>'


def pengantar(fig: Figure | Kalimat, teks: str) -> Pengantar | None:
    """``teks`` introducing ``fig`` where it is drawn; ``None`` (no output) where a
    :class:`Kalimat` stands in for it: the page and the Word draft then say only why there
    is no chart, never how to read one that is not there."""
    return None if isinstance(fig, str) else Pengantar(teks)


def pesan(teks: str) -> Kalimat:
    """Why a chart is absent (no data), as a sentence instead of an empty frame."""
    return Kalimat(teks)
