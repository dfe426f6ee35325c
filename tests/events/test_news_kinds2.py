"""Failure kinds seen on the fourth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts and English. One test (or parametrised group) per kind; each
asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reequity.events.dates import resolve_dates

from ._kinds import by_surface as _by_surface
from ._kinds import rows as _rows


# ---- cumulative statistics from the start of a year: 今年前N个月, 前三季度, 首季 -----------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("今年前十个月磁材出口共3万吨。", "2024-11-20", "今年前十个月", "2024-01-01", "2024-10-31"),
        ("今年前十個月磁材出口共3萬噸。", "2024-11-20", "今年前十個月", "2024-01-01", "2024-10-31"),
        ("2023 年前 5 月出口下降。", "2023-06-20", "2023 年前 5 月", "2023-01-01", "2023-05-31"),
        ("去年前三季度营收增长。", "2024-03-01", "去年前三季度", "2023-01-01", "2023-09-30"),
        ("公司前两季度净利下滑。", "2022-08-01", "前两季度", "2022-01-01", "2022-06-30"),
        ("2021年首季出口收入2億元。", "2021-05-01", "2021年首季", "2021-01-01", "2021-03-31"),
        ("首季度销量创新高。", "2020-04-20", "首季度", "2020-01-01", "2020-03-31"),
    ],
)  # fmt: skip
def test_year_to_date_is_a_period(text: str, pub: str, surface: str, start: str, end: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert (mention.date_start, mention.date_end) == (date.fromisoformat(start),
                                                      date.fromisoformat(end))  # fmt: skip
    assert mention.kind == "period"


def test_year_to_date_never_dates_a_policy_event() -> None:
    rows = _rows("今年前八个月，稀土出口管制下出口量下降。", "2025-09-20")
    assert not rows["今年前八个月"]["is_policy_event"]


# ---- a range of days in one month ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("股价于 3 月 2 日—6 日连续上涨。", "3 月 2 日—6 日"),
        ("談判於3月2日至6日舉行。", "3月2日至6日"),
        ("会议3月2-6日在京召开。", "3月2-6日"),
    ],
)
def test_day_range_in_one_month(text: str, surface: str) -> None:
    mention = _by_surface(text, "2023-03-20")[surface]
    assert (mention.date_start, mention.date_end) == (date(2023, 3, 2), date(2023, 3, 6))


def test_day_range_takes_a_stated_year() -> None:
    mention = _by_surface("2019年5月8日至10日，双方举行磋商。", "2023-03-20")["2019年5月8日至10日"]
    assert (mention.date_start, mention.date_end) == (date(2019, 5, 8), date(2019, 5, 10))


# ---- "the June 2023 quarter": an Australian reporting quarter with its year -----------------------
@pytest.mark.parametrize(
    ("surface", "start", "end"),
    [
        ("the September 2022 quarter", "2022-07-01", "2022-09-30"),
        ("the December 2021 quarter", "2021-10-01", "2021-12-31"),
    ],
)
def test_quarter_ending_with_a_year(surface: str, start: str, end: str) -> None:
    mention = _by_surface(f"Sales were the best since {surface}.", "2024-05-01")[surface]
    assert (mention.date_start, mention.date_end) == (date.fromisoformat(start),
                                                      date.fromisoformat(end))  # fmt: skip


# ---- a year that names a law ("the Defense Production Act of 1950") -----------------------------
def test_year_in_the_name_of_a_law_is_no_date() -> None:
    found = _by_surface(
        "Officials invoked the Defense Production Act of 1950 on Monday.", "2023-02-08"
    )
    assert "1950" not in found
    assert "on Monday" in found or "Monday" in found


# ---- 今日（1/20）: month and day in brackets after 今日 -------------------------------------------
@pytest.mark.parametrize(
    "text", ["海关今日（3/7）公布数据。", "海關今日(3/7)公布數據。", "海關週四（3/7）公布數據。"]
)
def test_today_with_month_day_in_brackets(text: str) -> None:
    (mention,) = [m for m in resolve_dates(text, "2024-03-07 10:00")]
    assert mention.date_start == mention.date_end == date(2024, 3, 7)


# ---- 当月 / 同月 / "that month": the nearest earlier month -----------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("今年5月，商务部宣布新的管制措施，当月出口大幅下滑。", "当月"),
        ("今年5月，商務部宣布新的管制措施，當月出口大幅下滑。", "當月"),
        ("今年5月8日商务部宣布管制，同月出口下降。", "同月"),
        ("China tightened controls in May 2024, and exports fell that month.", "that month"),
    ],
)
def test_same_month_anaphor(text: str, surface: str) -> None:
    mention = _by_surface(text, "2024-08-01")[surface]
    assert (mention.date_start, mention.date_end) == (date(2024, 5, 1), date(2024, 5, 31))
    assert "anaphora_previous_date" in mention.flags


def test_same_month_without_an_antecedent_is_the_publication_month() -> None:
    mention = _by_surface("当月出口减少。", "2024-08-10")["当月"]
    assert (mention.date_start, mention.date_end) == (date(2024, 8, 1), date(2024, 8, 31))
    assert "anaphora_publication_date" in mention.flags


# ---- a month whose elided figure "rose back to" a level is a statistics period ------------------
@pytest.mark.parametrize(
    "body",
    [
        "今年3月，商务部将钨纳入出口管制，出口随即下滑，5月回升至高点。",
        "今年3月，商務部將鎢納入出口管制，出口隨即下滑，5月回升至高點。",
    ],
)
def test_month_of_a_rebound_is_not_the_policy_date(body: str) -> None:
    rows = _rows(body, "2024-08-01")
    assert rows["今年3月"]["is_policy_event"]
    assert rows["5月"]["kind"] == "period" and not rows["5月"]["is_policy_event"]


# ---- future: "once it takes effect in July", "likely in August" --------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("The plant must close once the new licence condition takes effect in July.", "July",
         "2023-07-01"),
        ("Shipments could resume when the permit arrives, likely in September.", "September",
         "2023-09-01"),
    ],
)  # fmt: skip
def test_future_effect_and_likely(body: str, surface: str, start: str) -> None:
    rows = _rows(body, "2023-04-21", "Rare earth licence")
    row = rows[surface]
    assert row["date_start"] == pd.Timestamp(start)
    assert row["kind"] != "event" and not row["is_policy_event"]


def test_took_effect_stays_past() -> None:
    rows = _rows("China's export ban took effect in March.", "2023-04-21", "Rare earth ban")
    assert rows["March"]["date_start"] == pd.Timestamp("2023-03-01")
    assert rows["March"]["is_policy_event"]


# ---- a company's statement day is a report date; a ministry's is left to the other rules --------
@pytest.mark.parametrize(
    "body",
    [
        "盛和资源8日表示，出口管制实施后已获得部分出口许可。",
        "盛和資源8日在互動平台上稱，出口管制實施後已獲得部分出口許可。",
    ],
)
def test_company_statement_day_is_a_report(body: str) -> None:
    row = next(iter(_rows(body, "2025-06-09").values()))
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_ministry_statement_day_can_still_date_a_policy() -> None:
    rows = _rows("商务部8日表示，即日起对相关物项实施出口管制。", "2025-06-09")
    assert rows["8日"]["kind"] == "event"
    assert rows["即日起"]["is_policy_event"]


# ---- 暂缓 (suspend) is a relaxation; a 综合报导 byline is no report keyword -------------------------
@pytest.mark.parametrize(
    "body",
    [
        "〔综合报导〕商务部5日宣布，对相关物项的出口禁令暂缓实施。",
        "〔綜合報導〕商務部5日宣布，對相關物項的出口禁令暫緩實施。",
    ],
)
def test_deferral_under_a_byline_is_a_relaxation(body: str) -> None:
    row = _rows(body, "2025-11-05")["5日"]
    assert row["event_type"] == "export_control_relaxation" and row["is_policy_event"]


def test_a_real_report_keyword_still_counts() -> None:
    row = _rows("据路透报道，5日稀土价格上涨。", "2025-11-05")["5日"]
    assert not row["is_policy_event"]


def test_mu_qian_is_not_year_to_date() -> None:
    """目前三季度 is "now, the third quarter", not the first three quarters."""
    found = _by_surface("目前三季度订单充足。", "2024-08-01")
    assert "前三季度" not in found and "目前三季度" not in found


def test_a_leader_statement_day_is_not_a_company_report() -> None:
    rows = _rows("特朗普8日表示，将对进口稀土磁体加征关税。", "2025-06-09")
    assert rows["8日"]["kind"] == "event" and rows["8日"]["is_policy_event"]


# ---- a month range in one year; the first N months in English; bare forms that are not -------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("1-5月磁材出口增长。", "1-5月", "2022-01-01", "2022-05-31"),
        ("1至5月份累計出口2萬噸。", "1至5月份", "2022-01-01", "2022-05-31"),
        ("2021年3-5月出口回落。", "2021年3-5月", "2021-03-01", "2021-05-31"),
        ("前5月出口增加。", "前5月", "2022-01-01", "2022-05-31"),
        ("Shipments in the first five months of the year fell.", "the first five months of the year",
         "2022-01-01", "2022-05-31"),
        ("Sales in the first 10 months of last year rose.", "the first 10 months of last year",
         "2021-01-01", "2021-10-31"),
    ],
)  # fmt: skip
def test_month_ranges_are_periods(text: str, surface: str, start: str, end: str) -> None:
    mention = _by_surface(text, "2022-06-20")[surface]
    assert (mention.date_start, mention.date_end) == (date.fromisoformat(start),
                                                      date.fromisoformat(end))  # fmt: skip
    assert mention.kind == "period"


@pytest.mark.parametrize(
    "text", ["比前一个月减少8%。", "价格较前两个月回落。", "此前3个月出口下降。"]
)
def test_previous_months_are_not_year_to_date(text: str) -> None:
    assert all(m.date_start is None for m in resolve_dates(text, "2022-06-20"))


# ---- 同年: the year of the nearest earlier mention ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "2019年5月，美国提出诉讼；同年10月，商务部宣布管制。",
        "2019年5月，美國提出訴訟；同年10月，商務部宣布管制。",
    ],
)
def test_same_year_takes_the_earlier_year(text: str) -> None:
    mention = _by_surface(text, "2024-01-10")["同年10月"]
    assert (mention.date_start, mention.date_end) == (date(2019, 10, 1), date(2019, 10, 31))
    assert mention.year_source == "context"


# ---- English day ranges -----------------------------------------------------------------------
@pytest.mark.parametrize("surface", ["March 2-6", "March 2 to 6", "2-6 March", "2 to 6 March"])
def test_english_day_range(surface: str) -> None:
    mention = _by_surface(f"Talks were held {surface} in Geneva.", "2023-03-20")[surface]
    assert (mention.date_start, mention.date_end) == (date(2023, 3, 2), date(2023, 3, 6))


def test_a_percentage_range_is_not_a_day_range() -> None:
    found = _by_surface("Prices rose May 3-5% higher.", "2023-06-20")
    assert "May 3-5" not in found
