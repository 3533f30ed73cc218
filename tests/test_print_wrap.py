"""Names in the wide tables wrap between words, never mid-word, on screen and on A4.

Issue 22 (looking at Wotu TW IV printed): the landscape Tabel 3.4 showed
"Penyelenggaraa n Rapat", "bulanan/triwulanan/semestera n" and "Pemeliharaan/Re
habilitasi". Print hides the line break after the level and kode, so the kode and the
name ran together into one word; a slashed name had no place to wrap at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.reports import loading, markup, views


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_a_slashed_or_comma_joined_name_may_wrap_after_its_slash():
    assert str(markup.sela_kata("laporan bulanan/triwulanan/semesteran SKPD")) == (
        "laporan bulanan/<wbr>triwulanan/<wbr>semesteran SKPD"
    )
    assert str(markup.sela_kata("Perencanaan,Penganggaran, dan Evaluasi")) == (
        "Perencanaan,<wbr>Penganggaran, dan Evaluasi"
    )
    # still escaped: a name is text, never markup
    assert str(markup.sela_kata("<b>a/b</b>")) == "&lt;b&gt;a/<wbr>b&lt;/<wbr>b&gt;"
    assert str(markup.sela_kata(None)) == ""


@pytest.mark.parametrize("kecamatan", ["Wotu", "Towuti"])
def test_the_kode_and_the_name_are_two_words_when_the_line_break_is_hidden(data, kecamatan):
    page = str(views.tabel_kinerja_html(data, kecamatan, 2024, 4))
    cells = re.findall(r'<td class="uraian">(.*?)</td>', page, flags=re.S)
    assert cells
    for cell in cells:
        # what print shows: the <br> gone (display: none), tags dropped
        printed = re.sub(r"<[^>]+>", "", cell.replace("<br>", ""))
        assert not re.search(r"\d[A-Za-z]", printed), printed
    assert "bulanan/<wbr>triwulanan/<wbr>semesteran" in str(
        views.tabel_kinerja_html(data, "Wotu", 2024, 4)
    )
