"""The analysis written out: one paragraph per program and per IKU, and a conclusion.

Sentences are templates filled from the same frames the tables and charts show (the
roll-up ``ringkasan``, ``kinerja`` and the IKU history): no number is computed here that
the page does not print elsewhere, and every number is formatted by
:mod:`analysis.formatting` exactly as the tables format it. Per program: what was
reached, which indicators lag and by how much, and why, in the office's own words
classified by what they say (:mod:`.factors`, :mod:`.narrative_parts`); where the office
gave no reason, the paragraph says so. Counts up to ten are written in words
(:mod:`.prose`).
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.bands import KATEGORI_LABEL
from analysis.metrics.check_capaian import parent_capaian_rows
from analysis.reports import narrative_parts, penjelasan, tercetak
from analysis.reports import prose as p
from analysis.reports.period import periode

AMBANG = 91.0
"""Lower edge of Sangat Tinggi: below it a capaian or serapan is worth a sentence."""


def _kat(kode: object) -> str:
    return KATEGORI_LABEL.get(str(kode), "tanpa kategori")


def _selisih(now: float, before: float) -> str:
    diff = now - before
    if abs(diff) < 1.0:
        return f"relatif tetap (tahun lalu {fmt.persen(before)})"
    arah = "naik" if diff > 0 else "turun"
    return f"{arah} {fmt.angka(abs(diff), 2)} poin dari {fmt.persen(before)} tahun lalu"


def _serapan(row: pd.Series, triwulan: int) -> str:
    if fmt.is_missing(row.get("serapan_persen")):
        if not fmt.is_missing(row.get("pagu")):
            return (
                f"Pagu {fmt.rupiah(row['pagu'])}; realisasi anggaran belum dilaporkan sehingga "
                "serapan belum dapat dihitung."
            )
        return "Anggaran dan realisasinya tidak dilaporkan; serapan belum dapat dihitung."
    tanpa_kas = fmt.is_missing(row.get("anggaran_sd"))
    basis = "pagu (tidak ada anggaran kas)" if tanpa_kas else "anggaran kas"
    dasar = row["pagu"] if tanpa_kas else row["anggaran_sd"]
    text = (
        f"Serapan anggaran {fmt.persen(row['serapan_persen'])} terhadap {basis}: realisasi "
        f"{fmt.rupiah(row['realisasi_anggaran_sd'])} dari {fmt.rupiah(dasar)}."
    )
    hemat = (
        not fmt.is_missing(row.get("capaian_persen"))
        and row["capaian_persen"] >= AMBANG
        and row["serapan_persen"] < AMBANG
    )
    if hemat and int(triwulan) == 4:
        text += (
            " Target kinerja tercapai dengan serapan di bawah 91%: anggaran yang tidak terserap "
            "perlu dijelaskan (penghematan, sisa pengadaan, atau kegiatan yang tidak "
            "terlaksana), bukan otomatis dinilai efisien."
        )
    elif hemat:
        text += " Kinerja mendahului serapan; realisasi anggaran perlu dipantau hingga akhir tahun."
    return text


def _capaian_tercetak_program(
    kinerja: pd.DataFrame, kecamatan: str, tahun: int, triwulan: int
) -> pd.Series:
    """The capaian each program's own row prints (by ``kunci``), as Tabel 3.4 shows it."""
    printed = parent_capaian_rows(periode(kinerja, kecamatan, tahun, triwulan))
    printed = printed[printed["tingkat"].eq("program")]
    return printed.groupby(printed["kunci"].astype("str"))["capaian_sd_dilaporkan"].first()


def _kalimat_tercetak(dilaporkan: object, dihitung: float, jumlah_kegiatan: int) -> list[str]:
    """Where the office printed another capaian for the program than the report's (beyond
    the tolerance), one sentence giving both and how the report's is made."""
    if fmt.is_missing(dilaporkan):
        return []
    beda = tercetak.berbeda(pd.Series([dilaporkan]), pd.Series([dihitung]), uang=False)
    if not bool(beda.iloc[0]):
        return []
    cara = (
        f"rata-rata capaian {p.bilangan(jumlah_kegiatan)} kegiatannya"
        if jumlah_kegiatan > 1
        else "capaian kegiatannya"
        if jumlah_kegiatan == 1
        else "realisasi terhadap target indikatornya"
    )
    return [
        f"Kecamatan mencetak capaian program ini {fmt.persen(float(dilaporkan))}; "
        f"angka {fmt.persen(dihitung)} di atas dihitung ulang dari {cara}, dan tabel realisasi "
        "kinerja dan anggaran menampilkan keduanya."
    ]


def _sebab_tanpa_capaian(own: pd.DataFrame) -> str:
    """Why a program has no capaian, from its own indicator rows (all levels): no
    indicator, no target, or targets whose realisasi is not reported yet."""
    if own.empty:
        return "belum ada indikator yang dilaporkan untuknya"
    target = own["target_sd"].fillna(0).ne(0)
    if not target.any():
        return "tidak satu pun indikatornya memiliki target"
    if own.loc[target, "realisasi_sd"].isna().all():
        return "indikatornya baru memiliki target; realisasinya belum dilaporkan"
    return "tidak ada indikator yang memiliki target dan realisasi sekaligus"


def paragraf_program(
    ringkasan: pd.DataFrame,
    kinerja: pd.DataFrame,
    program: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
    narasi: pd.DataFrame | None = None,
) -> list[dict[str, str]]:
    """One paragraph per program (``program``: the program rows of the report, in code
    order, as :func:`analysis.reports.views.capaian_program` gives them); ``narasi``: the
    office's narrative explanations (Hambatan, Solusi ... of its Word report), quoted
    under the program they name."""
    before = ringkasan[
        (ringkasan["kecamatan"] == kecamatan)
        & (ringkasan["tahun"] == tahun - 1)
        & (ringkasan["triwulan"] == triwulan)
        & (ringkasan["tingkat"] == "program")
    ].set_index("kunci")["capaian_persen"]
    children = ringkasan[
        (ringkasan["kecamatan"] == kecamatan)
        & (ringkasan["tahun"] == tahun)
        & (ringkasan["triwulan"] == triwulan)
        & (ringkasan["tingkat"] == "kegiatan")
    ]
    n_keg = children.groupby("kunci_induk")["capaian_persen"].count()
    kin = narrative_parts.catatan_berlaku(kinerja, kecamatan, tahun, triwulan)
    kin_program = kin["kunci_program"].fillna(kin["kunci"])
    words = penjelasan.berlaku(narasi, kecamatan, tahun, triwulan)
    words_program = penjelasan.cocokkan(words, program, kin.assign(kunci_program=kin_program))
    tercetak_program = _capaian_tercetak_program(kinerja, kecamatan, tahun, triwulan)
    out = []
    for row in program.to_dict("records"):
        r = pd.Series(row)
        judul = p.nama_program(r["uraian"])
        nama = judul + (f" ({r['kode']})" if not fmt.is_missing(r.get("kode")) else "")
        own = kin[kin_program.eq(r["kunci"]).to_numpy()]
        if fmt.is_missing(r.get("capaian_persen")):
            kalimat = [
                f"Capaian kinerja {nama} {fmt.sd_tw(triwulan)} {tahun} belum dapat dihitung "
                f"karena {_sebab_tanpa_capaian(own)}."
            ]
        else:
            jumlah = int(n_keg.get(r["kunci"], 0))
            asal = (
                f", rata-rata capaian {p.bilangan(jumlah)} kegiatannya"
                if jumlah > 1
                else ", sama dengan capaian satu-satunya kegiatannya"
                if jumlah == 1
                else ""
            )
            kalimat = [
                f"Capaian kinerja {nama} {fmt.sd_tw(triwulan)} {tahun} sebesar "
                f"{fmt.persen(r['capaian_persen'])} (kategori {_kat(r['kategori'])}){asal}."
            ]
            prog_own = own[own["tingkat"].eq("program") & own["capaian_sd_persen"].notna()]
            if (
                len(prog_own) == 1
                and abs(prog_own["capaian_sd_persen"].iloc[0] - r["capaian_persen"]) >= 0.005
            ):
                kalimat.append(
                    "Indikator tingkat program, sebagaimana dilaporkan kecamatan, mencatat "
                    f"capaian {fmt.persen(prog_own['capaian_sd_persen'].iloc[0])}; angka "
                    f"{fmt.persen(r['capaian_persen'])} di atas adalah rata-rata capaian "
                    "kegiatannya."
                )
            prog_rows = own[own["tingkat"].eq("program") & own["target_sd"].fillna(0).ne(0)]
            if len(prog_rows) and prog_rows["realisasi_sd"].isna().all() and jumlah:
                kalimat.append(
                    "Indikator tingkat program sendiri belum memiliki realisasi; capaian "
                    f"program {fmt.persen(r['capaian_persen'])} di atas adalah rata-rata "
                    "capaian kegiatannya."
                )
            kalimat.extend(
                _kalimat_tercetak(tercetak_program.get(r["kunci"]), r["capaian_persen"], jumlah)
            )
            if r["kunci"] in before.index and not fmt.is_missing(before[r["kunci"]]):
                kalimat.append(
                    f"Dibanding {fmt.sd_tw(triwulan)} {tahun - 1}, capaian "
                    f"{_selisih(float(r['capaian_persen']), float(before[r['kunci']]))}."
                )
        kalimat.append(_serapan(r, triwulan))
        said = words[words_program.eq(r["kunci"]).fillna(False).to_numpy(dtype=bool)]
        kalimat.extend(
            narrative_parts.indikator(own, hambatan_program=said["jenis"].eq("penghambat").any())
        )
        faktor = narrative_parts.faktor(own)
        if faktor:
            kalimat.append(faktor)
        kalimat.extend(penjelasan.kalimat(said, judul))
        out.append({"judul": judul, "teks": " ".join(kalimat)})
    return out


def _capaian_iku(n: pd.Series) -> str:
    """The IKU's capaian as the IKU table shows it: the office's printed figure at its
    printed precision where realisasi / target confirms it (Towuti IKM 105,80%, not 105,78%)."""
    return tercetak.teks_satu_persen(n.get("capaian_dilaporkan"), n["capaian_persen"])


def paragraf_penjelasan(
    narasi: pd.DataFrame | None,
    program: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
    kinerja: pd.DataFrame | None = None,
) -> list[dict[str, str]]:
    """The office's explanations that are not about one of the report's programs: per
    sasaran, for the whole report, and for programs, kegiatan or sub kegiatan the report
    does not hold (``kinerja``: as for :func:`paragraf_program`, whose kegiatan and sub
    kegiatan lead a narrative about them to their program's paragraph)."""
    words = penjelasan.berlaku(narasi, kecamatan, tahun, triwulan)
    nodes = None
    if kinerja is not None and len(words):
        nodes = narrative_parts.catatan_berlaku(kinerja, kecamatan, tahun, triwulan)
        nodes = nodes.assign(kunci_program=nodes["kunci_program"].fillna(nodes["kunci"]))
    return penjelasan.paragraf_lain(words, penjelasan.cocokkan(words, program, nodes))


def ada_penghambat_sasaran(
    narasi: pd.DataFrame | None, kecamatan: str, tahun: int, triwulan: int
) -> bool:
    """Whether the office named obstacles per sasaran in its report's prose."""
    words = penjelasan.berlaku(narasi, kecamatan, tahun, triwulan)
    return bool((words["tingkat"].eq("sasaran") & words["jenis"].eq("penghambat")).any())


TANPA_ALASAN_IKU_SASARAN = (
    "Kecamatan tidak menyebut penyebab untuk indikator ini secara langsung; faktor "
    "penyebab kegagalan yang dicatatnya per sasaran dikutip pada bagian penjelasan lain "
    "dari kecamatan."
)


def paragraf_iku(
    riwayat: pd.DataFrame, tahun: int, *, penghambat_sasaran: bool = False
) -> list[dict[str, str]]:
    """One paragraph per IKU of the report's year (``riwayat``: the IKU history the page
    charts and tabulates; ``penghambat_sasaran``: the office named obstacles per sasaran
    in its report's prose, which the IKU table does not tie to an indicator)."""
    tanpa = TANPA_ALASAN_IKU_SASARAN if penghambat_sasaran else narrative_parts.TANPA_ALASAN
    out = []
    for name, one in riwayat.groupby("indikator", sort=False):
        one = one.sort_values("tahun")
        now = one[one["tahun"] == tahun]
        if now.empty:
            continue
        n = now.iloc[-1]
        unit = "%" if str(n.get("satuan", "")).strip() == "%" else None
        judul = p.nama(name)
        if fmt.is_missing(n["realisasi"]):
            teks = (
                f"{judul} tahun {tahun} ditargetkan {p.besaran(n['target'], unit)}; "
                "realisasinya belum dilaporkan sehingga capaiannya belum dapat dinilai."
            )
        else:
            teks = (
                f"{judul} tahun {tahun}: realisasi {p.besaran(n['realisasi'], unit)} terhadap "
                f"target {p.besaran(n['target'], unit)}, capaian {_capaian_iku(n)} "
                f"(kategori {_kat(n.get('kategori'))})."
            )
            if not fmt.is_missing(n["capaian_persen"]) and n["capaian_persen"] < 100:
                teks += (
                    f" Target belum tercapai, kurang {fmt.angka(100 - n['capaian_persen'], 2)} "
                    "poin dari capaian penuh; indikator ini masuk daftar kesenjangan. " + tanpa
                )
            prev = one[(one["tahun"] == tahun - 1) & one["realisasi"].notna()]
            if len(prev):
                lalu = prev.iloc[-1]
                nilai_lalu = p.besaran(lalu["realisasi"], unit)
                if n["realisasi"] == lalu["realisasi"]:
                    teks += f" Realisasinya sama dengan tahun {int(lalu['tahun'])} ({nilai_lalu})."
                else:
                    arah = "naik" if n["realisasi"] > lalu["realisasi"] else "turun"
                    teks += f" Realisasi {arah} dari {nilai_lalu} pada {int(lalu['tahun'])}."
        out.append({"judul": judul, "teks": teks})
    return out


def kesimpulan(
    utama: dict[str, object],
    program: pd.DataFrame,
    jumlah_temuan: int,
    tahun: int,
    triwulan: int,
) -> str:
    """The conclusion paragraph of a kecamatan report (``utama``: the headline cards)."""
    kec = utama["kecamatan"]
    if utama["capaian"] is None:
        awal = (
            f"Capaian kinerja Kecamatan {kec} {fmt.sd_tw(triwulan)} {tahun} belum dapat dihitung."
        )
    else:
        awal = (
            f"Secara keseluruhan, capaian kinerja Kecamatan {kec} {fmt.sd_tw(triwulan)} {tahun} "
            f"adalah {fmt.persen(utama['capaian'])} (kategori {_kat(utama['kategori'])})"
        )
        if utama["serapan"] is not None:
            awal += (
                f" dengan serapan anggaran {fmt.persen(utama['serapan'])}, realisasi "
                f"{fmt.rupiah(utama['realisasi_anggaran_sd'])} dari pagu "
                f"{fmt.rupiah(utama['pagu'])}"
            )
        awal += "."
    kalimat = [awal]
    rated = program.dropna(subset=["capaian_persen"])
    if len(rated):
        kalimat.append(_program_st(rated))
        low = rated.nsmallest(1, "capaian_persen").iloc[0]
        if low["capaian_persen"] < AMBANG:
            kalimat.append(
                f"Capaian terendah ada pada {p.nama_program(low['uraian'])} "
                f"({fmt.persen(low['capaian_persen'])})."
            )
        if len(program) > len(rated):
            # the table and the paragraphs list them: the count says they exist
            kalimat.append(
                f"{p.awal_bilangan(len(program) - len(rated))} program lainnya belum "
                "memiliki capaian."
            )
    kalimat.append(kalimat_indikator_tertinggal(int(utama["tertinggal"]), int(utama["indikator"])))
    if jumlah_temuan:
        kalimat.append(
            f"{p.awal_bilangan(jumlah_temuan)} temuan kualitas data perlu dicek pada "
            "dokumen sumber sebelum laporan ini diteruskan."
        )
    return " ".join(kalimat)


def _program_st(rated: pd.DataFrame) -> str:
    """How many rated programs are Sangat Tinggi, in words."""
    n = len(rated)
    st = int((rated["capaian_persen"] >= AMBANG).sum())
    if n == 1:
        one = rated.iloc[0]
        return (
            f"Satu-satunya program yang dinilai, {p.nama_program(one['uraian'])}, berkategori "
            f"{_kat(one['kategori']) if 'kategori' in rated else 'Sangat Tinggi'}."
        )
    if st == n:
        return p.awal_kapital(f"{p.seluruh(n)} program berkategori Sangat Tinggi.")
    if st == 0:
        return f"Tidak satu pun dari {p.bilangan(n)} program berkategori Sangat Tinggi."
    return f"{p.awal_bilangan(st)} dari {p.bilangan(n)} program berkategori Sangat Tinggi."


def kalimat_indikator_tertinggal(tertinggal: int, jumlah: int) -> str:
    """How many indicators lag, in words (``Tiga dari 33 indikator ...``)."""
    if jumlah == 0:
        return "Belum ada indikator bertarget yang dapat dinilai."
    if tertinggal == 0:
        if jumlah == 1:
            return "Satu-satunya indikator yang dinilai telah mencapai target."
        return p.awal_kapital(f"{p.seluruh(jumlah)} indikator telah mencapai target.")
    if jumlah == 1:
        return (
            "Satu-satunya indikator yang dinilai belum mencapai target; rinciannya ada pada "
            "daftar kesenjangan."
        )
    return (
        f"{p.awal_bilangan(tertinggal)} dari {p.bilangan(jumlah)} indikator belum mencapai "
        "target; rinciannya ada pada daftar kesenjangan."
    )
