"""mentions_to_events: the in-memory step from extracted mentions to study events."""

from __future__ import annotations

import pandas as pd

from reequity.events.extract import extract_events
from reequity.events.mentions import EVENTS_COLUMNS, LOG_COLUMNS, describe_log, mentions_to_events

from .conftest import SEED

DUMP = (
    "稀土新闻\nReuters· 2025-10-20 10:00\n"
    "10月9日，商务部宣布对稀土相关技术实施出口管制。\n"
    "10月10日，商务部再次发布出口管制公告。\n"
    "据彭博社周六报道，美国公司拿不到镝。\n"
    "10月3日，商务部宣布对钨实施出口管制。\n"
    "10月3日，商务部再次强调对钨实施出口管制。\n"
    "美国9月稀土进口量下降两成。\n"
    "商务部将于10月30日公布细则，有效期两年。\n"
)


def _run(**options):
    mentions = extract_events(DUMP)
    return mentions, *mentions_to_events(mentions, **options)


def test_schemas_differ_and_every_row_is_logged() -> None:
    mentions, events, log = _run(confounders=False)
    assert list(events.columns) == EVENTS_COLUMNS and list(log.columns) == LOG_COLUMNS
    assert "surface" in mentions and "surface" not in events
    assert log["row"].tolist() == list(range(len(mentions)))


def test_linked_unlinked_duplicates_and_reasons() -> None:
    _, events, log = _run(confounders=False)
    assert events["event_id"].tolist() == ["mention_2025_10_03_export_control",
                                           "cn_export_controls_2025_10_09"]  # fmt: skip
    reasons = dict(zip(log["surface"] + "@" + log["row"].astype(str), log["reason"], strict=True))
    assert reasons["10月9日@0"] == "linked catalogue event"
    assert reasons["10月10日@1"] in ("duplicate of catalogue event",
                                     "duplicate of a linked catalogue event")  # fmt: skip
    assert reasons["周六@2"] == "not an event (kind report)"
    assert reasons["10月3日@3"] == "policy event mention dated to a day"
    assert reasons["10月3日@4"] == "duplicate of extracted event"
    assert reasons["9月@5"] == "not an event (kind period)"
    assert reasons["10月30日@6"].startswith("not an event (kind")
    assert reasons["两年@7"] == "no date"
    assert describe_log(log).startswith("used 2 of 8 extracted rows; left out: ")


def test_confounders_ride_along_for_the_study_checks() -> None:
    from reequity.workflows import select_events

    _, events, _ = _run()
    study, confounders = select_events(events)
    assert set(study["event_id"]) == {"mention_2025_10_03_export_control",
                                      "cn_export_controls_2025_10_09"}  # fmt: skip
    assert "us_liberation_day_tariffs_2025_04_02" in set(confounders["event_id"])


def test_seed_gives_catalogue_events_without_a_csv(seed_events: pd.DataFrame) -> None:
    events, log = mentions_to_events(seed_events, confounders=False)
    assert {"cn_export_controls_2025_04_04", "cn_export_controls_2025_10_09",
            "busan_trump_xi_meeting_2025_10_30"} <= set(events["event_id"])  # fmt: skip
    assert log["used"].sum() == len(events) and events["event_id"].is_unique
    assert SEED.exists()


def test_csv_round_trip_matches_in_memory(tmp_path, seed_events: pd.DataFrame) -> None:
    from reequity.events.io import load_events

    path = tmp_path / "m.csv"
    seed_events.to_csv(path, index=False)
    in_memory, _ = mentions_to_events(seed_events)
    pd.testing.assert_frame_equal(load_events(path), in_memory, check_dtype=False)
