"""Engine behaviour: alignment, calendars, suspensions, flags, issues and errors."""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import (
    ConfigurationError,
    ConfounderWarning,
    EventFormatError,
    EventOutOfRangeError,
    InsufficientDataError,
    StatisticWarning,
    SuspensionWarning,
    UnknownTickerError,
)
from reequity.study.statistics import TESTS
from tests.study.synthetic import synthetic_event, synthetic_returns

KW = {"benchmark": "MKT", "estimation": (-30, -6), "windows": [(0, 0), (-1, 1)]}


@pytest.fixture
def rets() -> pd.DataFrame:
    return synthetic_returns(4, 60, seed=2)


def test_result_frames_have_contract_columns(rets: pd.DataFrame) -> None:
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    assert list(res.ar.columns) == [
        "event_id", "ticker", "tau", "date", "ret", "expected", "ar", "sar", "suspended", "limit_hit"
    ]  # fmt: skip
    assert list(res.car.columns) == [
        "event_id", "ticker", "window", "start", "end", "n_days", "car", "bhar", "scar",
        "kind", "group", "pooled",
    ]  # fmt: skip
    assert list(res.aar.columns) == ["event_id", "tau", "n_firms", "aar", "caar"]
    assert list(res.caar.columns) == [
        "event_id", "window", "n_firms", "caar", "mean_bhar", "se", "ci_lower", "ci_upper",
        "robust_se", "robust_df", "robust_ci_lower", "robust_ci_upper",
    ]  # fmt: skip
    assert list(res.tests.columns) == [
        "event_id", "window", "tau", "test", "statistic", "pvalue", "n_firms", "note"
    ]  # fmt: skip
    assert str(res.tests["tau"].dtype) == "Int64"
    assert list(res.issues.columns) == ["event_id", "ticker", "kind", "message"]
    assert {"event_id", "ticker", "alpha", "beta", "sigma", "n_est"} <= set(res.params.columns)
    assert set(res.caar["event_id"]) == {"synthetic", "ALL"}
    assert sorted(res.car["window"].unique()) == ["-1:1", "0:0"]
    assert set(res.tests["test"]) == set(TESTS)


def test_day0_is_first_row_on_or_after_event_date(rets: pd.DataFrame) -> None:
    friday = rets.index[rets.index.dayofweek == 4][8]
    ev = pd.DataFrame({"event_id": ["x"], "date": [friday + pd.Timedelta(days=1)]})  # Saturday
    res = rq.event_study(rets, ev, **KW)
    day0 = res.ar[res.ar["tau"] == 0]["date"].iloc[0]
    assert day0 == friday + pd.Timedelta(days=3)  # the next row: Monday


def test_event_without_ticker_applies_to_all_non_benchmark(rets: pd.DataFrame) -> None:
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    assert sorted(res.car["ticker"].unique()) == ["F0", "F1", "F2", "F3"]
    ev = synthetic_event(rets).assign(ticker="F2")
    res = rq.event_study(rets, ev, **KW)
    assert res.car["ticker"].unique().tolist() == ["F2"]


def test_blank_ticker_rows_expand_to_all(rets: pd.DataFrame) -> None:
    ev = pd.DataFrame(
        {"event_id": ["a", "b"], "date": [rets.index[45], rets.index[50]], "ticker": ["F1", None]}
    )
    res = rq.event_study(rets, ev, **KW)
    got = res.car[res.car["window"] == "0:0"].groupby("event_id")["ticker"].apply(sorted)
    assert got["a"] == ["F1"] and got["b"] == ["F0", "F1", "F2", "F3"]


def test_string_windows_and_tests(rets: pd.DataFrame) -> None:
    res = rq.event_study(
        rets, synthetic_event(rets), benchmark="MKT", estimation="-30:-6",
        windows=["0:0", "-1:1"], tests="cda,grank",
    )  # fmt: skip
    assert set(res.tests["test"]) == {"cda", "grank"}
    assert res.settings["windows"] == ["0:0", "-1:1"]


def test_plot_uses_reequity_plots(rets: pd.DataFrame) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    assert res.plot("caar") is not None
    with pytest.raises(ConfigurationError, match="plot kind"):
        res.plot("pie")


def test_benchmark_mapping_and_series(rets: pd.DataFrame) -> None:
    base = rq.event_study(rets, synthetic_event(rets), **KW)
    mapping = {f"F{i}": "MKT" for i in range(4)}
    by_map = rq.event_study(rets, synthetic_event(rets), **{**KW, "benchmark": mapping})
    series = rets.pop("MKT")
    by_series = rq.event_study(rets, synthetic_event(rets), **{**KW, "benchmark": series})
    for other in (by_map, by_series):
        pd.testing.assert_frame_equal(base.car, other.car)


def test_suspension_on_day0_is_reported_not_shifted(rets: pd.DataFrame) -> None:
    rets.loc[rets.index[45], "F1"] = np.nan
    with pytest.warns(SuspensionWarning):
        res = rq.event_study(rets, synthetic_event(rets), **KW)
    row = res.ar[(res.ar["ticker"] == "F1") & (res.ar["tau"] == 0)].iloc[0]
    assert row["date"] == rets.index[45] and row["suspended"] and np.isnan(row["ar"])
    issue = res.issues[res.issues["kind"] == "missing_day0"]
    assert issue["ticker"].tolist() == ["F1"]
    car = res.car.set_index(["ticker", "window"])
    assert car.loc[("F1", "-1:1"), "n_days"] == 2
    assert np.isnan(car.loc[("F1", "0:0"), "car"])


def test_price_limit_flag(rets: pd.DataFrame) -> None:
    rets.loc[rets.index[45], "F0"] = 0.0998
    res = rq.event_study(rets, synthetic_event(rets), price_limits={"F0": 0.10}, **KW)
    hit = res.ar[res.ar["limit_hit"]]
    assert hit[["ticker", "tau"]].values.tolist() == [["F0", 0]]


def test_price_limit_schedule_is_a_step_function_of_the_date(rets: pd.DataFrame) -> None:
    # ChiNext-style: a 10% limit until the day of the event, 20% from then on
    rets.loc[rets.index[44], "F0"] = 0.0999  # tau -1: at the old 10% limit
    rets.loc[rets.index[46], "F0"] = 0.0999  # tau +1: far below the new 20% limit
    rets.loc[rets.index[45], "F1"] = 0.1999  # tau 0: at the new 20% limit
    schedule = pd.Series([0.10, 0.20], index=pd.DatetimeIndex(["1990-01-01", rets.index[45]]))
    res = rq.event_study(
        rets, synthetic_event(rets), price_limits={"F0": schedule, "F1": schedule}, **KW
    )
    hit = res.ar[res.ar["limit_hit"]]
    assert sorted(hit[["ticker", "tau"]].values.tolist()) == [["F0", -1], ["F1", 0]]


def test_confounder_inside_window_warns(rets: pd.DataFrame) -> None:
    conf = pd.DataFrame(
        {"event_id": ["tariffs"], "date": [rets.index[46]], "title": ["synthetic confounder"]}
    )
    with pytest.warns(ConfounderWarning):
        res = rq.event_study(rets, synthetic_event(rets), confounders=conf, **KW)
    iss = res.issues[res.issues["kind"] == "confounder"]
    assert iss["event_id"].tolist() == ["synthetic"]  # only window -1:1 holds row 46
    assert "tariffs" in iss["message"].iloc[0] and "-1:1" in iss["message"].iloc[0]
    assert "0:0" not in iss["message"].iloc[0]


def test_too_few_estimation_observations_drops_firm(rets: pd.DataFrame) -> None:
    rets.loc[rets.index[10:35], "F3"] = np.nan
    res = rq.event_study(rets, synthetic_event(rets), min_estimation=20, **KW)
    assert "F3" not in set(res.car["ticker"])
    dropped = res.issues[res.issues["kind"] == "dropped"]
    assert dropped["ticker"].tolist() == ["F3"]
    with pytest.raises(InsufficientDataError, match="estimation observations"):
        rq.event_study(rets[["F3", "MKT"]], synthetic_event(rets), min_estimation=20, **KW)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"windows": [(1, -1)]}, "starts after it ends"),
        ({"estimation": (-30, 0)}, "not after the estimation window"),
        ({"windows": ["a:b"]}, "pair of trading-day offsets"),
        ({"tests": ["nope"]}, "unknown test"),
        ({"model": "capm"}, "not known"),
        ({"convention": "r"}, "not known"),
        ({"min_estimation": 1}, "too small"),
        ({"model": "market_adjusted", "benchmark": None}, "needs a benchmark"),
    ],
)
def test_configuration_errors(rets: pd.DataFrame, kwargs: dict, match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        rq.event_study(rets, synthetic_event(rets), **{**KW, **kwargs})


def test_unsorted_returns_are_rejected(rets: pd.DataFrame) -> None:
    with pytest.raises(ConfigurationError, match="increasing dates"):
        rq.event_study(rets.iloc[::-1], synthetic_event(rets), **KW)


def test_input_errors(rets: pd.DataFrame) -> None:
    late = pd.DataFrame({"event_id": ["late"], "date": ["2031-01-01"]})
    with pytest.raises(EventOutOfRangeError, match="late.*outside the data"):
        rq.event_study(rets, late, **KW)
    with pytest.raises(UnknownTickerError, match="NOPE"):
        rq.event_study(rets, synthetic_event(rets).assign(ticker="NOPE"), **KW)
    with pytest.raises(UnknownTickerError, match="benchmark"):
        rq.event_study(rets, synthetic_event(rets), **{**KW, "benchmark": "SPX"})
    with pytest.raises(EventFormatError, match="date"):
        rq.event_study(rets, pd.DataFrame({"event_id": ["x"]}), **KW)


def test_uncomputable_test_gives_nan_note_and_warning(rets: pd.DataFrame) -> None:
    ev = synthetic_event(rets).assign(ticker="F0")  # one firm: no cross-section
    with pytest.warns(StatisticWarning):
        res = rq.event_study(rets, ev, **KW)
    t = res.tests[(res.tests["test"] == "kolari_pynnonen") & (res.tests["event_id"] == "ALL")]
    assert t["statistic"].isna().all() and (t["note"] != "").all()
    assert res.tests[res.tests["test"] == "patell"]["statistic"].notna().all()


def test_spec_object_and_summary(rets: pd.DataFrame) -> None:
    spec = rq.EventStudy(rets, synthetic_event(rets), "MKT", estimation=(-30, -6), windows=[(0, 0)])
    res = spec.fit()
    res2 = dataclasses.replace(spec, model="constant_mean").fit()
    assert res2.settings["model"] == "constant_mean"
    text = res.summary()
    assert text == spec.fit().summary()  # deterministic
    assert "cda" in text and "kolari_pynnonen" in text and "grank" in text and "portfolio" in text
    assert res.to_frame("caar").equals(res.caar)
    assert "<table" in res._repr_html_()
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.ar = res.car  # type: ignore[misc]


def test_summary_shows_full_event_ids(rets: pd.DataFrame) -> None:
    long_id = "synthetic_export_controls_2025_04_04_long_identifier"
    res = rq.event_study(rets, synthetic_event(rets, event_id=long_id), **KW)
    rows = [line for line in res.summary().splitlines() if line.startswith("synthetic_")]
    assert len(rows) == 2 and all(line.split()[0] == long_id for line in rows)


def test_caar_and_aar_consistency(rets: pd.DataFrame) -> None:
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    caar = res.caar.set_index(["event_id", "window"])
    car = res.car[res.car["window"] == "-1:1"]["car"]
    assert caar.loc[("ALL", "-1:1"), "caar"] == pytest.approx(car.mean())
    se = car.std(ddof=1) / 2
    assert caar.loc[("ALL", "-1:1"), "se"] == pytest.approx(se)
    aar = res.aar[res.aar["event_id"] == "ALL"]
    assert aar["caar"].iloc[-1] == pytest.approx(aar["aar"].sum())


def test_calendars_align_each_exchange() -> None:
    pytest.importorskip("exchange_calendars")
    idx = pd.bdate_range("2024-01-02", "2025-06-30", name="date")
    rng = np.random.default_rng(5)
    rets = pd.DataFrame(rng.normal(0, 0.01, (len(idx), 3)), index=idx, columns=["SH", "AX", "MKT"])
    ev = pd.DataFrame({"event_id": ["controls"], "date": ["2025-04-04"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SuspensionWarning)
        res = rq.event_study(
            rets, ev, benchmark="MKT", calendars={"SH": "XSHG", "AX": "XASX"},
            estimation=(-120, -11), windows=[(0, 0)],
        )  # fmt: skip
    day0 = res.ar[res.ar["tau"] == 0].set_index("ticker")["date"]
    assert day0["SH"] == pd.Timestamp("2025-04-07")  # Shanghai closed for Qingming
    assert day0["AX"] == pd.Timestamp("2025-04-04")
    # Shanghai's event time skips its holidays: tau -1 of SH is 2025-04-03
    full = rq.event_study(
        rets, ev, benchmark="MKT", calendars={"SH": "XSHG"}, estimation=(-120, -11),
        windows=[(-1, 0)],
    )  # fmt: skip
    sh = full.ar[full.ar["ticker"] == "SH"].set_index("tau")["date"]
    assert sh[-1] == pd.Timestamp("2025-04-03") and sh[0] == pd.Timestamp("2025-04-07")
