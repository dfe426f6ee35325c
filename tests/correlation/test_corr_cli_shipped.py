"""`reequity correlate` end to end on the shipped real cache and catalogue (offline)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from reequity.cli.app import app
from reequity.data.prices import load_returns

EVENTS = "cn_export_controls_2025_10_09,cn_export_control_suspension_2025_11_07"


def test_correlate_on_shipped_data(tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["correlate", "--tickers", "600111,LYC.AX,MP", "--event-ids", EVENTS,
            "--out", str(out), "--cache-dir", str(cache), "--format", "csv"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out / "event_correlation.csv")
    # cross pairs: 600111/LYC.AX, 600111/MP, LYC.AX/MP (Australia vs US) for two events
    assert len(table) == 6 and set(table["event_id"]) == set(EVENTS.split(","))
    assert table["rho_pre"].notna().all() and (table["n_pre"] == 120).all()

    # the same number straight from the cache: aligned pair, 120 rows before day 0
    returns = load_returns(["600111", "LYC.AX"], cache_dir=cache).dropna()
    day0 = int(returns.index.searchsorted(pd.Timestamp("2025-10-09")))
    expected = np.corrcoef(returns.iloc[day0 - 120 : day0].T.to_numpy())[0, 1]
    row = table[
        (table["event_id"] == "cn_export_controls_2025_10_09") & (table["ticker_b"] == "LYC.AX")
    ]
    assert row["rho_pre"].iloc[0] == pytest.approx(expected, abs=1e-12)

    assert (out / "report.md").is_file() and len(list((out / "figures").glob("*.png"))) == 1 + 2 + 1
    reaction = pd.read_csv(out / "first_reaction.csv")
    assert set(reaction["exchange"]) == {"XSHG", "XASX", "XNYS"}
    assert not any(cache.rglob("*.parquet"))  # read only: nothing fetched or written
