"""Put returns in event time: one row per firm-event, one column per tau.

For every firm-event the security's own trading days are counted from day 0. Without a
calendar the trading days are the rows of ``returns`` and day 0 is the first row on or
after the event date. With an exchange calendar they are that exchange's sessions, day 0
comes from :func:`reequity.data.calendars.day_zero`, and a session missing from
``returns`` (or holding NaN) stays a trading day with a missing return (a suspension).

Everything here is array indexing: no per-firm Python loop.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reequity.errors import (
    EventFormatError,
    EventOutOfRangeError,
    SuspensionWarning,
    UnknownTickerError,
)
from reequity.study.event_checks import check_event_ids, check_events
from reequity.study.frame_views import float_views
from reequity.study.gather import gather_rows, gather_windows
from reequity.study.issues import Issue

__all__ = ["Panel", "build_panel", "normalize_events", "resolve_benchmark"]


@dataclass(frozen=True, slots=True)
class Panel:
    """Firm-events in event time (n firm-events x L taus, NaN-padded).

    ``bench`` and ``factors`` carry ``pad`` extra taus on each side (leads and lags).
    """

    keys: pd.DataFrame  # event_id, ticker, day0, date, time, exchange, pos
    taus: np.ndarray  # (L,)
    ret: np.ndarray  # (n, L)
    inside: np.ndarray  # (n, D) the tau is a trading day within the data (date taus)
    dates: np.ndarray  # (n, D) datetime64[ns], NaT outside (date taus only)
    bench: np.ndarray  # (n, L + 2 pad)
    factors: np.ndarray | None  # (n, L, k)
    pad: int
    issues: list[Issue]


def normalize_events(events: pd.DataFrame, tickers: list[str]) -> pd.DataFrame:
    """Check an events table and expand it to one row per firm-event.

    Returns a frame with ``event_id`` (str), ``date`` (Timestamp), ``ticker``, ``time``,
    ``timezone``; an event without ``ticker`` applies to every ticker in ``tickers``.
    """
    if not isinstance(events, pd.DataFrame):
        raise EventFormatError(
            f"events must be a DataFrame with columns event_id and date; got {type(events).__name__}."
        )
    missing = [c for c in ("event_id", "date") if c not in events.columns]
    if missing:
        raise EventFormatError(
            f"events lacks column(s) {missing}; it has {list(events.columns)}. "
            "Give at least event_id and date (optionally ticker, time, timezone)."
        )
    from reequity.data.zones import split_instants

    ev = split_instants(events)  # an offset in a date is the event's time and zone
    ids = ev["event_id"].astype(str)
    try:
        dates = _event_dates(ev["date"])
    except (ValueError, TypeError) as exc:
        raise EventFormatError(
            f"events has an unparseable date ({exc}); use ISO dates such as 2025-04-04."
        ) from None
    if dates.isna().any():
        bad = ids[dates.isna()].tolist()
        raise EventFormatError(f"events {bad} have no date; give every event an ISO date.")
    if "ticker" not in ev.columns and ids.is_unique:  # the common case: no frame copy
        check_event_ids(ids)  # ids given once: only their length is checked
        return _every_ticker(ids, dates, ev, tickers)
    if ev is events:  # never add columns to (or retype) the caller's frame
        ev = events.copy()
    ev["event_id"], ev["date"] = ids, dates
    for col in ("time", "timezone"):
        if col not in ev.columns:
            ev[col] = None
    if "ticker" not in ev.columns:
        ev["ticker"] = None
    check_events(ev)  # one id with two dates must not collapse into one event
    blank = ev["ticker"].isna().to_numpy()
    # rows without a ticker apply to every (non-benchmark) ticker
    if blank.all() and ev["event_id"].is_unique:
        return _every_ticker(ev["event_id"], ev["date"], ev, tickers)
    if blank.any():
        crossed = (
            ev[blank].drop(columns=["ticker"]).merge(pd.DataFrame({"ticker": tickers}), how="cross")
        )
        ev = pd.concat([ev[~blank], crossed], ignore_index=True)
        ev = ev.sort_values("event_id", kind="stable", ignore_index=True)
    ev["ticker"] = ev["ticker"].astype(str)
    unknown = sorted(set(ev["ticker"]) - set(tickers))
    if unknown:
        raise UnknownTickerError(
            f"event ticker(s) {unknown} are not columns of returns; valid: {tickers[:20]}. "
            "Add the series to returns or fix the events table."
        )
    ev = ev.drop_duplicates(["event_id", "ticker"])
    return ev[["event_id", "date", "ticker", "time", "timezone"]].reset_index(drop=True)


def _event_dates(dates: pd.Series) -> pd.Series:
    """Event dates as naive midnight timestamps; a naive datetime column already at
    midnight (the usual input) is kept as it is (the same values and unit)."""
    if pd.api.types.is_datetime64_dtype(dates.dtype) and not isinstance(
        dates.dtype, pd.DatetimeTZDtype
    ):
        stamps = pd.DatetimeIndex(dates)
        day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}.get(stamps.unit, 86_400 * 10**9)
        if not (stamps.asi8[~stamps.isna()] % day).any():
            return dates
    return pd.to_datetime(dates).dt.tz_localize(None).dt.normalize()


def _every_ticker(
    ids: pd.Series, dates: pd.Series, ev: pd.DataFrame, tickers: list[str]
) -> pd.DataFrame:
    """Events given once each and applying to every ticker: a numpy cross product, by
    event id then ticker; ``time`` and ``timezone`` (columns of ``ev``) are None where
    not given. ``ids`` (str) and ``dates`` are the rows' checked ids and dates."""
    order = np.argsort(ids.to_numpy(dtype=object), kind="stable")
    rep, k = np.repeat(order, len(tickers)), len(tickers)
    none = np.full(len(rep), None, dtype=object)
    return pd.DataFrame(
        {
            "event_id": ids.array.take(rep),
            "date": dates.array.take(rep),
            "ticker": pd.array(tickers, dtype="str").take(np.tile(np.arange(k), len(ev))),
            **{c: ev[c].array.take(rep) if c in ev else none for c in ("time", "timezone")},
        }
    )


def resolve_benchmark(
    returns: pd.DataFrame, benchmark: str | pd.Series | Mapping[str, str] | None
) -> tuple[np.ndarray, dict[str, int] | int, list[str]]:
    """Turn the ``benchmark`` argument into (T x B values, column per ticker, used columns)."""
    cols = returns.columns.astype(str).tolist()  # vectorised: no Python loop per column
    if benchmark is None:
        return np.full((len(returns), 1), np.nan), 0, []
    if isinstance(benchmark, pd.Series):
        values = benchmark.reindex(returns.index).to_numpy(dtype=float)[:, None]
        return values, 0, []
    if isinstance(benchmark, str):
        if benchmark not in cols:
            raise UnknownTickerError(
                f"benchmark {benchmark!r} is not a column of returns; valid: {cols[:20]}. "
                "Pass a column name, a Series or a mapping ticker -> column."
            )
        return returns[benchmark].to_numpy(dtype=float)[:, None], 0, [benchmark]
    if isinstance(benchmark, Mapping):
        used = sorted({str(v) for v in benchmark.values()})
        bad = [v for v in used if v not in cols]
        if bad:
            raise UnknownTickerError(
                f"benchmark column(s) {bad} are not columns of returns; valid: {cols[:20]}."
            )
        where = {str(k): used.index(str(v)) for k, v in benchmark.items()}
        return returns[used].to_numpy(dtype=float), where, used
    raise UnknownTickerError(
        f"benchmark of type {type(benchmark).__name__} is not understood; pass a column name, "
        "a Series or a mapping ticker -> column."
    )


def _day0_positions(ev: pd.DataFrame, days: pd.DatetimeIndex, exchange: str | None) -> np.ndarray:
    """Position in ``days`` of each firm-event's day 0 (first day on/after the event)."""
    if exchange is None:
        return days.searchsorted(ev["date"].to_numpy(), side="left")
    from reequity.data.calendars import day_zero  # engineer A's module, imported lazily

    # one calendar look-up per distinct (date, time, timezone), not per firm-event
    trip = list(zip(ev["date"], ev["time"], ev["timezone"], strict=True))
    zero: dict[tuple[object, object, object], pd.Timestamp] = {}
    for d, t, z in dict.fromkeys(trip):
        kwargs: dict[str, object] = {"exchange": exchange}
        if not pd.isna(t):
            kwargs["time"] = str(t)
        if not pd.isna(z):
            kwargs["timezone"] = str(z)
        zero[(d, t, z)] = _naive(day_zero(d.date(), **kwargs))
    days0 = pd.DatetimeIndex([zero[k] for k in trip]).to_numpy()
    return days.searchsorted(days0, side="left")


def _naive(ts: object) -> pd.Timestamp:
    t = pd.Timestamp(ts)
    return (t.tz_localize(None) if t.tzinfo else t).normalize()


def _trading_days(
    index: pd.DatetimeIndex, exchange: str | None
) -> tuple[pd.DatetimeIndex, np.ndarray]:
    """Trading days of a group and, for each, its row in ``index`` (-1 if absent)."""
    if exchange is None:
        return index, np.arange(len(index))
    from reequity.data.calendars import sessions

    days = pd.DatetimeIndex(sessions(exchange, index[0], index[-1]))
    days = (days.tz_localize(None) if days.tz is not None else days).normalize()
    return days, index.get_indexer(days)


def _check_range(ev: pd.DataFrame, index: pd.DatetimeIndex) -> None:
    dates = ev["date"].to_numpy()
    bad = np.flatnonzero((dates < index[0].to_datetime64()) | (dates > index[-1].to_datetime64()))
    if len(bad):
        first = ev.iloc[bad[0]]
        raise EventOutOfRangeError(
            f"event {first['event_id']} on {first['date'].date()} is outside the data "
            f"({index[0].date()}..{index[-1].date()}); load returns covering the event or drop it."
        )


def build_panel(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    benchmark: str | pd.Series | Mapping[str, str] | None,
    taus: np.ndarray,
    pad: int = 0,
    calendars: Mapping[str, str] | None = None,
    factors: pd.DataFrame | None = None,
    date_taus: tuple[int, int] | None = None,
) -> Panel:
    """Build the event-time panel of returns, benchmark returns and factors.

    Parameters
    ----------
    returns : DataFrame
        Wide returns, DatetimeIndex, one column per ticker.
    events : DataFrame
        ``event_id``, ``date`` and optionally ``ticker``, ``time``, ``timezone``.
    benchmark : str, Series, Mapping or None
        Market return per ticker (see :func:`reequity.study.engine.event_study`).
    taus : ndarray
        Consecutive taus needed (estimation start .. last event-window day).
    pad : int, default 0
        Extra taus on each side of the benchmark/factors (Dimson, Scholes-Williams).
    calendars : Mapping, optional
        Ticker -> exchange code; such tickers count their own exchange's sessions.
    factors : DataFrame, optional
        Factor returns by date (columns = factors).
    date_taus : (int, int), optional
        Taus whose dates (and in-data flags) are kept; default all taus.
    """
    index = pd.DatetimeIndex(returns.index)
    index = index.tz_localize(None) if index.tz is not None else index
    day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}.get(index.unit, 86_400 * 10**9)
    if (index.asi8 % day != 0).any():  # normalize only when some date is not midnight
        index = index.normalize()
    bvals, bwhere, bcols = resolve_benchmark(returns, benchmark)
    names = returns.columns.astype(str)
    tickers = names[~names.isin(bcols)].tolist()  # vectorised: no Python loop per column
    ev = normalize_events(events, tickers)
    _check_range(ev, index)
    cal = {str(k): str(v) for k, v in (calendars or {}).items()}
    ev["exchange"] = ev["ticker"].map(cal).fillna("").astype(str) if cal else ""
    ext = np.arange(taus[0] - pad, taus[-1] + pad + 1)
    lo, hi = date_taus if date_taus is not None else (int(taus[0]), int(taus[-1]))
    direct = not cal and factors is None  # trading days are the rows of returns
    rows, dates, day0, pos = _locate(
        ev, index, ext, np.flatnonzero((ext >= lo) & (ext <= hi)), rows=not direct,
        one_calendar=not cal,
    )  # fmt: skip
    inside = ~np.isnat(dates)
    n = len(ev)
    col = returns.columns.get_indexer(ev["ticker"])
    bcol = (
        np.zeros(n, dtype=np.int64)
        if isinstance(bwhere, int)
        else _bench_columns(ev["ticker"], bwhere)
    )
    if direct:  # the frame's blocks as they are: no copy of the panel
        ret, bench = gather_windows(float_views(returns), bvals, pos, col, bcol, ext, pad)
    else:
        ret, bench = gather_rows(returns.to_numpy(dtype=float), bvals, rows, col, bcol, pad)
    fac = None
    if factors is not None:
        inner = slice(pad, pad + len(taus))
        fac = factors.reindex(index).to_numpy(dtype=float)[rows[:, inner]]
        fac[rows[:, inner] < 0] = np.nan
    keys = pd.DataFrame(
        {
            "event_id": ev["event_id"].array,
            "ticker": ev["ticker"].array,
            "day0": day0,
            # what the input checks (:mod:`.checks`) need: event date and time, calendar,
            # and day 0's position among that calendar's trading days
            "date": ev["date"].array,
            "time": ev["time"].array,
            "exchange": ev["exchange"].array if cal else "",
            "pos": pos,
        }
    )
    issues = _day0_issues(keys, ret[:, taus == 0] if (taus == 0).any() else None)
    return Panel(
        keys=keys,
        taus=taus,
        ret=ret,
        inside=inside,
        dates=dates,
        bench=bench,
        factors=fac,
        pad=pad,
        issues=issues,
    )


_CHUNK = 8192  # firm-events per chunk when materialising (n, L) arrays


def _locate(
    ev: pd.DataFrame,
    index: pd.DatetimeIndex,
    ext: np.ndarray,
    dcols: np.ndarray,
    *,
    rows: bool = True,
    one_calendar: bool = False,
) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, np.ndarray]:
    """Rows of ``returns`` for each firm-event and tau, dates of the ``dcols`` taus, day 0.

    Returns ``rows`` (n, len(ext)) int32 with -1 where there is no trading day or no row
    (None unless ``rows``), ``dates`` (n, len(dcols)) with NaT outside the trading days,
    ``day0`` (n,) and the position of day 0 among the trading days (n,; of the last
    calendar when there are several). One pass per trading calendar (the returns' rows,
    or each exchange's sessions).
    """
    n = len(ev)
    want_rows = rows
    rows = np.empty((n, len(ext)), dtype=np.int32) if want_rows else None
    day0_pos = np.zeros(n, dtype=np.int64)
    dates = day0 = None  # allocated with the calendar's datetime unit
    groups = [("", ev)] if one_calendar else ev.groupby("exchange", sort=True)
    for exchange, grp in groups:
        days, rowmap = _trading_days(index, exchange or None)
        pos = _day0_positions(grp, days, exchange or None)
        nd = len(days)
        pos = np.where(pos < nd, pos, 10 * (nd + len(ext)))  # past the data: all outside
        # slots 0 and nd + 1 of the padded maps stand for "no trading day"
        rmap = np.concatenate([[-1], rowmap, [-1]]).astype(np.int32)
        dmap = np.concatenate([[np.datetime64("NaT")], days.to_numpy(), [np.datetime64("NaT")]])
        sel = grp.index.to_numpy()
        if dates is None:  # one calendar keeps its unit; several share nanoseconds
            unit = dmap.dtype if len(grp) == n else np.dtype("datetime64[ns]")
            dates, day0 = np.empty((n, len(dcols)), dtype=unit), np.empty(n, dtype=unit)
        for lo in range(0, len(sel), _CHUNK):  # chunks: no (n, L) int64 temporaries
            c, p = sel[lo : lo + _CHUNK], pos[lo : lo + _CHUNK, None]
            if want_rows:
                rows[c] = rmap[np.clip(p + (ext + 1)[None, :], 0, nd + 1)]
            dates[c] = dmap[np.clip(p + (ext[dcols] + 1)[None, :], 0, nd + 1)]
        day0[sel] = dmap[np.minimum(pos, nd) + 1]
        day0_pos[sel] = pos
    if dates is None:  # no firm-event
        dates, day0 = np.empty((0, len(dcols)), "datetime64[ns]"), np.empty(0, "datetime64[ns]")
    return rows, dates, day0, day0_pos


def _bench_columns(tickers: pd.Series, where: dict[str, int]) -> np.ndarray:
    missing = sorted(set(tickers) - set(where))
    if missing:
        raise UnknownTickerError(
            f"no benchmark given for ticker(s) {missing}; add them to the benchmark mapping."
        )
    return tickers.map(where).to_numpy(dtype=np.int64)


def _day0_issues(keys: pd.DataFrame, ret0: np.ndarray | None) -> list[Issue]:
    """Report firm-events whose day-0 return is missing (suspension or no data)."""
    if ret0 is None:
        return []
    miss = np.isnan(ret0[:, 0])
    if not miss.any():
        return []
    issues = [
        Issue(
            str(e),
            str(t),
            "missing_day0",
            f"no return on day 0 ({pd.Timestamp(d).date() if not pd.isna(d) else 'beyond data'}): "
            "suspended or missing; the day stays in the window with a missing AR",
        )
        for e, t, d in keys.loc[miss, ["event_id", "ticker", "day0"]].itertuples(index=False)
    ]
    if issues:
        warnings.warn(
            f"{len(issues)} firm-event(s) have no return on day 0 (e.g. {issues[0].ticker} "
            f"in event {issues[0].event_id}); see results.issues.",
            SuspensionWarning,
            stacklevel=3,
        )
    return issues
