"""Confounding events inside event windows, judged in each ticker's own event time.

A confounder (another market-moving event: a tariff speech, a crash) is a problem for a
firm-event when the confounder's day 0 *on that ticker's exchange* falls inside one of
its event windows. Comparing calendar dates is not enough: the US "Liberation Day"
tariffs were announced on 2025-04-02 at 16:00 in New York, after the NYSE close, so
their day 0 is 2025-04-03 in New York, Sydney and Shanghai alike.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from reequity.errors import ReequityError
from reequity.study.issues import Issue
from reequity.study.sample_issues import who

__all__ = ["confounder_hits", "confounder_issues"]


def _blank(value: object) -> bool:
    return (
        value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()
    )


def _day_zero(row: pd.Series, exchange: str, index: pd.DatetimeIndex) -> np.datetime64:
    """Day 0 of one confounder on one exchange ("" = the rows of ``returns``)."""
    date = row["date"]
    if not exchange:  # no calendar: first row of the returns on or after the date
        at = index.searchsorted(date, side="left")
        return index[at].to_datetime64() if at < len(index) else np.datetime64("NaT")
    from reequity.data.calendars import day_zero

    kwargs: dict[str, object] = {"exchange": exchange}
    if not _blank(row.get("time")):
        kwargs["time"] = str(row["time"])
        if not _blank(row.get("timezone")):
            kwargs["timezone"] = str(row["timezone"])
    try:
        day = day_zero(date.date(), **kwargs)
    except ReequityError:  # outside the calendar or a malformed time: compare the date
        return date.to_datetime64()
    return pd.Timestamp(day).to_datetime64()


def _normalise(conf: pd.DataFrame) -> pd.DataFrame:
    from reequity.data.zones import split_instants

    conf = split_instants(conf) if "event_id" in conf else conf  # offsets -> time and zone
    dates = pd.to_datetime(conf["date"])
    out = conf.assign(date=dates.dt.normalize(), event_id=conf["event_id"].astype(str))
    for col in ("time", "timezone", "title", "ticker"):
        if col not in out:
            out[col] = None
    # a confounder with a ticker (the firm's own news) concerns that ticker only
    out["ticker"] = ["" if _blank(t) else str(t).strip() for t in out["ticker"]]
    return out.reset_index(drop=True)


def _announced(row: pd.Series) -> str:
    when = f"{row['date'].date()}"
    if not _blank(row["time"]):
        when += f" {row['time']}" + ("" if _blank(row["timezone"]) else f" {row['timezone']}")
    title = "" if _blank(row["title"]) else f", {row['title']}"
    return f"{row['event_id']} ({when}{title})"


def confounder_hits(
    confounders: pd.DataFrame | None,
    car: pd.DataFrame,
    *,
    calendars: Mapping[str, str] | None,
    index: pd.DatetimeIndex,
) -> pd.DataFrame:
    """Every (firm-event, window, confounder) with the confounder's day 0 inside the window.

    Parameters
    ----------
    confounders : DataFrame or None
        ``event_id``, ``date`` and optionally ``time``, ``timezone`` (IANA; the default
        of :func:`reequity.data.calendars.day_zero` is Asia/Shanghai), ``title`` and
        ``ticker``: a row with a ticker (firm-specific news) is checked for that ticker
        only.
    car : DataFrame
        The results' ``car`` frame (``event_id, ticker, window, start, end``).
    calendars : Mapping, optional
        Ticker -> exchange code; day 0 of a confounder follows DESIGN 4 on that
        exchange. Tickers without one use the first row of ``returns`` on or after the
        confounder's date.
    index : DatetimeIndex
        Dates of ``returns`` (tz-naive, midnight).

    Returns
    -------
    DataFrame
        ``event_id, ticker, window, confounder, firm_specific, exchange, day0`` and ``k``
        (the confounder's row in the normalised table), one row per hit; empty (same
        columns) when nothing falls inside a window.
    """
    columns = ["event_id", "ticker", "window", "confounder", "firm_specific", "exchange",
               "day0", "k"]  # fmt: skip
    if confounders is None or len(confounders) == 0 or len(car) == 0:
        return pd.DataFrame(columns=columns)
    conf = _normalise(confounders)
    return _hits(conf, car, calendars, index)[columns]


def _hits(
    conf: pd.DataFrame,
    car: pd.DataFrame,
    calendars: Mapping[str, str] | None,
    index: pd.DatetimeIndex,
) -> pd.DataFrame:
    cal = {str(k): str(v) for k, v in (calendars or {}).items()}
    codes, tickers = pd.factorize(car["ticker"])
    exchange = np.array([cal.get(str(t), "") for t in tickers], dtype=object)[codes]
    names, ex_code = np.unique(exchange.astype(str), return_inverse=True)
    # day 0 of every confounder on every exchange present: a few calendar look-ups
    day0 = np.array(
        [[_day_zero(row, str(ex), index) for _, row in conf.iterrows()] for ex in names],
        dtype="datetime64[ns]",
    ).reshape(len(names), len(conf))
    d0 = day0[ex_code.ravel()]  # (car rows, confounders)
    start = car["start"].to_numpy(dtype="datetime64[ns]")[:, None]
    end = car["end"].to_numpy(dtype="datetime64[ns]")[:, None]
    own = conf["event_id"].to_numpy()[None, :] == car["event_id"].astype(str).to_numpy()[:, None]
    firm = conf["ticker"].to_numpy(dtype=object)[None, :]
    applies = (firm == "") | (firm == car["ticker"].astype(str).to_numpy(dtype=object)[:, None])
    rows, ks = np.nonzero((d0 >= start) & (d0 <= end) & ~own & applies)
    return pd.DataFrame(
        {
            "event_id": car["event_id"].astype(str).to_numpy()[rows],
            "ticker": car["ticker"].astype(str).to_numpy()[rows],
            "window": car["window"].astype(str).to_numpy()[rows],
            "confounder": conf["event_id"].to_numpy(dtype=object)[ks],
            "firm_specific": conf["ticker"].to_numpy(dtype=object)[ks] != "",
            "exchange": exchange[rows],
            "day0": d0[rows, ks],
            "k": ks,
        }
    )


def confounder_issues(
    confounders: pd.DataFrame | None,
    car: pd.DataFrame,
    *,
    calendars: Mapping[str, str] | None,
    index: pd.DatetimeIndex,
) -> list[Issue]:
    """Issues for confounders whose day 0 falls inside a ticker's event window.

    Parameters are those of :func:`confounder_hits`; a firm-specific confounder's message
    starts "firm-specific:".

    Returns
    -------
    list of Issue
        Kind ``confounder``: one row per (study event,
        confounder, windows hit) naming the windows and the confounder's day 0 per
        exchange; ``ticker`` is empty when several tickers share the row.
    """
    if confounders is None or len(confounders) == 0 or len(car) == 0:
        return []
    conf = _normalise(confounders)
    hits = _hits(conf, car, calendars, index)
    if len(hits) == 0:
        return []
    return _rows(hits, conf, car)


def _rows(hits: pd.DataFrame, conf: pd.DataFrame, car: pd.DataFrame) -> list[Issue]:
    """One issue row per (study event, confounder, windows hit)."""
    per_ticker = hits.groupby(["event_id", "k", "ticker"], sort=False).agg(
        windows=("window", lambda w: ", ".join(dict.fromkeys(w))),
        exchange=("exchange", "first"),
        day0=("day0", "first"),
    )
    total = car.groupby(car["event_id"].astype(str))["ticker"].nunique()
    out: list[Issue] = []
    for (event_id, k, windows), grp in per_ticker.reset_index().groupby(
        ["event_id", "k", "windows"], sort=False
    ):
        days = grp.groupby("day0")["exchange"].agg(lambda e: ", ".join(sorted(set(e)) or ""))
        where = "; ".join(
            f"{pd.Timestamp(d).date()}" + (f" on {ex}" if ex else "") for d, ex in days.items()
        )
        text = f"{_announced(conf.iloc[int(k)])} has day 0 {where}, inside window(s) {windows}"
        if conf["ticker"].iat[int(k)]:  # the firm's own news: a confounder for it alone
            text = f"firm-specific: {text}"
        tickers = grp["ticker"].to_numpy(dtype=object)
        if len(tickers) > 1:
            text = f"{who(tickers, int(total[event_id]))}: {text}"
        ticker = str(tickers[0]) if len(tickers) == 1 else ""
        out.append(Issue(str(event_id), ticker, "confounder", text))
    return out
