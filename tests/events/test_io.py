"""load_events: catalogue-style CSVs and the CSV output of `events extract`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reequity.errors import EventFormatError
from reequity.events.io import EVENTS_COLUMNS, load_events

from .conftest import SEED


def test_catalogue_csv_round_trip() -> None:
    import reequity.events as pkg

    path = Path(pkg.__file__).parent / "catalogue.csv"
    events = load_events(path)
    assert list(events.columns) == EVENTS_COLUMNS
    assert events["date"].dtype.kind == "M"
    row = events.set_index("event_id").loc["us_liberation_day_tariffs_2025_04_02"]
    assert (row["time"], row["timezone"], bool(row["confounder"])) == (
        "16:00",
        "America/New_York",
        True,
    )


def test_minimal_catalogue_style(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("date,title\n2025-04-04,controls\n2025-10-09,more controls\n", encoding="utf-8")
    events = load_events(path)
    assert events["event_id"].tolist() == ["event_2025_04_04_0", "event_2025_10_09_1"]
    assert set(events["timezone"]) == {"Asia/Shanghai"}
    assert set(events["time"]) == {""}


def test_extract_output_is_deduplicated(tmp_path: Path, seed_events: pd.DataFrame) -> None:
    path = tmp_path / "extract.csv"
    doubled = pd.concat([seed_events, seed_events], ignore_index=True)
    doubled.to_csv(path, index=False)
    events = load_events(path)
    assert events["event_id"].is_unique
    assert {"cn_export_controls_2025_04_04", "cn_export_controls_2025_10_09", "busan_trump_xi_meeting_2025_10_30",
            "cn_japan_embargo_2010_09_23"} <= set(events["event_id"])  # fmt: skip
    busan = events.set_index("event_id").loc["busan_trump_xi_meeting_2025_10_30"]
    assert busan["date"] == pd.Timestamp("2025-10-30") and busan["timezone"] == "Asia/Seoul"


def test_unlinked_day_mentions_use_date_start(tmp_path: Path) -> None:
    from reequity.events.extract import extract_events

    text = "T\nReuters· 2025-03-05 10:00\n3月3日，商务部宣布对钨实施出口管制。\n"
    frame = extract_events(text)
    path = tmp_path / "x.csv"
    frame.to_csv(path, index=False)
    events = load_events(path)
    studied = events[~events["confounder"]]  # the catalogue's confounders ride along (issue 10)
    assert studied["event_id"].tolist() == ["mention_2025_03_03_export_control"]
    assert studied["date"].tolist() == [pd.Timestamp("2025-03-03")]
    assert "us_liberation_day_tariffs_2025_04_02" in set(
        events.loc[events["confounder"], "event_id"]
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "is empty"),
     ("event_id,title\na,b\n", "no 'date' or 'event_date' column"),
     ("date\n2025-02-30\n", r"row 2, column 'date': '2025-02-30' is not a date"),
     ("date,time\n2025-02-03,7pm\n", "column 'time'"),
     ("date,timezone\n2025-02-03,Nowhere/Land\n", "column 'timezone'"),
     ("date\n", "no rows")],
)  # fmt: skip
def test_errors_name_file_column_value(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EventFormatError, match=message) as info:
        load_events(path)
    assert "bad.csv" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EventFormatError, match="not found"):
        load_events(tmp_path / "none.csv")


def test_seed_to_events_end_to_end(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from reequity.cli.app import app

    out = tmp_path / "mentions.csv"
    result = CliRunner().invoke(
        app, ["events", "extract", str(SEED), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert len(load_events(out)) >= 4
