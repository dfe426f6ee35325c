"""Rolling correlations of daily returns across markets with different holidays."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from reequity.correlation._frames import aligned, check_returns, resolve_pairs
from reequity.errors import ConfigurationError

COLUMNS = ["date", "ticker_a", "ticker_b", "correlation", "n_obs"]


def rolling_correlation(
    returns: pd.DataFrame,
    *,
    pairs: Sequence[Sequence[str]] | None = None,
    window: int = 60,
    min_periods: int | None = None,
) -> pd.DataFrame:
    """Rolling Pearson correlation of each pair of return series.

    Parameters
    ----------
    returns : DataFrame
        Wide daily returns (DatetimeIndex ``date``, one column per ticker), NaN on days
        a market was closed or a security suspended.
    pairs : sequence of (str, str), optional
        Pairs ``(ticker_a, ticker_b)`` to correlate. None (default) means every pair of
        columns, in column order.
    window : int, default 60
        Window length in common trading days of the pair (rows where both series have a
        return), at least 2.
    min_periods : int, optional
        Fewest observations in a window for a value; default ``window``. Between 2 and
        ``window``.

    Returns
    -------
    DataFrame
        Tidy frame with columns ``date, ticker_a, ticker_b, correlation, n_obs``: one row
        per pair and common trading day, ``n_obs`` being the observations in the window
        ending that day (``correlation`` is NaN while ``n_obs < min_periods``).

    Notes
    -----
    Each pair is aligned on the days both series have a return; a closed market is
    missing, never a zero return. The window is counted in those common days, so a
    60-day correlation of a Shanghai and a Sydney stock always uses 60 return pairs.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> idx = pd.bdate_range("2025-01-01", periods=30, name="date")
    >>> r = pd.DataFrame(rng.normal(size=(30, 2)), index=idx, columns=["A", "B"])
    >>> rolling_correlation(r, window=20).dropna().shape
    (11, 5)
    """
    frame = check_returns(returns)
    min_periods = _check_window(window, min_periods)
    parts = [
        _pair_rolling(frame, a, b, window=window, min_periods=min_periods)
        for a, b in resolve_pairs(frame, pairs)
    ]
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _check_window(window: int, min_periods: int | None) -> int:
    if not isinstance(window, int) or window < 2:
        raise ConfigurationError(
            f"window must be an integer of at least 2 trading days, got {window!r}; try 60."
        )
    min_periods = window if min_periods is None else min_periods
    if not isinstance(min_periods, int) or not 2 <= min_periods <= window:
        raise ConfigurationError(
            f"min_periods must be an integer between 2 and window={window}, got {min_periods!r}."
        )
    return min_periods


def _pair_rolling(
    frame: pd.DataFrame, a: str, b: str, *, window: int, min_periods: int
) -> pd.DataFrame:
    pair = aligned(frame, [a, b])
    roll = pair[a].rolling(window, min_periods=min_periods)
    corr = roll.corr(pair[b])
    n_obs = pair[a].rolling(window, min_periods=1).count().astype(int)
    # A constant window has no correlation; pandas may return +-inf or noise there.
    corr = corr.where(corr.abs() <= 1.0 + 1e-12).clip(-1.0, 1.0)
    out = pd.DataFrame(
        {"date": pair.index, "ticker_a": a, "ticker_b": b, "correlation": corr.to_numpy()}
    )
    out["n_obs"] = n_obs.to_numpy()
    return out
