"""Hypothesis fuzzing: the reader and the resolver raise nothing but ReequityError."""

from __future__ import annotations

import warnings

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reequity.errors import ReequityError
from reequity.events.articles import read_articles
from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events

PIECES = ["年", "月", "日", "号", "底", "初", "上旬", "下旬", "上周", "周五", "去年", "今年", "前", "之前",
          "上世纪", "八九十", "年代", "季度", "上半年", "两年", "个月", "以上", "十二", "二〇二五", "0", "1", "2",
          "9", "31", "29", "2", "12", "2025", "1999", "-", "/", ".", " ", "\n", "\r\n", "·", "\ufeff",
          "April", "May", "early", "mid-", "late", "last", "Friday", "by", "the", "first half of the year",
          "Q4", "H1", "1980s", "'90s", "six", "months", "Sou Hu Cai Jing· ", "2025-12-27 04:15", "标题",
          "稀土", "出口管制", "商务部", "中美"]  # fmt: skip
texty = st.one_of(
    st.text(max_size=200), st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
)
stamps = st.one_of(
    st.datetimes(
        min_value=pd.Timestamp("1700-01-02").to_pydatetime(),
        max_value=pd.Timestamp("2200-12-30").to_pydatetime(),
    ),
    st.text(max_size=20),
    st.none(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texty, published=stamps)
def test_resolver_only_raises_reequity_errors(text: str, published: object) -> None:
    try:
        mentions = resolve_dates(text, published)
    except ReequityError:
        return
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        if m.date_start is not None:
            assert m.date_start <= m.date_end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texty)
def test_reader_and_extract_only_raise_reequity_errors(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            frame = read_articles(text)
        except ReequityError:
            return
        assert len(frame) >= 1
        extract_events(frame)
