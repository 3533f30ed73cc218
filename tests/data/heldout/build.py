"""Rebuild the held-out tables from the cell text below (verbatim as printed; see each
folder's SOURCE.md). Run: ``python tests/data/heldout/build.py``. Do not tune the reader on
these tables: they measure it (``tests/heldout_measure.py``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

# Kecamatan Gunung Kaler, Kabupaten Tangerang: LKjIP 2020, Tabel 3.5 (as printed)
GUNUNG_KALER_TITLE = [
    "Tabel 3.5",
    "Analisis Pencapaian Sasaran 1",
    "Kecamatan Gunung Kaler Kabupaten Tangerang",
]
GUNUNG_KALER_HEADER = [
    "No.",
    "Indikator Kinerja",
    "Satuan",
    "Target 2019",
    "Target\n2020",
    "Realisasi\n2019",
    "Realisasi 2020",
    "Capaian 2019(%)",
    "Capaian 2020(%)",
]
GUNUNG_KALER_ROWS = [
    [
        "01.01",
        "Hasil Indeks Kepuasan\nMasyarakat",
        "Nilai",
        "82,5",
        "84,75",
        "88,94",
        "88,95",
        "107,81",
        "104,96",
    ],
    [
        "01.02",
        "Prosentase desa/kelurahan dengan kategori minimal Berkembang",
        "Persen",
        "65",
        "70",
        "66,67",
        "66,7",
        "102,57",
        "95,24",
    ],
    [
        "01.03",
        "Persentase desa dengan laporan\npertanggungjawaban baik",
        "Persen",
        "44,44",
        "55,56",
        "44,44",
        "55,56",
        "100,00",
        "100,00",
    ],
    ["Jumlah Capaian Realisasi Kinerja", "", "", "", "", "", "", "310,38", "300,20"],
    ["Rata-Rata Capaian Realisasi Kinerja", "", "", "", "", "", "", "103,46", "100,07"],
]


def write_xlsx(path: Path, title: list[str], header: list[str], rows: list[list[str]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel 3.5"
    for text in title:
        ws.append([text])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


if __name__ == "__main__":
    write_xlsx(
        HERE / "gunung_kaler" / "gunung_kaler_2020_lkjip.xlsx",
        GUNUNG_KALER_TITLE,
        GUNUNG_KALER_HEADER,
        GUNUNG_KALER_ROWS,
    )
