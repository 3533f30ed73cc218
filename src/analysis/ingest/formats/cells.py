"""Read the numbers people type into report cells, a whole column at a time.

Kecamatan spreadsheets mix Indonesian numbers (``3.135.828.551``, ``97,46``,
``4.094.740.600,00``), English ones (``6,403,000``, ``80.1``) and float noise
(``80.099999999999994``); cells carry units (``12 Laporan``, ``100%``), money prefixes
(``Rp.``), quarter labels (``TW 1 : 3``) and stray characters (``\\100%``); ``-`` means
"no value". This module turns a column of such cells into floats plus the unit and
quarter label it found, and says - per cell - why a cell cannot be read instead of
guessing. Everything is vectorised with ``Series.str`` so a national-scale column of
hundreds of thousands of cells parses in milliseconds, with a fast path for columns
that are already clean numbers.

Separator rule (data contract, section 1): with both ``.`` and ``,`` present, the last
one is the decimal mark and the other must group thousands by three. A lone ``.``
followed by exactly three digits groups thousands (``1.542`` = 1542) unless the part
before it is ``0`` (``0.125``); otherwise it is a decimal point (``1.47``). In a column
that uses decimal points elsewhere (``2.5``, ``0.75``, ``6,403,000``) such a cell is
ambiguous and an error, not a guess. A lone
``,`` followed by exactly three digits is read like the dot, unless the column shows
Indonesian decimal commas elsewhere (``97,46``) and no English decimal points, in which
case it is a decimal comma; any other lone ``,`` is a decimal comma (``97,46``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.ingest.formats import no_value

NO_VALUE_TEXT = (
    r"(?:|-+|–+|—+|−+|_+|\.|n/?a|#div/0!|#n/a|#value!|#ref!|#num!|#null!|"
    + "|".join(no_value.WORDS + no_value.GRADES)
    + ")"
)
"""Cells meaning "no value": empty, dashes, ``n/a``, ``tidak ada`` (the written forms in
:data:`analysis.ingest.formats.no_value.WORDS`, noted per sheet) and Excel error results.

Excel error results (``#DIV/0!`` in Towuti Tabel III, a serapan of a zero budget) are
what the author's own formula produced for "no figure"; they are read as empty.
"""

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}

_QUARTER_LABEL = r"(?:tw|triwulan|trw|tri|q)\s*[.\-]?\s*(?P<q>\d+|[ivx]+)\b\s*[:=.\-]?\s*"

_CELL = re.compile(
    r"^(?:" + _QUARTER_LABEL + r")?"
    r"(?:rp\.?\s*)?"
    r"(?P<sign>[-−+])?\s*"
    r"(?P<num>\d(?:[\d.,]*\d)?)"
    r"(?:,-+)?"
    r"\s*(?P<rest>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)

_ONLY_LABEL = re.compile(r"^(?:" + _QUARTER_LABEL + r")$", re.IGNORECASE)

_STRAY = r"^[\\'`´‘’\"“”*]+|[\\'`´‘’\"“”*]+$"
"""Stray characters around a number (``\\100%``, Excel's text prefix ``'``)."""

PARSED_COLUMNS = ["value", "unit", "quarter", "error"]

DIGIT_LOOKALIKES = {"O": "0", "o": "0", "I": "1", "l": "1"}
"""Letters typed in place of digits (``1OO``). Glued to a number they would be read as a
unit and the number cut short (``1OO`` as 1), so such a cell is refused instead."""

TRAILING_SIGNS = "-\u2212\u2013\u2014"
"""Dashes that, typed after a number (``5-``), read as a sign: refused, never dropped."""

MAX_INTEGER_DIGITS = 15
"""Digits before the decimal mark a figure may have. float64 holds 15 digits exactly; a
longer number (a pasted account number, ``1`` x 400 read as ``inf``) is no budget or
target, and storing it rounded or infinite would be a silently wrong figure."""


def normalise_text(raw: pd.Series) -> pd.Series:
    """Strings of a column with non-breaking spaces and line breaks as plain spaces."""
    text = raw.astype("str") if raw.dtype != "str" else raw
    return text.str.replace(r"[\u00a0\u2007\u202f\s]+", " ", regex=True).str.strip()


def _is_text(values: pd.Series) -> pd.Series:
    """Which cells of an object column hold strings (vs numbers typed in Excel)."""
    return values.map(lambda v: isinstance(v, str), na_action="ignore").fillna(False).astype(bool)


def _empty_result(index: pd.Index) -> pd.DataFrame:
    n = len(index)
    return pd.DataFrame(
        {
            "value": np.full(n, np.nan),
            "unit": np.full(n, None, dtype=object),
            "quarter": pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool)),
            "error": np.full(n, None, dtype=object),
        },
        index=index,
    )


def _refuse_misread(parse: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Check what :func:`parse_numbers` read for the ways a cell is read wrong in silence."""

    @functools.wraps(parse)
    def checked(raw: pd.Series, **kwargs: object) -> pd.DataFrame:
        out = parse(raw, **kwargs)
        _mark_misread(raw, out)
        return out

    return checked


_LOOKALIKE = "[" + re.escape("".join(DIGIT_LOOKALIKES)) + "]"
_LOOKALIKE_UNIT = re.compile(r"^[.,]?" + _LOOKALIKE + r"+(?:[.,]" + _LOOKALIKE + r"+)*\s*%?$")
_GLUED_LOOKALIKE = re.compile(r"\d[.,]?" + _LOOKALIKE)


def _mark_misread(raw: pd.Series, out: pd.DataFrame) -> None:
    """Refuse, in place, values read from a cell that holds more than the value read.

    * a figure with more than :data:`MAX_INTEGER_DIGITS` digits (or infinite);
    * a number followed by a dash (``5-``: the sign in the wrong place, not "+5");
    * a number glued to letters that look like digits (``1OO``, ``10O%``: not 1 or 10).

    The unit column is set only where text followed the number, so the text checks look
    at those few cells only; clean numeric columns cost one comparison.
    """
    value = out["value"]
    big = value.notna() & ~(value.abs() < 10.0**MAX_INTEGER_DIGITS)
    if big.any():
        out.loc[big, "error"] = (
            f"angka terlalu besar (lebih dari {MAX_INTEGER_DIGITS} digit); periksa isi sel"
        )
        out.loc[big, "value"] = np.nan
    unit = out["unit"]
    has_unit = unit.notna() & out["error"].isna()
    if not has_unit.any():
        return
    text = unit[has_unit].astype("str").str.strip()
    minus = text.str.match("^[" + TRAILING_SIGNS + "]")
    cells_text = raw[has_unit].astype("str")
    letter = text.str.extract("(" + _LOOKALIKE + ")", expand=False)
    lookalike = text.str.match(_LOOKALIKE_UNIT.pattern) & cells_text.str.contains(
        _GLUED_LOOKALIKE.pattern, regex=True
    )
    reasons = pd.Series(None, index=text.index, dtype=object)
    reasons[minus] = "tanda minus di belakang angka; tulis di depan (-5) bila negatif, atau hapus"
    reasons[lookalike & ~minus] = letter[lookalike & ~minus].map(
        lambda c: f"huruf {c!r} di dalam angka (mirip angka {DIGIT_LOOKALIKES[c]}); ketik angkanya"
    )
    bad = reasons.notna().to_numpy()
    if bad.any():
        # by position: a column may repeat index labels
        rows = np.flatnonzero(has_unit.to_numpy())[bad]
        out.iloc[rows, out.columns.get_loc("error")] = reasons.to_numpy()[bad]
        out.iloc[rows, out.columns.get_loc("value")] = np.nan
        out.iloc[rows, out.columns.get_loc("unit")] = None


@_refuse_misread
def parse_numbers(
    raw: pd.Series,
    *,
    allow_quarter: bool | pd.Series = True,
    tables: pd.Series | None = None,
) -> pd.DataFrame:
    """Parse a column of cells into ``value`` (float), ``unit``, ``quarter`` and ``error``.

    ``error`` is empty where the cell was read (including "no value" cells) and holds
    the reason (Indonesian, for the planner) where it was not; ``value`` is NaN there.
    Typed numbers from Excel pass through untouched; only text is parsed.

    ``tables`` (labels like ``raw``'s) says which table's column each cell comes from when
    the cells of many columns are parsed at once: what a column shows elsewhere
    (Indonesian decimal commas, see the module doc) is then judged within that column;
    ``allow_quarter`` may then also be given per cell.
    """
    out = _empty_result(raw.index)
    if len(raw) == 0 or raw.isna().all():
        return out
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        out["value"] = raw.astype("float64")
        return out
    if raw.dtype == "str" and (fast := _all_simple(raw)) is not None:
        out["value"] = fast
        return out
    if raw.dtype != object:
        text_mask = raw.notna()
    else:
        text_mask = _is_text(raw)
        typed = raw[~text_mask & raw.notna()]
        if len(typed):
            nums = pd.to_numeric(typed, errors="coerce")
            out.loc[nums.index, "value"] = nums.astype("float64")
            bad = nums.isna()
            if bad.any():
                out.loc[nums.index[bad], "error"] = "bukan angka"
    if not text_mask.any():
        return out
    parsed = _parse_text(raw[text_mask].astype("str"), allow_quarter=allow_quarter, tables=tables)
    _assign(out, parsed)
    return out


def _assign(out: pd.DataFrame, parsed: pd.DataFrame) -> None:
    """Copy ``parsed``'s columns into the rows of ``out`` with the same labels.

    Column by column and by position: a frame-valued ``.loc`` assignment into the nullable
    ``quarter`` column trips over pandas' label alignment (found by tests/test_fuzz.py).
    """
    rows = out.index.get_indexer(parsed.index)
    for col in PARSED_COLUMNS:
        out.iloc[rows, out.columns.get_loc(col)] = parsed[col].array


_SIMPLE = r"-?(?:0|[1-9]\d*)(?:\.(?:\d{1,2}|\d{4,}))?|-?0\.\d+"
"""Plain machine-written numbers ("12", "-3.5", "80.1") - but a lone dot before exactly
three digits is a thousands mark by contract, so it is excluded."""


def _all_simple(raw: pd.Series) -> np.ndarray | None:
    """Floats of an Arrow string column whose every cell is a plain number, else ``None``.

    The common national-scale case (machine-written CSV): one regex pass and one cast in
    Arrow, no intermediate frames; missing cells stay NaN.
    """
    arr = pa.array(raw, from_pandas=True)
    simple = pc.match_substring_regex(arr, "^(?:" + _SIMPLE + ")$")
    if not pc.all(simple, skip_nulls=True).as_py():
        return None
    return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)


def _parse_text(
    text: pd.Series, *, allow_quarter: bool | pd.Series, tables: pd.Series | None = None
) -> pd.DataFrame:
    out = _empty_result(text.index)
    if text.dtype != "str":
        text = text.astype("str")
    # Fast path: plain numbers (see _SIMPLE)
    simple = text.str.fullmatch(_SIMPLE)
    if simple.all():
        out["value"] = _to_float(text)
        return out
    out.loc[simple, "value"] = _to_float(text[simple])
    rest_idx = text.index[~simple]
    if len(rest_idx) == 0:
        return out
    s = normalise_text(text.loc[rest_idx])
    r = s.str.replace(_STRAY, "", regex=True).str.strip()
    none = r.str.fullmatch(NO_VALUE_TEXT, case=False)
    r = r[~none]
    if len(r) == 0:
        return out
    label_only = r.str.fullmatch(_ONLY_LABEL.pattern, case=False)
    if label_only.any():
        q_only = r[label_only].str.extract(_ONLY_LABEL.pattern, flags=re.IGNORECASE)["q"]
        out.loc[q_only.index, "quarter"] = _quarter_numbers(q_only)
    r = r[~label_only]
    if len(r) == 0:
        return _check_quarters(out, allow_quarter)
    parts = r.str.extract(_CELL.pattern, flags=re.IGNORECASE | re.DOTALL)
    unmatched = parts["num"].isna()
    out.loc[parts.index[unmatched], "error"] = "bukan angka"
    parts = parts[~unmatched]
    if len(parts):
        # decimal points among the plain cells of the same column count as its usage
        simple_dot = simple & text.str.contains(".", regex=False)
        if tables is None:
            dot_elsewhere: bool | set = bool(simple_dot.any())
        else:
            dot_elsewhere = set(tables.loc[simple_dot[simple_dot].index].tolist())
        values, errors = _numbers_from_digits(parts["num"], tables, dot_elsewhere)
        sign = parts["sign"].fillna("")
        negative = sign.isin(["-", "−"])
        values = values.where(~negative, -values)
        rest = parts["rest"].fillna("").str.strip()
        percent = rest.str.startswith("%")
        unit = rest.where(~percent, "%")
        after_percent = rest.str.slice(1).str.strip().where(percent, "")
        extra_number = unit.str.contains(r"\d", regex=True) | after_percent.str.contains(
            r"\d", regex=True
        )
        errors = errors.mask(errors.isna() & extra_number, "sel berisi lebih dari satu angka")
        out.loc[parts.index, "value"] = values.where(errors.isna())
        out.loc[parts.index, "unit"] = unit.where(unit != "")
        out.loc[parts.index, "error"] = errors
        has_q = parts["q"].notna()
        if has_q.any():
            out.loc[parts.index[has_q], "quarter"] = _quarter_numbers(parts.loc[has_q, "q"])
    return _check_quarters(out, allow_quarter)


def _to_float(text: pd.Series) -> np.ndarray:
    """Plain number strings to floats, in Arrow when the column is Arrow-backed (fast)."""
    try:
        arr = pa.array(text, from_pandas=True)
        return pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64")


def _check_quarters(out: pd.DataFrame, allow_quarter: bool | pd.Series) -> pd.DataFrame:
    q = out["quarter"]
    bad = q.notna() & ~q.isin([1, 2, 3, 4])
    if bad.any():
        out.loc[bad, "error"] = "label triwulan di luar TW 1..4"
        out.loc[bad, "value"] = np.nan
    if isinstance(allow_quarter, pd.Series):
        refused = ~allow_quarter.reindex(out.index).fillna(True).astype(bool)
    else:
        refused = pd.Series(not allow_quarter, index=out.index)
    labelled = q.notna() & ~bad & refused
    if labelled.any():
        out.loc[labelled, "error"] = "label triwulan tidak diharapkan di kolom ini"
        out.loc[labelled, "value"] = np.nan
    return out


def _quarter_numbers(labels: pd.Series) -> pd.Series:
    low = labels.str.lower()
    roman = low.map(_ROMAN)
    digits = pd.to_numeric(low.where(low.str.fullmatch(r"\d+")), errors="coerce")
    # An unknown roman numeral (e.g. "xv") becomes 99 so that it is rejected as out of range.
    return roman.fillna(digits).fillna(99).astype("Int64")


AMBIGUOUS_DOT = (
    "titik diikuti tiga angka di kolom yang memakai titik desimal (mis. 2.5): ribuan atau "
    "desimal tidak dapat dipastikan; tulis tanpa pemisah ribuan (1500) atau dengan koma "
    "desimal (1,5)"
)


AMBIGUOUS_MIXED = (
    "titik diikuti tiga angka di kolom yang memakai koma desimal (mis. 72,97) dan titik "
    "desimal (mis. 59.89): ribuan atau desimal tidak dapat dipastikan; dibaca tanpa nilai - "
    "periksa sumbernya dan tulis tanpa pemisah ribuan (1500) atau dengan koma desimal (1,5)"
)
"""The reason of an ambiguous cell in a column of both conventions: not an error but a
finding (``pemisah_ambigu``, see ``tables.extraction``); the row is kept, the figure empty -
except in a column of one quarter alone, whose figure later s/d figures add up: there it
stays the error :data:`AMBIGUOUS_DOT`."""


def _numbers_from_digits(
    num: pd.Series, tables: pd.Series | None = None, dot_elsewhere: bool | set = False
) -> tuple[pd.Series, pd.Series]:
    """Convert digit strings with ``.``/``,`` separators to floats (see module doc).

    ``tables``: the table of each cell (labels like ``num``'s); the column's other cells
    that decide a lone ``,`` before three digits are those of the same table.
    ``dot_elsewhere``: whether (or, with ``tables``, in which tables) the column's plain
    cells, parsed before, show decimal points."""
    dots = num.str.count(r"\.")
    commas = num.str.count(",")
    plain = pd.Series(pd.NA, index=num.index, dtype="str")
    error = pd.Series(pd.NA, index=num.index, dtype="str")

    none = (dots == 0) & (commas == 0)
    plain[none] = num[none]

    both = (dots > 0) & (commas > 0)
    if both.any():
        last_dot = num.str.rfind(".")
        last_comma = num.str.rfind(",")
        indo = both & (last_comma > last_dot)
        eng = both & (last_dot > last_comma)
        ok_indo = indo & num.str.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+")
        ok_eng = eng & num.str.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+")
        plain[ok_indo] = num[ok_indo].str.replace(".", "", regex=False).str.replace(",", ".")
        plain[ok_eng] = num[ok_eng].str.replace(",", "", regex=False)
        bad = both & ~(ok_indo | ok_eng)
        error[bad] = "pemisah ribuan/desimal tidak konsisten"

    # each separator pattern is matched only where cells have it (most columns hold few)
    none_of = pd.Series(False, index=num.index)
    many_dots = (dots > 1) & (commas == 0)
    if many_dots.any():
        ok = many_dots & num.str.fullmatch(r"\d{1,3}(?:\.\d{3})+")
        plain[ok] = num[ok].str.replace(".", "", regex=False)
        error[many_dots & ~ok] = "pemisah ribuan tidak dalam kelompok tiga angka"

    many_commas = (commas > 1) & (dots == 0)
    if many_commas.any():
        ok = many_commas & num.str.fullmatch(r"\d{1,3}(?:,\d{3})+")
        plain[ok] = num[ok].str.replace(",", "", regex=False)
        error[many_commas & ~ok] = "pemisah ribuan tidak dalam kelompok tiga angka"

    one_dot = (dots == 1) & (commas == 0)
    dot_thousands = none_of
    if one_dot.any():
        dot_thousands = one_dot & num.str.fullmatch(r"[1-9]\d{0,2}\.\d{3}")
        plain[dot_thousands] = num[dot_thousands].str.replace(".", "", regex=False)
    dot_decimal = one_dot & ~dot_thousands
    if dot_decimal.any():
        plain[dot_decimal] = num[dot_decimal]

    if dot_thousands.any():
        # the column's own decimal points (``2.5``, ``0.75``, ``6,403,000``) make ``1.500``
        # either 1.5 or 1500: refused, not guessed
        english = (
            (one_dot & ~dot_thousands)
            | many_commas
            | (both & (num.str.rfind(".") > num.str.rfind(",")))
        )
        if tables is None:
            dot_column = pd.Series(bool(english.any()) or bool(dot_elsewhere), index=num.index)
        else:
            table = tables.loc[num.index]
            dot_column = english.astype(bool).groupby(table.to_numpy()).transform("any")
            if dot_elsewhere:
                dot_column |= table.isin(dot_elsewhere).to_numpy()
        ambiguous = dot_thousands & dot_column
        plain[ambiguous] = pd.NA
        error[ambiguous] = AMBIGUOUS_DOT
        # a column that also writes Indonesian decimal commas (``72,97`` beside ``59.89``:
        # values typed by many hands, an application's migration) follows no convention a
        # fix could name: the cell is no value with a finding, not an error losing the table
        indonesian = (((commas == 1) & (dots == 0)) & ~num.str.fullmatch(r"\d{1,3},\d{3}")) | (
            both & (num.str.rfind(",") > num.str.rfind("."))
        )
        if tables is None:
            mixed = pd.Series(bool(indonesian.any()), index=num.index)
        else:
            mixed = indonesian.astype(bool).groupby(table.to_numpy()).transform("any")
        error[ambiguous & mixed] = AMBIGUOUS_MIXED

    one_comma = (commas == 1) & (dots == 0)
    comma_three = none_of
    if one_comma.any():
        comma_three = one_comma & num.str.fullmatch(r"[1-9]\d{0,2},\d{3}")
    comma_decimal = one_comma & ~comma_three
    if comma_decimal.any():
        plain[comma_decimal] = num[comma_decimal].str.replace(",", ".", regex=False)
    if comma_three.any():
        indonesian = comma_decimal | (many_dots & num.str.fullmatch(r"\d{1,3}(?:\.\d{3})+"))
        english = (dot_decimal & ~num.str.fullmatch(r"0\.\d+")) | many_commas
        if tables is None:
            decimal = pd.Series(bool(indonesian.any()) and not bool(english.any()), index=num.index)
        else:
            table = tables.loc[num.index].to_numpy()
            decimal = indonesian.astype(bool).groupby(table).transform("any") & ~english.astype(
                bool
            ).groupby(table).transform("any")
        as_decimal = comma_three & decimal
        plain[as_decimal] = num[as_decimal].str.replace(",", ".", regex=False)
        as_thousands = comma_three & ~decimal
        plain[as_thousands] = num[as_thousands].str.replace(",", "", regex=False)

    values = pd.to_numeric(plain, errors="coerce").astype("float64")
    error = error.mask(error.isna() & values.isna(), "bukan angka")
    return values, error


def split_value_unit(raw: pd.Series) -> pd.DataFrame:
    """Read ``12 Laporan`` / ``100%`` / ``Dokumen`` cells: a number with its unit, or a unit.

    The SATUAN column of the form layout (seed 000) holds the annual target with its
    unit; elsewhere it holds only the unit. A cell with no leading number keeps its
    text as the unit and no value; everything else follows :func:`parse_numbers`.
    """
    out = _empty_result(raw.index)
    if len(raw) == 0:
        return out
    text = raw.where(raw.isna(), raw.astype("str")) if raw.dtype == object else raw
    if pd.api.types.is_numeric_dtype(text.dtype):
        out["value"] = text.astype("float64")
        return out
    s = normalise_text(text.astype("str")).str.replace(_STRAY, "", regex=True)
    s = s.where(raw.notna())
    starts_with_number = s.str.match(r"^(?:rp\.?\s*)?[-−+]?\s*\d", case=False).fillna(False)
    words = s[~starts_with_number.astype(bool) & s.notna()]
    words = words[~words.str.fullmatch(NO_VALUE_TEXT, case=False)]
    out.loc[words.index, "unit"] = words
    numeric = s[starts_with_number.astype(bool)]
    if len(numeric):
        parsed = parse_numbers(numeric.astype("str"), allow_quarter=False)
        _assign(out, parsed)
    return out


_QUARTER_SPLIT = re.compile(
    r"((?:tw|triwulan|trw|q)\s*[.\-]?\s*(?:\d+|[ivx]+)\b\s*[:=.\-]?)", re.IGNORECASE
)


def split_quarter_cell(text: str) -> list[tuple[int | None, str]]:
    """Split ``TW 1 : 0 TW 2 : 0 TW 3 : 1`` into ``[(1, "0"), (2, "0"), (3, "1")]``.

    Used by the form layout for cells where several quarters were typed into one cell
    (seed 000, Kegiatan Administrasi Keuangan). A quarter whose value is empty
    (``TW 2 :``) gives ``""``. Roman numerals are read; ``None`` marks an unknown label.
    Text before the first label is returned with quarter ``None``.
    """
    pieces = _QUARTER_SPLIT.split(text)
    items: list[tuple[int | None, str]] = []
    if pieces[0].strip():
        items.append((None, pieces[0].strip()))
    for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
        token = re.sub(r"^(?:tw|triwulan|trw|q)\s*[.\-]?\s*", "", label, flags=re.IGNORECASE)
        token = re.sub(r"\s*[:=.\-]?$", "", token).strip().lower()
        number = int(token) if token.isdigit() else _ROMAN.get(token)
        items.append((number, value.strip()))
    return items
