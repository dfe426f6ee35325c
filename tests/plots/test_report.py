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


def test_event_study_report_links_the_csv_of_every_cut_table(tmp_path: Path) -> None:
    """A report section the report cuts says so and links the CSV holding all its rows
    (synthetic study with pools: the pool section names pools.csv)."""
    import warnings

    import reequity as rq
    from reequity.cli.study_report import event_study_sections
    from reequity.cli.study_tables import robust_table
    from tests.study.synthetic import synthetic_returns

    rets = synthetic_returns(4, 200, seed=2)
    events = pd.DataFrame(
        {"event_id": ["a", "b", "c"], "date": rets.index[[100, 140, 180]],
         "kind": ["up", "down", "up"]}
    )  # fmt: skip
    groups = {"F0": "CN", "F1": "CN", "F2": "ex-CN", "F3": "ex-CN"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = rq.event_study(
            rets, events, benchmark="MKT", estimation=(-60, -11), windows=[(0, 0)],
            groups=groups, pool_by="kind",
        )  # fmt: skip
    tables = {"summary": robust_table(res), "groups": robust_table(res, groups=True)}
    names = ("summary", "pools", "pool_difference", "issues")
    csvs = {n: tmp_path / f"{n}.csv" for n in names}
    sections, links, sources = event_study_sections(res, tables, csvs=csvs, out=tmp_path)
    pool_heading = next(h for h in sections if h.startswith("Pools of comparable events"))
    assert sources[pool_heading] == "pools.csv"
    assert len(sections[pool_heading]) == 6  # 2 pools x (ALL, CN, ex-CN)
    text = write_report(
        tmp_path, title="t", settings={}, tables=sections, figures={}, links=links,
        sources=sources, max_rows=2, html=False,
    ).read_text(encoding="utf-8")  # fmt: skip
    section = text.split(f"## {pool_heading}")[1].split("\n## ")[0]
    assert "First 2 of 6 rows; all rows are in [pools.csv](pools.csv)." in section
    head = text.split("## Headline")[1].split("\n## ")[0]
    assert "First 2 of 3 rows; all rows are in [summary.csv](summary.csv)." in head
