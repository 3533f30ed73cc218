"""Checks of single figures: negative values, quarter targets against the annual one,
months against their quarter, IKU capaian as printed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.check_base import (
    findings_frame,
    keparahan_poin,
    keparahan_rupiah,
    map_text,
    num_text,
    row_label,
    tw_text,
)
from analysis.metrics.frames import (
    floats,
    lower_text,
    text,
)
from analysis.metrics.hierarchy import (
    effective_kunci,
)
from analysis.metrics.quarters import row_agregasi
from analysis.schema import (
    QUARTERS,
    per_quarter,
)
from analysis.settings import Settings


def check_negative(frames: dict[str, tuple[pd.DataFrame, list[str]]]) -> list[pd.DataFrame]:
    """Every negative number in the inputs: counts, targets and rupiah cannot be negative."""
    out = []
    for _name, (df, cols) in frames.items():
        if df.empty:
            continue
        values = floats(df, cols)
        neg = values.lt(0)
        if not neg.to_numpy().any():
            continue
        stacked = values.where(neg).stack().dropna()
        idx = stacked.index.get_level_values(0)
        kolom = pd.Series(stacked.index.get_level_values(1), dtype="str")
        rows = df.loc[idx].reset_index(drop=True)
        suffix = kolom.str.extract(r"tw(\d)$")[0]
        if "triwulan" in rows.columns:
            q = pd.to_numeric(rows["triwulan"], errors="coerce")
            rows["triwulan"] = pd.to_numeric(suffix, errors="coerce").fillna(q)
        else:
            rows["triwulan"] = pd.to_numeric(suffix, errors="coerce")
        if "uraian" not in rows.columns:
            rows["uraian"] = rows.get("indikator")
        label = text(rows["uraian"]).fillna(text(rows.get("indikator", rows["uraian"]))).fillna("")
        pesan = (
            '"'
            + label
            + '": nilai negatif '
            + map_text(pd.Series(stacked.to_numpy()), num_text)
            + " pada kolom "
            + kolom
        )
        out.append(
            findings_frame(
                rows,
                jenis="nilai_negatif",
                kolom=kolom,
                dilaporkan=pd.Series(stacked.to_numpy()),
                dihitung=np.nan,
                pesan=pesan,
                keparahan="tinggi",
            )
        )
    return out


def check_targets(kinerja_wide: pd.DataFrame) -> list[pd.DataFrame]:
    """For ``jumlah`` indicators: a quarter's target above the annual target, and quarter
    targets that do not add up to the annual target."""
    wide = kinerja_wide.reset_index(drop=True)
    if wide.empty:
        return []
    jumlah = row_agregasi(wide).eq("jumlah").to_numpy()
    annual = pd.to_numeric(wide["target_tahunan"], errors="coerce")
    tw = floats(wide, per_quarter("target_tw"))
    out = []
    above = tw.gt(annual, axis=0) & jumlah[:, None]
    if above.to_numpy().any():
        stacked = tw.where(above).stack().dropna()
        idx = stacked.index.get_level_values(0)
        rows = wide.loc[idx].reset_index(drop=True)
        rows["triwulan"] = [
            QUARTERS[per_quarter("target_tw").index(c)] for c in stacked.index.get_level_values(1)
        ]
        vals = pd.Series(stacked.to_numpy())
        pesan = (
            row_label(rows)
            + ", TW "
            + tw_text(rows["triwulan"])
            + ": target triwulan "
            + map_text(vals, num_text)
            + " melebihi target tahunan "
            + map_text(annual.loc[idx].reset_index(drop=True), num_text)
        )
        out.append(
            findings_frame(
                rows,
                jenis="target_triwulan_melebihi_tahunan",
                kolom="target_tw",
                dilaporkan=vals,
                dihitung=annual.loc[idx].reset_index(drop=True),
                pesan=pesan,
                keparahan="sedang",
            )
        )
    total = tw.sum(axis=1, min_count=1)
    all_given = tw.notna().all(axis=1)
    mismatch = (
        jumlah
        & all_given.to_numpy()
        & annual.notna().to_numpy()
        & (total - annual).abs().gt(1e-9).to_numpy()
    )
    rows = wide[mismatch].reset_index(drop=True)
    if len(rows):
        rows["triwulan"] = pd.NA
        pesan = (
            row_label(rows)
            + ": jumlah target TW I-IV "
            + map_text(total[mismatch].reset_index(drop=True), num_text)
            + " tidak sama dengan target tahunan "
            + map_text(annual[mismatch].reset_index(drop=True), num_text)
        )
        out.append(
            findings_frame(
                rows,
                jenis="target_tahunan_tidak_cocok",
                kolom="target_tahunan",
                dilaporkan=annual[mismatch].reset_index(drop=True),
                dihitung=total[mismatch].reset_index(drop=True),
                pesan=pesan,
                keparahan="rendah",
            )
        )
    return out


def check_monthly(
    bulanan: pd.DataFrame, kinerja: pd.DataFrame, anggaran: pd.DataFrame, settings: Settings
) -> list[pd.DataFrame]:
    """Monthly figures (layout 1e) against the quarter they fall in.

    Only quarters with all three months are compared (a report of January alone is not
    a quarter). Realisasi and target follow the indicator's agregasi (sum, mean, last
    month); budget figures add up.
    """
    if bulanan.empty:
        return []
    b = bulanan.copy()
    b["kunci"] = effective_kunci(b.assign(kunci_program=None, kunci_kegiatan=None, tingkat=None))
    b["_ind"] = lower_text(b["indikator"])
    full = (
        b.groupby(["kecamatan", "tahun", "triwulan", "kunci"])["bulan"].transform("nunique").eq(3)
    )
    b = b[full.to_numpy()].sort_values("bulan")
    out = []
    if b.empty:
        return out

    k = kinerja.assign(kunci=effective_kunci(kinerja), _ind=lower_text(kinerja["indikator"]))
    keys = ["kecamatan", "tahun", "triwulan", "kunci", "_ind"]
    k = k.drop_duplicates(keys)
    bk = b.merge(
        k[[*keys, "agregasi", "realisasi_tw", "target_tw", "tingkat"]], on=keys, how="inner"
    )
    if len(bk):
        g = bk.groupby(keys, dropna=False)
        agg = g.agg(
            agregasi=("agregasi", "first"),
            realisasi_tw=("realisasi_tw", "first"),
            target_tw=("target_tw", "first"),
            tingkat=("tingkat", "first"),
            uraian=("uraian", "first"),
            kode=("kode", "first"),
            sumber=("sumber", "first"),
            _sum=("realisasi", lambda s: s.sum(min_count=1)),
            _mean=("realisasi", "mean"),
            _last=("realisasi", "last"),
        ).reset_index()
        calc = np.select(
            [agg["agregasi"].eq("rata_rata"), agg["agregasi"].eq("akhir")],
            [agg["_mean"], agg["_last"]],
            default=agg["_sum"],
        )
        agg["_calc"] = calc
        differs = (
            agg["realisasi_tw"].notna()
            & agg["_calc"].notna()
            & (agg["realisasi_tw"] - agg["_calc"]).abs().gt(1e-9)
        )
        rows = agg[differs]
        if len(rows):
            pesan = (
                row_label(rows)
                + ", TW "
                + tw_text(rows["triwulan"])
                + ": realisasi triwulan "
                + map_text(rows["realisasi_tw"], num_text)
                + " tetapi dari laporan bulanan "
                + map_text(rows["_calc"], num_text)
            )
            out.append(
                findings_frame(
                    rows,
                    jenis="bulanan_tidak_cocok",
                    kolom="realisasi_tw",
                    dilaporkan=rows["realisasi_tw"],
                    dihitung=rows["_calc"],
                    pesan=pesan,
                    keparahan="sedang",
                )
            )

    a = anggaran.assign(kunci=effective_kunci(anggaran))
    akeys = ["kecamatan", "tahun", "triwulan", "kunci"]
    money = (
        b.drop_duplicates([*akeys, "bulan"])
        .groupby(akeys, dropna=False)["realisasi_anggaran"]
        .sum(min_count=1)
    )
    am = a.drop_duplicates(akeys).join(money.rename("_calc"), on=akeys, how="inner")
    differs = (
        am["realisasi_anggaran_tw"].notna()
        & am["_calc"].notna()
        & ((am["realisasi_anggaran_tw"] - am["_calc"]).abs() > settings.toleransi_rupiah)
    )
    rows = am[differs]
    if len(rows):
        pesan = (
            row_label(rows)
            + ", TW "
            + tw_text(rows["triwulan"])
            + ": realisasi anggaran triwulan "
            + map_text(rows["realisasi_anggaran_tw"], fmt.rupiah)
            + " tetapi jumlah laporan bulanan "
            + map_text(rows["_calc"], fmt.rupiah)
        )
        out.append(
            findings_frame(
                rows,
                jenis="bulanan_tidak_cocok",
                kolom="realisasi_anggaran_tw",
                dilaporkan=rows["realisasi_anggaran_tw"],
                dihitung=rows["_calc"],
                pesan=pesan,
                keparahan=keparahan_rupiah(rows["realisasi_anggaran_tw"], rows["_calc"], settings),
            )
        )
    return out


def check_iku(iku: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Printed IKU capaian against realisasi / target."""
    rep, calc = iku["capaian_dilaporkan"], iku["capaian_persen"]
    differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_capaian_poin)
    rows = iku[differs].assign(uraian=iku.loc[differs, "indikator"], kode=None)
    if rows.empty:
        return []
    pesan = (
        'IKU "'
        + text(rows["indikator"]).fillna("")
        + '" '
        + rows["tahun"].astype(str)
        + ": capaian dilaporkan "
        + map_text(rep[differs], fmt.persen)
        + " tetapi realisasi "
        + map_text(rows["realisasi"], num_text)
        + " dari target "
        + map_text(rows["target"], num_text)
        + " = "
        + map_text(calc[differs], fmt.persen)
    )
    return [
        findings_frame(
            rows,
            jenis="capaian_berbeda",
            kolom="capaian_persen",
            dilaporkan=rep[differs],
            dihitung=calc[differs],
            pesan=pesan,
            keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
        )
    ]
