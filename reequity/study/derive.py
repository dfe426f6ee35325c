"""From fitted models to abnormal returns: AR, SAR, CAR, SCAR and BHAR for all firm-events.

SAR_it = AR_it / (S_i sqrt(C_it)) with the forecast-error factor C_it; the CAR variance is
S_i^2 (L_w + s' (X_e'X_e)^-1 s) with s the window sum of regressors (Campbell, Lo and
MacKinlay 1997, eq. 4.4.12-4.4.16).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reequity.study.align import Panel
from reequity.study.arrays import take_cols
from reequity.study.conventions import follows_estudy2
from reequity.study.models import ModelFit
from reequity.study.windows import WindowSpec

__all__ = ["Arrays", "abnormal_returns", "derive"]


@dataclass(frozen=True, slots=True)
class Arrays:
    """Everything derived per firm-event (only the kept ones)."""

    keep: np.ndarray
    est: np.ndarray
    span: np.ndarray
    win: np.ndarray
    ret: np.ndarray  # (n, E) span taus
    expected: np.ndarray  # (n, E) span taus
    ar: np.ndarray  # (n, L)
    sar: np.ndarray
    car: np.ndarray
    scar: np.ndarray
    bhar: np.ndarray
    n_days: np.ndarray
    sigma: np.ndarray
    n_est: np.ndarray
    dof: np.ndarray
    lamb_c: np.ndarray  # (n, E) forecast-error factor used by Lamb
    cluster: np.ndarray
    params: pd.DataFrame
    full_cols: np.ndarray  # (L,) bool, estimation + span taus (what rank tests rank)
    in_span: np.ndarray  # (T,) span columns among ``full_cols``


def _estudy2_factor(panel: Panel, fit: ModelFit, est: np.ndarray) -> np.ndarray:
    """estudy2's correction: market mean and Sxx over every estimation day of the index."""
    L = panel.ret.shape[1]
    m = panel.bench[:, panel.pad : panel.pad + L]
    w = est[None, :] & np.isfinite(m)
    with np.errstate(invalid="ignore", divide="ignore"):
        mbar = np.where(w, m, 0).sum(axis=1) / w.sum(axis=1)
        sxx = np.where(w, (m - mbar[:, None]) ** 2, 0).sum(axis=1)
        return 1 + 1 / fit.n_est[:, None] + (m - mbar[:, None]) ** 2 / sxx[:, None]


def _window_stats(
    ar_s: np.ndarray,
    ret_s: np.ndarray,
    exp_s: np.ndarray,
    fit: ModelFit,
    span: np.ndarray,
    win_s: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """CAR, SCAR, BHAR and the number of AR days per firm-event and window (n, W).

    Missing ARs (suspensions) are skipped, never zero-filled: the CAR sums the days
    present and its variance counts only them.
    """
    fin = np.isfinite(ar_s)
    n, n_w = ar_s.shape[0], win_s.shape[0]
    sig = fit.sigma
    car, scar, bhar, nd = (np.full((n, n_w), np.nan) for _ in range(4))
    for j, w in enumerate(win_s):  # loop over windows only (they lie in the span)
        wf = fin & w[None, :]
        nd[:, j] = wf.sum(axis=1)
        car[:, j] = np.where(wf, ar_s, 0.0).sum(axis=1)
        var = sig**2 * (nd[:, j] + fit.quad(wf.astype(float), span))
        with np.errstate(invalid="ignore", divide="ignore"):
            scar[:, j] = car[:, j] / np.sqrt(var)
            gross = np.where(wf, 1 + ret_s, 1.0).prod(axis=1)
            gross_e = np.where(wf, 1 + exp_s, 1.0).prod(axis=1)
        bhar[:, j] = gross - gross_e
    empty = nd == 0
    car[empty], scar[empty], bhar[empty] = np.nan, np.nan, np.nan
    return car, scar, bhar, nd


_CHUNK = 8192  # firm-events per block when computing AR


def abnormal_returns(
    ret: np.ndarray, expected: np.ndarray, *, out: np.ndarray | None = None
) -> np.ndarray:
    """The abnormal return AR = R - E[R]: the package's one definition of it.

    ``expected`` comes from a fitted model (:func:`reequity.study.models.fit_model`;
    :meth:`~reequity.study.models.ModelFit.expected_rows`). The event study applies it
    block by block in place (``out=ret``); the correlation code's first reaction
    (:func:`reequity.correlation.reaction.first_reaction`) calls it with the
    ``market_adjusted`` model. NaN where either input is NaN.

    Examples
    --------
    >>> abnormal_returns(np.array([0.03, np.nan]), np.array([0.01, 0.0])).round(4).tolist()
    [0.02, nan]
    """
    return np.subtract(ret, expected, out=out)


def _abnormal(
    ret: np.ndarray, fit: ModelFit, span: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Span returns and expected returns (copies), and AR = R - E[R] over all taus.

    The AR overwrites the panel's own event-time return array (built by
    :func:`~reequity.study.align.build_panel`, never the caller's frame), block by block,
    so no second (n, L) array is made.
    """
    ret_s = take_cols(ret, span).copy()
    exp_s = np.empty_like(ret_s)
    for lo in range(0, len(ret), _CHUNK):
        b = slice(lo, lo + _CHUNK)
        expected = fit.expected_rows(b)
        exp_s[b] = take_cols(expected, span)
        abnormal_returns(ret[b], expected, out=ret[b])
    return ret_s, exp_s, ret


def derive(
    panel: Panel, fit: ModelFit, est: np.ndarray, spec: WindowSpec, keep: np.ndarray, conv: str
) -> Arrays:
    """AR, SAR, CAR, SCAR and BHAR for the kept firm-events."""
    taus = panel.taus
    lo, hi = spec.span
    span = np.flatnonzero((taus >= lo) & (taus <= hi))
    win = np.stack([(taus >= a) & (taus <= b) for a, b in spec.windows])
    if follows_estudy2(conv) and fit.kind == "market":
        c = take_cols(_estudy2_factor(panel, fit, est), span)
    else:
        c = fit.daily_factor(span)
    sig = fit.sigma
    ret_s, exp_s, ar = _abnormal(panel.ret, fit, span)
    ar_s = take_cols(ar, span)
    with np.errstate(invalid="ignore", divide="ignore"):
        sar = ar_s / (sig[:, None] * np.sqrt(c))
    car, scar, bhar, nd = _window_stats(ar_s, ret_s, exp_s, fit, span, win[:, span])
    day0 = panel.keys["day0"].to_numpy().astype("datetime64[D]").astype(np.int64)
    params = pd.DataFrame(
        {
            "event_id": panel.keys["event_id"].array,
            "ticker": panel.keys["ticker"].array,
            **{name: fit.params[name].to_numpy() for name in fit.params.columns},
            "sigma": sig,
            "n_est": fit.n_est,
        }
    )
    k: slice | np.ndarray = slice(None) if keep.all() else keep  # views when nothing dropped
    cols = est.copy()
    cols[span] = True
    return Arrays(
        keep=keep,
        est=est,
        span=span,
        win=win,
        ret=ret_s[k],
        expected=exp_s[k],
        ar=ar[k],
        sar=sar[k],
        car=car[k],
        scar=scar[k],
        bhar=bhar[k],
        n_days=nd[k],
        sigma=sig[k],
        n_est=fit.n_est[k],
        dof=fit.n_est[k] - fit.k,
        lamb_c=c[k],
        cluster=day0[k],
        params=params if isinstance(k, slice) else params[k].reset_index(drop=True),
        full_cols=cols,
        in_span=np.isin(np.flatnonzero(cols), span),
    )
