"""Return basis of a series: does its daily return include dividends?

A-share returns from the exchange's ex-rights previous close or from forward-adjusted
(qfq) closes, Yahoo's auto-adjusted closes and total-return indices (CSI300TR = H00300)
include dividends (``total_return``). Split-adjusted ASX closes, unadjusted ETF closes and
price indices (CSI300, SSE, ASX200, SPX) do not (``price_only``). An abnormal return of a
total-return stock against a price index is biased upwards by the index's dividend yield
(about 2-3% a year for CSI 300, ~1 basis point a day), and a price-only stock shows its
ex-dividend day as a negative abnormal return.

The basis of a stored series is in its manifest entry (``return_basis``); entries written
before that field existed fall back to the adjustment label, then to ``universe.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from reequity.data.cache import find_entry
from reequity.data.universe import RETURN_BASES, load_universe
from reequity.errors import ReequityWarning

__all__ = [
    "ReturnBasisWarning",
    "basis_for_adjustment",
    "basis_mismatches",
    "consistent_benchmark",
    "entry_basis",
    "return_basis",
]

#: adjustment labels whose returns include dividends / measure the price only
_TOTAL = {"qfq", "hfq", "auto_adjust", "yahoo_auto_adjust", "prevclose_qfq", "prevclose_2dp"}
_PRICE = {"none", "split_only"}


class ReturnBasisWarning(ReequityWarning):
    """A security and its benchmark measure returns on different bases."""


def basis_for_adjustment(adjustment: str, ticker: str) -> str:
    """Return basis implied by a cache adjustment label (``price``: the universe's basis,
    e.g. CSI300TR is a total-return index)."""
    if adjustment in _TOTAL:
        return "total_return"
    if adjustment in _PRICE:
        return "price_only"
    universe = load_universe()
    basis = universe["return_basis"].get(ticker, "")
    return basis if basis in RETURN_BASES else "price_only"


def return_basis(tickers: Iterable[str], *, cache_dir: str | Path | None = None) -> dict[str, str]:
    """Basis of the series each ticker would be read from (writable cache first).

    Returns
    -------
    dict
        Ticker -> ``total_return`` or ``price_only``; a ticker in no cache gets the
        universe's ``return_basis``.

    Examples
    --------
    >>> return_basis(["600111", "LYC.AX", "CSI300", "CSI300TR"])
    {'600111': 'total_return', 'LYC.AX': 'price_only', 'CSI300': 'price_only', 'CSI300TR': 'total_return'}
    """
    out = {}
    for ticker in tickers:
        found = find_entry(ticker, cache_dir=cache_dir)
        if found is None:
            out[ticker] = basis_for_adjustment("price", ticker)
            continue
        out[ticker] = entry_basis(found[0], ticker)
    return out


def entry_basis(entry: dict, ticker: str) -> str:
    """Return basis of one manifest entry: its ``return_basis``, else its adjustment's."""
    basis = entry.get("return_basis")
    if basis in RETURN_BASES:
        return str(basis)
    return basis_for_adjustment(str(entry.get("adjustment", "")), ticker)


def consistent_benchmark(
    ticker: str,
    benchmark: str,
    *,
    available: set[str],
    cache_dir: str | Path | None = None,
) -> str:
    """The benchmark to use by default: ``benchmark``, or its version on the ticker's basis.

    A total-return stock whose benchmark is a price index is measured against the index's
    total-return version (``total_return_of`` in the universe: CSI300TR for CSI300, SPY
    for SPX) when ``available`` (the cached tickers) holds it.

    Examples
    --------
    >>> consistent_benchmark("600111", "CSI300", available={"CSI300", "CSI300TR"})
    'CSI300TR'
    >>> consistent_benchmark("LYC.AX", "ASX200", available={"ASX200"})
    'ASX200'
    """
    bases = return_basis([ticker, benchmark], cache_dir=cache_dir)
    if bases[ticker] == bases[benchmark]:
        return benchmark
    universe = load_universe()
    versions = universe.index[universe["total_return_of"].eq(benchmark)]
    for candidate in versions:
        if (
            candidate in available
            and return_basis([candidate], cache_dir=cache_dir)[candidate] == bases[ticker]
        ):
            return str(candidate)
    return benchmark


def basis_mismatches(
    benchmark_of: Mapping[str, str], *, cache_dir: str | Path | None = None
) -> pd.DataFrame:
    """Securities whose benchmark has another return basis.

    Returns
    -------
    DataFrame
        ``ticker, benchmark, ticker_basis, benchmark_basis, message``, one row per
        mismatched security (empty when all agree).
    """
    bases = return_basis({*benchmark_of, *benchmark_of.values()}, cache_dir=cache_dir)
    rows = []
    for ticker, bench in benchmark_of.items():
        mine, theirs = bases[ticker], bases[bench]
        if mine != theirs:
            rows.append({
                "ticker": ticker, "benchmark": bench, "ticker_basis": mine,
                "benchmark_basis": theirs,
                "message": f"return basis differs: {ticker} is {mine} but its benchmark "
                f"{bench} is {theirs}, so abnormal returns carry the dividend difference; "
                "pick a benchmark on the same basis",
            })  # fmt: skip
    cols = ["ticker", "benchmark", "ticker_basis", "benchmark_basis", "message"]
    return pd.DataFrame(rows, columns=cols)
