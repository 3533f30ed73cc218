"""The *Evaluasi atas Rencana Aksi* form (seed 000) as the report shows it on screen/A4.

One row per indicator, in code order, with each quarter's own target, realisasi and
capaian side by side (TW I .. the report's quarter) and, under it, the office's KET
note of each quarter. Quarters the office did not report per quarter (Wotu prints only
"s/d" figures) are left out; when none is, the table says so and points to Tabel 3.4.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.reports import prose, tercetak
from analysis.reports.hierarchy_rows import simpul

_UKURAN = (("target_tw", "T"), ("realisasi_tw", "R"), ("capaian_tw_persen", "C"))


def rencana_aksi(
    ringkasan: pd.DataFrame,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    kecamatan: str,
    tahun: int,
    triwulan: int,
) -> tuple[pd.DataFrame, list[int]]:
    """(rows, quarters shown). Rows: one per indicator (``tingkat, kode, uraian,
    indikator, satuan, target_tahunan``, ``target_tw{q}, realisasi_tw{q},
    capaian_tw_persen{q}, kategori{q}`` for each shown quarter, ``ket``: the quarters'
    notes as ``TW I: ...``, a note repeated unchanged in a later quarter said once)."""
    k = kinerja[
        (kinerja["kecamatan"] == kecamatan)
        & (kinerja["tahun"] == tahun)
        & (kinerja["triwulan"] <= triwulan)
    ].copy()
    if k.empty:
        return k, []
    k["_ind"] = k["indikator"].astype("object").where(k["indikator"].notna(), "")
    keys = ["tingkat", "kunci", "_ind"]
    # Node order: the roll-up's nodes of every quarter of the year, placed at this one (a
    # sub kegiatan with no figure yet in TW I still has its place in code order, not last)
    r = ringkasan[(ringkasan["kecamatan"] == kecamatan) & (ringkasan["tahun"] == tahun)]
    r = r.sort_values("triwulan").drop_duplicates(["tingkat", "kunci"], keep="last")
    order = simpul(r.assign(triwulan=triwulan), k.assign(triwulan=triwulan), anggaran.iloc[:0],
                   kecamatan, tahun, triwulan)  # fmt: skip
    rank = order.set_index(["tingkat", "kunci"])["urut"]
    latest = k.sort_values("triwulan").drop_duplicates(keys, keep="last")
    base = latest[[*keys, "kode", "uraian", "indikator", "satuan", "target_tahunan"]].copy()
    base["_urut"] = pd.MultiIndex.from_frame(base[["tingkat", "kunci"]]).map(rank.to_dict().get)
    first = k.reset_index(drop=True).drop_duplicates(keys)
    base["_pos"] = base.set_index(keys).index.map(
        pd.Series(first.index, index=pd.MultiIndex.from_frame(first[keys])).to_dict().get
    )
    base = base.sort_values(["_urut", "_pos"], na_position="last").reset_index(drop=True)
    shown = [
        q
        for q in range(1, int(triwulan) + 1)
        if k.loc[k["triwulan"] == q, ["target_tw", "realisasi_tw"]].notna().any().any()
    ]
    for q in shown:
        one = k[k["triwulan"] == q].drop_duplicates(keys)
        one = one[
            [*keys, "target_tw", "realisasi_tw", "capaian_tw_persen", "capaian_tw_dilaporkan"]
        ]
        one = one.rename(columns={c: f"{c}{q}" for c in one.columns if c not in keys})
        base = base.merge(one, on=keys, how="left")
    # KET: each quarter's note, a note carried unchanged into later quarters said once.
    notes = k[k["keterangan"].notna()].sort_values("triwulan")
    notes = notes[[*keys, "triwulan", "keterangan"]]
    notes = notes[~notes.duplicated([*keys, "keterangan"])]
    roman = notes["triwulan"].astype("int64").map(fmt.romawi).astype("object")
    notes["teks"] = ("TW " + roman + ": " + notes["keterangan"].astype("object")).astype("object")
    ket = notes.groupby(keys)["teks"].agg(" | ".join)
    base["ket"] = base.set_index(keys).index.map(ket.to_dict().get)
    return base.drop(columns=["_urut", "_pos"]), shown


def rencana_aksi_tampilan(rows: pd.DataFrame, shown: list[int]) -> list[dict[str, object]]:
    """The rows as text for the template (Indonesian numbers, ``-`` for no value)."""
    out = []
    text = {
        "tingkat": rows["tingkat"].astype("str"),
        "label_tingkat": rows["tingkat"].map(fmt.nama_tingkat),
        "kode": rows["kode"].astype("object").where(rows["kode"].notna(), ""),
        "uraian": rows["uraian"].astype("object").where(rows["uraian"].notna(), ""),
        "indikator": rows["indikator"].astype("object").where(rows["indikator"].notna(), ""),
        "satuan": prose.satuan_tambahan(rows["indikator"], rows["satuan"]),
        "target_tahunan": rows["target_tahunan"].map(fmt.angka_ringkas),
        "ket": rows["ket"].astype("object").where(rows["ket"].notna(), ""),
    }
    frame = pd.DataFrame(text)
    cells = np.empty((len(rows), len(shown) * len(_UKURAN)), dtype=object)
    for i, q in enumerate(shown):
        cells[:, 3 * i] = rows[f"target_tw{q}"].map(fmt.angka_ringkas).to_numpy()
        cells[:, 3 * i + 1] = rows[f"realisasi_tw{q}"].map(fmt.angka_ringkas).to_numpy()
        cells[:, 3 * i + 2] = capaian_teks(rows, q).to_numpy()
    for record, values in zip(frame.to_dict("records"), cells.tolist(), strict=True):
        record["nilai"] = values
        out.append(record)
    return out


def capaian_teks(rows: pd.DataFrame, q: int) -> pd.Series:
    """Quarter ``q``'s capaian as the form shows it: the office's printed figure at its
    printed value where realisasi / target confirms it (``92,00%``, as the xlsx and docx
    forms show it), else realisasi / target with the printed figure beside it
    (``150,00%`` and, on its own line, ``(tercetak 75,00%)``: the form's narrow quarter
    columns hold a figure a line)."""
    printed = rows.get(f"capaian_tw_dilaporkan{q}", pd.Series(np.nan, index=rows.index))
    band = pd.DataFrame(
        {
            "capaian_dilaporkan": printed.astype("float64"),
            "capaian_dihitung": rows[f"capaian_tw_persen{q}"].astype("float64"),
        }
    )
    band["capaian_berbeda"] = tercetak.berbeda(
        band["capaian_dilaporkan"], band["capaian_dihitung"], False
    )
    value, desimal = tercetak.satu_nilai(band, "capaian")
    text = tercetak.teks_persen(value, desimal)
    printed_text = tercetak.teks_persen(
        band["capaian_dilaporkan"], tercetak.desimal_tercetak(band["capaian_dilaporkan"])
    )
    return text.where(~band["capaian_berbeda"], text + "\n(tercetak " + printed_text + ")")
