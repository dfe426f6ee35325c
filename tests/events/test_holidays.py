"""Public holidays as dates (reequity.events._holidays): 国庆节后, 春节假期, "Golden Week".

Hand-written sentences in both scripts and English; the conventions are the module's.
"""

from __future__ import annotations

from datetime import date

import pytest

from reequity.events._holidays import LUNAR_NEW_YEAR

from ._kinds import by_surface


def _span(mention) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    return mention.date_start.isoformat(), mention.date_end.isoformat()


def test_lunar_new_year_table_matches_exchange_calendars() -> None:
    """The table agrees with the Chinese lunisolar dates exchange_calendars ships."""
    lunisolar = pytest.importorskip("exchange_calendars.lunisolar_holidays")
    theirs = {d.year: d.date() for d in lunisolar.chinese_lunar_new_year_dates}
    assert {year: theirs[year] for year in LUNAR_NEW_YEAR} == LUNAR_NEW_YEAR
    assert LUNAR_NEW_YEAR[2025] == date(2025, 1, 29) and LUNAR_NEW_YEAR[2027] == date(2027, 2, 6)


@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        # National Day: the day, its statutory week, the two weeks after it (to publication)
        ("国庆节当天，口岸照常通关。", "2025-10-20", "国庆节", "2025-10-01", "2025-10-01"),
        ("国庆节后，商务部宣布了新的管制措施。", "2025-10-20", "国庆节后", "2025-10-08", "2025-10-20"),
        ("國慶假期後，商務部公佈了新的管制措施。", "2025-11-20", "國慶假期後", "2025-10-08", "2025-10-21"),
        ("黄金周期间，稀土现货成交清淡。", "2025-11-02", "黄金周期间", "2025-10-01", "2025-10-07"),
        ("Trading was thin during Golden Week.", "2025-10-20", "during Golden Week", "2025-10-01", "2025-10-07"),
        ("Shipments resumed after the National Day holiday.", "2025-10-30", "after the National Day holiday",
         "2025-10-08", "2025-10-21"),
        ("Tokyo was quiet over Japan's Golden Week.", "2025-06-01", "over Japan's Golden Week",
         "2025-04-29", "2025-05-05"),
        # Spring Festival: the first lunar day; the week from its eve; before / the eve / after
        ("春节前，工信部下达了开采指标。", "2025-03-01", "春节前", "2025-01-14", "2025-01-27"),
        ("春節前夕，工信部下達了開採指標。", "2025-03-01", "春節前夕", "2025-01-26", "2025-01-28"),
        ("春节后，稀土价格上涨。", "2024-03-15", "春节后", "2024-02-17", "2024-03-01"),
        ("2024年春节期间，工厂停工。", "2025-06-01", "2024年春节期间", "2024-02-09", "2024-02-16"),
        ("去年春节假期后，出口恢复。", "2025-06-01", "去年春节假期后", "2024-02-17", "2024-03-01"),
        ("After the Lunar New Year holiday, Beijing tightened the rules.", "2025-02-20",
         "After the Lunar New Year holiday", "2025-02-05", "2025-02-18"),
        ("Exports rose ahead of the Spring Festival.", "2026-03-01", "ahead of the Spring Festival",
         "2026-02-02", "2026-02-15"),
        ("Prices were flat before the 2024 Chinese New Year.", "2025-06-01",
         "before the 2024 Chinese New Year", "2024-01-26", "2024-02-08"),
        ("元旦当天，新规生效。", "2025-03-01", "元旦", "2025-01-01", "2025-01-01"),
    ],
)  # fmt: skip
def test_holidays_resolve_to_their_documented_ranges(
    text: str, pub: str, surface: str, start: str, end: str
) -> None:
    assert _span(by_surface(text, pub)[surface]) == (start, end)


@pytest.mark.parametrize(
    ("text", "surface", "start"),
    [
        ("商务部表示，春节后将出台新规。", "春节后", "2026-02-24"),
        ("商務部表示，春節後將出台新規。", "春節後", "2026-02-24"),
        ("The ministry will publish the rules after the Lunar New Year holiday.",
         "after the Lunar New Year holiday", "2026-02-24"),
    ],
)  # fmt: skip
def test_a_holiday_in_a_future_clause_is_the_coming_one(
    text: str, surface: str, start: str
) -> None:
    got = by_surface(text, "2025-12-10")[surface]
    assert got.date_start.isoformat() == start and got.kind != "event"


@pytest.mark.parametrize(
    "text",
    ["Malaysia's National Day fell on a Sunday.", "Kuala Lumpur held its National Day parade."],
)
def test_another_countrys_national_day_is_no_date(text: str) -> None:
    """China's National Day needs its name or a holiday word: other countries have one too."""
    assert not [s for s in by_surface(text, "2025-10-15") if "National Day" in s]
