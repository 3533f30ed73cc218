"""Office files neutralised like CSV (issue 20, item 7): formula-looking text in Word
headings and paragraphs, and bidi control characters from data, in every output."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import nbformat
import openpyxl
import pandas as pd
import pytest
from conftest import build_processed

from analysis import neutral, storage
from analysis.reports import export, office, office_content
from analysis.reports.office_content import Blok
from analysis.reports.office_docx import dokumen

CMD = "=cmd|' /C calc'!A0"
RLO = "\u202e"
BIDI_TEXT = f"Kegiatan {RLO}gnanaceneP{neutral.BIDI_CONTROLS} Desa"


def _has_bidi(text: str) -> bool:
    return any(c in text for c in neutral.BIDI_CONTROLS)


def test_one_rule_cleans_bidi_and_neutralises_formulas() -> None:
    assert neutral.neutralise(CMD) == "'" + CMD
    assert neutral.neutralise(RLO + CMD) == "'" + CMD  # a hidden override does not shield it
    assert neutral.neutralise("- Penyusunan") == "- Penyusunan"
    assert neutral.neutralise("- Penyusunan", strict=True) == "'- Penyusunan"
    assert neutral.neutralise(BIDI_TEXT) == "Kegiatan gnanaceneP Desa"
    for c in neutral.BIDI_CONTROLS:
        assert neutral.clean(f"a{c}b") == "ab"
    assert office_content.netralkan(RLO + "+cmd|x") == "'+cmd|x"
    s = pd.Series([BIDI_TEXT, "+62 812", 5, None, "biasa"], dtype=object)
    out = neutral.clean_series(s, strict=True)
    assert out.tolist()[:3] == ["Kegiatan gnanaceneP Desa", "'+62 812", 5]
    assert out[3] is None and out[4] == "biasa"


def test_docx_headings_and_paragraphs_are_neutralised() -> None:
    blocks = [
        Blok("judul", CMD, 2),
        Blok("paragraf", "+cmd|' /C calc'!A0 lalu " + RLO + "teks"),
        Blok("paragraf", "- Penyusunan Dokumen"),
    ]
    data = dokumen("@SUM(A1)", RLO + "=1+1", ["-2+3"], blocks, [])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    assert not _has_bidi(xml)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs if p.text]
    assert "'" + CMD in texts
    assert "'+cmd|' /C calc'!A0 lalu teks" in texts
    assert "'@SUM(A1)" in texts and "'=1+1" in texts and "'-2+3" in texts
    assert "- Penyusunan Dokumen" in texts
    assert not [t for t in texts if t[0] in "=+@"]


def test_bidi_from_data_reaches_neither_workbook_nor_document(tmp_path: Path) -> None:
    folder = build_processed(tmp_path / "olahan")
    k = pd.read_parquet(folder / "kinerja.parquet")
    wotu = k.index[(k["kecamatan"] == "Wotu") & (k["tahun"] == 2024)]
    k["uraian"] = k["uraian"].astype("object")
    k["keterangan"] = k["keterangan"].astype("object")
    k.loc[wotu, "uraian"] = k.loc[wotu, "uraian"] + RLO + "x"
    k.loc[wotu, "keterangan"] = RLO + CMD
    k.to_parquet(folder / "kinerja.parquet")
    xlsx, path = office.tulis_laporan(folder, "Wotu", 2024, 2, tmp_path / "wotu.html")
    with zipfile.ZipFile(xlsx) as z:
        assert not any(_has_bidi(z.read(n).decode("utf-8", "replace")) for n in z.namelist())
    wb = openpyxl.load_workbook(xlsx)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert "'" + CMD in values
    with zipfile.ZipFile(path) as z:
        assert not any(_has_bidi(z.read(n).decode("utf-8", "replace")) for n in z.namelist())


def test_csv_copy_drops_bidi_before_the_formula_check(tmp_path: Path) -> None:
    frame = pd.DataFrame({"uraian": [BIDI_TEXT, RLO + "=1+1", "biasa", None], "n": [1, 2, 3, 4]})
    storage.write_tables(tmp_path / "out", {"t": frame})
    text = (tmp_path / "out" / "t.csv").read_text(encoding="utf-8-sig")
    assert not _has_bidi(text)
    assert "'=1+1" in text and "Kegiatan gnanaceneP Desa" in text
    kept = pd.read_parquet(tmp_path / "out" / "t.parquet")
    assert kept["uraian"][0] == BIDI_TEXT  # the data itself is kept as read
    pandas_copy = storage.neutralise_csv_text(frame)
    assert pandas_copy["uraian"].tolist()[:3] == ["Kegiatan gnanaceneP Desa", "'=1+1", "biasa"]


def test_html_page_carries_no_bidi_control() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# Laporan\n\n{BIDI_TEXT}"))
    page = export.notebook_to_html(nb, "Wotu " + RLO + "x")
    assert not _has_bidi(page)
    assert "Kegiatan gnanaceneP Desa" in page


def test_explorer_downloads_drop_bidi_and_neutralise() -> None:
    from openpyxl import load_workbook

    from analysis.reports import explorer_render

    gaps = pd.DataFrame({"uraian": [RLO + "=1+1", BIDI_TEXT], "tahun": [2024, 2024]})
    csv = explorer_render.csv_bytes(gaps).decode("utf-8-sig")
    assert not _has_bidi(csv) and "'=1+1" in csv
    book = load_workbook(io.BytesIO(explorer_render.xlsx_bytes(gaps, "Wotu" + RLO)))
    values = [c.value for row in book.active.iter_rows() for c in row if c.value]
    assert not any(_has_bidi(str(v)) for v in values)
    assert "Kegiatan gnanaceneP Desa" in values


def test_index_page_carries_no_bidi_control(
    olahan_kecil: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analysis.reports import index_page, markup

    real = markup.render
    monkeypatch.setattr(markup, "render", lambda *a, **k: real(*a, **k) + f"<p>{BIDI_TEXT}</p>")
    page = index_page.write_index(tmp_path, olahan_kecil, {}).read_text(encoding="utf-8")
    assert "Kegiatan gnanaceneP Desa" in page and not _has_bidi(page)
