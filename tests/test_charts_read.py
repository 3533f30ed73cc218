"""Charts read as a planner reads them (issue 22, looked at page by page): nothing drawn
over the title, the same figure with the same decimals as the tables around it, whole
numbers on a count axis, and a kecamatan never called a program.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.reports import charts


def _banding() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uraian": ["Program A", "Program A", "Program B"],
            "tahun": [2024, 2025, 2024],
            "capaian_persen": [76.5, 100.0, 100.0],
        }
    )


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_year_legend_stays_clear_of_the_chart_title():
    """Kalaena TW I 2025: the legend's "Tahun" row was printed across the title."""
    fig = charts.banding_tahun(_banding(), "Capaian program s/d TW I: 2024 dan 2025")
    assert isinstance(fig, Figure)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend is not None
    title = ax.title.get_window_extent(renderer)
    assert not _overlaps(legend.get_window_extent(renderer), title)
    assert legend.get_title().get_text() == ""
    assert [t.get_text() for t in legend.get_texts()] == ["2024", "2025"]


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.texts)


def test_scatter_key_has_the_tables_two_decimals():
    """Overview TW IV 2024: the key said "99,0% capaian" under a table saying 98,96%."""
    titik = pd.DataFrame(
        {
            "kecamatan": ["Towuti", "Wotu"],
            "capaian_persen": [98.9583, 97.1111],
            "serapan_persen": [88.4912, 97.3301],
            "kategori": ["ST", "ST"],
            "kuadran": ["hemat", "sesuai rencana"],
        }
    )
    fig = charts.kuadran(titik, "Capaian vs serapan", label="kecamatan")
    key = _texts(fig)
    assert "Towuti (serapan 88,49%, capaian 98,96%)" in key
    assert "Wotu (serapan 97,33%, capaian 97,11%)" in key
    assert "99,0%" not in key


def test_count_axis_has_whole_numbers_only():
    """Overview TW I 2025: one indicator drew ticks 0 / 0,2 / 0,4 ... 1."""
    counts = pd.DataFrame({"ST": [1], "T": [0], "S": [0], "R": [0], "SR": [0]}, index=["Kalaena"])
    fig = charts.distribusi_kategori(counts, "Jumlah indikator per kategori")
    fig.draw(FigureCanvasAgg(fig).get_renderer())
    ticks = fig.axes[0].get_xticks()
    assert len(ticks) >= 2
    assert all(float(t).is_integer() for t in ticks)


def test_one_kecamatan_is_called_a_kecamatan():
    """Overview TW I 2025 and TW IV 2022: "yaitu Program Kalaena" for a kecamatan."""
    ranking = pd.DataFrame(
        {"kecamatan": ["Kalaena"], "capaian_persen": [100.0], "kategori": ["ST"]}
    )
    sentence = str(charts.peringkat(ranking, "Capaian kecamatan s/d TW I 2025"))
    assert sentence == (
        "Hanya satu kecamatan yang sudah memiliki capaian, yaitu Kalaena: 100,00% "
        "(kategori Sangat Tinggi)."
    )
    assert "Program" not in sentence
