"""Readers that return the fixtures exactly as each vendor function returns its frame."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FIXTURES = Path(__file__).with_name("fixtures")


def ak_stock_frame() -> pd.DataFrame:
    """As ``ak.stock_zh_a_hist`` returns it: 日期 holds datetime.date objects."""
    frame = pd.read_csv(FIXTURES / "akshare_stock_zh_a_hist_600111.csv", dtype={"股票代码": str})
    frame["日期"] = pd.to_datetime(frame["日期"]).dt.date
    return frame


def ak_index_frame() -> pd.DataFrame:
    """As ``ak.index_zh_a_hist`` returns it: 日期 stays text."""
    return pd.read_csv(FIXTURES / "akshare_index_zh_a_hist_000300.csv", dtype={"日期": str})


def ak_csindex_frame() -> pd.DataFrame:
    """As ``ak.stock_zh_index_hist_csindex`` returns it (SYNTHETIC values)."""
    frame = pd.read_csv(FIXTURES / "akshare_csindex_930598_synthetic.csv", dtype={"指数代码": str})
    frame["日期"] = pd.to_datetime(frame["日期"]).dt.date
    return frame


def yf_frame() -> pd.DataFrame:
    """As ``yf.download(auto_adjust=True)`` returns it: (Price, Ticker) columns."""
    return pd.read_csv(
        FIXTURES / "yfinance_download_LYC.AX.csv", header=[0, 1], index_col=0, parse_dates=True
    )


def yf_offline_frame() -> pd.DataFrame:
    """What ``yf.download`` returns offline: an empty frame with the same columns."""
    cols = pd.MultiIndex.from_product(
        [["Adj Close", "Close", "High", "Low", "Open", "Volume"], ["LYC.AX"]],
        names=["Price", "Ticker"],
    )
    return pd.DataFrame(columns=cols, index=pd.DatetimeIndex([], name="Date"))


def yf_frame_from(close: pd.Series, symbol: str) -> pd.DataFrame:
    """A ``yf.download(auto_adjust=True)``-shaped frame with the given closes (for merge
    tests; open/high/low = close, volume 1e6)."""
    cols = pd.MultiIndex.from_product(
        [["Close", "High", "Low", "Open", "Volume"], [symbol]], names=["Price", "Ticker"]
    )
    values = {("Volume", symbol): 1e6}
    frame = pd.DataFrame(index=pd.DatetimeIndex(close.index, name="Date"), columns=cols)
    for price in ("Close", "High", "Low", "Open"):
        frame[(price, symbol)] = close.to_numpy()
    frame[("Volume", symbol)] = values[("Volume", symbol)]
    return frame.astype(float)


def ak_stock_frame_from(close: pd.Series, symbol: str) -> pd.DataFrame:
    """An ``ak.stock_zh_a_hist``-shaped frame (Chinese headers, 日期 as datetime.date) with
    the given closes rounded to 2 decimals, as eastmoney quotes them."""
    px = close.round(2).to_numpy()
    prev = close.round(2).shift(1).to_numpy()
    return pd.DataFrame({
        "日期": pd.DatetimeIndex(close.index).date, "股票代码": symbol, "开盘": px, "收盘": px,
        "最高": px, "最低": px, "成交量": 10000, "成交额": 1e8, "振幅": 0.0,
        "涨跌幅": (px / prev - 1) * 100, "涨跌额": px - prev, "换手率": 1.0,
    })  # fmt: skip
