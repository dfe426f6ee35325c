"""The instrument universe: one CSV row per ticker holds every fact about it.

``universe.csv`` (next to this module) is the single place for ticker ids, exchanges,
currencies, benchmarks, vendor symbols and the date each company became a rare-earth
business. Everything else looks tickers up here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, UnknownTickerError

__all__ = [
    "BASKET_CONSTITUENTS",
    "GROUP_LABELS",
    "RETURN_BASES",
    "get_ticker_info",
    "load_universe",
    "price_limit_schedule",
    "validate_tickers",
]

#: The A-share main-board daily limit (since 1996-12-16); ChiNext moved to 0.20 on
#: 2020-08-24 with the registration reform, recorded per ticker in ``price_limit_since``.
MAIN_BOARD_LIMIT = 0.10

UNIVERSE_CSV = Path(__file__).with_name("universe.csv")

#: Constituents of the derived equal-weighted A-share rare-earth basket ``CNRE_EW``
#: (rare-earth miners, separators and magnet makers; 600010 Baotou Steel is left out as a
#: steel maker). Each counts only from its ``rare_earth_from`` date.
BASKET_CONSTITUENTS: dict[str, tuple[str, ...]] = {
    "CNRE_EW": (
        "600111",
        "600392",
        "000831",
        "600259",
        "600366",
        "000970",
        "300748",
        "600549",
        "000795",
        "600206",
        "300224",
    ),
}

_KINDS = {"stock", "index", "etf", "basket"}

#: Study groups of the universe's ``group`` column: listed in China or outside it.
GROUP_LABELS = {"CN": "listed in China", "ex-CN": "listed outside China"}

#: What a series' daily return measures: dividends included (adjusted closes, exchange
#: ex-rights reference closes, total-return indices) or the price change only.
RETURN_BASES = ("total_return", "price_only")
_SAFE_TICKER = re.compile(r"^[A-Za-z0-9^][A-Za-z0-9_.^-]{0,31}$")


@lru_cache(maxsize=4)
def _read_universe(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        path, dtype=str, keep_default_na=False, encoding="utf-8", comment=None
    ).set_index("ticker")
    frame["rare_earth_from"] = pd.to_datetime(frame["rare_earth_from"].replace("", None))
    frame["price_limit"] = pd.to_numeric(frame["price_limit"].replace("", None)).astype(float)
    frame["price_limit_since"] = pd.to_datetime(frame["price_limit_since"].replace("", None))
    frame["is_benchmark"] = frame["benchmark"].eq("")
    for col in ("return_basis", "total_return_of"):  # older universe files lack them
        if col not in frame:
            frame[col] = ""
    bad_basis = sorted(set(frame["return_basis"]) - {*RETURN_BASES, ""})
    if bad_basis:
        raise ConfigurationError(
            f"universe file {path} has return_basis {bad_basis}; valid: {list(RETURN_BASES)}"
        )
    bad_kind = sorted(set(frame["kind"]) - _KINDS)
    if bad_kind or frame.index.duplicated().any():
        raise ConfigurationError(
            f"universe file {path} is invalid: kinds {bad_kind} (valid: {sorted(_KINDS)}) "
            f"or duplicate tickers {list(frame.index[frame.index.duplicated()])}; fix the CSV"
        )
    if "group" not in frame:  # an older user universe: group by country
        frame["group"] = np.where(frame["country"].eq("CN"), "CN", "ex-CN")
    bad_group = sorted(set(frame["group"]) - set(GROUP_LABELS))
    if bad_group:
        raise ConfigurationError(
            f"universe file {path} has group(s) {bad_group}; valid: {', '.join(GROUP_LABELS)}"
        )
    return frame


def load_universe(path: str | Path | None = None) -> pd.DataFrame:
    """Load the instrument universe.

    Parameters
    ----------
    path : str or Path, optional
        A universe CSV with the same columns; default the packaged ``universe.csv``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``ticker`` (str) with columns ``name, name_zh, kind`` (stock, index,
        etf, basket), ``exchange`` (XSHG, XSHE, XASX, XNYS, XNAS, ARCX), ``currency``,
        ``country`` (CN, AU, US), ``benchmark`` (ticker id, empty for benchmarks),
        ``akshare_symbol``, ``yahoo_symbol``, ``rare_earth_from`` (Timestamp or NaT),
        ``price_limit`` (0.10 main board, 0.20 ChiNext/STAR, NaN outside China),
        ``price_limit_since`` (date from which ``price_limit`` applies; before it the
        main-board 0.10; NaT = always), ``note``, ``group`` (``CN`` listed in China,
        ``ex-CN`` listed outside it) and ``is_benchmark`` (bool). ``kind`` is the
        security's role in a study: only ``stock`` rows enter the pooled results; ETFs,
        baskets and indices hold those stocks and are reported as their own groups.

        main-board 0.10; NaT = always), ``note``, ``return_basis`` (``total_return``:
        dividends included; ``price_only``: price change only) of the shipped series,
        ``total_return_of`` (for a total-return benchmark, the price index it is the
        total-return version of: CSI300TR -> CSI300, SPY -> SPX) and ``is_benchmark``.

    Examples
    --------
    >>> u = load_universe()
    >>> u.loc["600392", "rare_earth_from"].year
    2012
    >>> u.loc["LYC.AX", "benchmark"]
    'ASX200'
    >>> u.loc[["600111", "LYC.AX", "516150"], ["kind", "group"]].to_dict("index")["516150"]
    {'kind': 'etf', 'group': 'CN'}
    """
    resolved = UNIVERSE_CSV if path is None else Path(path)
    return _read_universe(resolved.resolve()).copy()


def validate_tickers(tickers: str | Iterable[str], *, path: str | Path | None = None) -> list[str]:
    """Check ticker ids against the universe and de-duplicate them, keeping order.

    Parameters
    ----------
    tickers : str or iterable of str
        One ticker id or several (a comma-separated string is split); matched without
        regard to case (``lyc.ax`` is ``LYC.AX``).
    path : str or Path, optional
        Universe CSV; default the packaged one.

    Returns
    -------
    list of str
        The tickers, each once, in the order first given.

    Raises
    ------
    UnknownTickerError
        For a ticker not in the universe (the message lists close matches) or a
        path-like value such as ``../../etc/passwd``.
    """
    if isinstance(tickers, str):
        tickers = tickers.split(",")
    universe = load_universe(path)
    known = list(universe.index)
    by_folded = {t.casefold(): t for t in known}
    out: list[str] = []
    for raw in tickers:
        ticker = str(raw).strip()
        if not _SAFE_TICKER.match(ticker) or ".." in ticker:
            raise UnknownTickerError(
                f"ticker {raw!r} is not a valid ticker id (letters, digits, '.', '_', '-' only); "
                f"use an id from the universe, e.g. {', '.join(known[:4])}"
            )
        # ids are case-insensitive on input ("lyc.ax" is LYC.AX); output uses the universe's
        ticker = by_folded.get(ticker.casefold(), ticker)
        if ticker not in universe.index:
            close = difflib.get_close_matches(ticker.upper(), known, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(close)}?" if close else "see `reequity data list`"
            raise UnknownTickerError(
                f"unknown ticker {ticker!r}: not in the universe ({len(known)} tickers); {hint}"
            )
        if ticker not in out:
            out.append(ticker)
    return out


def get_ticker_info(ticker: str, *, path: str | Path | None = None) -> pd.Series:
    """Return the universe row of one ticker (a Series named after the ticker).

    Raises
    ------
    UnknownTickerError
        If the ticker is not in the universe.
    """
    (valid,) = validate_tickers([ticker], path=path)
    return load_universe(path).loc[valid]


def mask_before_rare_earth(
    returns: pd.DataFrame, *, path: str | Path | None = None
) -> pd.DataFrame:
    """Set returns to NaN before each ticker's ``rare_earth_from`` date.

    600392 was 太工天成 before 2012 and 000831 an aluminium company before 2013-04: their
    earlier returns say nothing about rare earths. Columns that are not universe tickers,
    or have no ``rare_earth_from``, are left as they are.

    Parameters
    ----------
    returns : DataFrame
        Wide returns (DatetimeIndex, one column per ticker).
    path : path, optional
        Universe CSV (default: the shipped one).

    Returns
    -------
    DataFrame
        A copy of ``returns`` with the pre-rare-earth rows of each column set to NaN.
    """
    starts = load_universe(path)["rare_earth_from"]
    masked = returns.copy()
    for ticker in masked.columns:
        start = starts.get(ticker, pd.NaT)
        if pd.notna(start):
            masked.loc[masked.index < start, ticker] = np.nan
    return masked


def price_limit_schedule(
    ticker: str, *, path: str | Path | None = None
) -> float | pd.Series | None:
    """Daily price limit of ``ticker`` as the engine's ``price_limits`` takes it.

    Returns
    -------
    float, Series or None
        None outside China; a float when the limit never changed; else a Series of limits
        indexed by the date each applies from (e.g. 300748: 0.10 at listing, 0.20 from
        2020-08-24, when ChiNext moved to a 20% limit).

    Examples
    --------
    >>> price_limit_schedule("600111")
    0.1
    >>> price_limit_schedule("300748").to_dict()
    {Timestamp('1990-01-01 00:00:00'): 0.1, Timestamp('2020-08-24 00:00:00'): 0.2}
    """
    row = load_universe(path).loc[validate_tickers([ticker], path=path)[0]]
    if pd.isna(row["price_limit"]):
        return None
    if pd.isna(row["price_limit_since"]):
        return float(row["price_limit"])
    return pd.Series(
        [MAIN_BOARD_LIMIT, float(row["price_limit"])],
        index=pd.DatetimeIndex([pd.Timestamp("1990-01-01"), row["price_limit_since"]]),
        name="price_limit",
    )
