"""Failure kinds seen on the second held-out real-news set (issue 10), on hand-written
sentences in our own words, in both scripts and English. One test (or parametrised group) per
kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events


def _by_surface(text: str, pub: str) -> dict:
    return {m.surface: m for m in resolve_dates(text, pub)}


def _rows(body: str, pub: str, title: str = "稀土") -> dict:
    frame = extract_events(f"{title}\nWire· {pub}\n{body}\n")
    return {r["surface"]: r for r in frame.to_dict("records")}


# ---- a dateline resolves against the publication date, not a year named elsewhere ---------------
@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("商務部公布2012年首批稀土出口配額", "新華社北京12月27日電 商務部27日公布2012年首批配額。"),
        ("商务部公布2012年首批稀土出口配额", "新华社北京12月27日电 商务部27日公布2012年首批配额。"),
    ],
)  # fmt: skip
def test_dateline_ignores_the_year_of_the_quota(title: str, body: str) -> None:
    rows = _rows(body, "2011-12-27 17:00", title)
    dateline = rows["12月27日"]
    assert dateline["date_start"] == dateline["date_end"] == pd.Timestamp("2011-12-27")
    assert dateline["kind"] == "report" and "dateline" in dateline["flags"]
    assert rows["27日"]["date_start"] == pd.Timestamp("2011-12-27")
    assert rows["27日"]["is_policy_event"]


# ---- a later quota / comparison year does not lend its year to a date ---------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("商务部于12月13日下达了2014年第一批稀土出口配额", "2013-12-24", "12月13日", "2013-12-13"),
        ("商務部於12月13日下達了2014年第一批稀土出口配額", "2013-12-24", "12月13日", "2013-12-13"),
        ("7月14日，商务部发布下半年配额，全年总量略低于2010年水平", "2011-07-20", "7月14日",
         "2011-07-14"),
    ],
)  # fmt: skip
def test_later_period_year_is_not_borrowed(text: str, pub: str, surface: str, day: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.date_start == date.fromisoformat(day) and mention.kind == "event"


# ---- year ranges are periods --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("配额按企业2008年至2010年的出口实绩分配", ["2008年", "2010年"]),
        ("配額按企業2007年-2009年1-10月份的出口實績分配", ["2007年", "2009年", "10月份"]),
        ("allocations follow exports from 2008 to 2010", ["2008", "2010"]),
    ],
)  # fmt: skip
def test_year_ranges_are_periods(text: str, surfaces: list[str]) -> None:
    found = _by_surface(text, "2011-01-05")
    assert [found[s].kind for s in surfaces] == ["period"] * len(surfaces)


# ---- comparison and quota years are periods -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("China set this year's quota on Tuesday", "this year"),
        ("the quota fell 10 percent from last year", "last year"),
        ("shipments were lower than in 2010", "2010"),
        ("2011年配额执行不足一半", "2011年"),
        ("全年配額略低於2010年出口水平", "2010年"),
    ],
)  # fmt: skip
def test_comparison_and_quota_years_are_periods(text: str, surface: str) -> None:
    assert _by_surface(text, "2012-07-20")[surface].kind == "period"


# ---- spokesperson and briefing dates are report dates -------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface"),
    [
        ("商務部發言人束珏婷6日在例行記者會上表示，管制不是禁止", "2023-07-06", "6日"),
        ("商务部发言人6日在例行新闻发布会上说，管制不是禁止", "2023-07-06", "6日"),
        ("商务部官员8日对记者说，配额将保持稳定", "2013-12-10", "8日"),
        ("12月23日，據商務部網站消息，發言人表示配額穩定", "2013-12-24", "12月23日"),
        ("Japan's trade minister told reporters on Tuesday that the cut was expected", "2010-12-30",
         "on Tuesday"),
        ("The prime minister said in a media release on Monday that the loan mattered",
         "2022-04-06", "on Monday"),
        ("A ministry spokeswoman said on Thursday that talks continue", "2025-07-12",
         "on Thursday"),
        ("A fact sheet released last week had claimed Beijing would issue licences", "2025-11-07",
         "last week"),
    ],
)  # fmt: skip
def test_speaking_dates_are_report_dates(text: str, pub: str, surface: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.kind == "report" and "report_date" in mention.flags


@pytest.mark.parametrize(
    "text",
    [
        "商务部7月3日在新闻发布会上宣布对镓、锗实施出口管制",
        "商務部發言人7月3日在記者會上宣布管制措施",
    ],
)
def test_an_announcement_at_a_briefing_dates_the_policy(text: str) -> None:
    assert _by_surface(text, "2023-07-06")["7月3日"].kind == "event"


def test_a_ministry_speaking_at_its_briefing_dates_its_policy() -> None:
    text = (
        "The commerce ministry said at a news conference on Thursday it will curb graphite exports"
    )
    assert _by_surface(text, "2023-10-22")["on Thursday"].kind == "event"


def test_the_policys_own_date_is_kept_beside_the_briefing() -> None:
    body = "商务部发言人6日在发布会上说，商务部、海关总署7月3日发布了镓、锗出口管制公告。"
    rows = _rows(body, "2023-07-06 20:00")
    assert rows["6日"]["kind"] == "report" and not rows["6日"]["is_policy_event"]
    assert rows["7月3日"]["is_policy_event"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("香港新聞網7月6日電 7月6日，商務部召開例行記者會，發言人回應鎵鍺管制", "7月6日"),
        ("7月6日，商务部召开例行新闻发布会，发言人回应镓锗管制", "7月6日"),
        ("商务部6日举行例行记者会，回应镓锗管制", "6日"),
    ],
)  # fmt: skip
def test_the_day_a_briefing_is_held_is_a_report_date(text: str, surface: str) -> None:
    mention = [m for m in resolve_dates(text, "2023-07-06") if m.surface == surface][-1]
    assert mention.kind == "report" and "report_date" in mention.flags


# ---- "from the day of publication" is an anaphor, like 即日起 ------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("第18号公告于2025年4月4日发布，自发布之日起实施", "自发布之日起"),
        ("第18號公告於2025年4月4日發布，自公布日起實施", "自公布日起"),
        ("The notice was issued on April 4, 2025, effective immediately", "effective immediately"),
    ],
)  # fmt: skip
def test_from_publication_day_takes_the_announcement_date(text: str, surface: str) -> None:
    mention = _by_surface(text, "2025-04-10")[surface]
    assert mention.date_start == date(2025, 4, 4)
    assert "anaphora_previous_date" in mention.flags


def test_from_publication_day_without_a_date_is_the_publication_day() -> None:
    mention = _by_surface("本办法自发布之日起施行", "2025-04-10")["自发布之日起"]
    assert mention.date_start == date(2025, 4, 10)
    assert "anaphora_publication_date" in mention.flags


# ---- weekends and quarters without 度 -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("上週末，商務部宣布暫停管制", "2025-11-10", "上週末", "2025-11-08", "2025-11-09"),
        ("上周末商务部宣布暂停管制", "2025-11-12", "上周末", "2025-11-08", "2025-11-09"),
        ("Beijing announced over the weekend", "2025-11-10", "over the weekend", "2025-11-08",
         "2025-11-09"),
        ("公司第三季營收增長", "2025-11-10", "第三季", "2025-07-01", "2025-09-30"),
        ("今年一季出口下降", "2025-05-10", "今年一季", "2025-01-01", "2025-03-31"),
        ("2024年第四季出口回升", "2025-05-10", "2024年第四季", "2024-10-01", "2024-12-31"),
    ],
)  # fmt: skip
def test_weekends_and_short_quarters(text: str, pub: str, surface: str, start: str,
                                     end: str) -> None:  # fmt: skip
    mention = _by_surface(text, pub)[surface]
    assert (mention.date_start, mention.date_end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def test_four_seasons_is_not_a_quarter() -> None:
    assert resolve_dates("当地四季如春", "2025-05-10") == []


# ---- a past announcement named in a later article is a dated event ------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("分析称，中国2022年6月宣布的稀土出口管制措施至今有效。", "2022年6月", "2022-06-01"),
        ("分析稱，中國2022年6月宣布的稀土出口管制措施至今有效。", "2022年6月", "2022-06-01"),
        ("Under the new contract, DoD funding rises from the US$120 million announced in June 2022.",
         "June 2022", "2022-06-01"),
    ],
)  # fmt: skip
def test_past_announcement_is_an_event(body: str, surface: str, start: str) -> None:
    row = _rows(body, "2023-08-01 10:00", "Lynas DoD contract")[surface]
    assert row["date_start"] == pd.Timestamp(start)
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- dates that bound a fiscal year are not events ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub"),
    [
        ("澳洲政府表示，始自7月1日的本財年將撥款支持稀土加工", "2025-06-20"),
        ("澳洲政府表示，始自7月1日的本财年将拨款支持稀土加工", "2025-08-20"),
        ("funding in the fiscal year starting July 1 supports processing", "2025-08-20"),
    ],
)  # fmt: skip
def test_fiscal_year_bounds_are_not_events(text: str, pub: str) -> None:
    mention = next(m for m in resolve_dates(text, pub) if m.granularity == "day")
    assert mention.kind != "event"


# ---- a year or half-year alone is not a policy event (a catalogue link may give the day) ---
@pytest.mark.parametrize(
    "body",
    [
        "Lynas received its licence renewal for the Malaysian plant in 2021.",
        "2024年，国家出台《稀土管理条例》，实施总量调控。",
        "2024年，國家出台《稀土管理條例》，實施總量調控。",
        "China announced its rare earth export quota for the second half of this year.",
        "商务部公布下半年稀土出口配额。",
    ],
)
def test_year_or_half_only_is_not_a_policy_event(body: str) -> None:
    rows = _rows(body, "2025-04-07 10:00")
    assert rows and not any(r["is_policy_event"] for r in rows.values())


def test_year_only_mention_still_links_the_catalogue() -> None:
    body = "China cut rare-earth supply to Japan in 2010 amid a maritime dispute."
    row = _rows(body, "2025-01-10 10:00", "history")["2010"]
    assert not row["is_policy_event"]
    assert row["catalogue_id"] == "cn_japan_embargo_2010_09_23"


# ---- type of a date whose own clause names none ---------------------------------------------------
def test_dates_qualifying_an_earlier_noun_take_its_type() -> None:
    body = ("Earlier restrictions, including those imposed in August 2023 on gallium and in "
            "April 2025 on dysprosium, are not mentioned.")  # fmt: skip
    rows = _rows(body, "2025-11-07 15:00", "suspension")
    assert rows["August 2023"]["event_type"] == rows["April 2025"]["event_type"] == "export_control"
    assert rows["August 2023"]["is_policy_event"] and rows["April 2025"]["is_policy_event"]


def test_a_qualifying_clause_takes_the_type_of_the_clause_it_qualifies() -> None:
    body = ("China has suspended its expanded rare earth export controls for one year, effective "
            "from early November 2025, following a trade agreement with the United States.")  # fmt: skip
    row = _rows(body, "2025-11-10 10:00", "suspension")["early November 2025"]
    assert row["event_type"] == "export_control_relaxation" and row["is_policy_event"]


def test_a_background_clause_does_not_type_an_earlier_date() -> None:
    body = "The list was widened on October 9 and applied on October 10, after a summit with Japan."
    row = _rows(body, "2025-10-12 10:00", "news")["October 9"]
    assert row["event_type"] != "diplomatic_meeting"


def test_first_months_of_a_year_are_statistics() -> None:
    text = "in the first 11 months of 2010, China exported 35,000 tonnes"
    assert _by_surface(text, "2011-01-05")["2010"].kind == "period"


def test_a_month_naming_controls_is_not_a_statistics_period() -> None:
    found = _by_surface("China suspends October export tightening", "2025-11-07")
    assert found["October"].kind == "event"
    assert _by_surface("October exports fell 30 percent", "2025-11-07")["October"].kind == "period"


def test_an_official_statement_is_not_a_market_report() -> None:
    body = ("According to a statement released Friday by the Ministry of Commerce, the suspension "
            "covers the measures on rare earth materials.")  # fmt: skip
    row = _rows(body, "2025-11-08 10:00", "rare earths")["Friday"]
    assert row["event_type"] == "export_control_relaxation" and row["is_policy_event"]


@pytest.mark.parametrize(
    "body", ["中國稀土集團昨日在贛州正式組建成立。", "中国稀土集团昨日在赣州正式组建成立。"]
)
def test_founding_a_state_group_is_industrial_policy(body: str) -> None:
    row = _rows(body, "2021-12-24 04:30")["昨日"]
    assert row["event_type"] == "industrial_policy" and row["is_policy_event"]


@pytest.mark.parametrize(
    "text", ["國家經貿委發布的公告(二○○二年第77號)公布了配額", "公告（二〇〇二年第七十七号）"]
)
def test_document_numbers_with_chinese_numeral_years_hold_no_date(text: str) -> None:
    assert resolve_dates(text, "2003-09-10") == []
