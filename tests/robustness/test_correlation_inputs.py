"""Group 4 for the correlation functions: all-NaN, constant, Inf and repeated columns."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import ConfigurationError

N = 300
INDEX = pd.bdate_range("2024-01-01", periods=N, name="date")
EVENTS = pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[150]]})


def pair(a: np.ndarray) -> pd.DataFrame:
    """A synthetic column A (given) beside a random column B."""
    b = np.random.default_rng(11).normal(0, 0.01, N)
    return pd.DataFrame({"A": a, "B": b}, index=INDEX)


def _all(returns: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.ReequityWarning)
        rolling = rq.rolling_correlation(returns, window=20)
        event = rq.event_correlation(returns, events=EVENTS, pre=(-60, -1), post=(0, 59))
        lags = rq.lead_lag(returns, a="A", b="B", max_lag=3)
    return rolling, event.table, lags


def test_all_nan_column_gives_no_numbers_and_a_note() -> None:
    rolling, table, _ = _all(pair(np.full(N, np.nan)))
    assert rolling["correlation"].isna().all()
    assert np.isnan(table.at[0, "rho_pre"]) and table.at[0, "note"]


def test_constant_column_gives_nan_not_a_number() -> None:
    rolling, table, _ = _all(pair(np.full(N, 0.001)))
    assert rolling["correlation"].isna().all()  # zero variance: undefined, not 0 or inf
    assert np.isnan(table.at[0, "fisher_z"]) and "constant" in table.at[0, "note"]


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_inf_is_refused_with_column_and_date(value: float) -> None:
    a = np.random.default_rng(3).normal(0, 0.01, N)
    a[100] = value
    for call in (
        lambda r: rq.rolling_correlation(r, window=20),
        lambda r: rq.event_correlation(r, events=EVENTS),
        lambda r: rq.lead_lag(r, a="A", b="B"),
    ):
        with pytest.raises(ConfigurationError, match=f"A on {INDEX[100]:%Y-%m-%d}; replace"):
            call(pair(a))


def test_repeated_columns_are_refused() -> None:
    a = np.random.default_rng(4).normal(0, 0.01, N)
    returns = pd.DataFrame(np.c_[a, a, a], index=INDEX, columns=["A", "A", "B"])
    with pytest.raises(ConfigurationError, match=r"repeated column\(s\) \['A'\]"):
        rq.rolling_correlation(returns, window=20)
    with pytest.raises(ConfigurationError, match="repeated column"):
        rq.event_correlation(returns, events=EVENTS)
