"""Group 2: tickers - unknown, path-like, duplicated - on the CLI and in the Python API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.data.cache import CacheLayer, read_series, series_filename
from reequity.errors import CacheMissError, ReequityError, UnknownTickerError

from ._util import assert_clean_exit, invoke, run_subprocess, sha256

PATHS = ["../../etc/passwd", "/etc/passwd", "..", "MP/../../x", "C:\\Windows\\win.ini", "~root"]
COMMANDS = {
    "event-study": ["event-study", "--tickers"],
    "correlate": ["correlate", "--tickers"],
    "data fetch": ["data", "fetch", "--tickers"],
}


def _tickers_arg(command: str, ticker: str) -> str:
    return f"600111,{ticker}" if command == "correlate" else ticker


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unknown_ticker(command: str, tmp_path: Path, isolated_cache: Path) -> None:
    out = tmp_path / "out"
    args = [*COMMANDS[command], _tickers_arg(command, "LYC")]
    if command != "data fetch":
        args += ["--out", str(out)]
    result = invoke(args)
    assert_clean_exit(result, 1, "unknown ticker 'LYC'", "not in the universe", "LYC.AX")
    assert not out.exists() and not isolated_cache.exists()


def test_unknown_ticker_in_python() -> None:
    with pytest.raises(UnknownTickerError, match="unknown ticker 'NOPE'") as info:
        rq.load_returns(["MP", "NOPE"])
    assert isinstance(info.value, KeyError)  # callers catching KeyError keep working
    assert str(info.value).startswith("unknown ticker")  # no KeyError quoting


@pytest.mark.parametrize("ticker", PATHS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_path_like_ticker(command: str, ticker: str, tmp_path: Path, isolated_cache: Path) -> None:
    passwd = Path("/etc/passwd")
    before = sha256(passwd) if passwd.is_file() else ""
    args = [*COMMANDS[command], _tickers_arg(command, ticker)]
    result = invoke(args)
    assert_clean_exit(result, 1, repr(ticker).strip("'\""), "use an id from the universe")
    assert (sha256(passwd) if passwd.is_file() else "") == before
    assert not isolated_cache.exists(), "nothing may be written for a bad ticker"


@pytest.mark.parametrize("ticker", PATHS)
def test_path_like_ticker_never_names_a_file(ticker: str, tmp_path: Path) -> None:
    with pytest.raises(UnknownTickerError, match="not a valid ticker id"):
        rq.load_prices([ticker])
    with pytest.raises(ReequityError):
        series_filename("yfinance", ticker, "auto_adjust")
    layer = CacheLayer(tmp_path / "layer", writable=True)
    with pytest.raises(ReequityError):
        layer.path_for("yfinance", ticker, "auto_adjust")
    with pytest.raises(CacheMissError):  # a lookup by name, never a path join
        read_series(ticker, cache_dir=tmp_path / "layer")
    assert not (tmp_path / "layer").exists()


def test_path_like_ticker_in_a_real_process(tmp_path: Path) -> None:
    proc = run_subprocess(
        ["data", "fetch", "--tickers", "../../etc/passwd"], cwd=tmp_path, cache_dir=tmp_path / "c"
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().startswith("error: ticker '../../etc/passwd' is not a valid")
    assert list(tmp_path.iterdir()) == []


def test_duplicate_tickers_on_the_cli() -> None:
    result = invoke(["data", "fetch", "--tickers", "MP,LYC.AX,MP, MP", "--format", "csv"])
    assert_clean_exit(result, 0)
    frame = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert frame["ticker"].tolist() == ["MP", "LYC.AX"]


def test_duplicate_tickers_in_python() -> None:
    wide = rq.load_returns(["MP", "LYC.AX", "MP"], start="2025-04-01", end="2025-04-10")
    assert list(wide.columns) == ["MP", "LYC.AX"]
    long = rq.load_prices("MP,MP", start="2025-04-01", end="2025-04-10")
    assert long["date"].is_unique


def test_duplicate_tickers_in_event_study(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["event-study", "--tickers", "LYC.AX,MP,LYC.AX", "--event-ids",
            "cn_export_controls_2025_10_09", "--window", "0:0", "--out", str(out)]  # fmt: skip
    assert_clean_exit(invoke(args), 0)
    car = pd.read_csv(out / "car.csv")
    assert sorted(car["ticker"]) == ["LYC.AX", "MP"]


def test_duplicate_return_columns_in_engine() -> None:
    """A returns frame with a repeated column: a clear error naming it, not a pandas one."""
    idx = pd.bdate_range("2024-01-01", periods=300, name="date")
    rng = np.random.default_rng(7)
    values = rng.normal(0, 0.01, (300, 3))
    returns = pd.DataFrame(values, index=idx, columns=["A", "A", "MKT"])
    events = pd.DataFrame({"event_id": ["synthetic"], "date": [idx[280]]})
    with pytest.raises(ReequityError, match="'A'"):
        rq.event_study(returns, events, benchmark="MKT", estimation=(-200, -11))
