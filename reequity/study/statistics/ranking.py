"""Fast row-wise average ranks and the exact Wilcoxon signed-rank distribution."""

from __future__ import annotations

import functools

import numpy as np
from scipy import special, stats

__all__ = [
    "row_ranks",
    "rank_rows",
    "sort_rows",
    "ranks_and_subset",
    "wilcoxon_plus",
    "wilcoxon_pvalue",
]


def row_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n_i within each row (NaN stays NaN), ties averaged like R's ``rank``.

    One ``argsort`` for all rows; only rows that actually hold ties fall back to
    ``scipy.stats.rankdata`` (ties are rare in continuous returns).
    """
    return _row_ranks_and_ties(x)[0]


def _row_ranks_and_ties(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`row_ranks` and, per row, whether it holds tied (non-NaN) values."""
    x = np.ascontiguousarray(x)
    n, t = x.shape
    order = np.argsort(_nan_last(x, False), axis=1)  # NaN sorts last; ties fixed below
    flat = (order + (np.arange(n) * t)[:, None]).ravel()
    ranks = np.empty(n * t)
    ranks[flat] = np.tile(np.arange(1.0, t + 1), n)
    ranks = ranks.reshape(n, t)
    ranks[np.isnan(x)] = np.nan
    srt = x.ravel()[flat].reshape(n, t)
    tied = (srt[:, 1:] == srt[:, :-1]).any(axis=1)
    if tied.any():
        ranks[tied] = stats.rankdata(x[tied], axis=1, nan_policy="omit")
    return ranks, tied


_BLOCK = 2048  # rows per block: bounded temporaries


def _nan_last(x: np.ndarray, clean: bool) -> np.ndarray:
    """``x`` with NaN as +inf when it holds NaN but no +inf: the same order of the
    values, NaN last, but numpy's vectorised sort (a NaN makes ``argsort`` fall back to a
    path about 8x slower); the NaN positions are masked again by the caller."""
    if clean or np.isposinf(x).any():
        return x
    return np.where(np.isnan(x), np.inf, x)


def sort_rows(x: np.ndarray) -> np.ndarray:
    """``np.sort(x, axis=1)`` (NaN last) through the vectorised sort when x holds NaN."""
    y = _nan_last(x, bool(np.isfinite(x).all()))
    if y is x:
        return np.sort(x, axis=1)
    out = np.sort(y, axis=1)
    out[np.arange(x.shape[1])[None, :] >= (~np.isnan(x)).sum(axis=1)[:, None]] = np.nan
    return out


def rank_rows(
    xb: np.ndarray, subset: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ranks, ranks within ``subset`` columns, medians and sorted ``subset`` values of rows.

    One ``argsort`` serves all four. Ranks are float32 (exact integers and halves); rows
    holding ties fall back to ``scipy.stats.rankdata`` (average ranks). The sorted subset
    values (n, subset.sum()) have each row's missing values last, as NaN (a cleaned
    estimation window: no second sort of the subset).
    Gathers and scatters use flat indices (several times faster than
    ``take_along_axis``/``put_along_axis``).
    """
    nb, t = xb.shape
    sub_cols = np.flatnonzero(subset)
    xb = np.ascontiguousarray(xb)
    clean = bool(np.isfinite(xb).all())  # the common case skips every NaN pass
    order = np.argsort(_nan_last(xb, clean), axis=1)  # NaN sorts last
    in_sub = subset[order]
    order += (np.arange(nb) * t)[:, None]  # flat indices in place: no second (n, T) array
    flat = order.ravel()
    srt = xb.ravel()[flat].reshape(nb, t)
    count = np.full(nb, t) if clean else (~np.isnan(srt)).sum(axis=1)
    rows = np.arange(nb)
    mid_lo, mid_hi = np.maximum((count - 1) // 2, 0), np.maximum(count // 2, 0)
    median = np.where(count > 0, 0.5 * (srt[rows, mid_lo] + srt[rows, mid_hi]), np.nan)
    tied = (srt[:, 1:] == srt[:, :-1]).any(axis=1)
    rb = np.empty(nb * t, dtype=np.float32)
    rb[flat] = np.tile(np.arange(1, t + 1, dtype=np.float32), nb)
    # NaN sorts last, so each row's subset values in sorted order end with its NaN: the
    # sorted subset (missing last) with one compress, before in_sub drops the NaN
    sub_sorted = srt[in_sub].reshape(nb, len(sub_cols))
    if not clean:
        in_sub &= ~np.isnan(srt)
    sb = np.empty(nb * t, dtype=np.float32)
    sb[flat] = np.cumsum(in_sub, axis=1, dtype=np.int32).ravel()  # int32: ~7x faster
    rb, sb = rb.reshape(nb, t), sb.reshape(nb, t)
    if not clean:
        nan = np.isnan(xb)
        rb[nan], sb[nan] = np.nan, np.nan
    sb = np.take(sb, sub_cols, axis=1)
    if tied.any():
        rb[tied] = stats.rankdata(xb[tied], axis=1, nan_policy="omit")
        sb[tied] = stats.rankdata(np.take(xb[tied], sub_cols, axis=1), axis=1, nan_policy="omit")
    return rb, sb, median, sub_sorted


def ranks_and_subset(
    x: np.ndarray, subset: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row ranks of ``x`` (n, T), ranks within the ``subset`` columns, and row medians.

    The second array (n, subset.sum()) ranks each row's ``subset`` values among
    themselves; the median ignores NaN. Blocks of rows through :func:`rank_rows`.
    """
    n, t = x.shape
    ranks = np.empty((n, t), dtype=np.float32)
    sub = np.empty((n, int(subset.sum())), dtype=np.float32)
    median = np.empty(n)
    for lo in range(0, n, _BLOCK):  # loop over blocks of rows, vectorised within
        b = slice(lo, lo + _BLOCK)
        ranks[b], sub[b], median[b], _ = rank_rows(x[b], subset)
    return ranks, sub, median


@functools.cache
def _signrank_counts(n: int) -> np.ndarray:
    """Number of sign patterns giving each W+ = 0..n(n+1)/2 (dynamic programming)."""
    counts = np.zeros(n * (n + 1) // 2 + 1)
    counts[0] = 1.0
    for k in range(1, n + 1):
        counts[k:] = counts[k:] + counts[: len(counts) - k].copy()
    return counts


def wilcoxon_plus(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """W+ per column of ``x`` (n, C), the number of non-zero values, and whether ties exist.

    Zeros and NaN are dropped (Wilcoxon's ``zero_method="wilcox"``).
    """
    a = np.abs(np.where(x == 0, np.nan, x))
    ranks, ties = _row_ranks_and_ties(a.T)  # one sort gives ranks and tie flags
    w_plus = np.where(x.T > 0, ranks, 0.0).sum(axis=1)
    n = np.isfinite(a).sum(axis=0)
    return w_plus, n, ties


def wilcoxon_pvalue(w_plus: float, n: int, ranks_sq_sum: float | None = None) -> float:
    """Two-sided p-value of W+: exact for n <= 50 without ties, else normal (as scipy).

    The normal approximation uses mean n(n+1)/4 and variance sum of squared ranks / 4
    (tie-corrected when ``ranks_sq_sum`` is given), no continuity correction.
    """
    if n == 0:
        return float("nan")
    if ranks_sq_sum is None and n <= 50:
        counts = _signrank_counts(n)
        total = counts.sum()
        k = int(round(w_plus))
        lower, upper = counts[: k + 1].sum() / total, counts[k:].sum() / total
        return float(min(1.0, 2 * min(lower, upper)))
    mean = n * (n + 1) / 4
    var = (n * (n + 1) * (2 * n + 1) / 24) if ranks_sq_sum is None else ranks_sq_sum / 4
    return float(2 * special.ndtr(-abs(w_plus - mean) / np.sqrt(var)))
