"""The one issue type of a study and the ``issues`` frame made from a list of them.

Every module that finds something qualifying the results (the panel's missing day-0
returns, the input checks, dropped firm-events, unknown publication times, confounders,
the workflows' skipped pairs, return-basis mismatches and ex-dividend days) makes
:class:`Issue` rows; :func:`issues_frame` turns a list of them into
``results.issues`` and :func:`with_issues` appends more to an existing frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

__all__ = ["ISSUE_COLUMNS", "Issue", "issues_frame", "with_issues"]

ISSUE_COLUMNS = ["event_id", "ticker", "kind", "message"]


class Issue(NamedTuple):
    """One row of ``results.issues``.

    Attributes
    ----------
    event_id : str
        The study event it concerns (``"ALL"``: the whole study).
    ticker : str
        The security, or ``""`` when the row holds for several (named in ``message``).
    kind : str
        What was found: ``dropped``, ``missing_day0``, ``day0_moved``,
        ``incomplete_window``, ``overlap``, ``time_unknown``, ``confounder``,
        ``skipped``, ``return_basis``, ``ex_dividend``.
    message : str
        One readable sentence: what, where, and what it means for the results.
    """

    event_id: str
    ticker: str
    kind: str
    message: str


_NO_ISSUES = pd.DataFrame([], columns=ISSUE_COLUMNS)  # object columns, as built from []


def issues_frame(rows: Iterable[Issue]) -> pd.DataFrame:
    """The ``issues`` frame (``event_id, ticker, kind, message``) of ``rows``, in order."""
    rows = list(rows)
    if not rows:  # a clean study: a copy of one empty frame (building it costs ~0.1 ms)
        return _NO_ISSUES.copy()
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def with_issues(issues: pd.DataFrame, rows: Iterable[Issue]) -> pd.DataFrame:
    """``issues`` followed by ``rows`` (a new frame with a fresh 0..n-1 index)."""
    more = issues_frame(rows)
    if more.empty:
        return issues
    return pd.concat([issues, more], ignore_index=True)
