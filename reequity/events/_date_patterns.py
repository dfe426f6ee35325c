"""The regex building blocks of the temporal resolver's rules.

Pieces (a Chinese month ``ZM``, an English day ``ED``, a relative year ``ZYR`` ...) and whole
rule patterns too long for one line of the rule table in :mod:`reequity.events._date_rules`.
Named groups carry the parts the handlers read (``y``, ``m``, ``d``, ``mon``, ``p`` ...).
"""

from __future__ import annotations

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
    r"(?P<p>(?i:early|mid|late|end(?=-)|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of|"
    r"(?:the\s+)?start\s+of|(?:the\s+)?middle\s+of))"
)
NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
ENUM = r"(?:\d{1,3}|" + "|".join(NUM_WORDS) + r"|a\s+few|few|several|many|a\s+couple\s+of)"


# a range of months in one year: 1-7月, 1至7月份 (not 1月至3月5日, which ends on a day)
MONTH_RANGE = "".join(
    [f"(?:{ZYR})?(?<![0-9.])(?P<m>{ZM}){S}(?:月份?)?{S}(?:[—–~～至到-]|－){S}(?P<m2>{ZM}){S}月份?",
     f"(?!{S}{ZD}{S}[日号])"]
)  # fmt: skip
# English month ranges in one year: "January-February", "the January–March period" (a dash:
# "from October to December" can be a policy's span and stays two months)
EN_MONTH_RANGE = "".join(
    [r"\b(?P<mon>", MON, r")\s*(?:-|–|—)\s*(?P<mon2>", MON, r")\b",
     r"(?:,?\s+", EY, r"\b)?(?!\s+[0-9])"]
)  # fmt: skip
# English day ranges: "May 1-7", "May 1 to 7, 2025", "1-7 May"
EN_DAY_RANGE = (
    r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r"\s*(?:-|–|—|to|through)\s*"
    r"(?P<d2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|per\s+cent))"
    r"(?:,?\s+" + EY + r"\b)?"
)
EN_DAY_RANGE_FIRST = (
    r"\b" + ED + r"\s*(?:-|–|—|to)\s*(?P<d2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<mon>" + MON + r")\b(?:,?\s+" + EY + r"\b)?"
)
DAY_RANGE = "".join(
    [f"(?:{ZYR})?(?<![0-9.])(?P<m>{ZM}){S}月{S}(?P<d>{ZD}){S}[日号]?{S}",
     f"(?:[—–~～至到-]|－){S}(?P<d2>{ZD}){S}[日号]"]
)  # fmt: skip


# 今年前七个月, 前7月, 首七个月 (bare: the publication year); not 此前/提前/日期前 N 个月, nor
# the 首 of a word (中美元首10月底会晤: the heads of state, then a month end)
MONTHS_TO_DATE = (
    f"(?:{ZYR})?(?<![目提之以此当先向日眼期元榜党])[前首]{S}(?P<n>十[一二]|{ZM}){S}(?:个月|月份?)"
)
# "the first seven months of the year / of 2025 / of last year"
EN_MONTHS_TO_DATE = (
    r"\b(?:(?i:the)\s+)?(?i:first)\s+(?P<n>(?i:two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven)|[2-9]|1[01])\s+(?i:months)\s+(?i:of)\s+(?:" + EY + r"|(?P<r>(?i:this|last))\s+"
    r"(?i:year)|(?i:the\s+year))\b"
)
# 前三季度 (also bare: the publication year); not 目前三季度 ("the third quarter now")
QUARTERS_TO_DATE = (
    f"(?:{ZYR})?(?<![目提之以此当先向日眼])前{S}(?P<q>[一二两三1-3]){S}个?季度?(?![节风候])"
)

# "said Tuesday (Oct 14)", "on Friday (November 7, 2025)": the bracketed date names the day
EN_WEEKDAY_DATE = "".join(
    [r"\b(?:on\s+)?", WD, r"\s*\(\s*(?P<mon>", MONA, r")\.?\s+", ED, r"(?:,?\s+", EY, r")?\s*\)"]
)
# a comparison month: "the same month in 2024" / "a year earlier", 去年同月, 2024年同月
SAME_MONTH_YEAR = "".join(
    [r"\b(?i:the\s+same\s+month)\s+(?:(?i:in|of)\s+", EY, r"\b|(?i:a\s+year\s+(?:earlier|",
     r"before|ago)|(?:of\s+)?last\s+year)\b)|(?:(?P<zy>", ZY, r")", S, r"|去)年", S, "同月"]
)  # fmt: skip


# a span of years: 2008年至2010年, 2008 年到 2010 年 (not 2008年-2010年1-10月, whose last year
# opens a month range), "from 2008 to 2010", "between 2005 and 2007", "2016-2020"
YEAR_SPAN = "".join(
    [f"(?P<y>{ZY}){S}年?{S}(?:至|到|-|–|—|~|～){S}(?P<y2>{ZY}){S}年度?",
     f"(?!{S}{ZM}{S}(?:月|[-—–~～至到]))"]
)  # fmt: skip
# (a leading "from" / "between" joins the surface in the handler: a rule that starts with a
# digit is tried only at digits)
EN_YEAR_SPAN = (
    # "2022 and 2023" are two years; only "between 2022 and 2023" is one span
    r"\b(?P<y>(?:19|20)[0-9]{2})(?:\s*[-–]\s*|\s+(?i:to|through)\s+|(?<=[Bb]etween [12][0-9]{3})\s+and\s+)"
    r"(?P<y2>(?:19|20)[0-9]{2})\b(?![-/.][0-9])"
)

# 去年同期, 上年同期, "the same period last year", "the same quarter a year earlier"
SAME_PERIOD = (
    r"(?:去|上一?|前)年同期|\b(?i:same)\s+(?i:period|quarter|months?|time)\s+"
    r"(?i:(?:of\s+)?last\s+year|a\s+year\s+(?:earlier|ago|before)|of\s+(?:the\s+)?(?:previous|prior)\s+year)\b"
)

# a financial year: "the financial year 2025", "the 2026 financial year", "FY2025", "FY25",
# "fiscal 2025", "2025财年" (placed by dates' convention: July-June for Australian firms)
FISCAL_YEAR = (
    r"\b(?:(?i:the)\s+)?(?:(?i:financial|fiscal)\s+(?:(?i:year)\s+)?(?P<y>(?:19|20)[0-9]{2})\b"
    r"|FY\s?(?P<y_>(?:19|20)?[0-9]{2})\b|(?P<y__>(?:19|20)[0-9]{2})\s+(?i:financial|fiscal)\s+(?i:year)\b)"
    r"|(?P<y___>(?:19|20)[0-9]{2})\s*(?:财年|财政年度)"
)

# counted from publication: "two weeks ago", 三天前, 两个月前, 十年前 (not 2020年前, "before
# 2020", nor 10日前, "before the 10th"); "three days later" / 三天后 from the day before it
AGO = (
    r"(?<![0-9一二三四五六七八九十两百])(?P<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})"
    r"(?P<u>天|个?星期|周|个月|年)(?:(?P<later>后|之后|以后)|前|之前|以前)"
    r"|\b(?P<n_>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2}))\s+"
    r"(?P<u_>(?i:days?|weeks?|months?|years?))\s+(?:(?i:ago)|(?P<later_>(?i:later))|(?P<earlier_>(?i:earlier)))\b"
)

# a month or day in a relative year: "April last year", "Dec. 5 of last year", "5 December
# this year" (the month alone would take the latest such month before publication)
REL_YEAR_WORDS = r"\s+(?:(?i:of)\s+)?(?P<yr>(?i:last|this|next))\s+(?i:year)\b"
DAY_REL_YEAR = r"\b(?P<mon>" + MONA + r")\.?\s+" + ED + r",?" + REL_YEAR_WORDS
DAY_FIRST_REL_YEAR = r"\b" + ED + r"\s+(?:of\s+)?(?P<mon>" + MON + r")" + REL_YEAR_WORDS
MONTH_REL_YEAR = r"\b(?P<mon>" + MON + r")" + REL_YEAR_WORDS

# the edge of a stated year: "the end of 2024", "the beginning of 2025", "year-end 2025",
# "end-2025", a bare "year-end" ("early 2024" / "late 2025" stay the year)
YEAR_EDGE = (
    r"\b(?:(?P<p>(?i:(?:the\s+)?(?:end|beginning|start|close)\s+of))\s+|(?i:end-))"
    r"(?P<y>(?:19|20)[0-9]{2})\b(?![-/.][0-9])"
    r"|\b(?i:year[- ]end)(?:\s+(?P<y_>(?:19|20)[0-9]{2})\b)?"
)
SAY = r"(?:指出|表示|称|说|宣布|透露|公布|发布|强调|召开|举行|签署|通过|发表|证实|回应|晚间?|下午|上午)"

# ---- whole rules too long to sit on one line of the table ----------------------------------------
# 2025-10-09, 2025/10/9, 2025.10.09 (the back-reference keeps one separator)
ISO_YMD = (
    r"(?<![0-9])" + EY + r"([-/.])(?P<m>1[0-2]|0?[1-9])\2(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
)
# "the first half of 2025 / of this year / of the year"
EN_HALF = (
    r"\b(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd|latter|former|back))\s+(?i:half)(?:\s+(?i:of)\s+(?:"
    + EY
    + r"|(?P<r>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))?"
)
# a bare 一季 / 二季 / 三季 ("一季精矿价格"); 四季 stays the four seasons
BARE_ZH_QUARTER = (
    r"(?<![0-9一二三四五六七八九十百每第个几数上下本今去前明同这单])(?P<q>[一二三])季(?![度节风候])"
)
EN_QUARTER = (
    r"\b(?:(?i:the)\s+)?(?P<q>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?i:quarter)"
    r"(?:\s+(?i:of)\s+(?:" + EY + r"|(?P<r>(?i:this|last|next))\s+(?i:year)|(?i:the\s+year)))?"
)
# "last quarter", "the previous quarter"
EN_REL_QUARTER = (
    r"\b(?P<r>(?i:last|this|next|(?:the\s+)?(?:previous|current|coming)))\s+(?i:quarter)\b"
)
# Australian fiscal wording: "the March quarter" (the calendar quarter ending that month)
QUARTER_ENDING = (
    r"\b(?:(?i:the)\s+)?(?P<mon>March|June|September|December)\s+"
    r"(?:(?P<y2>(?:19|20)[0-9]{2})\s+)?(?i:quarter)\b(?:\s+(?i:of)\s+" + EY + r")?"
)
# 上世纪八九十年代, 90年代, 八十至九十年代
ZH_DECADE = (
    r"(?:(?P<c>上个?世纪|二十世纪|20世纪|本世纪|二十一世纪|21世纪))?(?P<d1>[1-9]0|[一二三四五六七八九]十?)"
    r"(?:[、和至到与或\-—~～]?(?P<d2>[1-9]0|[一二三四五六七八九]十?))?年代"
)
# "last year", "the end of next year"
EN_REL_YEAR = (
    r"(?:(?:\b(?i:the)\s+)?\b(?P<e>(?i:end|close|beginning|start))\s+(?i:of)\s+)?"
    r"\b(?P<r>(?i:last|this|next|the))\s+(?i:year)\b"
)
# a bare year; "the Trade Expansion Act of 1962" names a law, not a date
EN_YEAR = (
    # "mid-2024" is the year, as "early 2024" is
    r"(?:(?<=[mM]id-)|(?<![A-Za-z0-9_$£€¥.,/\-]))(?<!Act of )(?<!Law of )"
    + EY
    + r"(?![A-Za-z0-9_%]|[.,][0-9])"
    # a sum or an amount in Chinese units (2066万元, 2030亿, 2025吨) is no year
    r"(?!\s*[万亿千百元吨股点])"
    # 2025第61号: a document's year and number (a 公告 without its prefix), not the year
    r"(?!\s*第\s*[0-9])"
    r"(?!\s*(?i:tons?|tonnes?|metric|percent|yuan|dollars|billion|million|thousand|kg|mw|gw)\b)"
)
# 上周, 本周三, 下个星期 (not 本周期, 上周年, 本周边)
ZH_REL_WEEK = r"(?P<r>上上|下下|上|本|这|下)个?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])?(?!期|年|边|围|刊|岁|末)"
# a bare 周三 / 星期五 (not 周一直, 礼拜天样)
ZH_WEEKDAY = (
    r"(?<![上本这下每])(?:周|星期|礼拜)(?P<w>[一二三四五六日天])(?![直样致般切定些同旦度体边个])"
)
# 上周五（10日）, 下周三 (22 日): the week's day; the bracketed day of month only repeats it
ZH_REL_WEEKDAY_BRACKET = (
    r"(?P<r>上|本|这|下)个?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])\s*[（(]\s*"
    r"(?P<d>3[01]|[12][0-9]|0?[1-9])\s*(?:[）)]\s*[日号]|[日号]\s*[）)])"
)
REL_DAY = (
    r"(?:今天|今日|昨天|昨日|前天|明天|明日|\b(?i:today|yesterday|tomorrow)\b)(?![（(])"
    # 昨晚 / 今早 / 前晚 / 明早, and 前日 (the day before yesterday, as Hong Kong and
    # formal texts write; not 此前日本 "before, Japan", nor 前日本首相 "former")
    r"|昨(?:晚|夜|晨|早)|今(?:早|晨|晚|夜)(?!间)|前晚|明(?:早|晚)"
    # a bare 昨 before a verb ("主任昨指出", "昨宣布") and 前日 (the day before yesterday)
    # before a verb or 在 ("前日公布", not 会议前日 "the day before the meeting" nor 此前日本)
    r"|昨(?=" + SAY + r")|前日(?=在|" + SAY + r")"
)
# a bare day of the month: 9日, 廿三日 (not 日线, 日内, 日公司 - but 14日公布 is a date)
ZH_DAY = (
    r"(?<![0-9月第.])(?P<d>3[01]|[12][0-9]|0?[1-9]|廿[一二三四五六七八九]?|卅一?)"
    + S
    + r"[日号](?![线楼院文令]|内|公(?!布|告))"
)
# 今（9）日, 周五 (7 日)
ZH_BRACKET_DAY = (
    r"(?:[今昨前明]|(?:周|星期|礼拜)[一二三四五六日天])\s*[（(]\s*(?P<d>3[01]|[12][0-9]|0?[1-9])"
    r"\s*(?:[）)]\s*[日号]|[日号]\s*[）)])"
)
# 今日（1/20）: the month and day in brackets
ZH_BRACKET_MONTH_DAY = (
    r"(?:今日|今天|今|昨日|昨天|昨|(?:周|星期|礼拜)[一二三四五六日天])\s*[（(]\s*"
    r"(?P<m>1[0-2]|0?[1-9])\s*/\s*(?P<d>3[01]|[12][0-9]|0?[1-9])"
    r"\s*[）)]"
)
# 当天, 同日, 即日起, "the same day", "with immediate effect": the date of an earlier mention
ANAPHOR = (
    r"(?:当月|同月|当天|当日|同日|同一天|即日起?|当晚|自?(?:公布|发布|公告|印发|颁布)之?日起"
    r"|\b(?i:the\s+same\s+day|that\s+day|on\s+the\s+day|effective\s+immediately"
    r"|the\s+same\s+month|that\s+month"
    r"|with\s+immediate\s+effect))"
)
# "the previous day", "a day later" (not "the day before the vote")
EN_REL_ANAPHOR = (
    r"\b(?i:the\s+(?:previous|following|next)\s+day|a\s+day\s+(?:earlier|later)"
    r"|the\s+day\s+before(?!\s+(?:the|a|an|its|his|her|their|[A-Z0-9])))\b"
)
# 三个月, 两年多, 10天以内 (not 14日公布, a date)
ZH_DURATION = (
    r"(?<![0-9第一二三四五六七八九十百两几数半多])(?P<n>[0-9]{1,3}|[一二三四五六七八九十百两几数半]{1,4})多?"
    r"(?P<u>个多?月|个星期|个礼拜|年|周|天|日(?!公布|发布|宣布|电|讯|起|晚|早|凌晨|上午|下午)|小时|星期)"
    r"(?:多|以上|以内|之内|之久|左右|有余|内|来|以来)?"
)
EN_DURATION = (
    r"\b(?P<n>(?i:" + ENUM[3:-1] + r"))(?:\s*(?:to|-|–|or)\s*(?i:" + ENUM[3:-1] + r"))?[\s-]+"
    r"(?P<u>(?i:years?|months?|weeks?|days?|decades?|hours?))\b"
)
# reporting periods: "the six months to December", "nine months ended September 30, 2025",
# "the three months ended Sept. 30"
EN_MONTHS_TO = (
    r"\b(?:(?i:the)\s+)?(?P<n>[0-9]{1,2}|(?i:three|six|nine|twelve))[\s-]+(?i:months?)"
    r"\s+(?i:to|ended|ending|through)\s+(?P<mon>"
    + MONA
    + r")\.?(?:\s+(?:3[01]|[12][0-9]|0?[1-9]),?)?"
    r"(?:\s+" + EY + r")?\b"
)
# "on the 9th." - a bare ordinal day of the month (never "the 14th Five-Year Plan")
ON_THE_DAY = (
    r"(?<=\b[oO]n )(?i:the)\s+(?P<d>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)\b(?=\s*(?:[.,;:)]|$))"
)
# the year so far, when it says "this year": 今年以来, 年初至今, "so far this year" (not a
# bare "year-to-date", whose year is often another one: "year-to-date ... as of October 2023")
YEAR_SO_FAR = (
    r"(?:今年|年初)(?:以来|至今)|(?i:\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+far\b)"
)
