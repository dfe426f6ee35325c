"""event_study leaves the caller's events frame as it was (no added or retyped columns)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from reequity.errors import EventFormatError, ReequityWarning
from reequity.study.engine import event_study
from tests.study.synthetic import synthetic_returns


def test_events_frame_is_not_modified() -> None:
    returns = synthetic_returns(4, 400)  # SYNTHETIC
    events = pd.DataFrame({"event_id": [1, 2], "date": returns.index[[300, 350]]})
    before = events.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        event_study(returns, events, benchmark="MKT", estimation=(-250, -11))
    pd.testing.assert_frame_equal(events, before)


def test_one_id_with_two_dates_still_refused() -> None:
    returns = synthetic_returns(4, 400)
    events = pd.DataFrame({"event_id": ["a", "a"], "date": returns.index[[300, 350]]})
    with pytest.raises(EventFormatError, match="different dates"):
        event_study(returns, events, benchmark="MKT", estimation=(-250, -11))
