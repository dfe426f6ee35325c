"""What a date does in its sentence: document number, report date, dateline, period, future.

These rules read the text around a candidate date (Simplified script, ASCII digits, see
:mod:`reequity.events._text`) and decide whether it is

* part of a **document number** - 公告（2025）第70号, 公告2025年第61号, "No. 18 [2025]",
  工信部联原〔2023〕245号, "Regulation (EU) 2024/1252": not a date at all;
* a **report date** - the day a source said or reported something ("trading firms said
  Wednesday", "据共同社周六报道", "Reuters reported on Saturday"), the day a spokesperson or
  official spoke ("发言人…6日在发布会上说", "对记者说", "told reporters on Tuesday", "the
  minister said in a media release on Monday"), the day a firm or analyst spoke ("金力永磁11日
  表示"), the date of a claim about what someone else
  would do ("a fact sheet released last week claimed Beijing would ..."), a denial ("denied on
  Thursday", "9日否认"), words that repeat earlier ones ("本月4日也说"), words spoken to the
  press ("Speaking to reporters on Tuesday", "a spokesperson on Thursday described") or a
  reaction ("On Friday, the foreign ministry criticised ...", "13日批评", "表示关切"), or a **dateline**
  ("上海7日电", "BEIJING, Dec 27 (Reuters) -", "SYDNEY, May 18 —"), which is the publication
  date, or the date of a business chamber's letter or statement about a policy ("美国商会3月2日
  致信商务部", "the chamber wrote on Monday"): kind ``report``;
* a **period** - a quota batch, a statistics period or a fiscal period ("2023年第三批 ...
  指标", "2023年度", "the 2024 output", "9月稀土出口4000吨", "较8月", "the March quarter
  revenue", "始自7月1日的本财年"), a range ("2008年至2010年", "1-10月份", "from 2008 to
  2010") or a comparison base ("down from last year", "this year's quota", "低于2010年水平"):
  kind ``period``;
* in a **future** clause ("will be unveiled on Monday", "expected in June", "expects to ... in
  June", "a meeting to be held on July 10", "once it takes effect in July", "likely in
  August", "将于10月20日公布", "said it would impose ... in December", "may tighten ... in
  November", "is weighing curbs starting in November", "可能在11月", "或将于12月"):
  a yearless date resolves forward and the mention is never an event.

A ``said`` date is a report date only when the speaker is a source (firms, traders, officials,
a news agency ...); "the Ministry of Commerce said on Tuesday it has set quotas" dates the
ministry's own announcement.
"""

from __future__ import annotations

import re

from reequity.events.classify import actors_in

__all__ = ["doc_number_spans", "failed_plan", "is_future", "is_generic", "report_role", "is_period"]

_Y = r"(?:(?:19|20)[0-9]{2}|[一二][〇○零一二三四五六七八九]{3})"  # 2002 or 二○○二
_DOC = re.compile(
    r"公告\s*[（(〔\[【]?\s*" + _Y + r"\s*[）)〕\]】]?\s*年?\s*第?\s*[0-9]+\s*号"
    r"|"
    + _Y
    + r"\s*年\s*第\s*(?:[0-9]+|[一二三四五六七八九十百〇○零]+)(?:\s*[、,，和及]\s*[0-9]+)*\s*号"
    r"|[（(〔\[【]\s*" + _Y + r"\s*[）)〕\]】]\s*(?:第\s*)?[0-9]+\s*号"
    r"|\bNos?\.?\s*[0-9]+(?:\s*(?:[-–,]|and|to)\s*[0-9]+)*\s*(?:\[\s*"
    + _Y
    + r"\s*\]|\(\s*"
    + _Y
    + r"\s*\)|,?\s+of\s+"
    + _Y
    + r"\b)"
    r"|\[\s*" + _Y + r"\s*\]\s*No\.?\s*[0-9]+"
)
# EU acts: "Regulation (EU) 2024/1252", "(EU) No 1252/2024", a bare "2024/1252" (a month has at
# most two digits, so "2024/10" stays a date). A separate pass, run only on a text with a "/".
_EU_DOC = re.compile(
    r"\((?:EU|EC|EEC)\)\s*(?:No\.?\s*)?[0-9]{1,4}/[0-9]{1,5}"
    r"|(?<![0-9/])(?:19|20)[0-9]{2}/[0-9]{3,5}(?![0-9/])|\bNo\.?\s*[0-9]{1,5}/(?:19|20)[0-9]{2}\b"
)


def doc_number_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of document numbers in ``text`` (dates inside them are dropped)."""
    spans = []
    if "号" in text or "No" in text or "〔" in text:
        spans = [m.span() for m in _DOC.finditer(text)]
    if "/" in text:
        spans.extend(m.span() for m in _EU_DOC.finditer(text))
        spans.sort()
    return spans


# ---- recurring rules ---------------------------------------------------------------------------
# "每月10日前将上月流向信息录入系统", "report each month the previous month's output": a day or
# a relative period inside a recurring rule names every month, not a date
_RECURRING = re.compile(
    r"每个?月|每个?季度?|每一?年|每个?(?:周|星期)"
    r"|(?i:\b(?:each|every)\s+(?:month|quarter|year|week)\b|\b(?:monthly|quarterly|annually)\b)"
)
_RECURRING_DAY = re.compile(r"每个?月\s*$")
_RELATIVE_UNIT = re.compile(
    r"(?:上|下|本)个?(?:月|季度?|年度?|周)"
    r"|(?i:(?:the\s+)?(?:previous|prior|preceding|following|next)\s+(?:month|quarter|year|week)\b)"
)


def is_generic(text: str, lo: int, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` stands for every period of a recurring rule (上月 after
    每月, the 10日 of 每月10日前) rather than for one date."""
    if _RECURRING_DAY.search(text, max(lo, start - 4), start):
        return True
    return bool(_RELATIVE_UNIT.fullmatch(text, start, end)) and bool(
        _RECURRING.search(text, lo, start)
    )


# ---- future ------------------------------------------------------------------------------------
_FUTURE_LEFT = re.compile(
    r"将于|将在|将会|将要|即将|不会在|不会于|拟于|拟在|计划于|计划在|预计|有望|届时|下周|下个?月|明年"
    r"|将(?=[^，。；]{0,6}(?:公布|发布|实施|生效|举行|推出|出台|宣布|召开|启动|举办|到期|公开))"
    # modals and plans: "可能在11月", "或将", "考虑…", "could announce as early as Friday",
    # "said it would impose ... in December", "is weighing curbs starting in November"
    # (考虑 / 酝酿, not 考虑到 "given that"; 研究 only as 正在研究, not 研究院 "institute")
    r"|可能(?:在|于|会|将)|或(?:将|于|在)|(?:考虑|酝酿)(?!到)|正在?研究"
    # a plan right before its date: "规划下半年赴美探勘", "打算明年"
    r"|(?:规划|计划|打算|准备)(?=\s*$)"
    r"|\b(?:would|could|may|might)\b"
    r"|(?i:\bas\s+(?:early|soon)\s+as\b|\b(?:is|are|was|were)\s+(?:weighing|considering|mulling|"
    r"studying|exploring|preparing)\b)"
    r"|(?i:\b(?:will|shall|is\s+to|are\s+to|(?:is|are)\s+(?:due|set|scheduled|expected|slated|"
    r"poised|likely)\s+to|(?:was|were)\s+due\s+to|expected\s+(?:in|on|by|to|later|next|around)|"
    r"(?:due|scheduled|slated)\s+"
    r"(?:for|on|in)|(?:listed|set)\s+for|plans?\s+to|planned\s+for|upcoming|(?:expects?|aims?|intends?|hopes?)\s+to|"
    # "restart ..., likely in August", "once it takes effect in July"
    r"likely\s+(?:in|on|by|from)|once\s+(?:[\w-]+\s+){0,5}?(?:takes?\s+effect|comes?\s+into)|"
    # present tense: "the rules take effect on December 1", "enters into force on June 3"
    r"(?:take|takes|come|comes|go|goes)\s+into\s+(?:force|effect)|takes?\s+effect|enters?\s+into\s+force|"
    # "a meeting to be held on July 10", "rules to be published in June"
    r"to\s+be\s+(?:held|announced|published|released|unveiled|implemented|introduced|imposed|"
    r"issued|signed|launched|completed|decided|considered))\b)"
)
_PAST_BETWEEN = re.compile(
    r"已|曾|了|宣布的|公布的|发布的|发出的|(?i:\b(?:announced|imposed|introduced|issued|said|was|"
    r"were|had|did|took|launched|began|started|signed|agreed|met|held|released|published)\b|"
    r"\b(?:it|they|which|that|Beijing|China)\s+set\b)"
)
_FUTURE_RIGHT = re.compile(r"\s*(?:起?将|拟|计划|预计|有望|或将|前将)")


def is_future(text: str, lo: int, start: int, end: int, hi: int) -> bool:
    """Whether the clause ``text[lo:hi]`` puts the date at ``start:end`` in the future."""
    if _FUTURE_RIGHT.match(text, end, min(hi, end + 6)):
        return True
    last = None
    for last in _FUTURE_LEFT.finditer(text, lo, start):  # noqa: B007 - keep the nearest marker
        pass
    return last is not None and not _PAST_BETWEEN.search(text, last.end(), start)


def failed_plan(text: str, end: int, hi: int) -> bool:
    """Whether a future-marked date ("planned for late February") is that of a plan that then
    failed ("... collapsed"): a past date, and no event."""
    return bool(_PLAN_FAILED.match(text, end, min(hi, end + 24)))


# "a signing planned for late February collapsed", "原定2月底的签约告吹": a plan that failed
# is in the past, whatever its marker says
_PLAN_FAILED = re.compile(
    r"(?i:\s+(?:(?:that|which)\s+)?(?:collapsed|fell\s+through|failed|(?:was|were)\s+(?:cancelled|canceled|called\s+off|"
    r"scrapped|shelved|derailed|postponed)))\b|[^，。；]{0,8}?(?:告吹|被取消|流产|搁浅)"
)


# ---- report dates and datelines ----------------------------------------------------------------
_SOURCES = frozenset(
    ["firms", "firm", "houses", "traders", "trader", "sources", "source", "official", "officials", "executive", "executives", "analysts", "analyst", "people", "insiders", "media", "newspaper", "paper", "agency", "news", "reuters", "bloomberg", "kyodo", "nikkei", "xinhua", "ap", "afp", "sputnik", "journal", "times", "post", "survey", "brokers", "dealers", "participants", "diplomats", "observers", "residents"]
)  # fmt: skip
# people who speak about a policy rather than enact it: "Prime Minister X said on Monday",
# "a ministry spokeswoman said Tuesday" (any of the last few words before the verb)
_SPEAKERS = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "spokespeople", "minister", "secretary", "premier", "president", "chancellor", "ambassador", "envoy", "commissioner", "representative", "ceo", "chairman", "chairwoman", "director", "lawmaker", "lawmakers", "senator"]
)  # fmt: skip
_EN_REPORT = re.compile(
    r"(?i:\b(?P<verb>said|says|reported|reports|wrote|revealed|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)"
    r"{0,3}|told\s+(?:reporters|journalists|(?:a|the)\s+(?:news\s+|press\s+)?(?:briefing|conference))"
    # a restatement repeats or defends a policy on that day, whoever speaks (like 重申)
    r"|reiterated|restated|reaffirmed"
    # a press question: "when asked on Thursday", "asked by reporters on Monday" (like 有记者问)
    r"|when\s+asked|asked\s+by\s+(?:reporters|journalists))"
    # "said in a media release on Monday", "said at a regular briefing on Thursday": the
    # speaker test below still decides (a ministry announcing at its briefing dates a policy)
    r"(?:\s+(?:in|at)\s+(?:a|an|its|his|her|their|the)\s+(?:[\w-]+\s+){0,2}?(?:release|statement|"
    r"interview|briefing|conference|note|post|speech))?"
    r"\s+(?:(?:late|early)\s+)?(?:on\s+)?)$"
)
# "a fact sheet released last week had claimed Beijing would issue ...": the date of a claim
# about what someone else would do is the claim's date, not the policy's
_EN_CLAIM_RIGHT = re.compile(
    r"[^,;.]{0,30}?\b(?:claimed|claims|suggested|insisted|argued|asserted)\b"
    r"(?:\s+that)?(?:\s+[\w.']+){1,3}?\s+(?:would|will)\b"
)
# "President X said on Friday he would impose an extra tariff": a leader or minister saying
# what he himself will do announces that policy (a threat is the event), unlike a spokesman
# describing it
_EN_OWN_ACT_RIGHT = re.compile(
    r"(?i:\s*(?:that\s+)?(?:he|she|it|they|we|the\s+(?:government|administration|ministry))\s+"
    r"(?:would|will|is\s+going\s+to|plans?\s+to|intends?\s+to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:impose|slap|levy|raise|hike|ban|restrict|halt|suspend|lift|introduce|tighten|scrap)\b)"
)
# "the ministry on Thursday reiterated that ...": the restatement's day, as on the left
_EN_RESTATE_RIGHT = re.compile(r"(?i:\s*(?:again\s+)?(?:reiterated|restated|reaffirmed)\b)")
_ZH_REPORT_RIGHT = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{0,6}?(?:社|网|媒体?|报|台|路透|彭博|共同|日经|新华|人士))?\s*[曾也]?"
    r"(?:报道|报导|披露|援引|引述|透露"
    # "电视台12日发表文章", "该报周日刊文": a paper's or a station's publication day
    r"|发表(?:了|一篇)?(?:署名)?(?:文章|评论|社论)|刊文|刊登|撰文)"
)
# "商务部今天宣称，…完全正当" / "外交部8日重申": a claim or a restatement defends or repeats a
# policy on that day; unlike 宣布/公布 these verbs never announce one, whoever speaks
_ZH_CLAIM_RIGHT = re.compile(
    r"\s*(?:再次|再度|也|又)?(?:宣称|声称|重申|否认)"
    # "商务部4日也说，…": words that repeat what was said before, not a new announcement
    r"|\s*(?:也|又|再次|再度)(?:说|表示|称|指出|强调)"
)
# "白宫于本周一发布不同解读，称…" / "the White House offered a different reading on Monday": an
# interpretation of a policy (whoever gives it) dates the reading, not the policy
_INTERPRET_RIGHT = re.compile(
    r"[^，。；]{0,4}?(?:发布|发表|给出|作出|做出)[^，。；]{0,8}?解读"
    r"|(?i:[^,;.]{0,12}?\b(?:gave|offered|published|issued|put\s+out)\s+(?:a|an|its|their|his|her)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:interpretation|reading)\b)"
)
# "On Thursday a ministry spokesman denied that ...", "... denied on Friday": a denial never
# enacts a policy, whoever speaks; a speaker named after a leading date ("On Tuesday, a
# spokeswoman said ...") dates the words, as "a spokeswoman said Tuesday" does
_EN_DENY = re.compile(r"(?i:\bden(?:ied|ies|ying)\b)")
_EN_SPEAKER_DENY = re.compile(
    r"(?i:[^.;]{0,40}?\bspokes(?:man|woman|person)\b[^.;]{0,40}?\b(?:had\s+)?den(?:ied|ies)\b)"
)
# words about a policy, not the policy: "Speaking to reporters on Tuesday, X said ...", "In an
# interview on Monday", "a spokeswoman on Thursday described ...", and reactions ("On Friday,
# the foreign ministry criticised the tariffs", "Tokyo on Monday urged Beijing to ...")
_EN_SPEAKING_LEFT = re.compile(
    r"(?i:\b(?:speaking|in\s+(?:an|a\s+(?:television|TV|radio))\s+interview)\b[^.;,]{0,40}?\s+(?:on\s+)?$"
    # (the names capitalised: "a spokesperson said that in April ..." names the act's month)
    r"|\bspokes(?:man|woman|person|people)\b(?-i:\s+[A-Z][\w.'’-]+){0,3}\s+(?:on\s+)?$)"
)
_EN_REACTION = (
    r"(?:criticis|criticiz|condemn|slammed|denounc|urged|called\s+on|warned|vowed|protested|"
    r"expressed\s+(?:concern|regret|opposition|dissatisfaction)|voiced\s+concern)"
)
_EN_REACTION_RIGHT = re.compile(r"(?i:\s*,?\s*(?:[\w.'’-]+\s+){0,6}?" + _EN_REACTION + r")")
_EN_REACTION_LEFT = re.compile(
    r"(?i:\b" + _EN_REACTION + r"\w*\b(?:(?!\band\b)[^.;,]){0,40}?\s+(?:on\s+)?$)"
)
# an intention to talk about a policy ("Japan said on Tuesday it would discuss the controls with
# Beijing", "经产省14日表示，将与中方就出口管制进行沟通") reacts to it; it is no act of its own
_EN_TALK_RIGHT = re.compile(
    r"(?i:\s*,?\s*(?:[\w.'’-]+\s+){0,5}?(?:would|will|plans?\s+to|intends?\s+to|wants?\s+to)\s+"
    r"(?:discuss|consult|communicate|raise|hold\s+talks|seek\s+(?:talks|dialogue|clarification))\b)"
)
_ZH_TALK_RIGHT = re.compile(
    r"[^。；]{0,8}?(?:表示|称|说)[，,]?\s*(?:将|会|希望|愿意?|准备)(?:与|同|和|向|就)[^。；]{0,24}?"
    r"(?:沟通|交涉|磋商|协商|对话|商讨|了解情况)"
)
_ZH_REACTION_RIGHT = re.compile(
    r"\s*[^，。；]{0,6}?(?:批评|谴责|抨击|敦促|呼吁|警告|抗议|表示(?:强烈)?(?:关切|不满|反对|遗憾))"
)
_EN_SPEAKER_RIGHT = re.compile(
    r"(?i:\s*,?\s*(?:[\w.'’-]+\s+){0,6}?(?:spokes(?:man|woman|person|people)|traders?|analysts?|"
    r"officials?|sources?|executives?)\b(?:\s+[\w.'’-]+){0,4}?\s+(?:said|says|told|denied|denies)\b"
    # ... but not a closing attribution ("China resumed exports on Friday, officials said.")
    r"(?!\s*(?:[.;,]|$)))"
)
# "... said their shipments had been halted": the words report an act of that time
_PAST_PERFECT_ACT = re.compile(
    r"(?i:\s+(?:that\s+)?(?:[\w'’-]+\s+){0,5}?had\s+been\s+(?:halted|suspended|stopped|blocked|cut\s+off|banned))"
)
_PAST_PERFECT_SAID = re.compile(
    r"(?i:\s+that\s+(?:[\w'’-]+\s+){0,10}?had\s+been\s+(?:halted|suspended|stopped|blocked|cut\s+off|banned))"
)
_ZH_ACCORDING = re.compile(r"据[^，。；]{0,16}$")
_ZH_ACCORDING_RIGHT = re.compile(r"[^，。；]{0,4}?(?:报道|报导|消息|称|透露|披露|援引|引述|发文)")
# 发言人X 6日在例行新闻发布会上说 / 接受媒体采访时表示 / 答记者问: the day a spokesperson spoke
_ZH_SPOKESPERSON_LEFT = re.compile(r"(?:发言人|负责人)[^，。；]{0,12}$")  # 有关负责人28日表示
_ZH_BRIEFING_RIGHT = re.compile(
    r"[^，。；]{0,12}?(?:发布会|记者会|吹风会|采访|答记者问|对记者|表示|称|说|指出|回应|强调)"
    # 发言人X 18日就稀土相关物项出口管制的最新进展表示: the topic can be long
    r"|\s*就[^，。；]{0,40}?(?:表示|回应|答问|说|指出|强调)"
)
# "官员8日对记者说", "8日在记者会上表示", "8日接受媒体采访时称": whoever speaks, a briefing
_ZH_BRIEFING_ANY_RIGHT = re.compile(
    r"[^，。；]{0,6}?(?:对记者(?:说|表示|称)|答记者问|有记者(?:提)?问"
    r"|在[^，。；]{0,10}(?:发布会|记者会|吹风会)上"
    r"|接受[^，。；]{0,8}采访|(?:召开|举行|主持)[^，。；]{0,6}(?:记者会|发布会|吹风会))"
)
# "金力永磁11日表示，…", "公司11日在互动平台上称": a company or analyst speaking about a policy
# dates its words; a government body or leader that 表示 something may be announcing policy
# ("特朗普8日表示将加征关税"), so only a speaker named as a firm or an analyst is a source
_ZH_SAY_RIGHT = re.compile(
    r"\s*(?:在[^，。；]{0,14}?(?:上|发文|撰文|发帖))?(?:表示|称|指出|回应|透露)"
)
_ZH_NON_GOVERNMENT = re.compile(
    r"公司|集团|股份|资源|永磁|磁材|矿业|科技|材料|分析师|研究员|机构|人士|专家|业内|券商|证券"
    r"|银行|董事长|总裁|总经理|编辑|主编|记者|评论员|推特|(?i:ceo)"
)
_ZH_GOVERNMENT = re.compile(
    r"部|局|署|委|院|政府|办公室|白宫|总统|总理|主席|当局|官方|中方|美方|日方|北京|华盛顿|发言人"
)
# ... unless the briefing is where the policy itself was announced ("7月3日在发布会上宣布")
_ZH_ANNOUNCE = re.compile(r"宣布|公布|发布(?!会)|决定|批准|下达|出台")
# "12月23日，据商务部网站消息，..." / "12月23日，商务部发言人接受采访时表示": a date that
# stands alone before its sentence's source dates that report
_ZH_LEAD_REPORT = re.compile(
    r"\s*[，,]\s*(?:据[^，。；]{0,20}(?:消息|报道|报导)|[^，。；]{0,16}发言人[^，。；]{0,12}"
    r"(?:发布会|记者会|吹风会|采访|答记者问|对记者)"
    r"|[^，。；]{0,12}(?:召开|举行|主持)[^，。；]{0,6}(?:记者会|发布会|吹风会)"
    r"|[^，。；]{0,20}(?:获悉|了解到))"  # "9月5日，记者从省经信委获悉": the day the paper learned
)
# a business chamber's or industry group's letter or statement about a policy ("中国欧盟商会
# 10月15日致信商务部，对出口管制表示关切", "the chamber wrote on Monday that the controls ..."):
# the date of a lobby's words, not of the policy
_CHAMBER = r"(?:商会|协会|联合会|行业组织|工商会|(?i:chambers?(?:\s+of\s+commerce)?|business\s+(?:groups?|lobby|associations?|councils?)|industry\s+(?:groups?|bodies|body|associations?)|trade\s+(?:groups?|associations?)|lobby\s+groups?))"
_CHAMBER_RX = re.compile(_CHAMBER)
_CHAMBER_LEFT = re.compile(_CHAMBER + r"[^，。；,.;]{0,40}?(?:于|在|(?i:\s+(?:on|in|dated)))?\s*$")
_CHAMBER_RIGHT = re.compile(
    r"[^，。；]{0,12}?(?:致信|致函|去信|写信|发函|来信|联名信|公开信|呼吁|表示关切|表达关切)"
    r"|(?i:[^.;]{0,40}?\b(?:(?:sent|wrote|published)\s+(?:a|an|an\s+open)\s+letter|letter\s+to|in\s+a\s+letter)\b)"
)
_DATELINE_RIGHT = re.compile(r"\s*(?:电|讯)|\s*\([A-Z][\w.&' -]{1,30}\)\s*(?:-|–|—)")
_DATELINE_LEFT = re.compile(r"^\s*[A-Z][A-Z .'/-]{2,40},(?:\s+[A-Z][a-z]+,)?\s*$")
# "SYDNEY, May 18 — Australian firm ...": a place in capitals opening the line, then the date
# and a dash (the clause split at the comma, so the place is looked for before the clause)
# ("WASHINGTON/BRUSSELS, March 13 --": two cities joined by a slash)
_DATELINE_PLACE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z .'/-]{2,40},(?:\s+[A-Z][a-z]+,)?\s*$")
_DATELINE_DASH = re.compile(r"\s*(?:—|–|--?)\s")
_BRACKET_DATELINE = re.compile(r"\)\s*(?:—|–|--?)\s")
# "WASHINGTON (Sputnik - 25th July, 2020)", "(Xinhua, Oct 24)": an agency's name and the date
# inside one bracket after the place are the dateline
_AGENCY_BRACKET_LEFT = re.compile(
    r"\(\s*[A-Z][\w.&'’]*(?:\s+[A-Z][\w.&'’]*){0,3}\s*(?:—|–|--?|,)\s*$"
)
_AGENCY_BRACKET_RIGHT = re.compile(r"\s*\)")
# "said in a March 13 press conference", "at a Thursday briefing", "a May 5 news conference":
# the day of the meeting with the press, a report (unless the act is announced there)
_EN_BRIEFING_RIGHT = re.compile(
    r"(?i:\s+(?:(?:regular|daily|weekly|joint|virtual)\s+)?(?:press|news|media)\s+"
    r"(?:conference|briefing|event)|\s+(?:regular\s+)?briefing)\b"
)
# "at a press conference in Beijing on July 18": the same day written after the meeting
_EN_BRIEFING_LEFT = re.compile(
    r"(?i:\b(?:press|news|media)\s+(?:conference|briefing)(?:\s+in\s+[A-Z][\w-]*)?\s+(?:on\s+)?$)"
)
# (an act named there: "said at a news conference on Thursday it will curb graphite exports")
_EN_ANNOUNCE_AFTER = re.compile(
    r"(?i:\b(?:announc|unveil|impos|introduc|launch|issu|curb|restrict|ban|tighten|halt|suspend"
    r"|lift)\w*\b)"
)
# "Malaysia will ban raw rare earth exports, the science minister said on Tuesday": a
# minister announcing his own government's act (the act, with no other actor as its subject,
# in the sentence before the speaker) dates it; "China will ..., a US official said" does not
_OWN_ACT_BEFORE = re.compile(
    r"(?i:\b(?P<subject>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\s+(?:will|would|is\s+to|plans?\s+to)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:impose|levy|raise|ban|restrict|halt|suspend|lift|introduce|tighten|"
    r"scrap|allow|approve)\b)"
)


_OTHER_ACT_AFTER = re.compile(
    r"\s*(?:that\s+)?(?:the\s+)?(?P<subject>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})\s+"
    r"(?:would|will|is\s+going\s+to|plans?\s+to|had\s+agreed\s+to|agreed\s+to)\b"
)


def _other_act_after(text: str, said: int, end: int, hi: int) -> bool:
    """Whether a speaker reports, after the date, what *another* actor will do."""
    act = _OTHER_ACT_AFTER.match(text, end, hi)
    if act is None:
        return False
    subject = actors_in(act["subject"])
    speaker = actors_in(text[max(0, said - 60) : said])
    return bool(subject and speaker and not set(subject) & set(speaker))


def _own_act_before(text: str, said: int) -> bool:
    """Whether the sentence before a speaker's "said" states an act of the speaker's side."""
    sentence_start = max(text.rfind(".", 0, said - 200 if said > 200 else 0), 0)
    lead = text[max(sentence_start, said - 200) : said]
    act = None
    for act in _OWN_ACT_BEFORE.finditer(lead):  # noqa: B007 - keep the nearest
        pass
    if act is None:
        return False
    subject, speaker = actors_in(act["subject"]), actors_in(lead[act.end() :])
    return not (subject and speaker and not set(subject) & set(speaker))


# "韩国产业通商部2日称，金正官1日同王文涛举行会谈": a saying whose words date an act of their own
# ("1日 ... 会谈") is the report of that act, not the act
# ("公司7月10日晚间公告，子公司于7月8日取得…": an announcement of an act dated on its own)
_ZH_SAY_OTHER_DATE = re.compile(
    r"\s*(?:晚间|盘后|早间|午间|晚|早)?(?:公告称?|称|表示|说|指出|透露|宣布)[，,：:]\s*[^，。；至到]{0,26}?"
    r"(?<![第0-9])(?:[0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})\s*[日号](?!前|以来)"
)
# "…今天在推特发文表示，「中国正在认真考虑限制稀土出口」": considering a measure is no act
_ZH_CONSIDER = re.compile(r"(?:正在|正|认真|考虑|研究|酝酿)[^。；]{0,4}?(?:考虑|研究|酝酿)")


_EN_SAYING_AFTER = re.compile(
    r"(?i:\s+(?:[\w.'’-]+\s+){0,8}?(?:told|said|says|warned|pledged|promised|assured|wrote)\b)"
)


_SENTENCE_STOP = re.compile(r"[.;!?。；！？\n]")


def _sentence_end(text: str, start: int) -> int:
    """The end of the sentence holding ``start`` (at most 160 characters on)."""
    stop = _SENTENCE_STOP.search(text, start, start + 160)
    return stop.start() if stop else min(len(text), start + 160)


def report_role(text: str, lo: int, start: int, end: int, hi: int) -> str | None:
    """``"dateline"``, ``"report_date"`` or None for the date at ``start:end`` of clause lo:hi."""
    if _DATELINE_RIGHT.match(text, end, min(hi + 3, end + 36)) or _DATELINE_LEFT.match(
        text[lo:start]
    ):
        return "dateline"
    if text[start - 1 : start] == "(" and _BRACKET_DATELINE.match(text, end, end + 6):
        return "dateline"  # "Asian Tech Press (Oct 24) -- Malaysia will ..."
    if _AGENCY_BRACKET_LEFT.search(text, max(0, start - 40), start) and _AGENCY_BRACKET_RIGHT.match(
        text, end, end + 3
    ):
        return "dateline"
    if (
        _EN_BRIEFING_RIGHT.match(text, end, hi)
        or _EN_BRIEFING_LEFT.search(text, max(lo, start - 50), start)
    ) and not _EN_ANNOUNCE_AFTER.search(
        text, end, _sentence_end(text, end)
    ):  # (the announcement may follow the clause: "At a May 5 briefing, X announced ...")
        return "report_date"
    if _DATELINE_DASH.match(text, end, end + 4) and _DATELINE_PLACE.search(
        text, max(0, start - 48), start
    ):
        return "dateline"
    if _CHAMBER_RX.search(text, max(lo, start - 60), start) and (
        _CHAMBER_LEFT.search(text, max(lo, start - 60), start)
        or _CHAMBER_RIGHT.match(text, end, hi)
    ):
        return "report_date"
    found = _EN_REPORT.search(text, max(lo, start - 80), start)
    if found is not None:
        verb = found["verb"].lower()
        if not verb.startswith(("said", "says")):
            return "report_date"
        words = re.findall(r"[A-Za-z]+", text[max(lo, found.start() - 40) : found.start()])
        speaker = any(w.lower() in _SPEAKERS for w in words[-5:])
        if words and (
            words[-1].lower() in _SOURCES
            or (not speaker and any(w.lower() in _SOURCES for w in words[-4:]))
        ):
            return "report_date"  # "residents of the area said on Thursday"
        if _PAST_PERFECT_SAID.match(text, end, hi):
            return "report_date"  # "said Friday that China's shipments ... had been halted"
        if _EN_TALK_RIGHT.match(text, end, end + 80):
            return "report_date"  # "Japan said on Tuesday it would discuss the controls"
        if speaker:
            if _EN_OWN_ACT_RIGHT.match(text, end, hi) or _own_act_before(text, found.start()):
                return None
            return "report_date"
        if _other_act_after(text, found.start(), end, hi):
            return "report_date"  # "The White House said on Friday China would suspend ..."
        return None
    if _EN_CLAIM_RIGHT.match(text, end, hi) or _EN_RESTATE_RIGHT.match(text, end, hi):
        return "report_date"
    # (a denial is never an act: "On Thursday a spokesman, X, had denied ...", past the comma)
    if _EN_DENY.search(text, max(lo, start - 60), hi) or _EN_SPEAKER_DENY.match(
        text, end, _sentence_end(text, end)
    ):
        return "report_date"
    speaker = _EN_SPEAKER_RIGHT.match(text, end, end + 120)
    if speaker is not None and not _PAST_PERFECT_ACT.match(text, speaker.end(), hi):
        return "report_date"  # (but "in September when traders said shipments had been halted")
    if (
        _EN_SPEAKING_LEFT.search(text, max(lo, start - 60), start)
        or _EN_REACTION_RIGHT.match(text, end, end + 80)
        or _EN_REACTION_LEFT.search(text, max(lo, start - 60), start)
        or _ZH_REACTION_RIGHT.match(text, end, min(hi, end + 12))
        or _ZH_TALK_RIGHT.match(text, end, end + 48)
    ):
        return "report_date"
    if _ZH_REPORT_RIGHT.match(text, end, min(hi, end + 14)):
        return "report_date"
    if text[end - 5 : end].lower() == "after" and _EN_SAYING_AFTER.match(text, end, hi):
        return "report_date"  # "a day after Rudd told his counterpart that ...": the words' day
    if _ZH_SAY_OTHER_DATE.match(text, end, end + 40):
        return "report_date"
    if _ZH_SAY_RIGHT.match(text, end, hi) and _ZH_CONSIDER.search(text, end, end + 40):
        return "report_date"
    if _ZH_CLAIM_RIGHT.match(text, end, min(hi, end + 6)):
        return "report_date"
    if _INTERPRET_RIGHT.match(text, end, hi):
        return "report_date"
    if (
        _ZH_SAY_RIGHT.match(text, end, hi)
        and _ZH_NON_GOVERNMENT.search(text, lo, start)
        and not _ZH_GOVERNMENT.search(text, lo, start)
    ):
        return "report_date"
    if (
        _ZH_BRIEFING_ANY_RIGHT.match(text, end, hi)
        or (
            _ZH_SPOKESPERSON_LEFT.search(text, max(lo, start - 16), start)
            and _ZH_BRIEFING_RIGHT.match(text, end, hi)
        )
    ) and not _ZH_ANNOUNCE.search(text, end, hi):
        return "report_date"
    lead = text[lo:start].rstrip()  # nothing before the date but, at most, a dateline
    if (
        (not lead or lead.endswith(("电", "讯")))
        and hi - end <= 1
        and _ZH_LEAD_REPORT.match(text, hi, hi + 40)
    ):
        return "report_date"
    if _ZH_ACCORDING.search(text, max(lo, start - 16), start) and _ZH_ACCORDING_RIGHT.match(
        text, end, min(hi, end + 8)
    ):
        return "report_date"
    return None


# ---- periods -----------------------------------------------------------------------------------
# a date followed at once by an act's verb dates the act, whatever figure follows
_ACT_VERB_RIGHT = re.compile(
    r"\s*(?:也|还|已|又|正式|再度|首次|就)?(?:宣布|公布|推出|批准|签署|提出|发布|出台)"
)
_PERIOD_RIGHT = re.compile(
    r"(?:度|\s*年度)"
    r"|\s*的?(?:第[一二三四五六七八九十0-9]+批|全年|前三季度)"
    r"|[^，。；]{0,10}?(?:配额|指标|出口量|进口量|产量|销量|出口额|进口额|总量|营收|营业收入|净利|财报|"
    r"年报|数据|统计|水平)"
    r"|[^，。；]{0,12}?[0-9][0-9.,]*\s*(?:万|亿)?[0-9.,]*\s*(?:吨|公吨|美元|元|%)"
    r"|[^，。；]{0,12}?(?:较|比)(?:上月|上年|去年|前一个?月|同期)"
    r"|[^，。；]{0,8}?出口(?:量|额)?(?:大幅)?(?:降|升|增|减|下降|上升|增长|减少|大增|锐减|下滑|回升)"
    # "6 月回升至高点": the figure of the sentence, its subject elided, rose or fell to a level
    r"|\s*(?:又|再|则|便)?(?:回升|回落|反弹|攀升|下滑|下跌|走高|走低|上升|下降)(?:至|到)"
    r"|[^，。；]{0,3}?(?:以来|来)[^，。；]{0,6}?(?:最高|最低|新高|新低)"
    r"|[^，。；]{0,8}?创[^，。；]{0,10}?(?:新高|新低|纪录|最高|最低)"
    r"|(?i:\s+quarter(?:ly)?\b|(?:'s|’s)?\s+(?:(?!(?:with|on|to|by|from|and|as|after|before|when|that|which|"
    r"for|of|in|at)\b)[\w-]+\s+){0,3}?(?:quotas?|output|production|exports?|imports?|"
    r"sales|revenue|earnings|profits?|results|figures|data|volumes?|shipments|budget|levels?)\b"
    # "the October export controls", "October export tightening" name a policy, not a volume
    r"(?!\s+(?:controls?|curbs|restrictions|tightening|bans?|limits|licen[cs]es?|rules|measures|"
    r"regime|regulations)\b))"
)
_CHANGE_NEXT = re.compile(
    r"[，,]?[^，。；]{0,30}?(?:环比|同比)|(?i:[,]?[^,;]{0,60}?\b(?:year|month)[- ]on[- ](?:year|month)\b)"
)
# a year or month that opens or closes a range ("2008年至2010年", "2008-2010年", "1-10月份",
# "from 2008 to 2010"): a span of statistics or record, not the date of something
_RANGE_RIGHT = re.compile(
    r"\s*(?:年|月份?)?\s*(?:-|–|—|~|～|至|到)\s*(?:[0-9]{1,4}|[一二三四五六七八九十]{1,3})\s*(?:年|月)"
    r"|(?i:\s+(?:to|through|and|-|–)\s+(?:19|20)[0-9]{2}\b)"
)
_RANGE_LEFT = re.compile(
    r"(?:[0-9]{1,4}|[一二三四五六七八九十]{1,3})\s*(?:年|月)?\s*(?:-|–|—|~|～|至|到)\s*$"
    r"|(?i:\b(?:between|from)\s+(?:19|20)[0-9]{2}\s+(?:to|and|through)\s+$|(?:19|20)[0-9]{2}\s*[-–]\s*$)"
)
_PERIOD_LEFT = re.compile(
    r"(?:较|比|同比|环比|相比|低于|高于|少于|多于|超过|不及|相当于)\s*$"
    # "稀土出口在6月回升", "exports rebounded sharply in June", "fell 7% in May": a figure's month
    r"|(?:出口|进口|产量|销量|价格|出货)(?:量|额)?(?:在|于)\s*$"
    r"|(?i:\b(?:exports?|imports?|shipments|output|production|prices?|sales)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:rose|fell|rebounded|recovered|dropped|jumped|slumped|climbed|declined|increased|"
    r"decreased|surged|plunged)\s+(?:[\w%.,]+\s+){1,3}?in\s+$)"  # a figure or adverb: "fell 7% in"
    r"|(?i:\b(?:revenue|sales|output|profits?|earnings|quotas?)\s+"
    r"(?:[\w$.,-]+\s+)?(?:for|in|during|of|over)\s+(?:the\s+)?$"
    r"|\b(?:first|last|past)\s+(?:[\w-]+\s+)?(?:months?|weeks?|quarters?|half)\s+of\s+(?:the\s+)?$"
    r"|[0-9][0-9.,]*\s*(?:m|bn|b|million|billion|tonnes?|tons?|t|%|percent)\s+(?:in|for|during)\s+"
    r"(?:the\s+)?$|\b(?:fiscal|financial\s+year|FY)\s*$"
    # "down from last year", "higher than in 2010", "compared with 2011": a comparison base
    r"|\b(?:compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:in\s+|the\s+)?$"
    r"|\b(?:down|up|higher|lower|more|less|fewer|above|below|rise|rises|rose|fell|falls|increase|"
    r"increased|decrease|decreased|decline|declined|drop|dropped|cut)\b(?:\s+[\w%.,]+){0,4}?\s+"
    r"(?:from|than|on|over)\s+(?:in\s+|the\s+)?$)"
)
_PERIOD_GRANULARITIES = frozenset({"month", "quarter", "half", "year"})
# a date followed by "regarding X" and an act about it (就…申诉, 针对…发表声明): X (a quota, a
# volume) is what the act is about, not a statistics period the date belongs to
_TOPIC_ACT_RIGHT = re.compile(
    r"\s*(?:就|针对|关于|对于)[^，。；]{0,30}?(?:申诉|起诉|诉讼|投诉|诉诸|提出|提起|磋商|发表|回应|表态|声明|抗议)"
)


# "始自7月1日的本财年", "the fiscal year starting July 1": the date bounds a fiscal year
_FISCAL_RIGHT = re.compile(
    r"[^，。；]{0,4}?(?:的|开始的|起的)?(?:本|新|上|下一?)?(?:财年|财政年度|会计年度)"
)
_FISCAL_LEFT = re.compile(
    r"(?i:\b(?:fiscal|financial)\s+year\s+(?:starting|beginning|from)\s+(?:on\s+)?$)"
)


# "早在2001年就列入…目录", "as early as 2001": a year given as the background of a state, not
# the date of an act (a day or month after 早在 still dates one: "早在10月9日商务部就宣布")
_BACKGROUND_YEAR_LEFT = re.compile(
    r"(?:早在|远在)\s*$|(?i:\bas\s+(?:early|far\s+back|long\s+ago)\s+as\s+(?:in\s+)?$)"
)


def is_period(text: str, lo: int, start: int, end: int, hi: int, granularity: str) -> bool:
    """Whether a date is a quota batch, statistics or fiscal period (or bounds one)."""
    if granularity == "year" and _BACKGROUND_YEAR_LEFT.search(text, max(lo, start - 24), start):
        return True
    if _FISCAL_RIGHT.match(text, end, min(hi, end + 12)) or _FISCAL_LEFT.search(
        text, max(lo, start - 40), start
    ):
        return True
    if granularity not in _PERIOD_GRANULARITIES:
        return False
    if _TOPIC_ACT_RIGHT.match(text, end, hi):
        return False  # "前年三月就稀土出口配额制度向世贸申诉": the quota is the act's topic
    if _ACT_VERB_RIGHT.match(text, end, hi):
        return False  # "澳洲1月也宣布计划投入8亿美元": the month of the announcing, not of a figure
    if _PERIOD_RIGHT.match(text, end, min(hi, end + 24)):
        return True
    if hi - end <= 1 and _CHANGE_NEXT.match(text, hi, hi + 70):
        return True  # "2025年12月，对日出口的磁铁环比减少8%": the figure's month
    if granularity in ("year", "month") and (
        _RANGE_RIGHT.match(text, end, min(hi, end + 12))
        or _RANGE_LEFT.search(text, max(lo, start - 24), start)
    ):
        return True
    return bool(_PERIOD_LEFT.search(text, max(lo, start - 40), start))
