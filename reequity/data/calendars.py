"""Exchange trading calendars and day-0 alignment of events.

Sessions come from ``exchange_calendars``. The Shenzhen exchange (XSHE) shares the
Shanghai holidays, so it is registered as an alias of XSHG; NYSE Arca (ARCX) trades on the
NYSE calendar. Day 0 follows DESIGN §4: with a date only, the first session on or after
that calendar date; with a time, the first session whose close is at or after the
announcement instant.
"""

from __future__ import annotations

import datetime
import warnings
from functools import lru_cache

import exchange_calendars as xcals
import pandas as pd

from reequity.data.zones import parse_when, parse_zone
from reequity.errors import ConfigurationError, EventFormatError, EventOutOfRangeError

__all__ = ["CALENDAR_START", "day_zero", "get_calendar", "is_session", "sessions"]

#: First date of every calendar built here (the shipped data start in 2009).
CALENDAR_START = pd.Timestamp("2000-01-04")

# exchange id -> exchange_calendars name (one place for the aliases)
_ALIASES: dict[str, str] = {
    "XSHG": "XSHG",
    "XSHE": "XSHG",  # Shenzhen follows the Shanghai holiday schedule
    "XASX": "XASX",
    "XNYS": "XNYS",
    "XNAS": "XNAS",
    "ARCX": "XNYS",  # NYSE Arca equities follow NYSE sessions
}


@lru_cache(maxsize=16)
def _build(name: str) -> xcals.ExchangeCalendar:
    with warnings.catch_warnings():
        # exchange_calendars 4.13 touches a pandas-4-deprecated API while building; not ours
        warnings.filterwarnings("ignore", message="Series.values returning an ndarray")
        return xcals.get_calendar(name, start=CALENDAR_START)


def get_calendar(exchange: str) -> xcals.ExchangeCalendar:
    """Return the (cached) ``exchange_calendars`` calendar of an exchange.

    Parameters
    ----------
    exchange : str
        ISO MIC: XSHG, XSHE (alias of XSHG), XASX, XNYS, XNAS or ARCX (alias of XNYS).

    Raises
    ------
    ConfigurationError
        For an exchange that is not one of those.
    """
    key = str(exchange).upper()
    if key not in _ALIASES:
        raise ConfigurationError(
            f"unknown exchange {exchange!r}; valid: {', '.join(_ALIASES)}; "
            "use the exchange column of the universe"
        )
    return _build(_ALIASES[key])


def _bounds_check(date: pd.Timestamp, exchange: str) -> None:
    cal = get_calendar(exchange)
    if date < cal.first_session:
        raise EventOutOfRangeError(
            f"date {date.date()} is before the {exchange} calendar's first session "
            f"{cal.first_session.date()}; use a later date"
        )
    if date > cal.last_session:
        raise EventOutOfRangeError(
            f"date {date.date()} is after the {exchange} calendar's last session "
            f"{cal.last_session.date()}; use an earlier date"
        )


def _as_date(value: object, what: str = "date") -> pd.Timestamp:
    if isinstance(value, str) and parse_when(value) is None:  # "now", "today", "nan"
        raise EventFormatError(
            f"{what} {value[:80]!r} is not a date; give an ISO date such as 2025-04-04"
        )
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise EventFormatError(
            f"{what} {value!r} is not a date; give an ISO date such as 2025-04-04"
        ) from exc
    if ts is pd.NaT or pd.isna(ts):
        raise EventFormatError(f"{what} {value!r} is missing; give an ISO date such as 2025-04-04")
    return ts.tz_localize(None).normalize() if ts.tzinfo else ts.normalize()


def sessions(exchange: str, start: object, end: object) -> pd.DatetimeIndex:
    """Trading sessions of ``exchange`` between ``start`` and ``end`` inclusive.

    Returns
    -------
    pandas.DatetimeIndex
        Tz-naive midnight dates named ``date``; dates outside the calendar's bounds are
        clipped to them.

    Examples
    --------
    >>> sessions("XSHG", "2025-10-01", "2025-10-10").strftime("%m-%d").tolist()
    ['10-09', '10-10']
    """
    cal = get_calendar(exchange)
    lo = max(_as_date(start, "start"), cal.first_session)
    hi = min(_as_date(end, "end"), cal.last_session)
    if lo > hi:
        return pd.DatetimeIndex([], name="date", dtype="datetime64[ns]")
    out = cal.sessions_in_range(lo, hi)
    return pd.DatetimeIndex(out.tz_localize(None) if out.tz else out, name="date", freq=None)


def is_session(date: object, exchange: str) -> bool:
    """Whether ``date`` is a trading session of ``exchange`` (False outside the bounds).

    Examples
    --------
    >>> is_session("2025-04-04", "XSHG"), is_session("2025-04-04", "XASX")
    (False, True)
    """
    ts = _as_date(date)
    cal = get_calendar(exchange)
    if ts < cal.first_session or ts > cal.last_session:
        return False
    return bool(cal.is_session(ts))


def day_zero(
    date: object,
    *,
    exchange: str,
    time: str | None = None,
    timezone: str = "Asia/Shanghai",
) -> pd.Timestamp:
    """Day 0 of an event for a security trading on ``exchange``.

    Parameters
    ----------
    date : date-like
        Calendar date of the announcement in ``timezone``; or an instant carrying its own
        UTC offset (an aware Timestamp, ``"2025-10-09T23:30-05:00"``), then converted to
        the exchange's zone like any timed event (``time`` must then be empty).
    exchange : str
        Exchange of the security (see :func:`get_calendar`).
    time : str, optional
        Local announcement time ``HH:MM``. Without it (None, NaN or "") day 0 is the first session on or
        after ``date``; with it, the first session whose close is strictly after the
        instant (an announcement at or after the close moves to the next session, since
        the closing price cannot reflect it).
    timezone : str
        IANA zone of ``date`` and ``time``, or a fixed offset such as ``UTC-05:00``;
        default ``Asia/Shanghai`` (Beijing time).

    Returns
    -------
    pandas.Timestamp
        Tz-naive midnight date of the session.

    Raises
    ------
    EventOutOfRangeError
        When the date lies outside the calendar's bounds (the bound is named).
    EventFormatError
        For an unparseable date, time or time zone.

    Examples
    --------
    >>> day_zero("2025-04-04", exchange="XSHG").date()
    datetime.date(2025, 4, 7)
    >>> day_zero("2025-04-04", exchange="XASX", time="16:30", timezone="Australia/Sydney").date()
    datetime.date(2025, 4, 7)
    """
    cal = get_calendar(exchange)
    instant = _given_instant(date, time)
    if instant is None:
        day = _as_date(date)
        # catalogue and CSV rows without a time carry "" or NaN: that is a date-only event
        if time is None or pd.isna(time) or not str(time).strip():
            _bounds_check(day, exchange)
            return _first_session_on_or_after(day, exchange)
        instant = _instant(day, str(time).strip(), timezone)
    _bounds_check(instant.tz_convert(cal.tz).tz_localize(None).normalize(), exchange)
    local_day = instant.tz_convert(cal.tz).tz_localize(None).normalize()
    start = local_day - pd.Timedelta(days=1)
    window = cal.schedule.loc[max(start, cal.first_session) :]
    # strictly after: an announcement at the closing bell cannot be in that close
    after = window.index[window["close"] > instant]
    if len(after) == 0:
        raise EventOutOfRangeError(
            f"announcement {instant.isoformat()} is after the last {exchange} close in the "
            f"calendar ({cal.last_session.date()}); use an earlier date"
        )
    return pd.Timestamp(after[0]).tz_localize(None) if after[0].tzinfo else pd.Timestamp(after[0])


def _first_session_on_or_after(day: pd.Timestamp, exchange: str) -> pd.Timestamp:
    cal = get_calendar(exchange)
    if cal.is_session(day):
        return day
    try:
        nxt = cal.date_to_session(day, direction="next")
    except ValueError as exc:  # past the last session
        raise EventOutOfRangeError(
            f"no {exchange} session on or after {day.date()} within the calendar "
            f"(last session {cal.last_session.date()}); use an earlier date"
        ) from exc
    return pd.Timestamp(nxt).tz_localize(None) if nxt.tzinfo else pd.Timestamp(nxt)


def _given_instant(date: object, time: object) -> pd.Timestamp | None:
    """The instant of a date that carries its own offset (an aware Timestamp or text such as
    ``2025-10-09T23:30-05:00``); None for a plain date. Its offset is honoured, never
    dropped: the wall-clock time alone would name a different instant."""
    when = parse_when(date) if isinstance(date, str) else None
    if when is not None and when.zone:
        ts = pd.Timestamp(f"{when.date.date()} {when.time}").tz_localize(parse_zone(when.zone))
    elif isinstance(date, (pd.Timestamp, datetime.datetime)) and date.tzinfo is not None:
        ts = pd.Timestamp(date)
    else:
        return None
    if time is not None and not pd.isna(time) and str(time).strip():
        raise EventFormatError(
            f"date {str(date)!r} carries a time and UTC offset and time {time!r} is given too; "
            "give the time once"
        )
    return ts


def _instant(day: pd.Timestamp, time: str, timezone: str) -> pd.Timestamp:
    try:
        clock = pd.Timestamp(f"{day.date()} {time}")
    except (TypeError, ValueError) as exc:
        raise EventFormatError(
            f"time {time!r} is not a clock time; give HH:MM, e.g. 16:30"
        ) from exc
    if clock.normalize() != day:
        raise EventFormatError(f"time {time!r} is not a clock time; give HH:MM, e.g. 16:30")
    zone = parse_zone(timezone)  # an IANA name or a fixed offset such as UTC-05:00
    return clock.tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
