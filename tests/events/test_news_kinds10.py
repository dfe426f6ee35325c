"""Failure kinds seen on the eleventh and twelfth held-out real-news sets (issue 10: market press
on rare-earth equities), on hand-written sentences in our own words, in English and both Chinese
scripts. One parametrised group per kind, each with near misses that must not match; none is a
fixture sentence. What counts as an event follows tests/events/fixtures/ANNOTATION.md.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return str(mention.date_start), str(mention.date_end)


# ---- a share move dates the undated act it gives as its cause ----------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "day"),
    [
        ("Shares of the miner jumped 12% on Monday after it said it would receive $1.6 billion "
         "in funding from the Department of Commerce.", "on Monday", "2025-10-20"),
        ("Rare earth stocks climbed sharply on Thursday after Beijing widened its export "
         "controls on processing technology.", "on Thursday", "2025-10-23"),
        ("Lynas stock surged 20% on Tuesday following a US Defense Department loan for its "
         "Texas refinery.", "on Tuesday", "2025-10-21"),
        ("The magnet maker's shares soared in Thursday's pre-market session after it entered "
         "into a partnership with the Department of Defense.", "Thursday", "2025-10-23"),
        ("稀土公司周三（22日）股价一度上涨9%，因公司宣布与美国国防部签署合资协议。", "周三（22日）",
         "2025-10-22"),
        ("稀土公司週三（22日）股價一度上漲9%，因公司宣布與美國國防部簽署合資協議。", "週三（22日）",
         "2025-10-22"),
        ("稀土股周一大涨，由于商务部宣布对稀土技术实施出口管制。", "周一", "2025-10-20"),
    ],
)  # fmt: skip
def test_a_share_move_dates_its_undated_cause(body: str, surface: str, day: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert str(row["date_start"])[:10] == day and row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        # the cause has a date of its own
        ("Shares rose 5% on Monday after China tightened export controls on Friday.", "on Monday"),
        # the article dates the act on an earlier day elsewhere
        ("Rare earth shares rose on Monday after Beijing issued interim measures on quota "
         "control. The ministry posted the interim measures on its website last Friday.",
         "on Monday"),
        # the day belongs to a second move after the cause
        ("JL Mag's shares rose by the daily limit on Monday after the visit and by another 10% "
         "on Tuesday.", "on Tuesday"),
        ("The stock jumped 8% on Monday following the ministry's new quota and then fell 3% on "
         "Wednesday.", "on Wednesday"),
        ("稀土股周一大涨，因市场憧憬需求回暖。", "周一"),
    ],
)  # fmt: skip
def test_a_share_move_stays_a_market_report(body: str, surface: str) -> None:
    assert not _rows(body, "2025-10-24", title="Rare earths")[surface]["is_policy_event"]


def test_the_act_reported_again_keeps_its_own_day() -> None:
    body = ("Rare earth shares rose on Monday after Beijing issued interim measures on quota "
            "control. The ministry posted the interim measures on its website last Friday.")  # fmt: skip
    row = _rows(body, "2025-10-24", title="Rare earths")["last Friday"]
    assert str(row["date_start"])[:10] == "2025-10-17" and row["is_policy_event"]


# ---- trading sessions, clock times and 目前 date the sentence's day ----------------------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("Lynas shares fell as much as 5% in early trade.", "early trade", "2025-10-24"),
        ("The stock pared its gains in late trading.", "late trading", "2025-10-24"),
        ("Shares rose as much as 6.5% by 0052 GMT.", "by 0052 GMT", "2025-10-24"),
        ("Shares were up 14% at 03:30 HKT.", "03:30 HKT", "2025-10-24"),
        ("Shares fell on Wednesday in morning trade.", "morning trade", "2025-10-22"),
        ("稀土股早盘大涨逾20%。", "早盘", "2025-10-24"),
        ("港股中國稀土尾盤急拉。", "尾盤", "2025-10-24"),
        ("精炼厂目前已完成一半的建设。", "目前", "2025-10-24"),
        ("該公司目前仍在等待出口許可。", "目前", "2025-10-24"),
    ],
)  # fmt: skip
def test_a_session_word_dates_its_sentences_day(text: str, surface: str, day: str) -> None:
    got = by_surface(text, "2025-10-24")[surface]
    assert _span(got) == (day, day) and got.kind == "other"


@pytest.mark.parametrize(
    "text",
    [
        "股价在夜盘交易中上涨3%。",
        "The trade war escalated.",
        "Early trading partners said prices rose.",
    ],
)
def test_other_market_words_are_no_date(text: str) -> None:
    assert not by_surface(text, "2025-10-24")


# ---- 届时 and a bare 同期 take the date or period just named ---------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("第一笔贷款预计在2026年底提取完毕，届时工程将完成75%。", "届时", ("2026-12-21", "2026-12-31")),
        ("第一筆貸款預計在2026年底提取完畢，屆時工程將完成75%。", "屆時", ("2026-12-21", "2026-12-31")),
        ("新厂计划于明年3月投产，到时产能将翻倍。", "到时", ("2026-03-01", "2026-03-31")),
        ("今年1—9月中国进口稀土3.1万吨，占同期进口总量的七成。", "同期", ("2025-01-01", "2025-09-30")),
        ("2024年第三季度出口增长，同期进口下降。", "同期", ("2024-07-01", "2024-09-30")),
    ],
)  # fmt: skip
def test_an_echo_takes_the_date_just_named(text: str, surface: str, span: tuple) -> None:
    got = by_surface(text, "2025-10-24")[surface]
    assert _span(got) == span and got.kind == "other"


def test_an_echo_with_nothing_before_it_is_no_date() -> None:
    assert "届时" not in by_surface("届时将公布更多细节。", "2025-10-24")
    # a comparison year still names its own year
    assert (
        _span(by_surface("今年9月出口较去年同期增长。", "2025-10-24")["去年同期"])[0]
        == "2024-09-01"
    )


# ---- two stated days or quarters joined by 至 / 到 / a dash are one span ---------------------------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("许可期限为2022年5月12日至2047年5月12日。", "2022年5月12日至2047年5月12日",
         ("2022-05-12", "2047-05-12")),
        ("2023年第2季至2024年第3季，精矿价格回落。", "2023年第2季至2024年第3季",
         ("2023-04-01", "2024-09-30")),
        ("2023年二季度到2024年三季度价格下跌。", "2023年二季度到2024年三季度",
         ("2023-04-01", "2024-09-30")),
        ("活動期間為2024年10月1日—2025年3月31日。", "2024年10月1日—2025年3月31日",
         ("2024-10-01", "2025-03-31")),
    ],
)  # fmt: skip
def test_a_range_of_stated_dates_is_one_span(text: str, surface: str, span: tuple) -> None:
    got = by_surface(text, "2025-10-24")[surface]
    assert _span(got) == span and got.kind == "period"


def test_ranges_inside_one_month_or_of_years_stay_as_before() -> None:
    got = by_surface("10月9日至13日停牌，2008年至2010年出口下降。", "2025-10-24")
    assert _span(got["10月9日至13日"]) == ("2025-10-09", "2025-10-13")
    assert _span(got["2008年至2010年"]) == ("2008-01-01", "2010-12-31")


# ---- 年尾 is 年底; "the latter half"; "2022 and 2023"; the day number over a wrong weekday ----------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("臨近2021年年尾，集團成立。", "2021年年尾", ("2021-12-21", "2021-12-31")),
        ("公司计划在今年年尾投产。", "今年年尾", ("2025-12-21", "2025-12-31")),
        ("去年年尾价格回落。", "去年年尾", ("2024-12-21", "2024-12-31")),
        ("It expects to start building in the latter half of 2022.", "the latter half of 2022",
         ("2022-07-01", "2022-12-31")),
        ("Output should rise in the back half of 2026.", "the back half of 2026",
         ("2026-07-01", "2026-12-31")),
        ("It made partial separations in 2022 and 2023.", "2022", ("2022-01-01", "2022-12-31")),
        ("It made partial separations in 2022 and 2023.", "2023", ("2023-01-01", "2023-12-31")),
        ("Output between 2005 and 2007 doubled.", "between 2005 and 2007",
         ("2005-01-01", "2007-12-31")),
        # 2025-10-17 was a Friday: the day number wins over the weekday
        ("股价上周四（17日）创新高。", "上周四（17日）", ("2025-10-17", "2025-10-17")),
        ("股價上週五 (16 日) 大跌。", "上週五 (16 日)", ("2025-10-16", "2025-10-16")),
        ("股价上周五（17日）创新高。", "上周五（17日）", ("2025-10-17", "2025-10-17")),
    ],
)  # fmt: skip
def test_edges_halves_year_lists_and_bracketed_days(text: str, surface: str, span: tuple) -> None:
    assert _span(by_surface(text, "2025-10-24")[surface]) == span


@pytest.mark.parametrize("text", ["卖出2066万元。", "营收2030亿元。", "产量2025吨。", "尾盘拉升。"])
def test_sums_and_session_words_are_no_year(text: str) -> None:
    assert not any(m.granularity == "year" or "年" in m.surface for m in
                   by_surface(text, "2025-10-24").values())  # fmt: skip


# ---- bare days: a span of years lends them no year; a coming schedule points forward ---------------
@pytest.mark.parametrize(
    ("text", "surface", "day"),
    [
        ("It supplied 80% of imports from 2014 to 2017, and Beijing raises its tariff from "
         "June 1.", "June 1", "2019-06-01"),
        ("商务部公布的管制实施时间是12月。", "12月", "2019-12-01"),
        ("商務部公布的管制實施時間是12月。", "12月", "2019-12-01"),
        ("新规生效日期为12月。", "12月", "2019-12-01"),
        ("美方误以为是6月1日川习会当天。", "6月1日", "2019-06-01"),
        ("美方誤以為是6月1日川習會當天。", "當天", "2019-06-01"),
        ("双方定于6月1日峰会上签署协议。", "6月1日", "2019-06-01"),
    ],
)  # fmt: skip
def test_bare_days_read_forward_when_scheduled(text: str, surface: str, day: str) -> None:
    # a scheduled yearless date takes its nearest occurrence, as an effective date does
    got = by_surface(text, "2019-10-13" if "12月" in text else "2019-05-21")[surface]
    assert str(got.date_start) == day and got.kind != "event"


def test_a_past_meeting_of_a_bare_day_stays_past() -> None:
    assert (
        str(by_surface("双方3月3日举行会谈。", "2019-05-21")["3月3日"].date_start) == "2019-03-03"
    )


# ---- state acts: a ministry's licence, interim measures posted, a state group, a state plan --------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("子公司于7月8日取得自然资源部颁发的采矿许可证，股价涨停。", "7月8日"),
        ("子公司於7月8日取得自然資源部頒發的採礦許可證，股價漲停。", "7月8日"),
        ("公司7月8日获得省自然资源厅核发的采矿许可证。", "7月8日"),
        ("The unit was granted a mining licence by the ministry on Monday.", "on Monday"),
        ("The rare earth project's mining licence was granted on Monday.", "on Monday"),
        ("The Ministry of Industry posted the interim measures on its website last Friday.",
         "last Friday"),
        ("The ministry issued provisional rules on quota control on Tuesday.", "on Tuesday"),
        ("临近2021年年底，传言已久的稀土国家队终于揭开面纱。", "2021年年底"),
        ("澳洲1月也宣布计划透过8亿美元的战略储备建立国家库藏。", "1月"),
        ("韓國3月宣布計劃投入5億美元建立稀土儲備。", "3月"),
    ],
)  # fmt: skip
def test_state_acts_in_market_copy_are_policy_events(body: str, surface: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["kind"] == "event" and row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        # the announcing day of an act dated on its own
        ("公司7月10日晚间公告，子公司于7月8日取得自然资源部颁发的采矿许可证。", "7月10日"),
        # a firm's own R&D or office building is no production plant
        ("同日，公司研发中心建设项目举行奠基仪式。", "同日"),
        ("The company broke ground on its new research centre on Monday.", "on Monday"),
        # a month with a figure is still a statistics period
        ("澳洲1月出口稀土8亿美元。", "1月"),
    ],
)  # fmt: skip
def test_near_misses_of_state_acts_are_no_policy_events(body: str, surface: str) -> None:
    row = _rows("公司10月1日宣布组建合资公司。" + body, "2025-10-24", title="Rare earths")[surface]
    assert not row["is_policy_event"]


# ---- 上季 / 上一季度: the quarter before the one its sentence names ----------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "span"),
    [
        ("价格调高至2025年第4季的2万元，较上季上涨37%。", "上季", ("2025-07-01", "2025-09-30")),
        ("今年第三季營收較上季增長。", "上季", ("2025-04-01", "2025-06-30")),
        ("2014年第四季度产量较上一季度增长。", "上一季度", ("2014-07-01", "2014-09-30")),
        ("Output in the second quarter of 2024 rose from the previous quarter.",
         "the previous quarter", ("2024-01-01", "2024-03-31")),
        # no quarter named: the one before publication
        ("上季度出口下降。", "上季度", ("2025-07-01", "2025-09-30")),
        ("本季营收将增长。", "本季", ("2025-10-01", "2025-12-31")),
    ],
)  # fmt: skip
def test_the_previous_quarter_follows_the_quarter_named(
    text: str, surface: str, span: tuple
) -> None:
    assert _span(by_surface(text, "2025-10-11")[surface]) == span


@pytest.mark.parametrize("text", ["上季节性因素影响。", "本季节新品上市。"])
def test_seasonal_words_are_no_quarter(text: str) -> None:
    assert not any(m.granularity == "quarter" for m in by_surface(text, "2025-10-11").values())


# ---- a release day dates the lead's undated act ----------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("The miner has broken ground on its rare earth magnet plant in Texas. Output should "
         "start in 2027, the company said in a news release on Friday.", "on Friday",
         "production_milestone"),
        ("Neo has opened its first rare earth magnet plant in Europe. The plant will make 2,000 "
         "tonnes a year, the company announced on Tuesday.", "on Tuesday", "production_milestone"),
        ("Export Finance Australia has approved a A$1 billion loan for the rare earth refinery. "
         "The project will employ 300 people, Iluka said in a statement on Monday.", "on Monday",
         "supply_chain_investment"),
        ("稀土磁材厂已正式开工建设。公司周五在新闻稿中表示，项目将于2027年投产。", "周五",
         "production_milestone"),
        ("稀土磁材廠已正式開工建設。該公司週五在聲明中稱，項目將於2027年投產。", "週五",
         "production_milestone"),
    ],
)  # fmt: skip
def test_a_release_day_dates_the_leads_undated_act(body: str, surface: str, kind: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["event_type"] == kind and row["is_policy_event"]


@pytest.mark.parametrize(
    "body",
    [
        # the lead's act has its own date
        "The miner broke ground on its magnet plant on May 3. Output should start in 2027, the "
        "company said on Friday.",
        # the lead reports no act
        "Shares of the rare earth miner rose 5%. Output should rise next year, the company said "
        "on Friday.",
    ],
)
def test_a_release_day_without_an_undated_lead_act_dates_nothing(body: str) -> None:
    assert not _rows(body, "2025-10-24", title="Rare earths")["on Friday"]["is_policy_event"]
