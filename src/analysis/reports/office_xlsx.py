"""The official tables as an Excel workbook (XlsxWriter), one sheet per table.

Each sheet: the title and a one-line note, the header as the form prints it (group
headers merged above their columns, single headers merged down), the numbered row
``(1) (2) ...`` where the form has one, then the rows. Numbers stay numbers: the
Indonesian display (``3.135.828.551``, ``97,46``, ``2 Dokumen``) is an Excel number
format with the Indonesian locale tag ``[$-421]`` (LibreOffice applies it as written;
Excel applies the reader's own separators, which on an Indonesian system are the same),
so a planner can sum and recompute. Header rows are frozen and repeated on every printed
page; pages are A4 landscape, fitted to the page width.

Text from data is written as text, never as a formula: a cell starting like a formula
(``=``, ``+``, ``-``, ``@`` ...) is marked ``quotePrefix`` (Excel's own "typed with an
apostrophe" flag, so editing the cell keeps it text) and neutralised as
:func:`analysis.reports.office.netralkan` says.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from analysis.reports import office_rumus, tercetak
from analysis.reports.office_content import berbahaya, bersihkan, lebar_kolom, netralkan
from analysis.reports.official_table import KALIMAT_TERCETAK, TANDA, TabelResmi

LOKAL = "[$-421]"
"""Locale tag of Indonesian (LCID 0x421) in an Excel number format."""

FORMAT_ANGKA: dict[str, str] = {
    "rupiah": f"{LOKAL}#,##0",
    "persen": f"{LOKAL}#,##0.00",
    "bilangan": f"{LOKAL}#,##0",
    "tahun": "0",
    "bulat": f"{LOKAL}#,##0",
    "desimal": f"{LOKAL}#,##0.0#",
}
"""Excel number format of each kind of column; ``angka`` uses ``bulat`` or ``desimal``
per value (a count prints ``12``, an index ``80,1``), with the row's unit appended."""

_SATUAN_AMAN = re.compile(r"[^\w %/.,()-]", re.UNICODE)

WARNA_TANDA = "#FFF2CC"
"""Fill of a cell whose printed figure the recomputation does not confirm."""

BARIS_JUDUL = 0
BARIS_KETERANGAN = 1
BARIS_KEPALA = 3
"""Rows of the title, the note and the first header row (0-based)."""


def format_angka(jenis: str, nilai: float, satuan: str = "", desimal: int | None = None) -> str:
    """The number format of one value: by kind, and for ``angka`` by value and unit; a
    percentage the office printed (``desimal`` given: the ``_desimal_<kolom>`` of the
    table, :func:`analysis.reports.tercetak.desimal_tercetak`) at its printed precision,
    so a formula cell whose value rounds to it displays the printed figure."""
    fixed = (
        f"{LOKAL}#,##0" + ("." + "0" * desimal if desimal else "") if desimal is not None else ""
    )
    if jenis == "persen" and fixed:
        return fixed
    if jenis != "angka":
        return FORMAT_ANGKA[jenis]
    base = fixed or FORMAT_ANGKA["bulat" if round(nilai, 2) == round(nilai) else "desimal"]
    unit = _SATUAN_AMAN.sub("", satuan).strip()[:30]
    return f'{base}" {unit}"' if unit else base


class _Formats:
    """XlsxWriter formats, created once per distinct combination."""

    BASE: ClassVar[dict[str, object]] = {"border": 1, "valign": "top", "font_size": 9}

    def __init__(self, workbook) -> None:
        self.wb = workbook
        self.cache: dict[tuple, object] = {}

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format({**self.BASE, **props})
        return self.cache[key]


_BOLD_TINGKAT = {"program", "total"}
_INDENT = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def _sheet_names(tables: Sequence[TabelResmi]) -> list[str]:
    names: list[str] = []
    for t in tables:
        name = re.sub(r"[\[\]:*?/\\]", " ", t.nama).strip()[:31] or "Tabel"
        base, n = name, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _header(ws, t: TabelResmi, f: _Formats) -> int:
    """Write the header rows; return the first data row."""
    head = f.get(bold=True, align="center", valign="vcenter", text_wrap=True, bg_color="#D9E1F2")
    top = BARIS_KEPALA
    two = t.ada_grup
    cols = list(t.kolom)
    i = 0
    while i < len(cols):
        k = cols[i]
        if not two:
            ws.write_string(top, i, k.judul, head)
            i += 1
            continue
        if not k.grup:
            ws.merge_range(top, i, top + 1, i, k.judul, head)
            i += 1
            continue
        j = i
        while j + 1 < len(cols) and cols[j + 1].grup == k.grup:
            j += 1
        if j > i:
            ws.merge_range(top, i, top, j, k.grup, head)
        else:
            ws.write_string(top, i, k.grup, head)
        for c in range(i, j + 1):
            ws.write_string(top + 1, c, cols[c].judul, head)
        i = j + 1
    row = top + (2 if two else 1)
    ws.set_row(top, 30 if two else 42)
    if two:
        ws.set_row(top + 1, 42)
    if t.nomor_kolom:
        numbered = f.get(italic=True, align="center", font_size=8, bg_color="#F2F2F2")
        for c in range(len(cols)):
            ws.write_string(row, c, f"({c + 1})", numbered)
        row += 1
    return row


def _cell_formats(t: TabelResmi, f: _Formats) -> pd.DataFrame:
    """The format of every cell, chosen column by column from the row's level."""
    b = t.baris
    tingkat = b["_tingkat"].astype("str") if "_tingkat" in b else pd.Series("", index=b.index)
    bold = tingkat.isin(_BOLD_TINGKAT).to_numpy()
    indent = tingkat.map(_INDENT).fillna(0).astype("int64").to_numpy()
    out = {}
    for k in t.kolom:
        values = b[k.kunci]
        if k.jenis == "teks":
            text = values.fillna("").astype("str")
            risky = text.map(lambda v: berbahaya(bersihkan(v))).to_numpy()
            first = k is t.kolom[0] or k.kunci == "uraian"
            out[k.kunci] = [
                f.get(
                    text_wrap=True,
                    bold=bool(bo),
                    indent=int(ind) if k.kunci == "uraian" else 0,
                    quote_prefix=bool(r),
                    align="left" if not first or k.kunci == "uraian" else "center",
                )
                for bo, ind, r in zip(bold, indent, risky, strict=True)
            ]
            continue
        units = (
            b[k.satuan].fillna("").astype("str")
            if k.satuan and k.satuan in b
            else pd.Series("", index=b.index)
        )
        nums = pd.to_numeric(values, errors="coerce").astype("float64").to_numpy()
        # A printed figure the recomputation does not confirm: marked as on screen
        # (the number stays a number) and shaded; the row's note gives the recomputation.
        marked = (
            b["_tanda"].fillna("").astype("str").str.split().map(lambda ks, key=k.kunci: key in ks)
            if "_tanda" in b
            else pd.Series(False, index=b.index)
        ).to_numpy(dtype=bool)
        desimal = (
            b[f"_desimal_{k.kunci}"].astype("Int64")
            if f"_desimal_{k.kunci}" in b
            else pd.Series(pd.NA, index=b.index, dtype="Int64")
        )
        out[k.kunci] = [
            f.get(
                num_format=format_angka(
                    k.jenis,
                    0.0 if math.isnan(v) else float(v),
                    u,
                    None if pd.isna(d) else int(d),
                )
                + (f'"{TANDA}"' if mk else ""),
                bold=bool(bo),
                align="right",
                **({"bg_color": WARNA_TANDA} if mk else {}),
            )
            for v, u, bo, mk, d in zip(nums, units, bold, marked, desimal, strict=True)
        ]
    return pd.DataFrame(out, index=b.index)


def _row_heights(t: TabelResmi, widths: Sequence[float]) -> np.ndarray:
    """Points per data row so wrapped text shows whole (LibreOffice does not re-measure
    the rows of an .xlsx it opens; Excel keeps a height it is given)."""
    shown = t.tampilan()
    own = np.ones(len(shown), dtype="int64")  # columns printed on every row
    merged = np.ones(len(shown), dtype="int64")  # columns merged down over a block
    tingkat = t.baris["_tingkat"].astype("str") if "_tingkat" in t.baris else None
    bold = (
        tingkat.isin(_BOLD_TINGKAT).to_numpy()
        if tingkat is not None
        else np.zeros(len(shown), dtype=bool)
    )
    for k, width in zip(t.kolom, widths, strict=True):
        if k.jenis != "teks":
            continue
        # 9-pt text fits ~1.3-1.5 characters per width unit, bold capitals ~1.1 (measured on
        # LibreOffice's print; Excel's Calibri is narrower, so these never cut text there)
        text = shown[k.kunci].astype("str")
        wide = bold | (text.str.upper() == text).to_numpy()
        per_line = np.where(wide, max(int(width * 1.1) - 2, 1), max(int(width * 1.25) - 2, 1))
        n = np.array(
            [
                sum(max(1, -(-len(p) // w)) for p in parts)
                for parts, w in zip(text.str.split("\n"), per_line, strict=True)
            ],
            dtype="int64",
        )
        if k.kunci in t.gabung:
            merged = np.maximum(merged, n)
        else:
            own = np.maximum(own, n)
    if t.gabung and "_blok" in t.baris:
        blok = t.baris["_blok"]
        size = blok.groupby(blok).transform("size").to_numpy()
        need = pd.Series(merged, index=blok.index).groupby(blok).transform("max").to_numpy()
        merged = -(-need // np.maximum(size, 1))
    return np.minimum(np.maximum(own, merged), 30) * 11.5 + 3


CATATAN_TANDA_RUMUS = (
    "* Kecamatan mencetak angka lain untuk sel ini. Sel berumus (jumlah, rata-rata, "
    "realisasi / target x 100) menunjukkan hasil hitung ulang dan ikut berubah bila sel "
    "lain dikoreksi; angka tercetak dan cara hitungnya ada di kolom terakhir."
)
"""The workbook's wording of :data:`tercetak.CATATAN_TANDA`: in a sheet with formulas a
marked formula cell holds the recomputation, the printed figure stands in the row's
``hitung_ulang`` text ("... tercetak 71,77%, dihitung ulang 88,89% (rule)")."""


KALIMAT_RUMUS = (
    "Jumlah, rata-rata dan capaian adalah rumus yang ikut berubah bila sel lain dikoreksi; "
    "bertanda * bila kecamatan mencetak angka lain (angka tercetak dan cara hitungnya di "
    "kolom terakhir)."
)
"""The workbook's wording of :data:`official_table.KALIMAT_TERCETAK`."""


def _dengan_rumus(t: TabelResmi, plan: dict) -> TabelResmi:
    """``t`` with its note and the note under it worded for formula cells."""
    if not plan:
        return t
    catatan = tuple(CATATAN_TANDA_RUMUS if c == tercetak.CATATAN_TANDA else c for c in t.catatan)
    keterangan = t.keterangan.replace(KALIMAT_TERCETAK, KALIMAT_RUMUS)
    worded = dataclasses.replace(t, catatan=catatan, keterangan=keterangan)
    # Same columns and rows, so the same cell texts: made once, for the Word draft too
    # (it writes ``t`` itself), not again for the copy.
    worded.__dict__["_tampilan"] = t.tampilan()
    return worded


def _sheet(wb, ws, t: TabelResmi, f: _Formats) -> None:
    ncol = len(t.kolom)
    title = wb.add_format({"bold": True, "font_size": 12, "text_wrap": True, "valign": "top"})
    first = BARIS_KEPALA + (2 if t.ada_grup else 1) + (1 if t.nomor_kolom else 0)
    plan = office_rumus.rencanakan(t, first) if not t.baris.empty else {}
    t = _dengan_rumus(t, plan)
    widths = lebar_kolom(t)
    wrapped = wb.add_format(
        {
            "italic": True,
            "font_size": 9,
            "font_color": "#52606D",
            "text_wrap": True,
            "valign": "top",
        }
    )

    def full_width(row: int, text: str, fmt, points: float = 12.0, scale: float = 1.0) -> None:
        """A line across the printed width, wrapped (a long note is never cut at the edge);
        ``scale``: how much wider its letters are than the columns' (a 12-pt bold title)."""
        lines = -(-round(len(text) * scale) // max(int(sum(widths) * 1.1), 1))
        if ncol > 1:
            ws.merge_range(row, 0, row, ncol - 1, "", fmt)
        ws.write_string(row, 0, text, fmt)  # a string, never read as a formula
        if lines > 1:
            ws.set_row(row, lines * points + 2)

    # The title too wraps across the table's width: a narrow table (an IKU of one year)
    # would otherwise print it cut at the edge of the print area.
    full_width(BARIS_JUDUL, t.judul, title, points=16.0, scale=1.35)
    if t.keterangan:
        full_width(BARIS_KETERANGAN, t.keterangan, wrapped)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    assert _header(ws, t, f) == first
    ws.freeze_panes(first, 0)
    ws.repeat_rows(BARIS_KEPALA, first - 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.set_footer(f"&L{t.nama}&RHalaman &P dari &N")
    b = t.baris
    if b.empty:
        full_width(first, t.pesan_kosong, wrapped)
        last = first
    else:
        formats = _cell_formats(t, f)
        for r, height in enumerate(_row_heights(t, widths)):
            if height > 15:
                ws.set_row(first + r, float(height))
        for c, k in enumerate(t.kolom):
            fmts = formats[k.kunci].to_numpy()
            if k.jenis == "teks":
                texts = b[k.kunci].fillna("").astype("str").map(netralkan).to_numpy()
                for r, (text, cf) in enumerate(zip(texts, fmts, strict=True)):
                    if text:
                        ws.write_string(first + r, c, text, cf)
                    else:
                        ws.write_blank(first + r, c, None, cf)
            else:
                nums = pd.to_numeric(b[k.kunci], errors="coerce").astype("float64").to_numpy()
                for r, (v, cf) in enumerate(zip(nums, fmts, strict=True)):
                    cell = plan.get((r, k.kunci))
                    if cell is not None:
                        ws.write_formula(first + r, c, cell.rumus, cf, cell.nilai)
                    elif math.isnan(v) or math.isinf(v):
                        ws.write_blank(first + r, c, None, cf)
                    else:
                        ws.write_number(first + r, c, float(v), cf)
        _merge_blocks(ws, t, first, formats, plan)
        last = first + len(b) - 1
    row = last + 2
    for text in t.catatan:
        full_width(row, netralkan(text), wrapped)
        row += 1
    ws.print_area(0, 0, max(row, last), ncol - 1)


def _merge_blocks(ws, t: TabelResmi, first: int, formats: pd.DataFrame, plan: dict) -> None:
    """Merge the block columns down over the rows of one indicator or node."""
    if not t.gabung or "_blok" not in t.baris:
        return
    blok = t.baris["_blok"].to_numpy()
    starts = np.flatnonzero(np.r_[True, blok[1:] != blok[:-1]])
    ends = np.r_[starts[1:], len(blok)] - 1
    multi = [(s, e) for s, e in zip(starts, ends, strict=True) if e > s]
    for c, k in enumerate(t.kolom):
        if k.kunci not in t.gabung:
            continue
        values = t.baris[k.kunci]
        for s, e in multi:
            value = values.iloc[s]
            cf = formats[k.kunci].iloc[s]
            ws.merge_range(first + s, c, first + e, c, "", cf)
            if k.jenis == "teks":
                text = "" if pd.isna(value) else netralkan(str(value))
                if text:
                    ws.write_string(first + s, c, text, cf)
            elif (s, k.kunci) in plan:
                cell = plan[(s, k.kunci)]
                ws.write_formula(first + s, c, cell.rumus, cf, cell.nilai)
            elif not pd.isna(value) and math.isfinite(float(value)):
                ws.write_number(first + s, c, float(value), cf)


def buku_kerja(tables: Sequence[TabelResmi], judul: str) -> bytes:
    """The workbook of ``tables`` as bytes (written atomically by the caller)."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    wb.set_properties(
        {
            "title": netralkan(judul),
            "subject": "Tabel resmi laporan kinerja kecamatan",
            "author": "kinerja-kecamatan",
            "comments": "Dibuat otomatis dari data olahan; angka tetap berupa angka.",
        }
    )
    f = _Formats(wb)
    for name, t in zip(_sheet_names(tables), tables, strict=True):
        ws = wb.add_worksheet(name)
        _sheet(wb, ws, t, f)
    wb.close()
    return buffer.getvalue()
