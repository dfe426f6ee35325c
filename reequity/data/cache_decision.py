"""Whether a price request is served from the cache or the vendor: one pure function.

:func:`decide` looks only at its arguments (no disk, no clock, no network), so every
branch is testable with a dict as the manifest entry and a fixed ``today``.
:func:`select_entry` picks the entry a request is keyed to among a ticker's manifest
entries. :func:`reequity.data.prices.load_prices` reads the manifests, asks these two
functions and then does what the decision says.

A series is keyed by ``provider/ticker/adjustment``, as the cache writes it. A request
that names no provider (and no adjustment) takes any cached series of the ticker, the
newest writable one first, then the shipped snapshot: the snapshot's series have their
own provenance (``provider="snapshot"``) that no vendor object reproduces.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

__all__ = ["STALE_AFTER_DAYS", "Action", "CacheDecision", "decide", "select_entry"]

#: calendar days a series may end before the wanted end and still count as current (a
#: long weekend plus a holiday: the pure function knows no exchange calendar)
STALE_AFTER_DAYS = 5

Action = Literal["hit", "stale", "miss", "refresh", "replace"]


@dataclass(frozen=True, slots=True)
class CacheDecision:
    """What to do for one series request.

    Attributes
    ----------
    action : {"hit", "stale", "miss", "refresh", "replace"}
        ``hit``: serve the cached series. ``stale``: a cached series exists but ends more
        than :data:`STALE_AFTER_DAYS` before the wanted end; it is served as it is (the
        package never goes online unasked), and the reason says how to update it.
        ``miss``: nothing cached under the key; fetch the vendor's full history.
        ``refresh``: fetch the new days and merge them onto a cached series on the
        vendor's return basis (:mod:`reequity.data.refresh`; the full history if none).
        ``replace``: fetch the full history and replace the writable copy.
    key : str
        ``provider/ticker/adjustment``; ``*`` stands for a part the request leaves open.
    reason : str
        One sentence for logs and messages.
    """

    action: Action
    key: str
    reason: str

    @property
    def fetches(self) -> bool:
        """True when the decision asks the vendor."""
        return self.action in ("miss", "refresh", "replace")


def _key(provider: str | None, ticker: str, adjustment: str | None) -> str:
    return f"{provider or '*'}/{ticker}/{adjustment or '*'}"


def select_entry(
    entries: Iterable[Mapping[str, Any]],
    *,
    provider: str | None = None,
    adjustment: str | None = None,
) -> Mapping[str, Any] | None:
    """The first of ``entries`` (in read order) under the requested key, or None.

    Parameters
    ----------
    entries : iterable of mapping
        Manifest entries of one ticker, in the order the layers are read (writable layer
        newest first, then the snapshot).
    provider, adjustment : str, optional
        Required ``provider`` and ``adjustment`` fields; None accepts any.

    Returns
    -------
    mapping or None

    Examples
    --------
    >>> shipped = {"provider": "snapshot", "ticker": "MP", "adjustment": "split_only"}
    >>> select_entry([shipped]) is shipped
    True
    >>> select_entry([shipped], provider="yfinance") is None
    True
    """
    for entry in entries:
        if provider is not None and entry.get("provider") != provider:
            continue
        if adjustment is not None and entry.get("adjustment") != adjustment:
            continue
        return entry
    return None


def decide(
    *,
    provider: str | None,
    ticker: str,
    adjustment: str | None,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    entry: Mapping[str, Any] | None,
    today: pd.Timestamp,
    refresh: bool | Literal["replace"] = False,
) -> CacheDecision:
    """Decide hit / stale / miss / refresh / replace for one series request.

    Parameters
    ----------
    provider : str, optional
        Vendor name the request is keyed to (None: any cached series).
    ticker : str
        Universe ticker id.
    adjustment : str, optional
        Price-adjustment label the request is keyed to (None: any).
    start, end : Timestamp, optional
        Requested inclusive range (None: open). Only the end can make a copy stale: a
        start before the cached first day is before the vendor's history too.
    entry : mapping, optional
        The manifest entry :func:`select_entry` chose for the key, or None.
    today : Timestamp
        The current date (injected, so the decision is reproducible).
    refresh : {False, True, "replace"}
        The caller's refresh flag; it wins over a cached copy.

    Returns
    -------
    CacheDecision

    Examples
    --------
    >>> entry = {"provider": "yfinance", "ticker": "MP", "adjustment": "auto_adjust",
    ...          "last": "2026-08-21"}
    >>> day = pd.Timestamp("2026-08-24")
    >>> args = dict(provider="yfinance", ticker="MP", adjustment="auto_adjust", start=None)
    >>> decide(**args, end=None, entry=entry, today=day).action
    'hit'
    >>> decide(**args, end=None, entry=entry, today=pd.Timestamp("2026-12-04")).action
    'stale'
    >>> decide(**args, end=pd.Timestamp("2026-06-30"), entry=entry,
    ...        today=pd.Timestamp("2026-12-04")).action
    'hit'
    >>> decide(**args, end=None, entry=None, today=day).action
    'miss'
    >>> decide(**args, end=None, entry=entry, today=day, refresh=True).action
    'refresh'
    """
    key = _key(provider, ticker, adjustment)
    if refresh == "replace":
        return CacheDecision("replace", key, f"replace {key} by the vendor's full history")
    if refresh is True:  # the merge finds a cached series on the vendor's basis, if any
        return CacheDecision("refresh", key, f"fetch the new days of {key} and merge them")
    if entry is None:
        return CacheDecision("miss", key, f"{key} is not cached; fetch the full history")
    wanted = min(end, today) if end is not None else today
    last = entry.get("last")
    if last and pd.Timestamp(str(last)) < wanted - pd.Timedelta(days=STALE_AFTER_DAYS):
        return CacheDecision(
            "stale",
            key,
            f"cached {key} ends on {last}, before {wanted.date()}; it is served as it is "
            f"(`reequity data fetch --tickers {ticker} --refresh` adds the new days)",
        )
    return CacheDecision("hit", key, f"cached {key} covers the request")
