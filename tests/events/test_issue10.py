"""Issue 10 kinds, on hand-written sentences (our own wording) in both scripts and English."""

from __future__ import annotations

from datetime import date

import pytest

from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events

from ._kinds import by_surface as _by_surface


# ---- parsing -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "start", "end"),
    [
        ("商務部 1 月 6 日發布公告", "2026-02-01", "1 月 6 日", "2026-01-06", "2026-01-06"),
        ("去年 11 月初兩國關係惡化", "2026-02-01", "去年 11 月初", "2025-11-01", "2025-11-10"),
        ("2025 年 10 月 9 日起生效", "2025-10-20", "2025 年 10 月 9 日", "2025-10-09", "2025-10-09"),
        ("海关总署14日公布数据", "2026-01-20", "14日", "2026-01-14", "2026-01-14"),
        ("统计局15日发布报告", "2026-01-20", "15日", "2026-01-15", "2026-01-15"),
        ("外交部廿日宣布", "2025-12-26", "廿日", "2025-12-20", "2025-12-20"),
        ("卅一日晚间", "2025-12-31", "卅一日", "2025-12-31", "2025-12-31"),
        ("二○二四年十月一日起施行", "2024-11-01", "二○二四年十月一日", "2024-10-01", "2024-10-01"),
        ("二〇二四年十月一日", "2024-11-01", "二〇二四年十月一日", "2024-10-01", "2024-10-01"),
        ("商務部今（9）日公告", "2025-10-09", "今（9）日", "2025-10-09", "2025-10-09"),
        ("商务部昨（9）日公告", "2025-11-10", "昨（9）日", "2025-11-09", "2025-11-09"),
        ("Output rose in the March quarter", "2024-04-20", "the March quarter", "2024-01-01",
         "2024-03-31"),
        ("first ore arrived in the June quarter", "2024-10-30", "the June quarter", "2024-04-01",
         "2024-06-30"),
    ],
)  # fmt: skip
def test_parsing(text: str, pub: str, surface: str, start: str, end: str) -> None:
    found = _by_surface(text, pub)
    assert surface in found, list(found)
    assert (found[surface].date_start, found[surface].date_end) == (
        date.fromisoformat(start),
        date.fromisoformat(end),
    )


def test_fourteenth_announced_is_not_a_duration() -> None:
    assert _by_surface("14日公布", "2026-01-20")["14日"].kind == "event"
    assert _by_surface("14日内完成", "2026-01-20")["14日内"].kind == "duration"


def test_tonnage_with_circle_zero_is_not_a_date() -> None:
    assert resolve_dates("出口量达六一五○吨", "2025-12-26") == []


@pytest.mark.parametrize(
    ("text", "pub", "surface", "day", "flag"),
    [
        ("商务部10月9日公布管制，当天稀土股大涨", "2025-10-20", "当天", "2025-10-09",
         "anaphora_previous_date"),
        ("商務部10月9日公布管制，當天稀土股大漲", "2025-10-20", "當天", "2025-10-09",
         "anaphora_previous_date"),
        ("海关总署同日发布数据", "2025-10-20", "同日", "2025-10-20", "anaphora_publication_date"),
        ("自即日起暂停实施", "2025-11-07", "即日起", "2025-11-07", "anaphora_publication_date"),
        ("Beijing announced the curbs on April 4 and Tokyo protested the same day", "2025-04-10",
         "the same day", "2025-04-04", "anaphora_previous_date"),
        ("Lynas said on May 16 that output began that day", "2025-05-20", "that day",
         "2025-05-16", "anaphora_previous_date"),
    ],
)  # fmt: skip
def test_anaphora(text: str, pub: str, surface: str, day: str, flag: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.date_start == date.fromisoformat(day)
    assert flag in mention.flags


def test_anaphora_skips_future_dates() -> None:
    text = "2025年10月9日公布，部分条款自2025年12月1日起实施，其余自公告发布当日起实施"
    assert _by_surface(text, "2025-10-12")["当日"].date_start == date(2025, 10, 9)


# ---- tense -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("A joint text will be unveiled on Monday", "2025-11-02", "on Monday", "2025-11-03"),
        ("The ministry is expected to publish rules on Friday", "2025-11-03", "on Friday",
         "2025-11-07"),
        ("新规将于周一公布", "2025-11-05", "周一", "2025-11-10"),
        ("下周一将举行会谈", "2025-11-05", "下周一", "2025-11-10"),
    ],
)  # fmt: skip
def test_weekday_in_future_clause_is_the_next_one(
    text: str, pub: str, surface: str, day: str
) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.date_start == date.fromisoformat(day)
    assert mention.kind != "event"


@pytest.mark.parametrize(
    ("text", "pub", "surface", "start"),
    [
        ("Further details are expected in June", "2025-11-02", "June", "2026-06-01"),
        ("更完整的数据将于10月20日公布", "2025-10-13", "10月20日", "2025-10-20"),
        ("新規預計6月實施", "2025-11-02", "6月", "2026-06-01"),
    ],
)  # fmt: skip
def test_month_in_future_clause_resolves_forward(
    text: str, pub: str, surface: str, start: str
) -> None:
    found = {m.surface.split()[-1] if " " in m.surface else m.surface: m
             for m in resolve_dates(text, pub)}  # fmt: skip
    mention = next(m for key, m in found.items() if surface in key)
    assert mention.date_start == date.fromisoformat(start)
    assert mention.kind != "event"


def test_later_this_year_and_next_year_are_not_events() -> None:
    later = _by_surface("approvals may continue later this year", "2026-02-08")["later this year"]
    assert (later.date_start, later.date_end) == (date(2026, 2, 9), date(2026, 12, 31))
    assert later.kind != "event"
    assert _by_surface("明年起实施新规", "2025-11-02")["明年"].kind != "event"


def test_past_date_in_a_will_sentence_stays_an_event() -> None:
    text = "China will halt the limitations that Beijing announced on October 9"
    assert _by_surface(text, "2025-11-02")["October 9"].kind == "event"


# ---- classification ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["商务部 海关总署公告（2025）第70号", "商務部公告2025年第61號", "根据公告 2025 年第 61 号",
     "under MOFCOM Announcement No. 18 [2025]", "Announcement No. 18 of 2025",
     "工信部联原〔2023〕245号"],
)  # fmt: skip
def test_document_numbers_hold_no_date(text: str) -> None:
    assert resolve_dates(text, "2025-11-10") == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("工信部下达2023年第三批稀土开采总量控制指标", "2023年"),
        ("2009年度稀土出口配额", "2009年"),
        ("the 2011 quota was cut", "2011"),
        ("the 2024 output of the mine", "2024"),
        ("中国9月稀土出口4000吨", "9月"),
        ("出口量较8月下降三成", "8月"),
        ("日本2024年稀土进口总量约72%来自中国", "2024年"),
        ("Sales revenue for the September quarter fell", "the September quarter"),
        ("为2014年以来最高", "2014年"),
    ],
)  # fmt: skip
def test_quota_batches_and_statistics_are_periods(text: str, surface: str) -> None:
    assert _by_surface(text, "2025-12-27")[surface].kind == "period"


@pytest.mark.parametrize(
    ("text", "pub", "surface", "flag"),
    [
        ("Two trading firms said Wednesday that exports resumed", "2010-09-29", "Wednesday",
         "report_date"),
        ("据共同社周日报道，中方加强审查", "2026-01-19", "周日", "report_date"),
        ("據共同社週日報導，中方加強審查", "2026-01-19", "週日", "report_date"),
        ("Kyodo News reported Friday that licences were approved", "2026-02-08", "Friday",
         "report_date"),
        ("日媒1月17日报道，中方要求补充材料", "2026-01-18", "1月17日", "report_date"),
        ("本月初路透曾披露，三家厂商获得许可", "2025-12-26", "本月初", "report_date"),
        ("新华社北京10月9日电 商务部发布公告", "2025-10-09", "10月9日", "dateline"),
        ("中央社上海7日電 商務部當晚公告", "2025-11-07", "7日", "dateline"),
        ("BEIJING, Dec 27 (Reuters) - China set quotas", "2011-12-27", "Dec 27", "dateline"),
    ],
)  # fmt: skip
def test_report_dates_and_datelines(text: str, pub: str, surface: str, flag: str) -> None:
    mention = _by_surface(text, pub)[surface]
    assert mention.kind == "report" and flag in mention.flags


def test_an_announcing_ministry_dates_its_own_policy() -> None:
    text = "China's Ministry of Commerce said on Tuesday it has cut export quotas"
    assert _by_surface(text, "2011-12-27")["on Tuesday"].kind == "event"


def test_publication_name_is_not_a_day() -> None:
    text = "a trade official told Japan Today. Today Beijing spoke"
    found = _by_surface(text, "2026-02-08")
    assert [m.start for m in found.values()] == [text.rindex("Today")]  # the sentence-initial one


def _dump(*articles: tuple[str, str, str]) -> str:
    return "".join(f"{t}\nReuters· {p}\n{b}\n\n" for t, p, b in articles)


def test_traditional_is_classified_like_simplified() -> None:
    simp = _dump(("稀土", "2025-11-08 10:00", "11月7日，商务部宣布暂停实施出口管制措施。"))
    trad = _dump(("稀土", "2025-11-08 10:00", "11月7日，商務部宣佈暫停實施出口管制措施。"))
    a, b = extract_events(simp), extract_events(trad)
    cols = ["date_start", "kind", "is_policy_event", "event_type", "actors", "catalogue_id"]
    assert a[cols].to_dict("records") == b[cols].to_dict("records")
    assert b.at[0, "event_type"] == "export_control_relaxation"
    assert "商務部" in b.at[0, "sentence"]  # the original text is kept


@pytest.mark.parametrize(
    ("body", "event_type"),
    [
        ("China resumed giving the green light to rare earth exports to Japan on Friday.",
         "export_control_relaxation"),
        ("China will halt specific export limitations on rare earths it set on October 9.",
         "export_control_relaxation"),
        ("12月14日，工信部下達2023年第三批稀土開採、冶煉分離總量控制指標。", "export_control"),
        ("12月14日，工信部下达第三批稀土开采、冶炼分离总量控制指标。", "export_control"),
    ],
)  # fmt: skip
def test_long_phrasings_are_found(body: str, event_type: str) -> None:
    frame = extract_events(_dump(("news", "2025-12-20 09:00", body)))
    events = frame[frame["kind"] == "event"]
    assert events.iloc[0]["event_type"] == event_type


def test_generic_word_never_links() -> None:
    body = "On October 30, 2025, the two firms signed a deal."
    frame = extract_events(_dump(("deal", "2025-11-01 09:00", body)))
    assert frame.at[0, "event_type"] == "trade_agreement"
    assert frame.at[0, "catalogue_id"] == ""  # not the Busan meeting: no actor, no element


def test_link_needs_actor_or_element_overlap() -> None:
    body = "On October 30, 2025, the football clubs held a summit."
    frame = extract_events(_dump(("sport", "2025-11-01 09:00", body)))
    assert frame.at[0, "catalogue_id"] == ""
    body = "On October 30, 2025, Trump and Xi held a summit on rare earths."
    frame = extract_events(_dump(("Busan", "2025-11-01 09:00", body)))
    assert frame.at[0, "catalogue_id"] == "busan_trump_xi_meeting_2025_10_30"


@pytest.mark.parametrize(
    ("text", "pub", "surface", "day"),
    [
        ("新规自10月1日起施行", "2024-06-29", "10月1日", "2024-10-01"),  # ahead
        ("新规自4月4日起实施", "2025-04-10", "4月4日", "2025-04-04"),  # just past
        ("licences are needed from August 1", "2023-07-05", "August 1", "2023-08-01"),
        ("controls apply starting March 2", "2023-03-10", "March 2", "2023-03-02"),
    ],
)  # fmt: skip
def test_effective_dates_take_the_nearest_year(text: str, pub: str, surface: str, day: str) -> None:
    assert _by_surface(text, pub)[surface].date_start == date.fromisoformat(day)


def test_a_dated_notice_takes_its_sentence_type() -> None:
    body = ("Beijing will limit gallium exports from August 1, Bloomberg reported on Tuesday, "
            "citing the ministry's Monday notice.")  # fmt: skip
    frame = extract_events(_dump(("Ga", "2023-07-05 10:00", body))).set_index("surface")
    assert frame.loc["Monday", "is_policy_event"]
    assert frame.loc["on Tuesday", "kind"] == "report"
    trad = "中方研究收緊審查，針對2025年4月4日列管的中重稀土物項。"
    frame = extract_events(_dump(("稀土", "2026-01-07 09:00", trad))).set_index("surface")
    assert frame.loc["2025年4月4日", "event_type"] == "export_control"
