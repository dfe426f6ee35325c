"""Generalized rank test (GRANK) of Kolari and Pynnonen (2011).

Each firm's estimation SARs are ranked once (:mod:`reequity.study.perfirm`); appending
the event-day value v_i only shifts the ranks above it, so each test column needs the
count of estimation SARs below v_i (binary search in the sorted rows) and, per
estimation day, the weighted number of firms whose rank moved.
"""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, t_p
from reequity.study.statistics.batch import Batch

__all__ = ["grank", "grank_counts", "grank_groups"]

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


_CELLS = 1 << 20  # (columns x rows x days) float32 cells per block of the shift counts
_FEW_RUNS = 64  # groups per block up to which each is one BLAS product (else reduceat)


def _moved(rank: np.ndarray, ok: np.ndarray, w: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """sum_i w_i ok_ic [rank_it > bound_ic] for every column c and day t, in row blocks.

    All columns of a block of rows are compared in one go, straight into a reused
    float32 buffer (C, rows, M), and summed over firms by one batched BLAS product. In a
    block where every firm has the same weight (same number of estimation ARs, the usual
    case) the 0/1 products are exact integer counts in float32, scaled by that weight in
    float64 afterwards; otherwise float64 weights are used.
    """
    c_n, m_n = bound.shape[1], rank.shape[1]
    out = np.zeros((c_n, m_n))
    bound_t = bound.T.astype(np.float32)  # (C, n); ranks are float32: exact integers, halves
    rows = max(1, min(_BLOCK, rank.shape[0], _CELLS // max(c_n * m_n, 1)))
    buf = np.empty((c_n, rows, m_n), dtype=np.float32)
    for lo in range(0, rank.shape[0], rows):
        b = slice(lo, lo + rows)
        rb, wb = rank[b], w[b]
        mask = buf[:, : len(rb)]
        np.greater(rb[None, :, :], bound_t[:, b, None], out=mask, casting="unsafe")
        if wb.min() == wb.max():  # exact: 0/1 counts in float32 (block < 2**24 rows)
            weights = ok[b].T.astype(np.float32)[:, None, :]  # (C, 1, rows)
            # a Python float times a float32 array stays float32: scale in float64
            out += np.float64(wb[0]) * (weights @ mask)[:, 0]
        else:
            weights = np.where(ok[b], wb[:, None], 0.0).T[:, None, :]
            out += (weights @ mask.astype(np.float64))[:, 0]
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
        sizes = np.diff(bounds)
        sd = _group_sd(x, bounds[:-1]) if len(x) and (sizes > 0).all() else None
        if sd is not None:  # every group at once
            np.divide(x, np.repeat(sd, sizes, axis=0), out=v[:, : x.shape[1]])
        else:
            for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):  # loop over events
                v[lo:hi, : x.shape[1]] = x[lo:hi] / np.nanstd(x[lo:hi], axis=0, ddof=1)
        v[:, x.shape[1] :] = x / np.nanstd(x, axis=0, ddof=1)
    return _counts(srt, m, v)


def _group_sd(x: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """``np.nanstd(x[group], axis=0, ddof=1)`` of every group of rows (non-empty runs
    beginning at ``starts``) at once: (groups, C), two-pass like ``nanstd``."""
    fin = np.isfinite(x)
    n = np.add.reduceat(fin, starts, axis=0).astype(float)
    mean = np.add.reduceat(np.where(fin, x, 0.0), starts, axis=0) / n
    sizes = np.diff(np.r_[starts, len(x)])
    dev = np.where(fin, x - np.repeat(mean, sizes, axis=0), 0.0)
    return np.sqrt(np.add.reduceat(dev * dev, starts, axis=0) / (n - 1))


def _grank_columns(s: Sample, v: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
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
    v = None
    if s.grank_counts is None:  # else the battery has searched every group at once
        with np.errstate(invalid="ignore", divide="ignore"):
            v = np.concatenate(
                [
                    s.sar / np.nanstd(s.sar, axis=0, ddof=1),
                    s.scar / np.nanstd(s.scar, axis=0, ddof=1),
                ],
                axis=1,
            )
    t, p = _grank_columns(s, v)
    e = s.sar.shape[1]
    d = t[:e]
    note = "" if np.isfinite(d).all() else "fewer than 2 firm-events with a SAR"
    return TestResult(d, p[:e], t[e:], p[e:], note)


def _moved_groups(
    rank: np.ndarray, w: np.ndarray, bound: np.ndarray, code: np.ndarray, n_g: int
) -> np.ndarray:
    """:func:`_moved` of every group at once (every v present): (G, C, M).

    Rows are ordered by group ``code``. Each block's 0/1 comparisons (C, rows, M) are
    counted per run of rows sharing a group and a weight (float32 counts are exact):
    one BLAS product per run when runs are few, else ``np.add.reduceat``; the counts are
    then weighted in float64. A cleaned panel gives each event date its own M_i, so the
    weights change between groups but rarely within one: the runs stay long.
    """
    c_n, m_n = bound.shape[1], rank.shape[1]
    out = np.zeros((n_g, c_n, m_n))
    bound_t = bound.T.astype(np.float32)
    rows = max(1, min(_BLOCK, rank.shape[0], _CELLS // max(c_n * m_n, 1)))
    buf = np.empty((c_n, rows, m_n), dtype=np.float32)
    for lo in range(0, rank.shape[0], rows):
        b = slice(lo, lo + rows)
        rb, wb, cb = rank[b], w[b], code[b]
        mask = buf[:, : len(rb)]
        np.greater(rb[None, :, :], bound_t[:, b, None], out=mask, casting="unsafe")
        runs = np.flatnonzero(np.r_[True, (cb[1:] != cb[:-1]) | (wb[1:] != wb[:-1])])
        if len(runs) <= _FEW_RUNS:
            ends = np.r_[runs[1:], len(cb)]
            ones = np.ones((1, int((ends - runs).max())), dtype=np.float32)
            sums = np.empty((c_n, len(runs), m_n))
            for r, (lo_r, hi_r) in enumerate(zip(runs, ends, strict=True)):  # BLAS per run
                sums[:, r] = (ones[:, : hi_r - lo_r] @ mask[:, lo_r:hi_r])[:, 0]
        else:
            sums = np.add.reduceat(mask, runs, axis=1).astype(np.float64)
        sums *= wb[runs][None, :, None]
        target = cb[runs]  # non-decreasing: rows are ordered by group
        first = np.flatnonzero(np.r_[True, target[1:] != target[:-1]])
        if len(first) == len(target):  # each group one run: plain indexing
            out[target] += sums.transpose(1, 0, 2)
        else:  # a group over several runs (ALL: one run per weight): their sum, added
            # once; np.add.at's scatter cost more, its sums differ in the last bits only
            # (reduceat adds pairwise), and runs are contiguous rows once transposed
            per_run = np.ascontiguousarray(sums.transpose(1, 0, 2))
            out[target[first]] += np.add.reduceat(per_run, first, axis=0)
    return out


def grank_groups(
    rank: np.ndarray,
    m: np.ndarray,
    counts: tuple[np.ndarray, np.ndarray, np.ndarray],
    bounds: np.ndarray,
    n_t_est: np.ndarray,
    wrank: np.ndarray,
    n_daily: int,
) -> Batch | None:
    """:func:`grank` of every group of rows at once, from the battery's searches.

    ``rank`` (n, M) estimation ranks, ``m`` (n,) estimation ARs per firm-event,
    ``counts`` v, count < v, count <= v (n, C) as :func:`grank_counts` returns them for
    the groups' columns, ``bounds`` (G + 1,) group row bounds, ``n_t_est`` (G, M) firms
    with an AR per estimation day, ``wrank`` (G, M) the groups' ``est_wrank`` and
    ``n_daily`` the number of daily columns. The same sums as :func:`_grank_columns`
    per group (Kolari and Pynnonen 2011), without a Python loop over groups. Returns
    None (test each group on its own) when some v is missing or some group is empty.
    """
    vv, lt, le = counts
    sizes = np.diff(bounds)
    if not len(vv) or (sizes == 0).any() or not np.isfinite(vv).all():
        return None
    w = 1.0 / (m + 2)
    code = np.repeat(np.arange(len(sizes)), sizes)
    moved = _moved_groups(rank, w, le, code, len(sizes))
    if (le > lt).any():  # groups without ties get 0.5 * (x - x) = 0: unchanged
        moved += 0.5 * (_moved_groups(rank, w, lt, code, len(sizes)) - moved)
    n = np.broadcast_to(sizes[:, None].astype(float), (len(sizes), vv.shape[1]))
    n_t = n_t_est[:, None, :]
    # (G, C, M) arrays updated in place (no temporaries), T per group only
    total = moved
    total += wrank[:, None, :]
    total -= 0.5 * n_t
    with np.errstate(invalid="ignore", divide="ignore"):
        ubar = np.divide(total, n_t, out=total)
        ubar[np.broadcast_to(n_t <= 0, ubar.shape)] = 0.0
        u0 = np.add.reduceat((1 + lt + 0.5 * (le - lt)) * w[:, None] - 0.5, bounds[:-1]) / n
        big_t = np.broadcast_to((n_t_est > 0).sum(axis=1)[:, None] + 1, n.shape)
        sq = ((n_t / n[:, :, None]) * ubar**2).sum(axis=2)  # as it was: bit for bit
        z = u0 / np.sqrt(sq + u0**2) * np.sqrt(big_t)
        t = z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))
    t = np.where(n >= 2, t, np.nan)
    p = t_p(t, big_t - 2)
    whole = np.isfinite(t[:, :n_daily]).all(axis=1)
    notes = np.where(whole, "", "fewer than 2 firm-events with a SAR").tolist()
    ok = np.ones(len(sizes), dtype=bool)
    return Batch(t[:, :n_daily], p[:, :n_daily], t[:, n_daily:], p[:, n_daily:], ok, notes)
