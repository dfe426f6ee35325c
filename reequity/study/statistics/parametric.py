"""Parametric tests: cross-sectional t, Brown-Warner, Patell, BMP and their adjustments.

Notation: AR_it abnormal return of firm-event i on tau t, N_t firm-events with an AR on
t, S_i residual standard deviation, M_i estimation observations, SAR_it = AR_it /
(S_i sqrt(C_it)) with the forecast-error factor C_it, CAR_i and SCAR_i over a window.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from reequity.study.statistics.base import (
    Sample,
    TestResult,
    cs_t,
    nan_result,
    norm_p,
    t_p,
)

__all__ = [
    "t_cs",
    "brown_warner_1980",
    "cda",
    "lamb",
    "patell",
    "adjusted_patell",
    "bmp",
    "kolari_pynnonen",
]


def _once_per_group(test: Callable[[Sample], TestResult]) -> Callable[[Sample], TestResult]:
    """Compute ``test(s)`` once per group: adjusted tests build on patell and bmp."""

    @functools.wraps(test)
    def wrapper(s: Sample) -> TestResult:
        if test.__name__ not in s.memo:
            s.memo[test.__name__] = test(s)
        return s.memo[test.__name__]  # type: ignore[return-value]

    return wrapper


def t_cs(s: Sample) -> TestResult:
    """Cross-sectional t-test (e.g. Boehmer, Musumeci and Poulsen 1991, "ordinary").

    t_t = AAR_t / (sd_cs(AR_t) / sqrt(N_t)), Student t with N_t - 1 df; the window test
    uses CAR_i in place of AR_it.
    """
    d, dp = cs_t(s.a_span)
    w, wp = cs_t(s.car)
    return TestResult(d, dp, w, wp)


def brown_warner_1980(s: Sample) -> TestResult:
    """Brown and Warner (1980) test assuming cross-sectional independence.

    t_t = AAR_t / (sqrt(sum_i S_i^2) / N_t); window: CAAR / (sqrt(sum_i L_w S_i^2) / N)
    with L_w the window length. estudy2 uses the sample variance of each firm's
    estimation ARs and divides by the number of all firms. Student t, df mean(M) - k.
    """
    a = s.a_span
    present = np.isfinite(a)
    n_t = present.sum(axis=0)
    if s.estudy2:
        var = s.est_var
        n_all = a.shape[0]
        sd = np.sqrt(np.nansum(var)) / n_all
    else:
        var = s.sigma**2
        with np.errstate(invalid="ignore", divide="ignore"):
            sd = np.sqrt((present * var[:, None]).sum(axis=0)) / n_t
    with np.errstate(invalid="ignore", divide="ignore"):
        aar = np.nansum(a, axis=0) / n_t
        stat = np.where(n_t > 0, aar / sd, np.nan)
        df = float(np.nanmean(s.dof))
        nw = np.isfinite(s.car).sum(axis=0)
        length = s.win.sum(axis=1)
        wsd = np.sqrt((np.isfinite(s.car) * (var[:, None] * length[None, :])).sum(axis=0)) / nw
        wstat = np.where(nw > 0, np.nansum(s.car, axis=0) / nw / wsd, np.nan)
    return TestResult(stat, t_p(stat, df), wstat, t_p(wstat, df))


def _aar_series(s: Sample) -> tuple[np.ndarray, np.ndarray]:
    """Daily AAR over all L taus and the number of firm-events behind each."""
    return s.aar_all, s.n_all


def _covered(s: Sample, z_all: np.ndarray, n_t: np.ndarray) -> np.ndarray:
    """estudy2's window days: in the window, > 90% of the firms, a finite statistic (W, L)."""
    return s.win & (n_t > 0.9 * s.n_firms)[None, :] & np.isfinite(z_all)[None, :]


def _window_sum_of_daily(s: Sample, z_all: np.ndarray, n_t: np.ndarray) -> np.ndarray:
    """estudy2's CAR test: sum of daily statistics / sqrt(days), days with > 90% coverage."""
    keep = _covered(s, z_all, n_t)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(keep, z_all[None, :], 0.0).sum(axis=1) / np.sqrt(keep.sum(axis=1))


def _estimation_sd(aar: np.ndarray, s: Sample) -> tuple[float, int]:
    """Standard deviation (ddof 1) of the AAR over the estimation days, and their count."""
    est_aar = aar[s.est]
    m = int(np.isfinite(est_aar).sum())
    return (float(np.nanstd(est_aar, ddof=1)) if m > 1 else np.nan), m


def cda(s: Sample) -> TestResult:
    """Brown and Warner (1985) crude dependence adjustment.

    t_t = AAR_t / S(AAR), S(AAR) the standard deviation (divisor M - 1) of the daily AAR
    over the estimation window; window: sum_t AAR_t / (sqrt(L_w) S(AAR)). Robust to
    cross-sectional correlation because the AAR series carries it. Student t, df M - 1.
    """
    aar, n_t = _aar_series(s)
    sd, m = _estimation_sd(aar, s)
    if not np.isfinite(sd) or sd == 0:
        return nan_result(s, "no variance of the estimation-window AAR")
    z_all = aar / sd
    stat = z_all[s.span]
    if s.estudy2:
        wstat = _window_sum_of_daily(s, z_all, n_t)
        days = _covered(s, z_all, n_t).sum(axis=1)
    else:
        ok = s.win & np.isfinite(aar)[None, :]
        days = ok.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            wstat = np.where(ok, aar, 0.0).sum(axis=1) / (np.sqrt(days) * sd)
    # the window sum's standard error: the interval that inverts this test
    se = np.where(days > 0, np.sqrt(days) * sd, np.nan)
    return TestResult(stat, t_p(stat, m - 1), wstat, t_p(wstat, m - 1), window_se=se, df=m - 1)


def lamb(s: Sample) -> TestResult:
    """Lamb (1995): the CDA with the market model's forecast-error correction.

    t_t = AAR_t / (S(AAR) sqrt(C_t)), C_t = 1 + 1/M + (R_mt - mean R_m)^2 / sum (R_m -
    mean R_m)^2 (textbook: the mean of the firms' C_it); window (textbook):
    sum_t AAR_t / (S(AAR) sqrt(sum_t C_t)); estudy2: sum of daily statistics / sqrt(days).
    Standard normal.
    """
    aar, n_t = _aar_series(s)
    sd, _ = _estimation_sd(aar, s)
    if not np.isfinite(sd) or sd == 0:
        return nan_result(s, "no variance of the estimation-window AAR")
    c_all = np.full(len(s.est), np.nan)
    c_all[s.span] = s.cbar
    z_all = aar / (sd * np.sqrt(c_all))
    stat = z_all[s.span]
    if s.estudy2:
        wstat = _window_sum_of_daily(s, z_all, n_t)
    else:
        ok = s.win & np.isfinite(z_all)[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            num = np.where(ok, aar, 0.0).sum(axis=1)
            wstat = num / (sd * np.sqrt(np.where(ok, c_all, 0.0).sum(axis=1)))
    return TestResult(stat, norm_p(stat), wstat, norm_p(wstat))


def _patell_var(dof: np.ndarray) -> np.ndarray:
    """Variance of a t-distributed SAR with ``dof`` degrees of freedom: d / (d - 2)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(dof > 2, dof / (dof - 2), np.nan)


@_once_per_group
def patell(s: Sample) -> TestResult:
    """Patell (1976) standardized-residual test.

    Z_t = sum_i SAR_it / sqrt(sum_i (M_i - k) / (M_i - k - 2)); window with SCAR_i.
    estudy2 takes mean_i SAR_it * N / sqrt(sum over all firms (M_i - 2)/(M_i - 4)).
    Standard normal.
    """
    v = _patell_var(s.dof)
    if s.estudy2:
        n = s.sar.shape[0]
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = np.nanmean(s.sar, axis=0) * n / np.sqrt(np.nansum(v))
            wstat = np.nanmean(s.scar, axis=0) * n / np.sqrt(np.nansum(v))
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = np.nansum(s.sar, axis=0) / np.sqrt((np.isfinite(s.sar) * v[:, None]).sum(axis=0))
            wstat = np.nansum(s.scar, axis=0) / np.sqrt(
                (np.isfinite(s.scar) * v[:, None]).sum(axis=0)
            )
    stat = np.where(np.isfinite(s.sar).any(axis=0), stat, np.nan)
    wstat = np.where(np.isfinite(s.scar).any(axis=0), wstat, np.nan)
    return TestResult(stat, norm_p(stat), wstat, norm_p(wstat))


@_once_per_group
def bmp(s: Sample) -> TestResult:
    """Boehmer, Musumeci and Poulsen (1991) standardized cross-sectional test.

    t_t = mean_i SAR_it / (sd_cs(SAR_t) / sqrt(N_t)); window with SCAR_i. Robust to
    event-induced variance. Student t, df N_t - 1.
    """
    d, dp = cs_t(s.sar)
    w, wp = cs_t(s.scar)
    return TestResult(d, dp, w, wp)


def _kp_factor(s: Sample, n: np.ndarray) -> tuple[np.ndarray, str]:
    r = s.rbar
    if not np.isfinite(r):
        return np.full_like(n, np.nan, dtype=float), "fewer than 2 firm-events: no correlation"
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sqrt((1 - r) / (1 + (n - 1) * r)), ""


def adjusted_patell(s: Sample) -> TestResult:
    """Kolari and Pynnonen (2010) adjusted Patell test.

    Z_adj = Z_patell * sqrt((1 - r) / (1 + (N - 1) r)), r the mean pairwise correlation
    of estimation-window residuals. Standard normal.
    """
    base = patell(s)
    fd, note = _kp_factor(s, np.isfinite(s.sar).sum(axis=0).astype(float))
    fw, _ = _kp_factor(s, np.isfinite(s.scar).sum(axis=0).astype(float))
    d, w = base.daily_stat * fd, base.window_stat * fw
    return TestResult(d, norm_p(d), w, norm_p(w), note)


def kolari_pynnonen(s: Sample) -> TestResult:
    """Kolari and Pynnonen (2010) adjusted BMP test for cross-correlated ARs.

    t_adj = t_BMP * sqrt((1 - r) / (1 + (N - 1) r)); Student t, df N - 1.
    """
    base = bmp(s)
    nd = np.isfinite(s.sar).sum(axis=0).astype(float)
    nw = np.isfinite(s.scar).sum(axis=0).astype(float)
    fd, note = _kp_factor(s, nd)
    fw, _ = _kp_factor(s, nw)
    d, w = base.daily_stat * fd, base.window_stat * fw
    return TestResult(d, t_p(d, nd - 1), w, t_p(w, nw - 1), note)
