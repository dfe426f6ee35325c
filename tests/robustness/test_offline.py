"""Offline operation: with no network the package falls back to the cache and says so.

The real-process cases route every HTTP(S) request to a dead local proxy, so the real
vendor libraries (akshare via requests, yfinance via curl) fail at once, offline-style.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from reequity.data.prices import load_prices
from reequity.errors import CacheMissError

from ._util import FakeProvider, assert_clean_exit, flat, invoke, run_subprocess, synthetic_prices


def test_refresh_offline_in_a_real_process(tmp_path: Path) -> None:
    """`data fetch --refresh` offline: exit 0, one warning per ticker, the cached rows."""
    cache = tmp_path / "cache"
    args = ["data", "fetch", "--tickers", "MP,600111", "--refresh", "--format", "csv"]
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=cache)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    ours = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(ours) == 2, proc.stderr
    assert "using the cached copy of 'MP'" in ours[0]
    assert "using the cached copy of '600111'" in ours[1]
    table = pd.read_csv(pd.io.common.StringIO(proc.stdout), dtype={"ticker": str})
    assert table["ticker"].tolist() == ["MP", "600111"]
    assert table["from_cache_offline"].tolist() == [True, True]
    assert not cache.exists() or not list(cache.glob("*.parquet"))  # nothing new stored


def test_event_study_needs_no_network(tmp_path: Path) -> None:
    args = ["event-study", "--event-ids", "cn_export_controls_2025_10_09", "--tickers",
            "600111,LYC.AX,MP", "-w", "0:0", "--format", "csv", "--out", str(tmp_path / "out")]  # fmt: skip
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=tmp_path / "cache")
    assert proc.returncode == 0, flat(proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith("event_id,pool,window,n_firms,caar")  # as summary.csv
    assert (tmp_path / "out" / "report.md").is_file()


def test_vendor_warnings_do_not_flag_an_online_fetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A successful fetch that triggers a pandas deprecation inside the vendor library is
    not reported as an offline fallback (and the vendor's warning is not printed)."""

    class NoisyProvider(FakeProvider):
        def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp):
            warnings.warn("inplace is deprecated", DeprecationWarning, stacklevel=2)
            return super().fetch(info, start=start, end=end)

    noisy = NoisyProvider(synthetic_prices(4))
    monkeypatch.setattr("reequity.data.prices.default_provider", lambda info: noisy)
    result = invoke(
        ["data", "fetch", "--tickers", "MP", "--refresh", "--replace", "--format", "csv"]
    )
    assert_clean_exit(result, 0)
    assert "inplace" not in result.stderr
    table = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert table["from_cache_offline"].tolist() == [False]
    assert table["source"].tolist() == ["synthetic-4"]


def test_offline_without_any_cached_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing online and nothing cached: CacheMissError telling the user to connect."""
    monkeypatch.setattr("reequity.data.cache.snapshot_dir", lambda: None)
    monkeypatch.setattr("reequity.data.prices.default_provider", lambda info: FakeProvider(None))
    result = invoke(["data", "fetch", "--tickers", "MP"])
    assert_clean_exit(result, 1, "'MP' is neither available online", "nor cached", "connect")
    with pytest.raises(CacheMissError, match="neither available online"):
        load_prices(["MP"])


def test_uncached_series_offline_in_a_real_process(tmp_path: Path) -> None:
    """930598 is not in the shipped snapshot: offline, exit 1 with one line saying so."""
    args = ["event-study", "--tickers", "930598", "--out", str(tmp_path / "out")]
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=tmp_path / "cache")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: '930598' is neither available online") and "nor cached" in last
    assert not (tmp_path / "out").exists()
