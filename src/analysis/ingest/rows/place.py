"""The kecamatan and year of a source (row, sheet or file), so findings and rejected rows
raised while reading reach that kecamatan's report.
"""

from __future__ import annotations

import pandas as pd

from analysis.errors import Findings
from analysis.ingest.sources import file_of


def places_of(frames: list[pd.DataFrame], sumbers: list[str]) -> dict[str, tuple[str, int]]:
    """(kecamatan, tahun) of the given sources: by ``file:sheet:row``, and by
    ``file:sheet`` and ``file`` where all the rows of that sheet or file belong to one
    kecamatan-year. Only the rows of the files named in ``sumbers`` are looked at."""
    files = {_source_levels(str(x))[-1] for x in sumbers}
    files.discard("")
    if not files:
        return {}
    prefixes = tuple(f"{f}:" for f in files)
    parts = []
    for f in frames:
        if not len(f) or not {"sumber", "kecamatan", "tahun"} <= set(f.columns):
            continue
        part = f[["sumber", "kecamatan", "tahun"]].dropna()
        parts.append(part[part["sumber"].astype("str").str.startswith(prefixes)])
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if rows.empty:
        return {}
    sumber = rows["sumber"].astype("str")
    rows = rows.assign(
        sumber=sumber,
        tahun=rows["tahun"].astype("int64"),
        sheet=sumber.str.rsplit(":", n=1).str[0],
        file=file_of(sumber),
    )
    # a merged budget row cites several sources (``a | b``): it is no row of its own
    rows = rows[~sumber.str.contains(" | ", regex=False)]
    places: dict[str, tuple[str, int]] = {}
    for level in ("file", "sheet"):
        pairs = rows.drop_duplicates([level, "kecamatan", "tahun"])
        single = pairs[~pairs[level].duplicated(keep=False)]
        places.update(
            zip(single[level], zip(single["kecamatan"], single["tahun"], strict=True), strict=True)
        )
    single = rows[rows["sumber"].isin(set(sumbers))].drop_duplicates("sumber")
    places.update(
        zip(single["sumber"], zip(single["kecamatan"], single["tahun"], strict=True), strict=True)
    )
    return places


def place(sumber: str, places: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """The kecamatan-year of a source: its row, else its sheet, else its file."""
    return next((places[k] for k in _source_levels(sumber) if k in places), None)


def _source_levels(sumber: str) -> list[str]:
    """``file:sheet:row`` -> itself, ``file:sheet``, ``file``; a shorter source (a whole
    file or sheet cited by a reading finding) -> what it has, down to the file."""
    parts = min(sumber.count(":"), 2)
    return [sumber.rsplit(":", n)[0] if n else sumber for n in range(parts + 1)]


def place_findings(findings: Findings, places: dict[str, tuple[str, int]]) -> None:
    """Findings raised while reading a file (encoding, units, repeats, guessed tingkat)
    get the kecamatan and tahun of the rows they were raised on, so that they reach that
    kecamatan's report, which shows only its own findings."""
    open_items = [f for f in findings.items if f.kecamatan is None or f.tahun is None]
    for finding in open_items:
        found = place(str(finding.sumber or ""), places)
        if found is None:
            continue
        if finding.kecamatan is None:
            finding.kecamatan = found[0]
        if finding.tahun is None:
            finding.tahun = int(found[1])
