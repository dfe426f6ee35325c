"""The registries of models and tests: registration rules and the live views built on them."""

from __future__ import annotations

import numpy as np
import pytest

import reequity as rq
from reequity.errors import ConfigurationError
from reequity.study import headline
from reequity.study.conventions import CONVENTIONS, check_convention, follows_estudy2
from reequity.study.models import MODELS, ModelEntry
from reequity.study.statistics import ROBUST_TESTS, TESTS, TestEntry
from reequity.study.statistics.parametric import t_cs
from tests.study.synthetic import synthetic_event, synthetic_returns


def test_robust_tests_are_the_registry_entries_marked_robust() -> None:
    assert ROBUST_TESTS == ("cda", "kolari_pynnonen", "grank", "portfolio")
    assert all(TESTS[name].robust for name in ROBUST_TESTS)
    assert dict(headline.DUPLICATES) == {"portfolio": "cda"}
    assert headline.LABELS["kolari_pynnonen"] == ("KP", "Kolari and Pynnonen (2010) adjusted BMP")


def test_a_name_is_registered_once() -> None:
    entry = TestEntry("t_cs", t_cs, paper="p", help="h")
    with pytest.raises(ConfigurationError, match="already registered"):
        TESTS.register(entry)
    with pytest.raises(ConfigurationError, match="identifier"):
        TESTS.register(TestEntry("not a name", t_cs, paper="p", help="h"))
    with pytest.raises(ConfigurationError, match="valid needs"):
        TestEntry("x", t_cs, paper="p", help="h", needs=frozenset({"magic"}))
    with pytest.raises(ConfigurationError, match="not one of its options"):
        ModelEntry("x", MODELS["market"].fit, paper="p", help="h", pad="lags")
    with pytest.raises(ConfigurationError, match="valid: t_cs, brown_warner_1980"):
        TESTS.unregister("nope")


def test_a_registered_robust_test_joins_the_views_and_the_headline() -> None:
    TESTS.register(
        TestEntry("t_cs_again", t_cs, paper="Nobody (2026)", help="the t_cs once more",
                  robust=True, label="T2")
    )  # fmt: skip
    try:
        assert ROBUST_TESTS[-1] == "t_cs_again" and len(ROBUST_TESTS) == 5
        returns = synthetic_returns(n_days=120)
        res = rq.event_study(returns, synthetic_event(returns, row=100), benchmark="MKT",
                             estimation=(-80, -5), windows=[(0, 0)])  # fmt: skip
        text = headline.headline(res)
        assert "T2 = Nobody (2026) the t_cs once more" in " ".join(text.split())
        rows = res.tests[res.tests["tau"].isna()].set_index(["event_id", "window", "test"])
        np.testing.assert_array_equal(
            rows.xs("t_cs_again", level="test")["statistic"],
            rows.xs("t_cs", level="test")["statistic"],
        )
    finally:
        TESTS.unregister("t_cs_again")
    assert ROBUST_TESTS == ("cda", "kolari_pynnonen", "grank", "portfolio")
    assert "t_cs_again" not in headline.robust_note()


def test_engine_messages_name_the_registered_models() -> None:
    returns = synthetic_returns(n_days=120)
    event = synthetic_event(returns, row=100)
    with pytest.raises(ConfigurationError, match="valid: constant_mean, market_adjusted, market"):
        rq.EventStudy(returns, event, "MKT", model="capm")
    with pytest.raises(ConfigurationError, match="or use model='constant_mean'"):
        rq.EventStudy(returns, event, None, model="dimson")
    with pytest.raises(ConfigurationError, match="valid: textbook, estudy2"):
        rq.EventStudy(returns, event, "MKT", convention="stata")
    with pytest.raises(ConfigurationError, match="needs a factors frame"):
        rq.EventStudy(returns, event, None, model="factor")  # at construction, not fit()


def test_conventions() -> None:
    assert list(CONVENTIONS) == ["textbook", "estudy2"]
    assert follows_estudy2("estudy2") and not follows_estudy2("textbook")
    assert check_convention("textbook") == "textbook"
    with pytest.raises(ConfigurationError, match="valid: textbook, estudy2"):
        check_convention("R")


def test_the_documented_built_ins_are_the_registered_ones() -> None:
    doc = " ".join(rq.event_study.__doc__.split())
    models, tests = (
        doc.split(f"{what} built in: ")[1].split(".")[0].split(", ")
        for what in ("needs);", '"all": every one);')
    )
    assert sorted(models) == sorted(MODELS)
    assert tests == list(TESTS)
