"""Word tables read as Word shows the accepted text (issue 20, item 2): content controls,
nested tables, tracked changes and hyperlinks. Each document is built here with
python-docx and its XML edited as Word writes it; the names are seed 002's (Towuti)."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from ingest_helpers import run
from lxml import etree

from analysis.ingest.formats.word import read_docx

HEADER = ["Kode", "Uraian", "Indikator", "Satuan", "Target TW I", "Realisasi TW I", "Keterangan"]
ROWS = [
    ["7.01.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan", "Dokumen", "120", "100", ""],
    ["7.01.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "Orang/bulan", "13", "13", ""],
    ["7.01.01.2.06.01", "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
     "Jumlah Paket Komponen Instalasi Listrik", "Paket", "4", "4", ""],
]  # fmt: skip


def _document(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Tabel 3.2 Capaian Kinerja Triwulan I Tahun 2024 Kecamatan Towuti")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for r, row in enumerate([HEADER, *ROWS]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return document, table._tbl


def _save(document, tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    path = raw / "towuti_2024_capaian.docx"
    document.save(str(path))
    return path


def _wrap(element, tag: str = "w:sdt") -> None:
    """Put ``element`` inside a content control (``w:sdt/w:sdtContent``) in its place."""
    sdt = etree.SubElement(element.getparent(), qn(tag))
    element.addprevious(sdt)
    etree.SubElement(sdt, qn("w:sdtPr"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    content.append(element)


def _cell(tbl, r: int, c: int):
    return tbl.findall(qn("w:tr"))[r].findall(qn("w:tc"))[c]


def _runs(cell, parts: list[tuple[str | None, str]]) -> None:
    """Replace the cell's paragraph runs by ``(wrapper tag or None, text)`` runs."""
    p = cell.find(qn("w:p"))
    for r in p.findall(qn("w:r")):
        p.remove(r)
    for wrapper, text in parts:
        parent = p if wrapper is None else etree.SubElement(p, qn(wrapper))
        if wrapper is not None:
            parent.set(qn("w:id"), "1")
            parent.set(qn("w:author"), "Operator")
        run_ = etree.SubElement(parent, qn("w:r"))
        deleted = wrapper in {"w:del"}
        t = etree.SubElement(run_, qn("w:delText" if deleted else "w:t"))
        t.text = text


def _kinerja(tmp_path: Path):
    result = run(tmp_path / "raw")
    assert not result.errors, str(result.errors)
    return result.kinerja_wide.set_index("kode")


def test_block_and_cell_content_controls_are_read_in_place(tmp_path: Path) -> None:
    document, tbl = _document(tmp_path)
    _wrap(_cell(tbl, 1, 4))  # the 120 of the first row in a cell-level control
    _wrap(tbl.findall(qn("w:tr"))[2])  # a whole row in a row-level control
    _wrap(tbl)  # the table in a block-level control
    _save(document, tmp_path)
    k = _kinerja(tmp_path)
    assert len(k) == 3
    assert k.loc["7.01.01.2.01.01", "target_tw1"] == 120
    assert k.loc["7.01.01.2.01.01", "realisasi_tw1"] == 100
    assert k.loc["7.01.01.2.02.01", "target_tw1"] == 13


def test_nested_table_stays_in_its_cell(tmp_path: Path) -> None:
    document, tbl = _document(tmp_path)
    inner = copy.deepcopy(tbl)  # a small table of figures typed inside the uraian cell
    for tr in inner.findall(qn("w:tr"))[2:]:
        inner.remove(tr)
    cell = _cell(tbl, 1, 1)
    cell.append(inner)
    cell.append(etree.Element(qn("w:p")))  # Word ends a cell with a paragraph
    path = _save(document, tmp_path)
    read = read_docx(path, path.name)
    assert len(read.grids) == 1
    assert len(read.grids[0].cells) == 2 + len(ROWS)  # title + header + rows, no more
    k = _kinerja(tmp_path)
    assert len(k) == 3
    assert k.loc["7.01.01.2.01.01", "target_tw1"] == 120
    assert k.loc["7.01.01.2.01.01", "uraian"].startswith(ROWS[0][1] + " Kode Uraian")


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document, tbl = _document(tmp_path)
    _runs(_cell(tbl, 1, 4), [("w:del", "90"), ("w:ins", "120")])
    _runs(_cell(tbl, 1, 5), [("w:moveFrom", "100"), ("w:moveTo", "100")])
    deleted_row = copy.deepcopy(tbl.findall(qn("w:tr"))[3])
    tr_pr = etree.SubElement(deleted_row, qn("w:trPr"))
    deleted_row.insert(0, tr_pr)
    etree.SubElement(tr_pr, qn("w:del")).set(qn("w:author"), "Operator")
    tbl.append(deleted_row)  # a deleted copy of the last row
    _save(document, tmp_path)
    k = _kinerja(tmp_path)
    assert len(k) == 3
    assert k.loc["7.01.01.2.01.01", "target_tw1"] == 120
    assert k.loc["7.01.01.2.01.01", "realisasi_tw1"] == 100


def test_hyperlinks_keep_their_target(tmp_path: Path) -> None:
    document, tbl = _document(tmp_path)
    url = "https://drive.example.go.id/towuti/tw1"
    rel = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    p = _cell(tbl, 1, 6).find(qn("w:p"))
    link = etree.SubElement(p, qn("w:hyperlink"))
    link.set(qn("r:id"), rel)
    t = etree.SubElement(etree.SubElement(link, qn("w:r")), qn("w:t"))
    t.text = "Foto kegiatan"
    simple = etree.SubElement(_cell(tbl, 2, 6).find(qn("w:p")), qn("w:fldSimple"))
    simple.set(qn("w:instr"), ' HYPERLINK "https://example.go.id/sk.pdf" ')
    etree.SubElement(etree.SubElement(simple, qn("w:r")), qn("w:t")).text = "SK Camat"
    _save(document, tmp_path)
    k = _kinerja(tmp_path)
    assert k.loc["7.01.01.2.01.01", "keterangan"] == f"Foto kegiatan <{url}>"
    assert k.loc["7.01.01.2.02.01", "keterangan"] == "SK Camat <https://example.go.id/sk.pdf>"
