"""Hypothesis invariants of the engine on synthetic panels."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reequity as rq
from reequity.errors import ReequityWarning
from reequity.study.statistics import TESTS
from tests.study.synthetic import synthetic_event, synthetic_returns

KW = {"benchmark": "MKT", "estimation": (-30, -6), "windows": [(0, 0), (-2, 1), (-1, 3)]}
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def study(rets: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return rq.event_study(rets, synthetic_event(rets), **{**KW, **kw})


def panel(seed: int, n: int, holes: bool) -> pd.DataFrame:
    rets = synthetic_returns(n, 60, seed=seed)
    if holes:  # a few missing returns (suspensions) in estimation and event windows
        rng = np.random.default_rng(seed)
        for _ in range(3):
            rets.iat[int(rng.integers(15, 49)), int(rng.integers(0, n))] = np.nan
    return rets


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(3, 8), holes=st.booleans())
def test_car_is_sum_of_ar(seed: int, n: int, holes: bool) -> None:
    res = study(panel(seed, n, holes), tests=["t_cs"])
    for label, (a, b) in zip(["0:0", "-2:1", "-1:3"], KW["windows"], strict=True):
        ar = res.ar[(res.ar["tau"] >= a) & (res.ar["tau"] <= b)]
        total = ar.groupby("ticker")["ar"].sum(min_count=1)
        car = res.car[res.car["window"] == label].set_index("ticker")["car"]
        pd.testing.assert_series_equal(car.sort_index(), total.sort_index(), check_names=False)


@SETTINGS
@given(seed=st.integers(0, 10_000), n=st.integers(3, 8), holes=st.booleans(), data=st.data())
def test_ticker_order_is_irrelevant(seed: int, n: int, holes: bool, data: st.DataObject) -> None:
    rets = panel(seed, n, holes)
    order = data.draw(st.permutations(list(rets.columns)))
    tests = [t for t in TESTS if t != "bootstrap"]  # resamples by position
    a, b = study(rets, tests=tests), study(rets[order], tests=tests)
    key = ["event_id", "ticker", "window"]
    pd.testing.assert_frame_equal(
        a.car.sort_values(key).reset_index(drop=True), b.car.sort_values(key).reset_index(drop=True)
    )
    ta = a.tests.sort_values(["event_id", "test", "window", "tau"]).reset_index(drop=True)
    tb = b.tests.sort_values(["event_id", "test", "window", "tau"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(ta, tb, rtol=1e-9)


@SETTINGS
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(3, 8),
    holes=st.booleans(),
    c=st.floats(0.01, 100.0),
)
def test_scaling_scales_ar_and_keeps_statistics(seed: int, n: int, holes: bool, c: float) -> None:
    rets = panel(seed, n, holes)
    a, b = study(rets), study(rets * c)
    np.testing.assert_allclose(b.ar["ar"], c * a.ar["ar"], rtol=1e-8, atol=1e-14)
    np.testing.assert_allclose(b.car["car"], c * a.car["car"], rtol=1e-8, atol=1e-14)
    np.testing.assert_allclose(b.ar["sar"], a.ar["sar"], rtol=1e-7)
    np.testing.assert_allclose(b.tests["statistic"], a.tests["statistic"], rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("clean", [False, True])
def test_event_statistics_do_not_depend_on_the_other_events(clean: bool) -> None:
    """Per-event tests in a many-event study equal the same event studied alone.

    40 events of 3 tickers each, interleaved (not grouped by event) and with holes:
    this exercises the engine's per-group column sums for many small groups. With
    estimation cleaning the event studied alone is given the other firm-events as
    per-ticker exclusion dates, which must clean exactly as the joint study does.
    """
    rets = synthetic_returns(8, 200, seed=5)
    rng = np.random.default_rng(5)
    for _ in range(12):
        rets.iat[int(rng.integers(40, 199)), int(rng.integers(0, 8))] = np.nan
    rows = [
        {"event_id": f"e{k:02d}", "date": rets.index[60 + 3 * k], "ticker": f"F{(k + j) % 8}"}
        for j in range(3)
        for k in range(40)
    ]  # row order: all events' first tickers, then the second ones, ...
    events = pd.DataFrame(rows)
    tests = [t for t in TESTS if t != "bootstrap"]  # bootstrap resamples by position
    kw = {**KW, "tests": tests, "clean_estimation": clean}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        together = rq.event_study(rets, events, **kw).tests
        for event_id in ("e00", "e17", "e39"):
            mine = events["event_id"] == event_id
            others = events.loc[~mine, ["ticker", "date"]]
            alone = rq.event_study(rets, events[mine], exclude=others, **kw).tests
            a = alone[alone["event_id"] == event_id].reset_index(drop=True)
            t = together[together["event_id"] == event_id].reset_index(drop=True)
            np.testing.assert_allclose(t["statistic"], a["statistic"], rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(t["pvalue"], a["pvalue"], rtol=1e-9, atol=1e-12)
