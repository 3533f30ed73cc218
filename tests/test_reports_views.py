"""The data behind the reports: selection, headline figures, order, escaping, messages."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HOSTILE_INDIKATOR, HOSTILE_KETERANGAN, HOSTILE_PESAN, HOSTILE_URAIAN
from markupsafe import escape

from analysis.reports import gap_views, loading, overview, views


@pytest.fixture(scope="module")
def data(olahan_kecil: Path) -> loading.Tabel:
    return loading.muat(olahan_kecil)


def test_tersedia_lists_only_reported_quarters(data: loading.Tabel) -> None:
    ada = loading.tersedia(data)
    periods = set(zip(ada["tahun"], ada["triwulan"], strict=True))
    # 2025 is reported up to TW II only: TW III and IV rows carry targets, no realisasi.
    assert periods == {(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2)}
    assert set(ada["kecamatan"]) == {"Wotu", "Tomoni Timur"}


def test_missing_quarter_is_a_clear_message(data: loading.Tabel) -> None:
    with pytest.raises(loading.DataTidakAda) as info:
        loading.pastikan_ada(data, "Wotu", 2025, 3)
    message = str(info.value)
    assert "Wotu" in message and "Triwulan III" in message and "2025 TW II" in message


def test_unknown_kecamatan_lists_those_with_data(data: loading.Tabel) -> None:
    with pytest.raises(loading.DataTidakAda, match="Tomoni Timur, Wotu"):
        loading.pastikan_ada(data, "Malili", 2024, 4)


def test_missing_period_for_overview(data: loading.Tabel) -> None:
    loading.pastikan_periode(data, 2024, 4)
    with pytest.raises(loading.DataTidakAda, match="2024 TW IV"):
        loading.pastikan_periode(data, 2023, 4)


def test_headline_matches_the_tables(data: loading.Tabel) -> None:
    a = views.angka_utama(data, "Wotu", 2024, 4)
    r = data.ringkasan
    row = r[(r["kecamatan"] == "Wotu") & (r["tahun"] == 2024) & (r["triwulan"] == 4)]
    row = row[row["tingkat"] == "kecamatan"].iloc[0]
    assert a["capaian"] == pytest.approx(row["capaian_persen"])
    assert a["serapan"] == pytest.approx(row["serapan_persen"])
    assert a["kategori"] == row["kategori"]
    k = data.kinerja
    k = k[(k["kecamatan"] == "Wotu") & (k["tahun"] == 2024) & (k["triwulan"] == 4)]
    assert a["tertinggal"] == int((k["capaian_sd_persen"] < 100).sum())
    assert a["indikator"] == int(k["capaian_sd_persen"].notna().sum())


def test_kartu_prints_indonesian_numbers(data: loading.Tabel) -> None:
    a = views.angka_utama(data, "Wotu", 2024, 4)
    cards = views.kartu_utama(data, "Wotu", 2024, 4)
    capaian = f"{a['capaian']:.2f}".replace(".", ",") + "%"
    assert capaian in cards
    assert "Rp " in cards and "s/d TW IV" in cards


def test_tabel_kinerja_is_in_hierarchy_order(data: loading.Tabel) -> None:
    t = views.tabel_kinerja(data, "Wotu", 2024, 4)
    assert list(t["tingkat"]) == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan"] * 2
    programs = t.loc[t["tingkat"] == "program", "kode"].tolist()
    assert programs == ["7.01.01", "7.01.02"]
    # every row sits under the program above it: codes run in order
    assert t["kode"].tolist() == sorted(t["kode"].tolist())
    # the node's serapan is the roll-up's, against the cash plan
    leaf = t[t["tingkat"] == "sub_kegiatan"].iloc[0]
    assert leaf["serapan_persen"] == pytest.approx(
        leaf["realisasi_anggaran_sd"] / leaf["anggaran_sd"] * 100
    )


def test_hierarchy_is_in_code_order_with_uncoded_nodes_after_their_coded_siblings() -> None:
    from analysis.reports.hierarchy_rows import simpul

    def node(tingkat, kunci, kode, induk):
        return {"kecamatan": "K", "tahun": 2024, "triwulan": 4, "tingkat": tingkat,
                "kunci": kunci, "kode": kode, "kunci_induk": induk, "uraian": kunci}  # fmt: skip

    ring = pd.DataFrame(
        [
            node("program", "7.01.05", "7.01.05", "K"),
            node("sub_kegiatan", "7.01.01.2.02.01", "7.01.01.2.02.01", "7.01.01.2.02"),
            node("program", "7.01.01", "7.01.01", "K"),
            node("sub_kegiatan", "sub:x", None, "7.01.01"),
            node("kegiatan", "7.01.01.2.02", "7.01.01.2.02", "7.01.01"),
            node("kegiatan", "7.01.01.2.01", "7.01.01.2.01", "7.01.01"),
            node("sub_kegiatan", "7.01.05.2.01.08", "7.01.05.2.01.08", "7.01.05.2.01"),
            node("kegiatan", "7.01.05.2.01", "7.01.05.2.01", "7.01.05"),
        ]
    )
    seen = ring[["kecamatan", "tahun", "triwulan", "tingkat", "kunci"]].iloc[:0]
    out = simpul(ring, seen, seen, "K", 2024, 4)
    assert out["kunci"].tolist() == [
        "7.01.01", "7.01.01.2.01", "7.01.01.2.02", "7.01.01.2.02.01", "sub:x",
        "7.01.05", "7.01.05.2.01", "7.01.05.2.01.08",
    ]  # fmt: skip
    # nothing in kinerja/anggaran names them: each is marked as completed
    assert set(out["sumber_simpul"]) == {"dilengkapi"}


def test_every_fragment_escapes_hostile_text(data: loading.Tabel) -> None:
    fragments = [
        views.tabel_kinerja_html(data, "Wotu", 2024, 4),
        gap_views.temuan_html(gap_views.temuan(data, "Wotu", 2024, 4)),
        overview.peringkat_html(overview.peringkat(data, 2024, 4)),
    ]
    gaps = gap_views.daftar_kesenjangan(data, "Wotu", 2024, 4)
    fragments.append(gap_views.kesenjangan_html(gaps))
    joined = "\n".join(fragments)
    for hostile in (HOSTILE_URAIAN, HOSTILE_INDIKATOR, HOSTILE_KETERANGAN, HOSTILE_PESAN):
        assert hostile not in joined
    assert str(escape(HOSTILE_URAIAN)) in joined
    assert str(escape(HOSTILE_PESAN)) in joined
    assert HOSTILE_KETERANGAN in html.unescape(joined)
    assert "<script" not in joined and "<iframe" not in joined and "<img" not in joined
    assert 'href="javascript' not in joined


def test_gap_list_is_worst_first_and_below_threshold(data: loading.Tabel) -> None:
    gaps = gap_views.daftar_kesenjangan(data, "Wotu", 2024, 4)
    assert (gaps["capaian_sd_persen"] < 100).all()
    assert gaps["capaian_sd_persen"].is_monotonic_increasing
    strict = gap_views.daftar_kesenjangan(data, "Wotu", 2024, 4, ambang=70)
    assert len(strict) <= len(gaps)
    assert (strict["capaian_sd_persen"] < 70).all()


def test_findings_of_the_whole_year_appear_in_each_quarter(data: loading.Tabel) -> None:
    for q in (1, 4):
        f = gap_views.temuan(data, "Wotu", 2024, q)
        assert f["kolom"].tolist() == ["pagu"]
    text = gap_views.temuan_html(gap_views.temuan(data, "Wotu", 2024, 4))
    assert "jumlah pagu sub kegiatan" in text  # the plain-Indonesian explanation
    assert "81.000.000" in text and "80.000.000" in text


def test_overview_inputs(data: loading.Tabel) -> None:
    ranking = overview.peringkat(data, 2024, 4)
    assert ranking["peringkat"].tolist() == [1, 2]
    assert ranking["capaian_persen"].is_monotonic_decreasing
    matrix = overview.matriks_program(data, 2024, 4)
    assert matrix.shape == (2, 2)
    assert list(matrix.columns) == ["Program Pelayanan 1", "Program Pelayanan 2"]
    counts = overview.distribusi_kategori(data, 2024, 4)
    k = data.kinerja
    k = k[(k["tahun"] == 2024) & (k["triwulan"] == 4) & k["kategori"].notna()]
    assert counts.to_numpy().sum() == len(k)


def test_last_year_comparison_and_iku_history(data: loading.Tabel) -> None:
    both = views.banding_tahun_lalu(data, "Wotu", 2025, 2)
    assert set(both["tahun"]) == {2024, 2025}
    assert views.banding_tahun_lalu(data, "Wotu", 2024, 2).empty
    iku = views.riwayat_iku(data, "Wotu", 2024, 4)
    assert iku["tahun"].max() == 2024
    assert set(iku["indikator"]) == {"Indeks Kepuasan Masyarakat", "Nilai LAKIP"}


def test_daftar_laporan_covers_every_available_report(data: loading.Tabel) -> None:
    listing = overview.daftar_laporan(data)
    assert len(listing) == len(loading.tersedia(data))
    assert listing["capaian_persen"].notna().all()


def test_infinite_values_are_refused_with_their_place(olahan_kecil: Path, tmp_path: Path) -> None:
    folder = tmp_path / "olahan"
    shutil.copytree(olahan_kecil, folder)
    r = pd.read_parquet(folder / "ringkasan.parquet")
    r.loc[r["kecamatan"] == "Wotu", "capaian_persen"] = np.inf
    r.to_parquet(folder / "ringkasan.parquet", index=False)
    data = loading.muat(folder)
    loading.pastikan_ada(data, "Tomoni Timur", 2024, 4)
    with pytest.raises(loading.DataRusak, match=r"ringkasan\.capaian_persen"):
        loading.pastikan_ada(data, "Wotu", 2024, 4)


def test_missing_table_names_the_file_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="python -m analysis ingest"):
        loading.muat(tmp_path)


def test_every_finding_kind_has_a_plain_explanation() -> None:
    """Each ``jenis`` the package can write is explained in Indonesian in the reports."""
    import re

    root = Path(__file__).resolve().parents[1] / "src" / "analysis"
    written: set[str] = set()
    for source in sorted(root.rglob("*.py")):  # every module that may raise a finding
        if "reports" in source.relative_to(root).parts:
            continue  # the report stage writes no finding (its "jenis" are job kinds)
        text = source.read_text(encoding="utf-8")
        written |= set(re.findall(r'jenis="([a-z_]+)"', text))
        written |= set(re.findall(r'"jenis": "([a-z_]+)"', text))
        written |= set(re.findall(r'"([a-z]+(?:_[a-z]+)*_(?:berbeda|cocok))"', text))
    assert written, "no finding kinds found"
    missing = sorted(written - set(gap_views._PENJELASAN))
    assert not missing, f"finding kinds without an explanation: {missing}"


def test_a_finding_without_figures_prints_no_empty_figures() -> None:
    """A repeated name (``uraian_ganda``) has nothing reported or recomputed: the page says
    its severity, not "Dilaporkan -, dihitung ulang -, selisih -"."""
    import pandas as pd

    from analysis.reports import findings as laporan_temuan
    from analysis.reports.markup import jinja_env

    findings = pd.DataFrame(
        {
            "kecamatan": ["Wotu", "Wotu"],
            "uraian": ["Program A", "Program B"],
            "kode": [None, None],
            "tingkat_keparahan": ["rendah", "tinggi"],
            "kolom": [None, "pagu"],
            "jenis": ["uraian_ganda", "jumlah_anak_berbeda"],
            "pesan": ["uraian tercetak dua kali", "jumlah anak berbeda"],
            "dilaporkan": [None, 1_000.0],
            "dihitung": [None, 900.0],
            "selisih": [None, 100.0],
            "sumber": [None, None],
        }
    )
    groups = laporan_temuan.kelompok_temuan(findings, {})
    html = (
        jinja_env()
        .get_template("fragmen/temuan.html.j2")
        .render(kelompok=groups, satu_kecamatan=True)
    )
    assert "Dilaporkan -" not in html and "Tingkat keparahan rendah." in html
    assert "Dilaporkan 1.000, dihitung ulang 900, selisih 100; tingkat keparahan tinggi." in html


def test_ranking_explains_its_quadrants_hemat_at_year_end_and_missing_serapan() -> None:
    import numpy as np
    import pandas as pd

    def ranking(triwulan: int) -> pd.DataFrame:
        r = pd.DataFrame(
            {
                "peringkat": [1, 2, 3],
                "kecamatan": ["Towuti", "Wotu", "Kalaena"],
                "capaian_persen": [100.0, 97.1, 96.3],
                "kategori": ["ST", "ST", "ST"],
                "serapan_persen": [88.5, 97.3, np.nan],
                "nilai_efisiensi": [78.8, 49.4, np.nan],
                "kuadran": ["hemat", "sesuai rencana", None],
                "pagu": [4.0e9, 3.3e9, 2.6e9],
                "anggaran_sd": [4.0e9, 3.3e9, np.nan],
                "realisasi_anggaran_sd": [3.5e9, 3.2e9, np.nan],
                "tertinggal": [2, 3, 7],
                "indikator": [39, 33, 24],
            }
        )
        r.attrs["triwulan"] = triwulan
        return r

    year_end = str(overview.peringkat_html(ranking(4)))
    assert overview.KUADRAN_ARTI in year_end and overview.HEMAT_AKHIR_TAHUN in year_end
    assert "untuk Kalaena: realisasi anggarannya tidak dilaporkan untuk periode ini." in year_end
    mid_year = str(overview.peringkat_html(ranking(2)))
    assert overview.KUADRAN_ARTI in mid_year and overview.HEMAT_AKHIR_TAHUN not in mid_year


def test_serapan_against_the_pagu_is_marked_with_a_dagger_not_the_printed_figure_mark():
    # "*" marks a printed figure that differs in the workbook and the Word draft; the
    # page's mark for a serapan computed against the pagu must not be the same symbol.
    import pandas as pd

    label = views._serapan_label(pd.Series([88.66, 97.33]), pd.Series([float("nan"), 1.0]))
    assert list(label) == ["88,66% †", "97,33%"]


def test_a_finding_is_titled_by_the_name_without_the_offices_list_dash() -> None:
    # Wotu writes its sub kegiatan as a list ("- Penyediaan Barang Cetak ..."); Tabel 3.4
    # drops the dash, the findings list titled the same row with it.
    import pandas as pd

    from analysis.reports import findings as laporan_temuan

    findings = pd.DataFrame(
        {
            "kecamatan": ["Wotu", "Wotu"],
            "uraian": ["- Penyediaan Barang Cetak dan Penggandaan", None],
            "kode": ["7.01.01.2.06.05", "7.01.01"],
            "tingkat_keparahan": ["tinggi", "rendah"],
            "kolom": ["capaian_persen", None],
            "jenis": ["capaian_berbeda", "uraian_ganda"],
            "pesan": ["x", "y"],
            "dilaporkan": [83.33, None],
            "dihitung": [100.0, None],
            "selisih": [-16.67, None],
            "sumber": [None, None],
        }
    )
    titles = [g["baris"] for g in laporan_temuan.kelompok_temuan(findings, {})]
    assert titles == ["Penyediaan Barang Cetak dan Penggandaan", "7.01.01"]
