"""The fit stage's tests: every battery run of a study, before any frame is shaped.

:func:`run_tests` runs the test battery (:mod:`reequity.study.battery`) on the pooled
firm-events (the stocks), on each group (:mod:`reequity.study.groups`), the long-short
group differences (:mod:`reequity.study.statistics.groups`) and, with pools, once on the
pooled firm-events and once per group with each firm-event's pool as its event id
(:mod:`reequity.study.pools`: the battery's per-event rows are then the pools' rows).
:mod:`reequity.study.frames` only shapes what it returns.

The runs keep the order they always had (pool, groups, differences, pools): a run on
the study's own arrays never overwrites them, a run on a copy may (GRANK sorts the
copy's estimation SARs in place), and the differences read the estimation ARs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.errors import StatisticWarning
from reequity.study.arrays import take_cols
from reequity.study.battery import run_battery
from reequity.study.groups import Grouping, select_rows
from reequity.study.pools import ALL_GROUP, pool_of
from reequity.study.statistics.groups import DIFFERENCE_TESTS

if TYPE_CHECKING:
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy
    from reequity.study.result_table import ResultTable

__all__ = ["DIFFERENCE_COLUMNS", "Run", "TestRuns", "difference_rows", "pooled_run", "run_tests"]

DIFFERENCE_COLUMNS = [
    "event_id", "window", "group_a", "group_b", "n_a", "n_b", "caar_a", "caar_b",
    "difference", "test", "statistic", "pvalue", "note",
]  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One battery run: what the frames read of the firm-events it tested, and its results.

    Attributes
    ----------
    params : DataFrame
        The tested firm-events' parameters (``event_id``: the pool for a pool run).
    ar : ndarray, (n, E)
        Their abnormal returns on the span taus.
    car, bhar : ndarray, (n, W)
        Their CARs and BHARs per event window.
    results : ResultTable
        Every test's statistics and p-values per event id (and ``ALL``), day and window
        (:class:`~reequity.study.result_table.ResultTable`).
    """

    params: pd.DataFrame
    ar: np.ndarray
    car: np.ndarray
    bhar: np.ndarray
    results: ResultTable


@dataclasses.dataclass(frozen=True, slots=True)
class TestRuns:
    """Every battery run of one study (see :func:`run_tests`).

    Attributes
    ----------
    grouping : Grouping
        Kinds, groups and the pool of the study's firm-events.
    pooled : Run
        The pooled firm-events (the stocks).
    groups : dict
        Group label -> its run; empty without groups.
    difference : DataFrame or None
        The long-short rows (``DIFFERENCE_COLUMNS``) per event and ``ALL``; None
        without groups.
    pools : tuple of (str, Run)
        ``ALL`` and each group label with its run, the pool as event id; empty
        without pools.
    pool_difference : DataFrame or None
        The long-short rows with the pool as event id; None without pools.
    """

    __test__ = False  # not a pytest class, whatever its name

    grouping: Grouping
    pooled: Run
    groups: dict[str, Run]
    difference: pd.DataFrame | None
    pools: tuple[tuple[str, Run], ...]
    pool_difference: pd.DataFrame | None


def _run(spec: EventStudy, a: Arrays, rows: np.ndarray, *, quiet: bool) -> Run:
    """The battery on the firm-events ``rows`` of ``a``; ``quiet`` hides its warnings
    (a group's or pool's notes are in its frame, not repeated)."""
    part = select_rows(a, rows)  # ``a`` itself when every row is chosen
    own = part is not a  # a copy: the battery may reuse its memory
    # the pooled run's warnings reach the user exactly as they did from ``fit()``
    with warnings.catch_warnings() if quiet else contextlib.nullcontext():
        if quiet:
            warnings.simplefilter("ignore", StatisticWarning)
        res = run_battery(part, spec.test_names, spec.convention, spec.seed, scratch=own)
    ar = take_cols(part.ar, part.span)
    if own:  # keep the span columns, not the copy's (n, L) arrays
        ar = ar.copy()
    return Run(part.params, ar, part.car, part.bhar, res)


def difference_rows(spec: EventStudy, a: Arrays, g: Grouping) -> pd.DataFrame:
    """Each later stock group minus each earlier one, per event and ``ALL``."""
    events = list(dict.fromkeys(a.params["event_id"]))
    event = a.params["event_id"].to_numpy()
    labels = spec.window_spec.labels
    rows: list[dict[str, object]] = []
    for i, group_b in enumerate(g.stock_groups):
        for group_a in g.stock_groups[i + 1 :]:
            for event_id in [*events, "ALL"] if len(events) > 1 else events:
                here = np.ones(len(event), bool) if event_id == "ALL" else event == event_id
                in_a, in_b = here & (g.label == group_a), here & (g.label == group_b)
                if not (in_a.any() and in_b.any()):
                    continue
                n_a = np.isfinite(a.car[in_a]).sum(axis=0)
                n_b = np.isfinite(a.car[in_b]).sum(axis=0)
                for name, test in DIFFERENCE_TESTS.items():
                    with np.errstate(all="ignore"):
                        r = test(a.ar[in_a], a.ar[in_b], a.est, a.win)
                    for j, window in enumerate(labels):
                        rows.append(
                            {
                                "event_id": event_id,
                                "window": window,
                                "group_a": group_a,
                                "group_b": group_b,
                                "n_a": int(n_a[j]),
                                "n_b": int(n_b[j]),
                                "caar_a": r.caar_a[j],
                                "caar_b": r.caar_b[j],
                                "difference": r.difference[j],
                                "test": name,
                                "statistic": r.statistic[j],
                                "pvalue": r.pvalue[j],
                                "note": r.note if not np.isfinite(r.statistic[j]) else "",
                            }
                        )
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def pooled_run(spec: EventStudy, a: Arrays, g: Grouping) -> Run:
    """The battery on the pooled firm-events (the stocks), warning as a study's tests do."""
    return _run(spec, a, g.pool, quiet=False)


def run_tests(spec: EventStudy, a: Arrays, g: Grouping) -> TestRuns:
    """Run every test battery of a study: pool, groups, group differences and pools.

    Parameters
    ----------
    spec : EventStudy
        Its ``test_names``, ``convention``, ``seed``, ``window_spec`` and ``pools``.
    a : Arrays
        Every kept firm-event (:func:`reequity.study.derive.derive`).
    g : Grouping
        Their kinds, groups and pool (:func:`reequity.study.groups.grouping`).

    Returns
    -------
    TestRuns
        The pooled run warns (``StatisticWarning``) as a study's tests do; the group and
        pool runs keep their notes in their results only.
    """
    pooled = pooled_run(spec, a, g)
    groups = {label: _run(spec, a, g.label == label, quiet=True) for label in g.labels}
    difference = difference_rows(spec, a, g) if groups else None
    pools: list[tuple[str, Run]] = []
    pool_difference = None
    if spec.pools:
        # the pool as event id (the arrays are shared): one run covers every pool
        tagged = dataclasses.replace(
            a, params=a.params.assign(event_id=pd.array(pool_of(a, spec.pools), dtype="str"))
        )
        pools.append((ALL_GROUP, _run(spec, tagged, g.pool, quiet=True)))
        pools += [(label, _run(spec, tagged, g.label == label, quiet=True)) for label in g.labels]
        pool_difference = difference_rows(spec, tagged, g)
    return TestRuns(g, pooled, groups, difference, tuple(pools), pool_difference)
