"""Header texts other offices print, as data: normalised header -> contract field.

:func:`analysis.ingest.tables.headers.normalise_header` lower-cases a header, drops punctuation
(``PROGRAM/ KINERJA`` -> ``program kinerja``, ``Kinerja(%)`` -> ``kinerja %``,
``target_2025`` -> ``target 2025``) and writes quarters as ``tw N``; a header whose
normalised text (year numbers removed, see :func:`synonym_field`) is a key of
``SYNONYMS`` names that field before the word rules of ``headers`` are tried. Add a row
here for a header an office prints that the word rules miss.
"""

from __future__ import annotations

import re

SYNONYMS: dict[str, str] = {
    # names of program / kegiatan / sub kegiatan
    "program kinerja": "uraian",
    "program kegiatan kinerja": "uraian",
    "program kegiatan sub kegiatan kinerja": "uraian",
    "nama": "uraian",
    "subkegiatan": "uraian",
    "sub kegiatan": "uraian",
    "nama program kegiatan": "uraian",
    "nomenklatur": "uraian",
    "uraian program kegiatan": "uraian",
    "kinerja program kegiatan": "uraian",
    # RPJMD program prioritas (Permendagri 86/2017 T-C.xx): the urusan / bidang / program name
    "urusan pemerintahan bidang dan program prioritas pembangunan": "uraian",
    # an application's export with field names (nama, nama_indikator, ...)
    "nama indikator": "indikator",
    "uraian indikator": "indikator",
    "indikator ikd": "indikator",
    "indikator kinerja program kegiatan": "indikator",
    "kode program kegiatan": "kode",
    "kode nomenklatur": "kode",
    "kode rekening program kegiatan": "kode",
    "level": "tingkat",
    # the row number typed with a zero (N0, Sampang LKjIP Tabel 3.1)
    "n0": "no",
    # capaian printed as "kinerja": Target | Realisasi | Kinerja(%)
    "kinerja %": "capaian",
    "kinerja persen": "capaian",
    "persentase kinerja": "capaian",
    "capaian kinerja": "capaian",
    # money
    "anggaran rp": "pagu",
    # a plan's Rp printed on each indicator row of one program (plan_rows.indicator_rows)
    "pagu indikator": "pagu_indikator",
    "nilai anggaran": "pagu",
    "realisasi keuangan": "realisasi_anggaran",
    "realisasi keuangan rp": "realisasi_anggaran",
    "realisasi keuangan %": "serapan",
    "realisasi anggaran %": "serapan",
    "realisasi anggaran persen": "serapan",
    "persentase realisasi anggaran": "serapan",
    # the transcriber's note on where a figure was found (never the office's KET)
    "catatan sumber": "catatan_sumber",
    "catatan transkripsi": "catatan_sumber",
    "catatan penyalin": "catatan_sumber",
    # (what remains of a budget and what was returned: LEADING_WORDS below)
    # a plain percentage beside target/realisasi is the capaian, beside pagu/realisasi the
    # serapan (columns.money_only)
    "persentase": "capaian",
    "persentase %": "capaian",
    "prosentase": "capaian",
    "prosentase %": "capaian",
    # who is responsible: read, never a figure (ignored with a note)
    "pejabat": "penanggung_jawab",
    "nama pejabat": "penanggung_jawab",
    "pejabat penanggung jawab": "penanggung_jawab",
    "penanggung jawab": "penanggung_jawab",
    "penanggungjawab": "penanggung_jawab",
    "pj": "penanggung_jawab",
    "pelaksana": "penanggung_jawab",
    "pelaksana kegiatan": "penanggung_jawab",
    "unit kerja": "penanggung_jawab",
    "unit pelaksana": "penanggung_jawab",
    "bidang seksi": "penanggung_jawab",
    "seksi": "penanggung_jawab",
}

WITH_A_YEAR: dict[str, str] = {
    "kondisi kinerja awal": "realisasi",
    "kondisi awal": "realisasi",
    "kondisi kinerja pada awal periode": "realisasi",
    "kondisi kinerja akhir": "target",
    "kondisi akhir": "target",
    "kondisi kinerja pada akhir periode": "target",
    # a plan's money of a year named as its funding (``Pendanaan 2026``, ``Dana 2026``)
    "pendanaan": "pagu",
    "dana": "pagu",
    # an application's export of an indicator's values per year (nilai_2021 ... nilai_2025,
    # Banyuwangi LKPJ perkembangan IKD): the level reached that year
    "nilai": "realisasi",
    "nilai capaian": "realisasi",
    "nilai realisasi": "realisasi",
}
"""Renstra / T-C.30 columns that are a year's figure only when the header prints the year
(``Kondisi Kinerja Awal (2020)``: the realisasi of 2020; ``Kondisi Akhir (2026)``: the
target of 2026); without a year they stay unread (named in the notes)."""

SUB_LABELS = {"jumlah", "nilai", "angka", "volume", "%", "persen", "rp"}
"""Second header rows that only say how the group above is counted: ``Realisasi`` over
``Jumlah | %`` is the realisasi and its percentage of the target."""

LEADING_WORDS: dict[str, str] = {
    "sisa": "sisa_anggaran",
    "pengembalian": "pengembalian",
}
"""A header whose first word is one of these (``Sisa Pagu (Rp)``, ``Sisa_Pagu``, ``Sisa
Dana``, ``Pengembalian Belanja``) is what remains of or was returned to a budget: recognised
(``tables/unit_budget.py``), never the pagu or realisasi its other words name."""

UNIT_CORE = {"biro", "bagian", "satker", "skpd", "opd", "unit", "upt", "uptd"}
UNIT_WORDS = UNIT_CORE | {
    "nama",
    "kerja",
    "satuan",
    "perangkat",
    "daerah",
    "organisasi",
    "sub",
    "bidang",
}
"""A header made of ``UNIT_WORDS`` only, naming a work unit (a ``UNIT_CORE`` word, or
``satuan kerja``, ``perangkat daerah``): ``Biro``, ``Nama Satker``, ``SKPD/Unit Kerja``,
``Satuan Kerja Perangkat Daerah``. Who is responsible in a kinerja table (left out with a
note), the rows' name in a budget table of units (``tables/unit_budget.py``)."""

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def synonym_field(normalised: str) -> str | None:
    """The field ``SYNONYMS`` gives a normalised header, a printed year left aside."""
    key = " ".join(_YEAR.sub(" ", normalised).split())
    if key in WITH_A_YEAR:
        return WITH_A_YEAR[key] if _YEAR.search(normalised) else None
    words = key.split()
    if words and words[0] in LEADING_WORDS:
        return LEADING_WORDS[words[0]]
    if key in SYNONYMS:
        return SYNONYMS[key]
    unit = (
        set(words) & UNIT_CORE
        or {"satuan", "kerja"} <= set(words)
        or {"perangkat", "daerah"} <= set(words)
    )
    if words and unit and set(words) <= UNIT_WORDS:
        return "penanggung_jawab"
    return None
