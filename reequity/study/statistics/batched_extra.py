"""Wilcoxon, portfolio and bootstrap tests of every event group at once.

The same statistics as :func:`.nonparametric.wilcoxon`, :func:`.portfolio.portfolio` and
:func:`.resampling.bootstrap` run group by group, computed for all event groups in a few
vectorised passes: the battery's cost then no longer grows with the number of event
dates (issue 15). A group these cannot serve (no portfolio with estimation variance,
fewer than 3 firm-events for the bootstrap) is left out (None) and tested on its own.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from reequity.study.statistics.base import TestResult, cs_t, norm_p, t_p
from reequity.study.statistics.ranking import _signrank_counts
from reequity.study.statistics.resampling import _boot_p

__all__ = ["wilcoxon_groups", "portfolio_groups", "bootstrap_groups"]

_BOOT_GROUPS = 16  # groups resampled together: (firms, 16 x columns) per BLAS product


def _signed_rank_sums(
    x: np.ndarray, gid: np.ndarray, n_g: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per group and column of ``x`` (n, C): W+, non-zero count, ties, sum of rank^2.

    Ranks of |x| within each group (zeros and NaN dropped, ties averaged as R's rank):
    one lexsort per column by (group, |x|), ties found as runs of equal values.
    """
    n, n_c = x.shape
    w_plus, count, sq = (np.zeros((n_g, n_c)) for _ in range(3))
    ties = np.zeros((n_g, n_c), dtype=bool)
    starts = np.searchsorted(gid, np.arange(n_g))
    for c in range(n_c):  # columns: span days and windows (a dozen)
        col = x[:, c]
        a = np.abs(np.where(col == 0, np.nan, col))
        order = np.lexsort((a, gid))  # by group, then |x| (NaN last in each group)
        s, g, positive = a[order], gid[order], col[order] > 0
        valid = np.isfinite(s)
        pos = np.arange(1.0, n + 1) - starts[g]  # 1-based position within the group
        new = np.r_[True, (g[1:] != g[:-1]) | (s[1:] != s[:-1])]  # a run of equal values
        first = np.flatnonzero(new)
        last = np.r_[first[1:], n] - 1
        rank = np.repeat(0.5 * (pos[first] + pos[last]), last - first + 1)
        runs_tied = (last > first) & valid[first]
        ties[g[first[runs_tied]], c] = True
        count[:, c] = np.bincount(g, weights=valid, minlength=n_g)
        w_plus[:, c] = np.bincount(g, weights=np.where(valid & positive, rank, 0.0), minlength=n_g)
        sq[:, c] = np.bincount(g, weights=np.where(valid, rank * rank, 0.0), minlength=n_g)
    return w_plus, count, ties, sq


def _wilcoxon_p(w_plus: np.ndarray, n: np.ndarray, ties: np.ndarray, sq: np.ndarray) -> np.ndarray:
    """:func:`.ranking.wilcoxon_pvalue` elementwise: exact for n <= 50 without ties."""
    p = np.full(w_plus.shape, np.nan)
    exact = (n > 0) & (n <= 50) & ~ties
    for k in np.unique(n[exact]).astype(int):  # one distribution per group size
        sel = exact & (n == k)
        counts = _signrank_counts(k)
        cum = np.r_[0.0, np.cumsum(counts)]  # integer counts < 2**53: exact sums
        total = cum[-1]
        w = np.rint(w_plus[sel]).astype(int)
        lower, upper = cum[w + 1] / total, (total - cum[w]) / total
        p[sel] = np.minimum(1.0, 2 * np.minimum(lower, upper))
    normal = (n > 0) & ~exact
    nn = n[normal]
    mean = nn * (nn + 1) / 4
    var = np.where(ties[normal], sq[normal] / 4, nn * (nn + 1) * (2 * nn + 1) / 24)
    p[normal] = 2 * special.ndtr(-np.abs(w_plus[normal] - mean) / np.sqrt(var))
    return p


def wilcoxon_groups(
    ar_span: np.ndarray, car: np.ndarray, starts: np.ndarray
) -> list[TestResult | None]:
    """Wilcoxon signed-rank test of every group (rows ``starts[g]`` .. next start)."""
    n_g = len(starts)
    gid = np.repeat(np.arange(n_g), np.diff(np.r_[starts, len(ar_span)]))
    out = []
    for x in (ar_span, car):
        w_plus, n, ties, sq = _signed_rank_sums(x, gid, n_g)
        out.append((np.where(n > 0, w_plus, np.nan), _wilcoxon_p(w_plus, n, ties, sq)))
    (d, dp), (w, wp) = out
    return [TestResult(*r) for r in zip(d, dp, w, wp, strict=True)]


def portfolio_groups(
    cell_ar: np.ndarray,
    cell_n: np.ndarray,
    cell_group: np.ndarray,
    n_g: int,
    est: np.ndarray,
    span: np.ndarray,
    win: np.ndarray,
) -> list[TestResult | None]:
    """Portfolio test of every group from its calendar-date cells (see :mod:`.portfolio`).

    ``cell_ar``/``cell_n`` (q, L) per (group, day-0 date) cell, ``cell_group`` (q,).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        par = cell_ar / cell_n
        e = par[:, est]
        m = np.isfinite(e).sum(axis=1)
        mean = np.nansum(e, axis=1) / m
        dev = np.where(np.isfinite(e), e - mean[:, None], 0.0)
        sd = np.where(m > 1, np.sqrt((dev * dev).sum(axis=1) / (m - 1)), np.nan)
        good = np.isfinite(sd) & (sd > 0)
        daily = par[:, span] / sd[:, None]
        ok = win[None, :, :] & np.isfinite(par)[:, None, :]
        wsum = np.where(ok, par[:, None, :], 0.0).sum(axis=2)
        window = wsum / (np.sqrt(ok.sum(axis=2)) * sd[:, None])
    n_good = np.bincount(cell_group[good], minlength=n_g)
    out: list[TestResult | None] = [None] * n_g
    one = np.flatnonzero(good & (n_good[cell_group] == 1))
    df = (m[one] - 1)[:, None]  # the group's only portfolio: Student t with M_p - 1 df
    dp, wp = t_p(daily[one], df), t_p(window[one], df)
    for k, q in enumerate(one):
        out[cell_group[q]] = TestResult(daily[q], dp[k], window[q], wp[k])
    many = good & (n_good[cell_group] > 1)
    if many.any():  # Z = sum_p t_p / sqrt(P), P the portfolios with a statistic
        groups = np.flatnonzero(n_good > 1)
        zd, cd = np.zeros((n_g, daily.shape[1])), np.zeros((n_g, daily.shape[1]))
        zw, cw = np.zeros((n_g, window.shape[1])), np.zeros((n_g, window.shape[1]))
        for z, cnt, v in ((zd, cd, daily), (zw, cw, window)):
            sel = v[many]
            np.add.at(z, cell_group[many], np.where(np.isfinite(sel), sel, 0.0))
            np.add.at(cnt, cell_group[many], np.isfinite(sel))
        with np.errstate(invalid="ignore", divide="ignore"):
            zd, zw = zd / np.sqrt(cd), zw / np.sqrt(cw)
        zd = np.where(cd > 0, zd, np.nan)
        for g in groups:
            out[g] = TestResult(zd[g], norm_p(zd[g]), zw[g], norm_p(zw[g]))
    return out


def bootstrap_groups(
    ar_span: np.ndarray, car: np.ndarray, starts: np.ndarray, seed: int
) -> list[TestResult | None]:
    """Bootstrap-t of every group: groups of one size share their resamples.

    Each group's bootstrap draws ``default_rng(seed).integers(0, n, (B, n))``, so groups
    with the same number n of firm-events draw the same count matrix: it is drawn once
    and applied to their columns side by side (the columns of :func:`_boot_p` are
    independent), which gives each group its own p-values exactly.
    """
    x = np.concatenate([ar_span, car], axis=1)
    n_c, n_e = x.shape[1], ar_span.shape[1]
    sizes = np.diff(np.r_[starts, len(x)])
    out: list[TestResult | None] = [None] * len(sizes)
    for size in np.unique(sizes[sizes >= 3]):  # fewer than 3: the group's own note
        same = np.flatnonzero(sizes == size)
        for lo in range(0, len(same), _BOOT_GROUPS):
            gs = same[lo : lo + _BOOT_GROUPS]
            xs = np.concatenate([x[starts[g] : starts[g] + size] for g in gs], axis=1)
            t_obs = np.concatenate(
                [cs_t(xs[:, k * n_c : (k + 1) * n_c])[0] for k in range(len(gs))]
            )
            p = _boot_p(xs, t_obs, np.random.default_rng(seed))
            for k, g in enumerate(gs):
                t, pg = t_obs[k * n_c : (k + 1) * n_c], p[k * n_c : (k + 1) * n_c]
                out[g] = TestResult(t[:n_e], pg[:n_e], t[n_e:], pg[n_e:])
    return out
