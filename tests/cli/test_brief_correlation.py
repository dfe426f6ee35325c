"""The correlate headline counts pairs by their Holm-adjusted p (synthetic table)."""

from __future__ import annotations

import pandas as pd

from reequity.cli.brief import correlation_headline_lines
from reequity.correlation.conditional import holm_by_event


def test_headline_counts_pairs_by_holm_p_not_raw_p() -> None:
    # one event, four pairs: one raw p of 0.03 is no finding once four pairs are tested
    table = pd.DataFrame(
        {
            "event_id": ["e_2025_01_01"] * 4,
            "n_pre": 120, "n_post": 60,
            "rho_pre": [0.1, 0.2, 0.3, 0.4], "rho_post": [0.3, 0.2, 0.3, 0.4],
            "rho_post_adj": [0.3, 0.2, 0.3, 0.4],
            "fr_pvalue": [0.03, 0.5, 0.6, 0.9],
        }
    )  # fmt: skip
    table["fr_pvalue_holm"] = holm_by_event(table, "fr_pvalue")
    lines = correlation_headline_lines(table, pre="-120:-1", post="0:59")
    row = next(line for line in lines if line.startswith("e_2025_01_01"))
    assert row.split()[-2:] == ["0", "0.120"]  # no pair at Holm p < .05; smallest Holm p
    assert any("Holm" in line for line in lines) and all(len(line) <= 80 for line in lines)
    table.loc[0, "fr_pvalue"] = 0.001
    table["fr_pvalue_holm"] = holm_by_event(table, "fr_pvalue")
    row = next(
        line
        for line in correlation_headline_lines(table, pre="-120:-1", post="0:59")
        if line.startswith("e_2025_01_01")
    )
    assert row.split()[-2:] == ["1", "0.004"]
