"""Rank helpers and the Wilcoxon p-value against scipy (ties and NaN included)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from reequity.study.statistics.ranking import (
    ranks_and_subset,
    row_ranks,
    wilcoxon_plus,
    wilcoxon_pvalue,
)


def _rounded_panel(seed: int, n: int, t: int) -> np.ndarray:
    """Synthetic rows with ties (rounded values) and a few NaN."""
    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(size=(n, t)), 1)
    x[rng.random((n, t)) < 0.1] = np.nan
    return x


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), n=st.integers(1, 6), t=st.integers(2, 30))
def test_row_ranks_match_scipy(seed: int, n: int, t: int) -> None:
    x = _rounded_panel(seed, n, t)
    expected = stats.rankdata(x, axis=1, nan_policy="omit")
    np.testing.assert_allclose(row_ranks(x), expected, equal_nan=True)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 1000), n=st.integers(1, 6), t=st.integers(3, 30))
def test_ranks_and_subset_match_scipy(seed: int, n: int, t: int) -> None:
    x = _rounded_panel(seed, n, t)
    subset = np.zeros(t, dtype=bool)
    subset[: t - 2] = True
    ranks, sub, median = ranks_and_subset(x, subset)
    np.testing.assert_allclose(ranks, stats.rankdata(x, axis=1, nan_policy="omit"), equal_nan=True)
    np.testing.assert_allclose(
        sub, stats.rankdata(x[:, subset], axis=1, nan_policy="omit"), equal_nan=True
    )
    np.testing.assert_allclose(median, np.nanmedian(x, axis=1), equal_nan=True)


@pytest.mark.parametrize("n", [1, 2, 5, 9, 20, 50, 51, 120])
def test_wilcoxon_matches_scipy_without_ties(n: int) -> None:
    x = np.random.default_rng(n).normal(0.2, 1.0, n)
    w, count, ties = wilcoxon_plus(x[:, None])
    assert not ties[0] and count[0] == n
    assert w[0] == pytest.approx(sum(stats.rankdata(np.abs(x))[x > 0]))
    if n > 1:
        assert wilcoxon_pvalue(w[0], n) == pytest.approx(stats.wilcoxon(x).pvalue, rel=1e-10)


def test_wilcoxon_with_ties_and_zeros_matches_scipy() -> None:
    x = np.array([0.3, -0.3, 0.5, 0.0, 0.7, 0.7, -0.1, 0.2, 0.9, -0.4])
    w, count, ties = wilcoxon_plus(x[:, None])
    assert ties[0] and count[0] == 9
    nz = np.abs(x[x != 0])
    sq = float((stats.rankdata(nz) ** 2).sum())
    expected = stats.wilcoxon(x, zero_method="wilcox", method="approx", correction=False)
    assert wilcoxon_pvalue(w[0], 9, sq) == pytest.approx(expected.pvalue, rel=1e-10)


@pytest.mark.parametrize("width", [1, 2, 3, 7, 8, 240, 257])
def test_grank_count_below_matches_searchsorted(width: int) -> None:
    import importlib

    grank_module = importlib.import_module("reequity.study.statistics.grank")
    rng = np.random.default_rng(width)
    n, c = 40, 6
    x = np.round(rng.normal(size=(n, width)), 1)  # ties on purpose
    m = rng.integers(0, width + 1, n)
    for i in range(n):
        x[i, m[i] :] = np.nan  # fewer values in some rows, NaN last
    srt = np.sort(x, axis=1)
    v = np.round(rng.normal(size=(n, c)), 1)
    v[0, 0] = np.inf
    wide = np.full((n, width + 3), -9.0)
    wide[:, 1 : 1 + width] = srt  # a column slice, as the engine passes it
    for strict, side in ((True, "left"), (False, "right")):
        expected = np.array(
            [
                [np.searchsorted(srt[i, : m[i]], v[i, j], side=side) for j in range(c)]
                for i in range(n)
            ]
        )
        got = grank_module._count_below(wide[:, 1 : 1 + width], m, v, strict=strict)
        np.testing.assert_array_equal(got, expected)
