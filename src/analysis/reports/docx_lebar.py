"""Column widths of the Word draft's tables: header words whole, figures on one line, and
the rest of the page to the columns whose text makes the rows tall.

Widths are measured, not counted: a text's width is estimated from its letters
(:data:`HURUF_EM`, capitals wider than digits, digits wider than small letters) at the
font size it is printed in, for the widest font a reader is likely to get (DejaVu Serif,
what LibreOffice prints when Calibri is missing), plus the cell margins the table sets
(:data:`MARGIN_SEL_CM`). Then:

- **Floors.** Every column is at least as wide as the longest word of its header (in the
  header font, :data:`UKURAN_JUDUL_PT`; a header never breaks inside a word) and its
  longest word of content - for figures the whole figure (``3.056.331.499`` never
  breaks), for text up to :data:`TOKEN_MAKS_CM` (a freak token may break).
- **Room.** What the page leaves beyond the floors goes, a step at a time, to the column
  where it lowers the table's estimated height most (:func:`tinggi`: each row as tall as
  its tallest cell, a cell merged down a block counted once for its block). A column of
  long notes (KET) thus gets the room it needs and a column of short labels none.
- **Too wide.** When the floors do not fit, text columns give up their word floors first
  (they wrap mid-word, down to their header word); only then does everything shrink
  alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analysis.reports.official_table import TabelResmi

CM_PER_PT = 2.54 / 72
UKURAN_ISI_PT = 7.5
"""Font size of table cells."""
UKURAN_JUDUL_PT = 7.0
"""Font size of header cells (bold)."""
MARGIN_SEL_CM = 0.1
"""Left and right margin of every cell (set on the table, so the estimate holds)."""
AMAN_CM = 0.05
"""Slack on every floor: a word measured to fit exactly may still wrap."""
TINGGI_BARIS_JUDUL_PT = 8.5
"""Height of one line of header text (7 pt, single spacing)."""
TOKEN_MAKS_CM = 3.0
"""Widest word of text a column must hold whole (a longer one may break)."""
BARIS_TEBAL = ("program", "total")
"""Levels whose rows are printed bold."""
LANGKAH_CM = 0.1
"""Step in which the room beyond the floors is handed out."""
BUNGKUS = 1.12
"""Word-wrap waste: a wrapped text takes this much more line length than its width."""
TINGGI_BARIS_ISI_CM = 8.8 * CM_PER_PT
"""Height of one line of cell text (7.5 pt, single spacing: ~1.17 x the font size)."""

# fmt: off
HURUF_EM: dict[str, tuple[float, float]] = {
    "A": (0.72, 0.78), "B": (0.73, 0.85), "C": (0.77, 0.80), "D": (0.80, 0.87),
    "E": (0.73, 0.76), "F": (0.69, 0.71), "G": (0.80, 0.85), "H": (0.87, 0.94),
    "I": (0.40, 0.47), "J": (0.40, 0.47), "K": (0.75, 0.87), "L": (0.66, 0.70),
    "M": (1.02, 1.11), "N": (0.88, 0.91), "O": (0.82, 0.87), "P": (0.67, 0.75),
    "Q": (0.82, 0.87), "R": (0.75, 0.83), "S": (0.69, 0.72), "T": (0.67, 0.74),
    "U": (0.84, 0.87), "V": (0.72, 0.78), "W": (1.03, 1.12), "X": (0.71, 0.78),
    "Y": (0.66, 0.71), "Z": (0.69, 0.73), "a": (0.60, 0.65), "b": (0.64, 0.70),
    "c": (0.56, 0.61), "d": (0.64, 0.70), "e": (0.59, 0.64), "f": (0.37, 0.43),
    "g": (0.64, 0.70), "h": (0.64, 0.73), "i": (0.32, 0.38), "j": (0.31, 0.36),
    "k": (0.61, 0.69), "l": (0.32, 0.38), "m": (0.95, 1.06), "n": (0.64, 0.73),
    "o": (0.60, 0.67), "p": (0.64, 0.70), "q": (0.64, 0.70), "r": (0.48, 0.53),
    "s": (0.51, 0.56), "t": (0.40, 0.46), "u": (0.64, 0.73), "v": (0.56, 0.58),
    "w": (0.86, 0.86), "x": (0.56, 0.60), "y": (0.56, 0.58), "z": (0.53, 0.57),
    "0": (0.64, 0.70), "1": (0.64, 0.70), "2": (0.64, 0.70), "3": (0.64, 0.70),
    "4": (0.64, 0.70), "5": (0.64, 0.70), "6": (0.64, 0.70), "7": (0.64, 0.70),
    "8": (0.64, 0.70), "9": (0.64, 0.70), " ": (0.32, 0.35), ".": (0.32, 0.35),
    ",": (0.32, 0.35), ":": (0.34, 0.37), ";": (0.34, 0.37), "'": (0.27, 0.31),
    "/": (0.34, 0.37), "-": (0.34, 0.42), "(": (0.39, 0.47), ")": (0.39, 0.47),
    "%": (0.95, 0.95), "&": (0.89, 0.90), "*": (0.50, 0.52), "+": (0.84, 0.84),
    "=": (0.84, 0.84), '"': (0.46, 0.52), "_": (0.50, 0.50), "\u00a0": (0.32, 0.35),
}
# fmt: on
"""Width of each character in em (regular, bold) in DejaVu Serif, the widest font
LibreOffice falls back to for Calibri; any other character counts as :data:`LAIN_EM`."""
LAIN_EM = (0.84, 0.90)

_KELAS: dict[tuple[float, float], int] = {}
_KELAS_HURUF: dict[str, int] = {}
for _c, _w in HURUF_EM.items():
    _KELAS_HURUF[_c] = _KELAS.setdefault(_w, len(_KELAS))
_KELAS_EM = list(_KELAS)
"""The characters of equal width as one class each: a text's width is the count of each
class times its width, summed class by class (the same sum, in the same order, for every
text)."""
PEMISAH_KATA = r"[^\S\u00a0]+|(?<=-)"
"""Where a line may break: at spaces (not a no-break space: ``TW\u00a0II`` is one word),
and after a hyphen (``Perundang-Undangan``); not after a slash (LibreOffice keeps
``Orang/Bulan`` together, so it must fit whole)."""


def _em(text: str, i: int) -> float:
    counts = [0] * len(_KELAS_EM)
    rest = len(text)
    for c in text:
        k = _KELAS_HURUF.get(c)
        if k is not None:
            counts[k] += 1
            rest -= 1
    em = 0.0
    for n, widths in zip(counts, _KELAS_EM, strict=True):
        em += float(n) * widths[i]
    return em + float(rest) * LAIN_EM[i]


def lebar_cm(texts: pd.Series, pt: float = UKURAN_ISI_PT, *, tebal: bool = False) -> pd.Series:
    """Estimated printed width (cm) of each text, without cell margins. Measured once per
    distinct text (a table repeats its units, levels and figures)."""
    s = texts.fillna("").astype(str)
    i = 1 if tebal else 0
    codes, distinct = pd.factorize(s, use_na_sentinel=False)
    em = np.fromiter((_em(text, i) for text in distinct), dtype="float64", count=len(distinct))
    return pd.Series(em[codes] * pt * CM_PER_PT, index=s.index, dtype="float64")


def _kata_terpanjang(
    texts: pd.Series, pt: float, *, tebal: bool | pd.Series = False, pecah: bool = True
) -> float:
    """Width (cm) of the widest word in ``texts`` (``tebal`` per text or for all); with
    ``pecah=False`` words break at spaces only (a figure with its unit)."""
    s = texts.fillna("").astype(str)
    bold = tebal if isinstance(tebal, pd.Series) else pd.Series(tebal, index=s.index)
    # at spaces only (not a no-break space) for a figure
    words = (s.str.split(PEMISAH_KATA, regex=True) if pecah else s.str.split(" ")).explode()
    words = words[words.fillna("").str.len() > 0]
    if words.empty:
        return 0.0
    bold = bold.reindex(words.index).fillna(False).astype(bool).to_numpy()
    return float(np.where(bold, lebar_cm(words, pt, tebal=True), lebar_cm(words, pt)).max())


def _blok(t: TabelResmi, n: int) -> np.ndarray:
    """Block number of each row (rows merged down together), or each row its own."""
    b = t.baris
    if t.gabung and "_blok" in b and len(b) == n:
        blok = b["_blok"].to_numpy()
        return np.cumsum(np.r_[True, blok[1:] != blok[:-1]]) - 1
    return np.arange(n)


class _Tinggi:
    """The table's estimated height (in lines) for given column widths."""

    def __init__(self, t: TabelResmi, shown: pd.DataFrame) -> None:
        n = len(shown)
        self.merged = np.array([k.kunci in t.gabung for k in t.kolom])
        self.text = (
            np.column_stack([lebar_cm(shown[k.kunci]).to_numpy() * BUNGKUS for k in t.kolom])
            if n
            else np.zeros((0, len(t.kolom)))
        )
        self.head = (
            np.array(
                [
                    float(lebar_cm(pd.Series([k.judul]), UKURAN_JUDUL_PT, tebal=True).iloc[0])
                    for k in t.kolom
                ]
            )
            * BUNGKUS
        )
        blok = _blok(t, n)
        self.starts = np.flatnonzero(np.r_[True, blok[1:] != blok[:-1]]) if n else np.zeros(0, int)
        self.first = np.zeros(n, bool)
        self.first[self.starts] = True

    def __call__(self, widths: np.ndarray) -> float:
        room = np.maximum(widths - 2 * MARGIN_SEL_CM, 0.05)
        head = float(np.max(np.maximum(self.head / room, 1.0))) if len(room) else 0.0
        if not len(self.text):
            return head
        lines = np.where(self.text > 0, np.maximum(self.text / room, 1.0), 0.0)
        own = np.max(np.where(self.merged, 0.0, lines), axis=1, initial=0.0)
        own = np.maximum(own, 1.0)
        merged = np.max(
            np.where(self.merged & self.first[:, None], lines, 0.0), axis=1, initial=0.0
        )
        per_block = np.maximum(
            np.add.reduceat(own, self.starts), np.maximum.reduceat(merged, self.starts)
        )
        return head + float(per_block.sum())


def lantai(t: TabelResmi, shown: pd.DataFrame) -> tuple[list[float], list[float]]:
    """Per column: its floor (cm) and its header floor (the longest header word)."""
    floors, heads = [], []
    margin = 2 * MARGIN_SEL_CM
    b = t.baris
    tebal = (
        b["_tingkat"].astype("str").isin(BARIS_TEBAL).set_axis(shown.index)
        if "_tingkat" in b and len(b) == len(shown)
        else False
    )
    for c, k in enumerate(t.kolom):
        head = max(
            _kata_terpanjang(pd.Series([k.judul]), UKURAN_JUDUL_PT, tebal=True),
            float(lebar_cm(pd.Series([f"({c + 1})"])).iloc[0]),  # the column number row
        )
        word = 0.0
        if len(shown):
            text = k.jenis == "teks"
            cells = shown[k.kunci]
            if k.jenis not in ("teks", "angka"):
                # a figure and its mark stay on one line ("3.135.828.551 *"); only a
                # count with its unit ("5 Lembaga Kemasyarakatan") may wrap at a space
                cells = cells.str.replace(" ", "\u00a0", regex=False)
            word = _kata_terpanjang(cells, UKURAN_ISI_PT, tebal=tebal, pecah=text)
            if text:
                word = min(word, TOKEN_MAKS_CM)
        heads.append(head + margin + AMAN_CM)
        floors.append(max(head, word) + margin + AMAN_CM)
    return floors, heads


def lebar_kolom_cm(
    t: TabelResmi, shown: pd.DataFrame, page_cm: float, *, scale: bool = True
) -> list[float]:
    """Column widths in cm for a page ``page_cm`` wide (see the module's rules).

    With ``scale=False`` widths that do not fit are returned as they are (their sum tells
    whether the table needs a wider page).
    """
    floors, heads = lantai(t, shown)
    w = np.array(floors)
    total = float(w.sum())
    if total > page_cm:
        if not scale:
            return w.tolist()
        text = np.array([k.jenis == "teks" for k in t.kolom])
        give = np.where(text, w - np.array(heads), 0.0)
        excess = total - page_cm
        if give.sum() > 0:
            w = w - give * min(excess / give.sum(), 1.0)
        if w.sum() > page_cm:
            # Still too wide: text wraps further while it keeps half its width; numbers
            # stay whole (a rupiah figure broken over two lines misreads).
            num = float(w[~text].sum())
            if w[text].sum() > 0 and page_cm - num >= 0.5 * float(w[text].sum()):
                w = np.where(text, w * (page_cm - num) / float(w[text].sum()), w)
            else:
                w = w * page_cm / w.sum()
        return w.tolist()
    height = _Tinggi(t, shown)
    room = page_cm - total
    steps = int(room / LANGKAH_CM)
    now = height(w)
    eye = np.eye(len(w)) * LANGKAH_CM
    for _ in range(steps):
        trial = np.array([height(w + eye[c]) for c in range(len(w))])
        best = int(np.argmin(trial))
        if trial[best] >= now - 1e-9:
            break
        w = w + eye[best]
        now = trial[best]
    left = page_cm - float(w.sum())
    if left > 0:
        # Nothing lowers the table any more: the rest goes to the text columns alike
        # (or to all when there is no text), so the table spans the page.
        text = np.array([k.jenis == "teks" for k in t.kolom], dtype=float)
        share = text if text.sum() else np.ones(len(w))
        w = w + left * share / share.sum()
    return w.tolist()


PATAH_LUNAK = "\u200b"
"""Zero-width space: where Word and LibreOffice may break a line; invisible, and gone
from the text a PDF printed by LibreOffice gives back."""

PEMISAH_PATAH = "/_"
"""Characters a word too wide for its column may break after: the slash of
``Bulanan/Triwulan/Semesteran`` and the underscore of a file name
(``towuti_2024_anggaran.csv``, which printed ``towuti_2024_anggara|n.csv``)."""

_PEMISAH = re.escape(PEMISAH_PATAH)
_TOKEN_MIRING = re.compile(rf"[^\s{_PEMISAH}]*(?:[{_PEMISAH}][^\s{_PEMISAH}]+)+[{_PEMISAH}]?")
_SETELAH_PEMISAH = re.compile(rf"([{_PEMISAH}])(?!$)")


def patah_garis_miring(texts: pd.Series, pt: float = UKURAN_ISI_PT) -> pd.Series:
    """Texts with a break allowed after each "/" or "_" (:data:`PEMISAH_PATAH`) of a
    word too wide for a column (wider than :data:`TOKEN_MAKS_CM`:
    ``Bulanan/Triwulan/Semesteran``, ``kalaena_2024_rencana_aksi.xlsx``), which would
    otherwise break mid-word; shorter ones (``Orang/Bulan``) stay whole."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        if _em(word, 0) * pt * CM_PER_PT <= TOKEN_MAKS_CM:
            return word
        return _SETELAH_PEMISAH.sub(r"\1" + PATAH_LUNAK, word)

    s = texts.fillna("").astype(str)
    has = s.str.contains(f"[{_PEMISAH}]", regex=True)
    if not has.any():
        return s
    return s.where(~has, s[has].str.replace(_TOKEN_MIRING, one, regex=True))


def tinggi_baris_cm(t: TabelResmi, shown: pd.DataFrame, widths: Sequence[float]) -> np.ndarray:
    """Estimated printed height (cm) of each row at these column widths: its tallest cell
    wrapped (:data:`BUNGKUS`), cells merged down a block left aside (they span rows)."""
    if not len(shown):
        return np.zeros(0)
    height = _Tinggi(t, shown)
    room = np.maximum(np.asarray(widths, dtype="float64") - 2 * MARGIN_SEL_CM, 0.05)
    lines = np.where(height.text > 0, np.ceil(height.text / room), 0.0)
    own = np.max(np.where(height.merged, 0.0, lines), axis=1, initial=0.0)
    return np.maximum(own, 1.0) * TINGGI_BARIS_ISI_CM + 2 * MARGIN_SEL_CM


def baris_judul(judul: Sequence[str], widths: Sequence[float]) -> int:
    """Lines the tallest of these headers takes at its width: each wrapped word by word
    (header text is a few words per column, so this loop is over words, not data)."""
    tallest = 0
    for text, width in zip(judul, widths, strict=True):
        room = max(float(width) - 2 * MARGIN_SEL_CM - AMAN_CM, 0.05)
        parts = [w for w in re.split(r"[^\S\u00a0]+", text) if w]  # "TW\u00a0II" one word
        words = lebar_cm(pd.Series(parts, dtype=object), UKURAN_JUDUL_PT, tebal=True)
        space = float(lebar_cm(pd.Series([" "]), UKURAN_JUDUL_PT, tebal=True).iloc[0])
        lines, used = 1, 0.0
        for w in words.tolist():
            if used and used + space + w > room:
                lines, used = lines + 1, w
            else:
                used = used + space + w if used else w
        tallest = max(tallest, lines)
    return tallest
