"""``data fetch --refresh`` merges new days onto the cached series (offline, vendor-shaped
frames). The cached history is the real shipped data; the appended days are SYNTHETIC."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli.app import app
from reequity.data import prices
from reequity.data.prices import load_prices
from reequity.data.providers import AkshareProvider, YFinanceProvider
from reequity.data.refresh import OVERLAP_DAYS
from reequity.data.stitch import OverlapMismatchError

from .vendor_frames import ak_stock_frame_from, yf_frame_from

runner = CliRunner()
NEW_DAYS = pd.DatetimeIndex(["2026-08-24", "2026-08-25", "2026-08-26"])  # XNYS sessions
SYNTHETIC_NEW = [52.0, 53.04, 51.9792]  # after the real 2026-08-21 close 60.05; +2%, -2%


class Recorder:
    """A vendor function that records its keyword arguments and returns ``frame``."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame, self.calls = frame, []

    def __call__(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        self.calls.append(kwargs)
        return self.frame


def _mp_vendor_frame(*, tamper: str | None = None) -> pd.DataFrame:
    """Yahoo-shaped MP closes: the shipped closes of the last 25 sessions, then SYNTHETIC."""
    shipped = load_prices(["MP"]).set_index("date")["adj_close"].iloc[-25:]
    close = pd.concat([shipped, pd.Series(SYNTHETIC_NEW, index=NEW_DAYS)])
    if tamper is not None:
        close.loc[tamper] *= 1.02  # e.g. an intraday value or another adjustment
    return yf_frame_from(close, "MP")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_refresh_appends_new_days_onto_the_shipped_series(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    vendor = Recorder(_mp_vendor_frame())
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=vendor))
    before = load_prices(["MP"])
    after = load_prices(["MP"], refresh=True)
    # only the days from shortly before the last cached date were asked for
    (call,) = vendor.calls
    assert call["start"] == (pd.Timestamp("2026-08-21") - pd.Timedelta(days=OVERLAP_DAYS)).strftime(
        "%Y-%m-%d"
    )
    assert len(after) == len(before) + 3 and after["date"].iloc[-3:].tolist() == list(NEW_DAYS)
    # the cached history is kept as it was, the new returns come from the vendor
    pd.testing.assert_frame_equal(after.iloc[: len(before)], before, check_dtype=False)
    new = after.iloc[-3:]
    np.testing.assert_allclose(
        new["ret"], [52.0 / before["adj_close"].iloc[-1] - 1, 0.02, -0.02], rtol=1e-9
    )
    # stored in the writable layer, which now shadows the snapshot
    assert load_prices(["MP"])["date"].max() == NEW_DAYS[-1]
    assert (isolated_cache / "yfinance__MP__auto_adjust.parquet").is_file()


def test_refresh_with_a_disagreeing_overlap_is_refused_and_the_cache_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    good = YFinanceProvider(fetch=Recorder(_mp_vendor_frame()))
    monkeypatch.setattr(prices, "default_provider", lambda info: good)
    load_prices(["MP"], refresh=True)  # a good writable copy to protect
    files = sorted(isolated_cache.iterdir())
    hashes = {p.name: _sha(p) for p in files if not p.name.startswith(".")}
    bad_frame = _mp_vendor_frame(tamper="2026-08-19")
    more = pd.DatetimeIndex(["2026-08-27"])
    bad_frame = pd.concat([bad_frame, yf_frame_from(pd.Series([52.5], index=more), "MP")])
    bad = YFinanceProvider(fetch=Recorder(bad_frame))
    monkeypatch.setattr(prices, "default_provider", lambda info: bad)
    with pytest.raises(
        OverlapMismatchError, match=r"refresh of MP .*DISAGREES.* worst 2026-08-1.*--replace"
    ):
        load_prices(["MP"], refresh=True)
    assert {p.name: _sha(p) for p in isolated_cache.iterdir() if not p.name.startswith(".")} == (
        hashes
    )
    # the CLI says it in one line, exit 1, no traceback
    result = runner.invoke(app, ["data", "fetch", "-t", "MP", "--refresh"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "2026-08-1" in result.stderr and "old " in result.stderr and "new " in result.stderr
    assert {p.name: _sha(p) for p in isolated_cache.iterdir() if not p.name.startswith(".")} == (
        hashes
    )


def test_refresh_of_an_a_share_with_akshare_shaped_frames(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = load_prices(["600392"]).set_index("date")["adj_close"].iloc[-20:]
    new_days = pd.DatetimeIndex(["2026-07-28", "2026-07-29"])  # XSHG sessions
    close = pd.concat([shipped, pd.Series([shipped.iloc[-1] * 1.03] * 2, index=new_days)])
    vendor = Recorder(ak_stock_frame_from(close, "600392"))
    ak = AkshareProvider(fetch={"stock_zh_a_hist": vendor})
    monkeypatch.setattr(prices, "default_provider", lambda info: ak)
    after = load_prices(["600392"], refresh=True)
    assert after["date"].iloc[-2:].tolist() == list(new_days)
    assert after["ret"].iloc[-1] == pytest.approx(0.0)  # SYNTHETIC flat second day
    assert vendor.calls[0]["start_date"] == "20260627"  # 2026-07-27 minus 30 days


def test_refresh_onto_another_return_basis_fetches_the_full_history(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the shipped LYC.AX closes are price-only; Yahoo's are dividend-adjusted: no merge
    shipped = load_prices(["LYC.AX"]).set_index("date")["close"].iloc[-10:]
    vendor = Recorder(yf_frame_from(shipped, "LYC.AX"))
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=vendor))
    load_prices(["LYC.AX"], refresh=True)
    assert vendor.calls[0]["start"] == "2009-01-01"


def test_refresh_with_no_new_day_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    shipped = load_prices(["MP"]).set_index("date")["adj_close"].iloc[-25:]
    vendor = Recorder(yf_frame_from(shipped, "MP"))
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=vendor))
    again = load_prices(["MP"], refresh=True)
    assert again["date"].max() == pd.Timestamp("2026-08-21") and len(vendor.calls) == 1
    assert not (isolated_cache / "manifest.json").exists()


def test_a_corrupt_cached_copy_is_repaired_by_a_full_fetch(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    good = YFinanceProvider(fetch=Recorder(_mp_vendor_frame()))
    monkeypatch.setattr(prices, "default_provider", lambda info: good)
    vendor = Recorder(_mp_vendor_frame())  # built from the snapshot before the damage
    load_prices(["MP"], refresh=True)
    (isolated_cache / "yfinance__MP__auto_adjust.parquet").write_bytes(b"damaged")
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=vendor))
    repaired = load_prices(["MP"], refresh=True)
    assert vendor.calls[0]["start"] == "2009-01-01"  # full history, not a merge
    assert repaired["date"].max() == NEW_DAYS[-1]


def test_replace_takes_the_vendor_history_when_merge_refuses(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    bad = YFinanceProvider(fetch=Recorder(_mp_vendor_frame(tamper="2026-08-19")))
    monkeypatch.setattr(prices, "default_provider", lambda info: bad)
    assert runner.invoke(app, ["data", "fetch", "-t", "MP", "--refresh"]).exit_code == 1
    result = runner.invoke(app, ["data", "fetch", "-t", "MP", "--refresh", "--replace"])
    assert result.exit_code == 0, result.output
    assert len(load_prices(["MP"])) == 28  # the vendor's 25 + 3 days, nothing merged


def test_refresh_continues_the_vendors_own_series_not_a_newer_other_copy(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    from reequity.data.cache import CacheLayer

    layer = CacheLayer(isolated_cache, writable=True)
    shipped = load_prices(["MP"])
    meta = {"ticker": "MP", "adjustment": "auto_adjust", "return_basis": "total_return"}
    layer.write(
        shipped, {**meta, "provider": "yfinance", "fetched_at": "2026-08-22T00:00:00+00:00"}
    )
    # a newer copy of another vendor on the same basis that ends two months earlier: a
    # read without a provider serves it, but yfinance's refresh must continue its own
    short = shipped[shipped["date"] <= "2026-06-18"]
    layer.write(
        short, {**meta, "provider": "othervendor", "fetched_at": "2026-08-23T00:00:00+00:00"}
    )
    assert load_prices(["MP"])["date"].max() == pd.Timestamp("2026-06-18")
    vendor = Recorder(_mp_vendor_frame())
    provider = YFinanceProvider(fetch=vendor)
    after = load_prices(["MP"], refresh=True, provider=provider)
    (call,) = vendor.calls  # from shortly before yfinance's own last day, 2026-08-21
    assert call["start"] == (pd.Timestamp("2026-08-21") - pd.Timedelta(days=OVERLAP_DAYS)).strftime(
        "%Y-%m-%d"
    )
    assert after["date"].iloc[-3:].tolist() == list(NEW_DAYS)
    assert len(after) == len(shipped) + 3
