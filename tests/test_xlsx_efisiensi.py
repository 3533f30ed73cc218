"""The nilai efisiensi has one value wherever it is printed.

TW IV 2024: Wotu's page and Word draft said "nilai efisiensi 49,4", the overview workbook's
Peringkat sheet 49,41 (Towuti 76,4 / 76,45).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.reports import loading, office_xlsx, official_ringkasan, overview, views


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_workbook_prints_the_pages_figure(data: loading.Tabel) -> None:
    t = official_ringkasan.tabel_peringkat(data, 2024, 4)
    shown = t.tampilan().set_index(t.baris["kecamatan"])
    for kec in ("Wotu", "Towuti"):
        card = str(views.kartu_utama(data, kec, 2024, 4))
        text = shown.at[kec, "efisiensi"]
        assert f"nilai efisiensi {text} pada skala" in card, (kec, text)
        assert text.count(",") == 1 and len(text.split(",")[1]) == overview.DESIMAL_EFISIENSI
    d = int(t.baris["_desimal_efisiensi"].iloc[0])
    assert office_xlsx.format_angka("angka", 49.41, "", d).endswith("#,##0.0")
