"""The official tables planners hand in, as plain DataFrames with their printed headers.

The seeds are the forms: the *Evaluasi atas Rencana Aksi* (seed 000: per indicator the
target, realisasi, capaian and KET of each quarter), the LKj *Tabel 3.4* (seed 004:
kinerja target / realisasi s/d TW / capaian beside anggaran kas / realisasi / capaian),
the IKU table across years (seed 004 Tabel 3.2/3.3, seed 002), the gap list and the
data-quality findings, each built in its own module (:mod:`.official_rencana_aksi`,
:mod:`.official_3_4`, :mod:`.official_iku`, :mod:`.official_gaps`); this module puts one
report's tables in order and writes the summary paragraphs. The regency overview's
tables (ranking, program x kecamatan capaian, findings per kecamatan) are in
:mod:`analysis.reports.official_ringkasan`.

Every builder returns a :class:`~.official_table.TabelResmi`: the rows as raw numbers
(NaN = no value), the columns with the header the form prints, their group header and
their kind. The writers (:mod:`analysis.reports.office` for Excel and Word, the HTML
report) only lay them out; :meth:`~.official_table.TabelResmi.tampilan` gives the
Indonesian text of every cell, so a figure reads the same in every format. Nothing here
computes a metric: values come from the processed tables through
:mod:`analysis.reports.views` and its siblings.
"""

from __future__ import annotations

import numpy as np

from analysis import formatting as fmt
from analysis.reports import gap_views, markup, narrative, views
from analysis.reports.loading import Tabel
from analysis.reports.official_3_4 import tabel_3_4
from analysis.reports.official_gaps import tabel_kesenjangan, tabel_temuan
from analysis.reports.official_iku import tabel_iku
from analysis.reports.official_rencana_aksi import rencana_aksi
from analysis.reports.official_table import TabelResmi
from analysis.reports.period import periode

# --- the report's tables in the order of the workbook -----------------------------------------


def tabel_laporan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> list[TabelResmi]:
    """The official tables of one kecamatan report, in the order of the workbook."""
    tables = [
        rencana_aksi(data, kecamatan, tahun, triwulan),
        tabel_3_4(data, kecamatan, tahun, triwulan),
        tabel_iku(data, kecamatan, tahun, triwulan),
        tabel_kesenjangan(data, kecamatan, tahun, triwulan),
        tabel_temuan(data, kecamatan, tahun, triwulan),
    ]
    return [t.tanpa_kolom_kosong() for t in tables]


# --- the summary paragraphs ---------------------------------------------------------------------


def paragraf_ringkasan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> list[str]:
    """The headline figures written out, as the LKj's section 3.2 opens.

    Every number is the one the tables and cards show (same roll-up, same formatting).
    """
    a = views.angka_utama(data, kecamatan, tahun, triwulan)
    nama_tw = f"triwulan {fmt.romawi(triwulan)}"
    out = []
    anggaran = periode(data.ringkasan, kecamatan, tahun, triwulan)
    anggaran = anggaran[anggaran["tingkat"] == "kecamatan"]
    kas = float(anggaran["anggaran_sd"].iloc[0]) if len(anggaran) else np.nan
    if not fmt.is_missing(a["realisasi_anggaran_sd"]):
        dasar = (
            f"anggaran kas sampai dengan {nama_tw} sebesar {fmt.rupiah(kas)}"
            if not fmt.is_missing(kas)
            else f"pagu tahun {tahun} sebesar {fmt.rupiah(a['pagu'])}"
        )
        out.append(
            f"Anggaran Kecamatan {kecamatan}: {dasar}. Realisasi anggaran sampai dengan "
            f"{nama_tw} tahun {tahun} sebesar {fmt.rupiah(a['realisasi_anggaran_sd'])}, "
            f"dengan serapan {fmt.persen(a['serapan'])}."
        )
    elif not fmt.is_missing(a["pagu"]):
        out.append(
            f"Pagu Kecamatan {kecamatan} tahun {tahun} sebesar {fmt.rupiah(a['pagu'])}; "
            f"realisasi anggaran sampai dengan {nama_tw} belum dilaporkan."
        )
    if not fmt.is_missing(a["capaian"]):
        out.append(
            f"Rata-rata capaian kinerja program sampai dengan {nama_tw} adalah "
            f"{fmt.persen(a['capaian'])} (kategori {markup.label_kategori(a['kategori'])} menurut "
            "Permendagri 86/2017). "
            + narrative.kalimat_indikator_tertinggal(int(a["tertinggal"]), int(a["indikator"]))
        )
    n_temuan = len(gap_views.temuan(data, kecamatan, tahun, triwulan))
    out.append(
        f"Pemeriksaan data menemukan {fmt.angka(n_temuan)} angka yang perlu dicek pada dokumen "
        "sumber (lihat tabel Temuan)."
        if n_temuan
        else "Pemeriksaan data tidak menemukan angka yang berbeda dengan hasil hitung ulang."
    )
    return out
