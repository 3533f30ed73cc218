"""Join the tables of one office into one hierarchy where they name a node differently.

An office's kinerja table and its budget table often describe the same kegiatan or sub
kegiatan in other words (Towuti 2024: the budget table's *Penyediaan Jasa Pemeliharaan,
Biaya Pemeliharaan dan Pajak Kendaraan Perseorangan Dinas ...* with Rp 163.250.000 is
the kinerja table's *Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan
Perizinan Kendaraan Dinas Operasional atau Lapangan*, 7.01.01.2.09.02). Where the
nomenclature gives one of them a code and not the other, the two would stay two nodes:
one with the indicator and no budget, one with the budget and no indicator, and the
report would count a sub kegiatan too many.

:func:`join_by_name` gives such an uncoded row the code of the node of the *other*
table of the same kecamatan, year and level whose normalised name is closest, when the
similarity (``difflib`` ratio of the normalised names) is at least :data:`AMBANG_NAMA`
- or, for an office that shortened a nomenclature name, where every word of the
uncoded name (at least :data:`KATA_MINIMUM`, words of :data:`KATA_SAMBUNG` aside) is a
word of exactly one such node's name - the coded node is absent from the uncoded row's
own table, and no other uncoded name claims it. Each join is a finding
(``nama_digabung``) naming both texts, so a planner can undo a wrong one by writing the
code in the file.
"""

from __future__ import annotations

import difflib

import pandas as pd

from analysis.errors import Finding, Findings
from analysis.ingest.text import uraian_key

AMBANG_NAMA = 0.75
"""Least similarity (0..1, ``difflib.SequenceMatcher.ratio`` of the normalised names)
for two names of one office to be one node. Measured on the bundled data: the three
true pairs of Towuti score 0.77-0.96; the closest different sub kegiatan of one
kegiatan (*Penyediaan Jasa Surat Menyurat* / *... Pelayanan Umum Kantor*) 0.54."""

LEVELS = ("kegiatan", "sub_kegiatan")

KATA_SAMBUNG = frozenset(
    {"di", "dan", "dalam", "pada", "yang", "untuk", "ke", "dari", "serta", "atau"}
)
"""Words left out when a name's words are compared as a set (they name nothing)."""

KATA_MINIMUM = 4
"""Least number of words (other than :data:`KATA_SAMBUNG`) of an uncoded name for it to
be joined because all its words are in one coded name: Kalaena 2024's form names
7.01.03.2.01.03 *Peningkatan Kegiatan Masyarakat Kecamatan* (4 words), its budget
table *Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan*
(difflib 0,69). A shorter name (*Penyediaan Gaji*) says too little to be joined so."""


def _words(key: str) -> frozenset[str]:
    return frozenset(key.split()) - KATA_SAMBUNG


def _contained(uncoded: str, coded: str) -> bool:
    """Every word of the uncoded name (at least :data:`KATA_MINIMUM`) is in the coded one."""
    words = _words(uncoded)
    return len(words) >= KATA_MINIMUM and words <= _words(coded)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _candidates(own: pd.DataFrame, other: pd.DataFrame) -> pd.DataFrame:
    """Uncoded rows of ``own`` x coded nodes of ``other`` (same kecamatan, tahun,
    tingkat) whose code ``own`` does not hold, with their similarity."""
    keys = ["kecamatan", "tahun", "tingkat"]
    uncoded = own[own["kode"].isna() & own["tingkat"].isin(LEVELS) & own["_key"].notna()]
    coded = other[other["kode"].notna() & other["tingkat"].isin(LEVELS)]
    if uncoded.empty or coded.empty:
        return pd.DataFrame()
    held = own.loc[own["kode"].notna(), ["kecamatan", "tahun", "kode"]].drop_duplicates()
    coded = coded.drop_duplicates([*keys, "kode"])[[*keys, "kode", "uraian", "_key"]]
    coded = coded.merge(held.assign(_held=True), on=["kecamatan", "tahun", "kode"], how="left")
    coded = coded[coded["_held"].isna()].drop(columns="_held")
    left = uncoded[[*keys, "_key", "uraian"]].rename_axis("_row").reset_index()
    left = left.drop_duplicates([*keys, "_key"])
    pairs = left.merge(coded, on=keys, suffixes=("", "_lain"))
    if pairs.empty:
        return pairs
    pairs["_skor"] = [
        _similarity(a, b) for a, b in zip(pairs["_key"], pairs["_key_lain"], strict=True)
    ]
    pairs["_kata"] = [
        _contained(a, b) for a, b in zip(pairs["_key"], pairs["_key_lain"], strict=True)
    ]
    # a join by words only where one coded name holds them all (two: which one is unknown)
    by_words = pairs["_kata"] & (pairs["_skor"] < AMBANG_NAMA)
    n = by_words.groupby([pairs[k] for k in [*keys, "_key"]]).transform("sum")
    pairs["_kata"] = by_words & (n == 1)
    return pairs[(pairs["_skor"] >= AMBANG_NAMA) | pairs["_kata"]]


def _best(pairs: pd.DataFrame) -> pd.DataFrame:
    """One code per uncoded name and one name per code: the best pair, both ways."""
    if pairs.empty:
        return pairs
    keys = ["kecamatan", "tahun", "tingkat"]
    pairs = pairs.sort_values("_skor", ascending=False, kind="stable")
    pairs = pairs.drop_duplicates([*keys, "_key"])
    return pairs.drop_duplicates([*keys, "kode"])


def join_by_name(
    kinerja: pd.DataFrame, anggaran: pd.DataFrame, findings: Findings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``kinerja`` and ``anggaran`` rows (cleaned identities: ``kecamatan, tahun, kode,
    tingkat, uraian, sumber``) with each uncoded kegiatan / sub kegiatan that names a
    coded node of the other table given its code (see the module doc)."""
    if kinerja.empty or anggaran.empty:
        return kinerja, anggaran
    out = []
    tables = [kinerja.assign(_key=uraian_key(kinerja["uraian"])), None]
    tables[1] = anggaran.assign(_key=uraian_key(anggaran["uraian"]))
    for own, other in ((0, 1), (1, 0)):
        best = _best(_candidates(tables[own], tables[other]))
        frame = tables[own]
        if len(best):
            keys = ["kecamatan", "tahun", "tingkat", "_key"]
            hit = frame[keys].merge(best[[*keys, "kode", "uraian_lain"]], on=keys, how="left")
            hit.index = frame.index
            take = frame["kode"].isna() & hit["kode"].notna()
            frame = frame.assign(kode=frame["kode"].where(~take, hit["kode"]))
            named = best.rename(columns={"_skor": "skor", "_row": "row", "_kata": "kata"})
            for row in named.itertuples(index=False):
                why = (
                    "semua kata namanya ada pada nama itu"
                    if row.kata
                    else f"nama mirip {row.skor:.0%}"
                )
                findings.add(
                    Finding(
                        pesan=(
                            f"{row.tingkat.replace('_', ' ')} {row.uraian!r} tanpa kode "
                            f"digabung dengan {row.kode} {row.uraian_lain!r} dari tabel lain "
                            f"kecamatan ini ({why}); tulis kodenya di "
                            "berkas bila keduanya bukan satu"
                        ),
                        jenis="nama_digabung",
                        sumber=str(frame.at[row.row, "sumber"]) if "sumber" in frame else "",
                        kecamatan=row.kecamatan,
                        tahun=int(row.tahun) if pd.notna(row.tahun) else None,
                        kode=row.kode,
                        kolom="uraian",
                        dilaporkan=row.uraian,
                        dihitung=row.uraian_lain,
                        uraian=row.uraian,
                    )
                )
        out.append(frame.drop(columns="_key"))
        tables[own] = out[-1].assign(_key=tables[own]["_key"])
    return out[0], out[1]


def drop_repeated(findings: Findings) -> None:
    """One root cause, one finding: a ``kode_nama_berbeda`` (one code, two names) for a
    node this module joined by name repeats its ``nama_digabung`` finding and goes."""
    joined = {(f.kecamatan, f.tahun, f.kode) for f in findings.items if f.jenis == "nama_digabung"}
    findings.items[:] = [
        f
        for f in findings.items
        if not (f.jenis == "kode_nama_berbeda" and (f.kecamatan, f.tahun, f.kode) in joined)
    ]


__all__ = ["AMBANG_NAMA", "drop_repeated", "join_by_name"]
