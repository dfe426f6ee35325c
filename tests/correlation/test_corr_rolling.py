"""Rolling correlation against pandas on synthetic pairs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reequity.correlation.rolling import rolling_correlation
from reequity.errors import ConfigurationError, UnknownTickerError


def test_matches_pandas_rolling_corr_without_gaps(returns: pd.DataFrame) -> None:
    frame = returns.dropna()
    got = rolling_correlation(frame, pairs=[("SYN_A", "SYN_B")], window=30)
    expected = frame["SYN_A"].rolling(30).corr(frame["SYN_B"])
    np.testing.assert_allclose(got["correlation"], expected.to_numpy(), rtol=1e-10)
    assert got["n_obs"].iloc[-1] == 30 and got["n_obs"].iloc[0] == 1


def test_missing_days_are_dropped_not_zero(returns: pd.DataFrame) -> None:
    got = rolling_correlation(returns, pairs=[("SYN_A", "SYN_B")], window=25, min_periods=10)
    common = returns[["SYN_A", "SYN_B"]].dropna()
    expected = common["SYN_A"].rolling(25, min_periods=10).corr(common["SYN_B"])
    assert list(got["date"]) == list(common.index)
    np.testing.assert_allclose(got["correlation"], expected.to_numpy(), rtol=1e-10)
    zero_filled = returns.fillna(0.0)["SYN_A"].rolling(25).corr(returns.fillna(0.0)["SYN_B"])
    assert not np.allclose(got["correlation"].iloc[-1], zero_filled.iloc[-1])


def test_all_pairs_and_tidy_columns(returns: pd.DataFrame) -> None:
    got = rolling_correlation(returns, window=20)
    assert list(got.columns) == ["date", "ticker_a", "ticker_b", "correlation", "n_obs"]
    pairs = set(zip(got["ticker_a"], got["ticker_b"], strict=True))
    assert pairs == {("SYN_A", "SYN_B"), ("SYN_A", "SYN_C"), ("SYN_B", "SYN_C")}
    assert got["correlation"].dropna().between(-1, 1).all()


def test_bad_inputs_raise_package_errors(returns: pd.DataFrame) -> None:
    with pytest.raises(UnknownTickerError, match="NOPE"):
        rolling_correlation(returns, pairs=[("SYN_A", "NOPE")])
    with pytest.raises(ConfigurationError, match="window"):
        rolling_correlation(returns, window=1)
    with pytest.raises(ConfigurationError, match="min_periods"):
        rolling_correlation(returns, window=10, min_periods=11)
    with pytest.raises(ConfigurationError, match="DatetimeIndex"):
        rolling_correlation(returns.reset_index())
    with pytest.raises(ConfigurationError, match="twice"):
        rolling_correlation(returns, pairs=[("SYN_A", "SYN_A")])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scale=st.floats(0.01, 100.0),
    shift=st.floats(-1.0, 1.0),
    seed=st.integers(0, 1000),
)
def test_symmetric_and_affine_invariant(
    make_returns: Callable[..., pd.DataFrame], scale: float, shift: float, seed: int
) -> None:
    frame = make_returns(n=80, seed=seed)
    base = rolling_correlation(frame, pairs=[("SYN_A", "SYN_B")], window=20)
    swapped = rolling_correlation(frame, pairs=[("SYN_B", "SYN_A")], window=20)
    np.testing.assert_allclose(base["correlation"], swapped["correlation"], atol=1e-9)
    moved = frame.assign(SYN_A=frame["SYN_A"] * scale + shift)
    affine = rolling_correlation(moved, pairs=[("SYN_A", "SYN_B")], window=20)
    np.testing.assert_allclose(base["correlation"], affine["correlation"], atol=1e-6)
