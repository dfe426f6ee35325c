"""The real-news check (issue 10): summaries of public articles with hand annotations.

The figures are defined in ``tests/events/_real_news.py``; the goals are the issue's.
"""

from __future__ import annotations

from ._real_news import score


def test_real_news_goals() -> None:
    result = score()
    report = "\n".join(result.misses)
    assert result.literal >= 0.95, report
    assert result.recall >= 0.90, report
    assert result.separation >= 0.95, report
    assert result.precision >= 0.90, report


def test_scorer_can_fail() -> None:
    """An extractor that calls every row a policy event misses the separation goal."""
    from reequity.events.articles import read_articles
    from reequity.events.extract import extract_events

    from ._real_news import FOLDER

    rows = extract_events(read_articles(FOLDER / "articles.txt"))
    rows["is_policy_event"] = rows["date_start"].notna()
    result = score(rows)
    assert result.separation < 0.5 and result.precision < 0.6


def test_held_out_real_news_goals() -> None:
    """Five more articles, annotated before their output was looked at (first run: literal
    89%, recall 75%, separation 100%, precision 100%; the fixes were general rules)."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_second_held_out_real_news_goals() -> None:
    """Sixteen more articles (8 Chinese in both scripts, 8 English, 2010-2025; 85 annotations),
    annotated and committed before the extractor was run on them. First run: literal 90.7%,
    recall 71.0%, separation 77.8%, precision 62.2% (datelines and dates borrowing a later
    quota year, year ranges, year-only mentions, spokesperson and claim dates, 自公布日起 and
    "effective immediately", a founding with 组建, dates qualifying an earlier noun). The
    fixes are general rules, each with hand-written tests in ``test_news_kinds.py``."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout2")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_third_held_out_real_news_goals() -> None:
    """Sixteen more articles (4 Simplified, 3 Traditional, 9 English, 2012-2025; 59
    annotations: WTO steps of 2012 and 2014, the 2015 quota abolition, consolidation and the
    China Rare Earth Group, the 2023 technology catalogue, the 2024 regulations, JOGMEC and
    Lynas, the EU CRMA, the DoD price floor), committed before the extractor was run on them.
    First run: literal 92.2%, recall 71.4%, separation 89.5%, precision 78.9% (a meeting "to be
    held on July 10" read as past, "expects to ... in June", a dash dateline, an EU regulation
    number read as a year, WTO consultations, a draft for comment, a signature, 整合, "first
    commercial producer", a weak word "agreement" beating a loan term, a case over other
    commodities). The fixes are general rules with hand-written tests in ``test_news_kinds.py``;
    one annotation still disagrees ("earlier this month": the extractor ends it the day before
    publication and gives it the regulation's type)."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout3")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_fourth_held_out_real_news_goals() -> None:
    """Sixteen more articles (5 Simplified, 6 Traditional, 5 English, 2012-2026; 95
    annotations: antimony, graphite and tungsten controls, the suspension of No. 46, customs
    statistics, the 2012 white paper in both scripts, the 2016-2020 plan, Section 232, Lynas,
    Northern Rare Earth and JL Mag results with no policy event), committed before the
    extractor was run on them. First run: literal 84.7%, recall 96.4%, separation 92.5%,
    precision 84.4% (今年前七個月 / 前三季度 / 首季 read as a year, a day range "10 月 9 日—13 日",
    "the June 2023 quarter", "Act of 1962" read as a year, 今日（1/20）, 當月, "once it takes
    effect in July" / "likely in August" read as past, a company's 11日表示 and a month that
    "回升至高點" read as policy dates, 暫緩實施 missed under a 綜合報導 byline). The fixes are
    general rules with hand-written tests in ``test_news_kinds2.py``; one annotation still
    disagrees (a plant opening "in November" counts as a supply-chain event); 2023年底, read as
    the fourth quarter until 年底 took the last ten days of the year as "the end of 2023" does,
    now agrees."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout4")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_fifth_held_out_real_news_goals() -> None:
    """Fifteen more articles (3 Simplified, 7 Traditional, 5 English, 2011-2026; 57
    annotations: the 2011 quota batches, the 2022 Iluka loan and quota batch, the 2025 heavy
    rare earth and October controls and the ministry's Q&A, the 2026 dual-use controls on
    Japan, the DoW price floor; MP Materials and Northern Rare Earth results and a securities
    warning letter with no policy event), committed before the extractor was run on them.
    First run: literal 87.0%, recall 83.3%, separation 97.8%, precision 76.9% (商务部今天宣称
    read as the policy's date, 1月初 + 嚴審 / 加強兩用物項 without a policy type, "the end of last
    year" read as the whole year, two-digit years 25年 / 25Q4 unresolved, "the three months
    ended September 30" resolved to the quarter where the annotation names the day, and two
    true events the annotator had missed: 發布日起 and the body's 即日起, added afterwards as
    annotations 58-59 and flagged in their notes). The fixes are general rules with
    hand-written tests in ``test_news_kinds3.py``; the two quarter-end annotations still
    disagree (the extractor's "three months ended <date>" rule gives the quarter)."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout5")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_sixth_held_out_real_news_goals() -> None:
    """Sixteen more articles (5 Simplified, 4 Traditional, 7 English, 2021-2026; 90
    annotations: the 2023 graphite and gallium/germanium controls, the 2023 technology
    catalogue, April 2025 customs figures, the EU's answer to the October 2025 controls, the
    2025 general licences, Arafura's public funding, the Lynas licence in Malaysia; a Fastmarkets
    price report, Shenghe's stake in Peak, a JL Mag profile and a 生意社 index report with no
    policy event), committed before the extractor was run on them. First run: literal 87.7%,
    recall 88.0%, separation 93.8%, precision 85.7% ("said Tuesday (Oct 14)" split so that the
    bracketed date stood alone as an event, "Trump said on Friday he would impose" read as a
    report, "the same month in 2024" read as the publication month and lending 2024 to "in
    March", "in October that year" and "was due to expire on Tuesday" read as past, 中美元首10月底
    read as 首10月 (the first ten months), 较昨日 / 较上月 counted from publication instead of the
    sentence's date, 同月 taking a 以来 anchor, 当日有记者问 and 发言人X 18日就<long topic>表示 read
    as policy dates, "earlier this week" read as the whole week). The fixes are general rules
    with hand-written tests in ``test_news_kinds4.py``; one annotation still disagrees
    (今年11月上旬已有企業…獲批出口許可證, firms obtaining licences, annotated as no policy event)."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout6")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_seventh_held_out_real_news_goals() -> None:
    """Fifteen more articles (5 Simplified, 4 Traditional, 6 English, 2010-2026; 76
    annotations: the 2010 halt to Japan, the 2011-2012 quota batches, the 2014 WTO panel and
    appeal, the 2019 NDRC warning, DoD awards to MP Materials and Lynas, the Iluka top-up loan,
    the G7 action plan, the 2025 total-quantity measures and general licences; Lynas results
    and two price reports with no policy event), committed before the extractor was run on
    them. First run: literal 84.2%, recall 78.9%, separation 94.7%, precision 84.2% (shipments
    that "were suspended on Tuesday" given no type, a ministry's denial and 本月4日也說 read as
    policy dates, "the financial year 2025" of an Australian firm read as the calendar year,
    "the three months ended Sept. 30" split at the abbreviated month, "the same period last
    year" read as the whole year, 2008年至2010年 read as two years, 前一日 read as a one-day
    duration, a bare 一季 missed, 上月 inside a monthly reporting rule resolved, a
    《…总量调控管理暂行办法》 given no type, and 前年三月就…配額…申訴 read as a quota period). The
    fixes are general rules with hand-written tests in ``test_news_kinds5.py`` (after them:
    100% / 100% / 98.2% / 95.0%); one annotation still disagrees: a firm's supply agreement
    "in December", which the extractor counts as an agreement event, as the catalogue counts
    MP Materials' supply deal with Apple."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout7")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_eighth_held_out_real_news_goals() -> None:
    """Sixteen more articles (5 Simplified, 4 Traditional, 7 English, 2011-2026; 82
    annotations: Kachin border closures, India's magnet scheme, Vietnam's minerals law,
    Malaysia's raw rare earth export ban and the Lynas import permission, Korea's supply chain
    plan, the US-Ukraine minerals deal, Greenland, Taiwan's refining and mine-sourcing plans,
    the 2020 mining quota, a 2011 Sichuan rectification campaign; Serra Verde's output, China
    Rare Earth's first quarter, a 生意社 price report, the Baotou price index and a Nikkei
    Chinese piece with no dated policy event), committed before the extractor was run on them.
    First run: literal 80.0%, recall 40.9%, separation 91.7%, precision 66.7% (policy acts
    phrased with words the vocabularies lacked: closing border crossings, "banning", 整治,
    "a comprehensive plan", "could go on importing", a document dated by 签发 in a sentence
    after the one that names it; "in June this year" taking the year of "since 2020"; "in
    April" taking 2021; a bracketed dateline "(Oct 24) --" read as an event; a minister's "said
    on Tuesday" of his own government's ban read as a report; "ownership and control" read as
    an export control; "决定不会在2月1日…加征关税" read as past; a statistics month before
    环比减少 read as an event; 昨指出, 前日, 本年度, 当年, 一季 and a bare 年底 not read at all;
    a private acquisition read as a trade agreement; two year-only events annotated as events
    against the documented rule that a year alone dates no policy event, corrected with
    "earlier this month" in their own commit). The fixes are general rules with hand-written
    tests in ``test_news_kinds6.py``: literal 96.7%, recall 90.0%, separation 98.4%, precision
    94.7% after them; still missed: Indonesia's bauxite ban (bauxite is out of the study's
    scope by design), mines "closed since Sept. 4" (a closure read as no policy), 年底 read as
    October-December (the documented convention) where the annotation says late December, and a
    minister's post "on Wednesday" about a deal read as its signing. Since fixed on wt-rules as
    general kinds (test_news_kinds7.py): raw-ore export bans phrased at length (bauxite and
    nickel ore now in scope) and mines "closed since" a date."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout8")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_ninth_held_out_real_news_goals() -> None:
    """Sixteen more articles (8 English, 2 Simplified, 6 Traditional, 2010-2026; 81 annotations:
    the 2010 Japan episode, the WTO rare-earth and raw-materials cases, export quota batches,
    gallium / germanium, graphite, the 2024 ban on exports to the US, the 2025 licensing and
    the EU's, Korea's and Japan's reactions), committed before the extractor was run on them.
    First run (README): literal 88.9%, recall 90.5%, separation 85.0%, precision 69.0% (chip
    controls and the Nexperia seizure read as minerals export controls; a dateline of two
    cities "WASHINGTON/BRUSSELS, March 13 --"; a ministry's 2日称 dating the 1日 talks it
    reports; an editor's post that Beijing "is considering" curbs and an official's remarks
    read as acts; a leading date of a collision given to the export halt that came 随后;
    六日 / 十六日 in Chinese numerals not read, so 即日起 fell back to the publication day;
    "a day after" not read; 2008年-2010年1-10月份 split in two). The fixes are general rules
    with hand-written tests in ``test_news_kinds8.py``: 96.8% / 100% / 98.3% / 95.5% after
    them; still missed: 去年 counted from the quota year (2010) rather than from publication,
    同一天 whose antecedent is named but not dated, and "the July EU-China summit" read as a
    policy meeting."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout9")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_tenth_held_out_real_news_goals() -> None:
    """Sixteen more articles on supply chains outside China and company news (8 English, 4
    Simplified, 4 Traditional, 2010-2025; 95 annotations: Mountain Pass, Lynas in Malaysia and
    Kalgoorlie, MP Materials' Fort Worth plant, Neo's Narva plant, Molycorp's bankruptcy, the
    Inner Mongolia quota, Baotou's production halt, China Rare Earth Group, Malaysia's magnet
    plant, MP's halt of exports to China), committed before the extractor was run on them.
    First run (README): literal 85.9%, recall 57.9%, separation 90.8%, precision 61.1%; under
    the annotation convention settled with it (ANNOTATION.md: supply deals and production
    milestones are events) 85.9% / 65.2% / 95.8% / 83.3% (production milestones - openings,
    the start of construction, restarts, shutdowns, halts - read as a firm's own operations or
    not at all; 揭牌 of a state group; traders saying shipments "had been halted" read as a
    report; a bankruptcy and a capital raising read as policy; "a day after"; a later "after
    ... in 2002" lending its year; "the previous quarter" counted from publication; "listed for
    November" read as past; 2010年同期 read as the whole year; a bare 下半年 / 年底 in a past
    narrative read as the publication year's or not at all). The fixes are general rules with
    hand-written tests in ``test_news_kinds9.py`` (with a company's own halt of its exports
    read as its sales decision): 96.9% / 95.7% / 100% / 100% after them; still missed: "a year
    ago" (annotated as the comparison day), 當時 (no anaphor for "at that time") and a
    policy statement dated by 據馬新社1日報導."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout10")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_eleventh_held_out_real_news_goals() -> None:
    """Sixteen summaries of Chinese and English market press on rare-earth stocks (10 Chinese, 5
    of them Traditional, 6 English, 2019-2025; 90 annotations after three omissions were added:
    quota batches, China Rare Earth Group, a state mining licence, Shenghe's concentrate
    memorandum, MIIT's interim quota measures, the October 2025 technology controls),
    committed before the extractor was run on them and never shown to the rules of the ninth
    and tenth sets. First run (README): literal 88.0%, recall 42.9%, separation 96.3%,
    precision 42.9% (85.7 / 42.9 / 95.2 / 42.9 after the added annotations; 87.0 / 42.9 /
    94.0 / 37.5 with those rules merged). Kinds fixed by general rules with hand-written tests
    in ``test_news_kinds10.py``: a share move ("climbed on Thursday after Beijing widened its
    controls") dates its cause when the text gives the cause no date of its own, but a second
    move after the cause keeps its day; 年尾 read as 年底; "X至Y" between two stated days or
    quarters one span; a bare 同期 the period just named; a span of years lends no year to a
    bare day ("from June 1"); a scheduled bare date (实施时间是12月, 11月1日川习会) and its
    当天 read nearest; a sum (2066万元) is no year; a ministry's licence (取得…部颁发的…许可证),
    posted interim measures and a state group unveiled (揭开面纱) are state acts; an R&D
    centre's groundbreaking is no production milestone; the announcing day of a licence dated
    on its own (7月10日晚间公告，…于7月8日取得…) is a report; 上季 is the quarter before the one
    its sentence names. 100% / 100% / 100% / 100% after them."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout11")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_twelfth_held_out_real_news_goals() -> None:
    """Sixteen summaries of financial press on Western rare-earth equities (10 English, 4
    Traditional, 2 Simplified, 2019-2026; 81 annotations: Lynas's licence and DoD contracts,
    Iluka's refinery and loans, Neo's Narva plant, Energy Fuels' NdPr, Arafura's funding, MP's
    DoD deal and loan, USA Rare Earth's Commerce stake, Australia's reserve plan), committed
    before the extractor was run on them and never shown to the rules of the ninth and tenth
    sets. First run (README): literal 81.4%, recall 68.8%, separation 98.5%, precision 91.7%
    (the same with those rules merged). Kinds fixed by general rules with hand-written tests in
    ``test_news_kinds10.py``: a share move dates the undated state act or deal it gives as its
    cause ("jumped on Monday after the miner said it would receive $1.6 billion from the
    Department of Commerce", 周三（19日）股价…因公司宣布…签署协议); trading sessions and clock
    times (early trade, 0052 GMT, 早盘) and 目前 date their sentence's day; 届时 the date just
    named; "the latter half of 2022"; "2022 and 2023" two years; 上周四（8日） trusts the day
    number over the weekday; a state plan's month (1月也宣布计划) is an act, not a statistics
    period; "has broken ground" is construction begun, and a release day ("said in a news
    release on Friday") dates the lead's undated act. 96.6% / 100% / 98.5% / 94.1% after them;
    still missed: "by the end of the month" (read as the month's last ten days, annotated as
    its last day), 早盘 in a title dated by the body's day (26日) rather than publication, and a
    budget law's signing (川普签署成为法律的法案) read as a trade agreement."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout12")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_thirteenth_held_out_real_news_goals() -> None:
    """Sixteen summaries of official and institutional texts on rare earths and critical
    minerals (8 English, 5 Traditional, 3 Simplified, 2010-2025; 62 annotations: USTR's WTO
    case, DoD contracts, the Korea-Japan minerals dialogue, MOFCOM's 2025 announcements, a 2011
    quota notice, MIIT remarks and guidance), committed before the extractor was run on them
    and never shown to the rules of the eleventh and twelfth sets. First run (README): literal
    89.3%, recall 77.8%, separation 93.2%, precision 83.3% (the same after that round). Kinds
    fixed by general rules with hand-written tests in ``test_news_kinds11.py``: outside a
    future clause "this week" runs Monday through publication; numbered five-year plans
    (十三五, 十二五) are their years as a period; 2025第61号 is a document number; a day
    attached to a press conference is a report unless the act is announced there; an agency's
    bracketed dateline ("WASHINGTON (Sputnik - 25th July, 2020)") is a dateline; a request
    for panels is a trade dispute; a ministry's 意见书 is industrial policy. 96.4% / 94.4% /
    97.7% / 94.4% after them; still missed: a second 11月1日 of a US tariff resolved a year
    back and labelled an event (tariffs on other goods are context), 同年 taking the last
    written year instead of the notice's quota year, and "On Feb. 22" not carrying the
    undated DoD contract of the sentence before."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout13")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report


def test_fourteenth_held_out_real_news_goals() -> None:
    """Sixteen summaries of general-news coverage of the rare-earth conflict (8 English, 6
    Traditional, 2 Simplified, 2010-2026; 70 annotations: the 2010 halt to Japan, the 2025
    licence regime and its coverage, Japan's deep-sea mud test, the US-Australia deal),
    committed before the
    extractor was run on them and never shown to the rules of the eleventh and twelfth sets.
    First run (README): literal 91.1%, recall 83.3%, separation 86.5%, precision 68.2% (the
    same after that round). Kinds fixed by general rules with hand-written tests in
    ``test_news_kinds11.py``: a spokesman's denial, a press conference ("at a press conference
    in Beijing on July 18") and a paper's article (12日发表文章) date words, not acts; "said
    Friday that shipments had been halted" is a report; a date inside reported speech ("said
    that in April this year the government had put controls") dates the act; 上路 / 生效 make
    a year-less day the nearest one; 开始要求…取得…许可证 is an export control; "the 14th
    Five-Year Plan period" is 2021-2025. 96.4% / 94.4% / 98.1% / 94.4% after them; still
    missed: "on Thursday morning" dating the undated halt it reports, "in early April" of a
    stockpile statement, 一週後 (an offset from the 1月6日 announcement) and "by the end of the
    year" (the last ten days, annotated as the last day)."""
    from ._real_news import FOLDER

    result = score(folder=FOLDER.parent / "real_news_holdout14")
    report = "\n".join(result.misses)
    assert result.literal >= 0.95 and result.recall >= 0.90, report
    assert result.separation >= 0.95 and result.precision >= 0.90, report
