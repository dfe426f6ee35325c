"""Ex-dividend days of price-only series: flagged in ``ar`` and kept out of estimation windows.

Runs on the shipped cache (ILU.AX's known ex-days 2025-03-04 and 2025-09-02); the probe
event is a made-up date, not a catalogue event.
"""

from __future__ import annotations

import warnings

import pandas as pd

from reequity.data.calendars import sessions as sessions_between
from reequity.data.prices import ex_dividend_dates
from reequity.workflows import catalogue_event_study, ex_dividend_days, prepare_study_inputs

PROBE = pd.DataFrame({"event_id": ["probe_2025_09_01"], "date": ["2025-09-01"]})


def _run(**options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return catalogue_event_study(
            tickers=["ILU.AX", "LYC.AX"], events=PROBE, windows=((-1, 1),), **options
        )


def test_ex_dividend_day_in_a_window_is_flagged_in_ar_and_issues() -> None:
    res = _run()
    flagged = res.ar[res.ar["ex_dividend"]]
    assert [
        (t, f"{d:%Y-%m-%d}") for t, d in zip(flagged["ticker"], flagged["date"], strict=True)
    ] == [("ILU.AX", "2025-09-02")]
    rows = res.issues[res.issues["kind"] == "ex_dividend"]
    assert list(rows["ticker"]) == ["ILU.AX"] and "2025-09-02" in rows["message"].iloc[0]


def test_ex_dividend_days_leave_the_estimation_window() -> None:
    inputs = prepare_study_inputs(PROBE, tickers=["ILU.AX", "LYC.AX"])
    days = ex_dividend_days(["ILU.AX", "LYC.AX"])
    assert set(days["ticker"]) <= {"ILU.AX"}
    assert list(days["date"]) == list(ex_dividend_dates("ILU.AX"))
    ilu = inputs.exclude[inputs.exclude.get("ticker", pd.Series(dtype=str)).eq("ILU.AX")]
    assert len(ilu) == len(days)
    # expected: the XASX sessions of the estimation window (-250..-11) within one session
    # (clean_window -1..+1) of an ex-day, counted by hand on the exchange calendar
    sessions = pd.DatetimeIndex(sessions_between("XASX", "2023-06-01", "2025-12-31"))
    zero = sessions.searchsorted(pd.Timestamp("2025-09-01"))
    est = set(sessions[zero - 250 : zero - 10])
    near = set()
    for day in days["date"]:
        q = sessions.searchsorted(day)
        near |= set(sessions[max(q - 1, 0) : q + 2])
    expected = len(est & near)
    assert expected >= 3  # 2025-03-04 and its two neighbours at least
    with_ex = _run().params.set_index("ticker")
    events_only = inputs.exclude[inputs.exclude["ticker"].isna()]
    without_ex = _run(exclude=events_only).params.set_index("ticker")
    gained = with_ex.at["ILU.AX", "n_est_dropped"] - without_ex.at["ILU.AX", "n_est_dropped"]
    assert gained == expected
    assert with_ex.at["LYC.AX", "n_est_dropped"] == without_ex.at["LYC.AX", "n_est_dropped"]
