"""Time zones and announcement instants of events.

An event time can be given three ways, and all three must give the same day 0:

* a date, a ``HH:MM`` time and an IANA zone (``2025-10-10``, ``12:30``, ``Asia/Shanghai``);
* an instant with a UTC offset in the date itself (``2025-10-09T23:30:00-05:00``);
* a date, a time and a fixed-offset zone (``UTC-05:00``, ``+05:30``, ``Z``).

This module turns each into one representation, (local date, ``HH:MM``, zone name), where the
zone is an IANA name or a fixed offset spelled ``UTC±HH:MM``. Nothing here drops an offset:
``tz_localize(None)`` on an aware timestamp would keep the wall-clock time of a zone the
caller never named and silently move day 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from reequity.errors import EventFormatError

__all__ = ["When", "parse_when", "parse_zone", "split_instants", "zone_name"]

# a fixed offset: "UTC", "Z", "+05:30", "-0500", "UTC+8", "GMT-05:00"
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$", re.I)
# an ISO date, optionally with a clock time (seconds and fractions allowed) and an offset
_WHEN = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[T ](?P<time>\d{1,2}:\d{2})(?::\d{2}(?:\.\d{1,9})?)?\s*(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?)?$"
)


def parse_zone(name: object) -> tzinfo:
    """The ``tzinfo`` of an IANA zone name or of a fixed UTC offset.

    Parameters
    ----------
    name : str
        ``Asia/Shanghai``, ``America/New_York``...; or ``UTC``, ``Z``, ``+05:30``,
        ``UTC-05:00``, ``GMT+8`` (offsets up to 14 hours).

    Raises
    ------
    EventFormatError
        Naming the value, for anything else.

    Examples
    --------
    >>> parse_zone("UTC-05:00"), parse_zone("Asia/Shanghai").key
    (datetime.timezone(datetime.timedelta(days=-1, seconds=68400)), 'Asia/Shanghai')
    """
    text = str(name).strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET.match(text)
    if match:
        hours, minutes = int(match["h"]), int(match["m"] or 0)
        if hours > 14 or minutes > 59 or (hours == 14 and minutes):
            raise EventFormatError(
                f"time zone {text!r} is not a UTC offset between -14:00 and +14:00"
            )
        sign = -1 if match["sign"] == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        if not text or "\x00" in text or len(text) > 64:
            raise ValueError(text)
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise EventFormatError(
            f"time zone {text[:80]!r} is not an IANA zone such as Asia/Shanghai nor a UTC "
            "offset such as UTC+08:00"
        ) from exc


def zone_name(tz: tzinfo, at: pd.Timestamp) -> str:
    """Name of ``tz``: its IANA key, else its fixed offset at ``at`` as ``UTC±HH:MM``."""
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)
    if key:
        return str(key)
    offset = at.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@dataclass(frozen=True, slots=True)
class When:
    """An event date, with the clock time and zone it was given in (``""`` if none)."""

    date: pd.Timestamp  # tz-naive midnight: the local calendar date
    time: str  # "HH:MM" or ""
    zone: str  # IANA name, "UTC±HH:MM", or "" when the text named none


def parse_when(text: str) -> When | None:
    """Read an event-date cell: ``YYYY-MM-DD``, optionally ``THH:MM[:SS]`` and an offset.

    Returns None for anything else (``now``, ``today``, ``nan``, ``10/09/2025``), so the
    caller can name the value in its error. Seconds are dropped, not rounded: every close
    is on a whole minute, so ``close > instant`` holds for the floored minute exactly when
    it holds for the instant.

    Examples
    --------
    >>> parse_when("2025-10-09T23:30:00-05:00")
    When(date=Timestamp('2025-10-09 00:00:00'), time='23:30', zone='UTC-05:00')
    >>> parse_when("now") is None
    True
    """
    match = _WHEN.match(str(text).strip())
    if match is None:
        return None
    try:
        day = pd.Timestamp(match["date"])
        clock = pd.Timestamp(f"{match['date']} {match['time']}") if match["time"] else None
    except (ValueError, OverflowError):
        return None
    if clock is not None and clock.normalize() != day:  # "24:00", "25:99"
        return None
    zone = ""
    if match["offset"]:
        if clock is None:
            return None
        try:
            tz = parse_zone(match["offset"])
        except EventFormatError:  # "+15:00": the caller names the whole cell
            return None
        zone = zone_name(tz, clock.tz_localize(tz))
    return When(day, f"{clock:%H:%M}" if clock is not None else "", zone)


def split_instants(events: pd.DataFrame) -> pd.DataFrame:
    """Rewrite ``date`` cells that carry a UTC offset as (local date, ``time``, ``timezone``).

    Aware Timestamps (one offset or many in one column) and text such as
    ``2025-10-09T23:30-05:00`` become their own local date, ``HH:MM`` and zone, so that
    day 0 follows the instant exactly; every other cell is left as it is.

    Raises
    ------
    EventFormatError
        When a row gives a time both in ``date`` (with an offset) and in ``time``.
    """
    values = events["date"]
    # text may be object or pandas' own string dtype (the default for str in pandas 3)
    textual = values.dtype == object or pd.api.types.is_string_dtype(values.dtype)
    if not (isinstance(values.dtype, pd.DatetimeTZDtype) or textual):
        return events
    out = events.copy()
    dates = out["date"].astype(object)
    for col in ("time", "timezone"):
        if col not in out:
            out[col] = None
        out[col] = out[col].astype(object)
    for i, value in zip(out.index, values, strict=True):
        found = _aware(value)
        if found is None:
            continue
        given = out.at[i, "time"]
        if not _blank(given):
            raise EventFormatError(
                f"event {out.at[i, 'event_id']!r}: date {str(value)!r} carries a time and UTC "
                f"offset and time {given!r} is given too; give the time once"
            )
        dates[i], out.at[i, "time"], out.at[i, "timezone"] = found.date, found.time, found.zone
    out["date"] = dates
    return out


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def _aware(value: object) -> When | None:
    if isinstance(value, str):
        when = parse_when(value)
        return when if when is not None and when.zone else None
    if isinstance(value, datetime) and value.tzinfo is not None:
        ts = pd.Timestamp(value)
        return When(ts.tz_localize(None).normalize(), f"{ts:%H:%M}", zone_name(ts.tzinfo, ts))
    return None
