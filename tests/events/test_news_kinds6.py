"""Failure kinds seen on the eighth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts and English where it applies. One test (or parametrised
group) per kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return mention.date_start.isoformat(), mention.date_end.isoformat()


# ---- "June this year" is the month of that year ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("Jakarta has barred nickel ore sales since 2019 and stopped bauxite sales in May this year.",
         "2024-09-02", "May this year", "2024-05-01", "2024-05-31"),
        ("Output peaked in March of last year, the miner said.", "2025-02-10", "March of last year",
         "2024-03-01", "2024-03-31"),
        ("The levy is due in February next year.", "2025-08-01", "February next year",
         "2026-02-01", "2026-02-28"),
    ],
)  # fmt: skip
def test_month_of_a_relative_year(text: str, pub: str, surface: str, start: str, end: str) -> None:
    assert _span(by_surface(text, pub)[surface]) == (start, end)


# ---- a "since" year lends its year to no other date of the sentence ---------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start"),
    [
        ("Hanoi has kept ore exports banned since at least 2021 and tightened the rules in April.",
         "2025-12-11", "April", "2025-04-01"),
        ("Seoul tightened quotas in March and has stockpiled metals since 2011.", "2025-06-01",
         "March", "2025-03-01"),
        ("该国2019年以来禁止原矿出口，3月再次收紧。", "2025-06-01", "3月", "2025-03-01"),
    ],
)  # fmt: skip
def test_since_year_is_not_lent(text: str, pub: str, surface: str, start: str) -> None:
    assert by_surface(text, pub)[surface].date_start.isoformat() == start


def test_stated_year_still_lent() -> None:
    """A plain year in the sentence still dates its yearless month."""
    got = by_surface("In 2023, Beijing added gallium to the list in July.", "2025-06-01")["July"]
    assert _span(got) == ("2023-07-01", "2023-07-31")


# ---- a bare 昨 before a verb, 前日, 本年度 / 上年度 and 当年 are dates ----------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("局长昨表示，将加快审批。", "2026-03-10", "昨", "2026-03-09", "2026-03-09"),
        ("部長昨宣布新措施。", "2026-03-10", "昨", "2026-03-09", "2026-03-09"),
        ("该文件前日在部门网站公开。", "2020-07-17", "前日", "2020-07-15", "2020-07-15"),
        ("通知前日發布。", "2020-07-17", "前日", "2020-07-15", "2020-07-15"),
        ("本年度开采指标为10万吨。", "2021-03-01", "本年", "2021-01-01", "2021-12-31"),
        ("上年度指標為9萬噸。", "2021-03-01", "上年", "2020-01-01", "2020-12-31"),
        ("2012年两国交恶，当年出口下降三成。", "2026-02-08", "当年", "2012-01-01", "2012-12-31"),
        ("2012年兩國交惡，當年出口下降三成。", "2026-02-08", "當年", "2012-01-01", "2012-12-31"),
    ],
)  # fmt: skip
def test_bare_relative_words(text: str, pub: str, surface: str, start: str, end: str) -> None:
    assert _span(by_surface(text, pub)[surface]) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["当年的承诺没有兑现。", "日本年轻人关注稀土。", "基本年薪不变。", "他相当年轻。", "会议前日，双方通话。",
     "昨非今是。"],
)  # fmt: skip
def test_words_that_are_not_those_dates(text: str) -> None:
    assert by_surface(text, "2026-02-08") == {}


# ---- policy acts in words the vocabularies lacked ---------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "event_type"),
    [
        ("Rebels sealed the border crossings with China on Monday, stopping rare earth trucks.",
         "on Monday", "export_control"),
        ("Beijing shut two checkpoints on the rare earth route on Friday.", "on Friday", "export_control"),
        ("中方10月20日关闭了两个稀土运输口岸。", "10月20日", "export_control"),
        ("緬北口岸10月20日關閉，稀土礦無法入境。", "10月20日", "export_control"),
        ("On Tuesday the cabinet said it was banning shipments of rare earth ore.", "On Tuesday",
         "export_control"),
        ("省里8月1日起开展稀土专项整治。", "8月1日", "industrial_policy"),
        ("省裡8月1日起開展稀土專項整治。", "8月1日", "industrial_policy"),
        ("The ministry on Thursday unveiled a comprehensive rare earth supply chain plan.",
         "on Thursday", "industrial_policy"),
        ("The regulator on Friday decided to ease the limits on rare earth imports.", "on Friday",
         "export_control_relaxation"),
        ("On Monday the regulator said the rare earth plant could go on importing ore.", "On Monday",
         "export_control_relaxation"),
    ],
)  # fmt: skip
def test_policy_vocabulary(body: str, surface: str, event_type: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["event_type"] == event_type and row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Ukraine keeps full ownership and control of its rare earths, the minister wrote on Wednesday.",
         "on Wednesday"),
        ("On Monday the rebels took control of two rare earth mines.", "On Monday"),
        ("Earlier this month, a US miner agreed to buy a Brazilian rare earth producer.",
         "Earlier this month"),
        ("稀土企业3月5日宣布收购一家磁材厂。", "3月5日"),
    ],
)  # fmt: skip
def test_not_policy_words(body: str, surface: str) -> None:
    assert not _rows(body, "2025-10-24", title="Rare earths")[surface]["is_policy_event"]


# ---- a sentence dating "this document" takes the type of the sentence that names it ----------
@pytest.mark.parametrize(
    "body",
    ["两部门日前下发通知，继续实行稀土开采总量控制指标管理。这份上月30日签发的文件，前日在网站公开。",
     "兩部門日前下發通知，繼續實行稀土開採總量控制指標管理。這份上月30日簽發的文件，前日在網站公開。"],
)  # fmt: skip
def test_this_document_takes_the_previous_sentence_type(body: str) -> None:
    rows = _rows(body, "2020-07-17")
    assert rows["上月30日"]["is_policy_event"] and rows["前日"]["is_policy_event"]
    assert rows["上月30日"]["event_type"] == "export_control"


# ---- who says it, and when a date is a dateline, a report or a period -------------------------
def test_unnamed_sources_before_said_report() -> None:
    row = _rows("Rebels shut the border crossings, residents of the town said on Thursday.",
                "2024-11-14", title="Rare earths")["on Thursday"]  # fmt: skip
    assert row["kind"] == "report" and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "policy"),
    [
        ("Malaysia will ban exports of raw rare earths, the science minister said on Tuesday.", True),
        ("Canberra will restrict rare earth ore exports, the resources minister said on Tuesday.", True),
        ("China will tighten rare earth export controls, the US trade secretary said on Tuesday.", False),
    ],
)  # fmt: skip
def test_minister_announcing_his_own_side_act(body: str, policy: bool) -> None:
    row = _rows(body, "2023-10-24", title="Rare earths")["on Tuesday"]
    assert row["is_policy_event"] is policy


def test_bracketed_dateline_is_no_event() -> None:
    rows = _rows("Tech Wire (Oct 24) -- Malaysia will ban exports of raw rare earths.", "2023-10-24",
                 title="Rare earths")  # fmt: skip
    assert rows["Oct 24"]["kind"] == "report" and not rows["Oct 24"]["is_policy_event"]


@pytest.mark.parametrize(
    "body",
    [
        "9月5日，记者从省经信委获悉，全省将开展稀土专项整治。",
        "9月5日，記者從省經信委獲悉，全省將開展稀土專項整治。",
    ],
)
def test_day_the_paper_learned_is_a_report(body: str) -> None:
    assert _rows(body, "2011-09-06")["9月5日"]["kind"] == "report"


@pytest.mark.parametrize(
    ("body", "surface"),
    [("2025年12月，对日出口的稀土磁铁环比减少8%。", "2025年12月"),
     ("2025年12月，對日出口的稀土磁鐵環比減少8%。", "2025年12月"),
     ("In December, rare earth magnet exports to Japan fell 8% month-on-month.", "December")],
)  # fmt: skip
def test_month_before_a_change_figure_is_a_period(body: str, surface: str) -> None:
    row = _rows(body, "2026-02-08", title="稀土出口管制")[surface]
    assert row["kind"] == "period" and not row["is_policy_event"]


@pytest.mark.parametrize(
    "body", ["美方决定不会在2月1日对欧洲国家加征关税。", "美方決定不會在2月1日對歐洲國家加徵關稅。"]
)
def test_will_not_on_a_day_is_future(body: str) -> None:
    row = _rows(body, "2026-01-22", title="关税")["2月1日"]
    assert row["date_start"].date().isoformat() == "2026-02-01" and not row["is_policy_event"]


# ---- a plan that failed is past; a bare 一季 after 将 / 的 is a quarter ------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start"),
    [
        ("The talks follow a signing planned for late March that collapsed in a row.", "2025-06-01",
         "late March", "2025-03-21"),
        ("A summit scheduled for April was cancelled after the spat.", "2025-06-01", "April",
         "2025-04-01"),
        ("计划于3月底举行的签约仪式告吹。", "2025-06-01", "3月底", "2025-03-21"),
        ("計劃於3月底舉行的簽約儀式告吹。", "2025-06-01", "3月底", "2025-03-21"),
    ],
)  # fmt: skip
def test_failed_plan_is_past_and_no_event(text: str, pub: str, surface: str, start: str) -> None:
    got = by_surface(text, pub)[surface]
    assert got.date_start.isoformat() == start and got.kind == "other"


def test_plan_still_future() -> None:
    got = by_surface("A signing is planned for late March.", "2025-06-01")["late March"]
    assert got.date_start.isoformat() == "2026-03-21" and got.kind != "event"


@pytest.mark.parametrize(
    ("text", "q_start", "q_end"),
    [("公司拟将一季精矿价格上调2.4%。", "2026-01-01", "2026-03-31"),
     ("公司擬將三季精礦價格上調2.4%。", "2026-07-01", "2026-09-30")],
)  # fmt: skip
def test_bare_quarter_after_jiang(text: str, q_start: str, q_end: str) -> None:
    found = by_surface(text, "2026-10-12")
    (got,) = [m for m in found.values() if "季" in m.surface]
    assert _span(got) == (q_start, q_end)


def test_seasons_are_no_quarter() -> None:
    assert [m for m in by_surface("这里一年四季如春，季节分明。", "2026-01-12").values()
            if "季" in m.surface] == []  # fmt: skip


# ---- news6's probes: a when-clause's policy, a firm's status remark, another actor's act -----
@pytest.mark.parametrize(
    "body",
    ["Magnet prices have tripled since April, when China curbed exports of seven rare earths.",
     "Output has slipped since March, when Beijing curbed shipments of heavy rare earths."],
)  # fmt: skip
def test_since_when_clause_dates_the_policy(body: str) -> None:
    (row,) = _rows(body, "2025-11-07", title="Rare earths").values()
    assert row["is_policy_event"] and row["event_type"] == "export_control"


def test_firm_status_remark_is_no_policy() -> None:
    row = _rows("The miner said on Wednesday its rare earth refinery remained on track for 2027.",
                "2025-11-07", title="Rare earths")["on Wednesday"]  # fmt: skip
    assert not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "policy"),
    [
        ("The White House said on Friday China would suspend its rare earth export controls.", False),
        ("Washington said on Friday that Beijing will pause the rare earth curbs.", False),
        ("The White House said on Friday the US would cut tariffs on Chinese magnets.", True),
    ],
)  # fmt: skip
def test_report_of_another_actors_future_act(body: str, policy: bool) -> None:
    row = _rows(body, "2025-11-07", title="Rare earths")["on Friday"]
    assert row["is_policy_event"] is policy
