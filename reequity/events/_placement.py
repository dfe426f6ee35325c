"""Placing a candidate date in the calendar: the range a period denotes in a given year, and
the year a yearless period takes (latest on or before publication, nearest for deadlines and
effective dates, earliest ending on or after publication in a future clause).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reequity.events._date_handlers import Cand

__all__ = [
    "COMPARED",
    "PERIOD_LIKE",
    "SAME_PERIOD_REACH",
    "anchor_comparison",
    "fiscal_quarters",
    "merge_weekday_dates",
    "infer",
    "infer_forward",
    "period",
    "years_back",
]

# 去年同期 / "the same period last year" repeats a period named shortly before it
PERIOD_LIKE = frozenset({"week", "part_of_month", "month", "quarter", "half", "year"})
SAME_PERIOD_REACH = 200  # characters between the period and 去年同期

_PART_DAYS = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, 31),
    "midlate": (11, 31),
    "earlymid": (1, 20),
    "firsthalf": (1, 15),  # "the first half of September", 9月上半月
    "secondhalf": (16, 31),
}


def _month_end(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - date.resolution).day


def period(cand: Cand, year: int) -> tuple[date, date] | None:
    """The inclusive range of ``cand`` placed in ``year`` (None if no such date exists)."""
    g, m = cand.granularity, cand.month or 1
    try:
        if g == "day":
            day = date(year, m, cand.day or 1)
            return day, day
        if g == "week" and cand.day_end:  # a day range in one month
            return date(year, m, cand.day or 1), date(year, m, cand.day_end)
        if g == "part_of_month":
            first, last = _PART_DAYS[cand.part or "mid"]
            return date(year, m, first), date(year, m, min(last, _month_end(year, m)))
        if g == "month" and cand.month_end:  # a range of months in one year
            return date(year, m, 1), date(year, cand.month_end, _month_end(year, cand.month_end))
        if g in ("month", "quarter", "half"):
            months = {"month": 0, "quarter": 2, "half": 5}[g]
            return date(year, m, 1), date(year, m + months, _month_end(year, m + months))
        if g == "decade":
            return date(year, 1, 1), date(cand.year_end or year + 9, 12, 31)
        return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, OverflowError):
        return None


def infer(cand: Cand, pub: date, *, nearest: bool) -> tuple[date, date] | None:
    """Place a yearless period: latest start on or before ``pub`` (or nearest to it)."""
    if cand.month is None:  # a bare day of the month: this month or an earlier one
        return _infer_day_of_month(cand.day or 1, pub)
    if nearest:
        spans = [s for y in (pub.year - 1, pub.year, pub.year + 1) if (s := period(cand, y))]
        return min(spans, key=lambda s: _distance(s, pub), default=None)
    for year in range(pub.year, pub.year - 9, -1):
        span = period(cand, year)
        if span is not None and span[0] <= pub:
            cand.year = year
            return span
    return None


def infer_forward(cand: Cand, pub: date) -> tuple[date, date] | None:
    """Place a yearless period in a future clause: the earliest one ending on or after ``pub``."""
    if cand.month is None:
        for ahead in range(12):
            year, month = divmod(pub.year * 12 + pub.month - 1 + ahead, 12)
            try:
                found = date(year, month + 1, cand.day or 1)
            except ValueError:
                continue
            if found >= pub:
                return found, found
        return None
    for year in (pub.year, pub.year + 1):
        span = period(cand, year)
        if span is not None and span[1] >= pub:
            cand.year = year
            return span
    return None


def _infer_day_of_month(day: int, pub: date) -> tuple[date, date] | None:
    for back in range(12):
        year, month = divmod(pub.year * 12 + pub.month - 1 - back, 12)
        try:
            found = date(year, month + 1, day)
        except ValueError:
            continue
        if found <= pub:
            return found, found
    return None


def _distance(span: tuple[date, date], pub: date) -> int:
    if span[0] <= pub <= span[1]:
        return 0
    return min(abs((span[0] - pub).days), abs((span[1] - pub).days))


# 较昨日 / 比上月 / 环比上月: a comparison whose base is relative to the sentence's own date
_COMPARE_LEFT = re.compile(r"(?:较|比|环比|相比)\s*$")
_YESTERDAY = ("昨日", "昨天")
_LAST_MONTH = ("上月", "上个月")
#: the surfaces :func:`anchor_comparison` can move (checked first, so other dates cost nothing)
COMPARED = frozenset(_YESTERDAY + _LAST_MONTH)


def anchor_comparison(cand: Cand, folded: str, earlier: list[tuple[str, date]]) -> bool:
    """Re-anchor 较昨日 / 较上月 on the date the sentence is about, not on publication.

    "3月18日稀土指数为574点，较昨日上升10点" compares with 3月17日, and "10月出口较上月增长"
    with September, whatever day the report came out. ``earlier`` holds the granularity and
    start of the explicit (not relative) mentions before ``cand`` in its sentence; the last one
    of the matching granularity is the anchor. Returns whether ``cand`` was moved.
    """
    surface = folded[cand.start : cand.end]
    if surface not in _YESTERDAY + _LAST_MONTH:
        return False
    if not _COMPARE_LEFT.search(folded, max(0, cand.start - 3), cand.start):
        return False
    want = "day" if surface in _YESTERDAY else "month"
    anchors = [start for granularity, start in earlier if granularity == want]
    if not anchors:
        return False
    if want == "day":
        cand.date_start = cand.date_end = anchors[-1] - timedelta(days=1)
    else:
        first = anchors[-1].replace(day=1) - timedelta(days=1)
        cand.year, cand.month = first.year, first.month
    return True


def years_back(day: date, years: int) -> date:
    """``day`` ``years`` earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


_REPORTED = re.compile(r"(?i:months?)|个月")


def fiscal_quarters(cands: list[Cand], text: str) -> None:
    """A bare ordinal quarter of a results report that names its own quarter ("first-quarter
    revenue ... for the three months ended Sept. 30") is that reported quarter: the firm counts
    quarters from its own financial year (July-June, April-March).

    Applies only when the text states exactly one three-month reporting period, every bare
    quarter (no year) names the same ordinal, and that ordinal differs from the reported
    period's calendar quarter; the candidates are changed in place.
    """
    reported = {(c.date_start, c.date_end) for c in cands if c.period and c.granularity == "quarter"
                and c.date_start is not None and _REPORTED.search(text, c.start, c.end)}  # fmt: skip
    bare = [c for c in cands if c.granularity == "quarter" and c.year is None
            and c.date_start is None and c.month is not None and not c.period]  # fmt: skip
    if len(reported) != 1 or not bare or len({c.month for c in bare}) != 1:
        return
    first, last = next(iter(reported))
    if first is None or bare[0].month == first.month:
        return  # the calendar quarter: nothing fiscal about it
    for cand in bare:
        cand.date_start, cand.date_end, cand.year, cand.year_source = (
            first,
            last,
            first.year,
            "context",
        )


_BETWEEN = re.compile(r"\s*[,，]?\s*(?P<open>[（(])?\s*")
_CLOSE = re.compile(r"\s*[）)]")


def _weekday_and_day(first: Cand, second: Cand) -> bool:
    """One of the two is a bare weekday, the other a calendar day ("Oct. 9", 10月9日)."""

    def day(c: Cand) -> bool:
        return c.granularity == "day" and c.weekday is None and c.date_start is None

    return (first.weekday is not None and day(second)) or (
        second.weekday is not None and day(first)
    )


def merge_weekday_dates(cands: list[Cand], text: str) -> list[Cand]:
    """A bare weekday written next to the date it names ("Thursday, Oct. 9", "Oct. 9
    (Thursday)", 周四（10月9日）, 10月9日（周四）) is one mention, dated by the date: the weekday
    alone would be the latest such day before publication, often another week."""
    out: list[Cand] = []
    for cand in cands:
        prev = out[-1] if out else None
        between = _BETWEEN.fullmatch(text, prev.end, cand.start) if prev else None
        if prev is None or between is None or not _weekday_and_day(prev, cand):
            out.append(cand)
            continue
        keep = cand if cand.weekday is None else prev
        close = _CLOSE.match(text, cand.end) if between["open"] else None
        keep.start, keep.end = prev.start, close.end() if close else cand.end
        out[-1] = keep
    return out
