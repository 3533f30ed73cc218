"""The office's own words, sorted by what they say.

A note (KET, Hambatan/Kendala, Solusi/Upaya, a Word report's paragraph) is cut into
clauses; each clause is classified by its cue words into *pendukung* (supporting
factor), *penghambat* (obstacle), *solusi* (remedy or follow-up) or *catatan* (a plain
note: what was done or delivered), or dropped when it is not the office's explanation at
all: a transcription note written while keying the report in ("Indikator program tidak
dicetak pada tabel", "satuan dari label grafik ..."), a predikat line ("Predikat Kinerja
TW I: Sangat Baik"), a link to the evidence, or a bare number. The indicator's band never
decides the class: a note on an indicator at 100 % can name an obstacle, and one on an
indicator behind target can name what helped.

The cues are data (:data:`CUES`, :data:`NOT_FACTOR`), matched on whole words.
"""

from __future__ import annotations

import re

import pandas as pd

KELAS = ("pendukung", "penghambat", "solusi", "catatan")
"""The classes, in the order a paragraph names them."""

NOT_FACTOR: tuple[tuple[str, str], ...] = (
    ("transkripsi", r"\btidak dicetak\b"),
    ("transkripsi", r"\btercetak\b"),
    ("transkripsi", r"\blabel (?:sumbu )?grafik\b"),
    ("transkripsi", r"\bsatuan dari\b"),
    ("transkripsi", r"\bdata di akhir laporan\b"),
    ("transkripsi", r"^\s*grafik\b"),
    ("transkripsi", r"^\s*kolom tabel\b"),
    ("transkripsi", r"^\s*(?:target|realisasi)\s+tahun\s+\d{4}\s+[\d.,]+"),  # chart data
    ("predikat", r"^\s*predikat\b"),
    ("predikat", r"\bpredikat kinerja\b"),
    ("tautan", r"^\s*bukti dukung\b"),
    ("tautan", r"https?://"),
)
"""Clauses that are never quoted as factors: (why, pattern), case-insensitive."""

CUES: tuple[tuple[str, str], ...] = (
    # an explicit label written by the office wins over any other cue in its clause
    ("pendukung", r"\bfaktor pendukung\b"),
    ("pendukung", r"\bfaktor (?:penyebab )?keberhasilan\b"),
    ("penghambat", r"\bfaktor penghambat\b"),
    ("penghambat", r"\bfaktor (?:penyebab )?kegagalan\b"),
    ("penghambat", r"\b(?:hambatan|kendala|permasalahan|masalah)\b"),
    ("solusi", r"\b(?:solusi|upaya|tindak lanjut|ditindaklanjuti)\b"),
    # obstacles: something missing, late, short or lost
    ("penghambat", r"\b(?:belum|terlambat|keterlambatan|kurang|kurangnya|terbatas|terbatasnya)\b"),
    ("penghambat", r"\b(?:tidak|hanya|gagal|tertunda|ditunda|batal|dibatalkan|sengketa)\b"),
    ("penghambat", r"\b(?:meninggal|mutasi|dimutasi|di mutasi|pensiun)\b"),
    ("penghambat", r"\b(?:disebabkan|dikarenakan|akibat)\b"),
    # remedies: what will be or is being done about it
    ("solusi", r"(?<!yang )\bakan\b(?! tetapi)"),  # "yang akan dilaksanakan" is a plain note
    ("solusi", r"\b(?:berkoordinasi|koordinasi dengan|melakukan koordinasi)\b"),
    ("solusi", r"^\s*(?:memaksimalkan|mengoptimalkan|menambah|memberi|memberikan|melakukan)\b"),
    ("solusi", r"^\s*(?:meningkatkan|mengusulkan|menyusun ulang|mempercepat)\b"),
    # supporting factors: what helped
    ("pendukung", r"\b(?:dukungan|didukung|mendukung|berkat|tercapai karena|tercapainya)\b"),
    ("pendukung", r"\b(?:meningkatnya|ditetapkannya|adanya|terlaksananya|partisipasi aktif)\b"),
)
"""(class, pattern), case-insensitive; the first pattern that matches a clause decides."""

_LABEL_WORDS = {
    "rata", "jumlah", "total", "target", "realisasi", "capaian", "persen", "triwulan",
    "tahun", "nilai", "dan", "tw",
}  # fmt: skip
"""Words that alone do not make a clause say anything ("RATA-RATA 93,75 %")."""

_SPLIT = re.compile(
    r"\s*[;|]\s*"  # semicolons and the ' | ' joining a note to its evidence link
    r"|(?:(?<=[a-z]{4})|(?<=[)\]])|(?<=\bI)|(?<=II)|(?<=IV))\.\s+(?=[A-Z])"  # sentence ends
    # ("... triwulan I. Grafik"), but not "No. 37", "Pjs. Bupati" or "1. ... 2. ..." lists
    r"|,?\s+(?=namun\b|tetapi\b|akan tetapi\b)",  # a contrast opens a new clause
    flags=0,
)

_LABEL = re.compile(
    r"^\s*(?:faktor\s+\w+|hambatan(?:/kendala)?|kendala|solusi|upaya)\b[^:]{0,40}?"
    r"(?::|\byakni\b|\byaitu\b|\badalah\b)\s*",
    re.IGNORECASE,
)
"""A label the office wrote before its words ("Faktor pendukung ... yakni"): the paragraph
names the class itself, so the quote starts after it."""

_CONJ = re.compile(r"^\s*(?:namun|tetapi|akan tetapi)\s+", re.IGNORECASE)

_NOT = [(why, re.compile(p, re.IGNORECASE)) for why, p in NOT_FACTOR]
_CUE = [(kelas, re.compile(p, re.IGNORECASE)) for kelas, p in CUES]


def klausa(teks: object) -> list[str]:
    """``"A; B. Grafik: ..."`` -> ``["A", "B", "Grafik: ..."]`` (empty parts dropped)."""
    if teks is None or (isinstance(teks, float) and pd.isna(teks)):
        return []
    value = " ".join(str(teks).split())
    parts = [p.strip(" .,;") for p in _SPLIT.split(value) if p]
    return [p for p in parts if p]


def bukan_faktor(kalimat: str) -> str | None:
    """Why a clause is not the office's explanation (``transkripsi``, ``predikat``,
    ``tautan``, ``angka``), or None when it may be quoted."""
    for why, pattern in _NOT:
        if pattern.search(kalimat):
            return why
    words = [w for w in re.findall(r"[^\W\d_]{3,}", kalimat.lower()) if w not in _LABEL_WORDS]
    if not words:
        return "angka"
    return None


def kelas(kalimat: str) -> str | None:
    """The class of one clause (see :data:`KELAS`), None for a clause never quoted."""
    if bukan_faktor(kalimat):
        return None
    for name, pattern in _CUE:
        if pattern.search(kalimat):
            return name
    return "catatan"


def klasifikasi(catatan: pd.Series) -> pd.DataFrame:
    """Each note of ``catatan`` (index kept as ``asal``) cut into classified clauses:
    columns ``asal``, ``kalimat``, ``kelas``; clauses never quoted are left out, and a
    clause repeated by several rows is kept once (at its first row)."""
    notes = catatan.dropna()
    notes = notes[notes.astype("str").str.strip().ne("")]
    parts = notes.map(klausa).explode().dropna()
    if parts.empty:
        return pd.DataFrame({"asal": [], "kalimat": [], "kelas": []})
    out = pd.DataFrame({"asal": parts.index, "kalimat": parts.astype("str").to_numpy()})
    out["kelas"] = out["kalimat"].map(kelas)
    out = out[out["kelas"].notna()].reset_index(drop=True)
    # neighbouring clauses of one note that say the same kind of thing are one quote
    run = (out["asal"].ne(out["asal"].shift()) | out["kelas"].ne(out["kelas"].shift())).cumsum()
    first = ~run.duplicated()
    sep = out["kalimat"].str.match(_CONJ).map({True: ", ", False: "; "})
    joined = (sep.where(~first, "") + out["kalimat"]).groupby(run).agg("".join)
    out = out[first].reset_index(drop=True)
    out["kalimat"] = joined.to_numpy().astype("str")
    raw = out["kalimat"]
    out["kalimat"] = raw.str.replace(_CONJ, "", regex=True).str.replace(_LABEL, "", regex=True)
    # where the label or conjunction was cut, the quote starts with a capital as a
    # sentence does; otherwise the office's words stay exactly as written
    cut = out["kalimat"].ne(raw)
    out.loc[cut, "kalimat"] = out.loc[cut, "kalimat"].map(_kapital_sesuai)
    out = out[out["kalimat"].str.strip().ne("")]
    return out.drop_duplicates("kalimat").reset_index(drop=True)


def _kapital_sesuai(teks: str) -> str:
    return teks[:1].upper() + teks[1:] if teks[:1].islower() and teks[1:2].islower() else teks
