"""What every check of :mod:`.reconciliation` shares: the finding row (:func:`findings_frame`),
its severity from the difference, and the wording of rows, quarters and figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import formatting as fmt
from analysis.metrics.frames import (
    conform,
    text,
)
from analysis.settings import Settings

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


def findings_frame(
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


def map_text(values: pd.Series, formatter, *args) -> pd.Series:
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


def num_text(value: object) -> str:
    """A count or figure as printed: no decimals when whole (150), else two (84,73)."""
    if fmt.is_missing(value):
        return fmt.KOSONG
    v = float(value)
    return fmt.angka(v, 0 if v == round(v) else 2)


def row_label(rows: pd.DataFrame) -> pd.Series:
    """'Sub Kegiatan "Koordinasi ..."' for messages."""
    tingkat = text(rows["tingkat"]).fillna("")
    names = tingkat.map(lambda t: "" if t in ("", "total") else fmt.nama_tingkat(t))
    uraian = text(rows["uraian"]).fillna(text(rows["kunci"])).fillna("")
    return (names + ' "' + uraian + '"').str.strip()


def tw_text(triwulan: pd.Series) -> pd.Series:
    return triwulan.map(lambda q: fmt.romawi(int(q)) if pd.notna(q) else "?")
