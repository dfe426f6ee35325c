"""Everyday date phrasings of journalists, second probing round (issue 10).

Written before any article showed them: parts of relative months ("late last month",
上月下旬), vague years ("mid-2024", "early next year": the year), seasons ("last summer",
去年冬季, 今春), weeks and halves of a month ("the first week of March", 3月第一周, "the second
half of September"), two units back or ahead ("the week before last", 上上周, 上上个月, 后年),
大前天, "this morning", "last night", "Tuesday last week", lists of days ("March 3 and 4",
3月3日、4日) and abbreviated months ("Sept. 2024", "9 Oct"). Each resolves to the range a
reader would give, by the conventions of reequity.events._phrase_handlers and
reequity.events.dates. Published 2025-10-15, a Wednesday (its week runs 13-19 October).
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface

PUB = "2025-10-15"


@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Prices peaked late last month.", "late last month", "2025-09-21", "2025-09-30"),
        ("The rules came out early last month.", "early last month", "2025-09-01", "2025-09-10"),
        ("Beijing acted early this month.", "early this month", "2025-10-01", "2025-10-10"),
        ("Output slowed in mid-2024.", "2024", "2024-01-01", "2024-12-31"),
        ("上月下旬，商务部发布公告。", "上月下旬", "2025-09-21", "2025-09-30"),
        ("上月初，工信部下达指标。", "上月初", "2025-09-01", "2025-09-10"),
        ("本月中旬，价格回落。", "本月中旬", "2025-10-11", "2025-10-20"),
        ("商務部本週一宣布新措施。", "本週一", "2025-10-13", "2025-10-13"),
        ("前年，出口大幅下降。", "前年", "2023-01-01", "2023-12-31"),
        ("The plant will open early next year.", "next year", "2026-01-01", "2026-12-31"),
        ("Talks were held in the first week of March.", "the first week of March", "2025-03-01", "2025-03-07"),
        ("Inspections ran in the last week of September.", "the last week of September", "2025-09-24", "2025-09-30"),
        ("The auction was in the second week of October.", "the second week of October", "2025-10-08", "2025-10-14"),
        ("The talks ran on March 3 and 4.", "March 3 and 4", "2025-03-03", "2025-03-04"),
        ("双方3月3日、4日举行会谈。", "3月3日、4日", "2025-03-03", "2025-03-04"),
        ("China announced the curbs over the weekend.", "over the weekend", "2025-10-11", "2025-10-12"),
        ("The mine reopened this spring.", "this spring", "2025-03-01", "2025-05-31"),
        ("The ban took effect last summer.", "last summer", "2025-06-01", "2025-08-31"),
        ("Prices rose last winter.", "last winter", "2024-12-01", "2025-02-28"),
        ("The quota was cut last autumn.", "last autumn", "2024-09-01", "2024-11-30"),
        ("今年春天，出口恢复。", "今年春天", "2025-03-01", "2025-05-31"),
        ("去年夏天，工厂停产。", "去年夏天", "2024-06-01", "2024-08-31"),
        ("去年冬季，价格上涨。", "去年冬季", "2024-12-01", "2025-02-28"),
        ("本月稍早，商务部宣布管制。", "本月稍早", "2025-10-01", "2025-10-15"),
        ("本月稍早，商務部宣佈管制。", "本月稍早", "2025-10-01", "2025-10-15"),
        ("Late last year Beijing cut quotas.", "last year", "2024-01-01", "2024-12-31"),
        ("Exports fell earlier this year.", "earlier this year", "2025-01-01", "2025-10-15"),
        ("He spoke last week.", "last week", "2025-10-06", "2025-10-12"),
        ("上週五，商務部發布公告。", "上週五", "2025-10-10", "2025-10-10"),
        ("前天，商务部宣布管制。", "前天", "2025-10-13", "2025-10-13"),
        ("大前天，商务部宣布管制。", "大前天", "2025-10-12", "2025-10-12"),
        ("月初，商务部宣布管制。", "月初", "2025-10-01", "2025-10-10"),
        ("月中，商务部宣布管制。", "月中", "2025-10-11", "2025-10-20"),
        ("今年年中，商务部宣布管制。", "今年年中", "2025-06-01", "2025-07-31"),
        ("The rules were issued a week ago.", "a week ago", "2025-10-06", "2025-10-12"),
        ("Quotas were set the week before last.", "the week before last", "2025-09-29", "2025-10-05"),
        ("He spoke the day before yesterday.", "the day before yesterday", "2025-10-13", "2025-10-13"),
        ("Prices fell in the second half of September.", "the second half of September", "2025-09-16", "2025-09-30"),
        ("Prices rose in the first half of October.", "the first half of October", "2025-10-01", "2025-10-15"),
        ("The licences expire at the end of the month.", "the end of the month", "2025-10-21", "2025-10-31"),
        ("Shipments slowed at end-September.", "end-September", "2025-09-21", "2025-09-30"),
        ("Shipments slowed in mid-October.", "mid-October", "2025-10-11", "2025-10-20"),
        ("They met on Oct. 9-10.", "Oct. 9-10", "2025-10-09", "2025-10-10"),
        ("They met on 9-10 October.", "9-10 October", "2025-10-09", "2025-10-10"),
        ("双方10月9日至10日举行会谈。", "10月9日至10日", "2025-10-09", "2025-10-10"),
        ("10月中下旬，价格回落。", "10月中下旬", "2025-10-11", "2025-10-31"),
        ("Revenue rose in the third quarter.", "the third quarter", "2025-07-01", "2025-09-30"),
        ("Exports fell in September 2025.", "September 2025", "2025-09-01", "2025-09-30"),
        ("Exports fell in Sept. 2024.", "Sept. 2024", "2024-09-01", "2024-09-30"),
        ("Exports fell in Sep 2024.", "Sep 2024", "2024-09-01", "2024-09-30"),
        ("The ban was announced on 9 Oct.", "9 Oct", "2025-10-09", "2025-10-09"),
        ("The ban was announced on Oct. 9th.", "Oct. 9th", "2025-10-09", "2025-10-09"),
        ("The ban was announced on the 9th of October.", "9th of October", "2025-10-09", "2025-10-09"),
        ("The ministry said this morning it would act.", "this morning", "2025-10-15", "2025-10-15"),
        ("The ministry acted last night.", "last night", "2025-10-14", "2025-10-14"),
        ("The ministry will decide tonight.", "tonight", "2025-10-15", "2025-10-15"),
        ("商务部今晨发布公告。", "今晨", "2025-10-15", "2025-10-15"),
        ("The ministry acted last Tuesday.", "last Tuesday", "2025-10-14", "2025-10-14"),
        ("The ministry acted on Tuesday last week.", "on Tuesday last week", "2025-10-07", "2025-10-07"),
        ("The ministry will act next Monday.", "next Monday", "2025-10-20", "2025-10-20"),
        ("The ministry acted earlier this week.", "earlier this week", "2025-10-13", "2025-10-15"),
        ("The rules lapse late this month.", "late this month", "2025-10-21", "2025-10-31"),
        ("It began at the beginning of the month.", "the beginning of the month", "2025-10-01", "2025-10-10"),
        ("It ended at the end of last month.", "the end of last month", "2025-09-21", "2025-09-30"),
        ("It ended at the end of last year.", "the end of last year", "2024-12-21", "2024-12-31"),
        ("It began two years ago.", "two years ago", "2023-01-01", "2023-12-31"),
        ("去年底，商务部宣布管制。", "去年底", "2024-12-21", "2024-12-31"),
        ("前年底，商务部宣布管制。", "前年底", "2023-12-21", "2023-12-31"),
        ("后年，新厂将投产。", "后年", "2027-01-01", "2027-12-31"),
        ("上上周，商务部宣布管制。", "上上周", "2025-09-29", "2025-10-05"),
        ("上上个月，商务部宣布管制。", "上上个月", "2025-08-01", "2025-08-31"),
        ("It happened the month before last.", "the month before last", "2025-08-01", "2025-08-31"),
        ("It happened the year before last.", "the year before last", "2023-01-01", "2023-12-31"),
        ("It happened three months ago.", "three months ago", "2025-07-01", "2025-07-31"),
        ("The rules take effect this Thursday.", "this Thursday", "2025-10-16", "2025-10-16"),
        ("二〇二四年十月一日起施行。", "二〇二四年十月一日", "2024-10-01", "2024-10-01"),
        ("It started at the start of this year.", "the start of this year", "2025-01-01", "2025-01-10"),
        ("3月第一周，双方举行会谈。", "3月第一周", "2025-03-01", "2025-03-07"),
        ("上月底，商務部發佈公告。", "上月底", "2025-09-21", "2025-09-30"),
        ("The deal was signed in the middle of last month.", "the middle of last month", "2025-09-11", "2025-09-20"),
        ("Exports recovered this past week.", "this past week", "2025-10-06", "2025-10-12"),
    ],
)  # fmt: skip
def test_everyday_phrasing_resolves_as_a_reader_would(
    text: str, surface: str, start: str, end: str
) -> None:
    got = by_surface(text, PUB)
    assert surface in got, sorted(got)
    assert (got[surface].date_start.isoformat(), got[surface].date_end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The plant will open early next year.", "next year"),
        ("The licences expire at the end of the month.", "the end of the month"),
        ("后年，新厂将投产。", "后年"),
        ("The rules take effect this Thursday.", "this Thursday"),
    ],
)
def test_phrasings_ahead_of_publication_are_no_events(text: str, surface: str) -> None:
    assert by_surface(text, PUB)[surface].kind != "event"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("This fall in exports worried traders.", "This fall"),
        ("今年春节前后，价格平稳。", "今年春"),
        ("如今春耕已经开始。", "今春"),
        ("这说明春季需求旺盛。", "明春"),
        ("Prices rose 5% on March 3 and 4% on March 4.", "March 3 and 4"),
        ("此后年均增长5%。", "后年"),
        ("3月3日，4日商务部又宣布新措施。", "3月3日，4日"),
    ],
)  # fmt: skip
def test_words_that_only_look_like_those_phrasings(text: str, absent: str) -> None:
    assert absent not in by_surface(text, PUB)


def test_a_comma_still_separates_two_dated_clauses() -> None:
    """3月3日，4日…: a comma ends the clause, so 4日 is read on its own (the latest 4th)."""
    got = by_surface("3月3日，4日商务部又宣布新措施。", PUB)
    assert got["3月3日"].date_start.isoformat() == "2025-03-03" and "4日" in got


# ---- a second round: Traditional-script copy, Taiwan's ROC years, "the 9th of last month",
# "at the weekend", "the end of the year", "mid-year", "mid-month" ---------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("明年年初，新规将实施。", "明年年初", "2026-01-01", "2026-01-10"),
        ("上個月底，商務部發佈公告。", "上個月底", "2025-09-21", "2025-09-30"),
        ("本月上旬，商务部发布公告。", "本月上旬", "2025-10-01", "2025-10-10"),
        ("經濟部民國114年10月9日公告。", "民國114年10月9日", "2025-10-09", "2025-10-09"),
        ("經濟部114年10月9日公告新規。", "114年10月9日", "2025-10-09", "2025-10-09"),
        ("The quota was set on the 9th of last month.", "the 9th of last month", "2025-09-09", "2025-09-09"),
        ("Talks resumed at the weekend.", "at the weekend", "2025-10-11", "2025-10-12"),
        ("The rules will be finalised by the end of the year.", "by the end of the year", "2025-12-21", "2025-12-31"),
        ("Prices rose at the start of the year.", "the start of the year", "2025-01-01", "2025-01-10"),
        ("The review was completed by mid-year.", "by mid-year", "2025-06-01", "2025-07-31"),
        ("Prices peaked mid-month.", "mid-month", "2025-10-11", "2025-10-20"),
        ("The ban was imposed between October 9 and 12.", "October 9 and 12", "2025-10-09", "2025-10-12"),
        ("前年3月，商務部發佈公告。", "前年3月", "2023-03-01", "2023-03-31"),
        ("上週末，雙方舉行會談。", "上週末", "2025-10-11", "2025-10-12"),
        ("今年第一季，出口下降。", "今年第一季", "2025-01-01", "2025-03-31"),
        ("10月9號，商務部發佈公告。", "10月9號", "2025-10-09", "2025-10-09"),
        ("十月上旬，商务部发布公告。", "十月上旬", "2025-10-01", "2025-10-10"),
        ("The ministry acted on Sunday night.", "on Sunday", "2025-10-12", "2025-10-12"),
        ("China acted in the early hours of Tuesday.", "Tuesday", "2025-10-14", "2025-10-14"),
        ("The quota for H1 2025 was cut.", "H1 2025", "2025-01-01", "2025-06-30"),
        ("The controls of 9th October were widened.", "9th October", "2025-10-09", "2025-10-09"),
        ("It was announced on 9 October 2024.", "9 October 2024", "2024-10-09", "2024-10-09"),
        ("今年初，商务部发布公告。", "今年初", "2025-01-01", "2025-01-10"),
        ("去年年底前，商务部发布公告。", "去年年底前", "2024-12-21", "2024-12-31"),
        ("The plant shut in late 2023.", "2023", "2023-01-01", "2023-12-31"),
        ("The curbs date from the 1990s.", "the 1990s", "1990-01-01", "1999-12-31"),
        ("上世纪90年代，出口大增。", "上世纪90年代", "1990-01-01", "1999-12-31"),
    ],
)  # fmt: skip
def test_more_everyday_phrasings(text: str, surface: str, start: str, end: str) -> None:
    got = by_surface(text, PUB)
    assert surface in got, sorted(got)
    assert (got[surface].date_start.isoformat(), got[surface].date_end.isoformat()) == (start, end)


def test_the_end_of_the_year_takes_the_year_of_its_sentence() -> None:
    """ "the end of the year" names no year: its sentence's, else the latest one (or, in a
    future clause, the coming one)."""
    got = by_surface("In 2019, prices fell at the end of the year.", PUB)["the end of the year"]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == ("2019-12-21", "2019-12-31")
    assert (
        by_surface("Prices fell at the end of the year.", PUB)[
            "the end of the year"
        ].date_start.isoformat()
        == "2024-12-21"
    )


@pytest.mark.parametrize(
    ("text", "absent"),
    [("該公司已有114年歷史。", "114年"), ("During the year, prices rose.", "the year"),
     ("Output rose during the month.", "the month")],
)  # fmt: skip
def test_no_date_without_its_anchor(text: str, absent: str) -> None:
    """A bare three-digit number before 年 is no ROC year; "the year" / "the month" alone refer
    back to an earlier one and are no date of their own."""
    assert not [s for s, m in by_surface(text, PUB).items() if absent in s and m.date_start]


# ---- a third round: ordinal words ("the first of October"), "over the summer", a bare 上半月,
# Traditional-script relative months and years ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("The talks began on the first of October.", "the first of October", "2025-10-01", "2025-10-01"),
        ("Prices spiked in early Q3.", "Q3", "2025-07-01", "2025-09-30"),
        ("The quota was cut in the fourth quarter of last year.", "the fourth quarter of last year", "2024-10-01", "2024-12-31"),
        ("The ban dates from the summer of 2023.", "the summer of 2023", "2023-06-01", "2023-08-31"),
        ("Exports resumed in late September.", "late September", "2025-09-21", "2025-09-30"),
        ("The rules were issued on 1 September.", "1 September", "2025-09-01", "2025-09-01"),
        ("The rules were issued on Sept. 1.", "Sept. 1", "2025-09-01", "2025-09-01"),
        ("The rules were issued on Sept 1.", "Sept 1", "2025-09-01", "2025-09-01"),
        ("The curbs were eased over the summer.", "over the summer", "2025-06-01", "2025-08-31"),
        ("本週稍早，商務部宣布管制。", "本週稍早", "2025-10-13", "2025-10-15"),
        ("上個月中旬，商務部宣布管制。", "上個月中旬", "2025-09-11", "2025-09-20"),
        ("去年十月，商務部宣布管制。", "去年十月", "2024-10-01", "2024-10-31"),
        ("明年一月起實施新規。", "明年一月", "2026-01-01", "2026-01-31"),
        ("二〇二三年底，價格回落。", "二〇二三年底", "2023-12-21", "2023-12-31"),
        ("今年前九個月，出口下降。", "今年前九個月", "2025-01-01", "2025-09-30"),
        ("第三季度，出口下降。", "第三季度", "2025-07-01", "2025-09-30"),
        ("上半月，出口下降。", "上半月", "2025-10-01", "2025-10-15"),
        ("The decision came on Wednesday evening.", "on Wednesday", "2025-10-15", "2025-10-15"),
        ("China announced the curbs on Thursday, Oct. 9.", "on Thursday, Oct. 9", "2025-10-09", "2025-10-09"),
        ("The plan was unveiled in the spring.", "in the spring", "2025-03-01", "2025-05-31"),
    ],
)  # fmt: skip
def test_a_third_round_of_phrasings(text: str, surface: str, start: str, end: str) -> None:
    got = by_surface(text, PUB)
    assert surface in got, sorted(got)
    assert (got[surface].date_start.isoformat(), got[surface].date_end.isoformat()) == (start, end)


def test_a_season_ahead_is_the_coming_one() -> None:
    got = by_surface("The plan will be unveiled in the spring.", PUB)["in the spring"]
    assert (got.date_start.isoformat(), got.kind) == ("2026-03-01", "other")


def test_the_fall_of_a_wall_is_no_season() -> None:
    assert not [
        s for s in by_surface("It came after the fall of the Berlin Wall.", PUB) if "fall" in s
    ]
