"""Groups: stocks-only pools, per-group rows and the long-short group-difference tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import reequity as rq
from reequity.errors import ConfigurationError
from reequity.study.statistics.groups import long_short_cda, long_short_rank

from .synthetic import synthetic_event, synthetic_returns

# tiny hand example: 4 estimation taus, then windows [tau 4] and [tau 4, tau 5]
EST = np.array([True] * 4 + [False] * 2)
WIN = np.array([[False] * 4 + [True, False], [False] * 4 + [True, True]])
AR_A = np.array(
    [
        [0.01, -0.02, 0.03, 0.00, 0.05, 0.01],
        [0.03, 0.00, -0.01, 0.02, 0.03, 0.03],
    ]
)  # AAR_A = 0.02, -0.01, 0.01, 0.01, 0.04, 0.02
AR_B = np.array([[0.00, 0.01, 0.02, -0.01, 0.01, -0.02]])
# D = AAR_A - AAR_B = 0.02, -0.02, -0.01, 0.02 | 0.03, 0.04


def test_long_short_cda_by_hand() -> None:
    r = long_short_cda(AR_A, AR_B, EST, WIN)
    # estimation D: mean 0.0025, squared deviations sum 0.001275, / 3 = 0.000425
    sd = np.sqrt(0.000425)
    np.testing.assert_allclose(r.difference, [0.03, 0.07], atol=1e-15)
    np.testing.assert_allclose(r.caar_a, [0.04, 0.06], atol=1e-15)
    np.testing.assert_allclose(r.caar_b, [0.01, -0.01], atol=1e-15)
    np.testing.assert_allclose(r.statistic, [0.03 / sd, 0.07 / (np.sqrt(2) * sd)], rtol=1e-12)
    np.testing.assert_allclose(r.statistic, [1.4552137, 2.4009801], rtol=1e-6)
    np.testing.assert_allclose(r.pvalue, 2 * stats.t.sf(r.statistic, df=3), rtol=1e-12)


def test_long_short_rank_by_hand() -> None:
    r = long_short_rank(AR_A, AR_B, EST, WIN)
    # window 1: D = 0.03 ranks 5th of 5; z = (5 - 3) / sqrt(1 * 4 * 6 / 12)
    # window 2: 0.03, 0.04 rank 5th, 6th of 6; z = (11 - 7) / sqrt(2 * 4 * 7 / 12)
    np.testing.assert_allclose(r.statistic, [2 / np.sqrt(2), 4 / np.sqrt(56 / 12)], rtol=1e-12)
    # exact two-sided p: the top rank of 5 (2/5); the top two of 6 (2 / C(6, 2))
    np.testing.assert_allclose(r.pvalue, [2 / 5, 2 / 15], rtol=1e-12)


def test_long_short_skips_missing_ars() -> None:
    ar_a = AR_A.copy()
    ar_a[1, 5] = np.nan  # AAR_A on tau 5 is firm 1's 0.01 alone: D = 0.03
    r = long_short_cda(ar_a, AR_B, EST, WIN)
    assert r.difference[1] == pytest.approx(0.06)
    assert r.statistic[1] == pytest.approx(0.06 / (np.sqrt(2) * np.sqrt(0.000425)))


def test_long_short_ignores_a_common_shock() -> None:
    """A shock shared by every firm (a common event date) leaves the difference test as is."""
    rng = np.random.default_rng(3)
    est, win = np.r_[np.ones(40, bool), np.zeros(3, bool)], np.zeros((1, 43), bool)
    win[0, 40:] = True
    a, b = rng.normal(0, 0.01, (3, 43)), rng.normal(0, 0.01, (4, 43))
    common = rng.normal(0, 0.02, 43)
    common[40:] += 0.08  # the market-wide news of the event days
    for test in (long_short_cda, long_short_rank):
        base, shocked = test(a, b, est, win), test(a + common, b + common, est, win)
        np.testing.assert_allclose(shocked.statistic, base.statistic, rtol=1e-9)
        np.testing.assert_allclose(shocked.pvalue, base.pvalue, rtol=1e-9)


def test_no_estimation_variance_gives_nan_with_note() -> None:
    r = long_short_cda(AR_B, AR_B, EST, WIN)
    assert np.isnan(r.statistic).all() and "no estimation variance" in r.note


@pytest.fixture(scope="module")
def grouped() -> tuple[pd.DataFrame, dict, dict]:
    rets = synthetic_returns(5, 80, seed=11)
    firms = [c for c in rets.columns if c != "MKT"]
    groups = dict(zip(firms, ["CN", "CN", "ex-CN", "ex-CN", "CN"], strict=True))
    kinds = {firms[4]: "etf"}
    return rets, groups, kinds


KW = {"benchmark": "MKT", "estimation": (-40, -6), "windows": [(0, 0), (-1, 1)]}


def test_pool_holds_stocks_only(grouped) -> None:
    rets, groups, kinds = grouped
    res = rq.event_study(rets, synthetic_event(rets), groups=groups, kinds=kinds, **KW)
    etf = next(iter(kinds))
    stocks_only = rq.event_study(rets.drop(columns=etf), synthetic_event(rets), **KW)
    pd.testing.assert_frame_equal(res.caar, stocks_only.caar)
    pd.testing.assert_frame_equal(res.tests, stocks_only.tests)
    assert res.caar["n_firms"].max() == 4
    car = res.car.set_index("ticker")
    assert car.loc[etf, "kind"].eq("etf").all() and not car.loc[etf, "pooled"].any()
    assert res.settings["n_pooled"] == 4 and res.settings["pool"] == "stocks"


def test_group_rows_equal_a_study_of_the_group(grouped) -> None:
    rets, groups, kinds = grouped
    res = rq.event_study(rets, synthetic_event(rets), groups=groups, kinds=kinds, **KW)
    assert list(dict.fromkeys(res.group_caar["group"])) == ["CN", "ex-CN", "etf:CN"]
    cn = [t for t, g in groups.items() if g == "CN" and t not in kinds]
    alone = rq.event_study(rets[[*cn, "MKT"]], synthetic_event(rets), **KW)
    rows = res.group_caar[res.group_caar["group"] == "CN"].drop(columns="group")
    pd.testing.assert_frame_equal(rows.reset_index(drop=True), alone.caar)
    t = res.group_tests[res.group_tests["group"] == "CN"].drop(columns="group")
    pd.testing.assert_frame_equal(t.reset_index(drop=True), alone.tests)


def test_group_difference_rows(grouped) -> None:
    rets, groups, kinds = grouped
    res = rq.event_study(rets, synthetic_event(rets), groups=groups, kinds=kinds, **KW)
    diff = res.group_difference
    assert set(diff["test"]) == {"long_short_cda", "long_short_rank"}
    assert set(zip(diff["group_a"], diff["group_b"], strict=True)) == {("ex-CN", "CN")}
    caar = res.group_caar.set_index(["group", "window"])["caar"]
    for row in diff.itertuples(index=False):  # no missing AR: window sums = mean CARs
        assert row.caar_a == pytest.approx(caar[("ex-CN", row.window)], abs=1e-15)
        assert row.difference == pytest.approx(row.caar_a - row.caar_b, abs=1e-15)
    assert diff["pvalue"].between(0, 1).all()


def test_unknown_kind_is_a_clear_error(grouped) -> None:
    rets, groups, _ = grouped
    with pytest.raises(ConfigurationError, match="kinds \\['fund'\\]"):
        rq.event_study(rets, synthetic_event(rets), kinds={"F0": "fund"}, **KW)


def test_no_groups_no_group_frames(grouped) -> None:
    rets, _, _ = grouped
    res = rq.event_study(rets, synthetic_event(rets), **KW)
    assert res.group_caar.empty and res.group_difference.empty
    assert res.car["pooled"].all() and res.car["kind"].eq("stock").all()


def test_summary_names_tests_and_says_a_duplicate_once(grouped) -> None:
    rets, groups, kinds = grouped
    res = rq.event_study(rets, synthetic_event(rets), groups=groups, kinds=kinds, **KW)
    text = res.summary()
    # one event date: the portfolio test is the CDA, so it is shown as "= CDA"
    t = res.window_tests("ALL")
    assert np.allclose(t["portfolio"], t["cda"])
    assert "= CDA" in text and "Brown and Warner (1985)" in text and "Kolari and Pynnonen" in text
    assert "of 4" not in text and "significant" not in text
    assert "long-short CDA" in text and "ex-CN - CN" in text
    pooled = [ln for ln in text.splitlines() if ln.startswith("ALL 0:0: CAAR")]
    assert len(pooled) == 1 and "CDA" in pooled[0] and "p=" in pooled[0]
    assert "CDA (= portfolio) " in pooled[0] and pooled[0].count("portfolio") == 1  # said once


def test_long_short_cda_keeps_its_size_under_a_common_date() -> None:
    """Synthetic Monte Carlo: the groups load differently on a factor shared on the event
    day (a common date), so the firms' ARs are cross-correlated. Welch's two-sample t
    treats the firms as independent and over-rejects; the long-short CDA does not."""
    rng = np.random.default_rng(2024)
    m, n_a, n_b, reps = 100, 6, 8, 200
    est, win = np.r_[np.ones(m, bool), False], np.r_[np.zeros(m, bool), True][None, :]
    reject_ls = reject_rank = reject_welch = 0
    for _ in range(reps):
        factor = rng.normal(0, 0.02, m + 1)  # common to every firm on each day
        a = 1.5 * factor + rng.normal(0, 0.01, (n_a, m + 1))
        b = 0.5 * factor + rng.normal(0, 0.01, (n_b, m + 1))
        reject_ls += long_short_cda(a, b, est, win).pvalue[0] < 0.05
        reject_rank += long_short_rank(a, b, est, win).pvalue[0] < 0.05
        reject_welch += stats.ttest_ind(a[:, -1], b[:, -1], equal_var=False).pvalue < 0.05
    assert 0.02 <= reject_ls / reps <= 0.08 and 0.02 <= reject_rank / reps <= 0.08
    assert reject_welch / reps > 0.3


def test_user_groups_replace_the_universe_groups() -> None:
    from reequity.workflows import catalogue_event_study

    mine = {"600111": "miners", "LYC.AX": "miners", "300748": "magnets"}
    res = catalogue_event_study(
        event_ids=["cn_export_controls_2025_10_09"],
        tickers=list(mine),
        windows=[(0, 0)],
        tests=["cda"],
        groups=mine,
    )
    assert set(res.group_caar["group"]) == {"miners", "magnets"}
    assert set(res.group_difference["group_a"]) == {"magnets"}


def _two_events(rets: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"event_id": ["first", "second"], "date": rets.index[[45, 60]]})


@pytest.mark.parametrize("with_etf", [False, True], ids=["stocks-only", "with-etf"])
def test_every_group_equals_a_study_of_its_firms(grouped, with_etf: bool) -> None:
    """When every firm-event is a stock the pool is the whole sample; the group runs must
    not see arrays the pooled run has already used (GRANK sorts the estimation SARs in
    the AR array's memory), with or without an ETF in the universe."""
    rets, groups, kinds = grouped
    etf = next(iter(kinds))
    data = rets if with_etf else rets.drop(columns=etf)
    events = _two_events(rets)
    res = rq.event_study(data, events, groups=groups, kinds=kinds if with_etf else None, **KW)
    for label in ("CN", "ex-CN"):
        firms = [t for t, g in groups.items() if g == label and t != etf]
        alone = rq.event_study(rets[[*firms, "MKT"]], events, **KW)
        for got, want in ((res.group_caar, alone.caar), (res.group_tests, alone.tests)):
            rows = got[got["group"] == label].drop(columns="group").reset_index(drop=True)
            pd.testing.assert_frame_equal(rows, want, check_exact=False, rtol=0, atol=1e-12)


def test_group_difference_does_not_depend_on_an_etf(grouped) -> None:
    """The ETF is in no stock group: the long-short rows are the same without it (the
    run with it pools a copy of the stocks' arrays, the run without it does not)."""
    rets, groups, kinds = grouped
    events = _two_events(rets)
    with_etf = rq.event_study(rets, events, groups=groups, kinds=kinds, **KW)
    stocks = rq.event_study(rets.drop(columns=next(iter(kinds))), events, groups=groups, **KW)
    pd.testing.assert_frame_equal(
        stocks.group_difference, with_etf.group_difference, check_exact=False, rtol=0, atol=1e-12
    )
