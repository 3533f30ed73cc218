"""The office's counting rules and one hierarchy per office (issue 21, items 2, 4, 7)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import Findings
from analysis.ingest.rows.name_join import join_by_name
from analysis.metrics.iku import unify_names
from analysis.metrics.rollup import target_zero_capaian
from analysis.settings import Settings


def test_iku_acronym_that_spells_the_name_is_one_indicator():
    names = pd.Series(
        ["Indeks Kepuasan Masyarakat (IKM)", "Indeks Kepuasan Masyarakat",
         "Persentase Peningkatan nilai IKM (%)", None, "Nilai (IKM)"],
        dtype="object",
    )  # fmt: skip
    out = unify_names(names).tolist()
    assert out[0] == out[1] == "Indeks Kepuasan Masyarakat"
    assert out[2] == "Persentase Peningkatan nilai IKM (%)"  # a unit, not an acronym
    assert out[4] == "Nilai (IKM)"  # does not spell "Nilai"


def _rows(rows):
    cols = ["kecamatan", "tahun", "kode", "tingkat", "uraian", "sumber"]
    return pd.DataFrame(rows, columns=cols).astype({"tahun": "float64"})


def test_uncoded_name_of_one_table_joins_the_coded_node_of_the_other():
    kinerja = _rows(
        [
            ("Towuti", 2024, "7.01.01.2.09.02", "sub_kegiatan",
             "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan "
             "Kendaraan Dinas Operasional atau Lapangan", "k.csv:k:40"),
            ("Towuti", 2024, "7.01.01.2.08.01", "sub_kegiatan", "Penyediaan Jasa Surat Menyurat",
             "k.csv:k:36"),
        ]
    )  # fmt: skip
    anggaran = _rows(
        [
            ("Towuti", 2024, None, "sub_kegiatan",
             "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan "
             "Perseorangan Dinas atau Kendaraan Dinas Jabatan", "a.csv:a:183"),
            # a different sub kegiatan of the same kegiatan stays apart
            ("Towuti", 2024, None, "sub_kegiatan", "Penyediaan Jasa Pelayanan Umum Kantor",
             "a.csv:a:114"),
            # another year is another report
            ("Towuti", 2023, None, "sub_kegiatan", "Penyediaan Jasa Surat Menyurat", "a.csv:a:9"),
        ]
    )  # fmt: skip
    findings = Findings()
    k, a = join_by_name(kinerja, anggaran, findings)
    assert k["kode"].tolist() == kinerja["kode"].tolist()
    assert a["kode"].tolist()[0] == "7.01.01.2.09.02"
    assert a["kode"].isna().tolist()[1:] == [True, True]
    assert len(findings) == 1
    f = findings.items[0]
    assert f.jenis == "nama_digabung" and f.sumber == "a.csv:a:183"
    assert "Perseorangan" in f.pesan and "Perizinan" in f.pesan  # both texts named


def test_a_coded_node_the_uncoded_rows_own_table_holds_is_not_taken():
    kinerja = _rows([("Wotu", 2024, "7.01.01.2.06.05", "sub_kegiatan", "Barang Cetak", "k:1")])
    anggaran = _rows(
        [
            ("Wotu", 2024, "7.01.01.2.06.05", "sub_kegiatan", "Barang Cetak", "a:1"),
            ("Wotu", 2024, None, "sub_kegiatan", "Barang Cetakan", "a:2"),
        ]
    )
    _, a = join_by_name(kinerja, anggaran, Findings())
    assert a["kode"].isna().tolist() == [False, True]


def test_a_name_join_is_one_finding_not_two(tmp_path):
    from analysis.cli import main

    out = tmp_path / "olahan"
    assert main(["ingest", "--out", str(out)]) == 0
    p = pd.read_parquet(out / "pemeriksaan.parquet")
    towuti = p[(p["kecamatan"] == "Towuti") & (p["tahun"] == 2024)]
    joined = towuti[towuti["jenis"] == "nama_digabung"]
    assert sorted(joined["kode"]) == ["7.01.01.2.06.05", "7.01.01.2.09.02", "7.01.01.2.09.09"]
    assert not towuti["jenis"].eq("kode_nama_berbeda").any()
    r = pd.read_parquet(out / "ringkasan.parquet")
    r = r[(r["kecamatan"] == "Towuti") & (r["tahun"] == 2024) & (r["triwulan"] == 4)]
    assert (r["tingkat"] == "sub_kegiatan").sum() == 33  # the office's table: 33
    node = r.set_index("kunci").loc["7.01.01.2.09.02"]
    assert node["pagu"] == 163_250_000 and node["jumlah_indikator"] == 1
    # Towuti's IKM, "(IKM)" or not, is one IKU across years (seed 002: 80,1 / 84,73)
    iku = pd.read_parquet(out / "iku.parquet")
    ikm = iku[(iku["kecamatan"] == "Towuti") & iku["indikator"].str.contains("Kepuasan")]
    assert set(ikm["indikator"]) == {"Indeks Kepuasan Masyarakat"}
    assert {2023, 2024, 2025, 2026} <= set(ikm["tahun"].astype(int))
    year = ikm[(ikm["tahun"] == 2024) & ikm["triwulan"].isna()].iloc[0]
    assert (year["target"], year["realisasi"]) == (80.1, 84.73)


def _zero_case(rule: str, realisasi: float) -> float:
    table = pd.DataFrame({"target_sd": [0.0, 4.0]})
    capaian = np.array([np.nan, 100.0])
    money = {
        "pagu": np.array([[162_600_000.0], [10.0]]),
        "anggaran_sd": np.array([[np.nan], [np.nan]]),
        "realisasi_anggaran_sd": np.array([[realisasi], [10.0]]),
    }
    out = target_zero_capaian(
        table, capaian, np.array([0, 1]), money, 2, Settings(capaian_target_nol=rule)
    )
    assert out[1] == 100.0
    return out[0]


def test_target_zero_rows_count_as_the_setting_says():
    assert _zero_case("nol_bila_tak_terserap", 0.0) == 0.0
    assert np.isnan(_zero_case("nol_bila_tak_terserap", 6_950_000.0))
    assert _zero_case("nol", 6_950_000.0) == 0.0
    assert np.isnan(_zero_case("dikecualikan", 0.0))


def test_codes_outside_the_nomenclature_are_one_finding_per_file_and_year(tmp_path):
    from analysis.cli import main

    out = tmp_path / "olahan"
    assert main(["ingest", "--out", str(out)]) == 0
    p = pd.read_parquet(out / "pemeriksaan.parquet")
    odd = p[p["jenis"] == "kode_di_luar_nomenklatur"]
    kalaena = odd[(odd["kecamatan"] == "Kalaena") & (odd["tahun"] == 2024)]
    assert len(kalaena) == 1  # three codes of one file, one cause
    assert "7.01.04.7.03.02" in kalaena["pesan"].iloc[0]
    assert "3 kode" in kalaena["pesan"].iloc[0]
    assert not odd["kecamatan"].isin(["Towuti", "Wotu"]).any()  # their codes are known


def test_one_misprinted_pagu_is_one_finding_with_its_consequences(tmp_path):
    """Wotu Tabel 2.8 prints Pengadaan BMD Rp 39.000.000 (its sub kegiatan and Tabel 3.4:
    Rp 107.250.000): one finding, naming the spending 'above' it and the program's sum
    that is off by the same amount, instead of three."""
    from analysis.cli import main

    out = tmp_path / "olahan"
    assert main(["ingest", "--out", str(out)]) == 0
    p = pd.read_parquet(out / "pemeriksaan.parquet")
    wotu = p[(p["kecamatan"] == "Wotu") & (p["tahun"] == 2024)]
    bmd = wotu[wotu["kode"] == "7.01.01.2.07"]
    assert bmd["jenis"].tolist() == ["pagu_induk_berbeda"]
    pesan = bmd["pesan"].iloc[0]
    assert "mendukung Rp 107.250.000" in pesan
    assert "Rp 96.300.000" in pesan and "Rp 3.135.828.551" in pesan
    program = wotu[(wotu["kode"] == "7.01.01") & (wotu["jenis"] == "pagu_induk_berbeda")]
    assert program.empty
    # a difference with no such cause stays its own finding
    keuangan = wotu[(wotu["kode"] == "7.01.01.2.02") & (wotu["kolom"] == "pagu")]
    assert len(keuangan) == 1 and "digabung" not in keuangan["pesan"].iloc[0]


KALAENA_FORM = "Peningkatan Kegiatan Masyarakat Kecamatan"
KALAENA_BUDGET = "Peningkatan Efektifitas Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan"


def test_a_shortened_name_joins_the_one_name_that_holds_all_its_words():
    """Kalaena 2024 (seed 000 l. 38 / seed 001 l. 995): the form's 'Peningkatan Kegiatan
    Masyarakat Kecamatan' is the budget table's 7.01.03.2.01.03 'Peningkatan Efektifitas
    Kegiatan Pemberdayaan Masyarakat di Wilayah Kecamatan' (difflib 0,69, below the
    threshold): every word of the shorter name is in the longer one."""
    kinerja = _rows(
        [
            ("Kalaena", 2024, None, "sub_kegiatan", KALAENA_FORM, "ra.xlsx:RA:24"),
            ("Kalaena", 2024, None, "sub_kegiatan", "Penyediaan Gaji", "ra.xlsx:RA:72"),
        ]
    )
    anggaran = _rows(
        [
            ("Kalaena", 2024, "7.01.03.2.01.03", "sub_kegiatan", KALAENA_BUDGET, "a.csv:a:42"),
            ("Kalaena", 2024, "7.01.01.2.02.01", "sub_kegiatan",
             "Penyediaan Gaji dan Tunjangan ASN", "a.csv:a:9"),
        ]
    )  # fmt: skip
    findings = Findings()
    k, _ = join_by_name(kinerja, anggaran, findings)
    # a two-word name says too little to be joined by its words alone
    assert k["kode"].tolist()[0] == "7.01.03.2.01.03" and pd.isna(k["kode"].iloc[1])
    assert len(findings) == 1
    f = findings.items[0]
    assert f.jenis == "nama_digabung" and f.sumber == "ra.xlsx:RA:24"
    assert KALAENA_FORM in f.pesan and KALAENA_BUDGET in f.pesan
    assert "semua kata" in f.pesan


def test_a_shortened_name_two_names_hold_is_not_joined():
    kinerja = _rows([("Kalaena", 2024, None, "sub_kegiatan", KALAENA_FORM, "ra:24")])
    anggaran = _rows(
        [
            ("Kalaena", 2024, "7.01.03.2.01.03", "sub_kegiatan", KALAENA_BUDGET, "a:42"),
            ("Kalaena", 2024, "7.01.03.2.01.09", "sub_kegiatan",
             "Peningkatan Kapasitas Kegiatan Lembaga Kemasyarakatan dan Masyarakat Kecamatan",
             "a:43"),
        ]
    )  # fmt: skip
    findings = Findings()
    k, _ = join_by_name(kinerja, anggaran, findings)
    assert k["kode"].isna().all() and len(findings) == 0


def test_kalaena_2024_sub_kegiatan_is_one_node_and_no_other_office_joins_more(bundled):
    p = pd.read_parquet(bundled / "pemeriksaan.parquet")
    joined = p[p["jenis"] == "nama_digabung"]
    assert sorted(zip(joined["kecamatan"], joined["kode"], strict=True)) == [
        ("Kalaena", "7.01.03.2.01.03"),
        ("Towuti", "7.01.01.2.06.05"),
        ("Towuti", "7.01.01.2.09.02"),
        ("Towuti", "7.01.01.2.09.09"),
        ("Wotu", "7.01.01.2.09.02"),
    ]
    k = pd.read_parquet(bundled / "kinerja.parquet")
    k = k[(k["kecamatan"] == "Kalaena") & (k["tahun"] == 2024)]
    form = k[k["uraian"] == KALAENA_FORM]
    assert len(form) == 4 and form["kunci"].eq("7.01.03.2.01.03").all()  # TW I .. TW IV
    r = pd.read_parquet(bundled / "ringkasan.parquet")
    r = r[(r["kecamatan"] == "Kalaena") & (r["tahun"] == 2024) & (r["triwulan"] == 4)]
    node = r[r["kunci"] == "7.01.03.2.01.03"]
    assert len(node) == 1
    assert node["pagu"].iloc[0] == 85_880_500 and node["jumlah_indikator"].iloc[0] == 1
    assert not r["kunci"].astype("str").str.startswith("sub_kegiatan:").any()
