"""Lead-lag cross-correlations against np.corrcoef of shifted series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reequity.correlation.lead_lag import lead_lag
from reequity.errors import ConfigurationError, UnknownTickerError


def _us_leads_asia(n: int = 400, seed: int = 3) -> pd.DataFrame:
    """Synthetic: the Asian series reacts one day after the US one; Asian holidays NaN."""
    rng = np.random.default_rng(seed)
    us = rng.normal(size=n + 1)
    idx = pd.bdate_range("2024-01-01", periods=n, name="date")
    frame = pd.DataFrame(
        {"SYN_US": us[1:], "SYN_ASIA": 0.7 * us[:-1] + 0.7 * rng.normal(size=n)}, index=idx
    )
    frame.iloc[3::11, 1] = np.nan
    return frame


@pytest.mark.parametrize("lag", [-2, -1, 0, 1, 2])
def test_matches_corrcoef_of_shifted_series(lag: int) -> None:
    frame = _us_leads_asia()
    table = lead_lag(frame, a="SYN_US", b="SYN_ASIA", max_lag=2).table.set_index("lag")
    a = frame["SYN_US"].to_numpy()
    b = frame["SYN_ASIA"].to_numpy()
    # corr(a_t, b_{t+lag}) over the rows where both exist
    x, y = (a[: len(a) - lag], b[lag:]) if lag >= 0 else (a[-lag:], b[: len(b) + lag])
    keep = ~(np.isnan(x) | np.isnan(y))
    assert table.loc[lag, "n_obs"] == keep.sum()
    assert table.loc[lag, "correlation"] == pytest.approx(np.corrcoef(x[keep], y[keep])[0, 1])


def test_detects_which_series_leads() -> None:
    res = lead_lag(_us_leads_asia(), a="SYN_US", b="SYN_ASIA", max_lag=3)
    assert res.peak_lag == 1
    row = res.table.set_index("lag").loc[1]
    assert row["ci_lower"] > row["band"] and row["pvalue"] < 1e-6
    assert res.table.set_index("lag").loc[0, "correlation"] < row["band"]
    reverse = lead_lag(_us_leads_asia(), a="SYN_ASIA", b="SYN_US", max_lag=3)
    assert reverse.peak_lag == -1
    assert "SYN_US leads" in res.summary()
    assert "SYN_US leads" in res._repr_html_() and "<table" in res._repr_html_()


def test_columns_and_band() -> None:
    table = lead_lag(_us_leads_asia(), a="SYN_US", b="SYN_ASIA", max_lag=4).table
    assert list(table["lag"]) == list(range(-4, 5))
    assert {"lag", "correlation", "ci_lower", "ci_upper", "n_obs"} <= set(table.columns)
    np.testing.assert_allclose(table["band"], 1.959964 / np.sqrt(table["n_obs"]), rtol=1e-6)
    assert (table["ci_lower"] <= table["correlation"]).all()
    assert (table["correlation"] <= table["ci_upper"]).all()


def test_bad_inputs() -> None:
    frame = _us_leads_asia()
    with pytest.raises(UnknownTickerError, match="MP"):
        lead_lag(frame, a="SYN_US", b="MP")
    with pytest.raises(ConfigurationError, match="max_lag"):
        lead_lag(frame, a="SYN_US", b="SYN_ASIA", max_lag=-1)
    with pytest.raises(ConfigurationError, match="level"):
        lead_lag(frame, a="SYN_US", b="SYN_ASIA", level=95)


def test_start_end_restrict_the_sample() -> None:
    frame = _us_leads_asia()
    part = lead_lag(
        frame, a="SYN_US", b="SYN_ASIA", max_lag=1, start="2024-03-01", end="2024-06-28"
    )
    direct = lead_lag(frame.loc["2024-03-01":"2024-06-28"], a="SYN_US", b="SYN_ASIA", max_lag=1)
    pd.testing.assert_frame_equal(part.table, direct.table)
    assert part.table["n_obs"].max() < 90


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 500), scale=st.floats(0.01, 100.0), shift=st.floats(-1.0, 1.0))
def test_swapping_a_and_b_mirrors_the_lags_and_affine_invariance(
    seed: int, scale: float, shift: float
) -> None:
    frame = _us_leads_asia(n=120, seed=seed)
    ab = lead_lag(frame, a="SYN_US", b="SYN_ASIA", max_lag=3).table.set_index("lag")
    ba = lead_lag(frame, a="SYN_ASIA", b="SYN_US", max_lag=3).table.set_index("lag")
    mirrored = ba.rename(index=lambda k: -k).sort_index()
    np.testing.assert_allclose(ab["correlation"], mirrored["correlation"], atol=1e-12)
    assert (ab["n_obs"] == mirrored["n_obs"]).all()
    moved = frame.assign(SYN_ASIA=frame["SYN_ASIA"] * scale + shift)
    affine = lead_lag(moved, a="SYN_US", b="SYN_ASIA", max_lag=3).table.set_index("lag")
    np.testing.assert_allclose(ab["correlation"], affine["correlation"], atol=1e-6)
