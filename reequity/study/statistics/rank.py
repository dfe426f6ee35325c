"""Rank and sign tests that rank each firm's ARs over estimation and event days.

Each firm's ranks do not depend on the group it is tested in, so the engine ranks all
firm-events once (``Sample.ranks``, ties averaged as R's ``rank``) and every group
reuses them.
"""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, norm_p, t_p

__all__ = ["corrado_rank", "modified_rank", "corrado_sign", "grank"]


def _standardized_series(total: np.ndarray, s: Sample, scale_n: bool) -> tuple[np.ndarray, float]:
    """Per-day cross-sectional sums (scaled by 1/N_t or 1/sqrt(N_t)) and their sd.

    ``total`` is the group's column sum over estimation + span taus (missing values
    count as absent, never as zero).
    """
    n_t = s.rank_sums[_COUNT]
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = n_t if scale_n else np.sqrt(n_t)
        if s.convention == "estudy2":
            # estudy2 sums as rowMeans(x) * ncol(x): inflates days with missing firms
            total = total / n_t * s.n_firms
        series = np.where(n_t > 0, total / scale, np.nan)
    estudy2 = s.convention == "estudy2"
    length = float(np.mean(s.full_count)) if estudy2 else float((n_t > 0).sum())
    sd = float(np.sqrt(np.nansum(series**2) / length)) if length > 0 else np.nan
    return series, sd


def _daily_and_window(series: np.ndarray, sd: float, s: Sample) -> tuple[np.ndarray, np.ndarray]:
    """Daily statistic series_t / sd and window sum_t series_t / (sqrt(days) sd)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        daily = series[s.in_span] / sd
        win = s.win[:, s.span] & np.isfinite(daily)[None, :]
        window = np.where(win, daily[None, :], 0.0).sum(axis=1) / np.sqrt(win.sum(axis=1))
    return daily, window


def _nan(s: Sample, note: str) -> TestResult:
    e, w = len(s.span), s.win.shape[0]
    nan_e, nan_w = np.full(e, np.nan), np.full(w, np.nan)
    return TestResult(nan_e, nan_e, nan_w, nan_w, note)


# rows of Sample.rank_sums (see reequity.study.perfirm.RANK_SUMS)
_RANK, _SCALED, _MEAN_RANK, _COUNT, _SIGN = range(5)


def corrado_rank(s: Sample) -> TestResult:
    """Corrado (1989) rank test; window version of Cowan (1992).

    K_it ranks firm i's ARs over estimation and event days, D_it = K_it - mean_t K_it,
    T_t = (1/N_t) sum_i D_it / S_K with S_K^2 = (1/T) sum_t ((1/N_t) sum_i D_it)^2.
    Window: sum_t T_t / sqrt(days) (textbook); estudy2 follows its ``car_rank_test``.
    Standard normal. The mean rank of a firm with T_i ARs is (T_i + 1) / 2 (ties
    averaged), so sum_i D_it = sum_i K_it - sum_i (T_i + 1) / 2 over firms present on t.
    """
    total = s.rank_sums[_RANK] - s.rank_sums[_MEAN_RANK]
    series, sd = _standardized_series(total, s, scale_n=True)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of ranks")
    daily, window = _daily_and_window(series, sd, s)
    if s.convention == "estudy2":
        window = _cowan_estudy2(s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def _cowan_estudy2(s: Sample) -> np.ndarray:
    """estudy2's ``car_rank_test``: sqrt(days) (mean event rank - mean rank) / S."""
    mean_rank = float(np.mean(0.5 * (s.full_count + 1)))
    rank_sum, n_t = s.rank_sums[_RANK], s.rank_sums[_COUNT]
    with np.errstate(invalid="ignore", divide="ignore"):
        row_mean = rank_sum / n_t
    length = np.mean(s.full_count)
    sd = np.sqrt(np.nansum((row_mean - mean_rank) ** 2) / length)
    cover = (n_t > 0.9 * s.n_firms)[s.in_span]
    event_sum, event_n = rank_sum[s.in_span], n_t[s.in_span]
    keep = s.win[:, s.span] & cover[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_event = (keep * event_sum).sum(axis=1) / (keep * event_n).sum(axis=1)
        return np.sqrt(keep.sum(axis=1)) * (mean_event - mean_rank) / sd


def modified_rank(s: Sample) -> TestResult:
    """Corrado and Zivney (1992) modified rank test (standardized ranks, missing-robust).

    U_it = K_it / (T_i + 1) - 1/2 with T_i the firm's number of ARs,
    T_t = (1/sqrt(N_t)) sum_i U_it / S_U, S_U^2 = (1/T) sum_t ((1/sqrt(N_t)) sum_i U_it)^2.
    Standard normal.
    """
    total = s.rank_sums[_SCALED] - 0.5 * s.rank_sums[_COUNT]
    series, sd = _standardized_series(total, s, scale_n=False)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of ranks")
    daily, window = _daily_and_window(series, sd, s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def corrado_sign(s: Sample) -> TestResult:
    """Corrado and Zivney (1992) sign test around each firm's median AR.

    G_it = sign(AR_it - median_i AR), T_t = (1/sqrt(N_t)) sum_i G_it / S_G,
    S_G^2 = (1/T) sum_t ((1/sqrt(N_t)) sum_i G_it)^2. Standard normal.
    """
    series, sd = _standardized_series(s.rank_sums[_SIGN], s, scale_n=False)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of signs")
    daily, window = _daily_and_window(series, sd, s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def _count_below(srt: np.ndarray, m: np.ndarray, v: np.ndarray, *, strict: bool) -> np.ndarray:
    """How many of row i's m_i sorted values are < v_ic (or <= v_ic): binary search.

    ``srt`` is (n, M) sorted ascending with NaN last, ``v`` is (n, C); returns (n, C).
    """
    n, width = srt.shape
    lo = np.zeros(v.shape, dtype=np.int64)
    hi = np.broadcast_to(m.astype(np.int64)[:, None], v.shape).copy()
    rows = np.arange(n)[:, None]
    for _ in range(int(np.ceil(np.log2(width + 1))) + 1):
        active = lo < hi
        if not active.any():
            break
        mid = (lo + hi) // 2
        val = srt[rows, np.minimum(mid, width - 1)]
        go = (val < v) if strict else (val <= v)
        lo = np.where(active & go, mid + 1, lo)
        hi = np.where(active & ~go, mid, hi)
    return lo


_BLOCK = 4096


def _moved(rank: np.ndarray, w: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """sum_i w_ic [rank_it > bound_ic] for every column c and day t, in row blocks."""
    out = np.zeros((bound.shape[1], rank.shape[1]))
    bound = bound.astype(rank.dtype)  # compare in the ranks' dtype (exact for integers)
    for lo in range(0, rank.shape[0], _BLOCK):
        b = slice(lo, lo + _BLOCK)
        for c in range(bound.shape[1]):  # loop over days/windows only
            out[c] += w[b, c] @ (rank[b] > bound[b, c, None])
    return out


def _grank_columns(s: Sample, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GRANK t and p for each column of v (n, C), appended to the estimation SARs (n, M).

    Appending v_i shifts the estimation ranks above it by one (a half for ties), so only
    the counts below v_i are needed: found by binary search in the sorted rows.
    """
    fin = np.isfinite(s.est_sar_ranks)
    m = fin.sum(axis=1).astype(float)
    w = 1.0 / (m + 2)
    rank = np.nan_to_num(s.est_sar_ranks)
    ok = np.isfinite(v)
    n = ok.sum(axis=0)
    wj = np.where(ok, w[:, None], 0.0)  # (n, C)
    vv = np.where(ok, v, np.inf)
    lt = _count_below(s.est_sorted, m, vv, strict=True)
    at = s.est_sorted[np.arange(len(m))[:, None], np.minimum(lt, s.est_sorted.shape[1] - 1)]
    le = lt
    if ((at == vv) & (lt < m[:, None])).any():  # ties with v count a half
        le = _count_below(s.est_sorted, m, vv, strict=False)
    moved = _moved(rank, wj, le)
    if (le > lt).any():
        moved += 0.5 * (_moved(rank, wj, lt) - moved)
    okf = ok.astype(float)
    n_t = okf.T @ fin  # (C, M) firms with an estimation AR on t
    total = wj.T @ rank + moved - 0.5 * n_t
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
    """

    def restandardize(x: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return x / np.nanstd(x, axis=0, ddof=1)

    d, dp = _grank_columns(s, restandardize(s.sar))
    w, wp = _grank_columns(s, restandardize(s.scar))
    note = "" if np.isfinite(d).all() else "fewer than 2 firm-events with a SAR"
    return TestResult(d, dp, w, wp, note)
