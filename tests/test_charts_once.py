"""Each chart is laid out once for every output (issue 25): the page's SVG and the Word
draft's PNG come from one figure and one tight box, and the SVG is what it was.

The reference below is the previous way (``savefig(bbox_inches="tight")`` once per
format, each computing its own layout and box).
"""

from __future__ import annotations

import io
import re

import matplotlib
import pytest
from matplotlib.figure import Figure

from analysis.reports import chart_file, charts, loading, overview, views


def _figures(processed) -> list[tuple[str, object]]:
    data = loading.muat(processed)
    made: list[tuple[str, object]] = []
    for k, t, q in (("Wotu", 2024, 4), ("Towuti", 2024, 4), ("Kalaena", 2024, 2)):
        made += [
            ("program", charts.capaian_per_program(views.capaian_program(data, k, t, q), "A")),
            ("kuadran", charts.kuadran(views.titik_kuadran(data, k, t, q), "B")),
            ("tren", charts.tren_triwulan(views.tren_triwulan(data, k, t, q), "C")),
            ("banding", charts.banding_tahun(views.banding_tahun_lalu(data, k, t, q), "D")),
            ("iku", charts.riwayat_iku(views.riwayat_iku(data, k, t, q), "E")),
        ]
    made += [
        ("peta", charts.peta_panas(overview.matriks_program(data, 2024, 4), "F")),
        ("sebaran", charts.distribusi_kategori(overview.distribusi_kategori(data, 2024, 4), "G")),
    ]
    return [(name, fig) for name, fig in made if isinstance(fig, Figure)]


def _svg_as_before(fig: Figure, salt: str) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({**charts._RC, "svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def test_svg_byte_for_byte_as_with_a_tight_savefig(bundled, monkeypatch):
    """Every chart kind of the bundled reports: the SVG text equals the old path's."""
    before = {}
    for i, (name, fig) in enumerate(_figures(bundled)):
        before[i] = (name, _svg_as_before(fig, f"g{i}"))
    kinds = {name for name, _ in before.values()}
    assert {"program", "kuadran", "tren", "peta", "sebaran"} <= kinds
    for i, (name, fig) in enumerate(_figures(bundled)):
        monkeypatch.setattr(chart_file, "_ids", iter([i]))
        chart = charts.gambar(fig, "alt")
        expected = before[i][1]
        expected = expected[expected.index("<svg") :]
        # the old path's text through the same id/size/title rewriting as gambar's
        got_body = re.sub(r"<title>alt</title>", "", chart.svg)
        got_body = got_body.replace(' role="img" aria-label="alt"', "", 1)
        expected = re.sub(r'id="([^"]+)"', rf'id="g{i}-\1"', expected)
        expected = re.sub(r"url\(#([^)]+)\)", rf"url(#g{i}-\1)", expected)
        expected = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#g{i}-\1"', expected)
        expected = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", expected, count=1)
        expected = re.sub(r"<metadata>.*?</metadata>", "", expected, count=1, flags=re.S)
        assert got_body == expected, name


def test_one_layout_for_both_files(bundled, monkeypatch):
    """One tight box per chart (was one per format) and PNG and SVG share it."""
    calls = {"n": 0}
    real = Figure.get_tightbbox

    def counted(self, *args, **kwargs):
        calls["n"] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "get_tightbbox", counted)
    figures = _figures(bundled)
    for name, fig in figures:
        calls["n"] = 0
        chart = charts.gambar(fig, "alt")
        assert calls["n"] == 1, name
        png = chart.png
        assert png[:8] == b"\x89PNG\r\n\x1a\n", name
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', chart.svg)
        assert box, name
        # the same box in points (SVG) and in pixels at PNG_DPI (PNG), to the pixel
        assert width == pytest.approx(float(box[1]) * charts.PNG_DPI / 72, abs=1), name
        assert height == pytest.approx(float(box[2]) * charts.PNG_DPI / 72, abs=1), name


def test_no_png_without_a_word_draft(bundled):
    """The overview and the explorer have no Word draft: no PNG is made for them."""
    _name, fig = _figures(bundled)[0]
    chart = charts.gambar(fig, "alt", word=False)
    assert chart.png == b""
    assert chart._repr_png_() is None
    assert chart.svg.startswith("<svg")


def test_workbook_and_word_draft_make_each_tables_text_once(bundled, monkeypatch):
    """The workbook and the Word draft are built from the same official tables: the
    Indonesian text of each table's cells is made once for both (the workbook's copy with
    its formula wording shared it before it was made a second time for Word)."""
    import functools

    from analysis.reports import office_docx, office_xlsx, official, official_table

    made: list[str] = []
    real = official_table.TabelResmi._tampilan.func

    def counted(self):
        made.append(self.nama)
        return real(self)

    prop = functools.cached_property(counted)
    prop.__set_name__(official_table.TabelResmi, "_tampilan")
    monkeypatch.setattr(official_table.TabelResmi, "_tampilan", prop)
    data = loading.muat(bundled)
    for kecamatan in ("Wotu", "Towuti"):
        made.clear()
        tables = official.tabel_laporan(data, kecamatan, 2024, 4)
        office_xlsx.buku_kerja(tables, "judul")
        office_docx.dokumen(judul="j", subjudul="s", ringkasan=[], isi=[], tables=tables)
        assert sorted(made) == sorted(t.nama for t in tables), kecamatan
