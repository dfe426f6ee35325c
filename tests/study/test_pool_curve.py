"""A specification curve of a pooled finding re-runs that pool's events (issue 16 with pools):
its ALL row is the pool's pooled row, never a row that mixes pools of opposite sign."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import reequity as rq
from reequity.errors import ConfigurationError
from reequity.study.robustness import default_grid

EVENTS = ["cn_export_controls_2025_04_04", "cn_export_controls_2025_10_09",
          "cn_export_control_suspension_2025_11_07"]  # fmt: skip
TESTS = ["cda", "kolari_pynnonen", "grank", "portfolio"]


@pytest.fixture(scope="module")
def results():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rq.catalogue_event_study(event_ids=EVENTS, windows=["-1:1"])


@pytest.fixture(scope="module")
def grid():
    g = default_grid()
    return g[g["choice"].isin(["model", "window"])]


def _baseline_all(curve):
    t = curve.table
    return t[(t["model"] == "market") & (t["window"] == "-1:1") & (t["event_id"] == "ALL")].iloc[0]


def _pool_row(results, pool: str):
    pools = results.pools
    return pools[
        (pools["pool"] == pool) & (pools["group"] == "ALL") & (pools["window"] == "-1:1")
    ].iloc[0]


def test_the_headline_pools_curve_baseline_is_the_pools_row(results, grid) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        curve = results.robustness(grid, pool=True)
    base, pooled = _baseline_all(curve), _pool_row(results, "export_control")
    assert base["n_firms"] == pooled["n_firms"] == 34
    np.testing.assert_allclose(base["caar"], pooled["caar"], rtol=0, atol=1e-12)
    for test in TESTS:
        np.testing.assert_allclose(base[f"{test}_stat"], pooled[f"{test}_stat"], atol=1e-12)
    assert set(curve.table["event_id"]) == {"ALL", *EVENTS[:2]}  # the pool's events only


def test_a_named_pool_and_every_event(results, grid) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        relaxed = results.robustness(grid, pool="export_control_relaxation")
        mixed = results.robustness(grid)  # default: every event, as before pools
    base, pooled = _baseline_all(relaxed), _pool_row(results, "export_control_relaxation")
    np.testing.assert_allclose(base["caar"], pooled["caar"], rtol=0, atol=1e-12)
    everything = results.caar[(results.caar["event_id"] == "ALL")].iloc[0]
    np.testing.assert_allclose(_baseline_all(mixed)["caar"], everything["caar"], atol=1e-12)
    with pytest.raises(ConfigurationError, match="not in the results"):
        results.robustness(grid, pool="no_such_pool")


def test_the_figure_names_the_pool(results, grid) -> None:
    import matplotlib

    matplotlib.use("Agg")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        curve = results.robustness(grid, pool=True)
    top, _ = curve.plot(event_id="ALL", label="ALL export_control (2)")
    assert top.get_title().startswith("ALL export_control (2): 20 specifications")
    assert curve.plot(event_id="ALL")[0].get_title().startswith("ALL: 20 specifications")
