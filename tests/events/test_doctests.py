"""The docstring examples of the events modules run (no network, shipped catalogue)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "reequity.events.articles",
    "reequity.events.dates",
    "reequity.events.classify",
    "reequity.events.catalogue",
    "reequity.events.extract",
    "reequity.events.firm_news",
    "reequity.events.mentions",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(
        importlib.import_module(name), optionflags=doctest.NORMALIZE_WHITESPACE
    )
    assert result.attempted > 0
    assert result.failed == 0


def test_public_api_names() -> None:
    import reequity as rq

    assert rq.read_articles.__module__ == "reequity.events.articles"
    assert rq.resolve_dates.__module__ == "reequity.events.dates"
    assert rq.extract_events.__module__ == "reequity.events.extract"
    assert rq.load_catalogue.__module__ == "reequity.events.catalogue"
    assert rq.load_firm_news.__module__ == "reequity.events.firm_news"
