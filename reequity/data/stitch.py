"""Joining two sources of one series, and refusing when they disagree.

The rule (used by ``scripts/build_default_cache.py`` and by ``reequity data fetch
--refresh``):

1. Compare the daily returns of the two sources on the dates both report a return
   (:func:`compare_overlap`). The overlap *agrees* when every shared return differs by at
   most the stated tolerance (``|r_old - r_new| <= tol``, the edge counts as agreement)
   and at least ``min_overlap`` dates are shared.
2. The earlier (primary) source wins on every date it covers; the newer source only
   contributes the dates after the primary's last date (:func:`stitch`).
3. When the overlap disagrees, nothing is joined: :class:`OverlapMismatchError` names the
   worst date and both values.

Tolerances: :data:`SAME_VENDOR` for two copies of one vendor's numbers;
:func:`rounding_tolerance` for a source whose prices are rounded to a few decimals (the
largest return error rounding can cause, date by date); :data:`CROSS_VENDOR` for two
vendors' dividend-adjusted closes, whose adjustment factors differ in the last digits.

A last row written during trading hours is not a close: :func:`is_intraday_last_row`
compares the earliest time the source can have written its last row with that session's
close on the exchange calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reequity.errors import ProviderError

__all__ = [
    "CROSS_VENDOR",
    "SAME_VENDOR",
    "OverlapCheck",
    "OverlapMismatchError",
    "compare_overlap",
    "is_intraday_last_row",
    "rounding_tolerance",
    "stitch",
]

#: Two copies of the same vendor's numbers: only float noise may differ.
SAME_VENDOR = 1e-6
#: Two vendors' dividend-adjusted closes (e.g. Yahoo vs financialmodelingprep): their
#: adjustment factors are rounded differently; 1 basis point of daily return.
CROSS_VENDOR = 1e-4


class OverlapMismatchError(ProviderError):
    """Two sources of one series disagree on the daily returns of their shared dates."""


@dataclass(frozen=True, slots=True)
class OverlapCheck:
    """Result of :func:`compare_overlap`.

    Attributes
    ----------
    n : int
        Number of dates on which both sources report a return.
    max_abs_diff : float
        Largest ``|r_old - r_new|`` over those dates (NaN when ``n == 0``).
    worst_date : Timestamp or None
        Date of the largest excess over the tolerance (or of the largest difference).
    worst_old, worst_new : float
        The two returns on ``worst_date``.
    tolerance : float
        Tolerance on ``worst_date``.
    agrees : bool
        Whether every shared return is within tolerance and ``n >= min_overlap``.
    min_overlap : int
        Shared dates required.
    """

    n: int
    max_abs_diff: float
    worst_date: pd.Timestamp | None
    worst_old: float
    worst_new: float
    tolerance: float
    agrees: bool
    min_overlap: int

    def describe(self, what: str = "overlap") -> str:
        """One line naming the worst date and both values."""
        if self.n < self.min_overlap:
            return f"{what}: only {self.n} shared return(s), {self.min_overlap} needed"
        day = "" if self.worst_date is None else f"{self.worst_date:%Y-%m-%d}"
        verdict = "agrees" if self.agrees else "DISAGREES"
        return (
            f"{what} {verdict} on {self.n} shared returns: worst {day} old {self.worst_old:.6f} "
            f"vs new {self.worst_new:.6f} (|diff| {abs(self.worst_old - self.worst_new):.2e}, "
            f"tolerance {self.tolerance:.2e})"
        )


def compare_overlap(
    old: pd.Series,
    new: pd.Series,
    *,
    tolerance: float | pd.Series,
    min_overlap: int = 1,
) -> OverlapCheck:
    """Compare two return series on the dates both report a return.

    Parameters
    ----------
    old, new : Series
        Daily returns indexed by date (NaN = no return that day).
    tolerance : float or Series
        Largest allowed ``|old - new|``; a Series gives one tolerance per date (e.g.
        :func:`rounding_tolerance`), dates it lacks get 0.
    min_overlap : int
        Fewer shared returns than this never agree.

    Returns
    -------
    OverlapCheck

    Examples
    --------
    >>> d = pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07"])
    >>> a = pd.Series([0.01, -0.02, 0.03], index=d)
    >>> compare_overlap(a, a + 1e-5, tolerance=1e-4).agrees
    True
    >>> compare_overlap(a, a.where(a < 0.02, 0.04), tolerance=1e-4).worst_date.date()
    datetime.date(2026, 1, 7)
    """
    both = pd.concat([old.rename("old"), new.rename("new")], axis=1, join="inner").dropna()
    if isinstance(tolerance, pd.Series):
        tol = tolerance.reindex(both.index).fillna(0.0).to_numpy(dtype=float)
    else:
        tol = np.full(len(both), float(tolerance))
    diff = (both["old"] - both["new"]).abs().to_numpy(dtype=float)
    if len(both) == 0:
        nan = float("nan")
        return OverlapCheck(0, nan, None, nan, nan, nan, False, min_overlap)
    excess = diff - tol
    worst = int(np.argmax(excess)) if (excess > 0).any() else int(np.argmax(diff))
    return OverlapCheck(
        n=len(both),
        max_abs_diff=float(diff.max()),
        worst_date=pd.Timestamp(both.index[worst]),
        worst_old=float(both["old"].iloc[worst]),
        worst_new=float(both["new"].iloc[worst]),
        tolerance=float(tol[worst]),
        agrees=bool(len(both) >= min_overlap and (excess <= 0).all()),
        min_overlap=min_overlap,
    )


def rounding_tolerance(
    prices: pd.Series, decimals: int, *, relative: float = 0.0, floor: float = 1e-5
) -> pd.Series:
    """Largest daily-return error that rounding prices to ``decimals`` places can cause.

    Parameters
    ----------
    prices : Series
        The rounded closes, indexed by date.
    decimals : int
        Decimal places of the rounding.
    relative : float
        Extra slack as a fraction of the return itself. A vendor whose forward adjustment
        *subtracts* later dividends (:math:`P - D`) instead of scaling the price reports
        :math:`r \\cdot P_{t-1}/(P_{t-1} - D)`: relative error :math:`D/P`, the yield of the
        dividends paid since. ``relative=0.02`` admits a 2% yield.
    floor : float
        Added to every bound: the other source's own rounding (e.g. baostock ``pctChg``
        has 4 decimals of a percent, 5e-7) and float noise.

    Returns
    -------
    Series
        Per-date bound
        :math:`h (1 + P_t/P_{t-1}) / P_{t-1} + \\text{relative} \\cdot |r_t| + \\text{floor}`.

    Notes
    -----
    With :math:`|e| \\le h = 0.5 \\cdot 10^{-d}` on each price,
    :math:`(P_t+e_1)/(P_{t-1}+e_2) - P_t/P_{t-1} \\approx e_1/P_{t-1} - P_t e_2/P_{t-1}^2`,
    whose absolute value is at most :math:`h(1 + P_t/P_{t-1})/P_{t-1}` to first order;
    the bound uses the rounded prices, which is conservative by a second-order term.
    """
    half = 0.5 * 10.0 ** (-decimals)
    prev = prices.shift(1)
    # second-order slack: the rounded previous close understates P_{t-1} by at most half
    bound = half * (1.0 + prices / (prev - half)) / (prev - half)
    return bound + relative * (prices / prev - 1.0).abs() + floor


def stitch(
    primary: pd.DataFrame,
    newer: pd.DataFrame,
    *,
    tolerance: float | pd.Series,
    what: str,
    min_overlap: int = 5,
    recent: int | None = None,
) -> tuple[pd.DataFrame, OverlapCheck]:
    """Append the rows of ``newer`` after the last date of ``primary``, if they agree.

    Parameters
    ----------
    primary, newer : DataFrame
        Frames with ``date`` and ``ret`` columns (canonical or build frames).
    tolerance : float or Series
        See :func:`compare_overlap`.
    what : str
        Series name used in the error message, e.g. ``"600111 baostock -> wenxuanwu"``.
    min_overlap : int
        Shared returns required before a join is trusted.
    recent : int, optional
        Check only the last ``recent`` dates of ``primary`` (the stretch next to the join);
        default all shared dates.

    Returns
    -------
    (DataFrame, OverlapCheck)
        ``primary`` followed by the later rows of ``newer`` (primary wins on shared
        dates), and the overlap check.

    Raises
    ------
    OverlapMismatchError
        When the overlap disagrees or is shorter than ``min_overlap``.
    """
    old = primary.set_index("date")["ret"]
    if recent is not None:
        old = old.iloc[-recent:]
    check = compare_overlap(
        old,
        newer.set_index("date")["ret"],
        tolerance=tolerance,
        min_overlap=min_overlap,
    )
    if not check.agrees:
        raise OverlapMismatchError(
            f"{check.describe(what)}; refusing to join the sources: check which one is wrong"
        )
    last = primary["date"].max()
    later = newer.loc[newer["date"] > last]
    joined = pd.concat([primary, later], ignore_index=True)
    return joined.sort_values("date").reset_index(drop=True), check


def is_intraday_last_row(
    last_date: pd.Timestamp, written_at: pd.Timestamp, *, exchange: str
) -> bool:
    """Whether a source's last row can have been written before that session's close.

    Parameters
    ----------
    last_date : Timestamp
        Date of the source's last row.
    written_at : Timestamp
        Earliest time the source can have written that row, tz-aware (e.g. the commit
        time; a commit known only by its date is 00:00 UTC of that date).
    exchange : str
        Exchange whose calendar gives the close.

    Returns
    -------
    bool
        True when ``written_at`` is before the close of ``last_date`` (the row may be an
        intraday snapshot); a date that is not a session counts as intraday, too.

    Examples
    --------
    >>> is_intraday_last_row(pd.Timestamp("2026-07-14"),
    ...                      pd.Timestamp("2026-07-14 10:09", tz="America/New_York"),
    ...                      exchange="XNYS")
    True
    >>> is_intraday_last_row(pd.Timestamp("2026-08-21"),
    ...                      pd.Timestamp("2026-08-22", tz="UTC"), exchange="XNYS")
    False
    """
    from reequity.data.calendars import get_calendar

    if written_at.tzinfo is None:
        raise ValueError(f"written_at {written_at} must be tz-aware")
    calendar = get_calendar(exchange)
    day = pd.Timestamp(last_date).normalize()
    if not calendar.is_session(day):
        return True
    return bool(written_at < calendar.session_close(day))
