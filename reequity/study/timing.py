"""Events whose publication time is unknown: say so, and say where day 0 may be early.

Without a time, day 0 is the first session on or after the event's calendar date (the
date rule, DESIGN 4). That is right wherever the day-0 session closes after the event's
local day has ended (New York for a Beijing date). Where it closes earlier (Sydney and
Shanghai for a Beijing date, every Asian exchange for a Washington date), news published
late that day can first reach prices on day +1. The study does not guess the hour: it
keeps the date rule and records one ``time_unknown`` issue per such event naming those
exchanges, so a reader uses windows that include day +1.
"""

from __future__ import annotations

import pandas as pd

from reequity.study.issues import Issue

__all__ = ["time_unknown_issues"]

_FALSE = {"false", "0", "no"}


def _unknown_ids(events: pd.DataFrame) -> set[str]:
    if "time_known" not in events.columns:
        return set()
    known = events["time_known"]
    unknown = known.map(lambda v: v is False or str(v).strip().lower() in _FALSE)
    return set(events.loc[unknown.astype(bool), "event_id"].astype(str))


def time_unknown_issues(events: pd.DataFrame, keys: pd.DataFrame) -> list[Issue]:
    """One ``time_unknown`` issue per studied event whose row says ``time_known`` False.

    Parameters
    ----------
    events : DataFrame
        The study's events (``event_id, date``, optionally ``timezone``, ``time_known``).
    keys : DataFrame
        The panel keys (``event_id, ticker, day0, exchange``).

    Returns
    -------
    list of Issue
        ``(event_id, "", "time_unknown", message)``
    """
    ids = _unknown_ids(events)
    if not ids:
        return []
    from reequity.data.calendars import get_calendar

    first = events.assign(event_id=events["event_id"].astype(str)).drop_duplicates("event_id")
    first = first.set_index("event_id")
    rows = keys[keys["event_id"].astype(str).isin(ids) & keys["day0"].notna()]
    out: list[Issue] = []
    for event_id, grp in rows.groupby(rows["event_id"].astype(str), sort=False):
        date = pd.Timestamp(first.at[event_id, "date"]).tz_localize(None).normalize()
        zone = first.at[event_id, "timezone"] if "timezone" in first.columns else None
        zone = str(zone) if isinstance(zone, str) and zone.strip() else "Asia/Shanghai"
        day_end = (date + pd.Timedelta(days=1)).tz_localize(zone)
        early = []
        for exchange, sub in grp.groupby(grp["exchange"].astype(str), sort=True):
            if not exchange:  # no calendar: no close time to compare
                continue
            schedule = get_calendar(exchange).schedule
            day0 = pd.Timestamp(sub["day0"].iloc[0]).normalize()
            if day0 in schedule.index and schedule.at[day0, "close"] < day_end:
                early.append(exchange)
        where = (
            f"on {', '.join(early)} that session closes before {date.date()} ends in {zone}, "
            "so news published later that day first reaches prices on day +1 there: read "
            "windows that include day +1 (e.g. -1:1 or 0:1)"
            if early
            else "every exchange's day-0 session closes after that day ends there"
        )
        out.append(
            Issue(
                str(event_id),
                "",
                "time_unknown",
                f"no publication time for this event (time_known False): day 0 is the first "
                f"session on or after {date.date()} on each exchange (date rule); {where}",
            )
        )
    return out
