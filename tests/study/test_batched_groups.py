"""The battery's all-groups-at-once tests equal the same tests run group by group.

SYNTHETIC panel: 6 firms, 400 business days, 4 events with different ticker sets (so
groups differ in size), some returns missing (suspensions) and overlapping estimation
windows. The battery computes GRANK and the tests of
:mod:`reequity.study.statistics.batched` for every event group at once; with that turned
off every group runs the per-group functions. Both must agree to 1e-12.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity.study.battery as battery
from reequity.study.engine import event_study
from reequity.study.statistics import TESTS
from tests.study.synthetic import synthetic_returns


def _panel() -> tuple[pd.DataFrame, pd.DataFrame]:
    rets = synthetic_returns(6, 400, seed=7)
    rets.iloc[200:204, 1] = np.nan  # a suspension inside some estimation windows
    rets.iloc[331, 2] = np.nan  # a missing event-window day
    idx = rets.index
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e1", "e2", "e2", "e3", "e3", "e3", "e3", "e4"],
            "date": idx[[150, 150, 150, 230, 230, 330, 330, 330, 330, 380]],
            "ticker": ["F0", "F1", "F2", "F3", "F4", "F0", "F2", "F4", "F5", "F1"],
        }
    )
    return rets, events


def _run(rets: pd.DataFrame, events: pd.DataFrame, convention: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = event_study(
            rets, events, benchmark="MKT", estimation=(-100, -11), windows=[(-2, 2), (0, 1)],
            tests=[t for t in TESTS if t != "bootstrap"], convention=convention,
        )  # fmt: skip
    return res.tests


@pytest.mark.parametrize("convention", ["textbook", "estudy2"])
def test_all_groups_at_once_equal_group_by_group(
    monkeypatch: pytest.MonkeyPatch, convention: str
) -> None:
    rets, events = _panel()
    fast = _run(rets, events, convention)
    monkeypatch.setattr(battery, "_all_groups", lambda *args: {})
    monkeypatch.setattr(battery, "_grank_groups", lambda *args: None)  # ALL's GRANK too
    slow = _run(rets, events, convention)
    assert fast[["event_id", "window", "test"]].equals(slow[["event_id", "window", "test"]])
    assert (fast["note"] == slow["note"]).all()
    for col in ("statistic", "pvalue"):
        a, b = fast[col].to_numpy(), slow[col].to_numpy()
        assert np.array_equal(np.isnan(a), np.isnan(b)), col
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True)
    assert fast["statistic"].notna().mean() > 0.9  # the comparison is not NaN == NaN


def test_grank_of_all_groups_without_the_battery_search_is_none() -> None:
    """A missing v (a firm-event without a SAR on some day) makes every group run alone."""
    from reequity.study.statistics.grank import grank_groups

    v = np.array([[0.1, np.inf], [0.2, 0.3]])
    counts = (v, np.zeros((2, 2), dtype=np.int64), np.zeros((2, 2), dtype=np.int64))
    rank = np.ones((2, 3), dtype=np.float32)
    out = grank_groups(rank, np.full(2, 3.0), counts, np.array([0, 2]), np.ones((1, 3)),
                       np.ones((1, 3)), 1)  # fmt: skip
    assert out is None
