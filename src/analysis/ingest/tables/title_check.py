"""A title that names another kecamatan than its file name.

``KANTOR KECAMATAN MALILI`` printed above the table of ``kalaena_2024_rencana_aksi.xlsx``:
whose figures these are cannot be decided by either name alone - publishing them under
one of the two would put one office's figures in another's report. The sheet is refused
with one error naming both, the title row and the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.errors import IngestError
from analysis.ingest.tables.header_block import cell_texts

if TYPE_CHECKING:
    from analysis.ingest.tables.context import SheetContext


def title_contradicts_file_name(ctx: SheetContext) -> bool:
    """Add the error and return ``True`` when the title's kecamatan is not the file's."""
    title = ctx.header.context.get("kecamatan")
    named_file = ctx.file_kecamatan
    if not title or not named_file or title == named_file:
        return False
    row, col, line = 0, 0, str(title)
    for r in range(ctx.header.first):
        texts = cell_texts(ctx.grid.cells.iloc[r])
        text = " ".join(t for t in texts if t)
        if text and title in ctx.kec_ref.names_in_text(text):
            row, col, line = r, next(c for c, t in enumerate(texts) if t), text
            break
    ctx.out.errors.append(
        IngestError(
            f"judul menyebut Kecamatan {title}, nama file menyebut Kecamatan {named_file}; "
            "angka sheet ini tidak diberikan ke salah satunya - perbaiki judul atau nama "
            "file. Sheet tidak dibaca",
            file=ctx.grid.file,
            sheet=ctx.grid.sheet,
            row=int(ctx.grid.rows[row]) if len(ctx.grid.rows) else None,
            column=ctx.grid.column_letter(col),
            value=line,
        )
    )
    return True
