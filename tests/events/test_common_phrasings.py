"""Common date phrasings of wire and analyst copy that no real-news set had yet (issue 10).

Found by probing the resolver with a list of everyday expressions before any new article
showed them: analysts' 3Q25 / 1H25, "on the 9th", the year so far (今年以来, 年初至今, "so
far this year"), "two days earlier". Hand-written sentences, published 2025-10-15 (a
Wednesday) unless said otherwise.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface, rows

PUB = "2025-10-15"


@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Exports fell in 3Q25.", "3Q25", "2025-07-01", "2025-09-30"),
        ("Lynas guided for a stronger 4Q 2025.", "4Q 2025", "2025-10-01", "2025-12-31"),
        ("Margins rose in 1H 2025.", "1H 2025", "2025-01-01", "2025-06-30"),
        ("Margins fell in 2H24.", "2H24", "2024-07-01", "2024-12-31"),
    ],
)  # fmt: skip
def test_analyst_quarter_and_half_shorthand_is_a_period(
    text: str, surface: str, start: str, end: str
) -> None:
    got = by_surface(text, PUB)[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat(), got.kind) == (
        start,
        end,
        "period",
    )


@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("The measure was unveiled on the 9th.", PUB, "the 9th", "2025-10-09"),
        ("On the 9th, the ministry published its notice.", PUB, "the 9th", "2025-10-09"),
        ("Beijing acted on the 28th, before the holiday.", PUB, "the 28th", "2025-09-28"),
    ],
)  # fmt: skip
def test_a_bare_ordinal_day_is_that_day_of_the_latest_month(
    text: str, pub: str, surface: str, day: str
) -> None:
    assert by_surface(text, pub)[surface].date_start.isoformat() == day


@pytest.mark.parametrize(
    "text",
    ["He spoke on the 14th Five-Year Plan.", "They met on the 20th anniversary of the accord.",
     "It was the 3rd round of talks."],
)  # fmt: skip
def test_an_ordinal_before_a_noun_is_no_day(text: str) -> None:
    assert not [m for m in by_surface(text, PUB).values() if m.granularity == "day"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [("今年以来，稀土价格上涨。", "今年以来"), ("今年以來，稀土價格上漲。", "今年以來"),
     ("年初至今出口下降。", "年初至今"), ("So far this year prices rose.", "So far this year")],
)  # fmt: skip
def test_the_year_so_far_runs_to_publication(text: str, surface: str) -> None:
    got = by_surface(text, PUB)[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat(), got.kind) == (
        "2025-01-01", PUB, "period"
    )  # fmt: skip


def test_a_stated_year_keeps_its_edge_before_zhijin() -> None:
    got = by_surface("2023年初至今，价格翻倍。", PUB)
    assert got["2023年初"].date_start.isoformat() == "2023-01-01"


def test_n_days_earlier_counts_back_from_the_day_before_it() -> None:
    got = by_surface("MOFCOM acted on Oct. 9. Two days earlier, it had warned exporters.", PUB)
    assert got["Two days earlier"].date_start.isoformat() == "2025-10-07"
    assert "anaphora_previous_date" in got["Two days earlier"].flags


# ---- an intention to talk about a policy is a reaction, not an act -----------------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Japan said on Tuesday it would discuss the export controls with Beijing.", "on Tuesday"),
        ("Seoul said on Monday it plans to raise the rare earth curbs with Chinese officials.",
         "on Monday"),
        ("日本经济产业省10月14日表示，将与中方就出口管制进行沟通。", "10月14日"),
        ("日本經濟產業省10月14日表示，將與中方就出口管制進行溝通。", "10月14日"),
    ],
)  # fmt: skip
def test_talking_about_a_policy_dates_a_report(body: str, surface: str) -> None:
    row = rows(body, "2025-10-15 09:00", title="Rare earths")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Japan said on Tuesday it would impose export controls on gallium.", "on Tuesday"),
        ("商务部10月9日表示，将对稀土相关技术实施出口管制。", "10月9日"),
        ("The two leaders discussed rare earth export controls at their summit on Oct. 30.",
         "Oct. 30"),
    ],
)  # fmt: skip
def test_announcing_an_act_or_meeting_is_still_an_event(body: str, surface: str) -> None:
    assert rows(body, "2025-10-31 09:00", title="Rare earths")[surface]["is_policy_event"]
