"""Output paths that cannot be used: one-line error (exit 2, found before any work), the
existing file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import Result

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
    assert_path_refused(result, existing_file, "File exists", "--out")
    assert sha256(existing_file) == digest


def assert_path_refused(result: Result, path: Path, reason: str, option: str) -> None:
    """Checked before any work: exit 2 (a bad option value) with one line, not the usage
    box (the fix is in the line: give --out a folder / file path you can write)."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot use '{path}'"), lines
    assert reason in lines[0] and option in lines[0] and not result.stdout.strip()


@pytest.mark.parametrize("option", ["--out", "--events-out"])
def test_extract_out_under_a_file(tmp_path: Path, existing_file: Path, option: str) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    digest = sha256(existing_file)
    result = invoke(["events", "extract", str(dump), option, str(existing_file / "x.csv")])
    # the same usage error as event-study's and correlate's --out
    assert_path_refused(result, existing_file / "x.csv", "Not a directory", option)
    assert sha256(existing_file) == digest


@pytest.mark.parametrize("option", ["--out", "--events-out"])
def test_extract_out_is_a_folder(tmp_path: Path, option: str) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    result = invoke(["events", "extract", str(dump), option, str(tmp_path)])
    assert_path_refused(result, tmp_path, "Is a directory", option)
    assert list(tmp_path.iterdir()) == [dump]  # nothing written


def test_extract_out_in_new_folders(tmp_path: Path) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(DUMP, encoding="utf-8")
    out = tmp_path / "new" / "sub" / "mentions.csv"
    result = invoke(["events", "extract", str(dump), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("article_id,")


def test_bad_out_in_a_real_process(tmp_path: Path, existing_file: Path) -> None:
    args = ["correlate", "--tickers", "600111,MP", "--events", "none", "--out", str(existing_file)]
    proc = run_subprocess(args, cwd=tmp_path, cache_dir=tmp_path / "cache")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: cannot use")


def test_benchmark_as_the_only_ticker(tmp_path: Path) -> None:
    args = ["event-study", "--tickers", "MP", "--benchmark", "MP", "--out", str(tmp_path / "o")]
    assert_clean_exit(invoke(args), 1, "the only ticker given is the benchmark 'MP'")
