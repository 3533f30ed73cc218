"""The gap explorer without a browser: its state functions, page pieces and widget wiring."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import HOSTILE_PESAN, HOSTILE_URAIAN, ROOT

from analysis.reports import explorer, gap_views, loading, markup
from analysis.reports import explorer_render as tampil
from analysis.reports import explorer_state as st

KOLOM_METODE = ["capaian_sd_dilaporkan", "teks_capaian", "teks_rata_rata"]
"""Columns the gap state adds for the two tabs' one value per quantity (explorer_metode)."""


def _ada(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["kecamatan", "tahun", "triwulan"])


# Three offices: Wotu early with 2025 TW I alone, Burau only 2024 TW IV.
ADA = _ada(
    [
        ("Wotu", 2024, 3),
        ("Wotu", 2024, 4),
        ("Wotu", 2025, 1),
        ("Malili", 2023, 4),
        ("Malili", 2024, 3),
        ("Malili", 2024, 4),
        ("Burau", 2024, 4),
    ]
)


# --- periods ------------------------------------------------------------------------------


def test_periods_follow_the_kecamatan() -> None:
    assert st.daftar_tahun(ADA, "Burau") == [2024]
    assert st.daftar_triwulan(ADA, "Burau", 2024) == [4]
    assert st.daftar_tahun(ADA, "Malili") == [2023, 2024]
    assert st.daftar_triwulan(ADA, "Wotu", 2025) == [1]
    assert st.daftar_tahun(ADA, st.SEMUA) == [2023, 2024, 2025]
    assert st.daftar_triwulan(ADA, st.SEMUA, 2024) == [3, 4]
    assert st.daftar_triwulan(ADA, "Burau", 2025) == []


def test_opens_on_latest_quarter_most_kecamatan_reported() -> None:
    # 2025 TW I is the latest but only Wotu reported it; 2024 TW IV has all three.
    assert st.periode_awal(ADA) == (2024, 4)
    # On a tie the later quarter wins.
    tie = _ada([("A", 2024, 1), ("B", 2024, 1), ("A", 2024, 2), ("B", 2024, 2), ("A", 2024, 3)])
    assert st.periode_awal(tie) == (2024, 2)
    with pytest.raises(loading.DataTidakAda):
        st.periode_awal(ADA.iloc[0:0])


@pytest.mark.parametrize(
    ("kecamatan", "tahun", "triwulan", "expected"),
    [
        ("Wotu", 2024, 4, (2024, 4)),  # reported: kept
        ("Burau", 2024, 3, (2024, 4)),  # same year, latest quarter it reported
        ("Burau", 2025, 1, (2024, 4)),  # year not reported: its latest quarter
        ("Malili", 2025, 1, (2024, 4)),
        (st.SEMUA, 2023, 4, (2023, 4)),
        ("Towuti", 2024, 4, (0, 0)),  # reported nothing
    ],
)
def test_period_after_a_change(kecamatan, tahun, triwulan, expected) -> None:
    assert st.sesuaikan_periode(ADA, kecamatan, tahun, triwulan) == expected


# --- title and messages ------------------------------------------------------------------------


def test_title_names_kecamatan_period_level_and_threshold() -> None:
    assert st.judul("Wotu", 2024, 4, "sub_kegiatan", 90) == (
        "Indikator dengan capaian di bawah 90%: Kecamatan Wotu, s/d TW IV 2024, "
        "tingkat Sub Kegiatan"
    )
    assert st.judul("", 2025, 1, "", 100.0).endswith(
        "semua kecamatan, s/d TW I 2025, semua tingkat"
    )
    assert "di bawah 75,5%" in st.judul("", 2025, 1, "", 75.5)


@pytest.mark.parametrize(
    ("dinilai", "di_bawah_ambang", "di_bawah_target", "jenis"),
    [
        (0, 0, 0, st.TIDAK_ADA_DATA),
        (10, 3, 5, st.ADA),
        (10, 0, 5, st.TIDAK_DI_BAWAH_AMBANG),  # below 100 % but above a lower threshold
        (10, 0, 0, st.SEMUA_TERCAPAI),
    ],
)
def test_state_choice(dinilai, di_bawah_ambang, di_bawah_target, jenis) -> None:
    assert st.jenis_keadaan(dinilai, di_bawah_ambang, di_bawah_target) == jenis


def test_messages_say_what_is_true() -> None:
    none = st.pesan_keadaan(st.TIDAK_ADA_DATA, "Wotu", 2025, 1, "program", 100, 0, 0)
    assert none is not None
    assert none.startswith("Tidak ada data untuk Kecamatan Wotu pada Triwulan I 2025")
    assert "tingkat Program" in none
    assert "tercapai" not in none
    above = st.pesan_keadaan(st.TIDAK_DI_BAWAH_AMBANG, "", 2024, 4, "", 60, 12, 5)
    assert above is not None
    assert above.startswith("Tidak ada indikator di bawah 60%")
    assert "5 dari 12 indikator masih di bawah 100%" in above
    assert "semua target tercapai" not in above
    met = st.pesan_keadaan(st.SEMUA_TERCAPAI, "", 2024, 4, "", 100, 12, 0)
    assert met is not None
    assert "semua target tercapai" in met
    assert st.pesan_keadaan(st.ADA, "", 2024, 4, "", 100, 12, 5) is None


# --- the state on a known dataset -----------------------------------------------------------------


@pytest.fixture(scope="module")
def data(olahan_kecil: Path) -> loading.Tabel:
    return loading.muat(olahan_kecil)


def test_state_counts_and_list_match_the_package(data: loading.Tabel) -> None:
    k = st.keadaan(data, "Wotu", 2024, 4, "", 100)
    rows = data.kinerja[
        (data.kinerja["kecamatan"] == "Wotu")
        & (data.kinerja["tahun"] == 2024)
        & (data.kinerja["triwulan"] == 4)
    ]
    assert k.dinilai == int(rows["capaian_sd_persen"].notna().sum()) > 0
    assert k.di_bawah_target == int((rows["capaian_sd_persen"] < 100).sum())
    expected = gap_views.daftar_kesenjangan(data, "Wotu", 2024, 4, None, 100)
    pd.testing.assert_frame_equal(k.kesenjangan.drop(columns=["temuan", *KOLOM_METODE]), expected)
    assert k.judul == st.judul("Wotu", 2024, 4, "", 100)


def test_each_state_is_reached_on_real_rows(data: loading.Tabel) -> None:
    # 2025 TW III is not reported (targets only): no data.
    assert st.keadaan(data, "Wotu", 2025, 3).jenis == st.TIDAK_ADA_DATA
    k = st.keadaan(data, "Wotu", 2024, 4)
    assert k.jenis == st.ADA and k.jumlah > 0
    low = float(k.kesenjangan["capaian_sd_persen"].min())
    below = st.keadaan(data, "Wotu", 2024, 4, "", low - 0.01)
    assert below.jenis == st.TIDAK_DI_BAWAH_AMBANG
    assert below.di_bawah_target == k.di_bawah_target > 0
    keys = ["kecamatan", "tahun", "triwulan", "tingkat"]
    lowest = data.kinerja.groupby(keys)["capaian_sd_persen"].min().dropna()
    met = lowest[lowest >= 100]
    assert len(met) > 0  # e.g. Wotu 2024 TW I, kegiatan
    for kec, tahun, q, tingkat in met.index:
        assert st.keadaan(data, kec, tahun, q, tingkat, 100).jenis == st.SEMUA_TERCAPAI
    for kec, tahun, q, tingkat in lowest[lowest < 100].index:
        assert st.keadaan(data, kec, tahun, q, tingkat, 100).jenis == st.ADA


def test_capped_chart_caption() -> None:
    gaps = pd.DataFrame({"capaian_sd_persen": np.arange(54.0)})
    k = st.Keadaan("", 2024, 4, "", 100.0, "judul", st.ADA, None, 60, 54, gaps)
    assert k.keterangan_grafik == "20 terburuk dari 54"
    k12 = st.Keadaan("", 2024, 4, "", 100.0, "judul", st.ADA, None, 60, 12, gaps.head(12))
    assert k12.keterangan_grafik == "12 indikator"


# --- findings beside indicators ----------------------------------------------------------------


def test_findings_attach_by_code_or_source_row_and_quarter() -> None:
    gaps = pd.DataFrame(
        {
            "kecamatan": ["Wotu", "Wotu", "Wotu", "Burau"],
            "tahun": [2024, 2024, 2024, 2024],
            "triwulan": [4, 4, 4, 4],
            "kode": ["7.01.01.2.01", None, "7.01.02", "7.01.01.2.01"],
            "sumber": ["w.csv:S:5", "w.csv:S:9", "w.csv:S:11", "b.csv:S:5"],
        }
    )
    pem = pd.DataFrame(
        {
            "kecamatan": ["Wotu", "Wotu", "Wotu", "Wotu", None],
            "tahun": pd.array([2024, 2024, 2024, 2023, pd.NA], dtype="Int64"),
            "triwulan": pd.array([4, pd.NA, 3, 4, pd.NA], dtype="Int64"),
            "kode": ["7.01.01.2.01", None, "7.01.02", "7.01.01.2.01", None],
            "sumber": ["w.csv:S:5", "a.csv:S:2 | w.csv:S:9", "w.csv:S:11", "w.csv:S:5", "x"],
            "pesan": ["capaian beda", "serapan beda", "hanya TW III", "tahun lalu", "berkas"],
        }
    )
    marks = st.tandai_temuan(gaps, pem)
    assert marks.tolist() == ["capaian beda", "serapan beda", "", ""]


def test_findings_reach_the_page_escaped(data: loading.Tabel) -> None:
    k = st.keadaan(data, "Wotu", 2024, 4, "", 150)
    assert (k.kesenjangan["temuan"] == HOSTILE_PESAN).any()  # whole-year finding, 7.01.01
    html = tampil.kesenjangan_html(k)
    assert "baris-temuan" in html and "tanda-temuan" in html
    assert "<iframe" not in html and "&lt;iframe" in html
    assert "<script>" not in html


# --- page pieces ---------------------------------------------------------------------------------


def test_css_is_scoped_to_the_explorer() -> None:
    css = (
        "/* x { } */ :root { --a: 1; } body { margin: 0; } * { box-sizing: border-box; }\n"
        "h1, .kartu .nilai { color: red; }\n@media print { h2 { color: blue; } }"
    )
    out = tampil.css_terbatas(css)
    assert ".penjelajah {" in out and "--a: 1" in out
    assert ".penjelajah * {" in out
    assert ".penjelajah h1, .penjelajah .kartu .nilai {" in out
    assert "@media print {\n.penjelajah h2 { color: blue; }" in out
    assert "x { }" not in out and "body" not in out
    real = tampil.gaya()
    rules = [line for line in real.splitlines() if line.endswith("{") or "{" in line]
    assert all(".penjelajah" in r or r.startswith("@") for r in rules if not r.startswith("<"))


def test_downloads_hold_the_current_list(data: loading.Tabel) -> None:
    k = st.keadaan(data, "", 2024, 4, "", 150)
    assert k.jumlah > 0
    raw = tampil.csv_bytes(k.kesenjangan)
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(csv) == k.jumlah
    assert csv["Indikator"].fillna("").tolist() == k.kesenjangan["indikator"].fillna("").tolist()
    # Percentages as the page shows them: two decimals, not 83,33333333333334.
    expected = k.kesenjangan["capaian_sd_persen"].round(2)
    np.testing.assert_allclose(csv["Capaian s/d TW (%)"], expected)
    text = raw.decode("utf-8-sig")
    assert "83,33;" in text and "83,3333" not in text
    assert "sub_kegiatan" not in text and set(csv["Tingkat"]) <= {
        "Program", "Kegiatan", "Sub Kegiatan"
    }  # fmt: skip
    book = pd.read_excel(
        io.BytesIO(tampil.xlsx_bytes(k.kesenjangan, k.judul)), header=2, engine="openpyxl"
    )
    assert len(book) == k.jumlah
    assert HOSTILE_URAIAN in set(book["Uraian"])
    np.testing.assert_allclose(book["Capaian s/d TW (%)"], expected)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(tampil.xlsx_bytes(k.kesenjangan, k.judul))).active
    headers = [c.value for c in sheet[3]]
    cell = sheet.cell(row=4, column=headers.index("Capaian s/d TW (%)") + 1)
    assert cell.number_format == "#,##0.00"  # Excel shows 83,33 in an Indonesian locale
    links = tampil.unduhan_html(k)
    assert 'download="kesenjangan_semua-kecamatan_2024_tw4_semua-tingkat_150.csv"' in links
    assert "data:text/csv;base64," in links and f"data:{tampil.XLSX_MIME};base64," in links


def test_spreadsheet_formulas_are_neutralised() -> None:
    gaps = pd.DataFrame({"uraian": ['=HYPERLINK("http://x")', "-2+3", "Biasa"], "tahun": [1, 2, 3]})
    csv = tampil.csv_bytes(gaps).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "'-2+3" in csv
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(tampil.xlsx_bytes(gaps, "judul"))).active
    headers = [c.value for c in sheet[3]]
    cell = sheet.cell(row=4, column=headers.index("Uraian") + 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# --- kecamatan against kecamatan -----------------------------------------------------------------


def test_comparison_ranks_worst_first_with_trend(data: loading.Tabel) -> None:
    items = st.pilihan_banding(data, "program")
    assert list(items["kunci"]) == ["7.01.01", "7.01.02"]
    assert (items["jumlah"] == 2).all()
    tabel = st.banding(data, "program", "7.01.01", 2024, 4)
    r = data.ringkasan
    now = r[
        (r["tingkat"] == "program")
        & (r["kunci"] == "7.01.01")
        & (r["tahun"] == 2024)
        & (r["triwulan"] == 4)
    ].sort_values("capaian_persen")
    assert tabel["kecamatan"].tolist() == now["kecamatan"].tolist()
    np.testing.assert_allclose(tabel["capaian_persen"], now["capaian_persen"])
    before = r[
        (r["tingkat"] == "program")
        & (r["kunci"] == "7.01.01")
        & (r["tahun"] == 2024)
        & (r["triwulan"] == 3)
    ].set_index("kecamatan")["capaian_persen"]
    for kec, change in zip(tabel["kecamatan"], tabel["perubahan"], strict=True):
        assert change == pytest.approx(
            now.set_index("kecamatan").loc[kec, "capaian_persen"] - before[kec]
        )
    # Capaian s/d TW restarts each year: TW I has no change against last year's TW IV.
    assert st.banding(data, "program", "7.01.01", 2025, 1)["perubahan"].isna().all()
    tren = st.tren_banding(data, "program", "7.01.01")
    assert set(tren["kecamatan"]) == {"Wotu", "Tomoni Timur"}
    assert tren.groupby("kecamatan").size().min() >= 4
    html = tampil.banding_html(tabel, tren, "judul", "tren", st.tanpa_capaian(tren, 2024, 4))
    assert html.count('class="baris-banding"') == 2 and "<svg" in html
    assert "pj-tanpa" not in html  # both offices have a capaian in 2024 TW IV
    # Tomoni Timur without the program in 2024 TW IV: named, not silently dropped.
    less = tren[~((tren["kecamatan"] == "Tomoni Timur") & (tren["tahun"] == 2024))]
    assert st.tanpa_capaian(less, 2024, 4) == ["Tomoni Timur"]
    html = tampil.banding_html(tabel, less, "judul", "tren", st.tanpa_capaian(less, 2024, 4))
    assert "(dilaporkan pada periode lain): Tomoni Timur." in html


# --- the widgets, driven from Python -------------------------------------------------------------


def test_widgets_follow_the_data(olahan_kecil: Path) -> None:
    box = explorer.penjelajah(olahan_kecil)
    gap = box.kesenjangan
    ada = loading.tersedia(loading.muat(olahan_kecil))
    assert (gap.tahun.value, gap.triwulan.value) == st.periode_awal(ada)
    assert st.judul("", gap.tahun.value, gap.triwulan.value, "", 100) in gap.hasil.value
    gap.kecamatan.value = "Wotu"
    assert list(gap.tahun.options) == st.daftar_tahun(ada, "Wotu")
    gap.tahun.value = 2025
    assert [v for _, v in gap.triwulan.options] == st.daftar_triwulan(ada, "Wotu", 2025)
    assert gap.triwulan.value == max(st.daftar_triwulan(ada, "Wotu", 2025))
    gap.tingkat.value = "program"
    gap.ambang.value = "90"
    assert st.judul("Wotu", 2025, gap.triwulan.value, "program", 90) in gap.hasil.value
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="penjelajah"' in bundle["text/html"]
    assert box.banding is None  # built when its tab is first opened
    box.tabs.selected_index = 1
    compare = box.banding
    compare.tingkat.value = "sub_kegiatan"
    assert compare.pilihan.value in set(
        st.pilihan_banding(loading.muat(olahan_kecil), "sub_kegiatan")["kunci"]
    )
    assert "Sub Kegiatan" in compare.hasil.value


def test_processed_folder_from_argument_env_or_project(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(explorer.ENV_PROCESSED, raising=False)
    assert explorer.folder_olahan(tmp_path) == tmp_path
    monkeypatch.chdir(ROOT / "notebooks")
    assert explorer.folder_olahan("") == ROOT / "data" / "processed"
    monkeypatch.setenv(explorer.ENV_PROCESSED, str(tmp_path))
    assert explorer.folder_olahan("") == tmp_path


def test_notebook_is_one_call_and_matches_the_kernel() -> None:
    """JupyterLab rewrites a kernelspec or language_info that differs from the running
    kernel's and marks the notebook modified on opening: both must be the ``python3``
    kernelspec that ``make install`` registers and what ipykernel reports on this Python."""
    from ipykernel.ipkernel import IPythonKernel

    nb = json.loads((ROOT / "notebooks" / "eksplorasi_kesenjangan.ipynb").read_text("utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(len("".join(c["source"]).strip().splitlines()) == 1 for c in code[1:])
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    display = nb["metadata"]["kernelspec"]["display_name"]
    assert f'--name python3 --display-name "{display}"' in makefile
    assert nb["metadata"]["language_info"] == IPythonKernel.language_info


# --- the launcher -----------------------------------------------------------------------------


def test_launcher_serves_locally_with_the_offline_template(tmp_path: Path, capsys) -> None:
    from analysis.reports import dashboard

    command = dashboard.perintah(9123)
    assert "--Voila.ip=127.0.0.1" in command and "--port=9123" in command
    assert "--template=kinerja" in command and "--strip_sources=True" in command
    assert "--VoilaConfiguration.allow_template_override=NO" in command
    # Voila through the package's app (working shutdown call, Host check), idle kernels
    # of closed pages culled, never the kernel of an open page, never another port.
    assert command[1:3] == ["-m", "analysis.reports.voila_app"]
    assert "--MappingKernelManager.cull_idle_timeout=300" in command
    assert "--MappingKernelManager.cull_connected=False" in command
    assert "--Voila.port_retries=0" in command
    short = dashboard.perintah(9123, tutup_kernel=20)
    assert "--MappingKernelManager.cull_idle_timeout=20" in short
    assert "--MappingKernelManager.cull_interval=20" in short
    with pytest.raises(ValueError):
        dashboard.perintah(9123, tutup_kernel=0)
    assert Path(command[3]) == ROOT / "notebooks" / "eksplorasi_kesenjangan.ipynb"
    env = dashboard.lingkungan(tmp_path, base={"JUPYTER_PATH": "/lain"})
    assert env["JUPYTER_PATH"].split(":") == [str(dashboard.VOILA_DIR), "/lain"]
    assert env[explorer.ENV_PROCESSED] == str(tmp_path.resolve())
    template = dashboard.VOILA_DIR / "voila" / "templates" / "kinerja" / "index.html.j2"
    assert "fontawesome" in template.read_text("utf-8")  # the CDN links it removes
    # No processed data: a message saying what to run, exit 2, no server.
    assert dashboard.main(["--processed", str(tmp_path)]) == 2
    assert "python -m analysis ingest" in capsys.readouterr().err


def test_explorer_without_data_says_what_to_run(tmp_path: Path) -> None:
    page = explorer.penjelajah(tmp_path)
    assert "python -m analysis ingest" in page.value
    assert 'class="pesan-kosong"' in page.value


def test_parameters_open_where_asked(olahan_kecil: Path) -> None:
    ada = loading.tersedia(loading.muat(olahan_kecil))
    gap = explorer.penjelajah(olahan_kecil, "Wotu", 2024, 0, "kegiatan", 80).kesenjangan
    assert (gap.kecamatan.value, gap.tahun.value) == ("Wotu", 2024)
    assert gap.triwulan.value == max(st.daftar_triwulan(ada, "Wotu", 2024))
    assert (gap.tingkat.value, gap.ambang.value, gap.ambang_nilai) == ("kegiatan", "80", 80.0)
    unknown = explorer.penjelajah(olahan_kecil, "Tidak Ada", 1999, 9, "rekening", 90).kesenjangan
    assert (unknown.kecamatan.value, unknown.tingkat.value) == ("", "")
    assert (unknown.tahun.value, unknown.triwulan.value) == st.sesuaikan_periode(ada, "", 1999, 9)


# --- threshold, damaged tables, offices without data, address, drill-down, trend -------------

from analysis.reports import explorer_rules as aturan  # noqa: E402
from analysis.reports import explorer_tree as rinci  # noqa: E402


@pytest.mark.parametrize(
    ("typed", "value"),
    [("85,5", 85.5), ("85.5", 85.5), ("85", 85.0), (" 85,5 % ", 85.5), ("0", 0.0),
     ("200", 200.0), ("99,25", 99.25), ("100.0", 100.0)],
)  # fmt: skip
def test_threshold_reads_both_decimal_notations(typed: str, value: float) -> None:
    assert aturan.baca_ambang(typed) == value


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("", "kosong"), ("abc", "bukan angka"), ("8 5", "bukan angka"), ("85,5,1", "bukan angka"),
     ("1.000", "tidak jelas"), ("1,000", "tidak jelas"), ("250", "di luar batas"),
     ("-5", "di luar batas"), ("200,01", "di luar batas")],
)  # fmt: skip
def test_threshold_refuses_what_it_cannot_read(typed: str, reason: str) -> None:
    with pytest.raises(aturan.AmbangTidakSah, match=reason):
        aturan.baca_ambang(typed)


def test_threshold_refusal_is_shown_and_nothing_is_clamped(olahan_kecil: Path) -> None:
    gap = explorer.penjelajah(olahan_kecil, alamat="").kesenjangan
    gap.ambang.value = "85,5"
    assert gap.ambang_nilai == 85.5 and "di bawah 85,5%" in gap.hasil.value
    before = gap.hasil.value
    for typed in ("250", "-5", "abc"):
        gap.ambang.value = typed
        assert gap.ambang_nilai == 85.5 and gap.hasil.value == before
        assert "pj-salah" in gap.ambang_pesan.value and "85,5%" in gap.ambang_pesan.value
    gap.ambang.value = "90.5"  # English notation
    assert gap.ambang_nilai == 90.5 and gap.ambang_pesan.value == ""
    assert "di bawah 90,5%" in gap.hasil.value


def _damage(src: Path, dst: Path, table: str, change) -> Path:
    import shutil

    shutil.copytree(src, dst)
    frame = pd.read_parquet(dst / f"{table}.parquet")
    change(frame).to_parquet(dst / f"{table}.parquet")
    return dst


def _text_capaian(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f["capaian_sd_persen"] = f["capaian_sd_persen"].astype("string")  # a text column
    f.loc[f.index[2], "capaian_sd_persen"] = "delapan puluh"
    return f


def _quarter_nine(f: pd.DataFrame) -> pd.DataFrame:
    f = f.copy()
    f.loc[f.index[0], "triwulan"] = 9
    return f


@pytest.mark.parametrize(
    ("table", "change", "words"),
    [
        ("kinerja", _text_capaian, ["tabel kinerja", "kolom capaian_sd_persen",
                                    "'delapan puluh' pada baris 3", "seharusnya angka"]),
        ("ringkasan", _quarter_nine, ["tabel ringkasan", "kolom triwulan", "9",
                                      "triwulan 1 sampai 4"]),
        ("anggaran", lambda f: f.drop(columns="serapan_kas_persen"),
         ["anggaran", "serapan_kas_persen"]),
        ("ringkasan", lambda f: f.assign(capaian_persen=f["capaian_persen"].replace(
            f["capaian_persen"].dropna().iloc[0], float("inf"))),
         ["tabel ringkasan", "kolom capaian_persen", "inf"]),
    ],
)  # fmt: skip
def test_damaged_table_is_a_sentence_naming_table_and_column(
    olahan_kecil: Path, tmp_path: Path, table: str, change, words: list[str]
) -> None:
    folder = _damage(olahan_kecil, tmp_path / "rusak", table, change)
    page = explorer.penjelajah(folder, alamat="")
    assert isinstance(page, explorer._Pesan)
    import html

    for word in words:
        assert word in html.unescape(page.value), page.value
    assert "python -m analysis ingest" in page.value
    assert "There was an error" not in page.value


def test_offices_without_data_are_named(olahan_kecil: Path) -> None:
    data = loading.muat(olahan_kecil)
    ada = loading.tersedia(data)
    terdaftar = aturan.kecamatan_terdaftar(ROOT / "data" / "reference")
    assert len(terdaftar) == 11
    tahun, q = st.periode_awal(ada)
    reported = set(ada.loc[(ada["tahun"] == tahun) & (ada["triwulan"] == q), "kecamatan"])
    belum = aturan.belum_melapor(ada, terdaftar, tahun, q)
    assert set(belum) == (set(terdaftar) | set(ada["kecamatan"])) - reported
    text = aturan.pesan_belum_melapor(belum, len(terdaftar), tahun, q)
    assert text.endswith(", ".join(belum) + ".")
    gap = explorer.penjelajah(olahan_kecil, alamat="").kesenjangan
    assert markup.render("pesan.html.j2", pesan="x") and "Belum ada data" in gap.hasil.value
    for name in belum:
        assert name in gap.hasil.value
    gap.kecamatan.value = sorted(reported)[0]  # a single office's view names them too
    assert "Belum ada data" in gap.hasil.value


def test_view_round_trips_through_the_address(olahan_kecil: Path) -> None:
    view = {"tab": "kesenjangan", "kecamatan": "Tomoni Timur", "tahun": 2024, "triwulan": 4,
            "tingkat": "kegiatan", "ambang": "85,5"}  # fmt: skip
    query = aturan.tulis_alamat(view)
    assert aturan.baca_alamat("?" + query) == {k: str(v) for k, v in view.items()}
    assert aturan.baca_alamat("kecamatan=A&x=1&kecamatan=B") == {"kecamatan": "B"}
    box = explorer.penjelajah(olahan_kecil, alamat=query)
    gap = box.kesenjangan
    assert (gap.kecamatan.value, gap.tingkat.value, gap.ambang_nilai) == (
        "Tomoni Timur", "kegiatan", 85.5
    )  # fmt: skip
    gap.tingkat.value = "program"
    shown = aturan.baca_alamat(box.children[1].value.split('data-alamat="')[1].split('"')[0]
                               .replace("&amp;", "&"))  # fmt: skip
    assert shown["tingkat"] == "program" and shown["kecamatan"] == "Tomoni Timur"
    bad = explorer.penjelajah(olahan_kecil, alamat="ambang=250&tahun=x").kesenjangan
    assert bad.ambang_nilai == 100.0 and "di luar batas" in bad.ambang_pesan.value
    opened = explorer.penjelajah(olahan_kecil, alamat="tab=antar&banding=kegiatan")
    assert opened.tabs.selected_index == 1 and opened.banding.tingkat.value == "kegiatan"


def test_drill_down_holds_every_row_under_its_parent(olahan_kecil: Path) -> None:
    data = loading.muat(olahan_kecil)
    rows = rinci.simpul(data, "", 2024, 4)
    tree = rinci.pohon(rows)

    def walk(node, parent_level):
        level = node.get("tingkat", "kecamatan")
        order = ["-", "kecamatan", "program", "kegiatan", "sub_kegiatan"]
        assert order.index(level) > order.index(parent_level)
        return 1 + sum(walk(c, level) for c in node["anak"])

    assert sum(walk(k, "-") - 1 for k in tree) == len(rows)  # every row once
    assert {k["kecamatan"] for k in tree} == set(rows["kecamatan"])
    labels = dict(zip(rows["tingkat"], rows["label_capaian"], strict=False))
    assert labels.get("program") == "Capaian (rata-rata kegiatan)"
    box = explorer.penjelajah(olahan_kecil, alamat="tab=rincian&tahun=2024&triwulan=4")
    assert box.tabs.selected_index == 2
    html = box.rincian.hasil.value
    assert ">nan<" not in html and "None" not in html  # a node without a band shows "-"
    assert html.count('class="pj-simpul pj-sub_kegiatan"') == int(
        (rows["tingkat"] == "sub_kegiatan").sum()
    )


def test_report_link_only_when_the_report_exists(tmp_path: Path) -> None:
    assert rinci.tautan_laporan("Tomoni Timur", 2024, 4, tmp_path) is None
    page = tmp_path / "2024" / "TW4" / "tomoni-timur.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html></html>")
    url, label = rinci.tautan_laporan("Tomoni Timur", 2024, 4, tmp_path)
    assert url == "laporan/2024/TW4/tomoni-timur.html" and "Tomoni Timur" in label
    (tmp_path / "2024" / "TW4" / "ringkasan-kabupaten.html").write_text("x")
    assert rinci.tautan_laporan("", 2024, 4, tmp_path)[0].endswith("ringkasan-kabupaten.html")
    import re

    from analysis.reports.voila_app import POLA_LAPORAN

    assert re.fullmatch(POLA_LAPORAN, "/" + url)
    assert not re.fullmatch(POLA_LAPORAN, "/laporan/../kinerja.parquet")


def test_trend_lines_break_at_missing_quarters() -> None:
    tren = pd.DataFrame(
        {
            "kecamatan": ["A", "A", "A", "B", "B"],
            "tahun": [2023, 2023, 2024, 2023, 2024],
            "triwulan": [1, 2, 1, 1, 1],  # A skips 2023 TW III-IV; B reports TW I only
            "capaian_persen": [50.0, 60.0, 70.0, 80.0, 90.0],
        }
    )
    periods = tampil.periode_lengkap(tren)
    assert list(zip(periods["tahun"], periods["triwulan"], strict=True)) == [
        (2023, 1), (2023, 2), (2023, 3), (2023, 4), (2024, 1)
    ]  # fmt: skip
    fig = tampil.grafik_tren(tren, "x")
    lines = {ln.get_label(): ln.get_ydata() for ln in fig.axes[0].get_lines()
             if ln.get_label() in {"A", "B"}}  # fmt: skip
    np.testing.assert_array_equal(lines["A"], [50, 60, np.nan, np.nan, 70])
    np.testing.assert_array_equal(lines["B"], [80, np.nan, np.nan, np.nan, 90])


def test_comparison_export_labels_the_method(data: loading.Tabel) -> None:
    items = st.pilihan_banding(data, "program")
    kunci = items["kunci"].iloc[0]
    tren = st.tren_banding(data, "program", kunci)
    tahun, q = st.periode_awal(tren)
    tabel = st.banding(data, "program", kunci, tahun, q)
    frame = tampil.tabel_unduhan_banding(tabel, "program", kunci)
    raw = tampil.csv_frame_bytes(frame).decode("utf-8-sig")
    assert "Capaian (rata-rata kegiatan) (%)" in raw.splitlines()[0]
    assert ";Program;" in raw and "program;" not in raw.lower().replace(";program;", "")
    values = frame["Capaian (rata-rata kegiatan) (%)"].dropna()
    assert (values.round(2) == values).all()
    html = tampil.banding_html(tabel, tren, "j", "t", [], tingkat="program", unduh="")
    assert "Capaian (rata-rata kegiatan)" in html and "indikator program itu sendiri" in html
    k = st.keadaan(data, "", 2024, 4, "", 150)
    assert tampil.LABEL_CAPAIAN_SENDIRI in tampil.kesenjangan_html(k)


def test_host_check() -> None:
    from analysis.reports.voila_app import host_diizinkan

    assert host_diizinkan("127.0.0.1:8866", 8866) and host_diizinkan("LOCALHOST:8866", 8866)
    for host in ("evil.example:8866", "127.0.0.1:8867", "127.0.0.1", "", "127.0.0.1.evil:8866"):
        assert not host_diizinkan(host, 8866)


def test_drill_down_node_without_a_band_shows_a_dash(data: loading.Tabel) -> None:
    import dataclasses

    r = data.ringkasan.copy()
    node = r.index[(r["tahun"] == 2024) & (r["triwulan"] == 4) & (r["tingkat"] == "kegiatan")][0]
    r.loc[node, ["capaian_persen", "kategori"]] = [np.nan, None]  # none of its subs rated
    data = dataclasses.replace(data, ringkasan=r)
    detail = explorer.Rincian(data)
    detail.tampilkan("", 2024, 4)
    assert ">nan<" not in detail.hasil.value and ">None<" not in detail.hasil.value
    assert 'class="kategori kategori-kosong"' in detail.hasil.value
