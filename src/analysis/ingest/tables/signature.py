"""The signature block under a table, as data: the words that open it.

Documents end a table with who signs it - ``Mengetahui,`` / ``Menyetujui,``, the place and
date (``Wotu, 31 Desember 2024``), the office (``Camat Wotu,``), blank lines, the name,
the rank and the ``NIP``. Typed under whatever column, these lines are read as data rows
unless recognised (``'Mengetahui,'``: not a number). A block opens at a line of one or two
cells one of whose cells matches :data:`OPENERS`; from there to the end of the table every
line of at most two cells is part of it (a line with more cells stays data).
"""

from __future__ import annotations

import re

MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    "nopember|november|desember"
)

OPENERS = re.compile(
    r"(?i)^\s*(?:"
    r"(?:mengetahui|menyetujui|disetujui|disahkan|ditetapkan|dibuat\s+oleh)\b"
    r"|nip\.?\s*[:.]?\s*\d"  # NIP. 19700101 199003 1 005
    rf"|[a-z .'-]{{2,40}},\s*\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}\s*$"  # Wotu, 31 Desember 2024
    r")"
)
"""Cells that open a signature block."""

MAX_CELLS = 2
"""A signature line has at most this many filled cells (``Mengetahui,`` left and the place
and date right)."""

KIND = "tanda tangan"

NOTE_LINE = re.compile(r"(?i)^\s*(?:keterangan|catatan|sumber(?:\s+data)?|ket)\s*[:.]\s*\S")
"""A note under the table (``Keterangan: data bersumber dari ...``, ``Sumber: ...``) on a
line of its own: a ``judul/catatan`` row in whatever column it is typed."""
