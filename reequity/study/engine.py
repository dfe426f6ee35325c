"""The event-study engine: ``EventStudy(...).fit()`` and ``event_study(...)``.

Flow: validate windows -> put returns in event time (:mod:`.align`) -> fit the
expected-return model for all firm-events at once (:mod:`.models`) -> AR, SAR, CAR,
SCAR, BHAR -> the test battery per event and pooled (:mod:`.statistics`) -> tidy frames
(:mod:`.frames`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from reequity.errors import (
    ConfigurationError,
    InsufficientDataError,
    StatisticWarning,
)
from reequity.study.align import Panel, build_panel
from reequity.study.frames import assemble
from reequity.study.models import MODELS, Model, ModelFit, fit_model
from reequity.study.results import EventStudyResults
from reequity.study.statistics import TESTS, Sample, TestResult
from reequity.study.statistics.base import nan_colsum
from reequity.study.statistics.parametric import (
    mean_residual_correlation,
    residual_moments,
)
from reequity.study.statistics.ranking import ranks_and_subset
from reequity.study.windows import WindowSpec, make_window_spec

__all__ = ["EventStudy", "event_study", "Convention"]

Convention = Literal["textbook", "estudy2"]
Benchmark = str | pd.Series | Mapping[str, str] | None


@dataclass(frozen=True)
class EventStudy:
    """Specification of an event study; the constructor validates, ``fit()`` computes.

    Parameters are those of :func:`event_study`. Make a variant with
    ``dataclasses.replace(spec, model="dimson")``.
    """

    returns: pd.DataFrame
    events: pd.DataFrame
    benchmark: Benchmark
    model: Model = "market"
    estimation: tuple[int, int] = (-250, -11)
    windows: Sequence[tuple[int, int]] = ((-1, 1),)
    convention: Convention = "textbook"
    tests: str | Sequence[str] = "all"
    min_estimation: int | None = None
    calendars: Mapping[str, str] | None = None
    factors: pd.DataFrame | None = None
    price_limits: Mapping[str, float] | None = None
    confounders: pd.DataFrame | None = None
    seed: int = 0
    dimson_lags: int = 1
    window_spec: WindowSpec = field(init=False, repr=False)
    test_names: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "window_spec", make_window_spec(self.estimation, self.windows))
        object.__setattr__(self, "test_names", _test_names(self.tests))
        if self.model not in MODELS:
            raise ConfigurationError(
                f"model {self.model!r} is not known; valid: {', '.join(MODELS)}."
            )
        if self.convention not in get_args(Convention):
            raise ConfigurationError(
                f"convention {self.convention!r} is not known; valid: textbook, estudy2."
            )
        if not isinstance(self.returns, pd.DataFrame) or not isinstance(
            self.returns.index, pd.DatetimeIndex
        ):
            raise ConfigurationError(
                "returns must be a wide DataFrame with a DatetimeIndex (one column per "
                f"ticker); got {type(self.returns).__name__}. Use rq.load_returns(...)."
            )
        if self.benchmark is None and self.model not in ("constant_mean", "factor"):
            raise ConfigurationError(
                f"model {self.model!r} needs a benchmark; pass benchmark=<column name>, a "
                "Series or a mapping ticker -> column (or use model='constant_mean')."
            )
        if self.min_estimation is not None and self.min_estimation < 3:
            raise ConfigurationError(
                f"min_estimation={self.min_estimation} is too small; use at least 3."
            )
        if self.dimson_lags < 1:
            raise ConfigurationError(f"dimson_lags={self.dimson_lags}; use 1 or more.")

    def fit(self) -> EventStudyResults:
        """Run the study and return :class:`~reequity.study.results.EventStudyResults`."""
        spec = self.window_spec
        pad = {"dimson": self.dimson_lags, "scholes_williams": 1}.get(self.model, 0)
        panel = build_panel(
            self.returns,
            self.events,
            benchmark=self.benchmark,
            taus=spec.taus,
            pad=pad,
            calendars=self.calendars,
            factors=self.factors,
            date_taus=spec.span,
        )
        est = (spec.taus >= spec.estimation[0]) & (spec.taus <= spec.estimation[1])
        fit = fit_model(
            panel.ret,
            panel.bench,
            est,
            model=self.model,
            pad=pad,
            lags=self.dimson_lags,
            factors=panel.factors,
            convention=self.convention,
        )
        keep, issues = self._screen(panel, fit)
        arrays = _derive(panel, fit, est, spec, keep, self.convention)
        test_frames = _run_battery(arrays, self.test_names, self.convention, self.seed)
        return assemble(self, panel, arrays, test_frames, issues)

    def _screen(self, panel: Panel, fit: ModelFit) -> tuple[np.ndarray, list[dict[str, object]]]:
        """Drop firm-events with too few estimation observations, reporting each."""
        length = self.window_spec.estimation[1] - self.window_spec.estimation[0] + 1
        need = max(self.min_estimation or math.ceil(0.5 * length), fit.k + 3)
        keep = (fit.n_est >= need) & np.isfinite(fit.sigma) & (fit.sigma > 0)
        issues = list(panel.issues)
        for i in np.flatnonzero(~keep):
            issues.append(
                {
                    "event_id": panel.keys.at[i, "event_id"],
                    "ticker": panel.keys.at[i, "ticker"],
                    "kind": "dropped",
                    "message": f"{int(fit.n_est[i])} estimation observations (< {need}) or "
                    "no residual variance; firm-event dropped",
                }
            )
        if not keep.any():
            raise InsufficientDataError(
                f"no firm-event has {need} estimation observations in window "
                f"{self.window_spec.estimation}; load a longer history or lower min_estimation."
            )
        return keep, issues


def _test_names(tests: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(tests, str):
        tests = list(TESTS) if tests == "all" else [t.strip() for t in tests.split(",")]
    bad = [t for t in tests if t not in TESTS]
    if bad or not tests:
        raise ConfigurationError(
            f"unknown test(s) {bad or tests}; valid: 'all' or any of {', '.join(TESTS)}."
        )
    return tuple(dict.fromkeys(tests))


@dataclass(frozen=True, slots=True)
class Arrays:
    """Everything derived per firm-event (only the kept ones)."""

    keep: np.ndarray
    est: np.ndarray
    span: np.ndarray
    win: np.ndarray
    ret: np.ndarray  # (n, E) span taus
    expected: np.ndarray  # (n, E) span taus
    ar: np.ndarray  # (n, L)
    sar: np.ndarray
    car: np.ndarray
    scar: np.ndarray
    bhar: np.ndarray
    n_days: np.ndarray
    sigma: np.ndarray
    n_est: np.ndarray
    dof: np.ndarray
    lamb_c: np.ndarray  # (n, E) forecast-error factor used by Lamb
    cluster: np.ndarray
    params: pd.DataFrame
    full_cols: np.ndarray  # (L,) bool, estimation + span taus (what rank tests rank)
    in_span: np.ndarray  # (T,) span columns among ``full_cols``


def _estudy2_factor(panel: Panel, fit: ModelFit, est: np.ndarray) -> np.ndarray:
    """estudy2's correction: market mean and Sxx over every estimation day of the index."""
    L = panel.ret.shape[1]
    m = panel.bench[:, panel.pad : panel.pad + L]
    w = est[None, :] & np.isfinite(m)
    with np.errstate(invalid="ignore", divide="ignore"):
        mbar = np.where(w, m, 0).sum(axis=1) / w.sum(axis=1)
        sxx = np.where(w, (m - mbar[:, None]) ** 2, 0).sum(axis=1)
        return 1 + 1 / fit.n_est[:, None] + (m - mbar[:, None]) ** 2 / sxx[:, None]


def _derive(
    panel: Panel, fit: ModelFit, est: np.ndarray, spec: WindowSpec, keep: np.ndarray, conv: str
) -> Arrays:
    """AR, SAR, CAR, SCAR and BHAR for the kept firm-events."""
    taus = panel.taus
    lo, hi = spec.span
    span = np.flatnonzero((taus >= lo) & (taus <= hi))
    win = np.stack([(taus >= a) & (taus <= b) for a, b in spec.windows])
    if conv == "estudy2" and fit.kind == "market":
        c = _estudy2_factor(panel, fit, est)[:, span]
    else:
        c = fit.daily_factor(span)
    sig = fit.sigma
    ret_s, exp_s = panel.ret[:, span], fit.expected[:, span].copy()
    # AR = R - E[R] written into the expected-return buffer: one (n, L) array less
    ar = np.subtract(panel.ret, fit.expected, out=fit.expected)
    ar_s = ar[:, span]
    with np.errstate(invalid="ignore", divide="ignore"):
        sar = ar_s / (sig[:, None] * np.sqrt(c))
    fin = np.isfinite(ar_s)
    n_w, n = win.shape[0], ar.shape[0]
    car, scar, bhar, nd = (np.full((n, n_w), np.nan) for _ in range(4))
    for j, w in enumerate(win[:, span]):  # loop over windows only (they lie in the span)
        wf = fin & w[None, :]
        nd[:, j] = wf.sum(axis=1)
        car[:, j] = np.where(wf, ar_s, 0.0).sum(axis=1)
        var = sig**2 * (nd[:, j] + fit.quad(wf.astype(float), span))
        with np.errstate(invalid="ignore", divide="ignore"):
            scar[:, j] = car[:, j] / np.sqrt(var)
            gross = np.where(wf, 1 + ret_s, 1.0).prod(axis=1)
            gross_e = np.where(wf, 1 + exp_s, 1.0).prod(axis=1)
        bhar[:, j] = gross - gross_e
    empty = nd == 0
    car[empty], scar[empty], bhar[empty] = np.nan, np.nan, np.nan
    day0 = panel.keys["day0"].to_numpy().astype("datetime64[D]").astype(np.int64)
    params = pd.concat(
        [
            panel.keys[["event_id", "ticker"]],
            fit.params,
            pd.DataFrame({"sigma": sig, "n_est": fit.n_est}),
        ],
        axis=1,
    )
    k: slice | np.ndarray = slice(None) if keep.all() else keep  # views when nothing dropped
    cols = est.copy()
    cols[span] = True
    return Arrays(
        keep=keep,
        est=est,
        span=span,
        win=win,
        ret=ret_s[k],
        expected=exp_s[k],
        ar=ar[k],
        sar=sar[k],
        car=car[k],
        scar=scar[k],
        bhar=bhar[k],
        n_days=nd[k],
        sigma=sig[k],
        n_est=fit.n_est[k],
        dof=fit.n_est[k] - fit.k,
        lamb_c=c[k],
        cluster=day0[k],
        params=params[k].reset_index(drop=True),
        full_cols=cols,
        in_span=np.isin(np.flatnonzero(cols), span),
    )


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
        from reequity.study.statistics.base import nan_result

        res = nan_result(sample, f"could not be computed: {exc}")
    if res.note:
        warnings.warn(f"{name} for {group}: {res.note}", StatisticWarning, stacklevel=4)
    return res


def _run_battery(
    a: Arrays, names: tuple[str, ...], conv: str, seed: int, *, event_ids: np.ndarray | None = None
) -> dict[str, dict[str, TestResult]]:
    """Run every selected test for each event group and for ``ALL``."""
    ids = a.params["event_id"].to_numpy() if event_ids is None else event_ids
    groups: dict[str, np.ndarray] = {str(e): np.flatnonzero(ids == e) for e in pd.unique(ids)}
    groups["ALL"] = np.arange(len(ids))
    out: dict[str, dict[str, TestResult]] = {}
    per = _per_firm(a, names)
    for g, idx in groups.items():
        sample = _sample(a, idx, conv, seed, per, names)
        out[g] = {name: _run_one(name, sample, g) for name in names}
    return out


def event_study(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    benchmark: Benchmark,
    model: Model = "market",
    estimation: tuple[int, int] = (-250, -11),
    windows: Sequence[tuple[int, int]] = ((-1, 1),),
    convention: Convention = "textbook",
    tests: str | Sequence[str] = "all",
    min_estimation: int | None = None,
    calendars: Mapping[str, str] | None = None,
    factors: pd.DataFrame | None = None,
    price_limits: Mapping[str, float] | None = None,
    confounders: pd.DataFrame | None = None,
    seed: int = 0,
    **options: Any,
) -> EventStudyResults:
    """Run an event study on wide returns around dated events.

    Parameters
    ----------
    returns : DataFrame
        Wide returns: DatetimeIndex ``date``, one column per ticker (benchmarks included).
    events : DataFrame
        ``event_id``, ``date`` and optionally ``ticker``, ``time``, ``timezone``; with no
        ``ticker`` column each event applies to every non-benchmark column.
    benchmark : str, Series or Mapping
        Market return: a column of ``returns``, a Series, or a mapping ticker -> column.
    model : {"market", "constant_mean", "market_adjusted", "scholes_williams", "dimson", "factor"}
    estimation : (int, int), default (-250, -11)
        Inclusive estimation window in trading days; must end before every event window.
    windows : sequence of (int, int), default ((-1, 1),)
        Inclusive event windows, labelled ``"a:b"`` in results.
    convention : {"textbook", "estudy2"}
        ``textbook``: residual variance with divisor M - k and the full prediction-error
        variance for CARs (Campbell, Lo and MacKinlay 1997, ch. 4). ``estudy2``: copies
        the R package estudy2's formulas (divisor M - 1, pooled generalized-sign p, ...).
    tests : "all" or sequence of str
        Any of t_cs, brown_warner_1980, cda, lamb, patell, adjusted_patell, bmp,
        kolari_pynnonen, sign, generalized_sign, corrado_rank, modified_rank,
        corrado_sign, grank, wilcoxon, bootstrap, portfolio.
    min_estimation : int, optional
        Minimum estimation observations per firm-event (default half the estimation
        window); fewer drops the firm-event with a row in ``issues``.
    calendars : Mapping, optional
        Ticker -> exchange code (``XSHG``, ``XASX``, ``XNYS``...): event time counts that
        exchange's sessions and day 0 comes from ``reequity.data.calendars.day_zero``.
    factors : DataFrame, optional
        Factor returns by date for ``model="factor"``.
    price_limits : Mapping, optional
        Ticker -> daily price limit (0.10, 0.20): flags ``limit_hit`` when |ret| is
        within 0.5 percentage points of it.
    confounders : DataFrame, optional
        ``event_id``, ``date``, ``title`` of other events; one inside a window is
        reported in ``issues`` with a ConfounderWarning.
    seed : int, default 0
        Seed of the bootstrap.
    **options
        ``dimson_lags`` (default 1).

    Returns
    -------
    EventStudyResults
        Frames ``ar``, ``car``, ``aar``, ``caar``, ``tests``, ``issues``, ``params``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> idx = pd.bdate_range("2024-01-01", periods=300, name="date")
    >>> mkt = rng.normal(0, 0.01, 300)
    >>> rets = pd.DataFrame({"A": mkt + rng.normal(0, 0.01, 300),
    ...                      "B": mkt + rng.normal(0, 0.01, 300), "MKT": mkt}, index=idx)
    >>> ev = pd.DataFrame({"event_id": ["synthetic"], "date": [idx[280]]})
    >>> res = event_study(rets, ev, benchmark="MKT", estimation=(-200, -11), windows=[(0, 0)])
    >>> sorted(res.car["ticker"])
    ['A', 'B']
    """
    return EventStudy(
        returns,
        events,
        benchmark,
        model=model,
        estimation=estimation,
        windows=windows,
        convention=convention,
        tests=tests,
        min_estimation=min_estimation,
        calendars=calendars,
        factors=factors,
        price_limits=price_limits,
        confounders=confounders,
        seed=seed,
        **options,
    ).fit()
