"""One test's results for every event group at once, as arrays (no object per group).

The tests computed for all event groups together (:mod:`.batched`, :mod:`.batched_extra`,
GRANK's groups) return a :class:`Batch`; the battery writes it into the run's
:class:`~reequity.study.result_table.ResultTable`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from reequity.study.statistics.base import TestResult

__all__ = ["Batch", "from_results"]


@dataclass(frozen=True, slots=True)
class Batch:
    """One test's results for every event group at once (row g: group g).

    Rows where ``ok`` is False hold no result: the battery tests those groups on their
    own (the per-group test then gives the note, or the failure).
    """

    daily_stat: np.ndarray  # (G, E) per span day
    daily_p: np.ndarray
    window_stat: np.ndarray  # (G, W) per event window
    window_p: np.ndarray
    ok: np.ndarray  # (G,) bool
    notes: Sequence[str] | None = None  # per group ("" none); None: no group has one
    window_se: np.ndarray | None = None  # (G, W) the window sum's standard error (CDA)
    df: np.ndarray | None = None  # (G,) its Student-t degrees of freedom

    def result(self, g: int) -> TestResult:
        """Group ``g``'s row as a :class:`TestResult` (a group tested on its own reads it)."""
        se = None if self.window_se is None else self.window_se[g]
        df = None if self.df is None else float(self.df[g])
        note = "" if self.notes is None else self.notes[g]
        return TestResult(
            self.daily_stat[g], self.daily_p[g], self.window_stat[g], self.window_p[g],
            note, se, df,
        )  # fmt: skip


def from_results(results: Sequence[TestResult | None], e: int, w: int) -> Batch:
    """A :class:`Batch` of per-group results (None, or no daily values: not ok)."""
    ok = np.array([r is not None and r.daily_stat is not None for r in results], dtype=bool)
    out = [np.full((len(results), n), np.nan) for n in (e, e, w, w)]
    for g in np.flatnonzero(ok).tolist():
        r = results[g]
        for x, v in zip(out, (r.daily_stat, r.daily_p, r.window_stat, r.window_p), strict=True):
            x[g] = v
    notes = [r.note if k else "" for r, k in zip(results, ok.tolist(), strict=True)]
    return Batch(*out, ok=ok, notes=notes)
