"""One call for the usual co-movement analysis: rolling, event-conditional and lead-lag.

:func:`correlation_study` is :meth:`CorrelationSpec(...).fit(...)
<reequity.correlation.spec.CorrelationSpec.fit>` for given pairs. ``CorrelationStudy``
was the results' name before the spec existed; it is a deprecated alias of
:class:`~reequity.correlation.study_results.CorrelationResults`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from reequity.correlation.spec import CorrelationSpec, cross_pairs
from reequity.correlation.study_results import CorrelationResults

__all__ = ["CorrelationResults", "CorrelationSpec", "correlation_study", "cross_pairs"]


def __getattr__(name: str) -> Any:
    if name == "CorrelationStudy":
        warnings.warn(
            "CorrelationStudy is deprecated: it is a results object, now named "
            "CorrelationResults (made by CorrelationSpec(...).fit(...))",
            DeprecationWarning,
            stacklevel=2,
        )
        return CorrelationResults
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def correlation_study(
    returns: pd.DataFrame,
    events: pd.DataFrame | None,
    *,
    pairs: Sequence[tuple[str, str]],
    window: int = 60,
    pre: tuple[int, int] = (-120, -1),
    post: tuple[int, int] = (0, 59),
    max_lag: int = 5,
    exchanges: Mapping[str, str] | None = None,
    benchmark: Mapping[str, str] | None = None,
) -> CorrelationResults:
    """Rolling, pre/post-event and lead-lag correlations for ``pairs`` in one go.

    Events whose date is outside the returns' date range are left out and listed in
    ``skipped``. Parameters are those of :class:`CorrelationSpec` (``pairs`` given) and
    of :meth:`CorrelationSpec.fit`.
    """
    spec = CorrelationSpec(pairs=tuple(pairs), window=window, pre=pre, post=post,
                           max_lag=max_lag)  # fmt: skip
    return spec.fit(returns, events, exchanges=exchanges, benchmark=benchmark)
