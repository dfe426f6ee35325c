"""The specification curve's shared path: panels, masks, fits and batteries shared across
specifications give the rows of direct ``event_study`` calls (synthetic data)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from reequity.study.curve_fits import STEP_FIELDS, UNUSED_FIELDS
from reequity.study.engine import EventStudy, event_study
from reequity.study.robustness import CHOICES, register_choice, specification_curve
from reequity.study.statistics import ROBUST_TESTS
from reequity.study.windows import parse_window
from tests.study.synthetic import synthetic_returns

pytestmark = pytest.mark.filterwarnings("ignore")

# every kind of choice the shared path must tell apart, in one grid: models with and
# without benchmark leads/lags, estimation windows of two lengths and two gaps, two event
# windows, two benchmarks, cleaning on/off, two pools and two firm sets
MIXED_GRID = pd.DataFrame(
    {
        "choice": ["model"] * 3 + ["estimation"] * 3 + ["window"] * 2 + ["benchmark"] * 2
        + ["clean"] * 2 + ["pool"] * 2 + ["firms"] * 2,
        "value": [
            "market", "dimson", "constant_mean", "-150:-11", "-100:-11", "-120:-31",
            "-1:1", "0:3", "own", "alt", "on", "off", "stocks", "all", "all",
            "drop_confounded",
        ],
    }
)  # fmt: skip


@pytest.fixture(scope="module")
def study() -> EventStudy:
    """5 synthetic firms (F4 an ETF), 2 events, a second market column, confounders: one
    for every firm inside event A's estimation windows (cleaning matters) and one for F2
    inside event A's event window (F2 is flagged in A)."""
    returns = synthetic_returns(n_firms=5, n_days=400, seed=11)
    returns["MKT2"] = 0.8 * returns["MKT"] + 0.002 * np.sin(np.arange(len(returns)))
    dates = {"SYN-A": returns.index[200], "SYN-B": returns.index[330]}
    events = pd.DataFrame(  # tickers spelled out: MKT2 is no firm under either benchmark
        [(e, d, f"F{i}") for e, d in dates.items() for i in range(5)],
        columns=["event_id", "date", "ticker"],
    )
    confounders = pd.DataFrame(
        {
            "event_id": ["NEWS-ALL", "NEWS-F2"],
            "date": [returns.index[120], returns.index[201]],
            "title": ["synthetic market news", "synthetic F2 news"],
            "ticker": [None, "F2"],
        }
    )
    return EventStudy(
        returns,
        events,
        "MKT",
        estimation=(-150, -11),
        confounders=confounders,
        kinds={"F4": "etf"},
    )


@pytest.fixture(scope="module")
def curve(study: EventStudy):
    return specification_curve(study, MIXED_GRID, benchmarks={"alt": "MKT2"})


def _direct(study: EventStudy, spec) -> pd.DataFrame:
    """A direct event_study with the specification's choices spelled out by hand."""
    events = study.events
    if spec.firms == "drop_confounded":  # F2 in SYN-A is the one flagged firm-event
        events = events[~(events["event_id"].eq("SYN-A") & events["ticker"].eq("F2"))]
    res = event_study(
        study.returns,
        events,
        benchmark={"own": "MKT", "alt": "MKT2"}[spec.benchmark],
        model=spec.model,
        estimation=parse_window(spec.estimation),
        windows=[parse_window(spec.window)],
        tests=list(ROBUST_TESTS),
        confounders=study.confounders,
        clean_estimation=spec.clean == "on",
        kinds=None if spec.pool == "all" else {"F4": "etf"},
    )
    caar = res.caar.set_index("event_id")
    wt = res.tests[res.tests["tau"].isna()]
    for t in ROBUST_TESTS:
        one = wt[wt["test"] == t].set_index("event_id")
        caar[f"{t}_stat"], caar[f"{t}_p"] = one["statistic"], one["pvalue"]
    return caar


def test_every_row_of_a_mixed_grid_equals_a_direct_event_study(study, curve) -> None:
    assert len(curve.specs) == 3 * 3 * 2 * 2 * 2 * 2 * 2 and not curve.notes
    assert curve.table["note"].eq("").all()
    columns = ["n_firms", "caar", "ci_lower", "ci_upper"]
    columns += [f"{t}_{x}" for t in ROBUST_TESTS for x in ("stat", "p")]
    # a seeded sample of the 288 (direct fits cost ~50 ms each) holding every value of
    # every choice; every specification went through the same sharing
    sample = curve.specs.sample(48, random_state=3)
    for choice in curve.choices:
        assert set(sample[choice]) == set(curve.specs[choice]), choice
    for spec in sample.itertuples(index=False):
        rows = curve.table[curve.table["spec_id"] == spec.spec_id].set_index("event_id")
        direct = _direct(study, spec)
        assert list(rows.index) == list(direct.index)
        for col in columns:
            np.testing.assert_allclose(
                rows[col].to_numpy(dtype=float), direct[col].to_numpy(dtype=float),
                rtol=0, atol=1e-12, err_msg=f"spec {spec.spec_id} {col}",
            )  # fmt: skip


def test_the_choices_change_the_rows(curve) -> None:
    """Guards the test above: each choice moves the estimate (no choice is a no-op)."""
    all_rows = curve.table[curve.table["event_id"] == "ALL"]
    for choice in curve.choices:
        spread = all_rows.groupby([c for c in curve.choices if c != choice])["caar"].agg(np.ptp)
        assert (spread > 1e-9).any(), choice


def test_shared_counts(curve) -> None:
    # per firm set x benchmark one panel and one cleaning mask; per panel model x
    # estimation x cleaning fits; per fit one battery per pool
    assert curve.shared == {
        "specs": 288,
        "variants": 144,
        "panels": 4,
        "masks": 4,
        "fits": 4 * 3 * 3 * 2,
        "batteries": 144,
    }


def test_a_user_choice_on_any_field_shares_only_what_it_leaves_alone(study) -> None:
    @register_choice("convention")
    def _convention(s: EventStudy, value: str, ctx) -> EventStudy:
        return dataclasses.replace(s, convention=value)

    try:
        grid = pd.DataFrame(
            {
                "choice": ["convention", "convention", "model", "model", "window"],
                "value": ["textbook", "estudy2", "market", "constant_mean", "0:0"],
            }
        )
        curve = specification_curve(study, grid)
    finally:
        del CHOICES["convention"]
    assert curve.shared["panels"] == 1 and curve.shared["fits"] == 4
    for spec in curve.specs.itertuples(index=False):
        res = dataclasses.replace(
            study,
            convention=spec.convention,
            model=spec.model,
            windows=[(0, 0)],
            tests=list(ROBUST_TESTS),
        ).fit()
        rows = curve.table[curve.table["spec_id"] == spec.spec_id].set_index("event_id")
        caar = res.caar.set_index("event_id").loc[rows.index]
        np.testing.assert_allclose(rows["caar"], caar["caar"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(rows["ci_upper"], caar["ci_upper"], rtol=0, atol=1e-12)


def test_every_field_of_the_study_is_placed() -> None:
    """A new EventStudy field must say which shared step reads it (or why none does)."""
    placed = [f for fields in STEP_FIELDS.values() for f in fields] + list(UNUSED_FIELDS)
    assert sorted(placed) == sorted(f.name for f in dataclasses.fields(EventStudy))


def test_a_failing_panel_is_a_note_for_its_specifications_only(study) -> None:
    @register_choice("events")
    def _events(s: EventStudy, value: str, ctx) -> EventStudy:
        if value == "late":  # an event after the data: build_panel refuses it
            late = s.events.assign(date=s.returns.index[-1] + pd.Timedelta(days=30))
            return dataclasses.replace(s, events=late)
        return s

    try:
        grid = pd.DataFrame(
            {"choice": ["events", "events", "window"], "value": ["real", "late", "0:0"]}
        )
        curve = specification_curve(study, grid)
    finally:
        del CHOICES["events"]
    late = curve.table[curve.table["events"] == "late"]
    assert (
        len(late) == 1 and late["caar"].isna().all() and "outside the data" in late["note"].iloc[0]
    )
    real = curve.table[curve.table["events"] == "real"]
    assert real["caar"].notna().all() and real["note"].eq("").all()
    assert curve.shared["panels"] == 1


def test_one_panel_with_calendars_factors_and_benchmark_leads_is_cut_exactly() -> None:
    """Exchange calendars (the gather by session rows), factors and a model with benchmark
    leads/lags beside one without, from one panel: rows equal direct fits."""
    returns = synthetic_returns(n_firms=5, n_days=400, seed=3)
    noise = np.random.default_rng(1).normal(0, 0.005, len(returns))
    factors = pd.DataFrame({"MKT": returns["MKT"], "SMB": noise}, index=returns.index)
    events = pd.DataFrame(
        {"event_id": ["SYN-A", "SYN-B"], "date": [returns.index[200], returns.index[330]]}
    )
    study = EventStudy(
        returns, events, "MKT", model="factor", factors=factors, estimation=(-150, -11),
        calendars={f"F{i}": "XNYS" for i in range(5)},
    )  # fmt: skip
    grid = pd.DataFrame(
        {
            "choice": ["model"] * 2 + ["estimation"] * 2 + ["window"] * 2,
            "value": ["factor", "scholes_williams", "-150:-11", "-90:-21", "-1:1", "0:2"],
        }
    )
    curve = specification_curve(study, grid)
    assert curve.shared == {
        "specs": 8, "variants": 4, "panels": 1, "masks": 1, "fits": 4, "batteries": 4,
    }  # fmt: skip
    for spec in curve.specs.itertuples(index=False):
        res = dataclasses.replace(
            study,
            model=spec.model,
            estimation=parse_window(spec.estimation),
            windows=[parse_window(spec.window)],
            tests=list(ROBUST_TESTS),
        ).fit()
        rows = curve.table[curve.table["spec_id"] == spec.spec_id].set_index("event_id")
        caar = res.caar.set_index("event_id").loc[rows.index]
        np.testing.assert_allclose(rows["caar"], caar["caar"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(rows["ci_lower"], caar["ci_lower"], rtol=0, atol=1e-12)
        wt = res.tests[res.tests["tau"].isna()].set_index(["event_id", "test"])
        for test in ROBUST_TESTS:
            expect = wt.xs(test, level="test").loc[rows.index, "pvalue"]
            np.testing.assert_allclose(rows[f"{test}_p"], expect, rtol=0, atol=1e-12)
