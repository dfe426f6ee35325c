"""Clean estimation windows: hand-computed fits and tests on the cleaned sample.

Synthetic panel (tests/study/synthetic.py): 2 firms, 60 business days, event on row 45,
estimation -30..-6, window 0..0. An exclusion dated on row 30 (tau -15) drops taus
-16..-14 with the default -1..+1; a firm-specific one on row 22 (tau -23) drops F1's taus
-24..-22 only, so the two firms end with different estimation lengths M_i.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import reequity as rq
from reequity.errors import ConfigurationError, ReequityWarning
from tests.study.synthetic import synthetic_event, synthetic_returns

EST = (-30, -6)
ROW = 45
KW = {"benchmark": "MKT", "estimation": EST, "windows": [(0, 0)]}


@pytest.fixture(scope="module")
def rets() -> pd.DataFrame:
    return synthetic_returns(2, 60, seed=11)


def _exclude(rets: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"ticker": ["", "F1"], "date": [rets.index[30], rets.index[22]]}
    )  # blank ticker: every ticker


def _study(rets: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return rq.event_study(rets, synthetic_event(rets), **{**KW, **kw})


def _hand_rows(firm: str) -> list[int]:
    rows = [ROW + t for t in range(EST[0], EST[1] + 1)]
    dropped = {29, 30, 31} | ({21, 22, 23} if firm == "F1" else set())
    return [r for r in rows if r not in dropped]


def _hand_fit(rets: pd.DataFrame, firm: str) -> tuple[float, float, float, float, int]:
    """OLS on the kept rows: alpha, beta, sigma (divisor M - 2), SAR on day 0, M."""
    rows = _hand_rows(firm)
    y, x = rets[firm].to_numpy()[rows], rets["MKT"].to_numpy()[rows]
    beta, alpha = np.polyfit(x, y, 1)
    m = len(rows)
    sigma = np.sqrt(((y - alpha - beta * x) ** 2).sum() / (m - 2))
    x0, y0 = rets["MKT"].iat[ROW], rets[firm].iat[ROW]
    xe = np.column_stack([np.ones(m), x])
    c = 1 + np.array([1, x0]) @ np.linalg.inv(xe.T @ xe) @ np.array([1, x0])
    return alpha, beta, sigma, (y0 - alpha - beta * x0) / (sigma * np.sqrt(c)), m


def test_params_report_used_and_dropped_days(rets: pd.DataFrame) -> None:
    res = _study(rets, exclude=_exclude(rets))
    p = res.params.set_index("ticker")
    assert p.loc["F0", "n_est"] == 22 and p.loc["F0", "n_est_dropped"] == 3
    assert p.loc["F1", "n_est"] == 19 and p.loc["F1", "n_est_dropped"] == 6
    for firm in ("F0", "F1"):
        alpha, beta, sigma, _, _ = _hand_fit(rets, firm)
        np.testing.assert_allclose(p.loc[firm, ["alpha", "beta", "sigma"]], [alpha, beta, sigma])
    assert res.settings["clean_estimation"] is True and res.settings["clean_window"] == "-1:1"


def test_off_keeps_every_estimation_day(rets: pd.DataFrame) -> None:
    base = _study(rets)  # one event, no confounder: nothing to clean
    off = _study(rets, exclude=_exclude(rets), clean_estimation=False)
    pd.testing.assert_frame_equal(base.tests, off.tests)
    assert (off.params["n_est"] == 25).all() and (off.params["n_est_dropped"] == 0).all()


def test_extreme_excluded_day_no_longer_changes_sigma(rets: pd.DataFrame) -> None:
    spiked = rets.copy()
    spiked.iloc[30, 0] = 0.5  # a +50% day in F0's estimation window (tau -15)
    day = pd.DataFrame({"date": [rets.index[30]]})
    clean = _study(spiked, exclude=day).params.set_index("ticker")
    ref = _study(rets, exclude=day).params.set_index("ticker")
    raw = _study(spiked).params.set_index("ticker")
    assert clean.loc["F0", "sigma"] == pytest.approx(ref.loc["F0", "sigma"], rel=1e-12)
    assert raw.loc["F0", "sigma"] > 3 * clean.loc["F0", "sigma"]


def test_tests_use_each_firm_events_cleaned_length(rets: pd.DataFrame) -> None:
    res = _study(rets, exclude=_exclude(rets))
    fits = {f: _hand_fit(rets, f) for f in ("F0", "F1")}
    sar = np.array([fits[f][3] for f in ("F0", "F1")])
    m = np.array([fits[f][4] for f in ("F0", "F1")], dtype=float)
    t = res.tests[(res.tests["event_id"] == "ALL") & (res.tests["tau"] == 0)].set_index("test")
    # Patell (1976): sum SAR / sqrt(sum (M_i - 2) / (M_i - 4)) with the cleaned M_i
    patell = sar.sum() / np.sqrt(((m - 2) / (m - 4)).sum())
    assert t.at["patell", "statistic"] == pytest.approx(patell, rel=1e-10)
    # BMP (1991): cross-sectional t of the SARs standardized with the cleaned fit
    bmp = sar.mean() / (sar.std(ddof=1) / np.sqrt(2))
    assert t.at["bmp", "statistic"] == pytest.approx(bmp, rel=1e-10)
    # Corrado (1989): ranks over each firm's own T_i = M_i + 1 days
    taus = list(range(EST[0], EST[1] + 1)) + [0]
    dev = {}
    for f in ("F0", "F1"):
        alpha, beta, *_ = fits[f]
        keep = set(_hand_rows(f)) | {ROW}
        ar = {
            tau: rets[f].iat[ROW + tau] - alpha - beta * rets["MKT"].iat[ROW + tau]
            for tau in taus
            if ROW + tau in keep
        }
        ranks = stats.rankdata(list(ar.values()))
        dev[f] = dict(zip(ar, ranks - (len(ar) + 1) / 2, strict=True))
    present = {tau: [dev[f][tau] for f in dev if tau in dev[f]] for tau in taus}
    series = {tau: np.mean(v) for tau, v in present.items() if v}
    s_k = np.sqrt(np.mean(np.square(list(series.values()))))
    assert t.at["corrado_rank", "statistic"] == pytest.approx(series[0] / s_k, rel=1e-10)


def test_kolari_pynnonen_correlation_counts_shared_days(rets: pd.DataFrame) -> None:
    """r = sum over pairs of shared-day u_it u_jt / sum over pairs of (M_ij - 1), u the
    firm's estimation AR standardized with its own mean and sd (ddof 1, own M_i)."""
    res = _study(rets, exclude=_exclude(rets))
    fits = {f: _hand_fit(rets, f) for f in ("F0", "F1")}
    u = {}
    for f in ("F0", "F1"):
        alpha, beta, *_ = fits[f]
        rows = _hand_rows(f)
        ar = rets[f].to_numpy()[rows] - alpha - beta * rets["MKT"].to_numpy()[rows]
        u[f] = dict(zip(rows, (ar - ar.mean()) / ar.std(ddof=1), strict=True))
    shared = sorted(set(u["F0"]) & set(u["F1"]))
    r = sum(u["F0"][t] * u["F1"][t] for t in shared) / (len(shared) - 1)  # one pair
    t = res.tests[(res.tests["event_id"] == "ALL") & (res.tests["tau"] == 0)].set_index("test")
    factor = np.sqrt((1 - r) / (1 + r))  # N = 2
    assert t.at["adjusted_patell", "statistic"] == pytest.approx(
        t.at["patell", "statistic"] * factor, rel=1e-10
    )
    assert t.at["kolari_pynnonen", "statistic"] == pytest.approx(
        t.at["bmp", "statistic"] * factor, rel=1e-10
    )


def test_cleaning_equals_missing_returns_for_every_test(rets: pd.DataFrame) -> None:
    """Dropped sessions are treated exactly as missing returns by every test (Patell,
    adjusted Patell, BMP, Kolari-Pynnonen, the rank and sign tests, GRANK, CDA ...)."""
    holed = rets.copy()
    holed.iloc[29:32, :2] = np.nan
    holed.iloc[21:24, 1] = np.nan
    tests = [t for t in rq.study.statistics.TESTS if t != "bootstrap"]
    clean = _study(rets, exclude=_exclude(rets), tests=tests).tests
    holes = _study(holed, tests=tests).tests
    np.testing.assert_allclose(clean["statistic"], holes["statistic"], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(clean["pvalue"], holes["pvalue"], rtol=1e-12, atol=1e-14)


def test_other_events_of_the_study_leave_the_estimation_window(rets: pd.DataFrame) -> None:
    events = pd.concat([synthetic_event(rets, 30, "early"), synthetic_event(rets, ROW, "main")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = rq.event_study(rets, events, **KW, min_estimation=5)
    p = res.params.set_index(["event_id", "ticker"])
    assert (p.loc["main", "n_est_dropped"] == 3).all()
    np.testing.assert_allclose(p.loc[("main", "F0"), "sigma"], _hand_fit_global(rets))


def _hand_fit_global(rets: pd.DataFrame) -> float:
    rows = [ROW + t for t in range(EST[0], EST[1] + 1) if ROW + t not in (29, 30, 31)]
    y, x = rets["F0"].to_numpy()[rows], rets["MKT"].to_numpy()[rows]
    beta, alpha = np.polyfit(x, y, 1)
    return float(np.sqrt(((y - alpha - beta * x) ** 2).sum() / (len(rows) - 2)))


def test_confounders_leave_the_estimation_window_on_the_firms_exchange() -> None:
    # exchange sessions: a Beijing-evening item is day 0 of the next XASX session
    idx = pd.bdate_range("2025-01-02", "2025-06-30", name="date")
    rng = np.random.default_rng(3)
    rets = pd.DataFrame({"A": rng.normal(0, 0.01, len(idx)), "M": rng.normal(0, 0.01, len(idx))},
                        index=idx)  # fmt: skip
    events = pd.DataFrame({"event_id": ["e"], "date": ["2025-06-02"]})
    conf = pd.DataFrame({"event_id": ["c"], "date": ["2025-04-04"], "time": ["18:00"],
                         "timezone": ["Asia/Shanghai"], "title": ["synthetic"]})  # fmt: skip
    kw = {"benchmark": "M", "calendars": {"A": "XASX", "M": "XASX"},
          "estimation": (-60, -2), "windows": [(0, 0)]}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = rq.event_study(rets, events, confounders=conf, **kw)
        # the same three sessions named one by one: Mon 04-07 is day 0 (after 16:00 Sydney)
        days = ["2025-04-04", "2025-04-07", "2025-04-08"]
        named = rq.event_study(rets, events, exclude=days, clean_window=(0, 0), **kw)
        date_only = rq.event_study(rets, events, exclude=["2025-04-04"], **kw)
    assert int(res.params["n_est_dropped"].iat[0]) == 3
    assert res.params["sigma"].iat[0] == named.params["sigma"].iat[0]
    assert res.params["sigma"].iat[0] != date_only.params["sigma"].iat[0]


def test_bad_options_are_one_line_errors(rets: pd.DataFrame) -> None:
    with pytest.raises(ConfigurationError, match="clean_window"):
        _study(rets, clean_window=(1, -1))
    with pytest.raises(ConfigurationError, match="not a date"):
        _study(rets, exclude=["2024-13-45"])
    with pytest.raises(ConfigurationError, match="'date' column"):
        _study(rets, exclude=pd.DataFrame({"day": ["2024-01-05"]}))
