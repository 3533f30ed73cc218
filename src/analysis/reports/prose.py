"""Indonesian prose helpers for the written analysis: counts in words, units read as a
planner writes them, names in sentence case, lists joined with "dan".

Formatting of figures stays in :mod:`analysis.formatting`; this module only turns them
into words and phrases.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import formatting as fmt

KATA_BILANGAN = (
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    "sepuluh",
)  # fmt: skip
"""Counts up to ten are written in words in running text (EYD); larger ones in figures."""

SATUAN_KATA: dict[str, str] = {
    "org": "orang",
    "dok": "dokumen",
    "lap": "laporan",
    "keg": "kegiatan",
    "bln": "bulan",
    "thn": "tahun",
    "eksampler": "eksemplar",
}
"""Abbreviated units as the offices type them -> the word (lower case)."""

_KECIL = {
    "dan", "dengan", "di", "ke", "dari", "yang", "pada", "untuk", "atau", "dalam", "serta",
    "oleh", "terhadap", "atas",
}  # fmt: skip


def bilangan(n: int) -> str:
    """``3`` -> ``tiga``; ``12`` -> ``12``."""
    n = int(n)
    return KATA_BILANGAN[n] if 0 <= n <= 10 else fmt.angka(n)


def seluruh(n: int) -> str:
    """All of a counted set: ``2`` -> ``kedua``, ``6`` -> ``keenam``, ``20`` -> ``seluruh 20``
    (``Kedua indikator ...``, never ``Semua 2 indikator``)."""
    n = int(n)
    if 2 <= n <= 10:
        return "ke" + KATA_BILANGAN[n]
    return f"seluruh {bilangan(n)}"


def awal_kapital(teks: str) -> str:
    """Capitalise the first letter of a sentence (``tiga dari ...`` -> ``Tiga dari ...``)."""
    return teks[:1].upper() + teks[1:] if teks else teks


def nama(teks: object) -> str:
    """A program/kegiatan/indicator name as running text: list marks dropped, spaces
    collapsed, names typed in capitals put in title case (small words lower case)."""
    value = fmt.tanpa_tanda_daftar(" ".join(str(teks).split()))
    value = tanpa_kata_ganda(re.sub(r"\s*/\s*", "/", value))
    letters = [c for c in value if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        words = value.lower().split(" ")
        value = " ".join(
            w if (i and w in _KECIL) else "/".join(p[:1].upper() + p[1:] for p in w.split("/"))
            for i, w in enumerate(words)
        )
    return value


def nama_program(teks: object) -> str:
    """``PENUNJANG URUSAN ...`` -> ``Program Penunjang Urusan ...``."""
    value = nama(teks)
    return value if value.lower().startswith("program") else f"Program {value}"


def satuan(teks: object) -> str:
    """A unit as it reads after a number: ``Orang/Bulan`` -> ``orang per bulan``,
    ``Dok`` -> ``dokumen``, ``%`` -> ``%``; missing -> empty."""
    if fmt.is_missing(teks):
        return ""
    value = " ".join(str(teks).split())
    if value == "%":
        return "%"
    parts = [SATUAN_KATA.get(p.strip().lower(), p.strip().lower()) for p in value.split("/")]
    return " per ".join(p for p in parts if p)


def besaran(nilai: object, unit: object) -> str:
    """``12.75, "Orang/Bulan"`` -> ``12,75 orang per bulan``; ``93.75, "%"`` ->
    ``93,75%``."""
    number = fmt.angka_ringkas(nilai)
    word = satuan(unit)
    if not word:
        return number
    return f"{number}%" if word == "%" else f"{number} {word}"


def daftar(items: list[str]) -> str:
    """``[a, b, c]`` -> ``a, b, dan c``; ``[a, b]`` -> ``a dan b``."""
    items = [i for i in items if i]
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def tanpa_kata_ganda(teks: str) -> str:
    """``poin poin`` -> ``poin``: a word typed twice in a row is written once (reduplicated
    words are written with a hyphen in Indonesian, so a spaced repeat is a slip)."""
    return re.sub(r"\b([^\W\d_]+)(\s+\1\b)+", r"\1", teks, flags=re.IGNORECASE)


def arti_efisiensi(nilai: object) -> str:
    """What a nilai efisiensi (0-100, 50 where capaian equals serapan) says, in words."""
    if fmt.is_missing(nilai):
        return ""
    value = float(nilai)
    if abs(value - 50) < 2.5:
        return "sekitar 50: capaian kinerja sebanding dengan serapan anggaran"
    if value > 50:
        return "di atas 50: capaian kinerja lebih tinggi daripada serapan anggaran"
    return "di bawah 50: serapan anggaran lebih tinggi daripada capaian kinerja"


def satuan_tambahan(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """The unit to print in brackets after an indicator's name, empty where the name
    already ends with it: ``Persentase BMD ... (%)`` with unit ``%`` is not followed by a
    second ``(%)``."""
    name = indikator.astype("object").where(indikator.notna(), "").astype("str")
    unit = satuan.astype("object").where(satuan.notna(), "").astype("str").str.strip()
    own = name.str.extract(r"\(([^()]*)\)\s*$", expand=False).fillna("")

    def norm(s: pd.Series) -> pd.Series:
        return s.str.replace(r"\s+", "", regex=True).str.casefold()

    return unit.where(unit.eq("") | norm(own).ne(norm(unit)), "")
