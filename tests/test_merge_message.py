"""Two complementary tables that give one row different figures: the error names both
figures as a planner reads them (Indonesian separators), not as Python prints them."""

import pandas as pd

from analysis.errors import ErrorList
from analysis.ingest.rows.merge import merge_complementary


def test_conflict_figures_in_indonesian_format():
    frame = pd.DataFrame(
        {
            "indikator": ["Jumlah penduduk miskin", "Jumlah penduduk miskin"],
            "realisasi": [10274076.0, 10274.0],
            "sumber": ["a.xlsx:Capaian:34", "b.csv:b:34"],
        }
    )
    errors = ErrorList()
    merge_complementary(frame, ["indikator"], ["realisasi"], errors)
    texts = [str(e) for e in errors]
    assert len(texts) == 1, texts
    assert "a.xlsx:Capaian:34 = 10.274.076; b.csv:b:34 = 10.274" in texts[0], texts[0]
    assert "10,274" not in texts[0]
