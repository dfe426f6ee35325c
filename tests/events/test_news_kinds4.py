"""Failure kinds seen on the sixth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts and English where it applies. One test (or parametrised
group) per kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import by_surface


# ---- the 首 of a word (元首, 榜首) does not open "the first N months" -------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("两国元首10月底在首尔会晤，同意暂停关税。", "10月底", "2025-10-21", "2025-10-31"),
        ("兩國元首3月初通電話。", "3月初", "2025-03-01", "2025-03-10"),
        ("该股重回榜首5月中旬创新高。", "5月中旬", "2025-05-11", "2025-05-20"),
    ],
)  # fmt: skip
def test_shou_inside_a_word_is_not_months_to_date(text: str, surface: str, start: str,
                                                  end: str) -> None:  # fmt: skip
    got = by_surface(text, "2025-11-21")[surface]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == (start, end)


def test_first_n_months_still_read() -> None:
    got = by_surface("今年首7个月稀土出口下降。", "2025-11-21")["今年首7个月"]
    assert (got.date_start.isoformat(), got.date_end.isoformat()) == ("2025-01-01", "2025-07-31")
    assert got.kind == "period"
