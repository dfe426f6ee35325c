"""Hypothesis fuzzing across layers: only ReequityError may escape, and invariants hold.

* the article reader on raw bytes (the decoding path) and on structured dumps whose source
  lines carry random, often impossible, timestamps;
* the date resolver on numeric date expressions with impossible values (2月30日, 13月,
  "February 31") against publication times near the calendar's edges;
* the engine on random synthetic panels with random NaNs: CAR is the sum of the ARs over
  the window, and the order of the tickers does not matter.
"""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import reequity as rq
from reequity.errors import ArticleFormatError, ReequityError, ReequityWarning
from reequity.events.articles import read_articles
from reequity.events.dates import resolve_dates

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


# ------------------------------------------------------------------ article reader
@FUZZ
@given(raw=st.binary(max_size=2000))
def test_reader_on_raw_bytes(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "dump.txt"
    path.write_bytes(raw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        try:
            frame = read_articles(path)
        except ArticleFormatError as exc:
            assert str(path) in str(exc)
            return
    assert list(frame.columns) == ["article_id", "title", "source", "published_at", "body"]
    assert path.read_bytes() == raw


stamp = st.builds(
    "{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format,
    st.integers(1, 9999), st.integers(0, 14), st.integers(0, 33),
    st.integers(0, 25), st.integers(0, 61),
)  # fmt: skip
title = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r·•・\ufeff\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
                min_size=1, max_size=30).filter(str.strip)  # fmt: skip
body = st.lists(title, min_size=1, max_size=3)


@FUZZ
@given(articles=st.lists(st.tuples(title, st.sampled_from(["Sina", "Sou Hu Cai Jing"]), stamp,
                                   body), min_size=1, max_size=6))  # fmt: skip
def test_reader_on_structured_dumps(articles: list[tuple[str, str, str, list[str]]]) -> None:
    dump = "header line\n" + "".join(
        f"{t}\n{s}· {when}\n" + "\n".join(b) + "\n" for t, s, when, b in articles
    )
    valid = [i for i, (_, _, when, _) in enumerate(articles) if _stamp_ok(when)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReequityWarning)
        if not valid:
            with pytest.raises(ArticleFormatError, match="no article found"):
                read_articles(dump)
            return
        frame = read_articles(dump)
    assert frame["article_id"].tolist() == valid
    assert frame["title"].tolist() == [articles[i][0].strip() for i in valid]
    assert len(caught) == len(articles) - len(valid)  # every skipped article is reported
    assert frame["published_at"].dt.tz is not None


def _stamp_ok(when: str) -> bool:
    try:
        pd.Timestamp(dt.datetime.strptime(when, "%Y-%m-%d %H:%M"))
    except (ValueError, OverflowError):
        return False
    return True


# ------------------------------------------------------------------ date resolver
zh_dates = st.builds(
    "{}年{}月{}日".format, st.integers(0, 3000), st.integers(0, 15), st.integers(0, 35)
) | st.builds("{}月{}日之前".format, st.integers(0, 15), st.integers(0, 35))
en_dates = st.builds(
    "on {} {}, {}".format,
    st.sampled_from(["January", "February", "April", "Sept.", "December"]),
    st.integers(0, 40),
    st.integers(0, 3000),
)
published = st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30))


@FUZZ
@given(text=st.lists(zh_dates | en_dates | st.sampled_from(["，", ". ", "去年", "上周五"]),
                     max_size=6).map("".join), when=published)  # fmt: skip
def test_resolver_on_impossible_dates(text: str, when: dt.datetime) -> None:
    try:
        mentions = resolve_dates(text, when)
    except ReequityError:
        return
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        if m.date_start is not None:
            assert m.date_start <= m.date_end


# ------------------------------------------------------------------ engine
@st.composite
def panels(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[int, int]], dict]:
    n_firms = draw(st.integers(1, 5))
    n_days = draw(st.integers(60, 260))
    seed = draw(st.integers(0, 2**32 - 1))
    nan_share = draw(st.sampled_from([0.0, 0.05, 0.3, 0.9, 1.0]))
    rng = np.random.default_rng(seed)
    index = pd.bdate_range("2023-01-02", periods=n_days, name="date")
    mkt = rng.normal(0, 0.01, n_days)
    data = mkt[:, None] * rng.uniform(0, 2, n_firms) + rng.normal(0, 0.02, (n_days, n_firms))
    data[rng.random(data.shape) < nan_share] = np.nan
    returns = pd.DataFrame(data, index=index, columns=[f"F{i}" for i in range(n_firms)])
    returns["MKT"] = mkt
    n_events = draw(st.integers(1, 3))
    at = rng.integers(0, n_days, n_events)
    events = pd.DataFrame({"event_id": [f"synthetic_{i}" for i in range(n_events)],
                           "date": index[at]})  # fmt: skip
    windows = draw(st.sampled_from([[(0, 0)], [(-1, 1), (0, 5)], [(-3, 3)]]))
    # some firms count Shanghai sessions (weekday holidays such as Qingming are not trading
    # days there), so day 0 moves and event time differs between firms
    exchanges = draw(st.lists(st.sampled_from([None, "XSHG", "XNYS"]), min_size=n_firms,
                              max_size=n_firms))  # fmt: skip
    calendars = {f"F{i}": x for i, x in enumerate(exchanges) if x is not None}
    return returns, events, windows, calendars


def _run(returns: pd.DataFrame, events: pd.DataFrame, windows: list[tuple[int, int]],
         calendars: dict, model: str):  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rq.event_study(returns, events, benchmark="MKT", model=model, windows=windows,
                              estimation=(-40, -6), min_estimation=10, seed=1,
                              calendars=calendars or None)  # fmt: skip


@FUZZ
@given(case=panels(), model=st.sampled_from(["market", "constant_mean", "market_adjusted"]))
def test_engine_random_panels(case: tuple, model: str) -> None:
    returns, events, windows, calendars = case
    try:
        res = _run(returns, events, windows, calendars, model)
    except ReequityError as exc:
        event(f"refused: {type(exc).__name__}")
        return
    event("studied")
    ar = res.ar.set_index(["event_id", "ticker", "tau"])["ar"]
    for row in res.car.itertuples():
        lo, hi = (int(x) for x in row.window.split(":"))
        window = ar.loc[(row.event_id, row.ticker)].loc[lo:hi]
        assert row.n_days == window.notna().sum()
        if row.n_days:
            assert row.car == pytest.approx(window.sum(), rel=1e-9, abs=1e-12)
        else:
            assert np.isnan(row.car)
    # ticker order is irrelevant
    flipped = _run(returns[returns.columns[::-1]], events, windows, calendars, model)
    keys = ["event_id", "ticker", "window"]
    a = res.car.sort_values(keys).reset_index(drop=True)
    b = flipped.car.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9, atol=1e-12)
    c = res.caar.sort_values(["event_id", "window"]).reset_index(drop=True)
    d = flipped.caar.sort_values(["event_id", "window"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(c, d, check_exact=False, rtol=1e-9, atol=1e-12)
