"""A single-year table whose figure headers name another year than its title or file name.

:func:`analysis.ingest.tables.by_year.single_year_vote` counts the three; when two name the
same year, :func:`take` makes it the rows' year and says so - a finding naming where the
other year is printed (``tahun_judul_nama_file``: the document contradicts itself, a
person should correct it) and a note naming the year taken and why. Reports copy last
year's template and leave one of the three unchanged; two printed in agreement outweigh
the third.
"""

from __future__ import annotations

from analysis.errors import Finding
from analysis.ingest.tables.by_year import YearVote, column_years
from analysis.ingest.tables.context import SheetContext


def take(ctx: SheetContext, vote: YearVote) -> None:
    """Read the rows under ``vote.year``, with a finding and a note saying why."""
    year = vote.year
    ctx.header.context["tahun"] = year
    agree = " dan ".join(k for k, y in vote.sources() if y == year)
    (odd, odd_year) = next((k, y) for k, y in vote.sources() if y != year)
    where = f"{ctx.grid.file}:{ctx.grid.sheet}:{int(ctx.grid.rows[ctx.header.first])}"
    ctx.out.findings.append(
        Finding(
            pesan=(
                f"{odd} tahun {odd_year}, tetapi {agree} tahun {year}; baris dibaca sebagai "
                f"tahun {year} (dua dari tiga sumber sepakat) - periksa {odd}"
            ),
            jenis="tahun_judul_nama_file",
            sumber=where,
            kecamatan=ctx.kecamatan,
            tahun=year,
            kolom="tahun",
            dilaporkan=odd_year,
            dihitung=year,
            tingkat_keparahan="sedang",
        )
    )
    ctx.out.notes.append(
        f"{ctx.grid.file}:{ctx.grid.sheet}: tahun {year} diambil dari {agree} ({odd} tahun "
        f"{odd_year} tidak diikuti: dua dari tiga sumber menyebut {year})"
    )


def column_only(ctx: SheetContext) -> None:
    """The one year the figure headers name (``Capaian Tahun 2022``) is the rows' year
    when neither the title nor the file name names one; a note says where it came from."""
    if ctx.header.context.get("tahun") is not None or ctx.file_year is not None:
        return
    years = column_years(ctx.header.fields, ctx.header.years)
    named = {y for y in years if y is not None}
    if len(named) != 1:
        return
    (year,) = named
    ctx.header.context["tahun"] = year
    labels = ", ".join(repr(ctx.header.labels[c]) for c, y in enumerate(years) if y is not None)
    ctx.out.notes.append(
        f"{ctx.grid.file}:{ctx.grid.sheet}: tahun {year} diambil dari judul kolom {labels} "
        "(judul tabel dan nama file tidak menyebut tahun)"
    )
