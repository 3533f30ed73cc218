"""Checks of capaian: a printed capaian against realisasi / target, a parent's printed
capaian against the roll-up of its children, and the method an office used for it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics import methods
from analysis.metrics.check_base import (
    CHILD_LABEL,
    findings_frame,
    keparahan_poin,
    map_text,
    num_text,
    row_label,
    tw_text,
)
from analysis.metrics.frames import (
    lower_text,
    per_value,
)
from analysis.metrics.hierarchy import (
    effective_kunci,
)
from analysis.settings import Settings


def check_capaian(kinerja: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Printed capaian against realisasi / target, per quarter alone and s/d."""
    out = []
    tol = settings.toleransi_capaian_poin
    neg = per_value(lambda p: lower_text(p).eq("negatif"), kinerja["polaritas"])
    for scope, label in (("tw", "triwulan"), ("sd", "s/d triwulan")):
        rep = kinerja[f"capaian_{scope}_dilaporkan"]
        calc = kinerja[f"capaian_{scope}_persen"]
        tgt, real = kinerja[f"target_{scope}"], kinerja[f"realisasi_{scope}"]
        differs = rep.notna() & calc.notna() & ((rep - calc).abs() > tol)
        rows = kinerja[differs]
        if len(rows):
            pesan = (
                row_label(rows)
                + ", TW "
                + tw_text(rows["triwulan"])
                + f" ({label}): capaian dilaporkan "
                + map_text(rep[differs], fmt.persen)
                + " tetapi realisasi "
                + map_text(real[differs], num_text)
                + " dari target "
                + map_text(tgt[differs], num_text)
                + " = "
                + map_text(calc[differs], fmt.persen)
                + np.where(neg[differs], " (indikator negatif)", "")
            )
            out.append(
                findings_frame(
                    rows,
                    jenis="capaian_berbeda",
                    kolom=f"capaian_{scope}_persen",
                    dilaporkan=rep[differs],
                    dihitung=calc[differs],
                    pesan=pesan,
                    keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
                )
            )
        # A capaian printed where none can be computed (target 0 or missing).
        orphan = rep.notna() & calc.isna() & (tgt.notna() | real.notna())
        rows = kinerja[orphan]
        if len(rows):
            why = np.where(
                tgt[orphan].eq(0),
                "target 0",
                np.where(tgt[orphan].isna(), "target tidak ada", "realisasi tidak ada"),
            )
            pesan = (
                row_label(rows)
                + ", TW "
                + tw_text(rows["triwulan"])
                + f" ({label}): capaian dilaporkan "
                + map_text(rep[orphan], fmt.persen)
                + " tetapi "
                + why
                + ", sehingga capaian tidak dapat dihitung (ditampilkan '-')"
            )
            out.append(
                findings_frame(
                    rows,
                    jenis="capaian_tanpa_target",
                    kolom=f"capaian_{scope}_persen",
                    dilaporkan=rep[orphan],
                    dihitung=np.nan,
                    pesan=pesan,
                    keparahan="rendah",
                )
            )
    return out


def check_capaian_induk(
    kinerja: pd.DataFrame, kinerja_totals: pd.DataFrame, ringkasan: pd.DataFrame, settings: Settings
) -> list[pd.DataFrame]:
    """A parent's printed capaian (no own indicator), or its own indicator of capaian,
    against the roll-up of its children; a printed total against the kecamatan roll-up."""
    return check_parent_capaian(parent_capaian_rows(kinerja), kinerja_totals, ringkasan, settings)


def _measures_capaian(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    return lower_text(indikator).str.contains("capaian", regex=False) | (
        lower_text(indikator).eq("") & lower_text(satuan).eq("%")
    )


def parent_capaian_rows(kinerja: pd.DataFrame) -> pd.DataFrame:
    """The kegiatan and program rows of ``kinerja`` whose capaian
    :func:`check_capaian_induk` compares with the roll-up (``capaian_sd_dilaporkan``
    holding that capaian), with their effective ``kunci``."""
    parent = kinerja["tingkat"].isin(["kegiatan", "program"]).to_numpy()
    own_none = kinerja["target_sd"].isna() & kinerja["realisasi_sd"].isna()
    parents = kinerja[
        own_none.to_numpy() & parent & kinerja["capaian_sd_dilaporkan"].notna().to_numpy()
    ].copy()
    # A parent's own indicator that measures the capaian of what is under it
    # ("Persentase capaian kinerja program ...", or an unnamed % indicator) is the same
    # quantity as the roll-up: Towuti prints 93,75 for a program whose kegiatan average 100.
    measures = per_value(_measures_capaian, kinerja["indikator"], kinerja["satuan"])
    own = kinerja[
        ~own_none.to_numpy()
        & parent
        & measures.fillna(False).to_numpy(dtype=bool)
        & kinerja["capaian_sd_persen"].notna().to_numpy()
    ].copy()
    own["capaian_sd_dilaporkan"] = own["capaian_sd_persen"]
    parents = pd.concat([parents, own], ignore_index=True)
    parents["kunci"] = effective_kunci(parents)
    return parents


def check_parent_capaian(
    parents: pd.DataFrame,
    kinerja_totals: pd.DataFrame,
    ringkasan: pd.DataFrame,
    settings: Settings,
    alternatives: methods.Alternatives | None = None,
) -> list[pd.DataFrame]:
    """:func:`check_capaian_induk` of the rows :func:`parent_capaian_rows` picked.

    With ``alternatives`` (roll-ups under the other counting rules, computed only when a
    figure differs), a printed figure one of them gives is a ``metode_berbeda`` finding
    naming both rules (:mod:`.methods`)."""
    out = []
    alts: list | None = None
    rk = ringkasan[["kecamatan", "tahun", "triwulan", "tingkat", "kunci", "capaian_persen"]]
    totals = kinerja_totals[kinerja_totals["capaian_sd_dilaporkan"].notna()].copy()
    totals["kunci"] = totals["kecamatan"]
    for rows, tingkat, jenis in (
        (parents, None, "capaian_induk_berbeda"),
        (totals, "kecamatan", "total_berbeda"),
    ):
        if rows.empty:
            continue
        rows = rows.reset_index(drop=True)
        rows["_t"] = rows["tingkat"] if tingkat is None else tingkat
        merged = rows.merge(
            rk.rename(columns={"tingkat": "_t"}),
            on=["kecamatan", "tahun", "triwulan", "_t", "kunci"],
            how="left",
        )
        rep, calc = merged["capaian_sd_dilaporkan"], merged["capaian_persen"]
        differs = calc.notna() & ((rep - calc).abs() > settings.toleransi_capaian_poin)
        rows = merged[differs]
        if rows.empty:
            continue
        child = np.where(
            rows["_t"].eq("kecamatan"), "program", rows["_t"].map(CHILD_LABEL).fillna("anak")
        )
        if alternatives is not None:
            alts = alternatives() if alts is None else alts
            keys = ["kecamatan", "tahun", "triwulan", "_t", "kunci"]
            renamed = [(a, r.rename(columns={"tingkat": "_t"})) for a, r in alts]
            rule = methods.matching_rule(rows, keys, renamed, settings.toleransi_capaian_poin)
            by_rule = rule.to_numpy() >= 0
            if by_rule.any():
                out.append(_method_findings(rows[by_rule], rule[by_rule], alts, settings))
                rows, child = rows[~by_rule], child[~by_rule]
                differs = differs & ~merged.index.isin(rule.index[by_rule])
                if rows.empty:
                    continue
        pesan = (
            row_label(rows)
            + ", s/d TW "
            + tw_text(rows["triwulan"])
            + ": capaian dilaporkan "
            + map_text(rep[differs], fmt.persen)
            + " tetapi rata-rata capaian "
            + child
            + " di bawahnya = "
            + map_text(calc[differs], fmt.persen)
            + methods.arithmetic(rows, ringkasan, settings.toleransi_capaian_poin)
        )
        out.append(
            findings_frame(
                rows,
                jenis=jenis,
                kolom="capaian_persen",
                dilaporkan=rep[differs],
                dihitung=calc[differs],
                pesan=pesan,
                keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
            )
        )
    return out


def _method_findings(
    rows: pd.DataFrame, rule: pd.Series, alts: list, settings: Settings
) -> pd.DataFrame:
    """``metode_berbeda`` findings: the printed figure is the roll-up under another rule."""
    rep, calc = rows["capaian_sd_dilaporkan"], rows["capaian_persen"]
    theirs = rule.map(lambda i: methods.describe(alts[i][0], settings))
    ours = rule.map(lambda i: methods.describe_own(alts[i][0], settings))
    pesan = (
        row_label(rows)
        + ", s/d TW "
        + tw_text(rows["triwulan"])
        + ": metode berbeda - capaian dilaporkan "
        + map_text(rep, fmt.persen)
        + " sama dengan hitungan dengan aturan: "
        + theirs
        + "; laporan ini memakai aturan: "
        + ours
        + " = "
        + map_text(calc, fmt.persen)
    )
    return findings_frame(
        rows,
        jenis="metode_berbeda",
        kolom="capaian_persen",
        dilaporkan=rep,
        dihitung=calc,
        pesan=pesan,
        keparahan="rendah",
    )
