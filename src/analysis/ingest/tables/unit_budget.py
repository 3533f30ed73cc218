"""Budget tables whose rows are work units, not programs.

``No | Biro | Pagu | Realisasi | Pengembalian | Sisa_Pagu | Persentase`` (IPDN's bureaus,
one row per ``BAGIAN ...`` / ``TU BIRO ...``), ``Satuan Kerja | Pagu | Realisasi | %`` or
``SKPD | Anggaran | Realisasi``: an anggaran table (1c) whose names are the units that
spend. The unit column's header (``Biro``, ``Bagian``, ``Satker``, ``Unit Kerja``: the
tables ``UNIT_CORE``/``UNIT_WORDS`` of :mod:`analysis.ingest.tables.header_synonyms`, read
as ``penanggung_jawab``) names who is responsible in a kinerja table and is left out there
with a note; in a table with budget figures and no other name (no uraian, no indikator)
it is the rows' name. The remainder columns (``Sisa Pagu`` = pagu - realisasi +
pengembalian, ``Pengembalian``: money returned) are recognised, never read as pagu or
realisasi, and named in a note.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.ingest.tables.annual import _QUARTER as QUARTER
from analysis.ingest.tables.columns import QUARTERLESS_MONEY

MONEY_FIELDS = ("pagu", "realisasi_anggaran", "anggaran")

UNIT_LEVEL = "program"
"""The level of a unit's row: the top of the table's hierarchy (a unit's budget holds its
programs; the table names none), so serapan rolls up from it to the office."""

REMAINDER_FIELDS = {"sisa_anggaran", "pengembalian"}
"""Budget columns derived from the others or of money returned: recognised, not carried."""


def _has_money(fields: list[str | None]) -> bool:
    return any(f and (f in MONEY_FIELDS or f.startswith(MONEY_FIELDS)) for f in fields)


def units_as_names(header, file: str, sheet: str, notes: list[str]):
    """The header with a work-unit column as the rows' name (``uraian``) when the table
    has budget figures and names no program and no indicator; notes say so."""
    fields = list(header.fields)
    remainder = [header.labels[c] for c, f in enumerate(fields) if f in REMAINDER_FIELDS]
    if remainder:
        notes.append(
            f"{file}:{sheet}: kolom sisa/pengembalian anggaran dikenali, tidak dibaca sebagai "
            "pagu atau realisasi: " + ", ".join(repr(r) for r in remainder)
        )
    units = [c for c, f in enumerate(fields) if f == "penanggung_jawab"]
    if len(units) != 1 or "uraian" in fields or "indikator" in fields or not _has_money(fields):
        return header
    fields[units[0]] = "uraian"
    # no indicator, so no kinerja: a plain realisasi is money spent and a percentage its
    # serapan, whatever other words the labels hold (``Satuan Kerja`` is no kinerja unit)
    fields = [QUARTERLESS_MONEY.get(f, f) if f else f for f in fields]
    context = {**header.context, "tingkat_bawaan": UNIT_LEVEL}
    notes.append(
        f"{file}:{sheet}: tabel anggaran per unit kerja: kolom {header.labels[units[0]]!r} "
        f"dibaca sebagai nama baris (unit kerja), pada tingkat {UNIT_LEVEL} (tingkat teratas; "
        "tabel ini tidak menyebut program)"
    )
    stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    quarterless = not any(re.search(r"_tw\d$", f or "") for f in fields)
    if (
        quarterless
        and context.get("triwulan") is None
        and not QUARTER.search(stem.replace("_", " "))
    ):
        # a unit's pagu beside its realisasi with no period named: the year's position
        context["triwulan"] = 4
        notes.append(
            f"{file}:{sheet}: tabel anggaran per unit kerja tanpa triwulan: realisasi dibaca "
            "sebagai posisi tahun berjalan s.d. TW IV; bila posisinya triwulan lain, tulis "
            "triwulannya di judul tabel atau nama file"
        )
    return replace(header, fields=fields, context=context)
