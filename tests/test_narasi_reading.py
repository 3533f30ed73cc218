"""The office's Hambatan/Solusi prose read from a Word report (analysis.ingest.formats.narasi),
on the seeds' own wording: Wotu's LKj chapter III (seed 004) as a .docx, Kalaena's TW I
2025 section-head report (seed 003) and a Towuti paragraph without labels (seed 002)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.ingest.formats import narasi

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("narasi_build", HERE / "data/narasi/build.py")
build = importlib.util.module_from_spec(_spec)
sys.modules["narasi_build"] = build  # dataclasses look their module up
_spec.loader.exec_module(build)


def _paragraf(name: str) -> list[narasi.Paragraf]:
    return [
        narasi.Paragraf(b.teks, i, daftar=bool(b.daftar), judul=b.judul)
        for i, b in enumerate(build.paragraphs(name), start=1)
    ]


@pytest.fixture(scope="module")
def wotu_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("narasi") / "wotu_2024_lkj_bab3.docx"
    build.build("wotu_2024_bab3", path)
    return path


@pytest.fixture(scope="module")
def wotu(wotu_docx) -> pd.DataFrame:
    return narasi.baca_docx(wotu_docx, "wotu_2024_lkj_bab3.docx", "Wotu", 2024)


def test_every_hambatan_and_solusi_of_wotu_is_read_verbatim(wotu):
    # seed 004 lines 781-1009: six blocks of sasaran factors, five programs' blocks
    assert len(wotu) == 40
    assert set(wotu["kecamatan"]) == {"Wotu"}
    assert set(wotu["tahun"]) == {2024} and set(wotu["triwulan"]) == {4}  # "TRIWULAN IV"
    seed = (HERE / "data/narasi/wotu_2024_bab3.txt").read_text(encoding="utf-8")
    for teks in wotu["teks"]:  # each text is a seed paragraph (or two the converter broke)
        assert teks in seed.replace("dari\n\nKepala", "dari Kepala"), teks
    counts = wotu.groupby(["nama", "jenis"]).size()
    prog = "Program Pembinaan dan Pengawasan Pemerintahan Desa"
    assert counts[(prog, "penghambat")] == 3
    assert counts[(prog, "solusi")] == 3
    assert counts[(prog, "pendukung")] == 3


def test_a_hambatan_names_its_program_and_paragraph(wotu):
    row = wotu[wotu["teks"].str.startswith("Masih kurangnya partisipasi perempuan")].iloc[0]
    assert row["tingkat"] == "program"
    assert row["nama"] == "Program Pemberdayaan Masyarakat Desa dan Kelurahan"
    assert row["jenis"] == "penghambat" and row["label"] == "Hambatan/Kendala"
    assert row["sumber"] == "wotu_2024_lkj_bab3.docx"
    assert row["paragraf"] == 46


def test_lead_in_sentences_and_program_listings_are_not_explanations(wotu):
    assert not wotu["teks"].str.contains("yang dihadapi yaitu").any()
    assert not wotu["teks"].str.contains("Pelaksanaan Urusan Pemerintahan yang Dilimpahkan").any()
    assert not wotu["teks"].str.contains("Anggaran yang direncanakan").any()  # section 4.


def test_a_line_the_converter_broke_after_dari_is_one_obstacle(wotu):
    assert "Keterlambatan pengumpulan data untuk bahan LAKIP dari Kepala Seksi." in set(
        wotu["teks"]
    )
    assert "Kepala Seksi." not in set(wotu["teks"])


def test_sasaran_factors_refer_to_their_sasaran(wotu):
    sasaran = wotu[wotu["tingkat"].eq("sasaran")]
    assert sasaran["jenis"].value_counts().to_dict() == {
        "pendukung": 4,
        "penghambat": 3,
        "solusi": 3,
    }
    assert sasaran["nama"].str.startswith("Meningkatnya").all()


def test_kalaena_section_head_labels_alterntive_as_remedy():
    out = narasi.narasi(_paragraf("kalaena_2025_tw1"))
    assert out["jenis"].value_counts().to_dict() == {"pendukung": 4, "penghambat": 2, "solusi": 2}
    assert out["tingkat"].isna().all()  # the section names no program: the whole report
    assert out.loc[out["jenis"].eq("solusi"), "label"].iloc[0] == "Alterntive"
    tw = narasi.triwulan_judul(_paragraf("kalaena_2025_tw1"))
    assert tw == 1


def test_running_prose_gives_the_sentences_that_name_a_cause_for_the_program_it_names():
    out = narasi.narasi(_paragraf("towuti_2024_bab3"))
    assert out["jenis"].eq("penghambat").all() and out["label"].eq("").all()
    chart = out[out["nama"].notna()]
    assert set(chart["nama"]) == {"Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"}
    assert chart["teks"].tolist() == [
        "Capaian kinerja ini permasalahan sama dengan tahun-tahun sebelumnya dimana banyak "
        "masyarakat tidak berkeinginan untuk melakukan pengurusan PBG walaupun terdapat "
        "beberapa bangunan yang berdiri.",
        "Tidak berkeinginannya masyarakat dikarenakan pengurusan PBG harus ke Kabupaten melalui "
        "dinas terkait.",
    ]  # the sentence before them (capaian fell to 50%) names no cause
    budget = out[out["nama"].isna()]  # under Tabel III: no program named, the whole report
    assert len(budget) == 2
    assert budget["teks"].iloc[0].startswith("Dari table di atas realisasi Anggaran")
    assert "dikarenakan ada perubahan system belanja" in budget["teks"].iloc[0]


def test_a_weak_cause_word_in_prose_is_not_an_obstacle():
    out = narasi.narasi(
        [
            narasi.Paragraf(
                "Nilai LAKIP untuk tahun 2024 belum dapat di ketahui sebab penilaian "
                "LAKIP 2024 akan dilaksanakan pada tahun 2025.",
                1,
            )
        ]
    )  # fmt: skip  (seed 004 line 914)
    assert out.empty


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # numbered lists under an inline label, "Kendala" and "Upaya" wording
        (["Program Koordinasi Ketentraman", "Kendala :", "1. Hujan deras", "2. Dana terlambat",
          "Upaya yang dilakukan:", "1. Menjadwal ulang"],
         [("penghambat", "Hujan deras"), ("penghambat", "Dana terlambat"),
          ("solusi", "Menjadwal ulang")]),
        # "Permasalahan" and "Langkah" and a label with its text on the same line
        (["7.01.01.2.02 Program Penyelenggaraan Pemerintahan",
          "Permasalahan: Aplikasi tidak stabil",
          "Langkah-langkah yang diambil", "- Melapor ke dinas"],
         [("penghambat", "Aplikasi tidak stabil"), ("solusi", "Melapor ke dinas")]),
        # a numbered section heading after a list closes the label
        (["Program X", "Solusi", "- Rapat rutin", "4. Analisis atas efisiensi", "Anggaran Rp 5"],
         [("solusi", "Rapat rutin")]),
        # a list item that opens with a label word is content, not a new label
        (["Program X", "Solusi", "- Upaya penagihan dilakukan tiap bulan"],
         [("solusi", "Upaya penagihan dilakukan tiap bulan")]),
    ],
)  # fmt: skip
def test_other_wordings(lines, expected):
    paragraphs = [
        narasi.Paragraf(t.removeprefix("- "), i, daftar=t.startswith("- "))
        for i, t in enumerate(lines, start=1)
    ]
    out = narasi.narasi(paragraphs)
    assert list(zip(out["jenis"], out["teks"], strict=True)) == expected


def test_program_heading_with_kode():
    out = narasi.narasi(
        [narasi.Paragraf("7.01.01.2.02 Program Penyelenggaraan Pemerintahan", 1),
         narasi.Paragraf("Hambatan: Aplikasi tidak stabil", 2)]
    )  # fmt: skip
    assert (out["kode"].iloc[0], out["nama"].iloc[0]) == (
        "7.01.01.2.02",
        "Program Penyelenggaraan Pemerintahan",
    )


def test_files_are_named_by_kecamatan_and_year_from_name_or_title(wotu_docx, tmp_path):
    from analysis.ingest.reference import KecamatanReference
    from analysis.paths import reference_dir

    kec = KecamatanReference.load(reference_dir() / "kecamatan.csv")
    renamed = tmp_path / "bab3.docx"  # the title names Wotu and 2024
    renamed.write_bytes(wotu_docx.read_bytes())
    rows, errors = narasi.baca_berkas([(wotu_docx, "wotu_2024_lkj_bab3.docx"),
                                       (renamed, "bab3.docx")], kec)  # fmt: skip
    assert not errors
    assert rows.groupby("sumber").size().to_dict() == {"bab3.docx": 40,
                                                      "wotu_2024_lkj_bab3.docx": 40}  # fmt: skip
    assert set(rows["kecamatan"]) == {"Wotu"} and set(rows["tahun"]) == {2024}
    # a document whose name and title say neither: an error naming it, no rows dropped quietly
    import docx

    doc = docx.Document()
    for text in ("Program Pemberdayaan Masyarakat", "Kendala:", "Dana terlambat"):
        doc.add_paragraph(text)
    bare = tmp_path / "laporan.docx"
    doc.save(str(bare))
    rows, errors = narasi.baca_berkas([(bare, "laporan.docx")], kec)
    assert rows.empty and len(errors) == 1
    assert errors[0].file == "laporan.docx" and "tanpa kecamatan dan tahun" in errors[0].reason


def test_a_word_file_of_prose_alone_is_read_for_its_explanations_not_refused(wotu_docx, tmp_path):
    import docx

    from analysis.ingest.formats.word import read_docx
    from analysis.ingest.reference import KecamatanReference
    from analysis.paths import reference_dir

    prose = read_docx(wotu_docx, "wotu_2024_lkj_bab3.docx")
    assert not prose.errors and not prose.grids
    assert prose.notes == [
        "wotu_2024_lkj_bab3.docx: tidak berisi tabel; hanya uraiannya yang dibaca"
    ]
    empty = tmp_path / "wotu_2024_kosong.docx"
    docx.Document().save(str(empty))
    assert [e.reason for e in read_docx(empty, "wotu_2024_kosong.docx").errors] == [
        "file .docx tidak berisi tabel"
    ]
    # prose without a table and without any explanation: said, with the file named
    other = docx.Document()
    other.add_paragraph("Kata pengantar laporan ini.")
    plain = tmp_path / "wotu_2024_pengantar.docx"
    other.save(str(plain))
    kec = KecamatanReference.load(reference_dir() / "kecamatan.csv")
    rows, errors = narasi.baca_berkas([(plain, "wotu_2024_pengantar.docx")], kec)
    assert rows.empty and [e.file for e in errors] == ["wotu_2024_pengantar.docx"]
    assert "tidak berisi tabel maupun uraian hambatan" in errors[0].reason


def test_bundled_ingest_writes_wotus_explanations(bundled):
    rows = pd.read_parquet(bundled / "narasi.parquet")
    wotu = rows[rows["sumber"].eq("wotu_2024_lkj_bab3.docx")]
    assert len(wotu) == 40
    place = zip(wotu["kecamatan"], wotu["tahun"], wotu["triwulan"], strict=True)
    assert set(place) == {("Wotu", 2024, 4)}
    assert wotu["jenis"].value_counts().to_dict() == {
        "penghambat": 16,  # sasaran I 2, programs 2+2+1+3, sasaran II 1, program A (II) 5
        "solusi": 14,
        "pendukung": 10,
    }
