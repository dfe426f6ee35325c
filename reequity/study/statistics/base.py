"""The input every test reads (one group of firm-events) and the output it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import special

from reequity.study.conventions import DEFAULT_CONVENTION, follows_estudy2

__all__ = ["Sample", "TestResult", "nan_result", "norm_p", "t_p", "cs_t"]


@dataclass(frozen=True, slots=True)
class Sample:
    """One group of firm-events (an event, or ``ALL``) in event time.

    Shapes: n firm-events, L taus (estimation start .. span end), E span taus, W event
    windows, M estimation taus, T estimation + span taus, P calendar dates of day 0.
    Sums over the group's firm-events are precomputed in one pass over all firm-events
    (:mod:`reequity.study.perfirm`), so tests never loop over or copy (n, L) arrays.
    """

    ar_span: np.ndarray  # (n, E) abnormal returns on the span taus
    est: np.ndarray  # (L,) bool, estimation taus
    span: np.ndarray  # (E,) int positions of the span taus in L
    win: np.ndarray  # (W, L) bool, taus of each event window
    sigma: np.ndarray  # (n,) residual standard deviation
    dof: np.ndarray  # (n,) residual degrees of freedom (M - k)
    n_est: np.ndarray  # (n,) estimation observations M
    sar: np.ndarray  # (n, E) standardized ARs with the forecast-error correction
    car: np.ndarray  # (n, W)
    scar: np.ndarray  # (n, W)
    cbar: np.ndarray  # (E,) mean forecast-error factor per span day (Lamb)
    est_var: np.ndarray  # (n,) variance of the estimation ARs, divisor M_i - 1
    est_pos: np.ndarray  # (n,) estimation ARs > 0
    est_count: np.ndarray  # (n,) estimation ARs present
    aar_all: np.ndarray  # (L,) cross-sectional mean AR per tau
    n_all: np.ndarray  # (L,) firm-events with an AR per tau
    cluster_ar: np.ndarray  # (P, L) sum of ARs per calendar date of day 0
    cluster_n: np.ndarray  # (P, L) ARs present per calendar date of day 0
    in_span: np.ndarray  # (T,) bool, span columns among estimation + span taus
    rank_sums: np.ndarray  # (5, T) column sums named by perfirm.RANK_SUMS
    full_count: np.ndarray  # (n,) number of ARs on estimation + span taus (T_i)
    est_sar_ranks: np.ndarray  # (n, M) ranks of the firm's estimation ARs (= of AR/S_i), 0 if none
    est_wrank: np.ndarray  # (M,) sum_i est_sar_ranks_it / (M_i + 2) over the group
    est_sorted: np.ndarray  # (n, M) each firm's estimation AR / S_i sorted ascending, NaN last
    rbar: float  # mean pairwise correlation of estimation residuals
    # GRANK's v (inf if missing), counts < v and <= v, (n, E + W) each; None: compute
    grank_counts: tuple[np.ndarray, np.ndarray, np.ndarray] | None
    convention: str = DEFAULT_CONVENTION
    seed: int = 0
    # results of tests another test builds on (patell, bmp), computed once per group
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def estudy2(self) -> bool:
        """Whether the formulas copy the R package estudy2 (see :mod:`reequity.study.conventions`)."""
        return follows_estudy2(self.convention)

    @property
    def a_span(self) -> np.ndarray:
        """ARs on the span taus, (n, E)."""
        return self.ar_span

    @property
    def n_firms(self) -> int:
        """Number of firm-events in the group."""
        return self.ar_span.shape[0]


@dataclass(frozen=True, slots=True)
class TestResult:
    """Statistic and p-value per span day (``daily``) and per window (``window``).

    A test whose window statistic is a window sum of AARs over a standard error may also
    give that error (``window_se``, one per window) and its Student-t degrees of freedom
    (``df``): the interval that inverts the test (:func:`reequity.study.frames.caar_frame`).
    """

    daily_stat: np.ndarray | None
    daily_p: np.ndarray | None
    window_stat: np.ndarray
    window_p: np.ndarray
    note: str = ""
    window_se: np.ndarray | None = None
    df: float | None = None


def nan_result(sample: Sample, note: str, *, daily: bool = True) -> TestResult:
    """All-NaN result carrying the reason."""
    e, w = len(sample.span), sample.win.shape[0]
    nd = np.full(e, np.nan) if daily else None
    return TestResult(nd, nd, np.full(w, np.nan), np.full(w, np.nan), note)


def norm_p(z: np.ndarray) -> np.ndarray:
    """Two-sided p-value of a standard-normal statistic."""
    return 2.0 * special.ndtr(-np.abs(z))


def t_p(t: np.ndarray, df: np.ndarray | float) -> np.ndarray:
    """Two-sided p-value of a Student-t statistic (NaN where df <= 0)."""
    df = np.where(np.asarray(df, dtype=float) > 0, df, np.nan)
    return 2.0 * special.stdtr(df, -np.abs(t))


def cs_t(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cross-sectional t = mean / (sd / sqrt(N)) over axis 0, and its p-value (df N-1)."""
    fin = np.isfinite(x)
    n = fin.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(fin, x, 0.0).sum(axis=0) / n
        dev = np.where(fin, x - mean, 0.0)
        var = (dev * dev).sum(axis=0) / (n - 1)
        t = mean / np.sqrt(var / n)
    t = np.where((n > 1) & (var > 0), t, np.nan)
    return t, t_p(t, n - 1)
