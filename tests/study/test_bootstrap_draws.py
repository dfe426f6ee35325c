"""The chunked bootstrap uses the draws of one rng.integers(0, n, (999, n)) call."""

from __future__ import annotations

import numpy as np
import pytest

from reequity.study.statistics.base import cs_t
from reequity.study.statistics.resampling import N_BOOT, _boot_p


def _reference(x: np.ndarray, t_obs: np.ndarray, seed: int) -> np.ndarray:
    """Every resample drawn at once, its t computed on the resampled rows themselves."""
    idx = np.random.default_rng(seed).integers(0, len(x), size=(N_BOOT, len(x)))
    xc = x - np.nanmean(x, axis=0)
    exceed = np.zeros(x.shape[1])
    for rows in idx:  # 999 resamples, plainly
        with np.errstate(invalid="ignore", divide="ignore"):
            t, _ = cs_t(xc[rows])
        exceed += np.abs(t) >= np.abs(t_obs)
    return np.where(np.isfinite(t_obs), (1 + exceed) / (N_BOOT + 1), np.nan)


@pytest.mark.parametrize(("n", "missing"), [(30, False), (45, True), (400, False)])
def test_boot_p_equals_plain_resampling(n: int, missing: bool) -> None:
    rng = np.random.default_rng(n)
    x = rng.normal(0.003, 0.02, (n, 6))  # SYNTHETIC ARs
    if missing:
        x[rng.random(x.shape) < 0.1] = np.nan
    t_obs, _ = cs_t(x)
    got = _boot_p(x, t_obs, np.random.default_rng(7))
    np.testing.assert_array_equal(got, _reference(x, t_obs, 7))
