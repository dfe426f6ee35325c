"""Shared fixtures of the CLI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


def _write_synthetic_returns(path: Path, seed: int = 7) -> Path:
    """SYNTHETIC wide returns (not market data): 3 firms F0-F2 on a market factor MKT,
    300 business days from 2020-01-01, +5% for every firm on row 280; written as CSV."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2020-01-01", periods=300, name="date")
    mkt = rng.normal(0, 0.01, len(dates))
    frame = pd.DataFrame({"MKT": mkt}, index=dates)
    for i, beta in enumerate((0.8, 1.0, 1.2)):
        frame[f"F{i}"] = beta * mkt + rng.normal(0, 0.005, len(dates))
    frame.loc[dates[280], ["F0", "F1", "F2"]] += 0.05
    frame.to_csv(path)
    return path


@pytest.fixture
def synthetic_returns() -> Callable[..., Path]:
    """``synthetic_returns(path, seed=7) -> path``: writes the synthetic returns file."""
    return _write_synthetic_returns
