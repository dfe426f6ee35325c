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
