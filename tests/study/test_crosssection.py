"""Cross-sectional regression of CARs: HC1 and one-way cluster standard errors by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import reequity as rq
from reequity.errors import ConfigurationError, InsufficientDataError
from reequity.study.crosssection import cross_section

from .synthetic import synthetic_returns

# tiny synthetic input: 7 firm-events of 3 events, a group dummy and a size column
CAR = pd.DataFrame(
    {
        "event_id": ["e1", "e1", "e1", "e2", "e2", "e3", "e3"],
        "ticker": ["A", "B", "C", "A", "B", "B", "C"],
        "window": "-1:1",
        "car": [0.05, -0.01, 0.02, 0.04, 0.00, 0.03, -0.02],
        "group": ["ex-CN", "CN", "CN", "ex-CN", "CN", "CN", "CN"],
    }
)
CHARS = pd.DataFrame({"ticker": ["A", "B", "C"], "size": [1.0, 3.0, 2.5]})


def _design() -> tuple[np.ndarray, np.ndarray]:
    size = CAR["ticker"].map(CHARS.set_index("ticker")["size"]).to_numpy()
    x = np.column_stack([np.ones(7), (CAR["group"] == "ex-CN").astype(float), size])
    return x, CAR["car"].to_numpy()


def _ols(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xtx_inv = np.linalg.inv(x.T @ x)
    b = xtx_inv @ x.T @ y
    return b, y - x @ b, xtx_inv


def test_hc1_standard_errors_by_hand() -> None:
    x, y = _design()
    b, e, xtx_inv = _ols(x, y)
    n, k = x.shape
    meat = (x * e[:, None] ** 2).T @ x  # sum_i e_i^2 x_i x_i'
    se = np.sqrt(np.diag(xtx_inv @ meat @ xtx_inv) * n / (n - k))
    cs = cross_section(CAR, ["group", "size"], characteristics=CHARS, cov="HC1")
    t = cs.table.set_index("term")
    np.testing.assert_allclose(t["estimate"], b, rtol=1e-10)
    np.testing.assert_allclose(t["std_error"], se, rtol=1e-10)
    np.testing.assert_allclose(t["pvalue"], 2 * stats.t.sf(np.abs(b / se), n - k), rtol=1e-8)
    assert list(t.index) == ["Intercept", "group[T.ex-CN]", "size"]
    assert cs.fit.at[0, "n_obs"] == 7 and cs.fit.at[0, "df"] == 4


def test_cluster_standard_errors_by_hand() -> None:
    x, y = _design()
    b, e, xtx_inv = _ols(x, y)
    n, k = x.shape
    ids = CAR["event_id"].to_numpy()
    meat = sum(
        np.outer(x[ids == g].T @ e[ids == g], x[ids == g].T @ e[ids == g])
        for g in ["e1", "e2", "e3"]
    )
    g = 3
    factor = g / (g - 1) * (n - 1) / (n - k)
    se = np.sqrt(np.diag(xtx_inv @ meat @ xtx_inv) * factor)
    cs = cross_section(CAR, "car ~ group + size", characteristics=CHARS, cov="cluster")
    t = cs.table.set_index("term")
    np.testing.assert_allclose(t["std_error"], se, rtol=1e-10)
    # with G clusters the t reference has G - 1 degrees of freedom
    np.testing.assert_allclose(t["pvalue"], 2 * stats.t.sf(np.abs(b / se), g - 1), rtol=1e-8)
    assert cs.fit.at[0, "n_clusters"] == 3 and cs.fit.at[0, "df"] == 2
    assert "cluster standard errors" in cs.summary() and "group[T.ex-CN]" in cs.summary()


def test_per_event_characteristics_and_missing_rows() -> None:
    chars = CHARS.assign(event_id="e1")
    cs = cross_section(CAR, ["size"], characteristics=chars)  # only e1 rows have a size
    assert cs.fit.at[0, "n_obs"] == 3


def test_bad_inputs_are_one_line_errors() -> None:
    with pytest.raises(ConfigurationError, match="leverage"):
        cross_section(CAR, ["leverage"])
    with pytest.raises(ConfigurationError, match="window"):
        cross_section(CAR, ["group"], window="0:5")
    with pytest.raises(ConfigurationError, match="at least 2 events"):
        cross_section(CAR[CAR["event_id"] == "e1"], ["group"], cov="cluster")
    with pytest.raises(InsufficientDataError, match="observation"):
        cross_section(CAR.head(2), ["group", "size"], characteristics=CHARS)
    with pytest.raises(ConfigurationError, match="ticker"):
        cross_section(CAR, ["size"], characteristics=CHARS.set_index("size"))


def test_results_method_uses_the_pool() -> None:
    rets = synthetic_returns(6, 90, seed=5)
    firms = [c for c in rets.columns if c != "MKT"]
    events = pd.DataFrame({"event_id": ["x", "y"], "date": rets.index[[60, 75]]})
    res = rq.event_study(
        rets,
        events,
        benchmark="MKT",
        estimation=(-50, -6),
        windows=[(0, 0), (-1, 1)],
        groups={f: "CN" if i < 3 else "ex-CN" for i, f in enumerate(firms)},
        kinds={firms[-1]: "etf"},
    )
    cs = res.cross_section("group", window="-1:1", cov="cluster")
    assert cs.fit.at[0, "n_obs"] == 2 * 5  # two events x five stocks (the ETF is not pooled)
    pooled = res.car[(res.car["window"] == "-1:1") & res.car["pooled"]]
    slope = pooled.groupby("group")["car"].mean()
    row = cs.table.set_index("term").loc["group[T.ex-CN]"]
    assert row["estimate"] == pytest.approx(slope["ex-CN"] - slope["CN"], abs=1e-12)
