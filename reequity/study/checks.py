"""Input checks of the event-study engine and the issues it reports about the sample.

Two jobs, both on arrays the engine has already built (no per-firm Python loop):

* refuse inputs that would give silently wrong numbers: repeated or non-numeric return
  columns, infinite returns (:func:`check_inputs`), and flag firm-events whose model fits
  exactly, so that SAR would be 0/0 noise (:func:`zero_variance`);
* describe the sample in ``results.issues`` (:func:`panel_issues`, from
  :mod:`reequity.study.sample_issues`, re-exported here with ``who``): day 0 moved off a
  non-trading day, an event window running past the data, and events whose windows fall
  inside another event's estimation or event window for the same ticker.

Every issue row is a :class:`reequity.study.issues.Issue` (re-exported here with
``issues_frame``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError
from reequity.study.frame_views import float_views
from reequity.study.issues import ISSUE_COLUMNS, Issue, issues_frame  # re-exported
from reequity.study.sample_issues import panel_issues, who  # re-exported

__all__ = [
    "ISSUE_COLUMNS",
    "Issue",
    "check_inputs",
    "issues_frame",
    "panel_issues",
    "who",
    "zero_variance",
]

#: sigma below this fraction of the typical |return| is "no residual variance". An exact
#: fit computed from moment sums (RSS = Syy - beta Sxy) leaves a residual sd of about
#: sqrt(machine eps) ~ 1.5e-8 times sd(R), not 0; a real security is near 1 (R^2 < 1).
ZERO_VARIANCE = 1e-6
#: largest |return| accepted. Squares of 1e100 summed over any window stay far below the
#: float maximum (1.8e308); a 1e160 return would make every variance inf, and t = x/inf = 0
MAX_RETURN = 1e100


# ------------------------------------------------------------------ inputs
def _non_numeric(frame: pd.DataFrame) -> list[str]:
    """Columns of ``frame`` that do not hold numbers (object columns are inspected)."""
    bad = []
    for dtype in set(frame.dtypes):  # a handful of distinct dtypes, not one per column
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            continue
        for name in frame.columns[(frame.dtypes == dtype).to_numpy()]:
            kind = pd.api.types.infer_dtype(frame[name], skipna=True)
            if kind not in ("floating", "integer", "mixed-integer-float", "empty"):
                bad.append(str(name))
    return bad


def _extent(values: np.ndarray) -> float:
    """max |x| over a non-empty array, NaN skipped (NaN if every value is NaN)."""
    # two reductions that skip NaN and allocate nothing
    top, bottom = np.fmax.reduce(values, axis=None), np.fmin.reduce(values, axis=None)
    return max(abs(float(top)), abs(float(bottom)))


def _first_inf(values: np.ndarray, index: pd.Index, columns: pd.Index, what: str) -> float:
    """Raise naming the column and first date of an infinite value; else return max |x|
    (0 when there is no number)."""
    if values.size == 0:
        return 0.0
    scale = _extent(values)
    if np.isnan(scale):
        return 0.0
    if scale <= MAX_RETURN:
        return scale
    # inf, or so large that squares and sums of squares overflow to inf: a variance of inf
    # would turn every t into 0 and every p into 1, "no effect" instead of an error
    bad = ~(np.abs(values) <= MAX_RETURN) & ~np.isnan(values)
    row = int(np.argmax(bad.any(axis=1)))
    col = int(np.argmax(bad[row]))
    date = pd.Timestamp(index[row]).date()
    kind = "infinite" if np.isinf(values[row, col]) else f"|value| > {MAX_RETURN:g}"
    raise ConfigurationError(
        f"{what} column {str(columns[col])!r} holds {values[row, col]:g} on {date} (first of "
        f"{int(bad.sum())} {kind} value(s)); no return is that large and its variance would "
        "overflow: replace it with NaN (a missing day) or fix the prices it came from."
    )


def _check_frame(frame: pd.DataFrame, what: str) -> float:
    cols = frame.columns
    # a string-dtype index holds only strings: the loop is for object / numeric indexes
    odd = [] if cols.dtype == "str" else [c for c in cols if not isinstance(c, str)]
    if odd:  # 600111 (int) is looked up as "600111" and would silently find no data
        raise ConfigurationError(
            f"{what} column name {odd[0]!r} is a {type(odd[0]).__name__}, not a ticker string "
            f"({len(odd)} such column(s)); name columns by ticker text: "
            "frame.columns = frame.columns.astype(str)."
        )
    if cols.has_duplicates or not pd.api.types.is_string_dtype(cols):  # 600111 vs "600111"
        cols = pd.Index([str(c) for c in cols])
    if cols.has_duplicates:
        dup = sorted(set(cols[cols.duplicated()]))
        raise ConfigurationError(
            f"{what} has repeated column(s) {', '.join(map(repr, dup))}; each ticker must be "
            "one column: drop the copies (frame.loc[:, ~frame.columns.duplicated()])."
        )
    bad = _non_numeric(frame)
    if bad:
        raise ConfigurationError(
            f"{what} column(s) {bad[:10]} are not numeric; give float returns "
            "(pd.to_numeric(frame[col], errors='coerce') turns text into numbers or NaN)."
        )
    parts = float_views(frame)  # views of the frame's blocks: no copy of the panel
    if len(parts) > 1:
        found = [s for s in (_extent(v) for v, _ in parts if v.size) if not np.isnan(s)]
        if not found:
            return 0.0
        if max(found) <= MAX_RETURN:
            return max(found)
        parts = [(frame.to_numpy(dtype=float), np.arange(len(cols)))]  # locate the first
    return _first_inf(parts[0][0], frame.index, cols, what)


def check_inputs(returns: pd.DataFrame, benchmark: object, factors: pd.DataFrame | None) -> float:
    """Refuse repeated, non-numeric or infinite input columns; return the largest |return|.

    Parameters
    ----------
    returns : DataFrame
        Wide returns (one column per ticker).
    benchmark : str, Series, Mapping or None
        A Series benchmark is checked for infinite values too.
    factors : DataFrame, optional
        Factor returns, checked like ``returns``.

    Returns
    -------
    float
        max |return| over ``returns`` (0 if there is none): the scale of
        :func:`zero_variance`.

    Raises
    ------
    ConfigurationError
        Naming the column (and for inf the first date) and the fix.
    """
    scale = _check_frame(returns, "returns")
    if isinstance(benchmark, pd.Series):
        name = "benchmark" if benchmark.name is None else str(benchmark.name)
        if not pd.api.types.is_numeric_dtype(benchmark.dtype):
            raise ConfigurationError(
                f"benchmark series {name!r} is not numeric ({benchmark.dtype}); give float returns."
            )
        values = benchmark.to_numpy(dtype=float)[:, None]
        _first_inf(values, benchmark.index, pd.Index([name]), "benchmark")
    if factors is not None and isinstance(factors, pd.DataFrame):
        _check_frame(factors, "factors")
    return scale


def zero_variance(
    sigma: np.ndarray, ret: np.ndarray, est: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """Firm-events whose residual sd is nil relative to their returns, and that typical |r|.

    A constant series, or one the model reproduces exactly, leaves a residual sd of
    rounding size (1e-19 for a constant 0.1 % return, about 1e-8 sd(R) for an exact
    market-model fit), which would turn every SAR into rounding noise. The rule:
    sigma <= 1e-6 * max(1e-12, mean |R| over the estimation days) (``ZERO_VARIANCE``).
    Only firm-events below the bound set by the largest |return| in the data are
    inspected, so the usual case costs one comparison per firm-event.

    Returns
    -------
    (mask, typical) : bool (n,), float (n,) with NaN where not inspected
    """
    mask = np.zeros(len(sigma), dtype=bool)
    typical = np.full(len(sigma), np.nan)
    cand = np.flatnonzero(sigma <= ZERO_VARIANCE * max(1e-12, scale))
    if len(cand):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN row: mean is NaN
            typical[cand] = np.nanmean(np.abs(ret[cand][:, est]), axis=1)
        limit = ZERO_VARIANCE * np.maximum(1e-12, np.nan_to_num(typical[cand]))
        mask[cand] = sigma[cand] <= limit
    return mask, typical
