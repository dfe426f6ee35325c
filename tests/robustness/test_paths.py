"""Output paths that cannot be used: one-line error (exit 1), the existing file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._util import assert_clean_exit, invoke, run_subprocess, sha256

DUMP = "Header\nTitle A\nSou Hu Cai Jing· 2025-12-27 04:15\n商务部10月9日宣布出口管制。\n"
ONE_EVENT = ["--event-ids", "cn_export_controls_2025_10_09", "--tickers", "600111,LYC.AX,MP"]


@pytest.fixture
def existing_file(tmp_path: Path) -> Path:
    path = tmp_path / "results"
    path.write_text("a file the user keeps\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["event-study", *ONE_EVENT, "-w", "0:0", "--out"],
        ["correlate", "--tickers", "600111,MP", "--events", "none", "--out"],
    ],
    ids=["event-study", "correlate"],
)
def test_out_is_an_existing_file(existing_file: Path, args: list[str]) -> None:
    digest = sha256(existing_file)
    result = invoke([*args, str(existing_file)])
    # checked before any data is loaded: exit 2 (a bad option value) with one line, not
    # the usage box (the fix is in the line: give --out a folder you can write)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot use '{existing_file}'")
    assert "File exists" in lines[0] and "--out" in lines[0] and not result.stdout.strip()
    assert sha256(existing_file) == digest


def test_extract_out_under_a_file(tmp_path: Path, existing_file: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    digest = sha256(existing_file)
    result = invoke(["events", "extract", str(dump), "--out", str(existing_file / "x.csv")])
    assert_clean_exit(result, 1, "cannot use", "File exists")
    assert sha256(existing_file) == digest


def test_extract_out_is_a_folder(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    result = invoke(["events", "extract", str(dump), "--out", str(tmp_path)])
    assert_clean_exit(result, 1, f"cannot use '{tmp_path}'", "Is a directory")


def test_bad_out_in_a_real_process(tmp_path: Path, existing_file: Path) -> None:
    args = ["correlate", "--tickers", "600111,MP", "--events", "none", "--out", str(existing_file)]
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=tmp_path / "cache")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: cannot use")


def test_benchmark_as_the_only_ticker(tmp_path: Path) -> None:
    args = ["event-study", "--tickers", "MP", "--benchmark", "MP", "--out", str(tmp_path / "o")]
    assert_clean_exit(invoke(args), 1, "the only ticker given is the benchmark 'MP'")
