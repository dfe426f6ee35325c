"""rq.data_status() and the "as of" line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import reequity as rq
from reequity.data.cache import CacheLayer
from reequity.data.status import STATUS_COLUMNS, data_as_of


def test_status_has_one_row_per_series_with_every_field() -> None:
    status = rq.data_status()
    assert list(status.columns) == STATUS_COLUMNS
    assert status["ticker"].is_unique and len(status) == 29
    row = status.set_index("ticker").loc["600111"]
    assert (row["first"], row["last"], row["rows"]) == ("2009-01-05", "2026-08-10", 4275)
    assert row["return_basis"] == "total_return" and row["licence_status"] == "non_commercial"
    assert "Uwater1/alpha@052e740" in row["sources"] and row["layer"] == "shipped"
    assert status.set_index("ticker").loc["CNRE_EW", "sources"].startswith("derived from 600111")


def test_a_writable_copy_is_listed_and_shadows_the_shipped_one(tmp_path: Path) -> None:
    frame = pd.DataFrame({"date": pd.to_datetime(["2026-08-24"]), "ret": [0.01]})
    CacheLayer(tmp_path, writable=True).write(
        frame, {"ticker": "MP", "provider": "yfinance", "adjustment": "auto_adjust",
                "origin": {"vendor": "yfinance", "source": "yfinance.download"}},
    )  # fmt: skip
    status = rq.data_status(tmp_path).set_index("ticker")
    mp = status.loc["MP"]
    assert (mp["layer"], bool(mp["shadows_snapshot"]), mp["last"]) == (
        "writable", True, "2026-08-24"
    )  # fmt: skip
    assert mp["return_basis"] == "total_return"  # from the adjustment label
    assert mp["licence_status"] == "vendor_terms"
    assert status.loc["LYC.AX", "layer"] == "shipped"


def test_as_of_line_names_the_series_that_ends_first() -> None:
    assert data_as_of(["MP", "SPX"]) == "data as of 2026-08-21"
    assert (
        data_as_of(["MP", "ILU.AX"]) == "data as of 2026-08-21 (ILU.AX ends first, on 2026-06-04)"
    )
    assert data_as_of([]) == "data as of unknown"


def test_stale_is_the_loaders_decision_judged_on_the_given_day(tmp_path: Path) -> None:
    # MP ends 2026-08-21 (a Friday): current on the Monday after, stale a week later
    status = rq.data_status(today="2026-08-24").set_index("ticker")
    assert not status.loc["MP", "stale"] and status.loc["LYC.AX", "stale"]  # ends 2026-06-04
    assert rq.data_status(today="2026-09-01").set_index("ticker").loc["MP", "stale"]
    # a fresher writable copy is what the loader reads, so it decides
    frame = pd.DataFrame({"date": pd.to_datetime(["2026-08-31"]), "ret": [0.01]})
    CacheLayer(tmp_path, writable=True).write(
        frame, {"ticker": "MP", "provider": "yfinance", "adjustment": "auto_adjust",
                "origin": {"vendor": "yfinance", "source": "yfinance.download"}},
    )  # fmt: skip
    assert not rq.data_status(tmp_path, today="2026-09-01").set_index("ticker").loc["MP", "stale"]


def test_data_list_says_which_series_are_stale(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reequity.cli.app import app

    result = CliRunner().invoke(app, ["data", "list", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    # the shipped snapshot ends in 2026 and the test runs later: every series is stale
    assert "series end more than 5 days before today" in result.stderr
    assert "--refresh" in result.stderr
