"""Failure kinds seen on the ninth held-out real-news set (issue 10), on hand-written sentences in
our own words, in both scripts and English where it applies. One test (or parametrised group)
per kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return mention.date_start.isoformat(), mention.date_end.isoformat()


# ---- chips are another industry: their controls date no minerals event ------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The US on Monday widened its curbs on exports of chips to China.", "on Monday"),
        ("美国周一扩大对华芯片出口管制。", "周一"),
        ("美國週一擴大對華晶片出口管制。", "週一"),
        ("The Dutch government took control of Nexperia on Sunday.", "on Sunday"),
    ],
)  # fmt: skip
def test_chip_controls_are_out_of_scope(body: str, surface: str) -> None:
    assert not _rows(body, "2025-10-15", title="Export controls")[surface]["is_policy_event"]


def test_a_chip_clause_does_not_take_a_minerals_sentence_with_it() -> None:
    got = _rows("China banned gallium exports on Tuesday, a day after the US curbed chip sales.",
                "2024-12-04", title="Gallium")  # fmt: skip
    assert got["on Tuesday"]["is_policy_event"] and not got["a day after"]["is_policy_event"]


def test_a_chipmaker_elsewhere_in_the_article_leaves_a_sentence_in_scope() -> None:
    row = _rows("商务部20日宣布加强出口管制。", "2025-10-22", title="安世半导体风波")["20日"]
    assert row["is_policy_event"]


# ---- a dateline of two cities ------------------------------------------------------------------
def test_a_dateline_of_two_cities_is_the_publication_date() -> None:
    body = "WASHINGTON/BRUSSELS, March 13 -- The partners filed a complaint on rare earth export curbs."
    row = _rows(body, "2012-03-14", title="Rare earths")["March 13"]
    assert row["kind"] == "report" and "dateline" in row["flags"]


# ---- a saying whose words carry their own dated act --------------------------------------------
@pytest.mark.parametrize(
    "body",
    ["韩国产业部2日称，两国部长1日举行会谈，同意稳定稀土供应链。",
     "韓國產業部2日稱，兩國部長1日舉行會談，同意穩定稀土供應鏈。"],
)  # fmt: skip
def test_the_day_of_the_statement_is_a_report(body: str) -> None:
    got = _rows(body, "2025-11-03")
    assert got["2日"]["kind"] == "report" and got["1日"]["is_policy_event"]


# ---- considering a measure, or an official's remarks, is no act -------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("某官媒总编辑今天在推特发文表示，中国正在认真考虑限制稀土出口。", "今天"),
        ("某官媒總編輯今天在推特發文表示，中國正在認真考慮限制稀土出口。", "今天"),
        ("对于稀土能否成为反制王牌，发改委有关负责人28日表示，稀土的战略价值将更加凸显。", "28日"),
    ],
)  # fmt: skip
def test_remarks_and_considering_are_reports(body: str, surface: str) -> None:
    row = _rows(body, "2019-05-29")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


# ---- a bare leading date dates the first happening, not an act said to come later ---------------
def test_a_later_act_takes_no_leading_date() -> None:
    later = _rows(
        "二〇一〇年九月七日，两船相撞，船长被扣，中国随后停止对日出口稀土。", "2025-11-19"
    )
    assert not later["二〇一〇年九月七日"]["is_policy_event"]
    same = _rows("2010年9月7日，中国停止对日出口稀土。", "2025-11-19")["2010年9月7日"]
    assert same["is_policy_event"]


def test_later_the_same_day_keeps_its_date() -> None:
    """当日稍早…随后…: the later act is still on that day (the date's clause is no bare date)."""
    got = _rows(
        "总统1月21日发表讲话。总统当日稍早在论坛发言，随后透露已达成稀土协议框架。", "2026-01-22"
    )
    assert got["当日"]["is_policy_event"]


# ---- a day of the month in Chinese numerals -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("商务部六日宣布，即日起加强出口管制。", "2026-01-07", "六日", "2026-01-06"),
        ("商務部六日宣布，即日起加強出口管制。", "2026-01-07", "即日起", "2026-01-06"),
        ("旅行社自十六日起暂停团队游业务。", "2025-11-19", "十六日", "2025-11-16"),
        ("部长二十一日在东京会见记者。", "2025-11-25", "二十一日", "2025-11-21"),
    ],
)  # fmt: skip
def test_chinese_numeral_day_before_its_verb(text: str, pub: str, surface: str, day: str) -> None:
    assert by_surface(text, pub)[surface].date_start.isoformat() == day


def test_a_numeral_day_count_is_no_date() -> None:
    assert not [m for m in by_surface("当地推出稀土之乡六日游。", "2025-11-19").values()
                if m.date_start is not None]  # fmt: skip


# ---- "a day after X": X was the day before ------------------------------------------------------
def test_a_day_after_counts_back_from_the_nearest_date() -> None:
    got = by_surface("China acted on Tuesday, a day after Washington's new rules.", "2024-12-04")
    assert _span(got["a day after"]) == ("2024-12-02", "2024-12-02")
    assert "a day after that" not in by_surface("It rose a day after that.", "2024-12-04")


def test_a_day_after_someone_spoke_is_a_report() -> None:
    body = "Tokyo announced the alliance on Wednesday. It came a day after the minister told his counterpart that supplies of rare earths would continue."
    row = _rows(body, "2010-11-25", title="Rare earths")["a day after"]
    assert row["kind"] == "report" and not row["is_policy_event"]
