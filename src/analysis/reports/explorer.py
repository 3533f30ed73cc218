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
from markupsafe import escape

from analysis import formatting as fmt
from analysis import paths
from analysis.reports import explorer_render as tampil
from analysis.reports import explorer_rules as aturan
from analysis.reports import explorer_state as st
from analysis.reports import explorer_tree as rinci
from analysis.reports import loading, markup

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
        body = markup.render("pesan.html.j2", pesan=pesan)
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


def _salah(text: str) -> str:
    """A refusal shown beside the control that caused it (escaped)."""
    return f'<span class="pj-salah" role="alert">{escape(text)}</span>'


class Kesenjangan:
    """The gap tab: controls over :func:`explorer_state.keadaan`."""

    def __init__(
        self,
        data: loading.Tabel,
        kecamatan: str = st.SEMUA,
        tahun: int = 0,
        triwulan: int = 0,
        tingkat: str = st.SEMUA,
        ambang: float = 100.0,
        terdaftar: list[str] | None = None,
        saat_ganti=None,
    ) -> None:
        self.data = data
        self.ada = loading.tersedia(data)
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
        # Text, not a number box: a browser's number input reads "85,5" by its locale
        # (855 in an English one); aturan.baca_ambang reads both notations itself.
        self.ambang_nilai = float(ambang)
        self.ambang = widgets.Text(
            value=aturan.teks_ambang(self.ambang_nilai),
            description="Ambang capaian (%)",
            placeholder="mis. 85 atau 85,5",
            continuous_update=False,
            layout=widgets.Layout(width="260px"),
            style={"description_width": "initial"},
        )
        self.ambang.add_class("pj-ambang")
        self.ambang_pesan = widgets.HTML()
        self.ambang_pesan.add_class("pj-ambang-pesan")
        self.terdaftar = terdaftar if terdaftar is not None else []
        self.saat_ganti = saat_ganti
        self._isi_periode(tahun, triwulan)
        self.hasil = widgets.HTML()
        self.hasil.add_class("pj-hasil")
        self.kecamatan.observe(self._ganti_periode, names="value")
        self.tahun.observe(self._ganti_periode, names="value")
        for w in (self.triwulan, self.tingkat):
            w.observe(self.perbarui, names="value")
        self.ambang.observe(self._ganti_ambang, names="value")
        self._tenang = False
        self.perbarui()
        self.kotak = widgets.VBox(
            [
                widgets.HBox([self.kecamatan, self.tahun, self.triwulan]),
                widgets.HBox([self.tingkat, self.ambang, self.ambang_pesan]),
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

    def _ganti_ambang(self, _=None) -> None:
        """Read the threshold as typed; refuse it visibly (the list keeps the last one)."""
        try:
            value = aturan.baca_ambang(self.ambang.value)
        except aturan.AmbangTidakSah as exc:
            self.ambang_pesan.value = _salah(
                f"{exc} Daftar tetap memakai ambang {aturan.teks_ambang(self.ambang_nilai)}%."
            )
            return
        self.ambang_pesan.value = ""
        self.ambang_nilai = value
        self.perbarui()

    def keadaan(self) -> st.Keadaan:
        """The state for the controls' current values."""
        return st.keadaan(
            self.data,
            self.kecamatan.value,
            self.tahun.value,
            self.triwulan.value,
            self.tingkat.value,
            self.ambang_nilai,
        )

    def perbarui(self, _=None) -> None:
        """Recompute the list and redraw title, cards, chart, table and downloads."""
        if self._tenang:
            return
        k = self.keadaan()
        unduh = tampil.unduhan_html(k) if k.jumlah else ""
        belum = aturan.pesan_belum_melapor(
            aturan.belum_melapor(self.ada, self.terdaftar, k.tahun, k.triwulan),
            len(self.terdaftar),
            k.tahun,
            k.triwulan,
        )
        laporan = rinci.tautan_laporan(k.kecamatan, k.tahun, k.triwulan)
        self.hasil.value = str(tampil.kesenjangan_html(k, unduh, belum, laporan))
        if self.saat_ganti is not None:
            self.saat_ganti()

    def alamat(self) -> dict[str, object]:
        """This tab's part of the page address."""
        return {
            "kecamatan": self.kecamatan.value,
            "tahun": self.tahun.value,
            "triwulan": self.triwulan.value,
            "tingkat": self.tingkat.value,
            "ambang": aturan.teks_ambang(self.ambang_nilai),
        }


class Banding:
    """The comparison tab: one node across kecamatan, ranked, with its trend."""

    def __init__(
        self, data: loading.Tabel, tingkat: str = "program", kunci: str = "", periode: str = "",
        saat_ganti=None,
    ) -> None:  # fmt: skip
        self.data = data
        self.saat_ganti = None
        self._tenang = True
        levels = dict(st.TINGKAT_PILIHAN[1:])
        self.tingkat = _dropdown(
            "Tingkat",
            "pj-banding-tingkat",
            options=list(st.TINGKAT_PILIHAN[1:]),
            value=tingkat if tingkat in levels.values() else "program",
        )
        self.pilihan = _dropdown("Yang dibandingkan", "pj-banding-pilihan", options=[], value=None)
        self.pilihan.layout = widgets.Layout(width="640px")
        self.periode = _dropdown("Periode", "pj-banding-periode", options=[], value=None)
        self.hasil = widgets.HTML()
        self.hasil.add_class("pj-banding-hasil")
        self._isi_pilihan()
        keys = [v for _, v in self.pilihan.options]
        if kunci in keys and kunci != self.pilihan.value:
            self.pilihan.value = kunci
            self._isi_periode()
        if periode in [v for _, v in self.periode.options]:
            self.periode.value = periode
        self.tingkat.observe(self._ganti_tingkat, names="value")
        self.pilihan.observe(self._ganti_pilihan, names="value")
        self.periode.observe(self.perbarui, names="value")
        self._tenang = False
        self.perbarui()
        self.saat_ganti = saat_ganti
        self.kotak = widgets.VBox(
            [widgets.HBox([self.tingkat, self.periode]), self.pilihan, self.hasil]
        )

    def alamat(self) -> dict[str, object]:
        """This tab's part of the page address."""
        return {"banding": self.tingkat.value, "kunci": self.pilihan.value or "",
                "periode": self.periode.value or ""}  # fmt: skip

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
                markup.render("pesan.html.j2", pesan="Belum ada capaian untuk dibandingkan.")
            )
            return
        tahun, triwulan = (int(v) for v in self.periode.value.split("-"))
        tingkat, kunci = self.tingkat.value, self.pilihan.value
        tabel = st.banding(self.data, tingkat, kunci, tahun, triwulan)
        tren = st.tren_banding(self.data, tingkat, kunci)
        uraian = self.pilihan.label.rsplit(" (", 1)[0]
        judul = st.judul_banding(uraian, tingkat, tahun, triwulan)
        unduh = ""
        if len(tabel):
            kode = str(tabel["kunci"].iloc[0]) if "kunci" in tabel else str(kunci)
            frame = tampil.tabel_unduhan_banding(tabel, tingkat, kode)
            slug = paths.slugify(str(kunci).replace(".", "-"))
            name = "_".join(["banding", tingkat, slug, str(tahun), f"tw{triwulan}"])
            unduh = tampil.unduhan_banding_html(frame, name, judul)
        self.hasil.value = str(
            tampil.banding_html(
                tabel,
                tren,
                judul,
                f"Tren capaian s/d triwulan per kecamatan: {uraian}",
                st.tanpa_capaian(tren, tahun, triwulan),
                tingkat=tingkat,
                unduh=unduh,
            )
        )
        if self.saat_ganti is not None:
            self.saat_ganti()


class Rincian:
    """The drill-down tab: the gap tab's kecamatan and quarter as a tree
    kecamatan > program > kegiatan > sub kegiatan (:mod:`explorer_tree`)."""

    def __init__(self, data: loading.Tabel) -> None:
        self.data = data
        self.hasil = widgets.HTML()
        self.hasil.add_class("pj-rincian-hasil")
        self.kotak = widgets.VBox([self.hasil])
        self._kunci: tuple[str, int, int] | None = None

    def tampilkan(self, kecamatan: str, tahun: int, triwulan: int) -> None:
        if self._kunci == (kecamatan, tahun, triwulan):
            return
        self._kunci = (kecamatan, tahun, triwulan)
        self.hasil.value = str(rinci.rincian_html(self.data, kecamatan, tahun, triwulan))


TAB = ("kesenjangan", "antar", "rincian")
"""Tab names in the page address (``?tab=antar``)."""


def _pesan_rusak(exc: Exception) -> _Pesan:
    return _Pesan(str(exc))


def penjelajah(
    processed_dir: str | Path = "",
    kecamatan: str = st.SEMUA,
    tahun: int = 0,
    triwulan: int = 0,
    tingkat: str = st.SEMUA,
    ambang: float = 100.0,
    alamat: str | None = None,
) -> widgets.DOMWidget:
    """The whole explorer as one widget (display it as a cell's last value).

    ``tahun``/``triwulan`` 0 open on the latest quarter most kecamatan reported. The view
    named in the page address (``alamat``, by default Voila's ``$QUERY_STRING``) wins over
    the arguments, so a bookmarked address reopens that view. Without processed data (or
    with none reported), or with a damaged table, the widget is the sentence saying what
    is wrong and what to run.
    """
    view = aturan.baca_alamat(os.environ.get("QUERY_STRING", "") if alamat is None else alamat)
    kecamatan = view.get("kecamatan", kecamatan)
    tahun = aturan.angka_bulat(view.get("tahun"), int(tahun))
    triwulan = aturan.angka_bulat(view.get("triwulan"), int(triwulan))
    tingkat = view.get("tingkat", tingkat)
    ambang_salah = None
    if "ambang" in view:
        try:
            ambang = aturan.baca_ambang(view["ambang"])
        except aturan.AmbangTidakSah as exc:
            ambang_salah = str(exc)
    try:
        folder = folder_olahan(processed_dir)
        data = loading.muat(folder)
        aturan.periksa_tabel(
            {n: getattr(data, n) for n in ("kinerja", "anggaran", "ringkasan")}, data.folder
        )
        terdaftar = aturan.kecamatan_terdaftar()
        gap = Kesenjangan(data, kecamatan, tahun, triwulan, tingkat, ambang, terdaftar)
    except (FileNotFoundError, loading.DataTidakAda, loading.DataRusak, aturan.TabelRusak) as exc:
        # Nothing to explore, or nothing the page can show: say so instead of a traceback.
        return _pesan_rusak(exc)
    if ambang_salah:
        gap.ambang_pesan.value = _salah(ambang_salah)
    # The other tabs are built when first opened: the page appears sooner.
    compare_box = widgets.VBox()
    detail = Rincian(data)
    tabs = widgets.Tab(
        children=[gap.kotak, compare_box, detail.kotak],
        titles=["Kesenjangan", "Antar kecamatan", "Rincian"],
    )
    style = widgets.HTML(tampil.gaya())
    address = widgets.HTML()
    address.add_class("pj-alamat")

    def cuplikan() -> str:
        return f'<div class="penjelajah">{tampil.gaya()}{gap.hasil.value}</div>'

    box = _Dasbor([style, address, tabs], cuplikan=cuplikan)
    box.add_class("penjelajah")
    box.tabs = tabs  # type: ignore[attr-defined]
    box.kesenjangan = gap  # type: ignore[attr-defined]
    box.banding = None  # type: ignore[attr-defined]
    box.rincian = detail  # type: ignore[attr-defined]

    def tulis_alamat() -> None:
        """Put the view in a data attribute; the page's script copies it to the address."""
        state: dict[str, object] = {"tab": TAB[tabs.selected_index or 0], **gap.alamat()}
        if box.banding is not None:  # type: ignore[attr-defined]
            state.update(box.banding.alamat())  # type: ignore[attr-defined]
        query = aturan.tulis_alamat(state)
        address.value = f'<span class="pj-alamat-data" data-alamat="{escape(query)}"></span>'

    def ikuti_kesenjangan() -> None:
        if tabs.selected_index == 2:
            detail.tampilkan(gap.kecamatan.value, gap.tahun.value, gap.triwulan.value)
        tulis_alamat()

    def buka_tab(change) -> None:
        if change["new"] == 1 and box.banding is None:  # type: ignore[attr-defined]
            box.banding = Banding(  # type: ignore[attr-defined]
                data,
                view.get("banding", "program"),
                view.get("kunci", ""),
                view.get("periode", ""),
                saat_ganti=tulis_alamat,
            )
            compare_box.children = [box.banding.kotak]  # type: ignore[attr-defined]
        ikuti_kesenjangan()

    gap.saat_ganti = ikuti_kesenjangan
    tabs.observe(buka_tab, names="selected_index")
    opening = TAB.index(view["tab"]) if view.get("tab") in TAB else 0
    if opening:
        tabs.selected_index = opening
    else:
        tulis_alamat()
    return box
