"""Issue 14, group 2: inputs that gave a traceback now give one line naming the value."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import reequity as rq
from reequity.errors import CacheCorruptError, ConfigurationError

from ._util import SHIPPED_CACHE, assert_clean_exit, invoke, sha256, tree_hashes

N = 300
INDEX = pd.bdate_range("2024-01-01", periods=N, name="date")
MP_FILE = "snapshot__MP__yahoo_auto_adjust.parquet"
MP_KEY = "snapshot/MP/yahoo_auto_adjust"


# ------------------------------------------------------------------ date options
@pytest.mark.parametrize("value", ["nan", "NaT", "now", "today", "2025-01-01T00:00+05:00",
                                   "2025-01-01 10:00", "1700-01-01", "9999-01-01", "20250101",
                                   "2025-02-30", " "])  # fmt: skip
@pytest.mark.parametrize("command", [["data", "fetch", "--tickers", "MP"], ["correlate"]])
def test_bad_date_option_is_a_usage_error(tmp_path: Path, command: list[str], value: str) -> None:
    out = tmp_path / "out"
    extra = ["--out", str(out)] if command[0] == "correlate" else []
    result = invoke([*command, "--start", value, *extra])
    assert_clean_exit(result, 2, "--start", repr(value.strip() if value.strip() else value)[:20])
    assert not out.exists()


def test_dates_outside_the_data_are_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(["correlate", "--end", "2001-01-01", "--out", str(out)])
    assert_clean_exit(result, 1, "no returns of", "--end 2001-01-01")
    assert not out.exists()


# ------------------------------------------------------------------ windows and lags
@pytest.mark.parametrize("window", ["0:99999999999999999999", "-99999999999999999999:0",
                                    "0:10001", "0:" + "9" * 5000])  # fmt: skip
def test_huge_event_window_is_a_usage_error(tmp_path: Path, window: str) -> None:
    result = invoke(["event-study", "-w", window, "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 2, "--window")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("window", [(0, 10**20), (-(10**20), 0), (0, 10_001), (0.5, 2)])
def test_huge_window_in_python(window: tuple) -> None:
    returns = pd.DataFrame({"A": np.zeros(N), "MKT": np.zeros(N)}, index=INDEX)
    events = pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[280]]})
    with pytest.raises(ConfigurationError, match="window"):
        rq.event_study(returns, events, benchmark="MKT", windows=[window])


@pytest.mark.parametrize(
    ("option", "value"),
    [("--window", "100000000000000000000000"), ("--max-lag", "100000000000000000000000"),
     ("--max-lag", "100000"), ("--window", "-3"), ("--max-lag", "-1")],
)  # fmt: skip
def test_correlate_huge_window_or_lag(tmp_path: Path, option: str, value: str) -> None:
    out = tmp_path / "out"
    result = invoke(["correlate", option, value, "--out", str(out)])
    assert_clean_exit(result, 2, option, value[:12])
    assert not out.exists()


# ------------------------------------------------------------------ events CSV
def test_events_row_with_more_fields_than_its_header(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("event_id,date\nsynthetic_a,2025-04-04,extra\n", encoding="utf-8")
    digest = sha256(path)
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 1, "line 2 has 3 fields but the header has 2")
    assert sha256(path) == digest and not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["/dev/zero", "folder"])
def test_events_file_that_is_no_file(tmp_path: Path, target: str) -> None:
    path = tmp_path if target == "folder" else Path(target)
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 1, "not a regular file")


def test_extract_from_dev_zero_is_bounded_and_clear(tmp_path: Path) -> None:
    assert_clean_exit(invoke(["events", "extract", "/dev/zero"]), 1, "/dev/zero", "device")
    assert_clean_exit(invoke(["events", "extract", str(tmp_path)]), 1, "folder")


# ------------------------------------------------------------------ cache folder and manifest
def test_cache_folder_symlink_loop(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    for args in (["data", "list"], ["data", "fetch", "--tickers", "MP"]):
        result = invoke([*args, "--cache-dir", str(tmp_path / "a")])
        assert_clean_exit(result, 1, str(tmp_path / "a"), "cannot be used")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "cache_copy"
    shutil.copytree(SHIPPED_CACHE, folder)
    return folder


def _edit_manifest(folder: Path, **fields: object) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["series"][MP_KEY].update(fields)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("fields", [{"rows": "abc"}, {"rows": -1}, {"rows": True},
                                    {"first": 20250101}, {"last": "yesterday"}])  # fmt: skip
def test_manifest_field_of_the_wrong_kind(tmp_path: Path, fields: dict) -> None:
    folder = _copy(tmp_path)
    _edit_manifest(folder, **fields)
    before = tree_hashes(folder)
    for args in (["data", "list"], ["data", "fetch", "--tickers", "MP"]):
        result = invoke([*args, "--cache-dir", str(folder)])
        assert_clean_exit(result, 1, "malformed entry", repr(MP_KEY))
    assert tree_hashes(folder) == before


@pytest.mark.parametrize("shape", ["deep", "directory", "deep_object"])
def test_manifest_nested_deep_or_a_directory(tmp_path: Path, shape: str) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    manifest = folder / "manifest.json"
    if shape == "directory":
        manifest.mkdir()
    elif shape == "deep":
        manifest.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    else:
        manifest.write_text('{"a":' * 200_000 + "1" + "}" * 200_000, encoding="utf-8")
    for args in (["data", "list"], ["data", "fetch", "--tickers", "MP"]):
        result = invoke([*args, "--cache-dir", str(folder)])
        assert_clean_exit(result, 1, str(manifest))


@pytest.mark.parametrize("damage", ["text_returns", "aware_dates", "text_dates", "no_date"])
def test_cached_parquet_of_the_wrong_schema(tmp_path: Path, damage: str) -> None:
    folder = _copy(tmp_path)
    target = folder / MP_FILE
    frame = pd.read_parquet(target)
    if damage == "text_returns":
        frame["ret"] = frame["ret"].astype(str)
    elif damage == "aware_dates":
        frame["date"] = frame["date"].dt.tz_localize("UTC")
    elif damage == "text_dates":
        frame["date"] = frame["date"].astype(str)
    else:
        frame = frame.drop(columns="date")
    frame.to_parquet(target, index=False)
    _edit_manifest(folder, sha256=sha256(target))  # a consistent manifest: the schema is wrong
    before = tree_hashes(folder)
    with pytest.raises(CacheCorruptError, match="does not hold a price series"):
        rq.load_prices(["MP"], cache_dir=folder)
    result = invoke(["data", "fetch", "--tickers", "MP", "--cache-dir", str(folder)])
    assert_clean_exit(result, 1, str(target), "does not hold a price series")
    assert tree_hashes(folder) == before


# ------------------------------------------------------------------ returns frames
def _events() -> pd.DataFrame:
    return pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[280]]})


def test_zero_row_returns() -> None:
    returns = pd.DataFrame({"A": [], "MKT": []}, index=pd.DatetimeIndex([], name="date"))
    with pytest.raises(ConfigurationError, match="returns has no rows"):
        rq.event_study(returns, _events(), benchmark="MKT")


def test_zero_row_returns_csv(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_returns.csv"
    path.write_text("date,A,MKT\n", encoding="utf-8")
    result = invoke(["event-study", "--returns", str(path), "--benchmark", "MKT",
                     "--out", str(tmp_path / "out")])  # fmt: skip
    assert_clean_exit(result, 1, str(path))
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("names", [[600111, "MKT"], ["A", 0], [1.5, "MKT"]])
def test_non_text_column_names_are_named(names: list) -> None:
    rng = np.random.default_rng(3)
    returns = pd.DataFrame(rng.normal(0, 0.01, (N, 2)), index=INDEX, columns=names)
    with pytest.raises(ConfigurationError, match=f"column name {names[0]!r}|{names[1]!r}"):
        rq.event_study(returns, _events(), benchmark="MKT", estimation=(-200, -11))


def test_window_longer_than_the_data() -> None:
    returns = pd.DataFrame({"A": np.zeros(N), "MKT": np.zeros(N)}, index=INDEX)
    with pytest.raises(ConfigurationError, match="longer than the 300 rows"):
        rq.event_study(returns, _events(), benchmark="MKT", windows=[(0, 400)])


@pytest.mark.parametrize("dates", [["--end", "1995-01-01"], ["--start", "2027-06-01"]])
def test_fetch_outside_the_data_says_so(dates: list[str]) -> None:
    result = invoke(["data", "fetch", "--tickers", "MP", *dates])
    assert_clean_exit(result, 0, "warning: no rows of MP between", dates[1])
