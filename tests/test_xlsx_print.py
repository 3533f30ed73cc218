"""The workbook as printed: a sheet's title wraps across its table's width (a narrow table,
Kalaena 2022's one-year IKU, printed its title cut at the edge of the print area)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from analysis.reports import office, office_xlsx


@pytest.fixture(scope="module")
def kalaena_2022(bundled: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "kalaena.html"
    xlsx, _ = office.tulis_laporan(bundled, "Kalaena", 2022, 4, out)
    return xlsx


def test_every_title_wraps_across_its_table(kalaena_2022: Path) -> None:
    wb = openpyxl.load_workbook(kalaena_2022)
    for ws in wb.worksheets:
        row = office_xlsx.BARIS_JUDUL + 1
        title = ws.cell(row, 1)
        assert title.value and title.font.b, ws.title
        assert title.alignment.wrap_text, ws.title
        merged = [r for r in ws.merged_cells.ranges if r.min_row == row and r.min_col == 1]
        assert merged and merged[0].max_col == ws.max_column, ws.title
        # a title longer than the table is wide gets the lines it needs
        width = sum(ws.column_dimensions[c].width or 8.43 for c in _letters(ws.max_column))
        if len(title.value) * 1.35 > width * 1.1:
            assert (ws.row_dimensions[row].height or 15) >= 30, ws.title


def _letters(n: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, n + 1)]
