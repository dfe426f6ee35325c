"""What the engine finds about the derived firm-events before any frame is shaped.

:meth:`EventStudy.fit` calls :func:`find_flags` after :func:`reequity.study.derive.derive`:
the dates each event window starts and ends on, the price-limit hits of each event-time
day, and the confounders whose day 0 falls inside a window (issues, with a
``ConfounderWarning``). :mod:`reequity.study.frames` only puts these in the result frames.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.errors import ConfounderWarning
from reequity.study.confounders import confounder_issues
from reequity.study.issues import Issue

if TYPE_CHECKING:
    from reequity.study.align import Panel
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy

__all__ = ["LIMIT_TOLERANCE", "Flags", "confounder_findings", "find_flags", "limit_hits"]

#: a return within this of the day's price limit counts as a hit (a 10 % limit stops the
#: price at the tick rounded from prev close * 1.1: 9.95 % is a hit, not a free move)
LIMIT_TOLERANCE = 0.005


@dataclass(frozen=True, slots=True)
class Flags:
    """Per firm-event findings, aligned with the rows of :class:`Arrays` (kept ones).

    Attributes
    ----------
    start, end : ndarray of datetime64, shape (n, n_windows)
        First and last session of each event window.
    limit_hit : ndarray of bool, shape (n, E)
        |return| within :data:`LIMIT_TOLERANCE` of that day's price limit (span taus).
    """

    start: np.ndarray
    end: np.ndarray
    limit_hit: np.ndarray


def _limits(
    limits: Mapping[str, float | pd.Series], tickers: np.ndarray, dates: np.ndarray
) -> np.ndarray:
    """Daily price limit of each (firm-event, tau); a Series limit is a step function of
    the date (e.g. ChiNext: 0.10 until 2020-08-24, 0.20 after). NaN = no limit."""
    lim = np.full(dates.shape, np.nan)
    for ticker, value in limits.items():  # one pass per limited ticker, not per firm-event
        rows = tickers == ticker
        if not rows.any():
            continue
        if isinstance(value, pd.Series):
            steps = value.sort_index()
            pos = np.searchsorted(steps.index.to_numpy(), dates[rows], side="right") - 1
            lim[rows] = np.where(pos >= 0, steps.to_numpy(dtype=float)[np.maximum(pos, 0)], np.nan)
        else:
            lim[rows] = float(value)
    return lim


def limit_hits(
    limits: Mapping[str, float | pd.Series] | None,
    tickers: np.ndarray,
    dates: np.ndarray,
    ret: np.ndarray,
) -> np.ndarray:
    """Which returns hit their day's price limit.

    Parameters
    ----------
    limits : Mapping, optional
        Ticker -> limit (0.10) or a Series of limits by the date each applies from.
    tickers : ndarray, shape (n,)
        Ticker of each firm-event.
    dates, ret : ndarray, shape (n, E)
        Date and return of each (firm-event, event-time day).

    Returns
    -------
    ndarray of bool, shape (n, E)
        False where the ticker has no limit or the return is missing.
    """
    lim = _limits(limits or {}, tickers, dates)
    with np.errstate(invalid="ignore"):
        hit = np.abs(ret) >= (lim - LIMIT_TOLERANCE)
    return hit & np.isfinite(lim)


def _window_dates(panel: Panel, a: Arrays) -> tuple[np.ndarray, np.ndarray]:
    """First and last session (n, n_windows) of each firm-event's event windows."""
    dates = panel.dates[a.keep]  # span taus only
    n_w = a.car.shape[1]
    bounds = [np.flatnonzero(a.win[j][a.span])[[0, -1]] for j in range(n_w)]  # within span
    start = np.stack([dates[:, b[0]] for b in bounds], axis=1)
    end = np.stack([dates[:, b[1]] for b in bounds], axis=1)
    return start, end


def find_flags(spec: EventStudy, panel: Panel, a: Arrays) -> Flags:
    """Window dates and price-limit hits of the kept firm-events (see :class:`Flags`)."""
    start, end = _window_dates(panel, a)
    tickers = a.params["ticker"].to_numpy()
    hits = limit_hits(spec.price_limits, tickers, panel.dates[a.keep], a.ret)
    return Flags(start=start, end=end, limit_hit=hits)


def confounder_findings(spec: EventStudy, a: Arrays, flags: Flags) -> list[Issue]:
    """Confounders inside a ticker's event windows (its own event time), with a warning.

    Returns the ``confounder`` issues of
    :func:`reequity.study.confounders.confounder_issues` and emits one
    ``ConfounderWarning`` naming the first, attributed to the caller of ``fit()``.
    """
    if spec.confounders is None or len(spec.confounders) == 0 or len(a.params) == 0:
        return []
    n, n_w = flags.start.shape
    rows = np.tile(np.arange(n), n_w)  # window-major, as the ``car`` frame
    keys = a.params
    windows = pd.DataFrame(
        {
            "event_id": keys["event_id"].array.take(rows),
            "ticker": keys["ticker"].array.take(rows),
            "window": np.repeat(np.asarray(spec.window_spec.labels, dtype=object), n),
            "start": flags.start.T.ravel(),
            "end": flags.end.T.ravel(),
        }
    )
    index = pd.DatetimeIndex(spec.returns.index)
    index = (index.tz_localize(None) if index.tz is not None else index).normalize()
    out = confounder_issues(spec.confounders, windows, calendars=spec.calendars, index=index)
    if len(out):
        warnings.warn(
            f"{len(out)} confounding event(s) inside event windows, e.g. "
            f"{out[0].message}; see results.issues.",
            ConfounderWarning,
            stacklevel=3,  # this function <- fit() <- the caller
        )
    return out
