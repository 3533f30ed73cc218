"""Cut the seed reports' narrative chapters named in MANIFEST.tsv into ``<name>.txt``
(lines unchanged), and build ``data/raw/wotu_2024_lkj_bab3.docx`` from its cut.

    python tests/data/narasi/build.py --cut   # re-cut from /work/shared/seeds (or ../shared)
    python tests/data/narasi/build.py         # rebuild the .docx from the .txt cuts

Text form of the cuts (the seed converter's): one paragraph a line, blank lines between;
``- `` opens a list item (indented: a nested one), ``#`` a heading, ``**...**`` bold. The
Word file holds each paragraph's text as the seed prints it with those marks made Word
formatting (List Bullet / List Bullet 2 style, Heading 3 style, bold runs).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEEDS = [ROOT.parent.parent / "shared" / "seeds", Path("/work/shared/seeds")]
DOCX = {"wotu_2024_bab3": ROOT / "data" / "raw" / "wotu_2024_lkj_bab3.docx"}


@dataclass(frozen=True)
class Baris:
    teks: str  # the paragraph's text, list/heading marks and ** removed
    daftar: int  # 0: no list item; 1: list item; 2: nested list item
    judul: bool
    tebal: list[tuple[str, bool]]  # runs (text, bold)


def manifest() -> list[tuple[str, str, str]]:
    out = []
    for line in (HERE / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, seed, lines = line.split("\t")[:3]
            out.append((name, seed, lines))
    return out


def cut() -> None:
    seeds = next(s for s in SEEDS if s.is_dir())
    for name, seed, ranges in manifest():
        lines = (seeds / seed).read_text(encoding="utf-8").split("\n")
        out = []
        for part in ranges.split(","):
            a, b = (int(x) for x in part.split("-"))
            out.extend(lines[a - 1 : b])
            out.append("")
        (HERE / f"{name}.txt").write_text("\n".join(out), encoding="utf-8")


def paragraphs(name: str) -> list[Baris]:
    """The cut's non-empty lines as paragraphs."""
    out = []
    for raw in (HERE / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
        if not raw.strip():
            continue
        assert "\t" not in raw, f"{name}: a table line is no paragraph: {raw!r}"
        found = re.match(r"^(\s*)- (.*)$", raw)
        level = 0
        text = raw.strip()
        if found:
            level = 2 if found.group(1) else 1
            text = found.group(2).strip()
        heading = text.startswith("#")
        text = re.sub(r"^#+\s*", "", text)
        runs = [(part, i % 2 == 1) for i, part in enumerate(text.split("**")) if part]
        out.append(Baris("".join(r for r, _ in runs), level, heading, runs))
    return out


def build(name: str, target: Path) -> None:
    import docx

    document = docx.Document()
    core = document.core_properties
    core.author = "kinerja-kecamatan tests/data/narasi/build.py"
    core.title = name
    for b in paragraphs(name):
        style = (
            "Heading 3" if b.judul else {0: None, 1: "List Bullet", 2: "List Bullet 2"}[b.daftar]
        )
        p = document.add_paragraph(style=style)
        for text, bold in b.tebal:
            p.add_run(text).bold = bold or None
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))


if __name__ == "__main__":
    if "--cut" in sys.argv:
        cut()
    for name, target in DOCX.items():
        build(name, target)
