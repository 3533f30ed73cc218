"""What each column of a recognised table means: a quarter-less figure placed by its
siblings and the title, budget tables' plain quarter columns as money, an IKU sheet's plan
targets, and a code printed over several columns."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.errors import IngestError
from analysis.ingest.tables import annual, budget_change, percent_of
from analysis.ingest.tables.header_block import (
    IGNORED_FIELDS,
    Header,
    cell_texts,
    classify_composed,
)
from analysis.ingest.tables.headers import header_year
from analysis.ingest.tables.monthly import monthly_fields

KINERJA_WORDS = re.compile(r"(?i)kinerja|indikator|satuan|output|outcome")


def money_only(header: Header) -> Header:
    """A budget table: quarter figures under a plain TARGET / REALISASI / CAPAIAN are money.

    Seed 003 BAB IV prints ``ANGGARAN`` then ``TRIWULAN I`` over ``TARGET REALISASI
    CAPAIAN`` - the quarter's cash plan, spending and absorption - with no word saying
    so. When a table has a budget column and no header speaks of kinerja (no indikator,
    satuan, ``KINERJA`` group), its per-quarter target/realisasi/capaian columns are the
    budget's; a table with any kinerja header keeps them as kinerja.
    """
    fields = header.fields
    if not any(
        f in {"pagu", "anggaran_sd", "realisasi_anggaran"}
        or (f or "").startswith(("anggaran", "realisasi_anggaran"))
        for f in fields
    ):
        return header
    if any(KINERJA_WORDS.search(lab) for lab in header.labels if lab):
        return header
    money = []
    for f in fields:
        m = re.fullmatch(r"(target|realisasi|capaian)_tw(\d)", f or "")
        if f in QUARTERLESS_MONEY:
            # "ANGGARAN | REALISASI | CAPAIAN" (seed 003 BAB IV, monthly): the realisasi
            # is money spent and the capaian its serapan, never a kinerja figure
            money.append(QUARTERLESS_MONEY[f])
        elif not m:
            money.append(f)
        elif m.group(1) == "target":
            money.append(f"anggaran_tw{m.group(2)}")
        elif m.group(1) == "realisasi":
            money.append(f"realisasi_anggaran_tw{m.group(2)}")
        else:  # absorption of TW I alone is absorption up to TW I
            money.append("serapan_sd_tw1" if m.group(2) == "1" else None)
    return replace(header, fields=money)


QUARTERLESS_MONEY = {
    "realisasi": "realisasi_anggaran",
    "realisasi_sd": "realisasi_anggaran_sd",
    "capaian": "serapan",
}
"""A budget table's quarter-less realisasi and capaian, as the money they are."""


def with_plan_targets(header: Header) -> Header:
    """In an IKU sheet, a plan's target of a printed year (``Target Renstra`` /
    ``Tahun 2022 (n-2)``) is that year's target."""
    fields = list(header.fields)
    for c, (lab, f) in enumerate(zip(header.labels, fields, strict=True)):
        if f is None and lab and header_year(lab):
            fields[c] = classify_composed(lab, plans=True)
    return replace(header, fields=fields)


def resolve_columns(ctx, layout: str) -> tuple[dict[str, int], list[str]]:
    """Column index per field; quarter-less figures placed by layout and siblings."""
    header = ctx.header
    fields = percent_variants(ctx, budget_change.read(ctx, list(header.fields)))
    if layout == "1e" and header.context.get("bulan"):
        fields = monthly_fields(fields)
        for i, f in enumerate(fields):
            if f and f.startswith("serapan"):
                fields[i] = None
                ctx.out.notes.append(
                    f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {header.labels[i]!r} tidak "
                    "dibaca: tabel bulanan tidak menyimpan serapan tercetak (dihitung dari "
                    "anggaran dan realisasi)"
                )
    _responsible_columns(ctx, fields)
    q_title = ctx.header.context.get("triwulan")
    year_source = (
        annual.annual_source(_title_lines(ctx), ctx.grid.file.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if layout in {"1a", "1c"}
        and q_title is None
        and not any(re.search(r"_tw\d$", f or "") for f in fields)
        else None
    )
    if year_source is not None:
        q_title = 4
    present = set(f for f in fields if f)

    def only_quarter(prefix: str) -> int | None:
        qs = [int(f[-1]) for f in present if re.fullmatch(prefix + r"\d", f)]
        return qs[0] if len(set(qs)) == 1 else None

    def sibling_quarter(*stems: str) -> int | None:
        """The one quarter the sheet's cumulative columns name, else the title's."""
        for stem in stems:
            q = only_quarter(stem)
            if q is not None:
                return q
        return q_title if isinstance(q_title, int) else None

    # "TARGET TW I | REALISASI | % CAPAIAN" (Towuti sub kegiatan tables): the only quarter
    # the kinerja columns name is the quarter of the plain realisasi and capaian beside it
    beside_target = (
        only_quarter("target_tw")
        if "realisasi" in present
        and not any(
            re.fullmatch(r"(?:realisasi|capaian)(?:_sd)?_tw\d|target_sd_tw\d", x) for x in present
        )
        else None
    )
    for i, f in enumerate(fields):
        if f is None:
            continue
        if layout in {"1a", "1c"}:
            if f == "target":
                fields[i] = "target_tahunan"
            elif f == "realisasi" and beside_target is not None:
                fields[i] = f"realisasi_tw{beside_target}"
            elif f in {"realisasi", "realisasi_sd"}:
                q = sibling_quarter("realisasi_sd_tw", "target_sd_tw", "capaian_sd_tw")
                fields[i] = f"realisasi_sd_tw{q}" if q else None
            elif f == "capaian":
                q = only_quarter("realisasi_sd_tw")
                if q:
                    fields[i] = f"capaian_sd_tw{q}"
                elif (q := only_quarter("realisasi_tw")) is not None:
                    fields[i] = f"capaian_tw{q}"
                elif beside_target is not None:
                    fields[i] = f"capaian_tw{beside_target}"
                elif isinstance(q_title, int):
                    fields[i] = f"capaian_sd_tw{q_title}"
                else:
                    fields[i] = None
            elif f == "serapan":
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"serapan_sd_tw{q}" if q else None
            elif f in {"realisasi_anggaran", "realisasi_anggaran_sd"}:
                q = sibling_quarter("realisasi_anggaran_sd_tw", "anggaran_sd_tw")
                fields[i] = f"realisasi_anggaran_sd_tw{q}" if q else None
            elif f == "anggaran_sd":
                q = sibling_quarter("anggaran_sd_tw", "realisasi_anggaran_sd_tw")
                fields[i] = f"anggaran_sd_tw{q}" if q else None
        elif layout == "1e" and f == "pagu":
            fields[i] = "anggaran"
    generic = {
        "realisasi",
        "realisasi_sd",
        "capaian",
        "serapan",
        "realisasi_anggaran",
        "realisasi_anggaran_sd",
        "anggaran_sd",
    }
    year_read = [
        header.labels[i]
        for i, (before, after) in enumerate(zip(header.fields, fields, strict=True))
        if before in generic and after is not None
    ]
    if year_source is not None and year_read:
        ctx.out.notes.append(
            f"{ctx.grid.file}:{ctx.grid.sheet}: tabel tahunan ({year_source}, tanpa "
            "triwulan): " + ", ".join(repr(lab) for lab in year_read) + " dibaca sebagai "
            "angka setahun (s.d. Triwulan IV)"
        )
    for i, (before, after) in enumerate(zip(header.fields, fields, strict=True)):
        if before in generic and after is None and year_source is None and layout in {"1a", "1c"}:
            ctx.out.notes.append(
                f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {header.labels[i]!r} diabaikan: "
                "triwulannya tidak tertulis di judul kolom maupun judul tabel (laporan "
                "tahunan: tulis 'Tahunan' atau 'LKjIP' di judul tabel atau nama file)"
            )
    columns: dict[str, int] = {}
    duplicates: list[str] = []
    for i, f in enumerate(fields):
        if f is None or f in IGNORED_FIELDS:
            continue
        if f == "kode" and "kode" in columns and i - 1 in ctx.code_parts:
            ctx.code_parts.append(i)  # a code split over columns under one merged Kode
            continue
        if f in columns:
            duplicates.append(f)
            ctx.out.errors.append(
                IngestError(
                    f"dua kolom berarti sama ({f}): {header.labels[columns[f]]!r} dan "
                    f"{header.labels[i]!r}; hapus salah satu",
                    file=ctx.grid.file,
                    sheet=ctx.grid.sheet,
                    row=int(ctx.grid.rows[header.last]),
                    column=header.labels[i],
                )
            )
            continue
        columns[f] = i
        if f == "kode":
            ctx.code_parts = [i]
    _untitled_code_parts(ctx, header)
    return columns, duplicates


CODE_PART = r"\d{1,2}\.?|\d[.,]\d{2}"
"""One part of a code printed in its own column (``7``, ``01``, ``2.``, and the kegiatan part
``2.01`` / ``2,01`` as Renstra tables print it in one column)."""


def _untitled_code_parts(ctx, header: Header) -> None:
    """Untitled columns right of the Kode column whose cells are all code parts continue the
    code (``7 | 01 | 01 | 2 | 01 | 01``, as planning-system exports print it)."""
    if not ctx.code_parts:
        return
    c = ctx.code_parts[-1] + 1
    body = ctx.grid.cells.iloc[header.data_start :]
    while c < body.shape[1] and (c >= len(header.labels) or not header.labels[c]):
        col = body.iloc[:, c]
        text = col.astype("str").where(col.notna()).str.strip()
        text = text[text.notna() & (text != "")]
        if text.empty or not text.str.fullmatch(CODE_PART).all():
            break
        ctx.code_parts.append(c)
        c += 1


PERCENT_OF = {
    "realisasi": "capaian",
    "realisasi_anggaran": "serapan",
}
"""A percent column beside the figure it is the percentage of (``Realisasi`` over
``Jumlah | %``, ``Realisasi Anggaran (Rp)`` | ``(%)``) is that figure's capaian."""


def _percent(label: str) -> bool:
    return "%" in label or bool(re.search(r"(?i)\bpersen", label))


def percent_variants(ctx, fields: list[str | None]) -> list[str | None]:
    """Columns naming one field twice, once plain and once in percent, read as what the
    percent one is: the capaian of a realisasi (``Realisasi / %``), the serapan of a
    realisasi anggaran, and, for a target printed again in percent (``Target`` beside
    ``Target Kinerja(%)``), nothing - noted, since the plain target is the figure - unless
    its figures are realisasi / target on every row: then it is the capaian
    (:mod:`analysis.ingest.tables.percent_of`)."""
    labels = ctx.header.labels
    out = list(fields)
    for f in {f for f in fields if f and f not in IGNORED_FIELDS}:
        cols = [i for i, g in enumerate(fields) if g == f]
        plain = [i for i in cols if not _percent(labels[i])]
        if len(cols) < 2 or len(plain) != 1:
            continue
        m = re.fullmatch(r"(target|realisasi_anggaran|realisasi)((?:_sd)?(?:_tw\d)?)", f)
        for i in cols:
            if i in plain or m is None:
                continue
            kind, period = m.groups()
            if kind == "target":
                real = percent_of.realisasi_beside(fields, period)
                new = "capaian" + period
                if (
                    real is not None
                    and new not in fields
                    and new not in out
                    and percent_of.is_capaian_of(ctx, i, plain[0], real)
                ):
                    out[i] = new
                    reason = (
                        f"dibaca sebagai capaian: di setiap baris = {labels[real]!r} / "
                        f"{labels[plain[0]]!r} x 100"
                    )
                    ctx.out.notes.append(
                        f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {labels[i]!r} {reason}"
                    )
                    continue
                out[i] = None
                reason = f"target dalam persen di samping {labels[plain[0]]!r}"
            else:
                new = PERCENT_OF[kind] + period
                if new.startswith("serapan") and period.startswith("_tw"):
                    new = "serapan_sd" + period
                if new in fields or new in out:
                    out[i] = None
                    reason = f"persentase {labels[plain[0]]!r}, sudah ada kolom {new}"
                else:
                    out[i] = new
                    continue
            ctx.out.notes.append(
                f"{ctx.grid.file}:{ctx.grid.sheet}: kolom {labels[i]!r} diabaikan: {reason}"
            )
    return out


def _responsible_columns(ctx, fields: list[str | None]) -> None:
    """Who is responsible (``Pejabat``, ``Penanggung Jawab``) is not a figure: named in a
    note so that the planner sees the column was seen and left out."""
    names = [ctx.header.labels[i] for i, f in enumerate(fields) if f == "penanggung_jawab"]
    if names:
        ctx.out.notes.append(
            f"{ctx.grid.file}:{ctx.grid.sheet}: kolom penanggung jawab diabaikan (nama, "
            "bukan angka): " + ", ".join(repr(n) for n in names)
        )


def _title_lines(ctx) -> list[str]:
    """The title rows above the header, each as one line."""
    lines = []
    for r in range(ctx.header.first):
        line = " ".join(t for t in cell_texts(ctx.grid.cells.iloc[r]) if t)
        if line:
            lines.append(line)
    return lines
