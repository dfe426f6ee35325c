"""Input checks and pairwise alignment shared by the correlation functions.

Returns frames are wide (DatetimeIndex ``date``, one column per ticker) and carry NaN on
days a market was closed or a security suspended. A missing return is never a zero
return, so every statistic is computed on the days both series (and, where needed, the
market series) have a return.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, UnknownTickerError

Pair = tuple[str, str]


def check_returns(returns: object) -> pd.DataFrame:
    """Return ``returns`` as a float frame sorted by date, or raise a clear error."""
    if not isinstance(returns, pd.DataFrame):
        raise ConfigurationError(
            f"returns must be a wide pandas DataFrame (one column per ticker), got "
            f"{type(returns).__name__}; load one with reequity.load_returns(tickers)."
        )
    if not isinstance(returns.index, pd.DatetimeIndex):
        raise ConfigurationError(
            f"returns must have a DatetimeIndex named 'date', got {type(returns.index).__name__}; "
            "use frame.set_index(pd.to_datetime(frame['date'])) first."
        )
    names = [str(c) for c in returns.columns]
    repeated = sorted({c for c in names if names.count(c) > 1})
    if repeated:
        raise ConfigurationError(
            f"returns has repeated column(s) {repeated}; keep one column per ticker "
            "(frame.loc[:, ~frame.columns.duplicated()])."
        )
    frame = returns.sort_index().astype(float)
    frame.index.name = "date"
    frame.columns = names
    _check_finite(frame)
    return frame


def _check_finite(frame: pd.DataFrame) -> None:
    """An infinite return (e.g. from a zero price) would turn every window into NaN."""
    inf = np.isinf(frame.to_numpy())
    if inf.any():
        row, col = np.argwhere(inf)[0]
        raise ConfigurationError(
            f"returns hold {int(inf.sum())} infinite value(s), e.g. {frame.columns[col]} on "
            f"{frame.index[row]:%Y-%m-%d}; replace them with NaN (frame.replace([np.inf, "
            "-np.inf], np.nan)) or fix the prices they come from."
        )


def check_tickers(returns: pd.DataFrame, tickers: Iterable[str]) -> None:
    """Raise :class:`UnknownTickerError` for a ticker that is not a column of ``returns``."""
    for ticker in tickers:
        if ticker not in returns.columns:
            raise UnknownTickerError(
                f"ticker {ticker!r} is not a column of the returns frame; valid: "
                f"{', '.join(map(str, returns.columns))}. Load it with reequity.load_returns."
            )


def resolve_pairs(returns: pd.DataFrame, pairs: Sequence[Sequence[str]] | None) -> list[Pair]:
    """All column pairs (in column order) when ``pairs`` is None, else the checked pairs."""
    if pairs is None:
        if returns.shape[1] < 2:
            raise ConfigurationError(
                f"correlation needs at least two tickers, got columns {list(returns.columns)}; "
                "pass a returns frame with two or more columns."
            )
        return [(str(a), str(b)) for a, b in combinations(returns.columns, 2)]
    resolved: list[Pair] = []
    for pair in pairs:
        if isinstance(pair, str) or len(pair) != 2:
            raise ConfigurationError(
                f"each pair must be two tickers like ('600111', 'LYC.AX'), got {pair!r}."
            )
        a, b = str(pair[0]), str(pair[1])
        if a == b:
            raise ConfigurationError(
                f"pair ({a!r}, {b!r}) names one ticker twice; use two tickers."
            )
        check_tickers(returns, (a, b))
        resolved.append((a, b))
    if not resolved:
        raise ConfigurationError("pairs is empty; pass None for all pairs or at least one pair.")
    return resolved


def aligned(returns: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Rows of ``returns[columns]`` on which every column has a return (no NaN)."""
    return returns.loc[:, list(dict.fromkeys(columns))].dropna(how="any")


#: Longest calendar gap between an event and its day 0 (China's Golden Week plus weekends
#: is 9-10 days); a longer gap means the series has no data around the event.
MAX_GAP_DAYS = 14


def event_day0(event: object, exchange: str | None) -> pd.Timestamp:
    """Day 0 of ``event`` (a row with ``date`` and optionally ``time``, ``timezone``) on
    ``exchange``: the study's rule, :func:`reequity.data.calendars.day_zero`, so one event
    has one day 0 per exchange across the package. Without an exchange the event's
    calendar date is used (a time cannot be placed against an unknown close)."""
    date = pd.Timestamp(event.date).normalize()
    if not exchange:
        return date
    from reequity.data.calendars import day_zero
    from reequity.errors import EventOutOfRangeError

    time = getattr(event, "time", None)
    zone = getattr(event, "timezone", None)
    kwargs = {"time": time} if isinstance(time, str) and time.strip() else {}
    if kwargs and isinstance(zone, str) and zone.strip():
        kwargs["timezone"] = zone
    try:
        return day_zero(date.date(), exchange=exchange, **kwargs)
    except EventOutOfRangeError:  # outside the calendar: the data check reports it
        return date


def pair_day0(event: object, exchanges: Sequence[str | None]) -> pd.Timestamp:
    """Common day 0 of several securities: the latest of their own day 0s, the first day on
    which every one of their closes can reflect the event."""
    return max(event_day0(event, ex) for ex in exchanges)


def locate_day0(index: pd.DatetimeIndex, date: pd.Timestamp) -> tuple[int | None, str]:
    """Position of day 0 (first row on or after ``date``, a day 0 from :func:`pair_day0`),
    or None and the reason."""
    pos = int(index.searchsorted(date, side="left"))
    if pos >= len(index):
        return None, "event after the last common trading day"
    if pos == 0:
        return None, f"no common returns before the event (data start {index[0]:%Y-%m-%d})"
    gap = (index[pos] - date).days
    if gap > MAX_GAP_DAYS:
        return None, (
            f"first common trading day {index[pos]:%Y-%m-%d} is {gap} days after the event "
            f"(more than {MAX_GAP_DAYS}); the series has no data around it"
        )
    return pos, ""
