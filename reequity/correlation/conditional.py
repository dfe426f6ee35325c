"""Pre/post-event correlation of each pair, with Fisher z and Forbes-Rigobon tests."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from reequity.correlation._frames import (
    aligned,
    check_returns,
    check_tickers,
    locate_day0,
    pair_day0,
    resolve_pairs,
)
from reequity.correlation.results import EventCorrelationResults
from reequity.correlation.stats import fisher_z_test, forbes_rigobon, pearson
from reequity.errors import ConfigurationError, EventFormatError, StatisticWarning

COLUMNS = [
    "event_id", "event_date", "ticker_a", "ticker_b", "source", "day0", "n_pre", "n_post",
    "rho_pre", "rho_post", "delta", "fisher_z", "pvalue", "pvalue_holm",
    "var_ratio", "rho_post_adj", "fr_z", "fr_pvalue", "fr_pvalue_holm", "note",
]  # fmt: skip


def event_correlation(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    pairs: Sequence[Sequence[str]] | None = None,
    pre: tuple[int, int] = (-120, -1),
    post: tuple[int, int] = (0, 59),
    forbes_rigobon: bool = True,
    market: str | None = None,
    exchanges: Mapping[str, str] | None = None,
) -> EventCorrelationResults:
    """Correlation of each pair before and after each event, and a test for a change.

    Parameters
    ----------
    returns : DataFrame
        Wide daily returns (DatetimeIndex ``date``, one column per ticker), NaN where a
        market was closed.
    events : DataFrame
        Events with columns ``event_id`` and ``date`` and optionally ``time`` and
        ``timezone`` (as from :func:`reequity.load_catalogue`); other columns are ignored.
    pairs : sequence of (str, str), optional
        Pairs ``(ticker_a, ticker_b)``; None (default) means every pair of columns.
    pre, post : tuple of int, default (-120, -1) and (0, 59)
        Inclusive windows in trading days relative to day 0, the first aligned row on
        or after the event date. Rows are those where the pair (and ``market``) all have
        a return. Windows are clipped at the ends of the data and the clipping noted.
    forbes_rigobon : bool, default True
        Also report the Forbes-Rigobon volatility-adjusted post-event correlation and
        its Fisher z test against the pre-event correlation (NaN columns if False).
    exchanges : Mapping, optional
        Ticker -> exchange (XSHG, XASX, XNYS...), e.g. the universe's ``exchange`` column:
        day 0 then honours the event's time and each exchange's close (see Notes).
    market : str, optional
        Column whose variance change drives the Forbes-Rigobon adjustment (the source
        of the shock); default ``ticker_a`` of each pair.

    Returns
    -------
    EventCorrelationResults
        ``.table`` has one row per event and pair: ``event_id, event_date, ticker_a,
        ticker_b, source, day0, n_pre, n_post, rho_pre, rho_post, delta`` (``rho_post -
        rho_pre``), ``fisher_z`` (positive when the correlation rose), ``pvalue``
        (two-sided), ``pvalue_holm`` (Holm-adjusted over the event's pairs), ``var_ratio`` (Forbes-Rigobon delta, ``var_post / var_pre - 1`` of
        the source), ``rho_post_adj, fr_z, fr_pvalue``, ``fr_pvalue_holm`` (Holm-adjusted
        over the event's pairs) and ``note`` (why a value is NaN or a window was clipped).

    Notes
    -----
    Every pair of an event is a test of its own: with 11 pairs, one p < 0.05 is expected
    about half the time under no change at all. The ``_holm`` columns are Holm's (1979)
    step-down adjustment over the pairs of each event (statsmodels' ``multipletests``),
    which controls the family-wise error rate under any dependence between the pairs;
    an event's smallest Holm p tests "no pair's correlation changed".
    Fisher z for two independent correlations: ``z = (atanh r_post - atanh r_pre) /
    sqrt(1/(n_post-3) + 1/(n_pre-3))``. Forbes and Rigobon (2002, *J. Finance* 57(5)):
    ``rho* = rho / sqrt(1 + delta (1 - rho^2))`` with ``delta`` the relative increase in
    the source market's variance; their test compares ``rho*`` with the calm-period
    correlation. Both tests treat the windows as independent samples of i.i.d. returns,
    which daily returns only approximate (volatility clustering, overlapping events).
    Day 0 follows the event study's rule (:func:`reequity.data.calendars.day_zero`): with
    ``exchanges`` (ticker -> exchange) each security's own day 0 uses the event's time and
    zone against its exchange's close, and a pair's day 0 is the first common trading day
    on or after the later of the two (the first day both closes can reflect the event).
    Without ``exchanges`` the event's calendar date is used.

    Examples
    --------
    >>> import pandas as pd, reequity as rq
    >>> r = rq.load_returns(["600111", "LYC.AX"], start="2025-01-01", end="2025-12-31")
    >>> ev = pd.DataFrame({"event_id": ["cn_export_controls_2025_10_09"], "date": ["2025-10-09"]})
    >>> res = rq.event_correlation(r, ev, pre=(-60, -1), post=(0, 29))
    >>> row = res.table.iloc[0]
    >>> int(row["n_pre"]), int(row["n_post"]), f"{row['day0']:%Y-%m-%d}"
    (60, 30, '2025-10-09')
    """
    frame = check_returns(returns)
    pre, post = _check_windows(pre, post)
    table = _check_events(events)
    if market is not None:
        check_tickers(frame, [market])
    rows = [
        _event_pair_row(
            frame,
            event,
            a,
            b,
            pre=pre,
            post=post,
            market=market,
            fr=forbes_rigobon,
            exchanges=exchanges or {},
        )
        for event in table.itertuples(index=False)
        for a, b in resolve_pairs(frame, pairs)
    ]
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if not c.endswith("_holm")])
    out = out.astype({"n_pre": int, "n_post": int})
    for column in ("pvalue", "fr_pvalue"):
        out.insert(out.columns.get_loc(column) + 1, f"{column}_holm", holm_by_event(out, column))
    failed = out["fisher_z"].isna().sum()
    if failed:
        warnings.warn(
            f"{failed} of {len(out)} event-pair rows have no Fisher z test; see the 'note' "
            "column (too few aligned returns, or the event lies outside the data).",
            StatisticWarning,
            stacklevel=2,
        )
    return EventCorrelationResults(
        table=out, pre=pre, post=post, forbes_rigobon=forbes_rigobon, market=market
    )


def holm_by_event(table: pd.DataFrame, column: str) -> pd.Series:
    """Holm (1979) adjusted p-values of ``column`` within each ``event_id`` (NaN stays NaN).

    Examples
    --------
    >>> t = pd.DataFrame({"event_id": ["a", "a", "a", "b"], "p": [0.01, 0.04, float("nan"), 0.2]})
    >>> holm_by_event(t, "p").round(3).tolist()
    [0.02, 0.04, nan, 0.2]
    """
    from statsmodels.stats.multitest import multipletests

    out = pd.Series(np.nan, index=table.index, dtype=float)
    for _, p in table.groupby("event_id", sort=False)[column]:
        ok = p.dropna()
        if not ok.empty:
            out.loc[ok.index] = multipletests(ok.to_numpy(float), method="holm")[1]
    return out


def _check_windows(pre: tuple[int, int], post: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    for name, win in (("pre", pre), ("post", post)):
        ok = len(win) == 2 and all(isinstance(v, int | np.integer) for v in win)
        if not ok or win[0] > win[1]:
            raise ConfigurationError(
                f"{name} must be a (start, end) pair of integer trading days with start <= end, "
                f"got {win!r}; e.g. pre=(-120, -1), post=(0, 59)."
            )
    if pre[1] >= post[0]:
        raise ConfigurationError(
            f"pre={pre!r} must end before post={post!r} starts so the samples are disjoint."
        )
    return (int(pre[0]), int(pre[1])), (int(post[0]), int(post[1]))


def _check_events(events: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(events, pd.DataFrame) or not {"event_id", "date"} <= set(events.columns):
        got = list(events.columns) if isinstance(events, pd.DataFrame) else type(events).__name__
        raise EventFormatError(
            f"events must be a DataFrame with columns 'event_id' and 'date', got {got}; "
            "use reequity.load_catalogue() or reequity.events.io.load_events(path)."
        )
    from reequity.data.zones import split_instants

    # an offset in a date is the event's time and zone, as in the study (never dropped)
    events = split_instants(events)
    try:
        dates = pd.to_datetime(events["date"])
    except (ValueError, TypeError) as exc:
        raise EventFormatError(
            f"events 'date' column holds unparseable values ({exc}); use ISO dates YYYY-MM-DD."
        ) from None
    out = pd.DataFrame({"event_id": events["event_id"].astype(str), "date": dates.dt.normalize()})
    # time and zone place the announcement against each exchange's close (see pair_day0)
    for col in ("time", "timezone"):
        out[col] = events[col].astype("string").fillna("") if col in events else ""
    return out


def _event_pair_row(
    frame: pd.DataFrame,
    event: tuple,
    a: str,
    b: str,
    *,
    pre: tuple[int, int],
    post: tuple[int, int],
    market: str | None,
    fr: bool,
    exchanges: Mapping[str, str],
) -> dict[str, object]:
    source = market or a
    data = aligned(frame, [a, b, source])
    row: dict[str, object] = dict.fromkeys(COLUMNS, math.nan)
    row.update(event_id=event.event_id, event_date=event.date, ticker_a=a, ticker_b=b)
    row.update(source=source, day0=pd.NaT, n_pre=0, n_post=0, note="")
    common = pair_day0(event, [exchanges.get(t) for t in dict.fromkeys([a, b, source])])
    day0, reason = locate_day0(data.index, common)
    if day0 is None:
        row["note"] = reason
        return row
    row["day0"] = data.index[day0]
    before, notes_pre = _window(data, day0, pre, "pre")
    after, notes_post = _window(data, day0, post, "post")
    row.update(_window_stats(before, after, a, b, source, fr=fr))
    row["note"] = "; ".join(n for n in (notes_pre, notes_post, row["note"]) if n)
    return row


def _window(
    data: pd.DataFrame, day0: int, win: tuple[int, int], name: str
) -> tuple[pd.DataFrame, str]:
    start, stop = day0 + win[0], day0 + win[1] + 1
    lo, hi = max(start, 0), min(stop, len(data))
    clipped = lo != start or hi != stop
    part = data.iloc[lo:hi] if hi > lo else data.iloc[0:0]
    return part, f"{name} window clipped to {len(part)} of {stop - start} days" if clipped else ""


def _window_stats(
    before: pd.DataFrame, after: pd.DataFrame, a: str, b: str, source: str, *, fr: bool
) -> dict[str, object]:
    n_pre, n_post = len(before), len(after)
    rho_pre = pearson(before[a].to_numpy(), before[b].to_numpy())
    rho_post = pearson(after[a].to_numpy(), after[b].to_numpy())
    z, p = fisher_z_test(rho_post, n_post, rho_pre, n_pre)
    out: dict[str, object] = dict(
        n_pre=n_pre, n_post=n_post, rho_pre=rho_pre, rho_post=rho_post,
        delta=rho_post - rho_pre, fisher_z=z, pvalue=p, note="",
    )  # fmt: skip
    if math.isnan(z):
        out["note"] = f"too few aligned returns or constant series (n_pre={n_pre}, n_post={n_post})"
    if fr and n_pre >= 2 and n_post >= 2:
        var_pre = float(before[source].var(ddof=1))
        ratio = float(after[source].var(ddof=1)) / var_pre - 1.0 if var_pre > 0 else math.nan
        adj = forbes_rigobon(rho_post, ratio)
        fz, fp = fisher_z_test(adj, n_post, rho_pre, n_pre)
        out.update(var_ratio=ratio, rho_post_adj=adj, fr_z=fz, fr_pvalue=fp)
    return out
