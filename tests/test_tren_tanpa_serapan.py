"""The quarter-trend chart of a report whose office sent no budget yet (Towuti TW I-III
2024): issue 22's look at the pages found "serapan anggaran -" in the one-quarter
sentence and a chart titled "Capaian dan serapan" with no serapan line, unexplained."""

from __future__ import annotations

import pandas as pd

from analysis.reports import charts


def _tren(capaian: list[float], serapan: list[float | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "triwulan": range(1, len(capaian) + 1),
            "capaian_persen": capaian,
            "serapan_persen": pd.array(serapan, dtype="Float64").astype("float64"),
        }
    )


def test_one_quarter_without_serapan_says_it_was_not_reported():
    text = str(charts.tren_triwulan(_tren([100.0], [None]), "Capaian dan serapan 2024"))
    assert text == (
        "Baru ada satu triwulan (s/d TW I): capaian kinerja 100,00%, serapan anggaran belum "
        "dilaporkan; perkembangan per triwulan belum dapat digambar."
    )
    both = str(charts.tren_triwulan(_tren([97.11], [97.33]), "x"))
    assert "capaian kinerja 97,11%, serapan anggaran 97,33%;" in both


def test_a_trend_without_serapan_says_so_in_its_title():
    fig = charts.tren_triwulan(_tren([100.0, 100.0], [None, None]), "Capaian dan serapan 2024")
    title = fig.axes[0].get_title()
    assert title == "Capaian dan serapan 2024 (serapan anggaran belum dilaporkan)"
    fig = charts.tren_triwulan(_tren([100.0, 98.96], [None, 88.49]), "Capaian dan serapan 2024")
    assert fig.axes[0].get_title() == "Capaian dan serapan 2024"
