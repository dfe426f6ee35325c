"""Agg backend and small hand-made, synthetic result frames for the plot tests."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture
def study_results() -> SimpleNamespace:
    """Stand-in for EventStudyResults with exactly the documented columns (synthetic)."""
    taus = list(range(-2, 3))
    events, tickers = ["SYN-E1", "SYN-E2"], ["SYN_A", "SYN_B", "SYN_C"]
    rng = np.random.default_rng(0)
    ar = pd.DataFrame(
        [(e, t, tau, rng.normal(scale=0.01)) for e in events for t in tickers for tau in taus],
        columns=["event_id", "ticker", "tau", "ar"],
    )
    per_event = ar.groupby(["event_id", "tau"], as_index=False)["ar"].mean()
    all_events = ar.groupby("tau", as_index=False)["ar"].mean().assign(event_id="ALL")
    aar = pd.concat([per_event, all_events], ignore_index=True).rename(columns={"ar": "aar"})
    aar["n_firms"] = 3
    aar["caar"] = aar.groupby("event_id")["aar"].cumsum()
    caar = pd.DataFrame(
        {
            "event_id": ["ALL", "ALL", "SYN-E1"],
            "window": ["-1:1", "0:0", "-1:1"],
            "n_firms": [6, 6, 3],
            "caar": [0.012, 0.004, 0.02],
            "mean_bhar": [0.012, 0.004, 0.021],
            "se": [0.005, 0.003, 0.008],
            "ci_lower": [0.002, -0.002, 0.004],
            "ci_upper": [0.022, 0.010, 0.036],
        }
    )
    car = pd.DataFrame(
        [
            (e, t, w, 0.01 * i, 0.011 * i, 0.5 * i)
            for i, (e, t, w) in enumerate(
                (e, t, w) for e in events for t in tickers for w in ("-1:1", "0:0")
            )
        ],
        columns=["event_id", "ticker", "window", "car", "bhar", "scar"],
    )
    car["start"], car["end"], car["n_days"] = pd.NaT, pd.NaT, 3
    tests = pd.DataFrame(
        {
            "event_id": ["ALL"],
            "window": ["-1:1"],
            "tau": [np.nan],
            "test": ["t_cs"],
            "statistic": [2.1],
            "pvalue": [0.04],
            "n_firms": [6],
            "note": [""],
        }
    )
    return SimpleNamespace(aar=aar, caar=caar, car=car, tests=tests, ar=ar)
