"""Group 3: events - outside the data or the calendar, on a non-session day, malformed
events CSVs, overlapping estimation and event windows across events."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.data.calendars import sessions
from reequity.errors import EventFormatError, EventOutOfRangeError

from ._util import assert_clean_exit, invoke, sha256

TICKERS = "600111,LYC.AX,MP"


def synthetic_returns(index: pd.DatetimeIndex, seed: int = 0) -> pd.DataFrame:
    """Market-model returns of made-up firms A, B, C and a market MKT on ``index``."""
    rng = np.random.default_rng(seed)
    mkt = rng.normal(0, 0.01, len(index))
    firms = {f: 0.0002 + 1.1 * mkt + rng.normal(0, 0.015, len(index)) for f in "ABC"}
    return pd.DataFrame({**firms, "MKT": mkt}, index=pd.DatetimeIndex(index, name="date"))


def _study(returns: pd.DataFrame, events: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.StatisticWarning)
        return rq.event_study(returns, events, benchmark="MKT", estimation=(-120, -11), **kw)


def _events_file(folder: Path, text: str, name: str = "events.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ outside data / calendar
@pytest.mark.parametrize("date", ["2019-06-03", "2031-01-02"])
def test_event_outside_the_data(date: str) -> None:
    returns = synthetic_returns(pd.bdate_range("2024-01-01", periods=300))
    events = pd.DataFrame({"event_id": ["synthetic_far"], "date": [date]})
    with pytest.raises(
        EventOutOfRangeError, match=r"event synthetic_far on .* outside the data"
    ) as e:
        _study(returns, events)
    assert "2024-01-01.." in str(e.value) and "load returns covering the event" in str(e.value)


def test_event_before_the_calendar() -> None:
    """Returns reach back to 1998 but the XSHG calendar starts in 2000: named bound."""
    returns = synthetic_returns(pd.bdate_range("1998-01-05", periods=600))
    events = pd.DataFrame({"event_id": ["synthetic_1999"], "date": ["1999-06-01"]})
    with pytest.raises(EventOutOfRangeError, match="before the XSHG calendar's first session"):
        _study(returns, events, calendars={c: "XSHG" for c in "ABC"})


@pytest.mark.parametrize(
    ("date", "exchange", "fragment"),
    [
        ("1999-06-01", "XSHG", "before the XSHG calendar's first session 2000-01-04"),
        ("2200-01-01", "XNYS", "after the XNYS calendar's last session"),
    ],
)
def test_day_zero_outside_calendar_bounds(date: str, exchange: str, fragment: str) -> None:
    with pytest.raises(EventOutOfRangeError, match=fragment):
        rq.day_zero(date, exchange=exchange)


@pytest.mark.parametrize(
    ("date", "fragment"),
    [
        ("2035-01-01", "event 'synthetic_future' on 2035-01-01 for 600111: event date outside"),
        ("1990-01-02", "event 'synthetic_future' on 1990-01-02 for 600111: not a rare-earth"),
    ],
)
def test_event_outside_the_data_on_the_cli(tmp_path: Path, date: str, fragment: str) -> None:
    path = _events_file(tmp_path, f"event_id,date\nsynthetic_future,{date}\n")
    digest = sha256(path)
    out = tmp_path / "out"
    result = invoke(["event-study", "--events", str(path), "--tickers", TICKERS, "-o", str(out)])
    assert_clean_exit(result, 1, fragment, "3 pair(s) skipped")
    assert sha256(path) == digest and not out.exists()


# ------------------------------------------------------------------ non-session days
def test_non_session_day_moves_to_the_next_session() -> None:
    """2025-04-04 (Qingming) is no XSHG session: day 0 is Monday 2025-04-07."""
    returns = synthetic_returns(sessions("XSHG", "2024-01-01", "2025-06-30"))
    events = pd.DataFrame({"event_id": ["synthetic_qingming"], "date": ["2025-04-04"]})
    res = _study(returns, events, calendars={c: "XSHG" for c in "ABC"}, windows=[(0, 0)])
    day0 = res.ar.loc[res.ar["tau"] == 0, "date"]
    assert set(day0) == {pd.Timestamp("2025-04-07")}
    assert set(res.car["start"]) == {pd.Timestamp("2025-04-07")}


def test_non_session_day_is_reported() -> None:
    returns = synthetic_returns(sessions("XSHG", "2024-01-01", "2025-06-30"))
    events = pd.DataFrame({"event_id": ["synthetic_qingming"], "date": ["2025-04-04"]})
    res = _study(returns, events, calendars={c: "XSHG" for c in "ABC"}, windows=[(0, 0)])
    text = " ".join(res.issues["message"])
    assert "2025-04-04" in text and "2025-04-07" in text


def test_non_session_day_on_the_cli(tmp_path: Path) -> None:
    """A Saturday event: every exchange's day 0 is its first session after it."""
    path = _events_file(tmp_path, "event_id,date\nsynthetic_saturday,2025-04-05\n")
    out = tmp_path / "out"
    args = ["event-study", "--events", str(path), "--tickers", TICKERS, "-w", "0:0", "-o", str(out)]
    assert_clean_exit(invoke(args), 0)
    ar = pd.read_csv(out / "ar.csv", dtype={"ticker": str}, parse_dates=["date"])
    day0 = ar[ar["tau"] == 0].set_index("ticker")["date"]
    assert day0.to_dict() == {t: pd.Timestamp("2025-04-07") for t in TICKERS.split(",")}


# ------------------------------------------------------------------ malformed events CSVs
MALFORMED = [
    ("event_id,when\nx,2025-04-04\n", ["has no 'date' or 'event_date' column", "'when'"]),
    ("event_id,date\nx,2025-13-45\n", ["row 2, column 'date': '2025-13-45' is not a date"]),
    ("event_id,date\na,2025-04-04\nb,last Friday\n", ["row 3", "'last Friday' is not a date"]),
    ("event_id,date\nx,\n", ["row 2, column 'date' is empty"]),
    ("", ["is empty; it needs a header and rows"]),
    ("event_id,date\n", ["has a header but no rows"]),
    ("event_id,date,time\nx,2025-04-04,25:99\n", ["column 'time': '25:99' is not HH:MM"]),
    ("event_id,date,timezone\nx,2025-04-04,Mars/Olympus\n", ["'Mars/Olympus' is not an IANA"]),
    ("event_id,date\nx,2025-04-04\nx,2025-04-07\n", ["'x' appears twice"]),
]


@pytest.mark.parametrize(("text", "fragments"), MALFORMED)
@pytest.mark.parametrize("command", ["event-study", "correlate"])
def test_malformed_events_csv(
    tmp_path: Path, command: str, text: str, fragments: list[str]
) -> None:
    path = _events_file(tmp_path, text)
    digest = sha256(path)
    out = tmp_path / "out"
    result = invoke([command, "--events", str(path), "--out", str(out)])
    assert_clean_exit(result, 1, str(path), *fragments)
    assert sha256(path) == digest and not out.exists()


def test_binary_events_file(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(b"\xff\xfe\x00\x01" * 64)
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 1, str(path))


@pytest.mark.parametrize(
    ("events", "fragment"),
    [
        (pd.DataFrame({"event_id": ["x"], "day": ["2025-04-04"]}), "lacks column(s) ['date']"),
        (pd.DataFrame({"event_id": ["x"], "date": ["someday"]}), "unparseable date"),
        (pd.DataFrame({"event_id": ["x"], "date": [None]}), "have no date"),
        (pd.DataFrame({"event_id": ["x"], "date": ["2024-06-03"], "ticker": ["ZZ"]}), "'ZZ'"),
    ],
)
def test_malformed_events_frame(events: pd.DataFrame, fragment: str) -> None:
    returns = synthetic_returns(pd.bdate_range("2024-01-01", periods=300))
    with pytest.raises(rq.ReequityError, match=re.escape(fragment)):
        _study(returns, events)


def test_load_events_missing_file(tmp_path: Path) -> None:
    from reequity.events.io import load_events

    with pytest.raises(EventFormatError, match="not found; check the path"):
        load_events(tmp_path / "nope.csv")


# ------------------------------------------------------------------ overlapping windows
def _overlapping() -> tuple[pd.DataFrame, pd.DataFrame]:
    index = pd.bdate_range("2024-01-01", periods=400)
    events = pd.DataFrame(
        {"event_id": ["synthetic_first", "synthetic_second"], "date": [index[300], index[304]]}
    )
    return synthetic_returns(index, seed=3), events


def test_overlapping_windows_are_studied_separately() -> None:
    """Event 2's estimation window holds event 1's event window; both still compute and
    each firm-event's CAR is the sum of its own ARs over the window."""
    returns, events = _overlapping()
    res = _study(returns, events, windows=[(-5, 5), (0, 0)])
    assert set(res.car["event_id"]) == set(events["event_id"])
    assert len(res.car) == 2 * 3 * 2  # events x firms x windows
    ar = res.ar.set_index(["event_id", "ticker", "tau"])["ar"]
    for row in res.car.itertuples():
        lo, hi = (int(x) for x in row.window.split(":"))
        total = ar.loc[(row.event_id, row.ticker)].loc[lo:hi].sum()
        assert row.car == pytest.approx(total, abs=1e-12)
    # the same calendar day carries the same return in both events' rows
    both = res.ar.dropna(subset=["date"]).groupby(["ticker", "date"])["ret"].nunique()
    assert (both <= 1).all()


def test_overlapping_windows_are_reported() -> None:
    returns, events = _overlapping()
    res = _study(returns, events, windows=[(-5, 5)])
    flagged = res.issues[res.issues["event_id"] == "synthetic_second"]
    assert flagged["message"].str.contains("synthetic_first").any()


def test_window_past_the_data_end_is_reported() -> None:
    index = pd.bdate_range("2024-01-01", periods=300)
    events = pd.DataFrame({"event_id": ["synthetic_late"], "date": [index[290]]})
    res = _study(synthetic_returns(index), events, windows=[(0, 20)])
    assert (res.car["n_days"] == 10).all()  # what the data allow
    assert res.issues["message"].str.contains("0:20").any()
