"""Known misses of earlier first runs on held-out news (issue 10), as general rules.

Hand-written sentences in our own words, in both scripts and English where it applies: "October
the 9th", "this past weekend", publishing a plan, 早在2001年 as background, mine closures and
raw-ore export bans phrased at length, supply deals between firms, and a future marker after the
date (春节后将出台). Holidays have their own file (test_holidays.py).
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface
from ._kinds import rows as _rows

PUB = "2025-10-15"  # a Wednesday


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return mention.date_start.isoformat(), mention.date_end.isoformat()


# ---- "October the 9th", "this past weekend", "this past Friday" ---------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("The controls were announced on October the 9th.", PUB, "October the 9th", "2025-10-09", "2025-10-09"),
        ("It was signed on Sept. the 3rd, 2024.", PUB, "Sept. the 3rd, 2024", "2024-09-03", "2024-09-03"),
        ("This past weekend, Beijing banned gallium exports.", PUB, "This past weekend", "2025-10-11", "2025-10-12"),
        ("Talks stalled over the past weekend.", PUB, "the past weekend", "2025-10-11", "2025-10-12"),
        # on a Friday, "this past Friday" is last week's, a bare "Friday" today's
        ("Beijing acted this past Friday.", "2025-10-17", "this past Friday", "2025-10-10", "2025-10-10"),
    ],
)  # fmt: skip
def test_spoken_day_phrasings(text: str, pub: str, surface: str, start: str, end: str) -> None:
    assert _span(by_surface(text, pub)[surface]) == (start, end)


# ---- publishing a plan or a strategy is a policy act ------------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The ministry published its rare earth industry plan on Tuesday.", "on Tuesday"),
        ("On Tuesday the cabinet released a new critical minerals strategy.", "On Tuesday"),
        ("国务院9日发布关键矿产战略。", "9日"),
        ("國務院9日發佈關鍵礦產戰略。", "9日"),
    ],
)
def test_publishing_a_plan_is_industrial_policy(body: str, surface: str) -> None:
    row = _rows(body, PUB, title="Rare earths")[surface]
    assert row["event_type"] == "industrial_policy" and row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [("Lynas on Monday released its production plan for the year.", "on Monday"),
     ("稀土公司9日发布扩产计划。", "9日")],
)  # fmt: skip
def test_a_firms_own_plan_is_no_industrial_policy(body: str, surface: str) -> None:
    assert _rows(body, PUB, title="Rare earths")[surface]["event_type"] != "industrial_policy"


# ---- 早在2001年: a year given as background is a period ---------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("早在2001年，稀土技术就列入限制出口目录。", "2001年"),
        ("早在2001年，稀土技術就列入限制出口目錄。", "2001年"),
        ("As early as 2001, China began licensing rare earth exports.", "2001"),
        ("The quota system dates back as far back as 1998, officials say.", "1998"),
    ],
)  # fmt: skip
def test_a_background_year_is_a_period(text: str, surface: str) -> None:
    assert by_surface(text, PUB)[surface].kind == "period"


def test_a_day_after_zao_zai_still_dates_an_act() -> None:
    """早在10月9日商务部就宣布: "as early as October 9" stresses an act, it dates it."""
    assert by_surface("早在10月9日，商务部就宣布了管制。", PUB)["10月9日"].kind == "event"


# ---- mine closures and raw-ore export bans phrased at length ------------------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("On Monday, the government ordered the closure of all illegal rare earth mines.", "On Monday"),
        ("Authorities shut the Pangwa rare earth mines on Sept. 4 for inspection.", "Sept. 4"),
        ("The rare earth mines have been closed since Sept. 4.", "Sept. 4"),
        ("當局9月4日下令關閉所有非法稀土礦。", "9月4日"),
        ("克钦邦9月4日起关闭稀土矿山进行检查。", "9月4日"),
        ("In June, Jakarta stopped allowing companies to ship bauxite ore abroad.", "June"),
        ("Indonesia began banning bauxite ore exports in June.", "June"),
        ("In June, Indonesia prohibited miners from selling raw nickel ore overseas.", "June"),
        ("Since January, miners have no longer been allowed to export unprocessed ore.", "January"),
        ("印尼6月起禁止铝土矿原矿出口。", "6月"),
    ],
)  # fmt: skip
def test_closing_mines_and_banning_ore_exports_are_export_controls(body: str, surface: str) -> None:
    row = _rows(body, PUB, title="Rare earths")[surface]
    assert row["event_type"] == "export_control" and row["is_policy_event"]


def test_a_firm_shutting_its_own_plant_stays_firm_operations() -> None:
    row = _rows("Lynas shut down its Malaysian plant on Monday for maintenance.", PUB)["on Monday"]
    assert row["event_type"] == "firm_operations" and not row["is_policy_event"]


# ---- a supply deal between two firms is an event; buying a company is not -------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("On Tuesday, General Motors agreed to buy rare earth magnets from MP Materials.", "On Tuesday"),
        ("GM signed a deal with MP Materials on Tuesday to source magnets.", "on Tuesday"),
        ("金力永磁9日与一家德国车企签订稀土磁体供货协议。", "9日"),
        ("金力永磁9日與一家德國車企簽訂稀土磁體供貨協議。", "9日"),
    ],
)  # fmt: skip
def test_a_supply_deal_between_firms_is_an_event(body: str, surface: str) -> None:
    assert _rows(body, PUB, title="Rare earths")[surface]["is_policy_event"]


def test_buying_a_company_stays_an_acquisition() -> None:
    row = _rows("On Tuesday a US miner agreed to buy a Brazilian rare earth producer.", PUB,
                title="Rare earths")["On Tuesday"]  # fmt: skip
    assert row["event_type"] == "firm_operations" and not row["is_policy_event"]


# ---- a future marker right after the date: 今年将完成, 春节后将出台 ----------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [("工信部：今年将完成稀土集团重组。", "今年"), ("工信部：今年將完成稀土集團重組。", "今年"),
     ("商务部12月1日起将实施新规。", "12月1日")],
)  # fmt: skip
def test_a_marker_after_the_date_makes_it_future(text: str, surface: str) -> None:
    got = by_surface(text, "2025-10-15")[surface]
    assert got.kind != "event" and "future" in got.flags
