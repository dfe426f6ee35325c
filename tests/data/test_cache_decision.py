"""The cache decision: a pure function keyed by provider, ticker and adjustment, and the
loaders that follow it (offline, vendor-shaped injected frames)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reequity.data import prices
from reequity.data.cache import CacheLayer
from reequity.data.cache_decision import STALE_AFTER_DAYS, decide, select_entry
from reequity.data.prices import load_prices, load_returns
from reequity.data.providers import YFinanceProvider
from reequity.errors import CacheMissError, ConfigurationError

from .vendor_frames import yf_frame, yf_frame_from

ENTRY = {"provider": "yfinance", "ticker": "MP", "adjustment": "auto_adjust", "last": "2026-08-21"}
KEYED = {"provider": "yfinance", "ticker": "MP", "adjustment": "auto_adjust", "start": None}


class Download:
    """A ``yf.download`` stand-in that records its calls and returns ``frame``."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame, self.calls = frame, []

    def __call__(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        self.calls.append(kwargs)
        return self.frame


# --- the pure function -------------------------------------------------------------


def test_decision_hit_stale_boundary_and_the_requested_end() -> None:
    last = pd.Timestamp("2026-08-21")
    edge = last + pd.Timedelta(days=STALE_AFTER_DAYS)
    assert decide(**KEYED, end=None, entry=ENTRY, today=edge).action == "hit"
    late = decide(**KEYED, end=None, entry=ENTRY, today=edge + pd.Timedelta(days=1))
    assert late.action == "stale" and not late.fetches
    assert "2026-08-21" in late.reason and "--refresh" in late.reason
    # an end inside the cached range is served even when today is far later
    old_end = decide(**KEYED, end=last, entry=ENTRY, today=pd.Timestamp("2027-01-01"))
    assert old_end.action == "hit"
    # an end after today is measured against today, not the future
    future = decide(**KEYED, end=pd.Timestamp("2030-01-01"), entry=ENTRY, today=last)
    assert future.action == "hit"


def test_decision_miss_refresh_replace_and_the_key() -> None:
    day = pd.Timestamp("2026-08-24")
    miss = decide(**KEYED, end=None, entry=None, today=day)
    assert miss.action == "miss" and miss.fetches and miss.key == "yfinance/MP/auto_adjust"
    for entry in (ENTRY, None):
        assert decide(**KEYED, end=None, entry=entry, today=day, refresh=True).action == "refresh"
        got = decide(**KEYED, end=None, entry=entry, today=day, refresh="replace")
        assert got.action == "replace"
    anyone = decide(
        provider=None, ticker="MP", adjustment=None, start=None, end=None, entry=None, today=day
    )
    assert anyone.key == "*/MP/*"


def test_select_entry_is_keyed_by_provider_and_adjustment_in_read_order() -> None:
    newest = {"provider": "yfinance", "ticker": "MP", "adjustment": "auto_adjust"}
    shipped = {"provider": "snapshot", "ticker": "MP", "adjustment": "yahoo_auto_adjust"}
    both = [newest, shipped]
    assert select_entry(both) is newest
    assert select_entry(both, provider="snapshot") is shipped
    assert select_entry(both, adjustment="yahoo_auto_adjust") is shipped
    assert select_entry(both, provider="yfinance", adjustment="yahoo_auto_adjust") is None
    assert select_entry([], provider="yfinance") is None


# --- the loaders follow it ---------------------------------------------------------


def test_a_named_provider_is_not_ignored_when_another_copy_is_cached(
    isolated_cache: Path,
) -> None:
    download = Download(yf_frame())
    provider = YFinanceProvider(fetch=download)
    # the shipped LYC.AX is asxgym's price-only series: not yfinance's auto_adjust one
    out = load_prices(["LYC.AX"], provider=provider, today="2026-12-04")
    assert len(download.calls) == 1 and out["source"].str.startswith("yfinance").all()
    assert download.calls[0]["end"] == "2026-12-05"  # the injected today, end exclusive
    entries = CacheLayer(isolated_cache, writable=True).entries("LYC.AX")
    assert [(e["provider"], e["adjustment"]) for e in entries] == [("yfinance", "auto_adjust")]
    # now cached under the key: a hit, the vendor is not asked again
    again = load_prices(["LYC.AX"], provider=provider, today="2026-12-04")
    assert len(download.calls) == 1
    pd.testing.assert_frame_equal(again, out, check_dtype=False)  # source: str vs object
    # without a provider the newest copy of any provider is read, still offline
    assert load_prices(["LYC.AX"])["source"].str.startswith("yfinance").all()


def test_without_a_provider_a_stale_copy_is_served_not_fetched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_vendor(info: pd.Series) -> None:
        raise AssertionError(f"{info.name} fetched without being asked")

    monkeypatch.setattr(prices, "default_provider", no_vendor)
    out = load_prices(["MP"], today="2030-01-01")  # years after the shipped last day
    assert out["date"].max() == pd.Timestamp("2026-08-21")


def test_adjustment_keys_the_cache_read(monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = load_prices(["MP"], adjustment="yahoo_auto_adjust")
    assert shipped["source"].ne("yfinance").all() and len(shipped) > 1000
    # not cached as auto_adjust: the default vendor (yfinance) serves that label
    close = shipped.set_index("date")["adj_close"].iloc[-30:]
    download = Download(yf_frame_from(close, "MP"))
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=download))
    fresh = load_prices(["MP"], adjustment="auto_adjust", today="2026-08-24")
    assert len(download.calls) == 1 and fresh["source"].str.startswith("yfinance").all()
    with pytest.raises(CacheMissError, match="adjustment 'hfq'"):
        load_prices(["MP"], adjustment="hfq")
    with pytest.raises(ConfigurationError, match="serves 'MP' with adjustment 'auto_adjust'"):
        load_prices(["MP"], adjustment="hfq", provider=YFinanceProvider(fetch=download))


def test_load_returns_passes_provider_refresh_and_today(isolated_cache: Path) -> None:
    download = Download(yf_frame())
    provider = YFinanceProvider(fetch=download)
    wide = load_returns(
        ["LYC.AX"], start="2025-04-03", end="2025-04-08", provider=provider,
        refresh="replace", today="2025-04-30",
    )  # fmt: skip
    assert download.calls[0]["start"] == "2009-01-01"
    assert download.calls[0]["end"] == "2025-05-01"
    assert list(wide.columns) == ["LYC.AX"] and len(wide) == 4
    fetched = load_prices(["LYC.AX"], start="2025-04-03", end="2025-04-08")
    assert wide["LYC.AX"].tolist() == pytest.approx(fetched["ret"].tolist(), nan_ok=True)
    with pytest.raises(ConfigurationError, match="today"):
        load_returns(["LYC.AX"], today="someday")
