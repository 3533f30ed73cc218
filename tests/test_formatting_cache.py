"""The number formats keep Babel's text per value (issue 25: a report formats the same
figures thousands of times - chart ticks, page tables, workbook, Word draft, text - and
Babel parses its pattern on every call). The text is Babel's, value for value."""

from __future__ import annotations

import numpy as np
from babel.numbers import format_currency, format_decimal, format_percent

from analysis import formatting as fmt


def _values() -> list[float]:
    rng = np.random.default_rng(25)
    edges = [0.0, -0.0, 0.005, 0.015, 0.125, -0.125, 2.5, 3.5, 97.455, 97.465, 99.995, 100.0]
    edges += [3135828551.0, -1234567.891, 1e15, float("inf"), float("-inf"), 1 / 3]
    return edges + list(rng.uniform(-1e6, 1e9, 300)) + list(np.round(rng.uniform(0, 150, 300), 3))


def test_the_text_is_babels_for_every_value_in_either_order():
    values = _values()
    for order in (values, values[::-1]):  # -0.0 after 0.0 and before it
        fmt._babel.cache_clear()
        for v in order:
            assert fmt.angka(v) == format_decimal(v, format="#,##0", locale="id_ID"), v
            assert fmt.angka(v, 2) == format_decimal(v, format="#,##0.00", locale="id_ID"), v
            assert fmt.angka_ringkas(v) == format_decimal(v, format="#,##0.##", locale="id_ID")
            assert fmt.persen(v) == format_percent(v / 100.0, format="#,##0.00%", locale="id_ID")
            assert fmt.persen(v, 0) == format_percent(v / 100.0, format="#,##0%", locale="id_ID")
            assert fmt.rupiah(v) == format_currency(
                v, "IDR", format="¤ #,##0", currency_digits=False, locale="id_ID"
            )
    assert fmt.rupiah(3135828551) == "Rp 3.135.828.551"
    assert fmt.persen(97.456) == "97,46%"
    assert fmt.persen(None) == fmt.angka(float("nan")) == "-"


def test_a_repeated_figure_is_formatted_by_babel_once(monkeypatch):
    calls = []
    real = fmt.format_percent

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(fmt, "format_percent", counted)
    fmt._babel.cache_clear()
    texts = {fmt.persen(v) for v in [97.46, 97.46, np.float64(97.46), 97.46, 81.44] * 50}
    assert texts == {"97,46%", "81,44%"}
    assert len(calls) == 2
