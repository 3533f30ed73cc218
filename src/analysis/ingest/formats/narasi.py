"""The office's own explanations in a Word report: Hambatan, Solusi, faktor pendukung.

An LKj or evaluation report explains its figures in prose: under a heading naming a
program (``A. Program Pemberdayaan Masyarakat Desa dan Kelurahan dengan kegiatan :``) or
a sasaran (``SASARAN II : ...``) come labelled blocks - ``➤ Hambatan/Kendala``,
``Solusi``, ``1) Faktor penyebab keberhasilan``, ``Alternatif solusi yang telah
dilakukan`` - each followed by paragraphs or list items. :func:`narasi` turns the
paragraphs of a document into one row per explanation: what it refers to (tingkat,
kode, nama as the office wrote them), its kind (``jenis``: pendukung, penghambat,
solusi, catatan) from the label the office put over it, the text verbatim, and the file
and paragraph it came from.

The words that make a paragraph a label, a subject heading or a section heading are
data (:data:`LABEL`, :data:`SUBJEK`, :data:`SEKSI`). A lead-in sentence ending with a
colon (``... hambatan atau kendala yang dihadapi yaitu :``) introduces the list below it
and is not itself an explanation; a list item the converter broke after a function word
(``... bahan LAKIP dari`` / ``Kepala Seksi.``) is joined with its continuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.errors import IngestError
from analysis.ingest.formats.word import _W, _blocks, _text

JENIS = ("pendukung", "penghambat", "solusi", "catatan")

KOLOM = schema.NARASI
"""Columns of the ``narasi`` table (see docs/data-contract.md)."""

LABEL: tuple[tuple[str, str], ...] = (
    ("pendukung", r"faktor\s+(?:penyebab\s+|yang\s+mendukung\s+)?(?:keberhasilan|pendukung)"),
    ("pendukung", r"(?:ada\s+beberapa\s+)?hal(?:-hal)?\s+yang\s+(?:mempengaruhi|mendukung)"
                  r"\s+keberhasilan"),
    ("pendukung", r"(?:faktor\s+)?pendukung"),
    ("penghambat", r"faktor\s+(?:penyebab\s+)?(?:kegagalan|penghambat)"),
    ("penghambat", r"hambatan(?:\s*(?:/|dan|atau)\s*kendala)?"),
    ("penghambat", r"kendala(?:\s*(?:/|dan|atau)\s*hambatan)?"),
    ("penghambat", r"permasalahan(?:\s*(?:/|dan|atau)\s*kendala)?"),
    ("penghambat", r"masalah"),
    ("solusi", r"altern\w*(?:\s+solusi)?"),  # "Alternatif solusi", "Alterntive" (seed 003)
    ("solusi", r"solusi"),
    ("solusi", r"upaya(?:\s+(?:yang\s+)?(?:telah\s+)?(?:dilakukan|perbaikan))?"),
    ("solusi", r"langkah(?:-langkah)?(?:\s+\w+){0,3}"),
    ("solusi", r"(?:rencana\s+)?tindak\s+lanjut"),
    ("catatan", r"catatan|keterangan"),
)  # fmt: skip
"""(jenis, pattern) of a label paragraph, matched at its start (case-insensitive) after
list marks (``➤``, ``-``, ``1)``, ``a.``); the first that matches decides."""

SUBJEK: tuple[tuple[str, str], ...] = (
    ("sasaran", r"sasaran(?:\s+(?:strategis\s+)?(?:[ivx]+|\d+))?\s*:\s*(?P<nama>.+)"),
    ("program", r"(?:(?P<kode>\d{1,2}(?:\s?\.\s?\d{1,2}){1,4})\s+)?program\s+"
                r"(?!ini\b|tersebut\b|yang\b|dan\b)(?P<nama>.+?)"
                r"(?:\s*,?\s*(?:dengan\s+(?:rincian\s+)?kegiatan|yang\s+terdiri\s+dari)\b.*)?"),
    ("sub_kegiatan", r"(?:(?P<kode>\d{1,2}(?:\s?\.\s?\d{1,2}){4,6})\s+)?sub\s+kegiatan\s+"
                     r"(?!ini\b|tersebut\b|yang\b)(?P<nama>.+)"),
    ("kegiatan", r"(?:(?P<kode>\d{1,2}(?:\s?\.\s?\d{1,2}){3,5})\s+)?kegiatan\s+"
                 r"(?!ini\b|tersebut\b|yang\b|pendukung\b)(?P<nama>.+)"),
)  # fmt: skip
"""(tingkat, pattern) of a heading naming what the blocks below it explain; kegiatan and
sub kegiatan only as headings of their own (a Word heading style), never as items of
the list of kegiatan under a program."""

PENYEBAB = (
    r"\b(?:dikarenakan|disebabkan|penyebabnya|terkendala|kendala(?:-kendala)?|hambatan|"
    r"permasalahan)\b"
)
"""Words that make a sentence of running prose (no label above it) an obstacle the office
names: ``... dikarenakan pengurusan PBG harus ke Kabupaten`` (Towuti, seed 002). Weaker
words (``karena``, ``sebab``) also explain missing data and are not enough."""

SEKSI = r"(?:bab\s+[ivx]+\b|\d+\.\d+\.?\s+\S|[A-Z]\.\s+\S|\d{1,2}\.\s+\S)"
"""A section heading (``BAB IV``, ``3.2. Realisasi ...``, ``C. Analisa ...``, ``4.
Analisis ...``): it closes the label above it; ``BAB`` and ``3.2`` also the subject."""

_SEKSI_BESAR = re.compile(r"^(?:bab\s+[ivx]+\b|\d+\.\d+\.?\s+\S)", re.IGNORECASE)

_TANDA = re.compile(r"^[\s➤►▶•·▪■◆●○\-–—*#>]+")
_NOMOR = re.compile(r"^(?:(?P<n>\d{1,2})[.)]|[a-zA-Z][.)]|\([a-z0-9]\))\s+")
_PENGANTAR_AKHIR = re.compile(r"(?::|\byaitu|\byakni|\bsebagai berikut)\s*[:.]?\s*$", re.I)
_SAMBUNG = re.compile(
    r"\b(?:dari|dan|yang|untuk|di|ke|pada|dengan|oleh|serta|atau|terhadap|dalam|bagi)\s*$", re.I
)
_LABEL = [
    (jenis, re.compile(rf"^(?P<label>{p})\b\s*(?P<sisa>.*)$", re.IGNORECASE)) for jenis, p in LABEL
]
_SUBJEK = [(tingkat, re.compile(rf"^{p}\s*[:;,.]?\s*$", re.IGNORECASE)) for tingkat, p in SUBJEK]
_SEKSI = re.compile(rf"^{SEKSI}", re.IGNORECASE)
_PENYEBAB = re.compile(PENYEBAB, re.IGNORECASE)
_KALIMAT = re.compile(r"(?:(?<=[\w)%]{2}[.!?])|(?<=\w [.!?]))\s+(?=[A-Z])")
_PROGRAM_DALAM = re.compile(r"\b[Pp]rogram\s+([A-Z][\w/-]*(?:\s+(?:[A-Z][\w/-]*|dan))*)")
_ISI_LABEL = re.compile(r"^[^:]{0,60}?(?::|\byaitu\b|\byakni\b|\badalah\b)\s*(?P<isi>.*)$", re.I)
_TW = re.compile(r"\b(?:triwulan|tw)\s*\.?\s*(IV|III|II|I|[1-4])\b", re.IGNORECASE)
_ROMAWI = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass(frozen=True)
class Paragraf:
    """One paragraph of a document, as the reader sees it."""

    teks: str
    nomor: int  # 1-based, over the document's non-empty paragraphs
    daftar: bool = False  # a list item (Word list style or numbering)
    judul: bool = False  # a heading style


def _bersih(teks: str) -> str:
    return " ".join(teks.replace("**", "").split())


def _tanpa_tanda(teks: str) -> tuple[str, int | None]:
    """``➤ 1) Faktor ...`` -> (``Faktor ...``, 1)."""
    value = _TANDA.sub("", teks)
    found = _NOMOR.match(value)
    n = None
    if found:
        n = int(found.group("n")) if found.group("n") else None
        value = value[found.end() :]
        value = _TANDA.sub("", value)
    return value.strip(), n


def _label(inti: str, daftar: bool) -> tuple[str, str, str] | None:
    """(jenis, label as written, text after it) of a label paragraph, else None."""
    for jenis, pattern in _LABEL:
        found = pattern.match(inti)
        if not found:
            continue
        sisa = found.group("sisa")
        after = _ISI_LABEL.match(sisa)
        if after:  # "Hambatan: ...", "Faktor pendukung tercapainya target yakni ..."
            return jenis, found.group("label"), after.group("isi").strip(" :")
        if daftar or len(inti) > 80 or (sisa[:1].islower() and len(sisa) > 40):
            return None  # a sentence or list item that happens to open with the word
        return jenis, found.group("label"), ""
    return None


def _subjek(inti: str, judul: bool) -> tuple[str, str | None, str] | None:
    for tingkat, pattern in _SUBJEK:
        if tingkat in ("kegiatan", "sub_kegiatan") and not judul:
            continue
        found = pattern.match(inti)
        if found and len(inti) <= 250:
            kode = found.groupdict().get("kode")
            kode = re.sub(r"\s+", "", kode) if kode else None
            nama = found.group("nama").strip(" :;,.")
            if tingkat == "program":
                nama = f"Program {nama}"
            return tingkat, kode, nama
    return None


def narasi(paragraf: list[Paragraf]) -> pd.DataFrame:
    """The explanations in ``paragraf`` (one document, in order): columns ``tingkat``,
    ``kode``, ``nama``, ``jenis``, ``label``, ``teks``, ``paragraf``."""
    rows: list[dict] = []
    subjek: tuple[str, str | None, str] | None = None
    label: tuple[str, str] | None = None
    expect = 1  # the number a numbered item under the current label would carry
    for p in paragraf:  # a document's paragraphs: the state is the headings above
        teks = _bersih(p.teks)
        if not teks:
            continue
        inti, n = _tanpa_tanda(teks)
        daftar = p.daftar or teks != inti
        found_label = _label(inti, p.daftar and not teks.endswith(":"))
        if found_label:
            label = (found_label[0], found_label[1])
            expect = 1
            if found_label[2]:
                rows.append(_row(subjek, label, found_label[2], p.nomor))
            continue
        found_subject = _subjek(inti, p.judul)
        if found_subject:
            subjek, label = found_subject, None
            continue
        numbered_item = label is not None and n is not None and n == expect
        if not numbered_item and not p.daftar and _SEKSI.match(teks):
            label = None
            if _SEKSI_BESAR.match(teks):
                subjek = None
            continue
        if label is None:
            if not daftar and not p.judul and not _PENGANTAR_AKHIR.search(teks):
                rows.extend(_dalam_teks(teks, subjek, p.nomor))
            continue
        if n is not None and numbered_item:
            expect = n + 1
        if not daftar and _PENGANTAR_AKHIR.search(teks):
            continue  # "... yang dihadapi yaitu :" introduces the list below
        if rows and not daftar and rows[-1]["_terbuka"] and rows[-1]["label"] == label[1]:
            rows[-1]["teks"] += " " + inti  # "... bahan LAKIP dari" / "Kepala Seksi."
            rows[-1]["_terbuka"] = bool(_SAMBUNG.search(inti))
            continue
        rows.append(_row(subjek, label, inti, p.nomor))
    out = pd.DataFrame(rows, columns=["tingkat", "kode", "nama", "jenis", "label", "teks",
                                      "paragraf", "_terbuka"])  # fmt: skip
    out["paragraf"] = out["paragraf"].astype("Int64")
    return out.drop(columns="_terbuka")


def _dalam_teks(teks: str, subjek, nomor: int) -> list[dict]:
    """The sentences of an unlabelled paragraph that name a cause (:data:`PENYEBAB`), as
    obstacles of the program the paragraph names (``... pada program Penyelenggaraan
    Pemerintahan dan Pelayanan Publik antara ...``), else of the heading above it."""
    sentences = [x for x in _KALIMAT.split(teks) if _PENYEBAB.search(x)]
    if not sentences:
        return []
    named = _PROGRAM_DALAM.search(teks)
    if named:
        words = named.group(1).split()
        while words and words[-1] == "dan":
            words.pop()
        subjek = ("program", None, "Program " + " ".join(words))
    return [_row(subjek, ("penghambat", ""), x.strip(), nomor) for x in sentences]


def _row(subjek, label: tuple[str, str], teks: str, nomor: int) -> dict:
    tingkat, kode, nama = subjek if subjek else (None, None, None)
    return {
        "tingkat": tingkat,
        "kode": kode,
        "nama": nama,
        "jenis": label[0],
        "label": label[1],
        "teks": teks,
        "paragraf": nomor,
        "_terbuka": bool(_SAMBUNG.search(teks)),
    }


def triwulan_judul(paragraf: list[Paragraf], stem: str = "", awal: int = 30) -> int | None:
    """The quarter a report is about: ``Triwulan IV`` / ``TW 2`` in its first
    paragraphs (its title), else in the file name (``wotu_2024_tw4``); None if neither."""
    head = " ".join(p.teks.replace("**", "") for p in paragraf[:awal])
    for text in (head, stem.replace("_", " ")):
        found = _TW.search(text)
        if found:
            token = found.group(1).upper()
            return _ROMAWI.get(token) or int(token)
    return None


def paragraf_docx(document) -> list[Paragraf]:
    """The non-empty body paragraphs of a python-docx ``Document`` (not those inside
    tables), with their list and heading styles."""
    out: list[Paragraf] = []
    for block in _blocks(document.element.body):
        if block.tag != f"{_W}p":
            continue
        text = " ".join(_text(block).split())
        if not text:
            continue
        props = block.find(f"{_W}pPr")
        style = ""
        numbered = False
        if props is not None:
            st = props.find(f"{_W}pStyle")
            style = (st.get(f"{_W}val") or "") if st is not None else ""
            numbered = props.find(f"{_W}numPr") is not None
        name = _style_name(document, style).lower()
        out.append(
            Paragraf(
                text,
                len(out) + 1,
                daftar=numbered or "list" in name or "daftar" in name,
                judul=name.startswith(("heading", "judul", "title")),
            )
        )
    return out


def _style_name(document, style_id: str) -> str:
    if not style_id:
        return ""
    try:
        return document.styles.get_by_id(style_id, 1).name or style_id  # 1: paragraph style
    except (KeyError, ValueError, AttributeError):
        return style_id


def baca_docx(path: Path, display: str, kecamatan: str | None, tahun: int | None) -> pd.DataFrame:
    """The ``narasi`` rows of one Word file (``kecamatan``/``tahun``: from its name)."""
    import docx  # python-docx; only Word files need it

    return _baris(paragraf_docx(docx.Document(str(path))), display, kecamatan, tahun)


def _baris(
    paragraf: list[Paragraf], display: str, kecamatan: str | None, tahun: int | None
) -> pd.DataFrame:
    out = narasi(paragraf)
    stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    out.insert(0, "kecamatan", kecamatan)
    out.insert(1, "tahun", pd.array([tahun] * len(out), dtype="Int64"))
    tw = triwulan_judul(paragraf, stem)
    out.insert(2, "triwulan", pd.array([tw] * len(out), dtype="Int64"))
    out["sumber"] = display
    return out[KOLOM]


_TAHUN_NAMA = re.compile(r"(?:^|_)((?:19|20|21)\d\d)(?:_|$)")
_TAHUN_JUDUL = re.compile(r"\b(?:tahun(?:\s+anggaran)?)\s+((?:19|20|21)\d\d)\b", re.IGNORECASE)


def baca_berkas(files: list[tuple[Path, str]], kec_ref) -> tuple[pd.DataFrame, list[IngestError]]:
    """The ``narasi`` rows of every Word file (``(path, display)``), and an error for a
    file whose explanations cannot be given a kecamatan and year (from its name, else its
    title: ``KECAMATAN WOTU TAHUN 2024``). A file Word cannot open is left to the table
    reader, which reports it."""
    import docx  # python-docx; only Word files need it

    frames, errors = [], []
    for path, display in files:  # one document at a time
        try:
            document = docx.Document(str(path))
        except Exception:  # damaged: the table reader names it
            continue
        paragraf = paragraf_docx(document)
        has_table = any(b.tag == f"{_W}tbl" for b in _blocks(document.element.body))
        stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        head = " ".join(p.teks.replace("**", "") for p in paragraf[:30])
        kecamatan = kec_ref.from_file_name(stem) or kec_ref.find_in_text(head)
        year = _TAHUN_NAMA.search(stem) or _TAHUN_JUDUL.search(head)
        rows = _baris(paragraf, display, kecamatan, int(year.group(1)) if year else None)
        if rows.empty:
            if not has_table and paragraf:  # prose only, and none of it an explanation
                errors.append(
                    IngestError(
                        "file .docx tidak berisi tabel maupun uraian hambatan, solusi atau "
                        "faktor pendukung di bawah judul yang dikenali (mis. ➤ Hambatan/Kendala)",
                        file=display,
                    )
                )
            continue
        if kecamatan is None or year is None:
            missing = " dan ".join(
                w for w, v in (("kecamatan", kecamatan), ("tahun", year)) if v is None
            )
            errors.append(
                IngestError(
                    f"uraian hambatan/solusi ({len(rows)} butir) tanpa {missing}: namai "
                    "berkasnya <kecamatan>_<tahun>_... (mis. wotu_2024_lkj.docx)",
                    file=display,
                    row=int(rows["paragraf"].iloc[0]),
                )
            )
            continue
        frames.append(rows)
    if not frames:
        return pd.DataFrame(columns=KOLOM), errors
    return pd.concat(frames, ignore_index=True), errors
