"""`reequity data list` and `reequity data fetch` through Typer's CliRunner."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli.app import app
from reequity.data import prices
from reequity.data.providers import YFinanceProvider

from .vendor_frames import yf_frame, yf_offline_frame

runner = CliRunner()


def test_list_csv_has_every_shipped_series() -> None:
    result = runner.invoke(app, ["data", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"ticker": str})
    # issue 13: basis, sources with commits, licence status and layer per series
    assert list(table.columns[:9]) == [
        "ticker", "name", "first", "last", "stale", "rows", "return_basis", "adjustment",
        "sources",
    ]  # fmt: skip
    assert {"licence_status", "layer", "shadows_snapshot"} <= set(table.columns)
    assert {"600111", "LYC.AX", "CNRE_EW", "SPX", "SPY"} <= set(table["ticker"])
    row = table.set_index("ticker").loc["LYC.AX"]
    assert row["sources"] == "asxgym/asx_data_daily@6605828" and row["rows"] > 4000
    assert (row["return_basis"], row["licence_status"], row["layer"]) == (
        "price_only", "permissive", "shipped"
    )  # fmt: skip


def test_list_table_and_json() -> None:
    shown = runner.invoke(app, ["data", "list"])
    assert "Cached series" in shown.stdout and "total_return" in shown.stdout
    assert "data as of 2026-08-21" in shown.stderr
    records = json.loads(runner.invoke(app, ["data", "list", "-f", "json"]).stdout)
    assert records[0]["ticker"] == "600111"


def test_fetch_reads_cache_and_reports_rows() -> None:
    result = runner.invoke(
        app, ["data", "fetch", "--tickers", "600111,SPX", "--start", "2025-04-01", "--end", "2025-04-10", "-f", "csv"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"ticker": str}).set_index("ticker")
    assert table.loc["600111", "rows"] == 7  # 04-04 Qingming closed
    assert table.loc["SPX", "rows"] == 8


def test_fetch_refresh_offline_warns_and_uses_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    offline = YFinanceProvider(fetch=lambda *a, **k: yf_offline_frame())
    monkeypatch.setattr(prices, "default_provider", lambda info: offline)
    result = runner.invoke(app, ["data", "fetch", "-t", "LYC.AX", "--refresh", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr and "cached copy" in result.stderr
    assert json.loads(result.stdout)[0]["from_cache_offline"] is True


def test_fetch_refresh_online_writes_to_cache_dir(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    online = YFinanceProvider(fetch=lambda *a, **k: yf_frame())
    monkeypatch.setattr(prices, "default_provider", lambda info: online)
    result = runner.invoke(
        app,
        ["data", "fetch", "-t", "LYC.AX", "--refresh", "--cache-dir", str(tmp_path), "-f", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "manifest.json").is_file()
    listed = runner.invoke(app, ["data", "list", "--cache-dir", str(tmp_path), "-f", "csv"])
    table = pd.read_csv(io.StringIO(listed.stdout), dtype={"ticker": str}).set_index("ticker")
    row = table.loc["LYC.AX"]
    assert row["layer"] == "writable" and row["sources"].startswith("yfinance")
    # Yahoo's auto-adjusted closes include dividends; the copy hides the shipped series
    assert row["return_basis"] == "total_return" and bool(row["shadows_snapshot"])


def test_unknown_ticker_is_one_line_error_exit_1() -> None:
    result = runner.invoke(app, ["data", "fetch", "-t", "LYC"])
    assert result.exit_code == 1
    assert "LYC.AX" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args", [["--start", "soon"], ["--format", "xml"]])
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, ["data", "fetch", "-t", "MP", *args])
    assert result.exit_code == 2


def test_help() -> None:
    result = runner.invoke(app, ["data", "fetch", "-h"])
    assert result.exit_code == 0 and "--tickers" in result.stdout
