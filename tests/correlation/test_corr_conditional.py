"""Pre/post-event correlation: windows, Fisher z, Forbes-Rigobon, errors."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reequity.correlation.conditional import event_correlation
from reequity.correlation.results import EventCorrelationResults
from reequity.errors import (
    ConfigurationError,
    EventFormatError,
    StatisticWarning,
    UnknownTickerError,
)

EVENTS = pd.DataFrame({"event_id": ["SYN-1"], "date": ["2024-06-01"], "title": ["synthetic"]})


def test_windows_are_rows_of_the_aligned_frame(returns: pd.DataFrame) -> None:
    res = event_correlation(
        returns, EVENTS, pairs=[("SYN_A", "SYN_B")], pre=(-40, -1), post=(0, 29)
    )
    row = res.table.iloc[0]
    common = returns[["SYN_A", "SYN_B"]].dropna()
    day0 = int(common.index.searchsorted(pd.Timestamp("2024-06-01")))
    # 2024-06-01 is a Saturday: day 0 is the next common trading day
    assert row["day0"] == common.index[day0] and row["day0"] > pd.Timestamp("2024-06-01")
    before, after = common.iloc[day0 - 40 : day0], common.iloc[day0 : day0 + 30]
    assert (row["n_pre"], row["n_post"]) == (40, 30)
    assert row["rho_pre"] == pytest.approx(np.corrcoef(before.T)[0, 1])
    assert row["rho_post"] == pytest.approx(np.corrcoef(after.T)[0, 1])
    assert row["delta"] == pytest.approx(row["rho_post"] - row["rho_pre"])
    z = (math.atanh(row["rho_post"]) - math.atanh(row["rho_pre"])) / math.sqrt(1 / 27 + 1 / 37)
    assert row["fisher_z"] == pytest.approx(z)


def test_forbes_rigobon_columns_on_a_hand_made_example() -> None:
    # Source a: pre values +-1 (variance 4/3 over 4 days), post values +-2 (variance 16/3):
    # var_ratio = 16/3 / (4/3) - 1 = 3.
    idx = pd.bdate_range("2024-03-04", periods=8, name="date")
    a = [1.0, -1.0, 1.0, -1.0, 2.0, -2.0, 2.0, -2.0]
    b = [0.5, -0.2, 0.1, -0.6, 1.0, -0.1, 0.3, -0.9]
    frame = pd.DataFrame({"SYN_A": a, "SYN_B": b}, index=idx)
    events = pd.DataFrame({"event_id": ["E"], "date": [idx[4]]})
    res = event_correlation(frame, events, pre=(-4, -1), post=(0, 3))
    row = res.table.iloc[0]
    assert row["var_ratio"] == pytest.approx(3.0)
    rho = np.corrcoef(a[4:], b[4:])[0, 1]
    assert row["rho_post_adj"] == pytest.approx(rho / math.sqrt(1 + 3.0 * (1 - rho**2)))
    assert row["n_pre"] == 4 and row["n_post"] == 4
    # two post days are too few for Fisher z (n - 3 <= 0): NaN with a note and a warning
    with pytest.warns(StatisticWarning):
        short = event_correlation(frame.iloc[:6], events, pre=(-4, -1), post=(0, 3)).table
    assert math.isnan(short["fisher_z"].iloc[0]) and "too few" in short["note"].iloc[0]


def test_market_column_drives_the_adjustment(returns: pd.DataFrame) -> None:
    res = event_correlation(
        returns, EVENTS, pairs=[("SYN_A", "SYN_B")], market="SYN_C", pre=(-60, -1), post=(0, 59)
    )
    row = res.table.iloc[0]
    assert row["source"] == "SYN_C"
    rows = returns.dropna()
    day0 = int(rows.index.searchsorted(pd.Timestamp("2024-06-01")))
    ratio = rows["SYN_C"].iloc[day0 : day0 + 60].var() / rows["SYN_C"].iloc[day0 - 60 : day0].var()
    assert row["var_ratio"] == pytest.approx(ratio - 1.0)


def test_no_forbes_rigobon_gives_nan_columns(returns: pd.DataFrame) -> None:
    res = event_correlation(returns, EVENTS, forbes_rigobon=False)
    assert res.table[["var_ratio", "rho_post_adj", "fr_z", "fr_pvalue"]].isna().all().all()
    assert len(res.table) == 3


def test_clipping_and_out_of_range_are_noted(returns: pd.DataFrame) -> None:
    events = pd.DataFrame({"event_id": ["early", "late"], "date": ["2024-01-10", "2031-01-01"]})
    with pytest.warns(StatisticWarning, match="1 of 2"):
        res = event_correlation(returns, events, pairs=[("SYN_A", "SYN_C")])
    early, late = res.table.iloc[0], res.table.iloc[1]
    assert "pre window clipped" in early["note"] and early["n_pre"] < 120
    assert late["n_pre"] == 0 and math.isnan(late["rho_pre"]) and "after the last" in late["note"]


def test_results_object(returns: pd.DataFrame) -> None:
    res = event_correlation(returns, EVENTS)
    assert isinstance(res, EventCorrelationResults)
    matrix = res.matrix("SYN-1", which="post")
    assert list(matrix.index) == ["SYN_A", "SYN_B", "SYN_C"]
    np.testing.assert_allclose(matrix.to_numpy(), matrix.to_numpy().T)
    assert "pre=(-120, -1)" in res.summary()
    assert "<table" in res._repr_html_() and "rho_post_adj" in res._repr_html_()
    with pytest.raises(ConfigurationError, match="NOPE"):
        res.matrix("NOPE", which="pre")


def test_bad_inputs(returns: pd.DataFrame) -> None:
    with pytest.raises(EventFormatError, match="event_id"):
        event_correlation(returns, pd.DataFrame({"date": ["2024-06-01"]}))
    with pytest.raises(EventFormatError, match="unparseable"):
        event_correlation(returns, pd.DataFrame({"event_id": ["x"], "date": ["not a date"]}))
    with pytest.raises(ConfigurationError, match="disjoint"):
        event_correlation(returns, EVENTS, pre=(-10, 0), post=(0, 10))
    with pytest.raises(ConfigurationError, match="start <= end"):
        event_correlation(returns, EVENTS, pre=(-1, -10))
    with pytest.raises(UnknownTickerError, match="MKT"):
        event_correlation(returns, EVENTS, market="MKT")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scale=st.floats(0.01, 100.0), shift=st.floats(-1.0, 1.0), seed=st.integers(0, 500))
def test_symmetric_and_affine_invariant(
    make_returns: Callable[..., pd.DataFrame], scale: float, shift: float, seed: int
) -> None:
    frame = make_returns(n=200, seed=seed)
    cols = ["rho_pre", "rho_post", "fisher_z", "pvalue"]
    base = event_correlation(frame, EVENTS, pairs=[("SYN_A", "SYN_B")], market="SYN_A").table
    swap = event_correlation(frame, EVENTS, pairs=[("SYN_B", "SYN_A")], market="SYN_A").table
    np.testing.assert_allclose(base[cols + ["rho_post_adj"]], swap[cols + ["rho_post_adj"]])
    moved = frame.assign(SYN_B=frame["SYN_B"] * scale + shift)
    affine = event_correlation(moved, EVENTS, pairs=[("SYN_A", "SYN_B")], market="SYN_A").table
    np.testing.assert_allclose(base[cols + ["var_ratio"]], affine[cols + ["var_ratio"]], atol=1e-6)


def test_no_data_around_the_event_gives_nan_not_a_distant_day0(returns: pd.DataFrame) -> None:
    # SYN_C starts in 2024-06 and pauses for two months: events before its start or in the
    # pause must not borrow a day 0 months later.
    frame = returns.copy()
    frame.loc[:"2024-05-31", "SYN_C"] = np.nan
    frame.loc["2024-08-01":"2024-09-30", "SYN_C"] = np.nan
    events = pd.DataFrame({"event_id": ["before", "pause"], "date": ["2024-03-01", "2024-08-05"]})
    with pytest.warns(StatisticWarning):
        table = event_correlation(frame, events, pairs=[("SYN_A", "SYN_C")]).table
    assert table["rho_post"].isna().all() and (table["n_post"] == 0).all()
    assert "no common returns before the event" in table.loc[0, "note"]
    assert "days after the event" in table.loc[1, "note"]


def test_matrix_leaves_unestimated_pairs_missing(returns: pd.DataFrame) -> None:
    # only A-C is estimated: A-B and B-C were never measured and must not read as 0
    res = event_correlation(returns, EVENTS, pairs=[("SYN_A", "SYN_C"), ("SYN_A", "SYN_B")])
    matrix = res.matrix("SYN-1", which="pre")
    assert np.isnan(matrix.loc["SYN_B", "SYN_C"]) and np.isnan(matrix.loc["SYN_C", "SYN_B"])
    assert (np.diag(matrix.to_numpy()) == 1.0).all()
    assert np.isfinite(matrix.loc["SYN_A", "SYN_C"])


def test_holm_adjustment_by_hand() -> None:
    from reequity.correlation.conditional import holm_by_event

    # Holm (1979): sorted p times (m, m-1, ...), made monotone, capped at 1, per event
    table = pd.DataFrame(
        {"event_id": ["a", "a", "a", "b", "b"], "p": [0.01, 0.04, 0.03, 0.6, np.nan]}
    )
    got = holm_by_event(table, "p")
    np.testing.assert_allclose(got.iloc[:3], [0.03, 0.06, 0.06])
    assert got.iloc[3] == pytest.approx(0.6) and np.isnan(got.iloc[4])


def test_each_events_pairs_are_holm_adjusted_together(returns: pd.DataFrame) -> None:
    from statsmodels.stats.multitest import multipletests

    events = pd.DataFrame({"event_id": ["E1", "E2"], "date": ["2024-06-03", "2024-09-02"]})
    res = event_correlation(returns, events, pre=(-40, -1), post=(0, 29))
    t = res.table
    assert t.groupby("event_id").size().min() >= 2  # several pairs per event
    for _, rows in t.groupby("event_id"):
        for raw in ("pvalue", "fr_pvalue"):
            want = multipletests(rows[raw].to_numpy(float), method="holm")[1]
            np.testing.assert_allclose(rows[f"{raw}_holm"], want)
            assert (rows[f"{raw}_holm"] >= rows[raw] - 1e-15).all()
