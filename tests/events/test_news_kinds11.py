"""Failure kinds seen on the thirteenth and fourteenth held-out real-news sets (issue 10:
official and institutional texts, general news), on hand-written sentences in our own words, in
English and both Chinese scripts. One parametrised group per kind, each with near misses that
must not match; none is a fixture sentence. What counts as an event follows
tests/events/fixtures/ANNOTATION.md.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return str(mention.date_start), str(mention.date_end)


# ---- a five-year plan named by its number is its five years, a period ------------------------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("“十三五”期间，我国将严控稀土开采总量。", "十三五", ("2016-01-01", "2020-12-31")),
        ("十二五时期，工信部会同有关部门开展专项整治。", "十二五时期", ("2011-01-01", "2015-12-31")),
        ("國家在十四五規劃中提出保障戰略資源安全。", "十四五規劃", ("2021-01-01", "2025-12-31")),
        ("十一五期间稀土出口配额逐年下降。", "十一五期间", ("2006-01-01", "2010-12-31")),
        ("Output targets for the 14th Five-Year Plan period were met early.",
         "14th Five-Year Plan period", ("2021-01-01", "2025-12-31")),
        ("Under the thirteenth five-year plan, Beijing capped mining.",
         "thirteenth five-year plan", ("2016-01-01", "2020-12-31")),
    ],
)  # fmt: skip
def test_a_numbered_five_year_plan_is_its_years(text: str, surface: str, span: tuple) -> None:
    found = by_surface(text, "2025-10-16")
    mention = found[surface]
    assert _span(mention) == span and mention.kind == "period"


@pytest.mark.parametrize(
    "text",
    [
        "三十五家稀土企业参加了会议。",  # thirty-five firms
        "十五人在事故中受伤。",  # fifteen people
        "The company unveiled a five-year plan for its mines.",  # no number: no years
    ],
)
def test_a_number_or_an_unnumbered_plan_is_no_plan_period(text: str) -> None:
    assert not any(m.kind == "period" for m in by_surface(text, "2025-10-16").values())


# ---- YYYY第N号 is a document's year and number, not a date --------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "商务部公告2025第61号对稀土技术实施管制。",
        "商務部、海關總署公告2025第61號及第62號同日發布。",
        "依据2024第 46 号公告，相关物项须申领许可证。",
        "The ministry's notice 2025第18号 lists the items.",
    ],
)
def test_a_year_before_a_document_number_is_no_year(text: str) -> None:
    assert not any(m.surface.startswith("202") for m in by_surface(text, "2025-10-16").values())


@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("公告于2025年第61天发布。", "2025年", ("2025-01-01", "2025-12-31")),  # 年 written
        ("2025第一季度稀土出口下降。", "2025", ("2025-01-01", "2025-12-31")),  # a quarter
    ],
)  # fmt: skip
def test_a_year_before_other_ordinals_stays_a_year(text: str, surface: str, span: tuple) -> None:
    assert _span(by_surface(text, "2025-10-16")[surface]) == span


# ---- the 本 that ends 日本 / 成本 / 资本 does not hide the month after it -------------------------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("日本3月宣布将稀土列入经济安全清单。", "3月", ("2025-03-01", "2025-03-31")),
        ("日本3月份的稀土进口明显减少。", "3月份", ("2025-03-01", "2025-03-31")),
        ("日本9月對華出口下滑。", "9月", ("2025-09-01", "2025-09-31"[:8] + "30")),
        ("稀土冶炼成本4月上涨两成。", "4月", ("2025-04-01", "2025-04-30")),
    ],
)  # fmt: skip
def test_a_month_after_the_tail_of_a_word_is_a_month(text: str, surface: str, span: tuple) -> None:
    assert _span(by_surface(text, "2025-10-16")[surface]) == span


@pytest.mark.parametrize("text", ["本3月的数据", "一本3月号的杂志"])
def test_a_month_after_a_bare_or_counting_ben_is_no_month(text: str) -> None:
    assert not by_surface(text, "2025-10-16")


# ---- "this week" of a past act is Monday through publication, not the whole week -------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Washington this week took the first step toward a WTO case.", "this week"),
        ("Beijing this week imposed new curbs on gallium exports.", "this week"),
        ("This week the EU and Japan requested consultations too.", "This week"),
        ("本周商务部宣布对部分稀土物项实施出口管制。", "本周"),
        ("本週經濟部公布了新的出口規定。", "本週"),
    ],
)  # fmt: skip
def test_this_week_of_a_past_act_ends_at_publication(text: str, surface: str) -> None:
    found = by_surface(text, "2012-03-14")  # a Wednesday
    assert _span(found[surface]) == ("2012-03-12", "2012-03-14")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The ministry will publish the list this week.", "this week"),  # a future clause
        ("商务部将于本周公布名单。", "本周"),
    ],
)  # fmt: skip
def test_this_week_in_a_future_clause_stays_the_week(text: str, surface: str) -> None:
    assert _span(by_surface(text, "2012-03-14")[surface]) == ("2012-03-12", "2012-03-18")


# ---- a press conference's day and an agency's bracketed dateline are reports ------------------
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("Senior officials said in a March 13 press conference that they hoped China would "
         "bring its export restraints into line with WTO rules.", "March 13", "report"),
        ("Speaking at a Thursday news briefing, the trade representative said the quotas "
         "hurt American firms.", "Thursday", "report"),
        ("In a May 5 media briefing the minister defended the export quotas.", "May 5", "report"),
        ("WASHINGTON (Sputnik - 25th July, 2020) - The Pentagon awarded a rare earth "
         "processing contract.", "25th July, 2020", "dateline"),
        ("BEIJING (Xinhua, Oct 24) -- China imposed export controls on rare earths.", "Oct 24",
         "dateline"),
        ("TOKYO (Kyodo - March 3) The ministry tightened export rules.", "March 3", "dateline"),
    ],
)  # fmt: skip
def test_a_briefing_day_or_bracketed_dateline_is_a_report(
    body: str, surface: str, kind: str
) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]
    assert (kind == "dateline") == ("dateline" in by_surface(body, "2025-10-24")[surface].flags)


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        # the act is announced at the briefing
        ("At a March 13 press conference, the ministry announced export controls on gallium.",
         "March 13"),
        # a date in brackets that no agency opens
        ("The ban took effect (on March 13) after a review of rare earth exports.", "March 13"),
    ],
)  # fmt: skip
def test_an_act_announced_at_a_briefing_stays_an_event(body: str, surface: str) -> None:
    assert _rows(body, "2025-10-24", title="Rare earths")[surface]["is_policy_event"]


# ---- a year-less day or month that 上路 / 生效 (comes into force) is the nearest one -------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("影响最大的可能是12月1日上路的全球出口许可制度。", "12月1日", "2025-12-01"),
        ("報導指出，12月上路的新制度將波及外國企業。", "12月", "2025-12-01"),
        ("稀土新规12月正式上路，企业须提前申报。", "12月", "2025-12-01"),
        ("11月8日生效的管制措施涉及12种稀土元素。", "11月8日", "2025-11-08"),
        ("新的许可要求1月生效后，出口商须逐笔申报。", "1月", "2026-01-01"),
    ],
)  # fmt: skip
def test_a_day_that_comes_into_force_is_the_nearest(text: str, surface: str, day: str) -> None:
    mention = by_surface(text, "2025-10-16")[surface]
    assert str(mention.date_start) == day and mention.kind != "event"


@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("10月1日生效的条例要求企业申报库存。", "10月1日", "2025-10-01"),  # already in force
        ("12月1日上调的出口关税推高了价格。", "12月1日", "2024-12-01"),  # no 上路: a past act
    ],
)  # fmt: skip
def test_a_day_without_a_future_force_stays_past(text: str, surface: str, day: str) -> None:
    assert str(by_surface(text, "2025-10-16")[surface].date_start) == day


# ---- 要求…取得…许可证 is an export control; a ministry's 意见书 / 指导意见 is a state plan -------
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("中国稀土出口自四月初以来已经放缓，当时北京开始要求国内生产商取得出口七种稀土的"
         "许可证。", "四月初", "export_control"),
        ("4月4日，商务部开始要求出口商申请七种中重稀土的出口许可。", "4月4日", "export_control"),
        ("北京4日起要求企業取得出口許可證才能出貨。", "4日", "export_control"),
        ("工信部周五發出意見書，提出要加快建設稀土功能材料創新中心。", "周五", "industrial_policy"),
        ("工信部3日印发关于稀土行业的指导意见，提出加快整合。", "3日", "industrial_policy"),
        ("国务院10日发布《关于促进稀土行业持续健康发展的若干意见》。", "10日", "industrial_policy"),
    ],
)  # fmt: skip
def test_a_licence_requirement_or_ministry_guidance_is_policy(
    body: str, surface: str, kind: str
) -> None:
    row = _rows(body, "2025-10-16")[surface]
    assert row["is_policy_event"] and row["event_type"] == kind


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("专家周五发表意见，认为稀土价格将上涨。", "周五"),  # an expert's opinion
        ("工信部周五听取企业意见。", "周五"),  # hearing views is no plan
    ],
)  # fmt: skip
def test_an_opinion_or_a_hearing_is_no_policy(body: str, surface: str) -> None:
    assert not _rows(body, "2025-10-16")[surface]["is_policy_event"]


# ---- a request for WTO consultations or a dispute panel is a trade dispute --------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The European Union and Japan also requested panels on the matter today.", "today"),
        ("On Monday Canada requested a dispute settlement panel over the export duties.",
         "On Monday"),
        ("Japan on Tuesday asked for a WTO panel on the restraints.", "on Tuesday"),
        ("The United States requested formal consultations on Friday.", "on Friday"),
    ],
)  # fmt: skip
def test_a_panel_or_consultation_request_is_a_dispute(body: str, surface: str) -> None:
    assert _rows(body, "2012-06-27", title="Rare earths")[surface]["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The chef requested a panel of tasters on Friday.", "on Friday"),
        ("On Friday the firm asked for a panel discussion on supply.", "On Friday"),
    ],
)  # fmt: skip
def test_a_panel_of_people_or_a_discussion_is_no_dispute(body: str, surface: str) -> None:
    assert not _rows(body, "2012-06-27", title="Rare earths")[surface]["is_policy_event"]


# ---- a spokesman's denial, a meeting with the press and a paper's article date words ---------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("On Thursday a Commerce Ministry spokesman, Chen Rongkai, had denied that Beijing "
         "ordered any ban.", "On Thursday"),
        ("On Monday, a foreign ministry spokeswoman denied that the curbs targeted Tokyo.",
         "On Monday"),
        ("The minister reviewed the export control plan at a press conference in Beijing on "
         "July 18.", "July 18"),
        ("Officials defended the quotas at a news briefing on Tuesday.", "on Tuesday"),
        ("法国BFMTV电视台12日发表文章，称稀土出口管制是中国的王牌。", "12日"),
        ("人民日報周日刊文指出，出口管制合法合規。", "周日"),
        ("该报20日发表评论说，稀土配额制度应当改革。", "20日"),
    ],
)  # fmt: skip
def test_a_denial_briefing_or_article_day_is_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        # the act's own sentence; the denial is the state's about its aim
        ("On Thursday China banned exports of gallium, a move it denied was aimed at Japan.",
         "On Thursday"),
        ("At a news conference on Thursday, the ministry announced export controls on gallium.",
         "on Thursday"),
        ("商务部12日发布公告，对稀土实施出口管制。", "12日"),  # a ministry's notice is the act
    ],
)  # fmt: skip
def test_an_act_beside_a_denial_or_briefing_stays_an_event(body: str, surface: str) -> None:
    assert _rows(body, "2025-10-24", title="Rare earths")[surface]["is_policy_event"]


# ---- inside reported speech the act's own date is the act's; a saying of a halt is a report ---
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("A spokesperson said that in April this year the government had put export controls "
         "on rare earth items.", "April this year"),
        ("A ministry spokesman said that on Monday the government had suspended gallium "
         "export licences.", "on Monday"),
        ("The spokeswoman said that in March Beijing had imposed quotas on tungsten.", "March"),
        ("A spokesman said that in 2023 the ministry had banned exports of rare earth "
         "processing technology.", "2023"),
    ],
)  # fmt: skip
def test_an_act_dated_inside_reported_speech_keeps_its_date(body: str, surface: str) -> None:
    mention = by_surface(body, "2025-10-24")[surface]
    assert mention.kind == "event" and "report_date" not in mention.flags


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Officials at two Japanese trading companies said Friday that China's shipments of "
         "rare earth elements to Japan had been halted.", "Friday"),
        ("Executives said on Monday that their gallium shipments to Europe had been blocked.",
         "on Monday"),
        ("A spokesman Li Wei said on Tuesday the quotas were lawful.", "on Tuesday"),
    ],
)  # fmt: skip
def test_the_day_of_saying_a_halt_or_of_a_named_spokesman_is_a_report(
    body: str, surface: str
) -> None:
    assert by_surface(body, "2025-10-24")[surface].kind == "report"
