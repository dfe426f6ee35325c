"""load_prices / load_returns: cache-first loading, offline fallback, cache miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import requests

from reequity.data.cache import CacheLayer
from reequity.data.normalize import COLUMNS
from reequity.data.prices import load_prices, load_returns
from reequity.data.providers import AkshareProvider, YFinanceProvider
from reequity.errors import (
    CacheMissError,
    ConfigurationError,
    OfflineFallbackWarning,
    UnknownTickerError,
)

from .vendor_frames import ak_csindex_frame, yf_frame, yf_offline_frame


def _offline_ak(**kwargs: Any) -> pd.DataFrame:
    raise requests.exceptions.ConnectionError("offline")


def test_refresh_fetches_and_stores_in_the_writable_layer(isolated_cache: Path) -> None:
    provider = YFinanceProvider(fetch=lambda *a, **k: yf_frame())
    out = load_prices(["LYC.AX"], refresh=True, provider=provider)
    assert list(out.columns) == list(COLUMNS)
    assert out["source"].iloc[0].startswith("yfinance")
    entries = CacheLayer(isolated_cache, writable=True).entries("LYC.AX")
    assert entries[0]["provider"] == "yfinance" and entries[0]["adjustment"] == "auto_adjust"
    # a second, offline load now reads the fresh copy from the writable layer, no warning
    again = load_prices(["LYC.AX"])
    assert len(again) == len(out) and again["source"].iloc[0].startswith("yfinance")


def test_yfinance_offline_falls_back_to_the_shipped_cache_with_warning() -> None:
    provider = YFinanceProvider(fetch=lambda *a, **k: yf_offline_frame())
    with pytest.warns(OfflineFallbackWarning, match="LYC.AX"):
        out = load_prices(
            ["LYC.AX"], start="2025-04-01", end="2025-04-10", refresh=True, provider=provider
        )
    assert out["date"].min() == pd.Timestamp("2025-04-01")
    assert out["source"].eq("asxgym").all()


def test_akshare_offline_falls_back_with_warning() -> None:
    provider = AkshareProvider(fetch={"stock_zh_a_hist": _offline_ak})
    with pytest.warns(OfflineFallbackWarning, match="ConnectionError"):
        out = load_prices(
            "600111", start="2025-04-01", end="2025-04-10", refresh=True, provider=provider
        )
    assert len(out) > 0


def test_not_online_and_not_cached_is_a_cache_miss() -> None:
    provider = AkshareProvider(fetch={"stock_zh_index_hist_csindex": _offline_ak})
    with pytest.raises(CacheMissError, match="930598.*neither available online"):
        load_prices(["930598"], provider=provider)


def test_uncached_ticker_fetched_online_when_available() -> None:
    provider = AkshareProvider(
        fetch={"stock_zh_index_hist_csindex": lambda **kw: ak_csindex_frame()}
    )
    out = load_prices(["930598"], provider=provider)
    assert out["ticker"].eq("930598").all() and len(out) == 5


def test_load_returns_shape_order_and_holidays() -> None:
    r = load_returns(["LYC.AX", "600111", "SPX"], start="2025-04-01", end="2025-04-10")
    assert list(r.columns) == ["LYC.AX", "600111", "SPX"]
    assert r.index.name == "date" and isinstance(r.index, pd.DatetimeIndex)
    assert np.isnan(r.loc["2025-04-04", "600111"])  # Qingming: Shanghai closed
    assert r.loc["2025-04-04", ["LYC.AX", "SPX"]].notna().all()
    assert r.loc["2025-04-04", "SPX"] == pytest.approx(-0.0597, abs=5e-4)  # the tariff crash


def test_log_returns() -> None:
    simple = load_returns(["SPX"], start="2025-04-01", end="2025-04-10")
    log = load_returns(["SPX"], start="2025-04-01", end="2025-04-10", method="log")
    np.testing.assert_allclose(log.to_numpy(), np.log1p(simple.to_numpy()))
    with pytest.raises(ConfigurationError, match="method"):
        load_returns(["SPX"], method="cubic")  # type: ignore[arg-type]


def test_suspended_sessions_are_nan_not_zero() -> None:
    p = load_prices(["600392"], start="2016-12-01", end="2016-12-31")
    susp = p[p["suspended"]]
    assert len(susp) >= 1 and susp["ret"].isna().all()


def test_bad_inputs() -> None:
    with pytest.raises(UnknownTickerError, match="did you mean"):
        load_returns(["LYC"])
    with pytest.raises(UnknownTickerError):
        load_prices(["../../etc/passwd"])
    with pytest.raises(ConfigurationError, match="after"):
        load_prices(["SPX"], start="2025-02-01", end="2025-01-01")
    with pytest.raises(ConfigurationError, match="not a date"):
        load_prices(["SPX"], start="yesterday-ish")


def test_refresh_fetches_full_history_but_returns_the_window() -> None:
    calls: list[dict[str, Any]] = []

    def download(*args: Any, **kwargs: Any) -> pd.DataFrame:
        calls.append(kwargs)
        return yf_frame()

    out = load_prices(
        ["LYC.AX"], start="2025-04-03", end="2025-04-08", refresh=True,
        provider=YFinanceProvider(fetch=download),
    )  # fmt: skip
    assert calls[0]["start"] == "2009-01-01"
    assert out["date"].min() == pd.Timestamp("2025-04-03")
    assert out["date"].max() == pd.Timestamp("2025-04-08")
