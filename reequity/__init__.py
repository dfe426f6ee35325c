"""reequity: event studies and co-movement of rare-earth equities around policy events.

The public API is imported lazily, so ``import reequity as rq`` stays fast and does not
pull in the vendor libraries (akshare, yfinance) until a loader needs them.

>>> import reequity as rq
>>> rq.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import Any

from reequity.errors import *  # noqa: F403
from reequity.errors import __all__ as _error_names

__version__ = "0.1.0"

# public name -> module that defines it (one place for each fact)
_LAZY: dict[str, str] = {
    # data
    "load_universe": "reequity.data.universe",
    "load_prices": "reequity.data.prices",
    "load_returns": "reequity.data.prices",
    "get_calendar": "reequity.data.calendars",
    "sessions": "reequity.data.calendars",
    "day_zero": "reequity.data.calendars",
    "data_status": "reequity.data.status",
    "ex_dividend_dates": "reequity.data.prices",
    "return_basis": "reequity.data.basis",
    "ReturnBasisWarning": "reequity.data.basis",
    # events
    "read_articles": "reequity.events.articles",
    "resolve_dates": "reequity.events.dates",
    "extract_events": "reequity.events.extract",
    "load_catalogue": "reequity.events.catalogue",
    "load_firm_news": "reequity.events.firm_news",
    # event study
    "EventStudy": "reequity.study.engine",
    "event_study": "reequity.study.engine",
    "EventStudyResults": "reequity.study.results",
    "compare": "reequity.study.compare",
    # registries: add a model or a test with MODELS.register(ModelEntry(...)) / TESTS.register
    "MODELS": "reequity.study.models",
    "ModelEntry": "reequity.study.models",
    "TESTS": "reequity.study.statistics",
    "TestEntry": "reequity.study.statistics",
    # correlation
    "rolling_correlation": "reequity.correlation.rolling",
    "event_correlation": "reequity.correlation.conditional",
    "lead_lag": "reequity.correlation.lead_lag",
    "first_reaction": "reequity.correlation.reaction",
    "correlation_study": "reequity.correlation.pipeline",
    "CorrelationSpec": "reequity.correlation.spec",
    "CorrelationResults": "reequity.correlation.study_results",
    # ready-made studies on the shipped universe
    "catalogue_event_study": "reequity.workflows",
    "prepare_study_inputs": "reequity.workflows",
    "catalogue_correlation": "reequity.workflows",
}

__all__ = sorted([*_LAZY, *_error_names, "plots", "__version__"])


def __getattr__(name: str) -> Any:
    if name == "plots":
        return importlib.import_module("reequity.plots")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reequity' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
