"""pemeriksaan: the seeds' known inconsistencies are found, and nothing consistent is."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from metrics_seed_frames import (
    anggaran_wide,
    bulanan_wide,
    iku_raw,
    kalaena_frames,
    kinerja_wide,
    wotu_frames,
)

from analysis.metrics import build_tables
from analysis.schema import PEMERIKSAAN
from analysis.settings import Settings


@pytest.fixture(scope="module")
def wotu() -> pd.DataFrame:
    return build_tables(*wotu_frames(), None, None)["pemeriksaan"]


def findings(p: pd.DataFrame, jenis: str, uraian: str | None = None) -> pd.DataFrame:
    rows = p[p["jenis"] == jenis]
    if uraian is not None:
        rows = rows[rows["uraian"].fillna("").str.contains(uraian, case=False, regex=False)]
    return rows


def test_columns_and_order(wotu):
    assert list(wotu.columns) == PEMERIKSAAN
    order = {"tinggi": 0, "sedang": 1, "rendah": 2}
    ranks = wotu["tingkat_keparahan"].map(order).tolist()
    assert ranks == sorted(ranks)
    assert wotu["pesan"].notna().all() and wotu["sumber"].notna().all()


def test_wotu_serapan_misprint(wotu):
    # Tabel 3.4 "Administrasi Keuangan Perangkat Daerah": 98,51 % printed where
    # 2.119.739.936 / 2.120.823.919 = 99,95 %.
    f = findings(wotu, "serapan_berbeda", "Administrasi Keuangan").iloc[0]
    assert f["dilaporkan"] == 98.51 and round(f["dihitung"], 2) == 99.95
    assert f["kolom"] == "serapan_kas_persen" and f["triwulan"] == 4
    assert "98,51%" in f["pesan"] and "99,95%" in f["pesan"]
    assert f["sumber"] == "004_wotu.txt:Tabel 3.4:7"
    # ... and the same row's realisasi is not the sum of its two sub kegiatan.
    r = findings(wotu, "realisasi_induk_berbeda", "Administrasi Keuangan").iloc[0]
    assert r["dilaporkan"] == 2_119_739_936 and r["dihitung"] == 2_060_771_985 + 28_370_000
    # RKA-SKPD: 4.319.100 / 6.244.950 is 69,16 %, printed 89,16 %.
    rka = findings(wotu, "serapan_berbeda", "RKA-SKPD").iloc[0]
    assert round(rka["dihitung"], 2) == 69.16 and rka["tingkat_keparahan"] == "tinggi"
    # DPA-SKPD 44,81 % is right: no finding.
    assert findings(wotu, "serapan_berbeda", "DPA-SKPD").empty


def test_wotu_parent_pagu_against_children(wotu):
    # Tabel 2.8 "Pengadaan Barang Milik Daerah": pagu 39.000.000 against its sub
    # kegiatan 0 + 107.250.000.
    f = findings(wotu, "pagu_induk_berbeda", "Pengadaan Barang Milik Daerah").iloc[0]
    assert f["dilaporkan"] == 39_000_000 and f["dihitung"] == 107_250_000
    assert f["selisih"] == -68_250_000 and f["tingkat_keparahan"] == "tinggi"
    assert "Rp 39.000.000" in f["pesan"] and "Rp 107.250.000" in f["pesan"]
    # Spending 96.300.000 "above" that pagu follows from the same misprint: it is named
    # inside the one finding, not a finding of its own (issue 21: one typo, one finding).
    over = findings(wotu, "realisasi_melebihi_pagu", "Pengadaan Barang Milik Daerah")
    assert over.empty and "Rp 96.300.000" in f["pesan"]
    # Gaji: 2.092.264.064 in Tabel 2.8 against 2.092.264.069 - Rp 5 is over the Rp 1 tolerance.
    five = findings(wotu, "pagu_induk_berbeda", "Administrasi Keuangan").iloc[0]
    assert five["selisih"] == 5 and five["tingkat_keparahan"] == "rendah"


def test_wotu_printed_capaian(wotu):
    cetak = findings(wotu, "capaian_berbeda", "Barang Cetak").iloc[0]  # 3 of 3 printed 83,33
    assert cetak["dilaporkan"] == 83.33 and cetak["dihitung"] == 100
    induk = findings(wotu, "capaian_induk_berbeda")
    assert set(induk["uraian"].str[:25]) == {
        "PROGRAM PENUNJANG URUSAN ",  # 71,77 against 88,89
        "Administrasi Keuangan Per",  # 97,40 against 100
        "Administrasi Umum Perangk",  # 96,66 against 100
    }
    total = findings(wotu, "total_berbeda").iloc[0]
    assert total["uraian"] == "TOTAL BELANJA" and total["dilaporkan"] == 95.91
    assert round(total["dihitung"], 2) == 97.11
    # Program 04 (93,75) and kegiatan 87,50 are right; sinergitas 91,67 is right.
    assert findings(wotu, "capaian_induk_berbeda", "KETENTRAMAN").empty
    assert findings(wotu, "capaian_berbeda", "Sinergitas").empty
    # TOTAL BELANJA money equals the sum of the six programs: no money finding for it.
    assert findings(wotu, "total_berbeda")["kolom"].tolist() == ["capaian_persen"]


def test_kalaena_printed_capaian():
    p = build_tables(kalaena_frames(), None, None, None)["pemeriksaan"]
    # TW1 administrasi kepegawaian: realisasi 150 of 100 printed as 75 %.
    f = findings(p, "capaian_berbeda", "Administrasi Kepegawaian").iloc[0]
    assert (f["triwulan"], f["dilaporkan"], f["dihitung"]) == (1, 75, 150)
    assert f["tingkat_keparahan"] == "tinggi" and f["kolom"] == "capaian_tw_persen"
    assert "capaian dilaporkan 75,00% tetapi realisasi 150 dari target 100 = 150,00%" in f["pesan"]
    assert len(findings(p, "capaian_berbeda", "Administrasi Kepegawaian")) == 1
    # TW2 Bimtek: target 0, printed 400 %.
    orphan = findings(p, "capaian_tanpa_target", "Bimbingan Teknis").iloc[0]
    assert orphan["triwulan"] == 2 and orphan["dilaporkan"] == 400
    assert "target 0" in orphan["pesan"]
    # Jasa Peralatan: annual target 2 Laporan, quarter targets 2 + 0 + 2 + 0 = 4.
    t = findings(p, "target_tahunan_tidak_cocok", "Jasa Peralatan").iloc[0]
    assert t["dilaporkan"] == 2 and t["dihitung"] == 4


def test_tolerance_comes_from_settings(wotu):
    assert len(findings(wotu, "capaian_berbeda", "Barang Cetak")) == 1
    loose = Settings(toleransi_capaian_poin=17.0, toleransi_rupiah=10.0)
    p = build_tables(*wotu_frames(), None, None, loose)["pemeriksaan"]
    assert findings(p, "capaian_berbeda", "Barang Cetak").empty
    assert findings(p, "pagu_induk_berbeda", "Administrasi Keuangan").empty
    assert len(findings(p, "serapan_berbeda", "RKA-SKPD")) == 1  # 20 points off
    assert findings(p, "capaian_berbeda", "Administrasi Kepegawaian").empty


def test_implausible_values():
    ident = {
        "kecamatan": "X",
        "tahun": 2024,
        "kunci_program": "P",
        "tingkat": "sub_kegiatan",
        "kunci_kegiatan": "K",
        "sumber": "x.csv::3",
    }
    kw = kinerja_wide(
        [
            {
                **ident,
                "kunci": "S1",
                "uraian": "Rapat",
                "indikator": "Jumlah rapat",
                "target_tahunan": 4.0,
                "target_tw1": 5.0,
                "realisasi_tw1": -1.0,
            },
        ]
    )
    aw = anggaran_wide([{**ident, "kunci": "S1", "uraian": "Rapat", "pagu": -10.0}])
    p = build_tables(kw, aw, None, None)["pemeriksaan"]
    neg = findings(p, "nilai_negatif")
    assert set(neg["kolom"]) == {"realisasi_tw1", "pagu"}
    assert neg.set_index("kolom").loc["realisasi_tw1", "triwulan"] == 1
    assert (neg["tingkat_keparahan"] == "tinggi").all()
    over = findings(p, "target_triwulan_melebihi_tahunan").iloc[0]
    assert (over["triwulan"], over["dilaporkan"], over["dihitung"]) == (1, 5, 4)


def test_rekening_lines_against_their_sub_kegiatan():
    # Towuti Tabel III lists object-of-expenditure lines under each sub kegiatan.
    ident = {"kecamatan": "Towuti", "tahun": 2024, "kunci_program": "01", "kunci_kegiatan": "01.01"}
    rows = [
        {
            **ident,
            "kunci": "01.01.01",
            "tingkat": "sub_kegiatan",
            "pagu": 33_070_500.0,
            "uraian": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "sumber": "t.xlsx:III:10",
        },
        {
            **ident,
            "kunci": "r1",
            "tingkat": "rekening",
            "pagu": 9_000_000.0,
            "uraian": "Honorarium Pengelola Perencanaan",
            "sumber": "t.xlsx:III:11",
        },
        {
            **ident,
            "kunci": "r2",
            "tingkat": "rekening",
            "pagu": 250_000.0,
            "uraian": "Belanja Alat Tulis Kantor",
            "sumber": "t.xlsx:III:12",
        },
        {
            **ident,
            "kunci": "01.01.02",
            "tingkat": "sub_kegiatan",
            "pagu": 100.0,
            "uraian": "Koordinasi RKA",
            "sumber": "t.xlsx:III:13",
        },
        {
            **ident,
            "kunci": "r3",
            "tingkat": "rekening",
            "pagu": 100.0,
            "uraian": "Belanja Kertas Cover",
            "sumber": "t.xlsx:III:14",
        },
    ]
    p = build_tables(None, anggaran_wide(rows), None, None)["pemeriksaan"]
    f = findings(p, "pagu_induk_berbeda")
    assert f["uraian"].tolist() == ["Penyusunan Dokumen Perencanaan Perangkat Daerah"]
    assert f.iloc[0]["dihitung"] == 9_250_000 and "rincian belanja" in f.iloc[0]["pesan"]


def test_monthly_against_quarter():
    # Seed 003: Kalaena Pelayanan Umum, TW I 2025, 3 documents in the quarter.
    ident = {
        "kecamatan": "Kalaena",
        "tahun": 2025,
        "kunci": "perizinan",
        "uraian": "Pelayanan Perizinan Non Usaha",
        "indikator": "Jumlah Dokumen",
    }
    kw = kinerja_wide(
        [{**ident, "tingkat": "sub_kegiatan", "target_tw1": 3.0, "realisasi_tw1": 3.0}]
    )
    aw = anggaran_wide(
        [
            {
                **ident,
                "tingkat": "sub_kegiatan",
                "anggaran_tw1": 423_300.0,
                "realisasi_anggaran_tw1": 423_300.0,
            }
        ]
    )
    months = bulanan_wide(
        [
            {**ident, "bulan": 1.0, "realisasi": 1.0, "realisasi_anggaran": 141_100.0},
            {**ident, "bulan": 2.0, "realisasi": 1.0, "realisasi_anggaran": 141_100.0},
            {**ident, "bulan": 3.0, "realisasi": 2.0, "realisasi_anggaran": 141_100.0},
        ]
    )
    t = build_tables(kw, aw, None, months)
    assert t["bulanan"]["triwulan"].tolist() == [1, 1, 1]
    f = findings(t["pemeriksaan"], "bulanan_tidak_cocok")
    assert f["kolom"].tolist() == ["realisasi_tw"]  # 4 against 3; money adds up
    assert f.iloc[0]["dihitung"] == 4
    # January alone is not a quarter: nothing to compare.
    t = build_tables(kw, aw, None, months.iloc[:1])
    assert findings(t["pemeriksaan"], "bulanan_tidak_cocok").empty


def test_iku_printed_capaian():
    raw = iku_raw(
        [
            {
                "kecamatan": "Wotu",
                "tahun": 2024,
                "indikator": "IKM",
                "target": 82.0,
                "realisasi": 78.60,
                "capaian_dilaporkan": 95.85,
            },
            {
                "kecamatan": "Wotu",
                "tahun": 2023,
                "indikator": "IKM",
                "target": 80.0,
                "realisasi": 78.25,
                "capaian_dilaporkan": 102.2,
            },
        ]
    )
    p = build_tables(None, None, raw, None)["pemeriksaan"]
    assert p["tahun"].tolist() == [2023]
    assert p.iloc[0]["jenis"] == "capaian_berbeda" and np.isclose(p.iloc[0]["dihitung"], 97.8125)


def test_consistent_data_has_no_findings():
    ident = {"kecamatan": "X", "tahun": 2024, "kunci_program": "P"}
    kw = kinerja_wide(
        [
            {
                **ident,
                "kunci": "S",
                "kunci_kegiatan": "K",
                "tingkat": "sub_kegiatan",
                "indikator": "Jumlah x",
                "target_tahunan": 4.0,
                "target_tw1": 2.0,
                "realisasi_tw1": 2.0,
                "capaian_tw1": 100.0,
                "target_tw2": 2.0,
                "realisasi_tw2": 1.0,
                "capaian_tw2": 50.0,
                "capaian_sd_tw2": 75.0,
            }
        ]
    )
    aw = anggaran_wide(
        [
            {
                **ident,
                "kunci": "K",
                "kunci_kegiatan": "K",
                "tingkat": "kegiatan",
                "pagu": 10.0,
                "anggaran_sd_tw2": 8.0,
                "realisasi_anggaran_sd_tw2": 6.0,
                "serapan_sd_tw2": 75.0,
            },
            {
                **ident,
                "kunci": "S",
                "kunci_kegiatan": "K",
                "tingkat": "sub_kegiatan",
                "pagu": 10.0,
                "anggaran_tw1": 4.0,
                "anggaran_tw2": 4.0,
                "realisasi_anggaran_tw1": 3.0,
                "realisasi_anggaran_tw2": 3.0,
                "serapan_sd_tw2": 75.0,
            },
            {**ident, "kunci": "T", "tingkat": "total", "uraian": "JUMLAH", "pagu": 10.0},
        ]
    )
    p = build_tables(kw, aw, None, None)["pemeriksaan"]
    assert p.empty, p["pesan"].tolist()


def test_parent_own_capaian_indicator_against_its_children(tmp_path):
    """Towuti's program prints its own capaian indicator, 93,75 %: its kegiatan average
    93,75 under the office's rule (a sub kegiatan with target 0 and its budget unspent
    counts 0 %, so Pengadaan BMD is 50), 100 when such rows are left out; a finding names
    the difference only under the rule that differs from the office's."""
    from analysis.cli import main

    out = tmp_path / "olahan"
    assert main(["ingest", "--out", str(out)]) == 0
    p = pd.read_parquet(out / "pemeriksaan.parquet")
    f = p[(p["jenis"] == "capaian_induk_berbeda") & (p["kecamatan"] == "Towuti")]
    assert f.empty
    r = pd.read_parquet(out / "ringkasan.parquet")
    r = r[(r["kecamatan"] == "Towuti") & (r["tahun"] == 2024) & (r["triwulan"] == 4)]
    capaian = r.set_index("kunci")["capaian_persen"]
    assert capaian["7.01.01"] == 93.75 and capaian["7.01.01.2.07"] == 50
    assert capaian["7.01.01.2.07.10"] == 0  # target 0, Rp 162.600.000 unspent
    assert capaian["7.01.01.2.08"] == 100  # its target-0 row spent: left out
    config = tmp_path / "aturan.toml"
    config.write_text('capaian_target_nol = "dikecualikan"\n')
    out = tmp_path / "olahan2"
    assert main(["ingest", "--out", str(out), "--config", str(config)]) == 0
    p = pd.read_parquet(out / "pemeriksaan.parquet")
    assert p[(p["jenis"] == "capaian_induk_berbeda") & (p["kecamatan"] == "Towuti")].empty
    # the office's 93,75 is the roll-up under its own rule: "metode berbeda", both named
    f = p[(p["jenis"] == "metode_berbeda") & (p["kecamatan"] == "Towuti")]
    assert len(f) == 1
    row = f.iloc[0]
    assert row["kode"] == "7.01.01" and row["dilaporkan"] == 93.75 and row["dihitung"] == 100
    assert "metode berbeda" in row["pesan"]
    assert 'dihitung 0% (capaian_target_nol = "nol_bila_tak_terserap")' in row["pesan"]
    assert 'tidak dihitung (capaian_target_nol = "dikecualikan") = 100,00%' in row["pesan"]
    config.write_text('capaian_target_nol = "nol"\n')  # any budget: Jasa peralatan 0 too
    out = tmp_path / "olahan3"
    assert main(["ingest", "--out", str(out), "--config", str(config)]) == 0
    r = pd.read_parquet(out / "ringkasan.parquet")
    r = r[(r["kecamatan"] == "Towuti") & (r["tahun"] == 2024) & (r["triwulan"] == 4)]
    assert r.set_index("kunci")["capaian_persen"]["7.01.01.2.08"] == 75
    assert "93,75%" in row["pesan"] and "100,00%" in row["pesan"]


def test_an_arithmetic_slip_of_the_office_is_named_with_its_figures():
    """Seed 002: Towuti's nine kegiatan add up to 750 and the office divides by 8
    (93,75); a printed figure that is the children's sum over one child fewer is named
    as the office's slip, with the sum and both divisors."""
    from analysis.metrics import methods

    kids = pd.DataFrame(
        {
            "kecamatan": "Towuti",
            "tahun": 2024,
            "triwulan": 4,
            "kunci": [f"K{i}" for i in range(9)],
            "kunci_induk": "P",
            "capaian_persen": [100.0] * 7 + [50.0, 0.0],
        }
    )
    rows = pd.DataFrame(
        {
            "kecamatan": ["Towuti", "Towuti"],
            "tahun": [2024, 2024],
            "triwulan": [4, 4],
            "kunci": ["P", "P"],
            "capaian_sd_dilaporkan": [93.75, 71.77],
        }
    )
    text = methods.arithmetic(rows, kids, 0.5)
    assert text.iloc[0] == (
        " (jumlah 750,00 / 9); angka kecamatan = jumlah 750,00 dibagi 8, bukan 9: "
        "salah hitung kecamatan"
    )
    assert text.iloc[1] == " (jumlah 750,00 / 9)"  # no divisor gives 71,77: no slip named
