"""Annual and plan tables of the other families the reader knows, as another office of the
same national form would arrange the same cells (issue 19, item 3).

Families (``docs/data-contract.md``, section 6, *Layouts known*), each from verbatim cells
of a development table:

* a Renstra table with one flat header row ``Target 2026 | Rp 2026 | ...`` (Kecamatan
  Jangkar, ``tests/data/other_offices/jangkar``);
* an application's export with field-name columns ``target_2026 | anggaran_2026``
  (Kecamatan Licin, ``tests/data/other_offices/licin``);
* an annual LKjIP table by year ``Target 2019 | Target 2020 | Realisasi 2019 | ...``
  (Kecamatan Gunung Kaler Tabel 3.5, ``tests/data/heldout/gunung_kaler``).

Each variant is built from the same cells - columns renamed as other offices label them,
reordered, dropped or added (a penanggung jawab column, the code in parts), a total row -
and must read exactly the figures the table as printed reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from heldout_measure import load_module
from ingest_helpers import run, write_csv, write_xlsx

from analysis.metrics import kinerja_long

Table = tuple[list[str], list[list[str]]]

_HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
_HELDOUT_BUILD = load_module("heldout_build", _HELDOUT / "build.py")
_HELDOUT_PAGES = load_module("heldout_build_pages", _HELDOUT / "build_pages.py")

# Jangkar Renstra 2026-2030 (header row 4, rows 5-7 as printed; 2029-2030 left out)
JANGKAR: Table = (
    [
        "Kode",
        "Program/Kegiatan",
        "Indikator Kinerja",
        "Satuan",
        "Kondisi Kinerja Awal",
        "Target 2026",
        "Rp 2026",
        "Target 2027",
        "Rp 2027",
        "Target 2028",
        "Rp 2028",
    ],
    [
        [
            "7.01.01",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "Capaian Nilai SAKIP Perangkat Daerah",
            "Nilai",
            "81.5",
            "84",
            "2666646911",
            "84.5",
            "2599150315",
            "84.8",
            "2435014251",
        ],
        [
            "7.01.01.2.01",
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "Jumlah Dokumen Perubahan RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan "
            "Dokumen Perubahan RKA-SKPD",
            "Dokumen",
            "",
            "1",
            "12330000",
            "1",
            "13800000",
            "1",
            "14500000",
        ],
        [
            "7.01.01.2.02",
            "Administrasi Keuangan Perangkat Daerah",
            "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
            "Orang/bulan",
            "",
            "15",
            "1753720871",
            "15",
            "1747423784",
            "15",
            "1747923784",
        ],
    ],
)
JANGKAR_TITLE = ["RENCANA PROGRAM DAN KEGIATAN, INDIKATOR KINERJA DAN PENDANAAN INDIKATIF"]

# Licin's application export (first three rows, 2025-2027 of its columns)
LICIN: Table = (
    [
        "kode_nomenklatur",
        "nama",
        "sasaran",
        "indikator",
        "satuan",
        "target_2026",
        "target_2027",
        "anggaran_2026",
        "anggaran_2027",
    ],
    [
        [
            "7.01.01.2.01.0001",
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "Tersusunnya Dokumen Perencanaan Perangkat Daerah",
            "Jumlah dokumen yang disusun",
            "Dokumen",
            "7",
            "7",
            "2500000.00",
            "2500000.00",
        ],
        [
            "7.01.01.2.02.0001",
            "Penyediaan Gaji dan Tunjangan ASN",
            "Tersedianya Gaji dan Tunjangan ASN",
            "Jumlah orang yang menerima gaji / tujangan",
            "Orang",
            "9",
            "9",
            "2273599592.00",
            "2273599592.00",
        ],
        [
            "7.01.01.2.06.0001",
            "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
            "Tersedianya Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
            "Jumlah Paket Komponen InstalasiListrik /Penerangan Bangunan Kantor yang disediakan",
            "Paket",
            "1",
            "1",
            "7999800.00",
            "7999800.00",
        ],
    ],
)

# Gunung Kaler LKjIP 2020 Tabel 3.5 (header row 5, rows 6-8 as printed): the cells the
# first corpus' builder ships
GUNUNG_KALER: Table = (_HELDOUT_BUILD.GUNUNG_KALER_HEADER, _HELDOUT_BUILD.GUNUNG_KALER_ROWS[:3])
GUNUNG_KALER_TITLE = ["Tabel 3.5", "Analisis Pencapaian Sasaran 1"]

# Polewali Mandar BPKAD, Pengukuran Kinerja 2022 (header rows 4-5, rows 6-8 as printed; the
# second header row `Jumlah` under Realisasi is the first row here, moved with the columns):
# the cells the first corpus' page builder ships
_PM = _HELDOUT_PAGES.POLEWALI_MANDAR.tables[0]
POLEWALI: Table = (_PM.header[0], [_PM.header[1], *_PM.rows])
POLEWALI_TITLE = ["Pengukuran Kinerja Tahun 2022", "Sub Bidang Penyusunan Anggaran"]


def _tc29() -> tuple[list[str], Table]:
    """Kalaena's T-C.29 (seed 001 as cut, ``tests/data/seed_tables/tc29.txt``): the title
    lines, the two header rows (the second one here the first row), the column-number row
    and the five coded rows, cells verbatim."""
    path = Path(__file__).parent / "data" / "seed_tables" / "tc29.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    title = [line.strip() for line in lines[:6] if line.strip()]
    rows = [line.split("\t") for line in lines[7:15]]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return title, (rows[0], rows[1:])


TC29_TITLE, TC29 = _tc29()


def _seksi_pk() -> Table:
    """Kalaena's Perjanjian Kinerja of a seksi (seed 003 as cut,
    ``tests/data/seed_tables/seksi_pk.txt``): a header row and one row, cells verbatim."""
    path = Path(__file__).parent / "data" / "seed_tables" / "seksi_pk.txt"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    return rows[0], rows[1:]


SEKSI_PK = _seksi_pk()


# --- column operations an office's arrangement is made of ------------------------------


def rename(old: str, new: str) -> Callable[[Table], Table]:
    def op(t: Table) -> Table:
        return [new if h == old else h for h in t[0]], t[1]

    return op


def relabel(pattern: str, template: str) -> Callable[[Table], Table]:
    """Every header ``pattern`` (a format with ``{y}``) of a year as ``template``."""

    def op(t: Table) -> Table:
        out = list(t[0])
        for y in range(2019, 2031):
            out = [template.format(y=y) if h == pattern.format(y=y) else h for h in out]
        return out, t[1]

    return op


def order(key: Callable[[str], object]) -> Callable[[Table], Table]:
    def op(t: Table) -> Table:
        idx = sorted(range(len(t[0])), key=lambda i: (key(t[0][i]), i))
        return [t[0][i] for i in idx], [[r[i] for i in idx] for r in t[1]]

    return op


def drop(name: str) -> Callable[[Table], Table]:
    def op(t: Table) -> Table:
        i = t[0].index(name)
        return t[0][:i] + t[0][i + 1 :], [r[:i] + r[i + 1 :] for r in t[1]]

    return op


def insert(at: int, name: str, value: str) -> Callable[[Table], Table]:
    def op(t: Table) -> Table:
        return [*t[0][:at], name, *t[0][at:]], [[*r[:at], value, *r[at:]] for r in t[1]]

    return op


def split_code(parts: int) -> Callable[[Table], Table]:
    """The dotted code printed over ``parts`` columns under one ``Kode`` header."""

    def op(t: Table) -> Table:
        i = t[0].index("Kode")
        head = t[0][:i] + ["Kode"] + [""] * (parts - 1) + t[0][i + 1 :]
        rows = []
        for r in t[1]:
            segs = r[i].split(".")
            segs = [*segs[: parts - 1], ".".join(segs[parts - 1 :])] if len(segs) > parts else segs
            rows.append(r[:i] + segs + [""] * (parts - len(segs)) + r[i + 1 :])
        return head, rows

    return op


def total(where: str, label_col: str, money: Callable[[str], bool]) -> Callable[[Table], Table]:
    """A ``JUMLAH`` row with the sum of each money column, at the top or the bottom."""

    def op(t: Table) -> Table:
        row = [""] * len(t[0])
        row[t[0].index(label_col)] = "JUMLAH"
        for c, h in enumerate(t[0]):
            if money(h):
                row[c] = str(sum(int(float(r[c] or 0)) for r in t[1]))
        return t[0], ([row, *t[1]] if where == "top" else [*t[1], row])

    return op


def drop_at(col: int) -> Callable[[Table], Table]:
    """The table without its column ``col`` (header rows and body alike)."""

    def op(t: Table) -> Table:
        return t[0][:col] + t[0][col + 1 :], [r[:col] + r[col + 1 :] for r in t[1]]

    return op


def second_row_dropped(t: Table) -> Table:
    """The table without its second row (the column-number row under a two-row header)."""
    return t[0], t[1][:1] + t[1][2:]


def label_at(row: int, col: int, text: str) -> Callable[[Table], Table]:
    """Header cell ``col`` of the header (``row`` -1) or of the body's row ``row`` as ``text``."""

    def op(t: Table) -> Table:
        if row < 0:
            return [text if c == col else h for c, h in enumerate(t[0])], t[1]
        body = [list(r) for r in t[1]]
        body[row][col] = text
        return t[0], body

    return op


def first_row_dropped(t: Table) -> Table:
    """The table without its first row (a second header row such as ``Jumlah``)."""
    return t[0], t[1][1:]


def in_juta(is_money: Callable[[str], bool]) -> Callable[[Table], Table]:
    """Money cells that are whole tens of thousands written in juta (``12330000`` ->
    ``12,33 juta``), as some offices print a plan's funding; the others as they were."""

    def op(t: Table) -> Table:
        cols = [c for c, h in enumerate(t[0]) if is_money(h)]
        rows = []
        for r in t[1]:
            r = list(r)
            for c in cols:
                v = int(float(r[c] or 0))
                if v and v % 10_000 == 0:
                    r[c] = f"{v / 1e6:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " juta"
            rows.append(r)
        return t[0], rows

    return op


def year_of(h: str) -> int:
    digits = "".join(ch for ch in h if ch.isdigit())
    return int(digits[-4:]) if len(digits) >= 4 else 0


# --- reading ---------------------------------------------------------------------------


def _read(tmp_path: Path, name: str, title: list[str], table: Table, fmt: str):
    header, rows = table
    grid = [[line, *[""] * (len(header) - 1)] for line in title] + [header, *rows]
    raw = tmp_path / "raw"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(grid)
        write_csv(raw, f"{name}.csv", out.getvalue())
    else:
        write_xlsx(raw, f"{name}.xlsx", {"Tabel": grid})
    result = run(raw)
    assert not result.errors, str(result.errors)
    return result


def _figures(result) -> dict[tuple, float]:
    """(figure, name, year) -> value as the processed tables hold it."""
    out: dict[tuple, float] = {}
    k = kinerja_long(result.kinerja_wide)
    for r in k.itertuples(index=False):
        key = " ".join(str(r.indikator).split())
        for col in ("target_tahunan", "realisasi_sd", "capaian_sd_dilaporkan", "pagu_indikator"):
            v = getattr(r, col)
            if pd.notna(v):
                out[(col, key, int(r.tahun))] = float(v)
    a = result.anggaran_wide
    for r in a[a["tingkat"] != "total"].itertuples(index=False):
        if pd.notna(r.pagu):
            out[("pagu", r.kode, int(r.tahun))] = float(r.pagu)
    for r in result.iku_raw.itertuples(index=False):
        key = " ".join(str(r.indikator).split())
        for col in ("target", "realisasi", "capaian_dilaporkan"):
            v = getattr(r, col)
            if pd.notna(v):
                out[(f"iku_{col}", key, int(r.tahun))] = float(v)
    return out


def _is_money(h: str) -> bool:
    return h.lower().startswith(("rp", "pagu", "anggaran", "pendanaan"))


FAMILIES: dict[str, tuple[str, list[str], Table, dict[str, list]]] = {
    "jangkar_flat_renstra": (
        "wotu_renstra_2026-2030",
        JANGKAR_TITLE,
        JANGKAR,
        {
            "pagu": [relabel("Rp {y}", "Pagu {y}")],
            "anggaran_rp": [relabel("Rp {y}", "Anggaran (Rp) {y}")],
            "pendanaan": [relabel("Rp {y}", "Pendanaan {y}")],
            "tahun_words": [
                relabel("Target {y}", "Target Tahun {y}"),
                relabel("Rp {y}", "Rp Tahun {y}"),
            ],
            "rp_before_target": [order(lambda h: (year_of(h), not _is_money(h)))],
            "targets_then_money": [order(lambda h: (_is_money(h), year_of(h)))],
            "no_kondisi_awal": [drop("Kondisi Kinerja Awal")],
            "penanggung_jawab_first": [insert(0, "Penanggung Jawab", "Camat")],
            "penanggung_jawab_last": [insert(len(JANGKAR[0]), "Unit Kerja", "Sekretariat")],
            "code_in_four_columns": [split_code(4)],
            "total_at_bottom": [total("bottom", "Program/Kegiatan", _is_money)],
            "total_at_top": [total("top", "Program/Kegiatan", _is_money)],
            "money_in_juta": [in_juta(_is_money)],
        },
    ),
    "licin_export": (
        "wotu_renstra_2026_2030_sub_kegiatan",
        [],
        LICIN,
        {
            "pagu_names": [
                rename("anggaran_2026", "pagu_2026"),
                rename("anggaran_2027", "pagu_2027"),
            ],
            "year_pairs": [order(lambda h: year_of(h))],
            "no_sasaran": [drop("sasaran")],
            "kode": [rename("kode_nomenklatur", "kode")],
        },
    ),
    "gunung_kaler_lkjip": (
        "wotu_2020_lkjip",
        GUNUNG_KALER_TITLE,
        GUNUNG_KALER,
        {
            "grouped_by_year": [order(lambda h: year_of(h))],
            "tahun_words": [
                relabel("Target {y}", "Target Tahun {y}"),
                relabel("Realisasi {y}", "Realisasi Tahun {y}"),
            ],
            "no_capaian": [drop("Capaian 2019(%)"), drop("Capaian 2020(%)")],
            "penanggung_jawab": [insert(3, "Penanggung Jawab", "Kasi Pemerintahan")],
        },
    ),
    "tc29_renja_evaluation": (
        "kalaena_2024_renja_tc29",
        TC29_TITLE,
        TC29,
        {
            "no_column_numbers": [second_row_dropped],
            "no_tingkat_realisasi": [drop_at(7)],
            "no_perkiraan_columns": [drop_at(10), drop_at(9)],
            "years_in_short_heads": [
                label_at(0, 5, "Target Renja Tahun 2022"),
                label_at(0, 6, "Realisasi Renja Tahun 2022"),
                label_at(-1, 8, "Target Renja Tahun 2023"),
            ],
        },
    ),
    "seksi_perjanjian_kinerja": (
        "kalaena_2025_seksi_pk",
        [],
        SEKSI_PK,
        {
            "target_2025": [rename("TARGET", "TARGET 2025")],
            "target_tahun_2025": [rename("TARGET", "Target Tahun 2025")],
            "target_kinerja": [rename("TARGET", "Target Kinerja")],
            "penanggung_jawab": [insert(4, "PENANGGUNG JAWAB", "Kasi Pemerintahan")],
            "no_number_column": [drop("NO")],
        },
    ),
    "polewali_pengukuran_kinerja": (
        "wotu_2022_sub_bidang_penyusunan_anggaran",
        POLEWALI_TITLE,
        POLEWALI,
        {
            "capaian_percent": [rename("Target Kinerja(%)", "Capaian (%)")],
            "kinerja_percent": [rename("Target Kinerja(%)", "Kinerja(%)")],
            "no_pejabat": [drop("Pejabat")],
            "pejabat_last": [order(lambda h: h == "Pejabat")],
            "penanggung_jawab": [rename("Pejabat", "Penanggung Jawab")],
            "no_jumlah_row": [first_row_dropped],
            "realisasi_before_target": [order(lambda h: h != "Realisasi")],
        },
    ),
}

CASES = [
    (family, variant, fmt)
    for family, (_n, _t, _tab, variants) in FAMILIES.items()
    for variant in variants
    for fmt in ("csv", "xlsx")
]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[tuple, float]]:
    """Each family's figures as the table as printed reads them."""
    out = {}
    for family, (name, title, table, _v) in FAMILIES.items():
        out[family] = _figures(_read(tmp_path_factory.mktemp(family), name, title, table, "csv"))
    return out


def test_the_tables_as_printed_read_their_figures(printed: dict) -> None:
    j = printed["jangkar_flat_renstra"]
    assert j[("target_tahunan", "Capaian Nilai SAKIP Perangkat Daerah", 2027)] == 84.5
    assert j[("pagu", "7.01.01", 2026)] == 2_666_646_911
    assert j[("pagu", "7.01.01.2.02", 2028)] == 1_747_923_784
    assert len(j) == 18  # 3 rows x 3 years x (target, pagu)
    licin = printed["licin_export"]
    assert licin[("pagu", "7.01.01.2.02.01", 2027)] == 2_273_599_592
    assert licin[("target_tahunan", "Jumlah dokumen yang disusun", 2026)] == 7
    gk = printed["gunung_kaler_lkjip"]
    kepuasan = "Hasil Indeks Kepuasan Masyarakat"
    assert {k[0] for k in gk if k[1] == kepuasan and k[2] == 2020} >= {
        "iku_target",
        "iku_realisasi",
    }
    assert gk[("iku_realisasi", kepuasan, 2020)] == 88.95
    tc29 = printed["tc29_renja_evaluation"]
    dokumen = "Jumlah dokumen RKA-SKPD yang disusun tepat waktu (dokumen)"
    assert {(k[0], k[2]): v for k, v in tc29.items() if k[1] == dokumen} == {
        ("target_tahunan", 2022): 2.0,
        ("realisasi_sd", 2022): 2.0,
        ("capaian_sd_dilaporkan", 2022): 100.0,
        ("target_tahunan", 2023): 2.0,
    }
    pk = printed["seksi_perjanjian_kinerja"]
    dokumen = "Jumlah Dokumen Non Perizinan Usaha yang dilaksanakan"
    assert pk == {("target_tahunan", dokumen, 2025): 12.0}
    pm = printed["polewali_pengukuran_kinerja"]
    perda = (
        "Jumlah Rancangan Perda/Perbup Tentang APBD yang Tersusun sesuai standar dan tepat waktu"
    )
    assert {k[0]: v for k, v in pm.items() if k[1] == perda and k[2] == 2022} == {
        "target_tahunan": 2.0,
        "realisasi_sd": 3.0,
        "capaian_sd_dilaporkan": 150.0,
    }


@pytest.mark.parametrize(("family", "variant", "fmt"), CASES)
def test_a_variant_reads_the_same_figures(
    tmp_path: Path, printed: dict, family: str, variant: str, fmt: str
) -> None:
    name, title, table, variants = FAMILIES[family]
    for op in variants[variant]:
        table = op(table)
    assert table != FAMILIES[family][2]
    result = _read(tmp_path, name, title, table, fmt)
    got = _figures(result)
    if variant == "money_in_juta":  # read in full rupiah, each cell named in a note
        assert "'12,33 juta'" in "\n".join(result.notes)
    want = printed[family]
    if variant in {"no_capaian", "no_tingkat_realisasi"}:  # the printed capaian is gone
        want = {k: v for k, v in want.items() if "capaian" not in k[0]}
    assert got == want


def test_a_form_numbering_with_a_column_left_out_is_still_the_numbering_row() -> None:
    # T-C.29's numbers without column 8 (Tingkat Realisasi): the row is the numbering, not
    # an indicator named '3' with target 6 and realisasi 7
    from analysis.ingest.tables.headers import is_numbered_row

    assert is_numbered_row(["1", "2", "3", "4", "5", "6", "7", "9", "10=(5+7+9)", "11=(10/2)"])
    # its formulas name columns the row does not number: not a numbering
    assert not is_numbered_row(["1", "2", "8 = (7/6)", "9"])
    assert not is_numbered_row(["1", "2", "4", "5"])  # no formula: the numbers must run on
