"""Synthetic panels for the study tests (never real data; labelled synthetic)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def synthetic_returns(
    n_firms: int = 4, n_days: int = 60, *, seed: int = 1, shock: float = 0.02
) -> pd.DataFrame:
    """Wide synthetic returns: firms F0.. and a market column MKT, business-day index.

    Every firm loads on the market with a different beta; an abnormal ``shock`` is added
    on row 45 (the synthetic event day) to make the tests non-trivial.
    """
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2024-01-01", periods=n_days, name="date")
    mkt = rng.normal(0.0003, 0.01, n_days)
    data = {}
    for i in range(n_firms):
        beta = 0.6 + 0.3 * i
        r = 0.0002 * i + beta * mkt + rng.normal(0, 0.012 + 0.003 * i, n_days)
        r[45] += shock * (1 + 0.5 * i)
        data[f"F{i}"] = r
    data["MKT"] = mkt
    return pd.DataFrame(data, index=idx)


def synthetic_event(
    returns: pd.DataFrame, row: int = 45, event_id: str = "synthetic"
) -> pd.DataFrame:
    """One synthetic event dated on ``returns``'s row ``row`` (no ticker column)."""
    return pd.DataFrame({"event_id": [event_id], "date": [returns.index[row]]})
