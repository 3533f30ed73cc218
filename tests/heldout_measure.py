"""Measure the reader on held-out tables (``tests/data/heldout/<office>/``).

Each folder holds the tables of one office, cut verbatim from a published report, a
``SOURCE.md`` naming the page and a ``printed.json`` with the printed figures and the one
regional setting a planner of that regency would make (``kabupaten``). This script ingests
each folder as shipped - ``python -m analysis ingest --kabupaten <kabupaten>``, nothing
else - in a project folder of its own (``data/raw`` with the office's files, ``data/reference``
a copy of the bundled reference). An office that is not a kecamatan (an OPD, used where
kecamatan tables are scarce) needs the one documented line in ``data/reference/kecamatan.csv``;
``printed.json`` gives it as ``kecamatan_csv`` and it is appended to the copy, never to the
repository's reference. It counts:

* printed figures read right / wrong / missing (a figure is found by indikator - compared
  without case, punctuation or spacing, and without a leading row number or level label
  such as ``1. Sub Kegiatan`` - and year, in ``kinerja``, ``iku`` or ``anggaran``);
* rows silently dropped: counted in the ingest summary but missing from the tables, or
  named by the summary as read but not written;
* tracebacks (a Python traceback on stderr).

Run: ``PYTHONPATH=src python tests/heldout_measure.py [--per-tabel] [--json] [FOLDER]``
(``--per-tabel``: each file of an office ingested alone, counted on its own figures). The
tables of ``tests/data/heldout`` were measured once untouched (211/252) and are development
tables since (see its README); a held-out set says how the reader does on tables nobody
here built it around only until someone tunes on it. ``FOLDER`` (default
``tests/data/heldout``) measures another corpus laid out the same way, e.g. the development
tables in ``tests/data/other_offices``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"

FIELDS: dict[str, tuple[str, ...]] = {
    # printed field -> columns of the processed tables that hold it (first one present wins)
    "target": ("target", "target_tahunan"),
    "realisasi": ("realisasi", "realisasi_sd"),
    "capaian": ("capaian_dilaporkan", "capaian_sd_dilaporkan"),
    # a plan's Rp printed on an indicator's own row is that indicator's (kinerja), else the
    # program's / kegiatan's (anggaran)
    "pagu": ("pagu", "pagu_indikator"),
    "realisasi_anggaran": ("realisasi_anggaran_sd",),
    "serapan": ("serapan_dilaporkan",),
}

SUMMARY_COUNTS = {
    "kinerja": r"(\d+) indikator kinerja",
    "anggaran": r"(\d+) baris anggaran",
    "iku": r"(\d+) baris IKU",
}


@dataclass
class OfficeResult:
    office: str
    exit_code: int
    figures: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    dropped: int = 0
    traceback: bool = False
    details: list[str] = field(default_factory=list)


def load_module(name: str, path: Path):
    """Import a script of the test tree (a ``build.py``, this module) by its path, under
    ``name`` in ``sys.modules``: the fixtures' builders are scripts, not a package."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def printed_number(text: str) -> float:
    """A figure as printed in Indonesian (``82,5``, ``3.135.828.551``, ``97,46%``) or
    with comma thousands as some web portals print it (``1,004,422,800``)."""
    t = str(text).strip().rstrip("%").strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", t):  # not "1,500" (1,5)
        return float(t.replace(",", ""))
    t = re.sub(r"\.(?=\d{3}(?:\D|$))", "", t)
    return float(t.replace(",", "."))


_ACRONYM = re.compile(r"^(?P<name>.*?\S)\s*\((?P<acronym>[A-Za-z]{2,})\)\s*$")

# a leading row number and/or level label, as offices print them before a name:
# "1. Sub Kegiatan Fasilitasi ...", "3.Sub Kegiatan ...", "Kegiatan : ...", "01.02 ..."
_LEADING_LABEL = re.compile(
    r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?\s*)?(?:(?:sub\s*-?\s*kegiatan|kegiatan|program)\s*:?\s+)?",
    re.IGNORECASE,
)


def _key(text: object) -> str:
    """An indicator's name as compared: no case, punctuation, spacing or leading row
    number/level label, and without a trailing acronym in brackets that spells the initials
    of the name before it (the package writes ``Indeks Kepuasan Masyarakat (IKM)`` as one IKU
    with ``Indeks Kepuasan Masyarakat``, ``metrics/iku.unify_names``)."""
    text = _LEADING_LABEL.sub("", str(text))
    m = _ACRONYM.match(text)
    if m and "".join(w[0] for w in m["name"].split()).upper() == m["acronym"].upper():
        text = m["name"]
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _read(out: Path, name: str) -> pd.DataFrame:
    path = out / f"{name}.parquet"
    return pd.read_parquet(path) if path.exists() else pd.DataFrame()


def _written_counts(out: Path) -> dict[str, int]:
    kinerja = _read(out, "kinerja")
    anggaran = _read(out, "anggaran")
    iku = _read(out, "iku")
    counts = {"kinerja": 0, "anggaran": 0, "iku": len(iku)}
    if len(kinerja):
        data = kinerja[kinerja.get("tingkat", pd.Series(dtype=str)) != "total"]
        counts["kinerja"] = len(data.drop_duplicates(["kecamatan", "tahun", "kunci", "indikator"]))
    if len(anggaran):
        data = anggaran[anggaran.get("tingkat", pd.Series(dtype=str)) != "total"]
        counts["anggaran"] = len(data.drop_duplicates(["kecamatan", "tahun", "kunci"]))
    return counts


def _candidates(out: Path) -> pd.DataFrame:
    """Rows of every processed table in ``out`` that can hold a printed figure, one frame."""
    return candidate_rows(lambda name: _read(out, name))


def candidate_rows(table_of) -> pd.DataFrame:
    """Rows of the processed tables (``table_of(name)``: the table, or ``None``) that can
    hold a printed figure, one frame."""
    frames = []
    for name in ("iku", "kinerja", "anggaran"):
        table = table_of(name)
        if table is None or table.empty:
            continue
        if name == "kinerja" and "triwulan" in table:
            table = (
                table.sort_values("triwulan")
                .groupby(["kecamatan", "tahun", "kunci", "indikator"], dropna=False, as_index=False)
                .last()
            )
        none = pd.Series("", index=table.index)
        frames.append(
            table.assign(
                # a table without indicators (anggaran) is named by its uraian
                _key=table.get("indikator", table.get("uraian", none)).map(_key),
                _key_uraian=table.get("uraian", none).map(_key),
                _table=name,
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def measure_office(folder: Path, python: str = sys.executable) -> OfficeResult:
    spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)  # a planner's own project folder: data/raw, data/reference
        raw = project / "data" / "raw"
        out = project / "data" / "processed"
        raw.mkdir(parents=True)
        shutil.copytree(REFERENCE, project / "data" / "reference")
        if spec.get("kecamatan_csv"):  # the one documented line for an office not listed
            local = project / "data" / "reference" / "kecamatan.csv"
            with local.open("a", encoding="utf-8") as fh:
                fh.write(spec["kecamatan_csv"].rstrip("\n") + "\n")
        for f in folder.iterdir():
            if f.name not in {"printed.json", "SOURCE.md"} and f.is_file():
                shutil.copy(f, raw / f.name)
        cmd = [python, "-m", "analysis", "ingest", "--raw", str(raw), "--out", str(out)]
        cmd += ["--kabupaten", spec["kabupaten"], "--force"]
        env = os.environ.copy()
        if env.get("PYTHONPATH"):  # the run's folder is the project, so make paths absolute
            parts = env["PYTHONPATH"].split(os.pathsep)
            env["PYTHONPATH"] = os.pathsep.join(str(Path(p).resolve()) for p in parts if p)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
        result = OfficeResult(office=folder.name, exit_code=proc.returncode)
        result.traceback = "Traceback (most recent call last)" in proc.stderr
        if proc.returncode != 0:  # the errors as ingest lists them, else its last line
            lines = proc.stderr.strip().splitlines() or [""]
            listed = [ln.strip() for ln in lines if re.match(r"\s+\d+\. ", ln)]
            result.details.extend(listed[:5] or lines[-1:])
        written = _written_counts(out)
        for table, pattern in SUMMARY_COUNTS.items():
            m = re.search(pattern, proc.stdout)
            if m and int(m.group(1)) > written[table]:
                result.dropped += int(m.group(1)) - written[table]
                result.details.append(f"{table}: ringkasan {m.group(1)}, tertulis {written[table]}")
        for m in re.finditer(r"(\d+) [\w ]+ terbaca tetapi tidak tertulis", proc.stdout):
            result.dropped += int(m.group(1))
            result.details.append(m.group(0))
        rows = _candidates(out)
        for fig in spec["figures"]:
            result.figures += 1
            want = printed_number(fig["value"])
            name = fig.get("indikator") or fig.get("uraian", "")
            if len(rows):
                # the row named by its indikator or, where the figure gives one, its
                # program/kegiatan/sub kegiatan name (a pagu is the name's, not an indicator's)
                named = pd.Series(False, index=rows.index)
                if fig.get("indikator"):
                    named |= rows["_key"] == _key(fig["indikator"])
                if fig.get("uraian"):
                    named |= rows["_key_uraian"] == _key(fig["uraian"])
                hit = rows[named & (rows["tahun"] == fig["tahun"])]
            else:
                hit = rows
            if hit.empty:
                result.missing += 1
                result.details.append(f"tidak ada: {name} {fig['tahun']}")
                continue
            values = [
                v for col in FIELDS[fig["field"]] if col in hit for v in hit[col].dropna().tolist()
            ]
            if any(abs(float(v) - want) <= 0.005 for v in values):
                result.right += 1
            elif values:
                result.wrong += 1
                result.details.append(
                    f"salah: {name} {fig['tahun']} {fig['field']}: "
                    f"tercetak {fig['value']}, terbaca {values}"
                )
            else:
                result.missing += 1
                result.details.append(f"kosong: {name} {fig['tahun']} {fig['field']}")
    return result


def measure_all(root: Path = HELDOUT) -> list[OfficeResult]:
    folders = sorted(p for p in root.iterdir() if (p / "printed.json").is_file())
    return [measure_office(f) for f in folders]


def measure_tables(root: Path = HELDOUT) -> list[OfficeResult]:
    """Each file of each office ingested alone, counted on the figures whose ``tabel`` it is
    (``--per-tabel``): which table reads and which one refuses or loses its office's figures."""
    results = []
    for folder in sorted(p for p in root.iterdir() if (p / "printed.json").is_file()):
        spec = json.loads((folder / "printed.json").read_text(encoding="utf-8"))
        names = sorted({fig["tabel"] for fig in spec["figures"] if "tabel" in fig})
        for name in names or [None]:
            with tempfile.TemporaryDirectory() as tmp:
                alone = Path(tmp) / folder.name
                alone.mkdir()
                for f in folder.iterdir():
                    keep = f.is_file() and f.name not in {"printed.json", "SOURCE.md"}
                    if keep and (name is None or f.name == name):
                        shutil.copy(f, alone / f.name)
                figures = [fig for fig in spec["figures"] if name is None or fig["tabel"] == name]
                (alone / "printed.json").write_text(
                    json.dumps({**spec, "figures": figures}, ensure_ascii=False), encoding="utf-8"
                )
                result = measure_office(alone)
            result.office = f"{folder.name}/{name}" if name else folder.name
            results.append(result)
    return results


def shipped_tables(office, root: Path, written_cells):
    """``(table, its shipped cells)`` of a corpus office, once ``printed.json`` holds the
    office's regency and figures and every shipped file holds exactly the cut cells."""
    spec = json.loads((root / office.folder / "printed.json").read_text(encoding="utf-8"))
    assert spec["kabupaten"] == office.kabupaten
    assert spec["figures"] == [fig for t in office.tables for fig in t.figures]
    for table in office.tables:
        path = root / office.folder / table.file
        written = written_cells(path)
        if path.suffix == ".docx":
            expected = [[t] for t in table.title] + table.header + table.rows
        else:
            expected = table.cells()
        assert written == expected, table.file
        yield table, written


def check_rebuilds(build, root: Path, tmp_path: Path, offices=None) -> None:
    """A corpus' ``build.py`` writes every shipped table and printed.json again, the same."""
    for office in build.offices() if offices is None else offices:
        build.build(office, tmp_path)
        for table in office.tables:
            shipped = build.written_cells(root / office.folder / table.file)
            assert build.written_cells(tmp_path / office.folder / table.file) == shipped
        shipped_spec = (root / office.folder / "printed.json").read_text(encoding="utf-8")
        rebuilt = (tmp_path / office.folder / "printed.json").read_text(encoding="utf-8")
        assert rebuilt == shipped_spec, office.folder


def check_clean(measured: list[OfficeResult], offices: int) -> None:
    """No traceback, nothing silently dropped, nothing read wrong (a figure may be missing)."""
    assert len(measured) == offices
    for r in measured:
        assert not r.traceback, (r.office, r.details)
        assert r.dropped == 0, (r.office, r.details)
        assert r.wrong == 0, (r.office, r.details)
        assert r.right + r.wrong + r.missing == r.figures


def check_floor(measured: list[OfficeResult], floor: int) -> None:
    """At least as many figures right as last measured."""
    assert sum(r.right for r in measured) >= floor, [
        (r.office, r.right, r.figures, r.details[:3]) for r in measured
    ]


def main(argv: list[str]) -> int:
    folders = [a for a in argv if not a.startswith("--")]
    root = Path(folders[0]) if folders else HELDOUT
    results = measure_tables(root) if "--per-tabel" in argv else measure_all(root)
    if "--json" in argv:
        print(json.dumps([asdict(r) for r in results], indent=1, ensure_ascii=False))
        return 0
    total = OfficeResult(office="JUMLAH", exit_code=0)
    for r in results:
        for name in ("figures", "right", "wrong", "missing", "dropped"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
        total.traceback = total.traceback or r.traceback
        print(
            f"{r.office}: {r.right}/{r.figures} benar, {r.wrong} salah, {r.missing} hilang, "
            f"{r.dropped} baris terbuang diam-diam, traceback: {'ya' if r.traceback else 'tidak'}, "
            f"exit {r.exit_code}"
        )
        for line in r.details[:8]:
            print(f"    {line}")
    print(
        f"JUMLAH: {total.right}/{total.figures} benar, {total.wrong} salah, "
        f"{total.missing} hilang, {total.dropped} terbuang, "
        f"traceback: {sum(r.traceback for r in results)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
