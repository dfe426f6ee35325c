"""Whole-market event studies in blocks of event dates, with bounded memory.

``event_study_blocks`` gives the numbers of :func:`reequity.study.engine.event_study`
for the studies it covers (equal to 1e-10, tests/study/test_blocks.py) without holding
the (firm-events x taus) arrays of the whole study: the firm-events are read in blocks
of event dates into buffers allocated once, each block is reduced to per-event
sufficient statistics (:mod:`reequity.study.blockstats`), and the pooled ``ALL`` tests
combine them. Only GRANK needs a second pass over the blocks (see blockstats).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, InsufficientDataError, UnknownTickerError
from reequity.study.align import _check_range, normalize_events
from reequity.study.blockframes import car_frame, tests_frame
from reequity.study.blockstats import Layout, Sums, grank_moved, grank_statistic, row_sums
from reequity.study.blockstats import statistics as block_statistics
from reequity.study.statistics.ranking import rank_rows
from reequity.study.windows import make_window_spec

__all__ = ["BLOCK_TESTS", "BlockResults", "event_study_blocks"]

#: tests :func:`event_study_blocks` computes (all but lamb, wilcoxon, bootstrap, portfolio)
BLOCK_TESTS: tuple[str, ...] = (
    "t_cs", "brown_warner_1980", "cda", "patell", "adjusted_patell", "bmp", "kolari_pynnonen",
    "sign", "generalized_sign", "corrado_rank", "modified_rank", "corrado_sign", "grank",
)  # fmt: skip
_TARGET_ROWS = 8192  # firm-events per block by default: (rows, taus) buffers of ~17 MB


@dataclass(frozen=True, slots=True)
class BlockResults:
    """``car``: one row per firm-event and window (as ``EventStudyResults.car`` without
    kind/group/pooled); ``tests``: per event and ``ALL``, one row per test, window and
    tau (tau missing for the window test), as ``EventStudyResults.tests``."""

    car: pd.DataFrame
    tests: pd.DataFrame


@dataclass(frozen=True, slots=True)
class _Study:
    """The firm-events in block order and what each block reads."""

    vals_t: np.ndarray  # (tickers, days) returns, one contiguous row per ticker
    mkt: np.ndarray  # (days,) benchmark returns
    event_ids: list[str]  # in block order
    bounds: np.ndarray  # (events + 1,) first row of each event
    first: np.ndarray  # (events,) data row of each event's first tau
    cols: np.ndarray  # (n,) ticker row in vals_t per firm-event
    blocks: list[range]  # events of each block
    keys: pd.DataFrame  # event_id, ticker, pos (day 0 row) per firm-event, block order


def _scope(
    model: str, convention: str, benchmark: object, tests: str | Sequence[str], options: dict
) -> tuple[str, ...]:
    """Raise a clear error for anything outside the block engine's scope."""
    if options:
        raise ConfigurationError(
            f"event_study_blocks does not take {sorted(options)}: it covers the market model "
            "on a complete panel, one benchmark column, no calendars, no cleaning; use "
            "event_study(...) for anything else."
        )
    if model != "market" or convention != "textbook":
        raise ConfigurationError(
            f"event_study_blocks covers model='market', convention='textbook' only (got "
            f"{model!r}, {convention!r}); use event_study(...)."
        )
    if not isinstance(benchmark, str):
        raise ConfigurationError(
            "event_study_blocks takes the benchmark as one column name of returns; use "
            "event_study(...) for a Series or a per-ticker mapping."
        )
    names = list(BLOCK_TESTS) if tests == "all" else (
        [t.strip() for t in tests.split(",")] if isinstance(tests, str) else list(tests)
    )  # fmt: skip
    bad = [t for t in names if t not in BLOCK_TESTS]
    if bad or not names:
        raise ConfigurationError(
            f"test(s) {bad or names} are not computed in blocks; choose from "
            f"{', '.join(BLOCK_TESTS)} (lamb, wilcoxon, bootstrap and portfolio need "
            "event_study(...))."
        )
    return tuple(dict.fromkeys(names))


def _prepare(
    returns: pd.DataFrame, events: pd.DataFrame, benchmark: str, taus: np.ndarray,
    block_dates: int | None,
) -> _Study:  # fmt: skip
    if not isinstance(returns, pd.DataFrame) or not isinstance(returns.index, pd.DatetimeIndex):
        raise ConfigurationError("returns must be a wide DataFrame with a DatetimeIndex.")
    index = pd.DatetimeIndex(returns.index)
    index = (index.tz_localize(None) if index.tz is not None else index).normalize()
    if not (index.is_monotonic_increasing and index.is_unique):
        raise ConfigurationError("returns index must be increasing dates without duplicates.")
    cols = [str(c) for c in returns.columns]
    if benchmark not in cols:
        raise UnknownTickerError(f"benchmark {benchmark!r} is not a column of returns.")
    tickers = [c for c in cols if c != benchmark]
    ev = normalize_events(events, tickers)
    if ev["time"].notna().any() or ev["timezone"].notna().any():
        raise ConfigurationError(
            "event_study_blocks takes event dates only (day 0 = first trading day on or "
            "after the date); events with a time or timezone need event_study(...)."
        )
    _check_range(ev, index)
    ev["pos"] = index.searchsorted(ev["date"].to_numpy(), side="left")
    spread = ev.groupby("event_id", sort=False)["pos"].nunique()
    if (spread > 1).any():  # an event must lie in one block (its sums are merged there)
        raise ConfigurationError(
            f"event {spread.index[spread.to_numpy() > 1][0]!r} has firm-events on several "
            "day-0 dates; event_study_blocks needs one date per event id (give each date "
            "its own id, or use event_study(...))."
        )
    ev = ev.sort_values(["pos", "event_id"], kind="stable", ignore_index=True)
    first = ev["pos"].to_numpy() + int(taus[0])
    if (first < 0).any() or (first + len(taus) > len(index)).any():
        bad = ev.iloc[int(np.flatnonzero((first < 0) | (first + len(taus) > len(index)))[0])]
        raise InsufficientDataError(
            f"event {bad['event_id']} ({bad['date'].date()}): taus {taus[0]}..{taus[-1]} run "
            "past the data; event_study_blocks needs every firm-event's returns complete."
        )
    code, event_ids = pd.factorize(ev["event_id"], sort=False)
    bounds = np.r_[np.flatnonzero(np.r_[True, code[1:] != code[:-1]]), len(ev)]
    ev_first = first[bounds[:-1]]
    sizes = np.diff(bounds)
    dates, date_of = np.unique(ev_first, return_inverse=True)
    per_date = np.bincount(date_of, weights=sizes)
    step = block_dates or max(1, int(_TARGET_ROWS // max(per_date.max(), 1)))
    if step < 1:
        raise ConfigurationError(f"block_dates={block_dates}; use 1 or more.")
    block_of = date_of // step
    edges = np.r_[0, np.flatnonzero(np.diff(block_of)) + 1, len(ev_first)]
    vals = returns.drop(columns=[benchmark]).to_numpy(dtype=float)
    mkt = returns[benchmark].to_numpy(dtype=float)
    return _Study(
        vals_t=np.ascontiguousarray(vals.T), mkt=mkt, event_ids=[str(e) for e in event_ids],
        bounds=bounds, first=ev_first,
        cols=pd.Index(tickers).get_indexer(ev["ticker"]),
        blocks=[range(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)],
        keys=ev[["event_id", "ticker", "pos"]],
    )  # fmt: skip


@dataclass(slots=True)
class _Buffers:
    """Block buffers, allocated once (no first touch of fresh (rows, taus) memory per block)."""

    ret: np.ndarray  # (rows, L) returns, then expected returns
    ar: np.ndarray  # (rows, L) abnormal returns
    x_ar: np.ndarray  # (rows, C) span ARs and CARs
    x_sar: np.ndarray  # (rows, C) span SARs and SCARs
    sigma: np.ndarray  # (rows,)
    mask: np.ndarray  # (rows, M) float32, GRANK comparisons


def _market_model(ye: np.ndarray, me: np.ndarray) -> tuple[np.ndarray, ...]:
    """OLS of each row of ``ye`` (firms, M) on one market series ``me`` (M,), as the
    engine's ``_fit_market``: alpha, beta, S (divisor M - 2), market mean and S_xx."""
    n_m = len(me)
    mb = me.sum() / n_m
    dm = me - mb
    sxx = dm @ dm
    ybar = ye.sum(axis=1) / n_m
    dy = ye - ybar[:, None]
    syy, sxy = np.einsum("ij,ij->i", dy, dy), dy @ dm
    beta = sxy / sxx
    sigma = np.sqrt(np.maximum(syy - beta * sxy, 0.0) / (n_m - 2))
    return ybar - beta * mb, beta, sigma, mb, sxx


def _fill(st: _Study, events: range, lay: Layout, buf: _Buffers) -> tuple[int, np.ndarray]:
    """Gather, fit and derive one block's firm-events into ``buf``; return rows, BHAR.

    The market model is fitted per event (its firms share one market series,
    :func:`_market_model`); SAR with the forecast-error factor and SCAR with the window's
    prediction-error variance (Campbell, Lo and MacKinlay 1997, 4.4).
    """
    n_l, n_m, n_e = buf.ret.shape[1], lay.n_m, lay.n_e
    base = int(st.bounds[events.start])
    rows = int(st.bounds[events.stop]) - base
    bhar = np.empty((rows, len(lay.win)))
    win_days = lay.win.sum(axis=1)
    span = slice(n_l - n_e, n_l)
    for e in events:
        lo, hi = int(st.bounds[e]) - base, int(st.bounds[e + 1]) - base
        f = int(st.first[e])
        ret, ar = buf.ret[lo:hi], buf.ar[lo:hi]
        np.take(st.vals_t[:, f : f + n_l], st.cols[base + lo : base + hi], axis=0, out=ret,
                mode="clip")  # fmt: skip
        m = st.mkt[f : f + n_l]
        if not (np.isfinite(ret).all() and np.isfinite(m).all()):
            raise InsufficientDataError(
                f"event {st.event_ids[e]}: a return or the benchmark is missing between taus "
                "of the study; event_study_blocks needs a complete panel (use event_study "
                "for suspensions and missing data)."
            )
        alpha, beta, sigma, mb, sxx = _market_model(ret[:, :n_m], m[:n_m])
        if not (sigma > 0).all():
            raise InsufficientDataError(
                f"event {st.event_ids[e]}: a firm-event has no residual variance (a constant "
                "series or an exact fit); event_study(...) drops and reports it."
            )
        np.multiply(beta[:, None], m[None, :], out=ar)
        ar += alpha[:, None]  # expected returns alpha + beta m
        for j, w in enumerate(lay.win):
            gross = (1 + ret[:, span][:, w]).prod(axis=1)
            bhar[lo:hi, j] = gross - (1 + ar[:, span][:, w]).prod(axis=1)
        np.subtract(ret, ar, out=ar)
        dev = m[span] - mb
        c = 1.0 + 1.0 / n_m + dev**2 / sxx
        ar_s = ar[:, span]
        buf.x_ar[lo:hi, :n_e] = ar_s
        np.divide(ar_s, sigma[:, None] * np.sqrt(c), out=buf.x_sar[lo:hi, :n_e])
        car = ar_s @ lay.win.T.astype(float)
        buf.x_ar[lo:hi, n_e:] = car
        quad = win_days**2 / n_m + (lay.win @ dev) ** 2 / sxx
        buf.x_sar[lo:hi, n_e:] = car / np.sqrt(sigma[:, None] ** 2 * (win_days + quad))
        buf.sigma[lo:hi] = sigma
    return rows, bhar


def _event_tests(
    sums: Sums, lay: Layout, names: tuple[str, ...], grank: tuple | None
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    out = {k: v for k, v in block_statistics(sums, lay).items() if k in names}
    if grank is not None:
        out["grank"] = grank
    return out


def event_study_blocks(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    benchmark: str,
    estimation: tuple[int, int] = (-250, -11),
    windows: Sequence[tuple[int, int]] = ((-1, 1),),
    tests: str | Sequence[str] = "all",
    block_dates: int | None = None,
    model: str = "market",
    convention: str = "textbook",
    **options: Any,
) -> BlockResults:
    """An event study read in blocks of event dates: per-firm CARs and the test battery.

    Scope (anything else raises :class:`~reequity.errors.ConfigurationError` or, for
    data, :class:`~reequity.errors.InsufficientDataError`): the market model, textbook
    convention, one benchmark column, day 0 from event dates (no times or calendars),
    no cleaning of the estimation window (``event_study(..., clean_estimation=False)``),
    every firm-event's returns complete from the estimation start to the last window day,
    and the tests of :data:`BLOCK_TESTS`. Within that scope every CAR, BHAR, SCAR,
    statistic and p-value equals ``event_study``'s (1e-10).

    Parameters
    ----------
    returns, events, benchmark, estimation, windows, tests
        As in :func:`reequity.study.engine.event_study` (``tests="all"`` = BLOCK_TESTS).
    block_dates : int, optional
        Event dates per block (default: as many as fit in about 8,192 firm-events).
        Memory is that of one block plus the per-firm outputs, whatever the study size.
    model, convention
        Only ``"market"`` and ``"textbook"``; present to give a clear error otherwise.

    Returns
    -------
    BlockResults
        ``car`` (event_id, ticker, window, start, end, n_days, car, bhar, scar) and
        ``tests`` (event_id, window, tau, test, statistic, pvalue, n_firms) for every
        event and ``ALL``. Pooled tests combine the events' sufficient statistics
        exactly; GRANK's pooled counts take a second pass over the blocks.
    """
    names = _scope(model, convention, benchmark, tests, options)
    spec = make_window_spec(estimation, windows)
    n_m = spec.estimation[1] - spec.estimation[0] + 1
    if n_m < 5:
        raise ConfigurationError(f"estimation window of {n_m} days; use at least 5.")
    taus = spec.taus
    span_taus = np.arange(spec.span[0], spec.span[1] + 1)
    lay = Layout(n_m, len(span_taus), np.stack([(span_taus >= a) & (span_taus <= b)
                                                for a, b in spec.windows]))  # fmt: skip
    st = _prepare(returns, events, benchmark, taus, block_dates)
    n, n_w = len(st.keys), len(lay.win)
    most = max(int(st.bounds[b.stop] - st.bounds[b.start]) for b in st.blocks)
    buf = _Buffers(
        np.empty((most, len(taus))), np.empty((most, len(taus))), np.empty((most, lay.n_c)),
        np.empty((most, lay.n_c)), np.empty(most), np.empty((most, n_m), dtype=np.float32),
    )  # fmt: skip
    car, bhar = np.empty((n, n_w)), np.empty((n, n_w))
    x_sar = np.empty((n, lay.n_c))  # kept for GRANK's pooled pass
    results, sums = _first_pass(st, lay, buf, names, (car, bhar, x_sar))
    pooled = reduce(Sums.merge, sums)
    if len(results) > 1:
        g_all = _pooled_grank(st, lay, buf, pooled, x_sar) if "grank" in names else None
        results.append(("ALL", pooled.n, _event_tests(pooled, lay, names, g_all)))
    else:  # one event: ALL is that event
        results.append(("ALL", *results[0][1:]))
    return BlockResults(
        car_frame(st.keys, returns.index, car, bhar, x_sar[:, lay.n_e :], lay.win, spec),
        tests_frame(results, names, lay.n_e, spec.labels, span_taus),
    )


def _first_pass(
    st: _Study, lay: Layout, buf: _Buffers, names: tuple[str, ...],
    out: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[list[tuple[str, float, dict]], list[Sums]]:  # fmt: skip
    """Every block once: per-firm outputs into ``out`` (CAR, BHAR, SAR/SCAR), and per
    event its sums and tests (GRANK with the event's own sd)."""
    car, bhar, x_sar = out
    n_m, n_l = lay.n_m, buf.ret.shape[1]
    full_cols = np.r_[np.arange(n_m), np.arange(n_l - lay.n_e, n_l)]  # estimation + span
    subset = np.arange(lay.n_t) < n_m
    results: list[tuple[str, float, dict]] = []
    sums: list[Sums] = []
    for blk in st.blocks:
        base = int(st.bounds[blk.start])
        rows, bh = _fill(st, blk, lay, buf)
        ar = buf.ar[:rows]
        full = ar[:, full_cols]
        ranks, est_ranks, median, _ = rank_rows(full, subset)  # the engine's ranks, ties too
        med = median[:, None]  # the panel is complete: sign(x - med) is two comparisons
        signs = np.subtract(full > med, full < med, dtype=np.float64)
        car[base : base + rows] = buf.x_ar[:rows, lay.n_e :]
        bhar[base : base + rows] = bh
        x_sar[base : base + rows] = buf.x_sar[:rows]
        for e in blk:
            r = slice(int(st.bounds[e]) - base, int(st.bounds[e + 1]) - base)
            s = row_sums(buf.x_ar[r], buf.x_sar[r], buf.sigma[r], ar[r, :n_m], ranks[r],
                         signs[r], est_ranks[r])  # fmt: skip
            g = None
            if "grank" in names:
                v = buf.x_sar[r] / s.sd_sar()
                moved = grank_moved(ar[r, :n_m] / buf.sigma[r, None], v, buf.mask)
                g = grank_statistic(moved, s.est_rank, s.n, n_m)
            sums.append(s)
            results.append((st.event_ids[e], s.n, _event_tests(s, lay, names, g)))
    return results, sums


def _pooled_grank(
    st: _Study, lay: Layout, buf: _Buffers, pooled: Sums, x_sar: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Second pass: the pooled GRANK re-standardizes by the pooled sd of SAR / SCAR, then
    each block (re-read into the same buffers) counts its estimation SARs above v."""
    sd_all, moved = pooled.sd_sar(), np.zeros((lay.n_c, lay.n_m))
    for blk in st.blocks:
        base = int(st.bounds[blk.start])
        rows, _ = _fill(st, blk, lay, buf)
        e_sar = buf.ar[:rows, : lay.n_m] / buf.sigma[:rows, None]
        moved += grank_moved(e_sar, x_sar[base : base + rows] / sd_all, buf.mask)
    return grank_statistic(moved, pooled.est_rank, pooled.n, lay.n_m)
