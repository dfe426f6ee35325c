"""The event-study engine: ``EventStudy(...).fit()`` and ``event_study(...)``.

Flow: validate windows -> put returns in event time (:mod:`.align`) -> fit the
expected-return model for all firm-events at once (:mod:`.models`) -> AR, SAR, CAR,
SCAR, BHAR -> window dates, price-limit hits and confounders inside windows
(:mod:`.flags`) -> every test battery: pooled, per group, group differences, per pool
(:mod:`.testing`) -> tidy frames (:mod:`.frames`, which only shapes what was computed).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, InsufficientDataError
from reequity.study.align import Panel, build_panel
from reequity.study.checks import check_inputs, zero_variance
from reequity.study.clean import ExclusionInput, exclusion_frame, exclusion_mask, naive_dates
from reequity.study.conventions import DEFAULT_CONVENTION, Convention, check_convention
from reequity.study.derive import derive
from reequity.study.event_checks import check_extent
from reequity.study.flags import confounder_findings, find_flags
from reequity.study.frames import assemble
from reequity.study.groups import grouping
from reequity.study.issues import Issue
from reequity.study.models import DEFAULT_MODEL, DIMSON_LAGS, MODELS, Model, ModelFit, fit_model
from reequity.study.pools import PoolBy, event_pools
from reequity.study.results import EventStudyResults
from reequity.study.sample_issues import panel_issues
from reequity.study.statistics import TESTS
from reequity.study.testing import run_tests
from reequity.study.timing import time_unknown_issues
from reequity.study.windows import (
    DEFAULT_CLEAN_WINDOW,
    DEFAULT_ESTIMATION,
    DEFAULT_WINDOWS,
    WindowSpec,
    default_min_estimation,
    make_window_spec,
    parse_window,
)

__all__ = ["EventStudy", "event_study", "Convention"]

_NONE = np.empty((0, 0))
Benchmark = str | pd.Series | Mapping[str, str] | None


@dataclass(frozen=True, eq=False)  # holds DataFrames: identity, not value, equality
class EventStudy:
    """Specification of an event study; the constructor validates, ``fit()`` computes.

    Parameters are those of :func:`event_study`. Make a variant with
    ``dataclasses.replace(spec, model="dimson")``.
    """

    returns: pd.DataFrame
    events: pd.DataFrame
    benchmark: Benchmark
    model: Model = DEFAULT_MODEL
    model_options: Mapping[str, Any] | None = None
    estimation: tuple[int, int] = DEFAULT_ESTIMATION
    windows: Sequence[tuple[int, int]] = DEFAULT_WINDOWS
    convention: Convention = DEFAULT_CONVENTION
    tests: str | Sequence[str] = "all"
    min_estimation: int | None = None
    calendars: Mapping[str, str] | None = None
    factors: pd.DataFrame | None = None
    price_limits: Mapping[str, float | pd.Series] | None = None
    confounders: pd.DataFrame | None = None
    seed: int = 0
    dimson_lags: int = DIMSON_LAGS
    groups: Mapping[str, str] | None = None
    kinds: Mapping[str, str] | None = None
    clean_estimation: bool = True
    clean_window: tuple[int, int] = DEFAULT_CLEAN_WINDOW
    exclude: ExclusionInput = None
    pool_by: PoolBy = None
    window_spec: WindowSpec = field(init=False, repr=False)
    exclusions: pd.DataFrame = field(init=False, repr=False)  # validated exclusion items
    test_names: tuple[str, ...] = field(init=False, repr=False)
    pools: dict[str, str] = field(init=False, repr=False)  # event_id -> pool ({}: none)
    scale: float = field(init=False, repr=False)  # largest |return|, see checks.zero_variance

    def __post_init__(self) -> None:
        object.__setattr__(self, "window_spec", make_window_spec(self.estimation, self.windows))
        object.__setattr__(self, "test_names", _test_names(self.tests))
        entry = MODELS.entry(self.model)  # "model 'x' is not known; valid: ..."
        entry.check_options(self.model_options)  # "model 'x' has no option(s) ...; valid: ..."
        if self.model_options is not None:  # a frozen spec holds a read-only copy
            object.__setattr__(self, "model_options", MappingProxyType(dict(self.model_options)))
        check_convention(self.convention)
        if not isinstance(self.returns, pd.DataFrame) or not isinstance(
            self.returns.index, pd.DatetimeIndex
        ):
            raise ConfigurationError(
                "returns must be a wide DataFrame with a DatetimeIndex (one column per "
                f"ticker); got {type(self.returns).__name__}. Use rq.load_returns(...)."
            )
        if not (self.returns.index.is_monotonic_increasing and self.returns.index.is_unique):
            raise ConfigurationError(
                "returns index must be increasing dates without duplicates; sort it and drop "
                "duplicated dates first (returns.sort_index(), index.duplicated())."
            )
        check_extent(self.window_spec, self.returns)  # before any (n x taus) array
        object.__setattr__(self, "scale", check_inputs(self.returns, self.benchmark, self.factors))
        if self.benchmark is None and entry.needs_benchmark:
            free = [m.name for m in MODELS.values() if not m.needs_benchmark]
            other = f" (or use model={free[0]!r})" if free else ""
            raise ConfigurationError(
                f"model {self.model!r} needs a benchmark; pass benchmark=<column name>, a "
                f"Series or a mapping ticker -> column{other}."
            )
        if self.factors is None and entry.needs_factors:
            raise ConfigurationError(
                f"model={self.model!r} needs a factors frame (DatetimeIndex, one column per "
                "factor); pass factors=<DataFrame>."
            )
        if self.min_estimation is not None and self.min_estimation < 3:
            raise ConfigurationError(
                f"min_estimation={self.min_estimation} is too small; use at least 3."
            )
        lags = self._options.get("dimson_lags", self.dimson_lags)  # model_options first
        for value in (self.dimson_lags, lags):
            if not isinstance(value, int | float | np.number) or value < 1:
                raise ConfigurationError(f"dimson_lags={value!r}; use 1 or more.")
        if not isinstance(self.clean_estimation, bool | np.bool_):
            raise ConfigurationError(
                f"clean_estimation={self.clean_estimation!r}; use True or False."
            )
        window = parse_window(self.clean_window, name="clean_window")
        object.__setattr__(self, "clean_window", window)
        object.__setattr__(self, "exclusions", exclusion_frame(self.confounders, self.exclude))
        object.__setattr__(self, "pools", event_pools(self.events, self.pool_by))

    @property
    def _options(self) -> dict[str, Any]:
        """This spec's values of its model's registered options."""
        return MODELS.entry(self.model).option_values(self)

    @property
    def _pad(self) -> int:
        """Leads and lags of the benchmark the model reads (Dimson, Scholes-Williams)."""
        return MODELS.entry(self.model).pad_for(self._options)

    def fit(self) -> EventStudyResults:
        """Run the study and return :class:`~reequity.study.results.EventStudyResults`."""
        spec = self.window_spec
        panel = build_panel(
            self.returns,
            self.events,
            benchmark=self.benchmark,
            taus=spec.taus,
            pad=self._pad,
            calendars=self.calendars,
            factors=self.factors,
            date_taus=spec.span,
        )
        est = (spec.taus >= spec.estimation[0]) & (spec.taus <= spec.estimation[1])
        n_dropped = self._clean(panel)
        fit, keep, dropped = self._estimate(panel, est)
        issues: list[Issue] = list(panel.issues)
        cleaned = self.clean_window if self.clean_estimation else None
        issues += dropped + panel_issues(panel, spec, cleaned)
        issues += time_unknown_issues(self.events, panel.keys)
        arrays = derive(panel, fit, est, spec, keep, self.convention)
        arrays.params["n_est_dropped"] = n_dropped[keep]
        # the (n, L) returns, benchmark and model are no longer needed: free them before
        # the test battery allocates its own arrays (peak memory, and first-touch time)
        panel = dataclasses.replace(panel, ret=_NONE, bench=_NONE, factors=None)
        del fit
        flags = find_flags(self, panel, arrays)  # window dates, price-limit hits
        issues += confounder_findings(self, arrays, flags)  # warns (ConfounderWarning)
        g = grouping(arrays.params["ticker"].to_numpy(), groups=self.groups, kinds=self.kinds)
        runs = run_tests(self, arrays, g)  # pool, groups, differences, pools
        return assemble(self, panel, arrays, issues, flags, runs)  # shapes frames only

    # _clean and _estimate are the steps of fit() between the panel and derive(); the
    # specification curve (:mod:`.curve_fits`) calls them on panels it shares.

    def _clean(self, panel: Panel, drop: np.ndarray | None = None) -> np.ndarray:
        """Turn the estimation returns around other events into missing values.

        Drops, per firm-event, the sessions ``clean_window`` around the day 0 (on the
        firm's exchange) of the study's other events for that ticker, of every
        confounder and of every ``exclude`` item (see :mod:`reequity.study.clean`), so
        the fit and every test use the remaining M_i sessions. ``drop`` is that (n, L)
        mask when the caller has it already (true on estimation taus only). Returns the
        number of sessions with a return that were dropped, per firm-event.
        """
        if not self.clean_estimation:
            return np.zeros(len(panel.keys), dtype=np.int64)
        if drop is None:
            spec = self.window_spec
            drop = exclusion_mask(
                panel.keys, naive_dates(self.returns), self.exclusions,
                taus=spec.taus, est=spec.estimation, window=self.clean_window,
            )  # fmt: skip
            drop &= np.isfinite(panel.ret)
        else:
            drop = drop & np.isfinite(panel.ret)  # never the caller's mask
        if drop.any():
            panel.ret[drop] = np.nan  # the panel's own copy, never the caller's frame
        return drop.sum(axis=1)

    def _estimate(self, panel: Panel, est: np.ndarray) -> tuple[ModelFit, np.ndarray, list[Issue]]:
        """Fit the model on the (cleaned) panel and screen the fits: the fit, the kept
        firm-events and an issue per dropped one."""
        fit = fit_model(
            panel.ret,
            panel.bench,
            est,
            model=self.model,
            pad=self._pad,
            factors=panel.factors,
            convention=self.convention,
            options=self._options,
        )
        keep, dropped = self._screen(panel, fit, est)
        return fit, keep, dropped

    def _screen(
        self, panel: Panel, fit: ModelFit, est: np.ndarray
    ) -> tuple[np.ndarray, list[Issue]]:
        """Drop firm-events with too few estimation observations or no residual
        variance (a constant series, an exact fit), reporting each."""
        estimation = self.window_spec.estimation
        need = max(self.min_estimation or default_min_estimation(estimation), fit.k + 3)
        flat, typical = zero_variance(fit.sigma, panel.ret, est, self.scale)
        short = ~(fit.n_est >= need)
        keep = ~short & np.isfinite(fit.sigma) & (fit.sigma > 0) & ~flat
        rows: list[Issue] = []
        for i in np.flatnonzero(~keep):  # dropped firm-events only: few
            if short[i]:
                why = f"{int(fit.n_est[i])} estimation observations (< {need})"
            elif flat[i] or fit.sigma[i] == 0:
                why = (
                    f"no residual variance (sigma {fit.sigma[i]:.3g} for a mean |return| of "
                    f"{typical[i]:.3g}: a constant series or an exact fit)"
                )
            else:
                why = "no residual variance (the model could not be fitted)"
            event_id, ticker = panel.keys.at[i, "event_id"], panel.keys.at[i, "ticker"]
            rows.append(Issue(str(event_id), str(ticker), "dropped", f"{why}; firm-event dropped"))
        if not keep.any():
            raise InsufficientDataError(
                f"no firm-event has {need} estimation observations in window "
                f"{self.window_spec.estimation}; load a longer history or lower min_estimation."
            )
        return keep, rows


def _test_names(tests: str | Sequence[str]) -> tuple[str, ...]:
    if isinstance(tests, str):
        tests = list(TESTS) if tests == "all" else [t.strip() for t in tests.split(",")]
    bad = [t for t in tests if t not in TESTS]
    if bad or not tests:
        raise ConfigurationError(
            f"unknown test(s) {bad or tests}; valid: 'all' or any of {', '.join(TESTS)}."
        )
    return tuple(dict.fromkeys(tests))


def event_study(
    returns: pd.DataFrame,
    events: pd.DataFrame,
    *,
    benchmark: Benchmark,
    model: Model = DEFAULT_MODEL,
    model_options: Mapping[str, Any] | None = None,
    estimation: tuple[int, int] = DEFAULT_ESTIMATION,
    windows: Sequence[tuple[int, int]] = DEFAULT_WINDOWS,
    convention: Convention = DEFAULT_CONVENTION,
    tests: str | Sequence[str] = "all",
    min_estimation: int | None = None,
    calendars: Mapping[str, str] | None = None,
    factors: pd.DataFrame | None = None,
    price_limits: Mapping[str, float | pd.Series] | None = None,
    confounders: pd.DataFrame | None = None,
    seed: int = 0,
    clean_estimation: bool = True,
    clean_window: tuple[int, int] = DEFAULT_CLEAN_WINDOW,
    exclude: ExclusionInput = None,
    pool_by: PoolBy = None,
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
    model : str, default "market"
        A model registered in :data:`reequity.study.models.MODELS` (its entry gives the
        paper and what it needs); built in: market, constant_mean, market_adjusted,
        scholes_williams, dimson, factor.
    model_options : Mapping, optional
        Values of the model's registered options (its entry's ``options``, e.g.
        ``{"dimson_lags": 2}``); a name the model does not register is a
        ConfigurationError naming the valid ones. Unset options take the spec's field of
        that name (``dimson_lags``) or the registered default.
    estimation : (int, int), default (-250, -11)
        Inclusive estimation window in trading days; must end before every event window.
    windows : sequence of (int, int), default ((-1, 1),)
        Inclusive event windows, labelled ``"a:b"`` in results.
    convention : {"textbook", "estudy2"}
        ``textbook``: residual variance with divisor M - k and the full prediction-error
        variance for CARs (Campbell, Lo and MacKinlay 1997, ch. 4). ``estudy2``: copies
        the R package estudy2's formulas (divisor M - 1, pooled generalized-sign p, ...).
    tests : "all" or sequence of str
        Tests registered in :data:`reequity.study.statistics.TESTS` ("all": every one);
        built in: t_cs, brown_warner_1980, cda, lamb, patell, adjusted_patell, bmp,
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
        Ticker -> daily price limit (0.10, 0.20), or a Series of limits indexed by the
        date each applies from (ChiNext: 0.10, 0.20 from 2020-08-24): flags
        ``limit_hit`` when |ret| is within 0.5 percentage points of that day's limit.
    confounders : DataFrame, optional
        ``event_id``, ``date``, ``title`` (optionally ``time``, ``timezone``, and
        ``ticker`` for firm-specific news) of other events; one inside a window is
        reported in ``issues`` with a ConfounderWarning (a row with a ticker only for
        that ticker), and its sessions leave the estimation windows (``clean_estimation``).
    seed : int, default 0
        Seed of the bootstrap.
    clean_estimation : bool, default True
        Leave out of each firm-event's estimation sample the sessions ``clean_window``
        around the day 0 (on the firm's own exchange) of the study's other events for
        that ticker, of every confounder and of every ``exclude`` item. The fit and every
        test then use that firm-event's remaining estimation length; ``params`` reports
        ``n_est`` (used) and ``n_est_dropped``. ``False`` keeps every estimation day.
    clean_window : (int, int), default (-1, 1)
        Sessions around each excluded item's day 0 that are dropped.
    exclude : DataFrame or sequence of dates, optional
        More dates to keep out of the estimation windows: a list of dates (every ticker)
        or a frame with ``date`` and optionally ``ticker`` (blank = every ticker),
        ``time`` and ``timezone`` (a publication time moves day 0 as for events).
    pool_by : str or Mapping, optional
        Pools of comparable events, each tested on its own (:mod:`reequity.study.pools`):
        a column of ``events`` (e.g. ``event_type``) or a mapping event_id -> pool. An
        event without a value is in the pool ``"unpooled"``. Fills ``pools``,
        ``pool_tests`` and ``pool_difference``; ``ALL`` still pools every event.
    **options
        ``dimson_lags`` (default 1); ``groups`` (ticker -> group label, e.g. ``CN``,
        ``ex-CN``) and ``kinds`` (ticker -> stock, etf, basket or index; default stock):
        only stocks enter the pooled ``aar``, ``caar`` and ``tests`` (an ETF or basket
        holds the stocks and would count them twice); each stock group and each other
        kind is reported in the ``group_*`` frames, with long-short tests of the
        difference between stock groups in ``group_difference``.

    Returns
    -------
    EventStudyResults
        Frames ``ar``, ``car``, ``aar``, ``caar``, ``tests``, ``issues``, ``params`` and,
        with groups or non-stock kinds, ``group_aar``, ``group_caar``, ``group_tests``,
        ``group_difference``; with ``pool_by``, ``pools``, ``pool_tests`` and
        ``pool_difference``. ``issues`` reports dropped firm-events, day 0 moved off a
        non-trading day or missing, windows running past the data, overlapping events and confounders.

    Raises
    ------
    ConfigurationError
        Invalid options; repeated, non-numeric or infinite columns in ``returns``,
        ``benchmark`` or ``factors`` (the column and the first date are named).
    InsufficientDataError
        When no firm-event has enough estimation observations.

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
    if isinstance(benchmark, str):
        _warn_index_columns(returns, benchmark)
    return EventStudy(
        returns,
        events,
        benchmark,
        model=model,
        model_options=model_options,
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
        clean_estimation=clean_estimation,
        clean_window=clean_window,
        exclude=exclude,
        pool_by=pool_by,
        **options,
    ).fit()


@functools.lru_cache(maxsize=4)
def _index_tickers(path: Path) -> frozenset[str]:
    """The universe's market-index tickers, once per universe file: ``load_universe``
    returns a fresh copy of the whole (cached) table each call."""
    from reequity.data.universe import load_universe

    kinds = load_universe(path)["kind"]
    return frozenset(kinds.index[kinds.to_numpy() == "index"].astype(str))


def _warn_index_columns(returns: pd.DataFrame, benchmark: str) -> None:
    """Warn when a column of a user frame is one of the universe's market indices: with one
    benchmark every other column is a firm, so ``load_returns([..., "ASX200", "SPX"])``
    would study the ASX 200 and the S&P 500 as firms against ``benchmark``."""
    import warnings

    from reequity.data.universe import UNIVERSE_CSV
    from reequity.errors import ReequityWarning

    known = _index_tickers(UNIVERSE_CSV.resolve())
    cols = returns.columns
    # the usual frame (ticker strings, no index column): hash look-ups in the columns'
    # own index, not a str() of every column (iterating an Arrow-backed Index is slow)
    if pd.api.types.is_string_dtype(cols) and not any(k in cols for k in known):
        return
    names = returns.columns.astype(str)  # vectorised: no Python loop per column
    indices = names[names.isin(known) & (returns.columns != benchmark)].tolist()
    if indices:
        warnings.warn(
            f"column(s) {', '.join(indices)} are market indices in the universe and are "
            f"studied as firms against {benchmark!r}; drop them, or use "
            "catalogue_event_study for each firm's own benchmark and exchange calendar",
            ReequityWarning,
            stacklevel=3,
        )
