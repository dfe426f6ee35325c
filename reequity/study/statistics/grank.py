"""Generalized rank test (GRANK) of Kolari and Pynnonen (2011).

Each firm's estimation SARs are ranked once (:mod:`reequity.study.perfirm`); appending
the event-day value v_i only shifts the ranks above it, so each test column needs the
count of estimation SARs below v_i (binary search in the sorted rows) and, per
estimation day, the weighted number of firms whose rank moved.
"""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, t_p

__all__ = ["grank", "grank_counts"]

_BLOCK = 1024  # rows per block in the shift counts


def _flat_rows(srt: np.ndarray) -> tuple[np.ndarray, int]:
    """A 1-D view over the rows of ``srt`` (which may be a column slice) and its row step."""
    if srt.strides[1] != srt.itemsize:
        srt = np.ascontiguousarray(srt)
    step = srt.strides[0] // srt.itemsize if srt.shape[0] > 1 else srt.shape[1]
    length = (srt.shape[0] - 1) * step + srt.shape[1] if srt.shape[0] else 0
    return np.lib.stride_tricks.as_strided(srt, (length,), (srt.itemsize,), writeable=False), step


def _count_below(srt: np.ndarray, m: np.ndarray, v: np.ndarray, *, strict: bool) -> np.ndarray:
    """How many of row i's m_i sorted values are < v_ic (or <= v_ic): binary search.

    ``srt`` is (n, M) sorted ascending with NaN last, ``v`` is (n, C); returns (n, C).
    All rows and columns are searched together with power-of-two steps (a fixed number
    of branch-free rounds); reads use a flat strided view.
    """
    n, width = srt.shape
    flat, step = _flat_rows(srt)
    base = (np.arange(n) * step - 1)[:, None]  # -1: position lo + k - 1 is read
    mcol = m.astype(np.int64)[:, None]
    lo = np.zeros(v.shape, dtype=np.int64)
    k = 1 << max(int(width).bit_length() - 1, 0)
    while k:
        cand = lo + k
        val = flat[base + np.minimum(cand, width)]
        go = (val < v) if strict else (val <= v)
        go &= cand <= mcol
        lo += go * k
        k >>= 1
    return lo


def _moved(rank: np.ndarray, ok: np.ndarray, w: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """sum_i w_i ok_ic [rank_it > bound_ic] for every column c and day t, in row blocks.

    The comparison is written straight into a reused buffer (no bool temporary, no
    cast copy) and summed over firms by one BLAS product per column. In a block where
    every firm has the same weight (same number of estimation ARs, the usual case) the
    0/1 products are exact integer counts in float32, scaled by that weight afterwards;
    otherwise float64 weights are used.
    """
    c_n, m_n = bound.shape[1], rank.shape[1]
    out = np.zeros((c_n, m_n))
    bound = bound.astype(np.float32)  # ranks are float32: exact integers and halves
    rows = min(_BLOCK, rank.shape[0])
    buf32, buf64 = np.empty((rows, m_n), dtype=np.float32), None
    for lo in range(0, rank.shape[0], _BLOCK):
        b = slice(lo, lo + _BLOCK)
        rb, wb = rank[b], w[b]
        if wb.min() == wb.max():  # exact: 0/1 counts in float32 (block < 2**24 rows)
            mask, weights, scale = buf32[: len(rb)], ok[b].astype(np.float32), float(wb[0])
        else:
            buf64 = np.empty((rows, m_n)) if buf64 is None else buf64
            mask, weights, scale = buf64[: len(rb)], np.where(ok[b], wb[:, None], 0.0), 1.0
        for c in range(c_n):  # loop over days/windows only
            np.greater(rb, bound[b, c, None], out=mask, casting="unsafe")
            # the float32 count is exact; scale it in float64 (a Python float times a
            # float32 array stays float32 and would round the weighted count)
            out[c] += np.float64(scale) * (weights[:, c] @ mask)
    return out


def _base_sums(s: Sample, ok: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column c and estimation day t: firms with an AR (N_ct) and sum_i w_i K_it.

    The group sums over all firms come precomputed; only firm-events whose v is missing
    in some column are subtracted.
    """
    c = ok.shape[1]
    n_t = np.tile(s.n_all[s.est], (c, 1))
    total = np.tile(s.est_wrank, (c, 1))
    bad = np.flatnonzero(~ok.all(axis=1))
    if len(bad):
        miss = (~ok[bad]).astype(float)  # (b, C)
        rb = s.est_sar_ranks[bad].astype(float)
        n_t -= miss.T @ (rb > 0)
        total -= (miss * w[bad, None]).T @ rb
    return n_t, total


def _counts(
    srt: np.ndarray, m: np.ndarray, v: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """v (inf where missing), and the counts of sorted estimation SARs < v and <= v."""
    vv = np.where(np.isfinite(v), v, np.inf)
    lt = _count_below(srt, m, vv, strict=True)
    flat, step = _flat_rows(srt)
    at = flat[(np.arange(len(m)) * step)[:, None] + np.minimum(lt, srt.shape[1] - 1)]
    le = lt
    if ((at == vv) & (lt < m[:, None])).any():  # ties with v count a half
        le = _count_below(srt, m, vv, strict=False)
    return vv, lt, le


def grank_counts(
    sar: np.ndarray, scar: np.ndarray, srt: np.ndarray, m: np.ndarray, bounds: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """GRANK's searches for every event group and for ALL in one pass.

    Rows are ordered by group (group g is rows bounds[g]:bounds[g + 1]). Columns: the
    SARs and SCARs re-standardized within the firm-event's group, then the same
    re-standardized over all firm-events (ALL). Returns v, count < v, count <= v.
    """
    x = np.concatenate([sar, scar], axis=1)
    v = np.empty((len(x), 2 * x.shape[1]))
    with np.errstate(invalid="ignore", divide="ignore"):
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):  # loop over events only
            v[lo:hi, : x.shape[1]] = x[lo:hi] / np.nanstd(x[lo:hi], axis=0, ddof=1)
        v[:, x.shape[1] :] = x / np.nanstd(x, axis=0, ddof=1)
    return _counts(srt, m, v)


def _grank_columns(s: Sample, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GRANK t and p for each column of v (n, C), appended to the estimation SARs (n, M).

    Appending v_i shifts the estimation ranks above it by one (a half for ties), so only
    the counts below v_i are needed: found by binary search in the sorted rows.
    """
    m = s.est_count
    w = 1.0 / (m + 2)
    if s.grank_counts is not None:  # searched for every group at once by the battery
        vv, lt, le = s.grank_counts
    else:
        vv, lt, le = _counts(s.est_sorted, m, v)
    ok = np.isfinite(vv)
    n = ok.sum(axis=0)
    moved = _moved(s.est_sar_ranks, ok, w, le)
    if (le > lt).any():
        moved += 0.5 * (_moved(s.est_sar_ranks, ok, w, lt) - moved)
    n_t, base = _base_sums(s, ok, w)
    total = base + moved - 0.5 * n_t
    with np.errstate(invalid="ignore", divide="ignore"):
        ubar = np.where(n_t > 0, total / n_t, 0.0)
        u0 = (np.where(ok, (1 + lt + 0.5 * (le - lt)) * w[:, None] - 0.5, 0.0)).sum(axis=0) / n
        big_t = (n_t > 0).sum(axis=1) + 1
        z = u0 / np.sqrt(((n_t / n[:, None]) * ubar**2).sum(axis=1) + u0**2) * np.sqrt(big_t)
        t = z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))
    t = np.where(n >= 2, t, np.nan)
    return t, t_p(t, big_t - 2)


def grank(s: Sample) -> TestResult:
    """Generalized rank test of Kolari and Pynnonen (2011).

    The event-day SAR (or the window's SCAR), re-standardized by its cross-sectional
    standard deviation, is appended to the firm's estimation SARs (AR / S_i); U_it =
    rank / (T_i + 1) - 1/2 with T_i = M_i + 1. Z = mean_i U_i0 / S_U with
    S_U^2 = (1/T) sum_t (N_t / N) Ubar_t^2, and t = Z sqrt((T - 2) / (T - 1 - Z^2)),
    Student t with T - 2 df. Robust to cross-correlation and event-induced volatility.
    Days and windows are tested in one pass (columns of one array).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.concatenate(
            [s.sar / np.nanstd(s.sar, axis=0, ddof=1), s.scar / np.nanstd(s.scar, axis=0, ddof=1)],
            axis=1,
        )
    t, p = _grank_columns(s, v)
    e = s.sar.shape[1]
    d = t[:e]
    note = "" if np.isfinite(d).all() else "fewer than 2 firm-events with a SAR"
    return TestResult(d, p[:e], t[e:], p[e:], note)
