"""Failure kinds seen on the sixth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts and English where it applies. One test (or parametrised
group) per kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


# ---- the 首 of a word (元首, 榜首) does not open "the first N months" -------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("两国元首10月底在首尔会晤，同意暂停关税。", "10月底", "2025-10-21", "2025-10-31"),
        ("兩國元首3月初通電話。", "3月初", "2025-03-01", "2025-03-10"),
        ("该股重回榜首5月中旬创新高。", "5月中旬", "2025-05-11", "2025-05-20"),
    ],
)  # fmt: skip
def test_shou_inside_a_word_is_not_months_to_date(text: str, surface: str, start: str,
                                                  end: str) -> None:  # fmt: skip
    got = by_surface(text, "2025-11-21")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)


def test_first_n_months_still_read() -> None:
    got = by_surface("今年首7个月稀土出口下降。", "2025-11-21")["今年首7个月"]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == ("2025-01-01", "2025-07-31")
    assert got.kind == "period"


# ---- an English weekday with its date in brackets is one day -------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("The regulator said Tuesday (Oct 14) that the curbs hurt carmakers.", "Tuesday (Oct 14)", "2025-10-14"),
        ("Canberra approved the loan on Monday (June 2).", "on Monday (June 2)", "2025-06-02"),
        ("The ministry spoke on Friday (November 7, 2025).", "on Friday (November 7, 2025)", "2025-11-07"),
        ("Officials will meet on Thursday (Nov. 20).", "on Thursday (Nov. 20)", "2025-11-20"),
    ],
)  # fmt: skip
def test_weekday_with_bracketed_date_is_one_mention(text: str, surface: str, day: str) -> None:
    found = by_surface(text, "2025-11-18")
    assert list(found) == [surface]
    assert found[surface].date_start.isoformat() == day == found[surface].date_end.isoformat()


def test_bracketed_weekday_keeps_the_speaker_rule() -> None:
    """The merged mention is still the day an official spoke, not a policy date."""
    rows = _rows("An EU trade spokesman said Wednesday (Oct 15) that the rare earth export "
                 "controls were unjustified.", "2025-10-16", title="Rare earths")  # fmt: skip
    row = rows["Wednesday (Oct 15)"]
    assert row["kind"] == "report" and not row["is_policy_event"]


# ---- a leader saying what he himself will do announces it ----------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("US President Donald Trump said on Friday he would impose an extra 100% tariff on Chinese goods.", "on Friday", "tariff"),
        ("The trade minister said Monday that it will restrict exports of rare earth magnets.", "Monday", "export_control"),
        ("The president said on Thursday he would lift the ban on rare earth exports.", "on Thursday", "export_control_relaxation"),
    ],
)  # fmt: skip
def test_leader_announcing_own_act_dates_the_policy(body: str, surface: str, kind: str) -> None:
    row = _rows(body, "2025-10-14", title="Rare earths")[surface]
    assert row["kind"] == "event" and row["is_policy_event"] and row["event_type"] == kind


@pytest.mark.parametrize(
    "body",
    [
        "A ministry spokesman said on Friday the rare earth export controls were lawful.",
        "The EU trade commissioner said on Friday he would speak to Chinese officials about the export controls.",
    ],
)  # fmt: skip
def test_official_describing_a_policy_is_still_a_report(body: str) -> None:
    row = _rows(body, "2025-10-14", title="Rare earths")["on Friday"]
    assert row["kind"] == "report" and not row["is_policy_event"]


# ---- a comparison month takes the statistics month, in the year stated ----------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("Shipments were 4,100 tons in July, against 3,900 tons in the same month in 2023.", "2025-08-08", "the same month in 2023", "2023-07-01", "2023-07-31"),
        ("Imports in June rose 5% from the same month a year earlier.", "2025-07-14", "the same month a year earlier", "2024-06-01", "2024-06-30"),
        ("12月稀土出口5000吨，去年同月为4000吨。", "2026-01-20", "去年同月", "2024-12-01", "2024-12-31"),
        ("今年9月出口回升，2023年同月出口3000噸。", "2025-10-20", "2023年同月", "2023-09-01", "2023-09-30"),
    ],
)  # fmt: skip
def test_same_month_of_another_year(text: str, pub: str, surface: str, start: str,
                                    end: str) -> None:  # fmt: skip
    got = by_surface(text, pub)[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)
    assert got.kind == "period"


def test_comparison_year_does_not_lend_itself_to_a_later_month() -> None:
    """The 2023 of a comparison month is not the year of the next bare month."""
    found = by_surface("Exports fell in May from the same month in 2023 and from 5,000 tons in "
                       "April.", "2025-06-09")  # fmt: skip
    assert found["April"].date_start.isoformat() == "2025-04-01"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("10月对美出口较上月大增，升至今年1月以来最高；同月磁铁出口下降。", "同月"),
        ("10月對美出口較上月大增，升至今年1月以來最高；同月磁鐵出口下降。", "同月"),
    ],
)  # fmt: skip
def test_same_month_skips_comparison_bases_and_since_anchors(text: str, surface: str) -> None:
    got = by_surface(text, "2025-11-21")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == ("2025-10-01", "2025-10-31")


# ---- "October that year" is October of the year last named --------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("The licence was cut short in February 2023; the limit was lifted in October that year.", "October that year", "2023-10-01", "2023-10-31"),
        ("The law passed in 2019 and took effect in March of that year.", "March of that year", "2019-03-01", "2019-03-31"),
    ],
)  # fmt: skip
def test_month_that_year(text: str, surface: str, start: str, end: str) -> None:
    got = by_surface(text, "2026-03-02")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)


def test_month_that_year_dates_a_policy() -> None:
    rows = _rows("Malaysia imposed the import ban in February 2023 and lifted the ban in "
                 "October that year.", "2026-03-02", title="Rare earths")  # fmt: skip
    row = rows["October that year"]
    assert row["date_start"].isoformat()[:10] == "2023-10-01" and row["is_policy_event"]


# ---- "was due to expire on Tuesday" looks forward -------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("The old licence was due to expire on Tuesday.", "2026-03-02", "on Tuesday", "2026-03-03"),
        ("The permits were due to lapse on Friday, the company said.", "2025-06-10", "on Friday", "2025-06-13"),
    ],
)  # fmt: skip
def test_was_due_to_is_future(text: str, pub: str, surface: str, day: str) -> None:
    got = by_surface(text, pub)[surface]
    assert got.date_start.isoformat() == day and got.kind != "event"


def test_past_weekday_without_due_stays_past() -> None:
    got = by_surface("The licence expired on Tuesday.", "2026-03-02")["on Tuesday"]
    assert got.date_start.isoformat() == "2026-02-24" and got.kind == "event"


# ---- a press question dates a report --------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("商务部发言人9日表示，稀土出口管制依法实施。当日有记者问，外方对出口管制表达关切。", "当日"),
        ("商務部發言人9日表示，稀土出口管制依法實施。當日有記者問，外方對出口管制表達關切。", "當日"),
        ("商务部12日有记者提问稀土出口管制的后续安排。", "12日"),
        ("When asked on Thursday about the rare earth export controls, the ministry gave no detail.", "on Thursday"),
        ("Asked by reporters on Monday about the export ban, the envoy declined to comment.", "on Monday"),
    ],
)  # fmt: skip
def test_press_question_dates_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2025-06-12", title="稀土 rare earths")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


# ---- 发言人X 18日就<topic>表示: a spokesperson's words, however long the topic ---------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("商务部新闻发言人何某18日就稀土相关物项出口管制的最新进展与后续安排表示，已批准部分申请。", "18日"),
        ("商務部新聞發言人18日就稀土相關物項出口管制的最新進展表示，已批准部分申請。", "18日"),
    ],
)  # fmt: skip
def test_spokesperson_on_a_long_topic_is_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2025-12-18")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_spokesperson_announcing_is_still_an_event() -> None:
    row = _rows("商务部新闻发言人18日就稀土出口管制宣布，对相关物项实施管制。", "2025-12-18")[
        "18日"
    ]
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- 较昨日 / 较上月 count from the sentence's own date ----------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("5月6日氧化镨钕均价为45万元/吨，较昨日上涨1%。", "2025-05-08", "昨日", "2025-05-05", "2025-05-05"),
        ("5月6日氧化鐠釹均價為45萬元/噸，較昨日上漲1%。", "2025-05-08", "昨日", "2025-05-05", "2025-05-05"),
        ("8月稀土出口较上月下降12%。", "2025-10-20", "上月", "2025-07-01", "2025-07-31"),
        ("8月稀土出口比上個月下降12%。", "2025-10-20", "上個月", "2025-07-01", "2025-07-31"),
    ],
)  # fmt: skip
def test_comparison_base_counts_from_sentence_date(text: str, pub: str, surface: str,
                                                   start: str, end: str) -> None:  # fmt: skip
    got = by_surface(text, pub)[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("稀土价格较昨日上涨。", "昨日", "2025-05-07"),  # no date in the sentence: publication
        ("今日稀土价格较昨日上涨。", "昨日", "2025-05-07"),  # a relative day is no anchor
        ("上月稀土出口增加。", "上月", "2025-04-01"),  # not a comparison
    ],
)  # fmt: skip
def test_comparison_without_a_sentence_date_counts_from_publication(text: str, surface: str,
                                                                    start: str) -> None:  # fmt: skip
    assert by_surface(text, "2025-05-08")[surface].date_start.isoformat() == start


def test_comparison_base_anchors_on_a_resolved_anaphor_or_a_this_year_month() -> None:
    from reequity.events.dates import resolve_dates

    found = resolve_dates("10月出口较上月增长；同月磁铁出口较上月下降5%。", "2025-11-21")
    assert [(m.surface, m.date_start.isoformat()) for m in found][-1] == ("上月", "2025-09-01")
    got = by_surface("今年1月出口较上月增长。", "2025-05-08")["上月"]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == ("2024-12-01", "2024-12-31")


# ---- earlier / later this week, 本周 / 本月早些时候 -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end", "granularity"),
    [
        ("Some sellers raised offers earlier this week.", "earlier this week", "2024-06-17", "2024-06-20", "week"),
        ("Buyers may return later this week.", "later this week", "2024-06-21", "2024-06-23", "week"),
        ("The notice came out earlier this month.", "earlier this month", "2024-06-01", "2024-06-20", "month"),
        ("商务部本月早些时候发布公告。", "本月早些时候", "2024-06-01", "2024-06-20", "month"),
        ("本週稍早，鐠釹價格上漲。", "本週稍早", "2024-06-17", "2024-06-20", "week"),
    ],
)  # fmt: skip
def test_earlier_or_later_this_period(text: str, surface: str, start: str, end: str,
                                      granularity: str) -> None:  # fmt: skip
    got = by_surface(text, "2024-06-20")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)
    assert got.granularity == granularity


# ---- an interpretation of a policy dates the reading ----------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("白宫本周一发布不同解读，称北京同意发放稀土出口通用许可。", "本周一"),
        ("白宮於本週一發布不同解讀，稱北京同意核發稀土出口一般許可。", "本週一"),
        ("The White House on Monday offered a different reading, saying Beijing would issue general licences for rare earth exports.", "on Monday"),
    ],
)  # fmt: skip
def test_interpretation_dates_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2025-11-07", title="稀土 rare earths")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_publishing_a_policy_is_still_an_event() -> None:
    row = _rows("商务部本周一发布公告，暂停实施稀土出口管制。", "2025-11-07")["本周一"]
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- a market move "on Monday after <a policy>" is the market's date -------------------------
@pytest.mark.parametrize(
    ("body", "move", "policy"),
    [
        ("Shares of Lynas rose 5% on Monday after China tightened export controls last Thursday.", "on Monday", "last Thursday"),
        ("Rare earth stocks surged on Friday following Beijing's ban on exports on Wednesday.", "on Friday", "on Wednesday"),
    ],
)  # fmt: skip
def test_market_move_before_after_is_not_the_policy(body: str, move: str, policy: str) -> None:
    rows = _rows(body, "2025-10-14", title="Rare earths")
    assert not rows[move]["is_policy_event"] and rows[move]["event_type"] == "market_report"
    assert rows[policy]["is_policy_event"] and rows[policy]["event_type"] == "export_control"


def test_policy_before_after_keeps_its_type() -> None:
    row = _rows("China imposed export controls on rare earths on Monday after the US raised "
                "tariffs.", "2025-10-14", title="Rare earths")["on Monday"]  # fmt: skip
    assert row["is_policy_event"] and row["event_type"] == "export_control"


# ---- 会见 / 通电话 are meetings ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("商务部部长昨日会见欧盟贸易专员，讨论稀土出口管制。", "昨日"),
        ("商務部部長昨日會見歐盟貿易專員，討論稀土出口管制。", "昨日"),
        ("两国元首10日通电话，谈及稀土供应。", "10日"),
    ],
)  # fmt: skip
def test_meeting_words(body: str, surface: str) -> None:
    row = _rows(body, "2025-10-21")[surface]
    assert row["is_policy_event"] and row["event_type"] == "diplomatic_meeting"


# ---- requiring a licence is an export control -----------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The ministry said in a statement on Sunday that exports of gallium would need licences.", "on Sunday"),
        ("Beijing on Thursday began requiring permits for shipments of graphite.", "on Thursday"),
        ("Japan on Monday introduced a licensing requirement for rare earth magnet sales.", "on Monday"),
        ("商务部3日宣布，镓、锗出口前须取得许可。", "3日"),
        ("商務部3日宣布，鎵、鍺出口前須取得許可。", "3日"),
        ("海关总署5日起对钨制品实行许可证管理。", "5日"),
    ],
)  # fmt: skip
def test_licence_requirement_is_an_export_control(body: str, surface: str) -> None:
    row = _rows(body, "2025-07-08", title="稀土 rare earths")[surface]
    assert row["is_policy_event"] and row["event_type"] == "export_control"


# ---- "..., the ministry said on Friday": the saying dates what the clause before it says ------
def test_trailing_said_clause_takes_the_policy_of_the_clause_before() -> None:
    rows = _rows("China will require export licences for graphite from Dec. 1, the commerce "
                 "ministry said on Friday.", "2023-10-21", title="Graphite")  # fmt: skip
    assert rows["on Friday"]["is_policy_event"]
    assert rows["on Friday"]["event_type"] == "export_control"
    assert not rows["Dec. 1"]["is_policy_event"]  # the coming effective date


@pytest.mark.parametrize(
    "body",
    [
        "China will require export licences for graphite from Dec. 1, a ministry spokesman said on Friday.",
        "Exports of rare earths fell 20% in May, customs data showed on Friday.",
    ],
)  # fmt: skip
def test_trailing_said_clause_of_a_source_is_no_policy(body: str) -> None:
    assert not _rows(body, "2023-10-21", title="Rare earths")["on Friday"]["is_policy_event"]


# ---- "take effect on December 1" (present tense) looks forward --------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("The new rules take effect on December 1.", "December 1", "2025-12-01"),
        ("The regulation enters into force on June 3.", "June 3", "2026-06-03"),
        ("The law comes into force on January 1.", "January 1", "2026-01-01"),
    ],
)  # fmt: skip
def test_present_tense_effect_is_future(text: str, surface: str, day: str) -> None:
    got = by_surface(text, "2025-10-14")[surface]
    assert got.date_start.isoformat() == day and got.kind != "event"


def test_past_tense_effect_stays_past() -> None:
    got = by_surface("The rules took effect on December 1.", "2025-10-14")["December 1"]
    assert got.date_start.isoformat() == "2024-12-01" and got.kind == "event"


# ---- a later limit year ("until 2027", 到2030年) lends no year to an earlier date --------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("The licence took effect on Jan 1 and runs until 2027.", "Jan 1", "2025-01-01"),
        ("The permit was renewed on Feb 3 and is valid through 2028.", "Feb 3", "2025-02-03"),
        ("3月1日起实施的规划，目标到2030年。", "3月1日", "2025-03-01"),
        ("3月1日起實施的規劃，有效期直至2030年。", "3月1日", "2025-03-01"),
    ],
)  # fmt: skip
def test_limit_year_lends_no_year(text: str, surface: str, day: str) -> None:
    assert by_surface(text, "2025-03-10")[surface].date_start.isoformat() == day


def test_a_plain_later_year_still_lends() -> None:
    got = by_surface("On March 3 the ministry met, in 2023.", "2025-03-10")["March 3"]
    assert got.date_start.isoformat() == "2023-03-03"


# ---- 上周五（10日）: one day, from the week ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "day", "past"),
    [
        ("上週五（10日）美國總統宣布加徵關稅。", "上週五（10日）", "2025-10-10", True),
        ("本周一 (13 日) 稀土股大涨。", "本周一 (13 日)", "2025-10-13", True),
        ("下周三（22日）将公布稀土出口数据。", "下周三（22日）", "2025-10-22", False),
    ],
)  # fmt: skip
def test_relative_weekday_with_bracketed_day(text: str, surface: str, day: str,
                                             past: bool) -> None:  # fmt: skip
    found = by_surface(text, "2025-10-15")
    assert list(found) == [surface] and found[surface].date_start.isoformat() == day
    assert (found[surface].kind == "event") is past


# ---- policy vocabulary: entity lists, state stockpiles, interim measures, licences granted ----
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("美国商务部上月宣布扩大实体清单。", "上月", "export_control"),
        ("美國商務部上月宣布擴大實體清單。", "上月", "export_control"),
        ("The Commerce Department added six firms to the Entity List on Tuesday.", "on Tuesday", "export_control"),
        ("三部门8月22日联合印发稀土总量调控管理暂行办法。", "8月22日", "industrial_policy"),
        ("三部門8月22日聯合印發稀土總量調控管理暫行辦法。", "8月22日", "industrial_policy"),
        ("国家粮食和物资储备局5日启动稀土收储。", "5日", "industrial_policy"),
        ("Canberra on Tuesday set up a strategic reserve of critical minerals.", "on Tuesday", "industrial_policy"),
        ("On Thursday the ministry said licences would be granted to compliant exporters.", "On Thursday", "export_control_relaxation"),
    ],
)  # fmt: skip
def test_policy_vocabulary(body: str, surface: str, kind: str) -> None:
    row = _rows(body, "2025-10-10", title="稀土 rare earths")[surface]
    assert row["is_policy_event"] and row["event_type"] == kind


# ---- "..., and it entered into force on May 23": the in-force date takes the act's type ------
@pytest.mark.parametrize(
    ("body", "pub", "surface", "kind"),
    [
        ("The EU adopted the Critical Raw Materials Act in March 2024, and it entered into force on May 23.", "2024-06-10", "May 23", "industrial_policy"),
        ("Beijing announced the graphite controls on Oct. 20, and they took effect on Dec. 1.", "2024-01-10", "Dec. 1", "export_control"),
        ("国务院6月22日公布稀土管理条例，并于10月1日起施行。", "2024-11-01", "10月1日", "industrial_policy"),
        ("國務院6月22日公布稀土管理條例，並於10月1日起施行。", "2024-11-01", "10月1日", "industrial_policy"),
    ],
)  # fmt: skip
def test_in_force_clause_takes_the_acts_type(body: str, pub: str, surface: str,
                                            kind: str) -> None:  # fmt: skip
    row = _rows(body, pub, title="Rare earths 稀土")[surface]
    assert row["is_policy_event"] and row["event_type"] == kind


# ---- "two weeks ago", 三天前: counted back from publication -----------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end", "granularity"),
    [
        ("Prices jumped 3 days ago.", "3 days ago", "2025-12-02", "2025-12-02", "day"),
        ("Two weeks ago the ministry met exporters.", "Two weeks ago", "2025-11-17", "2025-11-23", "week"),
        ("The ban came a month ago.", "a month ago", "2025-11-01", "2025-11-30", "month"),
        ("A year ago, Beijing banned gallium exports to the US.", "A year ago", "2024-01-01", "2024-12-31", "year"),
        ("三天前，商务部宣布加强管制。", "三天前", "2025-12-02", "2025-12-02", "day"),
        ("兩個月前，兩國元首會晤。", "兩個月前", "2025-10-01", "2025-10-31", "month"),
        ("两周前，出口许可开始放行。", "两周前", "2025-11-17", "2025-11-23", "week"),
    ],
)  # fmt: skip
def test_counted_back_from_publication(text: str, surface: str, start: str, end: str,
                                       granularity: str) -> None:  # fmt: skip
    got = by_surface(text, "2025-12-05")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)
    assert got.granularity == granularity and got.kind == "event"


def test_day_of_month_deadline_is_not_counted_back() -> None:
    """10日前 is "before the 10th", not "ten days ago"."""
    assert "10日前" in by_surface("各集团须在10日前完成分解。", "2025-12-05")
    assert by_surface("各集团须在10日前完成分解。", "2025-12-05")["10日前"].kind != "event"


# ---- "the January-February period": one statistics span -------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Exports in the January-February period fell 3%.", "January-February", "2025-01-01", "2025-02-28"),
        ("Imports in January–March 2024 rose 5%.", "January–March 2024", "2024-01-01", "2024-03-31"),
    ],
)  # fmt: skip
def test_english_month_range_is_a_period(text: str, surface: str, start: str, end: str) -> None:
    got = by_surface(text, "2025-03-07")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat(), got.kind) == (
        start,
        end,
        "period",
    )


def test_from_month_to_month_stays_two_months() -> None:
    assert {"October", "December"} <= set(by_surface("The ban ran from October to December.",
                                                     "2025-03-07"))  # fmt: skip


# ---- the month of a figure ("出口在6月回升", "exports rebounded in June") is a period ------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("美中达成协议后，稀土出口在6月回升。", "6月"),
        ("美中達成協議後，稀土出口在6月回升。", "6月"),
        ("Rare earth exports rebounded sharply in June after the Geneva trade deal.", "June"),
    ],
)  # fmt: skip
def test_month_of_a_figure_is_a_period(body: str, surface: str) -> None:
    row = _rows(body, "2025-07-20", title="稀土 rare earths")[surface]
    assert row["kind"] == "period" and not row["is_policy_event"]


# ---- 放行 (letting exports through) is a relaxation ----------------------------------------
@pytest.mark.parametrize(
    "body", ["北京上月开始放行部分稀土磁铁出口。", "北京上月開始放行部分稀土磁鐵出口。"]
)
def test_letting_exports_through_is_a_relaxation(body: str) -> None:
    row = _rows(body, "2025-07-05")["上月"]
    assert row["is_policy_event"] and row["event_type"] == "export_control_relaxation"
