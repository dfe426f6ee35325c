"""An event study of the user's own wide returns (a CSV file or a frame) and events.

The counterpart of :func:`reequity.workflows.catalogue_event_study` when the returns do
not come from the universe and the cache: one benchmark column of the same file for every
security, no exchange calendars (the file's rows are the trading days), no price limits.
The events are split as in the catalogue study (:func:`select_events`: confounders are
reported, not studied), every row of the events table leaves the estimation windows and
events are pooled by ``event_type`` when they have one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from reequity.study.results import EventStudyResults

__all__ = ["returns_file_event_study"]


def _columns(returns: pd.DataFrame) -> str:
    return ", ".join(map(str, returns.columns))


def returns_file_event_study(
    returns: str | Path | pd.DataFrame,
    events: pd.DataFrame,
    *,
    benchmark: str | None = None,
    tickers: Sequence[str] | None = None,
    event_ids: Sequence[str] | None = None,
    **study_options: object,
) -> EventStudyResults:
    """Run an event study on a wide returns file against one of its columns.

    Parameters
    ----------
    returns : str, Path or DataFrame
        A wide returns CSV (first column ``date``, one column of simple returns per
        ticker; read by :func:`reequity.data.returns_file.read_returns_file`) or such a
        frame. Its rows are the trading days.
    events : DataFrame
        Events with ``event_id, date`` (optionally ``time, timezone, title, confounder,
        event_type``), e.g. :func:`reequity.events.io.load_events`; with no ``ticker``
        column each event applies to every column but the benchmark.
    benchmark : str, optional
        The column of ``returns`` that is the market; required by every model that needs
        a benchmark (all but ``constant_mean``).
    tickers : sequence of str, optional
        Study only these columns (default: every column but the benchmark).
    event_ids : sequence of str, optional
        Study only these events; a confounder named here is studied.
    **study_options
        Passed to :func:`reequity.event_study` (``model``, ``estimation``, ``windows``,
        ``convention``, ``tests``, ``min_estimation``, ...). By default ``exclude`` holds
        every row of ``events`` (studied or not, they leave the estimation windows) and
        ``pool_by`` is ``"event_type"`` when some event has one (events of opposite
        expected sign are pooled apart, as in the catalogue study).

    Returns
    -------
    EventStudyResults

    Raises
    ------
    ConfigurationError
        The file is missing or unreadable, the model needs a benchmark and none is
        given, or ``benchmark`` or a ticker is not a column (the columns are listed).
    EventFormatError
        The file holds no dates or a cell that is not a number; the events table holds
        only confounders.

    Examples
    --------
    >>> from reequity.workflows import returns_file_event_study
    >>> res = returns_file_event_study("returns.csv", events, benchmark="MKT",
    ...                                windows=[(0, 0)])  # doctest: +SKIP
    """
    from reequity.data.returns_file import read_returns_file
    from reequity.study.engine import event_study
    from reequity.study.models import DEFAULT_MODEL, MODELS
    from reequity.study.pools import default_pool_by
    from reequity.workflows.study import select_events

    where = "the returns" if isinstance(returns, pd.DataFrame) else repr(str(returns))
    frame = returns if isinstance(returns, pd.DataFrame) else read_returns_file(returns)
    model = str(study_options.get("model", DEFAULT_MODEL))
    if benchmark is None and MODELS.entry(model).needs_benchmark:
        raise ConfigurationError(
            f"--returns needs --benchmark COLUMN for model {model!r}; "
            f"columns are: {_columns(frame)}"
        )
    if benchmark is not None and benchmark not in frame.columns:
        raise ConfigurationError(
            f"--benchmark {benchmark!r} is not a column of {where}; columns are: {_columns(frame)}"
        )
    study_events, confounders = select_events(events, event_ids)
    if tickers:
        unknown = [t for t in tickers if t not in frame.columns]
        if unknown:
            raise ConfigurationError(
                f"--tickers {', '.join(unknown)} not in {where}; columns are: {_columns(frame)}"
            )
        frame = frame[list(dict.fromkeys([*tickers, *([benchmark] if benchmark else [])]))]
    # every row of the events table leaves the estimation windows, studied or not
    study_options.setdefault(
        "exclude", events[[c for c in ("date", "time", "timezone") if c in events]]
    )
    # events of opposite expected sign are pooled apart, as in the catalogue study
    study_options.setdefault("pool_by", default_pool_by(study_events))
    return event_study(
        frame, study_events, benchmark=benchmark, confounders=confounders, **study_options
    )
