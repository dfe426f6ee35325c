"""``--refresh``: fetch only the new days and merge them onto the cached series.

The vendor is asked for the days from :data:`OVERLAP_DAYS` calendar days before the last
cached date to today. The returns on the shared days must agree under the stitching rule
of :mod:`reequity.data.stitch` (tolerance :func:`refresh_tolerance`); then the new days
are appended, the cached history is kept as it is, and the merged series is written
atomically to the writable layer under the vendor's cache key. When they disagree,
:class:`~reequity.data.stitch.OverlapMismatchError` names the date and both values and
nothing is written, so the good cached copy stays byte-for-byte intact.

A cached series on another return basis than the vendor's (the shipped ASX closes are
price-only, Yahoo's are dividend-adjusted) cannot be continued by it: then the vendor's
full history is fetched instead, as a separate series.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from reequity.data.basis import basis_for_adjustment, entry_basis
from reequity.data.cache import cache_layers, find_entry
from reequity.data.normalize import COLUMNS, finish_canonical, validate_canonical
from reequity.data.providers import Provider
from reequity.data.stitch import OverlapMismatchError, rounding_tolerance, stitch
from reequity.errors import CacheCorruptError

__all__ = ["MIN_OVERLAP", "OVERLAP_DAYS", "merge_onto", "refresh_series", "refresh_tolerance"]

#: calendar days before the last cached date that a refresh fetches again (~20 sessions)
OVERLAP_DAYS = 30
#: shared returns a refresh needs before it trusts the vendor's continuation
MIN_OVERLAP = 3
#: vendors quote prices to the cent; eastmoney's qfq subtracts later dividends (see
#: :func:`reequity.data.stitch.rounding_tolerance`)
DECIMALS, RELATIVE = 2, 0.02


def refresh_tolerance(fresh: pd.DataFrame) -> pd.Series:
    """Per-date tolerance of a refresh overlap: 2-decimal rounding of the vendor's prices
    plus 2% of the return."""
    price = fresh["adj_close"].where(fresh["adj_close"].notna(), fresh["close"])
    return rounding_tolerance(
        pd.Series(price.to_numpy(), index=pd.DatetimeIndex(fresh["date"])),
        DECIMALS,
        relative=RELATIVE,
    )


def merge_onto(cached: pd.DataFrame, fresh: pd.DataFrame, *, what: str) -> pd.DataFrame:
    """The cached series followed by the fresh days after its last date.

    Parameters
    ----------
    cached, fresh : DataFrame
        Canonical frames of one ticker (``fresh`` starts before ``cached`` ends).
    what : str
        Name for the error message.

    Returns
    -------
    DataFrame
        Canonical frame; the cached rows are unchanged and the new rows' ``adj_close``
        continues the cached level by the new returns (the vendor's adjustment base may
        differ from the cached one).

    Raises
    ------
    OverlapMismatchError
        When the shared returns disagree or fewer than :data:`MIN_OVERLAP` are shared.
    """
    joined, _ = stitch(
        cached, fresh, tolerance=refresh_tolerance(fresh), what=what, min_overlap=MIN_OVERLAP
    )
    new = (joined["date"] > cached["date"].max()).to_numpy()
    known = cached["adj_close"].dropna()
    if new.any() and len(known):
        growth = np.cumprod(1.0 + joined.loc[new, "ret"].fillna(0.0).to_numpy())
        adj = known.iloc[-1] * growth
        joined.loc[new, "adj_close"] = np.where(joined.loc[new, "suspended"], np.nan, adj)
    return joined[list(COLUMNS)]


def refresh_series(
    info: pd.Series,
    provider: Provider,
    *,
    end: pd.Timestamp,
    cache_dir: str | Path | None,
) -> pd.DataFrame | None:
    """Merge the vendor's new days onto the cached series and store the result.

    Returns
    -------
    DataFrame or None
        The merged canonical frame; None when no cached series on the vendor's return
        basis exists (the caller then fetches the full history). The series continued is
        the vendor's own (its provider/ticker/adjustment key) when cached, else the one
        a read would serve.
    """
    ticker = str(info.name)
    adjustment = provider.adjustment_for(info)
    # the vendor's own series under its cache key first, else what a read would serve
    found = find_entry(
        ticker, cache_dir=cache_dir, provider=provider.name, adjustment=adjustment
    ) or find_entry(ticker, cache_dir=cache_dir)
    if found is None:
        return None
    entry, layer = found
    if entry_basis(entry, ticker) != basis_for_adjustment(adjustment, ticker):
        return None
    try:
        stored = layer.read(entry)
    except CacheCorruptError:
        return None  # a damaged copy is repaired by a full fetch, never merged onto
    cached = finish_canonical(stored, ticker=ticker, source=str(entry["provider"]))
    last = cached["date"].max()
    fresh = provider.fetch(info, start=last - pd.Timedelta(days=OVERLAP_DAYS), end=end)
    try:
        merged = merge_onto(cached, fresh, what=f"refresh of {ticker} ({provider.name})")
    except OverlapMismatchError as exc:
        raise OverlapMismatchError(
            f"{exc}; nothing was written. To take the vendor's whole history instead, run "
            f"`reequity data fetch --tickers {ticker} --refresh --replace`"
        ) from None
    if merged["date"].max() == last:
        return cached  # nothing new: keep the cached file as it is
    merged = validate_canonical(merged, ticker=ticker, source=f"merged {provider.name}")
    cache_layers(cache_dir)[0].write(merged, _meta(ticker, provider, adjustment, entry, fresh))
    return merged


def _meta(
    ticker: str, provider: Provider, adjustment: str, base: dict[str, Any], fresh: pd.DataFrame
) -> dict[str, Any]:
    keep = ("origin", "licence_status", "licences", "return_basis", "ex_dividends")
    merged_onto = {k: base.get(k) for k in ("provider", "adjustment", "file", "sha256", "last")}
    return {
        **{k: base[k] for k in keep if k in base},
        "ticker": ticker,
        "provider": provider.name,
        "adjustment": adjustment,
        "return_basis": basis_for_adjustment(adjustment, ticker),
        "refreshed_by": {"vendor": provider.name, "source": str(fresh["source"].iloc[0])},
        "merged_onto": merged_onto,
        "notes": f"{base.get('notes', '')}; new days from {provider.name} after "
        f"{base.get('last')}, appended after an overlap check".lstrip("; "),
    }
