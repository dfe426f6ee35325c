"""Shape the engine's arrays, flags and issues into the tidy frames of :class:`EventStudyResults`.

Nothing here finds or tests anything: window dates, price-limit hits and confounders
come from :mod:`reequity.study.flags`, the issues from the engine, and every test
battery's results (the pool, each group, the group differences, each pool of events)
from :func:`reequity.study.testing.run_tests` in the fit stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
from scipy import special

from reequity.study.arrays import take_cols
from reequity.study.groups import Grouping
from reequity.study.issues import Issue, issues_frame
from reequity.study.results import EventStudyResults
from reequity.study.windows import window_label

if TYPE_CHECKING:
    from reequity.study.align import Panel
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy
    from reequity.study.flags import Flags
    from reequity.study.result_table import ResultTable
    from reequity.study.testing import Run, TestRuns

__all__ = ["aar_frame", "assemble", "caar_frame", "tests_frame"]

_TEST_COLUMNS = ["event_id", "window", "tau", "test", "statistic", "pvalue", "n_firms", "note"]


_STR = pd.array(["x"], dtype="str")  # pandas' default string column (Arrow-backed or not)
_ARROW_STR = isinstance(_STR, pd.arrays.ArrowStringArray)
_ARROW_TYPE = pa.array(_STR).type if _ARROW_STR else None  # its Arrow storage type


def _strings(values: list[str], idx: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """A ``str`` column holding ``values[idx]``: a take from a small array (no object array).

    With Arrow storage the take is Arrow's on the few values, wrapped once: pandas'
    array construction and take cost about 20 us more per column, ten columns a study.
    """
    idx = np.asarray(idx, dtype=np.intp)
    if _ARROW_STR:
        taken = pa.array(values, type=_ARROW_TYPE).take(pa.array(idx))
        return pd.arrays.ArrowStringArray(taken, dtype=_STR.dtype)
    return pd.array(values, dtype="str").take(idx)


def _key_column(
    params: pd.DataFrame, name: str, idx: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    return params[name].array.take(np.asarray(idx, dtype=np.intp))


def _ar_frame(panel: Panel, a: Arrays, flags: Flags) -> pd.DataFrame:
    keys = a.params
    n, e = a.sar.shape
    ret = a.ret  # span taus only
    dates = panel.dates[a.keep]  # span taus only
    inside = panel.inside[a.keep]
    rows = np.repeat(np.arange(n), e)
    return pd.DataFrame(
        {
            "event_id": _key_column(keys, "event_id", rows),
            "ticker": _key_column(keys, "ticker", rows),
            "tau": np.tile(panel.taus[a.span], n),
            "date": dates.ravel(),
            "ret": ret.ravel(),
            "expected": a.expected.ravel(),
            "ar": take_cols(a.ar, a.span).ravel(),
            "sar": a.sar.ravel(),
            "suspended": (inside & np.isnan(ret)).ravel(),
            "limit_hit": flags.limit_hit.ravel(),
        }
    )


def _tiled(values: np.ndarray, times: int) -> pd.api.extensions.ExtensionArray:
    """``np.tile(values, times)`` as a ``str`` column, via codes (few distinct values)."""
    codes, uniques = pd.factorize(values)
    return _strings([str(u) for u in uniques], np.tile(codes, times))


def _car_frame(spec: EventStudy, a: Arrays, g: Grouping, flags: Flags) -> pd.DataFrame:
    keys = a.params
    n, n_w = a.car.shape
    rows = np.tile(np.arange(n), n_w)
    return pd.DataFrame(
        {
            "event_id": _key_column(keys, "event_id", rows),
            "ticker": _key_column(keys, "ticker", rows),
            "window": _strings(spec.window_spec.labels, np.repeat(np.arange(n_w), n)),
            "start": flags.start.T.ravel(),
            "end": flags.end.T.ravel(),
            "n_days": a.n_days.T.ravel().astype(int),
            "car": a.car.T.ravel(),
            "bhar": a.bhar.T.ravel(),
            "scar": a.scar.T.ravel(),
            "kind": _tiled(g.kind, n_w),
            "group": _tiled(g.group, n_w),
            "pooled": np.tile(g.pool, n_w),
        }
    )


def _codes(a: Arrays | Run) -> tuple[np.ndarray, list[str]]:
    """Group code of each firm-event (events in order of appearance) and the names + ALL."""
    # factorized on the column's own (Arrow) array: no object array of 1 string per row
    codes, names = pd.factorize(a.params["event_id"].array)
    return np.asarray(codes), [*(str(x) for x in names), "ALL"]


def _group_sum(x: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """Sums of the rows of ``x`` (n, C) per group code, then the total as the last row.

    One ``np.add.reduceat`` over the rows in code order (they usually are: the engine
    orders firm-events by event), several times faster than ``np.add.at``.
    """
    out = np.zeros((n_groups + 1, x.shape[1]))
    if len(codes):
        if (codes[1:] < codes[:-1]).any():
            order = np.argsort(codes, kind="stable")
            codes, x = codes[order], x[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        out[codes[starts]] = np.add.reduceat(x, starts, axis=0)
    out[-1] = out[:-1].sum(axis=0)
    return out


def aar_frame(taus: np.ndarray, r: Run) -> pd.DataFrame:
    """AAR and CAAR per event (and ``ALL``) and span day ``taus`` of one run's firm-events."""
    codes, names = _codes(r)
    x = r.ar
    fin = np.isfinite(x)
    total = _group_sum(np.where(fin, x, 0.0), codes, len(names) - 1)
    n_t = _group_sum(fin.astype(float), codes, len(names) - 1).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        aar = np.where(n_t > 0, total / n_t, np.nan)
    e = x.shape[1]
    return pd.DataFrame(
        {
            "event_id": _strings(names, np.repeat(np.arange(len(names)), e)),
            "tau": np.tile(taus, len(names)),
            "n_firms": n_t.ravel(),
            "aar": aar.ravel(),
            "caar": np.nancumsum(aar, axis=1).ravel(),
        }
    )


def caar_frame(spec: EventStudy, a: Run) -> pd.DataFrame:
    """CAAR, mean BHAR and a Student-t 95 % interval per group and window (two-pass sd)."""
    codes, names = _codes(a)
    n_g = len(names) - 1
    fin = np.isfinite(a.car)
    n = _group_sum(fin.astype(float), codes, n_g)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = _group_sum(np.where(fin, a.car, 0.0), codes, n_g) / n
        dev = np.where(fin, a.car - mean[codes], 0.0)
        dev_all = np.where(fin, a.car - mean[-1], 0.0)
        ss = _group_sum(dev * dev, codes, n_g)
        ss[-1] = (dev_all * dev_all).sum(axis=0)
        se = np.where(n > 1, np.sqrt(ss / (n - 1)) / np.sqrt(n), np.nan)
        q = np.where(n > 1, special.stdtrit(np.maximum(n - 1, 1), 0.975), np.nan)
        bfin = np.isfinite(a.bhar)
        mean_bhar = _group_sum(np.where(bfin, a.bhar, 0.0), codes, n_g) / _group_sum(
            bfin.astype(float), codes, n_g
        )
    mean = np.where(n > 0, mean, np.nan)
    mean_bhar = np.where(n > 0, mean_bhar, np.nan)
    n_w = a.car.shape[1]
    robust_se, robust_df = _robust_se(a.results, names, n_w)
    robust_q = special.stdtrit(np.where(robust_df >= 1, robust_df, np.nan), 0.975)
    return pd.DataFrame(
        {
            "event_id": _strings(names, np.repeat(np.arange(len(names)), n_w)),
            "window": _strings(spec.window_spec.labels, np.tile(np.arange(n_w), len(names))),
            "n_firms": n.ravel().astype(np.int64),
            "caar": mean.ravel(),
            "mean_bhar": mean_bhar.ravel(),
            "se": se.ravel(),
            "ci_lower": (mean - q * se).ravel(),
            "ci_upper": (mean + q * se).ravel(),
            "robust_se": robust_se.ravel(),
            "robust_df": robust_df.ravel(),
            "robust_ci_lower": (mean - robust_q * robust_se).ravel(),
            "robust_ci_upper": (mean + robust_q * robust_se).ravel(),
        }
    )


#: the test whose standard error gives the dependence-robust interval of the CAAR
ROBUST_INTERVAL_TEST = "cda"


def _robust_se(table: ResultTable, names: list[str], n_w: int) -> tuple[np.ndarray, np.ndarray]:
    """Per name and window: the CDA's standard error of the window sum of AARs (Brown and
    Warner 1985: sqrt(days) x the estimation-window sd of the AAR) and its Student-t
    degrees of freedom (M - 1); NaN where the study did not run the CDA or it had no
    variance.

    Firms sharing an event date are cross-correlated, which the cross-sectional interval
    (``ci_lower``/``ci_upper``) ignores; the AAR series carries that correlation, so this
    interval excludes zero exactly when the CDA rejects at 5% (for a complete panel, where
    the CAAR equals the window sum of AARs).
    """
    se = np.full((len(names), n_w), np.nan)
    df = np.full((len(names), n_w), np.nan)
    if ROBUST_INTERVAL_TEST not in table.tests:
        return se, df
    t = table.tests.index(ROBUST_INTERVAL_TEST)
    rows = table.rows(names)
    with np.errstate(invalid="ignore"):
        good = table.has_se[rows, t] & (table.df[rows, t] >= 1)
    se[good] = table.window_se[rows[good], t]
    df[good] = table.df[rows[good], t][:, None]
    return se, df


def tests_frame(spec: EventStudy, taus: np.ndarray, a: Run) -> pd.DataFrame:
    """One row per (group, test, day) and (group, test, window), built in one go.

    Each (group, test) gives its span days (if it has daily values), then its windows:
    the rows are a boolean selection of the table's (group, test, day + window) arrays,
    so nothing loops over groups or tests.
    """
    table = a.results
    codes, names = _codes(a)
    e, n_w = len(taus), a.car.shape[1]
    n_day = _group_sum(np.isfinite(a.ar).astype(float), codes, len(names) - 1)
    n_win = _group_sum(np.isfinite(a.car).astype(float), codes, len(names) - 1)
    windows = [window_label(spec.window_spec.span), *spec.window_spec.labels]
    rows = table.rows(names)
    n_g, n_t = len(names), len(table.tests)
    shape = (n_g, n_t, e + n_w)
    # which cells of (group, test, day + window) are rows: days where the test has them
    keep = np.concatenate(
        [np.repeat(table.has_daily[rows][:, :, None], e, axis=2), np.ones((n_g, n_t, n_w), bool)],
        axis=2,
    )
    stat = np.concatenate([table.daily_stat[rows], table.window_stat[rows]], axis=2)[keep]
    pval = np.concatenate([table.daily_p[rows], table.window_p[rows]], axis=2)[keep]
    slot = np.broadcast_to(np.arange(e + n_w), shape)[keep]  # day (< e) or e + window
    row_g = np.broadcast_to(np.arange(n_g)[:, None, None], shape)[keep]
    row_t = np.broadcast_to(np.arange(n_t)[None, :, None], shape)[keep]
    day_rows = slot < e
    n_firms = np.where(
        day_rows, n_day[row_g, np.minimum(slot, e - 1)], n_win[row_g, np.maximum(slot - e, 0)]
    )
    # notes: "" where the value is finite, else the test's note ("not computable": none)
    note_codes, uniq = pd.factorize(table.notes[rows].ravel())
    note_codes = np.where(np.asarray(uniq, dtype=object) == "", 1, 2 + np.arange(len(uniq)))[
        note_codes
    ]  # fmt: skip
    notes = ["", "not computable", *(str(u) for u in uniq)]
    note_idx = np.where(np.isfinite(stat), 0, note_codes[row_g * n_t + row_t])
    # a masked Int64 column built from its values and mask (no setitem of NA)
    tau = pd.arrays.IntegerArray(
        np.where(day_rows, taus[np.minimum(slot, e - 1)], 0).astype(np.int64), ~day_rows
    )
    return pd.DataFrame(
        {
            "event_id": _strings(names, row_g),
            "window": _strings(windows, np.where(day_rows, 0, slot - e + 1)),
            "tau": tau,
            "test": _strings(table.tests, row_t),
            "statistic": stat,
            "pvalue": pval,
            "n_firms": n_firms.astype(np.int64),
            "note": _strings(notes, note_idx),
        }
    )


def _settings(spec: EventStudy, a: Arrays, g: Grouping) -> dict[str, Any]:
    return {
        "model": spec.model,
        "convention": spec.convention,
        "estimation": window_label(spec.window_spec.estimation),
        "windows": spec.window_spec.labels,
        "tests": list(spec.test_names),
        "min_estimation": spec.min_estimation,
        "calendars": dict(spec.calendars or {}),
        "seed": spec.seed,
        "dimson_lags": spec.dimson_lags,
        "clean_estimation": spec.clean_estimation,
        "clean_window": window_label(spec.clean_window),
        "n_firm_events": int(len(a.params)),
        "n_events": int(a.params["event_id"].nunique()),
        "n_pooled": int(g.pool.sum()),
        "pool": "stocks" if (g.kind[g.pool] == "stock").all() else "all firm-events (no stock)",
        "groups": list(g.labels),
        "pool_by": spec.pool_by if isinstance(spec.pool_by, str | None) else "mapping",
        "pools": _pool_counts(spec.pools, a),
        "event_pools": dict(spec.pools),
    }


def _pool_counts(pools: Mapping[str, str], a: Arrays) -> dict[str, int]:
    """Studied events per pool, largest pool first (the order of ``pools``' rows)."""
    if not pools:  # no event pools (the usual call): nothing to count
        return {}
    from reequity.study.pools import pool_order

    studied = set(a.params["event_id"].astype(str).unique())  # ids, not 1 per firm-event
    kept = {e: p for e, p in pools.items() if e in studied}
    return {p: sum(v == p for v in kept.values()) for p in pool_order(kept)}


def assemble(
    spec: EventStudy,
    panel: Panel,
    a: Arrays,
    issues: list[Issue],
    flags: Flags,
    runs: TestRuns,
) -> EventStudyResults:
    """Build the result frames from what the fit stage computed.

    ``issues`` and ``flags`` (window dates, price-limit hits) are what the engine found
    (:mod:`reequity.study.flags`), ``runs`` every test battery's results
    (:func:`reequity.study.testing.run_tests`); they are only put in frames here.

    ``ar``, ``car`` and ``params`` hold every firm-event; ``aar``, ``caar`` and ``tests``
    the pool (the stocks: an ETF or basket holds them and would count them twice); the
    ``group_*`` frames each group, ``group_difference`` the long-short tests, and the
    ``pool*`` frames each pool of events (:mod:`reequity.study.pools`).
    """
    # lazy: grouped and pools build their frames with this module's frame builders
    from reequity.study.grouped import group_frames
    from reequity.study.pools import pool_frames

    g, taus = runs.grouping, panel.taus[a.span]
    return EventStudyResults(
        ar=_ar_frame(panel, a, flags),
        car=_car_frame(spec, a, g, flags),
        aar=aar_frame(taus, runs.pooled),
        caar=caar_frame(spec, runs.pooled),
        tests=tests_frame(spec, taus, runs.pooled),
        issues=issues_frame(issues),
        params=a.params,
        settings=_settings(spec, a, g),
        **group_frames(spec, taus, runs),
        **pool_frames(spec, taus, a, runs),
        spec=spec,
    )
