"""What the terminal shows (issue 11): 80 columns, warnings after the results with one
prefix, --quiet/--verbose/--no-figures, one meaning of -t, an early --out check."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from reequity.cli.app import app

runner = CliRunner()
ONE = ["--event-ids", "cn_export_controls_2025_10_09", "-t", "600111,LYC.AX,MP"]


@pytest.fixture(scope="module")
def correlate_default(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("corr") / "out"
    result = runner.invoke(app, ["correlate", "-o", str(out)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return out, result.output


def test_correlate_default_fits_80_columns(correlate_default: tuple[Path, str]) -> None:
    _, output = correlate_default
    long = [line for line in output.splitlines() if len(line) > 80]
    assert not long, long
    assert len(output.splitlines()) < 60  # one line per event, not ~370 rows


def test_correlate_warnings_after_results(correlate_default: tuple[Path, str]) -> None:
    out, output = correlate_default
    lines = output.splitlines()
    files = next(i for i, line in enumerate(lines) if line.startswith("files: "))
    warned = [i for i, line in enumerate(lines) if "warning" in line.lower()]
    assert warned and min(warned) > files
    assert all(lines[i].startswith("warning: ") for i in warned)
    report = (out / "report.md").read_text(encoding="utf-8")
    # no empty 0-observation rows on show: they are counted and stay in the CSV
    section = report.split("## Correlation before/after events")[1].split("\n## ")[0]
    assert "event-pair rows without data on both sides are only in" in section
    assert "| 0 | 0 |" not in section
    assert "[event_correlation.csv](event_correlation.csv)" in report
    assert "smallest Fisher z p-value" in report  # the heatmap rule is stated


def test_quiet_verbose_and_no_figures(tmp_path: Path) -> None:
    quiet = runner.invoke(app, ["event-study", *ONE, "-q", "--no-figures", "-o", str(tmp_path)])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.output.splitlines() == [
        f"files: {tmp_path}/ (report.md, report.html, 12 CSVs)"
    ] or quiet.output.strip().startswith("files: ")
    assert len(quiet.output.strip().splitlines()) == 1, quiet.output
    assert not list(tmp_path.glob("*.png"))
    verbose = runner.invoke(app, ["event-study", *ONE, "-v", "-o", str(tmp_path / "v")])
    assert verbose.exit_code == 0, verbose.output
    assert "CAAR with dependence-robust tests, pooled" in verbose.output  # the full table
    assert "0:10" in verbose.output  # every window, not only the main one
    assert list((tmp_path / "v").glob("*.png"))


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def test_short_flags_mean_one_thing_everywhere() -> None:
    commands = _commands(typer.main.get_command(app))
    meaning: dict[str, set[str]] = {}
    for command in commands.values():
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if len(o) == 2):
                meaning.setdefault(short, set()).update(longs)
    assert meaning["-t"] == {"--tickers"}, meaning["-t"]
    assert all(len(v) == 1 for k, v in meaning.items() if k != "-h"), meaning
    window = [p for p in commands["correlate"].params if "--rolling" in p.opts]
    assert window, "correlate's rolling length is --rolling"
    model = next(p for p in commands["event-study"].params if "--model" in p.opts)
    assert "factor" not in (model.help or "")  # no way to pass factors: not offered


def test_min_estimation_help_shows_the_effective_default() -> None:
    result = runner.invoke(app, ["event-study", "-h"], env={"COLUMNS": "200"})
    assert "120 for -250:-11" in result.output and "None" not in result.output


def test_unwritable_out_is_refused_before_the_study(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reequity.workflows as workflows

    def study_must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the study ran before --out was checked")

    import reequity.cli.study as study
    import reequity.workflows.correlation as correlation

    def must_not_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("data was loaded before --out was checked")

    monkeypatch.setattr(workflows, "catalogue_event_study", study_must_not_run)
    monkeypatch.setattr(study, "read_events_option", must_not_load)
    monkeypatch.setattr(correlation, "_load_returns", must_not_load)
    blocker = tmp_path / "a_file"
    blocker.write_text("kept\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)  # no write permission (root ignores it: the file case still runs)
    cases = [(blocker / "out", "Not a directory"), (blocker, "File exists")]
    if not os.access(locked, os.W_OK):
        cases.append((locked / "out", "Permission denied"))
    for out, reason in cases:
        for command in (["event-study", *ONE], ["correlate", "-t", "600111,MP"]):
            result = runner.invoke(app, [*command, "-o", str(out)])
            assert result.exit_code == 2, result.output  # a usage error, before any work
            lines = [line for line in result.output.splitlines() if line.strip()]
            assert len(lines) == 1, result.output
            assert lines[0].startswith(f"error: cannot use '{out}': {reason}"), lines[0]
            assert "give --out a folder you can write" in lines[0]
    assert blocker.read_text(encoding="utf-8") == "kept\n"


def test_window_message_is_the_engines_and_suggests_a_valid_window() -> None:
    result = runner.invoke(app, ["event-study", "--window", "-300:5"])
    assert result.exit_code == 2
    text = " ".join(result.output.replace("│", " ").split())
    assert "event window -300:5 starts at -300" in text
    # it names the estimation window it rejects and suggests one that fits
    assert "estimation window -250:-11 ends (-11)" in text and "e.g. -540:-301" in text
    assert "--estimation" in text and "-h" in text  # a usage error naming both options


def test_correlate_window_is_a_deprecated_alias(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["correlate", "-t", "600111,MP", "--events", "none", "--window", "30",
              "--no-figures", "-o", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning: --window is deprecated in correlate" in result.output
