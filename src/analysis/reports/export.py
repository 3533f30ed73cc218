"""Executed notebook -> one self-contained HTML file a planner can open offline.

nbconvert's stock ``lab``/``classic`` pages load jQuery, require.js, MathJax and mermaid
from a CDN; a report forwarded by e-mail and opened in a district office without
internet would show a spinner or a blank. :func:`notebook_to_html` renders through the
package's own ``laporan`` template (``templates/laporan``), which keeps nbconvert's
output rendering (tables, embedded PNG charts, markdown) and replaces the page frame:
inline CSS, no script, no code cells, no prompts. :func:`offline_problems` is the guard
the runner applies to every page before it is written.

Files are written with :func:`write_atomic` (temp file + rename in the same folder) so a
batch killed half-way never leaves a truncated report that looks finished.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from analysis import __version__, neutral

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
"""Templates shipped with the package (nbconvert template, index page, CSS)."""

TEMPLATE_NAME = "laporan"

_NETWORK_TAGS = frozenset(
    {"script", "link", "iframe", "frame", "object", "embed", "base", "applet"}
)
_URL_ATTRS = frozenset(
    {"src", "href", "action", "formaction", "poster", "data", "srcset", "background", "xlink:href"}
)
_NETWORK_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_SAFE_SCHEMES = ("data:image/", "#")
_CSS_NETWORK = re.compile(
    r"@import|url\(\s*[\"']?\s*(?!data:)(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE
)


@lru_cache(maxsize=1)
def css() -> str:
    """The stylesheet inlined into every report and the index."""
    return (TEMPLATES_DIR / TEMPLATE_NAME / "static" / "laporan.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _exporter():  # -> nbconvert.HTMLExporter; imported lazily to keep the CLI light
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_raw = True
    return exporter


def dibuat_sekarang() -> str:
    """Timestamp printed in a page footer, in Indonesian (``22 November 2025 06.30``)."""
    from babel.dates import format_datetime

    return format_datetime(dt.datetime.now(), format="d MMMM y HH.mm", locale="id_ID")


def notebook_to_html(nb, judul: str) -> str:
    """Render an executed notebook (``nbformat.NotebookNode``) to an offline HTML page.

    ``judul`` becomes the page title (escaped by the template). Raises
    :class:`OfflineError` if, despite the template, the page would reference the network
    or carry a script: a report that silently phones home is worse than no report.
    """
    resources = {
        "laporan": {
            "judul": judul,
            "versi": __version__,
            "dibuat": dibuat_sekarang(),
        }
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    body = neutral.clean_html(body)  # no bidi control from data reorders what is read
    problems = offline_problems(body)
    if problems:
        raise OfflineError(f"halaman {judul!r} tidak bisa dibuka offline: {'; '.join(problems)}")
    return body


class OfflineError(RuntimeError):
    """A rendered page would load something from the network or run a script."""


def offline_problems(html: str) -> list[str]:
    """What in ``html`` needs the network or runs code; empty when the page is self-contained.

    Parses the page (text that merely *mentions* ``<script>``, escaped, is fine) and
    reports tags that load or run something (``script``, ``link``, ``iframe``, ...),
    inline event handlers (``onerror=``), URL attributes with a scheme or ``//`` other
    than embedded images (``data:image/...``), and CSS ``@import``/``url(http...)``.
    Relative links between reports and ``#`` anchors are allowed.
    """
    checker = _OfflineChecker()
    checker.feed(html)
    checker.close()
    return checker.problems


class _OfflineChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NETWORK_TAGS:
            self.problems.append(f"tag <{tag}> di baris {self.getpos()[0]}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"atribut {name}= pada <{tag}>")
            elif (
                name in _URL_ATTRS
                and _NETWORK_URL.match(value)
                and not value.lstrip().startswith(_SAFE_SCHEMES)
            ):
                self.problems.append(f"{name}={value[:60]!r} pada <{tag}>")
            elif name == "style" and _CSS_NETWORK.search(value):
                self.problems.append(f"CSS memuat alamat luar pada <{tag}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_NETWORK.search(data):
            self.problems.append("CSS memuat alamat luar di <style>")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and an atomic rename.

    A reader (or a planner's browser) sees either the previous file or the complete new
    one, never a half-written page, even if the batch is killed mid-write.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
