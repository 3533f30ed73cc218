"""The office's narrative explanations (``narasi``: Hambatan, Solusi, faktor pendukung
read from its Word report) put with the program, sasaran or report they refer to, and
written out as quotes that name their source.

A narrative names a program as the office writes it (``Program Pemberdayaan Masyarakat
Desa dan Kelurahan``), which is often not the name of its kinerja table (``PROGRAM
PEMBERDAYAAN MASYARAKAT``). :func:`cocokkan` joins them by code when the office gave one,
else by the words the two names share (Dice coefficient of their normalised words, at
least :data:`AMBANG_KATA`, and clearly ahead of the second best). An explanation that
matches no program is never dropped: :func:`paragraf_lain` writes it under the name the
office used.

The kind (``jenis``) is the office's own label over the text (a list under *Hambatan*
is an obstacle), never the indicator's band; clauses that are no explanation
(transcription notes, predikat lines, bare numbers: :func:`.factors.bukan_faktor`) are
not quoted.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis import formatting as fmt
from analysis.reports import factors
from analysis.reports import prose as p
from analysis.schema import NARASI

AMBANG_KATA = 0.6
"""Least Dice coefficient of two program names' words to be one program. Measured on
Wotu 2024 (narrative vs kinerja table): the five true pairs score 0.67-1.00, the best
wrong pair 0.50 (*Penyelenggaraan Pemerintahan dan Pelayanan Publik* against
*Penyelenggaraan Urusan Pemerintahan Umum*)."""

SELISIH_KATA = 0.1
"""The best match must lead the second best by this much, or nothing is matched."""

SINONIM_KATA: dict[str, str] = {
    "kab": "kabupaten",
    "pemerintah": "pemerintahan",
    "pemberdayaaan": "pemberdayaan",
    "ketentraman": "ketenteraman",
    "kota": "kota",
}
"""Spellings of one word in program names -> one form."""

KATA_UMUM = frozenset({"program", "dan", "di", "ke", "yang", "serta", "dengan", "pada", "atau"})
"""Words that say nothing about which program a name is."""

MAKS_KUTIPAN = 5
"""Quotes per kind and paragraph; the rest are counted."""

_MAKS_HURUF = 600
"""A quote longer than this (a whole page pasted as one paragraph) is cut at a word."""

AWALAN = {
    "penghambat": "Hambatan yang dicatat kecamatan",
    "solusi": "Solusi yang disebutkan kecamatan",
    "pendukung": "Hal yang mendukung keberhasilan menurut kecamatan",
    "catatan": "Catatan kecamatan",
}
"""How each kind is introduced; the office's words follow in quotes."""


def _kata(nama: object) -> frozenset[str]:
    words = re.findall(r"[^\W_]+", str(nama).lower())
    return frozenset(SINONIM_KATA.get(w, w) for w in words if w not in KATA_UMUM)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _temukan(kode: object, nama: object, rows: pd.DataFrame) -> object:
    """The row of ``rows`` (``kunci``, ``kode``, ``uraian``) a narrative heading names:
    by code, else by the words of its name (or None)."""
    kunci = rows["kunci"].astype("str")
    if not fmt.is_missing(kode):
        by_code = rows[kunci.eq(kode) | kunci.str.endswith("." + str(kode))]
        by_code = by_code if len(by_code) == 1 else rows[rows["kode"].astype("str").eq(str(kode))]
        if len(by_code) == 1:
            return by_code.index[0]
    words = _kata(nama)
    scores = rows["uraian"].map(lambda n: _dice(words, _kata(n))).sort_values(ascending=False)
    if not len(scores) or scores.iloc[0] < AMBANG_KATA:
        return None
    if len(scores) > 1 and scores.iloc[0] - scores.iloc[1] < SELISIH_KATA:
        return None
    return scores.index[0]


def cocokkan(
    narasi: pd.DataFrame, program: pd.DataFrame, simpul: pd.DataFrame | None = None
) -> pd.Series:
    """The ``kunci`` of the report's program each narasi row refers to (NA where it names
    no program, or one the report does not hold). ``program``: the report's program rows
    (``kunci``, ``kode``, ``uraian``); ``simpul``: its kegiatan and sub kegiatan rows
    (``tingkat``, ``kunci``, ``kode``, ``uraian``, ``kunci_program``), through which a
    narrative about a kegiatan or sub kegiatan reaches its program."""
    out = pd.Series(pd.NA, index=narasi.index, dtype="object")
    if narasi.empty or program.empty:
        return out
    program = program.reset_index(drop=True)
    nodes = (
        simpul.drop_duplicates("kunci").reset_index(drop=True)
        if simpul is not None and len(simpul)
        else None
    )
    keys = ["tingkat", "kode", "nama"]
    subjects = narasi[keys].drop_duplicates()
    found: dict[tuple, object] = {}
    for tingkat, kode, nama in subjects.itertuples(index=False):  # a few headings a document
        if tingkat == "program":
            at = _temukan(kode, nama, program)
            if at is not None:
                found[(tingkat, kode, nama)] = program.loc[at, "kunci"]
        elif tingkat in ("kegiatan", "sub_kegiatan") and nodes is not None:
            level = nodes[nodes["tingkat"].eq(tingkat)]
            at = _temukan(kode, nama, level) if len(level) else None
            if at is not None and not fmt.is_missing(level.loc[at, "kunci_program"]):
                found[(tingkat, kode, nama)] = level.loc[at, "kunci_program"]
    index = pd.Series(list(zip(*(narasi[k] for k in keys), strict=True)), index=narasi.index)
    return index.map(lambda k: found.get(k, pd.NA)).astype("object")


def berlaku(narasi: pd.DataFrame | None, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The office's explanations for a report: its year, from the latest document up to
    the report's quarter (a document without a quarter counts for the whole year)."""
    if narasi is None or narasi.empty:
        return pd.DataFrame(columns=NARASI)
    tw = narasi["triwulan"]
    rows = narasi[
        narasi["kecamatan"].eq(kecamatan)
        & narasi["tahun"].eq(tahun)
        & (tw.isna() | (tw <= triwulan)).astype(bool)
    ]
    if rows.empty:
        return rows
    latest = rows["triwulan"].fillna(0).max()
    return rows[rows["triwulan"].fillna(0).eq(latest)].reset_index(drop=True)


def _kutip(teks: str) -> str:
    value = " ".join(str(teks).split())
    if len(value) > _MAKS_HURUF:
        value = value[: _MAKS_HURUF - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"“{value.rstrip('.')}”"


def _sumber(rows: pd.DataFrame) -> str:
    """``wotu_2024_lkj_bab3.docx, paragraf 71-78`` (every file the quotes come from)."""
    parts = []
    for sumber, one in rows.groupby("sumber", sort=False):
        lo, hi = int(one["paragraf"].min()), int(one["paragraf"].max())
        where = f"paragraf {lo}" if lo == hi else f"paragraf {lo}-{hi}"
        parts.append(f"{sumber}, {where}")
    return "; ".join(parts)


def kalimat(rows: pd.DataFrame, judul: str | None = None) -> list[str]:
    """One sentence per kind the office wrote (obstacles, remedies, what helped, notes),
    each quote verbatim, the file and paragraphs named at the end, with the heading the
    office wrote over them where it names the node otherwise than ``judul``."""
    if rows.empty:
        return []
    quoted = rows["teks"].map(lambda t: factors.bukan_faktor(str(t)) is None).astype(bool)
    rows = rows.loc[quoted].drop_duplicates(["jenis", "teks"])
    out = []
    for jenis in ("penghambat", "solusi", "pendukung", "catatan"):
        some = rows[rows["jenis"].eq(jenis)]
        if some.empty:
            continue
        quotes = [_kutip(t) for t in some["teks"].head(MAKS_KUTIPAN)]
        rest = len(some) - len(quotes)
        if rest > 0:
            quotes.append(f"{p.bilangan(rest)} hal lainnya")
        out.append(f"{AWALAN[jenis]}: {p.daftar(quotes)}.")
    if out:
        where = _sumber(rows)
        named = rows["nama"].dropna().unique()
        if judul is not None and len(named) == 1 and _kata(named[0]) != _kata(judul):
            where += f", di bawah judul “{named[0]}”"
        out[-1] = out[-1][:-1] + f" ({where})."
    return out


def paragraf_lain(rows: pd.DataFrame, matched: pd.Series) -> list[dict[str, str]]:
    """Paragraphs for what the office explained beyond the report's programs: per
    sasaran, for the report as a whole, and for a program the report does not hold
    (under the name the office wrote)."""
    rest = rows[matched.isna().to_numpy()]
    out = []
    for (tingkat, nama), one in rest.groupby(
        [rest["tingkat"].fillna(""), rest["nama"].fillna("")], sort=False
    ):
        said = kalimat(one)
        if not said:
            continue
        if tingkat == "sasaran":
            judul = f"Sasaran: {nama}"
        elif tingkat:
            judul = (
                p.nama_program(nama)
                if tingkat == "program"
                else p.tanpa_kata_ganda(f"{fmt.nama_tingkat(tingkat)} {p.nama(nama)}")
            )
            said.insert(
                0,
                f"{fmt.nama_tingkat(tingkat)} ini disebut kecamatan dalam laporannya dengan nama "
                "tersebut dan tidak ditemukan pada tabel kinerja laporan ini.",
            )
        else:
            judul = "Penjelasan umum kecamatan"
        out.append({"judul": judul, "teks": " ".join(said)})
    return out
