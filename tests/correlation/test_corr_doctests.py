"""The docstring examples of the correlation modules run (on synthetic or shipped data)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "reequity.correlation.rolling",
    "reequity.correlation.conditional",
    "reequity.correlation.lead_lag",
    "reequity.correlation.spec",
    "reequity.workflows.correlation",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
