"""A plain vectorised-numpy floor of the engine's main case (not a test; run by hand).

    python benchmarks/bench_floor.py            # floor vs engine, dates 50 vs 5, 100k vs 1k
    python benchmarks/bench_floor.py --quick    # floor vs engine only
    python benchmarks/bench_floor.py --dates    # 50 vs 5 dates only (with and without cleaning)

(each twice: default malloc, then malloc reusing freed memory; see Timing below)

The floor does the engine's main case (issue 15) with nothing but numpy on a complete
SYNTHETIC panel (bench_engine.synthetic_panel: 200 firms x 5 dates x 2,500 days, market
model, estimation -250..-11, window -5..5): gather the returns into event time
(firm-events x L taus), the closed-form market model over the estimation window, AR,
SAR, CAR, SCAR, and these tests per event date and pooled (ALL), textbook convention:

    t_cs, brown_warner_1980, cda, patell, adjusted_patell, bmp, kolari_pynnonen,
    sign, generalized_sign, corrado_rank, modified_rank, corrado_sign, grank

(left out: lamb, wilcoxon, portfolio and the bootstrap). It assumes what holds on the
benchmark panel and is checked, not assumed: no missing return, every event date's
firms are the same columns, no tied ARs. The engine runs with ``clean_estimation=False``
and the same tests, so both do the same job; the floor's CARs, statistics and p-values
are asserted equal to the engine's (1e-10) before anything is timed.

Timing: both in one process, one BLAS thread, interleaved (engine, floor, engine,
floor, ...), best of k in CPU seconds of the process (``time.process_time``: steadier
than wall time on the shared machine, where other processes take the cores), with the
load average printed beside each figure. Pin to one core with ``taskset -c 0``.

Every figure is printed twice: with glibc's default malloc, then from a child process
(this script re-executed) with ``MALLOC_MMAP_THRESHOLD_`` and ``MALLOC_TRIM_THRESHOLD_``
at 1 GB for both sides. By default glibc maps each large temporary afresh and the kernel
zero-fills its pages on first touch (thousands of minor page faults per run, about half
of the floor's CPU time); with the thresholds raised, freed memory is reused, so the
second figure compares the two sides' own compute, like for like.
"""

# ruff: noqa: E402  (BLAS threads are set before numpy is imported)
from __future__ import annotations

import os

# one BLAS thread, set before numpy loads: on the shared 2-core machine a threaded
# OpenBLAS makes the small products of the battery up to 10x slower (both sides alike)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import subprocess
import sys
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view
from scipy import special

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_engine import synthetic_events, synthetic_panel

from reequity.errors import ReequityWarning
from reequity.study.engine import event_study
from reequity.study.results import EventStudyResults
from reequity.study.statistics import TESTS

FLOOR_TESTS = [
    "t_cs", "brown_warner_1980", "cda", "patell", "adjusted_patell", "bmp", "kolari_pynnonen",
    "sign", "generalized_sign", "corrado_rank", "modified_rank", "corrado_sign", "grank",
]  # fmt: skip
ALL_BUT_BOOT = [t for t in TESTS if t != "bootstrap"]
EST, WIN = (-250, -11), (-5, 5)
TOL = 1e-10
# glibc malloc kept from returning memory to the kernel (no fresh pages, no page faults)
MALLOC_REUSE = {"MALLOC_MMAP_THRESHOLD_": str(2**30), "MALLOC_TRIM_THRESHOLD_": str(2**30)}


# ---------------------------------------------------------------- the floor (numpy only)


def _norm_p(z: np.ndarray) -> np.ndarray:
    return 2.0 * special.ndtr(-np.abs(z))


def _t_p(t: np.ndarray, df: np.ndarray | float) -> np.ndarray:
    return 2.0 * special.stdtr(df, -np.abs(t))


def _cs_t(x: np.ndarray) -> np.ndarray:
    """Cross-sectional t over axis -2 (firms) of (..., n, C)."""
    n = x.shape[-2]
    mean = x.mean(axis=-2)
    sd = x.std(axis=-2, ddof=1)
    return mean / (sd / np.sqrt(n))


def floor(
    vals: np.ndarray, mkt: np.ndarray, day0: np.ndarray
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The main case in numpy: CARs (D, F) and {test: statistic (D + 1, E + 1)}.

    ``vals`` (days, F) firm returns, ``mkt`` (days,) market returns, ``day0`` (D,) the
    row of each event date. Row D of every statistic is the pool (ALL); columns are the
    span days then the window.
    """
    taus = np.arange(EST[0], WIN[1] + 1)
    n_l = len(taus)
    est = slice(0, EST[1] - EST[0] + 1)  # estimation taus are the first M columns
    span = slice(n_l - (WIN[1] - WIN[0] + 1), n_l)  # span = the one window = last E taus
    n_m, n_e = est.stop, span.stop - span.start
    n_d, n_f = len(day0), vals.shape[1]
    # gather: (D, F, L) event-time returns, (D, L) market (shared by all firms)
    starts = day0 + taus[0]
    ret = sliding_window_view(np.ascontiguousarray(vals.T), n_l, axis=1)[:, starts]
    ret = np.ascontiguousarray(ret.transpose(1, 0, 2))
    m = sliding_window_view(mkt, n_l)[starts]
    # market model, closed form over the estimation taus
    me = m[:, est]
    mbar = me.mean(axis=1)
    dm = me - mbar[:, None]
    sxx = np.einsum("dm,dm->d", dm, dm)
    ye = ret[:, :, est]
    ybar = ye.mean(axis=2)
    dy = ye - ybar[:, :, None]
    sxy = np.einsum("dfm,dm->df", dy, dm)
    syy = np.einsum("dfm,dfm->df", dy, dy)
    beta = sxy / sxx[:, None]
    sigma = np.sqrt(np.maximum(syy - beta * sxy, 0.0) / (n_m - 2))
    alpha = ybar - beta * mbar[:, None]
    ar = ret - (alpha[:, :, None] + beta[:, :, None] * m[:, None, :])  # (D, F, L)
    # SAR with the forecast-error factor, CAR and SCAR (Campbell, Lo, MacKinlay 4.4)
    dev = m[:, span] - mbar[:, None]
    c = 1.0 + 1.0 / n_m + dev**2 / sxx[:, None]  # (D, E)
    ar_s = ar[:, :, span]
    sar = ar_s / (sigma[:, :, None] * np.sqrt(c)[:, None, :])
    car = ar_s.sum(axis=2)
    scar = car / (sigma * np.sqrt(n_e + n_e**2 / n_m + (dev.sum(axis=1) ** 2 / sxx)[:, None]))
    # groups: each event date (D of F firms) and ALL (D * F); columns span days + window
    x_ar = np.concatenate([ar_s, car[:, :, None]], axis=2)  # (D, F, E + 1)
    x_sar = np.concatenate([sar, scar[:, :, None]], axis=2)
    flat = (n_d * n_f, n_e + 1)

    def both(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
        return np.concatenate([f(x), f(x.reshape(flat))[None]], axis=0)

    n_g = np.array([n_f] * n_d + [n_d * n_f], dtype=float)[:, None]
    out: dict[str, np.ndarray] = {}
    out["t_cs"] = both(_cs_t, x_ar)
    # Brown-Warner 1980: sqrt(sum_i S_i^2 L) / N; L = 1 per day, window length
    lw = np.r_[np.ones(n_e), n_e]
    s2 = np.r_[(sigma**2).sum(axis=1), (sigma**2).sum()][:, None]
    out["brown_warner_1980"] = both(lambda x: x.sum(axis=-2), x_ar) / np.sqrt(s2 * lw)
    # CDA (Brown and Warner 1985) on the AAR series over all taus
    aar = np.concatenate([ar.mean(axis=1), ar.mean(axis=(0, 1))[None]], axis=0)  # (D+1, L)
    sd_aar = aar[:, est].std(axis=1, ddof=1)[:, None]
    out["cda"] = (
        np.concatenate(
            [aar[:, span], aar[:, span].sum(axis=1, keepdims=True) / np.sqrt(n_e)], axis=1
        )
        / sd_aar
    )
    # Patell: sum SAR / sqrt(N v), v = dof / (dof - 2); BMP: cs t of SAR
    v = (n_m - 2) / (n_m - 4)
    out["patell"] = both(lambda x: x.sum(axis=-2), x_sar) / np.sqrt(n_g * v)
    out["bmp"] = both(_cs_t, x_sar)
    # Kolari-Pynnonen: mean cross-correlation of standardized estimation ARs
    e_ar = ar[:, :, est]
    e_mu = e_ar.mean(axis=2)
    e_dev = e_ar - e_mu[:, :, None]
    e_var = np.einsum("dfm,dfm->df", e_dev, e_dev) / (n_m - 1)
    col = np.einsum("dfm,df->dm", e_dev, 1.0 / np.sqrt(e_var))  # sum_i u_it per date
    col = np.concatenate([col, col.sum(axis=0)[None]], axis=0)
    nn = n_g[:, 0]
    rbar = (np.einsum("gm,gm->g", col, col) - nn * (n_m - 1)) / ((n_m - 1) * nn * (nn - 1))
    kp = np.sqrt((1 - rbar) / (1 + (nn - 1) * rbar))[:, None]
    out["adjusted_patell"] = out["patell"] * kp
    out["kolari_pynnonen"] = out["bmp"] * kp
    # sign tests; generalized sign with p = mean share of positive estimation ARs
    pos = both(lambda x: (x > 0).sum(axis=-2), x_ar)
    out["sign"] = (pos - 0.5 * n_g) / np.sqrt(0.25 * n_g)
    share = (e_ar > 0).sum(axis=2) / n_m
    p = np.r_[share.mean(axis=1), share.mean()][:, None]
    out["generalized_sign"] = (pos - n_g * p) / np.sqrt(n_g * p * (1 - p))
    # rank tests on estimation + span taus (T of them): one argsort per firm-event gives
    # the ranks, the ranks among the estimation taus (GRANK) and the median
    full = np.concatenate([e_ar, ar_s], axis=2).reshape(-1, n_m + n_e)  # (n, T)
    n, n_t = full.shape
    order = np.argsort(full, axis=1)
    flat_idx = (order + (np.arange(n) * n_t)[:, None]).ravel()
    ranks = np.empty(n * n_t)
    ranks[flat_idx] = np.tile(np.arange(1.0, n_t + 1), n)
    e_rank = np.empty(n * n_t)
    e_rank[flat_idx] = np.cumsum(order < n_m, axis=1).ravel()  # rank among estimation
    e_rank = e_rank.reshape(n, n_t)[:, :n_m].reshape(n_d, n_f, n_m)
    srt = full.ravel()[flat_idx].reshape(n, n_t)
    median = 0.5 * (srt[:, (n_t - 1) // 2] + srt[:, n_t // 2])
    assert (srt[:, 1:] > srt[:, :-1]).all(), "the floor assumes no tied ARs"
    ranks = ranks.reshape(n_d, n_f, n_t)
    gsign = np.sign(full - median[:, None]).reshape(n_d, n_f, n_t)
    full = full.reshape(n_d, n_f, n_t)

    def standardized(k: np.ndarray, scale: np.ndarray) -> np.ndarray:
        """(D+1, E+1): daily k_t / S and window sum / (sqrt(E) S), S over all T taus."""
        k = np.concatenate([k.sum(axis=1), k.sum(axis=(0, 1))[None]], axis=0) / scale
        sd = np.sqrt((k**2).sum(axis=1) / n_t)[:, None]
        daily = k[:, n_m:] / sd
        return np.concatenate([daily, daily.sum(axis=1, keepdims=True) / np.sqrt(n_e)], axis=1)

    out["corrado_rank"] = standardized(ranks - 0.5 * (n_t + 1), n_g)
    out["modified_rank"] = standardized(ranks / (n_t + 1) - 0.5, np.sqrt(n_g))
    out["corrado_sign"] = standardized(gsign, np.sqrt(n_g))
    # GRANK (Kolari and Pynnonen 2011): v restandardized within the group, appended to
    # the estimation SARs AR / S_i; its rank among the M + 1 values shifts by one every
    # estimation rank above it: per column, count firms with SAR_it > v_i (a float32
    # 0/1 mask summed over firms by BLAS; counts up to 2**24 are exact)
    e_sar = (e_ar / sigma[:, :, None]).reshape(n, n_m)
    e_rank_sum = e_rank.sum(axis=1)  # (D, M)
    sd_g = x_sar.std(axis=1, ddof=1)  # (D, C)
    sd_all = x_sar.reshape(flat).std(axis=0, ddof=1)
    big_t, w = n_m + 1, 1.0 / (n_m + 2)
    mask = np.empty((n, n_m), dtype=np.float32)
    ones = np.ones((n_d, 1, n_f), dtype=np.float32)
    stats_g = []
    for vv in ((x_sar / sd_g[:, None, :]).reshape(flat), x_sar.reshape(flat) / sd_all):
        moved = np.empty((n_e + 1, n_d, n_m))
        for c in range(n_e + 1):  # columns: span days and the window
            np.greater(e_sar, vv[:, c, None], out=mask, casting="unsafe")
            moved[c] = (ones @ mask.reshape(n_d, n_f, n_m))[:, 0]
        pooled = len(stats_g) == 1
        if pooled:
            moved, base, k = moved.sum(axis=1, keepdims=True), e_rank_sum.sum(axis=0), n
        else:
            base, k = e_rank_sum, n_f
        # sum_i rank of v_i = sum_i (1 + M - #{t: SAR_it > v_i})
        u0 = ((1 + n_m) * k - moved.sum(axis=2)) * w / k - 0.5  # (C, G)
        ubar = (base[None] + moved) * w / k - 0.5  # (C, G, M)
        z = u0 / np.sqrt(((ubar**2).sum(axis=2) + u0**2) / big_t)
        stats_g.append((z * np.sqrt((big_t - 2) / (big_t - 1 - z**2))).T)
    out["grank"] = np.concatenate(stats_g, axis=0)
    # p-values: normal or Student t as in the papers
    df = {
        "t_cs": n_g - 1, "bmp": n_g - 1, "kolari_pynnonen": n_g - 1,
        "brown_warner_1980": n_m - 2.0, "cda": n_m - 1.0, "grank": big_t - 2.0,
    }  # fmt: skip
    pvals = {k: (_t_p(s, df[k]) if k in df else _norm_p(s)) for k, s in out.items()}
    return car, {**out, **{f"{k}_p": p for k, p in pvals.items()}}


# ------------------------------------------------------------------ the engine, checked


def run_engine(
    returns: pd.DataFrame, events: pd.DataFrame, tests: list[str], clean: bool = False
) -> EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        return event_study(
            returns, events, benchmark="MKT", estimation=EST, windows=[WIN], tests=tests,
            clean_estimation=clean,
        )  # fmt: skip


def floor_inputs(returns: pd.DataFrame, events: pd.DataFrame) -> tuple[np.ndarray, ...]:
    """What the floor reads, outside the timed part: returns, market, day-0 rows."""
    vals = returns.drop(columns="MKT").to_numpy()
    assert np.isfinite(vals).all(), "the floor assumes a complete panel"
    day0 = returns.index.searchsorted(events["date"].to_numpy())
    return vals, returns["MKT"].to_numpy(), day0


def check(returns: pd.DataFrame, events: pd.DataFrame, tol: float = TOL) -> int:
    """Assert the floor equals the engine (CARs, statistics, p-values); return #values."""
    res = run_engine(returns, events, FLOOR_TESTS)
    car, out = floor(*floor_inputs(returns, events))
    ok = np.isclose(res.car["car"].to_numpy(), car.ravel(), rtol=tol, atol=tol)
    assert ok.all(), f"CAR differs: {np.abs(res.car['car'].to_numpy() - car.ravel()).max()}"
    checked = car.size
    t = res.tests
    groups = [*events["event_id"], "ALL"]
    for name in FLOOR_TESTS:
        rows = t[t["test"] == name].set_index("event_id").loc[groups]
        for col, key in (("statistic", name), ("pvalue", f"{name}_p")):
            eng = rows[col].to_numpy().reshape(len(groups), -1)
            got = out[key]
            diff = np.abs(eng - got).max()
            assert np.allclose(eng, got, rtol=tol, atol=tol), f"{key} differs by {diff:.3g}"
            checked += eng.size
    return checked


# ------------------------------------------------------------------------------ timing


def malloc_label() -> str:
    """Which malloc setting this process runs with (both sides alike)."""
    if all(os.environ.get(k) == v for k, v in MALLOC_REUSE.items()):
        return "malloc: mmap/trim thresholds 1 GB (freed memory reused, no first touch)"
    return "malloc: glibc default (large temporaries are fresh pages, first touch counted)"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def interleaved(runs: dict[str, Callable[[], object]], k: int) -> dict[str, float]:
    """Best of k CPU seconds for each callable, run in turn (A, B, A, B, ...) after one
    warm-up.

    Also ``"ratio"``: the median over rounds of the last callable's time over the
    first's, each pair run back to back (steadier than a ratio of bests under load).
    """
    for f in runs.values():
        f()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(k):
        for name, f in runs.items():
            t0 = time.process_time()
            f()
            times[name].append(time.process_time() - t0)
    best = {name: min(t) for name, t in times.items()}
    first, last = times[next(iter(runs))], times[list(runs)[-1]]
    best["ratio"] = float(np.median(np.array(last) / np.array(first)))
    return best


def main_case(k: int, tol: float) -> None:
    returns = synthetic_panel(200)
    events = synthetic_events(returns.index, 5)
    n = check(returns, events, tol)
    print(f"floor == engine on the main case: CARs, statistics and p-values ({n:,} values, "
          f"|diff| <= {tol:g} + {tol:g} |x|)")  # fmt: skip
    inputs = floor_inputs(returns, events)
    best = interleaved(
        {
            "floor": lambda: floor(*inputs),
            "engine": lambda: run_engine(returns, events, FLOOR_TESTS),
        },
        k,
    )
    print(f"main case 200 firms x 5 dates x 2500 days, {len(FLOOR_TESTS)} tests, best of {k}:")
    print(f"  engine {best['engine']:.4f} s  floor {best['floor']:.4f} s  "
          f"ratio {best['engine'] / best['floor']:.2f}x, median of pairs {best['ratio']:.2f}x "
          f"(goal <= 1.25x)  [{load()}]")  # fmt: skip


def dates_case(k: int) -> None:
    """1,000 firm-events as 50 dates of 20 firms vs 5 dates of 200 (engine): the floor's
    tests, every test but the bootstrap, then the floor's tests with the default
    cleaning of the estimation windows (the 50 dates put about six other events in each
    window, so missing days and unequal M_i; the 5 dates leave nothing to clean)."""
    r5, r50 = synthetic_panel(200), synthetic_panel(20)
    e5, e50 = synthetic_events(r5.index, 5), synthetic_events(r50.index, 50)
    cases = (
        ("13 tests", FLOOR_TESTS, False),
        ("all but bootstrap", ALL_BUT_BOOT, False),
        ("13 tests, default cleaning", FLOOR_TESTS, True),
    )
    for label, tests, clean in cases:
        best = interleaved(
            {
                "5": lambda tests=tests, clean=clean: run_engine(r5, e5, tests, clean),
                "50": lambda tests=tests, clean=clean: run_engine(r50, e50, tests, clean),
            },
            k,
        )
        print(
            f"1,000 firm-events, engine, {label}, best of {k}: 5 dates x 200 firms "
            f"{best['5']:.4f} s, 50 dates x 20 firms {best['50']:.4f} s, ratio "
            f"{best['50'] / best['5']:.2f}x, median of pairs {best['ratio']:.2f}x "
            f"(goal <= 1.3x)  [{load()}]"
        )


def scale_case(k: int) -> None:
    """100,000 firm-events (2,000 firms x 50 dates) vs 1,000 (200 x 5), engine."""
    r1, r100 = synthetic_panel(200), synthetic_panel(2000)
    e1, e100 = synthetic_events(r1.index, 5), synthetic_events(r100.index, 50)
    best = interleaved(
        {
            "1k": lambda: run_engine(r1, e1, FLOOR_TESTS),
            "100k": lambda: run_engine(r100, e100, FLOOR_TESTS),
        },
        k,
    )
    print(f"engine, best of {k}: 1,000 firm-events {best['1k']:.4f} s, 100,000 "
          f"{best['100k']:.2f} s, ratio {best['100k'] / best['1k']:.0f}x, median of pairs "
          f"{best['ratio']:.0f}x (goal <= 100x)  "
          f"[{load()}]")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="floor vs engine only")
    parser.add_argument("--dates", action="store_true", help="50 vs 5 dates only")
    parser.add_argument("-k", type=int, default=10, help="best of k (main case)")
    parser.add_argument("--tol", type=float, default=TOL, help="check tolerance (older engines)")
    parser.add_argument("--one-setting", action="store_true",
                        help="this process's malloc setting only (internal: the child run)")  # fmt: skip
    args = parser.parse_args()
    print(f"CPUs visible: {os.cpu_count()}  [{load()}]")
    print(malloc_label())
    if not args.dates:
        main_case(args.k, args.tol)
    if not args.quick:
        dates_case(args.k)
    if not (args.quick or args.dates):
        scale_case(2)
    if not args.one_setting:  # the same run again with malloc reusing freed memory
        sys.stdout.flush()
        child = [sys.executable, os.path.abspath(__file__), *sys.argv[1:], "--one-setting"]
        subprocess.run(child, env={**os.environ, **MALLOC_REUSE}, check=True)
