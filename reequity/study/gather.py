"""Event-time panels from wide returns: each firm-event's returns around its day 0.

Both functions return (n, L) security returns and (n, L + 2 pad) benchmark returns,
NaN where there is no trading day; they work in chunks of firm-events so no (n, L)
index temporaries are made (peak memory is time on a VM: first-touch page faults).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["gather_rows", "gather_windows"]

_CHUNK = 8192  # firm-events per chunk


def gather_rows(
    vals: np.ndarray,
    bvals: np.ndarray,
    rows: np.ndarray,
    col: np.ndarray,
    bcol: np.ndarray,
    pad: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Returns (n, L) and benchmark returns (n, L + 2 pad) in event time, NaN off the data.

    Chunks of firm-events, so the index temporaries stay small (peak memory).
    """
    n, width = rows.shape
    ret, bench = np.empty((n, width - 2 * pad)), np.empty((n, width))
    for lo in range(0, n, _CHUNK):
        b = slice(lo, lo + _CHUNK)
        r = rows[b]
        miss = r < 0
        chunk = vals[r[:, pad : width - pad], col[b, None]]  # -1 rows blanked next
        chunk[miss[:, pad : width - pad]] = np.nan
        ret[b] = chunk
        chunk = bvals[r, bcol[b, None]]
        chunk[miss] = np.nan
        bench[b] = chunk
    return ret, bench


def gather_windows(
    vals: np.ndarray | Sequence[tuple[np.ndarray, np.ndarray]],
    bvals: np.ndarray,
    pos: np.ndarray,
    col: np.ndarray,
    bcol: np.ndarray,
    ext: np.ndarray,
    pad: int,
) -> tuple[np.ndarray, np.ndarray]:
    """As :func:`gather_rows` when the trading days are the rows of ``returns``.

    Each firm-event's event-time returns are one run of consecutive rows of its column,
    so they are read as windows of the returns (padded with NaN rows, "no trading day",
    on both sides only when some window runs past the data): a copy per firm-event, no
    (n, L) index array. ``vals`` is the (days, tickers) array or its parts
    ``[(values (days, k), column positions (k,)), ...]``
    (:func:`~reequity.study.frame_views.float_views`: a frame's blocks, not copied).
    """
    parts = [(vals, np.arange(vals.shape[1]))] if isinstance(vals, np.ndarray) else list(vals)
    nd, width = bvals.shape[0], len(ext)
    first = pos + ext[0]  # data row of each firm-event's first tau
    inside = len(first) == 0 or (first.min() >= 0 and first.max() + width <= nd)
    # every window inside the data (the usual case): read the returns themselves, no
    # padded copy of the whole (days x tickers) array (copy and first-touch time)
    if inside:
        pad_rows, start = 0, first
    else:  # index into the rows padded with ``width`` NaN rows on each side
        pad_rows, start = width, np.clip(first + width, 0, nd + width)

    def windows(v: np.ndarray, rows: np.ndarray, cols: np.ndarray, skip: int) -> np.ndarray:
        padded = v
        if pad_rows:
            padded = np.full((nd + 2 * pad_rows, v.shape[1]), np.nan)
            padded[pad_rows : pad_rows + nd] = v
        view = np.lib.stride_tricks.sliding_window_view(padded, width - 2 * skip, axis=0)
        return view[rows + skip, cols]

    bench = windows(bvals, start, bcol, 0)
    local = np.empty(sum(len(locs) for _, locs in parts), dtype=np.intp)
    which = np.empty(len(local), dtype=np.intp)
    for k, (_, locs) in enumerate(parts):
        local[locs], which[locs] = np.arange(len(locs)), k
    part = which[col]
    if len(part) == 0 or (part == part[0]).all():  # every firm in one block: one read
        v = parts[int(part[0]) if len(part) else 0][0]
        return windows(v, start, local[col], pad), bench
    ret = np.empty((len(col), width - 2 * pad))
    for k, (v, _) in enumerate(parts):
        sel = np.flatnonzero(part == k)
        if len(sel):
            ret[sel] = windows(v, start[sel], local[col[sel]], pad)
    return ret, bench
