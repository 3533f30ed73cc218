"""What a spreadsheet number format does to the value a person sees.

A ``%`` in a number format multiplies the stored value by 100 (``0.00%``: 0.9746 shows
``97.46%``) - but only a bare ``%``. Typed as text (``0.00"%"``, ``0.00\\%``) it is a
label: 97.46 shows ``97.46%`` and the value is 97.46. So is a ``%`` after ``_`` (a space
as wide as it) or ``*`` (fill), and a ``%`` inside ``[...]`` (colour, condition, locale).
A format has up to four sections (positive; negative; zero; text): the one that shows
the value decides.
"""

from __future__ import annotations

import re

_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
"""Parts of a format that print themselves: quoted text, an escaped character, ``_x``
(space), ``*x`` (fill), ``[...]`` (colour/condition/locale)."""


def _sections(code: str) -> list[str]:
    """The ``;``-separated sections, a ``;`` inside quotes or after ``\\`` kept."""
    out, current, i = [], [], 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) - 1 if end < 0 else end
            current.append(code[i : end + 1])
            i = end + 1
            continue
        if ch in "\\_*" and i + 1 < len(code):
            current.append(code[i : i + 2])
            i += 2
            continue
        if ch == ";":
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    out.append("".join(current))
    return out


def scales_by_100(code: str | None, value: float | None = None) -> bool:
    """Whether a number stored as ``value`` shows 100 times larger under format ``code``.

    ``value`` picks the section (negative numbers the second, zero the third, when the
    format has them); without it, whether any numeric section scales.
    """
    if not code or "%" not in code:
        return False
    sections = _sections(code)[:3]
    if value is None:
        chosen = sections
    elif value < 0 and len(sections) >= 2:
        chosen = [sections[1]]
    elif value == 0 and len(sections) >= 3:
        chosen = [sections[2]]
    else:
        chosen = [sections[0]]
    return any("%" in _LITERAL.sub("", s) for s in chosen)
