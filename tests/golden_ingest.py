"""Ingest outputs frozen from the per-sheet reader, to hold the batched reader to them.

Until issue 15 every sheet was extracted alone; now the tables of a chunk of files are
read in one pass (:mod:`analysis.ingest.tables.extraction`). The outputs of the sets below were
written by the per-sheet reader (commit ``66502f5``) into ``tests/data/ingest_golden``
with ``python tests/golden_ingest.py``; ``tests/test_ingest_golden.py`` compares the
current reader's with them. Regenerate only for a deliberate change of what ingest
reads, and say so in the commit.

The sets: the bundled ``data/raw`` (CSV with Indonesian numbers, non-data rows); the 21
seed tables cut verbatim (``tests/data/seed_tables``, as xlsx, csv and docx; some are
refused, so errors are compared too); and 24 generated workbooks in which offices typed
their figures in every way the cell parser reads or refuses, spread over many files so
that one pass reads them together.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN = HERE / "data" / "ingest_golden"
FRAMES = ("kinerja_wide", "anggaran_wide", "iku_raw", "bulanan")

MESSY_CELLS = [
    "3.135.828.551",
    "97,46",
    "1,500",
    "6,403,000",
    "80.1",
    "4.094.740.600,00",
    "Rp. 1.250.000",
    "12 Laporan",
    "100%",
    "\\100%",
    "TW 1 : 3",
    "TW 2 : 4",
    "-",
    "n/a",
    "#DIV/0!",
    "1OO",
    "5-",
    "1.2.3",
    "abc",
    "12 Dokumen",
    " 7 ",
    "0.125",
    "1.542",
]
"""How offices type figures (seeds 000-004 and the contract's separator rule)."""


def write_messy(raw: Path) -> None:
    """24 workbooks (4 kecamatan x 2 years x kinerja/anggaran/iku) with messy cells."""
    from analysis import synthetic
    from analysis.paths import slugify

    names = list(synthetic.DEFAULT_KECAMATAN[:4])
    kinerja, anggaran, iku = synthetic.make_kinerja_anggaran(names, (2023, 2024), seed=7)
    rng = np.random.default_rng(7)
    raw.mkdir(parents=True, exist_ok=True)
    for what, table in (("kinerja", kinerja), ("anggaran", anggaran), ("iku", iku)):
        table = table.astype(object)
        figures = [c for c in table.columns if table[c].map(np.isreal).all()]
        figures = [c for c in figures if c not in {"tahun"}]
        for c in figures:
            pick = rng.random(len(table)) < 0.08
            table.loc[pick, c] = rng.choice(MESSY_CELLS, int(pick.sum()))
        for (tahun, kecamatan), part in table.groupby(["tahun", "kecamatan"], sort=True):
            path = raw / f"{slugify(kecamatan)}_{tahun}_{what}.xlsx"
            with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
                part.to_excel(writer, sheet_name=what, index=False)


def sets(work: Path) -> dict[str, tuple[Path, Path | None]]:
    """Name -> (raw folder, reference folder) of each golden set, written under ``work``."""
    sys.path.insert(0, str(HERE))
    import seed_corpus

    seeds = work / "seed_tables"
    seed_corpus.write_all(seeds)
    messy = work / "messy"
    write_messy(messy / "raw")
    from analysis import synthetic

    synthetic.write_reference(list(synthetic.DEFAULT_KECAMATAN), messy / "reference")
    return {
        "bundled": (ROOT / "data" / "raw", None),
        "seed_tables": (seeds, None),
        "messy": (messy / "raw", messy / "reference"),
    }


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as float64, everything else as text: what the Parquet golden can hold."""
    out = pd.DataFrame(index=range(len(frame)))
    for c in frame.columns:
        col = frame[c].reset_index(drop=True)
        if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
            out[c] = col.astype("float64")
        else:
            out[c] = (
                col.astype(object).where(col.notna()).map(str, na_action="ignore").astype("str")
            )
    return out


def outputs(raw: Path, reference: Path | None, jobs: int = 1) -> dict[str, object]:
    from analysis.ingest.pipeline import ingest

    result = ingest(raw, reference_dir=reference, jobs=jobs)
    out: dict[str, object] = {name: canonical(getattr(result, name)) for name in FRAMES}
    out["errors"] = [str(e) for e in result.errors]
    out["findings"] = [f"{f.jenis}|{f.sumber}|{f.kolom}|{f.pesan}" for f in result.findings.items]
    out["notes"] = [n.replace(str(raw), "<raw>") for n in result.notes]
    return out


def write_golden(work: Path) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, (raw, reference) in sets(work).items():
        out = outputs(raw, reference)
        for frame in FRAMES:
            out[frame].to_parquet(GOLDEN / f"{name}.{frame}.parquet", index=False)
        messages = {k: out[k] for k in ("errors", "findings", "notes")}
        (GOLDEN / f"{name}.messages.json").write_text(
            json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_golden(Path(tmp))
