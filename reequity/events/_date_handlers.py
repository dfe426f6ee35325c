"""Handlers of the temporal resolver's rules: turn a regex match into a candidate mention.

Each handler returns a :class:`Cand`: either a concrete date range (relative expressions,
resolved against the publication date) or the parts of a calendar period (year, month, day,
part of month ...) whose missing year is filled in later by :mod:`reequity.events.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from reequity.events._text import zh_int


@dataclass(slots=True)
class Cand:
    """A candidate temporal mention before its year is settled."""

    start: int
    end: int
    granularity: str
    year: int | None = None  # stated or relative year; None = infer from publication
    year_source: str = "inferred"  # explicit | relative | inferred | context | none
    month: int | None = None  # first month of the period
    day: int | None = None
    part: str | None = None  # early | mid | late | earlymid | midlate
    year_end: int | None = None  # last year of a decade span ("八九十年代")
    date_start: date | None = None  # set directly by relative rules
    date_end: date | None = None
    is_duration: bool = False
    context_start: int = -1  # offset of the year mention that supplied the year
    weekday: int | None = None  # a bare weekday ("on Monday"): moved forward in a future clause
    anaphor: bool = False  # 当天 / the same day: takes the date of an earlier mention
    period: bool = False  # a reporting period ("the six months to December"): never an event
    day_end: int | None = None  # last day of a day range in one month ("10月9日—13日")
    month_end: int | None = None  # last month of a month range in one year ("1-7月")
    shift: int = 0  # an anaphor's offset in days from the day it takes (前一日 -1, 次日 +1)
    # 去年同期 / "the same period last year", 去年同月 / "the same month a year earlier": the
    # earlier period (or month) this many years back
    years_back: int = 0
    # the span in a future clause when the rule placed the date itself (a holiday: 春节后将)
    forward: tuple[date, date] | None = None
    # a bare half or year edge (下半年, 年底) is of the publication year, but in a past clause
    # that has not reached it yet, of the year before ("虽然下半年价格持续下跌" written in April)
    past_fallback: bool = False
    # a trading session, clock time or 目前: the day of its sentence, else publication
    session: bool = False
    # 届时 / a bare 同期: the span of the date (同期: the period) named just before
    echo: bool = False


Handler = Callable[[re.Match[str], date], Cand | None]

_PARTS = {
    "初": "early", "上旬": "early", "中旬": "mid", "中": "mid", "下旬": "late", "底": "late",
    "末": "late", "中下旬": "midlate", "上中旬": "earlymid", "early": "early", "beginning": "early",
    "start": "early", "mid": "mid", "middle": "mid", "late": "late", "end": "late", "close": "late",
}  # fmt: skip
_REL_YEAR = {
    "今": 0,
    "去": -1,
    "前": -2,
    "明": 1,
    "后": 2,  # 后年, the year after next
    "本": 0,
    "上": -1,
    "this": 0,
    "last": -1,
    "next": 1,
}
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _month_name(token: str) -> int:
    return [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
    ].index(token[:3].lower()) + 1


def _part(token: str) -> str:
    words = token.lower().split()
    key = token if token in _PARTS else (words[-2] if len(words) >= 2 else words[0])
    return _PARTS.get(key, _PARTS.get(words[0], "mid"))


def _year(m: re.Match[str], pub: date) -> tuple[int | None, str]:
    groups = m.groupdict()
    if groups.get("y"):
        return zh_int(groups["y"]), "explicit"
    if groups.get("ry") in (
        "同",
        "当",
    ):  # 同年 / 当年: the nearest earlier mention's year (dates.py)
        return None, "same"
    if groups.get("ry"):
        return pub.year + _REL_YEAR[groups["ry"]], "relative"
    return None, "inferred"


def _valid_month(value: int | None) -> bool:
    return value is not None and 1 <= value <= 12


# ---- handlers ----------------------------------------------------------------------------------
def h_ymd(m: re.Match[str], pub: date) -> Cand | None:
    """Year (optional) + month + day; Chinese or English or ISO."""
    groups = m.groupdict()
    month = _month_name(groups["mon"]) if groups.get("mon") else zh_int(groups["m"])
    day = zh_int(groups["d"])
    year, source = _year(m, pub)
    if not _valid_month(month) or day is None or not 1 <= day <= 31:
        return None
    return Cand(m.start(), m.end(), "day", year, source, month, day)


def h_month_part(m: re.Match[str], pub: date) -> Cand | None:
    """Part of a month: 10月底, 上旬, early/mid/late October."""
    groups = m.groupdict()
    month = _month_name(groups["mon"]) if groups.get("mon") else zh_int(groups["m"])
    year, source = _year(m, pub)
    if not _valid_month(month):
        return None
    return Cand(m.start(), m.end(), "part_of_month", year, source, month, part=_part(groups["p"]))


def h_month(m: re.Match[str], pub: date) -> Cand | None:
    """Month with or without a year; bare "May"/"March" need a preposition before them."""
    groups = m.groupdict()
    if groups.get("mon"):
        month = _month_name(groups["mon"])
        if groups["mon"] in ("May", "March") and not groups.get("y") and not _guarded(m):
            return None
    else:
        month = zh_int(groups["m"])
    year, source = _year(m, pub)
    if not _valid_month(month):
        return None
    if groups.get("r"):  # last/this/next April, relative to the publication month
        rel, source = groups["r"].lower(), "relative"
        year = {
            "this": pub.year,
            "last": pub.year if month < pub.month else pub.year - 1,
            "next": pub.year if month > pub.month else pub.year + 1,
        }[rel]
    return Cand(m.start(), m.end(), "month", year, source, month)


_QUARTER_SHIFT = {"上": -1, "本": 0, "这": 0, "下": 1, "last": -1, "previous": -1, "this": 0,
                  "current": 0, "next": 1, "coming": 1}  # fmt: skip


def h_rel_quarter(m: re.Match[str], pub: date) -> Cand | None:
    """上季度 / 本季度 / 下个季度, "last / this / next quarter", "the previous quarter": the
    calendar quarter before, of or after the publication date."""
    word = m.group("r").lower().split()[-1]
    index = pub.year * 4 + (pub.month - 1) // 3 + _QUARTER_SHIFT[word]
    return Cand(m.start(), m.end(), "quarter", index // 4, "relative", 3 * (index % 4) + 1)


def h_year_edge(m: re.Match[str], pub: date) -> Cand | None:
    """The edge of a stated year: "the end of 2024", "year-end 2024", "end-2024" are its last
    ten days and "the beginning of 2025" its first ten, like the edges of last / this / next
    year; a bare "year-end" is the publication year's. ("early 2024" / "late 2025" stay the
    year: too vague to date an act.)"""
    word = (m.group("p") or "end").lower()
    stated = m.group("y") or m.group("y_")  # "the end of 2024" / "year-end 2024"
    year, source = (int(stated), "explicit") if stated else (pub.year, "relative")
    part = _part(word)
    return Cand(m.start(), m.end(), "part_of_month", year, source, 12 if part == "late" else 1,
                part=part)  # fmt: skip


def h_month_rel_year(m: re.Match[str], pub: date) -> Cand | None:
    """ "April last year", "in March of this year", "Dec. 5 last year", "5 December of last
    year": a month or day in the year named relative to publication."""
    groups = m.groupdict()
    month = _month_name(groups["mon"])
    year = pub.year + _REL_YEAR[groups["yr"].lower()]
    if groups.get("d"):
        day = int(groups["d"])
        return Cand(m.start(), m.end(), "day", year, "relative", month, day)
    return Cand(m.start(), m.end(), "month", year, "relative", month)


_GUARD = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|through|of|during|before|after|early|late|mid|last|this|next|to|and)\s+$)"
)


def _guarded(m: re.Match[str]) -> bool:
    return bool(_GUARD.search(m.string[max(0, m.start() - 12) : m.start()]))


def h_bare_year_edge(m: re.Match[str], pub: date) -> Cand | None:
    """A bare 年底 / 年初 / 年末: the last / first ten days of the publication year (of the year
    before in a past clause that has not reached it: ``past_fallback``)."""
    early = m.group("yp") == "初"
    return Cand(m.start(), m.end(), "part_of_month", pub.year, "relative", 1 if early else 12,
                part="early" if early else "late", past_fallback=True)  # fmt: skip


def h_year(m: re.Match[str], pub: date) -> Cand | None:
    """Year (numeric or 今年/去年/this year); 年初/年底 narrow it to its first / last ten days."""
    year, source = _year(m, pub)
    groups = m.groupdict()
    if groups.get("r"):
        year, source = pub.year + _REL_YEAR[groups["r"].lower()], "relative"
    if source == "same" and not groups.get("yp"):  # 当年 / 同年 alone: settled in dates.py
        return Cand(m.start(), m.end(), "year", None, source, 1)
    if year is None or not 1000 <= year <= 2999:
        return None
    if groups.get("ym"):  # 年中: the middle of the year, June and July
        return Cand(m.start(), m.end(), "month", year, source, 6, month_end=7)
    if groups.get("yp"):  # 年初 / 年底: the year's first / last ten days, as 月初 / 月底 and
        # "the beginning / end of 2024" are (one reading of a vague edge in both languages)
        early = groups["yp"] == "初"
        return Cand(m.start(), m.end(), "part_of_month", year, source, 1 if early else 12,
                    part="early" if early else "late")  # fmt: skip
    return Cand(m.start(), m.end(), "year", year, source, 1)


def h_quarter(m: re.Match[str], pub: date) -> Cand | None:
    """Quarters: 第三季度, 2025年二季度, third quarter of 2024, Q3 2025."""
    groups = m.groupdict()
    token = groups["q"].lower()
    q = _ORDINAL.get(token) or zh_int(token)
    year, source = _year(m, pub)
    if groups.get("r"):
        year, source = pub.year + _REL_YEAR[groups["r"].lower()], "relative"
    if q is None or not 1 <= q <= 4:
        return None
    return Cand(m.start(), m.end(), "quarter", year, source, 3 * q - 2)


def h_half(m: re.Match[str], pub: date) -> Cand | None:
    """Halves: 上半年/下半年, first half of the year, H2 2025; a bare half is of the publication
    year (of the year before in a past clause that has not reached it: ``past_fallback``)."""
    groups = m.groupdict()
    token = groups["h"].lower()
    first = token in ("上半年", "first", "1st", "1", "former")  # "the latter half": the second
    year, source = _year(m, pub)
    if groups.get("r"):
        year, source = pub.year + _REL_YEAR[groups["r"].lower()], "relative"
    if year is None:
        return Cand(m.start(), m.end(), "half", pub.year, "relative", 1 if first else 7,
                    past_fallback=True)  # fmt: skip
    return Cand(m.start(), m.end(), "half", year, source, 1 if first else 7)


def h_decade(m: re.Match[str], pub: date) -> Cand | None:
    """Decades: 上世纪八九十年代, 80年代, 1980年代, the 1980s, the '90s."""
    groups = m.groupdict()
    if groups.get("y4"):
        first = int(groups["y4"])
        return Cand(m.start(), m.end(), "decade", first, "explicit", 1, year_end=first + 9)
    d1 = _decade_digit(groups.get("d1") or groups.get("yy") or "")
    d2 = _decade_digit(groups.get("d2") or "") if groups.get("d2") else d1
    if d1 is None or d2 is None or d2 < d1:
        return None
    century = _century(groups.get("c"), d1, pub)
    return Cand(m.start(), m.end(), "decade", century + 10 * d1, "relative", 1,
                year_end=century + 10 * d2 + 9)  # fmt: skip


def _decade_digit(token: str) -> int | None:
    token = token.rstrip("十")
    value = zh_int(token)
    if value is None:
        return None
    return value // 10 if value >= 10 else value


def _century(prefix: str | None, digit: int, pub: date) -> int:
    if prefix in ("上世纪", "上个世纪", "二十世纪", "20世纪"):
        return 1900
    if prefix in ("本世纪", "二十一世纪", "21世纪"):
        return 2000
    century = (pub.year // 100) * 100
    return century if century + 10 * digit <= pub.year else century - 100


# "late last month", "the end of the month": a part of the month, written before it
_EN_DAY_BEFORE = re.compile(r"\b(?:the\s+)?(?P<d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)\s+of\s+$")
_EN_PART_BEFORE = re.compile(
    r"\b(?P<p>(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of))[\s-]+$"
)


def _month_shift(token: str) -> int:
    """Months from publication of 本月 / 上个月 / 上上个月 / "last month" / "next month"."""
    shift = -1 if token.startswith(("上", "last")) else 1 if token.startswith(("下", "next")) else 0
    return shift * 2 if token.startswith(("上上", "下下")) else shift  # 上上个月: two back


def h_rel_month(m: re.Match[str], pub: date) -> Cand | None:
    """本月/上个月/下个月/last month, optionally with a day or a part of the month ("late last
    month", "the end of the month": days 21 to the end, as for a named month)."""
    groups = m.groupdict()
    token = groups["r"].lower()
    before = _EN_PART_BEFORE.search(m.string, max(0, m.start() - 24), m.start())
    day_before = _EN_DAY_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    if day_before is not None and token != "the":  # "the 9th of last month"
        year, month = divmod(pub.year * 12 + pub.month - 1 + _month_shift(token), 12)
        return Cand(day_before.start(), m.end(), "day", year, "relative", month + 1,
                    int(day_before["d"]))  # fmt: skip
    if token == "the" and before is None:
        return None  # "the month" alone refers back to a month named earlier
    index = pub.year * 12 + pub.month - 1 + _month_shift(token)
    year, month = divmod(index, 12)
    month += 1
    if groups.get("d"):
        day = zh_int(groups["d"])
        return Cand(m.start(), m.end(), "day", year, "relative", month, day)
    if groups.get("p"):
        return Cand(
            m.start(), m.end(), "part_of_month", year, "relative", month, part=_part(groups["p"])
        )
    if before is not None:
        return Cand(before.start(), m.end(), "part_of_month", year, "relative", month,
                    part=_part(before["p"]))  # fmt: skip
    return Cand(m.start(), m.end(), "month", year, "relative", month)


def h_rel_week(m: re.Match[str], pub: date) -> Cand | None:
    """Weeks and weekdays: 上周五, 本周, 周三, last Friday, on Monday, last week.

    Weeks run Monday-Sunday. 上周X is X of the previous calendar week; "last Friday" and a
    bare weekday are the latest such day before (bare: on or before) the publication date.
    """
    groups = m.groupdict()
    rel = (groups.get("r") or "").lower().split()[-1] if groups.get("r") else ""
    rel = "last" if rel == "past" else rel  # "this past Friday": the latest one before publication
    if groups.get("rw"):  # "Tuesday last week" is the Tuesday of the previous calendar week
        rel = {"last": "上", "next": "下"}.get(groups["rw"].lower(), "本")
    monday = pub - timedelta(days=pub.weekday())
    shift = {"上上": -14, "上": -7, "last": -7, "下": 7, "next": 7, "下下": 14}.get(rel, 0)
    token = groups.get("w")
    if token is None:
        start = monday + timedelta(days=shift)
        return Cand(m.start(), m.end(), "week", date_start=start, date_end=start + timedelta(days=6),
                    year_source="relative")  # fmt: skip
    weekday = _ZH_WEEKDAY.get(token)
    if weekday is None:
        weekday = _month_weekday(token)
    if rel in ("上上", "上", "本", "这", "下", "下下", "this", "next"):
        day = monday + timedelta(days=shift + weekday)
        if groups.get("d"):  # 上周四（8日）: the day number is stated, a weekday often mistyped
            day = _nearest_day_number(day, int(groups["d"]))
    elif rel == "last":
        day = pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    else:  # bare weekday or "on Monday": the latest such day on or before publication
        day = pub - timedelta(days=(pub.weekday() - weekday) % 7)
        return Cand(m.start(), m.end(), "day", date_start=day, date_end=day,
                    year_source="relative", weekday=weekday)  # fmt: skip
    return Cand(m.start(), m.end(), "day", date_start=day, date_end=day, year_source="relative")


def _nearest_day_number(day: date, number: int) -> date:
    """The date with day-of-month ``number`` within three days of ``day`` (else ``day``)."""
    for offset in (0, -1, 1, -2, 2, -3, 3):
        near = day + timedelta(days=offset)
        if near.day == number:
            return near
    return day


def h_weekend(m: re.Match[str], pub: date) -> Cand | None:
    """上周末 / 本周末 / last weekend / over the weekend: a Saturday-Sunday span.

    上周末 and "last weekend" are the weekend of the previous calendar week (weeks run
    Monday-Sunday); 本周末 / "this weekend" the one of the publication week; "over the
    weekend" the latest weekend that started on or before publication.
    """
    rel = m.group("r").lower()
    monday = pub - timedelta(days=pub.weekday())
    if rel.startswith(("over", "at")) or rel.endswith("past"):  # "this past", "at the weekend"
        saturday = monday + timedelta(days=5)
        if saturday > pub:
            saturday -= timedelta(days=7)
    else:
        shift = {"上": -7, "last": -7, "下": 7, "next": 7}.get(rel, 0)
        saturday = monday + timedelta(days=shift + 5)
    return Cand(m.start(), m.end(), "week", date_start=saturday,
                date_end=saturday + timedelta(days=1), year_source="relative")  # fmt: skip


def _month_weekday(token: str) -> int:
    return ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(token[:3].lower())


def h_rel_day(m: re.Match[str], pub: date) -> Cand | None:
    """今天/昨天/前天/明天, today/yesterday/tomorrow."""
    offsets = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "明天": 1, "明日": 1,
               "today": 0, "yesterday": -1, "tomorrow": 1,
               "今": 0, "昨": -1, "前": -2, "明": 1,  # 昨晚, 今早, 前晚 / 前日, 明早
               "大前天": -3, "大后天": 3, "the day before yesterday": -2, "the day after tomorrow": 2,
               "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
               "last night": -1}  # fmt: skip
    if m.group() == "Today" and _TITLE_WORD.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # a publication name: "Japan Today", "USA Today"
    word = " ".join(m.group().lower().split())
    day = pub + timedelta(days=offsets.get(word, offsets.get(word[:1], 0)))
    return Cand(m.start(), m.end(), "day", date_start=day, date_end=day, year_source="relative")


_TITLE_WORD = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})\s$")


_REST_UNIT = {"本周": "week", "本月": "month", "今年": "year"}


def h_rest_of(m: re.Match[str], pub: date) -> Cand | None:
    """later/earlier this week/month/year (本周/本月/今年早些时候): the part of the period after
    publication, or from its start up to the publication day (a publication time is often
    approximate, and the day itself is "earlier" than the report)."""
    later = (m.groupdict().get("r") or "").lower() == "later"
    unit = _REST_UNIT.get(m.group("u"), m.group("u").lower())
    if unit == "year":
        first, last = date(pub.year, 1, 1), date(pub.year, 12, 31)
    elif unit == "week":
        first = pub - timedelta(days=pub.weekday())
        last = first + timedelta(days=6)
    else:
        first = pub.replace(day=1)
        last = date(pub.year + pub.month // 12, pub.month % 12 + 1, 1) - timedelta(days=1)
    span = (min(pub + timedelta(days=1), last), last) if later else (first, pub)
    return Cand(m.start(), m.end(), unit, date_start=span[0], date_end=span[1],
                year_source="relative")  # fmt: skip


def h_quarter_ending(m: re.Match[str], pub: date) -> Cand | None:
    """Australian reporting: "the March quarter" (or "the June 2023 quarter") is the calendar
    quarter ending in that month."""
    month = _month_name(m.group("mon")) - 2
    year, source = _year(m, pub)
    if m.groupdict().get("y2"):
        year, source = int(m.group("y2")), "explicit"
    return Cand(m.start(), m.end(), "quarter", year, source, month)


def h_anaphor(m: re.Match[str], pub: date) -> Cand | None:
    """当天 / 同日 / 即日起 / the same day: dated later from the nearest earlier past day;
    当月 / 同月 / "that month": from the nearest earlier past month (or day)."""
    if m.group().lower().endswith(("月", "month")):
        first = pub.replace(day=1)
        last = date(pub.year + pub.month // 12, pub.month % 12 + 1, 1) - timedelta(days=1)
        return Cand(m.start(), m.end(), "month", date_start=first, date_end=last,
                    year_source="relative", anaphor=True)  # fmt: skip
    return Cand(m.start(), m.end(), "day", date_start=pub, date_end=pub, year_source="relative",
                anaphor=True)  # fmt: skip


_DAY_BEFORE = ("前一", "previous", "before", "earlier")


def h_rel_anaphor(m: re.Match[str], pub: date) -> Cand | None:
    """前一日 / 次日 / "the previous day" / "a day later": the day before or after the nearest
    earlier past day (else the publication date), resolved in :mod:`reequity.events.dates`."""
    shift = -1 if any(w in m.group().lower() for w in _DAY_BEFORE) else 1
    day = pub + timedelta(days=shift)
    return Cand(m.start(), m.end(), "day", date_start=day, date_end=day, year_source="relative",
                anaphor=True, shift=shift)  # fmt: skip


def h_rel_year(m: re.Match[str], pub: date) -> Cand | None:
    """this year / last year / next year; "the end of last year" is its late December.

    An edge of a year is read like the same edge of its month ("the end of December" is the
    last ten days), so "at the end of last year" dates a late-December announcement, not the year.
    """
    edge = m.groupdict().get("e")
    if m.group("r").lower() == "the":  # "the end of the year": which year, its clause says
        if not edge:
            return None  # "the year" alone refers back
        part = _part(edge.lower())
        return Cand(m.start(), m.end(), "part_of_month", None, "inferred",
                    12 if part == "late" else 1, part=part)  # fmt: skip
    year = pub.year + _REL_YEAR[m.group("r").lower()]
    if edge:
        part = _part(edge.lower())
        month = 12 if part == "late" else 1
        return Cand(m.start(), m.end(), "part_of_month", year, "relative", month, part=part)
    return Cand(m.start(), m.end(), "year", year, "relative", 1)


def h_day_of_month(m: re.Match[str], pub: date) -> Cand | None:
    """A bare day of the month (25日): the latest such day not after publication."""
    day = zh_int(m.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    return Cand(m.start(), m.end(), "day", None, "inferred", None, day)


def h_this_month_part(m: re.Match[str], pub: date) -> Cand | None:
    """A part of a month without a month (月底, 月初): the publication month."""
    return Cand(
        m.start(), m.end(), "part_of_month", pub.year, "relative", pub.month, part=_part(m["p"])
    )


def h_duration(m: re.Match[str], pub: date) -> Cand | None:
    """Spans of time: 两年以上, 一个月, six months, five to seven years."""
    unit = m.group("u").lower()
    gran = "year" if ("年" in unit or "year" in unit or "decade" in unit) else "month"
    if any(t in unit for t in ("周", "星期", "礼拜", "天", "日", "小时", "week", "day", "hour")):
        gran = "day"
    return Cand(m.start(), m.end(), gran, year_source="none", is_duration=True)


def h_bracket_month_day(m: re.Match[str], pub: date) -> Cand | None:
    """今日（1/20）: the day named by the month/day in brackets (Taiwanese sites)."""
    month, day = int(m.group("m")), int(m.group("d"))
    if not _valid_month(month) or not 1 <= day <= 31:
        return None
    return Cand(m.start(), m.end(), "day", None, "inferred", month, day)
