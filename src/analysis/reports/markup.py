"""HTML fragments: the autoescaping Jinja environment, :class:`Html` and the band colours.

Fragments are rendered with autoescaping on, so a ``<script>`` typed into an uraian or a
keterangan arrives in the report as text, never as markup.
"""

from __future__ import annotations

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
    env.globals["teks_kategori"] = teks_kategori
    return env


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
