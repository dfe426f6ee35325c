"""`workflows.returns_file_event_study`: the --returns path of `event-study` as a workflow.

The CLI only parses, calls this function and prints; these tests call it directly (with
a file and with a frame) and check that the CLI goes through it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import reequity.workflows as wf
from reequity.cli.app import app
from reequity.errors import ConfigurationError, EventFormatError
from reequity.study.engine import event_study
from reequity.workflows import returns_file_event_study

ESTIMATION, WINDOWS = (-200, -11), [(0, 0), (-1, 1)]


def _events(dates: pd.DatetimeIndex) -> pd.DataFrame:
    """Two studied events of two types and one confounder inside the first's window."""
    return pd.DataFrame(
        {
            "event_id": ["shock", "calm", "noise"],
            "date": [dates[280], dates[240], dates[281]],
            "title": ["synthetic shock", "synthetic calm", "synthetic confounder"],
            "event_type": ["up", "down", "up"],
            "confounder": [False, False, True],
        }
    )


@pytest.fixture
def data(tmp_path: Path, synthetic_returns) -> tuple[Path, pd.DataFrame, pd.DataFrame]:
    path = synthetic_returns(tmp_path / "returns.csv", seed=11)
    frame = pd.read_csv(path, index_col=0, parse_dates=[0])
    return path, frame, _events(frame.index)


def test_file_and_frame_give_the_same_study(data) -> None:
    path, frame, events = data
    with pytest.warns(Warning):  # the confounder inside the shock's window
        from_file = returns_file_event_study(
            path, events, benchmark="MKT", estimation=ESTIMATION, windows=WINDOWS
        )
    with pytest.warns(Warning):
        from_frame = returns_file_event_study(
            frame, events, benchmark="MKT", estimation=ESTIMATION, windows=WINDOWS
        )
    pd.testing.assert_frame_equal(from_file.caar, from_frame.caar)
    pd.testing.assert_frame_equal(from_file.issues, from_frame.issues)
    shock = from_file.caar.query("event_id == 'shock' and window == '0:0'").iloc[0]
    assert shock["caar"] == pytest.approx(0.05, abs=0.01) and shock["n_firms"] == 3


def test_it_is_the_engine_with_the_catalogue_defaults(data) -> None:
    """Confounders are split off and reported, every events row leaves the estimation
    windows, events are pooled by event_type: the same study as the engine given those."""
    path, frame, events = data
    with pytest.warns(Warning):
        got = returns_file_event_study(
            path, events, benchmark="MKT", estimation=ESTIMATION, windows=WINDOWS
        )
    studied, confounders = events[~events["confounder"]], events[events["confounder"]]
    with pytest.warns(Warning):
        want = event_study(
            frame, studied.reset_index(drop=True), benchmark="MKT", estimation=ESTIMATION,
            windows=WINDOWS, pool_by="event_type",
            confounders=confounders[["event_id", "date", "title"]].reset_index(drop=True),
            exclude=events[["date"]],
        )  # fmt: skip
    for name in ("car", "caar", "tests", "issues", "pools", "pool_tests"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert set(got.car["event_id"]) == {"shock", "calm"}
    conf = got.issues[got.issues["kind"] == "confounder"]
    assert list(conf["event_id"]) == ["shock"] and "noise" in conf["message"].iloc[0]
    assert set(got.pools["pool"]) >= {"up", "down"}


def test_options_override_the_defaults_and_tickers_select_columns(data) -> None:
    path, _, events = data
    got = returns_file_event_study(
        path, events.iloc[:2], benchmark="MKT", tickers=["F2", "F0"], event_ids=["calm"],
        estimation=ESTIMATION, windows=WINDOWS, pool_by=None, exclude=None,
    )  # fmt: skip
    assert list(got.car["ticker"].unique()) == ["F2", "F0"]
    assert set(got.car["event_id"]) == {"calm"}
    assert got.pools.empty
    assert (got.params["n_est_dropped"] == 0).all()  # exclude=None: no events row left out


def test_a_model_without_benchmark_needs_none(data) -> None:
    path, _, events = data
    got = returns_file_event_study(
        path, events.iloc[:1], model="constant_mean", estimation=ESTIMATION, windows=WINDOWS
    )
    assert set(got.car["ticker"]) == {"MKT", "F0", "F1", "F2"}


@pytest.mark.parametrize(
    ("kwargs", "needles"),
    [
        ({}, ["--benchmark", "'market'", "columns are: MKT, F0, F1, F2"]),
        ({"benchmark": "SPY"}, ["'SPY'", "columns are: MKT, F0"]),
        ({"benchmark": "MKT", "tickers": ["F9", "F0"]}, ["F9", "columns are"]),
        ({"benchmark": "MKT", "event_ids": ["nope"]}, ["'nope'"]),
    ],
)
def test_bad_arguments_name_the_value_and_the_choices(data, kwargs, needles) -> None:
    path, _, events = data
    with pytest.raises(ConfigurationError) as info:
        returns_file_event_study(path, events, **kwargs)
    assert all(n in str(info.value) for n in needles), str(info.value)


def test_bad_files_are_refused(tmp_path: Path) -> None:
    events = pd.DataFrame({"event_id": ["e"], "date": ["2020-06-01"]})
    with pytest.raises(ConfigurationError, match="does not exist"):
        returns_file_event_study(tmp_path / "missing.csv", events, benchmark="MKT")
    typo = tmp_path / "typo.csv"
    typo.write_text("date,MKT,A\n2020-01-02,0.01,0.01x\n", encoding="utf-8")
    with pytest.raises(EventFormatError, match="'0.01x' is not a finite number"):
        returns_file_event_study(typo, events, benchmark="MKT")
    repeated = tmp_path / "repeated.csv"
    repeated.write_text("date,MKT,A,A\n2020-01-02,0.01,0.01,0.02\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="repeated column"):
        returns_file_event_study(repeated, events, benchmark="MKT")


def test_the_cli_calls_the_workflow(data, tmp_path: Path, monkeypatch) -> None:
    """`event-study --returns` passes its parsed options to the workflow and prints it."""
    path, _, events = data
    events_csv = tmp_path / "events.csv"
    events.to_csv(events_csv, index=False)
    calls: list[dict] = []

    def spy(returns, ev, **kwargs):
        calls.append({"returns": returns, "events": ev, **kwargs})
        return returns_file_event_study(returns, ev, **kwargs)

    monkeypatch.setattr(wf, "returns_file_event_study", spy)
    args = ["event-study", "--returns", str(path), "--benchmark", "MKT", "--events",
            str(events_csv), "--estimation", "-200:-11", "--window", "0:0", "--tickers", "F1",
            "--no-figures", "--out", str(tmp_path / "o")]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    (call,) = calls
    assert call["returns"] == path and call["benchmark"] == "MKT" and call["tickers"] == ["F1"]
    assert call["estimation"] == (-200, -11) and call["windows"] == ((0, 0),)
    car = pd.read_csv(tmp_path / "o" / "car.csv")
    assert set(car["ticker"]) == {"F1"}
