"""Lead-lag cross-correlations between markets whose daily closes are hours apart.

Close times on one calendar date, in UTC: Sydney (ASX) 16:00 local = 05:00 UTC under
AEDT (Oct-Apr) or 06:00 UTC under AEST; Shanghai/Shenzhen 15:00 CST = 07:00 UTC (no
daylight saving); New York 16:00 ET = 21:00 UTC under EST or 20:00 UTC under EDT. So on
date t Sydney closes first, then Shanghai one to two hours later, then New York about
thirteen hours after that. News that moves New York on date t (after the Asian closes)
can only appear in Sydney and Shanghai returns of t+1, while a Chinese announcement
during Beijing trading hours on t can appear in all three returns of t. A
same-day correlation therefore understates the link from the US to Asia, and the
correlation of US returns on t with Asian returns on t+1 (``lag=1`` with ``a`` the US
series) captures it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reequity.correlation._frames import check_returns, check_tickers
from reequity.correlation.results import LeadLagResults
from reequity.correlation.stats import correlation_pvalue, fisher_ci, pearson
from reequity.errors import ConfigurationError

COLUMNS = ["lag", "correlation", "ci_lower", "ci_upper", "band", "pvalue", "n_obs"]


def lead_lag(
    returns: pd.DataFrame,
    *,
    a: str,
    b: str,
    max_lag: int = 5,
    level: float = 0.95,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> LeadLagResults:
    """Cross-correlation ``corr(a_t, b_{t+lag})`` for ``lag`` in ``-max_lag..max_lag``.

    Parameters
    ----------
    returns : DataFrame
        Wide daily returns (DatetimeIndex ``date``), NaN where a market was closed.
    a, b : str
        Tickers (columns). Positive ``lag`` means ``a`` leads ``b``.
    max_lag : int, default 5
        Largest lead/lag in rows of ``returns`` (its trading days), 0 or more.
    level : float, default 0.95
        Confidence level of the intervals and the null band, in (0, 1).
    start, end : date-like, optional
        Restrict to rows in ``[start, end]`` before shifting.

    Returns
    -------
    LeadLagResults
        ``.table`` with columns ``lag, correlation, ci_lower, ci_upper`` (Fisher-z
        interval), ``band`` (half-width ``q/sqrt(n_obs)`` of the band under the null of
        no correlation), ``pvalue`` (t test of zero correlation), ``n_obs``.

    Notes
    -----
    Shifts are in rows of the given frame, whose index is the union of the markets'
    sessions: ``b`` at lag ``k`` is ``b`` ``k`` rows later, and a pair enters only when
    both returns exist, so a holiday in one market drops the pair instead of
    pretending the next open day is the next day. The bands assume i.i.d. returns
    (Box and Jenkins' ``+-1.96/sqrt(n)``); see the module docstring for close times.

    Examples
    --------
    On the shipped data, MP Materials (New York) on day t correlates most with Lynas
    (Sydney) on day t+1, as the close times predict:

    >>> import reequity as rq
    >>> res = rq.lead_lag(rq.load_returns(["MP", "LYC.AX"]), a="MP", b="LYC.AX", max_lag=3)
    >>> res.peak_lag
    1
    >>> bool(res.table.set_index("lag").at[1, "pvalue"] < 0.001)
    True
    """
    frame = check_returns(returns)
    check_tickers(frame, [a, b])
    if not isinstance(max_lag, int) or max_lag < 0:
        raise ConfigurationError(f"max_lag must be an integer >= 0, got {max_lag!r}; try 5.")
    if not 0.0 < level < 1.0:
        raise ConfigurationError(f"level must be between 0 and 1, got {level!r}; try 0.95.")
    frame = frame.loc[start:end, [a] if a == b else [a, b]]
    series_a, series_b = frame[a], frame[b]
    rows = [_lag_row(series_a, series_b, lag, level) for lag in range(-max_lag, max_lag + 1)]
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"lag": int, "n_obs": int})
    return LeadLagResults(table=table, a=a, b=b, level=level)


def _lag_row(series_a: pd.Series, series_b: pd.Series, lag: int, level: float) -> dict:
    from scipy import stats

    pair = pd.concat([series_a, series_b.shift(-lag)], axis=1).dropna()
    n = len(pair)
    r = pearson(pair.iloc[:, 0].to_numpy(), pair.iloc[:, 1].to_numpy())
    lo, hi = fisher_ci(r, n, level=level)
    band = float(stats.norm.ppf(0.5 + level / 2.0) / np.sqrt(n)) if n else np.nan
    return dict(
        lag=lag, correlation=r, ci_lower=lo, ci_upper=hi, band=band,
        pvalue=correlation_pvalue(r, n), n_obs=n,
    )  # fmt: skip
