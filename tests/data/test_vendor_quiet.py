"""Offline ``data fetch --refresh``: the vendor library's own chatter (prints, stderr,
its logger) never reaches the terminal; our one warning line does. The vendor function
here is a SYNTHETIC stand-in that talks the way yfinance does when offline."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli.app import app
from reequity.data import prices
from reequity.data.providers import AkshareProvider, YFinanceProvider

CHATTER = ("1 Failed download:", "tqdm 0%|", "peewee noise", "possibly delisted")


def _chatty(*args: object, **kwargs: object) -> pd.DataFrame:
    print("\n1 Failed download:")
    print("['MP']: possibly delisted; no timezone found", file=sys.stderr)
    logging.getLogger("yfinance").error("['MP']: YFTzMissingError")
    logging.getLogger("peewee").warning("peewee noise")
    sys.stderr.write("tqdm 0%|          | 0/1\r")
    return pd.DataFrame()  # yfinance's answer when offline


def test_offline_refresh_lets_no_vendor_chatter_through(
    monkeypatch: pytest.MonkeyPatch, isolated_cache: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(prices, "default_provider", lambda info: YFinanceProvider(fetch=_chatty))
    result = CliRunner().invoke(app, ["data", "fetch", "-t", "MP", "--refresh"])
    leaked = capfd.readouterr()
    text = result.output + leaked.out + leaked.err
    assert result.exit_code == 0, text
    assert not [c for c in CHATTER if c in text], text
    # the vendor's reason may be relayed, inside our own one warning line only
    relayed = [line for line in text.splitlines() if "YFTzMissingError" in line]
    assert all(line.startswith("warning: ") for line in relayed), text
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings and "MP" in warnings[0], result.stderr  # our own line: the fallback


def test_akshare_chatter_is_captured_into_the_error(
    capfd: pytest.CaptureFixture[str],
) -> None:
    provider = AkshareProvider(fetch={"stock_zh_a_hist": _chatty})
    info = pd.Series(
        {"akshare_symbol": "600111", "exchange": "XSHG", "kind": "stock"}, name="600111"
    )
    with pytest.raises(Exception, match="no rows.*the vendor said: \\['MP'\\]: YFTzMissingError"):
        provider.fetch(info, start=pd.Timestamp("2025-01-02"), end=pd.Timestamp("2025-01-10"))
    leaked = capfd.readouterr()
    assert not [c for c in CHATTER if c in leaked.out + leaked.err]
