"""One issue type: every finding of a study is an :class:`Issue`, framed by one function."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
import reequity.study.frames as frames
from reequity.errors import ReequityWarning
from reequity.study.issues import ISSUE_COLUMNS, Issue, issues_frame, with_issues
from tests.study.synthetic import synthetic_returns


def test_issues_frame_keeps_order_and_columns() -> None:
    rows = [Issue("e2", "", "overlap", "b"), Issue("e1", "A", "dropped", "a")]
    frame = issues_frame(rows)
    assert list(frame.columns) == ISSUE_COLUMNS
    assert [tuple(r) for r in frame.itertuples(index=False)] == [tuple(r) for r in rows]
    assert list(issues_frame([]).columns) == ISSUE_COLUMNS and issues_frame([]).empty
    more = with_issues(frame, [Issue("ALL", "B", "skipped", "c")])
    assert list(more.index) == [0, 1, 2] and more["kind"].tolist() == [
        "overlap",
        "dropped",
        "skipped",
    ]
    assert with_issues(frame, []) is frame


def _many_kinds() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A synthetic study with a dropped, a missing-day-0, a moved, an incomplete, an
    overlapping, a time-unknown and a confounded firm-event."""
    rets = synthetic_returns(4, 300)
    rets["F3"] = 0.0  # a constant series: no residual variance, dropped
    rets["F3"] += np.r_[np.zeros(299), 0.01]  # not all equal, still flat over estimation
    rets.iloc[250, 1] = np.nan  # F1 has no return on the first event's day 0
    saturday = rets.index[200] + pd.Timedelta(days=(5 - rets.index[200].weekday()) % 7)
    events = pd.DataFrame(
        {
            "event_id": ["near_end", "first", "weekend"],
            "date": [rets.index[297], rets.index[250], saturday],
            "time_known": [True, False, True],
        }
    )
    conf = pd.DataFrame({"event_id": ["speech"], "date": [rets.index[251]], "title": ["x"]})
    return rets, events, conf


def test_every_issue_reaching_the_frame_is_an_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    rets, events, conf = _many_kinds()
    seen: list[list[object]] = []

    def spy(rows):
        rows = list(rows)
        seen.append(rows)
        return issues_frame(rows)

    monkeypatch.setattr(frames, "issues_frame", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = rq.event_study(
            rets, events, benchmark="MKT", estimation=(-150, -11), windows=[(-1, 1), (0, 5)],
            confounders=conf, tests=["t_cs"],
        )  # fmt: skip
    (rows,) = seen
    kinds = {r.kind for r in rows}
    assert {"dropped", "missing_day0", "day0_moved", "incomplete_window", "overlap"} <= kinds
    assert {"time_unknown", "confounder"} <= kinds
    assert all(type(r) is Issue for r in rows), {type(r) for r in rows}
    assert all(isinstance(v, str) for r in rows for v in r)
    pd.testing.assert_frame_equal(res.issues, issues_frame(rows))
