"""Pemeriksaan: printed figures that disagree with the recomputed ones, and implausible data.

Hand-made reports do not add up (seeds README): a capaian printed as 75 % where
realisasi 150 of target 100 is 150 % (Kalaena TW1), a kegiatan pagu of Rp 39.000.000
over sub kegiatan worth Rp 107.250.000 (Wotu Tabel 2.8), a serapan of 98,51 % where
the row's own figures give 99,95 % (Wotu Tabel 3.4). The data contract (§4) makes such
mismatches findings, never errors and never hidden: each becomes one row of
``pemeriksaan`` saying what was printed, what it should be, by how much it differs and
where it came from, in a sentence a planner understands.

Kinds (``jenis``):
``capaian_berbeda``, ``capaian_tanpa_target``, ``capaian_induk_berbeda``,
``serapan_berbeda``, ``pagu_induk_berbeda``, ``anggaran_induk_berbeda``,
``realisasi_induk_berbeda``, ``total_berbeda``, ``realisasi_melebihi_pagu``,
``nilai_negatif``, ``target_triwulan_melebihi_tahunan``, ``target_tahunan_tidak_cocok``,
``bulanan_tidak_cocok``.

Parents and children: a sub kegiatan's parent is its kegiatan, a kegiatan's its program
(see :mod:`.hierarchy`); a printed total (``tingkat == "total"``) is compared with the
sum of the program rows and with the kecamatan roll-up; a ``rekening`` line belongs to
the nearest sub kegiatan above it in the same sheet (by the row number in ``sumber``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics import methods
from analysis.metrics.absorption import serapan_kas, serapan_pagu
from analysis.metrics.frames import (
    conform,
    finalize,
    floats,
    group_sum,
    lower_text,
    per_value,
    text,
    year,
)
from analysis.metrics.hierarchy import (
    KECAMATAN,
    Keyed,
    effective_kunci,
    effective_tingkat,
    pack_joint,
    parent_of,
)
from analysis.metrics.quarters import anggaran_long, kinerja_long, row_agregasi
from analysis.schema import (
    ANGGARAN_WIDE,
    BULANAN_WIDE,
    IKU_RAW,
    KINERJA_WIDE,
    PEMERIKSAAN,
    QUARTERS,
    per_quarter,
)
from analysis.settings import DEFAULT_SETTINGS, Settings

KEPARAHAN_URUTAN = {"tinggi": 0, "sedang": 1, "rendah": 2}
MONEY = ("pagu", "anggaran_sd", "realisasi_anggaran_sd")
MONEY_LABEL = {
    "pagu": "Pagu",
    "anggaran_sd": "Anggaran kas s/d TW",
    "realisasi_anggaran_sd": "Realisasi anggaran s/d TW",
}
MONEY_JENIS = {
    "pagu": "pagu_induk_berbeda",
    "anggaran_sd": "anggaran_induk_berbeda",
    "realisasi_anggaran_sd": "realisasi_induk_berbeda",
}
CHILD_LABEL = {
    "kegiatan": "sub kegiatan",
    "program": "kegiatan",
    "sub_kegiatan": "rincian belanja",
    "total": "program",
}
ROW_KEYS = ["kecamatan", "tahun", "triwulan", "kode", "uraian", "sumber"]


# --- building blocks -------------------------------------------------------------------


def keparahan_poin(selisih: pd.Series, settings: Settings) -> pd.Series:
    """Severity of a difference in percentage points."""
    d = np.abs(pd.to_numeric(selisih, errors="coerce").to_numpy(dtype="float64"))
    out = np.select(
        [d >= settings.keparahan_tinggi_poin, d >= settings.keparahan_sedang_poin],
        ["tinggi", "sedang"],
        default="rendah",
    )
    return pd.Series(out, index=selisih.index)


def keparahan_rupiah(dilaporkan: pd.Series, dihitung: pd.Series, settings: Settings) -> pd.Series:
    """Severity of a difference in rupiah, as a share of the larger figure."""
    r = dilaporkan.to_numpy(dtype="float64")
    c = dihitung.to_numpy(dtype="float64")
    scale = np.maximum(np.abs(r), np.abs(c))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(scale > 0, np.abs(r - c) / scale, 0.0)
    out = np.select(
        [share >= settings.keparahan_tinggi_relatif, share >= settings.keparahan_sedang_relatif],
        ["tinggi", "sedang"],
        default="rendah",
    )
    return pd.Series(out, index=dilaporkan.index)


def _findings(
    rows: pd.DataFrame,
    *,
    jenis: str,
    kolom: str | pd.Series,
    dilaporkan: pd.Series | float,
    dihitung: pd.Series | float,
    pesan: pd.Series,
    keparahan: pd.Series | str,
) -> pd.DataFrame:
    """Findings for ``rows`` (which carry kecamatan, tahun, triwulan, kode, uraian, sumber)."""
    out = conform(rows, ROW_KEYS)
    idx = out.index
    out["jenis"] = jenis

    def aligned(v):
        return pd.Series(v.to_numpy(), index=idx) if isinstance(v, pd.Series) else v

    out["kolom"] = aligned(kolom)
    out["dilaporkan"] = aligned(dilaporkan)
    out["dihitung"] = aligned(dihitung)
    out["selisih"] = pd.to_numeric(out["dilaporkan"], errors="coerce") - pd.to_numeric(
        out["dihitung"], errors="coerce"
    )
    out["pesan"] = aligned(pesan)
    out["tingkat_keparahan"] = aligned(keparahan)
    return out


def _map(values: pd.Series, formatter, *args) -> pd.Series:
    """Format each value for a message (Babel is per value; findings are few)."""
    if formatter is fmt.rupiah and not args and values.dtype == "float64":
        return rupiah_values(values)
    return values.map(lambda v: formatter(v, *args))


def rupiah_values(values: pd.Series) -> pd.Series:
    """``fmt.rupiah`` of each value of a float column, the same text: whole rupiah below
    10**15 are grouped here (``-Rp 1.234``), anything else still goes through Babel."""
    x = values.to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        fast = np.isfinite(x) & (x == np.round(x)) & (np.abs(x) < 1e15)
    out = np.empty(len(x), dtype=object)
    out[np.isnan(x)] = fmt.KOSONG
    digits = pd.Series(np.abs(x[fast]).astype(np.int64), dtype="int64").astype("str")
    digits = digits.str.zfill(15)
    grouped = digits.str[0:3]
    for start in range(3, 15, 3):
        grouped = grouped + "." + digits.str[start : start + 3]
    grouped = grouped.str.lstrip("0.").replace("", "0")
    sign = np.where(np.signbit(x[fast]), "-Rp ", "Rp ")
    out[fast] = (sign + grouped).to_numpy(dtype=object)
    rest = ~fast & ~np.isnan(x)
    out[rest] = [fmt.rupiah(v) for v in x[rest]]
    return pd.Series(out, index=values.index)


def _num(value: object) -> str:
    """A count or figure as printed: no decimals when whole (150), else two (84,73)."""
    if fmt.is_missing(value):
        return fmt.KOSONG
    v = float(value)
    return fmt.angka(v, 0 if v == round(v) else 2)


def _label(rows: pd.DataFrame) -> pd.Series:
    """'Sub Kegiatan "Koordinasi ..."' for messages."""
    tingkat = text(rows["tingkat"]).fillna("")
    names = tingkat.map(lambda t: "" if t in ("", "total") else fmt.nama_tingkat(t))
    uraian = text(rows["uraian"]).fillna(text(rows["kunci"])).fillna("")
    return (names + ' "' + uraian + '"').str.strip()


def _tw(triwulan: pd.Series) -> pd.Series:
    return triwulan.map(lambda q: fmt.romawi(int(q)) if pd.notna(q) else "?")


# --- capaian ------------------------------------------------------------------------------


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
                _label(rows)
                + ", TW "
                + _tw(rows["triwulan"])
                + f" ({label}): capaian dilaporkan "
                + _map(rep[differs], fmt.persen)
                + " tetapi realisasi "
                + _map(real[differs], _num)
                + " dari target "
                + _map(tgt[differs], _num)
                + " = "
                + _map(calc[differs], fmt.persen)
                + np.where(neg[differs], " (indikator negatif)", "")
            )
            out.append(
                _findings(
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
                _label(rows)
                + ", TW "
                + _tw(rows["triwulan"])
                + f" ({label}): capaian dilaporkan "
                + _map(rep[orphan], fmt.persen)
                + " tetapi "
                + why
                + ", sehingga capaian tidak dapat dihitung (ditampilkan '-')"
            )
            out.append(
                _findings(
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
            _label(rows)
            + ", s/d TW "
            + _tw(rows["triwulan"])
            + ": capaian dilaporkan "
            + _map(rep[differs], fmt.persen)
            + " tetapi rata-rata capaian "
            + child
            + " di bawahnya = "
            + _map(calc[differs], fmt.persen)
            + methods.arithmetic(rows, ringkasan, settings.toleransi_capaian_poin)
        )
        out.append(
            _findings(
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
        _label(rows)
        + ", s/d TW "
        + _tw(rows["triwulan"])
        + ": metode berbeda - capaian dilaporkan "
        + _map(rep, fmt.persen)
        + " sama dengan hitungan dengan aturan: "
        + theirs
        + "; laporan ini memakai aturan: "
        + ours
        + " = "
        + _map(calc, fmt.persen)
    )
    return _findings(
        rows,
        jenis="metode_berbeda",
        kolom="capaian_persen",
        dilaporkan=rep,
        dihitung=calc,
        pesan=pesan,
        keparahan="rendah",
    )


# --- money ---------------------------------------------------------------------------------


def check_serapan(anggaran: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Printed serapan against realisasi / anggaran kas (or / pagu when no cash plan)."""
    rep = anggaran["serapan_dilaporkan"]
    kas = serapan_kas(anggaran["realisasi_anggaran_sd"], anggaran["anggaran_sd"])
    against_pagu = kas.isna()
    calc = kas.fillna(serapan_pagu(anggaran["realisasi_anggaran_sd"], anggaran["pagu"]))
    differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_capaian_poin)
    rows = anggaran[differs]
    if rows.empty:
        return []
    base = np.where(against_pagu[differs], " dari pagu ", " dari anggaran kas ")
    denom = anggaran["pagu"].where(against_pagu, anggaran["anggaran_sd"])
    pesan = (
        _label(rows)
        + ", s/d TW "
        + _tw(rows["triwulan"])
        + ": serapan dilaporkan "
        + _map(rep[differs], fmt.persen)
        + " tetapi realisasi "
        + _map(rows["realisasi_anggaran_sd"], fmt.rupiah)
        + base
        + _map(denom[differs], fmt.rupiah)
        + " = "
        + _map(calc[differs], fmt.persen)
    )
    return [
        _findings(
            rows,
            jenis="serapan_berbeda",
            kolom=np.where(against_pagu[differs], "serapan_pagu_persen", "serapan_kas_persen"),
            dilaporkan=rep[differs],
            dihitung=calc[differs],
            pesan=pesan,
            keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
        )
    ]


def _source_position(sumber: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(``file:sheet``, row number) from ``sumber`` = ``file:sheet:row``."""
    s = text(sumber).fillna("")
    parts = s.str.rsplit(":", n=1, expand=True)
    if parts.shape[1] < 2:
        return s, pd.Series(np.nan, index=s.index)
    return parts[0], pd.to_numeric(parts[1], errors="coerce")


def with_parents(anggaran: pd.DataFrame) -> pd.DataFrame:
    """Anggaran rows with ``kunci``, ``tingkat`` and their parent (tingkat_induk, kunci_induk).

    Rekening lines get the nearest sub kegiatan above them in the same sheet.
    """
    df = anggaran.reset_index(drop=True).copy()
    df["kunci"] = effective_kunci(df)
    df["tingkat"] = effective_tingkat(df, df["kunci"])
    level, key = parent_of(df["tingkat"], df["kunci_program"], df["kunci_kegiatan"])
    df["tingkat_induk"], df["kunci_induk"] = level, key
    df.loc[df["tingkat_induk"].eq("kecamatan"), ["tingkat_induk", "kunci_induk"]] = None

    rek = df["tingkat"].eq("rekening")
    if rek.any():
        df["_loc"], df["_pos"] = _source_position(df["sumber"])
        subs = df[df["tingkat"].eq("sub_kegiatan") & df["_pos"].notna()]
        subs = subs[["kecamatan", "tahun", "triwulan", "_loc", "_pos", "kunci"]]
        lines = df[rek & df["_pos"].notna()].reset_index()
        if len(lines) and len(subs):
            matched = pd.merge_asof(
                lines.sort_values("_pos"),
                subs.rename(columns={"kunci": "_sub"}).sort_values("_pos"),
                on="_pos",
                by=["kecamatan", "tahun", "triwulan", "_loc"],
                direction="backward",
            ).set_index("index")
            df.loc[matched.index, "kunci_induk"] = matched["_sub"]
            df.loc[matched.index, "tingkat_induk"] = np.where(
                matched["_sub"].notna(), "sub_kegiatan", None
            )
        df = df.drop(columns=["_loc", "_pos"])
    return df


def check_money_children(
    anggaran: pd.DataFrame, settings: Settings, keyed: Keyed | None = None
) -> list[pd.DataFrame]:
    """A parent's printed pagu / anggaran kas / realisasi against the sum of its children.

    ``keyed``: the same table with its source rows (see :class:`.hierarchy.Keyed`).
    """
    if anggaran.empty:
        return []
    keyed = keyed if keyed is not None else Keyed.of(anggaran)
    codes = keyed.codes
    rekening = np.flatnonzero((codes.dicts["tingkat"] == "rekening").to_numpy())
    if len(rekening) and (codes.tingkat[keyed.rows] == rekening[0]).any():
        # Rekening lines find their sub kegiatan by position in the sheet.
        return _money_children(_parents_by_text(anggaran), settings)
    return _money_children(_parents_by_codes(keyed), settings)


def _parents_by_text(anggaran: pd.DataFrame) -> pd.DataFrame:
    df = with_parents(anggaran)
    keys = ["kecamatan", "tahun", "triwulan"]
    kids = df[df["kunci_induk"].notna()]
    by = [*keys, "tingkat_induk", "kunci_induk"]
    sums = group_sum(kids, by, list(MONEY)).add_prefix("_sum_")
    sums.insert(0, "_n", kids.groupby(by, dropna=False).size().to_numpy())
    sums = sums.reset_index().rename(columns={"tingkat_induk": "tingkat", "kunci_induk": "kunci"})
    parents = df.merge(sums, on=[*keys, "tingkat", "kunci"], how="inner")
    # pagu is annual: check it once, in the parent's latest quarter.
    parents["_latest"] = parents.groupby(["kecamatan", "tahun", "tingkat", "kunci"])[
        "triwulan"
    ].transform("max")
    return parents


def _parents_by_codes(keyed: Keyed) -> pd.DataFrame:
    """:func:`_parents_by_text` (no rekening lines) on the codes of the source rows."""
    table, codes, src = keyed.table, keyed.codes, keyed.rows
    kec, year = codes.kecamatan[src], codes.tahun[src]
    level, own = codes.tingkat[src], codes.kunci[src]
    quarter = pd.factorize(table["triwulan"], use_na_sentinel=False)[0]
    has_parent = codes.tingkat_induk[src] != KECAMATAN  # (kunci_induk is then given)
    kids = np.flatnonzero(has_parent)
    kid_key, row_key = pack_joint(
        (kec[kids], year[kids], quarter[kids], codes.tingkat_induk[src][kids],
         codes.kunci_induk[src][kids]),
        (kec, year, quarter, level, own),
    )  # fmt: skip
    frame = table[list(MONEY)].iloc[kids].reset_index(drop=True).assign(_g=kid_key)
    sums = group_sum(frame, ["_g"], list(MONEY)).add_prefix("_sum_")
    sums.insert(0, "_n", frame.groupby("_g").size().to_numpy())
    at = pd.Index(sums.index).get_indexer(row_key)
    rows = np.flatnonzero(at >= 0)
    parents = table.iloc[rows].reset_index(drop=True)
    parents["tingkat"] = codes.strings("tingkat", src[rows])
    parents["kunci"] = codes.strings("kunci", src[rows])
    for col in sums.columns:
        parents[col] = sums[col].to_numpy()[at[rows]]
    # pagu is annual: check it once, in the parent's latest quarter (none where the
    # kecamatan or tahun is missing, as groupby drops those).
    node = pack_joint((kec[rows], year[rows], level[rows], own[rows]))[0]
    latest = parents["triwulan"].groupby(node).transform("max")
    parents["_latest"] = latest.where((kec[rows] >= 0) & (year[rows] >= 0))
    return parents


def _money_children(parents: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    if parents.empty:
        return []
    latest = parents["_latest"]
    out = []
    for m in MONEY:
        rep, calc = parents[m], parents[f"_sum_{m}"]
        differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_rupiah)
        if m == "pagu":
            differs &= parents["triwulan"].eq(latest)
        rows = parents[differs]
        if rows.empty:
            continue
        when = "" if m == "pagu" else (", s/d TW " + _tw(rows["triwulan"]))
        pesan = (
            _label(rows)
            + when
            + ": "
            + MONEY_LABEL[m].lower().replace("s/d tw", "").strip()
            + " dilaporkan "
            + _map(rep[differs], fmt.rupiah)
            + " tetapi jumlah "
            + rows["_n"].astype(str)
            + " "
            + rows["tingkat"].map(CHILD_LABEL).fillna("anak")
            + " di bawahnya "
            + _map(calc[differs], fmt.rupiah)
            + " (selisih "
            + _map(rep[differs] - calc[differs], fmt.rupiah)
            + ")"
        )
        out.append(
            _findings(
                rows,
                jenis=MONEY_JENIS[m],
                kolom=m,
                dilaporkan=rep[differs],
                dihitung=calc[differs],
                pesan=pesan,
                keparahan=keparahan_rupiah(rep[differs], calc[differs], settings),
            )
        )
    return out


def check_money_totals(
    anggaran: pd.DataFrame, totals: pd.DataFrame, settings: Settings
) -> list[pd.DataFrame]:
    """A printed total (e.g. Wotu TOTAL BELANJA) against the sum of the program rows."""
    if totals.empty:
        return []
    df = anggaran.copy()
    df["_t"] = effective_tingkat(df, effective_kunci(df))
    keys = ["kecamatan", "tahun", "triwulan"]
    programs = df[df["_t"].eq("program")]
    progs = group_sum(programs, keys, list(MONEY)).add_prefix("_sum_")
    progs.insert(0, "_n", programs.groupby(keys, dropna=False).size().to_numpy())
    rows_all = totals.merge(progs.reset_index(), on=keys, how="inner")
    out = []
    for m in MONEY:
        rep, calc = rows_all[m], rows_all[f"_sum_{m}"]
        differs = rep.notna() & calc.notna() & ((rep - calc).abs() > settings.toleransi_rupiah)
        rows = rows_all[differs]
        if rows.empty:
            continue
        pesan = (
            '"'
            + text(rows["uraian"]).fillna("Total")
            + '", s/d TW '
            + _tw(rows["triwulan"])
            + ": "
            + MONEY_LABEL[m].lower()
            + " dilaporkan "
            + _map(rep[differs], fmt.rupiah)
            + " tetapi jumlah "
            + rows["_n"].astype(str)
            + " program "
            + _map(calc[differs], fmt.rupiah)
            + " (selisih "
            + _map(rep[differs] - calc[differs], fmt.rupiah)
            + ")"
        )
        out.append(
            _findings(
                rows,
                jenis="total_berbeda",
                kolom=m,
                dilaporkan=rep[differs],
                dihitung=calc[differs],
                pesan=pesan,
                keparahan=keparahan_rupiah(rep[differs], calc[differs], settings),
            )
        )
    return out


def check_over_pagu(anggaran: pd.DataFrame, settings: Settings) -> list[pd.DataFrame]:
    """Spending above the annual budget: implausible, or an unrecorded budget change.

    Reported once per budget line, in the latest quarter where it holds.
    """
    over = anggaran["realisasi_anggaran_sd"] > anggaran["pagu"] + settings.toleransi_rupiah
    rows = anggaran[over.fillna(False)]
    if rows.empty:
        return []
    rows = rows.assign(_k=effective_kunci(rows))
    rows = rows.sort_values("triwulan").groupby(["kecamatan", "tahun", "_k"], dropna=False).tail(1)
    pesan = (
        _label(rows)
        + ": realisasi anggaran s/d TW "
        + _tw(rows["triwulan"])
        + " "
        + _map(rows["realisasi_anggaran_sd"], fmt.rupiah)
        + " melebihi pagu "
        + _map(rows["pagu"], fmt.rupiah)
    )
    return [
        _findings(
            rows,
            jenis="realisasi_melebihi_pagu",
            kolom="realisasi_anggaran_sd",
            dilaporkan=rows["realisasi_anggaran_sd"],
            dihitung=rows["pagu"],
            pesan=pesan,
            keparahan="tinggi",
        )
    ]


# --- implausible values ------------------------------------------------------------------


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
            + _map(pd.Series(stacked.to_numpy()), _num)
            + " pada kolom "
            + kolom
        )
        out.append(
            _findings(
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
            _label(rows)
            + ", TW "
            + _tw(rows["triwulan"])
            + ": target triwulan "
            + _map(vals, _num)
            + " melebihi target tahunan "
            + _map(annual.loc[idx].reset_index(drop=True), _num)
        )
        out.append(
            _findings(
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
            _label(rows)
            + ": jumlah target TW I-IV "
            + _map(total[mismatch].reset_index(drop=True), _num)
            + " tidak sama dengan target tahunan "
            + _map(annual[mismatch].reset_index(drop=True), _num)
        )
        out.append(
            _findings(
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


# --- monthly and IKU ---------------------------------------------------------------------


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
                _label(rows)
                + ", TW "
                + _tw(rows["triwulan"])
                + ": realisasi triwulan "
                + _map(rows["realisasi_tw"], _num)
                + " tetapi dari laporan bulanan "
                + _map(rows["_calc"], _num)
            )
            out.append(
                _findings(
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
            _label(rows)
            + ", TW "
            + _tw(rows["triwulan"])
            + ": realisasi anggaran triwulan "
            + _map(rows["realisasi_anggaran_tw"], fmt.rupiah)
            + " tetapi jumlah laporan bulanan "
            + _map(rows["_calc"], fmt.rupiah)
        )
        out.append(
            _findings(
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
        + _map(rep[differs], fmt.persen)
        + " tetapi realisasi "
        + _map(rows["realisasi"], _num)
        + " dari target "
        + _map(rows["target"], _num)
        + " = "
        + _map(calc[differs], fmt.persen)
    )
    return [
        _findings(
            rows,
            jenis="capaian_berbeda",
            kolom="capaian_persen",
            dilaporkan=rep[differs],
            dihitung=calc[differs],
            pesan=pesan,
            keparahan=keparahan_poin(rep[differs] - calc[differs], settings),
        )
    ]


# --- all together --------------------------------------------------------------------------


def _check_capaian_undefined(kinerja: pd.DataFrame) -> list[pd.DataFrame]:
    from analysis.metrics.guards import check_capaian_undefined  # imports this module

    return check_capaian_undefined(kinerja)


def pemeriksaan_parts(
    kinerja_wide: pd.DataFrame,
    anggaran_wide: pd.DataFrame,
    *,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    ringkasan: pd.DataFrame | None,
    iku: pd.DataFrame | None = None,
    bulanan: pd.DataFrame | None = None,
    iku_raw: pd.DataFrame | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    anggaran_keyed: Keyed | None = None,
) -> dict[str, list[pd.DataFrame]]:
    """The findings of each check, by check, in :func:`pemeriksaan`'s order.

    With ``ringkasan=None`` the one check that needs it (``capaian_induk``) is left out:
    :func:`analysis.metrics.iter_tables` runs it later (:func:`check_parent_capaian`),
    once kinerja and anggaran are written and released.
    """
    kw = conform(kinerja_wide, KINERJA_WIDE)
    aw = conform(anggaran_wide, ANGGARAN_WIDE)
    kin_totals = kinerja_long(kw, settings, totals=True)
    ang_totals = anggaran_long(aw, settings, totals=True)
    iku_df = conform(iku, ["kecamatan", "tahun", "triwulan", "indikator", "target", "realisasi",
                           "capaian_persen", "capaian_dilaporkan", "sumber"])  # fmt: skip
    bul = conform(bulanan, BULANAN_WIDE)
    if len(bul):
        bul["tahun"] = year(bul["tahun"])
        bul["triwulan"] = pd.to_numeric(bul["triwulan"], errors="coerce").astype("Int64")
        for c in ("realisasi", "target", "anggaran", "realisasi_anggaran", "bulan"):
            bul[c] = pd.to_numeric(bul[c], errors="coerce")

    kin_total = per_value(lambda t: lower_text(t).eq("total"), kw["tingkat"]).to_numpy()
    kin_data = kw[~kin_total] if kin_total.any() else kw
    kin_cols = per_quarter("target_tw", "realisasi_tw", "target_sd_tw", "realisasi_sd_tw")
    ang_cols = per_quarter(
        "anggaran_tw", "realisasi_anggaran_tw", "anggaran_sd_tw", "realisasi_anggaran_sd_tw"
    )
    numbers = {
        "kinerja": (kw, ["target_tahunan", *kin_cols]),
        "anggaran": (aw, ["pagu", *ang_cols]),
        "iku": (conform(iku_raw, IKU_RAW), ["target", "realisasi"]),
        "bulanan": (bul, ["target", "realisasi", "anggaran", "realisasi_anggaran"]),
    }
    return {
        "capaian": check_capaian(kinerja, settings),
        "capaian_tak_terhitung": _check_capaian_undefined(kinerja),
        "capaian_induk": (
            []
            if ringkasan is None
            else check_capaian_induk(kinerja, kin_totals, ringkasan, settings)
        ),
        "serapan": check_serapan(pd.concat([anggaran, ang_totals], ignore_index=True), settings),
        "money_children": check_money_children(anggaran, settings, anggaran_keyed),
        "money_totals": check_money_totals(anggaran, ang_totals, settings),
        "over_pagu": check_over_pagu(anggaran, settings),
        "negative": check_negative(numbers),
        "targets": check_targets(kin_data),
        "monthly": check_monthly(bul, kinerja, anggaran, settings),
        "iku": check_iku(iku_df, settings),
    }


def combine_findings(parts: dict[str, list[pd.DataFrame]]) -> pd.DataFrame:
    """The findings of :func:`pemeriksaan_parts` as one table, most severe first."""
    found = [p for part in parts.values() for p in part if len(p)]
    if not found:
        return finalize(None, PEMERIKSAAN)
    out = pd.concat([finalize(p, PEMERIKSAAN) for p in found], ignore_index=True)
    out["_sev"] = out["tingkat_keparahan"].map(KEPARAHAN_URUTAN)
    out["_abs"] = out["selisih"].abs()
    out = out.sort_values(
        ["_sev", "kecamatan", "tahun", "triwulan", "jenis", "_abs"],
        ascending=[True, True, True, True, True, False],
        kind="stable",
        na_position="last",
    )
    return finalize(out, PEMERIKSAAN)


def pemeriksaan(
    kinerja_wide: pd.DataFrame,
    anggaran_wide: pd.DataFrame,
    *,
    kinerja: pd.DataFrame,
    anggaran: pd.DataFrame,
    ringkasan: pd.DataFrame,
    iku: pd.DataFrame | None = None,
    bulanan: pd.DataFrame | None = None,
    iku_raw: pd.DataFrame | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    anggaran_keyed: Keyed | None = None,
) -> pd.DataFrame:
    """Every finding, most severe first (``schema.PEMERIKSAAN``).

    ``anggaran_keyed``: ``anggaran`` with its source rows (:class:`.hierarchy.Keyed`), to
    reuse their keys. The consequences of a wrong parent pagu are listed inside its
    finding (:func:`.root_cause.gabung_akibat`)."""
    from analysis.metrics.root_cause import gabung_akibat

    found = combine_findings(
        pemeriksaan_parts(
            kinerja_wide,
            anggaran_wide,
            kinerja=kinerja,
            anggaran=anggaran,
            ringkasan=ringkasan,
            iku=iku,
            bulanan=bulanan,
            iku_raw=iku_raw,
            settings=settings,
            anggaran_keyed=anggaran_keyed,
        )
    )
    return gabung_akibat(found, settings)
