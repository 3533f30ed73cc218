"""The package's documented error type for bad input, and the collector of findings.

Ingest never stops at the first problem: every reader and cleaner appends an
:class:`IngestError` (something the package cannot read) or a :class:`Finding`
(something it can read but a person should look at) and carries on, so one run tells
the planner everything to fix. Each error names the file, sheet, row and column *as
written in the spreadsheet*, the value and the reason, because the person fixing it
has the spreadsheet open, not the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

import pandas as pd

from analysis import schema

MAX_SHOWN_VALUE = 80
"""Characters of an offending value shown in a message (a 100,000-character cell is cut)."""


PDF_PAGE_ROWS = 1000
"""A PDF grid row is labelled ``page * PDF_PAGE_ROWS + row on that page`` (title rows 0)."""


def pdf_place(file: str | None, row: int) -> str | None:
    """``halaman 13, baris 7`` for row ``13007`` of a PDF, else ``None``."""
    if not (file and str(file).lower().endswith(".pdf")) or row < PDF_PAGE_ROWS:
        return None
    page, line = divmod(int(row), PDF_PAGE_ROWS)
    return f"halaman {page}, " + (f"baris {line}" if line else "judul tabel")


def shorten(value: object, limit: int = MAX_SHOWN_VALUE) -> str:
    """Render a cell value for a message: one line, at most ``limit`` characters."""
    if value is None:
        return ""
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return ""
    except (TypeError, ValueError):
        pass
    text = " ".join(str(value).split())
    if len(text) > limit:
        return f"{text[: limit - 1]}… ({len(str(value)):,} karakter)"
    return text


class IngestError(Exception):
    """One thing the package cannot read, located as a person finds it in the file.

    ``row`` is the spreadsheet row number (1-based, title and header rows included);
    ``column`` is the header text as written in the file (or the column letter when
    the header is empty). Fields a situation does not have stay ``None``.
    """

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value

    @property
    def sumber(self) -> str:
        """``file:sheet:row``, the same key the data rows carry in ``sumber``."""
        return f"{self.file or ''}:{self.sheet or ''}:{self.row if self.row is not None else ''}"

    def located(self, **where: object) -> IngestError:
        """Return a copy with missing location fields filled from ``where``."""
        fields = {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
        }
        for key, val in where.items():
            if fields.get(key) is None:
                fields[key] = val
        return IngestError(self.reason, **fields)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, object]:
        """The fields as a record (for ``ditolak.csv`` and tests)."""
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": shorten(self.value, 500),
            "reason": self.reason,
        }

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(f"file {self.file}")
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(pdf_place(self.file, self.row) or f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column!r}")
        text = ", ".join(where) if where else "input"
        shown = shorten(self.value)
        value = f" nilai {shown!r}:" if shown else ""
        return f"{text}:{value} {self.reason}"

    def __repr__(self) -> str:
        return f"IngestError({self!s})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IngestError):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(tuple(self.as_dict().values()))


class ErrorList(Exception):
    """Every :class:`IngestError` of a run, printed as one numbered list."""

    def __init__(self, errors: Iterable[IngestError] = ()) -> None:
        super().__init__()
        self.errors: list[IngestError] = list(errors)

    def add(self, error: IngestError) -> None:
        self.errors.append(error)

    def extend(self, errors: Iterable[IngestError]) -> None:
        self.errors.extend(errors)

    def __iter__(self) -> Iterator[IngestError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __str__(self) -> str:
        if not self.errors:
            return "tidak ada kesalahan"
        lines = [f"{len(self.errors)} kesalahan pada data masukan:"]
        lines += [f"  {i}. {err}" for i, err in enumerate(self.errors, start=1)]
        return "\n".join(lines)

    def sumber_set(self) -> set[str]:
        """``file:sheet:row`` of every error that points at a data row."""
        return {e.sumber for e in self.errors if e.row is not None}

    def to_frame(self) -> pd.DataFrame:
        """The errors as a table (``ditolak.csv``)."""
        cols = ["file", "sheet", "row", "column", "value", "reason", "sumber"]
        rows = [{**e.as_dict(), "sumber": e.sumber} for e in self.errors]
        frame = pd.DataFrame(rows, columns=cols)
        frame["row"] = frame["row"].astype("Int64")
        return frame


@dataclass
class Finding:
    """Something readable that a person should check; becomes a ``pemeriksaan`` row."""

    pesan: str
    jenis: str
    sumber: str = ""
    kecamatan: str | None = None
    tahun: int | None = None
    triwulan: int | None = None
    kode: str | None = None
    kolom: str | None = None
    dilaporkan: object = None
    dihitung: object = None
    selisih: float | None = None
    tingkat_keparahan: str = "rendah"
    uraian: str | None = None


@dataclass
class Findings:
    """Collector of :class:`Finding` records; ``to_frame`` gives ``pemeriksaan`` rows."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)

    def __len__(self) -> int:
        return len(self.items)

    def to_frame(self) -> pd.DataFrame:
        rows = [asdict(f) for f in self.items]
        frame = pd.DataFrame(rows, columns=schema.PEMERIKSAAN)
        for col in ("dilaporkan", "dihitung"):
            frame[col] = frame[col].map(lambda v: None if v is None else str(v)).astype(object)
        frame["tahun"] = frame["tahun"].astype("Int64")
        frame["triwulan"] = frame["triwulan"].astype("Int64")
        frame["selisih"] = frame["selisih"].astype("float64")
        return frame


# What a person can do about an operating-system error, by errno name (rules as data).
OS_ERROR_HINTS: dict[str, str] = {
    "ENOSPC": "disk penuh; kosongkan ruang di disk itu lalu jalankan ulang perintah yang sama",
    "EDQUOT": "kuota disk habis; kosongkan ruang lalu jalankan ulang perintah yang sama",
    "EROFS": "sistem berkas hanya-baca; pilih folder lain (opsi --out / --processed)",
    "EACCES": "izin ditolak; periksa izin folder itu atau pilih folder lain (opsi --out)",
    "EPERM": "izin ditolak; periksa izin folder itu atau pilih folder lain (opsi --out)",
    "ENOENT": "tidak ada; periksa jalurnya",
    "ENOTDIR": "bagian jalurnya bukan folder; periksa jalurnya",
    "EIO": "galat baca/tulis perangkat; periksa disk atau jaringan berbagi",
}


def os_error_text(exc: OSError) -> str:
    """One line for an operational fault: the path, what happened, what to do."""
    import errno

    name = errno.errorcode.get(exc.errno or -1, "")
    where = exc.filename if exc.filename is not None else ""
    what = exc.strerror or type(exc).__name__
    hint = OS_ERROR_HINTS.get(name, "periksa folder itu lalu jalankan ulang")
    return f"{where}: {what} - {hint}" if where else f"{what} - {hint}"
