"""The composition layer: ready-made studies that both the CLI and the notebooks call.

:mod:`reequity.workflows.study` joins the universe, the cache, the catalogue and the
event-study engine; :mod:`reequity.workflows.correlation` does the same for the
correlation studies. The CLI commands parse their options, call one function here and
print what it returns.
"""

from __future__ import annotations

from reequity.workflows.correlation import CorrelationRun, catalogue_correlation
from reequity.workflows.study import (
    StudyInputs,
    catalogue_event_study,
    catalogue_robustness,
    default_tickers,
    ex_dividend_days,
    prepare_study_inputs,
    select_events,
)

__all__ = [
    "CorrelationRun",
    "StudyInputs",
    "catalogue_correlation",
    "catalogue_event_study",
    "catalogue_robustness",
    "default_tickers",
    "ex_dividend_days",
    "prepare_study_inputs",
    "select_events",
]
