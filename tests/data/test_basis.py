"""Return basis as data: manifest/universe basis, consistent default benchmark, warning."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from reequity.data.basis import (
    ReturnBasisWarning,
    basis_for_adjustment,
    basis_mismatches,
    consistent_benchmark,
    return_basis,
)
from reequity.data.prices import ex_dividend_dates
from reequity.data.universe import load_universe
from reequity.workflows import catalogue_event_study, prepare_study_inputs

EVENTS = pd.DataFrame({"event_id": ["e1"], "date": ["2025-04-04"]})


def test_universe_and_manifest_bases_agree_for_every_shipped_series() -> None:
    universe = load_universe()
    shipped = [t for t in universe.index if t != "930598"]
    bases = return_basis(shipped)
    assert bases == universe.loc[shipped, "return_basis"].to_dict()
    assert bases["600111"] == "total_return" and bases["ILU.AX"] == "price_only"


@pytest.mark.parametrize(
    ("adjustment", "ticker", "basis"),
    [("qfq", "600111", "total_return"), ("", "600111", "price_only"),
     ("none", "516780", "price_only"), ("auto_adjust", "LYC.AX", "total_return"),
     ("price", "CSI300", "price_only"), ("price", "CSI300TR", "total_return")],
)  # fmt: skip
def test_basis_of_a_fetched_series_follows_its_adjustment(
    adjustment: str, ticker: str, basis: str
) -> None:
    assert basis_for_adjustment(adjustment or "none", ticker) == basis


def test_default_benchmark_is_the_one_on_the_same_basis_where_cached() -> None:
    assert consistent_benchmark("600111", "CSI300", available={"CSI300TR"}) == "CSI300TR"
    assert consistent_benchmark("600111", "CSI300", available={"CSI300"}) == "CSI300"  # none
    assert consistent_benchmark("MP", "SPX", available={"SPY"}) == "SPY"
    assert consistent_benchmark("ILU.AX", "ASX200", available={"ASX200"}) == "ASX200"
    inputs = prepare_study_inputs(EVENTS, tickers=["600111", "LYC.AX", "MP", "516780"])
    assert inputs.benchmark == {
        "600111": "CSI300TR", "LYC.AX": "ASX200", "MP": "SPY", "516780": "CSI300"
    }  # fmt: skip
    assert inputs.basis_issues.empty


def test_mixed_basis_warns_and_lists_an_issue_row() -> None:
    with pytest.warns(ReturnBasisWarning, match="600111 is total_return but its benchmark CSI300"):
        inputs = prepare_study_inputs(EVENTS, tickers=["600111"], benchmark="CSI300")
    row = inputs.basis_issues.iloc[0]
    assert (row["ticker"], row["benchmark_basis"]) == ("600111", "price_only")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = catalogue_event_study(events=EVENTS, tickers=["600111"], benchmark="CSI300")
    issue = results.issues.loc[results.issues["kind"].eq("return_basis")]
    assert issue[["event_id", "ticker"]].values.tolist() == [["ALL", "600111"]]


def test_no_mismatch_no_rows() -> None:
    frame = basis_mismatches({"LYC.AX": "ASX200", "600111": "CSI300TR"})
    assert frame.empty and list(frame.columns)[:2] == ["ticker", "benchmark"]


def test_ex_dividend_dates_of_price_only_series() -> None:
    ilu = ex_dividend_dates("ILU.AX")
    assert ilu.strftime("%Y-%m-%d").tolist() == [
        "2024-03-05", "2024-09-03", "2025-03-04", "2025-09-02"
    ]  # fmt: skip
    assert ilu.name == "date" and ilu.dtype == "datetime64[ns]"
    assert len(ex_dividend_dates("LYC.AX")) == 0  # Lynas paid none in 2024-2026
    assert len(ex_dividend_dates("MP")) == 0  # total return: nothing to drop
