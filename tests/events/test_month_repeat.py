"""A yearless month named again refers back to the same month named with a year (issue 10).

"China moved twice in 2023: the first in April ... The April move was ..." - the second
"April" is April 2023, not April of the publication year. Hand-written sentences.
"""

from __future__ import annotations

import pytest

from reequity.events.dates import resolve_dates


def _months(text: str, pub: str, surface: str) -> list[str]:
    return [m.date_start.isoformat() for m in resolve_dates(text, pub) if m.surface == surface]


@pytest.mark.parametrize(
    ("text", "surface", "want"),
    [
        ("China acted twice in 2023: the first in April, the second in October. "
         "The April move was a warning; the October one a blow.", "April", "2023-04-01"),
        ("Exports were curbed in April 2024. Analysts said the April curbs hit magnets first.",
         "April", "2024-04-01"),
        ("2023年4月，商务部收紧出口。业内认为，4月的措施影响有限。", "4月", "2023-04-01"),
        ("2023年4月，商務部收緊出口。業內認為，4月的措施影響有限。", "4月", "2023-04-01"),
    ],
)  # fmt: skip
def test_a_repeated_month_takes_the_year_it_was_named_with(
    text: str, surface: str, want: str
) -> None:
    got = _months(text, "2025-11-27", surface)
    assert got and got[-1] == want, got


def test_another_month_or_a_month_never_named_with_a_year_is_unchanged() -> None:
    # June was never named with a year: the publication year's rule still applies
    text = "China acted in April 2023. In June, exports fell."
    assert _months(text, "2025-11-27", "June") == ["2025-06-01"]
    # a month with its own year keeps it
    text = "China acted in April 2023. Exports fell again in April 2025."
    assert _months(text, "2025-11-27", "April 2025") == ["2025-04-01"]
