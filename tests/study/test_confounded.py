"""Confounder counts per headline row (reequity.study.confounded) and where they show.

Synthetic panels (labelled synthetic), except the last test, which runs the CLI on the
real catalogue and the shipped cache.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import reequity as rq
from reequity.errors import ReequityWarning
from reequity.study.confounded import confounded_events, confounded_pools, confounded_text
from tests.study.synthetic import synthetic_returns

KW = {"benchmark": "MKT", "estimation": (-120, -11), "tests": ["t_cs", "cda"]}


def _fit(conf: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    rets = synthetic_returns(3, 400)
    events = pd.DataFrame(
        {
            "event_id": ["synthetic_a", "synthetic_b"],
            "date": rets.index[[200, 300]],
            "event_type": ["x", "x"],
        }
    )
    dated = conf.assign(date=rets.index[conf.pop("row").to_numpy()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return rq.event_study(
            rets, events, confounders=dated, windows=[(-1, 1), (-5, 5)], **{**KW, **kw}
        )


CONF = pd.DataFrame(
    {
        "event_id": ["synthetic_tariff", "synthetic_earnings", "synthetic_far"],
        "row": [201, 297, 260],  # day +1 of a; day -3 of b (F1 only); inside no window
        "ticker": ["", "F1", ""],
        "title": ["synthetic market-wide news", "synthetic F1 results", "synthetic far"],
    }
)


def test_counts_by_event_and_window() -> None:
    counts = confounded_events(_fit(CONF.copy())).set_index(["event_id", "window"])
    a, b, every = "synthetic_a", "synthetic_b", "ALL"
    assert counts.loc[(a, "-1:1"), "n_confounded"] == 3  # every firm: market-wide
    assert counts.loc[(a, "-1:1"), "confounders"] == "synthetic_tariff"
    assert counts.loc[(b, "-1:1"), "n_confounded"] == 0  # day -3 is outside -1:1
    assert counts.loc[(b, "-5:5"), "n_confounded"] == 1  # ... and inside -5:5, for F1 alone
    assert counts.loc[(b, "-5:5"), ["confounders", "n_firm_news"]].tolist() == ["", 1]
    assert counts.loc[(every, "-5:5"), "n_confounded"] == 4  # 3 of a + F1 of b
    assert "synthetic_far" not in " ".join(counts["confounders"])


def test_counts_by_pool_and_group() -> None:
    res = _fit(CONF.copy(), pool_by="event_type")
    counts = confounded_pools(res).set_index(["pool", "group", "window"])
    assert counts.loc[("x", "ALL", "-5:5"), ["n_confounded", "n_events_confounded"]].tolist() == [
        4,
        2,
    ]
    assert counts.loc[("x", "ALL", "-1:1"), "n_events_confounded"] == 1


def test_no_confounders_count_zero() -> None:
    res = _fit(CONF.iloc[[2]].copy())  # only the one outside every window
    counts = confounded_events(res)
    assert (counts["n_confounded"] == 0).all() and (counts["confounders"] == "").all()


@pytest.mark.parametrize(
    ("values", "text"),
    [
        ((0, 17, "", 0), ""),
        ((17, 17, "us_tariffs, cn_tariffs", 0), "17/17: us_tariffs, cn_tariffs"),
        ((2, 17, "", 2), "2/17 (own news)"),
        ((5, 17, "us_tariffs", 1), "5/17: us_tariffs; own news 1"),
    ],
)
def test_cell_text(values: tuple, text: str) -> None:
    assert confounded_text(*values) == text


def test_cli_headline_marks_the_april_controls(tmp_path) -> None:
    """Real catalogue, shipped cache: the 2025-04-04 controls share -1:1 with the US tariff
    speech of 2025-04-02 (after the NYSE close) and China's retaliation that evening; the
    terminal marks the row and the report's column names both. The 2025-05-16 Lynas row
    has only a firm's own news (Shenghe's acquisition): counted in the report, not marked."""
    from typer.testing import CliRunner

    from reequity.cli.app import app

    ids = "cn_export_controls_2025_04_04,lynas_dysprosium_oxide_2025_05_16"
    result = CliRunner().invoke(
        app, ["event-study", "--event-ids", ids, "--window", "-1:1", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "_2025_0" in line]
    marked = {line.split()[0][-10:]: line.endswith("*") for line in rows}
    assert marked == {"2025_04_04": True, "2025_05_16": False}
    assert "* confounded: a catalogued market-wide event has day 0" in result.output
    summary = pd.read_csv(tmp_path / "summary.csv", keep_default_na=False)
    april = summary[summary["event_id"] == "cn_export_controls_2025_04_04"].iloc[0]
    assert "us_liberation_day_tariffs_2025_04_02" in april["confounders"]
    assert "cn_retaliatory_tariffs_2025_04_04" in april["confounders"]
    report = (tmp_path / "report.md").read_text()
    assert "| confounded |" in report and "(own news)" in report
