"""Recognise what a column holds from the header a person typed above it.

Offices label the same column in many ways (``TARGET TW I``, ``Target Triwulan 1``,
``target_tw1``; ``REALISASI s/d TW.IV TAHUN 2024``; ``TARGET s/d TRIWULAN IV
(BERDASARKAN ANGGARAN KAS)``), split headers over two rows (``KINERJA`` / ``ANGGARAN``
above ``TARGET REALISASI CAPAIAN``) and put title rows above them. This module
normalises a header (case, punctuation, line breaks, roman numerals, "triwulan"/"TW"/"Q"
alike, "s/d"/"s.d"/"sampai dengan" alike) and maps it to a field of the data contract,
and finds the header row of a sheet. It works on header texts only - a few dozen
strings per sheet - so plain Python is fine here.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from analysis.ingest.tables import reasons
from analysis.ingest.tables.header_synonyms import synonym_field
from analysis.ingest.tables.numbering import is_column_number_row

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}

MONEY_WORDS = {"anggaran", "keuangan", "pagu", "rp", "rupiah", "belanja", "dana", "kas"}
IGNORED_WORDS = {"renstra", "perkiraan", "proyeksi", "rpjmd", "usulan", "lokasi", "rkpd"}
"""Headers with these words describe plans of other years, not the quarter reported."""

IDENTITY_FIELDS = ("tahun", "kecamatan", "kode", "tingkat", "uraian", "indikator", "satuan")


@dataclass(frozen=True)
class HeaderMatch:
    """The field a header names; ``field`` is ``None`` for an unknown header."""

    field: str | None
    text: str
    normalised: str


def normalise_header(text: object) -> str:
    """Lower-case words of a header with quarters as ``tw N`` and "up to" as ``sd``."""
    if text is None:
        return ""
    s = str(text).lower()
    s = re.sub(r"<[^>]+>", " ", s)  # markup copied from Word (<b>, <i>)
    s = s.replace("_", " ")
    s = re.sub(r"\bs\s*[/.]\s*d\b\.?|\bsampai\s+dengan\b|\bs\.?d\.", " sd ", s)
    s = re.sub(r"(\d)\s*=\s*\(.*?\)", r"\1", s)  # "8 = (7/6)" in numbered rows
    s = re.sub(r"[^\w%]+", " ", s)
    s = re.sub(r"\b(triwulan|trw|tw|q)\s*(\d|iv|iii|ii|i)\b", lambda m: " tw " + _q(m[2]), s)
    s = re.sub(r"\btw(\d)\b", r" tw \1", s)
    return " ".join(s.split())


def _q(token: str) -> str:
    return _ROMAN.get(token, token)


def _quarter(tokens: list[str]) -> int | None:
    for a, b in itertools.pairwise(tokens):
        if a == "tw" and b.isdigit():
            return int(b)
    return None


def classify_header(text: object, *, plans: bool = False) -> HeaderMatch:
    """Map one header text to a contract field (or ``None``); see :func:`_classify`.

    Cached by text: a province's files repeat the same few dozen header texts, and each
    sheet's header search classifies every text of its top rows.
    """
    return _classify("" if text is None else str(text), plans)


def header_field(text: str, *, plans: bool = False) -> str | None:
    """The field of a header text (:func:`classify_header`), ``None`` at once for a text
    without a letter: every field is named by a word, and a sheet's top rows hold many
    numbers that the header search would otherwise classify one by one."""
    if not _LETTER.search(text):
        return None
    return _classify(text, plans).field


_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1 << 16)
def _classify(raw: str, plans: bool) -> HeaderMatch:
    """Map one header text to a contract field (or ``None``).

    Quarter-less figures come back generic (``target``, ``realisasi``, ``capaian``,
    ``realisasi_sd``, ``realisasi_anggaran``, ``serapan``) for the layout to place:
    a plain ``TARGET`` beside per-quarter columns is the annual target, in an IKU sheet
    it is the year's target, and a ``CAPAIAN`` after ``REALISASI s/d TW IV`` is that
    quarter's cumulative capaian.
    """
    n = normalise_header(raw)
    for pattern, replacement in PHRASES:
        n = re.sub(pattern, replacement, n)
    field = synonym_field(n) or _field(n, plans=plans)
    return HeaderMatch(field, " ".join(raw.split()), n)


PHRASES: list[tuple[str, str]] = [
    (r"\btarget (?:kinerja )?capaian\b", "target"),  # "Target Capaian Kinerja" (Renja 4.1)
    (r"\brealisasi capaian\b", "realisasi"),  # "Realisasi Capaian" (Renja 2.3)
    (r"\btingkat (?:realisasi|capaian)\b", "capaian"),  # "Tingkat Realisasi (%)" (T-C.29)
    (r"\bcapain\b", "capaian"),  # "CAPAIN KINERJA TAHUN N" (Labuhanbatu Utara reviu, as printed)
]
"""Phrases whose words would mislead the word rules: (pattern, replacement), applied in
order to the normalised header before it is classified."""

PLAN_WORDS = {"renstra", "rpjmd"}
"""Ignored words that name a plan's target; in a table laid out by year (``Target
Renstra`` over ``Tahun 2022 (n-2)``, ``TARGET RPJMD`` over ``2011 | ... | 2015``: an IKU
table's targets of the plan's years), that plan's target of the printed year is the
year's target (``classify_header(..., plans=True)``)."""


def _field(n: str, *, plans: bool = False) -> str | None:
    if not n:
        return None
    tokens = n.split()
    words = set(tokens)
    if words & (IGNORED_WORDS - PLAN_WORDS if plans else IGNORED_WORDS):
        return None
    if n in {"no", "nomor", "no urut", "nourut", "nmr"}:
        return "no"
    if n in {"tahun", "tahun anggaran", "ta", "thn"}:
        return "tahun"
    if n in {"triwulan", "tw", "periode triwulan"}:
        return "triwulan"
    if n in {"bulan", "bln"}:
        return "bulan"
    if n in {"kecamatan", "nama kecamatan", "kec", "kantor kecamatan"}:
        return "kecamatan"
    if n in {"kode", "kode rekening", "kode program", "kd", "kode kegiatan", "kode sub kegiatan"}:
        return "kode"
    if n in {"tingkat", "level", "jenjang"}:
        return "tingkat"
    if n in {"sasaran", "sasaran strategis", "tujuan"}:
        return "sasaran"
    if n.startswith("indikator"):
        return "indikator"
    if n.startswith("satuan"):
        return "satuan"
    if n in {"polaritas", "arah indikator", "sifat indikator"}:
        return "polaritas"
    if n in {"agregasi", "cara agregasi"}:
        return "agregasi"
    if n.startswith("sumber dana"):
        return "sumber_dana"
    if n in EVIDENCE_HEADERS or (tokens[0] in {"bukti", "link", "tautan"} and len(tokens) <= 4):
        return "bukti_dukung"
    if n in reasons.REASON_HEADERS:
        return reasons.REASON_HEADERS[n]
    q = _quarter(tokens)
    if n in {"ket", "keterangan", "catatan", "permasalahan kendala", "permasalahan", "kendala"} or (
        tokens[0] in {"ket", "keterangan"} and q
    ):
        return f"keterangan_tw{q}" if q else "keterangan"
    if "uraian" in words or (words and words <= _URAIAN_WORDS and words & {"program", "kegiatan"}):
        return "uraian"
    return _figure(tokens, words, q)


EVIDENCE_HEADERS = {
    "bukti dukung",
    "data dukung",
    "bukti pendukung",
    "dokumen pendukung",
    "data pendukung",
    "link",
    "link bukti dukung",
    "link data dukung",
    "tautan",
    "evidence",
    "url",
}
"""Columns of the evidence planners attach (links to documents, photos): kept as text."""

_URAIAN_WORDS = {
    "program",
    "kegiatan",
    "sub",
    "subkegiatan",
    "dan",
    "urusan",
    "bidang",
    "pemerintahan",
    "daerah",
    "nama",
    "perangkat",
}


_QUARTER_END_MONTH = {"maret": 1, "juni": 2, "september": 3, "desember": 4}
"""``s.d 31 Desember`` is the end of TW IV (Towuti Tabel III)."""


def _figure(tokens: list[str], words: set[str], q: int | None) -> str | None:
    sd = "sd" in words
    if sd and q is None:
        q = next((n for m, n in _QUARTER_END_MONTH.items() if m in words), None)
    money = bool(words & MONEY_WORDS)
    if "serapan" in words or ("capaian" in words and money):
        base = "serapan"
    elif "capaian" in words or "persentase capaian" in " ".join(tokens):
        base = "capaian"
    elif "realisasi" in words and money:
        base = "realisasi_anggaran"
    elif "realisasi" in words:
        base = "realisasi"
    elif "target" in words and money:
        base = "anggaran"
    elif "target" in words:
        base = "target"
    elif words & {"pagu", "alokasi"} or "jumlah anggaran" in " ".join(tokens):
        return "pagu"
    elif "anggaran" in words or words & {"rp", "rupiah"}:
        base = "anggaran"  # "Rp" under "TW I" (seed 003 Tabel 2.3) is that quarter's budget
    else:
        return None
    has_year = any(re.fullmatch(r"(19|20)\d\d", t) for t in tokens)
    if base == "anggaran" and q is None:
        return "anggaran_sd" if sd else "pagu"
    if base == "serapan":
        return f"serapan_sd_tw{q}" if q else "serapan"
    if q is None:
        if sd and has_year and base in {"realisasi", "target"} and "tw" not in words:
            return None  # "realisasi s/d 2021": up to a year, a Renstra figure
        return f"{base}_sd" if sd else base
    if base == "target" and "tahunan" in words:
        return "target"
    return f"{base}_sd_tw{q}" if sd else f"{base}_tw{q}"


def is_numbered_row(cells: list[object]) -> bool:
    """True for the ``1 2 3 ...`` / ``(1) (2) ...`` row printed under a header: numbers
    consecutive across the row, not merely small (see :mod:`analysis.ingest.tables.numbering`)."""
    return is_column_number_row(cells)


QUARTERS_OF_A_YEAR = (1, 2, 3, 4)
"""The quarters a header may name; ``TW V`` or ``target_tw5`` names none of a year's."""

_ROMAN_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_NAMED_QUARTER = re.compile(r"\b(?:triwulan|trw|tw|q)\s*(\d+|[ivx]+)\b")


def quarter_outside_year(text: object) -> str | None:
    """The quarter a header names when it is not I..IV (``TARGET TW V`` -> ``tw v``).

    Such a column has no place in the tables: dropped with a note its figures vanish, and
    read as a plain ``TARGET`` it becomes the annual target, so the layout refuses it.
    """
    for match in _NAMED_QUARTER.finditer(normalise_header(text)):
        token = match.group(1)
        number = int(token) if token.isdigit() else _ROMAN_NUMBERS.get(token)
        if number not in QUARTERS_OF_A_YEAR:
            return match.group(0)
    return None


YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def header_year(text: object) -> int | None:
    """The year a header names (``Realisasi 2024 Tw IV`` -> 2024; the last one printed)."""
    found = YEAR.findall("" if text is None else str(text))
    return int(found[-1]) if found else None


def is_header_like(texts: list[str]) -> bool:
    """A row that can be part of a header block: labels and years, no figures.

    Years (``2021``, ``2024 Tw IV``) and quarter names are headers; any other number,
    a ``(1) (2) ...`` row or a lone cell (a title line) is not.
    """
    filled = [t for t in texts if t]
    if not filled or is_numbered_row(texts):
        return False
    for t in filled:
        plain = t.strip()
        if YEAR.fullmatch(plain) or re.fullmatch(
            r"(?i)((19|20)\d\d\s*)?(tw|triwulan)\s*\.?\s*\w{1,3}", plain
        ):
            continue
        if re.fullmatch(r"[\d.,%()\s/*=+x-]+", plain) and plain not in {"%", "(%)"}:
            return False
    return True


def compose_header(rows: list[list[str]]) -> list[str]:
    """One label per column from a header block of several rows.

    A group cell (``KINERJA``, ``TW I``, ``Target & Realisasi ... (2022)``) covers the
    columns to its right that are empty in its own row but titled below - or exactly
    the columns of its merged range when ``merged`` gives ``(first, last)`` column spans
    per group cell. When the row below repeats one sequence of sub-labels (``TW I .. TW
    IV`` three times) and the group row names exactly as many groups over it (a
    document whose merged cells were lost: ``Target`` ``Realisasi`` ``Capaian`` each in
    the first cell only, shifted), the k-th repetition belongs to the k-th group. Merged
    ranges are spread over their columns by the caller before.
    Labels are joined top to bottom with `` / ``; a repeated text is kept once.
    """
    if not rows:
        return []
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    filled_rows = [list(r) for r in grid]
    for i in range(len(grid) - 1):
        row = grid[i]
        below = [any(grid[j][c] for j in range(i + 1, len(grid))) for c in range(width)]
        spread = _spread_by_repeats(row, grid[i + 1])
        if spread is not None:
            filled_rows[i] = spread
            continue
        current = ""
        for c in range(width):
            if row[c]:
                current = row[c]
            elif current and below[c] and not _starts_new(grid, i, c):
                filled_rows[i][c] = current
            else:
                current = "" if not below[c] else current
    # a unit sub-label right of another ((Rp.) | (%)) belongs to the same group: the
    # group cell is printed over the first only when the document lost its merge
    last = grid[-1]
    for c in range(1, width):
        if _is_unit(last[c]) and _is_unit(last[c - 1]):
            for r in range(len(grid) - 1):
                filled_rows[r][c] = filled_rows[r][c - 1]
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in range(len(grid)):
            t = filled_rows[r][c]
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        labels.append(" / ".join(parts))
    return labels


def _is_unit(text: str) -> bool:
    return (
        bool(re.fullmatch(r"(?i)\(?\s*(?:%|rp\.?|rupiah)\s*\)?", text.strip())) if text else False
    )


def _starts_new(grid: list[list[str]], i: int, c: int) -> bool:
    """A column titled in an upper row than ``i`` starts a new group (not ours)."""
    return any(grid[k][c] for k in range(i))


def _spread_by_repeats(row: list[str], below: list[str]) -> list[str] | None:
    """The group row spread over the repeated run of sub-labels; the run may start after
    identity labels in the same row (``Kode | Uraian | Indikator | TW I .. TW IV | TW I
    .. TW IV`` under ``Target`` and ``Realisasi`` typed one column off)."""
    for first_sub, sub in enumerate(below):
        if sub:
            spread = _spread_run(row, below, first_sub)
            if spread is not None:
                return spread
    return None


def _spread_run(row: list[str], below: list[str], first_sub: int) -> list[str] | None:
    group_cols = [c for c, t in enumerate(row) if t and c >= first_sub]
    subs = [normalise_header(t) for t in below[first_sub:]]
    while subs and not subs[-1]:
        subs.pop()
    n = len(group_cols)
    if n < 2 or "" in subs:
        return None
    out = _groups_over_repeats(row, below, group_cols, subs, first_sub, n)
    if out is None and n > 2:
        # one group more than repetitions: the last one (``KET``) is the untitled column
        # right of them (seed 000: ``PROGRAM | KEGIATAN | KET`` printed each 4 cells on
        # from the other, over ``URAIAN .. CAPAIAN %`` twice and an untitled KET column)
        after = first_sub + len(subs)
        last = row[group_cols[-1]]
        if (len(below) <= after or not below[after]) and header_field(last) is not None:
            out = _groups_over_repeats(row, below, group_cols[:-1], subs, first_sub, n - 1)
            if out is not None:
                out = out + [""] * (after + 1 - len(out))
                out[after] = last
    return out


def _groups_over_repeats(
    row: list[str], below: list[str], group_cols: list[int], subs: list[str], first_sub: int, n: int
) -> list[str] | None:
    if len(subs) % n:
        return None
    size = len(subs) // n
    if size < 2 or any(subs[k * size : (k + 1) * size] != subs[:size] for k in range(n)):
        return None
    if group_cols[-1] >= first_sub + len(subs):
        return None
    out = list(row)
    for c in group_cols[n:]:
        out[c] = ""
    for k, c0 in enumerate(group_cols):
        for c in range(first_sub + k * size, first_sub + (k + 1) * size):
            out[c] = row[c0]
    return out
