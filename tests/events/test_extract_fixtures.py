"""Extraction on the hand-written fixture dumps (cross-year, weekday, English summaries)."""

from __future__ import annotations

import pandas as pd
import pytest

from reequity.errors import ArticleFormatError, ReequityWarning
from reequity.events.extract import extract_events

from .conftest import FIXTURES


def test_mixed_fixture() -> None:
    frame = extract_events(FIXTURES / "handwritten_mixed.txt").set_index("surface")
    dec3 = frame.loc["12月3日"]
    assert dec3["date_start"] == pd.Timestamp("2024-12-03")  # written 2025-02-15: cross-year
    assert dec3["event_type"] == "export_control" and dec3["is_policy_event"]
    assert "MOFCOM" in dec3["actors"]
    oct_end = frame.loc["去年10月底"]
    assert (oct_end["date_start"], oct_end["date_end"]) == (
        pd.Timestamp("2024-10-21"),
        pd.Timestamp("2024-10-31"),
    )
    monday = frame.loc["on Monday"]
    assert monday["date_start"] == pd.Timestamp("2025-06-02")  # published Monday 2025-06-02
    assert monday["event_type"] == "production_milestone"
    assert frame.loc["by 2030", "kind"] == "target"
    assert frame.loc["six months", "kind"] == "duration"


def test_english_summary_fixture_links_catalogue_events() -> None:
    with pytest.warns(ReequityWarning):
        frame = extract_events(FIXTURES / "handwritten_en.txt")
    linked = dict(zip(frame["surface"], frame["catalogue_id"], strict=True))
    assert linked["April 2025"] == "cn_export_controls_2025_04_04"
    assert linked["October 9, 2025"] == "cn_export_controls_2025_10_09"
    assert linked["early November"] == "cn_export_control_suspension_2025_11_07"
    assert linked["2010"] == "cn_japan_embargo_2010_09_23"
    assert frame["article_id"].isin([0, 2]).all()


def test_bad_articles_frame() -> None:
    with pytest.raises(ArticleFormatError, match="lacks column"):
        extract_events(pd.DataFrame({"title": ["x"]}))


def test_empty_articles_frame_gives_empty_result() -> None:
    from reequity.events.articles import COLUMNS
    from reequity.events.extract import EVENT_COLUMNS

    frame = extract_events(pd.DataFrame(columns=COLUMNS))
    assert list(frame.columns) == EVENT_COLUMNS and frame.empty
