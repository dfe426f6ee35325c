"""Pools of comparable events: each pool's rows are a study of the pool's events alone."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import ConfigurationError
from reequity.study.pools import UNPOOLED, event_pools, pool_as_event, with_pool_column

from .synthetic import synthetic_returns

TOL = {"check_exact": False, "rtol": 0, "atol": 1e-12}


@pytest.fixture(scope="module")
def study() -> dict:
    """Synthetic: 6 firms (one an ETF), 5 events of two kinds and one without a kind."""
    rets = synthetic_returns(6, 200, seed=3)
    firms = [c for c in rets.columns if c != "MKT"]
    events = pd.DataFrame(
        {
            "event_id": list("abcde"),
            "date": rets.index[[100, 120, 140, 160, 180]],
            "kind": ["up", "down", "up", None, "down"],
        }
    )
    return {
        "returns": rets,
        "events": events,
        "groups": dict(zip(firms, ["CN", "CN", "CN", "ex-CN", "ex-CN", "CN"], strict=True)),
        "kinds": {firms[5]: "etf"},
        # every event leaves every estimation window, so a study of one pool drops the
        # estimation days the full study drops
        "kw": {
            "benchmark": "MKT",
            "estimation": (-60, -11),
            "windows": [(0, 0), (-1, 1)],
            "exclude": events[["date"]],
        },
    }


def _run(study: dict, events: pd.DataFrame, *, etf: bool = True, **kw) -> rq.EventStudyResults:
    rets = study["returns"] if etf else study["returns"].drop(columns=list(study["kinds"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rq.event_study(
            rets, events, groups=study["groups"], kinds=study["kinds"] if etf else None,
            **study["kw"], **kw,
        )  # fmt: skip


def _all_rows(frame: pd.DataFrame, drop: list[str]) -> pd.DataFrame:
    rows = frame[frame["event_id"] == "ALL"]
    if "tau" in rows:
        rows = rows[rows["tau"].isna()].drop(columns="tau")
    return rows.drop(columns=["event_id", *drop]).reset_index(drop=True)


@pytest.mark.parametrize("etf", [True, False], ids=["with-etf", "stocks-only"])
def test_pool_rows_equal_a_study_of_the_pools_events(study: dict, etf: bool) -> None:
    res = _run(study, study["events"], etf=etf, pool_by="kind")
    kinds = study["events"]["kind"].fillna(UNPOOLED)
    assert list(dict.fromkeys(res.pools["pool"])) == ["up", "down", UNPOOLED]
    for pool in ("up", "down", UNPOOLED):
        alone = _run(study, study["events"][kinds == pool], etf=etf)
        mine = res.pools[res.pools["pool"] == pool]
        assert mine["n_events"].eq(2 if pool != UNPOOLED else 1).all()
        # the pooled stocks: caar's and tests' ALL rows
        top = mine[mine["group"] == "ALL"][["window", "n_firms", "caar", "mean_bhar", "se",
                                            "ci_lower", "ci_upper", "robust_se",
                                            "robust_df", "robust_ci_lower", "robust_ci_upper"]]  # fmt: skip
        pd.testing.assert_frame_equal(top.reset_index(drop=True), _all_rows(alone.caar, []), **TOL)
        tests = res.pool_tests[res.pool_tests["pool"] == pool]
        got = tests[tests["group"] == "ALL"].drop(columns=["pool", "group"])
        want = _all_rows(alone.tests, [])
        pd.testing.assert_frame_equal(
            got.sort_values(["test", "window"]).reset_index(drop=True),
            want.sort_values(["test", "window"]).reset_index(drop=True)[got.columns], **TOL,
        )  # fmt: skip
        # each group: group_caar's and group_tests' ALL rows
        groups = mine[mine["group"] != "ALL"]
        want_g = _all_rows(alone.group_caar, [])
        pd.testing.assert_frame_equal(groups[want_g.columns].reset_index(drop=True), want_g, **TOL)
        got_t = tests[tests["group"] != "ALL"].drop(columns="pool")
        want_t = _all_rows(alone.group_tests, [])
        keys = ["group", "test", "window"]
        pd.testing.assert_frame_equal(
            got_t.sort_values(keys).reset_index(drop=True),
            want_t.sort_values(keys).reset_index(drop=True)[got_t.columns], **TOL,
        )  # fmt: skip
        # the long-short differences: ALL rows (one event: that event's rows)
        diff = alone.group_difference
        if (diff["event_id"] == "ALL").any():
            diff = diff[diff["event_id"] == "ALL"]
        mine_d = res.pool_difference[res.pool_difference["pool"] == pool]
        cols = [c for c in diff.columns if c != "event_id"]
        pd.testing.assert_frame_equal(
            mine_d[cols].reset_index(drop=True), diff[cols].reset_index(drop=True), **TOL
        )
        assert not mine_d.empty


def test_pools_show_the_robust_tests_beside_the_caar(study: dict) -> None:
    res = _run(study, study["events"], pool_by="kind")
    t = res.pool_tests.set_index(["pool", "group", "window", "test"])
    for row in res.pools.itertuples(index=False):
        for test in ("cda", "kolari_pynnonen", "grank", "portfolio"):
            cell = t.loc[(row.pool, row.group, row.window, test)]
            assert getattr(row, f"{test}_stat") == cell["statistic"] or np.isnan(cell["statistic"])
            assert getattr(row, f"{test}_p") == cell["pvalue"] or np.isnan(cell["pvalue"])
    assert set(res.pools["group"]) == {"ALL", "CN", "ex-CN", "etf:CN"}


def test_a_mapping_pools_like_a_column_and_missing_ids_are_unpooled(study: dict) -> None:
    by_column = _run(study, study["events"], pool_by="kind")
    mapping = {"a": "up", "b": "down", "c": "up", "e": "down", "zzz": "never studied"}
    by_mapping = _run(study, study["events"], pool_by=mapping)
    pd.testing.assert_frame_equal(by_column.pools, by_mapping.pools)
    pd.testing.assert_frame_equal(by_column.pool_difference, by_mapping.pool_difference)
    assert by_mapping.settings["pools"] == {"up": 2, "down": 2, UNPOOLED: 1}
    assert by_mapping.settings["pool_by"] == "mapping"
    assert by_column.settings["event_pools"]["d"] == UNPOOLED


def test_one_pool_is_the_all_row(study: dict) -> None:
    events = study["events"].assign(kind="same")
    res = _run(study, events, pool_by="kind")
    top = res.pools[res.pools["group"] == "ALL"]
    pd.testing.assert_frame_equal(
        top[["window", "n_firms", "caar", "se"]].reset_index(drop=True),
        _all_rows(res.caar, ["mean_bhar", "ci_lower", "ci_upper"]).drop(columns="n_firms")
        .assign(n_firms=top["n_firms"].to_numpy())[["window", "n_firms", "caar", "se"]],
        **TOL,
    )  # fmt: skip
    assert "one pool: its row is the ALL row" in res.summary()


def test_no_pool_by_no_pool_frames(study: dict) -> None:
    res = _run(study, study["events"])
    assert res.pools.empty and res.pool_tests.empty and res.pool_difference.empty
    assert res.settings["pools"] == {} and res.settings["pool_by"] is None
    assert "Pools" not in res.summary()


@pytest.mark.parametrize(
    ("pool_by", "match"),
    [
        ("nope", "pool_by='nope' is not a column of events"),
        (3, "pool_by must be None, a column name or a mapping"),
    ],
)
def test_bad_pool_by_is_a_clear_error(study: dict, pool_by: object, match: str) -> None:
    with pytest.raises(ConfigurationError, match=match):
        _run(study, study["events"], pool_by=pool_by)


def test_an_event_with_two_pool_values_is_refused() -> None:
    events = pd.DataFrame(
        {"event_id": ["a", "a", "b"], "ticker": ["X", "Y", "X"], "kind": ["up", "down", "up"]}
    )
    with pytest.raises(ConfigurationError, match="event 'a' has several kind values"):
        event_pools(events, "kind")
    # one value repeated over its firm-events is one pool; blanks are unpooled
    events["kind"] = ["up", "up", " "]
    assert event_pools(events, "kind") == {"a": "up", "b": UNPOOLED}


def test_summary_and_headline_name_the_pools(study: dict) -> None:
    res = _run(study, study["events"], pool_by="kind")
    text = res.summary()
    assert "ALL up (2) 0:0: CAAR" in text and "ALL down (2) -1:1: CAAR" in text
    assert "ALL unpooled (1) 0:0: CAAR" in text and "  CN 0:0: CAAR" in text
    assert "ex-CN - CN, ALL up (2) 0:0" in text
    assert "mixes events of opposite" in " ".join(text.split())
    assert not [ln for ln in text.splitlines() if ln.startswith("ALL 0:0: CAAR")]
    assert "Pools (by kind)" in text


def test_pool_column_flags_the_mixed_all_row(study: dict) -> None:
    res = _run(study, study["events"], pool_by="kind")
    pools = res.settings["event_pools"]
    caar = with_pool_column(res.caar, pools)
    assert list(caar.columns[:3]) == ["event_id", "pool", "window"]
    assert caar.loc[caar["event_id"] == "a", "pool"].eq("up").all()
    assert caar.loc[caar["event_id"] == "ALL", "mixes_pools"].all()
    assert not caar.loc[caar["event_id"] != "ALL", "mixes_pools"].any()
    assert caar.loc[caar["event_id"] == "ALL", "pool"].eq("").all()
    car = with_pool_column(res.car, pools)
    assert "mixes_pools" not in car and car["pool"].ne("").all()
    assert with_pool_column(res.caar, {}) is res.caar


def test_catalogue_study_pools_by_event_type() -> None:
    from reequity.events.catalogue import load_catalogue
    from reequity.workflows import catalogue_event_study

    ids = [
        "cn_export_controls_2025_04_04",
        "cn_export_controls_2025_10_09",
        "cn_export_control_suspension_2025_11_07",
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = catalogue_event_study(
            event_ids=ids, tickers=["600111", "600392", "LYC.AX", "MP"], windows=[(-1, 1)]
        )
    types = load_catalogue().set_index("event_id")["event_type"]
    assert res.settings["pool_by"] == "event_type"
    assert res.settings["pools"] == {"export_control": 2, "export_control_relaxation": 1}
    assert res.settings["event_pools"] == {e: types[e] for e in ids}
    assert set(res.pools["group"]) == {"ALL", "CN", "ex-CN"}


def test_pool_aar_and_the_pool_as_one_event(study: dict) -> None:
    res = _run(study, study["events"], pool_by="kind")
    alone = _run(study, study["events"][study["events"]["kind"] == "up"])
    path = res.pool_aar[(res.pool_aar["pool"] == "up") & (res.pool_aar["group"] == "ALL")]
    pd.testing.assert_frame_equal(
        path.drop(columns=["pool", "group"]).reset_index(drop=True),
        alone.aar[alone.aar["event_id"] == "ALL"].drop(columns="event_id").reset_index(drop=True),
        **TOL,
    )
    view = pool_as_event(res)  # the largest pool first: "up" (2 events, before "down")
    assert view.event_id == "ALL up (2)"
    assert set(view.caar["event_id"]) == set(view.aar["event_id"]) == {"ALL up (2)"}
    pooled = alone.car[alone.car["pooled"]][["event_id", "ticker"]].drop_duplicates()
    assert len(view.ar[["ticker", "tau"]].drop_duplicates()) == len(alone.ar.merge(pooled))
    assert "F0 a" in set(view.ar["ticker"])
    with pytest.raises(ConfigurationError, match="pool 'sideways' is not in the results"):
        pool_as_event(res, "sideways")


def test_default_pools_need_some_event_type() -> None:
    from reequity.study.pools import default_pool_by

    typed = pd.DataFrame({"event_id": ["a", "b"], "event_type": ["tariff", None]})
    assert default_pool_by(typed) == "event_type"
    assert default_pool_by(typed.assign(event_type=["", None])) is None
    assert default_pool_by(typed.drop(columns="event_type")) is None
