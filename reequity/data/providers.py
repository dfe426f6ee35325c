"""Data vendors (the only module that touches the network) and their normalisers.

* :class:`AkshareProvider` — A-shares via ``ak.stock_zh_a_hist`` (with ``adjust``), the
  rare-earth ETFs via ``ak.fund_etf_hist_em`` (same Chinese columns), Chinese
  indices via ``ak.index_zh_a_hist`` and the CSI Rare Earth index 930598 via
  ``ak.stock_zh_index_hist_csindex``.
* :class:`YFinanceProvider` — ASX/US names and indices via ``yf.download`` with
  ``auto_adjust=True``.

Vendor libraries are imported lazily. Each provider accepts an injected ``fetch`` callable
(same signature as the vendor function), so tests pass frames shaped exactly like the
vendor's. Offline, akshare raises ``requests`` ``ConnectionError`` and yfinance returns an
empty frame; both surface here as :class:`~reequity.errors.ProviderError`, which the
loader turns into a cache fallback.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
from collections.abc import Callable
from typing import Any, Literal, Protocol

import pandas as pd

from reequity.data.normalize import align_to_calendar, finish_canonical, validate_canonical
from reequity.errors import ConfigurationError, ProviderError

__all__ = [
    "AkshareProvider",
    "Provider",
    "YFinanceProvider",
    "default_provider",
    "normalize_akshare_csindex",
    "normalize_akshare_index",
    "normalize_akshare_stock",
    "normalize_yfinance",
]

Adjust = Literal["qfq", "hfq", ""]


class Provider(Protocol):
    """What the loader needs from a data vendor."""

    name: str

    def adjustment_for(self, info: pd.Series) -> str:
        """Price adjustment label of the series this provider returns for ``info``."""

    def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        """Canonical frame (validated) of one universe row between start and end."""


def _vendor(module: str, extra: str) -> Any:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return importlib.import_module(module)  # some vendors print on import
    except ImportError as exc:
        raise ProviderError(
            f"the {module!r} package is not installed; install it with `pip install {extra}`"
        ) from exc


def _offline(vendor: str, ticker: str, exc: BaseException) -> ProviderError:
    return ProviderError(f"{vendor} could not fetch {ticker!r} ({type(exc).__name__}: {exc})")


#: loggers of the vendor libraries (yfinance logs "1 Failed download: ..." at ERROR)
_VENDOR_LOGGERS = ("yfinance", "akshare", "peewee", "urllib3")


def _quiet_call(function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> tuple[Any, str]:
    """Call a vendor function with its own chatter captured: stdout, stderr (tqdm bars,
    prints) and its loggers. Returns ``(result, what it said)``; library code never prints,
    so what a vendor says becomes part of our error message or is dropped."""
    said = io.StringIO()
    loggers = [logging.getLogger(name) for name in _VENDOR_LOGGERS]
    saved = [(lg.disabled, lg.propagate) for lg in loggers]
    handler = logging.StreamHandler(said)
    try:
        for lg in loggers:
            lg.disabled, lg.propagate = False, False
            lg.addHandler(handler)
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            return function(*args, **kwargs), said.getvalue()
    finally:
        for lg, (disabled, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.disabled, lg.propagate = disabled, propagate


def _gist(said: str) -> str:
    """The vendor's last non-empty line, shortened, for an error message ("" if silent)."""
    # progress bars (tqdm's "0%|") say nothing; an error line says the most
    lines = [ln.strip() for ln in said.replace("\r", "\n").splitlines() if ln.strip()]
    lines = [ln for ln in lines if "%|" not in ln]
    errors = [ln for ln in lines if "Error" in ln]
    best = (errors or lines or [""])[-1]
    return f"; the vendor said: {best[:200]}" if best else ""


# ---------------------------------------------------------------- akshare normalisers
def normalize_akshare_stock(
    frame: pd.DataFrame, *, ticker: str, exchange: str, adjust: Adjust = "qfq"
) -> pd.DataFrame:
    """Normalise ``ak.stock_zh_a_hist`` / ``ak.fund_etf_hist_em`` output (日期 开盘 收盘 ...).

    ``收盘`` is the adjusted close when ``adjust`` is ``qfq``/``hfq``; returns come from
    it close-to-close, and missing sessions inside the listed life become suspended rows.
    """
    out = pd.DataFrame(
        {
            "date": pd.to_datetime(frame["日期"]),
            "open": frame["开盘"],
            "high": frame["最高"],
            "low": frame["最低"],
            "close": frame["收盘"],
            "adj_close": frame["收盘"] if adjust else float("nan"),
            "volume": frame["成交量"] * 100.0,  # eastmoney reports lots of 100 shares
        }
    )
    price = "adj_close" if adjust else "close"
    out = align_to_calendar(out, exchange=exchange, price=price, fill_suspensions=True)
    return finish_canonical(
        out, ticker=ticker, source=f"akshare.stock_zh_a_hist(adjust={adjust!r})"
    )


def _akshare_index_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """OHLCV of an akshare index frame (Chinese headers); an index close is its own
    adjusted close."""
    return pd.DataFrame(
        {
            "date": pd.to_datetime(frame["日期"]),
            "open": frame["开盘"],
            "high": frame["最高"],
            "low": frame["最低"],
            "close": frame["收盘"],
            "adj_close": frame["收盘"],
            "volume": frame["成交量"],
        }
    )


def normalize_akshare_index(frame: pd.DataFrame, *, ticker: str, exchange: str) -> pd.DataFrame:
    """Normalise ``ak.index_zh_a_hist`` output (日期 开盘 收盘 最高 最低 成交量 成交额 ...)."""
    out = align_to_calendar(_akshare_index_frame(frame), exchange=exchange, price="close")
    return finish_canonical(out, ticker=ticker, source="akshare.index_zh_a_hist")


def normalize_akshare_csindex(frame: pd.DataFrame, *, ticker: str, exchange: str) -> pd.DataFrame:
    """Normalise ``ak.stock_zh_index_hist_csindex`` output (日期 指数代码 ... 收盘 涨跌 涨跌幅 ...)."""
    out = align_to_calendar(_akshare_index_frame(frame), exchange=exchange, price="close")
    return finish_canonical(out, ticker=ticker, source="akshare.stock_zh_index_hist_csindex")


# ---------------------------------------------------------------- yfinance normaliser
def normalize_yfinance(
    frame: pd.DataFrame, *, ticker: str, yahoo_symbol: str, exchange: str
) -> pd.DataFrame:
    """Normalise ``yf.download(..., auto_adjust=True)`` output.

    The frame has MultiIndex columns ``(Price, Ticker)`` with Price in Close, High, Low,
    Open, Volume (``Close`` is split- and dividend-adjusted) and a ``Date`` index.
    """
    data = frame.xs(yahoo_symbol, axis=1, level="Ticker") if frame.columns.nlevels > 1 else frame
    data = data.dropna(subset=["Close"])
    dates = pd.DatetimeIndex(data.index)
    if dates.tz is not None:
        dates = dates.tz_localize(None)
    out = pd.DataFrame(
        {
            "date": dates.normalize(),
            "open": data["Open"].to_numpy(),
            "high": data["High"].to_numpy(),
            "low": data["Low"].to_numpy(),
            "close": data["Close"].to_numpy(),
            "adj_close": data["Close"].to_numpy(),
            "volume": data["Volume"].to_numpy(),
        }
    )
    out = align_to_calendar(out, exchange=exchange, price="adj_close")
    return finish_canonical(out, ticker=ticker, source="yfinance.download(auto_adjust=True)")


# ---------------------------------------------------------------- providers
class AkshareProvider:
    """A-shares and Chinese indices from akshare (Eastmoney / CSI endpoints).

    Parameters
    ----------
    adjust : {"qfq", "hfq", ""}
        Price adjustment of ``stock_zh_a_hist``: forward, backward or none.
    fetch : dict of str to callable, optional
        Replacements for ``stock_zh_a_hist``, ``fund_etf_hist_em``, ``index_zh_a_hist`` and
        ``stock_zh_index_hist_csindex`` (tests inject vendor-shaped frames).
    """

    name = "akshare"

    def __init__(
        self, *, adjust: Adjust = "qfq", fetch: dict[str, Callable[..., Any]] | None = None
    ):
        if adjust not in ("qfq", "hfq", ""):
            raise ConfigurationError(f"adjust {adjust!r} is not one of 'qfq', 'hfq', ''")
        self.adjust = adjust
        self._fetch = dict(fetch or {})

    def adjustment_for(self, info: pd.Series) -> str:
        return (self.adjust or "none") if info["kind"] in ("stock", "etf") else "price"

    def _function(self, name: str) -> Callable[..., Any]:
        if name in self._fetch:
            return self._fetch[name]
        return getattr(_vendor("akshare", "akshare"), name)

    def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        ticker, symbol = str(info.name), str(info["akshare_symbol"])
        if not symbol:
            raise ConfigurationError(f"ticker {ticker!r} has no akshare_symbol; use yfinance")
        s, e = start.strftime("%Y%m%d"), end.strftime("%Y%m%d")
        exchange = str(info["exchange"])
        try:
            if info["kind"] == "etf":
                raw, said = _quiet_call(
                    self._function("fund_etf_hist_em"),
                    symbol=symbol, period="daily", start_date=s, end_date=e, adjust=self.adjust,
                )  # fmt: skip
                kind = "stock"
            elif info["kind"] == "stock":
                raw, said = _quiet_call(
                    self._function("stock_zh_a_hist"),
                    symbol=symbol, period="daily", start_date=s, end_date=e, adjust=self.adjust,
                )  # fmt: skip
                kind = "stock"
            elif symbol.startswith("93") or symbol.startswith("H"):
                raw, said = _quiet_call(
                    self._function("stock_zh_index_hist_csindex"),
                    symbol=symbol, start_date=s, end_date=e,
                )  # fmt: skip
                kind = "csindex"
            else:
                raw, said = _quiet_call(
                    self._function("index_zh_a_hist"),
                    symbol=symbol, period="daily", start_date=s, end_date=e,
                )  # fmt: skip
                kind = "index"
        except Exception as exc:  # requests ConnectionError offline, KeyError on bad JSON
            raise _offline("akshare", ticker, exc) from exc
        if raw is None or len(raw) == 0:
            raise ProviderError(f"akshare returned no rows for {ticker!r} ({s}..{e}){_gist(said)}")
        if kind == "stock":
            out = normalize_akshare_stock(raw, ticker=ticker, exchange=exchange, adjust=self.adjust)
        elif kind == "csindex":
            out = normalize_akshare_csindex(raw, ticker=ticker, exchange=exchange)
        else:
            out = normalize_akshare_index(raw, ticker=ticker, exchange=exchange)
        return validate_canonical(out, ticker=ticker, source="akshare")


class YFinanceProvider:
    """ASX, US and index series from Yahoo Finance via ``yf.download(auto_adjust=True)``.

    Parameters
    ----------
    fetch : callable, optional
        Replacement for ``yf.download`` (tests inject vendor-shaped frames).
    """

    name = "yfinance"

    def __init__(self, *, fetch: Callable[..., pd.DataFrame] | None = None):
        self._download = fetch

    def adjustment_for(self, info: pd.Series) -> str:
        return "auto_adjust" if info["kind"] in ("stock", "etf") else "price"

    def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        ticker, symbol = str(info.name), str(info["yahoo_symbol"])
        if not symbol:
            raise ConfigurationError(f"ticker {ticker!r} has no yahoo_symbol; use akshare")
        download = self._download or _vendor("yfinance", "yfinance").download
        try:
            raw, said = _quiet_call(
                download,
                symbol,
                start=start.strftime("%Y-%m-%d"),
                end=(end + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),  # yfinance end is exclusive
                auto_adjust=True,
                progress=False,
            )
        except Exception as exc:
            raise _offline("yfinance", ticker, exc) from exc
        if raw is None or raw.dropna(how="all").empty:  # yfinance's offline answer
            raise ProviderError(
                f"yfinance returned no rows for {ticker!r} ({symbol}); offline?{_gist(said)}"
            )
        out = normalize_yfinance(
            raw, ticker=ticker, yahoo_symbol=symbol, exchange=str(info["exchange"])
        )
        return validate_canonical(out, ticker=ticker, source="yfinance")


def default_provider(info: pd.Series) -> Provider:
    """akshare for Chinese rows with an akshare symbol, else yfinance."""
    if info["country"] == "CN" and info["akshare_symbol"]:
        return AkshareProvider()
    if info["yahoo_symbol"]:
        return YFinanceProvider()
    raise ConfigurationError(
        f"ticker {info.name!r} has no vendor symbol (kind {info['kind']}); it is derived "
        "data, available only from the shipped cache"
    )
