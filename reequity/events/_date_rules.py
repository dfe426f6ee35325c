"""The rule table of the temporal resolver: one record per rule, and its scanners.

Each :class:`Rule` holds a regex (built from :mod:`reequity.events._date_patterns`), the
handler that turns its match into a candidate (:mod:`reequity.events._date_handlers`,
:mod:`reequity.events._span_handlers`), the trigger substrings without which it cannot match,
and the characters its match can start with. Rules are tried independently; overlapping
matches are settled in :mod:`reequity.events.dates` (the longest match wins, then the earlier
rule of the table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reequity.events._date_handlers import (
    Handler,
    h_anaphor,
    h_bare_year_edge,
    h_bracket_month_day,
    h_day_of_month,
    h_decade,
    h_duration,
    h_half,
    h_month,
    h_month_part,
    h_month_rel_year,
    h_quarter,
    h_quarter_ending,
    h_rel_anaphor,
    h_rel_day,
    h_rel_month,
    h_rel_quarter,
    h_rel_week,
    h_rel_year,
    h_rest_of,
    h_this_month_part,
    h_weekend,
    h_year,
    h_year_edge,
    h_ymd,
)
from reequity.events._date_patterns import (
    AGO,
    ANAPHOR,
    BARE_ZH_QUARTER,
    DAY_FIRST_REL_YEAR,
    DAY_RANGE,
    DAY_REL_YEAR,
    ED,
    EN_DAY_RANGE,
    EN_DAY_RANGE_FIRST,
    EN_DURATION,
    EN_HALF,
    EN_MONTH_RANGE,
    EN_MONTHS_TO,
    EN_MONTHS_TO_DATE,
    EN_QUARTER,
    EN_REL_ANAPHOR,
    EN_REL_QUARTER,
    EN_REL_YEAR,
    EN_WEEKDAY_DATE,
    EN_YEAR,
    EN_YEAR_SPAN,
    EPART,
    EY,
    FISCAL_YEAR,
    ISO_YMD,
    MON,
    MONA,
    MONTH_RANGE,
    MONTH_REL_YEAR,
    MONTHS_TO_DATE,
    ON_THE_DAY,
    QUARTER_ENDING,
    QUARTERS_TO_DATE,
    REL_DAY,
    SAME_MONTH_YEAR,
    SAME_PERIOD,
    WD,
    YEAR_EDGE,
    YEAR_SO_FAR,
    YEAR_SPAN,
    ZD,
    ZH_BRACKET_DAY,
    ZH_BRACKET_MONTH_DAY,
    ZH_DAY,
    ZH_DECADE,
    ZH_DURATION,
    ZH_REL_WEEK,
    ZH_REL_WEEKDAY_BRACKET,
    ZH_WEEKDAY,
    ZM,
    ZPART,
    ZYR,
    S,
)
from reequity.events._date_scan import RuleScanner, gate_pattern
from reequity.events._holidays import h_holiday
from reequity.events._market_words import CLOCK, ECHO, SESSION, h_echo, h_session
from reequity.events._phrase_handlers import (
    h_before_last,
    h_days_after,
    h_half_of_month,
    h_mid,
    h_ordinal_day,
    h_roc,
    h_season,
    h_week_of_month,
)
from reequity.events._phrase_patterns import (
    EN_BEFORE_LAST,
    EN_DAY_LIST,
    EN_DAYS_AFTER,
    EN_HALF_OF_MONTH,
    EN_HOLIDAY,
    EN_MID,
    EN_ORDINAL_DAY,
    EN_REL_DAY_PART,
    EN_REL_SEASON,
    EN_WEEK_OF_MONTH,
    EN_WEEKDAY_OF_WEEK,
    EN_YEAR_SEASON,
    ORDINAL_WORDS,
    ROC_DATE,
    YEAR_SPAN_MONTHS,
    ZH_BARE_YEAR_EDGE,
    ZH_DATE_RANGE,
    ZH_DAY_LIST,
    ZH_HALF_OF_MONTH,
    ZH_HOLIDAY,
    ZH_NUMERAL_DAY,
    ZH_REL_DAY3,
    ZH_SEASON,
    ZH_SHORT_SEASON,
    ZH_WEEK_OF_MONTH,
    ZH_YEAR_AFTER_NEXT,
    ZH_YEAR_SAME_PERIOD,
)
from reequity.events._span_handlers import (
    EN_PLAN,
    SHORT_YEAR,
    ZH_PLAN,
    h_ago,
    h_date_range,
    h_day_range,
    h_fiscal_year,
    h_month_range,
    h_month_that_year,
    h_months_to,
    h_plan_period,
    h_same_month_year,
    h_same_period,
    h_short_period,
    h_short_year,
    h_year_range,
    h_year_same_period,
    h_year_so_far,
    h_year_span_months,
    h_year_to_date,
)

__all__ = ["ALL_TRIGGERS", "RULES", "SCANNERS", "TABLE", "CompiledRule", "Rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One recognition rule of the temporal resolver.

    Parameters
    ----------
    pattern : str
        The regex, without its leading character class (added by :meth:`compile`).
    handler : Handler
        Turns a match and the publication date into a candidate mention (or None).
    triggers : tuple of str
        Substrings of the lower-cased text without which the rule cannot match: the rule is
        skipped for a text that holds none of them; ``()`` means always run. Rules with the
        same triggers share one gate search and one combined scan.
    first : str
        The contents of a character class of the characters a match can start with. A leading
        ``(?=[...])`` lets the regex engine skip every other position quickly (about 3x faster
        than a leading look-behind).
    """

    pattern: str
    handler: Handler
    triggers: tuple[str, ...]
    first: str

    def compile(self) -> re.Pattern[str]:
        """The rule's regex behind the look-ahead of its first characters."""
        return re.compile(f"(?=[{self.first}])" + self.pattern)


class CompiledRule(NamedTuple):
    """A rule of :data:`TABLE` ready to run: compiled pattern, handler, triggers."""

    pattern: re.Pattern[str]
    handler: Handler
    triggers: tuple[str, ...]


# ---- triggers and first characters shared by several rules ----------------------------------
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ZH_WEEK = ("周", "星期", "礼拜")
# Rare phrasings share one trigger group (one gate search per text instead of one per rule):
# the same period last year, financial years, "ago" / 天前, the edge of a stated year, 前一日.
_RARE = (
    "同期", "same", "financial", "fiscal", "fy1", "fy2", " fy ", "财年", "财政年度", "ago", "later", "earlier",
    "天前", "周前", "星期前", "月前", "年前", "天后", "天之后", "天以后", "end of", "end-", "year end",
    "year-end", "beginning of", "start of", "close of", "前一", "次日", "翌日", "隔日", "隔天", "第二天",
)  # fmt: skip
_REL_DAY = (
    "今天", "今日", "今早", "今晨", "今晚", "今夜", "昨", "前天", "前晚", "前日", "明天", "明日",
    "明早", "明晚", "today", "yesterday", "tomorrow",
)  # fmt: skip
_ANAPHOR = (
    "当", "同", "即日", "日起", "same day", "that day", "the day", "immediate", "same month",
    "that month",
)  # fmt: skip
_BRACKET = ("(", "（")
_SEASONS = ("spring", "summer", "autumn", "fall", "winter")
# The triggers of rare English phrasings (seasons, weeks and halves of a month, "the week
# before last", "last night", holidays) and of rare Chinese ones (seasons, 后年, 大前天,
# 上半月, holidays): one gate each.
_RARE_EN = (
    *(f"{rel} {season}" for rel in ("last", "this", "next", "past", "coming") for season in _SEASONS),
    *(f"{season}{sep}" for season in _SEASONS for sep in (" of", " 19", " 20")),
    "week of", "week in", *(f"half of {month}" for month in _MONTHS), "before last", "after next",
    "day before yesterday", "day after tomorrow", "this morning", "this afternoon", "this evening",
    "tonight", "last night", "lunar new year", "chinese new year", "spring festival", "national day",
    "golden week", "the spring", "the summer", "the autumn", "the fall", "the winter",
    *(f"{word} of" for word in ORDINAL_WORDS), "day after", "days after", "week after", "weeks after", "mid-year", "midyear", "mid year", "mid-month", "midmonth", "mid month",
    "five-year plan", "five year plan",
)  # fmt: skip
# market copy's words that date by reference (trading sessions, clock times, 目前, 届时, a bare
# 同期)
_MARKET = (
    *(f"{word} {what}" for word in ("early", "late", "morning", "afternoon", "midday")
      for what in ("trad", "deals")),
    "早盘", "午盘", "尾盘", "盘初", "早市", "目前", "gmt", "utc", "bst", "hkt", "sgt", "aest", "aedt",
    "届时", "到时", "同期",
)  # fmt: skip
# short rare phrasings with few triggers each (a comparison month, analysts' 1Q25 / 2H25,
# "October that year", 首季, and the market words): one gate instead of six - a gate that finds
# nothing scans the whole text, so rare groups share one
_RARE_SHORT = ("same month", "同月", "1q", "2q", "3q", "4q", "1h", "2h", "that year", "首季",
               *_MARKET)  # fmt: skip
_RARE_ZH = (
    *(f"{head}{season}" for head in ("年", "今", "去", "明") for season in "春夏秋冬"),
    "后年", "大前天", "大后天", "半月", "国庆", "春节", "元旦", "黄金周",
    *(f"十{n}五" for n in "一二三四五"),  # five-year plans by number
)  # fmt: skip
_ZYR1 = "12一二今去前明同本上当"  # a stated or relative year
_ZH_NUM1 = "0-9一二三四五六七八九十"  # a number
_MON1 = "JFMASOND"  # an English month
_REL1 = "lLtTnN"  # last / this / next

# ---- the table, in priority order (an earlier rule wins a tie of equal length at one offset) --
TABLE: tuple[Rule, ...] = (
    # two stated days or quarters joined by 至 / 到 / a dash: one span (before the ranges in a month)
    Rule(ZH_DATE_RANGE, h_date_range, ("年",), "12一二"),
    # a range of days in one month: "10 月 9 日—13 日", "10月9日至13日", "10月9-13日"
    Rule(DAY_RANGE, h_day_range, ("月",), _ZYR1 + _ZH_NUM1),
    Rule(EN_DAY_RANGE, h_day_range, _MONTHS, _MON1),
    Rule(EN_DAY_RANGE_FIRST, h_day_range, _MONTHS, "0-9"),
    # a range of months in one year: 1-7月, "January-February"
    Rule(MONTH_RANGE, h_month_range, ("月",), _ZYR1 + _ZH_NUM1),
    Rule(EN_MONTH_RANGE, h_month_range, _MONTHS, _MON1),
    # days
    Rule(ZYR + r"(?P<m>" + ZM + r")" + S + "月" + S + "(?P<d>" + ZD + r")" + S + "[日号]",
         h_ymd, ("月",), _ZYR1),
    # "October 9, 2025", "October the 9th, 2025"
    Rule(r"\b(?P<mon>" + MONA + r")\.?\s+(?:the\s+)?" + ED + r",?\s+" + EY + r"\b", h_ymd, _MONTHS, _MON1),
    Rule(r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MONA + r")\.?,?\s+" + EY + r"\b",
         h_ymd, _MONTHS, "0-9"),
    Rule(ISO_YMD, h_ymd, ("-", "/", "."), "12"),
    Rule(r"(?<![0-9.])(?P<m>" + ZM + r")" + S + "月" + S + "(?P<d>" + ZD + r")" + S + "[日号]",
         h_ymd, ("月",), _ZH_NUM1),
    Rule(r"\b(?P<mon>" + MONA + r")\.?\s+(?:the\s+)?" + ED + r"\b(?![,.]?[0-9])", h_ymd, _MONTHS, _MON1),
    Rule(r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MONA + r")\b", h_ymd, _MONTHS, "0-9"),
    # a month or day of last / this / next year: "April last year", "Dec. 5 of last year"
    Rule(DAY_REL_YEAR, h_month_rel_year, _MONTHS, _MON1),
    Rule(DAY_FIRST_REL_YEAR, h_month_rel_year, _MONTHS, "0-9"),
    Rule(MONTH_REL_YEAR, h_month_rel_year, _MONTHS, _MON1),
    # parts of months: 2025年10月下旬, 10月初, "late October"
    Rule(ZYR + r"(?P<m>" + ZM + r")" + S + "月份?" + ZPART, h_month_part, ("月",), _ZYR1),
    Rule(r"(?<![0-9个几数多第.])(?P<m>" + ZM + r")" + S + "月份?" + ZPART,
         h_month_part, ("月",), _ZH_NUM1),
    Rule(r"\b" + EPART + r"[\s-]+(?P<mon>" + MON + r")(?:,?\s+" + EY + r")?\b",
         h_month_part, _MONTHS, "eEmMlLtTbBsS"),
    # months
    Rule(ZYR + r"(?P<m>" + ZM + r")" + S + "月份?", h_month, ("月",), _ZYR1),
    Rule(r"\b(?P<mon>" + MONA + r")\.?,?\s+(?:of\s+)?" + EY + r"\b", h_month, _MONTHS, _MON1),
    # not after a 本 of its own (本12月 is malformed), but after the 本 of 日本 / 成本 / 资本 it is
    # a month like any other ("日本3月宣布": Japan announced in March)
    Rule(r"(?<![0-9个几数多第上下每.])(?<!(?<![日基成资版])本)(?P<m>" + ZM + r")" + S + "月份?",
         h_month, ("月",), _ZH_NUM1),
    Rule(r"\b(?P<r>(?i:last|this|next))\s+(?P<mon>" + MON + r")\b", h_month, _MONTHS, _REL1),
    # "October that year": its own pass, only where the phrase occurs
    Rule(r"\b(?P<mon>" + MON + r")\s+(?:of\s+)?that\s+year\b",
         h_month_that_year, _RARE_SHORT, _MON1),
    Rule(r"\b(?P<mon>" + MON + r")\b", h_month, _MONTHS, _MON1),
    # halves
    Rule(r"(?:" + ZYR + r")?(?P<h>上半年|下半年)", h_half, ("半年",), _ZYR1 + "上下"),
    Rule(EN_HALF, h_half, ("half",), "tTfFsS12"),
    Rule(r"\bH(?P<h>[12])(?:\s*" + EY + r")?\b", h_half, ("h1", "h2"), "H"),
    # quarters: 第三季度 and 第三季 share one pass; "第三季", "今年一季" (no 度, as Hong Kong
    # and Taiwan sites write): a 第 or a year is required, so that 四季 (the four seasons) and
    # 季节 stay words
    Rule(r"(?:" + ZYR + r")?第?(?P<q>[一二三四1-4])季度", h_quarter, ("季",), _ZYR1 + "第三四1-4"),
    Rule(r"(?:" + ZYR + r"第?|第)(?P<q>[一二三四1-4])季(?![度节风候])",
         h_quarter, ("季",), _ZYR1 + "第"),
    Rule(BARE_ZH_QUARTER, h_quarter, ("季",), "一二三"),
    Rule(EN_QUARTER, h_quarter, ("quarter",), "tTfFsS1-4"),
    Rule(r"\bQ(?P<q>[1-4])(?:\s*" + EY + r")?\b", h_quarter, ("q1", "q2", "q3", "q4"), "Q"),
    # a quarter relative to publication: 上季度, 本季度 (in the pass of the other quarters),
    # "last quarter", "the previous quarter"
    # (上季 / 本季 without 度, as Hong Kong and Taiwan sites write; not 上季节 or 下季风)
    Rule(r"(?P<r>上|本|这|下)一?个?季(?:度|(?![节风候]))", h_rel_quarter, ("季",), "上本这下"),
    Rule(EN_REL_QUARTER, h_rel_quarter, ("quarter",), "lLtTnNpPcC"),
    # cumulative statistics from the start of a year: 今年前七个月, 2025 年前三季度, 前三季度
    Rule(MONTHS_TO_DATE, h_year_to_date, ("前", "首"), _ZYR1 + "首"),
    Rule(EN_MONTHS_TO_DATE, h_year_to_date, ("first",), "tTfF"),
    Rule(QUARTERS_TO_DATE, h_year_to_date, ("前",), _ZYR1),
    Rule(r"(?:" + ZYR + r")?首季度?(?![节风候])", h_year_to_date, _RARE_SHORT, _ZYR1 + "首"),
    Rule(QUARTER_ENDING, h_quarter_ending, ("quarter",), "tTMJSD"),
    # decades
    Rule(ZH_DECADE, h_decade, ("年代",), "上本二0-9一三四五六七八九"),
    Rule(r"(?P<y4>(?:1[89]|20)[0-9]0)年代", h_decade, ("年代",), "12"),
    Rule(r"(?:\b(?i:the)\s+)?\b(?P<y4>(?:1[89]|20)[0-9]0)s\b", h_decade, ("0s",), "tT12"),
    Rule(r"'(?P<yy>[0-9]0)s\b", h_decade, ("0s",), "'"),
    # a span of years: 2008年至2010年, 2008-2010年, "from 2008 to 2010", "2016-2020"
    Rule(YEAR_SPAN, h_year_range, ("年",), _ZYR1),
    Rule(EN_YEAR_SPAN, h_year_range, ("19", "20"), "12"),
    # rare phrasings: the same period last year, financial years, "two weeks ago" / 三天前,
    # "the end of 2024" / "year-end"
    Rule(SAME_PERIOD, h_same_period, _RARE, "去上前sS"),
    Rule(FISCAL_YEAR, h_fiscal_year, _RARE, "tTfF12"),
    Rule(AGO, h_ago, _RARE, "0-9一二三四五六七八九十两aAoOtTfFsSnNeE"),
    Rule(YEAR_EDGE, h_year_edge, _RARE, "eEbBsScCtTyY"),
    # years: 今年初 and 今年年初, 2024年底 and 2024年年底
    Rule(ZYR + r"(?:年?(?P<yp>初|底|末|尾)|(?P<ym>年中)(?![国方共央美日欧俄资企心东华外旬期小]))?(?!代|龄|级|轻|纪)",
         h_year, ("年",), _ZYR1),
    Rule(SHORT_YEAR, h_short_year, ("年", "Q", "q"), "0-9"),  # two-digit results years
    Rule(EN_REL_YEAR, h_rel_year, ("year",), _REL1 + "bcseBCSE"),
    Rule(r"\b(?P<r>(?i:later|earlier))\s+(?i:this)\s+(?P<u>(?i:year|month|week))\b",
         h_rest_of, ("this year", "this month", "this week"), "lLeE"),
    Rule(r"(?P<u>本周|本月|今年)(?:早些时候|稍早|较早时候)",
         h_rest_of, ("早些时候", "稍早", "较早时候"), "本今"),
    Rule(EN_YEAR, h_year, ("19", "20"), "12"),
    # relative months
    Rule(r"(?P<r>本月|这个月|上上个?月|下下个?月|上个?月|下个?月)(?:(?P<d>" + ZD + r")[日号]|" + ZPART + r")?",
         h_rel_month, ("月",), "本这上下"),
    # "last month"; "late last month", "the end of the month" (h_rel_month reads the part before)
    Rule(r"\b(?P<r>(?i:last|this|next|the))\s+(?i:month)\b", h_rel_month, ("month",), _REL1),
    # weeks and weekdays
    Rule(ZH_REL_WEEK, h_rel_week, _ZH_WEEK, "上本这下"),
    Rule(ZH_WEEKDAY, h_rel_week, _ZH_WEEK, "周星礼"),
    Rule(r"\b(?P<r>(?i:last|this\s+past|this|next))\s+(?i:week)\b", h_rel_week, ("week",), _REL1),
    # 上周末: in the pass of the other Chinese week rules
    Rule(r"(?P<r>上|本|这|下)个?(?:周|星期|礼拜)末", h_weekend, _ZH_WEEK, "上本这下"),
    # 上周五（10日）: in the pass of the other bracketed days
    Rule(ZH_REL_WEEKDAY_BRACKET, h_rel_week, _BRACKET, "上本这下"),
    # "last weekend": in the pass of "last week"
    Rule(r"\b(?P<r>(?i:last|(?:this|the)\s+past|this|next|over\s+the|at\s+the))\s+(?i:weekend)\b",
         h_weekend, ("week",), _REL1 + "oOaA"),
    Rule(r"\b(?P<r>(?i:last|this\s+past|this|next|on))\s+(?P<w>" + WD + r")\b",
         h_rel_week, ("day",), _REL1 + "oO"),
    Rule(r"\b(?P<w>" + WD + r")\b", h_rel_week, ("day",), "MTWFS"),
    # relative days: 今天, 昨晚, "yesterday"
    Rule(REL_DAY, h_rel_day, _REL_DAY, "今昨前明tTyY"),
    # a bare day of the month, 今（9）日, 今日（1/20）, "Tuesday (Oct 14)"
    Rule(ZH_DAY, h_day_of_month, ("日", "号"), "0-9廿卅"),
    # (before the durations: 二十一日在东京 is the 21st, not 21 days)
    Rule(ZH_NUMERAL_DAY, h_day_of_month, ("日", "号"), "一二三四五六七八九十"),
    Rule(ZH_BRACKET_DAY, h_day_of_month, _BRACKET, "今昨前明周星礼"),
    Rule(ZH_BRACKET_MONTH_DAY, h_bracket_month_day, _BRACKET, "今昨周星礼"),
    Rule(EN_WEEKDAY_DATE, h_ymd, _BRACKET, "MTWFSo"),
    # anaphora: 当天, 同日, "the same day"; a comparison month: 去年同月
    Rule(ANAPHOR, h_anaphor, _ANAPHOR, "当同即自公发印颁tToOeEwW"),
    Rule(SAME_MONTH_YEAR, h_same_month_year, _RARE_SHORT, "tT12一二去"),
    # the day before / after: 前一日, 次日, "the previous day" (in the pass of the weekdays)
    Rule(r"前一(?:日|天)|次日|翌日|隔(?:日|天)|第二天", h_rel_anaphor, _RARE, "前次翌隔第"),
    Rule(EN_REL_ANAPHOR, h_rel_anaphor, ("day",), "tTaA"),
    # a bare part of the current month: 月初, 月底
    Rule(r"(?<![0-9一二三四五六七八九十个本上下这当每岁])月(?P<p>初|底|末|中旬|上旬|下旬|中(?![国方共央美日欧俄资企心东华外旬]))",
         h_this_month_part, ("月",), "月"),
    # durations
    Rule(ZH_DURATION, h_duration, ("年", "月", "周", "天", "日", "小时", "星期"),
         _ZH_NUM1 + "百两几数半"),
    Rule(EN_DURATION, h_duration, ("year", "month", "week", "day", "decade", "hour"),
         "0-9oOtTfFsSeEnNaAmM"),
    # reporting periods: "the six months to December", 截至9月底的前九个月
    Rule(EN_MONTHS_TO, h_months_to, ("month",), "0-9tTsSnN"),
    Rule(r"截至(?P<m>" + ZM + r")月(?:底|末)?的?(?:前)?(?P<n>三|六|九|十二|[0-9]{1,2})个月",
         h_months_to, ("截至",), "截"),
    # analysts' shorthand for a quarter or a half: 3Q25, 1H 2025, 2H25
    Rule(r"\b(?P<q>[1-4])Q\s?(?P<yy>(?:19|20)?[0-9]{2})\b",
         h_short_period, _RARE_SHORT, "1-4"),
    Rule(r"\b(?P<h>[12])H\s?(?P<yy>(?:19|20)?[0-9]{2})\b", h_short_period, _RARE_SHORT, "12"),
    Rule(ON_THE_DAY, h_day_of_month, ("on the",), "tT"),
    Rule(YEAR_SO_FAR, h_year_so_far, ("以来", "至今", "so far"), "今年yYsStT"),
    # everyday phrasings (see _phrase_handlers): seasons, "the first week of March", "the
    # second half of September", "the week before last", 后年, 大前天, "last night", day lists,
    # public holidays (国庆节后, 春节假期, "after the Lunar New Year holiday", "Golden Week");
    # rare, so they share two gates (English, Chinese) and two combined passes
    Rule(EN_REL_SEASON, h_season, _RARE_EN, _REL1 + "pPcCoOdDiI"),
    Rule(EN_YEAR_SEASON, h_season, _RARE_EN, "tTsSaAfFwW"),
    Rule(EN_WEEK_OF_MONTH, h_week_of_month, _RARE_EN, "tTfFsSlL1-4"),
    Rule(EN_HALF_OF_MONTH, h_half_of_month, _RARE_EN, "tTfFsSlL12"),
    Rule(EN_BEFORE_LAST, h_before_last, _RARE_EN, "tT"),
    Rule(EN_REL_DAY_PART, h_rel_day, _RARE_EN, "tTlL"),
    Rule(EN_HOLIDAY, h_holiday, _RARE_EN, "aAbBdDoOtTLCSNJG"),
    Rule(ZH_SEASON, h_season, _RARE_ZH, _ZYR1),
    Rule(ZH_SHORT_SEASON, h_season, _RARE_ZH, "今去明"),
    Rule(ZH_HALF_OF_MONTH, h_half_of_month, _RARE_ZH, _ZYR1 + _ZH_NUM1 + "本上下"),
    Rule(ZH_YEAR_AFTER_NEXT, h_year, _RARE_ZH, "后"),
    Rule(ZH_REL_DAY3, h_rel_day, _RARE_ZH, "大"),
    Rule(ZH_HOLIDAY, h_holiday, _RARE_ZH, _ZYR1 + "国春元黄"),
    Rule(ZH_PLAN, h_plan_period, _RARE_ZH, "十"),
    Rule(EN_PLAN, h_plan_period, _RARE_EN, "1eEtTfF"),
    Rule(ZH_WEEK_OF_MONTH, h_week_of_month, ("月",), _ZYR1 + _ZH_NUM1),
    Rule(ROC_DATE, h_roc, ("年",), "民1"),
    Rule(YEAR_SPAN_MONTHS, h_year_span_months, ("年",), _ZYR1),
    Rule(ZH_YEAR_SAME_PERIOD, h_year_same_period, _RARE, "12一二"),
    Rule(ZH_BARE_YEAR_EDGE, h_bare_year_edge, ("年初", "年底", "年末", "年尾"), "年"),
    Rule(EN_DAYS_AFTER, h_days_after, _RARE_EN, "aAoOtTfFsS"),
    Rule(EN_MID, h_mid, _RARE_EN, "mM"),
    Rule(EN_ORDINAL_DAY, h_ordinal_day, _RARE_EN, "tTfFsSeEnN"),
    Rule(EN_WEEKDAY_OF_WEEK, h_rel_week, ("day",), "MTWFSo"),
    Rule(EN_DAY_LIST, h_day_range, _MONTHS, _MON1),
    Rule(ZH_DAY_LIST, h_day_range, ("月",), _ZYR1 + _ZH_NUM1),
    Rule(SESSION, h_session, _RARE_SHORT, "eElLmMaA早午尾盘目"),
    Rule(CLOCK, h_session, _RARE_SHORT, "0-9"),
    Rule(ECHO, h_echo, _RARE_SHORT, "届到同"),
)  # fmt: skip

RULES: list[CompiledRule] = [CompiledRule(r.compile(), r.handler, r.triggers) for r in TABLE]
ALL_TRIGGERS: frozenset[str] = frozenset(t for rule in TABLE for t in rule.triggers)
# Rules gated by the same triggers share one combined pass (see _date_scan): one pass per trigger group.
_GROUPS: dict[tuple[str, ...], list[int]] = {}
for _index, _rule in enumerate(TABLE):
    _GROUPS.setdefault(_rule.triggers, []).append(_index)
_FIRST = [rule.first for rule in TABLE]


# A group's gate: one search for any of its triggers (None: always run).
SCANNERS: list[tuple[re.Pattern[str] | None, RuleScanner]] = [
    (
        re.compile(gate_pattern(triggers)) if triggers else None,
        RuleScanner([rule.pattern for rule in RULES], _FIRST, ids),
    )
    for triggers, ids in _GROUPS.items()
]
