"""Column headers that name a year relative to the report's: ``Tahun N``, ``Tahun N-1``,
``(N+1)``.

Reviews and LPPD/LKPJ tables print ``Capaian Kinerja Tahun N-1 | Tahun N | Perubahan``
and give N only in the title or the sentence above the table (Labuhanbatu Utara,
reviu ikhtisar kinerja: "... Tahun Anggaran 2020, adalah sebagai berikut"). N is the
year of the title rows; without one, the year of the file name. A title and a file name
naming different years leave N unknown: the columns are refused with an error naming
both (which year is meant is for a person to say). A header that prints its year
(``Tahun 2022 (n-2)``) keeps it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.errors import IngestError
from analysis.ingest.formats.grid import SheetGrid
from analysis.ingest.tables.by_year import is_figure
from analysis.ingest.tables.header_block import Header

RELATIVE = re.compile(
    r"(?i)(?:\b(?:tahun|thn|th|ta)\.?\s*\(?\s*|\(\s*|(?<![\w-]))"
    r"n(?:\s*(?P<sign>[+-])\s*(?P<step>\d))?\s*\)?(?![\w])"
)
"""``Tahun N``, ``Tahun (N-1)``, ``Th. N+1``, ``(n-2)``, ``N-1`` as a word of its own."""

FILE_YEAR = re.compile(r"(?:^|[_\W])((?:19|20)\d\d)(?:[_\W]|$)")


def offset(label: str) -> int | None:
    """The years after N a header names (``Tahun N-1`` -> -1), else ``None``."""
    m = RELATIVE.search(label or "")
    if m is None:
        return None
    if m.group("sign") is None:
        # a bare "N" names the year only after tahun/th or in brackets ("Tahun N", "(N)")
        if not re.search(r"(?i)(?:\b(?:tahun|thn|th|ta)\.?\s*\(?\s*|\(\s*)n\s*\)?$", m.group(0)):
            return None
        return 0
    step = int(m.group("step"))
    return step if m.group("sign") == "+" else -step


def resolve(grid: SheetGrid, header: Header) -> tuple[Header, list[str], list[IngestError]]:
    """The header with each relative column's year set, notes and errors."""
    rel = {
        c: off
        for c, lab in enumerate(header.labels)
        if is_figure(header.fields[c])
        and (header.years[c] if c < len(header.years) else None) is None
        for off in [offset(lab)]
        if off is not None
    }
    if not rel:
        return header, [], []
    where = f"{grid.file}:{grid.sheet}"
    title = header.context.get("tahun")
    title = title if isinstance(title, int) else None
    stem = grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    found = FILE_YEAR.search(stem)
    file_year = int(found.group(1)) if found else None
    names = ", ".join(repr(header.labels[c]) for c in rel)
    if title is not None and file_year is not None and title != file_year:
        error = IngestError(
            f"kolom {names} menyebut tahun relatif (N); judul tabel menyebut tahun {title}, "
            f"nama file tahun {file_year}: N tidak ditebak - tulis tahunnya di judul kolom",
            file=grid.file,
            sheet=grid.sheet,
            row=int(grid.rows[header.last]),
        )
        return _unread(header, rel), [], [error]
    base = title if title is not None else file_year
    if base is None:
        error = IngestError(
            f"kolom {names} menyebut tahun relatif (N), tetapi judul tabel maupun nama file "
            "tidak menyebut tahun: tulis tahunnya di judul kolom atau judul tabel",
            file=grid.file,
            sheet=grid.sheet,
            row=int(grid.rows[header.last]),
        )
        return _unread(header, rel), [], [error]
    years = list(header.years) + [None] * (len(header.labels) - len(header.years))
    for c, off in rel.items():
        years[c] = base + off
    source = "judul tabel" if title is not None else "nama file"
    note = f"{where}: N = {base} ({source}): " + ", ".join(
        f"{header.labels[c]!r} = {base + off}" for c, off in rel.items()
    )
    return replace(header, years=years), [note], []


def _unread(header: Header, rel: dict[int, int]) -> Header:
    return replace(header, fields=[None if c in rel else f for c, f in enumerate(header.fields)])
