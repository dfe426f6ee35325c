"""Issue 14, group 3: bounded work and tidy outputs - limits checked up front, stale temp
files cleaned, outputs written atomically, empty options refused, control characters and
spreadsheet formulas neutralised, an earlier run's figures cleared."""

from __future__ import annotations

import errno
import json
import os
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.cli._write import RUN_MANIFEST, clean_text, record_run, safe_csv
from reequity.data.prices import load_prices
from reequity.errors import EventFormatError

from ._util import FakeProvider, assert_clean_exit, invoke, sha256, synthetic_prices, tree_hashes

N = 300
INDEX = pd.bdate_range("2024-01-01", periods=N, name="date")


def _returns_csv(folder: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(5)
    mkt = rng.normal(0, 0.01, N)
    frame = pd.DataFrame({"A": 0.9 * mkt + rng.normal(0, 0.01, N),
                          "B": 0.8 * mkt + rng.normal(0, 0.01, N), "MKT": mkt}, index=INDEX)  # fmt: skip
    path = folder / "synthetic_returns.csv"
    frame.to_csv(path)
    events = folder / "events.csv"
    events.write_text(
        f"event_id,date,title\n=cmd|' /C calc'!A0,{INDEX[280]:%Y-%m-%d},+danger\n", encoding="utf-8"
    )
    return path, events


def _study(path: Path, events: Path, out: Path, *extra: str) -> object:
    return invoke(["event-study", "--returns", str(path), "--benchmark", "MKT", "--events",
                   str(events), "--estimation", "-200:-11", "--tests", "t_cs,cda",
                   "--out", str(out), *extra])  # fmt: skip


# ------------------------------------------------------------------ limits up front
@pytest.mark.parametrize("window", ["0:100000", "-100000:0"])
def test_huge_window_refused_before_any_work(tmp_path: Path, window: str) -> None:
    start = time.perf_counter()
    result = invoke(["event-study", "-w", window, "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 2, "--window", "10,000 trading days")
    assert time.perf_counter() - start < 20 and not (tmp_path / "out").exists()


def test_window_longer_than_the_data_on_the_cli(tmp_path: Path) -> None:
    path, events = _returns_csv(tmp_path)
    result = _study(path, events, tmp_path / "out", "-w", "0:5000")
    assert_clean_exit(result, 1, "window 0:5000 is 5,001 trading days", "300 rows")
    assert not (tmp_path / "out").exists()


def test_huge_lag_refused(tmp_path: Path) -> None:
    result = invoke(["correlate", "--max-lag", "100000", "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 2, "--max-lag", "100000 is above 250")


def test_ten_megabyte_event_id(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("event_id,date\n" + "x" * 10_000_000 + ",2025-04-04\n", encoding="utf-8")
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    text = assert_clean_exit(result, 1, "line 2 holds a cell longer than", "at most 200")
    assert len(text) < 1000 and not (tmp_path / "out").exists()
    path.write_text("event_id,date\n" + "x" * 5000 + ",2025-04-04\n", encoding="utf-8")
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 1, "5,000 characters long", "at most 200")
    events = pd.DataFrame({"event_id": ["y" * 300], "date": [INDEX[280]]})
    returns = pd.DataFrame({"A": np.zeros(N), "MKT": np.zeros(N)}, index=INDEX)
    with pytest.raises(EventFormatError, match="300 characters long"):
        rq.event_study(returns, events, benchmark="MKT")


# ------------------------------------------------------------------ empty options
@pytest.mark.parametrize(
    "args",
    [["event-study", "--tickers", ""], ["event-study", "--event-ids", " , "],
     ["correlate", "--event-ids", ""], ["correlate", "--tickers", ""],
     ["event-study", "--out", ""], ["correlate", "--out", " "],
     ["events", "extract", "synthetic.txt", "--out", ""]],
)  # fmt: skip
def test_empty_option_is_refused_not_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "synthetic.txt").write_text("T\nWire· 2025-10-09 10:00\nbody\n", encoding="utf-8")
    before = tree_hashes(tmp_path)
    extra = [] if "--out" in args else ["--out", str(tmp_path / "out")]
    result = invoke([*args, *extra])
    option = next(a for a in args if a.startswith("--"))
    assert_clean_exit(result, 2, option)
    assert tree_hashes(tmp_path) == before and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ stale temp files
def test_stale_cache_temp_files_are_cleaned_under_the_lock(isolated_cache: Path) -> None:
    isolated_cache.mkdir(parents=True)
    old = isolated_cache / ".yfinance__MP__auto_adjust.abc123.tmp"
    young = isolated_cache / ".manifest.young.tmp"
    for leftover in (old, young):
        leftover.write_bytes(b"half a parquet file from a killed writer")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    load_prices(["MP"], refresh="replace", provider=FakeProvider(synthetic_prices(1)))
    assert not old.exists(), "a stale temp file survived the next write"
    assert young.exists(), "a young temp file (maybe a live writer's) was removed"


# ------------------------------------------------------------------ atomic outputs
def test_full_disk_leaves_the_previous_tests_csv_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, events = _returns_csv(tmp_path)
    out = tmp_path / "out"
    assert_clean_exit(_study(path, events, out, "-w", "0:0"), 0)
    before = sha256(out / "tests.csv")
    real = pd.DataFrame.to_csv

    def full_disk(self: pd.DataFrame, target: object = None, *args: object, **kw: object):
        if target is not None and "tests.csv" in str(target):
            Path(str(target)).write_text("event_id,win")  # half a file, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real(self, target, *args, **kw)

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    result = _study(path, events, out, "-w", "0:0")
    assert_clean_exit(result, 1, "No space left on device")
    assert sha256(out / "tests.csv") == before
    assert not list(out.glob(".*.tmp")), "a temp file was left behind"


# ------------------------------------------------------------------ stale figures
def test_an_earlier_runs_figures_are_cleared_and_others_kept(tmp_path: Path) -> None:
    path, events = _returns_csv(tmp_path)
    out = tmp_path / "out"
    # the CAAR figure is drawn for the first (main) window: -1:1 here, 0:0 next time
    assert_clean_exit(_study(path, events, out, "-w", "-1:1", "-w", "0:0"), 0)
    assert (out / "caar_ALL_-1_1.png").is_file()
    (out / "my_notes.txt").write_text("mine", encoding="utf-8")
    assert_clean_exit(_study(path, events, out, "-w", "0:0"), 0)
    assert not (out / "caar_ALL_-1_1.png").exists(), "a figure of the earlier run stayed"
    assert (out / "caar_ALL_0_0.png").is_file() and (out / "my_notes.txt").is_file()
    assert "caar_ALL_0_0.png" in (out / RUN_MANIFEST).read_text(encoding="utf-8")


# ------------------------------------------------------------------ control characters
def test_control_characters_and_formulas_in_outputs(tmp_path: Path) -> None:
    path, events = _returns_csv(tmp_path)
    out = tmp_path / "out"
    assert_clean_exit(_study(path, events, out, "-w", "0:0", "-w", "-1:1"), 0)
    car = pd.read_csv(out / "car.csv")
    assert set(car["event_id"]) == {"'=cmd|' /C calc'!A0"}
    assert set(car["window"]) == {"0:0", "-1:1"}  # harmless labels are kept as they are
    assert np.issubdtype(car["car"].dtype, np.floating)


def test_escape_and_nul_bytes_in_article_titles(tmp_path: Path) -> None:
    dump = tmp_path / "synthetic_dump.txt"
    dump.write_text(
        "header\n\x1b[31mRED\x1b[0m title\x00 with NUL\nWire· 2025-10-09 10:00\n"
        '10月9日，商务部发布公告。\n=HYPERLINK("http://x") title\nWire· 2025-10-10 10:00\n'
        "10月10日，商务部发布公告。\n",
        encoding="utf-8",
    )
    digest = sha256(dump)
    for fmt in ("csv", "table", "json"):
        result = invoke(["events", "extract", str(dump), "--format", fmt])
        assert_clean_exit(result, 0)
        assert "\x1b" not in result.stdout and "\x00" not in result.stdout, fmt
    csv_out = invoke(["events", "extract", str(dump), "--format", "csv"]).stdout
    assert "\\x1b[31mRED" in csv_out and "'=HYPERLINK" in csv_out
    target = tmp_path / "mentions.csv"
    assert_clean_exit(invoke(["events", "extract", str(dump), "--out", str(target)]), 0)
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x00" not in text and "'=HYPERLINK" in text
    assert sha256(dump) == digest


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
     ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("-1:1", "-1:1"), ("-0.5", "-0.5"),
     ("a\u2028b", "a\\u2028b"), ("a\x1b[2Jb", "a\\x1b[2Jb"), ("plain", "plain")],
)  # fmt: skip
def test_safe_csv_cells(cell: str, expected: str) -> None:
    frame = pd.DataFrame({"text": [cell], "number": [-1.5]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = safe_csv(frame)
    assert out.at[0, "text"] == expected and out.at[0, "number"] == -1.5
    assert clean_text("\x00") == "\\x00"


@pytest.mark.parametrize("value", ["[/bold]zz", "zz\x1b[2J", "a\u2028b", "[red]x[/red]"])
def test_markup_and_controls_in_an_error_message(tmp_path: Path, value: str) -> None:
    result = invoke(["event-study", "--event-ids", value, "--out", str(tmp_path / "out")])
    text = assert_clean_exit(result, 1, "unknown event id")
    assert "\x1b" not in result.stderr and "\u2028" not in result.stderr
    assert value.replace("\x1b", "\\x1b").replace("\u2028", "\\u2028") in text


def test_run_manifest_clears_only_its_own_files_inside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    outside = tmp_path / "precious.txt"
    outside.write_text("not ours", encoding="utf-8")
    old_fig, kept = out / "figures" / "old.png", out / "a.csv"
    for path in (old_fig, kept):
        path.write_text("x", encoding="utf-8")
    record_run(out, [old_fig, kept])
    # a hand-edited manifest naming a file outside the folder must not delete it
    (out / RUN_MANIFEST).write_text(
        '{"files": ["figures/old.png", "a.csv", "../precious.txt", "/etc/hostname"]}',
        encoding="utf-8",
    )
    stale = out / ".a.csv.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    record_run(out, [kept])
    assert not old_fig.exists() and kept.exists() and outside.exists()
    assert not stale.exists(), "a killed run's temp file survived"
    assert json.loads((out / RUN_MANIFEST).read_text(encoding="utf-8")) == {"files": ["a.csv"]}


@pytest.mark.parametrize("command", ["event-study", "correlate"])
def test_huge_event_id_option(tmp_path: Path, command: str) -> None:
    result = invoke([command, "--event-ids", "x" * 1_000_000, "--out", str(tmp_path / "out")])
    text = assert_clean_exit(result, 2, "--event-ids", "1,000,000 characters long")
    assert len(text) < 2000 and not (tmp_path / "out").exists()
