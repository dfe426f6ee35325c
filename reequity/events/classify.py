"""Transparent keyword rules (Chinese + English) that label the sentence around a date mention.

:func:`classify_sentence` returns the event type, the actors, the element groups and the
number of keyword hits; :func:`confidence` turns these into a score in [0, 1].

Event type
    Every type has a keyword regex; the type with most hits in the sentence wins, ties go to
    a type with a strong keyword over one read from weak words alone ("adopted at an
    executive meeting" is the regulation's), then to the earlier type in :data:`EVENT_TYPES`
    (more specific first); a phrase counts once, for
    the first type that matches it. No hit -> no type. Keywords are matched on the
    Simplified-script text (Traditional is converted with OpenCC first, see
    :func:`reequity.events._text.to_simplified`); gapped keywords stay inside one sentence. Dates inside a clause that names a type
    take that clause's type and actors (see :mod:`reequity.events.extract`).
Policy event
    A mention is a policy event when its kind is ``event``, its granularity is finer than a
    half-year (a year or half-year alone dates nothing an event study can use; such a mention
    can still link to a catalogue event), and its type is in :data:`POLICY_TYPES` (market reports, market
    shocks and a firm's own operations - an output cut, a maintenance stop, "deferred interest",
    an acquisition, a bankruptcy or a capital raising - are events but not policy; production
    milestones - a plant or mine opened, begun, restarted, shut or halted - and supply deals
    between firms are, as tests/events/fixtures/ANNOTATION.md has them). A sentence (or the
    date's own clause) that names only goods outside the study (zinc, coal; chips and
    chipmakers) dates no policy event.
Confidence (additive, clipped to [0, 1])
    0.20 for a resolved date; + 0.15 day / 0.10 week or part of month / 0.05 month or
    quarter; + 0.25 when a type keyword matched, + 0.05 per extra hit (at most + 0.10);
    + 0.10 when an actor is named; + 0.10 when a rare-earth or critical-mineral term is
    present. Reconciliation adds + 0.15 for a catalogue link and subtracts 0.15 for a
    ``year_conflict`` flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from reequity.events._fastre import compile_bucketed, compile_prefixed, first_chars, top_level

__all__ = [
    "EVENT_TYPES",
    "FIRM_ACTORS",
    "POLICY_TYPES",
    "SentenceLabels",
    "OUT_OF_SCOPE",
    "TextLabels",
    "classify_sentence",
    "confidence",
    "type_in",
]

EVENT_TYPES = (
    "export_control_relaxation",
    "export_control",
    "tariff",
    "trade_dispute",
    "trade_agreement",
    "diplomatic_meeting",
    "firm_operations",  # before the investment nouns: "停产" at a 冶炼厂 is the firm's own act
    "production_milestone",
    "supply_chain_investment",
    "industrial_policy",
    "market_shock",
    "market_report",
)
POLICY_TYPES = frozenset(EVENT_TYPES) - {"firm_operations", "market_shock", "market_report"}

# G: any character inside one sentence - a gapped keyword ("暂停 ... 管制") never spans two.
G = r"[^。！？!?；;\n]"
# Strong keywords name the event; weak ones (generic words such as "deal", 协议, "plant") only
# hint at it: a type read from weak words alone links to the catalogue only on a close match.
_STRONG = {
    "export_control_relaxation": rf"放行|暂停实施|暂停执行|暂缓实施|暂缓执行|暂缓{G}{{0,10}}(?:管制|措施|限制|禁令)|(?:禁令|管制|限制|措施){G}{{0,10}}暂缓|停止实施|暂停{G}{{0,10}}(?:管制|措施|限制|禁令)|放宽|松绑|恢复{G}{{0,8}}(?:出口|供应|发货|许可)|取消{G}{{0,8}}(?:配额|限制|管制)|豁免|通用许可|一般许可|解除{G}{{0,6}}(?:禁令|限制|管制)|批准{G}{{0,10}}(?:出口|许可)|获批|发放{G}{{0,6}}许可|(?:措施|管制|限制|禁令|公告)[^。；，]{{0,20}}?暂停(?!出口|供应)|(?i:\bsuspen(?:ds?|ded|ding|sion)\b{G}{{0,80}}\b(?:controls?|measures|restrictions|ban|curbs|expansion)\b|\bpaus(?:e|es|ed|ing)\b{G}{{0,30}}\b(?:controls?|curbs|restrictions|measures)\b|\beas(?:e|es|ed|ing)\s+(?:the\s+)?(?:export\s+)?(?:controls?|restrictions|curbs|limits)|\b(?:could|can|may)\s+(?:go\s+on|continue|keep)\s+(?:importing|exporting|operating|processing)\b|\ballow(?:s|ed|ing)?\b{G}{{0,30}}\bto\s+(?:continue|keep|go\s+on)\b|\brelax|\bresum(?:e|es|ed|ing|ption)\b{G}{{0,40}}\b(?:exports?|shipments|supplies|sales)\b|\brestart(?:s|ed|ing)?\b{G}{{0,40}}\bexports?\b|\blift(?:s|ed|ing)?\b{G}{{0,20}}\b(?:ban|restrictions|controls?|curbs)\b|\b(?:halt|end|stop|drop|remove|waive|roll(?:s|ed)?\s+back)(?:s|ed|ped|ing)?\b{G}{{0,30}}\b(?:limitations|restrictions|controls|curbs|bans?)\b|\bgeneral\s+licen[cs]es?|\bgreen\s+light\b|\b(?:licen[cs]es|permits|applications)\b{G}{{0,20}}\b(?:granted|approved|issued)\b|\b(?:grant(?:s|ed|ing)?|approv(?:e|es|ed|ing))\b{G}{{0,20}}\b(?:licen[cs]es?|permissions?|permits?|applications?|exports?)\b|\bgave\s+(?:\w+\s+)?approval\b|\btruce\b|\b(?:shipments|exports)\b{G}{{0,30}}\bresum(?:e|es|ed|ing)\b|\b(?:scrap(?:s|ped)?|abolish(?:es|ed)?)\b{G}{{0,20}}\bquotas?)",
    "export_control": rf"出口管制|(?:下令|责令|勒令|命令)[^。；]{{0,12}}?(?:关闭|关停|封停|停止开采|停采)|关闭{G}{{0,12}}?矿|(?:被|遭)(?:责令)?(?:关闭|关停|封停|查封)|关闭{G}{{0,8}}(?:口岸|边境|通道)|口岸{G}{{0,10}}关闭|封关|封锁{G}{{0,6}}边境|管制措施|管制|列管|禁止{G}{{0,6}}出口|出口许可|出口限制|限制{G}{{0,8}}出口|严审|严格审查|加强{G}{{0,10}}(?:两用物项|出口管)|禁运|断供|停止{G}{{0,4}}(?:出口|供应)|暂停{G}{{0,6}}(?:出口|发货|装运|通关)|(?:出口|发货|装运)[0-9日月号起\s]{{0,6}}(?:被|遭)?(?:暂停|叫停|中止)|配额|总量控制指标|下达{G}{{0,30}}指标|开采指标|制裁|禁令|王牌|限制|收紧|审查|实体清单|(?i:\bentity\s+list\b)|(?:须|需要?|必须|应当|要求){G}{{0,10}}?(?:取得|申请|获得|办理){G}{{0,10}}?许可|许可证管理|(?i:\border(?:s|ed|ing)?\s+(?:[\w-]+\s+){{0,4}}?(?:closures?|to\s+(?:close|shut|halt|suspend|stop)|closed|shut|halted|suspended)\b|\bclosures?\s+of\s+(?:[\w-]+\s+){{0,5}}?mines?\b|\b(?:shut|seal(?:s|ed)?|clos(?:e|es|ed|ing))\s+(?:down\s+)?(?:the|all|several|dozens\s+of|[0-9]+)\s+(?:[\w-]+\s+){{0,4}}?mines?\b|\bmines?\s+(?:in\s+(?:[\w'-]+\s+){{0,3}}?)?(?:have|has|had|were|was|are|is|remain(?:s|ed)?)\s+(?:been\s+)?(?:\w+\s+)?(?:closed|shut|sealed|suspended)\b|\b(?:stop(?:s|ped|ping)?|ceas(?:e|es|ed|ing))\s+(?:allowing|permitting)\b|\bno\s+longer\s+(?:be(?:en)?\s+)?(?:allowed|permitted)\s+to\s+(?:export|ship|sell)\b|\b(?:prohibit(?:s|ed|ing)?|bar(?:s|red|ring)?|forb(?:id|ids|ade|idden))\b{G}{{0,40}}?\b(?:exports?|exporting|sell(?:ing)?|ship(?:ping)?|sales|shipments)\b|\b(?:requir(?:e|es|ed|ing)|needs?|needed)\b{G}{{0,30}}?\b(?:licen[cs]es?|permits?|permission)\b|\blicen[cs]ing\s+(?:requirements?|regime|system|rules)\b|\bexport\s+controls?\b|\bexport\s+restrictions?\b|\brestrict(?:s|ed|ing|ions?)?\b|\bexport\s+ban\b|\bban(?:s|ned|ning)?\b|\b(?:close[sd]?|closing|seal(?:s|ed|ing)?|shut(?:s|ting)?)\b{G}{{0,30}}\b(?:borders?|crossings?|checkpoints?|border\s+gates?)\b|\bborder\s+clos(?:ures?|ed|ing)\b|\bembargo|\bhalt(?:s|ed|ing)?\b{G}{{0,20}}\b(?:shipments|exports)\b|\bblock(?:s|ed|ing)?\b{G}{{0,20}}\b(?:shipments|exports)\b|\bshipments\b{G}{{0,12}}\b(?:stopped|halted|suspended|blocked)\b|\b(?:shipments|exports)\b{G}{{0,60}}?\b(?:were|was|have\s+been|had\s+been|are\s+being|is\s+being)\s+(?:\w+\s+)?(?:stopped|halted|suspended|blocked|cut\s+off|held\s+up)\b|\bsupply\s+cut\b|\blimit(?:s|ed|ing)?\b{G}{{0,30}}\bexports?\b|\b(?:a|the)\s+(?:\w+\s+)?halt\b|\bcut\b{G}{{0,15}}\b(?:supply|quotas?)\b|\bquotas?\b|\bcurb(?:s|ed|ing)?\b|(?<!ownership and )(?<!full )(?<!quality )(?<!took )(?<!take )(?<!taken )(?<!under )\bcontrols?\b(?!\s+(?:of|over)\b)|\btighten|\bexpan(?:sion|ded|ds?|ding)\b{G}{{0,40}}\b(?:list|controls?|curbs|restrictions|licen[cs]ing|elements)\b)",
    "tariff": r"关税|加征|(?i:\btariffs?\b|\bduties\b|\blevies\b)",
    "trade_dispute": r"世贸|世界贸易组织|诉讼|裁决|起诉|申诉|投诉|诉诸|请求磋商|磋商请求|(?i:\bWTO\b|\b(?:request(?:s|ed|ing)?|ask(?:s|ed|ing)?\s+for)\s+(?:(?:formal|a|the|dispute|settlement|[A-Z]{3})\s+){0,4}(?:consultations|panels?)\b(?!\s+(?:of|discussions?|debates?|on\s+(?:the\s+)?future)\b)|\bdisputes?\b|\bruling\b|\bruled\b|\bcomplaints?\b|\bappellate\b|\bpanel\s+reports?\b)",
    "trade_agreement": r"协定|框架|签署|签订|备忘录|休战|(?i:\bframework\b|\bsigned\b|\bsignature\b|\bpact\b|\baccord\b|\bmemorandum\b)",
    "diplomatic_meeting": r"会晤|会见|会面|见了一面|见面|峰会|会谈|通话|通电话|磋商|首脑|川习会|(?i:\bsummit\b|\bmet\b|\btalks\b|\bphone\s+call\b)",
    "production_milestone": rf"投产|量产|首批|突破|攻克|复产|产出|商业化生产|实现.{{0,4}}生产|停产|停工|停运|关停|开工|动工|奠基|开建|竣工|(?i:\b(?:suspend|halt|stop|curtail|pause|idle)(?:s|ed|ped|ing)?\s+(?:[\w-]+\s+){{0,2}}?(?:production|operations|output|mining|processing)\b|\bshut(?:s|ting)?\s+down\b|\bshutdown\b|\bshut(?:s|ting)?\s+(?:all\s+|most\s+)?(?:of\s+)?(?:its|the)\s+(?:[\w-]+\s+){{0,3}}?(?:operations|plants?|mines?|facilit(?:y|ies)|refinery)\b|\b(?:breaks?|broke|broken|breaking)\s+ground\b|\bgroundbreaking\b|\bstart\s+of\s+construction\b|\bconstruction\s+(?:began|begins|started|starts)\b|\b(?:began|begins|started|starts)\s+construction\b|\binaugurat\w*|\bopen(?:s|ed|ing)?\s+(?:its|the|a|an)\s+(?:[\w-]+\s+){{0,4}}?(?:plant|factory|mine|facility|refinery)\b|\bresum(?:e|es|ed|ing)\s+(?:operations|mining|production)\b|\brestart(?:s|ed|ing)?\s+(?:operations|mining|production)\b|\bcommercial\s+production\b|\bfirst\b{G}{{0,30}}\b(?:production|output|oxide|separated|batch|producer)\b|\bproduced\b|\bbreakthrough\b|\bcommissioned\b|\bstart(?:s|ed)?\s+production\b|\bmilestone\b|\bcommercialize)",
    "supply_chain_investment": r"投资|供货协议|供应协议|采购协议|承购协议|长协|合资|建厂|融资|贷款|入股|注资|拨款|精炼厂|冶炼厂|分离厂|(?i:\bagree(?:s|d)?\s+to\s+(?:buy|purchase|source|supply|take)\b|\bsupply\s+(?:agreements?|deals?|contracts?)\b|\binvest(?:s|ed|ment|ments)?\b|\bjoint\s+venture\b|\brefinery\b|\bfunding\b|\bloan\b|\bofftake\b|\bprice\s+floor\b|\bpartnership\b)",
    "industrial_policy": r"总统令|揭牌|(?:部|委|局|院|政府)[^。！？；，]{0,8}?(?:发出|发布|印发|下发|出台|公布)了?[^。！？；，]{0,30}?(?:意见书|指导意见|若干意见|实施意见)|(?:宣布|公布|推出|提出)了?[^。！？；，]{0,2}?计划(?!书)|(?:颁发|核发)的?[^。！？；，]{0,8}?(?:许可证|执照)|(?:集团|国家队)[^。！？；，]{0,6}?(?:揭开面纱|正式亮相)|战略(?![^》」”。，；、])|整治|整顿|专项行动|(?:推动|行动|实施|工作|发展)(?:计划|方案)|路线图|法案|条例|(?:管理|暂行|实施|试行)办法|办法》|(?:暂行|管理)规定|总量调控|国家储备|规划|补贴|税收优惠|扶持|立法|法规|成立.{0,6}集团|集团[^。！？!?；;\n]{0,10}成立|组建|草案|征求意见稿|颁布|整合|重组|(?:管理|暂行|实施)办法|实施细则|指导意见|收储|战略储备|(?i:\b(?:strategic|critical\s+minerals?|national)\s+(?:reserves?|stockpiles?)\b|\broadmap\b|\bstrategic\s+(?:reserve|stockpile)|\bpromulgat|\bconsolidat(?:e|es|ed|ing|ion)\b|\bdraft\s+(?:rules|list|catalogue|law|measures)\b|\bact\b|\blaw\b|\bregulations?\b|\bdecree\b|\bexecutive\s+order\b|\bstockpil|\bsubsid|\btax\s+(?:incentives?|credits?)\b|\blegislation\b|\baction\s+plan\b|\b(?:publish(?:es|ed|ing)?|unveil(?:s|ed|ing)?|releas(?:e|es|ed|ing)|issu(?:e|es|ed|ing)|launch(?:es|ed|ing)?|adopt(?:s|ed|ing)?|announc(?:e|es|ed|ing))\s+(?:its|a|an|the|their|new)\s+(?:[\w-]+\s+){0,5}?(?<!production\s)(?<!business\s)(?<!expansion\s)(?<!investment\s)(?<!mine\s)(?<!spending\s)(?<!capital\s)(?:plan|strategy|roadmap|guidelines|blueprint)\b|\b(?:comprehensive|national|master|five-year)\s+(?:[\w-]+\s+){0,5}?(?:plan|strategy)\b|\blicen[cs]es?\b[^。！？!?；;\n]{0,20}\brenew|\brenew(?:s|ed|al|ing)?\b[^。！？!?；;\n]{0,30}\blicen[cs]e|\binvestigation\b|\b(?:interim|provisional)\s+(?:[\w-]+\s+){0,2}?(?:measures|rules|regulations)\b|\bgranted\s+(?:a|an|the|its|new)\s+(?:[\w-]+\s+)?(?:mining|exploration|operating|extraction)\s+(?:licen[cs]e|permit)s?\b|\bmining\s+(?:licen[cs]e|permit)s?\s+(?:was|were|has\s+been|had\s+been)\s+(?:granted|issued|awarded|approved)\b)",
    # a company running its business: output cuts, stoppages, maintenance, payment terms
    # an office, R&D or data centre built or opened is the firm's own building, not a production plant
    "firm_operations": rf"(?<=研发|信息|结算|运营|培训|展示|数据)中心{G}{{0,20}}?(?:奠基|开工|动工|开建|竣工|揭幕|启用)|收购|并购|减产|检修|裁员|破产|增资|募资|筹资|配股|定增|(?i:\b(?:br(?:oke|oken|eaks?|eaking)\s+ground|groundbreaking)\b{G}{{0,30}}\b(?:r&d|research|office|headquarters|innovation|data|training)\s+(?:[\w&-]+\s+){{0,3}}?(?:cent(?:re|er)|building|campus|offices?)\b|\bcut(?:s|ting)?\s+(?:[\w-]+\s+){{0,2}}?(?:production|output)\b|\bbankruptcy\b|\bchapter\s+11\b|\bcreditors\b|\bcapital\s+raising\b|\brais(?:e|es|ed|ing)\s+(?:[\w$.,-]+\s+){{0,3}}?(?:capital|equity|funds)\b|\bshare\s+(?:placement|sale)\b|\b(?:remain(?:s|ed)?|is|was|are|were|stays?|stayed)\s+on\s+(?:track|schedule)\b|\bacquisitions?\b|\btakeovers?\b|\bmergers?\b|\bacquir(?:e|es|ed|ing)\b|\bagree(?:s|d)?\s+to\s+(?:buy|purchase)\b(?!\s+(?:[\w$.,-]+\s+){{0,4}}?(?:magnets?|oxides?|concentrates?|metals?|alloys?|output|materials?|products?|supplies|supply|tonnes|tons|volumes?|feedstock|ore)\b)|\bmaintenance\b|\blay(?:s|ing)?\s+off\b|\blayoffs?\b|\bdefer(?:s|red|ring)?\b{G}{{0,30}}\b(?:payments?|interest)\b(?:{G}{{0,20}}\bloans?\b)?)",
    "market_shock": r"暴跌|崩盘|重挫|大跌|股灾|熔断|(?i:\bsell-?off\b|\bcrash|\bplunge|\btumble|\brout\b)",
    "market_report": rf"(?<!综合)报道|(?<!综合)报导|彭博|路透|通讯社|消息称|据{G}{{0,10}}称|指数|涨幅|上涨|下跌|股价|净利润|储量|数据显示|(?i:\breport(?:s|ed)?\b|\baccording\s+to\b(?!\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+)?(?:statement|notice|announcement|decision|decree|circular|order))|\bindex\b|\bshares\b|\bstocks?\b|\bprofit|\bsurged?\b|\bdata\s+show)",
}
_WEAK = {
    "trade_agreement": r"协议|达成|谈妥|(?i:\bagreements?\b|\bdeals?\b)",
    "diplomatic_meeting": r"(?i:\bmeeting\b|\bvisit(?:s|ed)?\b)",
    "supply_chain_investment": r"工厂|订单|合同|股权|(?i:\bplant\b|\bfacility\b|\bequity\b|\bstake\b|\bcontracts?\b|\border\b)",
    "industrial_policy": r"政策|(?i:\binitiative\b)",
}


def _split(pattern: str) -> tuple[str, str]:
    """A vocabulary ``zh1|zh2|(?i:en...)`` as its Chinese and its English part."""
    cut = pattern.rfind("|(?i:")
    if pattern.startswith("(?i:"):
        return "", pattern
    return (pattern[:cut], pattern[cut + 1 :]) if cut >= 0 else (pattern, "")


def _type_pattern(part: int) -> str:
    groups = []
    for name in EVENT_TYPES:
        for tag, table in (("s", _STRONG), ("w", _WEAK)):
            if name in table and (piece := _split(table[name])[part]):
                groups.append(f"(?P<{tag}_{name}>{piece})")
    return "|".join(groups)


# One pass per script over the text: a named group per type (s_ strong, w_ weak), tried in
# EVENT_TYPES order, so a phrase counts for the first (most specific) type it matches
# ("暂停实施出口管制" is a relaxation). The Chinese pass skips to the possible first
# characters, the English pass to word starts (see reequity.events._fastre).
def _english_pieces(tables: list[tuple[str, dict[str, str]]], names) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(group, piece) for every top-level branch of the English part of each vocabulary."""
    pieces = []
    for name in names:
        for tag, table in tables:
            english = _split(table[name])[1] if name in table else ""
            if english:  # "(?i:a|b|c)" -> a, b, c
                pieces.extend((f"{tag}{name}", p) for p in top_level(english[4:-1]))
    return pieces


_TYPE_RXS = (
    compile_prefixed(_type_pattern(0)),
    compile_bucketed(_english_pieces([("s_", _STRONG), ("w_", _WEAK)], EVENT_TYPES),
                     prefix=r"\b"),
)  # fmt: skip

# alias -> canonical actors; an empty tuple swallows a phrase that names no actor (news agencies).
_ZH_ACTORS: dict[str, tuple[str, ...]] = {
    "中国": ("China",), "中方": ("China",), "我国": ("China",), "北京": ("China",),
    "习近平": ("China",), "国务院": ("China",), "海关总署": ("China",),
    "商务部": ("China", "MOFCOM"), "美国商务部": ("US",),
    "中美": ("China", "US"), "中日": ("China", "Japan"), "中俄": ("China", "Russia"),
    "中澳": ("China", "Australia"), "中欧": ("China", "EU"), "美日": ("US", "Japan"),
    "美澳": ("US", "Australia"), "美俄": ("US", "Russia"), "美沙": ("US", "Saudi Arabia"),
    "沙美": ("Saudi Arabia", "US"), "美国": ("US",), "美方": ("US",), "美企": ("US",),
    "美军": ("US",), "白宫": ("US",), "华盛顿": ("US",), "特朗普": ("US",), "拜登": ("US",),
    "五角大楼": ("US", "US DoD"), "美国国防部": ("US", "US DoD"), "美国战争部": ("US", "US DoD"),
    "日本": ("Japan",), "日方": ("Japan",), "东京": ("Japan",), "高市早苗": ("Japan",),
    "澳大利亚": ("Australia",), "澳洲": ("Australia",), "堪培拉": ("Australia",),
    "沙特": ("Saudi Arabia",), "利雅得": ("Saudi Arabia",), "小萨勒曼": ("Saudi Arabia",),
    "俄罗斯": ("Russia",), "俄方": ("Russia",), "普京": ("Russia",), "克里姆林宫": ("Russia",),
    "米舒斯京": ("Russia",), "绍伊古": ("Russia",), "马来西亚": ("Malaysia",),
    "欧盟": ("EU",), "乌克兰": ("Ukraine",), "韩国": ("South Korea",), "印度": ("India",),
    "加拿大": ("Canada",), "七国集团": ("G7",), "世贸组织": ("WTO",), "世界贸易组织": ("WTO",),
    "莱纳斯": ("Lynas",), "北方稀土": ("Northern Rare Earth",), "包钢稀土": ("Northern Rare Earth",),
    "中国稀土集团": ("China", "China Rare Earth Group"), "盛和资源": ("Shenghe",),
    "伊鲁卡": ("Iluka",), "山口矿": ("MP Materials",), "芒廷帕斯": ("MP Materials",),
    "俄罗斯卫星通讯社": (), "卫星通讯社": (), "彭博社": (), "路透社": (), "美国地质调查局": ("US",),
    "共同社": (), "共同网": (), "中央社": (), "新华社": (), "中评社": (), "日媒": (), "美媒": (),
    "大陆": ("China",), "工信部": ("China",), "工业和信息化部": ("China",), "自然资源部": ("China",),
    "川普": ("US",), "高市": ("Japan",), "日企": ("Japan",),
}  # fmt: skip
_EN_ACTORS: dict[str, tuple[str, ...]] = {
    "china": ("China",), "chinese": ("China",), "beijing": ("China",), "prc": ("China",),
    "xi jinping": ("China",), "ministry of commerce": ("China", "MOFCOM"),
    "commerce ministry": ("China", "MOFCOM"), "mofcom": ("China", "MOFCOM"),
    "united states": ("US",), "america": ("US",), "american": ("US",), "washington": ("US",),
    "white house": ("US",), "trump": ("US",), "biden": ("US",), "pentagon": ("US", "US DoD"),
    "department of defense": ("US", "US DoD"), "department of war": ("US", "US DoD"),
    "japan": ("Japan",), "japanese": ("Japan",), "tokyo": ("Japan",), "australia": ("Australia",),
    "australian": ("Australia",), "canberra": ("Australia",), "saudi": ("Saudi Arabia",),
    "saudi arabia": ("Saudi Arabia",), "riyadh": ("Saudi Arabia",), "russia": ("Russia",),
    "russian": ("Russia",), "putin": ("Russia",), "kremlin": ("Russia",),
    "malaysia": ("Malaysia",), "malaysian": ("Malaysia",), "european union": ("EU",),
    "european commission": ("EU",), "ukraine": ("Ukraine",), "south korea": ("South Korea",),
    "india": ("India",), "canada": ("Canada",), "lynas": ("Lynas",),
    "mp materials": ("MP Materials",), "mountain pass": ("MP Materials",),
    "northern rare earth": ("Northern Rare Earth",), "baotou steel rare-earth": ("Northern Rare Earth",),
    "china rare earth group": ("China", "China Rare Earth Group"), "shenghe": ("Shenghe",),
    "iluka": ("Iluka",), "maaden": ("Maaden",), "ma'aden": ("Maaden",), "apple": ("Apple",),
    "arafura": ("Arafura",), "energy fuels": ("Energy Fuels",), "molycorp": ("MP Materials",),
    "world trade organization": ("WTO",), "sputnik": (), "bloomberg": (), "reuters": (),
    "u.s. geological survey": ("US",), "kyodo": (), "takaichi": ("Japan",), "ustr": ("US",),
    "sojitz": ("Japan",), "japan today": (),
}  # fmt: skip
_CS_ACTORS: dict[str, tuple[str, ...]] = {
    "U.S.": ("US",), "US": ("US",), "USA": ("US",), "DoD": ("US", "US DoD"), "EU": ("EU",),
    "G7": ("G7",), "Quad": ("Quad",), "WTO": ("WTO",), "Xi": ("China",), "GAC": ("China",),
    "MP": ("MP Materials",),
}  # fmt: skip


# the canonical actors above that are companies, not states or their agencies
FIRM_ACTORS = frozenset({"Lynas", "MP Materials", "Northern Rare Earth", "Shenghe", "Iluka",
                         "Maaden", "Apple", "Arafura", "Energy Fuels"})  # fmt: skip


def _alternation(keys: list[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


_ACTOR_RXS = (
    compile_prefixed(r"(?P<zh>" + _alternation(list(_ZH_ACTORS)) + r")"),
    compile_bucketed(
        [("en", re.escape(k)) for k in sorted(_EN_ACTORS, key=len, reverse=True)],
        prefix=r"(?<![A-Za-z])",
        suffix=r"(?![A-Za-z])",
    ),
    re.compile(r"(?<![A-Za-z.])(?P<cs>" + _alternation(list(_CS_ACTORS)) + r")(?![A-Za-z])"),
)
_ACTOR_RX = re.compile(
    r"(?P<zh>" + _alternation(list(_ZH_ACTORS)) + r")"
    r"|(?<![A-Za-z])(?P<en>(?i:" + _alternation(list(_EN_ACTORS)) + r"))(?![A-Za-z])"
    r"|(?<![A-Za-z.])(?P<cs>" + _alternation(list(_CS_ACTORS)) + r")(?![A-Za-z])"
)

ELEMENT_GROUPS = {
    "rare_earths": r"稀土|永磁|磁体|磁铁|钕|镨|镝|铽|钐|钆|镥|钪|钇|钬|铒|铥|铕|镱|(?i:rare[\s-]earths?|\bREEs?\b|\bmagnets?\b|\bNdPr\b|neodymium|praseodymium|dysprosium|terbium|samarium|gadolinium|lutetium|scandium|yttrium|holmium|erbium|thulium|europium|ytterbium)",
    "gallium": r"镓|(?i:gallium)", "germanium": r"锗|(?i:germanium)", "antimony": r"锑|(?i:antimony)",
    "graphite": r"石墨|(?i:graphite)", "tungsten": r"钨|(?i:tungsten)", "tellurium": r"碲|(?i:tellurium)",
    "bismuth": r"铋|(?i:bismuth)", "molybdenum": r"钼|(?i:molybdenum)", "indium": r"铟|(?i:indium)",
    "lithium": r"锂|(?i:lithium)", "cobalt": r"钴|(?i:cobalt)",
    # raw ores whose export a producer bans (Indonesia's bauxite and nickel ore): resource
    # policies of the same kind as a rare earth ore ban, so in scope
    "ores": r"铝土矿|镍矿|原矿|(?i:\bbauxite\b|\bnickel\s+ore\b|\braw\s+ore\b|\bunprocessed\s+(?:[\w-]+\s+)?ore\b)",
    "critical_minerals": r"关键矿产|关键矿物|战略矿产|(?i:critical\s+(?:minerals?|raw\s+materials))",
    # commodities outside the study's scope: a sentence that names only these ("an earlier case
    # over zinc, coke and ...") dates no rare-earth policy event (see OUT_OF_SCOPE)
    "other_commodities": r"锌|焦炭|铁矿石|煤炭|原油|大豆|(?i:\bzinc\b|\bcoke\b|\biron\s+ore\b|\bcoal\b|\bcrude\s+oil\b|\bsoybeans?\b)",
    # chips and chipmakers: another industry's controls (US chip curbs, the Nexperia seizure)
    # are context for a minerals study, not its events (tests/events/fixtures/ANNOTATION.md)
    "chips": r"芯片|半导体|晶片|安世|(?i:\bchips?\b|\bsemiconductors?\b|\bchipmak\w*|\bnexperia\b)",
}  # fmt: skip
OUT_OF_SCOPE = frozenset({"other_commodities", "chips"})
_ELEMENT_RX = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in ELEMENT_GROUPS.items())
)
_ELEMENT_RXS = (
    compile_prefixed("|".join(f"(?P<{name}>{piece})" for name, pattern in ELEMENT_GROUPS.items()
                              if (piece := _split(pattern)[0]))),
    compile_bucketed([(name, p) for name, pattern in ELEMENT_GROUPS.items()
                      if (english := _split(pattern)[1]) for p in top_level(english[4:-1])]),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SentenceLabels:
    """What the keyword rules read from one sentence (or clause).

    ``generic`` is True when the type comes from weak words only ("deal", 协议, "plant").
    """

    event_type: str | None
    type_hits: int
    actors: tuple[str, ...]
    elements: frozenset[str]
    generic: bool = False


class TextLabels:
    """The keyword hits of a whole text, found in one pass per vocabulary.

    :meth:`labels` then answers for any span (a sentence, a clause) by bisecting the hit
    offsets, so an article is scanned once per vocabulary and script however many date
    mentions it holds. ``spans`` (sentences) limits the scan to the parts that matter.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:
        spans = _merged(spans) if spans is not None else [(0, len(text))]
        self.types = _scan(_TYPE_SCANS, text, spans, _group)
        self.actors = _scan(_ACTOR_SCANS, text, spans, _actor_names)
        self.elements = _scan(_ELEMENT_SCANS, text, spans, _group)
        self._starts = [[h[0] for h in hits] for hits in (self.types, self.actors, self.elements)]

    def _slice(self, which: int, lo: int, hi: int) -> list:
        hits = (self.types, self.actors, self.elements)[which]
        starts = self._starts[which]
        return hits[bisect_left(starts, lo) : bisect_left(starts, hi)]

    def labels(self, lo: int, hi: int) -> SentenceLabels:
        """Type, actors and elements of the span ``[lo, hi)``."""
        counts: dict[str, int] = {}
        strong: set[str] = set()
        for _, group in self._slice(0, lo, hi):
            name = group[2:]
            counts[name] = counts.get(name, 0) + 1
            if group.startswith("s_"):
                strong.add(name)
        best, best_key = None, (0, False)
        for name in EVENT_TYPES:  # most hits; on a tie a strong keyword beats weak ones only
            key = (counts.get(name, 0), name in strong)
            if key[0] and key > best_key:
                best, best_key = name, key
        best_hits = best_key[0]
        found: dict[str, None] = {}
        for _, names in self._slice(1, lo, hi):
            found.update(dict.fromkeys(names))
        elements = frozenset(g for _, g in self._slice(2, lo, hi))
        generic = best is not None and best not in strong
        return SentenceLabels(best, best_hits, tuple(found), elements, generic)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _gated(patterns: tuple[re.Pattern[str], ...]) -> tuple[tuple[re.Pattern[str], Any], ...]:
    """Each pattern with the class of its possible first characters (None when unbounded).

    A span holding no such character cannot match: the class is found (or not) by the
    engine's fast scan, far cheaper than running the vocabulary, so an English vocabulary
    skips a Chinese sentence and a Chinese one an English sentence.
    """
    out = []
    for rx in patterns:
        chars = first_chars(rx.pattern)
        out.append((rx, re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]").search
                    if chars else None))  # fmt: skip
    return tuple(out)


_TYPE_SCANS, _ACTOR_SCANS, _ELEMENT_SCANS = map(_gated, (_TYPE_RXS, _ACTOR_RXS, _ELEMENT_RXS))


def _scan(patterns, text: str, spans: list[tuple[int, int]], value) -> list:  # type: ignore[no-untyped-def]
    """Hits ``(start, value(match))`` of each pattern within ``spans``, sorted by start."""
    hits = [(m.start(), value(m)) for rx, gate in patterns for lo, hi in spans
            if gate is None or gate(text, lo, hi) for m in rx.finditer(text, lo, hi)]  # fmt: skip
    hits.sort(key=lambda h: h[0])
    return hits


def classify_sentence(sentence: str) -> SentenceLabels:
    """Label ``sentence`` with an event type, actors (in order of appearance) and element groups.

    Examples
    --------
    >>> labels = classify_sentence("10月9日，商务部宣布对稀土相关技术实施出口管制")
    >>> labels.event_type, labels.actors, sorted(labels.elements)
    ('export_control', ('China', 'MOFCOM'), ['rare_earths'])
    """
    return TextLabels(sentence).labels(0, len(sentence))


def type_in(text: str) -> tuple[str | None, int]:
    """The winning event type of ``text`` and its number of keyword hits (``(None, 0)``)."""
    labels = TextLabels(text).labels(0, len(text))
    return labels.event_type, labels.type_hits


def _group(match: re.Match[str]) -> str:
    """The vocabulary group of a match ("s_tariff__12" -> "s_tariff")."""
    return (match.lastgroup or "").split("__")[0]


def _actor_names(match: re.Match[str]) -> tuple[str, ...]:
    group, found = _group(match), match.group()
    if group == "zh":
        return _ZH_ACTORS[found]
    if group == "en":
        return _EN_ACTORS[found.lower()]
    return _CS_ACTORS[found]


def actors_in(text: str) -> tuple[str, ...]:
    """Canonical actors named in ``text``, in order of first appearance."""
    found: dict[str, None] = {}
    for match in _ACTOR_RX.finditer(text):
        found.update(dict.fromkeys(_actor_names(match)))
    return tuple(found)


def elements_in(text: str) -> frozenset[str]:
    """Element groups (rare_earths, gallium, graphite, ..., critical_minerals) named in ``text``."""
    return frozenset(match.lastgroup for match in _ELEMENT_RX.finditer(text) if match.lastgroup)


def confidence(labels: SentenceLabels, granularity: str, *, has_date: bool = True) -> float:
    """The additive evidence score documented in the module docstring (before reconciliation)."""
    score = 0.20 if has_date else 0.0
    score += {"day": 0.15, "week": 0.10, "part_of_month": 0.10, "month": 0.05, "quarter": 0.05}.get(
        granularity, 0.0
    )
    if labels.event_type is not None:
        score += 0.25 + min(0.10, 0.05 * (labels.type_hits - 1))
    score += 0.10 if labels.actors else 0.0
    score += 0.10 if labels.elements else 0.0
    return round(min(1.0, max(0.0, score)), 3)
