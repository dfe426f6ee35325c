"""Input checks and sample issues of the engine (reequity.study.checks, .confounders).

Synthetic panels, except the last test, which runs the real catalogue on the shipped cache.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import ConfigurationError, ConfounderWarning, ReequityWarning
from reequity.study.checks import zero_variance
from tests.study.synthetic import synthetic_event, synthetic_returns

KW = {"benchmark": "MKT", "estimation": (-120, -11), "windows": [(-5, 5)], "tests": ["t_cs"]}


def _study(returns: pd.DataFrame, events: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return rq.event_study(returns, events, **{**KW, **kw})


def _events(returns: pd.DataFrame, rows: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"event_id": [f"synthetic_{r}" for r in rows], "date": returns.index[rows]})


# ------------------------------------------------------------------ inputs
def test_infinite_return_names_column_and_first_date() -> None:
    rets = synthetic_returns(3, 300)
    rets.iloc[[250, 120], 1] = [-np.inf, np.inf]
    first = f"{rets.index[120]:%Y-%m-%d}"
    with pytest.raises(ConfigurationError, match=f"returns column 'F1' holds inf on {first}"):
        _study(rets, synthetic_event(rets, 280))


def test_infinite_benchmark_series_is_refused() -> None:
    rets = synthetic_returns(3, 300)
    market = rets.pop("MKT").rename("synthetic_market")
    market.iloc[200] = np.inf
    day = f"{rets.index[200]:%Y-%m-%d}"
    with pytest.raises(ConfigurationError, match=f"'synthetic_market' holds inf on {day}"):
        _study(rets, synthetic_event(rets, 280), benchmark=market)


def test_repeated_and_non_numeric_columns_are_named() -> None:
    rets = synthetic_returns(2, 300)
    twice = pd.concat([rets, rets[["F1"]]], axis=1)
    with pytest.raises(ConfigurationError, match=r"repeated column\(s\) 'F1'"):
        _study(twice, synthetic_event(rets, 280))
    text = rets.assign(F0=rets["F0"].astype(str))
    with pytest.raises(ConfigurationError, match=r"\['F0'\] are not numeric"):
        _study(text, synthetic_event(rets, 280))
    floats_as_objects = rets.astype({"F0": object})  # numbers held as objects are fine
    assert len(_study(floats_as_objects, synthetic_event(rets, 280)).car) == 2


def test_exact_market_model_fit_is_dropped_but_tiny_returns_are_kept() -> None:
    rets = synthetic_returns(3, 300)
    rets["F2"] = 0.0001 + 1.5 * rets["MKT"]  # the market model reproduces it exactly
    res = _study(rets, synthetic_event(rets, 280))
    assert set(res.car["ticker"]) == {"F0", "F1"}
    msg = res.issues.loc[(res.issues["ticker"] == "F2"), "message"].item()
    assert "no residual variance" in msg and "exact fit" in msg
    small = _study(rets[["F0", "F1", "MKT"]] * 1e-6, synthetic_event(rets, 280))
    assert set(small.car["ticker"]) == {"F0", "F1"}  # the rule is relative to |return|


def test_zero_variance_is_relative_to_each_series() -> None:
    """sigma 1e-13 is noise for returns of 1e-3 but real for returns of 1e-9."""
    ret = np.array([[1e-9, -2e-9, 1.5e-9, 0.0], [1e-3, 1e-3, 1e-3, 0.5]])
    est = np.array([True, True, True, False])
    mask, typical = zero_variance(np.array([1e-13, 1e-13]), ret, est, scale=0.5)
    assert mask.tolist() == [False, True]
    assert typical == pytest.approx([1.5e-9, 1e-3])
    mask, _ = zero_variance(np.array([0.01, 1e-13]), ret, est, scale=0.5)
    assert mask.tolist() == [False, True]


def test_no_estimation_data_gives_no_runtime_warning() -> None:
    rets = synthetic_returns(3, 300)
    rets.iloc[:279, 0] = np.nan  # F0 starts trading one day before the event
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        res = _study(rets, synthetic_event(rets, 280))
    assert "F0" not in set(res.car["ticker"])


# ------------------------------------------------------------------ issues
def test_event_window_inside_another_estimation_window() -> None:
    rets = synthetic_returns(3, 400)
    res = _study(rets, _events(rets, [200, 300]))
    overlap = res.issues[res.issues["kind"] == "overlap"]
    assert overlap["event_id"].tolist() == ["synthetic_300"]  # the earlier event is clean
    row = overlap.iloc[0]
    assert row["ticker"] == ""  # one row for all tickers
    assert row["message"].startswith("all 3 tickers: estimation window -120:-11 holds")
    assert "synthetic_200" in row["message"]


def test_overlap_is_per_ticker() -> None:
    """Only F0 has both events: only F0's second event is flagged, by name."""
    rets = synthetic_returns(3, 400)
    events = _events(rets, [200, 300]).assign(ticker=["F0", "F0"])
    events = pd.concat([events, _events(rets, [300]).assign(ticker="F1")], ignore_index=True)
    events["event_id"] = ["a", "b", "b"]
    res = _study(rets, events)
    overlap = res.issues[res.issues["kind"] == "overlap"]
    assert overlap[["event_id", "ticker"]].values.tolist() == [["b", "F0"]]


def test_events_far_apart_give_no_overlap() -> None:
    rets = synthetic_returns(3, 500)
    res = _study(rets, _events(rets, [150, 400]))
    assert not (res.issues["kind"] == "overlap").any()


def test_day0_moved_off_a_weekend_without_calendar() -> None:
    rets = synthetic_returns(3, 300)
    saturday = rets.index[rets.index.day_of_week == 4][50] + pd.Timedelta(days=1)
    res = _study(rets, pd.DataFrame({"event_id": ["synthetic_sat"], "date": [saturday]}))
    moved = res.issues[res.issues["kind"] == "day0_moved"]
    monday = saturday + pd.Timedelta(days=2)
    assert moved["message"].tolist() == [
        f"all 3 tickers: event date {saturday:%Y-%m-%d} is no row of returns; day 0 moved "
        f"to the next trading day {monday:%Y-%m-%d}"
    ]


def test_timed_event_after_the_close_is_not_reported_as_moved() -> None:
    rets = synthetic_returns(2, 300)
    ev = synthetic_event(rets, 280).assign(time="18:00", timezone="Asia/Shanghai")
    res = _study(rets, ev, calendars={"F0": "XSHG", "F1": "XSHG"})
    assert not (res.issues["kind"] == "day0_moved").any()
    assert (res.ar.loc[res.ar["tau"] == 0, "date"] > rets.index[280]).all()


def test_window_past_the_end_names_days_and_window() -> None:
    rets = synthetic_returns(3, 300)
    res = _study(rets, synthetic_event(rets, 297), windows=[(-1, 1), (0, 5)])
    inc = res.issues[res.issues["kind"] == "incomplete_window"]
    assert inc["message"].tolist() == [
        "all 3 tickers: window 0:5 runs past the end of the data: 3 of 6 trading days; "
        "its CAR and tests cover only those"
    ]


# ------------------------------------------------------------------ confounders
def test_timed_confounder_is_placed_on_each_exchange() -> None:
    """A confounder at 16:00 New York on day -2 of the study's calendar date: after the
    NYSE close, so its day 0 is the next session and it falls in window -1:1 - which a
    calendar-date comparison misses."""
    rets = synthetic_returns(2, 300)
    rets.index = pd.DatetimeIndex(rq.sessions("XNYS", "2024-06-03", "2025-12-31")[:300])
    day0 = rets.index[280]
    conf = pd.DataFrame(
        {
            "event_id": ["synthetic_speech"],
            "date": [rets.index[278]],
            "time": ["16:00"],
            "timezone": ["America/New_York"],
            "title": ["synthetic after-close speech"],
        }
    )
    kw = {"windows": [(-1, 1)], "confounders": conf, "calendars": {"F0": "XNYS", "F1": "XNYS"}}
    with pytest.warns(ConfounderWarning, match="synthetic_speech"):
        res = rq.event_study(rets, synthetic_event(rets, 280), **{**KW, **kw})
    msg = res.issues.loc[res.issues["kind"] == "confounder", "message"].item()
    assert f"has day 0 {rets.index[279]:%Y-%m-%d} on XNYS, inside window(s) -1:1" in msg
    assert day0 == rets.index[280]
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConfounderWarning)  # no calendar: the date is day 0
        res = rq.event_study(rets, synthetic_event(rets, 280), **{**KW, **kw, "calendars": None})
    assert not (res.issues["kind"] == "confounder").any()


def test_liberation_day_confounds_the_april_controls_everywhere() -> None:
    """Real catalogue and shipped cache: the 2025-04-02 16:00 New York tariff speech has
    day 0 2025-04-03 on XNYS and XSHG, inside -1:1 around the 2025-04-04 controls, though
    its calendar date is before the window. The controls came out in the Beijing evening
    (18:00), so LYC.AX's day 0 is Monday 2025-04-07 and its -1:1 window (04-04..04-08)
    no longer holds the speech's day 0."""
    from reequity.workflows import catalogue_event_study

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = catalogue_event_study(
            event_ids=["cn_export_controls_2025_04_04"],
            tickers=["600111", "LYC.AX", "MP"],
            windows=((-1, 1),),
            tests=["t_cs"],
        )
    starts = res.car.set_index("ticker")["start"]
    assert (starts > pd.Timestamp("2025-04-02")).all()  # the calendar date is outside
    conf = res.issues[res.issues["kind"] == "confounder"]
    lib = conf[conf["message"].str.contains("us_liberation_day_tariffs_2025_04_02")]
    assert len(lib) == 1
    msg = lib["message"].item()
    assert lib["ticker"].item() == "" and msg.startswith("2 of 3 tickers (600111, MP):")
    assert "has day 0 2025-04-03 on XNYS, XSHG, inside window(s) -1:1" in msg
    # a timed event follows the close, not the date: no day0_moved row
    assert not (res.issues["kind"] == "day0_moved").any()
