"""The official tables planners hand in, as plain DataFrames with their printed headers.

The seeds are the forms: the *Evaluasi atas Rencana Aksi* (seed 000: per indicator the
target, realisasi, capaian and KET of each quarter), the LKj *Tabel 3.4* (seed 004:
kinerja target / realisasi s/d TW / capaian beside anggaran kas / realisasi / capaian),
the IKU table across years (seed 004 Tabel 3.2/3.3, seed 002), the gap list and the
data-quality findings. The regency overview's tables (ranking, program x kecamatan
capaian, findings per kecamatan) are in :mod:`analysis.reports.official_ringkasan`.

Every builder returns a :class:`TabelResmi`: the rows as raw numbers (NaN = no value),
the columns with the header the form prints, their group header and their kind. The
writers (:mod:`analysis.reports.office` for Excel and Word, the HTML report) only lay
them out; :meth:`TabelResmi.tampilan` gives the Indonesian text of every cell, so a
figure reads the same in every format. Nothing here computes a metric: values come from
the processed tables through :mod:`analysis.reports.views`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import hierarchy_rows, narrative, tercetak, views
from analysis.reports.period import periode
from analysis.reports.views import Tabel

# --- the table description ----------------------------------------------------------------

JENIS_KOLOM = ("teks", "angka", "rupiah", "persen", "bilangan", "tahun")
"""Kinds of column: ``teks`` text; ``angka`` a measured value (at most two decimals, with
its unit when the column names one); ``rupiah`` whole rupiah; ``persen`` a percentage
in points (97.46 = 97,46 %); ``bilangan`` a count; ``tahun`` a year."""


@dataclass(frozen=True)
class Kolom:
    """One column of an official table."""

    kunci: str
    """Column of :attr:`TabelResmi.baris` holding the values."""
    judul: str
    """Header as the form prints it."""
    jenis: str = "teks"
    grup: str | None = None
    """Group header printed above this and the neighbouring columns of the same group."""
    satuan: str | None = None
    """For ``angka``: column of :attr:`TabelResmi.baris` holding each row's unit."""
    lebar: float = 12.0
    """Suggested width in characters (Excel column width)."""
    opsional: bool = False
    """Not printed by the form itself: left out when it is empty for the whole table."""

    def __post_init__(self) -> None:
        if self.jenis not in JENIS_KOLOM:
            raise ValueError(f"jenis kolom {self.jenis!r} tidak dikenal: {JENIS_KOLOM}")


JENIS_RUMUS = ("jumlah", "rata", "rasio")


@dataclass(frozen=True)
class Rumus:
    """How a workbook recomputes one column with a live formula instead of a typed value.

    ``jumlah``: a parent row is the ``SUM`` of its children rows (``_induk`` of
    :attr:`TabelResmi.baris` names each row's parent ``_blok``); ``rata``: a parent row
    without its own figure is the ``AVERAGE`` of its children; ``rasio``: ``pembilang /
    penyebut x 100`` on the same row, the first of ``penyebut`` that holds a value (serapan
    against the cash plan, else the pagu). ``acuan`` is the column holding the recomputed
    figure: a formula is written only where it reproduces that figure (else the cell keeps
    its typed value), so a workbook never shows a number the report does not.
    """

    kolom: str
    jenis: str
    acuan: str
    pembilang: str = ""
    penyebut: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.jenis not in JENIS_RUMUS:
            raise ValueError(f"jenis rumus {self.jenis!r} tidak dikenal: {JENIS_RUMUS}")


@dataclass(frozen=True, eq=False)
class TabelResmi:
    """An official table: printed headers, kinds, and the rows as raw values.

    ``baris`` has one column per :class:`Kolom` (``kunci``) plus ``_tingkat`` (the row's
    level, for indentation and bold parents: ``program``, ``kegiatan``, ``sub_kegiatan``,
    ``total`` or empty) and ``_blok`` (rows with the same ``_blok`` belong to one
    indicator or node; the columns named in ``gabung`` are printed once for the block,
    merged down, and hold NaN/empty on the block's later rows). An optional ``_tanda``
    column names, per row, the figure columns (``kunci`` separated by spaces) whose value
    is the office's printed figure where the recomputation differs: they show with
    :data:`TANDA` after the number, the recomputed figure and its rule stand in the row's
    ``hitung_ulang`` column.
    """

    nama: str
    """Sheet name (at most 31 characters, no ``[]:*?/\\``)."""
    judul: str
    """Title printed above the table."""
    kolom: tuple[Kolom, ...]
    baris: pd.DataFrame
    keterangan: str = ""
    """One sentence under the title: what the table holds and how its figures are made."""
    gabung: tuple[str, ...] = ()
    nomor_kolom: bool = False
    """Print the numbered row ``(1) (2) ...`` under the header, as the forms do."""
    pesan_kosong: str = "Tidak ada data untuk periode ini."
    catatan: tuple[str, ...] = field(default=())
    """Notes printed under the table."""
    rumus: tuple[Rumus, ...] = field(default=())
    """Columns a workbook writes as formulas (:class:`Rumus`); documents print values."""

    @property
    def ada_grup(self) -> bool:
        """True when the header has two rows (a group header above some columns)."""
        return any(k.grup for k in self.kolom)

    def tanpa_kolom_kosong(self, semua: bool = False) -> TabelResmi:
        """The table without its empty optional columns (``semua``: every empty column).

        The workbook and the Word draft keep the form's own columns even when empty (the
        planner fills them in); an added column such as the indicator name of Tabel 3.4
        goes when no row has one. A screen report may drop every empty column.
        """
        keep = []
        for k in self.kolom:
            values = self.baris[k.kunci] if k.kunci in self.baris else pd.Series(dtype="object")
            empty = values.map(fmt.is_missing).all() if len(values) else True
            if not empty or not (semua or k.opsional):
                keep.append(k)
        if len(keep) == len(self.kolom):
            return self
        return dataclasses.replace(self, kolom=tuple(keep))

    def tampilan(self) -> pd.DataFrame:
        """Every cell as the Indonesian text the report prints (``-`` for no value).

        Computed once per table (the writers ask for it several times); do not modify it.
        """
        return self._tampilan

    @functools.cached_property
    def _tampilan(self) -> pd.DataFrame:
        out = {}
        for k in self.kolom:
            values = self.baris[k.kunci] if k.kunci in self.baris else pd.Series(dtype="object")
            if k.jenis == "teks":
                out[k.kunci] = values.map(lambda v: "" if fmt.is_missing(v) else str(v)).astype(
                    "object"
                )
                continue
            text = values.map(_FORMAT[k.jenis]).astype("object")
            if k.satuan and k.satuan in self.baris:
                unit = (
                    self.baris[k.satuan]
                    .map(lambda v: "" if fmt.is_missing(v) else str(v))
                    .astype("object")
                )
                text = text.where((text == fmt.KOSONG) | (unit == ""), text + " " + unit)
            if "_tanda" in self.baris:
                marked = (
                    self.baris["_tanda"]
                    .fillna("")
                    .astype("str")
                    .str.split()
                    .map(lambda keys, key=k.kunci: key in keys)
                )
                text = text.where(~marked.to_numpy() | (text == fmt.KOSONG), text + TANDA)
            out[k.kunci] = text
        shown = pd.DataFrame(out, index=self.baris.index)
        if self.gabung and "_blok" in self.baris:
            later = self.baris["_blok"].duplicated()
            for key in self.gabung:
                shown.loc[later, key] = ""
        return shown


TANDA = " *"
"""After a printed figure that the recomputation does not confirm (see ``_tanda``)."""

_FORMAT: dict[str, Callable[[object], str]] = {
    "angka": fmt.angka_ringkas,
    "rupiah": fmt.angka,
    "persen": lambda v: fmt.angka(v, 2),
    "bilangan": fmt.angka,
    "tahun": lambda v: fmt.KOSONG if fmt.is_missing(v) else str(int(v)),  # type: ignore[call-overload]
}


def _text(series: pd.Series) -> pd.Series:
    return series.astype("object").where(series.notna(), "").astype("str").str.strip()


def _blank_later(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Keep the block's values on its first row only (sums over the frame stay right)."""
    later = frame["_blok"].duplicated()
    for col in columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        frame.loc[later, col] = np.nan if numeric else ""
    return frame


# --- Evaluasi atas Rencana Aksi (seed 000) ------------------------------------------------------

_IDENTITAS = ["kunci", "kunci_program", "kunci_kegiatan", "tingkat", "kode", "uraian"]


def rencana_aksi(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """The *Evaluasi atas Rencana Aksi* form: one row per indicator and quarter.

    For each indicator reported in any quarter up to ``triwulan``: its annual target and
    unit, then per quarter (TW I to the report's quarter) the quarter's own target,
    realisasi, capaian and the office's KET note, as the form lists them under each
    other. A quarter the office did not report per quarter (only "s/d" figures, as Wotu's
    Tabel 3.4) stays empty rather than invented.
    """
    k = data.kinerja
    k = k[(k["kecamatan"] == kecamatan) & (k["tahun"] == tahun) & (k["triwulan"] <= triwulan)]
    k = k.assign(_indikator=_text(k["indikator"]))
    ident = [*_IDENTITAS, "_indikator", "indikator", "satuan", "target_tahunan"]
    # Identity of each indicator from its latest quarter, order from its first appearance.
    latest = k.sort_values("triwulan", kind="stable").drop_duplicates(
        ["kunci", "_indikator"], keep="last"
    )
    first_seen = k.drop_duplicates(["kunci", "_indikator"])[["kunci", "_indikator"]]
    base = first_seen.merge(latest[ident], on=["kunci", "_indikator"], how="left")
    base = views._hierarchy_order(base).reset_index(drop=True)
    order = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    ).drop_duplicates("kunci")
    base["_urut"] = base["kunci"].map(order.set_index("kunci")["urut"])
    base = base.sort_values("_urut", kind="stable", na_position="last").reset_index(drop=True)
    base = base.drop(columns="_urut")
    base["_blok"] = np.arange(len(base))
    values = k[
        [
            "kunci",
            "_indikator",
            "triwulan",
            "target_tw",
            "realisasi_tw",
            "capaian_tw_persen",
            "capaian_tw_dilaporkan",
            "keterangan",
        ]
    ].drop_duplicates(["kunci", "_indikator", "triwulan"])
    long = base.merge(values, on=["kunci", "_indikator"], how="left")
    long = long.sort_values(["_blok", "triwulan"], kind="stable").reset_index(drop=True)
    # A node with neither indicator nor any figure (a program heading) is one row.
    figures = long[["target_tw", "realisasi_tw", "capaian_tw_persen"]].notna().any(axis=1)
    has_any = figures.groupby(long["_blok"]).transform("any")
    heading = ~has_any & (long["_indikator"] == "") & long["target_tahunan"].isna()
    long = long[~(heading & long["_blok"].duplicated())].reset_index(drop=True)
    heading = heading.loc[heading.index.isin(long.index)].reset_index(drop=True)
    tw = ("TW " + long["triwulan"].map(fmt.romawi)).where(~heading.to_numpy(), "")
    # The quarter's capaian as the office printed it; realisasi / target beside it when
    # the two differ.
    printed = long["capaian_tw_dilaporkan"].astype("float64")
    computed = long["capaian_tw_persen"].astype("float64")
    band = pd.DataFrame(
        {
            "capaian_dilaporkan": printed,
            "capaian_dihitung": computed,
            "capaian_berbeda": tercetak.berbeda(printed, computed, False),
            "capaian_alasan": tercetak.alasan_indikator(long["realisasi_tw"], long["target_tw"]),
        }
    )
    rows = pd.DataFrame(
        {
            "kode": _text(long["kode"]),
            "uraian": _text(long["uraian"]),
            "indikator": _text(long["indikator"]),
            "satuan": _text(long["satuan"]),
            "target_tahunan": long["target_tahunan"].astype("float64"),
            "tw": tw,
            "target_tw": long["target_tw"].astype("float64"),
            "realisasi_tw": long["realisasi_tw"].astype("float64"),
            "capaian_tw_persen": tercetak.tampil(band, "capaian").astype("float64"),
            "keterangan": _text(long["keterangan"]),
            "hitung_ulang": tercetak.catatan_baris(band, ("capaian",)),
            "_tanda": tercetak.tanda(band, {"capaian": "capaian_tw_persen"}),
            "_hitung_capaian": computed,
            "_tingkat": _text(long["tingkat"]),
            "_blok": long["_blok"],
        }
    )
    gabung = ("kode", "uraian", "indikator", "satuan", "target_tahunan")
    rows = _blank_later(rows, gabung)
    catatan = ()
    pesan_kosong = "Tidak ada indikator kinerja untuk periode ini."
    if len(rows) and rows[["target_tw", "realisasi_tw"]].isna().all().all():
        # No form sent: one line says so instead of pages of an empty form.
        rows = rows.iloc[0:0]
        pesan_kosong = (
            f"Kecamatan {kecamatan} tidak mengirim formulir Rencana Aksi untuk periode ini "
            "(tidak ada target dan realisasi per triwulan, hanya angka kumulatif s/d "
            "triwulan): lihat Tabel 3.4."
        )
    grup = "PROGRAM / KEGIATAN / SUB KEGIATAN"
    kolom = (
        Kolom("kode", "KODE", lebar=15),
        Kolom("uraian", "URAIAN", grup=grup, lebar=38),
        Kolom("indikator", "INDIKATOR KINERJA", grup=grup, lebar=38),
        Kolom("satuan", "SATUAN", grup=grup, lebar=11),
        Kolom("target_tahunan", "TARGET TAHUNAN", "angka", grup=grup, lebar=10),
        Kolom("tw", "TRIWULAN", grup=grup, lebar=9),
        Kolom("target_tw", "TARGET", "angka", grup=grup, lebar=10),
        Kolom("realisasi_tw", "REALISASI", "angka", grup=grup, lebar=10),
        Kolom("capaian_tw_persen", "CAPAIAN %", "persen", grup=grup, lebar=10),
        Kolom("keterangan", "KET", lebar=48),
        Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=36, opsional=True),
    )
    if rows["hitung_ulang"].ne("").any():
        catatan = (*catatan, tercetak.CATATAN_TANDA)
    return TabelResmi(
        nama="Rencana Aksi",
        judul=(
            f"EVALUASI ATAS RENCANA AKSI {fmt.nama_triwulan(triwulan).upper()} "
            f"KANTOR KECAMATAN {kecamatan.upper()} TAHUN {tahun}"
        ),
        keterangan=(
            "Target, realisasi dan capaian tiap triwulan (triwulan itu saja, bukan kumulatif), "
            "dengan keterangan (KET) dari kecamatan."
        ),
        kolom=kolom,
        baris=rows,
        gabung=gabung,
        nomor_kolom=True,
        pesan_kosong=pesan_kosong,
        catatan=catatan,
        rumus=(
            Rumus("capaian_tw_persen", "rasio", "_hitung_capaian", "realisasi_tw", ("target_tw",)),
        ),
    )


# --- LKj Tabel 3.4 (seed 004) -------------------------------------------------------------------

_BESARAN_3_4 = ("capaian", "pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan")
_KOLOM_3_4 = {
    "capaian": "capaian_kinerja",
    "pagu": "pagu",
    "anggaran_sd": "anggaran_sd",
    "realisasi_anggaran_sd": "realisasi_anggaran_sd",
    "serapan": "serapan",
}


KALIMAT_TERCETAK = (
    "Angka yang dicetak kecamatan ditampilkan seperti tercetak; bila hitung ulang berbeda, "
    "angkanya bertanda * dan hasil hitung ulang beserta alasannya ada di kolom terakhir."
)
"""The sentence of a table's ``keterangan`` on printed figures (a workbook with formulas
words it for its formula cells: :data:`analysis.reports.office_xlsx.KALIMAT_RUMUS`)."""

_UANG_3_4 = ("pagu", "anggaran_sd", "realisasi_anggaran_sd")
_RUMUS_3_4 = (
    *(Rumus(k, "jumlah", f"_hitung_{k}") for k in _UANG_3_4),
    Rumus("capaian_kinerja", "rasio", "_hitung_capaian_kinerja", "realisasi", ("target",)),
    Rumus("capaian_kinerja", "rata", "_hitung_capaian_kinerja"),
    Rumus("serapan", "rasio", "_hitung_serapan", "realisasi_anggaran_sd", ("anggaran_sd", "pagu")),
)
"""Tabel 3.4 in a workbook: parent and TOTAL budgets are sums of their children, capaian
is realisasi / target (a node without an indicator: the mean of its children), serapan is
realisasi / anggaran kas (no cash plan: / pagu) - each where it reproduces the report."""


def _simpul_urut_kode(
    data: Tabel, kin: pd.DataFrame, ang: pd.DataFrame, kecamatan: str, tahun: int, triwulan: int
) -> pd.DataFrame:
    """The nodes of one report in code order (:func:`hierarchy_rows.simpul`: a kegiatan the
    source lists late still sits under its program by its code), with the parents the
    source left out completed, ``_blok`` (position) and ``_induk`` (the parent's
    ``_blok``; a program's parent is the TOTAL row, ``len(nodes)``; -1 for none)."""
    nodes = pd.concat([kin[_IDENTITAS], ang[_IDENTITAS]], ignore_index=True)
    nodes = nodes.drop_duplicates("kunci").reset_index(drop=True)
    nodes = views._hierarchy_order(nodes).reset_index(drop=True)
    order = hierarchy_rows.simpul(
        data.ringkasan, data.kinerja, data.anggaran, kecamatan, tahun, triwulan
    )
    order = order.drop_duplicates("kunci")
    extra = order.loc[~order["kunci"].isin(nodes["kunci"]), ["kunci", "tingkat", "kode", "uraian"]]
    nodes = pd.concat([nodes, extra], ignore_index=True)
    nodes["_urut"] = nodes["kunci"].map(order.set_index("kunci")["urut"])
    nodes["_pos"] = np.arange(len(nodes))
    nodes = nodes.sort_values(["_urut", "_pos"], kind="stable", na_position="last")
    nodes = nodes.drop(columns=["_urut", "_pos"]).reset_index(drop=True)
    nodes["_blok"] = np.arange(len(nodes))
    blok = pd.Series(nodes["_blok"].to_numpy(), index=nodes["kunci"].astype("str"))
    induk = nodes["kunci"].map(order.set_index("kunci")["kunci_induk"]).astype("object")
    parent = induk.map(blok).where(nodes["tingkat"] != "program", len(nodes))
    nodes["_induk"] = parent.fillna(-1).astype("int64")
    return nodes


def tabel_3_4(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """The LKj *Tabel 3.4* form: kinerja and anggaran s/d TW per program/kegiatan/sub kegiatan.

    Rows: every node of the hierarchy that has an indicator or a budget line, in program >
    kegiatan > sub kegiatan order, and one row per indicator when a node has several.
    Kinerja: the indicator's target and realisasi s/d TW and their capaian; a node
    without an indicator of its own (programs and kegiatan in the LKj) shows the rolled-up
    capaian of the nodes under it. Anggaran: anggaran kas and realisasi s/d TW and the
    serapan, from the same roll-up as the report's cards (``ringkasan``). The last row is
    the TOTAL BELANJA of the kecamatan. Every figure the office printed is shown as
    printed; where the roll-up differs it is marked and the ``hitung_ulang`` column gives
    the recomputed figure and its rule (:mod:`analysis.reports.tercetak`).
    """
    kin = periode(data.kinerja, kecamatan, tahun, triwulan)
    ang = periode(data.anggaran, kecamatan, tahun, triwulan)
    ang = ang[ang["tingkat"].isin(["program", "kegiatan", "sub_kegiatan"])]
    nodes = _simpul_urut_kode(data, kin, ang, kecamatan, tahun, triwulan)
    band = tercetak.banding_simpul(data, kecamatan, tahun, triwulan)
    node_band = band[band["tingkat"] != "kecamatan"].drop(columns=["tingkat", "kode", "uraian"])
    nodes = nodes.merge(node_band.drop_duplicates("kunci"), on="kunci", how="left")
    ind = kin.loc[
        kin["indikator"].notna() | kin["target_sd"].notna() | kin["realisasi_sd"].notna(),
        ["kunci", "indikator", "satuan", "target_sd", "realisasi_sd", "capaian_sd_persen",
         "capaian_sd_dilaporkan"],
    ]  # fmt: skip
    rows = nodes.merge(ind, on="kunci", how="left").sort_values("_blok", kind="stable")
    rows = rows.reset_index(drop=True)
    own = rows["target_sd"].notna() | rows["realisasi_sd"].notna()
    # A row's capaian: its indicator's (printed, else realisasi / target) or, for a node
    # without one, the node's (printed, else the roll-up of the nodes under it).
    ind_band = tercetak.banding_indikator(rows)
    for col in ("dilaporkan", "dihitung", "berbeda", "alasan"):
        rows[f"capaian_{col}"] = ind_band[f"capaian_{col}"].where(own, rows[f"capaian_{col}"])
    first = ~rows["_blok"].duplicated()
    for q in ("pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan"):
        rows[f"{q}_berbeda"] = rows[f"{q}_berbeda"].fillna(False).astype(bool) & first
    rows["capaian_berbeda"] = rows["capaian_berbeda"].fillna(False).astype(bool)
    program_no = (rows["tingkat"] == "program") & ~rows["_blok"].duplicated()
    nomor = program_no.cumsum().map(lambda n: f"{n:02d}").where(program_no, "")
    out = pd.DataFrame(
        {
            "no": nomor,
            "uraian": _text(rows["uraian"]),
            "indikator": _text(rows["indikator"]),
            "satuan": _text(rows["satuan"]),
            "target": rows["target_sd"].astype("float64"),
            "realisasi": rows["realisasi_sd"].astype("float64"),
            "capaian_kinerja": tercetak.tampil(rows, "capaian").astype("float64"),
            "pagu": tercetak.tampil(rows, "pagu").astype("float64"),
            "anggaran_sd": tercetak.tampil(rows, "anggaran_sd").astype("float64"),
            "realisasi_anggaran_sd": tercetak.tampil(rows, "realisasi_anggaran_sd").astype(
                "float64"
            ),
            "serapan": tercetak.tampil(rows, "serapan").astype("float64"),
            "hitung_ulang": tercetak.catatan_baris(rows, _BESARAN_3_4),
            "_tanda": tercetak.tanda(rows, _KOLOM_3_4),
            "_tingkat": _text(rows["tingkat"]),
            "_blok": rows["_blok"],
            "_induk": rows["_induk"],
            "_kode": _text(rows["kode"]),
            **{
                f"_hitung_{k}": rows[f"{q}_dihitung"].astype("float64")
                for q, k in _KOLOM_3_4.items()
            },
        }
    )
    gabung = ("no", "uraian", "pagu", "anggaran_sd", "realisasi_anggaran_sd", "serapan")
    out = _blank_later(out, (*gabung, *(f"_hitung_{k}" for k in gabung if k in _UANG_3_4)))
    total = band[band["tingkat"] == "kecamatan"].head(1).reset_index(drop=True)
    if len(total):
        t = total.iloc[0]
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    {
                        "no": [""],
                        "uraian": ["TOTAL BELANJA"],
                        "indikator": [""],
                        "satuan": [""],
                        "target": [np.nan],
                        "realisasi": [np.nan],
                        "capaian_kinerja": tercetak.tampil(total, "capaian").to_numpy(),
                        "pagu": tercetak.tampil(total, "pagu").to_numpy(),
                        "anggaran_sd": tercetak.tampil(total, "anggaran_sd").to_numpy(),
                        "realisasi_anggaran_sd": tercetak.tampil(
                            total, "realisasi_anggaran_sd"
                        ).to_numpy(),
                        "serapan": [float(t["serapan_dihitung"])],
                        "hitung_ulang": tercetak.catatan_baris(total, _BESARAN_3_4).to_numpy(),
                        "_tanda": tercetak.tanda(total, _KOLOM_3_4).to_numpy(),
                        "_tingkat": ["total"],
                        "_blok": [len(nodes)],
                        "_induk": [-1],
                        "_kode": [""],
                        **{
                            f"_hitung_{k}": total[f"{q}_dihitung"].to_numpy(dtype="float64")
                            for q, k in _KOLOM_3_4.items()
                        },
                    }
                ),
            ],
            ignore_index=True,
        )
    catatan = ()
    no_cash_plan = out["anggaran_sd"].isna() & out["serapan"].notna()
    if no_cash_plan.any():
        catatan = (
            "Anggaran kas tidak dilaporkan untuk sebagian baris; capaian anggaran baris itu "
            "dihitung terhadap pagu (anggaran kas sampai Triwulan IV sama dengan pagu).",
        )
    r = fmt.romawi(triwulan)
    tw_iv = int(triwulan) == 4
    kolom = (
        Kolom("no", "NO", lebar=5),
        Kolom("uraian", "PROGRAM/KEGIATAN/ SUB KEGIATAN", lebar=44),
        Kolom("indikator", "INDIKATOR KINERJA", grup="KINERJA", lebar=30, opsional=True),
        Kolom(
            "target",
            "TARGET" if tw_iv else f"TARGET s/d TW.{r}",
            "angka",
            grup="KINERJA",
            satuan="satuan",
            lebar=14,
        ),
        Kolom(
            "realisasi",
            f"REALISASI s/d TW.{r} TAHUN {tahun}",
            "angka",
            grup="KINERJA",
            satuan="satuan",
            lebar=14,
        ),
        Kolom("capaian_kinerja", "Capaian (%)", "persen", grup="KINERJA", lebar=10),
        Kolom(
            "pagu", f"PAGU TAHUN {tahun} (Rp.)", "rupiah", grup="ANGGARAN", lebar=17, opsional=True
        ),
        Kolom(
            "anggaran_sd",
            f"TARGET s/d TRIWULAN {r} (BERDASARKAN ANGGARAN KAS)",
            "rupiah",
            grup="ANGGARAN",
            lebar=17,
        ),
        Kolom(
            "realisasi_anggaran_sd",
            f"REALISASI ANGGARAN S.D Triwulan {r} {tahun} (Rp.)",
            "rupiah",
            grup="ANGGARAN",
            lebar=17,
        ),
        Kolom("serapan", "Capaian (%)", "persen", grup="ANGGARAN", lebar=10),
        Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=40, opsional=True),
    )
    if out["hitung_ulang"].ne("").any():
        catatan = (*catatan, tercetak.CATATAN_TANDA)
    aturan = tercetak.kalimat_target_nol(data, kecamatan, tahun, triwulan)
    if aturan:
        catatan = (*catatan, aturan)
    return TabelResmi(
        nama="Tabel 3.4",
        judul=(
            f"Tabel 3.4 Realisasi Kinerja dan Anggaran sampai dengan {fmt.nama_triwulan(triwulan)} "
            f"Tahun {tahun} Kantor Kecamatan {kecamatan}"
        ),
        keterangan=(
            f"Kinerja dan anggaran kumulatif sampai {fmt.nama_triwulan(triwulan)}. Capaian "
            "program dan kegiatan tanpa indikator sendiri adalah rata-rata capaian di bawahnya; "
            "capaian anggaran = realisasi / anggaran kas x 100 (tanpa anggaran kas: / pagu). "
            + KALIMAT_TERCETAK
        ),
        kolom=kolom,
        baris=out,
        gabung=gabung,
        nomor_kolom=True,
        pesan_kosong="Tidak ada program, kegiatan atau anggaran untuk periode ini.",
        catatan=catatan,
        rumus=_RUMUS_3_4,
    )


# --- IKU across years (seed 004 Tabel 3.2/3.3) ----------------------------------------------------


def tabel_iku(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> TabelResmi:
    """Main indicators (IKM, Nilai LAKIP, ...) with target, realisasi and capaian per year.

    The values are :func:`analysis.reports.views.riwayat_iku`'s: the annual figure, or the
    latest quarter up to the report's quarter for the report's own year. A capaian the
    office printed is shown as printed; where realisasi / target differs beyond the
    tolerance it is marked and ``hitung_ulang`` gives the recomputed figure, its year and
    rule (:func:`analysis.reports.tercetak.banding_iku`).
    """
    r = views.riwayat_iku(data, kecamatan, tahun, triwulan)
    years = sorted(int(y) for y in r["tahun"].unique()) if len(r) else []
    if len(r):
        r = r.assign(_indikator=_text(r["indikator"]), tahun=r["tahun"].astype("int64"))
        # The office's printed capaian where it printed one, marked where realisasi /
        # target (polaritas negatif: the package's formula) does not confirm it.
        band = tercetak.banding_iku(r)
        r = r.assign(
            _tampil=tercetak.tampil(band, "capaian"),
            _berbeda=band["capaian_berbeda"],
            _catatan=tercetak.catatan_baris(band, ("capaian",)),
        )
        r["_catatan"] = r["_catatan"].where(
            r["_catatan"].eq(""), r["tahun"].astype("str") + ": " + r["_catatan"]
        )
        order = r.drop_duplicates("_indikator")[["_indikator", "satuan"]].reset_index(drop=True)
        stems = ("target", "realisasi", "_tampil", "capaian_persen", "_berbeda")
        wide = r.pivot_table(
            index="_indikator", columns="tahun", values=list(stems), aggfunc="first", dropna=False
        )
        out = pd.DataFrame({"no": np.arange(1, len(order) + 1)}, dtype="float64")
        out["indikator"] = order["_indikator"]
        out["satuan"] = _text(order["satuan"])
        names = {"_tampil": "capaian_persen", "capaian_persen": "_hitung_capaian_persen"}
        for y in years:
            for stem in stems:
                col = (stem, y)
                src = wide[col] if col in wide.columns else pd.Series(dtype="float64")
                values = order["_indikator"].map(src).astype("float64").to_numpy()
                out[f"{names.get(stem, stem)}_{y}"] = values
        flags = [
            out.pop(f"_berbeda_{y}").eq(1).map({True: f"capaian_persen_{y}", False: ""})
            for y in years
        ]
        out["_tanda"] = pd.concat(flags, axis=1).apply(
            lambda x: " ".join(p for p in x if p), axis=1
        )
        notes = r[r["_catatan"].ne("")].sort_values("tahun").groupby("_indikator")["_catatan"]
        out["hitung_ulang"] = out["indikator"].map(notes.agg("; ".join)).astype("object")
        out["hitung_ulang"] = out["hitung_ulang"].fillna("")
    else:
        out = pd.DataFrame(
            {"no": pd.Series(dtype="float64"), "indikator": [], "satuan": []}, dtype="object"
        )
        out["hitung_ulang"] = pd.Series(dtype="object")
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = [
        Kolom("no", "No", "bilangan", lebar=5),
        Kolom("indikator", "Indikator Kinerja", lebar=36),
        Kolom("satuan", "Satuan", lebar=9),
    ]
    for y in years:
        label = f"{y} s/d TW {fmt.romawi(triwulan)}" if y == int(tahun) else str(y)
        kolom += [
            Kolom(f"target_{y}", "Target", "angka", grup=label, lebar=9),
            Kolom(f"realisasi_{y}", "Realisasi", "angka", grup=label, lebar=9),
            Kolom(f"capaian_persen_{y}", "Capaian (%)", "persen", grup=label, lebar=9),
        ]
    kolom.append(Kolom("hitung_ulang", tercetak.JUDUL_KOLOM, lebar=36, opsional=True))
    marked = out["hitung_ulang"].ne("").any()
    return TabelResmi(
        nama="IKU",
        judul=(
            f"Perbandingan Target dan Realisasi Indikator Kinerja Utama dengan Tahun-Tahun "
            f"Sebelumnya, Kecamatan {kecamatan}"
        ),
        keterangan=(
            "Nilai tahunan; untuk tahun laporan, nilai triwulan terakhir sampai triwulan laporan. "
            + KALIMAT_TERCETAK
        ),
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Data Indikator Kinerja Utama (IKU) belum tersedia.",
        catatan=(tercetak.CATATAN_TANDA,) if marked else (),
        rumus=tuple(
            Rumus(
                f"capaian_persen_{y}",
                "rasio",
                f"_hitung_capaian_persen_{y}",
                f"realisasi_{y}",
                (f"target_{y}",),
            )
            for y in years
        ),
    )


# --- gap list and findings ------------------------------------------------------------------------


def tabel_kesenjangan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> TabelResmi:
    """Indicators below target, worst first (:func:`views.daftar_kesenjangan`)."""
    g = views.daftar_kesenjangan(data, kecamatan, tahun, triwulan)
    out = pd.DataFrame(
        {
            "kecamatan": _text(g["kecamatan"]),
            "tingkat": g["tingkat"].map(fmt.nama_tingkat) if len(g) else pd.Series(dtype="str"),
            "kode": _text(g["kode"]),
            "uraian": _text(g["uraian"]),
            "indikator": _text(g["indikator"]),
            "satuan": _text(g["satuan"]),
            "target_sd": g["target_sd"].astype("float64"),
            "realisasi_sd": g["realisasi_sd"].astype("float64"),
            "capaian_sd_persen": g["capaian_sd_persen"].astype("float64"),
            "kekurangan_satuan": g["kekurangan_satuan"].astype("float64"),
            "serapan_kas_persen": g["serapan_kas_persen"].astype("float64"),
            "keterangan": _text(g["keterangan"]),
        }
    )
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    sd = fmt.sd_tw(triwulan)
    kolom = [
        Kolom("tingkat", "Tingkat", lebar=12),
        Kolom("kode", "Kode", lebar=15),
        Kolom("uraian", "Program/Kegiatan/Sub Kegiatan", lebar=36),
        Kolom("indikator", "Indikator Kinerja", lebar=34),
        Kolom("target_sd", f"Target {sd}", "angka", satuan="satuan", lebar=13),
        Kolom("realisasi_sd", f"Realisasi {sd}", "angka", satuan="satuan", lebar=13),
        Kolom("capaian_sd_persen", "Capaian (%)", "persen", lebar=10),
        Kolom("kekurangan_satuan", "Kurang dari target", "angka", satuan="satuan", lebar=13),
        Kolom("serapan_kas_persen", "Serapan anggaran (%)", "persen", lebar=11),
        Kolom("keterangan", "Keterangan kecamatan", lebar=44),
    ]
    if kecamatan is None:
        kolom.insert(0, Kolom("kecamatan", "Kecamatan", lebar=14))
    return TabelResmi(
        nama="Kesenjangan",
        judul=f"Indikator yang Belum Mencapai Target {sd} {tahun}",
        keterangan="Diurutkan dari kesenjangan terbesar; keterangan dari kecamatan.",
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Tidak ada indikator di bawah target: semua target tercapai.",
        rumus=(
            Rumus(
                "capaian_sd_persen", "rasio", "capaian_sd_persen", "realisasi_sd", ("target_sd",)
            ),
        ),
    )


_KEPARAHAN = {"tinggi": "Tinggi", "sedang": "Sedang", "rendah": "Rendah"}


def tabel_temuan(data: Tabel, kecamatan: str | None, tahun: int, triwulan: int) -> TabelResmi:
    """Data-quality findings of the period, most severe first (:func:`views.temuan`)."""
    f = views.temuan(data, kecamatan, tahun, triwulan)
    jenis = _text(f["jenis"])
    out = pd.DataFrame(
        {
            "kecamatan": _text(f["kecamatan"]),
            "keparahan": _text(f["tingkat_keparahan"]).map(_KEPARAHAN).fillna("Rendah"),
            "kode": _text(f["kode"]),
            "uraian": _text(f["uraian"]),
            "kolom": _text(f["kolom"]),
            "penjelasan": jenis.map(views._PENJELASAN).fillna(""),
            "dilaporkan": pd.to_numeric(f["dilaporkan"], errors="coerce").astype("float64"),
            "dihitung": pd.to_numeric(f["dihitung"], errors="coerce").astype("float64"),
            "selisih": pd.to_numeric(f["selisih"], errors="coerce").astype("float64"),
            "pesan": _text(f["pesan"]),
            "sumber": _text(f["sumber"]),
        }
    )
    out["_tingkat"] = ""
    out["_blok"] = np.arange(len(out))
    kolom = [
        Kolom("keparahan", "Tingkat keparahan", lebar=10),
        Kolom("kode", "Kode", lebar=15),
        Kolom("uraian", "Uraian", lebar=32),
        Kolom("penjelasan", "Jenis temuan", lebar=34),
        Kolom("dilaporkan", "Dilaporkan", "angka", grup="Angka", lebar=14),
        Kolom("dihitung", "Dihitung ulang", "angka", grup="Angka", lebar=14),
        Kolom("selisih", "Selisih", "angka", grup="Angka", lebar=12),
        Kolom("pesan", "Rincian", lebar=44),
        Kolom("sumber", "Sumber (berkas:sheet:baris)", lebar=28),
    ]
    if kecamatan is None:
        kolom.insert(0, Kolom("kecamatan", "Kecamatan", lebar=14))
    return TabelResmi(
        nama="Temuan",
        judul=f"Temuan Kualitas Data {fmt.nama_triwulan(triwulan)} {tahun}",
        keterangan=(
            "Angka yang dilaporkan tetapi tidak cocok dengan hasil hitung ulang, atau baris "
            "yang perlu diperiksa pada dokumen sumber."
        ),
        kolom=tuple(kolom),
        baris=out,
        pesan_kosong="Tidak ada temuan kualitas data untuk periode ini.",
    )


def tabel_laporan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> list[TabelResmi]:
    """The official tables of one kecamatan report, in the order of the workbook."""
    tables = [
        rencana_aksi(data, kecamatan, tahun, triwulan),
        tabel_3_4(data, kecamatan, tahun, triwulan),
        tabel_iku(data, kecamatan, tahun, triwulan),
        tabel_kesenjangan(data, kecamatan, tahun, triwulan),
        tabel_temuan(data, kecamatan, tahun, triwulan),
    ]
    return [t.tanpa_kolom_kosong() for t in tables]


# --- the summary paragraphs ---------------------------------------------------------------------


def paragraf_ringkasan(data: Tabel, kecamatan: str, tahun: int, triwulan: int) -> list[str]:
    """The headline figures written out, as the LKj's section 3.2 opens.

    Every number is the one the tables and cards show (same roll-up, same formatting).
    """
    a = views.angka_utama(data, kecamatan, tahun, triwulan)
    nama_tw = f"triwulan {fmt.romawi(triwulan)}"
    out = []
    anggaran = periode(data.ringkasan, kecamatan, tahun, triwulan)
    anggaran = anggaran[anggaran["tingkat"] == "kecamatan"]
    kas = float(anggaran["anggaran_sd"].iloc[0]) if len(anggaran) else np.nan
    if not fmt.is_missing(a["realisasi_anggaran_sd"]):
        dasar = (
            f"anggaran kas sampai dengan {nama_tw} sebesar {fmt.rupiah(kas)}"
            if not fmt.is_missing(kas)
            else f"pagu tahun {tahun} sebesar {fmt.rupiah(a['pagu'])}"
        )
        out.append(
            f"Anggaran Kecamatan {kecamatan}: {dasar}. Realisasi anggaran sampai dengan "
            f"{nama_tw} tahun {tahun} sebesar {fmt.rupiah(a['realisasi_anggaran_sd'])}, "
            f"dengan serapan {fmt.persen(a['serapan'])}."
        )
    elif not fmt.is_missing(a["pagu"]):
        out.append(
            f"Pagu Kecamatan {kecamatan} tahun {tahun} sebesar {fmt.rupiah(a['pagu'])}; "
            f"realisasi anggaran sampai dengan {nama_tw} belum dilaporkan."
        )
    if not fmt.is_missing(a["capaian"]):
        out.append(
            f"Rata-rata capaian kinerja program sampai dengan {nama_tw} adalah "
            f"{fmt.persen(a['capaian'])} (kategori {views.label_kategori(a['kategori'])} menurut "
            "Permendagri 86/2017). "
            + narrative.kalimat_indikator_tertinggal(int(a["tertinggal"]), int(a["indikator"]))
        )
    n_temuan = len(views.temuan(data, kecamatan, tahun, triwulan))
    out.append(
        f"Pemeriksaan data menemukan {fmt.angka(n_temuan)} angka yang perlu dicek pada dokumen "
        "sumber (lihat tabel Temuan)."
        if n_temuan
        else "Pemeriksaan data tidak menemukan angka yang berbeda dengan hasil hitung ulang."
    )
    return out


_RINGKASAN = (
    "tabel_peringkat",
    "tabel_program_kecamatan",
    "tabel_temuan_kecamatan",
    "tabel_ringkasan",
)


def __getattr__(name: str):
    """``official.tabel_peringkat`` & co. still resolve (they live in official_ringkasan)."""
    if name in _RINGKASAN:
        from analysis.reports import official_ringkasan

        return getattr(official_ringkasan, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
