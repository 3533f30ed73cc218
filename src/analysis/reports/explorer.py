"""The gap explorer's widgets: one call in the notebook, the same page in Voila.

``penjelajah(processed_dir)`` returns the whole dashboard: a "Kesenjangan" tab (kecamatan,
tahun, triwulan, tingkat, ambang over the list of indicators behind) and an "Antar
kecamatan" tab (one program, kegiatan or sub kegiatan across kecamatan, with its trend).
This module only wires controls; what they offer and what the page says come from
:mod:`analysis.reports.explorer_state` and :mod:`analysis.reports.explorer_render`.

Control rules: the years and quarters offered are those the chosen kecamatan reported
(all kecamatan together for "Semua kecamatan"); when the kecamatan changes, the period is
kept if it reported it, else moved to its latest quarter of that year, else its latest.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from analysis import formatting as fmt
from analysis import paths
from analysis.reports import explorer_render as tampil
from analysis.reports import explorer_state as st
from analysis.reports import views

ENV_PROCESSED = "KINERJA_PROCESSED"
"""Environment variable naming the processed folder (the dashboard launcher sets it)."""


def folder_olahan(processed_dir: str | Path = "") -> Path:
    """The processed folder: the argument, else ``$KINERJA_PROCESSED``, else the project's
    ``data/processed`` found from the current directory (``notebooks/`` included)."""
    if str(processed_dir):
        return Path(processed_dir)
    if os.environ.get(ENV_PROCESSED):
        return Path(os.environ[ENV_PROCESSED])
    return paths.processed_dir()


class _Dasbor(widgets.VBox):
    """The dashboard's outer box; headless runs (papermill) also get an HTML snapshot.

    JupyterLab and Voila render the live widget; a notebook executed without a browser
    keeps the ``text/html`` copy of the opening state, so its output is readable.
    """

    def __init__(self, *args, cuplikan=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cuplikan = cuplikan

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if self._cuplikan is not None and bundle is not None:
            bundle["text/html"] = self._cuplikan()
        return bundle


class _Pesan(widgets.HTML):
    """A one-sentence page (no processed data yet), in the reports' look."""

    def __init__(self, pesan: str) -> None:
        body = views.render("pesan.html.j2", pesan=pesan)
        super().__init__(f'<div class="penjelajah">{tampil.gaya()}{body}</div>')
        self.add_class("penjelajah")


def _dropdown(description: str, cls: str, **kwargs) -> widgets.Dropdown:
    w = widgets.Dropdown(
        description=description,
        layout=widgets.Layout(width="auto", min_width="190px"),
        style={"description_width": "initial"},
        **kwargs,
    )
    w.add_class(cls)
    return w


class Kesenjangan:
    """The gap tab: controls over :func:`explorer_state.keadaan`."""

    def __init__(
        self,
        data: views.Tabel,
        kecamatan: str = st.SEMUA,
        tahun: int = 0,
        triwulan: int = 0,
        tingkat: str = st.SEMUA,
        ambang: float = 100.0,
    ) -> None:
        self.data = data
        self.ada = views.tersedia(data)
        names = sorted(self.ada["kecamatan"].unique())
        kecamatan = kecamatan if kecamatan in names else st.SEMUA
        if not int(tahun):
            tahun, triwulan = st.periode_awal(self.ada)
        # A year without a quarter (0) opens on that year's latest quarter it reported.
        tahun, triwulan = st.sesuaikan_periode(self.ada, kecamatan, tahun, triwulan)
        self._tenang = True
        self.kecamatan = _dropdown(
            "Kecamatan",
            "pj-kecamatan",
            options=[("Semua kecamatan", st.SEMUA), *((k, k) for k in names)],
            value=kecamatan,
        )
        self.tahun = _dropdown("Tahun", "pj-tahun", options=[], value=None)
        self.triwulan = _dropdown("Triwulan", "pj-triwulan", options=[], value=None)
        self.tingkat = _dropdown(
            "Tingkat",
            "pj-tingkat",
            options=list(st.TINGKAT_PILIHAN),
            value=tingkat if tingkat in dict(st.TINGKAT_PILIHAN).values() else st.SEMUA,
        )
        self.ambang = widgets.BoundedFloatText(
            value=float(ambang),
            min=0,
            max=200,
            step=1,
            description="Ambang capaian (%)",
            continuous_update=False,
            layout=widgets.Layout(width="230px"),
            style={"description_width": "initial"},
        )
        self.ambang.add_class("pj-ambang")
        self._isi_periode(tahun, triwulan)
        self.hasil = widgets.HTML()
        self.hasil.add_class("pj-hasil")
        self.kecamatan.observe(self._ganti_periode, names="value")
        self.tahun.observe(self._ganti_periode, names="value")
        for w in (self.triwulan, self.tingkat, self.ambang):
            w.observe(self.perbarui, names="value")
        self._tenang = False
        self.perbarui()
        self.kotak = widgets.VBox(
            [
                widgets.HBox([self.kecamatan, self.tahun, self.triwulan]),
                widgets.HBox([self.tingkat, self.ambang]),
                self.hasil,
            ]
        )

    def _isi_periode(self, tahun: int, triwulan: int) -> None:
        """Offer the kecamatan's years and that year's quarters; select the given ones."""
        kec = self.kecamatan.value
        self.tahun.options = st.daftar_tahun(self.ada, kec)
        self.tahun.value = tahun
        self.triwulan.options = [
            (fmt.nama_triwulan(q), q) for q in st.daftar_triwulan(self.ada, kec, tahun)
        ]
        self.triwulan.value = triwulan

    def _ganti_periode(self, _=None) -> None:
        """Kecamatan or year changed: offer its periods again, keep or move the period."""
        if self._tenang:
            return
        self._tenang = True
        try:
            tahun, triwulan = st.sesuaikan_periode(
                self.ada, self.kecamatan.value, self.tahun.value, self.triwulan.value
            )
            self._isi_periode(tahun, triwulan)
        finally:
            self._tenang = False
        self.perbarui()

    def keadaan(self) -> st.Keadaan:
        """The state for the controls' current values."""
        return st.keadaan(
            self.data,
            self.kecamatan.value,
            self.tahun.value,
            self.triwulan.value,
            self.tingkat.value,
            self.ambang.value,
        )

    def perbarui(self, _=None) -> None:
        """Recompute the list and redraw title, cards, chart, table and downloads."""
        if self._tenang:
            return
        k = self.keadaan()
        unduh = tampil.unduhan_html(k) if k.jumlah else ""
        self.hasil.value = str(tampil.kesenjangan_html(k, unduh))


class Banding:
    """The comparison tab: one node across kecamatan, ranked, with its trend."""

    def __init__(self, data: views.Tabel) -> None:
        self.data = data
        self._tenang = True
        self.tingkat = _dropdown(
            "Tingkat", "pj-banding-tingkat", options=list(st.TINGKAT_PILIHAN[1:]), value="program"
        )
        self.pilihan = _dropdown("Yang dibandingkan", "pj-banding-pilihan", options=[], value=None)
        self.pilihan.layout = widgets.Layout(width="640px")
        self.periode = _dropdown("Periode", "pj-banding-periode", options=[], value=None)
        self.hasil = widgets.HTML()
        self.hasil.add_class("pj-banding-hasil")
        self._isi_pilihan()
        self.tingkat.observe(self._ganti_tingkat, names="value")
        self.pilihan.observe(self._ganti_pilihan, names="value")
        self.periode.observe(self.perbarui, names="value")
        self._tenang = False
        self.perbarui()
        self.kotak = widgets.VBox(
            [widgets.HBox([self.tingkat, self.periode]), self.pilihan, self.hasil]
        )

    def _isi_pilihan(self) -> None:
        items = st.pilihan_banding(self.data, self.tingkat.value)
        self.pilihan.options = list(zip(items["label"], items["kunci"], strict=True))
        self.pilihan.value = items["kunci"].iloc[0] if len(items) else None
        self._isi_periode()

    def _isi_periode(self) -> None:
        if self.pilihan.value is None:
            self.periode.options, self.periode.value = [], None
            return
        tren = st.tren_banding(self.data, self.tingkat.value, self.pilihan.value)
        periods = tren[["tahun", "triwulan"]].drop_duplicates()
        self.periode.options = [
            (f"{fmt.nama_triwulan(q)} {t}", f"{t}-{q}")
            for t, q in zip(periods["tahun"], periods["triwulan"], strict=True)
        ]
        tahun, triwulan = st.periode_awal(tren)
        self.periode.value = f"{tahun}-{triwulan}"

    def _ganti_tingkat(self, _=None) -> None:
        self._tenang = True
        try:
            self._isi_pilihan()
        finally:
            self._tenang = False
        self.perbarui()

    def _ganti_pilihan(self, _=None) -> None:
        if self._tenang:
            return
        self._tenang = True
        try:
            self._isi_periode()
        finally:
            self._tenang = False
        self.perbarui()

    def perbarui(self, _=None) -> None:
        if self._tenang:
            return
        if self.pilihan.value is None or self.periode.value is None:
            self.hasil.value = str(
                views.render("pesan.html.j2", pesan="Belum ada capaian untuk dibandingkan.")
            )
            return
        tahun, triwulan = (int(v) for v in self.periode.value.split("-"))
        tingkat, kunci = self.tingkat.value, self.pilihan.value
        tabel = st.banding(self.data, tingkat, kunci, tahun, triwulan)
        tren = st.tren_banding(self.data, tingkat, kunci)
        uraian = self.pilihan.label.rsplit(" (", 1)[0]
        self.hasil.value = str(
            tampil.banding_html(
                tabel,
                tren,
                st.judul_banding(uraian, tingkat, tahun, triwulan),
                f"Tren capaian s/d triwulan per kecamatan: {uraian}",
                st.tanpa_capaian(tren, tahun, triwulan),
            )
        )


def penjelajah(
    processed_dir: str | Path = "",
    kecamatan: str = st.SEMUA,
    tahun: int = 0,
    triwulan: int = 0,
    tingkat: str = st.SEMUA,
    ambang: float = 100.0,
) -> widgets.DOMWidget:
    """The whole explorer as one widget (display it as a cell's last value).

    ``tahun``/``triwulan`` 0 open on the latest quarter most kecamatan reported. Without
    processed data (or with none reported) the widget is the sentence saying what to run.
    """
    try:
        data = views.muat(folder_olahan(processed_dir))
        gap = Kesenjangan(data, kecamatan, tahun, triwulan, tingkat, ambang)
    except (FileNotFoundError, views.DataTidakAda) as exc:
        # Nothing to explore yet: say so on the page instead of a traceback.
        return _Pesan(str(exc))
    # The comparison tab is built when first opened: the page appears sooner.
    compare_box = widgets.VBox()
    tabs = widgets.Tab(children=[gap.kotak, compare_box], titles=["Kesenjangan", "Antar kecamatan"])
    style = widgets.HTML(tampil.gaya())

    def cuplikan() -> str:
        return f'<div class="penjelajah">{tampil.gaya()}{gap.hasil.value}</div>'

    box = _Dasbor([style, tabs], cuplikan=cuplikan)
    box.add_class("penjelajah")
    box.tabs = tabs  # type: ignore[attr-defined]
    box.kesenjangan = gap  # type: ignore[attr-defined]
    box.banding = None  # type: ignore[attr-defined]

    def buka_banding(change) -> None:
        if change["new"] == 1 and box.banding is None:  # type: ignore[attr-defined]
            box.banding = Banding(data)  # type: ignore[attr-defined]
            compare_box.children = [box.banding.kotak]  # type: ignore[attr-defined]

    tabs.observe(buka_banding, names="selected_index")
    return box
