"""The docstring examples of the data modules run on the shipped cache."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "reequity.data.universe",
    "reequity.data.cache_decision",
    "reequity.data.calendars",
    "reequity.data.prices",
    "reequity.data.stitch",
    "reequity.data.basis",
    "reequity.data.status",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
