"""Many events, one headline: how many rejections chance alone would give.

A headline of 38 events tested at 5 % shows about two "significant" CAARs under no effect at
all. This module adds Benjamini-Hochberg (1995) q-values across the events of each window and
test, "Controlling the false discovery rate", *JRSS B* 57, 289-300 (statsmodels'
``multipletests(method="fdr_bh")``), and says in one line how many events reject before and
after. Events at different dates give nearly independent statistics; BH also holds under the
positive dependence of events that share market-wide news (Benjamini and Yekutieli 2001).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

__all__ = ["LEVEL", "fdr_line", "headline_fdr_line", "with_fdr"]

#: the level of the headline's tests and of the false discovery rate
LEVEL = 0.05


def _bh(p: np.ndarray) -> np.ndarray:
    q = np.full(len(p), np.nan)
    ok = np.isfinite(p)
    if ok.any():
        q[ok] = multipletests(p[ok], method="fdr_bh")[1]
    return q


def with_fdr(table: pd.DataFrame, tests: Sequence[str]) -> pd.DataFrame:
    """``table`` (one row per event and window, ``<test>_p`` columns) with ``<test>_q``:
    Benjamini-Hochberg q-values over the events of each window (the ``ALL`` row, which pools
    them, is not one of the tests and gets NaN).

    Examples
    --------
    >>> t = pd.DataFrame({"event_id": ["a", "b", "c", "ALL"], "window": "-1:1",
    ...                   "cda_p": [0.01, 0.04, 0.03, 0.001]})
    >>> with_fdr(t, ["cda"])["cda_q"].round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    out = table.copy()
    events = (out["event_id"] != "ALL").to_numpy()
    windows = out["window"].to_numpy(dtype=object)
    for test in tests:
        column = f"{test}_p"
        if column not in out:
            continue
        p = out[column].to_numpy(dtype=float)
        q = np.full(len(out), np.nan)
        for window in pd.unique(windows[events]):  # positions: the index may repeat
            at = np.flatnonzero(events & (windows == window))
            q[at] = _bh(p[at])
        out.insert(out.columns.get_loc(column) + 1, f"{test}_q", q)
    return out


def fdr_line(table: pd.DataFrame, window: str, test: str, label: str) -> str:
    """``38 events: 7 with CDA p < 0.05 (1.9 expected by chance); 2 with BH q < 0.05``
    for the events of ``window`` in a :func:`with_fdr` table ("" without the columns)."""
    rows = table[(table["window"] == window) & (table["event_id"] != "ALL")]
    if f"{test}_q" not in rows or rows.empty:
        return ""
    p = rows[f"{test}_p"].to_numpy(dtype=float)
    q = rows[f"{test}_q"].to_numpy(dtype=float)
    m = int(np.isfinite(p).sum())
    return (
        f"{m} events: {int((p < LEVEL).sum())} with {label} p < {LEVEL:g} "
        f"({LEVEL * m:.1f} expected by chance); {int((q < LEVEL).sum())} with BH q < {LEVEL:g}"
    )


def headline_fdr_line(table: pd.DataFrame, window: str) -> str:
    """:func:`fdr_line` for the test of the headline's interval (the CDA's)."""
    from reequity.study.frames import ROBUST_INTERVAL_TEST
    from reequity.study.statistics import TESTS

    label = TESTS.view(lambda entry: entry.label)[ROBUST_INTERVAL_TEST]
    return fdr_line(table, window, ROBUST_INTERVAL_TEST, label)
