"""Every result of one battery run as arrays: groups x tests x days (and windows).

A battery run tests each event group and ``ALL``; the tests computed for every group at
once give one :class:`~reequity.study.statistics.batch.Batch` per test and fill their
rows in one assignment, a group tested on its own fills its row from its
:class:`~reequity.study.statistics.base.TestResult` objects. The ``tests`` frame is then
a selection of these arrays (:func:`reequity.study.frames.tests_frame`), with no Python
pass over groups or tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from reequity.study.statistics.base import TestResult
from reequity.study.statistics.batch import Batch

__all__ = ["ResultTable"]


@dataclass(slots=True)
class ResultTable:
    """Every result of one battery run: ``names`` (each event and ``ALL``) x ``tests``.

    Attributes
    ----------
    names, tests : list of str
        Row groups in order (events in order of appearance, then ``ALL``) and tests.
    daily_stat, daily_p : ndarray, (G, T, E)
        Per span day; meaningful where ``has_daily``.
    window_stat, window_p : ndarray, (G, T, W)
        Per event window.
    has_daily : ndarray, (G, T) bool
        Whether the test gave daily values for the group.
    notes : ndarray, (G, T) object
        Why a value is NaN ("" when there is no note).
    window_se, df : ndarray, (G, T, W) and (G, T)
        The window sum's standard error and its degrees of freedom for tests that give
        them (the CDA), else NaN; ``has_se`` says which.
    """

    names: list[str]
    tests: list[str]
    daily_stat: np.ndarray
    daily_p: np.ndarray
    window_stat: np.ndarray
    window_p: np.ndarray
    has_daily: np.ndarray
    notes: np.ndarray
    window_se: np.ndarray
    has_se: np.ndarray
    df: np.ndarray

    @classmethod
    def empty(cls, names: list[str], tests: list[str], e: int, w: int) -> ResultTable:
        """A table of NaN (no daily values, no notes) to be filled."""
        g, t = len(names), len(tests)
        return cls(
            names, tests,
            np.full((g, t, e), np.nan), np.full((g, t, e), np.nan),
            np.full((g, t, w), np.nan), np.full((g, t, w), np.nan),
            np.zeros((g, t), dtype=bool), np.full((g, t), "", dtype=object),
            np.full((g, t, w), np.nan), np.zeros((g, t), dtype=bool), np.full((g, t), np.nan),
        )  # fmt: skip

    def put_batch(self, t: int, batch: Batch) -> None:
        """Test ``t``'s rows of every group where ``batch.ok`` (groups are rows 0..G-1)."""
        rows = np.flatnonzero(batch.ok)
        self.daily_stat[rows, t] = batch.daily_stat[rows]
        self.daily_p[rows, t] = batch.daily_p[rows]
        self.window_stat[rows, t] = batch.window_stat[rows]
        self.window_p[rows, t] = batch.window_p[rows]
        self.has_daily[rows, t] = True
        if batch.notes is not None:
            self.notes[rows, t] = np.asarray(batch.notes, dtype=object)[rows]
        if batch.window_se is not None and batch.df is not None:
            self.window_se[rows, t] = batch.window_se[rows]
            self.df[rows, t] = batch.df[rows]
            self.has_se[rows, t] = True

    def put(self, g: int, results: Mapping[str, TestResult]) -> None:
        """Row ``g`` from one group's results (test name -> :class:`TestResult`)."""
        for t, name in enumerate(self.tests):
            r = results[name]
            self.has_daily[g, t] = r.daily_stat is not None
            if r.daily_stat is not None:
                self.daily_stat[g, t] = r.daily_stat
                self.daily_p[g, t] = r.daily_p
            self.window_stat[g, t] = r.window_stat
            self.window_p[g, t] = r.window_p
            self.notes[g, t] = r.note
            self.has_se[g, t] = r.window_se is not None and r.df is not None
            if self.has_se[g, t]:
                self.window_se[g, t] = r.window_se
                self.df[g, t] = r.df

    def copy_row(self, src: int, dst: int) -> None:
        """Row ``dst`` equal to row ``src`` (one event: ``ALL`` is that event)."""
        for x in (self.daily_stat, self.daily_p, self.window_stat, self.window_p,
                  self.has_daily, self.notes, self.window_se, self.has_se, self.df):  # fmt: skip
            x[dst] = x[src]

    def rows(self, names: Sequence[str]) -> np.ndarray:
        """Row positions of ``names``."""
        where = {name: i for i, name in enumerate(self.names)}
        return np.array([where[name] for name in names], dtype=np.intp)

    def result(self, name: str, test: str) -> TestResult:
        """One group's result of one test as a :class:`TestResult`."""
        g, t = self.names.index(name), self.tests.index(test)
        daily = self.has_daily[g, t]
        se = self.has_se[g, t]
        return TestResult(
            self.daily_stat[g, t].copy() if daily else None,
            self.daily_p[g, t].copy() if daily else None,
            self.window_stat[g, t].copy(), self.window_p[g, t].copy(), str(self.notes[g, t]),
            self.window_se[g, t].copy() if se else None, float(self.df[g, t]) if se else None,
        )  # fmt: skip
