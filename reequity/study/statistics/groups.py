"""Tests of the difference between two groups' CAARs that survive a common event date.

When every firm sees the news on the same day, abnormal returns are cross-correlated and
a two-sample test that treats firms as independent (Welch) is too optimistic. The
long-short portfolio approach avoids the issue: hold group A's equally weighted
abnormal-return portfolio long and group B's short, and test the window sum of that one
time series against its own estimation-window variability, so the covariance of the two
groups is priced in (Campbell, Lo and MacKinlay 1997, ch. 4, on clustered event dates;
Brown and Warner 1985, "crude dependence adjustment").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from reequity.study.statistics.base import t_p

__all__ = ["DIFFERENCE_TESTS", "DifferenceResult", "long_short_cda", "long_short_rank"]


@dataclass(frozen=True, slots=True)
class DifferenceResult:
    """One test of CAAR_A - CAAR_B per event window (arrays of shape (W,))."""

    caar_a: np.ndarray
    caar_b: np.ndarray
    difference: np.ndarray
    statistic: np.ndarray
    pvalue: np.ndarray
    note: str = ""


def _mean_rows(ar: np.ndarray) -> np.ndarray:
    """Cross-sectional mean AR per tau over the firms with an AR (NaN where none)."""
    fin = np.isfinite(ar)
    n = fin.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, np.where(fin, ar, 0.0).sum(axis=0) / n, np.nan)


def _long_short(ar_a: np.ndarray, ar_b: np.ndarray, win: np.ndarray) -> tuple[np.ndarray, ...]:
    """AAR_A, AAR_B and D = AAR_A - AAR_B per tau; window sums of each over days with D."""
    aar_a, aar_b = _mean_rows(ar_a), _mean_rows(ar_b)
    d = aar_a - aar_b
    ok = win & np.isfinite(d)[None, :]
    sums = [np.where(ok, x[None, :], 0.0).sum(axis=1) for x in (aar_a, aar_b, d)]
    empty = ok.sum(axis=1) == 0
    for s in sums:
        s[empty] = np.nan
    return (d, ok, *sums)


def long_short_cda(
    ar_a: np.ndarray, ar_b: np.ndarray, est: np.ndarray, win: np.ndarray
) -> DifferenceResult:
    """CDA t test of the long-short portfolio A - B (Brown and Warner 1985; CLM 1997 ch. 4).

    Parameters
    ----------
    ar_a, ar_b : ndarray, (n_A, L) and (n_B, L)
        Abnormal returns of the two groups' firm-events in event time (L taus).
    est : ndarray of bool, (L,)
        Estimation taus.
    win : ndarray of bool, (W, L)
        Taus of each event window.

    Returns
    -------
    DifferenceResult

    Notes
    -----
    D_t = AAR_A,t - AAR_B,t (each the mean AR of the group's firm-events with an AR on
    tau t). With S_D the standard deviation (divisor M - 1) of D_t over the M estimation
    taus and L_w the window days with a D_t,

        t = sum_{t in w} D_t / (sqrt(L_w) S_D),   Student t with M - 1 df.

    S_D is Var(AAR_A) + Var(AAR_B) - 2 Cov(AAR_A, AAR_B) measured in calendar data, so
    the correlation of firms sharing the event date is in the denominator. The window
    sum of D_t equals the difference of mean CARs when no AR is missing.
    """
    d, ok, sum_a, sum_b, diff = _long_short(ar_a, ar_b, win)
    est_d = d[est]
    m = int(np.isfinite(est_d).sum())
    sd = float(np.nanstd(est_d, ddof=1)) if m > 1 else np.nan
    if not np.isfinite(sd) or sd == 0:
        nan = np.full(win.shape[0], np.nan)
        return DifferenceResult(sum_a, sum_b, diff, nan, nan, "no estimation variance of A - B")
    with np.errstate(invalid="ignore", divide="ignore"):
        stat = diff / (np.sqrt(ok.sum(axis=1)) * sd)
    return DifferenceResult(sum_a, sum_b, diff, stat, t_p(stat, m - 1))


def long_short_rank(
    ar_a: np.ndarray, ar_b: np.ndarray, est: np.ndarray, win: np.ndarray
) -> DifferenceResult:
    """Rank test of the long-short portfolio A - B: window days against estimation days.

    The non-parametric counterpart of :func:`long_short_cda`, in the spirit of Corrado's
    (1989) rank test applied to one portfolio series: the D_t of the window are ranked
    together with those of the estimation window, and the window's rank sum is compared
    with its distribution when all days are exchangeable, which is the Wilcoxon (1945) /
    Mann and Whitney (1947) rank-sum test (``scipy.stats.mannwhitneyu``, exact p-value
    when the window has at most 10 days, else the normal approximation with tie
    correction). The statistic reported is the standardized rank sum

        z = (sum_{t in w} K_t - L_w (T + 1) / 2) / sqrt(L_w M (T + 1) / 12),

    T = M + L_w ranked days. Under a common event date it stays valid for the same
    reason as the CDA: it uses one time series, not the cross-section.
    """
    d, ok, sum_a, sum_b, diff = _long_short(ar_a, ar_b, win)
    est_d = d[est & np.isfinite(d)]
    m = len(est_d)
    n_w = win.shape[0]
    stat, pval = np.full(n_w, np.nan), np.full(n_w, np.nan)
    if m < 2:
        return DifferenceResult(sum_a, sum_b, diff, stat, pval, "fewer than 2 estimation days")
    for j in range(n_w):
        w_d = d[ok[j]]
        if len(w_d) == 0:
            continue
        both = np.concatenate([w_d, est_d])
        ranks = stats.rankdata(both)[: len(w_d)]
        t_all = len(both)
        stat[j] = (ranks.sum() - len(w_d) * (t_all + 1) / 2) / np.sqrt(
            len(w_d) * m * (t_all + 1) / 12
        )
        method = "exact" if len(w_d) <= 10 else "asymptotic"
        pval[j] = stats.mannwhitneyu(w_d, est_d, alternative="two-sided", method=method).pvalue
    return DifferenceResult(sum_a, sum_b, diff, stat, pval)


#: Group-difference tests by name (rows of ``EventStudyResults.group_difference``).
DIFFERENCE_TESTS = {"long_short_cda": long_short_cda, "long_short_rank": long_short_rank}
