"""A frame of several pandas blocks is read without a copy and gives the same study."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reequity.errors import ConfigurationError
from reequity.study.engine import event_study
from reequity.study.frame_views import float_views


def _two_blocks(n_firms: int = 12, n_days: int = 400, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2015-01-05", periods=n_days, name="date")
    frame = pd.DataFrame(
        rng.normal(0, 0.02, (n_days, n_firms)), index=idx, columns=[f"F{i}" for i in range(n_firms)]
    )
    frame.insert(3, "MKT", rng.normal(0, 0.01, n_days))  # a column added later: a second block
    frame.iloc[100:104, 1] = np.nan  # missing estimation days
    return frame


def test_views_cover_every_column_once_without_copy() -> None:
    frame = _two_blocks()
    parts = float_views(frame)
    assert len(parts) == 2
    locs = np.concatenate([p for _, p in parts])
    assert sorted(locs) == list(range(frame.shape[1]))
    whole = frame.to_numpy(dtype=float)
    for values, pos in parts:
        np.testing.assert_array_equal(values, whole[:, pos])
        assert not values.flags.owndata  # a view of the frame's memory
    # one block, or a column that is not float64: one part, the plain conversion
    assert len(float_views(frame.copy())) == 1
    mixed = frame.assign(I=np.arange(len(frame)))
    assert len(float_views(mixed)) == 1


@pytest.mark.filterwarnings("ignore")
def test_study_on_two_blocks_equals_the_consolidated_frame() -> None:
    frame = _two_blocks()
    events = pd.DataFrame({"event_id": ["a", "b"], "date": frame.index[[300, 340]]})
    kw = {"benchmark": "MKT", "estimation": (-250, -11), "windows": [(-3, 3)]}
    got = event_study(frame, events, **kw)
    want = event_study(frame.copy(), events, **kw)
    assert np.isnan(got.ar["ar"]).sum() == 0 and len(got.car) == 2 * 12
    pd.testing.assert_frame_equal(got.car, want.car)
    pd.testing.assert_frame_equal(got.tests, want.tests)


def test_infinite_value_in_the_second_block_is_named() -> None:
    frame = _two_blocks()
    frame.iloc[7, 3] = np.inf  # MKT, the added block
    events = pd.DataFrame({"event_id": ["a"], "date": frame.index[[300]]})
    with pytest.raises(ConfigurationError, match="'MKT' holds inf"):
        event_study(frame, events, benchmark="MKT")
