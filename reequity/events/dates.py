"""Temporal expressions in Chinese and English news text, resolved against the publication time.

:func:`resolve_dates` finds every date expression in a text (full dates, month-days, months,
parts of months, quarters, halves, years, decades, relative expressions such as 去年 / 上周五 /
last Friday, and durations), turns each into an inclusive calendar range and labels its kind:

``event``     a date something happened on (past or present)
``deadline``  a day-level limit such as "12月1日之前" or "by December 1" (not yet passed)
``target``    a coarser future limit or goal: "by 2030", "到2030年"
``duration``  a span: "两年以上", "six months"
``report``    the day a source reported or said something, or a dateline ("trading firms said
              Wednesday", "据共同社周六报道", "上海7日电"); see :mod:`reequity.events._roles`
``period``    a quota batch, statistics or fiscal period ("2023年度", "the 2024 output",
              "9月稀土出口4000吨", "the March quarter" revenue)
``other``     anything else (a future date without a marker, a limit already in the past)

Document numbers (公告（2025）第70号, "No. 18 [2025]") are not dates and give no mention.
Traditional-script text is converted to Simplified (OpenCC) before matching; surfaces are
cut from the original text.

Conventions (documented choices, not guesses):

* A month, month-day or part of a month without a year means the latest such period that
  starts on or before the publication date ("12月3日" written in Feb 2025 is 2024-12-03),
  unless the same sentence states a year ("in 2023: the first in April ...") - then that year
  is used and ``year_source`` is ``"context"``. Deadline expressions without a year take the
  occurrence nearest to the publication date (usually the coming one).
* Parts of a month: early / 月初 / 上旬 = days 1-10, mid / 中旬 = 11-20, late / 下旬 / 月底 =
  21 to the month end. 年初 = January-March, 年底 = October-December.
* Weeks run Monday to Sunday. 上周五 = Friday of the previous week; "last Friday" = the latest
  Friday strictly before the publication date; a bare weekday = the latest on or before it.
* Decades without a century ("八十年代") take the latest century that puts them in the past.
* In a future clause ("will be unveiled on Monday", "预计6月", "将于10月20日公布") a yearless
  date is the earliest such date ending on or after publication, and the mention is never an
  event (``other``, or ``target``/``deadline`` with a marker).
* "the March quarter" ("the June 2023 quarter") is the calendar quarter ending in that month
  (Australian reporting); "the financial year 2025" / "FY25" / "2025财年" runs from July 2024
  to June 2025 in an article that names Australia or an Australian firm, else it is the
  calendar year. A bare ordinal quarter ("first-quarter revenue") in a text whose only
  three-month reporting period is another calendar quarter ("the three months ended Sept.
  30") is that reported (fiscal) quarter.
* Anaphora (当天, 当日, 同日, 当晚, 即日起, 自公布日起 / 自发布之日起, "the same day", "that day",
  "effective immediately") take the date of the nearest earlier past day in the text, else
  the publication date; ``flags`` says which. 前一日 / 次日 / "the previous day" / "a day
  later" are the day before or after that day. 去年同期 / "the same period last year" is the
  nearest earlier period (within 200 characters) one year back, else the previous year. 当月 / 同月 / "that month" take the month of the
  nearest earlier past day or month.
* Cumulative figures from the start of a year (今年前七个月, 2025年前三季度, 首季) and day
  ranges in one month (10月9日—13日) are one mention each; the first are always periods.
* 上周末 / "last weekend" is the Saturday-Sunday of the previous week, "over the weekend" the
  latest weekend begun by publication; 第三季 / 今年一季 (without 度) are quarters.
* A comparison base 较昨日 / 比上月 counts from the explicit day or month its sentence is about
  ("3月18日…较昨日" is 3月17日, "10月出口较上月" is September), not from publication.
* Seasons, weeks and halves of a month, "the week before last" and lists of days follow
  :mod:`reequity.events._phrase_handlers`; "late last month" / "the end of the month" are
  parts of that month; 年中 is June-July; 后年 the year after next.
* Public holidays (国庆节后, 春节假期, "after the Lunar New Year holiday", "Golden Week") are
  the day or statutory week of the holiday, or the two weeks before / after it, as
  :mod:`reequity.events._holidays` documents.
* A yearless date takes a year stated *later* in its sentence only when that year is not a
  quota batch, statistics or comparison period; a dateline never borrows a year.

Everything is pure: no I/O, compiled regexes, one pass per rule.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

import pandas as pd

from reequity.errors import ArticleFormatError
from reequity.events._date_handlers import Cand
from reequity.events._date_rules import RULES, SCANNERS
from reequity.events._market_words import settle
from reequity.events._placement import (
    COMPARED,
    PERIOD_LIKE,
    SAME_PERIOD_REACH,
    anchor_comparison,
    fiscal_quarters,
    infer,
    infer_forward,
    merge_weekday_dates,
    period,
    years_back,
)
from reequity.events._roles import (
    doc_number_spans,
    failed_plan,
    is_future,
    is_generic,
    is_period,
    report_role,
)
from reequity.events._text import (
    clause_at,
    fold_digits,
    sentence_at,
    sentence_spans,
    to_simplified,
)

__all__ = ["Granularity", "Kind", "TemporalMention", "resolve_dates"]

Granularity = Literal["day", "week", "part_of_month", "month", "quarter", "half", "year", "decade"]
Kind = Literal["event", "deadline", "target", "duration", "report", "period", "other"]
YearSource = Literal["explicit", "relative", "inferred", "context", "none"]


@dataclass(frozen=True, slots=True)
class TemporalMention:
    """One temporal expression found in a text.

    Attributes
    ----------
    surface : str
        The exact substring of the input text.
    start, end : int
        Character offsets of ``surface`` in the input (``text[start:end] == surface``).
    date_start, date_end : datetime.date or None
        Inclusive calendar range denoted (``None`` for durations).
    granularity : {"day", "week", "part_of_month", "month", "quarter", "half", "year", "decade"}
        The unit of the expression (for durations: the unit of the span).
    kind : {"event", "deadline", "target", "duration", "other"}
        See the module docstring.
    year_source : {"explicit", "relative", "inferred", "context", "none"}
        Where the year came from: written in the expression, relative to publication (去年),
        inferred (latest not after publication), borrowed from a year in the same sentence, or
        not applicable (durations, weekday-relative days carry "relative").
    stated_year : int or None
        The year as written in the text (in the expression or its sentence), else ``None``.
    context_start : int
        Offset of the year expression that supplied the year when ``year_source == "context"``,
        else -1.
    flags : tuple of str
        ``anaphora_previous_date`` / ``anaphora_publication_date`` (where an anaphor took its
        date), ``dateline``, ``report_date``, ``future`` (a future clause),
        ``compared_to_sentence_date`` (较昨日 / 较上月 counted from the sentence's own date).
    """

    surface: str
    start: int
    end: int
    date_start: date | None
    date_end: date | None
    granularity: Granularity
    kind: Kind
    year_source: YearSource
    stated_year: int | None
    context_start: int = -1
    flags: tuple[str, ...] = ()


_CONTEXT_GRANULARITIES = ("day", "part_of_month", "month", "quarter")
# "the previous quarter", 较上季 / 上一季度: the quarter before the one its sentence names
_PREVIOUS_QUARTER = re.compile(
    r"(?i:(?:the\s+)?(?:previous|prior|preceding)\s+quarter)|上一?个?季度?"
)
_LEFT_DEADLINE = re.compile(
    r"(?:截至|截止到?|最迟(?:于|在)?|不晚于|(?i:\b(?:by(?:\s+the\s+end\s+of)?|before|until|till|"
    r"no\s+later\s+than|not\s+later\s+than|ahead\s+of|deadline\s+of|due\s+by)))\s*(?:the\s+)?$"
)
_LEFT_LIMIT = re.compile(
    r"(?:到|至|直至|直到|(?i:\b(?:by|until|till|through|to|before)))\s*(?:the\s+end\s+of\s+)?$"
)
_RIGHT_DEADLINE = re.compile(r"^\s*(?:之前|以前|前(?![往景者进提夕])|为止|截止|底前)")
_BASE_LEFT = re.compile(
    r"(?:较|比|相比|低于|高于|(?i:\bsince|\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bagainst))"
    r"\s*(?:the\s+)?$"
)
_BASE_RIGHT = re.compile(r"\s*以?来")
# a day or month counted from publication (今日, 本月): no anchor for 较昨日 / 较上月
_RELATIVE = re.compile(
    r"(?:[今昨前明][天日]|[本上下这這][个個]?月|(?i:today|yesterday|this\s+month))$"
)
# "12月1日起施行", "自12月1日起对…实施管制": a date followed by 起 ("from") is an effective date
# ... or a day followed by the name of its meeting ("11月1日川习会", "11月1日峰会"): a
# scheduled day, the nearest one
# ... or a day followed by 上路 / 生效 ("12月1日上路的许可制度", "新规3月生效": comes into
# force): an effective date too, on either side of publication
_RIGHT_EFFECTIVE = re.compile(
    r"\s*起(?!草|诉|火|飞|步|源|因|点|伏|初|来)|[^，。；,;\s、]{0,2}?(?:峰会|习会|首脑会)"
    r"|\s*(?:正式)?(?:上路|生效)"
)
_LEFT_EFFECTIVE = re.compile(
    r"(?:始自|始于|(?:实施|施行|生效|执行)(?:时间|日期)(?:是|为|定于|定在)?)\s*$"
    r"|(?i:\b(?:from|starting(?:\s+on|\s+from|\s+in)?|effective(?:\s+from|\s+on)?|as\s+of|beginning"
    # "would take effect on Dec. 1", "comes into force from 1 August"
    r"|tak(?:e|es|ing)\s+effect(?:\s+(?:on|from))?|(?:come|comes|came|coming)\s+into\s+(?:force|effect)"
    r"(?:\s+(?:on|from))?)\s+$)"
)
_LEFT_TARGET = re.compile(
    r"(?:到|至|力争|争取|目标|计划|预计|将于|将在|有望|(?i:\b(?:target(?:ed|s)?\s+(?:for|of)|"
    r"plans?\s+(?:for|to)|aims?\s+(?:for|to)|expected\s+(?:in|by)|scheduled\s+for|in)))\s*(?:the\s+)?$"
)


def resolve_dates(text: str, published_at: Any) -> list[TemporalMention]:
    """Find and resolve the temporal expressions of ``text``.

    Parameters
    ----------
    text : str
        Chinese and/or English text (an article title and body).
    published_at : Timestamp, datetime, date or str
        Publication time; tz-aware values are converted to Asia/Shanghai first, naive values
        are taken as Asia/Shanghai local time.

    Returns
    -------
    list of TemporalMention
        In order of appearance, non-overlapping (the longest expression wins).

    Raises
    ------
    ArticleFormatError
        ``text`` is not a string or ``published_at`` is not a parseable time.

    Examples
    --------
    >>> [m.date_start.isoformat() for m in resolve_dates("12月25日，据报道", "2025-12-26")]
    ['2025-12-25']
    """
    return resolve_with_sentences(text, published_at)[0]


def resolve_with_sentences(
    text: str, published_at: Any
) -> tuple[list[TemporalMention], list[tuple[int, int]], str]:
    """:func:`resolve_dates` plus the sentence spans and the matched (Simplified) text."""
    if not isinstance(text, str):
        raise ArticleFormatError(
            f"resolve_dates needs text as str, got {type(text).__name__}; pass the article body."
        )
    pub = _publication_date(published_at)
    folded = fold_digits(to_simplified(text))
    cands = _drop_doc_numbers(_collect(folded, pub), doc_number_spans(folded))
    cands = merge_weekday_dates(cands, folded)
    _same_years(cands)
    spans = sentence_spans(folded)
    _borrow_sentence_years(cands, spans, folded)
    _repeat_month_years(cands)
    fiscal_quarters(cands, folded)
    mentions: list[TemporalMention] = []
    last_day: date | None = None  # the nearest earlier past day, for anaphora
    last_month: date | None = None  # the nearest earlier past day or month, for 当月
    last_named: date | None = None  # the nearest earlier past month named as such, for 去年同月
    last_period: tuple[int, date, date, str] | None = None  # for 去年同期: offset, range, unit
    for cand in cands:
        lo, hi = clause_at(folded, *sentence_at(spans, cand.start), cand.start)
        if is_generic(folded, lo, cand.start, cand.end):
            continue  # 每月10日前报送上月数据: every month, no date
        flags: list[str] = []
        if cand.anaphor and cand.granularity == "month" and cand.period:  # "the same month in 2024"
            found = last_named or last_month
            base = found or pub
            year = cand.year if cand.year is not None else base.year - cand.years_back
            cand.month, cand.year = base.month, year
            cand.date_start, cand.date_end = period(cand, year)  # type: ignore[misc]
            flags.append("anaphora_previous_date" if found else "anaphora_publication_date")
        elif cand.anaphor and cand.granularity == "month":
            first = (last_month or pub).replace(day=1)
            cand.month = first.month
            cand.date_start, cand.date_end = first, period(cand, first.year)[1]  # type: ignore[index]
            flags.append("anaphora_previous_date" if last_month else "anaphora_publication_date")
        elif cand.anaphor and (attached := _attached_day(mentions, cand)) is not None:
            # "11月1日川习会当天": an anaphor right after a day takes it, past or coming
            cand.date_start = cand.date_end = attached + timedelta(days=cand.shift)
            flags.append("anaphora_previous_date")
        elif cand.anaphor:  # 当天 takes the day; 前一日 / 次日 the day before or after it
            day = (last_day or pub) + timedelta(days=cand.shift)
            cand.date_start = cand.date_end = day
            flags.append("anaphora_previous_date" if last_day else "anaphora_publication_date")
        if (cand.session or cand.echo) and not settle(
            cand, mentions, sentence_at(spans, cand.start)[0], last_period, pub
        ):
            continue  # 届时 with no date before it
        if folded[cand.start : cand.end] in COMPARED:  # 较昨日 / 较上月: anchor on the sentence
            s_lo = sentence_at(spans, cand.start)[0]
            earlier = [(m.granularity, m.date_start) for m in mentions
                       if m.start >= s_lo and m.date_start and not _RELATIVE.match(m.surface)]  # fmt: skip
            if earlier and anchor_comparison(cand, folded, earlier):
                flags.append("compared_to_sentence_date")
        if _PREVIOUS_QUARTER.fullmatch(folded, cand.start, cand.end):
            # "output in the fourth quarter of 2014 doubled from the previous quarter": the
            # quarter before the one its sentence names, not before publication
            s_lo = sentence_at(spans, cand.start)[0]
            named = [m.date_start for m in mentions
                     if m.start >= s_lo and m.granularity == "quarter" and m.date_start]  # fmt: skip
            if named:
                before = named[-1].replace(day=1) - timedelta(days=1)
                cand.year, cand.month = before.year, before.month - 2
                flags.append("compared_to_sentence_date")
        near = last_period and cand.start - last_period[0] <= SAME_PERIOD_REACH
        if cand.years_back and not cand.anaphor and near:  # 去年同期 (同月 is placed above)
            _, first, last, granularity = last_period
            # 2010年同期: the same period in the stated year, however far back
            back = first.year - cand.year if cand.year_source == "explicit" else cand.years_back
            if back > 0:
                cand.granularity = granularity
                cand.date_start = years_back(first, back)
                cand.date_end = years_back(last, back)
        future = is_future(folded, lo, cand.start, cand.end, hi) and not _stated_past(cand, pub)
        failed = future and failed_plan(folded, cand.end, hi)
        mention = _finish(cand, text, folded, pub, future=future and not failed)
        if mention is None:
            continue
        mention = _with_role(mention, cand, folded, lo, hi, future and not failed, flags)
        if (cand.session or cand.echo) and mention.kind != "other":  # a state, not an act
            mention = dataclasses.replace(mention, kind="other")
        if failed and mention.kind == "event":  # "a signing planned for May collapsed"
            mention = dataclasses.replace(mention, kind="other",
                                          flags=(*mention.flags, "failed_plan"))  # fmt: skip
        if (
            mention.granularity == "day"
            and mention.kind in ("event", "report")
            and (mention.date_start is not None and mention.date_start <= pub)
        ):
            last_day = mention.date_start
        if (
            mention.granularity in ("day", "month", "part_of_month")
            and mention.kind in ("event", "report", "period", "other")
            and (mention.date_start is not None and mention.date_start <= pub)
            and not _BASE_LEFT.search(folded, max(0, cand.start - 16), cand.start)
            and not _BASE_RIGHT.match(folded, cand.end, cand.end + 4)
        ):  # a comparison base or a "since" anchor (较上月, 1月以来) is not what 同月 refers to
            last_month = mention.date_start
            if mention.granularity == "month":
                last_named = mention.date_start
        if mention.date_start is not None and mention.granularity in PERIOD_LIKE:
            last_period = (mention.start, mention.date_start, mention.date_end, mention.granularity)
        mentions.append(mention)
    return mentions, spans, folded


_ATTACHED_REACH = 6  # characters between a day and the anaphor that names it again (川习会)


def _attached_day(mentions: list[TemporalMention], cand: Cand) -> date | None:
    """The day of the mention ending just before the anaphor ``cand`` (else None)."""
    if not mentions or cand.shift:
        return None
    last = mentions[-1]
    if last.granularity != "day" or last.date_start is None:
        return None
    return last.date_start if 0 <= cand.start - last.end <= _ATTACHED_REACH else None


def _stated_past(cand: Cand, pub: date) -> bool:
    """A date whose own words place it before publication ("last year", "2014", "昨天"): a
    modal before it ("prices would rise after they hit bottom last year") does not make it
    future. Weekdays and anaphora are placed by their clause, so they never count here."""
    if cand.weekday is not None or cand.anaphor or cand.is_duration or cand.forward is not None:
        return False
    if cand.date_start is not None:
        return (cand.date_end or cand.date_start) < pub
    span = period(cand, cand.year) if cand.year is not None else None
    return span is not None and span[1] < pub


def _same_years(cands: list[Cand]) -> None:
    """同年10月: the year of the nearest earlier mention that has one (else inferred); 当年 /
    同年 alone with no earlier year ("当年的承诺", back then) is no date and is dropped."""
    orphans = []
    for i, cand in enumerate(cands):
        if cand.year_source != "same":
            continue
        cand.year_source = "inferred"
        for prev in reversed(cands[:i]):
            year = prev.year if prev.year is not None else (
                prev.date_start.year if prev.date_start is not None else None)  # fmt: skip
            if year is not None and not prev.is_duration:
                cand.year, cand.year_source, cand.context_start = year, "context", prev.start
                break
        if cand.year is None and cand.granularity == "year":
            orphans.append(i)
    for i in reversed(orphans):
        del cands[i]


def _repeat_month_years(cands: list[Cand]) -> None:
    """A yearless month named again ("the first in April ... The April move") is the month
    of the nearest earlier mention of that same month with a stated year (explicit, or
    borrowed from its sentence): a repeat refers back, it does not restart the calendar."""
    for i, cand in enumerate(cands):
        if cand.year_source != "inferred" or cand.granularity != "month" or cand.month is None:
            continue
        for prev in reversed(cands[:i]):
            if (
                prev.granularity == "month"
                and prev.month == cand.month
                and prev.year is not None
                and prev.year_source in ("explicit", "context")
            ):
                cand.year, cand.year_source, cand.context_start = prev.year, "context", prev.start
                break


def _drop_doc_numbers(cands: list[Cand], docs: list[tuple[int, int]]) -> list[Cand]:
    if not docs:
        return cands
    return [c for c in cands if not any(s < c.end and c.start < e for s, e in docs)]


def _with_role(mention: TemporalMention, cand: Cand, folded: str, lo: int, hi: int,
               future: bool, flags: list[str]) -> TemporalMention:  # fmt: skip
    """Set kind ``report``/``period`` and the flags from the date's role in its clause."""
    kind = mention.kind
    if kind == "duration":
        return mention
    if future:
        flags.append("future")
    role = report_role(folded, lo, cand.start, cand.end, hi) if cand.granularity not in (
        "year", "decade") else None  # fmt: skip
    if role is not None and kind in ("event", "other"):
        kind = "report"
        flags.append(role)
    elif kind == "event" and (
        cand.period or is_period(folded, lo, cand.start, cand.end, hi, cand.granularity)
    ):
        kind = "period"
    if kind == mention.kind and not flags:
        return mention
    return dataclasses.replace(mention, kind=kind, flags=tuple(flags))


def _publication_date(value: Any) -> date:
    if type(value) is date:  # already a local calendar date (the pipeline passes one)
        return value
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError) as exc:
        raise ArticleFormatError(
            f"published_at {value!r} is not a time; pass e.g. '2025-12-26 19:05' (Asia/Shanghai)."
        ) from exc
    if pd.isna(stamp):
        raise ArticleFormatError(
            f"published_at {value!r} is missing; pass the article's publication time."
        )
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("Asia/Shanghai")
    return stamp.date() if isinstance(stamp, datetime) else stamp


def _collect(folded: str, pub: date) -> list[Cand]:
    found: list[tuple[int, int, int, Cand]] = []
    lowered = folded.lower()

    def visit(index: int, match: re.Match[str]) -> None:
        try:
            cand = RULES[index][1](match, pub)
        except OverflowError:  # a relative date past year 1 or 9999: no calendar date
            return
        if cand is not None:
            found.append((cand.start, -(cand.end - cand.start), index, cand))

    for gate, scanner in SCANNERS:
        # a rule cannot match without one of its trigger substrings (one search per group)
        if gate is None or gate.search(lowered):
            scanner.scan(folded, visit)
    found.sort(key=lambda item: item[:3])
    kept: list[Cand] = []
    last_end = -1
    for start, _, _, cand in found:
        if start >= last_end:
            kept.append(cand)
            last_end = cand.end
    return kept


def _borrow_sentence_years(cands: list[Cand], spans: list[tuple[int, int]], folded: str) -> None:
    """Give yearless months/days the explicit year stated in the same sentence, if any.

    The nearest earlier year is used, else the first later one - unless that later year is a
    limit ("runs until 2027", "到2027年") or a quota batch, statistics or comparison period ("12月13日下达了2014年第一批配额": the batch
    is for next year; "7月14日发布…，略低于2010年出口水平"): those name another period, not
    the date's year. A dateline ("北京12月28日电") never borrows: it is the publication day.
    """
    # a span of years ("from 2014 to 2017") names a statistics period, not the year of a
    # bare day in its sentence ("... raising its tariff from June 1")
    years = [c for c in cands if c.granularity == "year" and c.year_source == "explicit"
             and not (c.period and c.date_end is not None and c.date_end.year != c.year)]  # fmt: skip
    if not years:
        return
    for cand in cands:
        if cand.year_source != "inferred" or cand.granularity not in _CONTEXT_GRANULARITIES:
            continue
        if cand.month is None:
            continue
        lo, hi = sentence_at(spans, cand.start)
        # a "since" anchor ("since 2020", "2020年以来") starts a state, it does not date the
        # sentence's other events ("has banned ... since 2020 and began ... in June")
        same = [y for y in years if lo <= y.start < hi and not _since(folded, y)]
        if not same:
            continue
        before = [y for y in same if y.start < cand.start]
        if before:
            source = before[-1]
        else:
            source = same[0]
            y_lo, y_hi = clause_at(folded, lo, hi, source.start)
            if is_period(folded, y_lo, source.start, source.end, y_hi, "year"):
                continue
            if _LEFT_LIMIT.search(folded[max(0, source.start - 20) : source.start]):
                continue  # "took effect on Jan 1 and runs until 2027": a limit, not its year
            if _OTHER_HAPPENING.search(folded, cand.end, source.start):
                continue  # "resumed in December, after ... the shutdown in 2002": another time
        c_lo, c_hi = clause_at(folded, lo, hi, cand.start)
        if report_role(folded, c_lo, cand.start, cand.end, c_hi) == "dateline":
            continue
        cand.year, cand.year_source, cand.context_start = source.year, "context", source.start


# a later clause about another happening: "..., after spills led to the mine's shutdown in 2002"
_OTHER_HAPPENING = re.compile(
    r"(?i:[,，]\s*(?:after|following|before|long\s+after|years\s+after)\b)"
)
_SINCE_LEFT = re.compile(r"(?i:\bsince(?:\s+at\s+least)?)\s*$")


def _since(folded: str, year: Cand) -> bool:
    """Whether the year is the anchor of a "since" ("since at least 2021", "2020年以来")."""
    return bool(_SINCE_LEFT.search(folded, max(0, year.start - 16), year.start)) or bool(
        _BASE_RIGHT.match(folded, year.end, year.end + 4)
    )


def _finish(
    cand: Cand, text: str, folded: str, pub: date, *, future: bool = False
) -> TemporalMention | None:
    left = _LEFT_DEADLINE.search(folded[max(0, cand.start - 20) : cand.start])
    right = _RIGHT_DEADLINE.match(folded[cand.end : cand.end + 4])
    deadline = bool(left or right)
    # an effective date ("自10月1日起施行", "from August 1") may lie on either side of
    # publication: a yearless one takes the nearest occurrence, as a deadline does
    effective = bool(_RIGHT_EFFECTIVE.match(folded, cand.end, cand.end + 6)) or bool(
        _LEFT_EFFECTIVE.search(folded[max(0, cand.start - 28) : cand.start])
    )
    stated = cand.year if cand.year_source in ("explicit", "context") else None
    if cand.is_duration:
        return TemporalMention(text[cand.start : cand.end], cand.start, cand.end, None, None,
                               cand.granularity, "duration", "none", None)  # fmt: skip
    if future and cand.weekday is not None:  # "will be unveiled on Monday": the coming one
        day = pub + timedelta(days=(cand.weekday - pub.weekday()) % 7)
        span: tuple[date, date] | None = (day, day)
    elif future and cand.forward is not None:  # "春节后将实施": the coming holiday
        span = cand.forward
    elif cand.date_start is not None:
        span = (cand.date_start, cand.date_end or cand.date_start)
    elif cand.year is not None:
        span = period(cand, cand.year)
    elif future:
        span = infer_forward(cand, pub)
    else:
        span = infer(cand, pub, nearest=deadline or effective)
    if span is None:
        return None
    if (
        cand.past_fallback
        and not (future or deadline or effective)
        and span[0] > pub
        and cand.year is not None
        and not _LEFT_LIMIT.search(folded[max(0, cand.start - 20) : cand.start])
    ):  # "虽然下半年价格持续下跌" in April: last year's (not "从8月1日至年底", a limit)
        span = period(cand, cand.year - 1) or span
    if (
        not (future or deadline or effective)
        and cand.granularity == "week"
        and span[0] <= pub < span[1]
    ):
        # "this week took the first step", 本周宣布: outside a future clause the current week
        # is the part already past, Monday through publication (as "earlier this week")
        span = (span[0], pub)
    target = bool(_LEFT_TARGET.search(folded[max(0, cand.start - 20) : cand.start]))
    kind = _kind(span, pub, cand.granularity, deadline=deadline, target=target)
    if future and kind == "event" and span[1] >= pub:
        kind = "target" if target else "other"
    # The surface of a deadline includes its marker: "12月1日之前", "by December 1".
    start = cand.start - (len(left.string) - left.start()) if left else cand.start
    end = cand.end + len(right.group().rstrip()) if right else cand.end
    start += len(text[start : cand.start]) - len(text[start : cand.start].lstrip())
    end -= len(text[start:end]) - len(text[start:end].rstrip())
    return TemporalMention(text[start:end], start, end, span[0], span[1], cand.granularity, kind,
                           cand.year_source, stated, cand.context_start)  # type: ignore[arg-type]  # fmt: skip


def _kind(
    span: tuple[date, date], pub: date, granularity: str, *, deadline: bool, target: bool
) -> Kind:
    start, end = span
    if deadline:
        if end < pub:
            return "other"
        return "deadline" if granularity in ("day", "week", "part_of_month") else "target"
    if start > pub:
        return "target" if target else "other"
    return "event"
