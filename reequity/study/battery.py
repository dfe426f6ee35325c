"""Run the test battery for every event and for the pooled sample ``ALL``.

Per-firm quantities that do not depend on the group (ranks, medians, sorted estimation
SARs, residual moments) are computed once; each group then works on views of them.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reequity.errors import StatisticWarning
from reequity.study.derive import Arrays
from reequity.study.statistics import TESTS, Sample, TestResult
from reequity.study.statistics.base import nan_colsum, nan_result
from reequity.study.statistics.parametric import mean_residual_correlation, residual_moments
from reequity.study.statistics.ranking import ranks_and_subset

__all__ = ["run_battery"]


def _lamb_cbar(a: Arrays, idx: np.ndarray, conv: str) -> np.ndarray:
    """Lamb's per-day factor: estudy2 uses the first firm's index and the mean M."""
    c = a.lamb_c[idx]
    if conv == "estudy2":
        m_mean = a.n_est[idx].mean()
        return c[0] - 1 / a.n_est[idx][0] + 1 / m_mean
    present = np.isfinite(a.ar[idx][:, a.span])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(present, c, 0).sum(axis=0) / present.sum(axis=0)


_NEEDS_RANKS = {"corrado_rank", "modified_rank", "grank"}
_NEEDS_RBAR = {"adjusted_patell", "kolari_pynnonen"}


@dataclass(frozen=True, slots=True)
class PerFirm:
    """Per-firm rank quantities; they do not depend on the group, so computed once."""

    ranks: np.ndarray  # (n, T) ranks over estimation + span days
    est_ranks: np.ndarray  # (n, M) ranks over estimation days (of AR and of AR / S_i)
    est_sorted: np.ndarray  # (n, M) AR / S_i sorted ascending, NaN last
    signs: np.ndarray  # (n, T) sign(AR - median AR)
    count: np.ndarray  # (n,) ARs on estimation + span taus
    e_mean: np.ndarray  # (n,) mean estimation AR (Kolari-Pynnonen correlation)
    e_sd: np.ndarray  # (n,) sd of estimation ARs, divisor M - 1


def _per_firm(a: Arrays, names: tuple[str, ...]) -> PerFirm:
    n = len(a.ar)
    empty = np.empty((n, 0))
    ranks = est_ranks = est_sorted = signs = empty
    count = np.zeros(n)
    if _NEEDS_RANKS & set(names) or "corrado_sign" in names:
        full = a.ar[:, a.full_cols]
        count = np.isfinite(full).sum(axis=1).astype(float)
        ranks, est_ranks, median = ranks_and_subset(full, ~a.in_span)
        if "corrado_sign" in names:
            signs = np.empty(full.shape, dtype=np.float32)
            for lo in range(0, n, 4096):  # blocks of rows: bounded temporaries
                b = slice(lo, lo + 4096)
                with np.errstate(invalid="ignore"):
                    signs[b] = np.sign(full[b] - median[b, None])
        del full
    if "grank" in names:
        est_sorted = np.empty((n, int(a.est.sum())))
        for lo in range(0, n, 4096):
            b = slice(lo, lo + 4096)
            with np.errstate(invalid="ignore", divide="ignore"):
                # sorting then dividing by S_i > 0 keeps the order: sorted AR / S_i
                est_sorted[b] = np.sort(a.ar[b][:, a.est], axis=1) / a.sigma[b, None]
    e_mean = e_sd = np.zeros(n)
    if _NEEDS_RBAR & set(names):
        e_mean, e_sd = residual_moments(a.ar, a.est)
    return PerFirm(ranks, est_ranks, est_sorted, signs, count, e_mean, e_sd)


def _as_slice(idx: np.ndarray) -> slice | np.ndarray:
    """A contiguous index as a slice, so group arrays are views, not copies."""
    if len(idx) and idx[-1] - idx[0] + 1 == len(idx):
        return slice(int(idx[0]), int(idx[-1]) + 1)
    return idx


def _sample(
    a: Arrays,
    idx: np.ndarray,
    conv: str,
    seed: int,
    per: PerFirm,
    names: tuple[str, ...],
) -> Sample:
    idx = _as_slice(idx)
    rbar = (
        mean_residual_correlation(a.ar[idx], a.est, per.e_mean[idx], per.e_sd[idx])
        if _NEEDS_RBAR & set(names)
        else np.nan
    )
    ar = a.ar[idx]
    total, n_all = nan_colsum(ar)
    with np.errstate(invalid="ignore", divide="ignore"):
        aar_all = total / n_all
    return Sample(
        ar=ar,
        est=a.est,
        span=a.span,
        win=a.win,
        sigma=a.sigma[idx],
        dof=a.dof[idx],
        n_est=a.n_est[idx],
        sar=a.sar[idx],
        car=a.car[idx],
        scar=a.scar[idx],
        cbar=_lamb_cbar(a, idx, conv),
        cluster=a.cluster[idx],
        full_count=per.count[idx],
        in_span=a.in_span,
        ranks=per.ranks[idx],
        est_sar_ranks=per.est_ranks[idx],
        est_sorted=per.est_sorted[idx],
        signs=per.signs[idx],
        rbar=rbar,
        aar_all=aar_all,
        n_all=n_all,
        convention=conv,
        seed=seed,
    )


def _run_one(name: str, sample: Sample, group: str) -> TestResult:
    """Run one test; a failure becomes NaN with a note and a StatisticWarning."""
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            res = TESTS[name](sample)
    except (ValueError, FloatingPointError, ZeroDivisionError, np.linalg.LinAlgError) as exc:
        res = nan_result(sample, f"could not be computed: {exc}")
    if res.note:
        warnings.warn(f"{name} for {group}: {res.note}", StatisticWarning, stacklevel=4)
    return res


def run_battery(
    a: Arrays, names: tuple[str, ...], conv: str, seed: int
) -> dict[str, dict[str, TestResult]]:
    """Run every selected test for each event group and for ``ALL``."""
    ids = a.params["event_id"].to_numpy()
    groups: dict[str, np.ndarray] = {str(e): np.flatnonzero(ids == e) for e in pd.unique(ids)}
    groups["ALL"] = np.arange(len(ids))
    out: dict[str, dict[str, TestResult]] = {}
    per = _per_firm(a, names)
    for g, idx in groups.items():
        if g == "ALL" and len(groups) == 2:  # one event: ALL is that event's sample
            out[g] = next(iter(out.values()))
            continue
        sample = _sample(a, idx, conv, seed, per, names)
        out[g] = {name: _run_one(name, sample, g) for name in names}
    return out
