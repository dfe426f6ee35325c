"""Clean estimation windows: drop the sessions around other events from each fit.

An estimation window that holds another market-moving day (a second policy event, a
tariff speech, the firm's own earnings release) inflates the residual variance and bends
the market beta, so every test statistic built on them is off. The remedy used since
Brown and Warner (1985) and MacKinlay (1997, s. 4.3) is to leave such days out of the
estimation sample.

Every exclusion item (the study's other firm-events, confounders, catalogue events, the
firm's own news, the user's dates) is put in each firm-event's own event time: its day 0
on the firm's exchange (:func:`reequity.data.calendars.day_zero`, honouring a publication
time) minus the firm-event's day 0, both counted in that exchange's sessions. The
sessions ``clean_window`` around it (default -1..+1) that fall inside the estimation
window are marked in one (n, L) boolean array; the engine turns the marked returns into
missing values before the model is fitted, so the model, sigma, the standardized returns
and every test see each firm-event's actual estimation length M_i.

Everything is array arithmetic over sorted integer keys: no loop over firm-events.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, ReequityError
from reequity.study.windows import DEFAULT_CLEAN_WINDOW

__all__ = ["exclusion_frame", "exclusion_mask", "naive_dates", "ExclusionInput"]

ExclusionInput = pd.DataFrame | Sequence[object] | None


def _blank(value: object) -> bool:
    return (
        value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip()
    )


# what exclusion_frame returns without items (columns of object dtype, no date)
_NO_ITEMS = pd.DataFrame({c: pd.Series(dtype=object) for c in ("ticker", "time", "timezone")})


def exclusion_frame(*parts: ExclusionInput) -> pd.DataFrame:
    """Stack exclusion items into one frame ``ticker, date, time, timezone``.

    Parameters
    ----------
    *parts : DataFrame, sequence of dates or None
        A frame with ``date`` and optionally ``ticker`` (blank = every ticker), ``time``
        and ``timezone`` (as events: a publication time moves day 0 past the close), or
        a plain sequence of dates applying to every ticker.

    Raises
    ------
    ConfigurationError
        A frame without ``date``, or a date that cannot be parsed (the value is named).
    """
    columns: dict[str, list[object]] = {"ticker": [], "time": [], "timezone": []}
    dates: list[np.ndarray] = []
    for part in parts:  # plain lists per column, one frame at the end (each EventStudy
        # makes this frame: a frame per part would cost more than the items)
        if part is None:
            continue
        frame = part if isinstance(part, pd.DataFrame) else pd.DataFrame({"date": list(part)})
        if len(frame) == 0:
            continue
        if "date" not in frame.columns:
            raise ConfigurationError(
                f"exclusion dates need a 'date' column; got {list(frame.columns)}. Give a frame "
                "with date (and optionally ticker, time, timezone) or a list of dates."
            )
        for col, out in columns.items():
            values = frame[col].tolist() if col in frame.columns else None
            out += (
                ["" if _blank(v) else str(v).strip() for v in values]
                if values is not None
                else [""] * len(frame)
            )
        parsed = pd.to_datetime(frame["date"], errors="coerce")
        if parsed.isna().any():
            bad = frame.loc[parsed.isna(), "date"].iloc[0]
            raise ConfigurationError(
                f"exclusion date {bad!r} is not a date; use ISO dates such as 2025-04-04."
            )
        if getattr(parsed.dt, "tz", None) is not None:
            parsed = parsed.dt.tz_localize(None)
        dates.append(parsed.dt.normalize().to_numpy())
    if not dates:  # the usual call: a copy of one empty frame (building it costs ~0.15 ms)
        return _NO_ITEMS.copy()
    when = np.concatenate(dates)
    # first occurrence of each item, in order (drop_duplicates without a frame per call)
    rows = dict.fromkeys(
        zip(columns["ticker"], when, columns["time"], columns["timezone"], strict=True)
    )
    tick, day, time, zone = (list(c) for c in zip(*rows, strict=True))
    return pd.DataFrame(
        {
            "ticker": pd.array(tick, dtype="str"),
            "date": np.array(day, dtype=when.dtype),
            "time": pd.array(time, dtype="str"),
            "timezone": pd.array(zone, dtype="str"),
        }
    )


def naive_dates(returns: pd.DataFrame) -> pd.DatetimeIndex:
    """The dates of ``returns`` as tz-naive midnights (what exclusion items are matched to)."""
    index = pd.DatetimeIndex(returns.index)
    index = index.tz_localize(None) if index.tz is not None else index
    day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000}.get(index.unit, 86_400 * 10**9)
    # dates already at midnight (daily returns) are kept: normalize() is a pass per call
    return index.normalize() if (index.asi8 % day != 0).any() else index


def _session_positions(items: pd.DataFrame, days: pd.DatetimeIndex, exchange: str) -> np.ndarray:
    """Position among ``days`` of each item's day 0 on ``exchange`` (-1: none found)."""
    if not exchange:  # no calendar: first row of the returns on or after the date
        return days.searchsorted(items["date"].to_numpy(), side="left").astype(np.int64)
    from reequity.data.calendars import day_zero

    zero: dict[tuple[object, str, str], object] = {}
    trip = list(zip(items["date"], items["time"], items["timezone"], strict=True))
    for d, t, z in dict.fromkeys(trip):  # one calendar look-up per distinct instant
        kwargs: dict[str, object] = {"exchange": exchange}
        if t:
            kwargs["time"] = t
            if z:
                kwargs["timezone"] = z
        try:
            zero[(d, t, z)] = pd.Timestamp(day_zero(d.date(), **kwargs)).normalize()
        except ReequityError:  # outside the calendar: cannot touch an estimation window
            zero[(d, t, z)] = pd.NaT
    day0 = pd.DatetimeIndex([zero[k] for k in trip])
    pos = days.searchsorted(day0.to_numpy(), side="left").astype(np.int64)
    return np.where(day0.isna(), -1, pos)


def _mark(
    mask: np.ndarray,
    firm_key: np.ndarray,
    firm_pos: np.ndarray,
    target_key: np.ndarray,
    target_pos: np.ndarray,
    taus: np.ndarray,
    est: tuple[int, int],
    window: tuple[int, int],
    skip: tuple[np.ndarray, np.ndarray] | None = None,
) -> None:
    """Mark in ``mask`` the estimation taus within ``window`` of each target of the same key.

    Keys are integer group codes (an exchange, or a ticker); positions are session
    positions in that group's calendar. ``skip`` gives (firm code, target code) pairs to
    leave out (a firm-event is no exclusion of itself).
    """
    if len(firm_key) == 0 or len(target_key) == 0:
        return
    (e0, e1), (lo, hi) = est, window
    width = int(max(firm_pos.max(initial=0), target_pos.max(initial=0))) + (e1 - e0) + (hi - lo) + 4
    tkey = target_key.astype(np.int64) * width + target_pos + width // 2
    order = np.argsort(tkey, kind="stable")
    srt = tkey[order]
    fkey = firm_key.astype(np.int64) * width + firm_pos + width // 2
    start = np.searchsorted(srt, fkey + e0 - hi, side="left")
    count = np.searchsorted(srt, fkey + e1 - lo, side="right") - start
    i = np.repeat(np.arange(len(fkey)), count)
    j = order[np.repeat(start - (np.cumsum(count) - count), count) + np.arange(len(i))]
    if skip is not None:
        keep = skip[0][i] != skip[1][j]
        i, j = i[keep], j[keep]
    rel = target_pos[j] - firm_pos[i]  # the target's day 0 in the firm-event's event time
    for k in range(lo, hi + 1):  # a few offsets, vectorised over all hits
        tau = rel + k
        ok = (tau >= e0) & (tau <= e1)
        mask[i[ok], tau[ok] - taus[0]] = True


def exclusion_mask(
    keys: pd.DataFrame,
    index: pd.DatetimeIndex,
    items: pd.DataFrame,
    *,
    taus: np.ndarray,
    est: tuple[int, int],
    window: tuple[int, int] = DEFAULT_CLEAN_WINDOW,
    own_events: bool = True,
) -> np.ndarray:
    """(n, L) mask of the estimation sessions to drop, one row per firm-event.

    Parameters
    ----------
    keys : DataFrame
        The panel's keys (``event_id, ticker, day0, exchange, pos``;
        :func:`reequity.study.align.build_panel`).
    index : DatetimeIndex
        Dates of the returns (tz-naive midnight).
    items : DataFrame
        :func:`exclusion_frame` output; a blank ``ticker`` applies to every ticker.
    taus : ndarray
        The panel's taus (L,).
    est : (int, int)
        Inclusive estimation window.
    window : (int, int), default (-1, 1)
        Sessions around each item's day 0 to drop.
    own_events : bool, default True
        Also drop the sessions around the study's other firm-events of the same ticker.

    Returns
    -------
    ndarray of bool (n, L)
        True on dropped estimation taus only.
    """
    from reequity.study.align import _trading_days

    n = len(keys)
    mask = np.zeros((n, len(taus)), dtype=bool)
    if n == 0:
        return mask
    pos = keys["pos"].to_numpy(dtype=np.int64)
    valid = ~pd.isna(keys["day0"]).to_numpy()
    ticker = keys["ticker"]
    # the engine's keys hold str tickers already: factorize the column's own array
    ticker = ticker.array if isinstance(ticker.dtype, pd.StringDtype) else ticker.astype(str)
    tick_code, tickers = pd.factorize(ticker)
    if own_events:
        event_code = pd.factorize(keys["event_id"])[0]
        if valid.all():  # every day 0 known (the usual case): mark in place, no copies
            _mark(mask, tick_code, pos, tick_code, pos, taus, est, window,
                  skip=(event_code, event_code))  # fmt: skip
        else:
            rows = np.flatnonzero(valid)
            sub = mask[rows]
            _mark(sub, tick_code[rows], pos[rows], tick_code[rows], pos[rows], taus, est,
                  window, skip=(event_code[rows], event_code[rows]))  # fmt: skip
            mask[rows] = sub
    if len(items) == 0:
        return mask
    exchange = keys["exchange"].astype(str).to_numpy()
    per_ticker = items["ticker"].astype(str).to_numpy() != ""
    ticker_index = {t: k for k, t in enumerate(tickers)}
    for ex in np.unique(exchange):  # one calendar per exchange present
        days, _ = _trading_days(index, ex or None)
        firms = np.flatnonzero((exchange == ex) & valid)
        if len(firms) == 0 or len(days) == 0:
            continue
        sub = mask[firms]
        glob = items.loc[~per_ticker]
        if len(glob):
            q = _session_positions(glob, days, ex)
            q = q[q >= 0]
            _mark(sub, np.zeros(len(firms)), pos[firms], np.zeros(len(q)), q, taus, est, window)
        own = items.loc[per_ticker & items["ticker"].isin(set(tickers[tick_code[firms]]))]
        if len(own):
            q = _session_positions(own, days, ex)
            code = own["ticker"].map(ticker_index).to_numpy(dtype=np.int64)
            ok = q >= 0
            _mark(sub, tick_code[firms], pos[firms], code[ok], q[ok], taus, est, window)
        mask[firms] = sub
    return mask
