"""Run the test battery for every event and for the pooled sample ``ALL``.

Firm-events are put in order of event (then calendar date of day 0), so every group is
a contiguous block of rows: its arrays are views, never copies. Per-firm quantities and
the per-group column sums come from one pass (:mod:`reequity.study.perfirm`).
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pandas as pd

from reequity.errors import StatisticWarning
from reequity.study.arrays import take_cols
from reequity.study.conventions import follows_estudy2
from reequity.study.derive import Arrays
from reequity.study.perfirm import PerFirm, per_firm
from reequity.study.result_table import ResultTable
from reequity.study.rowsums import row_sums
from reequity.study.statistics import TESTS, Sample, TestResult
from reequity.study.statistics.base import nan_result
from reequity.study.statistics.batch import Batch, from_results
from reequity.study.statistics.batched import BATCHED, Groups, batched_tests
from reequity.study.statistics.batched_extra import (
    bootstrap_groups,
    portfolio_groups,
    wilcoxon_groups,
)
from reequity.study.statistics.grank import grank_counts, grank_groups

__all__ = ["run_battery"]

# mean firm-events per event group up to which the groups are tested all at once: small
# groups pay a Python pass each; large ones do not, and the all-at-once (n, C)
# temporaries would cost first-touch page faults instead (measured at 100,000)
_BATCH_ROWS = 1024
_ROW_FIELDS = ("ar", "sar", "car", "scar", "sigma", "n_est", "dof", "lamb_c", "cluster")


def _needs(need: str, chosen: set[str]) -> bool:
    """Whether a chosen test reads an input the battery prepares only on demand (its
    registry entry's ``needs``: ``ranks``, ``rbar``)."""
    return any(need in TESTS.entry(name).needs for name in chosen)


def _lamb_cbar(a: Arrays, rows: slice, conv: str) -> np.ndarray:
    """Lamb's per-day factor: estudy2 uses the first firm's index and the mean M."""
    c = a.lamb_c[rows]
    if follows_estudy2(conv):
        m_mean = a.n_est[rows].mean()
        return c[0] - 1 / a.n_est[rows][0] + 1 / m_mean
    present = np.isfinite(take_cols(a.ar[rows], a.span))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(present, c, 0).sum(axis=0) / present.sum(axis=0)


def _rbar(per: PerFirm, col: np.ndarray, n_t: np.ndarray, rows: slice) -> float:
    """Mean pairwise correlation of estimation ARs (Kolari and Pynnonen 2010).

    With u_it = (AR_it - mean_i) / sd_i (missing -> 0) it is computed in O(N M) as
    r = sum_{i != j} sum_t u_it u_jt / sum_{i != j} (M_ij - 1), M_ij the days firms i and
    j share: numerator (sum_t (sum_i u_it)^2 - sum_i (M_i - 1)), denominator
    (sum_t n_t (n_t - 1) - N (N - 1)) with n_t the firms present on day t. For a balanced
    panel this is (M - 1) N (N - 1); with cleaned (or suspended) days each pair counts
    only the days it shares.
    """
    m = per.kp_m[rows]
    n = int(np.isfinite(m).sum())
    if n < 2 or np.nanmax(m, initial=0) < 3:
        return float("nan")
    cross = col @ col - np.nansum(m - 1)
    pairs = float((n_t * (n_t - 1)).sum()) - n * (n - 1)
    return float(cross / pairs) if pairs > 0 else float("nan")


def _sample(
    a: Arrays, per: PerFirm, rows: slice, sums: dict[str, np.ndarray], conv: str, seed: int
) -> Sample:
    """The group's Sample: views of the per-firm arrays and its precomputed sums.

    ``sums`` holds the group's ``cell_ar``/``cell_n`` (one row per calendar date of
    day 0), ``rank_sums``, ``kp_cols`` and ``est_wrank``.
    """
    cell_ar, cell_n = sums["cell_ar"], sums["cell_n"]
    total, n_all = cell_ar.sum(axis=0), cell_n.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        aar_all = total / n_all
    return Sample(
        ar_span=take_cols(a.ar[rows], a.span),
        est=a.est,
        span=a.span,
        win=a.win,
        sigma=a.sigma[rows],
        dof=a.dof[rows],
        n_est=a.n_est[rows],
        sar=a.sar[rows],
        car=a.car[rows],
        scar=a.scar[rows],
        cbar=_lamb_cbar(a, rows, conv),
        est_var=per.e_var[rows],
        est_pos=per.e_pos[rows],
        est_count=per.e_count[rows],
        aar_all=aar_all,
        n_all=n_all,
        cluster_ar=cell_ar,
        cluster_n=cell_n,
        in_span=a.in_span,
        rank_sums=sums["rank_sums"],
        full_count=per.count[rows],
        est_sar_ranks=per.est_ranks[rows],
        est_wrank=sums["est_wrank"],
        est_sorted=per.est_sorted[rows],
        rbar=_rbar(per, sums["kp_cols"], sums["kp_n"], rows),
        grank_counts=sums.get("grank_counts"),
        convention=conv,
        seed=seed,
    )


def _run_group(
    names: tuple[str, ...], sample: Sample, group: str, done: dict[str, TestResult]
) -> dict[str, TestResult]:
    """Run the tests on one group; a failure becomes NaN with a note and a StatisticWarning.

    ``done`` holds the group's results of tests already computed for every group at
    once (the same statistics, see :func:`_all_groups`).
    """
    out: dict[str, TestResult] = {}
    with np.errstate(all="ignore"), warnings.catch_warnings():  # once per group, not per test
        warnings.simplefilter("ignore", RuntimeWarning)
        for name in names:
            if name in done:
                out[name] = sample.memo[name] = done[name]  # memo: tests built on it
                continue
            try:
                out[name] = TESTS[name](sample)
            except (
                ValueError,
                FloatingPointError,
                ZeroDivisionError,
                np.linalg.LinAlgError,
            ) as exc:
                out[name] = nan_result(sample, f"could not be computed: {exc}")
    for name, res in out.items():
        if res.note:
            warnings.warn(f"{name} for {group}: {res.note}", StatisticWarning, stacklevel=3)
    return out


def _by_group(
    a: Arrays,
) -> tuple[Arrays, bool, list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Rows ordered by event (stable: a group keeps its firm-events' order).

    Returns the reordered arrays, whether they are a copy (the battery's own memory),
    group names, each row's group and cell codes (a cell is an event's firm-events
    sharing the calendar date of day 0), and each cell's group and day-0 date code.
    """
    # first-appearance order; on the column's own (Arrow) array: no object array
    group, names = pd.factorize(a.params["event_id"].array)
    day, _ = pd.factorize(a.cluster)
    copied = bool((np.diff(group) < 0).any())
    if copied:  # copy once so every group is a slice
        order = np.argsort(group, kind="stable")
        a = dataclasses.replace(a, **{f: getattr(a, f)[order] for f in _ROW_FIELDS})
        group, day = group[order], day[order]
    key = group.astype(np.int64) * (int(day.max(initial=0)) + 1) + day
    _, first, cell = np.unique(key, return_index=True, return_inverse=True)
    return a, copied, [str(x) for x in names], group, cell, group[first], day[first]


def _grank_groups(
    per: PerFirm,
    counts: tuple[np.ndarray, ...],
    bounds: np.ndarray,
    n_all: np.ndarray,
    wrank: np.ndarray,
    a: Arrays,
) -> Batch | None:
    """GRANK of the groups ``bounds`` at once; None if some group must be tested alone."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            return grank_groups(
                per.est_ranks, per.e_count, counts, bounds, n_all[:, a.est], wrank,
                a.sar.shape[1],
            )  # fmt: skip
        except (ValueError, FloatingPointError, ZeroDivisionError):
            return None  # each group on its own: failures become NaN there


def _batch(bounds: np.ndarray) -> bool:
    """Whether the event groups (row ``bounds``) are small enough to test all at once."""
    return bounds[-1] <= _BATCH_ROWS * max(len(bounds) - 1, 1)


def _group_rbar(per: PerFirm, bounds: np.ndarray, chosen: set[str]) -> np.ndarray:
    """Kolari-Pynnonen's mean correlation of each event group (NaN when not needed)."""
    if not _needs("rbar", chosen):
        return np.full(len(bounds) - 1, np.nan)
    # :func:`_rbar` of every group at once (groups are non-empty runs of rows): no
    # Python pass per event date
    starts = bounds[:-1]
    m = per.kp_m
    fin = np.isfinite(m)
    n = np.add.reduceat(fin.astype(float), starts)
    top = np.fmax.reduceat(np.where(fin, m, 0.0), starts)
    cross = np.einsum("gm,gm->g", per.kp_cols, per.kp_cols)
    cross -= np.add.reduceat(np.where(fin, m - 1, 0.0), starts)
    pairs = (per.kp_n * (per.kp_n - 1)).sum(axis=1) - n * (n - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = cross / pairs
    return np.where((n >= 2) & (top >= 3) & (pairs > 0), r, np.nan)


def _all_groups(
    a: Arrays,
    per: PerFirm,
    counts: tuple[np.ndarray, ...] | None,
    bounds: np.ndarray,
    cell_group: np.ndarray,
    chosen: set[str],
    conv: str,
) -> dict[str, Batch]:
    """Results of the tests computed for every event group at once (no loop over
    events): GRANK from the battery's searches and, in the textbook convention, the
    tests of :mod:`~reequity.study.statistics.batched`. One :class:`Batch` per test."""
    n_g = len(bounds) - 1
    done: dict[str, Batch] = {}
    if not _batch(bounds):
        return done
    n_all = row_sums(per.cell_n, cell_group, n_g)
    if not follows_estudy2(conv) and BATCHED & chosen and n_g > 1 and (np.diff(bounds) > 0).all():
        cell_ar = row_sums(per.cell_ar, cell_group, n_g)
        with np.errstate(invalid="ignore", divide="ignore"):
            aar_all = cell_ar / n_all
        g = Groups(
            starts=bounds[:-1], sizes=np.diff(bounds), ar_span=take_cols(a.ar, a.span),
            sar=a.sar, car=a.car, scar=a.scar, sigma=a.sigma, dof=a.dof,
            est_pos=per.e_pos, est_count=per.e_count, aar_all=aar_all, est=a.est,
            span=a.span, win=a.win, in_span=a.in_span, rank_sums=per.rank_sums,
            lamb_c=a.lamb_c, rbar=_group_rbar(per, bounds, chosen),
        )  # fmt: skip
        done.update(batched_tests(g, chosen))
    if n_g > 1 and (np.diff(bounds) > 0).all():  # neither depends on the convention
        _extra_groups(a, per, bounds, cell_group, chosen, done)
    if "grank" not in chosen or counts is None:
        return done
    width = a.sar.shape[1] + a.scar.shape[1]
    res = _grank_groups(per, tuple(c[:, :width] for c in counts), bounds, n_all,
                        per.est_wrank, a)  # fmt: skip
    if res is not None:
        done["grank"] = res
    return done


def _extra_groups(
    a: Arrays,
    per: PerFirm,
    bounds: np.ndarray,
    cell_group: np.ndarray,
    chosen: set[str],
    done: dict[str, Batch],
) -> None:
    """Wilcoxon and portfolio of every event group at once (:mod:`.batched_extra`)."""
    runs = {
        "wilcoxon": lambda: wilcoxon_groups(take_cols(a.ar, a.span), a.car, bounds[:-1]),
        "portfolio": lambda: portfolio_groups(
            per.cell_ar, per.cell_n, cell_group, len(bounds) - 1, a.est, a.span, a.win
        ),
    }
    e, w = len(a.span), a.win.shape[0]
    for name in sorted(chosen & set(runs)):
        with np.errstate(all="ignore"):
            done[name] = from_results(runs[name](), e, w)


def run_battery(
    a: Arrays, names: tuple[str, ...], conv: str, seed: int, *, scratch: bool = False
) -> ResultTable:
    """Run every selected test for each event group and for ``ALL``.

    ``scratch=True`` says the caller never reads ``a.ar``'s estimation columns again, so
    the battery may sort GRANK's estimation SARs in their memory (no (n, M) allocation).
    Otherwise ``a`` is left as it was: the pool and its groups often share one AR array,
    and a later run (a group, a pool, the group differences) must see the ARs.

    Returns the run's :class:`~reequity.study.result_table.ResultTable`: the tests
    computed for every group at once fill their rows as arrays; a group with a test
    left to compute, and ``ALL``, are tested on their own and fill their row.
    """
    a, copied, groups, group, cell, cell_group, cell_day = _by_group(a)
    chosen = set(names)
    per = per_firm(
        a, group, cell, len(cell_group),
        ranks=_needs("ranks", chosen),
        sorted_sar=("grank" in chosen),
        kp=_needs("rbar", chosen),
        overwrite=scratch or copied,
    )  # fmt: skip
    bounds = np.searchsorted(group, np.arange(len(groups) + 1))
    counts = None
    if "grank" in chosen:  # one binary search for every group and ALL
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            try:
                counts = grank_counts(a.sar, a.scar, per.est_sorted, per.e_count, bounds)
            except (ValueError, FloatingPointError, ZeroDivisionError):
                counts = None  # each group searches on its own, failures become NaN there
    width = a.sar.shape[1] + a.scar.shape[1]
    done = _all_groups(a, per, counts, bounds, cell_group, chosen, conv)
    if "bootstrap" in chosen and len(groups) > 1:  # equal-size groups share their draws
        with np.errstate(all="ignore"):
            boot = bootstrap_groups(take_cols(a.ar, a.span), a.car, bounds[:-1], seed)
        done["bootstrap"] = from_results(boot, len(a.span), a.win.shape[0])
    table = ResultTable.empty([*groups, "ALL"], list(names), len(a.span), a.win.shape[0])
    ok = np.zeros((len(names), len(groups)), dtype=bool)  # test x group: computed at once
    for t, name in enumerate(names):
        if name in done:
            table.put_batch(t, done[name])
            ok[t] = done[name].ok
    for g in np.flatnonzero(~ok.all(axis=0)).tolist():  # groups with a test left to run
        cells = cell_group == g
        rows = slice(int(bounds[g]), int(bounds[g + 1]))
        sums = {
            "grank_counts": None if counts is None else tuple(c[rows, :width] for c in counts),
            "cell_ar": per.cell_ar[cells],
            "cell_n": per.cell_n[cells],
            "rank_sums": per.rank_sums[g],
            "kp_cols": per.kp_cols[g],
            "kp_n": per.kp_n[g],
            "est_wrank": per.est_wrank[g],
        }
        sample = _sample(a, per, rows, sums, conv, seed)
        have = {name: done[name].result(g) for t, name in enumerate(names) if ok[t, g]}
        table.put(g, _run_group(names, sample, groups[g], have))
    if len(groups) == 1:  # one event: ALL is that event's sample
        table.copy_row(0, 1)
        return table
    # ALL: firm-events whose day 0 is the same calendar date form one cluster
    days, inv = np.unique(cell_day, return_inverse=True)
    cell_ar = row_sums(per.cell_ar, inv.ravel(), len(days))
    cell_n = row_sums(per.cell_n, inv.ravel(), len(days))
    sums = {
        "grank_counts": None if counts is None else tuple(c[:, width:] for c in counts),
        "cell_ar": cell_ar,
        "cell_n": cell_n,
        "rank_sums": per.rank_sums.sum(axis=0),
        "kp_cols": per.kp_cols.sum(axis=0),
        "kp_n": per.kp_n.sum(axis=0),
        "est_wrank": per.est_wrank.sum(axis=0),
    }
    pooled = _sample(a, per, slice(0, len(group)), sums, conv, seed)
    done_all: dict[str, TestResult] = {}
    if counts is not None and _batch(bounds):
        res = _grank_groups(
            per, tuple(c[:, width:] for c in counts), np.array([0, len(group)]),
            cell_n[None].sum(axis=1), sums["est_wrank"][None], a,
        )  # fmt: skip
        done_all = {"grank": res.result(0)} if res is not None else {}
    table.put(len(groups), _run_group(names, pooled, "ALL", done_all))
    return table
