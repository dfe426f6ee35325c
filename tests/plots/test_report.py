"""The Markdown report writer: content, relative figure links, determinism, errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reequity.errors import ConfigurationError
from reequity.report import markdown_table, write_report


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["SYN-1", "SYN-2"],
            "date": pd.to_datetime(["2025-04-04", "2025-10-09"]),
            "rho": [0.123456, np.nan],
            "n": [10, 20],
            "label": ["a|b", "c"],
        }
    )


def test_markdown_table_formats_cells() -> None:
    text = markdown_table(_table())
    lines = text.splitlines()
    assert lines[0] == "| event_id | date | rho | n | label |"
    assert lines[1] == "|---|---|---:|---:|---|"
    assert lines[2] == "| SYN-1 | 2025-04-04 | 0.1235 | 10 | a\\|b |"
    assert lines[3] == "| SYN-2 | 2025-10-09 |  | 20 | c |"


def test_write_report_is_self_contained_and_deterministic(tmp_path: Path) -> None:
    figdir = tmp_path / "out" / "figures"
    figdir.mkdir(parents=True)
    png = figdir / "synthetic.png"
    png.write_bytes(b"\x89PNG synthetic")
    kwargs = dict(
        title="Synthetic report",
        settings={"window": 60, "tickers": ("SYN_A", "SYN_B")},
        tables={"Event correlations": _table(), "Empty": pd.DataFrame({"x": []})},
        figures={"A figure": png},
    )
    path = write_report(tmp_path / "out", **kwargs)
    text = path.read_text(encoding="utf-8")
    assert path.name == "report.md"
    assert text.startswith("# Synthetic report\n")
    assert "| window | 60 |" in text and "| tickers | SYN_A, SYN_B |" in text
    assert "## Event correlations" in text and "(no rows)" in text
    assert "![A figure](figures/synthetic.png)" in text
    assert str(tmp_path) not in text  # no absolute paths
    again = write_report(tmp_path / "out", **kwargs).read_text(encoding="utf-8")
    assert again == text


def test_long_tables_are_cut_with_a_note(tmp_path: Path) -> None:
    frame = pd.DataFrame({"i": range(100)})
    text = write_report(
        tmp_path, title="t", settings={}, tables={"T": frame}, figures={}, max_rows=5
    )
    assert "First 5 of 100 rows" in text.read_text(encoding="utf-8")


def test_missing_figure_and_bad_table(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        write_report(
            tmp_path, title="t", settings={}, tables={}, figures={"x": tmp_path / "no.png"}
        )
    with pytest.raises(ConfigurationError, match="DataFrames"):
        write_report(tmp_path, title="t", settings={}, tables={"x": [1, 2]}, figures={})
