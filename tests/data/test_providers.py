"""Vendor frames -> canonical schema, from fixtures shaped exactly like each vendor's."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
import requests

from reequity.data.normalize import COLUMNS
from reequity.data.providers import AkshareProvider, YFinanceProvider, default_provider
from reequity.data.universe import get_ticker_info
from reequity.errors import ConfigurationError, ProviderError

from .vendor_frames import (
    ak_csindex_frame,
    ak_index_frame,
    ak_stock_frame,
    yf_frame,
    yf_offline_frame,
)

START, END = pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")


def _recorder(frame: pd.DataFrame, calls: list[dict[str, Any]]):
    def fetch(**kwargs: Any) -> pd.DataFrame:
        calls.append(kwargs)
        return frame.copy()

    return fetch


def test_akshare_stock_is_called_like_the_vendor_and_normalised() -> None:
    calls: list[dict[str, Any]] = []
    provider = AkshareProvider(fetch={"stock_zh_a_hist": _recorder(ak_stock_frame(), calls)})
    out = provider.fetch(get_ticker_info("600111"), start=START, end=END)
    assert calls == [
        {"symbol": "600111", "period": "daily", "start_date": "20250101",
         "end_date": "20251231", "adjust": "qfq"}
    ]  # fmt: skip
    assert list(out.columns) == list(COLUMNS)
    assert (out["ticker"] == "600111").all()
    assert out["date"].dtype == "datetime64[ns]"
    # National Day holiday is not a gap: 10-09 return is against 09-30
    ret = out.set_index("date")["ret"]
    raw = ak_stock_frame().set_index(pd.to_datetime(ak_stock_frame()["日期"]))["收盘"]
    assert ret["2025-10-09"] == pytest.approx(raw["2025-10-09"] / raw["2025-09-30"] - 1)
    # the removed 2025-10-13 session becomes a suspended row; the next return is NaN
    row = out.set_index("date").loc["2025-10-13"]
    assert bool(row["suspended"]) and np.isnan(row["ret"])
    assert np.isnan(ret["2025-10-14"])
    assert "gap_before" in out.set_index("date").loc["2025-10-14", "flag"]
    # volume in shares, adjusted close present
    assert out["volume"].iloc[0] == ak_stock_frame()["成交量"].iloc[0] * 100
    assert out["adj_close"].notna().sum() == len(ak_stock_frame())


def test_akshare_index_and_csindex() -> None:
    provider = AkshareProvider(
        fetch={
            "index_zh_a_hist": lambda **kw: ak_index_frame(),
            "stock_zh_index_hist_csindex": lambda **kw: ak_csindex_frame(),
        }
    )
    csi = provider.fetch(get_ticker_info("CSI300"), start=START, end=END)
    closes = ak_index_frame()["收盘"].to_numpy()
    assert csi["ret"].iloc[1] == pytest.approx(closes[1] / closes[0] - 1)
    assert csi["ret"].iloc[1:].notna().all()
    re_idx = provider.fetch(get_ticker_info("930598"), start=START, end=END)
    # 04-03 -> 04-07 crosses only the Qingming holiday: adjacent sessions, return kept
    assert re_idx.set_index("date").loc["2025-04-07", "ret"] == pytest.approx(1550.40 / 1520 - 1)
    assert provider.adjustment_for(get_ticker_info("CSI300")) == "price"


def test_akshare_offline_raises_provider_error() -> None:
    def offline(**kwargs: Any) -> pd.DataFrame:
        raise requests.exceptions.ConnectionError("Max retries exceeded")

    provider = AkshareProvider(fetch={"stock_zh_a_hist": offline})
    with pytest.raises(ProviderError, match="ConnectionError"):
        provider.fetch(get_ticker_info("600111"), start=START, end=END)


def test_akshare_empty_frame_is_an_error() -> None:
    provider = AkshareProvider(fetch={"stock_zh_a_hist": lambda **kw: pd.DataFrame()})
    with pytest.raises(ProviderError, match="no rows"):
        provider.fetch(get_ticker_info("600111"), start=START, end=END)


def test_bad_adjust() -> None:
    with pytest.raises(ConfigurationError, match="adjust"):
        AkshareProvider(adjust="xx")  # type: ignore[arg-type]


def test_yfinance_download_is_called_like_the_vendor_and_normalised() -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []

    def download(*args: Any, **kwargs: Any) -> pd.DataFrame:
        calls.append((args, kwargs))
        return yf_frame()

    out = YFinanceProvider(fetch=download).fetch(get_ticker_info("LYC.AX"), start=START, end=END)
    assert calls[0][0] == ("LYC.AX",)
    assert calls[0][1]["auto_adjust"] is True and calls[0][1]["end"] == "2026-01-01"
    closes = yf_frame()[("Close", "LYC.AX")]
    expected = closes.pct_change()
    got = out.set_index("date")["ret"]
    np.testing.assert_allclose(got.iloc[1:].to_numpy(), expected.iloc[1:].to_numpy(), atol=1e-12)
    assert out["adj_close"].iloc[0] == pytest.approx(closes.iloc[0])
    assert list(out.columns) == list(COLUMNS)


def test_yfinance_offline_empty_frame_raises_provider_error() -> None:
    provider = YFinanceProvider(fetch=lambda *a, **k: yf_offline_frame())
    with pytest.raises(ProviderError, match="no rows"):
        provider.fetch(get_ticker_info("LYC.AX"), start=START, end=END)


def test_default_provider_choice() -> None:
    assert isinstance(default_provider(get_ticker_info("600111")), AkshareProvider)
    assert isinstance(default_provider(get_ticker_info("MP")), YFinanceProvider)
    with pytest.raises(ConfigurationError, match="derived"):
        default_provider(get_ticker_info("CNRE_EW"))
