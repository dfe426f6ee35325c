"""Helpers of the robustness suite: run the CLI, check the error edge, hash files."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from typer.testing import CliRunner, Result

from reequity.cli.app import app
from reequity.errors import ProviderError

REPO = Path(__file__).resolve().parents[2]
SHIPPED_CACHE = REPO / "data_cache"
_BOX = re.compile(r"[│╭╮╰╯─┃━]+")

runner = CliRunner()
# curl reads http_proxy only in lower case; requests reads both
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def flat(text: str) -> str:
    """Rich wraps messages in boxes and at the terminal width: undo both for matching."""
    return " ".join(_BOX.sub(" ", text).split())


def invoke(args: list[str]) -> Result:
    """Run the CLI in-process (CliRunner keeps stdout and stderr apart)."""
    return runner.invoke(app, args, env={"COLUMNS": "200", "NO_COLOR": "1"})


def assert_clean_exit(result: Result, code: int, *fragments: str) -> str:
    """Exit ``code``, no traceback, no stray exception, every fragment in the message."""
    text = flat(result.stdout + result.stderr)
    assert result.exit_code == code, f"exit {result.exit_code} != {code}: {text}"
    assert "Traceback" not in text, text
    # CliRunner stores any exception; a clean exit is SystemExit only
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in: {text}"
    if code == 1:  # the error edge: exactly one line "error: ...", the last one on stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert lines and lines[-1].startswith("error:"), result.stderr
        assert sum(line.startswith("error:") for line in lines) == 1, result.stderr
    if code == 2:
        assert "Usage:" in text and "-h" in text
    return text


def run_subprocess(
    args: list[str], *, cwd: Path, cache_dir: Path, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m reequity.cli.app ARGS`` in a real process (offline: dead proxy)."""
    env = {
        **os.environ,
        "REEQUITY_CACHE_DIR": str(cache_dir),
        "COLUMNS": "200",
        "NO_COLOR": "1",
        # any accidental network call fails fast instead of reaching a vendor
        **{name: "http://127.0.0.1:9" for name in _PROXIES},
        "NO_PROXY": "",
        "no_proxy": "",
    }
    return subprocess.run(
        [sys.executable, "-m", "reequity.cli.app", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree_hashes(folder: Path, patterns: Iterable[str] = ("*",)) -> dict[str, str]:
    """``relative path -> sha256`` of every file under ``folder`` matching ``patterns``."""
    files = {p for pattern in patterns for p in Path(folder).rglob(pattern) if p.is_file()}
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(files)}


def synthetic_prices(seed: int, n: int = 80) -> pd.DataFrame:
    """A canonical price frame of made-up numbers for MP (source 'synthetic')."""
    rng = np.random.default_rng(seed)
    close = 20 * np.exp(np.cumsum(rng.normal(0, 0.02, n)))
    ret = np.r_[np.nan, close[1:] / close[:-1] - 1]
    return pd.DataFrame(
        {
            "date": pd.bdate_range("2024-01-02", periods=n).astype("datetime64[ns]"),
            "ticker": "MP",
            "open": close, "high": close, "low": close, "close": close, "adj_close": close,
            "volume": float(seed), "ret": ret, "suspended": False,
            "source": f"synthetic-{seed}", "flag": "",
        }
    )  # fmt: skip


class FakeProvider:
    """A yfinance stand-in: returns a synthetic frame or fails like an offline vendor."""

    name = "yfinance"

    def __init__(self, frame: pd.DataFrame | None) -> None:
        self.frame = frame

    def adjustment_for(self, info: pd.Series) -> str:
        return "auto_adjust"

    def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        if self.frame is None:
            raise ProviderError("yfinance could not fetch 'MP' (ConnectionError: offline)")
        return self.frame
