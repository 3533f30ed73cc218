"""``sumber`` (``file:sheet:row``) taken apart where a file or sheet name holds ``:``.

A CSV's sheet is its file name without the suffix, and a file may be named
``wotu:2024_a.csv`` (allowed on Linux and macOS): ``rsplit(":", 2)`` then cuts the file
name in two (``file wotu:2024_a.csv:wotu, sheet '2024_a'``). The file ends at the first
``.<suffix>:`` of a readable file type; the row is after the last ``:``.
"""

from __future__ import annotations

import re

import pandas as pd

SUFFIXES = ("csv", "xlsx", "xlsm", "xls", "ods", "docx")
_SOURCE = re.compile(
    r"^(?P<file>.*?\.(?:" + "|".join(SUFFIXES) + r")):(?P<sheet>.*):(?P<row>\d+)$", re.I
)


def split_sumber(sumber: object) -> tuple[str, str, int | None]:
    """``(file, sheet, row)`` of one ``file:sheet:row`` (row ``None`` when it has none)."""
    text = str(sumber)
    found = _SOURCE.match(text)
    if found:
        return found["file"], found["sheet"], int(found["row"])
    parts = text.rsplit(":", 2)
    if len(parts) == 3 and parts[2].isdigit():
        return parts[0], parts[1], int(parts[2])
    return text, "", None


def file_of(sumber: pd.Series) -> pd.Series:
    """The file of each ``file:sheet:row`` (vectorised)."""
    text = sumber.astype("str")
    found = text.str.extract(_SOURCE.pattern, flags=re.I)["file"]
    return found.fillna(text.str.rsplit(":", n=2).str[0])
