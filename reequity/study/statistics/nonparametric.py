"""Sign tests and the Wilcoxon signed-rank test."""

from __future__ import annotations

import numpy as np
from scipy import stats

from reequity.study.statistics.base import Sample, TestResult, norm_p
from reequity.study.statistics.ranking import wilcoxon_plus, wilcoxon_pvalue

__all__ = ["sign", "generalized_sign", "wilcoxon"]


def _sign_z(x: np.ndarray, p: float) -> np.ndarray:
    """(w - N p) / sqrt(N p (1 - p)) with w the count of positive values per column."""
    n = np.isfinite(x).sum(axis=0).astype(float)
    w = (x > 0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (w - n * p) / np.sqrt(n * p * (1 - p))
    return np.where(n > 0, z, np.nan)


def sign(s: Sample) -> TestResult:
    """Sign test (e.g. Boehmer, Musumeci and Poulsen 1991): share of positive ARs vs 0.5.

    Z_t = (w_t - 0.5 N_t) / sqrt(0.25 N_t), w_t the number of positive AR_it; window on
    CAR_i. Standard normal.
    """
    d = _sign_z(s.a_span, 0.5)
    w = _sign_z(s.car, 0.5)
    return TestResult(d, norm_p(d), w, norm_p(w))


def generalized_sign(s: Sample) -> TestResult:
    """Generalized sign test of Cowan (1992).

    Z = (w - N p) / sqrt(N p (1 - p)) with p the fraction of positive estimation-window
    ARs: the mean of the firms' fractions (textbook), or pooled over all firm-days
    (estudy2). Window on CAR_i. Standard normal.
    """
    if s.estudy2:
        p = s.est_pos.sum() / max(s.est_count.sum(), 1)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            p = float(np.nanmean(s.est_pos / s.est_count))
    if not 0 < p < 1:
        res_nan = np.full(len(s.span), np.nan)
        w_nan = np.full(s.win.shape[0], np.nan)
        return TestResult(
            res_nan, res_nan, w_nan, w_nan, f"estimation share of positive ARs is {p}"
        )
    d = _sign_z(s.a_span, p)
    w = _sign_z(s.car, p)
    return TestResult(d, norm_p(d), w, norm_p(w))


def _wilcoxon(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """W+ and two-sided p-values for every column of ``x`` (n, C)."""
    w_plus, n, ties = wilcoxon_plus(x)
    p = np.empty(len(n))
    for j in range(len(n)):  # loop over days/windows only
        sq = None
        if ties[j]:
            col = x[:, j]
            col = np.abs(col[np.isfinite(col) & (col != 0)])
            sq = float((stats.rankdata(col) ** 2).sum())
        p[j] = wilcoxon_pvalue(w_plus[j], int(n[j]), sq)
    return np.where(n > 0, w_plus, np.nan), p


def wilcoxon(s: Sample) -> TestResult:
    """Wilcoxon (1945) signed-rank test across firm-events.

    Statistic W+ = sum of the ranks of |AR_it| over positive AR_it (zeros dropped); the
    two-sided p-value is exact for N <= 50 without ties, else normal with the tie
    correction (as ``scipy.stats.wilcoxon``). The window test ranks CAR_i.
    """
    d, dp = _wilcoxon(s.a_span)
    w, wp = _wilcoxon(s.car)
    return TestResult(d, dp, w, wp)
