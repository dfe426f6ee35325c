"""Specification curve of an event study: the headline CAAR over a grid of defensible choices.

Implements the descriptive step of Simonsohn, Simmons and Nelson (2020), "Specification
curve analysis", *Nature Human Behaviour* 4, 1208-1214: run every reasonable combination of
analyst choices (expected-return model, estimation window, event window, benchmark, which
firm-events to keep), and report the distribution of the estimate and of its
dependence-robust p-values. It measures sensitivity to analyst choices; it is not a
multiple-testing correction. The inference step (a joint test under the null) is
:meth:`SpecificationCurve.placebo_test`, which re-runs the whole curve on placebo event
dates drawn from non-event days.

The grid is data: ``spec_grid.csv`` beside this module (``choice, value, baseline, note``),
read by :func:`default_grid`; users pass their own frame of the same shape. Each choice is
applied by a function registered once in :data:`CHOICES` (:func:`register_choice`, in
:mod:`.spec_choices`); the
event window is not applied one by one: every window of the grid is computed in one fit
of each other combination, since windows share the estimation sample and event-time gather.
The combinations share more (one panel per data choice, one fit per model choice): see
:mod:`.curve_fits`.
"""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError
from reequity.study.curve_fits import ROW_COLUMNS, fit_variants
from reequity.study.spec_choices import (
    CHOICES,
    ChoiceContext,
    apply_choices,
    prune_grid,
    register_choice,
)
from reequity.study.statistics import ROBUST_TESTS
from reequity.study.windows import parse_window, window_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from reequity.study.engine import EventStudy

__all__ = [
    "CHOICES",
    "ChoiceContext",
    "SpecificationCurve",
    "default_grid",
    "expand_grid",
    "register_choice",
    "specification_curve",
]

GRID_PATH = Path(__file__).with_name("spec_grid.csv")
WINDOW = "window"  # the one choice computed jointly, see the module docstring


def default_grid() -> pd.DataFrame:
    """The documented default grid (``spec_grid.csv``): ``choice, value, baseline, note``."""
    grid = pd.read_csv(GRID_PATH, dtype=str, keep_default_na=False)
    grid["baseline"] = grid["baseline"].eq("yes")
    return grid


def _check_grid(grid: pd.DataFrame) -> pd.DataFrame:
    missing = {"choice", "value"} - set(grid.columns)
    if missing:
        raise ConfigurationError(
            f"grid needs columns choice, value (missing {', '.join(sorted(missing))})"
        )
    grid = grid.astype({"choice": str, "value": str}).drop_duplicates(["choice", "value"])
    unknown = sorted(set(grid["choice"]) - {*CHOICES, WINDOW})
    if unknown:
        raise ConfigurationError(
            f"unknown choice(s) {', '.join(unknown)} in the grid; valid: "
            f"{', '.join([*CHOICES, WINDOW])} (add one with register_choice)"
        )
    if WINDOW not in set(grid["choice"]):
        raise ConfigurationError("the grid has no 'window' choice; give at least one window")
    return grid.reset_index(drop=True)


def expand_grid(grid: pd.DataFrame) -> pd.DataFrame:
    """All combinations of a grid's values: one row per specification, one column per choice.

    Examples
    --------
    >>> g = pd.DataFrame({"choice": ["model", "model", "window"],
    ...                   "value": ["market", "constant_mean", "0:0"]})
    >>> expand_grid(g)
       spec_id          model window
    0        0         market    0:0
    1        1  constant_mean    0:0
    """
    grid = _check_grid(grid)
    names = list(dict.fromkeys(grid["choice"]))
    values = [list(grid.loc[grid["choice"] == n, "value"]) for n in names]
    specs = pd.DataFrame(list(itertools.product(*values)), columns=names)
    specs.insert(0, "spec_id", np.arange(len(specs)))
    return specs


@dataclass(frozen=True)
class SpecificationCurve:
    """Headline estimates of one study over a grid of specifications.

    Attributes
    ----------
    table : DataFrame
        One row per specification x event (each event and ``ALL``): ``spec_id``, the
        choices, ``event_id``, ``n_firms``, ``caar``, ``ci_lower``/``ci_upper`` (95 %,
        cross-sectional Student t), ``robust_ci_lower``/``robust_ci_upper`` (95 %, the
        engine's dependence-robust interval from the CDA's standard error, Brown and
        Warner 1985; NaN when the CDA is not among the tests), per test
        ``<test>_stat`` and ``<test>_p``, ``robust_p`` (the largest p-value of the
        dependence-robust tests: a specification counts as significant only when every
        one of them is) and ``note`` (why a specification has no estimate).
    specs : DataFrame
        The expanded grid (``spec_id`` and the choices).
    baseline : dict
        The choice values of the headline specification.
    tests : tuple of str
        The dependence-robust tests run for each specification.
    notes : tuple of str
        Grid values left out and why (e.g. a choice that would change nothing).
    alpha : float
        Level of the shares of robust-significant specifications.
    shared : dict
        What the specifications shared (:func:`reequity.study.curve_fits.fit_variants`):
        ``specs``, ``variants`` (combinations of the choices other than the event window),
        ``panels`` built, cleaning ``masks``, model ``fits`` and test ``batteries`` run.
    """

    table: pd.DataFrame
    specs: pd.DataFrame
    baseline: dict[str, str]
    tests: tuple[str, ...]
    notes: tuple[str, ...] = ()
    alpha: float = 0.05
    shared: dict[str, int] = field(default_factory=dict)
    _study: Any = field(default=None, repr=False, compare=False)
    _grid: Any = field(default=None, repr=False, compare=False)
    _benchmarks: Any = field(default=None, repr=False, compare=False)

    @property
    def choices(self) -> list[str]:
        """Names of the choices varied, in grid order."""
        return [c for c in self.specs.columns if c != "spec_id"]

    def shares(self) -> pd.DataFrame:
        """Per event: specifications estimated, share with CAAR > 0, share robust-significant
        (``robust_p < alpha``), share of those with a positive CAAR, median/min/max CAAR and
        the baseline CAAR."""
        rows = []
        base = np.logical_and.reduce(
            [self.table[c] == v for c, v in self.baseline.items() if c in self.table]
        )
        for event_id, part in self.table.groupby("event_id", sort=False):
            ok = part[np.isfinite(part["caar"])]
            sig = ok["robust_p"] < self.alpha
            b = self.table.loc[base & (self.table["event_id"] == event_id), "caar"]
            rows.append(
                {
                    "event_id": event_id,
                    "n_specs": len(part),
                    "n_estimated": len(ok),
                    "share_positive": float((ok["caar"] > 0).mean()) if len(ok) else np.nan,
                    "share_significant": float(sig.mean()) if len(ok) else np.nan,
                    "share_significant_positive": float((sig & (ok["caar"] > 0)).mean())
                    if len(ok)
                    else np.nan,
                    "median_caar": float(ok["caar"].median()) if len(ok) else np.nan,
                    "min_caar": float(ok["caar"].min()) if len(ok) else np.nan,
                    "max_caar": float(ok["caar"].max()) if len(ok) else np.nan,
                    "baseline_caar": float(b.iloc[0]) if len(b) else np.nan,
                }
            )
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """The tidy table (a copy)."""
        return self.table.copy()

    def summary(self) -> str:
        """One line per event: sign and robust-significance shares, median CAAR."""
        windows = ", ".join(self.specs[WINDOW].unique())
        lines = [
            f"Specification curve: {len(self.specs)} specifications over "
            f"{', '.join(self.choices)} (windows {windows}); robust p = largest p of "
            f"{', '.join(self.tests)}",
        ]
        for r in self.shares().itertuples(index=False):
            if not r.n_estimated:
                lines.append(f"{r.event_id}: no specification could be estimated")
                continue
            lines.append(
                f"{r.event_id}: CAAR positive in {r.share_positive:.0%} of {r.n_estimated} "
                f"specifications, robust p < {self.alpha:g} in {r.share_significant:.0%}; "
                f"median {r.median_caar:+.2%} (range {r.min_caar:+.2%} to {r.max_caar:+.2%}; "
                f"baseline {r.baseline_caar:+.2%})"
            )
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<h4>Specification curve</h4>" + self.shares().to_html(
            index=False, float_format=lambda v: f"{v:.4f}"
        )

    def plot(
        self, *, event_id: str = "ALL", axes: Any = None, label: str | None = None
    ) -> tuple[Axes, Axes]:
        """The curve of one event; see :func:`reequity.plots.plot_specification_curve`."""
        from reequity.plots.robustness import plot_specification_curve

        return plot_specification_curve(self, event_id=event_id, axes=axes, label=label)

    def placebo_test(self, n: int = 200, *, seed: int = 0) -> pd.DataFrame:
        """Joint test of the whole curve against placebo event dates.

        Each draw moves every event of the study to a random trading day of the returns
        that is at least one span away from every real event (all firms of an event keep
        one common placebo date, so cross-sectional dependence is preserved), re-runs the
        full curve and records its median CAAR and its share of robust-significant
        specifications. The p-value of each is the share of draws at least as extreme as
        the real curve, ``(1 + #{|placebo| >= |real|}) / (1 + n)``, per event.

        Assumptions: under the null, event days are exchangeable with other days (no
        volatility regime specific to the event dates); each draw is one full curve (the
        same shared path: one panel per data choice, one fit per model choice), so the cost
        is ``n`` times the curve's.

        Returns
        -------
        DataFrame
            event_id, median_caar, share_significant, p_median, p_share, n_draws.
        """
        if self._study is None:
            raise ConfigurationError("this curve was not built by specification_curve()")
        if n < 1:
            raise ConfigurationError(f"n={n}; draw at least one placebo curve")
        study = self._study
        rng = np.random.default_rng(seed)
        dates = study.returns.index
        real = pd.to_datetime(study.events["date"]).dt.normalize()
        starts = [parse_window(v)[0] for v in self.specs.get("estimation", [])]
        est0 = min(starts, default=study.window_spec.estimation[0])
        end = max(parse_window(w)[1] for w in self.specs[WINDOW].unique())
        # placebo day 0 must leave room for the estimation window and the longest window
        index = np.arange(len(dates))
        room = (index >= -est0) & (index < len(dates) - end - 1)
        near = np.zeros(len(dates), dtype=bool)
        for p in np.searchsorted(dates.values, real.values.astype("datetime64[ns]")):
            near[max(p - end - 10, 0) : p + end + 11] = True
        pool = np.flatnonzero(room & ~near)
        if len(pool) < 2:
            raise ConfigurationError("too few non-event days for placebo dates")
        observed = self.shares().set_index("event_id")
        draws: list[pd.DataFrame] = []
        ids = study.events["event_id"].astype(str).unique()
        for _ in range(n):
            chosen = dict(zip(ids, dates[rng.choice(pool, size=len(ids))], strict=True))
            events = study.events.copy()
            events["date"] = events["event_id"].astype(str).map(chosen)
            for col in ("time", "timezone"):  # a placebo is a whole session
                if col in events:
                    events = events.drop(columns=col)
            placebo = dataclasses.replace(study, events=events)
            curve = specification_curve(
                placebo,
                self._grid,
                benchmarks=self._benchmarks,
                tests=self.tests,
                alpha=self.alpha,
            )
            draws.append(curve.shares()[["event_id", "median_caar", "share_significant"]])
        sims = pd.concat(draws, ignore_index=True)
        rows = []
        for event_id, part in sims.groupby("event_id", sort=False):
            obs = observed.loc[event_id]
            k = len(part)
            rows.append(
                {
                    "event_id": event_id,
                    "median_caar": obs["median_caar"],
                    "share_significant": obs["share_significant"],
                    "p_median": (1 + (part["median_caar"].abs() >= abs(obs["median_caar"])).sum())
                    / (1 + k),
                    "p_share": (1 + (part["share_significant"] >= obs["share_significant"]).sum())
                    / (1 + k),
                    "n_draws": k,
                }
            )
        return pd.DataFrame(rows)


def _robust_columns(rows: pd.DataFrame, tests: Sequence[str]) -> pd.DataFrame:
    """``robust_p``: the largest p of ``tests`` (the interval is the engine's CDA one)."""
    out = rows.copy()
    out["robust_p"] = out[[f"{t}_p" for t in tests]].max(axis=1, skipna=True)
    return out


def _table(
    specs: pd.DataFrame,
    others: list[str],
    rows: Sequence[pd.DataFrame | str],
    tests: Sequence[str],
) -> pd.DataFrame:
    """Each specification joined to the rows of its variant (one merge for the curve);
    a variant that failed gives its specifications one ``ALL`` row of NaN and its note."""
    variant = (
        specs.groupby(others, sort=False).ngroup().to_numpy()
        if others
        else np.zeros(len(specs), dtype=np.intp)
    )
    frames: list[pd.DataFrame] = []
    seen: dict[int, int] = {}
    which = np.full(len(rows), -1)
    for i, found in enumerate(rows):
        if isinstance(found, pd.DataFrame):  # variants sharing a battery share its frame
            which[i] = seen.setdefault(id(found), len(frames))
            if which[i] == len(frames):
                frames.append(found)
    columns = [*ROW_COLUMNS, *(f"{t}_{x}" for t in tests for x in ("stat", "p"))]
    found = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    found.insert(0, "_rows", np.repeat(np.arange(len(frames)), [len(f) for f in frames]))
    left = specs.assign(_rows=which[variant], _variant=variant)
    table = left.merge(_robust_columns(found, tests), on=["_rows", WINDOW], how="left")
    table.loc[table["_rows"].to_numpy() < 0, "event_id"] = "ALL"
    notes = np.array([r if isinstance(r, str) else "" for r in rows], dtype=object)
    table["note"] = notes[table["_variant"].to_numpy()]
    return table.drop(columns=["_rows", "_variant"])


def specification_curve(
    study: EventStudy,
    grid: pd.DataFrame | None = None,
    *,
    benchmarks: Mapping[str, Any] | None = None,
    tests: Sequence[str] = ROBUST_TESTS,
    alpha: float = 0.05,
) -> SpecificationCurve:
    """Re-run an event study over a grid of specifications.

    Parameters
    ----------
    study : EventStudy
        The headline study (its data, events and settings other than the grid's choices).
    grid : DataFrame, optional
        ``choice, value`` rows (optionally ``baseline`` True on the headline value of each
        choice); default :func:`default_grid`. Every combination is run.
    benchmarks : Mapping, optional
        Named benchmarks for the ``benchmark`` choice (name -> what ``benchmark=`` takes);
        ``"own"`` is always the study's own benchmark. Values of the grid with no named
        benchmark are left out of the default grid with a note, refused in a user grid.
    tests : sequence of str
        Dependence-robust tests to run per specification (default ``ROBUST_TESTS``).
    alpha : float, default 0.05
        Level for the shares of robust-significant specifications.

    Returns
    -------
    SpecificationCurve

    Raises
    ------
    ConfigurationError
        An unknown choice or value, or a grid without an event window.
    """
    from reequity.study.engine import EventStudy

    if not isinstance(study, EventStudy):
        raise ConfigurationError(
            f"study must be an EventStudy (the specification), got {type(study).__name__}"
        )
    user_grid = grid is not None
    grid = _check_grid(default_grid() if grid is None else grid)
    benchmarks = {"own": study.benchmark, **dict(benchmarks or {})}
    tests = tuple(tests)
    notes: list[str] = []
    # the curve reads the caar/tests rows of each fit: pools would only cost time there
    base_study = dataclasses.replace(study, tests=list(tests), pool_by=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        baseline_fit = base_study.fit()
    confounded = frozenset(
        (str(e), str(t))
        for e, t, k in baseline_fit.issues[["event_id", "ticker", "kind"]].itertuples(index=False)
        if k == "confounder" and t
    )
    pairs = baseline_fit.params[["event_id", "ticker"]].drop_duplicates()
    kinds = dict(study.kinds or {})
    has_non_stocks = any(kinds.get(t, "stock") != "stock" for t in pairs["ticker"])
    ctx = ChoiceContext(
        benchmarks=benchmarks, confounded=confounded, pairs=pairs, has_non_stocks=has_non_stocks
    )
    grid = prune_grid(grid, ctx, user_grid, notes)
    specs = expand_grid(grid)
    baseline = _baseline(grid)
    others = [c for c in specs.columns if c not in ("spec_id", WINDOW)]
    windows = list(dict.fromkeys(specs[WINDOW]))
    combos = list(specs[others].drop_duplicates().itertuples(index=False, name=None))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rows, counts = fit_variants(apply_choices(base_study, combos, others, windows, ctx))
    table = _table(specs, others, rows, tests)
    shared = {"specs": len(specs), **counts}
    return SpecificationCurve(
        table=table,
        specs=specs,
        baseline=baseline,
        tests=tests,
        notes=tuple(notes),
        alpha=alpha,
        _study=study,
        _grid=grid,
        shared=shared,
        _benchmarks={k: v for k, v in benchmarks.items() if k != "own"},
    )


def _baseline(grid: pd.DataFrame) -> dict[str, str]:
    """The headline value of each choice: the row marked baseline, else the first."""
    out: dict[str, str] = {}
    flag = grid["baseline"].astype(bool) if "baseline" in grid else pd.Series(False, grid.index)
    for choice, part in grid.groupby("choice", sort=False):
        marked = part.loc[flag[part.index]]
        out[str(choice)] = str((marked if len(marked) else part)["value"].iloc[0])
    return out


def window_choice(windows: Sequence[tuple[int, int]]) -> pd.DataFrame:
    """Grid rows for a list of event windows (a helper to build user grids)."""
    return pd.DataFrame({"choice": WINDOW, "value": [window_label(w) for w in windows]})
