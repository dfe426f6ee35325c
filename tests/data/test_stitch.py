"""The stitching rule and the intraday-row check (hand-made SYNTHETIC returns)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reequity.data.stitch import (
    OverlapMismatchError,
    compare_overlap,
    is_intraday_last_row,
    rounding_tolerance,
    stitch,
)

DATES = pd.bdate_range("2026-01-05", periods=8)


def _frame(rets: list[float], dates: pd.DatetimeIndex = DATES) -> pd.DataFrame:
    return pd.DataFrame({"date": dates[: len(rets)], "ret": rets})


def test_agreeing_overlap_appends_only_the_later_rows_and_primary_wins() -> None:
    old = _frame([0.01, 0.02, -0.01, 0.00, 0.03])
    new = _frame([0.01, 0.02, -0.01, 0.00, 0.03 + 5e-7, 0.04, -0.02], DATES)
    joined, check = stitch(old, new, tolerance=1e-6, what="T", min_overlap=5)
    assert joined["ret"].tolist() == [0.01, 0.02, -0.01, 0.00, 0.03, 0.04, -0.02]
    assert check.n == 5 and check.agrees
    assert check.max_abs_diff == pytest.approx(5e-7)


def test_disagreeing_overlap_is_refused_naming_date_and_values() -> None:
    old = _frame([0.01, 0.02, -0.01, 0.00, 0.0081])
    new = _frame([0.01, 0.02, -0.01, 0.00, 0.0000, 0.04])
    with pytest.raises(OverlapMismatchError, match=r"2026-01-09 old 0\.008100 vs new 0\.000000"):
        stitch(old, new, tolerance=1e-4, what="MP")


def test_threshold_edge_counts_as_agreement_and_just_above_does_not() -> None:
    old = pd.Series([0.0, 0.5], index=DATES[:2])
    # 0.5 + 0.25 is exact in binary, so the difference is exactly the tolerance
    assert compare_overlap(old, old + 0.25, tolerance=0.25).agrees
    assert not compare_overlap(old, old + 0.25 + 1e-12, tolerance=0.25).agrees


def test_too_short_an_overlap_never_agrees() -> None:
    old = _frame([0.01, 0.02])
    with pytest.raises(OverlapMismatchError, match="only 2 shared"):
        stitch(old, _frame([0.01, 0.02, 0.03]), tolerance=1.0, what="T", min_overlap=3)


def test_nan_returns_are_not_compared() -> None:
    old = pd.Series([0.01, np.nan, 0.03], index=DATES[:3])
    new = pd.Series([0.01, 0.50, 0.03], index=DATES[:3])
    check = compare_overlap(old, new, tolerance=1e-9)
    assert check.n == 2 and check.agrees


def test_recent_limits_the_check_to_the_stretch_next_to_the_join() -> None:
    old = _frame([0.10, 0.02, -0.01, 0.00])
    new = _frame([0.00, 0.02, -0.01, 0.00, 0.05])  # old history disagrees on day 1
    with pytest.raises(OverlapMismatchError):
        stitch(old, new, tolerance=1e-9, what="T", min_overlap=1)
    joined, check = stitch(old, new, tolerance=1e-9, what="T", min_overlap=1, recent=3)
    assert check.n == 3 and joined["ret"].iloc[-1] == 0.05


def test_rounding_tolerance_by_hand() -> None:
    # 2 decimals: h = 0.005; P = 10.00 -> 10.50: 0.005 (1 + 10.5/9.995) / 9.995 + 1e-5
    prices = pd.Series([10.00, 10.50], index=DATES[:2])
    tol = rounding_tolerance(prices, 2)
    assert np.isnan(tol.iloc[0])
    assert tol.iloc[1] == pytest.approx(0.005 * (1 + 10.5 / 9.995) / 9.995 + 1e-5)
    # the bound really covers the worst rounding: 10.004 -> 10.495 rounds to 10.00 -> 10.50
    true = 10.495 / 10.004 - 1
    assert abs(true - (10.50 / 10.00 - 1)) <= tol.iloc[1]
    rel = rounding_tolerance(prices, 2, relative=0.02, floor=0.0)
    assert rel.iloc[1] - (tol.iloc[1] - 1e-5) == pytest.approx(0.02 * 0.05)


def test_intraday_last_row_by_commit_time() -> None:
    day = pd.Timestamp("2026-07-14")  # NYSE closes 16:00 New York = 20:00 UTC
    assert is_intraday_last_row(day, pd.Timestamp("2026-07-14 15:59", tz="America/New_York"),
                                exchange="XNYS")  # fmt: skip
    assert not is_intraday_last_row(day, pd.Timestamp("2026-07-14 16:00", tz="America/New_York"),
                                    exchange="XNYS")  # fmt: skip
    # Shanghai closes 15:00 Beijing: a 14:08 commit (hawchou's 2026-08-19 row) is intraday
    assert is_intraday_last_row(pd.Timestamp("2026-08-19"),
                                pd.Timestamp("2026-08-19 14:08", tz="Asia/Shanghai"),
                                exchange="XSHG")  # fmt: skip
    # a row dated on a holiday cannot be a close
    assert is_intraday_last_row(pd.Timestamp("2026-07-03"), pd.Timestamp("2026-07-10", tz="UTC"),
                                exchange="XNYS")  # fmt: skip
    with pytest.raises(ValueError, match="tz-aware"):
        is_intraday_last_row(day, pd.Timestamp("2026-07-15"), exchange="XNYS")
