"""One typo, one finding: the consequences of a wrong parent budget listed inside it.

A kegiatan whose pagu is misprinted (Wotu Tabel 2.8: Pengadaan BMD Rp 39.000.000 where
its two sub kegiatan, and Tabel 3.4's anggaran kas, give Rp 107.250.000) raises three
findings in :mod:`.reconciliation`: its pagu against its children
(``pagu_induk_berbeda``), its spending above that printed pagu
(``realisasi_melebihi_pagu``) and its program's pagu against the sum of the printed
kegiatan (``pagu_induk_berbeda`` one level up, off by the same amount the other way).
:func:`gabung_akibat` keeps the first, says inside it which figure the children support
and lists the other two as its consequences, and drops them as separate rows.
"""

from __future__ import annotations

import pandas as pd

from analysis import formatting as fmt
from analysis.settings import DEFAULT_SETTINGS, Settings

KEYS = ["kecamatan", "tahun"]


def gabung_akibat(findings: pd.DataFrame, settings: Settings = DEFAULT_SETTINGS) -> pd.DataFrame:
    """``findings`` (``schema.PEMERIKSAAN``) with the consequences of each wrong parent
    pagu merged into its finding (see the module doc); other findings unchanged."""
    if findings.empty:
        return findings
    f = findings.reset_index(drop=True)
    tol = settings.toleransi_rupiah
    roots = f[(f["jenis"] == "pagu_induk_berbeda") & (f["kolom"] == "pagu")]
    if roots.empty:
        return findings
    roots = roots.reset_index(names="akar")
    notes: dict[int, list[str]] = {}
    drop: set[int] = set()

    # Spending "above the pagu" where the pagu is the misprinted one and the children's
    # sum holds it.
    over = f[f["jenis"] == "realisasi_melebihi_pagu"].reset_index(names="baris")
    m = over.merge(roots, on=[*KEYS, "kode"], suffixes=("", "_induk"))
    m = m[
        ((m["dihitung"] - m["dilaporkan_induk"]).abs() <= tol)
        & (m["dilaporkan"] <= m["dihitung_induk"] + tol)
    ]
    for row in m.itertuples(index=False):
        drop.add(row.baris)
        notes.setdefault(row.akar, []).append(
            f"realisasi {fmt.rupiah(row.dilaporkan)} tampak melebihi pagu tercetak "
            f"{fmt.rupiah(row.dilaporkan_induk)}, tidak melebihi jumlah rinciannya"
        )

    # The parent's pagu against the printed children, off by the same amount reversed.
    pairs = roots.merge(roots, on=KEYS, suffixes=("", "_atas"))
    pairs = pairs[
        [
            str(k).startswith(str(p) + ".")
            for k, p in zip(pairs["kode"], pairs["kode_atas"], strict=True)
        ]
    ]
    pairs = pairs[(pairs["selisih"] + pairs["selisih_atas"]).abs() <= tol]
    for row in pairs.itertuples(index=False):
        drop.add(row.akar_atas)
        notes.setdefault(row.akar, []).append(
            f"pagu {row.kode_atas} tercetak {fmt.rupiah(row.dilaporkan_atas)} tampak tidak "
            f"sama dengan jumlah di bawahnya ({fmt.rupiah(row.dihitung_atas)}); dengan "
            f"{fmt.rupiah(row.dihitung)} untuk {row.kode} jumlahnya cocok"
        )
    if not notes:
        return findings
    for root, items in notes.items():
        r = f.loc[root]
        f.loc[root, "pesan"] = (
            f"{r['pesan']}. Rincian di bawahnya mendukung {fmt.rupiah(r['dihitung'])}: "
            f"satu salah cetak, temuan lain yang diakibatkannya digabung di sini: "
            + "; ".join(dict.fromkeys(items))
        )
    return f.drop(index=sorted(drop - set(notes))).reset_index(drop=True)
