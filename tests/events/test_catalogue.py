"""The shipped catalogue: content checks and validation errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reequity.errors import EventFormatError
from reequity.events.catalogue import CATALOGUE_COLUMNS, load_catalogue

DESIGN_EVENTS = {
    "cn_export_controls_2025_04_04": "2025-04-04",
    "lynas_dysprosium_oxide_2025_05_16": "2025-05-16",
    "cn_export_controls_2025_10_09": "2025-10-09",
    "us_australia_critical_minerals_framework_2025_10_20": "2025-10-20",
    "us_japan_critical_minerals_framework_2025_10_28": "2025-10-28",
    "busan_trump_xi_meeting_2025_10_30": "2025-10-30",
    "ru_rare_earth_roadmap_order_2025_11_04": "2025-11-04",
    "cn_export_control_suspension_2025_11_07": "2025-11-07",
    "mp_maaden_saudi_refinery_jv_2025_11_19": "2025-11-19",
    "us_dysprosium_shortage_report_2025_12_25": "2025-12-25",
    "mp_materials_dod_partnership_2025_07_10": "2025-07-10",
    "us_liberation_day_tariffs_2025_04_02": "2025-04-02",
    "global_selloff_2025_04_07": "2025-04-07",
    "us_tariff_pause_2025_04_09": "2025-04-09",
    "us_100pct_tariff_threat_2025_10_10": "2025-10-10",
}


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_catalogue()


def test_shape_and_types(catalogue: pd.DataFrame) -> None:
    assert list(catalogue.columns) == CATALOGUE_COLUMNS
    assert catalogue["event_id"].is_unique
    assert catalogue["date"].is_monotonic_increasing
    assert catalogue["confounder"].dtype == bool
    assert (~catalogue["confounder"]).sum() >= 30
    assert catalogue["confounder"].sum() >= 4
    assert (catalogue["sources"] != "").all()
    assert (catalogue["description"].str.len() > 20).all()


def test_design_events_have_verified_dates(catalogue: pd.DataFrame) -> None:
    dates = catalogue.set_index("event_id")["date"].dt.strftime("%Y-%m-%d")
    for event_id, day in DESIGN_EVENTS.items():
        assert dates[event_id] == day
    embargo = dates["cn_japan_embargo_2010_09_23"]
    assert "2010-09-21" <= embargo <= "2010-09-23"


def test_history_since_2010_is_covered(catalogue: pd.DataFrame) -> None:
    policy = catalogue[~catalogue["confounder"]]
    years = set(policy["date"].dt.year)
    assert {2010, 2012, 2014, 2020, 2021, 2023, 2024, 2025} <= years
    assert {"trade_dispute", "export_control_relaxation", "supply_chain_investment"} <= set(
        policy["event_type"]
    )


def test_confounders_filter(catalogue: pd.DataFrame) -> None:
    policy_only = load_catalogue(include_confounders=False)
    assert len(policy_only) == (~catalogue["confounder"]).sum()
    assert not policy_only["confounder"].any()


def _write(tmp_path: Path, catalogue: pd.DataFrame, **changes: object) -> Path:
    frame = catalogue.copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame = frame.astype(str)
    for column, value in changes.items():
        frame.loc[0, column] = value
    path = tmp_path / "cat.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("date", "2025-13-01", r"row 2, column 'date': got '2025-13-01'"),
     ("time", "25:00", "column 'time'"),
     ("timezone", "Mars/Olympus", "column 'timezone'"),
     ("event_id", "Bad Id", "column 'event_id'"),
     ("confounder", "maybe", "column 'confounder'"),
     ("event_type", "", "column 'event_type'")],
)  # fmt: skip
def test_validation_errors_name_row_and_column(
    tmp_path: Path, catalogue: pd.DataFrame, column: str, value: str, message: str
) -> None:
    with pytest.raises(EventFormatError, match=message):
        load_catalogue(_write(tmp_path, catalogue, **{column: value}))


def test_duplicate_and_missing_columns(tmp_path: Path, catalogue: pd.DataFrame) -> None:
    path = _write(tmp_path, catalogue, event_id=catalogue.loc[1, "event_id"])
    with pytest.raises(EventFormatError, match="appears twice"):
        load_catalogue(path)
    frame = pd.read_csv(path).drop(columns=["sources"])
    frame.to_csv(path, index=False)
    with pytest.raises(EventFormatError, match=r"lacks column\(s\) \['sources'\]"):
        load_catalogue(path)
    with pytest.raises(EventFormatError, match="not found"):
        load_catalogue(tmp_path / "nope.csv")


def test_suspension_evening_announcement_day0_per_exchange() -> None:
    # Announcement No. 70 came out on Friday evening Beijing time, after Asia's closes
    import reequity as rq

    cat = rq.load_catalogue()
    row = cat.set_index("event_id").loc["cn_export_control_suspension_2025_11_07"]
    day0 = {
        ex: rq.day_zero(row["date"], exchange=ex, time=row["time"], timezone=row["timezone"])
        for ex in ("XSHG", "XASX", "XNYS")
    }
    assert day0["XSHG"] == day0["XASX"] == pd.Timestamp("2025-11-10")
    assert day0["XNYS"] == pd.Timestamp("2025-11-07")


def test_every_row_has_a_time_or_says_it_has_none(catalogue: pd.DataFrame) -> None:
    timed = catalogue["time"] != ""
    assert (catalogue["time_known"] == timed).all()
    assert (catalogue.loc[timed, "time_source"].str.len() > 20).all()  # says where from
    assert (catalogue.loc[~timed, "time_source"].str.contains("date rule")).all()
    rows = catalogue.set_index("event_id")
    for event_id in ("cn_export_controls_2025_04_04", "cn_retaliatory_tariffs_2025_04_04"):
        assert rows.at[event_id, "time"] >= "17:00"  # Beijing evening
    assert rows.at["cn_export_controls_2025_10_09", "time"] <= "12:00"  # Beijing morning


def test_april_controls_day0_is_monday_in_sydney_and_shanghai(catalogue: pd.DataFrame) -> None:
    import reequity as rq

    row = catalogue.set_index("event_id").loc["cn_export_controls_2025_04_04"]
    day0 = {
        ex: rq.day_zero(row["date"], exchange=ex, time=row["time"], timezone=row["timezone"])
        for ex in ("XSHG", "XASX", "XNYS")
    }
    assert day0["XASX"] == day0["XSHG"] == pd.Timestamp("2025-04-07")
    assert day0["XNYS"] == pd.Timestamp("2025-04-04")


def test_information_event_and_formal_act(catalogue: pd.DataFrame) -> None:
    rows = catalogue.set_index("event_id")
    info = rows.loc["busan_trump_xi_meeting_2025_10_30"]
    assert info["date"] == pd.Timestamp("2025-10-30") and not info["confounder"]
    assert rows.at["cn_export_control_suspension_2025_11_07", "follows"] == info.name
    assert (catalogue["follows"] == "").sum() == len(catalogue) - 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"time_known": "True"}, "column 'time_known'"),
     ({"follows": "no_such_event"}, "column 'follows'")],
)  # fmt: skip
def test_time_known_and_follows_are_checked(
    tmp_path: Path, catalogue: pd.DataFrame, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(EventFormatError, match=message):
        load_catalogue(_write(tmp_path, catalogue, **changes))


def test_a_user_catalogue_may_omit_the_new_columns(tmp_path: Path, catalogue: pd.DataFrame) -> None:
    path = _write(tmp_path, catalogue)
    pd.read_csv(path).drop(columns=["time_known", "time_source", "follows"]).to_csv(
        path, index=False
    )
    loaded = load_catalogue(path)
    assert (loaded["time_known"] == (loaded["time"] != "")).all()
    assert (loaded["follows"] == "").all()
