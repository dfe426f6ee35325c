"""Public holidays as dates: 国庆节后, 春节假期, "after the Lunar New Year holiday", "Golden Week".

Conventions (documented choices, checked in ``tests/events/test_holidays.py``):

* 国庆 / 国庆节 / "China's National Day" is 1 October; 国庆假期 / 国庆长假 / 国庆黄金周 / 黄金周 /
  "the National Day holiday" / "Golden Week" is the statutory week, 1-7 October. "Japan's
  Golden Week" is 29 April - 5 May.
* 春节 / "the Spring Festival" / "Lunar New Year" / "Chinese New Year" is the first day of the
  lunar year (:data:`LUNAR_NEW_YEAR`); 春节假期 / 春节长假 / "the Lunar New Year holiday" is
  the statutory week, from the eve (除夕) to the seventh day (初七). 元旦 is 1 January.
* Before / after: 节前 / "before" / "ahead of" is the two weeks before the holiday's first
  day, 前夕 the three days before it, 节后 / "after" the two weeks after its last day, 前后
  ("around") a week either side; 期间 / "during" / "over" is the holiday itself.
* A holiday without a year is the latest one whose range starts on or before publication (in
  a future clause, the earliest one ending on or after it); a range still running at
  publication ends on the publication day, as "earlier this month" does.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reequity.events._date_handlers import Cand, _year

__all__ = ["LUNAR_NEW_YEAR", "h_holiday"]

# The first day of the lunar year (the Spring Festival) in China, 2000-2035.
LUNAR_NEW_YEAR: dict[int, date] = {
    year: date(year, int(month_day[:2]), int(month_day[2:]))
    for year, month_day in zip(range(2000, 2036), (
        "0205", "0124", "0212", "0201", "0122", "0209", "0129", "0218", "0207", "0126",
        "0214", "0203", "0123", "0210", "0131", "0219", "0208", "0128", "0216", "0205",
        "0125", "0212", "0201", "0122", "0210", "0129", "0217", "0206", "0126", "0213",
        "0203", "0123", "0211", "0131", "0219", "0208",
    ), strict=True)
}  # fmt: skip

# (offset of the range's start from the holiday's first day, of its end from its last day)
_AROUND = {"before": (-14, None), "eve": (-3, None), "after": (None, 14), "around": (-7, 7)}
_REL_WORDS = {
    "前": "before", "之前": "before", "以前": "before", "before": "before", "ahead of": "before",
    "前夕": "eve", "后": "after", "之后": "after", "以后": "after", "过后": "after",
    "after": "after", "前后": "around", "期间": "during", "during": "during", "over": "during",
}  # fmt: skip
_WEEK_RELS = frozenset({"before", "after", "around", "during"})
_WEEK_EXT = re.compile(r"假期|长假|小长假|黄金周|(?i:holidays?|break|golden\s+week)")


def _holiday(name: str, extended: bool, year: int) -> tuple[date, date] | None:
    """The holiday ``name`` of ``year``: its day, or its statutory week when ``extended``."""
    name = name.lower()
    if "japan" in name:
        return date(year, 4, 29), date(year, 5, 5)
    if "golden" in name or "黄金周" in name:
        return date(year, 10, 1), date(year, 10, 7)
    if "国庆" in name or "national" in name:
        return date(year, 10, 1), date(year, 10, 7 if extended else 1)
    if name == "元旦":
        return date(year, 1, 1), date(year, 1, 1)
    first = LUNAR_NEW_YEAR.get(year)
    if first is None:
        return None
    if extended:
        return first - timedelta(days=1), first + timedelta(days=6)
    return first, first


def _placed(name: str, extended: bool, rel: str, year: int) -> tuple[date, date] | None:
    found = _holiday(name, extended, year)
    if found is None:
        return None
    first, last = found
    lead, lag = _AROUND.get(rel, (0, 0))
    if lead is not None and lag is None:  # before / the eve
        return first + timedelta(days=lead), first - timedelta(days=1)
    if lead is None and lag is not None:  # after
        return last + timedelta(days=1), last + timedelta(days=lag)
    return first + timedelta(days=lead or 0), last + timedelta(days=lag or 0)


def h_holiday(m: re.Match[str], pub: date) -> Cand | None:
    """A public holiday, or the days before / after it (see the module docstring)."""
    name = m.group("hol")
    rel = _REL_WORDS.get(re.sub(r"\s+", " ", m.group("rel") or "").lower(), "")
    # 国庆节后 / 春节前: before or after the holiday is before or after its statutory week
    extended = bool(_WEEK_EXT.search(m.group())) or "golden" in name.lower() or rel in _WEEK_RELS
    granularity = "week" if extended or rel in _AROUND else "day"
    year, source = _year(m, pub)
    if year is not None:
        span = _placed(name, extended, rel, year)
        if span is None:
            return None
        return Cand(m.start(), m.end(), granularity, date_start=span[0], date_end=span[1],
                    year=year, year_source=source)  # fmt: skip
    spans = [
        s for y in range(pub.year + 1, pub.year - 2, -1) if (s := _placed(name, extended, rel, y))
    ]
    past = [s for s in spans if s[0] <= pub]
    ahead = [s for s in spans if s[1] >= pub]
    if not past:
        return None
    start, end = past[0]
    # "relative", as a weekday's: the holiday is placed already, no year of its sentence moves it
    return Cand(m.start(), m.end(), granularity, date_start=start, date_end=min(end, pub),
                year_source="relative", forward=ahead[-1] if ahead else None)  # fmt: skip
