"""Specification curve: grid expansion, equality with direct fits, shares, figure (synthetic)."""

from __future__ import annotations

import dataclasses

import matplotlib
import numpy as np
import pandas as pd
import pytest

from reequity.errors import ConfigurationError
from reequity.study.engine import EventStudy, event_study
from reequity.study.robustness import (
    CHOICES,
    ChoiceContext,
    default_grid,
    expand_grid,
    specification_curve,
)
from reequity.study.statistics import ROBUST_TESTS
from tests.study.synthetic import synthetic_returns

matplotlib.use("Agg")

SMALL_GRID = pd.DataFrame(
    {
        "choice": ["model", "model", "estimation", "estimation", "window", "window"],
        "value": ["market", "constant_mean", "-150:-11", "-100:-21", "-1:1", "0:3"],
        "baseline": [True, False, True, False, True, False],
    }
)


@pytest.fixture(scope="module")
def study() -> EventStudy:
    """Synthetic: 5 firms, 2 event dates, own market column."""
    returns = synthetic_returns(n_firms=5, n_days=400, seed=7)
    events = pd.DataFrame(
        {"event_id": ["SYN-A", "SYN-B"], "date": [returns.index[200], returns.index[330]]}
    )
    return EventStudy(returns, events, "MKT", estimation=(-150, -11), windows=[(-1, 1)])


@pytest.fixture(scope="module")
def curve(study: EventStudy):
    return specification_curve(study, SMALL_GRID)


def test_default_grid_is_data_with_one_baseline_per_choice() -> None:
    grid = default_grid()
    assert list(grid.columns) == ["choice", "value", "baseline", "note"]
    assert grid.groupby("choice")["baseline"].sum().eq(1).all()
    specs = expand_grid(grid)
    counts = grid.groupby("choice", sort=False).size()
    assert len(specs) == int(np.prod(counts))  # full factorial
    assert list(specs.columns) == ["spec_id", *counts.index]
    assert set(specs["model"]) == {
        "market",
        "market_adjusted",
        "scholes_williams",
        "dimson",
        "constant_mean",
    }


def test_grid_rows_and_choices(curve) -> None:
    assert len(curve.specs) == 8 and curve.choices == ["model", "estimation", "window"]
    # one row per specification x (2 events + ALL)
    assert len(curve.table) == 8 * 3
    assert curve.table.groupby("spec_id").size().eq(3).all()
    assert curve.baseline == {"model": "market", "estimation": "-150:-11", "window": "-1:1"}


def test_each_row_equals_a_direct_event_study(study: EventStudy, curve) -> None:
    for spec in curve.specs.itertuples(index=False):
        direct = event_study(
            study.returns,
            study.events,
            benchmark="MKT",
            model=spec.model,
            estimation=tuple(int(x) for x in spec.estimation.split(":")),
            windows=[tuple(int(x) for x in spec.window.split(":"))],
            tests=list(ROBUST_TESTS),
        )
        rows = curve.table[curve.table["spec_id"] == spec.spec_id].set_index("event_id")
        caar = direct.caar.set_index("event_id")
        np.testing.assert_allclose(rows["caar"], caar.loc[rows.index, "caar"], rtol=0, atol=1e-12)
        np.testing.assert_allclose(
            rows["ci_lower"], caar.loc[rows.index, "ci_lower"], rtol=0, atol=1e-12
        )
        wt = direct.tests[direct.tests["tau"].isna()].set_index(["event_id", "test"])
        for test in ROBUST_TESTS:
            for event_id, row in rows.iterrows():
                expect = wt.loc[(event_id, test)]
                assert row[f"{test}_stat"] == pytest.approx(expect["statistic"], abs=1e-12)
                assert row[f"{test}_p"] == pytest.approx(expect["pvalue"], abs=1e-12)


def test_robust_p_is_the_largest_robust_p_value(curve) -> None:
    t = curve.table
    expect = t[[f"{x}_p" for x in ROBUST_TESTS]].max(axis=1)
    np.testing.assert_array_equal(t["robust_p"], expect)
    # the engine's CDA interval: on these complete panels CAAR / t_CDA is its standard
    # error, times a Student-t quantile (df M - 1, M = 80 or 140 estimation days here)
    ratio = (t["robust_ci_upper"] - t["caar"]) / np.abs(t["caar"] / t["cda_stat"])
    assert ratio.between(1.9771, 1.9905).all(), ratio.describe()
    np.testing.assert_allclose(t["caar"] - t["robust_ci_lower"], t["robust_ci_upper"] - t["caar"])
    excludes = (t["robust_ci_lower"] > 0) | (t["robust_ci_upper"] < 0)
    assert (excludes == (t["cda_p"] < 0.05)).all()


def test_shares_are_computed_from_the_frame(curve) -> None:
    shares = curve.shares().set_index("event_id")
    for event_id, part in curve.table.groupby("event_id"):
        row = shares.loc[event_id]
        assert row["n_specs"] == 8
        assert row["share_positive"] == pytest.approx((part["caar"] > 0).mean())
        assert row["share_significant"] == pytest.approx((part["robust_p"] < 0.05).mean())
        assert row["median_caar"] == pytest.approx(part["caar"].median())
        base = part[(part["model"] == "market") & (part["estimation"] == "-150:-11")]
        assert row["baseline_caar"] == pytest.approx(base[base["window"] == "-1:1"]["caar"].iloc[0])
    line = next(x for x in curve.summary().splitlines() if x.startswith("ALL:"))
    assert f"of {int(shares.loc['ALL', 'n_estimated'])} specifications" in line
    assert f"{shares.loc['ALL', 'share_positive']:.0%}" in line


def test_figure_has_one_point_per_specification(curve) -> None:
    import matplotlib.pyplot as plt

    top, bottom = curve.plot(event_id="SYN-A")
    offsets = top.collections[-2].get_offsets()  # the scatter of estimates (baseline last)
    assert len(offsets) == 8
    assert np.all(np.diff(np.asarray(offsets)[:, 1]) >= 0)  # sorted by CAAR
    assert len(bottom.get_yticklabels()) == 6  # one indicator row per choice value
    plt.close("all")


def test_failed_specification_is_counted_with_a_note(study: EventStudy) -> None:
    grid = pd.concat(
        [SMALL_GRID, pd.DataFrame({"choice": ["estimation"], "value": ["-5000:-11"]})],
        ignore_index=True,
    )
    curve = specification_curve(study, grid)
    failed = curve.table[curve.table["estimation"] == "-5000:-11"]
    assert failed["caar"].isna().all() and failed["note"].str.len().gt(0).all()
    assert (
        curve.shares().set_index("event_id").loc["ALL", "n_specs"]
        > curve.shares().set_index("event_id").loc["ALL", "n_estimated"]
    )


def test_drop_confounded_removes_only_flagged_firm_events(study: EventStudy) -> None:
    pairs = pd.DataFrame(
        [(e, f"F{i}") for e in ("SYN-A", "SYN-B") for i in range(5)], columns=["event_id", "ticker"]
    )
    ctx = ChoiceContext(benchmarks={}, confounded=frozenset({("SYN-A", "F2")}), pairs=pairs)
    reduced = CHOICES["firms"](study, "drop_confounded", ctx)
    assert len(reduced.events) == 9 and ("SYN-A", "F2") not in set(
        zip(reduced.events["event_id"], reduced.events["ticker"], strict=True)
    )
    assert CHOICES["firms"](study, "all", ctx) is study
    with pytest.raises(ConfigurationError, match="firms choice"):
        CHOICES["firms"](study, "some", ctx)


def test_named_benchmarks_and_bad_grids(study: EventStudy) -> None:
    returns = study.returns.assign(MKT2=study.returns["MKT"] * 0.9)
    alt = dataclasses.replace(study, returns=returns)
    grid = pd.concat(
        [SMALL_GRID, pd.DataFrame({"choice": ["benchmark"] * 2, "value": ["own", "alt"]})],
        ignore_index=True,
    )
    curve = specification_curve(alt, grid, benchmarks={"alt": "MKT2"})
    assert set(curve.table["benchmark"]) == {"own", "alt"} and len(curve.specs) == 16
    with pytest.raises(ConfigurationError, match="alt"):
        specification_curve(alt, grid)
    with pytest.raises(ConfigurationError, match="unknown choice"):
        specification_curve(study, pd.DataFrame({"choice": ["colour"], "value": ["red"]}))
    with pytest.raises(ConfigurationError, match="window"):
        specification_curve(study, SMALL_GRID[SMALL_GRID["choice"] != "window"])


def test_placebo_test_is_a_valid_p_value_and_reproducible(curve) -> None:
    small = specification_curve(curve._study, SMALL_GRID.iloc[[0, 2, 4]])
    first = small.placebo_test(n=4, seed=3)
    again = small.placebo_test(n=4, seed=3)
    pd.testing.assert_frame_equal(first, again)
    assert first["n_draws"].eq(4).all()
    assert first[["p_median", "p_share"]].apply(lambda s: s.between(1 / 5, 1)).all().all()


def test_docstring_examples() -> None:
    import doctest

    import reequity.study.robustness as module

    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


def test_clean_and_pool_choices_change_the_study(study: EventStudy) -> None:
    pairs = pd.DataFrame(columns=["event_id", "ticker"])
    ctx = ChoiceContext(benchmarks={}, confounded=frozenset(), pairs=pairs)
    assert CHOICES["clean"](study, "off", ctx).clean_estimation is False
    assert CHOICES["clean"](study, "on", ctx).clean_estimation is True
    with_etf = dataclasses.replace(study, kinds={"F4": "etf"})
    assert CHOICES["pool"](with_etf, "all", ctx).kinds is None
    assert CHOICES["pool"](with_etf, "stocks", ctx) is with_etf
    grid = pd.concat(
        [SMALL_GRID, pd.DataFrame({"choice": ["pool", "pool"], "value": ["stocks", "all"]})],
        ignore_index=True,
    )
    curve = specification_curve(with_etf, grid)
    n = curve.table.set_index(["spec_id", "event_id"])["n_firms"]
    stocks = curve.table[(curve.table["pool"] == "stocks") & (curve.table["event_id"] == "ALL")]
    pooled = curve.table[(curve.table["pool"] == "all") & (curve.table["event_id"] == "ALL")]
    assert (stocks["n_firms"].to_numpy() + 2 == pooled["n_firms"].to_numpy()).all()  # F4 twice
    assert len(n) == 16 * 3
    # a study of stocks only: "pool=all" would change nothing and is left out, with a note
    plain = specification_curve(study, grid)
    assert len(plain.specs) == 8 and any("pool=all left out" in x for x in plain.notes)


def test_results_carry_their_spec_and_conf_int(study: EventStudy, curve) -> None:
    res = study.fit()
    assert res.spec is study
    again = res.robustness(SMALL_GRID)
    pd.testing.assert_frame_equal(again.table, curve.table)
    ci = res.conf_int(0.95)  # the dependence-robust (CDA) interval by default
    np.testing.assert_allclose(ci["lower"], res.caar["robust_ci_lower"], rtol=1e-12)
    np.testing.assert_allclose(ci["upper"], res.caar["robust_ci_upper"], rtol=1e-12)
    cs = res.conf_int(0.95, kind="cross_sectional")
    np.testing.assert_allclose(cs["lower"], res.caar["ci_lower"], rtol=1e-12)
    np.testing.assert_allclose(cs["upper"], res.caar["ci_upper"], rtol=1e-12)
    for kind in ("robust", "cross_sectional"):
        wide, narrow = res.conf_int(0.99, kind=kind), res.conf_int(0.90, kind=kind)
        assert ((wide["upper"] - wide["lower"]) > (narrow["upper"] - narrow["lower"])).all()
    with pytest.raises(ConfigurationError, match="level"):
        res.conf_int(95)
    with pytest.raises(ConfigurationError, match="kind"):
        res.conf_int(0.95, kind="naive")
