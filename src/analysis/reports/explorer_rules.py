"""The explorer's input rules, without any widget: the threshold as typed, the processed
tables it can show, the offices without data, and the view kept in the page's address.

- :func:`baca_ambang` reads what a person types in the threshold box, in Indonesian or
  English notation alike (``85,5`` and ``85.5`` are 85,5 whatever the browser's locale),
  and refuses - with a sentence, never by clamping - what it cannot read or what lies
  outside 0-200.
- :func:`periksa_tabel` checks the columns the explorer computes with (numbers that are
  numbers, quarters 1-4) and names table, file, column, row and value of the first
  damage, so the page shows that sentence instead of a failed cell.
- :func:`belum_melapor` lists the configured kecamatan without data for a quarter.
- :func:`baca_alamat` / :func:`tulis_alamat` turn the view into a query string and back
  (bookmarkable views).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pandas as pd

from analysis import formatting as fmt
from analysis import paths

AMBANG_MIN = 0.0
AMBANG_MAKS = 200.0

_ANGKA = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_RIBUAN = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
"""``1.000`` / ``1,000``: a thousand to one reader and one to the other - not guessed."""


class AmbangTidakSah(ValueError):
    """The threshold as typed cannot be used; the message says why, in Indonesian."""


def baca_ambang(teks: object) -> float:
    """The threshold typed as text: ``85,5``, ``85.5``, ``85``, ``85,5 %`` are 85.5.

    Refused with :class:`AmbangTidakSah`: empty text, anything that is not one number
    (``8x``, ``1.2.3``, ``85,5,1``), a number with a thousands group (``1.000``: a thousand
    in Indonesian, one in English), and a value outside 0-200.
    """
    raw = str(teks if teks is not None else "")
    text = raw.strip().removesuffix("%").strip()
    if not text:
        raise AmbangTidakSah("Ambang kosong: ketik angka 0 sampai 200, mis. 85 atau 85,5.")
    if _RIBUAN.match(text):
        raise AmbangTidakSah(
            f"Ambang {raw.strip()!r} tidak jelas (seribu atau satu?): ketik tanpa pemisah "
            "ribuan, mis. 85 atau 85,5."
        )
    if not _ANGKA.match(text):
        raise AmbangTidakSah(
            f"Ambang {raw.strip()!r} bukan angka: ketik angka 0 sampai 200, mis. 85 atau 85,5."
        )
    value = float(text.replace(",", "."))
    if not AMBANG_MIN <= value <= AMBANG_MAKS:
        raise AmbangTidakSah(
            f"Ambang {fmt.angka(value, 0 if value.is_integer() else 2)}% di luar batas: "
            f"ketik angka {fmt.angka(AMBANG_MIN)} sampai {fmt.angka(AMBANG_MAKS)}."
        )
    return value


def teks_ambang(value: float) -> str:
    """The threshold as the box shows it: ``85,5`` / ``100``."""
    if float(value).is_integer():
        return fmt.angka(value)
    return fmt.angka(value, 2).rstrip("0").rstrip(",")


# --- damaged processed tables ----------------------------------------------------------------

ANGKA = "angka"
TRIWULAN = "triwulan"
TAHUN = "tahun"

KOLOM_DIPERIKSA: tuple[tuple[str, str, str], ...] = (
    ("kinerja", "tahun", TAHUN),
    ("kinerja", "triwulan", TRIWULAN),
    ("kinerja", "target_sd", ANGKA),
    ("kinerja", "realisasi_tw", ANGKA),
    ("kinerja", "realisasi_sd", ANGKA),
    ("kinerja", "capaian_sd_persen", ANGKA),
    ("anggaran", "tahun", TAHUN),
    ("anggaran", "triwulan", TRIWULAN),
    ("anggaran", "realisasi_anggaran_sd", ANGKA),
    ("anggaran", "serapan_kas_persen", ANGKA),
    ("ringkasan", "tahun", TAHUN),
    ("ringkasan", "triwulan", TRIWULAN),
    ("ringkasan", "capaian_persen", ANGKA),
    ("ringkasan", "serapan_persen", ANGKA),
)
"""(table, column, kind) the explorer computes with; a rule is a row here, not code."""

_HARAPAN = {
    ANGKA: "angka",
    TAHUN: "tahun (bilangan bulat)",
    TRIWULAN: "triwulan 1 sampai 4",
}


class TabelRusak(ValueError):
    """A processed table the explorer cannot show; the message names table and column."""


def periksa_tabel(tables: dict[str, pd.DataFrame], folder: Path | str = "") -> None:
    """Raise :class:`TabelRusak` naming the first damaged column of the processed tables.

    Damage: a column missing, a text where a number belongs or an infinite number (the
    row, 1-based as in the CSV after its header, and the value are named), a year that is
    no whole number, a quarter outside 1-4.
    """
    problems: list[str] = []
    for name, column, kind in KOLOM_DIPERIKSA:
        frame = tables.get(name)
        if frame is None:
            continue
        where = f"tabel {name} ({Path(folder) / (name + '.parquet')})" if folder else name
        if column not in frame.columns:
            problems.append(f"{where}: kolom {column} tidak ada")
            continue
        raw = frame[column]
        number = pd.to_numeric(raw, errors="coerce").astype("float64")
        bad = raw.notna() & number.isna()
        if kind == ANGKA:
            bad |= number.abs() == float("inf")  # a division by zero upstream
        elif kind == TAHUN:
            bad |= number.notna() & (number % 1 != 0)
        elif kind == TRIWULAN:
            bad |= number.notna() & ~number.isin([1, 2, 3, 4])
        if bad.any():
            first = int(bad.to_numpy().argmax())
            value = raw.iloc[first]
            problems.append(
                f"{where}: kolom {column} berisi {value!r} pada baris {first + 1} "
                f"({int(bad.sum())} baris), seharusnya {_HARAPAN[kind]}"
            )
    if problems:
        raise TabelRusak(
            "Data olahan rusak, penjelajah tidak dapat menampilkannya: "
            + "; ".join(problems)
            + ". Jalankan ulang: python -m analysis ingest"
        )


# --- offices without data ----------------------------------------------------------------------


def kecamatan_terdaftar(reference_dir: Path | None = None) -> list[str]:
    """Kecamatan configured in ``data/reference/kecamatan.csv`` (empty when absent)."""
    from analysis.reports.jobs import Referensi

    return sorted(Referensi.load(reference_dir or paths.reference_dir()).slug)


def belum_melapor(ada: pd.DataFrame, terdaftar: list[str], tahun: int, triwulan: int) -> list[str]:
    """Configured kecamatan (and any seen in the data) without data for the quarter.

    ``ada`` is :func:`analysis.reports.views.tersedia`.
    """
    now = ada[(ada["tahun"] == int(tahun)) & (ada["triwulan"] == int(triwulan))]
    known = set(terdaftar) | set(ada["kecamatan"].astype("str"))
    return sorted(known - set(now["kecamatan"].astype("str")))


def pesan_belum_melapor(
    belum: list[str], jumlah_terdaftar: int, tahun: int, triwulan: int
) -> str | None:
    """``Belum ada data Triwulan IV 2024 (8 dari 11 kecamatan): ...`` (None when none)."""
    if not belum:
        return None
    return (
        f"Belum ada data {fmt.nama_triwulan(int(triwulan))} {int(tahun)} "
        f"({fmt.angka(len(belum))} dari {fmt.angka(max(jumlah_terdaftar, len(belum)))} "
        f"kecamatan): {', '.join(belum)}."
    )


# --- the view in the address -------------------------------------------------------------------

_KUNCI_ALAMAT = (
    "tab", "kecamatan", "tahun", "triwulan", "tingkat", "ambang", "banding", "kunci", "periode",
)  # fmt: skip


def baca_alamat(query: str) -> dict[str, str]:
    """The view named in a query string (``kecamatan=Wotu&tahun=2024...``); unknown keys
    and repeated values are ignored (the last one wins)."""
    parsed = parse_qs(str(query or "").lstrip("?"), keep_blank_values=True)
    return {k: v[-1] for k, v in parsed.items() if k in _KUNCI_ALAMAT and v}


def tulis_alamat(view: dict[str, object]) -> str:
    """The query string of a view (keys in a fixed order, empty values left out)."""
    items = [(k, str(view[k])) for k in _KUNCI_ALAMAT if k in view and str(view[k]) != ""]
    return urlencode(items)


def angka_bulat(text: str | None, default: int = 0) -> int:
    """``text`` as int, ``default`` when it is not one (an address typed by hand)."""
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return default
