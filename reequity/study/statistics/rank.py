"""Rank and sign tests that rank each firm's ARs over estimation and event days.

Ranks are computed once for all firm-events with a batched ``argsort`` (ties get the
average rank, as R's ``rank(ties.method = "average")``).
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from reequity.study.statistics.base import Sample, TestResult, norm_p, t_p

__all__ = ["corrado_rank", "modified_rank", "corrado_sign", "grank", "row_ranks"]


def row_ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks within each row, NaN kept as NaN (vectorised over rows)."""
    return stats.rankdata(x, axis=1, nan_policy="omit")


def _full(s: Sample) -> tuple[np.ndarray, np.ndarray]:
    """ARs on estimation + span taus (n, T) and the mask of span columns within them."""
    cols = s.est.copy()
    cols[s.span] = True
    in_span = np.zeros(s.ar.shape[1], dtype=bool)
    in_span[s.span] = True
    return s.ar[:, cols], in_span[cols]


def _standardized_series(x: np.ndarray, s: Sample, scale_n: bool) -> tuple[np.ndarray, float]:
    """Per-day cross-sectional sums (scaled by 1/N_t or 1/sqrt(N_t)) and their sd."""
    n_t = np.isfinite(x).sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = n_t if scale_n else np.sqrt(n_t)
        total = np.nansum(x, axis=0)
        if s.convention == "estudy2":
            # estudy2 sums as rowMeans(x) * ncol(x): inflates days with missing firms
            total = total / n_t * x.shape[0]
        series = np.where(n_t > 0, total / scale, np.nan)
    if s.convention == "estudy2":
        length = float(np.mean(np.isfinite(x).sum(axis=1)))
    else:
        length = float((n_t > 0).sum())
    sd = float(np.sqrt(np.nansum(series**2) / length)) if length > 0 else np.nan
    return series, sd


def _daily_and_window(
    series: np.ndarray, sd: float, in_span: np.ndarray, s: Sample
) -> tuple[np.ndarray, np.ndarray]:
    """Daily statistic series_t / sd and window sum_t series_t / (sqrt(days) sd)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        daily = series[in_span] / sd
        win = s.win[:, s.span] & np.isfinite(daily)[None, :]
        window = np.where(win, daily[None, :], 0.0).sum(axis=1) / np.sqrt(win.sum(axis=1))
    return daily, window


def corrado_rank(s: Sample) -> TestResult:
    """Corrado (1989) rank test; window version of Cowan (1992).

    K_it ranks firm i's ARs over estimation and event days, D_it = K_it - mean_t K_it,
    T_t = (1/N_t) sum_i D_it / S_K with S_K^2 = (1/T) sum_t ((1/N_t) sum_i D_it)^2.
    Window: sum_t T_t / sqrt(days) (textbook); estudy2 follows its ``car_rank_test``.
    Standard normal.
    """
    full, in_span = _full(s)
    ranks = row_ranks(full)
    avg = np.nanmean(ranks, axis=1, keepdims=True)
    series, sd = _standardized_series(ranks - avg, s, scale_n=True)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of ranks")
    daily, window = _daily_and_window(series, sd, in_span, s)
    if s.convention == "estudy2":
        window = _cowan_estudy2(ranks, avg[:, 0], in_span, s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def _cowan_estudy2(
    ranks: np.ndarray, avg: np.ndarray, in_span: np.ndarray, s: Sample
) -> np.ndarray:
    """estudy2's ``car_rank_test``: sqrt(days) (mean event rank - mean rank) / S."""
    mean_rank = np.nanmean(avg)
    with np.errstate(invalid="ignore", divide="ignore"):
        row_mean = np.nanmean(ranks, axis=0)
    length = np.mean(np.isfinite(ranks).sum(axis=1))
    sd = np.sqrt(np.nansum((row_mean - mean_rank) ** 2) / length)
    n = ranks.shape[0]
    cover = np.isfinite(ranks).sum(axis=0) > 0.9 * n
    event = ranks[:, in_span]
    out = []
    for w in s.win[:, s.span]:
        keep = w & cover[in_span]
        out.append(np.sqrt(keep.sum()) * (np.nanmean(event[:, keep]) - mean_rank) / sd)
    return np.array(out)


def modified_rank(s: Sample) -> TestResult:
    """Corrado and Zivney (1992) modified rank test (standardized ranks, missing-robust).

    U_it = K_it / (M_i + 1) - 1/2 with M_i the firm's number of ARs,
    T_t = (1/sqrt(N_t)) sum_i U_it / S_U, S_U^2 = (1/T) sum_t ((1/sqrt(N_t)) sum_i U_it)^2.
    Standard normal.
    """
    full, in_span = _full(s)
    ranks = row_ranks(full)
    u = ranks / (np.isfinite(full).sum(axis=1, keepdims=True) + 1) - 0.5
    series, sd = _standardized_series(u, s, scale_n=False)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of ranks")
    daily, window = _daily_and_window(series, sd, in_span, s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def corrado_sign(s: Sample) -> TestResult:
    """Corrado and Zivney (1992) sign test around each firm's median AR.

    G_it = sign(AR_it - median_i AR), T_t = (1/sqrt(N_t)) sum_i G_it / S_G,
    S_G^2 = (1/T) sum_t ((1/sqrt(N_t)) sum_i G_it)^2. Standard normal.
    """
    full, in_span = _full(s)
    g = np.sign(full - np.nanmedian(full, axis=1, keepdims=True))
    series, sd = _standardized_series(g, s, scale_n=False)
    if not np.isfinite(sd) or sd == 0:
        return _nan(s, "no variation of signs")
    daily, window = _daily_and_window(series, sd, in_span, s)
    return TestResult(daily, norm_p(daily), window, norm_p(window))


def _nan(s: Sample, note: str) -> TestResult:
    e, w = len(s.span), s.win.shape[0]
    return TestResult(
        np.full(e, np.nan), np.full(e, np.nan), np.full(w, np.nan), np.full(w, np.nan), note
    )


def _grank_one(est_sar: np.ndarray, est_rank: np.ndarray, v: np.ndarray) -> tuple[float, float]:
    """GRANK t for one event observation v_i appended to each firm's estimation SARs."""
    ok = np.isfinite(v)
    if ok.sum() < 2:
        return np.nan, np.nan
    e, r, v = est_sar[ok], est_rank[ok], v[ok]
    m = np.isfinite(e).sum(axis=1)
    # rank of each estimation SAR after adding v, and the rank of v itself
    shifted = r + (v[:, None] < e) + 0.5 * (v[:, None] == e)
    r0 = 1 + (e < v[:, None]).sum(axis=1) + 0.5 * (e == v[:, None]).sum(axis=1)
    denom = (m + 2)[:, None]
    u_est = shifted / denom - 0.5
    u0 = r0 / (m + 2) - 0.5
    n = len(v)
    n_t = np.isfinite(u_est).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ubar = np.where(n_t > 0, np.nansum(u_est, axis=0) / n_t, np.nan)
        ubar0 = u0.mean()
        big_t = (n_t > 0).sum() + 1
        s2 = (np.nansum(n_t / n * ubar**2) + ubar0**2) / big_t
        z = ubar0 / np.sqrt(s2)
        t = z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))
    return float(t), float(t_p(t, big_t - 2))


def grank(s: Sample) -> TestResult:
    """Generalized rank test of Kolari and Pynnonen (2011).

    The event-day SAR (or the window's SCAR), re-standardized by its cross-sectional
    standard deviation, is appended to the firm's estimation SARs (AR / S_i); U_it =
    rank / (T_i + 1) - 1/2 with T_i = M_i + 1. Z = mean_i U_i0 / S_U with
    S_U^2 = (1/T) sum_t (N_t / N) Ubar_t^2, and t = Z sqrt((T - 2) / (T - 1 - Z^2)),
    Student t with T - 2 df. Robust to cross-correlation and event-induced volatility.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        est_sar = s.a_est / s.sigma[:, None]
    est_rank = row_ranks(est_sar)

    def run(v: np.ndarray) -> tuple[float, float]:
        sd = np.nanstd(v, ddof=1) if np.isfinite(v).sum() > 1 else np.nan
        return _grank_one(est_sar, est_rank, v / sd)

    d = np.array([run(c) for c in s.sar.T]).reshape(-1, 2)
    w = np.array([run(c) for c in s.scar.T]).reshape(-1, 2)
    note = "" if np.isfinite(d[:, 0]).all() else "fewer than 2 firm-events with a SAR"
    return TestResult(d[:, 0], d[:, 1], w[:, 0], w[:, 1], note)
