"""One report's shared intermediate tables, computed once per process (issue 25).

A kecamatan report asks for the same roll-ups many times: the page's table, cards,
charts and written analysis, and then the workbook and the Word draft (built in the same
kernel, :mod:`analysis.reports.execution`) each call :func:`tercetak.banding_simpul`,
:func:`hierarchy_rows.simpul`, :func:`views.riwayat_iku`, :func:`gap_views.temuan`...
with the same arguments - five times for ``banding_simpul`` alone. :func:`sekali`
remembers a function's result for the arguments it was called with, so every caller
reads the one table the first caller made.

The key is the arguments: plain values (names, years, quarters) by value, everything
else (the processed :class:`~analysis.reports.loading.Tabel`, a frame, the settings) by
identity. The cache holds those objects weakly: it never keeps a table alive (a national
overview's filtered copy of the data goes when its caller is done), and an entry whose
object is gone is never read again (its identity may be reused). The processed tables
are one object per worker while their files are unchanged
(:func:`analysis.reports.loading.muat`), and a fresh ``ingest`` gives new objects and so
new keys. Only the last :data:`BATAS` results are kept (a batch worker moves from report
to report; a dashboard from kecamatan to kecamatan).

A caller gets a shallow copy of a cached frame (pandas copy-on-write: changing it
changes the caller's copy only), so no caller can alter what the next one reads.
"""

from __future__ import annotations

import functools
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

BATAS = 64
"""How many results are kept (the last used); one report needs about twenty."""

_NILAI = (str, int, float, bool, type(None))

_cache: OrderedDict[tuple, tuple[Any, tuple[Callable[[], object], ...]]] = OrderedDict()

F = TypeVar("F", bound=Callable[..., Any])


def _kunci(value: object) -> object:
    if isinstance(value, np.generic):  # a year read from a frame: numpy.int64
        value = value.item()
    if isinstance(value, _NILAI):
        return (type(value).__name__, value)
    return ("id", id(value))


def _salinan(value: Any) -> Any:
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def _lemah(value: object) -> Callable[[], object]:
    """A weak reference to ``value`` (a strong one for what cannot be referenced weakly)."""
    try:
        return weakref.ref(value)
    except TypeError:
        return lambda: value


def sekali(fn: F) -> F:
    """Decorate a function of (data, kecamatan, tahun, triwulan, ...) that computes a
    result from its arguments only: later calls with the same arguments get the first
    call's result (a shallow copy of it)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = (
            name,
            tuple(_kunci(a) for a in args),
            tuple(sorted((k, _kunci(v)) for k, v in kwargs.items())),
        )
        objects = [v for v in (*args, *kwargs.values()) if _kunci(v)[0] == "id"]
        hit = _cache.get(key)
        if hit is not None and all(r() is v for r, v in zip(hit[1], objects, strict=True)):
            _cache.move_to_end(key)
            return _salinan(hit[0])
        result = fn(*args, **kwargs)
        _cache[key] = (result, tuple(_lemah(v) for v in objects))
        _cache.move_to_end(key)
        while len(_cache) > BATAS:
            _cache.popitem(last=False)
        return _salinan(result)

    return wrapper  # type: ignore[return-value]


def kosongkan() -> None:
    """Forget every result (the tests; a kernel between reports need not)."""
    _cache.clear()
