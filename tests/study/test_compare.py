"""compare(): several results side by side (synthetic returns)."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import reequity as rq
import reequity.study.compare as compare_module
from reequity.errors import ConfigurationError
from reequity.study.engine import event_study
from tests.study.synthetic import synthetic_returns


def _fit(model: str, row: int = 300, **options):
    returns = synthetic_returns(n_firms=4, n_days=400, seed=3)
    events = pd.DataFrame({"event_id": ["SYN-A"], "date": [returns.index[row]]})
    return event_study(returns, events, benchmark="MKT", model=model,
                       estimation=(-200, -11), windows=[(0, 0), (-1, 1)], **options)  # fmt: skip


def test_blocks_hold_each_results_own_numbers() -> None:
    market, adjusted = _fit("market"), _fit("market_adjusted")
    table = rq.compare({"market": market, "adjusted": adjusted})
    assert list(table.columns.get_level_values("result").unique()) == ["market", "adjusted"]
    for name, res in (("market", market), ("adjusted", adjusted)):
        caar = res.caar.set_index(["event_id", "window"])["caar"]
        np.testing.assert_array_equal(table[(name, "caar")].to_numpy(), caar.loc[table.index])
        kp = res.tests[res.tests["tau"].isna() & (res.tests["test"] == "kolari_pynnonen")]
        kp = kp.set_index(["event_id", "window"])["pvalue"]
        np.testing.assert_array_equal(table[(name, "p_kolari_pynnonen")], kp.loc[table.index])


def test_rows_missing_from_one_result_are_nan_and_tests_must_exist() -> None:
    one = _fit("market")
    other = _fit("market", tests=["t_cs"])
    with pytest.raises(ConfigurationError, match="kolari_pynnonen"):
        rq.compare([one, other])
    returns = synthetic_returns(n_firms=4, n_days=400, seed=3)
    events = pd.DataFrame({"event_id": ["SYN-A"], "date": [returns.index[300]]})
    day0_only = event_study(returns, events, benchmark="MKT", estimation=(-200, -11),
                            windows=[(0, 0)])  # fmt: skip
    table = rq.compare({"both": one, "day0": day0_only})
    assert np.isnan(table[("day0", "caar")].loc[("ALL", "-1:1")])
    assert np.isfinite(table[("day0", "caar")].loc[("ALL", "0:0")])
    only_all = rq.compare([one, _fit("constant_mean")], event_id="ALL")
    assert set(only_all.index.get_level_values("event_id")) == {"ALL"}
    with pytest.raises(ConfigurationError):
        rq.compare({})


def test_docstring_example() -> None:
    result = doctest.testmod(compare_module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
