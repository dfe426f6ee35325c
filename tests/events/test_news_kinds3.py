"""Failure kinds seen on the fifth held-out real-news set (issue 10), on hand-written sentences
in our own words, in both scripts. One test (or parametrised group) per kind; each asserts the
general rule, never a fixture sentence.
"""

from __future__ import annotations

import pytest

from ._kinds import rows as _rows


# ---- a claim or restatement (宣称 / 声称 / 重申) dates the words, not a policy -----------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("商务部昨天宣称，对稀土实施出口管制完全合法。", "昨天"),
        ("商務部8日聲稱，稀土出口管制措施並無不當。", "8日"),
        ("外交部发言人9日重申，出口管制不针对特定国家。", "9日"),
        ("海关总署今天再次宣称，稀土出口许可审批正常进行。", "今天"),
    ],
)  # fmt: skip
def test_claim_verb_dates_a_report(body: str, surface: str) -> None:
    row = _rows(body, "2025-03-12")[surface]
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_announcement_by_the_same_ministry_is_still_an_event() -> None:
    """The claim rule must not swallow an announcement: 宣布 still dates the policy."""
    rows = _rows("商务部8日宣布，对稀土实施出口管制。", "2025-03-12")
    assert rows["8日"]["kind"] == "event" and rows["8日"]["is_policy_event"]


# ---- tighter review and strengthened dual-use controls are export controls ------------------
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("北京3月初开始严审对日稀土出口申请。", "3月初"),
        ("北京3月初開始嚴審對日稀土出口申請。", "3月初"),
        ("商务部5日加强军民两用物项对欧出口的审核。", "5日"),
        ("商務部5日加強軍民兩用物項對歐出口的審核。", "5日"),
    ],
)  # fmt: skip
def test_stricter_review_is_an_export_control(body: str, surface: str) -> None:
    row = _rows(body, "2025-03-20")[surface]
    assert row["is_policy_event"] and row["event_type"] == "export_control"


# ---- the edge of a relative year reads like the edge of a month ------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("Beijing said at the end of last year that it would cut quotas.", "the end of last year", "2010-12-21", "2010-12-31"),
        ("The rules took effect at the beginning of this year.", "the beginning of this year", "2011-01-01", "2011-01-10"),
        ("Output will rise by the close of next year.", "the close of next year", "2012-12-21", "2012-12-31"),
    ],
)  # fmt: skip
def test_edge_of_relative_year(text: str, surface: str, start: str, end: str) -> None:
    from reequity.events.dates import resolve_dates

    found = [m for m in resolve_dates(text, "2011-03-15") if surface in m.surface]
    assert found, text
    assert str(found[0].date_start)[:10] == start and str(found[0].date_end)[:10] == end


def test_plain_relative_year_is_still_the_year() -> None:
    from reequity.events.dates import resolve_dates

    (mention,) = resolve_dates("Exports fell last year.", "2011-03-15")
    assert (
        str(mention.date_start)[:10] == "2010-01-01" and str(mention.date_end)[:10] == "2010-12-31"
    )


# ---- a two-digit results year or quarter (25年业绩, 25Q4) is 20YY; "25年来" stays a duration ----
@pytest.mark.parametrize(
    ("text", "surface", "start", "end"),
    [
        ("公司预计25年归母净利润增长一倍。", "25年", "2025-01-01", "2025-12-31"),
        ("公司預計25年歸母淨利潤增長一倍。", "25年", "2025-01-01", "2025-12-31"),
        ("24年度业绩预告显示亏损收窄。", "24年", "2024-01-01", "2024-12-31"),
        ("其中25Q4净利润环比增长。", "25Q4", "2025-10-01", "2025-12-31"),
    ],
)  # fmt: skip
def test_two_digit_results_year(text: str, surface: str, start: str, end: str) -> None:
    from reequity.events.dates import resolve_dates

    found = {m.surface: m for m in resolve_dates(text, "2026-02-11")}
    assert str(found[surface].date_start)[:10] == start and str(found[surface].date_end)[:10] == end


@pytest.mark.parametrize(
    "text", ["公司成立25年来首次亏损。", "他在矿山工作了25年。", "编号为A25Q4的样品"]
)
def test_two_digit_number_elsewhere_is_no_year(text: str) -> None:
    from reequity.events.dates import resolve_dates

    assert all(
        m.date_start is None or str(m.date_start)[:4] != "2025"
        for m in resolve_dates(text, "2026-02-11")
    )


# ---- an English restatement (reiterated / restated / reaffirmed) dates the words, like 重申 ----
@pytest.mark.parametrize(
    ("body", "surface"),
    [
        ("The commerce ministry reiterated on Thursday that its export controls on rare earths stay.", "Thursday"),
        ("The ministry on Thursday reaffirmed its export controls on gallium and germanium.", "Thursday"),
        ("Beijing restated on March 10 that the rare earth export licences would continue.", "March 10"),
    ],
)  # fmt: skip
def test_english_restatement_dates_a_report(body: str, surface: str) -> None:
    rows = _rows(body, "2025-03-14", title="Rare earths")
    row = next(r for s, r in rows.items() if surface in s)
    assert row["kind"] == "report" and not row["is_policy_event"]


def test_an_english_announcement_is_still_an_event() -> None:
    rows = _rows("The commerce ministry announced on Thursday export controls on rare earths.",
                 "2025-03-14", title="Rare earths")  # fmt: skip
    row = next(r for s, r in rows.items() if "Thursday" in s)
    assert row["is_policy_event"] and row["event_type"] == "export_control"
