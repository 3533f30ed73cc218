"""HTML fragments: the autoescaping Jinja environment, :class:`Html` and the band colours.

Fragments are rendered with autoescaping on, so a ``<script>`` typed into an uraian or a
keterangan arrives in the report as text, never as markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis import formatting as fmt
from analysis.metrics.bands import KATEGORI_LABEL, KATEGORI_TIDAK_ADA_WARNA, KATEGORI_WARNA
from analysis.reports.export import TEMPLATES_DIR

# Text of dark band colours needs white letters, light ones black.
_TEKS_GELAP = {"T", "S"}


class Html(str):
    """An HTML fragment that Jupyter displays as HTML (and nbconvert copies verbatim).

    Only :func:`render` builds these, from autoescaping templates.
    """

    def _repr_html_(self) -> str:
        return str(self)

    def __html__(self) -> str:
        """Tell Jinja the fragment is already safe markup (it was autoescaped when built)."""
        return str(self)

    def __repr__(self) -> str:
        # The text/plain twin of every HTML output: short, so the executed notebook does
        # not carry each table twice.
        return f"[HTML, {len(self):,} karakter]"


@lru_cache(maxsize=1)
def jinja_env():
    """The autoescaping environment of the package's templates (reports and explorer)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["warna_kategori"] = warna_kategori
    env.filters["sela_kata"] = sela_kata
    env.globals["teks_kategori"] = teks_kategori
    return env


_SELA = re.compile(r"([/,])(?=[^\s/,])")
"""A slash or a comma with a letter right after it (``bulanan/triwulanan/semesteran``,
``Perencanaan,Penganggaran``): a place a name may wrap that the browser does not take."""


def sela_kata(text: object):
    """``text`` escaped, with ``<wbr>`` after each :data:`_SELA` (a Jinja filter): a long
    slashed name in a narrow column wraps after a slash instead of mid-word
    (``semestera n``). The text a reader copies is unchanged."""
    import markupsafe

    escaped = str(markupsafe.escape("" if fmt.is_missing(text) else text))
    return markupsafe.Markup(_SELA.sub(r"\1<wbr>", escaped))


def render(template: str, **context: object) -> Html:
    """Render a fragment template of ``templates/fragmen`` with autoescaping."""
    return Html(jinja_env().get_template(f"fragmen/{template}").render(**context))


def warna_kategori(kode: object) -> str:
    """Background colour of a band badge (grey when there is no band)."""
    return (
        KATEGORI_WARNA.get(str(kode), KATEGORI_TIDAK_ADA_WARNA)
        if not fmt.is_missing(kode)
        else KATEGORI_TIDAK_ADA_WARNA
    )


def teks_kategori(kode: object) -> str:
    """Text colour that stays readable on :func:`warna_kategori`."""
    return "#1f2933" if str(kode) in _TEKS_GELAP else "#ffffff"


def label_kategori(kode: object) -> str:
    """``ST`` -> ``Sangat Tinggi``; missing -> ``-``."""
    if fmt.is_missing(kode):
        return fmt.KOSONG
    return KATEGORI_LABEL.get(str(kode), str(kode))
