"""What the IKU chart shows: the whole indicator name over each panel (it was cut to one
line with "…", hiding which IKU a panel is), and nothing cut at the edges of the PNG the
Word draft takes (its box is the SVG's, computed once for both files, issue 25).
"""

from __future__ import annotations

import io

import pandas as pd
from PIL import Image

from analysis.reports import charts

NAME = "Persentase Capaian Kinerja Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"


def _riwayat() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indikator": ["Indeks Kepuasan Masyarakat"] * 2 + [NAME] * 2,
            "tahun": [2023, 2024, 2023, 2024],
            "target": [78.5, 80.1, 100.0, 100.0],
            "realisasi": [None, 84.73, None, 93.75],
        }
    )


def test_nothing_the_png_draws_touches_its_edges() -> None:
    """A cut-off legend or label leaves ink in the PNG's outermost pixels."""
    import numpy as np

    for riwayat in (_riwayat(), _riwayat().assign(indikator=lambda d: d["indikator"] + " X")):
        out = charts.gambar(charts.riwayat_iku(riwayat, "IKU"), "IKU")
        pixels = np.asarray(Image.open(io.BytesIO(out.png)).convert("L"), dtype="int64")
        edges = np.concatenate([pixels[:, :2].ravel(), pixels[:, -2:].ravel()])
        edges = np.concatenate([edges, pixels[:2, :].ravel(), pixels[-2:, :].ravel()])
        assert edges.min() >= 250, "ink at the PNG's edge: something is cut off"


def test_the_iku_panel_names_its_whole_indicator() -> None:
    fig = charts.riwayat_iku(_riwayat(), "IKU")
    titles = [ax.get_title().replace("\n", " ") for ax in fig.axes]
    assert NAME in titles


def test_the_heatmap_writes_capaian_as_the_text_does() -> None:
    """The overview's heatmap gave 81,4 where its ranking and text say 81,44%: one
    quantity, one value (two decimals) across the documents."""
    matriks = pd.DataFrame(
        {"Program Penunjang": [81.4375, 100.0], "Program Kecamatan": [None, 93.75]},
        index=["Kalaena", "Towuti"],
    )
    fig = charts.peta_panas(matriks, "Capaian program")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"81,44", "100,00", "93,75"} <= texts
