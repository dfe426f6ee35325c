"""Group 6: invalid or conflicting option values are usage errors (exit 2) with a hint.

Each case also checks that nothing was written: a usage error is raised before any data
is loaded or any output folder is created.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ._util import assert_clean_exit, flat, invoke, run_subprocess

EVENT_STUDY = [
    (["--window", "5:-5"], ["--window", "'5:-5' runs backwards", "-5:5"]),
    (["--estimation", "-10:-250"], ["--estimation", "'-10:-250' runs backwards", "-250:-10"]),
    (["--model", "foo"], ["--model", "'foo' is not one of", "market_adjusted", "dimson"]),
    (["--convention", "R"], ["--convention", "'R' is not textbook or estudy2"]),
    (["--window", "a:b"], ["--window", "'a:b' is not A:B", "e.g. -1:1"]),
    (["--window", "1"], ["--window", "'1' is not A:B"]),
    # the engine's message (make_window_spec): names the event window, suggests a valid
    # estimation window; it used to blame --estimation and suggest a value it rejected
    (
        ["--estimation", "-10:2", "--window", "0:5"],
        ["--estimation", "event window 0:5 starts at 0", "e.g. -13:-1"],
    ),
    (
        ["--estimation", "-30:-1", "--window", "-5:5"],
        ["--window", "event window -5:5 starts at -5", "e.g. -35:-6"],
    ),
    (["--min-estimation", "1"], ["--min-estimation", "greater than or equal to 3"]),
    (["--tests", "cda,foo"], ["--tests", "unknown test(s) foo", "kolari_pynnonen"]),
    (["--format", "xml"], ["--format", "'xml' is not one of", "'table', 'csv', 'json'"]),
]

CORRELATE = [
    (["--pre", "5:-5"], ["--pre", "'5:-5' is not A:B with integers A <= B", "-120:-1"]),
    (["--post", "x"], ["--post", "'x' is not A:B"]),
    (["--rolling", "1"], ["--rolling", "1 is below 2", "try 60"]),
    (["--window", "1"], ["--window", "1 is below 2", "try 60"]),  # the deprecated alias
    (["--max-lag", "-1"], ["--max-lag", "-1 is negative", "try 5"]),
    (["--pairs", "some"], ["--pairs", "'some' is not one of", "'cross', 'all'"]),
    (["--tickers", "MP"], ["--tickers", "'MP' names 1 item(s)", "at least 2"]),
    (["--tickers", "MP,MP"], ["--tickers", "names 1 item(s)"]),
    (["--start", "soon"], ["--start", "'soon' is not a date", "YYYY-MM-DD"]),
    (["--end", "2025-02-30"], ["--end", "'2025-02-30' is not a date"]),
    (["--events", "none", "--event-ids", "x"], ["--event-ids", "needs events"]),
]

DATA_FETCH = [
    (["--tickers", "MP", "--start", "notadate"], ["--start", "'notadate' is not a date"]),
    (
        ["--tickers", "MP", "--start", "2025-02-01", "--end", "2025-01-01"],
        ["--start 2025-02-01 is after --end 2025-01-01", "swap them"],
    ),
    (["--tickers", "MP", "--format", "xml"], ["--format", "'xml' is not one of"]),
    ([], ["Missing option", "--tickers"]),
]


def _no_output(folder: Path) -> None:
    assert not folder.exists(), f"a usage error wrote {folder}"


@pytest.mark.parametrize(("args", "fragments"), EVENT_STUDY)
def test_event_study_usage_errors(tmp_path: Path, args: list[str], fragments: list[str]) -> None:
    out = tmp_path / "out"
    result = invoke(["event-study", "--out", str(out), *args])
    assert_clean_exit(result, 2, *fragments)
    _no_output(out)


@pytest.mark.parametrize(("args", "fragments"), CORRELATE)
def test_correlate_usage_errors(tmp_path: Path, args: list[str], fragments: list[str]) -> None:
    out = tmp_path / "out"
    result = invoke(["correlate", "--out", str(out), *args])
    assert_clean_exit(result, 2, *fragments)
    _no_output(out)


@pytest.mark.parametrize(("args", "fragments"), DATA_FETCH)
def test_data_fetch_usage_errors(
    isolated_cache: Path, args: list[str], fragments: list[str]
) -> None:
    result = invoke(["data", "fetch", *args])
    assert_clean_exit(result, 2, *fragments)
    _no_output(isolated_cache)


def test_events_usage_errors() -> None:
    assert_clean_exit(invoke(["events", "list", "--type", "nope"]), 2, "unknown event type(s)")
    assert_clean_exit(invoke(["events", "extract"]), 2, "Missing argument")
    assert_clean_exit(invoke(["events", "extract", "x.txt", "-f", "xml"]), 2, "'xml' is not one of")


def test_unknown_command_and_option_are_usage_errors() -> None:
    assert_clean_exit(invoke(["event-studdy"]), 2, "No such command 'event-studdy'")
    assert_clean_exit(invoke(["event-study", "--modle", "market"]), 2, "No such option")


@pytest.mark.parametrize(
    "args",
    [
        ["event-study", "--window", "5:-5"],
        ["correlate", "--pre", "5:-5"],
        ["data", "fetch", "--tickers", "MP", "--start", "x"],
    ],
)
def test_usage_error_in_a_real_process(tmp_path: Path, args: list[str]) -> None:
    """`python -m reequity.cli.app` exits 2 with the hint and no traceback."""
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=tmp_path / "cache")
    text = flat(proc.stdout + proc.stderr)
    assert proc.returncode == 2, text
    assert "Traceback" not in text and "Usage:" in text and "Invalid value" in text
    assert list(tmp_path.iterdir()) == [], "nothing written on a usage error"


@pytest.mark.skipif(shutil.which("reequity") is None, reason="console script not installed")
def test_console_script_error_edges(tmp_path: Path) -> None:
    """The installed `reequity` script: exit 2 for usage, exit 1 for a package error."""
    import os
    import subprocess

    env = {**os.environ, "REEQUITY_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "200"}
    usage = subprocess.run(["reequity", "event-study", "--model", "ols"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    assert "'ols' is not one of" in flat(usage.stderr)
    error = subprocess.run(["reequity", "events", "extract", "nowhere.txt"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert error.returncode == 1 and "Traceback" not in error.stderr
    assert flat(error.stderr) == (
        "error: cannot read article dump nowhere.txt: No such file or directory; check the path."
    )
