"""What data the package holds: one row per cached series, and the data's "as of" date."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.data.basis import basis_for_adjustment
from reequity.data.cache import cache_layers, find_entry
from reequity.data.cache_decision import STALE_AFTER_DAYS, decide
from reequity.data.universe import RETURN_BASES, load_universe

__all__ = ["STALE_AFTER_DAYS", "STATUS_COLUMNS", "data_as_of", "data_status"]

STATUS_COLUMNS = [
    "ticker", "name", "first", "last", "stale", "rows", "return_basis", "adjustment", "sources",
    "licence_status", "layer", "shadows_snapshot", "fetched_at",
]  # fmt: skip


def data_status(
    cache_dir: str | Path | None = None, *, today: str | pd.Timestamp | None = None
) -> pd.DataFrame:
    """One row per cached series over both cache layers.

    Parameters
    ----------
    cache_dir : path, optional
        Writable cache folder (else ``$REEQUITY_CACHE_DIR``, else the user cache).
    today : date-like, optional
        The date ``stale`` is judged against (default: the current date).

    Returns
    -------
    pandas.DataFrame
        Columns ``ticker, name, first, last`` (ISO dates), ``stale`` (the series ends
        more than ``STALE_AFTER_DAYS`` calendar days before ``today``: the same decision
        the loader takes, which serves it as it is and says so), ``rows``, ``return_basis``
        (``total_return`` or ``price_only``), ``adjustment``, ``sources`` (origin
        repositories with short commits, or the vendor), ``licence_status``
        (``permissive``, ``non_commercial``, ``none_stated``; ``vendor_terms`` for a
        series fetched online), ``layer`` (``shipped`` or ``writable``),
        ``shadows_snapshot`` (a writable copy hides the shipped one) and ``fetched_at``.
        The series a loader reads comes first for each ticker; universe order.

    Examples
    --------
    >>> s = data_status()
    >>> s.set_index("ticker").loc["MP", ["last", "return_basis", "layer"]].tolist()
    ['2026-08-21', 'total_return', 'shipped']
    >>> data_status(today="2026-08-24").set_index("ticker").loc[["MP", "LYC.AX"], "stale"].tolist()
    [False, True]
    """
    day = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)
    rows, seen = [], set()
    layers = cache_layers(cache_dir)
    shipped = {e["ticker"] for lay in layers if not lay.writable for e in lay.manifest().values()}
    for layer in layers:
        for entry in layer.manifest().values():
            ticker = entry["ticker"]
            if ticker in seen:
                continue
            seen.add(ticker)
            rows.append(_row(entry, writable=layer.writable, shadows=ticker in shipped, today=day))
    order = {t: i for i, t in enumerate(load_universe().index)}
    table = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    key = table["ticker"].map(order).fillna(len(order))
    return table.iloc[key.argsort(kind="stable")].reset_index(drop=True)


def _row(
    entry: dict[str, Any], *, writable: bool, shadows: bool, today: pd.Timestamp
) -> dict[str, Any]:
    ticker = entry["ticker"]
    decision = decide(provider=None, ticker=ticker, adjustment=None, start=None, end=None,
                      entry=entry, today=today)  # fmt: skip
    basis = entry.get("return_basis")
    if basis not in RETURN_BASES:
        basis = basis_for_adjustment(str(entry.get("adjustment", "")), ticker)
    names = load_universe()["name"]
    return {
        "ticker": ticker,
        "name": names.get(ticker, ""),
        "first": entry.get("first"),
        "last": entry.get("last"),
        "stale": decision.action == "stale",
        "rows": int(entry.get("rows", 0)),
        "return_basis": basis,
        "adjustment": entry.get("adjustment", ""),
        "sources": _sources(entry),
        "licence_status": entry.get("licence_status") or "vendor_terms",
        "layer": "writable" if writable else "shipped",
        "shadows_snapshot": bool(writable and shadows),
        "fetched_at": entry.get("fetched_at", ""),
    }


def _sources(entry: dict[str, Any]) -> str:
    origin = entry.get("origin")
    if isinstance(origin, list) and origin:
        if origin[0].get("derived_from"):
            return "derived from " + " ".join(origin[0]["derived_from"])
        parts = [f"{o['repo']}@{str(o.get('commit', ''))[:7]}" for o in origin if o.get("repo")]
        if parts:
            if entry.get("refreshed_by"):
                parts.append(str(entry["refreshed_by"].get("vendor")))
            return " + ".join(dict.fromkeys(parts))
    if isinstance(origin, dict) and origin.get("vendor"):
        return f"{origin['vendor']} ({origin.get('source', '')})".replace(" ()", "")
    return str(entry.get("provider", ""))


def data_as_of(tickers: Iterable[str], *, cache_dir: str | Path | None = None) -> str:
    """One line stating how recent the data of ``tickers`` are (manifests only).

    Returns
    -------
    str
        ``"data as of <latest last date> (<ticker> ends first, on <date>)"``, or
        ``"data as of <date>"`` when all end together; ``"data as of unknown"`` when none
        is cached.

    Examples
    --------
    >>> data_as_of(["MP", "LYC.AX"])
    'data as of 2026-08-21 (LYC.AX ends first, on 2026-06-04)'
    """
    lasts = {}
    for ticker in dict.fromkeys(tickers):
        found = find_entry(ticker, cache_dir=cache_dir)
        if found is not None and found[0].get("last"):
            lasts[ticker] = str(found[0]["last"])
    if not lasts:
        return "data as of unknown"
    latest = max(lasts.values())
    first_end = min(lasts, key=lambda t: lasts[t])
    if lasts[first_end] == latest:
        return f"data as of {latest}"
    return f"data as of {latest} ({first_end} ends first, on {lasts[first_end]})"
