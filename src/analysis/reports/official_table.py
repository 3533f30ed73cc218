"""The description of an official table: its columns (:class:`Kolom`), its formulas
(:class:`Rumus`) and the table itself (:class:`TabelResmi`), with the Indonesian text of
every cell so a figure reads the same in HTML, Excel and Word.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import formatting as fmt

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
        # "TW II" stays on one line when a header wraps (workbook and Word draft alike)
        object.__setattr__(self, "judul", fmt.tw_utuh(self.judul))
        if self.grup:
            object.__setattr__(self, "grup", fmt.tw_utuh(self.grup))


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
            if k.jenis in ("persen", "angka") and f"_desimal_{k.kunci}" in self.baris:
                # a printed figure at its printed precision (tercetak.desimal_tampil)
                d = pd.to_numeric(self.baris[f"_desimal_{k.kunci}"], errors="coerce")
                own = [
                    fmt.angka(v, int(n)) if pd.notna(n) else t
                    for v, n, t in zip(values, d, text, strict=True)
                ]
                text = pd.Series(own, index=values.index, dtype="object")
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


KALIMAT_TERCETAK = (
    "Angka yang dicetak kecamatan ditampilkan seperti tercetak; bila hitung ulang berbeda, "
    "angkanya bertanda * dan hasil hitung ulang beserta alasannya ada di kolom terakhir."
)
"""The sentence of a table's ``keterangan`` on printed figures (a workbook with formulas
words it for its formula cells: :data:`analysis.reports.office_xlsx.KALIMAT_RUMUS`)."""

_FORMAT: dict[str, Callable[[object], str]] = {
    "angka": fmt.angka_ringkas,
    "rupiah": fmt.angka,
    "persen": lambda v: fmt.angka(v, 2),
    "bilangan": fmt.angka,
    "tahun": lambda v: fmt.KOSONG if fmt.is_missing(v) else str(int(v)),  # type: ignore[call-overload]
}


def text_cells(series: pd.Series) -> pd.Series:
    """Cells as stripped text, missing ones empty."""
    return series.astype("object").where(series.notna(), "").astype("str").str.strip()


def blank_repeats(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Keep the block's values on its first row only (sums over the frame stay right)."""
    later = frame["_blok"].duplicated()
    for col in columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        frame.loc[later, col] = np.nan if numeric else ""
    return frame


NODE_COLUMNS = ["kunci", "kunci_program", "kunci_kegiatan", "tingkat", "kode", "uraian"]
