"""Rows holding NaN rank and sort as before through the NaN-as-inf fast path."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy import stats

from reequity.study.statistics.ranking import rank_rows, row_ranks, sort_rows


@pytest.mark.parametrize("with_inf", [False, True])
def test_sort_and_rank_rows_with_nan(with_inf: bool) -> None:
    rng = np.random.default_rng(7)
    x = np.round(rng.normal(size=(40, 25)), 1)  # ties, so the rankdata fallback runs too
    x[rng.random(x.shape) < 0.15] = np.nan
    x[5] = np.nan  # a row without any value
    if with_inf:  # a +inf value: the plain sort is kept
        x[6, 3] = np.inf
    np.testing.assert_array_equal(sort_rows(x), np.sort(x, axis=1))
    ref = stats.rankdata(x, axis=1, nan_policy="omit")
    np.testing.assert_array_equal(row_ranks(x), ref)
    subset = np.arange(25) < 18
    ranks, sub, median, _ = rank_rows(x, subset)
    np.testing.assert_array_equal(ranks, ref.astype(np.float32))
    np.testing.assert_array_equal(sub, stats.rankdata(x[:, subset], axis=1, nan_policy="omit"))
    with warnings.catch_warnings():  # the all-NaN row: nanmedian warns and gives NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        np.testing.assert_array_equal(median, np.nanmedian(x, axis=1))
