"""Failure kinds seen on the eighth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts and English where it applies. One test (or parametrised
group) per kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface


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
