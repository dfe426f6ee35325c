"""Fisher z and Forbes-Rigobon against values computed by hand."""

from __future__ import annotations

import math

import pytest

from reequity.correlation.stats import (
    correlation_pvalue,
    fisher_ci,
    fisher_z_test,
    forbes_rigobon,
)


def test_fisher_z_hand_computed() -> None:
    # atanh(0.5) = 0.549306, atanh(0.2) = 0.202733, difference 0.346574;
    # se = sqrt(1/(53-3) + 1/(28-3)) = sqrt(0.06) = 0.244949; z = 1.414881;
    # two-sided p = 2 * (1 - Phi(1.414881)) = 0.157103.
    z, p = fisher_z_test(0.5, 53, 0.2, 28)
    assert z == pytest.approx(1.414881, abs=1e-6)
    assert p == pytest.approx(0.157103, abs=1e-6)


def test_fisher_z_is_antisymmetric_and_zero_for_equal_correlations() -> None:
    z1, p1 = fisher_z_test(0.5, 53, 0.2, 28)
    z2, p2 = fisher_z_test(0.2, 28, 0.5, 53)
    assert z1 == pytest.approx(-z2)
    assert p1 == pytest.approx(p2)
    assert fisher_z_test(0.3, 40, 0.3, 90) == (0.0, 1.0)


@pytest.mark.parametrize("args", [(0.5, 3, 0.2, 28), (1.0, 50, 0.2, 28), (math.nan, 50, 0.1, 50)])
def test_fisher_z_nan_when_not_computable(args: tuple) -> None:
    z, p = fisher_z_test(*args)
    assert math.isnan(z) and math.isnan(p)


def test_forbes_rigobon_hand_computed() -> None:
    # variance of the source doubles (delta = 1): 0.6 / sqrt(1 + 1 * (1 - 0.36))
    # = 0.6 / sqrt(1.64) = 0.6 / 1.280625 = 0.468521.
    assert forbes_rigobon(0.6, 1.0) == pytest.approx(0.468521, abs=1e-6)
    # no change in variance leaves the correlation alone
    assert forbes_rigobon(0.6, 0.0) == pytest.approx(0.6)
    # a calmer post period (delta = -0.5) raises it: 0.6 / sqrt(1 - 0.5 * 0.64) = 0.727607
    assert forbes_rigobon(0.6, -0.5) == pytest.approx(0.727607, abs=1e-6)
    assert math.isnan(forbes_rigobon(0.6, -1.0))


def test_fisher_ci_and_pvalue() -> None:
    # n = 28: q / sqrt(25) = 1.959964 / 5 = 0.391993 around atanh(0.5) = 0.549306
    lo, hi = fisher_ci(0.5, 28)
    assert lo == pytest.approx(math.tanh(0.549306 - 0.391993), abs=1e-6)
    assert hi == pytest.approx(math.tanh(0.549306 + 0.391993), abs=1e-6)
    # t = 0.5 * sqrt(26 / 0.75) = 2.943920 with 26 df -> p = 0.006741
    assert correlation_pvalue(0.5, 28) == pytest.approx(0.006741, abs=1e-6)
