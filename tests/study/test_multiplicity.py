"""Benjamini-Hochberg q-values over the headline's events (reequity.study.multiplicity)."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import reequity.study.multiplicity as multiplicity
from reequity.study.multiplicity import fdr_line, with_fdr

# eight p-values and their BH q-values by hand: q_(i) = min over j >= i of p_(j) * m / j
P = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]
Q = [0.008, 0.032, 0.0672, 0.0672, 0.0672, 0.08, 0.074 * 8 / 7, 0.205]


def _table(p: list[float], window: str = "-1:1") -> pd.DataFrame:
    return pd.DataFrame(
        {"event_id": [f"e{i}" for i in range(len(p))], "window": window, "cda_p": p}
    )


def test_q_values_by_hand_in_any_row_order() -> None:
    order = [5, 0, 7, 2, 1, 6, 4, 3]
    table = _table([P[i] for i in order])
    q = with_fdr(table, ["cda"])["cda_q"].to_numpy()
    np.testing.assert_allclose(q, [Q[i] for i in order], rtol=1e-12)


def test_windows_are_separate_families_and_all_is_not_a_test() -> None:
    table = pd.concat(
        [_table(P), _table([0.01, 0.02], "0:0"), _table([0.0001], "0:0").assign(event_id="ALL")]
    )
    out = with_fdr(table, ["cda", "absent"])
    assert list(out.columns) == ["event_id", "window", "cda_p", "cda_q"]
    zero = out[out["window"] == "0:0"]["cda_q"].tolist()
    assert zero[:2] == pytest.approx([0.02, 0.02]) and np.isnan(zero[2])
    np.testing.assert_allclose(out[out["window"] == "-1:1"]["cda_q"], Q, rtol=1e-12)


def test_missing_p_values_stay_missing_and_do_not_count() -> None:
    q = with_fdr(_table([0.01, np.nan, 0.04]), ["cda"])["cda_q"].to_numpy()
    assert np.isnan(q[1])
    np.testing.assert_allclose(q[[0, 2]], [0.02, 0.04])  # m = 2, not 3


def test_the_line_counts_rejections_before_and_after() -> None:
    line = fdr_line(with_fdr(_table(P), ["cda"]), "-1:1", "cda", "CDA")
    assert line == ("8 events: 5 with CDA p < 0.05 (0.4 expected by chance); 2 with BH q < 0.05")
    assert fdr_line(_table(P), "-1:1", "cda", "CDA") == ""  # no q column: nothing to say


def test_doctests() -> None:
    assert doctest.testmod(multiplicity).failed == 0
