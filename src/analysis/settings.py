"""Every tunable number of the metrics in one place (data contract, section 3).

Practice differs between offices and evaluators: which formula a negative indicator uses,
where the rating bands start, how far a printed figure may stray before it is a finding.
Rather than scatter such constants through the code, they live in :class:`Settings`,
whose defaults are the contract's. A user overrides any of them with a TOML file passed
as ``--config`` (see ``defaults.toml`` next to this module for a copy to start from)::

    rumus_negatif = "rasio"
    batas_kategori = [90, 75, 65, 50]
"""

from __future__ import annotations

import dataclasses
import itertools
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

RUMUS_NEGATIF = ("selisih", "rasio")
"""Formulas for indicators where lower is better (see :func:`analysis.metrics.capaian`)."""

CAPAIAN_TARGET_NOL = ("nol_bila_tak_terserap", "nol", "dikecualikan")
"""How a row with target 0 but a budget counts in its parent's mean (see
:attr:`Settings.capaian_target_nol`)."""

CAPAIAN_PROGRAM = ("rata_rata_kegiatan", "indikator_program")
"""Which figure is a program's capaian (see :attr:`Settings.capaian_program`)."""

TULIS_CSV = ("auto", "selalu", "tidak")
"""When the processed tables get a CSV copy (see :attr:`Settings.tulis_csv`)."""

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
"""The default settings as TOML, shipped with the package for users to copy."""


@dataclass(frozen=True)
class Settings:
    """Parameters of the formulas; the defaults are those of ``docs/data-contract.md`` §3."""

    rumus_negatif: str = "selisih"
    """``"selisih"``: (2T - R) / T x 100 floored at 0; ``"rasio"``: T / R x 100."""

    batas_kategori: tuple[float, float, float, float] = (91.0, 76.0, 66.0, 51.0)
    """Lower edges of ST, T, S and R (Permendagri 86/2017); below the last edge is SR."""

    capaian_target_nol: str = "nol_bila_tak_terserap"
    """A row whose target s/d TW is 0 has no capaian of its own; in the roll-up (the LKj's
    "jumlah capaian kegiatan / jumlah kegiatan") it counts as: ``"nol_bila_tak_terserap"``
    0 % when it has a budget (pagu or anggaran kas) of which nothing was spent, else it
    is left out (Towuti 2024 TW IV: Pengadaan sarana, target 0 and Rp 162.600.000
    unspent, counts 0, so kegiatan Pengadaan BMD is 50; Jasa peralatan, target 0 with
    spending, is left out); ``"nol"`` 0 % whenever it has a budget; ``"dikecualikan"``
    never counted."""

    capaian_program: str = "rata_rata_kegiatan"
    """The LKj method for a program's capaian: ``"rata_rata_kegiatan"`` the mean of its
    kegiatan (each the mean of its sub kegiatan; "jumlah capaian kegiatan / jumlah
    kegiatan", as Towuti prints 93,75 for Program Penunjang); ``"indikator_program"`` the
    program's own indicator (realisasi / target) where the office gives one, else the
    mean of its kegiatan. A printed program figure that equals the other method's is a
    ``metode_berbeda`` finding naming both."""

    ambang_kuadran: float = 91.0
    """Capaian and serapan at or above this are 'on plan' when placing a kuadran."""

    toleransi_capaian_poin: float = 0.5
    """A printed capaian/serapan may differ this many points before it is a finding."""

    toleransi_rupiah: float = 1.0
    """A printed budget figure may differ this many rupiah before it is a finding."""

    toleransi_arah_poin: float = 1.0
    """A change within this many points is ``tetap`` in ``tren``."""

    efisiensi_skala_persen: float = 20.0
    """E at +this % scores nilai_efisiensi 100, at -this % scores 0 (Ministry of Finance)."""

    keparahan_tinggi_poin: float = 10.0
    """A capaian/serapan difference of this many points or more is a ``tinggi`` finding."""

    keparahan_sedang_poin: float = 1.0
    """... of this many points or more (and below the above) is ``sedang``; else ``rendah``."""

    keparahan_tinggi_relatif: float = 0.10
    """A rupiah difference of this share of the larger figure or more is ``tinggi``."""

    keparahan_sedang_relatif: float = 0.01
    """... of this share or more (and below the above) is ``sedang``; else ``rendah``."""

    batas_byte_file: int = 1_073_741_824
    """Ingest refuses a raw file (or an unpacked .xlsx/.ods part) larger than this (1 GiB)."""

    batas_sel_sheet: int = 5_000_000
    """... a sheet whose extent (rows x columns, as declared by its cells) exceeds this."""

    batas_kolom: int = 1_000
    """... a sheet or CSV row with more columns than this."""

    batas_sel_file: int = 50_000_000
    """... a file whose sheets/tables together declare more cells than this."""

    batas_sel_run: int = 200_000_000
    """An ingest run reads at most this many cells; the files past it are refused by name."""

    batas_byte_terbuka: int = 1_073_741_824
    """... an .xlsx/.ods/.docx whose parts together unpack to more bytes than this (1 GiB)."""

    batas_rasio_zip: int = 200
    """... an .xlsx/.ods/.docx part (over 1 MiB unpacked) packed more than this many times."""
    kabupaten: str = "Kabupaten Luwu Timur"
    """The regency whose kecamatan send the reports (a name or Kemendagri code, see
    :mod:`analysis.region`); its kecamatan come from the official list of codes."""

    batas_halaman_pdf: int = 2_000
    """... a PDF report with more pages than this."""

    tulis_csv: str = "auto"
    """CSV copies of the processed tables beside the Parquet files (always written):
    ``"auto"`` for every table of at most :attr:`batas_baris_csv` rows, ``"selalu"`` for
    every table, ``"tidak"`` for none. The summary names the tables left without one."""

    batas_baris_csv: int = 1_048_575
    """With ``tulis_csv = "auto"``, a table of more rows than this gets no CSV (an Excel
    sheet holds 1,048,576 rows, header included: a longer CSV does not open whole)."""

    penjadwal_dask: str = dataclasses.field(default="", repr=False)
    """Address of a Dask distributed scheduler (``tcp://host:8786``): ``batch`` runs the
    reports on its workers (:mod:`analysis.reports.cluster`); empty: on this machine.
    ``batch --scheduler`` wins over it. Not part of the ingest's settings stamp (repr)."""

    def __post_init__(self) -> None:
        # Normalise a list from TOML into the tuple the dataclass promises.
        object.__setattr__(self, "batas_kategori", tuple(float(b) for b in self.batas_kategori))
        problems = _check_values(self)
        if problems:
            raise ValueError("Pengaturan tidak sah: " + "; ".join(problems))


def _check_values(s: Settings) -> list[str]:
    """Semantic checks shared by the constructor and :func:`load_settings`."""
    problems: list[str] = []
    if s.rumus_negatif not in RUMUS_NEGATIF:
        problems.append(
            f"rumus_negatif = {s.rumus_negatif!r}: harus salah satu dari {', '.join(RUMUS_NEGATIF)}"
        )
    if s.capaian_target_nol not in CAPAIAN_TARGET_NOL:
        problems.append(
            f"capaian_target_nol = {s.capaian_target_nol!r}: harus salah satu dari "
            f"{', '.join(CAPAIAN_TARGET_NOL)}"
        )
    if s.capaian_program not in CAPAIAN_PROGRAM:
        problems.append(
            f"capaian_program = {s.capaian_program!r}: harus salah satu dari "
            f"{', '.join(CAPAIAN_PROGRAM)}"
        )
    if s.tulis_csv not in TULIS_CSV:
        problems.append(
            f"tulis_csv = {s.tulis_csv!r}: harus salah satu dari {', '.join(TULIS_CSV)}"
        )
    edges = s.batas_kategori
    if len(edges) != 4 or any(a <= b for a, b in itertools.pairwise(edges)):
        problems.append(
            f"batas_kategori = {list(edges)}: harus 4 angka menurun (batas bawah ST, T, S, R)"
        )
    for name in (
        "toleransi_capaian_poin",
        "toleransi_rupiah",
        "toleransi_arah_poin",
        "keparahan_tinggi_poin",
        "keparahan_sedang_poin",
        "keparahan_tinggi_relatif",
        "keparahan_sedang_relatif",
    ):
        if getattr(s, name) < 0:
            problems.append(f"{name} = {getattr(s, name)}: tidak boleh negatif")
    for name in (
        "batas_byte_file",
        "batas_sel_sheet",
        "batas_kolom",
        "batas_sel_file",
        "batas_sel_run",
        "batas_byte_terbuka",
        "batas_rasio_zip",
        "batas_halaman_pdf",
        "batas_baris_csv",
    ):
        if getattr(s, name) < 1:
            problems.append(f"{name} = {getattr(s, name)}: harus >= 1")
    if s.efisiensi_skala_persen <= 0:
        problems.append(f"efisiensi_skala_persen = {s.efisiensi_skala_persen}: harus > 0")
    return problems


DEFAULT_SETTINGS = Settings()
"""The contract's defaults; what every function uses unless told otherwise."""


def _coerce(name: str, value: Any, default: Any, path: Path) -> Any:
    """Check one TOML value against the type of the default; return it in that type."""

    def bad(expected: str) -> ValueError:
        return ValueError(
            f"{path}: kunci {name!r} bernilai {value!r} ({type(value).__name__}), "
            f"seharusnya {expected}"
        )

    def is_number(v: Any) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if isinstance(default, str):
        if not isinstance(value, str):
            raise bad("teks")
        return value
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(is_number(v) for v in value):
            raise bad(f"daftar {len(default)} angka, mis. {list(default)}")
        return tuple(float(v) for v in value)
    if isinstance(default, int):
        if not is_number(value) or value != int(value):
            raise bad("bilangan bulat")
        return int(value)
    if isinstance(default, float):
        if not is_number(value):
            raise bad("angka")
        return float(value)
    raise bad(type(default).__name__)  # pragma: no cover - every field is covered above


def load_settings(path: Path | str | None = None) -> Settings:
    """The default settings, overridden by the keys of the TOML file at ``path`` if given.

    Keys may sit at the top level or in a ``[metrik]`` table. An unknown key (usually a
    typo that would otherwise be silently ignored), a value of the wrong type or an
    invalid value raises ``ValueError`` naming the key and the file.
    """
    if path is None:
        return DEFAULT_SETTINGS
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ValueError(f"{path}: berkas pengaturan tidak ditemukan") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: bukan TOML yang sah ({exc})") from exc

    if isinstance(data.get("metrik"), dict):
        nested = data.pop("metrik")
        data = {**data, **nested}
    known = {f.name: f.default for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(
            f"{path}: kunci tidak dikenal {', '.join(repr(k) for k in unknown)}; "
            f"kunci yang dikenal: {', '.join(sorted(known))}"
        )
    values = {name: _coerce(name, value, known[name], path) for name, value in data.items()}
    try:
        return dataclasses.replace(DEFAULT_SETTINGS, **values)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc
