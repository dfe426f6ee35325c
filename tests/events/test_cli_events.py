"""`reequity events extract` and `reequity events list` through Typer's CliRunner."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from reequity.cli.app import app
from reequity.events.extract import EVENT_COLUMNS

from .conftest import FIXTURES, SEED

runner = CliRunner()


def test_extract_csv_to_stdout() -> None:
    result = runner.invoke(app, ["events", "extract", str(SEED), "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == EVENT_COLUMNS
    assert "busan_trump_xi_meeting_2025_10_30" in set(frame["catalogue_id"].dropna())


def test_extract_json_and_several_files() -> None:
    result = runner.invoke(
        app, ["events", "extract", str(SEED), str(FIXTURES / "handwritten_mixed.txt"), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    ids = {r["article_id"] for r in records}
    assert max(ids) >= 10  # article ids continue across files


def test_extract_table_and_out_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "extract", str(SEED)])
    assert result.exit_code == 0 and "event mentions" in result.stdout
    out = tmp_path / "sub" / "m.json"
    result = runner.invoke(app, ["events", "extract", str(SEED), "--out", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["article_id"] == 0


def test_extract_errors_exit_1_with_one_line() -> None:
    result = runner.invoke(app, ["events", "extract", "/no/such/dump.txt"])
    assert result.exit_code == 1
    assert "cannot read article dump /no/such/dump.txt" in result.output


def test_extract_bad_format_is_usage_error() -> None:
    result = runner.invoke(app, ["events", "extract", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_list_filters_by_type() -> None:
    result = runner.invoke(app, ["events", "list", "--type", "export_control", "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert set(frame["event_type"]) == {"export_control"}
    assert "cn_export_controls_2025_04_04" in set(frame["event_id"])


def test_list_without_confounders_and_bad_type() -> None:
    result = runner.invoke(app, ["events", "list", "--no-confounders", "-f", "json"])
    assert result.exit_code == 0
    assert not any(r["confounder"] for r in json.loads(result.stdout))
    result = runner.invoke(app, ["events", "list", "--type", "bogus"])
    assert result.exit_code == 2
    assert "valid types" in result.output


def test_extract_policy_only() -> None:
    result = runner.invoke(app, ["events", "extract", str(SEED), "--policy-only", "-f", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) > 0 and frame["is_policy_event"].all()


def test_extract_events_out_uses_the_in_memory_step(tmp_path: Path) -> None:
    from reequity.events.io import load_events

    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["events", "extract", str(SEED), "-f", "csv", "--events-out",
                                 str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    events = pd.read_csv(out)
    log = pd.read_csv(tmp_path / "events_log.csv")
    assert list(events.columns) == ["event_id", "date", "time", "timezone", "title",
                                    "event_type", "confounder"]  # fmt: skip
    assert "cn_export_controls_2025_10_09" in set(events["event_id"])
    assert events["confounder"].any()  # kept for the study's confounder checks
    assert log["used"].sum() == (~events["confounder"]).sum()
    assert "extracted rows" in result.stderr
    assert set(load_events(out)["event_id"]) == set(events["event_id"])
