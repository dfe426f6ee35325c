"""Regex patterns of the everyday phrasings of the temporal resolver (issue 10, probing rounds
and the ninth and tenth held-out sets): public holidays, seasons, weeks and halves of a month,
"the week before last", lists of days, Taiwan's ROC years, Chinese-numeral days, "a day after".

Built from the building blocks of :mod:`reequity.events._date_patterns`; the handlers live in
:mod:`reequity.events._holidays`, :mod:`reequity.events._phrase_handlers` and
:mod:`reequity.events._span_handlers`.
"""

from __future__ import annotations

from reequity.events._date_patterns import (
    ED,
    EY,
    MON,
    MONA,
    SAY,
    WD,
    ZD,
    ZM,
    ZY,
    ZYR,
    S,
)

# public holidays (see reequity.events._holidays): 国庆节后, 2024年春节假期前, 春节期间, 元旦
ZH_HOLIDAY = (
    r"(?:(?<![0-9])(?P<y>"
    + ZY
    + r")"
    + S
    + r"年"
    + S
    + r"|(?<![目之提以此当先向日基成资版相每])(?P<ry>今|去|明)年)?"
    r"(?P<hol>国庆黄金周|国庆节?|春节|元旦|黄金周)(?:假期|小长假|长假|黄金周)?"
    r"(?P<rel>前夕|前后|之前|以前|前(?![往景者进提])|之后|以后|过后|后|期间)?"
)
# "after the Lunar New Year holiday", "ahead of the 2024 Spring Festival", "Golden Week"
# ("National Day" only as China's or as a holiday: other countries have one too)
EN_HOLIDAY = (
    r"\b(?:(?P<rel>(?i:after|before|ahead\s+of|during|over))\s+)?(?:(?i:the)\s+)?(?:"
    + EY
    + r"\s+)?"
    r"(?P<hol>Lunar\s+New\s+Year|Chinese\s+New\s+Year|Spring\s+Festival"
    r"|(?:China's\s+|Chinese\s+)?National\s+Day(?=\s+(?i:holidays?|break|golden\s+week))"
    r"|China's\s+National\s+Day|(?:Japan's\s+|Japanese\s+)?Golden\s+Week)"
    r"(?:\s+(?i:golden\s+week|holidays?|break))?\b"
)

# ---- everyday phrasings (see reequity.events._phrase_handlers) ---------------------------------
_SEASON = r"(?P<s>(?i:spring|summer|autumn|fall(?!\s+(?:in|of|was|is|has|from|to|back)\b)|winter))"
# "last summer", "this spring", "over the summer", "in the spring"
EN_REL_SEASON = (
    r"\b(?P<r>(?i:last|this|next|(?:the\s+)?(?:past|coming)|(?:over|during|in|through)\s+the))\s+"
    + _SEASON
    + r"\b"
)
EN_YEAR_SEASON = r"\b(?:(?i:the)\s+)?" + _SEASON + r"\s+(?:(?i:of)\s+)?" + EY + r"\b"
# 今年春天, 去年冬季, 2024年夏天 (not 今年春节, 春装, 春运, 秋粮, 冬播)
ZH_SEASON = ZYR + r"(?P<s>春|夏|秋|冬)(?:天|季)?(?![节装运粮播耕收游])"
# 今春, 去冬, 明夏 (not 如今, 至今, 过去, 清明)
ZH_SHORT_SEASON = (
    r"(?<![如至迄而当自从古过失离清光说表证透鲜声])(?P<ry>今|去|明)(?P<s>春|夏|秋|冬)"
    r"(?![节装运粮播耕收游天季])"
)
# "the first week of March", "the last week of September 2024"
EN_WEEK_OF_MONTH = (
    r"\b(?:(?i:the)\s+)?(?P<n>(?i:first|second|third|fourth|last|final|1st|2nd|3rd|4th))\s+"
    r"(?i:week)\s+(?i:of|in)\s+(?P<mon>" + MON + r")(?:,?\s+" + EY + r")?\b"
)
# 3月第一周, 2025年3月的第二个星期, 9月最后一周
ZH_WEEK_OF_MONTH = (
    r"(?:" + ZYR + r")?(?<![0-9.])(?P<m>" + ZM + r")" + S + r"月份?的?"
    r"(?:第(?P<n>[一二三四1-4])个?|最后一个?)(?:周|星期|礼拜)"
)
# "the second half of September", "the first half of October 2024"
EN_HALF_OF_MONTH = (
    r"\b(?:(?i:the)\s+)?(?P<h>(?i:first|second|1st|2nd|latter))\s+(?i:half)\s+(?i:of)\s+"
    r"(?P<mon>" + MON + r")(?:,?\s+" + EY + r")?\b"
)
# 9月上半月, 2024年10月下半月, 本月下半月
ZH_HALF_OF_MONTH = (
    r"(?:(?:" + ZYR + r")?(?<![0-9.])(?P<m>" + ZM + r")" + S + r"月份?|(?P<rm>本|上|下)个?月)?"
    r"(?P<h>上|下)半月"
)
# "the first of October", "the fifteenth of March" (ordinal words, as British copy writes them)
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
    "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth",
    "twenty-ninth", "thirtieth", "thirty-first",
)  # fmt: skip
ORDINAL_WORDS = {word: day for day, word in enumerate(_ORDINALS, start=1)}
EN_ORDINAL_DAY = (
    r"\b(?:(?i:the)\s+)?(?P<dw>(?i:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"))"
    r"\s+(?i:of)\s+(?P<mon>" + MON + r")(?:,?\s+" + EY + r")?\b"
)
# "the week before last", "the month after next"
EN_BEFORE_LAST = (
    r"\b(?i:the)\s+(?P<u>(?i:week|month|year))\s+(?P<r>(?i:before\s+last|after\s+next))\b"
)
# "Tuesday last week", "Friday of next week": that day of the previous (next) calendar week
EN_WEEKDAY_OF_WEEK = (
    r"\b(?:(?i:on)\s+)?(?P<w>"
    + WD
    + r")\s+(?:(?i:of)\s+)?(?P<rw>(?i:last|this|next))\s+(?i:week)\b"
)
# 后年, the year after next (not 今后 / 此后 / 之后 / 以后 / 然后 / 最后 ...)
ZH_YEAR_AFTER_NEXT = r"(?<![今此之以然最落背前随其日午战过先])(?P<ry>后)年(?![代龄级轻纪度])"
# a list of days of one month: "March 3 and 4", "March 3, 4 and 5", 3月3日、4日, 3月3日和5日
EN_DAY_LIST = (
    r"\b(?P<mon>"
    + MONA
    + r")\.?\s+"
    + ED
    + r"(?:\s*,\s*(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?)*"
    r",?\s+(?:and|&)\s+(?P<d2>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b"
    r"(?!\s*(?:%|percent|per\s+cent|million|billion|tons?|tonnes|[.,]?[0-9]))(?:,?\s+"
    + EY
    + r"\b)?"
)
ZH_DAY_LIST = (
    r"(?:"
    + ZYR
    + r")?(?<![0-9.])(?P<m>"
    + ZM
    + r")"
    + S
    + r"月"
    + S
    + r"(?P<d>"
    + ZD
    + r")"
    + S
    + r"[日号]"
    r"(?:"
    + S
    + r"[、和及与]"
    + S
    + r"(?:"
    + ZD
    + r")"
    + S
    + r"[日号])*"
    + S
    + r"[、和及与]"
    + S
    + r"(?P<d2>"
    + ZD
    + r")"
    + S
    + r"[日号]"
)
# rarer relative days, each gated by its own words: 大前天 / 大后天, "the day before yesterday",
# "this morning", "tonight", "last night"
ZH_REL_DAY3 = r"大前天|大后天"
EN_REL_DAY_PART = (
    r"\b(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|this\s+(?:morning|afternoon|evening)"
    r"|tonight|last\s+night)\b"
)
# Taiwan's Republic of China years: 民国114年10月9日, 114年10月9日 (a three-digit year before a
# month is an ROC year: 1911 + 114 = 2025), 民國99年
ROC_DATE = (
    r"(?:民国"
    + S
    + r"(?P<roc>[1-9][0-9]?|1[0-4][0-9])|(?<![0-9])(?P<roc3>1[0-4][0-9]))"
    + S
    + r"年"
    r"(?:"
    + S
    + r"(?P<m>"
    + ZM
    + r")"
    + S
    + r"月(?:"
    + S
    + r"(?P<d>"
    + ZD
    + r")"
    + S
    + r"[日号])?)?"
)
# "mid-year", "mid-month"
EN_MID = r"\b(?P<p>(?i:mid))[- ]?(?P<u>(?i:year|month))\b"
# a day of the month in Chinese numerals, before its verb: 中国商务部六日宣布, 自十六日起 (a
# bare 六日 elsewhere is often "six days": 六日游)
ZH_NUMERAL_DAY = (
    r"(?<![0-9一二三四五六七八九十廿卅月第周期拜每前后这那当同次翌今昨明几数多半])"
    r"(?P<d>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])日"
    r"(?=起|" + SAY + r"|在|晚|凌晨|致电|通话|会见|会谈|启动|实施|开始|正式|下达)"
)
# a span of years closed by a month range: 2008年-2010年1-10月份 (one record period)
YEAR_SPAN_MONTHS = (
    r"(?P<y>"
    + ZY
    + r")"
    + S
    + r"年?"
    + S
    + r"(?:至|到|-|–|—|~|～)"
    + S
    + r"(?P<y2>"
    + ZY
    + r")"
    + S
    + r"年"
    + S
    + r"(?P<m>"
    + ZM
    + r")"
    + S
    + r"(?:月份?)?"
    + S
    + r"(?:至|到|-|–|—|~|～)"
    + S
    + r"(?P<m2>"
    + ZM
    + r")"
    + S
    + r"月份?"
)
# "a day after Washington's crackdown": that happening was the day before the nearest date
# ("two days after", "a week after"); not "a day after that", which counts forward
EN_DAYS_AFTER = (
    r"\b(?P<n>(?i:a|one|two|three|four|five|six|seven))\s+(?P<u>(?i:days?|weeks?))\s+(?i:after)\b"
    r"(?!\s+(?i:that|this|it|which|the\s+(?:announcement|decision|move)\s+(?:was|is)))"
)
# 2010年同期, 2024 年同期: the same period of a stated year
ZH_YEAR_SAME_PERIOD = r"(?P<y>" + ZY + r")" + S + r"年" + S + r"同期"
# a bare 年底 / 年初 / 年末 (not 去年底, 每年底, 多年初 ...)
ZH_BARE_YEAR_EDGE = r"(?<![0-9〇○零一二三四五六七八九十今去前明同本上当后每全多几数往历近逐跨新百千万周])年(?P<yp>初|底|末|尾)"


def _zh_point(i: int) -> str:
    """A stated day or quarter of a stated year, its groups numbered ``i``."""
    return (
        rf"(?P<y{i}>{ZY}){S}年{S}(?:(?P<m{i}>{ZM}){S}月{S}(?P<d{i}>{ZD}){S}[日号]"
        rf"|第?(?P<q{i}>[一二三四1-4]){S}季度?)"
    )


# two stated days or quarters joined by 至 / 到 / a dash: one span ("2022年5月12日至2047年5月12日",
# "2023年第2季至2024年第3季"), as "2008年至2010年" is
ZH_DATE_RANGE = _zh_point(1) + S + r"(?:至|到|—|–|~|～|-)" + S + _zh_point(2)
