"""Per-group frames: each group's AAR, CAAR and tests, and the group-difference tests.

A group is run through the same battery as the pool, on its own firm-events
(:func:`reequity.study.testing.run_tests`), so its rows read exactly like the pooled
rows of ``caar`` and ``tests`` with a ``group`` column. Test notes (why a value is NaN,
e.g. one firm in a group) stay in the frame's ``note`` column; the per-test warnings of
the pool are not repeated for every group. This module only shapes those runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from reequity.study.frames import aar_frame, caar_frame, tests_frame

if TYPE_CHECKING:
    import numpy as np

    from reequity.study.engine import EventStudy
    from reequity.study.testing import TestRuns

__all__ = ["group_frames"]


def _with_group(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    frame.insert(1, "group", pd.array([label] * len(frame), dtype="str"))
    return frame


def group_frames(spec: EventStudy, taus: np.ndarray, runs: TestRuns) -> dict[str, object]:
    """``group_aar``, ``group_caar``, ``group_tests`` and ``group_difference`` frames
    (none without groups); ``taus`` are the span days."""
    if not runs.groups:
        return {}
    parts = [
        (
            _with_group(aar_frame(taus, run), label),
            _with_group(caar_frame(spec, run), label),
            _with_group(tests_frame(spec, taus, run), label),
        )
        for label, run in runs.groups.items()
    ]
    aar, caar, tests = (pd.concat(p, ignore_index=True) for p in zip(*parts, strict=True))
    return {
        "group_aar": aar,
        "group_caar": caar,
        "group_tests": tests,
        "group_difference": runs.difference,
    }
