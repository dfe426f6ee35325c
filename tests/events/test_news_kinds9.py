"""Failure kinds seen on the tenth held-out real-news set (issue 10), on hand-written sentences in
our own words, in both scripts and English where it applies. One test (or parametrised group)
per kind; each asserts the general rule, never a fixture sentence. Production milestones and
corporate finance follow tests/events/fixtures/ANNOTATION.md.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return mention.date_start.isoformat(), mention.date_end.isoformat()


# ---- production milestones: a plant or mine opened, begun, restarted, shut or halted -------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The miner broke ground on its magnet factory on May 3.", "May 3"),
        ("The company marked the start of construction of a magnet plant on May 3.", "May 3"),
        ("The firm is inaugurating its rare earth magnet plant on Friday.", "on Friday"),
        ("The company said on Friday it would shut all its processing operations for an upgrade.",
         "on Friday"),
        ("It resumed operations at the rare earth mine in March.", "March"),
        ("稀土公司从本周三起停产一个月。", "本周三"),
        ("稀土公司從本週三起停產一個月。", "本週三"),
        ("稀土磁材项目5月3日开工。", "5月3日"),
    ],
)  # fmt: skip
def test_production_milestones_are_events(body: str, surface: str) -> None:
    row = _rows(body, "2025-10-24", title="Rare earths")[surface]
    assert row["event_type"] == "production_milestone" and row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [("The miner halted production at its plant on Monday for maintenance.", "on Monday"),
     ("稀土冶炼厂3月3日停产检修。", "3月3日")],
)  # fmt: skip
def test_a_maintenance_stop_stays_a_firms_own_operation(body: str, surface: str) -> None:
    assert (
        _rows(body, "2025-10-24", title="Rare earths")[surface]["event_type"] == "firm_operations"
    )


# ---- corporate finance is no event; a state group unveiled is ----------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The rare earth miner filed for Chapter 11 bankruptcy on Thursday.", "on Thursday"),
        ("稀土公司28日表示，将增资5亿元用于投资磁材厂。", "28日"),
        ("稀土公司28日表示，將增資5億元用於投資磁材廠。", "28日"),
        ("The miner said on Monday it would raise A$800 million in new equity to invest in magnets.",
         "on Monday"),
    ],
)  # fmt: skip
def test_corporate_finance_is_no_policy_event(body: str, surface: str) -> None:
    assert not _rows(body, "2025-10-24", title="Rare earths")[surface]["is_policy_event"]


@pytest.mark.parametrize("body", ["同日，稀土集团新公司揭牌。", "同日，稀土集團新公司揭牌。"])
def test_a_state_group_unveiled_is_industrial_policy(body: str) -> None:
    row = _rows("国资委9月21日宣布组建稀土集团。" + body, "2025-10-24")["同日"]
    assert row["event_type"] == "industrial_policy" and row["is_policy_event"]


# ---- traders saying shipments had been halted date the halt ---------------------------------------
def test_a_past_perfect_act_reported_by_traders_dates_the_act() -> None:
    body = "Worries grew in September when traders said their rare earth shipments had been halted."
    row = _rows(body, "2010-11-24", title="Rare earths")["September"]
    assert row["kind"] == "event" and row["is_policy_event"]
    said = _rows("Traders said on Monday that prices rose.", "2010-11-24")["on Monday"]
    assert said["kind"] == "report"


# ---- dates read from their sentence, not from publication ---------------------------------------
def test_a_later_after_clause_lends_no_year() -> None:
    """ "resumed in December, after ... the shutdown in 2002": 2002 is another happening's."""
    got = by_surface("It resumed mining in December, after spills led to the shutdown in 2002.",
                     "2011-04-20")["December"]  # fmt: skip
    assert _span(got) == ("2010-12-01", "2010-12-31")


def test_the_previous_quarter_counts_from_the_quarter_named() -> None:
    got = by_surface("Output in the fourth quarter of 2014 doubled from the previous quarter.",
                     "2015-06-25")["the previous quarter"]  # fmt: skip
    assert _span(got) == ("2014-07-01", "2014-09-30")


@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        # a stated year's same period: the nearest earlier period in that year
        ("价格6月达到高点，较2010年同期上涨4倍。", "2011-09-01", "2010年同期", "2010-06-01", "2010-06-30"),
        ("價格6月達到高點，較2010年同期上漲4倍。", "2011-09-01", "2010年同期", "2010-06-01", "2010-06-30"),
        # a bare half or year edge in a past clause that has not reached it: the year before
        ("虽然下半年价格持续下跌，但年底价格仍较高。", "2012-04-06", "下半年", "2011-07-01", "2011-12-31"),
        ("虽然下半年价格持续下跌，但年底价格仍较高。", "2012-04-06", "年底", "2011-12-21", "2011-12-31"),
        # ... but of the publication year when reached, ahead, or a limit
        ("公司预计上半年净利润下降。", "2024-07-10", "上半年", "2024-01-01", "2024-06-30"),
        ("中心规划下半年赴美探勘。", "2026-02-13", "下半年", "2026-07-01", "2026-12-31"),
        ("从8月1日至年底开展专项整治。", "2011-09-06", "年底", "2011-12-21", "2011-12-31"),
    ],
)  # fmt: skip
def test_periods_placed_by_their_sentence(
    text: str, pub: str, surface: str, start: str, end: str
) -> None:
    assert _span(by_surface(text, pub)[surface]) == (start, end)


def test_listed_for_a_month_is_ahead() -> None:
    got = by_surface("A hearing has been listed for November.", "2023-10-20")["November"]
    assert got.date_start.isoformat() == "2023-11-01" and got.kind != "event"


# ---- a company halting its own exports is its sales decision, not an export control ---------------
@pytest.mark.parametrize(
    ("body", "surface", "policy"),
    [
        ("MP早在4月就因高关税暂停对华出口。", "4月", False),
        ("MP早在4月就因高關稅暫停對華出口。", "4月", False),
        ("Lynas halted its shipments of rare earths to China in April.", "April", False),
        ("商务部4月暂停对美出口稀土。", "4月", True),
        ("Malaysia ordered Lynas to halt exports in April.", "April", True),
    ],
)  # fmt: skip
def test_a_firms_own_export_halt_is_no_export_control(
    body: str, surface: str, policy: bool
) -> None:
    assert _rows(body, "2025-08-26", title="Rare earths")[surface]["is_policy_event"] is policy
