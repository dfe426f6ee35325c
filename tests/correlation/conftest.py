"""Synthetic return frames for the correlation tests (never real data)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest


def synthetic_returns(n: int = 300, seed: int = 7) -> pd.DataFrame:
    """Three correlated synthetic return series with market holidays as NaN."""
    rng = np.random.default_rng(seed)
    common = rng.normal(scale=0.01, size=n)
    idx = pd.bdate_range("2024-01-01", periods=n, name="date")
    frame = pd.DataFrame(
        {
            "SYN_A": common + rng.normal(scale=0.01, size=n),
            "SYN_B": 0.5 * common + rng.normal(scale=0.01, size=n),
            "SYN_C": rng.normal(scale=0.02, size=n),
        },
        index=idx,
    )
    frame.iloc[::9, 0] = np.nan  # a holiday in market A
    frame.iloc[5::13, 1] = np.nan  # a different holiday in market B
    return frame


@pytest.fixture
def returns() -> pd.DataFrame:
    return synthetic_returns()


@pytest.fixture
def make_returns() -> Callable[..., pd.DataFrame]:
    """The synthetic frame factory, for tests that vary its size or seed."""
    return synthetic_returns
