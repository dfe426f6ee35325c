"""Temporal resolver on hand-written expressions (Chinese and English), incl. cross-year cases."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reequity.errors import ArticleFormatError
from reequity.events.dates import TemporalMention, resolve_dates

D = date.fromisoformat

# (text, publication date, surface, date_start, date_end, granularity, kind)
CASES = [
    # full dates
    (
        "据报道，2025年4月4日商务部宣布",
        "2025-11-01",
        "2025年4月4日",
        "2025-04-04",
        "2025-04-04",
        "day",
        "event",
    ),
    (
        "二〇二五年十月九日",
        "2025-11-01",
        "二〇二五年十月九日",
        "2025-10-09",
        "2025-10-09",
        "day",
        "event",
    ),
    (
        "on April 4, 2025 Beijing",
        "2025-11-01",
        "April 4, 2025",
        "2025-04-04",
        "2025-04-04",
        "day",
        "event",
    ),
    ("on 4 April 2025,", "2025-11-01", "4 April 2025", "2025-04-04", "2025-04-04", "day", "event"),
    ("dated 2025-04-04.", "2025-11-01", "2025-04-04", "2025-04-04", "2025-04-04", "day", "event"),
    # month-day without a year: latest not after publication (cross-year when needed)
    (
        "十二月二十五日，俄媒报道",
        "2025-12-26",
        "十二月二十五日",
        "2025-12-25",
        "2025-12-25",
        "day",
        "event",
    ),
    ("12月3日，商务部宣布", "2025-02-15", "12月3日", "2024-12-03", "2024-12-03", "day", "event"),
    ("on Dec. 25 the report", "2025-12-26", "Dec. 25", "2025-12-25", "2025-12-25", "day", "event"),
    (
        "on December 3 the ministry",
        "2025-02-15",
        "December 3",
        "2024-12-03",
        "2024-12-03",
        "day",
        "event",
    ),
    ("25日，公司公告", "2025-03-10", "25日", "2025-02-25", "2025-02-25", "day", "event"),
    # month only
    ("4月，中国宣布", "2025-11-01", "4月", "2025-04-01", "2025-04-30", "month", "event"),
    ("11月，市场下跌", "2025-02-15", "11月", "2024-11-01", "2024-11-30", "month", "event"),
    (
        "controls imposed in April were",
        "2025-11-01",
        "April",
        "2025-04-01",
        "2025-04-30",
        "month",
        "event",
    ),
    (
        "shipments fell in May and",
        "2025-11-01",
        "May",
        "2025-05-01",
        "2025-05-31",
        "month",
        "event",
    ),
    ("in April 2024 the", "2025-11-01", "April 2024", "2024-04-01", "2024-04-30", "month", "event"),
    # parts of a month
    (
        "10月底，中美会面",
        "2025-11-13",
        "10月底",
        "2025-10-21",
        "2025-10-31",
        "part_of_month",
        "event",
    ),
    (
        "2月下旬出口回落",
        "2024-03-05",
        "2月下旬",
        "2024-02-21",
        "2024-02-29",
        "part_of_month",
        "event",
    ),
    ("3月上旬", "2025-11-13", "3月上旬", "2025-03-01", "2025-03-10", "part_of_month", "event"),
    ("3月中旬", "2025-11-13", "3月中旬", "2025-03-11", "2025-03-20", "part_of_month", "event"),
    (
        "企业须在月底前完成",
        "2025-11-13",
        "月底前",
        "2025-11-21",
        "2025-11-30",
        "part_of_month",
        "deadline",
    ),
    ("本月初", "2025-11-13", "本月初", "2025-11-01", "2025-11-10", "part_of_month", "event"),
    (
        "in early October",
        "2025-11-13",
        "early October",
        "2025-10-01",
        "2025-10-10",
        "part_of_month",
        "event",
    ),
    (
        "around mid-October",
        "2025-11-13",
        "mid-October",
        "2025-10-11",
        "2025-10-20",
        "part_of_month",
        "event",
    ),
    (
        "in late October",
        "2025-11-13",
        "late October",
        "2025-10-21",
        "2025-10-31",
        "part_of_month",
        "event",
    ),
    (
        "at the end of February 2024",
        "2025-11-13",
        "the end of February 2024",
        "2024-02-21",
        "2024-02-29",
        "part_of_month",
        "event",
    ),
    # relative expressions
    ("今年稀土指数大涨", "2025-11-13", "今年", "2025-01-01", "2025-12-31", "year", "event"),
    ("去年", "2025-11-13", "去年", "2024-01-01", "2024-12-31", "year", "event"),
    ("前年", "2025-11-13", "前年", "2023-01-01", "2023-12-31", "year", "event"),
    ("上个月", "2025-01-10", "上个月", "2024-12-01", "2024-12-31", "month", "event"),
    ("上周五，商务部", "2025-11-13", "上周五", "2025-11-07", "2025-11-07", "day", "event"),
    ("上周一", "2025-01-01", "上周一", "2024-12-23", "2024-12-23", "day", "event"),
    ("周三晚间", "2025-11-13", "周三", "2025-11-12", "2025-11-12", "day", "event"),
    ("昨天", "2025-01-01", "昨天", "2024-12-31", "2024-12-31", "day", "event"),
    (
        "said last Friday that",
        "2025-11-14",
        "last Friday",
        "2025-11-07",
        "2025-11-07",
        "day",
        "event",
    ),
    ("said on Monday that", "2025-11-13", "on Monday", "2025-11-10", "2025-11-10", "day", "event"),
    ("Monday's statement", "2025-11-10", "Monday", "2025-11-10", "2025-11-10", "day", "event"),
    ("last week", "2025-11-13", "last week", "2025-11-03", "2025-11-09", "week", "event"),
    ("last year", "2025-11-13", "last year", "2024-01-01", "2024-12-31", "year", "event"),
    ("yesterday", "2025-03-01", "yesterday", "2025-02-28", "2025-02-28", "day", "event"),
    # years, decades
    ("2010年，中国削减配额", "2025-11-13", "2010年", "2010-01-01", "2010-12-31", "year", "event"),
    ("the 2010 supply cut", "2025-11-13", "2010", "2010-01-01", "2010-12-31", "year", "event"),
    (
        "上世纪八九十年代，山口矿",
        "2025-12-03",
        "上世纪八九十年代",
        "1980-01-01",
        "1999-12-31",
        "decade",
        "event",
    ),
    ("80年代", "2025-12-03", "80年代", "1980-01-01", "1989-12-31", "decade", "event"),
    ("2010年代", "2025-12-03", "2010年代", "2010-01-01", "2019-12-31", "decade", "event"),
    (
        "developed in the 1970s",
        "2025-12-03",
        "the 1970s",
        "1970-01-01",
        "1979-12-31",
        "decade",
        "event",
    ),
    ("back in the '90s", "2025-12-03", "'90s", "1990-01-01", "1999-12-31", "decade", "event"),
    # quarters and halves
    ("第三季度营收", "2025-11-13", "第三季度", "2025-07-01", "2025-09-30", "quarter", "period"),
    ("第四季度", "2025-02-15", "第四季度", "2024-10-01", "2024-12-31", "quarter", "event"),
    (
        "2024年第二季度",
        "2025-11-13",
        "2024年第二季度",
        "2024-04-01",
        "2024-06-30",
        "quarter",
        "event",
    ),
    ("in Q3 2025", "2025-11-13", "Q3 2025", "2025-07-01", "2025-09-30", "quarter", "event"),
    (
        "in the third quarter",
        "2025-02-15",
        "the third quarter",
        "2024-07-01",
        "2024-09-30",
        "quarter",
        "event",
    ),
    ("上半年净利润", "2025-11-13", "上半年", "2025-01-01", "2025-06-30", "half", "period"),
    ("去年下半年", "2025-11-13", "去年下半年", "2024-07-01", "2024-12-31", "half", "event"),
    (
        "in the first half of the year",
        "2025-11-27",
        "the first half of the year",
        "2025-01-01",
        "2025-06-30",
        "half",
        "event",
    ),
    (
        "in the second half of 2024",
        "2025-11-27",
        "the second half of 2024",
        "2024-07-01",
        "2024-12-31",
        "half",
        "event",
    ),
    # deadlines and targets
    (
        "要求俄罗斯内阁在12月1日之前，必须",
        "2025-11-13",
        "12月1日之前",
        "2025-12-01",
        "2025-12-01",
        "day",
        "deadline",
    ),
    (
        "must be done by December 1",
        "2025-11-13",
        "by December 1",
        "2025-12-01",
        "2025-12-01",
        "day",
        "deadline",
    ),
    (
        "from 80% to 50% by 2030 through",
        "2025-11-27",
        "by 2030",
        "2030-01-01",
        "2030-12-31",
        "year",
        "target",
    ),
    ("力争到2030年实现", "2025-11-27", "2030年", "2030-01-01", "2030-12-31", "year", "target"),
    ("明年", "2025-11-27", "明年", "2026-01-01", "2026-12-31", "year", "other"),
    (
        "by mid-October the talks",
        "2025-11-13",
        "by mid-October",
        "2025-10-11",
        "2025-10-20",
        "part_of_month",
        "other",
    ),  # a limit already passed is not an event
]


@pytest.mark.parametrize(("text", "pub", "surface", "start", "end", "granularity", "kind"), CASES)
def test_expression(
    text: str, pub: str, surface: str, start: str, end: str, granularity: str, kind: str
) -> None:
    mentions = {m.surface: m for m in resolve_dates(text, pub)}
    assert surface in mentions, f"{surface!r} not found in {list(mentions)}"
    m = mentions[surface]
    assert (m.date_start, m.date_end, m.granularity, m.kind) == (
        D(start),
        D(end),
        granularity,
        kind,
    )
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("text", "surface", "granularity"),
    [("动辄就要花两年以上", "两年以上", "year"), ("给的时间，一个月", "一个月", "month"),
     ("within six months", "six months", "month"), ("five to seven years", "five to seven years", "year"),
     ("六个月内", "六个月内", "month"), ("for two weeks", "two weeks", "day")],
)  # fmt: skip
def test_durations(text: str, surface: str, granularity: str) -> None:
    (m,) = [m for m in resolve_dates(text, "2025-11-13") if m.surface == surface]
    assert (m.kind, m.granularity, m.date_start, m.date_end) == (
        "duration",
        granularity,
        None,
        None,
    )


def test_sentence_year_is_borrowed_and_recorded() -> None:
    text = (
        "China made two moves in 2023: the first in April and the second in October. Later in May."
    )
    found = {m.surface: m for m in resolve_dates(text, "2025-11-27")}
    april = found["April"]
    assert (april.date_start, april.year_source, april.stated_year) == (
        D("2023-04-01"),
        "context",
        2023,
    )
    assert april.context_start == text.index("2023")
    assert found["October"].date_start == D("2023-10-01")
    assert found["May"].date_start == D("2025-05-01")  # another sentence: latest May
    assert found["May"].year_source == "inferred"


def test_announcement_numbers_are_not_days() -> None:
    # issue 10: a document number holds no date at all, not even its year
    found = [
        m.surface
        for m in resolve_dates("商务部 海关总署公告2025年第18号，第70号公告", "2025-11-13")
    ]
    assert found == []


def test_modal_may_and_noise_are_not_dates() -> None:
    text = "Prices may rise; 1952% growth, 10000 to 15000 tons, F-35 jets, $258 million, 99.9999% purity [1][19]."
    assert resolve_dates(text, "2025-11-27") == []


def test_tz_aware_publication_time_is_read_in_shanghai() -> None:
    # 2025-12-31 20:00 in New York is already 2026-01-01 in Shanghai
    stamp = pd.Timestamp("2025-12-31 20:00", tz="America/New_York")
    (m,) = resolve_dates("今年", stamp)
    assert m.date_start == D("2026-01-01")


def test_bad_inputs_raise_reequity_errors() -> None:
    with pytest.raises(ArticleFormatError, match="got bytes"):
        resolve_dates("12月25日".encode(), "2025-12-26")  # type: ignore[arg-type]
    with pytest.raises(ArticleFormatError, match="not a time"):
        resolve_dates("12月25日", "yesterday-ish")
    with pytest.raises(ArticleFormatError, match="missing"):
        resolve_dates("12月25日", None)


def test_mentions_are_frozen() -> None:
    (m,) = resolve_dates("12月25日", "2025-12-26")
    assert isinstance(m, TemporalMention)
    with pytest.raises(AttributeError):
        m.kind = "other"  # type: ignore[misc]


def test_relative_dates_past_the_calendar_are_no_dates() -> None:
    """上周五 published on 0001-01-02 would be in year 0: the resolver skips it (found by
    hypothesis in tests/robustness/test_fuzz.py) instead of raising OverflowError."""
    import datetime as dt

    from reequity.events.dates import resolve_dates

    assert [m.surface for m in resolve_dates("上周五", dt.datetime(1, 1, 2))] == []
    assert [m.surface for m in resolve_dates("下周五", dt.datetime(9999, 12, 30))] == []
    assert [m.surface for m in resolve_dates("上周五", dt.datetime(2025, 10, 13))] == ["上周五"]
