"""reequity's estudy2 convention reproduces every statistic estudy2's documentation prints.

Set-up (README.md here): market model on log returns of 7 US stocks against the S&P 500,
estimation -240..-1 trading days (estudy2's 2019-04-01..2020-03-13), event 2020-03-16,
window 0..4.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq

HERE = Path(__file__).parent

# date -> (AAR, bw1980, bw1985, t_test, patell, boehmer, lamb, sign, gsign, csign,
#          rank, modified_rank, wilcoxon W+), copied from README.md
DAILY = {
    0: (0.02329740, 2.486449, 1.858514, 1.3941497, 2.5507399, 1.20471169, 1.620049,
        1.1338934, 1.1516761, 0.8636930, 0.7962064, 0.8499246, 23),
    1: (-0.03157867, -3.370281, -2.519140, -1.2769075, -2.9495613, -1.17531339, -2.435456,
        0.3779645, 0.3957301, 0.2878977, -0.1857202, -0.2283881, 10),
    2: (-0.01617850, -1.726675, -1.290615, -0.4023135, 0.3283654, 0.07606284, -1.254626,
        1.1338934, 1.1516761, 0.8636930, 1.0205417, 0.9865178, 15),
    3: (0.07672027, 8.188085, 6.120241, 1.7958275, 8.4216222, 2.16657728, 6.105794,
        1.8898224, 1.9076220, 1.4394883, 2.1127972, 2.1665371, 27),
    4: (0.05840545, 6.233409, 4.659205, 5.1233281, 6.3196352, 8.65212561, 4.565195,
        2.6457513, 2.6635680, 2.0152836, 2.9255529, 2.9786668, 28),
}  # fmt: skip
NAMES = ["brown_warner_1980", "cda", "t_cs", "patell", "bmp", "lamb", "sign",
         "generalized_sign", "corrado_sign", "corrado_rank", "modified_rank", "wilcoxon"]  # fmt: skip
# the README prints 6-8 significant digits; 1e-6 is within its rounding
TOL = 1e-6


@pytest.fixture(scope="module")
def results() -> rq.EventStudyResults:
    rates = pd.read_csv(HERE / "rates.csv", index_col=0, parse_dates=True)
    index = pd.read_csv(HERE / "rates_indx.csv", index_col=0, parse_dates=True)
    returns = rates.join(index)
    returns.index.name = "date"
    events = pd.DataFrame({"event_id": ["covid"], "date": ["2020-03-16"]})
    return rq.event_study(
        returns,
        events,
        benchmark="^GSPC",
        estimation=(-240, -1),
        windows=[(0, 4)],
        convention="estudy2",
    )


def test_estimation_lengths_match_estudy2(results: rq.EventStudyResults) -> None:
    n_est = results.params.set_index("ticker")["n_est"]
    assert n_est["ZM"] == 227 and n_est["UBER"] == 212 and n_est["AMZN"] == 240


def test_event_dates(results: rq.EventStudyResults) -> None:
    ar = results.ar[results.ar["ticker"] == "AMZN"]
    assert list(ar["date"].dt.strftime("%Y-%m-%d")) == [
        "2020-03-16", "2020-03-17", "2020-03-18", "2020-03-19", "2020-03-20"
    ]  # fmt: skip


@pytest.mark.parametrize("tau", sorted(DAILY))
def test_daily_aar(results: rq.EventStudyResults, tau: int) -> None:
    aar = results.aar.set_index(["event_id", "tau"]).loc[("ALL", tau), "aar"]
    assert aar == pytest.approx(DAILY[tau][0], abs=1e-8)


@pytest.mark.parametrize("tau", sorted(DAILY))
@pytest.mark.parametrize("name", NAMES)
def test_daily_statistic(results: rq.EventStudyResults, tau: int, name: str) -> None:
    t = results.tests
    row = t[(t["event_id"] == "ALL") & (t["tau"] == tau) & (t["test"] == name)]
    assert len(row) == 1
    expected = DAILY[tau][1 + NAMES.index(name)]
    assert row["statistic"].iloc[0] == pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize(
    ("name", "expected", "tol"),
    [("cda", 3.948093, TOL), ("lamb", 3.846464, TOL), ("corrado_rank", 3.0537, 5e-5)],
)
def test_car_statistic(
    results: rq.EventStudyResults, name: str, expected: float, tol: float
) -> None:
    t = results.tests
    row = t[(t["event_id"] == "ALL") & t["tau"].isna() & (t["test"] == name)]
    assert row["window"].tolist() == ["0:4"]
    assert row["statistic"].iloc[0] == pytest.approx(expected, abs=tol)


def test_car_mean_is_mean_of_daily_aar(results: rq.EventStudyResults) -> None:
    # estudy2's car_mean (0.02213319) is the mean of the daily AARs, not their sum
    aar = results.aar[results.aar["event_id"] == "ALL"]["aar"]
    assert aar.mean() == pytest.approx(0.02213319, abs=1e-8)
    assert results.caar.query("event_id == 'ALL'")["caar"].iloc[0] == pytest.approx(
        aar.sum(), abs=1e-12
    )


def test_wilcoxon_pvalue_is_two_sided_exact(results: rq.EventStudyResults) -> None:
    from scipy import stats

    ar = results.ar[results.ar["tau"] == 3]["ar"].to_numpy()
    t = results.tests
    p = t[(t["event_id"] == "ALL") & (t["tau"] == 3) & (t["test"] == "wilcoxon")]["pvalue"]
    assert p.iloc[0] == pytest.approx(stats.wilcoxon(ar).pvalue)
    assert np.isfinite(p.iloc[0])
