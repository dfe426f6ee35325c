"""The recognition rules of the temporal resolver: compiled regexes, handlers and triggers.

Rules are tried independently; overlapping matches are settled in
:mod:`reequity.events.dates` (the longest match wins). The handlers live in
:mod:`reequity.events._date_handlers`.
"""

from __future__ import annotations

import re

from reequity.events._date_handlers import (
    Handler,
    h_anaphor,
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
from reequity.events._date_scan import RuleScanner
from reequity.events._span_handlers import (
    SHORT_YEAR,
    h_ago,
    h_day_range,
    h_fiscal_year,
    h_month_range,
    h_month_that_year,
    h_months_to,
    h_same_month_year,
    h_same_period,
    h_short_period,
    h_short_year,
    h_year_range,
    h_year_so_far,
    h_year_to_date,
)

# ---- building blocks ---------------------------------------------------------------------------
# S: the optional (ideographic) space that Taiwanese and Hong Kong sites put between digits
# and units ("2025 年 1 月 6 日", "去年 11 月初").
S = r"[ \u3000]?"
ZM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
ZD = (
    r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|卅一?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
    r"|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
ZY = r"(?:(?:19|20)[0-9]{2}|[一二][〇○零一二三四五六七八九]{3})"
# 本年度 / 上年度 (this / last year), 当年 (that year: like 同年, the year of the nearest earlier
# mention); not the 本 of 日本 / 基本 / 成本, nor the 当 of 相当 (相当年轻)
ZYR = (
    r"(?:(?P<y>"
    + ZY
    + r")"
    + S
    + r"|(?<![目之提以此当先向日基成资版相每])(?P<ry>今|去|前|明|同|本|上|当))年"
    + S
)
ZPART = r"(?P<p>中下旬|上中旬|初|上旬|中旬|下旬|底|末|中(?![国方共央美日欧俄资企心东华外]))"
MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONA = r"(?:" + MON[3:-1] + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
EY = r"(?P<y>(?:19|20)[0-9]{2})"
ED = r"(?P<d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
EPART = (
    r"(?P<p>(?i:early|mid|late|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of|"
    r"(?:the\s+)?start\s+of|(?:the\s+)?middle\s+of))"
)
NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
ENUM = r"(?:\d{1,3}|" + "|".join(NUM_WORDS) + r"|a\s+few|few|several|many|a\s+couple\s+of)"


# a range of months in one year: 1-7月, 1至7月份 (not 1月至3月5日, which ends on a day)
_MONTH_RANGE = "".join(
    [f"(?:{ZYR})?(?<![0-9.])(?P<m>{ZM}){S}(?:月份?)?{S}(?:[—–~～至到-]|－){S}(?P<m2>{ZM}){S}月份?",
     f"(?!{S}{ZD}{S}[日号])"]
)  # fmt: skip
# English month ranges in one year: "January-February", "the January–March period" (a dash:
# "from October to December" can be a policy's span and stays two months)
_EN_MONTH_RANGE = "".join(
    [r"\b(?P<mon>", MON, r")\s*(?:-|–|—)\s*(?P<mon2>", MON, r")\b",
     r"(?:,?\s+", EY, r"\b)?(?!\s+[0-9])"]
)  # fmt: skip
# English day ranges: "May 1-7", "May 1 to 7, 2025", "1-7 May"
_EN_DAY_RANGE = (
    r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r"\s*(?:-|–|—|to|through)\s*"
    r"(?P<d2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per\s+cent))"
    r"(?:,?\s+" + EY + r"\b)?"
)
_EN_DAY_RANGE_FIRST = (
    r"\b" + ED + r"\s*(?:-|–|—|to)\s*(?P<d2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<mon>" + MON + r")\b(?:,?\s+" + EY + r"\b)?"
)
_DAY_RANGE = "".join(
    [f"(?:{ZYR})?(?<![0-9.])(?P<m>{ZM}){S}月{S}(?P<d>{ZD}){S}[日号]?{S}",
     f"(?:[—–~～至到-]|－){S}(?P<d2>{ZD}){S}[日号]"]
)  # fmt: skip


# 今年前七个月, 前7月, 首七个月 (bare: the publication year); not 此前/提前/日期前 N 个月, nor
# the 首 of a word (中美元首10月底会晤: the heads of state, then a month end)
_MONTHS_TO_DATE = (
    f"(?:{ZYR})?(?<![目提之以此当先向日眼期元榜党])[前首]{S}(?P<n>十[一二]|{ZM}){S}(?:个月|月份?)"
)
# "the first seven months of the year / of 2025 / of last year"
_EN_MONTHS_TO_DATE = (
    r"\b(?:(?i:the)\s+)?(?i:first)\s+(?P<n>(?i:two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven)|[2-9]|1[01])\s+(?i:months)\s+(?i:of)\s+(?:" + EY + r"|(?P<r>(?i:this|last))\s+"
    r"(?i:year)|(?i:the\s+year))\b"
)
# 前三季度 (also bare: the publication year); not 目前三季度 ("the third quarter now")
_QUARTERS_TO_DATE = (
    f"(?:{ZYR})?(?<![目提之以此当先向日眼])前{S}(?P<q>[一二两三1-3]){S}个?季度?(?![节风候])"
)

# "said Tuesday (Oct 14)", "on Friday (November 7, 2025)": the bracketed date names the day
_EN_WEEKDAY_DATE = "".join(
    [r"\b(?:on\s+)?", WD, r"\s*\(\s*(?P<mon>", MONA, r")\.?\s+", ED, r"(?:,?\s+", EY, r")?\s*\)"]
)
# a comparison month: "the same month in 2024" / "a year earlier", 去年同月, 2024年同月
_SAME_MONTH_YEAR = "".join(
    [r"\b(?i:the\s+same\s+month)\s+(?:(?i:in|of)\s+", EY, r"\b|(?i:a\s+year\s+(?:earlier|",
     r"before|ago)|(?:of\s+)?last\s+year)\b)|(?:(?P<zy>", ZY, r")", S, r"|去)年", S, "同月"]
)  # fmt: skip


# a span of years: 2008年至2010年, 2008 年到 2010 年 (not 2008年-2010年1-10月, whose last year
# opens a month range), "from 2008 to 2010", "between 2005 and 2007", "2016-2020"
_YEAR_SPAN = "".join(
    [f"(?P<y>{ZY}){S}年?{S}(?:至|到|-|–|—|~|～){S}(?P<y2>{ZY}){S}年度?",
     f"(?!{S}{ZM}{S}(?:月|[-—–~～至到]))"]
)  # fmt: skip
# (a leading "from" / "between" joins the surface in the handler: a rule that starts with a
# digit is tried only at digits)
_EN_YEAR_SPAN = (
    r"\b(?P<y>(?:19|20)[0-9]{2})(?:\s*[-–]\s*|\s+(?i:to|through|and)\s+)"
    r"(?P<y2>(?:19|20)[0-9]{2})\b(?![-/.][0-9])"
)

# 去年同期, 上年同期, "the same period last year", "the same quarter a year earlier"
_SAME_PERIOD = (
    r"(?:去|上一?|前)年同期|\b(?i:same)\s+(?i:period|quarter|months?|time)\s+"
    r"(?i:(?:of\s+)?last\s+year|a\s+year\s+(?:earlier|ago|before)|of\s+(?:the\s+)?(?:previous|prior)\s+year)\b"
)

# a financial year: "the financial year 2025", "the 2026 financial year", "FY2025", "FY25",
# "fiscal 2025", "2025财年" (placed by dates' convention: July-June for Australian firms)
_FISCAL_YEAR = (
    r"\b(?:(?i:the)\s+)?(?:(?i:financial|fiscal)\s+(?:(?i:year)\s+)?(?P<y>(?:19|20)[0-9]{2})\b"
    r"|FY\s?(?P<y_>(?:19|20)?[0-9]{2})\b|(?P<y__>(?:19|20)[0-9]{2})\s+(?i:financial|fiscal)\s+(?i:year)\b)"
    r"|(?P<y___>(?:19|20)[0-9]{2})\s*(?:财年|财政年度)"
)

# counted from publication: "two weeks ago", 三天前, 两个月前, 十年前 (not 2020年前, "before
# 2020", nor 10日前, "before the 10th"); "three days later" / 三天后 from the day before it
_AGO = (
    r"(?<![0-9一二三四五六七八九十两百])(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})"
    r"(?P<u>天|个?星期|周|个月|年)(?:(?P<later>后|之后|以后)|前|之前|以前)"
    r"|\b(?P<n_>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2}))\s+"
    r"(?P<u_>(?i:days?|weeks?|months?|years?))\s+(?:(?i:ago)|(?P<later_>(?i:later))|(?P<earlier_>(?i:earlier)))\b"
)

# a month or day in a relative year: "April last year", "Dec. 5 of last year", "5 December
# this year" (the month alone would take the latest such month before publication)
_REL_YEAR_WORDS = r"\s+(?:(?i:of)\s+)?(?P<yr>(?i:last|this|next))\s+(?i:year)\b"
_DAY_REL_YEAR = r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r",?" + _REL_YEAR_WORDS
_DAY_FIRST_REL_YEAR = r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MON + r")" + _REL_YEAR_WORDS
_MONTH_REL_YEAR = r"\b(?P<mon>" + MON + r")" + _REL_YEAR_WORDS

# the edge of a stated year: "the end of 2024", "the beginning of 2025", "year-end 2025",
# "end-2025", a bare "year-end" ("early 2024" / "late 2025" stay the year)
_YEAR_EDGE = (
    r"\b(?:(?P<p>(?i:(?:the\s+)?(?:end|beginning|start|close)\s+of))\s+|(?i:end-))"
    r"(?P<y>(?:19|20)[0-9]{2})\b(?![-/.][0-9])"
    r"|\b(?i:year[- ]end)(?:\s+(?P<y_>(?:19|20)[0-9]{2})\b)?"
)
_SAY = r"(?:指出|表示|称|说|宣布|透露|公布|发布|强调|召开|举行|签署|通过|发表|证实|回应|晚间?|下午|上午)"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# (pattern, handler) in priority order (earlier wins a tie of equal length at one offset).
_RULES: list[tuple[re.Pattern[str], Handler]] = [
    # a range of days in one month: "10 月 9 日—13 日", "10月9日至13日", "10月9-13日"
    (_rx(_DAY_RANGE), h_day_range),
    (_rx(_EN_DAY_RANGE), h_day_range),
    (_rx(_EN_DAY_RANGE_FIRST), h_day_range),
    (_rx(_MONTH_RANGE), h_month_range),
    (_rx(_EN_MONTH_RANGE), h_month_range),
    (_rx(ZYR + r"(?P<m>" + ZM + r")" + S + "月" + S + "(?P<d>" + ZD + r")" + S + "[日号]"), h_ymd),
    (_rx(r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r",?\s+" + EY + r"\b"), h_ymd),
    (_rx(r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MONA + r")\.?,?\s+" + EY + r"\b"), h_ymd),
    (
        _rx(
            r"(?<![0-9])"
            + EY
            + r"([-/.])(?P<m>1[0-2]|0?[1-9])\2(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
        ),
        h_ymd,
    ),
    (
        _rx(r"(?<![0-9.])(?P<m>" + ZM + r")" + S + "月" + S + "(?P<d>" + ZD + r")" + S + "[日号]"),
        h_ymd,
    ),
    (_rx(r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r"\b(?![,.]?[0-9])"), h_ymd),
    (_rx(r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MON + r")\b"), h_ymd),
    (_rx(_DAY_REL_YEAR), h_month_rel_year),
    (_rx(_DAY_FIRST_REL_YEAR), h_month_rel_year),
    (_rx(_MONTH_REL_YEAR), h_month_rel_year),
    (_rx(ZYR + r"(?P<m>" + ZM + r")" + S + "月份?" + ZPART), h_month_part),
    (_rx(r"(?<![0-9个几数多第.])(?P<m>" + ZM + r")" + S + "月份?" + ZPART), h_month_part),
    (_rx(r"\b" + EPART + r"[\s-]+(?P<mon>" + MON + r")(?:,?\s+" + EY + r")?\b"), h_month_part),
    (_rx(ZYR + r"(?P<m>" + ZM + r")" + S + "月份?"), h_month),
    (_rx(r"\b(?P<mon>" + MON + r"),?\s+(?:of\s+)?" + EY + r"\b"), h_month),
    (_rx(r"(?<![0-9个几数多第上下本每.])(?P<m>" + ZM + r")" + S + "月份?"), h_month),
    (_rx(r"\b(?P<r>(?i:last|this|next))\s+(?P<mon>" + MON + r")\b"), h_month),
    (_rx(r"\b(?P<mon>" + MON + r")\s+(?:of\s+)?that\s+year\b"), h_month_that_year),
    (_rx(r"\b(?P<mon>" + MON + r")\b"), h_month),
    (_rx(r"(?:" + ZYR + r")?(?P<h>上半年|下半年)"), h_half),
    (
        _rx(
            r"\b(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd))\s+(?i:half)(?:\s+(?i:of)\s+(?:"
            + EY
            + r"|(?P<r>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))?"
        ),
        h_half,
    ),  # fmt: skip
    (_rx(r"\bH(?P<h>[12])(?:\s*" + EY + r")?\b"), h_half),
    (_rx(r"(?:" + ZYR + r")?第?(?P<q>[一二三四1-4])季度"), h_quarter),
    # "第三季", "今年一季" (no 度, as Hong Kong and Taiwan sites write): a 第 or a year is
    # required, so that 四季 (the four seasons) and 季节 stay words
    (_rx(r"(?:" + ZYR + r"第?|第)(?P<q>[一二三四1-4])季(?![度节风候])"), h_quarter),
    # a bare 一季 / 二季 / 三季 ("一季精矿价格"); 四季 stays the four seasons
    (
        _rx(
            r"(?<![0-9一二三四五六七八九十百每第个几数上下本今去前明同这单])(?P<q>[一二三])季(?![度节风候])"
        ),
        h_quarter,
    ),  # fmt: skip
    (
        _rx(
            r"\b(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
            r"(?:\s+(?i:of)\s+(?:"
            + EY
            + r"|(?P<r>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))?"
        ),
        h_quarter,
    ),  # fmt: skip
    (_rx(r"\bQ(?P<q>[1-4])(?:\s*" + EY + r")?\b"), h_quarter),
    # a quarter relative to publication: 上季度, 本季度, "last quarter", "the previous quarter"
    (_rx(r"(?P<r>上|本|这|下)一?个?季度"), h_rel_quarter),
    (
        _rx(
            r"\b(?P<r>(?i:last|this|next|(?:the\s+)?(?:previous|current|coming)))\s+(?i:quarter)\b"
        ),
        h_rel_quarter,
    ),  # fmt: skip
    # cumulative statistics from the start of a year: 今年前七个月, 2025 年前三季度, 前三季度
    (_rx(_MONTHS_TO_DATE), h_year_to_date),
    (_rx(_EN_MONTHS_TO_DATE), h_year_to_date),
    (_rx(_QUARTERS_TO_DATE), h_year_to_date),
    (_rx(r"(?:" + ZYR + r")?首季度?(?![节风候])"), h_year_to_date),  # 首季: the first quarter
    (
        _rx(
            r"\b(?:(?i:the)\s+)?(?P<mon>March|June|September|December)\s+"
            r"(?:(?P<y2>(?:19|20)[0-9]{2})\s+)?(?i:quarter)\b(?:\s+(?i:of)\s+" + EY + r")?"
        ),
        h_quarter_ending,
    ),  # fmt: skip
    (
        _rx(
            r"(?:(?P<c>上个?世纪|二十世纪|20世纪|本世纪|二十一世纪|21世纪))?(?P<d1>[1-9]0|[一二三四五六七八九]十?)"
            r"(?:[、和至到与或\-—~～]?(?P<d2>[1-9]0|[一二三四五六七八九]十?))?年代"
        ),
        h_decade,
    ),  # fmt: skip
    (_rx(r"(?P<y4>(?:1[89]|20)[0-9]0)年代"), h_decade),
    (_rx(r"(?:\b(?i:the)\s+)?\b(?P<y4>(?:1[89]|20)[0-9]0)s\b"), h_decade),
    (_rx(r"'(?P<yy>[0-9]0)s\b"), h_decade),
    # a span of years: 2008年至2010年, 2008-2010年, "from 2008 to 2010", "2016-2020"
    (_rx(_YEAR_SPAN), h_year_range),
    (_rx(_EN_YEAR_SPAN), h_year_range),
    (_rx(_SAME_PERIOD), h_same_period),
    (_rx(_FISCAL_YEAR), h_fiscal_year),
    (_rx(_AGO), h_ago),
    (_rx(_YEAR_EDGE), h_year_edge),
    # 今年初 and 今年年初, 2024年底 and 2024年年底
    (_rx(ZYR + r"(?:年?(?P<yp>初|底|末))?(?!代|龄|级|轻|纪)"), h_year),
    (_rx(SHORT_YEAR), h_short_year),
    (
        _rx(
            r"(?:(?:\b(?i:the)\s+)?\b(?P<e>(?i:end|close|beginning|start))\s+(?i:of)\s+)?"
            r"\b(?P<r>(?i:last|this|next))\s+(?i:year)\b"
        ),
        h_rel_year,
    ),
    (_rx(r"\b(?P<r>(?i:later|earlier))\s+(?i:this)\s+(?P<u>(?i:year|month|week))\b"), h_rest_of),
    (_rx(r"(?P<u>本周|本月|今年)(?:早些时候|稍早|较早时候)"), h_rest_of),
    (
        _rx(
            # "the Trade Expansion Act of 1962" names a law, not a date
            r"(?<![A-Za-z0-9_$£€¥.,/\-])(?<!Act of )(?<!Law of )"
            + EY
            + r"(?![A-Za-z0-9_%]|[.,][0-9])"
            r"(?!\s*(?i:tons?|tonnes?|metric|percent|yuan|dollars|billion|million|thousand|kg|mw|gw)\b)"
        ),
        h_year,
    ),  # fmt: skip
    (
        _rx(r"(?P<r>本月|这个月|上个?月|下个?月)(?:(?P<d>" + ZD + r")[日号]|" + ZPART + r")?"),
        h_rel_month,
    ),
    (_rx(r"\b(?P<r>(?i:last|this|next))\s+(?i:month)\b"), h_rel_month),
    (
        _rx(
            r"(?P<r>上|本|这|下)个?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])?(?!期|年|边|围|刊|岁|末)"
        ),
        h_rel_week,
    ),
    (
        _rx(
            r"(?<![上本这下每])(?:周|星期|礼拜)(?P<w>[一二三四五六日天])(?![直样致般切定些同旦度体边个])"
        ),
        h_rel_week,
    ),
    (_rx(r"\b(?P<r>(?i:last|this|next))\s+(?i:week)\b"), h_rel_week),
    (_rx(r"(?P<r>上|本|这|下)个?(?:周|星期|礼拜)末"), h_weekend),
    # 上周五（10日）, 下周三 (22 日): the week's day; the bracketed day of month only repeats it
    (
        _rx(
            r"(?P<r>上|本|这|下)个?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])\s*[（(]\s*"
            r"(?:3[01]|[12][0-9]|0?[1-9])\s*(?:[）)]\s*[日号]|[日号]\s*[）)])"
        ),
        h_rel_week,
    ),
    (_rx(r"\b(?P<r>(?i:last|this|next|over\s+the))\s+(?i:weekend)\b"), h_weekend),
    (_rx(r"\b(?P<r>(?i:last|this|next|on))\s+(?P<w>" + WD + r")\b"), h_rel_week),
    (_rx(r"\b(?P<w>" + WD + r")\b"), h_rel_week),
    (
        _rx(
            r"(?:今天|今日|昨天|昨日|前天|明天|明日|\b(?i:today|yesterday|tomorrow)\b)(?![（(])"
            # 昨晚 / 今早 / 前晚 / 明早, and 前日 (the day before yesterday, as Hong Kong and
            # formal texts write; not 此前日本 "before, Japan", nor 前日本首相 "former")
            r"|昨(?:晚|夜|晨|早)|今(?:早|晨|晚|夜)(?!间)|前晚|明(?:早|晚)"
            # a bare 昨 before a verb ("主任昨指出", "昨宣布") and 前日 (the day before yesterday)
            # before a verb or 在 ("前日公布", not 会议前日 "the day before the meeting" nor 此前日本)
            r"|昨(?=" + _SAY + r")|前日(?=在|" + _SAY + r")"
        ),
        h_rel_day,
    ),
    (
        _rx(
            r"(?<![0-9月第.])(?P<d>3[01]|[12][0-9]|0?[1-9]|廿[一二三四五六七八九]?|卅一?)"
            + S
            + r"[日号](?![线楼院文令]|内|公(?!布|告))"
        ),
        h_day_of_month,
    ),  # fmt: skip
    (
        _rx(
            r"(?:[今昨前明]|(?:周|星期|礼拜)[一二三四五六日天])\s*[（(]\s*(?P<d>3[01]|[12][0-9]|0?[1-9])"
            r"\s*(?:[）)]\s*[日号]|[日号]\s*[）)])"
        ),
        h_day_of_month,
    ),  # fmt: skip
    (  # 今日（1/20）: the month and day in brackets
        _rx(
            r"(?:今日|今天|今|昨日|昨天|昨|(?:周|星期|礼拜)[一二三四五六日天])\s*[（(]\s*"
            r"(?P<m>1[0-2]|0?[1-9])\s*/\s*(?P<d>3[01]|[12][0-9]|0?[1-9])"
            r"\s*[）)]"
        ),
        h_bracket_month_day,
    ),  # fmt: skip
    (_rx(_EN_WEEKDAY_DATE), h_ymd),
    (
        _rx(
            r"(?:当月|同月|当天|当日|同日|同一天|即日起?|当晚|自?(?:公布|发布|公告|印发|颁布)之?日起"
            r"|\b(?i:the\s+same\s+day|that\s+day|on\s+the\s+day|effective\s+immediately"
            r"|the\s+same\s+month|that\s+month"
            r"|with\s+immediate\s+effect))"
        ),
        h_anaphor,
    ),
    (_rx(_SAME_MONTH_YEAR), h_same_month_year),
    (_rx(r"前一(?:日|天)|次日|翌日|隔(?:日|天)|第二天"), h_rel_anaphor),
    (
        _rx(
            r"\b(?i:the\s+(?:previous|following|next)\s+day|a\s+day\s+(?:earlier|later)"
            r"|the\s+day\s+before(?!\s+(?:the|a|an|its|his|her|their|[A-Z0-9])))\b"
        ),
        h_rel_anaphor,
    ),
    (
        _rx(r"(?<![0-9一二三四五六七八九十个本上下这当每])月(?P<p>初|底|末|中旬|上旬|下旬)"),
        h_this_month_part,
    ),
    (
        _rx(
            r"(?<![0-9第一二三四五六七八九十百两几数半多])(?P<n>[0-9]{1,3}|[一二三四五六七八九十百两几数半]{1,4})多?"
            r"(?P<u>个多?月|个星期|个礼拜|年|周|天|日(?!公布|发布|宣布|电|讯|起|晚|早|凌晨|上午|下午)|小时|星期)"
            r"(?:多|以上|以内|之内|之久|左右|有余|内|来|以来)?"
        ),
        h_duration,
    ),  # fmt: skip
    (
        _rx(
            r"\b(?P<n>(?i:"
            + ENUM[3:-1]
            + r"))(?:\s*(?:to|-|–|or)\s*(?i:"
            + ENUM[3:-1]
            + r"))?[\s-]+"
            r"(?P<u>(?i:years?|months?|weeks?|days?|decades?|hours?))\b"
        ),
        h_duration,
    ),  # fmt: skip
    # reporting periods: "the six months to December", "nine months ended September 30, 2025",
    # "the three months ended Sept. 30"
    (
        _rx(
            r"\b(?:(?i:the)\s+)?(?P<n>[0-9]{1,2}|(?i:three|six|nine|twelve))[\s-]+(?i:months?)"
            r"\s+(?i:to|ended|ending|through)\s+(?P<mon>"
            + MONA
            + r")\.?(?:\s+(?:3[01]|[12][0-9]|0?[1-9]),?)?"
            r"(?:\s+" + EY + r")?\b"
        ),
        h_months_to,
    ),  # fmt: skip
    (
        _rx(r"截至(?P<m>" + ZM + r")月(?:底|末)?的?(?:前)?(?P<n>三|六|九|十二|[0-9]{1,2})个月"),
        h_months_to,
    ),
    # analysts' shorthand for a quarter or a half: 3Q25, 1H 2025, 2H25
    (_rx(r"\b(?P<q>[1-4])Q\s?(?P<yy>(?:19|20)?[0-9]{2})\b"), h_short_period),
    (_rx(r"\b(?P<h>[12])H\s?(?P<yy>(?:19|20)?[0-9]{2})\b"), h_short_period),
    # "on the 9th." - a bare ordinal day of the month (never "the 14th Five-Year Plan")
    (
        _rx(
            r"(?<=\b[oO]n )(?i:the)\s+(?P<d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)\b(?=\s*(?:[.,;:)]|$))"
        ),
        h_day_of_month,
    ),
    # the year so far, when it says "this year": 今年以来, 年初至今, "so far this year" (not a
    # bare "year-to-date", whose year is often another one: "year-to-date ... as of October 2023")
    (
        _rx(
            r"(?:今年|年初)(?:以来|至今)|(?i:\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+far\b)"
        ),
        h_year_so_far,
    ),
]

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ZH_WEEK = ("周", "星期", "礼拜")
# Rare phrasings share one trigger group (one gate search per text instead of one per rule):
# the same period last year, financial years, "ago" / 天前, the edge of a stated year, 前一日.
_RARE = (
    "同期", "same", "financial", "fiscal", "fy1", "fy2", " fy ", "财年", "财政年度", "ago", "later", "earlier",
    "天前", "周前", "星期前", "月前", "年前", "天后", "天之后", "天以后", "end of", "end-", "year end",
    "year-end", "beginning of", "start of", "close of", "前一", "次日", "翌日", "隔日", "隔天", "第二天",
)  # fmt: skip
# Substrings (of the lower-cased text) without which a rule cannot match: a rule is skipped
# for a text that holds none of them. Aligned with _RULES; () means always run.
_TRIGGERS: list[tuple[str, ...]] = [
    ("月",),  # day range
    _MONTHS,
    _MONTHS,  # English day ranges
    ("月",),  # month range
    _MONTHS,  # "January-February"
    ("月",),
    _MONTHS,
    _MONTHS,
    ("-", "/", "."),
    ("月",),
    _MONTHS,
    _MONTHS,  # days
    _MONTHS,
    _MONTHS,
    _MONTHS,  # a month or day of last / this / next year
    ("月",),
    ("月",),
    _MONTHS,  # parts of months
    ("月",),
    _MONTHS,
    ("月",),
    _MONTHS,
    ("that year",),  # "October that year": its own pass, only where the phrase occurs
    _MONTHS,  # months
    ("半年",),
    ("half",),
    ("h1", "h2"),  # halves
    ("季",),
    ("季",),  # 第三季度 and 第三季 share one pass
    ("季",),  # bare 一季
    ("quarter",),
    ("q1", "q2", "q3", "q4"),
    ("季",),  # 上季度: in the pass of the other quarters
    ("quarter",),  # relative quarters
    ("前", "首"),
    ("first",),
    ("前",),
    ("首季",),  # year to date
    ("quarter",),  # quarters
    ("年代",),
    ("年代",),
    ("0s",),
    ("0s",),  # decades
    ("年",),  # year ranges 2008年至2010年
    ("19", "20"),  # "from 2008 to 2010"
    _RARE,  # the same period last year
    _RARE,  # financial years
    _RARE,  # "two weeks ago", 三天前
    _RARE,  # the edge of a stated year
    ("年",),
    ("年", "Q", "q"),  # two-digit results years
    ("year",),
    ("this year", "this month", "this week"),
    ("早些时候", "稍早", "较早时候"),  # 本月早些时候
    ("19", "20"),  # years
    ("月",),
    ("month",),  # relative months
    _ZH_WEEK,
    _ZH_WEEK,
    ("week",),
    _ZH_WEEK,  # 上周末: in the pass of the other Chinese week rules
    ("(", "（"),  # 上周五（10日）: in the pass of the other bracketed days
    ("week",),  # "last weekend": in the pass of "last week"
    ("day",),
    ("day",),  # weeks and weekdays
    (
        "今天",
        "今日",
        "今早",
        "今晨",
        "今晚",
        "今夜",
        "昨",
        "前天",
        "前晚",
        "前日",
        "明天",
        "明日",
        "明早",
        "明晚",
        "today",
        "yesterday",
        "tomorrow",
    ),  # fmt: skip
    ("日", "号"),  # bare day of month
    ("(", "（"),  # 今（9）日, 周五 (7 日)
    ("(", "（"),  # 今日（1/20）
    ("(", "（"),  # Tuesday (Oct 14): in the pass of the other bracketed days
    (
        "当",
        "同",
        "即日",
        "日起",
        "same day",
        "that day",
        "the day",
        "immediate",
        "same month",
        "that month",
    ),  # anaphora
    ("same month", "同月"),  # comparison month
    _RARE,  # the day before / after
    ("day",),  # "the previous day": in the pass of the weekdays
    ("月",),  # bare part of the current month
    ("年", "月", "周", "天", "日", "小时", "星期"),
    ("year", "month", "week", "day", "decade", "hour"),
    ("month",),
    ("截至",),  # reporting periods
    ("1q", "2q", "3q", "4q"),  # 3Q25
    ("1h", "2h"),  # 1H25
    ("on the",),  # on the 9th
    ("以来", "至今", "so far"),  # the year so far
]
_ZYR1 = "12一二今去前明同本上当"
_ZH_NUM1 = "0-9一二三四五六七八九十"
_MON1 = "JFMASOND"
_REL1 = "lLtTnN"
# The characters a rule's match can start with. A leading (?=[...]) lets the regex engine skip
# every other position quickly (about 3x faster than a leading look-behind). Aligned with _RULES.
_FIRST: list[str] = [
    _ZYR1 + _ZH_NUM1,  # day range
    _MON1, "0-9",  # English day ranges
    _ZYR1 + _ZH_NUM1, _MON1,  # month ranges
    _ZYR1, _MON1, "0-9", "12", _ZH_NUM1, _MON1, "0-9",  # days
    _MON1, "0-9", _MON1,  # of last / this / next year
    _ZYR1, _ZH_NUM1, "eEmMlLtTbBsS",  # parts of months
    _ZYR1, _MON1, _ZH_NUM1, _REL1, _MON1, _MON1,  # months
    _ZYR1 + "上下", "tTfFsS12", "H",  # halves
    _ZYR1 + "第三四1-4", _ZYR1 + "第", "一二三", "tTfFsS1-4", "Q", "上本这下", "lLtTnNpPcC",
    _ZYR1 + "首", "tTfF", _ZYR1, _ZYR1 + "首",  # year to date
    "tTMJSD",  # quarters
    "上本二0-9一三四五六七八九", "12", "tT12", "'",  # decades
    _ZYR1, "12", "去上前sS", "tTfF12",  # year ranges, same period last year, financial years
    "0-9一二三四五六七八九十两aAoOtTfFsSnNeE",  # "two weeks ago", 三天前
    "eEbBsScCtTyY",  # "the end of 2024", "year-end"
    _ZYR1, "0-9", _REL1 + "bcseBCSE", "lLeE", "本今", "12",  # years
    "本这上下", _REL1,  # relative months
    "上本这下", "周星礼", _REL1, "上本这下", "上本这下", _REL1 + "oO", _REL1 + "oO", "MTWFS",  # weeks
    "今昨前明tTyY",  # relative days
    "0-9廿卅",  # bare day of month
    "今昨前明周星礼",  # day in brackets
    "今昨周星礼",  # 今日（1/20）, 週日（11/9）
    "MTWFSo",  # Tuesday (Oct 14)
    "当同即自公发印颁tToOeEwW",  # anaphora
    "tT12一二去",  # comparison month
    "前次翌隔第", "tTaA",  # the day before / after
    "月",  # bare part of the current month
    _ZH_NUM1 + "百两几数半", "0-9oOtTfFsSeEnNaAmM",  # durations
    "0-9tTsSnN", "截",  # reporting periods
    "1-4", "12", "tT", "今年yYsStT",  # 3Q25, 1H25, on the 9th, the year so far
]  # fmt: skip
RULES: list[tuple[re.Pattern[str], Handler, tuple[str, ...]]] = [
    (re.compile(f"(?=[{first}])" + pattern.pattern), handler, triggers)
    for (pattern, handler), triggers, first in zip(_RULES, _TRIGGERS, _FIRST, strict=True)
]
ALL_TRIGGERS: frozenset[str] = frozenset(t for triggers in _TRIGGERS for t in triggers)
# Rules gated by the same triggers share one combined pass (see _date_scan): one pass per trigger group.
_GROUPS: dict[tuple[str, ...], list[int]] = {}
for _index, (_, _, _triggers) in enumerate(RULES):
    _GROUPS.setdefault(_triggers, []).append(_index)
# A group's gate: one search for any of its triggers (None: always run).
SCANNERS: list[tuple[re.Pattern[str] | None, RuleScanner]] = [
    (
        re.compile("|".join(map(re.escape, triggers))) if triggers else None,
        RuleScanner([p for p, _, _ in RULES], _FIRST, ids),
    )
    for triggers, ids in _GROUPS.items()
]
