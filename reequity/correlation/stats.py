"""Small, exact formulas for correlation inference (pure functions on scalars).

Each function returns NaN instead of raising when its statistic cannot be computed
(too few observations, a correlation of exactly +-1), so a table over many pairs and
events keeps one row per case; the callers record why in a ``note`` column.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson correlation of two equally long arrays; NaN if either is constant or n < 2."""
    if len(x) < 2 or np.std(x) == 0.0 or np.std(y) == 0.0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def fisher_z_test(r1: float, n1: int, r2: float, n2: int) -> tuple[float, float]:
    """Fisher z test that two correlations from independent samples are equal.

    Parameters
    ----------
    r1, n1 : float, int
        Correlation and sample size of the first sample (here: the post-event window).
    r2, n2 : float, int
        Correlation and sample size of the second sample (the pre-event window).

    Returns
    -------
    tuple of float
        ``(z, pvalue)``, two-sided; NaN when ``n1 < 4``, ``n2 < 4`` or a correlation is
        NaN or +-1.

    Notes
    -----
    Fisher (1921): ``atanh(r)`` is approximately normal with variance ``1/(n-3)``, so

    .. math:: z = \\frac{\\operatorname{atanh} r_1 - \\operatorname{atanh} r_2}
                       {\\sqrt{1/(n_1-3) + 1/(n_2-3)}}

    is standard normal under equal population correlations. A positive ``z`` means the
    first correlation is higher.
    """
    if n1 < 4 or n2 < 4 or not (abs(r1) < 1.0 and abs(r2) < 1.0):
        return math.nan, math.nan
    z = (math.atanh(r1) - math.atanh(r2)) / math.sqrt(1.0 / (n1 - 3) + 1.0 / (n2 - 3))
    return z, float(2.0 * stats.norm.sf(abs(z)))


def forbes_rigobon(rho: float, delta: float) -> float:
    """Forbes-Rigobon (2002) correlation adjusted for a change in source-market volatility.

    Parameters
    ----------
    rho : float
        Correlation measured in the turbulent (here: post-event) period.
    delta : float
        Relative increase in the variance of the source market from the calm to the
        turbulent period, ``var_post / var_pre - 1`` (greater than -1).

    Returns
    -------
    float
        :math:`\\rho^* = \\rho / \\sqrt{1 + \\delta (1 - \\rho^2)}`; NaN if an input is NaN.

    Notes
    -----
    Forbes, K. and Rigobon, R. (2002), "No contagion, only interdependence", *Journal of
    Finance* 57(5), eq. (3): a rise in the source market's variance mechanically raises
    the measured correlation even when the underlying relation is unchanged.
    """
    if math.isnan(rho) or math.isnan(delta) or delta <= -1.0:
        return math.nan
    return rho / math.sqrt(1.0 + delta * (1.0 - rho * rho))


def fisher_ci(r: float, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval for a correlation via Fisher's z: ``tanh(atanh r +- q/sqrt(n-3))``."""
    if n < 4 or not abs(r) < 1.0:
        return math.nan, math.nan
    half = stats.norm.ppf(0.5 + level / 2.0) / math.sqrt(n - 3)
    centre = math.atanh(r)
    return math.tanh(centre - half), math.tanh(centre + half)


def correlation_pvalue(r: float, n: int) -> float:
    """Two-sided p-value of H0: rho = 0 from ``t = r sqrt((n-2)/(1-r^2))`` with n-2 df."""
    if n < 3 or math.isnan(r):
        return math.nan
    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt((n - 2) / (1.0 - r * r))
    return float(2.0 * stats.t.sf(abs(t), df=n - 2))
