"""The ARCHITECTURE recipe: a model and a test added through the registries alone show
in ``reequity event-study --help``, are accepted by the CLI and the engine, and run.

Both toys are synthetic and registered only for the duration of a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from typer.testing import CliRunner

import reequity as rq
from reequity.cli.app import app
from reequity.errors import ConfigurationError
from reequity.study import statistics
from reequity.study.models import MODELS, ModelEntry, ModelFit, ModelInput
from reequity.study.statistics import TESTS, Sample, TestEntry

runner = CliRunner()


def toy_zero(x: ModelInput) -> ModelFit:
    """Expected return 0: the abnormal return is the return itself."""
    w = x.est[None, :] & np.isfinite(x.ret)
    n = w.sum(axis=1).astype(float)
    r = np.where(w, x.ret, np.nan)
    sigma = np.nanstd(r, axis=1, ddof=1)
    params = pd.DataFrame({"alpha": np.zeros(len(n))})
    return ModelFit(np.zeros_like(x.ret), sigma, n, 0, params, "none")


def toy_scaled(x: ModelInput) -> ModelFit:
    """Expected return ``scale`` times the market: an option the model registers itself."""
    scale = float(x.options["scale"])
    expected = scale * x.market
    w = x.est[None, :] & np.isfinite(x.ret) & np.isfinite(expected)
    n = w.sum(axis=1).astype(float)
    sigma = np.nanstd(np.where(w, x.ret - expected, np.nan), axis=1, ddof=1)
    params = pd.DataFrame({"alpha": 0.0, "beta": np.full(len(n), scale)})
    return ModelFit(expected, sigma, n, 0, params, "none")


def toy_positive(s: Sample) -> statistics.TestResult:
    """Number of positive ARs (per day) and CARs (per window), exact binomial p vs 1/2."""

    def count(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = (a > 0).sum(axis=0).astype(float)
        n = np.isfinite(a).sum(axis=0)
        p = np.minimum(
            1.0, 2 * np.minimum(stats.binom.cdf(k, n, 0.5), stats.binom.sf(k - 1, n, 0.5))
        )
        return k, p

    daily, daily_p = count(s.ar_span)
    window, window_p = count(s.car)
    return statistics.TestResult(daily, daily_p, window, window_p)


@pytest.fixture
def toys() -> Iterator[None]:
    MODELS.register(
        ModelEntry("toy_zero", toy_zero, paper="nobody (2026)", help="expected return zero",
                   needs_benchmark=False)
    )  # fmt: skip
    TESTS.register(
        TestEntry("toy_positive", toy_positive, paper="nobody (2026)",
                  help="count of positive ARs, binomial p")
    )  # fmt: skip
    try:
        yield
    finally:
        MODELS.unregister("toy_zero")
        TESTS.unregister("toy_positive")


def _flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _inputs(tmp_path: Path) -> tuple[Path, Path, pd.DataFrame]:
    rng = np.random.default_rng(3)
    dates = pd.bdate_range("2021-01-04", periods=120, name="date")
    frame = pd.DataFrame(
        {f"F{i}": rng.normal(0.001 * i, 0.01, len(dates)) for i in range(4)}, index=dates
    )
    frame.iloc[100] += 0.03  # synthetic event day
    frame.to_csv(tmp_path / "returns.csv")
    events = tmp_path / "events.csv"
    pd.DataFrame({"event_id": ["toy_event"], "date": [dates[100]]}).to_csv(events, index=False)
    return tmp_path / "returns.csv", events, frame


def test_toy_model_and_test_show_in_help_and_leave_with_unregister(toys: None) -> None:
    result = runner.invoke(app, ["event-study", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = _flat(result.output)
    assert "toy_zero: expected return zero" in text
    assert "toy_positive" in text
    MODELS.unregister("toy_zero")
    try:
        text = _flat(runner.invoke(app, ["event-study", "--help"], env={"COLUMNS": "200"}).output)
        assert "toy_zero" not in text and "toy_positive" in text
    finally:
        MODELS.register(ModelEntry("toy_zero", toy_zero, paper="-", help="-"))


def test_toy_model_and_test_run_through_the_cli(toys: None, tmp_path: Path) -> None:
    returns, events, frame = _inputs(tmp_path)
    out = tmp_path / "out"
    args = ["event-study", "--returns", str(returns), "--events", str(events),
            "--model", "toy_zero", "--tests", "toy_positive,t_cs", "--window", "0:0",
            "--window", "-2:2", "--estimation", "-60:-5", "--no-figures", "--quiet",
            "--out", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    car = pd.read_csv(out / "car.csv")
    day0 = car[car["window"] == "0:0"].set_index("ticker")["car"]
    # expected return zero: the CAR over day 0 is the day-0 return itself
    np.testing.assert_allclose(day0.sort_index(), frame.iloc[100].sort_index(), rtol=0, atol=1e-15)
    tests = pd.read_csv(out / "tests.csv")
    toy = tests[(tests["test"] == "toy_positive") & tests["tau"].isna()]
    pooled = toy[toy["event_id"] == "ALL"].set_index("window")["statistic"]
    for window, rows in car.groupby("window"):
        assert pooled[window] == (rows["car"] > 0).sum()
    assert set(tests["test"]) == {"toy_positive", "t_cs"}


def test_toy_model_through_the_python_api(toys: None, tmp_path: Path) -> None:
    _, _, frame = _inputs(tmp_path)
    ev = pd.DataFrame({"event_id": ["toy_event"], "date": [frame.index[100]]})
    res = rq.event_study(frame, ev, benchmark=None, model="toy_zero", estimation=(-60, -5),
                         windows=[(0, 0)], tests=["toy_positive"])  # fmt: skip
    assert res.car["car"].to_numpy() == pytest.approx(frame.iloc[100].to_numpy(), abs=1e-15)
    assert set(res.tests["test"]) == {"toy_positive"}


@pytest.fixture
def scaled() -> Iterator[None]:
    MODELS.register(
        ModelEntry("toy_scaled", toy_scaled, paper="nobody (2026)",
                   help="expected return scale x market", options={"scale": 1.0})
    )  # fmt: skip
    try:
        yield
    finally:
        MODELS.unregister("toy_scaled")


def _market_study(**kw: object) -> rq.EventStudyResults:
    rng = np.random.default_rng(5)
    dates = pd.bdate_range("2021-01-04", periods=120, name="date")
    mkt = rng.normal(0, 0.01, len(dates))
    frame = pd.DataFrame(
        {f"F{i}": 0.8 * mkt + rng.normal(0, 0.01, len(dates)) for i in range(3)}, index=dates
    ).assign(MKT=mkt)
    ev = pd.DataFrame({"event_id": ["toy_event"], "date": [dates[100]]})
    return rq.event_study(frame, ev, benchmark="MKT", model="toy_scaled", estimation=(-60, -5),
                          windows=[(0, 0), (-1, 1)], tests=["t_cs"], **kw)  # fmt: skip


def test_toy_model_with_its_own_option(scaled: None) -> None:
    """A model's option lives in its entry alone: ``model_options`` sets it, the
    registered default fills it, and a name the model lacks is refused."""
    half = _market_study(model_options={"scale": 0.5})
    full = _market_study()  # the registered default, scale 1.0
    market = full.spec.returns.loc[full.ar["date"], "MKT"].to_numpy()
    # the spec's own ``scale`` field (the largest |return|) is not the model's option
    np.testing.assert_allclose(full.ar["expected"], market, rtol=0, atol=1e-15)
    np.testing.assert_allclose(half.ar["expected"], 0.5 * market, rtol=0, atol=1e-15)
    np.testing.assert_allclose(half.ar["ar"], half.ar["ret"] - 0.5 * market, atol=1e-15)
    assert half.spec.model_options == {"scale": 0.5}
    assert half.spec._options == {"scale": 0.5} and full.spec._options == {"scale": 1.0}
    with pytest.raises(
        ConfigurationError, match=r"'toy_scaled' has no option.*'lags'.*valid: scale"
    ):
        _market_study(model_options={"lags": 2})
    with pytest.raises(ConfigurationError, match="valid: dimson_lags"):
        MODELS.entry("dimson").check_options({"scale": 0.5})


def test_model_options_set_a_registered_option_that_is_also_a_field() -> None:
    """``dimson_lags`` in ``model_options`` is the same study as the field."""
    rng = np.random.default_rng(6)
    dates = pd.bdate_range("2021-01-04", periods=160, name="date")
    mkt = rng.normal(0, 0.01, len(dates))
    frame = pd.DataFrame(
        {f"F{i}": mkt + rng.normal(0, 0.01, len(dates)) for i in range(3)}, index=dates
    ).assign(MKT=mkt)
    ev = pd.DataFrame({"event_id": ["e"], "date": [dates[140]]})
    kw = {"benchmark": "MKT", "model": "dimson", "estimation": (-100, -5), "windows": [(0, 2)],
          "tests": ["t_cs"]}  # fmt: skip
    by_option = rq.event_study(frame, ev, model_options={"dimson_lags": 2}, **kw)
    by_field = rq.event_study(frame, ev, dimson_lags=2, **kw)
    pd.testing.assert_frame_equal(by_option.car, by_field.car)
    assert not by_option.car.equals(rq.event_study(frame, ev, **kw).car)
    for bad in (0, "2"):
        with pytest.raises(ConfigurationError, match=f"dimson_lags={bad!r}; use 1 or more"):
            rq.event_study(frame, ev, model_options={"dimson_lags": bad}, **kw)


def test_unregistered_names_are_refused_again() -> None:
    assert "toy_zero" not in MODELS and "toy_positive" not in TESTS
    assert "toy_scaled" not in MODELS
    result = runner.invoke(app, ["event-study", "--model", "toy_zero"])
    assert result.exit_code == 2 and "toy_zero" in result.output
    with pytest.raises(ConfigurationError, match="toy_zero"):
        MODELS.entry("toy_zero")


def test_help_lists_the_registries() -> None:
    from reequity.study.conventions import CONVENTIONS

    text = _flat(runner.invoke(app, ["event-study", "--help"], env={"COLUMNS": "200"}).output)
    for name, entry in MODELS.items():
        assert (f"{name}: {' '.join(entry.help.split())}" in text) != entry.needs_factors, name
    assert all(name in text for name in [*TESTS, *CONVENTIONS])
