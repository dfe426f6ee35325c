"""Wilcoxon and portfolio of all event groups at once equal the per-group tests (1e-10)."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from reequity.errors import ReequityWarning
from reequity.study import battery
from reequity.study.engine import event_study
from reequity.study.statistics.base import cs_t
from reequity.study.statistics.batched_extra import (
    bootstrap_groups,
    portfolio_groups,
    wilcoxon_groups,
)
from reequity.study.statistics.nonparametric import _wilcoxon
from reequity.study.statistics.portfolio import portfolio
from reequity.study.statistics.resampling import _boot_p
from tests.study.synthetic import synthetic_returns

TOL = 1e-10


def _parts(r: object) -> tuple:
    return (r.daily_stat, r.daily_p, r.window_stat, r.window_p)


def _close(a: np.ndarray, b: np.ndarray) -> None:
    np.testing.assert_allclose(a, b, rtol=TOL, atol=TOL, equal_nan=True)


def test_wilcoxon_groups_with_ties_zeros_and_gaps() -> None:
    rng = np.random.default_rng(3)
    sizes = [3, 60, 1, 40, 26, 51]  # exact (<= 50) and normal (> 50) p-values
    x = np.round(rng.normal(0, 1, (sum(sizes), 4)), 1)  # rounding makes ties and zeros
    x[rng.random(x.shape) < 0.05] = np.nan
    x[:, 3] = rng.normal(0, 1, len(x))  # a column without ties
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    got = wilcoxon_groups(x[:, :3], x[:, 3:], starts)
    for g, (lo, n) in enumerate(zip(starts, sizes, strict=True)):
        d, dp = _wilcoxon(x[lo : lo + n, :3])
        w, wp = _wilcoxon(x[lo : lo + n, 3:])
        for mine, theirs in zip(_parts(got[g]), (d, dp, w, wp), strict=True):
            _close(mine, theirs)


def test_portfolio_groups_one_and_several_portfolios() -> None:
    rng = np.random.default_rng(5)
    n_l = 40
    est, span = np.arange(n_l) < 30, np.arange(32, 40)
    win = np.zeros((2, n_l), dtype=bool)
    win[0, 33:36], win[1, 32:40] = True, True
    cell_group = np.array([0, 1, 1, 2, 2, 2, 3, 4, 4])
    cell_n = rng.integers(1, 6, (len(cell_group), n_l)).astype(float)
    cell_ar = rng.normal(0, 0.01, cell_n.shape) * cell_n
    cell_n[4, 35], cell_ar[4, 35] = 0.0, 0.0  # a day without ARs: NaN portfolio return
    cell_ar[6] = 0.0  # group 3: no estimation variance -> tested on its own (None)
    cell_ar[8, :30] = 0.0  # group 4: one of its two portfolios has none
    got = portfolio_groups(cell_ar, cell_n, cell_group, 5, est, span, win)
    for g in range(5):
        rows = cell_group == g
        ref = portfolio(
            SimpleNamespace(
                cluster_ar=cell_ar[rows], cluster_n=cell_n[rows], est=est, span=span, win=win
            )  # fmt: skip
        )
        if ref.note:
            assert got[g] is None
            continue
        for mine, theirs in zip(_parts(got[g]), _parts(ref), strict=True):
            _close(mine, theirs)


@pytest.mark.parametrize("tests", [["wilcoxon", "portfolio"], "all"])
def test_engine_batched_equals_per_group(monkeypatch: pytest.MonkeyPatch, tests: object) -> None:
    returns = synthetic_returns(6, 400)  # SYNTHETIC
    returns.iloc[330:333, 2] = np.nan  # a suspension in one event's window
    events = pd.DataFrame({"event_id": [f"e{k}" for k in range(12)],
                           "date": returns.index[np.arange(280, 400, 10)]})  # fmt: skip

    def run() -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ReequityWarning)
            return event_study(
                returns, events, benchmark="MKT", windows=[(-1, 1), (0, 2)], tests=tests
            ).tests

    batched = run()
    monkeypatch.setattr(battery, "_extra_groups", lambda *args: None)
    monkeypatch.setattr(
        battery, "bootstrap_groups", lambda ar, car, starts, seed: [None] * len(starts)
    )
    alone = run()
    assert batched[["event_id", "window", "test", "note"]].equals(
        alone[["event_id", "window", "test", "note"]]
    )
    _close(batched["statistic"].to_numpy(), alone["statistic"].to_numpy())
    _close(batched["pvalue"].to_numpy(), alone["pvalue"].to_numpy())


def test_bootstrap_groups_share_draws_but_not_p_values() -> None:
    rng = np.random.default_rng(11)
    sizes = [5, 5, 8, 2, 5, 8]  # equal sizes share their draws; 2 firm-events: alone
    x = rng.normal(0.002, 0.02, (sum(sizes), 4))
    x[3, 1] = np.nan  # a missing AR in the first group
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    got = bootstrap_groups(x[:, :3], x[:, 3:], starts, seed=4)
    for g, (lo, n) in enumerate(zip(starts, sizes, strict=True)):
        if n < 3:
            assert got[g] is None
            continue
        xg = x[lo : lo + n]
        t, _ = cs_t(xg)
        p = _boot_p(xg, t, np.random.default_rng(4))
        for mine, theirs in zip(_parts(got[g]), (t[:3], p[:3], t[3:], p[3:]), strict=True):
            np.testing.assert_array_equal(mine, theirs)
