"""Figures that cannot give a capaian a person can read.

A target so small that realisasi / target overflows (``0,000...001``: capaian ``inf``)
is not a result: :func:`analysis.metrics.achievement.capaian_values` leaves such a
capaian empty, and this check says why, naming the row, the quarter and both figures,
so the empty cell is never silent (and ``inf`` never reaches bands, roll-ups or a
report).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.check_base import findings_frame, num_text, row_label, tw_text


def check_capaian_undefined(kinerja: pd.DataFrame) -> list[pd.DataFrame]:
    """Rows whose target and realisasi are figures, target not 0, yet no capaian came out
    (the quotient overflowed)."""
    out = []
    for scope, label in (("tw", "triwulan"), ("sd", "s/d triwulan")):
        tgt = pd.to_numeric(kinerja[f"target_{scope}"], errors="coerce")
        real = pd.to_numeric(kinerja[f"realisasi_{scope}"], errors="coerce")
        calc = pd.to_numeric(kinerja[f"capaian_{scope}_persen"], errors="coerce")
        lost = np.isfinite(tgt) & (tgt != 0) & np.isfinite(real) & calc.isna()
        if not lost.any():
            continue
        rows = kinerja[lost]
        pesan = (
            row_label(rows)
            + ", TW "
            + tw_text(rows["triwulan"])
            + f" ({label}): realisasi "
            + real[lost].map(num_text)
            + " dari target "
            + tgt[lost].map(repr)
            + " tidak memberi capaian yang terhingga; periksa target (terlalu kecil)"
        )
        out.append(
            findings_frame(
                rows,
                jenis="capaian_tak_terhitung",
                kolom=f"target_{scope}",
                dilaporkan=tgt[lost],
                dihitung=np.nan,
                pesan=pesan,
                keparahan="tinggi",
            )
        )
    return out
