"""Pools of comparable events: the pooled rows of each pool, each group and their difference.

One ``ALL`` row over every event averages events of opposite expected sign (an export
control and its suspension, a Western offtake deal and a Chinese quota) so that they
cancel. A pool is a set of events that are expected to move prices the same way, e.g.
the catalogue's ``event_type``; each pool is tested on its own. Every pool row is what
``event_study`` computes for the pool's events alone (the ``ALL`` row of ``caar`` and
``tests``, the ``ALL`` rows of ``group_caar``/``group_tests``/``group_difference``): the
same battery on the same firm-events, given that the same estimation days are left out
(a study's other events are cleaned out of every estimation window; pass them as
``exclude`` to a study of one pool to reproduce its rows).

An event without a pool value (a missing or blank cell, or an event id absent from the
mapping) is put in the pool ``"unpooled"``: every event is in exactly one pool, and the
unpooled ones are reported together rather than dropped without a word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError
from reequity.study.statistics import ROBUST_TESTS

if TYPE_CHECKING:
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy
    from reequity.study.testing import Run, TestRuns

__all__ = [
    "ALL_GROUP",
    "default_pool_by",
    "headline_pool_label",
    "pool_study",
    "POOL_COLUMNS",
    "POOL_DIFFERENCE_COLUMNS",
    "POOL_TEST_COLUMNS",
    "UNPOOLED",
    "PoolBy",
    "event_pools",
    "pool_as_event",
    "pool_frames",
    "pool_of",
    "pool_order",
    "with_pool_column",
]

PoolBy = str | Mapping[str, str] | None
UNPOOLED = "unpooled"
#: ``group`` of a pool's row over all its pooled firm-events (the stocks)
ALL_GROUP = "ALL"
POOL_COLUMNS = [
    "pool", "group", "n_events", "window", "n_firms", "caar", "mean_bhar", "se",
    "ci_lower", "ci_upper", "robust_se", "robust_df", "robust_ci_lower", "robust_ci_upper",
]  # fmt: skip
POOL_TEST_COLUMNS = [
    "pool", "group", "window", "test", "statistic", "pvalue", "n_firms", "note",
]  # fmt: skip
POOL_DIFFERENCE_COLUMNS = [
    "pool", "n_events", "window", "group_a", "group_b", "n_a", "n_b", "caar_a", "caar_b",
    "difference", "test", "statistic", "pvalue", "note",
]  # fmt: skip


def _label(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return UNPOOLED
    return str(value).strip() or UNPOOLED


def event_pools(events: pd.DataFrame, pool_by: PoolBy) -> dict[str, str]:
    """The pool of each event id of ``events``, in order of the pools' first appearance.

    Parameters
    ----------
    events : DataFrame
        The study's events (``event_id``, one row per event or per firm-event).
    pool_by : str, Mapping or None
        A column of ``events`` (e.g. ``event_type``) or a mapping event_id -> pool. None:
        no pools (an empty dict).

    Returns
    -------
    dict
        event_id -> pool; ``"unpooled"`` for an event without a value.

    Raises
    ------
    ConfigurationError
        A column that ``events`` lacks, an event with two values in that column, or a
        ``pool_by`` of another type.
    """
    if pool_by is None:
        return {}
    ids = events["event_id"].astype(str).to_numpy()
    if isinstance(pool_by, str):
        if pool_by not in events.columns:
            raise ConfigurationError(
                f"pool_by={pool_by!r} is not a column of events; columns are: "
                f"{', '.join(map(str, events.columns))} (or pass a mapping event_id -> pool)"
            )
        labels = pd.DataFrame({"event_id": ids, "pool": [_label(v) for v in events[pool_by]]})
        labels = labels.drop_duplicates()
        twice = labels["event_id"][labels["event_id"].duplicated()]
        if len(twice):
            values = sorted(labels.loc[labels["event_id"] == twice.iloc[0], "pool"])
            raise ConfigurationError(
                f"event {twice.iloc[0]!r} has several {pool_by} values ({', '.join(values)}); "
                "give each event one value, or pass a mapping event_id -> pool"
            )
        return dict(zip(labels["event_id"], labels["pool"], strict=True))
    if isinstance(pool_by, Mapping):
        return {e: _label(pool_by.get(e)) for e in dict.fromkeys(ids)}
    raise ConfigurationError(
        f"pool_by must be None, a column name or a mapping event_id -> pool; "
        f"got {type(pool_by).__name__}"
    )


def default_pool_by(events: pd.DataFrame, column: str = "event_type") -> str | None:
    """``column`` if some event of ``events`` has a value there (the workflows' default
    pools), else None: a table without types is not one pool of "unpooled" events."""
    if column not in events.columns:
        return None
    return column if any(_label(v) != UNPOOLED for v in events[column]) else None


def pool_order(pools: Mapping[str, str]) -> list[str]:
    """Pools by number of events (largest first; ties in order of appearance), unpooled last."""
    counts = pd.Series(list(pools.values()), dtype=object).value_counts(sort=False)
    first = {p: i for i, p in enumerate(dict.fromkeys(pools.values()))}
    return sorted(counts.index, key=lambda p: (p == UNPOOLED, -counts[p], first[p]))


def pool_of(a: Arrays, pools: Mapping[str, str]) -> np.ndarray:
    """The pool of each firm-event of ``a`` (``"unpooled"`` for an event not in ``pools``)."""
    event = a.params["event_id"].astype(str).to_numpy()
    return np.array([pools.get(e, UNPOOLED) for e in event], dtype=object)


def _shaped(
    spec: EventStudy, taus: np.ndarray, run: Run, group: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """CAAR rows, window-level test rows and AAR paths of every pool of one run.

    With the pool as the event id, the battery's per-event rows *are* the pools' pooled
    rows: a pool's firm-events form one group, clustered by the calendar date of day 0
    (the cells of ALL), in their order in the study; a one-event pool is that event.
    """
    from reequity.study.frames import aar_frame, caar_frame, tests_frame  # lazy: cycle

    caar = caar_frame(spec, run)
    tests = tests_frame(spec, taus, run)
    tests = tests[tests["tau"].isna()].drop(columns="tau")
    out = []
    for frame in (caar, tests, aar_frame(taus, run)):
        frame = frame[frame["event_id"] != "ALL"].rename(columns={"event_id": "pool"})
        frame.insert(1, "group", group)
        out.append(frame)
    return out[0], out[1], out[2]


def pool_frames(
    spec: EventStudy, taus: np.ndarray, a: Arrays, runs: TestRuns
) -> dict[str, pd.DataFrame]:
    """``pools``, ``pool_tests``, ``pool_aar`` and ``pool_difference`` (empty without pools).

    One battery run for the pooled firm-events and one per group cover every pool (the
    pool is the event id), and the group differences are the existing long-short rows
    per "event" (pool), so each pool's rows are computed by the code of a study's rows
    (:func:`reequity.study.testing.run_tests`); this function only shapes them.

    Parameters
    ----------
    spec : EventStudy
        Its ``pools``: event_id -> pool (:func:`event_pools`).
    taus : ndarray
        The span days.
    a : Arrays
        Every kept firm-event.
    runs : TestRuns
        The study's battery runs (``runs.pools``: one per group, the pool as event id).
    """
    pools = spec.pools
    if not pools or runs.pool_difference is None:
        return {}
    event = a.params["event_id"].astype(str).to_numpy()
    of = pool_of(a, pools)
    order = [p for p in pool_order(pools) if (of == p).any()]  # pools with firm-events
    n_events = {p: len(set(event[of == p])) for p in order}
    shaped = [_shaped(spec, taus, run, group) for group, run in runs.pools]
    rank = {p: i for i, p in enumerate(order)}
    caar, tests, aar = (
        pd.concat([r[k] for r in shaped], ignore_index=True).sort_values(
            "pool", key=lambda s: s.map(rank), kind="stable"
        )
        for k in range(3)
    )
    caar["n_events"] = caar["pool"].map(n_events).astype(np.int64)
    # the study's order of the stock groups: one sign of the difference in every pool
    diff = runs.pool_difference
    diff = diff[diff["event_id"] != "ALL"].rename(columns={"event_id": "pool"})
    diff.insert(1, "n_events", diff["pool"].map(n_events).astype(np.int64))
    diff = diff.sort_values("pool", key=lambda s: s.map(rank), kind="stable")
    return {
        "pools": _with_robust(caar[POOL_COLUMNS].reset_index(drop=True), tests),
        "pool_tests": tests[POOL_TEST_COLUMNS].reset_index(drop=True),
        "pool_aar": aar.reset_index(drop=True),
        "pool_difference": diff[POOL_DIFFERENCE_COLUMNS].reset_index(drop=True),
    }


def _with_robust(table: pd.DataFrame | None, tests: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``<test>_stat`` and ``<test>_p`` of each dependence-robust test."""
    if table is None:
        return pd.DataFrame(columns=POOL_COLUMNS)
    keys = ["pool", "group", "window"]
    robust = tests[tests["test"].isin(ROBUST_TESTS)]
    out = table
    for test in (t for t in ROBUST_TESTS if t in set(robust["test"])):
        rows = robust[robust["test"] == test]
        cols = rows[[*keys, "statistic", "pvalue"]].rename(
            columns={"statistic": f"{test}_stat", "pvalue": f"{test}_p"}
        )
        out = out.merge(cols, on=keys, how="left")
    return out


def with_pool_column(frame: pd.DataFrame, pools: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` (with ``event_id``) with the event's ``pool`` after ``event_id`` and, when
    it has ``ALL`` rows, ``mixes_pools``: True on an ``ALL`` row over events of more than
    one pool (its ``pool`` is then empty), so the mixed row cannot be read as a pool's.
    """
    if not pools or "event_id" not in frame.columns:
        return frame
    out = frame.copy()
    names = set(pools.values())
    mixed = len(names) > 1
    event = out["event_id"].astype(str)
    is_all = event.eq("ALL")
    pool = event.map(pools).fillna("")
    pool[is_all] = "" if mixed else next(iter(names))
    out.insert(int(out.columns.get_loc("event_id")) + 1, "pool", pool.astype("str"))
    if is_all.any():
        out["mixes_pools"] = is_all & mixed
    return out


def _chosen_pool(results, pool: str | None) -> tuple[str, str, set[str]]:
    """``pool`` (default the headline pool: the largest, the first in ``pools``), its
    label and its event ids."""
    from reequity.study.headline import pool_label

    counts = results.settings.get("pools") or {}
    if results.pools.empty or not counts:
        raise ConfigurationError("these results have no pools; run the study with pool_by=...")
    pool = pool if pool is not None else next(iter(counts))
    if pool not in counts:
        raise ConfigurationError(f"pool {pool!r} is not in the results; valid: {', '.join(counts)}")
    events = {e for e, p in results.settings.get("event_pools", {}).items() if p == pool}
    return pool, pool_label(pool, counts[pool]), events


def headline_pool_label(results) -> str | None:
    """``ALL export_control (12)``: the label of the headline pool (the largest), or None
    for results without pools."""
    if results.pools.empty or not results.settings.get("pools"):
        return None
    return _chosen_pool(results, None)[1]


def pool_study(results, pool: str | bool = True) -> Any:
    """The specification a specification curve of ``results`` re-runs.

    ``pool=True`` restricts it to the headline pool's events (the largest), a pool's name to
    that pool's events, so that the curve's ``ALL`` row is the pool's pooled row
    (``ALL export_control (12)``), not a row mixing pools of opposite expected sign;
    ``pool=False``, or results without pools, give the study's own specification.

    Raises
    ------
    ConfigurationError
        Results without a spec, or a pool they do not hold.
    """
    spec = results.spec
    if spec is None:
        raise ConfigurationError("these results carry no specification to restrict")
    if pool is False or results.pools.empty:
        return spec
    _, _, events = _chosen_pool(results, None if pool is True else pool)
    kept = spec.events[spec.events["event_id"].isin(events)]
    return dataclasses.replace(spec, events=kept, pool_by=None)


def pool_as_event(results, pool: str | None = None) -> SimpleNamespace:
    """One pool's pooled rows shaped as one event's ``aar``, ``caar`` and ``ar`` rows.

    The event id is the pool's label (``ALL export_control (12)``), so anything drawn
    for an event (``reequity.plots.plot_caar(view, event_id=view.event_id)``) draws the
    pool. ``pool`` defaults to the headline pool: the largest (the first in ``pools``).
    ``ar`` holds the pool's pooled firm-events (the stocks) for the confidence band, each
    ticker as ``"<ticker> <event_id>"`` (one firm-event per ticker label).

    Raises
    ------
    ConfigurationError
        Results without pools, or a pool they do not hold.
    """
    pool, label, events = _chosen_pool(results, pool)
    mine = {"pool": pool, "group": ALL_GROUP}

    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        here = frame[(frame["pool"] == pool) & (frame["group"] == ALL_GROUP)]
        return here.drop(columns=list(mine)).assign(event_id=label)

    pooled = results.car.loc[results.car["pooled"].astype(bool), ["event_id", "ticker"]]
    pooled = pooled[pooled["event_id"].isin(events)].drop_duplicates()
    ar = results.ar.merge(pooled, on=["event_id", "ticker"])
    # one column per firm-event in the band: the ticker keeps its event beside it
    ar = ar.assign(ticker=ar["ticker"].astype(str) + " " + ar["event_id"].astype(str))
    ar = ar.assign(event_id=label)
    return SimpleNamespace(
        event_id=label, aar=rows(results.pool_aar), caar=rows(results.pools), ar=ar
    )
