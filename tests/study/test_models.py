"""Expected-return models against statsmodels and hand formulas (synthetic panel)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import reequity as rq
from tests.study.synthetic import synthetic_event, synthetic_returns

EST = (-30, -6)
ROW = 45
EST_ROWS = slice(ROW + EST[0], ROW + EST[1] + 1)


@pytest.fixture(scope="module")
def rets() -> pd.DataFrame:
    return synthetic_returns(3, 60, seed=4)


def run(rets: pd.DataFrame, model: str, **kw: object) -> rq.EventStudyResults:
    return rq.event_study(
        rets, synthetic_event(rets), benchmark="MKT", model=model, estimation=EST,
        windows=[(0, 1)], tests=["t_cs"], **kw,
    )  # fmt: skip


def test_constant_mean(rets: pd.DataFrame) -> None:
    res = run(rets, "constant_mean")
    for f in ["F0", "F1", "F2"]:
        est = rets[f].iloc[EST_ROWS]
        ar0 = res.ar.query("ticker == @f and tau == 0")["ar"].iloc[0]
        assert ar0 == pytest.approx(rets[f].iloc[ROW] - est.mean(), rel=1e-10)
        sigma = res.params.set_index("ticker").at[f, "sigma"]
        assert sigma == pytest.approx(est.std(ddof=1), rel=1e-10)
        sar0 = res.ar.query("ticker == @f and tau == 0")["sar"].iloc[0]
        assert sar0 == pytest.approx(ar0 / (sigma * np.sqrt(1 + 1 / 25)), rel=1e-10)


def test_market_adjusted(rets: pd.DataFrame) -> None:
    res = run(rets, "market_adjusted")
    ar = res.ar.query("ticker == 'F1'").set_index("tau")["ar"]
    assert ar[1] == pytest.approx(rets["F1"].iloc[ROW + 1] - rets["MKT"].iloc[ROW + 1])
    car = res.car.query("ticker == 'F1'")
    sigma = (rets["F1"] - rets["MKT"]).iloc[EST_ROWS].std(ddof=1)
    assert car["scar"].iloc[0] == pytest.approx(car["car"].iloc[0] / (sigma * np.sqrt(2)))


def test_dimson_matches_statsmodels(rets: pd.DataFrame) -> None:
    res = run(rets, "dimson", dimson_lags=1)
    m = rets["MKT"]
    x = pd.concat({"lag": m.shift(1), "m": m, "lead": m.shift(-1)}, axis=1)
    for f in ["F0", "F2"]:
        ols = sm.OLS(rets[f].iloc[EST_ROWS], sm.add_constant(x.iloc[EST_ROWS])).fit()
        p = res.params.set_index("ticker").loc[f]
        assert p["alpha"] == pytest.approx(ols.params["const"], rel=1e-8)
        assert p["beta_-1"] == pytest.approx(ols.params["lag"], rel=1e-8)
        assert p["beta_+1"] == pytest.approx(ols.params["lead"], rel=1e-8)
        assert p["beta"] == pytest.approx(ols.params[["lag", "m", "lead"]].sum(), rel=1e-8)
        assert p["sigma"] == pytest.approx(np.sqrt(ols.scale), rel=1e-8)
        pred = ols.get_prediction(sm.add_constant(x).iloc[[ROW]])
        ar0 = res.ar.query("ticker == @f and tau == 0")
        assert ar0["expected"].iloc[0] == pytest.approx(pred.predicted_mean[0], rel=1e-8)
        # SAR uses statsmodels' standard error of the forecast (obs_ci) variance
        se_obs = np.sqrt(pred.var_pred_mean[0] + ols.scale)
        assert ar0["sar"].iloc[0] == pytest.approx(ar0["ar"].iloc[0] / se_obs, rel=1e-8)


def test_factor_model_matches_statsmodels(rets: pd.DataFrame) -> None:
    rng = np.random.default_rng(9)
    factors = pd.DataFrame(
        {"mkt": rets["MKT"], "smb": rng.normal(0, 0.005, len(rets))}, index=rets.index
    )
    res = run(rets, "factor", factors=factors)
    ols = sm.OLS(rets["F1"].iloc[EST_ROWS], sm.add_constant(factors.iloc[EST_ROWS])).fit()
    p = res.params.set_index("ticker").loc["F1"]
    np.testing.assert_allclose(
        p[["alpha", "beta_0", "beta_1"]].astype(float), ols.params, rtol=1e-8
    )


def test_scholes_williams_by_hand(rets: pd.DataFrame) -> None:
    res = run(rets, "scholes_williams")
    y, m = rets["F2"].to_numpy(), rets["MKT"].to_numpy()
    rows = np.arange(ROW + EST[0], ROW + EST[1] + 1)

    def slope(a: np.ndarray, b: np.ndarray) -> float:
        return np.cov(a, b, ddof=1)[0, 1] / np.var(b, ddof=1)

    b_lag, b0, b_lead = (slope(y[rows], m[rows + j]) for j in (-1, 0, 1))
    rho = np.corrcoef(m[rows], m[rows - 1])[0, 1]
    beta = (b_lag + b0 + b_lead) / (1 + 2 * rho)
    p = res.params.set_index("ticker").loc["F2"]
    assert p["beta"] == pytest.approx(beta, rel=1e-10)
    assert p["alpha"] == pytest.approx(y[rows].mean() - beta * m[rows].mean(), rel=1e-10)


def test_factor_without_frame_is_an_error(rets: pd.DataFrame) -> None:
    with pytest.raises(rq.ConfigurationError, match="factors"):
        run(rets, "factor")
