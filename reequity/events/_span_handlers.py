"""Handlers for spans of several days or months: day and month ranges, cumulative figures from
the start of a year (year to date) and reporting periods ("the six months to December").

Each returns a :class:`~reequity.events._date_handlers.Cand` like the other handlers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reequity.events._date_handlers import _REL_YEAR, Cand, _month_name, _valid_month, _year
from reequity.events._text import zh_int

_MONTH_COUNT = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11,
}  # fmt: skip


def h_year_to_date(m: re.Match[str], pub: date) -> Cand | None:
    """Cumulative statistics from the start of a year: 今年前七个月, 2025年前9月, 前三季度,
    2025年首季 (the first quarter). A bare one is the publication year; never an event."""
    groups = m.groupdict()
    year, source = _year(m, pub)
    if year is None and groups.get("n") and "前" in m.group() and "个" in m.group():
        return None  # a bare 前两个月 can be "the previous two months"; 前7月 / 今年前两个月 cannot
    if year is None:
        year, source = pub.year, "relative"
    if groups.get("r"):
        year, source = pub.year + _REL_YEAR[groups["r"].lower()], "relative"
    if groups.get("q"):
        months = 3 * (zh_int(groups["q"]) or 0)
    elif groups.get("n"):
        token = groups["n"].lower()
        months = _MONTH_COUNT.get(token) or zh_int(token) or 0
    else:  # 首季 / 首季度
        months = 3
    if not (2 if groups.get("n") else 1) <= months <= 12:  # 前一个月 is "the month before"
        return None
    end = date(year + months // 12, months % 12 + 1, 1) - timedelta(days=1)
    gran = {3: "quarter", 6: "half", 12: "year"}.get(months, "month")
    return Cand(m.start(), m.end(), gran, year, source, 1, date_start=date(year, 1, 1),
                date_end=end, period=True)  # fmt: skip


def h_day_range(m: re.Match[str], pub: date) -> Cand | None:
    """A range of days in one month: 10月9日—13日, 10 月 9 日至 13 日, May 1-7, 1 to 7 May."""
    groups = m.groupdict()
    month = _month_name(groups["mon"]) if groups.get("mon") else zh_int(groups["m"])
    first, last = zh_int(groups["d"]), zh_int(groups["d2"])
    year, source = _year(m, pub)
    if not _valid_month(month) or first is None or last is None or not 1 <= first < last <= 31:
        return None
    return Cand(m.start(), m.end(), "week", year, source, month, first, day_end=last)


def h_month_range(m: re.Match[str], pub: date) -> Cand | None:
    """A range of months in one year (1-7月, 1至7月份, 2024年3-5月, "January-February 2025",
    "the January-March period"): a statistics span."""
    groups = m.groupdict()
    if groups.get("mon"):
        first, last = _month_name(groups["mon"]), _month_name(groups["mon2"])
    else:
        first, last = zh_int(m.group("m")), zh_int(m.group("m2"))
    year, source = _year(m, pub)
    if not _valid_month(first) or not _valid_month(last) or not first < last:  # type: ignore[operator]
        return None
    return Cand(m.start(), m.end(), "month", year, source, first, month_end=last, period=True)


_NUMBERS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "三": 3, "六": 6, "九": 9, "十二": 12}


def h_months_to(m: re.Match[str], pub: date) -> Cand | None:
    """A reporting period: "the six months to December", "nine months ended September 2025",
    截至12月的六个月 - the N months that end with the named month.

    A yearless end month takes the occurrence whose last day lies nearest the publication (a
    result is reported after its period, guidance given before it ends)."""
    groups = m.groupdict()
    months = _NUMBERS.get(groups["n"].lower()) or (int(groups["n"]) if groups["n"].isdigit() else 0)
    month = _month_name(groups["mon"]) if groups.get("mon") else zh_int(groups["m"])
    if not 1 <= months <= 24 or not _valid_month(month):
        return None

    def last_day(year: int) -> date:
        return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)

    if groups.get("y"):
        year, source = int(groups["y"]), "explicit"
    else:
        year = min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs(last_day(y) - pub))
        source = "inferred"
    end = last_day(year)
    first_month = year * 12 + month - months  # months since year 0, zero-based
    start = date(first_month // 12, first_month % 12 + 1, 1)
    gran = {3: "quarter", 6: "half", 12: "year"}.get(months, "month")
    return Cand(m.start(), m.end(), gran, year, source, date_start=start, date_end=end,
                period=True)  # fmt: skip


# A two-digit year is only a year where a report names its results period: "25年业绩",
# "预计25年归母净利润", "25Q4"; elsewhere "25年" is a duration (25年来) or an age.
SHORT_YEAR = (
    r"(?<![0-9A-Za-z.,/\-])(?P<yy>[0-9]{2})(?:年(?=度?(?:全年|上半年|下半年|前三季度?)?"
    r"(?:业绩|業績|归母|歸母|净利|淨利|扣非|营收|營收|营业收入|年报|年報|利润|利潤))"
    r"|[Qq](?P<q>[1-4])(?![0-9]))"
)


def h_short_year(m: re.Match[str], pub: date) -> Cand | None:
    """20YY for a results year or quarter written with two digits, near the publication year."""
    year = 2000 + int(m.group("yy"))
    if not pub.year - 30 <= year <= pub.year + 1:
        return None
    if m.group("q"):
        return Cand(m.start(), m.end(), "quarter", year, "explicit", 3 * int(m.group("q")) - 2)
    return Cand(m.start(), m.end(), "year", year, "explicit", 1)


def h_same_month_year(m: re.Match[str], pub: date) -> Cand | None:
    """A comparison month: "the same month in 2024", "the same month a year earlier", 去年同月,
    2024年同月. The month of the nearest earlier named month (dates.py), in the year stated or
    the year before; always a comparison period, never an event."""
    token = m.groupdict().get("y") or m.groupdict().get("zy")
    year = zh_int(token) if token else None
    return Cand(m.start(), m.end(), "month", year, "explicit" if year else "relative",
                anaphor=True, period=True, years_back=0 if year else 1)  # fmt: skip


def h_month_that_year(m: re.Match[str], pub: date) -> Cand | None:
    """A month "that year" ("in October that year", "March of that year"): the month in the year
    of the nearest earlier mention that has one (like 同年10月, settled in dates.py)."""
    return Cand(m.start(), m.end(), "month", None, "same", _month_name(m.group("mon")))


def h_year_range(m: re.Match[str], pub: date) -> Cand | None:
    """A span of years (2008年至2010年, 2008-2010年, "from 2008 to 2010"): one statistics or
    record period from the first January to the last December, never an event."""
    first, last = zh_int(m.group("y")), zh_int(m.group("y2"))
    if first is None or last is None or not 0 < last - first <= 50:
        return None
    lead = _LEAD_WORD.search(m.string, max(0, m.start() - 9), m.start())
    return Cand(lead.start() if lead else m.start(), m.end(), "year", first, "explicit", 1,
                date_start=date(first, 1, 1),
                date_end=date(last, 12, 31), period=True)  # fmt: skip


# the word that opens an English span or period and belongs to its surface: "from 2008 to 2010",
# "between 2005 and 2007", "the same period last year"
_LEAD_WORD = re.compile(r"(?i:\b(?:from|between|the)\s+)$")


def h_same_period(m: re.Match[str], pub: date) -> Cand | None:
    """去年同期 / "the same period last year": the nearest earlier period one year back (set in
    :mod:`reequity.events.dates`); alone, the whole earlier year."""
    back = 2 if m.group().startswith("前") else 1
    year = pub.year - back
    lead = _LEAD_WORD.search(m.string, max(0, m.start() - 4), m.start())
    return Cand(lead.start() if lead else m.start(), m.end(), "year", year, "relative", 1,
                date_start=date(year, 1, 1),
                date_end=date(year, 12, 31), period=True, years_back=back)  # fmt: skip


# Australian governments and most Australian miners (Lynas, Arafura; not Iluka, which uses the
# calendar year) count a financial year from 1 July to 30 June
_AUSTRALIAN = re.compile(
    r"\b(?:Australia|Australian|ASX|Canberra|Lynas|Arafura)\b|A\$|澳大利亚|澳洲|莱纳斯"
)


def h_fiscal_year(m: re.Match[str], pub: date) -> Cand | None:
    """ "the financial year 2025", "FY2025", "FY25", "fiscal 2025", "2025财年": in an article
    about Australia (its firms report from 1 July to 30 June) the year ending 30 June; else
    the calendar year. Always a period."""
    token = next(v for k, v in m.groupdict().items() if k.startswith("y") and v)  # one per form
    year = int(token) + (2000 if len(token) == 2 else 0)
    if not pub.year - 30 <= year <= pub.year + 10:
        return None
    if _AUSTRALIAN.search(m.string):
        first, last = date(year - 1, 7, 1), date(year, 6, 30)
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
    return Cand(m.start(), m.end(), "year", year, "explicit", 1, date_start=first, date_end=last,
                period=True)  # fmt: skip


_WORD_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "两": 2}  # fmt: skip


def h_ago(m: re.Match[str], pub: date) -> Cand | None:
    """ "two weeks ago", 三天前, 两个月前, "a year ago": counted back from publication (the day,
    the Monday-Sunday week, the month or the year it falls in); "three days later" / 三天后
    counts on from the nearest earlier past day, "two days earlier" back from it (resolved in
    :mod:`reequity.events.dates`)."""

    def group(name: str) -> str:  # the Chinese and the English branch name their groups apart
        return m.group(name) or m.group(name + "_") or ""

    token = group("n").lower()
    count = _WORD_COUNT.get(token) or zh_int(token)
    unit = group("u").lower()
    if not count or count > 99:
        return None
    earlier = bool(m.groupdict().get("earlier_"))
    if group("later") or earlier:  # an anaphor: N days after (before) the day before it
        if not unit.startswith(("day", "天")):
            return None  # "two years later": a span, read as a duration
        shift = -count if earlier else count
        day = pub + timedelta(days=shift)
        return Cand(m.start(), m.end(), "day", date_start=day, date_end=day,
                    year_source="relative", anaphor=True, shift=shift)  # fmt: skip
    if unit.startswith(("day", "天")):
        day = pub - timedelta(days=count)
        return Cand(m.start(), m.end(), "day", date_start=day, date_end=day, year_source="relative")
    if unit.startswith(("week", "周", "星期", "个星期")):
        day = pub - timedelta(days=7 * count)
        monday = day - timedelta(days=day.weekday())
        return Cand(m.start(), m.end(), "week", date_start=monday,
                    date_end=monday + timedelta(days=6), year_source="relative")  # fmt: skip
    if unit.startswith(("month", "个月")):
        index = pub.year * 12 + pub.month - 1 - count
        first = date(index // 12, index % 12 + 1, 1)
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        return Cand(m.start(), m.end(), "month", first.year, "relative", first.month,
                    date_start=first, date_end=last)  # fmt: skip
    year = pub.year - count
    return Cand(m.start(), m.end(), "year", year, "relative", 1)


def h_short_period(m: re.Match[str], pub: date) -> Cand | None:
    """Analysts' shorthand: 3Q25 / 3Q 2025 (a calendar quarter), 1H25 / 2H 2025 (a half); a
    reporting period, never an event."""
    token = m.group("yy")
    year = int(token) + (2000 if len(token) == 2 else 0)
    if not pub.year - 30 <= year <= pub.year + 10:
        return None
    groups = m.groupdict()
    if groups.get("q"):  # placed like any quarter or half (dates.period)
        return Cand(m.start(), m.end(), "quarter", year, "explicit", 3 * int(groups["q"]) - 2,
                    period=True)  # fmt: skip
    return Cand(m.start(), m.end(), "half", year, "explicit", 1 if groups["h"] == "1" else 7,
                period=True)  # fmt: skip


def h_year_so_far(m: re.Match[str], pub: date) -> Cand | None:
    """今年以来 / 年初至今 / "so far this year": from 1 January of the
    publication year to the publication day; a statistics period, never an event."""
    return Cand(m.start(), m.end(), "year", pub.year, "relative", 1,
                date_start=date(pub.year, 1, 1), date_end=pub, period=True)  # fmt: skip


def h_year_span_months(m: re.Match[str], pub: date) -> Cand | None:
    """2008年-2010年1-10月份: from the first year's start to the last month of the last year."""
    first, last = zh_int(m.group("y")), zh_int(m.group("y2"))
    month = zh_int(m.group("m2"))
    if first is None or last is None or month is None or not first < last or not 1 <= month <= 12:
        return None
    end = date(last + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return Cand(m.start(), m.end(), "year", first, "explicit", date_start=date(first, 1, 1),
                date_end=end, period=True)  # fmt: skip


def h_year_same_period(m: re.Match[str], pub: date) -> Cand | None:
    """2010年同期: the nearest earlier period in that year (set in :mod:`reequity.events.dates`);
    alone, the whole year."""
    year = zh_int(m.group("y"))
    if year is None:
        return None
    return Cand(m.start(), m.end(), "year", year, "explicit", 1, date_start=date(year, 1, 1),
                date_end=date(year, 12, 31), period=True, years_back=1)  # fmt: skip


def _range_point(m: re.Match[str], i: int, *, last: bool) -> date | None:
    """The first (or ``last``) day of the day or quarter numbered ``i`` in ``m``."""
    year = zh_int(m.group(f"y{i}"))
    if year is None:
        return None
    if m.group(f"q{i}"):
        q = zh_int(m.group(f"q{i}"))
        if q is None or not 1 <= q <= 4:
            return None
        if not last:
            return date(year, 3 * q - 2, 1)
        return date(year + q // 4, (3 * q) % 12 + 1, 1) - timedelta(days=1)
    month, day = zh_int(m.group(f"m{i}")), zh_int(m.group(f"d{i}"))
    try:
        return date(year, month or 0, day or 0)
    except ValueError:
        return None


def h_date_range(m: re.Match[str], pub: date) -> Cand | None:
    """2022年5月12日至2047年5月12日, 2023年第2季至2024年第3季: one span from the start of the
    first to the end of the second (a validity or statistics period, never an act's day)."""
    first, last = _range_point(m, 1, last=False), _range_point(m, 2, last=True)
    if first is None or last is None or not first < last:
        return None
    granularity = "quarter" if m.group("q1") and m.group("q2") else "day"
    return Cand(m.start(), m.end(), granularity, first.year, "explicit", date_start=first,
                date_end=last, period=True)  # fmt: skip


# China's five-year plans by number: from the third (1966-1970) on they follow each other without
# a gap, so the n-th plan runs 1966 + 5 (n - 3) to four years later
_PLAN_ORDINAL = {
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "11th": 11, "12th": 12, "13th": 13, "14th": 14, "15th": 15,
}  # fmt: skip
# 十一五 / 十三五规划 / 十四五时期 (the plan named by its number) and "the 14th Five-Year Plan
# (period)": a plan's years, one period (never an act's date); not 十五 (fifteen) nor 三十五
ZH_PLAN = r"(?<![0-9一二三四五六七八九十百千])十(?P<n>[一二三四五])五(?:规划|计划|时期|期间|期)?(?![0-9一二三四五六七八九十百千万亿%])"
EN_PLAN = (
    r"\b(?P<o>(?i:1[1-5]th|eleventh|twelfth|thirteenth|fourteenth|fifteenth))\s+"
    r"(?i:five[-\s]year)\s+(?i:plan)(?:\s+(?i:period))?\b"
)


def h_plan_period(m: re.Match[str], pub: date) -> Cand | None:
    """A five-year plan named by its number (十三五, "the 14th Five-Year Plan period"): the
    plan's five years from January to December, a period."""
    groups = m.groupdict()
    number = (
        10 + (zh_int(groups["n"]) or 0) if groups.get("n") else _PLAN_ORDINAL[groups["o"].lower()]
    )
    first = 1966 + 5 * (number - 3)
    return Cand(m.start(), m.end(), "year", first, "explicit", 1, date_start=date(first, 1, 1),
                date_end=date(first + 4, 12, 31), period=True)  # fmt: skip
