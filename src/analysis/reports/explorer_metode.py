"""One value per quantity across the dashboard's two tabs, each labelled with its method.

A program or kegiatan has two capaian that are different quantities: its own indicator's
(realisasi / target of the indicator the office gives the node: the gap tab's list) and
the mean of the nodes under it (``ringkasan``: the comparison tab's ranking, the LKj
method). Each tab shows both for such a row, from the same functions here, so the same
node, kecamatan and quarter reads the same in either tab:

- :func:`teks_indikator`: an indicator's capaian s/d TW as every screen shows it - the
  office's printed figure at its printed precision where realisasi / target confirms it
  (:func:`analysis.reports.tercetak.satu_nilai`), else realisasi / target;
- :func:`capaian_sendiri`: per node, its own indicators' capaian (several joined by
  ``" · "``; empty where the node has no indicator of its own);
- :func:`rata_rata`: per program / kegiatan, the mean of the nodes under it (empty for
  a sub kegiatan, whose capaian is its own indicator's).
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.reports import tercetak

KUNCI = ["kecamatan", "tahun", "triwulan", "tingkat", "kunci"]
"""What names one node of one office in one quarter."""

PEMISAH = " · "
"""Between the capaian of a node's several own indicators."""

LABEL_SENDIRI = "Capaian indikator sendiri"
LABEL_RATA = {
    "program": "Capaian rata-rata kegiatan",
    "kegiatan": "Capaian rata-rata sub kegiatan",
}
"""Column headers of the two quantities."""


def _berperiode(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["tahun"].notna() & frame["triwulan"].notna()]


def _kunci(frame: pd.DataFrame) -> pd.MultiIndex:
    f = frame[KUNCI].astype({"tahun": "int64", "triwulan": "int64"})
    return pd.MultiIndex.from_frame(f.astype({"kunci": "str"}))


def teks_indikator(rows: pd.DataFrame) -> pd.Series:
    """``rows`` (``kinerja`` columns, ``capaian_sd_dilaporkan`` optional): each
    indicator's capaian s/d TW as text (``92,25%``; ``105,80%`` where the office printed
    105,8 and realisasi / target gives 105,78)."""
    if "capaian_sd_dilaporkan" not in rows:
        rows = rows.assign(capaian_sd_dilaporkan=float("nan"))
    band = tercetak.banding_indikator(rows)
    value, desimal = tercetak.satu_nilai(band, "capaian")
    return tercetak.teks_persen(value, desimal)


def dengan_tercetak(gaps: pd.DataFrame, kinerja: pd.DataFrame) -> pd.DataFrame:
    """``gaps`` with each row's ``capaian_sd_dilaporkan`` from ``kinerja`` (same node,
    indicator and quarter), so :func:`teks_indikator` can show the printed figure."""
    if "capaian_sd_dilaporkan" in gaps:
        return gaps
    keys = [*KUNCI, "indikator"]
    k = _berperiode(kinerja)[[*keys, "capaian_sd_dilaporkan"]].copy()
    k["indikator"] = k["indikator"].astype("object").where(k["indikator"].notna(), "")
    k = k.drop_duplicates(keys)
    g = gaps.copy()
    g["_ind"] = g["indikator"].astype("object").where(g["indikator"].notna(), "")
    merged = g.merge(
        k.rename(columns={"indikator": "_ind"}).astype({"tahun": "int64", "triwulan": "int64"}),
        on=[*KUNCI, "_ind"],
        how="left",
        validate="many_to_one",
    )
    merged.index = gaps.index
    return merged.drop(columns="_ind")


def capaian_sendiri(kinerja: pd.DataFrame, simpul: pd.DataFrame) -> pd.Series:
    """Per row of ``simpul`` (columns :data:`KUNCI`): its own indicators' capaian s/d TW
    as :func:`teks_indikator` shows them, joined by :data:`PEMISAH`; "" where none."""
    k = _berperiode(kinerja[kinerja["capaian_sd_persen"].notna()])
    if k.empty or simpul.empty:
        return pd.Series("", index=simpul.index, dtype="object")
    text = teks_indikator(k)
    joined = text.groupby(_kunci(k), sort=False).agg(PEMISAH.join)
    return pd.Series(_kunci(simpul).map(joined.to_dict().get), index=simpul.index).fillna("")


def rata_rata(ringkasan: pd.DataFrame, simpul: pd.DataFrame) -> pd.Series:
    """Per row of ``simpul``: the mean of the nodes under it (program, kegiatan) as text;
    "" for a sub kegiatan or where there is none."""
    r = ringkasan[ringkasan["tingkat"].isin(list(LABEL_RATA)) & ringkasan["capaian_persen"].notna()]
    r = _berperiode(r)
    if r.empty or simpul.empty:
        return pd.Series("", index=simpul.index, dtype="object")
    r = r[~_kunci(r).duplicated()]
    value = pd.Series(r["capaian_persen"].to_numpy(), index=_kunci(r)).map(fmt.persen)
    return pd.Series(_kunci(simpul).map(value.to_dict().get), index=simpul.index).fillna("")
