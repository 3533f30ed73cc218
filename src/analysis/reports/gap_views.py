"""The gap list and the findings (temuan) of a report or of the overview, as frames and HTML."""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.reports import findings as laporan_temuan
from analysis.reports.loading import Tabel
from analysis.reports.markup import Html, render
from analysis.reports.memo import sekali


@sekali
def daftar_kesenjangan(
    data: Tabel,
    kecamatan: str | None,
    tahun: int,
    triwulan: int,
    tingkat: str | None = None,
    ambang: float | None = None,
) -> pd.DataFrame:
    """Indicators behind target (``analysis.metrics.find_gaps``), worst first; names
    without the office's list dash."""
    from analysis.metrics import find_gaps

    kwargs: dict[str, object] = {
        "kecamatan": kecamatan,
        "tahun": tahun,
        "triwulan": triwulan,
        "tingkat": tingkat,
    }
    if ambang is not None:
        kwargs["ambang"] = ambang
    gaps = find_gaps(data.kinerja, data.anggaran, **kwargs)
    if "uraian" in gaps:
        # the office's list dash ("- Pelaporan ...") is layout, not name: the same rule
        # as the Tabel 3.4 rows and the finding titles
        names = gaps["uraian"]
        gaps["uraian"] = names.where(
            names.isna(), names.astype("str").str.replace(fmt.LIST_MARK, "", regex=True)
        )
    return gaps


_KOLOM_KESENJANGAN = (
    ("kecamatan", "Kecamatan", None),
    ("tingkat", "Tingkat", fmt.nama_tingkat),
    ("uraian", "Uraian", None),
    ("indikator", "Indikator", None),
    ("satuan", "Satuan", None),
    ("target_sd", "Target s/d TW", fmt.angka_ringkas),
    ("realisasi_sd", "Realisasi s/d TW", fmt.angka_ringkas),
    ("capaian_sd_persen", "Capaian", fmt.persen),
    ("kekurangan_poin", "Kurang dari ambang (poin)", lambda v: fmt.angka(v, 2)),
    ("kekurangan_satuan", "Kurang (satuan indikator)", fmt.angka_ringkas),
    ("serapan_kas_persen", "Serapan", fmt.persen),
    ("keterangan", "Catatan", None),
)


_KOLOM_TEKS = {"kecamatan", "tingkat", "uraian", "indikator", "satuan", "keterangan"}


def kesenjangan_html(gaps: pd.DataFrame, satu_kecamatan: bool = True) -> Html:
    """The gap list as a table; the office's note (keterangan) on a full-width line under
    its row, since notes run to hundreds of words and would squeeze a column."""
    if gaps.empty:
        return render(
            "pesan.html.j2", pesan="Tidak ada indikator di bawah ambang: semua target tercapai."
        )
    columns = [
        (c, h, f) for c, h, f in _KOLOM_KESENJANGAN if c in gaps.columns and c != "keterangan"
    ]
    if satu_kecamatan:
        columns = [col for col in columns if col[0] != "kecamatan"]
    cells = {
        c: (gaps[c].map(f) if f is not None else gaps[c].fillna("").astype("str"))
        for c, _, f in columns
    }
    if "ada_temuan" in gaps.columns and "indikator" in cells:
        mark = gaps["ada_temuan"].fillna(False).astype(bool)
        cells["indikator"] = cells["indikator"].where(~mark, cells["indikator"] + " ⚠ ada temuan")
    if "keterangan" in gaps.columns:
        cells["_catatan"] = gaps["keterangan"].fillna("").astype("str").str.strip()
    shown = pd.DataFrame(cells)
    numeric = {c for c, _, _ in columns if c not in _KOLOM_TEKS}
    return render(
        "tabel_kesenjangan.html.j2",
        kolom=[(c, h, c in numeric) for c, h, _ in columns],
        baris=shown.to_dict("records"),
    )


_PENJELASAN = {
    "capaian_berbeda": (
        "Capaian yang dilaporkan berbeda dengan hasil hitung ulang dari target dan realisasi."
    ),
    "capaian_tanpa_target": "Capaian dilaporkan padahal targetnya kosong atau nol.",
    "capaian_tak_terhitung": (
        "Targetnya terlalu kecil sehingga capaian tidak dapat dihitung; capaian dibiarkan kosong."
    ),
    "tahun_judul_nama_file": (
        "Judul tabel, judul kolom dan nama file menyebut tahun yang berbeda; baris dibaca "
        "dengan tahun judul, atau dengan tahun yang disebut dua dari ketiganya."
    ),
    "perubahan_pagu_tidak_cocok": (
        "Selisih pagu sebelum dan sesudah perubahan tidak sama dengan kolom "
        "bertambah/berkurang yang tercetak; pagu dibaca dari kolom sesudah perubahan."
    ),
    "capaian_induk_berbeda": (
        "Capaian program/kegiatan yang dilaporkan berbeda dengan rata-rata capaian di bawahnya."
    ),
    "serapan_berbeda": (
        "Persentase serapan anggaran yang dilaporkan berbeda dengan hasil hitung ulang."
    ),
    "pagu_induk_berbeda": (
        "Pagu program/kegiatan tidak sama dengan jumlah pagu sub kegiatan di bawahnya."
    ),
    "anggaran_induk_berbeda": (
        "Anggaran kas program/kegiatan tidak sama dengan jumlah anggaran di bawahnya."
    ),
    "realisasi_induk_berbeda": (
        "Realisasi anggaran program/kegiatan tidak sama dengan jumlah realisasi di bawahnya."
    ),
    "total_berbeda": "Angka total yang tertulis berbeda dengan jumlah rinciannya.",
    "realisasi_melebihi_pagu": "Realisasi anggaran lebih besar dari pagu: periksa angkanya.",
    "nilai_negatif": "Angka negatif pada kolom yang tidak mungkin negatif.",
    "target_triwulan_melebihi_tahunan": "Target satu triwulan lebih besar dari target tahunan.",
    "target_tahunan_tidak_cocok": (
        "Jumlah target per triwulan tidak sama dengan target tahunan yang tertulis."
    ),
    "bulanan_tidak_cocok": (
        "Angka bulanan tidak cocok dengan angka triwulan tempat bulan itu berada."
    ),
    "program_diulang_berbeda": (
        "Program yang sama ditulis lebih dari sekali dengan angka berbeda; angka pertama dipakai."
    ),
    "satuan_campuran": "Satuan berbeda ditulis dalam satu baris indikator.",
    "uraian_ganda": "Nama yang sama ditulis dua kali dalam satu tabel anggaran.",
    "tabel_berbeda_realisasi": (
        "Dua tabel yang sama-sama memberi realisasi memberi angka berbeda untuk satu "
        "indikator; baris-baris itu tidak ditulis karena angka yang benar tidak dapat "
        "ditentukan."
    ),
    "nama_ganda_satu_tabel": (
        "Satu nama ditulis pada beberapa baris satu tabel dengan angka berbeda; baris-baris "
        "itu tidak ditulis karena tidak dapat dibedakan."
    ),
    "pemisah_ambigu": (
        "Angka dengan titik atau koma yang dapat dibaca dua cara di kolom yang memakai kedua "
        "tanda desimal; sel ini dibiarkan kosong."
    ),
    "kode_nama_berbeda": (
        "Satu kode ditulis dengan dua nama berbeda di dua berkas; "
        "angkanya digabung di bawah kode itu."
    ),
    "tingkat_ditebak": "Tingkat (program/kegiatan/sub kegiatan) tidak tertulis dan ditebak.",
    "encoding_latin1": "Berkas tidak disimpan sebagai UTF-8; huruf khusus mungkin salah baca.",
    "encoding_rusak": (
        "Sel ini memuat byte yang bukan UTF-8; huruf itu diganti tanda \ufffd. Periksa sel "
        "di berkas asli."
    ),
    "baris_ditolak": "Baris ini tidak dapat dibaca dan tidak ikut dihitung.",
    "kode_di_luar_nomenklatur": (
        "Kode ini tidak ada di nomenklatur: salah ketik atau penomoran lama; baris ini tidak "
        "tergabung dengan tabel atau tahun lain."
    ),
    "nama_digabung": (
        "Dua tabel kecamatan ini menamai satu kegiatan/sub kegiatan berbeda; digabung "
        "menurut kemiripan nama. Tulis kodenya di berkas bila keduanya bukan satu."
    ),
    "metode_berbeda": (
        "Angka kecamatan dihitung dengan aturan lain: sama dengan hasil aturan yang disebut; "
        "laporan ini memakai aturan pengaturannya."
    ),
    "tabel_berbeda": (
        "Dua tabel kecamatan ini memberi target atau satuan berbeda untuk satu baris; "
        "laporan memakai angka tabel yang juga memberi realisasinya."
    ),
    "angka_di_kolom_program": (
        "Angka di kolom program formulir Rencana Aksi milik sub kegiatan di sampingnya; "
        "dibaca sebagai angka sub kegiatan itu."
    ),
}
"""Plain-Indonesian explanation of each kind of finding; unknown kinds use ``pesan``."""


@sekali
def temuan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> pd.DataFrame:
    """Data-quality findings for the report, most severe first.

    Findings of the whole year (no quarter) are shown in every quarter's report of that
    year: a wrong pagu concerns all of them.
    """
    p = data.pemeriksaan
    mask = (p["tahun"] == tahun) & (p["triwulan"].isna() | (p["triwulan"] == triwulan))
    if kecamatan is not None:
        mask &= p["kecamatan"] == kecamatan
    p = p.loc[mask].copy()
    # a name quoted in the message without the office's list dash, as in the tables
    p["pesan"] = p["pesan"].where(
        p["pesan"].isna(), fmt.kutipan_tanpa_tanda_daftar(p["pesan"]).astype("object")
    )
    rank = p["tingkat_keparahan"].map({"tinggi": 0, "sedang": 1, "rendah": 2}).fillna(3)
    p["_r"] = rank
    return (
        p.sort_values(["_r", "kecamatan", "kode"], na_position="last")
        .drop(columns="_r")
        .reset_index(drop=True)
    )


def temuan_html(findings: pd.DataFrame, satu_kecamatan: bool = True) -> Html:
    """Findings grouped by the row they concern, in plain Indonesian: what differs, by
    how much, where in the source to look and what to check (see :mod:`.temuan`)."""
    if findings.empty:
        return render("pesan.html.j2", pesan="Tidak ada temuan kualitas data untuk periode ini.")
    return render(
        "temuan.html.j2",
        kelompok=laporan_temuan.kelompok_temuan(findings, _PENJELASAN),
        satu_kecamatan=satu_kecamatan,
    )


def _angka_temuan(value: object) -> str:
    """Findings mix rupiah and percentages in one column: two decimals at most."""
    if fmt.is_missing(value):
        return fmt.KOSONG
    try:
        return fmt.angka_ringkas(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
