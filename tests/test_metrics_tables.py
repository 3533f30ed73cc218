"""kinerja / anggaran long tables, ringkasan roll-ups, tren, iku, gaps and build_tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from metrics_seed_frames import (
    NAN,
    anggaran_wide,
    iku_raw,
    kalaena_frames,
    kinerja_wide,
    wotu_frames,
)

from analysis.metrics import (
    anggaran_long,
    build_tables,
    find_gaps,
    iku_table,
    kinerja_long,
    ringkasan,
    tren,
)
from analysis.schema import (
    ANGGARAN_WIDE,
    BULANAN_WIDE,
    IKU_RAW,
    KINERJA_WIDE,
    PROCESSED_TABLES,
)
from analysis.settings import Settings


@pytest.fixture(scope="module")
def wotu():
    kw, aw = wotu_frames()
    return build_tables(kw, aw, None, None)


def one(df: pd.DataFrame, **match) -> pd.Series:
    mask = np.ones(len(df), dtype=bool)
    for col, value in match.items():
        mask &= (df[col] == value).to_numpy()
    assert mask.sum() == 1, f"{mask.sum()} rows match {match}"
    return df[mask].iloc[0]


# --- build_tables --------------------------------------------------------------------------


def test_build_tables_columns_on_empty_and_none_inputs():
    empty = [pd.DataFrame(columns=c) for c in (KINERJA_WIDE, ANGGARAN_WIDE, IKU_RAW, BULANAN_WIDE)]
    for inputs in (empty, [None, None, None, None]):
        tables = build_tables(*inputs)
        assert set(tables) == set(PROCESSED_TABLES)
        for name, df in tables.items():
            assert list(df.columns) == PROCESSED_TABLES[name]
            assert df.empty


def test_build_tables_columns_on_seed_data(wotu):
    for name, df in wotu.items():
        assert list(df.columns) == PROCESSED_TABLES[name], name
    assert len(wotu["kinerja"]) and len(wotu["ringkasan"]) and len(wotu["pemeriksaan"])


def test_totals_are_never_data(wotu):
    for name in ("kinerja", "anggaran", "ringkasan"):
        assert not wotu[name]["tingkat"].eq("total").any(), name
    assert not wotu["kinerja"]["uraian"].eq("TOTAL BELANJA").any()


# --- kinerja long ----------------------------------------------------------------------------


def test_kinerja_sd_only_source_yields_only_tw4_without_inventing_tw():
    k = kinerja_long(wotu_frames()[0])
    assert set(k["triwulan"]) == {4}
    assert k["target_tw"].isna().all() and k["realisasi_tw"].isna().all()
    assert k["capaian_tw_persen"].isna().all()
    # Wotu sinergitas: 11 of 12 laporan = 91,67 % (annual target is the s/d TW IV target)
    row = one(k, kunci="P04.K1.S1")
    assert (row["target_sd"], row["realisasi_sd"]) == (12, 11)
    assert round(row["capaian_sd_persen"], 2) == 91.67
    assert round(row["capaian_tahunan_persen"], 2) == 91.67
    assert row["kategori"] == "ST"
    assert row["capaian_sd_dilaporkan"] == 91.67


def test_kinerja_quarter_alone_and_to_date():
    k = kinerja_long(kalaena_frames())
    adm = k[k["kunci"] == "P01.K5"].set_index("triwulan")
    assert adm["agregasi"].eq("rata_rata").all()  # unit %
    assert adm["capaian_tw_persen"].tolist() == [150, 250, 150, 67]  # not capped
    assert adm.loc[4, "realisasi_sd"] == pytest.approx((150 + 250 + 150 + 67) / 4)
    assert adm.loc[1, "capaian_tw_dilaporkan"] == 75

    bimtek = k[k["kunci"] == "P01.K5.S2"].set_index("triwulan")
    assert list(bimtek.index) == [1, 2]  # nothing given for TW III-IV: no rows invented
    assert np.isnan(bimtek.loc[2, "capaian_tw_persen"])  # target 0 -> no capaian
    assert bimtek.loc[2, "target_sd"] == 2 and bimtek.loc[2, "realisasi_sd"] == 5
    assert bimtek.loc[2, "capaian_sd_persen"] == 250
    assert bimtek.loc[2, "capaian_tahunan_persen"] == pytest.approx(5 / 8 * 100)

    retribusi = k[k["kunci"] == "P01.K4.S1"].set_index("triwulan")
    assert retribusi["target_sd"].tolist() == [3, 3, 3, 3]
    assert retribusi["capaian_sd_persen"].tolist() == [0, 0, 0, 0]
    assert retribusi["kategori"].eq("SR").all()
    # the form's KET of no quarter is the note of the latest quarter reported (TW IV),
    # not copied back into TW I-III
    assert retribusi.loc[4, "keterangan"].startswith("disebabkan")
    assert retribusi.loc[[1, 2, 3], "keterangan"].isna().all()

    pendataan = k[k["kunci"] == "P01.K5.S1"].set_index("triwulan")
    assert pendataan["agregasi"].eq("jumlah").all()
    assert pendataan.loc[1, "keterangan"] == "Dokumen administrasi kepegawaian Triwulan I"
    assert pendataan["capaian_sd_persen"].tolist() == [100, 100, 100, 100]


def test_quarter_with_only_a_note_is_kept_with_its_note_verbatim():
    note = (
        "Tim dari kecamatan sudah melakukan monev Dana BKK ke 7 desa dan sampai saat ini "
        "Desa Argomulyo belum melakukan pencairan."
    )
    w = kinerja_wide(
        [
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "a",
                "indikator": "Jumlah laporan",
                "satuan": "Desa",
                "target_tahunan": 7.0,
                "target_tw1": 7.0,
                "realisasi_tw1": 7.0,
                "keterangan_tw2": note,
            },
            {"kecamatan": "X", "tahun": 2024, "kunci": "b", "keterangan_tw3": "catatan saja"},
        ]
    )
    k = kinerja_long(w)
    a = k[k["kunci"] == "a"].set_index("triwulan")
    assert list(a.index) == [1, 2]  # TW II gave only its KET: the quarter is there
    assert a.loc[2, "keterangan"] == note
    assert np.isnan(a.loc[2, "realisasi_tw"]) and a.loc[2, "target_sd"] == 7
    # the quarter is reported (by its note): the realisasi to date carries into it
    assert a.loc[2, "realisasi_sd"] == 7 and a.loc[2, "capaian_sd_persen"] == 100
    assert "b" not in set(k["kunci"])  # a note with no indicator figures at all: no rows


def test_indicator_with_nothing_yields_no_rows_and_akhir_default():
    w = kinerja_wide(
        [
            {"kecamatan": "X", "tahun": 2024, "kunci": "a", "indikator": "Jumlah x"},
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "b",
                "indikator": "Indeks Kepuasan Masyarakat",
                "target_tw2": 80.0,
                "realisasi_tw2": 84.73,
                "target_tw4": 80.1,
                "realisasi_tw4": 82.0,
            },
        ]
    )
    k = kinerja_long(w)
    assert set(k["kunci"]) == {"b"}
    ikm = k.set_index("triwulan")
    assert ikm["agregasi"].eq("akhir").all()
    assert list(ikm.index) == [2, 4]  # TW III gives nothing: no row
    assert ikm.loc[4, "realisasi_sd"] == 82.0  # the latest value, not a sum
    assert ikm.loc[4, "capaian_sd_persen"] == pytest.approx(82 / 80.1 * 100)


def test_negative_indicator_above_twice_target_in_table():
    w = kinerja_wide(
        [
            {
                "kecamatan": "Towuti",
                "tahun": 2024,
                "kunci": "kasus",
                "polaritas": "negatif",
                "indikator": "Jumlah kasus ketentraman",
                "target_tw1": 1.0,
                "realisasi_tw1": 3.0,
            }
        ]
    )
    row = kinerja_long(w).iloc[0]
    assert row["capaian_tw_persen"] == 0 and row["kategori"] == "SR"


# --- anggaran long -----------------------------------------------------------------------------


def test_anggaran_serapan_seed_figures():
    a = anggaran_long(wotu_frames()[1])
    dpa = one(a, kunci="P01.K1.S3")
    assert round(dpa["serapan_kas_persen"], 2) == 44.81  # 3.114.000 / 6.949.850
    assert dpa["kategori_serapan"] == "SR"
    prog = one(a, kunci="P01")
    assert round(prog["serapan_kas_persen"], 2) == 97.46  # 3.056.331.499 / 3.135.828.551
    assert round(prog["serapan_pagu_persen"], 2) == 97.46
    assert prog["serapan_dilaporkan"] == 97.46


def test_anggaran_quarters_and_pagu_only_rows():
    w = anggaran_wide(
        [
            {
                "kecamatan": "Kalaena",
                "tahun": 2025,
                "kunci": "s1",
                "tingkat": "sub_kegiatan",
                "pagu": 6_403_000.0,
                "anggaran_tw1": 423_300.0,
                "realisasi_anggaran_tw1": 423_300.0,
                "anggaran_tw2": 4_726_450.0,
            },
            {
                "kecamatan": "Kalaena",
                "tahun": 2025,
                "kunci": "s2",
                "tingkat": "sub_kegiatan",
                "pagu": 1_000_000.0,
            },
        ]
    )  # seed 003: rencana aksi per TW with budget per TW
    a = anggaran_long(w)
    s1 = a[a["kunci"] == "s1"].set_index("triwulan")
    assert list(s1.index) == [1, 2]
    assert s1.loc[1, "serapan_kas_persen"] == 100
    assert s1.loc[2, "anggaran_sd"] == 423_300 + 4_726_450
    # TW II is planned but not reported yet: no realisasi to date, no serapan.
    assert np.isnan(s1.loc[2, "realisasi_anggaran_sd"])
    assert np.isnan(s1.loc[2, "serapan_kas_persen"])
    s2 = a[a["kunci"] == "s2"]
    assert s2["triwulan"].tolist() == [2]  # the latest quarter the kecamatan-year reports
    assert np.isnan(s2["serapan_pagu_persen"].iloc[0])


# --- ringkasan -----------------------------------------------------------------------------------


def test_ringkasan_wotu_rollup(wotu):
    r = wotu["ringkasan"]
    assert set(r["tingkat"]) == {"sub_kegiatan", "kegiatan", "program", "kecamatan"}
    # Program 04: kegiatan 87,50 (mean of 91,67 and 83,33) and 100 -> 93,75, as printed.
    assert round(one(r, kunci="P04.K1")["capaian_persen"], 2) == 87.50
    assert round(one(r, kunci="P04")["capaian_persen"], 2) == 93.75
    # Program 01 money is the sum of its kegiatan, each the sum of its sub kegiatan:
    # realisasi 3.056.331.499 = the printed program row (97,46 %). The narrative's
    # "Rp. 3.086.929.450,- atau 98,44%" is the sum of the *printed* kegiatan rows, off
    # by Administrasi Keuangan's misprinted realisasi (flagged in pemeriksaan).
    p01 = one(r, kunci="P01")
    assert p01["realisasi_anggaran_sd"] == 3_056_331_499
    assert round(p01["serapan_persen"], 2) == 97.46
    assert p01["pagu"] == 3_135_828_551 - 5  # Tabel 2.8 gaji 2.092.264.064, not ...069
    assert p01["kunci_induk"] == "Wotu"
    assert p01["jumlah_indikator"] == 24  # 25 sub kegiatan, one with target 0
    # A sub kegiatan with target 0 has no capaian and does not pull its kegiatan down.
    assert np.isnan(one(r, kunci="P01.K7.S1")["capaian_persen"])
    assert one(r, kunci="P01.K7")["capaian_persen"] == 100
    kec = one(r, tingkat="kecamatan")
    assert pd.isna(kec["kunci_induk"]) and kec["kunci"] == "Wotu"
    # The kecamatan adds up to Tabel 3.4's TOTAL BELANJA: 3.220.479.399 of 3.308.672.275.
    assert kec["anggaran_sd"] == 3_308_672_275
    assert kec["realisasi_anggaran_sd"] == 3_220_479_399
    assert round(kec["serapan_persen"], 2) == 97.33
    assert round(kec["capaian_persen"], 2) == 97.11  # printed 95,91 (pemeriksaan)


def test_ringkasan_efficiency_and_kuadran(wotu):
    r = wotu["ringkasan"]
    dpa = one(r, kunci="P01.K1.S3")  # K 100, A 44,81
    assert dpa["indeks_efisiensi"] == pytest.approx(100 / (3_114_000 / 6_949_850 * 100))
    assert dpa["efisiensi_persen"] == pytest.approx((1 - 3_114_000 / 6_949_850) * 100)
    assert dpa["nilai_efisiensi"] == 100 and dpa["kuadran"] == "hemat"
    retribusi = one(r, kunci="P01.K4.S1")  # K 0: efficiency undefined
    assert np.isnan(retribusi["efisiensi_persen"]) and np.isnan(retribusi["nilai_efisiensi"])
    assert retribusi["kuadran"] == "boros" and retribusi["kategori"] == "SR"


def test_kegiatan_without_sub_kegiatan_uses_its_own_indicator():
    kw = kinerja_wide(
        [
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "P1",
                "kunci_program": "P1",
                "tingkat": "program",
                "indikator": "Persentase program",
                "target_sd_tw4": 100.0,
                "realisasi_sd_tw4": 10.0,
            },
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "K1",
                "kunci_program": "P1",
                "kunci_kegiatan": "K1",
                "tingkat": "kegiatan",
                "indikator": "Jumlah laporan",
                "target_tw4": 4.0,
                "realisasi_tw4": 3.0,
            },
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "K2",
                "kunci_program": "P1",
                "kunci_kegiatan": "K2",
                "tingkat": "kegiatan",
                "indikator": "Jumlah dokumen",
                "target_tw4": 2.0,
                "realisasi_tw4": 1.0,
            },
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "S1",
                "kunci_program": "P1",
                "kunci_kegiatan": "K2",
                "tingkat": "sub_kegiatan",
                "indikator": "Jumlah x",
                "target_tw4": 2.0,
                "realisasi_tw4": 2.0,
            },
        ]
    )
    k = kinerja_long(kw)
    r = ringkasan(k, anggaran_long(None))
    assert one(r, kunci="K1")["capaian_persen"] == 75  # no sub kegiatan: its own indicator
    assert one(r, kunci="K2")["capaian_persen"] == 100  # roll-up of S1, not its own 50
    assert one(r, kunci="P1")["capaian_persen"] == 87.5  # mean of kegiatan, not its own 10
    assert one(k, kunci="P1")["capaian_sd_persen"] == 10  # kinerja keeps the own figure
    # capaian_program = "indikator_program": the program's own indicator where it has one
    own = ringkasan(k, anggaran_long(None), Settings(capaian_program="indikator_program"))
    assert one(own, kunci="P1")["capaian_persen"] == 10
    assert one(own, kunci="K2")["capaian_persen"] == 100  # kegiatan: still its sub kegiatan
    with pytest.raises(ValueError, match="capaian_program"):
        Settings(capaian_program="rata_rata")


def test_parent_known_only_through_children_and_rekening_not_rolled_up():
    aw = anggaran_wide(
        [
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "S1",
                "kunci_program": "P1",
                "kunci_kegiatan": "K1",
                "tingkat": "sub_kegiatan",
                "pagu": 100.0,
                "anggaran_sd_tw4": 100.0,
                "realisasi_anggaran_sd_tw4": 90.0,
            },
            {
                "kecamatan": "X",
                "tahun": 2024,
                "kunci": "R1",
                "kunci_program": "P1",
                "kunci_kegiatan": "K1",
                "tingkat": "rekening",
                "pagu": 60.0,
                "anggaran_sd_tw4": 60.0,
                "realisasi_anggaran_sd_tw4": 60.0,
            },
        ]
    )
    r = ringkasan(kinerja_long(None), anggaran_long(aw))
    assert set(r["tingkat"]) == {"sub_kegiatan", "kegiatan", "program", "kecamatan"}
    assert "R1" not in set(r["kunci"])
    assert one(r, kunci="K1")["pagu"] == 100 and one(r, kunci="K1")["kunci_induk"] == "P1"
    assert one(r, tingkat="kecamatan")["serapan_persen"] == 90


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 6),
    target=st.floats(1, 1000),
    share=st.floats(0, 2),
    kas=st.floats(1, 1e9),
    spent=st.floats(0, 1.5),
)
def test_rollup_of_identical_children_equals_the_child(n, target, share, kas, spent):
    ident = {"kecamatan": "X", "tahun": 2024, "kunci_program": "P", "kunci_kegiatan": "K"}
    kin, ang = [], []
    for i in range(n):
        row = {**ident, "kunci": f"S{i}", "tingkat": "sub_kegiatan"}
        kin.append(
            {**row, "indikator": "Jumlah x", "target_tw1": target, "realisasi_tw1": target * share}
        )
        ang.append({**row, "anggaran_tw1": kas, "realisasi_anggaran_tw1": kas * spent})
    r = ringkasan(kinerja_long(kinerja_wide(kin)), anggaran_long(anggaran_wide(ang)))
    child = r[r["tingkat"] == "sub_kegiatan"].iloc[0]
    for level in ("kegiatan", "program", "kecamatan"):
        parent = one(r, tingkat=level)
        assert parent["capaian_persen"] == pytest.approx(child["capaian_persen"])
        assert parent["serapan_persen"] == pytest.approx(child["serapan_persen"])
        assert parent["kuadran"] == child["kuadran"] or pd.isna(child["kuadran"])


# --- iku and tren ---------------------------------------------------------------------


def wotu_iku() -> pd.DataFrame:
    # Seed 004 Tabel 3.2: IKM target/realisasi 2021..2024; Tabel 3.1 prints 97,81 and 95,85.
    rows = [
        (2021, 77, 89.27, NAN),
        (2022, 78, 90.65, NAN),
        (2023, 80, 78.25, 97.81),
        (2024, 82, 78.60, 95.85),
    ]
    return iku_raw(
        [
            {
                "kecamatan": "Wotu",
                "tahun": y,
                "indikator": "Indeks Kepuasan Masyarakat",
                "satuan": "Nilai",
                "target": float(t),
                "realisasi": r,
                "capaian_dilaporkan": c,
                "sumber": "004:Tabel 3.2",
            }
            for y, t, r, c in rows
        ]
    )


def test_iku_table_seed_figures():
    iku = iku_table(wotu_iku())
    assert iku["capaian_persen"].round(2).tolist() == [115.94, 116.22, 97.81, 95.85]
    assert iku["kategori"].tolist() == ["ST"] * 4
    assert iku["triwulan"].isna().all()
    towuti = iku_table(
        iku_raw(
            [
                {
                    "kecamatan": "Towuti",
                    "tahun": 2024,
                    "indikator": "IKM",
                    "target": 80.1,
                    "realisasi": 84.73,
                }
            ]
        )
    )
    assert round(towuti["capaian_persen"][0], 1) == 105.8


def test_tren_iku_and_across_years():
    iku = iku_table(wotu_iku())
    t = tren(kinerja_long(None), iku)
    assert set(t["jenis"]) == {"iku"}
    y2024 = one(t, tahun=2024)
    assert round(y2024["selisih_poin"], 2) == round(78.60 / 82 * 100 - 78.25 / 80 * 100, 2)
    assert y2024["arah"] == "turun"
    assert pd.isna(one(t, tahun=2021)["arah"])  # no earlier year
    assert one(t, tahun=2022)["arah"] == "tetap"  # +0,28 points, within 1

    kw = kalaena_frames()
    k = kinerja_long(pd.concat([kw, kw.assign(tahun=2025, realisasi_tw1=kw["realisasi_tw1"] + 1)]))
    t = tren(k, iku_table(None))
    yearly = t[(t["jenis"] == "antar_tahun") & (t["kunci"] == "P01.K5.S1") & (t["triwulan"] == 1)]
    assert yearly["tahun"].tolist() == [2024, 2025]
    assert yearly["selisih_poin"].iloc[1] == pytest.approx(4 / 3 * 100 - 100)
    assert yearly["arah"].iloc[1] == "naik"
    qoq = t[(t["jenis"] == "antar_triwulan") & (t["kunci"] == "P01.K5") & (t["tahun"] == 2024)]
    assert qoq["selisih_poin"].tolist()[1:] == [100, -100, -83]
    assert qoq["arah"].tolist()[1:] == ["naik", "turun", "turun"]


# --- gaps ------------------------------------------------------------------------------


def test_find_gaps_wotu(wotu):
    g = find_gaps(wotu["kinerja"], wotu["anggaran"])
    assert g["kunci"].tolist() == ["P01.K4.S1", "P04.K1.S2", "P04.K1.S1"]  # worst first
    retribusi, harmonisasi, sinergitas = (g.iloc[i] for i in range(3))
    assert retribusi["kekurangan_poin"] == 100 and retribusi["kekurangan_satuan"] == 12
    assert harmonisasi["kekurangan_satuan"] == pytest.approx(2)
    assert sinergitas["kekurangan_poin"] == pytest.approx(100 - 11 / 12 * 100)
    assert sinergitas["realisasi_anggaran_sd"] == 4_811_530
    assert round(sinergitas["serapan_kas_persen"], 2) == 78.30
    # Below the Sangat Tinggi band only.
    st_gaps = find_gaps(wotu["kinerja"], wotu["anggaran"], ambang=91)
    assert st_gaps["kunci"].tolist() == ["P01.K4.S1", "P04.K1.S2"]
    assert st_gaps["kekurangan_satuan"].iloc[1] == pytest.approx(12 * 0.91 - 10)
    assert find_gaps(wotu["kinerja"], kecamatan="Kalaena").empty
    assert len(find_gaps(wotu["kinerja"], tahun=[2024], triwulan=4, tingkat="sub_kegiatan")) == 3


def test_find_gaps_notes_and_negative_indicator():
    k = kinerja_long(kalaena_frames())
    g = find_gaps(k, triwulan=4)
    assert g.iloc[0]["kunci"] == "P01.K4.S1"
    assert g.iloc[0]["keterangan"].startswith("disebabkan")
    assert np.isnan(g.iloc[0]["realisasi_anggaran_sd"])  # no budget given
    neg = kinerja_long(
        kinerja_wide(
            [
                {
                    "kecamatan": "T",
                    "tahun": 2024,
                    "kunci": "kasus",
                    "polaritas": "negatif",
                    "indikator": "Jumlah kasus",
                    "target_tw1": 4.0,
                    "realisasi_tw1": 6.0,
                }
            ]
        )
    )
    gap = find_gaps(neg).iloc[0]
    assert gap["capaian_sd_persen"] == 50 and gap["kekurangan_satuan"] == 2  # 2 cases too many


def test_year_end_serapan_from_pagu_when_no_cash_plan_is_printed() -> None:
    """Towuti Tabel III prints pagu and spending s/d TW IV only: Program Penunjang
    3.835.399.910 and 3.400.280.032, printed 88,66 %. At TW IV the cash plan to date is
    the pagu, so serapan_kas exists and matches the printed figure."""
    from metrics_seed_frames import anggaran_wide

    from analysis.metrics.quarters import anggaran_long

    frame = anggaran_wide(
        [
            {
                "kecamatan": "Towuti",
                "tahun": 2024,
                "kode": "01",
                "kunci": "01",
                "kunci_program": "01",
                "tingkat": "program",
                "uraian": "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                "pagu": 3_835_399_910.0,
                "realisasi_anggaran_sd_tw4": 3_400_280_032.0,
                "sumber": "towuti_2024_anggaran.csv:towuti_2024_anggaran:3",
            }
        ]
    )
    out = anggaran_long(frame)
    assert out["triwulan"].tolist() == [4]
    assert np.isnan(out["anggaran_sd"].iloc[0])  # the source printed no cash plan
    assert round(out["serapan_kas_persen"].iloc[0], 2) == 88.66
    assert round(out["serapan_pagu_persen"].iloc[0], 2) == 88.66
    ringkasan = build_tables(kinerja_wide([]), frame, None, None)["ringkasan"]
    program = ringkasan[ringkasan["tingkat"] == "program"]
    assert round(program["serapan_persen"].iloc[0], 2) == 88.66
