"""Every test of the battery against values computed by hand (plain loops, scipy).

The reference values here are computed independently of reequity's vectorised code:
per-firm loops, ``np.polyfit`` for OLS, explicit prediction-error matrices (CLM 1997,
eq. 4.4.13-4.4.16), ``scipy.stats`` for ranks, t-tests and Wilcoxon.
Data: a synthetic panel (4 firms, 60 business days), event on row 45, estimation
-30..-6, windows 0..0 and -1..1, textbook convention.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import reequity as rq
from tests.study.synthetic import synthetic_event, synthetic_returns

EST = (-30, -6)
WINDOWS = [(0, 0), (-1, 1)]
SPAN = [-1, 0, 1]
EVENT_ROW = 45


class Hand:
    """Textbook event-study quantities for one event, computed firm by firm."""

    def __init__(self, rets: pd.DataFrame, row: int = EVENT_ROW) -> None:
        firms = [c for c in rets.columns if c != "MKT"]
        m_all = rets["MKT"].to_numpy()
        est_rows = list(range(row + EST[0], row + EST[1] + 1))
        span_rows = [row + t for t in SPAN]
        self.M = len(est_rows)
        self.ar_est, self.ar_span, self.sar, self.sigma, self.c = [], [], [], [], []
        self.car, self.scar = [], []
        for f in firms:
            y = rets[f].to_numpy()
            x = m_all[est_rows]
            beta, alpha = np.polyfit(x, y[est_rows], 1)
            resid = y[est_rows] - alpha - beta * x
            s2 = (resid**2).sum() / (self.M - 2)
            xe = np.column_stack([np.ones(self.M), x])
            inv = np.linalg.inv(xe.T @ xe)
            ar = np.array([y[r] - alpha - beta * m_all[r] for r in span_rows])
            c = np.array(
                [1 + np.array([1, m_all[r]]) @ inv @ np.array([1, m_all[r]]) for r in span_rows]
            )
            self.ar_est.append(resid)
            self.ar_span.append(ar)
            self.sigma.append(np.sqrt(s2))
            self.c.append(c)
            self.sar.append(ar / np.sqrt(s2 * c))
            cars, scars = [], []
            for a, b in WINDOWS:
                rows = [row + t for t in range(a, b + 1)]
                xs = np.column_stack([np.ones(len(rows)), m_all[rows]])
                v = s2 * (np.eye(len(rows)) + xs @ inv @ xs.T)
                car = sum(y[r] - alpha - beta * m_all[r] for r in rows)
                cars.append(car)
                scars.append(car / np.sqrt(np.ones(len(rows)) @ v @ np.ones(len(rows))))
            self.car.append(cars)
            self.scar.append(scars)
        self.ar_est = np.array(self.ar_est)
        self.ar_span, self.sar, self.c = map(np.array, (self.ar_span, self.sar, self.c))
        self.sigma, self.car, self.scar = map(np.array, (self.sigma, self.car, self.scar))
        self.N = len(firms)
        self.wlen = [b - a + 1 for a, b in WINDOWS]
        self.wcols = [[SPAN.index(t) for t in range(a, b + 1)] for a, b in WINDOWS]


@pytest.fixture(scope="module")
def rets() -> pd.DataFrame:
    return synthetic_returns(4, 60, seed=1)


@pytest.fixture(scope="module")
def hand(rets: pd.DataFrame) -> Hand:
    return Hand(rets)


@pytest.fixture(scope="module")
def res(rets: pd.DataFrame) -> rq.EventStudyResults:
    return rq.event_study(
        rets, synthetic_event(rets), benchmark="MKT", estimation=EST, windows=WINDOWS, seed=3
    )


def daily(res: rq.EventStudyResults, test: str, col: str = "statistic") -> np.ndarray:
    t = res.tests
    t = t[(t["event_id"] == "ALL") & (t["test"] == test) & t["tau"].notna()]
    return t.sort_values("tau")[col].to_numpy(dtype=float)


def window(res: rq.EventStudyResults, test: str, col: str = "statistic") -> np.ndarray:
    t = res.tests
    t = t[(t["event_id"] == "ALL") & (t["test"] == test) & t["tau"].isna()]
    return t.set_index("window").loc[["0:0", "-1:1"], col].to_numpy(dtype=float)


def check(res: rq.EventStudyResults, test: str, d: np.ndarray, w: np.ndarray, **kw: float) -> None:
    np.testing.assert_allclose(daily(res, test), d, rtol=1e-9, **kw)
    np.testing.assert_allclose(window(res, test), w, rtol=1e-9, **kw)


def test_ar_sar_car_scar(res: rq.EventStudyResults, hand: Hand) -> None:
    ar = res.ar.sort_values(["ticker", "tau"])
    np.testing.assert_allclose(ar["ar"].to_numpy().reshape(4, 3), hand.ar_span, rtol=1e-10)
    np.testing.assert_allclose(ar["sar"].to_numpy().reshape(4, 3), hand.sar, rtol=1e-10)
    car = res.car.set_index(["ticker", "window"]).sort_index()
    for j, lab in enumerate(["0:0", "-1:1"]):
        got = car.xs(lab, level="window").sort_index()
        np.testing.assert_allclose(got["car"], hand.car[:, j], rtol=1e-10)
        np.testing.assert_allclose(got["scar"], hand.scar[:, j], rtol=1e-10)


def test_params_match_statsmodels(rets: pd.DataFrame, res: rq.EventStudyResults) -> None:
    import statsmodels.api as sm

    rows = slice(EVENT_ROW + EST[0], EVENT_ROW + EST[1] + 1)
    for f in ["F0", "F1", "F2", "F3"]:
        ols = sm.OLS(rets[f].iloc[rows], sm.add_constant(rets["MKT"].iloc[rows])).fit()
        p = res.params.set_index("ticker").loc[f]
        assert p["alpha"] == pytest.approx(ols.params["const"], rel=1e-9)
        assert p["beta"] == pytest.approx(ols.params["MKT"], rel=1e-9)
        assert p["sigma"] == pytest.approx(np.sqrt(ols.scale), rel=1e-9)  # divisor M - k
        assert p["n_est"] == 25


def test_t_cs(res: rq.EventStudyResults, hand: Hand) -> None:
    d = stats.ttest_1samp(hand.ar_span, 0.0, axis=0)
    w = stats.ttest_1samp(hand.car, 0.0, axis=0)
    check(res, "t_cs", d.statistic, w.statistic)
    np.testing.assert_allclose(daily(res, "t_cs", "pvalue"), d.pvalue, rtol=1e-8)


def test_brown_warner_1980(res: rq.EventStudyResults, hand: Hand) -> None:
    sd = np.sqrt((hand.sigma**2).sum()) / hand.N
    d = hand.ar_span.mean(axis=0) / sd
    w = [
        hand.car[:, j].mean() / (np.sqrt((hand.sigma**2).sum() * hand.wlen[j]) / hand.N)
        for j in range(2)
    ]
    check(res, "brown_warner_1980", d, np.array(w))
    np.testing.assert_allclose(
        daily(res, "brown_warner_1980", "pvalue"), 2 * stats.t.sf(abs(d), 23)
    )


def test_cda(res: rq.EventStudyResults, hand: Hand) -> None:
    s = np.std(hand.ar_est.mean(axis=0), ddof=1)
    aar = hand.ar_span.mean(axis=0)
    w = [aar[c].sum() / (np.sqrt(len(c)) * s) for c in hand.wcols]
    check(res, "cda", aar / s, np.array(w))
    np.testing.assert_allclose(daily(res, "cda", "pvalue"), 2 * stats.t.sf(abs(aar / s), 24))


def test_lamb(res: rq.EventStudyResults, hand: Hand) -> None:
    s = np.std(hand.ar_est.mean(axis=0), ddof=1)
    aar, cbar = hand.ar_span.mean(axis=0), hand.c.mean(axis=0)
    w = [aar[c].sum() / (s * np.sqrt(cbar[c].sum())) for c in hand.wcols]
    check(res, "lamb", aar / (s * np.sqrt(cbar)), np.array(w))


def test_patell_and_adjusted(res: rq.EventStudyResults, hand: Hand) -> None:
    denom = np.sqrt(hand.N * (hand.M - 2) / (hand.M - 4))
    d, w = hand.sar.sum(axis=0) / denom, hand.scar.sum(axis=0) / denom
    check(res, "patell", d, w)
    corr = np.corrcoef(hand.ar_est)
    r = corr[~np.eye(hand.N, dtype=bool)].mean()
    f = np.sqrt((1 - r) / (1 + (hand.N - 1) * r))
    check(res, "adjusted_patell", d * f, w * f)
    np.testing.assert_allclose(daily(res, "patell", "pvalue"), 2 * stats.norm.sf(abs(d)))


def test_bmp_and_kolari_pynnonen(res: rq.EventStudyResults, hand: Hand) -> None:
    d = stats.ttest_1samp(hand.sar, 0.0, axis=0).statistic
    w = stats.ttest_1samp(hand.scar, 0.0, axis=0).statistic
    check(res, "bmp", d, w)
    corr = np.corrcoef(hand.ar_est)
    r = corr[~np.eye(hand.N, dtype=bool)].mean()
    f = np.sqrt((1 - r) / (1 + (hand.N - 1) * r))
    check(res, "kolari_pynnonen", d * f, w * f)
    np.testing.assert_allclose(
        daily(res, "kolari_pynnonen", "pvalue"), 2 * stats.t.sf(abs(d * f), hand.N - 1)
    )


def test_sign_and_generalized_sign(res: rq.EventStudyResults, hand: Hand) -> None:
    def z(x: np.ndarray, p: float) -> float:
        return ((x > 0).sum() - len(x) * p) / np.sqrt(len(x) * p * (1 - p))

    d = [z(hand.ar_span[:, t], 0.5) for t in range(3)]
    w = [z(hand.car[:, j], 0.5) for j in range(2)]
    check(res, "sign", np.array(d), np.array(w))
    p_hat = np.mean([(row > 0).mean() for row in hand.ar_est])
    d = [z(hand.ar_span[:, t], p_hat) for t in range(3)]
    w = [z(hand.car[:, j], p_hat) for j in range(2)]
    check(res, "generalized_sign", np.array(d), np.array(w))


def _corrado_like(series: np.ndarray, hand: Hand) -> tuple[np.ndarray, np.ndarray]:
    """series over the 28 est+span days -> daily and window statistics."""
    s = np.sqrt(np.mean(series**2))
    d = series[-3:] / s
    w = np.array([d[c].sum() / np.sqrt(len(c)) for c in hand.wcols])
    return d, w


def test_rank_tests(res: rq.EventStudyResults, hand: Hand) -> None:
    full = np.hstack([hand.ar_est, hand.ar_span])  # 4 x 28
    ranks = np.array([stats.rankdata(row) for row in full])
    dev = ranks - ranks.mean(axis=1, keepdims=True)
    check(res, "corrado_rank", *_corrado_like(dev.mean(axis=0), hand))
    u = ranks / (full.shape[1] + 1) - 0.5
    check(res, "modified_rank", *_corrado_like(u.sum(axis=0) / np.sqrt(hand.N), hand))
    g = np.sign(full - np.median(full, axis=1, keepdims=True))
    check(res, "corrado_sign", *_corrado_like(g.sum(axis=0) / np.sqrt(hand.N), hand))


def _grank(est_sar: np.ndarray, v: np.ndarray) -> tuple[float, float]:
    v = v / np.std(v, ddof=1)
    u = []
    for i in range(len(v)):
        seq = np.append(est_sar[i], v[i])
        u.append(stats.rankdata(seq) / (len(seq) + 1) - 0.5)
    u = np.array(u)
    big_t = u.shape[1]
    ubar = u.mean(axis=0)
    s = np.sqrt(np.mean(ubar**2))
    z = ubar[-1] / s
    t = z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))
    return t, 2 * stats.t.sf(abs(t), big_t - 2)


def test_grank(res: rq.EventStudyResults, hand: Hand) -> None:
    est_sar = hand.ar_est / hand.sigma[:, None]
    d = np.array([_grank(est_sar, hand.sar[:, t]) for t in range(3)])
    w = np.array([_grank(est_sar, hand.scar[:, j]) for j in range(2)])
    check(res, "grank", d[:, 0], w[:, 0])
    np.testing.assert_allclose(daily(res, "grank", "pvalue"), d[:, 1], rtol=1e-8)


def test_wilcoxon(res: rq.EventStudyResults, hand: Hand) -> None:
    def w_plus(x: np.ndarray) -> float:
        r = stats.rankdata(np.abs(x))
        return sum(r[k] for k in range(len(x)) if x[k] > 0)

    d = [w_plus(hand.ar_span[:, t]) for t in range(3)]
    w = [w_plus(hand.car[:, j]) for j in range(2)]
    check(res, "wilcoxon", np.array(d), np.array(w))
    p = [stats.wilcoxon(hand.ar_span[:, t]).pvalue for t in range(3)]
    np.testing.assert_allclose(daily(res, "wilcoxon", "pvalue"), p)


def test_portfolio_single_cluster(res: rq.EventStudyResults, hand: Hand) -> None:
    port_est, port_span = hand.ar_est.mean(axis=0), hand.ar_span.mean(axis=0)
    s = np.std(port_est, ddof=1)
    w = [port_span[c].sum() / (np.sqrt(len(c)) * s) for c in hand.wcols]
    check(res, "portfolio", port_span / s, np.array(w))


def test_portfolio_two_clusters(rets: pd.DataFrame) -> None:
    ev = pd.concat([synthetic_event(rets, 45, "e1"), synthetic_event(rets, 50, "e2")])
    # e1's day 0 is tau -5 of e2: cleaning would drop e2's tau -6; the hand values
    # here use the full estimation window (cleaning has its own tests)
    out = rq.event_study(
        rets,
        ev,
        benchmark="MKT",
        estimation=EST,
        windows=WINDOWS,
        tests=["portfolio"],
        clean_estimation=False,
    )
    t = []
    for row in (45, 50):
        h = Hand(rets, row)
        t.append(h.ar_span.mean(axis=0) / np.std(h.ar_est.mean(axis=0), ddof=1))
    expected = (t[0] + t[1]) / np.sqrt(2)
    np.testing.assert_allclose(daily(out, "portfolio"), expected, rtol=1e-9)
    np.testing.assert_allclose(daily(out, "portfolio", "pvalue"), 2 * stats.norm.sf(abs(expected)))


def test_bootstrap_seeded_and_sane(rets: pd.DataFrame) -> None:
    big = synthetic_returns(40, 60, seed=7, shock=0.004)
    ev = synthetic_event(big)
    kw = {"benchmark": "MKT", "estimation": EST, "windows": WINDOWS, "tests": ["bootstrap", "t_cs"]}
    a = rq.event_study(big, ev, seed=11, **kw)
    b = rq.event_study(big, ev, seed=11, **kw)
    np.testing.assert_array_equal(daily(a, "bootstrap", "pvalue"), daily(b, "bootstrap", "pvalue"))
    np.testing.assert_allclose(daily(a, "bootstrap"), daily(a, "t_cs"))
    p_boot, p_t = daily(a, "bootstrap", "pvalue"), daily(a, "t_cs", "pvalue")
    assert np.all((p_boot > 0) & (p_boot <= 1))
    np.testing.assert_allclose(p_boot, p_t, atol=0.1)  # bootstrap-t agrees with t for N = 40
