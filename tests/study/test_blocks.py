"""The block engine (study/blocks.py) equals event_study on synthetic data (1e-10)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from reequity.errors import ConfigurationError, InsufficientDataError, ReequityWarning
from reequity.study.blocks import BLOCK_TESTS, event_study_blocks
from reequity.study.engine import event_study
from tests.study.synthetic import synthetic_returns

TOL = 1e-10
EST = (-250, -11)
WINDOWS = [(-1, 1), (0, 0), (-3, 5)]


@pytest.fixture(scope="module")
def returns() -> pd.DataFrame:
    return synthetic_returns(7, 420)  # SYNTHETIC


def _engine(returns: pd.DataFrame, events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = event_study(
            returns, events, benchmark="MKT", estimation=EST, windows=WINDOWS,
            tests=list(BLOCK_TESTS), clean_estimation=False,
        )  # fmt: skip
    car = res.car.drop(columns=["kind", "group", "pooled"])
    return car.astype({"window": str}), res.tests.astype({"window": str, "note": str})


def _assert_same(returns: pd.DataFrame, events: pd.DataFrame, block_dates: int | None) -> None:
    car, tests = _engine(returns, events)
    blk = event_study_blocks(
        returns, events, benchmark="MKT", estimation=EST, windows=WINDOWS,
        block_dates=block_dates,
    )  # fmt: skip
    got = blk.car.astype({"event_id": str, "ticker": str, "window": str})
    m = car.merge(got, on=["event_id", "ticker", "window"], suffixes=("", "_b"), validate="1:1")
    assert len(m) == len(car) == len(got)
    assert (m["start"] == m["start_b"]).all() and (m["end"] == m["end_b"]).all()
    assert (m["n_days"] == m["n_days_b"]).all()
    for col in ("car", "bhar", "scar"):
        np.testing.assert_allclose(m[col + "_b"], m[col], rtol=TOL, atol=TOL)
    keys = ["event_id", "window", "tau", "test"]
    mt = tests.merge(blk.tests, on=keys, suffixes=("", "_b"), validate="1:1")
    assert len(mt) == len(tests) == len(blk.tests)
    assert set(mt["test"]) == set(BLOCK_TESTS)
    assert (mt["n_firms"] == mt["n_firms_b"]).all() and (mt["note"] == mt["note_b"]).all()
    for col in ("statistic", "pvalue"):
        np.testing.assert_allclose(mt[col + "_b"], mt[col], rtol=TOL, atol=TOL)


@pytest.mark.parametrize("block_dates", [1, 2, None])
def test_market_wide_events_equal_event_study(
    returns: pd.DataFrame, block_dates: int | None
) -> None:
    # five events on four dates (two share one): blocks of 1 and 2 dates, and one block
    events = pd.DataFrame(
        {"event_id": ["a", "b", "c", "d", "e"], "date": returns.index[[300, 330, 330, 360, 400]]}
    )
    _assert_same(returns, events, block_dates)


def test_firm_specific_events_of_unequal_size(returns: pd.DataFrame) -> None:
    # events with a ticker column: 2, 5 and 3 firms, so pooled sums weight unequal groups
    rows = [("x", 280, t) for t in ("F0", "F3")]
    rows += [("y", 350, f"F{i}") for i in range(5)]
    rows += [("z", 410, t) for t in ("F2", "F5", "F6")]
    events = pd.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "date": returns.index[[r[1] for r in rows]],
            "ticker": [r[2] for r in rows],
        }
    )
    _assert_same(returns, events, 1)


def test_outside_scope_raises(returns: pd.DataFrame) -> None:
    events = pd.DataFrame({"event_id": ["a"], "date": [returns.index[300]]})
    kw = {"benchmark": "MKT", "estimation": EST}
    with pytest.raises(ConfigurationError, match="market"):
        event_study_blocks(returns, events, model="dimson", **kw)
    with pytest.raises(ConfigurationError, match="wilcoxon"):
        event_study_blocks(returns, events, tests=["wilcoxon"], **kw)
    with pytest.raises(ConfigurationError, match="calendars"):
        event_study_blocks(returns, events, calendars={"F0": "XSHG"}, **kw)
    gap = returns.copy()
    gap.iloc[200, 1] = np.nan
    with pytest.raises(InsufficientDataError, match="complete panel"):
        event_study_blocks(gap, events, **kw)
