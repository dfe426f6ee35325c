"""Issue 9 (a) on the shipped data: day 0 with publication times, cleaned estimation
windows, the information event and firm-specific confounders."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import ReequityWarning

EVENTS = [
    "cn_export_controls_2025_04_04",
    "cn_export_controls_2025_10_09",
    "busan_trump_xi_meeting_2025_10_30",
    "cn_export_control_suspension_2025_11_07",
]


@pytest.fixture(scope="module")
def res() -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return rq.catalogue_event_study(
            event_ids=EVENTS, tickers=["LYC.AX", "MP", "600111"], windows=[(-1, 1), (0, 5)]
        )


def test_lynas_day0_for_the_april_controls_is_monday(res: rq.EventStudyResults) -> None:
    ar = res.ar[(res.ar["event_id"] == EVENTS[0]) & (res.ar["tau"] == 0)].set_index("ticker")
    assert ar.at["LYC.AX", "date"] == pd.Timestamp("2025-04-07")
    assert ar.at["MP", "date"] == pd.Timestamp("2025-04-04")


def test_october_estimation_window_is_cleaned(res: rq.EventStudyResults) -> None:
    p = res.params.set_index(["event_id", "ticker"]).loc[EVENTS[1]]
    length = 240  # estimation -250..-11
    assert (p["n_est"] + p["n_est_dropped"] <= length).all()
    assert p.at["LYC.AX", "n_est"] < length - 30 and p.at["LYC.AX", "n_est_dropped"] >= 30
    assert p.at["LYC.AX", "beta"] > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        raw = rq.catalogue_event_study(
            event_ids=[EVENTS[1]], tickers=["LYC.AX"], clean_estimation=False
        )
    assert raw.params["n_est_dropped"].iat[0] == 0
    assert raw.params["n_est"].iat[0] > p.at["LYC.AX", "n_est"]


def test_information_event_is_studied(res: rq.EventStudyResults) -> None:
    assert EVENTS[2] in set(res.car["event_id"])


def test_mp_results_are_a_firm_specific_confounder_of_the_formal_act(
    res: rq.EventStudyResults,
) -> None:
    i = res.issues
    hit = i[(i["event_id"] == EVENTS[3]) & (i["kind"] == "confounder")]
    mp = hit[hit["message"].str.contains("news_MP_2025_11_06_earnings")]
    assert list(mp["ticker"]) == ["MP"] and mp["message"].str.startswith("firm-specific").all()
    assert not hit["message"].str.contains("news_MP").loc[hit["ticker"] != "MP"].any()


def test_time_unknown_events_say_so(res: rq.EventStudyResults) -> None:
    i = res.issues
    assert not (i["kind"] == "time_unknown").any()  # all four rows carry a time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        other = rq.catalogue_event_study(
            event_ids=["mp_materials_apple_deal_2025_07_15"], tickers=["LYC.AX", "MP"]
        )
    msg = other.issues.loc[other.issues["kind"] == "time_unknown", "message"]
    assert len(msg) == 1 and "on XASX" in msg.iat[0] and "day +1" in msg.iat[0]


def test_firm_news_only_concerns_its_own_firm() -> None:
    """Synthetic: a news item for A is a confounder of A and leaves A's estimation only."""
    rng = np.random.default_rng(4)
    idx = pd.bdate_range("2024-01-01", periods=120, name="date")
    rets = pd.DataFrame(rng.normal(0, 0.01, (120, 3)), index=idx, columns=["A", "B", "M"])
    events = pd.DataFrame({"event_id": ["e"], "date": [idx[100]]})
    conf = pd.DataFrame({"event_id": ["n1", "n2"], "date": [idx[101], idx[60]],
                         "title": ["synthetic news", "old news"], "ticker": ["A", "A"]})  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = rq.event_study(rets, events, benchmark="M", confounders=conf,
                             estimation=(-80, -5), windows=[(0, 2)])  # fmt: skip
    issues = res.issues[res.issues["kind"] == "confounder"]
    assert list(issues["ticker"]) == ["A"] and "n1" in issues["message"].iat[0]
    dropped = res.params.set_index("ticker")["n_est_dropped"]
    assert dropped["A"] == 3 and dropped["B"] == 0
