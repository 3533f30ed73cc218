"""Rekening lines: the objects of expenditure a budget table prints under a sub kegiatan.

A budget table down to rekening level (Towuti *Tabel III*: ``Belanja Alat Tulis
Kantor``, ``Honorarium Pengelola Perencanaan`` with pagu, realisasi and % under each sub
kegiatan) prints them without code, level word or number; their names are not in any
program/kegiatan/sub kegiatan nomenclature. Such a row - in a budget table, uncoded, no
level from its name, the nomenclature or a label row, no indicator, no number in the
table's NO column (Tabel III numbers its program .. sub kegiatan rows only) - that sits below a
sub kegiatan of its own table (or below another such line) is a ``rekening`` line: a
level below the sub kegiatan, carried but never rolled up (data contract). So is a row of
unknown level printed with a belanja account code and a ``Belanja ...`` name (PRKA / DPA
ringkasan: ``5 1 | BELANJA TIDAK LANGSUNG``), wherever it sits. Any other row of unknown
level above the first sub kegiatan, or after a printed total, stays an error.

Applied to the extracted budget rows of all tables at once, grouped by table, before
tingkat is inferred; one note per sheet says how many lines were read so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest import text
from analysis.ingest.reference import Nomenklatur
from analysis.ingest.rows import cleaning

BELOW = ("sub_kegiatan", "rekening")
"""Levels a rekening line may follow within its table."""

ACCOUNT_CODE = r"\s*5(?:\s*[.\s]\s*\d{1,4})*\s*"
"""A belanja account of the APBD chart of accounts (akun ``5``, ``5 1``, ``5 1 1``, ``5.2.2.01.01``,
``5.1.02.01.01.0024``), as PRKA/DPA forms print it in their ``Kode Rekening`` column."""


def _account_line(kode: pd.Series, uraian: pd.Series) -> pd.Series:
    """Rows printed with a belanja account code and a belanja account's name (``5 1 |
    BELANJA TIDAK LANGSUNG``, Kecamatan Sukodono PRKA SKPD 2019): rekening lines wherever
    they sit - the code and the name both say so, no program or kegiatan above is needed."""
    code = kode.astype("str").where(kode.notna()).str.fullmatch(ACCOUNT_CODE).fillna(False)
    name = uraian.astype("str").str.match(r"(?i)\s*belanja\b").fillna(False)
    return code.astype(bool) & name.astype(bool)


def read_rekening(rows: pd.DataFrame, nomenklatur: Nomenklatur) -> tuple[pd.DataFrame, list[str]]:
    """``rows`` (budget rows with ``uraian``, ``_block``, ``_order``) with ``tingkat`` set
    to ``rekening`` where the module doc's rule holds, and one note per sheet."""
    if rows.empty or "uraian" not in rows or "_block" not in rows:
        return rows, []
    probe = pd.DataFrame(index=rows.index)
    for col in ("kecamatan", "tahun", "uraian"):
        probe[col] = rows.get(col, pd.NA)
    kode = rows["kode"] if "kode" in rows else pd.Series(pd.NA, index=rows.index, dtype="str")
    probe["kode"] = cleaning.normalise_kode(kode).kode
    raw_tingkat = rows["tingkat"] if "tingkat" in rows else pd.Series(pd.NA, index=rows.index)
    probe["tingkat"] = cleaning.normalise_tingkat(raw_tingkat)[0]
    probe["uraian"] = text.clean_text(
        text.strip_markup(probe["uraian"].astype("str").where(probe["uraian"].notna()))
    )
    level, _ = cleaning.infer_tingkat(probe, nomenklatur)
    named = level.isna() & probe["uraian"].notna()
    if "indikator" in rows:
        named &= rows["indikator"].isna()
    # an account row is one even where its name alone reads as a printed total ("5 |
    # BELANJA": akun 5 of the chart, not the table's total line)
    account = (named | (level.eq("total") & probe["uraian"].notna())) & _account_line(
        kode, probe["uraian"]
    )
    if "indikator" in rows:
        account &= rows["indikator"].isna()
    unknown = named & probe["kode"].isna()
    if "_numbered" in rows:  # Tabel III numbers its programs .. sub kegiatan, not rekening
        unknown &= ~rows["_numbered"].fillna(False).astype(bool)
    if not (unknown.any() or account.any()):
        return rows, []
    order = np.lexsort((rows["_order"].to_numpy(), rows["_block"].to_numpy()))
    ordered = level.iloc[order]
    above = ordered.groupby(rows["_block"].iloc[order].to_numpy()).ffill()
    above = above.reindex(rows.index)
    rekening = (unknown & above.isin(BELOW)) | account
    if not rekening.any():
        return rows, []
    out = rows.copy()
    tingkat = out["tingkat"] if "tingkat" in out else pd.Series(pd.NA, index=out.index)
    out["tingkat"] = tingkat.astype("object").mask(rekening, "rekening")
    below = rekening & ~account
    return out, _notes(out, below, "tanpa kode, tingkat maupun indikator di bawah sub kegiatan") + (
        _notes(out, account, "dengan kode akun belanja (5 ...) dan nama 'Belanja ...'")
    )


def _notes(rows: pd.DataFrame, rekening: pd.Series, what: str) -> list[str]:
    where = (
        rows["_file"].astype("str") + ":" + rows["_sheet"].astype("str")
        if "_file" in rows and "_sheet" in rows
        else rows["sumber"].astype("str").str.rsplit(":", n=1).str[0]
    )
    counts = rekening.groupby(where.to_numpy(), sort=False).sum()
    return [
        f"{w}: {int(n)} baris {what} dibaca sebagai rekening (rincian belanja; tidak "
        "dijumlahkan ke atas)"
        for w, n in counts.items()
        if n
    ]
