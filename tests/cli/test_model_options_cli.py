"""``--model-option KEY=VALUE``: a model's own registered options from the CLI (issue 12)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import reequity.cli.study as study_cli
from reequity.cli.app import app
from reequity.study.models import MODELS

runner = CliRunner()


def test_help_lists_each_models_own_options_from_the_registry() -> None:
    result = runner.invoke(app, ["event-study", "--help"], env={"COLUMNS": "200"})
    assert "--model-option" in result.output
    for name, entry in MODELS.items():
        for key, default in entry.options.items():
            if not entry.needs_factors:
                assert f"{name}: {key} (default {default})" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "market", "--model-option", "dimson_lags=2"], "has no option 'dimson_lags'"),
        (
            ["--model", "dimson", "--model-option", "dimson_lags=two"],
            "dimson_lags: invalid literal",
        ),
        (["--model", "dimson", "--model-option", "dimson_lags"], "is not KEY=VALUE"),
    ],
)
def test_a_bad_option_is_a_usage_error_before_any_data(
    monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    def must_not_load(*_: object, **__: object) -> None:
        raise AssertionError("data was loaded before --model-option was checked")

    monkeypatch.setattr(study_cli, "read_events_option", must_not_load)
    result = runner.invoke(app, ["event-study", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_the_option_reaches_the_model(tmp_path: Path, synthetic_returns) -> None:
    returns = synthetic_returns(tmp_path / "synthetic_returns.csv")
    dates = pd.read_csv(returns)["date"]
    events = tmp_path / "events.csv"
    pd.DataFrame({"event_id": ["shock"], "date": [dates.iloc[280]]}).to_csv(events, index=False)
    base = ["event-study", "--returns", str(returns), "--benchmark", "MKT", "--events",
            str(events), "--estimation", "-200:-11", "--model", "dimson", "--no-figures"]  # fmt: skip
    cars = {}
    for lags in (1, 3):
        out = tmp_path / f"lags{lags}"
        result = runner.invoke(
            app, [*base, "--model-option", f"dimson_lags={lags}", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        cars[lags] = (
            pd.read_csv(out / "car.csv").sort_values(["ticker", "window"])["car"].to_numpy()
        )
        assert f"dimson_lags={lags}" in (out / "report.md").read_text(encoding="utf-8")
    from reequity.study.windows import REPORT_WINDOWS
    from reequity.workflows import returns_file_event_study

    ev = pd.read_csv(events, parse_dates=["date"])
    direct = returns_file_event_study(
        returns, ev, benchmark="MKT", model="dimson", estimation=(-200, -11),
        model_options={"dimson_lags": 3}, windows=REPORT_WINDOWS,
    ).car.sort_values(["ticker", "window"])["car"].to_numpy()  # fmt: skip
    assert not np.allclose(cars[1], cars[3])  # the option changed the fit
    np.testing.assert_allclose(cars[3], direct, rtol=0, atol=1e-12)
