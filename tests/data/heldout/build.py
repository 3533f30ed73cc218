"""Rebuild the held-out tables from the cell text below (verbatim as printed; see each
folder's SOURCE.md). Run: ``python tests/data/heldout/build.py``. Do not tune the reader on
these tables: they measure it (``tests/heldout_measure.py``)."""

from __future__ import annotations

import csv
import json
import re
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


# --- Renstra PD exports of a planning application (Kabupaten Banyuwangi and Situbondo) ---
# The rows are cut verbatim from the application's SQL export into ``_sources/*.sql``
# (see each office's SOURCE.md); each table is written as the application's export a
# planner would send: one header row of the field names, one row per record, NULL as an
# empty cell, every value as the export holds it (text, as in the SQL).

SOURCES = HERE / "_sources"
_TABLE = re.compile(r"(?:REPLACE|INSERT) INTO `(\w+)` \(([^)]*)\) VALUES\s*(.*?);\s*$", re.S | re.M)
_TOKEN = re.compile(r"\s*(?:'((?:[^']|'')*)'|(NULL)|(-?\d+(?:\.\d+)?))\s*(,|\))", re.S)


def sql_tables(path: Path) -> dict[str, tuple[list[str], list[list[str | None]]]]:
    """``{table: (columns, rows)}`` of the ``REPLACE INTO`` / ``INSERT INTO ... VALUES (...),
    (...);`` statements of an excerpt; values stay text (``'90'`` -> ``"90"``, NULL -> None)."""
    tables = {}
    for name, cols, body in _TABLE.findall(path.read_text(encoding="utf-8")):
        columns = [c.strip().strip("`") for c in cols.split(",")]
        rows, row, pos = [], None, 0
        while pos < len(body):
            if row is None:
                start = body.index("(", pos)
                row, pos = [], start + 1
                continue
            m = _TOKEN.match(body, pos)
            if not m:
                raise ValueError(f"{path.name}: cannot read {body[pos : pos + 40]!r}")
            text, null, number, end = m.groups()
            row.append(None if null else (text.replace("''", "'") if text is not None else number))
            pos = m.end()
            if end == ")":
                if len(row) != len(columns):
                    raise ValueError(
                        f"{path.name} {name}: {len(row)} values, {len(columns)} columns"
                    )
                rows.append(row)
                row = None
                nxt = body.find("(", pos)
                if nxt < 0:
                    break
                pos = nxt
        tables[name] = (columns, rows)
    return tables


def write_export_csv(path: Path, columns: list[str], rows: list[list[str | None]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows])


def write_export_xlsx(path: Path, sheet: str, columns: list[str], rows) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(columns)
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    wb.save(path)


# office folder -> (source excerpt, [(table, file name)]); .csv or .xlsx as the name says
RENSTRA_EXPORTS = {
    "asembagus": (
        "asembagus_renstra.sql",
        [
            ("renstra_program", "asembagus_2026_renstra_program.csv"),
            ("renstra_kegiatan", "asembagus_2026_renstra_kegiatan.xlsx"),
        ],
    ),
}
YEARS = range(2025, 2031)


def printed_figures(columns: list[str], rows) -> list[dict]:
    """Every figure the export holds for a year: ``target_<year>`` as target,
    ``anggaran_<year>`` as pagu (empty cells are no figure). A row is named by its
    ``indikator`` and, where the table has one, its ``nama`` (program/kegiatan/sub
    kegiatan); the baseline ``kondisi_awal`` names no year and is not counted. In a table of
    indicators only (no ``nama``) an anggaran ``0.00`` is no figure either: the application
    keeps a kegiatan's anggaran on its first indicator and ``0.00`` on the others."""
    figures = []
    for row in rows:
        rec = dict(zip(columns, row, strict=True))
        label = {"indikator": rec.get("indikator") or ""}
        if rec.get("nama"):
            label["uraian"] = rec["nama"]
        for year in YEARS:
            for col, field in ((f"target_{year}", "target"), (f"anggaran_{year}", "pagu")):
                value = rec.get(col)
                if value in (None, ""):
                    continue
                if field == "pagu" and "nama" not in rec and float(value) == 0:
                    continue
                figures.append({**label, "tahun": year, "field": field, "value": value})
    return figures


def dump_spec(spec: dict) -> str:
    """``printed.json`` with one figure a line, as ``gunung_kaler/printed.json`` is written."""
    head = {k: v for k, v in spec.items() if k != "figures"}
    lines = [json.dumps(fig, ensure_ascii=False) for fig in spec["figures"]]
    body = ",\n".join(f"  {line}" for line in lines)
    top = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return f'{top},\n "figures": [\n{body}\n ]\n}}\n'


def build_renstra_exports() -> None:
    for office, (source, tables) in RENSTRA_EXPORTS.items():
        parsed = sql_tables(SOURCES / source)
        folder = HERE / office
        folder.mkdir(exist_ok=True)
        spec_path = folder / "printed.json"
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        spec["figures"] = []
        for table, name in tables:
            columns, rows = parsed[table]
            if name.endswith(".csv"):
                write_export_csv(folder / name, columns, rows)
            else:
                write_export_xlsx(folder / name, table, columns, rows)
            for fig in printed_figures(columns, rows):
                spec["figures"].append({**fig, "tabel": name})
        spec_path.write_text(dump_spec(spec), encoding="utf-8")


if __name__ == "__main__":
    write_xlsx(
        HERE / "gunung_kaler" / "gunung_kaler_2020_lkjip.xlsx",
        GUNUNG_KALER_TITLE,
        GUNUNG_KALER_HEADER,
        GUNUNG_KALER_ROWS,
    )
    build_renstra_exports()
