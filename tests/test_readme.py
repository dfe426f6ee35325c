"""The README's Python example runs as written on the shipped cache (offline), uses every
name it defines, and shows the answer; the general engine warns about index columns."""

from __future__ import annotations

import ast
import contextlib
import io
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

import reequity as rq

README = Path(__file__).resolve().parents[1] / "README.md"


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## What it does") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_example_names_are_all_used() -> None:
    tree = ast.parse(_example())
    assigned = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}  # fmt: skip
    loaded = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    assert assigned and assigned <= loaded, assigned - loaded


def test_readme_example_runs_offline_and_shows_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REEQUITY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.ReequityWarning)  # confounders: in res.issues
        exec(compile(_example(), str(README), "exec"), namespace)
    res = namespace["res"]
    ci = res.conf_int(0.95, event_id="ALL")
    text = printed.getvalue()
    assert f"{ci['lower'].iloc[0]:.6f}"[:6] in text  # the interval is printed
    assert "kolari_pynnonen" in text and "grank" in text
    assert set(res.caar["event_id"]) == {"cn_export_controls_2025_10_09", "ALL"}


def test_event_study_warns_when_universe_indices_are_studied_as_firms() -> None:
    returns = rq.load_returns(["600111", "LYC.AX", "CSI300", "ASX200", "SPX"])
    events = rq.load_catalogue(include_confounders=False)
    events = events[events["event_id"] == "cn_export_controls_2025_10_09"]
    with pytest.warns(rq.ReequityWarning, match=r"ASX200, SPX are market indices"):
        res = rq.event_study(returns, events, benchmark="CSI300")
    assert {"ASX200", "SPX"} <= set(res.car["ticker"])  # still studied: nothing silent
    assert isinstance(res.car, pd.DataFrame)
