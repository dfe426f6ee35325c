"""Handlers for everyday phrasings of dates in news copy (issue 10, third probing round).

"the first week of March", "the second half of September", seasons ("last
summer", 去年冬天, 今春), "the week before last", and lists of days ("March 3 and 4",
3月3日、4日). Conventions, documented once here:

* "the first / second / third / fourth week of March" (3月第一周) are days 1-7, 8-14, 15-21,
  22-28; "the last week of" is the month's last seven days. "the first / second half of
  September" (9月上半月 / 下半月) are days 1-15 and 16 to the month end.
* Seasons are meteorological and northern: spring March-May, summer June-August, autumn
  September-November, winter December to February of the next year. "this summer" is the
  summer of the publication year (a winter still running at publication is "this winter"),
  "last summer" the latest one ended before publication, "next summer" the first one not yet
  begun; 去年夏天 / "the summer of 2024" are that year's.
* "the week / month / year before last" is two weeks (calendar weeks, Monday-Sunday), months
  or years back; "after next" two ahead.
* A list of days in one month ("March 3 and 4", 3月3日、4日、5日) is one mention from the
  first day to the last.
* A Republic of China year (Taiwan) is 1911 + its number: 民国114年, and 114年10月9日 (a
  three-digit year is read as one only before a month).
* "over the summer" / "in the spring" is the latest such season begun by publication (up to
  it; in a future clause the coming one); a bare 上半月 / 下半月 halves the publication month.
* "mid-month" is days 11-20 of the publication month; "mid-year" June-July, as 年中.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reequity.events._date_handlers import Cand, _month_name, _year
from reequity.events._phrase_patterns import ORDINAL_WORDS
from reequity.events._text import zh_int

__all__ = [
    "h_before_last",
    "h_days_after",
    "h_mid",
    "h_ordinal_day",
    "h_roc",
    "h_half_of_month",
    "h_season",
    "h_week_of_month",
]

_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
                 "春": 3, "夏": 6, "秋": 9, "冬": 12}  # fmt: skip
_WEEK_NUMBER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip


def _month_days(year: int | None, month: int) -> int:
    """Days in ``month`` (a yearless February has 28)."""
    following = date((year or 2001) + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _shifted(pub: date, months: int) -> tuple[int, int]:
    year, month = divmod(pub.year * 12 + pub.month - 1 + months, 12)
    return year, month + 1


def _named_month(m: re.Match[str], pub: date) -> tuple[int | None, str, int | None]:
    """Year, year source and month of a match naming a month (English, Chinese or 本月/上月)."""
    groups = m.groupdict()
    if groups.get("rm"):  # 本月 / 上月 / 下月
        year, month = _shifted(pub, {"上": -1, "下": 1}.get(groups["rm"], 0))
        return year, "relative", month
    if not groups.get("mon") and not groups.get("m"):  # a bare 上半月: the publication month
        return pub.year, "relative", pub.month
    month = _month_name(groups["mon"]) if groups.get("mon") else zh_int(groups["m"])
    year, source = _year(m, pub)
    return year, source, month if month is not None and 1 <= month <= 12 else None


def h_week_of_month(m: re.Match[str], pub: date) -> Cand | None:
    """ "the first week of March", 3月第一周, "the last week of September": seven days of it."""
    year, source, month = _named_month(m, pub)
    if month is None:
        return None
    number = _WEEK_NUMBER.get((m.group("n") or "").lower())
    if number is None:  # the last / final week
        last = _month_days(year, month)
        first = last - 6
    else:
        first, last = 7 * number - 6, 7 * number
    return Cand(m.start(), m.end(), "week", year, source, month, first, day_end=last)


def h_half_of_month(m: re.Match[str], pub: date) -> Cand | None:
    """ "the second half of September", 9月上半月 / 本月下半月: days 1-15 or 16 to the end."""
    year, source, month = _named_month(m, pub)
    if month is None:
        return None
    first = m.group("h").lower() in ("first", "1st", "上")
    return Cand(m.start(), m.end(), "part_of_month", year, source, month,
                part="firsthalf" if first else "secondhalf")  # fmt: skip


def _season(first_month: int, year: int) -> tuple[date, date]:
    """The season that starts in ``first_month`` of ``year`` (three months)."""
    end_year, end_month = divmod(year * 12 + first_month + 1, 12)
    return date(year, first_month, 1), date(
        end_year, end_month + 1, _month_days(end_year, end_month + 1)
    )


def h_season(m: re.Match[str], pub: date) -> Cand | None:
    """Seasons: "last summer", "this spring", "the winter of 2024", 去年冬天, 今春."""
    first = _SEASON_START[m.group("s").lower()]
    groups = m.groupdict()
    year, source = _year(m, pub)
    rel = (groups.get("r") or "").lower().split()[-1] if groups.get("r") else ""
    if year is not None:
        span = _season(first, year)
    elif rel == "this":
        running = first == 12 and pub.month <= 2  # in January, "this winter" began in December
        span = _season(first, pub.year - 1 if running else pub.year)
    elif rel in ("last", "past"):
        span = next(
            s for y in range(pub.year, pub.year - 3, -1) if (s := _season(first, y))[1] < pub
        )
    elif rel in ("next", "coming"):
        span = next(
            s for y in range(pub.year - 1, pub.year + 2) if (s := _season(first, y))[0] > pub
        )
    elif rel == "the":  # "over the summer": the latest begun by publication; ahead, the coming
        spans = [_season(first, y) for y in range(pub.year + 1, pub.year - 2, -1)]
        past = next(s for s in spans if s[0] <= pub)
        ahead = [s for s in spans if s[1] >= pub]
        return Cand(m.start(), m.end(), "quarter", past[0].year, "relative", date_start=past[0],
                    date_end=min(past[1], pub), forward=ahead[-1] if ahead else None)  # fmt: skip
    else:
        return None
    return Cand(m.start(), m.end(), "quarter", span[0].year, "relative" if source != "explicit"
                else source, date_start=span[0], date_end=span[1])  # fmt: skip


def h_before_last(m: re.Match[str], pub: date) -> Cand | None:
    """ "the week / month / year before last" (and "after next"): two units back (ahead)."""
    unit = m.group("u").lower()
    shift = -2 if m.group("r").lower().startswith("before") else 2
    if unit == "year":
        return Cand(m.start(), m.end(), "year", pub.year + shift, "relative", 1)
    if unit == "month":
        year, month = _shifted(pub, shift)
        return Cand(m.start(), m.end(), "month", year, "relative", month)
    monday = pub - timedelta(days=pub.weekday() - 7 * shift)
    return Cand(m.start(), m.end(), "week", date_start=monday,
                date_end=monday + timedelta(days=6), year_source="relative")  # fmt: skip


def h_roc(m: re.Match[str], pub: date) -> Cand | None:
    """A Republic of China year (Taiwan): 民国114年 is 2025; with its month and day if given."""
    year = int(m.group("roc") or m.group("roc3")) + 1911
    if m.group("roc3") and not m.group("m"):
        return None  # a bare three-digit number before 年 is a duration ("114年" of history)
    month = zh_int(m.group("m")) if m.group("m") else None
    if month is None:
        return Cand(m.start(), m.end(), "year", year, "explicit", 1)
    if not m.group("d"):
        return Cand(m.start(), m.end(), "month", year, "explicit", month)
    return Cand(m.start(), m.end(), "day", year, "explicit", month, zh_int(m.group("d")))


def h_mid(m: re.Match[str], pub: date) -> Cand | None:
    """ "mid-month" is days 11-20 of the publication month; "mid-year" June-July (as 年中), of
    the year its clause says (the latest one by default)."""
    if m.group("u").lower() == "month":
        return Cand(
            m.start(), m.end(), "part_of_month", pub.year, "relative", pub.month, part="mid"
        )
    return Cand(m.start(), m.end(), "month", None, "inferred", 6, month_end=7)


_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def h_days_after(m: re.Match[str], pub: date) -> Cand | None:
    """ "(said on Tuesday,) a day after <something>": that something was a day (N days, weeks)
    before the nearest earlier date, an anaphor counted back (resolved in dates.py)."""
    days = _COUNT[m.group("n").lower()] * (7 if m.group("u").lower().startswith("week") else 1)
    day = pub - timedelta(days=days)
    return Cand(m.start(), m.end(), "day", date_start=day, date_end=day, year_source="relative",
                anaphor=True, shift=-days)  # fmt: skip


def h_ordinal_day(m: re.Match[str], pub: date) -> Cand | None:
    """ "the first of October" (2025): that day, placed like "October 1"."""
    year, source = _year(m, pub)
    day = ORDINAL_WORDS[m.group("dw").lower()]
    return Cand(m.start(), m.end(), "day", year, source, _month_name(m.group("mon")), day)
