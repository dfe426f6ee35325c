"""`reequity correlate` with synthetic loaders (CliRunner; no network, no cache)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli._common import console
from reequity.cli.app import app
from reequity.workflows import correlation as workflow

runner = CliRunner()
TICKERS = "SYN_CN1,SYN_CN2,SYN_AU,SYN_US"
UNIVERSE = pd.DataFrame(
    {
        "country": ["CN", "CN", "AU", "US", "CN"],
        "exchange": ["XSHG", "XSHE", "XASX", "XNYS", "XSHG"],
        "benchmark": ["SYN_MKT", "SYN_MKT", "", "", ""],
    },
    index=pd.Index(["SYN_CN1", "SYN_CN2", "SYN_AU", "SYN_US", "SYN_MKT"], name="ticker"),
)


def _synthetic_returns(tickers: list[str], **_: object) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 400
    idx = pd.bdate_range("2024-01-01", periods=n, name="date")
    common = rng.normal(scale=0.01, size=n)
    frame = pd.DataFrame(
        {t: common * (i + 1) / 4 + rng.normal(scale=0.01, size=n) for i, t in enumerate(tickers)},
        index=idx,
    )
    frame.iloc[::17, 0] = np.nan  # a Chinese holiday
    return frame


def _synthetic_events(spec: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["SYN-E1", "SYN-E2", "SYN-CONF", "SYN-OLD"],
            "date": ["2024-08-01", "2025-01-06", "2024-09-02", "2019-01-01"],
            "title": ["synthetic 1", "synthetic 2", "synthetic confounder", "before the data"],
            "confounder": [False, False, True, False],
        }
    )


@pytest.fixture(autouse=True)
def _synthetic_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "width", 120)  # CliRunner is not a terminal: default 80
    monkeypatch.setattr(workflow, "_load_returns", _synthetic_returns)
    monkeypatch.setattr(workflow, "_load_events", _synthetic_events)
    monkeypatch.setattr(workflow, "_universe", lambda tickers: UNIVERSE.loc[tickers])


def test_table_files_and_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["correlate", "--tickers", TICKERS, "--rolling", "40", "-v",
                                 "--pre", "-60:-1", "--post", "0:29", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Correlation before/after events" in result.stdout
    assert "SYN-E1" in result.stdout and "SYN-CONF" not in result.stdout
    assert "SYN_CN1/SYN_AU" in result.stdout and "rho_fr" in result.stdout
    table = pd.read_csv(tmp_path / "event_correlation.csv")
    # cross pairs: 2 Chinese x 2 foreign + AU x US = 5 pairs, 2 events in range
    assert len(table) == 10 and set(table["event_id"]) == {"SYN-E1", "SYN-E2"}
    assert (table["n_pre"] == 60).all() and (table["n_post"] == 30).all()
    assert pd.read_csv(tmp_path / "skipped_events.csv")["event_id"].tolist() == ["SYN-OLD"]
    reaction = pd.read_csv(tmp_path / "first_reaction.csv")
    assert len(reaction) == 8 and set(reaction["ticker"]) == set(TICKERS.split(","))
    pngs = sorted(p.name for p in (tmp_path / "figures").glob("*.png"))
    # one rolling figure (a panel per pair), a heatmap per event, one lead-lag (a panel per pair)
    assert "rolling_correlation.png" in pngs and len(pngs) == 1 + 2 + 1
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "## Correlation before/after events" in report
    assert "](figures/rolling_correlation.png)" in report


def test_csv_and_json_formats(tmp_path: Path) -> None:
    csv = runner.invoke(app, ["correlate", "-t", TICKERS, "-f", "csv", "-o", str(tmp_path)])
    assert csv.exit_code == 0, csv.output
    assert csv.stdout.splitlines()[0].startswith("event_id,event_date,ticker_a,ticker_b")
    js = runner.invoke(app, ["correlate", "-t", TICKERS, "-f", "json", "-o", str(tmp_path),
                             "--event-ids", "SYN-E2"])  # fmt: skip
    assert js.exit_code == 0, js.output
    records = json.loads(js.stdout)
    assert {r["event_id"] for r in records} == {"SYN-E2"} and len(records) == 5


def test_no_events_prints_lead_lag_peaks(tmp_path: Path) -> None:
    result = runner.invoke(app, ["correlate", "-t", TICKERS, "--events", "none", "--pairs",
                                 "all", "-o", str(tmp_path), "-f", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    peaks = pd.read_csv(tmp_path / "lead_lag_peaks.csv")
    assert len(peaks) == 6  # all pairs of four tickers
    assert result.stdout.startswith("ticker_a,ticker_b,peak_lag")


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--rolling", "1"], "--rolling"),
        (["--pre", "-1:-10"], "--pre"),
        (["--post", "zero"], "--post"),
        (["--tickers", "SYN_CN1"], "--tickers"),
        (["--max-lag", "-2"], "--max-lag"),
        (["--pairs", "some"], "--pairs"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str], hint: str) -> None:
    result = runner.invoke(app, ["correlate", "-t", TICKERS, "-o", str(tmp_path), *args])
    assert result.exit_code == 2
    assert hint in result.output


def test_package_errors_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(
        app, ["correlate", "-t", TICKERS, "--event-ids", "NOPE", "-o", str(tmp_path)]
    )
    assert result.exit_code == 1 and "unknown event id(s) NOPE" in result.output
    one_country = UNIVERSE.assign(country="CN")
    monkeypatch.setattr(workflow, "_universe", lambda tickers: one_country.loc[tickers])
    result = runner.invoke(app, ["correlate", "-t", TICKERS, "-o", str(tmp_path)])
    assert result.exit_code == 1 and "all from one country" in result.output


def test_heatmaps_are_capped_to_the_clearest_changes() -> None:
    from reequity.correlation.pipeline import correlation_study

    names = TICKERS.split(",")
    events = _synthetic_events("catalogue").iloc[:2]
    study = correlation_study(_synthetic_returns(names), events, pairs=[("SYN_CN1", "SYN_AU")])
    table = study.events.table.set_index("event_id")
    clearest = table["pvalue"].idxmin()
    assert workflow.heatmap_events(study, limit=1) == [clearest]
    assert workflow.heatmap_events(study) == ["SYN-E1", "SYN-E2"]
    # the headline events (China's export controls) are always drawn, the rule is stated
    from types import SimpleNamespace

    ids = ["SYN-A", "cn_export_controls_syn", "SYN-B"]
    table = pd.DataFrame({"event_id": ids, "pvalue": [0.01, 0.9, 0.02]})
    fake = SimpleNamespace(events=SimpleNamespace(table=table, event_ids=ids))
    assert workflow.heatmap_events(fake, limit=2) == ["SYN-A", "cn_export_controls_syn"]
    assert (
        "export-control" in workflow.HEATMAP_RULE
        and "smallest Fisher z p-value" in workflow.HEATMAP_RULE
    )
