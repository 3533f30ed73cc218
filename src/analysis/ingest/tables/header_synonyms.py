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
    # an application's export with field names (nama, nama_indikator, ...)
    "nama indikator": "indikator",
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
}
"""Renstra / T-C.30 columns that are a year's figure only when the header prints the year
(``Kondisi Kinerja Awal (2020)``: the realisasi of 2020; ``Kondisi Akhir (2026)``: the
target of 2026); without a year they stay unread (named in the notes)."""

SUB_LABELS = {"jumlah", "nilai", "angka", "volume", "%", "persen", "rp"}
"""Second header rows that only say how the group above is counted: ``Realisasi`` over
``Jumlah | %`` is the realisasi and its percentage of the target."""

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def synonym_field(normalised: str) -> str | None:
    """The field ``SYNONYMS`` gives a normalised header, a printed year left aside."""
    key = " ".join(_YEAR.sub(" ", normalised).split())
    if key in WITH_A_YEAR:
        return WITH_A_YEAR[key] if _YEAR.search(normalised) else None
    return SYNONYMS.get(key)
