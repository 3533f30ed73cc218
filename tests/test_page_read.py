"""A kecamatan page printed as a planner hands it in (issue 22, looked at sheet by sheet):
a section with nothing wide to show is not sent to a landscape sheet of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.reports import loading, views


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_a_form_without_quarterly_figures_stays_on_the_portrait_sheet(data) -> None:
    """Kalaena TW IV 2022 has only s/d figures: the form's one sentence took a landscape
    sheet of its own, its heading left alone at the foot of the sheet before."""
    empty = str(views.rencana_aksi_html(data, "Kalaena", 2022, 4))
    assert "tidak melaporkan angka per triwulan untuk 2022" in empty
    assert "halaman-lebar" not in empty and "<table" not in empty
    full = str(views.rencana_aksi_html(data, "Kalaena", 2024, 4))
    assert '<section class="halaman-lebar">' in full and "tabel-rencana-aksi" in full


def test_form_rows_are_in_code_order_in_every_quarter(data) -> None:
    """Kalaena TW I 2024: three sub kegiatan of program 7.01.01 with no figure yet in
    TW I were listed after program 7.01.06, at the foot of the form."""
    from analysis.reports import action_plan

    for triwulan in (1, 2, 3, 4):
        rows, _ = action_plan.rencana_aksi(
            data.ringkasan, data.kinerja, data.anggaran, "Kalaena", 2024, triwulan
        )
        kode = rows["kode"].dropna().astype("str").tolist()
        assert kode == sorted(kode), (triwulan, kode)
        assert "7.01.01.2.01.01" in kode
