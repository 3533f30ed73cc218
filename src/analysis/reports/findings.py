"""Findings and the gap list as a planner reads them.

Findings are grouped by the row they concern (one entry per uraian, its checks under
it), with plain column names instead of the processed tables' identifiers, the place in
the source as the office would look for it (file, sheet, row) and what to check. The gap
list of a report adds the IKU behind target, carries an indicator's latest KET note into
later quarters that have none, and marks an indicator that also has a finding.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt

LABEL_KOLOM = {
    "capaian_sd_persen": "capaian s/d triwulan (%)",
    "capaian_tw_persen": "capaian triwulan (%)",
    "capaian_persen": "capaian (%)",
    "serapan_kas_persen": "serapan terhadap anggaran kas (%)",
    "serapan_pagu_persen": "serapan terhadap pagu (%)",
    "pagu": "pagu (Rp)",
    "anggaran_sd": "anggaran kas s/d triwulan (Rp)",
    "anggaran_tw": "anggaran kas triwulan (Rp)",
    "realisasi_anggaran_sd": "realisasi anggaran s/d triwulan (Rp)",
    "realisasi_anggaran_tw": "realisasi anggaran triwulan (Rp)",
    "target_tahunan": "target tahunan",
    "target_tw": "target triwulan",
    "target_sd": "target s/d triwulan",
    "realisasi_tw": "realisasi triwulan",
    "realisasi_sd": "realisasi s/d triwulan",
    "realisasi": "realisasi",
    "target": "target",
    "satuan": "satuan",
    "tingkat": "tingkat",
    "uraian": "uraian",
}
"""Plain Indonesian names of the columns a finding may name."""

_KOLOM_TRIWULAN = r"^(?P<isi>target|realisasi|capaian)_tw(?P<tw>[1-4])$"
"""A form's per-quarter column (``realisasi_tw3``), named as ``realisasi Triwulan III``."""


def label_kolom(kolom: pd.Series) -> pd.Series:
    """The columns findings name, in plain Indonesian (never the code ``capaian_tw2``)."""
    text = kolom.astype("object").where(kolom.notna())
    named = text.map(LABEL_KOLOM, na_action="ignore")
    quarter = text.astype("str").str.extract(_KOLOM_TRIWULAN).where(text.notna())
    hit = quarter["isi"].notna() & named.isna()
    if hit.any():
        q = quarter[hit].astype("str")
        triwulan = {str(n): fmt.nama_triwulan(n) for n in fmt.ROMAWI}
        named = named.astype("object")
        named[hit] = (
            q["isi"] + " " + q["tw"].map(triwulan) + q["isi"].map({"capaian": " (%)"}).fillna("")
        )
    return named.fillna(text).fillna("").astype("str")


SATUAN_DALAM_KURUNG = {"(%)": "dalam persen", "(Rp)": "dalam rupiah"}
"""A column name's unit in words, where the name itself is printed in brackets."""


def kolom_dalam_kurung(label: pd.Series) -> pd.Series:
    """A column's plain name for use inside brackets: its unit in words, so the page
    reads "(capaian s/d triwulan, dalam persen)", never a bracket inside a bracket."""
    out = label.astype("str")
    for unit, words in SATUAN_DALAM_KURUNG.items():
        ends = out.str.endswith(" " + unit)
        out = out.where(~ends, out.str[: -len(unit) - 1] + ", " + words)
    return out


PERIKSA = {
    "capaian_berbeda": "Cek target, realisasi dan rumus capaian pada baris ini.",
    "capaian_tanpa_target": "Isi target atau kosongkan capaiannya.",
    "capaian_tak_terhitung": "Periksa target: terlalu kecil untuk menghitung capaian.",
    "tahun_judul_nama_file": "Samakan tahun di judul tabel, judul kolom dan nama file.",
    "perubahan_pagu_tidak_cocok": (
        "Cek pagu sebelum dan sesudah perubahan terhadap kolom bertambah/berkurang."
    ),
    "capaian_induk_berbeda": (
        "Cek capaian program/kegiatan terhadap capaian kegiatan/sub kegiatannya."
    ),
    "serapan_berbeda": "Cek realisasi, anggaran kas dan rumus serapan.",
    "pagu_induk_berbeda": "Cek pagu baris induk terhadap jumlah pagu rinciannya.",
    "anggaran_induk_berbeda": "Cek anggaran kas baris induk terhadap jumlah rinciannya.",
    "realisasi_induk_berbeda": "Cek realisasi baris induk terhadap jumlah rinciannya.",
    "total_berbeda": "Cek baris total (JUMLAH/TOTAL BELANJA) terhadap jumlah program.",
    "realisasi_melebihi_pagu": (
        "Cek realisasi dan pagu (atau perubahan anggaran yang belum dicatat)."
    ),
    "nilai_negatif": "Cek tanda angka pada sel ini.",
    "target_triwulan_melebihi_tahunan": "Cek target triwulan terhadap target tahunan.",
    "target_tahunan_tidak_cocok": "Cek target per triwulan terhadap target tahunan.",
    "bulanan_tidak_cocok": "Cek laporan bulanan terhadap laporan triwulan.",
    "program_diulang_berbeda": "Cek baris program yang ditulis lebih dari sekali.",
    "metode_berbeda": "Samakan aturan hitung (pengaturan) dengan aturan kecamatan.",
    "tabel_berbeda": "Samakan target/satuan baris ini di kedua tabel.",
    "tabel_berbeda_realisasi": (
        "Samakan angka baris ini di kedua tabel (keduanya memberi realisasi), lalu jalankan ulang."
    ),
    "angka_di_kolom_program": "Tulis angka sub kegiatan di kolom sub kegiatan.",
    "uraian_ganda": "Cek nama baris yang sama ditulis dua kali (salin-tempel?).",
    "nama_ganda_satu_tabel": "Beri nama atau kode pembeda pada baris bernama sama.",
    "pemisah_ambigu": "Tulis angka ini dengan pemisah yang sama seperti angka lain di kolomnya.",
    "tingkat_ditebak": "Tulis tingkat (program/kegiatan/sub kegiatan) atau kodenya.",
}
"""What the office should check for each kind of finding."""


def kelompok_temuan(findings: pd.DataFrame, penjelasan: dict[str, str]) -> list[dict[str, object]]:
    """Findings grouped by the row they concern, most severe group first."""
    if findings.empty:
        return []
    f = findings.reset_index(drop=True)
    jenis = f["jenis"].astype("str")
    desimal = desimal_temuan(f["kolom"])
    rows = pd.DataFrame(
        {
            "kecamatan": f["kecamatan"].fillna("").astype("str"),
            # the office's list dash ("- Penyediaan ...") is layout, as in Tabel 3.4
            "baris": f["uraian"]
            .astype("string")
            .str.replace(fmt.LIST_MARK, "", regex=True)
            .fillna(f["kode"])
            .fillna("(tanpa uraian)")
            .astype("str"),
            "kode": f["kode"].fillna("").astype("str"),
            "keparahan": f["tingkat_keparahan"].fillna("rendah").astype("str"),
            "kolom": label_kolom(f["kolom"]),
            "penjelasan": jenis.map(lambda j: penjelasan.get(j, "")),
            "periksa": jenis.map(PERIKSA).fillna("Cek angka ini pada dokumen sumber."),
            "pesan": f["pesan"].fillna("").astype("str"),
            "dilaporkan": angka_temuan(f["dilaporkan"], desimal),
            "dihitung": angka_temuan(f["dihitung"], desimal),
            "selisih": angka_temuan(f["selisih"], desimal),
            "tempat": fmt.tempat(f["sumber"]),
        }
    )
    rows["kolom_kurung"] = kolom_dalam_kurung(rows["kolom"])  # printed in brackets
    # a finding about names or rows (a repeated uraian) has no figures to print
    rows["ada_angka"] = rows["dilaporkan"].ne(fmt.KOSONG) | rows["dihitung"].ne(fmt.KOSONG)
    rank = rows["keparahan"].map({"tinggi": 0, "sedang": 1, "rendah": 2}).fillna(3)
    rows["_grup"] = rows.groupby(["kecamatan", "baris", "kode"], sort=False).ngroup()
    rows["_r"] = rank.groupby(rows["_grup"]).transform("min")
    rows = rows.sort_values(["_r", "_grup"], kind="stable")
    out = []
    for _, group in rows.groupby("_grup", sort=False):
        first = group.iloc[0]
        worst = group.loc[rank[group.index].idxmin(), "keparahan"]
        out.append(
            {
                "kecamatan": first["kecamatan"],
                "baris": first["baris"],
                "kode": first["kode"],
                "keparahan": worst,
                "butir": group.drop(columns=["_grup", "_r"]).to_dict("records"),
            }
        )
    return out


DESIMAL_SATUAN = {"(%)": 2, "(Rp)": 0}
"""Decimals of a finding's figures by the unit its column's plain name ends with
(:data:`LABEL_KOLOM`): percentages with two, rupiah whole; counts and measured values
(no unit) as printed (:func:`analysis.formatting.angka_ringkas`)."""


def desimal_temuan(kolom: pd.Series) -> pd.Series:
    """Decimals each finding's figures print with (``<NA>``: as printed), from its column."""
    label = label_kolom(kolom)
    out = pd.Series(pd.NA, index=kolom.index, dtype="Int64")
    for unit, n in DESIMAL_SATUAN.items():
        out[label.str.endswith(unit).to_numpy()] = n
    return out


def angka_temuan(values: pd.Series, desimal: pd.Series) -> pd.Series:
    """Findings mix rupiah, percentages and counts in one column: one format per kind."""
    return pd.Series(
        [
            fmt.KOSONG
            if fmt.is_missing(v)
            else fmt.angka_ringkas(v)
            if pd.isna(d)
            else fmt.angka(v, int(d))
            for v, d in zip(values, desimal, strict=True)
        ],
        index=values.index,
        dtype="object",
    )


def kesenjangan_laporan(
    gaps: pd.DataFrame,
    kinerja: pd.DataFrame,
    iku_rows: pd.DataFrame,
    findings: pd.DataFrame,
    tahun: int,
    triwulan: int,
) -> pd.DataFrame:
    """The report's gap list: ``gaps`` (indicators behind target), the IKU of the year
    behind target appended (``tingkat`` ``IKU``), an empty note filled with the
    indicator's latest earlier note of the year, and ``ada_temuan`` on indicators whose
    row has a finding. Worst first."""
    out = gaps.copy()
    if len(out) and "keterangan" in out:
        earlier = kinerja[
            (kinerja["tahun"] == tahun)
            & (kinerja["triwulan"] <= triwulan)
            & kinerja["keterangan"].notna()
        ].sort_values("triwulan")
        last = earlier.drop_duplicates(["kecamatan", "kunci", "indikator"], keep="last")
        last = last.set_index(["kecamatan", "kunci", "indikator"])["keterangan"]
        key = pd.MultiIndex.from_frame(out[["kecamatan", "kunci", "indikator"]])
        carried = pd.Series(key.map(last.to_dict().get), index=out.index)
        out["keterangan"] = out["keterangan"].where(out["keterangan"].notna(), carried)
    iku = iku_rows[(iku_rows["tahun"] == tahun) & (iku_rows["capaian_persen"] < 100)]
    if len(iku):
        extra = pd.DataFrame(
            {
                "kecamatan": iku["kecamatan"].to_numpy(),
                "tahun": tahun,
                "triwulan": triwulan,
                "tingkat": "IKU",
                "uraian": "Indikator Kinerja Utama",
                "indikator": iku["indikator"].to_numpy(),
                "satuan": iku["satuan"].to_numpy() if "satuan" in iku else None,
                "target_sd": iku["target"].to_numpy(),
                "realisasi_sd": iku["realisasi"].to_numpy(),
                "capaian_sd_persen": iku["capaian_persen"].to_numpy(),
                "kekurangan_poin": (100 - iku["capaian_persen"]).to_numpy(),
                "kekurangan_satuan": (iku["target"] - iku["realisasi"]).to_numpy(),
            }
        )
        out = pd.concat([out, extra], ignore_index=True) if len(out) else extra
    if out.empty:
        return out
    flagged = set(findings["kode"].dropna().astype("str")) | set(
        findings["uraian"].dropna().astype("str")
    )
    kode = out["kode"] if "kode" in out else pd.Series(pd.NA, index=out.index)
    out["ada_temuan"] = kode.astype("str").isin(flagged) | out["uraian"].astype("str").isin(flagged)
    return out.sort_values("kekurangan_poin", ascending=False, kind="stable").reset_index(drop=True)
