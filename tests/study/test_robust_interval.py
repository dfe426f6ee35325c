"""The dependence-robust interval of the CAAR (the CDA's), against a hand computation.

Brown and Warner (1985): the window sum of AARs has standard error sqrt(L) S(AAR), S the
standard deviation (divisor M - 1) of the daily AAR over the M estimation days; the 95%
interval is CAAR +- t(M - 1, 0.975) sqrt(L) S(AAR). Synthetic panels only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import reequity as rq
from tests.study.synthetic import synthetic_event, synthetic_returns

KW = {"benchmark": "MKT", "estimation": (-30, -6), "windows": [(0, 0), (-1, 1)]}


def _hand_interval(rets: pd.DataFrame, row: int, window: tuple[int, int]) -> tuple[float, float]:
    """OLS market model per firm over taus -30..-6, AAR series, Brown-Warner interval."""
    firms = [c for c in rets.columns if c != "MKT"]
    est = np.arange(row - 30, row - 5)
    taus = np.arange(row + window[0], row + window[1] + 1)
    ar_est, ar_win = [], []
    for f in firms:
        y, x = rets[f].to_numpy(), rets["MKT"].to_numpy()
        slope, intercept = np.polyfit(x[est], y[est], 1)
        ar_est.append(y[est] - intercept - slope * x[est])
        ar_win.append(y[taus] - intercept - slope * x[taus])
    aar_est, aar_win = np.mean(ar_est, axis=0), np.mean(ar_win, axis=0)
    se = np.sqrt(len(taus)) * np.std(aar_est, ddof=1)
    q = stats.t.ppf(0.975, len(est) - 1)
    caar = aar_win.sum()
    return caar - q * se, caar + q * se


@pytest.mark.parametrize("window", [(0, 0), (-1, 1)])
def test_robust_interval_equals_the_hand_computed_cda_interval(window: tuple[int, int]) -> None:
    rets = synthetic_returns(5, 60, seed=3)
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    label = f"{window[0]}:{window[1]}"
    row = res.caar[(res.caar["event_id"] == "synthetic") & (res.caar["window"] == label)].iloc[0]
    lo, hi = _hand_interval(rets, 45, window)
    assert row["robust_ci_lower"] == pytest.approx(lo, rel=1e-9, abs=1e-12)
    assert row["robust_ci_upper"] == pytest.approx(hi, rel=1e-9, abs=1e-12)
    # the cross-sectional interval is another one (it ignores the common event date)
    assert row["ci_lower"] != pytest.approx(lo, rel=1e-6)


def test_robust_interval_excludes_zero_exactly_when_the_cda_rejects() -> None:
    rows = []
    for seed in range(12):
        rets = synthetic_returns(6, 80, seed=seed, shock=0.004 * (seed % 4))
        res = rq.event_study(rets, synthetic_event(rets, row=60), **KW)
        cda = res.tests[(res.tests["test"] == "cda") & res.tests["tau"].isna()]
        both = res.caar.merge(cda[["event_id", "window", "pvalue"]], on=["event_id", "window"])
        rows.append(both)
    table = pd.concat(rows)
    excludes = (table["robust_ci_lower"] > 0) | (table["robust_ci_upper"] < 0)
    assert excludes.any() and not excludes.all()  # both outcomes occur: the check can fail
    assert (excludes == (table["pvalue"] < 0.05)).all()


def test_no_cda_no_robust_interval_and_groups_and_pools_have_one() -> None:
    rets = synthetic_returns(4, 60, seed=2)
    res = rq.event_study(rets, synthetic_event(rets), **KW, tests=["t_cs", "grank"])
    assert res.caar["robust_ci_lower"].isna().all() and res.caar["ci_lower"].notna().all()
    rets = synthetic_returns(6, 120, seed=4)
    events = pd.DataFrame(
        {"event_id": ["a", "b"], "date": rets.index[[50, 90]], "kind": ["x", "y"]}
    )
    res = rq.event_study(
        rets, events, **KW, groups={f"F{i}": "G1" if i < 3 else "G2" for i in range(6)},
        pool_by="kind",
    )  # fmt: skip
    assert not res.group_caar.empty and not res.pools.empty
    for frame in (res.caar, res.group_caar, res.pools):
        assert frame["robust_ci_lower"].notna().all(), frame
        assert (frame["robust_ci_lower"] <= frame["caar"]).all()
        assert (frame["caar"] <= frame["robust_ci_upper"]).all()
