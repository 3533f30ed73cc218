"""An .ods formula with no stored result is an error naming its cell, not an empty cell
(issue 20, item 2: unreadable formulas are errors in every format)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd
from ingest_helpers import run


def _ods(path: Path, realisasi: str) -> None:
    frame = pd.DataFrame(
        {
            "Kode": ["7.01.01.2.07.01", "7.01.01.2.07.02"],
            "Uraian": ["Penanganan Pengaduan Masyarakat", "Koordinasi Ketenteraman"],
            "Indikator": ["Jumlah laporan", "Jumlah rapat"],
            "Satuan": ["Laporan", "Kali"],
            "Target TW I": [4, 3],
            "Realisasi TW I": [1111, 3],
        }
    )
    frame.to_excel(path, engine="odf", index=False)
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["content.xml"].decode("utf-8")
    cell = re.search(
        r"<table:table-cell[^>]*office:value=\"1111\"[^>]*>.*?</table:table-cell>", xml
    )
    assert cell, "the written cell is found"
    parts["content.xml"] = xml.replace(cell.group(0), realisasi).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", parts.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)


def test_ods_formula_without_stored_value_is_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _ods(raw / "towuti_2024_ra.ods", '<table:table-cell table:formula="of:=[.E2]*1"/>')
    result = run(raw)
    messages = [str(e) for e in result.errors.errors]
    assert len(messages) == 1, messages
    for part in ("towuti_2024_ra.ods", "baris 2", "'F'", "[.E2]*1", "nilai tersimpan"):
        assert part in messages[0], messages[0]


def test_ods_formula_with_its_result_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    _ods(
        raw / "towuti_2024_ra.ods",
        '<table:table-cell table:formula="of:=[.E2]*1" office:value-type="float" '
        'office:value="4"><text:p>4</text:p></table:table-cell>',
    )
    result = run(raw)
    assert not result.errors, str(result.errors)
    assert result.kinerja_wide["realisasi_tw1"].tolist() == [4, 3]
