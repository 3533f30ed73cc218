"""Held-out tables cut from stored web pages (the search tool's ``pages`` corpus): the cell
text below is as the page prints it (line breaks where the page breaks a cell); each
office's SOURCE.md names the page and what was left out. ``python
tests/data/heldout/build_pages.py`` writes the files and their ``printed.json``.

Do not tune the reader on these tables: they measure it (``tests/heldout_measure.py``)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent


@dataclass
class Table:
    """One printed table: title lines, header rows, data rows (cell text as printed), the
    figures it prints (``{indikator|uraian, tahun, field, value}``) and merged cells
    (``openpyxl`` ranges, .xlsx only)."""

    file: str
    sheet: str
    title: list[str]
    header: list[list[str]]
    rows: list[list[str]]
    figures: list[dict]
    merged: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    form: bool = False  # a form (DPA): figures sit in label cells, not on a row named by them

    def cells(self) -> list[list[str]]:
        """Every row as written: title lines, a blank line, header, data, notes."""
        width = len(self.header[0])
        lines = [[t] + [""] * (width - 1) for t in self.title]
        blank = [[""] * width] if self.title else []
        tail = [[n] + [""] * (width - 1) for n in self.notes]
        return lines + blank + self.header + self.rows + tail


@dataclass
class Office:
    folder: str
    kabupaten: str
    kecamatan_csv: str
    tables: list[Table]


def _targets(name: str, values: list[str], years: range, table: str) -> list[dict]:
    return [
        {"indikator": name, "tahun": y, "field": "target", "value": v, "tabel": table}
        for y, v in zip(years, values, strict=True)
    ]


def _trc(name: str, year: int, target: str, real: str, capaian: str, table: str) -> list[dict]:
    return [
        {"indikator": name, "tahun": year, "field": f, "value": v, "tabel": table}
        for f, v in (("target", target), ("realisasi", real), ("capaian", capaian))
    ]


def _budget(name: str, year: int, pagu: str, real: str, pct: str, table: str) -> list[dict]:
    return [
        {"uraian": name, "tahun": year, "field": f, "value": v, "tabel": table}
        for f, v in (("pagu", pagu), ("realisasi_anggaran", real), ("serapan", pct))
    ]


# --- Pemerintah Kabupaten Tanah Datar: LAKIP 2013, Lampiran I (IKU, targets RPJMD 2011-2015) ---
TD_FILE = "setda_lakip_2013_lampiran_i_iku.xlsx"
TD_YEARS = range(2011, 2016)
TD_IKU = [
    (
        "1. Persentase masjid dan mushala yang\ndikunjungi dalam rangka pembinaan\nkeagamaan",
        ["19,29%", "20,00%", "20,71%", "21,43%", "22,14%"],
    ),
    (
        "2. Persentase Peningkatan zakat yang\nterhimpun",
        ["400%", "25,00%", "6,67%", "25,00%", "20,00%"],
    ),
    ("3. Jumlah anak yang Khatam Al-Qur'an\n(orang)", ["3.000"] * 5),
    ("4. Jumlah masyarakat yang mendaftar\nberangkat haji", ["600"] * 5),
    ("5. Jumlah peserta Qurban (orang)", ["30.000"] * 5),
]
TANAH_DATAR = Office(
    folder="tanah_datar",
    kabupaten="Kabupaten Tanah Datar",
    kecamatan_csv="Sekretariat Daerah;;setda;setda|Sekretariat Daerah|SEKRETARIAT DAERAH",
    tables=[
        Table(
            file=TD_FILE,
            sheet="LAMPIRAN I",
            title=["LAMPIRAN I.", "INDIKATOR KINERJA UTAMA PEMERINTAH KABUPATEN TANAH DATAR"],
            header=[
                [
                    "No.",
                    "SASARAN STRATEGIS",
                    "INDIKATOR KINERJA UTAMA",
                    "TARGET RPJMD Kab. Tanah Datar",
                    "",
                    "",
                    "",
                    "",
                ],
                ["", "", "", "2011", "2012", "2013", "2014", "2015"],
                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
            ],
            rows=[
                [
                    "1." if i == 0 else "",
                    "Meningkatnya\npemahaman dan\npengamalan ajaran\nagama" if i == 0 else "",
                    name,
                    *values,
                ]
                for i, (name, values) in enumerate(TD_IKU)
            ],
            figures=[
                fig
                for name, values in TD_IKU
                for fig in _targets(
                    name.split(" ", 1)[1].replace("\n", " "), values, TD_YEARS, TD_FILE
                )
            ],
            merged=["D4:H4", "A4:A5", "B4:B5", "C4:C5", "A7:A11", "B7:B11"],
        )
    ],
)

# --- Sub Bidang Penyusunan Anggaran (BPKAD), Kabupaten Polewali Mandar: simkinerja 2022 ---
PM_KINERJA = "bpkad_2022_pengukuran_kinerja_sub_bidang_penyusunan_anggaran.csv"
PM_ANGGARAN = "bpkad_2022_realisasi_anggaran_sub_bidang_penyusunan_anggaran.xlsx"
PM_IND = [
    (
        "Persentase Perangkat Daerah yang Menyampaikan Dokumen Penganggaran Sesuai Standar"
        " dan Tepat Waktu",
        "persen",
        "95.56",
        "93",
        "97.32",
    ),
    (
        "Jumlah Rancangan Perda/Perbup Tentang APBD yang Tersusun sesuai standar dan tepat waktu",
        "dokumen",
        "2",
        "3",
        "150.00",
    ),
    (
        "Jumlah Rancangan Perda/Perbup Tentang Perubahan APBD yang Tersusun sesuai standar"
        " dan tepat waktu",
        "dokumen",
        "3",
        "5",
        "166.67",
    ),
]
PM_SASARAN = [
    "Sasaran Kegiatan :\nMeningkatnya Kualitas Penganggaran Pendapatan dan Belanja Daerah",
    "Sasaran Sub-Kegiatan :\nTersusunnya Peraturan Daerah tentang APBD dan Peraturan Kepala"
    " Daerah tentang Penjabaran APBD",
    "Tersusunnya Peraturan Daerah Tentang Perubahan APBD dan Peraturan Kepala Daerah Tentang"
    " Penjabaran Perubahan APBD",
]
PM_BUDGET = [
    (
        "Kegiatan :\n",
        "Koordinasi dan Penyusunan Rencana Anggaran Daerah",
        "1,004,422,800",
        "1,000,972,958",
        "99.66",
    ),
    (
        "Sub-Kegiatan :\n",
        "Koordinasi dan Penyusunan Peraturan Daerah Tentang APBD dan Peraturan Kepala Daerah"
        " Tentang Penjabaran APBD",
        "808,430,200",
        "805,369,584",
        "99.62",
    ),
    (
        "",
        "Koordinasi dan Penyusunan Peraturan Daerah Tentang Perubahan APBD dan Peraturan Kepala"
        " Daerah Tentang Penjabaran Perubahan APBD",
        "195,992,600",
        "195,603,374",
        "99.80",
    ),
]
PM_PEJABAT = "Kepala Sub Bidang Penyusunan Anggaran"
POLEWALI_MANDAR = Office(
    folder="polewali_mandar_bpkad",
    kabupaten="Kabupaten Polewali Mandar",
    kecamatan_csv=(
        "BPKAD;;bpkad;bpkad|BPKAD|Badan Pengelolaan Keuangan dan Aset Daerah"
        "|Sub Bidang Penyusunan Anggaran"
    ),
    tables=[
        Table(
            file=PM_KINERJA,
            sheet="",
            title=["Pengukuran Kinerja Tahun 2022", "Sub Bidang Penyusunan Anggaran"],
            header=[
                [
                    "Pejabat",
                    "Sasaran Kegiatan / Sub-Kegiatan",
                    "Indikator",
                    "Satuan",
                    "Target",
                    "Realisasi",
                    "Target Kinerja(%)",
                ],
                ["", "", "", "", "", "Jumlah", ""],
            ],
            rows=[
                [PM_PEJABAT if i == 0 else "", sasaran, name, unit, target, real, pct]
                for i, (sasaran, (name, unit, target, real, pct)) in enumerate(
                    zip(PM_SASARAN, PM_IND, strict=True)
                )
            ],
            figures=[
                fig
                for name, _unit, target, real, pct in PM_IND
                for fig in _trc(name, 2022, target, real, pct, PM_KINERJA)
            ],
        ),
        Table(
            file=PM_ANGGARAN,
            sheet="Realisasi Anggaran",
            title=["Pengukuran Kinerja Tahun 2022", "Sub Bidang Penyusunan Anggaran"],
            header=[
                [
                    "Pejabat",
                    "Kegiatan / Sub-Kegiatan",
                    "Alokasi Anggaran (Rp)",
                    "Realisasi Anggaran (Rp)",
                    "Realisasi(%)",
                ],
                ["", "", "", "Jumlah", ""],
            ],
            rows=[
                [PM_PEJABAT if i == 0 else "", label + name, pagu, real, pct]
                for i, (label, name, pagu, real, pct) in enumerate(PM_BUDGET)
            ],
            figures=[
                fig
                for _label, name, pagu, real, pct in PM_BUDGET
                for fig in _budget(name, 2022, pagu, real, pct, PM_ANGGARAN)
            ],
        ),
    ],
)

# --- Dinas Pekerjaan Umum dan Penataan Ruang Kota Dumai: LKjIP 2020, Tabel 3-1 ---
DM_FILE = "dinas_pupr_lkjip_2020_tabel_3_1.docx"
DM_ROWS = [
    [
        "Meningkatkan Kapasitas Air Bersih",
        "Kapasitas Debit Air Bersih",
        "Liter/detik",
        "405",
        "65",
        "16,05",
    ],
    [
        "Mewujudkan fungsi dan klasifikasi kegiatan sesuai peruntukan ruang / kawasan / lahan\n"
        "berdasarkan peraturan yang berlaku",
        "Persentase Permohonan / Pengajuan yang diselesaikan\ndalam setahun",
        "%",
        "100",
        "100",
        "100",
    ],
]
DUMAI = Office(
    folder="dumai_pupr",
    kabupaten="Kota Dumai",
    kecamatan_csv=(
        "Dinas PUPR;;dinas-pupr;dinas pupr|Dinas PUPR|Dinas Pekerjaan Umum dan Penataan Ruang"
    ),
    tables=[
        Table(
            file=DM_FILE,
            sheet="",
            title=[
                "Tabel 3-1",
                "Indikator Kinerja Sasaran Strategis Beserta Target dan Realisasi Dinas Pekerjaan"
                " Umum dan Penataan Ruang Kota Dumai Tahun 2019",
            ],
            header=[
                [
                    "Sasaran Strategis",
                    "Indikator Kinerja",
                    "Satuan",
                    "Target Tahun 2020",
                    "Realisasi Tahun 2020",
                    "Capaian (%)",
                ]
            ],
            rows=DM_ROWS,
            figures=[
                fig
                for row in DM_ROWS
                for fig in _trc(row[1].replace("\n", " "), 2020, *row[3:6], DM_FILE)
            ],
        )
    ],
)

# --- Kecamatan Sukodono, Kabupaten Lumajang: PRKA SKPD 2019, ringkasan belanja ---
SK_FILE = "kec_sukodono_prka_skpd_2019_ringkasan.xlsx"
SK_ROWS = [
    ["5", "BELANJA", "2.390.574.448,00", "2.439.216.909,00", "48.642.461,00", "2,03"],
    [
        "5 1",
        "BELANJA TIDAK LANGSUNG",
        "1.365.574.448,00",
        "1.391.216.909,00",
        "25.642.461,00",
        "1,88",
    ],
    ["5 1 1", "BELANJA PEGAWAI", "1.365.574.448,00", "1.391.216.909,00", "25.642.461,00", "1,88"],
    ["5 2", "BELANJA LANGSUNG", "1.025.000.000,00", "1.048.000.000,00", "23.000.000,00", "2,24"],
]
SUKODONO = Office(
    folder="sukodono",
    kabupaten="Kabupaten Lumajang",
    kecamatan_csv="",
    tables=[
        Table(
            file=SK_FILE,
            sheet="PRKA SKPD",
            title=[
                "PERUBAHAN RENCANA KERJA DAN ANGGARAN",
                "PEMERINTAH KABUPATEN LUMAJANG",
                "Tahun Anggaran 2019",
                "Formulir",
                "PRKA SKPD",
                "SATUAN KERJA PERANGKAT DAERAH",
                "Urusan Pemerintahan : 3.05 PEMERINTAHAN UMUM",
                "Organisasi : 3.05.10 KECAMATAN SUKODONO",
                "Ringkasan Anggaran Pendapatan, Belanja dan Pembiayaan",
                "Satuan Kerja Perangkat Daerah",
            ],
            header=[
                [
                    "Kode Rekening",
                    "Uraian",
                    "Sebelum Perubahan (Rp)",
                    "Sesudah Perubahan (Rp)",
                    "Bertambah / Berkurang",
                    "",
                ],
                ["", "", "", "", "Jumlah (Rp)", "%"],
                ["1", "2", "3", "4", "5", "6"],
            ],
            rows=SK_ROWS,
            figures=[
                {"uraian": r[1], "tahun": 2019, "field": "pagu", "value": r[3], "tabel": SK_FILE}
                for r in SK_ROWS
            ],
            merged=["E12:F12", "A12:A13", "B12:B13", "C12:C13", "D12:D13"],
        )
    ],
)

# --- Kecamatan Cakranegara, Kota Mataram: DPA SKPD 2.2.1 2018, one kegiatan ---
CK_FILE = "kec_cakranegara_dpa_skpd_2018_pemberdayaan_sdm_kelurahan.xlsx"
CK_KEGIATAN = "Pemberdayaan Sumber Daya Manusia (SDM) Kelurahan"
CAKRANEGARA = Office(
    folder="cakranegara",
    kabupaten="Kota Mataram",
    kecamatan_csv="",
    tables=[
        Table(
            file=CK_FILE,
            sheet="DPA SKPD 2.2.1",
            title=[
                "DOKUMEN PELAKSANAAN ANGGARAN",
                "SATUAN KERJA PERANGKAT DAERAH",
                "PEMERINTAH KOTA MATARAM",
                "Tahun Anggaran 2018",
                "Urusan Pemerintahan : 2.07 . 2.07 Urusan Wajib Bukan Pelayanan Dasar"
                " Pemberdayaan Masyarakat Desa",
                "Organisasi : 2.07 . 2.07.01 KECAMATAN CAKRANEGARA",
                "Program : 2.07 . 2.07.01 . 27 Program Peningkatan Kapasitas Kelurahan",
                f"Kegiatan : 2.07 . 2.07.01 . 27 . 02 {CK_KEGIATAN}",
                "Lokasi Kegiatan : Kelurahan Cakranegara Utara",
                "Sumber Dana : PAD/Dana Daerah Lainnya",
                "JUMLAH ANGGARAN : Rp 24.130.000,00 (Dua puluh empat juta seratus tiga puluh"
                " ribu rupiah)",
                "INDIKATOR & TOLOK UKUR KINERJA BELANJA LANGSUG",
            ],
            header=[["INDIKATOR", "TOLAK UKUR KINERJA", ""]],
            rows=[
                [
                    "CAPAIAN PROGRAM",
                    "Peningkatan Kapasitas Kelurahan dalam pelaksanaan pembangunan",
                    "100 %",
                ],
                ["MASUKAN", "Jumlah Dana", "Rp. 24.130.000"],
                ["KELUARAN", "Terlaksananya pemberdayaan SDM Kelurahan", "1 Tahun"],
                ["HASIL", "Meningkatnya kwalitas pemberdayaan SDM Kelurahan", "100 %"],
            ],
            notes=["Kelompok Sasaran Kegiatan : Masyarakat Kelurahan"],
            figures=[
                {
                    "uraian": CK_KEGIATAN,
                    "tahun": 2018,
                    "field": "pagu",
                    "value": "24.130.000,00",
                    "tabel": CK_FILE,
                },
                {
                    "indikator": "Peningkatan Kapasitas Kelurahan dalam pelaksanaan pembangunan",
                    "tahun": 2018,
                    "field": "target",
                    "value": "100 %",
                    "tabel": CK_FILE,
                },
                {
                    "indikator": "Meningkatnya kwalitas pemberdayaan SDM Kelurahan",
                    "tahun": 2018,
                    "field": "target",
                    "value": "100 %",
                    "tabel": CK_FILE,
                },
            ],
            form=True,
        )
    ],
)

OFFICES = [TANAH_DATAR, POLEWALI_MANDAR, DUMAI, SUKODONO, CAKRANEGARA]


def write_table(folder: Path, table: Table) -> None:
    path = folder / table.file
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(table.cells())
    elif path.suffix == ".xlsx":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = table.sheet
        for row in table.cells():
            ws.append([c if c != "" else None for c in row])
        for rng in table.merged:
            ws.merge_cells(rng)
        wb.save(path)
    elif path.suffix == ".docx":
        doc = docx.Document()
        for line in table.title:
            doc.add_paragraph(line)
        body = table.header + table.rows
        grid = doc.add_table(rows=len(body), cols=len(body[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        for line in table.notes:
            doc.add_paragraph(line)
        doc.save(path)
    else:
        raise ValueError(f"{table.file}: no writer for {path.suffix}")


def written_cells(path: Path) -> list[list[str]]:
    """The cell text of a written file, rows as lists (empty cells ``""``)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.reader(fh))
    if path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path).active
        return [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
    doc = docx.Document(str(path))
    rows = [[p.text] for p in doc.paragraphs]
    for grid in doc.tables:
        rows += [[cell.text for cell in row.cells] for row in grid.rows]
    return rows


def build(office: Office, root: Path = HERE) -> None:
    folder = root / office.folder
    folder.mkdir(parents=True, exist_ok=True)
    for table in office.tables:
        write_table(folder, table)
    spec = {"kabupaten": office.kabupaten}
    if office.kecamatan_csv:  # an OPD: the one documented kecamatan.csv line
        spec["kecamatan_csv"] = office.kecamatan_csv
    spec["figures"] = [fig for t in office.tables for fig in t.figures]
    lines = [json.dumps(fig, ensure_ascii=False) for fig in spec["figures"]]
    head = json.dumps({k: v for k, v in spec.items() if k != "figures"}, ensure_ascii=False)
    body = ",\n".join(f"  {line}" for line in lines)
    text = f'{head[:-1]},\n "figures": [\n{body}\n ]\n}}\n'
    (folder / "printed.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for office in OFFICES:
        build(office)
