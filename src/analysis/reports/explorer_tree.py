"""The explorer's drill-down: kecamatan > program > kegiatan > sub kegiatan, and the link
to the HTML report of what is on screen.

The tree is ``ringkasan`` of one quarter, each node under its parent (``kunci_induk``),
with its roll-up capaian labelled by how it is computed (a program's is the mean of its
kegiatan, a kegiatan's the mean of its sub kegiatan, a sub kegiatan's its own), its
serapan and band. Rendered as nested ``<details>`` (no script needed to open a level).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis import formatting as fmt
from analysis import paths
from analysis.reports import loading, markup
from analysis.reports.explorer_render import label_metode

ENV_LAPORAN = "KINERJA_LAPORAN"
"""Environment variable naming the reports folder (set by the dashboard launcher)."""
URL_LAPORAN = "laporan"
"""Path under the dashboard's address where the reports folder is served."""

_URUTAN = ("program", "kegiatan", "sub_kegiatan")


def simpul(data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int) -> pd.DataFrame:
    """The quarter's ``ringkasan`` rows below kecamatan level, display columns added."""
    r = data.ringkasan
    mask = (r["tahun"] == int(tahun)) & (r["triwulan"] == int(triwulan))
    mask &= r["tingkat"].isin(_URUTAN)
    if kecamatan:
        mask &= r["kecamatan"] == kecamatan
    rows = r.loc[mask].copy()
    rows["_urut"] = rows["tingkat"].map({t: i for i, t in enumerate(_URUTAN)})
    rows = rows.sort_values(["kecamatan", "_urut", "kode", "kunci"], na_position="last")
    rows["label_capaian"] = rows["tingkat"].map(label_metode)
    rows["teks_capaian"] = rows["capaian_persen"].map(fmt.persen)
    rows["teks_serapan"] = rows["serapan_persen"].map(fmt.persen)
    rows["nama_tingkat"] = rows["tingkat"].map(fmt.nama_tingkat)
    rows["label_kategori"] = rows["kategori"].map(markup.label_kategori)
    rows["kategori"] = rows["kategori"].astype("object").where(rows["kategori"].notna(), "")
    return rows.reset_index(drop=True)


def pohon(rows: pd.DataFrame) -> list[dict[str, object]]:
    """Nested nodes: one per kecamatan, each with its programs, kegiatan, sub kegiatan.

    A node whose parent is not in the quarter's rows hangs under its kecamatan, so no
    reported row is left out of the tree.
    """
    out: list[dict[str, object]] = []
    for kec, group in rows.groupby("kecamatan", sort=True):
        records = group.to_dict("records")
        by_key: dict[object, dict[str, object]] = {}
        for rec in records:
            rec["anak"] = []
            by_key[(rec["tingkat"], rec["kunci"])] = rec
        parent_level = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}
        top = []
        for rec in records:
            parent = by_key.get((parent_level.get(str(rec["tingkat"]), ""), rec["kunci_induk"]))
            (parent["anak"] if parent is not None else top).append(rec)  # type: ignore[union-attr]
        out.append({"kecamatan": kec, "anak": top})
    return out


def rincian_html(data: loading.Tabel, kecamatan: str, tahun: int, triwulan: int) -> markup.Html:
    """The drill-down of one kecamatan (all for ``""``) and quarter, as HTML."""
    judul = (
        f"Rincian capaian {'Kecamatan ' + kecamatan if kecamatan else 'semua kecamatan'}, "
        f"{fmt.sd_tw(int(triwulan))} {int(tahun)}: kecamatan > program > kegiatan > sub kegiatan"
    )
    rows = simpul(data, kecamatan, tahun, triwulan)
    template = markup.jinja_env().get_template("penjelajah/rincian.html.j2")
    return markup.Html(template.render(judul=judul, pohon=pohon(rows)))


def folder_laporan() -> Path:
    """The reports folder: ``$KINERJA_LAPORAN``, else the project's ``reports/``."""
    env = os.environ.get(ENV_LAPORAN)
    return Path(env) if env else paths.reports_dir()


def tautan_laporan(kecamatan: str, tahun: int, triwulan: int, folder: Path | None = None):
    """(relative URL, label) of the HTML report of what is on screen, or None when that
    report was not rendered: ``laporan/2024/TW4/wotu.html`` for one kecamatan, the
    regency overview ``ringkasan-kabupaten.html`` for all."""
    from analysis.reports.jobs import Referensi

    folder = folder or folder_laporan()
    if kecamatan:
        slug = Referensi.load(extra=[kecamatan]).slug.get(kecamatan) or paths.slugify(kecamatan)
        label = f"Laporan Kecamatan {kecamatan} {fmt.nama_triwulan(int(triwulan))} {int(tahun)}"
    else:
        slug = "ringkasan-kabupaten"
        label = f"Ringkasan kabupaten {fmt.nama_triwulan(int(triwulan))} {int(tahun)}"
    relative = f"{int(tahun)}/TW{int(triwulan)}/{slug}.html"
    if not (folder / relative).is_file():
        return None
    return f"{URL_LAPORAN}/{relative}", label
