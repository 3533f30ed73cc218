"""The Word draft as an LKj chapter (issue 22, item 2; analysis.reports.docx_chapter).

The drafts are built from the bundled data with the report notebook's own cells (run
in-process, without a kernel: each cell's last expression becomes its output, as Jupyter
displays it) and read back with python-docx, walking the document body in order.
"""

from __future__ import annotations

import ast
import base64
import re
from pathlib import Path

import docx
import nbformat
import pytest
from conftest import ROOT
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from analysis.reports import docx_chapter, office, tercetak
from analysis.reports.office_content import Blok

NOTEBOOK = ROOT / "notebooks" / "laporan_kecamatan.ipynb"
SECTION_OF = {
    "IKU": "Indikator Kinerja Utama (IKU)",
    "Tabel 3.4": "Realisasi kinerja dan anggaran",
    "Rencana Aksi": "Evaluasi atas Rencana Aksi",
    "Kesenjangan": "Indikator yang belum mencapai target",
    "Temuan": "Temuan kualitas data",
}
CAPTION = re.compile(r"^(Tabel|Gambar) 3\.(\d+) (.+)$")


def _output(value: object):
    if hasattr(value, "png") and hasattr(value, "alt"):
        return nbformat.v4.new_output(
            "display_data",
            data={"image/png": base64.b64encode(value.png).decode("ascii"), "text/plain": ""},
            metadata={"image/png": {"alt": value.alt}},
        )
    if hasattr(value, "_repr_html_"):
        return nbformat.v4.new_output("display_data", data={"text/html": value._repr_html_()})
    return None


def executed(processed: Path, kecamatan: str, tahun: int, triwulan: int):
    """The report notebook with its outputs, run in this process."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    ns: dict[str, object] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if "parameters" in cell.metadata.get("tags", []):
            ns.update(
                kecamatan=kecamatan, tahun=tahun, triwulan=triwulan, processed_dir=str(processed)
            )
            continue
        tree = ast.parse(cell.source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), ns)
        cell.outputs = []
        if last is not None:
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
            out = _output(value)
            if out is not None:
                cell.outputs = [out]
    return nb


def draft(processed: Path, tmp: Path, kecamatan: str, tahun: int, triwulan: int):
    nb = executed(processed, kecamatan, tahun, triwulan)
    html = tmp / f"{kecamatan}-{tahun}-{triwulan}.html"
    _, path = office.tulis_laporan(processed, kecamatan, tahun, triwulan, html, nb)
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def towuti(bundled: Path, tmp_path_factory: pytest.TempPathFactory):
    return draft(bundled, tmp_path_factory.mktemp("bab"), "Towuti", 2024, 4)


def body(document):
    """The body in order: ("p", Paragraph, section index) / ("tbl", Table, section index)."""
    out, section = [], 0
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(("p", Paragraph(el, document), section))
            if el.find(qn("w:pPr")) is not None and el.pPr.sectPr is not None:
                section += 1
        elif el.tag == qn("w:tbl"):
            out.append(("tbl", Table(el, document), section))
    return out


def tables_by_caption(document) -> list[tuple[str, int, str, int]]:
    """Per table: its caption's title, number, the Heading 2 above it, its section."""
    found, heading, caption = [], "", None
    for kind, item, section in body(document):
        if kind == "p":
            if item.style.name == "Heading 2":
                heading = item.text
            m = CAPTION.match(item.text)
            if m and m.group(1) == "Tabel":
                caption = (m.group(3), int(m.group(2)))
        else:
            assert caption is not None, "a table without a caption"
            found.append((caption[0], caption[1], heading, section))
            caption = None
    return found


def test_each_section_holds_its_own_tables_in_order(towuti) -> None:
    found = tables_by_caption(towuti)
    assert len(found) == 5
    by_heading = {heading: title for title, _, heading, _ in found}
    assert set(by_heading) == {
        h if h != "Evaluasi atas Rencana Aksi" else "Evaluasi atas Rencana Aksi Triwulan IV 2024"
        for h in SECTION_OF.values()
    }
    assert by_heading["Realisasi kinerja dan anggaran"].startswith(
        "Realisasi Kinerja dan Anggaran sampai dengan Triwulan IV Tahun 2024"
    )  # the form's own "Tabel 3.4" number gives way to the chapter's
    assert by_heading["Evaluasi atas Rencana Aksi Triwulan IV 2024"].startswith(
        "EVALUASI ATAS RENCANA AKSI"
    )
    assert by_heading["Temuan kualitas data"].startswith("Temuan Kualitas Data")
    texts = [p.text for p in towuti.paragraphs]
    assert docx_chapter.JUDUL_LAINNYA not in texts  # nothing left over at the end
    # Headings keep the report's order: the official tables sit inside it.
    order = [p.text for p in towuti.paragraphs if p.style.name == "Heading 2"]
    assert order.index("Indikator Kinerja Utama (IKU)") < order.index(
        "Realisasi kinerja dan anggaran"
    )
    assert order.index("Realisasi kinerja dan anggaran") < order.index("Temuan kualitas data")
    assert order[-1] == "Analisis capaian"


def test_captions_numbered_in_order_and_kept_with_what_they_name(towuti) -> None:
    items = body(towuti)
    numbers: dict[str, list[int]] = {"Tabel": [], "Gambar": []}
    for i, (kind, item, _) in enumerate(items):
        if kind != "p":
            continue
        m = CAPTION.match(item.text)
        if not m:
            continue
        assert item.style.name == "Caption"
        numbers[m.group(1)].append(int(m.group(2)))
        if m.group(1) == "Tabel":  # above its table, kept with it
            assert item.paragraph_format.keep_with_next
            ahead = [k for k, _, _ in items[i + 1 : i + 4]]
            assert "tbl" in ahead[:2] or (ahead[0] == "p" and items[i + 1][1].text)
        else:  # under its chart, the chart kept with it
            picture = items[i - 1][1]
            assert picture._p.xpath(".//w:drawing")
            assert picture.paragraph_format.keep_with_next
    assert numbers["Tabel"] == [1, 2, 3, 4, 5]
    assert numbers["Gambar"] == list(range(1, len(numbers["Gambar"]) + 1))
    assert len(numbers["Gambar"]) >= 4


def test_headings_use_heading_styles_and_a_table_of_contents(towuti) -> None:
    styles = [p.style.name for p in towuti.paragraphs if p.style.name.startswith("Heading")]
    assert styles.count("Heading 1") == 1  # the chapter
    assert {"Heading 2", "Heading 3", "Heading 4"} <= set(styles)
    headings = {p.text for p in towuti.paragraphs if p.style.name == "Heading 2"}
    assert {"Ringkasan", "Realisasi kinerja dan anggaran", "Temuan kualitas data"} <= headings
    instructions = [i.text for i in towuti.element.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions)


def test_page_numbers_in_the_footer(towuti) -> None:
    first = towuti.sections[0]
    assert not first.footer.is_linked_to_previous
    fields = [i.text.strip() for i in first.footer._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE"]
    assert all(s.footer.is_linked_to_previous for s in towuti.sections[1:])


def test_a4_portrait_with_landscape_sections_for_the_wide_forms(towuti) -> None:
    sections = towuti.sections
    assert len(sections) >= 3
    first = sections[0]
    assert (round(first.page_width.cm, 1), round(first.page_height.cm, 1)) == (21.0, 29.7)
    for title, _, _, index in tables_by_caption(towuti):
        s = sections[index]
        if title.startswith(("Realisasi Kinerja dan Anggaran", "EVALUASI ATAS RENCANA AKSI")):
            assert (round(s.page_width.cm, 1), round(s.page_height.cm, 1)) == (29.7, 21.0)
    assert sections[-1].page_width < sections[-1].page_height  # back to portrait after


def test_header_rows_repeat_and_rows_never_split(towuti) -> None:
    for table in towuti.tables:
        rows = table._tbl.xpath("./w:tr")
        assert all(r.xpath("./w:trPr/w:cantSplit") for r in rows)
        assert rows[0].xpath("./w:trPr/w:tblHeader")


def _section_texts(document) -> dict[str, tuple[list[str], list[list[str]]]]:
    out: dict[str, tuple[list[str], list[list[str]]]] = {}
    heading = ""
    for kind, item, _ in body(document):
        if kind == "p" and item.style.name == "Heading 2":
            heading = item.text
            out[heading] = ([], [])
        elif kind == "p" and heading:
            out[heading][0].append(item.text)
        elif kind == "tbl" and heading:
            out[heading][1].extend(c.text for r in item.rows for c in r.cells)
    return out


def test_every_mark_the_text_explains_is_in_its_section(towuti) -> None:
    sections = _section_texts(towuti)
    for heading, (paragraphs, cells) in sections.items():
        shown = docx_chapter.tanda_tabel(cells)
        for text in paragraphs:
            assert not docx_chapter.tanda_disebut(text) - shown, (heading, text)
    # The printed-figure mark is in Towuti's tables, with its legend under them.
    marked = [h for h, (_, cells) in sections.items() if any(c.endswith(" *") for c in cells)]
    assert marked
    for heading in marked:
        assert tercetak.CATATAN_TANDA in sections[heading][0], heading
    # The report's own note under its table ("bertanda † terhadap pagu") describes the
    # HTML table, not the official one, and is left out with it.
    assert not any("terhadap pagu (sumber" in p.text for p in towuti.paragraphs)


def test_scope_caveat_stays_in_kalaena_2025(bundled: Path, tmp_path: Path) -> None:
    document = draft(bundled, tmp_path, "Kalaena", 2025, 1)
    texts = [p.text for p in document.paragraphs]
    caveat = [t for t in texts if "satu seksi" in t]
    assert len(caveat) == 1 and "bukan seluruh Kantor Kecamatan" in caveat[0]
    assert texts.index(caveat[0]) < texts.index(docx_chapter.JUDUL_BAB)  # under the title
    # A full office's draft states its scope without the caveat.
    _, path = office.tulis_laporan(bundled, "Wotu", 2024, 4, tmp_path / "wotu.html")
    wotu = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(t.startswith("Cakupan data:") for t in wotu)
    assert not any("satu seksi" in t for t in wotu)


def test_tables_the_report_did_not_show_go_to_a_last_section() -> None:
    isi = [
        Blok("judul", "A", 2),
        Blok("paragraf", "teks"),
        Blok("tabel", "Tabel 3.4"),
        Blok("tabel", "Tabel 3.4"),  # shown twice: placed once
        Blok("judul", "B", 2),
        Blok("paragraf", "tanpa tabel"),
    ]
    plan = docx_chapter.susun(isi, ["Tabel 3.4", "IKU", "Temuan"], {"Tabel 3.4"}, {"Temuan"})
    assert [[(b.jenis, b.teks) for b in s.blok] for s in plan] == [
        [("judul", "A"), ("paragraf", "teks"), ("tabel", "Tabel 3.4")],
        [("judul", "B"), ("paragraf", "tanpa tabel")],
        [("judul", docx_chapter.JUDUL_LAINNYA), ("tabel", "IKU")],  # empty Temuan: the text says
    ]
    assert [s.mendatar for s in plan] == [True, False, False]
    # Without any text of the report, every table goes there, empty ones with their message.
    alone = docx_chapter.susun([], ["Tabel 3.4", "Temuan"], set(), {"Temuan"})
    assert [(b.jenis, b.teks) for b in alone[0].blok][1:] == [
        ("tabel", "Tabel 3.4"),
        ("tabel", "Temuan"),
    ]


def test_a_sentence_explaining_an_absent_mark_goes() -> None:
    text = (
        "Kinerja kumulatif. Angka tercetak; bila berbeda, angkanya bertanda * dan hasil "
        "hitung ulang ada di kolom terakhir."
    )
    assert docx_chapter.tanpa_tanda_asing(text, set()) == "Kinerja kumulatif."
    assert docx_chapter.tanpa_tanda_asing(text, {"*"}) == text
    warn = "Indikator di bawah target; tanda ⚠ berarti baris itu juga punya temuan."
    assert docx_chapter.tanpa_tanda_asing(warn, {"*"}) == ""
    assert docx_chapter.tanda_tabel(["100,00 *", "x"]) == {"*"}


def test_text_between_two_landscape_sections_stays_on_their_pages() -> None:
    isi = [
        Blok("judul", "Realisasi", 2),
        Blok("tabel", "Tabel 3.4"),
        Blok("judul", "Evaluasi", 2),
        Blok("paragraf", "Kecamatan hanya melaporkan angka kumulatif."),
        Blok("judul", "Kesenjangan", 2),
        Blok("tabel", "Kesenjangan"),
        Blok("judul", "Analisis", 2),
        Blok("paragraf", "teks"),
    ]
    wide = {"Tabel 3.4", "Kesenjangan"}
    plan = docx_chapter.susun(isi, ["Tabel 3.4", "Kesenjangan"], wide, set())
    assert [s.mendatar for s in plan] == [True, True, True, False]
    # A long text (the written analysis) gets its portrait pages even there.
    long = [*isi[:3], Blok("paragraf", "x" * (docx_chapter.HURUF_SELA_MAKS + 1)), *isi[4:]]
    plan = docx_chapter.susun(long, ["Tabel 3.4", "Kesenjangan"], wide, set())
    assert [s.mendatar for s in plan] == [True, False, True, False]


def test_a_short_text_before_a_landscape_section_goes_onto_its_pages() -> None:
    # Towuti TW IV: one sentence under its heading, after a page of charts and before the
    # landscape IKU section, printed alone on a portrait sheet.
    isi = [
        Blok("judul", "Perkembangan per triwulan", 2),
        Blok("gambar", "grafik", png=b"x"),
        Blok("judul", "Dibandingkan triwulan yang sama tahun lalu", 2),
        Blok("paragraf", "Tidak ada data triwulan yang sama tahun lalu untuk dibandingkan."),
        Blok("judul", "Indikator Kinerja Utama (IKU)", 2),
        Blok("tabel", "IKU"),
    ]
    plan = docx_chapter.susun(isi, ["IKU"], {"IKU"}, set())
    assert [s.mendatar for s in plan] == [False, True, True]
    # Only that one: Kalaena TW I has three short text sections in a row there; all three
    # on the landscape sheet pushed the IKU chart to the next one.
    chain = [
        Blok("judul", "Capaian per program", 2),
        Blok("gambar", "grafik", png=b"x"),
        Blok("judul", "Capaian dibandingkan serapan anggaran", 2),
        Blok("paragraf", "Belum ada pasangan capaian dan serapan untuk digambar."),
        Blok("judul", "Perkembangan per triwulan", 2),
        Blok("paragraf", "Baru ada satu triwulan (s/d TW I)."),
        *isi[2:],
    ]
    plan = docx_chapter.susun(chain, ["IKU"], {"IKU"}, set())
    assert [s.mendatar for s in plan] == [False, False, False, True, True]


def test_figures_keep_their_width_when_a_wide_table_is_squeezed() -> None:
    import pandas as pd

    from analysis.reports import office_docx
    from analysis.reports.official_table import Kolom, TabelResmi

    text = [Kolom(f"t{i}", f"Teks {i}") for i in range(6)]
    money = [Kolom(f"r{i}", f"Rp {i}", "rupiah") for i in range(5)]
    rows = pd.DataFrame(
        {
            **{k.kunci: ["7.01.01.2.01.01.001 uraian"] * 3 for k in text},
            **{k.kunci: [3_056_331_499.0] * 3 for k in money},
        }
    )
    t = TabelResmi(nama="X", judul="X", kolom=(*text, *money), baris=rows)
    shown = t.tampilan()
    page = docx_chapter.MENDATAR.lebar_teks
    assert sum(office_docx._column_widths(t, shown, page, scale=False)) > page  # squeezed
    widths = office_docx._column_widths(t, shown, page)
    assert abs(sum(widths) - page) < 0.01
    for k, w in zip(t.kolom, widths, strict=True):
        if k.jenis != "teks":  # "3.056.331.499" stays on one line
            figure = office_docx.docx_lebar.lebar_cm(pd.Series(["3.056.331.499"])).iloc[0]
            assert w >= figure + 2 * office_docx.docx_lebar.MARGIN_SEL_CM - 1e-6, w
