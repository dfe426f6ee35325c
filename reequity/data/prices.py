"""Price and return loaders: cache first, vendors on request, never a silent gap-fill.

``load_prices`` returns the long canonical frame; ``load_returns`` the wide frame of daily
returns used by the event-study and correlation code.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from reequity.data.basis import basis_for_adjustment
from reequity.data.cache import CacheLayer, cache_layers, find_entry, read_series
from reequity.data.cache_decision import decide
from reequity.data.normalize import COLUMNS, finish_canonical, validate_canonical
from reequity.data.providers import Provider, default_provider
from reequity.data.refresh import refresh_series
from reequity.data.stitch import OverlapMismatchError
from reequity.data.universe import load_universe, validate_tickers
from reequity.errors import (
    CacheMissError,
    ConfigurationError,
    OfflineFallbackWarning,
    ProviderError,
)

__all__ = ["DEFAULT_START", "ex_dividend_dates", "load_prices", "load_returns"]

#: Start of an online fetch when no ``start`` is given (the shipped data start in 2009).
DEFAULT_START = pd.Timestamp("2009-01-01")


def _as_ts(value: object, what: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(f"{what} {value!r} is not a date; give YYYY-MM-DD") from exc


def _from_cache(
    ticker: str, cache_dir: str | Path | None, found: tuple[dict, CacheLayer] | None = None
) -> pd.DataFrame:
    """The cached series ``found`` (default: any cached series of ``ticker``), checked."""
    if found is None:
        frame, entry = read_series(ticker, cache_dir=cache_dir)
    else:
        entry, layer = found
        frame = layer.read(entry)
    out = finish_canonical(frame, ticker=ticker, source=str(entry.get("provider", "cache")))
    return validate_canonical(out, ticker=ticker, source=f"cache {entry.get('file')}")


def _fetch_and_store(
    info: pd.Series,
    provider: Provider,
    *,
    start: pd.Timestamp,
    end: pd.Timestamp,
    cache_dir: str | Path | None,
) -> pd.DataFrame:
    frame = provider.fetch(info, start=start, end=end)
    layer = cache_layers(cache_dir)[0]
    adjustment = provider.adjustment_for(info)
    layer.write(
        frame,
        {
            "ticker": str(info.name),
            "provider": provider.name,
            "adjustment": adjustment,
            "return_basis": basis_for_adjustment(adjustment, str(info.name)),
            "origin": {"vendor": provider.name, "source": str(frame["source"].iloc[0])},
            "notes": "",
        },
    )
    return frame


def _request_key(
    info: pd.Series, provider: Provider | None, adjustment: str | None
) -> tuple[str | None, str | None]:
    """The (provider, adjustment) a request is keyed to; None parts accept any copy."""
    if provider is None:
        return None, adjustment
    served = provider.adjustment_for(info)
    if adjustment is not None and adjustment != served:
        raise ConfigurationError(
            f"provider {provider.name!r} serves {info.name!r} with adjustment {served!r}, not "
            f"{adjustment!r}; pass a provider configured for {adjustment!r} or drop adjustment"
        )
    return provider.name, served


def _load_one(
    info: pd.Series,
    *,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    cache_dir: str | Path | None,
    refresh: bool | Literal["replace"],
    provider: Provider | None,
    adjustment: str | None,
    today: pd.Timestamp,
) -> pd.DataFrame:
    ticker = str(info.name)
    if refresh not in (False, True, "replace"):
        raise ConfigurationError(f"refresh {refresh!r} is not one of False, True, 'replace'")
    if info["kind"] == "basket":  # derived in the build script; no vendor serves it
        return _from_cache(ticker, cache_dir)
    name, adjust = _request_key(info, provider, adjustment)
    found = find_entry(ticker, cache_dir=cache_dir, provider=name, adjustment=adjust)
    decision = decide(
        provider=name, ticker=ticker, adjustment=adjust, start=start, end=end,
        entry=found[0] if found else None, today=today, refresh=refresh,
    )  # fmt: skip
    if not decision.fetches:  # hit, or stale: never online unasked
        return _from_cache(ticker, cache_dir, found)
    vendor = provider or default_provider(info)
    if adjust is not None and vendor.adjustment_for(info) != adjust:
        raise CacheMissError(
            f"no cached {ticker!r} with adjustment {adjust!r}, and {vendor.name} serves "
            f"{vendor.adjustment_for(info)!r}; pass a provider configured for {adjust!r}"
        )
    fetch_start = min(start or DEFAULT_START, DEFAULT_START)
    fetch_end = max(end or today, today)
    try:
        if decision.action == "refresh":  # only the new days, merged after a check
            merged = refresh_series(info, vendor, end=fetch_end, cache_dir=cache_dir)
            if merged is not None:
                return merged
        # nothing to continue: the whole history, so a qfq series shares one base
        return _fetch_and_store(info, vendor, start=fetch_start, end=fetch_end, cache_dir=cache_dir)
    except OverlapMismatchError:
        raise  # the vendor disagrees with the cache: never fall back silently
    except ProviderError as exc:
        try:
            cached = _from_cache(ticker, cache_dir)
        except CacheMissError as miss:
            raise CacheMissError(
                f"{ticker!r} is neither available online ({exc}) nor cached; connect to the "
                "internet and run `reequity data fetch` again"
            ) from miss
        warnings.warn(
            f"{exc}; using the cached copy of {ticker!r} instead",
            OfflineFallbackWarning,
            stacklevel=3,
        )
        return cached


def load_prices(
    tickers: str | Iterable[str],
    *,
    start: object = None,
    end: object = None,
    cache_dir: str | Path | None = None,
    refresh: bool | Literal["replace"] = False,
    provider: Provider | None = None,
    adjustment: str | None = None,
    today: object = None,
) -> pd.DataFrame:
    """Daily prices and returns of ``tickers`` in the canonical long schema.

    Parameters
    ----------
    tickers : str or iterable of str
        Ticker ids of the universe (a comma-separated string is split).
    start, end : date-like, optional
        Inclusive date range; default everything available.
    cache_dir : path, optional
        Writable cache folder (else ``$REEQUITY_CACHE_DIR``, else the user cache); the
        shipped snapshot is read after it.
    refresh : {False, True, "replace"}
        ``True``: fetch from the vendor even when cached, only the days from shortly
        before the last cached date, merged onto the cached series when the shared days
        agree (see :mod:`reequity.data.refresh`); the full history when nothing cached is
        on the vendor's return basis. ``"replace"``: fetch the full history and replace
        the writable copy without a check. Offline, both fall back to the cache with an
        ``OfflineFallbackWarning``.
    provider : Provider, optional
        Vendor whose series is wanted. Given, the cache is read under its key
        (provider, ticker, the provider's adjustment) and a series not cached under it
        is fetched from it; None (default) reads any cached series of the ticker and
        fetches from the default vendor (akshare for Chinese tickers, yfinance
        otherwise). :func:`reequity.data.cache_decision.decide` makes the choice.
    adjustment : str, optional
        Cached price-adjustment label wanted (e.g. ``"auto_adjust"``; see
        ``reequity data list``); None (default) accepts any.
    today : date-like, optional
        The current date (default: the system date): the end of a fetch and the date
        against which a cached copy is stale.

    Returns
    -------
    pandas.DataFrame
        Columns ``date, ticker, open, high, low, close, adj_close, volume, ret,
        suspended, source, flag``; one row per ticker and session, tickers in the order
        asked. Columns a source lacks are NaN.

    Raises
    ------
    UnknownTickerError
        For a ticker outside the universe.
    CacheMissError
        When a series is neither obtainable online nor cached.
    OverlapMismatchError
        When a refresh's shared days disagree with the cache (nothing is written).

    Examples
    --------
    >>> p = load_prices(["600111"], start="2025-04-01", end="2025-04-10")
    >>> p.loc[p["date"] == "2025-04-07", "ret"].round(4).tolist()
    [-0.0052]
    """
    lo, hi = _as_ts(start, "start"), _as_ts(end, "end")
    if lo is not None and hi is not None and lo > hi:
        raise ConfigurationError(f"start {lo.date()} is after end {hi.date()}; swap them")
    now = _as_ts(today, "today") or pd.Timestamp.today().normalize()
    universe = load_universe()
    frames = []
    for ticker in validate_tickers(tickers):
        one = _load_one(
            universe.loc[ticker],
            start=lo,
            end=hi,
            cache_dir=cache_dir,
            refresh=refresh,
            provider=provider,
            adjustment=adjustment,
            today=now,
        )
        keep = np.ones(len(one), dtype=bool)
        if lo is not None:
            keep &= (one["date"] >= lo).to_numpy()
        if hi is not None:
            keep &= (one["date"] <= hi).to_numpy()
        frames.append(one.loc[keep])
    if not frames:
        raise ConfigurationError("no tickers given; pass at least one ticker id")
    return pd.concat(frames, ignore_index=True)[list(COLUMNS)]


def load_returns(
    tickers: str | Iterable[str],
    *,
    start: object = None,
    end: object = None,
    cache_dir: str | Path | None = None,
    method: Literal["simple", "log"] = "simple",
    refresh: bool | Literal["replace"] = False,
    provider: Provider | None = None,
    adjustment: str | None = None,
    today: object = None,
) -> pd.DataFrame:
    """Wide frame of daily returns, one column per ticker in the order asked.

    Parameters
    ----------
    tickers : str or iterable of str
        Ticker ids of the universe.
    start, end : date-like, optional
        Inclusive date range.
    cache_dir : path, optional
        Writable cache folder (see :func:`load_prices`).
    method : {"simple", "log"}
        Simple returns :math:`P_t/P_{t-1}-1` (default) or log returns :math:`\\ln(1+r)`.
    refresh, provider, adjustment, today
        As in :func:`load_prices`, which loads the prices.

    Returns
    -------
    pandas.DataFrame
        DatetimeIndex named ``date`` (union of the tickers' sessions); NaN where a
        security did not trade (suspension, holiday, before listing) or where a return
        would span a missing session.

    Examples
    --------
    >>> r = load_returns(["600111", "LYC.AX"], start="2025-04-03", end="2025-04-08")
    >>> r.index.strftime("%m-%d").tolist()
    ['04-03', '04-04', '04-07', '04-08']
    >>> bool(r.loc["2025-04-04", "600111"] == r.loc["2025-04-04", "600111"])
    False
    """
    if method not in ("simple", "log"):
        raise ConfigurationError(f"method {method!r} is not 'simple' or 'log'")
    order = validate_tickers(tickers)
    prices = load_prices(
        order, start=start, end=end, cache_dir=cache_dir, refresh=refresh,
        provider=provider, adjustment=adjustment, today=today,
    )  # fmt: skip
    wide = prices.pivot(index="date", columns="ticker", values="ret").reindex(columns=order)
    wide.index = pd.DatetimeIndex(wide.index, name="date")
    wide.columns.name = None
    return np.log1p(wide) if method == "log" else wide


def ex_dividend_dates(ticker: str, *, cache_dir: str | Path | None = None) -> pd.DatetimeIndex:
    """Ex-dividend dates of a price-only series, as far as its sources give them.

    A price-only return (ASX closes from asxgym) falls by the dividend on the ex-day, which
    an event study would read as an abnormal return: drop these dates from estimation
    windows, or read them as a caveat.

    Parameters
    ----------
    ticker : str
        Universe ticker id.
    cache_dir : path, optional
        Writable cache folder (see :func:`load_prices`).

    Returns
    -------
    pandas.DatetimeIndex
        Sorted dates named ``date``; empty for a total-return series (the dividend is in
        its returns) or when no source lists dividends.

    Notes
    -----
    The shipped ASX series list the dividends of the yfinance cross-check files, which
    cover 2024-01-02..2026-01-02 only; earlier and later ex-days are not known offline.

    Examples
    --------
    >>> ex_dividend_dates("ILU.AX").strftime("%Y-%m-%d").tolist()
    ['2024-03-05', '2024-09-03', '2025-03-04', '2025-09-02']
    >>> len(ex_dividend_dates("600111"))
    0
    """
    (valid,) = validate_tickers([ticker])
    found = find_entry(valid, cache_dir=cache_dir)
    days = [d["date"] for d in (found[0].get("ex_dividends") or [])] if found else []
    return pd.DatetimeIndex(sorted(pd.to_datetime(days)), name="date").astype("datetime64[ns]")
