"""Sufficient statistics of the event-study tests, per group of firm-events, that merge.

:func:`reequity.study.blocks.event_study_blocks` reads the firm-events in blocks of event
dates. Each block reduces its rows to one :class:`Sums` per event (a few vectors of
length C = span days + windows, M estimation taus or T = M + span taus); the pooled
sample ``ALL`` is the :meth:`Sums.merge` of every event's sums, and :func:`statistics`
turns any :class:`Sums` into the test statistics. Formulas are the engine's textbook
ones on a complete panel (no missing return, so N_t = N and M_i = M for every firm):

exact from per-block sums (one pass)
    t_cs, brown_warner_1980, cda, patell, adjusted_patell, bmp, kolari_pynnonen, sign,
    generalized_sign, corrado_rank, modified_rank, corrado_sign. Means and sums of
    squares merge with Chan, Golub and LeVeque's (1979) pairwise update, so the
    cross-sectional standard deviations are as accurate as a two-pass computation.
a second pass
    grank (Kolari and Pynnonen 2011): each firm's event-window SAR is restandardized by
    the cross-sectional standard deviation of the *whole* group before it is ranked
    among the firm's estimation SARs, so the pooled counts need the pooled standard
    deviation first (:func:`grank_moved`, :func:`grank_statistic`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

__all__ = ["Layout", "Sums", "row_sums", "statistics", "grank_moved", "grank_statistic"]


@dataclass(frozen=True, slots=True)
class Layout:
    """Shapes of one study: M estimation taus, E span taus, the windows' span columns."""

    n_m: int  # estimation taus
    n_e: int  # span taus (the daily tests)
    win: np.ndarray  # (W, E) bool: span columns of each window

    @property
    def n_c(self) -> int:
        """Test columns: the span days, then one per window."""
        return self.n_e + len(self.win)

    @property
    def n_t(self) -> int:
        """Taus the rank tests rank: estimation + span."""
        return self.n_m + self.n_e


@dataclass(slots=True)
class Sums:
    """Sufficient statistics of one group of firm-events (see the module docstring)."""

    n: float
    ar_mean: np.ndarray  # (C,) mean AR per span day, mean CAR per window
    ar_m2: np.ndarray  # (C,) sum of squared deviations from ar_mean
    sar_mean: np.ndarray  # (C,) the same for SAR and SCAR
    sar_m2: np.ndarray
    sig2: float  # sum_i S_i^2 (Brown-Warner)
    est_ar: np.ndarray  # (M,) sum of estimation ARs per tau (CDA)
    kp_col: np.ndarray  # (M,) sum_i u_it, standardized estimation residuals (Kolari-Pynnonen)
    pos: np.ndarray  # (C,) firm-events with AR (CAR) > 0
    share: float  # sum_i share of positive estimation ARs (generalized sign)
    rank: np.ndarray  # (T,) sum of ranks over estimation + span taus
    sign: np.ndarray  # (T,) sum of sign(AR - median)
    est_rank: np.ndarray  # (M,) sum of ranks among the estimation ARs (GRANK)

    def merge(self, other: Sums) -> Sums:
        """The sums of the union of two disjoint groups (Chan et al. for the moments)."""
        n = self.n + other.n

        def moments(m1: np.ndarray, q1: np.ndarray, m2: np.ndarray, q2: np.ndarray) -> tuple:
            delta = m2 - m1
            return m1 + delta * (other.n / n), q1 + q2 + delta**2 * (self.n * other.n / n)

        ar_mean, ar_m2 = moments(self.ar_mean, self.ar_m2, other.ar_mean, other.ar_m2)
        sar_mean, sar_m2 = moments(self.sar_mean, self.sar_m2, other.sar_mean, other.sar_m2)
        return Sums(
            n, ar_mean, ar_m2, sar_mean, sar_m2, self.sig2 + other.sig2,
            self.est_ar + other.est_ar, self.kp_col + other.kp_col, self.pos + other.pos,
            self.share + other.share, self.rank + other.rank, self.sign + other.sign,
            self.est_rank + other.est_rank,
        )  # fmt: skip

    def sd_sar(self) -> np.ndarray:
        """Cross-sectional standard deviation (divisor N - 1) of SAR / SCAR per column."""
        return np.sqrt(self.sar_m2 / (self.n - 1))


def _moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    dev = x - mean
    return mean, np.einsum("ij,ij->j", dev, dev)


def row_sums(
    x_ar: np.ndarray,
    x_sar: np.ndarray,
    sigma: np.ndarray,
    e_ar: np.ndarray,
    ranks: np.ndarray,
    signs: np.ndarray,
    est_ranks: np.ndarray,
) -> Sums:
    """:class:`Sums` of one group's rows.

    ``x_ar``/``x_sar`` (n, C) span ARs then CARs, span SARs then SCARs; ``sigma`` (n,);
    ``e_ar`` (n, M) estimation ARs; ``ranks`` and ``signs`` (n, T) ranks over
    estimation + span taus and sign around the firm's median; ``est_ranks`` (n, M)
    ranks among the estimation ARs.
    """
    n, n_m = e_ar.shape
    ar_mean, ar_m2 = _moments(x_ar)
    sar_mean, sar_m2 = _moments(x_sar)
    # Kolari-Pynnonen: u_it = (AR_it - mean_i) / sd_i over the estimation taus (M - 1)
    e_dev = e_ar - e_ar.mean(axis=1)[:, None]
    inv_sd = 1.0 / np.sqrt(np.einsum("ij,ij->i", e_dev, e_dev) / (n_m - 1))
    return Sums(
        n=float(n), ar_mean=ar_mean, ar_m2=ar_m2, sar_mean=sar_mean, sar_m2=sar_m2,
        sig2=float(np.dot(sigma, sigma)), est_ar=e_ar.sum(axis=0), kp_col=inv_sd @ e_dev,
        pos=(x_ar > 0).sum(axis=0).astype(float),
        share=float(((e_ar > 0).sum(axis=1) / n_m).sum()),
        rank=ranks.sum(axis=0, dtype=np.float64), sign=signs.sum(axis=0),
        est_rank=est_ranks.sum(axis=0, dtype=np.float64),
    )  # fmt: skip


def _t_p(t: np.ndarray, df: float) -> np.ndarray:
    return 2.0 * special.stdtr(df, -np.abs(t))


def _norm_p(z: np.ndarray) -> np.ndarray:
    return 2.0 * special.ndtr(-np.abs(z))


def _daily_and_window(k: np.ndarray, lay: Layout) -> np.ndarray:
    """(C,): the span entries of k, then per window their sum over sqrt(window days)."""
    days = lay.win.sum(axis=1)
    return np.r_[k, (lay.win @ k) / np.sqrt(days)]


def statistics(s: Sums, lay: Layout) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every one-pass test of one group: {test: (statistic (C,), p-value (C,))}."""
    n, n_m, n_t = s.n, lay.n_m, lay.n_t
    days = np.r_[np.ones(lay.n_e), lay.win.sum(axis=1)]
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        t = s.ar_mean / (np.sqrt(s.ar_m2 / (n - 1)) / np.sqrt(n))
        out["t_cs"] = (t, _t_p(t, n - 1))
        bw = s.ar_mean * n / np.sqrt(s.sig2 * days)
        out["brown_warner_1980"] = (bw, _t_p(bw, n_m - 2.0))
        aar_est, aar_span = s.est_ar / n, s.ar_mean[: lay.n_e]
        sd = aar_est.std(ddof=1)
        cda = _daily_and_window(aar_span, lay) / sd
        out["cda"] = (cda, _t_p(cda, n_m - 1.0))
        v = (n_m - 2.0) / (n_m - 4.0)  # Var(SAR) with M - 2 df (Patell 1976)
        patell = s.sar_mean * n / np.sqrt(n * v)
        out["patell"] = (patell, _norm_p(patell))
        bmp = s.sar_mean / (s.sd_sar() / np.sqrt(n))
        out["bmp"] = (bmp, _t_p(bmp, n - 1))
        rbar = (s.kp_col @ s.kp_col - n * (n_m - 1)) / ((n_m - 1) * n * (n - 1))
        kp = np.sqrt((1 - rbar) / (1 + (n - 1) * rbar))
        out["adjusted_patell"] = (patell * kp, _norm_p(patell * kp))
        out["kolari_pynnonen"] = (bmp * kp, _t_p(bmp * kp, n - 1))
        sign = (s.pos - 0.5 * n) / np.sqrt(0.25 * n)
        out["sign"] = (sign, _norm_p(sign))
        p = s.share / n
        gs = (s.pos - n * p) / np.sqrt(n * p * (1 - p))
        out["generalized_sign"] = (gs, _norm_p(gs))
        for name, k in (
            ("corrado_rank", (s.rank - 0.5 * n * (n_t + 1)) / n),
            ("modified_rank", (s.rank / (n_t + 1) - 0.5 * n) / np.sqrt(n)),
            ("corrado_sign", s.sign / np.sqrt(n)),
        ):
            z = _daily_and_window(k[n_m:], lay) / np.sqrt((k**2).sum() / n_t)
            out[name] = (z, _norm_p(z))
    return out


def grank_moved(e_sar: np.ndarray, v: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(C, M): per test column c and estimation tau t, #{i: SAR_it > v_ic}.

    ``e_sar`` (n, M) estimation AR / S_i, ``v`` (n, C) the restandardized event SARs,
    ``mask`` a reusable (>= n, M) float32 buffer: the 0/1 mask is summed over firms by
    a BLAS product (float32 counts up to 2**24 are exact; blocks are far smaller).
    """
    n = len(e_sar)
    buf = mask[:n]
    ones = np.ones((1, n), dtype=np.float32)
    moved = np.empty((v.shape[1], e_sar.shape[1]))
    for c in range(v.shape[1]):  # columns: span days and windows (a dozen)
        np.greater(e_sar, v[:, c, None], out=buf, casting="unsafe")
        moved[c] = (ones @ buf)[0]
    return moved


def grank_statistic(
    moved: np.ndarray, est_rank: np.ndarray, n: float, n_m: int
) -> tuple[np.ndarray, np.ndarray]:
    """GRANK t and p per column from the counts of :func:`grank_moved` of a group.

    With the restandardized event SAR v_i appended to the M estimation SARs, its rank
    is 1 + M - #{t: SAR_it > v_i} and each estimation rank grows by one where
    SAR_it > v_i; U = rank / (M + 2) - 1/2 (Kolari and Pynnonen 2011).
    """
    big_t, w = n_m + 1, 1.0 / (n_m + 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        u0 = ((1 + n_m) * n - moved.sum(axis=1)) * w / n - 0.5  # (C,)
        ubar = (est_rank[None, :] + moved) * w / n - 0.5  # (C, M)
        z = u0 / np.sqrt(((ubar**2).sum(axis=1) + u0**2) / big_t)
        t = z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))
    return t, _t_p(t, big_t - 2.0)
