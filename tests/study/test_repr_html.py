"""The notebook view of a study is its headline table (issue 11: notebooks show what the CLI shows)."""

from __future__ import annotations

import warnings

import pytest

import reequity as rq
from reequity.study.headline import headline_frame

EVENTS = ["cn_export_controls_2025_04_04", "cn_export_controls_2025_10_09",
          "cn_export_control_suspension_2025_11_07"]  # fmt: skip


@pytest.fixture(scope="module")
def results():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rq.catalogue_event_study(event_ids=EVENTS, windows=["-1:1", "0:5"])


def test_headline_frame_rows_are_events_then_pools_and_their_groups(results) -> None:
    frame = headline_frame(results)
    labels = frame["row"].tolist()
    assert labels[:3] == EVENTS  # each event, pooled stocks
    assert "ALL" not in labels  # mixes export controls with their suspension
    assert labels[3:] == ["ALL export_control (2)", "  CN", "  ex-CN",
                          "ALL export_control_relaxation (1)", "  CN", "  ex-CN"]  # fmt: skip
    first = results.caar[
        (results.caar["event_id"] == EVENTS[0]) & (results.caar["window"] == "-1:1")
    ]
    assert frame.loc[0, "CAAR %"] == pytest.approx(100 * first["caar"].iloc[0])
    pooled = results.pools.query("pool == 'export_control' and group == 'CN' and window == '-1:1'")
    assert frame.loc[4, "N"] == pooled["n_firms"].iloc[0]
    assert frame.loc[4, "CAAR %"] == pytest.approx(100 * pooled["caar"].iloc[0])
    assert {"CDA", "KP", "GRANK", "portfolio"} <= set(frame.columns)


def test_headline_frame_of_another_window(results) -> None:
    frame = headline_frame(results, window="0:5")
    row = results.caar[(results.caar["event_id"] == EVENTS[1]) & (results.caar["window"] == "0:5")]
    assert frame.loc[1, "CAAR %"] == pytest.approx(100 * row["caar"].iloc[0])


def test_without_pools_the_all_row_and_its_groups(results) -> None:
    spec = results.spec
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plain = rq.event_study(spec.returns, spec.events, benchmark=spec.benchmark,
                               groups=spec.groups, kinds=spec.kinds, calendars=spec.calendars)  # fmt: skip
    labels = headline_frame(plain)["row"].tolist()
    assert labels == [*EVENTS, "ALL", "  CN", "  ex-CN"]


def test_repr_html_is_the_headline(results) -> None:
    html = results._repr_html_()
    for label in [*EVENTS, "ALL export_control (2)", "ex-CN", "Kolari and Pynnonen"]:
        assert label in html
    assert "firm-events" in html and "window -1:1" in html
    assert html.count("<tr") == len(headline_frame(results)) + 1  # header + one per row


def test_a_study_without_groups_shows_its_events_and_all() -> None:
    from tests.study.synthetic import synthetic_event, synthetic_returns

    rets = synthetic_returns(4, 60, seed=2)
    res = rq.EventStudy(
        rets, synthetic_event(rets), "MKT", estimation=(-30, -6), windows=[(0, 0)]
    ).fit()
    frame = headline_frame(res)
    assert frame["row"].tolist()[-1] == "ALL" and "<table" in res._repr_html_()
