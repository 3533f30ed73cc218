"""Indonesian number, money, percentage and date formats for the reports.

Planners read ``Rp 3.135.828.551``, ``97,46%`` and ``Triwulan IV``; an English
``97.46%`` in a report is read as ninety-seven thousand. Every format goes through
Babel's CLDR data for ``id_ID`` (grouping with ``.``, decimal comma, month names) rather
than string surgery, so the rules live in one maintained place. Missing values (``None``,
``NaN``, ``pd.NA``) print as ``-``, as in the printed reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from numbers import Real
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

if TYPE_CHECKING:
    import pandas as pd

LOCALE = "id_ID"
"""Locale of every number and date in the reports."""

KOSONG = "-"
"""How a missing value is printed (the reports use a dash)."""

ROMAWI: dict[int, str] = {1: "I", 2: "II", 3: "III", 4: "IV"}
"""Quarter numbers as the reports write them (``Triwulan IV``)."""

TINGKAT_LABEL: dict[str, str] = {
    "program": "Program",
    "kegiatan": "Kegiatan",
    "sub_kegiatan": "Sub Kegiatan",
    "kecamatan": "Kecamatan",
    "rekening": "Rekening",
}
"""Display names of the hierarchy levels."""

ARAH_LABEL: dict[str, str] = {"naik": "naik ▲", "turun": "turun ▼", "tetap": "tetap ="}
"""Display names of a year-on-year direction."""


def is_missing(value: object) -> bool:
    """True for ``None``, ``NaN``, ``pd.NA``/``NaT`` and the empty string."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, Real):
        return math.isnan(float(value))
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _decimal_pattern(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal > 0 else "")


@functools.lru_cache(maxsize=1 << 16)
def _babel(kind: str, number: float, minus: bool, pattern: str, locale: str) -> str:
    """Babel's text for one number, kept: a report formats the same figures many times
    (ticks, tables, workbook, text), and Babel parses the pattern on every call. ``minus``
    keeps ``-0.0`` apart from ``0.0``, which compare equal as keys."""
    if kind == "persen":
        return format_percent(number / 100.0, format=pattern, locale=locale)
    if kind == "rupiah":
        return format_currency(number, "IDR", format=pattern, currency_digits=False, locale=locale)
    return format_decimal(number, format=pattern, locale=locale)


def _teks(kind: str, value: object, pattern: str) -> str:
    number = float(value)  # type: ignore[arg-type]
    return _babel(kind, number, math.copysign(1.0, number) < 0, pattern, LOCALE)


def angka(value: object, desimal: int = 0) -> str:
    """``3135828551`` -> ``3.135.828.551``; ``97.456, 2`` -> ``97,46``."""
    if is_missing(value):
        return KOSONG
    return _teks("angka", value, _decimal_pattern(desimal))


def angka_ringkas(value: object) -> str:
    """A count or a measured value with at most two decimals and no trailing zeros.

    Targets such as ``12`` (Laporan) and ``80,1`` (IKM) sit in the same column; showing
    ``12,00`` would suggest a precision the source never had.
    """
    if is_missing(value):
        return KOSONG
    return _teks("angka", value, "#,##0.##")


def rupiah(value: object) -> str:
    """``3135828551`` -> ``Rp 3.135.828.551`` (whole rupiah, as budgets are printed)."""
    if is_missing(value):
        return KOSONG
    return _teks("rupiah", value, "¤ #,##0")


def persen(value: object, desimal: int = 2) -> str:
    """A percentage given in points: ``97.46`` -> ``97,46%``."""
    if is_missing(value):
        return KOSONG
    return _teks("persen", value, _decimal_pattern(desimal) + "%")


def poin(value: object, desimal: int = 2) -> str:
    """A difference of percentages, signed: ``2.5`` -> ``+2,50 poin``."""
    if is_missing(value):
        return KOSONG
    number = float(value)
    sign = "+" if number > 0 else ""
    return f"{sign}{angka(number, desimal)} poin"


def romawi(triwulan: int) -> str:
    """``4`` -> ``IV``; refuses anything but 1..4 (a quarter 5 is a bug upstream)."""
    try:
        return ROMAWI[int(triwulan)]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"triwulan harus 1..4, bukan {triwulan!r}") from None


def nama_triwulan(triwulan: int) -> str:
    """``4`` -> ``Triwulan IV``."""
    return f"Triwulan {romawi(triwulan)}"


def tw(triwulan: int) -> str:
    """``4`` -> ``TW IV`` (short form for chart axes and table headers)."""
    return f"TW {romawi(triwulan)}"


TW_ROMAWI = r"\b(TW|Tw) (?=(?:IV|I{1,3})\b)"
"""The short name of a quarter before its Roman numeral (``TW II``)."""


def tw_utuh(text: str) -> str:
    """``Realisasi s/d TW II`` with a no-break space in ``TW II``: a header that wraps
    never leaves the numeral alone on a line (``TW`` / ``II``)."""
    return re.sub(TW_ROMAWI, "\\1\u00a0", text)


def sd_tw(triwulan: int) -> str:
    """``4`` -> ``s/d TW IV``: cumulative from the first quarter up to this one."""
    return f"s/d {tw(triwulan)}"


def tanggal(value: dt.date | dt.datetime) -> str:
    """``2025-03-31`` -> ``31 Maret 2025``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="long", locale=LOCALE)


def nama_tingkat(tingkat: str) -> str:
    """``sub_kegiatan`` -> ``Sub Kegiatan``; an unknown level is shown as written."""
    return TINGKAT_LABEL.get(str(tingkat), str(tingkat))


TANDA_DAFTAR = r"[-–•·*]"
"""The marks an office types before the items of a list."""

LIST_MARK = rf"^\s*{TANDA_DAFTAR}\s*"
"""A list mark an office typed before a name (``- Koordinasi ...``): layout, not name."""

LIST_MARK_KUTIPAN = rf"(?<=[\"'“‘])\s*{TANDA_DAFTAR}\s*(?=[^\W\d_])"
"""The same mark at the start of a name quoted in a finding's message
(``Sub Kegiatan "- Penyediaan ..."``); a quoted figure (``'-5'``) keeps its sign."""


def tanpa_tanda_daftar(text: str) -> str:
    """``"- Koordinasi Dokumen"`` -> ``"Koordinasi Dokumen"`` (for display only)."""
    return re.sub(LIST_MARK, "", text)


def nama_tanpa_tanda_daftar(names: pd.Series) -> pd.Series:
    """:func:`tanpa_tanda_daftar` over a column of names (the page's hierarchy, the
    workbook's and the Word draft's official tables alike)."""
    return names.astype("string").str.replace(LIST_MARK, "", regex=True)


def kutipan_tanpa_tanda_daftar(texts: pd.Series) -> pd.Series:
    """Messages that quote a name without the office's list mark before it
    (``Sub Kegiatan "- Penyediaan ..."`` -> ``Sub Kegiatan "Penyediaan ..."``): the
    findings as the page, the workbook and the Word draft show them; the stored finding
    keeps the source's text."""
    return texts.astype("string").str.replace(LIST_MARK_KUTIPAN, "", regex=True)


def tempat(sumber: pd.Series) -> pd.Series:
    """``file:sheet:row`` as the office would find it: ``berkas X, lembar Y, baris Z``
    (the sheet left out when it is the file's own name, as a CSV's is)."""
    many = sumber.fillna("").astype("str").str.split(r"\s*\|\s*", regex=True).explode()
    if many.index.has_duplicates:
        one = _tempat_satu(many)
        return one.groupby(level=0, sort=False).agg("; ".join).reindex(sumber.index)
    return _tempat_satu(many)


def _tempat_satu(sumber: pd.Series) -> pd.Series:
    parts = sumber.fillna("").astype("str").str.rsplit(":", n=2, expand=True)
    while parts.shape[1] < 3:
        parts[parts.shape[1]] = ""
    berkas, lembar, baris = parts[0], parts[1].fillna(""), parts[2].fillna("")
    stem = berkas.str.replace(r"\.[A-Za-z0-9]+$", "", regex=True)
    text = "berkas " + berkas
    text = text.where(lembar.eq("") | lembar.eq(stem), text + ", lembar " + lembar)
    text = text.where(baris.eq(""), text + ", baris " + baris)
    pdf = berkas.str.lower().str.endswith(".pdf") & baris.str.fullmatch(r"\d{4,}")
    if pdf.any():  # PDF rows are page * 1000 + row: say the page (analysis.errors.pdf_place)
        from analysis.errors import PDF_PAGE_ROWS

        row = baris[pdf].astype("int64")
        line = (row % PDF_PAGE_ROWS).astype("str")
        at = (", baris " + line).where(line.ne("0"), ", judul tabel")
        page = (row // PDF_PAGE_ROWS).astype("str")
        text[pdf] = "berkas " + berkas[pdf] + ", lembar " + lembar[pdf] + ", halaman " + page + at
    return text.where(berkas.ne(""), "")
