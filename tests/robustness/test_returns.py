"""Group 4: returns - all NaN, constant (zero variance), Inf, too few estimation days, a
security suspended on day 0. Python API on synthetic panels and the CLI on a returns CSV."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.data.calendars import sessions
from reequity.errors import InsufficientDataError, ReequityError, SuspensionWarning

from ._util import assert_clean_exit, invoke, sha256

N = 300
INDEX = pd.bdate_range("2024-01-01", periods=N, name="date")
DAY0 = 280
EVENTS = pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[DAY0]]})


def panel(seed: int = 0, **columns: np.ndarray) -> pd.DataFrame:
    """Synthetic market-model returns of firms A, B, C and market MKT; override columns."""
    rng = np.random.default_rng(seed)
    mkt = rng.normal(0, 0.01, N)
    data = {f: 0.0003 + 0.9 * mkt + rng.normal(0, 0.012, N) for f in "ABC"}
    return pd.DataFrame({**data, "MKT": mkt, **columns}, index=INDEX)


def study(returns: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    opts = {"benchmark": "MKT", "estimation": (-200, -11), "windows": [(0, 0), (-1, 1)], **kw}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.StatisticWarning)
        return rq.event_study(returns, EVENTS, **opts)


def _finite_or_nan(frame: pd.DataFrame) -> bool:
    numbers = frame.select_dtypes("number").to_numpy(dtype=float)
    return not np.isinf(numbers).any()


def _write_returns(folder: Path, returns: pd.DataFrame) -> Path:
    path = folder / "synthetic_returns.csv"
    returns.to_csv(path)
    return path


def _cli(path: Path, out: Path, *extra: str) -> object:
    date = f"{INDEX[DAY0]:%Y-%m-%d}"
    events = out.parent / "events.csv"
    events.write_text(f"event_id,date\nsynthetic,{date}\n", encoding="utf-8")
    return invoke(["event-study", "--returns", str(path), "--benchmark", "MKT", "--events",
                   str(events), "--estimation", "-200:-11", "-w", "0:0", "-w", "-1:1",
                   "--out", str(out), *extra])  # fmt: skip


# ------------------------------------------------------------------ all NaN
def test_all_nan_series_is_dropped_and_reported() -> None:
    with pytest.warns(SuspensionWarning, match="no return on day 0"):
        res = study(panel(A=np.full(N, np.nan)))
    assert set(res.car["ticker"]) == {"B", "C"}
    issues = res.issues[res.issues["ticker"] == "A"]
    assert set(issues["kind"]) == {"dropped", "missing_day0"}
    assert issues["message"].str.contains("0 estimation observations").any()
    assert _finite_or_nan(res.car) and _finite_or_nan(res.tests)


def test_every_series_nan_is_an_error() -> None:
    nan = np.full(N, np.nan)
    with pytest.raises(InsufficientDataError, match="no firm-event has 95 estimation obs"):
        study(panel(A=nan, B=nan, C=nan))


def test_all_nan_column_on_the_cli(tmp_path: Path) -> None:
    path = _write_returns(tmp_path, panel(A=np.full(N, np.nan)))
    digest = sha256(path)
    out = tmp_path / "out"
    result = _cli(path, out)
    assert_clean_exit(result, 0, "SuspensionWarning", "no return on day 0")
    issues = pd.read_csv(out / "issues.csv")
    assert {"dropped", "missing_day0"} <= set(issues.loc[issues["ticker"] == "A", "kind"])
    assert sha256(path) == digest


def test_all_nan_columns_on_the_cli_exit_1(tmp_path: Path) -> None:
    nan = np.full(N, np.nan)
    path = _write_returns(tmp_path, panel(A=nan, B=nan, C=nan))
    result = _cli(path, tmp_path / "out")
    assert_clean_exit(result, 1, "no firm-event has 95 estimation observations", "lower")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ constant series
def test_constant_series_constant_mean_model_is_dropped() -> None:
    res = study(panel(A=np.full(N, 0.001)), model="constant_mean")
    assert "A" not in set(res.car["ticker"])
    assert res.issues["message"].str.contains("no residual variance").any()


def test_constant_series_market_model_is_dropped() -> None:
    res = study(panel(A=np.full(N, 0.001)))
    assert "A" not in set(res.car["ticker"])
    assert res.issues["message"].str.contains("no residual variance").any()


def test_constant_benchmark_is_an_error() -> None:
    """A market with zero variance cannot identify beta: nothing is fitted, clear error."""
    with pytest.raises(InsufficientDataError, match="estimation observations"):
        study(panel(MKT=np.zeros(N)))


# ------------------------------------------------------------------ Inf
@pytest.mark.parametrize("column", ["A", "MKT"])
def test_inf_values_are_refused_or_reported(column: str) -> None:
    values = panel()[column].to_numpy().copy()
    values[[100, DAY0 + 1]] = [np.inf, -np.inf]
    try:
        res = study(panel(**{column: values}))
    except ReequityError as exc:  # acceptable: refuse, naming the column and a date
        assert column in str(exc) and "inf" in str(exc).lower()
        return
    assert _finite_or_nan(res.ar) and _finite_or_nan(res.car) and _finite_or_nan(res.tests)
    assert res.issues["message"].str.contains("inf").any()


@pytest.mark.parametrize("cell", [np.inf, -np.inf, "0.01x"])
def test_bad_cell_in_returns_csv_is_named(tmp_path: Path, cell: object) -> None:
    """An infinite return or a typo in a --returns CSV: exit 1 naming column, date, value."""
    returns = panel().astype(object)
    returns.iloc[DAY0, 0] = cell
    path = _write_returns(tmp_path, returns)
    digest = sha256(path)
    result = _cli(path, tmp_path / "out")
    shown = {np.inf: "'inf'", -np.inf: "'-inf'"}.get(cell, repr(cell))  # type: ignore[call-overload]
    assert_clean_exit(result, 1, "column 'A'", f"date {INDEX[DAY0]:%Y-%m-%d}", shown,
                      "is not a finite number")  # fmt: skip
    assert sha256(path) == digest and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ too few estimation days
def test_too_few_estimation_days_for_the_minimum() -> None:
    with pytest.raises(InsufficientDataError, match="no firm-event has 500 estimation") as info:
        study(panel(), min_estimation=500)
    assert "lower min_estimation" in str(info.value)


def test_one_short_history_is_dropped_with_its_count() -> None:
    short = panel()["A"].to_numpy().copy()
    short[: DAY0 - 30] = np.nan  # listed 30 days before the event: 20 estimation days
    res = study(panel(A=short), min_estimation=60)
    assert set(res.car["ticker"]) == {"B", "C"}
    dropped = res.issues[(res.issues["ticker"] == "A") & (res.issues["kind"] == "dropped")]
    assert dropped["message"].str.contains(r"20 estimation observations \(< 60\)").all()


def test_too_few_estimation_days_on_the_cli(tmp_path: Path) -> None:
    path = _write_returns(tmp_path, panel())
    result = _cli(path, tmp_path / "out", "--min-estimation", "400")
    assert_clean_exit(result, 1, "no firm-event has 400 estimation observations")


# ------------------------------------------------------------------ suspended on day 0
def test_suspended_on_day_zero_is_reported_not_filled() -> None:
    values = panel()["A"].to_numpy().copy()
    values[DAY0] = np.nan
    with pytest.warns(SuspensionWarning, match=r"1 firm-event\(s\) have no return on day 0"):
        res = study(panel(A=values))
    ar = res.ar[(res.ar["ticker"] == "A")].set_index("tau")
    assert np.isnan(ar.at[0, "ar"]) and bool(ar.at[0, "suspended"])  # never zero-filled
    assert ar.at[0, "date"] == INDEX[DAY0]  # never shifted to the next day
    car = res.car[res.car["ticker"] == "A"].set_index("window")
    assert np.isnan(car.at["0:0", "car"]) and car.at["-1:1", "n_days"] == 2
    assert car.at["-1:1", "car"] == pytest.approx(ar.loc[[-1, 1], "ar"].sum())
    message = res.issues.loc[res.issues["kind"] == "missing_day0", "message"].item()
    assert f"{INDEX[DAY0]:%Y-%m-%d}" in message


def test_suspended_session_missing_from_the_data_stays_day_zero() -> None:
    """With a calendar, a session absent from the returns is a suspension, not skipped."""
    index = sessions("XSHG", "2024-01-01", "2025-06-30")
    rng = np.random.default_rng(5)
    mkt = rng.normal(0, 0.01, len(index))
    returns = pd.DataFrame({"A": mkt + rng.normal(0, 0.01, len(index)), "MKT": mkt}, index=index)
    returns = returns.drop(pd.Timestamp("2025-04-07"))  # the first session after Qingming
    events = pd.DataFrame({"event_id": ["synthetic_qingming"], "date": ["2025-04-04"]})
    with pytest.warns(SuspensionWarning):
        res = rq.event_study(returns, events, benchmark="MKT", calendars={"A": "XSHG"},
                             estimation=(-200, -11), windows=[(0, 0), (-1, 1)], tests=["t_cs"])  # fmt: skip
    ar = res.ar.set_index("tau")
    assert ar.at[0, "date"] == pd.Timestamp("2025-04-07") and np.isnan(ar.at[0, "ret"])
    assert ar.at[1, "date"] == pd.Timestamp("2025-04-08")
    assert (res.issues["kind"] == "missing_day0").any()


def test_non_numeric_column_is_named() -> None:
    returns = panel().astype({"A": object})
    returns["A"] = "0.01"
    with pytest.raises(ReequityError, match=r"\['A'\] are not numeric"):
        study(returns)
