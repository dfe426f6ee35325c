"""Per-group frames: each group's AAR, CAAR and tests, and the group-difference tests.

A group is run through the same battery as the pool, on its own firm-events, so its
rows read exactly like the pooled rows of ``caar`` and ``tests`` with a ``group``
column. Test notes (why a value is NaN, e.g. one firm in a group) stay in the frame's
``note`` column; the per-test warnings of the pool are not repeated for every group.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.errors import StatisticWarning
from reequity.study.battery import run_battery
from reequity.study.frames import _aar_frame, _caar_frame, _tests_frame
from reequity.study.groups import Grouping, select_rows
from reequity.study.statistics.groups import DIFFERENCE_TESTS

if TYPE_CHECKING:
    from reequity.study.align import Panel
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy

__all__ = ["DIFFERENCE_COLUMNS", "group_frames"]

DIFFERENCE_COLUMNS = [
    "event_id",
    "window",
    "group_a",
    "group_b",
    "n_a",
    "n_b",
    "caar_a",
    "caar_b",
    "difference",
    "test",
    "statistic",
    "pvalue",
    "note",
]


def _with_group(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    frame.insert(1, "group", pd.array([label] * len(frame), dtype="str"))
    return frame


def _one_group(
    spec: EventStudy, panel: Panel, sub: Arrays, label: str, *, own: bool
) -> list[pd.DataFrame]:
    """The group's frames; ``own``: ``sub`` is this group's copy, free to reuse."""
    with warnings.catch_warnings():  # the notes are in the frame
        warnings.simplefilter("ignore", StatisticWarning)
        res = run_battery(sub, spec.test_names, spec.convention, spec.seed, scratch=own)
    return [
        _with_group(_aar_frame(panel, sub), label),
        _with_group(_caar_frame(spec, sub), label),
        _with_group(_tests_frame(spec, panel, sub, res), label),
    ]


def _difference_rows(spec: EventStudy, a: Arrays, g: Grouping) -> pd.DataFrame:
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


def group_frames(spec: EventStudy, panel: Panel, a: Arrays, g: Grouping) -> dict[str, object]:
    """``group_aar``, ``group_caar``, ``group_tests`` and ``group_difference`` frames."""
    masks = [g.label == label for label in g.labels]
    parts: list[list[pd.DataFrame]] = [  # a group of every firm-event is ``a`` itself
        _one_group(spec, panel, select_rows(a, rows), label, own=not rows.all())
        for label, rows in zip(g.labels, masks, strict=True)
    ]
    if not parts:
        return {}
    aar, caar, tests = (pd.concat(p, ignore_index=True) for p in zip(*parts, strict=True))
    return {
        "group_aar": aar,
        "group_caar": caar,
        "group_tests": tests,
        "group_difference": _difference_rows(spec, a, g),
    }
