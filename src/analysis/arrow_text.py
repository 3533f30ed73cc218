"""Questions about Arrow text columns answered from their buffers, without a copy."""

from __future__ import annotations

import numpy as np
import pyarrow as pa


def any_edge_byte(
    column: pa.ChunkedArray, first: np.ndarray | None, last: np.ndarray | None = None
) -> bool:
    """Whether a non-empty value of ``column`` starts with a byte marked in ``first`` or
    ends with one marked in ``last`` (each a table of 256 booleans, or ``None``).

    Reads the first and last byte of every value straight from the offsets and data
    buffers: a column of millions of ordinary names costs a few numpy steps instead of a
    regex pass and a copy. Null slots may hold bytes only in theory; a ``True`` is meant
    to send the column through the exact (slower) path, never to decide alone.
    """
    for chunk in column.chunks:
        n = len(chunk)
        if n == 0 or chunk.null_count == n:
            continue
        _, offsets_buf, data_buf = chunk.buffers()
        if data_buf is None or data_buf.size == 0:
            continue
        wide = pa.types.is_large_string(chunk.type)
        offsets = np.frombuffer(offsets_buf, dtype=np.int64 if wide else np.int32)
        offsets = offsets[chunk.offset : chunk.offset + n + 1]
        data = np.frombuffer(data_buf, dtype=np.uint8)
        starts, ends = offsets[:-1], offsets[1:]
        filled = ends > starts
        if first is not None and first[data[starts[filled]]].any():
            return True
        if last is not None and last[data[ends[filled] - 1]].any():
            return True
    return False
