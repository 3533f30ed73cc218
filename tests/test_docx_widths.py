"""Column widths of the Word draft's tables (analysis.reports.docx_lebar), checked on the
written document against the real glyph widths of DejaVu Serif (the font LibreOffice
prints when Calibri is missing, shipped with matplotlib): header words never break, a
header merged down two rows fits in them, the long notes (KET) get the room, and the
text leading into a table stays on its page.
"""

from __future__ import annotations

import math
from pathlib import Path

import docx
import matplotlib
import pandas as pd
import pytest
from docx.oxml.ns import qn
from PIL import ImageFont

from analysis.reports import docx_chapter, docx_lebar, office_docx
from analysis.reports.office_content import Blok
from analysis.reports.official_table import Kolom, TabelResmi

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
TWIP_CM = 2.54 / 1440
LINE = 1.17  # DejaVu Serif line height in em


def _font(bold: bool, pt: float) -> ImageFont.FreeTypeFont:
    name = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf"
    return ImageFont.truetype(str(FONTS / name), size=max(1, round(pt * 100)))


def _cm(text: str, bold: bool, pt: float) -> float:
    """Printed width of ``text`` in cm (measured at 100x, for precision)."""
    return _font(bold, pt).getlength(text) / 100 / 72 * 2.54


def _lines(text: str, width_cm: float, bold: bool, pt: float) -> int:
    """Lines ``text`` wraps into at ``width_cm`` (greedy, between words)."""
    lines, current = 1, ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and _cm(trial, bold, pt) > width_cm:
            lines, current = lines + 1, word
        else:
            current = trial
    return lines


@pytest.fixture(scope="module")
def kalaena(bundled: Path, tmp_path_factory: pytest.TempPathFactory):
    from analysis.reports import office

    out = tmp_path_factory.mktemp("lebar") / "kalaena.html"
    _, path = office.tulis_laporan(bundled, "Kalaena", 2024, 4, out)
    return docx.Document(str(path))


def _margin_cm(tbl) -> float:
    mar = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn('w:left')}")
    return (int(mar.get(qn("w:w"))) if mar is not None else 108) * TWIP_CM


def _cells(tr):
    """(width cm, text, bold, size pt, vMerge) of each cell of a row."""
    out = []
    for tc in tr.iter(qn("w:tc")):
        width = int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) * TWIP_CM
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        sz = tc.find(f".//{qn('w:rPr')}/{qn('w:sz')}")
        size = int(sz.get(qn("w:val"))) / 2 if sz is not None else docx_lebar.UKURAN_ISI_PT
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        state = None if merge is None else (merge.get(qn("w:val")) or "continue")
        out.append((width, text, tc.find(f".//{qn('w:b')}") is not None, size, state))
    return out


def _header_rows(tbl):
    return [
        tr
        for tr in tbl.iter(qn("w:tr"))
        if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    ]


def test_header_words_never_break(kalaena) -> None:
    checked = 0
    for tbl in kalaena.element.body.iter(qn("w:tbl")):
        margin = _margin_cm(tbl)
        for tr in _header_rows(tbl):
            for width, text, bold, size, _ in _cells(tr):
                for word in text.split():
                    assert _cm(word, bold, size) <= width - 2 * margin, (word, width)
                    checked += 1
    assert checked > 50


def test_a_header_merged_down_two_rows_fits_in_them(kalaena) -> None:
    two_row = 0
    for tbl in kalaena.element.body.iter(qn("w:tbl")):
        rows = _header_rows(tbl)
        top = _cells(rows[0])
        if not any(state == "restart" for *_, state in top):
            continue
        two_row += 1
        margin = _margin_cm(tbl)
        second = rows[1]
        height = second.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
        size = top[0][3]
        lh_cm = size * LINE / 72 * 2.54
        own = max(
            _lines(text, w - 2 * margin, bold, pt)
            for w, text, bold, pt, st in _cells(second)
            if st is None
        )
        held = max(
            own, (int(height.get(qn("w:val"))) * TWIP_CM / lh_cm) if height is not None else 0
        )
        for width, text, bold, pt, state in top:
            if state == "restart":
                need = _lines(text, width - 2 * margin, bold, pt)
                assert need <= 1 + math.floor(held + 0.05), (text, need, held)
    assert two_row >= 2  # Tabel 3.4 and the Rencana Aksi


def test_long_notes_get_the_room(bundled: Path) -> None:
    from analysis.reports import loading, official

    data = loading.muat(bundled)
    t = next(
        t for t in official.tabel_laporan(data, "Kalaena", 2024, 4) if t.nama == "Rencana Aksi"
    )
    page = docx_chapter.MENDATAR.lebar_teks
    widths = dict(
        zip(
            (k.kunci for k in t.kolom),
            office_docx._column_widths(t, t.tampilan(), page),
            strict=True,
        )
    )
    assert abs(sum(widths.values()) - page) < 0.01
    labels = [widths[k] for k in ("kode", "uraian", "indikator", "satuan")]
    # KET holds notes of up to a thousand characters; the labels beside it are short.
    assert widths["keterangan"] >= 1.5 * max(labels), widths


def test_text_leading_into_a_table_stays_with_it(tmp_path: Path) -> None:
    t = TabelResmi(
        nama="X",
        judul="Tabel X",
        kolom=(Kolom("a", "Uraian"), Kolom("b", "Nilai", "angka")),
        baris=pd.DataFrame({"a": ["satu", "dua"], "b": [1.0, 2.0]}),
    )
    isi = [
        Blok("judul", "Bagian", 2),
        Blok("paragraf", "Pengantar umum."),
        Blok("paragraf", "Tabel berikut memuat angkanya."),
        Blok("tabel", "X"),
        Blok("paragraf", "Penutup."),
    ]
    raw = office_docx.dokumen("Judul", "Sub", [], isi, [t])
    path = tmp_path / "x.docx"
    path.write_bytes(raw)
    kept = {p.text: p.paragraph_format.keep_with_next for p in docx.Document(str(path)).paragraphs}
    assert kept["Tabel berikut memuat angkanya."] is True
    assert not kept["Pengantar umum."]
    assert not kept["Penutup."]


def test_a_word_joined_by_a_slash_fits_whole() -> None:
    # LibreOffice does not break "Orang/Bulan" after the slash: the column holds it whole.
    t = TabelResmi(
        nama="X",
        judul="X",
        kolom=(
            Kolom("satuan", "Satuan"),
            Kolom("ket", "Keterangan"),
            Kolom("n", "Nilai", "angka"),
        ),
        baris=pd.DataFrame(
            {
                "satuan": ["Dokumen/Laporan", "Orang/Bulan", "%"],
                "ket": ["catatan " * 40, "catatan " * 60, "-"],
                "n": [1.0, 2.0, 3.0],
            }
        ),
    )
    page = docx_chapter.TEGAK.lebar_teks
    widths = office_docx._column_widths(t, t.tampilan(), page)
    room = widths[0] - 2 * docx_lebar.MARGIN_SEL_CM
    assert _cm("Dokumen/Laporan", False, docx_lebar.UKURAN_ISI_PT) <= room, widths


def test_a_figure_and_its_mark_stay_on_one_line() -> None:
    # Wotu TW IV: "3.135.828.551 *" printed its mark on a line of its own.
    t = TabelResmi(
        nama="X",
        judul="X",
        kolom=(Kolom("u", "Uraian"), Kolom("pagu", "Pagu", "rupiah")),
        baris=pd.DataFrame({"u": ["satu " * 30, "dua"], "pagu": [3135828551.0, 7557500.0]}),
    )
    shown = t.tampilan()
    shown.loc[0, "pagu"] = shown.loc[0, "pagu"] + " *"  # as a printed figure shows
    widths = office_docx._column_widths(t, shown, docx_chapter.TEGAK.lebar_teks)
    room = widths[1] - 2 * docx_lebar.MARGIN_SEL_CM
    assert _cm("3.135.828.551 *", False, docx_lebar.UKURAN_ISI_PT) <= room, widths


def _lebar_cm_per_class(texts: pd.Series, pt: float, *, tebal: bool = False) -> pd.Series:
    """The width as first written: one regex count over every text per class of equal
    width (some fifty pandas passes per call; 18 CPU s for one Word draft)."""
    import re

    classes: dict[tuple[float, float], str] = {}
    for c, w in docx_lebar.HURUF_EM.items():
        classes[w] = classes.get(w, "") + re.escape(c)
    s = texts.fillna("").astype(str)
    i = 1 if tebal else 0
    total = s.str.len().astype(float)
    em = pd.Series(0.0, index=s.index)
    for widths, chars in classes.items():
        n = s.str.count(f"[{chars}]").astype(float)
        em += n * widths[i]
        total -= n
    em += total * docx_lebar.LAIN_EM[i]
    return em * pt * docx_lebar.CM_PER_PT


def test_width_once_per_distinct_text_is_the_per_class_sum_bit_for_bit() -> None:
    """Measuring each distinct text once (issue 25: the per-class passes made a Word
    draft cost 18 CPU s) gives the very same floats, so no column width changes."""
    import random

    rng = random.Random(7)
    alphabet = "".join(docx_lebar.HURUF_EM) + "éÅ€→…\t"
    texts = pd.Series(
        ["", None, "Orang/Bulan", "3.135.828.551 *", "TRIWULAN", "Perundang-Undangan"]
        + ["".join(rng.choices(alphabet, k=rng.randint(0, 400))) for _ in range(300)]
        + ["Orang/Bulan"] * 5
    )
    for pt, tebal in ((docx_lebar.UKURAN_ISI_PT, False), (docx_lebar.UKURAN_JUDUL_PT, True)):
        new = docx_lebar.lebar_cm(texts, pt, tebal=tebal)
        old = _lebar_cm_per_class(texts, pt, tebal=tebal)
        assert new.index.equals(old.index)
        assert (new.to_numpy() == old.to_numpy()).all()


def test_width_does_not_pass_over_the_texts_once_per_class(monkeypatch) -> None:
    """The width is measured without a pandas string count per class of letters (the
    fifty passes per call that made one Word draft cost 18 CPU s)."""
    from pandas.core.strings.accessor import StringMethods

    calls = []
    monkeypatch.setattr(StringMethods, "count", lambda *a, **k: calls.append(1))
    docx_lebar.lebar_cm(pd.Series(["Penyediaan Gaji dan Tunjangan ASN"] * 50))
    assert calls == []
