"""Pieces of a PDF page as the table stitcher needs them: tables, text lines, margins.

A PDF has no tables, only characters and ruling lines at positions. pdfplumber finds
the tables from the ruling lines (a Word table printed with borders) and gives each
cell's text and box; this module turns one page into :class:`PageTable` (cells as text,
the boxes of merged cells as ranges, how far the text of each cell reaches down) and
:class:`TextLine` (the lines of text outside every table). Everything about a table
continuing over pages is in :mod:`analysis.ingest.formats.pdf`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

import numpy as np

EDGE_TOLERANCE = 2.0
"""Points within which two cell edges are the same grid line."""

MARGIN_SHARE = 0.1
"""Top and bottom share of a page where running headers, footers and page numbers sit."""

PAGE_NUMBER = re.compile(
    r"^(?:hal(?:aman)?\.?|page|hlm\.?|-)?\s*[ivxlcdm\d]+\s*(?:(?:dari|of|/)\s*\d+|-)?$", re.I
)
"""A line that is only a page number (``12``, ``- 12 -``, ``Halaman 3 dari 10``, ``iv``)."""


@dataclass
class TextLine:
    page: int
    top: float
    bottom: float
    text: str
    artifact: bool = False
    """Marked as page furniture (``/Artifact``) by a tagged PDF, as Word saves them."""


@dataclass
class PageTable:
    page: int
    top: float
    bottom: float
    x_edges: list[float]
    """Left edge of each column, then the table's right edge (page points)."""
    rows: list[list[str | None]]
    """Cell texts row by row; ``None`` where a merged cell covers the position."""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged cells as (first row, first col, last row, last col), table-relative."""
    reaches_bottom: list[list[bool]] = field(default_factory=list)
    """Per cell: its text's last line ends at the bottom of its row (cut there?)."""

    @property
    def width(self) -> int:
        return len(self.x_edges) - 1


def join_wrapped(text: str | None, broken: list[bool] | None = None) -> str | None:
    """A cell's lines as one text: a word broken after ``-`` or ``/`` is joined without a
    space (``DPA-`` + ``SKPD`` -> ``DPA-SKPD``), and so is a word too long for its column
    that Word broke between letters (``broken[i]``: line ``i`` is one word filling the
    cell to its right edge, see :func:`page_tables`), and a number wrapped before a
    separator (:data:`_NUMBER_END`); other lines with one space."""
    if text is None:
        return None
    raw = text.split("\n")
    flags = broken if broken is not None and len(broken) == len(raw) else [False] * len(raw)
    lines = [(line.strip(), flag) for line, flag in zip(raw, flags, strict=True)]
    lines = [(line, flag) for line, flag in lines if line]
    if not lines:
        return ""
    out, was_broken = lines[0]
    for line, flag in lines[1:]:
        joined = (
            (len(out) > 1 and out[-1] in "-/" and out[-2].isalnum())  # DPA- | SKPD
            or (line[0] == "/" and out[-1].isalnum())  # triwulanan | /semesteran
            or (was_broken and out[-1].isalpha() and _word_rest(line))  # PENYELENGGARA | AN
            or (was_broken and out[-1] in "0123456789.," and line[0].isdigit())  # 032,0 | 0
            or (_NUMBER_END.search(out) is not None and _SEPARATOR_START.match(line) is not None)
            or (_GROUPED_THEN_SEPARATOR.search(out) is not None and _CENTS.fullmatch(line))
        )
        out += line if joined else " " + line
        was_broken = flag
    return out


_NUMBER_END = re.compile(r"(?:^|\s)[\d.,]*\d$")
_SEPARATOR_START = re.compile(r"[.,]\d")
"""A number wrapped before a separator in a narrow column (``136500000`` | ``.00``,
``1,458`` | ``,477,763,740.00``): no number starts with its separator, so the pieces are
one number."""

_GROUPED_THEN_SEPARATOR = re.compile(r"(?:^|\s)\d{1,3}(?:[.,]\d{3})+[.,]$")
_CENTS = re.compile(r"\d{1,2}")
"""A number with thousand groups wrapped after its decimal separator (``84,444,105,000.`` |
``00``): a grouped number does not end a sentence with its separator, so the two or one
digits below are its decimals."""


WHOLE_WORDS = frozenset(
    {
        *("dan", "di", "ke", "dari", "yang", "pada", "untuk", "dengan", "dalam", "atau"),
        *("serta", "oleh", "kepada", "bagi", "tahun", "per", "dn", "yg", "sd", "rp", "tw"),
        *("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"),
    }
)
"""Words that begin a line of their own right: after a line Word filled to the edge, a
line starting with one of them is a new word, not the rest of a broken one."""


def _word_rest(line: str) -> bool:
    """Does ``line`` start like the rest of a word Word broke between letters: a piece of
    at most three letters, or one in lower case, that is not a word of its own?"""
    first = re.match(r"[A-Za-z]+", line)
    if first is None:
        return False
    piece = first.group(0)
    if piece.lower() in WHOLE_WORDS:
        return False
    return len(piece) <= 3 or piece[0].islower()


def _edges(values: list[float]) -> list[float]:
    """Distinct positions, those within :data:`EDGE_TOLERANCE` taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOLERANCE:
            out.append(v)
    return out


def page_tables(page, number: int) -> list[PageTable]:
    """The ruled tables of a pdfplumber page, top to bottom."""
    found = page.find_tables()
    out: list[PageTable] = []
    if not found:
        return out
    chars = page.chars
    cx = np.array([(c["x0"] + c["x1"]) / 2 for c in chars], dtype=float)
    cy = np.array([(c["top"] + c["bottom"]) / 2 for c in chars], dtype=float)
    cb = np.array([c["bottom"] for c in chars], dtype=float)
    size = np.array([c.get("size", 10.0) for c in chars], dtype=float)
    for table in found:
        boxes = [b for row in table.rows for b in row.cells if b is not None]
        if not boxes:
            continue
        x_edges = _edges([b[0] for b in boxes] + [max(b[2] for b in boxes)])
        y_edges = _edges([b[1] for b in boxes] + [max(b[3] for b in boxes)])
        if len(x_edges) < 2 or len(y_edges) < 2:
            continue
        xs = np.array(x_edges)
        ys = np.array(y_edges)
        n_rows, n_cols = len(ys) - 1, len(xs) - 1
        grid: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
        bottoms = np.full((n_rows, n_cols), -np.inf)
        boxes_at: dict[tuple[int, int], tuple[int, int, tuple]] = {}
        for b in boxes:
            c0 = int(np.searchsorted(xs, b[0] + EDGE_TOLERANCE, side="right")) - 1
            c1 = int(np.searchsorted(xs, b[2] - EDGE_TOLERANCE, side="right")) - 1
            r0 = int(np.searchsorted(ys, b[1] + EDGE_TOLERANCE, side="right")) - 1
            r1 = int(np.searchsorted(ys, b[3] - EDGE_TOLERANCE, side="right")) - 1
            c0, r0 = max(c0, 0), max(r0, 0)
            boxes_at[(r0, c0)] = (r1, c1, b)
        inside = (cx >= xs[0]) & (cx <= xs[-1]) & (cy >= ys[0]) & (cy <= ys[-1])
        sel = np.flatnonzero(inside)
        ci = np.clip(np.searchsorted(xs, cx[sel], side="right") - 1, 0, n_cols - 1)
        ri = np.clip(np.searchsorted(ys, cy[sel], side="right") - 1, 0, n_rows - 1)
        np.maximum.at(bottoms, (ri, ci), cb[sel])
        line_h = float(np.median(size[sel])) * 1.3 if len(sel) else 12.0
        texts = _cell_texts(table, ys, xs)
        broken = _broken_lines(chars, sel, ri, ci, boxes_at)
        merged: list[tuple[int, int, int, int]] = []
        reach = [[False] * n_cols for _ in range(n_rows)]
        for (r0, c0), (r1, c1, b) in boxes_at.items():
            if r0 >= n_rows or c0 >= n_cols:
                continue
            grid[r0][c0] = join_wrapped(texts.get((r0, c0)), broken.get((r0, c0))) or ""
            if r1 > r0 or c1 > c0:
                merged.append((r0, c0, max(r1, r0), max(c1, c0)))
            low = bottoms[r0 : r1 + 1, c0 : c1 + 1].max()
            reach[r0][c0] = bool(np.isfinite(low) and b[3] - low < line_h)
        out.append(PageTable(number, float(ys[0]), float(ys[-1]), x_edges, grid, merged, reach))
    out.sort(key=lambda t: t.top)
    return out


def _broken_lines(
    chars: list[dict], sel: np.ndarray, ri: np.ndarray, ci: np.ndarray, boxes_at: dict
) -> dict[tuple[int, int], list[bool]]:
    """Per cell, per text line: is the line one word that fills the cell up to its right
    edge, so close that the next line's first letter would not have fitted (Word broke
    a word too long for the column between letters)?"""
    cells: dict[tuple[int, int], list[int]] = {}
    for k, r, c in zip(sel.tolist(), ri.tolist(), ci.tolist(), strict=True):
        cells.setdefault((r, c), []).append(k)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1, _) in boxes_at.items():
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0)
    grouped: dict[tuple[int, int], list[int]] = {}
    for pos, ks in cells.items():
        grouped.setdefault(owner.get(pos, pos), []).extend(ks)
    out: dict[tuple[int, int], list[bool]] = {}
    for pos, ks in grouped.items():
        if pos not in boxes_at:
            continue
        right = boxes_at[pos][2][2]
        ks.sort(key=lambda k: (round(chars[k]["top"]), chars[k]["x0"]))
        lines: list[list[dict]] = []
        for k in ks:
            ch = chars[k]
            if lines and abs(ch["top"] - lines[-1][0]["top"]) < 1.5:
                lines[-1].append(ch)
            else:
                lines.append([ch])
        flags = []
        pad = min(ch["x0"] for line in lines for ch in line) - boxes_at[pos][2][0]
        for i, line in enumerate(lines):
            text = "".join(ch["text"] for ch in line).strip()
            gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(line)]
            one_word = " " not in text and all(
                g < 0.25 * a.get("size", 10.0) for g, a in zip(gaps, line, strict=False)
            )
            if i + 1 >= len(lines) or not text or not one_word:
                flags.append(False)
                continue
            nxt = lines[i + 1][0]
            room = right - pad - max(ch["x1"] for ch in line)
            flags.append(room < (nxt["x1"] - nxt["x0"]))
        out[pos] = flags
    return out


def _cell_texts(table, ys: np.ndarray, xs: np.ndarray) -> dict[tuple[int, int], str]:
    """pdfplumber's text of each cell, keyed by the grid position of its top-left corner."""
    out: dict[tuple[int, int], str] = {}
    texts = table.extract(x_tolerance=1.5)
    for row, row_texts in zip(table.rows, texts, strict=True):
        for b, text in zip(row.cells, row_texts, strict=True):
            if b is None or text is None:
                continue
            c0 = int(np.searchsorted(xs, b[0] + EDGE_TOLERANCE, side="right")) - 1
            r0 = int(np.searchsorted(ys, b[1] + EDGE_TOLERANCE, side="right")) - 1
            out[(max(r0, 0), max(c0, 0))] = text
    return out


def page_lines(page, number: int, tables: list[PageTable]) -> list[TextLine]:
    """Text lines of the page outside its tables, top to bottom."""
    out = []
    for line in page.extract_text_lines(return_chars=True):
        mid = (line["top"] + line["bottom"]) / 2
        if any(t.top - 1 <= mid <= t.bottom + 1 for t in tables):
            continue
        text = " ".join(line["text"].split())
        if text:
            artifact = all(ch.get("tag") == "Artifact" for ch in line["chars"])
            out.append(TextLine(number, float(line["top"]), float(line["bottom"]), text, artifact))
    return out


def running_lines(lines: list[TextLine], heights: dict[int, float]) -> set[int]:
    """Indexes of the lines that are page furniture: marked so by a tagged PDF (Word's
    header, footer and page number are ``/Artifact``), or in the top or bottom margin
    band and either a page number or the same text (digits aside) on two or more pages."""
    band = [
        ln.bottom <= heights[ln.page] * MARGIN_SHARE
        or ln.top >= heights[ln.page] * (1 - MARGIN_SHARE)
        for ln in lines
    ]
    keys = [re.sub(r"\d+", "#", ln.text.lower()) for ln in lines]
    pages_of: dict[str, set[int]] = {}
    for i, key in enumerate(keys):
        if band[i]:
            pages_of.setdefault(key, set()).add(lines[i].page)
    return {
        i
        for i, ln in enumerate(lines)
        if ln.artifact
        or (band[i] and (PAGE_NUMBER.match(ln.text) or len(pages_of.get(keys[i], ())) >= 2))
    }


def paragraphs(lines: list[TextLine]) -> list[TextLine]:
    """Consecutive lines of one paragraph joined: a new paragraph starts on a new page or
    after a gap larger than half a line; wrapped words joined as in cells."""
    out: list[TextLine] = []
    for ln in lines:
        if out:
            last = out[-1]
            height = max(last.bottom - last.top, 1.0) / max(last.text.count("\n") + 1, 1)
            if ln.page == last.page and ln.top - last.bottom <= 0.5 * height:
                last.text += "\n" + ln.text
                last.bottom = ln.bottom
                continue
        out.append(TextLine(ln.page, ln.top, ln.bottom, ln.text))
    for p in out:
        p.text = join_wrapped(p.text) or ""
    return out
