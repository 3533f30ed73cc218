"""The reports' charts, drawn with seaborn on matplotlib's Agg canvas.

Figures are built as :class:`matplotlib.figure.Figure` objects, never through pyplot's
global state: a warm kernel renders dozens of reports in a row, and pyplot would keep
every figure alive and let the inline backend display them twice. :func:`gambar` turns a
figure into an inline SVG (sharp on screen and paper at any width, text kept as text, a
few kB per chart) with an Indonesian title for screen readers. A chart that would show a
single point is not drawn: :class:`Kalimat` says it in a sentence instead.

Labels come from the data (uraian, kecamatan names). ``text.parse_math`` is off so an
uraian with ``$`` signs prints as written instead of failing as TeX; text in an image
cannot carry markup, so hostile strings are harmless here.
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg", force=False)

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis import formatting as fmt
from analysis.metrics.bands import (
    KATEGORI_LABEL,
    KATEGORI_TIDAK_ADA_WARNA,
    KATEGORI_WARNA,
)
from analysis.reports import prose
from analysis.reports.chart_file import (  # noqa: F401 - re-exported for the views
    _RC,
    DPI,
    PNG_DPI,
    Gambar,
    Kalimat,
    _batas_ketat,
    _gaya,
    gambar,
    pengantar,
    pesan,
)
from analysis.schema import KATEGORI

LEBAR = 10.0
"""Figure width in inches; the page scales the SVG to the full content width."""

AMBANG_ST = 91.0
"""Lower edge of Sangat Tinggi, drawn as the reference line of capaian charts."""


def _pendek(text: object, width: int = 38, lines: int = 2) -> str:
    """Wrap a long uraian into at most ``lines`` lines for an axis label."""
    value = "" if fmt.is_missing(text) else fmt.tanpa_tanda_daftar(str(text))
    return "\n".join(textwrap.wrap(value, width)[:lines]) + (
        "…" if len(value) > width * lines else ""
    )


def _warna(kode: pd.Series) -> list[str]:
    return [KATEGORI_WARNA.get(str(k), KATEGORI_TIDAK_ADA_WARNA) for k in kode]


def _persen_axis(ax, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _: fmt.persen(v, 0))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def _legenda_kategori(ax, codes: pd.Series) -> None:
    from matplotlib.patches import Patch

    present = [k for k in KATEGORI if k in set(codes.astype("str"))]
    handles = [Patch(color=KATEGORI_WARNA[k], label=f"{k} - {KATEGORI_LABEL[k]}") for k in present]
    if handles:
        _legenda_luar(ax, handles=handles)


def _legenda_luar(ax, **kwargs) -> None:
    """Legend in one row between the title and the plot, never over the data."""
    handles = kwargs.get("handles") or ax.get_legend_handles_labels()[0]
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=max(1, min(len(handles), 6)),
        frameon=False,
        fontsize=8.5,
        columnspacing=1.2,
        handlelength=1.5,
        **kwargs,
    )


def _angka_axis(ax, axis: str = "y") -> None:
    """Indonesian number format on an axis (``1.500``, ``82,5``)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _: fmt.angka_ringkas(v))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def _hanya_satu(jenis: str, nama: str, one: pd.Series) -> Kalimat:
    """The sentence in place of a bar chart with one bar (``jenis``: program,
    kecamatan): its name, capaian and band."""
    kategori = KATEGORI_LABEL.get(str(one.get("kategori")), "tanpa kategori")
    return Kalimat(
        f"Hanya satu {jenis} yang sudah memiliki capaian, yaitu {nama}: "
        f"{fmt.persen(one['capaian_persen'])} (kategori {kategori})."
    )


def capaian_per_program(program: pd.DataFrame, judul: str) -> Figure:
    """Horizontal bars of capaian per program, coloured by band, with the ST threshold."""
    data = program.dropna(subset=["capaian_persen"])
    if data.empty:
        return pesan("Belum ada capaian program untuk periode ini.")
    if len(data) == 1:
        one = data.iloc[0]
        return _hanya_satu("program", prose.nama_program(one["uraian"]), one)
    with _gaya():
        fig = Figure(figsize=(LEBAR, 0.55 * len(data) + 1.3))
        ax = fig.subplots()
        positions = np.arange(len(data))
        ax.barh(
            positions,
            data["capaian_persen"].to_numpy(dtype="float64"),
            color=_warna(data["kategori"]),
            edgecolor="#ffffff",
        )
        ax.set_yticks(positions, data["uraian"].map(_pendek).to_list())
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.axvline(AMBANG_ST, color="#1f2933", lw=1, ls="--")
        ax.axvline(100, color="#9aa5b1", lw=0.8)
        for patch, value in zip(ax.patches, data["capaian_persen"], strict=False):
            ax.text(
                patch.get_width() + 1,
                patch.get_y() + patch.get_height() / 2,
                fmt.persen(value),
                va="center",
                fontsize=8.5,
                zorder=5,
                # the label stays readable where it crosses the 91 % line
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.9},
            )
        ax.set_xlim(0, max(110.0, float(data["capaian_persen"].max()) * 1.15))
        _persen_axis(ax)
        ax.set_xlabel("Capaian s/d triwulan (garis putus: batas Sangat Tinggi 91%)")
        ax.set_ylabel("")
        ax.set_title(judul)
        _legenda_kategori(ax, data["kategori"])
    return fig


_NUMBER_SLOTS = ((3, 4), (3, -12), (3, 13), (3, -21), (3, 22), (3, -30), (3, 31))
"""Where a point's number may go (points right of and above/below the point), in order."""


def _number_offsets(
    x: pd.Series, y: pd.Series, limits: tuple[float, float]
) -> list[tuple[int, int]]:
    """Offset (points) of each point's number on the capaian-serapan chart: the first slot
    of :data:`_NUMBER_SLOTS` whose box overlaps no number placed before, so points that
    cluster at 100 % keep readable numbers ("8 10 12 13 14", not "8101213 14"). At most
    15 numbers are drawn (the key's length), so the loop stays small."""
    lo, hi = limits
    # the axes span about 80 % of the figure's LEBAR x 72 points wide, 4.4 in high
    px = 0.8 * LEBAR * 72 / (hi - lo)
    py = 0.75 * 4.4 * 72 / (hi - lo)
    placed: list[tuple[float, float, float, float]] = []
    out = []
    for number, (xv, yv) in enumerate(zip(x, y, strict=True), start=1):
        width, height = 5.0 * len(str(number)) + 1.5, 8.0
        chosen = _NUMBER_SLOTS[-1]
        for dx, dy in _NUMBER_SLOTS:
            x0, y0 = (float(xv) - lo) * px + dx, (float(yv) - lo) * py + dy
            box = (x0, y0, x0 + width, y0 + height)
            if all(
                box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed
            ):
                chosen = (dx, dy)
                break
        x0, y0 = (float(xv) - lo) * px + chosen[0], (float(yv) - lo) * py + chosen[1]
        placed.append((x0, y0, x0 + width, y0 + height))
        out.append(chosen)
    return out


_SATUAN_TITIK = {"uraian": "sub kegiatan", "kecamatan": "kecamatan"}
"""What one point of the quadrant chart is, by the column that labels it."""


def _tanpa_kuadran(titik: pd.DataFrame, label: str) -> str:
    """Why the quadrant chart is not drawn, from the points it was given."""
    satuan = _SATUAN_TITIK.get(label, "baris")
    capaian = bool(titik["capaian_persen"].notna().any())
    serapan = bool(titik["serapan_persen"].notna().any())
    if capaian and not serapan:
        why = f"serapan anggaran per {satuan} belum dilaporkan"
    elif serapan and not capaian:
        why = f"belum ada {satuan} yang memiliki capaian"
    elif not capaian:
        why = f"belum ada {satuan} yang memiliki capaian maupun serapan anggaran"
    else:
        why = f"tidak ada {satuan} yang memiliki capaian sekaligus serapan anggaran"
    return f"Grafik kuadran capaian terhadap serapan tidak digambar: {why}."


def kuadran(
    titik: pd.DataFrame, judul: str, label: str = "uraian", ambang: float = AMBANG_ST
) -> Figure:
    """Capaian (y) against serapan (x) with the four quadrants of the data contract."""
    data = titik.dropna(subset=["capaian_persen", "serapan_persen"])
    if data.empty:
        return pesan(_tanpa_kuadran(titik, label))
    if len(data) == 1:
        one = data.iloc[0]
        return Kalimat(
            f"Hanya {prose.nama(one.get(label, ''))} yang memiliki capaian sekaligus serapan: "
            "capaian "
            f"{fmt.persen(one['capaian_persen'])}, serapan {fmt.persen(one['serapan_persen'])} "
            f"({one.get('kuadran', '') or 'tanpa kuadran'})."
        )
    with _gaya():
        fig = Figure(figsize=(LEBAR, 4.4))
        ax = fig.subplots()
        sns.scatterplot(
            x=data["serapan_persen"].to_numpy(),
            y=data["capaian_persen"].to_numpy(),
            hue=data["kategori"].astype("str").to_numpy(),
            ax=ax,
            s=60,
            palette={
                k: KATEGORI_WARNA.get(k, KATEGORI_TIDAK_ADA_WARNA)
                for k in data["kategori"].astype("str").unique()
            },
            legend=False,
            edgecolor="#1f2933",
        )
        ax.axvline(ambang, color="#52606d", lw=1, ls="--")
        ax.axhline(ambang, color="#52606d", lw=1, ls="--")
        hi = max(110.0, float(data[["capaian_persen", "serapan_persen"]].max().max()) * 1.05)
        # Zoom on the points (they often cluster near 100) but keep the 91 lines inside.
        low = float(data[["capaian_persen", "serapan_persen"]].min().min())
        lo = min(float(np.floor((low - 5) / 10) * 10), ambang - 11)
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        for x, y, text, ha, va in (
            (hi, hi, "sesuai rencana", "right", "top"),
            (lo, hi, "hemat", "left", "top"),
            (hi, lo, "boros", "right", "bottom"),
            (lo, lo, "tertinggal", "left", "bottom"),
        ):
            ax.text(x, y, f" {text} ", ha=ha, va=va, fontsize=9, color="#52606d", style="italic")
        # Numbers on the points off the "sesuai rencana" corner only, the names in a key
        # under the chart: names on every point pile into an unreadable strip.
        # (few points, e.g. kecamatan: every point gets its number)
        off = data[(data["capaian_persen"] < ambang) | (data["serapan_persen"] < ambang)]
        if len(data) <= 10:
            off = data
        off = off.nsmallest(15, ["capaian_persen", "serapan_persen"]).sort_values("serapan_persen")
        key = []
        offsets = _number_offsets(off["serapan_persen"], off["capaian_persen"], (lo, hi))
        for number, (x, y, name) in enumerate(
            zip(off["serapan_persen"], off["capaian_persen"], off[label], strict=True), start=1
        ):
            ax.annotate(
                str(number),
                (x, y),
                fontsize=8,
                xytext=offsets[number - 1],
                textcoords="offset points",
            )
            key.append(
                # the same two decimals as the tables: one figure, one value
                f"{number}. {_pendek(name, 60, 1)} (serapan {fmt.persen(x)}, "
                f"capaian {fmt.persen(y)})"
            )
        if key:
            fig.text(0.01, -0.02, "\n".join(key), ha="left", va="top", fontsize=8.5)
        _persen_axis(ax, "x")
        _persen_axis(ax, "y")
        kas = (
            data["anggaran_sd"].notna()
            if "anggaran_sd" in data
            else pd.Series(True, index=data.index)
        )
        ax.set_xlabel(
            "Serapan anggaran terhadap anggaran kas"
            if kas.all()
            else "Serapan anggaran terhadap pagu (tidak ada anggaran kas)"
            if not kas.any()
            else "Serapan anggaran terhadap anggaran kas (terhadap pagu bila tidak ada)"
        )
        ax.set_ylabel("Capaian kinerja")
        ax.set_title(judul)
    return fig


def tren_triwulan(tren: pd.DataFrame, judul: str) -> Figure:
    """Lines of capaian and serapan s/d TW from TW I to the report's quarter."""
    if tren.empty or tren[["capaian_persen", "serapan_persen"]].isna().all().all():
        return pesan("Belum ada data triwulan untuk tahun ini.")
    long = tren.melt(
        id_vars="triwulan",
        value_vars=["capaian_persen", "serapan_persen"],
        var_name="ukuran",
        value_name="persen",
    ).dropna()
    if long["triwulan"].nunique() < 2:
        one = tren.dropna(subset=["capaian_persen", "serapan_persen"], how="all").iloc[-1]
        said = {
            k: "belum dilaporkan" if fmt.is_missing(one[c]) else fmt.persen(one[c])
            for k, c in (("capaian", "capaian_persen"), ("serapan", "serapan_persen"))
        }
        return Kalimat(
            f"Baru ada satu triwulan ({fmt.sd_tw(int(one['triwulan']))}): capaian kinerja "
            f"{said['capaian']}, serapan anggaran {said['serapan']}; perkembangan per "
            "triwulan belum dapat digambar."
        )
    if tren["serapan_persen"].isna().all():
        # the title promises two lines: say why the serapan line is not there
        judul = f"{judul} (serapan anggaran belum dilaporkan)"
    long["ukuran"] = long["ukuran"].map(
        {"capaian_persen": "Capaian kinerja", "serapan_persen": "Serapan anggaran"}
    )
    with _gaya():
        fig = Figure(figsize=(LEBAR, 3.8))
        ax = fig.subplots()
        sns.lineplot(
            data=long,
            x="triwulan",
            y="persen",
            hue="ukuran",
            style="ukuran",
            markers=True,
            dashes=False,
            ax=ax,
            palette={"Capaian kinerja": "#1d4e89", "Serapan anggaran": "#E69F00"},
        )
        quarters = sorted(int(q) for q in tren["triwulan"].unique())
        ax.set_xticks(quarters, [fmt.sd_tw(q) for q in quarters])
        ax.axhline(AMBANG_ST, color="#52606d", lw=0.8, ls="--")
        _persen_axis(ax, "y")
        ax.set_ylim(0, max(110.0, float(long["persen"].max()) * 1.1))
        ax.set_xlabel("")
        ax.set_ylabel("")
        _legenda_luar(ax, title="")
        ax.set_title(judul)
    return fig


def banding_tahun(banding: pd.DataFrame, judul: str) -> Figure:
    """Grouped bars: each program's capaian in this quarter last year and this year."""
    if banding.empty or banding["capaian_persen"].isna().all():
        return pesan("Tidak ada data triwulan yang sama tahun lalu untuk dibandingkan.")
    data = banding.assign(
        uraian=banding["uraian"].map(_pendek), tahun=banding["tahun"].astype("int64").astype("str")
    )
    years = sorted(data["tahun"].unique())
    with _gaya():
        fig = Figure(figsize=(LEBAR, 0.5 * data["uraian"].nunique() * 2 + 1.3))
        ax = fig.subplots()
        sns.barplot(
            data=data,
            x="capaian_persen",
            y="uraian",
            hue="tahun",
            hue_order=years,
            orient="h",
            ax=ax,
            palette=dict(zip(years, ["#9aa5b1", "#1d4e89"], strict=False)),
        )
        ax.axvline(AMBANG_ST, color="#1f2933", lw=1, ls="--")
        _persen_axis(ax)
        ax.set_xlabel("Capaian s/d triwulan")
        ax.set_ylabel("")
        # no legend title: its extra row would climb into the chart title, and the
        # entries (the years) and the title ("2024 dan 2025") already say what they are
        _legenda_luar(ax, title="")
        ax.set_title(judul)
    return fig


def riwayat_iku(riwayat: pd.DataFrame, judul: str) -> Figure:
    """One panel per IKU: realisasi against target across the years."""
    data = riwayat.dropna(subset=["target", "realisasi"], how="all")
    if data.empty:
        return pesan("Data Indikator Kinerja Utama (IKU) belum tersedia.")
    # a panel needs two years and at least one realisasi; the rest is in the IKU table
    named = data["indikator"].astype("str")
    years = data.groupby(named)["tahun"].nunique()
    measured = data["realisasi"].notna().groupby(named).any()
    names = [n for n in dict.fromkeys(named) if years[n] >= 2 and measured[n]]
    if not names:
        return Kalimat(_kalimat_iku(data))
    with _gaya():
        fig = Figure(figsize=(LEBAR, 3.2 * len(names)))
        axes = np.atleast_1d(fig.subplots(len(names), 1, squeeze=False).ravel())
        for ax, name in zip(axes, names, strict=False):
            one = data[data["indikator"].astype("str") == name].sort_values("tahun")
            years = one["tahun"].astype("int64").to_numpy()
            ax.plot(
                years,
                one["target"].to_numpy(dtype="float64"),
                marker="s",
                ls="--",
                color="#52606d",
                label="Target",
            )
            ax.plot(
                years,
                one["realisasi"].to_numpy(dtype="float64"),
                marker="o",
                color="#1d4e89",
                label="Realisasi",
            )
            targets = one["target"].to_numpy(dtype="float64")
            for x, y, t in zip(
                years, one["realisasi"].to_numpy(dtype="float64"), targets, strict=True
            ):
                if np.isfinite(y):
                    # under its target the label goes below the point, clear of the
                    # target marker just above it (Towuti TW II 2024: 80,04 under 80,1)
                    below = bool(np.isfinite(t) and t >= y)
                    ax.annotate(
                        fmt.angka_ringkas(y),
                        (x, y),
                        xytext=(0, -7 if below else 6),
                        textcoords="offset points",
                        ha="center",
                        va="top" if below else "baseline",
                        fontsize=8,
                    )
            ax.set_xticks(years, [str(y) for y in years])
            ax.margins(y=0.2)  # room for a label above the top point or below the lowest
            ax.set_title(_pendek(name, 70, 2))  # the whole name: a cut one hides the IKU
            _angka_axis(ax, "y")
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        fig.suptitle(judul, fontweight="bold")
        fig.tight_layout()
    return fig


def _kalimat_iku(data: pd.DataFrame) -> str:
    """IKU that cannot be drawn as a trend, said in sentences."""
    parts = []
    for row in data.sort_values(["indikator", "tahun"]).itertuples(index=False):
        parts.append(
            f"{row.indikator} {int(row.tahun)}: target {fmt.angka_ringkas(row.target)}, "
            f"realisasi {fmt.angka_ringkas(row.realisasi)}"
        )
    return (
        "IKU belum dapat digambar sebagai tren (belum ada dua tahun dengan realisasi). "
        + "; ".join(parts)
        + "."
    )


def peta_panas(matriks: pd.DataFrame, judul: str) -> Figure:
    """Heatmap program x kecamatan capaian, red (low) to green (high).

    Programs go down the side and kecamatan across: program names are long and read
    well as wrapped row labels, while eleven short kecamatan names fit side by side.
    """
    if matriks.empty:
        return pesan("Belum ada capaian program untuk periode ini.")
    data = matriks.T.copy()
    data.index = [_pendek(c, 44, 2) for c in data.index]
    with _gaya():
        fig = Figure(figsize=(LEBAR, 0.55 * data.shape[0] + 2))
        ax = fig.subplots()
        # two decimals, as the ranking, the text and the workbook give the same capaian
        annot = data.map(lambda v: fmt.angka(v, 2))
        sns.heatmap(
            data,
            ax=ax,
            cmap="RdYlGn",
            vmin=50,
            vmax=110,
            annot=annot.to_numpy(),
            annot_kws={"fontsize": 7 if data.shape[1] > 6 else 8},
            fmt="",
            linewidths=0.5,
            linecolor="#ffffff",
            cbar_kws={"label": "Capaian (%)"},
        )
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="y", labelrotation=0, labelsize=8)
        ax.tick_params(axis="x", labelrotation=30 if data.shape[1] > 6 else 0, labelsize=8)
        ax.set_title(judul)
        fig.tight_layout()
    return fig


def distribusi_kategori(counts: pd.DataFrame, judul: str) -> Figure:
    """Stacked bars: how many indicators of each kecamatan fall in each band."""
    if counts.empty:
        return pesan("Belum ada indikator berkategori untuk periode ini.")
    with _gaya():
        fig = Figure(figsize=(LEBAR, 0.45 * len(counts) + 1.6))
        ax = fig.subplots()
        left = np.zeros(len(counts))
        names = counts.index.astype("str").to_numpy()
        for code in counts.columns:
            values = counts[code].to_numpy(dtype="float64")
            ax.barh(
                names,
                values,
                left=left,
                color=KATEGORI_WARNA.get(code, KATEGORI_TIDAK_ADA_WARNA),
                label=f"{code} - {KATEGORI_LABEL.get(code, code)}",
                edgecolor="#ffffff",
            )
            left += values
        ax.invert_yaxis()
        ax.set_xlabel("Jumlah indikator")
        _angka_axis(ax, "x")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0,2 ticks
        _legenda_luar(ax)
        ax.set_title(judul)
    return fig


def peringkat(ranking: pd.DataFrame, judul: str) -> Figure:
    """Kecamatan ranked by capaian, bars coloured by band."""
    data = ranking.dropna(subset=["capaian_persen"])
    if data.empty:
        return pesan("Belum ada capaian kecamatan untuk periode ini.")
    if len(data) == 1:
        one = data.iloc[0]
        return _hanya_satu("kecamatan", str(one["kecamatan"]), one)
    renamed = data.rename(columns={"kecamatan": "uraian"})
    return capaian_per_program(renamed, judul)
