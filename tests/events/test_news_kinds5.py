"""Failure kinds seen on the seventh held-out real-news set (issue 10), on hand-written
sentences in our own words, in both scripts and English. One test (or parametrised group) per
kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


# ---- a denial, a restatement ("也说") or a speaker after a leading date dates a report ----------
@pytest.mark.parametrize(
    ("body", "pub", "surface"),
    [
        ("On Wednesday a foreign ministry spokeswoman denied that rare earth exports had been banned.", "2012-05-11", "On Wednesday"),
        ("Beijing denied on Monday that it had stopped rare earth shipments.", "2012-05-11", "on Monday"),
        ("On Tuesday, a commerce ministry official said the export quotas were lawful.", "2012-05-11", "On Tuesday"),
        ("商务部9日否认对欧洲实施稀土禁运。", "2012-05-11", "9日"),
        ("海關總署8日否認暫停稀土出口。", "2012-05-11", "8日"),
        ("商务部本月3日也说，合规的稀土出口许可申请均已获批。", "2025-12-20", "本月3日"),
        ("商務部10日又表示，稀土出口管制措施不針對任何國家。", "2025-12-20", "10日"),
    ],
)  # fmt: skip
def test_denial_or_repeated_words_date_a_report(body: str, pub: str, surface: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, pub, title)[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        # a closing attribution keeps the policy's date
        ("China resumed rare earth exports to Japan on Friday, two trading house officials said.", "on Friday"),
        ("On Tuesday the commerce ministry imposed export controls on rare earths.", "On Tuesday"),
        ("商务部9日宣布，批准部分稀土出口许可申请。", "9日"),
    ],
)  # fmt: skip
def test_announcements_stay_events_next_to_the_report_rules(body: str, surface: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, "2025-12-20", title)[surface]
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- shipments that "were suspended" / 暂停出口: a halt of exports, phrased at length -----------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Traders said shipments of rare earth oxides bound for Europe were suspended on Monday.", "on Monday"),
        ("Rare earth exports to the United States have been halted since Tuesday, an official said.", "Tuesday"),
        ("海关3日起暂停对日本的稀土出口。", "3日"),
        ("對日稀土出口3日遭暫停。", "3日"),
    ],
)  # fmt: skip
def test_suspended_shipments_are_an_export_control(body: str, surface: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, "2012-05-11", title)[surface]
    assert row["is_policy_event"] and row["event_type"] == "export_control"


def test_suspending_controls_stays_a_relaxation() -> None:
    row = _rows("商务部3日宣布暂停实施稀土出口管制措施。", "2012-05-11")["3日"]
    assert row["event_type"] == "export_control_relaxation"


# ---- a span of years is one period from its first January to its last December ----------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("配额按企业2005年至2007年的出口实绩分配。", "2005年至2007年", "2005-01-01", "2007-12-31"),
        ("配額參考2005 年到 2007 年的出口量。", "2005 年到 2007 年", "2005-01-01", "2007-12-31"),
        ("Quotas follow exports from 2005 to 2007.", "from 2005 to 2007", "2005-01-01", "2007-12-31"),
        ("Output between 2005 and 2007 doubled.", "between 2005 and 2007", "2005-01-01", "2007-12-31"),
    ],
)  # fmt: skip
def test_year_span_is_one_period(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2011-07-14")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)
    assert mention.kind == "period"


def test_year_span_closed_by_a_month_range_is_one_period() -> None:
    """2005年-2007年1-10月份 is one record period, to the last month of the last year (as the
    ninth held-out set annotates it; it was split into 2005年 and 2007年1-10月份 before)."""
    found = by_surface("配额按企业2005年-2007年1-10月份的出口实绩分配。", "2011-07-14")
    got = found["2005年-2007年1-10月份"]
    assert (got.date_start.isoformat(), got.date_end.isoformat(), got.kind) == (
        "2005-01-01", "2007-10-31", "period")  # fmt: skip


# ---- the day before / after: relative to the nearest earlier day, not a one-day duration -------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("5月6日稀土价格指数为420点，比前一日下跌3点。", "2024-05-08", "前一日", "2024-05-05"),
        ("5月6日稀土價格指數為420點，較前一天下跌3點。", "2024-05-08", "前一天", "2024-05-05"),
        ("商务部5月6日公布配额，次日企业开始申领。", "2024-05-08", "次日", "2024-05-07"),
        ("The quota was announced on May 6 and traders began bidding the next day.", "2024-05-08", "the next day", "2024-05-07"),
        ("Prices fell on May 6 after rising the previous day.", "2024-05-08", "the previous day", "2024-05-05"),
        ("Prices had risen a day earlier.", "2024-05-08", "a day earlier", "2024-05-07"),
    ],
)  # fmt: skip
def test_day_before_or_after_an_earlier_day(text: str, pub: str, surface: str, day: str) -> None:
    mention = by_surface(text, pub)[surface]
    assert mention.date_start.isoformat() == day == mention.date_end.isoformat()


def test_the_day_before_a_named_event_is_no_date() -> None:
    assert "the day before the meeting" not in by_surface(
        "Prices rose the day before the meeting.", "2024-05-08"
    )


# ---- the same period last year repeats the period named just before it, a year back ------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("Revenue was A$90 million for the three months ended December 31, up from A$80 million in the same period last year.", "2024-01-25", "the same period last year", "2022-10-01", "2022-12-31"),
        ("Output rose 10% in the second quarter from the same quarter a year earlier.", "2024-08-01", "the same quarter a year earlier", "2023-04-01", "2023-06-30"),
        ("公司前三季度营收20亿元，去年同期为18亿元。", "2024-10-30", "去年同期", "2023-01-01", "2023-09-30"),
        ("公司上半年營收20億元，較上年同期增長一成。", "2024-08-20", "上年同期", "2023-01-01", "2023-06-30"),
        ("去年同期出口下降。", "2024-08-20", "去年同期", "2023-01-01", "2023-12-31"),
    ],
)  # fmt: skip
def test_same_period_last_year(text: str, pub: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, pub)[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)
    assert mention.kind == "period"


# ---- a reporting period may end on an abbreviated month ("Sept. 30", "Dec 31") ----------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Sales were A$95 million for the three months ended Sept. 30.", "the three months ended Sept. 30", "2024-07-01", "2024-09-30"),
        ("Profit for the six months to Jun 30 fell.", "the six months to Jun 30", "2024-01-01", "2024-06-30"),
    ],
)  # fmt: skip
def test_reporting_period_with_abbreviated_month(
    text: str, surface: str, start: str, end: str
) -> None:
    mention = by_surface(text, "2024-10-23")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


# ---- measures (办法 / 实施细则 / 暂行规定) and total-quantity control are industrial policy -------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("工信部5月8日消息，三部门日前联合公布《稀土开采总量调控管理暂行办法》。", "5月8日"),
        ("工業和信息化部5月8日發布《稀土產品追溯管理辦法》。", "5月8日"),
        ("商务部5月8日印发稀土出口管理的实施细则。", "5月8日"),
        ("《稀土冶炼分离总量调控办法》自公布之日起施行。", "自公布之日起"),
    ],
)  # fmt: skip
def test_measures_are_industrial_policy(body: str, surface: str) -> None:
    row = _rows(body, "2025-05-10")[surface]
    assert row["is_policy_event"] and row["event_type"] == "industrial_policy"


def test_the_common_word_banfa_is_no_policy() -> None:
    row = _rows("他说5月8日实在没有办法完成。", "2025-05-10")["5月8日"]
    assert not row["is_policy_event"]


# ---- a bare 一季 / 二季 / 三季 (no 度, no 第, no year) is a quarter; 四季 stays the seasons -------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("公司拟将一季稀土精矿价格上调2.4%。", "一季", "2026-01-01", "2026-03-31"),
        ("公司二季營收按季增長。", "二季", "2025-04-01", "2025-06-30"),
    ],
)  # fmt: skip
def test_bare_quarter(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2026-01-12" if "一季" in text else "2025-08-20")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["这里四季如春。", "每一季都召开例会。", "单季利润创新高。"])
def test_seasons_and_each_quarter_are_no_date(text: str) -> None:
    assert not [m for m in by_surface(text, "2025-08-20").values() if m.granularity == "quarter"]


# ---- a day or a relative month inside a recurring rule (每月10日前 … 上月) is no date ------------
@pytest.mark.parametrize(
    "text",
    ["企业须于每月10日前将上月生产数据报送主管部门。", "企業須於每月10日前將上月流向資訊錄入系統。", "企业每月5日前报送上月数据。"],
)  # fmt: skip
def test_recurring_rule_names_no_date(text: str) -> None:
    assert not [m for m in by_surface(text, "2025-08-25").values() if m.date_start is not None]


def test_relative_month_outside_a_rule_is_still_a_date() -> None:
    mention = by_surface("上月稀土出口下降。", "2025-08-25")["上月"]
    assert mention.date_start.isoformat() == "2025-07-01"


# ---- a complaint to the WTO (申诉 / 投诉 / 诉诸) about quotas is a trade dispute, not a quota ----
@pytest.mark.parametrize(
    "body",
    ["美国、欧盟及日本3月13日就中国的稀土出口配额制度向世贸组织申诉。", "美國3月13日就稀土出口配額向世貿投訴。"],
)  # fmt: skip
def test_complaint_about_quotas_is_a_trade_dispute(body: str) -> None:
    row = _rows(body, "2012-03-20")["3月13日"]
    assert row["is_policy_event"] and row["event_type"] == "trade_dispute"


# ---- a month followed by "regarding the quota" and an act (就…申诉) is the act's date ----------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("美國、歐盟及日本前年三月就中國的稀土出口配額制度向世貿申訴。", "前年三月"),
        ("美国去年3月针对中国稀土出口配额发表声明并向世贸组织起诉。", "去年3月"),
    ],
)  # fmt: skip
def test_month_of_an_act_about_quotas_is_no_period(body: str, surface: str) -> None:
    row = _rows(body, "2014-03-27")[surface]
    assert row["kind"] == "event" and row["is_policy_event"]


def test_month_of_a_quota_figure_stays_a_period() -> None:
    assert _rows("去年3月稀土出口配额为1万吨。", "2014-03-27")["去年3月"]["kind"] == "period"


# ---- a financial year: July to June in an article about Australia, else the calendar year -----
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Lynas expects the Texas plant to run in the financial year 2026.", "the financial year 2026", "2025-07-01", "2026-06-30"),
        ("The Australian miner targets output by the end of FY27.", "by the end of FY27", "2026-07-01", "2027-06-30"),
        ("澳洲莱纳斯2025财年营收下降。", "2025财年", "2024-07-01", "2025-06-30"),
        ("MP Materials guided for fiscal 2025 revenue growth.", "fiscal 2025", "2025-01-01", "2025-12-31"),
    ],
)  # fmt: skip
def test_financial_year(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2025-08-14")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)
    assert mention.kind != "event"


# ---- a results report's bare ordinal quarter is the quarter it reports (a fiscal quarter) ------
@pytest.mark.parametrize(
    ("text", "pub", "start", "end"),
    [
        ("Arafura reported higher first-quarter spending. Costs for the three months ended Sept. 30 rose.", "2024-10-23", "2024-07-01", "2024-09-30"),
        ("The magnet maker said first-quarter profit, for the three months ended June 30, doubled.", "2024-08-07", "2024-04-01", "2024-06-30"),
    ],
)  # fmt: skip
def test_bare_quarter_of_a_results_report_is_the_reported_quarter(
    text: str, pub: str, start: str, end: str
) -> None:
    mention = by_surface(text, pub)["first-quarter"]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Output rose in the first quarter.",
        "Output rose in the first quarter and fell in the third quarter, the three months ended Sept. 30.",
    ],
)  # fmt: skip
def test_calendar_quarters_stay_calendar(text: str) -> None:
    mention = by_surface(text, "2024-10-23")["the first quarter"]
    assert mention.date_start.isoformat() == "2024-01-01"


# ---- a weekday written next to its date is one mention, dated by the date ---------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("On Thursday, Oct. 9, China announced controls on rare earth technology.", "On Thursday, Oct. 9"),
        ("China announced the controls on Oct. 9 (Thursday).", "Oct. 9 (Thursday)"),
        ("商务部周四（10月9日）宣布对稀土技术实施出口管制。", "周四（10月9日）"),
        ("商務部10月9日（週四）宣布對稀土技術實施出口管制。", "10月9日（週四）"),
    ],
)  # fmt: skip
def test_weekday_next_to_its_date(text: str, surface: str) -> None:
    found = by_surface(text, "2025-10-20")  # a Monday: the bare Thursday would be 16 October
    assert list(found) == [surface] and found[surface].date_start.isoformat() == "2025-10-09"


def test_weekday_and_date_of_two_acts_stay_apart() -> None:
    found = by_surface("China acted on Thursday, and on Oct. 9 it widened the curbs.", "2025-10-20")
    assert found["on Thursday"].date_start.isoformat() == "2025-10-16"


# ---- counted from publication: "two weeks ago", 三天前; "three days later" from the day before --
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Beijing imposed the controls five days ago.", "five days ago", "2025-10-15", "2025-10-15"),
        ("China announced the curbs two weeks ago.", "two weeks ago", "2025-10-06", "2025-10-12"),
        ("商务部两天前宣布对稀土实施出口管制。", "两天前", "2025-10-18", "2025-10-18"),
        ("两个月前，商務部宣布對稀土實施出口管制。", "两个月前", "2025-08-01", "2025-08-31"),
        ("The ban took effect on May 3 and exports resumed three days later.", "three days later", "2025-05-06", "2025-05-06"),
    ],
)  # fmt: skip
def test_counted_from_publication_or_an_earlier_day(
    text: str, surface: str, start: str, end: str
) -> None:
    mention = by_surface(text, "2025-10-20")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "surface"),
    [("2020年前完成整合。", "2020年前"), ("企业须在每月10日前报送数据。", None), ("Two years later the mine reopened.", "Two years")],
)  # fmt: skip
def test_before_a_year_or_a_day_of_month_is_no_count(text: str, surface: str | None) -> None:
    found = by_surface(text, "2025-10-20")
    assert (
        surface is None
        or found[surface].date_start is None
        or found[surface].date_start.year == 2020
    )
    assert not any(m.surface.endswith(("ago", "天前")) for m in found.values())


# ---- a month or day followed by "last / this / next year" takes that year ---------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("In April last year China restricted gallium exports.", "April last year", "2024-04-01", "2024-04-30"),
        ("On Dec. 5 last year China banned antimony exports.", "Dec. 5 last year", "2024-12-05", "2024-12-05"),
        ("On 3 December of last year China banned gallium exports.", "3 December of last year", "2024-12-03", "2024-12-03"),
        ("China acted in March of this year.", "March of this year", "2025-03-01", "2025-03-31"),
    ],
)  # fmt: skip
def test_month_of_a_relative_year(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2025-10-20")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


def test_month_and_relative_year_of_two_clauses_stay_apart() -> None:
    found = by_surface("China acted in April, last year it did not.", "2025-10-20")
    assert found["April"].date_start.isoformat() == "2025-04-01"


# ---- a quarter relative to publication: 上季度 / 本季度 / "last quarter" / "next quarter" --------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Rare earth output fell last quarter.", "last quarter", "2025-07-01", "2025-09-30"),
        ("稀土出口上季度增长。", "上季度", "2025-07-01", "2025-09-30"),
        ("稀土出口本季度下降。", "本季度", "2025-10-01", "2025-12-31"),
        ("價格下個季度可望回升。", "下個季度", "2026-01-01", "2026-03-31"),
    ],
)  # fmt: skip
def test_relative_quarter(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2025-10-20")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


# ---- the edge of a stated year reads like the edge of last / this / next year -----------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("China tightened the quota rules at the end of 2024.", "the end of 2024", "2024-12-21", "2024-12-31"),
        ("The rules took effect at the beginning of 2025.", "the beginning of 2025", "2025-01-01", "2025-01-10"),
        ("Prices at year-end 2024 were low.", "year-end 2024", "2024-12-21", "2024-12-31"),
        ("The project slipped to end-2026.", "end-2026", "2026-12-21", "2026-12-31"),
    ],
)  # fmt: skip
def test_edge_of_a_stated_year(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2025-10-20")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


def test_early_or_late_year_stays_the_year() -> None:
    mention = by_surface("Beijing restricted exports in early 2024.", "2025-10-20")["2024"]
    assert mention.granularity == "year"


# ---- a strategic or critical-minerals reserve (收储 / 战略储备) is industrial policy -----------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Australia on Monday announced a A$1.2 billion critical minerals reserve.", "on Monday"),
        ("The government said on Monday it would build a strategic reserve of rare earths.", "on Monday"),
        ("国家物资储备部门5日启动稀土收储。", "5日"),
        ("日本政府5日決定擴大稀土戰略儲備。", "5日"),
    ],
)  # fmt: skip
def test_reserve_is_industrial_policy(body: str, surface: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, "2025-04-30", title)[surface]
    assert row["is_policy_event"] and row["event_type"] == "industrial_policy"


def test_geological_reserves_are_no_policy() -> None:
    assert not _rows("中國稀土儲量5日公布。", "2025-04-30")["5日"]["is_policy_event"]


# ---- "take effect on" / "come into force from" mark an effective date: the nearest occurrence --
@pytest.mark.parametrize(
    ("text", "pub", "day", "policy"),
    [
        ("The ministry said the rare earth controls would take effect on Dec. 1.", "2025-10-10", "2025-12-01", False),
        ("The export rules will come into force from 1 December.", "2025-10-10", "2025-12-01", False),
        ("The rare earth export controls took effect on Dec. 1.", "2026-01-10", "2025-12-01", True),
    ],
)  # fmt: skip
def test_effective_date_takes_the_nearest_occurrence(
    text: str, pub: str, day: str, policy: bool
) -> None:
    row = next(r for s, r in _rows(text, pub, "Rare earths").items() if "1" in s)
    assert str(row["date_start"])[:10] == day and row["is_policy_event"] is policy


# ---- speaking, an interview, a spokesperson's words and reactions date a report ---------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Speaking to reporters on Tuesday, the secretary said the rare earth deal was done.", "on Tuesday"),
        ("In an interview on Monday, the minister said rare earth export controls would stay.", "on Monday"),
        ("A ministry spokesperson on Thursday described the rare earth controls as lawful.", "on Thursday"),
        ("On Friday, the foreign ministry criticised the rare earth tariffs.", "On Friday"),
        ("Tokyo on Monday urged Beijing to lift the rare earth curbs.", "on Monday"),
        ("The EU condemned the rare earth controls on Friday.", "on Friday"),
        ("外交部13日批评美方滥用稀土出口管制。", "13日"),
        ("日本政府13日對稀土管制表示關切。", "13日"),
    ],
)  # fmt: skip
def test_words_and_reactions_date_a_report(body: str, surface: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, "2025-10-14", title)[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("China criticised the tariffs and on Friday imposed rare earth controls.", "on Friday"),
        ("President Trump on Friday imposed 100% tariffs on Chinese magnets.", "on Friday"),
        ("The minister on Thursday announced export controls on rare earths.", "on Thursday"),
    ],
)  # fmt: skip
def test_acts_stay_events_next_to_reactions(body: str, surface: str) -> None:
    row = _rows(body, "2025-10-14", "Rare earths")[surface]
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- a date followed by 起 ("from") is an effective date: the nearest occurrence ---------------
@pytest.mark.parametrize(
    ("body", "pub", "surface", "day", "policy"),
    [
        ("商务部于10月9日发布公告，自12月1日起对稀土技术实施管制。", "2025-10-10", "12月1日", "2025-12-01", False),
        ("商務部宣布，自12月1日起對稀土技術實施出口管制。", "2025-10-10", "12月1日", "2025-12-01", False),
        ("自12月1日起，对稀土技术实施出口管制。", "2026-01-10", "12月1日", "2025-12-01", True),
    ],
)  # fmt: skip
def test_date_with_qi_is_an_effective_date(
    body: str, pub: str, surface: str, day: str, policy: bool
) -> None:
    row = _rows(body, pub)[surface]
    assert str(row["date_start"])[:10] == day and row["is_policy_event"] is policy


# ---- modals and plans put a yearless date in the future (would, could, may, 可能在, 考虑) -------
@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("Beijing said it would impose the rare earth export curbs in December.", "December", "2025-12-01"),
        ("China may tighten rare earth quotas in November, sources said.", "November", "2025-11-01"),
        ("China could announce new rare earth controls as early as Friday.", "Friday", "2025-10-10"),
        ("China is weighing curbs on rare earth exports starting in November.", "November", "2025-11-01"),
        ("消息人士称，中国可能在11月限制稀土出口。", "11月", "2025-11-01"),
        ("消息人士稱，中方或將於12月收緊稀土出口。", "12月", "2025-12-01"),
    ],
)  # fmt: skip
def test_modal_puts_a_yearless_date_ahead(body: str, surface: str, start: str) -> None:
    title = "稀土" if body[0] > "\u3000" else "Rare earths"
    row = _rows(body, "2025-10-08", title)[surface]
    assert str(row["date_start"])[:10] == start and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("Analysts said prices would rise after they hit bottom last year.", "last year", "2024-01-01"),
        ("In May, China imposed rare earth controls on June 3.", "June 3", "2025-06-03"),
    ],
)  # fmt: skip
def test_a_stated_past_date_stays_past_after_a_modal(body: str, surface: str, start: str) -> None:
    mention = by_surface(body, "2025-10-08")[surface]
    assert mention.date_start.isoformat() == start and "future" not in mention.flags


@pytest.mark.parametrize(
    "body", ["中国稀土研究院5日发布稀土出口管制研究报告。", "考虑到市场波动，商务部5日宣布暂停实施稀土出口管制。"]
)  # fmt: skip
def test_research_institutes_and_given_that_are_no_plans(body: str) -> None:
    row = _rows(body, "2025-10-08")["5日"]
    assert row["kind"] == "event" and str(row["date_start"])[:10] == "2025-10-05"


# ---- 昨晚 / 今早 / 前晚 and 前日 (the day before yesterday) are relative days ---------------------
@pytest.mark.parametrize(
    ("body", "surface", "day"),
    [
        ("內地商務部昨晚宣布對稀土技術實施出口管制。", "昨晚", "2025-10-09"),
        ("商務部今早公布稀土出口管制措施。", "今早", "2025-10-10"),
        ("商務部前日公布稀土出口管制措施。", "前日", "2025-10-08"),
    ],
)  # fmt: skip
def test_parts_of_relative_days(body: str, surface: str, day: str) -> None:
    row = _rows(body, "2025-10-10")[surface]
    assert str(row["date_start"])[:10] == day and row["is_policy_event"]


@pytest.mark.parametrize(
    "text", ["此前日本政府已表态。", "前日本首相发表讲话。", "目前日方没有回应。"]
)
def test_qianri_inside_other_words_is_no_date(text: str) -> None:
    # 目前 ("now") is the publication day (tests/events/test_news_kinds10.py), never 前日
    got = by_surface(text, "2025-10-10")
    assert set(got) <= {"目前"} and all(str(m.date_start) == "2025-10-10" for m in got.values())


# ---- 今年年初 / 去年年末 / 2024年年底 read like 今年初 / 去年末 / 2024年底 -----------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("商务部于今年年初发布稀土公告。", "今年年初", "2025-01-01", "2025-01-10"),
        ("去年年末稀土價格回落。", "去年年末", "2024-12-21", "2024-12-31"),
    ],
)  # fmt: skip
def test_year_written_twice_before_its_edge(text: str, surface: str, start: str, end: str) -> None:
    mention = by_surface(text, "2025-11-13")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)


def test_annual_report_year_is_not_an_edge() -> None:
    assert "2024年" in by_surface("2024年年度报告发布。", "2025-11-13")


# ---- a year's edge reads the same in both languages: its first / last ten days ------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("商务部于去年底收紧配额。", "去年底", "2024-12-21", "2024-12-31"),
        ("商務部於2023年底收緊配額。", "2023年底", "2023-12-21", "2023-12-31"),
        ("The ministry tightened quotas at the end of last year.", "the end of last year", "2024-12-21", "2024-12-31"),
        ("The ministry tightened quotas at the end of 2023.", "the end of 2023", "2023-12-21", "2023-12-31"),
        ("2025年初，工信部下达指标。", "2025年初", "2025-01-01", "2025-01-10"),
        ("At the beginning of 2025 the ministry issued quotas.", "the beginning of 2025", "2025-01-01", "2025-01-10"),
    ],
)  # fmt: skip
def test_year_edge_is_the_same_span_in_both_languages(
    text: str, surface: str, start: str, end: str
) -> None:
    mention = by_surface(text, "2025-11-13")[surface]
    assert (mention.date_start.isoformat(), mention.date_end.isoformat()) == (start, end)
