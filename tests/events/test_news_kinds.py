"""Failure kinds seen on the second and third held-out real-news sets (issue 10), on hand-written
sentences in our own words, in both scripts and English. One test (or parametrised group) per
kind; each asserts the general rule, never a fixture sentence.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from reequity.events.dates import resolve_dates

from ._kinds import by_surface as _by_surface
from ._kinds import rows as _rows


# ---- a dateline resolves against the publication date, not a year named elsewhere ---------------
@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("商務部公布2012年首批稀土出口配額", "新華社北京12月27日電 商務部27日公布2012年首批配額。"),
        ("商务部公布2012年首批稀土出口配额", "新华社北京12月27日电 商务部27日公布2012年首批配额。"),
    ],
)  # fmt: skip
def test_dateline_ignores_the_year_of_the_quota(title: str, body: str) -> None:
    rows = _rows(body, "2011-12-27 17:00", title)
    dateline = rows["12月27日"]
    assert dateline["date_start"] == dateline["date_end"] == pd.Timestamp("2011-12-27")
    assert dateline["kind"] == "report" and "dateline" in dateline["flags"]
    assert rows["27日"]["date_start"] == pd.Timestamp("2011-12-27")
    assert rows["27日"]["is_policy_event"]


# ---- a later quota / comparison year does not lend its year to a date ---------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("商务部于12月13日下达了2014年第一批稀土出口配额", "2013-12-24", "12月13日", "2013-12-13"),
        ("商務部於12月13日下達了2014年第一批稀土出口配額", "2013-12-24", "12月13日", "2013-12-13"),
        ("7月14日，商务部发布下半年配额，全年总量略低于2010年水平", "2011-07-20", "7月14日",
         "2011-07-14"),
    ],
)  # fmt: skip
def test_later_period_year_is_not_borrowed(text: str, pub: str, surface: str, day: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.date_start == date.fromisoformat(day) and mention.kind == "event"


# ---- year ranges are periods --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # one span since the seventh held-out set (test_news_kinds5.test_year_span_is_one_period)
        ("配额按企业2008年至2010年的出口实绩分配", ["2008年至2010年"]),
        ("配額按企業2007年-2009年1-10月份的出口實績分配", ["2007年-2009年1-10月份"]),
        ("allocations follow exports from 2008 to 2010", ["from 2008 to 2010"]),
    ],
)  # fmt: skip
def test_year_ranges_are_periods(text: str, surfaces: list[str]) -> None:
    found = _by_surface(text, "2011-01-05")
    assert [found[s].kind for s in surfaces] == ["period"] * len(surfaces)


# ---- comparison and quota years are periods -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("China set this year's quota on Tuesday", "this year"),
        ("the quota fell 10 percent from last year", "last year"),
        ("shipments were lower than in 2010", "2010"),
        ("2011年配额执行不足一半", "2011年"),
        ("全年配額略低於2010年出口水平", "2010年"),
    ],
)  # fmt: skip
def test_comparison_and_quota_years_are_periods(text: str, surface: str) -> None:
    assert _by_surface(text, "2012-07-20")[surface].kind == "period"


# ---- spokesperson and briefing dates are report dates -------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface"),
    [
        ("商務部發言人束珏婷6日在例行記者會上表示，管制不是禁止", "2023-07-06", "6日"),
        ("商务部发言人6日在例行新闻发布会上说，管制不是禁止", "2023-07-06", "6日"),
        ("商务部官员8日对记者说，配额将保持稳定", "2013-12-10", "8日"),
        ("12月23日，據商務部網站消息，發言人表示配額穩定", "2013-12-24", "12月23日"),
        ("Japan's trade minister told reporters on Tuesday that the cut was expected", "2010-12-30",
         "on Tuesday"),
        ("The prime minister said in a media release on Monday that the loan mattered",
         "2022-04-06", "on Monday"),
        ("A ministry spokeswoman said on Thursday that talks continue", "2025-07-12",
         "on Thursday"),
        ("A fact sheet released last week had claimed Beijing would issue licences", "2025-11-07",
         "last week"),
    ],
)  # fmt: skip
def test_speaking_dates_are_report_dates(text: str, pub: str, surface: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.kind == "report" and "report_date" in mention.flags


@pytest.mark.parametrize(
    "text",
    [
        "商务部7月3日在新闻发布会上宣布对镓、锗实施出口管制",
        "商務部發言人7月3日在記者會上宣布管制措施",
    ],
)
def test_an_announcement_at_a_briefing_dates_the_policy(text: str) -> None:
    assert _by_surface(text, "2023-07-06")["7月3日"].kind == "event"


def test_a_ministry_speaking_at_its_briefing_dates_its_policy() -> None:
    text = (
        "The commerce ministry said at a news conference on Thursday it will curb graphite exports"
    )
    assert _by_surface(text, "2023-10-22")["on Thursday"].kind == "event"


def test_the_policys_own_date_is_kept_beside_the_briefing() -> None:
    body = "商务部发言人6日在发布会上说，商务部、海关总署7月3日发布了镓、锗出口管制公告。"
    rows = _rows(body, "2023-07-06 20:00")
    assert rows["6日"]["kind"] == "report" and not rows["6日"]["is_policy_event"]
    assert rows["7月3日"]["is_policy_event"]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("香港新聞網7月6日電 7月6日，商務部召開例行記者會，發言人回應鎵鍺管制", "7月6日"),
        ("7月6日，商务部召开例行新闻发布会，发言人回应镓锗管制", "7月6日"),
        ("商务部6日举行例行记者会，回应镓锗管制", "6日"),
    ],
)  # fmt: skip
def test_the_day_a_briefing_is_held_is_a_report_date(text: str, surface: str) -> None:
    mention = [m for m in resolve_dates(text, "2023-07-06") if m.surface == surface][-1]
    assert mention.kind == "report" and "report_date" in mention.flags


# ---- "from the day of publication" is an anaphor, like 即日起 ------------------------------------
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("第18号公告于2025年4月4日发布，自发布之日起实施", "自发布之日起"),
        ("第18號公告於2025年4月4日發布，自公布日起實施", "自公布日起"),
        ("The notice was issued on April 4, 2025, effective immediately", "effective immediately"),
    ],
)  # fmt: skip
def test_from_publication_day_takes_the_announcement_date(text: str, surface: str) -> None:
    mention = _by_surface(text, "2025-04-10")[surface]
    assert mention.date_start == date(2025, 4, 4)
    assert "anaphora_previous_date" in mention.flags


def test_from_publication_day_without_a_date_is_the_publication_day() -> None:
    mention = _by_surface("本办法自发布之日起施行", "2025-04-10")["自发布之日起"]
    assert mention.date_start == date(2025, 4, 10)
    assert "anaphora_publication_date" in mention.flags


# ---- weekends and quarters without 度 -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("上週末，商務部宣布暫停管制", "2025-11-10", "上週末", "2025-11-08", "2025-11-09"),
        ("上周末商务部宣布暂停管制", "2025-11-12", "上周末", "2025-11-08", "2025-11-09"),
        ("Beijing announced over the weekend", "2025-11-10", "over the weekend", "2025-11-08",
         "2025-11-09"),
        ("公司第三季營收增長", "2025-11-10", "第三季", "2025-07-01", "2025-09-30"),
        ("今年一季出口下降", "2025-05-10", "今年一季", "2025-01-01", "2025-03-31"),
        ("2024年第四季出口回升", "2025-05-10", "2024年第四季", "2024-10-01", "2024-12-31"),
    ],
)  # fmt: skip
def test_weekends_and_short_quarters(text: str, pub: str, surface: str, start: str,
                                     end: str) -> None:  # fmt: skip
    mention = _by_surface(text, pub)[surface]
    assert (mention.date_start, mention.date_end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def test_four_seasons_is_not_a_quarter() -> None:
    assert resolve_dates("当地四季如春", "2025-05-10") == []


# ---- a past announcement named in a later article is a dated event ------------------------------
@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("分析称，中国2022年6月宣布的稀土出口管制措施至今有效。", "2022年6月", "2022-06-01"),
        ("分析稱，中國2022年6月宣布的稀土出口管制措施至今有效。", "2022年6月", "2022-06-01"),
        ("Under the new contract, DoD funding rises from the US$120 million announced in June 2022.",
         "June 2022", "2022-06-01"),
    ],
)  # fmt: skip
def test_past_announcement_is_an_event(body: str, surface: str, start: str) -> None:
    row = _rows(body, "2023-08-01 10:00", "Lynas DoD contract")[surface]
    assert row["date_start"] == pd.Timestamp(start)
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- dates that bound a fiscal year are not events ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub"),
    [
        ("澳洲政府表示，始自7月1日的本財年將撥款支持稀土加工", "2025-06-20"),
        ("澳洲政府表示，始自7月1日的本财年将拨款支持稀土加工", "2025-08-20"),
        ("funding in the fiscal year starting July 1 supports processing", "2025-08-20"),
    ],
)  # fmt: skip
def test_fiscal_year_bounds_are_not_events(text: str, pub: str) -> None:
    mention = next(m for m in resolve_dates(text, pub) if m.granularity == "day")
    assert mention.kind != "event"


# ---- a year or half-year alone is not a policy event (a catalogue link may give the day) ---
@pytest.mark.parametrize(
    "body",
    [
        "Lynas received its licence renewal for the Malaysian plant in 2021.",
        "2024年，国家出台《稀土管理条例》，实施总量调控。",
        "2024年，國家出台《稀土管理條例》，實施總量調控。",
        "China announced its rare earth export quota for the second half of this year.",
        "商务部公布下半年稀土出口配额。",
    ],
)
def test_year_or_half_only_is_not_a_policy_event(body: str) -> None:
    rows = _rows(body, "2025-04-07 10:00")
    assert rows and not any(r["is_policy_event"] for r in rows.values())


def test_year_only_mention_still_links_the_catalogue() -> None:
    body = "China cut rare-earth supply to Japan in 2010 amid a maritime dispute."
    row = _rows(body, "2025-01-10 10:00", "history")["2010"]
    assert not row["is_policy_event"]
    assert row["catalogue_id"] == "cn_japan_embargo_2010_09_23"


# ---- type of a date whose own clause names none ---------------------------------------------------
def test_dates_qualifying_an_earlier_noun_take_its_type() -> None:
    body = ("Earlier restrictions, including those imposed in August 2023 on gallium and in "
            "April 2025 on dysprosium, are not mentioned.")  # fmt: skip
    rows = _rows(body, "2025-11-07 15:00", "suspension")
    assert rows["August 2023"]["event_type"] == rows["April 2025"]["event_type"] == "export_control"
    assert rows["August 2023"]["is_policy_event"] and rows["April 2025"]["is_policy_event"]


def test_a_qualifying_clause_takes_the_type_of_the_clause_it_qualifies() -> None:
    body = ("China has suspended its expanded rare earth export controls for one year, effective "
            "from early November 2025, following a trade agreement with the United States.")  # fmt: skip
    row = _rows(body, "2025-11-10 10:00", "suspension")["early November 2025"]
    assert row["event_type"] == "export_control_relaxation" and row["is_policy_event"]


def test_a_background_clause_does_not_type_an_earlier_date() -> None:
    body = "The list was widened on October 9 and applied on October 10, after a summit with Japan."
    row = _rows(body, "2025-10-12 10:00", "news")["October 9"]
    assert row["event_type"] != "diplomatic_meeting"


def test_first_months_of_a_year_are_statistics() -> None:
    text = "in the first 11 months of 2010, China exported 35,000 tonnes"
    mention = _by_surface(text, "2011-01-05")["the first 11 months of 2010"]
    assert mention.kind == "period"
    assert (mention.date_start, mention.date_end) == (date(2010, 1, 1), date(2010, 11, 30))


def test_a_month_naming_controls_is_not_a_statistics_period() -> None:
    found = _by_surface("China suspends October export tightening", "2025-11-07")
    assert found["October"].kind == "event"
    assert _by_surface("October exports fell 30 percent", "2025-11-07")["October"].kind == "period"


def test_an_official_statement_is_not_a_market_report() -> None:
    body = ("According to a statement released Friday by the Ministry of Commerce, the suspension "
            "covers the measures on rare earth materials.")  # fmt: skip
    row = _rows(body, "2025-11-08 10:00", "rare earths")["Friday"]
    assert row["event_type"] == "export_control_relaxation" and row["is_policy_event"]


@pytest.mark.parametrize(
    "body", ["中國稀土集團昨日在贛州正式組建成立。", "中国稀土集团昨日在赣州正式组建成立。"]
)
def test_founding_a_state_group_is_industrial_policy(body: str) -> None:
    row = _rows(body, "2021-12-24 04:30")["昨日"]
    assert row["event_type"] == "industrial_policy" and row["is_policy_event"]


@pytest.mark.parametrize(
    "text", ["國家經貿委發布的公告(二○○二年第77號)公布了配額", "公告（二〇〇二年第七十七号）"]
)
def test_document_numbers_with_chinese_numeral_years_hold_no_date(text: str) -> None:
    assert resolve_dates(text, "2003-09-10") == []


# ==== kinds seen on the third held-out set (and left over from the second) ====================
# ---- "to be held on", "expects to": a future clause resolves forward and dates no event --------
@pytest.mark.parametrize(
    ("body", "surface", "start"),
    [
        ("The trade body asked for a review meeting to be held on March 3 to weigh the quota.",
         "March 3", "2026-03-03"),
        ("Arafura expects to ship its first separated oxide in August.", "August", "2026-08-01"),
        ("The miner aims to restart its separation line in February.", "February", "2026-02-01"),
    ],
)  # fmt: skip
def test_future_phrasings_resolve_forward(body: str, surface: str, start: str) -> None:
    row = _rows(body, "2025-09-10 09:00", "Rare earths")[surface]
    assert row["date_start"] == pd.Timestamp(start)
    assert row["kind"] != "event" and not row["is_policy_event"]


# ---- "PERTH, March 4 — ...": a dash dateline; it does not claim the sentence's clause ----------
def test_dash_dateline_is_a_report_and_frees_the_clause() -> None:
    body = ("PERTH, March 4 — Arafura has made the first separated oxide at its Nolans refinery, "
            "the company said on Monday.")  # fmt: skip
    rows = _rows(body, "2026-03-04 12:00", "Rare earths")
    assert rows["March 4"]["kind"] == "report" and "dateline" in rows["March 4"]["flags"]
    assert not rows["March 4"]["is_policy_event"]
    monday = rows["on Monday"]
    assert monday["date_start"] == pd.Timestamp("2026-03-02")
    assert monday["event_type"] == "production_milestone" and monday["is_policy_event"]


# ---- EU act numbers are document numbers, never years ------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "The rules, published as Regulation (EU) 2023/1542, cover magnets in batteries.",
        "Implementing Regulation (EU) No 1252/2024 lists the strategic projects.",
        "The Commission updated Decision 2024/1890 on critical raw materials.",
    ],
)
def test_eu_act_numbers_are_not_dates(body: str) -> None:
    assert not [m for m in resolve_dates(body, "2025-03-01") if m.date_start is not None]


def test_slash_dates_stay_dates() -> None:
    (mention,) = resolve_dates("The list took effect on 2024/10/01.", "2025-03-01")
    assert mention.date_start == date(2024, 10, 1)


# ---- a business chamber's letter about controls is the lobby's date, not the policy's ----------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("美国商会3月2日致信商务部，对稀土出口管制表示关切。", "3月2日"),
        ("美國商會3月2日致信商務部，對稀土出口管制表示關切。", "3月2日"),
        ("欧洲工商会于3月2日发表公开信，呼吁放宽管制。", "3月2日"),
        ("The European business chamber wrote to the commerce ministry on Monday that the export "
         "controls were hurting its members.", "on Monday"),
    ],
)  # fmt: skip
def test_chamber_letter_is_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2026-03-04 09:00")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_the_ministry_itself_still_dates_its_controls() -> None:
    row = _rows("商务部3月2日宣布对稀土相关物项实施出口管制。", "2026-03-04 09:00")["3月2日"]
    assert row["kind"] == "event" and row["is_policy_event"]


# ---- "the six months to December": a reporting period ending with the nearest such month -------
@pytest.mark.parametrize(
    ("text", "pub", "start", "end"),
    [
        ("Revenue for the six months to December rose 12%.", "2026-02-20", "2025-07-01",
         "2025-12-31"),
        ("The miner guided sales for the six months to December higher.", "2025-08-20",
         "2025-07-01", "2025-12-31"),
        ("Sales in the three months ended March 31, 2025 fell.", "2025-08-20", "2025-01-01",
         "2025-03-31"),
        ("截至6月的六个月，公司营收下降。", "2025-08-20", "2025-01-01", "2025-06-30"),
    ],
)  # fmt: skip
def test_months_to_a_month_is_a_reporting_period(text: str, pub: str, start: str, end: str) -> None:
    (mention,) = resolve_dates(text, pub)
    assert (mention.date_start, mention.date_end) == (date.fromisoformat(start),
                                                      date.fromisoformat(end))  # fmt: skip
    assert mention.kind == "period"


# ---- vocabulary: WTO consultations, drafts, promulgation, signature, consolidation, producers ----
@pytest.mark.parametrize(
    ("body", "surface", "kind"),
    [
        ("Canada requested consultations with China on May 7 over rare earths.",
         "May 7", "trade_dispute"),
        ("5月7日，加拿大就稀土出口措施向中方提出磋商请求。", "5月7日", "trade_dispute"),
        ("两部门5月7日公布了稀土技术清单草案。", "5月7日", "industrial_policy"),
        ("兩部門5月7日公布了稀土技術清單徵求意見稿。", "5月7日", "industrial_policy"),
        ("The rules were promulgated on May 7 for the rare earth sector.", "May 7",
         "industrial_policy"),
        ("工信部5月7日表示，年底前将稀土冶炼企业整合为两大集团。", "5月7日", "industrial_policy"),
        ("工信部5月7日表示，年底前將稀土冶煉企業重組為兩大集團。", "5月7日", "industrial_policy"),
        ("The Beijing order on rare earths bears the premier's signature of May 7.", "May 7",
         "trade_agreement"),
        ("Arafura became the first commercial producer of NdPr in Australia on May 7.", "May 7",
         "production_milestone"),
        ("China announced an expansion of its rare earth licensing on May 7.", "May 7",
         "export_control"),
        ("Beijing suspended the October expansion on May 7 for a year.", "May 7",
         "export_control_relaxation"),
    ],
)  # fmt: skip
def test_policy_vocabulary(body: str, surface: str, kind: str) -> None:
    row = _rows(body, "2026-05-08 09:00")[surface]
    assert row["event_type"] == kind and row["is_policy_event"]


# ---- a firm running its business is not policy, whatever weak word is near ---------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("Lynas said Tuesday it would suspend production at its Malaysian plant for maintenance.",
         "Tuesday"),
        ("某稀土冶炼厂3月3日宣布停产检修。", "3月3日"),
        ("某稀土冶煉廠3月3日宣布停產檢修。", "3月3日"),
        ("Under an agreement in March, the lenders deferred the interest due on the rare earth "
         "miner's loan until October.", "March"),
    ],
)  # fmt: skip
def test_firm_operations_are_not_policy(body: str, surface: str) -> None:
    row = _rows(body, "2026-05-06 09:00", "Rare earths")[surface]
    assert row["event_type"] == "firm_operations" and not row["is_policy_event"]


# ---- a strong keyword wins a tie over a weak one ------------------------------------------------
def test_strong_keyword_beats_weak_word() -> None:
    row = _rows("The rare earth regulations were adopted at a State Council meeting on April 26.",
                "2026-05-06 09:00")["April 26"]  # fmt: skip
    assert row["event_type"] == "industrial_policy" and row["is_policy_event"]


# ---- a sentence about commodities outside the scope dates no rare-earth policy event ------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("China lost a WTO appeal in January in a case over duties on zinc and coke.", "January"),
        ("世贸组织1月裁定中国对锌和焦炭的出口限制违规。", "1月"),
    ],
)
def test_out_of_scope_commodities_are_not_policy(body: str, surface: str) -> None:
    assert not _rows(body, "2012-06-28 09:00", "稀土")[surface]["is_policy_event"]
    rare_earths = body.replace("zinc and coke", "rare earths").replace("锌和焦炭", "稀土")
    assert _rows(rare_earths, "2012-06-28 09:00", "稀土")[surface]["is_policy_event"]


# ---- 自…起施行 keeps the type of the clause it qualifies, even alone in its sentence -------------
@pytest.mark.parametrize(
    "body",
    ["国务院总理日前签署命令，公布《稀土条例》，自2024年10月1日起施行。",
     "國務院總理日前簽署命令，公佈《稀土條例》，自2024年10月1日起施行。"],
)  # fmt: skip
def test_effective_date_takes_the_qualified_clause(body: str) -> None:
    row = _rows(body, "2024-06-29 17:00")["2024年10月1日"]
    assert row["event_type"] == "industrial_policy"
