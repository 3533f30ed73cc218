"""What a planner found reading the bundled pages (issue 22, round 5 look): a sentence
that said the opposite of the table, counts that did not match the rows, the office's
list dash in the gap list, a file path in the footer, and two readings of one program's
capaian across the page, the workbook and the Word draft."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from jinja2 import Environment, FileSystemLoader

from analysis import formatting as fmt
from analysis.reports import charts, gap_views, hierarchy_rows, loading, official_3_4, views
from analysis.reports.gap_views import daftar_kesenjangan

TEMPLATES = Path(views.__file__).parent / "templates" / "laporan"


@pytest.fixture(scope="module")
def data(bundled: Path) -> loading.Tabel:
    return loading.muat(bundled)


def test_the_footer_names_no_folder_of_the_machine() -> None:
    """Every page ended "dari data olahan (data/processed)": a folder on the machine
    that made it, meaningless to the planner who reads the page."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)))
    template = env.get_template("index.html.j2")
    for laporan in ({"dibuat": "7 Desember 2026 23.32", "versi": "0.1.0"}, None):
        context = template.new_context({"resources": {"laporan": laporan}})
        footer = "".join(template.blocks["body_footer"](context))
        assert "Dibuat" in footer and "kinerja-kecamatan" in footer
        assert "data/processed" not in footer and "<code>" not in footer


def test_the_gap_list_drops_the_offices_list_dash(data) -> None:
    """Wotu TW IV 2024 typed "- Pelaporan Pengelolaan Retribusi Daerah": Tabel 3.4 and
    the finding titles drop the dash, the gap list on the page (and the workbook's
    Kesenjangan, which reads the same list) kept it."""
    gaps = daftar_kesenjangan(data, "Wotu", 2024, 4)
    names = gaps["uraian"].dropna().astype("str")
    assert "Pelaporan Pengelolaan Retribusi Daerah" in set(names)
    assert not names.str.match(fmt.LIST_MARK).any(), names[names.str.match(fmt.LIST_MARK)]
    page = str(gap_views.kesenjangan_html(views.kesenjangan_laporan(data, "Wotu", 2024, 4)))
    assert ">- " not in page and ">Pelaporan Pengelolaan Retribusi Daerah<" in page


@pytest.mark.parametrize(
    ("kecamatan", "tahun", "triwulan"),
    [("Kalaena", 2022, 4), ("Kalaena", 2024, 1), ("Kalaena", 2024, 4), ("Towuti", 2024, 4)],
)
def test_the_scope_line_counts_the_nodes_the_table_lists(data, kecamatan, tahun, triwulan):
    """Kalaena TW IV 2022: "Cakupan data: 5 program, 14 kegiatan, 35 sub kegiatan" above a
    Tabel 3.4 of 6 programs, 15 kegiatan and 36 sub kegiatan (program 7.01.02 has targets
    but no realisasi, so no capaian: the count skipped it, the table lists it)."""
    nodes = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    ).drop_duplicates(["tingkat", "kunci"])
    c = views.cakupan(data, kecamatan, tahun, triwulan)
    for tingkat in ("program", "kegiatan", "sub_kegiatan"):
        assert c[tingkat] == int(nodes["tingkat"].eq(tingkat).sum()), tingkat
    if (kecamatan, tahun) == ("Kalaena", 2022):
        assert (c["program"], c["kegiatan"], c["sub_kegiatan"]) == (6, 15, 36)


def test_a_program_without_realisasi_is_not_said_to_lack_targets(data) -> None:
    """Kalaena TW IV 2022, program 7.01.02: program, kegiatan and sub kegiatan carry
    targets (100, 100, 6) and no realisasi; the analysis said "tidak satu pun
    indikatornya memiliki target"."""
    text = re.sub(r"\s+", " ", str(views.analisis_html(data, "Kalaena", 2022, 4)))
    sentence = re.search(
        r"\(7\.01\.02\) s/d TW IV 2022 belum dapat dihitung karena ([^.]*)\.", text
    )
    assert sentence, "the program without capaian has its sentence"
    assert "tidak satu pun indikatornya memiliki target" not in sentence.group(1)
    assert "baru memiliki target" in sentence.group(1)
    assert "realisasinya belum dilaporkan" in sentence.group(1)


def test_one_reading_of_a_programs_capaian_across_page_and_workbook(data) -> None:
    """Kalaena TW I 2025: the program's own indicator has a target and no realisasi. The
    page, the cards and the TOTAL give the program the mean of its kegiatan (100,00%);
    the workbook's and the Word draft's Tabel 3.4 left its capaian cell empty under a
    TOTAL of 100,00. Now the cell holds the roll-up with a note under the table saying so
    (no "hitung ulang" column: nothing printed differs), and the
    analysis names which figure the program's capaian is."""
    t = official_3_4.tabel_3_4(data, "Kalaena", 2025, 1).baris
    program = t[t["_tingkat"].eq("program")].iloc[0]
    total = t[t["_tingkat"].eq("total")].iloc[0]
    page = views.capaian_program(data, "Kalaena", 2025, 1)
    assert pd.isna(program["realisasi"])
    assert program["capaian_kinerja"] == pytest.approx(float(page["capaian_persen"].iloc[0]))
    assert total["capaian_kinerja"] == pytest.approx(program["capaian_kinerja"])
    notes = official_3_4.tabel_3_4(data, "Kalaena", 2025, 1).catatan
    assert any(
        n.startswith("Indikator 7.01.02, 7.01.02.2.04 belum ada realisasinya") for n in notes
    )
    text = re.sub(r"\s+", " ", str(views.analisis_html(data, "Kalaena", 2025, 1)))
    assert (
        "Indikator tingkat program sendiri belum memiliki realisasi; capaian program "
        "100,00% di atas adalah rata-rata capaian kegiatannya." in text
    )


def test_a_row_whose_indicator_has_a_capaian_keeps_it(data) -> None:
    """The roll-up fills only an empty capaian: no figure of the other bundled reports
    changes (Towuti TW IV 2024, Wotu TW IV 2024)."""
    for kecamatan in ("Towuti", "Wotu"):
        notes = official_3_4.tabel_3_4(data, kecamatan, 2024, 4).catatan
        assert not any("belum ada realisasinya" in n for n in notes)


def test_one_sentence_for_a_chart_with_one_bar() -> None:
    """charts.capaian_per_program and charts.peringkat said the same thing in two
    near-twin sentences; now one function, one wording, the kind of bar named."""
    program = pd.DataFrame(
        {
            "uraian": ["PROGRAM PEMBERDAYAAN MASYARAKAT"],
            "capaian_persen": [98.5],
            "kategori": ["ST"],
        }
    )
    ranking = pd.DataFrame(
        {"kecamatan": ["Kalaena"], "capaian_persen": [100.0], "kategori": ["ST"]}
    )
    a = str(charts.capaian_per_program(program, "x"))
    b = str(charts.peringkat(ranking, "x"))
    assert a == (
        "Hanya satu program yang sudah memiliki capaian, yaitu Program Pemberdayaan "
        "Masyarakat: 98,50% (kategori Sangat Tinggi)."
    )
    assert b == (
        "Hanya satu kecamatan yang sudah memiliki capaian, yaitu Kalaena: 100,00% "
        "(kategori Sangat Tinggi)."
    )


def _number_boxes(fig) -> list:
    """Window boxes of the point numbers drawn on a capaian-serapan chart."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Annotation

    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    notes = [t for t in ax.texts if isinstance(t, Annotation) and t.get_text().isdigit()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in notes]


def test_point_numbers_on_the_scatter_do_not_overlap(data) -> None:
    """Towuti TW IV 2024: eight sub kegiatan at capaian 100 % with serapan 76-90 % had
    their numbers printed into one another ("8101213 14") over the points."""
    fig = charts.kuadran(views.titik_kuadran(data, "Towuti", 2024, 4), "x")
    boxes = _number_boxes(fig)
    assert len(boxes) >= 10
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), (a, b)


def test_the_conclusion_counts_the_programs_without_capaian(data) -> None:
    """Kalaena TW IV 2024: "Empat dari lima program berkategori Sangat Tinggi" above a
    table and paragraphs of six programs (7.01.04 has no indicator this quarter)."""
    text = re.sub(r"\s+", " ", str(views.analisis_html(data, "Kalaena", 2024, 4)))
    assert (
        "Empat dari lima program berkategori Sangat Tinggi. Capaian terendah ada pada "
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota (81,44%). Satu program "
        "lainnya belum memiliki capaian." in text
    )
    towuti = re.sub(r"\s+", " ", str(views.analisis_html(data, "Towuti", 2024, 4)))
    assert "lainnya belum memiliki capaian" not in towuti


def test_an_iku_label_under_its_target_clears_the_target_marker(data) -> None:
    """Towuti TW II 2024: realisasi 80,04 against target 80,1 - the label "80,04" was
    written above the point, onto the target marker."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Annotation

    fig = charts.riwayat_iku(views.riwayat_iku(data, "Towuti", 2024, 2), "x")
    renderer = FigureCanvasAgg(fig).get_renderer()
    checked = 0
    for ax in fig.axes:
        target = next(line for line in ax.get_lines() if line.get_label() == "Target")
        marks = ax.transData.transform(target.get_xydata())
        for note in (t for t in ax.texts if isinstance(t, Annotation)):
            box = note.get_window_extent(renderer).expanded(1.0, 1.0)
            for mx, my in marks:
                # the marker (about 6 px across) stays outside the label's box
                assert not box.padded(3).contains(mx, my), note.get_text()
            checked += 1
    assert checked >= 1


def test_one_rated_indicator_among_several_is_not_called_the_only_one(data) -> None:
    """Kalaena TW I 2025: the program has three indicators (program, kegiatan, sub
    kegiatan), only the sub kegiatan's has realisasi; the text called it "Satu-satunya
    indikator pada program ini". Wotu's programs, whose only indicator is the sub
    kegiatan's, keep the plain wording."""
    kalaena = re.sub(r"\s+", " ", str(views.analisis_html(data, "Kalaena", 2025, 1)))
    assert "Satu-satunya indikator yang dinilai pada program ini, Jumlah Dokumen" in kalaena
    assert "Satu-satunya indikator pada program ini" not in kalaena
    wotu = re.sub(r"\s+", " ", str(views.analisis_html(data, "Wotu", 2024, 4)))
    assert "Satu-satunya indikator pada program ini (sub kegiatan Pelaksanaan Tugas" in wotu


NESTED_BRACKETS = re.compile(r"\([^()]*\(")


@pytest.mark.parametrize(("kecamatan", "tahun", "triwulan"), [("Wotu", 2024, 4), (None, 2024, 4)])
def test_findings_name_their_column_without_a_bracket_in_a_bracket(
    data, kecamatan, tahun, triwulan
) -> None:
    """The findings list read "(capaian s/d triwulan (%))": the column's unit goes in
    words inside the brackets ("(capaian s/d triwulan, dalam persen)")."""
    f = gap_views.temuan(data, kecamatan, tahun, triwulan)
    assert f["kolom"].eq("capaian_sd_persen").any()
    page = str(gap_views.temuan_html(f, satu_kecamatan=kecamatan is not None))
    notes = re.findall(r'<span class="catatan">(\(.*?\))</span>', page)
    assert "(capaian s/d triwulan, dalam persen)" in notes
    assert not [n for n in notes if NESTED_BRACKETS.search(n)]
