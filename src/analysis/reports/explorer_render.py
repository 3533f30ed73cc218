"""The explorer's page pieces: HTML in the reports' look, charts, CSV/Excel downloads.

Everything here turns a :class:`~analysis.reports.explorer_state.Keadaan` (or a
comparison frame) into something to display; nothing reads widgets. HTML comes from
autoescaping Jinja templates (``templates/penjelajah``) with the reports' own stylesheet,
scoped to the explorer's box so it does not restyle JupyterLab around it.
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache

import numpy as np
import pandas as pd
from markupsafe import Markup
from matplotlib.figure import Figure

from analysis import formatting as fmt
from analysis import neutral
from analysis.reports import charts, export, markup
from analysis.reports.explorer_state import MAKS_GRAFIK, Keadaan

LINGKUP = ".penjelajah"
"""CSS class of the explorer's outer box; the report stylesheet is scoped to it."""

_WARNA_AMBANG = "#c0392b"


# --- styles -----------------------------------------------------------------------------------


def css_terbatas(css: str, lingkup: str = LINGKUP) -> str:
    """``css`` with every rule limited to elements inside ``lingkup``.

    ``:root``, ``html`` and ``body`` become the scope itself; ``@media`` blocks are
    scoped inside. Comments are dropped. Enough for the reports' plain stylesheet (no
    nested at-rules besides ``@media``, no ``@import``).
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[str] = []
    pos = 0
    while True:
        brace = css.find("{", pos)
        if brace < 0:
            break
        head = css[pos:brace].strip()
        depth, end = 1, brace + 1
        while depth and end < len(css):
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[brace + 1 : end - 1]
        if head.startswith("@"):
            out.append(f"{head} {{\n{css_terbatas(body, lingkup)}\n}}")
        else:
            selectors = [_lingkupi(s.strip(), lingkup) for s in head.split(",") if s.strip()]
            out.append(f"{', '.join(selectors)} {{{body}}}")
        pos = end
    return "\n".join(out)


def _lingkupi(selector: str, lingkup: str) -> str:
    first, _, rest = selector.partition(" ")
    if first in {":root", "html", "body"}:
        return f"{lingkup} {rest}".strip()
    return f"{lingkup} {selector}"


_CSS_TAMBAHAN = """
.penjelajah { color: var(--teks); max-width: 1200px; }
.penjelajah .pj-hasil, .penjelajah .pj-banding-hasil { align-self: stretch; min-width: 0; }
.penjelajah .widget-html-content { white-space: normal; flex: 1 1 auto; min-width: 0;
  line-height: 1.45; font-size: 14px; }
.penjelajah .pj-gulir { overflow-x: auto; max-width: 100%; }
.penjelajah .pj-grafik svg, .penjelajah .pj-grafik-tren svg { width: 100%; height: auto;
  display: block; }
.penjelajah .pj-daftar { font-size: 0.84em; }
.penjelajah .pj-daftar .k-uraian, .penjelajah .pj-daftar .k-indikator { width: 12em;
  min-width: 11em; }
.penjelajah .pj-judul { font-size: 1.25em; color: var(--aksen); margin: 0.2em 0 0.4em; }
.penjelajah .pj-sub { font-size: 1.1em; color: var(--aksen); margin: 1em 0 0.3em; }
.penjelajah tr.baris-temuan td { background: #fdf1ec; font-size: 0.95em; }
.penjelajah .tanda-temuan { display: inline-block; padding: 0 6px; margin-left: 4px;
  border-radius: 3px; background: #c0392b; color: #fff; font-weight: bold; font-size: 0.8em; }
.penjelajah .pj-unduh a { display: inline-block; margin: 4px 8px 4px 0; padding: 5px 12px;
  border: 1px solid var(--aksen); border-radius: 4px; color: var(--aksen);
  text-decoration: none; font-size: 0.9em; }
.penjelajah .pj-unduh a:hover { background: var(--latar); }
.penjelajah td.turun { color: #c0392b; }
.penjelajah td.naik { color: #1e7d4f; }
"""


@lru_cache(maxsize=1)
def gaya() -> str:
    """The ``<style>`` element of the explorer: the reports' CSS, scoped, plus its own."""
    return f"<style>\n{css_terbatas(export.css())}\n{_CSS_TAMBAHAN}</style>"


# --- templates --------------------------------------------------------------------------------


def _render(template: str, **context: object) -> markup.Html:
    return markup.Html(markup.jinja_env().get_template(f"penjelajah/{template}").render(**context))


# --- the gap view ---------------------------------------------------------------------------


def _svg(fig: Figure, alt: str) -> tuple[Markup, str]:
    """The chart as inline SVG, as the reports draw it (matplotlib escapes its texts)."""
    chart = charts.gambar(fig, alt, word=False)  # no Word draft here: no PNG
    return Markup(chart.svg), chart.alt


def grafik_kesenjangan(k: Keadaan) -> Figure:
    """The worst gaps as bars coloured by band, with the threshold drawn and labelled."""
    gaps = k.kesenjangan.dropna(subset=["capaian_sd_persen"]).head(MAKS_GRAFIK)
    label = gaps["indikator"].fillna(gaps["uraian"]).astype("str")
    if not k.kecamatan:
        label = gaps["kecamatan"].astype("str") + ": " + label
    label = label.where(gaps["temuan"] == "", "\u26a0 " + label)
    values = gaps["capaian_sd_persen"].to_numpy(dtype="float64")
    with charts._gaya():
        fig = Figure(figsize=(8.5, 0.5 * len(gaps) + 1.6))
        ax = fig.subplots()
        positions = np.arange(len(gaps))
        ax.barh(positions, values, color=charts._warna(gaps["kategori"]), edgecolor="#ffffff")
        ax.set_yticks(positions, label.map(charts._pendek).to_list())
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.axvline(k.ambang, color=_WARNA_AMBANG, lw=1.6, ls="--")
        top = max(110.0, k.ambang * 1.08, float(np.nanmax(values)) * 1.15 if len(values) else 0)
        ax.text(
            k.ambang,
            -0.6,
            f" ambang {fmt.persen(k.ambang, 0 if k.ambang.is_integer() else 1)}",
            color=_WARNA_AMBANG,
            fontsize=8,
            va="bottom",
            ha="left" if k.ambang < top * 0.8 else "right",
        )
        for y, value in zip(positions, values, strict=True):
            ax.text(value + 1, y, fmt.persen(value), va="center", fontsize=8)
        ax.set_xlim(0, top)
        charts._persen_axis(ax)
        ax.set_xlabel(
            "Capaian s/d triwulan (garis merah putus-putus: ambang; "
            "\u26a0 = ada temuan kualitas data)"
        )
        ax.set_title(f"{k.keterangan_grafik.capitalize()} di bawah ambang", loc="left")
        _legenda_bawah(ax, gaps["kategori"])
    return fig


def _legenda_bawah(ax, codes: pd.Series) -> None:
    """Band legend under the chart, where it cannot cover a bar near the threshold."""
    from matplotlib.patches import Patch

    from analysis.metrics.bands import KATEGORI_LABEL, KATEGORI_WARNA
    from analysis.schema import KATEGORI

    present = [c for c in KATEGORI if c in set(codes.astype("str"))]
    handles = [Patch(color=KATEGORI_WARNA[c], label=f"{c} - {KATEGORI_LABEL[c]}") for c in present]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.09 - 0.5 / (len(ax.patches) + 2)),
            ncol=len(handles),
            fontsize=8,
            frameon=False,
        )


def _baris_kesenjangan(k: Keadaan) -> list[dict[str, object]]:
    g = k.kesenjangan
    rows = pd.DataFrame(
        {
            "kecamatan": g["kecamatan"].astype("str"),
            "tingkat": g["tingkat"].map(fmt.nama_tingkat),
            "uraian": g["uraian"].fillna("").astype("str"),
            "indikator": g["indikator"].fillna("").astype("str"),
            "satuan": g["satuan"].fillna("").astype("str"),
            "target": g["target_sd"].map(fmt.angka_ringkas),
            "realisasi": g["realisasi_sd"].map(fmt.angka_ringkas),
            "capaian": (
                g["teks_capaian"].astype("str")
                if "teks_capaian" in g
                else g["capaian_sd_persen"].map(fmt.persen)
            ),
            "rata_rata": (
                g["teks_rata_rata"].astype("str").replace("", fmt.KOSONG)
                if "teks_rata_rata" in g
                else fmt.KOSONG
            ),
            "kategori": g["kategori"].fillna("").astype("str"),
            "label_kategori": g["kategori"].map(markup.label_kategori),
            "kurang_poin": g["kekurangan_poin"].map(lambda v: fmt.angka(v, 2)),
            "kurang_satuan": g["kekurangan_satuan"].map(fmt.angka_ringkas),
            "serapan": g["serapan_kas_persen"].map(fmt.persen),
            "catatan": g["keterangan"].fillna("").astype("str").str.strip(),
            "temuan": g["temuan"].astype("str"),
        }
    )
    return rows.to_dict("records")


def kartu(k: Keadaan) -> list[tuple[str, str]]:
    """Headline cards of the gap view (label, value)."""
    ambang = fmt.persen(k.ambang, 0 if k.ambang.is_integer() else 1)
    terendah = k.kesenjangan["capaian_sd_persen"].min() if k.jumlah else None
    return [
        ("Indikator dinilai", fmt.angka(k.dinilai)),
        (f"Di bawah ambang {ambang}", fmt.angka(k.jumlah)),
        ("Di bawah target (100%)", fmt.angka(k.di_bawah_target)),
        ("Capaian terendah", fmt.persen(terendah)),
        ("Dengan temuan kualitas data", fmt.angka(int((k.kesenjangan["temuan"] != "").sum()))),
    ]


def kesenjangan_html(
    k: Keadaan,
    unduh: str = "",
    belum: str | None = None,
    laporan: tuple[str, str] | None = None,
) -> markup.Html:
    """Title, cards, message or downloads, chart and table of one state of the gap view.

    ``unduh`` is :func:`unduhan_html` of the same state (left out of headless snapshots);
    ``belum`` the sentence naming the offices without data; ``laporan`` (URL, label) of
    the HTML report of what is on screen.
    """
    svg, alt = Markup(""), ""
    if k.jumlah:
        svg, alt = _svg(grafik_kesenjangan(k), f"Grafik kesenjangan: {k.judul}")
    return _render(
        "kesenjangan.html.j2",
        k=k,
        kartu=kartu(k),
        svg=svg,
        alt=alt,
        baris=_baris_kesenjangan(k) if k.jumlah else [],
        satu_kecamatan=bool(k.kecamatan),
        unduh=unduh,
        belum=belum,
        laporan=laporan,
        label_capaian=LABEL_CAPAIAN_SENDIRI,
        label_rata=LABEL_CAPAIAN_RATA,
    )


# --- downloads ----------------------------------------------------------------------------------

_KOLOM_UNDUH = (
    ("kecamatan", "Kecamatan"),
    ("tahun", "Tahun"),
    ("triwulan", "Triwulan"),
    ("tingkat", "Tingkat"),
    ("kode", "Kode"),
    ("uraian", "Uraian"),
    ("indikator", "Indikator"),
    ("satuan", "Satuan"),
    ("target_sd", "Target s/d TW"),
    ("realisasi_sd", "Realisasi s/d TW"),
    ("capaian_sd_persen", "Capaian s/d TW (%)"),
    ("kategori", "Kategori"),
    ("kekurangan_poin", "Kurang dari ambang (poin)"),
    ("kekurangan_satuan", "Kurang (satuan indikator)"),
    ("pagu", "Pagu"),
    ("realisasi_anggaran_sd", "Realisasi anggaran s/d TW"),
    ("serapan_kas_persen", "Serapan anggaran kas (%)"),
    ("keterangan", "Catatan kecamatan"),
    ("temuan", "Temuan kualitas data"),
    ("sumber", "Sumber"),
)


_PERSEN_UNDUH = (
    "Capaian s/d TW (%)",
    "Kurang dari ambang (poin)",
    "Serapan anggaran kas (%)",
)
"""Percentages and points: two decimals in both files (as the page shows them)."""


_POLOS_UNDUH = ("Tahun", "Triwulan", "Peringkat")
"""Numbers shown without thousands groups in the downloads (``2024``, not ``2.024``)."""


def tabel_unduhan(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gap list with Indonesian headers and level names, as downloaded."""
    out = pd.DataFrame({label: gaps[col] for col, label in _KOLOM_UNDUH if col in gaps.columns})
    if "Tingkat" in out:
        out["Tingkat"] = out["Tingkat"].map(fmt.nama_tingkat)
    for col in _PERSEN_UNDUH:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").round(2)
    return out.reset_index(drop=True)


def tabel_unduhan_banding(tabel: pd.DataFrame, tingkat: str, kode: str) -> pd.DataFrame:
    """The comparison ranking as downloaded: one row per kecamatan, worst first."""
    perubahan = tabel["perubahan"] if "perubahan" in tabel else pd.Series(np.nan, tabel.index)
    out = pd.DataFrame(
        {
            "Peringkat": range(1, len(tabel) + 1),
            "Kecamatan": tabel["kecamatan"].astype("str").to_numpy(),
            "Tahun": tabel["tahun"].to_numpy(),
            "Triwulan": tabel["triwulan"].to_numpy(),
            "Tingkat": fmt.nama_tingkat(tingkat),
            "Kode": kode,
            "Uraian di laporan kecamatan": tabel["uraian"].fillna("").astype("str").to_numpy(),
            label_metode(tingkat) + " (%)": tabel["capaian_persen"].round(2).to_numpy(),
            **(
                {LABEL_CAPAIAN_SENDIRI: tabel["capaian_sendiri"].astype("str").to_numpy()}
                if tingkat in ("program", "kegiatan") and "capaian_sendiri" in tabel
                else {}
            ),
            "Kategori": tabel["kategori"].fillna("").astype("str").to_numpy(),
            "Perubahan dari triwulan sebelumnya (poin)": perubahan.round(2).to_numpy(),
            "Serapan anggaran kas (%)": tabel["serapan_persen"].round(2).to_numpy(),
        }
    )
    return out


def _tanpa_formula(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells cleaned of bidi controls; those a spreadsheet would read as a formula get
    a leading apostrophe (the CSV rule of :func:`analysis.neutral.neutralise`)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = neutral.clean_series(out[col], strict=True)
    return out


def csv_frame_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel in Indonesia: ``;``, decimal comma, UTF-8 with BOM, no formulas."""
    return _tanpa_formula(frame).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def csv_bytes(gaps: pd.DataFrame) -> bytes:
    """The gap list as CSV (:func:`csv_frame_bytes`)."""
    return csv_frame_bytes(tabel_unduhan(gaps))


def xlsx_frame_bytes(frame: pd.DataFrame, judul: str, sheet_name: str) -> bytes:
    """Excel workbook (XlsxWriter): a title row, then the table; text never becomes a
    formula; percentages and points shown with two decimals (``97,46`` in Indonesian
    Excel), amounts with thousands groups."""
    buffer = io.BytesIO()
    frame = frame.copy()
    for col in frame.columns:  # no bidi control from data in the workbook either
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = neutral.clean_series(frame[col])
    with pd.ExcelWriter(
        buffer,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        frame.to_excel(writer, sheet_name=sheet_name, index=False, startrow=2)
        book = writer.book
        sheet = writer.sheets[sheet_name]
        sheet.write_string(0, 0, neutral.clean(judul))
        sheet.freeze_panes(3, 0)
        dua = book.add_format({"num_format": "#,##0.00"})
        ribu = book.add_format({"num_format": "#,##0"})
        polos = book.add_format({"num_format": "0"})
        for i, col in enumerate(frame.columns):
            values = frame[col]
            numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(
                values
            )
            two = numeric and ("%" in col or "poin" in col)
            money = numeric and ("Pagu" in col or "anggaran s/d" in col)
            # every other figure gets a format too (never "General"): years and ranks plain,
            # whole counts with thousands groups, measured values with two decimals
            whole = numeric and bool((values.dropna() % 1 == 0).all())
            other = polos if col in _POLOS_UNDUH else ribu if whole else dua
            sheet.set_column(
                i, i, 16, dua if two else ribu if money else other if numeric else None
            )
    return buffer.getvalue()


def xlsx_bytes(gaps: pd.DataFrame, judul: str) -> bytes:
    """The gap list as an Excel workbook (:func:`xlsx_frame_bytes`)."""
    return xlsx_frame_bytes(tabel_unduhan(gaps), judul, "Kesenjangan")


def nama_berkas(k: Keadaan) -> str:
    """``kesenjangan_wotu_2024_tw4_semua_100.csv`` without the extension."""
    from analysis.paths import slugify

    parts = [
        "kesenjangan",
        slugify(k.kecamatan) or "semua-kecamatan",
        str(k.tahun),
        f"tw{k.triwulan}",
        k.tingkat or "semua-tingkat",
        fmt.angka(k.ambang, 0 if k.ambang.is_integer() else 1).replace(",", "-"),
    ]
    return "_".join(parts)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def unduhan_html(k: Keadaan) -> markup.Html:
    """Two links that download the current list (data: URIs, so nothing leaves the page)."""
    return _tautan_unduh(tabel_unduhan(k.kesenjangan), nama_berkas(k), k.judul, "Kesenjangan")


def unduhan_banding_html(frame: pd.DataFrame, name: str, judul: str) -> markup.Html:
    """The two download links of the comparison tab (:func:`tabel_unduhan_banding`)."""
    return _tautan_unduh(frame, name, judul, "Antar kecamatan")


def _tautan_unduh(frame: pd.DataFrame, name: str, judul: str, sheet: str) -> markup.Html:
    csv_uri = "data:text/csv;base64," + base64.b64encode(csv_frame_bytes(frame)).decode()
    xlsx = xlsx_frame_bytes(frame, judul, sheet)
    xlsx_uri = f"data:{XLSX_MIME};base64," + base64.b64encode(xlsx).decode()
    n = fmt.angka(len(frame))
    return _render(
        "unduh.html.j2",
        tautan=[
            (f"{name}.csv", csv_uri, f"Unduh CSV ({n} baris)"),
            (f"{name}.xlsx", xlsx_uri, f"Unduh Excel ({n} baris)"),
        ],
    )


def label_metode(tingkat: str) -> str:
    """How the comparison tab's capaian is computed for the level (``ringkasan``).

    The gap tab shows each indicator's own capaian (``kinerja``); the comparison tab a
    program's mean of its kegiatan and a kegiatan's mean of its sub kegiatan, so one
    program can show two figures: each says which it is.
    """
    return {
        "program": "Capaian (rata-rata kegiatan)",
        "kegiatan": "Capaian (rata-rata sub kegiatan)",
    }.get(tingkat, "Capaian (indikator sendiri)")


LABEL_CAPAIAN_SENDIRI = "Capaian (indikator sendiri)"
"""Header of the gap tab's capaian: the indicator's own realisasi against its target."""

LABEL_CAPAIAN_RATA = "Capaian (rata-rata di bawahnya)"
"""Header of the gap tab's second capaian: for a program the mean of its kegiatan, for a
kegiatan the mean of its sub kegiatan - the comparison tab's figure for the same row."""


# --- kecamatan against kecamatan -----------------------------------------------------------------


def periode_lengkap(tren: pd.DataFrame) -> pd.DataFrame:
    """Every quarter from the first to the last one in ``tren`` (missing ones included)."""
    keys = tren["tahun"].astype("int64") * 4 + tren["triwulan"].astype("int64") - 1
    first, last = int(keys.min()), int(keys.max())
    n = np.arange(first, last + 1)
    return pd.DataFrame({"tahun": n // 4, "triwulan": n % 4 + 1})


def grafik_tren(tren: pd.DataFrame, judul: str) -> Figure:
    """One line per kecamatan over the quarters, with the 100 % target line."""
    if tren.empty:
        return charts.pesan("Belum ada capaian untuk dibandingkan.")
    periods = periode_lengkap(tren)
    labels = [
        f"{fmt.tw(q)}\n{t}" for t, q in zip(periods["tahun"], periods["triwulan"], strict=True)
    ]
    position = {
        (t, q): i
        for i, (t, q) in enumerate(zip(periods["tahun"], periods["triwulan"], strict=True))
    }
    with charts._gaya():
        fig = Figure(figsize=(8.5, 3.8))
        ax = fig.subplots()
        for name, rows in tren.groupby("kecamatan", sort=True):
            # Every quarter on the axis, NaN where the kecamatan has none: matplotlib
            # breaks the line there (a gap, not a line across the missing quarter).
            y = np.full(len(position), np.nan)
            x = [position[(t, q)] for t, q in zip(rows["tahun"], rows["triwulan"], strict=True)]
            y[x] = rows["capaian_persen"].to_numpy(dtype="float64")
            ax.plot(np.arange(len(position)), y, marker="o", label=name)
        ax.axhline(100, color="#9aa5b1", lw=0.8)
        ax.axhline(charts.AMBANG_ST, color="#52606d", lw=0.8, ls="--")
        ax.set_xticks(range(len(labels)), labels)
        ax.set_ylim(0, max(110.0, float(tren["capaian_persen"].max()) * 1.1))
        charts._persen_axis(ax, "y")
        ax.set_ylabel("Capaian s/d triwulan")
        ax.set_title(judul, loc="left")
        ax.legend(fontsize=8, loc="lower right")
    return fig


def banding_html(
    tabel: pd.DataFrame,
    tren: pd.DataFrame,
    judul: str,
    judul_tren: str,
    tanpa_capaian: list[str] | None = None,
    tingkat: str = "",
    unduh: str = "",
) -> markup.Html:
    """Ranking table (worst first), the kecamatan without a capaian in that quarter, and
    the trend chart of the comparison view."""
    svg, alt = Markup(""), ""
    if not tren.empty:
        svg, alt = _svg(grafik_tren(tren, judul_tren), judul_tren)
    perubahan = tabel["perubahan"] if "perubahan" in tabel else pd.Series(dtype="float")
    rows = pd.DataFrame(
        {
            "peringkat": [str(i) for i in range(1, len(tabel) + 1)],
            "kecamatan": tabel["kecamatan"].astype("str"),
            "uraian": tabel["uraian"].fillna("").astype("str"),
            "capaian": tabel["capaian_persen"].map(fmt.persen),
            "kategori": tabel["kategori"].fillna("").astype("str"),
            "label_kategori": tabel["kategori"].map(markup.label_kategori),
            "perubahan": perubahan.map(fmt.poin),
            "arah": np.sign(perubahan.fillna(0)).map({-1.0: "turun", 1.0: "naik", 0.0: ""}),
            "serapan": tabel["serapan_persen"].map(fmt.persen),
            "tertinggal": (tabel["capaian_persen"] < 100).map({True: "ya", False: ""}),
            "sendiri": (
                tabel["capaian_sendiri"].astype("str").replace("", fmt.KOSONG)
                if "capaian_sendiri" in tabel
                else fmt.KOSONG
            ),
        }
    )
    return _render(
        "banding.html.j2",
        judul=judul,
        baris=rows.to_dict("records"),
        svg=svg,
        alt=alt,
        tanpa=tanpa_capaian or [],
        label_capaian=label_metode(tingkat),
        label_sendiri=LABEL_CAPAIAN_SENDIRI if tingkat in ("program", "kegiatan") else "",
        metode=_METODE.get(tingkat, ""),
        unduh=unduh,
    )


_METODE = {
    "program": (
        "Dua angka, dua cara hitung: capaian rata-rata kegiatannya (peringkat ini, seperti "
        "metode LKj) dan capaian indikator program itu sendiri (sama dengan tab "
        "Kesenjangan); keduanya tampil berdampingan dan dapat berbeda."
    ),
    "kegiatan": (
        "Dua angka, dua cara hitung: capaian rata-rata sub kegiatannya (peringkat ini) "
        "dan capaian indikator kegiatan itu sendiri (sama dengan tab Kesenjangan); "
        "keduanya tampil berdampingan dan dapat berbeda."
    ),
    "sub_kegiatan": "Capaian sub kegiatan = capaian indikatornya sendiri.",
}
