"""Rank and sign tests that rank each firm's ARs over estimation and event days.

Each firm's ranks do not depend on the group it is tested in, so the engine ranks all
firm-events once (``Sample.ranks``, ties averaged as R's ``rank``) and every group
reuses them.
"""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, norm_p

__all__ = ["corrado_rank", "modified_rank", "corrado_sign"]


def _standardized_series(total: np.ndarray, s: Sample, scale_n: bool) -> tuple[np.ndarray, float]:
    """Per-day cross-sectional sums (scaled by 1/N_t or 1/sqrt(N_t)) and their sd.

    ``total`` is the group's column sum over estimation + span taus (missing values
    count as absent, never as zero).
    """
    n_t = s.rank_sums[_COUNT]
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = n_t if scale_n else np.sqrt(n_t)
        if s.estudy2:
            # estudy2 sums as rowMeans(x) * ncol(x): inflates days with missing firms
            total = total / n_t * s.n_firms
        series = np.where(n_t > 0, total / scale, np.nan)
    estudy2 = s.estudy2
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
    if s.estudy2:
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
