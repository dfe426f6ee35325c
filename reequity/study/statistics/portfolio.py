"""Portfolio (calendar-time clustering) test for events that share a date."""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, norm_p, t_p

__all__ = ["portfolio"]


def portfolio(s: Sample) -> TestResult:
    """Portfolio approach for clustered event dates (Brown and Warner 1980, sec. 4; CLM 1997).

    Firm-events whose day 0 falls on the same calendar date form one equal-weighted
    portfolio p; its AR_pt has its own estimation-window standard deviation S_p (divisor
    M_p - 1), so cross-correlation within the cluster is priced in. Per portfolio
    t_pt = AR_pt / S_p and, over a window, sum_t AR_pt / (sqrt(days) S_p). With one
    portfolio the statistic is that t (Student t, df M_p - 1); with P > 1 portfolios,
    Z = sum_p t_p / sqrt(P) (standard normal).
    """
    with np.errstate(invalid="ignore", divide="ignore"):  # one row per calendar date
        par = s.cluster_ar / s.cluster_n
    est = par[:, s.est]
    m = np.isfinite(est).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):  # all portfolios in one pass
        mean = np.nansum(est, axis=1) / m
        dev = np.where(np.isfinite(est), est - mean[:, None], 0.0)
        sd = np.where(m > 1, np.sqrt((dev * dev).sum(axis=1) / (m - 1)), np.nan)
    good = np.isfinite(sd) & (sd > 0)
    if not good.any():
        e, w = len(s.span), s.win.shape[0]
        nan_e, nan_w = np.full(e, np.nan), np.full(w, np.nan)
        return TestResult(nan_e, nan_e, nan_w, nan_w, "no portfolio with estimation variance")
    par, sd, m = par[good], sd[good], m[good]
    with np.errstate(invalid="ignore", divide="ignore"):
        daily = par[:, s.span] / sd[:, None]
        ok = s.win[None, :, :] & np.isfinite(par)[:, None, :]
        wsum = np.where(ok, par[:, None, :], 0.0).sum(axis=2)
        window = wsum / (np.sqrt(ok.sum(axis=2)) * sd[:, None])
    if len(sd) == 1:
        return TestResult(daily[0], t_p(daily[0], m[0] - 1), window[0], t_p(window[0], m[0] - 1))
    p_count = np.isfinite(daily).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        zd = np.nansum(daily, axis=0) / np.sqrt(p_count)
        zw = np.nansum(window, axis=0) / np.sqrt(np.isfinite(window).sum(axis=0))
    zd = np.where(p_count > 0, zd, np.nan)
    return TestResult(zd, norm_p(zd), zw, norm_p(zw))
