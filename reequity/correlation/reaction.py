"""Which market reacts first to an event: the first unusual daily move, ordered by close time.

A daily return is only observed at its market's close, so "first" is decided by the UTC
instant of the close of the session that shows the first significant move: on one
calendar date Sydney closes first (05:00/06:00 UTC), then Shanghai/Shenzhen (07:00 UTC),
then New York (20:00/21:00 UTC). See :mod:`reequity.correlation.lead_lag`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from reequity.correlation._frames import check_returns, check_tickers, event_day0, locate_day0
from reequity.correlation.conditional import _check_events
from reequity.errors import ConfigurationError

COLUMNS = ["event_id", "ticker", "exchange", "day0", "first_date", "tau", "ret", "z",
           "close_utc", "rank", "note"]  # fmt: skip


def first_reaction(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    exchanges: Mapping[str, str],
    benchmark: Mapping[str, str] | None = None,
    estimation: tuple[int, int] = (-120, -11),
    window: tuple[int, int] = (0, 5),
    level: float = 0.95,
) -> pd.DataFrame:
    """First significant abnormal move of each ticker after each event, ranked by UTC close.

    Parameters
    ----------
    returns : DataFrame
        Wide daily returns (DatetimeIndex ``date``), NaN where a market was closed.
    events : DataFrame
        ``event_id`` and ``date`` columns, optionally ``time`` and ``timezone``.
    exchanges : mapping
        Ticker -> exchange MIC (XSHG, XSHE, XASX, XNYS, XNAS, ARCX), e.g. from the
        universe's ``exchange`` column; decides the close instant of each session.
    benchmark : mapping, optional
        Ticker -> market column of ``returns``; if given, abnormal returns are the event
        study's ``market_adjusted`` ones (``r - r_m``), which keeps a market-wide crash
        from counting as a reaction. Otherwise raw returns are used.
    estimation, window : tuple of int
        Trading days of the ticker (its own non-missing rows) relative to day 0, the
        event study's day 0 on the ticker's exchange (event date, time and zone against
        the close, :func:`reequity.data.calendars.day_zero`): the mean and standard deviation come from
        ``estimation``; the search runs through ``window``.
    level : float, default 0.95
        Two-sided level: a move is significant when ``|z| > q``.

    Returns
    -------
    DataFrame
        ``event_id, ticker, exchange, day0, first_date, tau, ret`` (abnormal return),
        ``z``, ``close_utc`` (close of ``first_date`` on the ticker's exchange),
        ``rank`` (1 = first to react within the event; NaN without a significant move),
        ``note``.

    Notes
    -----
    ``z = (ar_tau - mean(ar_est)) / sd(ar_est)``, the standardised abnormal return of a
    single day (as in Patell 1976 without the forecast-error correction). Ties in close
    time (same exchange, same day) share a rank.
    """
    frame = check_returns(returns)
    table = _check_events(events)
    # a universe-wide exchange mapping is fine: study the return columns it covers
    benchmarks = set((benchmark or {}).values())
    tickers = [t for t in exchanges if t in frame.columns and t not in benchmarks]
    if not tickers:
        raise ConfigurationError(
            f"no column of returns ({', '.join(map(str, frame.columns))}) has an exchange in "
            "`exchanges`; map each ticker to its exchange, e.g. {'LYC.AX': 'XASX'}."
        )
    check_tickers(frame, [*tickers, *benchmarks])
    if estimation[1] >= window[0]:
        raise ConfigurationError(
            f"estimation={estimation!r} must end before window={window!r} starts."
        )
    crit = float(stats.norm.ppf(0.5 + level / 2.0))
    rows = [
        _first_move(
            _abnormal(frame, t, benchmark), event, t, exchanges[t], estimation, window, crit
        )
        for event in table.itertuples(index=False)
        for t in tickers
    ]
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["rank"] = out.groupby("event_id")["close_utc"].rank(method="min")
    return out.astype({"tau": "Int64", "rank": "Int64"})


def _abnormal(frame: pd.DataFrame, ticker: str, benchmark: Mapping[str, str] | None) -> pd.Series:
    """The ticker's abnormal returns under the study's ``market_adjusted`` model (E[R] =
    R_m, AR = R - E[R]: :func:`reequity.study.models.fit_model`,
    :func:`reequity.study.derive.abnormal_returns`) on the days both traded; its raw
    returns without a benchmark."""
    if not (benchmark and ticker in benchmark):
        return frame[ticker].dropna()
    from reequity.study.derive import abnormal_returns
    from reequity.study.models import fit_model

    ret = frame[ticker].to_numpy()[None, :]
    market = frame[benchmark[ticker]].to_numpy()[None, :]
    # the fit's estimation days do not matter here: market_adjusted has no parameters
    fit = fit_model(ret, market, np.ones(ret.shape[1], dtype=bool), model="market_adjusted")
    ar = abnormal_returns(ret, fit.expected_rows(slice(None)))[0]
    return pd.Series(ar, index=frame.index, name=ticker).dropna()


def _first_move(
    ar: pd.Series,
    event: tuple,
    ticker: str,
    exchange: str,
    estimation: tuple[int, int],
    window: tuple[int, int],
    crit: float,
) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(COLUMNS, math.nan)
    row.update(event_id=event.event_id, ticker=ticker, exchange=exchange, day0=pd.NaT,
               first_date=pd.NaT, close_utc=pd.NaT, note="")  # fmt: skip
    day0, reason = locate_day0(ar.index, event_day0(event, exchange))
    if day0 is None:
        row["note"] = reason
        return row
    est = ar.iloc[max(day0 + estimation[0], 0) : max(day0 + estimation[1] + 1, 0)]
    if len(est) < 10 or est.std() == 0:
        row["note"] = f"too little data before the event ({len(est)} estimation days)"
        return row
    row["day0"] = ar.index[day0]
    z = (ar.iloc[day0 + window[0] : day0 + window[1] + 1] - est.mean()) / est.std()
    hits = np.flatnonzero(z.abs().to_numpy() > crit)
    if not len(hits):
        row["note"] = f"no |z| > {crit:.2f} in days {window[0]}..{window[1]}"
        return row
    date = z.index[hits[0]]
    row.update(first_date=date, tau=window[0] + int(hits[0]), ret=ar[date], z=z.iloc[hits[0]])
    row["close_utc"] = _close_utc(date, exchange)
    if pd.isna(row["close_utc"]):
        row["note"] = f"{date:%Y-%m-%d} is not a {exchange} session in exchange_calendars"
    return row


def _close_utc(date: pd.Timestamp, exchange: str) -> pd.Timestamp:
    from reequity.data.calendars import get_calendar

    calendar = get_calendar(exchange)
    if not calendar.is_session(date):
        return pd.NaT
    return calendar.session_close(date)
