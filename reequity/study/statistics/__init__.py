"""The test battery: one function per test, each named after its paper.

Every test takes a :class:`~reequity.study.statistics.base.Sample` (one group of
firm-events) and returns a :class:`~reequity.study.statistics.base.TestResult` with a
statistic and p-value per span day and per event window.
"""

from __future__ import annotations

from collections.abc import Callable

from reequity.study.statistics.base import Sample, TestResult
from reequity.study.statistics.grank import grank
from reequity.study.statistics.nonparametric import generalized_sign, sign, wilcoxon
from reequity.study.statistics.parametric import (
    adjusted_patell,
    bmp,
    brown_warner_1980,
    cda,
    kolari_pynnonen,
    lamb,
    patell,
    t_cs,
)
from reequity.study.statistics.portfolio import portfolio
from reequity.study.statistics.rank import corrado_rank, corrado_sign, modified_rank
from reequity.study.statistics.resampling import bootstrap

__all__ = ["TESTS", "ROBUST_TESTS", "Sample", "TestResult"]

TESTS: dict[str, Callable[[Sample], TestResult]] = {
    "t_cs": t_cs,
    "brown_warner_1980": brown_warner_1980,
    "cda": cda,
    "lamb": lamb,
    "patell": patell,
    "adjusted_patell": adjusted_patell,
    "bmp": bmp,
    "kolari_pynnonen": kolari_pynnonen,
    "sign": sign,
    "generalized_sign": generalized_sign,
    "corrado_rank": corrado_rank,
    "modified_rank": modified_rank,
    "corrado_sign": corrado_sign,
    "grank": grank,
    "wilcoxon": wilcoxon,
    "bootstrap": bootstrap,
    "portfolio": portfolio,
}

# dependence-robust tests shown first in summaries (clustered event dates)
ROBUST_TESTS: tuple[str, ...] = ("cda", "kolari_pynnonen", "grank", "portfolio")
