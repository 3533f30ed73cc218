"""Tables laid out by year: one column group per year, read as one row per year.

``Target 2021 | Realisasi 2021 | ... | Target 2024 | Realisasi 2024 Tw IV`` (Wotu Tabel
3.2/3.3), ``Target 2023 | Realisasi 2023 | Capaian (%) | Target 2024 | Realisasi s/d TW
IV 2024 | Capaian (%)`` (Wotu Tabel 3.1), the T-C.29 Renja evaluation (target,
realisasi and tingkat realisasi of n-2 (2022), target of n-1 (2023)), the Renja IKU
table (Target Renstra and Realisasi Capaian per year): every figure column belongs to
the year its header names, or - a ``Capaian (%)`` printed without one - to the year of
the figure column on its left. The sheet is then read once per year, with only that
year's figure columns, and each row is written under that year (never under the year
of the file name or the title).

A figure column of such a table with no year of its own and none on its left is left
out with a note (its year is not guessed). A table whose figure headers name one year
only is read as usual. When that year differs from the year of the title or the file
name, the three are counted (:func:`single_year_vote`): a year two of them name is the
rows' year, with a finding naming the third (Dumai PUPR LKjIP 2020 Tabel 3-1: title
``Tahun 2019``, columns ``Target/Realisasi Tahun 2020``, file ``..._lkjip_2020``: read
as 2020); when no year has two (the column against the file name alone, or three
different years), that is an error naming them (which year the figures belong to is for
a person to say).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

FIGURE_KINDS = (
    "target",
    "realisasi",
    "capaian",
    "anggaran",
    "pagu",
    "pagu_indikator",
    "realisasi_anggaran",
    "serapan",
)


def kind(field: str) -> str:
    return re.sub(r"(?:_sd)?(?:_tw\d)?$", "", field)


def is_figure(field: str | None) -> bool:
    return field is not None and kind(field) in FIGURE_KINDS


def column_years(fields: list[str | None], years: list[int | None]) -> list[int | None]:
    """Year of each figure column: its own, else that of the figure column on its left."""
    out: list[int | None] = []
    for c, f in enumerate(fields):
        if not is_figure(f):
            out.append(None)
            continue
        y = years[c] if c < len(years) else None
        if y is None and c > 0 and is_figure(fields[c - 1]):
            y = out[c - 1]
        out.append(y)
    return out


def quarter_of(field: str) -> int | None:
    m = re.search(r"_tw(\d)$", field)
    return int(m.group(1)) if m else None


def year_headers(
    header, layout: str, file_year: int | None = None
) -> tuple[list[tuple[int, object]], list[str]]:
    """``[(year, header of that year)]`` for a table laid out by year, and notes.

    Empty when the figure headers name fewer than two years. Each year's header keeps
    the identity columns and that year's figure columns; in an IKU sheet (1d) a figure
    column that names a quarter (``Realisasi 2024 Tw IV``) makes that year's row the
    quarter's (``triwulan``), in a kinerja sheet a year's plain realisasi and capaian
    are the year's up to TW IV for a year before the report's year (the latest of the
    title's and the file name's), up to the title's quarter for the report's own year,
    and of no quarter (left out with a note) when the title names none.
    """
    years = column_years(header.fields, header.years)
    distinct = sorted({y for y in years if y is not None})
    if len(distinct) < 2:
        return [], []
    notes = []
    orphan = [
        header.labels[c] for c, f in enumerate(header.fields) if is_figure(f) and years[c] is None
    ]
    if orphan:
        notes.append(
            "kolom tanpa tahun pada tabel per tahun diabaikan: "
            + ", ".join(repr(o) for o in orphan)
        )
    if "tahun" in header.fields:
        # ``tahun | ... | nilai_2021 ... nilai_2025`` (an application's export): the column
        # is the report's year; each figure belongs to the year its own header names
        notes.append(
            f"kolom {header.labels[header.fields.index('tahun')]!r} pada tabel per tahun "
            "dibaca sebagai tahun laporan, tidak dipakai: tiap angka berlaku untuk tahun "
            "judul kolomnya"
        )
    out = []
    for y in distinct:
        fields: list[str | None] = []
        quarter = None
        for c, f in enumerate(header.fields):
            if f == "tahun":
                fields.append(None)
            elif not is_figure(f):
                fields.append(f)
            elif years[c] != y:
                fields.append(None)
            elif layout == "1d":
                q = quarter_of(f)
                quarter = quarter or q
                fields.append(kind(f))
            else:
                fields.append(f)
        context = dict(header.context)
        title_q = header.context.get("triwulan")
        report_year = max(
            (v for v in (header.context.get("tahun"), file_year) if isinstance(v, int)),
            default=None,
        )
        context["tahun"] = y
        context.pop("triwulan", None)
        if layout == "1d":
            if quarter:
                context["triwulan_iku"] = quarter
            elif y == report_year and isinstance(title_q, int) and title_q < 4:
                context["triwulan_iku"] = title_q  # the running year, up to the title's TW
        elif report_year is not None and y < report_year:
            context["triwulan"] = 4
        elif y == report_year and isinstance(title_q, int):
            context["triwulan"] = title_q
        out.append((y, replace(header, fields=fields, context=context)))
    return out, notes


@dataclass(frozen=True)
class YearVote:
    """The one year a table's figure headers name against its title's and file name's."""

    column: int
    title: int | None
    file: int | None

    @property
    def year(self) -> int | None:
        """The year at least two of the three name, else ``None`` (not guessed)."""
        votes = Counter(y for y in (self.column, self.title, self.file) if y is not None)
        year, n = votes.most_common(1)[0]
        return year if n >= 2 else None

    def sources(self) -> list[tuple[str, int]]:
        """Where each year is printed: ``[("judul kolom", 2020), ("judul tabel", 2019), ...]``."""
        where = (
            ("judul kolom", self.column),
            ("judul tabel", self.title),
            ("nama file", self.file),
        )
        return [(k, v) for k, v in where if v is not None]


def single_year_vote(header, file_year: int | None) -> YearVote | None:
    """The vote when the only year the figure headers name differs from the year of the
    title (else the file name), ``None`` when they agree or a header names no year."""
    years = {y for y in column_years(header.fields, header.years) if y is not None}
    if len(years) != 1:
        return None
    (y,) = years
    title = header.context.get("tahun")
    title = title if isinstance(title, int) else None
    other = title or file_year
    if not isinstance(other, int) or other == y:
        return None
    return YearVote(y, title, file_year)
