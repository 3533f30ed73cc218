"""Second held-out corpus (``tests/data/heldout_b``): real tables of offices outside Luwu
Timur that the reader was never tuned on, cut from public sources (the search tool's
``pages`` corpus and public repositories of its file index). Each office's ``SOURCE.md``
names the source and what was cut or left out.

``python tests/data/heldout_b/build.py`` writes every office's files and ``printed.json``:

* ``semarang_setda``: rows of ``_sources/semarangkab_lppd-2019.json`` (the LPPD 2019 dataset
  of the Kabupaten Semarang open data portal, as downloaded) written verbatim to an ``.ods``;
* ``bkp_yogyakarta``: the table of ``_sources/sikepo_tambahan.php`` (a page of a monitoring
  application of the Balai Karantina Pertanian Kelas II Yogyakarta) written to a ``.docx``;
* ``labura_inspektorat``: a table of a stored page (the Inspektorat's review of the regency's
  performance), cell text in code, written to an ``.xlsx``;
* ``ipdn_jatinangor``: three tables of ``_sources/ipdn_keuangan_biro.sql`` (the budget
  realisation of three IPDN bureaus, cut from an application's dump) written verbatim to an
  ``.xlsx``, a ``.csv`` and an ``.ods``;
* ``banyuwangi_lkpj``: the LKPJ 2025 Bab III IKD tables of Kabupaten Banyuwangi (capaian:
  target/realisasi/capaian; perkembangan: 2021-2025) from a data migration script, the
  statements' values kept in ``_sources/banyuwangi_lkpj_2025_ikd.csv``, written to an
  ``.xlsx`` and a ``.csv``.

Do not tune the reader on these tables: they measure it (``tests/heldout_measure.py
tests/data/heldout_b``). The file layout and the ``Table``/``Office`` helpers are those of
``tests/data/heldout/build_pages.py``."""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "_sources"
TESTS = HERE.parents[1]


sys.path.insert(0, str(TESTS))
import heldout_measure as measure  # noqa: E402

pages = measure.load_module("heldout_build_pages", TESTS / "data" / "heldout" / "build_pages.py")
corpus_a = measure.load_module("heldout_build", TESTS / "data" / "heldout" / "build.py")
Table, Office = pages.Table, pages.Office


def _is_figure(text: str) -> bool:
    """A printed cell that is one number (``75,57``, ``-14,32``, ``0%``, ``0,26 %``)."""
    try:
        measure.printed_number(text)
    except ValueError:
        return False
    return True


def _unique_names(names: list[str]) -> set[str]:
    """Names printed on one row only (compared as the measure compares them): a figure on a
    row whose name repeats cannot be told apart from its twins and is not counted."""
    keys = pd.Series([measure._key(n) for n in names])
    return {n for n, dup in zip(names, keys.duplicated(keep=False), strict=True) if not dup}


# --- Kabupaten Semarang: LPPD 2019 dataset of the open data portal (CKAN resource) ---
SM_FILE = "setda_lppd-2019_kabupaten_semarang.ods"
SM_SOURCE = "semarangkab_lppd-2019.json"
SM_COLUMNS = ["_id", "Indikator_Kinerja", "Capaian_Tahun_2018", "Capaian_Tahun_2019"]


def semarang() -> Office:
    records = json.loads((SOURCES / SM_SOURCE).read_text(encoding="utf-8"))
    rows = [[str(r[c]) for c in SM_COLUMNS] for r in records]
    unique = _unique_names([r[1] for r in rows])
    figures = [
        {"indikator": name, "tahun": year, "field": "realisasi", "value": value, "tabel": SM_FILE}
        for _, name, *values in rows
        if name in unique
        for year, value in zip((2018, 2019), values, strict=True)
        # "0,00" marks an indicator the dataset did not fill (e.g. "Skor evaluasi SAKIP" 2018
        # next to 58,00 in 2019): printed, but not counted as a figure
        if _is_figure(value) and measure.printed_number(value) != 0
    ]
    table = Table(
        file=SM_FILE, sheet="lppd-2019", title=[], header=[SM_COLUMNS], rows=rows, figures=figures
    )
    kec = "Sekretariat Daerah;;setda;setda|Sekretariat Daerah|SEKRETARIAT DAERAH"
    return Office("semarang_setda", "Kabupaten Semarang", kec, [table])


# --- Balai Karantina Pertanian Kelas II Yogyakarta: Indikator Kinerja Tambahan 2020 ---
BKP_FILE = "bkp_2020_indikator_kinerja_tambahan.docx"
BKP_SOURCE = "sikepo_tambahan.php"


def _cell_text(raw: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", raw)).strip()


def bkp_yogyakarta() -> Office:
    page = (SOURCES / BKP_SOURCE).read_text(encoding="utf-8")
    title = [_cell_text(m) for m in re.findall(r"<h[56]>(.*?)</h[56]>", page)]
    header = [[_cell_text(c) for c in re.findall(r"<th scope=\"col\">(.*?)</th>", page)]]
    rows = [
        [_cell_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", body, re.S)]
        for body in re.findall(r"<tr[^>]*>(.*?)</tr>", page.split("<tbody>")[1], re.S)
    ]
    figures = [
        {"indikator": name, "tahun": 2020, "field": field, "value": value, "tabel": BKP_FILE}
        for _, name, target, attained, _ in rows
        # the column "Capaian" holds the level attained (86 against a target of 84), not a
        # percentage of the target: the indicator's realisasi
        for field, value in (("target", target), ("realisasi", attained))
        if _is_figure(value)
    ]
    table = Table(file=BKP_FILE, sheet="", title=title, header=header, rows=rows, figures=figures)
    kec = (
        "BKP Kelas II Yogyakarta;;bkp;bkp|BKP Kelas II Yogyakarta|"
        "Balai Karantina Pertanian Kelas II Yogyakarta"
    )
    return Office("bkp_yogyakarta", "Kota Yogyakarta", kec, [table])


# --- Kabupaten Labuhanbatu Utara: reviu ikhtisar kinerja TA 2020, capaian kinerja makro ---
LB_FILE = "inspektorat_reviu_ikhtisar_kinerja_2020_kinerja_makro.xlsx"
LB_ROWS = [
    ["1", "Indeks Pembangunan Manusia", "71,43", "71,61", "- 28,39%"],
    ["2", "Angka Kemiskinan", "9,57", "9,53", "- 90,47%"],
    ["3", "Angka Pengangguran", "5,84", "6,82", "- 93,18%"],
    ["4", "Pertumbuhan Ekonomi", "17.259,19", "17.306,59", "17.206,59"],
    ["5", "Pendapatan per Kapita", "24.378,34", "25.191,24", "25.091,24"],
    ["6", "Ketimpangan Pendapatan", "0,267", "0,262", "- 99,738%"],
]


def labura_inspektorat() -> Office:
    # "Capain Kinerja Tahun N-1 / Tahun N" are the levels reached in 2019 and 2020 (the
    # review is of TA 2020, named in the line above the table): realisasi of each year
    figures = [
        {"indikator": name, "tahun": year, "field": "realisasi", "value": value, "tabel": LB_FILE}
        for _, name, *values, _ in LB_ROWS
        for year, value in zip((2019, 2020), values, strict=True)
    ]
    table = Table(
        file=LB_FILE,
        sheet="Kinerja Makro",
        title=[
            "a.1 Capaian Kinerja Makro",
            "Adapun capain Kinerja Makro yang menggambarkan keberhasilan penyelenggaraan "
            "Pemerintahan secara umum Kabupaten Labuhanbatu Utara Tahun Anggaran 2020, adalah "
            "sebagai berikut::",
        ],
        header=[
            [
                "NO",
                "INDIKATOR KINERJA\nMAKRO",
                "CAPAIN\nKINERJA\nTAHUN N-1",
                "CAPAIN\nKINERJA\nTAHUN N",
                "PERUBAHAN\n%",
            ]
        ],
        rows=LB_ROWS,
        figures=figures,
    )
    kec = "Inspektorat;;inspektorat;inspektorat|Inspektorat|Inspektorat Kabupaten"
    return Office("labura_inspektorat", "Kabupaten Labuhanbatu Utara", kec, [table])


# --- IPDN Kampus Jatinangor: budget realisation of three bureaus (application dump, 2020) ---
IPDN_SOURCE = "ipdn_keuangan_biro.sql"
IPDN_TABLES = [  # (table in the dump, file, sheet)
    ("keuanganbiro1", "ipdn_biro_i_realisasi_anggaran_2020.xlsx", "Biro I"),
    ("keuanganbiro2", "ipdn_biro_ii_realisasi_anggaran_2020.csv", ""),
    ("keuanganbiro4", "ipdn_biro_iv_realisasi_anggaran_2020.ods", "Biro IV"),
]


def insert_rows(path: Path) -> dict[str, tuple[list[str], list[list[str | None]]]]:
    """``{table: (columns, rows)}`` of a dump excerpt's ``INSERT INTO ... VALUES`` statements,
    every value as its text: the first corpus' SQL reader (``heldout/build.py``)."""
    return corpus_a.sql_tables(path)


def ipdn_jatinangor() -> Office:
    parsed = insert_rows(SOURCES / IPDN_SOURCE)
    tables = []
    for table, file, sheet in IPDN_TABLES:
        columns, rows = parsed[table]
        figures = [
            {"uraian": row[1], "tahun": 2020, "field": field, "value": row[i], "tabel": file}
            for row in rows
            for field, i in (("pagu", 2), ("realisasi_anggaran", 3), ("serapan", 6))
        ]
        tables.append(
            Table(file=file, sheet=sheet, title=[], header=[columns], rows=rows, figures=figures)
        )
    kec = "IPDN;;ipdn;ipdn|IPDN|Institut Pemerintahan Dalam Negeri"
    return Office("ipdn_jatinangor", "Kabupaten Sumedang", kec, tables)


# --- Kabupaten Banyuwangi: LKPJ 2025 Bab III, IKD capaian and perkembangan (data migration) ---
BW_SOURCE = "banyuwangi_lkpj_2025_ikd.csv"
BW_CAPAIAN = "pemkab_lkpj_2025_bab3_capaian_ikd.xlsx"
BW_PERKEMBANGAN = "pemkab_lkpj_2025_bab3_perkembangan_ikd.csv"
BW_CAPAIAN_COLUMNS = [
    "kodewilayah", "tahun", "aspek", "urutan", "indikator_ikd", "satuan",
    "target", "realisasi", "capaian",
]  # fmt: skip
BW_PERKEMBANGAN_COLUMNS = [
    "kodewilayah", "tahun", "aspek", "urutan", "uraian_indikator", "satuan",
    "nilai_2021", "nilai_2022", "nilai_2023", "nilai_2024", "nilai_2025",
]  # fmt: skip
# a number whose separator reads two ways in this source, which writes both "87,59" and
# "87.59", "24.738,28" and "59.89": "11.713" (11713 or 11,713?), "10,274,076"
_TWO_WAY = re.compile(r"^\d+\.\d{3}$|^\d{1,3}(?:,\d{3}){2,}$")
# its target 11.58 and realisasi 11.713: which dot is decimal and which thousands is unclear
BW_UNCLEAR = {"Pengeluaran Perkapita (Ribu)"}


def _counted(value: str) -> bool:
    return value != "NULL" and _is_figure(value) and not _TWO_WAY.match(value)


def banyuwangi_lkpj() -> Office:
    """``_sources/banyuwangi_lkpj_2025_ikd.csv`` holds, per indicator, the values of its two
    statements (``INSERT INTO lkpj_bab3_ikd_capaian`` and ``... _perkembangan``) as written
    there (``NULL``: no value); the two tables are those statements' rows."""
    with (SOURCES / BW_SOURCE).open(encoding="utf-8", newline="") as fh:
        ikd = list(csv.reader(fh))[1:]
    cell = {"NULL": ""}
    capaian_rows = [["35.10", "2025", *row[:7]] for row in ikd]
    perkembangan_rows = [
        ["35.10", "2025", *row[:4], *(cell.get(v, v) for v in row[7:])] for row in ikd
    ]
    capaian_figs = [
        {"indikator": n, "tahun": 2025, "field": f, "value": v, "tabel": BW_CAPAIAN}
        for _, _, n, _, t, r, c, *_ in ikd
        if n not in BW_UNCLEAR
        for f, v in (("target", t), ("realisasi", r), ("capaian", c))
        if _counted(v)
    ]
    perkembangan_figs = [  # 2025 is the capaian table's realisasi: counted there only
        {"indikator": n, "tahun": y, "field": "realisasi", "value": v, "tabel": BW_PERKEMBANGAN}
        for _, _, n, _, _, _, _, *nilai in ikd
        if n not in BW_UNCLEAR
        for y, v in zip(range(2021, 2025), nilai[:4], strict=True)
        if _counted(v)
    ]
    tables = [
        Table(
            file=BW_CAPAIAN,
            sheet="Capaian IKD",
            title=[],
            header=[BW_CAPAIAN_COLUMNS],
            rows=capaian_rows,
            figures=capaian_figs,
        ),
        Table(
            file=BW_PERKEMBANGAN,
            sheet="",
            title=[],
            header=[BW_PERKEMBANGAN_COLUMNS],
            rows=perkembangan_rows,
            figures=perkembangan_figs,
        ),
    ]
    kec = (
        "Pemerintah Kabupaten Banyuwangi;;pemkab;"
        "pemkab|Pemkab Banyuwangi|Pemerintah Kabupaten Banyuwangi"
    )
    return Office("banyuwangi_lkpj", "Kabupaten Banyuwangi", kec, tables)


def offices() -> list:
    return [
        semarang(),
        bkp_yogyakarta(),
        labura_inspektorat(),
        ipdn_jatinangor(),
        banyuwangi_lkpj(),
    ]


def write_table(folder: Path, table) -> None:
    path = folder / table.file
    if path.suffix != ".ods":
        pages.write_table(folder, table)
        return
    frame = pd.DataFrame(table.cells(), dtype=object)
    with pd.ExcelWriter(path, engine="odf") as writer:
        frame.to_excel(writer, sheet_name=table.sheet, header=False, index=False)


def written_cells(path: Path) -> list[list[str]]:
    if path.suffix != ".ods":
        return pages.written_cells(path)
    frame = pd.read_excel(path, engine="odf", header=None, dtype=str, keep_default_na=False)
    return frame.to_numpy().tolist()


def build(office, root: Path = HERE) -> None:
    folder = root / office.folder
    folder.mkdir(parents=True, exist_ok=True)
    for table in office.tables:
        write_table(folder, table)
    spec = {"kabupaten": office.kabupaten, "kecamatan_csv": office.kecamatan_csv}
    lines = [json.dumps(fig, ensure_ascii=False) for t in office.tables for fig in t.figures]
    head = json.dumps(spec, ensure_ascii=False)
    body = ",\n".join(f"  {line}" for line in lines)
    text = f'{head[:-1]},\n "figures": [\n{body}\n ]\n}}\n'
    (folder / "printed.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for office in offices():
        build(office)
