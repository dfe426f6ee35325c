"""The test battery: one function per test, each named after its paper.

Every test takes a :class:`~reequity.study.statistics.base.Sample` (one group of
firm-events) and returns a :class:`~reequity.study.statistics.base.TestResult` with a
statistic and p-value per span day and per event window. Each test is an entry of the
registry :data:`TESTS` (name, paper, whether it is dependence-robust, what it needs);
the engine, the battery, the headline and the CLI read it, so a new test is one
``TESTS.register(TestEntry(...))`` call, here or in your own code.
"""

from __future__ import annotations

from reequity.study.registry import NameView, Registry, TestEntry
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

__all__ = ["ROBUST_TESTS", "TESTS", "Sample", "TestEntry", "TestResult"]

#: the registry of tests, in the order of results, summaries and ``--help``
TESTS: Registry[TestEntry] = Registry("test")

_RANKS, _RBAR = frozenset({"ranks"}), frozenset({"rbar"})
_BMP = "Boehmer, Musumeci and Poulsen (1991)"
_KP10, _CZ92 = "Kolari and Pynnonen (2010)", "Corrado and Zivney (1992)"
for _entry in (
    TestEntry("t_cs", t_cs, paper=_BMP, help="cross-sectional t (assumes independent firms)"),
    TestEntry("brown_warner_1980", brown_warner_1980, paper="Brown and Warner (1980)",
              help="mean AR over its estimation-window sd, independent firms"),
    TestEntry("cda", cda, paper="Brown and Warner (1985)", help="crude dependence adjustment",
              robust=True, label="CDA"),
    TestEntry("lamb", lamb, paper="Lamb (1995)",
              help="CDA with the market model's forecast-error correction"),
    TestEntry("patell", patell, paper="Patell (1976)", help="standardized-residual test"),
    TestEntry("adjusted_patell", adjusted_patell, paper=_KP10,
              help="Patell test adjusted for cross-correlation", needs=_RBAR),
    TestEntry("bmp", bmp, paper=_BMP, help="standardized cross-sectional test"),
    TestEntry("kolari_pynnonen", kolari_pynnonen, paper=_KP10, help="adjusted BMP",
              robust=True, label="KP", needs=_RBAR),
    TestEntry("sign", sign, paper=_BMP, help="share of positive ARs against one half"),
    TestEntry("generalized_sign", generalized_sign, paper="Cowan (1992)",
              help="share of positive ARs against the estimation-window share"),
    TestEntry("corrado_rank", corrado_rank, paper="Corrado (1989); Cowan (1992)",
              help="rank test", needs=_RANKS),
    TestEntry("modified_rank", modified_rank, paper=_CZ92,
              help="standardized rank test, robust to missing returns", needs=_RANKS),
    TestEntry("corrado_sign", corrado_sign, paper=_CZ92,
              help="sign test around each firm's median AR", needs=_RANKS),
    TestEntry("grank", grank, paper="Kolari and Pynnonen (2011)", help="generalized rank",
              robust=True, label="GRANK", needs=_RANKS),
    TestEntry("wilcoxon", wilcoxon, paper="Wilcoxon (1945)",
              help="signed-rank test across firm-events"),
    TestEntry("bootstrap", bootstrap, paper="Efron and Tibshirani (1993, ch. 16)",
              help="bootstrap-t of AAR and CAAR (seeded)", options={"seed": 0}),
    TestEntry("portfolio", portfolio, paper="Brown and Warner (1980)",
              help="calendar-time portfolio for clustered event dates", robust=True,
              column="port", wording="calendar-time portfolio, Brown and Warner (1980)",
              same_as="cda"),
):  # fmt: skip
    TESTS.register(_entry)
del _entry

#: dependence-robust tests (valid with clustered event dates), shown first in summaries;
#: a live view of :data:`TESTS`
ROBUST_TESTS: NameView = TESTS.names(lambda entry: entry.robust)
