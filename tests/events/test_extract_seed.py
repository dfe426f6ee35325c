"""Acceptance on the seed dump (issue 4), taken literally."""

from __future__ import annotations

import pandas as pd

from reequity.events.articles import read_articles
from reequity.events.extract import EVENT_COLUMNS, extract_events

from .conftest import SEED


def _row(frame: pd.DataFrame, article_id: int, surface: str) -> pd.Series:
    rows = frame[(frame["article_id"] == article_id) & (frame["surface"] == surface)]
    assert len(rows) == 1, f"{surface!r} in article {article_id}: {len(rows)} rows"
    return rows.iloc[0]


def test_columns_exactly_as_designed(seed_events: pd.DataFrame) -> None:
    assert list(seed_events.columns) == EVENT_COLUMNS
    assert seed_events["published_at"].dt.tz is not None
    assert seed_events["is_policy_event"].dtype == bool
    assert seed_events["confidence"].between(0, 1).all()


def test_dec_25_resolves_to_2025_12_25(seed_events: pd.DataFrame) -> None:
    row = _row(seed_events, 1, "12月25日")
    assert (row["date_start"], row["date_end"]) == (
        pd.Timestamp("2025-12-25"),
        pd.Timestamp("2025-12-25"),
    )
    assert row["kind"] == "event"
    assert row["catalogue_id"] == "us_dysprosium_shortage_report_2025_12_25"


def test_end_of_october_links_to_busan(seed_events: pd.DataFrame) -> None:
    row = _row(seed_events, 8, "10月底")
    assert (row["date_start"], row["date_end"]) == (
        pd.Timestamp("2025-10-21"),
        pd.Timestamp("2025-10-31"),
    )
    assert row["granularity"] == "part_of_month"
    assert row["catalogue_id"] == "busan_trump_xi_meeting_2025_10_30"
    assert row["event_date"] == pd.Timestamp("2025-10-30")
    assert row["event_type"] == "diplomatic_meeting"
    assert {"China", "US"} <= set(row["actors"].split(";"))


def test_dec_1_deadline_is_not_an_event(seed_events: pd.DataFrame) -> None:
    row = _row(seed_events, 8, "12月1日之前")
    assert row["kind"] == "deadline"
    assert row["date_start"] == pd.Timestamp("2025-12-01")
    assert not row["is_policy_event"]
    assert row["catalogue_id"] == ""


def test_summary_year_conflict_is_flagged_and_corrected(seed_events: pd.DataFrame) -> None:
    april = _row(seed_events[seed_events["sentence"].str.contains("in 2023")], 5, "April")
    october = _row(seed_events[seed_events["sentence"].str.contains("in 2023")], 5, "October")
    for row, event_id, day in [(april, "cn_export_controls_2025_04_04", "2025-04-04"),
                               (october, "cn_export_controls_2025_10_09", "2025-10-09")]:  # fmt: skip
        assert "year_conflict" in row["flags"].split(";")
        assert row["date_start"].year == 2023  # the literal reading is kept
        assert row["catalogue_id"] == event_id
        assert row["event_date"] == pd.Timestamp(day)
        assert row["is_policy_event"]
    stated = _row(seed_events, 5, "2023")
    assert "year_conflict" in stated["flags"]
    assert stated["catalogue_id"] == ""


def test_2010_links_to_japan_embargo(seed_events: pd.DataFrame) -> None:
    row = _row(seed_events, 5, "2010")
    assert row["catalogue_id"] == "cn_japan_embargo_2010_09_23"
    assert row["event_date"].strftime("%Y-%m") == "2010-09"


def test_decade_is_not_a_policy_event(seed_events: pd.DataFrame) -> None:
    row = _row(seed_events, 4, "上世纪八九十年代")
    assert row["granularity"] == "decade"
    assert (row["date_start"], row["date_end"]) == (
        pd.Timestamp("1980-01-01"),
        pd.Timestamp("1999-12-31"),
    )
    assert not row["is_policy_event"]
    assert row["catalogue_id"] == ""


def test_durations_carry_no_dates(seed_events: pd.DataFrame) -> None:
    durations = seed_events[seed_events["kind"] == "duration"]
    assert {"两年以上", "一个月", "six months", "five to seven years"} <= set(durations["surface"])
    assert durations["date_start"].isna().all()
    assert not durations["is_policy_event"].any()


def test_frame_path_and_text_inputs_agree(seed_events: pd.DataFrame) -> None:
    from_frame = extract_events(read_articles(SEED))
    from_text = extract_events(SEED.read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(from_frame, seed_events)
    pd.testing.assert_frame_equal(from_text, seed_events)


def test_custom_catalogue_frame_is_used() -> None:
    from reequity.events.catalogue import load_catalogue

    only_busan = load_catalogue()
    only_busan = only_busan[only_busan["event_id"].str.startswith("busan")]
    frame = extract_events(SEED, catalogue=only_busan)
    assert set(frame["catalogue_id"]) - {""} == {"busan_trump_xi_meeting_2025_10_30"}
